/* qs-window-run.c — running the model from the window, and the per-layer table
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The run panel under the graph builds a data set from its controls (a
 * seed, a .npy file, a photo, a folder or a list file, photos with the
 * model's preprocessing unless the panel's options say otherwise), runs
 * the analysis engine in a GTask thread with a progress bar and Cancel,
 * and shows one row per tensor of the result.  That result is the one
 * `qscope-cli dump` prints for the same input; the window computes
 * nothing of its own.  Results files open here too.  The table and the
 * graph follow each other: a row selects and centres its layer, a selected
 * layer selects its row.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "qs-window-private.h"
#include "qs-file.h"
#include "qs-run-figures.h"
#include "qs-table-order.h"

enum {
  INPUT_RANDOM,
  INPUT_NPY,
  INPUT_PHOTO,
  INPUT_FOLDER,
  INPUT_LIST,
};

enum {
  ORDER_MODEL,
  ORDER_BGR,
  ORDER_RGB,
};

/* Columns: 0 .. QS_RUN_N_FIGURES - 1 are qs_run_figures[] */
enum {
  COL_NAME = QS_RUN_N_FIGURES,
  COL_TYPE,
  COL_SHAPE,
};

/* A table row: a run and the index of one of its rows */

#define QS_TYPE_LAYER_ITEM (qs_layer_item_get_type ())
G_DECLARE_FINAL_TYPE (QsLayerItem, qs_layer_item, QS, LAYER_ITEM, GObject)

struct _QsLayerItem
{
  GObject           parent_instance;
  QsAnalysisResult *run;
  guint             row;
  QsAggregate       aggregate;      /* the window's choice when the item was made */
};

G_DEFINE_FINAL_TYPE (QsLayerItem, qs_layer_item, G_TYPE_OBJECT)

static void
qs_layer_item_finalize (GObject *object)
{
  g_clear_pointer (&QS_LAYER_ITEM (object)->run, qs_analysis_result_unref);

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

static const QsAnalysisRow *
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
  QsAggregate aggregate = ((const QsLayerItem *) a)->aggregate;
  const QsAnalysisRow *x = item_row (a);
  const QsAnalysisRow *y = item_row (b);
  double u, v;
  int c;

  qs_table_order_note (col);
  switch (col)
    {
    case COL_NAME:
      c = g_strcmp0 (x->name, y->name);
      return c < 0 ? GTK_ORDERING_SMALLER : c > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
    case COL_TYPE:
      c = g_strcmp0 (x->type, y->type);
      return c < 0 ? GTK_ORDERING_SMALLER : c > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
    default:
      u = qs_run_row_value (x, qs_run_figures[col], aggregate);
      v = qs_run_row_value (y, qs_run_figures[col], aggregate);
      /* layers without a value sort after those with one */
      if (isnan (u) || isnan (v))
        return isnan (u) == isnan (v) ? GTK_ORDERING_EQUAL : isnan (u) ? GTK_ORDERING_LARGER : GTK_ORDERING_SMALLER;
      return u < v ? GTK_ORDERING_SMALLER : u > v ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
    }
}

/* The table's order: the column view's, with empty cells of the sorted
 * column last in both directions. */
static gboolean
cell_is_empty (gpointer item,
               int      col,
               gpointer user_data)
{
  return col < QS_RUN_N_FIGURES &&
         isnan (qs_run_row_value (item_row (item), qs_run_figures[col], ((const QsLayerItem *) item)->aggregate));
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  int col = GPOINTER_TO_INT (user_data);

  gtk_list_item_set_child (item, qs_table_cell_new (col < QS_RUN_N_FIGURES ? QS_TABLE_CELL_FIGURE
                                                    : col == COL_NAME ? QS_TABLE_CELL_NAME : QS_TABLE_CELL_TEXT));
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  int col = GPOINTER_TO_INT (user_data);
  QsLayerItem *layer = gtk_list_item_get_item (item);
  const QsAnalysisRow *row = item_row (layer);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;

  switch (col)
    {
    case COL_NAME:
      gtk_label_set_text (label, row->name);
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), row->name);
      break;
    case COL_TYPE:
      gtk_label_set_text (label, row->type);
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), row->type);
      break;
    default:
      {
        QsFigure figure = qs_run_figures[col];
        const QsFigureValue *v = &row->figures[figure];

        g_autofree char *grid = NULL;

        text = qs_run_figure_format (figure, qs_run_row_value (row, figure, layer->aggregate));
        if (v->has && figure >= QS_FIGURE_LSB_RUN && (grid = qs_analysis_row_grid_note (row)) != NULL)
          {
            /* int8 codes not on the FakeQuantize's own grid: marked, the
             * tooltip says which grid and why */
            char *marked = g_strconcat (text, " ◇", NULL);

            g_free (text);
            text = marked;
          }
        gtk_label_set_text (label, text);
        if (grid != NULL)
          gtk_widget_set_tooltip_text (GTK_WIDGET (label), grid);
        else if (v->has && layer->run->n_samples > 1)
          {
            g_autofree char *mean = qs_run_figure_format (figure, qs_run_row_value (row, figure, QS_AGGREGATE_MEAN));
            g_autofree char *worst = qs_run_figure_format (figure, qs_run_row_value (row, figure, QS_AGGREGATE_WORST));
            g_autofree char *tip = g_strdup_printf (_("Mean %s over %u samples; worst %s in “%s”"),
                                                    mean, v->n, worst,
                                                    v->worst_sample < layer->run->n_sample_records
                                                    ? layer->run->samples[v->worst_sample].name : "?");

            gtk_widget_set_tooltip_text (GTK_WIDGET (label), tip);
          }
        else
          gtk_widget_set_tooltip_text (GTK_WIDGET (label), NULL);
      }
      break;
    }
}

static void
add_column (QsWindow   *self,
            int         col,
            const char *title,
            gboolean    expand)
{
  /* tests find columns by the CSV's names */
  qs_table_add_column (self->layer_view, col, title,
                       col < QS_RUN_N_FIGURES ? qs_figure_get_info (qs_run_figures[col])->csv
                       : col == COL_NAME ? "name" : "type",
                       expand, G_CALLBACK (cell_setup_cb), G_CALLBACK (cell_bind_cb), compare_rows);
}

/* Table and graph, both ways */

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

      if (node != NULL && item_row (item)->node == node && item_row (item)->port == 0)
        {
          gtk_single_selection_set_selected (self->layer_selection, i);
          qs_table_scroll_to (self->layer_scroller, i, n);
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

/* The filter entry's words against the row's layer, as the find bar
 * matches them: name, type, precision, role, reason. */
static gboolean
layer_filter_func (gpointer item,
                   gpointer user_data)
{
  QsWindow *self = user_data;
  const char *text = self->layer_filter_entry != NULL ? gtk_editable_get_text (GTK_EDITABLE (self->layer_filter_entry)) : NULL;
  const QsAnalysisRow *row = item_row (item);

  if (text == NULL || text[0] == '\0')
    return TRUE;
  return row->node != NULL && qs_lpt_node_matches (self->lpt, row->node, text);
}

static void
layer_filter_changed_cb (GtkSearchEntry *entry,
                         QsWindow       *self)
{
  if (self->layer_filter == NULL)
    return;
  gtk_filter_changed (self->layer_filter, GTK_FILTER_CHANGE_DIFFERENT);
  /* the rows that are left, from their top */
  if (self->layer_scroller != NULL && self->layer_selection != NULL)
    qs_table_scroll_to_top (self->layer_scroller, g_list_model_get_n_items (G_LIST_MODEL (self->layer_selection)));
}

static void
fill_table (QsWindow *self)
{
  GListStore *store = g_list_store_new (QS_TYPE_LAYER_ITEM);
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;
  guint i;

  for (i = 0; self->run != NULL && i < self->run->n_rows; i++)
    {
      QsLayerItem *item;

      /* weights and what is computed from them alone are the same in every
       * sample and mode: the table is about what the input does */
      if (self->run->rows[i].constant || self->run->rows[i].node == NULL)
        continue;
      item = g_object_new (QS_TYPE_LAYER_ITEM, NULL);
      item->run = qs_analysis_result_ref (self->run);
      item->row = i;
      item->aggregate = self->aggregate;
      g_list_store_append (store, item);
      g_object_unref (item);
    }
  /* the window has its application, and so its settings, by now */
  if (g_object_get_data (G_OBJECT (self->layer_view), "qs-table-widths") == NULL)
    qs_table_remember_widths (self->layer_view, _qs_window_get_settings (self), "layers");
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (store), g_object_ref (self->layer_filter));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered), g_object_ref (self->table_sorter));
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

/* What a run computes: the per-layer table, a comparison with the other
 * model, or the sensitivity ranking; one thread and one panel input serve all. */
typedef enum
{
  RUN_LAYERS,
  RUN_COMPARE,
  RUN_SENSITIVITY,
} RunKind;

typedef struct
{
  RunKind           kind;
  QsModel          *model;
  QsModel          *other;         /* RUN_COMPARE: the other model */
  gboolean          other_is_test;
  QsExecMode        compare_mode;
  char             *spec;          /* the panel's or the caller's */
  gboolean          as_dataset;
  GPtrArray        *named_specs;   /* or, with several inputs, NAME=SPEC each (char *) */
  GArray           *named_as_dataset;  /* gboolean per named spec */
  guint64           seed;          /* for inputs the spec does not feed */
  int               order;         /* ORDER_* */
  gboolean          has_mean, has_scale;
  float             mean[3], scale[3];
  gint             *progress;
  gint             *progress_sample;
  gint             *progress_samples;
  gboolean          input_failed;
} RunData;

static void
run_result_unref (RunKind  kind,
                  gpointer result)
{
  switch (kind)
    {
    case RUN_COMPARE:
      qs_compare_result_unref (result);
      break;
    case RUN_SENSITIVITY:
      qs_sensitivity_result_unref (result);
      break;
    case RUN_LAYERS:
    default:
      qs_analysis_result_unref (result);
      break;
    }
}

static void
run_data_free (gpointer data)
{
  RunData *d = data;

  qs_model_unref (d->model);
  g_clear_pointer (&d->other, qs_model_unref);
  g_free (d->spec);
  g_clear_pointer (&d->named_specs, g_ptr_array_unref);
  g_clear_pointer (&d->named_as_dataset, g_array_unref);
  g_free (d);
}

static void
run_progress (const QsAnalysisProgress *p,
              gpointer                  user_data)
{
  RunData *d = user_data;

  g_atomic_int_set (d->progress, (gint) (1000 * p->fraction));
  g_atomic_int_set (d->progress_sample, (gint) p->sample);
  g_atomic_int_set (d->progress_samples, (gint) p->n_samples);
}

/* The data set the panel describes: with several inputs, each input's own
 * choice; otherwise the one spec goes where qs-dataset.h sends an unnamed
 * spec, and every input it does not feed gets random values. */
static QsDataset *
make_dataset (RunData  *d,
              QsModel  *model,
              GError  **error)
{
  g_autoptr(QsDataset) ds = qs_dataset_new (model);
  guint i;

  if (d->named_specs != NULL)
    {
      for (i = 0; i < d->named_specs->len; i++)
        if (!qs_dataset_add_spec (ds, g_ptr_array_index (d->named_specs, i),
                                  g_array_index (d->named_as_dataset, gboolean, i), error))
          return NULL;
    }
  else if (!qs_dataset_add_spec (ds, d->spec, d->as_dataset, error))
    return NULL;
  for (i = 0; i < qs_dataset_get_n_inputs (ds); i++)
    if (!qs_dataset_input_is_fed (ds, i))
      {
        g_autofree char *spec = g_strdup_printf ("%s=random:%" G_GUINT64_FORMAT,
                                                 qs_dataset_get_parameter (ds, i)->name, d->seed);

        if (!qs_dataset_add_spec (ds, spec, FALSE, error))
          return NULL;
      }
  if (!qs_dataset_finish (ds, error))
    return NULL;
  for (i = 0; i < qs_dataset_get_n_inputs (ds); i++)
    {
      QsPreprocess *p = qs_dataset_get_preprocess (ds, i);

      if (d->order != ORDER_MODEL)
        qs_preprocess_set_rgb (p, d->order == ORDER_RGB);
      if (d->has_mean)
        qs_preprocess_set_mean (p, d->mean);
      if (d->has_scale)
        qs_preprocess_set_scale (p, d->scale);
    }
  return g_steal_pointer (&ds);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *d = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(QsDataset) ds = NULL, other_ds = NULL;
  QsAnalysisOptions options;
  QsAnalysisResult *result;

  ds = make_dataset (d, d->model, &error);
  if (ds != NULL && d->kind == RUN_COMPARE)
    other_ds = make_dataset (d, d->other, &error);
  if (ds == NULL || (d->kind == RUN_COMPARE && other_ds == NULL))
    {
      d->input_failed = TRUE;
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (d->kind == RUN_SENSITIVITY)
    {
      QsSensitivityOptions sensitivity;
      QsSensitivityResult *r;

      qs_sensitivity_options_init (&sensitivity);
      sensitivity.on_error = qs_dataset_is_set (ds) ? QS_ON_ERROR_SKIP : QS_ON_ERROR_FAIL;
      sensitivity.progress = run_progress;
      sensitivity.progress_data = d;
      r = qs_sensitivity_run (d->model, ds, &sensitivity, cancellable, &error);
      if (r == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, r, (GDestroyNotify) qs_sensitivity_result_unref);
      return;
    }
  if (d->kind == RUN_COMPARE)
    {
      QsCompareOptions compare;
      QsCompareResult *r;

      qs_compare_options_init (&compare);
      compare.test_mode = d->compare_mode;
      compare.on_error = qs_dataset_is_set (ds) ? QS_ON_ERROR_SKIP : QS_ON_ERROR_FAIL;
      compare.progress = run_progress;
      compare.progress_data = d;
      r = d->other_is_test ? qs_compare_run (d->model, d->other, ds, other_ds, &compare, cancellable, &error)
                           : qs_compare_run (d->other, d->model, other_ds, ds, &compare, cancellable, &error);
      if (r == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, r, (GDestroyNotify) qs_compare_result_unref);
      return;
    }
  qs_analysis_options_init (&options);
  /* a photo that cannot be read is named in the run's warnings; the others still count */
  options.on_error = qs_dataset_is_set (ds) ? QS_ON_ERROR_SKIP : QS_ON_ERROR_FAIL;
  options.progress = run_progress;
  options.progress_data = d;
  result = qs_analysis_run (d->model, ds, &options, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify) qs_analysis_result_unref);
}

static void
set_running (QsWindow *self,
             gboolean  running)
{
  gtk_widget_set_visible (GTK_WIDGET (self->run_progress), running);
  gtk_widget_set_visible (self->run_cancel_button, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.run", !running && self->model != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.run-comparison", !running && self->other != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.run-sensitivity", !running && self->model != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-results", !running && self->model != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-run", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", running || self->cancellable != NULL);
  if (!running)
    g_clear_handle_id (&self->run_progress_id, g_source_remove);
}

static gboolean
run_progress_cb (gpointer data)
{
  QsWindow *self = data;
  gint samples = g_atomic_int_get (&self->run_progress_samples);
  g_autofree char *text = NULL;

  gtk_progress_bar_set_fraction (self->run_progress, g_atomic_int_get (&self->run_progress_value) / 1000.0);
  if (samples > 1)
    text = g_strdup_printf (_("Sample %d of %d"), g_atomic_int_get (&self->run_progress_sample) + 1, samples);
  gtk_progress_bar_set_text (self->run_progress, text != NULL ? text : "");
  return G_SOURCE_CONTINUE;
}

/* The per-sample chart beside the table, over a data set: the figure the
 * graph is coloured by where it is one of the outputs' (SQNR ... cosine),
 * else SQNR. */
static void
update_samples (QsWindow *self)
{
  gboolean show = self->run != NULL && self->run->n_sample_records > 1;
  QsFigure figure = self->metric <= QS_FIGURE_COSINE ? self->metric : QS_FIGURE_SQNR;

  if (self->samples_view == NULL)
    return;
  qs_samples_view_set_result (self->samples_view, show ? self->run : NULL, figure);
  gtk_widget_set_visible (GTK_WIDGET (self->samples_view), show);
}

/* Shows @result (a run's, or a results file's) in the table, the heat map
 * and the inspector, and says what it warns about. */
static void
show_result (QsWindow         *self,
             QsAnalysisResult *result)
{
  const QsNode *selected;
  guint i;

  g_clear_pointer (&self->run, qs_analysis_result_unref);
  self->run = qs_analysis_result_ref (result);
  gtk_widget_set_visible (GTK_WIDGET (self->aggregate_dropdown), result->n_samples > 1);
  if (result->n_samples <= 1)
    self->aggregate = QS_AGGREGATE_MEAN;
  fill_table (self);
  update_samples (self);
  gtk_stack_set_visible_child_name (self->run_stack, "table");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-to-worst", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-table", TRUE);
  _qs_window_graph_update_values (self);
  _qs_window_graph_update_inspector (self);
  selected = qs_inspector_get_node (self->inspector);
  _qs_window_run_select_node (self, selected != NULL && selected->origin != NULL ? selected->origin : selected);

  if (result->int8_error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("No int8 comparison: %s"), result->int8_error);
      _qs_window_toast (self, text);
    }
  for (i = 0; i < result->warnings->len; i++)
    _qs_window_toast (self, g_ptr_array_index (result->warnings, i));
  _qs_window_update_findings (self);
}

void
_qs_window_run_show_sample (QsWindow *self,
                            guint     sample)
{
  if (self->run == NULL)
    return;
  gtk_stack_set_visible_child_name (self->run_stack, "table");
  qs_samples_view_set_selected (self->samples_view, (int) sample);
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
  gpointer done = g_task_propagate_pointer (G_TASK (result), &error);

  if (cancellable != self->run_cancellable)
    {
      /* a newer run, or a newer model, replaced this one */
      if (done != NULL)
        run_result_unref (d->kind, done);
      return;
    }
  g_clear_object (&self->run_cancellable);
  set_running (self, FALSE);

  if (done == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, QS_EXEC_ERROR, QS_EXEC_ERROR_CANCELLED))
        return;
      _qs_window_show_error (self, d->input_failed ? _("Could Not Read the Input")
                                   : d->kind == RUN_COMPARE ? _("Could Not Compare the Models")
                                   : d->kind == RUN_SENSITIVITY ? _("Could Not Rank the Quantizers")
                                   : _("Could Not Run the Model"),
                             error->message);
      return;
    }
  switch (d->kind)
    {
    case RUN_COMPARE:
      _qs_window_compare_show_result (self, done);
      break;
    case RUN_SENSITIVITY:
      _qs_window_sensitivity_show_result (self, done);
      break;
    case RUN_LAYERS:
    default:
      show_result (self, done);
      break;
    }
  run_result_unref (d->kind, done);
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

static void
start_run (QsWindow   *self,
           RunKind     kind,
           const char *spec,
           gboolean    as_dataset,
           gboolean    from_panel,
           GPtrArray  *named_specs,
           GArray     *named_as_dataset)
{
  g_autoptr(GTask) task = NULL;
  RunData *d;

  if (self->model == NULL || self->run_cancellable != NULL || (kind == RUN_COMPARE && self->other == NULL))
    return;

  d = g_new0 (RunData, 1);
  d->kind = kind;
  d->model = qs_model_ref (self->model);
  if (kind == RUN_COMPARE)
    {
      d->other = qs_model_ref (self->other);
      d->other_is_test = self->other_is_test;
      d->compare_mode = _qs_window_compare_get_mode (self);
    }
  d->spec = g_strdup (spec);
  d->as_dataset = as_dataset;
  d->named_specs = named_specs != NULL ? g_ptr_array_ref (named_specs) : NULL;
  d->named_as_dataset = named_as_dataset != NULL ? g_array_ref (named_as_dataset) : NULL;
  d->seed = (guint64) gtk_spin_button_get_value (self->seed_spin);
  d->order = ORDER_MODEL;
  if (from_panel)
    {
      const char *mean = gtk_editable_get_text (GTK_EDITABLE (self->mean_entry));
      const char *scale = gtk_editable_get_text (GTK_EDITABLE (self->scale_entry));

      d->order = gtk_drop_down_get_selected (self->order_dropdown);
      d->has_mean = mean[0] != '\0';
      d->has_scale = scale[0] != '\0';
      if ((d->has_mean && !parse_triple (mean, d->mean)) ||
          (d->has_scale && !parse_triple (scale, d->scale)) ||
          (d->has_scale && (d->scale[0] == 0 || d->scale[1] == 0 || d->scale[2] == 0)))
        {
          run_data_free (d);
          _qs_window_show_error (self, _("Photo Options Not Understood"),
                                 _("Mean and scale take one number or three, separated by commas, "
                                   "or nothing for the model’s; a scale is not 0."));
          return;
        }
    }
  d->progress = &self->run_progress_value;
  d->progress_sample = &self->run_progress_sample;
  d->progress_samples = &self->run_progress_samples;

  g_atomic_int_set (&self->run_progress_value, 0);
  g_atomic_int_set (&self->run_progress_sample, 0);
  g_atomic_int_set (&self->run_progress_samples, 0);
  gtk_progress_bar_set_fraction (self->run_progress, 0);
  gtk_progress_bar_set_text (self->run_progress, "");
  self->run_cancellable = g_cancellable_new ();
  set_running (self, TRUE);
  self->run_progress_id = g_timeout_add (100, run_progress_cb, self);

  task = g_task_new (self, self->run_cancellable, run_done, NULL);
  g_task_set_source_tag (task, start_run);
  g_task_set_name (task, kind == RUN_COMPARE ? "[qscope] compare models"
                         : kind == RUN_SENSITIVITY ? "[qscope] rank quantizers" : "[qscope] run model");
  g_task_set_task_data (task, d, run_data_free);
  g_task_run_in_thread (task, run_thread);
}

/* Several inputs: one choice each, shown one at a time */

typedef struct
{
  guint  kind;     /* INPUT_* */
  double seed;
  GFile *file;
} QsRunInput;

static void
run_input_clear (gpointer data)
{
  g_clear_object (&((QsRunInput *) data)->file);
}

static void
save_run_input (QsWindow *self)
{
  QsRunInput *in;

  if (self->run_inputs == NULL || self->run_inputs_syncing || self->run_input_current >= self->run_inputs->len)
    return;
  in = &g_array_index (self->run_inputs, QsRunInput, self->run_input_current);
  in->kind = gtk_drop_down_get_selected (self->input_kind);
  in->seed = gtk_spin_button_get_value (self->seed_spin);
  g_set_object (&in->file, self->input_file);
}

static void
load_run_input (QsWindow *self,
                guint     index)
{
  QsRunInput *in = &g_array_index (self->run_inputs, QsRunInput, index);
  g_autofree char *basename = in->file != NULL ? g_file_get_basename (in->file) : NULL;

  self->run_inputs_syncing = TRUE;
  self->run_input_current = index;
  g_set_object (&self->input_file, in->file);
  gtk_label_set_text (self->input_file_label, basename != NULL ? basename : _("Choose File…"));
  gtk_spin_button_set_value (self->seed_spin, in->seed);
  gtk_drop_down_set_selected (self->input_kind, in->kind);
  self->run_inputs_syncing = FALSE;
}

static void
input_name_changed_cb (GtkDropDown *dropdown,
                       GParamSpec  *pspec,
                       QsWindow    *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->run_inputs == NULL || self->run_inputs_syncing || selected >= self->run_inputs->len)
    return;
  save_run_input (self);
  load_run_input (self, selected);
}

/* A new model: with several inputs, each starts random (the panel's seed),
 * and the panel shows the first 4-D input, where a photo would go. */
void
_qs_window_run_set_model (QsWindow *self)
{
  const QsGraph *graph = self->model != NULL ? self->model->graph : NULL;
  g_autoptr(GtkStringList) names = NULL;
  guint i, first = 0;
  gboolean found = FALSE;

  g_clear_pointer (&self->run_inputs, g_array_unref);
  self->run_input_current = 0;
  if (graph == NULL || graph->n_parameters < 2)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->input_name), FALSE);
      return;
    }
  names = gtk_string_list_new (NULL);
  self->run_inputs = g_array_sized_new (FALSE, TRUE, sizeof (QsRunInput), graph->n_parameters);
  g_array_set_clear_func (self->run_inputs, run_input_clear);
  for (i = 0; i < graph->n_parameters; i++)
    {
      const QsNode *p = graph->parameters[i];
      QsRunInput in = { INPUT_RANDOM, gtk_spin_button_get_value (self->seed_spin), NULL };

      g_array_append_val (self->run_inputs, in);
      gtk_string_list_append (names, p->name);
      if (!found && p->n_outputs > 0 && p->outputs[0].shape.rank == 4)
        {
          first = i;
          found = TRUE;
        }
    }
  self->run_inputs_syncing = TRUE;
  gtk_drop_down_set_model (self->input_name, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->input_name, first);
  self->run_inputs_syncing = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->input_name), TRUE);
  load_run_input (self, first);
}

gboolean
qs_window_set_run_input_name (QsWindow   *self,
                              const char *name)
{
  guint i;

  g_return_val_if_fail (QS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (self->run_inputs == NULL)
    return FALSE;
  for (i = 0; i < self->model->graph->n_parameters; i++)
    if (g_strcmp0 (self->model->graph->parameters[i]->name, name) == 0)
      {
        gtk_drop_down_set_selected (self->input_name, i);
        return TRUE;
      }
  return FALSE;
}

/* The panel's run with one choice per input: NAME=SPEC each. */
static void
run_with_inputs (QsWindow *self,
                 RunKind   kind)
{
  g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) as_dataset = g_array_new (FALSE, FALSE, sizeof (gboolean));
  guint i;

  save_run_input (self);
  for (i = 0; i < self->run_inputs->len; i++)
    {
      const QsRunInput *in = &g_array_index (self->run_inputs, QsRunInput, i);
      const char *name = self->model->graph->parameters[i]->name;
      gboolean set = in->kind == INPUT_FOLDER || in->kind == INPUT_LIST;
      g_autofree char *path = NULL;

      if (in->kind == INPUT_RANDOM)
        g_ptr_array_add (specs, g_strdup_printf ("%s=random:%.0f", name, in->seed));
      else if (in->file == NULL || (path = g_file_get_path (in->file)) == NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Choose a file for input “%s”, or make it random."), name);

          gtk_drop_down_set_selected (self->input_name, i);
          _qs_window_show_error (self, _("No Input Chosen"), text);
          return;
        }
      else
        g_ptr_array_add (specs, g_strdup_printf ("%s=%s", name, path));
      g_array_append_val (as_dataset, set);
    }
  start_run (self, kind, NULL, FALSE, TRUE, specs, as_dataset);
}

static void
run_from (QsWindow   *self,
          RunKind     kind,
          const char *input,
          gboolean    input_is_dataset)
{
  g_autofree char *spec = NULL;
  gboolean as_dataset = FALSE;

  if (input != NULL)
    {
      start_run (self, kind, input, input_is_dataset, FALSE, NULL, NULL);
      return;
    }
  if (self->run_inputs != NULL)
    {
      run_with_inputs (self, kind);
      return;
    }
  switch (gtk_drop_down_get_selected (self->input_kind))
    {
    case INPUT_RANDOM:
    default:
      spec = g_strdup_printf ("random:%.0f", gtk_spin_button_get_value (self->seed_spin));
      break;

    case INPUT_FOLDER:
    case INPUT_LIST:
      as_dataset = TRUE;
      G_GNUC_FALLTHROUGH;
    case INPUT_NPY:
    case INPUT_PHOTO:
      if (self->input_file == NULL || (spec = g_file_get_path (self->input_file)) == NULL)
        {
          _qs_window_show_error (self, _("No Input Chosen"),
                                 _("Choose a .npy file, a photo, a folder or a list file to run the model on."));
          return;
        }
      break;
    }
  start_run (self, kind, spec, as_dataset, TRUE, NULL, NULL);
}

/**
 * qs_window_run:
 * @input: (nullable): one value for every model input ("random:SEED", a
 *   .npy or a photo); NULL takes the run panel's choice
 *
 * Runs the model on show in float, fake-quant and int8 mode in a worker
 * thread and fills the per-layer table.  Errors go to a dialog.
 */
void
qs_window_run (QsWindow   *self,
               const char *input)
{
  g_return_if_fail (QS_IS_WINDOW (self));

  run_from (self, RUN_LAYERS, input, FALSE);
}

/**
 * qs_window_run_compare:
 * @input: (nullable): a data set (DIR, LIST.txt or random:N[:SEED]); NULL
 *   takes the run panel's choice (with its photo options)
 *
 * Runs the model on show and the one it is compared with over the same
 * input in a worker thread (the reference in float mode, the test model as
 * the comparison page says) and fills the pair table.
 */
void
qs_window_run_compare (QsWindow   *self,
                       const char *input)
{
  g_return_if_fail (QS_IS_WINDOW (self));

  run_from (self, RUN_COMPARE, input, TRUE);
}

/**
 * qs_window_run_sensitivity:
 * @input: (nullable): a data set (DIR, LIST.txt or random:N[:SEED]); NULL
 *   takes the run panel's choice (with its photo options)
 *
 * Ranks the model's activation quantizers over the input in a worker
 * thread, as `qscope-cli sensitivity` does, and shows the ranking below the
 * graph.
 */
void
qs_window_run_sensitivity (QsWindow   *self,
                           const char *input)
{
  g_return_if_fail (QS_IS_WINDOW (self));

  run_from (self, RUN_SENSITIVITY, input, TRUE);
}

/**
 * qs_window_run_dataset:
 * @spec: DIR, LIST.txt or random:N[:SEED]
 *
 * Runs the model on show over a data set, with the run panel's photo options.
 */
void
qs_window_run_dataset (QsWindow   *self,
                       const char *spec)
{
  g_return_if_fail (QS_IS_WINDOW (self));
  g_return_if_fail (spec != NULL);

  start_run (self, RUN_LAYERS, spec, TRUE, TRUE, NULL, NULL);
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
QsAnalysisResult *
qs_window_get_run (QsWindow *self)
{
  g_return_val_if_fail (QS_IS_WINDOW (self), NULL);

  return self->run;
}

const QsAnalysisRow *
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
  g_clear_pointer (&self->run, qs_analysis_result_unref);
  update_samples (self);
  gtk_widget_set_visible (GTK_WIDGET (self->aggregate_dropdown), FALSE);
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
 * Writes the results on show below the graph as the CLI writes them: a
 * comparison that ran as `compare` does, a ranking run in the window as
 * `sensitivity` does, and otherwise the last run as `dump` does (each JSON
 * opens again); see qs_file_replace_contents().
 */
gboolean
qs_window_export_table (QsWindow    *self,
                        const char  *path,
                        GError     **error)
{
  g_autofree char *text = NULL;
  gboolean json;

  g_return_val_if_fail (QS_IS_WINDOW (self), FALSE);

  json = g_str_has_suffix (path, ".json") || g_str_has_suffix (path, ".JSON");
  if (_qs_window_compare_showing (self) && self->comparison->ran)
    text = json ? qs_compare_result_to_json (self->comparison) : qs_compare_result_to_csv (self->comparison);
  else if (_qs_window_sensitivity_showing (self) && self->sensitivity != NULL)
    text = json ? qs_sensitivity_result_to_json (self->sensitivity) : qs_sensitivity_result_to_csv (self->sensitivity);
  else if (self->run != NULL)
    text = json ? qs_analysis_result_to_json (self->run) : qs_analysis_result_to_csv (self->run);
  else
    return TRUE;
  return qs_file_replace_contents (path, text, strlen (text), error);
}

/* Results files */

/* Whether @path starts as a sensitivity ranking does (its first key). */
static gboolean
is_ranking (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  char head[256];
  gssize n;

  if (in == NULL)
    return FALSE;
  n = g_input_stream_read (G_INPUT_STREAM (in), head, sizeof head - 1, NULL, NULL);
  if (n <= 0)
    return FALSE;
  head[n] = '\0';
  return strstr (head, "\"qscope_sensitivity\"") != NULL;
}

gboolean
qs_window_open_results (QsWindow    *self,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(QsAnalysisResult) result = NULL;

  g_return_val_if_fail (QS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->model == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Open the model first"));
      return FALSE;
    }
  if (is_ranking (path))
    return qs_window_open_ranking (self, path, error);
  result = qs_analysis_result_load (path, self->model, error);
  if (result == NULL)
    return FALSE;
  if (self->lpt != NULL)
    qs_analysis_result_attach_int8_model (result, qs_lpt_result_get_model (self->lpt));
  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  g_clear_object (&self->run_cancellable);
  set_running (self, FALSE);
  show_result (self, result);
  return TRUE;
}

static void
open_results_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          QsWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL && !qs_window_open_results (self, path, &error))
        _qs_window_show_error (self, _("Could Not Open the Results"), error->message);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
open_results_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  QsWindow *self = QS_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();

  if (self->model == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Open Results"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (json, _("qscope Results"));
  gtk_file_filter_add_suffix (json, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), json);
  g_signal_connect (chooser, "response", G_CALLBACK (open_results_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_table_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          QsWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      static const char * const suffixes[] = { "json", "csv", NULL };
      g_autofree char *path = _qs_window_dup_save_path (chooser, suffixes);
      g_autoptr(GError) error = NULL;

      if (path != NULL)
        {
          if (!qs_window_export_table (self, path, &error))
            _qs_window_show_error (self, _("Could Not Export the Table"), error->message);
          else
            _qs_window_toast (self, _("Results exported"));
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
  const char *what;

  if (_qs_window_compare_showing (self) && self->comparison->ran)
    what = "comparison";
  else if (_qs_window_sensitivity_showing (self) && self->sensitivity != NULL)
    what = "sensitivity";
  else if (self->run != NULL)
    what = "results";
  else
    return;
  chooser = gtk_file_chooser_native_new (_("Export Results"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (json, _("qscope Results (JSON)"));
  gtk_file_filter_add_suffix (json, "json");
  g_object_set_data (G_OBJECT (json), "qs-suffix", (gpointer) "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), json);
  gtk_file_filter_set_name (csv, _("CSV Table"));
  gtk_file_filter_add_suffix (csv, "csv");
  g_object_set_data (G_OBJECT (csv), "qs-suffix", (gpointer) "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  name = g_strdup_printf ("%s-%s.json", self->model->name, what);
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
  gtk_widget_set_visible (self->photo_options_button, kind != INPUT_RANDOM && kind != INPUT_NPY);
}

/**
 * qs_window_set_run_input:
 * @file: a .npy file, a photo, a folder or a list (.txt, .lst)
 *
 * Sets the run panel's input as choosing @file in its file chooser does:
 * a folder or a list as a data set, a .npy file by its suffix, anything
 * else as a photo, taken with the panel's photo options.
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
  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    gtk_drop_down_set_selected (self->input_kind, INPUT_FOLDER);
  else if (g_str_has_suffix (basename, ".txt") || g_str_has_suffix (basename, ".lst"))
    gtk_drop_down_set_selected (self->input_kind, INPUT_LIST);
  else
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
  guint kind = gtk_drop_down_get_selected (self->input_kind);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (kind == INPUT_FOLDER)
    {
      chooser = gtk_file_chooser_native_new (_("Choose a Folder of Photos or NumPy Files"), GTK_WINDOW (self),
                                             GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Choose"), _("_Cancel"));
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
      g_signal_connect (chooser, "response", G_CALLBACK (choose_input_response_cb), self);
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
      return;
    }
  chooser = gtk_file_chooser_native_new (kind == INPUT_PHOTO ? _("Choose a Photo")
                                         : kind == INPUT_LIST ? _("Choose a List of Samples")
                                         : _("Choose a NumPy File"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (kind == INPUT_PHOTO)
    {
      gtk_file_filter_set_name (filter, _("Photos"));
      gtk_file_filter_add_suffix (filter, "png");
      gtk_file_filter_add_suffix (filter, "jpg");
      gtk_file_filter_add_suffix (filter, "jpeg");
    }
  else if (kind == INPUT_LIST)
    {
      gtk_file_filter_set_name (filter, _("Lists of Samples"));
      gtk_file_filter_add_suffix (filter, "txt");
      gtk_file_filter_add_suffix (filter, "lst");
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

  /* the last item, None, leaves the boxes in their class colours; the
   * figure last chosen still decides the worst layer */
  self->colour_none = selected >= QS_RUN_N_FIGURES;
  self->colour_precision = selected == QS_RUN_N_FIGURES + 1;
  if (selected < QS_RUN_N_FIGURES)
    self->metric = qs_run_figures[selected];
  _qs_window_graph_update_values (self);
  update_samples (self);
}

static void
aggregate_changed_cb (GtkDropDown *dropdown,
                      GParamSpec  *pspec,
                      QsWindow    *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  guint position = self->layer_selection != NULL ? gtk_single_selection_get_selected (self->layer_selection)
                                                 : GTK_INVALID_LIST_POSITION;
  const QsAnalysisRow *row = position != GTK_INVALID_LIST_POSITION ? qs_window_get_table_row (self, position) : NULL;
  const QsNode *node = row != NULL ? row->node : NULL;

  self->aggregate = selected == 1 ? QS_AGGREGATE_WORST : QS_AGGREGATE_MEAN;
  if (self->run == NULL)
    return;
  fill_table (self);
  _qs_window_run_select_node (self, node);
  _qs_window_graph_update_values (self);
  _qs_window_graph_update_inspector (self);
}

void
qs_window_set_aggregate (QsWindow    *self,
                         QsAggregate  aggregate)
{
  g_return_if_fail (QS_IS_WINDOW (self));

  gtk_drop_down_set_selected (self->aggregate_dropdown, aggregate == QS_AGGREGATE_WORST ? 1 : 0);
}

/* Where Ctrl+J goes.  For SQNR, the layer that loses the most against its
 * own inputs (qs_analysis_result_rank_lost()): the absolute figure only
 * falls along the graph and lands on its last layers.  For the other
 * figures, the table row (not a constant) with the worst value. */
static const QsAnalysisRow *
find_worst (QsWindow *self)
{
  gboolean higher = qs_figure_get_info (self->metric)->higher_is_better;
  const QsAnalysisRow *worst = NULL;
  double worst_v = NAN;
  guint i;

  if (self->run != NULL && self->metric == QS_FIGURE_SQNR)
    {
      g_autofree int *ranked = qs_analysis_result_rank_lost (self->run, 1);

      if (ranked[0] >= 0)
        return &self->run->rows[ranked[0]];
    }
  for (i = 0; self->run != NULL && i < self->run->n_rows; i++)
    {
      const QsAnalysisRow *row = &self->run->rows[i];
      double v;

      if (row->constant || row->node == NULL)
        continue;
      v = qs_run_row_value (row, self->metric, self->aggregate);
      if (isnan (v))
        continue;
      if (worst == NULL || (higher ? v < worst_v : v > worst_v))
        {
          worst = row;
          worst_v = v;
        }
    }
  return worst;
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
  const QsAnalysisRow *row = find_worst (self);

  if (row == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "graph");
  qs_graph_view_select_box (self->graph_view, _qs_window_graph_find_box (self, row->node), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->graph_view));
}

void
_qs_window_run_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, input_kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, input_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, metric_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, aggregate_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, layer_filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-run", NULL, cancel_run_action);
  gtk_widget_class_install_action (widget_class, "win.choose-input", NULL, choose_input_action);
  gtk_widget_class_install_action (widget_class, "win.go-to-worst", NULL, go_to_worst_action);
  gtk_widget_class_install_action (widget_class, "win.export-table", NULL, export_table_action);
  gtk_widget_class_install_action (widget_class, "win.open-results", NULL, open_results_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK, "win.go-to-worst", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-table", NULL);
}

static gboolean
after_sort_cb (gpointer data)
{
  QsWindow *self = data;
  const QsNode *selected = self->inspector != NULL ? qs_inspector_get_node (self->inspector) : NULL;

  if (selected != NULL && selected->origin != NULL)
    selected = selected->origin;
  /* the selected layer stays in view; without one, the new order starts at its top */
  if (selected != NULL && self->layer_selection != NULL)
    _qs_window_run_select_node (self, selected);
  else if (self->layer_scroller != NULL && self->layer_selection != NULL)
    qs_table_scroll_to_top (self->layer_scroller, g_list_model_get_n_items (G_LIST_MODEL (self->layer_selection)));
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
sorter_changed_cb (GtkSorter       *sorter,
                   GtkSorterChange  change,
                   QsWindow        *self)
{
  if (self->table_sorter == NULL)
    return;   /* the columns going away in dispose */
  /* the list keeps the row that happened to be in view while it re-sorts,
   * so scroll once it is done */
  if (self->layer_scroller != NULL)
    g_idle_add_full (G_PRIORITY_LOW, after_sort_cb, g_object_ref (self), NULL);
}

void
_qs_window_run_init (QsWindow *self)
{
  g_autoptr(GtkStringList) metrics = gtk_string_list_new (NULL);
  guint m;

  for (m = 0; m < QS_RUN_N_FIGURES; m++)
    gtk_string_list_append (metrics, qs_run_figure_title (qs_run_figures[m]));
  /* TRANSLATORS: "Colour by: None", the graph in its class colours */
  gtk_string_list_append (metrics, C_("colour by", "None"));
  /* TRANSLATORS: "Colour by: Precision", int8, codes, fp32 or folded */
  gtk_string_list_append (metrics, C_("colour by", "Precision"));
  gtk_drop_down_set_model (self->metric_dropdown, G_LIST_MODEL (metrics));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->metric_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Colour the graph by"), -1);

  add_column (self, COL_NAME, _("Layer"), TRUE);
  add_column (self, COL_TYPE, _("Type"), FALSE);
  for (m = 0; m < QS_RUN_N_FIGURES; m++)
    add_column (self, m, qs_run_figure_title (qs_run_figures[m]), FALSE);
  self->metric = qs_run_figures[0];
  self->aggregate = QS_AGGREGATE_MEAN;

  self->table_sorter = qs_table_order_new (self->layer_view, cell_is_empty, NULL);
  self->layer_filter = GTK_FILTER (gtk_custom_filter_new (layer_filter_func, self, NULL));
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
  g_clear_object (&self->table_sorter);
  g_clear_object (&self->layer_filter);
  g_clear_pointer (&self->run, qs_analysis_result_unref);
  g_clear_pointer (&self->run_inputs, g_array_unref);
}
