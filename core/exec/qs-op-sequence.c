/* qs-op-sequence.c — CumSum and Eye
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * CumSum accumulates float data in f32 (the reference accumulates in the
 * data's type) and integer data in int64, stored back in the data's type.
 * Eye's output type follows the IR; f16, bf16 and f64 compute in f32 as
 * everywhere in the executor.
 */
#include "config.h"

#include <string.h>

#include "qs-op-private.h"

/* ---- CumSum-3 ---- */

static gboolean
op_cum_sum (QsOpCtx *ctx,
            GError **error)
{
  QsTensor *x;
  gboolean exclusive = FALSE, reverse = FALSE;
  int axis = 0;
  gsize outer, len, inner, o, in, j;
  g_autoptr(QsTensor) out = NULL;

  if (!_qs_op_need_inputs (ctx, 1, error))
    return FALSE;
  x = ctx->in[0];
  if (!qs_node_get_bool (ctx->node, "exclusive", FALSE, &exclusive, error)
      || !qs_node_get_bool (ctx->node, "reverse", FALSE, &reverse, error))
    return FALSE;
  if (x->rank < 1)
    return _qs_op_fail (error, "data needs rank >= 1");
  if (ctx->n_in > 1 && ctx->in[1] != NULL)
    {
      if (ctx->in[1]->n_elements != 1)
        return _qs_op_fail (error, "axis must hold one value (it holds %" G_GSIZE_FORMAT ")", ctx->in[1]->n_elements);
      if (!_qs_op_axis (qs_tensor_get_i64 (ctx->in[1], 0), x->rank, &axis, error))
        return FALSE;
    }
  if (x->type == QS_ELEMENT_BOOLEAN)
    return _qs_op_fail (error, "CumSum needs numeric data, not boolean");
  out = qs_tensor_new (x->type, x->rank, x->dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  outer = _qs_dims_product (x->dims, 0, axis);
  len = (gsize) x->dims[axis];
  inner = _qs_dims_product (x->dims, axis + 1, x->rank);
  for (o = 0; o < outer; o++)
    for (in = 0; in < inner; in++)
      {
        float accf = 0;
        gint64 acci = 0;

        for (j = 0; j < len; j++)
          {
            gsize step = reverse ? len - 1 - j : j;
            gsize idx = (o * len + step) * inner + in;

            if (x->type == QS_ELEMENT_F32)
              {
                float v = ((const float *) x->data)[idx];

                if (!exclusive)
                  accf += v;
                ((float *) out->data)[idx] = accf;
                if (exclusive)
                  accf += v;
              }
            else
              {
                gint64 v = qs_tensor_get_i64 (x, idx);

                if (!exclusive)
                  acci = (gint64) ((guint64) acci + (guint64) v);
                switch (out->type)
                  {
                  case QS_ELEMENT_I32: ((gint32 *) out->data)[idx] = (gint32) acci; break;
                  case QS_ELEMENT_I64: ((gint64 *) out->data)[idx] = acci; break;
                  case QS_ELEMENT_U8: ((guint8 *) out->data)[idx] = (guint8) acci; break;
                  case QS_ELEMENT_I8: ((gint8 *) out->data)[idx] = (gint8) acci; break;
                  default: break;
                  }
                if (exclusive)
                  acci = (gint64) ((guint64) acci + (guint64) v);
              }
          }
      }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

/* ---- Eye-9 ---- */

/* The type the executor computes an IR element type in. */
static QsElementType
exec_type (QsElementType t)
{
  switch (t)
    {
    case QS_ELEMENT_I64: case QS_ELEMENT_U64: case QS_ELEMENT_U32:
      return QS_ELEMENT_I64;
    case QS_ELEMENT_I32: case QS_ELEMENT_I16: case QS_ELEMENT_U16:
      return QS_ELEMENT_I32;
    case QS_ELEMENT_U8: case QS_ELEMENT_I8: case QS_ELEMENT_BOOLEAN: case QS_ELEMENT_F32:
      return t;
    case QS_ELEMENT_F16: case QS_ELEMENT_BF16: case QS_ELEMENT_F64:
      return QS_ELEMENT_F32;
    default:
      return QS_ELEMENT_UNDEFINED;
    }
}

static gboolean
op_eye (QsOpCtx *ctx,
        GError **error)
{
  const char *ot = qs_node_get_attr (ctx->node, "output_type");
  const char *names[3] = { "num_rows", "num_columns", "diagonal_index" };
  gint64 v[3], dims[QS_TENSOR_MAX_RANK], r, c;
  QsElementType type;
  int rank = 0, k;
  gsize n_mat, m;
  g_autoptr(QsTensor) out = NULL;

  if (!_qs_op_need_inputs (ctx, 3, error))
    return FALSE;
  if (ot == NULL)
    return _qs_op_fail (error, "output_type is missing");
  type = exec_type (qs_element_type_from_string (ot));
  if (type == QS_ELEMENT_UNDEFINED)
    return _qs_op_fail (error, "output_type “%s” is not supported", ot);
  for (k = 0; k < 3; k++)
    {
      if (ctx->in[k]->n_elements != 1 || ctx->in[k]->rank > 1)
        return _qs_op_fail (error, "%s must be a scalar or a 1-element 1-D tensor", names[k]);
      v[k] = qs_tensor_get_i64 (ctx->in[k], 0);
      if (k < 2 && v[k] < 0)
        return _qs_op_fail (error, "%s %" G_GINT64_FORMAT " is negative", names[k], v[k]);
    }
  if (ctx->n_in > 3 && ctx->in[3] != NULL)
    {
      const QsTensor *bs = ctx->in[3];

      if (bs->rank != 1 || bs->n_elements + 2 > QS_TENSOR_MAX_RANK)
        return _qs_op_fail (error, "batch_shape must be 1-D with at most %d elements", QS_TENSOR_MAX_RANK - 2);
      for (m = 0; m < bs->n_elements; m++)
        {
          dims[rank] = qs_tensor_get_i64 (bs, m);
          if (dims[rank] < 0)
            return _qs_op_fail (error, "batch_shape[%" G_GSIZE_FORMAT "] = %" G_GINT64_FORMAT " is negative",
                                m, dims[rank]);
          rank++;
        }
    }
  n_mat = _qs_dims_product (dims, 0, rank);
  dims[rank++] = v[0];
  dims[rank++] = v[1];
  out = qs_tensor_new (type, rank, dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  for (m = 0; m < n_mat; m++)
    for (r = 0; r < v[0]; r++)
      {
        c = r + v[2];
        if (c >= 0 && c < v[1])
          qs_tensor_set_f64 (out, (m * v[0] + r) * v[1] + c, 1);
      }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

const QsOpEntry _qs_op_sequence_table[] = {
  { "CumSum", 3, G_MAXINT, op_cum_sum },
  { "Eye", 9, G_MAXINT, op_eye },
  { NULL, 0, 0, NULL }
};
