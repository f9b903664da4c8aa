/* qs-graph-view.c — a zoomable, pannable view of a painted graph
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A thin adapter over core/paint: snapshot hands a cairo_t to
 * qs_paint_graph() and paints a mini-map in the bottom-right corner (the
 * same painter at overview detail, cached as an image until the scene or
 * the colours change).  The legend is not painted over the graph: the
 * window shows it in a popover through qs_graph_view_paint_legend().  The view state is the layout point at the centre of the widget
 * and a zoom factor; zooming by keys or buttons animates toward a target,
 * pinch and Ctrl+scroll follow the fingers and the pointer.  Selection and
 * heat-map colours are painter options, so they never run the layout again.
 *
 * Zoomed out, every box is on screen and painting them all costs tens of
 * milliseconds on a big model, so below CACHE_MAX_ZOOM the graph is painted
 * once into an image at the current zoom and each frame only copies it.
 * The graph is always placed on whole device pixels (the view origin is
 * rounded), so the copy has exactly the pixels of painting directly.  The
 * image is painted again when the zoom, the selection, the search matches
 * or the heat map change, or when panning leaves it; after a zoom change it
 * covers just the view, after a pan it takes a margin around the view so
 * further panning is a copy.  While the zoom is moving (an animation, a
 * pinch, Ctrl+scroll) the last picture is scaled instead.
 *
 * A new picture after a zoom step or a pan is painted in tiles, a few per
 * frame (a tick callback with a time budget), so that no frame waits for
 * the whole graph: meanwhile each frame shows the finished tiles and, where
 * there are none yet, the last picture scaled to the new zoom.  Only the
 * view's tiles that the last picture cannot stand in for (a pan into new
 * ground, a first picture, a new selection) are painted in the frame
 * itself.  After a pan at the same zoom, what the last picture holds is
 * copied, not painted.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "qs-graph-view.h"
#include "qs-graph-view-private.h"

#define MIN_ZOOM_FLOOR   0.005
#define MAX_ZOOM         4.0
#define ZOOM_STEP        1.25
#define ANIMATION_USEC   180000
#define MARGIN           12.0
#define MINIMAP_MAX_W    160.0
#define MINIMAP_MAX_H    120.0
#define MINIMAP_MIN_SCALE 0.03    /* a 150-unit box is 4.5 pixels wide */
#define MINIMAP_MAX_IMAGE 16384.0
#define MINIMAP_SCROLL_W 120.0
#define MINIMAP_MIN_W    24.0
/* The window lays its graph controls along the bottom edge, beside the
 * mini-map: fitting keeps the graph above them. */
#define BOTTOM_INSET     36.0
#define SCROLL_STEP      40.0
#define GROUPS_ZOOM      0.45     /* module groups keep their names, boxes their types */
#define CACHE_MAX_ZOOM   0.5      /* the painter drops text below about 0.55 */
#define CACHE_MAX_PIXELS (4096 * 4096)
#define SETTLE_MSEC      150      /* a pinch or Ctrl+scroll has ended */
#define TILE             128      /* a new picture is painted in tiles this wide */
#define REFINE_USEC      8000     /* tile painting per frame while it goes on */

struct _QsGraphView
{
  GtkWidget        parent_instance;

  QsPaintScene    *scene;
  double           layout_w, layout_h;

  /* neighbours, for the arrow keys: per box, boxes one edge up or down */
  GPtrArray       *ups;
  GPtrArray       *downs;
  GPtrArray       *ranks;          /* GArray of box indices per rank, by order */

  int              selected;
  GArray          *highlighted;
  double          *values;
  char            *value_label;
  gboolean         higher_is_better;
  gboolean         colour_precision;

  /* view state: the layout point at the widget's centre, and the zoom */
  double           cx, cy, zoom;
  gboolean         fit_pending;
  /* still in the state set_initial_state() chose: no pan, zoom or centring
   * since, so a new size (a side pane opening) chooses it again */
  gboolean         initial;
  int              alloc_w, alloc_h;

  /* animation toward a target state */
  guint            tick_id;
  gint64           anim_start;
  double           from_cx, from_cy, from_zoom;
  double           to_cx, to_cy, to_zoom;

  /* gestures */
  double           drag_cx, drag_cy;
  gboolean         drag_on_minimap;
  double           pinch_zoom;
  double           pointer_x, pointer_y;

  cairo_surface_t *minimap;        /* cached overview, or NULL */
  cairo_surface_t *colorbar;       /* the heat map's colour bar, or NULL */
  int              colorbar_scale;
  gboolean         hide_colorbar;
  double           minimap_scale;
  double           minimap_oy;     /* map pixels above the part shown */
  double           minimap_full_h;
  int              minimap_w, minimap_h;
  gboolean         minimap_top;    /* moved off the selected box */
  gboolean         colorbar_right;
  int              controls_w, controls_h;   /* the window's buttons, bottom left */

  /* the graph painted at cache_zoom; pixel (0, 0) is the layout point
   * (cache_x, cache_y) / cache_zoom */
  cairo_surface_t *cache;
  double           cache_zoom;
  int              cache_scale;    /* device pixels per pixel (HiDPI) */
  int              cache_x, cache_y, cache_w, cache_h;
  gboolean         cache_disabled;
  gboolean         zooming;        /* scale the cache rather than repaint it */
  guint            settle_id;

  /* the next picture, painted a few tiles per frame; until it is complete
   * each frame shows its finished tiles and the last picture elsewhere */
  cairo_surface_t *next;
  double           next_zoom;
  int              next_scale;
  int              next_x, next_y, next_w, next_h;
  int              next_cols, next_rows;
  guint8          *next_done;      /* per tile */
  guint           *next_order;     /* tiles by distance from the view's centre */
  guint            next_left;      /* tiles still to paint */
  guint            refine_id;      /* tick callback painting them */
  guint            refine_ticks;   /* for the benchmark: ticks, and the */
  gint64           refine_longest; /* longest, in µs */
};

G_DEFINE_FINAL_TYPE (QsGraphView, qs_graph_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED_BOX,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SCENE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Geometry */

static double
fit_zoom (QsGraphView *self)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->scene == NULL || self->layout_w <= 0 || self->layout_h <= 0 || w <= 0 || h <= 0)
    return 1.0;
  return MIN (MAX_ZOOM, MIN ((w - 2 * MARGIN) / self->layout_w,
                             MAX (h - 2 * MARGIN - BOTTOM_INSET, h / 2.0) / self->layout_h));
}

static double
min_zoom (QsGraphView *self)
{
  return MAX (MIN_ZOOM_FLOOR, MIN (0.5, fit_zoom (self) * 0.5));
}

static void
clamp_state (QsGraphView *self,
             double      *cx,
             double      *cy,
             double      *zoom)
{
  *zoom = CLAMP (*zoom, min_zoom (self), MAX_ZOOM);
  /* the centre stays over the layout, so the graph cannot be lost */
  *cx = CLAMP (*cx, 0, MAX (self->layout_w, 0));
  *cy = CLAMP (*cy, 0, MAX (self->layout_h, 0));
}

static void
widget_to_layout (QsGraphView *self,
                  double       wx,
                  double       wy,
                  double      *lx,
                  double      *ly)
{
  *lx = self->cx + (wx - gtk_widget_get_width (GTK_WIDGET (self)) / 2.0) / self->zoom;
  *ly = self->cy + (wy - gtk_widget_get_height (GTK_WIDGET (self)) / 2.0) / self->zoom;
}

void
qs_graph_view_get_visible_rect (QsGraphView       *self,
                                cairo_rectangle_t *rect)
{
  int w, h;

  g_return_if_fail (QS_IS_GRAPH_VIEW (self));

  w = gtk_widget_get_width (GTK_WIDGET (self));
  h = gtk_widget_get_height (GTK_WIDGET (self));
  rect->width = w / self->zoom;
  rect->height = h / self->zoom;
  rect->x = self->cx - rect->width / 2;
  rect->y = self->cy - rect->height / 2;
}

/* The mini-map's rectangle in widget coordinates: bottom right, or top
 * right when the selected box is under it there.  A graph too tall for
 * a readable map at this height shows the part around the view and
 * scrolls with it (*oy: the map pixels above the part shown). */
static gboolean
minimap_rect (QsGraphView       *self,
              cairo_rectangle_t *rect)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));
  double scale, full_h, max_h, oy;

  if (self->scene == NULL || self->layout_w <= 0 || self->layout_h <= 0 ||
      w < 3 * MINIMAP_MAX_W || h < 2 * MINIMAP_MAX_H)
    return FALSE;
  /* a tall graph may take up to a quarter of the height, at a scale where a
   * box is still a few pixels, and not past the cached image's height */
  max_h = MAX (MINIMAP_MAX_H, 0.25 * h);
  scale = MIN (MINIMAP_MAX_W / self->layout_w, MAX (max_h / self->layout_h, MINIMAP_MIN_SCALE));
  if (self->layout_h * scale > max_h)
    {
      /* a scrolling map: narrower than a whole one, wider than a line */
      scale = MIN (scale, MINIMAP_SCROLL_W / self->layout_w);
      scale = MAX (scale, MIN (MINIMAP_MIN_W, MINIMAP_MAX_W) / self->layout_w);
      scale = MIN (scale, MINIMAP_MAX_IMAGE / self->layout_h);
    }
  scale = MIN (scale, MINIMAP_MAX_IMAGE / self->layout_h);
  full_h = ceil (self->layout_h * scale);
  rect->width = ceil (self->layout_w * scale);
  rect->height = MIN (full_h, max_h);
  rect->x = w - MARGIN - rect->width;
  rect->y = self->minimap_top ? MARGIN : h - MARGIN - rect->height;
  oy = round (self->cy * scale - rect->height / 2);
  self->minimap_oy = CLAMP (oy, 0, full_h - rect->height);
  self->minimap_scale = scale;
  self->minimap_full_h = full_h;
  return TRUE;
}

static gboolean colorbar_rect (QsGraphView       *self,
                               cairo_rectangle_t *rect);
static void     clear_overlays (QsGraphView      *self);

/* Setting the view */

/* The centre that puts the fitted graph above the bottom inset. */
static double
fit_center_y (QsGraphView *self,
              double       zoom)
{
  double h = gtk_widget_get_height (GTK_WIDGET (self));

  if (h - 2 * MARGIN - BOTTOM_INSET < h / 2.0)
    return self->layout_h / 2;
  return self->layout_h / 2 + BOTTOM_INSET / 2 / zoom;
}

/* The first view of a scene: the whole graph when it is readable so, else
 * its top at a readable zoom (the mini-map shows the rest). */
static void
initial_state (QsGraphView *self,
               double      *cx,
               double      *cy,
               double      *zoom)
{
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  double w = gtk_widget_get_width (GTK_WIDGET (self));

  *zoom = fit_zoom (self);
  *cx = self->layout_w / 2;
  *cy = fit_center_y (self, *zoom);
  if (*zoom < 0.5)
    {
      double top_h, x0 = INFINITY, x1 = -INFINITY;
      guint i, n = qs_paint_scene_get_n_boxes (self->scene);

      /* the painter shows text from about 0.6 on */
      *zoom = 0.8;
      *cy = (h / 2 - MARGIN) / *zoom;

      /* a graph opened as its module groups: start at the first group,
       * where the model's own structure begins (the inputs' helpers
       * above it may spread far to the sides) */
      {
        int first = -1;
        cairo_rectangle_t fr = { 0, };
        guint most = 0;

        /* the topmost of the big groups (a small one, a composite op's
         * pieces, may sit above the model's first block) */
        for (i = 0; i < qs_paint_scene_get_n_boxes (self->scene); i++)
          if (qs_paint_scene_get_box_group (self->scene, i) >= 0)
            most = MAX (most, qs_paint_scene_get_box_n_layers (self->scene, i));
        for (i = 0; i < qs_paint_scene_get_n_boxes (self->scene); i++)
          if (qs_paint_scene_get_box_group (self->scene, i) >= 0 &&
              qs_paint_scene_get_box_n_layers (self->scene, i) * 2 >= most)
            {
              cairo_rectangle_t r;

              qs_paint_scene_get_box_rect (self->scene, i, &r);
              if (first < 0 || r.y < fr.y)
                {
                  first = i;
                  fr = r;
                }
            }
        if (first >= 0)
          {
            /* a drawing wider than the view: zoomed out to where a
             * group's name is still legible */
            if (self->layout_w * *zoom > w)
              *zoom = MAX (fit_zoom (self), GROUPS_ZOOM);
            *cx = fr.x + fr.width / 2;
            /* its top 100 pixels down the view, the box above it in sight */
            *cy = MAX (*cy, fr.y + (h / 2 - 100) / *zoom);
            return;
          }
      }
      /* centre what the first screen shows, when it is narrow enough;
       * else start at the first input, as one reads */
      top_h = (h - MARGIN - BOTTOM_INSET) / *zoom;
      for (i = 0; i < n; i++)
        {
          cairo_rectangle_t r;

          qs_paint_scene_get_box_rect (self->scene, i, &r);
          if (r.y + r.height > top_h)
            continue;
          x0 = MIN (x0, r.x);
          x1 = MAX (x1, r.x + r.width);
        }
      if (x0 <= x1 && (x1 - x0) * *zoom <= w - 2 * MARGIN)
        *cx = (x0 + x1) / 2;
      else if (self->layout_w * *zoom > w && self->ranks != NULL && self->ranks->len > 0)
        {
          GArray *top = g_ptr_array_index (self->ranks, 0);

          for (i = 0; i < top->len; i++)
            if (g_array_index (top, int, i) >= 0)
              {
                *cx = qs_layout_get_box (qs_paint_scene_get_layout (self->scene), g_array_index (top, int, i))->x;
                break;
              }
        }
    }
}

static void set_state (QsGraphView *self, double cx, double cy, double zoom);

static void
set_initial_state (QsGraphView *self)
{
  double cx, cy, zoom;

  initial_state (self, &cx, &cy, &zoom);
  set_state (self, cx, cy, zoom);
  self->initial = TRUE;
}

static void
set_state (QsGraphView *self,
           double       cx,
           double       cy,
           double       zoom)
{
  gboolean zoom_changed;

  clamp_state (self, &cx, &cy, &zoom);
  zoom_changed = zoom != self->zoom;
  self->initial = FALSE;
  self->cx = cx;
  self->cy = cy;
  self->zoom = zoom;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (zoom_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static void
stop_animation (QsGraphView *self)
{
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
      self->zooming = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
settle_cb (gpointer data)
{
  QsGraphView *self = data;

  self->settle_id = 0;
  self->zooming = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* A zoom by the fingers or the wheel: scale the last picture until they
 * rest. */
static void
zoom_moving (QsGraphView *self)
{
  self->zooming = TRUE;
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (SETTLE_MSEC, settle_cb, self);
}

static gboolean
animation_tick (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  QsGraphView *self = QS_GRAPH_VIEW (widget);
  double t = (gdk_frame_clock_get_frame_time (clock) - self->anim_start) / (double) ANIMATION_USEC;
  double e;

  if (t >= 1.0)
    {
      self->tick_id = 0;
      self->zooming = FALSE;
      set_state (self, self->to_cx, self->to_cy, self->to_zoom);
      return G_SOURCE_REMOVE;
    }
  self->zooming = self->from_zoom != self->to_zoom;
  /* ease out (cubic); zoom interpolated in log space so it feels even */
  e = 1.0 - pow (1.0 - MAX (t, 0.0), 3);
  set_state (self,
             self->from_cx + (self->to_cx - self->from_cx) * e,
             self->from_cy + (self->to_cy - self->from_cy) * e,
             exp (log (self->from_zoom) + (log (self->to_zoom) - log (self->from_zoom)) * e));
  return G_SOURCE_CONTINUE;
}

static void
animate_to (QsGraphView *self,
            double       cx,
            double       cy,
            double       zoom)
{
  gboolean animate = FALSE;

  stop_animation (self);
  clamp_state (self, &cx, &cy, &zoom);
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &animate, NULL);
  if (!animate || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      set_state (self, cx, cy, zoom);
      return;
    }
  self->from_cx = self->cx;
  self->from_cy = self->cy;
  self->from_zoom = self->zoom;
  self->to_cx = cx;
  self->to_cy = cy;
  self->to_zoom = zoom;
  self->anim_start = gdk_frame_clock_get_frame_time (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), animation_tick, NULL, NULL);
}

/* Zooms to @zoom keeping the layout point under widget point (@wx, @wy) in place. */
static void
zoom_around (QsGraphView *self,
             double       zoom,
             double       wx,
             double       wy,
             gboolean     animate)
{
  double lx, ly, cx, cy;
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));

  zoom = CLAMP (zoom, min_zoom (self), MAX_ZOOM);
  widget_to_layout (self, wx, wy, &lx, &ly);
  cx = lx - (wx - w / 2) / zoom;
  cy = ly - (wy - h / 2) / zoom;
  if (animate)
    animate_to (self, cx, cy, zoom);
  else
    {
      stop_animation (self);
      set_state (self, cx, cy, zoom);
    }
}

double
qs_graph_view_get_zoom (QsGraphView *self)
{
  g_return_val_if_fail (QS_IS_GRAPH_VIEW (self), 1.0);

  return self->tick_id != 0 ? self->to_zoom : self->zoom;
}

void
qs_graph_view_set_zoom (QsGraphView *self,
                        double       zoom)
{
  g_return_if_fail (QS_IS_GRAPH_VIEW (self));

  zoom_around (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
               gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, TRUE);
}

void
qs_graph_view_zoom_to_fit (QsGraphView *self)
{
  double zoom;

  g_return_if_fail (QS_IS_GRAPH_VIEW (self));

  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    {
      self->fit_pending = TRUE;
      return;
    }
  self->fit_pending = FALSE;
  zoom = fit_zoom (self);
  animate_to (self, self->layout_w / 2, fit_center_y (self, zoom), zoom);
}

void
qs_graph_view_zoom_to_width (QsGraphView *self)
{
  cairo_rectangle_t visible;
  double w = gtk_widget_get_width (GTK_WIDGET (self)), zoom, cy;

  g_return_if_fail (QS_IS_GRAPH_VIEW (self));

  if (self->scene == NULL || self->layout_w <= 0 || w <= 0)
    return;
  zoom = MIN (MAX_ZOOM, (w - 2 * MARGIN) / self->layout_w);
  qs_graph_view_get_visible_rect (self, &visible);
  /* the view's top edge stays where it was (the graph's top when that
   * was in view) */
  cy = MAX (visible.y, -MARGIN / zoom) + gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 / zoom;
  animate_to (self, self->layout_w / 2, cy, zoom);
}

/* Scene and its neighbour tables */

static void
clear_next (QsGraphView *self)
{
  if (self->refine_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->refine_id);
      self->refine_id = 0;
    }
  g_clear_pointer (&self->next, cairo_surface_destroy);
  g_clear_pointer (&self->next_done, g_free);
  g_clear_pointer (&self->next_order, g_free);
  self->next_left = 0;
}

static void
clear_cache (QsGraphView *self)
{
  clear_next (self);
  g_clear_pointer (&self->cache, cairo_surface_destroy);
}

static void
clear_minimap (QsGraphView *self)
{
  g_clear_pointer (&self->minimap, cairo_surface_destroy);
  g_clear_pointer (&self->colorbar, cairo_surface_destroy);
  clear_cache (self);
}

static void
index_scene (QsGraphView *self)
{
  QsLayout *layout;
  QsLayoutGraph *graph;
  guint n, e, i;

  g_clear_pointer (&self->ups, g_ptr_array_unref);
  g_clear_pointer (&self->downs, g_ptr_array_unref);
  g_clear_pointer (&self->ranks, g_ptr_array_unref);
  if (self->scene == NULL || (layout = qs_paint_scene_get_layout (self->scene)) == NULL)
    return;

  graph = qs_layout_get_graph (layout);
  n = qs_paint_scene_get_n_boxes (self->scene);
  self->ups = g_ptr_array_new_full (n, (GDestroyNotify) g_array_unref);
  self->downs = g_ptr_array_new_full (n, (GDestroyNotify) g_array_unref);
  self->ranks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (i = 0; i < n; i++)
    {
      g_ptr_array_add (self->ups, g_array_new (FALSE, FALSE, sizeof (guint)));
      g_ptr_array_add (self->downs, g_array_new (FALSE, FALSE, sizeof (guint)));
    }
  for (e = 0; e < qs_layout_graph_get_n_edges (graph); e++)
    {
      guint from, to;

      qs_layout_graph_get_edge (graph, e, &from, &to);
      if (from >= n || to >= n)
        continue;
      g_array_append_val (g_ptr_array_index (self->downs, from), to);
      g_array_append_val (g_ptr_array_index (self->ups, to), from);
    }
  for (i = 0; i < n; i++)
    {
      const QsLayoutBox *box = qs_layout_get_box (layout, i);
      GArray *rank;

      while (self->ranks->len <= box->rank)
        g_ptr_array_add (self->ranks, g_array_new (FALSE, TRUE, sizeof (int)));
      rank = g_ptr_array_index (self->ranks, box->rank);
      if (rank->len <= box->order)
        {
          int none = -1;
          while (rank->len <= box->order)
            g_array_append_val (rank, none);
        }
      g_array_index (rank, int, box->order) = i;
    }
}

void
qs_graph_view_set_scene (QsGraphView  *self,
                         QsPaintScene *scene)
{
  g_return_if_fail (QS_IS_GRAPH_VIEW (self));

  if (scene == self->scene)
    return;

  stop_animation (self);
  g_clear_pointer (&self->scene, qs_paint_scene_unref);
  g_clear_pointer (&self->values, g_free);
  g_array_set_size (self->highlighted, 0);
  clear_minimap (self);
  self->layout_w = self->layout_h = 0;
  if (scene != NULL)
    {
      self->scene = qs_paint_scene_ref (scene);
      qs_paint_scene_get_size (scene, &self->layout_w, &self->layout_h);
    }
  index_scene (self);

  if (self->selected != -1)
    {
      self->selected = -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_BOX]);
    }

  self->zoom = 1.0;
  self->cx = self->layout_w / 2;
  self->cy = self->layout_h / 2;
  self->fit_pending = TRUE;
  if (gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    {
      self->fit_pending = FALSE;
      set_initial_state (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

QsPaintScene *
qs_graph_view_get_scene (QsGraphView *self)
{
  g_return_val_if_fail (QS_IS_GRAPH_VIEW (self), NULL);

  return self->scene;
}

/* Whether the view paints a heat map. */
gboolean
qs_graph_view_has_values (QsGraphView *self)
{
  g_return_val_if_fail (QS_IS_GRAPH_VIEW (self), FALSE);

  return self->values != NULL;
}

void
qs_graph_view_set_values (QsGraphView  *self,
                          const double *values,
                          const char   *label,
                          gboolean      higher_is_better)
{
  g_return_if_fail (QS_IS_GRAPH_VIEW (self));

  g_clear_pointer (&self->values, g_free);
  g_clear_pointer (&self->value_label, g_free);
  if (values != NULL && self->scene != NULL)
    {
      self->values = g_memdup2 (values, sizeof (double) * MAX (1, qs_paint_scene_get_n_boxes (self->scene)));
      self->value_label = g_strdup (label);
    }
  self->higher_is_better = higher_is_better;
  clear_minimap (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
qs_graph_view_get_colour_precision (QsGraphView *self)
{
  g_return_val_if_fail (QS_IS_GRAPH_VIEW (self), FALSE);

  return self->colour_precision;
}

void
qs_graph_view_set_colour_precision (QsGraphView *self,
                                    gboolean     precision)
{
  g_return_if_fail (QS_IS_GRAPH_VIEW (self));

  if (self->colour_precision == !!precision)
    return;
  self->colour_precision = !!precision;
  clear_minimap (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
qs_graph_view_set_highlighted (QsGraphView *self,
                               const guint *boxes,
                               guint        n_boxes)
{
  g_return_if_fail (QS_IS_GRAPH_VIEW (self));

  g_array_set_size (self->highlighted, 0);
  if (n_boxes > 0)
    g_array_append_vals (self->highlighted, boxes, n_boxes);
  clear_cache (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Selection */

static void
center_on_box (QsGraphView *self,
               int          box,
               gboolean     only_if_hidden)
{
  cairo_rectangle_t rect, visible;
  double zoom = qs_graph_view_get_zoom (self);

  if (self->scene == NULL || box < 0)
    return;
  qs_paint_scene_get_box_rect (self->scene, box, &rect);
  qs_graph_view_get_visible_rect (self, &visible);
  if (only_if_hidden &&
      rect.x >= visible.x && rect.y >= visible.y &&
      rect.x + rect.width <= visible.x + visible.width &&
      rect.y + rect.height <= visible.y + visible.height)
    return;
  /* a box too small to read is brought to a readable size */
  if (zoom < 0.6)
    zoom = 1.0;
  if (self->fit_pending)
    {
      self->fit_pending = FALSE;
      self->zoom = zoom;
    }
  animate_to (self, rect.x + rect.width / 2, rect.y + rect.height / 2, zoom);
}

void
qs_graph_view_select_box (QsGraphView *self,
                          int          box,
                          gboolean     center)
{
  g_return_if_fail (QS_IS_GRAPH_VIEW (self));

  if (self->scene == NULL || box < 0 || (guint) box >= qs_paint_scene_get_n_boxes (self->scene))
    box = -1;
  if (center && box >= 0)
    center_on_box (self, box, FALSE);
  if (box == self->selected)
    return;
  self->selected = box;
  clear_cache (self);
  clear_overlays (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_BOX]);
}

void
qs_graph_view_select_node (QsGraphView  *self,
                           const QsNode *node,
                           gboolean      center)
{
  g_return_if_fail (QS_IS_GRAPH_VIEW (self));

  if (self->scene != NULL && node != NULL)
    qs_graph_view_reveal_node (self, node);
  qs_graph_view_select_box (self,
                            self->scene != NULL && node != NULL ? qs_paint_scene_find_box (self->scene, node) : -1,
                            center);
}

/* Module groups: the scene lays itself out again; the view keeps the
 * selected layer selected and a point of the drawing where it was. */

typedef struct
{
  const QsNode *selected;    /* the selected box's op (a group's: its first layer) */
  const QsNode *anchor;      /* kept at widget point (wx, wy), or NULL */
  double        wx, wy;
} Keep;

static void
keep_begin (QsGraphView  *self,
            Keep         *keep,
            const QsNode *anchor,
            double        wx,
            double        wy)
{
  keep->selected = self->selected >= 0 ? qs_paint_scene_get_node (self->scene, self->selected) : NULL;
  keep->anchor = anchor;
  keep->wx = wx;
  keep->wy = wy;
}

static void
keep_end (QsGraphView *self,
          Keep        *keep)
{
  int old = self->selected;

  stop_animation (self);
  clear_minimap (self);
  g_clear_pointer (&self->values, g_free);
  g_array_set_size (self->highlighted, 0);
  qs_paint_scene_get_size (self->scene, &self->layout_w, &self->layout_h);
  index_scene (self);
  self->selected = keep->selected != NULL ? qs_paint_scene_find_box (self->scene, keep->selected) : -1;
  if (keep->anchor != NULL)
    {
      int box = qs_paint_scene_find_box (self->scene, keep->anchor);
      cairo_rectangle_t r;

      if (box >= 0)
        {
          double w = gtk_widget_get_width (GTK_WIDGET (self));
          double h = gtk_widget_get_height (GTK_WIDGET (self));

          qs_paint_scene_get_box_rect (self->scene, box, &r);
          set_state (self, r.x + r.width / 2 - (keep->wx - w / 2) / self->zoom,
                     r.y + r.height / 2 - (keep->wy - h / 2) / self->zoom, self->zoom);
        }
    }
  else
    set_state (self, self->cx, self->cy, self->zoom);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  /* listeners map their per-box data (heat map, matches) again */
  g_signal_emit (self, signals[SCENE_CHANGED], 0);
  if (self->selected != old || keep->selected != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_BOX]);
}

/* The widget point of box @box's centre. */
static void
box_widget_center (QsGraphView *self,
                   int          box,
                   double      *wx,
                   double      *wy)
{
  cairo_rectangle_t r;

  qs_paint_scene_get_box_rect (self->scene, box, &r);
  *wx = (r.x + r.width / 2 - self->cx) * self->zoom + gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  *wy = (r.y + r.height / 2 - self->cy) * self->zoom + gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
}

/**
 * qs_graph_view_open_group:
 * @box: a collapsed group's box
 *
 * Opens the group, keeping its first layer where the group's box was.
 * Returns FALSE when @box is not a collapsed group.
 */
gboolean
qs_graph_view_open_group (QsGraphView *self,
                          int          box)
{
  Keep keep;
  double wx, wy;
  int group;

  g_return_val_if_fail (QS_IS_GRAPH_VIEW (self), FALSE);

  if (self->scene == NULL || box < 0 || (guint) box >= qs_paint_scene_get_n_boxes (self->scene) ||
      (group = qs_paint_scene_get_box_group (self->scene, box)) < 0)
    return FALSE;
  box_widget_center (self, box, &wx, &wy);
  keep_begin (self, &keep, qs_paint_scene_get_node (self->scene, box), wx, wy);
  if (self->selected == box)
    keep.selected = NULL;   /* the group is gone: select nothing in it */
  if (!qs_paint_scene_open_group (self->scene, group))
    return FALSE;
  keep_end (self, &keep);
  return TRUE;
}

/**
 * qs_graph_view_close_group:
 *
 * Collapses the innermost open group around the selected box, which then
 * selects the group's box.  Returns FALSE when there is none.
 */
gboolean
qs_graph_view_close_group (QsGraphView *self)
{
  const QsNode *node;
  QsLayoutGroups *groups;
  Keep keep;
  double wx, wy;
  int group;

  g_return_val_if_fail (QS_IS_GRAPH_VIEW (self), FALSE);

  if (self->scene == NULL || self->selected < 0 || (groups = qs_paint_scene_get_groups (self->scene)) == NULL)
    return FALSE;
  node = qs_paint_scene_get_node (self->scene, self->selected);
  group = qs_paint_scene_get_box_group (self->scene, self->selected);
  if (group >= 0)
    group = qs_layout_groups_get_parent (groups, group);
  else
    group = qs_paint_scene_find_group (self->scene, node);
  if (group < 0)
    return FALSE;
  box_widget_center (self, self->selected, &wx, &wy);
  keep_begin (self, &keep, node, wx, wy);
  if (!qs_paint_scene_close_group (self->scene, group))
    return FALSE;
  keep_end (self, &keep);
  return TRUE;
}

/**
 * qs_graph_view_set_collapse_level:
 * @level: 0 opens every group, 1 collapses the top-level ones
 *
 * Draws the model's module groups of @level collapsed, keeping the
 * drawing's middle (or the selected layer) in place.
 */
void
qs_graph_view_set_collapse_level (QsGraphView *self,
                                  guint        level)
{
  Keep keep;
  double wx = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0, wy = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  g_return_if_fail (QS_IS_GRAPH_VIEW (self));

  if (self->scene == NULL || qs_paint_scene_get_groups (self->scene) == NULL)
    return;
  if (self->selected >= 0)
    box_widget_center (self, self->selected, &wx, &wy);
  keep_begin (self, &keep, self->selected >= 0 ? qs_paint_scene_get_node (self->scene, self->selected) : NULL, wx, wy);
  qs_paint_scene_collapse_level (self->scene, level);
  keep_end (self, &keep);
}

/* Whether any group of the scene is drawn collapsed. */
gboolean
qs_graph_view_has_collapsed (QsGraphView *self)
{
  guint i;

  g_return_val_if_fail (QS_IS_GRAPH_VIEW (self), FALSE);

  if (self->scene == NULL)
    return FALSE;
  for (i = 0; i < qs_paint_scene_get_n_boxes (self->scene); i++)
    if (qs_paint_scene_get_box_group (self->scene, i) >= 0)
      return TRUE;
  return FALSE;
}

/**
 * qs_graph_view_reveal_node:
 *
 * Opens the collapsed groups around @node (a find, a row of a table)
 * and returns its box, or -1.
 */
int
qs_graph_view_reveal_node (QsGraphView  *self,
                           const QsNode *node)
{
  Keep keep;

  g_return_val_if_fail (QS_IS_GRAPH_VIEW (self), -1);

  if (self->scene == NULL || node == NULL)
    return -1;
  keep_begin (self, &keep, NULL, 0, 0);
  if (qs_paint_scene_reveal (self->scene, node))
    keep_end (self, &keep);
  return qs_paint_scene_find_box (self->scene, node);
}

int
qs_graph_view_get_selected_box (QsGraphView *self)
{
  g_return_val_if_fail (QS_IS_GRAPH_VIEW (self), -1);

  return self->selected;
}

const QsNode *
qs_graph_view_get_selected_node (QsGraphView *self)
{
  g_return_val_if_fail (QS_IS_GRAPH_VIEW (self), NULL);

  if (self->scene == NULL || self->selected < 0 ||
      qs_paint_scene_get_box_group (self->scene, self->selected) >= 0)
    return NULL;
  return qs_paint_scene_get_node (self->scene, self->selected);
}

/* Arrow keys: up and down follow edges (the neighbour nearest in x), left
 * and right walk the rank. */
static int
nearest_in_x (QsGraphView *self,
              GArray      *candidates,
              double       x)
{
  QsLayout *layout = qs_paint_scene_get_layout (self->scene);
  int best = -1;
  double best_d = INFINITY;
  guint i;

  for (i = 0; i < candidates->len; i++)
    {
      guint b = g_array_index (candidates, guint, i);
      double d = fabs (qs_layout_get_box (layout, b)->x - x);

      if (d < best_d)
        {
          best_d = d;
          best = b;
        }
    }
  return best;
}

static void
move_selection (QsGraphView *self,
                const char  *direction)
{
  QsLayout *layout;
  const QsLayoutBox *box;
  int next = -1;

  if (self->scene == NULL || self->ups == NULL || qs_paint_scene_get_n_boxes (self->scene) == 0)
    return;
  layout = qs_paint_scene_get_layout (self->scene);
  if (self->selected < 0)
    {
      /* start at the top: the first box of the first rank */
      GArray *rank = self->ranks->len > 0 ? g_ptr_array_index (self->ranks, 0) : NULL;
      guint i;

      for (i = 0; rank != NULL && i < rank->len && next < 0; i++)
        next = g_array_index (rank, int, i);
      qs_graph_view_select_box (self, next, FALSE);
      center_on_box (self, next, TRUE);
      return;
    }

  box = qs_layout_get_box (layout, self->selected);
  if (g_str_equal (direction, "up"))
    next = nearest_in_x (self, g_ptr_array_index (self->ups, self->selected), box->x);
  else if (g_str_equal (direction, "down"))
    next = nearest_in_x (self, g_ptr_array_index (self->downs, self->selected), box->x);
  else
    {
      GArray *rank = g_ptr_array_index (self->ranks, box->rank);
      int step = g_str_equal (direction, "left") ? -1 : 1;
      int o;

      for (o = (int) box->order + step; o >= 0 && o < (int) rank->len && next < 0; o += step)
        next = g_array_index (rank, int, o);
    }
  if (next < 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  qs_graph_view_select_box (self, next, FALSE);
  center_on_box (self, next, TRUE);
}

/* Painting */

static void
init_options (QsGraphView       *self,
              QsPaintOptions    *options,
              guint             *selected)
{
  qs_paint_options_init (options);
  if (self->selected >= 0)
    {
      *selected = self->selected;
      options->selected = selected;
      options->n_selected = 1;
    }
  options->colour_precision = self->colour_precision;
  options->highlighted = (const guint *) (gpointer) self->highlighted->data;
  options->n_highlighted = self->highlighted->len;
  if (self->values != NULL)
    {
      options->values = self->values;
      options->value_label = self->value_label;
      options->higher_is_better = self->higher_is_better;
    }
}

static void
paint_minimap (QsGraphView             *self,
               cairo_t                 *cr,
               const cairo_rectangle_t *rect)
{
  cairo_rectangle_t visible;
  double scale = self->minimap_scale, oy = self->minimap_oy;

  if (self->minimap == NULL || self->minimap_w != (int) rect->width || self->minimap_h != (int) self->minimap_full_h)
    {
      QsPaintOptions options;
      guint selected;
      cairo_t *mcr;

      clear_minimap (self);
      self->minimap_w = rect->width;
      self->minimap_h = self->minimap_full_h;
      self->minimap = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, self->minimap_w, self->minimap_h);
      mcr = cairo_create (self->minimap);
      cairo_scale (mcr, scale, scale);
      init_options (self, &options, &selected);
      options.detail = QS_PAINT_DETAIL_OVERVIEW;
      options.n_selected = 0;
      options.n_highlighted = 0;
      qs_paint_graph (mcr, self->scene, &options);
      cairo_destroy (mcr);
    }

  cairo_save (cr);
  cairo_rectangle (cr, rect->x - 0.5, rect->y - 0.5, rect->width + 1, rect->height + 1);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_rectangle (cr, rect->x, rect->y, rect->width, rect->height);
  cairo_clip (cr);
  cairo_set_source_surface (cr, self->minimap, rect->x, rect->y - oy);
  cairo_paint (cr);

  /* where the view is */
  qs_graph_view_get_visible_rect (self, &visible);
  cairo_rectangle (cr,
                   rect->x + visible.x * scale, rect->y - oy + visible.y * scale,
                   MAX (visible.width * scale, 3), MAX (visible.height * scale, 3));
  cairo_set_source_rgba (cr, qs_paint_selection_rgb.r, qs_paint_selection_rgb.g, qs_paint_selection_rgb.b, 0.15);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, qs_paint_selection_rgb.r, qs_paint_selection_rgb.g, qs_paint_selection_rgb.b);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);

  /* the map scrolls: say there is more above or below */
  if (oy > 0 || oy + rect->height < self->minimap_full_h)
    {
      cairo_set_source_rgba (cr, 0, 0, 0, 0.45);
      if (oy > 0)
        {
          cairo_move_to (cr, rect->x + rect->width / 2 - 6, rect->y + 9);
          cairo_line_to (cr, rect->x + rect->width / 2 + 6, rect->y + 9);
          cairo_line_to (cr, rect->x + rect->width / 2, rect->y + 3);
          cairo_close_path (cr);
          cairo_fill (cr);
        }
      if (oy + rect->height < self->minimap_full_h)
        {
          cairo_move_to (cr, rect->x + rect->width / 2 - 6, rect->y + rect->height - 9);
          cairo_line_to (cr, rect->x + rect->width / 2 + 6, rect->y + rect->height - 9);
          cairo_line_to (cr, rect->x + rect->width / 2, rect->y + rect->height - 3);
          cairo_close_path (cr);
          cairo_fill (cr);
        }
    }
  cairo_restore (cr);
}

void
qs_graph_view_get_legend_size (QsGraphView *self,
                               int         *width,
                               int         *height)
{
  QsPaintOptions options;
  guint selected;
  double lw = 0, lh = 0;

  g_return_if_fail (QS_IS_GRAPH_VIEW (self));

  if (self->scene != NULL)
    {
      init_options (self, &options, &selected);
      qs_paint_legend_get_size (self->scene, &options, &lw, &lh);
    }
  *width = ceil (lw);
  *height = ceil (lh);
}

void
qs_graph_view_paint_legend (QsGraphView *self,
                            cairo_t     *cr)
{
  QsPaintOptions options;
  guint selected;

  g_return_if_fail (QS_IS_GRAPH_VIEW (self));

  if (self->scene == NULL)
    return;
  init_options (self, &options, &selected);
  qs_paint_legend (cr, self->scene, &options);
}

/* The region of the graph painted at the current zoom that the view at
 * device origin (@ox, @oy) needs, in device pixels: the view, less what
 * lies beyond the layout (the painter draws nothing there). */
static gboolean
needed_region (QsGraphView    *self,
               int             ox,
               int             oy,
               int             width,
               int             height,
               int             margin,
               cairo_rectangle_int_t *r)
{
  int pad = ceil (16 * self->zoom) + 4;
  int x0 = MAX (ox - margin, -pad);
  int y0 = MAX (oy - margin, -pad);
  int x1 = MIN (ox + width + margin, (int) ceil (self->layout_w * self->zoom) + pad);
  int y1 = MIN (oy + height + margin, (int) ceil (self->layout_h * self->zoom) + pad);

  r->x = x0;
  r->y = y0;
  r->width = x1 - x0;
  r->height = y1 - y0;
  return r->width > 0 && r->height > 0;
}

/* The next picture's tile @t, in its pixels. */
static void
tile_rect (QsGraphView           *self,
           guint                  t,
           cairo_rectangle_int_t *r)
{
  r->x = (int) (t % self->next_cols) * TILE;
  r->y = (int) (t / self->next_cols) * TILE;
  r->width = MIN (TILE, self->next_w - r->x);
  r->height = MIN (TILE, self->next_h - r->y);
}

/* Whether the next picture's tile @t meets the view at device origin
 * (@ox, @oy). */
static gboolean
tile_meets_view (QsGraphView *self,
                 guint        t,
                 int          ox,
                 int          oy,
                 int          width,
                 int          height)
{
  cairo_rectangle_int_t r;

  tile_rect (self, t, &r);
  r.x += self->next_x;
  r.y += self->next_y;
  return r.x < ox + width && r.x + r.width > ox && r.y < oy + height && r.y + r.height > oy;
}

/* Whether the last picture, scaled to the next one's zoom, has every pixel
 * of the next picture's tile @t (so a frame may show it there meanwhile). */
static gboolean
fallback_covers (QsGraphView *self,
                 guint        t)
{
  cairo_rectangle_int_t r;
  double k;

  if (self->cache == NULL || self->cache_scale != self->next_scale)
    return FALSE;
  tile_rect (self, t, &r);
  k = self->cache_zoom / self->next_zoom;
  return (self->next_x + r.x) * k >= self->cache_x &&
         (self->next_y + r.y) * k >= self->cache_y &&
         (self->next_x + r.x + r.width) * k <= self->cache_x + self->cache_w &&
         (self->next_y + r.y + r.height) * k <= self->cache_y + self->cache_h;
}

static void
paint_tile (QsGraphView          *self,
            guint                 t,
            const QsPaintOptions *options)
{
  cairo_rectangle_int_t r;
  cairo_rectangle_t visible;
  QsPaintOptions tile_options = *options;
  cairo_t *cr;

  tile_rect (self, t, &r);
  cr = cairo_create (self->next);
  cairo_rectangle (cr, r.x, r.y, r.width, r.height);
  cairo_clip (cr);
  /* the tile may hold pixels copied from the last picture */
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_translate (cr, -self->next_x, -self->next_y);
  cairo_scale (cr, self->next_zoom, self->next_zoom);
  visible.x = (self->next_x + r.x) / self->next_zoom;
  visible.y = (self->next_y + r.y) / self->next_zoom;
  visible.width = r.width / self->next_zoom;
  visible.height = r.height / self->next_zoom;
  tile_options.visible = &visible;
  qs_paint_graph (cr, self->scene, &tile_options);
  cairo_destroy (cr);
  self->next_done[t] = TRUE;
  self->next_left--;
}

/* The next picture is complete: it becomes the picture frames copy. */
static void
promote_next (QsGraphView *self)
{
  g_clear_pointer (&self->cache, cairo_surface_destroy);
  cairo_surface_flush (self->next);
  self->cache = g_steal_pointer (&self->next);
  self->cache_zoom = self->next_zoom;
  self->cache_scale = self->next_scale;
  self->cache_x = self->next_x;
  self->cache_y = self->next_y;
  self->cache_w = self->next_w;
  self->cache_h = self->next_h;
  clear_next (self);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const double *keys = user_data;
  double x = keys[*(const guint *) a], y = keys[*(const guint *) b];

  return x < y ? -1 : x > y;
}

/* Sets up the next picture for the view at device origin (@ox, @oy): the
 * view, less what lies beyond the layout, and after a pan a margin around
 * it.  At the last picture's zoom, what that has is copied, exactly.
 * FALSE when the view shows no graph or no image could be made. */
static gboolean
start_next (QsGraphView *self,
            int          ox,
            int          oy,
            int          width,
            int          height,
            int          scale)
{
  cairo_rectangle_int_t need, r;
  g_autofree double *keys = NULL;
  gboolean same_zoom = self->cache != NULL && self->cache_zoom == self->zoom && self->cache_scale == scale;
  int margin = same_zoom ? MAX (width, height) / 2 : 0;
  guint t, n;

  if (!needed_region (self, ox, oy, width, height, 0, &need))
    return FALSE;
  needed_region (self, ox, oy, width, height, margin, &r);
  if ((double) r.width * r.height * scale * scale > CACHE_MAX_PIXELS)
    r = need;

  clear_next (self);
  /* on a HiDPI screen the picture has the screen's pixels, as painting
   * directly would; the device scale keeps its coordinates in pixels */
  self->next = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, r.width * scale, r.height * scale);
  if (cairo_surface_status (self->next) != CAIRO_STATUS_SUCCESS)
    {
      clear_next (self);
      return FALSE;
    }
  cairo_surface_set_device_scale (self->next, scale, scale);
  self->next_zoom = self->zoom;
  self->next_scale = scale;
  self->next_x = r.x;
  self->next_y = r.y;
  self->next_w = r.width;
  self->next_h = r.height;
  self->next_cols = (r.width + TILE - 1) / TILE;
  self->next_rows = (r.height + TILE - 1) / TILE;
  n = self->next_cols * self->next_rows;
  self->next_done = g_new0 (guint8, n);
  self->next_order = g_new (guint, n);
  self->next_left = n;

  if (same_zoom)
    {
      cairo_rectangle_int_t o;
      cairo_t *cr;

      o.x = MAX (r.x, self->cache_x);
      o.y = MAX (r.y, self->cache_y);
      o.width = MIN (r.x + r.width, self->cache_x + self->cache_w) - o.x;
      o.height = MIN (r.y + r.height, self->cache_y + self->cache_h) - o.y;
      if (o.width > 0 && o.height > 0)
        {
          cr = cairo_create (self->next);
          cairo_rectangle (cr, o.x - r.x, o.y - r.y, o.width, o.height);
          cairo_clip (cr);
          cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
          cairo_set_source_surface (cr, self->cache, self->cache_x - r.x, self->cache_y - r.y);
          cairo_paint (cr);
          cairo_destroy (cr);
          for (t = 0; t < n; t++)
            {
              cairo_rectangle_int_t tr;

              tile_rect (self, t, &tr);
              if (r.x + tr.x >= o.x && r.y + tr.y >= o.y &&
                  r.x + tr.x + tr.width <= o.x + o.width && r.y + tr.y + tr.height <= o.y + o.height)
                {
                  self->next_done[t] = TRUE;
                  self->next_left--;
                }
            }
        }
    }

  /* the view's tiles first, each group from the view's centre outward */
  keys = g_new (double, n);
  for (t = 0; t < n; t++)
    {
      cairo_rectangle_int_t tr;
      double dx, dy;

      tile_rect (self, t, &tr);
      dx = r.x + tr.x + tr.width / 2.0 - (ox + width / 2.0);
      dy = r.y + tr.y + tr.height / 2.0 - (oy + height / 2.0);
      keys[t] = dx * dx + dy * dy + (tile_meets_view (self, t, ox, oy, width, height) ? 0 : 1e18);
      self->next_order[t] = t;
    }
  g_qsort_with_data (self->next_order, n, sizeof (guint), compare_keys, keys);
  return TRUE;
}

static gboolean
refine_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  QsGraphView *self = QS_GRAPH_VIEW (widget);
  gint64 start = g_get_monotonic_time ();
  QsPaintOptions options;
  guint selected, i, n;

  if (self->next == NULL || self->next_zoom != self->zoom || self->zooming)
    {
      /* the zoom has moved on: this picture would never be shown */
      self->refine_id = 0;
      clear_next (self);
      return G_SOURCE_REMOVE;
    }
  init_options (self, &options, &selected);
  n = self->next_cols * self->next_rows;
  /* tiles until the budget is spent, or the next would overrun it if it
   * costs what the last one did */
  for (i = 0; i < n && self->next_left > 0; i++)
    {
      guint t = self->next_order[i];
      gint64 before, now;

      if (self->next_done[t])
        continue;
      before = g_get_monotonic_time ();
      paint_tile (self, t, &options);
      now = g_get_monotonic_time ();
      if (now + (now - before) > start + REFINE_USEC)
        break;
    }
  self->refine_ticks++;
  self->refine_longest = MAX (self->refine_longest, g_get_monotonic_time () - start);
  gtk_widget_queue_draw (widget);
  if (self->next_left > 0)
    return G_SOURCE_CONTINUE;
  self->refine_id = 0;
  promote_next (self);
  return G_SOURCE_REMOVE;
}

/* The last picture at the current zoom, scaled (cheap while the zoom
 * moves) or, at its own zoom, copied. */
static void
paint_last_picture (QsGraphView *self,
                    cairo_t     *cr,
                    int          ox,
                    int          oy)
{
  double k = self->zoom / self->cache_zoom;

  cairo_save (cr);
  cairo_translate (cr, self->cache_x * k - ox, self->cache_y * k - oy);
  cairo_scale (cr, k, k);
  cairo_set_source_surface (cr, self->cache, 0, 0);
  if (k != 1.0)
    cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
  cairo_paint (cr);
  cairo_restore (cr);
}

/* Adds the next picture's finished tiles in the view to the path. */
static guint
path_done_tiles (QsGraphView *self,
                 cairo_t     *cr,
                 int          ox,
                 int          oy,
                 int          width,
                 int          height)
{
  guint t, n = self->next_cols * self->next_rows, added = 0;

  for (t = 0; t < n; t++)
    {
      cairo_rectangle_int_t r;
      int x0, y0, x1, y1;

      if (!self->next_done[t])
        continue;
      tile_rect (self, t, &r);
      x0 = MAX (self->next_x + r.x - ox, 0);
      y0 = MAX (self->next_y + r.y - oy, 0);
      x1 = MIN (self->next_x + r.x + r.width - ox, width);
      y1 = MIN (self->next_y + r.y + r.height - oy, height);
      if (x1 <= x0 || y1 <= y0)
        continue;
      cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
      added++;
    }
  return added;
}

/* Paints the view from pictures of the graph at the current zoom.  When the
 * picture frames copy does not hold the view (the zoom changed, a pan left
 * it), a next one is painted in tiles: the view's tiles at once where the
 * last picture cannot stand in for them, the others a few per frame, so
 * that no frame waits for the whole graph. */
static void
paint_cached (QsGraphView          *self,
              cairo_t              *cr,
              int                   ox,
              int                   oy,
              int                   width,
              int                   height,
              int                   scale,
              const QsPaintOptions *options)
{
  cairo_rectangle_int_t need;

  if (!needed_region (self, ox, oy, width, height, 0, &need))
    return;
  if (self->cache == NULL || self->cache_zoom != self->zoom || self->cache_scale != scale ||
      need.x < self->cache_x || need.y < self->cache_y ||
      need.x + need.width > self->cache_x + self->cache_w ||
      need.y + need.height > self->cache_y + self->cache_h)
    {
      /* without a frame clock (not on screen) nobody paints the rest later */
      gboolean later = gtk_widget_get_mapped (GTK_WIDGET (self));
      guint i, n;

      if (self->next == NULL || self->next_zoom != self->zoom || self->next_scale != scale ||
          need.x < self->next_x || need.y < self->next_y ||
          need.x + need.width > self->next_x + self->next_w ||
          need.y + need.height > self->next_y + self->next_h)
        {
          if (!start_next (self, ox, oy, width, height, scale))
            return;
        }
      n = self->next_cols * self->next_rows;
      for (i = 0; i < n && self->next_left > 0; i++)
        {
          guint t = self->next_order[i];

          if (self->next_done[t])
            continue;
          if (later && (!tile_meets_view (self, t, ox, oy, width, height) || fallback_covers (self, t)))
            continue;
          paint_tile (self, t, options);
        }
      if (self->next_left == 0)
        promote_next (self);
      else if (self->refine_id == 0)
        self->refine_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), refine_tick, NULL, NULL);
    }

  if (self->next == NULL)
    {
      cairo_set_source_surface (cr, self->cache, self->cache_x - ox, self->cache_y - oy);
      cairo_paint (cr);
      return;
    }

  /* the last picture where the next one has no tile yet ... */
  if (self->cache != NULL && self->cache_scale == scale)
    {
      cairo_save (cr);
      cairo_new_path (cr);
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      cairo_rectangle (cr, 0, 0, width, height);
      path_done_tiles (self, cr, ox, oy, width, height);
      cairo_clip (cr);
      paint_last_picture (self, cr, ox, oy);
      cairo_restore (cr);
    }
  /* ... and its finished tiles */
  cairo_save (cr);
  cairo_new_path (cr);
  if (path_done_tiles (self, cr, ox, oy, width, height) > 0)
    {
      cairo_clip (cr);
      cairo_set_source_surface (cr, self->next, self->next_x - ox, self->next_y - oy);
      cairo_paint (cr);
    }
  cairo_new_path (cr);
  cairo_restore (cr);
}

static gboolean
target_is_vector (cairo_t *cr)
{
  switch ((int) cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
      return TRUE;
    default:
      return FALSE;
    }
}

void
qs_graph_view_set_show_colorbar (QsGraphView *self,
                                 gboolean     show)
{
  g_return_if_fail (QS_IS_GRAPH_VIEW (self));

  if (self->hide_colorbar == !show)
    return;
  self->hide_colorbar = !show;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* With a heat map, its colour bar in the top-left corner, so that the
 * colours can be read without opening the legend. */
static void
paint_colorbar (QsGraphView *self,
                cairo_t     *cr,
                int          scale)
{
  if (self->values == NULL || self->hide_colorbar)
    return;
  if (self->colorbar == NULL || self->colorbar_scale != scale)
    {
      QsPaintOptions options;
      guint selected;
      double w, h;
      cairo_t *c;

      init_options (self, &options, &selected);
      qs_paint_colorbar_get_size (self->scene, &options, &w, &h);
      if (w <= 0 || h <= 0)
        return;
      g_clear_pointer (&self->colorbar, cairo_surface_destroy);
      self->colorbar = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, ceil (w) * scale, ceil (h) * scale);
      cairo_surface_set_device_scale (self->colorbar, scale, scale);
      self->colorbar_scale = scale;
      c = cairo_create (self->colorbar);
      qs_paint_colorbar (c, self->scene, &options);
      cairo_destroy (c);
    }
  {
    cairo_rectangle_t r;
    if (!colorbar_rect (self, &r))
      return;
    cairo_set_source_surface (cr, self->colorbar, r.x, r.y);
    cairo_paint (cr);
  }
}

/* @scale: device pixels per pixel where the picture ends up (HiDPI), so
 * that the cached picture has the pixels of painting directly there. */
static void
paint_view (QsGraphView *self,
            cairo_t     *cr,
            int          width,
            int          height,
            int          scale)
{
  QsPaintOptions options;
  cairo_rectangle_t visible, map;
  guint selected;
  int ox, oy;

  if (self->scene == NULL)
    return;

  init_options (self, &options, &selected);
  /* the view's top-left on whole device pixels, so that a copy of the
   * cache and direct painting give the same pixels */
  ox = round (self->cx * self->zoom - width / 2.0);
  oy = round (self->cy * self->zoom - height / 2.0);
  visible.width = width / self->zoom;
  visible.height = height / self->zoom;
  visible.x = ox / self->zoom;
  visible.y = oy / self->zoom;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (!self->cache_disabled && self->zoom < CACHE_MAX_ZOOM && !target_is_vector (cr) &&
      self->zooming && self->cache != NULL && self->cache_zoom != self->zoom)
    paint_last_picture (self, cr, ox, oy);
  else if (!self->cache_disabled && self->zoom < CACHE_MAX_ZOOM && !target_is_vector (cr))
    paint_cached (self, cr, ox, oy, width, height, scale, &options);
  else
    {
      options.visible = &visible;
      cairo_translate (cr, -ox, -oy);
      cairo_scale (cr, self->zoom, self->zoom);
      qs_paint_graph (cr, self->scene, &options);
    }
  cairo_restore (cr);

  if (minimap_rect (self, &map) &&
      (visible.x > 0 || visible.y > 0 ||
       visible.x + visible.width < self->layout_w || visible.y + visible.height < self->layout_h))
    paint_minimap (self, cr, &map);
  paint_colorbar (self, cr, scale);
}

void
qs_graph_view_paint (QsGraphView *self,
                     cairo_t     *cr,
                     int          width,
                     int          height)
{
  double sx = 1, sy = 1;

  g_return_if_fail (QS_IS_GRAPH_VIEW (self));

  cairo_surface_get_device_scale (cairo_get_target (cr), &sx, &sy);
  paint_view (self, cr, width, height, MAX (1, (int) ceil (MAX (sx, sy))));
}

void
_qs_graph_view_set_center (QsGraphView *self,
                           double       cx,
                           double       cy)
{
  g_return_if_fail (QS_IS_GRAPH_VIEW (self));

  stop_animation (self);
  set_state (self, cx, cy, self->zoom);
}

gboolean
_qs_graph_view_get_minimap_rect (QsGraphView       *self,
                                 cairo_rectangle_t *rect)
{
  g_return_val_if_fail (QS_IS_GRAPH_VIEW (self), FALSE);

  return minimap_rect (self, rect);
}

gboolean
_qs_graph_view_is_refining (QsGraphView *self)
{
  g_return_val_if_fail (QS_IS_GRAPH_VIEW (self), FALSE);

  return self->next != NULL;
}

void
_qs_graph_view_take_refine_stats (QsGraphView *self,
                                  guint       *ticks,
                                  double      *longest_ms)
{
  g_return_if_fail (QS_IS_GRAPH_VIEW (self));

  *ticks = self->refine_ticks;
  *longest_ms = self->refine_longest / 1000.0;
  self->refine_ticks = 0;
  self->refine_longest = 0;
}

/* For tests: paint every frame directly, as without the cache. */
void
_qs_graph_view_set_cache_enabled (QsGraphView *self,
                                  gboolean     enabled)
{
  g_return_if_fail (QS_IS_GRAPH_VIEW (self));

  self->cache_disabled = !enabled;
  clear_cache (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
qs_graph_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  QsGraphView *self = QS_GRAPH_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->scene == NULL || width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* the renderer scales this node to the screen's pixels later */
  paint_view (self, cr, width, height, gtk_widget_get_scale_factor (widget));
  cairo_destroy (cr);
}

static void
qs_graph_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  QsGraphView *self = QS_GRAPH_VIEW (widget);
  gboolean resized = width != self->alloc_w || height != self->alloc_h;

  self->alloc_w = width;
  self->alloc_h = height;
  if (width <= 0 || height <= 0)
    return;
  if (self->fit_pending || (resized && self->initial && self->scene != NULL && self->tick_id == 0))
    {
      self->fit_pending = FALSE;
      set_initial_state (self);
    }
}

/* A hidden view (another page) need not hold its picture. */
static void
qs_graph_view_unmap (GtkWidget *widget)
{
  QsGraphView *self = QS_GRAPH_VIEW (widget);

  /* an animation would stop half-way: end it where it was going */
  if (self->tick_id != 0)
    {
      stop_animation (self);
      set_state (self, self->to_cx, self->to_cy, self->to_zoom);
    }
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->zooming = FALSE;
  clear_cache (self);
  GTK_WIDGET_CLASS (qs_graph_view_parent_class)->unmap (widget);
}

static gboolean
qs_graph_view_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard,
                             GtkTooltip *tooltip)
{
  QsGraphView *self = QS_GRAPH_VIEW (widget);
  g_autofree char *text = NULL;
  double lx, ly;

  if (self->scene == NULL || keyboard)
    return FALSE;
  widget_to_layout (self, x, y, &lx, &ly);
  text = qs_paint_scene_dup_tooltip (self->scene, lx, ly);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Input */

static gboolean
point_in_minimap (QsGraphView *self,
                  double       x,
                  double       y,
                  double      *lx,
                  double      *ly)
{
  cairo_rectangle_t map;

  if (!minimap_rect (self, &map) ||
      x < map.x || y < map.y || x > map.x + map.width || y > map.y + map.height)
    return FALSE;
  *lx = (x - map.x) / self->minimap_scale;
  *ly = (y - map.y + self->minimap_oy) / self->minimap_scale;
  return TRUE;
}

/* The colour bar's rectangle in widget coordinates (top left, or top
 * right when the selected box is under it there); FALSE without one. */
static gboolean
colorbar_rect (QsGraphView       *self,
               cairo_rectangle_t *rect)
{
  QsPaintOptions options;
  guint selected;
  double w, h;

  if (self->values == NULL || self->hide_colorbar || self->scene == NULL)
    return FALSE;
  init_options (self, &options, &selected);
  qs_paint_colorbar_get_size (self->scene, &options, &w, &h);
  if (w <= 0)
    return FALSE;
  rect->width = ceil (w);
  rect->height = ceil (h);
  rect->x = self->colorbar_right ? gtk_widget_get_width (GTK_WIDGET (self)) - MARGIN - rect->width : MARGIN;
  rect->y = MARGIN;
  return TRUE;
}

static gboolean
rects_meet (const cairo_rectangle_t *a,
            const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* Overlays never cover the selected box: the mini-map and the colour bar
 * move to another corner, and where the window's buttons cover it the
 * view pans it clear. */
static void
clear_overlays (QsGraphView *self)
{
  cairo_rectangle_t box, r;
  double cx = self->cx, cy = self->cy, zoom = self->zoom;
  double w = gtk_widget_get_width (GTK_WIDGET (self)), h = gtk_widget_get_height (GTK_WIDGET (self));
  gboolean top = self->minimap_top, right = self->colorbar_right;

  if (self->scene == NULL || self->selected < 0 || w <= 0)
    return;
  if (self->tick_id != 0)
    {
      cx = self->to_cx;
      cy = self->to_cy;
      zoom = self->to_zoom;
    }
  qs_paint_scene_get_box_rect (self->scene, self->selected, &box);
  box.x = (box.x - cx) * zoom + w / 2 - 4;
  box.y = (box.y - cy) * zoom + h / 2 - 4;
  box.width = box.width * zoom + 8;
  box.height = box.height * zoom + 8;

  self->minimap_top = FALSE;
  if (minimap_rect (self, &r) && rects_meet (&box, &r))
    {
      self->minimap_top = TRUE;
      if (minimap_rect (self, &r) && rects_meet (&box, &r))
        self->minimap_top = FALSE;
    }
  self->colorbar_right = FALSE;
  if (colorbar_rect (self, &r) && rects_meet (&box, &r))
    {
      self->colorbar_right = TRUE;
      if (colorbar_rect (self, &r) && rects_meet (&box, &r))
        self->colorbar_right = FALSE;
    }
  if (top != self->minimap_top || right != self->colorbar_right)
    gtk_widget_queue_draw (GTK_WIDGET (self));

  r = (cairo_rectangle_t) { 0, h - self->controls_h, self->controls_w, self->controls_h };
  if (self->controls_w > 0 && rects_meet (&box, &r) && box.x + box.width + self->controls_w < w)
    /* pan right until the box clears the buttons */
    animate_to (self, cx - (self->controls_w - box.x) / zoom, cy, zoom);
}

void
qs_graph_view_set_controls_size (QsGraphView *self,
                                 int          width,
                                 int          height)
{
  g_return_if_fail (QS_IS_GRAPH_VIEW (self));

  self->controls_w = width;
  self->controls_h = height;
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  QsGraphView     *self)
{
  double lx, ly;
  int box;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->scene == NULL)
    return;
  if (point_in_minimap (self, x, y, &lx, &ly))
    {
      animate_to (self, lx, ly, qs_graph_view_get_zoom (self));
      return;
    }
  widget_to_layout (self, x, y, &lx, &ly);
  box = qs_paint_scene_hit_test (self->scene, lx, ly);
  /* a double click opens a group where it is; on a layer it centres it */
  if (n_press == 2 && box >= 0 && qs_paint_scene_get_box_group (self->scene, box) >= 0)
    {
      qs_graph_view_open_group (self, box);
      return;
    }
  qs_graph_view_select_box (self, box, n_press == 2);
  if (n_press == 1)
    clear_overlays (self);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               QsGraphView    *self)
{
  double lx, ly;

  stop_animation (self);
  self->drag_cx = self->cx;
  self->drag_cy = self->cy;
  self->drag_on_minimap = point_in_minimap (self, x, y, &lx, &ly);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                QsGraphView    *self)
{
  if (self->drag_on_minimap)
    /* dragging the viewport rectangle of the mini-map */
    set_state (self,
               self->drag_cx + dx / self->minimap_scale,
               self->drag_cy + dy / self->minimap_scale,
               self->zoom);
  else
    set_state (self, self->drag_cx - dx / self->zoom, self->drag_cy - dy / self->zoom, self->zoom);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           QsGraphView              *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  gboolean smooth = event != NULL && gdk_scroll_event_get_direction (event) == GDK_SCROLL_SMOOTH;
  double step = smooth ? 1.0 : SCROLL_STEP;

  if (self->scene == NULL)
    return FALSE;
  if (state & GDK_CONTROL_MASK)
    {
      /* smooth scrolling (touchpads) gives small deltas: zoom continuously */
      double factor = smooth ? exp (-dy * 0.01) : pow (ZOOM_STEP, -dy);

      zoom_moving (self);
      zoom_around (self, self->zoom * factor, self->pointer_x, self->pointer_y, FALSE);
      return TRUE;
    }
  if (state & GDK_SHIFT_MASK)
    {
      double t = dx;

      dx = dy;
      dy = t;
    }
  stop_animation (self);
  set_state (self, self->cx + dx * step / self->zoom, self->cy + dy * step / self->zoom, self->zoom);
  return TRUE;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           QsGraphView              *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               QsGraphView      *self)
{
  stop_animation (self);
  self->pinch_zoom = self->zoom;
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       QsGraphView    *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  zoom_moving (self);
  zoom_around (self, self->pinch_zoom * scale, x, y, FALSE);
}

/* Actions */

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  QsGraphView *self = QS_GRAPH_VIEW (widget);

  qs_graph_view_set_zoom (self, qs_graph_view_get_zoom (self) * ZOOM_STEP);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  QsGraphView *self = QS_GRAPH_VIEW (widget);

  qs_graph_view_set_zoom (self, qs_graph_view_get_zoom (self) / ZOOM_STEP);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  qs_graph_view_zoom_to_fit (QS_GRAPH_VIEW (widget));
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  qs_graph_view_set_zoom (QS_GRAPH_VIEW (widget), 1.0);
}

static void
zoom_width_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  qs_graph_view_zoom_to_width (QS_GRAPH_VIEW (widget));
}

static void
open_group_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  QsGraphView *self = QS_GRAPH_VIEW (widget);

  if (!qs_graph_view_open_group (self, self->selected))
    gtk_widget_error_bell (widget);
}

static void
close_group_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  if (!qs_graph_view_close_group (QS_GRAPH_VIEW (widget)))
    gtk_widget_error_bell (widget);
}

/* All groups open, or the top-level ones collapsed. */
static void
toggle_groups_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  QsGraphView *self = QS_GRAPH_VIEW (widget);

  if (self->scene == NULL || qs_paint_scene_get_groups (self->scene) == NULL ||
      qs_layout_groups_get_n_groups (qs_paint_scene_get_groups (self->scene)) == 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  qs_graph_view_set_collapse_level (self, qs_graph_view_has_collapsed (self) ? 0 : 1);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  move_selection (QS_GRAPH_VIEW (widget), g_variant_get_string (parameter, NULL));
}

/* GObject */

static void
qs_graph_view_dispose (GObject *object)
{
  QsGraphView *self = QS_GRAPH_VIEW (object);

  stop_animation (self);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  clear_next (self);
  g_clear_pointer (&self->scene, qs_paint_scene_unref);
  g_clear_pointer (&self->ups, g_ptr_array_unref);
  g_clear_pointer (&self->downs, g_ptr_array_unref);
  g_clear_pointer (&self->ranks, g_ptr_array_unref);
  clear_minimap (self);

  G_OBJECT_CLASS (qs_graph_view_parent_class)->dispose (object);
}

static void
qs_graph_view_finalize (GObject *object)
{
  QsGraphView *self = QS_GRAPH_VIEW (object);

  g_clear_pointer (&self->highlighted, g_array_unref);
  g_clear_pointer (&self->values, g_free);
  g_clear_pointer (&self->value_label, g_free);

  G_OBJECT_CLASS (qs_graph_view_parent_class)->finalize (object);
}

static void
qs_graph_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  QsGraphView *self = QS_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED_BOX:
      g_value_set_int (value, self->selected);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qs_graph_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  QsGraphView *self = QS_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED_BOX:
      qs_graph_view_select_box (self, g_value_get_int (value), FALSE);
      break;

    case PROP_ZOOM:
      qs_graph_view_set_zoom (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qs_graph_view_class_init (QsGraphViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const struct { guint key; const char *direction; } arrows[] = {
    { GDK_KEY_Up, "up" }, { GDK_KEY_KP_Up, "up" },
    { GDK_KEY_Down, "down" }, { GDK_KEY_KP_Down, "down" },
    { GDK_KEY_Left, "left" }, { GDK_KEY_KP_Left, "left" },
    { GDK_KEY_Right, "right" }, { GDK_KEY_KP_Right, "right" },
  };
  guint i;

  object_class->dispose = qs_graph_view_dispose;
  object_class->finalize = qs_graph_view_finalize;
  object_class->get_property = qs_graph_view_get_property;
  object_class->set_property = qs_graph_view_set_property;
  widget_class->snapshot = qs_graph_view_snapshot;
  widget_class->size_allocate = qs_graph_view_size_allocate;
  widget_class->unmap = qs_graph_view_unmap;
  widget_class->query_tooltip = qs_graph_view_query_tooltip;

  properties[PROP_SELECTED_BOX] =
    g_param_spec_int ("selected-box", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM_FLOOR, MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "graph.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "graph.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "graph.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "graph.zoom-reset", NULL, zoom_reset_action);
  gtk_widget_class_install_action (widget_class, "graph.move", "s", move_action);
  gtk_widget_class_install_action (widget_class, "graph.zoom-fit-width", NULL, zoom_width_action);
  gtk_widget_class_install_action (widget_class, "graph.open-group", NULL, open_group_action);
  gtk_widget_class_install_action (widget_class, "graph.close-group", NULL, close_group_action);
  gtk_widget_class_install_action (widget_class, "graph.toggle-groups", NULL, toggle_groups_action);

  /**
   * QsGraphView::scene-changed:
   *
   * The scene was laid out again (a module group opened or closed): box
   * numbers changed, the heat map and the highlights were dropped.
   */
  signals[SCENE_CHANGED] = g_signal_new ("scene-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "graph.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "graph.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "graph.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "graph.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "graph.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, 0, "graph.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, 0, "graph.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, 0, "graph.zoom-fit-width", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "graph.open-group", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "graph.open-group", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "graph.close-group", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, 0, "graph.toggle-groups", NULL);
  for (i = 0; i < G_N_ELEMENTS (arrows); i++)
    gtk_widget_class_add_binding_action (widget_class, arrows[i].key, 0, "graph.move", "s", arrows[i].direction);

  gtk_widget_class_set_css_name (widget_class, "graphview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
qs_graph_view_init (QsGraphView *self)
{
  GtkGesture *click, *drag, *zoom;
  GtkEventController *scroll, *motion;

  self->selected = -1;
  self->zoom = 1.0;
  self->highlighted = g_array_new (FALSE, FALSE, sizeof (guint));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Model graph"),
                                  -1);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

GtkWidget *
qs_graph_view_new (void)
{
  return g_object_new (QS_TYPE_GRAPH_VIEW, NULL);
}
