/* qs-paint-chart.c — what the chart painters (histogram, samples) share
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <math.h>

#include "qs-paint-chart.h"

PangoLayout *
_qs_paint_chart_layout (cairo_t    *cr,
                        const char *font,
                        const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font != NULL ? font : "DejaVu Sans 9");
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 96.0);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (desc);
  return layout;
}

double
_qs_paint_chart_step (double span,
                      guint  n)
{
  double raw = span / n;
  double power = pow (10.0, floor (log10 (raw)));
  double f = raw / power;

  if (f < 1.5)
    return power;
  if (f < 3.5)
    return 2 * power;
  if (f < 7.5)
    return 5 * power;
  return 10 * power;
}

void
_qs_paint_chart_set_rgb (cairo_t    *cr,
                         QsPaintRgb  rgb,
                         double      alpha)
{
  cairo_set_source_rgba (cr, rgb.r, rgb.g, rgb.b, alpha);
}
