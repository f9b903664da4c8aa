/* qs-inspector.h — the side pane: everything about the selected layer
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <adwaita.h>

#include "qs-analysis.h"
#include "qs-lpt.h"

G_BEGIN_DECLS

#define QS_TYPE_INSPECTOR (qs_inspector_get_type ())

G_DECLARE_FINAL_TYPE (QsInspector, qs_inspector, QS, INSPECTOR, AdwBin)

/* Shows @node (of the original or the transformed graph; nullable).
 * @lpt and @run (both nullable) add the int8 decision and the values of
 * the last run. */
void         qs_inspector_set_node        (QsInspector       *self,
                                           const QsNode      *node,
                                           const QsLptResult *lpt,
                                           QsAnalysisResult  *run);
const QsNode *qs_inspector_get_node       (QsInspector       *self);
/* The per-channel table of a FakeQuantize, or NULL. */
GtkColumnView *qs_inspector_get_channel_view (QsInspector    *self);
/* The per-channel table as tab-separated text, in its current order. */
char        *qs_inspector_dup_channel_text (QsInspector      *self);

G_END_DECLS
