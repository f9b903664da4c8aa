/* qs-op-detection.c — PriorBox, PriorBoxClustered and DetectionOutput (SSD heads)
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Follows ops.md §17 (Caffe semantics).  DetectionOutput rows come out per
 * image, labels ascending, scores descending within a label, and a row with
 * image id -1 closes the list.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "qs-op-private.h"

static gboolean
float_list (QsOpCtx    *ctx,
            const char *key,
            GArray    **out,
            GError    **error)
{
  if (qs_node_get_attr (ctx->node, key) == NULL)
    {
      *out = g_array_new (FALSE, FALSE, sizeof (double));
      return TRUE;
    }
  *out = qs_node_get_float_list (ctx->node, key, error);
  return *out != NULL;
}

/* A prior box's variance attribute holds 0, 1 or 4 values (the specification's
 * forms); any other count would be read past its end. */
static gboolean
variance_list (QsOpCtx  *ctx,
               GArray  **out,
               GError  **error)
{
  if (!float_list (ctx, "variance", out, error))
    return FALSE;
  if ((*out)->len != 0 && (*out)->len != 1 && (*out)->len != 4)
    return _qs_op_fail (error, "variance has %u values; it takes 0, 1 or 4", (*out)->len);
  return TRUE;
}

#define F(a, i) g_array_index ((a), double, (i))

static void
set_variances (float       *var,
               gsize        n_boxes,
               GArray      *variance)
{
  gsize b;
  int k;

  for (b = 0; b < n_boxes; b++)
    for (k = 0; k < 4; k++)
      var[b * 4 + k] = variance->len == 0 ? 0.1f : variance->len == 1 ? (float) F (variance, 0) : (float) F (variance, k);
}

/* 4 * H * W * per: the prior boxes' values, checked. */
static gboolean
prior_count (gint64   H,
             gint64   W,
             gint64   per,
             gint64  *n,
             GError **error)
{
  /* found by fuzz-exec: with no box sizes the output is empty but the grid
   * loop still ran H x W times, up to 2^40 */
  if (per <= 0)
    return _qs_op_fail (error, "the layer lists no prior box sizes");
  if (H < 0 || W < 0 || H > (1 << 20) || W > (1 << 20) ||
      __builtin_mul_overflow (H * W, per, n) || __builtin_mul_overflow (*n, (gint64) 4, n))
    return _qs_op_fail (error, "a %" G_GINT64_FORMAT "x%" G_GINT64_FORMAT " grid of priors is out of range", H, W);
  return TRUE;
}

static gboolean
op_prior_box (QsOpCtx *ctx,
              GError **error)
{
  g_autoptr(GArray) min_size = NULL, max_size = NULL, ar_in = NULL, variance = NULL, fixed = NULL, density = NULL;
  g_autoptr(GArray) ars = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean flip = FALSE, clip = FALSE, scale_all = TRUE, mm_order = TRUE;
  double step, offset;
  gint64 H, W, IH, IW, h, w;
  guint i, j, num_priors;
  gint64 dims[2];
  g_autoptr(QsTensor) out = NULL;
  float *boxes;
  gsize pos = 0;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  if (!float_list (ctx, "min_size", &min_size, error) || !float_list (ctx, "max_size", &max_size, error) ||
      !float_list (ctx, "aspect_ratio", &ar_in, error) || !variance_list (ctx, &variance, error) ||
      !float_list (ctx, "fixed_size", &fixed, error) || !float_list (ctx, "density", &density, error) ||
      !qs_node_get_bool (ctx->node, "flip", FALSE, &flip, error) ||
      !qs_node_get_bool (ctx->node, "clip", FALSE, &clip, error) ||
      !qs_node_get_bool (ctx->node, "scale_all_sizes", TRUE, &scale_all, error) ||
      !qs_node_get_bool (ctx->node, "min_max_aspect_ratios_order", TRUE, &mm_order, error) ||
      !qs_node_get_double (ctx->node, "step", 0, &step, error) ||
      !qs_node_get_double (ctx->node, "offset", 0, &offset, error))
    return FALSE;
  if (fixed->len > 0 || density->len > 0)
    return _qs_op_fail (error, "fixed_size/density priors are not supported");
  if (!scale_all && max_size->len > 0)
    return _qs_op_fail (error, "max_size is not used with scale_all_sizes=false (it has %u values)", max_size->len);
  if (!scale_all && min_size->len == 0)
    return _qs_op_fail (error, "scale_all_sizes=false needs a min_size");
  if (ctx->in[0]->n_elements < 2 || ctx->in[1]->n_elements < 2)
    return _qs_op_fail (error, "output_size and image_size need two values");
  H = qs_tensor_get_i64 (ctx->in[0], 0);
  W = qs_tensor_get_i64 (ctx->in[0], 1);
  IH = qs_tensor_get_i64 (ctx->in[1], 0);
  IW = qs_tensor_get_i64 (ctx->in[1], 1);

  {
    double one = 1.0;
    g_array_append_val (ars, one);
  }
  for (i = 0; i < ar_in->len; i++)
    {
      double ar = F (ar_in, i);
      gboolean dup = FALSE;
      for (j = 0; j < ars->len; j++)
        if (fabs (ar - F (ars, j)) < 1e-6)
          dup = TRUE;
      if (dup)
        continue;
      g_array_append_val (ars, ar);
      if (flip)
        {
          double inv = 1.0 / ar;
          g_array_append_val (ars, inv);
        }
    }
  if (!scale_all)
    {
      /* MXNet-like priors: sizes and step are fractions of the image
       * height, and the aspect ratios only apply to the last min_size */
      if (step == -1)
        step = (double) IH / H;
      else
        step *= IH;
      for (i = 0; i < min_size->len; i++)
        g_array_index (min_size, double, i) *= IH;
      num_priors = ars->len + min_size->len - 1;
    }
  else
    num_priors = ars->len * min_size->len + max_size->len;
  dims[0] = 2;
  if (!prior_count (H, W, num_priors, &dims[1], error))
    return FALSE;
  out = qs_tensor_new_f32 (2, dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  boxes = qs_tensor_f32 (out);

  for (h = 0; h < H; h++)
    for (w = 0; w < W; w++)
      {
        double cx, cy;

        if (step == 0)
          {
            cx = (w + 0.5) * ((double) IW / W);
            cy = (h + 0.5) * ((double) IH / H);
          }
        else
          {
            cx = (w + offset) * step;
            cy = (h + offset) * step;
          }
#define BOX(bw, bh) G_STMT_START { \
    boxes[pos++] = (float) ((cx - (bw) / 2) / IW); boxes[pos++] = (float) ((cy - (bh) / 2) / IH); \
    boxes[pos++] = (float) ((cx + (bw) / 2) / IW); boxes[pos++] = (float) ((cy + (bh) / 2) / IH); } G_STMT_END
        for (i = 0; i < min_size->len; i++)
          {
            double m = F (min_size, i);

            BOX (m, m);
            if (mm_order && i < max_size->len)
              {
                double s = sqrt (m * F (max_size, i));
                BOX (s, s);
              }
            for (j = 1; j < ars->len && (scale_all || i == min_size->len - 1); j++)
              {
                double ar = F (ars, j);
                double ms = scale_all ? m : F (min_size, 0);
                BOX (ms * sqrt (ar), ms / sqrt (ar));
              }
            if (!mm_order && i < max_size->len)
              {
                double s = sqrt (m * F (max_size, i));
                BOX (s, s);
              }
          }
#undef BOX
      }
  if (clip)
    for (pos = 0; pos < (gsize) dims[1]; pos++)
      boxes[pos] = CLAMP (boxes[pos], 0.0f, 1.0f);
  set_variances (boxes + dims[1], dims[1] / 4, variance);
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

static gboolean
op_prior_box_clustered (QsOpCtx *ctx,
                        GError **error)
{
  g_autoptr(GArray) widths = NULL, heights = NULL, variance = NULL;
  gboolean clip = TRUE;
  double step, step_w, step_h, offset;
  gint64 H, W, IH, IW, h, w, dims[2];
  guint s;
  g_autoptr(QsTensor) out = NULL;
  float *boxes;
  gsize pos = 0;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  if (!float_list (ctx, "width", &widths, error) || !float_list (ctx, "height", &heights, error) ||
      !variance_list (ctx, &variance, error) ||
      !qs_node_get_bool (ctx->node, "clip", TRUE, &clip, error) ||
      !qs_node_get_double (ctx->node, "step", 0, &step, error) ||
      !qs_node_get_double (ctx->node, "step_w", 0, &step_w, error) ||
      !qs_node_get_double (ctx->node, "step_h", 0, &step_h, error) ||
      !qs_node_get_double (ctx->node, "offset", 0.5, &offset, error))
    return FALSE;
  if (widths->len != heights->len)
    return _qs_op_fail (error, "width and height lists differ in length");
  /* found by fuzz-exec: a one-element size input was read as two */
  if (ctx->in[0]->n_elements < 2 || ctx->in[1]->n_elements < 2)
    return _qs_op_fail (error, "the output and image sizes need two values each (height, width)");
  H = qs_tensor_get_i64 (ctx->in[0], 0);
  W = qs_tensor_get_i64 (ctx->in[0], 1);
  IH = qs_tensor_get_i64 (ctx->in[1], 0);
  IW = qs_tensor_get_i64 (ctx->in[1], 1);
  if (step_w == 0)
    step_w = step;
  if (step_h == 0)
    step_h = step;
  if (step_w == 0 && step_h == 0)
    {
      step_w = (double) IW / W;
      step_h = (double) IH / H;
    }
  dims[0] = 2;
  if (!prior_count (H, W, widths->len, &dims[1], error))
    return FALSE;
  out = qs_tensor_new_f32 (2, dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  boxes = qs_tensor_f32 (out);
  for (h = 0; h < H; h++)
    for (w = 0; w < W; w++)
      {
        double cx = (w + offset) * step_w, cy = (h + offset) * step_h;

        for (s = 0; s < widths->len; s++)
          {
            double bw = F (widths, s), bh = F (heights, s);
            float v[4] = { (float) ((cx - bw / 2) / IW), (float) ((cy - bh / 2) / IH),
                           (float) ((cx + bw / 2) / IW), (float) ((cy + bh / 2) / IH) };
            int k;
            for (k = 0; k < 4; k++)
              boxes[pos++] = clip ? CLAMP (v[k], 0.0f, 1.0f) : v[k];
          }
      }
  set_variances (boxes + dims[1], dims[1] / 4, variance);
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

/* ---- DetectionOutput ---- */

typedef struct
{
  float score;
  int   prior;
  int   label;
} Cand;

static int
cmp_score (const void *a,
           const void *b)
{
  const Cand *x = a, *y = b;
  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->prior - y->prior;
}

static int
cmp_label_score (const void *a,
                 const void *b)
{
  const Cand *x = a, *y = b;
  if (x->label != y->label)
    return x->label - y->label;
  return cmp_score (a, b);
}

static float
iou (const float *a,
     const float *b,
     float        plus)
{
  float ix0 = MAX (a[0], b[0]), iy0 = MAX (a[1], b[1]);
  float ix1 = MIN (a[2], b[2]), iy1 = MIN (a[3], b[3]);
  float iw, ih, inter, aa, ab;

  if (a[2] < a[0] || a[3] < a[1] || b[2] < b[0] || b[3] < b[1])
    return 0;
  if (ix1 < ix0 || iy1 < iy0)
    return 0;
  iw = ix1 - ix0 + plus;
  ih = iy1 - iy0 + plus;
  inter = iw * ih;
  aa = (a[2] - a[0] + plus) * (a[3] - a[1] + plus);
  ab = (b[2] - b[0] + plus) * (b[3] - b[1] + plus);
  return inter / (aa + ab - inter);
}

/* One box of @l decoded against @prior (xmin, ymin, xmax, ymax; divided
 * by the input size unless normalized) with variances @v. */
static void
decode_box (const float *prior,
            const float *v,
            const float *l,
            gboolean     center,
            gboolean     normalized,
            float        iw,
            float        ih,
            gboolean     clip,
            float       *d)
{
  float px0 = prior[0], py0 = prior[1], px1 = prior[2], py1 = prior[3];
  int k;

  if (!normalized)
    {
      px0 /= iw; px1 /= iw;
      py0 /= ih; py1 /= ih;
    }
  if (center)
    {
      float pw = px1 - px0, ph = py1 - py0;
      float pcx = (px0 + px1) / 2, pcy = (py0 + py1) / 2;
      float cx = v[0] * l[0] * pw + pcx;
      float cy = v[1] * l[1] * ph + pcy;
      float ww = expf (v[2] * l[2]) * pw;
      float hh = expf (v[3] * l[3]) * ph;

      d[0] = cx - ww / 2;
      d[1] = cy - hh / 2;
      d[2] = cx + ww / 2;
      d[3] = cy + hh / 2;
    }
  else
    {
      d[0] = px0 + v[0] * l[0];
      d[1] = py0 + v[1] * l[1];
      d[2] = px1 + v[2] * l[2];
      d[3] = py1 + v[3] * l[3];
    }
  if (clip)
    for (k = 0; k < 4; k++)
      d[k] = CLAMP (d[k], 0.0f, 1.0f);
}

/* Keeps the candidates of @cand (best first) whose boxes overlap no kept
 * box of the same label by more than @thr; without @share each label has
 * its own P boxes in @decoded. */
static void
nms_into (GArray       *kept,
          guint         first,
          const Cand   *cand,
          guint         n_cand,
          const float  *decoded,
          gint64        P,
          gboolean      share,
          double        thr,
          float         plus)
{
  guint a, b;

  for (a = 0; a < n_cand; a++)
    {
      const Cand *ca = &cand[a];
      const float *boxes = decoded + (share ? 0 : ca->label) * P * 4;
      gboolean keep = TRUE;

      for (b = first; b < kept->len && keep; b++)
        {
          const Cand *kb = &g_array_index (kept, Cand, b);

          if (kb->label == ca->label && iou (boxes + ca->prior * 4, boxes + kb->prior * 4, plus) > thr)
            keep = FALSE;
        }
      if (keep)
        g_array_append_val (kept, *ca);
    }
}

/* DetectionOutput-1/8 (ops.md §14): SSD decoding, per-class NMS (Caffe) or
 * one best class per prior (MXNet, decrease_label_id), keep_top_k.  Without
 * share_location each class has its own boxes; with the two extra inputs
 * (RefineDet: arm_confidence, arm_location) the priors are first refined by
 * arm_location and a prior whose objectness is below objectness_score only
 * counts as background. */
static gboolean
op_detection_output (QsOpCtx *ctx,
                     GError **error)
{
  QsTensor *loc, *conf, *pri, *arm_conf = NULL, *arm_loc = NULL;
  gint64 num_classes = 0, background, top_k, conf_dims[4];
  g_autoptr(GArray) keep_list = NULL;
  gint64 keep_top_k;
  double nms_thr, conf_thr, objectness = 0;
  gboolean share = TRUE, var_in_target = FALSE, normalized = FALSE, clip_before = FALSE, clip_after = FALSE;
  gboolean center, decrease = FALSE;
  const char *code = qs_node_get_attr (ctx->node, "code_type");
  gint64 iw_attr, ih_attr;
  gint64 N, P, prior_size, n_rows, row = 0, n_loc;
  int n, p, c, k;
  QS_AUTO_SCRATCH float *decoded = NULL;
  QS_AUTO_SCRATCH float *scores = NULL;
  QS_AUTO_SCRATCH Cand *cand = NULL;
  g_autoptr(QsTensor) out = NULL;
  float *o;
  float plus;

  if (!_qs_op_need_inputs (ctx, 3, error))
    return FALSE;
  if (ctx->n_in != 3 && ctx->n_in != 5)
    return _qs_op_fail (error, "takes 3 or 5 inputs (has %u)", ctx->n_in);
  if (ctx->n_in == 5)
    {
      if (!_qs_op_need_inputs (ctx, 5, error))
        return FALSE;
      arm_conf = ctx->in[3];
      arm_loc = ctx->in[4];
    }
  loc = ctx->in[0];
  conf = ctx->in[1];
  pri = ctx->in[2];
  if (loc->type != QS_ELEMENT_F32 || conf->type != QS_ELEMENT_F32 || pri->type != QS_ELEMENT_F32 ||
      (arm_conf != NULL && (arm_conf->type != QS_ELEMENT_F32 || arm_loc->type != QS_ELEMENT_F32)))
    return _qs_op_fail (error, "needs float inputs");
  if (!qs_node_get_int (ctx->node, "background_label_id", 0, &background, error) ||
      !qs_node_get_int (ctx->node, "top_k", -1, &top_k, error) ||
      !qs_node_get_double (ctx->node, "nms_threshold", 0, &nms_thr, error) ||
      !qs_node_get_double (ctx->node, "confidence_threshold", 0, &conf_thr, error) ||
      !qs_node_get_double (ctx->node, "objectness_score", 0, &objectness, error) ||
      !qs_node_get_bool (ctx->node, "share_location", TRUE, &share, error) ||
      !qs_node_get_bool (ctx->node, "variance_encoded_in_target", FALSE, &var_in_target, error) ||
      !qs_node_get_bool (ctx->node, "normalized", FALSE, &normalized, error) ||
      !qs_node_get_bool (ctx->node, "clip_before_nms", FALSE, &clip_before, error) ||
      !qs_node_get_bool (ctx->node, "clip_after_nms", FALSE, &clip_after, error) ||
      !qs_node_get_bool (ctx->node, "decrease_label_id", FALSE, &decrease, error) ||
      !qs_node_get_int (ctx->node, "input_width", 1, &iw_attr, error) ||
      !qs_node_get_int (ctx->node, "input_height", 1, &ih_attr, error))
    return FALSE;
  keep_list = qs_node_get_int_list (ctx->node, "keep_top_k", error);
  if (keep_list == NULL)
    return FALSE;
  keep_top_k = keep_list->len > 0 ? g_array_index (keep_list, gint64, 0) : -1;
  if (code == NULL || strcmp (code, "caffe.PriorBoxParameter.CORNER") == 0)
    center = FALSE;
  else if (strcmp (code, "caffe.PriorBoxParameter.CENTER_SIZE") == 0)
    center = TRUE;
  else
    return _qs_op_fail (error, "code_type “%s” is not caffe.PriorBoxParameter.CORNER or .CENTER_SIZE", code);

  N = loc->dims[0];
  prior_size = normalized ? 4 : 5;
  if (pri->rank != 3)
    return _qs_op_fail (error, "priors must have rank 3");
  P = pri->dims[2] / prior_size;
  if (N < 1 || loc->rank < 1 || pri->dims[1] < 1 || pri->dims[1] > 2 || (pri->dims[0] != 1 && pri->dims[0] < N))
    return _qs_op_fail (error, "loc and priors do not fit a batch");
  if (P <= 0 || P > G_MAXINT32)
    return _qs_op_fail (error, "priors hold no boxes");
  if (qs_node_opset (ctx->node) >= 8 || !qs_node_get_int (ctx->node, "num_classes", 0, &num_classes, NULL) ||
      num_classes == 0)
    num_classes = conf->n_elements / (N * P);
  if (num_classes < 1 || num_classes > G_MAXINT32 || conf->n_elements / (gsize) (N * P) != (gsize) num_classes ||
      conf->n_elements % (gsize) (N * P) != 0)
    return _qs_op_fail (error, "conf does not hold %" G_GINT64_FORMAT " classes for each prior", num_classes);
  n_loc = share ? 1 : num_classes;
  if (loc->n_elements != (gsize) (N * P * n_loc * 4))
    return _qs_op_fail (error, "loc has %" G_GSIZE_FORMAT " values for %" G_GINT64_FORMAT " priors and %" G_GINT64_FORMAT
                        " location classes", loc->n_elements, P, n_loc);
  if (arm_conf != NULL && arm_conf->n_elements != (gsize) (N * P * 2))
    return _qs_op_fail (error, "arm_confidence has %" G_GSIZE_FORMAT " values for %" G_GINT64_FORMAT " priors (needs two each)",
                        arm_conf->n_elements, P);
  if (arm_loc != NULL && arm_loc->n_elements != loc->n_elements)
    return _qs_op_fail (error, "arm_location has %" G_GSIZE_FORMAT " values, loc %" G_GSIZE_FORMAT,
                        arm_loc->n_elements, loc->n_elements);
  plus = normalized ? 0.0f : 1.0f;

  if (keep_top_k > G_MAXINT32 || top_k > G_MAXINT32)
    return _qs_op_fail (error, "top_k or keep_top_k is out of range");
  if (keep_top_k > 0 ? __builtin_mul_overflow (N, keep_top_k, &n_rows) :
      top_k > 0 ? __builtin_mul_overflow (N * num_classes, top_k, &n_rows) :
      __builtin_mul_overflow (N * num_classes, P, &n_rows))
    return _qs_op_fail (error, "the output would have too many rows");
  conf_dims[0] = 1;
  conf_dims[1] = 1;
  conf_dims[2] = n_rows;
  conf_dims[3] = 7;
  out = qs_tensor_new_f32 (4, conf_dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  o = qs_tensor_f32 (out);
  decoded = qs_budget_alloc_scratch (P * n_loc, 4 * sizeof (float));
  scores = qs_budget_alloc_scratch (P * num_classes, sizeof (float));
  cand = qs_budget_alloc_scratch (P, sizeof (Cand));
  if (decoded == NULL || scores == NULL || cand == NULL)
    return _qs_op_fail_alloc (error, "the decoded boxes");

  for (n = 0; n < N; n++)
    {
      const float *pb = qs_tensor_f32 (pri) + (pri->dims[0] > 1 ? n * pri->dims[1] * pri->dims[2] : 0);
      const float *pv = pri->dims[1] == 2 ? pb + pri->dims[2] : NULL;
      const float *cf = qs_tensor_f32 (conf) + n * P * num_classes;
      GArray *kept = g_array_new (FALSE, FALSE, sizeof (Cand));
      gint64 lc;
      guint i;

      for (lc = 0; lc < n_loc; lc++)
        {
          if (!share && background > -1 && lc == background)
            continue;
          for (p = 0; p < P; p++)
            {
              const float *b = pb + p * prior_size + (normalized ? 0 : 1);
              gsize at = ((gsize) (n * P + p) * n_loc + lc) * 4;
              const float *l = qs_tensor_f32 (loc) + at;
              float v[4] = { 1, 1, 1, 1 };
              float *d = decoded + (lc * P + p) * 4;

              if (!var_in_target)
                {
                  if (pv != NULL)
                    for (k = 0; k < 4; k++)
                      v[k] = pv[p * 4 + k];
                  else
                    for (k = 0; k < 4; k++)
                      v[k] = 0.1f;   /* no variance row: Caffe's default would be encoded in the target */
                }
              if (arm_loc != NULL)
                {
                  /* the prior refined by arm_location first; the second
                   * decoding divides by the input size again, as the
                   * reference implementation does */
                  float refined[4];

                  decode_box (b, v, qs_tensor_f32 (arm_loc) + at, center, normalized, iw_attr, ih_attr, clip_before,
                              refined);
                  decode_box (refined, v, l, center, normalized, iw_attr, ih_attr, clip_before, d);
                }
              else
                decode_box (b, v, l, center, normalized, iw_attr, ih_attr, clip_before, d);
            }
        }
      for (p = 0; p < P; p++)
        {
          gboolean no_object = arm_conf != NULL && qs_tensor_f32 (arm_conf)[(n * P + p) * 2 + 1] < objectness;

          for (c = 0; c < num_classes; c++)
            scores[p * num_classes + c] = no_object ? (c == background ? 1.0f : 0.0f) : cf[p * num_classes + c];
        }

      if (!decrease)
        for (c = 0; c < num_classes; c++)
          {
            guint n_cand = 0;

            if (c == background)
              continue;
            for (p = 0; p < P; p++)
              {
                float sc = scores[p * num_classes + c];
                if (sc > conf_thr)
                  cand[n_cand++] = (Cand) { sc, p, c };
              }
            if (n_cand > 1)
              qsort (cand, n_cand, sizeof (Cand), cmp_score);
            if (top_k > -1)
              n_cand = MIN (n_cand, (guint) top_k);
            nms_into (kept, kept->len, cand, n_cand, decoded, P, share, nms_thr, plus);
          }
      else
        {
          /* MXNet: each prior's best class other than 0 and the background */
          guint n_cand = 0;

          for (p = 0; p < P; p++)
            {
              float best = -1;
              int id = 0;

              for (c = 1; c < num_classes; c++)
                if (c != background && scores[p * num_classes + c] > best)
                  {
                    best = scores[p * num_classes + c];
                    id = c;
                  }
              if (id > 0 && best >= conf_thr)
                cand[n_cand++] = (Cand) { best, p, id };
            }
          if (n_cand > 1)
            qsort (cand, n_cand, sizeof (Cand), cmp_score);
          if (top_k > -1)
            n_cand = MIN (n_cand, (guint) top_k);
          nms_into (kept, 0, cand, n_cand, decoded, P, share, nms_thr, plus);
        }

      if (keep_top_k > -1 && kept->len > (guint) keep_top_k)
        {
          qsort (kept->data, kept->len, sizeof (Cand), cmp_score);
          g_array_set_size (kept, keep_top_k);
        }
      if (kept->len > 1)
        qsort (kept->data, kept->len, sizeof (Cand), cmp_label_score);
      for (i = 0; i < kept->len && row < n_rows; i++)
        {
          Cand *cd = &g_array_index (kept, Cand, i);
          const float *d = decoded + ((share ? 0 : cd->label) * P + cd->prior) * 4;
          float *r = o + row * 7;

          r[0] = n;
          r[1] = decrease ? cd->label - 1 : cd->label;
          r[2] = cd->score;
          for (k = 0; k < 4; k++)
            r[3 + k] = clip_after ? CLAMP (d[k], 0.0f, 1.0f) : d[k];
          row++;
        }
      g_array_free (kept, TRUE);
    }
  if (row < n_rows)
    o[row * 7] = -1;
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

/* ---- NonMaxSuppression-1/3/4/5/9 ---- */

typedef struct
{
  float  score;
  gint64 batch, klass, box;
} NmsPick;

static float
nms_iou (const float *a,
         const float *b,
         gboolean     center)
{
  float ay0, ax0, ay1, ax1, by0, bx0, by1, bx1, ih, iw, inter, ua;

  if (center)
    {
      /* [x_center, y_center, width, height] */
      ax0 = a[0] - a[2] / 2; ax1 = a[0] + a[2] / 2; ay0 = a[1] - a[3] / 2; ay1 = a[1] + a[3] / 2;
      bx0 = b[0] - b[2] / 2; bx1 = b[0] + b[2] / 2; by0 = b[1] - b[3] / 2; by1 = b[1] + b[3] / 2;
    }
  else
    {
      /* [y1, x1, y2, x2], corners in either order */
      ay0 = MIN (a[0], a[2]); ay1 = MAX (a[0], a[2]); ax0 = MIN (a[1], a[3]); ax1 = MAX (a[1], a[3]);
      by0 = MIN (b[0], b[2]); by1 = MAX (b[0], b[2]); bx0 = MIN (b[1], b[3]); bx1 = MAX (b[1], b[3]);
    }
  if ((ay1 - ay0) <= 0 || (ax1 - ax0) <= 0 || (by1 - by0) <= 0 || (bx1 - bx0) <= 0)
    return 0;
  ih = MIN (ay1, by1) - MAX (ay0, by0);
  iw = MIN (ax1, bx1) - MAX (ax0, bx0);
  if (ih <= 0 || iw <= 0)
    return 0;
  inter = ih * iw;
  ua = (ay1 - ay0) * (ax1 - ax0) + (by1 - by0) * (bx1 - bx0) - inter;
  return ua > 0 ? inter / ua : 0;
}

static int
cmp_pick_score (const void *pa,
                const void *pb)
{
  const NmsPick *a = pa, *b = pb;

  /* higher score first; ties keep batch, class and box order */
  if (a->score != b->score)
    return a->score > b->score ? -1 : 1;
  if (a->batch != b->batch)
    return a->batch < b->batch ? -1 : 1;
  if (a->klass != b->klass)
    return a->klass < b->klass ? -1 : 1;
  return a->box < b->box ? -1 : a->box > b->box;
}

static double
nms_scalar (QsOpCtx *ctx,
            guint    i,
            double   fallback)
{
  if (ctx->n_in <= i || ctx->in[i] == NULL || ctx->in[i]->n_elements == 0)
    return fallback;
  return qs_tensor_get_f64 (ctx->in[i], 0);
}

static gboolean
op_non_max_suppression (QsOpCtx *ctx,
                        GError **error)
{
  int version = qs_node_opset (ctx->node);
  const char *enc = qs_node_get_attr (ctx->node, "box_encoding");
  const char *otype = qs_node_get_attr (ctx->node, "output_type");
  gboolean center, sort_desc = TRUE, dynamic;
  QsTensor *boxes_t, *scores_t;
  g_autofree float *boxes = NULL, *scores = NULL;
  gint64 n_batch, n_boxes, n_classes, max_out, b, c, i, k;
  double iou_thr, score_thr, sigma;
  g_autoptr(GArray) picks = g_array_new (FALSE, FALSE, sizeof (NmsPick));
  g_autofree NmsPick *cand = NULL;
  QsElementType it;
  gint64 n_rows, dims[2];
  g_autoptr(QsTensor) sel = NULL, sel_scores = NULL, valid = NULL;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  boxes_t = ctx->in[0];
  scores_t = ctx->in[1];
  if (boxes_t->rank != 3 || boxes_t->dims[2] != 4 || scores_t->rank != 3 ||
      scores_t->dims[0] != boxes_t->dims[0] || scores_t->dims[2] != boxes_t->dims[1])
    {
      g_autofree char *a = qs_tensor_shape_to_string (boxes_t);
      g_autofree char *s = qs_tensor_shape_to_string (scores_t);
      return _qs_op_fail (error, "boxes %s and scores %s do not fit [N, B, 4] and [N, C, B]", a, s);
    }
  center = enc != NULL && strcmp (enc, "center") == 0;
  if (enc != NULL && !center && strcmp (enc, "corner") != 0)
    return _qs_op_fail (error, "box_encoding “%s” is unknown", enc);
  if (!qs_node_get_bool (ctx->node, "sort_result_descending", TRUE, &sort_desc, error))
    return FALSE;
  it = otype != NULL && strcmp (otype, "i32") == 0 ? QS_ELEMENT_I32 : QS_ELEMENT_I64;

  n_batch = boxes_t->dims[0];
  n_boxes = boxes_t->dims[1];
  n_classes = scores_t->dims[1];
  {
    double m = nms_scalar (ctx, 2, 0);

    max_out = isnan (m) || m < 0 ? 0 : m > (double) n_boxes ? n_boxes : (gint64) m;
  }
  iou_thr = nms_scalar (ctx, 3, 0);
  score_thr = nms_scalar (ctx, 4, 0);
  sigma = version >= 5 ? nms_scalar (ctx, 5, 0) : 0;
  max_out = CLAMP (max_out, 0, n_boxes);
  boxes = qs_tensor_dup_f32 (boxes_t);
  scores = qs_tensor_dup_f32 (scores_t);
  cand = g_try_new (NmsPick, MAX (n_boxes, 1));
  if (boxes == NULL || scores == NULL || cand == NULL)
    return _qs_op_fail (error, "no memory for the boxes and scores");

  for (b = 0; b < n_batch; b++)
    for (c = 0; c < n_classes; c++)
      {
        const float *sc = scores + (b * n_classes + c) * n_boxes;
        const float *bx = boxes + b * n_boxes * 4;
        gint64 n_cand = 0, n_kept = 0;

        if (max_out == 0)
          continue;
        for (i = 0; i < n_boxes; i++)
          if (sc[i] > score_thr)
            cand[n_cand++] = (NmsPick) { sc[i], b, c, i };
        /* greedy: take the best remaining candidate, then lower (soft-NMS)
         * or drop the others by their overlap with it */
        while (n_cand > 0 && n_kept < max_out)
          {
            gint64 best = 0;
            NmsPick top;

            for (i = 1; i < n_cand; i++)
              if (cand[i].score > cand[best].score ||
                  (cand[i].score == cand[best].score && cand[i].box < cand[best].box))
                best = i;
            top = cand[best];
            cand[best] = cand[--n_cand];
            if (!(top.score > score_thr))
              break;
            g_array_append_val (picks, top);
            n_kept++;
            for (i = 0, k = 0; i < n_cand; i++)
              {
                float iou = nms_iou (bx + top.box * 4, bx + cand[i].box * 4, center);

                if (sigma > 0)
                  {
                    if (iou <= iou_thr)
                      cand[i].score *= (float) exp (-0.5 * iou * iou / sigma);
                    else
                      continue;
                    if (!(cand[i].score > score_thr))
                      continue;
                  }
                else if (iou > iou_thr)
                  continue;
                cand[k++] = cand[i];
              }
            n_cand = k;
          }
      }

  /* an empty GArray has no data, which qsort must not see */
  if (sort_desc && picks->len > 1)
    qsort (picks->data, picks->len, sizeof (NmsPick), cmp_pick_score);

  /* v1-v4 have a static output padded with -1; v5 and v9 give exactly the selected rows */
  dynamic = version >= 5;
  n_rows = dynamic ? (gint64) picks->len : n_batch * n_classes * max_out;
  dims[0] = n_rows;
  dims[1] = 3;
  sel = qs_tensor_new (version == 1 ? QS_ELEMENT_I64 : it, 2, dims);
  if (sel == NULL)
    return _qs_op_fail_alloc (error, "the output");
  sel_scores = qs_tensor_new_f32 (2, dims);
  if (sel_scores == NULL)
    return _qs_op_fail_alloc (error, "the scores output");
  for (i = 0; i < n_rows; i++)
    {
      if (i < (gint64) picks->len)
        {
          const NmsPick *pk = &g_array_index (picks, NmsPick, i);

          qs_tensor_set_f64 (sel, i * 3, pk->batch);
          qs_tensor_set_f64 (sel, i * 3 + 1, pk->klass);
          qs_tensor_set_f64 (sel, i * 3 + 2, pk->box);
          qs_tensor_f32 (sel_scores)[i * 3] = pk->batch;
          qs_tensor_f32 (sel_scores)[i * 3 + 1] = pk->klass;
          qs_tensor_f32 (sel_scores)[i * 3 + 2] = pk->score;
        }
      else
        for (k = 0; k < 3; k++)
          {
            qs_tensor_set_f64 (sel, i * 3 + k, -1);
            qs_tensor_f32 (sel_scores)[i * 3 + k] = -1;
          }
    }
  dims[0] = 1;
  valid = qs_tensor_new (it, 1, dims);
  if (valid == NULL)
    return _qs_op_fail_alloc (error, "the count output");
  qs_tensor_set_f64 (valid, 0, picks->len);

  ctx->out[0] = g_steal_pointer (&sel);
  if (ctx->n_out > 1)
    ctx->out[1] = g_steal_pointer (&sel_scores);
  if (ctx->n_out > 2)
    ctx->out[2] = g_steal_pointer (&valid);
  return TRUE;
}

/* ---- CTCGreedyDecoder-1 ---- */

/* data [T, N, C] (probabilities or logits), sequence_mask [T, N]; output
 * [N, T, 1, 1] of class indices, -1 after the end.  Per time step the
 * best class wins (lowest index on ties); with ctc_merge_repeated a class
 * equal to the previous step's is dropped; the blank class (C - 1) is
 * always dropped.  The mask ends a sequence at its first 0. */
static gboolean
op_ctc_greedy_decoder (QsOpCtx *ctx,
                       GError **error)
{
  QsTensor *x, *mask;
  gboolean merge = TRUE;
  gint64 T, N, C, t, n, c, dims[4];
  g_autoptr(QsTensor) out = NULL;
  g_autofree float *v = NULL;
  float *o;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  x = ctx->in[0];
  mask = ctx->in[1];
  if (x->rank != 3 || mask->rank != 2 || mask->dims[0] != x->dims[0] || mask->dims[1] != x->dims[1])
    return _qs_op_fail (error, "needs data [T, N, C] and sequence_mask [T, N]");
  if (!qs_node_get_bool (ctx->node, "ctc_merge_repeated", TRUE, &merge, error))
    return FALSE;
  T = x->dims[0];
  N = x->dims[1];
  C = x->dims[2];
  dims[0] = N; dims[1] = T; dims[2] = 1; dims[3] = 1;
  out = qs_tensor_new_f32 (4, dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  o = qs_tensor_f32 (out);
  v = qs_tensor_dup_f32 (x);
  if (v == NULL)
    return _qs_op_fail (error, "no memory for a copy of the data");
  for (n = 0; n < N; n++)
    {
      gint64 written = 0, prev = -1;

      for (t = 0; t < T; t++)
        {
          const float *row = v + (t * N + n) * C;
          gint64 best = 0;

          if (qs_tensor_get_f64 (mask, t * N + n) == 0)
            break;
          for (c = 1; c < C; c++)
            if (row[c] > row[best])
              best = c;
          if (best != C - 1 && !(merge && best == prev))
            o[n * T + written++] = best;
          prev = best;
        }
      for (; written < T; written++)
        o[n * T + written] = -1;
    }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

const QsOpEntry _qs_op_detection_table[] = {
  { "PriorBox", 1, G_MAXINT, op_prior_box },
  { "PriorBoxClustered", 1, G_MAXINT, op_prior_box_clustered },
  { "DetectionOutput", 1, G_MAXINT, op_detection_output },
  { "NonMaxSuppression", 1, G_MAXINT, op_non_max_suppression },
  { "CTCGreedyDecoder", 1, G_MAXINT, op_ctc_greedy_decoder },
  { NULL, 0, 0, NULL }
};
