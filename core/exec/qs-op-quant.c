/* qs-op-quant.c — FakeQuantize, and later the int8 Quantize/Dequantize/Requantize
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * In float mode an activation FakeQuantize passes its input through; one
 * whose data is constant (a weight FakeQuantize) is always applied, since
 * the model holds only the quantized weights.
 */
#include "config.h"

#include <string.h>

#include "qs-op-private.h"
#include "qs-rows-private.h"

float
qs_fake_quantize_f32 (float x,
                      float il,
                      float ih,
                      float ol,
                      float oh,
                      guint levels)
{
  /* volatile-free but ordered: each step rounds to float, as the reference does in T=f32 */
  float lo = il < ih ? il : ih;
  float hi = il < ih ? ih : il;
  float lm1 = (float) (levels - 1);
  float t;

  if (x <= lo)
    return ol;
  if (x > hi)
    return oh;
  t = (x - il) / (ih - il);
  t = t * lm1;
  t = nearbyintf (t);
  t = t / lm1;
  t = t * (oh - ol);
  return t + ol;
}

/* The range @b as a view of the data's rank under PDPD broadcasting
 * (ops.md, broadcast rules): @b's dims line up with the data's from @axis
 * (the IR's auto_broadcast_axis) on (-1: so that they end together),
 * trailing ones of @b are dropped first, and every remaining dim is 1 or
 * the data's. */
static QsTensor *
pdpd_view (QsTensor        *b,
           const QsTensor  *x,
           gint64           axis,
           int              k,
           GError         **error)
{
  gint64 dims[QS_TENSOR_MAX_RANK];
  int br = b->rank, i;

  if (br > x->rank)
    {
      _qs_op_fail (error, "auto_broadcast=pdpd: input %d has rank %d, the data %d", k, br, x->rank);
      return NULL;
    }
  if (axis == -1)
    axis = x->rank - br;
  while (br > 0 && b->dims[br - 1] == 1)
    br--;
  if (axis < 0 || axis + br > x->rank)
    {
      _qs_op_fail (error, "auto_broadcast=pdpd: auto_broadcast_axis %" G_GINT64_FORMAT " does not fit input %d of rank %d in data rank %d",
                   axis, k, b->rank, x->rank);
      return NULL;
    }
  for (i = 0; i < x->rank; i++)
    dims[i] = i >= axis && i < axis + br ? b->dims[i - axis] : 1;
  for (i = 0; i < br; i++)
    if (dims[axis + i] != 1 && dims[axis + i] != x->dims[axis + i])
      {
        _qs_op_fail (error, "auto_broadcast=pdpd: input %d dim %" G_GINT64_FORMAT " does not fit data dim %d (%" G_GINT64_FORMAT ")",
                     k, dims[axis + i], (int) (axis + i), x->dims[axis + i]);
        return NULL;
      }
  {
    QsTensor *view = qs_tensor_view (b, x->rank, dims);

    if (view == NULL)
      _qs_op_fail_alloc (error, "the range view");
    return view;
  }
}

static void
ranges_clear (QsTensor *(*ranges)[4])
{
  int k;

  for (k = 0; k < 4; k++)
    g_clear_pointer (&(*ranges)[k], qs_tensor_unref);
}

/* A piece of FakeQuantize's rows (_qs_rows_parallel()). */
typedef struct
{
  const QsRows   *rows;
  const QsBcast  *bc;           /* over out, x and the four ranges */
  const QsTensor *x;
  QsTensor       *out;
  QsTensor      **ranges;
  gint64          levels;
} FqRows;

static void
fq_rows (gsize    row,
         gsize    first,
         gsize    inner,
         gpointer data)
{
  const FqRows *job = data;
  const QsBcast *bc = job->bc;
  gint64 levels = job->levels;
  gsize off[6], i;
  float *o;
  const float *px, *p[4];
  gint64 s[5];
  int k;

  _qs_bcast_row (bc, row, off);
  for (k = 0; k < 5; k++)
    s[k] = bc->strides[k + 1][bc->rank - 1];
  o = qs_tensor_f32 (job->out) + off[0] + first;
  px = qs_tensor_f32 (job->x) + off[1] + first * s[0];
  for (k = 0; k < 4; k++)
    p[k] = qs_tensor_f32 (job->ranges[k]) + off[k + 2] + first * s[k + 1];
  if ((s[0] == 1 || bc->dims[bc->rank - 1] == 1) && s[1] == 0 && s[2] == 0 && s[3] == 0 && s[4] == 0 &&
      p[0][0] < p[1][0] && levels <= 65536)
    {
      /* ranges constant along the row (per tensor, or per channel
       * with the row inside a channel): the vectorised row loop */
      QsRowFakeQuantize fq = { p[0][0], p[1][0], p[2][0], p[3][0], (guint) levels };

      job->rows->fake_quantize (px, inner, &fq, o);
    }
  else if (s[1] == 0 && s[2] == 0 && s[3] == 0 && s[4] == 0)
    for (i = 0; i < inner; i++)
      o[i] = qs_fake_quantize_f32 (px[i * s[0]], p[0][0], p[1][0], p[2][0], p[3][0], levels);
  else
    for (i = 0; i < inner; i++)
      o[i] = qs_fake_quantize_f32 (px[i * s[0]], p[0][i * s[1]], p[1][i * s[2]], p[2][i * s[3]],
                                   p[3][i * s[4]], levels);
}

static gboolean
op_fake_quantize (QsOpCtx *ctx,
                  GError **error)
{
  QsTensor *x;
  gint64 levels;
  g_autoptr(QsTensor) out = NULL;
  QsTensor *ops[6];
  QsBcast bc;
  gsize inner;
  int rank, k;
  gint64 dims[QS_TENSOR_MAX_RANK];
  const char *mode;
  QsTensor *ranges[4] __attribute__ ((cleanup (ranges_clear))) = { NULL, NULL, NULL, NULL };
  const QsRows *rows = _qs_rows ();

  if (!_qs_op_need_inputs (ctx, 5, error))
    return FALSE;
  x = ctx->in[0];
  if (!qs_node_get_int (ctx->node, "levels", 0, &levels, error))
    return FALSE;
  if (levels < 2 || levels > G_MAXINT32)
    return _qs_op_fail (error, "levels must be 2 to %d (is %" G_GINT64_FORMAT ")", G_MAXINT32, levels);
  for (k = 0; k < 5; k++)
    if (ctx->in[k]->type != QS_ELEMENT_F32)
      return _qs_op_fail (error, "input %d is not floating point", k);
  mode = qs_node_get_attr (ctx->node, "auto_broadcast");
  if (mode == NULL || strcmp (mode, "numpy") == 0)
    {
      if (!_qs_op_broadcast_shape (ctx->in, 5, &rank, dims, error))
        return FALSE;
      if (rank != x->rank || memcmp (dims, x->dims, sizeof (gint64) * rank) != 0)
        return _qs_op_fail (error, "the ranges broadcast beyond the data shape");
      for (k = 1; k < 5; k++)
        ranges[k - 1] = qs_tensor_ref (ctx->in[k]);
    }
  else if (strcmp (mode, "none") == 0)
    {
      for (k = 1; k < 5; k++)
        {
          if (!qs_tensor_same_shape (ctx->in[k], x))
            return _qs_op_fail (error, "auto_broadcast=none: input %d has another shape than the data", k);
          ranges[k - 1] = qs_tensor_ref (ctx->in[k]);
        }
    }
  else if (strcmp (mode, "pdpd") == 0)
    {
      gint64 axis;

      if (!qs_node_get_int (ctx->node, "auto_broadcast_axis", -1, &axis, error))
        return FALSE;
      if (axis < -1)
        return _qs_op_fail (error, "auto_broadcast_axis %" G_GINT64_FORMAT " is not -1 or a data axis", axis);
      for (k = 1; k < 5; k++)
        {
          ranges[k - 1] = pdpd_view (ctx->in[k], x, axis, k, error);
          if (ranges[k - 1] == NULL)
            return FALSE;
        }
    }
  else
    return _qs_op_fail (error, "auto_broadcast “%s” is not none, numpy or pdpd", mode);
  rank = x->rank;
  memcpy (dims, x->dims, sizeof (gint64) * rank);

  if (ctx->mode == QS_EXEC_MODE_FLOAT && !ctx->data_is_constant)
    {
      ctx->out[0] = qs_tensor_ref (x);
      return TRUE;
    }

  out = qs_tensor_new_uninit (QS_ELEMENT_F32, x->rank, x->dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  ops[0] = out;
  ops[1] = x;
  for (k = 0; k < 4; k++)
    ops[k + 2] = ranges[k];
  _qs_bcast_init (&bc, rank, dims, ops, 6);
  inner = bc.dims[bc.rank - 1];
  {
    FqRows job = { rows, &bc, x, out, ranges, levels };

    _qs_rows_parallel_summary (bc.n_outer, inner, fq_rows, &job, out->data, _qs_op_output_summary (ctx, out));
  }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

const QsOpEntry _qs_op_quant_table[] = {
  { "FakeQuantize", 1, G_MAXINT, op_fake_quantize },
  { NULL, 0, 0, NULL }
};
