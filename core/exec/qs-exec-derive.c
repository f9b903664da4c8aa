/* qs-exec-derive.c — summaries derived from their data's rows, not counted
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * In an observed int8 run that summarises outputs as they are made
 * (qs_exec_set_summarise_outputs()), a layer whose integer output feeds
 * a Dequantize (a convolution's accumulators, a Quantize's codes) is
 * summarised row by row, one channel of one item a row, in the one pass
 * its own summary needs; the Dequantize's summary then follows from those
 * rows and its per-channel constants (qs-stats-derive.h), with no pass
 * over its floats.  Float layers the same way: a layer whose f32 output
 * an Add, Subtract or Multiply combines with a constant of one value a
 * channel (the bias after a convolution) is summarised by rows, and the
 * op's summary follows from them and the constant.  qs-exec.c decides
 * when; this file checks that the constants allow it and does the
 * arithmetic through qs-stats-derive.c.
 */
#include "config.h"

#include <string.h>

#include "qs-exec-derive-private.h"
#include "qs-stats-private.h"

/* Rows shorter than this cost a call each for a few values: the counted
 * pass does better there. */
#define MIN_INNER 16
/* An f32 row costs 30 to 60 ns more than its values in one pass over the
 * tensor (the f32 summary's fixed cost a call; tests/bench-rows-f32, one
 * thread, AVX-512: 32 to 58 ns at 405 to 680 values, 22 to 37 at 1600),
 * and saves the in-cache summary of the op's output, about 0.06 ns a
 * value: below some 500 to 950 values a row loses.  The three models'
 * planes are 28 to 680 values, then 1600 and up; the smaller are left to
 * the op's own summary. */
#define MIN_INNER_F32 1024

static gint n_derived;   /* atomic: Dequantize summaries derived */
static gint n_derived_const;   /* atomic: Add, Subtract, Multiply ones */

guint
_qs_derive_get_n_derived (void)
{
  return (guint) g_atomic_int_get (&n_derived);
}

guint
_qs_derive_get_n_derived_const (void)
{
  return (guint) g_atomic_int_get (&n_derived_const);
}

void
_qs_row_stash_free (QsRowStash *stash)
{
  if (stash == NULL)
    return;
  g_free (stash->rows);
  g_free (stash->rows_f32);
  g_free (stash);
}

static gboolean
is_dequantize (const QsNode *node)
{
  return g_strcmp0 (node->version, "qscope") == 0 && qs_node_is_type (node, "Dequantize");
}

/* Whether input @i of @node is declared with one value. */
static gboolean
one_value (const QsNode *node,
           guint         i)
{
  const QsPort *src = i < node->n_inputs ? node->inputs[i].source : NULL;
  int d;

  if (src == NULL)
    return i >= 3;   /* no shift */
  if (src->shape.rank < 0)
    return FALSE;
  for (d = 0; d < src->shape.rank; d++)
    if (src->shape.dims[d] != 1)
      return FALSE;
  return TRUE;
}

guint
_qs_derive_feeds_dequantize (const QsNode *node)
{
  guint i, kind = 0;

  if (node->n_outputs < 1)
    return 0;
  for (i = 0; i < node->outputs[0].n_consumers; i++)
    {
      const QsPort *c = node->outputs[0].consumers[i];

      if (c->index == 0 && is_dequantize (c->node))
        kind = MAX (kind, one_value (c->node, 1) && one_value (c->node, 2) && one_value (c->node, 3) ? 1u : 2u);
    }
  return kind;
}

gboolean
_qs_derive_rows_fit (const QsTensor *out,
                     gboolean        per_channel)
{
  if (out == NULL || out->data == NULL || out->n_elements == 0 ||
      (out->type != QS_ELEMENT_U8 && out->type != QS_ELEMENT_I8 && out->type != QS_ELEMENT_I32 &&
       out->type != QS_ELEMENT_F32))
    return FALSE;
  return !per_channel || (out->rank >= 2 && _qs_dims_product (out->dims, 2, out->rank) >=
                                             (out->type == QS_ELEMENT_F32 ? MIN_INNER_F32 : MIN_INNER));
}

QsRowStash *
_qs_derive_take_rows (const QsTensor *out,
                      gboolean        per_channel,
                      QsSummary      *written)
{
  QsRowStash *stash;

  if (!_qs_derive_rows_fit (out, per_channel) || written->has_bins || written->has_fq)
    return NULL;
  stash = g_new0 (QsRowStash, 1);
  stash->type = out->type;
  stash->rank = out->rank;
  memcpy (stash->dims, out->dims, sizeof (gint64) * out->rank);
  stash->C = per_channel ? out->dims[1] : 1;
  stash->inner = per_channel ? _qs_dims_product (out->dims, 2, out->rank) : QS_STATS_TASK;
  stash->n_rows = (out->n_elements + stash->inner - 1) / stash->inner;
  if (out->type == QS_ELEMENT_F32)
    {
      stash->rows_f32 = g_new (QsRowMomentsF32, stash->n_rows);
      if (!qs_row_moments_compute_f32 (out, stash->inner, stash->rows_f32) ||
          !qs_summary_add_rows_f32 (written, stash->rows_f32, stash->n_rows))
        {
          _qs_row_stash_free (stash);
          return NULL;
        }
      return stash;
    }
  stash->rows = g_new (QsRowMoments, stash->n_rows);
  if (!qs_row_moments_compute (out, stash->inner, stash->rows) ||
      !qs_summary_add_rows (written, stash->rows, stash->n_rows, out->type))
    {
      _qs_row_stash_free (stash);
      return NULL;
    }
  return stash;
}

/* How constant @k of the Dequantize varies over the data's rows: one
 * value in all (step 0) or one a channel (step 1, element c of channel
 * c); FALSE when it varies otherwise (a shift one an element). */
static gboolean
channel_step (const QsTensor   *k,
              const QsRowStash *x,
              QsElementType     type,
              gsize            *step)
{
  int off = x->rank - k->rank, d;

  if (k->type != type || k->rank > x->rank || k->n_elements == 0)
    return FALSE;
  *step = 0;
  for (d = 0; d < k->rank; d++)
    {
      if (k->dims[d] == 1)
        continue;
      /* (pieces have C == 1: they take one value in all only) */
      if (off + d != 1 || k->dims[d] != x->C)
        return FALSE;
      *step = 1;
    }
  return TRUE;
}

gboolean
_qs_derive_dequantize (const QsRowStash *stash,
                       const QsNode     *dequantize,
                       QsTensor *const  *in,
                       guint             n_in,
                       QsSummary        *into)
{
  g_autofree QsAffineRow *affine = NULL;
  const QsTensor *x, *scale, *zp, *shift;
  gsize ss, sz, sb = 0, r;
  gboolean is_i32;

  if (stash == NULL || stash->rows == NULL || !is_dequantize (dequantize) || n_in < 3)
    return FALSE;
  x = in[0];
  scale = in[1];
  zp = in[2];
  shift = n_in > 3 ? in[3] : NULL;
  /* the stash is of this very tensor */
  if (x == NULL || scale == NULL || zp == NULL || x->type != stash->type || x->rank != stash->rank ||
      memcmp (x->dims, stash->dims, sizeof (gint64) * x->rank) != 0)
    return FALSE;
  is_i32 = x->type == QS_ELEMENT_I32;
  if (!channel_step (scale, stash, QS_ELEMENT_F32, &ss) ||
      !channel_step (zp, stash, is_i32 ? QS_ELEMENT_I32 : QS_ELEMENT_F32, &sz) ||
      (shift != NULL && !channel_step (shift, stash, QS_ELEMENT_F32, &sb)))
    return FALSE;
  affine = g_new (QsAffineRow, stash->n_rows);
  for (r = 0; r < stash->n_rows; r++)
    {
      const QsRowMoments *m = &stash->rows[r];
      gsize c = r % (gsize) stash->C;
      float s = qs_tensor_f32 (scale)[c * ss];
      gint32 zi = is_i32 ? ((const gint32 *) zp->data)[c * sz] : 0;
      float zf = is_i32 ? 0.0f : qs_tensor_f32 (zp)[c * sz];
      float b = shift != NULL ? qs_tensor_f32 (shift)[c * sb] : 0.0f;
      QsAffineRow *a = &affine[r];

      a->scale = s;
      a->zero_point = is_i32 ? (double) zi : (double) zf;
      a->shift = b;
      /* the extremes through the op's own formula: exact */
      a->at_min = m->n > 0 ? _qs_dequantize_value (m->min, x->type, zi, zf, s, shift != NULL, b) : 0.0f;
      a->at_max = m->n > 0 ? _qs_dequantize_value (m->max, x->type, zi, zf, s, shift != NULL, b) : 0.0f;
    }
  if (!qs_summary_add_affine_rows (into, stash->rows, affine, stash->n_rows))
    return FALSE;
  g_atomic_int_inc (&n_derived);
  return TRUE;
}

/* ---- Add, Subtract, Multiply of f32 data and a constant ---- */

static gboolean
const_op_of (const QsNode *node,
             int           data,
             QsConstOp    *op)
{
  if (node->version == NULL || !g_str_has_prefix (node->version, "opset"))
    return FALSE;
  if (qs_node_is_type (node, "Add"))
    *op = QS_CONST_OP_ADD;
  else if (qs_node_is_type (node, "Multiply"))
    *op = QS_CONST_OP_MULTIPLY;
  else if (qs_node_is_type (node, "Subtract"))
    *op = data == 0 ? QS_CONST_OP_SUBTRACT : QS_CONST_OP_SUBTRACT_FROM;
  else
    return FALSE;
  return TRUE;
}

int
_qs_derive_const_op_data (const QsNode   *node,
                          const gboolean *constant,
                          gboolean       *per_channel)
{
  const char *mode;
  QsConstOp op;
  int data;

  if (node->n_inputs != 2 || node->n_outputs < 1 || !const_op_of (node, 0, &op))
    return -1;
  mode = qs_node_get_attr (node, "auto_broadcast");
  if (mode != NULL && strcmp (mode, "numpy") != 0)
    return -1;
  for (data = 0; data < 2; data++)
    {
      const QsPort *x = node->inputs[data].source, *k = node->inputs[1 - data].source;
      gboolean varies = FALSE;
      int d, off;

      if (x == NULL || k == NULL || constant[x->node->index] || !constant[k->node->index] ||
          k->shape.rank < 0)
        continue;
      off = x->shape.rank - k->shape.rank;
      for (d = 0; d < k->shape.rank && !varies; d++)
        varies = k->shape.dims[d] != 1;
      if (varies)
        {
          /* one a channel: the only dimension not 1 is on axis 1 of x */
          if (x->shape.rank < 2 || off < 0 || off > 1)
            continue;
          for (d = 0; d < k->shape.rank; d++)
            if (k->shape.dims[d] != 1 && (off + d != 1 || (x->shape.dims[1] >= 0 &&
                                                            k->shape.dims[d] != x->shape.dims[1])))
              break;
          if (d < k->shape.rank)
            continue;
        }
      if (per_channel != NULL)
        *per_channel = varies;
      return data;
    }
  return -1;
}

guint
_qs_derive_feeds_const_op (const QsNode   *node,
                           const gboolean *constant)
{
  guint i, kind = 0;

  if (node->n_outputs < 1)
    return 0;
  for (i = 0; i < node->outputs[0].n_consumers; i++)
    {
      const QsPort *c = node->outputs[0].consumers[i];
      gboolean per_channel;

      if (_qs_derive_const_op_data (c->node, constant, &per_channel) == (int) c->index)
        kind = MAX (kind, per_channel ? 2u : 1u);
    }
  return kind;
}

gboolean
_qs_derive_const_op (const QsRowStash *stash,
                     const QsNode     *node,
                     int               data,
                     QsTensor *const  *in,
                     guint             n_in,
                     const QsTensor   *out,
                     QsSummary        *into)
{
  const QsTensor *x, *k;
  QsConstOp op;
  gsize step;

  if (stash == NULL || stash->rows_f32 == NULL || data < 0 || data > 1 || n_in != 2 ||
      !const_op_of (node, data, &op))
    return FALSE;
  x = in[data];
  k = in[1 - data];
  /* the stash is of this very tensor, and y has its shape (k broadcasts
   * into x, not x into k) */
  if (x == NULL || k == NULL || out == NULL || x->type != QS_ELEMENT_F32 || out->type != QS_ELEMENT_F32 ||
      x->rank != stash->rank || memcmp (x->dims, stash->dims, sizeof (gint64) * x->rank) != 0 ||
      !qs_tensor_same_shape (x, out))
    return FALSE;
  if (!channel_step (k, stash, QS_ELEMENT_F32, &step))
    return FALSE;
  if (!qs_summary_add_const_op_rows (into, stash->rows_f32, stash->n_rows, op, qs_tensor_f32 (k), step,
                                     (gsize) stash->C))
    return FALSE;
  g_atomic_int_inc (&n_derived_const);
  return TRUE;
}
