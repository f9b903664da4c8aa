/* qs-cli-compare.c — `qscope-cli compare FP32.xml INT8.xml`: where an INT8
 * export parts from its FP32 model
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A view of core/analysis/qs-compare: matching and runs happen there; this
 * file builds the two data sets from the same options, writes the pairs as
 * CSV or JSON, and on stderr says how the layers were matched and where the
 * two models part.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "qs-cli.h"
#include "qs-cli-run.h"
#include "qscope-core.h"
#include "qs-compare.h"

static void
print_pair (const QsComparePair *p)
{
  QsTensorError e;

  qs_tensor_error_from_sums (&p->sums, &e);
  g_printerr ("  %-40s %-16s %6.1f dB, %5.1f dB lost against its inputs", p->reference->name, p->reference->type,
              e.sqnr_db, p->jump_db);
  if (isfinite (p->const_sqnr_db))   /* identical constants say nothing */
    g_printerr ("; constant input %d at %.1f dB", p->const_input, p->const_sqnr_db);
  g_printerr ("\n");
}

static void
print_summary (const QsCompareResult *r)
{
  g_autofree int *ranked = qs_compare_result_rank_jumps (r, 5);
  guint i;

  g_printerr ("qscope-cli compare: ");
  g_printerr (_("%u pairs (%u by name, %u by tensor name, %u by rt_info, %u by structure); "
                "unmatched: %u reference, %u test layers"),
              r->n_pairs, r->by_way[QS_MATCH_NAME], r->by_way[QS_MATCH_TENSOR_NAME], r->by_way[QS_MATCH_RT_INFO],
              r->by_way[QS_MATCH_STRUCTURE], r->unmatched_reference->len, r->unmatched_test->len);
  g_printerr ("\n");
  if (r->first_jump >= 0)
    {
      g_printerr ("qscope-cli compare: ");
      g_printerr (_("the models part first at (below %.0f dB, %.0f dB or more lost against its inputs):"),
                  r->floor_db, r->jump_threshold_db);
      g_printerr ("\n");
      print_pair (&r->pairs[r->first_jump]);
    }
  if (ranked[0] >= 0)
    {
      g_printerr ("qscope-cli compare: %s\n", _("the largest losses against their inputs:"));
      for (i = 0; ranked[i] >= 0; i++)
        print_pair (&r->pairs[ranked[i]]);
    }
  for (i = 0; i < r->n_pairs; i++)
    if (qs_node_is_type (r->pairs[i].reference, "Result") && r->pairs[i].compared)
      {
        QsTensorError e;

        const QsNode *src = qs_node_input_node (r->pairs[i].reference, 0);

        qs_tensor_error_from_sums (&r->pairs[i].sums, &e);
        g_printerr ("qscope-cli compare: ");
        g_printerr (_("output “%s”: %.1f dB"), r->pairs[i].reference->name, e.sqnr_db);
        if (src != NULL && !qs_node_output_is_comparable (src))
          g_printerr (" (%s)", _("values selected and reordered: the SQNR means little"));
        g_printerr ("\n");
      }
  {
    g_autofree int *differ = qs_compare_result_rank_constants (r, 20, 3);

    if (differ[0] >= 0)
      g_printerr ("qscope-cli compare: %s\n", _("constant inputs that differ most (below 20 dB):"));
    for (i = 0; differ[i] >= 0; i++)
      {
        const QsComparePair *p = &r->pairs[differ[i]];

        g_printerr ("  %-40s %-16s input %d at %.1f dB\n", p->reference->name, p->reference->type, p->const_input,
                    p->const_sqnr_db);
      }
  }
}

int
qs_cli_compare (int    argc,
                char **argv)
{
  g_autofree char *mode_text = NULL, *format = NULL, *out_path = NULL;
  double jump = 6.0, floor_db = 20.0;
  g_auto(QsCliRunOptions) run = { 0 };
  GOptionEntry entries[] = {
    { "mode", 'm', 0, G_OPTION_ARG_STRING, &mode_text,
      N_("the INT8 model's mode: fq (default), int8 (the transformed graph on integer kernels) or float (its quantizers bypassed)"), "MODE" },
    { "jump", 'j', 0, G_OPTION_ARG_DOUBLE, &jump, N_("the SQNR loss against a layer's inputs that marks a parting (default 6 dB)"), "DB" },
    { "floor", 0, 0, G_OPTION_ARG_DOUBLE, &floor_db, N_("the SQNR below which a layer counts as parted (default 20 dB)"), "DB" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("csv or json (default csv)"), "FORMAT" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, N_("write here instead of stdout"), "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FP32.xml INT8.xml — match the layers of two IRs of one network and compare them over a data set"));
  g_autoptr(GError) error = NULL;
  g_autoptr(QsModel) reference = NULL, test = NULL;
  g_autoptr(QsDataset) data_a = NULL, data_b = NULL;
  g_autoptr(QsCompareResult) result = NULL;
  g_autofree char *text = NULL;
  QsCompareOptions options;
  gboolean json;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  qs_cli_run_options_add (&run, context, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return qs_cli_fail (error);
  if (argc != 3)
    return qs_cli_usage (context, _("give the FP32 model and its INT8 export"));
  qs_compare_options_init (&options);
  if (!qs_cli_parse_format (format, &json))
    return qs_cli_usage (NULL, _("--format is csv or json"));
  if (mode_text != NULL && strcmp (mode_text, "fq") != 0 && strcmp (mode_text, "float") != 0 &&
      strcmp (mode_text, "int8") != 0)
    return qs_cli_usage (NULL, _("--mode is fq, int8 or float"));
  if (!(jump > 0) || isinf (jump) || !(floor_db > 0) || isinf (floor_db))
    return qs_cli_usage (NULL, _("--jump and --floor are numbers of dB above 0"));
  options.test_mode = g_strcmp0 (mode_text, "float") == 0  ? QS_EXEC_MODE_FLOAT
                      : g_strcmp0 (mode_text, "int8") == 0 ? QS_EXEC_MODE_INT8
                      : QS_EXEC_MODE_FAKE_QUANT;
  options.jump_db = jump;
  options.floor_db = floor_db;
  if (!qs_cli_run_common_options (&run, &options.on_error, &error))
    return qs_cli_fail (error);

  reference = qs_model_load (argv[1], QS_LOAD_FLAGS_NONE, NULL, &error);
  if (reference == NULL)
    return qs_cli_fail (error);
  test = qs_model_load (argv[2], QS_LOAD_FLAGS_NONE, NULL, &error);
  if (test == NULL)
    return qs_cli_fail (error);
  data_a = qs_cli_make_dataset (reference, &run, NULL, &error);
  if (data_a == NULL)
    return qs_cli_fail (error);
  data_b = qs_cli_make_dataset (test, &run, NULL, &error);
  if (data_b == NULL)
    return qs_cli_fail (error);
  result = qs_cli_run_compare ("compare", reference, test, data_a, data_b, &options, &error);
  if (result == NULL)
    return qs_cli_fail (error);

  text = json ? qs_compare_result_to_json (result) : qs_compare_result_to_csv (result);
  if (out_path != NULL)
    {
      if (!qs_cli_write_file (out_path, text, -1, &error))
        return qs_cli_fail (error);
    }
  else
    fputs (text, stdout);
  if (out_path != NULL || isatty (2))
    print_summary (result);
  return QS_CLI_EXIT_OK;
}
