/* test-kernels.c — fast kernels against their references, for every ISA
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Integer paths must equal the scalar reference bit for bit, on full-range
 * data (u8 0..255, s8 -128..127, where a saturating vpmaddubsw would be
 * caught).  fp32 paths sum in a different order than the reference, so they
 * are held to F32_TOL_PER_K: |fast - ref| <= 1e-5 * K * max (1, |ref|),
 * where K is the number of products in one output.  Each ISA the CPU lacks
 * is reported as skipped.
 *
 * The thread tests run layers big enough to be split at 2, 3 and 5 threads
 * and hold every output to the one-thread output bit for bit, floats too:
 * the split must not change the order of any sum.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qs-kernels.h"
#include "qs-kernels-private.h"   /* _qs_gemm_split */

#define F32_TOL_PER_K 1e-5

typedef struct
{
  int n, ic, ih, iw, oc, kh, kw, groups, sh, sw, dh, dw, pt, pl, pb, pr;
} Shape;

/* Shapes every ISA must get right, beside the random ones. */
static const Shape fixed_shapes[] = {
  /* n  ic  ih  iw  oc kh kw  g  sh sw dh dw pt pl pb pr */
  { 1, 16, 14, 14, 32, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0 },   /* 1x1 direct B */
  { 1, 64, 9, 9, 64, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0 },
  { 1, 32, 12, 11, 48, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1 },   /* 3x3 same */
  { 1, 3, 23, 23, 16, 7, 7, 1, 2, 2, 1, 1, 3, 3, 3, 3 },    /* stem */
  { 2, 8, 10, 10, 12, 3, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1 },    /* groups 2, n 2 */
  { 1, 12, 11, 9, 12, 3, 3, 12, 1, 1, 1, 1, 1, 1, 1, 1 },   /* depthwise */
  { 1, 6, 13, 13, 12, 3, 3, 6, 2, 2, 1, 1, 0, 1, 1, 0 },    /* depthwise x2, asym */
  { 1, 5, 17, 15, 7, 5, 5, 1, 3, 2, 2, 1, 2, 0, 1, 3 },     /* 5x5, strides, dil */
  { 1, 17, 7, 7, 33, 3, 3, 1, 1, 1, 2, 2, 2, 2, 2, 2 },     /* dilated 7x7 image */
  { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0 },       /* tiny */
  { 1, 2, 3, 40, 3, 1, 3, 1, 1, 3, 1, 1, 0, 2, 0, 1 },      /* 1x3, stride 3 */
  { 1, 130, 5, 5, 20, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1 },    /* K > one KC slice */
  { 1, 64, 8, 8, 16, 3, 3, 4, 1, 1, 1, 1, 1, 1, 1, 1 },     /* groups 4 */
  /* wide stride-1 rows: B read straight from the padded planes */
  { 1, 32, 6, 40, 20, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1 },
  { 2, 8, 5, 61, 10, 3, 5, 2, 1, 1, 1, 1, 0, 2, 2, 1 },      /* asym pads, groups */
  { 1, 7, 9, 50, 17, 3, 3, 1, 1, 1, 2, 2, 2, 2, 2, 2 },     /* dilated */
  { 1, 3, 4, 70, 33, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1 },     /* padded 1x1 */
  { 1, 130, 3, 31, 9, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1 },    /* K > KC */
  /* plain 1x1: int8 packs B straight from the NCHW input */
  { 2, 22, 3, 7, 10, 1, 1, 2, 1, 1, 1, 1, 0, 0, 0, 0 },     /* groups, n 2, ragged quad */
  { 1, 1030, 2, 9, 5, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0 },    /* K > KC, ragged quad */
  { 1, 8, 5, 13, 9, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0 },      /* 65 pixels: 16-wide and tail */
};

static const int ks[] = { 1, 1, 3, 3, 5, 7 };

static Shape
random_shape (GRand *r)
{
  Shape s;
  int kind = g_rand_int_range (r, 0, 4);

  s.n = g_rand_int_range (r, 0, 6) == 0 ? 2 : 1;
  s.kh = ks[g_rand_int_range (r, 0, G_N_ELEMENTS (ks))];
  s.kw = g_rand_int_range (r, 0, 4) == 0 ? ks[g_rand_int_range (r, 0, G_N_ELEMENTS (ks))] : s.kh;
  s.sh = g_rand_int_range (r, 1, 4);
  s.sw = g_rand_int_range (r, 0, 2) ? s.sh : g_rand_int_range (r, 1, 4);
  s.dh = g_rand_int_range (r, 0, 4) == 0 ? 2 : 1;
  s.dw = g_rand_int_range (r, 0, 4) == 0 ? g_rand_int_range (r, 1, 4) : s.dh;
  s.pt = g_rand_int_range (r, 0, s.kh);
  s.pl = g_rand_int_range (r, 0, s.kw);
  s.pb = g_rand_int_range (r, 0, s.kh);
  s.pr = g_rand_int_range (r, 0, s.kw);
  s.ih = g_rand_int_range (r, (s.kh - 1) * s.dh + 1, 24);
  s.iw = g_rand_int_range (r, (s.kw - 1) * s.dw + 1, g_rand_boolean (r) ? 30 : 64);
  switch (kind)
    {
    case 0:   /* plain, odd channel counts */
      s.groups = 1;
      s.ic = g_rand_int_range (r, 1, 40);
      s.oc = g_rand_int_range (r, 1, 40);
      break;
    case 1:   /* groups 2 */
      s.groups = 2;
      s.ic = 2 * g_rand_int_range (r, 1, 20);
      s.oc = 2 * g_rand_int_range (r, 1, 20);
      break;
    case 2:   /* depthwise, multiplier 1 or 2 */
      s.ic = g_rand_int_range (r, 1, 24);
      s.groups = s.ic;
      s.oc = s.ic * g_rand_int_range (r, 1, 3);
      break;
    default:  /* wider, to cross micro-kernel tiles */
      s.groups = 1;
      s.ic = g_rand_int_range (r, 16, 70);
      s.oc = g_rand_int_range (r, 8, 70);
      break;
    }
  return s;
}

static QsConvParams
params_of (const Shape *s)
{
  QsConvParams p = {
    .n = s->n, .ic = s->ic, .ih = s->ih, .iw = s->iw,
    .oc = s->oc, .kh = s->kh, .kw = s->kw, .groups = s->groups,
    .stride_h = s->sh, .stride_w = s->sw, .dil_h = s->dh, .dil_w = s->dw,
    .pad_top = s->pt, .pad_left = s->pl, .pad_bottom = s->pb, .pad_right = s->pr,
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (qs_conv_params_init (&p, &error));
  g_assert_no_error (error);
  return p;
}

static char *
describe (const QsConvParams *p)
{
  return g_strdup_printf ("n%d ic%d %dx%d oc%d k%dx%d g%d s%d,%d d%d,%d pad %d,%d,%d,%d -> %dx%d",
                          p->n, p->ic, p->ih, p->iw, p->oc, p->kh, p->kw, p->groups,
                          p->stride_h, p->stride_w, p->dil_h, p->dil_w,
                          p->pad_top, p->pad_left, p->pad_bottom, p->pad_right, p->oh, p->ow);
}

#define N_RANDOM 70

/* Calls func on every fixed shape and N_RANDOM random ones. */
static void
for_each_shape (void (*func) (const QsConvParams *p, GRand *r))
{
  g_autoptr(GRand) r = g_rand_new_with_seed (20260101);

  for (gsize i = 0; i < G_N_ELEMENTS (fixed_shapes); i++)
    {
      QsConvParams p = params_of (&fixed_shapes[i]);
      func (&p, r);
    }
  for (int i = 0; i < N_RANDOM; i++)
    {
      Shape s = random_shape (r);
      QsConvParams p = params_of (&s);
      func (&p, r);
    }
}

static gboolean
use_isa (gconstpointer data)
{
  QsIsa isa = GPOINTER_TO_INT (data);

  if (isa > qs_kernels_detect_isa ())
    {
      g_autofree char *msg = g_strdup_printf ("CPU has no %s", qs_isa_name (isa));
      g_test_skip (msg);
      return FALSE;
    }
  qs_kernels_set_isa (isa);
  g_assert_cmpint (qs_kernels_get_isa (), ==, isa);
  return TRUE;
}

static void
check_f32 (const float *fast, const float *ref, gsize count, gsize k, const char *what)
{
  for (gsize i = 0; i < count; i++)
    {
      double tol = F32_TOL_PER_K * MAX (k, 1) * MAX (1.0, fabs (ref[i]));

      if (!(fabs ((double) fast[i] - ref[i]) <= tol))
        g_error ("%s: element %" G_GSIZE_FORMAT ": fast %.9g, reference %.9g (tolerance %.3g)",
                 what, i, fast[i], ref[i], tol);
    }
}

static void
check_s32 (const gint32 *fast, const gint32 *ref, gsize count, const char *what)
{
  for (gsize i = 0; i < count; i++)
    if (fast[i] != ref[i])
      g_error ("%s: element %" G_GSIZE_FORMAT ": fast %d, reference %d", what, i, fast[i], ref[i]);
}

/* --- convolutions --- */

static void
conv_f32_one (const QsConvParams *p, GRand *r)
{
  gsize n_src = (gsize) p->n * p->ic * p->ih * p->iw;
  gsize n_w = (gsize) p->oc * (p->ic / p->groups) * p->kh * p->kw;
  gsize n_dst = (gsize) p->n * p->oc * p->oh * p->ow;
  g_autofree float *src = g_new (float, n_src);
  g_autofree float *w = g_new (float, n_w);
  g_autofree float *bias = g_new (float, p->oc);
  g_autofree float *ref = g_new (float, n_dst);
  g_autofree float *fast = g_new (float, n_dst);
  g_autofree char *what = describe (p);
  gboolean with_bias = g_rand_boolean (r);
  QsConvF32 *conv;

  for (gsize i = 0; i < n_src; i++)
    src[i] = (float) g_rand_double_range (r, -1, 1);
  for (gsize i = 0; i < n_w; i++)
    w[i] = (float) g_rand_double_range (r, -1, 1);
  for (int i = 0; i < p->oc; i++)
    bias[i] = (float) g_rand_double_range (r, -1, 1);

  qs_conv2d_f32_ref (p, src, w, with_bias ? bias : NULL, ref);
  conv = qs_conv_f32_prepare (p, w, with_bias ? bias : NULL);
  memset (fast, 0xff, sizeof (float) * n_dst);   /* NaN: every output must be written */
  qs_conv_f32_run (conv, src, fast);
  qs_conv_f32_free (conv);
  check_f32 (fast, ref, n_dst, (gsize) (p->ic / p->groups) * p->kh * p->kw + 1, what);
}

static void
test_conv_f32 (gconstpointer data)
{
  if (use_isa (data))
    for_each_shape (conv_f32_one);
}

static void
conv_int8_one (const QsConvParams *p, GRand *r)
{
  gsize n_src = (gsize) p->n * p->ic * p->ih * p->iw;
  gsize n_w = (gsize) p->oc * (p->ic / p->groups) * p->kh * p->kw;
  gsize n_dst = (gsize) p->n * p->oc * p->oh * p->ow;
  g_autofree guint8 *src = g_new (guint8, n_src);
  g_autofree gint8 *w = g_new (gint8, n_w);
  g_autofree gint32 *ref = g_new (gint32, n_dst);
  g_autofree gint32 *fast = g_new (gint32, n_dst);
  g_autofree char *what = describe (p);
  gboolean extremes = g_rand_int_range (r, 0, 3) == 0;
  guint8 pad = (guint8) g_rand_int_range (r, 0, 256);
  QsConvInt8 *conv;

  /* a third of the cases use only 255 and -128: the worst case for i16 sums */
  for (gsize i = 0; i < n_src; i++)
    src[i] = extremes ? 255 : (guint8) g_rand_int_range (r, 0, 256);
  for (gsize i = 0; i < n_w; i++)
    w[i] = extremes ? -128 : (gint8) g_rand_int_range (r, -128, 128);
  if (extremes)
    pad = 255;

  qs_conv2d_u8s8s32_ref (p, src, pad, w, ref);
  conv = qs_conv_int8_prepare (p, w);
  memset (fast, 0x5a, sizeof (gint32) * n_dst);
  qs_conv_int8_run (conv, src, pad, fast);
  qs_conv_int8_free (conv);
  check_s32 (fast, ref, n_dst, what);
}

static void
test_conv_int8 (gconstpointer data)
{
  if (use_isa (data))
    for_each_shape (conv_int8_one);
}

/* --- matmul --- */

static const int mm_sizes[][3] = {
  { 1, 1, 1 }, { 1, 1000, 64 }, { 3, 5, 7 }, { 17, 33, 65 }, { 64, 64, 64 },
  { 49, 10, 300 }, { 2, 130, 513 }, { 100, 31, 3 }, { 5, 8, 0 },
};

static void
test_matmul_f32 (gconstpointer data)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (7);

  if (!use_isa (data))
    return;
  for (gsize s = 0; s < G_N_ELEMENTS (mm_sizes); s++)
    for (int tb = 0; tb < 2; tb++)
      {
        int m = mm_sizes[s][0], n = mm_sizes[s][1], k = mm_sizes[s][2];
        g_autofree float *a = g_new (float, (gsize) m * k + 1);
        g_autofree float *b = g_new (float, (gsize) k * n + 1);
        g_autofree float *ref = g_new (float, (gsize) m * n);
        g_autofree float *fast = g_new (float, (gsize) m * n);
        g_autofree char *what = g_strdup_printf ("matmul f32 %dx%dx%d%s", m, n, k, tb ? " transpose_b" : "");

        for (gsize i = 0; i < (gsize) m * k; i++)
          a[i] = (float) g_rand_double_range (r, -1, 1);
        for (gsize i = 0; i < (gsize) k * n; i++)
          b[i] = (float) g_rand_double_range (r, -1, 1);
        qs_matmul_f32_ref (m, n, k, a, b, tb, ref);
        memset (fast, 0xff, sizeof (float) * m * n);
        qs_matmul_f32 (m, n, k, a, b, tb, fast);
        check_f32 (fast, ref, (gsize) m * n, k, what);
      }
}

static void
test_matmul_int8 (gconstpointer data)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (8);

  if (!use_isa (data))
    return;
  for (gsize s = 0; s < G_N_ELEMENTS (mm_sizes); s++)
    for (int tb = 0; tb < 2; tb++)
      for (int extremes = 0; extremes < 2; extremes++)
        {
          int m = mm_sizes[s][0], n = mm_sizes[s][1], k = mm_sizes[s][2];
          g_autofree guint8 *a = g_new (guint8, (gsize) m * k + 1);
          g_autofree gint8 *b = g_new (gint8, (gsize) k * n + 1);
          g_autofree gint32 *ref = g_new (gint32, (gsize) m * n);
          g_autofree gint32 *fast = g_new (gint32, (gsize) m * n);
          g_autofree char *what = g_strdup_printf ("matmul u8s8 %dx%dx%d%s", m, n, k, tb ? " transpose_b" : "");

          for (gsize i = 0; i < (gsize) m * k; i++)
            a[i] = extremes ? 255 : (guint8) g_rand_int_range (r, 0, 256);
          for (gsize i = 0; i < (gsize) k * n; i++)
            b[i] = extremes ? -128 : (gint8) g_rand_int_range (r, -128, 128);
          qs_matmul_u8s8s32_ref (m, n, k, a, b, tb, ref);
          memset (fast, 0x5a, sizeof (gint32) * m * n);
          qs_matmul_u8s8s32 (m, n, k, a, b, tb, fast);
          check_s32 (fast, ref, (gsize) m * n, what);
        }
}

/* --- worked by hand --- */

static void
test_hand_conv_f32 (void)
{
  /* 3x3 image 1..9, 2x2 kernel of ones, bias 0.5: sums of each 2x2 window */
  const float src[9] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
  const float w[4] = { 1, 1, 1, 1 };
  const float bias[1] = { 0.5f };
  const float expected[4] = { 12.5f, 16.5f, 24.5f, 28.5f };
  QsConvParams p = { .n = 1, .ic = 1, .ih = 3, .iw = 3, .oc = 1, .kh = 2, .kw = 2,
                     .groups = 1, .stride_h = 1, .stride_w = 1, .dil_h = 1, .dil_w = 1 };
  float ref[4], fast[4];
  QsConvF32 *conv;

  g_assert_true (qs_conv_params_init (&p, NULL));
  g_assert_cmpint (p.oh, ==, 2);
  g_assert_cmpint (p.ow, ==, 2);
  qs_conv2d_f32_ref (&p, src, w, bias, ref);
  conv = qs_conv_f32_prepare (&p, w, bias);
  qs_conv_f32_run (conv, src, fast);
  qs_conv_f32_free (conv);
  for (int i = 0; i < 4; i++)
    {
      g_assert_cmpfloat (ref[i], ==, expected[i]);
      g_assert_cmpfloat (fast[i], ==, expected[i]);
    }

  {
    /* depthwise 1x1, two channels, weights 2 and -1 */
    const float s2[4] = { 1, 2, 3, 4 };
    const float w2[2] = { 2, -1 };
    const float e2[4] = { 2, 4, -3, -4 };
    QsConvParams q = { .n = 1, .ic = 2, .ih = 1, .iw = 2, .oc = 2, .kh = 1, .kw = 1,
                       .groups = 2, .stride_h = 1, .stride_w = 1, .dil_h = 1, .dil_w = 1 };
    float o[4];

    g_assert_true (qs_conv_params_init (&q, NULL));
    conv = qs_conv_f32_prepare (&q, w2, NULL);
    qs_conv_f32_run (conv, s2, o);
    qs_conv_f32_free (conv);
    for (int i = 0; i < 4; i++)
      g_assert_cmpfloat (o[i], ==, e2[i]);
  }
}

static void
test_hand_conv_int8 (void)
{
  /* 2x2 image, 3x3 kernel, pad 1 with pad value 10: every window holds the
   * four pixels and five pads.  Weights 1 but 3 in the centre:
   * out = 5 * 10 + (1 + 2 + 3 + 4) + 2 * centre pixel. */
  const guint8 src[4] = { 1, 2, 3, 4 };
  const gint8 w[9] = { 1, 1, 1, 1, 3, 1, 1, 1, 1 };
  const gint32 expected[4] = { 62, 64, 66, 68 };
  QsConvParams p = { .n = 1, .ic = 1, .ih = 2, .iw = 2, .oc = 1, .kh = 3, .kw = 3,
                     .groups = 1, .stride_h = 1, .stride_w = 1, .dil_h = 1, .dil_w = 1,
                     .pad_top = 1, .pad_left = 1, .pad_bottom = 1, .pad_right = 1 };
  gint32 ref[4], fast[4];
  QsConvInt8 *conv;

  g_assert_true (qs_conv_params_init (&p, NULL));
  qs_conv2d_u8s8s32_ref (&p, src, 10, w, ref);
  conv = qs_conv_int8_prepare (&p, w);
  qs_conv_int8_run (conv, src, 10, fast);
  qs_conv_int8_free (conv);
  for (int i = 0; i < 4; i++)
    {
      g_assert_cmpint (ref[i], ==, expected[i]);
      g_assert_cmpint (fast[i], ==, expected[i]);
    }

  {
    /* 255 * -128 over 8 input channels: -261120, far beyond i16 pair sums */
    guint8 s8[8];
    gint8 w8[8];
    gint32 o = 0;
    QsConvParams q = { .n = 1, .ic = 8, .ih = 1, .iw = 1, .oc = 1, .kh = 1, .kw = 1,
                       .groups = 1, .stride_h = 1, .stride_w = 1, .dil_h = 1, .dil_w = 1 };

    memset (s8, 255, sizeof s8);
    memset (w8, -128, sizeof w8);
    g_assert_true (qs_conv_params_init (&q, NULL));
    conv = qs_conv_int8_prepare (&q, w8);
    qs_conv_int8_run (conv, s8, 0, &o);
    qs_conv_int8_free (conv);
    g_assert_cmpint (o, ==, -261120);
  }
}

static void
test_hand_matmul (void)
{
  const float a[6] = { 1, 2, 3, 4, 5, 6 };
  const float b[6] = { 7, 8, 9, 10, 11, 12 };          /* [3, 2] */
  const float bt[6] = { 7, 9, 11, 8, 10, 12 };         /* the same, [2, 3] */
  const float expected[4] = { 58, 64, 139, 154 };
  const guint8 ua[4] = { 1, 2, 3, 4 };
  const gint8 sb[4] = { 5, -6, -7, 8 };
  const gint32 iexpected[4] = { -9, 10, -13, 14 };
  float c[4];
  gint32 ic[4];

  qs_matmul_f32_ref (2, 2, 3, a, b, FALSE, c);
  for (int i = 0; i < 4; i++)
    g_assert_cmpfloat (c[i], ==, expected[i]);
  qs_matmul_f32 (2, 2, 3, a, bt, TRUE, c);
  for (int i = 0; i < 4; i++)
    g_assert_cmpfloat (c[i], ==, expected[i]);
  qs_matmul_f32 (2, 2, 3, a, b, FALSE, c);
  for (int i = 0; i < 4; i++)
    g_assert_cmpfloat (c[i], ==, expected[i]);

  qs_matmul_u8s8s32_ref (2, 2, 2, ua, sb, FALSE, ic);
  for (int i = 0; i < 4; i++)
    g_assert_cmpint (ic[i], ==, iexpected[i]);
  qs_matmul_u8s8s32 (2, 2, 2, ua, sb, FALSE, ic);
  for (int i = 0; i < 4; i++)
    g_assert_cmpint (ic[i], ==, iexpected[i]);
}


/* Weights packed once, run for several m (1: no transpose), against the
 * reference; the column sums against a plain sum. */
static void
test_matmul_int8_prepared (gconstpointer data)
{
  static const int nk[][2] = { { 1000, 64 }, { 33, 65 }, { 7, 3 }, { 130, 513 }, { 8, 0 } };
  static const int ms[] = { 1, 2, 5, 40 };
  g_autoptr(GRand) r = g_rand_new_with_seed (9);

  if (!use_isa (data))
    return;
  for (gsize s = 0; s < G_N_ELEMENTS (nk); s++)
    for (int tb = 0; tb < 2; tb++)
      {
        int n = nk[s][0], k = nk[s][1];
        g_autofree gint8 *b = g_new (gint8, (gsize) k * n + 1);
        QsMatmulInt8 *mm;

        for (gsize i = 0; i < (gsize) k * n; i++)
          b[i] = (gint8) g_rand_int_range (r, -128, 128);
        mm = qs_matmul_int8_prepare (n, k, b, tb);
        for (int j = 0; j < n; j++)
          {
            gint32 sum = 0;

            for (int t = 0; t < k; t++)
              sum += tb ? b[(gsize) j * k + t] : b[(gsize) t * n + j];
            g_assert_cmpint (qs_matmul_int8_col_sums (mm)[j], ==, sum);
          }
        for (gsize mi = 0; mi < G_N_ELEMENTS (ms); mi++)
          {
            int m = ms[mi];
            g_autofree guint8 *a = g_new (guint8, (gsize) m * k + 1);
            g_autofree gint32 *ref = g_new (gint32, (gsize) m * n);
            g_autofree gint32 *fast = g_new (gint32, (gsize) m * n);
            g_autofree char *what = g_strdup_printf ("prepared matmul int8 %dx%dx%d%s",
                                                     m, n, k, tb ? " transpose_b" : "");

            for (gsize i = 0; i < (gsize) m * k; i++)
              a[i] = (guint8) g_rand_int_range (r, 0, 256);
            qs_matmul_u8s8s32_ref (m, n, k, a, b, tb, ref);
            memset (fast, 0x5a, sizeof (gint32) * m * n);
            qs_matmul_int8_run (mm, m, a, fast);
            check_s32 (fast, ref, (gsize) m * n, what);
          }
        qs_matmul_int8_free (mm);
      }
}

/* --- the work split: any thread count gives the one-thread bits --- */

static const guint split_threads[] = { 2, 3, 5 };

static const Shape thread_shapes[] = {
  /* n   ic  ih  iw   oc kh kw   g  sh sw dh dw pt pl pb pr */
  { 1,  64, 28, 28,  64, 3, 3,  1, 1, 1, 1, 1, 1, 1, 1, 1 },   /* early: cut by pixels */
  { 1, 256,  7,  7, 256, 3, 3,  1, 1, 1, 1, 1, 1, 1, 1, 1 },   /* deep: cut by channels */
  { 1, 256, 14, 14,  72, 1, 1,  1, 1, 1, 1, 1, 0, 0, 0, 0 },   /* 1x1, B in place, K > KC */
  { 1,  60, 15, 17,  90, 3, 3,  1, 2, 2, 1, 1, 1, 1, 0, 1 },   /* stride 2: packed B */
  { 2, 128, 10, 10, 128, 3, 3, 32, 1, 1, 1, 1, 1, 1, 1, 1 },   /* 32 groups in one call */
  { 1,  48, 20, 20,  96, 3, 3, 48, 1, 1, 1, 1, 1, 1, 1, 1 },   /* depthwise x2 */
  { 1, 600,  6,  6,  40, 3, 3,  1, 1, 1, 1, 1, 1, 1, 1, 1 },   /* K > KC, direct */
  { 1, 260, 14, 14, 128, 3, 3,  1, 1, 1, 1, 1, 1, 1, 1, 1 },   /* channel-vector, cut by channels:
                                                                 * 260 planes, 65 quads in ragged chunks */
  { 1, 1024, 14, 14, 256, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0 },   /* res4 1x1 1024->256 */
  { 2, 1030,  7,  7,  60, 1, 1,  2, 1, 1, 1, 1, 0, 0, 0, 0 },   /* 1x1, groups, ragged quad */
  { 2, 1030,  7,  7, 512, 1, 1,  1, 1, 1, 1, 1, 0, 0, 0, 0 },   /* res5-like 1x1, channel-vector:
                                                                 * sub-blocks by rows share a thread's
                                                                 * packed B, two images */
  /* depthwise on wide planes */
  { 1,   6, 120, 600,  6, 3, 3,  6, 2, 2, 1, 1, 1, 1, 1, 1 },   /* stride 2 */
  { 1,   4, 90, 700,   8, 3, 3,  4, 1, 1, 2, 2, 2, 2, 2, 2 },   /* dilation, x2 */
};

static void
threads_conv (gconstpointer data)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (12);

  if (!use_isa (data))
    return;
  for (gsize s = 0; s < G_N_ELEMENTS (thread_shapes); s++)
    {
      QsConvParams p = params_of (&thread_shapes[s]);
      gsize n_src = (gsize) p.n * p.ic * p.ih * p.iw;
      gsize n_w = (gsize) p.oc * (p.ic / p.groups) * p.kh * p.kw;
      gsize n_dst = (gsize) p.n * p.oc * p.oh * p.ow;
      g_autofree float *srcf = g_new (float, n_src);
      g_autofree float *wf = g_new (float, n_w);
      g_autofree float *bias = g_new (float, p.oc);
      g_autofree guint8 *srcu = g_new (guint8, n_src);
      g_autofree gint8 *wi = g_new (gint8, n_w);
      g_autofree float *one_f = g_new (float, n_dst);
      g_autofree float *many_f = g_new (float, n_dst);
      g_autofree gint32 *one_i = g_new (gint32, n_dst);
      g_autofree gint32 *many_i = g_new (gint32, n_dst);
      g_autofree gint32 *ref_i = g_new (gint32, n_dst);
      g_autofree char *what = describe (&p);
      QsConvF32 *cf;
      QsConvInt8 *ci;

      for (gsize i = 0; i < n_src; i++)
        {
          srcf[i] = (float) g_rand_double_range (r, -1, 1);
          srcu[i] = (guint8) g_rand_int_range (r, 0, 256);
        }
      for (gsize i = 0; i < n_w; i++)
        {
          wf[i] = (float) g_rand_double_range (r, -1, 1);
          wi[i] = (gint8) g_rand_int_range (r, -128, 128);
        }
      for (int i = 0; i < p.oc; i++)
        bias[i] = (float) g_rand_double_range (r, -1, 1);

      cf = qs_conv_f32_prepare (&p, wf, bias);
      ci = qs_conv_int8_prepare (&p, wi);
      qs_parallel_set_threads (1);
      qs_conv_f32_run (cf, srcf, one_f);
      qs_conv_int8_run (ci, srcu, 7, one_i);
      qs_conv2d_u8s8s32_ref (&p, srcu, 7, wi, ref_i);
      check_s32 (one_i, ref_i, n_dst, what);

      for (gsize t = 0; t < G_N_ELEMENTS (split_threads); t++)
        {
          qs_parallel_set_threads (split_threads[t]);
          for (int rep = 0; rep < 3; rep++)
            {
              memset (many_f, 0xff, sizeof (float) * n_dst);
              memset (many_i, 0x5a, sizeof (gint32) * n_dst);
              qs_conv_f32_run (cf, srcf, many_f);
              qs_conv_int8_run (ci, srcu, 7, many_i);
              if (memcmp (one_f, many_f, sizeof (float) * n_dst) != 0)
                g_error ("conv f32 %s: %u threads differ from one thread", what, split_threads[t]);
              check_s32 (many_i, one_i, n_dst, what);
            }
        }
      qs_conv_f32_free (cf);
      qs_conv_int8_free (ci);
    }
  qs_parallel_set_threads (0);
}

/* The ISA's fp32 padding against the portable one, bit for bit: widths
 * around the 16-column blocks, pads from 0 to 17 on either side, row
 * ranges that start and end inside the plane, and inputs with NaN
 * payloads, infinities, negative zero and denormals. */
static void
test_pad_f32 (gconstpointer data)
{
  static const int widths[] = { 1, 3, 7, 13, 14, 15, 16, 17, 28, 31, 33, 56 };
  static const int pads[][2] = { { 0, 0 }, { 1, 1 }, { 0, 2 }, { 2, 0 }, { 3, 1 }, { 15, 2 }, { 16, 1 }, { 17, 17 } };
  static const guint32 specials[] = { 0x7fc00001, 0xffa00000, 0x7f800000, 0xff800000, 0x80000000, 0x00000001 };
  const QsIsaKernels *k;
  g_autoptr(GRand) r = g_rand_new_with_seed (15);

  if (!use_isa (data))
    return;
  k = _qs_isa_kernels ((QsIsa) GPOINTER_TO_INT (data));
  if (k->pad_f32 == NULL)
    return;
  for (gsize wi = 0; wi < G_N_ELEMENTS (widths); wi++)
    for (gsize pi = 0; pi < G_N_ELEMENTS (pads); pi++)
      {
        int iw = widths[wi], ih = 5, pt = pads[pi][0] % 3, pl = pads[pi][0], pr = pads[pi][1];
        gsize wp = (gsize) pl + iw + pr, hp = (gsize) ih + pt + 2;
        g_autofree guint32 *in = g_new (guint32, (gsize) ih * iw);
        g_autofree guint32 *ref = g_new (guint32, hp * wp + 16);
        g_autofree guint32 *fast = g_new (guint32, hp * wp + 16);

        for (gsize i = 0; i < (gsize) ih * iw; i++)
          in[i] = i % 5 == 0 ? specials[g_rand_int_range (r, 0, G_N_ELEMENTS (specials))]
                             : g_rand_int (r);
        for (gsize row0 = 0; row0 < hp; row0 += 3)
          for (gsize row1 = row0 + 1; row1 <= hp; row1 += 2)
            {
              memset (ref, 0xa5, sizeof (guint32) * (hp * wp + 16));
              memset (fast, 0xa5, sizeof (guint32) * (hp * wp + 16));
              _qs_pad_rows_f32 ((const float *) in, ih, iw, pt, pl, (float *) ref, wp, row0, row1);
              k->pad_f32 ((const float *) in, ih, iw, pt, pl, (float *) fast, wp, row0, row1);
              if (memcmp (ref, fast, sizeof (guint32) * (hp * wp + 16)) != 0)
                g_error ("pad f32 %dx%d pads %d,%d,%d rows %zu-%zu: differs from the portable copy",
                         ih, iw, pt, pl, pr, row0, row1);
            }
      }
}

/* Layers cut by output channels only, where each thread converts its own
 * copy of the padded planes (QsConvLazy): two different inputs in turn,
 * and two images per call, so that a thread's copy of an earlier input or
 * image would show; every run against its one-thread result. */
static const Shape own_shapes[] = {
  /* n   ic  ih  iw   oc kh kw   g  sh sw dh dw pt pl pb pr */
  { 1, 256,  7,  7, 256, 3, 3,  1, 1, 1, 1, 1, 1, 1, 1, 1 },   /* channel-vector, padding skipped */
  { 2, 260, 14, 14, 128, 3, 3,  1, 1, 1, 1, 1, 1, 1, 1, 1 },   /* channel-vector, two images */
  { 2, 600,  6,  6,  40, 3, 3,  1, 1, 1, 1, 1, 1, 1, 1, 1 },   /* row kernels on the planes */
  { 1, 130,  9, 11, 192, 3, 3,  1, 1, 1, 1, 1, 2, 0, 1, 2 },   /* uneven pads, ragged quads */
};

static void
threads_own_planes (gconstpointer data)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (14);
  guint64 own_before = _qs_gemm_own_planes_runs ();

  if (!use_isa (data))
    return;
  for (gsize s = 0; s < G_N_ELEMENTS (own_shapes); s++)
    {
      QsConvParams p = params_of (&own_shapes[s]);
      gsize n_src = (gsize) p.n * p.ic * p.ih * p.iw;
      gsize n_w = (gsize) p.oc * (p.ic / p.groups) * p.kh * p.kw;
      gsize n_dst = (gsize) p.n * p.oc * p.oh * p.ow;
      g_autofree float *srcf = g_new (float, 2 * n_src);
      g_autofree guint8 *srcu = g_new (guint8, 2 * n_src);
      g_autofree float *wf = g_new (float, n_w);
      g_autofree gint8 *wi = g_new (gint8, n_w);
      g_autofree float *one_f = g_new (float, 2 * n_dst);
      g_autofree gint32 *one_i = g_new (gint32, 2 * n_dst);
      g_autofree gint32 *ref_i = g_new (gint32, n_dst);
      g_autofree float *many_f = g_new (float, n_dst);
      g_autofree gint32 *many_i = g_new (gint32, n_dst);
      g_autofree char *what = describe (&p);
      QsConvF32 *cf;
      QsConvInt8 *ci;

      for (gsize i = 0; i < 2 * n_src; i++)
        {
          srcf[i] = (float) g_rand_double_range (r, -1, 1);
          srcu[i] = (guint8) g_rand_int_range (r, 0, 256);
        }
      for (gsize i = 0; i < n_w; i++)
        {
          wf[i] = (float) g_rand_double_range (r, -1, 1);
          wi[i] = (gint8) g_rand_int_range (r, -128, 128);
        }
      cf = qs_conv_f32_prepare (&p, wf, NULL);
      ci = qs_conv_int8_prepare (&p, wi);
      qs_parallel_set_threads (1);
      for (int in = 0; in < 2; in++)
        {
          qs_conv_f32_run (cf, srcf + in * n_src, one_f + in * n_dst);
          qs_conv_int8_run (ci, srcu + in * n_src, (guint8) (3 + in), one_i + in * n_dst);
          qs_conv2d_u8s8s32_ref (&p, srcu + in * n_src, (guint8) (3 + in), wi, ref_i);
          check_s32 (one_i + in * n_dst, ref_i, n_dst, what);
        }
      for (gsize t = 0; t < G_N_ELEMENTS (split_threads); t++)
        {
          qs_parallel_set_threads (split_threads[t]);
          for (int rep = 0; rep < 4; rep++)
            {
              int in = rep % 2;

              memset (many_f, 0xff, sizeof (float) * n_dst);
              memset (many_i, 0x5a, sizeof (gint32) * n_dst);
              qs_conv_f32_run (cf, srcf + in * n_src, many_f);
              qs_conv_int8_run (ci, srcu + in * n_src, (guint8) (3 + in), many_i);
              if (memcmp (one_f + in * n_dst, many_f, sizeof (float) * n_dst) != 0)
                g_error ("conv f32 %s, input %d: %u threads differ from one thread",
                         what, in, split_threads[t]);
              check_s32 (many_i, one_i + in * n_dst, n_dst, what);
            }
        }
      qs_conv_f32_free (cf);
      qs_conv_int8_free (ci);
    }
  qs_parallel_set_threads (0);
  /* the scalar and AVX2 row kernels too: every shape here is cut by
   * channels at two threads */
  g_assert_cmpuint (_qs_gemm_own_planes_runs (), >, own_before);
}

static void
threads_matmul (gconstpointer data)
{
  static const int sizes[][3] = { { 200, 300, 260 }, { 1, 1000, 512 }, { 37, 129, 700 }, { 512, 33, 96 } };
  g_autoptr(GRand) r = g_rand_new_with_seed (13);

  if (!use_isa (data))
    return;
  for (gsize s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (int tb = 0; tb < 2; tb++)
      {
        int m = sizes[s][0], n = sizes[s][1], k = sizes[s][2];
        gsize mn = (gsize) m * n;
        g_autofree float *af = g_new (float, (gsize) m * k);
        g_autofree float *bf = g_new (float, (gsize) k * n);
        g_autofree guint8 *au = g_new (guint8, (gsize) m * k);
        g_autofree gint8 *bi = g_new (gint8, (gsize) k * n);
        g_autofree float *one_f = g_new (float, mn);
        g_autofree float *many_f = g_new (float, mn);
        g_autofree gint32 *one_i = g_new (gint32, mn);
        g_autofree gint32 *many_i = g_new (gint32, mn);
        g_autofree gint32 *ref_i = g_new (gint32, mn);

        for (gsize i = 0; i < (gsize) m * k; i++)
          {
            af[i] = (float) g_rand_double_range (r, -1, 1);
            au[i] = (guint8) g_rand_int_range (r, 0, 256);
          }
        for (gsize i = 0; i < (gsize) k * n; i++)
          {
            bf[i] = (float) g_rand_double_range (r, -1, 1);
            bi[i] = (gint8) g_rand_int_range (r, -128, 128);
          }
        qs_parallel_set_threads (1);
        qs_matmul_f32 (m, n, k, af, bf, tb, one_f);
        qs_matmul_u8s8s32 (m, n, k, au, bi, tb, one_i);
        qs_matmul_u8s8s32_ref (m, n, k, au, bi, tb, ref_i);
        check_s32 (one_i, ref_i, mn, "matmul int8, one thread");
        for (gsize t = 0; t < G_N_ELEMENTS (split_threads); t++)
          {
            qs_parallel_set_threads (split_threads[t]);
            qs_matmul_f32 (m, n, k, af, bf, tb, many_f);
            qs_matmul_u8s8s32 (m, n, k, au, bi, tb, many_i);
            if (memcmp (one_f, many_f, sizeof (float) * mn) != 0)
              g_error ("matmul f32 %dx%dx%d: %u threads differ from one thread",
                       m, n, k, split_threads[t]);
            check_s32 (many_i, one_i, mn, "matmul int8, several threads");
          }
      }
  qs_parallel_set_threads (0);
}

/* Against an even share of the blocks, the busiest thread's. */
static void
check_split (const QsGemm *g,
             guint         t,
             gsize         rp,
             gsize         cp)
{
  gsize rb = (g->rows + g->uk->mr - 1) / g->uk->mr, pn = (g->cols + g->uk->nr - 1) / g->uk->nr;
  gsize rounds = (rp * cp + t - 1) / t;
  gsize biggest = ((rb + rp - 1) / rp) * ((pn + cp - 1) / cp);

  g_assert_cmpuint (rp, >=, 1);
  g_assert_cmpuint (cp, >=, 1);
  g_assert_cmpuint (rp, <=, rb);
  g_assert_cmpuint (cp, <=, pn);
  if (t == 1)
    g_assert_cmpuint (rp * cp, ==, 1);
  else
    {
      g_assert_cmpuint (rp * cp, <=, 4 * t);
      g_assert_cmpfloat (rounds * biggest, <=, 1.25 * rb * pn / t);
    }
}

/* The grid _qs_gemm_split picks: one task on one thread, enough tasks for
 * every thread on a big product, never more parts than blocks, and a cut by
 * channels when the weights dominate, by pixels when the input does. */
static void
test_split (void)
{
  const QsIsaKernels *k = _qs_isa_kernels (qs_kernels_get_isa ());
  QsGemm deep = { .uk = &k->u8s8, .rows = 512, .cols = 61, .kq = 1152, .b_units = 128 * 81 };
  QsGemm early = { .uk = &k->u8s8, .rows = 64, .cols = 3248, .kq = 144, .b_units = 16 * 58 * 58 };
  QsGemm tiny = { .uk = &k->u8s8, .rows = 8, .cols = 20, .kq = 9 };
  gsize rp, cp;

  for (guint t = 1; t <= 16; t++)
    {
      _qs_gemm_split (&deep, t, &rp, &cp);
      check_split (&deep, t, rp, cp);
      if (t > 1)
        g_assert_cmpuint (rp, >=, cp);

      _qs_gemm_split (&early, t, &rp, &cp);
      check_split (&early, t, rp, cp);
      if (t > 1)
        g_assert_cmpuint (cp, >=, rp);

      _qs_gemm_split (&tiny, t, &rp, &cp);
      g_assert_cmpuint (rp * cp, ==, 1);
    }
}

/* --- shapes, ISA, threads --- */

static void
test_params (void)
{
  QsConvParams p = { .n = 1, .ic = 6, .ih = 8, .iw = 8, .oc = 4, .kh = 3, .kw = 3,
                     .groups = 4, .stride_h = 1, .stride_w = 1, .dil_h = 1, .dil_w = 1 };
  g_autoptr(GError) error = NULL;

  g_assert_false (qs_conv_params_init (&p, &error));
  g_assert_error (error, QS_KERNELS_ERROR, QS_KERNELS_ERROR_INVALID_SHAPE);
  g_clear_error (&error);

  p.groups = 2;
  p.kh = 11;
  g_assert_false (qs_conv_params_init (&p, &error));
  g_assert_error (error, QS_KERNELS_ERROR, QS_KERNELS_ERROR_INVALID_SHAPE);
  g_clear_error (&error);

  /* (8 + 1 + 2 - 2 * (3 - 1) - 1) / 2 + 1 = 4 */
  p.kh = 3;
  p.stride_h = 2;
  p.dil_h = 2;
  p.pad_top = 1;
  p.pad_bottom = 2;
  g_assert_true (qs_conv_params_init (&p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (p.oh, ==, 4);
  g_assert_cmpint (p.ow, ==, 6);
}

static void
test_isa (void)
{
  QsIsa best = qs_kernels_detect_isa ();

  g_assert_cmpstr (qs_isa_name (QS_ISA_SCALAR), ==, "scalar");
  g_assert_cmpstr (qs_isa_name (QS_ISA_AVX2), ==, "avx2");
  g_assert_cmpstr (qs_isa_name (QS_ISA_AVX512_VNNI), ==, "avx512vnni");
  qs_kernels_set_isa (QS_ISA_AVX512_VNNI);
  g_assert_cmpint (qs_kernels_get_isa (), ==, best);   /* clamped */
  qs_kernels_set_isa (QS_ISA_SCALAR);
  g_assert_cmpint (qs_kernels_get_isa (), ==, QS_ISA_SCALAR);
  qs_kernels_set_isa (best);
}

typedef struct
{
  gint  *hits;
  gsize  n;
  gint   nested_total;
} ParJob;

static void
nested_func (gsize i, gpointer data)
{
  ParJob *job = data;

  g_atomic_int_inc (&job->nested_total);
}

static void
par_func (gsize i, gpointer data)
{
  ParJob *job = data;
  ParJob inner = { 0 };

  g_atomic_int_inc (&job->hits[i]);
  if (i % 97 == 0)
    {
      qs_parallel_for (5, nested_func, &inner);    /* runs serially, must not deadlock */
      g_assert_cmpint (inner.nested_total, ==, 5);
    }
}

static void
test_parallel (void)
{
  guint counts[] = { 0, 1, 2, 3 };

  for (gsize t = 0; t < G_N_ELEMENTS (counts); t++)
    {
      qs_parallel_set_threads (counts[t]);
      g_assert_cmpuint (qs_parallel_get_threads (), ==,
                        counts[t] ? counts[t] : (guint) g_get_num_processors ());
      for (gsize n = 0; n < 2000; n = n * 3 + 1)
        for (int rep = 0; rep < 20; rep++)
          {
            g_autofree gint *hits = g_new0 (gint, n + 1);
            ParJob job = { hits, n, 0 };

            qs_parallel_for (n, par_func, &job);
            for (gsize i = 0; i < n; i++)
              g_assert_cmpint (hits[i], ==, 1);
          }
    }
  qs_parallel_set_threads (0);
}

/* Every change of the thread count restarts the pool.  New workers once
 * took the generation counter's later value for a new job and ran the old
 * pool's last job again (its data long gone in real use), racing the
 * caller that was setting up the next job: a crash in about one run of the
 * kernels suite in three.  Every job here stays alive to the end, so a
 * stale run shows as an old job's index counted twice, and a caller let
 * go early as a new job's index not counted yet. */
static void
test_parallel_restart (void)
{
  enum { ROUNDS = 400, N = 48 };
  g_autofree gint *hits = g_new0 (gint, ROUNDS * N);
  g_autofree ParJob *jobs = g_new0 (ParJob, ROUNDS);

  for (gsize r = 0; r < ROUNDS; r++)
    {
      jobs[r].hits = hits + r * N;
      jobs[r].n = N;
      qs_parallel_set_threads (2 + r % 2);
      qs_parallel_for (N, par_func, &jobs[r]);
      for (gsize i = 0; i < N; i++)
        g_assert_cmpint (jobs[r].hits[i], ==, 1);
    }
  for (gsize i = 0; i < ROUNDS * N; i++)
    g_assert_cmpint (hits[i], ==, 1);
  qs_parallel_set_threads (0);
}

/* Many short jobs, most drained by the caller before a worker joins, with
 * the run hint toggled (workers spinning or asleep between jobs) and the
 * thread count changed under them, from two callers at once (the second
 * finds the pool busy and runs serially).  A job's index counted twice or
 * not at all, a hang or a crash fails it. */
typedef struct
{
  guint seed;
  guint n_jobs;
} StressArgs;

/* Counts its index, then works a while (0 to a few microseconds) so that
 * workers are still inside a job when the caller has drained the rest. */
static void
stress_func (gsize i, gpointer data)
{
  ParJob *job = data;
  volatile guint spin = 0;

  g_atomic_int_inc (&job->hits[i]);
  for (guint k = 0; k < (i % 7) * 300; k++)
    spin++;
}

static gpointer
stress_caller (gpointer data)
{
  StressArgs *args = data;
  g_autoptr(GRand) rnd = g_rand_new_with_seed (args->seed);
  gint hits[64];

  for (guint r = 0; r < args->n_jobs; r++)
    {
      gsize n = (gsize) g_rand_int_range (rnd, 0, 64);
      ParJob job = { hits, n, 0 };
      gboolean hint = g_rand_int_range (rnd, 0, 3) != 0;

      memset (hits, 0, sizeof hits);
      if (hint)
        qs_parallel_run_begin ();
      qs_parallel_for (n, r % 2 ? stress_func : par_func, &job);
      if (hint)
        qs_parallel_run_end ();
      for (gsize i = 0; i < n; i++)
        g_assert_cmpint (hits[i], ==, 1);
      if (args->seed == 1 && r % 700 == 699)
        qs_parallel_set_threads (1 + g_rand_int_range (rnd, 0, 3));
    }
  return NULL;
}

static void
test_parallel_stress (void)
{
  StressArgs a = { 1, 20000 }, b = { 2, 5000 };
  GThread *other;

  qs_parallel_set_threads (2);
  other = g_thread_new ("stress", stress_caller, &b);
  stress_caller (&a);
  g_thread_join (other);
  /* a run left open keeps the workers spinning, bounded: the pool must
   * still stop */
  qs_parallel_run_begin ();
  stress_caller (&b);
  qs_parallel_set_threads (3);
  stress_caller (&b);
  qs_parallel_run_end ();
  qs_parallel_set_threads (0);
}

/* --- the channel-vector kernels --- */

/* Shapes the channel-vector kernels take (whole blocks of 64 output
 * channels, stride 1, images whose wide rows waste 32-pixel vectors). */
static const Shape cv_shapes[] = {
  /* n  ic  ih  iw  oc kh kw  g  sh sw dh dw pt pl pb pr */
  { 1, 64, 7, 7, 64, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1 },     /* res5-like, int8 K in one slice */
  { 1, 130, 7, 7, 128, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1 },   /* K over several slices, ragged quad */
  { 2, 60, 14, 14, 64, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1 },   /* n 2, 196 pixels */
  { 1, 128, 5, 9, 256, 3, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1 },   /* groups of 128 channels */
  { 1, 88, 6, 5, 64, 3, 2, 1, 1, 1, 2, 1, 2, 0, 1, 1 },     /* dilation, asymmetric pads */
  { 1, 57, 3, 3, 64, 3, 3, 1, 1, 1, 1, 1, 0, 0, 0, 0 },     /* one output pixel */
  { 1, 70, 7, 7, 64, 5, 3, 1, 1, 1, 1, 1, 2, 1, 2, 1 },     /* pads of 2: more border classes */
  { 1, 64, 3, 3, 64, 3, 3, 1, 1, 1, 1, 1, 3, 3, 3, 3 },     /* pixels whose every tap is padding */
  { 1, 512, 7, 7, 64, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1 },    /* K long enough for int8 to skip */
  { 1, 300, 3, 3, 64, 3, 3, 1, 1, 1, 1, 1, 3, 3, 3, 3 },    /* the same, every tap padding */
  { 2, 760, 7, 7, 128, 3, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1 },   /* skipping in groups, n 2 */
  /* plain 1x1: fp32 sums K in the row path's slices, int8 packs B per task */
  { 1, 512, 7, 7, 128, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0 },
  { 1, 1030, 3, 5, 64, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0 },   /* ragged quad, 15 pixels */
  { 2, 1200, 7, 7, 128, 1, 1, 2, 1, 1, 1, 1, 0, 0, 0, 0 },  /* groups, n 2 */
};

/* Equal bits, or both NaN (which NaN an FMA passes on may depend on the
 * order of its operands, which the compiler picks). */
static gboolean
same_f32 (float x, float y)
{
  return memcmp (&x, &y, sizeof (float)) == 0 || (isnan (x) && isnan (y));
}

/* Random values with a sprinkle of huge and tiny ones and, one in
 * one_in_nonfinite, NaN or an infinity (rare enough that most outputs
 * stay finite and their bits are compared). */
static float
wild_f32 (GRand *r,
          int    one_in_nonfinite)
{
  if (g_rand_int_range (r, 0, one_in_nonfinite) == 0)
    return g_rand_boolean (r) ? NAN : -INFINITY;
  switch (g_rand_int_range (r, 0, 400))
    {
    case 0: return 3e30f;
    case 1: return -1e-40f;   /* subnormal */
    case 2: return 1e-30f;
    default: return (float) g_rand_double_range (r, -1, 1);
    }
}

/* A convolution's random inputs for both kernels: f32 and u8 data, f32 and
 * i8 weights, a bias, drawn from @r in that order. */
typedef struct
{
  float  *srcf, *wf, *bias;
  guint8 *srcu;
  gint8  *wi;
} ConvInputs;

static void
conv_inputs_free (ConvInputs *in)
{
  g_free (in->srcf);
  g_free (in->wf);
  g_free (in->bias);
  g_free (in->srcu);
  g_free (in->wi);
  g_free (in);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConvInputs, conv_inputs_free)

static ConvInputs *
conv_inputs_new (const QsConvParams *p,
                 GRand              *r)
{
  ConvInputs *in = g_new0 (ConvInputs, 1);
  gsize n_src = (gsize) p->n * p->ic * p->ih * p->iw;
  gsize n_w = (gsize) p->oc * (p->ic / p->groups) * p->kh * p->kw;

  in->srcf = g_new (float, n_src);
  in->srcu = g_new (guint8, n_src);
  in->wf = g_new (float, n_w);
  in->wi = g_new (gint8, n_w);
  in->bias = g_new (float, p->oc);
  for (gsize i = 0; i < n_src; i++)
    {
      in->srcf[i] = wild_f32 (r, 5000);
      in->srcu[i] = (guint8) g_rand_int_range (r, 0, 256);
    }
  for (gsize i = 0; i < n_w; i++)
    {
      in->wf[i] = wild_f32 (r, 1 << 30);
      in->wi[i] = (gint8) g_rand_int_range (r, -128, 128);
    }
  for (int i = 0; i < p->oc; i++)
    in->bias[i] = wild_f32 (r, 50);
  return in;
}

/* The channel-vector path against the row kernels it replaces: fp32 bit for
 * bit (the same chain of FMAs per output), int8 exactly and against the
 * reference, on one thread and several. */
static void
test_cv (gconstpointer data)
{
  static const guint threads[] = { 1, 2, 3, 5 };
  g_autoptr(GRand) r = g_rand_new_with_seed (64);

  if (!use_isa (data))
    return;
  if (_qs_isa_kernels (qs_kernels_get_isa ())->f32_cv.funcs == NULL)
    {
      g_test_skip ("no channel-vector kernels for this ISA");
      return;
    }
  for (gsize s = 0; s < G_N_ELEMENTS (cv_shapes); s++)
    {
      QsConvParams p = params_of (&cv_shapes[s]);
      const QsIsaKernels *k = _qs_isa_kernels (qs_kernels_get_isa ());
      gsize n_dst = (gsize) p.n * p.oc * p.oh * p.ow;
      g_autoptr(ConvInputs) in = conv_inputs_new (&p, r);
      const float *srcf = in->srcf, *wf = in->wf, *bias = in->bias;
      const guint8 *srcu = in->srcu;
      const gint8 *wi = in->wi;
      g_autofree float *row_f = g_new (float, n_dst);
      g_autofree float *cv_f = g_new (float, n_dst);
      g_autofree gint32 *row_i = g_new (gint32, n_dst);
      g_autofree gint32 *cv_i = g_new (gint32, n_dst);
      g_autofree gint32 *ref_i = g_new (gint32, n_dst);
      g_autofree char *what = describe (&p);
      gboolean with_bias = s % 2 == 0;
      QsConvF32 *row_cf, *cv_cf;
      QsConvInt8 *row_ci, *cv_ci;

      g_assert_true (_qs_conv_use_cv (&p, &k->f32, &k->f32_cv,
                                      (gsize) (p.ic / p.groups) * p.kh * p.kw));
      g_assert_true (_qs_conv_use_cv (&p, &k->u8s8, &k->u8s8_cv,
                                      (gsize) (p.ic / p.groups + 3) / 4 * p.kh * p.kw));

      _qs_kernels_set_cv (FALSE);
      row_cf = qs_conv_f32_prepare (&p, wf, with_bias ? bias : NULL);
      row_ci = qs_conv_int8_prepare (&p, wi);
      _qs_kernels_set_cv (TRUE);
      cv_cf = qs_conv_f32_prepare (&p, wf, with_bias ? bias : NULL);
      cv_ci = qs_conv_int8_prepare (&p, wi);

      qs_parallel_set_threads (1);
      qs_conv_f32_run (row_cf, srcf, row_f);
      qs_conv_int8_run (row_ci, srcu, 201, row_i);
      qs_conv2d_u8s8s32_ref (&p, srcu, 201, wi, ref_i);
      check_s32 (row_i, ref_i, n_dst, what);

      {
        gsize finite = 0;

        for (gsize i = 0; i < n_dst; i++)
          finite += isfinite (row_f[i]);
        g_assert_cmpuint (finite, >=, n_dst / 2);
      }

      for (gsize t = 0; t < G_N_ELEMENTS (threads); t++)
        {
          qs_parallel_set_threads (threads[t]);
          memset (cv_f, 0x5a, sizeof (float) * n_dst);
          memset (cv_i, 0x5a, sizeof (gint32) * n_dst);
          qs_conv_f32_run (cv_cf, srcf, cv_f);
          qs_conv_int8_run (cv_ci, srcu, 201, cv_i);
          for (gsize i = 0; i < n_dst; i++)
            if (!same_f32 (cv_f[i], row_f[i]))
              g_error ("conv f32 %s, %u threads: element %" G_GSIZE_FORMAT
                       ": channel-vector %.9g, row kernel %.9g",
                       what, threads[t], i, cv_f[i], row_f[i]);
          check_s32 (cv_i, ref_i, n_dst, what);
        }
      qs_conv_f32_free (row_cf);
      qs_conv_f32_free (cv_cf);
      qs_conv_int8_free (row_ci);
      qs_conv_int8_free (cv_ci);
    }
  qs_parallel_set_threads (0);
}

/* --- depthwise micro-kernels against the one-tap-per-pass loop --- */

/* The loop the depthwise kernels had before they kept a block of outputs
 * in registers: each output is bias, then + w·s over the taps in ky, kx
 * order.  The AVX files build with -mfma and contracted every step to an
 * FMA (one rounding), the scalar file cannot; @fused says which. */
static void
dw_f32_old (const float *in, gsize wp, const float *w, float bias, float *out,
            int oh, int ow, int kh, int kw, int sh, int sw, int dh, int dw,
            gboolean fused)
{
  for (int y = 0; y < oh; y++)
    for (int x = 0; x < ow; x++)
      {
        volatile float o = bias;

        for (int ky = 0; ky < kh; ky++)
          for (int kx = 0; kx < kw; kx++)
            {
              float wv = w[ky * kw + kx];
              float sv = in[(gsize) (y * sh + ky * dh) * wp + (gsize) x * sw + (gsize) kx * dw];

              if (fused)
                o = fmaf (wv, sv, o);
              else
                {
                  volatile float prod = wv * sv;   /* rounded on its own */

                  o = o + prod;
                }
            }
        out[(gsize) y * ow + x] = o;
      }
}

static float
dw_random_float (GRand *r)
{
  switch (g_rand_int_range (r, 0, 40))
    {
    case 0: return NAN;
    case 1: return INFINITY;
    case 2: return -INFINITY;
    case 3: return -0.0f;
    case 4: return (float) g_rand_double_range (r, -1, 1) * 1e30f;
    case 5: return (float) g_rand_double_range (r, -1, 1) * 1e-38f;
    default: return (float) g_rand_double_range (r, -2, 2);
    }
}

typedef struct
{
  int oh, ow, kh, kw, sh, sw, dh, dw;
} DwShape;

static void
dw_one (const QsIsaKernels *k, gboolean fused, const DwShape *d, int extra_w, GRand *r)
{
  gsize wp = (gsize) (d->ow - 1) * d->sw + (gsize) (d->kw - 1) * d->dw + 1 + extra_w;
  gsize hp = (gsize) (d->oh - 1) * d->sh + (gsize) (d->kh - 1) * d->dh + 1;
  gsize n_out = (gsize) d->oh * d->ow, n_w = (gsize) d->kh * d->kw;
  g_autofree float *in = g_new (float, hp * wp);
  g_autofree float *w = g_new (float, n_w);
  g_autofree float *fast = g_new (float, n_out);
  g_autofree float *ref = g_new (float, n_out);
  g_autofree guint8 *in8 = g_new (guint8, hp * wp);
  g_autofree gint8 *w8 = g_new (gint8, n_w);
  g_autofree gint32 *fast8 = g_new (gint32, n_out);
  float bias = g_rand_int_range (r, 0, 4) == 0 ? -0.0f : dw_random_float (r);

  for (gsize i = 0; i < hp * wp; i++)
    {
      in[i] = dw_random_float (r);
      in8[i] = g_rand_int_range (r, 0, 256);
    }
  for (gsize i = 0; i < n_w; i++)
    {
      /* mostly finite weights, so not every output is NaN */
      w[i] = g_rand_int_range (r, 0, 8) == 0 ? dw_random_float (r)
                                             : (float) g_rand_double_range (r, -1, 1);
      w8[i] = g_rand_int_range (r, -128, 128);
    }

  k->dw_f32 (in, wp, w, bias, fast, d->oh, d->ow, d->kh, d->kw, d->sh, d->sw, d->dh, d->dw);
  dw_f32_old (in, wp, w, bias, ref, d->oh, d->ow, d->kh, d->kw, d->sh, d->sw, d->dh, d->dw, fused);
  for (gsize i = 0; i < n_out; i++)
    if (!(isnan (fast[i]) && isnan (ref[i])) && memcmp (&fast[i], &ref[i], sizeof (float)) != 0)
      g_error ("dw f32 %dx%d s%d,%d d%d,%d %dx%d: output %" G_GSIZE_FORMAT ": %a, old loop %a",
               d->kh, d->kw, d->sh, d->sw, d->dh, d->dw, d->oh, d->ow, i, fast[i], ref[i]);

  k->dw_u8 (in8, wp, w8, fast8, d->oh, d->ow, d->kh, d->kw, d->sh, d->sw, d->dh, d->dw);
  for (int y = 0; y < d->oh; y++)
    for (int x = 0; x < d->ow; x++)
      {
        gint32 a = 0;

        for (int ky = 0; ky < d->kh; ky++)
          for (int kx = 0; kx < d->kw; kx++)
            a += w8[ky * d->kw + kx] *
                 (gint32) in8[(gsize) (y * d->sh + ky * d->dh) * wp + (gsize) x * d->sw + (gsize) kx * d->dw];
        if (fast8[(gsize) y * d->ow + x] != a)
          g_error ("dw u8 %dx%d s%d,%d d%d,%d %dx%d: output (%d, %d): %d, reference %d",
                   d->kh, d->kw, d->sh, d->sw, d->dh, d->dw, d->oh, d->ow, y, x,
                   fast8[(gsize) y * d->ow + x], a);
      }

  /* The kernel on the unpadded plane: random pads of 0 to 2 on each side
   * take the pad value in the padded one, the interior goes to its own
   * buffer of exactly ih × iw bytes. */
  if (k->dw_u8_src != NULL)
    {
      int pt = MIN (g_rand_int_range (r, 0, 3), (int) hp - 1);
      int pb = MIN (g_rand_int_range (r, 0, 3), (int) hp - 1 - pt);
      int pl = MIN (g_rand_int_range (r, 0, 3), (int) wp - 1);
      int pr = MIN (g_rand_int_range (r, 0, 3), (int) wp - 1 - pl);
      int ih = (int) hp - pt - pb, iw = (int) wp - pl - pr;
      guint8 pad = g_rand_int_range (r, 0, 256);
      g_autofree guint8 *src = g_new (guint8, (gsize) ih * iw);
      g_autofree gint32 *ref8 = g_new (gint32, n_out);

      for (gsize yy = 0; yy < hp; yy++)
        for (gsize xx = 0; xx < wp; xx++)
          {
            gboolean inside = (int) yy >= pt && (int) yy < pt + ih && (int) xx >= pl && (int) xx < pl + iw;

            if (inside)
              src[(yy - pt) * iw + (xx - pl)] = in8[yy * wp + xx];
            else
              in8[yy * wp + xx] = pad;
          }
      k->dw_u8 (in8, wp, w8, ref8, d->oh, d->ow, d->kh, d->kw, d->sh, d->sw, d->dh, d->dw);
      memset (fast8, 0x5a, sizeof (gint32) * n_out);
      if (!k->dw_u8_src (src, ih, iw, pt, pl, pad, w8, fast8, d->oh, d->ow, d->kh, d->kw,
                         d->sh, d->sw, d->dh, d->dw))
        g_assert_false (_qs_dw_u8_vnni_fits (d->sw, d->dw));
      else
        for (gsize i = 0; i < n_out; i++)
          if (fast8[i] != ref8[i])
            g_error ("dw u8 unpadded %dx%d s%d,%d d%d,%d %dx%d pads %d,%d,%d,%d: output %"
                     G_GSIZE_FORMAT ": %d, padded plane %d",
                     d->kh, d->kw, d->sh, d->sw, d->dh, d->dw, d->oh, d->ow,
                     pt, pl, pb, pr, i, fast8[i], ref8[i]);
    }
}

/* Bit for bit, f32 NaN matched as NaN: random shapes (3x3, 5x5 and
 * others, strides 1 to 3, dilation, widths around every vector width),
 * plus rows and tap counts past the kernels' stack buffers. */
static void
test_dw (gconstpointer data)
{
  static const DwShape big[] = {
    { 3, 700, 5, 5, 2, 2, 1, 1 },   /* phase rows past the stack buffer */
    { 2, 37, 9, 9, 1, 1, 1, 1 },    /* 81 taps: past the stack tap list */
    { 4, 112, 3, 3, 1, 1, 1, 1 },   /* pvb2003-like rows */
    { 4, 56, 3, 3, 2, 2, 1, 1 },
    { 3, 7, 3, 3, 1, 1, 1, 1 },
    /* the VNNI kernel: pvb2003 rows, 64-output blocks and their tails,
     * several tap groups per kernel row, the widest stride/dilation pairs
     * it takes, and one it hands back */
    { 3, 54, 3, 3, 1, 1, 1, 1 },
    { 2, 216, 3, 3, 2, 2, 1, 1 },
    { 2, 64, 3, 3, 1, 1, 1, 1 },
    { 2, 65, 3, 3, 1, 1, 1, 1 },
    { 3, 129, 3, 3, 2, 2, 1, 1 },
    { 2, 1, 3, 3, 1, 1, 1, 1 },
    { 3, 70, 5, 5, 1, 1, 1, 1 },
    { 2, 40, 7, 7, 2, 2, 1, 1 },
    { 2, 33, 3, 9, 1, 1, 1, 1 },
    { 2, 50, 3, 3, 1, 3, 1, 2 },
    { 2, 50, 3, 3, 1, 4, 1, 1 },
    { 2, 50, 3, 3, 1, 1, 4, 4 },
    { 2, 50, 3, 3, 3, 3, 3, 3 },
  };
  static const int dks[] = { 1, 3, 3, 3, 5, 5, 7 };
  g_autoptr(GRand) r = g_rand_new_with_seed (20261207);
  const QsIsaKernels *k;
  gboolean fused;
  int n_vnni = 0;

  if (!use_isa (data))
    return;
  k = _qs_isa_kernels (qs_kernels_get_isa ());
  fused = qs_kernels_get_isa () != QS_ISA_SCALAR;

  for (gsize i = 0; i < G_N_ELEMENTS (big); i++)
    dw_one (k, fused, &big[i], (int) i % 3, r);
  for (int i = 0; i < 300; i++)
    {
      DwShape d;

      d.kh = dks[g_rand_int_range (r, 0, G_N_ELEMENTS (dks))];
      d.kw = g_rand_int_range (r, 0, 5) == 0 ? dks[g_rand_int_range (r, 0, G_N_ELEMENTS (dks))] : d.kh;
      d.sh = g_rand_int_range (r, 1, 3);
      d.sw = g_rand_int_range (r, 0, 8) == 0 ? 3 : d.sh;
      d.dh = g_rand_int_range (r, 0, 5) == 0 ? 2 : 1;
      d.dw = g_rand_int_range (r, 0, 5) == 0 ? 2 : d.dh;
      d.oh = g_rand_int_range (r, 1, 6);
      d.ow = g_rand_int_range (r, 1, 100);
      dw_one (k, fused, &d, g_rand_int_range (r, 0, 3), r);
      n_vnni += _qs_dw_u8_vnni_fits (d.sw, d.dw);
    }
  /* most random shapes are ones the AVX-512 VNNI int8 kernel takes */
  g_assert_cmpint (n_vnni, >=, 200);
}

/* The direct path's wide store (the micro-kernel packs a panel's output
 * columns into the NCHW rows) against the tile copy it replaces: fp32 bit
 * for bit, with and without bias, int8 exactly and against the reference,
 * on one thread and several.  Row kernels only (the channel-vector ones
 * store through their own transpose). */
static const Shape wide_shapes[] = {
  /* n  ic  ih  iw  oc kh kw  g  sh sw dh dw pt pl pb pr */
  { 1, 64, 20, 20, 40, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1 },   /* ragged row block */
  { 2, 30, 7, 7, 24, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1 },     /* panels over several rows */
  { 1, 17, 14, 14, 19, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1 },   /* 14 x 14, ragged quad */
  { 1, 12, 60, 60, 16, 3, 3, 1, 1, 1, 2, 2, 2, 2, 2, 2 },   /* dilation */
  { 1, 8, 40, 40, 16, 5, 5, 1, 1, 1, 1, 1, 2, 2, 2, 2 },    /* 5 x 5 */
  { 1, 32, 28, 28, 32, 3, 3, 4, 1, 1, 1, 1, 1, 1, 1, 1 },   /* groups */
  { 1, 9, 25, 33, 10, 3, 3, 1, 1, 1, 1, 1, 0, 2, 2, 0 },    /* asymmetric pads */
};

static void
test_wide (gconstpointer data)
{
  static const guint threads[] = { 1, 2, 3, 5 };
  g_autoptr(GRand) r = g_rand_new_with_seed (77);

  if (!use_isa (data))
    return;
  if (_qs_isa_kernels (qs_kernels_get_isa ())->f32.wide == NULL)
    {
      g_test_skip ("no wide store for this ISA");
      return;
    }
  _qs_kernels_set_cv (FALSE);
  for (gsize s = 0; s < G_N_ELEMENTS (wide_shapes); s++)
    {
      QsConvParams p = params_of (&wide_shapes[s]);
      const QsIsaKernels *k = _qs_isa_kernels (qs_kernels_get_isa ());
      gsize n_dst = (gsize) p.n * p.oc * p.oh * p.ow;
      g_autoptr(ConvInputs) in = conv_inputs_new (&p, r);
      const float *srcf = in->srcf, *wf = in->wf, *bias = in->bias;
      const guint8 *srcu = in->srcu;
      const gint8 *wi = in->wi;
      g_autofree float *tile_f = g_new (float, n_dst);
      g_autofree float *wide_f = g_new (float, n_dst);
      g_autofree gint32 *wide_i = g_new (gint32, n_dst);
      g_autofree gint32 *ref_i = g_new (gint32, n_dst);
      g_autofree char *what = describe (&p);

      g_assert_true (_qs_conv_use_direct (&p, k->f32.nr));
      g_assert_true (_qs_conv_use_direct (&p, k->u8s8.nr));
      qs_conv2d_u8s8s32_ref (&p, srcu, 99, wi, ref_i);

      for (int with_bias = 0; with_bias < 2; with_bias++)
        {
          QsConvF32 *cf = qs_conv_f32_prepare (&p, wf, with_bias ? bias : NULL);
          QsConvInt8 *ci = qs_conv_int8_prepare (&p, wi);

          qs_parallel_set_threads (1);
          _qs_kernels_set_wide_store (FALSE);
          memset (tile_f, 0x5a, sizeof (float) * n_dst);
          qs_conv_f32_run (cf, srcf, tile_f);
          _qs_kernels_set_wide_store (TRUE);
          for (gsize t = 0; t < G_N_ELEMENTS (threads); t++)
            {
              qs_parallel_set_threads (threads[t]);
              memset (wide_f, 0x5a, sizeof (float) * n_dst);
              memset (wide_i, 0x5a, sizeof (gint32) * n_dst);
              qs_conv_f32_run (cf, srcf, wide_f);
              qs_conv_int8_run (ci, srcu, 99, wide_i);
              for (gsize i = 0; i < n_dst; i++)
                if (!same_f32 (wide_f[i], tile_f[i]))
                  g_error ("conv f32 %s%s, %u threads: element %" G_GSIZE_FORMAT
                           ": wide store %.9g, tile copy %.9g", what,
                           with_bias ? " with bias" : "", threads[t], i, wide_f[i], tile_f[i]);
              check_s32 (wide_i, ref_i, n_dst, what);
            }
          qs_conv_f32_free (cf);
          qs_conv_int8_free (ci);
        }
    }
  _qs_kernels_set_cv (TRUE);
  qs_parallel_set_threads (0);
}

/* The border classes of the channel-vector path (QsCvSkip): every unit a
 * class leaves out lies in the padding for each of its pixels, and the
 * units it keeps are in K order.  Then weights that are not finite: a
 * product with the padding is then NaN, so fp32 must not leave it out, and
 * the channel-vector path still matches the row kernels bit for bit. */
static void
test_cv_skip (void)
{
  static const Shape shapes[] = {
    /* n  ic  ih  iw  oc kh kw  g  sh sw dh dw pt pl pb pr */
    { 1, 256, 7, 7, 64, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1 },
    { 1, 256, 14, 14, 64, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1 },
    { 1, 130, 6, 5, 64, 3, 2, 1, 1, 1, 2, 1, 2, 0, 1, 1 },
    { 1, 70, 3, 3, 64, 3, 3, 1, 1, 1, 1, 1, 3, 3, 3, 3 },
    { 1, 60, 5, 6, 64, 5, 3, 1, 1, 1, 1, 1, 2, 1, 2, 1 },
  };
  g_autoptr(GRand) r = g_rand_new_with_seed (65);

  for (gsize s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      QsConvParams p = params_of (&shapes[s]);
      QsCvSkip *skip = _qs_cv_skip_new (&p, (gsize) p.ic);
      gsize n_units = (gsize) p.ic * p.kh * p.kw;
      gsize khw = (gsize) p.kh * p.kw;

      g_assert_nonnull (skip);
      g_assert_cmpuint (skip->n_classes, >=, 1);
      for (gsize c = 0; c < skip->n_classes; c++)
        for (gsize i = skip->start[c]; i + 1 < skip->start[c + 1]; i++)
          g_assert_cmpuint (skip->units[i], <, skip->units[i + 1]);
      for (int oy = 0; oy < p.oh; oy++)
        for (int ox = 0; ox < p.ow; ox++)
          {
            gsize c = skip->pixel_class[(gsize) oy * p.ow + ox];
            gsize kept = 0;

            g_assert_cmpuint (c, <, skip->n_classes);
            for (gsize u = 0; u < n_units; u++)
              {
                int ky = (int) (u % khw) / p.kw, kx = (int) (u % khw) % p.kw;
                int iy = oy - p.pad_top + ky * p.dil_h, ix = ox - p.pad_left + kx * p.dil_w;
                gboolean inside = iy >= 0 && iy < p.ih && ix >= 0 && ix < p.iw;
                gboolean listed = kept < skip->start[c + 1] - skip->start[c] &&
                                  skip->units[skip->start[c] + kept] == u;

                if (listed)
                  kept++;
                else
                  g_assert_false (inside);
                g_assert_cmpint (skip->in_pad[c * khw + u % khw], ==, !listed);
              }
            g_assert_cmpuint (kept, ==, skip->start[c + 1] - skip->start[c]);
          }
      _qs_cv_skip_free (skip);
    }

  /* no padding, a stride, or too few units saved per pixel (14 x 14, 64
   * planes: 8 % of 576 units): nothing to skip */
  {
    Shape plain = { 1, 8, 7, 7, 64, 3, 3, 1, 1, 1, 1, 1, 0, 0, 0, 0 };
    Shape strided = { 1, 8, 7, 7, 64, 3, 3, 1, 2, 2, 1, 1, 1, 1, 1, 1 };
    QsConvParams p = params_of (&plain), q = params_of (&strided);

    Shape short_k = { 1, 64, 14, 14, 64, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
    QsConvParams sk = params_of (&short_k);

    g_assert_null (_qs_cv_skip_new (&p, 8));
    g_assert_null (_qs_cv_skip_new (&q, 8));
    g_assert_null (_qs_cv_skip_new (&sk, 64));
  }

  if (_qs_isa_kernels (QS_ISA_AVX512_VNNI)->f32_cv.funcs == NULL ||
      qs_kernels_detect_isa () < QS_ISA_AVX512_VNNI)
    return;
  for (gsize s = 0; s < 2; s++)
    {
      Shape sh = { 1, 130, 7, 7, 128, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
      QsConvParams p = params_of (&sh);
      gsize n_dst = (gsize) p.n * p.oc * p.oh * p.ow, n_w = (gsize) p.oc * p.ic * 9;
      g_autoptr(ConvInputs) in = conv_inputs_new (&p, r);
      g_autofree float *row_f = g_new (float, n_dst);
      g_autofree float *cv_f = g_new (float, n_dst);
      QsConvF32 *row_cf, *cv_cf;
      gsize nan_out = 0;

      /* a few weights of border taps not finite (tap 0: ky = kx = 0) */
      for (gsize i = 0; i < 5; i++)
        in->wf[g_rand_int_range (r, 0, (gint32) (n_w / 9)) * 9] = s == 0 ? INFINITY : NAN;
      qs_kernels_set_isa (QS_ISA_AVX512_VNNI);
      _qs_kernels_set_cv (FALSE);
      row_cf = qs_conv_f32_prepare (&p, in->wf, in->bias);
      _qs_kernels_set_cv (TRUE);
      cv_cf = qs_conv_f32_prepare (&p, in->wf, in->bias);
      qs_parallel_set_threads (2);
      qs_conv_f32_run (row_cf, in->srcf, row_f);
      qs_conv_f32_run (cv_cf, in->srcf, cv_f);
      for (gsize i = 0; i < n_dst; i++)
        {
          nan_out += isnan (row_f[i]);
          if (!same_f32 (cv_f[i], row_f[i]))
            g_error ("non-finite weights, element %" G_GSIZE_FORMAT ": channel-vector %.9g, row kernel %.9g",
                     i, cv_f[i], row_f[i]);
        }
      g_assert_cmpuint (nan_out, >, 0);
      qs_conv_f32_free (row_cf);
      qs_conv_f32_free (cv_cf);
      qs_parallel_set_threads (0);
      qs_kernels_set_isa (qs_kernels_detect_isa ());
    }
}

int
main (int argc, char **argv)
{
  static const struct
  {
    const char *name;
    GTestDataFunc func;
  } per_isa[] = {
    { "conv-f32", test_conv_f32 },
    { "conv-int8", test_conv_int8 },
    { "matmul-f32", test_matmul_f32 },
    { "matmul-int8", test_matmul_int8 },
    { "matmul-int8-prepared", test_matmul_int8_prepared },
    { "threads/conv", threads_conv },
    { "threads/own-planes", threads_own_planes },
    { "pad-f32", test_pad_f32 },
    { "threads/matmul", threads_matmul },
    { "channel-vector", test_cv },
    { "depthwise", test_dw },
    { "wide-store", test_wide },
  };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qscope/kernels/params", test_params);
  g_test_add_func ("/qscope/kernels/isa", test_isa);
  g_test_add_func ("/qscope/kernels/parallel", test_parallel);
  g_test_add_func ("/qscope/kernels/parallel-stress", test_parallel_stress);
  g_test_add_func ("/qscope/kernels/parallel-restart", test_parallel_restart);
  g_test_add_func ("/qscope/kernels/split", test_split);
  g_test_add_func ("/qscope/kernels/channel-vector-skip", test_cv_skip);
  g_test_add_func ("/qscope/kernels/hand/conv-f32", test_hand_conv_f32);
  g_test_add_func ("/qscope/kernels/hand/conv-int8", test_hand_conv_int8);
  g_test_add_func ("/qscope/kernels/hand/matmul", test_hand_matmul);

  for (gsize t = 0; t < G_N_ELEMENTS (per_isa); t++)
    for (int isa = 0; isa < QS_ISA_N; isa++)
      {
        g_autofree char *path = g_strdup_printf ("/qscope/kernels/%s/%s", per_isa[t].name,
                                                 qs_isa_name (isa));
        g_test_add_data_func (path, GINT_TO_POINTER (isa), per_isa[t].func);
      }

  return g_test_run ();
}
