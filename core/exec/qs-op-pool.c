/* qs-op-pool.c — MaxPool-1/8/14 and AvgPool-1/14 over 1-D, 2-D and 3-D windows
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Output lengths follow ops.md §7: floor or ceil of the window count, and
 * for ceil_torch (v14) a last window that would start in the end padding
 * is dropped.  Positions outside the real input never take part.
 */
#include "config.h"

#include <string.h>

#include "qs-op-private.h"

gboolean _qs_op_spatial_pads (const char *auto_pad, gint64 n, gint64 k, gint64 s, gint64 d,
                              gint64 *pb, gint64 *pe);

typedef struct
{
  /* depth, height, width; fewer spatial axes leave the first ones at 1 */
  gint64 n[3], k[3], s[3], d[3], pb[3], pe[3], out[3];
  gboolean any_pad;
} Window;

static gint64
list_at (GArray *a,
         int     i,
         gint64  fallback)
{
  return a != NULL && (int) a->len > i ? g_array_index (a, gint64, i) : fallback;
}

static gboolean
plan_window (QsOpCtx  *ctx,
             gboolean  codes,
             Window   *w,
             GError  **error)
{
  QsTensor *x = ctx->in[0];
  g_autoptr(GArray) k = NULL, s = NULL, pb = NULL, pe = NULL, d = NULL;
  const char *auto_pad = qs_node_get_attr (ctx->node, "auto_pad");
  const char *rounding = qs_node_get_attr (ctx->node, "rounding_type");
  int n_sp, i;

  if (x->rank < 3 || x->rank > 5)
    return _qs_op_fail (error, "only 1-D, 2-D and 3-D pooling is supported (data rank %d)", x->rank);
  if (!codes && x->type != QS_ELEMENT_F32)
    return _qs_op_fail (error, "needs float data");
  if (codes && x->type != QS_ELEMENT_U8 && x->type != QS_ELEMENT_I8)
    return _qs_op_fail (error, "needs u8 or i8 codes");
  if (rounding != NULL && strcmp (rounding, "floor") != 0 && strcmp (rounding, "ceil") != 0 &&
      (strcmp (rounding, "ceil_torch") != 0 || qs_node_opset (ctx->node) < 14))
    return _qs_op_fail (error, "rounding_type “%s” is not floor or ceil%s", rounding,
                        qs_node_opset (ctx->node) >= 14 ? " or ceil_torch" : "");
  n_sp = x->rank - 2;
  k = qs_node_get_int_list (ctx->node, "kernel", error);
  if (k == NULL)
    return FALSE;
  s = qs_node_get_int_list (ctx->node, "strides", NULL);
  pb = qs_node_get_int_list (ctx->node, "pads_begin", NULL);
  pe = qs_node_get_int_list (ctx->node, "pads_end", NULL);
  d = qs_node_get_int_list (ctx->node, "dilations", NULL);
  memset (w, 0, sizeof *w);
  for (i = 0; i < 3; i++)
    {
      int j = i - (3 - n_sp);   /* fewer axes: a window of size 1 over the missing ones */

      if (j < 0)
        {
          w->n[i] = w->k[i] = w->s[i] = w->d[i] = w->out[i] = 1;
          continue;
        }
      w->n[i] = x->dims[2 + j];
      w->k[i] = list_at (k, j, 1);
      w->s[i] = list_at (s, j, 1);
      w->d[i] = list_at (d, j, 1);
      w->pb[i] = list_at (pb, j, 0);
      w->pe[i] = list_at (pe, j, 0);
      if (w->k[i] < 1 || w->s[i] < 1 || w->d[i] < 1)
        return _qs_op_fail (error, "kernel, strides and dilations must be positive");
      /* keeps the window arithmetic below far from overflow */
      if (w->k[i] > (1 << 24) || w->s[i] > (1 << 24) || w->d[i] > (1 << 24) || w->n[i] > ((gint64) 1 << 40) ||
          w->pb[i] < 0 || w->pb[i] > (1 << 24) || w->pe[i] < 0 || w->pe[i] > (1 << 24))
        return _qs_op_fail (error, "kernel, strides, dilations or pads out of range");
      if (!_qs_op_spatial_pads (auto_pad, w->n[i], w->k[i], w->s[i], w->d[i], &w->pb[i], &w->pe[i]))
        return _qs_op_fail (error, "auto_pad “%s” is unknown", auto_pad);
      {
        gint64 dk = (w->k[i] - 1) * w->d[i] + 1;
        gint64 span = w->n[i] + w->pb[i] + w->pe[i] - dk;

        if (auto_pad != NULL && (strcmp (auto_pad, "same_upper") == 0 || strcmp (auto_pad, "same_lower") == 0))
          w->out[i] = (w->n[i] + w->s[i] - 1) / w->s[i];
        else if (rounding != NULL && (strcmp (rounding, "ceil") == 0 || strcmp (rounding, "ceil_torch") == 0))
          {
            w->out[i] = (span >= 0 ? (span + w->s[i] - 1) / w->s[i] : 0) + 1;
            if (strcmp (rounding, "ceil_torch") == 0 && (w->out[i] - 1) * w->s[i] >= w->n[i] + w->pb[i])
              w->out[i]--;
          }
        else
          w->out[i] = span >= 0 ? span / w->s[i] + 1 : 0;
        if (w->out[i] < 1)
          return _qs_op_fail (error, "the window is larger than the padded input");
      }
      if (w->pb[i] != 0 || w->pe[i] != 0)
        w->any_pad = TRUE;
    }
  return TRUE;
}

/* The taps [*lo, *hi) of a window starting at @start that fall inside an
 * axis of @n: the loops below visit only those. */
static void
valid_taps (gint64  start,
            gint64  k,
            gint64  d,
            gint64  n,
            gint64 *lo,
            gint64 *hi)
{
  *lo = start < 0 ? (-start + d - 1) / d : 0;
  *hi = start > n - 1 ? 0 : MIN (k, (n - 1 - start) / d + 1);
}

static gboolean
pool (QsOpCtx  *ctx,
      gboolean  is_max,
      GError  **error)
{
  QsTensor *x;
  Window w;
  gint64 dims[5];
  g_autoptr(QsTensor) out = NULL;
  g_autoptr(QsTensor) idx = NULL;
  gboolean exclude_pad = FALSE;
  gsize planes, p, in_plane, out_plane, from_axis;
  gint64 axis = 0;
  int r, i;

  if (!_qs_op_need_inputs (ctx, 1, error))
    return FALSE;
  x = ctx->in[0];
  if (!plan_window (ctx, FALSE, &w, error))
    return FALSE;
  if (!is_max && !qs_node_get_bool (ctx->node, "exclude-pad", FALSE, &exclude_pad, error))
    return FALSE;
  if (is_max && ctx->n_out > 1 && !qs_node_get_int (ctx->node, "axis", 0, &axis, error))
    return FALSE;
  r = x->rank;
  dims[0] = x->dims[0];
  dims[1] = x->dims[1];
  for (i = 2; i < r; i++)
    dims[i] = w.out[3 - r + i];
  /* every window writes its output element (and index) */
  out = qs_tensor_new_uninit (QS_ELEMENT_F32, r, dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  if (is_max && ctx->n_out > 1)
    {
      const char *it = qs_node_get_attr (ctx->node, "index_element_type");

      if (it != NULL && strcmp (it, "i32") != 0 && strcmp (it, "i64") != 0)
        return _qs_op_fail (error, "index_element_type “%s” is neither i32 nor i64", it);
      if (axis < -r || axis >= r)
        return _qs_op_fail (error, "axis %" G_GINT64_FORMAT " is outside the data rank %d", axis, r);
      idx = qs_tensor_new_uninit (g_strcmp0 (it, "i32") == 0 ? QS_ELEMENT_I32 : QS_ELEMENT_I64, r, dims);
      if (idx == NULL)
        return _qs_op_fail_alloc (error, "the index output");
      if (axis < 0)
        axis += r;
    }

  from_axis = MAX (1, _qs_dims_product (x->dims, axis, r));
  planes = x->dims[0] * x->dims[1];
  in_plane = w.n[0] * w.n[1] * w.n[2];
  out_plane = w.out[0] * w.out[1] * w.out[2];
  for (p = 0; p < planes; p++)
    {
      const float *in = qs_tensor_f32 (x) + p * in_plane;
      float *o = qs_tensor_f32 (out) + p * out_plane;
      gint64 oz, oy, ox, kz, ky, kx;

      for (oz = 0; oz < w.out[0]; oz++)
        for (oy = 0; oy < w.out[1]; oy++)
          for (ox = 0; ox < w.out[2]; ox++)
            {
              gint64 z0 = oz * w.s[0] - w.pb[0], y0 = oy * w.s[1] - w.pb[1], x0 = ox * w.s[2] - w.pb[2];
              gsize at = (oz * w.out[1] + oy) * w.out[2] + ox;
              /* as OpenVINO's reference: the type's lowest value and index
               * 0 where no tap is greater (a window in the padding) */
              float best = -G_MAXFLOAT, sum = 0;
              gint64 count = 0, best_at = -1;
              gint64 lz, hz, ly, hy, lx, hx;

              valid_taps (z0, w.k[0], w.d[0], w.n[0], &lz, &hz);
              valid_taps (y0, w.k[1], w.d[1], w.n[1], &ly, &hy);
              valid_taps (x0, w.k[2], w.d[2], w.n[2], &lx, &hx);
              for (kz = lz; kz < hz; kz++)
                for (ky = ly; ky < hy; ky++)
                  for (kx = lx; kx < hx; kx++)
                    {
                      gint64 pos = ((z0 + kz * w.d[0]) * w.n[1] + y0 + ky * w.d[1]) * w.n[2] + x0 + kx * w.d[2];
                      float v = in[pos];

                      if (v > best)
                        {
                          best = v;
                          best_at = pos;
                        }
                      sum += v;
                      count++;
                    }
              if (is_max)
                {
                  o[at] = best;
                  if (idx != NULL)
                    {
                      /* index into the unpadded input flattened from @axis on */
                      gsize full = p * in_plane + (best_at < 0 ? 0 : best_at);
                      qs_tensor_set_f64 (idx, p * out_plane + at, (double) (full % from_axis));
                    }
                }
              else
                {
                  /* a product of three kernel sizes may pass 2^63 */
                  double div = exclude_pad ? count : (w.any_pad ? (double) w.k[0] * w.k[1] * w.k[2] : count);
                  o[at] = div > 0 ? (float) (sum / div) : 0;
                }
            }
    }
  ctx->out[0] = g_steal_pointer (&out);
  if (idx != NULL)
    ctx->out[1] = g_steal_pointer (&idx);
  return TRUE;
}

/* MaxPool on the int8 run's u8 or i8 codes, without the index output.
 * The maximum of integers is exact, so this is what the float MaxPool of
 * the codes converted to f32 gives, converted back; a window with no tap
 * inside the input gives the type's lowest code, where the float one's
 * -FLT_MAX saturates.  Output row by output row: every tap (kz, ky, kx)
 * of the window raises the output positions whose tap lies inside the
 * input, a loop over the row GCC vectorises. */
static void QS_VECTORISE
max_row_u8 (guint8       *o,
            const guint8 *src,
            gint64        n)
{
  gint64 i;

  for (i = 0; i < n; i++)
    o[i] = src[i] > o[i] ? src[i] : o[i];
}

static void QS_VECTORISE
max_row_i8 (gint8       *o,
            const gint8 *src,
            gint64       n)
{
  gint64 i;

  for (i = 0; i < n; i++)
    o[i] = src[i] > o[i] ? src[i] : o[i];
}

#define MAX_POOL_CODES(ctype, lowest, max_row)                                                           \
  for (p = 0; p < planes; p++)                                                                  \
    for (oz = 0; oz < w.out[0]; oz++)                                                           \
      for (oy = 0; oy < w.out[1]; oy++)                                                         \
        {                                                                                       \
          const ctype *in = (const ctype *) x->data + p * in_plane;                             \
          ctype *o = (ctype *) out->data + p * out_plane + (oz * w.out[1] + oy) * w.out[2];     \
          gint64 z0 = oz * w.s[0] - w.pb[0], y0 = oy * w.s[1] - w.pb[1];                        \
          gint64 lz, hz, ly, hy, kz, ky, kx, ox;                                                \
                                                                                                \
          for (ox = 0; ox < w.out[2]; ox++)                                                     \
            o[ox] = lowest;                                                                     \
          valid_taps (z0, w.k[0], w.d[0], w.n[0], &lz, &hz);                                    \
          valid_taps (y0, w.k[1], w.d[1], w.n[1], &ly, &hy);                                    \
          for (kz = lz; kz < hz; kz++)                                                          \
            for (ky = ly; ky < hy; ky++)                                                        \
              {                                                                                 \
                const ctype *row = in + ((z0 + kz * w.d[0]) * w.n[1] + y0 + ky * w.d[1]) * w.n[2]; \
                                                                                                \
                for (kx = 0; kx < w.k[2]; kx++)                                                 \
                  {                                                                             \
                    /* input column ox · s + off for output column ox */                        \
                    gint64 off = kx * w.d[2] - w.pb[2];                                         \
                    gint64 lo = off >= 0 ? 0 : (-off + w.s[2] - 1) / w.s[2];                    \
                    gint64 hi = off > w.n[2] - 1 ? 0 : MIN (w.out[2], (w.n[2] - 1 - off) / w.s[2] + 1); \
                                                                                                \
                    if (w.s[2] == 1 && hi > lo)                                                 \
                      max_row (o + lo, row + off + lo, hi - lo);                                \
                    else                                                                        \
                      for (ox = lo; ox < hi; ox++)                                              \
                        {                                                                       \
                          ctype v = row[ox * w.s[2] + off];                                     \
                                                                                                \
                          o[ox] = v > o[ox] ? v : o[ox];                                        \
                        }                                                                       \
                  }                                                                             \
              }                                                                                 \
        }

gboolean
_qs_op_max_pool_codes (QsOpCtx *ctx,
                       GError **error)
{
  QsTensor *x;
  Window w;
  gint64 dims[5], oz, oy;
  g_autoptr(QsTensor) out = NULL;
  gsize planes, p, in_plane, out_plane;
  int r, i;

  if (!_qs_op_need_inputs (ctx, 1, error))
    return FALSE;
  x = ctx->in[0];
  if (!plan_window (ctx, TRUE, &w, error))
    return FALSE;
  r = x->rank;
  dims[0] = x->dims[0];
  dims[1] = x->dims[1];
  for (i = 2; i < r; i++)
    dims[i] = w.out[3 - r + i];
  out = qs_tensor_new_uninit (x->type, r, dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  planes = x->dims[0] * x->dims[1];
  in_plane = w.n[0] * w.n[1] * w.n[2];
  out_plane = w.out[0] * w.out[1] * w.out[2];
  if (x->type == QS_ELEMENT_U8)
    MAX_POOL_CODES (guint8, 0, max_row_u8)
  else
    MAX_POOL_CODES (gint8, G_MININT8, max_row_i8)
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}
#undef MAX_POOL_CODES

static gboolean
op_max_pool (QsOpCtx *ctx,
             GError **error)
{
  return pool (ctx, TRUE, error);
}

static gboolean
op_avg_pool (QsOpCtx *ctx,
             GError **error)
{
  return pool (ctx, FALSE, error);
}

const QsOpEntry _qs_op_pool_table[] = {
  { "MaxPool", 1, G_MAXINT, op_max_pool },
  { "AvgPool", 1, G_MAXINT, op_avg_pool },
  { NULL, 0, 0, NULL }
};
