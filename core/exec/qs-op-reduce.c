/* qs-op-reduce.c — reductions, Softmax and MVN
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Reductions accumulate in double, so that ReduceMean over a large map
 * does not depend on the order of summation.
 */
#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "qs-op-private.h"
#include "qs-rows-private.h"

typedef enum { RED_SUM, RED_MEAN, RED_MAX, RED_MIN, RED_PROD, RED_L1, RED_L2 } RedOp;

/* Marks reduced axes; returns the output shape with or without kept dims. */
static gboolean
reduced_axes (QsTensor  *x,
              QsTensor  *axes_t,
              gboolean  *reduce,
              GError   **error)
{
  g_autofree gint64 *axes = NULL;
  gsize n, i;

  memset (reduce, 0, sizeof (gboolean) * QS_TENSOR_MAX_RANK);
  axes = _qs_op_int_values (axes_t, &n);
  if (axes == NULL)
    return _qs_op_fail_alloc (error, "the axes");
  for (i = 0; i < n; i++)
    {
      int a;
      if (!_qs_op_axis (axes[i], x->rank, &a, error))
        return FALSE;
      reduce[a] = TRUE;
    }
  return TRUE;
}

/* Output index (in the keep_dims shape) of every input element, walked in order. */
static void
group_index (const QsTensor *x,
             const gboolean *reduce,
             gsize          *map)
{
  gint64 idx[QS_TENSOR_MAX_RANK] = { 0 }, ost[QS_TENSOR_MAX_RANK];
  gint64 s = 1;
  gsize i, off = 0;
  int d;

  for (d = x->rank - 1; d >= 0; d--)
    {
      ost[d] = reduce[d] ? 0 : s;
      s *= reduce[d] ? 1 : x->dims[d];
    }
  for (i = 0; i < x->n_elements; i++)
    {
      map[i] = off;
      for (d = x->rank - 1; d >= 0; d--)
        {
          idx[d]++;
          off += ost[d];
          if (idx[d] < x->dims[d])
            break;
          off -= ost[d] * x->dims[d];
          idx[d] = 0;
        }
    }
}

/* Whether the reduced axes of more than one element are one block of
 * neighbours (axes of one element, reduced or kept, do not move an index):
 * then every output gathers x[o, j, i] over j of one (outer, n, inner)
 * view, and its elements come in j order, as they do walking x whole. */
static gboolean
reduced_block (const QsTensor *x,
               const gboolean *reduce,
               gsize          *outer,
               gsize          *n,
               gsize          *inner)
{
  int d, first = -1, last = -1;

  for (d = 0; d < x->rank; d++)
    if (reduce[d] && x->dims[d] > 1)
      {
        if (first < 0)
          first = d;
        last = d;
      }
  if (first < 0)
    {
      *outer = x->n_elements;
      *n = *inner = 1;
      return TRUE;
    }
  for (d = first; d <= last; d++)
    if (!reduce[d] && x->dims[d] > 1)
      return FALSE;
  *outer = _qs_dims_product (x->dims, 0, first);
  *n = _qs_dims_product (x->dims, first, last + 1);
  *inner = _qs_dims_product (x->dims, last + 1, x->rank);
  return TRUE;
}

/* reduce_op's accumulation over an (outer, n, inner) view of f32 values,
 * each output's elements in j order: the same double operations in the
 * same order as the element walk, one row of inner outputs at a time. */
static void
reduce_block_f32 (const float *x,
                  gsize        outer,
                  gsize        n,
                  gsize        inner,
                  RedOp        op,
                  double      *acc)
{
  gsize o, j, c;

#define REDUCE_BLOCK(STEP)                                      \
  for (o = 0; o < outer; o++)                                   \
    for (j = 0; j < n; j++)                                     \
      {                                                         \
        const float *row = x + (o * n + j) * inner;             \
        double *a = acc + o * inner;                            \
                                                                \
        for (c = 0; c < inner; c++)                             \
          {                                                     \
            double v = row[c];                                  \
                                                                \
            STEP;                                               \
          }                                                     \
      }
  switch (op)
    {
    case RED_SUM: case RED_MEAN: REDUCE_BLOCK (a[c] += v); break;
    case RED_MAX: REDUCE_BLOCK (if (v > a[c]) a[c] = v); break;
    case RED_MIN: REDUCE_BLOCK (if (v < a[c]) a[c] = v); break;
    case RED_PROD: REDUCE_BLOCK (a[c] *= v); break;
    case RED_L1: REDUCE_BLOCK (a[c] += fabs (v)); break;
    case RED_L2: REDUCE_BLOCK (a[c] += v * v); break;
    }
#undef REDUCE_BLOCK
}

static gboolean
reduce_op (QsOpCtx *ctx,
           RedOp    op,
           GError **error)
{
  QsTensor *x;
  gboolean reduce[QS_TENSOR_MAX_RANK], keep = FALSE;
  gint64 kdims[QS_TENSOR_MAX_RANK], odims[QS_TENSOR_MAX_RANK];
  int orank = 0, d;
  gsize n_out = 1, i, outer = 0, n = 0, inner = 0;
  gboolean block;
  QS_AUTO_SCRATCH gsize *map = NULL;
  QS_AUTO_SCRATCH double *acc = NULL;
  QS_AUTO_SCRATCH gsize *cnt = NULL;
  g_autoptr(QsTensor) out = NULL;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  x = ctx->in[0];
  if (!qs_node_get_bool (ctx->node, "keep_dims", FALSE, &keep, error) ||
      !reduced_axes (x, ctx->in[1], reduce, error))
    return FALSE;
  for (d = 0; d < x->rank; d++)
    {
      kdims[d] = reduce[d] ? 1 : x->dims[d];
      n_out *= kdims[d];
      if (keep || !reduce[d])
        odims[orank++] = kdims[d];
    }
  out = qs_tensor_new (x->type, orank, odims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  block = x->type == QS_ELEMENT_F32 && x->n_elements > 0 && reduced_block (x, reduce, &outer, &n, &inner);
  map = block ? NULL : qs_budget_alloc_scratch (MAX (x->n_elements, 1), sizeof (gsize));
  acc = block || map != NULL ? qs_budget_alloc_scratch (n_out, sizeof (double)) : NULL;
  cnt = acc != NULL ? qs_budget_alloc_scratch (n_out, sizeof (gsize)) : NULL;
  if (cnt == NULL)
    return _qs_op_fail_alloc (error, "the reduction's scratch");
  memset (cnt, 0, n_out * sizeof (gsize));
  /* an output that no element reaches (an empty reduced axis) keeps its
   * start: ReduceMax the type's lowest value, ReduceMin its highest (for
   * f32 ∓FLT_MAX, not ∓inf; integers saturate to their limits), ReduceMean
   * 0, as OpenVINO's reference gives them */
  for (i = 0; i < n_out; i++)
    acc[i] = op == RED_MAX ? (x->type == QS_ELEMENT_F32 ? -G_MAXFLOAT : -INFINITY)
           : op == RED_MIN ? (x->type == QS_ELEMENT_F32 ? G_MAXFLOAT : INFINITY)
           : op == RED_PROD ? 1 : 0;
  if (block)
    {
      g_assert (outer * inner == n_out);
      reduce_block_f32 (qs_tensor_f32 (x), outer, n, inner, op, acc);
      for (i = 0; i < n_out; i++)
        cnt[i] = n;
    }
  else
    group_index (x, reduce, map);
  for (i = 0; !block && i < x->n_elements; i++)
    {
      double v = qs_tensor_get_f64 (x, i);
      double *a = &acc[map[i]];
      switch (op)
        {
        case RED_SUM: case RED_MEAN: *a += v; break;
        case RED_MAX: if (v > *a) *a = v; break;
        case RED_MIN: if (v < *a) *a = v; break;
        case RED_PROD: *a *= v; break;
        case RED_L1: *a += fabs (v); break;
        case RED_L2: *a += v * v; break;
        }
      cnt[map[i]]++;
    }
  for (i = 0; i < n_out; i++)
    {
      double v = acc[i];
      if (op == RED_MEAN)
        v = cnt[i] > 0 ? v / cnt[i] : 0;
      else if (op == RED_L2)
        v = x->type == QS_ELEMENT_F32 ? sqrt (v) : nearbyint (sqrt (v));
      /* integers: the mean truncated toward zero (OpenVINO divides the
       * integer sum), qs_tensor_set_f64() truncates; the L2 norm rounded
       * to nearest, as OpenVINO's reference does (7.81 is 8) */
      if (x->type == QS_ELEMENT_F32)
        qs_tensor_f32 (out)[i] = (float) v;
      else
        qs_tensor_set_f64 (out, i, v);
    }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

#define REDUCE(fn, OP) \
  static gboolean fn (QsOpCtx *ctx, GError **error) { return reduce_op (ctx, OP, error); }

REDUCE (op_reduce_sum, RED_SUM)
REDUCE (op_reduce_mean, RED_MEAN)
REDUCE (op_reduce_max, RED_MAX)
REDUCE (op_reduce_min, RED_MIN)
REDUCE (op_reduce_prod, RED_PROD)
REDUCE (op_reduce_l1, RED_L1)
REDUCE (op_reduce_l2, RED_L2)

/* NormalizeL2-1: x / sqrt(Σx² + eps) ("add") or x / sqrt(max(Σx², eps))
 * ("max"), the sum over the axes given; with no axes, each element on its
 * own: 0 stays 0, anything else is 1 (as OpenVINO's reference has it). */
static gboolean
op_normalize_l2 (QsOpCtx *ctx,
                 GError **error)
{
  QsTensor *x;
  gboolean reduce[QS_TENSOR_MAX_RANK], any = FALSE, add;
  const char *mode = qs_node_get_attr (ctx->node, "eps_mode");
  double eps;
  gsize n_out = 1, i;
  int d;
  QS_AUTO_SCRATCH gsize *map = NULL;
  QS_AUTO_SCRATCH double *acc = NULL;
  g_autoptr(QsTensor) out = NULL;
  const float *src;
  float *dst;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  x = ctx->in[0];
  if (x->type != QS_ELEMENT_F32)
    return _qs_op_fail (error, "NormalizeL2 needs float data");
  if (!qs_node_get_double (ctx->node, "eps", 0, &eps, error))
    return FALSE;
  if (mode == NULL || (g_ascii_strcasecmp (mode, "add") != 0 && g_ascii_strcasecmp (mode, "max") != 0))
    return _qs_op_fail (error, "attribute eps_mode=“%s” is neither add nor max", mode != NULL ? mode : "");
  add = g_ascii_strcasecmp (mode, "add") == 0;
  if (!reduced_axes (x, ctx->in[1], reduce, error))
    return FALSE;
  out = qs_tensor_new_like (x, QS_ELEMENT_F32);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  src = x->data;
  dst = out->data;
  for (d = 0; d < x->rank; d++)
    {
      any |= reduce[d];
      n_out *= reduce[d] ? 1 : x->dims[d];
    }
  if (!any)
    {
      for (i = 0; i < x->n_elements; i++)
        dst[i] = src[i] == 0 ? 0.0f : 1.0f;
      ctx->out[0] = g_steal_pointer (&out);
      return TRUE;
    }
  map = qs_budget_alloc_scratch (MAX (x->n_elements, 1), sizeof (gsize));
  acc = map != NULL ? qs_budget_alloc_scratch (MAX (n_out, 1), sizeof (double)) : NULL;
  if (acc == NULL)
    return _qs_op_fail_alloc (error, "the sums of squares");
  memset (acc, 0, MAX (n_out, 1) * sizeof (double));
  group_index (x, reduce, map);
  for (i = 0; i < x->n_elements; i++)
    acc[map[i]] += (double) src[i] * src[i];
  for (i = 0; i < n_out; i++)
    acc[i] = sqrt (add ? acc[i] + eps : MAX (acc[i], eps));
  for (i = 0; i < x->n_elements; i++)
    dst[i] = (float) (src[i] / acc[map[i]]);
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

/* SoftMax over n planes of @inner contiguous values (the axis is not the
 * last one): column c is src[j * inner + c], j < n.  The same float
 * operations per column as the strided loop in softmax() (maximum, then
 * expf and the sum in j order, then the division or the log), so the
 * same bits; only the order in which columns are visited differs. */
static void QS_VECTORISE
softmax_planes (const float *src,
                float       *dst,
                gsize        n,
                gsize        inner,
                gboolean     log_softmax,
                float       *mx,
                float       *sum)
{
  gsize j, c;

  for (c = 0; c < inner; c++)
    {
      mx[c] = -INFINITY;
      sum[c] = 0;
    }
  for (j = 0; j < n; j++)
    {
      const float *s = src + j * inner;

      for (c = 0; c < inner; c++)
        mx[c] = MAX (mx[c], s[c]);
    }
  for (j = 0; j < n; j++)
    {
      const float *s = src + j * inner;
      float *d = dst + j * inner;

      for (c = 0; c < inner; c++)
        d[c] = expf (s[c] - mx[c]);
      for (c = 0; c < inner; c++)
        sum[c] += d[c];
    }
  if (log_softmax)
    {
      /* mx becomes mx + log (sum) only as the two subtractions below */
      for (c = 0; c < inner; c++)
        sum[c] = logf (sum[c]);
      for (j = 0; j < n; j++)
        {
          const float *s = src + j * inner;
          float *d = dst + j * inner;

          for (c = 0; c < inner; c++)
            d[c] = s[c] - mx[c] - sum[c];
        }
      return;
    }
  for (j = 0; j < n; j++)
    {
      float *d = dst + j * inner;

      for (c = 0; c < inner; c++)
        d[c] = d[c] / sum[c];
    }
}

static gboolean
softmax (QsOpCtx  *ctx,
         gboolean  log_softmax,
         GError  **error)
{
  QsTensor *x;
  gint64 axis_attr;
  int axis;
  gsize outer, inner, n, o, in, j;
  g_autoptr(QsTensor) out = NULL;

  if (!_qs_op_need_inputs (ctx, 1, error))
    return FALSE;
  x = ctx->in[0];
  if (x->type != QS_ELEMENT_F32)
    return _qs_op_fail (error, "needs float data");
  if (!qs_node_get_int (ctx->node, "axis", 1, &axis_attr, error))
    return FALSE;
  if (axis_attr < 0 && qs_node_opset (ctx->node) < 8 && !log_softmax)
    return _qs_op_fail (error, "Softmax-1 does not allow a negative axis");
  if (!_qs_op_axis (axis_attr, x->rank, &axis, error))
    return FALSE;
  out = qs_tensor_new_like (x, QS_ELEMENT_F32);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  outer = _qs_dims_product (x->dims, 0, axis);
  n = x->dims[axis];
  inner = _qs_dims_product (x->dims, axis + 1, x->rank);
  if (inner > 1 && n > 0)
    {
      /* The axis is not the last: walk the n planes of inner contiguous
       * values in order, with a maximum and a sum per column.  Each
       * column sees the same operations in the same order as below. */
      QS_AUTO_SCRATCH float *mx = qs_budget_alloc_scratch (inner, sizeof (float));
      QS_AUTO_SCRATCH float *sum = mx != NULL ? qs_budget_alloc_scratch (inner, sizeof (float)) : NULL;

      if (sum == NULL)
        return _qs_op_fail_alloc (error, "the maxima and sums");
      for (o = 0; o < outer; o++)
        {
          const float *src = qs_tensor_f32 (x) + o * n * inner;
          float *dst = qs_tensor_f32 (out) + o * n * inner;

          softmax_planes (src, dst, n, inner, log_softmax, mx, sum);
        }
      ctx->out[0] = g_steal_pointer (&out);
      return TRUE;
    }
  for (o = 0; o < outer; o++)
    for (in = 0; in < inner; in++)
      {
        const float *src = qs_tensor_f32 (x) + o * n * inner + in;
        float *dst = qs_tensor_f32 (out) + o * n * inner + in;
        float mx = -INFINITY, sum = 0;

        for (j = 0; j < n; j++)
          mx = MAX (mx, src[j * inner]);
        for (j = 0; j < n; j++)
          {
            float e = expf (src[j * inner] - mx);
            dst[j * inner] = e;
            sum += e;
          }
        for (j = 0; j < n; j++)
          dst[j * inner] = log_softmax ? src[j * inner] - mx - logf (sum) : dst[j * inner] / sum;
      }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

static gboolean
op_softmax (QsOpCtx *ctx,
            GError **error)
{
  return softmax (ctx, FALSE, error);
}

static gboolean
op_log_softmax (QsOpCtx *ctx,
                GError **error)
{
  return softmax (ctx, TRUE, error);
}

/* --- MVN over trailing axes: row loops in eight double lanes ---
 *
 * When the reduced axes include the last ones, every group is a set of
 * contiguous runs (the product of those trailing dims long).  Sums over a
 * run are kept in eight double lanes (four SSE2 vectors: the core's
 * baseline ISA) and the lanes added at the end, so a group's sum is no
 * longer added in element order: the mean and variance differ from the element-order sums by a
 * few double roundings (relative 1e-15 of the sum), which moves a float
 * output by at most an ulp or so; /qscope/exec/op/mvn-rows holds them to
 * 1e-6 · max (1, |x|) of the element-order computation.  The normalisation
 * itself is per element as before ((float) ((x - mean) / sd) in double),
 * in the row library's loops for each ISA (center, center_scale). */
typedef double MvnV2d __attribute__ ((vector_size (2 * sizeof (double))));

/* Four floats in, as two double pairs */
static inline void
mvn_load4 (const float *p,
           MvnV2d      *lo,
           MvnV2d      *hi)
{
#ifdef __SSE2__
  __m128 f = _mm_loadu_ps (p);

  *lo = (MvnV2d) _mm_cvtps_pd (f);
  *hi = (MvnV2d) _mm_cvtps_pd (_mm_movehl_ps (f, f));
#else
  *lo = (MvnV2d) { p[0], p[1] };
  *hi = (MvnV2d) { p[2], p[3] };
#endif
}

/* Sum of @x[0..n), or with @centre of (x - mean)² */
static double
mvn_run_sum (const float *x,
             gsize        n,
             gboolean     centre,
             double       mean)
{
  MvnV2d a0 = { 0 }, a1 = { 0 }, a2 = { 0 }, a3 = { 0 }, c0, c1, c2, c3, t;
  gsize i = 0;
  double s;

  if (!centre)
    for (; i + 8 <= n; i += 8)
      {
        mvn_load4 (x + i, &c0, &c1);
        mvn_load4 (x + i + 4, &c2, &c3);
        a0 += c0;
        a1 += c1;
        a2 += c2;
        a3 += c3;
      }
  else
    for (; i + 8 <= n; i += 8)
      {
        mvn_load4 (x + i, &c0, &c1);
        mvn_load4 (x + i + 4, &c2, &c3);
        c0 -= mean;
        c1 -= mean;
        c2 -= mean;
        c3 -= mean;
        a0 += c0 * c0;
        a1 += c1 * c1;
        a2 += c2 * c2;
        a3 += c3 * c3;
      }
  t = (a0 + a2) + (a1 + a3);
  s = t[0] + t[1];
  for (; i < n; i++)
    {
      double c = centre ? x[i] - mean : x[i];

      s += centre ? c * c : c;
    }
  return s;
}

static gboolean
mvn_run (QsOpCtx        *ctx,
         const gboolean *reduce,
         gboolean        norm_var,
         double          eps,
         gboolean        inside,
         GError        **error);

static gboolean
op_mvn (QsOpCtx *ctx,
        GError **error)
{
  QsTensor *x;
  gboolean reduce[QS_TENSOR_MAX_RANK], norm_var = TRUE;
  double eps;
  const char *eps_mode = qs_node_get_attr (ctx->node, "eps_mode");

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  x = ctx->in[0];
  if (x->type != QS_ELEMENT_F32)
    return _qs_op_fail (error, "needs float data");
  if (!qs_node_get_bool (ctx->node, "normalize_variance", TRUE, &norm_var, error) ||
      !qs_node_get_double (ctx->node, "eps", 1e-9, &eps, error) ||
      !reduced_axes (x, ctx->in[1], reduce, error))
    return FALSE;
  if (eps_mode != NULL && g_ascii_strcasecmp (eps_mode, "inside_sqrt") != 0 &&
      g_ascii_strcasecmp (eps_mode, "outside_sqrt") != 0)
    return _qs_op_fail (error, "attribute eps_mode=“%s” is neither inside_sqrt nor outside_sqrt", eps_mode);
  return mvn_run (ctx, reduce, norm_var, eps,
                  eps_mode == NULL || g_ascii_strcasecmp (eps_mode, "inside_sqrt") == 0, error);
}

/* MVN-1 (opset2): the axes come from reduction_axes, or from
 * across_channels (from axis 1 on, else from axis 2 on); both flags default
 * to false as in the spec, and eps is added inside the square root. */
static gboolean
op_mvn1 (QsOpCtx *ctx,
         GError **error)
{
  QsTensor *x;
  gboolean reduce[QS_TENSOR_MAX_RANK] = { FALSE, }, norm_var = FALSE, across = FALSE;
  double eps;
  int d;

  if (!_qs_op_need_inputs (ctx, 1, error))
    return FALSE;
  x = ctx->in[0];
  if (x->type != QS_ELEMENT_F32)
    return _qs_op_fail (error, "needs float data");
  if (!qs_node_get_bool (ctx->node, "normalize_variance", FALSE, &norm_var, error) ||
      !qs_node_get_bool (ctx->node, "across_channels", FALSE, &across, error) ||
      !qs_node_get_double (ctx->node, "eps", 1e-9, &eps, error))
    return FALSE;
  if (qs_node_get_attr (ctx->node, "reduction_axes") != NULL)
    {
      g_autoptr(GArray) axes = qs_node_get_int_list (ctx->node, "reduction_axes", error);
      guint i;

      if (axes == NULL)
        return FALSE;
      for (i = 0; i < axes->len; i++)
        {
          int a;

          if (!_qs_op_axis (g_array_index (axes, gint64, i), x->rank, &a, error))
            return FALSE;
          reduce[a] = TRUE;
        }
    }
  else
    for (d = across ? 1 : 2; d < x->rank; d++)
      reduce[d] = TRUE;
  return mvn_run (ctx, reduce, norm_var, eps, TRUE, error);
}

static gboolean
mvn_run (QsOpCtx        *ctx,
         const gboolean *reduce,
         gboolean        norm_var,
         double          eps,
         gboolean        inside,
         GError        **error)
{
  QsTensor *x = ctx->in[0];
  gsize n_groups = 1, i, len = 1, n_runs;
  QS_AUTO_SCRATCH gsize *map = NULL;
  QS_AUTO_SCRATCH double *mean = NULL;
  QS_AUTO_SCRATCH double *var = NULL;
  QS_AUTO_SCRATCH gsize *cnt = NULL;
  g_autoptr(QsTensor) out = NULL;
  int d, t;

  for (d = 0; d < x->rank; d++)
    if (!reduce[d])
      n_groups *= x->dims[d];
  out = qs_tensor_new_like (x, QS_ELEMENT_F32);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  /* trailing reduced axes: runs of len elements, one group each */
  for (t = x->rank; t > 0 && reduce[t - 1]; t--)
    len *= x->dims[t - 1];
  if (len < 16 || x->n_elements == 0)
    len = 1;
  n_runs = x->n_elements / len;
  map = qs_budget_alloc_scratch (MAX (n_runs, 1), sizeof (gsize));
  mean = map != NULL ? qs_budget_alloc_scratch (n_groups, sizeof (double)) : NULL;
  var = mean != NULL ? qs_budget_alloc_scratch (n_groups, sizeof (double)) : NULL;
  cnt = var != NULL ? qs_budget_alloc_scratch (n_groups, sizeof (gsize)) : NULL;
  if (cnt == NULL)
    return _qs_op_fail_alloc (error, "the normalisation's scratch");
  memset (mean, 0, n_groups * sizeof (double));
  memset (var, 0, n_groups * sizeof (double));
  memset (cnt, 0, n_groups * sizeof (gsize));
  if (len > 1)
    {
      const float *xp = qs_tensor_f32 (x);
      float *op = qs_tensor_f32 (out);
      const QsRows *rows = _qs_rows ();
      QsTensor runs = { .rank = t, .n_elements = n_runs };

      /* the group of each run: group_index over the leading dims */
      memcpy (runs.dims, x->dims, sizeof (x->dims[0]) * t);
      group_index (&runs, reduce, map);
      for (i = 0; i < n_runs; i++)
        {
          mean[map[i]] += mvn_run_sum (xp + i * len, len, FALSE, 0);
          cnt[map[i]] += len;
        }
      for (i = 0; i < n_groups; i++)
        mean[i] /= MAX (cnt[i], 1);
      for (i = 0; i < n_runs; i++)
        var[map[i]] += mvn_run_sum (xp + i * len, len, TRUE, mean[map[i]]);
      for (i = 0; i < n_groups; i++)
        {
          double v = var[i] / MAX (cnt[i], 1);
          var[i] = inside ? sqrt (v + eps) : sqrt (v) + eps;
        }
      for (i = 0; i < n_runs; i++)
        {
          /* x - mean, then / sd, each in double: the row library's loops (per ISA) */
          if (norm_var)
            rows->center_scale (xp + i * len, len, mean[map[i]], var[map[i]], op + i * len);
          else
            rows->center (xp + i * len, len, mean[map[i]], op + i * len);
        }
      ctx->out[0] = g_steal_pointer (&out);
      return TRUE;
    }
  group_index (x, reduce, map);
  for (i = 0; i < x->n_elements; i++)
    {
      mean[map[i]] += qs_tensor_f32 (x)[i];
      cnt[map[i]]++;
    }
  for (i = 0; i < n_groups; i++)
    mean[i] /= MAX (cnt[i], 1);
  for (i = 0; i < x->n_elements; i++)
    {
      double c = qs_tensor_f32 (x)[i] - mean[map[i]];
      var[map[i]] += c * c;
    }
  for (i = 0; i < n_groups; i++)
    {
      double v = var[i] / MAX (cnt[i], 1);
      var[i] = inside ? sqrt (v + eps) : sqrt (v) + eps;
    }
  for (i = 0; i < x->n_elements; i++)
    {
      double c = qs_tensor_f32 (x)[i] - mean[map[i]];
      qs_tensor_f32 (out)[i] = (float) (norm_var ? c / var[map[i]] : c);
    }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

const QsOpEntry _qs_op_reduce_table[] = {
  { "ReduceSum", 1, G_MAXINT, op_reduce_sum },
  { "ReduceMean", 1, G_MAXINT, op_reduce_mean },
  { "NormalizeL2", 1, G_MAXINT, op_normalize_l2 },
  { "ReduceMax", 1, G_MAXINT, op_reduce_max },
  { "ReduceMin", 1, G_MAXINT, op_reduce_min },
  { "ReduceProd", 1, G_MAXINT, op_reduce_prod },
  { "ReduceL1", 4, G_MAXINT, op_reduce_l1 },
  { "ReduceL2", 4, G_MAXINT, op_reduce_l2 },
  { "SoftMax", 1, G_MAXINT, op_softmax },
  { "Softmax", 1, G_MAXINT, op_softmax },
  { "LogSoftmax", 5, G_MAXINT, op_log_softmax },
  { "MVN", 2, 5, op_mvn1 },
  { "MVN", 6, G_MAXINT, op_mvn },
  { NULL, 0, 0, NULL }
};
