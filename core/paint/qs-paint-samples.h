/* qs-paint-samples.h — one figure per sample of a data-set run, with cairo
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A bar per sample and series (fake-quant and int8 against float, say) of
 * one figure of the model's outputs, with each series' mean as a dashed
 * line, so the samples that suffer stand out.  Skipped samples are marked
 * on the axis; values above the cap (an exact, infinite SQNR) are drawn at
 * the cap with a notch.  The window's Samples page and `qscope-cli render
 * --samples` call this same function.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "qs-analysis.h"
#include "qs-paint-style.h"

G_BEGIN_DECLS

#define QS_PAINT_SAMPLES_MAX_SERIES 2

typedef struct
{
  const double *values;        /* n_samples values; NAN: none */
  const char   *label;         /* legend text, already translated */
  QsPaintRgb    rgb;
} QsPaintSamplesSeries;

typedef struct
{
  QsPaintSamplesSeries series[QS_PAINT_SAMPLES_MAX_SERIES];
  guint                n_series;
  guint                n_samples;
  const gboolean      *skipped;      /* per sample, or NULL */
  const char *const   *names;        /* per sample, or NULL: written under wide bars */
  const char          *axis_label;   /* "output SQNR (dB)", already translated */
  const char          *empty_text;   /* drawn when no sample has a value */
  double               cap;          /* values above it drawn at it (0: the largest finite value) */
  int                  highlight;    /* a sample to mark, or -1 */
  QsPaintRgb           foreground;   /* axes and text */
  const char          *font;         /* Pango font description; NULL: "DejaVu Sans 9" */
} QsPaintSamples;

void qs_paint_samples_init (QsPaintSamples       *samples);

/* Paints @samples into (0, 0, @width, @height) of @cr. */
void qs_paint_samples      (cairo_t              *cr,
                            const QsPaintSamples *samples,
                            double                width,
                            double                height);

/* The sample drawn at @x in a chart of that size, or -1. */
int  qs_paint_samples_hit  (const QsPaintSamples *samples,
                            double                width,
                            double                height,
                            double                x);

/* The chart of a run: @figure (SQNR..COSINE) of the model's outputs pooled,
 * per sample, fake-quant and int8 against float where they were run, with
 * translated titles.  The result's sample names are borrowed; the result
 * must outlive the chart. */
typedef struct
{
  QsPaintSamples  paint;
  double         *values[QS_PAINT_SAMPLES_MAX_SERIES];
  gboolean       *skipped;
  const char    **names;
  char           *title;
} QsSamplesChart;

void qs_samples_chart_init  (QsSamplesChart             *chart,
                             const QsAnalysisResult     *result,
                             QsFigure                    figure);
void qs_samples_chart_clear (QsSamplesChart             *chart);

G_END_DECLS
