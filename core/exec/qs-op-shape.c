/* qs-op-shape.c — shape and data movement: ShapeOf, Reshape, Transpose,
 * Concat, Split, StridedSlice, Gather, Tile, Broadcast, Range, TopK, ...
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * These ops work on any element type by moving bytes.  Reshape, Squeeze and
 * Unsqueeze return views that share the input's data.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "qs-op-private.h"
#include "qs-pad.h"
#include "qs-rows-private.h"

#define ESIZE(t) qs_tensor_type_size ((t)->type)

static gboolean
op_shape_of (QsOpCtx *ctx,
             GError **error)
{
  const char *type = qs_node_get_attr (ctx->node, "output_type");
  QsElementType t = QS_ELEMENT_I64;
  gint64 n;
  g_autoptr(QsTensor) out = NULL;
  int i;

  if (!_qs_op_need_inputs (ctx, 1, error))
    return FALSE;
  if (type != NULL && strcmp (type, "i32") == 0)
    t = QS_ELEMENT_I32;
  n = ctx->in[0]->rank;
  out = qs_tensor_new (t, 1, &n);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  for (i = 0; i < ctx->in[0]->rank; i++)
    qs_tensor_set_f64 (out, i, (double) ctx->in[0]->dims[i]);
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

static gboolean
set_view (QsOpCtx      *ctx,
          int           rank,
          const gint64 *dims,
          GError      **error)
{
  QsTensor *v = qs_tensor_view (ctx->in[0], rank, dims);

  if (v == NULL)
    {
      g_autofree char *s = qs_tensor_shape_to_string (ctx->in[0]);
      return _qs_op_fail (error, "cannot reshape %s (%" G_GSIZE_FORMAT " elements) to rank %d", s,
                          ctx->in[0]->n_elements, rank);
    }
  ctx->out[0] = v;
  return TRUE;
}

static gboolean
op_reshape (QsOpCtx *ctx,
            GError **error)
{
  QsTensor *x;
  gboolean special_zero = FALSE;
  g_autofree gint64 *target = NULL;
  gsize n, i;
  gint64 dims[QS_TENSOR_MAX_RANK];
  gint64 known = 1;
  int infer = -1;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  x = ctx->in[0];
  if (!qs_node_get_bool (ctx->node, "special_zero", FALSE, &special_zero, error))
    return FALSE;
  if (ctx->in[1]->n_elements > QS_TENSOR_MAX_RANK)
    return _qs_op_fail (error, "target rank %" G_GSIZE_FORMAT " is too large", ctx->in[1]->n_elements);
  target = _qs_op_int_values (ctx->in[1], &n);
  if (target == NULL)
    return _qs_op_fail_alloc (error, "the target shape");
  for (i = 0; i < n; i++)
    {
      gint64 d = target[i];

      if (d == 0 && special_zero)
        {
          if ((int) i >= x->rank)
            return _qs_op_fail (error, "special_zero copies dim %" G_GSIZE_FORMAT " the input lacks", i);
          d = x->dims[i];
        }
      else if (d == -1)
        {
          if (infer >= 0)
            return _qs_op_fail (error, "more than one -1 in the target shape");
          infer = i;
          d = 1;
        }
      else if (d < 0)
        return _qs_op_fail (error, "negative target dimension %" G_GINT64_FORMAT, d);
      dims[i] = d;
      if (infer != (int) i && __builtin_mul_overflow (known, d, &known))
        return _qs_op_fail (error, "the target shape is too large: its size overflows");
    }
  if (infer >= 0)
    {
      if (known == 0 || x->n_elements % known != 0)
        return _qs_op_fail (error, "cannot infer the -1 dimension");
      dims[infer] = x->n_elements / known;
    }
  return set_view (ctx, n, dims, error);
}

static gboolean
op_squeeze (QsOpCtx *ctx,
            GError **error)
{
  QsTensor *x;
  gboolean drop[QS_TENSOR_MAX_RANK] = { FALSE };
  gint64 dims[QS_TENSOR_MAX_RANK];
  int r = 0, i;

  if (!_qs_op_need_inputs (ctx, 1, error))
    return FALSE;
  x = ctx->in[0];
  if (ctx->n_in > 1 && ctx->in[1] != NULL)
    {
      gsize n, j;
      g_autofree gint64 *axes = _qs_op_int_values (ctx->in[1], &n);

      if (axes == NULL)
        return _qs_op_fail_alloc (error, "the axes");
      /* an axis whose dimension is not 1 stays as it is (the specification
       * since 2024.3); empty axes squeeze every 1 */
      for (j = 0; j < n; j++)
        {
          int a;
          if (!_qs_op_axis (axes[j], x->rank, &a, error))
            return FALSE;
          drop[a] = x->dims[a] == 1;
        }
      if (n == 0)
        for (i = 0; i < x->rank; i++)
          drop[i] = x->dims[i] == 1;
    }
  else
    for (i = 0; i < x->rank; i++)
      drop[i] = x->dims[i] == 1;
  for (i = 0; i < x->rank; i++)
    if (!drop[i])
      dims[r++] = x->dims[i];
  return set_view (ctx, r, dims, error);
}

static gboolean
op_unsqueeze (QsOpCtx *ctx,
              GError **error)
{
  QsTensor *x;
  gboolean add[QS_TENSOR_MAX_RANK] = { FALSE };
  gint64 dims[QS_TENSOR_MAX_RANK];
  g_autofree gint64 *axes = NULL;
  gsize n, j;
  int out_rank, i, k = 0;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  x = ctx->in[0];
  if (ctx->in[1]->n_elements > QS_TENSOR_MAX_RANK)
    return _qs_op_fail (error, "rank too large");
  axes = _qs_op_int_values (ctx->in[1], &n);
  if (axes == NULL)
    return _qs_op_fail_alloc (error, "the axes");
  out_rank = x->rank + n;
  if (out_rank > QS_TENSOR_MAX_RANK)
    return _qs_op_fail (error, "rank too large");
  for (j = 0; j < n; j++)
    {
      int a;
      if (!_qs_op_axis (axes[j], out_rank, &a, error))
        return FALSE;
      if (add[a])
        return _qs_op_fail (error, "axis %d is repeated", a);
      add[a] = TRUE;
    }
  for (i = 0; i < out_rank; i++)
    dims[i] = add[i] ? 1 : x->dims[k++];
  return set_view (ctx, out_rank, dims, error);
}

/* Copies @n elements of @es bytes, read @stride elements apart. */
static void
copy_strided (guint8       *dst,
              const guint8 *src,
              gsize         n,
              gint64        stride,
              gsize         es)
{
  gsize j;

#define COPY_STRIDED(ctype)                                             \
  for (j = 0; j < n; j++)                                               \
    {                                                                   \
      ctype v;                                                          \
                                                                        \
      memcpy (&v, src + j * stride * sizeof (ctype), sizeof (ctype));   \
      memcpy (dst + j * sizeof (ctype), &v, sizeof (ctype));            \
    }
  switch (es)
    {
    case 1: COPY_STRIDED (guint8); break;
    case 2: COPY_STRIDED (guint16); break;
    case 4: COPY_STRIDED (guint32); break;
    case 8: COPY_STRIDED (guint64); break;
    default:
      for (j = 0; j < n; j++)
        memcpy (dst + j * es, src + j * stride * es, es);
      break;
    }
#undef COPY_STRIDED
}

/* Generic N-d permutation copy.  Output axes of size 1 are dropped and
 * neighbours that are also neighbours in the input merged, so a run along
 * the last merged axis is one memcpy when it is contiguous in the input
 * (yolov8n's [1,4,16,8400] → [1,16,4,8400]: runs of 8400) and a strided
 * copy of the element size otherwise. */
static QsTensor *
transpose (const QsTensor *x,
           const int      *perm)
{
  gint64 dims[QS_TENSOR_MAX_RANK], in_strides[QS_TENSOR_MAX_RANK];
  gint64 cd[QS_TENSOR_MAX_RANK], cs[QS_TENSOR_MAX_RANK], idx[QS_TENSOR_MAX_RANK] = { 0 };
  QsTensor *out;
  gsize es = ESIZE (x), i, run, n_runs;
  int r = x->rank, d, cr = 0;
  gint64 s = 1, rs;
  const guint8 *src = x->data;
  guint8 *dst;
  gsize in_off = 0;

  for (d = r - 1; d >= 0; d--)
    {
      in_strides[d] = s;
      s *= x->dims[d];
    }
  for (d = 0; d < r; d++)
    dims[d] = x->dims[perm[d]];
  out = qs_tensor_new_uninit (x->type, r, dims);
  if (out == NULL || out->n_elements == 0)
    return out;
  for (d = 0; d < r; d++)
    {
      gint64 stride = in_strides[perm[d]];

      if (dims[d] == 1)
        continue;
      if (cr > 0 && cs[cr - 1] == stride * dims[d])
        {
          cd[cr - 1] *= dims[d];
          cs[cr - 1] = stride;
        }
      else
        {
          cd[cr] = dims[d];
          cs[cr] = stride;
          cr++;
        }
    }
  if (cr == 0)
    {
      cd[0] = 1;
      cs[0] = 1;
      cr = 1;
    }
  run = cd[cr - 1];
  rs = cs[cr - 1];
  n_runs = out->n_elements / run;
  dst = out->data;
  for (i = 0; i < n_runs; i++)
    {
      if (rs == 1)
        memcpy (dst, src + in_off * es, run * es);
      else
        copy_strided (dst, src + in_off * es, run, rs, es);
      dst += run * es;
      for (d = cr - 2; d >= 0; d--)
        {
          idx[d]++;
          in_off += cs[d];
          if (idx[d] < cd[d])
            break;
          in_off -= cs[d] * cd[d];
          idx[d] = 0;
        }
    }
  return out;
}

static gboolean
op_transpose (QsOpCtx *ctx,
              GError **error)
{
  QsTensor *x;
  int perm[QS_TENSOR_MAX_RANK];
  gboolean seen[QS_TENSOR_MAX_RANK] = { FALSE };
  g_autofree gint64 *order = NULL;
  gsize n;
  int i;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  x = ctx->in[0];
  if (ctx->in[1]->n_elements > QS_TENSOR_MAX_RANK)
    return _qs_op_fail (error, "order has %" G_GSIZE_FORMAT " entries for rank %d", ctx->in[1]->n_elements, x->rank);
  order = _qs_op_int_values (ctx->in[1], &n);
  if (order == NULL)
    return _qs_op_fail_alloc (error, "the order");
  if (n == 0)
    for (i = 0; i < x->rank; i++)
      perm[i] = x->rank - 1 - i;
  else
    {
      if ((int) n != x->rank)
        return _qs_op_fail (error, "order has %" G_GSIZE_FORMAT " entries for rank %d", n, x->rank);
      for (i = 0; i < x->rank; i++)
        {
          /* every integer in [0, rank - 1]: no negative axes here */
          if (order[i] < 0 || order[i] >= x->rank)
            return _qs_op_fail (error, "order holds %" G_GINT64_FORMAT ", outside [0, %d]", order[i], x->rank - 1);
          perm[i] = (int) order[i];
          if (seen[perm[i]])
            return _qs_op_fail (error, "order repeats axis %d", perm[i]);
          seen[perm[i]] = TRUE;
        }
    }
  ctx->out[0] = transpose (x, perm);
  if (ctx->out[0] == NULL)
    return _qs_op_fail_alloc (error, "the output");
  return TRUE;
}

/* A piece of one input's copy into Concat's output (_qs_rows_parallel()):
 * row o of the input's chunks goes to row o of the output's, at the
 * input's position along the axis. */
typedef struct
{
  guint8        *out;           /* the output at this input's position */
  const guint8  *in;
  gsize          es, chunk, total;
} ConcatRows;

static void
concat_rows (gsize    o,
             gsize    first,
             gsize    count,
             gpointer data)
{
  const ConcatRows *job = data;

  memcpy (job->out + (o * job->total + first) * job->es, job->in + (o * job->chunk + first) * job->es,
          count * job->es);
}

static gboolean
op_concat (QsOpCtx *ctx,
           GError **error)
{
  QsTensor *first = NULL;
  gint64 axis_attr, dims[QS_TENSOR_MAX_RANK];
  int axis, i;
  guint k;
  gsize outer, es, pos = 0;
  g_autoptr(QsTensor) out = NULL;
  QsElementType type;

  if (ctx->n_in == 0)
    return _qs_op_fail (error, "Concat needs inputs");
  if (!_qs_op_need_inputs (ctx, ctx->n_in, error))
    return FALSE;
  first = ctx->in[0];
  type = first->type;
  if (!qs_node_get_int (ctx->node, "axis", 0, &axis_attr, error) ||
      !_qs_op_axis (axis_attr, first->rank, &axis, error))
    return FALSE;
  memcpy (dims, first->dims, sizeof (gint64) * first->rank);
  dims[axis] = 0;
  for (k = 0; k < ctx->n_in; k++)
    {
      QsTensor *t = ctx->in[k];
      if (t->rank != first->rank)
        return _qs_op_fail (error, "input %u has rank %d, input 0 rank %d", k, t->rank, first->rank);
      for (i = 0; i < t->rank; i++)
        if (i != axis && t->dims[i] != first->dims[i])
          return _qs_op_fail (error, "input %u differs from input 0 in dimension %d", k, i);
      if (__builtin_add_overflow (dims[axis], t->dims[axis], &dims[axis]))
        return _qs_op_fail (error, "the output is too large: its size overflows");
      if (t->type == QS_ELEMENT_F32)
        type = QS_ELEMENT_F32;
    }
  /* every element is copied below: no zeroing pass first */
  out = qs_tensor_new_uninit (type, first->rank, dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  es = ESIZE (out);
  outer = _qs_dims_product (dims, 0, axis);
  for (k = 0; k < ctx->n_in; k++)
    {
      g_autoptr(QsTensor) conv = NULL;
      QsTensor *t = ctx->in[k];
      gsize chunk = _qs_dims_product (t->dims, axis, t->rank), total = _qs_dims_product (dims, axis, first->rank);

      if (t->type != type)
        t = conv = qs_tensor_convert (t, type);
      if (t == NULL)
        return _qs_op_fail_alloc (error, "a converted input");
      {
        ConcatRows job = { (guint8 *) out->data + pos * es, t->data, es, chunk, total };

        _qs_rows_parallel (outer, chunk, concat_rows, &job);
      }
      pos += chunk;
    }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

static gboolean
split_lengths (QsOpCtx      *ctx,
               int           axis,
               const gint64 *lengths,
               guint         n,
               GError      **error)
{
  QsTensor *x = ctx->in[0];
  gsize outer = _qs_dims_product (x->dims, 0, axis), inner = _qs_dims_product (x->dims, axis + 1, x->rank);
  gsize es = ESIZE (x), o;
  gint64 start = 0;
  guint k;

  if (n != ctx->n_out)
    return _qs_op_fail (error, "%u parts for %u outputs", n, ctx->n_out);
  for (k = 0; k < n; k++)
    {
      if (lengths[k] < 0 || lengths[k] > x->dims[axis] - start)
        return _qs_op_fail (error, "split length %" G_GINT64_FORMAT " does not fit the axis of %" G_GINT64_FORMAT,
                            lengths[k], x->dims[axis]);
      start += lengths[k];
    }
  start = 0;
  for (k = 0; k < n; k++)
    {
      gint64 dims[QS_TENSOR_MAX_RANK];
      QsTensor *t;

      memcpy (dims, x->dims, sizeof (gint64) * x->rank);
      dims[axis] = lengths[k];
      t = qs_tensor_new_uninit (x->type, x->rank, dims);
      if (t == NULL)
        return _qs_op_fail_alloc (error, "an output");
      for (o = 0; o < outer; o++)
        memcpy ((guint8 *) t->data + o * lengths[k] * inner * es,
                (guint8 *) x->data + (o * x->dims[axis] + start) * inner * es, lengths[k] * inner * es);
      start += lengths[k];
      ctx->out[k] = t;
    }
  return TRUE;
}

static gboolean
op_split (QsOpCtx *ctx,
          GError **error)
{
  gint64 num, lengths[64];
  int axis;
  guint k;

  if (!_qs_op_need_inputs (ctx, 2, error) || !qs_node_get_int (ctx->node, "num_splits", 0, &num, error))
    return FALSE;
  if (!_qs_op_axis (qs_tensor_get_i64 (ctx->in[1], 0), ctx->in[0]->rank, &axis, error))
    return FALSE;
  if (num < 1 || num > 64 || ctx->in[0]->dims[axis] % num != 0)
    return _qs_op_fail (error, "num_splits %" G_GINT64_FORMAT " does not divide the %" G_GINT64_FORMAT " elements of axis %d",
                        num, ctx->in[0]->dims[axis], axis);
  for (k = 0; k < num; k++)
    lengths[k] = ctx->in[0]->dims[axis] / num;
  return split_lengths (ctx, axis, lengths, num, error);
}

static gboolean
op_variadic_split (QsOpCtx *ctx,
                   GError **error)
{
  g_autofree gint64 *lengths = NULL;
  gsize n, k;
  int axis, infer = -1;
  gint64 sum = 0;

  if (!_qs_op_need_inputs (ctx, 3, error))
    return FALSE;
  if (!_qs_op_axis (qs_tensor_get_i64 (ctx->in[1], 0), ctx->in[0]->rank, &axis, error))
    return FALSE;
  if (ctx->in[2]->n_elements != ctx->n_out)
    return _qs_op_fail (error, "%" G_GSIZE_FORMAT " split lengths for %u outputs", ctx->in[2]->n_elements, ctx->n_out);
  lengths = _qs_op_int_values (ctx->in[2], &n);
  if (lengths == NULL)
    return _qs_op_fail_alloc (error, "the split lengths");
  for (k = 0; k < n; k++)
    {
      if (lengths[k] == -1 && infer < 0)
        infer = k;
      else if (lengths[k] < 0 || lengths[k] > ctx->in[0]->dims[axis])
        return _qs_op_fail (error, "split length %" G_GINT64_FORMAT " is out of range", lengths[k]);
      else
        sum += lengths[k];
    }
  if (infer >= 0)
    lengths[infer] = ctx->in[0]->dims[axis] - sum;
  else if (sum != ctx->in[0]->dims[axis])
    return _qs_op_fail (error, "split lengths add up to %" G_GINT64_FORMAT ", the axis is %" G_GINT64_FORMAT,
                        sum, ctx->in[0]->dims[axis]);
  return split_lengths (ctx, axis, lengths, n, error);
}

/* Copies a strided box: for every output dim d, input index = begin[d] + i*step[d]. */
static QsTensor *
slice_copy (const QsTensor *x,
            const gint64   *begin,
            const gint64   *step,
            const gint64   *len)
{
  QsTensor *out = qs_tensor_new_uninit (x->type, x->rank, len);
  gint64 in_strides[QS_TENSOR_MAX_RANK], idx[QS_TENSOR_MAX_RANK] = { 0 };
  gsize es = ESIZE (x), i;
  gint64 s = 1, off = 0;
  int d, r = x->rank;

  if (out == NULL || out->n_elements == 0)
    return out;
  for (d = r - 1; d >= 0; d--)
    {
      in_strides[d] = s;
      s *= x->dims[d];
    }
  for (d = 0; d < r; d++)
    off += begin[d] * in_strides[d];
  for (i = 0; i < out->n_elements; i++)
    {
      memcpy ((guint8 *) out->data + i * es, (const guint8 *) x->data + off * es, es);
      /* never step past the box: step * (len - 1) stays inside the axis */
      for (d = r - 1; d >= 0; d--)
        {
          if (idx[d] + 1 < len[d])
            {
              idx[d]++;
              off += step[d] * in_strides[d];
              break;
            }
          off -= step[d] * (len[d] - 1) * in_strides[d];
          idx[d] = 0;
        }
    }
  return out;
}

static void
clamp_slice (gint64  dim,
             gint64  b,
             gint64  e,
             gint64  st,
             gboolean bmask,
             gboolean emask,
             gint64 *begin,
             gint64 *len)
{
  if (st > 0)
    {
      if (bmask)
        b = 0;
      else
        {
          if (b < 0)
            b += dim;
          b = CLAMP (b, 0, dim);
        }
      if (emask)
        e = dim;
      else
        {
          if (e < 0)
            e += dim;
          e = CLAMP (e, 0, dim);
        }
      *len = e > b ? (e - b - 1) / st + 1 : 0;
    }
  else
    {
      if (bmask)
        b = dim - 1;
      else
        {
          if (b < 0)
            b += dim;
          b = CLAMP (b, -1, dim - 1);
        }
      if (emask)
        e = -1;
      else
        {
          if (e < 0)
            e += dim;
          e = CLAMP (e, -1, dim);
        }
      *len = b > e ? (b - e - 1) / (-st) + 1 : 0;
    }
  *begin = *len > 0 ? b : 0;
}

static gboolean
mask_at (GArray *m,
         gsize   i)
{
  return m != NULL && i < m->len && g_array_index (m, gint64, i) != 0;
}

static gboolean
op_strided_slice (QsOpCtx *ctx,
                  GError **error)
{
  QsTensor *x;
  g_autofree gint64 *b = NULL, *e = NULL, *s = NULL;
  gsize nb, ne, ns = 0, i;
  g_autoptr(GArray) bm = NULL, em = NULL, nm = NULL, sm = NULL, elm = NULL;
  gint64 begin[QS_TENSOR_MAX_RANK], step[QS_TENSOR_MAX_RANK], len[QS_TENSOR_MAX_RANK];
  gint64 out_dims[QS_TENSOR_MAX_RANK];
  int out_rank = 0, j = 0, d, n_new = 0;
  g_autoptr(QsTensor) sliced = NULL;

  if (!_qs_op_need_inputs (ctx, 3, error))
    return FALSE;
  x = ctx->in[0];
  if (ctx->in[1]->n_elements > 2 * QS_TENSOR_MAX_RANK)
    return _qs_op_fail (error, "begin has %" G_GSIZE_FORMAT " entries", ctx->in[1]->n_elements);
  b = _qs_op_int_values (ctx->in[1], &nb);
  e = _qs_op_int_values (ctx->in[2], &ne);
  if (ctx->n_in > 3 && ctx->in[3] != NULL)
    {
      s = _qs_op_int_values (ctx->in[3], &ns);
      if (s == NULL)
        return _qs_op_fail_alloc (error, "the strides");
    }
  if (b == NULL || e == NULL)
    return _qs_op_fail_alloc (error, "begin and end");
  bm = qs_node_get_int_list (ctx->node, "begin_mask", NULL);
  em = qs_node_get_int_list (ctx->node, "end_mask", NULL);
  nm = qs_node_get_int_list (ctx->node, "new_axis_mask", NULL);
  sm = qs_node_get_int_list (ctx->node, "shrink_axis_mask", NULL);
  elm = qs_node_get_int_list (ctx->node, "ellipsis_mask", NULL);
  if (nb != ne || (s != NULL && ns != nb))
    return _qs_op_fail (error, "begin, end and stride differ in length");

  for (i = 0; i < nb; i++)
    if (mask_at (nm, i))
      n_new++;

  for (i = 0; i < nb; i++)
    {
      gint64 st = s != NULL ? s[i] : 1;

      if (out_rank >= QS_TENSOR_MAX_RANK)
        return _qs_op_fail (error, "rank too large");
      if (mask_at (nm, i))
        {
          out_dims[out_rank++] = 1;
          continue;
        }
      if (mask_at (elm, i))
        {
          int cover = x->rank - ((int) nb - n_new - 1);
          for (d = 0; d < cover && j < x->rank && out_rank < QS_TENSOR_MAX_RANK; d++, j++)
            {
              begin[j] = 0;
              step[j] = 1;
              len[j] = x->dims[j];
              out_dims[out_rank++] = x->dims[j];
            }
          continue;
        }
      if (j >= x->rank)
        return _qs_op_fail (error, "more slice entries than input dimensions");
      if (st == 0 || st == G_MININT64)
        return _qs_op_fail (error, "stride %" G_GINT64_FORMAT, st);
      if (mask_at (sm, i))
        {
          gint64 bb = b[i] < 0 ? b[i] + x->dims[j] : b[i];
          if (bb < 0 || bb >= x->dims[j])
            return _qs_op_fail (error, "shrink index %" G_GINT64_FORMAT " out of range", b[i]);
          begin[j] = bb;
          step[j] = 1;
          len[j] = 1;
          j++;
          continue;
        }
      clamp_slice (x->dims[j], b[i], e[i], st, mask_at (bm, i), mask_at (em, i), &begin[j], &len[j]);
      step[j] = st;
      out_dims[out_rank++] = len[j];
      j++;
    }
  for (; j < x->rank; j++)
    {
      if (out_rank >= QS_TENSOR_MAX_RANK)
        return _qs_op_fail (error, "rank too large");
      begin[j] = 0;
      step[j] = 1;
      len[j] = x->dims[j];
      out_dims[out_rank++] = x->dims[j];
    }
  sliced = slice_copy (x, begin, step, len);
  if (sliced == NULL)
    return _qs_op_fail_alloc (error, "the output");
  ctx->out[0] = qs_tensor_view (sliced, out_rank, out_dims);
  if (ctx->out[0] == NULL)
    return _qs_op_fail (error, "the slice does not fit the output rank");
  return TRUE;
}

static gboolean
op_slice (QsOpCtx *ctx,
          GError **error)
{
  QsTensor *x;
  g_autofree gint64 *b = NULL, *e = NULL, *s = NULL, *axes = NULL;
  gsize nb, ne, ns, na = 0, i;
  gint64 begin[QS_TENSOR_MAX_RANK], step[QS_TENSOR_MAX_RANK], len[QS_TENSOR_MAX_RANK];
  int d;

  if (!_qs_op_need_inputs (ctx, 4, error))
    return FALSE;
  x = ctx->in[0];
  if (ctx->in[1]->n_elements > QS_TENSOR_MAX_RANK)
    return _qs_op_fail (error, "too many slice entries");
  b = _qs_op_int_values (ctx->in[1], &nb);
  e = _qs_op_int_values (ctx->in[2], &ne);
  s = _qs_op_int_values (ctx->in[3], &ns);
  if (ctx->n_in > 4 && ctx->in[4] != NULL)
    {
      axes = _qs_op_int_values (ctx->in[4], &na);
      if (axes == NULL)
        return _qs_op_fail_alloc (error, "the axes");
    }
  if (b == NULL || e == NULL || s == NULL)
    return _qs_op_fail_alloc (error, "start, stop and step");
  if (nb != ne || nb != ns || (axes != NULL && na != nb))
    return _qs_op_fail (error, "start, stop, step and axes differ in length");
  for (d = 0; d < x->rank; d++)
    {
      begin[d] = 0;
      step[d] = 1;
      len[d] = x->dims[d];
    }
  for (i = 0; i < nb; i++)
    {
      int a = i;
      if (axes != NULL && !_qs_op_axis (axes[i], x->rank, &a, error))
        return FALSE;
      if (a >= x->rank)
        return _qs_op_fail (error, "too many slice entries");
      if (s[i] == 0 || s[i] == G_MININT64)
        return _qs_op_fail (error, "step %" G_GINT64_FORMAT, s[i]);
      clamp_slice (x->dims[a], b[i], e[i], s[i], FALSE, FALSE, &begin[a], &len[a]);
      step[a] = s[i];
    }
  ctx->out[0] = slice_copy (x, begin, step, len);
  if (ctx->out[0] == NULL)
    return _qs_op_fail_alloc (error, "the output");
  return TRUE;
}

static gboolean
op_gather (QsOpCtx *ctx,
           GError **error)
{
  QsTensor *x, *ind;
  int opset = qs_node_opset (ctx->node), axis, bd = 0, i;
  gint64 batch_dims = 0, dims[QS_TENSOR_MAX_RANK];
  int r = 0;
  gsize outer, inner, n_ind, bsz, b, o, k, es;
  g_autofree gint64 *idx = NULL;
  g_autoptr(QsTensor) out = NULL;

  if (!_qs_op_need_inputs (ctx, 3, error))
    return FALSE;
  x = ctx->in[0];
  ind = ctx->in[1];
  if (!_qs_op_axis (qs_tensor_get_i64 (ctx->in[2], 0), x->rank, &axis, error))
    return FALSE;
  if (opset >= 7 && !qs_node_get_int (ctx->node, "batch_dims", 0, &batch_dims, error))
    return FALSE;
  bd = batch_dims < 0 ? ind->rank + batch_dims : batch_dims;
  if (bd < 0 || bd > axis || bd > ind->rank)
    return _qs_op_fail (error, "batch_dims %" G_GINT64_FORMAT " is out of range", batch_dims);
  for (i = 0; i < bd; i++)
    if (x->dims[i] != ind->dims[i])
      return _qs_op_fail (error, "batch dimension %d differs between data and indices", i);

  if (axis + (ind->rank - bd) + (x->rank - axis - 1) > QS_TENSOR_MAX_RANK)
    return _qs_op_fail (error, "rank too large");
  for (i = 0; i < axis; i++)
    dims[r++] = x->dims[i];
  for (i = bd; i < ind->rank; i++)
    dims[r++] = ind->dims[i];
  for (i = axis + 1; i < x->rank; i++)
    dims[r++] = x->dims[i];
  out = qs_tensor_new_uninit (x->type, r, dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  es = ESIZE (x);
  idx = _qs_op_int_values (ind, &n_ind);
  if (idx == NULL)
    return _qs_op_fail_alloc (error, "the indices");
  bsz = _qs_dims_product (x->dims, 0, bd);
  outer = _qs_dims_product (x->dims, bd, axis);
  inner = _qs_dims_product (x->dims, axis + 1, x->rank);
  n_ind = _qs_dims_product (ind->dims, bd, ind->rank);
  for (b = 0; b < bsz; b++)
    for (o = 0; o < outer; o++)
      for (k = 0; k < n_ind; k++)
        {
          gint64 v = idx[b * n_ind + k];
          guint8 *dst = (guint8 *) out->data + (((b * outer + o) * n_ind) + k) * inner * es;

          /* a negative index counts from the end in every version (OpenVINO's
           * Gather-1 reference cases have one); only Gather-8 gives zeros
           * for one out of range */
          if (v < 0)
            v += x->dims[axis];
          if (v < 0 || v >= x->dims[axis])
            {
              if (opset >= 8)
                {
                  memset (dst, 0, inner * es);
                  continue;
                }
              return _qs_op_fail (error, "index %" G_GINT64_FORMAT " is out of range", idx[b * n_ind + k]);
            }
          memcpy (dst, (guint8 *) x->data + (((b * outer + o) * x->dims[axis]) + v) * inner * es, inner * es);
        }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

/* Numpy-broadcasts @x to (rank, dims) by copying. */
static QsTensor *
broadcast_to (QsTensor     *x,
              int           rank,
              const gint64 *dims)
{
  QsTensor *out = qs_tensor_new_uninit (x->type, rank, dims);
  QsTensor *ops[2] = { out, x };
  QsBcast bc;
  gsize row, off[2], i, inner, es = ESIZE (x);

  if (out == NULL || out->n_elements == 0)
    return out;
  _qs_bcast_init (&bc, rank, dims, ops, 2);
  inner = bc.dims[bc.rank - 1];
  for (row = 0; row < bc.n_outer; row++)
    {
      _qs_bcast_row (&bc, row, off);
      if (bc.strides[1][bc.rank - 1] == 1)
        memcpy ((guint8 *) out->data + off[0] * es, (guint8 *) x->data + off[1] * es, inner * es);
      else
        for (i = 0; i < inner; i++)
          memcpy ((guint8 *) out->data + (off[0] + i) * es, (guint8 *) x->data + off[1] * es, es);
    }
  return out;
}

static gboolean
op_broadcast (QsOpCtx *ctx,
              GError **error)
{
  QsTensor *x;
  const char *mode = qs_node_get_attr (ctx->node, "mode");
  g_autofree gint64 *target = NULL;
  gsize n, i;
  gint64 dims[QS_TENSOR_MAX_RANK];
  int rank, d;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  x = ctx->in[0];
  if (ctx->in[1]->n_elements > QS_TENSOR_MAX_RANK)
    return _qs_op_fail (error, "target rank too large");
  target = _qs_op_int_values (ctx->in[1], &n);
  if (target == NULL)
    return _qs_op_fail_alloc (error, "the target shape");
  for (i = 0; i < n; i++)
    if (target[i] < 0)
      return _qs_op_fail (error, "negative target dimension %" G_GINT64_FORMAT, target[i]);

  if (mode == NULL || strcmp (mode, "numpy") == 0 || strcmp (mode, "bidirectional") == 0)
    {
      QsTensor fake;
      QsTensor *ops[2];

      memset (&fake, 0, sizeof fake);
      fake.rank = n;
      memcpy (fake.dims, target, n * sizeof (gint64));
      ops[0] = x;
      ops[1] = &fake;
      if (!_qs_op_broadcast_shape (ops, 2, &rank, dims, error))
        return FALSE;
      if (mode == NULL || strcmp (mode, "numpy") == 0)
        {
          if (rank != (int) n || memcmp (dims, target, n * sizeof (gint64)) != 0)
            return _qs_op_fail (error, "data does not broadcast to the target shape (numpy mode)");
        }
      ctx->out[0] = broadcast_to (x, rank, dims);
      if (ctx->out[0] == NULL)
        return _qs_op_fail_alloc (error, "the output");
      return TRUE;
    }
  if (strcmp (mode, "explicit") == 0)
    {
      g_autofree gint64 *axes = NULL;
      gsize na;
      gint64 xd[QS_TENSOR_MAX_RANK];
      g_autoptr(QsTensor) v = NULL;

      if (!_qs_op_need_inputs (ctx, 3, error))
        return FALSE;
      /* a scalar may be mapped as a one-element vector (OpenVINO's
       * reference: broadcast_scalar_vector_explicit_axis_0) */
      if (ctx->in[2]->n_elements != (gsize) x->rank && !(x->rank == 0 && ctx->in[2]->n_elements == 1))
        return _qs_op_fail (error, "axes_mapping must list every data axis");
      axes = _qs_op_int_values (ctx->in[2], &na);
      if (axes == NULL)
        return _qs_op_fail_alloc (error, "axes_mapping");
      for (i = 0; i < n; i++)
        xd[i] = 1;
      for (i = 0; i < na; i++)
        {
          gint64 xdim = x->rank == 0 ? 1 : x->dims[i];

          if (axes[i] < 0 || axes[i] >= (gint64) n || (i > 0 && axes[i] <= axes[i - 1]))
            return _qs_op_fail (error, "axes_mapping entry %" G_GINT64_FORMAT " is out of range or order", axes[i]);
          if (xdim != 1 && xdim != target[axes[i]])
            return _qs_op_fail (error, "data dimension %" G_GSIZE_FORMAT " does not broadcast to the target", i);
          xd[axes[i]] = xdim;
        }
      v = qs_tensor_view (x, n, xd);
      if (v == NULL)
        return _qs_op_fail (error, "axes_mapping does not fit the data");
      for (d = 0; d < (int) n; d++)
        dims[d] = target[d];
      ctx->out[0] = broadcast_to (v, n, dims);
      if (ctx->out[0] == NULL)
        return _qs_op_fail_alloc (error, "the output");
      return TRUE;
    }
  return _qs_op_fail (error, "broadcast mode “%s” is not supported", mode);
}

static gboolean
op_tile (QsOpCtx *ctx,
         GError **error)
{
  QsTensor *x;
  g_autofree gint64 *rep = NULL;
  gsize n, i;
  int r, d;
  gint64 xd[QS_TENSOR_MAX_RANK], rd[QS_TENSOR_MAX_RANK], od[QS_TENSOR_MAX_RANK];
  g_autoptr(QsTensor) out = NULL;
  gint64 idx[QS_TENSOR_MAX_RANK] = { 0 }, st[QS_TENSOR_MAX_RANK];
  gsize es;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  x = ctx->in[0];
  if (ctx->in[1]->n_elements > QS_TENSOR_MAX_RANK)
    return _qs_op_fail (error, "rank too large");
  rep = _qs_op_int_values (ctx->in[1], &n);
  if (rep == NULL)
    return _qs_op_fail_alloc (error, "the repeats");
  r = MAX ((int) n, x->rank);
  if (r > QS_TENSOR_MAX_RANK)
    return _qs_op_fail (error, "rank too large");
  for (d = 0; d < r; d++)
    {
      int xi = d - (r - x->rank), ri = d - (r - (int) n);
      xd[d] = xi >= 0 ? x->dims[xi] : 1;
      rd[d] = ri >= 0 ? rep[ri] : 1;
      /* a negative repeat gives an empty axis, as OpenVINO's reference does */
      if (rd[d] < 0)
        rd[d] = 0;
      if (__builtin_mul_overflow (xd[d], rd[d], &od[d]))
        return _qs_op_fail (error, "the output is too large: %" G_GINT64_FORMAT " repeats of %" G_GINT64_FORMAT " overflow",
                            rd[d], xd[d]);
    }
  out = qs_tensor_new (x->type, r, od);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  es = ESIZE (x);
  {
    gint64 s = 1;
    for (d = r - 1; d >= 0; d--)
      {
        st[d] = s;
        s *= xd[d];
      }
  }
  for (i = 0; i < out->n_elements; i++)
    {
      gsize src = 0;
      for (d = 0; d < r; d++)
        src += (idx[d] % xd[d]) * st[d];
      memcpy ((guint8 *) out->data + i * es, (guint8 *) x->data + src * es, es);
      for (d = r - 1; d >= 0; d--)
        {
          if (++idx[d] < od[d])
            break;
          idx[d] = 0;
        }
    }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

static gboolean
op_range (QsOpCtx *ctx,
          GError **error)
{
  double start, stop, step;
  gint64 n;
  const char *ot = qs_node_get_attr (ctx->node, "output_type");
  QsElementType t;
  g_autoptr(QsTensor) out = NULL;
  gint64 i;

  if (!_qs_op_need_inputs (ctx, 3, error))
    return FALSE;
  start = qs_tensor_get_f64 (ctx->in[0], 0);
  stop = qs_tensor_get_f64 (ctx->in[1], 0);
  step = qs_tensor_get_f64 (ctx->in[2], 0);
  if (ot != NULL)
    t = qs_element_type_from_string (ot);
  else
    t = ctx->in[0]->type;
  if (t >= QS_ELEMENT_N_TYPES || t == QS_ELEMENT_UNDEFINED || t == QS_ELEMENT_STRING || t == QS_ELEMENT_BOOLEAN)
    return _qs_op_fail (error, "attribute output_type=“%s” is not a numeric element type", ot != NULL ? ot : "");
  t = (t == QS_ELEMENT_F16 || t == QS_ELEMENT_F32 || t == QS_ELEMENT_BF16 || t == QS_ELEMENT_F64) ? QS_ELEMENT_F32 :
      (t == QS_ELEMENT_I32 ? QS_ELEMENT_I32 : (qs_tensor_type_supported (t) ? t : QS_ELEMENT_I64));
  if (t != QS_ELEMENT_F32)
    {
      /* an integer output takes start, stop and step in its type first, as
       * OpenVINO's reference does (1.2, 11.3, 1.6 as u8 are 1, 11, 1) */
      start = trunc (start);
      stop = trunc (stop);
      step = trunc (step);
    }
  if (step == 0)
    return _qs_op_fail (error, "step 0");
  {
    double count = ceil ((stop - start) / step);

    if (!isfinite (start) || !isfinite (stop) || !isfinite (step) || isnan (count))
      return _qs_op_fail (error, "start, stop and step must be finite");
    if (count > 4.0e18)
      return _qs_op_fail (error, "the output would have %g elements", count);
    n = (gint64) MAX (0, count);
  }
  out = qs_tensor_new (t, 1, &n);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  for (i = 0; i < n; i++)
    qs_tensor_set_f64 (out, i, start + i * step);
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

static gboolean
op_nonzero (QsOpCtx *ctx,
            GError **error)
{
  QsTensor *x;
  gsize i, count = 0, c = 0;
  gint64 dims[2];
  g_autoptr(QsTensor) out = NULL;
  const char *ot = qs_node_get_attr (ctx->node, "output_type");
  int d;

  if (!_qs_op_need_inputs (ctx, 1, error))
    return FALSE;
  if (ot != NULL && strcmp (ot, "i32") != 0 && strcmp (ot, "i64") != 0)
    return _qs_op_fail (error, "attribute output_type=“%s” is neither i32 nor i64", ot);
  x = ctx->in[0];
  for (i = 0; i < x->n_elements; i++)
    if (qs_tensor_get_f64 (x, i) != 0)
      count++;
  dims[0] = MAX (x->rank, 1);
  dims[1] = count;
  out = qs_tensor_new (g_strcmp0 (ot, "i32") == 0 ? QS_ELEMENT_I32 : QS_ELEMENT_I64, 2, dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  for (i = 0; i < x->n_elements; i++)
    if (qs_tensor_get_f64 (x, i) != 0)
      {
        gsize rem = i;
        for (d = x->rank - 1; d >= 0; d--)
          {
            qs_tensor_set_f64 (out, d * count + c, (double) (rem % x->dims[d]));
            rem /= x->dims[d];
          }
        c++;
      }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

typedef struct
{
  double v;
  gint64 i;
} Pair;

static int
cmp_max (const void *a,
         const void *b)
{
  const Pair *x = a, *y = b;
  if (x->v != y->v)
    return x->v > y->v ? -1 : 1;
  return x->i < y->i ? -1 : (x->i > y->i);
}

static int
cmp_min (const void *a,
         const void *b)
{
  const Pair *x = a, *y = b;
  if (x->v != y->v)
    return x->v < y->v ? -1 : 1;
  return x->i < y->i ? -1 : (x->i > y->i);
}

static int
cmp_index (const void *a,
           const void *b)
{
  const Pair *x = a, *y = b;
  return x->i < y->i ? -1 : (x->i > y->i);
}

/* Moves the @k first pairs of @buf[0, n) under @cmp to its front, in
 * any order (quickselect, median of three).  @cmp must be a strict total
 * order (no NaN values: cmp_max and cmp_min are not one with NaNs); the
 * selected set is then exactly the first @k of a full sort.  Past a
 * budget of rounds (an input that defeats the pivots) the rest is sorted
 * whole. */
static void
select_first (Pair  *buf,
              gsize  n,
              gsize  k,
              int  (*cmp) (const void *, const void *))
{
  gsize lo = 0, hi = n;
  guint budget = 2 * g_bit_storage (n) + 8;
  Pair t;

#define SWAP(a, b) G_STMT_START { t = buf[a]; buf[a] = buf[b]; buf[b] = t; } G_STMT_END
  while (hi - lo > 1 && k > lo && k < hi)
    {
      gsize mid = lo + (hi - lo) / 2, last = hi - 1, store, i;

      if (budget-- == 0)
        {
          qsort (buf + lo, hi - lo, sizeof (Pair), cmp);
          return;
        }
      /* the median of buf[lo], buf[mid], buf[last] goes to last */
      if (cmp (&buf[mid], &buf[lo]) < 0)
        SWAP (mid, lo);
      if (cmp (&buf[last], &buf[lo]) < 0)
        SWAP (last, lo);
      if (cmp (&buf[mid], &buf[last]) < 0)
        SWAP (mid, last);
      store = lo;
      for (i = lo; i < last; i++)
        if (cmp (&buf[i], &buf[last]) < 0)
          {
            SWAP (i, store);
            store++;
          }
      SWAP (store, last);
      /* [lo, store) before the pivot, store the pivot, (store, hi) after */
      if (k <= store)
        hi = store;
      else
        lo = store + 1;
    }
#undef SWAP
}

/* TopK: a stable selection (ties keep the lower index first), for every version. */
static gboolean
op_topk (QsOpCtx *ctx,
         GError **error)
{
  QsTensor *x;
  gint64 axis_attr, k, dims[QS_TENSOR_MAX_RANK];
  int axis;
  const char *mode = qs_node_get_attr (ctx->node, "mode");
  const char *sort = qs_node_get_attr (ctx->node, "sort");
  const char *itype = qs_node_get_attr (ctx->node, "index_element_type");
  gsize outer, inner, o, in, j;
  gint64 n;
  Pair *buf;
  g_autoptr(QsTensor) vals = NULL, idxs = NULL;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  x = ctx->in[0];
  if (!qs_node_get_int (ctx->node, "axis", 0, &axis_attr, error) || !_qs_op_axis (axis_attr, x->rank, &axis, error))
    return FALSE;
  if (mode != NULL && strcmp (mode, "max") != 0 && strcmp (mode, "min") != 0)
    return _qs_op_fail (error, "attribute mode=“%s” is neither max nor min", mode);
  if (sort != NULL && strcmp (sort, "value") != 0 && strcmp (sort, "index") != 0 && strcmp (sort, "none") != 0)
    return _qs_op_fail (error, "attribute sort=“%s” is none of value, index, none", sort);
  if (itype != NULL && strcmp (itype, "i32") != 0 && strcmp (itype, "i64") != 0)
    return _qs_op_fail (error, "attribute index_element_type=“%s” is neither i32 nor i64", itype);
  k = qs_tensor_get_i64 (ctx->in[1], 0);
  n = x->dims[axis];
  if (k < 0)
    return _qs_op_fail (error, "k must not be negative");
  k = MIN (k, n);
  memcpy (dims, x->dims, sizeof (gint64) * x->rank);
  dims[axis] = k;
  vals = qs_tensor_new (x->type, x->rank, dims);
  if (vals == NULL)
    return _qs_op_fail_alloc (error, "the output");
  idxs = qs_tensor_new (g_strcmp0 (itype, "i64") == 0 ? QS_ELEMENT_I64 : QS_ELEMENT_I32, x->rank, dims);
  if (idxs == NULL)
    return _qs_op_fail_alloc (error, "the index output");
  outer = _qs_dims_product (x->dims, 0, axis);
  inner = _qs_dims_product (x->dims, axis + 1, x->rank);
  buf = qs_budget_alloc_scratch (MAX (n, 1), sizeof (Pair));
  if (buf == NULL)
    return _qs_op_fail_alloc (error, "the sort buffer");
  for (o = 0; o < outer; o++)
    for (in = 0; in < inner; in++)
      {
        int (*cmp) (const void *, const void *) = g_strcmp0 (mode, "min") == 0 ? cmp_min : cmp_max;
        gboolean any_nan = FALSE;

        for (j = 0; j < (gsize) n; j++)
          {
            buf[j].v = qs_tensor_get_f64 (x, (o * n + j) * inner + in);
            buf[j].i = j;
            any_nan |= isnan (buf[j].v);
          }
        /* only the first k need sorting; with a NaN the comparison is no
         * order and the whole row is sorted as it always was */
        if (k < n / 2 && !any_nan)
          {
            select_first (buf, n, k, cmp);
            qsort (buf, k, sizeof (Pair), cmp);
          }
        else
          qsort (buf, n, sizeof (Pair), cmp);
        if (g_strcmp0 (sort, "index") == 0)
          qsort (buf, k, sizeof (Pair), cmp_index);
        for (j = 0; j < (gsize) k; j++)
          {
            gsize dst = (o * k + j) * inner + in;
            qs_tensor_set_f64 (vals, dst, buf[j].v);
            if (vals->type == QS_ELEMENT_I64)
              ((gint64 *) vals->data)[dst] = qs_tensor_get_i64 (x, (o * n + buf[j].i) * inner + in);
            qs_tensor_set_f64 (idxs, dst, (double) buf[j].i);
          }
      }
  qs_budget_free_scratch (buf);
  ctx->out[0] = g_steal_pointer (&vals);
  if (ctx->n_out > 1)
    ctx->out[1] = g_steal_pointer (&idxs);
  return TRUE;
}

/* ---- DepthToSpace-1, SpaceToDepth-1 ---- */

/* Both are a view, a transpose and a view (ops.md §10).  With K spatial
 * axes the middle tensor has rank 2 + 2K, so K <= 3. */
static gboolean
depth_space (QsOpCtx  *ctx,
             gboolean  to_space,
             GError  **error)
{
  QsTensor *x;
  const char *mode = qs_node_get_attr (ctx->node, "mode");
  gboolean blocks_first;
  gint64 bs = 1, K, k, C, mid[QS_TENSOR_MAX_RANK], fin[QS_TENSOR_MAX_RANK], bsk = 1;
  int perm[QS_TENSOR_MAX_RANK];
  g_autoptr(QsTensor) view = NULL, moved = NULL, flat = NULL;

  if (!_qs_op_need_inputs (ctx, 1, error))
    return FALSE;
  x = ctx->in[0];
  if (!qs_node_get_int (ctx->node, "block_size", 1, &bs, error))
    return FALSE;
  if (mode == NULL || (strcmp (mode, "blocks_first") != 0 && strcmp (mode, "depth_first") != 0))
    return _qs_op_fail (error, "mode “%s” is unknown", mode != NULL ? mode : "");
  blocks_first = strcmp (mode, "blocks_first") == 0;
  K = x->rank - 2;
  if (K < 1 || K > 3 || bs < 1)
    return _qs_op_fail (error, "needs rank 3 to 5 data and a positive block_size");
  for (k = 0; k < K; k++)
    if (__builtin_mul_overflow (bsk, bs, &bsk))
      return _qs_op_fail (error, "block_size %" G_GINT64_FORMAT " is too large", bs);

  mid[0] = x->dims[0];
  fin[0] = x->dims[0];
  if (to_space)
    {
      if (x->dims[1] % bsk != 0)
        return _qs_op_fail (error, "%" G_GINT64_FORMAT " channels do not divide by block_size^%" G_GINT64_FORMAT,
                            x->dims[1], K);
      C = x->dims[1] / bsk;
      /* [N, bs.., C, D..] or [N, C, bs.., D..] -> [N, C, D1, bs, D2, bs, ...] */
      for (k = 0; k < K; k++)
        {
          mid[blocks_first ? 1 + k : 2 + k] = bs;
          mid[2 + K + k] = x->dims[2 + k];
          if (__builtin_mul_overflow (x->dims[2 + k], bs, &fin[2 + k]))
            return _qs_op_fail (error, "block_size %" G_GINT64_FORMAT " is too large", bs);
        }
      mid[blocks_first ? 1 + K : 1] = C;
      fin[1] = C;
      perm[0] = 0;
      perm[1] = blocks_first ? 1 + K : 1;
      for (k = 0; k < K; k++)
        {
          perm[2 + 2 * k] = 2 + K + k;
          perm[3 + 2 * k] = blocks_first ? 1 + k : 2 + k;
        }
    }
  else
    {
      C = x->dims[1];
      /* [N, C, D1, bs, D2, bs, ...] -> [N, bs.., C, D..] or [N, C, bs.., D..] */
      mid[1] = C;
      for (k = 0; k < K; k++)
        {
          if (x->dims[2 + k] % bs != 0)
            return _qs_op_fail (error, "spatial dim %" G_GINT64_FORMAT " does not divide by block_size %" G_GINT64_FORMAT,
                                x->dims[2 + k], bs);
          mid[2 + 2 * k] = x->dims[2 + k] / bs;
          mid[3 + 2 * k] = bs;
          fin[2 + k] = x->dims[2 + k] / bs;
        }
      if (__builtin_mul_overflow (C, bsk, &fin[1]))
        return _qs_op_fail (error, "block_size %" G_GINT64_FORMAT " is too large", bs);
      perm[0] = 0;
      for (k = 0; k < K; k++)
        {
          perm[(blocks_first ? 1 : 2) + k] = 3 + 2 * k;
          perm[2 + K + k] = 2 + 2 * k;
        }
      perm[blocks_first ? 1 + K : 1] = 1;
    }
  view = qs_tensor_view (x, 2 + 2 * K, mid);
  if (view == NULL)
    return _qs_op_fail (error, "block_size does not fit the data");
  moved = transpose (view, perm);
  if (moved == NULL)
    return _qs_op_fail_alloc (error, "the output");
  flat = qs_tensor_view (moved, 2 + K, fin);
  if (flat == NULL)
    return _qs_op_fail (error, "block_size does not fit the data");
  ctx->out[0] = g_steal_pointer (&flat);
  return TRUE;
}

static gboolean
op_depth_to_space (QsOpCtx *ctx,
                   GError **error)
{
  return depth_space (ctx, TRUE, error);
}

static gboolean
op_space_to_depth (QsOpCtx *ctx,
                   GError **error)
{
  return depth_space (ctx, FALSE, error);
}

/* ---- ShuffleChannels-1 ---- */

/* A view [outer, group, C / group, inner], the middle two swapped, and the
 * input's shape again. */
static gboolean
op_shuffle_channels (QsOpCtx *ctx,
                     GError **error)
{
  static const int perm[4] = { 0, 2, 1, 3 };
  QsTensor *x;
  gint64 axis_attr, group, mid[4];
  int axis;
  g_autoptr(QsTensor) view = NULL, moved = NULL, flat = NULL;

  if (!_qs_op_need_inputs (ctx, 1, error))
    return FALSE;
  x = ctx->in[0];
  if (!qs_node_get_int (ctx->node, "axis", 1, &axis_attr, error) ||
      !qs_node_get_int (ctx->node, "group", 1, &group, error))
    return FALSE;
  if (x->rank < 1)
    return _qs_op_fail (error, "needs data of rank 1 or more");
  if (!_qs_op_axis (axis_attr, x->rank, &axis, error))
    return FALSE;
  if (group < 1 || x->dims[axis] % group != 0)
    return _qs_op_fail (error, "attribute group=%" G_GINT64_FORMAT " must be positive and divide the %" G_GINT64_FORMAT
                        " channels of axis %d", group, x->dims[axis], axis);
  mid[0] = _qs_dims_product (x->dims, 0, axis);
  mid[1] = group;
  mid[2] = x->dims[axis] / group;
  mid[3] = _qs_dims_product (x->dims, axis + 1, x->rank);
  view = qs_tensor_view (x, 4, mid);
  if (view == NULL)
    return _qs_op_fail (error, "the data does not fit the groups");
  moved = transpose (view, perm);
  if (moved == NULL)
    return _qs_op_fail_alloc (error, "the output");
  flat = qs_tensor_view (moved, x->rank, x->dims);
  if (flat == NULL)
    return _qs_op_fail (error, "the data does not fit the groups");
  ctx->out[0] = g_steal_pointer (&flat);
  return TRUE;
}

/* ---- Pad-1, Pad-12 ---- */

/* qs_pad_mode_parse: reads a pad_mode attribute (absent: constant);
 * FALSE for a name it does not know. */
gboolean
qs_pad_mode_parse (const char *name,
                   QsPadMode  *mode)
{
  if (name == NULL || strcmp (name, "constant") == 0)
    *mode = QS_PAD_CONSTANT;
  else if (strcmp (name, "edge") == 0)
    *mode = QS_PAD_EDGE;
  else if (strcmp (name, "reflect") == 0)
    *mode = QS_PAD_REFLECT;
  else if (strcmp (name, "symmetric") == 0)
    *mode = QS_PAD_SYMMETRIC;
  else
    return FALSE;
  return TRUE;
}

/* qs_pad_source: the source index along an axis of @n elements for output
 * index @o after @pb elements of padding in front, or -1 for the fill
 * value (constant mode). */
gint64
qs_pad_source (gint64    o,
               gint64    pb,
               gint64    n,
               QsPadMode mode)
{
  gint64 i = o - pb;

  if (i >= 0 && i < n)
    return i;
  switch (mode)
    {
    case QS_PAD_EDGE:
      return i < 0 ? 0 : n - 1;
    case QS_PAD_REFLECT: /* ... 3 2 | 1 2 3 | 2 1 ... */
      if (n == 1)
        return 0;
      while (i < 0 || i >= n)
        i = i < 0 ? -i : 2 * (n - 1) - i;
      return i;
    case QS_PAD_SYMMETRIC: /* ... 2 1 | 1 2 3 | 3 2 ... */
      while (i < 0 || i >= n)
        i = i < 0 ? -i - 1 : 2 * n - 1 - i;
      return i;
    case QS_PAD_CONSTANT:
    default:
      return -1;
    }
}

static gboolean
op_pad (QsOpCtx *ctx,
        GError **error)
{
  QsTensor *x;
  const char *mode_s = qs_node_get_attr (ctx->node, "pad_mode");
  QsPadMode mode;
  int d, version = qs_node_opset (ctx->node);
  g_autofree gint64 *pb = NULL, *pe = NULL;
  gsize npb, npe, i;
  gint64 dims[QS_TENSOR_MAX_RANK], idx[QS_TENSOR_MAX_RANK] = { 0 };
  gsize in_strides[QS_TENSOR_MAX_RANK];
  double fill = 0;
  g_autoptr(QsTensor) out = NULL;
  gsize es;

  if (!_qs_op_need_inputs (ctx, 3, error))
    return FALSE;
  x = ctx->in[0];
  if (!qs_pad_mode_parse (mode_s, &mode))
    return _qs_op_fail (error, "pad_mode “%s” is unknown", mode_s);
  if (ctx->in[1]->n_elements != (gsize) x->rank || ctx->in[2]->n_elements != (gsize) x->rank)
    return _qs_op_fail (error, "pads_begin and pads_end need %d values", x->rank);
  pb = _qs_op_int_values (ctx->in[1], &npb);
  pe = _qs_op_int_values (ctx->in[2], &npe);
  if (pb == NULL || pe == NULL)
    return _qs_op_fail_alloc (error, "the pads");
  if ((int) npb != x->rank || (int) npe != x->rank)
    return _qs_op_fail (error, "pads_begin and pads_end need %d values", x->rank);
  if (mode == QS_PAD_CONSTANT && ctx->n_in > 3 && ctx->in[3] != NULL && ctx->in[3]->n_elements > 0)
    fill = qs_tensor_get_f64 (ctx->in[3], 0);
  for (d = 0; d < x->rank; d++)
    {
      if (version < 12 && (pb[d] < 0 || pe[d] < 0))
        return _qs_op_fail (error, "Pad-1 pads must not be negative");
      if (x->dims[d] == 0 && mode != QS_PAD_CONSTANT && pb[d] + pe[d] > 0)
        return _qs_op_fail (error, "cannot pad an empty axis in mode %s", mode_s);
      if ((mode == QS_PAD_REFLECT && (pb[d] > x->dims[d] - 1 || pe[d] > x->dims[d] - 1)) ||
          (mode == QS_PAD_SYMMETRIC && (pb[d] > x->dims[d] || pe[d] > x->dims[d])))
        return _qs_op_fail (error, "pads on axis %d are longer than %s mode allows", d, mode_s);
      if (__builtin_add_overflow (pb[d], x->dims[d], &dims[d]) ||
          __builtin_add_overflow (dims[d], pe[d], &dims[d]))
        return _qs_op_fail (error, "pads on axis %d are too large: the size overflows", d);
      dims[d] = MAX (dims[d], 0);
    }
  in_strides[x->rank > 0 ? x->rank - 1 : 0] = 1;
  for (d = x->rank - 2; d >= 0; d--)
    in_strides[d] = in_strides[d + 1] * x->dims[d + 1];
  out = qs_tensor_new (x->type, x->rank, dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  es = qs_tensor_type_size (x->type);
  for (i = 0; i < out->n_elements; i++)
    {
      gsize off = 0;
      gboolean inside = TRUE;

      for (d = 0; d < x->rank && inside; d++)
        {
          gint64 src = qs_pad_source (idx[d], pb[d], x->dims[d], mode);

          if (src < 0)
            inside = FALSE;
          else
            off += src * in_strides[d];
        }
      if (inside)
        memcpy ((guint8 *) out->data + i * es, (const guint8 *) x->data + off * es, es);
      else
        qs_tensor_set_f64 (out, i, fill);
      for (d = x->rank - 1; d >= 0; d--)
        {
          if (++idx[d] < dims[d])
            break;
          idx[d] = 0;
        }
    }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

const QsOpEntry _qs_op_shape_table[] = {
  { "ShapeOf", 1, G_MAXINT, op_shape_of },
  { "Reshape", 1, G_MAXINT, op_reshape },
  { "Squeeze", 1, G_MAXINT, op_squeeze },
  { "Unsqueeze", 1, G_MAXINT, op_unsqueeze },
  { "Transpose", 1, G_MAXINT, op_transpose },
  { "Concat", 1, G_MAXINT, op_concat },
  { "Split", 1, G_MAXINT, op_split },
  { "VariadicSplit", 1, G_MAXINT, op_variadic_split },
  { "StridedSlice", 1, G_MAXINT, op_strided_slice },
  { "Slice", 8, G_MAXINT, op_slice },
  { "Gather", 1, G_MAXINT, op_gather },
  { "Broadcast", 1, G_MAXINT, op_broadcast },
  { "Tile", 1, G_MAXINT, op_tile },
  { "Range", 4, G_MAXINT, op_range },
  { "NonZero", 3, G_MAXINT, op_nonzero },
  { "TopK", 1, G_MAXINT, op_topk },
  { "DepthToSpace", 1, G_MAXINT, op_depth_to_space },
  { "ShuffleChannels", 1, G_MAXINT, op_shuffle_channels },
  { "SpaceToDepth", 1, G_MAXINT, op_space_to_depth },
  { "Pad", 1, G_MAXINT, op_pad },
  { NULL, 0, 0, NULL }
};
