/* qs-run-figures.c — the analysis figures the window shows
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "qs-run-figures.h"

const QsFigure qs_run_figures[QS_RUN_N_FIGURES] = {
  QS_FIGURE_SQNR,
  QS_FIGURE_NMSE,
  QS_FIGURE_MAX_ABS,
  QS_FIGURE_CLIP,
  QS_FIGURE_LSB_LOCAL,
  QS_FIGURE_LSB_RUN,
};

const char *
qs_run_figure_title (QsFigure figure)
{
  switch (figure)
    {
    case QS_FIGURE_SQNR:
      return _("SQNR (dB)");
    case QS_FIGURE_NMSE:
      return _("NMSE");
    case QS_FIGURE_MAX_ABS:
      return _("Max Abs Error");
    case QS_FIGURE_CLIP:
      return _("Clipped");
    case QS_FIGURE_LSB_LOCAL:
      /* int8 codes against fake-quant codes, each layer fed the fake-quant codes */
      return _("int8 LSB, Layer");
    case QS_FIGURE_LSB_RUN:
      /* ... the int8 graph run from the input */
      return _("int8 LSB, Run");
    case QS_FIGURE_MSE:
    case QS_FIGURE_COSINE:
    case QS_FIGURE_LSB_RUN_MEAN:
    case QS_FIGURE_EQUAL_RUN:
    case QS_FIGURE_EQUAL_LOCAL:
    case QS_N_FIGURES:
    default:
      return qs_figure_get_info (figure)->title;
    }
}

char *
qs_run_figure_format (QsFigure figure,
                      double   value)
{
  if (isnan (value))
    return g_strdup ("—");
  switch (figure)
    {
    case QS_FIGURE_SQNR:
      if (isinf (value))
        return g_strdup (value > 0 ? "∞" : "−∞");
      return g_strdup_printf ("%.1f", value);
    case QS_FIGURE_CLIP:
    case QS_FIGURE_EQUAL_RUN:
    case QS_FIGURE_EQUAL_LOCAL:
      return g_strdup_printf ("%.2f %%", value * 100);
    case QS_FIGURE_LSB_RUN:
    case QS_FIGURE_LSB_LOCAL:
      return g_strdup_printf ("%.0f", value);
    case QS_FIGURE_NMSE:
    case QS_FIGURE_MSE:
    case QS_FIGURE_MAX_ABS:
    case QS_FIGURE_COSINE:
    case QS_FIGURE_LSB_RUN_MEAN:
    case QS_N_FIGURES:
    default:
      return g_strdup_printf ("%.3g", value);
    }
}

double
qs_run_row_value (const QsAnalysisRow *row,
                  QsFigure             figure,
                  QsAggregate          aggregate)
{
  return qs_figure_value_get (&row->figures[figure], aggregate, qs_figure_get_info (figure)->higher_is_better);
}

char *
qs_run_describe (const QsAnalysisResult *result)
{
  if (result->n_sample_records == 1)
    return g_strdup (result->samples[0].name);
  if (result->n_skipped > 0)
    /* TRANSLATORS: "5 samples (2 skipped)" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u sample (%u skipped)", "%u samples (%u skipped)",
                                         result->n_sample_records),
                            result->n_sample_records, result->n_skipped);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u sample", "%u samples", result->n_sample_records),
                          result->n_sample_records);
}
