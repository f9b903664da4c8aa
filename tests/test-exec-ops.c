/* test-exec-ops.c — each op of the fp32 executor on small values worked out by hand
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "qs-exec-test.h"
#include "qs-input.h"
#include "qs-shared-models.h"

#define TOL 1e-5

/* ---- Convolution ---- */

static void
test_conv_pads_strides (void)
{
  g_autoptr(GError) error = NULL;
  /* 1x1x3x3 input 1..9, 2x2 kernel of ones, pads 1, stride 2:
   * padded windows at (-1,-1): 1; (-1,1): 2+3; (1,-1): 4+7; (1,1): 5+6+8+9 */
  QS_CHECK (QS_RUN ("Convolution", "opset1",
                    "strides=\"2,2\" pads_begin=\"1,1\" pads_end=\"1,1\" dilations=\"1,1\"", &error,
                    QS_F32 ("1,1,3,3", 1, 2, 3, 4, 5, 6, 7, 8, 9),
                    QS_F32 ("1,1,2,2", 1, 1, 1, 1)),
            "1,1,2,2", TOL, 1, 5, 11, 28);
  g_assert_no_error (error);
}

static void
test_conv_dilation (void)
{
  g_autoptr(GError) error = NULL;
  /* dilation 2: taps at x[0] and x[2] of each 3-wide window: 1*1+3*10 ... */
  QS_CHECK (QS_RUN ("Convolution", "opset1",
                    "strides=\"1\" pads_begin=\"0\" pads_end=\"0\" dilations=\"2\"", &error,
                    QS_F32 ("1,1,5", 1, 2, 3, 4, 5),
                    QS_F32 ("1,1,2", 1, 10)),
            "1,1,3", TOL, 31, 42, 53);
  g_assert_no_error (error);
}

static void
test_conv_auto_pad (void)
{
  g_autoptr(GError) error = NULL;
  /* n=4, k=2, s=1: total pad 1; same_upper puts it at the end, same_lower at the start */
  QS_CHECK (QS_RUN ("Convolution", "opset1",
                    "strides=\"1\" pads_begin=\"5\" pads_end=\"5\" dilations=\"1\" auto_pad=\"same_upper\"", &error,
                    QS_F32 ("1,1,4", 1, 2, 3, 4),
                    QS_F32 ("1,1,2", 1, 10)),
            "1,1,4", TOL, 21, 32, 43, 4);
  QS_CHECK (QS_RUN ("Convolution", "opset1",
                    "strides=\"1\" pads_begin=\"5\" pads_end=\"5\" dilations=\"1\" auto_pad=\"same_lower\"", &error,
                    QS_F32 ("1,1,4", 1, 2, 3, 4),
                    QS_F32 ("1,1,2", 1, 10)),
            "1,1,4", TOL, 10, 21, 32, 43);
  QS_CHECK (QS_RUN ("Convolution", "opset1",
                    "strides=\"2\" pads_begin=\"5\" pads_end=\"5\" dilations=\"1\" auto_pad=\"valid\"", &error,
                    QS_F32 ("1,1,5", 1, 2, 3, 4, 5),
                    QS_F32 ("1,1,2", 1, 10)),
            "1,1,2", TOL, 21, 43);
  g_assert_no_error (error);
}

static void
test_conv_channels (void)
{
  g_autoptr(GError) error = NULL;
  /* 2 in channels, 2 out channels, 1x1 kernel: a channel mix */
  QS_CHECK (QS_RUN ("Convolution", "opset1",
                    "strides=\"1,1\" pads_begin=\"0,0\" pads_end=\"0,0\" dilations=\"1,1\"", &error,
                    QS_F32 ("1,2,1,2", 1, 2, 3, 4),
                    QS_F32 ("2,2,1,1", 1, 1, 1, -1)),
            "1,2,1,2", TOL, 4, 6, -2, -2);
  g_assert_no_error (error);
}

static void
test_group_conv (void)
{
  g_autoptr(GError) error = NULL;
  /* 2 groups, each 1 in -> 2 out, kernel 1x2 */
  QS_CHECK (QS_RUN ("GroupConvolution", "opset1",
                    "strides=\"1,1\" pads_begin=\"0,0\" pads_end=\"0,0\" dilations=\"1,1\"", &error,
                    QS_F32 ("1,2,1,3", 1, 2, 3, 10, 20, 30),
                    QS_F32 ("2,2,1,1,2", 1, 0, 0, 1, 1, 1, 1, -1)),
            "1,4,1,2", TOL, 1, 2, 2, 3, 30, 50, -10, -10);
  g_assert_no_error (error);
}

/* 3-D (grouped) convolutions against a direct sum over the window, on
 * random shapes, strides, dilations and pads */
static void
test_conv3d_direct (void)
{
  GRand *rand = g_rand_new_with_seed (3);
  int round;

  for (round = 0; round < 40; round++)
    {
      g_autoptr(GError) error = NULL;
      int G = g_rand_int_range (rand, 1, 3), icg = g_rand_int_range (rand, 1, 3), ocg = g_rand_int_range (rand, 1, 3);
      int N = g_rand_int_range (rand, 1, 3), in[3], k[3], st[3], dl[3], pb[3], pe[3], o[3], a;
      gboolean grouped = G > 1 || g_rand_boolean (rand);
      g_autofree char *xs = NULL, *ws = NULL, *attrs = NULL, *os = NULL;
      QsTensor *x, *w, *out;
      g_autofree double *expect = NULL;
      gsize i;

      for (a = 0; a < 3; a++)
        {
          in[a] = g_rand_int_range (rand, 1, 7);
          k[a] = g_rand_int_range (rand, 1, 4);
          st[a] = g_rand_int_range (rand, 1, 3);
          dl[a] = g_rand_int_range (rand, 1, 3);
          pb[a] = g_rand_int_range (rand, 0, 3);
          pe[a] = g_rand_int_range (rand, 0, 3);
          while (in[a] + pb[a] + pe[a] < (k[a] - 1) * dl[a] + 1)
            pe[a]++;
          o[a] = (in[a] + pb[a] + pe[a] - (k[a] - 1) * dl[a] - 1) / st[a] + 1;
        }
      xs = g_strdup_printf ("%d,%d,%d,%d,%d", N, G * icg, in[0], in[1], in[2]);
      if (grouped)
        ws = g_strdup_printf ("%d,%d,%d,%d,%d,%d", G, ocg, icg, k[0], k[1], k[2]);
      else
        ws = g_strdup_printf ("%d,%d,%d,%d,%d", ocg, icg, k[0], k[1], k[2]);
      if (!grouped)
        G = 1;
      attrs = g_strdup_printf ("strides=\"%d,%d,%d\" dilations=\"%d,%d,%d\" pads_begin=\"%d,%d,%d\" pads_end=\"%d,%d,%d\"",
                               st[0], st[1], st[2], dl[0], dl[1], dl[2], pb[0], pb[1], pb[2], pe[0], pe[1], pe[2]);
      x = qs_test_tensor (QS_ELEMENT_F32, xs, NULL);
      w = qs_test_tensor (QS_ELEMENT_F32, ws, NULL);
      for (i = 0; i < x->n_elements; i++)
        qs_tensor_set_f64 (x, i, g_rand_int_range (rand, -4, 5));
      for (i = 0; i < w->n_elements; i++)
        qs_tensor_set_f64 (w, i, g_rand_int_range (rand, -3, 4));

      /* out[n, g*ocg+oc, z, y, x] = sum over ic and the window */
      expect = g_new0 (double, (gsize) N * G * ocg * o[0] * o[1] * o[2]);
      {
        int n, g, oc, ic, z, y, xx, kz, ky, kx;

        for (n = 0; n < N; n++)
          for (g = 0; g < G; g++)
            for (oc = 0; oc < ocg; oc++)
              for (z = 0; z < o[0]; z++)
                for (y = 0; y < o[1]; y++)
                  for (xx = 0; xx < o[2]; xx++)
                    {
                      double sum = 0;

                      for (ic = 0; ic < icg; ic++)
                        for (kz = 0; kz < k[0]; kz++)
                          for (ky = 0; ky < k[1]; ky++)
                            for (kx = 0; kx < k[2]; kx++)
                              {
                                int iz = z * st[0] - pb[0] + kz * dl[0];
                                int iy = y * st[1] - pb[1] + ky * dl[1];
                                int ix = xx * st[2] - pb[2] + kx * dl[2];
                                gsize xi, wi;

                                if (iz < 0 || iz >= in[0] || iy < 0 || iy >= in[1] || ix < 0 || ix >= in[2])
                                  continue;
                                xi = ((((gsize) n * G * icg + g * icg + ic) * in[0] + iz) * in[1] + iy) * in[2] + ix;
                                wi = ((((gsize) (g * ocg + oc) * icg + ic) * k[0] + kz) * k[1] + ky) * k[2] + kx;
                                sum += qs_tensor_get_f64 (x, xi) * qs_tensor_get_f64 (w, wi);
                              }
                      expect[((((gsize) n * G * ocg + g * ocg + oc) * o[0] + z) * o[1] + y) * o[2] + xx] = sum;
                    }
      }
      os = g_strdup_printf ("%d,%d,%d,%d,%d", N, G * ocg, o[0], o[1], o[2]);
      out = QS_RUN (grouped ? "GroupConvolution" : "Convolution", "opset1", attrs, &error, x, w);
      g_assert_no_error (error);
      qs_test_check (out, os, expect, 1e-3);
      qs_tensor_unref (out);
    }
  g_rand_free (rand);
}

/* ---- MatMul ---- */

static void
test_matmul_transpose (void)
{
  g_autoptr(GError) error = NULL;
  /* A [2,3], B [3,2] */
  QS_CHECK (QS_RUN ("MatMul", "opset1", "", &error,
                    QS_F32 ("2,3", 1, 2, 3, 4, 5, 6),
                    QS_F32 ("3,2", 1, 0, 0, 1, 1, 1)),
            "2,2", TOL, 4, 5, 10, 11);
  /* the same with A given as [3,2] and transpose_a, B as [2,3] and transpose_b */
  QS_CHECK (QS_RUN ("MatMul", "opset1", "transpose_a=\"true\" transpose_b=\"true\"", &error,
                    QS_F32 ("3,2", 1, 4, 2, 5, 3, 6),
                    QS_F32 ("2,3", 1, 0, 1, 0, 1, 1)),
            "2,2", TOL, 4, 5, 10, 11);
  g_assert_no_error (error);
}

static void
test_matmul_batch (void)
{
  g_autoptr(GError) error = NULL;
  /* A [2,1,1,2] x B [3,2,1]: batch [2,1] x [3] -> [2,3] */
  QS_CHECK (QS_RUN ("MatMul", "opset1", "", &error,
                    QS_F32 ("2,1,1,2", 1, 2, 3, 4),
                    QS_F32 ("3,2,1", 1, 0, 0, 1, 1, 1)),
            "2,3,1,1", TOL, 1, 2, 3, 3, 4, 7);
  /* 1-D operands: [2] x [2,3] -> [3]; [2,2] x [2] -> [2] */
  QS_CHECK (QS_RUN ("MatMul", "opset1", "", &error,
                    QS_F32 ("2", 1, 2),
                    QS_F32 ("2,3", 1, 2, 3, 4, 5, 6)),
            "3", TOL, 9, 12, 15);
  QS_CHECK (QS_RUN ("MatMul", "opset1", "transpose_b=\"true\"", &error,
                    QS_F32 ("2,2", 1, 2, 3, 4),
                    QS_F32 ("2", 1, 1)),
            "2", TOL, 3, 7);
  g_assert_no_error (error);
}

/* ---- pooling ---- */

static void
test_maxpool (void)
{
  g_autoptr(GError) error = NULL;
  /* 1-D [1,1,5], k=2, s=2: floor -> 2 outputs, ceil -> 3 (last window holds x[4] only) */
  QS_CHECK (QS_RUN ("MaxPool", "opset1",
                    "strides=\"2\" kernel=\"2\" pads_begin=\"0\" pads_end=\"0\" rounding_type=\"floor\"", &error,
                    QS_F32 ("1,1,5", 3, 1, -4, -2, -5)),
            "1,1,2", TOL, 3, -2);
  QS_CHECK (QS_RUN ("MaxPool", "opset1",
                    "strides=\"2\" kernel=\"2\" pads_begin=\"0\" pads_end=\"0\" rounding_type=\"ceil\"", &error,
                    QS_F32 ("1,1,5", 3, 1, -4, -2, -5)),
            "1,1,3", TOL, 3, -2, -5);
  /* padding never wins, even over negative values */
  QS_CHECK (QS_RUN ("MaxPool", "opset1",
                    "strides=\"1\" kernel=\"2\" pads_begin=\"1\" pads_end=\"0\"", &error,
                    QS_F32 ("1,1,2", -3, -1)),
            "1,1,2", TOL, -3, -1);
  g_assert_no_error (error);
}

static void
test_avgpool (void)
{
  g_autoptr(GError) error = NULL;
  /* k=3, s=1, pads 1,1 on [1,2,3,4]: exclude-pad divides by the real count */
  QS_CHECK (QS_RUN ("AvgPool", "opset1",
                    "strides=\"1\" kernel=\"3\" pads_begin=\"1\" pads_end=\"1\" exclude-pad=\"true\"", &error,
                    QS_F32 ("1,1,4", 1, 2, 3, 4)),
            "1,1,4", TOL, 1.5, 2, 3, 3.5);
  QS_CHECK (QS_RUN ("AvgPool", "opset1",
                    "strides=\"1\" kernel=\"3\" pads_begin=\"1\" pads_end=\"1\" exclude-pad=\"false\"", &error,
                    QS_F32 ("1,1,4", 1, 2, 3, 4)),
            "1,1,4", TOL, 1, 2, 3, 7.0 / 3);
  /* ceil mode without padding: the last window holds x[4] only */
  QS_CHECK (QS_RUN ("AvgPool", "opset1",
                    "strides=\"2\" kernel=\"2\" pads_begin=\"0\" pads_end=\"0\" exclude-pad=\"false\" rounding_type=\"ceil\"", &error,
                    QS_F32 ("1,1,5", 1, 2, 3, 4, 5)),
            "1,1,3", TOL, 1.5, 3.5, 5);
  g_assert_no_error (error);
}

/* A window of 2^24 taps per axis over a 1x1x1 input with pads as large:
 * 8 outputs, each reading only the taps inside the input (one, or none),
 * not 2^72 */
static void
test_pool_huge_window (void)
{
  g_autoptr(GError) error = NULL;

#define HUGE_WINDOW "kernel=\"16777216,16777216,16777216\" strides=\"16777216,16777216,16777216\" " \
  "pads_begin=\"16777216,16777216,16777216\" pads_end=\"16777216,16777216,16777216\""
  QS_CHECK (QS_RUN ("AvgPool", "opset1", HUGE_WINDOW " exclude-pad=\"true\"", &error, QS_F32 ("1,1,1,1,1", 5)),
            "1,1,2,2,2", TOL, 0, 0, 0, 0, 0, 0, 0, 5);
  QS_CHECK (QS_RUN ("AvgPool", "opset1", HUGE_WINDOW " exclude-pad=\"false\"", &error, QS_F32 ("1,1,1,1,1", 5)),
            "1,1,2,2,2", 1e-30, 0, 0, 0, 0, 0, 0, 0, 5.0 / 16777216 / 16777216 / 16777216);
  g_assert_no_error (error);
#undef HUGE_WINDOW
}

/* MaxPool-8 (values and indices) and AvgPool over 1 to 3 spatial axes
 * against a direct walk of every window tap, on random shapes, strides,
 * dilations and pads */
static void
test_pool_direct (void)
{
  GRand *rand = g_rand_new_with_seed (5);
  int round;

  for (round = 0; round < 60; round++)
    {
      int n_sp = g_rand_int_range (rand, 1, 4), C = g_rand_int_range (rand, 1, 3), a;
      gint64 in[3] = { 1, 1, 1 }, k[3] = { 1, 1, 1 }, st[3] = { 1, 1, 1 }, dl[3] = { 1, 1, 1 };
      gint64 pb[3] = { 0, 0, 0 }, pe[3] = { 0, 0, 0 }, o[3] = { 1, 1, 1 };
      gboolean is_max = g_rand_boolean (rand), excl = g_rand_boolean (rand);
      g_autoptr(GString) shape = g_string_new ("1,"), attrs = g_string_new (""), out_shape = g_string_new ("1,");
      g_autoptr(GString) ks = g_string_new (""), ss = g_string_new (""), ds = g_string_new (""), bs = g_string_new (""),
                         es = g_string_new ("");
      g_autofree double *values = NULL, *indices = NULL;
      QsTensor *x, *outs[2] = { NULL, NULL };
      gsize i, n_out;
      int c;

      g_string_append_printf (shape, "%d", C);
      g_string_append_printf (out_shape, "%d", C);
      for (a = 3 - n_sp; a < 3; a++)
        {
          const char *sep = a == 3 - n_sp ? "" : ",";

          in[a] = g_rand_int_range (rand, 1, 6);
          k[a] = g_rand_int_range (rand, 1, 4);
          st[a] = g_rand_int_range (rand, 1, 3);
          dl[a] = is_max ? g_rand_int_range (rand, 1, 3) : 1;
          /* pads under a kernel: every window holds a real element */
          pb[a] = g_rand_int_range (rand, 0, 3);
          pe[a] = g_rand_int_range (rand, 0, 3);
          pb[a] = MIN (pb[a], k[a] - 1);
          pe[a] = MIN (pe[a], k[a] - 1);
          while (in[a] + pb[a] + pe[a] < (k[a] - 1) * dl[a] + 1)
            in[a]++;
          o[a] = (in[a] + pb[a] + pe[a] - (k[a] - 1) * dl[a] - 1) / st[a] + 1;
          g_string_append_printf (shape, ",%" G_GINT64_FORMAT, in[a]);
          g_string_append_printf (out_shape, ",%" G_GINT64_FORMAT, o[a]);
          g_string_append_printf (ks, "%s%" G_GINT64_FORMAT, sep, k[a]);
          g_string_append_printf (ss, "%s%" G_GINT64_FORMAT, sep, st[a]);
          g_string_append_printf (ds, "%s%" G_GINT64_FORMAT, sep, dl[a]);
          g_string_append_printf (bs, "%s%" G_GINT64_FORMAT, sep, pb[a]);
          g_string_append_printf (es, "%s%" G_GINT64_FORMAT, sep, pe[a]);
        }
      g_string_append_printf (attrs, "kernel=\"%s\" strides=\"%s\" pads_begin=\"%s\" pads_end=\"%s\" rounding_type=\"floor\"",
                              ks->str, ss->str, bs->str, es->str);
      if (is_max)
        g_string_append_printf (attrs, " dilations=\"%s\" axis=\"0\"", ds->str);
      else
        g_string_append_printf (attrs, " exclude-pad=\"%s\"", excl ? "true" : "false");
      x = qs_test_tensor (QS_ELEMENT_F32, shape->str, NULL);
      for (i = 0; i < x->n_elements; i++)
        qs_tensor_set_f64 (x, i, g_rand_int_range (rand, -20, 21) + 0.01 * i);   /* no ties */

      n_out = (gsize) C * o[0] * o[1] * o[2];
      values = g_new0 (double, n_out);
      indices = g_new0 (double, n_out);
      for (c = 0; c < C; c++)
        {
          gint64 z, y, xx, kz, ky, kx;

          for (z = 0; z < o[0]; z++)
            for (y = 0; y < o[1]; y++)
              for (xx = 0; xx < o[2]; xx++)
                {
                  /* a window over padding only: the lowest value, the index of the channel's start */
                  double best = -G_MAXFLOAT, sum = 0;
                  gint64 count = 0, best_at = c * in[0] * in[1] * in[2];
                  gsize at = (((gsize) c * o[0] + z) * o[1] + y) * o[2] + xx;

                  for (kz = 0; kz < k[0]; kz++)
                    for (ky = 0; ky < k[1]; ky++)
                      for (kx = 0; kx < k[2]; kx++)
                        {
                          gint64 iz = z * st[0] - pb[0] + kz * dl[0], iy = y * st[1] - pb[1] + ky * dl[1];
                          gint64 ix = xx * st[2] - pb[2] + kx * dl[2];
                          gint64 pos;
                          double v;

                          if (iz < 0 || iz >= in[0] || iy < 0 || iy >= in[1] || ix < 0 || ix >= in[2])
                            continue;
                          pos = ((c * in[0] + iz) * in[1] + iy) * in[2] + ix;
                          v = qs_tensor_get_f64 (x, pos);
                          if (v > best)
                            {
                              best = v;
                              best_at = pos;
                            }
                          sum += v;
                          count++;
                        }
                  values[at] = is_max ? best : sum / (excl || (pb[0] + pb[1] + pb[2] + pe[0] + pe[1] + pe[2]) == 0 ?
                                                      count : k[0] * k[1] * k[2]);
                  indices[at] = best_at;
                }
        }
      {
        g_autoptr(GError) error = NULL;
        QsTensor *in_t[1] = { x };
        QsTensor **got = qs_test_run_op_full (is_max ? "MaxPool" : "AvgPool", is_max ? "opset8" : "opset1", attrs->str,
                                              in_t, 1, 0, is_max ? 2 : 1, QS_EXEC_MODE_FLOAT, &error);

        g_assert_no_error (error);
        outs[0] = got[0];
        outs[1] = is_max ? got[1] : NULL;
        g_free (got);
      }
      g_test_message ("%s %s %s", is_max ? "MaxPool" : "AvgPool", shape->str, attrs->str);
      qs_test_check (outs[0], out_shape->str, values, 1e-4);
      if (outs[1] != NULL)
        qs_test_check (outs[1], out_shape->str, indices, 0);
      qs_tensor_unref (outs[0]);
      g_clear_pointer (&outs[1], qs_tensor_unref);
      qs_tensor_unref (x);
    }
  g_rand_free (rand);
}

/* ---- pooling rows against the per-output loop they replaced ---- */

/* The loop qs-op-pool.c ran until its row paths: every output walks the
 * taps of its window that lie inside the input, in (kz, ky, kx) order,
 * keeping the first greatest value above -FLT_MAX (and where it was) or
 * the float sum of them.  Kept here as the reference the row paths are
 * held to, bit for bit. */
typedef struct
{
  gint64 n[3], k[3], s[3], d[3], pb[3], pe[3], out[3];
  gboolean any_pad;
} RefWindow;

static void
ref_valid_taps (gint64  start,
                gint64  k,
                gint64  d,
                gint64  n,
                gint64 *lo,
                gint64 *hi)
{
  *lo = start < 0 ? (-start + d - 1) / d : 0;
  *hi = start > n - 1 ? 0 : MIN (k, (n - 1 - start) / d + 1);
}

static void
ref_pool (const RefWindow *w,
          const float     *x,
          gsize            planes,
          gboolean         is_max,
          gboolean         exclude_pad,
          gsize            from_axis,
          float           *values,
          gint64          *indices)
{
  gsize in_plane = w->n[0] * w->n[1] * w->n[2], out_plane = w->out[0] * w->out[1] * w->out[2], p;

  for (p = 0; p < planes; p++)
    {
      const float *in = x + p * in_plane;
      float *o = values + p * out_plane;
      gint64 oz, oy, ox, kz, ky, kx;

      for (oz = 0; oz < w->out[0]; oz++)
        for (oy = 0; oy < w->out[1]; oy++)
          for (ox = 0; ox < w->out[2]; ox++)
            {
              gint64 z0 = oz * w->s[0] - w->pb[0], y0 = oy * w->s[1] - w->pb[1], x0 = ox * w->s[2] - w->pb[2];
              gsize at = (oz * w->out[1] + oy) * w->out[2] + ox;
              float best = -G_MAXFLOAT, sum = 0;
              gint64 count = 0, best_at = -1;
              gint64 lz, hz, ly, hy, lx, hx;

              ref_valid_taps (z0, w->k[0], w->d[0], w->n[0], &lz, &hz);
              ref_valid_taps (y0, w->k[1], w->d[1], w->n[1], &ly, &hy);
              ref_valid_taps (x0, w->k[2], w->d[2], w->n[2], &lx, &hx);
              for (kz = lz; kz < hz; kz++)
                for (ky = ly; ky < hy; ky++)
                  for (kx = lx; kx < hx; kx++)
                    {
                      gint64 pos = ((z0 + kz * w->d[0]) * w->n[1] + y0 + ky * w->d[1]) * w->n[2] + x0 + kx * w->d[2];
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
                  gsize full = p * in_plane + (best_at < 0 ? 0 : best_at);

                  o[at] = best;
                  indices[p * out_plane + at] = (gint64) (full % from_axis);
                }
              else
                {
                  double div = exclude_pad ? count : (w->any_pad ? (double) w->k[0] * w->k[1] * w->k[2] : count);

                  o[at] = div > 0 ? (float) (sum / div) : 0;
                }
            }
    }
}

/* Runs a pooling op on Parameter @x with @n_ports outputs, of which those
 * in @wired go to Results (the others have no consumer), through
 * qs_exec_run().  Returns the outputs by port (NULL where not wired) and
 * the bytes the op allocated. */
static QsTensor **
run_pool_op (const char *type,
             const char *version,
             const char *attrs,
             QsTensor   *x,
             guint       n_ports,
             guint       wired,
             guint64    *alloc_bytes,
             GError    **error)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?>\n<net name=\"t\" version=\"11\"><layers>\n");
  g_autoptr(GString) edges = g_string_new ("");
  g_autoptr(QsModel) model = NULL;
  g_autoptr(QsExec) exec = NULL;
  g_autoptr(GBytes) xml_bytes = NULL, bin_bytes = NULL;
  g_autoptr(GArray) profile = NULL;
  g_autofree char *shape = qs_tensor_shape_to_string (x);
  QsTensor **outputs = NULL, **by_port;
  guint k, r = 0;

  shape[strlen (shape) - 1] = '\0';
  g_string_append_printf (xml, "<layer id=\"0\" name=\"x\" type=\"Parameter\" version=\"opset1\">"
                          "<data shape=\"%s\" element_type=\"f32\"/><output><port id=\"0\">", shape + 1);
  qs_test_xml_dims (xml, x);
  g_string_append_printf (xml, "</port></output></layer>\n<layer id=\"1\" name=\"op\" type=\"%s\" version=\"%s\">"
                          "<data %s/><input><port id=\"0\">", type, version, attrs);
  qs_test_xml_dims (xml, x);
  g_string_append (xml, "</port></input><output>");
  for (k = 0; k < n_ports; k++)
    g_string_append_printf (xml, "<port id=\"%u\"/>", 1 + k);
  g_string_append (xml, "</output></layer>\n");
  g_string_append (edges, "<edge from-layer=\"0\" from-port=\"0\" to-layer=\"1\" to-port=\"0\"/>\n");
  for (k = 0; k < n_ports; k++)
    if (wired & (1u << k))
      {
        g_string_append_printf (xml, "<layer id=\"%u\" name=\"out%u\" type=\"Result\" version=\"opset1\">"
                                "<input><port id=\"0\"/></input></layer>\n", 10 + k, k);
        g_string_append_printf (edges, "<edge from-layer=\"1\" from-port=\"%u\" to-layer=\"%u\" to-port=\"0\"/>\n",
                                1 + k, 10 + k);
      }
  g_string_append_printf (xml, "</layers><edges>%s</edges></net>\n", edges->str);
  xml_bytes = g_bytes_new (xml->str, xml->len);
  bin_bytes = g_bytes_new ("", 1);
  model = qs_model_load_from_bytes ("pool.xml", xml_bytes, bin_bytes, QS_LOAD_FLAGS_NONE, NULL, error);
  if (model == NULL)
    return NULL;
  exec = qs_exec_new (model, QS_EXEC_MODE_FLOAT, error);
  if (exec == NULL)
    return NULL;
  qs_exec_set_profiling (exec, TRUE);
  if (!qs_exec_run (exec, &x, NULL, NULL, NULL, &outputs, error))
    return NULL;
  by_port = g_new0 (QsTensor *, n_ports);
  for (k = 0; k < model->graph->n_results; k++)
    by_port[g_ascii_strtoull (model->graph->results[k]->name + 3, NULL, 10)] = outputs[k];
  g_free (outputs);
  profile = qs_exec_get_profile (exec);
  *alloc_bytes = 0;
  for (r = 0; r < profile->len; r++)
    if (strcmp (g_array_index (profile, QsExecProfileRow, r).type, type) == 0)
      *alloc_bytes = g_array_index (profile, QsExecProfileRow, r).alloc_bytes;
  return by_port;
}

/* Special and ordinary floats for pooling inputs: ties (small integers),
 * both zeros, infinities, -FLT_MAX, huge and tiny values and NaNs with two
 * payloads of either sign, so that the first of equal maxima, a NaN sum's
 * payload and -Inf below the -FLT_MAX start all show. */
static float
pool_input_value (GRand *rand)
{
  static const guint32 nan_bits[] = { 0x7fc00000u, 0xffc00000u, 0x7fc01234u, 0xffe00001u };
  guint32 bits;
  float v;

  switch (g_rand_int_range (rand, 0, 24))
    {
    case 0: v = INFINITY; break;
    case 1: v = -INFINITY; break;
    case 2: v = -G_MAXFLOAT; break;
    case 3: v = 0.0f; break;
    case 4: v = -0.0f; break;
    case 5: v = g_rand_boolean (rand) ? 3e38f : -3e38f; break;
    case 6: v = g_rand_boolean (rand) ? 1e-40f : -1e-40f; break;
    case 7:
      bits = nan_bits[g_rand_int_range (rand, 0, G_N_ELEMENTS (nan_bits))];
      memcpy (&v, &bits, sizeof v);
      break;
    default: v = (float) g_rand_int_range (rand, -6, 7) * (g_rand_boolean (rand) ? 1.0f : 0.37f); break;
    }
  return v;
}

/* MaxPool-1/8/14 and AvgPool-1/14 against ref_pool on random 1-D, 2-D
 * (most rounds) and 3-D shapes: kernels 1–7, strides 1–3, dilations 1–3,
 * pads up to past the kernel (windows with no real tap), floor, ceil and
 * ceil_torch, exclude-pad, widths 1–70 (rarely a multiple of a vector),
 * i32 and i64 indices from any axis, and MaxPool-8 whose index output has
 * no consumer: values and indices bit for bit. */
static void
test_pool_rows (void)
{
  GRand *rand = g_rand_new_with_seed (1207);
  int round, n_checked_unread = 0;

  for (round = 0; round < 600; round++)
    {
      int n_sp = round % 8 == 0 ? 1 : round % 8 == 1 ? 3 : 2, rank = n_sp + 2, a;
      gboolean is_max = g_rand_int_range (rand, 0, 3) != 0, excl = g_rand_boolean (rand);
      gboolean v14 = g_rand_boolean (rand);
      const char *rounding = (const char *[]) { "floor", "ceil", "ceil_torch" }[g_rand_int_range (rand, 0, v14 ? 3 : 2)];
      /* MaxPool: 0 one output (v1), 1 values and indices read, 2 indices not read */
      int outs = is_max ? g_rand_int_range (rand, 0, 3) : 0;
      gboolean i32 = g_rand_boolean (rand);
      gint64 axis = g_rand_int_range (rand, -rank, rank);
      RefWindow w = { 0 };
      gint64 dims[5];
      g_autoptr(GString) attrs = g_string_new (""), ks = g_string_new (""), ss = g_string_new (""),
                         ds = g_string_new (""), bs = g_string_new (""), es = g_string_new ("");
      g_autoptr(GError) error = NULL;
      g_autofree float *want = NULL;
      g_autofree gint64 *want_at = NULL;
      g_autofree QsTensor **got = NULL;
      g_autoptr(QsTensor) x = NULL;
      const char *type, *version;
      gsize planes, n_out, i, from_axis;
      guint64 alloc = 0;

      dims[0] = g_rand_int_range (rand, 1, 3);
      dims[1] = g_rand_int_range (rand, 1, 4);
      for (a = 0; a < 3; a++)
        {
          int j = a - (3 - n_sp);
          const char *sep = j == 0 ? "" : ",";
          gint64 dk, span;

          if (j < 0)
            {
              w.n[a] = w.k[a] = w.s[a] = w.d[a] = w.out[a] = 1;
              continue;
            }
          w.k[a] = g_rand_int_range (rand, 1, n_sp == 3 ? 4 : 8);
          w.s[a] = g_rand_int_range (rand, 1, 4);
          w.d[a] = is_max && g_rand_int_range (rand, 0, 3) == 0 ? g_rand_int_range (rand, 2, 4) : 1;
          w.pb[a] = g_rand_int_range (rand, 0, 3) == 0 ? g_rand_int_range (rand, 0, w.k[a] + 2) : 0;
          w.pe[a] = g_rand_int_range (rand, 0, 3) == 0 ? g_rand_int_range (rand, 0, w.k[a] + 2) : 0;
          w.n[a] = n_sp == 3 ? g_rand_int_range (rand, 1, 9) : g_rand_int_range (rand, 1, a == 2 ? 71 : 24);
          dk = (w.k[a] - 1) * w.d[a] + 1;
          w.n[a] = MAX (w.n[a], dk - w.pb[a] - w.pe[a]);
          span = w.n[a] + w.pb[a] + w.pe[a] - dk;
          if (strcmp (rounding, "floor") == 0)
            w.out[a] = span / w.s[a] + 1;
          else
            {
              w.out[a] = (span + w.s[a] - 1) / w.s[a] + 1;
              if (strcmp (rounding, "ceil_torch") == 0 && (w.out[a] - 1) * w.s[a] >= w.n[a] + w.pb[a])
                w.out[a]--;
            }
          if (w.pb[a] != 0 || w.pe[a] != 0)
            w.any_pad = TRUE;
          dims[2 + j] = w.n[a];
          g_string_append_printf (ks, "%s%" G_GINT64_FORMAT, sep, w.k[a]);
          g_string_append_printf (ss, "%s%" G_GINT64_FORMAT, sep, w.s[a]);
          g_string_append_printf (ds, "%s%" G_GINT64_FORMAT, sep, w.d[a]);
          g_string_append_printf (bs, "%s%" G_GINT64_FORMAT, sep, w.pb[a]);
          g_string_append_printf (es, "%s%" G_GINT64_FORMAT, sep, w.pe[a]);
        }
      g_string_append_printf (attrs, "kernel=\"%s\" strides=\"%s\" pads_begin=\"%s\" pads_end=\"%s\" "
                              "rounding_type=\"%s\" auto_pad=\"explicit\"",
                              ks->str, ss->str, bs->str, es->str, rounding);
      if (is_max)
        g_string_append_printf (attrs, " dilations=\"%s\"", ds->str);
      else
        g_string_append_printf (attrs, " exclude-pad=\"%s\"", excl ? "true" : "false");
      if (outs > 0)
        g_string_append_printf (attrs, " axis=\"%" G_GINT64_FORMAT "\" index_element_type=\"%s\"", axis,
                                i32 ? "i32" : "i64");
      type = is_max ? "MaxPool" : "AvgPool";
      version = is_max ? (outs == 0 && !v14 ? "opset1" : v14 ? "opset14" : "opset8") : v14 ? "opset14" : "opset1";

      x = qs_tensor_new (QS_ELEMENT_F32, rank, dims);
      for (i = 0; i < x->n_elements; i++)
        qs_tensor_f32 (x)[i] = pool_input_value (rand);
      planes = dims[0] * dims[1];
      n_out = planes * w.out[0] * w.out[1] * w.out[2];
      {
        gint64 ax = axis < 0 ? axis + rank : axis;
        int d;

        from_axis = 1;
        for (d = ax; d < rank; d++)
          from_axis *= dims[d];
      }
      want = g_new (float, n_out);
      want_at = g_new (gint64, n_out);
      ref_pool (&w, qs_tensor_f32 (x), planes, is_max, excl, from_axis, want, want_at);

      {
        g_autofree char *shape = qs_tensor_shape_to_string (x);

        g_test_message ("round %d: %s-%s %s on %s%s", round, type, version, attrs->str, shape,
                        outs == 2 ? ", indices unread" : "");
      }
      got = run_pool_op (type, version, attrs->str, x, outs > 0 ? 2 : 1, outs == 2 ? 1 : outs == 1 ? 3 : 1, &alloc,
                         &error);
      g_assert_no_error (error);
      g_assert_nonnull (got[0]);
      g_assert_cmpuint (got[0]->n_elements, ==, n_out);
      for (a = 0; a < n_sp; a++)
        g_assert_cmpint (got[0]->dims[2 + a], ==, w.out[3 - n_sp + a]);
      for (i = 0; i < n_out; i++)
        if (memcmp (&qs_tensor_f32 (got[0])[i], &want[i], sizeof (float)) != 0 &&
            /* a sum of two NaNs takes either one's payload: x86 gives the
             * first operand's, and GCC may swap an addition's operands */
            (is_max || !isnan (want[i]) || !isnan (qs_tensor_f32 (got[0])[i])))
          g_error ("round %d, element %" G_GSIZE_FORMAT ": got %.9g (%08x), the old loop %.9g (%08x)", round, i,
                   qs_tensor_f32 (got[0])[i], *(guint32 *) &qs_tensor_f32 (got[0])[i], want[i],
                   *(guint32 *) &want[i]);
      if (outs == 1)
        {
          g_assert_nonnull (got[1]);
          g_assert_cmpint (got[1]->type, ==, i32 ? QS_ELEMENT_I32 : QS_ELEMENT_I64);
          for (i = 0; i < n_out; i++)
            if (qs_tensor_get_i64 (got[1], i) != want_at[i])
              g_error ("round %d, index %" G_GSIZE_FORMAT ": got %" G_GINT64_FORMAT ", the old loop %" G_GINT64_FORMAT,
                       round, i, qs_tensor_get_i64 (got[1], i), want_at[i]);
        }
      if (outs == 2)
        {
          g_autofree QsTensor **read = NULL;
          guint64 alloc_read = 0;

          /* nothing read the indices, so none were made: the same op with
           * its indices read allocates them on top */
          g_assert_null (got[1]);
          read = run_pool_op (type, version, attrs->str, x, 2, 3, &alloc_read, &error);
          g_assert_no_error (error);
          g_assert_cmpmem (read[0]->data, n_out * sizeof (float), got[0]->data, n_out * sizeof (float));
          g_assert_cmpuint (alloc_read, >=, alloc + n_out * (i32 ? 4 : 8));
          qs_tensor_unref (read[0]);
          qs_tensor_unref (read[1]);
          n_checked_unread++;
        }
      for (i = 0; i < (outs > 0 ? 2u : 1u); i++)
        g_clear_pointer (&got[i], qs_tensor_unref);
    }
  g_assert_cmpint (n_checked_unread, >, 50);
  g_rand_free (rand);
}

/* ---- Softmax ---- */

static void
test_softmax (void)
{
  g_autoptr(GError) error = NULL;
  double e1 = exp (1.0), e2 = exp (2.0);

  QS_CHECK (QS_RUN ("SoftMax", "opset8", "axis=\"-1\"", &error,
                    QS_F32 ("2,2", 0, 1, 1000, 1000)),
            "2,2", 1e-6, 1 / (1 + e1), e1 / (1 + e1), 0.5, 0.5);
  QS_CHECK (QS_RUN ("SoftMax", "opset1", "axis=\"0\"", &error,
                    QS_F32 ("2,1", 0, 2)),
            "2,1", 1e-6, 1 / (1 + e2), e2 / (1 + e2));
  g_assert_no_error (error);
}

/* ---- ops added with this suite ---- */

static void
test_nms (void)
{
  g_autoptr(GError) error = NULL;
  QsTensor *in[5], **outs;
  /* three boxes [y1,x1,y2,x2]: 0 and 1 overlap with IoU 0.81, 2 apart */
  in[0] = QS_F32 ("1,3,4", 0, 0, 1, 1,  0, 0.1, 1, 1.1,  0, 10, 1, 11);
  in[1] = QS_F32 ("1,1,3", 0.9, 0.95, 0.3);
  in[2] = QS_I64 ("", 10);
  in[3] = QS_F32 ("", 0.5);
  in[4] = QS_F32 ("", 0.0);
  outs = qs_test_run_op_full ("NonMaxSuppression", "opset9", "box_encoding=\"corner\" sort_result_descending=\"true\"",
                              in, 5, 0, 3, QS_EXEC_MODE_FLOAT, &error);
  g_assert_no_error (error);
  QS_CHECK (outs[0], "2,3", 0, 0, 0, 1, 0, 0, 2);
  QS_CHECK (outs[1], "2,3", 1e-6, 0, 0, 0.95, 0, 0, 0.3);
  QS_CHECK (outs[2], "1", 0, 2);
  g_free (outs);
  /* v3: a static output padded with -1 */
  outs = qs_test_run_op_full ("NonMaxSuppression", "opset3", "box_encoding=\"corner\"",
                              in, 5, 0, 1, QS_EXEC_MODE_FLOAT, &error);
  g_assert_no_error (error);
  QS_CHECK (outs[0], "3,3", 0, 0, 0, 1, 0, 0, 2, -1, -1, -1);
  g_free (outs);
  for (guint i = 0; i < 5; i++)
    qs_tensor_unref (in[i]);
}

static void
test_ctc_greedy (void)
{
  g_autoptr(GError) error = NULL;
  /* T=4, N=1, C=3 (blank = 2): best classes 0,0,2,1 -> merged 0,1 */
  QS_CHECK (QS_RUN ("CTCGreedyDecoder", "opset1", "ctc_merge_repeated=\"true\"", &error,
                    QS_F32 ("4,1,3", 0.9, 0.1, 0, 0.8, 0.1, 0.1, 0, 0.1, 0.9, 0.1, 0.8, 0.1),
                    QS_F32 ("4,1", 1, 1, 1, 1)),
            "1,4,1,1", 0, 0, 1, -1, -1);
  g_assert_no_error (error);
}

static void
test_pad (void)
{
  g_autoptr(GError) error = NULL;

  QS_CHECK (QS_RUN ("Pad", "opset1", "pad_mode=\"constant\"", &error,
                    QS_F32 ("3", 1, 2, 3), QS_I64 ("1", 2), QS_I64 ("1", 1), QS_F32 ("", 9)),
            "6", 0, 9, 9, 1, 2, 3, 9);
  QS_CHECK (QS_RUN ("Pad", "opset1", "pad_mode=\"edge\"", &error,
                    QS_F32 ("3", 1, 2, 3), QS_I64 ("1", 2), QS_I64 ("1", 1)),
            "6", 0, 1, 1, 1, 2, 3, 3);
  QS_CHECK (QS_RUN ("Pad", "opset1", "pad_mode=\"reflect\"", &error,
                    QS_F32 ("3", 1, 2, 3), QS_I64 ("1", 2), QS_I64 ("1", 2)),
            "7", 0, 3, 2, 1, 2, 3, 2, 1);
  QS_CHECK (QS_RUN ("Pad", "opset1", "pad_mode=\"symmetric\"", &error,
                    QS_F32 ("3", 1, 2, 3), QS_I64 ("1", 2), QS_I64 ("1", 1)),
            "6", 0, 2, 1, 1, 2, 3, 3);
  /* Pad-12 crops with negative pads; Pad-1 refuses them */
  QS_CHECK (QS_RUN ("Pad", "opset12", "pad_mode=\"constant\"", &error,
                    QS_F32 ("2,3", 1, 2, 3, 4, 5, 6), QS_I64 ("2", 0, -1), QS_I64 ("2", 1, 0)),
            "3,2", 0, 2, 3, 5, 6, 0, 0);
  g_assert_no_error (error);
  g_assert_null (QS_RUN ("Pad", "opset1", "pad_mode=\"constant\"", &error,
                         QS_F32 ("3", 1, 2, 3), QS_I64 ("1", -1), QS_I64 ("1", 0)));
  g_assert_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID);
}

static void
test_depth_space (void)
{
  g_autoptr(GError) error = NULL;
  /* [1,4,1,1] with block 2 -> [1,1,2,2]: blocks_first reads channels as (by, bx) */
  QS_CHECK (QS_RUN ("DepthToSpace", "opset1", "block_size=\"2\" mode=\"blocks_first\"", &error,
                    QS_F32 ("1,4,1,1", 1, 2, 3, 4)),
            "1,1,2,2", 0, 1, 2, 3, 4);
  /* 2 output channels: blocks_first puts C innermost, depth_first outermost */
  QS_CHECK (QS_RUN ("DepthToSpace", "opset1", "block_size=\"2\" mode=\"blocks_first\"", &error,
                    QS_F32 ("1,8,1,1", 0, 1, 2, 3, 4, 5, 6, 7)),
            "1,2,2,2", 0, 0, 2, 4, 6, 1, 3, 5, 7);
  QS_CHECK (QS_RUN ("DepthToSpace", "opset1", "block_size=\"2\" mode=\"depth_first\"", &error,
                    QS_F32 ("1,8,1,1", 0, 1, 2, 3, 4, 5, 6, 7)),
            "1,2,2,2", 0, 0, 1, 2, 3, 4, 5, 6, 7);
  /* SpaceToDepth undoes it */
  QS_CHECK (QS_RUN ("SpaceToDepth", "opset1", "block_size=\"2\" mode=\"blocks_first\"", &error,
                    QS_F32 ("1,2,2,2", 0, 2, 4, 6, 1, 3, 5, 7)),
            "1,8,1,1", 0, 0, 1, 2, 3, 4, 5, 6, 7);
  QS_CHECK (QS_RUN ("SpaceToDepth", "opset1", "block_size=\"2\" mode=\"depth_first\"", &error,
                    QS_F32 ("1,1,2,4", 0, 1, 2, 3, 4, 5, 6, 7)),
            "1,4,1,2", 0, 0, 2, 1, 3, 4, 6, 5, 7);
  g_assert_no_error (error);
}

static void
test_scatter_nd_update (void)
{
  g_autoptr(GError) error = NULL;

  QS_CHECK (QS_RUN ("ScatterNDUpdate", "opset3", "", &error,
                    QS_F32 ("4", 1, 2, 3, 4), QS_I64 ("2,1", 3, -4), QS_F32 ("2", 40, 10)),
            "4", 0, 10, 2, 3, 40);
  QS_CHECK (QS_RUN ("ScatterNDUpdate", "opset3", "", &error,
                    QS_F32 ("2,2", 1, 2, 3, 4), QS_I64 ("1,1", 1), QS_F32 ("1,2", 7, 8)),
            "2,2", 0, 1, 2, 7, 8);
  g_assert_no_error (error);
}

static void
test_mvn (void)
{
  g_autoptr(GError) error = NULL;
  /* per channel over [1,3]: mean 2, population variance 2/3 */
  double s = sqrt (2.0 / 3 + 0.01);

  QS_CHECK (QS_RUN ("MVN", "opset2", "across_channels=\"false\" normalize_variance=\"true\" eps=\"0.01\"", &error,
                    QS_F32 ("1,2,3", 1, 2, 3, 5, 5, 5)),
            "1,2,3", 1e-6, -1 / s, 0, 1 / s, 0, 0, 0);
  /* normalize_variance defaults to false in MVN-1: mean only */
  QS_CHECK (QS_RUN ("MVN", "opset2", "across_channels=\"true\" eps=\"0.01\"", &error,
                    QS_F32 ("1,2,2", 1, 3, 5, 7)),
            "1,2,2", 1e-6, -3, -1, 1, 3);
  QS_CHECK (QS_RUN ("MVN", "opset6", "normalize_variance=\"true\" eps=\"0.01\" eps_mode=\"outside_sqrt\"", &error,
                    QS_F32 ("1,2,3", 1, 2, 3, 5, 5, 5), QS_I64 ("1", -1)),
            "1,2,3", 1e-6, -1 / (sqrt (2.0 / 3) + 0.01), 0, 1 / (sqrt (2.0 / 3) + 0.01), 0, 0, 0);
  g_assert_no_error (error);
}

/* MVN over trailing axes sums each run of a group in eight double lanes
 * (qs-op-reduce.c), no longer in element order: held here to the
 * element-order computation (mean and variance in double, x - mean and
 * the division in double) within 1e-6 · max (1, |expected|), on random
 * data with an offset (so x - mean cancels), runs with ragged tails,
 * several runs per group, and groups with NaN or Inf (NaN everywhere in
 * both).  Axes that leave the last dim kept take the element-order path
 * and must match it bit for bit.  (On these cases the lane sums gave
 * the same floats bit for bit; the tolerance is what is promised.) */
static void
test_mvn_rows (void)
{
  static const struct
  {
    const char *shape, *axes;
    gboolean exact;
  } cases[] = {
    { "1,4,13,29", "2,3", FALSE },    /* one run of 377 per channel */
    { "2,3,5,7", "1,2,3", FALSE },    /* one run of 105 per sample */
    { "3,2,5,17", "0,2,3", FALSE },   /* runs of 85, three per group */
    { "2,3,40", "2", FALSE },         /* a 40 run, tail of 0 after 8s */
    { "2,3,19", "-1", FALSE },        /* 19: tail of 3 */
    { "2,3,7", "2", TRUE },           /* short runs: element order */
    { "2,6,5,4", "1,2", TRUE },       /* last dim kept */
  };
  g_autoptr(GRand) r = g_rand_new_with_seed (20261207);

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    for (int mode = 0; mode < 3; mode++)
      {
        g_autoptr(GError) error = NULL;
        QsTensor *x = qs_test_tensor (QS_ELEMENT_F32, cases[c].shape, NULL);
        g_auto(GStrv) axes_s = g_strsplit (cases[c].axes, ",", -1);
        g_autofree double *axes = g_new (double, g_strv_length (axes_s));
        g_autofree char *axes_shape = g_strdup_printf ("%u", g_strv_length (axes_s));
        gboolean reduce[QS_TENSOR_MAX_RANK] = { FALSE, };
        gsize n = x->n_elements, n_groups = 1;
        g_autofree gsize *group = g_new (gsize, n);
        g_autofree double *mean = NULL, *var = NULL, *cnt = NULL;
        gboolean divide = mode != 1, inside = mode != 2;
        double eps = 1e-5;
        QsTensor *y;

        for (guint a = 0; axes_s[a] != NULL; a++)
          {
            axes[a] = g_ascii_strtoll (axes_s[a], NULL, 10);
            reduce[((int) axes[a] + x->rank) % x->rank] = TRUE;
          }
        for (gsize i = 0; i < n; i++)
          qs_tensor_f32 (x)[i] = (float) (g_rand_double_range (r, -3, 3) + 100 * (c % 3));
        if (mode == 0)
          {
            qs_tensor_f32 (x)[n / 3] = NAN;
            qs_tensor_f32 (x)[n - 1] = INFINITY;
          }
        /* group of each element: its index over the kept dims */
        for (gsize i = 0; i < n; i++)
          {
            gsize rest = i, g = 0, scale = 1;

            for (int d = x->rank - 1; d >= 0; d--)
              {
                gsize k = rest % x->dims[d];

                rest /= x->dims[d];
                if (!reduce[d])
                  {
                    g += k * scale;
                    scale *= x->dims[d];
                  }
              }
            group[i] = g;
            n_groups = MAX (n_groups, g + 1);
          }
        mean = g_new0 (double, n_groups);
        var = g_new0 (double, n_groups);
        cnt = g_new0 (double, n_groups);
        for (gsize i = 0; i < n; i++)
          {
            mean[group[i]] += qs_tensor_f32 (x)[i];
            cnt[group[i]]++;
          }
        for (gsize g = 0; g < n_groups; g++)
          mean[g] /= cnt[g];
        for (gsize i = 0; i < n; i++)
          {
            double d = qs_tensor_f32 (x)[i] - mean[group[i]];

            var[group[i]] += d * d;
          }
        for (gsize g = 0; g < n_groups; g++)
          var[g] = inside ? sqrt (var[g] / cnt[g] + eps) : sqrt (var[g] / cnt[g]) + eps;

        {
          g_autofree char *attrs = g_strdup_printf ("normalize_variance=\"%s\" eps=\"1e-5\" eps_mode=\"%s\"",
                                                    divide ? "true" : "false",
                                                    inside ? "inside_sqrt" : "outside_sqrt");
          float *expect = g_new (float, n);

          for (gsize i = 0; i < n; i++)
            {
              double d = qs_tensor_f32 (x)[i] - mean[group[i]];

              expect[i] = (float) (divide ? d / var[group[i]] : d);
            }
          y = QS_RUN ("MVN", "opset6", attrs, &error, x,
                      qs_test_tensor (QS_ELEMENT_I64, axes_shape, axes));
          g_assert_no_error (error);
          g_assert_nonnull (y);
          for (gsize i = 0; i < n; i++)
            {
              float got = qs_tensor_f32 (y)[i];
              gboolean ok;

              if (isnan (expect[i]) || isnan (got))
                ok = isnan (expect[i]) && isnan (got);
              else if (cases[c].exact)
                ok = memcmp (&got, &expect[i], sizeof (float)) == 0;
              else
                ok = fabs ((double) got - expect[i]) <= 1e-6 * MAX (1.0, fabs (expect[i]));
              if (!ok)
                g_error ("MVN %s axes %s mode %d: element %" G_GSIZE_FORMAT ": %.9g, element order %.9g",
                         cases[c].shape, cases[c].axes, mode, i, got, expect[i]);
            }
          g_free (expect);
          qs_tensor_unref (y);
        }
      }
}

/* ---- data movement ---- */

/* Runs a Const-only op with @n_out outputs; consumes @inputs. */
static QsTensor **
run_multi (const char  *type,
           const char  *version,
           const char  *attrs,
           QsTensor   **inputs,
           guint        n_in,
           guint        n_out)
{
  g_autoptr(GError) error = NULL;
  QsTensor **outs;
  guint i;

  outs = qs_test_run_op_full (type, version, attrs, inputs, n_in, 0, n_out, QS_EXEC_MODE_FLOAT, &error);
  g_assert_no_error (error);
  for (i = 0; i < n_in; i++)
    if (inputs[i] != NULL)
      qs_tensor_unref (inputs[i]);
  return outs;
}

typedef struct
{
  double v;
  gint64 i;
} TopKPair;

/* TopK's order: the larger (mode max) or smaller value first, ties by
 * index; NaN compares as after everything both ways, as the op's does. */
static int
topk_cmp_max (const void *a,
              const void *b)
{
  const TopKPair *x = a, *y = b;

  if (x->v != y->v)
    return x->v > y->v ? -1 : 1;
  return x->i < y->i ? -1 : (x->i > y->i);
}

static int
topk_cmp_min (const void *a,
              const void *b)
{
  const TopKPair *x = a, *y = b;

  if (x->v != y->v)
    return x->v < y->v ? -1 : 1;
  return x->i < y->i ? -1 : (x->i > y->i);
}

static int
topk_cmp_index (const void *a,
                const void *b)
{
  const TopKPair *x = a, *y = b;

  return x->i < y->i ? -1 : (x->i > y->i);
}

/* The first @k of row (@o, @in) of @x (@n values along the axis, @inner
 * after it) by a full sort of the row: TopK's old path. */
static void
topk_full_sort (const float *x,
                gsize        o,
                gsize        in,
                gsize        n,
                gsize        inner,
                gsize        k,
                const char  *mode,
                const char  *sort,
                TopKPair    *buf)
{
  for (gsize j = 0; j < n; j++)
    {
      buf[j].v = x[(o * n + j) * inner + in];
      buf[j].i = j;
    }
  qsort (buf, n, sizeof (TopKPair), g_strcmp0 (mode, "min") == 0 ? topk_cmp_min : topk_cmp_max);
  if (g_strcmp0 (sort, "index") == 0)
    qsort (buf, k, sizeof (TopKPair), topk_cmp_index);
}

/* TopK selects the first k of a row before sorting them when k is under
 * half the row and the row has no NaN (qs-op-shape.c); held to a full sort
 * of every row (the op's old path), values bit for bit and indices, on
 * random rows with many ties, ±0 and ±inf, rows with a NaN (the full
 * sort), both modes, the three sorts, both axes of a 2-D input, and k
 * from 0 to the row's length. */
static void
test_topk_select (void)
{
  static const char *const modes[] = { "max", "min" };
  static const char *const sorts[] = { "value", "index", "none" };
  g_autoptr(GRand) r = g_rand_new_with_seed (1207);
  guint checked = 0;

  for (int round = 0; round < 48; round++)
    {
      gint64 dims[2] = { round % 3 == 0 ? 3 : 1, 0 };
      int axis = round % 4 == 1 ? 0 : 1, nan_row = round % 5 == 2;
      const char *mode = modes[round % 2], *sort = sorts[(round / 2) % 3];
      gint64 n, ks[] = { 0, 1, 7, 0, 0, 0, 0 };
      QsTensor *x;

      dims[1] = g_rand_int_range (r, 2, 3000);
      if (axis == 0)
        {
          gint64 t = dims[0];

          dims[0] = dims[1];
          dims[1] = t;
        }
      n = dims[axis];
      ks[3] = n / 8;
      ks[4] = n / 2 - 1;
      ks[5] = n - 1;
      ks[6] = n;
      x = qs_tensor_new (QS_ELEMENT_F32, 2, dims);
      for (gsize i = 0; i < x->n_elements; i++)
        {
          guint32 c = g_rand_int_range (r, 0, 50);

          qs_tensor_f32 (x)[i] = c == 0 ? INFINITY : c == 1 ? -INFINITY : c == 2 ? -0.0f : c == 3 ? 0.0f
                               : c < 25 ? (float) g_rand_int_range (r, -20, 20)
                               : (float) g_rand_double_range (r, -1e3, 1e3);
        }
      if (nan_row)
        qs_tensor_f32 (x)[x->n_elements / 2] = NAN;
      for (gsize q = 0; q < G_N_ELEMENTS (ks); q++)
        {
          gint64 k = MIN (ks[q], n), outer = axis == 0 ? 1 : dims[0], inner = axis == 0 ? dims[1] : 1;
          g_autofree char *attrs = g_strdup_printf ("axis=\"%d\" mode=\"%s\" sort=\"%s\" index_element_type=\"i32\"",
                                                    axis, mode, sort);
          g_autofree TopKPair *buf = g_new (TopKPair, n);
          QsTensor **outs = run_multi ("TopK", "opset11", attrs,
                                       (QsTensor *[]) { qs_tensor_ref (x), QS_I64 ("", (double) k) }, 2, 2);

          for (gint64 o = 0; o < outer; o++)
            for (gint64 in = 0; in < inner; in++)
              {
                topk_full_sort (qs_tensor_f32 (x), o, in, n, inner, k, mode, sort, buf);
                for (gint64 j = 0; j < k; j++)
                  {
                    gsize at = (o * k + j) * inner + in;
                    float want = (float) buf[j].v, got = qs_tensor_f32 (outs[0])[at];
                    gint32 got_i = ((gint32 *) outs[1]->data)[at];

                    if (memcmp (&got, &want, sizeof (float)) != 0 && !(isnan (got) && isnan (want)))
                      g_error ("TopK %s %s, n %" G_GINT64_FORMAT " k %" G_GINT64_FORMAT ": value %" G_GINT64_FORMAT
                               " is %g, a full sort's %g", mode, sort, n, k, j, got, want);
                    if (got_i != buf[j].i)
                      g_error ("TopK %s %s, n %" G_GINT64_FORMAT " k %" G_GINT64_FORMAT ": index %" G_GINT64_FORMAT
                               " is %d, a full sort's %" G_GINT64_FORMAT, mode, sort, n, k, j, got_i, buf[j].i);
                    checked++;
                  }
              }
          qs_tensor_unref (outs[0]);
          qs_tensor_unref (outs[1]);
          g_free (outs);
        }
      qs_tensor_unref (x);
    }
  g_test_message ("%u selected values agree", checked);
}

/* Transpose drops axes of size 1, merges axes that stay neighbours and
 * copies runs (qs-op-shape.c); held here byte for byte to the element
 * whose input index is computed from the output index, on random shapes
 * of rank 1 to 6 (sizes 1 to 7), random orders, and every element size
 * a tensor has (1, 4 and 8 bytes). */
static void
test_transpose_runs (void)
{
  static const QsElementType types[] = { QS_ELEMENT_U8, QS_ELEMENT_F32, QS_ELEMENT_I64, QS_ELEMENT_I8, QS_ELEMENT_I32 };
  g_autoptr(GRand) r = g_rand_new_with_seed (4711);
  guint checked = 0;

  for (int round = 0; round < 400; round++)
    {
      int rank = 1 + round % 6, perm[6];
      gint64 dims[6], odims[6], in_strides[6], s = 1;
      double order[6];
      QsElementType type = types[round % G_N_ELEMENTS (types)];
      g_autoptr(GError) error = NULL;
      g_autofree char *oshape = g_strdup_printf ("%d", rank);
      QsTensor *x, *y;
      gsize es;

      for (int d = 0; d < rank; d++)
        {
          dims[d] = g_rand_int_range (r, 0, 5) == 0 ? 1 : g_rand_int_range (r, 1, 8);
          perm[d] = d;
        }
      for (int d = rank - 1; d > 0; d--)
        {
          int j = g_rand_int_range (r, 0, d + 1), t = perm[d];

          perm[d] = perm[j];
          perm[j] = t;
        }
      /* now and then an order that keeps some neighbours (merged runs) */
      if (round % 3 == 0 && rank >= 3)
        for (int d = 0; d < rank; d++)
          perm[d] = d < 2 ? 1 - d : d;
      for (int d = rank - 1; d >= 0; d--)
        {
          in_strides[d] = s;
          s *= dims[d];
        }
      x = qs_tensor_new (type, rank, dims);
      es = qs_tensor_type_size (type);
      for (gsize i = 0; i < x->n_elements * es; i++)
        ((guint8 *) x->data)[i] = (guint8) g_rand_int (r);
      for (int d = 0; d < rank; d++)
        {
          order[d] = perm[d];
          odims[d] = dims[perm[d]];
        }
      y = QS_RUN ("Transpose", "opset1", "", &error, qs_tensor_ref (x),
                  qs_test_tensor (QS_ELEMENT_I64, oshape, order));
      g_assert_no_error (error);
      g_assert_nonnull (y);
      g_assert_cmpint (y->rank, ==, rank);
      for (int d = 0; d < rank; d++)
        g_assert_cmpint (y->dims[d], ==, odims[d]);
      for (gsize i = 0; i < y->n_elements; i++)
        {
          gsize rest = i, src = 0;

          for (int d = rank - 1; d >= 0; d--)
            {
              src += (rest % odims[d]) * in_strides[perm[d]];
              rest /= odims[d];
            }
          if (memcmp ((guint8 *) y->data + i * es, (guint8 *) x->data + src * es, es) != 0)
            g_error ("Transpose round %d (rank %d, %s): output element %" G_GSIZE_FORMAT " is not input element %"
                     G_GSIZE_FORMAT, round, rank, qs_element_type_name (type), i, src);
        }
      checked += y->n_elements;
      qs_tensor_unref (x);
      qs_tensor_unref (y);
    }
  g_test_message ("%u elements agree", checked);
}

/* ---- the shared models' own layers ---- */

typedef struct
{
  guint n_softmax, n_topk, n_transpose, n_reduce;
} ShapeOps;

static gboolean
same_bits_or_nan (float got,
                  float want)
{
  return isnan (want) ? isnan (got) : memcmp (&got, &want, sizeof (float)) == 0;
}

/* The reductions the Reduce* tests check, in the order of their op lists. */
static const char *const reduce_ops[] = { "ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd",
                                          "ReduceL1", "ReduceL2" };

/* What reduction @op (an index into reduce_ops) of the f32 tensor @x over
 * the axes marked in @reduce gives, by the op's element walk in double
 * (its general path): @n_out floats. */
static float *
reduce_reference (const QsTensor *x,
                  const gboolean *reduce,
                  int             op,
                  gsize           n_out)
{
  g_autofree double *acc = g_new (double, MAX (n_out, 1));
  g_autofree double *cnt = g_new0 (double, MAX (n_out, 1));
  float *want = g_new (float, MAX (n_out, 1));
  gsize i;

  for (i = 0; i < n_out; i++)
    acc[i] = op == 2 ? -G_MAXFLOAT : op == 3 ? G_MAXFLOAT : op == 4 ? 1 : 0;
  for (i = 0; i < x->n_elements; i++)
    {
      gsize rest = i, g = 0, scale = 1;
      double v = qs_tensor_f32 (x)[i], *a;

      for (int d = x->rank - 1; d >= 0; d--)
        {
          if (!reduce[d])
            {
              g += (rest % x->dims[d]) * scale;
              scale *= x->dims[d];
            }
          rest /= x->dims[d];
        }
      a = &acc[g];
      switch (op)
        {
        case 0: case 1: *a += v; break;
        case 2: if (v > *a) *a = v; break;
        case 3: if (v < *a) *a = v; break;
        case 4: *a *= v; break;
        case 5: *a += fabs (v); break;
        default: *a += v * v; break;
        }
      cnt[g]++;
    }
  for (i = 0; i < n_out; i++)
    want[i] = (float) (op == 1 ? (cnt[i] > 0 ? acc[i] / cnt[i] : 0) : op == 6 ? sqrt (acc[i]) : acc[i]);
  return want;
}

/* The sizes before, along and after @axis of @x (a negative axis counts
 * from the end). */
static int
split_axis (const QsTensor *x,
            gint64          axis,
            gsize          *outer,
            gsize          *n,
            gsize          *inner)
{
  int a = axis < 0 ? x->rank + (int) axis : (int) axis;

  *outer = *inner = 1;
  for (int d = 0; d < x->rank; d++)
    if (d < a)
      *outer *= x->dims[d];
    else if (d > a)
      *inner *= x->dims[d];
  *n = x->dims[a];
  return a;
}

/* Observer of a whole run: every SoftMax, TopK, Transpose and Reduce* on
 * f32 data is held to the computation of its old path (strided columns,
 * a full sort, an element read from its index, the element walk). */
static void
check_shape_ops (const QsNode    *node,
                 QsTensor *const *inputs,
                 guint            n_inputs,
                 QsTensor *const *outputs,
                 guint            n_outputs,
                 gpointer         user_data)
{
  ShapeOps *seen = user_data;
  const QsTensor *x = n_inputs > 0 ? inputs[0] : NULL, *y = n_outputs > 0 ? outputs[0] : NULL;
  gint64 axis_attr = 0;
  gsize outer = 1, inner = 1, n, i;
  int axis, d;

  if (x == NULL || y == NULL || x->type != QS_ELEMENT_F32)
    return;
  if (qs_node_is_type (node, "SoftMax") || qs_node_is_type (node, "Softmax"))
    {
      g_autofree float *want = g_new (float, x->n_elements);

      g_assert_true (qs_node_get_int (node, "axis", 1, &axis_attr, NULL));
      axis = split_axis (x, axis_attr, &outer, &n, &inner);
      for (gsize o = 0; o < outer; o++)
        for (gsize in = 0; in < inner; in++)
          {
            const float *xs = qs_tensor_f32 (x) + o * n * inner + in;
            float *w = want + o * n * inner + in, mx = -INFINITY, sum = 0;

            for (gsize j = 0; j < n; j++)
              mx = MAX (mx, xs[j * inner]);
            for (gsize j = 0; j < n; j++)
              {
                w[j * inner] = expf (xs[j * inner] - mx);
                sum += w[j * inner];
              }
            for (gsize j = 0; j < n; j++)
              w[j * inner] = w[j * inner] / sum;
          }
      for (i = 0; i < x->n_elements; i++)
        if (!same_bits_or_nan (qs_tensor_f32 (y)[i], want[i]))
          g_error ("%s: element %" G_GSIZE_FORMAT " is %.9g, the strided loop's %.9g", node->name, i,
                   qs_tensor_f32 (y)[i], want[i]);
      seen->n_softmax++;
    }
  else if (qs_node_is_type (node, "Transpose") && n_inputs == 2 && inputs[1]->n_elements == (gsize) x->rank)
    {
      gint64 in_strides[QS_TENSOR_MAX_RANK], s = 1;

      for (d = x->rank - 1; d >= 0; d--)
        {
          in_strides[d] = s;
          s *= x->dims[d];
        }
      for (i = 0; i < y->n_elements; i++)
        {
          gsize rest = i, src = 0;

          for (d = y->rank - 1; d >= 0; d--)
            {
              src += (rest % y->dims[d]) * in_strides[qs_tensor_get_i64 (inputs[1], d)];
              rest /= y->dims[d];
            }
          g_assert_true (same_bits_or_nan (qs_tensor_f32 (y)[i], qs_tensor_f32 (x)[src]));
        }
      seen->n_transpose++;
    }
  else if (qs_node_is_type (node, "TopK") && n_outputs >= 2 && outputs[1] != NULL)
    {
      const char *mode = qs_node_get_attr (node, "mode"), *sort = qs_node_get_attr (node, "sort");
      gint64 k;
      g_autofree TopKPair *buf = NULL;

      g_assert_true (qs_node_get_int (node, "axis", 0, &axis_attr, NULL));
      axis = split_axis (x, axis_attr, &outer, &n, &inner);
      k = y->dims[axis];
      buf = g_new (TopKPair, MAX (n, 1));
      for (gsize o = 0; o < outer; o++)
        for (gsize in = 0; in < inner; in++)
          {
            topk_full_sort (qs_tensor_f32 (x), o, in, n, inner, k, mode, sort, buf);
            for (gint64 j = 0; j < k; j++)
              {
                gsize at = (o * k + j) * inner + in;

                g_assert_true (same_bits_or_nan (qs_tensor_f32 (y)[at], (float) buf[j].v));
                g_assert_cmpint (qs_tensor_get_i64 (outputs[1], at), ==, buf[j].i);
              }
          }
      seen->n_topk++;
    }
  else if (g_str_has_prefix (node->type, "Reduce") && n_inputs == 2)
    {
      gboolean reduce[QS_TENSOR_MAX_RANK] = { FALSE, };
      g_autofree float *want = NULL;
      int op = -1;

      for (guint q = 0; q < G_N_ELEMENTS (reduce_ops); q++)
        if (qs_node_is_type (node, reduce_ops[q]))
          op = q;
      if (op < 0)
        return;
      for (i = 0; i < inputs[1]->n_elements; i++)
        {
          gint64 a = qs_tensor_get_i64 (inputs[1], i);

          reduce[a < 0 ? a + x->rank : a] = TRUE;
        }
      want = reduce_reference (x, reduce, op, y->n_elements);
      for (i = 0; i < y->n_elements; i++)
        g_assert_true (same_bits_or_nan (qs_tensor_f32 (y)[i], want[i]));
      seen->n_reduce++;
    }
}

/* The shared INT8 models in an int8 run (these layers run in float
 * there): every SoftMax, TopK, Transpose and Reduce* layer against its old
 * computation, on one random input. */
static void
test_shape_ops_shared_models (void)
{
  static const char *const names[] = { "yolov8n-int8-nncf-v11", "pvb2003-int8-v11", "pdr0013-int8-v11" };
  const char *models = qs_test_shared_models ();
  ShapeOps seen = { 0 };

  if (models == NULL)
    return;
  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      g_autoptr(QsModel) model = qs_test_load_shared (models, names[k]);

      if (model != NULL)
        qs_test_run_observed (model, QS_EXEC_MODE_INT8, 5, check_shape_ops, &seen);
    }
  g_test_message ("layers checked: %u SoftMax, %u TopK, %u Transpose, %u Reduce", seen.n_softmax, seen.n_topk,
                  seen.n_transpose, seen.n_reduce);
  g_assert_cmpuint (seen.n_softmax, >, 0);
  g_assert_cmpuint (seen.n_topk, >, 0);
  g_assert_cmpuint (seen.n_transpose, >, 0);
  g_assert_cmpuint (seen.n_reduce, >, 0);
}

static void
test_concat (void)
{
  g_autoptr(GError) error = NULL;
  /* axis -1 of rank 2 is axis 1: row r is a[r] followed by b[r] */
  QS_CHECK (QS_RUN ("Concat", "opset1", "axis=\"-1\"", &error,
                    QS_F32 ("2,1", 1, 2),
                    QS_F32 ("2,2", 3, 4, 5, 6)),
            "2,3", 0, 1, 3, 4, 2, 5, 6);
  /* axis -2 of rank 2 is axis 0: the rows of a, then the rows of b */
  QS_CHECK (QS_RUN ("Concat", "opset1", "axis=\"-2\"", &error,
                    QS_F32 ("1,2", 1, 2),
                    QS_F32 ("2,2", 3, 4, 5, 6)),
            "3,2", 0, 1, 2, 3, 4, 5, 6);
  g_assert_no_error (error);
}

static void
test_split (void)
{
  QsTensor **outs;

  /* [2,4] in 2 along axis 1 (given as -1): columns 0-1 and 2-3 */
  outs = run_multi ("Split", "opset1", "num_splits=\"2\"",
                    (QsTensor *[]) { QS_F32 ("2,4", 1, 2, 3, 4, 5, 6, 7, 8), QS_I64 ("", -1) }, 2, 2);
  QS_CHECK (outs[0], "2,2", 0, 1, 2, 5, 6);
  QS_CHECK (outs[1], "2,2", 0, 3, 4, 7, 8);
  g_free (outs);
  /* [6] in 3: pairs */
  outs = run_multi ("Split", "opset1", "num_splits=\"3\"",
                    (QsTensor *[]) { QS_F32 ("6", 1, 2, 3, 4, 5, 6), QS_I32 ("", 0) }, 2, 3);
  QS_CHECK (outs[0], "2", 0, 1, 2);
  QS_CHECK (outs[1], "2", 0, 3, 4);
  QS_CHECK (outs[2], "2", 0, 5, 6);
  g_free (outs);
}

static void
test_variadic_split (void)
{
  QsTensor **outs;

  /* lengths 1, -1, 2 of 6: the -1 part takes the remaining 6 - 3 = 3 */
  outs = run_multi ("VariadicSplit", "opset1", "",
                    (QsTensor *[]) { QS_F32 ("6", 1, 2, 3, 4, 5, 6), QS_I64 ("", 0), QS_I64 ("3", 1, -1, 2) }, 3, 3);
  QS_CHECK (outs[0], "1", 0, 1);
  QS_CHECK (outs[1], "3", 0, 2, 3, 4);
  QS_CHECK (outs[2], "2", 0, 5, 6);
  g_free (outs);
  /* a 0 length gives an empty output; -1 takes the 1 left */
  outs = run_multi ("VariadicSplit", "opset1", "",
                    (QsTensor *[]) { QS_F32 ("3", 7, 8, 9), QS_I64 ("", 0), QS_I64 ("3", 2, 0, -1) }, 3, 3);
  QS_CHECK (outs[0], "2", 0, 7, 8);
  QS_CHECK (outs[1], "0", 0, 0);
  QS_CHECK (outs[2], "1", 0, 9);
  g_free (outs);
  /* along axis -2 of [3,2]: rows {0,1} and {2} */
  outs = run_multi ("VariadicSplit", "opset1", "",
                    (QsTensor *[]) { QS_F32 ("3,2", 1, 2, 3, 4, 5, 6), QS_I64 ("", -2), QS_I32 ("2", -1, 1) }, 3, 2);
  QS_CHECK (outs[0], "2,2", 0, 1, 2, 3, 4);
  QS_CHECK (outs[1], "1,2", 0, 5, 6);
  g_free (outs);
}

static void
test_strided_slice (void)
{
  g_autoptr(GError) error = NULL;

  /* data[1:, :3] of the 3x4 matrix 0..11: begin_mask ignores begin[1] = 2,
   * end_mask ignores end[0] = 1 */
  QS_CHECK (QS_RUN ("StridedSlice", "opset1", "begin_mask=\"0,1\" end_mask=\"1,0\"", &error,
                    QS_F32 ("3,4", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
                    QS_I64 ("2", 1, 2), QS_I64 ("2", 1, 3), QS_I64 ("2", 1, 1)),
            "2,3", 0, 4, 5, 6, 8, 9, 10);
  /* negative stride: data[-1:0:-2] of 0..4 is 4, 2 (end 0 excluded) */
  QS_CHECK (QS_RUN ("StridedSlice", "opset1", "begin_mask=\"0\" end_mask=\"0\"", &error,
                    QS_F32 ("5", 0, 1, 2, 3, 4),
                    QS_I64 ("1", -1), QS_I64 ("1", 0), QS_I64 ("1", -2)),
            "2", 0, 4, 2);
  /* negative stride with begin_mask: begin = dim - 1 = 4; end -9 + 5 = -4
   * clamps to -1 in reverse, so index 0 is included: 4, 1 */
  QS_CHECK (QS_RUN ("StridedSlice", "opset1", "begin_mask=\"1\" end_mask=\"0\"", &error,
                    QS_F32 ("5", 0, 1, 2, 3, 4),
                    QS_I64 ("1", 0), QS_I64 ("1", -9), QS_I64 ("1", -3)),
            "2", 0, 4, 1);
  /* clamping: begin 7 >= 5 is 5 going forward (empty), 4 going back; data[7:1:-1] = 4, 3, 2 */
  QS_CHECK (QS_RUN ("StridedSlice", "opset1", "begin_mask=\"0\" end_mask=\"0\"", &error,
                    QS_F32 ("5", 0, 1, 2, 3, 4),
                    QS_I64 ("1", 7), QS_I64 ("1", 1), QS_I64 ("1", -1)),
            "3", 0, 4, 3, 2);
  /* data[np.newaxis, 1, :] of the 2x3 matrix 0..5: entry 0 inserts a dim,
   * entry 1 takes row 1 and drops the dim, entry 2 takes dim 1 whole */
  QS_CHECK (QS_RUN ("StridedSlice", "opset1",
                    "begin_mask=\"0,0,1\" end_mask=\"0,0,1\" new_axis_mask=\"1,0,0\" shrink_axis_mask=\"0,1,0\"", &error,
                    QS_F32 ("2,3", 0, 1, 2, 3, 4, 5),
                    QS_I64 ("3", 0, 1, 0), QS_I64 ("3", 0, 2, 0), QS_I64 ("3", 1, 1, 1)),
            "1,3", 0, 3, 4, 5);
  /* data[..., 1:3] of [2,3,4] 0..23: the ellipsis covers 3 - (2 - 0 - 1) = 2
   * dims; element (i,j,k) is 12i + 4j + k */
  QS_CHECK (QS_RUN ("StridedSlice", "opset1", "begin_mask=\"0,0\" end_mask=\"0,0\" ellipsis_mask=\"1,0\"", &error,
                    QS_F32 ("2,3,4", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
                            12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23),
                    QS_I64 ("2", 0, 1), QS_I64 ("2", 0, 3)),
            "2,3,2", 0, 1, 2, 5, 6, 9, 10, 13, 14, 17, 18, 21, 22);
  /* data[0, ..., ::-1] of [2,2,3]: shrink dim 0, dim 1 whole, dim 2 reversed
   * (begin_mask: 2; end_mask: before 0) */
  QS_CHECK (QS_RUN ("StridedSlice", "opset1",
                    "begin_mask=\"0,0,1\" end_mask=\"0,0,1\" shrink_axis_mask=\"1\" ellipsis_mask=\"0,1\"", &error,
                    QS_F32 ("2,2,3", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
                    QS_I64 ("3", 0, 0, 0), QS_I64 ("3", 0, 0, 0), QS_I64 ("3", 1, 1, -1)),
            "2,3", 0, 2, 1, 0, 5, 4, 3);
  g_assert_no_error (error);
}

static void
test_gather (void)
{
  g_autoptr(GError) error = NULL;

  /* rows 2 and 0 of [3,2]; Gather-8 reads -1 as 3 - 1 = 2 */
  QS_CHECK (QS_RUN ("Gather", "opset8", "batch_dims=\"0\"", &error,
                    QS_F32 ("3,2", 1, 2, 3, 4, 5, 6), QS_I64 ("2", -1, 0), QS_I64 ("", 0)),
            "2,2", 0, 5, 6, 1, 2);
  /* axis 1 with 2-D indices: out[r, i, j] = data[r, idx[i, j]] */
  QS_CHECK (QS_RUN ("Gather", "opset8", "batch_dims=\"0\"", &error,
                    QS_F32 ("2,3", 1, 2, 3, 4, 5, 6), QS_I32 ("2,2", 2, 0, -2, 1), QS_I64 ("", -1)),
            "2,2,2", 0, 3, 1, 2, 2, 6, 4, 5, 5);
  /* batch_dims 1: batch b picks from its own row: row 0 with [2,0], row 1
   * with [1,1]; shape data[:1] + indices[1:] = [2,2] */
  QS_CHECK (QS_RUN ("Gather", "opset8", "batch_dims=\"1\"", &error,
                    QS_F32 ("2,3", 1, 2, 3, 4, 5, 6), QS_I64 ("2,2", 2, 0, 1, 1), QS_I64 ("", 1)),
            "2,2", 0, 3, 1, 5, 5);
  /* batch_dims -1 is indices.rank - 1 = 1: the same */
  QS_CHECK (QS_RUN ("Gather", "opset8", "batch_dims=\"-1\"", &error,
                    QS_F32 ("2,3", 1, 2, 3, 4, 5, 6), QS_I64 ("2,2", 2, 0, 1, 1), QS_I64 ("", 1)),
            "2,2", 0, 3, 1, 5, 5);
  /* Gather-8: an index out of [-3, 3) gives zeros */
  QS_CHECK (QS_RUN ("Gather", "opset8", "batch_dims=\"0\"", &error,
                    QS_F32 ("3", 1, 2, 3), QS_I64 ("3", 3, -4, -3), QS_I64 ("", 0)),
            "3", 0, 0, 0, 1);
  /* Gather-1 has no batch_dims: the axis-1 case again */
  QS_CHECK (QS_RUN ("Gather", "opset1", "", &error,
                    QS_F32 ("2,3", 1, 2, 3, 4, 5, 6), QS_I64 ("1", 2), QS_I64 ("", 1)),
            "2,1", 0, 3, 6);
  /* OpenVINO op reference test gather.cpp,
   * gather_2d_negative_and_positive_indices_axis_0_2d_input (Gather-1):
   * -2 is row 3 - 2 = 1; and the same for Gather-7 */
  QS_CHECK (QS_RUN ("Gather", "opset1", "", &error,
                    QS_F32 ("3,2", 1, 1.1, 2, 2.1, 3, 3.1), QS_I32 ("2,2", 0, -2, 1, 2), QS_I64 ("", 0)),
            "2,2,2", 1e-6, 1, 1.1, 2, 2.1, 2, 2.1, 3, 3.1);
  QS_CHECK (QS_RUN ("Gather", "opset7", "batch_dims=\"0\"", &error,
                    QS_F32 ("3,2", 1, 1.1, 2, 2.1, 3, 3.1), QS_I32 ("2,2", 0, -2, 1, 2), QS_I64 ("", 0)),
            "2,2,2", 1e-6, 1, 1.1, 2, 2.1, 2, 2.1, 3, 3.1);
  g_assert_no_error (error);
  /* before Gather-8 an index out of [-3, 3) is an error naming it */
  g_assert_null (QS_RUN ("Gather", "opset7", "batch_dims=\"0\"", &error,
                         QS_F32 ("3", 1, 2, 3), QS_I64 ("1", -4), QS_I64 ("", 0)));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "index -4"));
}

static void
test_reshape (void)
{
  g_autoptr(GError) error = NULL;

  /* special_zero: 0 copies dim 0 (2), -1 takes 12 / 2 = 6; row-major order kept */
  QS_CHECK (QS_RUN ("Reshape", "opset1", "special_zero=\"true\"", &error,
                    QS_F32 ("2,2,3", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), QS_I64 ("2", 0, -1)),
            "2,6", 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
  /* without special_zero: -1 = 12 / (3 * 2) = 2 */
  QS_CHECK (QS_RUN ("Reshape", "opset1", "special_zero=\"false\"", &error,
                    QS_F32 ("2,2,3", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), QS_I32 ("3", 3, -1, 2)),
            "3,2,2", 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
  /* special_zero with the 0 after the -1: dim 1 (4) is copied, -1 = 8 / (4 * 2) = 1 */
  QS_CHECK (QS_RUN ("Reshape", "opset1", "special_zero=\"true\"", &error,
                    QS_F32 ("2,4", 1, 2, 3, 4, 5, 6, 7, 8), QS_I64 ("3", -1, 0, 2)),
            "1,4,2", 0, 1, 2, 3, 4, 5, 6, 7, 8);
  /* a 0 without special_zero is a literal 0: no reshape of 8 elements to it */
  g_assert_null (QS_RUN ("Reshape", "opset1", "special_zero=\"false\"", &error,
                         QS_F32 ("2,4", 1, 2, 3, 4, 5, 6, 7, 8), QS_I64 ("2", 0, -1)));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_no_error (error);
}

static void
test_transpose (void)
{
  g_autoptr(GError) error = NULL;

  QS_CHECK (QS_RUN ("Transpose", "opset1", "", &error,
                    QS_F32 ("2,3", 1, 2, 3, 4, 5, 6), QS_I64 ("2", 1, 0)),
            "3,2", 0, 1, 4, 2, 5, 3, 6);
  /* order [2,0,1]: out[k,0,j] = in[0,j,k] */
  QS_CHECK (QS_RUN ("Transpose", "opset1", "", &error,
                    QS_F32 ("1,2,3", 1, 2, 3, 4, 5, 6), QS_I32 ("3", 2, 0, 1)),
            "3,1,2", 0, 1, 4, 2, 5, 3, 6);
  g_assert_no_error (error);
}

static void
test_broadcast (void)
{
  g_autoptr(GError) error = NULL;

  /* numpy: [3,1] to [2,3,2]: each value twice along the last axis, all of it twice */
  QS_CHECK (QS_RUN ("Broadcast", "opset3", "mode=\"numpy\"", &error,
                    QS_F32 ("3,1", 1, 2, 3), QS_I64 ("3", 2, 3, 2)),
            "2,3,2", 0, 1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3);
  /* explicit: data axis 0 maps to output axis 1, then to output axis 0 */
  QS_CHECK (QS_RUN ("Broadcast", "opset3", "mode=\"explicit\"", &error,
                    QS_F32 ("3", 1, 2, 3), QS_I64 ("2", 2, 3), QS_I64 ("1", 1)),
            "2,3", 0, 1, 2, 3, 1, 2, 3);
  QS_CHECK (QS_RUN ("Broadcast", "opset3", "mode=\"explicit\"", &error,
                    QS_F32 ("3", 1, 2, 3), QS_I64 ("2", 3, 2), QS_I64 ("1", 0)),
            "3,2", 0, 1, 1, 2, 2, 3, 3);
  /* bidirectional: [3,1] with target [1,2] gives [3,2]; target [3] with
   * data [2,1] gives [2,3] (the output is bigger than the target) */
  QS_CHECK (QS_RUN ("Broadcast", "opset3", "mode=\"bidirectional\"", &error,
                    QS_F32 ("3,1", 1, 2, 3), QS_I64 ("2", 1, 2)),
            "3,2", 0, 1, 1, 2, 2, 3, 3);
  QS_CHECK (QS_RUN ("Broadcast", "opset3", "mode=\"bidirectional\"", &error,
                    QS_F32 ("2,1", 1, 2), QS_I64 ("1", 3)),
            "2,3", 0, 1, 1, 1, 2, 2, 2);
  /* Broadcast-1 numpy */
  QS_CHECK (QS_RUN ("Broadcast", "opset1", "mode=\"numpy\"", &error,
                    QS_F32 ("2", 1, 2), QS_I64 ("2", 2, 2)),
            "2,2", 0, 1, 2, 1, 2);
  g_assert_no_error (error);
}

static void
test_squeeze_unsqueeze (void)
{
  g_autoptr(GError) error = NULL;

  QS_CHECK (QS_RUN ("Squeeze", "opset1", "", &error,
                    QS_F32 ("1,2,1", 1, 2), QS_I64 ("1", 0)),
            "2,1", 0, 1, 2);
  QS_CHECK (QS_RUN ("Squeeze", "opset1", "", &error,
                    QS_F32 ("1,2,1", 1, 2), QS_I64 ("1", -1)),
            "1,2", 0, 1, 2);
  /* no axes: every 1 goes */
  QS_CHECK (QS_RUN ("Squeeze", "opset1", "", &error,
                    QS_F32 ("1,2,1", 1, 2)),
            "2", 0, 1, 2);
  /* axes of the output rank 3: [2] -> [1,2,1] */
  QS_CHECK (QS_RUN ("Unsqueeze", "opset1", "", &error,
                    QS_F32 ("2", 1, 2), QS_I64 ("2", 2, 0)),
            "1,2,1", 0, 1, 2);
  /* -1 of output rank 3 is 2: [2,3] -> [2,3,1] */
  QS_CHECK (QS_RUN ("Unsqueeze", "opset1", "", &error,
                    QS_F32 ("2,3", 1, 2, 3, 4, 5, 6), QS_I64 ("", -1)),
            "2,3,1", 0, 1, 2, 3, 4, 5, 6);
  g_assert_no_error (error);
}

static void
test_tile (void)
{
  g_autoptr(GError) error = NULL;

  /* repeats longer than the rank: data [2] is read as [1,2] */
  QS_CHECK (QS_RUN ("Tile", "opset1", "", &error,
                    QS_F32 ("2", 1, 2), QS_I64 ("2", 2, 2)),
            "2,4", 0, 1, 2, 1, 2, 1, 2, 1, 2);
  /* repeats shorter: [2] is read as [1,2] */
  QS_CHECK (QS_RUN ("Tile", "opset1", "", &error,
                    QS_F32 ("2,2", 1, 2, 3, 4), QS_I64 ("1", 2)),
            "2,4", 0, 1, 2, 1, 2, 3, 4, 3, 4);
  /* along axis 0 */
  QS_CHECK (QS_RUN ("Tile", "opset1", "", &error,
                    QS_F32 ("1,2", 1, 2), QS_I64 ("2", 3, 1)),
            "3,2", 0, 1, 2, 1, 2, 1, 2);
  g_assert_no_error (error);
}

/* ---- activations ---- */

static void
test_prelu (void)
{
  g_autoptr(GError) error = NULL;

  /* slope [2] with 2 channels applies on axis 1 (numpy would align it with
   * the last axis, also 2 long, and give -0.1, 2, -0.3, 4) */
  QS_CHECK (QS_RUN ("PReLU", "opset1", "", &error,
                    QS_F32 ("1,2,2", -1, 2, -3, 4), QS_F32 ("2", 0.1, 0.5)),
            "1,2,2", 1e-6, -0.1, 2, -1.5, 4);
  /* 4-D NCHW with per-channel slope; x = 0 stays 0 */
  QS_CHECK (QS_RUN ("PReLU", "opset1", "", &error,
                    QS_F32 ("1,3,1,2", -2, 0, -2, 1, -2, -4), QS_F32 ("3", 0, 0.5, 2)),
            "1,3,1,2", 1e-6, 0, 0, -1, 1, -4, -8);
  /* slope [3] with x [2,3]: not as long as the channels (2), so numpy
   * broadcasting onto the last axis */
  QS_CHECK (QS_RUN ("PReLU", "opset1", "", &error,
                    QS_F32 ("2,3", -1, -1, -1, -2, 2, -2), QS_F32 ("3", 1, 2, 3)),
            "2,3", 1e-6, -1, -2, -3, -2, 2, -6);
  /* one slope for all */
  QS_CHECK (QS_RUN ("PReLU", "opset1", "", &error,
                    QS_F32 ("3", -4, 0.5, -1), QS_F32 ("1", 0.25)),
            "3", 1e-6, -1, 0.5, -0.25);
  /* "PRelu", as OpenVINO's serializer writes it, and other spellings: type
   * names match without regard to case */
  QS_CHECK (QS_RUN ("PRelu", "opset1", "", &error,
                    QS_F32 ("3", -4, 0.5, -1), QS_F32 ("1", 0.25)),
            "3", 1e-6, -1, 0.5, -0.25);
  QS_CHECK (QS_RUN ("relu", "opset1", "", &error, QS_F32 ("2", -1, 2)), "2", 0, 0, 2);
  g_assert_no_error (error);
}

/* OpenVINO op reference test hard_sigmoid.cpp
 * (smoke_HardSigmoid_With_Hardcoded_Refs), f32, both cases */
static void
test_hard_sigmoid (void)
{
  g_autoptr(GError) error = NULL;

  QS_CHECK (QS_RUN ("HardSigmoid", "opset1", "", &error,
                    QS_F32 ("3", -1, 0, 1), QS_F32 ("", 0.5), QS_F32 ("", 0.6)),
            "3", 1e-6, 0.1, 0.6, 1);
  QS_CHECK (QS_RUN ("HardSigmoid", "opset1", "", &error,
                    QS_F32 ("2,5", -3, -1, 0, 1, 3, 0.5, -0.2, 6, 8, 0.1), QS_F32 ("", 0.2), QS_F32 ("", 0.5)),
            "2,5", 1e-6, 0, 0.3, 0.5, 0.7, 1, 0.6, 0.46, 1, 1, 0.52);
  /* alpha of two values is refused, by name */
  g_assert_null (QS_RUN ("HardSigmoid", "opset1", "", &error,
                         QS_F32 ("3", -1, 0, 1), QS_F32 ("2", 0.5, 0.5), QS_F32 ("", 0.6)));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "alpha and beta"));
}

/* OpenVINO op reference test shuffle_channels.cpp
 * (smoke_ShuffleChannels_With_Hardcoded_Refs): the cases by name, on f32
 * and i32 */
static void
test_shuffle_channels (void)
{
  static const double c15[60] = {
    0, 1, 2, 3, 12, 13, 14, 15, 24, 25, 26, 27, 36, 37, 38, 39, 48, 49, 50, 51,
    4, 5, 6, 7, 16, 17, 18, 19, 28, 29, 30, 31, 40, 41, 42, 43, 52, 53, 54, 55,
    8, 9, 10, 11, 20, 21, 22, 23, 32, 33, 34, 35, 44, 45, 46, 47, 56, 57, 58, 59,
  };
  static const double c6[6] = { 0, 3, 1, 4, 2, 5 };
  static const double c1d[15] = { 0, 3, 6, 9, 12, 1, 4, 7, 10, 13, 2, 5, 8, 11, 14 };
  static const struct { const char *shape, *attrs; guint n; const double *want; } cases[] = {
    { "1,15,2,2", "axis=\"1\" group=\"5\"", 60, c15 },            /* shuffle_channels_simple */
    { "15,2,1,2", "axis=\"-4\" group=\"5\"", 60, c15 },           /* shuffle_channels_negative_axis */
    { "6,1,1,1", "axis=\"0\" group=\"2\"", 6, c6 },              /* shuffle_channels_float */
    { "15", "axis=\"0\" group=\"5\"", 15, c1d },                   /* shuffle_channels_1d */
    { "15,4", "axis=\"0\" group=\"5\"", 60, c15 },                /* shuffle_channels_2d */
    { "15,2,2", "axis=\"0\" group=\"5\"", 60, c15 },              /* shuffle_channels_3d */
  };
  g_autoptr(GError) error = NULL;
  guint i, k, t;

  for (t = 0; t < 2; t++)
    for (i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree double *in = g_new (double, cases[i].n);
        QsTensor *out;

        for (k = 0; k < cases[i].n; k++)
          in[k] = k;
        out = QS_RUN ("ShuffleChannels", "opset1", cases[i].attrs, &error,
                      qs_test_tensor (t == 0 ? QS_ELEMENT_F32 : QS_ELEMENT_I32, cases[i].shape, in));
        g_assert_no_error (error);
        g_assert_cmpint (out->type, ==, t == 0 ? QS_ELEMENT_F32 : QS_ELEMENT_I32);
        qs_test_check (out, cases[i].shape, cases[i].want, 0);
        qs_tensor_unref (out);
      }
  /* shuffle_channels_5d: [2,2,15,2,2] on axis 2, each of the four [15,2,2] blocks as above */
  {
    g_autofree double *in = g_new (double, 240), *want = g_new (double, 240);
    QsTensor *out;

    for (k = 0; k < 240; k++)
      {
        in[k] = k % 60;
        want[k] = c15[k % 60];
      }
    out = QS_RUN ("ShuffleChannels", "opset1", "axis=\"2\" group=\"5\"", &error,
                  qs_test_tensor (QS_ELEMENT_F32, "2,2,15,2,2", in));
    g_assert_no_error (error);
    qs_test_check (out, "2,2,15,2,2", want, 0);
    qs_tensor_unref (out);
  }
  /* a group that does not divide the channels names the attribute */
  g_assert_null (QS_RUN ("ShuffleChannels", "opset1", "axis=\"0\" group=\"4\"", &error,
                         QS_F32 ("6", 0, 1, 2, 3, 4, 5)));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "group=4"));
}

/* OpenVINO op reference test normalize_l2.cpp
 * (CompareWithHardcodedRefs): the 1-D, 2-D and 3-D cases, eps 1e-7, in both
 * modes, and the 4-D one with no axes (eps 0.1) */
static void
test_normalize_l2 (void)
{
  static const struct { const char *shape; gint64 n_axes, axes[2]; double in[4], want[4]; const char *name; } cases[] = {
    { "4", 0, { 0 }, { 0, 3, 0, 8 }, { 0, 1, 0, 1 }, "normalize_l2_1D_axes_empty" },
    { "4", 1, { 0 }, { 1, 2, 3, 4 }, { 0.18257418, 0.36514837, 0.5477226, 0.73029673 }, "normalize_l2_1D_axes_0" },
    { "2,2", 0, { 0 }, { 0, 3, 0, 8 }, { 0, 1, 0, 1 }, "normalize_l2_2D_axes_empty" },
    { "2,2", 1, { 0 }, { 1, 2, 3, 4 }, { 0.31622776, 0.4472136, 0.94868326, 0.8944272 }, "normalize_l2_2D_axes_0" },
    { "2,2", 1, { 1 }, { 1, 2, 3, 4 }, { 0.4472136, 0.8944272, 0.6, 0.8 }, "normalize_l2_2D_axes_1" },
    { "2,2", 2, { 0, 1 }, { 1, 2, 3, 4 }, { 0.18257418, 0.36514837, 0.5477226, 0.73029673 }, "normalize_l2_2D_axes_01" },
    { "1,2,2", 1, { 1 }, { 1, 2, 3, 4 }, { 0.31622776, 0.4472136, 0.94868326, 0.8944272 }, "normalize_l2_3D_axes_1" },
    { "1,2,2", 1, { 2 }, { 1, 2, 3, 4 }, { 0.4472136, 0.8944272, 0.6, 0.8 }, "normalize_l2_3D_axes_2" },
  };
  g_autoptr(GError) error = NULL;
  guint i, m, k;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    for (m = 0; m < 2; m++)
      {
        g_autofree char *attrs = g_strdup_printf ("eps=\"1e-07\" eps_mode=\"%s\"", m == 0 ? "add" : "max");
        g_autofree char *axes_shape = g_strdup_printf ("%" G_GINT64_FORMAT, cases[i].n_axes);
        double axes[2] = { (double) cases[i].axes[0], (double) cases[i].axes[1] };
        QsTensor *out = QS_RUN ("NormalizeL2", "opset1", attrs, &error,
                                qs_test_tensor (QS_ELEMENT_F32, cases[i].shape, cases[i].in),
                                qs_test_tensor (QS_ELEMENT_I64, axes_shape, cases[i].n_axes > 0 ? axes : NULL));

        if (error != NULL)
          g_error ("%s: %s", cases[i].name, error->message);
        qs_test_check (out, cases[i].shape, cases[i].want, 1e-6);
        qs_tensor_unref (out);
      }
  /* normalize_l2_4D_axes_empty_add: 1, 2, ... 48 with eps 0.1 give all ones */
  {
    double in[48], want[48];
    QsTensor *out;

    for (k = 0; k < 48; k++)
      {
        in[k] = k + 1;
        want[k] = 1;
      }
    out = QS_RUN ("NormalizeL2", "opset1", "eps=\"0.1\" eps_mode=\"add\"", &error,
                  qs_test_tensor (QS_ELEMENT_F32, "2,2,3,4", in), qs_test_tensor (QS_ELEMENT_I64, "0", NULL));
    g_assert_no_error (error);
    qs_test_check (out, "2,2,3,4", want, 0);
    qs_tensor_unref (out);
  }
  /* normalize_l2_4D_axes_0_add and _max: 0, 1, ... 47 over axis 0, eps 0.1 */
  {
    static const double want_add[48] = {
      0., 0.0399648, 0.0766909, 0.110424, 0.141413, 0.169897, 0.196106, 0.22025,
      0.242524, 0.263106, 0.282155, 0.299815, 0.316217, 0.331475, 0.345695, 0.358969,
      0.371381, 0.383005, 0.39391, 0.404155, 0.413794, 0.422877, 0.431447, 0.439545,
      0.999913, 0.999121, 0.996981, 0.993816, 0.989888, 0.985403, 0.980528, 0.975393,
      0.970098, 0.964723, 0.959327, 0.953958, 0.94865, 0.94343, 0.938315, 0.933319,
      0.928452, 0.923719, 0.919123, 0.914666, 0.910347, 0.906165, 0.902117, 0.8982,
    };
    static const double want_max[48] = {
      0., 0.03996804, 0.07669649, 0.11043153, 0.14142135, 0.1699069, 0.19611612, 0.22026087,
      0.2425356, 0.26311737, 0.2821663, 0.2998266, 0.31622776, 0.331486, 0.34570533, 0.35897905,
      0.37139067, 0.38301498, 0.3939193, 0.40416384, 0.41380292, 0.42288542, 0.43145543, 0.43955287,
      0.99999994, 0.9992009, 0.9970544, 0.9938838, 0.98994946, 0.98546, 0.9805806, 0.97544104,
      0.9701424, 0.96476364, 0.9593654, 0.95399374, 0.9486833, 0.9434601, 0.93834305, 0.93334556,
      0.9284767, 0.923742, 0.919145, 0.91468656, 0.9103665, 0.90618306, 0.90213406, 0.8982167,
    };
    double in[48];

    for (k = 0; k < 48; k++)
      in[k] = k;
    for (m = 0; m < 2; m++)
      {
        QsTensor *out = QS_RUN ("NormalizeL2", "opset1", m == 0 ? "eps=\"0.1\" eps_mode=\"add\"" : "eps=\"0.1\" eps_mode=\"max\"",
                                &error, qs_test_tensor (QS_ELEMENT_F32, "2,2,3,4", in), QS_I64 ("1", 0));

        g_assert_no_error (error);
        /* the reference values are printed to six or seven digits */
        qs_test_check (out, "2,2,3,4", m == 0 ? want_add : want_max, 2e-6);
        qs_tensor_unref (out);
      }
  }
  /* an eps_mode outside the specification names the attribute */
  g_assert_null (QS_RUN ("NormalizeL2", "opset1", "eps=\"0.1\" eps_mode=\"mean\"", &error,
                         QS_F32 ("2", 1, 2), QS_I64 ("1", 0)));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "eps_mode"));
}

/* OpenVINO op reference test convolution_backprop.cpp
 * (ReferenceConvolutionBackpropLayerTest, f32, explicit pads): the 1-D cases
 * and the first 2-D ones, by their attributes */
static void
test_convolution_backprop (void)
{
  static const struct {
    const char *in_shape, *w_shape, *out_shape, *attrs;
    double in[16], w[18], want[36];
  } cases[] = {
    { "1,1,4", "1,1,3", "1,1,6", "strides=\"1\" pads_begin=\"0\" pads_end=\"0\" dilations=\"1\" output_padding=\"0\"",
      { 5, 6, 7, 2 }, { 2, 0, 1 }, { 10, 12, 19, 10, 7, 2 } },
    { "1,1,4", "1,1,3", "1,1,4", "strides=\"1\" pads_begin=\"1\" pads_end=\"1\" dilations=\"1\" output_padding=\"0\"",
      { 5, 6, 7, 2 }, { 2, 0, 1 }, { 12, 19, 10, 7 } },
    { "1,1,2", "1,1,3", "1,1,5", "strides=\"2\" pads_begin=\"0\" pads_end=\"0\" dilations=\"1\" output_padding=\"0\"",
      { 5, 7 }, { 2, 0, 1 }, { 10, 0, 19, 0, 7 } },
    { "1,1,4", "1,1,3", "1,1,5", "strides=\"1\" pads_begin=\"1\" pads_end=\"1\" dilations=\"1\" output_padding=\"1\"",
      { 5, 6, 7, 2 }, { 2, 0, 1 }, { 12, 19, 10, 7, 2 } },
    { "1,1,3", "1,1,3", "1,1,7", "strides=\"1\" pads_begin=\"0\" pads_end=\"0\" dilations=\"2\" output_padding=\"0\"",
      { 8, 5, 1 }, { 2, 0, 1 }, { 16, 10, 2, 0, 8, 5, 1 } },
    { "1,1,4", "1,1,3", "1,1,7", "strides=\"2\" pads_begin=\"2\" pads_end=\"2\" dilations=\"2\" output_padding=\"0\"",
      { 3, 9, 1, 2 }, { 2, 0, 1 }, { 18, 0, 5, 0, 13, 0, 1 } },
    { "1,1,2", "1,2,3", "1,2,4", "strides=\"1\" pads_begin=\"0\" pads_end=\"0\" dilations=\"1\" output_padding=\"0\"",
      { 10, 3 }, { 2, 0, 1, 1, 0, 2 }, { 20, 6, 10, 3, 10, 3, 20, 6 } },
    { "1,2,2", "2,1,3", "1,1,4", "strides=\"1\" pads_begin=\"0\" pads_end=\"0\" dilations=\"1\" output_padding=\"0\"",
      { 4, 7, 5, 5 }, { 2, 0, 1, 1, 0, 2 }, { 13, 19, 14, 17 } },
    { "2,1,2", "1,1,3", "2,1,4", "strides=\"1\" pads_begin=\"0\" pads_end=\"0\" dilations=\"1\" output_padding=\"0\"",
      { 1, 3, 2, 2 }, { 2, 0, 1 }, { 2, 6, 1, 3, 4, 4, 2, 2 } },
    { "1,1,2,2", "1,1,3,3", "1,1,4,4",
      "strides=\"1,1\" pads_begin=\"0,0\" pads_end=\"0,0\" dilations=\"1,1\" output_padding=\"0,0\"",
      { 1, 3, 7, 5 }, { 1, 2, 3, 0, 1, 0, 3, 2, 1 }, { 1, 5, 9, 9, 7, 20, 34, 15, 3, 18, 12, 3, 21, 29, 17, 5 } },
    { "1,1,2,2", "1,1,3,3", "1,1,3,3",
      "strides=\"1,1\" pads_begin=\"1,1\" pads_end=\"1,1\" dilations=\"1,1\" output_padding=\"1,1\"",
      { 1, 3, 7, 5 }, { 1, 2, 3, 1, 1, 1, 3, 2, 1 }, { 23, 35, 18, 23, 19, 8, 29, 17, 5 } },
    { "1,1,4,4", "1,1,3,3", "1,1,4,4",
      "strides=\"1,1\" pads_begin=\"1,1\" pads_end=\"1,1\" dilations=\"1,1\" output_padding=\"0,0\"",
      { 1, 3, 5, 7, 7, 5, 3, 1, 2, 4, 6, 8, 8, 6, 4, 2 }, { 1, 2, 3, 0, 1, 0, 2, 1, 2 },
      { 20, 37, 27, 18, 22, 40, 60, 52, 41, 69, 49, 31, 18, 26, 34, 22 } },
    { "1,1,2,2", "1,1,3,3", "1,1,6,6",
      "strides=\"1,1\" pads_begin=\"0,0\" pads_end=\"0,0\" dilations=\"2,2\" output_padding=\"0,0\"",
      { 2, 3, 4, 3 }, { 1, 2, 3, 1, 1, 1, 3, 2, 1 },
      { 2, 3, 4, 6, 6, 9, 4, 3, 8, 6, 12, 9, 2, 3, 2, 3, 2, 3, 4, 3, 4, 3, 4, 3, 6, 9, 4, 6, 2, 3, 12, 9, 8, 6, 4, 3 } },
  };
  g_autoptr(GError) error = NULL;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      QsTensor *out = QS_RUN ("ConvolutionBackpropData", "opset1", cases[i].attrs, &error,
                              qs_test_tensor (QS_ELEMENT_F32, cases[i].in_shape, cases[i].in),
                              qs_test_tensor (QS_ELEMENT_F32, cases[i].w_shape, cases[i].w));

      if (error != NULL)
        g_error ("case %u: %s", i, error->message);
      qs_test_check (out, cases[i].out_shape, cases[i].want, 1e-5);
      qs_tensor_unref (out);
    }
  /* grouped, two groups of one channel each: each group its own 1-D case */
  {
    QsTensor *out = QS_RUN ("GroupConvolutionBackpropData", "opset1",
                            "strides=\"1\" pads_begin=\"0\" pads_end=\"0\" dilations=\"1\"", &error,
                            QS_F32 ("1,2,4", 5, 6, 7, 2, 5, 6, 7, 2), QS_F32 ("2,1,1,3", 2, 0, 1, 1, 0, 0));

    g_assert_no_error (error);
    qs_test_check (out, "1,2,6", (const double[]) { 10, 12, 19, 10, 7, 2, 5, 6, 7, 2, 0, 0 }, 1e-5);
    qs_tensor_unref (out);
  }
  /* what it cannot do is said by name */
  g_assert_null (QS_RUN ("ConvolutionBackpropData", "opset1", "strides=\"1\" auto_pad=\"same_upper\"", &error,
                         QS_F32 ("1,1,2", 1, 2), QS_F32 ("1,1,3", 1, 1, 1)));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "auto_pad"));
}

static void
test_clamp (void)
{
  g_autoptr(GError) error = NULL;
  QsTensor *t;

  QS_CHECK (QS_RUN ("Clamp", "opset1", "min=\"-1\" max=\"2\"", &error,
                    QS_F32 ("5", -3, -1, 0.5, 2, 5)),
            "5", 0, -1, -1, 0.5, 2, 2);
  /* integer data: min rounds up (ceil -1.5 = -1), max down (floor 2.5 = 2) */
  t = QS_RUN ("Clamp", "opset1", "min=\"-1.5\" max=\"2.5\"", &error,
              QS_I32 ("5", -3, -1, 0, 2, 3));
  g_assert_nonnull (t);
  g_assert_cmpint (t->type, ==, QS_ELEMENT_I32);
  QS_CHECK (t, "5", 0, -1, -1, 0, 2, 2);
  g_assert_no_error (error);
}

static void
test_swish_sigmoid (void)
{
  g_autoptr(GError) error = NULL;
  double e = exp (1.0);

  /* Sigmoid: 1 / (1 + e^-x) */
  QS_CHECK (QS_RUN ("Sigmoid", "opset1", "", &error,
                    QS_F32 ("3", 0, 1, -2)),
            "3", 1e-6, 0.5, e / (1 + e), 1 / (1 + e * e));
  /* Swish, beta 1: x * sigmoid (x): -1 / (1 + e), 0, 2 / (1 + e^-2) */
  QS_CHECK (QS_RUN ("Swish", "opset4", "", &error,
                    QS_F32 ("3", -1, 0, 2)),
            "3", 1e-6, -1 / (1 + e), 0, 2 * e * e / (1 + e * e));
  /* beta 0.5: -1 * sigmoid (-0.5), 2 * sigmoid (1) */
  QS_CHECK (QS_RUN ("Swish", "opset4", "", &error,
                    QS_F32 ("2", -1, 2), QS_F32 ("", 0.5)),
            "2", 1e-6, -1 / (1 + exp (0.5)), 2 * e / (1 + e));
  /* HSwish: x * min (max (x + 3, 0), 6) / 6: -4 -> 0, -3 -> 0, -1 -> -2/6,
   * 1 -> 4/6, 3 -> 3 (6/6), 4 -> 4 */
  QS_CHECK (QS_RUN ("HSwish", "opset4", "", &error,
                    QS_F32 ("7", -4, -3, -1, 0, 1, 3, 4)),
            "7", 1e-6, 0, 0, -1.0 / 3, 0, 2.0 / 3, 3, 4);
  g_assert_no_error (error);
}

/* ---- FakeQuantize and Convert ---- */

static void
test_fake_quantize (void)
{
  g_autoptr(GError) error = NULL;
  QsTensor *t;

  /* levels 5, per channel (axis 1):
   *   ch 0: in [0, 4] -> out [0, 8]: in step 1, out step 2
   *   ch 1: in [-1, 1] -> out [-2, 2]: in step 0.5, out step 1
   * ch 0: x = il = 0 -> x <= il -> ol = 0; x = ih = 4 -> round (4) / 4 * 8 = 8;
   *       x = 4.001 > ih -> oh = 8; 1.4 -> round (1.4) = 1 -> 2
   * ch 1: -1.2 < il -> -2; 0.3 -> round (1.3 / 2 * 4) = round (2.6) = 3 -> 3 - 2 = 1;
   *       -0.3 -> round (1.4) = 1 -> -1; NaN compares false both ways -> round (NaN) = NaN */
  t = QS_RUN ("FakeQuantize", "opset1", "levels=\"5\"", &error,
              QS_F32 ("1,2,1,4", 0, 4, 4.001, 1.4, -1.2, 0.3, -0.3, NAN),
              QS_F32 ("1,2,1,1", 0, -1), QS_F32 ("1,2,1,1", 4, 1),
              QS_F32 ("1,2,1,1", 0, -2), QS_F32 ("1,2,1,1", 8, 2));
  g_assert_no_error (error);
  g_assert_nonnull (t);
  g_assert_true (isnan (qs_tensor_get_f64 (t, 7)));
  qs_tensor_set_f64 (t, 7, 12345);
  QS_CHECK (t, "1,2,1,4", 1e-6, 0, 8, 8, 2, -2, 1, -1, 12345);
  /* il == ih == 1: x <= 1 -> ol = 0, x > 1 -> oh = 5; nothing in between to divide */
  QS_CHECK (QS_RUN ("FakeQuantize", "opset1", "levels=\"256\"", &error,
                    QS_F32 ("4", 0.5, 1, 1.001, 7),
                    QS_F32 ("", 1), QS_F32 ("", 1), QS_F32 ("", 0), QS_F32 ("", 5)),
            "4", 0, 0, 0, 5, 5);
  /* ties of the rounding go to even (the spec's round is Python's; the
   * reference uses nearbyint): levels 3 on [0, 1] -> [0, 2]:
   * 0.25 -> round (0.5) = 0; 0.75 -> round (1.5) = 2; 0.5 -> 1 */
  QS_CHECK (QS_RUN ("FakeQuantize", "opset1", "levels=\"3\"", &error,
                    QS_F32 ("3", 0.25, 0.75, 0.5),
                    QS_F32 ("", 0), QS_F32 ("", 1), QS_F32 ("", 0), QS_F32 ("", 2)),
            "3", 1e-6, 0, 2, 1);
  /* ranges per element of the last axis (numpy broadcasting of [2] onto [2,2]) */
  QS_CHECK (QS_RUN ("FakeQuantize", "opset1", "levels=\"3\"", &error,
                    QS_F32 ("2,2", 0.6, 0.6, -5, 5),
                    QS_F32 ("2", 0, -1), QS_F32 ("2", 1, 1), QS_F32 ("2", 0, -1), QS_F32 ("2", 1, 1)),
            "2,2", 1e-6, 0.5, 1, 0, 1);
  g_assert_no_error (error);
}

/* The row loop of FakeQuantize (ranges constant along the data) against
 * qs_fake_quantize_f32 element by element, bit for bit: random values,
 * the bounds themselves, ties of the rounding, NaN and infinities, an odd
 * length; inverted and empty ranges and levels past 65536 take the scalar
 * path and must agree as well. */
static void
test_fake_quantize_rows (void)
{
  static const struct { float il, ih, ol, oh; guint levels; } r[] = {
    { 0.0f, 1.0f, 0.0f, 1.0f, 256 },
    { -3.7f, 2.1f, -3.7f, 2.1f, 255 },
    { -1.0f, 1.0f, -0.0f, 4.0f, 65536 },
    { 0.5f, 0.5f, -1.0f, 1.0f, 256 },
    { 2.0f, -1.0f, -0.0f, 3.0f, 256 },
    { -1.0f, 3.0f, 0.0f, 1.0f, 70000 },
    { 1e-3f, 2e-3f, -0.0f, 0.0f, 16 },
  };
  GRand *rand = g_rand_new_with_seed (31);
  guint k;

  for (k = 0; k < G_N_ELEMENTS (r); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *attrs = g_strdup_printf ("levels=\"%u\"", r[k].levels);
      gint64 n = 4099, i;
      QsTensor *x = qs_tensor_new_f32 (1, &n);
      g_autoptr(QsTensor) y = NULL;
      g_autofree float *v = g_new (float, n);     /* QS_RUN consumes x */
      float step = (r[k].ih - r[k].il) / (float) (r[k].levels - 1);

      for (i = 0; i < n; i++)
        switch (i % 7)
          {
          case 0: v[i] = r[k].il + step * ((float) g_rand_int_range (rand, 0, 200) + 0.5f); break;   /* ties */
          case 1: v[i] = i % 14 == 1 ? r[k].il : r[k].ih; break;
          case 2: v[i] = i % 21 == 2 ? NAN : (i % 21 == 9 ? INFINITY : -INFINITY); break;
          default: v[i] = (float) g_rand_double_range (rand, r[k].il - 1.0, r[k].ih + 1.0); break;
          }
      memcpy (x->data, v, n * sizeof (float));
      y = QS_RUN ("FakeQuantize", "opset1", attrs, &error, x,
                  QS_F32 ("", r[k].il), QS_F32 ("", r[k].ih), QS_F32 ("", r[k].ol), QS_F32 ("", r[k].oh));
      g_assert_no_error (error);
      for (i = 0; i < n; i++)
        {
          float got = qs_tensor_f32 (y)[i];
          float want = qs_fake_quantize_f32 (v[i], r[k].il, r[k].ih, r[k].ol, r[k].oh, r[k].levels);

          if (memcmp (&got, &want, sizeof got) != 0 && !(isnan (got) && isnan (want)))
            g_error ("range %u, element %" G_GINT64_FORMAT ": x %.9g gives %.9g, want %.9g", k, i, v[i], got, want);
        }
    }
  g_rand_free (rand);
}

static void
test_convert (void)
{
  g_autoptr(GError) error = NULL;
  QsTensor *t;

  /* float -> i8: the fraction is dropped toward zero, out-of-range values
   * saturate (spec: "3.141592 may be round to 3"; saturation from the CPU plugin) */
  t = QS_RUN ("Convert", "opset1", "destination_type=\"i8\"", &error,
              QS_F32 ("6", 1.9, -1.9, 127.5, 300, -300, -128.7));
  g_assert_nonnull (t);
  g_assert_cmpint (t->type, ==, QS_ELEMENT_I8);
  QS_CHECK (t, "6", 0, 1, -1, 127, 127, -128, -128);
  t = QS_RUN ("Convert", "opset1", "destination_type=\"u8\"", &error,
              QS_F32 ("4", -5, 255.9, 256, 0.99));
  g_assert_nonnull (t);
  g_assert_cmpint (t->type, ==, QS_ELEMENT_U8);
  QS_CHECK (t, "4", 0, 0, 255, 255, 0);
  t = QS_RUN ("Convert", "opset1", "destination_type=\"i32\"", &error,
              QS_F32 ("3", -2.5, 2.5, 1e10));
  g_assert_nonnull (t);
  QS_CHECK (t, "3", 0, -2, 2, 2147483647.0);
  /* f32 -> f16, round to nearest even (the executor keeps floats in f32, so
   * only the values are checked): 1/3 -> 0x3555 = 1365/4096; 1 + 2^-11 is a
   * tie -> 1; 1 + 3 * 2^-11 is a tie -> 1 + 2^-9 (even mantissa); 65504 is
   * the largest f16; 2^-25 is a tie with 0 -> 0; 3 * 2^-26 -> 2^-24 (the
   * smallest subnormal) */
  t = QS_RUN ("Convert", "opset1", "destination_type=\"f16\"", &error,
              QS_F32 ("7", 1.0 / 3, 1 + ldexp (1, -11), 1 + 3 * ldexp (1, -11), 65504,
                      ldexp (1, -25), 3 * ldexp (1, -26), -2.5));
  QS_CHECK (t, "7", 0, 1365.0 / 4096, 1, 1 + ldexp (1, -9), 65504, 0, ldexp (1, -24), -2.5);
  /* 70000 is past 65520 (half an ulp above 65504): infinity */
  t = QS_RUN ("Convert", "opset1", "destination_type=\"f16\"", &error,
              QS_F32 ("3", 70000, -70000, 65519));
  g_assert_nonnull (t);
  g_assert_true (isinf (qs_tensor_get_f64 (t, 0)) && qs_tensor_get_f64 (t, 0) > 0);
  g_assert_true (isinf (qs_tensor_get_f64 (t, 1)) && qs_tensor_get_f64 (t, 1) < 0);
  g_assert_cmpfloat (qs_tensor_get_f64 (t, 2), ==, 65504);
  qs_tensor_unref (t);
  /* and back: f16 values are f32 values, so f16 -> f32 changes nothing */
  t = QS_RUN ("Convert", "opset1", "destination_type=\"f32\"", &error,
              QS_F32 ("3", 1365.0 / 4096, ldexp (1, -24), -65504));
  g_assert_nonnull (t);
  g_assert_cmpint (t->type, ==, QS_ELEMENT_F32);
  QS_CHECK (t, "3", 0, 1365.0 / 4096, ldexp (1, -24), -65504);
  g_assert_no_error (error);
}

/* ---- Softmax and reductions ---- */

static void
test_softmax_axis (void)
{
  g_autoptr(GError) error = NULL;
  double e = exp (1.0), e2 = exp (2.0);

  /* axis 0 of [2,3] (given as -2): each column on its own:
   * (0, 1) -> 1/(1+e), e/(1+e); (5, 5) -> 1/2, 1/2; (2, 0) -> e²/(1+e²), 1/(1+e²) */
  QS_CHECK (QS_RUN ("SoftMax", "opset8", "axis=\"-2\"", &error,
                    QS_F32 ("2,3", 0, 5, 2, 1, 5, 0)),
            "2,3", 1e-6, 1 / (1 + e), 0.5, e2 / (1 + e2), e / (1 + e), 0.5, 1 / (1 + e2));
  /* the middle axis of [1,2,2]: pairs (x[0,0,k], x[0,1,k]) = (0, 1) and (1, 1) */
  QS_CHECK (QS_RUN ("SoftMax", "opset1", "axis=\"1\"", &error,
                    QS_F32 ("1,2,2", 0, 1, 1, 1)),
            "1,2,2", 1e-6, 1 / (1 + e), 0.5, e / (1 + e), 0.5);
  g_assert_no_error (error);
}

/* SoftMax and LogSoftmax on an axis that is not the last walk the planes
 * of the following dims in order (qs-op-reduce.c); held bit for bit to
 * the strided per-column loop they replaced (maximum, expf and the sum in
 * axis order, then the division or the log), on random shapes with odd
 * sizes, every axis, NaN, ±inf, huge and tiny values.  NaN payloads aside:
 * where a sum meets two NaNs the vectorised addition may return the other
 * one (as in the rows suite). */
static void
test_softmax_planes (void)
{
  static const char *const shapes[] = { "2,5,3,7", "1,16,4,33", "3,1,17", "4,9", "1,2,1,1,5" };
  g_autoptr(GRand) r = g_rand_new_with_seed (20261207);
  guint checked = 0;

  for (gsize s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (int log = 0; log < 2; log++)
      for (int axis = -1; axis < 5; axis++)
        {
          g_autoptr(GError) error = NULL;
          QsTensor *x = qs_test_tensor (QS_ELEMENT_F32, shapes[s], NULL);
          g_autofree float *src = NULL, *expect = NULL;
          g_autofree char *attrs = NULL;
          gsize n_el = x->n_elements, outer, inner, n;
          int a;
          QsTensor *y;

          if (axis >= x->rank)
            {
              qs_tensor_unref (x);
              continue;
            }
          a = axis < 0 ? x->rank + axis : axis;
          for (gsize i = 0; i < n_el; i++)
            {
              double v = g_rand_double_range (r, -8, 8);
              guint32 k = g_rand_int_range (r, 0, 40);

              qs_tensor_f32 (x)[i] = k == 0 ? NAN : k == 1 ? INFINITY : k == 2 ? -INFINITY
                                   : k == 3 ? 3e38f : k == 4 ? -1e-40f : k == 5 ? 88.5f : (float) v;
            }
          src = g_memdup2 (x->data, n_el * sizeof (float));
          expect = g_new (float, n_el);
          split_axis (x, a, &outer, &n, &inner);
          for (gsize o = 0; o < outer; o++)
            for (gsize in = 0; in < inner; in++)
              {
                const float *xs = src + o * n * inner + in;
                float *d = expect + o * n * inner + in;
                float mx = -INFINITY, sum = 0;

                for (gsize j = 0; j < n; j++)
                  mx = MAX (mx, xs[j * inner]);
                for (gsize j = 0; j < n; j++)
                  {
                    d[j * inner] = expf (xs[j * inner] - mx);
                    sum += d[j * inner];
                  }
                for (gsize j = 0; j < n; j++)
                  d[j * inner] = log ? xs[j * inner] - mx - logf (sum) : d[j * inner] / sum;
              }
          attrs = g_strdup_printf ("axis=\"%d\"", axis);
          y = QS_RUN (log ? "LogSoftmax" : "SoftMax", log ? "opset5" : "opset8", attrs, &error, x);
          g_assert_no_error (error);
          g_assert_nonnull (y);
          for (gsize i = 0; i < n_el; i++)
            if (isnan (expect[i]) ? !isnan (qs_tensor_f32 (y)[i])
                                  : memcmp (&qs_tensor_f32 (y)[i], &expect[i], sizeof (float)) != 0)
              g_error ("%s %s axis %d: element %" G_GSIZE_FORMAT " is %.9g, the strided loop's %.9g",
                       log ? "LogSoftmax" : "SoftMax", shapes[s], axis, i, qs_tensor_f32 (y)[i], expect[i]);
          checked += n_el;
          qs_tensor_unref (y);
        }
  g_test_message ("%u values agree", checked);
}

/* Reductions whose reduced axes form one block of neighbours walk an
 * (outer, n, inner) view of f32 data (qs-op-reduce.c); held bit for bit to
 * the element walk in double (the op's general path, which other axis
 * sets still take), for every reduction, random shapes with axes of one
 * element, random axis sets, NaN, ±inf, huge and tiny values. */
static void
test_reduce_block (void)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (77);
  guint checked = 0;

  for (int round = 0; round < 700; round++)
    {
      int rank = 1 + round % 4, n_axes = 0, op = round % G_N_ELEMENTS (reduce_ops);
      gint64 dims[4];
      double axes[4];
      gboolean reduce[4] = { FALSE, }, keep = (round / 7) % 2;
      g_autoptr(GError) error = NULL;
      g_autofree char *attrs = g_strdup_printf ("keep_dims=\"%s\"", keep ? "true" : "false");
      g_autofree char *ashape = NULL;
      g_autofree float *want = NULL;
      gsize n_out = 1;
      QsTensor *x, *y;

      for (int d = 0; d < rank; d++)
        {
          dims[d] = g_rand_int_range (r, 0, 4) == 0 ? 1 : g_rand_int_range (r, 2, 9);
          if (g_rand_boolean (r))
            {
              reduce[d] = TRUE;
              axes[n_axes++] = g_rand_boolean (r) ? d : d - rank;
            }
          n_out *= reduce[d] ? 1 : dims[d];
        }
      x = qs_tensor_new (QS_ELEMENT_F32, rank, dims);
      for (gsize i = 0; i < x->n_elements; i++)
        {
          guint32 k = g_rand_int_range (r, 0, 60);

          qs_tensor_f32 (x)[i] = k == 0 ? NAN : k == 1 ? INFINITY : k == 2 ? -INFINITY : k == 3 ? 3e38f
                               : k == 4 ? 1e-40f : k == 5 ? -0.0f : (float) g_rand_double_range (r, -4, 4);
        }
      want = reduce_reference (x, reduce, op, n_out);
      ashape = g_strdup_printf ("%d", n_axes);
      y = QS_RUN (reduce_ops[op], op >= 5 ? "opset4" : "opset1", attrs, &error, x, qs_test_tensor (QS_ELEMENT_I64, ashape, axes));
      g_assert_no_error (error);
      g_assert_nonnull (y);
      g_assert_cmpuint (y->n_elements, ==, n_out);
      for (gsize i = 0; i < n_out; i++)
        {
          float got = qs_tensor_f32 (y)[i];

          if (isnan (want[i]) ? !isnan (got) : memcmp (&got, &want[i], sizeof (float)) != 0)
            g_error ("%s round %d: output %" G_GSIZE_FORMAT " is %.9g, the element walk's %.9g",
                     reduce_ops[op], round, i, got, want[i]);
        }
      checked += n_out;
      qs_tensor_unref (y);
    }
  g_test_message ("%u outputs agree", checked);
}

static void
test_reduce_keep_dims (void)
{
  g_autoptr(GError) error = NULL;

  /* rows of [[1,2,3],[4,5,6]]: mean 2, 5; max 3, 6 */
  QS_CHECK (QS_RUN ("ReduceMean", "opset1", "keep_dims=\"true\"", &error,
                    QS_F32 ("2,3", 1, 2, 3, 4, 5, 6), QS_I64 ("1", 1)),
            "2,1", 1e-6, 2, 5);
  QS_CHECK (QS_RUN ("ReduceMax", "opset1", "keep_dims=\"true\"", &error,
                    QS_F32 ("2,3", 1, 2, 3, 4, 5, 6), QS_I64 ("1", -1)),
            "2,1", 0, 3, 6);
  /* columns without keep_dims: 2.5, 3.5, 4.5 */
  QS_CHECK (QS_RUN ("ReduceMean", "opset1", "keep_dims=\"false\"", &error,
                    QS_F32 ("2,3", 1, 2, 3, 4, 5, 6), QS_I64 ("1", 0)),
            "3", 1e-6, 2.5, 3.5, 4.5);
  /* both axes: 21 / 6 = 3.5 and 6, kept as [1,1] */
  QS_CHECK (QS_RUN ("ReduceMean", "opset1", "keep_dims=\"true\"", &error,
                    QS_F32 ("2,3", 1, 2, 3, 4, 5, 6), QS_I64 ("2", 0, -1)),
            "1,1", 1e-6, 3.5);
  QS_CHECK (QS_RUN ("ReduceMax", "opset1", "keep_dims=\"true\"", &error,
                    QS_F32 ("2,3", 1, 2, 3, 4, -5, 6), QS_I64 ("2", -1, 0)),
            "1,1", 0, 6);
  /* axes 0 and 2 of [2,2,2] (element (i,j,k) = 4i + 2j + k - 4): for j = 0
   * the values -4, -3, 0, 1; for j = 1: -2, -1, 2, 3 */
  QS_CHECK (QS_RUN ("ReduceMax", "opset1", "keep_dims=\"true\"", &error,
                    QS_F32 ("2,2,2", -4, -3, -2, -1, 0, 1, 2, 3), QS_I64 ("2", 0, 2)),
            "1,2,1", 0, 1, 3);
  QS_CHECK (QS_RUN ("ReduceMean", "opset1", "keep_dims=\"true\"", &error,
                    QS_F32 ("2,2,2", -4, -3, -2, -1, 0, 1, 2, 3), QS_I64 ("2", 0, 2)),
            "1,2,1", 1e-6, -1.5, 0.5);
  /* an empty axes list reduces nothing */
  QS_CHECK (QS_RUN ("ReduceMax", "opset1", "keep_dims=\"false\"", &error,
                    QS_F32 ("2", 1, 2), qs_test_tensor (QS_ELEMENT_I64, "0", NULL)),
            "2", 0, 1, 2);

  /* OpenVINO op reference tests reduce_max.cpp, reduce_min.cpp and
   * reduce_mean.cpp (smoke_Reduction_With_Hardcoded_Refs): a [2,0,4] input
   * reduced over axes 1, 2 gives [2] (or [2,1,1]) of the type's lowest
   * value for Max, its highest for Min, and 0 for Mean; over axis 2 alone,
   * an empty [2,0] */
  QS_CHECK (QS_RUN ("ReduceMax", "opset1", "keep_dims=\"false\"", &error,
                    qs_test_tensor (QS_ELEMENT_F32, "2,0,4", NULL), QS_I64 ("2", 1, 2)),
            "2", 0, -G_MAXFLOAT, -G_MAXFLOAT);
  QS_CHECK (QS_RUN ("ReduceMin", "opset1", "keep_dims=\"true\"", &error,
                    qs_test_tensor (QS_ELEMENT_F32, "2,0,4", NULL), QS_I64 ("2", 1, 2)),
            "2,1,1", 0, G_MAXFLOAT, G_MAXFLOAT);
  QS_CHECK (QS_RUN ("ReduceMax", "opset1", "keep_dims=\"true\"", &error,
                    qs_test_tensor (QS_ELEMENT_I32, "2,0,4", NULL), QS_I64 ("2", 1, 2)),
            "2,1,1", 0, (double) G_MININT32, (double) G_MININT32);
  QS_CHECK (QS_RUN ("ReduceMin", "opset1", "keep_dims=\"false\"", &error,
                    qs_test_tensor (QS_ELEMENT_I32, "2,0,4", NULL), QS_I64 ("2", 1, 2)),
            "2", 0, (double) G_MAXINT32, (double) G_MAXINT32);
  QS_CHECK (QS_RUN ("ReduceMean", "opset1", "keep_dims=\"false\"", &error,
                    qs_test_tensor (QS_ELEMENT_F32, "2,0,4", NULL), QS_I64 ("2", 1, 2)),
            "2", 0, 0, 0);
  QS_CHECK (QS_RUN ("ReduceMean", "opset1", "keep_dims=\"true\"", &error,
                    qs_test_tensor (QS_ELEMENT_F32, "2,0,4", NULL), QS_I64 ("1", 2)),
            "2,0,1", 0, 0);
  /* reduce_mean.cpp, integer cases: the mean truncated, 2.5 -> 2 and
   * 1.5, 3.5, 5.5 -> 1, 3, 5 */
  QS_CHECK (QS_RUN ("ReduceMean", "opset1", "keep_dims=\"false\"", &error,
                    QS_I32 ("2,2", 1, 2, 3, 4), QS_I64 ("2", 0, 1)),
            "", 0, 2);
  QS_CHECK (QS_RUN ("ReduceMean", "opset1", "keep_dims=\"true\"", &error,
                    QS_I32 ("3,2", 1, 2, 3, 4, 5, 6), QS_I64 ("1", 1)),
            "3,1", 0, 1, 3, 5);
  QS_CHECK (QS_RUN ("ReduceMean", "opset1", "keep_dims=\"false\"", &error,
                    QS_I32 ("3,2", 1, 2, 3, 4, 5, 6), QS_I64 ("1", 0)),
            "2", 0, 3, 4);
  g_assert_no_error (error);
}

/* ---- Interpolate ----
 *
 * Expected values follow the Python reference in the Interpolate-4
 * specification (coordinate transform, then nearest_mode / triangle /
 * Keys cubic taps), worked through by hand for the 1-D cases below.  The
 * scales used (2, 0.5, 0.75) are exact in binary, so ties stay ties. */

static QsTensor *
interp4 (const char *attrs,
         QsTensor   *data,
         QsTensor   *sizes,
         QsTensor   *scales,
         QsTensor   *axes)
{
  g_autoptr(GError) error = NULL;
  QsTensor *t;

  t = QS_RUN ("Interpolate", "opset4", attrs, &error, data, sizes, scales, axes);
  g_assert_no_error (error);
  return t;
}

#define NEAREST(ctm, nm) \
  "mode=\"nearest\" shape_calculation_mode=\"scales\" coordinate_transformation_mode=\"" ctm "\" nearest_mode=\"" nm "\""

static void
test_interpolate_nearest (void)
{
  /* [10,20,30] on axis 1 of [1,3], scale 2 -> 6 outputs.
   * asymmetric: x/2 = 0, .5, 1, 1.5, 2, 2.5 (ties at .5);
   * tf_half_pixel_for_nn: (x+.5)/2 = .25, .75, 1.25, 1.75, 2.25, 2.75;
   * indices are clamped to [0, 2] */
#define UP3(ctm, nm) \
  interp4 (NEAREST (ctm, nm), QS_F32 ("1,3", 10, 20, 30), QS_I64 ("1", 6), QS_F32 ("1", 2), QS_I64 ("1", 1))
  /* round_prefer_floor: ties down -> 0,0,1,1,2,2; others nearest -> 0,1,1,2,2,3>2 */
  QS_CHECK (UP3 ("asymmetric", "round_prefer_floor"), "1,6", 0, 10, 10, 20, 20, 30, 30);
  QS_CHECK (UP3 ("tf_half_pixel_for_nn", "round_prefer_floor"), "1,6", 0, 10, 20, 20, 30, 30, 30);
  /* round_prefer_ceil: ties up -> 0,1,1,2,2,3>2 (the spec text: "round half
   * up"; its Python uses round(), which would send 0.5 and 2.5 to even) */
  QS_CHECK (UP3 ("asymmetric", "round_prefer_ceil"), "1,6", 0, 10, 20, 20, 30, 30, 30);
  QS_CHECK (UP3 ("tf_half_pixel_for_nn", "round_prefer_ceil"), "1,6", 0, 10, 20, 20, 30, 30, 30);
  /* floor: 0,0,1,1,2,2 both times */
  QS_CHECK (UP3 ("asymmetric", "floor"), "1,6", 0, 10, 10, 20, 20, 30, 30);
  QS_CHECK (UP3 ("tf_half_pixel_for_nn", "floor"), "1,6", 0, 10, 10, 20, 20, 30, 30);
  /* ceil: 0,1,1,2,2,3>2 and 1,1,2,2,3>2,3>2 */
  QS_CHECK (UP3 ("asymmetric", "ceil"), "1,6", 0, 10, 20, 20, 30, 30, 30);
  QS_CHECK (UP3 ("tf_half_pixel_for_nn", "ceil"), "1,6", 0, 20, 20, 30, 30, 30, 30);
  /* simple when upsampling drops the fraction: 0,0,1,1,2,2 */
  QS_CHECK (UP3 ("tf_half_pixel_for_nn", "simple"), "1,6", 0, 10, 10, 20, 20, 30, 30);
  /* half_pixel: (x+.5)/2 - .5 = -.25, .25, .75, 1.25, 1.75, 2.25;
   * simple truncates -.25 to 0: 0,0,0,1,1,2; floor: -1>0,0,0,1,1,2 */
  QS_CHECK (UP3 ("half_pixel", "simple"), "1,6", 0, 10, 10, 10, 20, 20, 30);
  QS_CHECK (UP3 ("half_pixel", "round_prefer_floor"), "1,6", 0, 10, 10, 20, 20, 30, 30);
#undef UP3

  /* downsampling [0..50] by 0.5, half_pixel: (x+.5)/.5 - .5 = .5, 2.5, 4.5
   * simple ceils when downsampling: 1,3,5; floor and round_prefer_floor: 0,2,4 */
#define DOWN6(nm) \
  interp4 (NEAREST ("half_pixel", nm), QS_F32 ("1,6", 0, 10, 20, 30, 40, 50), \
           QS_I64 ("1", 3), QS_F32 ("1", 0.5), QS_I64 ("1", 1))
  QS_CHECK (DOWN6 ("simple"), "1,3", 0, 10, 30, 50);
  QS_CHECK (DOWN6 ("floor"), "1,3", 0, 0, 20, 40);
  QS_CHECK (DOWN6 ("round_prefer_floor"), "1,3", 0, 0, 20, 40);
  QS_CHECK (DOWN6 ("round_prefer_ceil"), "1,3", 0, 10, 30, 50);
  QS_CHECK (DOWN6 ("ceil"), "1,3", 0, 10, 30, 50);
#undef DOWN6
}

static void
test_interpolate_shape (void)
{
  g_autoptr(GError) error = NULL;

  /* scales mode: out = floor (0.5 * 5) = 2, and the coordinate uses the
   * given scale: x / 0.5 = 0, 2 -> 0, 20.  (sizes mode for the same 2 would
   * use 2/5: x / 0.4 = 0, 2.5 -> round_prefer_ceil 3 -> 30) */
  QS_CHECK (interp4 (NEAREST ("asymmetric", "round_prefer_ceil"), QS_F32 ("1,5", 0, 10, 20, 30, 40),
                     QS_I64 ("1", 2), QS_F32 ("1", 0.5), QS_I64 ("1", 1)),
            "1,2", 0, 0, 20);
  QS_CHECK (interp4 ("mode=\"nearest\" shape_calculation_mode=\"sizes\" coordinate_transformation_mode=\"asymmetric\" "
                     "nearest_mode=\"round_prefer_ceil\"", QS_F32 ("1,5", 0, 10, 20, 30, 40),
                     QS_I64 ("1", 2), QS_F32 ("1", 0.5), QS_I64 ("1", 1)),
            "1,2", 0, 0, 30);
  /* axes [1, 0] take sizes [3, 1] in that order: axis 1 -> 3 (scale 1.5),
   * axis 0 -> 1 (scale 0.5); asymmetric floor: rows 0; cols x/1.5 = 0, .67, 1.33 -> 0, 0, 1 */
  QS_CHECK (interp4 ("mode=\"nearest\" shape_calculation_mode=\"sizes\" coordinate_transformation_mode=\"asymmetric\" "
                     "nearest_mode=\"floor\"", QS_F32 ("2,2", 1, 2, 3, 4),
                     QS_I64 ("2", 3, 1), QS_F32 ("2", 1.5, 0.5), QS_I64 ("2", 1, 0)),
            "1,3", 0, 1, 1, 2);
  /* no axes input: all axes, here [2,2] -> [4,2] with sizes [4,2];
   * rows asymmetric floor x/2 = 0, 0, 1, 1 */
  QS_CHECK (QS_RUN ("Interpolate", "opset4",
                    "mode=\"nearest\" shape_calculation_mode=\"sizes\" coordinate_transformation_mode=\"asymmetric\" "
                    "nearest_mode=\"floor\"", &error,
                    QS_F32 ("2,2", 1, 2, 3, 4), QS_I64 ("2", 4, 2), QS_F32 ("2", 2, 1)),
            "4,2", 0, 1, 2, 1, 2, 3, 4, 3, 4);
  /* Interpolate-11: one input for sizes or scales, then axes */
  QS_CHECK (QS_RUN ("Interpolate", "opset11",
                    "mode=\"nearest\" shape_calculation_mode=\"sizes\" coordinate_transformation_mode=\"asymmetric\" "
                    "nearest_mode=\"floor\"", &error,
                    QS_F32 ("2,2", 1, 2, 3, 4), QS_I64 ("2", 3, 1), QS_I64 ("2", 1, 0)),
            "1,3", 0, 1, 1, 2);
  QS_CHECK (QS_RUN ("Interpolate", "opset11",
                    "mode=\"nearest\" shape_calculation_mode=\"scales\" coordinate_transformation_mode=\"asymmetric\" "
                    "nearest_mode=\"round_prefer_ceil\"", &error,
                    QS_F32 ("1,5", 0, 10, 20, 30, 40), QS_F32 ("1", 0.5), QS_I64 ("1", 1)),
            "1,2", 0, 0, 20);
  g_assert_no_error (error);
}

static void
test_interpolate_linear (void)
{
  /* The ramp 0,10,20,30 on the last axis of [1,1,1,4] resized to 3
   * (scale 3/4): linear interpolation of a ramp gives 10 * clamp (coord, 0, 3),
   * so each result shows the coordinate of its coordinate_transformation_mode:
   *   half_pixel / pytorch_half_pixel: (x+.5)/.75 - .5 = 1/6, 1.5, 17/6
   *   asymmetric: x/.75 = 0, 4/3, 8/3
   *   tf_half_pixel_for_nn: (x+.5)/.75 = 2/3, 2, 10/3 (clamped to 3)
   *   align_corners: x * 3/2 = 0, 1.5, 3 */
  static const struct {
    const char *ctm;
    double      v[3];
  } cases[] = {
    { "half_pixel", { 10.0 / 6, 15, 170.0 / 6 } },
    { "pytorch_half_pixel", { 10.0 / 6, 15, 170.0 / 6 } },
    { "asymmetric", { 0, 40.0 / 3, 80.0 / 3 } },
    { "tf_half_pixel_for_nn", { 20.0 / 3, 20, 30 } },
    { "align_corners", { 0, 15, 30 } },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *onnx = g_strdup_printf ("mode=\"linear_onnx\" shape_calculation_mode=\"sizes\" "
                                               "coordinate_transformation_mode=\"%s\"", cases[i].ctm);
      g_autofree char *lin = g_strdup_printf ("mode=\"linear\" shape_calculation_mode=\"sizes\" "
                                              "coordinate_transformation_mode=\"%s\"", cases[i].ctm);

      QS_CHECK (interp4 (onnx, QS_F32 ("1,1,1,4", 0, 10, 20, 30), QS_I64 ("2", 1, 3),
                         QS_F32 ("2", 1, 0.75), QS_I64 ("2", 2, 3)),
                "1,1,1,3", 1e-4, cases[i].v[0], cases[i].v[1], cases[i].v[2]);
      QS_CHECK (interp4 (lin, QS_F32 ("1,1,1,4", 0, 10, 20, 30), QS_I64 ("2", 1, 3),
                         QS_F32 ("2", 1, 0.75), QS_I64 ("2", 2, 3)),
                "1,1,1,3", 1e-4, cases[i].v[0], cases[i].v[1], cases[i].v[2]);
    }
  /* one output: pytorch_half_pixel reads coordinate 0, half_pixel
   * (0 + .5)/.25 - .5 = 1.5 */
  QS_CHECK (interp4 ("mode=\"linear_onnx\" shape_calculation_mode=\"sizes\" coordinate_transformation_mode=\"pytorch_half_pixel\"",
                     QS_F32 ("1,1,1,4", 0, 10, 20, 30), QS_I64 ("2", 1, 1), QS_F32 ("2", 1, 0.25), QS_I64 ("2", 2, 3)),
            "1,1,1,1", 1e-4, 0);
  QS_CHECK (interp4 ("mode=\"linear_onnx\" shape_calculation_mode=\"sizes\" coordinate_transformation_mode=\"half_pixel\"",
                     QS_F32 ("1,1,1,4", 0, 10, 20, 30), QS_I64 ("2", 1, 1), QS_F32 ("2", 1, 0.25), QS_I64 ("2", 2, 3)),
            "1,1,1,1", 1e-4, 15);
  /* bilinear 2x2 -> 3x3 with align_corners: v (y, x) = 20y + 10x at
   * y, x in {0, .5, 1} */
  QS_CHECK (interp4 ("mode=\"linear_onnx\" shape_calculation_mode=\"sizes\" coordinate_transformation_mode=\"align_corners\"",
                     QS_F32 ("1,1,2,2", 0, 10, 20, 30), QS_I64 ("2", 3, 3), QS_F32 ("2", 1.5, 1.5), QS_I64 ("2", 2, 3)),
            "1,1,3,3", 1e-4, 0, 5, 10, 10, 15, 20, 20, 25, 30);
  /* upsampling 10,20,30,40 by 2, half_pixel: coordinates -.25 (clamped: 10),
   * .25 -> 12.5, .75 -> 17.5, ... 3.25 (clamped: 40) */
  QS_CHECK (interp4 ("mode=\"linear_onnx\" shape_calculation_mode=\"scales\" coordinate_transformation_mode=\"half_pixel\"",
                     QS_F32 ("1,1,1,4", 10, 20, 30, 40), QS_I64 ("2", 1, 8), QS_F32 ("2", 1, 2), QS_I64 ("2", 2, 3)),
            "1,1,1,8", 1e-4, 10, 12.5, 17.5, 22.5, 27.5, 32.5, 37.5, 40);
  QS_CHECK (interp4 ("mode=\"linear\" shape_calculation_mode=\"scales\" coordinate_transformation_mode=\"half_pixel\"",
                     QS_F32 ("1,1,1,4", 10, 20, 30, 40), QS_I64 ("2", 1, 8), QS_F32 ("2", 1, 2), QS_I64 ("2", 2, 3)),
            "1,1,1,8", 1e-4, 10, 12.5, 17.5, 22.5, 27.5, 32.5, 37.5, 40);
  /* linear, downsampling 0,10,20,30 by 0.5 (half_pixel: .5, 2.5):
   * without antialias 5, 25; with antialias the triangle is stretched by 2
   * (weights max (0, 1 - |dz|/2)): at .5 the taps 0..3 weigh .75, .75, .25, 0
   * -> (7.5 + 5) / 1.75; at 2.5 they weigh 0, .25, .75, .75 -> 40 / 1.75 */
  QS_CHECK (interp4 ("mode=\"linear\" shape_calculation_mode=\"scales\" coordinate_transformation_mode=\"half_pixel\"",
                     QS_F32 ("1,1,1,4", 0, 10, 20, 30), QS_I64 ("1", 2), QS_F32 ("1", 0.5), QS_I64 ("1", 3)),
            "1,1,1,2", 1e-4, 5, 25);
  /* (antialias is not implemented: it must say so rather than ignore it;
   * the values it should give are 12.5 / 1.75 and 40 / 1.75) */
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (QS_RUN ("Interpolate", "opset4",
                           "mode=\"linear\" shape_calculation_mode=\"scales\" coordinate_transformation_mode=\"half_pixel\" antialias=\"true\"",
                           &error, QS_F32 ("1,1,1,4", 0, 10, 20, 30), QS_I64 ("1", 2), QS_F32 ("1", 0.5), QS_I64 ("1", 3)));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "antialias"));
  }
}

static void
test_interpolate_cubic (void)
{
  g_autoptr(GError) error = NULL;

  /* Keys weights for a = -0.75 at t = 0.5: c0 = c3 = a t (t-1)² = -0.09375,
   * c1 = c2 = ((a+2)t - (a+3))t² + 1 = 0.59375.
   * 1,2,4,8 by 2, asymmetric (x/2): integer coordinates copy the input;
   * 0.5: taps -1>0, 0, 1, 2 = 1,1,2,4 -> 1.3125; 1.5: 1,2,4,8 -> 2.71875;
   * 2.5: 2,4,8,8 -> 6.1875; 3.5: 4,8,8,8 -> 8.375 */
  QS_CHECK (interp4 ("mode=\"cubic\" shape_calculation_mode=\"scales\" coordinate_transformation_mode=\"asymmetric\"",
                     QS_F32 ("4", 1, 2, 4, 8), QS_I64 ("1", 8), QS_F32 ("1", 2), QS_I64 ("1", 0)),
            "8", 1e-5, 1, 1.3125, 2, 2.71875, 4, 6.1875, 8, 8.375);
  /* half_pixel: -0.25 is not clamped before the floor: i = -1, t = .75,
   * weights -0.03515625, 0.26171875, 0.87890625, -0.10546875 on taps
   * -2>0, -1>0, 0, 1 = 1,1,1,2 -> 0.89453125; the rest likewise at
   * t = .25 / .75 (weights 0.87890625 / 0.26171875 in the middle) */
  QS_CHECK (interp4 ("mode=\"cubic\" shape_calculation_mode=\"scales\" coordinate_transformation_mode=\"half_pixel\" cube_coeff=\"-0.75\"",
                     QS_F32 ("4", 1, 2, 4, 8), QS_I64 ("1", 8), QS_F32 ("1", 2), QS_I64 ("1", 0)),
            "8", 1e-5, 0.89453125, 1.15625, 1.5625, 2.41796875, 3.16015625, 5.1171875, 7.1640625, 8.421875);
  /* align_corners 5 -> 3 lands on inputs 0, 2, 4 exactly */
  QS_CHECK (QS_RUN ("Interpolate", "opset11",
                    "mode=\"cubic\" shape_calculation_mode=\"sizes\" coordinate_transformation_mode=\"align_corners\"", &error,
                    QS_F32 ("5", 1, 2, 4, 8, 16), QS_I64 ("1", 3), QS_I64 ("1", 0)),
            "3", 1e-5, 1, 4, 16);
  g_assert_no_error (error);
}

/* ---- detection ---- */

static void
test_prior_box (void)
{
  g_autoptr(GError) error = NULL;
  const double r2 = G_SQRT2;

  /* feature map 1x2 on a 10x20 (h x w) image, step 10, offset 0.5: centres
   * (5, 5) and (15, 5).  Aspect ratios [1, 2, 1/2] (flip), so per cell: the
   * min box (half side 2), the max box (half side sqrt (4 * 9) / 2 = 3),
   * then ratio 2 (half w 2 sqrt2, half h sqrt2) and 1/2 (the reverse);
   * x divided by 20, y by 10.  Row 1 holds the 4 variances per box. */
#define PB_CELL(cx) \
  (cx - 2) / 20, 0.3, (cx + 2) / 20, 0.7, \
  (cx - 3) / 20, 0.2, (cx + 3) / 20, 0.8, \
  (cx - 2 * r2) / 20, (5 - r2) / 10, (cx + 2 * r2) / 20, (5 + r2) / 10, \
  (cx - r2) / 20, (5 - 2 * r2) / 10, (cx + r2) / 20, (5 + 2 * r2) / 10
#define PB_VAR 0.1, 0.1, 0.2, 0.2
  QS_CHECK (QS_RUN ("PriorBox", "opset1",
                    "min_size=\"4\" max_size=\"9\" aspect_ratio=\"2\" flip=\"true\" clip=\"false\" step=\"10\" "
                    "offset=\"0.5\" variance=\"0.1,0.1,0.2,0.2\"", &error,
                    QS_I64 ("2", 1, 2), QS_I64 ("2", 10, 20)),
            "2,32", 1e-6, PB_CELL (5.0), PB_CELL (15.0),
            PB_VAR, PB_VAR, PB_VAR, PB_VAR, PB_VAR, PB_VAR, PB_VAR, PB_VAR);
#undef PB_CELL
#undef PB_VAR
  /* step 0: step = image / map = 4, centre (0 + 0.5) * 4 = 2 whatever the
   * offset; half side 3 -> [-1, -1, 5, 5] / 4 = -0.25 .. 1.25, which clip
   * cuts to [0, 1]; no variance given -> 0.1 */
  QS_CHECK (QS_RUN ("PriorBox", "opset1", "min_size=\"6\" clip=\"false\" step=\"0\" offset=\"0\"", &error,
                    QS_I64 ("2", 1, 1), QS_I64 ("2", 4, 4)),
            "2,4", 1e-6, -0.25, -0.25, 1.25, 1.25, 0.1, 0.1, 0.1, 0.1);
  QS_CHECK (QS_RUN ("PriorBox", "opset1", "min_size=\"6\" clip=\"true\" step=\"0\" offset=\"0\"", &error,
                    QS_I64 ("2", 1, 1), QS_I64 ("2", 4, 4)),
            "2,4", 1e-6, 0, 0, 1, 1, 0.1, 0.1, 0.1, 0.1);
  /* PriorBox-8 with min_max_aspect_ratios_order false: min box, ratio
   * boxes, then the max box (one 1x1 cell at (5, 5) of the 10x20 image) */
  QS_CHECK (QS_RUN ("PriorBox", "opset8",
                    "min_size=\"4\" max_size=\"9\" aspect_ratio=\"2\" flip=\"false\" step=\"10\" offset=\"0.5\" "
                    "min_max_aspect_ratios_order=\"false\"", &error,
                    QS_I64 ("2", 1, 1), QS_I64 ("2", 10, 20)),
            "2,12", 1e-6, 0.15, 0.3, 0.35, 0.7,
            (5 - 2 * r2) / 20, (5 - r2) / 10, (5 + 2 * r2) / 20, (5 + r2) / 10,
            0.1, 0.2, 0.4, 0.8,
            0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1);
  /* scale_all_sizes false (MXNet: sizes and step in image heights):
   * min_size 0.4 * 10 = 4 and step 1 * 10 give the min and ratio-2 boxes
   * above */
  QS_CHECK (QS_RUN ("PriorBox", "opset1",
                    "min_size=\"0.4\" aspect_ratio=\"2\" flip=\"false\" step=\"1\" offset=\"0.5\" scale_all_sizes=\"false\"", &error,
                    QS_I64 ("2", 1, 1), QS_I64 ("2", 10, 20)),
            "2,8", 1e-6, 0.15, 0.3, 0.35, 0.7,
            (5 - 2 * r2) / 20, (5 - r2) / 10, (5 + 2 * r2) / 20, (5 + r2) / 10,
            0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1);
  g_assert_no_error (error);
  /* there max_size has no place in the count of priors */
  g_assert_null (QS_RUN ("PriorBox", "opset1",
                         "min_size=\"0.4\" max_size=\"0.9\" scale_all_sizes=\"false\"", &error,
                         QS_I64 ("2", 1, 1), QS_I64 ("2", 10, 20)));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "max_size"));
  g_clear_error (&error);
  /* aspect_ratio 1 is already in the list and flip false adds no 1/2 */
  QS_CHECK (QS_RUN ("PriorBox", "opset1", "min_size=\"2\" aspect_ratio=\"1,4\" flip=\"false\" step=\"4\" offset=\"0.5\" variance=\"0.5\"", &error,
                    QS_I64 ("2", 1, 1), QS_I64 ("2", 4, 4)),
            "2,8", 1e-6, 0.25, 0.25, 0.75, 0.75, (2 - 2.0) / 4, (2 - 0.5) / 4, (2 + 2.0) / 4, (2 + 0.5) / 4,
            0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5);
  g_assert_no_error (error);
}

static void
test_prior_box_clustered (void)
{
  g_autoptr(GError) error = NULL;

  /* map 1x2 on a 10x20 image, no step: step_w = 20 / 2 = 10, step_h = 10 / 1
   * = 10; offset 0.5: centres (5, 5), (15, 5).  Boxes (w, h) = (4, 2) and
   * (8, 6): [(cx - w/2) / 20, (cy - h/2) / 10, (cx + w/2) / 20, (cy + h/2) / 10] */
  QS_CHECK (QS_RUN ("PriorBoxClustered", "opset1",
                    "width=\"4,8\" height=\"2,6\" clip=\"false\" offset=\"0.5\" variance=\"0.1,0.1,0.2,0.2\"", &error,
                    QS_I64 ("2", 1, 2), QS_I64 ("2", 10, 20)),
            "2,16", 1e-6,
            0.15, 0.4, 0.35, 0.6, 0.05, 0.2, 0.45, 0.8,
            0.65, 0.4, 0.85, 0.6, 0.55, 0.2, 0.95, 0.8,
            0.1, 0.1, 0.2, 0.2, 0.1, 0.1, 0.2, 0.2, 0.1, 0.1, 0.2, 0.2, 0.1, 0.1, 0.2, 0.2);
  /* step 4 on an 8x8 image: centres (2, 2), (6, 2); box 6 x 2:
   * [-1, 1, 5, 3] / 8 and [3, 1, 9, 3] / 8; clip (the default) cuts
   * -0.125 and 1.125; one variance value repeated */
  QS_CHECK (QS_RUN ("PriorBoxClustered", "opset1",
                    "width=\"6\" height=\"2\" step=\"4\" offset=\"0.5\" variance=\"0.2\"", &error,
                    QS_I64 ("2", 1, 2), QS_I64 ("2", 8, 8)),
            "2,8", 1e-6, 0, 0.125, 0.625, 0.375, 0.375, 0.125, 1, 0.375,
            0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2);
  /* step_w 4, step_h 2: centres (2, 1), (6, 1) -> y from 0 to 0.25 */
  QS_CHECK (QS_RUN ("PriorBoxClustered", "opset1",
                    "width=\"6\" height=\"2\" step_w=\"4\" step_h=\"2\" clip=\"false\" offset=\"0.5\" variance=\"0.2\"", &error,
                    QS_I64 ("2", 1, 2), QS_I64 ("2", 8, 8)),
            "2,8", 1e-6, -0.125, 0, 0.625, 0.25, 0.375, 0, 1.125, 0.25,
            0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2);
  g_assert_no_error (error);
}

/* DetectionOutput with one class (label 1; 0 is background), two priors,
 * shared locations, CENTER_SIZE with the variances in the target (v = 1):
 *   prior 0 [.1, .1, .3, .3]: centre (.2, .2), size .2 x .2;
 *     deltas (.5, -.5, ln 2, 0) -> centre (.3, .1), size .4 x .2 -> [.1, 0, .5, .2]
 *   prior 1 [.5, .5, .9, .7]: centre (.7, .6), size .4 x .2;
 *     deltas (0, 0, 0, ln .5) -> centre (.7, .6), size .4 x .1 -> [.5, .55, .9, .65]
 *     or deltas (-1, -2.375, 0, ln 1.25) -> centre (.3, .125), size .4 x .25
 *     -> [.1, 0, .5, .25], IoU with box 0 = .08 / (.08 + .1 - .08) = 0.8
 * Class-1 scores 0.8 and 0.6. */
#define DO_ATTRS(nms, keep) \
  "num_classes=\"2\" background_label_id=\"0\" share_location=\"true\" " \
  "code_type=\"caffe.PriorBoxParameter.CENTER_SIZE\" variance_encoded_in_target=\"true\" " \
  "normalized=\"true\" nms_threshold=\"" nms "\" keep_top_k=\"" keep "\" top_k=\"-1\" confidence_threshold=\"0.01\""

static void
test_detection_output (void)
{
  g_autoptr(GError) error = NULL;
  QsTensor *t;
  const double ln2 = G_LN2;

  /* apart: both kept, by score */
  QS_CHECK (QS_RUN ("DetectionOutput", "opset1", DO_ATTRS ("0.5", "2"), &error,
                    QS_F32 ("1,8", 0.5, -0.5, ln2, 0, 0, 0, 0, -ln2),
                    QS_F32 ("1,4", 0.2, 0.8, 0.4, 0.6),
                    QS_F32 ("1,1,8", 0.1, 0.1, 0.3, 0.3, 0.5, 0.5, 0.9, 0.7)),
            "1,1,2,7", 1e-5,
            0, 1, 0.8, 0.1, 0, 0.5, 0.2,
            0, 1, 0.6, 0.5, 0.55, 0.9, 0.65);
  /* keep_top_k 1: only the best */
  QS_CHECK (QS_RUN ("DetectionOutput", "opset1", DO_ATTRS ("0.5", "1"), &error,
                    QS_F32 ("1,8", 0.5, -0.5, ln2, 0, 0, 0, 0, -ln2),
                    QS_F32 ("1,4", 0.2, 0.8, 0.4, 0.6),
                    QS_F32 ("1,1,8", 0.1, 0.1, 0.3, 0.3, 0.5, 0.5, 0.9, 0.7)),
            "1,1,1,7", 1e-5, 0, 1, 0.8, 0.1, 0, 0.5, 0.2);
  /* overlapping (IoU 0.8): nms_threshold 0.9 keeps both ... */
  QS_CHECK (QS_RUN ("DetectionOutput", "opset1", DO_ATTRS ("0.9", "2"), &error,
                    QS_F32 ("1,8", 0.5, -0.5, ln2, 0, -1, -2.375, 0, log (1.25)),
                    QS_F32 ("1,4", 0.2, 0.8, 0.4, 0.6),
                    QS_F32 ("1,1,8", 0.1, 0.1, 0.3, 0.3, 0.5, 0.5, 0.9, 0.7)),
            "1,1,2,7", 1e-5,
            0, 1, 0.8, 0.1, 0, 0.5, 0.2,
            0, 1, 0.6, 0.1, 0, 0.5, 0.25);
  /* ... 0.5 drops the 0.6 one; the list then ends with image_id -1 */
  t = QS_RUN ("DetectionOutput", "opset1", DO_ATTRS ("0.5", "2"), &error,
              QS_F32 ("1,8", 0.5, -0.5, ln2, 0, -1, -2.375, 0, log (1.25)),
              QS_F32 ("1,4", 0.2, 0.8, 0.4, 0.6),
              QS_F32 ("1,1,8", 0.1, 0.1, 0.3, 0.3, 0.5, 0.5, 0.9, 0.7));
  g_assert_no_error (error);
  g_assert_nonnull (t);
  g_assert_cmpfloat (qs_tensor_get_f64 (t, 7), ==, -1);
  qs_tensor_set_f64 (t, 7, 0);
  for (guint i = 8; i < 14; i++)
    qs_tensor_set_f64 (t, i, 0);
  QS_CHECK (t, "1,1,2,7", 1e-5,
            0, 1, 0.8, 0.1, 0, 0.5, 0.2,
            0, 0, 0, 0, 0, 0, 0);
  /* the background column never makes a detection, however high */
  t = QS_RUN ("DetectionOutput", "opset1", DO_ATTRS ("0.5", "2"), &error,
              QS_F32 ("1,8", 0.5, -0.5, ln2, 0, 0, 0, 0, -ln2),
              QS_F32 ("1,4", 0.995, 0.005, 0.4, 0.6),
              QS_F32 ("1,1,8", 0.1, 0.1, 0.3, 0.3, 0.5, 0.5, 0.9, 0.7));
  g_assert_no_error (error);
  g_assert_nonnull (t);
  /* 0.005 is under confidence_threshold 0.01: one detection */
  g_assert_cmpfloat (qs_tensor_get_f64 (t, 7), ==, -1);
  qs_tensor_set_f64 (t, 7, 0);
  for (guint i = 8; i < 14; i++)
    qs_tensor_set_f64 (t, i, 0);
  QS_CHECK (t, "1,1,2,7", 1e-5,
            0, 1, 0.6, 0.5, 0.55, 0.9, 0.65,
            0, 0, 0, 0, 0, 0, 0);
}
#undef DO_ATTRS

/* ---- edge cases of the movement ops ---- */

static void
test_movement_edges (void)
{
  g_autoptr(GError) error = NULL;

  /* Transpose with an empty order reverses the dims: [2,3] -> [3,2] */
  QS_CHECK (QS_RUN ("Transpose", "opset1", "", &error,
                    QS_F32 ("2,3", 1, 2, 3, 4, 5, 6), qs_test_tensor (QS_ELEMENT_I64, "0", NULL)),
            "3,2", 0, 1, 4, 2, 5, 3, 6);
  g_assert_no_error (error);
  /* three inputs along the middle axis of [1,k,2] */
  QS_CHECK (QS_RUN ("Concat", "opset1", "axis=\"1\"", &error,
                    QS_F32 ("1,1,2", 1, 2), QS_F32 ("1,2,2", 3, 4, 5, 6), QS_F32 ("1,1,2", 7, 8)),
            "1,4,2", 0, 1, 2, 3, 4, 5, 6, 7, 8);
  g_assert_no_error (error);
  /* Gather with batch_dims 1 and axis 2 past it: out[b,i,j] = data[b,i,idx[b,j]]
   * data (b,i,k) = 100b + 10i + k; idx [[2],[0]] */
  QS_CHECK (QS_RUN ("Gather", "opset8", "batch_dims=\"1\"", &error,
                    QS_F32 ("2,2,3", 0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112),
                    QS_I64 ("2,1", 2, 0), QS_I64 ("", 2)),
            "2,2,1", 0, 2, 12, 100, 110);
  g_assert_no_error (error);
  /* Tile with a 0 repeat: an empty output */
  QS_CHECK (QS_RUN ("Tile", "opset1", "", &error,
                    QS_F32 ("2", 1, 2), QS_I64 ("1", 0)),
            "0", 0, 0);
  g_assert_no_error (error);
  /* Squeeze of an axis that is not 1 leaves it (the specification since 2024.3) */
  QS_CHECK (QS_RUN ("Squeeze", "opset1", "", &error,
                    QS_F32 ("1,2", 1, 2), QS_I64 ("1", 1)),
            "1,2", 0, 1, 2);
  g_assert_no_error (error);
  /* Split into parts that do not divide the axis */
  {
    QsTensor *in[2] = { QS_F32 ("3", 1, 2, 3), QS_I64 ("", 0) };
    QsTensor **outs = qs_test_run_op_full ("Split", "opset1", "num_splits=\"2\"", in, 2, 0, 2,
                                           QS_EXEC_MODE_FLOAT, &error);

    g_assert_null (outs);
    g_assert_nonnull (error);
    g_clear_error (&error);
    qs_tensor_unref (in[0]);
    qs_tensor_unref (in[1]);
  }
  /* numpy Broadcast that does not fit: [3] to [2] */
  g_assert_null (QS_RUN ("Broadcast", "opset3", "mode=\"numpy\"", &error,
                         QS_F32 ("3", 1, 2, 3), QS_I64 ("1", 2)));
  g_assert_nonnull (error);
  g_clear_error (&error);
}

static void
test_interpolate_pads (void)
{
  g_autoptr(GError) error = NULL;

  /* pads (zero padding before the resize) are not implemented: the op must
   * refuse them rather than ignore them.  ([1,2] padded by one each side on
   * axis 1, sizes 4, should give 0, 1, 2, 0.) */
  g_assert_null (QS_RUN ("Interpolate", "opset4",
                         "mode=\"nearest\" shape_calculation_mode=\"sizes\" pads_begin=\"0,1\" pads_end=\"0,1\"", &error,
                         QS_F32 ("1,2", 1, 2), QS_I64 ("1", 4), QS_F32 ("1", 1), QS_I64 ("1", 1)));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "pads"));
  g_clear_error (&error);
  /* all-zero pads are the default and fine */
  QS_CHECK (interp4 ("mode=\"nearest\" shape_calculation_mode=\"sizes\" pads_begin=\"0,0\" pads_end=\"0,0\"",
                     QS_F32 ("1,2", 1, 2), QS_I64 ("1", 2), QS_F32 ("1", 1), QS_I64 ("1", 1)),
            "1,2", 0, 1, 2);
}

static void
test_detection_output_variance (void)
{
  g_autoptr(GError) error = NULL;
  const double ln2 = G_LN2;

  /* the two-prior case of /qscope/exec/op/detection-output with the
   * variances (.1, .1, .2, .2) in the priors' second row: the deltas are
   * those divided by the variances, and the boxes come out the same */
  QS_CHECK (QS_RUN ("DetectionOutput", "opset1",
                    "num_classes=\"2\" background_label_id=\"0\" share_location=\"true\" "
                    "code_type=\"caffe.PriorBoxParameter.CENTER_SIZE\" variance_encoded_in_target=\"false\" "
                    "normalized=\"true\" nms_threshold=\"0.5\" keep_top_k=\"2\" top_k=\"-1\" confidence_threshold=\"0.01\"", &error,
                    QS_F32 ("1,8", 5, -5, 5 * ln2, 0, 0, 0, 0, -5 * ln2),
                    QS_F32 ("1,4", 0.2, 0.8, 0.4, 0.6),
                    QS_F32 ("1,2,8", 0.1, 0.1, 0.3, 0.3, 0.5, 0.5, 0.9, 0.7,
                            0.1, 0.1, 0.2, 0.2, 0.1, 0.1, 0.2, 0.2)),
            "1,1,2,7", 1e-5,
            0, 1, 0.8, 0.1, 0, 0.5, 0.2,
            0, 1, 0.6, 0.5, 0.55, 0.9, 0.65);
  /* CORNER: each corner moves by its variance times its delta; prior 0
   * [.1, .1, .3, .3] with deltas (1, 1, 1, 2) and variances (.1, .1, .2, .2)
   * -> [.2, .2, .5, .7] */
  QS_CHECK (QS_RUN ("DetectionOutput", "opset1",
                    "num_classes=\"2\" background_label_id=\"0\" share_location=\"true\" "
                    "code_type=\"caffe.PriorBoxParameter.CORNER\" variance_encoded_in_target=\"false\" "
                    "normalized=\"true\" nms_threshold=\"0.5\" keep_top_k=\"1\" top_k=\"-1\" confidence_threshold=\"0.01\"", &error,
                    QS_F32 ("1,8", 1, 1, 1, 2, 0, 0, 0, 0),
                    QS_F32 ("1,4", 0.2, 0.8, 0.4, 0.6),
                    QS_F32 ("1,2,8", 0.1, 0.1, 0.3, 0.3, 0.5, 0.5, 0.9, 0.7,
                            0.1, 0.1, 0.2, 0.2, 0.1, 0.1, 0.2, 0.2)),
            "1,1,1,7", 1e-5, 0, 1, 0.8, 0.2, 0.2, 0.5, 0.7);
  g_assert_no_error (error);
}

static void
test_more_edges (void)
{
  g_autoptr(GError) error = NULL;
  QsTensor *t;

  /* nearest "simple" decides per axis: [2,4] by scales (2, 0.5), half_pixel.
   * axis 0 upsamples: (y+.5)/2 - .5 = -.25, .25, .75, 1.25 truncated -> 0,0,0,1;
   * axis 1 downsamples: (x+.5)/.5 - .5 = .5, 2.5 ceiled -> 1, 3 */
  QS_CHECK (interp4 (NEAREST ("half_pixel", "simple"), QS_F32 ("2,4", 0, 1, 2, 3, 10, 11, 12, 13),
                     QS_I64 ("2", 4, 2), QS_F32 ("2", 2, 0.5), QS_I64 ("2", 0, 1)),
            "4,2", 0, 1, 3, 1, 3, 1, 3, 11, 13);
  /* linear_onnx on a 2-D tensor (axes {0, 1}), align_corners 2x2 -> 3x3:
   * v (y, x) = 20y + 10x */
  QS_CHECK (interp4 ("mode=\"linear_onnx\" shape_calculation_mode=\"sizes\" coordinate_transformation_mode=\"align_corners\"",
                     QS_F32 ("2,2", 0, 10, 20, 30), QS_I64 ("2", 3, 3), QS_F32 ("2", 1.5, 1.5), QS_I64 ("2", 0, 1)),
            "3,3", 1e-4, 0, 5, 10, 10, 15, 20, 20, 25, 30);
  /* cubic on two axes is the product of the 1-D weights: 2x2 -> 4x4 with
   * asymmetric scale 2 at (.5, .5): rows and columns each weigh taps
   * -1>0, 0, 1, 2>1 as -.09375, .59375, .59375, -.09375, i.e. .5/.5 on the
   * two samples; so (.5, .5) is the mean of all four: 15 */
  t = interp4 ("mode=\"cubic\" shape_calculation_mode=\"scales\" coordinate_transformation_mode=\"asymmetric\"",
               QS_F32 ("2,2", 0, 10, 20, 30), QS_I64 ("2", 4, 4), QS_F32 ("2", 2, 2), QS_I64 ("2", 0, 1));
  g_assert_nonnull (t);
  g_assert_cmpfloat_with_epsilon (qs_tensor_get_f64 (t, 0), 0, 1e-5);
  g_assert_cmpfloat_with_epsilon (qs_tensor_get_f64 (t, 1 * 4 + 1), 15, 1e-5);
  g_assert_cmpfloat_with_epsilon (qs_tensor_get_f64 (t, 2 * 4 + 2), 30, 1e-5);
  qs_tensor_unref (t);

  /* StridedSlice: begin -7 + 5 = -2 clamps to 0; stride 2: 0, 2, 4 */
  QS_CHECK (QS_RUN ("StridedSlice", "opset1", "begin_mask=\"0\" end_mask=\"0\"", &error,
                    QS_F32 ("5", 0, 1, 2, 3, 4),
                    QS_I64 ("1", -7), QS_I64 ("1", 9), QS_I64 ("1", 2)),
            "3", 0, 0, 2, 4);
  /* Gather with a scalar index drops the axis: row 1 of [3,2] */
  QS_CHECK (QS_RUN ("Gather", "opset8", "batch_dims=\"0\"", &error,
                    QS_F32 ("3,2", 1, 2, 3, 4, 5, 6), QS_I64 ("", 1), QS_I64 ("", 0)),
            "2", 0, 3, 4);
  /* explicit Broadcast of [2,3] onto [2,4,3] with axes 0 and 2 */
  QS_CHECK (QS_RUN ("Broadcast", "opset3", "mode=\"explicit\"", &error,
                    QS_F32 ("2,1", 1, 2), QS_I64 ("3", 2, 2, 3), QS_I64 ("2", 0, 2)),
            "2,2,3", 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2);
  /* Unsqueeze of a scalar */
  QS_CHECK (QS_RUN ("Unsqueeze", "opset1", "", &error,
                    QS_F32 ("", 5), QS_I64 ("1", 0)),
            "1", 0, 5);
  /* Concat keeps i64 (shape subgraphs) */
  t = QS_RUN ("Concat", "opset1", "axis=\"0\"", &error,
              QS_I64 ("1", -1), QS_I64 ("2", 3, 4000000000));
  g_assert_nonnull (t);
  g_assert_cmpint (t->type, ==, QS_ELEMENT_I64);
  QS_CHECK (t, "3", 0, -1, 3, 4000000000.0);
  /* Convert to boolean: anything non-zero is true; from i64 to f32 */
  QS_CHECK (QS_RUN ("Convert", "opset1", "destination_type=\"boolean\"", &error,
                    QS_F32 ("4", 0, 0.5, -2, -0.0)),
            "4", 0, 0, 1, 1, 0);
  QS_CHECK (QS_RUN ("Convert", "opset1", "destination_type=\"f32\"", &error,
                    QS_I64 ("2", -3, 16777217)),
            "2", 0, -3, 16777216);
  /* Clamp with min == max */
  QS_CHECK (QS_RUN ("Clamp", "opset1", "min=\"0.5\" max=\"0.5\"", &error,
                    QS_F32 ("3", -1, 0.5, 9)),
            "3", 0, 0.5, 0.5, 0.5);
  g_assert_no_error (error);
}

static void
test_detection_output_classes (void)
{
  g_autoptr(GError) error = NULL;
  const double ln2 = G_LN2;
  QsTensor *t;

  /* the boxes of /qscope/exec/op/detection-output ([.1, 0, .5, .2] and
   * [.5, .55, .9, .65], apart), two classes besides the background:
   * class 1 scores .3 (prior 0), .7 (prior 1); class 2 .6, .2.
   * keep_top_k 3 keeps .7, .6, .3 and drops .2; rows go by label, then by
   * score (Caffe's order) */
#define DO_ATTRS(keep, top) \
  "num_classes=\"3\" background_label_id=\"0\" share_location=\"true\" " \
  "code_type=\"caffe.PriorBoxParameter.CENTER_SIZE\" variance_encoded_in_target=\"true\" " \
  "normalized=\"true\" nms_threshold=\"0.5\" keep_top_k=\"" keep "\" top_k=\"" top "\" confidence_threshold=\"0.01\""
#define DO_INPUTS \
  QS_F32 ("1,8", 0.5, -0.5, ln2, 0, 0, 0, 0, -ln2), \
  QS_F32 ("1,6", 0.1, 0.3, 0.6, 0.1, 0.7, 0.2), \
  QS_F32 ("1,1,8", 0.1, 0.1, 0.3, 0.3, 0.5, 0.5, 0.9, 0.7)
  QS_CHECK (QS_RUN ("DetectionOutput", "opset1", DO_ATTRS ("3", "-1"), &error, DO_INPUTS),
            "1,1,3,7", 1e-5,
            0, 1, 0.7, 0.5, 0.55, 0.9, 0.65,
            0, 1, 0.3, 0.1, 0, 0.5, 0.2,
            0, 2, 0.6, 0.1, 0, 0.5, 0.2);
  /* keep_top_k -1 and top_k 1: 1 * 1 * 3 rows (N * top_k * num_classes);
   * each class keeps its best before NMS: .7 (class 1), .6 (class 2), then -1 */
  t = QS_RUN ("DetectionOutput", "opset1", DO_ATTRS ("-1", "1"), &error, DO_INPUTS);
  g_assert_no_error (error);
  g_assert_nonnull (t);
  g_assert_cmpfloat (qs_tensor_get_f64 (t, 14), ==, -1);
  for (guint i = 14; i < 21; i++)
    qs_tensor_set_f64 (t, i, 0);
  QS_CHECK (t, "1,1,3,7", 1e-5,
            0, 1, 0.7, 0.5, 0.55, 0.9, 0.65,
            0, 2, 0.6, 0.1, 0, 0.5, 0.2,
            0, 0, 0, 0, 0, 0, 0);
  /* both -1: N * num_classes * priors = 6 rows; 4 detections, then -1 */
  t = QS_RUN ("DetectionOutput", "opset1", DO_ATTRS ("-1", "-1"), &error, DO_INPUTS);
  g_assert_no_error (error);
  g_assert_nonnull (t);
  g_assert_cmpfloat (qs_tensor_get_f64 (t, 28), ==, -1);
  for (guint i = 28; i < 42; i++)
    qs_tensor_set_f64 (t, i, 0);
  QS_CHECK (t, "1,1,6,7", 1e-5,
            0, 1, 0.7, 0.5, 0.55, 0.9, 0.65,
            0, 1, 0.3, 0.1, 0, 0.5, 0.2,
            0, 2, 0.6, 0.1, 0, 0.5, 0.2,
            0, 2, 0.2, 0.5, 0.55, 0.9, 0.65,
            0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0);
#undef DO_INPUTS
#undef DO_ATTRS
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qscope/exec/op/convolution/pads-strides", test_conv_pads_strides);
  g_test_add_func ("/qscope/exec/op/convolution/dilation", test_conv_dilation);
  g_test_add_func ("/qscope/exec/op/convolution/auto-pad", test_conv_auto_pad);
  g_test_add_func ("/qscope/exec/op/convolution/channels", test_conv_channels);
  g_test_add_func ("/qscope/exec/op/group-convolution", test_group_conv);
  g_test_add_func ("/qscope/exec/op/convolution-3d-direct", test_conv3d_direct);
  g_test_add_func ("/qscope/exec/op/matmul/transpose", test_matmul_transpose);
  g_test_add_func ("/qscope/exec/op/matmul/batch", test_matmul_batch);
  g_test_add_func ("/qscope/exec/op/maxpool", test_maxpool);
  g_test_add_func ("/qscope/exec/op/avgpool", test_avgpool);
  g_test_add_func ("/qscope/exec/op/pool-huge-window", test_pool_huge_window);
  g_test_add_func ("/qscope/exec/op/pool-direct", test_pool_direct);
  g_test_add_func ("/qscope/exec/op/pool-rows", test_pool_rows);
  g_test_add_func ("/qscope/exec/op/softmax", test_softmax);

  g_test_add_func ("/qscope/exec/op/non-max-suppression", test_nms);
  g_test_add_func ("/qscope/exec/op/ctc-greedy-decoder", test_ctc_greedy);
  g_test_add_func ("/qscope/exec/op/pad", test_pad);
  g_test_add_func ("/qscope/exec/op/depth-space", test_depth_space);
  g_test_add_func ("/qscope/exec/op/scatter-nd-update", test_scatter_nd_update);
  g_test_add_func ("/qscope/exec/op/mvn", test_mvn);
  g_test_add_func ("/qscope/exec/op/mvn-rows", test_mvn_rows);

  g_test_add_func ("/qscope/exec/op/concat", test_concat);
  g_test_add_func ("/qscope/exec/op/split", test_split);
  g_test_add_func ("/qscope/exec/op/variadic-split", test_variadic_split);
  g_test_add_func ("/qscope/exec/op/strided-slice", test_strided_slice);
  g_test_add_func ("/qscope/exec/op/gather", test_gather);
  g_test_add_func ("/qscope/exec/op/reshape", test_reshape);
  g_test_add_func ("/qscope/exec/op/transpose", test_transpose);
  g_test_add_func ("/qscope/exec/op/broadcast", test_broadcast);
  g_test_add_func ("/qscope/exec/op/squeeze-unsqueeze", test_squeeze_unsqueeze);
  g_test_add_func ("/qscope/exec/op/tile", test_tile);


  g_test_add_func ("/qscope/exec/op/prelu", test_prelu);
  g_test_add_func ("/qscope/exec/op/hard-sigmoid", test_hard_sigmoid);
  g_test_add_func ("/qscope/exec/op/shuffle-channels", test_shuffle_channels);
  g_test_add_func ("/qscope/exec/op/normalize-l2", test_normalize_l2);
  g_test_add_func ("/qscope/exec/op/convolution-backprop", test_convolution_backprop);
  g_test_add_func ("/qscope/exec/op/clamp", test_clamp);
  g_test_add_func ("/qscope/exec/op/swish-sigmoid", test_swish_sigmoid);
  g_test_add_func ("/qscope/exec/op/fake-quantize", test_fake_quantize);
  g_test_add_func ("/qscope/exec/op/fake-quantize-rows", test_fake_quantize_rows);
  g_test_add_func ("/qscope/exec/op/convert", test_convert);
  g_test_add_func ("/qscope/exec/op/softmax-axis", test_softmax_axis);
  g_test_add_func ("/qscope/exec/op/softmax-planes", test_softmax_planes);
  g_test_add_func ("/qscope/exec/op/topk-select", test_topk_select);
  g_test_add_func ("/qscope/exec/op/transpose-runs", test_transpose_runs);
  g_test_add_func ("/qscope/exec/op/shape-ops-shared-models", test_shape_ops_shared_models);
  g_test_add_func ("/qscope/exec/op/reduce-keep-dims", test_reduce_keep_dims);
  g_test_add_func ("/qscope/exec/op/reduce-block", test_reduce_block);

  g_test_add_func ("/qscope/exec/op/interpolate/nearest", test_interpolate_nearest);
  g_test_add_func ("/qscope/exec/op/interpolate/shape", test_interpolate_shape);
  g_test_add_func ("/qscope/exec/op/interpolate/linear", test_interpolate_linear);
  g_test_add_func ("/qscope/exec/op/interpolate/cubic", test_interpolate_cubic);

  g_test_add_func ("/qscope/exec/op/prior-box", test_prior_box);
  g_test_add_func ("/qscope/exec/op/prior-box-clustered", test_prior_box_clustered);
  g_test_add_func ("/qscope/exec/op/detection-output", test_detection_output);

  g_test_add_func ("/qscope/exec/op/movement-edges", test_movement_edges);
  g_test_add_func ("/qscope/exec/op/interpolate/pads", test_interpolate_pads);
  g_test_add_func ("/qscope/exec/op/detection-output-variance", test_detection_output_variance);

  g_test_add_func ("/qscope/exec/op/more-edges", test_more_edges);

  g_test_add_func ("/qscope/exec/op/detection-output-classes", test_detection_output_classes);

  return g_test_run ();
}
