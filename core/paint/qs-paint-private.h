/* qs-paint-private.h — the scene's insides, shared by the painter files
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <pango/pangocairo.h>

#include "qs-paint.h"

G_BEGIN_DECLS

/* Box geometry, in layout units at scale 1.  Measuring and painting both
 * read these, so a box is always as big as what is drawn in it. */
#define QS_PAINT_PAD_X        9.0
#define QS_PAINT_PAD_Y        6.0
#define QS_PAINT_MIN_WIDTH    84.0
#define QS_PAINT_MAX_WIDTH    250.0
#define QS_PAINT_LINE_GAP     1.0
#define QS_PAINT_BADGE_HEIGHT 15.0
#define QS_PAINT_BADGE_PAD    5.0
#define QS_PAINT_BADGE_GAP    4.0
#define QS_PAINT_MAX_BADGES   3
#define QS_PAINT_ARROW_LENGTH 8.0
#define QS_PAINT_ARROW_HALF   4.0
/* A group's box: the bar of its precision mix under the texts. */
#define QS_PAINT_GROUP_BAR    7.0
#define QS_PAINT_GROUP_STACK  4.0   /* the cards drawn behind it */
/* Below this many device pixels for the type line, text is a smear: boxes
 * are drawn as coloured blocks (the overview). */
#define QS_PAINT_OVERVIEW_FONT_PIXELS 6.0

typedef struct
{
  char   *text;
  char   *tooltip;
  double  width;
  gboolean reason;           /* the fp32 badge */
} QsPaintBadge;

/* The texts of one box: measured once, drawn many times. */
typedef struct
{
  char         *type;
  char         *name;
  char         *shape;
  GArray       *badges;      /* QsPaintBadge, the fp32 one last */
  double        type_h, name_h, shape_h;
  double        content_w;   /* widest line or badge row */
} QsPaintText;

typedef struct
{
  const QsNode  *node;         /* a group's box: its first layer */
  QsPaintClass   klass;
  const char    *reason;
  QsPaintText    text;

  /* a collapsed group: its number, how many layers of each class and
   * precision it holds; -1 for a layer */
  int            group;
  guint          n_layers;
  guint          class_count[QS_PAINT_N_CLASSES];
  guint          precision_count[QS_PAINT_N_PRECISIONS];
} QsPaintBox;

struct _QsPaintScene
{
  gint                   ref_count;
  const QsGraph         *graph;
  const QsLptResult     *lpt;
  PangoFontMap          *font_map;
  PangoContext          *measure_context;
  PangoContext          *paint_context;
  PangoFontDescription  *font_type;
  PangoFontDescription  *font_name;
  PangoFontDescription  *font_badge;
  double                 font_size;       /* of the type line, layout units */

  QsPaintClass          *node_class;      /* per QsNode index */
  const char           **node_reason;
  QsLptPrecision        *node_precision;

  /* the graph as laid out without collapsing, its groups by name and
   * which of them are collapsed; NULL around a layer (--around) */
  QsLayoutGraph         *base_graph;
  QsLayout              *base_layout;     /* its layout, reused when every group opens */
  QsLayoutGroups        *groups;
  gboolean              *collapsed;

  QsLayout              *layout;
  QsLayoutGraph         *full_graph;      /* --around: the graph the subset came from */
  guint                  n_boxes;
  QsPaintBox            *boxes;
  GHashTable            *box_of;          /* QsNode * → box + 1 */
  const QsPort         **edge_output;     /* per edge, may be NULL */
  const QsPort         **edge_input;
};

void        _qs_paint_text_init      (QsPaintScene       *scene,
                                      const QsNode       *node,
                                      QsNode * const     *folded,
                                      guint               n_folded,
                                      QsPaintText        *text);
void        _qs_paint_text_clear     (QsPaintText        *text);
void        _qs_paint_text_size      (QsPaintScene       *scene,
                                      const QsPaintText  *text,
                                      double             *width,
                                      double             *height);
PangoLayout *_qs_paint_new_layout    (QsPaintScene       *scene,
                                      PangoContext       *context,
                                      const PangoFontDescription *font,
                                      const char         *text,
                                      double              max_width);
/* Badge rectangles of @box, left to right, in layout units. */
void        _qs_paint_badge_rect     (QsPaintScene       *scene,
                                      guint               box,
                                      guint               badge,
                                      cairo_rectangle_t  *rect);
char       *_qs_paint_dims_text      (const QsShape      *shape);

G_END_DECLS
