/* qs-paint-style.c — the style table and the heat-map colormap
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The four quantization ops get four hues far apart (violet, orange, teal,
 * gold) on light fills, so the black type line stays readable.  int8 and
 * fp32 compute differ in kind, not only in hue: int8 is a solid blue box
 * with white text, fp32 an empty box with a brick-red outline, so the two
 * are told apart even zoomed out or by a colour-blind reader.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qs-paint-style.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0 }

static const QsPaintStyle styles[QS_PAINT_N_CLASSES] = {
  [QS_PAINT_CLASS_OTHER] = {
    .name = "float op", .fill = RGB (0xf4f5f7), .stroke = RGB (0xa2a8b3),
    .text = RGB (0x24292f), .subtext = RGB (0x5c6370), .line_width = 1.0, .radius = 4,
  },
  [QS_PAINT_CLASS_IO] = {
    .name = "input / output", .fill = RGB (0x3d4450), .stroke = RGB (0x2a2f38),
    .text = RGB (0xffffff), .subtext = RGB (0xd0d4da), .line_width = 1.0, .radius = 14,
  },
  [QS_PAINT_CLASS_CONST] = {
    .name = "constant", .fill = RGB (0xfbfbfb), .stroke = RGB (0xb4b9c2),
    .text = RGB (0x4a505a), .subtext = RGB (0x6b717c), .line_width = 1.0, .radius = 2, .dashed = TRUE,
  },
  [QS_PAINT_CLASS_FAKE_QUANTIZE] = {
    .name = "FakeQuantize", .fill = RGB (0xeadcf8), .stroke = RGB (0x8446c4),
    .text = RGB (0x3b1566), .subtext = RGB (0x5f4380), .line_width = 1.5, .radius = 4,
  },
  [QS_PAINT_CLASS_QUANTIZE] = {
    .name = "Quantize", .fill = RGB (0xffe1c2), .stroke = RGB (0xd9680b),
    .text = RGB (0x5c2a00), .subtext = RGB (0x7d4a1e), .line_width = 1.5, .radius = 4,
  },
  [QS_PAINT_CLASS_DEQUANTIZE] = {
    .name = "Dequantize", .fill = RGB (0xcdf0e6), .stroke = RGB (0x16917a),
    .text = RGB (0x073d33), .subtext = RGB (0x2e5f55), .line_width = 1.5, .radius = 4,
  },
  [QS_PAINT_CLASS_REQUANTIZE] = {
    .name = "Requantize", .fill = RGB (0xfbefb0), .stroke = RGB (0xb08d00),
    .text = RGB (0x4a3b00), .subtext = RGB (0x6b5a1a), .line_width = 1.5, .radius = 4,
  },
  [QS_PAINT_CLASS_INT8_COMPUTE] = {
    .name = "int8 compute", .fill = RGB (0x2463b0), .stroke = RGB (0x17457f),
    .text = RGB (0xffffff), .subtext = RGB (0xd5e4f7), .line_width = 1.5, .radius = 4,
  },
  [QS_PAINT_CLASS_FP32_COMPUTE] = {
    .name = "fp32 compute", .fill = RGB (0xffffff), .stroke = RGB (0xb8322a),
    .text = RGB (0x5a1410), .subtext = RGB (0x7a4a46), .line_width = 2.5, .radius = 4,
  },
  [QS_PAINT_CLASS_CODES] = {
    .name = "moves int8 codes", .fill = RGB (0xdce8f7), .stroke = RGB (0x4f83c4),
    .text = RGB (0x12335c), .subtext = RGB (0x3d5678), .line_width = 1.0, .radius = 4,
  },
};

const QsPaintRgb qs_paint_selection_rgb = RGB (0x1c71d8);
/* Hot pink: no class and no colormap colour is near it. */
const QsPaintRgb qs_paint_highlight_rgb = RGB (0xff3d9a);
const QsPaintRgb qs_paint_edge_rgb = RGB (0x7d8590);
const QsPaintRgb qs_paint_fp32_badge_rgb = RGB (0xc0392b);
const QsPaintRgb qs_paint_missing_rgb = RGB (0xd8dadf);

/**
 * qs_paint_style_get:
 * @klass: a class
 *
 * Returns: (transfer none): the style of @klass (a static table).
 */
const QsPaintStyle *
qs_paint_style_get (QsPaintClass klass)
{
  if ((guint) klass >= QS_PAINT_N_CLASSES)
    klass = QS_PAINT_CLASS_OTHER;
  return &styles[klass];
}

static gboolean
is_qscope_op (const QsNode *node)
{
  return node->version != NULL && strcmp (node->version, "qscope") == 0;
}

QsPaintClass
qs_paint_classify (const QsNode      *node,
                   const QsLptResult *lpt,
                   const char       **reason)
{
  const QsLptDecision *decision = NULL;
  QsLptRole role;

  if (reason != NULL)
    *reason = NULL;
  if (qs_node_is_type (node, "Parameter") || qs_node_is_type (node, "Result"))
    return QS_PAINT_CLASS_IO;

  if (lpt != NULL)
    {
      decision = qs_lpt_result_get_decision (lpt, node);
      if (decision == NULL && node->origin != NULL && !is_qscope_op (node))
        decision = qs_lpt_result_get_decision (lpt, node->origin);
    }

  /* In the original graph a FakeQuantize stays a FakeQuantize box whatever
   * it becomes; the transformed graph shows what it became. */
  if (decision != NULL && node->graph == qs_lpt_result_get_original (lpt)->graph)
    role = qs_node_is_type (node, "FakeQuantize") ? QS_LPT_ROLE_FAKE_QUANTIZE
                                                  : qs_lpt_result_get_role (lpt, node);
  else
    role = qs_lpt_node_role (node);

  /* Without a transformation (no .bin, or a float model) nothing is int8
   * yet; a compute layer is then a float op, not a failure. */
  if (role == QS_LPT_ROLE_FP32_COMPUTE && decision != NULL &&
      decision->precision == QS_LPT_PRECISION_FP32 && reason != NULL)
    *reason = decision->reason;

  switch (role)
    {
    case QS_LPT_ROLE_FAKE_QUANTIZE: return QS_PAINT_CLASS_FAKE_QUANTIZE;
    case QS_LPT_ROLE_QUANTIZE: return QS_PAINT_CLASS_QUANTIZE;
    case QS_LPT_ROLE_DEQUANTIZE: return QS_PAINT_CLASS_DEQUANTIZE;
    case QS_LPT_ROLE_REQUANTIZE: return QS_PAINT_CLASS_REQUANTIZE;
    case QS_LPT_ROLE_INT8_COMPUTE: return QS_PAINT_CLASS_INT8_COMPUTE;
    case QS_LPT_ROLE_FP32_COMPUTE: return QS_PAINT_CLASS_FP32_COMPUTE;
    case QS_LPT_ROLE_CODES: return QS_PAINT_CLASS_CODES;
    case QS_LPT_ROLE_CONST: return QS_PAINT_CLASS_CONST;
    case QS_LPT_ROLE_OTHER:
    default:
      return QS_PAINT_CLASS_OTHER;
    }
}

QsLptPrecision
qs_paint_precision (const QsNode      *node,
                    const QsLptResult *lpt)
{
  const QsLptDecision *decision = NULL;

  if (lpt == NULL || qs_node_is_type (node, "Parameter") || qs_node_is_type (node, "Result"))
    return QS_LPT_PRECISION_NONE;
  decision = qs_lpt_result_get_decision (lpt, node);
  if (decision == NULL && node->origin != NULL)
    decision = qs_lpt_result_get_decision (lpt, node->origin);
  if (decision == NULL)
    {
      /* a node LPT made (Quantize, Dequantize, Requantize) */
      switch (qs_lpt_node_role (node))
        {
        case QS_LPT_ROLE_QUANTIZE:
        case QS_LPT_ROLE_REQUANTIZE:
        case QS_LPT_ROLE_CODES:
          return QS_LPT_PRECISION_CODES;
        case QS_LPT_ROLE_INT8_COMPUTE:
          return QS_LPT_PRECISION_INT8;
        case QS_LPT_ROLE_CONST:
          return QS_LPT_PRECISION_NONE;
        default:
          return QS_LPT_PRECISION_FP32;
        }
    }
  return decision->precision;
}

/* Green for int8 and blue for codes (both integer), orange for fp32, a
 * muted violet for what was folded away, grey for nothing to compute. */
QsPaintRgb
qs_paint_precision_rgb (QsLptPrecision precision)
{
  switch (precision)
    {
    case QS_LPT_PRECISION_INT8: return (QsPaintRgb) RGB (0x33a35b);
    case QS_LPT_PRECISION_CODES: return (QsPaintRgb) RGB (0x5b8fd6);
    case QS_LPT_PRECISION_FP32: return (QsPaintRgb) RGB (0xf08a3c);
    case QS_LPT_PRECISION_FOLDED: return (QsPaintRgb) RGB (0xb5a3cf);
    case QS_LPT_PRECISION_NONE:
    default:
      return (QsPaintRgb) RGB (0xe4e6ea);
    }
}

const char *
qs_paint_precision_label (QsLptPrecision precision)
{
  switch (precision)
    {
    case QS_LPT_PRECISION_INT8: return "int8 (u8/i8 in, i32 accumulation)";
    case QS_LPT_PRECISION_CODES: return "codes (quantizes, or moves u8/i8 codes)";
    case QS_LPT_PRECISION_FP32: return "fp32 (computes on floats)";
    case QS_LPT_PRECISION_FOLDED: return "folded (into weights or scales)";
    case QS_LPT_PRECISION_NONE:
    default:
      return "nothing to compute";
    }
}

/* Stops chosen by hand along a path of rising lightness and turning hue
 * (violet 0.22 → yellow 0.92 in relative luminance), close to viridis in
 * spirit; interpolated linearly in sRGB, which is smooth enough at this
 * spacing. */
static const QsPaintRgb colormap_stops[] = {
  RGB (0x440a57), RGB (0x46337f), RGB (0x375b8d), RGB (0x2a7b8e),
  RGB (0x1f998a), RGB (0x3bb878), RGB (0x84d44b), RGB (0xd8e219), RGB (0xfde725),
};

QsPaintRgb
qs_paint_colormap (double t)
{
  guint n = G_N_ELEMENTS (colormap_stops) - 1, i;
  double f;
  QsPaintRgb a, b, c;

  if (isnan (t))
    return qs_paint_missing_rgb;
  t = CLAMP (t, 0.0, 1.0) * n;
  i = MIN ((guint) t, n - 1);
  f = t - i;
  a = colormap_stops[i];
  b = colormap_stops[i + 1];
  c.r = a.r + (b.r - a.r) * f;
  c.g = a.g + (b.g - a.g) * f;
  c.b = a.b + (b.b - a.b) * f;
  return c;
}

double
qs_paint_rgb_luminance (QsPaintRgb rgb)
{
  return 0.2126 * rgb.r + 0.7152 * rgb.g + 0.0722 * rgb.b;
}

/* The classes that quantize, dequantize or requantize: over a heat map
 * they keep a ring of their class colour. */
gboolean
qs_paint_class_is_quantizer (QsPaintClass klass)
{
  return klass == QS_PAINT_CLASS_FAKE_QUANTIZE || klass == QS_PAINT_CLASS_QUANTIZE ||
         klass == QS_PAINT_CLASS_DEQUANTIZE || klass == QS_PAINT_CLASS_REQUANTIZE;
}
