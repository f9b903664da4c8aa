/* qs-paint-chart.h — what the chart painters (histogram, samples) share
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <pango/pangocairo.h>

#include "qs-paint-style.h"

G_BEGIN_DECLS

/* A layout of @text in @font (NULL: "DejaVu Sans 9") with the same pixels
 * on every machine: no hinting, grey antialiasing, 96 dpi. */
PangoLayout *_qs_paint_chart_layout   (cairo_t    *cr,
                                       const char *font,
                                       const char *text);
/* 1, 2 or 5 times a power of ten, near @span / @n. */
double       _qs_paint_chart_step     (double      span,
                                       guint       n);
void         _qs_paint_chart_set_rgb  (cairo_t    *cr,
                                       QsPaintRgb  rgb,
                                       double      alpha);

G_END_DECLS
