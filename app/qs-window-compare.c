/* qs-window-compare.c — two IRs of one network side by side
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * File → Compare With… loads a second IR of the network on show (the FP32
 * model beside its INT8 export, in either order: the one without activation
 * FakeQuantize is the reference) into a pane left of the graph.  The layers
 * are matched at once, with their constant inputs compared
 * (qs_compare_match()); Run Comparison runs both models over the run
 * panel's input (qs_compare_run(), through qs-window-run.c's thread).  The
 * pair table below the graphs, both graphs' heat maps and the selection
 * follow one another: choosing a layer in either pane selects its partner
 * in the other and its row.  Every figure comes from core/analysis/qs-compare.c.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "qs-table-order.h"
#include "qs-window-private.h"

/* Constant inputs below this are listed in the summary (as the CLI does). */
#define CONST_FLOOR_DB 20.0

enum {
  COL_MINE,          /* the layer of the model on show */
  COL_OTHER,         /* its partner */
  COL_TYPE,
  COL_WAY,
  COL_SQNR,
  COL_WORST,
  COL_JUMP,
  COL_CONST,
  COL_NOTE,
};

static const QsCompareFigure column_figure[] = {
  [COL_SQNR] = QS_COMPARE_FIGURE_SQNR,
  [COL_WORST] = QS_COMPARE_FIGURE_WORST_SQNR,
  [COL_JUMP] = QS_COMPARE_FIGURE_JUMP,
  [COL_CONST] = QS_COMPARE_FIGURE_CONST_SQNR,
};

static gboolean
is_figure_column (int col)
{
  return col >= COL_SQNR && col <= COL_CONST;
}

/* How the test model runs, in the mode drop-down's order. */
static const QsExecMode compare_modes[] = {
  QS_EXEC_MODE_FAKE_QUANT,
  QS_EXEC_MODE_INT8,
  QS_EXEC_MODE_FLOAT,
};

/* The colour choices, in the dropdown's order. */
static const QsCompareFigure colour_figures[] = {
  QS_COMPARE_FIGURE_SQNR,
  QS_COMPARE_FIGURE_WORST_SQNR,
  QS_COMPARE_FIGURE_JUMP,
  QS_COMPARE_FIGURE_CONST_SQNR,
};

static const char *
figure_title (QsCompareFigure figure)
{
  switch (figure)
    {
    case QS_COMPARE_FIGURE_SQNR:
      return _("SQNR against the reference (dB)");
    case QS_COMPARE_FIGURE_WORST_SQNR:
      return _("Worst sample’s SQNR (dB)");
    case QS_COMPARE_FIGURE_JUMP:
      return _("SQNR lost against its inputs (dB)");
    case QS_COMPARE_FIGURE_CONST_SQNR:
    case QS_COMPARE_N_FIGURES:
    default:
      return _("Weights and biases: SQNR (dB)");
    }
}

/* A table row: the comparison and one of its pairs */

#define QS_TYPE_PAIR_ITEM (qs_pair_item_get_type ())
G_DECLARE_FINAL_TYPE (QsPairItem, qs_pair_item, QS, PAIR_ITEM, GObject)

struct _QsPairItem
{
  GObject          parent_instance;
  QsCompareResult *comparison;
  guint            pair;
  gboolean         other_is_test;
};

G_DEFINE_FINAL_TYPE (QsPairItem, qs_pair_item, G_TYPE_OBJECT)

static void
qs_pair_item_finalize (GObject *object)
{
  g_clear_pointer (&QS_PAIR_ITEM (object)->comparison, qs_compare_result_unref);

  G_OBJECT_CLASS (qs_pair_item_parent_class)->finalize (object);
}

static void
qs_pair_item_class_init (QsPairItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = qs_pair_item_finalize;
}

static void
qs_pair_item_init (QsPairItem *self)
{
}

static const QsComparePair *
item_pair (gconstpointer item)
{
  const QsPairItem *self = item;

  return &self->comparison->pairs[self->pair];
}

static const QsNode *
item_node (gconstpointer item,
           gboolean      mine)
{
  const QsPairItem *self = item;
  const QsComparePair *p = item_pair (item);

  /* the model on show is the test model unless the other one is */
  return mine != self->other_is_test ? p->test : p->reference;
}

static double
item_value (gconstpointer item,
            int           col)
{
  const QsPairItem *self = item;

  return qs_compare_pair_figure (self->comparison, self->pair, column_figure[col]);
}

/* Columns */

static int
compare_text (const char *a,
              const char *b)
{
  int c = g_strcmp0 (a, b);

  return c < 0 ? GTK_ORDERING_SMALLER : c > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static int
compare_pairs (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  int col = GPOINTER_TO_INT (user_data);
  double u, v;

  qs_table_order_note (col);
  switch (col)
    {
    case COL_MINE:
    case COL_OTHER:
      return compare_text (item_node (a, col == COL_MINE)->name, item_node (b, col == COL_MINE)->name);
    case COL_TYPE:
      return compare_text (item_pair (a)->reference->type, item_pair (b)->reference->type);
    case COL_WAY:
      return compare_text (qs_match_way_name (item_pair (a)->way), qs_match_way_name (item_pair (b)->way));
    case COL_NOTE:
      return compare_text (item_pair (a)->skip_reason, item_pair (b)->skip_reason);
    default:
      u = item_value (a, col);
      v = item_value (b, col);
      if (isnan (u) || isnan (v))
        return isnan (u) == isnan (v) ? GTK_ORDERING_EQUAL : isnan (u) ? GTK_ORDERING_LARGER : GTK_ORDERING_SMALLER;
      return u < v ? GTK_ORDERING_SMALLER : u > v ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
    }
}

static gboolean
cell_is_empty (gpointer item,
               int      col,
               gpointer user_data)
{
  return is_figure_column (col) && isnan (item_value (item, col));
}

static char *
format_db (double v)
{
  if (isnan (v))
    return g_strdup ("");
  if (isinf (v))
    return g_strdup (v > 0 ? _("exact") : "−∞");
  return g_strdup_printf ("%.1f", v);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  int col = GPOINTER_TO_INT (user_data);

  gtk_list_item_set_child (item, qs_table_cell_new (is_figure_column (col) ? QS_TABLE_CELL_FIGURE
                                                    : col <= COL_OTHER ? QS_TABLE_CELL_NAME : QS_TABLE_CELL_TEXT));
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  int col = GPOINTER_TO_INT (user_data);
  QsPairItem *pair = gtk_list_item_get_item (item);
  const QsComparePair *p = item_pair (pair);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL, *tip = NULL;
  const char *shown = NULL;

  switch (col)
    {
    case COL_MINE:
    case COL_OTHER:
      shown = item_node (pair, col == COL_MINE)->name;
      tip = g_strdup (shown);
      break;
    case COL_TYPE:
      shown = p->reference->type;
      if (g_strcmp0 (p->reference->type, p->test->type) != 0)
        tip = g_strdup_printf (_("%s in the reference, %s in the test model"), p->reference->type, p->test->type);
      break;
    case COL_WAY:
      shown = qs_match_way_name (p->way);
      break;
    case COL_NOTE:
      shown = pair->comparison->ran && !p->compared ? p->skip_reason : NULL;
      tip = g_strdup (shown);
      break;
    case COL_CONST:
      text = format_db (p->const_sqnr_db);
      if (!isnan (p->const_sqnr_db))
        tip = g_strdup_printf (_("Input %d differs most: %.2f dB"), p->const_input, p->const_sqnr_db);
      break;
    case COL_WORST:
      text = format_db (item_value (pair, col));
      if (p->compared && pair->comparison->n_samples > 1)
        tip = g_strdup_printf (_("In sample %u"), p->worst_sample + 1);
      break;
    default:
      text = format_db (item_value (pair, col));
      break;
    }
  gtk_label_set_text (label, text != NULL ? text : shown != NULL ? shown : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tip);
  /* where the models part stands out */
  if (pair->comparison->first_jump == (int) pair->pair)
    gtk_widget_add_css_class (GTK_WIDGET (label), "parting");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "parting");
}

static void
add_column (QsWindow   *self,
            int         col,
            const char *title,
            const char *key,
            gboolean    expand)
{
  /* tests find columns by the CSV's names */
  qs_table_add_column (self->pair_view, col, title, key, expand,
                       G_CALLBACK (cell_setup_cb), G_CALLBACK (cell_bind_cb), compare_pairs);
}

/* Nodes and boxes of both panes */

/* The box of the other pane that shows @node (of the other model). */
static int
other_box (QsWindow     *self,
           const QsNode *node)
{
  return self->other_scene != NULL && node != NULL ? qs_paint_scene_find_box (self->other_scene, node) : -1;
}

static const QsNode *
own_node (QsWindow *self,
          guint     pair)
{
  const QsComparePair *p = &self->comparison->pairs[pair];

  return self->other_is_test ? p->reference : p->test;
}

static const QsNode *
other_node (QsWindow *self,
            guint     pair)
{
  const QsComparePair *p = &self->comparison->pairs[pair];

  return self->other_is_test ? p->test : p->reference;
}

static void
select_row (QsWindow *self,
            int       pair)
{
  guint i, n;

  if (self->pair_selection == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->pair_selection));
  for (i = 0; pair >= 0 && i < n; i++)
    {
      g_autoptr(QsPairItem) item = g_list_model_get_item (G_LIST_MODEL (self->pair_selection), i);

      if ((int) item->pair == pair)
        {
          gtk_single_selection_set_selected (self->pair_selection, i);
          qs_table_scroll_to (self->pair_scroller, i, n);
          return;
        }
    }
  gtk_single_selection_set_selected (self->pair_selection, GTK_INVALID_LIST_POSITION);
}

/* Puts the selection of both panes and the table on @pair (-1: none),
 * @except the place it came from (0 the own pane, 1 the other, 2 the table). */
static void
show_pair (QsWindow *self,
           int       pair,
           int       except)
{
  if (self->comparison == NULL || self->compare_syncing)
    return;
  self->compare_syncing = TRUE;
  if (except != 0 && pair >= 0)
    qs_graph_view_select_box (self->graph_view, _qs_window_graph_find_box (self, own_node (self, pair)), TRUE);
  if (except != 1)
    qs_graph_view_select_box (self->other_view, pair >= 0 ? other_box (self, other_node (self, pair)) : -1, TRUE);
  if (except != 2)
    select_row (self, pair);
  self->compare_syncing = FALSE;
}

void
_qs_window_compare_select_node (QsWindow     *self,
                                const QsNode *node)
{
  if (self->comparison != NULL)
    show_pair (self, qs_compare_result_find_pair (self->comparison, node), 0);
}

static void
other_selected_cb (QsGraphView *view,
                   GParamSpec  *pspec,
                   QsWindow    *self)
{
  if (self->comparison != NULL && !self->compare_syncing)
    show_pair (self, qs_compare_result_find_pair (self->comparison, qs_graph_view_get_selected_node (view)), 1);
}

static void
row_selected_cb (GtkSingleSelection *selection,
                 GParamSpec         *pspec,
                 QsWindow           *self)
{
  QsPairItem *item = gtk_single_selection_get_selected_item (selection);

  if (item != NULL && !self->compare_syncing)
    show_pair (self, (int) item->pair, 2);
}

/* The page */

gboolean
_qs_window_compare_showing (QsWindow *self)
{
  return self->comparison != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->run_stack), "compare") == 0;
}

QsExecMode
_qs_window_compare_get_mode (QsWindow *self)
{
  guint i = gtk_drop_down_get_selected (self->compare_mode);

  return i < G_N_ELEMENTS (compare_modes) ? compare_modes[i] : QS_EXEC_MODE_FAKE_QUANT;
}

void
qs_window_set_compare_mode (QsWindow   *self,
                            QsExecMode  mode)
{
  guint i;

  g_return_if_fail (QS_IS_WINDOW (self));

  for (i = 0; i < G_N_ELEMENTS (compare_modes) && compare_modes[i] != mode; i++)
    ;
  gtk_drop_down_set_selected (self->compare_mode, i < G_N_ELEMENTS (compare_modes) ? i : 0);
}

static QsCompareFigure
chosen_figure (QsWindow *self)
{
  guint i = gtk_drop_down_get_selected (self->compare_figure);

  return i < G_N_ELEMENTS (colour_figures) ? colour_figures[i] : QS_COMPARE_FIGURE_SQNR;
}

static void
set_values (QsGraphView     *view,
            QsPaintScene    *scene,
            const QsGraph   *graph,
            QsCompareResult *comparison,
            QsCompareFigure  figure)
{
  g_autofree double *node_values = NULL;
  g_autofree double *box_values = NULL;

  if (scene == NULL || comparison == NULL)
    {
      qs_graph_view_set_values (view, NULL, NULL, FALSE);
      return;
    }
  node_values = qs_compare_result_node_values (comparison, graph, figure);
  box_values = qs_paint_scene_map_values (scene, graph, node_values);
  qs_graph_view_set_values (view, box_values, figure_title (figure), qs_compare_figure_higher_is_better (figure));
}

void
_qs_window_compare_update_values (QsWindow *self)
{
  QsCompareResult *shown = _qs_window_compare_showing (self) ? self->comparison : NULL;

  set_values (self->graph_view, _qs_window_graph_get_scene (self), self->model->graph, shown, chosen_figure (self));
  set_values (self->other_view, self->other_scene, self->other != NULL ? self->other->graph : NULL,
              self->comparison, chosen_figure (self));
}

static const char *
mode_name (QsExecMode mode)
{
  return mode == QS_EXEC_MODE_FLOAT ? _("float mode") : mode == QS_EXEC_MODE_INT8 ? _("int8 mode") : _("fake-quant mode");
}

/* What the comparison found, in words: the matching, the constants that
 * differ, and over a data set where the models part. */
static char *
summary_text (const QsCompareResult *r)
{
  GString *s = g_string_new (NULL);
  g_autofree int *differ = qs_compare_result_rank_constants (r, CONST_FLOOR_DB, 2);
  guint n_differ = 0, p;

  g_string_append_printf (s, ngettext ("%u pair", "%u pairs", r->n_pairs), r->n_pairs);
  g_string_append_printf (s, _(" (%u by name, %u by tensor name, %u by rt_info, %u by structure); "
                               "unmatched: %u in the reference, %u in the test model."),
                          r->by_way[QS_MATCH_NAME], r->by_way[QS_MATCH_TENSOR_NAME], r->by_way[QS_MATCH_RT_INFO],
                          r->by_way[QS_MATCH_STRUCTURE], r->unmatched_reference->len, r->unmatched_test->len);
  for (p = 0; p < r->n_pairs; p++)
    n_differ += !isnan (r->pairs[p].const_sqnr_db) && r->pairs[p].const_sqnr_db < CONST_FLOOR_DB;
  if (differ[0] >= 0)
    {
      const QsComparePair *d = &r->pairs[differ[0]];

      g_string_append_c (s, ' ');
      g_string_append_printf (s, ngettext ("%u constant input below %.0f dB: %s, input %d, at %.1f dB.",
                                           "%u constant inputs below %.0f dB, the lowest %s, input %d, at %.1f dB.",
                                           n_differ),
                              n_differ, CONST_FLOOR_DB, d->reference->name, d->const_input, d->const_sqnr_db);
    }
  else
    {
      g_string_append_c (s, ' ');
      g_string_append_printf (s, _("No constant input below %.0f dB."), CONST_FLOOR_DB);
    }
  g_string_append_c (s, ' ');
  if (!r->ran)
    g_string_append (s, _("Run the comparison for the layers’ outputs."));
  else if (r->first_jump >= 0)
    {
      const QsComparePair *j = &r->pairs[r->first_jump];
      QsTensorError e;

      qs_tensor_error_from_sums (&j->sums, &e);
      g_string_append_printf (s, ngettext ("Over %u sample, the test model in %s: ", "Over %u samples, the test model in %s: ",
                                           r->n_samples), r->n_samples, mode_name (r->test_mode));
      g_string_append_printf (s, _("the models part at %s (%s): %.1f dB, %.1f dB lost against its inputs"),
                              j->reference->name, j->reference->type, e.sqnr_db, j->jump_db);
      if (isfinite (j->const_sqnr_db))
        g_string_append_printf (s, _("; its constant input %d at %.1f dB"), j->const_input, j->const_sqnr_db);
      g_string_append_c (s, '.');
    }
  else
    {
      g_string_append_printf (s, ngettext ("Over %u sample, the test model in %s: ", "Over %u samples, the test model in %s: ",
                                           r->n_samples), r->n_samples, mode_name (r->test_mode));
      g_string_append_printf (s, _("the models do not part (no layer falls below %.0f dB losing %.0f dB or more)."),
                              r->floor_db, r->jump_threshold_db);
    }
  return g_string_free (s, FALSE);
}

static void
fill_table (QsWindow *self)
{
  GListStore *store = g_list_store_new (QS_TYPE_PAIR_ITEM);
  GtkSortListModel *sorted;
  guint p;

  for (p = 0; self->comparison != NULL && p < self->comparison->n_pairs; p++)
    {
      QsPairItem *item = g_object_new (QS_TYPE_PAIR_ITEM, NULL);

      item->comparison = qs_compare_result_ref (self->comparison);
      item->pair = p;
      item->other_is_test = self->other_is_test;
      g_list_store_append (store, item);
      g_object_unref (item);
    }
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (store), g_object_ref (self->pair_sorter));
  if (self->pair_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->pair_selection, self);
  g_clear_object (&self->pair_selection);
  self->pair_selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->pair_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->pair_selection, TRUE);
  gtk_single_selection_set_selected (self->pair_selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect (self->pair_selection, "notify::selected", G_CALLBACK (row_selected_cb), self);
  gtk_column_view_set_model (self->pair_view, GTK_SELECTION_MODEL (self->pair_selection));
}

static void
show_comparison (QsWindow        *self,
                 QsCompareResult *comparison)
{
  g_autofree char *text = summary_text (comparison);
  const QsNode *selected = qs_graph_view_get_selected_node (self->graph_view);

  if (comparison != self->comparison)
    {
      g_clear_pointer (&self->comparison, qs_compare_result_unref);
      self->comparison = qs_compare_result_ref (comparison);
    }
  gtk_label_set_text (self->compare_label, text);
  fill_table (self);
  /* the figures of a run colour by the output, a match alone by the constants */
  gtk_drop_down_set_selected (self->compare_figure, comparison->ran ? 0 : G_N_ELEMENTS (colour_figures) - 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-to-parting", comparison->first_jump >= 0);
  gtk_stack_set_visible_child_name (self->run_stack, "compare");
  _qs_window_graph_update_values (self);
  if (selected != NULL)
    _qs_window_compare_select_node (self, selected->origin != NULL ? selected->origin : selected);
}

void
_qs_window_compare_show_result (QsWindow        *self,
                                QsCompareResult *result)
{
  guint i;

  if (self->other == NULL || (result->reference != self->other && result->test != self->other))
    return;   /* the comparison was closed, or replaced, while it ran */
  show_comparison (self, result);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-table", TRUE);
  for (i = 0; i < result->warnings->len; i++)
    _qs_window_toast (self, g_ptr_array_index (result->warnings, i));
}

static void
figure_changed_cb (GtkDropDown *dropdown,
                   GParamSpec  *pspec,
                   QsWindow    *self)
{
  if (self->model != NULL && self->comparison != NULL)
    _qs_window_graph_update_values (self);
}

static gboolean
split_evenly_cb (GtkWidget     *paned,
                 GdkFrameClock *clock,
                 gpointer       data)
{
  int width = gtk_widget_get_width (paned);

  if (width <= 0)
    return G_SOURCE_CONTINUE;
  gtk_paned_set_position (GTK_PANED (paned), width / 2);
  return G_SOURCE_REMOVE;
}

/* Loading the other model */

typedef struct
{
  char            *path;
  QsModel         *own;
  QsModel         *other;
  QsPaintScene    *scene;
  QsCompareResult *comparison;
  gboolean         other_is_test;
} CompareLoad;

static void
compare_load_free (gpointer data)
{
  CompareLoad *l = data;

  g_free (l->path);
  g_clear_pointer (&l->own, qs_model_unref);
  g_clear_pointer (&l->other, qs_model_unref);
  g_clear_pointer (&l->scene, qs_paint_scene_unref);
  g_clear_pointer (&l->comparison, qs_compare_result_unref);
  g_free (l);
}

static gboolean
has_activation_quantizers (const QsModel *model)
{
  g_autofree gboolean *constant = qs_graph_constant_nodes (model->graph);
  guint i;

  for (i = 0; i < model->graph->n_nodes; i++)
    if (qs_node_quantizes_activation (model->graph->nodes[i], constant))
      return TRUE;
  return FALSE;
}

static void
compare_load_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  CompareLoad *l = task_data;
  g_autoptr(GError) error = NULL;

  /* the constant inputs are compared, so the weights must be there */
  l->other = qs_model_load (l->path, QS_LOAD_FLAGS_NONE, cancellable, &error);
  if (l->other == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* either order: the model that quantizes its activations is the test model */
  l->other_is_test = has_activation_quantizers (l->other) && !has_activation_quantizers (l->own);
  l->comparison = l->other_is_test ? qs_compare_match (l->own, l->other) : qs_compare_match (l->other, l->own);
  if (l->comparison->n_pairs == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("%s: no layer matches a layer of the model on show; is it the same network?"),
                               l->path);
      return;
    }
  if (!g_cancellable_is_cancelled (cancellable))
    {
      l->scene = qs_paint_scene_new (l->other->graph, NULL, NULL);
      if (!qs_paint_scene_run_layout (l->scene, QS_LAYOUT_FOLD_DEFAULT, NULL, NULL, 0, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
compare_load_done (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  QsWindow *self = QS_WINDOW (source);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (res));
  CompareLoad *l = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL, *own = NULL;

  if (cancellable != self->other_cancellable)
    return;   /* a newer load, or another model, replaced this one */
  g_clear_object (&self->other_cancellable);
  if (!g_task_propagate_boolean (G_TASK (res), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, QS_IR_ERROR, QS_IR_ERROR_CANCELLED))
        _qs_window_show_error (self, _("Could Not Compare the Models"), error->message);
      return;
    }
  if (l->own != self->model)
    return;

  _qs_window_compare_clear (self);
  self->other = g_steal_pointer (&l->other);
  self->other_scene = g_steal_pointer (&l->scene);
  self->other_is_test = l->other_is_test;
  qs_graph_view_set_scene (self->other_view, self->other_scene);
  name = g_path_get_basename (l->path);
  own = self->file != NULL ? g_file_get_basename (self->file) : g_strdup (self->model->name);
  {
    g_autofree char *other_text = g_strdup_printf (self->other_is_test ? _("Test: %s") : _("Reference: %s"), name);
    g_autofree char *own_text = g_strdup_printf (self->other_is_test ? _("Reference: %s") : _("Test: %s"), own);

    gtk_label_set_text (self->other_label, other_text);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->other_label), l->path);
    gtk_label_set_text (self->own_pane_label, own_text);
  }
  gtk_widget_set_visible (self->other_pane, TRUE);
  gtk_widget_set_visible (self->own_pane_header, TRUE);
  /* half each, once the graph page has its width (it may not be the page
   * on show yet, and then has none) */
  gtk_widget_add_tick_callback (GTK_WIDGET (self->compare_paned), split_evenly_cb, NULL, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-comparison", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.run-comparison", !qs_window_get_running (self));
  show_comparison (self, l->comparison);
  adw_view_stack_set_visible_child_name (self->view_stack, "graph");
}

/**
 * qs_window_compare_with:
 * @file: a second IR of the network on show
 *
 * Loads @file in a worker thread, matches its layers with the model on
 * show's and shows it in a pane beside it, with the pair table below.
 * Errors go to a dialog.
 */
void
qs_window_compare_with (QsWindow *self,
                        GFile    *file)
{
  g_autoptr(GTask) task = NULL;
  CompareLoad *l;

  g_return_if_fail (QS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->model == NULL)
    return;
  if (self->other_cancellable != NULL)
    g_cancellable_cancel (self->other_cancellable);
  g_clear_object (&self->other_cancellable);
  self->other_cancellable = g_cancellable_new ();

  l = g_new0 (CompareLoad, 1);
  l->path = g_file_get_path (file);
  l->own = qs_model_ref (self->model);
  if (l->path == NULL)
    {
      compare_load_free (l);
      _qs_window_show_error (self, _("Could Not Compare the Models"), _("Only local files can be opened"));
      return;
    }
  task = g_task_new (self, self->other_cancellable, compare_load_done, NULL);
  g_task_set_source_tag (task, qs_window_compare_with);
  g_task_set_name (task, "[qscope] load the model to compare with");
  g_task_set_task_data (task, l, compare_load_free);
  g_task_run_in_thread (task, compare_load_thread);
}

/**
 * qs_window_get_comparison:
 *
 * Returns: (transfer none) (nullable): the comparison on show
 */
QsCompareResult *
qs_window_get_comparison (QsWindow *self)
{
  g_return_val_if_fail (QS_IS_WINDOW (self), NULL);

  return self->comparison;
}

QsGraphView *
qs_window_get_other_view (QsWindow *self)
{
  g_return_val_if_fail (QS_IS_WINDOW (self), NULL);

  return self->other_view;
}

GtkColumnView *
qs_window_get_pair_view (QsWindow *self)
{
  g_return_val_if_fail (QS_IS_WINDOW (self), NULL);

  return self->pair_view;
}

void
qs_window_close_comparison (QsWindow *self)
{
  g_return_if_fail (QS_IS_WINDOW (self));

  _qs_window_compare_clear (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->run_stack), "compare") == 0)
    gtk_stack_set_visible_child_name (self->run_stack, self->run != NULL ? "table" : "none");
  if (self->model != NULL)
    _qs_window_graph_update_values (self);
}

void
_qs_window_compare_clear (QsWindow *self)
{
  if (self->other_cancellable != NULL)
    g_cancellable_cancel (self->other_cancellable);
  g_clear_object (&self->other_cancellable);
  if (self->pair_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->pair_selection, self);
  if (self->pair_view != NULL)
    gtk_column_view_set_model (self->pair_view, NULL);
  g_clear_object (&self->pair_selection);
  g_clear_pointer (&self->comparison, qs_compare_result_unref);
  if (self->other_view != NULL)
    {
      qs_graph_view_set_values (self->other_view, NULL, NULL, FALSE);
      qs_graph_view_set_scene (self->other_view, NULL);
    }
  g_clear_pointer (&self->other_scene, qs_paint_scene_unref);
  g_clear_pointer (&self->other, qs_model_unref);
  if (self->other_pane != NULL)
    gtk_widget_set_visible (self->other_pane, FALSE);
  if (self->own_pane_header != NULL)
    gtk_widget_set_visible (self->own_pane_header, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-comparison", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.run-comparison", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-to-parting", FALSE);
}

/* Actions */

static void
compare_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     QsWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        qs_window_compare_with (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
compare_with_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  QsWindow *self = QS_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) xml = gtk_file_filter_new ();

  if (self->model == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Compare With Another IR of This Network"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Compare"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (xml, _("OpenVINO IR"));
  gtk_file_filter_add_suffix (xml, "xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), xml);
  if (self->file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (self->file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (compare_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
close_comparison_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  qs_window_close_comparison (QS_WINDOW (widget));
}

static void
run_comparison_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  qs_window_run_compare (QS_WINDOW (widget), NULL);
}

static void
go_to_parting_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  QsWindow *self = QS_WINDOW (widget);

  if (self->comparison == NULL || self->comparison->first_jump < 0)
    return;
  gtk_stack_set_visible_child_name (self->run_stack, "compare");
  _qs_window_graph_update_values (self);
  show_pair (self, self->comparison->first_jump, -1);
}

void
_qs_window_compare_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.compare-with", NULL, compare_with_action);
  gtk_widget_class_install_action (widget_class, "win.close-comparison", NULL, close_comparison_action);
  gtk_widget_class_install_action (widget_class, "win.run-comparison", NULL, run_comparison_action);
  gtk_widget_class_install_action (widget_class, "win.go-to-parting", NULL, go_to_parting_action);
}

static GtkWidget *
make_dropdown (const char * const *items,
               const char         *tooltip)
{
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (items);

  gtk_widget_set_tooltip_text (dropdown, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return dropdown;
}

void
_qs_window_compare_init (QsWindow *self)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *choices = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");
  GtkWidget *button;
  /* in the order of compare_modes[] */
  const char *modes[] = { N_("Test in Fake-Quant"), N_("Test in int8"), N_("Test in Float"), NULL };
  const char *figures[G_N_ELEMENTS (colour_figures) + 1];
  const char *mode_items[G_N_ELEMENTS (compare_modes) + 1];
  guint i;

  /* the other pane: a header naming the model and its role, then its graph */
  self->other_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->other_label, 0);
  gtk_label_set_ellipsize (self->other_label, PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->other_label), TRUE);
  gtk_widget_add_css_class (close, "flat");
  gtk_widget_set_tooltip_text (close, _("Close the Comparison"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (close), "win.close-comparison");
  gtk_widget_add_css_class (header, "pane-header");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->other_label));
  gtk_box_append (GTK_BOX (header), close);
  self->other_view = QS_GRAPH_VIEW (qs_graph_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->other_view), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->other_view), TRUE);
  /* one colour bar for both panes: the graph on show has it */
  qs_graph_view_set_show_colorbar (self->other_view, FALSE);
  g_signal_connect (self->other_view, "notify::selected-box", G_CALLBACK (other_selected_cb), self);
  gtk_box_append (GTK_BOX (self->other_pane), header);
  gtk_box_append (GTK_BOX (self->other_pane), GTK_WIDGET (self->other_view));

  /* the page below the graphs: what was found, the choices, the pairs */
  self->compare_label = GTK_LABEL (label);
  gtk_label_set_xalign (self->compare_label, 0);
  gtk_label_set_wrap (self->compare_label, TRUE);
  gtk_label_set_selectable (self->compare_label, TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_margin_bottom (label, 4);
  {
    GtkWidget *title = gtk_label_new (_("Comparison"));

    gtk_widget_add_css_class (title, "heading");
    gtk_label_set_xalign (GTK_LABEL (title), 0);
    gtk_widget_set_hexpand (title, TRUE);
    gtk_box_append (GTK_BOX (heading), title);
  }

  for (i = 0; i < G_N_ELEMENTS (compare_modes); i++)
    mode_items[i] = _(modes[i]);
  mode_items[i] = NULL;
  self->compare_mode = GTK_DROP_DOWN (make_dropdown (mode_items, _("How the test model runs: its quantizers on (fake-quant), "
                                                                  "its transformed graph on integer kernels (int8), or its "
                                                                  "quantizers bypassed (float: what the export itself changed)")));
  gtk_box_append (GTK_BOX (choices), GTK_WIDGET (self->compare_mode));
  for (i = 0; i < G_N_ELEMENTS (colour_figures); i++)
    figures[i] = figure_title (colour_figures[i]);
  figures[i] = NULL;
  self->compare_figure = GTK_DROP_DOWN (make_dropdown (figures, _("Colour both graphs by")));
  g_signal_connect (self->compare_figure, "notify::selected", G_CALLBACK (figure_changed_cb), self);
  gtk_box_append (GTK_BOX (choices), GTK_WIDGET (self->compare_figure));

  button = gtk_button_new_from_icon_name ("find-location-symbolic");
  gtk_widget_set_tooltip_text (button, _("Go to Where the Models Part"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.go-to-parting");
  gtk_box_append (GTK_BOX (heading), button);
  button = gtk_button_new_with_mnemonic (_("Run Co_mparison"));
  gtk_widget_set_tooltip_text (button, _("Run both models over the input chosen above and compare every matched layer"));
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.run-comparison");
  gtk_box_append (GTK_BOX (heading), button);
  gtk_widget_set_margin_start (heading, 6);
  gtk_widget_set_margin_end (heading, 6);
  gtk_widget_set_margin_top (heading, 4);
  gtk_widget_set_margin_bottom (heading, 4);
  /* the choices get a row of their own, so that the page (and the run
   * panel's stack with it) asks for no more width than the run's page */
  gtk_widget_set_margin_start (choices, 6);
  gtk_widget_set_margin_end (choices, 6);
  gtk_widget_set_margin_bottom (choices, 4);

  self->pair_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->pair_view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pair_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Matched layers of the two models"), -1);
  add_column (self, COL_MINE, _("Layer"), "layer", TRUE);
  add_column (self, COL_OTHER, _("Its Partner"), "partner", TRUE);
  add_column (self, COL_TYPE, _("Type"), "type", FALSE);
  add_column (self, COL_WAY, _("Matched By"), "matched_by", FALSE);
  add_column (self, COL_SQNR, _("SQNR"), "sqnr_db", FALSE);
  add_column (self, COL_WORST, _("Worst"), "worst_sqnr_db", FALSE);
  add_column (self, COL_JUMP, _("Lost"), "jump_db", FALSE);
  add_column (self, COL_CONST, _("Weights"), "const_sqnr_db", FALSE);
  add_column (self, COL_NOTE, _("Note"), "note", FALSE);
  self->pair_sorter = qs_table_order_new (self->pair_view, cell_is_empty, NULL);
  self->pair_scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_child (self->pair_scroller, GTK_WIDGET (self->pair_view));
  gtk_widget_set_vexpand (GTK_WIDGET (self->pair_scroller), TRUE);

  gtk_box_append (GTK_BOX (page), heading);
  gtk_box_append (GTK_BOX (page), choices);
  gtk_box_append (GTK_BOX (page), label);
  gtk_box_append (GTK_BOX (page), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->pair_scroller));
  gtk_stack_add_named (self->run_stack, page, "compare");
  _qs_window_compare_clear (self);
}

void
_qs_window_compare_dispose (QsWindow *self)
{
  if (self->other_view != NULL)
    g_signal_handlers_disconnect_by_data (self->other_view, self);
  if (self->compare_figure != NULL)
    g_signal_handlers_disconnect_by_data (self->compare_figure, self);
  _qs_window_compare_clear (self);
  g_clear_object (&self->pair_sorter);
}
