/* qs-ukernels-dw.h — depthwise kernels, compiled once per ISA
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Included by each qs-ukernels-*.c with DW_SUFFIX and DW_VLEN (lanes of
 * one vector: 4 scalar/SSE2, 8 AVX2, 16 AVX-512) defined.  The input plane
 * is already padded (pad value in place), so the loops have no bounds
 * checks.
 *
 * A block of DW_NV vectors of outputs stays in registers (GCC vector
 * types) over all kh·kw taps and is stored once.  Each tap reads its
 * inputs at unit stride: for sw > 1 the kh input rows of an output row are
 * first split into sw phases (column c goes to phase c % sw, index c / sw),
 * so tap (ky, kx) of output x reads phase (kx·dw) % sw at x + (kx·dw) / sw.
 * Widths that are not a multiple of the vector width end with one vector
 * that overlaps the previous one: every output is computed on its own, so
 * computing some twice stores the same values.
 *
 * Every output is still bias (0 for int8), then + w·s over the taps in
 * ky, kx order, each step contracted to an FMA exactly when the old
 * one-tap-per-pass loop was (the files with -mfma contract a + b·c), so
 * f32 results are bit for bit those of that loop; integer sums are exact
 * in any order anyway.
 */
#include <string.h>

#define DW_CAT2(a, b) a##b
#define DW_CAT(a, b) DW_CAT2 (a, b)

#define DW_NV       4      /* vectors per block of outputs */
#define DW_MAX_TAPS 64     /* tap pointers kept on the stack */
#define DW_BUF      4096   /* phase-split row elements kept on the stack */

typedef float  DwVf __attribute__ ((vector_size (DW_VLEN * sizeof (float))));
typedef gint32 DwVi __attribute__ ((vector_size (DW_VLEN * sizeof (gint32))));
typedef guint8 DwVb __attribute__ ((vector_size (DW_VLEN)));

static inline DwVf
dw_load_f (const float *p)
{
  DwVf v;

  memcpy (&v, p, sizeof v);
  return v;
}

static inline void
dw_store_f (float *p, DwVf v)
{
  memcpy (p, &v, sizeof v);
}

/* DW_VLEN bytes widened to i32: the vector files pass their vpmovzxbd
 * as DW_LOAD_U8 (GCC 12 widens a loaded byte vector through GPRs). */
static inline DwVi
dw_load_b (const guint8 *p)
{
#ifdef DW_LOAD_U8
  return (DwVi) DW_LOAD_U8 (p);
#else
  DwVb v;

  memcpy (&v, p, sizeof v);
  return __builtin_convertvector (v, DwVi);
#endif
}

static inline void
dw_store_i (gint32 *p, DwVi v)
{
  memcpy (p, &v, sizeof v);
}

/* Where each tap of output row y reads output 0's input, unit stride from
 * there.  For sw > 1 the kh rows are split into phases in @buf (kh · sw ·
 * pw elements of @esz bytes, pw = ceil (wp / sw)). */
#define DW_TAPS(T)                                                              \
static void                                                                     \
DW_CAT (dw_taps_##T##_, DW_SUFFIX) (const T *in, gsize wp, int y, int kh,      \
                                    int kw, int sh, int sw, int dh, int dw,    \
                                    T *buf, const T **taps)                    \
{                                                                               \
  gsize pw = (wp + sw - 1) / sw;                                                \
                                                                                \
  if (sw == 1)                                                                  \
    {                                                                           \
      for (int ky = 0; ky < kh; ky++)                                           \
        for (int kx = 0; kx < kw; kx++)                                         \
          taps[ky * kw + kx] = in + (gsize) (y * sh + ky * dh) * wp + (gsize) kx * dw; \
      return;                                                                   \
    }                                                                           \
  for (int ky = 0; ky < kh; ky++)                                               \
    {                                                                           \
      const T *restrict r = in + (gsize) (y * sh + ky * dh) * wp;               \
      T *restrict ph = buf + (gsize) ky * sw * pw;                              \
      if (sw == 2)                                                              \
        {                                                                       \
          T *restrict od = ph + pw;                                             \
          for (gsize j = 0; j < wp / 2; j++)                                    \
            {                                                                   \
              ph[j] = r[2 * j];                                                 \
              od[j] = r[2 * j + 1];                                             \
            }                                                                   \
          if (wp & 1)                                                           \
            ph[wp / 2] = r[wp - 1];                                             \
        }                                                                       \
      else                                                                      \
        for (int p = 0; p < sw; p++)                                            \
          for (gsize j = 0; j * sw + p < wp; j++)                               \
            ph[p * pw + j] = r[j * sw + p];                                     \
      for (int kx = 0; kx < kw; kx++)                                           \
        {                                                                       \
          int c = kx * dw;                                                      \
          taps[ky * kw + kx] = ph + (gsize) (c % sw) * pw + c / sw;             \
        }                                                                       \
    }                                                                           \
}

DW_TAPS (float)
DW_TAPS (guint8)

static void
DW_CAT (dw_f32_, DW_SUFFIX) (const float *in,
                             gsize        wp,
                             const float *w,
                             float        bias,
                             float       *out,
                             int oh, int ow, int kh, int kw,
                             int sh, int sw, int dh, int dw)
{
  const float *taps_stack[DW_MAX_TAPS];
  float buf_stack[DW_BUF];
  int nt = kh * kw;
  gsize nbuf = sw > 1 ? (gsize) kh * sw * ((wp + sw - 1) / sw) : 0;
  const float **taps = nt <= DW_MAX_TAPS ? taps_stack : g_new (const float *, nt);
  float *buf = nbuf <= DW_BUF ? buf_stack : g_new (float, nbuf);
  DwVf vbias;

  /* lane by lane: 0 + bias would turn a bias of -0 into +0 */
  for (int i = 0; i < DW_VLEN; i++)
    vbias[i] = bias;

  for (int y = 0; y < oh; y++)
    {
      float *restrict o = out + (gsize) y * ow;
      int x = 0;

      DW_CAT (dw_taps_float_, DW_SUFFIX) (in, wp, y, kh, kw, sh, sw, dh, dw, buf, taps);

      for (; x + DW_NV * DW_VLEN <= ow; x += DW_NV * DW_VLEN)
        {
          DwVf a0 = vbias, a1 = vbias, a2 = vbias, a3 = vbias;

          for (int t = 0; t < nt; t++)
            {
              const float *s = taps[t] + x;
              float wv = w[t];

              a0 += wv * dw_load_f (s);
              a1 += wv * dw_load_f (s + DW_VLEN);
              a2 += wv * dw_load_f (s + 2 * DW_VLEN);
              a3 += wv * dw_load_f (s + 3 * DW_VLEN);
            }
          dw_store_f (o + x, a0);
          dw_store_f (o + x + DW_VLEN, a1);
          dw_store_f (o + x + 2 * DW_VLEN, a2);
          dw_store_f (o + x + 3 * DW_VLEN, a3);
        }
      if (ow >= DW_VLEN)
        while (x < ow)
          {
            DwVf a = vbias;

            if (x + DW_VLEN > ow)
              x = ow - DW_VLEN;   /* overlap: same values again */
            for (int t = 0; t < nt; t++)
              a += w[t] * dw_load_f (taps[t] + x);
            dw_store_f (o + x, a);
            x += DW_VLEN;
          }
      else
        for (; x < ow; x++)
          {
            float a = bias;

            for (int t = 0; t < nt; t++)
              a += w[t] * taps[t][x];
            o[x] = a;
          }
    }

  if (taps != taps_stack)
    g_free (taps);
  if (buf != buf_stack)
    g_free (buf);
}

static void
DW_CAT (dw_u8_, DW_SUFFIX) (const guint8 *in,
                            gsize         wp,
                            const gint8  *w,
                            gint32       *out,
                            int oh, int ow, int kh, int kw,
                            int sh, int sw, int dh, int dw)
{
  const guint8 *taps_stack[DW_MAX_TAPS];
  guint8 buf_stack[DW_BUF];
  int nt = kh * kw;
  gsize nbuf = sw > 1 ? (gsize) kh * sw * ((wp + sw - 1) / sw) : 0;
  const guint8 **taps = nt <= DW_MAX_TAPS ? taps_stack : g_new (const guint8 *, nt);
  guint8 *buf = nbuf <= DW_BUF ? buf_stack : g_new (guint8, nbuf);

  for (int y = 0; y < oh; y++)
    {
      gint32 *restrict o = out + (gsize) y * ow;
      int x = 0;

      DW_CAT (dw_taps_guint8_, DW_SUFFIX) (in, wp, y, kh, kw, sh, sw, dh, dw, buf, taps);

      for (; x + DW_NV * DW_VLEN <= ow; x += DW_NV * DW_VLEN)
        {
          DwVi a0 = { 0 }, a1 = { 0 }, a2 = { 0 }, a3 = { 0 };

          for (int t = 0; t < nt; t++)
            {
              const guint8 *s = taps[t] + x;
              gint32 wv = w[t];

              a0 += wv * dw_load_b (s);
              a1 += wv * dw_load_b (s + DW_VLEN);
              a2 += wv * dw_load_b (s + 2 * DW_VLEN);
              a3 += wv * dw_load_b (s + 3 * DW_VLEN);
            }
          dw_store_i (o + x, a0);
          dw_store_i (o + x + DW_VLEN, a1);
          dw_store_i (o + x + 2 * DW_VLEN, a2);
          dw_store_i (o + x + 3 * DW_VLEN, a3);
        }
      if (ow >= DW_VLEN)
        while (x < ow)
          {
            DwVi a = { 0 };

            if (x + DW_VLEN > ow)
              x = ow - DW_VLEN;
            for (int t = 0; t < nt; t++)
              a += (gint32) w[t] * dw_load_b (taps[t] + x);
            dw_store_i (o + x, a);
            x += DW_VLEN;
          }
      else
        for (; x < ow; x++)
          {
            gint32 a = 0;

            for (int t = 0; t < nt; t++)
              a += (gint32) w[t] * (gint32) taps[t][x];
            o[x] = a;
          }
    }

  if (taps != taps_stack)
    g_free (taps);
  if (buf != buf_stack)
    g_free (buf);
}
