/* qs-paint.h — painting a laid-out graph with cairo and Pango
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A QsPaintScene is the data side: for one graph it holds the layout (run
 * once), each box's class, fp32 reason and texts, and the badges of the
 * inputs folded into it.  QsPaintOptions is the view side: which boxes are
 * selected or highlighted, the heat-map values, edge labels, the level of
 * detail.  qs_paint_graph() maps one onto a cairo_t and never runs the
 * layout, so a new selection or a new metric is only a repaint.
 *
 * Coordinates: the scene is painted in layout units (one unit is one pixel
 * at scale 1) with the top-left of the layout at the cairo origin; the
 * caller sets the transformation (translate, scale) on the cairo_t.
 * Hit tests take layout units too.  The window, qscope-cli render and the
 * tests all call these same functions, so they draw the same pixels.
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "qs-layout.h"
#include "qs-lpt.h"
#include "qs-paint-style.h"

G_BEGIN_DECLS

#define QS_PAINT_ERROR (qs_paint_error_quark ())

typedef enum
{
  QS_PAINT_ERROR_NOT_FOUND = 1,   /* --around names no layer */
  QS_PAINT_ERROR_EMPTY,           /* nothing to draw */
  QS_PAINT_ERROR_TOO_BIG,         /* past an image or tile limit */
} QsPaintError;

GQuark qs_paint_error_quark (void);

/* The font of the type line when none is given: sizes are in layout units
 * (the scene renders Pango at 72 dpi, so a point is a unit). */
#define QS_PAINT_DEFAULT_FONT "DejaVu Sans 11"

typedef struct _QsPaintScene QsPaintScene;

/* Builds the scene data of @graph (a model's graph or a transformed one;
 * it must outlive the scene).  @lpt (nullable) colours compute layers by
 * their int8/fp32 decision and gives fp32 reasons; it must outlive the
 * scene.  @font (nullable) overrides QS_PAINT_DEFAULT_FONT; only its
 * family and size are used.  The scene has no layout yet: call
 * qs_paint_scene_run_layout() or qs_paint_scene_set_layout(). */
QsPaintScene       *qs_paint_scene_new          (const QsGraph               *graph,
                                                 const QsLptResult           *lpt,
                                                 const PangoFontDescription  *font);
QsPaintScene       *qs_paint_scene_ref          (QsPaintScene                *scene);
void                qs_paint_scene_unref        (QsPaintScene                *scene);

/* A QsLayoutMeasureFunc with the painter's own text metrics; pass the
 * scene as user data to qs_layout_graph_new_from_graph_full(). */
void                qs_paint_scene_measure      (const QsNode                *node,
                                                 QsNode * const              *folded,
                                                 guint                        n_folded,
                                                 double                      *width,
                                                 double                      *height,
                                                 gpointer                     scene);

/* Lays the graph out (folded with @flags) and keeps the layout.  With
 * @around (nullable) only the boxes within @depth edges of the box
 * showing @around are laid out.  Returns FALSE with @error set when
 * there is nothing to draw. */
gboolean            qs_paint_scene_run_layout   (QsPaintScene                *scene,
                                                 QsLayoutFoldFlags            flags,
                                                 const QsLayoutOptions       *options,
                                                 const QsNode                *around,
                                                 guint                        depth,
                                                 GError                     **error);
/* Uses @layout, made from the scene's graph by
 * qs_layout_graph_new_from_graph_full (graph, flags, qs_paint_scene_measure,
 * scene) and qs_layout_run() or qs_layout_run_incremental(). */
void                qs_paint_scene_set_layout   (QsPaintScene                *scene,
                                                 QsLayout                    *layout);
QsLayout           *qs_paint_scene_get_layout   (QsPaintScene                *scene);
const QsGraph      *qs_paint_scene_get_graph    (QsPaintScene                *scene);

/* Layout size in layout units. */
void                qs_paint_scene_get_size     (QsPaintScene                *scene,
                                                 double                      *width,
                                                 double                      *height);
guint               qs_paint_scene_get_n_boxes  (QsPaintScene                *scene);
const QsNode       *qs_paint_scene_get_node     (QsPaintScene                *scene,
                                                 guint                        box);
QsPaintClass        qs_paint_scene_get_class    (QsPaintScene                *scene,
                                                 guint                        box);
/* The box's rectangle in layout units. */
void                qs_paint_scene_get_box_rect (QsPaintScene                *scene,
                                                 guint                        box,
                                                 cairo_rectangle_t           *rect);
/* The box showing @node (its own or the one it is folded into), or -1. */
int                 qs_paint_scene_find_box     (QsPaintScene                *scene,
                                                 const QsNode                *node);
/* The layer named @name or with id @name (a decimal number), or NULL. */
const QsNode       *qs_paint_scene_lookup       (QsPaintScene                *scene,
                                                 const char                  *name);

/* -- groups by module name (qs-layout.h says how names give them) -- */

/* The groups of the scene's graph, or NULL before a layout or around a
 * layer (--around). */
QsLayoutGroups     *qs_paint_scene_get_groups   (QsPaintScene                *scene);
/* One per group: whether it is drawn as one box. */
const gboolean     *qs_paint_scene_get_collapsed (QsPaintScene               *scene);
/* Lays the graph out again with the groups of @collapsed (one per group,
 * copied; NULL: none) each one box, starting from the current drawing so
 * that what did not change stays in place.  Box numbers change. */
void                qs_paint_scene_set_collapsed (QsPaintScene               *scene,
                                                  const gboolean             *collapsed);
/* qs_paint_scene_set_collapsed() with the groups of @level collapsed
 * (qs_layout_groups_collapse_level()); 0 opens every group. */
void                qs_paint_scene_collapse_level (QsPaintScene              *scene,
                                                   guint                      level);
/* Opens collapsed group @group (a group holding more than
 * QS_PAINT_OPEN_GROUP_MAX_BOXES boxes opens onto its own groups, each
 * collapsed; a smaller one shows every layer in it), or collapses it; both return FALSE when nothing changed
 * (box numbers change otherwise). */
#define QS_PAINT_OPEN_GROUP_MAX_BOXES 60
gboolean            qs_paint_scene_open_group   (QsPaintScene                *scene,
                                                 guint                        group);
gboolean            qs_paint_scene_close_group  (QsPaintScene                *scene,
                                                 guint                        group);
/* Opens every collapsed group around @node: returns TRUE when the
 * drawing changed (box numbers then change). */
gboolean            qs_paint_scene_reveal       (QsPaintScene                *scene,
                                                 const QsNode                *node);
/* The group a box stands for, or -1 for a layer's box. */
int                 qs_paint_scene_get_box_group (QsPaintScene               *scene,
                                                  guint                       box);
/* Layers a box stands for: 1, or a group's count. */
guint               qs_paint_scene_get_box_n_layers (QsPaintScene            *scene,
                                                     guint                    box);
/* The layers of the scene with no group collapsed (its boxes then), in
 * order: what a search goes through. */
guint               qs_paint_scene_get_n_layers (QsPaintScene                *scene);
const QsNode       *qs_paint_scene_get_layer    (QsPaintScene                *scene,
                                                 guint                        layer);
/* The innermost group holding @node, collapsed or not, or -1. */
int                 qs_paint_scene_find_group   (QsPaintScene                *scene,
                                                 const QsNode                *node);

/* -- hit testing, in layout units -- */

/* The box under (@x, @y), or -1. */
int                 qs_paint_scene_hit_test     (QsPaintScene                *scene,
                                                 double                       x,
                                                 double                       y);
/* A tooltip for (@x, @y): the fp32 reason over an fp32 badge, the folded
 * input over its badge, else type, name and shape of the box; NULL over
 * nothing.  Free with g_free(). */
char               *qs_paint_scene_dup_tooltip  (QsPaintScene                *scene,
                                                 double                       x,
                                                 double                       y);
/* The fp32 badge of @box: returns FALSE when it has none. */
gboolean            qs_paint_scene_get_reason_badge (QsPaintScene            *scene,
                                                     guint                    box,
                                                     cairo_rectangle_t       *rect,
                                                     const char             **reason);

/* -- painting -- */

typedef enum
{
  QS_PAINT_DETAIL_AUTO = 0,     /* from the cairo_t's scale */
  QS_PAINT_DETAIL_FULL,         /* text, badges, arrowheads */
  QS_PAINT_DETAIL_OVERVIEW,     /* coloured boxes and edges only */
  QS_PAINT_DETAIL_TYPE,         /* the overview, each box with its type alone, as
                                 * large as the box allows; none under 6 pixels */
} QsPaintDetail;

typedef struct
{
  /* Layout units to draw; NULL: the cairo_t's clip extents.  Boxes and
   * edges outside are skipped (culling). */
  const cairo_rectangle_t *visible;
  QsPaintDetail            detail;
  gboolean                 edge_labels;     /* element type and shape on each edge */

  /* Box indices (of qs_paint_scene_get_node()), in any order. */
  const guint             *selected;
  guint                    n_selected;
  const guint             *highlighted;
  guint                    n_highlighted;

  /* Heat map: one value per box (NAN: no value, hatched); NULL: colour by
   * class.  [value_min, value_max] spans the colour bar; when equal they
   * come from the finite values.  +inf and -inf clamp to the ends. */
  const double            *values;
  double                   value_min;
  double                   value_max;
  const char              *value_label;     /* colour bar title, e.g. "SQNR (dB)" */
  gboolean                 higher_is_better;

  /* Without values: fill boxes by their LPT precision (int8, codes, fp32,
   * folded) instead of their class; quantizers keep a ring of their
   * class colour, as over a heat map. */
  gboolean                 colour_precision;
} QsPaintOptions;

void                qs_paint_options_init       (QsPaintOptions              *options);

/* Paints the graph (edges under boxes) in layout units. */
void                qs_paint_graph              (cairo_t                     *cr,
                                                 QsPaintScene                *scene,
                                                 const QsPaintOptions        *options);

/* The legend: one swatch per class present in the scene, the fp32 badge,
 * and with values the colour bar.  Painted with its top-left at the
 * origin; qs_paint_legend_get_size() tells its size first. */
void                qs_paint_legend_get_size    (QsPaintScene                *scene,
                                                 const QsPaintOptions        *options,
                                                 double                      *width,
                                                 double                      *height);
void                qs_paint_legend             (cairo_t                     *cr,
                                                 QsPaintScene                *scene,
                                                 const QsPaintOptions        *options);

/* The colour bar alone, on a card, with its top-left at the origin: the
 * value's name, the bar, low, middle and high values, the no-value hatch.
 * Nothing (size 0) without values. */
void                qs_paint_colorbar_get_size  (QsPaintScene                *scene,
                                                 const QsPaintOptions        *options,
                                                 double                      *width,
                                                 double                      *height);
void                qs_paint_colorbar           (cairo_t                     *cr,
                                                 QsPaintScene                *scene,
                                                 const QsPaintOptions        *options);

/* One value per box from one value per node of @graph (the scene's graph,
 * or the original model's when the scene shows its transformed graph: a
 * node then takes its origin's value).  NAN where there is none.  Returns
 * a new array of qs_paint_scene_get_n_boxes() doubles. */
double             *qs_paint_scene_map_values   (QsPaintScene                *scene,
                                                 const QsGraph               *graph,
                                                 const double                *node_values);
/* As qs_paint_scene_map_values(), a collapsed group's box taking the worst
 * value of its layers (the lowest when @higher_is_better, else the
 * highest); qs_paint_scene_map_values() takes the lowest. */
double             *qs_paint_scene_map_values_full (QsPaintScene             *scene,
                                                    const QsGraph            *graph,
                                                    const double             *node_values,
                                                    gboolean                  higher_is_better);

/* A cairo_write_func_t that appends to the GByteArray @closure: PNG
 * streams and SVG surfaces are made in memory, then written in one go. */
cairo_status_t      qs_paint_append_bytes       (void                        *closure,
                                                 const unsigned char         *data,
                                                 unsigned int                 length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsPaintScene, qs_paint_scene_unref)

G_END_DECLS
