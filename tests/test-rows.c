/* test-rows.c — the elementwise row loops of every ISA against the scalar
 * build and against the per-element expressions of the ops they serve
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Every row function of qs-rows-private.h runs over random data mixed with
 * NaNs (quiet and signalling, either sign, varied payloads), infinities,
 * huge and subnormal values and signed zeros, at every length from 0 to
 * 100 and a few odd large ones, from unaligned starts; its output must have
 * the bits of the scalar table's and of the plain per-element expression,
 * and it must write nothing outside [0, n).  The one allowance: where both
 * operands of an addition or a multiplication are NaN, any NaN will do (x86
 * returns the first operand's, and the compiler may swap the operands of a
 * commutative operation).  An ISA this CPU lacks is reported and left out.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "qs-exec-test.h"
#include "qs-rows-private.h"

#define PAD     24          /* guard elements before and after each buffer */
#define GUARD   0x5aa5c33cu  /* bits written to the guards */

static const gsize lengths_large[] = { 101, 127, 255, 1001, 4099, 5003 };

/* A deterministic stream of 64-bit values. */
static guint64
next_u64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static float
from_bits (guint32 u)
{
  float f;

  memcpy (&f, &u, sizeof f);
  return f;
}

static guint32
to_bits (float f)
{
  guint32 u;

  memcpy (&u, &f, sizeof u);
  return u;
}

/* One value: mostly ordinary, about a third special. */
static float
random_value (guint64 *state,
              float    spread)
{
  guint64 r = next_u64 (state);
  guint32 sign = (guint32) (r >> 63) << 31;
  guint32 low = (guint32) (r >> 8);

  switch (r % 24)
    {
    case 0: return from_bits (sign | 0x7fc00000u | (low & 0x3fffffu));        /* quiet NaN */
    case 1: return from_bits (sign | 0x7f800000u | ((low & 0x3fffffu) | 1));  /* signalling NaN */
    case 2: return from_bits (sign | 0x7f800000u);                          /* ±Inf */
    case 3: return from_bits (sign | 0x7f7fffffu);                          /* ±FLT_MAX */
    case 4: return from_bits (sign | (0x7e000000u + (low & 0x00ffffffu)));  /* huge */
    case 5: return from_bits (sign | ((low & 0x7fffffu) | 1));              /* subnormal */
    case 6: return from_bits (sign | 0x00800000u);                          /* ±FLT_MIN */
    case 7: return from_bits (sign);                                        /* ±0 */
    case 8: return (float) ((gint64) (low % 9) - 4);                        /* small integers, ties of max/min */
    default:
      return spread * (float) ((double) (r >> 11) / 9007199254740992.0 * 2.0 - 1.0);
    }
}

static void
fill_random (float   *v,
             gsize    n,
             guint64 *state,
             float    spread)
{
  for (gsize i = 0; i < n; i++)
    v[i] = random_value (state, spread);
}

/* A buffer with guards: PAD words of GUARD on either side of @n words. */
static gpointer
guarded_new (gsize n)
{
  guint32 *b = g_new (guint32, n + 2 * PAD);

  for (gsize i = 0; i < n + 2 * PAD; i++)
    b[i] = GUARD;
  return b + PAD;
}

static void
guarded_free (gpointer p)
{
  g_free ((guint32 *) p - PAD);
}

static void
guarded_reset (gpointer p,
               gsize    n)
{
  guint32 *b = (guint32 *) p - PAD;

  for (gsize i = 0; i < n + 2 * PAD; i++)
    b[i] = GUARD;
}

/* Checks that the PAD words before @p and after its @bytes bytes still
 * hold the guard of @buf (from guarded_new) wherever they fall. */
static void
guarded_check (gconstpointer  buf,
               gconstpointer  p,
               gsize          bytes,
               const char    *what)
{
  const guint8 *base = (const guint8 *) buf - PAD * 4;
  const guint8 *start = p, *end = start + bytes;
  guint32 guard = GUARD;
  const guint8 *g = (const guint8 *) &guard;

  for (const guint8 *q = start - PAD * 4; q < start; q++)
    if (q >= base && *q != g[(q - base) % 4])
      g_error ("%s: wrote before its start", what);
  for (const guint8 *q = end; q < end + PAD * 4; q++)
    if (*q != g[(q - base) % 4])
      g_error ("%s: wrote past its end (%" G_GSIZE_FORMAT " bytes)", what, bytes);
}

static gboolean
same_f32 (float    got,
          float    want,
          gboolean any_nan)
{
  if (to_bits (got) == to_bits (want))
    return TRUE;
  return any_nan && isnan (got) && isnan (want);
}

/* The ISAs to test: those this CPU has. */
static guint
isas (QsIsa *out)
{
  QsIsa best = qs_kernels_detect_isa ();
  guint n = 0;

  for (int i = 0; i < QS_ISA_N; i++)
    if ((QsIsa) i <= best)
      out[n++] = (QsIsa) i;
    else
      g_test_message ("this CPU has no %s: not tested", qs_isa_name ((QsIsa) i));
  return n;
}

/* The lengths: 0 .. 100, then lengths_large. */
#define N_LENGTHS (101 + G_N_ELEMENTS (lengths_large))

static gsize
length_at (guint k)
{
  return k <= 100 ? k : lengths_large[k - 101];
}

#define MAX_LEN 5003
/* the starts are offsets in elements from a 16-byte aligned buffer */
static const gsize starts[] = { 0, 1, 3 };

/* ---- binary ops ---- */

static float
ref_binary (QsRowBinary op,
            float       x,
            float       y)
{
  /* bin_f32 of qs-op-eltwise.c */
  switch (op)
    {
    case QS_ROW_ADD: return x + y;
    case QS_ROW_SUB: return x - y;
    case QS_ROW_MUL: return x * y;
    case QS_ROW_DIV: return x / y;
    case QS_ROW_MAX: return x > y ? x : y;
    case QS_ROW_MIN: return x < y ? x : y;
    default: g_assert_not_reached ();
    }
}

static void
test_binary (void)
{
  static const char *names[] = { "add", "sub", "mul", "div", "max", "min" };
  static const char *form_names[] = { "vv", "vs", "sv" };
  QsIsa list[QS_ISA_N];
  guint n_isa = isas (list);
  guint64 state = 1;
  float *a = guarded_new (MAX_LEN + 4), *b = guarded_new (MAX_LEN + 4);
  float *o = guarded_new (MAX_LEN + 4), *want = g_new (float, MAX_LEN + 4);
  const QsRows *scalar = _qs_rows_for_isa (QS_ISA_SCALAR);

  for (int op = 0; op < QS_ROW_N_BINARY; op++)
    for (int form = 0; form < QS_ROW_N_FORMS; form++)
      for (guint k = 0; k < N_LENGTHS; k++)
        {
          gsize n = length_at (k);
          gsize s = starts[k % G_N_ELEMENTS (starts)], t = starts[(k / 3) % G_N_ELEMENTS (starts)];
          gboolean commutes = op == QS_ROW_ADD || op == QS_ROW_MUL;

          fill_random (a, MAX_LEN + 4, &state, 100.0f);
          fill_random (b, MAX_LEN + 4, &state, 100.0f);
          for (gsize i = 0; i < n; i++)
            {
              float x = form == QS_ROW_SV ? a[s] : a[s + i];
              float y = form == QS_ROW_VS ? b[t] : b[t + i];

              want[i] = ref_binary ((QsRowBinary) op, x, y);
            }
          for (guint m = 0; m <= n_isa; m++)
            {
              /* m == n_isa: the scalar table again, against the reference */
              const QsRows *rows = m < n_isa ? _qs_rows_for_isa (list[m]) : scalar;
              gsize so = (s + t) % 4;

              guarded_reset (o, MAX_LEN + 4);
              rows->binary[op][form] (a + s, b + t, o + so, n);
              guarded_check (o, o + so, n * sizeof (float), names[op]);
              for (gsize i = 0; i < n; i++)
                {
                  float x = form == QS_ROW_SV ? a[s] : a[s + i];
                  float y = form == QS_ROW_VS ? b[t] : b[t + i];

                  if (!same_f32 (o[so + i], want[i], commutes && isnan (x) && isnan (y)))
                    g_error ("%s %s, %s, n %" G_GSIZE_FORMAT ", element %" G_GSIZE_FORMAT
                             ": %a op %a gives %a (0x%08x), want %a (0x%08x)",
                             names[op], form_names[form], m < n_isa ? qs_isa_name (list[m]) : "scalar",
                             n, i, x, y, o[so + i], to_bits (o[so + i]), want[i], to_bits (want[i]));
                }
            }
        }
  guarded_free (a);
  guarded_free (b);
  guarded_free (o);
  g_free (want);
}

/* ---- activations ---- */

static void
test_activations (void)
{
  QsIsa list[QS_ISA_N];
  guint n_isa = isas (list);
  guint64 state = 2;
  float *x = guarded_new (MAX_LEN + 4), *sl = guarded_new (MAX_LEN + 4), *o = guarded_new (MAX_LEN + 4);
  static const float clamps[][2] = { { 0.0f, 6.0f }, { -1.5f, 1.5f }, { -INFINITY, 3.0f }, { 0.0f, INFINITY },
                                     { -0.0f, 0.0f }, { 2.0f, 2.0f } };

  for (guint k = 0; k < N_LENGTHS; k++)
    {
      gsize n = length_at (k), s = starts[k % G_N_ELEMENTS (starts)];
      float c_slope = random_value (&state, 2.0f);
      const float *cl = clamps[k % G_N_ELEMENTS (clamps)];

      fill_random (x, MAX_LEN + 4, &state, 10.0f);
      fill_random (sl, MAX_LEN + 4, &state, 2.0f);
      for (guint m = 0; m < n_isa; m++)
        {
          const QsRows *rows = _qs_rows_for_isa (list[m]);
          const char *isa = qs_isa_name (list[m]);
          gsize so = (s + 1) % 4;

          /* PReLU, slope one value: op_prelu's v >= 0 ? v : v * s */
          guarded_reset (o, MAX_LEN + 4);
          rows->prelu_scalar (x + s, c_slope, o + so, n);
          guarded_check (o, o + so, n * sizeof (float), "prelu_scalar");
          for (gsize i = 0; i < n; i++)
            {
              float v = x[s + i], w = v >= 0 ? v : v * c_slope;

              if (!same_f32 (o[so + i], w, isnan (v) && isnan (c_slope)))
                g_error ("prelu_scalar %s, n %" G_GSIZE_FORMAT ", element %" G_GSIZE_FORMAT ": %a, slope %a gives %a, want %a",
                         isa, n, i, v, c_slope, o[so + i], w);
            }

          /* PReLU, a slope per element */
          guarded_reset (o, MAX_LEN + 4);
          rows->prelu (x + s, sl + so, o + so, n);
          guarded_check (o, o + so, n * sizeof (float), "prelu");
          for (gsize i = 0; i < n; i++)
            {
              float v = x[s + i], w = v >= 0 ? v : v * sl[so + i];

              if (!same_f32 (o[so + i], w, isnan (v) && isnan (sl[so + i])))
                g_error ("prelu %s, n %" G_GSIZE_FORMAT ", element %" G_GSIZE_FORMAT ": %a, slope %a gives %a, want %a",
                         isa, n, i, v, sl[so + i], o[so + i], w);
            }

          /* Clamp: un_f32's x < lo ? lo : (x > hi ? hi : x) */
          guarded_reset (o, MAX_LEN + 4);
          rows->clamp (x + s, cl[0], cl[1], o + so, n);
          guarded_check (o, o + so, n * sizeof (float), "clamp");
          for (gsize i = 0; i < n; i++)
            {
              float v = x[s + i], w = v < cl[0] ? cl[0] : (v > cl[1] ? cl[1] : v);

              if (!same_f32 (o[so + i], w, FALSE))
                g_error ("clamp %s [%a, %a], n %" G_GSIZE_FORMAT ", element %" G_GSIZE_FORMAT ": %a gives %a, want %a",
                         isa, cl[0], cl[1], n, i, v, o[so + i], w);
            }

          /* ReLU: x > 0 ? x : 0 (a NaN and -0 give +0) */
          guarded_reset (o, MAX_LEN + 4);
          rows->relu (x + s, o + so, n);
          guarded_check (o, o + so, n * sizeof (float), "relu");
          for (gsize i = 0; i < n; i++)
            {
              float v = x[s + i], w = v > 0 ? v : 0;

              if (!same_f32 (o[so + i], w, FALSE))
                g_error ("relu %s, n %" G_GSIZE_FORMAT ", element %" G_GSIZE_FORMAT ": %a gives %a, want %a",
                         isa, n, i, v, o[so + i], w);
            }
        }
    }
  guarded_free (x);
  guarded_free (sl);
  guarded_free (o);
}

/* ---- Exp, Sigmoid, Swish ---- */

static void
test_exp_rows (void)
{
  static const float betas[] = { 1.0f, 0.5f, 1.702f, -2.0f, 0.0f };
  QsIsa list[QS_ISA_N];
  guint n_isa = isas (list);
  guint64 state = 7;
  float *x = guarded_new (MAX_LEN + 4), *o = guarded_new (MAX_LEN + 4);

  for (guint k = 0; k < N_LENGTHS; k++)
    {
      gsize n = length_at (k), s = starts[k % G_N_ELEMENTS (starts)];
      float beta = betas[k % G_N_ELEMENTS (betas)];

      /* the range where exp is neither 0 nor infinite, and the specials */
      fill_random (x, MAX_LEN + 4, &state, 110.0f);
      for (guint m = 0; m < n_isa; m++)
        {
          const QsRows *rows = _qs_rows_for_isa (list[m]);
          const char *isa = qs_isa_name (list[m]);
          gsize so = (s + 1) % 4;

          for (int f = 0; f < 3; f++)
            {
              guarded_reset (o, MAX_LEN + 4);
              if (f == 0)
                rows->exp (x + s, o + so, n);
              else if (f == 1)
                rows->sigmoid (x + s, o + so, n);
              else
                rows->swish (x + s, beta, o + so, n);
              guarded_check (o, o + so, n * sizeof (float), "exp");
              for (gsize i = 0; i < n; i++)
                {
                  float v = x[s + i];
                  /* un_f32's expressions with the rows' exp */
                  float w = f == 0 ? _qs_rows_expf (v)
                            : f == 1 ? 1.0f / (1.0f + _qs_rows_expf (-v))
                            : v / (1.0f + _qs_rows_expf (-beta * v));

                  if (!same_f32 (o[so + i], w, FALSE))
                    g_error ("%s %s, n %" G_GSIZE_FORMAT ", element %" G_GSIZE_FORMAT ": %a gives %a, want %a",
                             f == 0 ? "exp" : f == 1 ? "sigmoid" : "swish", isa, n, i, v, o[so + i], w);
                }
            }
        }
    }
  guarded_free (x);
  guarded_free (o);
}

/* The error of e^x in ulps of the float nearest the exact value (a
 * subnormal's ulp below FLT_MIN). */
static double
exp_ulps (float  got,
          double exact)
{
  int e;

  if (exact > FLT_MAX)
    return isinf (got) ? 0 : G_MAXDOUBLE;
  frexp (exact, &e);
  return fabs ((double) got - exact) / ldexp (1.0, MAX (e - 24, -149));
}

/* The bound stated in qs-rows-impl.h, over a dense sweep of [-104, 89]
 * (every 509th float; QS_ROWS_EXP_SWEEP=1 in the environment takes every
 * float, as the README's figures did, in a few minutes), the exact values
 * at 0 and the ends, NaN and the infinities.  Also counts where the value
 * differs from the C library's expf, and by how many ulps at most. */
static void
test_exp_accuracy (void)
{
  int step = g_getenv ("QS_ROWS_EXP_SWEEP") != NULL ? 1 : 509;
  double worst = 0;
  float worst_x = 0;
  guint64 n = 0, n_libm = 0;
  guint32 libm_ulps = 0;

  for (float v = -104.0f; v <= 89.0f; )
    {
      float got = _qs_rows_expf (v), lib = expf (v);
      double e = exp_ulps (got, exp ((double) v));

      if (e > worst)
        {
          worst = e;
          worst_x = v;
        }
      if (to_bits (got) != to_bits (lib))
        {
          n_libm++;
          libm_ulps = MAX (libm_ulps, to_bits (got) > to_bits (lib) ? to_bits (got) - to_bits (lib)
                                                                    : to_bits (lib) - to_bits (got));
        }
      n++;
      for (int k = 0; k < step; k++)
        v = nextafterf (v, INFINITY);
    }
  g_test_message ("exp: %" G_GUINT64_FORMAT " values, at most %.3f ulp (at %a); %" G_GUINT64_FORMAT
                  " (%.2f %%) differ from expf, by at most %u ulp",
                  n, worst, worst_x, n_libm, 100.0 * (double) n_libm / (double) n, libm_ulps);
  if (worst > 0.989)
    g_error ("exp is %.3f ulp off at %a, more than the 0.989 stated", worst, worst_x);
  g_assert_cmpuint (to_bits (_qs_rows_expf (0.0f)), ==, to_bits (1.0f));
  g_assert_cmpuint (to_bits (_qs_rows_expf (-0.0f)), ==, to_bits (1.0f));
  g_assert_true (isinf (_qs_rows_expf (89.0f)) && _qs_rows_expf (89.0f) > 0);
  g_assert_true (isinf (_qs_rows_expf (INFINITY)));
  g_assert_cmpfloat (_qs_rows_expf (88.7f), <, FLT_MAX);
  g_assert_cmpuint (to_bits (_qs_rows_expf (-104.0f)), ==, 0);
  g_assert_cmpuint (to_bits (_qs_rows_expf (-INFINITY)), ==, 0);
  g_assert_cmpuint (to_bits (_qs_rows_expf (-1e30f)), ==, 0);
  g_assert_cmpfloat (_qs_rows_expf (-103.0f), >, 0);        /* a subnormal */
  g_assert_true (isnan (_qs_rows_expf (NAN)));
}

/* ---- FakeQuantize and Quantize ---- */

/* Ranges as models have them, and the edges of what the rows take. */
static const struct
{
  float il, ih, ol, oh;
  guint levels;
} quant_ranges[] = {
  { 0.0f, 1.0f, 0.0f, 1.0f, 256 },
  { -3.7f, 2.1f, -3.7f, 2.1f, 255 },
  { -1.0f, 1.0f, -0.0f, 4.0f, 65536 },
  { 1e-3f, 2e-3f, -0.0f, 0.0f, 16 },
  { -128.0f, 127.0f, -128.0f, 127.0f, 256 },
  { -1e-30f, 1e-30f, -1.0f, 1.0f, 2 },
  { 0.0f, 6.0f, 6.0f, 0.0f, 256 },           /* inverted output range */
  { -3e38f, 3e38f, -3e38f, 3e38f, 256 },     /* the width overflows to infinity */
};

/* Values around the range: ties of the grid, the bounds, random inside
 * and outside, and the special values. */
static void
fill_quant (float   *v,
            gsize    n,
            float    il,
            float    ih,
            guint    levels,
            guint64 *state)
{
  float step = (ih - il) / (float) (levels - 1);

  for (gsize i = 0; i < n; i++)
    {
      guint64 r = next_u64 (state);
      double u = (double) (r >> 11) / 9007199254740992.0;

      switch (r % 8)
        {
        case 0: v[i] = il + step * ((float) (r >> 40 & 0xff) + 0.5f); break;     /* ties */
        case 1: v[i] = (r >> 20) & 1 ? il : ih; break;
        case 2: v[i] = random_value (state, 1.0f); break;
        case 3: v[i] = nextafterf ((r >> 20) & 1 ? il : ih, (r >> 21) & 1 ? INFINITY : -INFINITY); break;
        default: v[i] = (float) ((double) il - 1.0 + u * ((double) ih - (double) il + 2.0)); break;
        }
    }
}

static void
test_fake_quantize (void)
{
  QsIsa list[QS_ISA_N];
  guint n_isa = isas (list);
  guint64 state = 3;
  float *x = guarded_new (MAX_LEN + 4), *o = guarded_new (MAX_LEN + 4);

  for (guint r = 0; r < G_N_ELEMENTS (quant_ranges); r++)
    for (guint k = 0; k < N_LENGTHS; k++)
      {
        QsRowFakeQuantize p = { quant_ranges[r].il, quant_ranges[r].ih, quant_ranges[r].ol,
                                quant_ranges[r].oh, quant_ranges[r].levels };
        gsize n = length_at (k), s = starts[k % G_N_ELEMENTS (starts)];

        fill_quant (x, MAX_LEN + 4, p.il, p.ih, p.levels, &state);
        for (guint m = 0; m < n_isa; m++)
          {
            const QsRows *rows = _qs_rows_for_isa (list[m]);
            gsize so = (s + 2) % 4;

            guarded_reset (o, MAX_LEN + 4);
            rows->fake_quantize (x + s, n, &p, o + so);
            guarded_check (o, o + so, n * sizeof (float), "fake_quantize");
            for (gsize i = 0; i < n; i++)
              {
                float w = qs_fake_quantize_f32 (x[s + i], p.il, p.ih, p.ol, p.oh, p.levels);

                if (!same_f32 (o[so + i], w, FALSE))
                  g_error ("fake_quantize %s, range %u, n %" G_GSIZE_FORMAT ", element %" G_GSIZE_FORMAT
                           ": %a gives %a, want %a", qs_isa_name (list[m]), r, n, i, x[s + i], o[so + i], w);
              }
          }
      }
  guarded_free (x);
  guarded_free (o);
}

static void
test_quantize (void)
{
  /* qmin and the clamp of Quantize to u8 and i8, and the fake-quant run's i32 codes */
  static const struct { gint32 qmin, lo, hi; int type; } codes[] = {
    { 0, 0, 255, 0 }, { -128, -128, 127, 1 }, { -127, -128, 127, 1 }, { 3, 0, 255, 0 },
    { -128, G_MININT32, G_MAXINT32, 2 }, { 0, G_MININT32, G_MAXINT32, 2 },
  };
  QsIsa list[QS_ISA_N];
  guint n_isa = isas (list);
  guint64 state = 4;
  float *x = guarded_new (MAX_LEN + 4);
  gint32 *o = guarded_new (MAX_LEN + 4);

  for (guint r = 0; r < G_N_ELEMENTS (quant_ranges); r++)
    for (guint c = 0; c < G_N_ELEMENTS (codes); c++)
      for (guint k = 0; k < N_LENGTHS; k++)
        {
          /* the ranges both ways round: Quantize takes an inverted one too */
          gboolean flip = (k + c) % 3 == 0;
          QsRowQuantize p = { flip ? quant_ranges[r].ih : quant_ranges[r].il,
                              flip ? quant_ranges[r].il : quant_ranges[r].ih,
                              quant_ranges[r].levels, codes[c].qmin, codes[c].lo, codes[c].hi };
          gsize n = length_at (k), s = starts[k % G_N_ELEMENTS (starts)];
          static const gsize size[] = { 1, 1, 4 };

          fill_quant (x, MAX_LEN + 4, quant_ranges[r].il, quant_ranges[r].ih, p.levels, &state);
          for (guint m = 0; m < n_isa; m++)
            {
              const QsRows *rows = _qs_rows_for_isa (list[m]);
              gsize so = (s + 1) % 4;
              guint8 *dst = (guint8 *) o + so * size[codes[c].type];

              guarded_reset (o, MAX_LEN + 4);
              if (codes[c].type == 0)
                rows->quantize_u8 (x + s, n, &p, dst);
              else if (codes[c].type == 1)
                rows->quantize_i8 (x + s, n, &p, (gint8 *) dst);
              else
                rows->quantize_i32 (x + s, n, &p, (gint32 *) dst);
              guarded_check (o, dst, n * size[codes[c].type], "quantize");
              for (gsize i = 0; i < n; i++)
                {
                  gint64 w = p.qmin + (gint64) qs_quantize_code_f32 (x[s + i], p.il, p.ih, p.levels);
                  gint64 got;

                  w = CLAMP (w, p.lo, p.hi);
                  if (codes[c].type == 0)
                    got = dst[i];
                  else if (codes[c].type == 1)
                    got = ((gint8 *) dst)[i];
                  else
                    {
                      gint32 v;

                      memcpy (&v, dst + 4 * i, sizeof v);
                      got = v;
                    }
                  if (got != w)
                    g_error ("quantize %s, range %u%s, codes %u, n %" G_GSIZE_FORMAT ", element %" G_GSIZE_FORMAT
                             ": %a gives %" G_GINT64_FORMAT ", want %" G_GINT64_FORMAT,
                             qs_isa_name (list[m]), r, flip ? " inverted" : "", c, n, i, x[s + i], got, w);
                }
            }
        }
  guarded_free (x);
  guarded_free (o);
}

/* ---- Quantize and FakeQuantize on the grid's halves ---- */

/* Values on the grid's halves: for each chosen integer k, the floats from
 * 7 below to 7 above il + (k + 0.5) / lm1 · den, so that the exact
 * position fl (fl ((v − il) / den) · lm1) lands on k + 0.5 itself where a
 * float gets there, and a few floats to either side, where a row that
 * computed the position in any other way (a reciprocal, another order of
 * operations, a fused multiply-add) would round some of them the other
 * way.  They fill every other block of QUANT_BLOCK_TEST values; the blocks
 * between hold random values of the range and specials.  Returns how many
 * values sit exactly on a half. */
#define QUANT_BLOCK_TEST 16

static guint
fill_halves (float   *v,
             gsize    n,
             float    il,
             float    ih,
             guint    levels,
             guint64 *state)
{
  double lm1 = (double) levels - 1.0, den = (double) ih - (double) il;
  float flm1 = (float) (levels - 1), fden = ih - il;
  guint on_half = 0;
  gsize i = 0;

  while (i < n)
    {
      gsize b = i / QUANT_BLOCK_TEST;

      if (b % 2 == 0)
        {
          guint64 k = next_u64 (state) % (guint64) (levels - 1);
          float c = (float) ((double) il + ((double) k + 0.5) / lm1 * den);

          for (int j = 0; j < 7; j++)
            c = nextafterf (c, -INFINITY);
          for (int j = 0; j < 15 && i < n; j++, i++)
            {
              float t = (c - il) / fden * flm1;

              on_half += t == (float) k + 0.5f;
              v[i] = c;
              c = nextafterf (c, INFINITY);
            }
          for (; i % QUANT_BLOCK_TEST != 0 && i < n; i++)
            v[i] = random_value (state, 1.0f);
        }
      else
        for (int j = 0; j < QUANT_BLOCK_TEST && i < n; j++, i++)
          {
            guint64 r = next_u64 (state);
            double u = (double) (r >> 11) / 9007199254740992.0;

            v[i] = r % 16 == 0 ? random_value (state, 1.0f) : (float) ((double) il + u * den);
          }
    }
  return on_half;
}

static void
test_quantize_halves (void)
{
  static const guint levels[] = { 2, 15, 16, 255, 256, 65536 };
  static const struct { float il, ih, ol, oh; } ranges[] = {
    { 0.0f, 1.0f, 0.0f, 1.0f },
    { -3.7f, 2.1f, -1.3f, 2.7f },
    { 1e-3f, 2e-3f, 5.0f, -5.0f },
    { -128.0f, 127.0f, -128.0f, 127.0f },
    { 1e-30f, 3e-30f, 0.0f, 1.0f },                  /* tiny */
    { 0x1p-126f, 0x1.8p-126f, 0.0f, 1.0f },          /* den subnormal */
    { 3e-38f, 5e-38f, 0.0f, 1.0f },                  /* subnormal v − il near il */
    { -1e37f, 1e37f, -1.0f, 1.0f },                  /* huge */
    { -1e38f, 1e38f, -1.0f, 1.0f },                  /* 1 / den subnormal */
    { 2.1f, -3.7f, 0.0f, 0.0f },                     /* inverted: Quantize only */
  };
  QsIsa list[QS_ISA_N];
  guint n_isa = isas (list);
  guint64 state = 12;
  float *x = guarded_new (MAX_LEN + 4), *o = guarded_new (MAX_LEN + 4);
  gint32 *c = guarded_new (MAX_LEN + 4);
  guint on_half = 0;

  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
      {
        float il = ranges[r].il, ih = ranges[r].ih;

        for (guint k = 0; k < N_LENGTHS; k++)
          {
            gsize n = length_at (k), s = starts[k % G_N_ELEMENTS (starts)];
            QsRowFakeQuantize fp = { il, ih, ranges[r].ol, ranges[r].oh, levels[l] };

            on_half += fill_halves (x + s, n, il, ih, levels[l], &state);
            for (guint m = 0; m < n_isa; m++)
              {
                const QsRows *rows = _qs_rows_for_isa (list[m]);
                /* codes: u8 (when the levels fit) and i32, the fake-quant run's */
                for (int type = levels[l] <= 256 ? 0 : 1; type < 2; type++)
                  {
                    QsRowQuantize qp = { il, ih, levels[l], 0, type == 0 ? 0 : G_MININT32,
                                         type == 0 ? 255 : G_MAXINT32 };

                    guarded_reset (c, MAX_LEN + 4);
                    if (type == 0)
                      rows->quantize_u8 (x + s, n, &qp, (guint8 *) c);
                    else
                      rows->quantize_i32 (x + s, n, &qp, c);
                    guarded_check (c, c, n * (type == 0 ? 1 : 4), "quantize halves");
                    for (gsize i = 0; i < n; i++)
                      {
                        gint64 want = qs_quantize_code_f32 (x[s + i], il, ih, levels[l]);
                        gint64 got = type == 0 ? ((guint8 *) c)[i] : c[i];

                        if (got != want)
                          g_error ("quantize halves %s, range %u, levels %u, n %" G_GSIZE_FORMAT
                                   ", element %" G_GSIZE_FORMAT ": %a gives %" G_GINT64_FORMAT
                                   ", want %" G_GINT64_FORMAT, qs_isa_name (list[m]), r, levels[l], n, i,
                                   x[s + i], got, want);
                      }
                  }
                if (!(il < ih))
                  continue;
                guarded_reset (o, MAX_LEN + 4);
                rows->fake_quantize (x + s, n, &fp, o);
                guarded_check (o, o, n * sizeof (float), "fake_quantize halves");
                for (gsize i = 0; i < n; i++)
                  {
                    float w = qs_fake_quantize_f32 (x[s + i], il, ih, fp.ol, fp.oh, fp.levels);

                    if (!same_f32 (o[i], w, FALSE))
                      g_error ("fake_quantize halves %s, range %u, levels %u, n %" G_GSIZE_FORMAT
                               ", element %" G_GSIZE_FORMAT ": %a gives %a, want %a", qs_isa_name (list[m]),
                               r, levels[l], n, i, x[s + i], o[i], w);
                  }
              }
          }
      }
  g_test_message ("%u values exactly on a half", on_half);
  g_assert_cmpuint (on_half, >, 1000);
  guarded_free (x);
  guarded_free (o);
  guarded_free (c);
}

/* ---- Requantize ---- */

/* Every input code type into u8 and i8, full and narrowed clamps, against
 * qs_requantize_code per element: multipliers and offsets ordinary, powers
 * of two with offsets of .5 (exact ties), huge, tiny, infinite and NaN, and
 * products near 2^51 .. 2^53 where the rounding trick has no room left. */
static void
test_requantize (void)
{
  static const struct { float m, a; } params[] = {
    { 0.0123f, 3.0f }, { 0.5f, 0.5f }, { 0.25f, -1.5f }, { -1.75f, 128.0f }, { 2.0f, -0.5f },
    { 1e30f, 0.25f }, { -3e25f, 1.0f }, { 1e-30f, 1e20f }, { 1e-30f, 77.5f }, { INFINITY, 0.0f },
    { 1.0f, -INFINITY }, { NAN, 0.0f }, { 0.5f, NAN }, { 1073741824.0f, 0.3f }, { 2147483648.0f, -0.7f },
  };
  static const struct { gint64 lo, hi; } clamps[2][2] = {
    { { 0, 255 }, { 1, 126 } }, { { -128, 127 }, { -127, 62 } },
  };
  QsIsa list[QS_ISA_N];
  guint n_isa = isas (list);
  guint64 state = 6;
  gint32 *c32 = guarded_new (MAX_LEN + 4);
  guint8 *c8 = guarded_new (MAX_LEN + 4);
  guint8 *o = guarded_new (MAX_LEN + 4);
  guint checked = 0;

  for (guint k = 0; k < N_LENGTHS; k++)
    {
      gsize n = length_at (k), s = starts[k % G_N_ELEMENTS (starts)];

      for (gsize i = 0; i < MAX_LEN + 4; i++)
        {
          guint64 r = next_u64 (&state);

          c32[i] = r % 5 == 0 ? (gint32) (r >> 32) : (r % 5 == 1 ? (r & 32 ? G_MAXINT32 : G_MININT32)
                                                      : (gint32) ((r >> 32) % 20001) - 10000);
          c8[i] = (guint8) (r >> 24);
        }
      for (guint pi = 0; pi < G_N_ELEMENTS (params); pi++)
        for (int in = 0; in < QS_ROW_N_CODES; in++)
          for (int out = 0; out < 2; out++)
            {
              gint64 lo = clamps[out][(k + pi) % 2].lo, hi = clamps[out][(k + pi) % 2].hi;
              QsRowRequantize p = { params[pi].m, params[pi].a, (double) lo, (double) hi };
              gconstpointer src = in == QS_ROW_CODES_I32 ? (gconstpointer) (c32 + s) : (gconstpointer) (c8 + s);

              for (guint m = 0; m < n_isa; m++)
                {
                  gsize so = (s + 2) % 4;

                  guarded_reset (o, MAX_LEN + 4);
                  _qs_rows_for_isa (list[m])->requantize[in][out] (src, n, &p, o + so);
                  guarded_check (o, o + so, n, "requantize");
                  for (gsize i = 0; i < n; i++)
                    {
                      gint64 c = in == QS_ROW_CODES_U8 ? (gint64) c8[s + i]
                                 : in == QS_ROW_CODES_I8 ? (gint64) (gint8) c8[s + i] : (gint64) c32[s + i];
                      gint64 want = qs_requantize_code (c, params[pi].m, params[pi].a, lo, hi);
                      gint64 got = out == 0 ? (gint64) o[so + i] : (gint64) (gint8) o[so + i];

                      if (got != want)
                        g_error ("requantize %s, codes %d to %s, m %a a %a, n %" G_GSIZE_FORMAT
                                 ", element %" G_GSIZE_FORMAT ": %" G_GINT64_FORMAT " gives %" G_GINT64_FORMAT
                                 ", want %" G_GINT64_FORMAT, qs_isa_name (list[m]), in, out == 0 ? "u8" : "i8",
                                 params[pi].m, params[pi].a, n, i, c, got, want);
                    }
                  checked += n;
                }
            }
    }
  g_test_message ("%u codes agree", checked);
  guarded_free (c32);
  guarded_free (c8);
  guarded_free (o);
}

/* ---- MVN's normalisation ---- */

/* center and center_scale against (float) (x - mean) and (float) ((x - mean)
 * / sd) in double per element: random x with every special value, means
 * and deviations ordinary, huge, tiny, zero, infinite and NaN. */
static void
test_center (void)
{
  static const double means[] = { 0.0, 1.25, -3e5, 1e-300, 1e300, INFINITY, NAN };
  static const double sds[] = { 1.0, 0.37, 3e-8, 1e300, 0.0, INFINITY, NAN };
  QsIsa list[QS_ISA_N];
  guint n_isa = isas (list);
  guint64 state = 7;
  float *x = guarded_new (MAX_LEN + 4), *o = guarded_new (MAX_LEN + 4);
  guint checked = 0;

  for (guint k = 0; k < N_LENGTHS; k++)
    {
      gsize n = length_at (k), s = starts[k % G_N_ELEMENTS (starts)];
      double mean = means[k % G_N_ELEMENTS (means)], sd = sds[(k / 3) % G_N_ELEMENTS (sds)];

      fill_random (x, MAX_LEN + 4, &state, 50.0f);
      for (guint m = 0; m < n_isa; m++)
        for (int scale = 0; scale < 2; scale++)
          {
            const QsRows *rows = _qs_rows_for_isa (list[m]);
            gsize so = (s + 1) % 4;

            guarded_reset (o, MAX_LEN + 4);
            if (scale)
              rows->center_scale (x + s, n, mean, sd, o + so);
            else
              rows->center (x + s, n, mean, o + so);
            guarded_check (o, o + so, n * sizeof (float), "center");
            for (gsize i = 0; i < n; i++)
              {
                double c = (double) x[s + i] - mean;
                float want = (float) (scale ? c / sd : c);

                /* a NaN x meeting a NaN mean or sd: either NaN */
                if (!same_f32 (o[so + i], want, TRUE))
                  g_error ("center%s %s, n %" G_GSIZE_FORMAT ", element %" G_GSIZE_FORMAT ": %a gives %a, want %a",
                           scale ? "_scale" : "", qs_isa_name (list[m]), n, i, x[s + i], o[so + i], want);
              }
            checked += n;
          }
    }
  g_test_message ("%u values agree", checked);
  guarded_free (x);
  guarded_free (o);
}

/* ---- Dequantize ---- */

static void
test_dequantize (void)
{
  QsIsa list[QS_ISA_N];
  guint n_isa = isas (list);
  guint64 state = 5;
  gint32 *c32 = guarded_new (MAX_LEN + 4);
  guint8 *c8 = guarded_new (MAX_LEN + 4);
  float *sh = guarded_new (MAX_LEN + 4), *o = guarded_new (MAX_LEN + 4);
  static const float scales[] = { 0.0123f, 1.0f, -0.5f, 3e-39f, 1e30f };
  static const gint32 zps32[] = { 0, 17, -2147483647 - 1, 2147483647, -5 };
  static const float zps8[] = { 0.0f, 128.0f, -3.25f, 7.5f, 255.0f };

  for (guint k = 0; k < N_LENGTHS; k++)
    {
      gsize n = length_at (k), s = starts[k % G_N_ELEMENTS (starts)];
      float scale = scales[k % G_N_ELEMENTS (scales)];
      gint32 z32 = zps32[(k / 2) % G_N_ELEMENTS (zps32)];
      float z8 = zps8[(k / 3) % G_N_ELEMENTS (zps8)];
      float shift = random_value (&state, 5.0f);

      for (gsize i = 0; i < MAX_LEN + 4; i++)
        {
          guint64 r = next_u64 (&state);

          /* accumulators: small ones, and the i32 extremes */
          c32[i] = r % 5 == 0 ? (gint32) (r >> 32) : (r % 5 == 1 ? (r & 32 ? G_MAXINT32 : G_MININT32)
                                                      : (gint32) ((r >> 32) % 20001) - 10000);
          c8[i] = (guint8) (r >> 24);
        }
      fill_random (sh, MAX_LEN + 4, &state, 5.0f);
      if (isnan (shift))
        shift = 0.25f;    /* a NaN shift would meet no other NaN; keep the sums ordinary */
      for (guint m = 0; m < n_isa; m++)
        {
          const QsRows *rows = _qs_rows_for_isa (list[m]);
          const char *isa = qs_isa_name (list[m]);
          gsize so = (s + 3) % 4;

          for (int form = 0; form < 3; form++)      /* no shift, one shift, a shift per element */
            for (int type = 0; type < 3; type++)    /* u8, i8, i32 */
              {
                guarded_reset (o, MAX_LEN + 4);
                if (type == 2)
                  {
                    const gint32 *c = c32 + s;

                    if (form == 0)
                      rows->dequantize_i32 (c, n, z32, scale, o + so);
                    else if (form == 1)
                      rows->dequantize_i32_shift (c, n, z32, scale, shift, o + so);
                    else
                      rows->dequantize_i32_shifts (c, n, z32, scale, sh + s, o + so);
                  }
                else if (type == 0)
                  {
                    const guint8 *c = c8 + s;

                    if (form == 0)
                      rows->dequantize_u8 (c, n, z8, scale, o + so);
                    else if (form == 1)
                      rows->dequantize_u8_shift (c, n, z8, scale, shift, o + so);
                    else
                      rows->dequantize_u8_shifts (c, n, z8, scale, sh + s, o + so);
                  }
                else
                  {
                    const gint8 *c = (const gint8 *) c8 + s;

                    if (form == 0)
                      rows->dequantize_i8 (c, n, z8, scale, o + so);
                    else if (form == 1)
                      rows->dequantize_i8_shift (c, n, z8, scale, shift, o + so);
                    else
                      rows->dequantize_i8_shifts (c, n, z8, scale, sh + s, o + so);
                  }
                guarded_check (o, o + so, n * sizeof (float), "dequantize");
                for (gsize i = 0; i < n; i++)
                  {
                    /* the per-element path of qs-op-int8.c's dequantize */
                    float d, w;

                    if (type == 2)
                      d = (float) ((gint64) c32[s + i] - z32);
                    else if (type == 0)
                      d = (float) c8[s + i] - z8;
                    else
                      d = (float) ((gint8 *) c8)[s + i] - z8;
                    w = d * scale;
                    if (form == 1)
                      w = w + shift;
                    else if (form == 2)
                      w = w + sh[s + i];
                    if (!same_f32 (o[so + i], w, FALSE))
                      g_error ("dequantize %s, type %d, form %d, n %" G_GSIZE_FORMAT ", element %" G_GSIZE_FORMAT
                               ": gives %a, want %a", isa, type, form, n, i, o[so + i], w);
                  }
              }
        }
    }
  guarded_free (c32);
  guarded_free (c8);
  guarded_free (sh);
  guarded_free (o);
}

/* The i32 rows subtract the zero point in 32 bits and take the double
 * loop for a row where that overflows.  Here: codes and zero points at the
 * int32 edges, differences beyond 2^24 (where the conversion rounds), and
 * random rows of odd lengths that are clean or hold one code that
 * overflows, at the front, in the middle or in the tail.  A row with an
 * overflowing code is one the 32-bit way gets wrong (the test checks that
 * for its own wrapped computation), so a right answer there shows that
 * the fallback ran.  Each row runs again in place (output over the codes). */
static float
dequantize_i32_ref (gint32       c,
                    gint32       zp,
                    float        scale,
                    int          form,
                    float        shift,
                    const float *shifts,
                    gsize        i)
{
  /* the per-element path of qs-op-int8.c's dequantize */
  float w = (float) ((gint64) c - zp) * scale;

  if (form == 1)
    w = w + shift;
  else if (form == 2)
    w = w + shifts[i];
  return w;
}

static void
run_dequantize_i32 (const QsRows *rows,
                    int           form,
                    const gint32 *c,
                    gsize         n,
                    gint32        zp,
                    float         scale,
                    float         shift,
                    const float  *shifts,
                    float        *o)
{
  if (form == 0)
    rows->dequantize_i32 (c, n, zp, scale, o);
  else if (form == 1)
    rows->dequantize_i32_shift (c, n, zp, scale, shift, o);
  else
    rows->dequantize_i32_shifts (c, n, zp, scale, shifts, o);
}

static void
test_dequantize_i32_edges (void)
{
  static const gint32 edge[] = {
    G_MININT32, G_MININT32 + 1, G_MININT32 + 2, -1073741825, -1073741824, -16777217, -16777216,
    -3, -1, 0, 1, 3, 16777216, 16777217, 16777219, 1073741823, 1073741824,
    G_MAXINT32 - 2, G_MAXINT32 - 1, G_MAXINT32,
  };
  static const gint32 zps[] = {
    0, 1, -1, 7, -7, 16777217, -16777217, 1073741824, -1073741824,
    G_MININT32, G_MININT32 + 1, G_MAXINT32, G_MAXINT32 - 1,
  };
  static const float scales[] = { 1.0f, 0.0123f, -0.5f, 3e-39f, 1e30f };
  static const gsize odd_lengths[] = { 1, 3, 7, 15, 17, 31, 33, 47, 63, 65, 95, 129, 681, 1001 };
  QsIsa list[QS_ISA_N];
  guint n_isa = isas (list);
  guint64 state = 32;
  gsize n_edge = G_N_ELEMENTS (edge);
  gint32 *c = guarded_new (MAX_LEN + 4), *io = guarded_new (MAX_LEN + 4);
  float *sh = guarded_new (MAX_LEN + 4), *o = guarded_new (MAX_LEN + 4);
  guint checked = 0, wrapped_rows = 0;

  fill_random (sh, MAX_LEN + 4, &state, 5.0f);
  for (guint m = 0; m < n_isa; m++)
    {
      const QsRows *rows = _qs_rows_for_isa (list[m]);
      const char *isa = qs_isa_name (list[m]);

      for (gsize z = 0; z < G_N_ELEMENTS (zps); z++)
        for (guint k = 0; k < 3 * G_N_ELEMENTS (odd_lengths) + 1; k++)
          for (int form = 0; form < 3; form++)
            {
              gint32 zp = zps[z];
              float scale = scales[(z + k) % G_N_ELEMENTS (scales)];
              float shift = (float) (k % 7) - 2.75f;
              gsize n, s = starts[k % G_N_ELEMENTS (starts)];
              gboolean overflows = FALSE, wrapped_wrong = FALSE;

              if (k == 0)
                {
                  /* every edge code against this zero point, in one row */
                  n = n_edge;
                  memcpy (c + s, edge, sizeof edge);
                }
              else
                {
                  /* a random row of small and large codes that do not
                   * overflow; for k % 3 != 0, one code that does */
                  n = odd_lengths[(k - 1) / 3];
                  for (gsize i = 0; i < n; i++)
                    {
                      guint64 r = next_u64 (&state);
                      gint64 v = r % 2 ? (gint64) (gint32) (r >> 32) : (gint64) ((r >> 32) % 4001) - 2000;

                      v = CLAMP (v / 2 + zp / 2, G_MININT32 / 2, G_MAXINT32 / 2) + (r % 4 == 3 ? zp / 2 : 0);
                      c[s + i] = (gint32) CLAMP (v, (gint64) G_MININT32, (gint64) G_MAXINT32);
                      if ((gint64) c[s + i] - zp != (gint32) ((gint64) c[s + i] - zp))
                        c[s + i] = zp;     /* keep the clean part clean */
                    }
                  if (k % 3 != 0 && (zp != 0 && zp != 1 && zp != -1 && zp != 7 && zp != -7))
                    {
                      /* zp > 0: INT32_MIN overflows; zp < 0: INT32_MAX */
                      gsize at = k % 3 == 1 ? 0 : n - 1;

                      if (n > 2 && k % 2 == 0)
                        at = n / 2;
                      c[s + at] = zp > 0 ? G_MININT32 : G_MAXINT32;
                    }
                }
              for (gsize i = 0; i < n; i++)
                {
                  gint64 d = (gint64) c[s + i] - zp;
                  gint32 wrapped = (gint32) ((guint32) c[s + i] - (guint32) zp);

                  if (d != wrapped)
                    {
                      overflows = TRUE;
                      if (to_bits ((float) wrapped * scale) != to_bits ((float) d * scale))
                        wrapped_wrong = TRUE;
                    }
                }
              if (overflows)
                {
                  /* the 32-bit way alone would give other bits here */
                  g_assert_true (wrapped_wrong || scale == 3e-39f);
                  wrapped_rows++;
                }
              guarded_reset (o, MAX_LEN + 4);
              run_dequantize_i32 (rows, form, c + s, n, zp, scale, shift, sh + s, o + s);
              guarded_check (o, o + s, n * sizeof (float), "dequantize_i32");
              for (gsize i = 0; i < n; i++)
                {
                  float want = dequantize_i32_ref (c[s + i], zp, scale, form, shift, sh + s, i);

                  if (!same_f32 (o[s + i], want, FALSE))
                    g_error ("dequantize_i32 %s, form %d, zp %d, n %" G_GSIZE_FORMAT ", element %" G_GSIZE_FORMAT
                             " (code %d%s): gives %a, want %a", isa, form, zp, n, i, c[s + i],
                             overflows ? ", row overflows" : "", o[s + i], want);
                }
              /* in place: the output over the codes takes the read-only
               * check before the loop */
              memcpy (io + s, c + s, n * sizeof (gint32));
              run_dequantize_i32 (rows, form, io + s, n, zp, scale, shift, sh + s, (float *) (io + s));
              for (gsize i = 0; i < n; i++)
                {
                  float want = dequantize_i32_ref (c[s + i], zp, scale, form, shift, sh + s, i);

                  if (!same_f32 (((float *) io)[s + i], want, FALSE))
                    g_error ("dequantize_i32 in place %s, form %d, zp %d, n %" G_GSIZE_FORMAT ", element %"
                             G_GSIZE_FORMAT ": gives %a, want %a", isa, form, zp, n, i, ((float *) io)[s + i], want);
                }
              checked += n;
            }
    }
  /* the fallback must have been exercised, and the 32-bit way often */
  g_assert_cmpuint (wrapped_rows, >, 100);
  g_test_message ("%u values agree; %u rows needed the double loop", checked, wrapped_rows);
  guarded_free (c);
  guarded_free (io);
  guarded_free (sh);
  guarded_free (o);
}

/* ---- through the ops, under every ISA ---- */

/* Add, Subtract, Divide and Maximum with a per-channel operand on either
 * side, Multiply by a scalar, and PReLU with a [1, C, 1, 1] and a [C]
 * slope: the ops pick the row forms, and must give the per-element values. */
/* ---- fused chains ---- */

/* The chains of the shared models (which take the one-pass loops) and
 * others (which take the blocks): kinds, and whether each link's side is
 * one per element. */
static const struct
{
  guint         n;
  QsRowLinkKind kind[4];
  gboolean      vec[4];
} chain_cases[] = {
  { 0, { 0 }, { 0 } },
  { 3, { QS_ROW_LINK_FAKE_QUANTIZE, QS_ROW_LINK_ADD, QS_ROW_LINK_PRELU }, { 0, 1, 0 } },
  { 3, { QS_ROW_LINK_FAKE_QUANTIZE, QS_ROW_LINK_ADD_SWAPPED, QS_ROW_LINK_PRELU }, { 0, 1, 0 } },
  { 1, { QS_ROW_LINK_PRELU }, { 0 } },
  { 1, { QS_ROW_LINK_RELU }, { 0 } },
  { 1, { QS_ROW_LINK_CLAMP }, { 0 } },
  { 1, { QS_ROW_LINK_SWISH }, { 0 } },
  { 2, { QS_ROW_LINK_FAKE_QUANTIZE, QS_ROW_LINK_ADD }, { 0, 1 } },
  { 2, { QS_ROW_LINK_FAKE_QUANTIZE, QS_ROW_LINK_ADD_SWAPPED }, { 0, 1 } },
  { 3, { QS_ROW_LINK_SWISH, QS_ROW_LINK_FAKE_QUANTIZE, QS_ROW_LINK_ADD }, { 0, 0, 1 } },
  { 3, { QS_ROW_LINK_SWISH, QS_ROW_LINK_FAKE_QUANTIZE, QS_ROW_LINK_ADD_SWAPPED }, { 0, 0, 1 } },
  { 1, { QS_ROW_LINK_PRELU }, { 1 } },
  { 2, { QS_ROW_LINK_ADD, QS_ROW_LINK_SIGMOID }, { 0 } },
  { 3, { QS_ROW_LINK_MUL, QS_ROW_LINK_MUL_SWAPPED, QS_ROW_LINK_ADD_SWAPPED }, { 1, 0, 0 } },
  { 4, { QS_ROW_LINK_MUL_SWAPPED, QS_ROW_LINK_CLAMP, QS_ROW_LINK_RELU, QS_ROW_LINK_FAKE_QUANTIZE }, { 1, 0, 0, 0 } },
  { 3, { QS_ROW_LINK_FAKE_QUANTIZE, QS_ROW_LINK_ADD, QS_ROW_LINK_PRELU }, { 0, 0, 1 } },
};

/* One value through link @k as its op's per-element code computes it. */
static float
ref_link (const QsRowLink *k,
          float            v,
          gsize            i)
{
  float s = k->side != NULL ? k->side[i] : k->a;

  switch (k->kind)
    {
    case QS_ROW_LINK_PRELU: return v >= 0 ? v : v * s;
    case QS_ROW_LINK_ADD: return v + s;
    case QS_ROW_LINK_ADD_SWAPPED: return s + v;
    case QS_ROW_LINK_MUL: return v * s;
    case QS_ROW_LINK_MUL_SWAPPED: return s * v;
    case QS_ROW_LINK_CLAMP: return v < k->a ? k->a : (v > k->b ? k->b : v);
    case QS_ROW_LINK_RELU: return v > 0 ? v : 0;
    case QS_ROW_LINK_SIGMOID: return 1.0f / (1.0f + _qs_rows_expf (-v));
    case QS_ROW_LINK_SWISH: return v / (1.0f + _qs_rows_expf (-k->a * v));
    case QS_ROW_LINK_FAKE_QUANTIZE:
      return qs_fake_quantize_f32 (v, k->fq.il, k->fq.ih, k->fq.ol, k->fq.oh, k->fq.levels);
    default: g_assert_not_reached ();
    }
}

/* The code of element @i as the unfused ops give it: Dequantize's
 * per-element path, each link, Quantize's per-element path. */
static float
ref_value (const QsRowChain *ch,
           gsize             i)
{
  float v;

  if (ch->codes == QS_ROW_CODES_I32)
    v = (float) ((gint64) ((const gint32 *) ch->c)[i] - ch->zp_i32) * ch->scale;
  else if (ch->codes == QS_ROW_CODES_U8)
    v = ((float) ((const guint8 *) ch->c)[i] - ch->zp) * ch->scale;
  else
    v = ((float) ((const gint8 *) ch->c)[i] - ch->zp) * ch->scale;
  if (ch->shift_form == 1)
    v = v + ch->shift;
  else if (ch->shift_form == 2)
    v = v + ch->shifts[i];
  for (guint l = 0; l < ch->n_links; l++)
    v = ref_link (&ch->links[l], v, i);
  return v;
}

static gint32
ref_chain (const QsRowChain *ch,
           gsize             i)
{
  float v = ref_value (ch, i);
  gint64 q;

  q = ch->q.qmin + (gint64) qs_quantize_code_f32 (v, ch->q.il, ch->q.ih, ch->q.levels);
  return (gint32) CLAMP (q, ch->q.lo, ch->q.hi);
}

/* The chain row of every ISA against the unfused per-element code, over
 * every link sequence, code type, shift form, output type and length,
 * the codes spread over the ranges and the sides and shifts holding the
 * specials; i32 rows with a zero point that makes c − zp overflow take
 * the double path in their blocks. */
static void
test_chain (void)
{
  static const gsize chain_lengths[] = { 0, 1, 15, 16, 17, 63, 64, 65, 100, 127, 129, 1001, 4099 };
  QsIsa list[QS_ISA_N];
  guint n_isa = isas (list);
  guint64 state = 41;
  gint32 *c32 = guarded_new (MAX_LEN + 4);
  guint8 *c8 = guarded_new (MAX_LEN + 4);
  float *side[4], *shifts = guarded_new (MAX_LEN + 4);
  guint8 *o = guarded_new (MAX_LEN + 4);
  guint checked = 0;

  for (guint l = 0; l < 4; l++)
    side[l] = guarded_new (MAX_LEN + 4);
  for (guint cc = 0; cc < G_N_ELEMENTS (chain_cases); cc++)
    for (guint codes = 0; codes < QS_ROW_N_CODES; codes++)
      for (int form = 0; form < 3; form++)
        for (guint out_i8 = 0; out_i8 < 2; out_i8++)
          for (guint k = 0; k < G_N_ELEMENTS (chain_lengths); k++)
            {
              gsize n = chain_lengths[k], s = starts[k % G_N_ELEMENTS (starts)];
              guint r = (cc + k + (guint) form) % G_N_ELEMENTS (quant_ranges);
              gboolean overflow = codes == QS_ROW_CODES_I32 && k % 4 == 3;
              QsRowLink links[4];
              QsRowChain ch = { 0 };
              guint rf;

              /* quant ranges 4 and 7 keep il < ih and a width that is finite */
              if (r == 6 || r == 7)
                r = 4;
              rf = (r + 1) % 6;
              for (gsize i = 0; i < MAX_LEN + 4; i++)
                {
                  guint64 x = next_u64 (&state);

                  c32[i] = (gint32) (x % 4001) - 2000;
                  if (overflow && x % 7 == 0)
                    c32[i] = (x >> 8) & 1 ? G_MAXINT32 - (gint32) (x >> 40 & 0xff) : 1000;
                  c8[i] = (guint8) (x >> 32);
                  shifts[i] = x % 11 == 0 ? random_value (&state, 1.0f) : (float) ((gint64) (x >> 40 & 0xff) - 128) * 0.01f;
                  if (x % 5 == 1)
                    {
                      /* a dequantized 0 plus a shift on a bound of the ranges,
                       * or next to one */
                      float b[] = { quant_ranges[rf].il, quant_ranges[rf].ih, quant_ranges[r].il, quant_ranges[r].ih };
                      float v = b[(x >> 16) % 4];

                      c32[i] = 37;
                      c8[i] = codes == QS_ROW_CODES_U8 ? 128 : (guint8) -3;
                      shifts[i] = (x >> 20) % 3 == 0 ? v : nextafterf (v, (x >> 22) & 1 ? INFINITY : -INFINITY);
                    }
                }
              for (guint l = 0; l < 4; l++)
                for (gsize i = 0; i < MAX_LEN + 4; i++)
                  side[l][i] = next_u64 (&state) % 13 == 0 ? random_value (&state, 4.0f)
                               : (float) ((double) (next_u64 (&state) >> 11) / 9007199254740992.0 * 8.0 - 4.0);
              for (guint l = 0; l < chain_cases[cc].n; l++)
                {
                  QsRowLink *lk = &links[l];

                  memset (lk, 0, sizeof *lk);
                  lk->kind = chain_cases[cc].kind[l];
                  lk->side = chain_cases[cc].vec[l] ? side[l] + s : NULL;
                  lk->a = lk->kind == QS_ROW_LINK_CLAMP ? -1.5f : lk->kind == QS_ROW_LINK_SWISH ? 1.25f
                          : side[l][MAX_LEN];
                  lk->b = 2.5f;
                  lk->fq = (QsRowFakeQuantize) { quant_ranges[rf].il, quant_ranges[rf].ih, quant_ranges[rf].ol,
                                                 quant_ranges[rf].oh, quant_ranges[rf].levels };
                }
              ch.codes = codes;
              ch.c = codes == QS_ROW_CODES_I32 ? (gconstpointer) (c32 + s) : (gconstpointer) (c8 + s);
              ch.zp_i32 = overflow ? G_MININT32 + 5 : 37;
              ch.zp = codes == QS_ROW_CODES_U8 ? 128.0f : -3.0f;
              ch.scale = codes == QS_ROW_CODES_I32 ? 0.0031f : 0.047f;
              ch.shift_form = form;
              ch.shift = shifts[MAX_LEN + 1];
              ch.shifts = shifts + s;
              ch.links = links;
              ch.n_links = chain_cases[cc].n;
              ch.q = (QsRowQuantize) { quant_ranges[r].il, quant_ranges[r].ih, quant_ranges[r].levels > 256 ? 256 : quant_ranges[r].levels,
                                       out_i8 ? -128 : 0, out_i8 ? -128 : 0, out_i8 ? 127 : 255 };
              ch.out_i8 = out_i8;
              /* the ranges of the data, then probes: the Quantize's range
               * narrowed to 255 floats around the unfused value of one
               * element, so that its code shows that value to the bit */
              for (guint probe = 0; probe < (n > 0 ? 4u : 1u); probe++)
                {
                  if (probe > 0)
                    {
                      float v = ref_value (&ch, next_u64 (&state) % n);
                      float ulp = nextafterf (fabsf (v), INFINITY) - fabsf (v);

                      if (!isfinite (v) || !isfinite (ulp) || fabsf (v) < 1e-30f || fabsf (v) > 1e30f)
                        continue;
                      ch.q.il = v - 127.5f * ulp;
                      ch.q.ih = v + 127.5f * ulp;
                      ch.q.levels = 256;
                    }
                  for (guint m = 0; m < n_isa; m++)
                    {
                      const QsRows *rows = _qs_rows_for_isa (list[m]);
                      gsize so = (s + 1) % 4;

                      guarded_reset (o, MAX_LEN + 4);
                      ch.o = o + so;
                      rows->chain (&ch, n);
                      guarded_check (o, o + so, n, "chain");
                      for (gsize i = 0; i < n; i++)
                        {
                          gint32 want = ref_chain (&ch, i);
                          gint32 got = out_i8 ? ((gint8 *) o)[so + i] : o[so + i];

                          if (got != want)
                            g_error ("chain %s, case %u, codes %u, shift form %d, %s, n %" G_GSIZE_FORMAT
                                     ", probe %u, element %" G_GSIZE_FORMAT ": %d, want %d", qs_isa_name (list[m]),
                                     cc, codes, form, out_i8 ? "i8" : "u8", n, probe, i, got, want);
                          checked++;
                        }
                    }
                }
            }
  g_test_message ("%u codes checked", checked);
  for (guint l = 0; l < 4; l++)
    guarded_free (side[l]);
  guarded_free (c32);
  guarded_free (c8);
  guarded_free (shifts);
  guarded_free (o);
}

static void
test_ops (void)
{
  static const struct { const char *type; QsRowBinary op; gboolean channel_first; } bins[] = {
    { "Add", QS_ROW_ADD, FALSE }, { "Subtract", QS_ROW_SUB, TRUE }, { "Divide", QS_ROW_DIV, TRUE },
    { "Maximum", QS_ROW_MAX, FALSE }, { "Multiply", QS_ROW_MUL, FALSE },
  };
  QsIsa list[QS_ISA_N];
  guint n_isa = isas (list);
  QsIsa saved = qs_kernels_get_isa ();
  const gint64 C = 5, H = 7, W = 9;
  gint64 xd[4] = { 2, C, H, W }, cd[4] = { 1, C, 1, 1 }, sd[1] = { C };
  guint64 state = 6;

  for (guint m = 0; m < n_isa; m++)
    {
      qs_kernels_set_isa (list[m]);
      for (guint k = 0; k < G_N_ELEMENTS (bins) + 2; k++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(QsTensor) y = NULL;
          QsTensor *x = qs_tensor_new_f32 (4, xd);
          QsTensor *c = k == 4 ? qs_tensor_new_f32 (0, NULL)
                        : qs_tensor_new_f32 (k == G_N_ELEMENTS (bins) + 1 ? 1 : 4,
                                             k == G_N_ELEMENTS (bins) + 1 ? sd : cd);
          g_autofree float *xv = g_new (float, x->n_elements);
          g_autofree float *cv = g_new (float, c->n_elements);
          gboolean first = k < G_N_ELEMENTS (bins) && bins[k].channel_first;

          fill_random (xv, x->n_elements, &state, 10.0f);
          fill_random (cv, c->n_elements, &state, 3.0f);
          memcpy (x->data, xv, x->n_elements * sizeof (float));
          memcpy (c->data, cv, c->n_elements * sizeof (float));
          if (k < G_N_ELEMENTS (bins))
            y = first ? QS_RUN (bins[k].type, "opset1", "", &error, c, x)
                      : QS_RUN (bins[k].type, "opset1", "", &error, x, c);
          else
            y = QS_RUN ("PReLU", "opset1", "", &error, x, c);
          g_assert_no_error (error);
          g_assert_nonnull (y);
          g_assert_cmpuint (y->n_elements, ==, 2 * C * H * W);
          for (gsize i = 0; i < y->n_elements; i++)
            {
              gsize ch = (i / (gsize) (H * W)) % (gsize) C;
              float v = xv[i], s = k == 4 ? cv[0] : cv[ch], w;
              gboolean any_nan = FALSE;

              if (k < G_N_ELEMENTS (bins))
                {
                  w = first ? ref_binary (bins[k].op, s, v) : ref_binary (bins[k].op, v, s);
                  any_nan = (bins[k].op == QS_ROW_ADD || bins[k].op == QS_ROW_MUL) && isnan (v) && isnan (s);
                }
              else
                {
                  w = v >= 0 ? v : v * s;
                  any_nan = isnan (v) && isnan (s);
                }
              if (!same_f32 (qs_tensor_f32 (y)[i], w, any_nan))
                g_error ("%s under %s, element %" G_GSIZE_FORMAT ": %a and %a give %a, want %a",
                         k < G_N_ELEMENTS (bins) ? bins[k].type : "PReLU", qs_isa_name (list[m]),
                         i, v, s, qs_tensor_f32 (y)[i], w);
            }
        }
    }
  qs_kernels_set_isa (saved);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qscope/rows/binary", test_binary);
  g_test_add_func ("/qscope/rows/activations", test_activations);
  g_test_add_func ("/qscope/rows/exp", test_exp_rows);
  g_test_add_func ("/qscope/rows/exp-accuracy", test_exp_accuracy);
  g_test_add_func ("/qscope/rows/fake-quantize", test_fake_quantize);
  g_test_add_func ("/qscope/rows/quantize", test_quantize);
  g_test_add_func ("/qscope/rows/quantize-halves", test_quantize_halves);
  g_test_add_func ("/qscope/rows/dequantize", test_dequantize);
  g_test_add_func ("/qscope/rows/dequantize-i32-edges", test_dequantize_i32_edges);
  g_test_add_func ("/qscope/rows/requantize", test_requantize);
  g_test_add_func ("/qscope/rows/center", test_center);
  g_test_add_func ("/qscope/rows/ops", test_ops);
  g_test_add_func ("/qscope/rows/chain", test_chain);
  return g_test_run ();
}
