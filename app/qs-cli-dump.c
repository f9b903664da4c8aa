/* qs-cli-dump.c — `qscope-cli dump MODEL.xml`: run the model layer by layer
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Float and fake-quant runs are stepped in lockstep so that each layer's
 * two outputs can be compared and then freed.  One row per layer output
 * (Const layers are left out).  With --mode all the int8 graph (another
 * graph) is first held to the fake-quant run by qs_exec_compare_int8(); its
 * figures go on the rows of the original FakeQuantize layers.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "qs-cli.h"
#include "qscope-core.h"
#include "qs-exec.h"
#include "qs-input.h"
#include "qs-npy.h"
#include "qs-stats.h"
#include "qs-weights.h"

typedef struct
{
  gboolean  has;
  guint     levels;
  double    scale_min, scale_max, zp_min, zp_max;
  QsFqRange range;
} FqInfo;

static const QsNode *
guarding_fq (const QsNode *node,
             guint         port)
{
  guint i;

  if (qs_node_is_type (node, "FakeQuantize"))
    return node;
  if (port >= node->n_outputs)
    return NULL;
  for (i = 0; i < node->outputs[port].n_consumers; i++)
    {
      const QsPort *c = node->outputs[port].consumers[i];
      if (c->index == 0 && qs_node_is_type (c->node, "FakeQuantize"))
        return c->node;
    }
  return NULL;
}

static float *
const_input (const QsNode *node,
             guint         i,
             guint64      *n)
{
  const QsNode *c = qs_node_input_node (node, i);

  if (c == NULL)
    return NULL;
  c = qs_node_skip_convert (c);
  if (c == NULL || c->konst == NULL)
    return NULL;
  *n = c->konst->n_elements;
  return qs_const_to_f32 (c, NULL);
}

static void
fq_info (const QsNode *fq,
         FqInfo       *info)
{
  g_autofree float *il = NULL, *ih = NULL, *ol = NULL, *oh = NULL;
  guint64 nil = 0, nih = 0, nol = 0, noh = 0, k;
  gint64 levels = 0;

  memset (info, 0, sizeof *info);
  if (fq == NULL || !qs_node_get_int (fq, "levels", 0, &levels, NULL) || levels < 2)
    return;
  il = const_input (fq, 1, &nil);
  ih = const_input (fq, 2, &nih);
  ol = const_input (fq, 3, &nol);
  oh = const_input (fq, 4, &noh);
  if (il == NULL || ih == NULL || ol == NULL || oh == NULL || nil == 0 || nih == 0 || nol == 0 || noh == 0)
    return;
  info->has = TRUE;
  info->levels = levels;
  info->range.levels = levels;
  info->range.in_low = il[0];
  info->range.in_high = ih[0];
  for (k = 1; k < nil; k++)
    info->range.in_low = MIN (info->range.in_low, il[k]);
  for (k = 1; k < nih; k++)
    info->range.in_high = MAX (info->range.in_high, ih[k]);
  info->scale_min = info->zp_min = INFINITY;
  info->scale_max = info->zp_max = -INFINITY;
  for (k = 0; k < MAX (nol, noh); k++)
    {
      double lo = ol[MIN (k, nol - 1)], hi = oh[MIN (k, noh - 1)];
      double scale = (hi - lo) / (levels - 1);
      double zp = scale != 0 ? -lo / scale : 0;
      info->scale_min = MIN (info->scale_min, scale);
      info->scale_max = MAX (info->scale_max, scale);
      info->zp_min = MIN (info->zp_min, zp);
      info->zp_max = MAX (info->zp_max, zp);
    }
}

static char *
range_text (double lo,
            double hi)
{
  if (lo == hi)
    return g_strdup_printf ("%.6g", lo);
  return g_strdup_printf ("%.6g..%.6g", lo, hi);
}

static void
csv_field (GString    *s,
           const char *text)
{
  if (strpbrk (text, ",\"\n") != NULL)
    {
      guint i;
      g_string_append_c (s, '"');
      for (i = 0; text[i]; i++)
        {
          if (text[i] == '"')
            g_string_append_c (s, '"');
          g_string_append_c (s, text[i]);
        }
      g_string_append_c (s, '"');
    }
  else
    g_string_append (s, text);
}

static void
progress_line (guint done,
               guint total)
{
  g_printerr ("\rqscope-cli dump: %u/%u layers", done, total);
  if (done == total)
    g_printerr ("\n");
}

int
qs_cli_dump (int    argc,
             char **argv)
{
  g_auto(GStrv) input_specs = NULL;
  g_autofree char *mode_text = NULL, *format = NULL, *out_path = NULL, *save_dir = NULL;
  g_autofree char *mean_text = NULL, *scale_text = NULL, *max_memory_text = NULL;
  g_autofree char *max_memory_help = qs_cli_max_memory_help ();
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_free);
  gboolean rgb = FALSE;
  GOptionEntry entries[] = {
    { "input", 'i', 0, G_OPTION_ARG_STRING_ARRAY, &input_specs, N_("NAME=FILE.npy, NAME=random[:SEED] or NAME=PHOTO"), "SPEC" },
    { "mode", 'm', 0, G_OPTION_ARG_STRING, &mode_text, N_("float, fq, int8 or all (default all)"), "MODE" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("csv or json (default csv)"), "FORMAT" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, N_("write here instead of stdout"), "FILE" },
    { "save-tensors", 0, 0, G_OPTION_ARG_FILENAME, &save_dir, N_("write one .npy per tensor and mode"), "DIR" },
    { "rgb", 0, 0, G_OPTION_ARG_NONE, &rgb, N_("photos in RGB order (default BGR)"), NULL },
    { "mean", 0, 0, G_OPTION_ARG_STRING, &mean_text, N_("photo mean, one value or three"), "M[,M,M]" },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale_text, N_("photo scale, one value or three"), "S[,S,S]" },
    { "max-memory", 0, 0, G_OPTION_ARG_STRING, &max_memory_text, max_memory_help, "SIZE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("MODEL.xml — run a model layer by layer"));
  g_autoptr(GError) error = NULL;
  g_autoptr(QsModel) model = NULL;
  QsExecMode modes[2];
  guint n_modes = 0, m, i;
  QsExec *execs[2] = { NULL, NULL };
  QsRun *runs[2] = { NULL, NULL };
  QsTensor **inputs = NULL;
  QsImageOptions img;
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(JsonBuilder) jb = json_builder_new ();
  gboolean json;
  gboolean tty = isatty (2);
  int status = QS_CLI_EXIT_ERROR;
  double seconds[2] = { 0, 0 };
  double int8_seconds = 0;
  gboolean with_int8 = FALSE;
  g_autoptr(GArray) int8_results = NULL;
  g_autoptr(GHashTable) int8_by_fq = g_hash_table_new (NULL, NULL);
  guint n_nodes;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return qs_cli_fail (error);
  if (argc != 2)
    return qs_cli_usage (context, _("give exactly one MODEL.xml"));
  if (!qs_cli_apply_max_memory (max_memory_text, &error))
    return qs_cli_fail (error);
  json = g_strcmp0 (format, "json") == 0;
  if (format != NULL && !json && strcmp (format, "csv") != 0)
    return qs_cli_usage (NULL, _("--format is csv or json"));
  if (mode_text == NULL || strcmp (mode_text, "all") == 0)
    {
      modes[n_modes++] = QS_EXEC_MODE_FLOAT;
      modes[n_modes++] = QS_EXEC_MODE_FAKE_QUANT;
      with_int8 = TRUE;
    }
  else if (!qs_exec_mode_parse (mode_text, &modes[n_modes++]))
    return qs_cli_usage (NULL, _("--mode is float, fq, int8 or all"));

  qs_image_options_init (&img);
  img.rgb = rgb;
  if (mean_text != NULL || scale_text != NULL)
    {
      const char *texts[2] = { mean_text, scale_text };
      float *dst[2] = { img.mean, img.scale };
      int w, c;
      for (w = 0; w < 2; w++)
        if (texts[w] != NULL)
          {
            g_autoptr(GArray) v = qs_parse_float_list (texts[w]);
            if (v == NULL || (v->len != 1 && v->len != 3))
              return qs_cli_usage (NULL, _("--mean and --scale take one or three numbers"));
            for (c = 0; c < 3; c++)
              dst[w][c] = g_array_index (v, double, v->len == 1 ? 0 : c);
          }
    }

  model = qs_model_load (argv[1], QS_LOAD_FLAGS_NONE, NULL, &error);
  if (model == NULL)
    return qs_cli_fail (error);
  inputs = qs_inputs_from_specs (model, (const char *const *) input_specs, &img, &error);
  if (inputs == NULL)
    return qs_cli_fail (error);
  if (save_dir != NULL && g_mkdir_with_parents (save_dir, 0755) != 0)
    {
      g_set_error (&error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot create %s", save_dir);
      goto out;
    }

  if (with_int8)
    {
      g_autoptr(GError) local = NULL;

      int8_results = qs_exec_compare_int8 (model, inputs, NULL, &int8_seconds, &local);
      if (int8_results == NULL && g_error_matches (local, QS_EXEC_ERROR, QS_EXEC_ERROR_MEMORY))
        {
          /* over the limit: the other modes would be too */
          g_propagate_error (&error, g_steal_pointer (&local));
          goto out;
        }
      if (int8_results == NULL)
        {
          /* float and fake-quant still say something useful */
          g_printerr ("qscope-cli dump: %s: %s\n", _("no int8 columns"), local->message);
          with_int8 = FALSE;
        }
      else
        for (i = 0; i < int8_results->len; i++)
          {
            QsInt8Compare *c = &g_array_index (int8_results, QsInt8Compare, i);
            g_hash_table_insert (int8_by_fq, (gpointer) c->fq, c);
          }
    }
  for (m = 0; m < n_modes; m++)
    {
      execs[m] = qs_exec_new (model, modes[m], &error);
      if (execs[m] == NULL)
        goto out;
      runs[m] = qs_run_new (execs[m], inputs, &error);
      if (runs[m] == NULL)
        goto out;
    }
  qs_exec_get_order (execs[0], &n_nodes);

  g_string_append (csv, "id,name,type,shape,precision,fq_levels,fq_scale,fq_zero_point");
  for (m = 0; m < n_modes; m++)
    {
      const char *mn = qs_exec_mode_name (modes[m]);
      g_string_append_printf (csv, ",%s_min,%s_max,%s_mean,%s_std,%s_fq_clipped,%s_fq_levels_used", mn, mn, mn, mn, mn, mn);
    }
  if (n_modes == 2)
    g_string_append (csv, ",fq_vs_float_sqnr_db,fq_vs_float_nmse,fq_vs_float_mse,fq_vs_float_max_abs,fq_vs_float_cosine");
  if (with_int8)
    g_string_append (csv, ",int8_vs_fq_max_lsb,int8_vs_fq_mean_lsb,int8_vs_fq_share_equal"
                          ",int8_local_max_lsb,int8_local_share_equal");
  g_string_append_c (csv, '\n');
  json_builder_begin_object (jb);
  json_builder_set_member_name (jb, "model");
  json_builder_add_string_value (jb, argv[1]);
  json_builder_set_member_name (jb, "layers");
  json_builder_begin_array (jb);

  while (!qs_run_is_done (runs[0]))
    {
      const QsNode *node;
      guint port, n_ports;

      for (m = 0; m < n_modes; m++)
        {
          gint64 t0 = g_get_monotonic_time ();
          if (!qs_run_step (runs[m], NULL, &error))
            goto out;
          seconds[m] += (g_get_monotonic_time () - t0) / 1e6;
        }
      node = qs_run_get_last_node (runs[0]);
      if (tty && (qs_run_get_position (runs[0]) % 32 == 0 || qs_run_is_done (runs[0])))
        progress_line (qs_run_get_position (runs[0]), n_nodes);
      if (qs_node_is_type (node, "Const"))
        continue;
      n_ports = MAX (node->n_outputs, 1);
      for (port = 0; port < n_ports; port++)
        {
          QsTensor *t[2] = { NULL, NULL };
          QsTensorStats st[2];
          FqInfo fq;
          g_autofree char *shape = NULL, *id = NULL, *scale = NULL, *zp = NULL;
          g_autofree char *name = NULL;

          for (m = 0; m < n_modes; m++)
            t[m] = qs_run_get_output (runs[m], node, port);
          if (t[0] == NULL)
            continue;
          fq_info (guarding_fq (node, port), &fq);
          shape = qs_tensor_shape_to_string (t[0]);
          id = g_strdup_printf ("%" G_GUINT64_FORMAT, node->id);
          name = n_ports > 1 ? g_strdup_printf ("%s:%u", node->name, port) : g_strdup (node->name);
          scale = fq.has ? range_text (fq.scale_min, fq.scale_max) : g_strdup ("");
          zp = fq.has ? range_text (fq.zp_min, fq.zp_max) : g_strdup ("");
          for (m = 0; m < n_modes; m++)
            {
              qs_tensor_stats_compute (t[m], fq.has ? &fq.range : NULL, &st[m]);
              if (save_dir != NULL)
                {
                  g_autofree char *safe = g_strdup_printf ("%s_%s_%s.npy", id, name, qs_exec_mode_name (modes[m]));
                  g_autofree char *path = NULL;
                  g_strdelimit (safe, "/\\: ", '_');
                  path = g_build_filename (save_dir, safe, NULL);
                  g_ptr_array_add (saved, g_strdup (path));
                  if (!qs_npy_write (t[m], path, &error))
                    goto out;
                }
            }

          g_string_append_printf (csv, "%s,", id);
          csv_field (csv, name);
          g_string_append_printf (csv, ",%s,", node->type);
          csv_field (csv, shape);
          g_string_append_printf (csv, ",%s,", qs_element_type_name (t[0]->type));
          if (fq.has)
            g_string_append_printf (csv, "%u", fq.levels);
          g_string_append_printf (csv, ",%s,%s", scale, zp);
          json_builder_begin_object (jb);
          json_builder_set_member_name (jb, "id");
          json_builder_add_int_value (jb, node->id);
          json_builder_set_member_name (jb, "name");
          json_builder_add_string_value (jb, name);
          json_builder_set_member_name (jb, "type");
          json_builder_add_string_value (jb, node->type);
          json_builder_set_member_name (jb, "version");
          json_builder_add_string_value (jb, node->version);
          json_builder_set_member_name (jb, "shape");
          json_builder_add_string_value (jb, shape);
          json_builder_set_member_name (jb, "precision");
          json_builder_add_string_value (jb, qs_element_type_name (t[0]->type));
          if (fq.has)
            {
              json_builder_set_member_name (jb, "fake_quantize");
              json_builder_begin_object (jb);
              json_builder_set_member_name (jb, "levels");
              json_builder_add_int_value (jb, fq.levels);
              json_builder_set_member_name (jb, "scale");
              json_builder_add_string_value (jb, scale);
              json_builder_set_member_name (jb, "zero_point");
              json_builder_add_string_value (jb, zp);
              json_builder_set_member_name (jb, "in_low");
              json_builder_add_double_value (jb, fq.range.in_low);
              json_builder_set_member_name (jb, "in_high");
              json_builder_add_double_value (jb, fq.range.in_high);
              json_builder_end_object (jb);
            }
          for (m = 0; m < n_modes; m++)
            {
              QsTensorStats *s = &st[m];
              g_string_append_printf (csv, ",%.6g,%.6g,%.6g,%.6g,", s->min, s->max, s->mean, s->std);
              if (s->has_fq)
                g_string_append_printf (csv, "%.6g,%u", s->clipped, s->levels_used);
              else
                g_string_append (csv, ",");
              json_builder_set_member_name (jb, qs_exec_mode_name (modes[m]));
              json_builder_begin_object (jb);
              json_builder_set_member_name (jb, "min");
              json_builder_add_double_value (jb, s->min);
              json_builder_set_member_name (jb, "max");
              json_builder_add_double_value (jb, s->max);
              json_builder_set_member_name (jb, "mean");
              json_builder_add_double_value (jb, s->mean);
              json_builder_set_member_name (jb, "std");
              json_builder_add_double_value (jb, s->std);
              json_builder_set_member_name (jb, "histogram");
              json_builder_begin_array (jb);
              for (i = 0; i < QS_STATS_BINS; i++)
                json_builder_add_int_value (jb, s->histogram[i]);
              json_builder_end_array (jb);
              if (s->has_fq)
                {
                  json_builder_set_member_name (jb, "fq_bins");
                  json_builder_begin_array (jb);
                  json_builder_add_int_value (jb, qs_tensor_stats_bin (s, s->fq.in_low));
                  json_builder_add_int_value (jb, qs_tensor_stats_bin (s, s->fq.in_high));
                  json_builder_end_array (jb);
                  json_builder_set_member_name (jb, "fq_clipped");
                  json_builder_add_double_value (jb, s->clipped);
                  json_builder_set_member_name (jb, "fq_levels_used");
                  json_builder_add_int_value (jb, s->levels_used);
                }
              json_builder_end_object (jb);
            }
          if (n_modes == 2)
            {
              QsTensorError e;
              if (t[1] != NULL && qs_tensor_error_compute (t[0], t[1], &e))
                {
                  g_string_append_printf (csv, ",%.6g,%.6g,%.6g,%.6g,%.8g", e.sqnr_db, e.nmse, e.mse, e.max_abs, e.cosine);
                  json_builder_set_member_name (jb, "fq_vs_float");
                  json_builder_begin_object (jb);
                  json_builder_set_member_name (jb, "sqnr_db");
                  json_builder_add_double_value (jb, isfinite (e.sqnr_db) ? e.sqnr_db : 999.0);
                  json_builder_set_member_name (jb, "nmse");
                  json_builder_add_double_value (jb, e.nmse);
                  json_builder_set_member_name (jb, "mse");
                  json_builder_add_double_value (jb, e.mse);
                  json_builder_set_member_name (jb, "max_abs");
                  json_builder_add_double_value (jb, e.max_abs);
                  json_builder_set_member_name (jb, "cosine");
                  json_builder_add_double_value (jb, e.cosine);
                  json_builder_end_object (jb);
                }
              else
                g_string_append (csv, ",,,,,");
            }
          if (with_int8)
            {
              /* a FakeQuantize's row: its output as the int8 run's codes */
              const QsInt8Compare *c = port == 0 ? g_hash_table_lookup (int8_by_fq, node) : NULL;

              if (c != NULL)
                {
                  const QsStepError *e = &c->run, *l = &c->local;

                  g_string_append_printf (csv, ",%.6g,%.6g,%.8g,%.6g,%.8g", e->max_steps, e->mean_steps,
                                          1.0 - e->share_differ, l->max_steps, 1.0 - l->share_differ);
                  json_builder_set_member_name (jb, "int8_vs_fq");
                  json_builder_begin_object (jb);
                  json_builder_set_member_name (jb, "int8_layer");
                  json_builder_add_string_value (jb, c->int8_name);
                  json_builder_set_member_name (jb, "max_lsb");
                  json_builder_add_double_value (jb, e->max_steps);
                  json_builder_set_member_name (jb, "mean_lsb");
                  json_builder_add_double_value (jb, e->mean_steps);
                  json_builder_set_member_name (jb, "share_equal");
                  json_builder_add_double_value (jb, 1.0 - e->share_differ);
                  json_builder_set_member_name (jb, "local_max_lsb");
                  json_builder_add_double_value (jb, l->max_steps);
                  json_builder_set_member_name (jb, "local_share_equal");
                  json_builder_add_double_value (jb, 1.0 - l->share_differ);
                  json_builder_end_object (jb);
                }
              else
                g_string_append (csv, ",,,,,");
            }
          g_string_append_c (csv, '\n');
          json_builder_end_object (jb);
        }
    }
  json_builder_end_array (jb);
  json_builder_set_member_name (jb, "seconds");
  json_builder_begin_object (jb);
  for (m = 0; m < n_modes; m++)
    {
      json_builder_set_member_name (jb, qs_exec_mode_name (modes[m]));
      json_builder_add_double_value (jb, seconds[m]);
    }
  if (with_int8)
    {
      json_builder_set_member_name (jb, "int8");
      json_builder_add_double_value (jb, int8_seconds);
    }
  json_builder_end_object (jb);
  json_builder_end_object (jb);

  {
    g_autofree char *text = NULL;
    if (json)
      {
        g_autoptr(JsonGenerator) gen = json_generator_new ();
        g_autoptr(JsonNode) root = json_builder_get_root (jb);
        json_generator_set_root (gen, root);
        json_generator_set_pretty (gen, TRUE);
        text = json_generator_to_data (gen, NULL);
      }
    else
      text = g_strdup (csv->str);
    if (out_path != NULL)
      {
        if (!qs_cli_write_file (out_path, text, -1, &error))
          goto out;
      }
    else
      fputs (text, stdout);
  }
  if (tty)
    for (m = 0; m < n_modes; m++)
      g_printerr ("qscope-cli dump: %s mode %.2f s\n", qs_exec_mode_name (modes[m]), seconds[m]);
  if (tty && with_int8)
    g_printerr ("qscope-cli dump: int8 mode %.2f s\n", int8_seconds);
  status = QS_CLI_EXIT_OK;

out:
  if (tty)
    g_printerr ("\n");
  for (m = 0; m < n_modes; m++)
    {
      qs_run_free (runs[m]);
      qs_exec_free (execs[m]);
    }
  if (inputs != NULL)
    {
      for (i = 0; i < model->graph->n_parameters; i++)
        qs_tensor_unref (inputs[i]);
      g_free (inputs);
    }
  if (status != QS_CLI_EXIT_OK)
    {
      /* a run that failed midway leaves no partial output */
      for (i = 0; i < saved->len; i++)
        g_unlink (g_ptr_array_index (saved, i));
      return qs_cli_fail (error);
    }
  return status;
}
