/* qs-paint-histogram.h — a histogram of one or two tensors, with cairo
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Draws the float and fake-quant values of a tensor (or a layer's weights)
 * as overlaid step curves on one value axis, and marks a FakeQuantize's
 * input range: two dashed lines and shaded tails, the values the
 * FakeQuantize clips.  Each series keeps its own equal bins (as
 * qs_tensor_stats_compute() makes them); the painter maps them onto the
 * common axis.  The window's histogram widget, exports and tests call this
 * same function.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "qs-paint-style.h"

G_BEGIN_DECLS

#define QS_PAINT_HISTOGRAM_MAX_SERIES 3

typedef struct
{
  const guint64 *counts;       /* n_bins counts over [min, max] */
  guint          n_bins;
  double         min;
  double         max;
  const char    *label;        /* legend text, already translated */
  QsPaintRgb     rgb;
} QsPaintHistogramSeries;

typedef struct
{
  QsPaintHistogramSeries series[QS_PAINT_HISTOGRAM_MAX_SERIES];
  guint                  n_series;

  gboolean               has_range;    /* a FakeQuantize input range to mark */
  double                 range_low;
  double                 range_high;
  const char            *range_label;  /* legend text for the clipped tails, or NULL */

  gboolean               log_counts;   /* log(1 + count) on the vertical axis */
  QsPaintRgb             foreground;   /* axes and text */
  const char            *font;         /* Pango font description; NULL: "DejaVu Sans 9" */
} QsPaintHistogram;

/* Series colours that read on light and dark backgrounds. */
extern const QsPaintRgb qs_paint_histogram_float_rgb;
extern const QsPaintRgb qs_paint_histogram_quant_rgb;
extern const QsPaintRgb qs_paint_histogram_clip_rgb;

void qs_paint_histogram_init (QsPaintHistogram       *histogram);

/* Paints @histogram into the rectangle (0, 0, @width, @height) of @cr in
 * device-independent units.  Draws nothing but a short note when no series
 * has a value. */
void qs_paint_histogram      (cairo_t                *cr,
                              const QsPaintHistogram *histogram,
                              double                  width,
                              double                  height);

G_END_DECLS
