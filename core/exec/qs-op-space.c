/* qs-op-space.c — SpaceToBatch and BatchToSpace
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Both move blocks of the spatial dimensions into the batch and back.
 * Rather than the reshape-transpose-reshape of the specification, each
 * output element is found from its coordinates: the block offset of the
 * spatial dimensions (k_1 .. k_n, the last fastest) selects which batch
 * of the folded batch dimension holds it.  Elements are moved by their
 * byte size, so every element type runs.  block_shape[0] must be 1, as
 * the specification requires.
 */
#include "config.h"

#include <string.h>

#include "qs-op-private.h"

/* Reads the three 1-D inputs of length rank: block_shape and the two
 * pads (or crops). */
static gboolean
read_blocks (QsOpCtx     *ctx,
             const char  *begin_name,
             const char  *end_name,
             gint64      *block,
             gint64      *begin,
             gint64      *end,
             GError     **error)
{
  const QsTensor *x = ctx->in[0];
  const char *names[3] = { "block_shape", begin_name, end_name };
  gint64 *dst[3] = { block, begin, end };
  int k, d;

  if (x->rank < 2)
    return _qs_op_fail (error, "data needs rank >= 2 (it has %d)", x->rank);
  for (k = 0; k < 3; k++)
    {
      const QsTensor *t = ctx->in[1 + k];

      if (t->rank != 1 || t->dims[0] != x->rank)
        return _qs_op_fail (error, "%s must be 1-D of the data's rank %d", names[k], x->rank);
      for (d = 0; d < x->rank; d++)
        {
          dst[k][d] = qs_tensor_get_i64 (t, d);
          if (k == 0 ? dst[k][d] < 1 : dst[k][d] < 0)
            return _qs_op_fail (error, "%s[%d] = %" G_GINT64_FORMAT " is %s", names[k], d, dst[k][d],
                                k == 0 ? "not positive" : "negative");
        }
    }
  if (block[0] != 1)
    return _qs_op_fail (error, "block_shape[0] = %" G_GINT64_FORMAT " must be 1", block[0]);
  return TRUE;
}

/* ---- SpaceToBatch-2 ---- */

static gboolean
op_space_to_batch (QsOpCtx *ctx,
                   GError **error)
{
  QsTensor *x;
  gint64 block[QS_TENSOR_MAX_RANK], pb[QS_TENSOR_MAX_RANK], pe[QS_TENSOR_MAX_RANK];
  gint64 dims[QS_TENSOR_MAX_RANK], oc[QS_TENSOR_MAX_RANK], n_blocks = 1, padded_batch;
  g_autoptr(QsTensor) out = NULL;
  gsize i, es;
  int d;

  if (!_qs_op_need_inputs (ctx, 4, error))
    return FALSE;
  x = ctx->in[0];
  if (!read_blocks (ctx, "pads_begin", "pads_end", block, pb, pe, error))
    return FALSE;
  padded_batch = x->dims[0] + pb[0] + pe[0];
  for (d = 1; d < x->rank; d++)
    {
      gint64 padded = x->dims[d] + pb[d] + pe[d];

      if (padded % block[d] != 0)
        return _qs_op_fail (error, "padded dimension %d (%" G_GINT64_FORMAT ") does not divide by block_shape[%d] = %"
                            G_GINT64_FORMAT, d, padded, d, block[d]);
      dims[d] = padded / block[d];
      if (__builtin_mul_overflow (n_blocks, block[d], &n_blocks))
        return _qs_op_fail (error, "block_shape is too large");
    }
  if (__builtin_mul_overflow (padded_batch, n_blocks, &dims[0]))
    return _qs_op_fail (error, "block_shape is too large");
  out = qs_tensor_new (x->type, x->rank, dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  es = qs_tensor_type_size (x->type);
  memset (oc, 0, sizeof oc);
  for (i = 0; i < out->n_elements; i++)
    {
      gint64 blk = oc[0] / padded_batch, src = 0;
      gboolean inside = TRUE;

      /* input coordinate of each dimension, the block offsets taken from
       * blk last dimension first */
      for (d = x->rank - 1; d >= 0 && inside; d--)
        {
          gint64 c;

          if (d == 0)
            c = oc[0] % padded_batch - pb[0];
          else
            {
              c = oc[d] * block[d] + blk % block[d] - pb[d];
              blk /= block[d];
            }
          if (c < 0 || c >= x->dims[d])
            inside = FALSE;
          src += c * (gint64) _qs_dims_product (x->dims, d + 1, x->rank);
        }
      if (inside)
        memcpy ((guint8 *) out->data + i * es, (const guint8 *) x->data + src * es, es);
      for (d = x->rank - 1; d >= 0; d--)
        {
          if (++oc[d] < dims[d])
            break;
          oc[d] = 0;
        }
    }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

/* ---- BatchToSpace-2 ---- */

static gboolean
op_batch_to_space (QsOpCtx *ctx,
                   GError **error)
{
  QsTensor *x;
  gint64 block[QS_TENSOR_MAX_RANK], cb[QS_TENSOR_MAX_RANK], ce[QS_TENSOR_MAX_RANK];
  gint64 dims[QS_TENSOR_MAX_RANK], oc[QS_TENSOR_MAX_RANK], n_blocks = 1, batch;
  g_autoptr(QsTensor) out = NULL;
  gsize i, es;
  int d;

  if (!_qs_op_need_inputs (ctx, 4, error))
    return FALSE;
  x = ctx->in[0];
  if (!read_blocks (ctx, "crops_begin", "crops_end", block, cb, ce, error))
    return FALSE;
  for (d = 1; d < x->rank; d++)
    if (__builtin_mul_overflow (n_blocks, block[d], &n_blocks))
      return _qs_op_fail (error, "block_shape is too large");
  if (x->dims[0] % n_blocks != 0)
    return _qs_op_fail (error, "batch %" G_GINT64_FORMAT " does not divide by the product of block_shape (%"
                        G_GINT64_FORMAT ")", x->dims[0], n_blocks);
  batch = x->dims[0] / n_blocks;
  for (d = 0; d < x->rank; d++)
    {
      gint64 full;

      if (__builtin_mul_overflow (d == 0 ? batch : x->dims[d], d == 0 ? 1 : block[d], &full))
        return _qs_op_fail (error, "block_shape is too large");
      dims[d] = full - cb[d] - ce[d];
      if (dims[d] < 0)
        return _qs_op_fail (error, "crops_begin[%d] + crops_end[%d] exceed the dimension (%" G_GINT64_FORMAT ")",
                            d, d, full);
    }
  out = qs_tensor_new (x->type, x->rank, dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  es = qs_tensor_type_size (x->type);
  memset (oc, 0, sizeof oc);
  for (i = 0; i < out->n_elements; i++)
    {
      gint64 blk = 0, src = 0, stride = 1;

      /* the block offset of each spatial dimension, first dimension
       * slowest, and the input coordinates */
      for (d = 1; d < x->rank; d++)
        blk = blk * block[d] + (oc[d] + cb[d]) % block[d];
      for (d = x->rank - 1; d >= 0; d--)
        {
          gint64 c = d == 0 ? blk * batch + oc[0] + cb[0] : (oc[d] + cb[d]) / block[d];

          src += c * stride;
          stride *= x->dims[d];
        }
      memcpy ((guint8 *) out->data + i * es, (const guint8 *) x->data + src * es, es);
      for (d = x->rank - 1; d >= 0; d--)
        {
          if (++oc[d] < dims[d])
            break;
          oc[d] = 0;
        }
    }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

const QsOpEntry _qs_op_space_table[] = {
  { "SpaceToBatch", 2, G_MAXINT, op_space_to_batch },
  { "BatchToSpace", 2, G_MAXINT, op_batch_to_space },
  { NULL, 0, 0, NULL }
};
