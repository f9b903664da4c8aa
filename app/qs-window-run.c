/* qs-window-run.c — running the model from the window, and the per-layer table
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The run panel under the graph builds input specs from its controls (a
 * seed, a .npy file, or a photo with its channel order, mean and scale),
 * runs the three modes in a GTask thread with a progress bar and Cancel,
 * and shows one row per layer.  The table and the graph follow each other:
 * a row selects and centres its layer, a selected layer selects its row.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "qs-window-private.h"
#include "qs-file.h"

enum {
  INPUT_RANDOM,
  INPUT_NPY,
  INPUT_PHOTO,
};

enum {
  COL_NAME = QS_N_METRICS,
  COL_TYPE,
  COL_SHAPE,
};

/* A table row: a run and the index of one of its rows */

#define QS_TYPE_LAYER_ITEM (qs_layer_item_get_type ())
G_DECLARE_FINAL_TYPE (QsLayerItem, qs_layer_item, QS, LAYER_ITEM, GObject)

struct _QsLayerItem
{
  GObject     parent_instance;
  QsLayerRun *run;
  guint       row;
};

G_DEFINE_FINAL_TYPE (QsLayerItem, qs_layer_item, G_TYPE_OBJECT)

static void
qs_layer_item_finalize (GObject *object)
{
  g_clear_pointer (&QS_LAYER_ITEM (object)->run, qs_layer_run_unref);

  G_OBJECT_CLASS (qs_layer_item_parent_class)->finalize (object);
}

static void
qs_layer_item_class_init (QsLayerItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = qs_layer_item_finalize;
}

static void
qs_layer_item_init (QsLayerItem *self)
{
}

static const QsLayerErrors *
item_row (gconstpointer item)
{
  const QsLayerItem *self = item;

  return &self->run->rows[self->row];
}

/* Columns */

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  int col = GPOINTER_TO_INT (user_data);
  const QsLayerErrors *x = item_row (a);
  const QsLayerErrors *y = item_row (b);
  double u, v;
  int c;

  switch (col)
    {
    case COL_NAME:
      c = g_strcmp0 (x->node->name, y->node->name);
      return c < 0 ? GTK_ORDERING_SMALLER : c > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
    case COL_TYPE:
      c = g_strcmp0 (x->node->type, y->node->type);
      return c < 0 ? GTK_ORDERING_SMALLER : c > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
    default:
      u = x->metrics[col];
      v = y->metrics[col];
      /* layers without a value sort after those with one */
      if (isnan (u) || isnan (v))
        return isnan (u) == isnan (v) ? GTK_ORDERING_EQUAL : isnan (u) ? GTK_ORDERING_LARGER : GTK_ORDERING_SMALLER;
      return u < v ? GTK_ORDERING_SMALLER : u > v ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
    }
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  int col = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  if (col < QS_N_METRICS)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (label), col == COL_NAME ? PANGO_ELLIPSIZE_MIDDLE : PANGO_ELLIPSIZE_END);
      /* narrow, so that all columns fit beside the inspector at 1000 pixels;
       * the name column takes what is left over (it expands) */
      gtk_label_set_width_chars (GTK_LABEL (label), col == COL_NAME ? 12 : 7);
    }
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  int col = GPOINTER_TO_INT (user_data);
  const QsLayerErrors *row = item_row (gtk_list_item_get_item (item));
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;

  switch (col)
    {
    case COL_NAME:
      gtk_label_set_text (label, row->node->name);
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), row->node->name);
      break;
    case COL_TYPE:
      gtk_label_set_text (label, row->node->type);
      break;
    default:
      text = qs_metric_format (col, row->metrics[col]);
      gtk_label_set_text (label, text);
      break;
    }
}

static void
add_column (QsWindow   *self,
            int         col,
            const char *title,
            gboolean    expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GINT_TO_POINTER (col));
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GINT_TO_POINTER (col));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (column,
                                     GTK_SORTER (gtk_custom_sorter_new (compare_rows, GINT_TO_POINTER (col), NULL)));
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, expand);
  /* gtk_column_view_column_set_id() is GTK 4.10; tests find columns by this key */
  g_object_set_data (G_OBJECT (column), "qs-key", (gpointer) (col < QS_N_METRICS ? qs_metric_key (col) : col == COL_NAME ? "name" : "type"));
  gtk_column_view_append_column (self->layer_view, column);
  g_object_unref (column);
}

/* Table and graph, both ways */

static void
scroll_to_position (QsWindow *self,
                    guint     position)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->layer_scroller);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->layer_selection));
  double upper = gtk_adjustment_get_upper (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  double row_h, y;

  /* GTK 4.8 has no gtk_column_view_scroll_to(): rows are of one height, so
   * the row's offset is its share of the list (the header row aside) */
  if (n == 0 || upper <= page)
    return;
  row_h = upper / (n + 1);
  y = (position + 1) * row_h;
  if (y < gtk_adjustment_get_value (adjustment) + row_h || y + row_h > gtk_adjustment_get_value (adjustment) + page)
    gtk_adjustment_set_value (adjustment, CLAMP (y - page / 2, 0, upper - page));
}

void
_qs_window_run_select_node (QsWindow     *self,
                            const QsNode *node)
{
  guint i, n;

  if (self->layer_selection == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->layer_selection));
  self->syncing = TRUE;
  for (i = 0; i < n; i++)
    {
      g_autoptr(QsLayerItem) item = g_list_model_get_item (G_LIST_MODEL (self->layer_selection), i);

      if (node != NULL && item_row (item)->node == node)
        {
          gtk_single_selection_set_selected (self->layer_selection, i);
          scroll_to_position (self, i);
          self->syncing = FALSE;
          return;
        }
    }
  gtk_single_selection_set_selected (self->layer_selection, GTK_INVALID_LIST_POSITION);
  self->syncing = FALSE;
}

static void
row_selected_cb (GtkSingleSelection *selection,
                 GParamSpec         *pspec,
                 QsWindow           *self)
{
  QsLayerItem *item = gtk_single_selection_get_selected_item (selection);

  if (self->syncing || item == NULL)
    return;
  self->syncing = TRUE;
  qs_graph_view_select_box (self->graph_view, _qs_window_graph_find_box (self, item_row (item)->node), TRUE);
  self->syncing = FALSE;
}

static void
fill_table (QsWindow *self)
{
  GListStore *store = g_list_store_new (QS_TYPE_LAYER_ITEM);
  GtkSortListModel *sorted;
  guint i;

  for (i = 0; self->run != NULL && i < self->run->n_rows; i++)
    {
      QsLayerItem *item = g_object_new (QS_TYPE_LAYER_ITEM, NULL);

      item->run = qs_layer_run_ref (self->run);
      item->row = i;
      g_list_store_append (store, item);
      g_object_unref (item);
    }
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (store), g_object_ref (gtk_column_view_get_sorter (self->layer_view)));
  if (self->layer_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->layer_selection, self);
  g_clear_object (&self->layer_selection);
  self->layer_selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->layer_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->layer_selection, TRUE);
  gtk_single_selection_set_selected (self->layer_selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect (self->layer_selection, "notify::selected", G_CALLBACK (row_selected_cb), self);
  gtk_column_view_set_model (self->layer_view, GTK_SELECTION_MODEL (self->layer_selection));
}

/* Running */

typedef struct
{
  QsModel        *model;
  char          **specs;
  QsImageOptions  image;
  char           *description;
  gint           *progress;
  gboolean        input_failed;
} RunData;

static void
run_data_free (gpointer data)
{
  RunData *d = data;

  qs_model_unref (d->model);
  g_strfreev (d->specs);
  g_free (d->description);
  g_free (d);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *d = task_data;
  g_autoptr(GError) error = NULL;
  QsTensor **inputs;
  QsLayerRun *run;
  guint i;

  inputs = qs_inputs_from_specs (d->model, (const char *const *) d->specs, &d->image, &error);
  if (inputs == NULL)
    {
      d->input_failed = TRUE;
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  run = qs_layer_run_execute (d->model, inputs, d->description, cancellable, d->progress, &error);
  for (i = 0; i < d->model->graph->n_parameters; i++)
    g_clear_pointer (&inputs[i], qs_tensor_unref);
  g_free (inputs);
  if (run == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, run, (GDestroyNotify) qs_layer_run_unref);
}

static void
set_running (QsWindow *self,
             gboolean  running)
{
  gtk_widget_set_visible (GTK_WIDGET (self->run_progress), running);
  gtk_widget_set_visible (self->run_cancel_button, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.run", !running && self->model != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-run", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", running || self->cancellable != NULL);
  if (!running)
    g_clear_handle_id (&self->run_progress_id, g_source_remove);
}

static gboolean
run_progress_cb (gpointer data)
{
  QsWindow *self = data;

  gtk_progress_bar_set_fraction (self->run_progress, g_atomic_int_get (&self->run_progress_value) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  QsWindow *self = QS_WINDOW (source);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  RunData *d = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(QsLayerRun) run = g_task_propagate_pointer (G_TASK (result), &error);

  if (cancellable != self->run_cancellable)
    return;   /* a newer run, or a newer model, replaced this one */
  g_clear_object (&self->run_cancellable);
  set_running (self, FALSE);

  if (run == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, QS_EXEC_ERROR, QS_EXEC_ERROR_CANCELLED))
        return;
      _qs_window_show_error (self, d->input_failed ? _("Could Not Read the Input") : _("Could Not Run the Model"),
                             error->message);
      return;
    }

  g_clear_pointer (&self->run, qs_layer_run_unref);
  self->run = g_steal_pointer (&run);
  fill_table (self);
  gtk_stack_set_visible_child_name (self->run_stack, "table");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-to-worst", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-table", TRUE);
  _qs_window_graph_update_values (self);
  _qs_window_graph_update_inspector (self);
  _qs_window_run_select_node (self, qs_inspector_get_node (self->inspector) != NULL
                                    ? (qs_inspector_get_node (self->inspector)->origin != NULL
                                       ? qs_inspector_get_node (self->inspector)->origin
                                       : qs_inspector_get_node (self->inspector))
                                    : NULL);
  if (self->run->int8_error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("No int8 comparison: %s"), self->run->int8_error);
      _qs_window_toast (self, text);
    }
}

static gboolean
parse_triple (const char *text,
              float       values[3])
{
  g_autoptr(GArray) list = qs_parse_float_list (text);
  guint c;

  if (list == NULL || (list->len != 1 && list->len != 3))
    return FALSE;
  for (c = 0; c < 3; c++)
    values[c] = g_array_index (list, double, list->len == 1 ? 0 : c);
  return TRUE;
}

/**
 * qs_window_run:
 * @input: (nullable): an input spec for every model input ("random:SEED",
 *   a .npy or a photo); NULL takes it from the run panel
 *
 * Runs the model on show in float, fake-quant and int8 mode in a worker
 * thread and fills the per-layer table.  Errors go to a dialog.
 */
void
qs_window_run (QsWindow   *self,
               const char *input)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *spec = NULL;
  RunData *d;
  guint i;

  g_return_if_fail (QS_IS_WINDOW (self));

  if (self->model == NULL || self->run_cancellable != NULL)
    return;

  d = g_new0 (RunData, 1);
  qs_image_options_init (&d->image);
  if (input != NULL)
    {
      spec = g_strdup (input);
      d->description = g_strdup (input);
    }
  else
    switch (gtk_drop_down_get_selected (self->input_kind))
      {
      case INPUT_RANDOM:
      default:
        spec = g_strdup_printf ("random:%.0f", gtk_spin_button_get_value (self->seed_spin));
        d->description = g_strdup_printf (_("Random input, seed %.0f"), gtk_spin_button_get_value (self->seed_spin));
        break;

      case INPUT_NPY:
      case INPUT_PHOTO:
        if (self->input_file == NULL || (spec = g_file_get_path (self->input_file)) == NULL)
          {
            run_data_free (d);
            _qs_window_show_error (self, _("No Input File"), _("Choose a .npy file or a photo to run the model on."));
            return;
          }
        d->description = g_file_get_basename (self->input_file);
        if (gtk_drop_down_get_selected (self->input_kind) == INPUT_PHOTO)
          {
            d->image.rgb = gtk_switch_get_active (self->rgb_switch);
            if (!parse_triple (gtk_editable_get_text (GTK_EDITABLE (self->mean_entry)), d->image.mean) ||
                !parse_triple (gtk_editable_get_text (GTK_EDITABLE (self->scale_entry)), d->image.scale))
              {
                run_data_free (d);
                _qs_window_show_error (self, _("Photo Options Not Understood"),
                                       _("Mean and scale take one number or three, separated by commas."));
                return;
              }
          }
        break;
      }

  /* One spec per model input, named by its layer, so several inputs get the same source. */
  d->model = qs_model_ref (self->model);
  d->specs = g_new0 (char *, self->model->graph->n_parameters + 1);
  for (i = 0; i < self->model->graph->n_parameters; i++)
    d->specs[i] = g_strdup_printf ("%s=%s", self->model->graph->parameters[i]->name, spec);
  d->progress = &self->run_progress_value;

  g_atomic_int_set (&self->run_progress_value, 0);
  gtk_progress_bar_set_fraction (self->run_progress, 0);
  self->run_cancellable = g_cancellable_new ();
  set_running (self, TRUE);
  self->run_progress_id = g_timeout_add (100, run_progress_cb, self);

  task = g_task_new (self, self->run_cancellable, run_done, NULL);
  g_task_set_source_tag (task, qs_window_run);
  g_task_set_name (task, "[qscope] run model");
  g_task_set_task_data (task, d, run_data_free);
  g_task_run_in_thread (task, run_thread);
}

gboolean
qs_window_get_running (QsWindow *self)
{
  g_return_val_if_fail (QS_IS_WINDOW (self), FALSE);

  return self->run_cancellable != NULL;
}

/**
 * qs_window_get_run:
 *
 * Returns: (transfer none) (nullable): the last run's results
 */
QsLayerRun *
qs_window_get_run (QsWindow *self)
{
  g_return_val_if_fail (QS_IS_WINDOW (self), NULL);

  return self->run;
}

const QsLayerErrors *
qs_window_get_table_row (QsWindow *self,
                         guint     position)
{
  g_autoptr(QsLayerItem) item = NULL;

  g_return_val_if_fail (QS_IS_WINDOW (self), NULL);

  if (self->layer_selection == NULL ||
      (item = g_list_model_get_item (G_LIST_MODEL (self->layer_selection), position)) == NULL)
    return NULL;
  return item_row (item);
}

void
_qs_window_run_clear (QsWindow *self)
{
  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  g_clear_object (&self->run_cancellable);
  set_running (self, FALSE);
  g_clear_pointer (&self->run, qs_layer_run_unref);
  if (self->layer_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->layer_selection, self);
  gtk_column_view_set_model (self->layer_view, NULL);
  g_clear_object (&self->layer_selection);
  gtk_stack_set_visible_child_name (self->run_stack, "none");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-to-worst", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-table", FALSE);
  qs_graph_view_set_values (self->graph_view, NULL, NULL, FALSE);
}

/* Table export */

/**
 * qs_window_export_table:
 * @path: ends in .json for JSON, anything else is CSV
 *
 * Writes the last run's table; see qs_file_replace_contents().
 */
gboolean
qs_window_export_table (QsWindow    *self,
                        const char  *path,
                        GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (QS_IS_WINDOW (self), FALSE);

  if (self->run == NULL)
    return TRUE;
  text = g_str_has_suffix (path, ".json") ? qs_layer_run_to_json (self->run) : qs_layer_run_to_csv (self->run);
  return qs_file_replace_contents (path, text, strlen (text), error);
}

static void
export_table_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          QsWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      static const char * const suffixes[] = { "csv", "json", NULL };
      g_autofree char *path = _qs_window_dup_save_path (chooser, suffixes);
      g_autoptr(GError) error = NULL;

      if (path != NULL)
        {
          if (!qs_window_export_table (self, path, &error))
            _qs_window_show_error (self, _("Could Not Export the Table"), error->message);
          else
            _qs_window_toast (self, _("Table exported"));
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_table_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  QsWindow *self = QS_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->run == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Layer Table"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (csv, _("CSV Table"));
  gtk_file_filter_add_suffix (csv, "csv");
  g_object_set_data (G_OBJECT (csv), "qs-suffix", (gpointer) "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_filter_set_name (json, _("JSON Document"));
  gtk_file_filter_add_suffix (json, "json");
  g_object_set_data (G_OBJECT (json), "qs-suffix", (gpointer) "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), json);
  name = g_strdup_printf ("%s-layers.csv", self->model->name);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_table_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Input choice */

static void
input_kind_changed_cb (GtkDropDown *dropdown,
                       GParamSpec  *pspec,
                       QsWindow    *self)
{
  guint kind = gtk_drop_down_get_selected (dropdown);

  gtk_widget_set_visible (GTK_WIDGET (self->seed_spin), kind == INPUT_RANDOM);
  gtk_widget_set_visible (self->input_file_button, kind != INPUT_RANDOM);
  gtk_widget_set_visible (self->photo_options_button, kind == INPUT_PHOTO);
}

/**
 * qs_window_set_run_input:
 * @file: a .npy file or a photo
 *
 * Sets the run panel's input as choosing @file in its file chooser does:
 * a .npy file by its suffix, anything else as a photo, taken with the
 * panel's photo options.
 */
void
qs_window_set_run_input (QsWindow *self,
                         GFile    *file)
{
  g_autofree char *basename = NULL;

  g_return_if_fail (QS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  basename = g_file_get_basename (file);
  g_set_object (&self->input_file, file);
  gtk_label_set_text (self->input_file_label, basename);
  gtk_drop_down_set_selected (self->input_kind,
                              g_str_has_suffix (basename, ".npy") || g_str_has_suffix (basename, ".NPY")
                              ? INPUT_NPY : INPUT_PHOTO);
}

static void
choose_input_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          QsWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        qs_window_set_run_input (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose_input_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  QsWindow *self = QS_WINDOW (widget);
  gboolean photo = gtk_drop_down_get_selected (self->input_kind) == INPUT_PHOTO;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (photo ? _("Choose a Photo") : _("Choose a NumPy File"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (photo)
    {
      gtk_file_filter_set_name (filter, _("Photos"));
      gtk_file_filter_add_suffix (filter, "png");
      gtk_file_filter_add_suffix (filter, "jpg");
      gtk_file_filter_add_suffix (filter, "jpeg");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("NumPy Arrays"));
      gtk_file_filter_add_suffix (filter, "npy");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (choose_input_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Metric */

static void
metric_changed_cb (GtkDropDown *dropdown,
                   GParamSpec  *pspec,
                   QsWindow    *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected >= QS_N_METRICS)
    return;
  self->metric = selected;
  _qs_window_graph_update_values (self);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  QsWindow *self = QS_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "graph");
  qs_window_run (self, NULL);
}

static void
cancel_run_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  QsWindow *self = QS_WINDOW (widget);

  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
}

static void
go_to_worst_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  QsWindow *self = QS_WINDOW (widget);
  int row;

  if (self->run == NULL || (row = qs_layer_run_find_worst (self->run, self->metric)) < 0)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "graph");
  qs_graph_view_select_box (self->graph_view, _qs_window_graph_find_box (self, self->run->rows[row].node), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->graph_view));
}

void
_qs_window_run_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, input_kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, metric_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-run", NULL, cancel_run_action);
  gtk_widget_class_install_action (widget_class, "win.choose-input", NULL, choose_input_action);
  gtk_widget_class_install_action (widget_class, "win.go-to-worst", NULL, go_to_worst_action);
  gtk_widget_class_install_action (widget_class, "win.export-table", NULL, export_table_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK, "win.go-to-worst", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-table", NULL);
}

static gboolean
scroll_to_top_cb (gpointer data)
{
  QsWindow *self = data;

  if (self->layer_scroller != NULL)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->layer_scroller), 0);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
sorter_changed_cb (GtkSorter       *sorter,
                   GtkSorterChange  change,
                   QsWindow        *self)
{
  /* A new order starts at its top, not at the row that happened to be
   * there; the list keeps that row in view while it re-sorts, so scroll
   * once it is done. */
  if (self->layer_scroller != NULL)
    g_idle_add_full (G_PRIORITY_LOW, scroll_to_top_cb, g_object_ref (self), NULL);
}

void
_qs_window_run_init (QsWindow *self)
{
  g_autoptr(GtkStringList) metrics = gtk_string_list_new (NULL);
  guint m;

  for (m = 0; m < QS_N_METRICS; m++)
    gtk_string_list_append (metrics, qs_metric_title (m));
  gtk_drop_down_set_model (self->metric_dropdown, G_LIST_MODEL (metrics));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->metric_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Colour the graph by"), -1);

  add_column (self, COL_NAME, _("Layer"), TRUE);
  add_column (self, COL_TYPE, _("Type"), FALSE);
  for (m = 0; m < QS_N_METRICS; m++)
    add_column (self, m, qs_metric_title (m), FALSE);

  g_signal_connect_object (gtk_column_view_get_sorter (self->layer_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_AFTER);

  set_running (self, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-to-worst", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-table", FALSE);
}

void
_qs_window_run_dispose (QsWindow *self)
{
  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  g_clear_object (&self->run_cancellable);
  g_clear_handle_id (&self->run_progress_id, g_source_remove);
  if (self->layer_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->layer_selection, self);
  if (self->layer_view != NULL)
    gtk_column_view_set_model (self->layer_view, NULL);
  g_clear_object (&self->layer_selection);
  g_clear_pointer (&self->run, qs_layer_run_unref);
}
