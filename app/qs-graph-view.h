/* qs-graph-view.h — a zoomable, pannable view of a painted graph
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gtk/gtk.h>

#include "qs-paint.h"

G_BEGIN_DECLS

#define QS_TYPE_GRAPH_VIEW (qs_graph_view_get_type ())

G_DECLARE_FINAL_TYPE (QsGraphView, qs_graph_view, QS, GRAPH_VIEW, GtkWidget)

GtkWidget    *qs_graph_view_new               (void);
void          qs_graph_view_set_scene         (QsGraphView       *self,
                                               QsPaintScene      *scene);
QsPaintScene *qs_graph_view_get_scene         (QsGraphView       *self);

/* Heat map: one value per box (copied), or NULL for colours by class. */
void          qs_graph_view_set_values        (QsGraphView       *self,
                                               const double      *values,
                                               const char        *label,
                                               gboolean           higher_is_better);
/* Whether a heat map's colour bar is painted in the top-left corner (the
 * default); a second view of the same figures leaves it to the first. */
gboolean      qs_graph_view_has_values        (QsGraphView       *self);
void          qs_graph_view_set_show_colorbar (QsGraphView       *self,
                                               gboolean           show);
/* Without a heat map: boxes filled by their LPT precision (the default
 * is by class). */
void          qs_graph_view_set_colour_precision (QsGraphView    *self,
                                                  gboolean        precision);
gboolean      qs_graph_view_get_colour_precision (QsGraphView    *self);
/* Boxes to highlight (search matches); copied. */
void          qs_graph_view_set_highlighted   (QsGraphView       *self,
                                               const guint       *boxes,
                                               guint              n_boxes);

/* Selects the box showing @node (nullable: none) and, with @center, moves
 * the view to put it in the middle.  Emits notify::selected-box when the
 * selection changes. */
void          qs_graph_view_select_node       (QsGraphView       *self,
                                               const QsNode      *node,
                                               gboolean           center);
void          qs_graph_view_select_box        (QsGraphView       *self,
                                               int                box,
                                               gboolean           center);
int           qs_graph_view_get_selected_box  (QsGraphView       *self);
/* The selected layer; NULL when nothing or a collapsed group is selected. */
const QsNode *qs_graph_view_get_selected_node (QsGraphView       *self);

/* Module groups (qs_paint_scene_open_group() and friends).  Each change
 * lays the scene out again and emits ::scene-changed: box numbers change,
 * so the heat map and highlights are dropped and must be set again. */
gboolean      qs_graph_view_open_group        (QsGraphView       *self,
                                               int                box);
gboolean      qs_graph_view_close_group       (QsGraphView       *self);
void          qs_graph_view_set_collapse_level (QsGraphView      *self,
                                                guint             level);
gboolean      qs_graph_view_has_collapsed     (QsGraphView       *self);
int           qs_graph_view_reveal_node       (QsGraphView       *self,
                                               const QsNode      *node);

double        qs_graph_view_get_zoom          (QsGraphView       *self);
void          qs_graph_view_set_zoom          (QsGraphView       *self,
                                               double             zoom);
void          qs_graph_view_zoom_to_fit       (QsGraphView       *self);
/* The graph's width across the view, its top edge where it was. */
void          qs_graph_view_zoom_to_width     (QsGraphView       *self);
/* The part of the layout on screen, in layout units. */
void          qs_graph_view_get_visible_rect  (QsGraphView       *self,
                                               cairo_rectangle_t *rect);

/* The legend of what the view shows (classes, and the colour bar of the
 * heat map), with its top-left at the origin; for a popover. */
void          qs_graph_view_get_legend_size   (QsGraphView       *self,
                                               int               *width,
                                               int               *height);
void          qs_graph_view_paint_legend      (QsGraphView       *self,
                                               cairo_t           *cr);

/* The size of the buttons the window lays over the bottom-left corner:
 * a selected box under them is panned clear. */
void          qs_graph_view_set_controls_size (QsGraphView       *self,
                                               int                width,
                                               int                height);

/* Paints what snapshot shows (graph, mini-map) at the widget's size; for
 * exports and benchmarks. */
void          qs_graph_view_paint             (QsGraphView       *self,
                                               cairo_t           *cr,
                                               int                width,
                                               int                height);

G_END_DECLS
