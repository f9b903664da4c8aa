/* qs-cli-sensitivity.c — `qscope-cli sensitivity MODEL.xml`: which
 * quantizer costs the accuracy
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A view of core/analysis/qs-sensitivity: the ranking is computed there;
 * this file turns options into a data set, writes the ranking as CSV or
 * JSON and, on a terminal or with --out, names the most costly groups on
 * stderr.
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
#include "qs-sensitivity.h"

static gboolean
parse_measures (const char *text,
                guint      *measures)
{
  if (text == NULL || strcmp (text, "both") == 0)
    *measures = QS_SENSITIVITY_BOTH;
  else if (strcmp (text, "revert") == 0)
    *measures = QS_SENSITIVITY_REVERT;
  else if (strcmp (text, "alone") == 0)
    *measures = QS_SENSITIVITY_ALONE;
  else
    return FALSE;
  return TRUE;
}

static void
format_db (char   *buf,
           gsize   size,
           double  v,
           gboolean sign)
{
  if (isnan (v))
    g_strlcpy (buf, "—", size);
  else if (isinf (v))
    g_strlcpy (buf, v > 0 ? "exact" : "-inf", size);
  else
    g_snprintf (buf, size, sign ? "%+.2f dB" : "%.2f dB", v);
}

static void
print_summary (const QsSensitivityResult *r,
               guint                      top)
{
  g_autofree char *samples = NULL, *groups = NULL;
  char base[32];
  guint g;

  format_db (base, sizeof base, r->baseline.combined_db, FALSE);
  samples = g_strdup_printf (ngettext ("%u sample", "%u samples", r->n_samples), r->n_samples);
  groups = g_strdup_printf (ngettext ("%u group", "%u groups", r->n_groups), r->n_groups);
  g_printerr ("qscope-cli sensitivity: %s, %s; %s %s\n", samples, groups, _("outputs, fake-quant vs float:"), base);
  if (r->reused && r->layers_full > 0)
    g_printerr ("qscope-cli sensitivity: %s %.1f %%, %.1f s\n", _("layers computed against full runs:"),
                100.0 * r->layers_computed / r->layers_full, r->seconds);
  else
    g_printerr ("qscope-cli sensitivity: %s, %.1f s\n", _("every run computed in full"), r->seconds);
  for (g = 0; g < MIN (top, r->n_groups); g++)
    {
      const QsSensitivityGroup *group = &r->groups[g];
      const QsNode *first = group->fqs->pdata[0];
      const QsNode *feeds = group->feeds->len > 0 ? group->feeds->pdata[0] : NULL;
      g_autofree char *more = group->fqs->len > 1 ? g_strdup_printf (" (+%u)", group->fqs->len - 1) : g_strdup ("");
      char revert[32], alone[32];

      format_db (revert, sizeof revert, group->gain_db, TRUE);
      format_db (alone, sizeof alone, group->alone.combined_db, FALSE);
      if (!(r->measures & QS_SENSITIVITY_REVERT))
        g_strlcpy (revert, "", sizeof revert);
      if (!(r->measures & QS_SENSITIVITY_ALONE))
        g_strlcpy (alone, "", sizeof alone);
      g_printerr ("  %3u  %-12s %-10s %s%s%s%s\n", g + 1, revert, alone, first->name, more,
                  feeds != NULL ? " → " : "", feeds != NULL ? feeds->name : "");
    }
}

int
qs_cli_sensitivity (int    argc,
                    char **argv)
{
  g_autofree char *measure_text = NULL, *groups_text = NULL, *format = NULL, *out_path = NULL;
  gboolean no_reuse = FALSE;
  gint top = 10;
  g_auto(QsCliRunOptions) run = { 0 };
  GOptionEntry entries[] = {
    { "measure", 'm', 0, G_OPTION_ARG_STRING, &measure_text,
      N_("revert (each group bypassed, the rest quantized), alone (only the group quantized) or both (default)"), "WHAT" },
    { "groups", 'g', 0, G_OPTION_ARG_STRING, &groups_text,
      N_("aligned (quantizers LPT keeps together, default) or layer (also those that feed one layer)"), "HOW" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("csv or json (default csv)"), "FORMAT" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, N_("write here instead of stdout"), "FILE" },
    { "no-reuse", 0, 0, G_OPTION_ARG_NONE, &no_reuse, N_("compute every switched run in full (slower; the same figures)"), NULL },
    { "top", 0, 0, G_OPTION_ARG_INT, &top, N_("groups named on stderr (default 10)"), "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("MODEL.xml — rank the activation quantizers by the output error they cause over a data set"));
  g_autoptr(GError) error = NULL;
  g_autoptr(QsModel) model = NULL;
  g_autoptr(QsDataset) dataset = NULL;
  g_autoptr(QsSensitivityResult) result = NULL;
  g_autofree char *text = NULL;
  QsSensitivityOptions options;
  gboolean json;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  qs_cli_run_options_add (&run, context, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return qs_cli_fail (error);
  if (argc != 2)
    return qs_cli_usage (context, _("give exactly one MODEL.xml"));
  qs_sensitivity_options_init (&options);
  if (!qs_cli_parse_format (format, &json))
    return qs_cli_usage (NULL, _("--format is csv or json"));
  if (!parse_measures (measure_text, &options.measures))
    return qs_cli_usage (NULL, _("--measure is revert, alone or both"));
  if (groups_text != NULL && !qs_grouping_parse (groups_text, &options.grouping))
    return qs_cli_usage (NULL, _("--groups is aligned or layer"));
  if (top < 0)
    return qs_cli_usage (NULL, _("--top is a count, 0 or more"));
  options.no_reuse = no_reuse;
  if (!qs_cli_run_common_options (&run, &options.on_error, &error))
    return qs_cli_fail (error);

  model = qs_model_load (argv[1], QS_LOAD_FLAGS_NONE, NULL, &error);
  if (model == NULL)
    return qs_cli_fail (error);
  dataset = qs_cli_make_dataset (model, &run, NULL, &error);
  if (dataset == NULL)
    return qs_cli_fail (error);
  result = qs_cli_run_sensitivity ("sensitivity", model, dataset, &options, &error);
  if (result == NULL)
    return qs_cli_fail (error);

  text = json ? qs_sensitivity_result_to_json (result) : qs_sensitivity_result_to_csv (result);
  if (out_path != NULL)
    {
      if (!qs_cli_write_file (out_path, text, -1, &error))
        return qs_cli_fail (error);
    }
  else
    fputs (text, stdout);
  if (out_path != NULL || isatty (2))
    print_summary (result, (guint) top);
  return QS_CLI_EXIT_OK;
}
