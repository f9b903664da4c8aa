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

GtkSorter *
qs_table_order_new (GtkColumnView    *view,
                    QsTableEmptyFunc  is_empty,
                    gpointer          user_data)
{
  Order *o = g_new0 (Order, 1);

  o->view = view;
  o->is_empty = is_empty;
  o->user_data = user_data;
  return GTK_SORTER (gtk_custom_sorter_new (compare, o, g_free));
}
