/* qs-cli-lpt.c — `qscope-cli lpt MODEL.xml [--json] [--save OUT.xml] [--cpu CPU]`
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * One row per layer that computes something (id, name, type, precision,
 * weight sparsity of compute layers, reason, input and output scale/zero
 * point) and a summary; JSON has the same per layer (keys id, name, type,
 * precision, role, compute, reason, weight_sparsity, input, output) and a
 * summary (int8_compute, compute, fp32_reasons), and the CPU; --save writes
 * the transformed graph through the IR writer and reads it back to check it.
 * --cpu picks the CPU whose plugin restrictions apply (default: this one).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "qs-cli.h"
#include "qscope-core.h"
#include "qs-ir-writer.h"
#include "qs-lpt.h"

static char *
quant_text (const QsLptQuant *q)
{
  if (q->type == QS_ELEMENT_UNDEFINED)
    return g_strdup ("-");
  if (q->n > 1)
    return g_strdup_printf ("%s per-channel(%u) s=%.3g… z=%.4g…", qs_element_type_name (q->type), q->n,
                            q->scale[0], q->zero_point[0]);
  return g_strdup_printf ("%s s=%.4g z=%.6g", qs_element_type_name (q->type), q->scale[0], q->zero_point[0]);
}

static JsonNode *
quant_json (const QsLptQuant *q)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  guint c;

  if (q->type == QS_ELEMENT_UNDEFINED)
    return json_node_new (JSON_NODE_NULL);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, qs_element_type_name (q->type));
  json_builder_set_member_name (b, "axis");
  json_builder_add_int_value (b, q->axis);
  json_builder_set_member_name (b, "scale");
  json_builder_begin_array (b);
  for (c = 0; c < q->n; c++)
    json_builder_add_double_value (b, q->scale[c]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "zero_point");
  json_builder_begin_array (b);
  for (c = 0; c < q->n; c++)
    json_builder_add_double_value (b, q->zero_point[c]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
shown (const QsLptDecision *d)
{
  return d->precision != QS_LPT_PRECISION_NONE;
}

static void
print_json (QsLptResult *r)
{
  const QsGraph *g = qs_lpt_result_get_original (r)->graph;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) reasons = NULL;
  g_autofree char *text = NULL;
  guint i, n_int8, n_compute;
  GHashTableIter iter;
  gpointer key, value;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "cpu");
  json_builder_add_string_value (b, qs_lpt_cpu_name (qs_lpt_result_get_cpu (r)));
  json_builder_set_member_name (b, "layers");
  json_builder_begin_array (b);
  for (i = 0; i < g->n_nodes; i++)
    {
      const QsLptDecision *d = qs_lpt_result_get_decision_at (r, g->topo[i]->index);
      if (!shown (d))
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, (gint64) d->node->id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, d->node->name);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, d->node->type);
      json_builder_set_member_name (b, "precision");
      json_builder_add_string_value (b, qs_lpt_precision_name (d->precision));
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, qs_lpt_role_name (d->role));
      json_builder_set_member_name (b, "compute");
      json_builder_add_boolean_value (b, d->is_compute);
      json_builder_set_member_name (b, "reason");
      if (d->reason != NULL)
        json_builder_add_string_value (b, d->reason);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "weight_sparsity");
      if (d->is_compute && d->weight_sparsity >= 0)
        json_builder_add_double_value (b, d->weight_sparsity);
      else
        json_builder_add_null_value (b);
      if (d->nncf_ignored != NULL)
        {
          json_builder_set_member_name (b, "nncf_ignored");
          json_builder_add_string_value (b, d->nncf_ignored);
        }
      if (d->grid.mark != QS_LPT_GRID_OWN || d->grid.from_aligned != NULL)
        {
          g_autofree char *note = qs_lpt_grid_describe (&d->grid);

          json_builder_set_member_name (b, "grid");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "mark");
          json_builder_add_string_value (b, qs_lpt_grid_mark_name (d->grid.mark));
          json_builder_set_member_name (b, "note");
          json_builder_add_string_value (b, note);
          if (d->grid.mark == QS_LPT_GRID_ALIGNED)
            {
              json_builder_set_member_name (b, "step");
              json_builder_add_double_value (b, d->grid.step);
              json_builder_set_member_name (b, "own_step");
              json_builder_add_double_value (b, d->grid.own_step);
              json_builder_set_member_name (b, "levels");
              json_builder_add_int_value (b, d->grid.levels);
            }
          json_builder_end_object (b);
        }
      json_builder_set_member_name (b, "input");
      json_builder_add_value (b, quant_json (&d->input));
      json_builder_set_member_name (b, "output");
      json_builder_add_value (b, quant_json (&d->output));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  qs_lpt_result_count (r, &n_int8, &n_compute, &reasons);
  json_builder_set_member_name (b, "summary");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "int8_compute");
  json_builder_add_int_value (b, n_int8);
  json_builder_set_member_name (b, "compute");
  json_builder_add_int_value (b, n_compute);
  json_builder_set_member_name (b, "fp32_reasons");
  json_builder_begin_object (b);
  g_hash_table_iter_init (&iter, reasons);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      json_builder_set_member_name (b, key);
      json_builder_add_int_value (b, GPOINTER_TO_UINT (value));
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

static void
print_text (QsLptResult *r,
            gboolean     host)
{
  const QsGraph *g = qs_lpt_result_get_original (r)->graph;
  g_autofree char *summary = qs_lpt_result_summary (r);
  guint i;

  g_print ("%s %s%s\n\n", _("CPU:"), qs_lpt_cpu_name (qs_lpt_result_get_cpu (r)),
           host ? _(" (this machine)") : "");
  g_print ("%-6s %-32s %-18s %-9s %-8s %-30s %-30s %s\n", _("id"), _("name"), _("type"), _("precision"),
           _("sparsity"), _("input"), _("output"), _("reason"));
  for (i = 0; i < g->n_nodes; i++)
    {
      const QsLptDecision *d = qs_lpt_result_get_decision_at (r, g->topo[i]->index);
      g_autofree char *in = NULL, *out = NULL, *sparsity = NULL;
      if (!shown (d))
        continue;
      in = quant_text (&d->input);
      out = quant_text (&d->output);
      sparsity = d->is_compute && d->weight_sparsity >= 0 ? g_strdup_printf ("%.1f%%", 100 * d->weight_sparsity)
                                                           : g_strdup ("-");
      g_print ("%-6" G_GUINT64_FORMAT " %-32.32s %-18.18s %-9s %-8s %-30s %-30s %s\n", d->node->id, d->node->name,
               d->node->type, qs_lpt_precision_name (d->precision), sparsity, in, out,
               d->reason != NULL ? d->reason : "");
    }
  g_print ("\n%s %s\n", _("Summary:"), summary);
}

int
qs_cli_lpt (int    argc,
            char **argv)
{
  gboolean json = FALSE;
  g_autofree char *save = NULL;
  g_autofree char *cpu_name = NULL;
  QsLptCpu cpu;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "save", 0, 0, G_OPTION_ARG_FILENAME, &save, N_("Write the transformed graph as IR"), N_("OUT.xml") },
    { "cpu", 0, 0, G_OPTION_ARG_STRING, &cpu_name,
      N_("The CPU whose plugin restrictions apply: avx2, avx512_vnni, avx2_vnni_2 or amx (default: this machine’s)"),
      N_("CPU") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("MODEL.xml — the low-precision transformation"));
  g_autoptr(GError) error = NULL;
  g_autoptr(QsModel) model = NULL;
  g_autoptr(QsLptResult) result = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return qs_cli_usage (context, error->message);
  if (argc != 2)
    return qs_cli_usage (context, _("lpt takes one MODEL.xml"));
  if (cpu_name == NULL)
    cpu = qs_lpt_cpu_host ();
  else if (!qs_lpt_cpu_from_string (cpu_name, &cpu))
    {
      g_autofree char *message = g_strdup_printf (_("--cpu “%s” is none of avx2, avx512_vnni, avx2_vnni_2, amx"),
                                                  cpu_name);
      return qs_cli_usage (context, message);
    }

  model = qs_model_load (argv[1], QS_LOAD_FLAGS_NONE, NULL, &error);
  if (model == NULL)
    return qs_cli_fail (error);
  result = qs_lpt_run_for (model, cpu, &error);
  if (result == NULL)
    return qs_cli_fail (error);

  if (save != NULL)
    {
      g_autoptr(QsModel) back = NULL;
      if (!qs_ir_write (qs_lpt_result_get_model (result), save, NULL, &error))
        return qs_cli_fail (error);
      back = qs_model_load (save, QS_LOAD_FLAGS_NONE, NULL, &error);
      if (back == NULL)
        return qs_cli_fail (error);
    }

  if (json)
    print_json (result);
  else
    print_text (result, cpu_name == NULL);
  return QS_CLI_EXIT_OK;
}
