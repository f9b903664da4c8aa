/* qs-paint-histogram.c — a histogram of one or two tensors, with cairo
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Layout, top to bottom: a legend line, the plot, a line of value ticks.
 * The value axis spans every series and the FakeQuantize range, so a range
 * wider than the values (an input that never reaches its limits) shows as
 * such.  Counts are drawn per unit of value (count / bin width), so two
 * series binned differently stay comparable.
 */
#include "config.h"

#include <math.h>


#include "qs-paint-chart.h"
#include "qs-paint-histogram.h"

#define LEGEND_HEIGHT  18.0
#define TICKS_HEIGHT   18.0
#define SIDE_MARGIN    8.0
#define SWATCH         10.0

const QsPaintRgb qs_paint_histogram_float_rgb = { 0.21, 0.52, 0.89 };  /* blue */
const QsPaintRgb qs_paint_histogram_quant_rgb = { 0.90, 0.38, 0.00 };  /* orange */
const QsPaintRgb qs_paint_histogram_clip_rgb  = { 0.88, 0.11, 0.14 };  /* red */

void
qs_paint_histogram_init (QsPaintHistogram *histogram)
{
  g_return_if_fail (histogram != NULL);

  *histogram = (QsPaintHistogram) {
    .foreground = { 0.2, 0.2, 0.2 },
  };
}

static gboolean
series_has_values (const QsPaintHistogramSeries *s)
{
  guint i;

  if (s->counts == NULL || s->n_bins == 0 || !isfinite (s->min) || !isfinite (s->max))
    return FALSE;
  for (i = 0; i < s->n_bins; i++)
    if (s->counts[i] > 0)
      return TRUE;
  return FALSE;
}

/* Count per unit of value of bin @i; a series of one value (min == max) is
 * one bin as wide as a hundredth of the axis. */
static double
bin_density (const QsPaintHistogramSeries *s,
             guint                         i,
             double                        axis_span,
             gboolean                      log_counts)
{
  double width = s->max > s->min ? (s->max - s->min) / s->n_bins : axis_span / 100.0;
  double count = log_counts ? log1p ((double) s->counts[i]) : (double) s->counts[i];

  return count / width;
}

static void
paint_legend (cairo_t                *cr,
              const QsPaintHistogram *h,
              double                  width)
{
  double x = SIDE_MARGIN;
  guint i;

  for (i = 0; i <= h->n_series; i++)
    {
      const char *label;
      PangoLayout *layout;
      int lw, lh;

      if (i < h->n_series)
        {
          label = h->series[i].label;
          if (label == NULL)
            continue;
          _qs_paint_chart_set_rgb (cr, h->series[i].rgb, 0.35);
          cairo_rectangle (cr, x, (LEGEND_HEIGHT - SWATCH) / 2, SWATCH, SWATCH);
          cairo_fill_preserve (cr);
          _qs_paint_chart_set_rgb (cr, h->series[i].rgb, 1.0);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
      else
        {
          label = h->range_label;
          if (!h->has_range || label == NULL)
            continue;
          _qs_paint_chart_set_rgb (cr, qs_paint_histogram_clip_rgb, 0.18);
          cairo_rectangle (cr, x, (LEGEND_HEIGHT - SWATCH) / 2, SWATCH, SWATCH);
          cairo_fill (cr);
          _qs_paint_chart_set_rgb (cr, qs_paint_histogram_clip_rgb, 1.0);
          cairo_set_line_width (cr, 1.0);
          cairo_set_dash (cr, (double[]) { 3, 2 }, 2, 0);
          cairo_move_to (cr, x + SWATCH / 2, (LEGEND_HEIGHT - SWATCH) / 2);
          cairo_rel_line_to (cr, 0, SWATCH);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }

      layout = _qs_paint_chart_layout (cr, h->font, label);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      _qs_paint_chart_set_rgb (cr, h->foreground, 1.0);
      cairo_move_to (cr, x + SWATCH + 4, (LEGEND_HEIGHT - lh) / 2);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
      x += SWATCH + 4 + lw + 14;
      if (x > width)
        break;
    }
}

void
qs_paint_histogram (cairo_t                *cr,
                    const QsPaintHistogram *h,
                    double                  width,
                    double                  height)
{
  double lo = INFINITY, hi = -INFINITY, span, peak = 0;
  double px, py, pw, ph, step, tick;
  gboolean any = FALSE;
  guint i, b;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (h != NULL);
  g_return_if_fail (h->n_series <= QS_PAINT_HISTOGRAM_MAX_SERIES);

  for (i = 0; i < h->n_series; i++)
    if (series_has_values (&h->series[i]))
      {
        lo = MIN (lo, h->series[i].min);
        hi = MAX (hi, h->series[i].max);
        any = TRUE;
      }

  cairo_save (cr);

  if (!any || width < 4 * SIDE_MARGIN || height < LEGEND_HEIGHT + TICKS_HEIGHT + 8)
    {
      /* Nothing to draw: a neutral line keeps the space from looking broken. */
      _qs_paint_chart_set_rgb (cr, h->foreground, 0.3);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, SIDE_MARGIN, height - TICKS_HEIGHT + 0.5);
      cairo_line_to (cr, width - SIDE_MARGIN, height - TICKS_HEIGHT + 0.5);
      cairo_stroke (cr);
      cairo_restore (cr);
      return;
    }

  if (h->has_range && isfinite (h->range_low) && isfinite (h->range_high))
    {
      lo = MIN (lo, MIN (h->range_low, h->range_high));
      hi = MAX (hi, MAX (h->range_low, h->range_high));
    }
  if (hi <= lo)
    {
      double pad = fabs (lo) > 0 ? fabs (lo) * 0.5 : 1.0;
      lo -= pad;
      hi += pad;
    }
  span = hi - lo;
  /* a little air on both sides, so the extreme bins do not touch the frame */
  lo -= span * 0.03;
  hi += span * 0.03;
  span = hi - lo;

  px = SIDE_MARGIN;
  py = LEGEND_HEIGHT + 4;
  pw = width - 2 * SIDE_MARGIN;
  ph = height - py - TICKS_HEIGHT;

  for (i = 0; i < h->n_series; i++)
    if (series_has_values (&h->series[i]))
      for (b = 0; b < h->series[i].n_bins; b++)
        peak = MAX (peak, bin_density (&h->series[i], b, span, h->log_counts));
  if (peak <= 0)
    peak = 1;

#define X(v) (px + ((v) - lo) / span * pw)
#define Y(d) (py + ph - (d) / peak * ph * 0.95)

  /* Clipped tails: everything beyond the FakeQuantize range */
  if (h->has_range)
    {
      double xl = X (MIN (h->range_low, h->range_high));
      double xh = X (MAX (h->range_low, h->range_high));

      _qs_paint_chart_set_rgb (cr, qs_paint_histogram_clip_rgb, 0.10);
      cairo_rectangle (cr, px, py, xl - px, ph);
      cairo_rectangle (cr, xh, py, px + pw - xh, ph);
      cairo_fill (cr);
    }

  /* Series: filled, then outlined, so overlaps read as a mix */
  for (i = 0; i < h->n_series; i++)
    {
      const QsPaintHistogramSeries *s = &h->series[i];
      double bw;

      if (!series_has_values (s))
        continue;
      bw = s->max > s->min ? (s->max - s->min) / s->n_bins : span / 100.0;
      cairo_new_path (cr);
      cairo_move_to (cr, X (s->max > s->min ? s->min : s->min - bw / 2), Y (0));
      for (b = 0; b < s->n_bins; b++)
        {
          double x0 = s->max > s->min ? s->min + b * bw : s->min - bw / 2;
          double y = Y (bin_density (s, b, span, h->log_counts));

          cairo_line_to (cr, X (x0), y);
          cairo_line_to (cr, X (x0 + bw), y);
        }
      cairo_line_to (cr, X (s->max > s->min ? s->max : s->min + bw / 2), Y (0));
      cairo_close_path (cr);
      _qs_paint_chart_set_rgb (cr, s->rgb, 0.22);
      cairo_fill_preserve (cr);
      _qs_paint_chart_set_rgb (cr, s->rgb, 1.0);
      cairo_set_line_width (cr, 1.25);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
      cairo_stroke (cr);
    }

  /* The range limits, dashed, over the series */
  if (h->has_range)
    {
      double limits[2] = { h->range_low, h->range_high };

      _qs_paint_chart_set_rgb (cr, qs_paint_histogram_clip_rgb, 1.0);
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
      for (i = 0; i < 2; i++)
        {
          double x = round (X (limits[i])) + 0.5;

          cairo_move_to (cr, x, py);
          cairo_line_to (cr, x, py + ph);
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  /* Value axis and ticks */
  _qs_paint_chart_set_rgb (cr, h->foreground, 0.55);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, px, round (py + ph) + 0.5);
  cairo_line_to (cr, px + pw, round (py + ph) + 0.5);
  cairo_stroke (cr);

  step = _qs_paint_chart_step (span, MAX (2, (guint) (pw / 90)));
  for (tick = ceil (lo / step) * step; tick <= hi; tick += step)
    {
      char text[32];
      PangoLayout *layout;
      int lw, lh;
      double x = round (X (tick)) + 0.5;
      double shown = fabs (tick) < step * 1e-6 ? 0.0 : tick;

      g_snprintf (text, sizeof text, "%g", shown);
      layout = _qs_paint_chart_layout (cr, h->font, text);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      if (x - lw / 2.0 < 0 || x + lw / 2.0 > width)
        {
          g_object_unref (layout);
          continue;
        }
      _qs_paint_chart_set_rgb (cr, h->foreground, 0.55);
      cairo_move_to (cr, x, round (py + ph) + 0.5);
      cairo_rel_line_to (cr, 0, 4);
      cairo_stroke (cr);
      _qs_paint_chart_set_rgb (cr, h->foreground, 0.85);
      cairo_move_to (cr, x - lw / 2.0, py + ph + 4);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }

#undef X
#undef Y

  paint_legend (cr, h, width);
  cairo_restore (cr);
}
