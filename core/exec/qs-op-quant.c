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

static gboolean
op_fake_quantize (QsOpCtx *ctx,
                  GError **error)
{
  QsTensor *x;
  gint64 levels;
  g_autoptr(QsTensor) out = NULL;
  QsTensor *ops[6];
  QsBcast bc;
  gsize row, off[6], i, inner;
  int rank, k;
  gint64 dims[QS_TENSOR_MAX_RANK];
  const char *mode;

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
  if (mode != NULL && strcmp (mode, "numpy") != 0)
    return _qs_op_fail (error, "auto_broadcast “%s” is not supported", mode);

  if (ctx->mode == QS_EXEC_MODE_FLOAT && !ctx->data_is_constant)
    {
      ctx->out[0] = qs_tensor_ref (x);
      return TRUE;
    }

  if (!_qs_op_broadcast_shape (ctx->in, 5, &rank, dims, error))
    return FALSE;
  if (rank != x->rank || memcmp (dims, x->dims, sizeof (gint64) * rank) != 0)
    return _qs_op_fail (error, "the ranges broadcast beyond the data shape");

  out = qs_tensor_new_like (x, QS_ELEMENT_F32);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  ops[0] = out;
  for (k = 0; k < 5; k++)
    ops[k + 1] = ctx->in[k];
  _qs_bcast_init (&bc, rank, dims, ops, 6);
  inner = bc.dims[bc.rank - 1];
  for (row = 0; row < bc.n_outer; row++)
    {
      float *o;
      const float *px, *p[4];
      gint64 s[5];

      _qs_bcast_row (&bc, row, off);
      o = qs_tensor_f32 (out) + off[0];
      px = qs_tensor_f32 (x) + off[1];
      for (k = 0; k < 4; k++)
        p[k] = qs_tensor_f32 (ctx->in[k + 1]) + off[k + 2];
      for (k = 0; k < 5; k++)
        s[k] = bc.strides[k + 1][bc.rank - 1];
      if (s[1] == 0 && s[2] == 0 && s[3] == 0 && s[4] == 0)
        for (i = 0; i < inner; i++)
          o[i] = qs_fake_quantize_f32 (px[i * s[0]], p[0][0], p[1][0], p[2][0], p[3][0], levels);
      else
        for (i = 0; i < inner; i++)
          o[i] = qs_fake_quantize_f32 (px[i * s[0]], p[0][i * s[1]], p[1][i * s[2]], p[2][i * s[3]],
                                       p[3][i * s[4]], levels);
    }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

const QsOpEntry _qs_op_quant_table[] = {
  { "FakeQuantize", 1, G_MAXINT, op_fake_quantize },
  { NULL, 0, 0, NULL }
};
