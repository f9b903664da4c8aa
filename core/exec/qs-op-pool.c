/* qs-op-pool.c — MaxPool-1/8/14 and AvgPool-1/14 over 1-D, 2-D and 3-D windows
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Output lengths follow ops.md §7: floor or ceil of the window count, and
 * for ceil_torch (v14) a last window that would start in the end padding
 * is dropped.  Positions outside the real input never take part.
 *
 * Both ops walk the output row by row: each tap of the window adds its
 * input row to the output columns that read it inside the input, a
 * unit-stride (or stride-2) loop the compiler vectorises.  Every output
 * still takes its taps in (kz, ky, kx) order with the comparison or the
 * addition of the per-output loop this replaced, so the values are that
 * loop's (tests/test-exec-ops.c keeps it as the reference).
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

/* The taps of the window along the last axis (x) that some output column
 * reads inside the input, in increasing order: output columns [lo, hi)
 * read input column ox · s + off through the tap. */
typedef struct
{
  gint64 off, lo, hi;
} Tap;

/* Fills @taps (NULL: only counts) and returns how many there are.  Window
 * starts fall as ox falls, so each output column's valid taps
 * (valid_taps) start and end no earlier than the next column's: walking
 * the columns from the last, the taps not seen yet are a run after the
 * highest one seen.  The walk costs the output width plus the taps, never
 * the kernel size (up to 2^24 over a small input). */
static gsize
x_taps (const Window *w,
        Tap          *taps)
{
  gint64 ox, kx, lx, hx, next = 0;
  gsize n = 0;

  for (ox = w->out[2] - 1; ox >= 0; ox--)
    {
      valid_taps (ox * w->s[2] - w->pb[2], w->k[2], w->d[2], w->n[2], &lx, &hx);
      for (kx = MAX (lx, next); kx < hx; kx++, n++)
        if (taps != NULL)
          {
            gint64 off = kx * w->d[2] - w->pb[2];

            taps[n].off = off;
            taps[n].lo = off >= 0 ? 0 : (-off + w->s[2] - 1) / w->s[2];
            taps[n].hi = MIN (w->out[2], (w->n[2] - 1 - off) / w->s[2] + 1);
          }
      next = MAX (next, hx);
    }
  return n;
}

/* The loop over a run of @n output columns that read the input every @s
 * elements: STEP (S) for column i, with S the literal 1 or 2 where the
 * stride is one of those, so that GCC vectorises those loops (stride 2 as
 * loads and shuffles), and @s otherwise.  The functions using it declare
 * i, n and s. */
#define BY_STRIDE(STEP)                                                 \
  G_STMT_START {                                                        \
    if (s == 1)                                                         \
      for (i = 0; i < n; i++)                                           \
        STEP (1);                                                       \
    else if (s == 2)                                                    \
      for (i = 0; i < n; i++)                                           \
        STEP (2);                                                       \
    else                                                                \
      for (i = 0; i < n; i++)                                           \
        STEP (s);                                                       \
  } G_STMT_END

/* One tap over a run of @n output columns, reading the input every @s
 * elements.  Each output takes its taps in the order of the old per-output
 * loop (kz, ky, kx), with the same comparison and the same addition, so
 * the values are its values bit for bit.  The maximum serves f32 and the
 * int8 run's u8 and i8 codes alike. */
#define MAX_STEP(S) o[i] = src[i * (S)] > o[i] ? src[i * (S)] : o[i]
#define MAX_RUN(name, ctype)                                            \
  static void QS_VECTORISE                                              \
  name (ctype       *restrict o,                                        \
        const ctype *restrict src,                                      \
        gint64                n,                                        \
        gint64                s)                                        \
  {                                                                     \
    gint64 i;                                                           \
                                                                        \
    BY_STRIDE (MAX_STEP);                                               \
  }

MAX_RUN (max_run, float)
MAX_RUN (max_run_u8, guint8)
MAX_RUN (max_run_i8, gint8)
#undef MAX_RUN
#undef MAX_STEP

/* max_run that also keeps where each maximum came from: @pos is the
 * plane offset of src[0]; the first of equal maxima wins, as before.  The
 * index is chosen through a mask, not a branch: GCC vectorises only that. */
#define MAX_AT_STEP(S)                                                  \
  G_STMT_START {                                                        \
    float v = src[i * (S)], cur = o[i];                                 \
    gint64 m = -(gint64) (v > cur);                                     \
                                                                        \
    o[i] = v > cur ? v : cur;                                           \
    at[i] = (at[i] & ~m) | ((pos + i * (S)) & m);                       \
  } G_STMT_END

static void QS_VECTORISE
max_run_at (float       *restrict o,
            gint64      *restrict at,
            const float *restrict src,
            gint64                pos,
            gint64                n,
            gint64                s)
{
  gint64 i;

  BY_STRIDE (MAX_AT_STEP);
}
#undef MAX_AT_STEP

#define SUM_STEP(S) o[i] = o[i] + src[i * (S)]

static void QS_VECTORISE
sum_run (float       *restrict o,
         const float *restrict src,
         gint64                n,
         gint64                s)
{
  gint64 i;

  BY_STRIDE (SUM_STEP);
}
#undef SUM_STEP

typedef enum
{
  POOL_MAX,
  POOL_MAX_AT,      /* with the index of each maximum */
  POOL_SUM,
} PoolKind;

/* One output row (oz, oy) of a plane: every tap of the window that lies in
 * the input, over the output columns that read it inside the input.  A
 * window with no tap inside keeps -FLT_MAX (and at -1) or a sum of 0. */
static void
pool_row (const Window *w,
          const Tap    *taps,
          gsize         n_taps,
          PoolKind      kind,
          const float  *in,
          gint64        oz,
          gint64        oy,
          float        *o,
          gint64       *at)
{
  gint64 z0 = oz * w->s[0] - w->pb[0], y0 = oy * w->s[1] - w->pb[1];
  gint64 lz, hz, ly, hy, kz, ky, ox;
  gsize t;

  for (ox = 0; ox < w->out[2]; ox++)
    o[ox] = kind == POOL_SUM ? 0 : -G_MAXFLOAT;
  if (kind == POOL_MAX_AT)
    for (ox = 0; ox < w->out[2]; ox++)
      at[ox] = -1;
  valid_taps (z0, w->k[0], w->d[0], w->n[0], &lz, &hz);
  valid_taps (y0, w->k[1], w->d[1], w->n[1], &ly, &hy);
  for (kz = lz; kz < hz; kz++)
    for (ky = ly; ky < hy; ky++)
      {
        gint64 row = ((z0 + kz * w->d[0]) * w->n[1] + y0 + ky * w->d[1]) * w->n[2];

        for (t = 0; t < n_taps; t++)
          {
            const Tap *tap = &taps[t];
            gint64 first = row + tap->lo * w->s[2] + tap->off;

            if (kind == POOL_MAX)
              max_run (o + tap->lo, in + first, tap->hi - tap->lo, w->s[2]);
            else if (kind == POOL_MAX_AT)
              max_run_at (o + tap->lo, at + tap->lo, in + first, first, tap->hi - tap->lo, w->s[2]);
            else
              sum_run (o + tap->lo, in + first, tap->hi - tap->lo, w->s[2]);
          }
      }
}

/* The indices of a row of @n outputs starting at @row_at, from the plane
 * offsets in @at (-1: no tap won): the position in the unpadded input
 * flattened from the op's axis on (@from_axis elements), the plane's start
 * where no tap won. */
static void
write_indices (QsTensor     *idx,
               gsize         row_at,
               const gint64 *at,
               gint64        n,
               gsize         plane_start,
               gsize         from_axis)
{
  gint64 ox;

  for (ox = 0; ox < n; ox++)
    {
      gsize full = plane_start + (at[ox] < 0 ? 0 : at[ox]);
      gsize v = full < from_axis ? full : full % from_axis;

      if (idx->type == QS_ELEMENT_I64)
        ((gint64 *) idx->data)[row_at + ox] = (gint64) v;
      else
        ((gint32 *) idx->data)[row_at + ox] = (gint32) MIN (v, (gsize) G_MAXINT32);
    }
}

static gboolean
check_index_attrs (QsOpCtx       *ctx,
                   int            rank,
                   QsElementType *type,
                   gint64        *axis,
                   GError       **error)
{
  const char *it = qs_node_get_attr (ctx->node, "index_element_type");

  if (!qs_node_get_int (ctx->node, "axis", 0, axis, error))
    return FALSE;
  if (it != NULL && strcmp (it, "i32") != 0 && strcmp (it, "i64") != 0)
    return _qs_op_fail (error, "index_element_type “%s” is neither i32 nor i64", it);
  if (*axis < -rank || *axis >= rank)
    return _qs_op_fail (error, "axis %" G_GINT64_FORMAT " is outside the data rank %d", *axis, rank);
  if (*axis < 0)
    *axis += rank;
  *type = g_strcmp0 (it, "i32") == 0 ? QS_ELEMENT_I32 : QS_ELEMENT_I64;
  return TRUE;
}

/* MaxPool and AvgPool on f32, output row by output row (pool_row).  The
 * index output of MaxPool-8/14 is computed only when something reads it
 * (_qs_op_output_read); each index is the position of the first maximum
 * in the unpadded input flattened from @axis on, and the start of the
 * plane for a window with no tap greater than -FLT_MAX, as OpenVINO's
 * reference gives. */
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
  QS_AUTO_SCRATCH Tap *taps = NULL;
  QS_AUTO_SCRATCH gint64 *at = NULL;
  QS_AUTO_SCRATCH gint64 *count_x = NULL;
  gboolean exclude_pad = FALSE;
  QsElementType index_type = QS_ELEMENT_I64;
  PoolKind kind;
  gsize planes, p, in_plane, out_plane, from_axis, n_taps;
  gint64 axis = 0;
  int r, i;

  if (!_qs_op_need_inputs (ctx, 1, error))
    return FALSE;
  x = ctx->in[0];
  if (!plan_window (ctx, FALSE, &w, error))
    return FALSE;
  if (!is_max && !qs_node_get_bool (ctx->node, "exclude-pad", FALSE, &exclude_pad, error))
    return FALSE;
  r = x->rank;
  if (is_max && ctx->n_out > 1 && !check_index_attrs (ctx, r, &index_type, &axis, error))
    return FALSE;
  dims[0] = x->dims[0];
  dims[1] = x->dims[1];
  for (i = 2; i < r; i++)
    dims[i] = w.out[3 - r + i];
  /* every window writes its output element (and index) */
  out = qs_tensor_new_uninit (QS_ELEMENT_F32, r, dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  if (is_max && ctx->n_out > 1 && _qs_op_output_read (ctx, 1))
    {
      idx = qs_tensor_new_uninit (index_type, r, dims);
      if (idx == NULL)
        return _qs_op_fail_alloc (error, "the index output");
      at = qs_budget_alloc_scratch (w.out[2], sizeof *at);
      if (at == NULL)
        return _qs_op_fail_alloc (error, "a scratch buffer");
    }
  kind = !is_max ? POOL_SUM : idx != NULL ? POOL_MAX_AT : POOL_MAX;

  n_taps = x_taps (&w, NULL);
  taps = qs_budget_alloc_scratch (MAX (n_taps, 1), sizeof *taps);
  if (taps == NULL)
    return _qs_op_fail_alloc (error, "a scratch buffer");
  x_taps (&w, taps);
  if (!is_max)
    {
      gint64 ox, lx, hx;

      count_x = qs_budget_alloc_scratch (w.out[2], sizeof *count_x);
      if (count_x == NULL)
        return _qs_op_fail_alloc (error, "a scratch buffer");
      for (ox = 0; ox < w.out[2]; ox++)
        {
          valid_taps (ox * w.s[2] - w.pb[2], w.k[2], w.d[2], w.n[2], &lx, &hx);
          count_x[ox] = hx - lx;
        }
    }

  from_axis = MAX (1, _qs_dims_product (x->dims, axis, r));
  planes = x->dims[0] * x->dims[1];
  in_plane = w.n[0] * w.n[1] * w.n[2];
  out_plane = w.out[0] * w.out[1] * w.out[2];
  for (p = 0; p < planes; p++)
    {
      const float *in = qs_tensor_f32 (x) + p * in_plane;
      gint64 oz, oy, ox;

      for (oz = 0; oz < w.out[0]; oz++)
        for (oy = 0; oy < w.out[1]; oy++)
          {
            gsize row_at = p * out_plane + (oz * w.out[1] + oy) * w.out[2];
            float *o = qs_tensor_f32 (out) + row_at;

            pool_row (&w, taps, n_taps, kind, in, oz, oy, o, at);
            if (kind == POOL_SUM)
              {
                gint64 lz, hz, ly, hy, count_zy;
                /* a product of three kernel sizes may pass 2^63 */
                double all = (double) w.k[0] * w.k[1] * w.k[2];

                valid_taps (oz * w.s[0] - w.pb[0], w.k[0], w.d[0], w.n[0], &lz, &hz);
                valid_taps (oy * w.s[1] - w.pb[1], w.k[1], w.d[1], w.n[1], &ly, &hy);
                count_zy = (hz - lz) * (hy - ly);
                for (ox = 0; ox < w.out[2]; ox++)
                  {
                    gint64 count = count_zy * count_x[ox];
                    double div = exclude_pad ? count : (w.any_pad ? all : count);

                    o[ox] = div > 0 ? (float) (o[ox] / div) : 0;
                  }
              }
            else if (kind == POOL_MAX_AT)
              write_indices (idx, row_at, at, w.out[2], p * in_plane, from_axis);
          }
    }
  ctx->out[0] = g_steal_pointer (&out);
  if (idx != NULL)
    ctx->out[1] = g_steal_pointer (&idx);
  return TRUE;
}

/* MaxPool on the int8 run's u8 or i8 codes, with its index output or
 * without.  The maximum of integers is exact and every code is above
 * -FLT_MAX, so this is what the float MaxPool of the codes converted to
 * f32 gives, converted back, and the same indices; a window with no tap
 * inside the input gives the type's lowest code, where the float one's
 * -FLT_MAX saturates, and the plane's start as its index.  Output row by
 * output row as the float path: every tap (kz, ky, kx) of the window
 * raises the output positions whose tap lies inside the input, a loop
 * over the row GCC vectorises (max_run_u8, max_run_i8 above).
 *
 * With indices, a second pass finds each output's first tap (in kz, ky,
 * kx order) equal to its maximum.  It visits the taps in reverse order,
 * each a run over the output row that keeps the tap's position where the
 * code equals the maximum, so the last one kept is the first in order: a
 * loop GCC vectorises, in 32-bit positions within the plane (planes of
 * 2^31 codes and more take a per-output search).  Keeping the position in
 * the maximum's own row loop cost twice the old per-output search on
 * yolov8n's rows of 20 (bytes against 64-bit positions, every compare
 * widened eight ways); the per-output search, branching on every tap, was
 * 10 % of an observed int8 run of pdr0013.  The first tap wins over
 * nothing, as over -FLT_MAX in f32. */
#define FIRST_AT_STEP(S) at[i] = src[i * (S)] == o[i] ? pos + i * (S) : at[i]
#define FIRST_AT_RUN(name, ctype)                                       \
  static void QS_VECTORISE                                              \
  name (const ctype *restrict o,                                        \
        gint32      *restrict at,                                       \
        const ctype *restrict src,                                      \
        gint32                pos,                                      \
        gint32                n,                                        \
        gint32                s)                                        \
  {                                                                     \
    gint32 i;                                                           \
                                                                        \
    BY_STRIDE (FIRST_AT_STEP);                                          \
  }

FIRST_AT_RUN (first_at_u8, guint8)
FIRST_AT_RUN (first_at_i8, gint8)
#undef FIRST_AT_RUN
#undef FIRST_AT_STEP
#undef BY_STRIDE

#define MAX_POOL_CODES(ctype, lowest, max_run, first_at)                                                \
  for (p = 0; p < planes; p++)                                                                  \
    for (oz = 0; oz < w.out[0]; oz++)                                                           \
      for (oy = 0; oy < w.out[1]; oy++)                                                         \
        {                                                                                       \
          const ctype *in = (const ctype *) x->data + p * in_plane;                             \
          gsize row_at = p * out_plane + (oz * w.out[1] + oy) * w.out[2];                       \
          ctype *o = (ctype *) out->data + row_at;                                              \
          gint64 z0 = oz * w.s[0] - w.pb[0], y0 = oy * w.s[1] - w.pb[1];                        \
          gint64 lz, hz, ly, hy, kz, ky, kx, ox;                                                \
          gsize t;                                                                              \
                                                                                                \
          for (ox = 0; ox < w.out[2]; ox++)                                                     \
            o[ox] = lowest;                                                                     \
          valid_taps (z0, w.k[0], w.d[0], w.n[0], &lz, &hz);                                    \
          valid_taps (y0, w.k[1], w.d[1], w.n[1], &ly, &hy);                                    \
          for (kz = lz; kz < hz; kz++)                                                          \
            for (ky = ly; ky < hy; ky++)                                                        \
              {                                                                                 \
                gint64 row = ((z0 + kz * w.d[0]) * w.n[1] + y0 + ky * w.d[1]) * w.n[2];         \
                                                                                                \
                for (t = 0; t < n_taps; t++)                                                    \
                  max_run (o + taps[t].lo, in + row + taps[t].lo * w.s[2] + taps[t].off,        \
                           taps[t].hi - taps[t].lo, w.s[2]);                                    \
              }                                                                                 \
          if (at == NULL)                                                                       \
            continue;                                                                           \
          if (at32 != NULL)                                                                     \
            {                                                                                   \
              for (ox = 0; ox < w.out[2]; ox++)                                                 \
                at32[ox] = -1;                                                                  \
              for (kz = hz - 1; kz >= lz; kz--)                                                 \
                for (ky = hy - 1; ky >= ly; ky--)                                               \
                  {                                                                             \
                    gint64 row = ((z0 + kz * w.d[0]) * w.n[1] + y0 + ky * w.d[1]) * w.n[2];     \
                                                                                                \
                    for (t = n_taps; t-- > 0;)                                                  \
                      {                                                                         \
                        gint64 first = row + taps[t].lo * w.s[2] + taps[t].off;                 \
                                                                                                \
                        first_at (o + taps[t].lo, at32 + taps[t].lo, in + first, (gint32) first, \
                                  (gint32) (taps[t].hi - taps[t].lo), (gint32) w.s[2]);         \
                      }                                                                         \
                  }                                                                             \
              for (ox = 0; ox < w.out[2]; ox++)                                                 \
                at[ox] = at32[ox];                                                              \
              write_indices (idx, row_at, at, w.out[2], p * in_plane, from_axis);               \
              continue;                                                                         \
            }                                                                                   \
          for (ox = 0; ox < w.out[2]; ox++)                                                     \
            {                                                                                   \
              gint64 x0 = ox * w.s[2] - w.pb[2];                                                \
                                                                                                \
              at[ox] = -1;                                                                      \
              for (kz = lz; kz < hz && at[ox] < 0; kz++)                                        \
                for (ky = ly; ky < hy && at[ox] < 0; ky++)                                      \
                  {                                                                             \
                    gint64 row = ((z0 + kz * w.d[0]) * w.n[1] + y0 + ky * w.d[1]) * w.n[2] + x0; \
                                                                                                \
                    for (kx = x_range[2 * ox]; kx < x_range[2 * ox + 1]; kx++)                  \
                      if (in[row + kx * w.d[2]] == o[ox])                                       \
                        {                                                                       \
                          at[ox] = row + kx * w.d[2];                                           \
                          break;                                                                \
                        }                                                                       \
                  }                                                                             \
            }                                                                                   \
          write_indices (idx, row_at, at, w.out[2], p * in_plane, from_axis);                   \
        }

gboolean
_qs_op_max_pool_codes (QsOpCtx *ctx,
                       GError **error)
{
  QsTensor *x;
  Window w;
  gint64 dims[5], oz, oy;
  g_autoptr(QsTensor) out = NULL;
  g_autoptr(QsTensor) idx = NULL;
  QS_AUTO_SCRATCH Tap *taps = NULL;
  QS_AUTO_SCRATCH gint64 *at = NULL;
  QS_AUTO_SCRATCH gint64 *x_range = NULL;
  QS_AUTO_SCRATCH gint32 *at32 = NULL;
  gsize planes, p, in_plane, out_plane, n_taps, from_axis;
  QsElementType index_type = QS_ELEMENT_I64;
  gint64 axis = 0;
  int r, i;

  if (!_qs_op_need_inputs (ctx, 1, error))
    return FALSE;
  x = ctx->in[0];
  if (!plan_window (ctx, TRUE, &w, error))
    return FALSE;
  r = x->rank;
  if (ctx->n_out > 1 && !check_index_attrs (ctx, r, &index_type, &axis, error))
    return FALSE;
  dims[0] = x->dims[0];
  dims[1] = x->dims[1];
  for (i = 2; i < r; i++)
    dims[i] = w.out[3 - r + i];
  out = qs_tensor_new_uninit (x->type, r, dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  if (ctx->n_out > 1 && _qs_op_output_read (ctx, 1))
    {
      idx = qs_tensor_new_uninit (index_type, r, dims);
      if (idx == NULL)
        return _qs_op_fail_alloc (error, "the index output");
      at = qs_budget_alloc_scratch (w.out[2], sizeof *at);
      x_range = qs_budget_alloc_scratch (2 * w.out[2], sizeof *x_range);
      if (at == NULL || x_range == NULL)
        return _qs_op_fail_alloc (error, "a scratch buffer");
      for (oz = 0; oz < w.out[2]; oz++)
        valid_taps (oz * w.s[2] - w.pb[2], w.k[2], w.d[2], w.n[2], &x_range[2 * oz], &x_range[2 * oz + 1]);
      if ((gsize) w.n[0] * w.n[1] * w.n[2] < G_MAXINT32)
        {
          at32 = qs_budget_alloc_scratch (w.out[2], sizeof *at32);
          if (at32 == NULL)
            return _qs_op_fail_alloc (error, "a scratch buffer");
        }
    }
  n_taps = x_taps (&w, NULL);
  taps = qs_budget_alloc_scratch (MAX (n_taps, 1), sizeof *taps);
  if (taps == NULL)
    return _qs_op_fail_alloc (error, "a scratch buffer");
  x_taps (&w, taps);
  from_axis = MAX (1, _qs_dims_product (x->dims, axis, r));
  planes = x->dims[0] * x->dims[1];
  in_plane = w.n[0] * w.n[1] * w.n[2];
  out_plane = w.out[0] * w.out[1] * w.out[2];
  if (x->type == QS_ELEMENT_U8)
    MAX_POOL_CODES (guint8, 0, max_run_u8, first_at_u8)
  else
    MAX_POOL_CODES (gint8, G_MININT8, max_run_i8, first_at_i8)
  ctx->out[0] = g_steal_pointer (&out);
  if (idx != NULL)
    ctx->out[1] = g_steal_pointer (&idx);
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
