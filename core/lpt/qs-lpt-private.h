/* qs-lpt-private.h — what the passes share
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The passes never edit a graph: they attach a quantization record (LptDq)
 * to tensors of the original graph (one per output port) and a decision and
 * mode to its layers.  qs-lpt-emit.c then builds the new graph from them.
 * Passes run in the order of the table in qs-lpt.c; the node passes (1-4)
 * visit each layer in topological order, so a layer sees the records of all
 * its producers; pass 5 looks at the whole graph afterwards.
 */
#pragma once

#include "qs-lpt.h"
#include "qs-fq-analysis.h"
#include "qs-weights.h"

G_BEGIN_DECLS

typedef enum
{
  LPT_MODE_COPY = 0,        /* emitted as is, on float inputs */
  LPT_MODE_QUANTIZE,        /* FakeQuantize → Quantize (+ Dequantize where floats are needed) */
  LPT_MODE_REQUANTIZE,      /* FakeQuantize on codes → Requantize */
  LPT_MODE_CODES,           /* data movement on codes */
  LPT_MODE_INT8,            /* int8 compute */
  LPT_MODE_LINEAR,          /* Multiply/Add/Subtract by a constant, folded into the record */
} LptMode;

typedef struct
{
  gboolean       valid;
  gboolean       from_compute;  /* codes made by int8 compute: must be dequantized somewhere */
  gboolean       fq_per_channel; /* the FakeQuantize that made the codes is itself per channel (not
                                  * merely a zero point folded from an Add) */
  QsElementType  type;
  int            rank;
  int            axis;
  guint          n;
  double        *scale, *zp, *shift;   /* n each; shift may be NULL */
  int            qmin, qmax;
  /* The i32 output of a convolution with padding whose input zero point is
   * not an integer: a real-valued correction per output channel and
   * position, added to shift (see qs-lpt-pass-compute.c); NULL otherwise.
   * It depends on the position only through which rows and columns of the
   * window are real taps, so it is kept per class of rows and of columns:
   * at (c, y, x) it is border[(c * border_classes[0] + border_row[y]) *
   * border_classes[1] + border_col[x]] (qs_lpt_quant_border_at()). */
  double        *border;             /* n * border_classes[0] * border_classes[1] */
  gint32        *border_row;         /* OH entries */
  gint32        *border_col;         /* OW entries */
  guint          border_classes[2];  /* row classes, column classes */
  gint64         border_dims[3];     /* n, OH, OW (OH = 1 for a 1-D convolution) */
} LptDq;

typedef struct
{
  QsLptDecision   d;
  LptMode         mode;
  QsFqInfo       *fq;
  QsQuantWeights *weights;
  int             qmin, qmax;
  QsElementType   qtype;
  guint           linear_input;   /* LPT_MODE_LINEAR: the input that carries codes */
  /* LPT_MODE_QUANTIZE of a FakeQuantize aligned with the other inputs of a
   * Concat: the Quantize's input range (the FakeQuantize's own) and levels;
   * qmin is its first code on the common grid (qs-lpt-pass-decompose.c) */
  gboolean        aligned;
  double          aligned_il, aligned_ih;
  guint           aligned_levels;
  /* LPT moved the Dequantize through this layer, which reads the codes but
   * gives f32 (not precision-preserved: Clamp, PRelu, ReduceMean, ...): the
   * transformation's name; NULL otherwise.  qscope computes such a layer on
   * the dequantized values, which is the same. */
  const char     *moved_f32;
  /* LPT_MODE_COPY layers that OpenVINO runs on codes while qscope computes
   * them on the dequantized values (RecurrentCell, AssignAndReadValue): a
   * bit per input that takes codes, so that fold-back keeps them. */
  guint32         codes_inputs;
  /* a ReadValue whose state AssignAndReadValueTransformation stores as
   * codes: the reason, applied after fold-back; NULL otherwise */
  const char     *state_codes;
  /* a MatMul whose input 1 is a quantized activation (codes), not weights */
  gboolean        act_b;
} LptNode;

typedef struct
{
  QsModel      *model;
  QsGraph      *graph;
  LptNode      *nodes;       /* by original node index */
  LptDq        *tensors;     /* by port_base[node index] + output index */
  guint        *port_base;
  GStringChunk *strings;
  QsLptCpu      cpu;
} LptContext;

typedef gboolean (*LptNodePass) (LptContext   *ctx,
                                 const QsNode *node,
                                 GError      **error);

gboolean _qs_lpt_pass_decompose  (LptContext *ctx, const QsNode *node, GError **error);
gboolean _qs_lpt_pass_propagate  (LptContext *ctx, const QsNode *node, GError **error);
/* Transformations of pass 2, one file per family; each returns TRUE when
 * @node is of a type it handles (having decided), FALSE otherwise. */
gboolean _qs_lpt_move_shape      (LptContext *ctx, const QsNode *node, const LptDq *in);
gboolean _qs_lpt_move_pool       (LptContext *ctx, const QsNode *node, const LptDq *in);
gboolean _qs_lpt_move_f32        (LptContext *ctx, const QsNode *node, const LptDq *in);
gboolean _qs_lpt_move_space      (LptContext *ctx, const QsNode *node, const LptDq *in);
/* Layers of pass 2 that read inputs other than 0 (qs-lpt-recurrent.c,
 * qs-lpt-assign.c); TRUE when @node is of a type handled (and decided). */
gboolean _qs_lpt_recurrent       (LptContext *ctx, const QsNode *node);
gboolean _qs_lpt_assign          (LptContext *ctx, const QsNode *node);
/* After fold-back (qs-lpt-assign.c, qs-lpt-move-fq.c, qs-lpt-fold-constant.c) */
void     _qs_lpt_assign_read_values (LptContext *ctx);
void     _qs_lpt_move_fake_quantize (LptContext *ctx);
void     _qs_lpt_fold_constants  (LptContext *ctx);
/* The reason for a Multiply folded into a record that fold-back sends back
 * to floats (qs-lpt-multiply-gconv.c); NULL when not such a Multiply. */
const char *_qs_lpt_multiply_to_group_conv (LptContext *ctx, const QsNode *node);
/* Gives every output of @node @in's record (rank adjusted) and marks it as
 * moving codes (qs-lpt-pass-propagate.c). */
void     _qs_lpt_pass_codes      (LptContext *ctx, const QsNode *node, const LptDq *in);
void     _qs_lpt_mark_codes      (LptContext *ctx, const QsNode *node);
gboolean _qs_lpt_pass_compute    (LptContext *ctx, const QsNode *node, GError **error);
gboolean _qs_lpt_pass_requantize (LptContext *ctx, const QsNode *node, GError **error);
gboolean _qs_lpt_pass_fold_back  (LptContext *ctx, GError **error);
/* After the passes: the grid marks of FakeQuantize layers that are not
 * aligned themselves (FROM_ALIGNED, AFTER_AVGPOOL; qs-lpt-pass-decompose.c). */
void     _qs_lpt_mark_grids      (LptContext *ctx);
QsModel *_qs_lpt_emit            (LptContext *ctx, GError **error);

/* Helpers (qs-lpt.c) */
LptNode     *_qs_lpt_node        (LptContext *ctx, const QsNode *node);
LptDq       *_qs_lpt_tensor      (LptContext *ctx, const QsPort *output);
LptDq       *_qs_lpt_input       (LptContext *ctx, const QsNode *node, guint input);
void         _qs_lpt_dq_init     (LptDq *dq, QsElementType type, int rank, int axis, guint n);
void         _qs_lpt_dq_copy     (LptDq *dst, const LptDq *src);
void         _qs_lpt_dq_clear    (LptDq *dq);
gboolean     _qs_lpt_dq_per_tensor (const LptDq *dq);
gboolean     _qs_lpt_dq_has_zero_point (const LptDq *dq);
void         _qs_lpt_fp32        (LptContext *ctx, const QsNode *node, const char *format, ...) G_GNUC_PRINTF (3, 4);
gboolean     _qs_lpt_is_compute  (const QsNode *node);
/* Ops through which LPT moves a Dequantize keeping codes on their output
 * (precision-preserved: data movement, Pad, Gather, DepthToSpace,
 * ShuffleChannels, nearest Interpolate, MaxPool, AvgPool, ReduceMax/Min,
 * ReLU, Concat). */
gboolean     _qs_lpt_moves_codes (const QsNode *node);

G_END_DECLS
