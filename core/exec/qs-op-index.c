/* qs-op-index.c — ops driven by index tensors: GatherND, GatherElements,
 * the scatters with their reductions, OneHot and Bucketize
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Gathers and plain scatters move elements by their byte size, so they run
 * on every element type the executor holds (f32, the integers, boolean).
 * Scatters that reduce compute in f32 for float data (as the reference
 * does in the data's type) and in int64 for integer data, stored back in
 * the data's type; on boolean data sum and max are "or", prod and min
 * "and".  Negative indices count from the end; an index out of range is an
 * error naming it and its axis.
 */
#include "config.h"

#include <string.h>

#include "qs-op-private.h"

#define ESIZE(t) qs_tensor_type_size ((t)->type)

/* The reductions below compute in int64 and store back in the data's type
 * (qs_tensor_set_i64(): integers wrap as a C++ static_cast does). */

/* Normalises index @v against @dim, or fails naming the axis. */
static gboolean
norm_index (gint64   v,
            gint64   dim,
            int      axis,
            gint64  *out,
            GError **error)
{
  gint64 w = v < 0 ? v + dim : v;

  *out = 0;
  if (w < 0 || w >= dim)
    return _qs_op_fail (error, "index %" G_GINT64_FORMAT " is out of range [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                        "] for axis %d", v, -dim, dim - 1, axis);
  *out = w;
  return TRUE;
}

/* ---- GatherND-5, GatherND-8 ---- */

/* Both versions gather the same elements; they differ in the output's
 * leading dimensions: -5 folds the batch dimensions into one, -8 keeps
 * them. */
static gboolean
op_gather_nd (QsOpCtx *ctx,
              GError **error)
{
  QsTensor *x, *ind;
  gint64 batch_dims = 0, dims[QS_TENSOR_MAX_RANK], k, strides[QS_TENSOR_MAX_RANK];
  gboolean v8 = qs_node_opset (ctx->node) >= 8;
  int b, r = 0, i;
  gsize n_batch, n_tuples, slice, batch_size, bi, t, es, n_iv;
  g_autofree gint64 *iv = NULL;
  g_autoptr(QsTensor) out = NULL;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  x = ctx->in[0];
  ind = ctx->in[1];
  if (!qs_node_get_int (ctx->node, "batch_dims", 0, &batch_dims, error))
    return FALSE;
  if (ind->rank < 1 || x->rank < 1)
    return _qs_op_fail (error, "data and indices need rank >= 1 (they have %d and %d)", x->rank, ind->rank);
  if (batch_dims < 0 || batch_dims >= MIN (x->rank, ind->rank))
    return _qs_op_fail (error, "batch_dims %" G_GINT64_FORMAT " is out of range [0, %d]",
                        batch_dims, MIN (x->rank, ind->rank) - 1);
  b = (int) batch_dims;
  k = ind->dims[ind->rank - 1];
  if (k < 1 || b + k > x->rank)
    return _qs_op_fail (error, "indices.shape[-1] = %" G_GINT64_FORMAT " does not fit data of rank %d with batch_dims %d",
                        k, x->rank, b);
  for (i = 0; i < b; i++)
    if (x->dims[i] != ind->dims[i])
      return _qs_op_fail (error, "batch dimension %d differs between data (%" G_GINT64_FORMAT ") and indices (%"
                          G_GINT64_FORMAT ")", i, x->dims[i], ind->dims[i]);

  n_batch = _qs_dims_product (ind->dims, 0, b);
  if (v8)
    for (i = 0; i < b; i++)
      dims[r++] = ind->dims[i];
  else if (b > 0)
    dims[r++] = (gint64) n_batch;
  if (r + (ind->rank - 1 - b) + (x->rank - b - k) > QS_TENSOR_MAX_RANK)
    return _qs_op_fail (error, "the output's rank is too large");
  for (i = b; i < ind->rank - 1; i++)
    dims[r++] = ind->dims[i];
  for (i = b + (int) k; i < x->rank; i++)
    dims[r++] = x->dims[i];
  out = qs_tensor_new (x->type, r, dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");

  iv = _qs_op_int_values (ind, &n_iv);
  if (iv == NULL)
    return _qs_op_fail_alloc (error, "the indices");
  es = ESIZE (x);
  n_tuples = _qs_dims_product (ind->dims, b, ind->rank - 1);
  slice = _qs_dims_product (x->dims, b + (int) k, x->rank);
  batch_size = _qs_dims_product (x->dims, b, x->rank);
  /* strides (in elements) of the k indexed dimensions */
  for (i = (int) k - 1; i >= 0; i--)
    strides[i] = i == k - 1 ? (gint64) slice : strides[i + 1] * x->dims[b + i + 1];
  for (bi = 0; bi < n_batch; bi++)
    for (t = 0; t < n_tuples; t++)
      {
        const gint64 *tuple = iv + (bi * n_tuples + t) * k;
        gsize off = bi * batch_size;

        for (i = 0; i < k; i++)
          {
            gint64 v;

            if (!norm_index (tuple[i], x->dims[b + i], b + i, &v, error))
              return FALSE;
            off += (gsize) (v * strides[i]);
          }
        memcpy ((guint8 *) out->data + (bi * n_tuples + t) * slice * es,
                (const guint8 *) x->data + off * es, slice * es);
      }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

/* ---- GatherElements-6 ---- */

/* Walks the elements of a tensor of shape (rank, dims) in order and, for
 * each, its index along @axis and the offset the same position (with that
 * axis at 0) has in a tensor of shape (rank, ref): the pair GatherElements
 * and ScatterElementsUpdate need. */
typedef struct
{
  int      rank, axis;
  gint64   idx[QS_TENSOR_MAX_RANK];
  const gint64 *dims;
  gsize    ref_strides[QS_TENSOR_MAX_RANK];
} AxisWalk;

static void
axis_walk_init (AxisWalk     *w,
                int           rank,
                const gint64 *dims,
                const gint64 *ref,
                int           axis)
{
  int d;

  w->rank = rank;
  w->axis = axis;
  w->dims = dims;
  memset (w->idx, 0, sizeof w->idx);
  for (d = rank - 1; d >= 0; d--)
    w->ref_strides[d] = d == rank - 1 ? 1 : w->ref_strides[d + 1] * (gsize) ref[d + 1];
}

/* Offset in the reference shape of the current position without its axis
 * component. */
static gsize
axis_walk_base (const AxisWalk *w)
{
  gsize off = 0;
  int d;

  for (d = 0; d < w->rank; d++)
    if (d != w->axis)
      off += (gsize) w->idx[d] * w->ref_strides[d];
  return off;
}

static void
axis_walk_next (AxisWalk *w)
{
  int d;

  for (d = w->rank - 1; d >= 0; d--)
    {
      if (++w->idx[d] < w->dims[d])
        return;
      w->idx[d] = 0;
    }
}

static gboolean
op_gather_elements (QsOpCtx *ctx,
                    GError **error)
{
  QsTensor *x, *ind;
  gint64 axis_attr;
  int axis, d;
  gsize i, es, n_iv;
  g_autofree gint64 *iv = NULL;
  g_autoptr(QsTensor) out = NULL;
  AxisWalk w;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  x = ctx->in[0];
  ind = ctx->in[1];
  if (qs_node_get_attr (ctx->node, "axis") == NULL)
    return _qs_op_fail (error, "axis is missing");
  if (!qs_node_get_int (ctx->node, "axis", 0, &axis_attr, error))
    return FALSE;
  if (x->rank < 1 || ind->rank != x->rank)
    return _qs_op_fail (error, "data and indices need the same rank >= 1 (they have %d and %d)", x->rank, ind->rank);
  if (!_qs_op_axis (axis_attr, x->rank, &axis, error))
    return FALSE;
  for (d = 0; d < x->rank; d++)
    if (d != axis && ind->dims[d] != x->dims[d])
      return _qs_op_fail (error, "indices dimension %d (%" G_GINT64_FORMAT ") differs from data's (%" G_GINT64_FORMAT ")",
                          d, ind->dims[d], x->dims[d]);
  out = qs_tensor_new (x->type, ind->rank, ind->dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  iv = _qs_op_int_values (ind, &n_iv);
  if (iv == NULL)
    return _qs_op_fail_alloc (error, "the indices");
  es = ESIZE (x);
  axis_walk_init (&w, ind->rank, ind->dims, x->dims, axis);
  for (i = 0; i < ind->n_elements; i++, axis_walk_next (&w))
    {
      gint64 v;

      if (!norm_index (iv[i], x->dims[axis], axis, &v, error))
        return FALSE;
      memcpy ((guint8 *) out->data + i * es,
              (const guint8 *) x->data + (axis_walk_base (&w) + (gsize) v * w.ref_strides[axis]) * es, es);
    }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

/* ---- reductions of the scatters ---- */

typedef enum
{
  RED_NONE, RED_SUM, RED_SUB, RED_PROD, RED_MIN, RED_MAX, RED_MEAN,
} Reduction;

static const char *const reduction_names[] = { "none", "sum", "sub", "prod", "min", "max", "mean" };

/* Reads the reduction attribute; @allowed is a mask of Reduction bits. */
static gboolean
get_reduction (QsOpCtx    *ctx,
               guint       allowed,
               Reduction  *red,
               GError    **error)
{
  const char *s = qs_node_get_attr (ctx->node, "reduction");
  guint r;

  *red = RED_NONE;
  if (s == NULL)
    return TRUE;
  for (r = 0; r < G_N_ELEMENTS (reduction_names); r++)
    if ((allowed & (1u << r)) && g_ascii_strcasecmp (s, reduction_names[r]) == 0)
      {
        *red = (Reduction) r;
        return TRUE;
      }
  return _qs_op_fail (error, "reduction “%s” is unknown", s);
}

static inline float
reduce_f32 (Reduction r,
            float     acc,
            float     u)
{
  switch (r)
    {
    case RED_SUM: case RED_MEAN: return acc + u;
    case RED_SUB: return acc - u;
    case RED_PROD: return acc * u;
    case RED_MIN: return u < acc ? u : acc;
    case RED_MAX: return u > acc ? u : acc;
    default: return u;
    }
}

static inline gint64
reduce_i64 (Reduction r,
            gint64    acc,
            gint64    u,
            gboolean  boolean)
{
  if (boolean)
    switch (r)
      {
      case RED_SUM: case RED_MAX: case RED_MEAN: return acc || u;
      case RED_SUB: return (acc != 0) != (u != 0);
      case RED_PROD: case RED_MIN: return acc && u;
      default: return u != 0;
      }
  switch (r)
    {
    case RED_SUM: case RED_MEAN: return (gint64) ((guint64) acc + (guint64) u);
    case RED_SUB: return (gint64) ((guint64) acc - (guint64) u);
    case RED_PROD: return (gint64) ((guint64) acc * (guint64) u);
    case RED_MIN: return MIN (acc, u);
    case RED_MAX: return MAX (acc, u);
    default: return u;
    }
}

/* The identity of @r, where a reduction starts without the data's value
 * (ScatterElementsUpdate-12's use_init_val=false). */
static double
reduce_identity (Reduction     r,
                 QsElementType t)
{
  switch (r)
    {
    case RED_PROD: return 1;
    case RED_MIN:
      switch (t)
        {
        case QS_ELEMENT_F32: return INFINITY;
        case QS_ELEMENT_I32: return G_MAXINT32;
        case QS_ELEMENT_I8: return G_MAXINT8;
        case QS_ELEMENT_U8: case QS_ELEMENT_BOOLEAN: return t == QS_ELEMENT_U8 ? 255 : 1;
        default: return (double) G_MAXINT64;
        }
    case RED_MAX:
      switch (t)
        {
        case QS_ELEMENT_F32: return -INFINITY;
        case QS_ELEMENT_I32: return G_MININT32;
        case QS_ELEMENT_I8: return G_MININT8;
        case QS_ELEMENT_U8: case QS_ELEMENT_BOOLEAN: return 0;
        default: return (double) G_MININT64;
        }
    default:
      return 0;
    }
}

/* Applies update @u (element @ui of @upd) to element @oi of @out. */
static inline void
apply_update (QsTensor       *out,
              gsize           oi,
              const QsTensor *upd,
              gsize           ui,
              Reduction       r)
{
  if (out->type == QS_ELEMENT_F32)
    {
      float *o = out->data;

      o[oi] = reduce_f32 (r, o[oi], ((const float *) upd->data)[ui]);
    }
  else
    qs_tensor_set_i64 (out, oi, reduce_i64 (r, qs_tensor_get_i64 (out, oi), qs_tensor_get_i64 (upd, ui),
                                    out->type == QS_ELEMENT_BOOLEAN));
}

/* Updates must be in the data's type; a different integer type is
 * converted (IRs keep them equal, hand-made graphs may not). */
static QsTensor *
updates_like (QsTensor       *upd,
              const QsTensor *x,
              GError        **error)
{
  QsTensor *c;

  if (upd->type == x->type)
    return qs_tensor_ref (upd);
  c = qs_tensor_convert (upd, x->type);
  if (c == NULL)
    _qs_op_fail_alloc (error, "the converted updates");
  return c;
}

/* ---- ScatterElementsUpdate-3, ScatterElementsUpdate-12 ---- */

static gboolean
op_scatter_elements_update (QsOpCtx *ctx,
                            GError **error)
{
  QsTensor *x, *ind;
  int axis, d;
  gboolean v12 = qs_node_opset (ctx->node) >= 12, use_init = TRUE;
  Reduction red = RED_NONE;
  gsize i, n_iv;
  g_autofree gint64 *iv = NULL;
  g_autofree guint32 *counts = NULL;
  g_autoptr(QsTensor) out = NULL, upd = NULL;
  AxisWalk w;

  if (!_qs_op_need_inputs (ctx, 4, error))
    return FALSE;
  x = ctx->in[0];
  ind = ctx->in[1];
  if (v12)
    {
      if (!get_reduction (ctx, 1u << RED_NONE | 1u << RED_SUM | 1u << RED_PROD | 1u << RED_MIN | 1u << RED_MAX
                          | 1u << RED_MEAN, &red, error))
        return FALSE;
      if (!qs_node_get_bool (ctx->node, "use_init_val", TRUE, &use_init, error))
        return FALSE;
    }
  if (red == RED_MEAN && x->type == QS_ELEMENT_BOOLEAN)
    return _qs_op_fail (error, "reduction “mean” is not defined on boolean data");
  if (ctx->in[3]->n_elements != 1)
    return _qs_op_fail (error, "axis must hold one value (it holds %" G_GSIZE_FORMAT ")", ctx->in[3]->n_elements);
  if (!_qs_op_axis (qs_tensor_get_i64 (ctx->in[3], 0), x->rank, &axis, error))
    return FALSE;
  if (ind->rank != x->rank || !qs_tensor_same_shape (ind, ctx->in[2]))
    return _qs_op_fail (error, "indices and updates need the same shape and data's rank");
  for (d = 0; d < x->rank; d++)
    if (d != axis && ind->dims[d] > x->dims[d])
      return _qs_op_fail (error, "indices dimension %d (%" G_GINT64_FORMAT ") exceeds data's (%" G_GINT64_FORMAT ")",
                          d, ind->dims[d], x->dims[d]);
  upd = updates_like (ctx->in[2], x, error);
  if (upd == NULL)
    return FALSE;
  out = qs_tensor_copy (x);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  iv = _qs_op_int_values (ind, &n_iv);
  if (iv == NULL)
    return _qs_op_fail_alloc (error, "the indices");

  if (red == RED_MEAN || (red != RED_NONE && !use_init))
    {
      counts = g_try_new0 (guint32, out->n_elements);
      if (counts == NULL && out->n_elements > 0)
        return _qs_op_fail (error, "no memory for the update counts");
    }
  axis_walk_init (&w, ind->rank, ind->dims, x->dims, axis);
  for (i = 0; i < ind->n_elements; i++, axis_walk_next (&w))
    {
      gint64 v;
      gsize oi;

      if (!norm_index (iv[i], x->dims[axis], axis, &v, error))
        return FALSE;
      oi = axis_walk_base (&w) + (gsize) v * w.ref_strides[axis];
      if (counts != NULL)
        {
          /* the first update of an element without its initial value
           * starts from the reduction's identity */
          if (counts[oi] == 0 && !use_init)
            qs_tensor_set_f64 (out, oi, reduce_identity (red, out->type));
          counts[oi]++;
        }
      apply_update (out, oi, upd, i, red);
    }
  if (red == RED_MEAN)
    for (i = 0; i < out->n_elements; i++)
      if (counts[i] > 0)
        {
          guint32 n = counts[i] + (use_init ? 1 : 0);

          if (out->type == QS_ELEMENT_F32)
            ((float *) out->data)[i] /= (float) n;
          else
            {
              /* integers: the mean rounds toward negative infinity (the
               * reference rounds downward, as torch does) */
              gint64 s = qs_tensor_get_i64 (out, i);
              gint64 q = s / (gint64) n;

              if ((s % (gint64) n) != 0 && s < 0)
                q--;
              qs_tensor_set_i64 (out, i, q);
            }
        }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

/* ---- ScatterUpdate-3 ---- */

static gboolean
op_scatter_update (QsOpCtx *ctx,
                   GError **error)
{
  QsTensor *x, *ind;
  int axis, d;
  gsize outer, inner, n_ind, o, k, es;
  g_autofree gint64 *idx = NULL;
  g_autoptr(QsTensor) out = NULL, upd = NULL;

  if (!_qs_op_need_inputs (ctx, 4, error))
    return FALSE;
  x = ctx->in[0];
  ind = ctx->in[1];
  if (ctx->in[3]->n_elements != 1)
    return _qs_op_fail (error, "axis must hold one value (it holds %" G_GSIZE_FORMAT ")", ctx->in[3]->n_elements);
  if (!_qs_op_axis (qs_tensor_get_i64 (ctx->in[3], 0), x->rank, &axis, error))
    return FALSE;
  upd = updates_like (ctx->in[2], x, error);
  if (upd == NULL)
    return FALSE;
  /* updates: data.shape[:axis] + indices.shape + data.shape[axis+1:] */
  if (upd->rank != x->rank - 1 + ind->rank)
    return _qs_op_fail (error, "updates have rank %d, expected %d", upd->rank, x->rank - 1 + ind->rank);
  for (d = 0; d < upd->rank; d++)
    {
      gint64 want = d < axis ? x->dims[d] : d < axis + ind->rank ? ind->dims[d - axis] : x->dims[d - ind->rank + 1];

      if (upd->dims[d] != want)
        return _qs_op_fail (error, "updates dimension %d is %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                            d, upd->dims[d], want);
    }
  out = qs_tensor_copy (x);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  es = ESIZE (x);
  idx = _qs_op_int_values (ind, &n_ind);
  if (idx == NULL)
    return _qs_op_fail_alloc (error, "the indices");
  outer = _qs_dims_product (x->dims, 0, axis);
  inner = _qs_dims_product (x->dims, axis + 1, x->rank);
  for (o = 0; o < outer; o++)
    for (k = 0; k < n_ind; k++)
      {
        gint64 v;

        if (!norm_index (idx[k], x->dims[axis], axis, &v, error))
          return FALSE;
        memcpy ((guint8 *) out->data + ((o * x->dims[axis]) + v) * inner * es,
                (guint8 *) upd->data + ((o * n_ind) + k) * inner * es, inner * es);
      }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

/* ---- ScatterNDUpdate-3, ScatterNDUpdate-15 ---- */

static gboolean
op_scatter_nd_update (QsOpCtx *ctx,
                      GError **error)
{
  QsTensor *x, *ind;
  gint64 k, n_idx, slice = 1, j, d, s;
  Reduction red = RED_NONE;
  g_autofree gint64 *iv = NULL;
  gsize n_iv, es;
  g_autoptr(QsTensor) out = NULL, upd = NULL;

  if (!_qs_op_need_inputs (ctx, 3, error))
    return FALSE;
  x = ctx->in[0];
  ind = ctx->in[1];
  if (qs_node_opset (ctx->node) >= 15
      && !get_reduction (ctx, 1u << RED_NONE | 1u << RED_SUM | 1u << RED_SUB | 1u << RED_PROD | 1u << RED_MIN
                         | 1u << RED_MAX, &red, error))
    return FALSE;
  if (ind->rank < 1)
    return _qs_op_fail (error, "indices must have rank >= 1");
  k = ind->dims[ind->rank - 1];
  if (k > x->rank)
    return _qs_op_fail (error, "indices.shape[-1] = %" G_GINT64_FORMAT " exceeds the data's rank %d", k, x->rank);
  for (d = k; d < x->rank; d++)
    slice *= x->dims[d];
  n_idx = k > 0 ? (gint64) (ind->n_elements / k) : (gint64) _qs_dims_product (ind->dims, 0, ind->rank - 1);
  upd = updates_like (ctx->in[2], x, error);
  if (upd == NULL)
    return FALSE;
  if ((gint64) upd->n_elements != n_idx * slice)
    return _qs_op_fail (error, "updates have %" G_GSIZE_FORMAT " elements, expected %" G_GINT64_FORMAT,
                        upd->n_elements, n_idx * slice);
  iv = _qs_op_int_values (ind, &n_iv);
  if (iv == NULL)
    return _qs_op_fail_alloc (error, "the indices");
  out = qs_tensor_copy (x);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  es = qs_tensor_type_size (x->type);
  for (j = 0; j < n_idx; j++)
    {
      gint64 off = 0;

      for (d = 0; d < k; d++)
        {
          gint64 v;

          if (!norm_index (iv[j * k + d], x->dims[d], (int) d, &v, error))
            return FALSE;
          off = off * x->dims[d] + v;
        }
      /* later duplicates win, as in the reference */
      if (red == RED_NONE)
        memcpy ((guint8 *) out->data + off * slice * es, (const guint8 *) upd->data + j * slice * es, slice * es);
      else
        for (s = 0; s < slice; s++)
          apply_update (out, off * slice + s, upd, j * slice + s, red);
    }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

/* ---- OneHot-1, OneHot-16 ---- */

static gboolean
op_one_hot (QsOpCtx *ctx,
            GError **error)
{
  QsTensor *ind, *on;
  gint64 axis_attr, depth, dims[QS_TENSOR_MAX_RANK];
  gboolean normalize = FALSE;
  int axis, d, r = 0;
  gsize outer, inner, o, i, es, n_iv;
  g_autofree gint64 *iv = NULL;
  g_autoptr(QsTensor) out = NULL, off = NULL;

  if (!_qs_op_need_inputs (ctx, 4, error))
    return FALSE;
  ind = ctx->in[0];
  on = ctx->in[2];
  if (qs_node_get_attr (ctx->node, "axis") == NULL)
    return _qs_op_fail (error, "axis is missing");
  if (!qs_node_get_int (ctx->node, "axis", -1, &axis_attr, error))
    return FALSE;
  if (qs_node_opset (ctx->node) >= 16)
    {
      const char *mode = qs_node_get_attr (ctx->node, "negative_indices_mode");

      if (mode != NULL && strcmp (mode, "normalize") == 0)
        normalize = TRUE;
      else if (mode != NULL && strcmp (mode, "ignore_negative") != 0)
        return _qs_op_fail (error, "negative_indices_mode “%s” is unknown", mode);
    }
  if (ctx->in[1]->n_elements != 1 || on->n_elements != 1 || ctx->in[3]->n_elements != 1)
    return _qs_op_fail (error, "depth, on_value and off_value must each hold one value");
  depth = qs_tensor_get_i64 (ctx->in[1], 0);
  if (depth < 0)
    return _qs_op_fail (error, "depth %" G_GINT64_FORMAT " is negative", depth);
  if (ind->rank + 1 > QS_TENSOR_MAX_RANK)
    return _qs_op_fail (error, "the output's rank is too large");
  if (axis_attr < -(ind->rank + 1) || axis_attr > ind->rank)
    return _qs_op_fail (error, "axis %" G_GINT64_FORMAT " is out of range for rank %d", axis_attr, ind->rank + 1);
  axis = (int) (axis_attr < 0 ? axis_attr + ind->rank + 1 : axis_attr);
  for (d = 0; d < ind->rank; d++)
    {
      if (d == axis)
        dims[r++] = depth;
      dims[r++] = ind->dims[d];
    }
  if (axis == ind->rank)
    dims[r++] = depth;
  off = updates_like (ctx->in[3], on, error);
  if (off == NULL)
    return FALSE;
  out = qs_tensor_new (on->type, r, dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  iv = _qs_op_int_values (ind, &n_iv);
  if (iv == NULL)
    return _qs_op_fail_alloc (error, "the indices");
  es = ESIZE (on);
  for (i = 0; i < out->n_elements; i++)
    memcpy ((guint8 *) out->data + i * es, off->data, es);
  outer = _qs_dims_product (ind->dims, 0, axis);
  inner = _qs_dims_product (ind->dims, axis, ind->rank);
  for (o = 0; o < outer; o++)
    for (i = 0; i < inner; i++)
      {
        gint64 v = iv[o * inner + i];

        /* out of [0, depth) the row stays off_value; -16 may count a
         * negative index from the end */
        if (v < 0 && normalize)
          v += depth;
        if (v < 0 || v >= depth)
          continue;
        memcpy ((guint8 *) out->data + ((o * depth + v) * inner + i) * es, on->data, es);
      }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

/* ---- Bucketize-3 ---- */

static gboolean
op_bucketize (QsOpCtx *ctx,
              GError **error)
{
  QsTensor *x, *bk;
  const char *ot = qs_node_get_attr (ctx->node, "output_type");
  QsElementType type = QS_ELEMENT_I64;
  gboolean right = TRUE;
  gsize i, nb;
  g_autofree double *edges = NULL;
  g_autoptr(QsTensor) out = NULL;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  x = ctx->in[0];
  bk = ctx->in[1];
  if (ot != NULL && strcmp (ot, "i32") == 0)
    type = QS_ELEMENT_I32;
  else if (ot != NULL && strcmp (ot, "i64") != 0)
    return _qs_op_fail (error, "output_type “%s” is not i32 or i64", ot);
  if (!qs_node_get_bool (ctx->node, "with_right_bound", TRUE, &right, error))
    return FALSE;
  if (bk->rank != 1)
    return _qs_op_fail (error, "buckets must be 1-D (they have rank %d)", bk->rank);
  nb = bk->n_elements;
  edges = g_try_new (double, MAX (nb, 1));
  if (edges == NULL)
    return _qs_op_fail (error, "no memory for the buckets");
  for (i = 0; i < nb; i++)
    edges[i] = qs_tensor_get_f64 (bk, i);
  for (i = 1; i < nb; i++)
    if (edges[i] < edges[i - 1])
      return _qs_op_fail (error, "buckets are not sorted ascending (element %" G_GSIZE_FORMAT ")", i);
  out = qs_tensor_new (type, x->rank, x->dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  for (i = 0; i < x->n_elements; i++)
    {
      double v = qs_tensor_get_f64 (x, i);
      gsize lo = 0, hi = nb;

      /* with_right_bound: the number of edges below v (v falls in
       * (e[i-1], e[i]]); without: the number of edges at or below v */
      while (lo < hi)
        {
          gsize mid = lo + (hi - lo) / 2;

          if (right ? edges[mid] < v : edges[mid] <= v)
            lo = mid + 1;
          else
            hi = mid;
        }
      qs_tensor_set_i64 (out, i, (gint64) lo);
    }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

const QsOpEntry _qs_op_index_table[] = {
  { "GatherND", 5, 7, op_gather_nd },
  { "GatherND", 8, G_MAXINT, op_gather_nd },
  { "GatherElements", 6, G_MAXINT, op_gather_elements },
  { "ScatterUpdate", 3, G_MAXINT, op_scatter_update },
  { "ScatterElementsUpdate", 3, 11, op_scatter_elements_update },
  { "ScatterElementsUpdate", 12, G_MAXINT, op_scatter_elements_update },
  { "ScatterNDUpdate", 3, 14, op_scatter_nd_update },
  { "ScatterNDUpdate", 15, G_MAXINT, op_scatter_nd_update },
  { "OneHot", 1, 15, op_one_hot },
  { "OneHot", 16, G_MAXINT, op_one_hot },
  { "Bucketize", 3, G_MAXINT, op_bucketize },
  { NULL, 0, 0, NULL }
};
