/* qs-rows-impl.h — the row loops of qs-rows-private.h, for every ISA
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Included once by each of qs-rows-{scalar,avx2,avx512}.c, which define
 * QS_ROWS_FILL as the name of their table filler.  Plain C that GCC
 * vectorises for the -m flags of the file including it: each loop is
 * branch-free (selects, no early exits), computes every value it may
 * select, and performs the same float operations in the same order as the
 * per-element code of the op it serves.  The build (core/exec/meson.build)
 * turns FP contraction off, so no multiply and add are fused into an FMA
 * that would round once instead of twice, and turns the vectoriser on with
 * the dynamic cost model and without trapping math: with it GCC sinks a
 * division into the branch that uses it and then will not vectorise the
 * branch.  None of these flags changes a value.
 */
#pragma once

#ifndef QS_ROWS_FILL
#error "define QS_ROWS_FILL before including qs-rows-impl.h"
#endif

#include "qs-rows-private.h"

/* Adding and subtracting 1.5 · 2^23 rounds a float to an integer, half to
 * even in the default rounding mode, for |t| < 2^22: nearbyintf() without
 * the library call.  IEEE arithmetic (no -ffast-math) keeps the compiler
 * from folding it away. */
#define ROUND_MAGIC 12582912.0f

/* ---- binary ops ---- */

#define BINARY_ROWS(name, EXPR)                                         \
  static void                                                           \
  name##_vv (const float *a,                                            \
             const float *b,                                            \
             float       *o,                                            \
             gsize        n)                                            \
  {                                                                     \
    for (gsize i = 0; i < n; i++)                                       \
      {                                                                 \
        float x = a[i], y = b[i];                                       \
        o[i] = (EXPR);                                                  \
      }                                                                 \
  }                                                                     \
  static void                                                           \
  name##_vs (const float *a,                                            \
             const float *b,                                            \
             float       *o,                                            \
             gsize        n)                                            \
  {                                                                     \
    float y = b[0];                                                     \
    for (gsize i = 0; i < n; i++)                                       \
      {                                                                 \
        float x = a[i];                                                 \
        o[i] = (EXPR);                                                  \
      }                                                                 \
  }                                                                     \
  static void                                                           \
  name##_sv (const float *a,                                            \
             const float *b,                                            \
             float       *o,                                            \
             gsize        n)                                            \
  {                                                                     \
    float x = a[0];                                                     \
    for (gsize i = 0; i < n; i++)                                       \
      {                                                                 \
        float y = b[i];                                                 \
        o[i] = (EXPR);                                                  \
      }                                                                 \
  }

BINARY_ROWS (row_add, x + y)
BINARY_ROWS (row_sub, x - y)
BINARY_ROWS (row_mul, x * y)
BINARY_ROWS (row_div, x / y)
BINARY_ROWS (row_max, x > y ? x : y)
BINARY_ROWS (row_min, x < y ? x : y)

#undef BINARY_ROWS

/* ---- activations ---- */

static void
row_prelu_scalar (const float *x,
                  float        slope,
                  float       *o,
                  gsize        n)
{
  for (gsize i = 0; i < n; i++)
    {
      float v = x[i];
      float m = v * slope;

      o[i] = v >= 0 ? v : m;
    }
}

static void
row_prelu (const float *x,
           const float *slope,
           float       *o,
           gsize        n)
{
  for (gsize i = 0; i < n; i++)
    {
      float v = x[i];
      float m = v * slope[i];

      o[i] = v >= 0 ? v : m;
    }
}

static void
row_clamp (const float *x,
           float        lo,
           float        hi,
           float       *o,
           gsize        n)
{
  for (gsize i = 0; i < n; i++)
    {
      float v = x[i];

      o[i] = v < lo ? lo : (v > hi ? hi : v);
    }
}

static void
row_relu (const float *x,
          float       *o,
          gsize        n)
{
  for (gsize i = 0; i < n; i++)
    {
      float v = x[i];

      o[i] = v > 0 ? v : 0;
    }
}

/* exp (x) in operations a vectoriser takes: n = x · log2 e rounded to an
 * integer, r = x − n · ln 2 (ln 2 in two parts, the first with 16
 * significant bits so that n · ln2_hi is exact), e^r ≈ 1 + r + r² · P(r)
 * with P of degree 4 (our least-squares fit of (e^r − 1 − r) / r² on
 * [−ln2/2, ln2/2], relative error 4e-9), scaled by 2^n in two halves so
 * that each factor is a normal float and a subnormal result is rounded
 * once.  x is first clamped to [−104, 89]: below, every result rounds to
 * 0; above, to infinity.  A NaN passes the clamp and the polynomial (n is
 * set to 0 so that no NaN is converted to an integer).
 *
 * Against the exact e^x, over every float x in [−104, 89]: at most
 * 0.989 ulp (glibc's expf: 0.502); it differs from glibc's expf on 0.81 %
 * of those inputs, by 1 ulp (the README, "Running a whole model", says how
 * that was measured).  The operations are the same for every ISA, so
 * every ISA gives the same bits. */
static inline float
row_expf (float x)
{
  float n, r, p;
  gint32 k, k1;
  union { gint32 i; float f; } s1, s2;

  x = x < -104.0f ? -104.0f : x;
  x = x > 89.0f ? 89.0f : x;
  n = x * 0x1.715476p+0f;                       /* log2 e */
  n = (n + ROUND_MAGIC) - ROUND_MAGIC;
  r = x - n * 0x1.62e4p-1f;                     /* ln 2, high part */
  r = r - n * 0x1.7f7d1cp-20f;                  /* ln 2, low part */
  p = 0x1.687c22p-10f;
  p = p * r + 0x1.123b8ep-7f;
  p = p * r + 0x1.555b58p-5f;
  p = p * r + 0x1.55548ep-3f;
  p = p * r + 0x1.fffff8p-2f;
  p = p * (r * r);
  p = p + r;
  p = p + 1.0f;
  n = n != n ? 0.0f : n;
  k = (gint32) n;                               /* -150 .. 128 */
  k1 = k / 2;
  s1.i = (k1 + 127) << 23;
  s2.i = (k - k1 + 127) << 23;
  return (p * s1.f) * s2.f;
}

/* Exp, Sigmoid and Swish as un_f32 of qs-op-eltwise.c writes them, with
 * row_expf for expf. */
static void
row_exp (const float *x,
         float       *o,
         gsize        n)
{
  for (gsize i = 0; i < n; i++)
    o[i] = row_expf (x[i]);
}

static void
row_sigmoid (const float *x,
             float       *o,
             gsize        n)
{
  for (gsize i = 0; i < n; i++)
    o[i] = 1.0f / (1.0f + row_expf (-x[i]));
}

static void
row_swish (const float *x,
           float        beta,
           float       *o,
           gsize        n)
{
  for (gsize i = 0; i < n; i++)
    {
      float v = x[i];

      o[i] = v / (1.0f + row_expf (-beta * v));
    }
}

#ifdef QS_ROWS_EXPORT_EXPF
/* row_expf for one value (the integer paths of the ops, the tests). */
float
_qs_rows_expf (float x)
{
  return row_expf (x);
}
#endif

/* ---- FakeQuantize, Quantize, Dequantize ---- */

/* qs_fake_quantize_f32 for il < ih: the same operations in the same order,
 * nearbyintf as ROUND_MAGIC (0 <= t <= levels - 1 < 2^22 for a value in
 * range; out of range the value is not used).  With an inverted range t
 * could be -0, which that rounding turns into +0, hence il < ih only. */
static void
row_fake_quantize (const float             *x,
                   gsize                    n,
                   const QsRowFakeQuantize *p,
                   float                   *o)
{
  float il = p->il, ih = p->ih, ol = p->ol, oh = p->oh;
  float lm1 = (float) (p->levels - 1);
  float den = ih - il, span = oh - ol;

  for (gsize i = 0; i < n; i++)
    {
      float v = x[i];
      float t = (v - il) / den;

      t = t * lm1;
      t = (t + ROUND_MAGIC) - ROUND_MAGIC;
      t = t / lm1;
      t = t * span;
      t = t + ol;
      t = v > ih ? oh : t;
      o[i] = v <= il ? ol : t;
    }
}

/* The arithmetic of qs_quantize_code_f32 (a NaN gets code 0), qmin added
 * and the sum clamped. */
#define QUANTIZE_ROW(name, ctype)                                       \
  static void                                                           \
  name (const float         *x,                                         \
        gsize                n,                                         \
        const QsRowQuantize *p,                                         \
        ctype               *o)                                         \
  {                                                                     \
    float il = p->il, ih = p->ih;                                       \
    float rlo = il < ih ? il : ih;                                      \
    float rhi = il < ih ? ih : il;                                      \
    float lm1 = (float) (p->levels - 1);                                \
    float den = ih - il;                                                \
    gint32 qmin = p->qmin, lo = p->lo, hi = p->hi;                      \
                                                                        \
    for (gsize i = 0; i < n; i++)                                       \
      {                                                                 \
        float v = x[i];                                                 \
        float t = (v - il) / den;                                       \
        gint32 q;                                                       \
                                                                        \
        t = t * lm1;                                                    \
        t = (t + ROUND_MAGIC) - ROUND_MAGIC;                            \
        t = t != t ? 0.0f : t;                                          \
        t = v > rhi ? lm1 : t;                                          \
        t = v <= rlo ? 0.0f : t;                                        \
        q = qmin + (gint32) t;                                          \
        q = q < lo ? lo : q;                                            \
        q = q > hi ? hi : q;                                            \
        o[i] = (ctype) q;                                               \
      }                                                                 \
  }

QUANTIZE_ROW (row_quantize_u8, guint8)
QUANTIZE_ROW (row_quantize_i8, gint8)
QUANTIZE_ROW (row_quantize_i32, gint32)

#undef QUANTIZE_ROW

/* 8-bit codes: ((float) c - zp) * scale [+ shift] in float. */
#define DEQUANTIZE_ROWS_8(name, ctype)                                  \
  static void                                                           \
  name (const ctype *c,                                                 \
        gsize        n,                                                 \
        float        zp,                                                \
        float        scale,                                             \
        float       *o)                                                 \
  {                                                                     \
    for (gsize i = 0; i < n; i++)                                       \
      o[i] = ((float) c[i] - zp) * scale;                               \
  }                                                                     \
  static void                                                           \
  name##_shift (const ctype *c,                                         \
                gsize        n,                                         \
                float        zp,                                        \
                float        scale,                                     \
                float        shift,                                     \
                float       *o)                                         \
  {                                                                     \
    for (gsize i = 0; i < n; i++)                                       \
      o[i] = ((float) c[i] - zp) * scale + shift;                       \
  }                                                                     \
  static void                                                           \
  name##_shifts (const ctype *c,                                        \
                 gsize        n,                                        \
                 float        zp,                                       \
                 float        scale,                                    \
                 const float *shift,                                    \
                 float       *o)                                        \
  {                                                                     \
    for (gsize i = 0; i < n; i++)                                       \
      o[i] = ((float) c[i] - zp) * scale + shift[i];                    \
  }

DEQUANTIZE_ROWS_8 (row_dequantize_u8, guint8)
DEQUANTIZE_ROWS_8 (row_dequantize_i8, gint8)

#undef DEQUANTIZE_ROWS_8

static void
row_dequantize_i32 (const gint32 *c,
                    gsize         n,
                    gint32        zp,
                    float         scale,
                    float        *o)
{
  double z = zp;

  for (gsize i = 0; i < n; i++)
    o[i] = (float) ((double) c[i] - z) * scale;
}

static void
row_dequantize_i32_shift (const gint32 *c,
                          gsize         n,
                          gint32        zp,
                          float         scale,
                          float         shift,
                          float        *o)
{
  double z = zp;

  for (gsize i = 0; i < n; i++)
    o[i] = (float) ((double) c[i] - z) * scale + shift;
}

static void
row_dequantize_i32_shifts (const gint32 *c,
                           gsize         n,
                           gint32        zp,
                           float         scale,
                           const float  *shift,
                           float        *o)
{
  double z = zp;

  for (gsize i = 0; i < n; i++)
    o[i] = (float) ((double) c[i] - z) * scale + shift[i];
}

/* ---- Requantize ---- */

/* qs_requantize_code's two double operations, then nearbyint as the
 * addition and subtraction of 1.5 · 2^52 (round half to even while
 * |t| <= 2^51; beyond that t is far outside any 8-bit code range and still
 * is after the two operations, as are ±inf; NaN fails t >= lo and gets
 * lo), then the clamp. */
#define REQUANTIZE_MAGIC 6755399441055744.0
#define REQUANTIZE_ROW(name, itype, otype)                              \
  static void                                                           \
  name (gconstpointer          c,                                       \
        gsize                  n,                                       \
        const QsRowRequantize *p,                                       \
        gpointer               o)                                       \
  {                                                                     \
    const itype *src = c;                                               \
    otype *dst = o;                                                     \
    double m = p->m, a = p->a, lo = p->lo, hi = p->hi;                  \
                                                                        \
    for (gsize i = 0; i < n; i++)                                       \
      {                                                                 \
        double t = (double) src[i] * m;                                 \
                                                                        \
        t = t + a;                                                      \
        t = (t + REQUANTIZE_MAGIC) - REQUANTIZE_MAGIC;                  \
        t = t >= lo ? t : lo;                                           \
        t = t > hi ? hi : t;                                            \
        dst[i] = (otype) (gint32) t;                                    \
      }                                                                 \
  }

REQUANTIZE_ROW (row_requantize_u8_u8, guint8, guint8)
REQUANTIZE_ROW (row_requantize_u8_i8, guint8, gint8)
REQUANTIZE_ROW (row_requantize_i8_u8, gint8, guint8)
REQUANTIZE_ROW (row_requantize_i8_i8, gint8, gint8)
REQUANTIZE_ROW (row_requantize_i32_u8, gint32, guint8)
REQUANTIZE_ROW (row_requantize_i32_i8, gint32, gint8)

#undef REQUANTIZE_ROW
#undef REQUANTIZE_MAGIC

/* ---- MVN's normalisation ---- */

static void
row_center (const float *x,
            gsize        n,
            double       mean,
            float       *o)
{
  for (gsize i = 0; i < n; i++)
    o[i] = (float) ((double) x[i] - mean);
}

static void
row_center_scale (const float *x,
                  gsize        n,
                  double       mean,
                  double       sd,
                  float       *o)
{
  for (gsize i = 0; i < n; i++)
    o[i] = (float) (((double) x[i] - mean) / sd);
}

/* ---- the table ---- */

void
QS_ROWS_FILL (QsRows *rows)
{
#define FORMS(op, name)                                 \
  rows->binary[op][QS_ROW_VV] = name##_vv;              \
  rows->binary[op][QS_ROW_VS] = name##_vs;              \
  rows->binary[op][QS_ROW_SV] = name##_sv;
  FORMS (QS_ROW_ADD, row_add)
  FORMS (QS_ROW_SUB, row_sub)
  FORMS (QS_ROW_MUL, row_mul)
  FORMS (QS_ROW_DIV, row_div)
  FORMS (QS_ROW_MAX, row_max)
  FORMS (QS_ROW_MIN, row_min)
#undef FORMS
  rows->prelu_scalar = row_prelu_scalar;
  rows->prelu = row_prelu;
  rows->clamp = row_clamp;
  rows->relu = row_relu;
  rows->exp = row_exp;
  rows->sigmoid = row_sigmoid;
  rows->swish = row_swish;
  rows->fake_quantize = row_fake_quantize;
  rows->quantize_u8 = row_quantize_u8;
  rows->quantize_i8 = row_quantize_i8;
  rows->quantize_i32 = row_quantize_i32;
  rows->dequantize_u8 = row_dequantize_u8;
  rows->dequantize_i8 = row_dequantize_i8;
  rows->dequantize_i32 = row_dequantize_i32;
  rows->dequantize_u8_shift = row_dequantize_u8_shift;
  rows->dequantize_i8_shift = row_dequantize_i8_shift;
  rows->dequantize_i32_shift = row_dequantize_i32_shift;
  rows->dequantize_u8_shifts = row_dequantize_u8_shifts;
  rows->dequantize_i8_shifts = row_dequantize_i8_shifts;
  rows->dequantize_i32_shifts = row_dequantize_i32_shifts;
  rows->requantize[QS_ROW_CODES_U8][0] = row_requantize_u8_u8;
  rows->requantize[QS_ROW_CODES_U8][1] = row_requantize_u8_i8;
  rows->requantize[QS_ROW_CODES_I8][0] = row_requantize_i8_u8;
  rows->requantize[QS_ROW_CODES_I8][1] = row_requantize_i8_i8;
  rows->requantize[QS_ROW_CODES_I32][0] = row_requantize_i32_u8;
  rows->requantize[QS_ROW_CODES_I32][1] = row_requantize_i32_i8;
  rows->center = row_center;
  rows->center_scale = row_center_scale;
}
