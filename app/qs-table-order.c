/* qs-table-order.c — a column view's order with empty cells last either way
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "qs-table-order.h"

#define RECORDING (-2)
#define NONE (-1)

static int primary = NONE;

typedef struct
{
  GtkColumnView    *view;    /* not owned: the view owns the sorter's list */
  QsTableEmptyFunc  is_empty;
  gpointer          user_data;
} Order;

void
qs_table_order_note (int column)
{
  if (primary == RECORDING)
    primary = column;
}

static int
compare (gconstpointer a,
         gconstpointer b,
         gpointer      data)
{
  const Order *o = data;
  GtkSorter *sorter = gtk_column_view_get_sorter (o->view);
  gboolean ea, eb;
  int order, column;

  primary = RECORDING;
  order = gtk_sorter_compare (sorter, (gpointer) a, (gpointer) b);
  column = primary;
  primary = NONE;
  if (column < 0)
    return order;
  ea = o->is_empty ((gpointer) a, column, o->user_data);
  eb = o->is_empty ((gpointer) b, column, o->user_data);
  if (ea != eb)
    return ea ? GTK_ORDERING_LARGER : GTK_ORDERING_SMALLER;
  return order;
}

static void
view_sorter_changed_cb (GtkSorter       *view_sorter,
                        GtkSorterChange  change,
                        GtkSorter       *order)
{
  gtk_sorter_changed (order, GTK_SORTER_CHANGE_DIFFERENT);
}

GtkSorter *
qs_table_order_new (GtkColumnView    *view,
                    QsTableEmptyFunc  is_empty,
                    gpointer          user_data)
{
  Order *o = g_new0 (Order, 1);
  GtkSorter *order;

  o->view = view;
  o->is_empty = is_empty;
  o->user_data = user_data;
  order = GTK_SORTER (gtk_custom_sorter_new (compare, o, g_free));
  /* a click on a column header sorts again */
  g_signal_connect_object (gtk_column_view_get_sorter (view), "changed",
                           G_CALLBACK (view_sorter_changed_cb), order, 0);
  return order;
}

/* Cells and columns */

GtkWidget *
qs_table_cell_new (QsTableCell kind)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (kind == QS_TABLE_CELL_FIGURE)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
      return label;
    }
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  /* a layer's name is cut from the front: the tail tells layers apart
   * ("…/dw1/conv/fq_input_0"); the tooltip holds the whole name */
  gtk_label_set_ellipsize (GTK_LABEL (label), kind == QS_TABLE_CELL_NAME ? PANGO_ELLIPSIZE_START : PANGO_ELLIPSIZE_END);
  /* figures narrow, so that the table fits beside the inspector at 1000
   * pixels; a type wide enough for "FakeQuantize" and "Convolution"; the
   * name columns take what is left over (they expand) */
  gtk_label_set_width_chars (GTK_LABEL (label), kind == QS_TABLE_CELL_NAME ? 12 : kind == QS_TABLE_CELL_TEXT ? 11 : 7);
  return label;
}

void
qs_table_add_column (GtkColumnView    *view,
                     int               column,
                     const char       *title,
                     const char       *key,
                     gboolean          expand,
                     GCallback         setup,
                     GCallback         bind,
                     GCompareDataFunc  compare_func)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;

  g_signal_connect (factory, "setup", setup, GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", bind, GINT_TO_POINTER (column));
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (col, GTK_SORTER (gtk_custom_sorter_new (compare_func, GINT_TO_POINTER (column), NULL)));
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_column_set_expand (col, expand);
  g_object_set_data (G_OBJECT (col), "qs-key", (gpointer) key);
  gtk_column_view_append_column (view, col);
  g_object_unref (col);
}

/* Column widths */

/* A drag of a column's edge sets its fixed width at every step; the
 * settings are written this long after the last. */
#define WIDTHS_SETTLE_MS 400

typedef struct
{
  GtkColumnView *view;       /* not owned: the record goes with it */
  GSettings     *settings;
  char          *table;
  guint          id;
} Widths;

static void
widths_free (gpointer data)
{
  Widths *w = data;

  g_clear_handle_id (&w->id, g_source_remove);
  g_clear_object (&w->settings);
  g_free (w->table);
  g_free (w);
}

static gboolean
widths_settled_cb (gpointer data)
{
  Widths *w = data;
  g_autoptr(GVariant) old = g_settings_get_value (w->settings, "column-widths");
  GListModel *columns = gtk_column_view_get_columns (w->view);
  g_autoptr(GHashTable) widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GVariant) value = NULL;
  GVariantBuilder builder;
  GHashTableIter iter;
  GVariantIter it;
  gpointer key, width;
  const char *name;
  gint32 old_width;
  guint i;

  w->id = 0;
  g_variant_iter_init (&it, old);
  while (g_variant_iter_next (&it, "{&si}", &name, &old_width))
    g_hash_table_insert (widths, g_strdup (name), GINT_TO_POINTER (old_width));
  for (i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *column_key = g_object_get_data (G_OBJECT (column), "qs-key");
      int fixed = gtk_column_view_column_get_fixed_width (column);

      if (column_key != NULL && fixed > 0)
        g_hash_table_insert (widths, g_strdup_printf ("%s/%s", w->table, column_key), GINT_TO_POINTER (fixed));
    }
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{si}"));
  g_hash_table_iter_init (&iter, widths);
  while (g_hash_table_iter_next (&iter, &key, &width))
    g_variant_builder_add (&builder, "{si}", key, GPOINTER_TO_INT (width));
  value = g_variant_ref_sink (g_variant_builder_end (&builder));
  if (!g_variant_equal (value, old))
    g_settings_set_value (w->settings, "column-widths", value);
  return G_SOURCE_REMOVE;
}

static void
width_changed_cb (GtkColumnViewColumn *column,
                  GParamSpec          *pspec,
                  Widths              *w)
{
  g_clear_handle_id (&w->id, g_source_remove);
  w->id = g_timeout_add (WIDTHS_SETTLE_MS, widths_settled_cb, w);
}

void
qs_table_remember_widths (GtkColumnView *view,
                          GSettings     *settings,
                          const char    *table)
{
  g_autoptr(GVariant) saved = NULL;
  Widths *w;
  GListModel *columns;
  guint i;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (table != NULL);

  if (settings == NULL)
    return;
  w = g_new0 (Widths, 1);
  w->view = view;
  w->settings = g_object_ref (settings);
  w->table = g_strdup (table);
  g_object_set_data_full (G_OBJECT (view), "qs-table-widths", w, widths_free);
  saved = g_settings_get_value (settings, "column-widths");
  columns = gtk_column_view_get_columns (view);
  for (i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *column_key = g_object_get_data (G_OBJECT (column), "qs-key");
      g_autofree char *name = column_key != NULL ? g_strdup_printf ("%s/%s", table, column_key) : NULL;
      int width;

      if (name != NULL && g_variant_lookup (saved, name, "i", &width) &&
          width > 0)
        gtk_column_view_column_set_fixed_width (column, width);
      g_signal_connect (column, "notify::fixed-width", G_CALLBACK (width_changed_cb), w);
    }
}

/* Scrolling */

/* A list view moved to a position it has not laid out yet (rows just
 * sorted, filtered or filled) makes GTK 4.8 warn "failed to scroll to given
 * position": the scroll waits for the frame after the change, once the rows
 * are in place. */

typedef struct
{
  GtkScrolledWindow *scroller;   /* not owned: the record goes with it */
  guint              position;
  guint              n_rows;
  gboolean           to_top;
  GdkFrameClock     *clock;
  gulong             handler;
} Scroll;

static void
scroll_cancel (Scroll *s)
{
  /* a clock whose surface went away has dropped its handlers already */
  if (s->clock != NULL && s->handler != 0 && g_signal_handler_is_connected (s->clock, s->handler))
    g_signal_handler_disconnect (s->clock, s->handler);
  s->handler = 0;
  g_clear_object (&s->clock);
}

static void
scroll_free (gpointer data)
{
  Scroll *s = data;

  scroll_cancel (s);
  g_free (s);
}

static void
scroll_now (Scroll *s)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (s->scroller);
  double upper = gtk_adjustment_get_upper (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  double row_h, y;

  if (s->n_rows == 0 || upper <= page)
    return;
  if (s->to_top)
    {
      gtk_adjustment_set_value (adjustment, 0);
      return;
    }
  /* rows are of one height: the row's offset is its share of the list,
   * the header row aside */
  if (s->position >= s->n_rows)
    return;
  row_h = upper / (s->n_rows + 1);
  y = (s->position + 1) * row_h;
  if (y < gtk_adjustment_get_value (adjustment) + row_h || y + row_h > gtk_adjustment_get_value (adjustment) + page)
    gtk_adjustment_set_value (adjustment, CLAMP (y - page / 2, 0, upper - page));
}

static void
after_paint_cb (GdkFrameClock *clock,
                Scroll        *s)
{
  scroll_cancel (s);
  scroll_now (s);
}

static void
scroll_later (GtkScrolledWindow *scroller,
              guint              position,
              guint              n_rows,
              gboolean           to_top)
{
  Scroll *s = g_object_get_data (G_OBJECT (scroller), "qs-table-scroll");
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (scroller));

  if (s == NULL)
    {
      s = g_new0 (Scroll, 1);
      s->scroller = scroller;
      g_object_set_data_full (G_OBJECT (scroller), "qs-table-scroll", s, scroll_free);
    }
  s->position = position;
  s->n_rows = n_rows;
  s->to_top = to_top;
  if (clock == NULL)
    return;   /* not on screen: nothing to scroll */
  if (s->handler == 0)
    {
      s->clock = g_object_ref (clock);
      s->handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), s);
    }
  gtk_widget_queue_draw (GTK_WIDGET (scroller));
}

void
qs_table_scroll_to (GtkScrolledWindow *scroller,
                    guint              position,
                    guint              n_rows)
{
  scroll_later (scroller, position, n_rows, FALSE);
}

void
qs_table_scroll_to_top (GtkScrolledWindow *scroller,
                        guint              n_rows)
{
  scroll_later (scroller, 0, n_rows, TRUE);
}
