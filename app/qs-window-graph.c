/* qs-window-graph.c — the window's graph page: scenes, selection, search, image export
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The load thread lays out two scenes once: the model's own graph and the
 * graph after the low-precision transformation.  The toggle swaps which one
 * the view shows and carries the selection across through each node's
 * origin.  The run table and the inspector speak of original layers; this
 * file maps them to and from the boxes of whichever scene is on show.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "qs-window-private.h"
#include "qs-run-figures.h"
#include "qs-file.h"
#include "qs-paint-export.h"

QsPaintScene *
_qs_window_graph_get_scene (QsWindow *self)
{
  return self->show_transformed && self->transformed_scene != NULL ? self->transformed_scene : self->original_scene;
}

static const QsNode *
original_of (const QsNode *node)
{
  return node != NULL && node->origin != NULL ? node->origin : node;
}

int
_qs_window_graph_find_box (QsWindow     *self,
                           const QsNode *node)
{
  QsPaintScene *scene = _qs_window_graph_get_scene (self);
  gboolean shown = qs_graph_view_get_scene (self->graph_view) == scene;
  guint i, n;

  if (scene == NULL || node == NULL)
    return -1;
  /* the layer's module group, if collapsed, opens */
  if (scene == self->original_scene)
    return shown ? qs_graph_view_reveal_node (self->graph_view, node) : qs_paint_scene_find_box (scene, node);
  /* the transformed graph: the first layer made from @node */
  n = qs_paint_scene_get_n_layers (scene);
  for (i = 0; i < n; i++)
    {
      const QsNode *layer = qs_paint_scene_get_layer (scene, i);

      if (layer->origin == node)
        return shown ? qs_graph_view_reveal_node (self->graph_view, layer) : qs_paint_scene_find_box (scene, layer);
    }
  return -1;
}

void
_qs_window_graph_update_inspector (QsWindow *self)
{
  qs_inspector_set_node (self->inspector,
                         qs_graph_view_get_selected_node (self->graph_view),
                         self->lpt, self->run);
}

/* The legend lives in a popover of the graph controls, not over the graph:
 * it is as big as the painter makes it. */
static void
update_legend (QsWindow *self)
{
  int w, h;

  qs_graph_view_get_legend_size (self->graph_view, &w, &h);
  gtk_drawing_area_set_content_width (self->legend_area, MAX (w, 1));
  gtk_drawing_area_set_content_height (self->legend_area, MAX (h, 1));
  gtk_widget_queue_draw (GTK_WIDGET (self->legend_area));
}

static void
legend_draw_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  QsWindow *self = user_data;

  qs_graph_view_paint_legend (self->graph_view, cr);
}

static void
legend_popover_show_cb (GtkPopover *popover,
                        QsWindow   *self)
{
  update_legend (self);
}

void
_qs_window_graph_update_values (QsWindow *self)
{
  QsPaintScene *scene = _qs_window_graph_get_scene (self);
  g_autofree double *node_values = NULL;
  g_autofree double *box_values = NULL;

  if (scene != NULL && _qs_window_compare_showing (self))
    {
      _qs_window_compare_update_values (self);
      update_legend (self);
      return;
    }
  if (scene != NULL && _qs_window_sensitivity_showing (self))
    {
      node_values = _qs_window_sensitivity_node_values (self);
      box_values = qs_paint_scene_map_values_full (scene, self->model->graph, node_values, FALSE);
      qs_graph_view_set_colour_precision (self->graph_view, FALSE);
      /* a large gain marks a costly quantizer */
      qs_graph_view_set_values (self->graph_view, box_values, _("Revert gain of the quantizer group (dB)"), FALSE);
      update_legend (self);
      return;
    }
  qs_graph_view_set_colour_precision (self->graph_view, self->colour_precision);
  if (scene == NULL || self->run == NULL || self->colour_none)
    {
      qs_graph_view_set_values (self->graph_view, NULL, NULL, FALSE);
      update_legend (self);
      return;
    }
  node_values = qs_analysis_result_node_values (self->run, self->model->graph, self->metric, self->aggregate);
  box_values = qs_paint_scene_map_values_full (scene, self->model->graph, node_values,
                                               qs_figure_get_info (self->metric)->higher_is_better);
  qs_graph_view_set_values (self->graph_view, box_values, qs_run_figure_title (self->metric),
                            qs_figure_get_info (self->metric)->higher_is_better);
  update_legend (self);
}

/* Pane sizes: the sidebar's width and the open run panel's height are
 * remembered, written once a drag or a resize has settled rather than on
 * every step of it (a drag moves a pane some fifteen times). */
#define PANE_SETTLE_MS 400

static int
sidebar_width (QsWindow *self)
{
  GSettings *settings = _qs_window_get_settings (self);

  return settings != NULL ? g_settings_get_int (settings, "sidebar-width") : 330;
}

static gboolean
pane_settled_cb (gpointer data)
{
  QsWindow *self = data;
  GSettings *settings = _qs_window_get_settings (self);
  int width = gtk_widget_get_width (GTK_WIDGET (self->side_paned));
  int height = gtk_widget_get_height (GTK_WIDGET (self->run_paned));

  self->pane_settle_id = 0;
  if (settings == NULL)
    return G_SOURCE_REMOVE;
  if (gtk_widget_get_visible (GTK_WIDGET (self->inspector)) && width > 0)
    {
      int side = width - gtk_paned_get_position (self->side_paned);

      if (side > 0 && side != g_settings_get_int (settings, "sidebar-width"))
        g_settings_set_int (settings, "sidebar-width", side);
    }
  if (self->run_pane_open && height > 0)
    {
      int run = height - gtk_paned_get_position (self->run_paned);

      if (run > 0 && run != g_settings_get_int (settings, "run-pane-height"))
        g_settings_set_int (settings, "run-pane-height", run);
    }
  return G_SOURCE_REMOVE;
}

static void
pane_moved_cb (GtkPaned   *paned,
               GParamSpec *pspec,
               QsWindow   *self)
{
  if (self->pane_settle_id != 0)
    g_source_remove (self->pane_settle_id);
  self->pane_settle_id = g_timeout_add (PANE_SETTLE_MS, pane_settled_cb, self);
}

static void
show_inspector (QsWindow *self,
                gboolean  show)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->side_paned));

  if (show == gtk_widget_get_visible (GTK_WIDGET (self->inspector)))
    return;
  if (show && width > 0)
    gtk_paned_set_position (self->side_paned, MAX (width - sidebar_width (self), width / 3));
  gtk_widget_set_visible (GTK_WIDGET (self->inspector), show);
}

static void
selected_box_changed_cb (QsGraphView *view,
                         GParamSpec  *pspec,
                         QsWindow    *self)
{
  /* The graph takes the window: the inspector opens on a selection and
   * closes with it (F9 or its button hide and show it in between). */
  show_inspector (self, qs_graph_view_get_selected_node (view) != NULL);
  _qs_window_graph_update_inspector (self);
  if (!self->syncing)
    _qs_window_run_select_node (self, original_of (qs_graph_view_get_selected_node (view)));
  if (!self->compare_syncing)
    _qs_window_compare_select_node (self, original_of (qs_graph_view_get_selected_node (view)));
}

/* Search */

static void
show_match (QsWindow *self)
{
  QsPaintScene *scene = _qs_window_graph_get_scene (self);
  g_autofree char *text = NULL;

  if (self->matches->len == 0)
    {
      const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

      gtk_label_set_text (self->match_label, query[0] != '\0' ? _("No match") : "");
      return;
    }
  text = g_strdup_printf (_("%u of %u"), self->match + 1, self->matches->len);
  gtk_label_set_text (self->match_label, text);
  /* opens the module group holding it, if collapsed */
  qs_graph_view_select_node (self->graph_view,
                             qs_paint_scene_get_layer (scene, g_array_index (self->matches, guint, self->match)), TRUE);
}

static void show_scene (QsWindow *self,
                        gboolean  transformed);
static void update_graph_controls (QsWindow *self);

/* The boxes showing the matches: their own, or the collapsed group
 * holding them (which then says it holds a match). */
static void
update_highlights (QsWindow *self)
{
  QsPaintScene *scene = _qs_window_graph_get_scene (self);
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint8 *seen = NULL;
  guint i;

  if (scene == NULL || self->matches->len == 0)
    {
      qs_graph_view_set_highlighted (self->graph_view, NULL, 0);
      return;
    }
  seen = g_new0 (guint8, MAX (qs_paint_scene_get_n_boxes (scene), 1));
  for (i = 0; i < self->matches->len; i++)
    {
      int box = qs_paint_scene_find_box (scene, qs_paint_scene_get_layer (scene, g_array_index (self->matches, guint, i)));

      if (box >= 0 && !seen[box])
        {
          guint b = box;
          seen[box] = 1;
          g_array_append_val (boxes, b);
        }
    }
  qs_graph_view_set_highlighted (self->graph_view, (const guint *) (gpointer) boxes->data, boxes->len);
}

/* Matches of the find bar: the layers a finding named, while its words
 * stand in the entry, or what the words match (qs_lpt_node_matches():
 * names, types, precisions and reasons).  Every layer is searched, those
 * inside collapsed module groups too. */
static void
update_matches_full (QsWindow *self,
                     gboolean  keep_selection)
{
  QsPaintScene *scene = _qs_window_graph_get_scene (self);
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean blank = query[strspn (query, " \t")] == '\0';
  guint i, n;

  g_array_set_size (self->matches, 0);
  self->match = 0;
  if (scene != NULL && (self->found_layers != NULL || !blank))
    {
      n = qs_paint_scene_get_n_layers (scene);
      for (i = 0; i < n; i++)
        {
          const QsNode *node = qs_paint_scene_get_layer (scene, i);
          gboolean hit = self->found_layers != NULL
                         ? g_hash_table_contains (self->found_layers, original_of (node))
                         : qs_lpt_node_matches (self->lpt, node, query);

          if (hit)
            g_array_append_val (self->matches, i);
        }
    }
  update_highlights (self);
  if (keep_selection && qs_graph_view_get_selected_box (self->graph_view) >= 0)
    {
      /* the matches of the other graph around the layer still selected:
       * Ctrl+G goes on from it, nothing jumps to the first match */
      const QsNode *selected = qs_graph_view_get_selected_node (self->graph_view);
      g_autofree char *text = NULL;

      for (i = 0; i < self->matches->len; i++)
        if (qs_paint_scene_get_layer (scene, g_array_index (self->matches, guint, i)) == selected)
          break;
      self->match = i < self->matches->len ? i : 0;
      if (self->matches->len > 0)
        text = g_strdup_printf (_("%u of %u"), self->match + 1, self->matches->len);
      gtk_label_set_text (self->match_label, text != NULL ? text : _("No match"));
      return;
    }
  show_match (self);
}

static void
update_matches (QsWindow *self)
{
  update_matches_full (self, FALSE);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   QsWindow       *self)
{
  /* the user's own words replace the layers of a finding */
  if (!self->setting_find_text)
    g_clear_pointer (&self->found_layers, g_hash_table_unref);
  update_matches (self);
}

/* Shows @layers (const QsNode * of the original graph) as the find bar's
 * matches, the first selected, with @words in the entry: what a finding on
 * the Summary page points at. */
void
_qs_window_graph_find_layers (QsWindow   *self,
                              GPtrArray  *layers,
                              const char *words)
{
  guint i;

  g_clear_pointer (&self->found_layers, g_hash_table_unref);
  self->found_layers = g_hash_table_new (NULL, NULL);
  for (i = 0; i < layers->len; i++)
    g_hash_table_add (self->found_layers, layers->pdata[i]);
  if (self->show_transformed)
    show_scene (self, FALSE);
  adw_view_stack_set_visible_child_name (self->view_stack, "graph");
  self->setting_find_text = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), words);
  self->setting_find_text = FALSE;
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  update_matches (self);
}

static void
step_match (QsWindow *self,
            int       step)
{
  if (self->matches->len == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  self->match = (self->match + self->matches->len + step) % self->matches->len;
  show_match (self);
}

static void
search_activate_cb (GtkSearchEntry *entry,
                    QsWindow       *self)
{
  step_match (self, 1);
}

static void
search_next_cb (GtkSearchEntry *entry,
                QsWindow       *self)
{
  step_match (self, 1);
}

static void
search_previous_cb (GtkSearchEntry *entry,
                    QsWindow       *self)
{
  step_match (self, -1);
}

static void
search_stop_cb (GtkSearchEntry *entry,
                QsWindow       *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->graph_view));
}

static void
search_mode_changed_cb (GtkSearchBar *bar,
                        GParamSpec   *pspec,
                        QsWindow     *self)
{
  if (!gtk_search_bar_get_search_mode (bar))
    {
      g_clear_pointer (&self->found_layers, g_hash_table_unref);
      g_array_set_size (self->matches, 0);
      qs_graph_view_set_highlighted (self->graph_view, NULL, 0);
    }
  else
    update_matches (self);
}

/* A module group opened or closed: the boxes are numbered anew */
static void
scene_changed_cb (QsGraphView *view,
                  QsWindow    *self)
{
  _qs_window_graph_update_values (self);
  if (gtk_search_bar_get_search_mode (self->search_bar))
    update_highlights (self);
  update_legend (self);
}

/* Original and transformed graphs */

static void
show_scene (QsWindow *self,
            gboolean  transformed)
{
  const QsNode *selected = original_of (qs_graph_view_get_selected_node (self->graph_view));

  transformed = transformed && self->transformed_scene != NULL;
  self->show_transformed = transformed;
  self->syncing = TRUE;
  qs_graph_view_set_scene (self->graph_view, _qs_window_graph_get_scene (self));
  update_legend (self);
  update_graph_controls (self);
  _qs_window_graph_update_values (self);
  if (selected != NULL)
    qs_graph_view_select_box (self->graph_view, _qs_window_graph_find_box (self, selected), TRUE);
  self->syncing = FALSE;
  if (gtk_search_bar_get_search_mode (self->search_bar))
    update_matches_full (self, TRUE);
  _qs_window_graph_update_inspector (self);
}

static void
transformed_toggled_cb (GtkToggleButton *button,
                        QsWindow        *self)
{
  if (gtk_toggle_button_get_active (button) != self->show_transformed)
    show_scene (self, gtk_toggle_button_get_active (button));
}

/* The int8 toggle sits in the header bar, beside the page switcher, and is
 * only there on the graph page (over the graph it hid boxes). */
static void
update_graph_controls (QsWindow *self)
{
  QsPaintScene *scene = _qs_window_graph_get_scene (self);
  QsLayoutGroups *groups = scene != NULL ? qs_paint_scene_get_groups (scene) : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->transformed_button),
                          self->original_scene != NULL &&
                          g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "graph") == 0);
  /* the module groups button, when the names give groups */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-groups",
                                 groups != NULL && qs_layout_groups_get_n_groups (groups) > 0);
}

static void
visible_page_changed_cb (AdwViewStack *stack,
                         GParamSpec   *pspec,
                         QsWindow     *self)
{
  update_graph_controls (self);
}

void
_qs_window_graph_set_model (QsWindow     *self,
                            QsLptResult  *lpt,
                            QsPaintScene *original,
                            QsPaintScene *transformed)
{
  qs_graph_view_set_scene (self->graph_view, NULL);
  qs_inspector_set_node (self->inspector, NULL, NULL, NULL);
  g_clear_pointer (&self->original_scene, qs_paint_scene_unref);
  g_clear_pointer (&self->transformed_scene, qs_paint_scene_unref);
  g_clear_pointer (&self->lpt, qs_lpt_result_free);

  self->lpt = lpt;
  self->original_scene = original;
  self->transformed_scene = transformed;
  self->show_transformed = FALSE;
  gtk_toggle_button_set_active (self->transformed_button, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->transformed_button), transformed != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-transformed", transformed != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-image", original != NULL);
  qs_graph_view_set_scene (self->graph_view, original);
  update_legend (self);
  update_graph_controls (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Image export: the core exports (qs-paint-export), as qscope-cli render */

/* The folder of the tiles of a PNG export: the file's name without .png. */
static char *
tiles_folder (const char *path)
{
  if (g_str_has_suffix (path, ".png") || g_str_has_suffix (path, ".PNG"))
    return g_strndup (path, strlen (path) - 4);
  return g_strconcat (path, "-tiles", NULL);
}

/* Sets *@written (nullable) to what was written: the file, or the folder
 * of tiles; *@fitted (nullable) to the scale of a fitted PNG, else 0. */
static gboolean
export_image (QsWindow             *self,
              const char           *path,
              QsWindowExportFlags   flags,
              char                **written,
              double               *fitted,
              GError              **error)
{
  QsPaintScene *scene = _qs_window_graph_get_scene (self);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree double *node_values = NULL;
  g_autofree double *values = NULL;
  gboolean svg = g_str_has_suffix (path, ".svg") || g_str_has_suffix (path, ".SVG");
  cairo_rectangle_t visible;
  QsPaintOptions options;
  QsPaintExport export;
  QsPaintExportInfo info;

  if (written != NULL)
    *written = NULL;
  if (fitted != NULL)
    *fitted = 0;
  if (scene == NULL)
    return TRUE;
  qs_paint_options_init (&options);
  if (self->run != NULL)
    {
      node_values = qs_analysis_result_node_values (self->run, self->model->graph, self->metric, self->aggregate);
      values = qs_paint_scene_map_values_full (scene, self->model->graph, node_values,
                                               qs_figure_get_info (self->metric)->higher_is_better);
      options.values = values;
      options.value_label = qs_run_figure_title (self->metric);
      options.higher_is_better = qs_figure_get_info (self->metric)->higher_is_better;
    }
  options.colour_precision = self->colour_precision && options.values == NULL;
  qs_paint_export_init (&export);
  export.options = &options;
  export.legend = (flags & QS_WINDOW_EXPORT_LEGEND) != 0;
  if (flags & QS_WINDOW_EXPORT_VISIBLE)
    {
      double w, h;

      qs_graph_view_get_visible_rect (self->graph_view, &visible);
      qs_paint_scene_get_size (scene, &w, &h);
      /* the part of the graph on screen, not the empty page around it */
      visible.width = MIN (visible.x + visible.width, w) - MAX (visible.x, 0);
      visible.height = MIN (visible.y + visible.height, h) - MAX (visible.y, 0);
      visible.x = MAX (visible.x, 0);
      visible.y = MAX (visible.y, 0);
      if (visible.width > 0 && visible.height > 0)
        export.area = &visible;
    }

  if (!svg && (flags & QS_WINDOW_EXPORT_TILES) && !qs_paint_export_fits (scene, &export, export.scale))
    {
      g_autofree char *dir = tiles_folder (path);

      if (!qs_paint_export_tiles (scene, &export, dir, &info, error))
        return FALSE;
      if (written != NULL)
        *written = g_steal_pointer (&dir);
      return TRUE;
    }
  if (svg ? !qs_paint_export_svg (scene, &export, bytes, &info, error)
          : !qs_paint_export_png (scene, &export, TRUE, bytes, &info, error))
    return FALSE;
  if (!qs_file_replace_contents (path, bytes->data, bytes->len, error))
    return FALSE;
  if (written != NULL)
    *written = g_strdup (path);
  if (fitted != NULL && info.fitted)
    *fitted = info.scale;
  return TRUE;
}

/**
 * qs_window_export_image:
 * @path: ends in .svg for SVG, anything else is PNG
 *
 * Writes the whole graph on show with the legend (and, after a run, the
 * heat map) through the core exports; a PNG past cairo's image limit is
 * drawn smaller to fit.
 */
gboolean
qs_window_export_image (QsWindow    *self,
                        const char  *path,
                        GError     **error)
{
  return qs_window_export_image_full (self, path, QS_WINDOW_EXPORT_LEGEND, NULL, error);
}

/**
 * qs_window_export_image_full:
 * @flags: legend, visible area only, tiles for a PNG past the limit
 * @written: (out) (optional): the file written, or the folder of tiles
 *   (@path without .png)
 */
gboolean
qs_window_export_image_full (QsWindow            *self,
                             const char          *path,
                             QsWindowExportFlags  flags,
                             char               **written,
                             GError             **error)
{
  g_return_val_if_fail (QS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return export_image (self, path, flags, written, NULL, error);
}

static void
export_image_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          QsWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      static const char * const suffixes[] = { "png", "svg", NULL };
      g_autofree char *path = _qs_window_dup_save_path (chooser, suffixes);
      g_autofree char *written = NULL;
      g_autoptr(GError) error = NULL;
      QsWindowExportFlags flags = 0;
      double fitted = 0;

      if (g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "legend"), "true") == 0)
        flags |= QS_WINDOW_EXPORT_LEGEND;
      if (g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "area"), "visible") == 0)
        flags |= QS_WINDOW_EXPORT_VISIBLE;
      if (g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "large"), "tiles") == 0)
        flags |= QS_WINDOW_EXPORT_TILES;
      if (path != NULL)
        {
          if (!export_image (self, path, flags, &written, &fitted, &error))
            _qs_window_show_error (self, _("Could Not Export the Image"), error->message);
          else if (g_strcmp0 (written, path) != 0)
            {
              g_autofree char *text = g_strdup_printf (_("Graph exported as tiles in %s (open index.html)"), written);
              _qs_window_toast (self, text);
            }
          else if (fitted > 0)
            {
              g_autofree char *text = g_strdup_printf (_("Image exported at %.0f %% to fit the image size limit"),
                                                       fitted * 100);
              _qs_window_toast (self, text);
            }
          else
            _qs_window_toast (self, _("Image exported"));
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_image_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  QsWindow *self = QS_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) png = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) svg = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  const char *large_ids[] = { "fit", "tiles", NULL };
  const char *large_labels[] = { _("Fit to One Image"), _("Tiles in a Folder"), NULL };
  const char *area_ids[] = { "all", "visible", NULL };
  const char *area_labels[] = { _("Whole Graph"), _("Visible Area"), NULL };

  if (_qs_window_graph_get_scene (self) == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Graph Image"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (png, _("PNG Image"));
  gtk_file_filter_add_suffix (png, "png");
  g_object_set_data (G_OBJECT (png), "qs-suffix", (gpointer) "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), png);
  gtk_file_filter_set_name (svg, _("SVG Image"));
  gtk_file_filter_add_suffix (svg, "svg");
  g_object_set_data (G_OBJECT (svg), "qs-suffix", (gpointer) "svg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), svg);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "area", _("Area"), area_ids, area_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "area", "all");
  /* a PNG past cairo's image limit of 32767 pixels a side */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "large", _("Large PNG"), large_ids, large_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "large", "fit");
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "legend", _("Legend"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "legend", "true");
  name = g_strdup_printf ("%s.png", self->model != NULL ? self->model->name : "graph");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_image_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Actions */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  QsWindow *self = QS_WINDOW (widget);

  if (self->model == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "graph");
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
find_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  step_match (QS_WINDOW (widget), 1);
}

static void
find_previous_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  step_match (QS_WINDOW (widget), -1);
}

static void
toggle_transformed_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  QsWindow *self = QS_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "graph");
  gtk_toggle_button_set_active (self->transformed_button, !self->show_transformed);
}

static void
toggle_inspector_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  QsWindow *self = QS_WINDOW (widget);

  show_inspector (self, !gtk_widget_get_visible (GTK_WIDGET (self->inspector)));
}

/* The run panel starts collapsed to its row of controls and opens, to
 * half the height, when it has something to show (a run's table, a
 * ranking, a comparison); dragging its handle resizes it from there. */
static void
run_page_changed_cb (GtkStack   *stack,
                     GParamSpec *pspec,
                     QsWindow   *self)
{
  gboolean open = g_strcmp0 (gtk_stack_get_visible_child_name (stack), "none") != 0;

  gtk_widget_set_visible (GTK_WIDGET (stack), open);
  gtk_widget_set_visible (self->run_separator, open);
  if (open == self->run_pane_open)
    return;
  self->run_pane_open = open;
  if (open)
    {
      GSettings *settings = _qs_window_get_settings (self);
      int height = gtk_widget_get_height (GTK_WIDGET (self->run_paned));
      int run = settings != NULL ? g_settings_get_int (settings, "run-pane-height") : 0;

      if (height <= 0)
        gtk_paned_set_position (self->run_paned, 380);
      else if (run > 0 && run < height - 120)
        gtk_paned_set_position (self->run_paned, height - run);
      else
        gtk_paned_set_position (self->run_paned, height / 2);
    }
  else
    gtk_paned_set_position (self->run_paned, G_MAXINT);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  QsWindow *self = QS_WINDOW (widget);
  const char *graph_action = g_str_equal (action_name, "win.zoom-in") ? "graph.zoom-in"
                           : g_str_equal (action_name, "win.zoom-out") ? "graph.zoom-out"
                           : g_str_equal (action_name, "win.zoom-fit-width") ? "graph.zoom-fit-width"
                           : g_str_equal (action_name, "win.toggle-groups") ? "graph.toggle-groups"
                           : "graph.zoom-fit";

  gtk_widget_activate_action (GTK_WIDGET (self->graph_view), graph_action, NULL);
}

void
_qs_window_graph_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, transformed_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, legend_popover_show_cb);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.find-next", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "win.find-previous", NULL, find_previous_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-transformed", NULL, toggle_transformed_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit-width", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-groups", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.export-image", NULL, export_image_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-inspector", NULL, toggle_inspector_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "win.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.toggle-transformed", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export-image", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-inspector", NULL);
}

void
_qs_window_graph_init (QsWindow *self)
{
  self->matches = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (self->graph_view, "notify::selected-box", G_CALLBACK (selected_box_changed_cb), self);
  g_signal_connect (self->graph_view, "scene-changed", G_CALLBACK (scene_changed_cb), self);
  g_signal_connect (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (search_mode_changed_cb), self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_drawing_area_set_draw_func (self->legend_area, legend_draw_cb, self, NULL);
  g_signal_connect (self->view_stack, "notify::visible-child-name", G_CALLBACK (visible_page_changed_cb), self);
  g_signal_connect (self->run_stack, "notify::visible-child-name", G_CALLBACK (run_page_changed_cb), self);
  gtk_paned_set_position (self->run_paned, G_MAXINT);
  g_signal_connect (self->side_paned, "notify::position", G_CALLBACK (pane_moved_cb), self);
  g_signal_connect (self->run_paned, "notify::position", G_CALLBACK (pane_moved_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-transformed", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-image", FALSE);
  {
    int w, h;

    /* the buttons over the graph's bottom-left corner, with their margins */
    gtk_widget_measure (self->graph_controls, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &w, NULL, NULL);
    gtk_widget_measure (self->graph_controls, GTK_ORIENTATION_VERTICAL, -1, NULL, &h, NULL, NULL);
    qs_graph_view_set_controls_size (self->graph_view, w + 16, h + 16);
  }
}

void
_qs_window_graph_dispose (QsWindow *self)
{
  if (self->graph_view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->graph_view, self);
      qs_graph_view_set_scene (self->graph_view, NULL);
    }
  if (self->search_bar != NULL)
    g_signal_handlers_disconnect_by_data (self->search_bar, self);
  if (self->view_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->view_stack, self);
  if (self->run_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->run_stack, self);
  if (self->side_paned != NULL)
    g_signal_handlers_disconnect_by_data (self->side_paned, self);
  if (self->run_paned != NULL)
    g_signal_handlers_disconnect_by_data (self->run_paned, self);
  g_clear_handle_id (&self->pane_settle_id, g_source_remove);
  g_clear_pointer (&self->original_scene, qs_paint_scene_unref);
  g_clear_pointer (&self->transformed_scene, qs_paint_scene_unref);
  g_clear_pointer (&self->lpt, qs_lpt_result_free);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->found_layers, g_hash_table_unref);
}
