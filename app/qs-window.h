/* qs-window.h — a qscope window: one model, its summary and (later) its graph
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <adwaita.h>

#include "qs-application.h"
#include "qscope-core.h"
#include "qs-graph-view.h"
#include "qs-inspector.h"
#include "qs-layer-run.h"

G_BEGIN_DECLS

#define QS_TYPE_WINDOW (qs_window_get_type ())

G_DECLARE_FINAL_TYPE (QsWindow, qs_window, QS, WINDOW, AdwApplicationWindow)

QsWindow   *qs_window_new        (QsApplication *application);
void        qs_window_open       (QsWindow      *self,
                                  GFile         *file);
void        qs_window_cancel     (QsWindow      *self);
gboolean    qs_window_get_busy   (QsWindow      *self);
gboolean    qs_window_is_empty   (QsWindow      *self);
GFile      *qs_window_get_file   (QsWindow      *self);
QsModel    *qs_window_get_model  (QsWindow      *self);
const char *qs_window_get_state  (QsWindow      *self);

/* The graph page */
QsGraphView   *qs_window_get_graph_view  (QsWindow    *self);
QsInspector   *qs_window_get_inspector   (QsWindow    *self);
GtkColumnView *qs_window_get_layer_view  (QsWindow    *self);
gboolean       qs_window_export_image    (QsWindow    *self,
                                          const char  *path,
                                          GError     **error);

/* Runs */
void           qs_window_run             (QsWindow    *self,
                                          const char  *input);
/* The run panel's input file (.npy or photo), as its chooser sets it. */
void           qs_window_set_run_input   (QsWindow    *self,
                                          GFile       *file);
gboolean       qs_window_get_running     (QsWindow    *self);
QsLayerRun    *qs_window_get_run         (QsWindow    *self);
/* The table's row at @position in its current order, or NULL. */
const QsLayerErrors *qs_window_get_table_row (QsWindow *self,
                                              guint     position);
gboolean       qs_window_export_table    (QsWindow    *self,
                                          const char  *path,
                                          GError     **error);

G_END_DECLS
