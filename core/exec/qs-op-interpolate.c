/* qs-op-interpolate.c — Interpolate-1, -4 and -11
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Resampling is separable: each resized axis is resampled in turn with a
 * short list of (input index, weight) taps per output position.  Nearest,
 * linear_onnx and cubic give the product-of-weights results of ops.md §13
 * that way; "linear" without antialias is the same triangle filter as
 * linear_onnx.  Interpolate-1 maps onto v4: linear with align_corners, or
 * half_pixel; nearest as asymmetric + simple.
 *
 * bilinear_pillow and bicubic_pillow (v11) follow Pillow's resampling:
 * exactly two axes, the second (width) first, each pass a normalised
 * filter whose support widens with the downscale factor, summed in double
 * and stored in the data type (rounded half away from zero and clipped
 * for integers) before the next pass.
 *
 * u8, i8 and i32 data run in float; the other modes then truncate toward
 * zero into the data type as OpenVINO's reference does (saturating where
 * it leaves the value undefined), nearest copies exactly.
 */
#include "config.h"

#include <string.h>

#include "qs-op-private.h"

typedef enum { M_NEAREST, M_LINEAR, M_CUBIC, M_BILINEAR_PILLOW, M_BICUBIC_PILLOW } Mode;
typedef enum { C_HALF_PIXEL, C_PYTORCH_HALF_PIXEL, C_ASYMMETRIC, C_TF_HALF_PIXEL_NN, C_ALIGN_CORNERS } Coord;
typedef enum { N_ROUND_FLOOR, N_ROUND_CEIL, N_FLOOR, N_CEIL, N_SIMPLE } Nearest;

typedef struct
{
  Mode    mode;
  Coord   coord;
  Nearest nearest;
  float   cube_coeff;
} Params;

static float
source_coord (Coord  c,
              gint64 x,
              float  scale,
              gint64 out_len,
              gint64 in_len)
{
  switch (c)
    {
    case C_HALF_PIXEL: return (x + 0.5f) / scale - 0.5f;
    case C_PYTORCH_HALF_PIXEL: return out_len > 1 ? (x + 0.5f) / scale - 0.5f : 0.0f;
    case C_ASYMMETRIC: return x / scale;
    case C_TF_HALF_PIXEL_NN: return (x + 0.5f) / scale;
    case C_ALIGN_CORNERS: return out_len == 1 ? 0.0f : x * (float) (in_len - 1) / (float) (out_len - 1);
    default: return 0;
    }
}

static gint64
nearest_index (Nearest n,
               float   c,
               float   scale)
{
  switch (n)
    {
    case N_ROUND_FLOOR: return c == floorf (c) + 0.5f ? (gint64) floorf (c) : (gint64) roundf (c);
    case N_ROUND_CEIL: return (gint64) roundf (c);   /* .5 rounds up for c >= 0; away from zero below */
    case N_FLOOR: return (gint64) floorf (c);
    case N_CEIL: return (gint64) ceilf (c);
    case N_SIMPLE: return scale < 1.0f ? (gint64) ceilf (c) : (gint64) c;
    default: return 0;
    }
}

/* The nearest mode on u8 or i8 codes (the int8 run's): each output row
 * is a copy of the input row the float path would pick, so the codes are
 * those of the codes converted to f32, resampled and converted back,
 * without the three passes.  Rows of one element (the last axis) are
 * gathered. */
static QsTensor *
resample_axis_nearest_bytes (const QsTensor *x,
                             int             axis,
                             gint64          out_len,
                             float           scale,
                             const Params   *p)
{
  gint64 dims[QS_TENSOR_MAX_RANK];
  gint64 in_len = x->dims[axis];
  gsize outer = _qs_dims_product (x->dims, 0, axis), inner = _qs_dims_product (x->dims, axis + 1, x->rank);
  g_autoptr(QsTensor) out = NULL;
  gint64 *tap = NULL;
  gint64 o;
  gsize a;

  memcpy (dims, x->dims, sizeof (gint64) * x->rank);
  dims[axis] = out_len;
  out = qs_tensor_new_uninit (x->type, x->rank, dims);
  if (out == NULL)
    return NULL;
  if (out->n_elements == 0)
    return g_steal_pointer (&out);
  tap = qs_budget_alloc_scratch (out_len, sizeof (gint64));
  if (tap == NULL)
    return NULL;
  for (o = 0; o < out_len; o++)
    {
      float c = source_coord (p->coord, o, scale, out_len, in_len);

      c = isnan (c) ? 0.0f : CLAMP (c, -1.0e15f, 1.0e15f);
      tap[o] = CLAMP (nearest_index (p->nearest, c, scale), 0, in_len - 1);
    }
  for (a = 0; a < outer; a++)
    {
      const guint8 *src = (const guint8 *) x->data + a * in_len * inner;
      guint8 *dst = (guint8 *) out->data + a * out_len * inner;

      if (inner == 1)
        for (o = 0; o < out_len; o++)
          dst[o] = src[tap[o]];
      else
        for (o = 0; o < out_len; o++)
          memcpy (dst + o * inner, src + tap[o] * inner, inner);
    }
  qs_budget_free_scratch (tap);
  return g_steal_pointer (&out);
}

/* Resamples @x along @axis to @out_len. */
static QsTensor *
resample_axis (const QsTensor *x,
               int             axis,
               gint64          out_len,
               float           scale,
               const Params   *p)
{
  gint64 dims[QS_TENSOR_MAX_RANK];
  gint64 in_len = x->dims[axis];
  gsize outer = _qs_dims_product (x->dims, 0, axis), inner = _qs_dims_product (x->dims, axis + 1, x->rank);
  g_autoptr(QsTensor) out = NULL;
  int n_taps = p->mode == M_NEAREST ? 1 : p->mode == M_LINEAR ? 2 : 4;
  gint64 *tap_i = NULL;
  float *tap_w = NULL;
  gint64 o, t;
  gsize a, b;

  memcpy (dims, x->dims, sizeof (gint64) * x->rank);
  dims[axis] = out_len;
  out = qs_tensor_new_f32 (x->rank, dims);
  if (out == NULL)
    return NULL;
  if (out->n_elements == 0)
    return g_steal_pointer (&out);
  /* the taps are as many as the output's axis, which the budget allowed */
  tap_i = qs_budget_alloc_scratch (out_len, n_taps * sizeof (gint64));
  tap_w = tap_i != NULL ? qs_budget_alloc_scratch (out_len, n_taps * sizeof (float)) : NULL;
  if (tap_w == NULL)
    {
      qs_budget_free_scratch (tap_i);
      return NULL;
    }

  for (o = 0; o < out_len; o++)
    {
      float c = source_coord (p->coord, o, scale, out_len, in_len);
      gint64 *ti = tap_i + o * n_taps;
      float *tw = tap_w + o * n_taps;

      /* float -> integer conversions below must stay defined */
      c = isnan (c) ? 0.0f : CLAMP (c, -1.0e15f, 1.0e15f);

      if (p->mode == M_NEAREST)
        {
          ti[0] = CLAMP (nearest_index (p->nearest, c, scale), 0, in_len - 1);
          tw[0] = 1;
        }
      else if (p->mode == M_LINEAR)
        {
          float cc = CLAMP (c, 0.0f, (float) (in_len - 1));
          gint64 i0 = (gint64) cc, i1 = MIN (i0 + 1, in_len - 1);

          ti[0] = i0;
          ti[1] = i1;
          if (i0 == i1)
            tw[0] = tw[1] = 0.5f;
          else
            {
              tw[0] = fabsf (cc - (float) i1);
              tw[1] = fabsf (cc - (float) i0);
            }
        }
      else
        {
          float a_ = p->cube_coeff;
          gint64 i = (gint64) floorf (c);
          float s = c - (float) i;

          tw[0] = a_ * s * (s - 1) * (s - 1);
          tw[1] = ((a_ + 2) * s - (a_ + 3)) * s * s + 1;
          tw[2] = ((-a_ - 2) * s + (2 * a_ + 3)) * s * s - a_ * s;
          tw[3] = -a_ * s * s * (s - 1);
          for (t = 0; t < 4; t++)
            ti[t] = CLAMP (i - 1 + t, 0, in_len - 1);
        }
    }

  for (a = 0; a < outer; a++)
    for (o = 0; o < out_len; o++)
      {
        float *dst = qs_tensor_f32 (out) + (a * out_len + o) * inner;
        for (t = 0; t < n_taps; t++)
          {
            const float *src = qs_tensor_f32 (x) + (a * in_len + tap_i[o * n_taps + t]) * inner;
            float w = tap_w[o * n_taps + t];
            for (b = 0; b < inner; b++)
              dst[b] += w * src[b];
          }
      }
  qs_budget_free_scratch (tap_i);
  qs_budget_free_scratch (tap_w);
  return g_steal_pointer (&out);
}

static double
pillow_filter (Mode   mode,
               double x,
               double a)
{
  x = fabs (x);
  if (mode == M_BILINEAR_PILLOW)
    return x < 1.0 ? 1.0 - x : 0.0;
  if (x < 1.0)
    return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
  if (x < 2.0)
    return (((x - 5) * x + 8) * x - 4) * a;
  return 0.0;
}

/* One Pillow pass over @axis: each output position takes a normalised
 * window of the input.  For integer data (@lo < @hi) each result is
 * rounded half away from zero and clipped to [lo, hi]. */
static QsTensor *
resample_axis_pillow (const QsTensor *x,
                      int             axis,
                      gint64          out_len,
                      const Params   *p,
                      double          lo,
                      double          hi)
{
  gint64 dims[QS_TENSOR_MAX_RANK];
  gint64 in_len = x->dims[axis];
  gsize outer = _qs_dims_product (x->dims, 0, axis), inner = _qs_dims_product (x->dims, axis + 1, x->rank);
  g_autoptr(QsTensor) out = NULL;
  double scale = (double) in_len / out_len, filterscale = MAX (scale, 1.0);
  double support = (p->mode == M_BILINEAR_PILLOW ? 1.0 : 2.0) * filterscale;
  gint64 ksize, o, t;
  QS_AUTO_SCRATCH double *w = NULL;
  QS_AUTO_SCRATCH gint64 *bounds = NULL;
  QS_AUTO_SCRATCH double *acc = NULL;
  gsize a, b;

  memcpy (dims, x->dims, sizeof (gint64) * x->rank);
  dims[axis] = out_len;
  out = qs_tensor_new_uninit (QS_ELEMENT_F32, x->rank, dims);
  if (out == NULL)
    return NULL;
  if (out->n_elements == 0)
    return g_steal_pointer (&out);
  ksize = (gint64) ceil (support) * 2 + 1;
  ksize = MIN (ksize, in_len + 1);
  w = qs_budget_alloc_scratch (out_len * ksize, sizeof (double));
  bounds = qs_budget_alloc_scratch (out_len * 2, sizeof (gint64));
  acc = qs_budget_alloc_scratch (MAX (inner, 1), sizeof (double));
  if (w == NULL || bounds == NULL || acc == NULL)
    return NULL;

  for (o = 0; o < out_len; o++)
    {
      double center = (o + 0.5) * scale, ww = 0.0;
      gint64 lo_i = (gint64) (center - support + 0.5), hi_i = (gint64) (center + support + 0.5);
      double *k = w + o * ksize;

      lo_i = MAX (lo_i, 0);
      hi_i = MIN (hi_i, in_len);
      hi_i = MIN (hi_i - lo_i, ksize);
      for (t = 0; t < hi_i; t++)
        {
          k[t] = pillow_filter (p->mode, (t + lo_i - center + 0.5) / filterscale, p->cube_coeff);
          ww += k[t];
        }
      for (t = 0; t < hi_i && ww != 0.0; t++)
        k[t] /= ww;
      bounds[o * 2] = lo_i;
      bounds[o * 2 + 1] = MAX (hi_i, 0);
    }

  for (a = 0; a < outer; a++)
    for (o = 0; o < out_len; o++)
      {
        float *dst = qs_tensor_f32 (out) + (a * out_len + o) * inner;
        const double *k = w + o * ksize;

        memset (acc, 0, inner * sizeof (double));
        for (t = 0; t < bounds[o * 2 + 1]; t++)
          {
            const float *src = qs_tensor_f32 (x) + (a * in_len + bounds[o * 2] + t) * inner;
            for (b = 0; b < inner; b++)
              acc[b] += src[b] * k[t];
          }
        for (b = 0; b < inner; b++)
          {
            double v = acc[b];

            if (lo < hi)
              v = CLAMP (v >= 0.0 ? floor (v + 0.5) : ceil (v - 0.5), lo, hi);
            dst[b] = (float) v;
          }
      }
  return g_steal_pointer (&out);
}

static gboolean
run_interpolate (QsOpCtx      *ctx,
                 const Params *p,
                 const int    *axes,
                 int           n_axes,
                 const gint64 *sizes,
                 const float  *scales,
                 GError      **error)
{
  g_autoptr(QsTensor) cur = NULL;
  g_autoptr(GArray) pb = qs_node_get_int_list (ctx->node, "pads_begin", NULL);
  g_autoptr(GArray) pe = qs_node_get_int_list (ctx->node, "pads_end", NULL);
  QsElementType type = ctx->in[0]->type;
  gboolean pillow = p->mode == M_BILINEAR_PILLOW || p->mode == M_BICUBIC_PILLOW;
  /* nearest on 8-bit codes copies them; i32 keeps the f32 round trip */
  gboolean bytes = p->mode == M_NEAREST && (type == QS_ELEMENT_U8 || type == QS_ELEMENT_I8);
  double lo = 0, hi = 0;
  int order[2] = { 1, 0 };   /* Pillow: the width axis first */
  int i, k;
  guint j;

  switch (type)
    {
    case QS_ELEMENT_F32:
      break;
    case QS_ELEMENT_U8:
      lo = 0, hi = 255;
      break;
    case QS_ELEMENT_I8:
      lo = -128, hi = 127;
      break;
    case QS_ELEMENT_I32:
      lo = G_MININT32, hi = G_MAXINT32;
      break;
    default:
      return _qs_op_fail (error, "needs f32, u8, i8 or i32 data (has %s)", qs_element_type_name (type));
    }
  for (j = 0; pb != NULL && j < pb->len; j++)
    if (g_array_index (pb, gint64, j) != 0)
      return _qs_op_fail (error, "non-zero pads are not supported");
  for (j = 0; pe != NULL && j < pe->len; j++)
    if (g_array_index (pe, gint64, j) != 0)
      return _qs_op_fail (error, "non-zero pads are not supported");
  if (pillow && n_axes != 2)
    return _qs_op_fail (error, "mode %s resamples exactly two axes (has %d)",
                        p->mode == M_BILINEAR_PILLOW ? "bilinear_pillow" : "bicubic_pillow", n_axes);

  if (type == QS_ELEMENT_F32 || bytes)
    cur = qs_tensor_ref (ctx->in[0]);
  else
    {
      cur = qs_tensor_convert (ctx->in[0], QS_ELEMENT_F32);
      if (cur == NULL)
        return _qs_op_fail_alloc (error, "the float copy of the data");
    }
  for (k = 0; k < n_axes; k++)
    {
      QsTensor *next;

      i = pillow ? order[k] : k;
      if (sizes[i] < 1)
        return _qs_op_fail (error, "output size %" G_GINT64_FORMAT " on axis %d", sizes[i], axes[i]);
      if (sizes[i] == cur->dims[axes[i]] && (pillow || scales[i] == 1.0f))
        continue;
      if (cur->dims[axes[i]] == 0)
        return _qs_op_fail (error, "cannot resample the empty axis %d to %" G_GINT64_FORMAT, axes[i], sizes[i]);
      if (bytes)
        next = resample_axis_nearest_bytes (cur, axes[i], sizes[i], scales[i], p);
      else if (pillow)
        next = resample_axis_pillow (cur, axes[i], sizes[i], p, lo, hi);
      else
        next = resample_axis (cur, axes[i], sizes[i], scales[i], p);
      if (next == NULL)
        return _qs_op_fail_alloc (error, "the output");
      qs_tensor_unref (cur);
      cur = next;
    }
  if (type != QS_ELEMENT_F32 && !bytes)
    {
      QsTensor *conv = qs_tensor_convert (cur, type);

      if (conv == NULL)
        return _qs_op_fail_alloc (error, "the output");
      qs_tensor_unref (cur);
      cur = conv;
    }
  ctx->out[0] = g_steal_pointer (&cur);
  return TRUE;
}

static gboolean
parse_params (QsOpCtx *ctx,
              Params  *p,
              GError **error)
{
  const char *mode = qs_node_get_attr (ctx->node, "mode");
  const char *coord = qs_node_get_attr (ctx->node, "coordinate_transformation_mode");
  const char *nearest = qs_node_get_attr (ctx->node, "nearest_mode");
  double cc;

  if (g_strcmp0 (mode, "nearest") == 0)
    p->mode = M_NEAREST;
  else if (g_strcmp0 (mode, "linear_onnx") == 0)
    p->mode = M_LINEAR;
  else if (g_strcmp0 (mode, "bilinear_pillow") == 0 && qs_node_opset (ctx->node) >= 11)
    p->mode = M_BILINEAR_PILLOW;
  else if (g_strcmp0 (mode, "bicubic_pillow") == 0 && qs_node_opset (ctx->node) >= 11)
    p->mode = M_BICUBIC_PILLOW;
  else if (g_strcmp0 (mode, "linear") == 0)
    {
      gboolean aa = FALSE;
      qs_node_get_bool (ctx->node, "antialias", FALSE, &aa, NULL);
      if (aa)
        return _qs_op_fail (error, "linear mode with antialias is not supported");
      p->mode = M_LINEAR;
    }
  else if (g_strcmp0 (mode, "cubic") == 0)
    p->mode = M_CUBIC;
  else
    return _qs_op_fail (error, "mode “%s” is not one of Interpolate-%d's", mode ? mode : "(none)",
                        qs_node_opset (ctx->node) >= 11 ? 11 : 4);

  if (coord == NULL || strcmp (coord, "half_pixel") == 0)
    p->coord = C_HALF_PIXEL;
  else if (strcmp (coord, "pytorch_half_pixel") == 0)
    p->coord = C_PYTORCH_HALF_PIXEL;
  else if (strcmp (coord, "asymmetric") == 0)
    p->coord = C_ASYMMETRIC;
  else if (strcmp (coord, "tf_half_pixel_for_nn") == 0)
    p->coord = C_TF_HALF_PIXEL_NN;
  else if (strcmp (coord, "align_corners") == 0)
    p->coord = C_ALIGN_CORNERS;
  else
    return _qs_op_fail (error, "coordinate_transformation_mode “%s” is unknown", coord);

  if (nearest == NULL || strcmp (nearest, "round_prefer_floor") == 0)
    p->nearest = N_ROUND_FLOOR;
  else if (strcmp (nearest, "round_prefer_ceil") == 0)
    p->nearest = N_ROUND_CEIL;
  else if (strcmp (nearest, "floor") == 0)
    p->nearest = N_FLOOR;
  else if (strcmp (nearest, "ceil") == 0)
    p->nearest = N_CEIL;
  else if (strcmp (nearest, "simple") == 0)
    p->nearest = N_SIMPLE;
  else
    return _qs_op_fail (error, "nearest_mode “%s” is unknown", nearest);

  if (!qs_node_get_double (ctx->node, "cube_coeff", -0.75, &cc, error))
    return FALSE;
  p->cube_coeff = (float) cc;
  return TRUE;
}

/* v4 and v11 */
static gboolean
op_interpolate (QsOpCtx *ctx,
                GError **error)
{
  QsTensor *x;
  Params p;
  int v11 = qs_node_opset (ctx->node) >= 11;
  const char *calc = qs_node_get_attr (ctx->node, "shape_calculation_mode");
  gboolean by_scales;
  QsTensor *sizes_t = NULL, *scales_t = NULL, *axes_t = NULL;
  int axes[QS_TENSOR_MAX_RANK], n_axes, i;
  gint64 sizes[QS_TENSOR_MAX_RANK];
  float scales[QS_TENSOR_MAX_RANK];

  if (!_qs_op_need_inputs (ctx, 2, error) || !parse_params (ctx, &p, error))
    return FALSE;
  x = ctx->in[0];
  by_scales = g_strcmp0 (calc, "scales") == 0;
  if (v11)
    {
      if (by_scales)
        scales_t = ctx->in[1];
      else
        sizes_t = ctx->in[1];
      axes_t = ctx->n_in > 2 ? ctx->in[2] : NULL;
    }
  else
    {
      if (!_qs_op_need_inputs (ctx, 3, error))
        return FALSE;
      sizes_t = ctx->in[1];
      scales_t = ctx->in[2];
      axes_t = ctx->n_in > 3 ? ctx->in[3] : NULL;
    }
  if (axes_t != NULL)
    {
      gsize n;
      g_autofree gint64 *a = NULL;

      if (axes_t->n_elements > QS_TENSOR_MAX_RANK)
        return _qs_op_fail (error, "%" G_GSIZE_FORMAT " axes is too many", axes_t->n_elements);
      a = _qs_op_int_values (axes_t, &n);
      if (a == NULL)
        return _qs_op_fail_alloc (error, "the axes");
      n_axes = n;
      for (i = 0; i < n_axes; i++)
        if (!_qs_op_axis (a[i], x->rank, &axes[i], error))
          return FALSE;
    }
  else
    {
      n_axes = x->rank;
      for (i = 0; i < n_axes; i++)
        axes[i] = i;
    }
  for (i = 0; i < n_axes; i++)
    {
      gint64 in_len = x->dims[axes[i]];

      if (by_scales)
        {
          if (scales_t == NULL || (int) scales_t->n_elements < n_axes)
            return _qs_op_fail (error, "scales has fewer entries than axes");
          scales[i] = (float) qs_tensor_get_f64 (scales_t, i);
          /* a small epsilon absorbs float error before flooring, as OpenVINO does */
          {
            double size = floor ((double) scales[i] * in_len + 1e-5);

            if (!isfinite (size) || size > 4.0e18 || size < -4.0e18)
              return _qs_op_fail (error, "scale %g on axis %d gives no usable size", scales[i], axes[i]);
            sizes[i] = (gint64) size;
          }
        }
      else
        {
          if (sizes_t == NULL || (int) sizes_t->n_elements < n_axes)
            return _qs_op_fail (error, "sizes has fewer entries than axes");
          sizes[i] = qs_tensor_get_i64 (sizes_t, i);
          scales[i] = (float) sizes[i] / (float) in_len;
        }
    }
  return run_interpolate (ctx, &p, axes, n_axes, sizes, scales, error);
}

/* v1 (opset1): attrs axes, mode, align_corners; input 1 = output sizes of those axes */
static gboolean
op_interpolate1 (QsOpCtx *ctx,
                 GError **error)
{
  QsTensor *x;
  Params p = { M_NEAREST, C_ASYMMETRIC, N_SIMPLE, -0.75f };
  const char *mode = qs_node_get_attr (ctx->node, "mode");
  gboolean align = FALSE;
  g_autoptr(GArray) axes_l = NULL;
  int axes[QS_TENSOR_MAX_RANK], n_axes, i;
  gint64 sizes[QS_TENSOR_MAX_RANK];
  float scales[QS_TENSOR_MAX_RANK];

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  x = ctx->in[0];
  if (!qs_node_get_bool (ctx->node, "align_corners", FALSE, &align, error))
    return FALSE;
  axes_l = qs_node_get_int_list (ctx->node, "axes", error);
  if (axes_l == NULL)
    return FALSE;
  if (g_strcmp0 (mode, "nearest") == 0)
    p.mode = M_NEAREST;
  else if (g_strcmp0 (mode, "linear") == 0)
    {
      p.mode = M_LINEAR;
      p.coord = align ? C_ALIGN_CORNERS : C_HALF_PIXEL;
    }
  else if (g_strcmp0 (mode, "cubic") == 0)
    {
      p.mode = M_CUBIC;
      p.coord = align ? C_ALIGN_CORNERS : C_HALF_PIXEL;
    }
  else
    return _qs_op_fail (error, "mode “%s” is not supported", mode ? mode : "(none)");
  n_axes = axes_l->len;
  if ((int) ctx->in[1]->n_elements != n_axes || n_axes > QS_TENSOR_MAX_RANK)
    return _qs_op_fail (error, "the target shape does not match the axes");
  for (i = 0; i < n_axes; i++)
    {
      if (!_qs_op_axis (g_array_index (axes_l, gint64, i), x->rank, &axes[i], error))
        return FALSE;
      sizes[i] = qs_tensor_get_i64 (ctx->in[1], i);
      scales[i] = (float) sizes[i] / (float) x->dims[axes[i]];
    }
  return run_interpolate (ctx, &p, axes, n_axes, sizes, scales, error);
}

const QsOpEntry _qs_op_interpolate_table[] = {
  { "Interpolate", 1, 3, op_interpolate1 },
  { "Interpolate", 4, G_MAXINT, op_interpolate },
  { NULL, 0, 0, NULL }
};
