/* qs-paint-style.h — how each kind of layer looks, and the heat-map colours
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * One table for the whole application: the graph painter, the legend, the
 * window's side panels and the CLI all take their colours from here, so a
 * Dequantize is the same teal everywhere.
 */
#pragma once

#include <glib.h>

#include "qs-graph.h"
#include "qs-lpt.h"

G_BEGIN_DECLS



/* What a box is, for the eye.  The quantization roles come from the
 * low-precision transformation (qs-lpt.h); the rest from the op type. */
typedef enum
{
  QS_PAINT_CLASS_OTHER = 0,        /* a float op that computes little: Add, ReLU, SoftMax... */
  QS_PAINT_CLASS_IO,               /* Parameter, Result */
  QS_PAINT_CLASS_CONST,
  QS_PAINT_CLASS_FAKE_QUANTIZE,
  QS_PAINT_CLASS_QUANTIZE,
  QS_PAINT_CLASS_DEQUANTIZE,
  QS_PAINT_CLASS_REQUANTIZE,
  QS_PAINT_CLASS_INT8_COMPUTE,     /* filled: u8/i8 in, i32 accumulation */
  QS_PAINT_CLASS_FP32_COMPUTE,     /* outlined: runs on floats */
  QS_PAINT_CLASS_CODES,            /* moves u8/i8 codes unchanged */
  QS_PAINT_N_CLASSES
} QsPaintClass;

typedef struct
{
  double r, g, b;
} QsPaintRgb;

typedef struct
{
  const char *name;         /* legend label (English; translate with _() in the app) */
  QsPaintRgb  fill;
  QsPaintRgb  stroke;
  QsPaintRgb  text;         /* type line */
  QsPaintRgb  subtext;      /* name and shape lines */
  double      line_width;
  double      radius;       /* corner radius; boxes taller than 2 × radius stay boxes */
  gboolean    dashed;
} QsPaintStyle;

const QsPaintStyle *qs_paint_style_get      (QsPaintClass  klass);
gboolean            qs_paint_class_is_quantizer (QsPaintClass klass);

/* The class of @node.  @lpt (nullable) is the transformation of the model
 * @node belongs to, or of the model its origin belongs to (a node of the
 * transformed graph).  *@reason (nullable) gets why a compute layer stayed
 * in fp32, or NULL. */
QsPaintClass        qs_paint_classify       (const QsNode      *node,
                                             const QsLptResult *lpt,
                                             const char       **reason);

/* Colour by precision: what LPT decides a layer computes in (for a node of
 * the transformed graph, its origin's decision); QS_LPT_PRECISION_NONE
 * without a transformation or for inputs, outputs and constants. */
#define QS_PAINT_N_PRECISIONS (QS_LPT_PRECISION_FOLDED + 1)
QsLptPrecision      qs_paint_precision      (const QsNode      *node,
                                             const QsLptResult *lpt);
QsPaintRgb          qs_paint_precision_rgb  (QsLptPrecision     precision);
/* Legend label (English; translate with _() in the app). */
const char         *qs_paint_precision_label (QsLptPrecision    precision);

/* The accent colours of selection, highlight, edges and the fp32 badge. */
extern const QsPaintRgb qs_paint_selection_rgb;
extern const QsPaintRgb qs_paint_highlight_rgb;
extern const QsPaintRgb qs_paint_edge_rgb;
extern const QsPaintRgb qs_paint_fp32_badge_rgb;
extern const QsPaintRgb qs_paint_missing_rgb;

/* A perceptual colormap (dark violet → blue → teal → green → yellow,
 * lightness rising monotonically): @t in [0, 1], clamped. */
QsPaintRgb          qs_paint_colormap       (double        t);
/* Relative luminance, to choose black or white text over a colour. */
double              qs_paint_rgb_luminance  (QsPaintRgb    rgb);

G_END_DECLS
