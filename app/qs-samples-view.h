/* qs-samples-view.h — the per-sample chart of a run (core/paint) as a widget
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gtk/gtk.h>

#include "qs-analysis.h"

G_BEGIN_DECLS

#define QS_TYPE_SAMPLES_VIEW (qs_samples_view_get_type ())

G_DECLARE_FINAL_TYPE (QsSamplesView, qs_samples_view, QS, SAMPLES_VIEW, GtkWidget)

GtkWidget *qs_samples_view_new        (void);
/* Shows @figure (SQNR..COSINE) of @result's outputs per sample; NULL clears. */
void       qs_samples_view_set_result (QsSamplesView          *self,
                                       QsAnalysisResult       *result,
                                       QsFigure                figure);
void       qs_samples_view_set_selected (QsSamplesView       *self,
                                         int                  sample);
int        qs_samples_view_get_selected (QsSamplesView       *self);
/* The text the tooltip of sample @sample shows (for tests), or NULL. */
char      *qs_samples_view_describe   (QsSamplesView          *self,
                                       guint                   sample);

G_END_DECLS
