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

/* 32-bit codes.  The reference is (float) ((double) c - zp) · scale
 * [+ shift]: the difference is exact in double (|c - zp| < 2^32 < 2^53),
 * so the conversion to float rounds the exact integer c - zp once.  When
 * that difference fits in int32, the int32 → float conversion rounds the
 * same exact integer once, in the same (MXCSR) rounding mode, round to
 * nearest even by default: one rounding of one number gives one float, so
 * both ways give the same bits for every such c, also beyond 2^24 where
 * the rounding matters.  The int32 way keeps the loop at full vector width
 * (the double one halves it).
 *
 * The subtraction wraps (unsigned arithmetic); it overflowed iff c and zp
 * differ in sign and the wrapped d differs in sign from c, i.e. iff
 * (c ^ zp) & (c ^ d) is negative.  The 32-bit loop ORs that flag over the
 * row as it goes (one horizontal reduction per row; one per block of 16
 * cost as much as the conversion, and a separate read-only pass over a
 * row not yet in cache cost more than the double loop), and a row where
 * some code overflowed, which needs a zero point or codes beyond ±2^30,
 * is computed again by the double loop.  That needs the codes intact: an
 * output that overlaps them gets the read-only pass first.  deq_i32_run()
 * is inlined with a constant form (0: no shift, 1: one shift, 2: a shift
 * per element). */
static inline __attribute__ ((always_inline)) gint32
deq_i32_flag (gint32 c,
              gint32 zp,
              gint32 d)
{
  return (c ^ zp) & (c ^ d);
}

static inline __attribute__ ((always_inline)) gint32
deq_i32_single (const gint32 *c,
                gsize         n,
                gint32        zp,
                float         scale,
                float         shift,
                const float  *shifts,
                int           form,
                float        *o)
{
  gint32 flag = 0;

  for (gsize i = 0; i < n; i++)
    {
      gint32 d = (gint32) ((guint32) c[i] - (guint32) zp);
      float w = (float) d * scale;

      flag |= deq_i32_flag (c[i], zp, d);
      if (form == 1)
        w = w + shift;
      else if (form == 2)
        w = w + shifts[i];
      o[i] = w;
    }
  return flag;
}

static inline __attribute__ ((always_inline)) void
deq_i32_double (const gint32 *c,
                gsize         n,
                gint32        zp,
                float         scale,
                float         shift,
                const float  *shifts,
                int           form,
                float        *o)
{
  double z = zp;

  for (gsize i = 0; i < n; i++)
    {
      float w = (float) ((double) c[i] - z) * scale;

      if (form == 1)
        w = w + shift;
      else if (form == 2)
        w = w + shifts[i];
      o[i] = w;
    }
}

static inline __attribute__ ((always_inline)) void
deq_i32_run (const gint32 *c,
             gsize         n,
             gint32        zp,
             float         scale,
             float         shift,
             const float  *shifts,
             int           form,
             float        *o)
{
  guintptr cb = (guintptr) c, ob = (guintptr) o, bytes = n * sizeof (gint32);

  if (ob + bytes <= cb || cb + bytes <= ob)
    {
      if (G_UNLIKELY (deq_i32_single (c, n, zp, scale, shift, shifts, form, o) < 0))
        deq_i32_double (c, n, zp, scale, shift, shifts, form, o);
    }
  else
    {
      gint32 flag = 0;

      for (gsize i = 0; i < n; i++)
        flag |= deq_i32_flag (c[i], zp, (gint32) ((guint32) c[i] - (guint32) zp));
      if (G_LIKELY (flag >= 0))
        deq_i32_single (c, n, zp, scale, shift, shifts, form, o);
      else
        deq_i32_double (c, n, zp, scale, shift, shifts, form, o);
    }
}

static void
row_dequantize_i32 (const gint32 *c,
                    gsize         n,
                    gint32        zp,
                    float         scale,
                    float        *o)
{
  deq_i32_run (c, n, zp, scale, 0.0f, NULL, 0, o);
}

static void
row_dequantize_i32_shift (const gint32 *c,
                          gsize         n,
                          gint32        zp,
                          float         scale,
                          float         shift,
                          float        *o)
{
  deq_i32_run (c, n, zp, scale, shift, NULL, 1, o);
}

static void
row_dequantize_i32_shifts (const gint32 *c,
                           gsize         n,
                           gint32        zp,
                           float         scale,
                           const float  *shift,
                           float        *o)
{
  deq_i32_run (c, n, zp, scale, 0.0f, shift, 2, o);
}

/* ---- a fused chain ---- */

/* Values per block of row_chain(): four AVX-512 vectors, a buffer that
 * stays in the first-level cache while every link passes over it. */
#define CHAIN_BLOCK 64

/* Values [i0, i0 + m) of the row through Dequantize, the links and
 * Quantize, with the operations of the rows above in the same order, each
 * value rounded to float after each of them as there.  The i32 codes'
 * overflow flag works per block: a block where c - zp overflowed is
 * dequantized again in double, which gives the 32-bit path's bits
 * wherever that one did not overflow, so the value does not depend on
 * where the blocks (or the rows of the unfused op) end.  Called with a
 * constant m for the full blocks. */
static inline __attribute__ ((always_inline)) void
chain_block (const QsRowChain *ch,
             gsize             i0,
             gsize             m,
             float            *w)
{
  float scale = ch->scale;
  guint l;

  if (ch->codes == QS_ROW_CODES_I32)
    {
      const gint32 *c = (const gint32 *) ch->c + i0;
      gint32 zp = ch->zp_i32, flag = 0;

      for (gsize i = 0; i < m; i++)
        {
          gint32 d = (gint32) ((guint32) c[i] - (guint32) zp);

          flag |= deq_i32_flag (c[i], zp, d);
          w[i] = (float) d * scale;
        }
      if (G_UNLIKELY (flag < 0))
        {
          double z = zp;

          for (gsize i = 0; i < m; i++)
            w[i] = (float) ((double) c[i] - z) * scale;
        }
    }
  else if (ch->codes == QS_ROW_CODES_U8)
    {
      const guint8 *c = (const guint8 *) ch->c + i0;
      float zp = ch->zp;

      for (gsize i = 0; i < m; i++)
        w[i] = ((float) c[i] - zp) * scale;
    }
  else
    {
      const gint8 *c = (const gint8 *) ch->c + i0;
      float zp = ch->zp;

      for (gsize i = 0; i < m; i++)
        w[i] = ((float) c[i] - zp) * scale;
    }
  if (ch->shift_form == 1)
    {
      float shift = ch->shift;

      for (gsize i = 0; i < m; i++)
        w[i] = w[i] + shift;
    }
  else if (ch->shift_form == 2)
    {
      const float *shifts = ch->shifts + i0;

      for (gsize i = 0; i < m; i++)
        w[i] = w[i] + shifts[i];
    }

  /* each link through its op's own row, in place */
  for (l = 0; l < ch->n_links; l++)
    {
      const QsRowLink *k = &ch->links[l];
      const float *s = k->side != NULL ? k->side + i0 : NULL;

      switch (k->kind)
        {
        case QS_ROW_LINK_PRELU:
          if (s != NULL)
            row_prelu (w, s, w, m);
          else
            row_prelu_scalar (w, k->a, w, m);
          break;
        case QS_ROW_LINK_ADD:
          if (s != NULL)
            row_add_vv (w, s, w, m);
          else
            row_add_vs (w, &k->a, w, m);
          break;
        case QS_ROW_LINK_ADD_SWAPPED:
          if (s != NULL)
            row_add_vv (s, w, w, m);
          else
            row_add_sv (&k->a, w, w, m);
          break;
        case QS_ROW_LINK_MUL:
          if (s != NULL)
            row_mul_vv (w, s, w, m);
          else
            row_mul_vs (w, &k->a, w, m);
          break;
        case QS_ROW_LINK_MUL_SWAPPED:
          if (s != NULL)
            row_mul_vv (s, w, w, m);
          else
            row_mul_sv (&k->a, w, w, m);
          break;
        case QS_ROW_LINK_CLAMP:
          row_clamp (w, k->a, k->b, w, m);
          break;
        case QS_ROW_LINK_RELU:
          row_relu (w, w, m);
          break;
        case QS_ROW_LINK_SIGMOID:
          row_sigmoid (w, w, m);
          break;
        case QS_ROW_LINK_SWISH:
          row_swish (w, k->a, w, m);
          break;
        case QS_ROW_LINK_FAKE_QUANTIZE:
          row_fake_quantize (w, m, &k->fq, w);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  if (ch->out_i8)
    row_quantize_i8 (w, m, &ch->q, (gint8 *) ch->o + i0);
  else
    row_quantize_u8 (w, m, &ch->q, (guint8 *) ch->o + i0);
}

static void
chain_blocks (const QsRowChain *ch,
              gsize             n)
{
  float w[CHAIN_BLOCK] __attribute__ ((aligned (64)));
  gsize i0 = 0;

  for (; i0 + CHAIN_BLOCK <= n; i0 += CHAIN_BLOCK)
    chain_block (ch, i0, CHAIN_BLOCK, w);
  if (i0 < n)
    chain_block (ch, i0, n - i0, w);
}

/* The chains the shared models run most (i32 codes with a shift, u8
 * codes out, up to three links of known kinds) as one loop each whose
 * value stays in a register from the codes to the code: the same
 * operations as chain_block(), with the kinds constant so that the
 * compiler drops the others.  A link's constants, hoisted. */
typedef struct
{
  float a, b;
  const float *s;
  float il, ih, ol, oh, lm1, den, span;
} LinkConsts;

static inline __attribute__ ((always_inline)) void
link_consts (LinkConsts      *k,
             const QsRowLink *l)
{
  k->a = l->a;
  k->b = l->b;
  k->s = l->side;
  k->il = l->fq.il;
  k->ih = l->fq.ih;
  k->ol = l->fq.ol;
  k->oh = l->fq.oh;
  k->lm1 = (float) (l->fq.levels - 1);
  k->den = k->ih - k->il;
  k->span = k->oh - k->ol;
}

/* Kinds for the loops below: the row link kinds, and whether the side is
 * one per element. */
enum
{
  SPEC_NONE,
  SPEC_PRELU_S,
  SPEC_RELU,
  SPEC_CLAMP,
  SPEC_SWISH,
  SPEC_FQ,
  SPEC_ADD_V,
  SPEC_ADD_V_SWAPPED,
};

static inline __attribute__ ((always_inline)) float
spec_link (int               kind,
           float             v,
           gsize             i,
           const LinkConsts *k)
{
  switch (kind)
    {
    case SPEC_PRELU_S:
      {
        float p = v * k->a;

        return v >= 0 ? v : p;
      }
    case SPEC_RELU:
      return v > 0 ? v : 0;
    case SPEC_CLAMP:
      return v < k->a ? k->a : (v > k->b ? k->b : v);
    case SPEC_SWISH:
      return v / (1.0f + row_expf (-k->a * v));
    case SPEC_FQ:
      {
        float t = (v - k->il) / k->den;

        t = t * k->lm1;
        t = (t + ROUND_MAGIC) - ROUND_MAGIC;
        t = t / k->lm1;
        t = t * k->span;
        t = t + k->ol;
        t = v > k->ih ? k->oh : t;
        return v <= k->il ? k->ol : t;
      }
    case SPEC_ADD_V:
      return v + k->s[i];
    case SPEC_ADD_V_SWAPPED:
      return k->s[i] + v;
    default:
      return v;
    }
}

/* One pass over the row; FALSE when some c - zp overflowed int32 (the
 * codes written are then wrong, and the caller runs the blocks). */
static inline __attribute__ ((always_inline)) gboolean
chain_spec (const QsRowChain *ch,
            gsize             n,
            int               shift_form,
            int               k0,
            int               k1,
            int               k2)
{
  const gint32 *c = ch->c;
  const float *shifts = ch->shifts;
  guint8 *o = ch->o;
  gint32 zp = ch->zp_i32, flag = 0;
  float scale = ch->scale, shift = ch->shift;
  LinkConsts l0 = { 0 }, l1 = { 0 }, l2 = { 0 };
  float il = ch->q.il, ih = ch->q.ih;
  float rlo = il < ih ? il : ih;
  float rhi = il < ih ? ih : il;
  float lm1 = (float) (ch->q.levels - 1);
  float den = ih - il;
  gint32 qmin = ch->q.qmin, lo = ch->q.lo, hi = ch->q.hi;

  if (k0 != SPEC_NONE)
    link_consts (&l0, &ch->links[0]);
  if (k1 != SPEC_NONE)
    link_consts (&l1, &ch->links[1]);
  if (k2 != SPEC_NONE)
    link_consts (&l2, &ch->links[2]);
  for (gsize i = 0; i < n; i++)
    {
      gint32 d = (gint32) ((guint32) c[i] - (guint32) zp);
      float v = (float) d * scale;
      float t;
      gint32 q;

      flag |= deq_i32_flag (c[i], zp, d);
      if (shift_form == 1)
        v = v + shift;
      else
        v = v + shifts[i];
      v = spec_link (k0, v, i, &l0);
      v = spec_link (k1, v, i, &l1);
      v = spec_link (k2, v, i, &l2);
      t = (v - il) / den;
      t = t * lm1;
      t = (t + ROUND_MAGIC) - ROUND_MAGIC;
      t = t != t ? 0.0f : t;
      t = v > rhi ? lm1 : t;
      t = v <= rlo ? 0.0f : t;
      q = qmin + (gint32) t;
      q = q < lo ? lo : q;
      q = q > hi ? hi : q;
      o[i] = (guint8) q;
    }
  return flag >= 0;
}

/* Which loop of chain_spec() serves @ch: -1 for none. */
static int
chain_spec_kind (const QsRowLink *l)
{
  switch (l->kind)
    {
    case QS_ROW_LINK_PRELU: return l->side == NULL ? SPEC_PRELU_S : -1;
    case QS_ROW_LINK_RELU: return SPEC_RELU;
    case QS_ROW_LINK_CLAMP: return SPEC_CLAMP;
    case QS_ROW_LINK_SWISH: return SPEC_SWISH;
    case QS_ROW_LINK_FAKE_QUANTIZE: return SPEC_FQ;
    case QS_ROW_LINK_ADD: return l->side != NULL ? SPEC_ADD_V : -1;
    case QS_ROW_LINK_ADD_SWAPPED: return l->side != NULL ? SPEC_ADD_V_SWAPPED : -1;
    default: return -1;
    }
}

static gboolean
chain_special (const QsRowChain *ch,
               gsize             n)
{
  int k[3] = { SPEC_NONE, SPEC_NONE, SPEC_NONE };
  guint l;

  if (ch->codes != QS_ROW_CODES_I32 || ch->out_i8 || ch->shift_form == 0 || ch->n_links > 3)
    return FALSE;
  for (l = 0; l < ch->n_links; l++)
    if ((k[l] = chain_spec_kind (&ch->links[l])) < 0)
      return FALSE;

#define SPEC(a, b, c)                                                   \
  if (k[0] == (a) && k[1] == (b) && k[2] == (c))                        \
    return ch->shift_form == 1 ? chain_spec (ch, n, 1, a, b, c)         \
                               : chain_spec (ch, n, 2, a, b, c);
  SPEC (SPEC_FQ, SPEC_ADD_V, SPEC_PRELU_S)
  SPEC (SPEC_FQ, SPEC_ADD_V_SWAPPED, SPEC_PRELU_S)
  SPEC (SPEC_PRELU_S, SPEC_NONE, SPEC_NONE)
  SPEC (SPEC_RELU, SPEC_NONE, SPEC_NONE)
  SPEC (SPEC_CLAMP, SPEC_NONE, SPEC_NONE)
  SPEC (SPEC_SWISH, SPEC_NONE, SPEC_NONE)
  SPEC (SPEC_FQ, SPEC_ADD_V, SPEC_NONE)
  SPEC (SPEC_FQ, SPEC_ADD_V_SWAPPED, SPEC_NONE)
  SPEC (SPEC_SWISH, SPEC_FQ, SPEC_ADD_V)
  SPEC (SPEC_SWISH, SPEC_FQ, SPEC_ADD_V_SWAPPED)
#undef SPEC
  return FALSE;
}

static void
row_chain (const QsRowChain *ch,
           gsize             n)
{
  if (!chain_special (ch, n))
    chain_blocks (ch, n);
}

#undef CHAIN_BLOCK

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
  rows->chain = row_chain;
}
