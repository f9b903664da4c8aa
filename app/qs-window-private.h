/* qs-window-private.h — the window's insides, shared by its source files
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * qs-window.c opens models; qs-window-graph.c runs the graph page (scenes,
 * selection, search, image export); qs-window-run.c runs models and keeps
 * the per-layer table.
 */
#pragma once

#include "qs-graph-view.h"
#include "qs-inspector.h"
#include "qs-samples-view.h"
#include "qs-analysis.h"
#include "qs-sensitivity.h"
#include "qs-compare.h"
#include "qs-lpt.h"
#include "qs-paint.h"
#include "qs-window.h"

G_BEGIN_DECLS

/* A graph of more boxes than this opens with its top-level module groups
 * collapsed (qs_layout_groups_collapse_level (groups, 1)). */
#define QS_WINDOW_COLLAPSE_BOXES 800

struct _QsWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwViewSwitcherTitle *switcher_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *loading_page;
  GtkSpinner           *spinner;
  GtkWidget            *recent_box;
  GtkListBox           *recent_list;
  AdwViewStack         *view_stack;
  AdwBin               *summary_bin;
  GtkToggleButton      *search_button;
  GtkToggleButton      *sidebar_button;
  GtkWidget            *run_separator;
  gboolean              run_pane_open;
  guint                 pane_settle_id;   /* writes the pane sizes once they settle */
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkLabel             *match_label;
  GtkPaned             *side_paned;
  GtkPaned             *run_paned;
  QsGraphView          *graph_view;
  GtkToggleButton      *transformed_button;
  GtkDrawingArea       *legend_area;
  QsInspector          *inspector;
  GtkDropDown          *input_name;           /* which model input the choice is for (several inputs) */
  GtkDropDown          *input_kind;
  GtkSpinButton        *seed_spin;
  GtkWidget            *input_file_button;
  GtkLabel             *input_file_label;
  GtkWidget            *photo_options_button;
  GtkDropDown          *order_dropdown;
  GtkEntry             *mean_entry;
  GtkEntry             *scale_entry;
  GtkWidget            *run_button;
  GtkProgressBar       *run_progress;
  GtkWidget            *run_cancel_button;
  GtkDropDown          *metric_dropdown;
  GtkWidget            *graph_controls;
  GtkDropDown          *aggregate_dropdown;
  GtkStack             *run_stack;
  GtkScrolledWindow    *layer_scroller;
  GtkSearchEntry       *layer_filter_entry;
  QsSamplesView        *samples_view;
  GtkColumnView        *layer_view;

  /* The load in flight, if any */
  GCancellable         *cancellable;
  GFile                *loading_file;

  /* The model on show, if any */
  GFile                *file;
  QsModel              *model;
  QsLptResult          *lpt;               /* NULL when the model cannot be transformed */
  QsPaintScene         *original_scene;
  QsPaintScene         *transformed_scene;
  gboolean              show_transformed;

  /* Search */
  GArray               *matches;           /* layer indices (qs_paint_scene_get_layer()) of the scene on show */
  GHashTable           *found_layers;      /* set of const QsNode *: a finding's layers, or NULL */
  gboolean              setting_find_text;
  guint                 match;

  /* Runs */
  GCancellable         *run_cancellable;
  guint                 run_progress_id;
  gint                  run_progress_value;   /* thousandths */
  gint                  run_progress_sample;
  gint                  run_progress_samples;
  QsAnalysisResult     *run;                  /* the last run, or results opened */
  GFile                *input_file;
  GArray               *run_inputs;           /* QsRunInput per Parameter, with several inputs */
  guint                 run_input_current;
  gboolean              run_inputs_syncing;
  QsFigure              metric;
  gboolean              colour_none;      /* "Colour by: None" or "Precision": no heat map */
  gboolean              colour_precision; /* "Colour by: Precision" */
  QsAggregate           aggregate;
  GtkSingleSelection   *layer_selection;
  GtkSorter            *table_sorter;         /* the column view's order, empty cells last */
  GtkFilter            *layer_filter;         /* the filter entry's words (qs_lpt_node_matches()) */
  gboolean              syncing;

  /* A sensitivity ranking opened on the model */
  QsSensitivityRanking *ranking;
  GArray               *weight_findings;      /* QsFqFinding of the weights, from the load */
  QsSensitivityResult  *sensitivity;          /* the ranking's result when run here, or NULL */
  GtkListBox           *ranking_list;
  GtkLabel             *ranking_label;
  GPtrArray            *keep_float;           /* char *: layers (or FakeQuantize) to keep in float at export */

  /* A second IR of the same network, left of the model on show */
  GtkPaned             *compare_paned;
  GtkWidget            *other_pane;
  GtkWidget            *own_pane_header;
  GtkLabel             *own_pane_label;
  QsGraphView          *other_view;
  GtkLabel             *other_label;
  GCancellable         *other_cancellable;   /* its load */
  QsModel              *other;               /* the reference, or the test model when the one on show is float */
  QsPaintScene         *other_scene;
  gboolean              other_is_test;
  QsCompareResult      *comparison;
  GtkScrolledWindow    *pair_scroller;
  GtkColumnView        *pair_view;
  GtkSingleSelection   *pair_selection;
  GtkSorter            *pair_sorter;
  GtkLabel             *compare_label;
  GtkDropDown          *compare_mode;
  GtkDropDown          *compare_figure;
  gboolean              compare_syncing;

  GtkFileChooserNative *chooser;
  char                 *pending_results;    /* to show once the model is loaded */
  GFile                *pending_compare;    /* to compare with once the model is loaded */
};

/* qs-window.c */
GSettings    *_qs_window_get_settings          (QsWindow      *self);
void          _qs_window_show_error            (QsWindow      *self,
                                                const char    *heading,
                                                const char    *body);
void          _qs_window_toast                 (QsWindow      *self,
                                                const char    *text);
/* The Summary page's findings, again (a run, results or a ranking came or went). */
void          _qs_window_update_findings       (QsWindow      *self);
char         *_qs_window_dup_save_path         (GtkNativeDialog    *chooser,
                                                const char * const *suffixes);

/* qs-window-graph.c */
void          _qs_window_graph_class_init      (GtkWidgetClass *widget_class);
void          _qs_window_graph_init            (QsWindow      *self);
void          _qs_window_graph_dispose         (QsWindow      *self);
/* Takes the new model's transformation and scenes (all nullable). */
void          _qs_window_graph_set_model       (QsWindow      *self,
                                                QsLptResult   *lpt,
                                                QsPaintScene  *original,
                                                QsPaintScene  *transformed);
QsPaintScene *_qs_window_graph_get_scene       (QsWindow      *self);
/* The box of the scene on show that stands for original node @node. */
void          _qs_window_graph_find_layers     (QsWindow      *self,
                                                GPtrArray     *layers,
                                                const char    *words);
int           _qs_window_graph_find_box        (QsWindow      *self,
                                                const QsNode  *node);
void          _qs_window_graph_update_values   (QsWindow      *self);
void          _qs_window_graph_update_inspector (QsWindow     *self);

/* qs-window-run.c */
void          _qs_window_run_class_init        (GtkWidgetClass *widget_class);
void          _qs_window_run_init              (QsWindow      *self);
void          _qs_window_run_dispose           (QsWindow      *self);
void          _qs_window_run_clear             (QsWindow      *self);
void          _qs_window_run_set_model         (QsWindow      *self);
/* Shows sample @sample marked in the run's chart. */
void          _qs_window_run_show_sample       (QsWindow      *self,
                                                guint          sample);
/* Selects the table row of original node @node (nullable). */
void          _qs_window_run_select_node       (QsWindow      *self,
                                                const QsNode  *node);

/* qs-window-sensitivity.c */
void          _qs_window_sensitivity_class_init (GtkWidgetClass *widget_class);
void          _qs_window_sensitivity_init      (QsWindow      *self);
void          _qs_window_sensitivity_dispose   (QsWindow      *self);
void          _qs_window_sensitivity_clear     (QsWindow      *self);
/* Shows the ranking below the graph with group @group chosen. */
void          _qs_window_sensitivity_select_group (QsWindow   *self,
                                                   guint       group);
/* Whether the ranking is on show (and colours the graph). */
gboolean      _qs_window_sensitivity_showing   (QsWindow      *self);
double       *_qs_window_sensitivity_node_values (QsWindow    *self);
void          _qs_window_sensitivity_show_result (QsWindow           *self,
                                                  QsSensitivityResult *result);

/* qs-window-compare.c */
void          _qs_window_compare_class_init    (GtkWidgetClass *widget_class);
void          _qs_window_compare_init          (QsWindow      *self);
void          _qs_window_compare_dispose       (QsWindow      *self);
/* Closes the comparison (another model opens). */
void          _qs_window_compare_clear         (QsWindow      *self);
/* Whether the pair table is on show (and colours both graphs). */
gboolean      _qs_window_compare_showing       (QsWindow      *self);
/* Colours both graphs by the chosen figure of the pairs. */
void          _qs_window_compare_update_values (QsWindow      *self);
/* The pair of original node @node of the model on show, selected in the
 * other pane and the table (nullable). */
void          _qs_window_compare_select_node   (QsWindow      *self,
                                                const QsNode  *node);
/* How the model on show runs against the reference (from the page's choice). */
QsExecMode    _qs_window_compare_get_mode      (QsWindow      *self);
/* Shows a comparison run over a data set. */
void          _qs_window_compare_show_result   (QsWindow        *self,
                                                QsCompareResult *result);

G_END_DECLS
