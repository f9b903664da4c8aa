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
#include "qs-samples-view.h"
#include "qs-analysis.h"
#include "qs-compare.h"
#include "qs-sensitivity.h"

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
QsLptResult *qs_window_get_lpt   (QsWindow      *self);
const char *qs_window_get_state  (QsWindow      *self);

/* The graph page */
QsGraphView   *qs_window_get_graph_view  (QsWindow    *self);
QsInspector   *qs_window_get_inspector   (QsWindow    *self);
QsSamplesView *qs_window_get_samples_view (QsWindow   *self);
GtkColumnView *qs_window_get_layer_view  (QsWindow    *self);
gboolean       qs_window_export_image    (QsWindow    *self,
                                          const char  *path,
                                          GError     **error);
typedef enum
{
  QS_WINDOW_EXPORT_LEGEND  = 1 << 0,  /* the legend beside the graph */
  QS_WINDOW_EXPORT_VISIBLE = 1 << 1,  /* only the part of the graph on screen */
  QS_WINDOW_EXPORT_TILES   = 1 << 2,  /* a PNG past the image limit: tiles, not fitted */
} QsWindowExportFlags;
gboolean       qs_window_export_image_full (QsWindow            *self,
                                            const char          *path,
                                            QsWindowExportFlags  flags,
                                            char               **written,
                                            GError             **error);

/* Runs */
/* @input: one value for every model input (FILE.npy, PHOTO, random:SEED),
 * or NULL for the run panel's choice. */
void           qs_window_run             (QsWindow    *self,
                                          const char  *input);
/* @spec: a data set (DIR, LIST.txt, random:N[:SEED]), as dump --dataset takes it. */
void           qs_window_run_dataset     (QsWindow    *self,
                                          const char  *spec);
/* The run panel's input file (.npy, photo, list or folder), as its chooser sets it. */
/* With several model inputs: which one the run panel's input choice is for
 * (each keeps its own); FALSE when the model has no input of that name. */
gboolean       qs_window_set_run_input_name (QsWindow  *self,
                                            const char *name);
void           qs_window_set_run_input   (QsWindow    *self,
                                          GFile       *file);
gboolean       qs_window_get_running     (QsWindow    *self);
QsAnalysisResult *qs_window_get_run      (QsWindow    *self);
/* The table's row at @position in its current order, or NULL. */
const QsAnalysisRow *qs_window_get_table_row (QsWindow *self,
                                              guint     position);
/* The results file of the last run (JSON as dump --format json writes it,
 * or CSV), written in one go. */
gboolean       qs_window_export_table    (QsWindow    *self,
                                          const char  *path,
                                          GError     **error);
/* How the table and the heat map take a figure over a data set's samples
 * (what the panel's Mean / Worst Sample choice sets). */
void           qs_window_set_aggregate   (QsWindow    *self,
                                          QsAggregate  aggregate);
/* Opens a model and then shows a results file of it (qscope MODEL.xml --results RUN.json). */
void           qs_window_open_with_results (QsWindow  *self,
                                            GFile      *file,
                                            const char *results);
/* Shows a results file written by dump, render or the window for the model on show. */
/* Shows a sensitivity ranking (qscope-cli sensitivity --format json) of
 * the model on show; qs_window_open_results() takes rankings too. */
gboolean       qs_window_open_ranking    (QsWindow    *self,
                                          const char  *path,
                                          GError     **error);
/* Writes the model with the layers chosen to stay in float (the ranking's
 * checked groups, Keep Selected Layer in Float) to @path and its .bin; the
 * summary (what was removed, which layers LPT now runs in float) goes to
 * @summary (nullable). */
gboolean       qs_window_export_mixed    (QsWindow    *self,
                                          const char  *path,
                                          char       **summary,
                                          GError     **error);
/* Adds (or with @keep FALSE removes) a layer or FakeQuantize name. */
void           qs_window_keep_float      (QsWindow    *self,
                                          const char  *name,
                                          gboolean     keep);
/* The ranking's list below the graph (for tests). */
GtkListBox    *qs_window_get_ranking_list (QsWindow   *self);
gboolean       qs_window_open_results    (QsWindow    *self,
                                          const char  *path,
                                          GError     **error);

/* Ranks the quantizers over a data set (Rank the Quantizers); the result
 * on show, or NULL when none was run here (a ranking opened from a file). */
void           qs_window_run_sensitivity (QsWindow    *self,
                                          const char  *input);
QsSensitivityResult *qs_window_get_sensitivity (QsWindow  *self);

/* A second IR of the network on show beside it (File → Compare With…). */
void           qs_window_compare_once_loaded (QsWindow *self,
                                              GFile    *other);
void           qs_window_compare_with    (QsWindow    *self,
                                          GFile       *file);
void           qs_window_close_comparison (QsWindow   *self);
void           qs_window_run_compare     (QsWindow    *self,
                                          const char  *input);
/* How the test model runs: QS_EXEC_MODE_FAKE_QUANT (the default), INT8 or FLOAT. */
void           qs_window_set_compare_mode (QsWindow   *self,
                                          QsExecMode   mode);
QsCompareResult *qs_window_get_comparison (QsWindow   *self);
/* The pane of the other model, and the pair table (for tests). */
QsGraphView   *qs_window_get_other_view  (QsWindow    *self);
GtkColumnView *qs_window_get_pair_view   (QsWindow    *self);

G_END_DECLS
