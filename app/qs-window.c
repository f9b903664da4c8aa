/* qs-window.c — a qscope window: one model, its summary and (later) its graph
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The window is a three-state stack: "empty" (nothing open), "loading" (a
 * load runs in a worker thread and can be cancelled) and "model" (an
 * AdwViewStack of views of the loaded model).  A model arrives from the
 * command line, the Open button, the sample button, a recent file or a drop;
 * all of them end in qs_window_open().  A failed load leaves the window as
 * it was and explains itself in a dialog.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "qs-graph-view.h"
#include "qs-findings.h"
#include "qs-inspector.h"
#include "qs-summary-page.h"
#include "qs-window-private.h"

#define RECENT_GROUP   "qscope"
#define RECENT_MAX     5


G_DEFINE_FINAL_TYPE (QsWindow, qs_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  QsModel      *model;
  JsonNode     *summary;
  gboolean      without_weights;
  QsLptResult  *lpt;
  QsPaintScene *original_scene;
  QsPaintScene *transformed_scene;
  GArray       *weight_findings;
} LoadResult;

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;

  /* scenes point into the transformation, which holds the model */
  g_clear_pointer (&result->original_scene, qs_paint_scene_unref);
  g_clear_pointer (&result->transformed_scene, qs_paint_scene_unref);
  g_clear_pointer (&result->lpt, qs_lpt_result_free);
  g_clear_pointer (&result->model, qs_model_unref);
  g_clear_pointer (&result->summary, json_node_unref);
  g_clear_pointer (&result->weight_findings, g_array_unref);
  g_free (result);
}

static GSettings *get_settings (QsWindow *self);

GSettings *
_qs_window_get_settings (QsWindow *self)
{
  return get_settings (self);
}

static GSettings *
get_settings (QsWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return QS_IS_APPLICATION (app) ? qs_application_get_settings (QS_APPLICATION (app)) : NULL;
}

/* "~/models" reads better than "/home/someone/models" in a subtitle. */
static char *
display_folder (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
  g_autofree char *relative = NULL;

  if (parent == NULL)
    return g_strdup ("/");
  if (g_file_equal (parent, home))
    return g_strdup ("~");
  relative = g_file_get_relative_path (home, parent);
  if (relative != NULL)
    return g_build_filename ("~", relative, NULL);
  return g_file_get_parse_name (parent);
}

void
_qs_window_toast (QsWindow   *self,
                  const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* The path a save dialog was answered with, given the suffix of the chosen
 * filter (its "qs-suffix" data) when the name has none of @suffixes; the
 * first suffix is the default.  NULL when the dialog gave no local file. */
char *
_qs_window_dup_save_path (GtkNativeDialog    *chooser,
                          const char * const *suffixes)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  GtkFileFilter *filter;
  const char *suffix;
  guint i;

  if (path == NULL)
    return NULL;
  for (i = 0; suffixes[i] != NULL; i++)
    {
      g_autofree char *dotted = g_strconcat (".", suffixes[i], NULL);
      if (g_str_has_suffix (path, dotted))
        return g_steal_pointer (&path);
    }
  filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
  suffix = filter != NULL ? g_object_get_data (G_OBJECT (filter), "qs-suffix") : NULL;
  return g_strconcat (path, ".", suffix != NULL ? suffix : suffixes[0], NULL);
}

void
_qs_window_show_error (QsWindow   *self,
                       const char *heading,
                       const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The page to return to when a load ends without a new model. */
static void
show_resting_page (QsWindow *self)
{
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, self->model != NULL ? "model" : "empty");
}

static void
update_titles (QsWindow *self)
{
  /* Nothing to switch between before a model is open: show the title */
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, self->file != NULL);

  if (self->file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (self->file);
      g_autofree char *folder = display_folder (self->file);
      g_autofree char *title = g_strdup_printf (_("%s — qscope"), basename);

      adw_view_switcher_title_set_title (self->switcher_title, basename);
      adw_view_switcher_title_set_subtitle (self->switcher_title, folder);
      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  else
    {
      adw_view_switcher_title_set_title (self->switcher_title, _("qscope"));
      adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("qscope"));
    }
}

static void
set_busy (QsWindow *self,
          gboolean  busy)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Recent files */

static void
add_recent (GFile *file)
{
  static char *groups[] = { (char *) RECENT_GROUP, NULL };
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = {
    .mime_type = (char *) "application/xml",
    .app_name = (char *) "qscope",
    .app_exec = (char *) "qscope %f",
    .groups = groups,
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *ia = *(GtkRecentInfo **) a;
  GtkRecentInfo *ib = *(GtkRecentInfo **) b;

  /* newest first */
  return g_date_time_compare (gtk_recent_info_get_modified (ib), gtk_recent_info_get_modified (ia));
}

static void
populate_recent (QsWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();
  GtkWidget *child;
  GList *l;
  guint i;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (l = items; l != NULL; l = l->next)
    if (gtk_recent_info_has_group (l->data, RECENT_GROUP) &&
        gtk_recent_info_is_local (l->data) &&
        gtk_recent_info_exists (l->data))
      g_ptr_array_add (mine, l->data);
  g_ptr_array_sort (mine, compare_recent);

  for (i = 0; i < mine->len && i < RECENT_MAX; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (gtk_recent_info_get_uri (mine->pdata[i]));
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *folder = display_folder (file);
      g_autofree char *title = g_markup_escape_text (basename, -1);
      g_autofree char *subtitle = g_markup_escape_text (folder, -1);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "qs-file", g_object_ref (file), g_object_unref);
      gtk_list_box_append (self->recent_list, row);
    }
  gtk_widget_set_visible (self->recent_box, mine->len > 0);

  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
recent_row_activated_cb (GtkListBox    *list,
                         GtkListBoxRow *row,
                         QsWindow      *self)
{
  GFile *file = g_object_get_data (G_OBJECT (row), "qs-file");

  if (file != NULL)
    qs_window_open (self, file);
}

/* Loading */

/* The .bin the core reads for @xml_path: the same name, ending in .bin. */
static char *
weights_path_for (const char *xml_path)
{
  g_autofree char *basename = g_path_get_basename (xml_path);
  const char *dot = strrchr (basename, '.');
  g_autofree char *stem = dot != NULL ? g_strndup (xml_path, strlen (xml_path) - strlen (dot)) : g_strdup (xml_path);

  return g_strconcat (stem, ".bin", NULL);
}

static QsPaintScene *
new_scene (const QsGraph     *graph,
           const QsLptResult *lpt)
{
  g_autoptr(QsPaintScene) scene = qs_paint_scene_new (graph, lpt, NULL);

  if (!qs_paint_scene_run_layout (scene, QS_LAYOUT_FOLD_DEFAULT, NULL, NULL, 0, NULL))
    return NULL;
  /* a big graph opens as its top-level module groups, one box each */
  if (qs_paint_scene_get_n_boxes (scene) > QS_WINDOW_COLLAPSE_BOXES)
    qs_paint_scene_collapse_level (scene, 1);
  return g_steal_pointer (&scene);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  g_autofree char *bin_path = weights_path_for (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(QsModel) model = NULL;
  QsLoadFlags flags = QS_LOAD_FLAGS_NONE;
  LoadResult *result;

  /* A model shared without its weights still has a graph worth seeing. */
  if (!g_file_test (bin_path, G_FILE_TEST_EXISTS))
    flags |= QS_LOAD_FLAGS_NO_WEIGHTS;

  model = qs_model_load (path, flags, cancellable, &error);
  if (model == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = g_new0 (LoadResult, 1);
  result->summary = qs_model_summarize (model);
  result->without_weights = (flags & QS_LOAD_FLAGS_NO_WEIGHTS) != 0;
  /* what the weights say before any run: read once, here, not on the
   * main thread each time the findings are shown again */
  result->weight_findings = qs_fq_findings_from_graph (model->graph);

  /* The transformation needs the weights; a model without them still has
   * its own graph to show.  Both layouts are made here, once: selecting,
   * searching and colouring only repaint. */
  if (!result->without_weights)
    result->lpt = qs_lpt_run (model, NULL);
  if (!g_cancellable_is_cancelled (cancellable))
    result->original_scene = new_scene (model->graph, result->lpt);
  if (result->lpt != NULL && !g_cancellable_is_cancelled (cancellable))
    result->transformed_scene = new_scene (qs_lpt_result_get_model (result->lpt)->graph, result->lpt);
  result->model = g_steal_pointer (&model);
  g_task_return_pointer (task, result, load_result_free);
}

static void
find_layers_cb (QsSummaryPage *page,
                GPtrArray     *layers,
                const char    *words,
                QsWindow      *self)
{
  _qs_window_graph_find_layers (self, layers, words);
}

static void
select_layer_cb (QsSummaryPage *page,
                 gpointer       node,
                 QsWindow      *self)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "graph");
  qs_graph_view_select_box (self->graph_view, _qs_window_graph_find_box (self, node), TRUE);
}

static void
select_sample_cb (QsSummaryPage *page,
                  guint          sample,
                  QsWindow      *self)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "graph");
  _qs_window_run_show_sample (self, sample);
}

static void
select_group_cb (QsSummaryPage *page,
                 guint          group,
                 QsWindow      *self)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "graph");
  _qs_window_sensitivity_select_group (self, group);
}

/* The Summary page's findings, again: after a run, results or a ranking. */
void
_qs_window_update_findings (QsWindow *self)
{
  GtkWidget *page = adw_bin_get_child (self->summary_bin);

  if (page == NULL || !QS_IS_SUMMARY_PAGE (page) || self->model == NULL)
    return;
  qs_summary_page_set_findings (QS_SUMMARY_PAGE (page), self->weight_findings, self->run, self->ranking);
}

static void
remember_folder (QsWindow *self,
                 GFile    *file)
{
  GSettings *settings = get_settings (self);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *path = parent != NULL ? g_file_get_path (parent) : NULL;

  if (settings != NULL && path != NULL)
    g_settings_set_string (settings, "last-folder", path);
}

static void
load_done (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  QsWindow *self = QS_WINDOW (source);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (res));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  LoadResult *result;
  GtkWidget *page;

  result = g_task_propagate_pointer (G_TASK (res), &error);

  /* A newer load replaced this one; its result is of no interest. */
  if (cancellable != self->cancellable)
    {
      g_clear_pointer (&result, load_result_free);
      return;
    }

  g_clear_object (&self->cancellable);
  file = g_steal_pointer (&self->loading_file);

  if (result == NULL)
    {
      show_resting_page (self);
      set_busy (self, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, QS_IR_ERROR, QS_IR_ERROR_CANCELLED))
        _qs_window_show_error (self, _("Could Not Open the Model"), error->message);
      return;
    }

  _qs_window_compare_clear (self);
  _qs_window_run_clear (self);
  _qs_window_sensitivity_clear (self);
  _qs_window_graph_set_model (self, NULL, NULL, NULL);
  g_clear_pointer (&self->model, qs_model_unref);
  self->model = g_steal_pointer (&result->model);
  g_clear_pointer (&self->weight_findings, g_array_unref);
  self->weight_findings = g_steal_pointer (&result->weight_findings);
  g_set_object (&self->file, file);
  _qs_window_graph_set_model (self,
                              g_steal_pointer (&result->lpt),
                              g_steal_pointer (&result->original_scene),
                              g_steal_pointer (&result->transformed_scene));
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.run", TRUE);
  _qs_window_run_set_model (self);

  page = qs_summary_page_new (json_node_get_object (result->summary), file);
  qs_summary_page_set_low_precision (QS_SUMMARY_PAGE (page), self->lpt);
  g_signal_connect_object (page, "find-layers", G_CALLBACK (find_layers_cb), self, 0);
  g_signal_connect_object (page, "select-layer", G_CALLBACK (select_layer_cb), self, 0);
  g_signal_connect_object (page, "select-sample", G_CALLBACK (select_sample_cb), self, 0);
  g_signal_connect_object (page, "select-group", G_CALLBACK (select_group_cb), self, 0);
  adw_bin_set_child (self->summary_bin, page);
  _qs_window_update_findings (self);
  if (result->without_weights)
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("No weights file beside this model: showing it without weights")));
  load_result_free (result);

  adw_view_stack_set_visible_child_name (self->view_stack, "summary");
  update_titles (self);
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "model");

  add_recent (file);
  remember_folder (self, file);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  set_busy (self, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-results", TRUE);

  if (self->pending_compare != NULL)
    {
      g_autoptr(GFile) other = g_steal_pointer (&self->pending_compare);

      qs_window_compare_with (self, other);
    }
  if (self->pending_results != NULL)
    {
      g_autofree char *results = g_steal_pointer (&self->pending_results);

      if (!qs_window_open_results (self, results, &error))
        _qs_window_show_error (self, _("Could Not Open the Results"), error->message);
      else
        adw_view_stack_set_visible_child_name (self->view_stack, "graph");
    }
}

/**
 * qs_window_open:
 * @file: an IR model's .xml
 *
 * Loads @file in a worker thread and shows it when done, replacing the
 * model on show.  A load already running is cancelled.  Errors go to a
 * dialog; the window keeps what it showed before.
 */
void
qs_window_open (QsWindow *self,
                GFile    *file)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;
  gboolean was_busy;

  g_return_if_fail (QS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *body = g_strdup_printf (_("%s is not a local file. qscope maps the weights "
                                                 "into memory and needs files on a local disk."),
                                               uri);
      _qs_window_show_error (self, _("Could Not Open the Model"), body);
      return;
    }

  g_clear_pointer (&self->pending_results, g_free);
  g_clear_object (&self->pending_compare);
  was_busy = self->cancellable != NULL;
  if (was_busy)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_set_object (&self->loading_file, file);
  self->cancellable = g_cancellable_new ();

  basename = g_file_get_basename (file);
  adw_status_page_set_description (self->loading_page, basename);
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  task = g_task_new (self, self->cancellable, load_done, NULL);
  g_task_set_source_tag (task, qs_window_open);
  g_task_set_name (task, "[qscope] load model");
  g_task_set_task_data (task, g_steal_pointer (&path), g_free);
  /* Cancel answers at once even when the reader is stuck in a slow read;
   * whatever the thread still produces is dropped with the task. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_thread);

  if (!was_busy)
    set_busy (self, TRUE);
}

/**
 * qs_window_open_with_results:
 * @file: an IR model's .xml
 * @results: a results file of that model (dump --format json, or Export)
 *
 * Opens @file as qs_window_open() does and then shows @results on it,
 * without running the model.  A results file of another model is refused
 * in a dialog.
 */
void
qs_window_open_with_results (QsWindow   *self,
                             GFile      *file,
                             const char *results)
{
  g_return_if_fail (QS_IS_WINDOW (self));
  g_return_if_fail (results != NULL);

  qs_window_open (self, file);
  if (self->cancellable != NULL)
    self->pending_results = g_strdup (results);
}

/**
 * qs_window_compare_once_loaded:
 * @other: a second IR of the network being opened
 *
 * Compares the model with @other as File → Compare With… does, once the
 * model being loaded is on show (at once when none is loading).
 */
void
qs_window_compare_once_loaded (QsWindow *self,
                               GFile    *other)
{
  g_return_if_fail (QS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (other));

  if (self->cancellable != NULL)
    g_set_object (&self->pending_compare, other);
  else
    qs_window_compare_with (self, other);
}

/**
 * qs_window_cancel:
 *
 * Cancels the load in flight, if any; the window goes back to what it
 * showed before.
 */
void
qs_window_cancel (QsWindow *self)
{
  g_return_if_fail (QS_IS_WINDOW (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  /* Escape stops a run too */
  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
}

gboolean
qs_window_get_busy (QsWindow *self)
{
  g_return_val_if_fail (QS_IS_WINDOW (self), FALSE);

  return self->cancellable != NULL;
}

gboolean
qs_window_is_empty (QsWindow *self)
{
  g_return_val_if_fail (QS_IS_WINDOW (self), FALSE);

  return self->cancellable == NULL && self->model == NULL;
}

/**
 * qs_window_get_file:
 *
 * Returns: (transfer none) (nullable): the file of the model on show
 */
GFile *
qs_window_get_file (QsWindow *self)
{
  g_return_val_if_fail (QS_IS_WINDOW (self), NULL);

  return self->file;
}

/**
 * qs_window_get_model:
 *
 * Returns: (transfer none) (nullable): the model on show
 */
QsModel *
qs_window_get_model (QsWindow *self)
{
  g_return_val_if_fail (QS_IS_WINDOW (self), NULL);

  return self->model;
}

/**
 * qs_window_get_lpt:
 *
 * Returns: (transfer none) (nullable): the model's low-precision
 *   transformation, NULL without a model or weights
 */
QsLptResult *
qs_window_get_lpt (QsWindow *self)
{
  g_return_val_if_fail (QS_IS_WINDOW (self), NULL);

  return self->lpt;
}

/**
 * qs_window_get_state:
 *
 * Returns: what the window shows: "empty", "loading" or "model"
 */
const char *
qs_window_get_state (QsWindow *self)
{
  g_return_val_if_fail (QS_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

QsGraphView *
qs_window_get_graph_view (QsWindow *self)
{
  g_return_val_if_fail (QS_IS_WINDOW (self), NULL);

  return self->graph_view;
}

QsInspector *
qs_window_get_inspector (QsWindow *self)
{
  g_return_val_if_fail (QS_IS_WINDOW (self), NULL);

  return self->inspector;
}

QsSamplesView *
qs_window_get_samples_view (QsWindow *self)
{
  g_return_val_if_fail (QS_IS_WINDOW (self), NULL);

  return self->samples_view;
}

GtkColumnView *
qs_window_get_layer_view (QsWindow *self)
{
  g_return_val_if_fail (QS_IS_WINDOW (self), NULL);

  return self->layer_view;
}

/* Actions */

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     QsWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        qs_window_open (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  QsWindow *self = QS_WINDOW (widget);
  GSettings *settings = get_settings (self);
  g_autoptr(GtkFileFilter) models = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  self->chooser = gtk_file_chooser_native_new (_("Open Model"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  gtk_file_filter_set_name (models, _("OpenVINO IR Models"));
  gtk_file_filter_add_suffix (models, "xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), models);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), models);

  if (settings != NULL)
    {
      g_autofree char *folder = g_settings_get_string (settings, "last-folder");

      if (folder[0] != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GFile) dir = g_file_new_for_path (folder);

          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), dir, NULL);
        }
    }

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  QsWindow *self = QS_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GFile) sample = NULL;

  if (QS_IS_APPLICATION (app))
    sample = qs_application_find_sample (QS_APPLICATION (app));
  if (sample == NULL)
    {
      _qs_window_show_error (self, _("Sample Model Missing"),
                  _("The sample model person-detection-retail-0013 is not installed with qscope."));
      return;
    }
  qs_window_open (self, sample);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  qs_window_cancel (QS_WINDOW (widget));
}

/* Drag and drop */

static gboolean
has_suffix_nocase (const char *name,
                   const char *suffix)
{
  gsize n = strlen (name), s = strlen (suffix);

  return n >= s && g_ascii_strcasecmp (name + n - s, suffix) == 0;
}

/* A dropped .bin opens the .xml beside it: people grab either. */
static GFile *
model_for_dropped (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  if (basename == NULL)
    return NULL;
  if (has_suffix_nocase (basename, ".xml"))
    return g_object_ref (file);
  if (has_suffix_nocase (basename, ".bin"))
    {
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *stem = NULL;
      g_autofree char *xml = NULL;

      if (path == NULL)
        return NULL;
      stem = g_strndup (path, strlen (path) - 4);
      xml = g_strconcat (stem, ".xml", NULL);
      if (g_file_test (xml, G_FILE_TEST_IS_REGULAR))
        return g_file_new_for_path (xml);
    }
  return NULL;
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         QsWindow      *self)
{
  GSList *files;
  GSList *l;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (l = files; l != NULL; l = l->next)
    {
      g_autoptr(GFile) model = model_for_dropped (l->data);

      if (model != NULL)
        {
          qs_window_open (self, model);
          g_slist_free (files);
          return TRUE;
        }
    }
  g_slist_free (files);

  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Not an OpenVINO IR model: drop the model’s .xml file")));
  return FALSE;
}

/* Window state */

static void
restore_state (QsWindow *self)
{
  GSettings *settings = get_settings (self);
  int width, height;

  if (settings == NULL)
    return;

  g_settings_get (settings, "window-size", "(ii)", &width, &height);
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
qs_window_close_request (GtkWindow *window)
{
  QsWindow *self = QS_WINDOW (window);
  GSettings *settings = get_settings (self);

  if (settings != NULL)
    {
      gboolean maximized = gtk_window_is_maximized (window);
      int width, height;

      /* The default size is the unmaximized size in GTK 4. */
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (settings, "window-maximized", maximized);
      if (width > 0 && height > 0)
        g_settings_set (settings, "window-size", "(ii)", width, height);
    }

  return GTK_WINDOW_CLASS (qs_window_parent_class)->close_request (window);
}

static void
qs_window_dispose (GObject *object)
{
  QsWindow *self = QS_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  _qs_window_run_dispose (self);
  _qs_window_sensitivity_dispose (self);
  _qs_window_compare_dispose (self);
  _qs_window_graph_dispose (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), QS_TYPE_WINDOW);

  G_OBJECT_CLASS (qs_window_parent_class)->dispose (object);
}

static void
qs_window_finalize (GObject *object)
{
  QsWindow *self = QS_WINDOW (object);

  g_clear_object (&self->loading_file);
  g_clear_object (&self->file);
  g_clear_object (&self->input_file);
  g_clear_pointer (&self->pending_results, g_free);
  g_clear_object (&self->pending_compare);
  g_clear_pointer (&self->weight_findings, g_array_unref);
  g_clear_pointer (&self->model, qs_model_unref);

  G_OBJECT_CLASS (qs_window_parent_class)->finalize (object);
}

static void
qs_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  QsWindow *self = QS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, qs_window_get_busy (self));
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qs_window_class_init (QsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = qs_window_dispose;
  object_class->finalize = qs_window_finalize;
  object_class->get_property = qs_window_get_property;
  window_class->close_request = qs_window_close_request;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/qscope/Qscope/qs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, QsWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, recent_box);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, summary_bin);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, run_separator);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, match_label);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, side_paned);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, run_paned);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, compare_paned);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, other_pane);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, own_pane_header);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, own_pane_label);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, graph_view);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, transformed_button);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, legend_area);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, input_name);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, input_kind);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, input_file_button);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, input_file_label);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, photo_options_button);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, order_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, mean_entry);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, scale_entry);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, run_button);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, run_progress);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, run_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, metric_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, graph_controls);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, aggregate_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, run_stack);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, layer_scroller);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, layer_filter_entry);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, samples_view);
  gtk_widget_class_bind_template_child (widget_class, QsWindow, layer_view);
  gtk_widget_class_bind_template_callback (widget_class, recent_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);

  _qs_window_graph_class_init (widget_class);
  _qs_window_run_class_init (widget_class);
  _qs_window_sensitivity_class_init (widget_class);
  _qs_window_compare_class_init (widget_class);

  g_type_ensure (QS_TYPE_SUMMARY_PAGE);
  g_type_ensure (QS_TYPE_GRAPH_VIEW);
  g_type_ensure (QS_TYPE_INSPECTOR);
  g_type_ensure (QS_TYPE_SAMPLES_VIEW);
}

static void
qs_window_init (QsWindow *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", FALSE);
  _qs_window_graph_init (self);
  _qs_window_run_init (self);
  _qs_window_sensitivity_init (self);
  _qs_window_compare_init (self);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), GTK_EVENT_CONTROLLER (target));

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (populate_recent), self, G_CONNECT_SWAPPED);
  populate_recent (self);
  update_titles (self);
}

QsWindow *
qs_window_new (QsApplication *application)
{
  QsWindow *self = g_object_new (QS_TYPE_WINDOW,
                                 "application", application,
                                 NULL);

  /* Not in constructed(): "application" is set only after it. */
  restore_state (self);
  return self;
}
