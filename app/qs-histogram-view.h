/* qs-histogram-view.h — a widget showing one core histogram painting
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gtk/gtk.h>

#include "qs-paint-histogram.h"

G_BEGIN_DECLS

#define QS_TYPE_HISTOGRAM_VIEW (qs_histogram_view_get_type ())

G_DECLARE_FINAL_TYPE (QsHistogramView, qs_histogram_view, QS, HISTOGRAM_VIEW, GtkWidget)

GtkWidget *qs_histogram_view_new         (void);
/* Copies @histogram, its series' counts and labels. */
void       qs_histogram_view_set         (QsHistogramView        *self,
                                          const QsPaintHistogram *histogram);
/* What the view draws (no series before the first set). */
const QsPaintHistogram *qs_histogram_view_get (QsHistogramView   *self);

G_END_DECLS
