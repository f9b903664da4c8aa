/* qs-paint-samples.c — one figure per sample of a data-set run, with cairo
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Layout: a legend line on top, the value ticks on the left, the plot, and
 * the sample numbers (1-based, as the CLI prints them) below.  Each sample
 * has a slot of equal width; its bars share the slot, one per series.
 */
#include "config.h"

#include <math.h>

#include <string.h>

#include <glib/gi18n-lib.h>

#include "qs-paint-chart.h"
#include "qs-paint-histogram.h"
#include "qs-paint-samples.h"

#define TITLE_HEIGHT   18.0
#define LEGEND_HEIGHT  18.0
#define TICKS_HEIGHT   18.0
#define AXIS_WIDTH     44.0
#define SIDE_MARGIN    8.0
#define SWATCH         10.0

typedef struct
{
  double px, py, pw, ph;     /* the plot */
  double slot;               /* per sample */
} Geometry;

void
qs_paint_samples_init (QsPaintSamples *samples)
{
  g_return_if_fail (samples != NULL);

  *samples = (QsPaintSamples) {
    .highlight = -1,
    .foreground = { 0.2, 0.2, 0.2 },
  };
}

static gboolean
geometry (const QsPaintSamples *s,
          double                width,
          double                height,
          Geometry             *g)
{
  g->px = AXIS_WIDTH;
  g->py = (s->axis_label != NULL ? TITLE_HEIGHT : 0) + LEGEND_HEIGHT + 6;
  g->pw = width - AXIS_WIDTH - SIDE_MARGIN;
  g->ph = height - g->py - TICKS_HEIGHT;
  if (s->n_samples == 0 || g->pw < 8 || g->ph < 8)
    return FALSE;
  g->slot = g->pw / s->n_samples;
  return TRUE;
}

int
qs_paint_samples_hit (const QsPaintSamples *s,
                      double                width,
                      double                height,
                      double                x)
{
  Geometry g;
  double k;

  g_return_val_if_fail (s != NULL, -1);

  if (!geometry (s, width, height, &g) || x < g.px || x >= g.px + g.pw)
    return -1;
  k = floor ((x - g.px) / g.slot);
  return k >= 0 && k < s->n_samples ? (int) k : -1;
}

static void
show_text (cairo_t              *cr,
           const QsPaintSamples *s,
           const char           *text,
           double                x,
           double                y,
           double                align_x,   /* 0 left, 0.5 centre, 1 right */
           double                align_y)
{
  PangoLayout *layout = _qs_paint_chart_layout (cr, s->font, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - w * align_x, y - h * align_y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
paint_legend (cairo_t              *cr,
              const QsPaintSamples *s,
              const double         *means,
              double                width)
{
  double x = AXIS_WIDTH;
  guint i;

  /* the title: what the bars are */
  if (s->axis_label != NULL)
    {
      PangoLayout *layout = _qs_paint_chart_layout (cr, s->font, s->axis_label);
      int lw, lh;

      pango_layout_set_width (layout, (int) (MAX (width - AXIS_WIDTH - SIDE_MARGIN, 1) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      _qs_paint_chart_set_rgb (cr, s->foreground, 1.0);
      cairo_move_to (cr, AXIS_WIDTH, (TITLE_HEIGHT - lh) / 2);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
      cairo_translate (cr, 0, TITLE_HEIGHT);
    }

  for (i = 0; i < s->n_series; i++)
    {
      g_autofree char *text = NULL;
      PangoLayout *layout;
      int lw, lh;

      if (s->series[i].label == NULL)
        continue;
      _qs_paint_chart_set_rgb (cr, s->series[i].rgb, 0.8);
      cairo_rectangle (cr, x, (LEGEND_HEIGHT - SWATCH) / 2, SWATCH, SWATCH);
      cairo_fill (cr);
      text = isfinite (means[i]) ? g_strdup_printf (_("%s, mean %.3g"), s->series[i].label, means[i])
                                 : g_strdup (s->series[i].label);
      layout = _qs_paint_chart_layout (cr, s->font, text);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      _qs_paint_chart_set_rgb (cr, s->foreground, 1.0);
      cairo_move_to (cr, x + SWATCH + 4, (LEGEND_HEIGHT - lh) / 2);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
      x += SWATCH + 4 + lw + 14;
      if (x > width)
        break;
    }
}

void
qs_paint_samples (cairo_t              *cr,
                  const QsPaintSamples *s,
                  double                width,
                  double                height)
{
  double lo = 0, hi = -INFINITY, cap, step, tick, bar;
  double means[QS_PAINT_SAMPLES_MAX_SERIES] = { NAN, NAN };
  gboolean any = FALSE;
  Geometry g;
  guint i, k;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (s != NULL);
  g_return_if_fail (s->n_series <= QS_PAINT_SAMPLES_MAX_SERIES);

  /* the range: zero, every finite value, the cap */
  for (i = 0; i < s->n_series; i++)
    {
      double sum = 0;
      guint n = 0;

      for (k = 0; k < s->n_samples; k++)
        {
          double v = s->series[i].values[k];

          if (isnan (v))
            continue;
          any = TRUE;
          if (isfinite (v))
            {
              lo = MIN (lo, v);
              hi = MAX (hi, v);
              sum += v;
              n++;
            }
        }
      if (n > 0)
        means[i] = sum / n;
    }
  cap = s->cap > 0 ? s->cap : hi;
  if (s->cap > 0)
    hi = MIN (MAX (hi, 0), s->cap);
  if (!isfinite (hi) || hi <= lo)
    hi = lo + 1;

  cairo_save (cr);
  if (!geometry (s, width, height, &g) || !any)
    {
      _qs_paint_chart_set_rgb (cr, s->foreground, 0.6);
      if (s->empty_text != NULL)
        show_text (cr, s, s->empty_text, width / 2, height / 2, 0.5, 0.5);
      cairo_restore (cr);
      return;
    }
  hi += (hi - lo) * 0.05;

#define Y(v) (g.py + g.ph - ((v) - lo) / (hi - lo) * g.ph)

  cairo_save (cr);
  paint_legend (cr, s, means, width);
  cairo_restore (cr);

  /* the highlighted sample behind everything */
  if (s->highlight >= 0 && (guint) s->highlight < s->n_samples)
    {
      _qs_paint_chart_set_rgb (cr, s->foreground, 0.10);
      cairo_rectangle (cr, g.px + s->highlight * g.slot, g.py, g.slot, g.ph);
      cairo_fill (cr);
    }

  /* value ticks and grid */
  step = _qs_paint_chart_step (hi - lo, MAX (2, (guint) (g.ph / 28)));
  cairo_set_line_width (cr, 1.0);
  for (tick = ceil (lo / step) * step; tick <= hi + step * 1e-9; tick += step)
    {
      g_autofree char *text = g_strdup_printf ("%g", fabs (tick) < step * 1e-9 ? 0.0 : tick);
      double y = round (Y (tick)) + 0.5;

      _qs_paint_chart_set_rgb (cr, s->foreground, 0.12);
      cairo_move_to (cr, g.px, y);
      cairo_line_to (cr, g.px + g.pw, y);
      cairo_stroke (cr);
      _qs_paint_chart_set_rgb (cr, s->foreground, 0.8);
      show_text (cr, s, text, g.px - 4, y, 1.0, 0.5);
    }

  /* bars */
  bar = g.slot * (g.slot >= 6 ? 0.8 : 1.0) / MAX (s->n_series, 1);
  for (k = 0; k < s->n_samples; k++)
    {
      double x0 = g.px + k * g.slot + (g.slot - bar * s->n_series) / 2;

      if (s->skipped != NULL && s->skipped[k])
        {
          double cx = g.px + (k + 0.5) * g.slot, cy = Y (lo) - 5, r = MIN (3.5, g.slot / 2);

          _qs_paint_chart_set_rgb (cr, s->foreground, 0.6);
          cairo_set_line_width (cr, 1.25);
          cairo_move_to (cr, cx - r, cy - r);
          cairo_line_to (cr, cx + r, cy + r);
          cairo_move_to (cr, cx + r, cy - r);
          cairo_line_to (cr, cx - r, cy + r);
          cairo_stroke (cr);
          continue;
        }
      for (i = 0; i < s->n_series; i++)
        {
          double v = s->series[i].values[k], top, base = Y (MAX (lo, MIN (0, hi)));
          gboolean capped;

          if (isnan (v))
            continue;
          capped = v > cap;
          top = Y (capped ? MIN (cap, hi) : v);
          _qs_paint_chart_set_rgb (cr, s->series[i].rgb, 0.8);
          cairo_rectangle (cr, x0 + i * bar, MIN (top, base), MAX (bar, 0.5), MAX (fabs (base - top), 1.0));
          cairo_fill (cr);
          if (capped && bar >= 3)
            {
              /* a notch: the value goes on beyond the chart */
              _qs_paint_chart_set_rgb (cr, s->foreground, 0.9);
              cairo_move_to (cr, x0 + i * bar, top + 3);
              cairo_line_to (cr, x0 + (i + 0.5) * bar, top);
              cairo_line_to (cr, x0 + (i + 1) * bar, top + 3);
              cairo_set_line_width (cr, 1.0);
              cairo_stroke (cr);
            }
        }
    }

  /* each series' mean, dashed, over the bars */
  cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
  cairo_set_line_width (cr, 1.25);
  for (i = 0; i < s->n_series; i++)
    if (isfinite (means[i]) && means[i] <= hi)
      {
        double y = round (Y (means[i])) + 0.5;

        _qs_paint_chart_set_rgb (cr, s->series[i].rgb, 1.0);
        cairo_move_to (cr, g.px, y);
        cairo_line_to (cr, g.px + g.pw, y);
        cairo_stroke (cr);
      }
  cairo_set_dash (cr, NULL, 0, 0);

  /* the axis and the sample numbers, every step samples */
  _qs_paint_chart_set_rgb (cr, s->foreground, 0.8);
  cairo_move_to (cr, g.px, round (Y (lo)) + 0.5);
  cairo_line_to (cr, g.px + g.pw, round (Y (lo)) + 0.5);
  cairo_stroke (cr);
  /* under wide slots "k name", shortened in the middle; otherwise numbered
   * 1, then every step: 1, 5, 10, 15 ... */
  if (s->names != NULL && g.slot >= 72)
    {
      for (k = 0; k < s->n_samples; k++)
        {
          g_autofree char *text = g_strdup_printf ("%u %s", k + 1, s->names[k] != NULL ? s->names[k] : "");
          PangoLayout *layout = _qs_paint_chart_layout (cr, s->font, text);
          int lw, lh;

          pango_layout_set_width (layout, (int) ((g.slot - 6) * PANGO_SCALE));
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
          pango_layout_get_pixel_size (layout, &lw, &lh);
          cairo_move_to (cr, g.px + (k + 0.5) * g.slot - lw / 2.0, g.py + g.ph + 3);
          pango_cairo_show_layout (cr, layout);
          g_object_unref (layout);
        }
    }
  else
    {
      step = s->n_samples <= 1 ? 1 : MAX (1, _qs_paint_chart_step (s->n_samples, MAX (1, (guint) (g.pw / 44))));
      for (k = 1; k <= s->n_samples; k = k == 1 && step > 1 ? (guint) (ceil ((1 + step * 0.75) / step) * step) : k + (guint) step)
        {
          g_autofree char *text = g_strdup_printf ("%u", k);

          show_text (cr, s, text, g.px + (k - 0.5) * g.slot, g.py + g.ph + 3, 0.5, 0.0);
        }
    }
#undef Y
  cairo_restore (cr);
}

void
qs_samples_chart_init (QsSamplesChart         *chart,
                       const QsAnalysisResult *r,
                       QsFigure                figure)
{
  static const QsCompare compares[QS_PAINT_SAMPLES_MAX_SERIES] = { QS_COMPARE_FQ_FLOAT, QS_COMPARE_INT8_FLOAT };
  static const guint needs[QS_PAINT_SAMPLES_MAX_SERIES] = { QS_ANALYSIS_FQ, QS_ANALYSIS_INT8 };
  guint i, k;

  g_return_if_fail (chart != NULL && r != NULL);
  g_return_if_fail (figure <= QS_FIGURE_COSINE);

  memset (chart, 0, sizeof *chart);
  qs_paint_samples_init (&chart->paint);
  chart->paint.n_samples = r->n_sample_records;
  chart->skipped = g_new0 (gboolean, MAX (r->n_sample_records, 1));
  for (k = 0; k < r->n_sample_records; k++)
    chart->skipped[k] = r->samples[k].skipped;
  chart->paint.skipped = chart->skipped;
  chart->names = g_new0 (const char *, MAX (r->n_sample_records, 1));
  for (k = 0; k < r->n_sample_records; k++)
    chart->names[k] = r->samples[k].name;
  chart->paint.names = chart->names;
  for (i = 0; i < QS_PAINT_SAMPLES_MAX_SERIES; i++)
    {
      QsPaintSamplesSeries *series;

      if (!(r->modes & QS_ANALYSIS_FLOAT) || !(r->modes & needs[i]) || (i == 1 && r->int8_error != NULL))
        continue;
      series = &chart->paint.series[chart->paint.n_series];
      chart->values[chart->paint.n_series] = g_new (double, MAX (r->n_sample_records, 1));
      for (k = 0; k < r->n_sample_records; k++)
        chart->values[chart->paint.n_series][k] = qs_analysis_sample_figure (r, k, -1, compares[i], figure);
      series->values = chart->values[chart->paint.n_series];
      series->label = i == 0 ? _("fake-quant") : _("int8");
      series->rgb = i == 0 ? qs_paint_histogram_quant_rgb : (QsPaintRgb) { 0.45, 0.24, 0.65 };
      chart->paint.n_series++;
    }
  /* TRANSLATORS: %s is a figure's title, "SQNR (dB)" */
  chart->title = g_strdup_printf (_("%s against float, per sample (outputs pooled)"), qs_figure_get_info (figure)->title);
  chart->paint.axis_label = chart->title;
  chart->paint.empty_text = _("No sample has output errors");
}

void
qs_samples_chart_clear (QsSamplesChart *chart)
{
  guint i;

  g_return_if_fail (chart != NULL);

  for (i = 0; i < QS_PAINT_SAMPLES_MAX_SERIES; i++)
    g_clear_pointer (&chart->values[i], g_free);
  g_clear_pointer (&chart->skipped, g_free);
  g_clear_pointer (&chart->names, g_free);
  g_clear_pointer (&chart->title, g_free);
  qs_paint_samples_init (&chart->paint);
}
