/* qs-paint.c — painting the scene: edges, boxes, badges, legend, colour bar
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Edges go under boxes, so an arrowhead always ends on a box's border.
 * Zoomed out past the point where text would be a smear (the type line
 * under 6 device pixels), boxes are drawn as plain coloured blocks and
 * edges lose their arrowheads: the overview keeps the shape of the model
 * and its colours, and stays fast on thousands of layers.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qs-paint-private.h"

#define EDGE_LABEL_REACH     200.0   /* half the widest tensor label, and more */

void
qs_paint_options_init (QsPaintOptions *options)
{
  memset (options, 0, sizeof *options);
  options->detail = QS_PAINT_DETAIL_AUTO;
  options->higher_is_better = TRUE;
}

static void
set_rgb (cairo_t    *cr,
         QsPaintRgb  c)
{
  cairo_set_source_rgb (cr, c.r, c.g, c.b);
}

static void
set_rgba (cairo_t    *cr,
          QsPaintRgb  c,
          double      alpha)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, alpha);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
hatch (cairo_t                 *cr,
       const cairo_rectangle_t *r,
       double                   radius)
{
  double d;

  cairo_save (cr);
  rounded_rect (cr, r->x, r->y, r->width, r->height, radius);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 0.95, 0.95, 0.96);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.76, 0.77, 0.80);
  cairo_set_line_width (cr, 1.5);
  for (d = -r->height; d < r->width; d += 7)
    {
      cairo_move_to (cr, r->x + d, r->y + r->height);
      cairo_line_to (cr, r->x + d + r->height, r->y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static gboolean
rects_meet (const cairo_rectangle_t *a,
            const cairo_rectangle_t *b)
{
  return a->x <= b->x + b->width && b->x <= a->x + a->width &&
         a->y <= b->y + b->height && b->y <= a->y + a->height;
}

static double
device_scale (cairo_t *cr)
{
  double dx = 1, dy = 0;

  cairo_user_to_device_distance (cr, &dx, &dy);
  return hypot (dx, dy);
}

/* The heat map's span: given, or from the finite values. */
static void
value_range (const QsPaintOptions *options,
             guint                 n,
             double               *lo,
             double               *hi)
{
  guint i;

  *lo = options->value_min;
  *hi = options->value_max;
  if (*lo < *hi)
    return;
  *lo = INFINITY;
  *hi = -INFINITY;
  for (i = 0; i < n; i++)
    if (isfinite (options->values[i]))
      {
        *lo = MIN (*lo, options->values[i]);
        *hi = MAX (*hi, options->values[i]);
      }
  if (!isfinite (*lo))
    *lo = *hi = 0;
  if (*lo == *hi)
    *hi = *lo + 1;
}

static void
paint_text (cairo_t                    *cr,
            QsPaintScene               *scene,
            const PangoFontDescription *font,
            const char                 *text,
            double                      cx,
            double                      y,
            double                      max_width,
            QsPaintRgb                  color)
{
  g_autoptr(PangoLayout) layout = _qs_paint_new_layout (scene, scene->paint_context, font, text, max_width);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  set_rgb (cr, color);
  cairo_move_to (cr, cx - (logical.x + logical.width / 2.0) / PANGO_SCALE, y);
  pango_cairo_show_layout (cr, layout);
}

static void
paint_arrow (cairo_t             *cr,
             const QsLayoutPoint *tip,
             const QsLayoutPoint *from)
{
  double dx = tip->x - from->x, dy = tip->y - from->y, len = hypot (dx, dy);

  if (len < 1e-6)
    {
      dx = 0;
      dy = 1;
    }
  else
    {
      dx /= len;
      dy /= len;
    }
  cairo_move_to (cr, tip->x, tip->y);
  cairo_line_to (cr, tip->x - dx * QS_PAINT_ARROW_LENGTH - dy * QS_PAINT_ARROW_HALF,
                 tip->y - dy * QS_PAINT_ARROW_LENGTH + dx * QS_PAINT_ARROW_HALF);
  cairo_line_to (cr, tip->x - dx * QS_PAINT_ARROW_LENGTH + dy * QS_PAINT_ARROW_HALF,
                 tip->y - dy * QS_PAINT_ARROW_LENGTH - dx * QS_PAINT_ARROW_HALF);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
bezier_point (const QsLayoutPoint *p,
              double               t,
              QsLayoutPoint       *out)
{
  double u = 1 - t;

  out->x = u * u * u * p[0].x + 3 * u * u * t * p[1].x + 3 * u * t * t * p[2].x + t * t * t * p[3].x;
  out->y = u * u * u * p[0].y + 3 * u * u * t * p[1].y + 3 * u * t * t * p[2].y + t * t * t * p[3].y;
}

static void
paint_edge_label (cairo_t      *cr,
                  QsPaintScene *scene,
                  const QsLayoutPath *path,
                  const QsPort *port)
{
  g_autofree char *dims = NULL, *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;
  QsLayoutPoint at;
  double w, h;

  if (port == NULL || path->n_points < 4)
    return;
  dims = _qs_paint_dims_text (&port->shape);
  text = g_strdup_printf ("%s %s", qs_element_type_name (port->element_type), dims);
  layout = _qs_paint_new_layout (scene, scene->paint_context, scene->font_badge, text, 0);
  pango_layout_get_extents (layout, NULL, &logical);
  w = logical.width / (double) PANGO_SCALE + 6;
  h = logical.height / (double) PANGO_SCALE + 2;
  /* Just below the source box: the label names the tensor leaving the port. */
  bezier_point (path->points, 0.22, &at);
  at.y = MAX (at.y, path->points[0].y + h / 2 + 2);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
  rounded_rect (cr, at.x - w / 2, at.y - h / 2, w, h, 3);
  cairo_fill_preserve (cr);
  set_rgba (cr, qs_paint_edge_rgb, 0.6);
  cairo_set_line_width (cr, 0.75);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 0.25, 0.27, 0.30);
  cairo_move_to (cr, at.x - w / 2 + 3 - logical.x / (double) PANGO_SCALE, at.y - h / 2 + 1);
  pango_cairo_show_layout (cr, layout);
}

static void
paint_edges (cairo_t                 *cr,
             QsPaintScene            *scene,
             const QsPaintOptions    *options,
             const cairo_rectangle_t *visible,
             const guint8            *selected,
             gboolean                 overview,
             gboolean                 labels_pass)
{
  QsLayoutGraph *lg = qs_layout_get_graph (scene->layout);
  guint e, n_edges = qs_layout_graph_get_n_edges (lg), pass;
  double s = device_scale (cr);
  g_autoptr(GHashTable) labelled = g_hash_table_new (NULL, NULL);

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  /* Plain edges first, then the selected ones on top of them. */
  for (pass = 0; pass < 2; pass++)
    for (e = 0; e < n_edges; e++)
      {
        const QsLayoutPath *path = qs_layout_get_path (scene->layout, e);
        cairo_rectangle_t bb;
        double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
        gboolean hot = selected != NULL && (selected[path->from] || selected[path->to]);
        guint k;

        if (path->n_points < 2 || hot != (pass == 1))
          continue;
        for (k = 0; k < path->n_points; k++)
          {
            x0 = MIN (x0, path->points[k].x);
            x1 = MAX (x1, path->points[k].x);
            y0 = MIN (y0, path->points[k].y);
            y1 = MAX (y1, path->points[k].y);
          }
        /* the arrow, and the line's half width, which grows as the zoom
         * falls (a line never gets thinner than a fraction of a pixel),
         * with a pixel for antialiasing */
        bb.x = x0 - QS_PAINT_ARROW_HALF - 1.5 / s;
        bb.y = y0 - QS_PAINT_ARROW_LENGTH - 1.5 / s;
        bb.width = x1 - x0 + 2 * (QS_PAINT_ARROW_HALF + 1.5 / s);
        bb.height = y1 - y0 + 2 * (QS_PAINT_ARROW_LENGTH + 1.5 / s);
        if (labels_pass)
          {
            /* a label is centred on the edge and may reach past it */
            bb.x -= EDGE_LABEL_REACH;
            bb.width += 2 * EDGE_LABEL_REACH;
            bb.y -= EDGE_LABEL_REACH / 4;
            bb.height += EDGE_LABEL_REACH / 2;
          }
        if (!rects_meet (&bb, visible))
          continue;

        if (labels_pass)
          {
            /* One label per output port, however many consumers it has. */
            if (scene->edge_output[e] != NULL && g_hash_table_add (labelled, (gpointer) scene->edge_output[e]))
              paint_edge_label (cr, scene, path, scene->edge_output[e]);
            continue;
          }
        if (hot)
          set_rgb (cr, qs_paint_selection_rgb);
        else
          set_rgba (cr, qs_paint_edge_rgb, overview ? 0.55 : 1.0);
        /* Never thinner than half a device pixel, or the overview loses its edges. */
        cairo_set_line_width (cr, MAX (hot ? 2.2 : 1.25, 0.6 / s));
        cairo_move_to (cr, path->points[0].x, path->points[0].y);
        for (k = 1; k + 2 < path->n_points; k += 3)
          cairo_curve_to (cr, path->points[k].x, path->points[k].y,
                          path->points[k + 1].x, path->points[k + 1].y,
                          path->points[k + 2].x, path->points[k + 2].y);
        if (path->n_points == 2)
          cairo_line_to (cr, path->points[1].x, path->points[1].y);
        cairo_stroke (cr);
        if (!overview)
          {
            if (path->reversed)
              paint_arrow (cr, &path->points[0], &path->points[1]);
            else
              paint_arrow (cr, &path->points[path->n_points - 1], &path->points[path->n_points - 2]);
          }
      }
}

static void
paint_badge (cairo_t                 *cr,
             QsPaintScene            *scene,
             const QsPaintBadge      *badge,
             const cairo_rectangle_t *r,
             QsPaintRgb               ink)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;

  if (badge->reason)
    {
      set_rgb (cr, qs_paint_fp32_badge_rgb);
      rounded_rect (cr, r->x, r->y, r->width, r->height, r->height / 2);
      cairo_fill (cr);
    }
  else
    {
      cairo_set_source_rgba (cr, 1, 1, 1, 0.82);
      rounded_rect (cr, r->x, r->y, r->width, r->height, 3);
      cairo_fill_preserve (cr);
      set_rgba (cr, ink, 0.55);
      cairo_set_line_width (cr, 0.8);
      cairo_stroke (cr);
    }
  layout = _qs_paint_new_layout (scene, scene->paint_context, scene->font_badge, badge->text,
                                 badge->reason ? 0 : r->width - 2 * QS_PAINT_BADGE_PAD + 0.5);
  if (badge->reason)
    {
      PangoFontDescription *bold = pango_font_description_copy (scene->font_badge);
      pango_font_description_set_weight (bold, PANGO_WEIGHT_BOLD);
      pango_layout_set_font_description (layout, bold);
      pango_font_description_free (bold);
    }
  pango_layout_get_extents (layout, NULL, &logical);
  if (badge->reason)
    cairo_set_source_rgb (cr, 1, 1, 1);
  else
    cairo_set_source_rgb (cr, 0.16, 0.18, 0.21);
  cairo_move_to (cr, r->x + (r->width - logical.width / (double) PANGO_SCALE) / 2 - logical.x / (double) PANGO_SCALE,
                 r->y + (r->height - logical.height / (double) PANGO_SCALE) / 2);
  pango_cairo_show_layout (cr, layout);
}

/* QS_PAINT_DETAIL_TYPE: the type alone, centred, at most three times the
 * type line and 0.75 of the box's height, smaller to fit the box's width but
 * never under QS_PAINT_OVERVIEW_FONT_PIXELS (cut with an ellipsis there);
 * nothing when the box is too low for that size. */
static void
paint_type_label (cairo_t                 *cr,
                  QsPaintScene            *scene,
                  const QsPaintBox        *box,
                  const cairo_rectangle_t *r,
                  QsPaintRgb               fill,
                  double                   s)
{
  double size = MIN (r->height * 0.75, 3 * scene->font_size);
  g_autoptr(PangoFontDescription) font = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;

  if (size * s < QS_PAINT_OVERVIEW_FONT_PIXELS)
    return;
  /* whole when it fits at a legible size, else cut at the smallest one */
  layout = _qs_paint_new_layout (scene, scene->paint_context, scene->font_type, box->text.type, 0);
  pango_layout_get_extents (layout, NULL, &logical);
  g_clear_object (&layout);
  if (logical.width > 0)
    size = MIN (size, scene->font_size * (r->width - 4) * PANGO_SCALE / logical.width);
  size = MAX (size, QS_PAINT_OVERVIEW_FONT_PIXELS / s);
  font = pango_font_description_copy (scene->font_type);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  layout = _qs_paint_new_layout (scene, scene->paint_context, font, box->text.type, r->width - 4);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_extents (layout, NULL, &logical);
  if (qs_paint_rgb_luminance (fill) > 0.45)
    cairo_set_source_rgb (cr, 0.08, 0.08, 0.1);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, r->x + r->width / 2 - (logical.x + logical.width / 2.0) / PANGO_SCALE,
                 r->y + r->height / 2 - (logical.y + logical.height / 2.0) / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
}

static const QsPaintClass legend_order[] = {
  QS_PAINT_CLASS_INT8_COMPUTE, QS_PAINT_CLASS_FP32_COMPUTE, QS_PAINT_CLASS_FAKE_QUANTIZE,
  QS_PAINT_CLASS_QUANTIZE, QS_PAINT_CLASS_DEQUANTIZE, QS_PAINT_CLASS_REQUANTIZE,
  QS_PAINT_CLASS_CODES, QS_PAINT_CLASS_OTHER, QS_PAINT_CLASS_CONST, QS_PAINT_CLASS_IO,
};

/* The mix of a group's layers as a bar of coloured segments: classes
 * (their outline colours), or precisions when colouring by precision. */
static void
paint_mix (cairo_t                 *cr,
           const QsPaintBox        *box,
           const QsPaintOptions    *options,
           const cairo_rectangle_t *r)
{
  double x = r->x, total = 0;
  guint i;

  if (options->colour_precision)
    {
      for (i = 0; i < QS_PAINT_N_PRECISIONS; i++)
        total += box->precision_count[i];
      for (i = 0; i < QS_PAINT_N_PRECISIONS && total > 0; i++)
        if (box->precision_count[i] > 0)
          {
            double w = r->width * box->precision_count[i] / total;
            set_rgb (cr, qs_paint_precision_rgb (i));
            cairo_rectangle (cr, x, r->y, w, r->height);
            cairo_fill (cr);
            x += w;
          }
      return;
    }
  for (i = 0; i < G_N_ELEMENTS (legend_order); i++)
    total += box->class_count[legend_order[i]];
  for (i = 0; i < G_N_ELEMENTS (legend_order) && total > 0; i++)
    if (box->class_count[legend_order[i]] > 0)
      {
        double w = r->width * box->class_count[legend_order[i]] / total;
        const QsPaintStyle *style = qs_paint_style_get (legend_order[i]);
        set_rgb (cr, legend_order[i] == QS_PAINT_CLASS_OTHER || legend_order[i] == QS_PAINT_CLASS_CONST
                     ? (QsPaintRgb) { 0.78, 0.80, 0.83 } : style->stroke);
        cairo_rectangle (cr, x, r->y, w, r->height);
        cairo_fill (cr);
        x += w;
      }
}

/* The selection's halo around box rectangle @r with corners of @radius */
static void
paint_halo (cairo_t                 *cr,
            const cairo_rectangle_t *r,
            double                   radius,
            double                   s)
{
  set_rgba (cr, qs_paint_highlight_rgb, 0.35);
  rounded_rect (cr, r->x - 7, r->y - 7, r->width + 14, r->height + 14, radius + 7);
  cairo_fill (cr);
  set_rgb (cr, qs_paint_highlight_rgb);
  cairo_set_line_width (cr, MAX (2.0, 1.5 / s));
  rounded_rect (cr, r->x - 4, r->y - 4, r->width + 8, r->height + 8, radius + 4);
  cairo_stroke (cr);
}

/* Dark or white text, whichever reads on @fill */
static QsPaintRgb
text_on (QsPaintRgb fill)
{
  return qs_paint_rgb_luminance (fill) > 0.45 ? (QsPaintRgb) { 0.08, 0.08, 0.1 } : (QsPaintRgb) { 1, 1, 1 };
}

/* The heat map's colour of box @i on the scale [@lo, @hi] and text that
 * reads on it; FALSE, leaving them alone, when the box has no value. */
static gboolean
heat_fill (const QsPaintOptions *options,
           guint                 i,
           double                lo,
           double                hi,
           QsPaintRgb           *fill,
           QsPaintRgb           *text,
           QsPaintRgb           *subtext)
{
  double v = options->values[i], t;

  if (isnan (v))
    return FALSE;
  t = isinf (v) ? (v > 0 ? 1 : 0) : (v - lo) / (hi - lo);
  *fill = qs_paint_colormap (t);
  *text = *subtext = text_on (*fill);
  return TRUE;
}

/* A collapsed group: a card on a stack of two, its name, its layer count,
 * the count of int8 and fp32 layers and quantizers, and the bar of its mix. */
static void
paint_group (cairo_t              *cr,
             QsPaintScene         *scene,
             const QsPaintOptions *options,
             guint                 i,
             gboolean              overview,
             gboolean              type_only,
             gboolean              selected,
             gboolean              highlighted,
             double                lo,
             double                hi)
{
  const QsPaintBox *box = &scene->boxes[i];
  const double radius = 6, st = QS_PAINT_GROUP_STACK;
  QsPaintRgb fill = { 0.93, 0.94, 0.97 }, stroke = { 0.33, 0.37, 0.45 };
  QsPaintRgb text = { 0.12, 0.14, 0.18 }, subtext = { 0.30, 0.33, 0.38 };
  cairo_rectangle_t r, card, bar;
  gboolean missing = FALSE;
  double s = device_scale (cr), y, k;

  qs_paint_scene_get_box_rect (scene, i, &r);
  card = (cairo_rectangle_t) { r.x, r.y, r.width - st, r.height - st };

  if (highlighted)
    paint_halo (cr, &r, radius, s);
  if (options->values != NULL)
    missing = !heat_fill (options, i, lo, hi, &fill, &text, &subtext);

  /* the stack behind: the group holds many */
  for (k = 2; k >= 1; k--)
    {
      cairo_rectangle_t back = { card.x + st * k / 2, card.y + st * k / 2, card.width, card.height };
      cairo_set_source_rgb (cr, 0.97, 0.97, 0.98);
      rounded_rect (cr, back.x, back.y, back.width, back.height, radius);
      cairo_fill_preserve (cr);
      set_rgb (cr, stroke);
      cairo_set_line_width (cr, MAX (1.0, 0.75 / s));
      cairo_stroke (cr);
    }

  if (missing)
    hatch (cr, &card, radius);
  else
    {
      set_rgb (cr, fill);
      rounded_rect (cr, card.x, card.y, card.width, card.height, radius);
      cairo_fill (cr);
      if (overview && options->values == NULL)
        {
          /* zoomed out, the lower third of the card is the bar of its mix */
          cairo_rectangle_t low = { card.x, card.y + card.height * 2 / 3, card.width, card.height / 3 };
          cairo_save (cr);
          rounded_rect (cr, card.x, card.y, card.width, card.height, radius);
          cairo_clip (cr);
          paint_mix (cr, box, options, &low);
          cairo_restore (cr);
        }
    }
  rounded_rect (cr, card.x, card.y, card.width, card.height, radius);
  set_rgb (cr, stroke);
  cairo_set_line_width (cr, MAX (1.6, 0.75 / s));
  cairo_stroke (cr);

  if (selected)
    {
      set_rgb (cr, qs_paint_selection_rgb);
      cairo_set_line_width (cr, MAX (3.0, 2.0 / s));
      rounded_rect (cr, r.x - 3.5, r.y - 3.5, r.width + 7, r.height + 7, radius + 3.5);
      cairo_stroke (cr);
    }

  if (overview)
    {
      if (type_only && !missing)
        {
          cairo_rectangle_t top = card;
          if (options->values == NULL)
            top.height = card.height * 2 / 3;
          paint_type_label (cr, scene, box, &top, fill, s);
        }
      return;
    }

  y = card.y + QS_PAINT_PAD_Y;
  paint_text (cr, scene, scene->font_type, box->text.type, card.x + card.width / 2, y,
              card.width - 2 * QS_PAINT_PAD_X + 1, text);
  y += box->text.type_h + QS_PAINT_LINE_GAP;
  paint_text (cr, scene, scene->font_name, box->text.name, card.x + card.width / 2, y,
              card.width - 2 * QS_PAINT_PAD_X + 1, subtext);
  y += box->text.name_h + QS_PAINT_LINE_GAP;
  if (box->text.shape_h > 0)
    paint_text (cr, scene, scene->font_name, box->text.shape, card.x + card.width / 2, y,
                card.width - 2 * QS_PAINT_PAD_X + 1, subtext);
  bar = (cairo_rectangle_t) { card.x + QS_PAINT_PAD_X, card.y + card.height - QS_PAINT_PAD_Y - QS_PAINT_GROUP_BAR,
                              card.width - 2 * QS_PAINT_PAD_X, QS_PAINT_GROUP_BAR };
  cairo_save (cr);
  rounded_rect (cr, bar.x, bar.y, bar.width, bar.height, 2);
  cairo_clip (cr);
  paint_mix (cr, box, options, &bar);
  cairo_restore (cr);
  rounded_rect (cr, bar.x, bar.y, bar.width, bar.height, 2);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_set_line_width (cr, 0.75);
  cairo_stroke (cr);
}

static void
paint_box (cairo_t              *cr,
           QsPaintScene         *scene,
           const QsPaintOptions *options,
           guint                 i,
           gboolean              overview,
           gboolean              type_only,
           gboolean              selected,
           gboolean              highlighted,
           double                lo,
           double                hi)
{
  const QsPaintBox *box = &scene->boxes[i];
  const QsPaintStyle *style = qs_paint_style_get (box->klass);
  cairo_rectangle_t r;
  QsPaintRgb fill = style->fill, text = style->text, subtext = style->subtext;
  gboolean missing = FALSE;
  double y, s = device_scale (cr);
  guint k;

  if (box->group >= 0)
    {
      paint_group (cr, scene, options, i, overview, type_only, selected, highlighted, lo, hi);
      return;
    }
  qs_paint_scene_get_box_rect (scene, i, &r);

  if (highlighted)
    paint_halo (cr, &r, style->radius, s);
  if (options->values != NULL)
    {
      missing = !heat_fill (options, i, lo, hi, &fill, &text, &subtext);
      if (missing)
        text = subtext = (QsPaintRgb) { 0.35, 0.37, 0.40 };
    }
  else if (options->colour_precision)
    {
      fill = qs_paint_precision_rgb (scene->node_precision[box->node->index]);
      text = subtext = text_on (fill);
    }

  /* Zoomed out, a pale fill vanishes into the page: boxes take their
   * outline colour (fp32 a pale red, so it still reads "not int8"). */
  if (overview && options->values == NULL && !options->colour_precision)
    switch (box->klass)
      {
      case QS_PAINT_CLASS_OTHER: fill = (QsPaintRgb) { 0.78, 0.80, 0.83 }; break;
      case QS_PAINT_CLASS_CONST: fill = (QsPaintRgb) { 0.90, 0.91, 0.92 }; break;
      case QS_PAINT_CLASS_FP32_COMPUTE: fill = (QsPaintRgb) { 0.96, 0.72, 0.69 }; break;
      default: fill = style->stroke; break;
      }

  if (missing)
    hatch (cr, &r, style->radius);
  else
    {
      set_rgb (cr, fill);
      rounded_rect (cr, r.x, r.y, r.width, r.height, style->radius);
      cairo_fill (cr);
    }

  rounded_rect (cr, r.x, r.y, r.width, r.height, style->radius);
  set_rgb (cr, style->stroke);
  cairo_set_line_width (cr, MAX (style->line_width, 0.75 / s));
  if (style->dashed)
    {
      double dash[] = { 3, 2 };
      cairo_set_dash (cr, dash, 2, 0);
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* Over a heat map the fill tells the figure, and a thin outline alone
   * would lose the quantizers among the layers: the FakeQuantize,
   * Quantize, Dequantize and Requantize boxes keep a ring of their class
   * colour, zoomed in or out (the legend says so). */
  if ((options->values != NULL || options->colour_precision) && qs_paint_class_is_quantizer (box->klass))
    {
      set_rgb (cr, style->stroke);
      cairo_set_line_width (cr, MAX (3.0, 2.0 / s));
      rounded_rect (cr, r.x - 2.5, r.y - 2.5, r.width + 5, r.height + 5, style->radius + 2.5);
      cairo_stroke (cr);
    }

  if (selected)
    {
      set_rgb (cr, qs_paint_selection_rgb);
      cairo_set_line_width (cr, MAX (3.0, 2.0 / s));
      rounded_rect (cr, r.x - 3.5, r.y - 3.5, r.width + 7, r.height + 7, style->radius + 3.5);
      cairo_stroke (cr);
    }

  if (overview)
    {
      /* The fp32 badge survives zooming out as a red corner. */
      if (box->reason != NULL && box->klass == QS_PAINT_CLASS_FP32_COMPUTE)
        {
          double c = MIN (r.height, r.width) * 0.45;
          set_rgb (cr, qs_paint_fp32_badge_rgb);
          cairo_move_to (cr, r.x + r.width - c, r.y);
          cairo_line_to (cr, r.x + r.width, r.y);
          cairo_line_to (cr, r.x + r.width, r.y + c);
          cairo_close_path (cr);
          cairo_fill (cr);
        }
      if (type_only && !missing)
        paint_type_label (cr, scene, box, &r, fill, s);
      return;
    }

  /* Levels of detail as the zoom falls: a line whose text would be under
   * QS_PAINT_OVERVIEW_FONT_PIXELS is left out (badges keep their pill,
   * without text), so the type stays when the name goes. */
  y = r.y + QS_PAINT_PAD_Y;
  if (box->text.badges->len > 0)
    {
      gboolean badge_text = options->detail == QS_PAINT_DETAIL_FULL ||
                            scene->font_size * 0.74 * s >= QS_PAINT_OVERVIEW_FONT_PIXELS;

      for (k = 0; k < box->text.badges->len; k++)
        {
          cairo_rectangle_t br;
          const QsPaintBadge *badge = &g_array_index (box->text.badges, QsPaintBadge, k);
          _qs_paint_badge_rect (scene, i, k, &br);
          if (badge_text)
            paint_badge (cr, scene, badge, &br, style->stroke);
          else
            {
              if (badge->reason)
                set_rgb (cr, qs_paint_fp32_badge_rgb);
              else
                set_rgba (cr, style->stroke, 0.35);
              rounded_rect (cr, br.x, br.y, br.width, br.height, br.height / 2);
              cairo_fill (cr);
            }
        }
      y += QS_PAINT_BADGE_HEIGHT + QS_PAINT_BADGE_GAP;
    }
  paint_text (cr, scene, scene->font_type, box->text.type, r.x + r.width / 2, y, r.width - 2 * QS_PAINT_PAD_X + 1, text);
  y += box->text.type_h + QS_PAINT_LINE_GAP;
  if (options->detail != QS_PAINT_DETAIL_FULL && scene->font_size * 0.82 * s < QS_PAINT_OVERVIEW_FONT_PIXELS)
    return;
  paint_text (cr, scene, scene->font_name, box->text.name, r.x + r.width / 2, y, r.width - 2 * QS_PAINT_PAD_X + 1, subtext);
  y += box->text.name_h + QS_PAINT_LINE_GAP;
  if (box->text.shape_h > 0)
    paint_text (cr, scene, scene->font_name, box->text.shape, r.x + r.width / 2, y, r.width - 2 * QS_PAINT_PAD_X + 1, subtext);
}

static guint8 *
index_set (const guint *indices,
           guint        n_indices,
           guint        n_boxes)
{
  guint8 *set;
  guint i;

  if (n_indices == 0)
    return NULL;
  set = g_new0 (guint8, MAX (n_boxes, 1));
  for (i = 0; i < n_indices; i++)
    if (indices[i] < n_boxes)
      set[indices[i]] = 1;
  return set;
}

/**
 * qs_paint_graph:
 * @cr: where to paint, transformed so that layout units are wanted
 * @scene: a scene with a layout
 * @options: (nullable): the view
 *
 * Paints what of the scene meets the visible rectangle.  Never runs the
 * layout.  Leaves @cr's state as it found it.
 */
void
qs_paint_graph (cairo_t              *cr,
                QsPaintScene         *scene,
                const QsPaintOptions *options)
{
  QsPaintOptions defaults;
  g_autofree guint8 *selected = NULL, *highlighted = NULL;
  cairo_rectangle_t visible;
  gboolean overview, type_only;
  double lo = 0, hi = 1, s, reach;
  guint i;

  g_return_if_fail (scene->layout != NULL);
  if (options == NULL)
    {
      qs_paint_options_init (&defaults);
      options = &defaults;
    }

  cairo_save (cr);
  {
    double x0, y0, x1, y1;
    cairo_clip_extents (cr, &x0, &y0, &x1, &y1);
    visible.x = x0;
    visible.y = y0;
    visible.width = x1 - x0;
    visible.height = y1 - y0;
  }
  if (options->visible != NULL)
    {
      double x0 = MAX (visible.x, options->visible->x), y0 = MAX (visible.y, options->visible->y);
      double x1 = MIN (visible.x + visible.width, options->visible->x + options->visible->width);
      double y1 = MIN (visible.y + visible.height, options->visible->y + options->visible->height);
      visible.x = x0;
      visible.y = y0;
      visible.width = MAX (0, x1 - x0);
      visible.height = MAX (0, y1 - y0);
    }

  s = device_scale (cr);
  reach = 8 + 2 / s;
  if (options->detail == QS_PAINT_DETAIL_AUTO)
    overview = scene->font_size * s < QS_PAINT_OVERVIEW_FONT_PIXELS;
  else
    overview = options->detail == QS_PAINT_DETAIL_OVERVIEW || options->detail == QS_PAINT_DETAIL_TYPE;
  /* zoomed out, a box still says its type while that can be 6 pixels */
  type_only = options->detail == QS_PAINT_DETAIL_TYPE || (options->detail == QS_PAINT_DETAIL_AUTO && overview);

  pango_cairo_update_context (cr, scene->paint_context);
  selected = index_set (options->selected, options->n_selected, scene->n_boxes);
  highlighted = index_set (options->highlighted, options->n_highlighted, scene->n_boxes);
  if (options->values != NULL)
    value_range (options, scene->n_boxes, &lo, &hi);

  paint_edges (cr, scene, options, &visible, selected, overview, FALSE);
  for (i = 0; i < scene->n_boxes; i++)
    {
      cairo_rectangle_t r;
      qs_paint_scene_get_box_rect (scene, i, &r);
      /* the highlight reaches 7 units out; outlines, which keep a width
       * in pixels, reach about 2 pixels more */
      r.x -= reach;
      r.y -= reach;
      r.width += 2 * reach;
      r.height += 2 * reach;
      if (!rects_meet (&r, &visible))
        continue;
      paint_box (cr, scene, options, i, overview, type_only, selected != NULL && selected[i],
                 highlighted != NULL && highlighted[i], lo, hi);
    }
  if (options->edge_labels && !overview)
    paint_edges (cr, scene, options, &visible, selected, overview, TRUE);
  cairo_restore (cr);
}

/* -- legend -- */

#define LEGEND_PAD      12.0
#define LEGEND_ROW      20.0
#define LEGEND_SWATCH_W 30.0
#define LEGEND_SWATCH_H 14.0
#define LEGEND_BAR_W    200.0
#define LEGEND_BAR_H    12.0


typedef struct
{
  gboolean present[QS_PAINT_N_CLASSES];
  guint    n_classes;
  gboolean any_reason;
  gboolean precision[QS_PAINT_N_PRECISIONS];
  gboolean any_group;
} LegendContent;

#define LEGEND_GROUP_TEXT "group of layers (bar: its mix; double-click opens)"

static void
legend_content (QsPaintScene  *scene,
                LegendContent *c)
{
  guint i, k;

  memset (c, 0, sizeof *c);
  for (i = 0; i < scene->n_boxes; i++)
    {
      const QsPaintBox *box = &scene->boxes[i];

      if (box->group >= 0)
        {
          c->any_group = TRUE;
          for (k = 0; k < QS_PAINT_N_CLASSES; k++)
            if (box->class_count[k] > 0 && !c->present[k])
              {
                c->present[k] = TRUE;
                c->n_classes++;
              }
          for (k = 0; k < QS_PAINT_N_PRECISIONS; k++)
            c->precision[k] |= box->precision_count[k] > 0;
          continue;
        }
      if (!c->present[box->klass])
        c->n_classes++;
      c->present[box->klass] = TRUE;
      c->precision[scene->node_precision[box->node->index]] = TRUE;
      if (qs_paint_scene_get_reason_badge (scene, i, NULL, NULL))
        c->any_reason = TRUE;
    }
}

/* The precisions in the order the legend lists them. */
static const QsLptPrecision precision_order[] = {
  QS_LPT_PRECISION_INT8, QS_LPT_PRECISION_CODES, QS_LPT_PRECISION_FP32, QS_LPT_PRECISION_FOLDED,
  QS_LPT_PRECISION_NONE,
};

static double
legend_text_width (QsPaintScene               *scene,
                   const PangoFontDescription *font,
                   const char                 *text)
{
  g_autoptr(PangoLayout) layout = _qs_paint_new_layout (scene, scene->measure_context, font, text, 0);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return logical.width / (double) PANGO_SCALE;
}

static const char *
direction_text (const QsPaintOptions *options)
{
  return options->higher_is_better ? "higher is better" : "lower is better";
}

/* The colour bar block: the value's name, the bar with three ticks, the
 * low, middle and high values, and the hatch of a layer without a value. */
#define COLORBAR_H (LEGEND_ROW + LEGEND_BAR_H + 4 + LEGEND_ROW + LEGEND_ROW)

static char *
colorbar_note (const QsPaintOptions *options)
{
  return g_strdup_printf ("no value · %s", direction_text (options));
}

static double
colorbar_width (QsPaintScene         *scene,
                const QsPaintOptions *options)
{
  g_autofree char *note = colorbar_note (options);
  double w = LEGEND_BAR_W;

  w = MAX (w, legend_text_width (scene, scene->font_type, options->value_label != NULL ? options->value_label : "value"));
  w = MAX (w, LEGEND_SWATCH_W + 8 + legend_text_width (scene, scene->font_name, note));
  return w;
}

void
qs_paint_legend_get_size (QsPaintScene         *scene,
                          const QsPaintOptions *options,
                          double               *width,
                          double               *height)
{
  LegendContent c;
  double w = 0, h = LEGEND_PAD;
  guint i;

  legend_content (scene, &c);
  if (options != NULL && options->values != NULL)
    {
      w = MAX (w, colorbar_width (scene, options));
      h += COLORBAR_H + 8;
    }
  if (options != NULL && options->values == NULL && options->colour_precision)
    {
      h += LEGEND_ROW;   /* "Precision" title */
      for (i = 0; i < G_N_ELEMENTS (precision_order); i++)
        if (c.precision[precision_order[i]])
          {
            w = MAX (w, LEGEND_SWATCH_W + 8 + legend_text_width (scene, scene->font_name,
                                                                 qs_paint_precision_label (precision_order[i])));
            h += LEGEND_ROW;
          }
      h += 8;
    }
  if (c.any_group)
    {
      w = MAX (w, LEGEND_SWATCH_W + 8 + legend_text_width (scene, scene->font_name, LEGEND_GROUP_TEXT));
      h += LEGEND_ROW;
    }
  h += LEGEND_ROW;   /* "Layers" title */
  for (i = 0; i < G_N_ELEMENTS (legend_order); i++)
    if (c.present[legend_order[i]])
      {
        w = MAX (w, LEGEND_SWATCH_W + 8 + legend_text_width (scene, scene->font_name, qs_paint_style_get (legend_order[i])->name));
        h += LEGEND_ROW;
      }
  if (c.any_reason)
    {
      w = MAX (w, LEGEND_SWATCH_W + 8 + legend_text_width (scene, scene->font_name, "left in fp32 (reason in tooltip)"));
      h += LEGEND_ROW;
    }
  *width = ceil (w + 2 * LEGEND_PAD);
  *height = ceil (h + LEGEND_PAD - 4);
}

static void
legend_label (cairo_t                    *cr,
              QsPaintScene               *scene,
              const PangoFontDescription *font,
              const char                 *text,
              double                      x,
              double                      y,
              double                      align)   /* 0 left, 0.5 centre, 1 right */
{
  g_autoptr(PangoLayout) layout = _qs_paint_new_layout (scene, scene->paint_context, font, text, 0);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  cairo_move_to (cr, x - align * logical.width / (double) PANGO_SCALE,
                 y - logical.height / (double) PANGO_SCALE / 2);
  pango_cairo_show_layout (cr, layout);
}

/* The white card under the legend and the colour bar, @w × @h at the origin. */
static void
paint_card (cairo_t *cr,
            double   w,
            double   h,
            double   alpha)
{
  cairo_set_source_rgba (cr, 1, 1, 1, alpha);
  rounded_rect (cr, 0.5, 0.5, w - 1, h - 1, 6);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.78, 0.80, 0.83);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
paint_colorbar_block (cairo_t              *cr,
                      QsPaintScene         *scene,
                      const QsPaintOptions *options,
                      double                x,
                      double                y)
{
  g_autofree char *note = colorbar_note (options);
  double lo, hi, k;
  char text[64];

  value_range (options, scene->n_boxes, &lo, &hi);
  cairo_set_source_rgb (cr, 0.14, 0.16, 0.18);
  legend_label (cr, scene, scene->font_type, options->value_label != NULL ? options->value_label : "value",
                x, y + LEGEND_ROW / 2, 0);
  y += LEGEND_ROW;
  for (k = 0; k < LEGEND_BAR_W; k += 1)
    {
      set_rgb (cr, qs_paint_colormap (k / (LEGEND_BAR_W - 1)));
      cairo_rectangle (cr, x + k, y, 1.5, LEGEND_BAR_H);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0.45, 0.47, 0.5);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, x + 0.5, y + 0.5, LEGEND_BAR_W - 1, LEGEND_BAR_H - 1);
  cairo_stroke (cr);
  for (k = 0; k <= 2; k++)
    {
      cairo_move_to (cr, x + 0.5 + k * (LEGEND_BAR_W - 1) / 2, y + LEGEND_BAR_H);
      cairo_rel_line_to (cr, 0, 4);
      cairo_stroke (cr);
    }
  y += LEGEND_BAR_H + 4;
  cairo_set_source_rgb (cr, 0.25, 0.27, 0.30);
  g_snprintf (text, sizeof text, "%.3g", lo);
  legend_label (cr, scene, scene->font_name, text, x, y + LEGEND_ROW / 2, 0);
  g_snprintf (text, sizeof text, "%.3g", (lo + hi) / 2);
  legend_label (cr, scene, scene->font_name, text, x + LEGEND_BAR_W / 2, y + LEGEND_ROW / 2, 0.5);
  g_snprintf (text, sizeof text, "%.3g", hi);
  legend_label (cr, scene, scene->font_name, text, x + LEGEND_BAR_W, y + LEGEND_ROW / 2, 1);
  y += LEGEND_ROW;
  {
    cairo_rectangle_t r = { x, y + (LEGEND_ROW - LEGEND_SWATCH_H) / 2, LEGEND_SWATCH_W, LEGEND_SWATCH_H };
    hatch (cr, &r, 3);
    cairo_set_source_rgb (cr, 0.25, 0.27, 0.30);
    legend_label (cr, scene, scene->font_name, note, x + LEGEND_SWATCH_W + 8, y + LEGEND_ROW / 2, 0);
  }
}

/* A card holding the colour bar alone (the window shows it over a heat
 * map); nothing without values. */
void
qs_paint_colorbar_get_size (QsPaintScene         *scene,
                            const QsPaintOptions *options,
                            double               *width,
                            double               *height)
{
  if (options == NULL || options->values == NULL)
    {
      *width = *height = 0;
      return;
    }
  *width = ceil (colorbar_width (scene, options) + 2 * LEGEND_PAD);
  *height = ceil (COLORBAR_H + 2 * LEGEND_PAD - 4);
}

void
qs_paint_colorbar (cairo_t              *cr,
                   QsPaintScene         *scene,
                   const QsPaintOptions *options)
{
  double w, h;

  qs_paint_colorbar_get_size (scene, options, &w, &h);
  if (w <= 0)
    return;
  cairo_save (cr);
  pango_cairo_update_context (cr, scene->paint_context);
  paint_card (cr, w, h, 0.92);
  paint_colorbar_block (cr, scene, options, LEGEND_PAD, LEGEND_PAD);
  cairo_restore (cr);
}

/**
 * qs_paint_legend:
 *
 * Paints the legend with its top-left corner at the origin, over a white
 * card.  Its size is qs_paint_legend_get_size().
 */
void
qs_paint_legend (cairo_t              *cr,
                 QsPaintScene         *scene,
                 const QsPaintOptions *options)
{
  LegendContent c;
  double w, h, x = LEGEND_PAD, y = LEGEND_PAD;
  guint i;

  legend_content (scene, &c);
  qs_paint_legend_get_size (scene, options, &w, &h);
  cairo_save (cr);
  pango_cairo_update_context (cr, scene->paint_context);

  paint_card (cr, w, h, 0.96);

  if (options != NULL && options->values != NULL)
    {
      paint_colorbar_block (cr, scene, options, x, y);
      y += COLORBAR_H + 8;
    }

  if (options != NULL && options->values == NULL && options->colour_precision)
    {
      cairo_set_source_rgb (cr, 0.14, 0.16, 0.18);
      legend_label (cr, scene, scene->font_type, "Precision (fill)", x, y + LEGEND_ROW / 2, 0);
      y += LEGEND_ROW;
      for (i = 0; i < G_N_ELEMENTS (precision_order); i++)
        {
          double sy = y + (LEGEND_ROW - LEGEND_SWATCH_H) / 2;

          if (!c.precision[precision_order[i]])
            continue;
          set_rgb (cr, qs_paint_precision_rgb (precision_order[i]));
          rounded_rect (cr, x, sy, LEGEND_SWATCH_W, LEGEND_SWATCH_H, 4);
          cairo_fill_preserve (cr);
          cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
          cairo_set_source_rgb (cr, 0.20, 0.22, 0.25);
          legend_label (cr, scene, scene->font_name, qs_paint_precision_label (precision_order[i]),
                        x + LEGEND_SWATCH_W + 8, y + LEGEND_ROW / 2, 0);
          y += LEGEND_ROW;
        }
      y += 8;
    }

  cairo_set_source_rgb (cr, 0.14, 0.16, 0.18);
  legend_label (cr, scene, scene->font_type,
                options != NULL && (options->values != NULL || options->colour_precision)
                ? "Layers (outline; quantizers ringed)" : "Layers",
                x, y + LEGEND_ROW / 2, 0);
  y += LEGEND_ROW;
  for (i = 0; i < G_N_ELEMENTS (legend_order); i++)
    {
      const QsPaintStyle *style = qs_paint_style_get (legend_order[i]);
      double sy = y + (LEGEND_ROW - LEGEND_SWATCH_H) / 2;

      if (!c.present[legend_order[i]])
        continue;
      if (options != NULL && (options->values != NULL || options->colour_precision))
        cairo_set_source_rgb (cr, 1, 1, 1);
      else
        set_rgb (cr, style->fill);
      rounded_rect (cr, x, sy, LEGEND_SWATCH_W, LEGEND_SWATCH_H, MIN (style->radius, 7));
      cairo_fill_preserve (cr);
      set_rgb (cr, style->stroke);
      cairo_set_line_width (cr, style->line_width);
      if (style->dashed)
        {
          double dash[] = { 3, 2 };
          cairo_set_dash (cr, dash, 2, 0);
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_source_rgb (cr, 0.20, 0.22, 0.25);
      legend_label (cr, scene, scene->font_name, style->name, x + LEGEND_SWATCH_W + 8, y + LEGEND_ROW / 2, 0);
      y += LEGEND_ROW;
    }
  if (c.any_group)
    {
      double sy = y + (LEGEND_ROW - LEGEND_SWATCH_H) / 2;

      cairo_set_source_rgb (cr, 0.97, 0.97, 0.98);
      rounded_rect (cr, x + 3, sy + 3, LEGEND_SWATCH_W - 3, LEGEND_SWATCH_H - 3, 3);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.33, 0.37, 0.45);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0.93, 0.94, 0.97);
      rounded_rect (cr, x, sy, LEGEND_SWATCH_W - 3, LEGEND_SWATCH_H - 3, 3);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.33, 0.37, 0.45);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0.20, 0.22, 0.25);
      legend_label (cr, scene, scene->font_name, LEGEND_GROUP_TEXT, x + LEGEND_SWATCH_W + 8, y + LEGEND_ROW / 2, 0);
      y += LEGEND_ROW;
    }
  if (c.any_reason)
    {
      QsPaintBadge badge = { (char *) "fp32", NULL, LEGEND_SWATCH_W, TRUE };
      cairo_rectangle_t r = { x, y + (LEGEND_ROW - QS_PAINT_BADGE_HEIGHT) / 2, LEGEND_SWATCH_W, QS_PAINT_BADGE_HEIGHT };
      paint_badge (cr, scene, &badge, &r, qs_paint_fp32_badge_rgb);
      cairo_set_source_rgb (cr, 0.20, 0.22, 0.25);
      legend_label (cr, scene, scene->font_name, "left in fp32 (reason in tooltip)", x + LEGEND_SWATCH_W + 8, y + LEGEND_ROW / 2, 0);
    }
  cairo_restore (cr);
}

/* -- output -- */

cairo_status_t
qs_paint_append_bytes (void                *closure,
                       const unsigned char *data,
                       unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}
