/* qs-paint-export.h — the graph as a PNG, a fitted PNG, PNG tiles or SVG
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * One frame for every export: a margin, the graph (or a part of it) at a
 * scale, and the legend to its right at a scale of at least 1, so it stays
 * readable however small the graph is drawn.  qscope-cli render and the
 * window's image export both call these functions, so the same scene and
 * options give the same bytes.
 *
 * A PNG is an image in memory, and cairo's image surfaces stop at 32767
 * pixels a side: a graph past that is either fitted (drawn at the largest
 * scale that fits, with the level of detail that scale allows: below a
 * 6-pixel type line, boxes keep their class colours and show their type
 * alone, drawn larger, and below 3 pixels no text at all)
 * or cut into tiles at full detail, written to a folder with an index.html
 * that lays them out and an index.json that lists them and every box.
 */
#pragma once

#include "qs-paint.h"

G_BEGIN_DECLS

/* cairo's own limit per image side, and a cap on the area so one image
 * never takes more than ~256 MB. */
#define QS_PAINT_EXPORT_MAX_SIDE    32767.0
#define QS_PAINT_EXPORT_MAX_PIXELS  (64.0 * 1000 * 1000)
/* Tiles: the default side, and a cap on their number. */
#define QS_PAINT_EXPORT_TILE_SIDE   4096
#define QS_PAINT_EXPORT_MAX_TILES   10000
#define QS_PAINT_EXPORT_MARGIN      24.0
#define QS_PAINT_EXPORT_LEGEND_GAP  32.0

typedef struct
{
  const QsPaintOptions    *options;    /* nullable: colour by class; its visible is ignored */
  double                   scale;      /* pixels per layout unit; 0 counts as 1 */
  gboolean                 legend;
  const cairo_rectangle_t *area;       /* the part of the layout to draw; NULL: all */
  guint                    tile_side;  /* tiles: the most pixels a side; 0: QS_PAINT_EXPORT_TILE_SIDE */
} QsPaintExport;

typedef struct
{
  double        scale;                 /* the scale drawn at (below the asked one when fitted) */
  double        width, height;         /* pixels of the image, or of the whole mosaic of tiles */
  QsPaintDetail detail;                /* FULL, TYPE or OVERVIEW, as drawn */
  gboolean      fitted;                /* scaled down to the limits */
  guint         columns, rows;         /* tiles */
} QsPaintExportInfo;

void      qs_paint_export_init        (QsPaintExport        *export);

/* The frame's size in pixels at @scale (device units: the legend does not
 * shrink below scale 1). */
void      qs_paint_export_get_size    (QsPaintScene         *scene,
                                       const QsPaintExport  *export,
                                       double                scale,
                                       double               *width,
                                       double               *height);
/* Whether the frame at @scale is within QS_PAINT_EXPORT_MAX_SIDE and
 * QS_PAINT_EXPORT_MAX_PIXELS. */
gboolean  qs_paint_export_fits        (QsPaintScene         *scene,
                                       const QsPaintExport  *export,
                                       double                scale);
/* The largest scale at most @export's that fits. */
double    qs_paint_export_fit_scale   (QsPaintScene         *scene,
                                       const QsPaintExport  *export);
/* The detail a frame at @scale is drawn with (@export's options' detail,
 * or from the type line's size in pixels when AUTO). */
QsPaintDetail qs_paint_export_get_detail (QsPaintScene      *scene,
                                          const QsPaintExport *export,
                                          double             scale);

/* Draws the frame on @cr, in pixels, with its top-left at the origin. */
void      qs_paint_export_paint       (cairo_t              *cr,
                                       QsPaintScene         *scene,
                                       const QsPaintExport  *export,
                                       double                scale);

/* A PNG appended to @png.  Past the limits: with @fit the frame is drawn
 * at qs_paint_export_fit_scale(), else QS_PAINT_ERROR_TOO_BIG. */
gboolean  qs_paint_export_png         (QsPaintScene         *scene,
                                       const QsPaintExport  *export,
                                       gboolean              fit,
                                       GByteArray           *png,
                                       QsPaintExportInfo    *info,
                                       GError              **error);
/* An SVG appended to @svg.  Glyphs are paths in cairo's SVG, so each box
 * also gets a group (class "qs-layer") with the layer's name as <title>,
 * its type as <desc>, the two as transparent <text> a browser's find
 * reaches, and over an fp32 badge a rectangle whose <title> is the
 * reason. */
gboolean  qs_paint_export_svg         (QsPaintScene         *scene,
                                       const QsPaintExport  *export,
                                       GByteArray           *svg,
                                       QsPaintExportInfo    *info,
                                       GError              **error);
/* PNG tiles of at most tile_side pixels a side at full scale, into @dir
 * (made when missing): tile-ROW-COLUMN.png, index.json (the tiles and
 * every box's name, type and rectangle in pixels) and index.html (the
 * tiles laid out, each box's name on hover).  QS_PAINT_ERROR_TOO_BIG past
 * QS_PAINT_EXPORT_MAX_TILES. */
gboolean  qs_paint_export_tiles       (QsPaintScene         *scene,
                                       const QsPaintExport  *export,
                                       const char           *dir,
                                       QsPaintExportInfo    *info,
                                       GError              **error);

G_END_DECLS
