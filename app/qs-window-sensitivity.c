/* qs-window-sensitivity.c — the window's view of a sensitivity ranking
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A ranking (`qscope-cli sensitivity --format json`) opened on its model
 * shows below the graph as a list, the most costly quantizer group first,
 * each with a bar of its revert gain; the graph is coloured by the same
 * figures (core/analysis/qs-sensitivity.c computes both).  Choosing a row
 * selects the group's first FakeQuantize and highlights the group and the
 * layers it feeds.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "qs-window-private.h"

static double
ranking_scale (const QsSensitivityRanking *k)
{
  double most = 0;
  guint g;

  for (g = 0; g < k->n_groups; g++)
    if (isfinite (k->groups[g].gain_db))
      most = MAX (most, k->groups[g].gain_db);
  return most;
}

typedef struct
{
  double fraction;   /* of the bar's width; < 0 leans left (a loss) */
  gboolean full;     /* an exact revert: the whole bar */
} Bar;

static void
draw_bar (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        data)
{
  const Bar *bar = data;
  GdkRGBA colour;
  double w;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &colour);
  cairo_set_source_rgba (cr, colour.red, colour.green, colour.blue, 0.12);
  cairo_rectangle (cr, 0, 2, width, height - 4);
  cairo_fill (cr);
  w = bar->full ? width : CLAMP (bar->fraction, 0, 1) * width;
  /* the costly groups in the heat map's warm end */
  cairo_set_source_rgba (cr, 0.89, 0.33, 0.16, 0.9);
  cairo_rectangle (cr, 0, 2, MAX (w, bar->fraction > 0 ? 1 : 0), height - 4);
  cairo_fill (cr);
}

static GtkWidget *
make_label (const char *text,
            int         chars,
            gboolean    dim,
            float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (chars > 0)
    gtk_label_set_width_chars (GTK_LABEL (label), chars);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

static char *
format_db (double v,
           gboolean sign)
{
  if (isnan (v))
    return g_strdup ("—");
  if (isinf (v))
    return g_strdup (v > 0 ? _("exact") : "−∞");
  return g_strdup_printf (sign ? "%+.2f dB" : "%.2f dB", v);
}

static GtkWidget *
make_row (QsWindow *self,
          guint     g,
          double    scale)
{
  const QsSensitivityRankedGroup *group = &self->ranking->groups[g];
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *area = gtk_drawing_area_new ();
  GtkWidget *name;
  Bar *bar = g_new0 (Bar, 1);
  g_autofree char *rank = g_strdup_printf ("%u", g + 1);
  g_autofree char *gain = format_db (group->gain_db, TRUE);
  g_autofree char *alone = format_db (group->alone_db, FALSE);
  g_autofree char *who = NULL, *tip = NULL;
  guint n = g_strv_length (group->fake_quantize);

  bar->full = isinf (group->gain_db) && group->gain_db > 0;
  bar->fraction = scale > 0 && isfinite (group->gain_db) ? group->gain_db / scale : 0;
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 120);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 14);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_bar, bar, g_free);

  who = n > 1 ? g_strdup_printf ("%s (+%u)", group->fake_quantize[0], n - 1) : g_strdup (group->fake_quantize[0]);
  tip = g_strjoinv ("\n", group->fake_quantize);
  name = make_label (who, 0, FALSE, 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_START);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_set_tooltip_text (row, tip);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 2);
  gtk_widget_set_margin_bottom (box, 2);
  gtk_box_append (GTK_BOX (box), make_label (rank, 3, TRUE, 1));
  gtk_box_append (GTK_BOX (box), area);
  gtk_box_append (GTK_BOX (box), make_label (gain, 10, FALSE, 1));
  gtk_box_append (GTK_BOX (box), make_label (alone, 10, TRUE, 1));
  gtk_box_append (GTK_BOX (box), name);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

/* The boxes of @group (its quantizers and the layers they feed), highlighted. */
static void
show_group (QsWindow *self,
            int       group)
{
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (guint));
  guint i;

  if (self->ranking == NULL || group < 0 || (guint) group >= self->ranking->n_groups)
    {
      qs_graph_view_set_highlighted (self->graph_view, NULL, 0);
      return;
    }
  nodes = qs_sensitivity_ranking_group_nodes (self->ranking, self->model->graph, (guint) group);
  for (i = 0; i < nodes->len; i++)
    {
      int box = _qs_window_graph_find_box (self, nodes->pdata[i]);

      if (box >= 0)
        g_array_append_val (boxes, box);
    }
  qs_graph_view_set_highlighted (self->graph_view, (const guint *) boxes->data, boxes->len);
  if (boxes->len > 0)
    qs_graph_view_select_box (self->graph_view, g_array_index (boxes, guint, 0), TRUE);
}

static void
row_selected_cb (GtkListBox    *list,
                 GtkListBoxRow *row,
                 QsWindow      *self)
{
  show_group (self, row != NULL ? gtk_list_box_row_get_index (row) : -1);
}

gboolean
_qs_window_sensitivity_showing (QsWindow *self)
{
  return self->ranking != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->run_stack), "ranking") == 0;
}

/* While the ranking shows, it colours the graph: the figure and
 * aggregate choices are the table's, and wait for it. */
static void
run_page_changed_cb (GtkStack   *stack,
                     GParamSpec *pspec,
                     QsWindow   *self)
{
  gboolean ranking = _qs_window_sensitivity_showing (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->metric_dropdown), !ranking);
  gtk_widget_set_sensitive (GTK_WIDGET (self->aggregate_dropdown), !ranking);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->metric_dropdown),
                               ranking ? _("The graph shows the sensitivity ranking; run the model or open results "
                                           "to colour it by a figure") : NULL);
  if (!ranking)
    show_group (self, -1);
  _qs_window_graph_update_values (self);
}

gboolean
qs_window_open_ranking (QsWindow    *self,
                        const char  *path,
                        GError     **error)
{
  QsSensitivityRanking *ranking;
  GtkWidget *child;
  double scale;
  guint g;

  g_return_val_if_fail (QS_IS_WINDOW (self), FALSE);
  if (self->model == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Open the model first"));
      return FALSE;
    }
  ranking = qs_sensitivity_ranking_load (path, self->model, error);
  if (ranking == NULL)
    return FALSE;
  g_clear_pointer (&self->ranking, qs_sensitivity_ranking_free);
  self->ranking = ranking;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->ranking_list))) != NULL)
    gtk_list_box_remove (self->ranking_list, child);
  scale = ranking_scale (ranking);
  for (g = 0; g < ranking->n_groups; g++)
    gtk_list_box_append (self->ranking_list, make_row (self, g, scale));
  {
    g_autofree char *base = format_db (ranking->baseline_db, FALSE);
    g_autofree char *text = g_strdup_printf (ngettext ("%u quantizer group; the outputs at %s, fake-quant against float. "
                                                       "Bar and first figure: the SQNR won back with the group in "
                                                       "float; second: the SQNR with only the group quantized.",
                                                       "%u quantizer groups; the outputs at %s, fake-quant against float. "
                                                       "Bar and first figure: the SQNR won back with the group in "
                                                       "float; second: the SQNR with only the group quantized.",
                                                       ranking->n_groups), ranking->n_groups, base);
    gtk_label_set_text (self->ranking_label, text);
  }
  gtk_stack_set_visible_child_name (self->run_stack, "ranking");
  run_page_changed_cb (self->run_stack, NULL, self);
  return TRUE;
}

GtkListBox *
qs_window_get_ranking_list (QsWindow *self)
{
  g_return_val_if_fail (QS_IS_WINDOW (self), NULL);
  return self->ranking_list;
}

/* The graph's heat map from the ranking: the revert gain of each group. */
double *
_qs_window_sensitivity_node_values (QsWindow *self)
{
  return qs_sensitivity_ranking_node_values (self->ranking, self->model->graph, FALSE);
}

void
_qs_window_sensitivity_clear (QsWindow *self)
{
  GtkWidget *child;

  g_clear_pointer (&self->ranking, qs_sensitivity_ranking_free);
  if (self->ranking_list != NULL)
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->ranking_list))) != NULL)
      gtk_list_box_remove (self->ranking_list, child);
}

void
_qs_window_sensitivity_init (QsWindow *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new (NULL);

  self->ranking_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->ranking_list, GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (GTK_WIDGET (self->ranking_list), "ranking");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->ranking_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Quantizer groups, the most costly first"), -1);
  g_signal_connect (self->ranking_list, "row-selected", G_CALLBACK (row_selected_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->ranking_list));
  gtk_widget_set_vexpand (scroller, TRUE);

  self->ranking_label = GTK_LABEL (label);
  gtk_label_set_xalign (self->ranking_label, 0);
  gtk_label_set_wrap (self->ranking_label, TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_start (heading, 6);
  gtk_widget_set_margin_top (heading, 4);
  gtk_widget_set_margin_bottom (heading, 4);
  gtk_box_append (GTK_BOX (heading), label);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_stack_add_named (self->run_stack, box, "ranking");
  g_signal_connect (self->run_stack, "notify::visible-child-name", G_CALLBACK (run_page_changed_cb), self);
}

void
_qs_window_sensitivity_dispose (QsWindow *self)
{
  if (self->ranking_list != NULL)
    g_signal_handlers_disconnect_by_data (self->ranking_list, self);
  if (self->run_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->run_stack, self);
  g_clear_pointer (&self->ranking, qs_sensitivity_ranking_free);
}
