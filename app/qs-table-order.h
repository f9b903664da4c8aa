/* qs-table-order.h — a column view's order with empty cells last either way
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * GTK 4.8 does not say which column a GtkColumnView is sorted by, nor in
 * which direction, and a descending order inverts every comparison, so the
 * rows without a value would come first.  The sorter made here asks the
 * column view's own sorter, notes which column it consulted first (each
 * column's compare function calls qs_table_order_note()), and puts the rows
 * empty in that column last whichever the direction.  Main thread only.
 * GTK 4.8 has no gtk_column_view_scroll_to() either: qs_table_scroll_to().
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Whether @item has no value in @column. */
typedef gboolean (*QsTableEmptyFunc) (gpointer item,
                                      int      column,
                                      gpointer user_data);

/* Sorts again whenever @view's sorter changes. */
GtkSorter *qs_table_order_new  (GtkColumnView    *view,
                                QsTableEmptyFunc  is_empty,
                                gpointer          user_data);
/* The first thing each column's compare function does. */
void       qs_table_order_note (int               column);

/* The window's tables (the run's layers, a comparison's pairs) share their
 * cells and columns: a label right-aligned in digits for a figure, or left
 * and cut (from the front for a name, whose tail tells layers apart); a
 * column whose factory calls @setup and @bind and whose sorter calls
 * @compare_func, each with the column number as user data, resizable, and
 * marked with @key (gtk_column_view_column_set_id() is GTK 4.10). */
typedef enum
{
  QS_TABLE_CELL_FIGURE,
  QS_TABLE_CELL_NAME,
  QS_TABLE_CELL_TEXT,
} QsTableCell;

GtkWidget *qs_table_cell_new   (QsTableCell        kind);
void       qs_table_add_column (GtkColumnView     *view,
                                int                column,
                                const char        *title,
                                const char        *key,
                                gboolean           expand,
                                GCallback          setup,
                                GCallback          bind,
                                GCompareDataFunc   compare_func);

/* Gives @view's columns (found by their key) the widths @settings'
 * "column-widths" holds for @table, and writes them there, once, when a
 * drag of a column's edge has settled. */
void       qs_table_remember_widths (GtkColumnView *view,
                                     GSettings     *settings,
                                     const char    *table);

/* Scrolls @scroller so that row @position of its column view (of @n_rows,
 * all of one height) is in view, after the next frame, once the rows are
 * laid out: a table just filled, sorted or filtered does not know its
 * height yet, and GTK 4.8 warns when moved to a row it has not placed.  A
 * newer call replaces one waiting. */
void       qs_table_scroll_to  (GtkScrolledWindow *scroller,
                                guint              position,
                                guint              n_rows);
/* The same to the table's top (nothing with no rows). */
void       qs_table_scroll_to_top (GtkScrolledWindow *scroller,
                                   guint              n_rows);

G_END_DECLS
