/* qs-paint-export.c — PNG, fitted PNG, PNG tiles and searchable SVG
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Every export draws the same frame (qs_paint_export_paint): the image
 * surface of a PNG, each tile of a mosaic and the SVG surface only differ
 * in where the frame lands.  The images are made in memory and written in
 * one go (qs_file_replace_contents), so a failure never leaves a partial
 * file under the chosen name.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <cairo-svg.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "qs-file.h"
#include "qs-paint-export.h"
#include "qs-paint-private.h"

void
qs_paint_export_init (QsPaintExport *export)
{
  memset (export, 0, sizeof *export);
  export->scale = 1.0;
}

static double
export_scale (const QsPaintExport *export)
{
  return export->scale > 0 ? export->scale : 1.0;
}

/* The legend stays readable however far the graph is zoomed out. */
static double
legend_scale (double scale)
{
  return MAX (scale, 1.0);
}

static void
get_area (QsPaintScene        *scene,
          const QsPaintExport *export,
          cairo_rectangle_t   *area)
{
  if (export->area != NULL)
    *area = *export->area;
  else
    {
      area->x = area->y = 0;
      qs_paint_scene_get_size (scene, &area->width, &area->height);
    }
}

void
qs_paint_export_get_size (QsPaintScene        *scene,
                          const QsPaintExport *export,
                          double               scale,
                          double              *width,
                          double              *height)
{
  cairo_rectangle_t area;
  double w, h;

  get_area (scene, export, &area);
  w = ceil (area.width * scale);
  h = ceil (area.height * scale);
  if (export->legend)
    {
      double lw, lh;

      qs_paint_legend_get_size (scene, export->options, &lw, &lh);
      w += QS_PAINT_EXPORT_LEGEND_GAP + ceil (lw * legend_scale (scale));
      h = MAX (h, ceil (lh * legend_scale (scale)));
    }
  *width = w + 2 * QS_PAINT_EXPORT_MARGIN;
  *height = h + 2 * QS_PAINT_EXPORT_MARGIN;
}

gboolean
qs_paint_export_fits (QsPaintScene        *scene,
                      const QsPaintExport *export,
                      double               scale)
{
  double w, h;

  qs_paint_export_get_size (scene, export, scale, &w, &h);
  return w <= QS_PAINT_EXPORT_MAX_SIDE && h <= QS_PAINT_EXPORT_MAX_SIDE && w * h <= QS_PAINT_EXPORT_MAX_PIXELS;
}

double
qs_paint_export_fit_scale (QsPaintScene        *scene,
                           const QsPaintExport *export)
{
  double lo = 0, hi = export_scale (export);
  int i;

  if (qs_paint_export_fits (scene, export, hi))
    return hi;
  /* The size grows with the scale (in whole pixels): bisect. */
  for (i = 0; i < 48; i++)
    {
      double mid = (lo + hi) / 2;
      if (qs_paint_export_fits (scene, export, mid))
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

QsPaintDetail
qs_paint_export_get_detail (QsPaintScene        *scene,
                            const QsPaintExport *export,
                            double               scale)
{
  if (export->options != NULL && export->options->detail != QS_PAINT_DETAIL_AUTO)
    return export->options->detail;
  if (scene->font_size * scale >= QS_PAINT_OVERVIEW_FONT_PIXELS)
    return QS_PAINT_DETAIL_FULL;
  /* the type alone can be drawn up to twice as large */
  if (2 * scene->font_size * scale >= QS_PAINT_OVERVIEW_FONT_PIXELS)
    return QS_PAINT_DETAIL_TYPE;
  return QS_PAINT_DETAIL_OVERVIEW;
}

/**
 * qs_paint_export_paint:
 *
 * White page, the graph (clipped to the export's area) at @scale with its
 * top-left at the margin, the legend to its right.
 */
void
qs_paint_export_paint (cairo_t             *cr,
                       QsPaintScene        *scene,
                       const QsPaintExport *export,
                       double               scale)
{
  QsPaintOptions options;
  cairo_rectangle_t area;

  if (export->options != NULL)
    options = *export->options;
  else
    qs_paint_options_init (&options);
  get_area (scene, export, &area);
  options.visible = export->area != NULL ? &area : NULL;
  options.detail = qs_paint_export_get_detail (scene, export, scale);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, QS_PAINT_EXPORT_MARGIN, QS_PAINT_EXPORT_MARGIN);
  if (export->area != NULL)
    {
      cairo_rectangle (cr, 0, 0, area.width * scale, area.height * scale);
      cairo_clip (cr);
    }
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -area.x, -area.y);
  qs_paint_graph (cr, scene, &options);
  cairo_restore (cr);
  if (export->legend)
    {
      cairo_save (cr);
      cairo_translate (cr, QS_PAINT_EXPORT_MARGIN + ceil (area.width * scale) + QS_PAINT_EXPORT_LEGEND_GAP,
                       QS_PAINT_EXPORT_MARGIN);
      cairo_scale (cr, legend_scale (scale), legend_scale (scale));
      qs_paint_legend (cr, scene, &options);
      cairo_restore (cr);
    }
}

static void
fill_info (QsPaintScene        *scene,
           const QsPaintExport *export,
           double               scale,
           QsPaintExportInfo   *info)
{
  if (info == NULL)
    return;
  memset (info, 0, sizeof *info);
  info->scale = scale;
  qs_paint_export_get_size (scene, export, scale, &info->width, &info->height);
  info->detail = qs_paint_export_get_detail (scene, export, scale);
  info->fitted = scale < export_scale (export);
  info->columns = info->rows = 1;
}

/* One image of @width × @height pixels: the frame at @scale moved by
 * (-@x, -@y), as a PNG appended to @png. */
static gboolean
draw_png (QsPaintScene        *scene,
          const QsPaintExport *export,
          double               scale,
          double               x,
          double               y,
          int                  width,
          int                  height,
          GByteArray          *png,
          GError             **error)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    {
      cairo_t *cr = cairo_create (surface);

      cairo_translate (cr, -x, -y);
      qs_paint_export_paint (cr, scene, export, scale);
      status = cairo_status (cr);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_write_to_png_stream (surface, qs_paint_append_bytes, png);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, QS_PAINT_ERROR, QS_PAINT_ERROR_TOO_BIG, "cannot draw the %d×%d PNG: %s",
                   width, height, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
qs_paint_export_png (QsPaintScene         *scene,
                     const QsPaintExport  *export,
                     gboolean              fit,
                     GByteArray           *png,
                     QsPaintExportInfo    *info,
                     GError              **error)
{
  double scale = export_scale (export), w, h;

  g_return_val_if_fail (scene->layout != NULL, FALSE);

  if (!qs_paint_export_fits (scene, export, scale))
    {
      if (!fit)
        {
          qs_paint_export_get_size (scene, export, scale, &w, &h);
          g_set_error (error, QS_PAINT_ERROR, QS_PAINT_ERROR_TOO_BIG,
                       "the image would be %.0f×%.0f pixels, past the limit of %.0f per side and %.0f megapixels",
                       w, h, QS_PAINT_EXPORT_MAX_SIDE, QS_PAINT_EXPORT_MAX_PIXELS / 1e6);
          return FALSE;
        }
      scale = qs_paint_export_fit_scale (scene, export);
    }
  qs_paint_export_get_size (scene, export, scale, &w, &h);
  if (!draw_png (scene, export, scale, 0, 0, (int) w, (int) h, png, error))
    return FALSE;
  fill_info (scene, export, scale, info);
  return TRUE;
}

static const char *
fmt (char   *buf,
     double  v)
{
  return g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.2f", v);
}

/* The box's rectangle in the frame's pixels; FALSE outside the area. */
static gboolean
box_in_frame (QsPaintScene            *scene,
              const cairo_rectangle_t *area,
              double                   scale,
              guint                    box,
              cairo_rectangle_t       *rect)
{
  cairo_rectangle_t r;

  qs_paint_scene_get_box_rect (scene, box, &r);
  if (r.x + r.width <= area->x || r.y + r.height <= area->y ||
      r.x >= area->x + area->width || r.y >= area->y + area->height)
    return FALSE;
  rect->x = QS_PAINT_EXPORT_MARGIN + (r.x - area->x) * scale;
  rect->y = QS_PAINT_EXPORT_MARGIN + (r.y - area->y) * scale;
  rect->width = r.width * scale;
  rect->height = r.height * scale;
  return TRUE;
}

/* The groups of the boxes, inserted before </svg>. */
static void
append_svg_layers (GString             *out,
                   QsPaintScene        *scene,
                   const QsPaintExport *export,
                   double               scale)
{
  cairo_rectangle_t area;
  guint i, n = qs_paint_scene_get_n_boxes (scene);
  double font = MAX (scene->font_size * scale, 1.0);

  get_area (scene, export, &area);
  g_string_append (out, "<g id=\"qscope-layers\">\n");
  for (i = 0; i < n; i++)
    {
      const QsNode *node = qs_paint_scene_get_node (scene, i);
      int group = qs_paint_scene_get_box_group (scene, i);
      g_autofree char *group_type = group >= 0 ? g_strdup_printf ("group of %u layers",
                                                                  qs_paint_scene_get_box_n_layers (scene, i)) : NULL;
      /* a collapsed group is found by its name, as a layer is */
      g_autofree char *name = g_markup_escape_text (group >= 0 ? qs_layout_groups_get_name (qs_paint_scene_get_groups (scene), group)
                                                               : node->name, -1);
      g_autofree char *type = g_markup_escape_text (group >= 0 ? group_type : node->type, -1);
      char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
      char w[G_ASCII_DTOSTR_BUF_SIZE], h[G_ASCII_DTOSTR_BUF_SIZE], f[G_ASCII_DTOSTR_BUF_SIZE];
      char ty[G_ASCII_DTOSTR_BUF_SIZE];
      cairo_rectangle_t r, badge;
      const char *reason;

      if (!box_in_frame (scene, &area, scale, i, &r))
        continue;
      g_string_append_printf (out,
                              "<g class=\"qs-layer\" id=\"qs-layer-%" G_GUINT64_FORMAT "\">"
                              "<title>%s</title><desc>%s</desc>\n"
                              "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"#000\" fill-opacity=\"0\"/>\n"
                              "<text x=\"%s\" y=\"%s\" font-family=\"sans-serif\" font-size=\"%s\" fill-opacity=\"0\">%s %s</text>\n",
                              node->id, name, type,
                              fmt (x, r.x), fmt (y, r.y), fmt (w, r.width), fmt (h, r.height),
                              x, fmt (ty, r.y + r.height / 2), fmt (f, font), type, name);
      if (qs_paint_scene_get_reason_badge (scene, i, &badge, &reason))
        {
          g_autofree char *escaped = g_markup_escape_text (reason, -1);

          g_string_append_printf (out,
                                  "<rect class=\"qs-fp32-reason\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" "
                                  "fill=\"#000\" fill-opacity=\"0\"><title>%s</title></rect>\n",
                                  fmt (x, QS_PAINT_EXPORT_MARGIN + (badge.x - area.x) * scale),
                                  fmt (y, QS_PAINT_EXPORT_MARGIN + (badge.y - area.y) * scale),
                                  fmt (w, badge.width * scale), fmt (h, badge.height * scale), escaped);
        }
      g_string_append (out, "</g>\n");
    }
  g_string_append (out, "</g>\n");
}

gboolean
qs_paint_export_svg (QsPaintScene         *scene,
                     const QsPaintExport  *export,
                     GByteArray           *svg,
                     QsPaintExportInfo    *info,
                     GError              **error)
{
  double scale = export_scale (export), w, h;
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autoptr(GString) layers = g_string_new (NULL);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  const char *end, *start;
  gsize at;

  g_return_val_if_fail (scene->layout != NULL, FALSE);

  qs_paint_export_get_size (scene, export, scale, &w, &h);
  surface = cairo_svg_surface_create_for_stream (qs_paint_append_bytes, body, w, h);
  cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_1);
  cr = cairo_create (surface);
  qs_paint_export_paint (cr, scene, export, scale);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, QS_PAINT_ERROR, QS_PAINT_ERROR_TOO_BIG, "cannot draw the SVG: %s",
                   cairo_status_to_string (status));
      return FALSE;
    }
  end = g_strrstr_len ((const char *) body->data, body->len, "</svg>");
  if (end == NULL)
    {
      g_set_error (error, QS_PAINT_ERROR, QS_PAINT_ERROR_EMPTY, "cairo wrote an SVG without </svg>");
      return FALSE;
    }
  at = end - (const char *) body->data;
  append_svg_layers (layers, scene, export, scale);
  /* cairo numbers its surfaces per process (<g id="surfaceN">): a fixed
   * id makes the same drawing the same bytes, in the window or the CLI */
  start = g_strstr_len ((const char *) body->data, at, "<g id=\"surface");
  if (start != NULL)
    {
      gsize from = start - (const char *) body->data;
      const char *quote = memchr (start + 14, '"', at - from - 14);

      if (quote != NULL)
        {
          static const char fixed[] = "<g id=\"qscope-drawing";

          g_byte_array_append (svg, body->data, from);
          g_byte_array_append (svg, (const guint8 *) fixed, strlen (fixed));
          g_byte_array_remove_range (body, 0, quote - (const char *) body->data);
          at -= quote - start + from;
        }
    }
  g_byte_array_append (svg, body->data, at);
  g_byte_array_append (svg, (const guint8 *) layers->str, layers->len);
  g_byte_array_append (svg, body->data + at, body->len - at);
  fill_info (scene, export, scale, info);
  return TRUE;
}

static char *
tile_name (guint row,
           guint column)
{
  return g_strdup_printf ("tile-%03u-%03u.png", row, column);
}

static gboolean
write_text (const char  *dir,
            const char  *name,
            const char  *text,
            gsize        length,
            GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return qs_file_replace_contents (path, text, length, error);
}

static gboolean
write_indexes (QsPaintScene        *scene,
               const QsPaintExport *export,
               const char          *dir,
               const QsPaintExportInfo *info,
               guint                side,
               GError             **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) html = g_string_new (NULL);
  g_autofree char *json = NULL;
  cairo_rectangle_t area;
  guint row, column, i, n = qs_paint_scene_get_n_boxes (scene);
  gsize json_len;

  get_area (scene, export, &area);
  g_string_append_printf (html,
                          "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>qscope graph</title>\n"
                          "<style>body{margin:0;background:#fff}#graph{position:relative;width:%.0fpx;height:%.0fpx}"
                          "#graph img{position:absolute;display:block}"
                          ".qs-layer{position:absolute;overflow:hidden;color:transparent;font-size:8px}</style>\n"
                          "</head><body><div id=\"graph\">\n",
                          info->width, info->height);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, (gint64) info->width);
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, (gint64) info->height);
  json_builder_set_member_name (builder, "scale");
  json_builder_add_double_value (builder, info->scale);
  json_builder_set_member_name (builder, "tile_side");
  json_builder_add_int_value (builder, side);
  json_builder_set_member_name (builder, "tiles");
  json_builder_begin_array (builder);
  for (row = 0; row < info->rows; row++)
    for (column = 0; column < info->columns; column++)
      {
        g_autofree char *name = tile_name (row, column);
        guint x = column * side, y = row * side;
        guint w = MIN (side, (guint) info->width - x), h = MIN (side, (guint) info->height - y);

        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "file");
        json_builder_add_string_value (builder, name);
        json_builder_set_member_name (builder, "x");
        json_builder_add_int_value (builder, x);
        json_builder_set_member_name (builder, "y");
        json_builder_add_int_value (builder, y);
        json_builder_set_member_name (builder, "width");
        json_builder_add_int_value (builder, w);
        json_builder_set_member_name (builder, "height");
        json_builder_add_int_value (builder, h);
        json_builder_end_object (builder);
        g_string_append_printf (html, "<img src=\"%s\" style=\"left:%upx;top:%upx\" width=\"%u\" height=\"%u\" alt=\"\">\n",
                                name, x, y, w, h);
      }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "layers");
  json_builder_begin_array (builder);
  for (i = 0; i < n; i++)
    {
      const QsNode *node = qs_paint_scene_get_node (scene, i);
      g_autofree char *name = g_markup_escape_text (node->name, -1);
      g_autofree char *type = g_markup_escape_text (node->type, -1);
      cairo_rectangle_t r;
      const char *reason = NULL;

      if (!box_in_frame (scene, &area, info->scale, i, &r))
        continue;
      qs_paint_scene_get_reason_badge (scene, i, NULL, &reason);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      if (qs_paint_scene_get_box_group (scene, i) >= 0)
        {
          /* a collapsed group: its name, and how many layers it holds */
          json_builder_add_string_value (builder, qs_layout_groups_get_name (qs_paint_scene_get_groups (scene),
                                                                             qs_paint_scene_get_box_group (scene, i)));
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, "group");
          json_builder_set_member_name (builder, "layers");
          json_builder_add_int_value (builder, qs_paint_scene_get_box_n_layers (scene, i));
        }
      else
        {
          json_builder_add_string_value (builder, node->name);
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, node->type);
        }
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, (gint64) node->id);
      json_builder_set_member_name (builder, "x");
      json_builder_add_int_value (builder, (gint64) floor (r.x));
      json_builder_set_member_name (builder, "y");
      json_builder_add_int_value (builder, (gint64) floor (r.y));
      json_builder_set_member_name (builder, "width");
      json_builder_add_int_value (builder, (gint64) ceil (r.width));
      json_builder_set_member_name (builder, "height");
      json_builder_add_int_value (builder, (gint64) ceil (r.height));
      if (reason != NULL)
        {
          json_builder_set_member_name (builder, "fp32_reason");
          json_builder_add_string_value (builder, reason);
        }
      json_builder_end_object (builder);
      /* a box a browser's find reaches, with its name (and fp32 reason) on hover */
      if (reason != NULL)
        {
          g_autofree char *escaped = g_markup_escape_text (reason, -1);
          g_string_append_printf (html, "<div class=\"qs-layer\" title=\"%s (%s) — fp32: %s\" ", name, type, escaped);
        }
      else
        g_string_append_printf (html, "<div class=\"qs-layer\" title=\"%s (%s)\" ", name, type);
      g_string_append_printf (html, "style=\"left:%.0fpx;top:%.0fpx;width:%.0fpx;height:%.0fpx\">%s %s</div>\n",
                              floor (r.x), floor (r.y), ceil (r.width), ceil (r.height), type, name);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  g_string_append (html, "</div></body></html>\n");

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json = json_generator_to_data (generator, &json_len);
  return write_text (dir, "index.json", json, json_len, error) &&
         write_text (dir, "index.html", html->str, html->len, error);
}

gboolean
qs_paint_export_tiles (QsPaintScene         *scene,
                       const QsPaintExport  *export,
                       const char           *dir,
                       QsPaintExportInfo    *info,
                       GError              **error)
{
  double scale = export_scale (export), w, h;
  guint side = export->tile_side > 0 ? export->tile_side : QS_PAINT_EXPORT_TILE_SIDE;
  QsPaintExportInfo local;
  guint row, column;
  double n_tiles;

  g_return_val_if_fail (scene->layout != NULL, FALSE);
  g_return_val_if_fail (side <= QS_PAINT_EXPORT_MAX_SIDE, FALSE);

  if (info == NULL)
    info = &local;
  qs_paint_export_get_size (scene, export, scale, &w, &h);
  n_tiles = ceil (w / side) * ceil (h / side);
  if (n_tiles > QS_PAINT_EXPORT_MAX_TILES)
    {
      g_set_error (error, QS_PAINT_ERROR, QS_PAINT_ERROR_TOO_BIG,
                   "the graph would be %.0f×%.0f pixels in %.0f tiles of %u, past the limit of %u tiles",
                   w, h, n_tiles, side, QS_PAINT_EXPORT_MAX_TILES);
      return FALSE;
    }
  if (g_mkdir_with_parents (dir, 0777) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "cannot make the folder %s: %s",
                   dir, g_strerror (saved));
      return FALSE;
    }
  fill_info (scene, export, scale, info);
  info->columns = (guint) ceil (w / side);
  info->rows = (guint) ceil (h / side);
  for (row = 0; row < info->rows; row++)
    for (column = 0; column < info->columns; column++)
      {
        g_autoptr(GByteArray) png = g_byte_array_new ();
        g_autofree char *name = tile_name (row, column);
        double x = (double) column * side, y = (double) row * side;

        if (!draw_png (scene, export, scale, x, y, (int) MIN (side, w - x), (int) MIN (side, h - y), png, error) ||
            !write_text (dir, name, (const char *) png->data, png->len, error))
          return FALSE;
      }
  return write_indexes (scene, export, dir, info, side, error);
}
