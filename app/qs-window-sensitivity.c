/* qs-window-sensitivity.c — the window's view of a sensitivity ranking
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A ranking (`qscope-cli sensitivity --format json`) opened on its model,
 * or run in the window over the run panel's input (Rank the Quantizers,
 * through qs-window-run.c's thread), shows below the graph as a list, the most costly quantizer group first,
 * each with a bar of its revert gain; the graph is coloured by the same
 * figures (core/analysis/qs-sensitivity.c computes both).  Choosing a row
 * selects the group's first FakeQuantize and highlights the group and the
 * layers it feeds.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "qs-ir-writer.h"
#include "qs-keep-float.h"
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

static gboolean
keeps (QsWindow   *self,
       const char *name)
{
  guint i;

  for (i = 0; i < self->keep_float->len; i++)
    if (g_strcmp0 (self->keep_float->pdata[i], name) == 0)
      return TRUE;
  return FALSE;
}

static void
update_keep_actions (QsWindow *self)
{
  /* the set is emptied when another model opens */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-mixed", self->keep_float->len > 0);
}

void
qs_window_keep_float (QsWindow   *self,
                      const char *name,
                      gboolean    keep)
{
  guint i;

  g_return_if_fail (QS_IS_WINDOW (self) && name != NULL);
  for (i = 0; i < self->keep_float->len; i++)
    if (g_strcmp0 (self->keep_float->pdata[i], name) == 0)
      break;
  if (keep && i == self->keep_float->len)
    g_ptr_array_add (self->keep_float, g_strdup (name));
  else if (!keep && i < self->keep_float->len)
    g_ptr_array_remove_index (self->keep_float, i);
  update_keep_actions (self);
}

static void
keep_toggled_cb (GtkCheckButton *button,
                 QsWindow       *self)
{
  guint g = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "qs-group"));
  gboolean keep = gtk_check_button_get_active (button);
  guint i;

  if (self->ranking == NULL || g >= self->ranking->n_groups)
    return;
  for (i = 0; self->ranking->groups[g].fake_quantize[i] != NULL; i++)
    qs_window_keep_float (self, self->ranking->groups[g].fake_quantize[i], keep);
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
  {
    GtkWidget *keep = gtk_check_button_new ();

    gtk_widget_set_tooltip_text (keep, _("Keep this group in float at export (Export Mixed-Precision Model…)"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (keep), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Keep in float"), -1);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (keep), keeps (self, group->fake_quantize[0]));
    g_object_set_data (G_OBJECT (keep), "qs-group", GUINT_TO_POINTER (g));
    g_signal_connect (keep, "toggled", G_CALLBACK (keep_toggled_cb), self);
    gtk_box_append (GTK_BOX (box), keep);
  }
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
  /* finding a box opens the module group around it, which numbers the
   * boxes anew: open them all first, then collect */
  for (i = 0; i < nodes->len; i++)
    _qs_window_graph_find_box (self, nodes->pdata[i]);
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
  gboolean comparison = _qs_window_compare_showing (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->metric_dropdown), !ranking && !comparison);
  gtk_widget_set_sensitive (GTK_WIDGET (self->aggregate_dropdown), !ranking && !comparison);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->metric_dropdown),
                               ranking ? _("The graph shows the sensitivity ranking; run the model or open results "
                                           "to colour it by a figure")
                               : comparison ? _("The graphs show the comparison; run the model or open results to "
                                                "colour it by a figure") : NULL);
  if (!ranking)
    show_group (self, -1);
  _qs_window_graph_update_values (self);
}

/* Shows @ranking (taken) below the graph. */
static void
show_ranking (QsWindow             *self,
              QsSensitivityRanking *ranking)
{
  GtkWidget *child;
  double scale;
  guint g;

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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-table", TRUE);
  _qs_window_update_findings (self);
}

void
_qs_window_sensitivity_select_group (QsWindow *self,
                                     guint     group)
{
  GtkListBoxRow *row;

  if (self->ranking == NULL || group >= self->ranking->n_groups)
    return;
  gtk_stack_set_visible_child_name (self->run_stack, "ranking");
  row = gtk_list_box_get_row_at_index (self->ranking_list, (int) group);
  if (row != NULL)
    gtk_list_box_select_row (self->ranking_list, row);
}

gboolean
qs_window_open_ranking (QsWindow    *self,
                        const char  *path,
                        GError     **error)
{
  QsSensitivityRanking *ranking;

  g_return_val_if_fail (QS_IS_WINDOW (self), FALSE);
  if (self->model == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Open the model first"));
      return FALSE;
    }
  ranking = qs_sensitivity_ranking_load (path, self->model, error);
  if (ranking == NULL)
    return FALSE;
  /* a ranking read from a file is not one to write out again */
  g_clear_pointer (&self->sensitivity, qs_sensitivity_result_unref);
  show_ranking (self, ranking);
  return TRUE;
}

/* A ranking run in the window (qs_window_run_sensitivity()). */
void
_qs_window_sensitivity_show_result (QsWindow            *self,
                                    QsSensitivityResult *result)
{
  guint i;

  if (self->model == NULL || result->model != self->model)
    return;   /* another model came while it ran */
  g_clear_pointer (&self->sensitivity, qs_sensitivity_result_unref);
  self->sensitivity = qs_sensitivity_result_ref (result);
  show_ranking (self, qs_sensitivity_ranking_new (result));
  for (i = 0; i < result->warnings->len; i++)
    _qs_window_toast (self, g_ptr_array_index (result->warnings, i));
}

QsSensitivityResult *
qs_window_get_sensitivity (QsWindow *self)
{
  g_return_val_if_fail (QS_IS_WINDOW (self), NULL);
  return self->sensitivity;
}

static void
run_sensitivity_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  QsWindow *self = QS_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "graph");
  qs_window_run_sensitivity (self, NULL);
}

gboolean
qs_window_export_mixed (QsWindow    *self,
                        const char  *path,
                        char       **summary,
                        GError     **error)
{
  g_autoptr(QsKeepFloat) keep = NULL;
  g_autoptr(GPtrArray) now = NULL;
  g_autoptr(GFile) out = g_file_new_for_path (path);

  g_return_val_if_fail (QS_IS_WINDOW (self), FALSE);
  if (self->model == NULL || self->keep_float->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Choose the layers to keep in float first"));
      return FALSE;
    }
  if (self->file != NULL && g_file_equal (out, self->file))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("The model cannot be written over itself; choose another file"));
      return FALSE;
    }
  keep = qs_keep_float (self->model, (const char *const *) self->keep_float->pdata, self->keep_float->len, FALSE, error);
  if (keep == NULL)
    return FALSE;
  now = qs_keep_float_now_float (keep, NULL);
  if (!qs_ir_write (keep->model, path, NULL, error))
    return FALSE;
  if (summary != NULL)
    {
      g_autofree char *removed = g_strdup_printf (ngettext ("%u FakeQuantize removed", "%u FakeQuantize removed",
                                                           keep->removed->len), keep->removed->len);
      g_autofree char *changed = now != NULL
                                 ? g_strdup_printf (ngettext ("%u layer now runs in float", "%u layers now run in float",
                                                              now->len), now->len)
                                 : g_strdup ("");

      *summary = g_strdup_printf ("%s%s%s", removed, *changed ? "; " : "", changed);
    }
  return TRUE;
}

static void
export_mixed_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          QsWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      static const char *const suffixes[] = { "xml", NULL };
      g_autofree char *path = _qs_window_dup_save_path (chooser, suffixes);
      g_autofree char *summary = NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL)
        {
          if (!qs_window_export_mixed (self, path, &summary, &error))
            _qs_window_show_error (self, _("Could Not Export the Model"), error->message);
          else
            {
              g_autofree char *text = g_strdup_printf (_("Model exported: %s"), summary);
              _qs_window_toast (self, text);
            }
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_mixed_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  QsWindow *self = QS_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) xml = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->model == NULL || self->keep_float->len == 0)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Mixed-Precision Model"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (xml, _("OpenVINO IR"));
  gtk_file_filter_add_suffix (xml, "xml");
  g_object_set_data (G_OBJECT (xml), "qs-suffix", (gpointer) "xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), xml);
  name = g_strdup_printf ("%s-mixed.xml", self->model->name != NULL ? self->model->name : "model");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_mixed_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The selected layer (its original, on the int8 graph) in or out of the set. */
static void
keep_float_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  QsWindow *self = QS_WINDOW (widget);
  const QsNode *node = qs_graph_view_get_selected_node (self->graph_view);
  g_autofree char *text = NULL;
  gboolean keep;

  if (node != NULL && node->origin != NULL)
    node = node->origin;
  if (self->model == NULL || node == NULL || node->graph != self->model->graph)
    {
      _qs_window_toast (self, _("Select a layer to keep in float"));
      return;
    }
  keep = !keeps (self, node->name);
  qs_window_keep_float (self, node->name, keep);
  text = g_strdup_printf (keep ? _("“%s” will be kept in float at export") : _("“%s” will be quantized again"),
                          node->name);
  _qs_window_toast (self, text);
}

void
_qs_window_sensitivity_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.keep-float", NULL, keep_float_action);
  gtk_widget_class_install_action (widget_class, "win.export-mixed", NULL, export_mixed_action);
  gtk_widget_class_install_action (widget_class, "win.run-sensitivity", NULL, run_sensitivity_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.run-sensitivity", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.keep-float", NULL);
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
  g_clear_pointer (&self->sensitivity, qs_sensitivity_result_unref);
  if (self->ranking_list != NULL)
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->ranking_list))) != NULL)
      gtk_list_box_remove (self->ranking_list, child);
  if (self->keep_float != NULL)
    g_ptr_array_set_size (self->keep_float, 0);
  update_keep_actions (self);
}

void
_qs_window_sensitivity_init (QsWindow *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new (NULL);

  self->keep_float = g_ptr_array_new_with_free_func (g_free);
  update_keep_actions (self);
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
  g_clear_pointer (&self->sensitivity, qs_sensitivity_result_unref);
  g_clear_pointer (&self->keep_float, g_ptr_array_unref);
}
