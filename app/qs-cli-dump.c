/* qs-cli-dump.c — `qscope-cli dump MODEL.xml`: run a model layer by layer
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A view of the analysis engine (core/analysis): the run over one input or
 * a data set happens there; this file only turns options into a data set,
 * writes the result as CSV or as a results file, and says on stderr what
 * a person should know (the preprocessing used, skipped samples,
 * warnings, the layers that lose most).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "qs-cli.h"
#include "qs-cli-run.h"
#include "qscope-core.h"
#include "qs-analysis.h"
#include "qs-npy.h"

typedef struct
{
  const char *dir;
  gboolean    several;      /* more than one sample: names carry its number */
  GPtrArray  *saved;
} SaveTensors;

static gboolean
save_tensor (guint            sample,
             const QsNode    *node,
             guint            port,
             QsExecMode       mode,
             const QsTensor  *tensor,
             gpointer         user_data,
             GError         **error)
{
  SaveTensors *s = user_data;
  g_autofree char *name = NULL, *safe = NULL, *path = NULL;

  if (qs_node_is_type (node, "Const"))
    return TRUE;
  name = node->n_outputs > 1 ? g_strdup_printf ("%s:%u", node->name, port) : g_strdup (node->name);
  if (s->several)
    safe = g_strdup_printf ("s%05u_%" G_GUINT64_FORMAT "_%s_%s.npy", sample, node->id, name, qs_exec_mode_name (mode));
  else
    safe = g_strdup_printf ("%" G_GUINT64_FORMAT "_%s_%s.npy", node->id, name, qs_exec_mode_name (mode));
  g_strdelimit (safe, "/\\: ", '_');
  path = g_build_filename (s->dir, safe, NULL);
  g_ptr_array_add (s->saved, g_strdup (path));
  return qs_npy_write (tensor, path, error);
}

/* On a terminal: where the run loses most, and the samples that suffer. */
static void
print_summary (const QsAnalysisResult *r)
{
  g_autofree int *ranked = qs_analysis_result_rank_lost (r, 5);
  guint m, i;

  for (m = 0; m < QS_ANALYSIS_N_MODES; m++)
    if (r->modes & (1u << m))
      g_printerr ("qscope-cli dump: %s mode %.2f s\n", qs_exec_mode_name (m), r->seconds[m]);
  if (ranked[0] >= 0)
    {
      g_printerr ("qscope-cli dump: %s\n", _("layers that lose most SQNR against their inputs (mean over samples):"));
      for (i = 0; ranked[i] >= 0; i++)
        {
          const QsAnalysisRow *row = &r->rows[ranked[i]];

          g_printerr ("  %-40s %-16s %6.1f dB lost, %6.1f dB\n", row->name, row->type,
                      qs_analysis_result_sqnr_lost (r, row), row->figures[QS_FIGURE_SQNR].mean);
        }
    }
  if (r->n_samples > 1 && r->n_outputs > 0)
    {
      QsFigureValue v;

      qs_analysis_output_figure (r, -1, QS_COMPARE_FQ_FLOAT, QS_FIGURE_SQNR, &v);
      if (v.has)
        g_printerr ("qscope-cli dump: %s %.1f dB mean, %.1f dB worst (sample %u, %s)\n",
                    _("outputs, fake-quant vs float:"), v.mean, v.min, v.worst_sample + 1,
                    r->samples[v.worst_sample].name);
      qs_analysis_output_figure (r, -1, QS_COMPARE_INT8_FLOAT, QS_FIGURE_SQNR, &v);
      if (v.has)
        g_printerr ("qscope-cli dump: %s %.1f dB mean, %.1f dB worst (sample %u, %s)\n",
                    _("outputs, int8 vs float:"), v.mean, v.min, v.worst_sample + 1,
                    r->samples[v.worst_sample].name);
    }
}

typedef struct
{
  QsExecMode              mode;
  const QsExecProfileRow *row;
} ProfileLine;

static int
profile_line_cmp (gconstpointer a,
                  gconstpointer b)
{
  const QsExecProfileRow *x = ((const ProfileLine *) a)->row;
  const QsExecProfileRow *y = ((const ProfileLine *) b)->row;
  guint64 tx = x->ns + x->observer_ns, ty = y->ns + y->observer_ns;

  return tx > ty ? -1 : tx < ty;
}

/* --profile: where the executor's time went, per op type and mode, as one
 * table sorted by time (the observer column is the statistics and
 * comparisons run after each layer). */
static void
print_profile (const QsAnalysisResult *r)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (ProfileLine));
  guint64 total = 0, kernel = 0, observer = 0, faults = 0, alloc = 0;
  guint m, i;

  for (m = 0; m < QS_ANALYSIS_N_MODES; m++)
    if (r->profile[m] != NULL)
      for (i = 0; i < r->profile[m]->len; i++)
        {
          ProfileLine line = { m, &g_array_index (r->profile[m], QsExecProfileRow, i) };

          g_array_append_val (lines, line);
          total += line.row->ns + line.row->observer_ns;
          kernel += line.row->kernel_ns;
          observer += line.row->observer_ns;
          faults += line.row->page_faults;
          alloc += line.row->alloc_bytes;
        }
  g_array_sort (lines, profile_line_cmp);
  g_printerr ("%-5s %-24s %7s %9s %6s %9s %9s %9s %9s %9s\n", "mode", "op type", "calls",
              "ms", "share", "kernel ms", "other ms", "observer", "alloc MB", "faults");
  for (i = 0; i < lines->len; i++)
    {
      const ProfileLine *l = &g_array_index (lines, ProfileLine, i);
      const QsExecProfileRow *row = l->row;
      guint64 t = row->ns + row->observer_ns;

      g_printerr ("%-5s %-24s %7" G_GUINT64_FORMAT " %9.2f %5.1f%% %9.2f %9.2f %9.2f %9.1f %9" G_GUINT64_FORMAT "\n",
                  qs_exec_mode_name (l->mode), row->type, row->calls, t / 1e6,
                  total > 0 ? 100.0 * t / total : 0.0, row->kernel_ns / 1e6,
                  (row->ns - MIN (row->kernel_ns, row->ns)) / 1e6, row->observer_ns / 1e6,
                  row->alloc_bytes / 1048576.0, row->page_faults);
    }
  g_printerr ("%-5s %-24s %7s %9.2f %5.1f%% %9.2f %9.2f %9.2f %9.1f %9" G_GUINT64_FORMAT "\n",
              "all", "(executor)", "", total / 1e6, 100.0, kernel / 1e6,
              (total - observer - MIN (kernel, total - observer)) / 1e6, observer / 1e6,
              alloc / 1048576.0, faults);
  if (total > 0)
    g_printerr ("in kernels %.1f%%, outside them %.1f%%, in the observer %.1f%%; the whole run %.2f s\n",
                100.0 * kernel / total, 100.0 * (total - observer - MIN (kernel, total - observer)) / total,
                100.0 * observer / total, r->total_seconds);
}

int
qs_cli_dump (int    argc,
             char **argv)
{
  gboolean profile = FALSE;
  g_autofree char *mode_text = NULL, *format = NULL, *out_path = NULL, *save_dir = NULL;
  g_auto(QsCliRunOptions) run = { 0 };
  GOptionEntry entries[] = {
    { "mode", 'm', 0, G_OPTION_ARG_STRING, &mode_text, N_("float, fq, int8, a comma list of them, or all (default all)"), "MODE" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("csv or json (a results file; default csv)"), "FORMAT" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, N_("write here instead of stdout"), "FILE" },
    { "save-tensors", 0, 0, G_OPTION_ARG_FILENAME, &save_dir, N_("write one .npy per tensor, mode (and sample)"), "DIR" },
    { "profile", 0, 0, G_OPTION_ARG_NONE, &profile, N_("print the time per op type and mode, in kernels and outside them, to standard error"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("MODEL.xml — run a model layer by layer, over one input or a data set"));
  g_autoptr(GError) error = NULL;
  g_autoptr(QsModel) model = NULL;
  g_autoptr(QsDataset) dataset = NULL;
  g_autoptr(QsAnalysisResult) result = NULL;
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  QsAnalysisOptions options;
  SaveTensors save = { NULL, FALSE, NULL };
  gboolean json;
  guint modes, i;
  int status = QS_CLI_EXIT_ERROR;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  qs_cli_run_options_add (&run, context, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return qs_cli_fail (error);
  if (argc != 2)
    return qs_cli_usage (context, _("give exactly one MODEL.xml"));
  if (!qs_cli_parse_format (format, &json))
    return qs_cli_usage (NULL, _("--format is csv or json"));
  if (!qs_cli_parse_modes (mode_text, &modes))
    return qs_cli_usage (NULL, _("--mode is float, fq, int8, a comma list of them, or all"));
  if (!qs_cli_analysis_options (&run, modes, &options, &error))
    goto out;

  model = qs_model_load (argv[1], QS_LOAD_FLAGS_NONE, NULL, &error);
  if (model == NULL)
    goto out;
  dataset = qs_cli_make_dataset (model, &run, NULL, &error);
  if (dataset == NULL)
    goto out;
  if (save_dir != NULL)
    {
      if (g_mkdir_with_parents (save_dir, 0755) != 0)
        {
          g_set_error (&error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot create %s", save_dir);
          goto out;
        }
      save.dir = save_dir;
      save.several = qs_dataset_get_n_samples (dataset) > 1;
      save.saved = saved;
      options.tensor_func = save_tensor;
      options.tensor_data = &save;
    }

  options.profile = profile;
  result = qs_cli_run_analysis ("dump", model, dataset, &options, &error);
  if (result == NULL)
    goto out;

  text = json ? qs_analysis_result_to_json (result) : qs_analysis_result_to_csv (result);
  if (out_path != NULL)
    {
      if (!qs_cli_write_file (out_path, text, -1, &error))
        goto out;
    }
  else
    fputs (text, stdout);
  if (isatty (2))
    print_summary (result);
  if (profile)
    print_profile (result);
  status = QS_CLI_EXIT_OK;

out:
  if (status != QS_CLI_EXIT_OK)
    {
      /* a run that failed midway leaves no partial output */
      for (i = 0; i < saved->len; i++)
        g_unlink (g_ptr_array_index (saved, i));
      return qs_cli_fail (error);
    }
  return status;
}
