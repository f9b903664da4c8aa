/* qs-ukernels-dw.h — depthwise kernels, compiled once per ISA
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Included by each qs-ukernels-*.c with DW_SUFFIX defined: plain C whose
 * unit-stride inner loops the compiler vectorises with that file's -m
 * flags.  The input plane is already padded (pad value in place), so the
 * loops have no bounds checks.  Integer sums are exact in any order.
 */
#define DW_CAT2(a, b) a##b
#define DW_CAT(a, b) DW_CAT2 (a, b)

static void
DW_CAT (dw_f32_, DW_SUFFIX) (const float *in,
                             gsize        wp,
                             const float *w,
                             float        bias,
                             float       *out,
                             int oh, int ow, int kh, int kw,
                             int sh, int sw, int dh, int dw)
{
  for (int y = 0; y < oh; y++)
    {
      float *restrict o = out + (gsize) y * ow;

      for (int x = 0; x < ow; x++)
        o[x] = bias;
      for (int ky = 0; ky < kh; ky++)
        for (int kx = 0; kx < kw; kx++)
          {
            const float *restrict s = in + (gsize) (y * sh + ky * dh) * wp + (gsize) kx * dw;
            float wv = w[ky * kw + kx];

            if (sw == 1)
              for (int x = 0; x < ow; x++)
                o[x] += wv * s[x];
            else
              for (int x = 0; x < ow; x++)
                o[x] += wv * s[(gsize) x * sw];
          }
    }
}

static void
DW_CAT (dw_u8_, DW_SUFFIX) (const guint8 *in,
                            gsize         wp,
                            const gint8  *w,
                            gint32       *out,
                            int oh, int ow, int kh, int kw,
                            int sh, int sw, int dh, int dw)
{
  for (int y = 0; y < oh; y++)
    {
      gint32 *restrict o = out + (gsize) y * ow;

      for (int x = 0; x < ow; x++)
        o[x] = 0;
      for (int ky = 0; ky < kh; ky++)
        for (int kx = 0; kx < kw; kx++)
          {
            const guint8 *restrict s = in + (gsize) (y * sh + ky * dh) * wp + (gsize) kx * dw;
            gint32 wv = w[ky * kw + kx];

            if (sw == 1)
              for (int x = 0; x < ow; x++)
                o[x] += wv * (gint32) s[x];
            else
              for (int x = 0; x < ow; x++)
                o[x] += wv * (gint32) s[(gsize) x * sw];
          }
    }
}
