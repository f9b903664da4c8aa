/* qs-summary-page.h — the facts of a loaded model, as a scrolling page
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "qs-analysis.h"
#include "qs-lpt.h"
#include "qs-sensitivity.h"

G_BEGIN_DECLS

#define QS_TYPE_SUMMARY_PAGE (qs_summary_page_get_type ())

G_DECLARE_FINAL_TYPE (QsSummaryPage, qs_summary_page, QS, SUMMARY_PAGE, AdwBin)

GtkWidget  *qs_summary_page_new       (JsonObject    *summary,
                                       GFile         *file);
const char *qs_summary_page_get_title (QsSummaryPage *self);
void        qs_summary_page_set_low_precision (QsSummaryPage     *self,
                                               const QsLptResult *lpt);
void        qs_summary_page_set_findings      (QsSummaryPage              *self,
                                               GArray                     *weight_findings,
                                               const QsAnalysisResult     *run,
                                               const QsSensitivityRanking *ranking);

G_END_DECLS
