/* qs-fq-analysis.h — what each FakeQuantize of a model does
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * For one FakeQuantize: its levels, the shapes of the four range inputs,
 * per-tensor or per-channel (which axis), the ranges and, per channel,
 *
 *   scale      = (oh - ol) / (levels - 1)
 *   zero_point = -ol / (oh - ol) * (levels - 1)      (unsigned code space 0 … levels-1)
 *
 * and the precision OpenVINO's LPT would give its output (getPrecisionDetails:
 * u8 when every output low is 0, i8 when every channel is symmetric the way
 * the levels say, otherwise u8 with a zero point).
 */
#pragma once

#include "qs-graph.h"

G_BEGIN_DECLS

#define QS_FQ_ERROR (qs_fq_error_quark ())

typedef enum
{
  QS_FQ_ERROR_NOT_FQ = 1,     /* the node is not a FakeQuantize */
  QS_FQ_ERROR_RANGES,         /* range inputs that are not constant or not loaded */
  QS_FQ_ERROR_SHAPE,          /* range shapes that do not broadcast */
} QsFqError;

GQuark qs_fq_error_quark (void);

typedef struct
{
  const QsNode  *node;
  guint          levels;
  gboolean       levels_supported;   /* 256, 255, 16, 15: LPT decomposes it into u8/i8 */
  const QsShape *range_shapes[4];    /* il, ih, ol, oh as stored (views into the model) */
  int            data_rank;          /* rank of input 0 */
  int            axis;               /* channel axis in the data, or -1 per-tensor */
  gboolean       multi_axis;         /* ranges vary along more than one axis */
  guint          n_channels;         /* 1 per-tensor */

  float         *il, *ih, *ol, *oh;  /* n_channels each */
  float         *scale;              /* (oh - ol) / (levels - 1) */
  float         *zero_point;         /* -ol / (oh - ol) * (levels - 1) */
  float         *in_scale;           /* (ih - il) / (levels - 1) */

  QsElementType  precision;          /* QS_ELEMENT_U8 or QS_ELEMENT_I8: LPT's natural choice */
  gboolean       has_zero_point;     /* the natural precision needs a Subtract */
  gboolean       zero_exact;         /* 0.0 is a code: zero points integral (±1e-3) and in range */
  gboolean       same_ranges;        /* il == ol and ih == oh on every channel */
  gboolean       on_weights;         /* input 0 is a constant path */
} QsFqInfo;

/* Returns a new QsFqInfo (free with qs_fq_info_free()) or %NULL with @error. */
QsFqInfo *qs_fq_analyze     (const QsNode  *fq,
                             GError       **error);
void      qs_fq_info_free   (QsFqInfo      *info);

/* The target interval [qmin, qmax] of @precision for @levels (i8: -128..127
 * for 256, -127..127 for 255, -8..7 / -7..7 for 16 / 15; u8: 0 … levels-1).
 * FALSE for levels that have no 8-bit container. */
gboolean  qs_fq_target_interval (guint          levels,
                                 QsElementType  precision,
                                 int           *qmin,
                                 int           *qmax);

/* Zero point of channel @c in the target code space [qmin, qmax]:
 * (qmin*oh - qmax*ol) / (oh - ol), 0 when oh == ol. */
float     qs_fq_info_target_zero_point (const QsFqInfo *info,
                                        guint           c,
                                        int             qmin,
                                        int             qmax);

/* Every FakeQuantize of @graph, analyzed (QsFqInfo, free func set).  FQs whose
 * ranges cannot be read are skipped. */
GPtrArray *qs_fq_analyze_graph (const QsGraph *graph);

/* "u8", "i8": the name of an info's precision. */
const char *qs_fq_info_precision_name (const QsFqInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsFqInfo, qs_fq_info_free)

G_END_DECLS
