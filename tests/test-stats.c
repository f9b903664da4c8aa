/* test-stats.c — the statistics accumulators: merging, accuracy, bins,
 * FakeQuantize codes and errors, against values worked out by hand or
 * recomputed the plain way
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "qs-exec-test.h"
#include "qs-stats-private.h"

/* A deterministic stream of doubles in [0, 1). */
static double
next_uniform (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  z ^= z >> 31;
  return (double) (z >> 11) / 9007199254740992.0;
}

static QsTensor *
random_f32 (gsize   n,
            double  offset,
            double  spread,
            guint64 seed)
{
  gint64 dims[1] = { (gint64) n };
  QsTensor *t = qs_tensor_new_f32 (1, dims);
  gsize i;

  for (i = 0; i < n; i++)
    qs_tensor_f32 (t)[i] = (float) (offset + spread * (next_uniform (&seed) - 0.5));
  return t;
}

static void
test_bins_by_hand (void)
{
  g_autoptr(QsTensor) t = QS_F32 ("7", -2, 0, 0.25, 0.5, 1, 3, NAN);
  QsBinning bins = { 0, 1 };
  QsSummary s;

  qs_summary_init (&s, &bins, NULL);
  qs_summary_add_tensor (&s, t);
  g_assert_cmpuint (s.n, ==, 6);
  g_assert_cmpuint (s.n_nan, ==, 1);
  g_assert_cmpuint (s.below, ==, 1);
  g_assert_cmpuint (s.above, ==, 1);
  /* 0 → bin 0, 0.25 → bin 16, 0.5 → bin 32, 1 (the high edge) → the last bin */
  g_assert_cmpuint (s.histogram[0], ==, 1);
  g_assert_cmpuint (s.histogram[16], ==, 1);
  g_assert_cmpuint (s.histogram[32], ==, 1);
  g_assert_cmpuint (s.histogram[QS_STATS_BINS - 1], ==, 1);
  g_assert_cmpfloat (s.min, ==, -2);
  g_assert_cmpfloat (s.max, ==, 3);
  g_assert_cmpfloat_with_epsilon (s.mean, 2.75 / 6, 1e-12);
  qs_summary_clear (&s);
}

static void
test_fq_codes (void)
{
  /* levels 5 over [0, 1]: codes at 0, .25, .5, .75, 1; -1 and 2 clip */
  g_autoptr(QsTensor) t = QS_F32 ("6", -1, 0.1, 0.12, 0.6, 2, INFINITY);
  QsFqRange fq = { 0, 1, 5 };
  QsSummary s;

  qs_summary_init (&s, NULL, &fq);
  qs_summary_add_tensor (&s, t);
  g_assert_cmpuint (s.n, ==, 5);
  g_assert_cmpuint (s.n_inf, ==, 1);
  g_assert_cmpuint (s.clipped_low, ==, 1);
  g_assert_cmpuint (s.clipped_high, ==, 1);
  /* -1 → code 0, 0.1 and 0.12 → code 0 (0.4, 0.48), 0.6 → 2 (2.4), 2 → 4 */
  g_assert_cmpuint (qs_summary_levels_used (&s), ==, 3);
  g_assert_cmpfloat_with_epsilon (qs_summary_clipped (&s), 0.4, 1e-12);
  qs_summary_clear (&s);
}

/* Merging the summaries of pieces gives the summary of the whole: exact
 * for every count, within rounding for the moments. */
static void
test_merge_equals_whole (void)
{
  g_autoptr(QsTensor) whole = random_f32 (50000, 3, 10, 1);
  QsBinning bins = { -1, 6 };
  QsFqRange fq = { -0.5f, 5.5f, 256 };
  QsSummary all, merged;
  gsize from;
  guint i;

  qs_summary_init (&all, &bins, &fq);
  qs_summary_add_tensor (&all, whole);
  qs_summary_init (&merged, &bins, &fq);
  for (from = 0; from < whole->n_elements; from += 7001)
    {
      gsize n = MIN (7001, whole->n_elements - from);
      gint64 dims[1] = { (gint64) n };
      g_autoptr(QsTensor) part = qs_tensor_new_f32 (1, dims);
      QsSummary piece;

      memcpy (part->data, qs_tensor_f32 (whole) + from, n * sizeof (float));
      qs_summary_init (&piece, &bins, &fq);
      qs_summary_add_tensor (&piece, part);
      g_assert_true (qs_summary_merge (&merged, &piece));
      qs_summary_clear (&piece);
    }
  g_assert_cmpuint (merged.n, ==, all.n);
  g_assert_cmpuint (merged.below, ==, all.below);
  g_assert_cmpuint (merged.above, ==, all.above);
  g_assert_cmpuint (merged.clipped_low, ==, all.clipped_low);
  g_assert_cmpuint (merged.clipped_high, ==, all.clipped_high);
  g_assert_cmpuint (qs_summary_levels_used (&merged), ==, qs_summary_levels_used (&all));
  for (i = 0; i < QS_STATS_BINS; i++)
    g_assert_cmpuint (merged.histogram[i], ==, all.histogram[i]);
  g_assert_cmpfloat (merged.min, ==, all.min);
  g_assert_cmpfloat (merged.max, ==, all.max);
  /* the pieces' blocks are not the whole's: both within the tolerances of
   * the reference, so within twice them of each other */
  {
    double std = qs_summary_std (&all), m = MAX (fabs (all.min), fabs (all.max));

    g_assert_cmpfloat_with_epsilon (merged.mean, all.mean, 2 * (QS_STATS_MEAN_RTOL * std + QS_STATS_ROUND_RTOL * m));
    g_assert_cmpfloat_with_epsilon (qs_summary_std (&merged), std, 2 * (QS_STATS_STD_RTOL * std + QS_STATS_ROUND_RTOL * m));
  }

  /* different bins do not merge */
  {
    QsBinning other = { -1, 7 };
    QsSummary wrong;

    qs_summary_init (&wrong, &other, &fq);
    g_assert_false (qs_summary_merge (&merged, &wrong));
    qs_summary_clear (&wrong);
  }
  qs_summary_clear (&all);
  qs_summary_clear (&merged);
}

/* A large mean against a small spread: Σx² − n·mean² would lose every
 * digit in double; the chunked update keeps the std to float rounding. */
static void
test_std_large_mean (void)
{
  g_autoptr(QsTensor) t = random_f32 (200000, 1e6, 1.0, 7);
  QsSummary s;
  double mean = 0, m2 = 0, exact;
  gsize i;

  for (i = 0; i < t->n_elements; i++)
    mean += qs_tensor_f32 (t)[i];
  mean /= t->n_elements;
  for (i = 0; i < t->n_elements; i++)
    m2 += (qs_tensor_f32 (t)[i] - mean) * (qs_tensor_f32 (t)[i] - mean);
  exact = sqrt (m2 / t->n_elements);

  qs_summary_init (&s, NULL, NULL);
  qs_summary_add_tensor (&s, t);
  g_assert_cmpfloat_with_epsilon (qs_summary_std (&s), exact, 1e-6 * exact);
  qs_summary_clear (&s);
}

static void
test_error_sums (void)
{
  g_autoptr(QsTensor) x = QS_F32 ("5", 1, 2, 3, 4, NAN);
  g_autoptr(QsTensor) y = QS_F32 ("5", 1, 2, 3, 5, 1);
  g_autoptr(QsTensor) x2 = QS_F32 ("2", 2, 0);
  g_autoptr(QsTensor) y2 = QS_F32 ("2", 2, 1);
  QsErrorSums a = { 0 }, b = { 0 };
  QsTensorError e;

  g_assert_true (qs_error_sums_add (&a, x, y));
  g_assert_cmpuint (a.n, ==, 4);
  g_assert_cmpuint (a.n_nonfinite, ==, 1);
  qs_tensor_error_from_sums (&a, &e);
  g_assert_cmpfloat_with_epsilon (e.sqnr_db, 10 * log10 (30.0), 1e-9);
  /* pooled over two tensors: signal 30 + 4, noise 1 + 1 */
  g_assert_true (qs_error_sums_add (&b, x2, y2));
  qs_error_sums_merge (&a, &b);
  qs_tensor_error_from_sums (&a, &e);
  g_assert_cmpfloat_with_epsilon (e.sqnr_db, 10 * log10 (34.0 / 2.0), 1e-9);
  g_assert_cmpfloat_with_epsilon (e.mse, 2.0 / 6.0, 1e-12);
  g_assert_false (qs_error_sums_add (&b, x, x2));
}

static void
test_step_sums (void)
{
  g_autoptr(QsTensor) x = QS_I32 ("4", 3, 4, 5, 6);
  g_autoptr(QsTensor) y = QS_I32 ("4", 3, 5, 3, 6);
  QsStepSums s = { 0 };
  QsStepError e;

  g_assert_true (qs_step_sums_add (&s, x, y, 1.0));
  qs_step_error_from_sums (&s, &e);
  g_assert_cmpfloat (e.max_steps, ==, 2);
  g_assert_cmpfloat_with_epsilon (e.mean_steps, 0.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (e.share_differ, 0.5, 1e-12);
}

/* Steps between two u8 or two i8 code tensors (the int8 check's case):
 * the integer path equals the double loop over the same codes as i32, bit
 * for bit, from an empty and from a running accumulator (an integer sum,
 * and a fractional one, which takes the double loop). */
static void
test_step_sums_codes (void)
{
  static const gsize lens[] = { 1, 7, 33, 4097, 65537 };
  static const QsStepSums priors[] = { { 0 }, { 5, 2, 7.0, 3.0 }, { 5, 2, 7.5, 300.0 } };
  g_autoptr(GRand) rnd = g_rand_new_with_seed (99);
  guint t, k, p;

  for (t = 0; t < 2; t++)
    for (k = 0; k < G_N_ELEMENTS (lens); k++)
      for (p = 0; p < G_N_ELEMENTS (priors); p++)
        {
          QsElementType type = t == 0 ? QS_ELEMENT_U8 : QS_ELEMENT_I8;
          gint64 dims[1] = { (gint64) lens[k] };
          g_autoptr(QsTensor) x = qs_tensor_new (type, 1, dims);
          g_autoptr(QsTensor) y = qs_tensor_new (type, 1, dims);
          g_autoptr(QsTensor) x32 = NULL, y32 = NULL;
          QsStepSums got = priors[p], want = priors[p];
          gsize i;

          for (i = 0; i < lens[k]; i++)
            {
              guint8 a = (guint8) g_rand_int_range (rnd, 0, 256);
              int r = g_rand_int_range (rnd, 0, 8);
              guint8 b = r < 4 ? a : (r < 7 ? (guint8) (a + g_rand_int_range (rnd, -2, 3)) : (guint8) g_rand_int (rnd));

              ((guint8 *) x->data)[i] = a;
              ((guint8 *) y->data)[i] = b;
            }
          x32 = qs_tensor_convert (x, QS_ELEMENT_I32);
          y32 = qs_tensor_convert (y, QS_ELEMENT_I32);
          g_assert_true (qs_step_sums_add (&got, x, y, 1.0));
          g_assert_true (qs_step_sums_add (&want, x32, y32, 1.0));
          g_assert_cmpuint (got.n, ==, want.n);
          g_assert_cmpuint (got.n_differ, ==, want.n_differ);
          g_assert_true (got.sum_steps == want.sum_steps);
          g_assert_true (got.max_steps == want.max_steps);
        }
}

/* ---- the fast paths against the reference ----
 *
 * Every ISA the CPU has (QS_ISA lowered in turn) against the scalar double
 * reference (_qs_summary_add_tensor_ref and friends): integer results bit
 * for bit, sums within the tolerances of qs-stats.h. */

static const gsize lengths[] = { 0, 1, 7, 15, 16, 17, 31, 33, 4095, 4096, 4097, 65537, 1000003 };

typedef enum
{
  GEN_PLAIN,       /* uniform over and around the bins */
  GEN_NONFINITE,   /* NaN, ±inf and signed zeros among them */
  GEN_HUGE,        /* up to ±FLT_MAX */
  GEN_TINY,        /* denormals, ±FLT_MIN, zeros */
  GEN_EDGES,       /* bin edges, code ties and their float neighbours */
  GEN_RUNS,        /* runs of 1 to 300 equal values (a constant region, as
                    * ReLU zeros), NaN and ±inf runs too, at any offset */
  GEN_N
} Gen;

static const char *gen_names[GEN_N] = { "plain", "nonfinite", "huge", "tiny", "edges", "runs" };

static float
gen_value (Gen         g,
           guint64    *state,
           const float lo,
           const float hi)
{
  double u = next_uniform (state), r = next_uniform (state);
  float w = (hi - lo) / QS_STATS_BINS;

  switch (g)
    {
    case GEN_PLAIN:
      return (float) (lo - 1 + (hi - lo + 2) * u);
    case GEN_NONFINITE:
      if (r < 0.08)
        return NAN;
      if (r < 0.12)
        return INFINITY;
      if (r < 0.16)
        return -INFINITY;
      if (r < 0.20)
        return r < 0.18 ? -0.0f : 0.0f;
      return (float) (lo - 1 + (hi - lo + 2) * u);
    case GEN_HUGE:
      if (r < 0.1)
        return r < 0.05 ? FLT_MAX : -FLT_MAX;
      return (float) ((u - 0.5) * 2 * (r < 0.6 ? 3e38 : 1e30));
    case GEN_TINY:
      if (r < 0.1)
        return r < 0.05 ? FLT_MIN : -FLT_MIN;
      if (r < 0.2)
        return r < 0.15 ? 0.0f : -0.0f;
      if (r < 0.7)
        return (float) ((u - 0.5) * 2e-39);   /* denormal */
      return (float) ((u - 0.5) * 1e-30);
    case GEN_EDGES:
      {
        int k = (int) (u * (QS_STATS_BINS + 1));
        float edge = lo + (float) k * w;

        if (r < 0.3)
          return edge;
        if (r < 0.5)
          return nextafterf (edge, -INFINITY);
        if (r < 0.7)
          return nextafterf (edge, INFINITY);
        return lo + ((float) k + 0.5f) * w;   /* a tie for codes over the same range */
      }
    default:
      g_assert_not_reached ();
    }
}

static QsTensor *
gen_tensor (Gen     g,
            gsize   n,
            float   lo,
            float   hi,
            guint64 seed)
{
  gint64 dims[1] = { (gint64) n };
  QsTensor *t = qs_tensor_new_f32 (1, dims);
  gsize i;

  if (g == GEN_RUNS)
    for (i = 0; i < n;)
      {
        float v = gen_value (GEN_NONFINITE, &seed, lo, hi);
        gsize run = 1 + (gsize) (next_uniform (&seed) * 300), k;

        for (k = 0; k < run && i < n; k++, i++)
          qs_tensor_f32 (t)[i] = v;
      }
  else
    for (i = 0; i < n; i++)
      qs_tensor_f32 (t)[i] = gen_value (g, &seed, lo, hi);
  return t;
}

static gboolean
same_bits (double a,
           double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

static void
assert_summary_matches (const QsSummary *s,
                        const QsSummary *ref,
                        const char      *what)
{
  double m, std, std_ref;
  guint i;

  if (s->n != ref->n || s->n_nan != ref->n_nan || s->n_inf != ref->n_inf ||
      s->below != ref->below || s->above != ref->above ||
      s->clipped_low != ref->clipped_low || s->clipped_high != ref->clipped_high ||
      !same_bits (s->min, ref->min) || !same_bits (s->max, ref->max))
    g_error ("%s: counts or extremes differ: n %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
             " nan %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " inf %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
             " below %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " above %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
             " clip %" G_GUINT64_FORMAT "+%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT "+%" G_GUINT64_FORMAT
             " min %a/%a max %a/%a", what, s->n, ref->n, s->n_nan, ref->n_nan, s->n_inf, ref->n_inf,
             s->below, ref->below, s->above, ref->above, s->clipped_low, s->clipped_high,
             ref->clipped_low, ref->clipped_high, s->min, ref->min, s->max, ref->max);
  for (i = 0; i < QS_STATS_BINS; i++)
    if (s->histogram[i] != ref->histogram[i])
      g_error ("%s: bin %u holds %" G_GUINT64_FORMAT ", the reference %" G_GUINT64_FORMAT,
               what, i, s->histogram[i], ref->histogram[i]);
  g_assert_cmpint (s->has_fq, ==, ref->has_fq);
  if (s->has_fq && memcmp (s->levels_seen, ref->levels_seen, (s->fq.levels + 63) / 64 * 8) != 0)
    g_error ("%s: levels used %u, the reference %u", what,
             qs_summary_levels_used (s), qs_summary_levels_used (ref));
  if (ref->n == 0)
    return;
  m = MAX (fabs (ref->min), fabs (ref->max));
  std = qs_summary_std (s);
  std_ref = qs_summary_std (ref);
  if (!(fabs (s->mean - ref->mean) <= QS_STATS_MEAN_RTOL * std_ref + QS_STATS_ROUND_RTOL * m) ||
      !(fabs (std - std_ref) <= QS_STATS_STD_RTOL * std_ref + QS_STATS_ROUND_RTOL * m))
    g_error ("%s: mean %.17g / %.17g, std %.17g / %.17g", what, s->mean, ref->mean, std, std_ref);
}

typedef struct
{
  const char *name;
  QsBinning   bins;
  gboolean    use_bins;
  QsFqRange   fq;
  gboolean    use_fq;
} Config;

static const Config configs[] = {
  { "bins+fq256", { -2.0f, 4.5f }, TRUE, { -1.5f, 3.0f, 256 }, TRUE },
  { "bins", { -3.7f, 11.3f }, TRUE, { 0 }, FALSE },
  { "fq16", { 0 }, FALSE, { -2.0f, 4.5f, 16 }, TRUE },
  { "bare", { 0 }, FALSE, { 0 }, FALSE },
  /* the widest range: x − lo overflows to +inf for the top values */
  { "widest", { -FLT_MAX, FLT_MAX }, TRUE, { -FLT_MAX, FLT_MAX, 255 }, TRUE },
  /* more levels than a byte map: the bitmap path */
  { "fq131072", { 0.0f, 1.0f }, TRUE, { -1.0f, 2.0f, 131072 }, TRUE },
};

/* Adds a small tensor first, so the merge into a summary that is not
 * empty is covered too. */
static void
summary_of (QsSummary       *s,
            const Config    *c,
            const QsTensor  *t,
            const QsTensor  *first,
            gboolean         reference)
{
  qs_summary_init (s, c->use_bins ? &c->bins : NULL, c->use_fq ? &c->fq : NULL);
  if (reference)
    {
      _qs_summary_add_tensor_ref (s, first);
      _qs_summary_add_tensor_ref (s, t);
    }
  else
    {
      qs_summary_add_tensor (s, first);
      qs_summary_add_tensor (s, t);
    }
}

static void
test_paths_summary (void)
{
  QsIsa best = qs_kernels_detect_isa (), isa;
  g_autoptr(QsTensor) first = QS_F32 ("5", 0.5, -1, 2, NAN, 3.25);
  guint c, li;
  int g;

  for (c = 0; c < G_N_ELEMENTS (configs); c++)
    for (g = 0; g < GEN_N; g++)
      for (li = 0; li < G_N_ELEMENTS (lengths); li++)
        {
          const Config *cf = &configs[c];
          float lo = cf->use_bins ? cf->bins.lo : -2.0f, hi = cf->use_bins ? cf->bins.hi : 4.5f;
          g_autoptr(QsTensor) t = NULL;
          QsSummary ref;

          if (lengths[li] > 100000 && c >= 2)
            continue;   /* the long tensor with the first two configurations only */
          if (c == 4)
            lo = -1e30f, hi = 1e30f;   /* ordinary values against the widest bins */
          t = gen_tensor (g, lengths[li], lo, hi, 1000 * c + 10 * g + li);
          summary_of (&ref, cf, t, first, TRUE);
          for (isa = QS_ISA_SCALAR; isa <= best; isa++)
            {
              g_autofree char *what = g_strdup_printf ("%s %s n=%" G_GSIZE_FORMAT " %s", cf->name,
                                                       gen_names[g], lengths[li], qs_isa_name (isa));
              QsSummary s;

              qs_kernels_set_isa (isa);
              summary_of (&s, cf, t, first, FALSE);
              assert_summary_matches (&s, &ref, what);
              qs_summary_clear (&s);
            }
          qs_summary_clear (&ref);
        }
  qs_kernels_set_isa (best);
  g_test_message ("ISAs held to the reference: scalar to %s", qs_isa_name (best));
}

/* The block passes element by element: every ISA's bin slot and code of
 * each value equal the scalar pass's. */
static void
test_paths_block_elements (void)
{
  QsIsa best = qs_kernels_detect_isa (), isa;
  const QsStatsKernels *scalar = _qs_stats_kernels (QS_ISA_SCALAR);
  guint c, li;
  int g;

  for (c = 0; c < G_N_ELEMENTS (configs); c++)
    for (g = 0; g < GEN_N; g++)
      for (li = 0; li < G_N_ELEMENTS (lengths) && lengths[li] <= QS_STATS_BLOCK; li++)
        {
          const Config *cf = &configs[c];
          gsize n = lengths[li], i;
          g_autoptr(QsTensor) t = gen_tensor (g, n, cf->use_bins ? cf->bins.lo : -2.0f,
                                              cf->use_bins ? cf->bins.hi : 4.5f, 77 + c * 100 + g * 10 + li);
          QsSummary s;
          QsStatsParams p;
          QsStatsBlock b0, b1;
          static guint8 bins0[QS_STATS_BLOCK], bins1[QS_STATS_BLOCK];
          static guint32 codes0[QS_STATS_BLOCK], codes1[QS_STATS_BLOCK];
          QsStatsCounts counts0, counts1;
          static guint16 pairs[QS_STATS_PAIR_TABLES * QS_STATS_PAIRS];

          int mask;

          qs_summary_init (&s, cf->use_bins ? &cf->bins : NULL, cf->use_fq ? &cf->fq : NULL);
          _qs_stats_params (&s, &p);
          /* codes one by one, and (up to 256 levels) as the set of codes seen */
          for (mask = 0; mask <= (int) p.fq_mask; mask++)
          for (isa = QS_ISA_AVX2; isa <= best; isa++)
            {
              guint slot;

              p.fq_mask = mask;
              memset (&counts0, 0, sizeof counts0);
              memset (&counts1, 0, sizeof counts1);
              /* on every other length, pairs of slots as a pass may count them */
              memset (pairs, 0, sizeof pairs);
              counts1.pairs = li % 2 ? pairs : NULL;
              memset (b0.seen, 0, sizeof b0.seen);
              memset (b1.seen, 0, sizeof b1.seen);
              b0.known_lo = b1.known_lo = INFINITY;
              b0.known_hi = b1.known_hi = -INFINITY;
              scalar->summary_f32 (qs_tensor_f32 (t), n, &p, &b0, &counts0, bins0, codes0);
              _qs_stats_kernels (isa)->summary_f32 (qs_tensor_f32 (t), n, &p, &b1, &counts1, bins1, codes1);
              if (counts1.pairs_used)
                _qs_stats_kernels (isa)->fold_pairs (&counts1);
              for (slot = 0; slot < G_N_ELEMENTS (pairs); slot++)
                g_assert_cmpuint (pairs[slot], ==, 0);   /* cleared by the fold */
              /* the bin slots as counts (a pass may count them without
               * storing them) */
              for (slot = 0; p.has_bins && slot < QS_STATS_BIN_SLOTS; slot++)
                {
                  guint64 c0 = 0, c1 = 0;
                  guint k;

                  for (k = 0; k < QS_STATS_COUNT_TABLES; k++)
                    {
                      c0 += counts0.slots[k][slot];
                      c1 += counts1.slots[k][slot];
                    }
                  if (c0 != c1)
                    g_error ("%s %s n=%" G_GSIZE_FORMAT ": slot %u counts %" G_GUINT64_FORMAT ", %s %"
                             G_GUINT64_FORMAT, cf->name, gen_names[g], n, slot, c0, qs_isa_name (isa), c1);
                }
              for (i = 0; i < n; i++)
                {
                  if (p.has_fq && !p.fq_mask && codes0[i] != codes1[i])
                    g_error ("%s %s: %a has code %u, %s gives %u", cf->name, gen_names[g],
                             qs_tensor_f32 (t)[i], codes0[i], qs_isa_name (isa), codes1[i]);
                }
              g_assert_cmpuint (b0.n, ==, b1.n);
              g_assert_cmpuint (b0.n_nan, ==, b1.n_nan);
              g_assert_cmpuint (b0.n_inf, ==, b1.n_inf);
              g_assert_cmpuint (b0.clipped_low, ==, b1.clipped_low);
              g_assert_cmpuint (b0.clipped_high, ==, b1.clipped_high);
              if (p.has_fq && p.fq_mask)
                g_assert_true (memcmp (b0.seen, b1.seen, sizeof b0.seen) == 0);
              g_assert_true (memcmp (&b0.min, &b1.min, sizeof b0.min) == 0 || (b0.min == 0 && b1.min == 0));
              g_assert_true (memcmp (&b0.max, &b1.max, sizeof b0.max) == 0 || (b0.max == 0 && b1.max == 0));
            }
          qs_summary_clear (&s);
        }
}

/* Values on bin edges, worked out by hand: over [0, 1] the factor is 64
 * exactly, so k/64 lands in bin k and the float just below it in bin
 * k − 1, on every path. */
static void
test_bin_edges (void)
{
  QsIsa best = qs_kernels_detect_isa (), isa;
  gint64 dims[1] = { 2 * QS_STATS_BINS + 1 };
  g_autoptr(QsTensor) t = qs_tensor_new_f32 (1, dims);
  QsBinning bins = { 0, 1 };
  int k;

  for (k = 0; k <= QS_STATS_BINS; k++)
    {
      qs_tensor_f32 (t)[2 * k] = (float) k / QS_STATS_BINS;
      if (k > 0)
        qs_tensor_f32 (t)[2 * k - 1] = nextafterf ((float) k / QS_STATS_BINS, 0);
    }
  for (isa = QS_ISA_SCALAR; isa <= best; isa++)
    {
      QsSummary s;

      qs_kernels_set_isa (isa);
      qs_summary_init (&s, &bins, NULL);
      qs_summary_add_tensor (&s, t);
      /* bin 0: 0; bin k (0 < k < 63): k/64 and the float below (k+1)/64;
       * bin 63: 63/64, the float below 1, and 1 itself */
      g_assert_cmpuint (s.histogram[0], ==, 2);
      for (k = 1; k < QS_STATS_BINS - 1; k++)
        g_assert_cmpuint (s.histogram[k], ==, 2);
      g_assert_cmpuint (s.histogram[QS_STATS_BINS - 1], ==, 3);
      g_assert_cmpuint (s.below + s.above, ==, 0);
      qs_summary_clear (&s);
    }
  qs_kernels_set_isa (best);
}

/* The reference's code of one value, written out again for the tests. */
static guint
ref_code (const QsFqRange *fq,
          float            x)
{
  float lm1 = (float) (fq->levels - 1), c;

  x = CLAMP (x, fq->in_low, fq->in_high);
  c = nearbyintf ((x - fq->in_low) / (fq->in_high - fq->in_low) * lm1);
  c = c >= 0.0f ? c : 0.0f;
  return (guint) (c <= lm1 ? c : lm1);
}

/* The smallest float in [in_low, in_high] whose code is >= c (c >= 1), by
 * bisection over the floats (the code is monotonic in x). */
static float
ref_threshold (const QsFqRange *fq,
               guint            c)
{
  float a = fq->in_low, b = fq->in_high;

  for (;;)
    {
      float m = a / 2 + b / 2;

      if (m <= a || m >= b)
        {
          /* adjacent, or m rounded onto an end: step by ulps */
          float next = nextafterf (a, INFINITY);

          if (next >= b)
            return b;
          m = next;
        }
      if (ref_code (fq, m) >= c)
        b = m;
      else
        a = m;
    }
}

static const QsFqRange code_ranges[] = {
  { -1.0f, 1.0f, 256 },
  { -2.5f, 2.5f, 256 },
  { 0.0f, 6.0f, 256 },
  { -0.3f, 1.7f, 255 },
  { 0.0f, 1.0f, 16 },
  { 1e-3f, 2e-3f, 256 },
  { -1e-30f, 3e-30f, 256 },
  { -3.0f, 5.0f, 1024 },     /* codes stored, not a bit set */
  { -7.0f, 9.0f, 4096 },     /* no reciprocal */
};

/* Values on FakeQuantize rounding boundaries, chosen on purpose: for every
 * code c, the floats around the exact boundary (c + 1/2) · W / L + in_low
 * and around the smallest float of code c + 1, each alone in a tensor of
 * seventeen copies (a full vector and a tail): every ISA's set of codes is
 * the reference's single code.  The reciprocal of the SIMD passes is
 * checked here where it matters, at the boundaries. */
static void
test_code_boundaries (void)
{
  QsIsa best = qs_kernels_detect_isa (), isa;
  gint64 dims[1] = { 17 };
  g_autoptr(QsTensor) t = qs_tensor_new_f32 (1, dims);
  guint r, checked = 0;

  for (r = 0; r < G_N_ELEMENTS (code_ranges); r++)
    {
      const QsFqRange *fq = &code_ranges[r];
      guint lm1 = fq->levels - 1, c, step = lm1 > 300 ? 37 : 1;

      for (c = 0; c < lm1; c += step)
        {
          double w = (double) fq->in_high - fq->in_low;
          float around[2], v;
          int a, d;

          around[0] = (float) (fq->in_low + (c + 0.5) * w / lm1);
          around[1] = ref_threshold (fq, c + 1);
          for (a = 0; a < 2; a++)
            for (d = -3, v = around[a]; d <= 3; d++)
              {
                float x = around[a];
                guint want, k;
                int u;

                for (u = 0; u < ABS (d); u++)
                  x = nextafterf (x, d < 0 ? -INFINITY : INFINITY);
                want = ref_code (fq, x);
                for (k = 0; k < 17; k++)
                  qs_tensor_f32 (t)[k] = x;
                for (isa = QS_ISA_SCALAR; isa <= best; isa++)
                  {
                    QsSummary s;
                    guint got;

                    qs_kernels_set_isa (isa);
                    qs_summary_init (&s, NULL, fq);
                    qs_summary_add_tensor (&s, t);
                    got = qs_summary_levels_used (&s);
                    if (got != 1 || !(s.levels_seen[want / 64] >> (want % 64) & 1))
                      g_error ("[%g, %g] %u levels: %a has code %u, %s marks %u levels, not it",
                               fq->in_low, fq->in_high, fq->levels, x, want, qs_isa_name (isa), got);
                    qs_summary_clear (&s);
                    checked++;
                  }
              }
          (void) v;
        }
    }
  qs_kernels_set_isa (best);
  g_test_message ("%u tensors on code boundaries", checked);
}

/* The interval of values known to map to codes seen (the passes skip their
 * codes) ends exactly where the next code starts: four blocks of one code
 * c, then a block of the floats on either side of the smallest float of
 * code c + 1 (and of code c); the codes next to the run must be marked. */
static void
test_known_codes (void)
{
  QsIsa best = qs_kernels_detect_isa (), isa;
  gint64 dims[1] = { 5 * QS_STATS_BLOCK };
  g_autoptr(QsTensor) t = qs_tensor_new_f32 (1, dims);
  guint r;

  for (r = 0; r < G_N_ELEMENTS (code_ranges); r++)
    {
      const QsFqRange *fq = &code_ranges[r];
      guint lm1 = fq->levels - 1, c;

      for (c = 1; c + 1 < lm1; c += lm1 / 7 + 1)
        {
          float mid = ref_threshold (fq, c), up = ref_threshold (fq, c + 1);
          float edges[4] = { nextafterf (up, -INFINITY), up, nextafterf (mid, -INFINITY), mid };
          gsize i;

          for (i = 0; i < 4 * QS_STATS_BLOCK; i++)
            qs_tensor_f32 (t)[i] = mid;
          for (; i < 5 * QS_STATS_BLOCK; i++)
            qs_tensor_f32 (t)[i] = edges[i % 4];
          g_assert_cmpuint (ref_code (fq, edges[0]), ==, c);
          g_assert_cmpuint (ref_code (fq, edges[1]), ==, c + 1);
          g_assert_cmpuint (ref_code (fq, edges[2]), ==, c - 1);
          for (isa = QS_ISA_SCALAR; isa <= best; isa++)
            {
              QsSummary s, ref;

              qs_kernels_set_isa (isa);
              qs_summary_init (&s, NULL, fq);
              qs_summary_init (&ref, NULL, fq);
              qs_summary_add_tensor (&s, t);
              _qs_summary_add_tensor_ref (&ref, t);
              g_assert_cmpuint (qs_summary_levels_used (&ref), ==, 3);
              if (memcmp (s.levels_seen, ref.levels_seen, (fq->levels + 63) / 64 * 8) != 0)
                g_error ("[%g, %g] %u levels, codes %u .. %u: %s marks %u levels", fq->in_low, fq->in_high,
                         fq->levels, c - 1, c + 1, qs_isa_name (isa), qs_summary_levels_used (&s));
              qs_summary_clear (&s);
              qs_summary_clear (&ref);
            }
        }
    }
  qs_kernels_set_isa (best);
}

static QsTensor *
random_bytes (QsElementType type,
              gsize         n,
              guint64       seed)
{
  gint64 dims[1] = { (gint64) n };
  QsTensor *t = qs_tensor_new (type, 1, dims);
  guint8 *d = t->data;
  gsize i;

  for (i = 0; i < n; i++)
    {
      double u = next_uniform (&seed);

      /* a narrow bulk, as codes are, and every value now and then */
      d[i] = type == QS_ELEMENT_BOOLEAN ? u < 0.3 : (guint8) (u < 0.9 ? 100 + (int) (u * 40) : (int) (u * 2560) % 256);
    }
  return t;
}

/* Byte tensors (the int8 run's codes) through the count of their values. */
static void
test_paths_bytes (void)
{
  static const QsElementType types[] = { QS_ELEMENT_U8, QS_ELEMENT_I8, QS_ELEMENT_BOOLEAN };
  static const Config byte_configs[] = {
    { "u8-range", { 0, 255 }, TRUE, { 0, 255, 256 }, TRUE },
    { "i8-range", { -128, 127 }, TRUE, { -128, 127, 256 }, TRUE },
    { "narrow", { 90.5f, 130.25f }, TRUE, { 95, 120, 11 }, TRUE },
    { "bare", { 0 }, FALSE, { 0 }, FALSE },
  };
  guint ti, c, li;

  for (ti = 0; ti < G_N_ELEMENTS (types); ti++)
    for (c = 0; c < G_N_ELEMENTS (byte_configs); c++)
      for (li = 0; li < G_N_ELEMENTS (lengths); li++)
        {
          const Config *cf = &byte_configs[c];
          g_autoptr(QsTensor) t = random_bytes (types[ti], lengths[li], 5 + li);
          g_autoptr(QsTensor) first = random_bytes (types[ti], 9, 3);
          g_autofree char *what = g_strdup_printf ("%s type %d n=%" G_GSIZE_FORMAT, cf->name, types[ti], lengths[li]);
          QsSummary s, ref;
          double lo, hi, lo_ref, hi_ref;

          summary_of (&ref, cf, t, first, TRUE);
          summary_of (&s, cf, t, first, FALSE);
          assert_summary_matches (&s, &ref, what);
          qs_summary_clear (&s);
          qs_summary_clear (&ref);
          g_assert_cmpint (qs_tensor_min_max (t, &lo, &hi), ==, _qs_tensor_min_max_ref (t, &lo_ref, &hi_ref));
          if (lengths[li] > 0)
            {
              g_assert_true (same_bits (lo, lo_ref));
              g_assert_true (same_bits (hi, hi_ref));
            }
        }
}

static QsTensor *
random_i32 (gsize   n,
            guint64 seed)
{
  gint64 dims[1] = { (gint64) n };
  QsTensor *t = qs_tensor_new (QS_ELEMENT_I32, 1, dims);
  gint32 *d = t->data;
  gsize i;

  for (i = 0; i < n; i++)
    {
      double u = next_uniform (&seed), r = next_uniform (&seed);

      if (r < 0.05)
        d[i] = r < 0.025 ? G_MAXINT32 : G_MININT32;
      else if (r < 0.2)
        d[i] = (gint32) ((u - 0.5) * 4e9);             /* rounds when made a float */
      else if (r < 0.3)
        d[i] = (1 << 24) + 1 + (gint32) (u * 9);        /* odd above 2^24: float ties */
      else
        d[i] = (gint32) ((u - 0.5) * 3000);
    }
  return t;
}

/* i32 tensors (the int8 run's accumulators): bins and codes from their
 * float values as the reference, moments exact. */
static void
test_paths_i32 (void)
{
  static const Config i32_configs[] = {
    { "i32", { -1000, 1000 }, TRUE, { -1200, 1300, 256 }, TRUE },
    { "i32-wide", { -3e9f, 3e9f }, TRUE, { 16777000, 16777300, 255 }, TRUE },
    { "bare", { 0 }, FALSE, { 0 }, FALSE },
  };
  QsIsa best = qs_kernels_detect_isa (), isa;
  g_autoptr(QsTensor) first = QS_I32 ("3", 5, -7, 1000);
  guint c, li;

  for (c = 0; c < G_N_ELEMENTS (i32_configs); c++)
    for (li = 0; li < G_N_ELEMENTS (lengths); li++)
      {
        const Config *cf = &i32_configs[c];
        g_autoptr(QsTensor) t = random_i32 (lengths[li], 11 * c + li);
        QsSummary ref;
        double lo_ref, hi_ref;
        gboolean has = _qs_tensor_min_max_ref (t, &lo_ref, &hi_ref);

        summary_of (&ref, cf, t, first, TRUE);
        for (isa = QS_ISA_SCALAR; isa <= best; isa++)
          {
            g_autofree char *what = g_strdup_printf ("%s n=%" G_GSIZE_FORMAT " %s", cf->name, lengths[li], qs_isa_name (isa));
            QsSummary s;
            double lo, hi;

            qs_kernels_set_isa (isa);
            summary_of (&s, cf, t, first, FALSE);
            assert_summary_matches (&s, &ref, what);
            qs_summary_clear (&s);
            g_assert_cmpint (qs_tensor_min_max (t, &lo, &hi), ==, has);
            g_assert_true (same_bits (lo, lo_ref) && same_bits (hi, hi_ref));
          }
        qs_summary_clear (&ref);
      }
  qs_kernels_set_isa (best);
}

/* The moments of a byte tensor without bins or codes (integer sums, not
 * the count of values) on every ISA: each ISA's byte pass equals the
 * scalar twin in every figure (all integers), the summary the reference;
 * lengths around the 64- and 32-byte steps and the task size. */
static void
test_paths_byte_moments (void)
{
  static const QsElementType types[] = { QS_ELEMENT_U8, QS_ELEMENT_I8, QS_ELEMENT_BOOLEAN };
  static const gsize byte_lengths[] = { 1, 31, 32, 33, 63, 64, 65, 127, 4099, QS_STATS_TASK - 1, QS_STATS_TASK };
  const QsStatsKernels *scalar = _qs_stats_kernels (QS_ISA_SCALAR);
  const Config bare = { "bare", { 0 }, FALSE, { 0 }, FALSE };
  QsIsa best = qs_kernels_detect_isa (), isa;
  guint ti, li;

  for (ti = 0; ti < G_N_ELEMENTS (types); ti++)
    for (li = 0; li < G_N_ELEMENTS (byte_lengths); li++)
      for (isa = QS_ISA_SCALAR; isa <= best; isa++)
        {
          g_autoptr(QsTensor) t = random_bytes (types[ti], byte_lengths[li], 40 + li);
          guint64 s0, q0, s1, q1;
          guint8 l0, h0, l1, h1, flip;

          /* every byte value, extremes included, in the first 256 */
          for (gsize i = 0; i < MIN (256, t->n_elements) && types[ti] != QS_ELEMENT_BOOLEAN; i++)
            ((guint8 *) t->data)[i] = (guint8) (i * 97 + 13);
          for (flip = 0; ; flip = 0x80)
            {
              scalar->moments_u8 (t->data, t->n_elements, flip, &s0, &q0, &l0, &h0);
              _qs_stats_kernels (isa)->moments_u8 (t->data, t->n_elements, flip, &s1, &q1, &l1, &h1);
              if (s0 != s1 || q0 != q1 || l0 != l1 || h0 != h1)
                g_error ("%s n=%" G_GSIZE_FORMAT " flip %u: sum %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
                         " sum sq %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " min %u/%u max %u/%u",
                         qs_isa_name (isa), byte_lengths[li], flip, s1, s0, q1, q0, l1, l0, h1, h0);
              if (flip != 0)
                break;
            }
        }
  for (ti = 0; ti < G_N_ELEMENTS (types); ti++)
    for (li = 0; li < G_N_ELEMENTS (lengths); li++)
      {
        g_autoptr(QsTensor) t = random_bytes (types[ti], lengths[li], 70 + li);
        g_autoptr(QsTensor) first = random_bytes (types[ti], 9, 3);
        QsSummary ref;
        double lo, hi, lo_ref, hi_ref;
        gboolean has = _qs_tensor_min_max_ref (t, &lo_ref, &hi_ref);

        summary_of (&ref, &bare, t, first, TRUE);
        for (isa = QS_ISA_SCALAR; isa <= best; isa++)
          {
            g_autofree char *what = g_strdup_printf ("bare type %d n=%" G_GSIZE_FORMAT " %s", types[ti],
                                                     lengths[li], qs_isa_name (isa));
            QsSummary s;

            qs_kernels_set_isa (isa);
            summary_of (&s, &bare, t, first, FALSE);
            assert_summary_matches (&s, &ref, what);
            qs_summary_clear (&s);
            /* the extremes, taken from the byte moments on each ISA */
            g_assert_cmpint (qs_tensor_min_max (t, &lo, &hi), ==, has);
            if (has && (!same_bits (lo, lo_ref) || !same_bits (hi, hi_ref)))
              g_error ("%s: extremes [%g, %g], the reference [%g, %g]", what, lo, hi, lo_ref, hi_ref);
          }
        qs_summary_clear (&ref);
      }
  qs_kernels_set_isa (best);
}

/* The i32 moments of one block on every ISA against the scalar twin: the
 * sum and the extremes bit for bit, m2 (in double on every path, shifted
 * by x[0]: at most 12 of its 53 bits lost) within 1e-9 relative. */
static void
test_paths_i32_moments (void)
{
  static const gsize block_lengths[] = { 1, 7, 8, 9, 15, 16, 17, 33, 4095, QS_STATS_BLOCK };
  const QsStatsKernels *scalar = _qs_stats_kernels (QS_ISA_SCALAR);
  QsIsa best = qs_kernels_detect_isa (), isa;
  guint li;

  for (li = 0; li < G_N_ELEMENTS (block_lengths); li++)
    for (isa = QS_ISA_SCALAR; isa <= best; isa++)
      {
        g_autoptr(QsTensor) t = random_i32 (block_lengths[li], 500 + li);
        gint64 s0, s1;
        double m0, m1;
        gint32 l0, h0, l1, h1;

        scalar->moments_i32 (t->data, t->n_elements, &s0, &m0, &l0, &h0);
        _qs_stats_kernels (isa)->moments_i32 (t->data, t->n_elements, &s1, &m1, &l1, &h1);
        if (s0 != s1 || l0 != l1 || h0 != h1 ||
            !(fabs (sqrt (m1) - sqrt (m0)) <= 1e-9 * sqrt (m0)))
          g_error ("%s n=%" G_GSIZE_FORMAT ": sum %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT " m2 %.17g/%.17g"
                   " min %d/%d max %d/%d", qs_isa_name (isa), block_lengths[li], s1, s0, m1, m0, l1, l0, h1, h0);
      }
}

/* One f32 block, every configuration and generator, every ISA against the
 * scalar twin: the sums of the one-pass moments (the no-mask pass of a
 * finite block without bins or codes, the masked one otherwise) within
 * the tolerances. */
static void
test_paths_block_moments (void)
{
  QsIsa best = qs_kernels_detect_isa (), isa;
  const QsStatsKernels *scalar = _qs_stats_kernels (QS_ISA_SCALAR);
  guint c, li;
  int g;

  for (c = 0; c < G_N_ELEMENTS (configs); c++)
    for (g = 0; g < GEN_N; g++)
      for (li = 0; li < G_N_ELEMENTS (lengths) && lengths[li] <= QS_STATS_BLOCK; li++)
        for (isa = QS_ISA_AVX2; isa <= best; isa++)
          {
            const Config *cf = &configs[c];
            gsize n = lengths[li];
            g_autoptr(QsTensor) t = gen_tensor (g, n, cf->use_bins ? cf->bins.lo : -2.0f,
                                                cf->use_bins ? cf->bins.hi : 4.5f, 300 + c * 100 + g * 10 + li);
            static guint8 bins[QS_STATS_BLOCK];
            static guint32 codes[QS_STATS_BLOCK];
            QsStatsCounts counts = { 0 };
            QsSummary s;
            QsStatsParams p;
            QsStatsBlock b0, b1;
            double m, mean0, mean1, std0, std1;

            qs_summary_init (&s, cf->use_bins ? &cf->bins : NULL, cf->use_fq ? &cf->fq : NULL);
            _qs_stats_params (&s, &p);
            memset (b0.seen, 0, sizeof b0.seen);
            memset (b1.seen, 0, sizeof b1.seen);
            b0.known_lo = b1.known_lo = INFINITY;
            b0.known_hi = b1.known_hi = -INFINITY;
            scalar->summary_f32 (qs_tensor_f32 (t), n, &p, &b0, &counts, bins, codes);
            _qs_stats_kernels (isa)->summary_f32 (qs_tensor_f32 (t), n, &p, &b1, &counts, bins, codes);
            qs_summary_clear (&s);
            g_assert_cmpuint (b0.n, ==, b1.n);
            g_assert_cmpuint (b0.n_nan, ==, b1.n_nan);
            g_assert_cmpuint (b0.n_inf, ==, b1.n_inf);
            if (b0.n == 0)
              continue;
            m = MAX (fabs (b0.min), fabs (b0.max));
            mean0 = b0.sum / b0.n;
            mean1 = b1.sum / b1.n;
            std0 = sqrt (b0.m2 / b0.n);
            std1 = sqrt (b1.m2 / b1.n);
            if (!(fabs (mean1 - mean0) <= QS_STATS_MEAN_RTOL * std0 + QS_STATS_ROUND_RTOL * m) ||
                !(fabs (std1 - std0) <= QS_STATS_STD_RTOL * std0 + QS_STATS_ROUND_RTOL * m))
              g_error ("%s %s n=%" G_GSIZE_FORMAT " %s: mean %.17g / %.17g, std %.17g / %.17g", cf->name,
                       gen_names[g], n, qs_isa_name (isa), mean1, mean0, std1, std0);
          }
}

/* The one-pass moments shift each block by its first finite value: an
 * outlier there, or NaN and infinities before it, against a large mean and
 * a small spread, still give the reference's std on every ISA. */
static void
test_std_shift (void)
{
  static const float heads[][3] = {
    { 3e7f, 1e6f, 1e6f },         /* an outlier first */
    { NAN, INFINITY, 1e6f },      /* the shift is the third value */
    { -INFINITY, NAN, -3e4f },
  };
  QsIsa best = qs_kernels_detect_isa (), isa;
  guint h;
  const Config bare = { "bare", { 0 }, FALSE, { 0 }, FALSE };
  const Config bins = { "bins", { 999990.0f, 1000010.0f }, TRUE, { 0 }, FALSE };

  for (h = 0; h < G_N_ELEMENTS (heads); h++)
    for (guint k = 0; k < 2; k++)
      {
        const Config *cf = k == 0 ? &bare : &bins;
        g_autoptr(QsTensor) t = random_f32 (3 * QS_STATS_BLOCK + 5, 1e6, 0.5, 90 + h);
        g_autoptr(QsTensor) first = QS_F32 ("1", 1e6);
        QsSummary ref;

        memcpy (qs_tensor_f32 (t), heads[h], sizeof heads[h]);
        /* the second block starts with an outlier too */
        qs_tensor_f32 (t)[QS_STATS_BLOCK] = heads[h][0];
        summary_of (&ref, cf, t, first, TRUE);
        for (isa = QS_ISA_SCALAR; isa <= best; isa++)
          {
            g_autofree char *what = g_strdup_printf ("head %u %s %s", h, cf->name, qs_isa_name (isa));
            QsSummary s;

            qs_kernels_set_isa (isa);
            summary_of (&s, cf, t, first, FALSE);
            assert_summary_matches (&s, &ref, what);
            qs_summary_clear (&s);
          }
        qs_summary_clear (&ref);
      }
  qs_kernels_set_isa (best);
}

static void
test_paths_min_max (void)
{
  QsIsa best = qs_kernels_detect_isa (), isa;
  guint li;
  int g;

  for (g = 0; g < GEN_N; g++)
    for (li = 0; li < G_N_ELEMENTS (lengths); li++)
      {
        g_autoptr(QsTensor) t = gen_tensor (g, lengths[li], -2, 4.5, 31 * g + li);
        double lo_ref, hi_ref;
        gboolean has = _qs_tensor_min_max_ref (t, &lo_ref, &hi_ref);

        for (isa = QS_ISA_SCALAR; isa <= best; isa++)
          {
            double lo, hi;

            qs_kernels_set_isa (isa);
            g_assert_cmpint (qs_tensor_min_max (t, &lo, &hi), ==, has);
            if (!same_bits (lo, lo_ref) || !same_bits (hi, hi_ref))
              g_error ("%s n=%" G_GSIZE_FORMAT " %s: [%a, %a], the reference [%a, %a]", gen_names[g],
                       lengths[li], qs_isa_name (isa), lo, hi, lo_ref, hi_ref);
          }
      }
  qs_kernels_set_isa (best);
}

static void
assert_error_sums_match (const QsErrorSums *e,
                         const QsErrorSums *ref,
                         const char        *what)
{
  if (e->n != ref->n || e->n_nonfinite != ref->n_nonfinite || !same_bits (e->max_abs, ref->max_abs))
    g_error ("%s: n %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " left out %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
             " max %a/%a", what, e->n, ref->n, e->n_nonfinite, ref->n_nonfinite, e->max_abs, ref->max_abs);
  if (!(fabs (e->xx - ref->xx) <= QS_STATS_SUM_RTOL * ref->xx) ||
      !(fabs (e->yy - ref->yy) <= QS_STATS_SUM_RTOL * ref->yy) ||
      !(fabs (e->dd - ref->dd) <= QS_STATS_SUM_RTOL * ref->dd) ||
      !(fabs (e->xy - ref->xy) <= QS_STATS_SUM_RTOL * sqrt (ref->xx * ref->yy)))
    g_error ("%s: sums %.17g %.17g %.17g %.17g, the reference %.17g %.17g %.17g %.17g", what,
             e->xx, e->yy, e->xy, e->dd, ref->xx, ref->yy, ref->xy, ref->dd);
}

/* Errors between two tensors: y is x with noise, some pairs non-finite on
 * either side. */
static void
test_paths_errors (void)
{
  QsIsa best = qs_kernels_detect_isa (), isa;
  guint li;
  int g;

  for (g = 0; g < GEN_N; g++)
    for (li = 0; li < G_N_ELEMENTS (lengths); li++)
      {
        gsize n = lengths[li], i;
        g_autoptr(QsTensor) x = gen_tensor (g, n, -2, 4.5, 7 * g + li);
        g_autoptr(QsTensor) y = qs_tensor_copy (x);
        guint64 state = 99 + li;
        QsErrorSums ref = { 0 };

        for (i = 0; i < n; i++)
          {
            double u = next_uniform (&state);

            qs_tensor_f32 (y)[i] = u < 0.02 ? NAN : u < 0.03 ? -INFINITY :
              (float) (qs_tensor_f32 (y)[i] * (1 + 0.01 * (u - 0.5)) + 1e-3 * (u - 0.5));
          }
        g_assert_true (_qs_error_sums_add_ref (&ref, x, y));
        for (isa = QS_ISA_SCALAR; isa <= best; isa++)
          {
            g_autofree char *what = g_strdup_printf ("%s n=%" G_GSIZE_FORMAT " %s", gen_names[g], n, qs_isa_name (isa));
            QsErrorSums e = { 0 };

            qs_kernels_set_isa (isa);
            g_assert_true (qs_error_sums_add (&e, x, y));
            assert_error_sums_match (&e, &ref, what);
          }
      }
  qs_kernels_set_isa (best);
}

/* The pass over a layer's two modes gives what the three separate passes
 * give, bit for bit, on every ISA, small and large (over the pool), and
 * falls back to them for other types. */
static void
test_pair_equals_separate (void)
{
  static const gsize pair_lengths[] = { 0, 1, 17, 4097, QS_STATS_PARALLEL_MIN + 4099 };
  QsIsa best = qs_kernels_detect_isa (), isa;
  guint li, c;

  for (li = 0; li < G_N_ELEMENTS (pair_lengths); li++)
    for (c = 0; c < 3; c++)
      {
        gsize n = pair_lengths[li];
        g_autoptr(QsTensor) x = gen_tensor (GEN_NONFINITE, n, -2, 4.5, 501 + li);
        g_autoptr(QsTensor) y = c == 2 ? random_i32 (n, 7) : gen_tensor (GEN_PLAIN, n, -2, 4.5, 601 + li);
        const Config *cf = &configs[c];

        for (isa = QS_ISA_SCALAR; isa <= best; isa++)
          {
            QsSummary ax, ay, bx, by;
            QsErrorSums ea = { 0 }, eb = { 0 };

            qs_kernels_set_isa (isa);
            /* summaries that already hold the tensors once */
            summary_of (&ax, cf, x, x, FALSE);
            summary_of (&ay, cf, y, y, FALSE);
            summary_of (&bx, cf, x, x, FALSE);
            summary_of (&by, cf, y, y, FALSE);
            qs_summary_add_tensor (&ax, x);
            qs_summary_add_tensor (&ay, y);
            g_assert_true (qs_error_sums_add (&ea, x, y));
            g_assert_true (qs_summary_add_pair (&bx, &by, &eb, x, y));
            g_assert_true (memcmp (&ax, &bx, G_STRUCT_OFFSET (QsSummary, levels_seen)) == 0);
            g_assert_true (memcmp (&ay, &by, G_STRUCT_OFFSET (QsSummary, levels_seen)) == 0);
            if (cf->use_fq)
              {
                g_assert_true (memcmp (ax.levels_seen, bx.levels_seen, (cf->fq.levels + 63) / 64 * 8) == 0);
                g_assert_true (memcmp (ay.levels_seen, by.levels_seen, (cf->fq.levels + 63) / 64 * 8) == 0);
              }
            g_assert_true (memcmp (&ea, &eb, sizeof ea) == 0);
            qs_summary_clear (&ax);
            qs_summary_clear (&ay);
            qs_summary_clear (&bx);
            qs_summary_clear (&by);
          }
      }
  qs_kernels_set_isa (best);
}

/* ---- the float sums on data chosen against them ----
 *
 * The SIMD passes sum in float lanes folded into double every
 * QS_STATS_FOLD values (qs-stats-private.h); these tensors are the cases
 * that bound is about, each held to the double reference within the
 * tolerances of qs-stats.h on every ISA, as one summary without bins
 * (the unmasked pass), one with bins and codes (the masked pass) and the
 * errors against a second tensor. */

typedef enum
{
  ADV_OFFSET,      /* 1e4 + noise of 1e-3: a large mean, a spread of a few ulps */
  ADV_HEAVY,       /* noise of 1, one value in 500 a million times larger */
  ADV_EQUAL,       /* one value throughout, whose float squares summed in a long
                    * run round the same way at every step */
  ADV_ALTERNATE,   /* signs alternating, magnitudes near 1 */
  ADV_SAMPLES,     /* the values the shift is taken from (16 a block, one a
                    * cache line) far from all the others */
  ADV_NONFINITE,   /* the offset data with NaN and ±inf, on the sampled places too */
  ADV_N
} Adversary;

static const char *adv_names[ADV_N] = { "offset", "heavy", "equal", "alternate", "samples", "nonfinite" };

/* 0x1.6754a4p+0 summed as x² in one float chain of 128 (or 256) loses
 * 32 u (49 u) relative, twice SUM_RTOL; in chains of 8 nothing. */
#define ADV_EQUAL_X 0x1.6754a4p+0f
#define ADV_EQUAL_Y 0x1.68a3c4p+0f

static QsTensor *
adversary_tensor (Adversary a,
                  gsize     n,
                  gboolean  second,
                  guint64   seed)
{
  gint64 dims[1] = { (gint64) n };
  QsTensor *t = qs_tensor_new_f32 (1, dims);
  float *v = qs_tensor_f32 (t);
  gsize i;

  for (i = 0; i < n; i++)
    {
      double u = next_uniform (&seed) - 0.5;
      gsize in_block = i % QS_STATS_BLOCK, block_n = MIN (QS_STATS_BLOCK, n - (i - in_block));
      gsize step = block_n >= 512 ? 32 : (block_n >= 16 ? block_n / 16 : 1);   /* as the shift's samples */

      switch (a)
        {
        case ADV_OFFSET:
        case ADV_NONFINITE:
          v[i] = (float) (1e4 + 1e-3 * u);
          if (a == ADV_NONFINITE && (i % 97 == 3 || (in_block % step == 0 && in_block / step == 5)))
            v[i] = i % 3 == 0 ? NAN : (i % 3 == 1 ? INFINITY : -INFINITY);
          break;
        case ADV_HEAVY:
          v[i] = (float) (i % 500 == 7 ? 1e6 * (1 + u) : u);
          break;
        case ADV_EQUAL:
          v[i] = second ? ADV_EQUAL_Y : ADV_EQUAL_X;
          break;
        case ADV_ALTERNATE:
          v[i] = (float) ((i % 2 == 0 ? 1 : -1) * (1 + 1e-2 * u));
          break;
        case ADV_SAMPLES:
          v[i] = (float) (in_block % step == 0 && in_block / step < 16 ? 1e5 + u : u);
          break;
        default:
          g_assert_not_reached ();
        }
      /* the second tensor of a pair: the first with an error of about 1e-3 */
      if (second && a != ADV_EQUAL)
        v[i] = (float) (v[i] * (1 + 1e-3 * next_uniform (&seed)));
    }
  return t;
}

static void
test_paths_adversarial (void)
{
  static const gsize adv_lengths[] = { 1, 7, 31, 33, 63, 65, 4095, QS_STATS_BLOCK, 4097,
                                       3 * QS_STATS_BLOCK + 13, QS_STATS_PARALLEL_MIN + 4099 };
  const Config *cfs[] = { &configs[3], &configs[0] };   /* bare, bins+fq256 */
  QsIsa best = qs_kernels_detect_isa (), isa;
  guint li, c;
  int a;

  for (a = 0; a < ADV_N; a++)
    for (li = 0; li < G_N_ELEMENTS (adv_lengths); li++)
      {
        gsize n = adv_lengths[li];
        g_autoptr(QsTensor) x = adversary_tensor (a, n, FALSE, 11 + 100 * a + li);
        g_autoptr(QsTensor) y = adversary_tensor (a, n, TRUE, 11 + 100 * a + li);
        g_autoptr(QsTensor) first = QS_F32 ("1", 0.5);
        QsErrorSums eref = { 0 };

        g_assert_true (_qs_error_sums_add_ref (&eref, x, y));
        for (c = 0; c < G_N_ELEMENTS (cfs); c++)
          {
            QsSummary ref;

            summary_of (&ref, cfs[c], x, first, TRUE);
            for (isa = QS_ISA_SCALAR; isa <= best; isa++)
              {
                g_autofree char *what = g_strdup_printf ("%s %s n=%" G_GSIZE_FORMAT " %s", adv_names[a],
                                                         cfs[c]->name, n, qs_isa_name (isa));
                QsSummary s;

                qs_kernels_set_isa (isa);
                summary_of (&s, cfs[c], x, first, FALSE);
                assert_summary_matches (&s, &ref, what);
                qs_summary_clear (&s);
              }
            qs_summary_clear (&ref);
          }
        for (isa = QS_ISA_SCALAR; isa <= best; isa++)
          {
            g_autofree char *what = g_strdup_printf ("%s errors n=%" G_GSIZE_FORMAT " %s", adv_names[a], n,
                                                     qs_isa_name (isa));
            QsErrorSums e = { 0 };

            qs_kernels_set_isa (isa);
            g_assert_true (qs_error_sums_add (&e, x, y));
            assert_error_sums_match (&e, &eref, what);
          }
      }
  qs_kernels_set_isa (best);
}

/* A moments-only summary of f32 values takes each task in one run of
 * float lanes under one shift (QsMomentsF32Func), a task that fails its
 * checks through the block passes.  Every ISA against the reference, from
 * one thread and from three (the same figures bit for bit), on every
 * generator (NaN and ±inf, ±FLT_MAX, denormals, runs of equal values),
 * lengths around the float minimum, a task and the pool's threshold,
 * aligned and one float off; and the task pass itself: taken on finite
 * data, refused with a NaN or an infinity in it or with a shift far from
 * the mean. */
static void
check_task_moments (const QsTensor *t,
                    const char     *what)
{
  static const guint threads[] = { 1, 3 };
  const Config *bare = &configs[3];
  QsIsa best = qs_kernels_detect_isa (), isa;
  g_autoptr(QsTensor) first = QS_F32 ("3", 0.5, NAN, -1);
  guint saved = qs_parallel_get_threads (), k;
  QsSummary ref, one;

  summary_of (&ref, bare, t, first, TRUE);
  for (isa = QS_ISA_SCALAR; isa <= best; isa++)
    for (k = 0; k < G_N_ELEMENTS (threads); k++)
      {
        g_autofree char *name = g_strdup_printf ("%s %s, %u threads", what, qs_isa_name (isa), threads[k]);
        QsSummary s;

        qs_kernels_set_isa (isa);
        qs_parallel_set_threads (threads[k]);
        summary_of (&s, bare, t, first, FALSE);
        assert_summary_matches (&s, &ref, name);
        if (k == 0)
          one = s;
        else if (memcmp (&s, &one, G_STRUCT_OFFSET (QsSummary, levels_seen)) != 0)
          g_error ("%s: not the figures of one thread", name);
      }
  qs_parallel_set_threads (saved);
  qs_kernels_set_isa (best);
}

static void
test_paths_task_moments (void)
{
  static const gsize lens[] = { 1, 7, 17, 255, 256, 257, 4095, 4097, 12345, QS_STATS_TASK - 1, QS_STATS_TASK,
                                QS_STATS_TASK + 1, QS_STATS_PARALLEL_MIN + 3 * QS_STATS_BLOCK + 13 };
  QsIsa best = qs_kernels_detect_isa (), isa;
  guint li, off;
  int g;

  for (g = 0; g < GEN_N; g++)
    for (li = 0; li < G_N_ELEMENTS (lens); li++)
      for (off = 0; off < 2; off++)
        {
          g_autoptr(QsTensor) t = gen_tensor (g, lens[li] + off, -2.0f, 4.5f, 5000 + 10 * g + li);
          g_autofree char *what = g_strdup_printf ("%s n=%" G_GSIZE_FORMAT "%s", gen_names[g], lens[li],
                                                   off ? " unaligned" : "");
          gint64 dims[1] = { (gint64) lens[li] };
          QsTensor view;

          /* every value of the runs generator as one constant run too */
          if (g == GEN_RUNS && li % 3 == 0)
            for (gsize i = 0; i < t->n_elements; i++)
              qs_tensor_f32 (t)[i] = 1e6f + 0.25f;
          qs_tensor_init_borrowed (&view, QS_ELEMENT_F32, 1, dims, qs_tensor_f32 (t) + off);
          check_task_moments (&view, what);
        }

  /* every lane adds one square again and again, rounding the same way each
   * time: ±a alternating, the shift's sixteen places set to make it 0, and
   * a picked so that a float sum of the 1024 a² a lane of a task takes is
   * 1.5e-5 off (the std 7.7e-6, at the tolerance) where sums folded every
   * 16 values are 3e-8 off */
  {
    g_autoptr(QsTensor) t = random_f32 (QS_STATS_TASK, 0, 0, 1);
    const float a = 1.40409994f;
    gsize step = QS_STATS_TASK / 16, i;

    for (i = 0; i < QS_STATS_TASK; i++)
      qs_tensor_f32 (t)[i] = i % 2 ? a : -a;
    for (i = 0; i < 16; i++)
      qs_tensor_f32 (t)[i * step + (step * ((i * 40503u) & 0xffffu) >> 16)] = i % 2 ? a : -a;
    g_assert_cmpfloat (_qs_stats_task_shift (qs_tensor_f32 (t), QS_STATS_TASK), ==, 0.0f);
    check_task_moments (t, "one square in every lane");
  }

  for (isa = QS_ISA_SCALAR; isa <= best; isa++)
    {
      QsMomentsF32Func func = _qs_stats_kernels (isa)->moments_f32;
      QsStatsBlock b;
      gsize n, i, step;

      if (func == NULL)
        continue;
      /* taken on finite data, with the reference's count and extremes */
      for (n = 256; n <= QS_STATS_TASK; n = n * 4 + 3)
        {
          g_autoptr(QsTensor) t = random_f32 (n, 1e6, 0.5, 6000 + n);
          QsSummary ref;
          double mean, std;

          qs_summary_init (&ref, NULL, NULL);
          _qs_summary_add_tensor_ref (&ref, t);
          if (!func (qs_tensor_f32 (t), n, &b))
            g_error ("%s n=%" G_GSIZE_FORMAT ": the task pass refused plain values", qs_isa_name (isa), n);
          g_assert_cmpuint (b.n, ==, n);
          g_assert_cmpuint (b.n_nan + b.n_inf + b.clipped_low + b.clipped_high, ==, 0);
          g_assert_true (same_bits (b.min, ref.min) && same_bits (b.max, ref.max));
          mean = b.sum / (double) n;
          std = sqrt (b.m2 / (double) n);
          g_assert_cmpfloat (fabs (mean - ref.mean), <=, QS_STATS_MEAN_RTOL * qs_summary_std (&ref) + QS_STATS_ROUND_RTOL * 1e6);
          g_assert_cmpfloat (fabs (std - qs_summary_std (&ref)), <=,
                             QS_STATS_STD_RTOL * qs_summary_std (&ref) + QS_STATS_ROUND_RTOL * 1e6);
        }
      /* refused with one NaN or infinity anywhere in it */
      for (i = 0; i < 3; i++)
        {
          g_autoptr(QsTensor) t = random_f32 (QS_STATS_TASK - 5, 0, 2, 7000 + i);
          static const float bad[3] = { NAN, INFINITY, -INFINITY };

          qs_tensor_f32 (t)[(QS_STATS_TASK - 5) / 3 * i + 7] = bad[i];
          g_assert_false (func (qs_tensor_f32 (t), t->n_elements, &b));
          check_task_moments (t, "one non-finite value");
        }
      /* refused when the sixteen values of the shift are the outliers of
       * the task (their places as _qs_stats_task_shift() takes them) */
      {
        g_autoptr(QsTensor) t = random_f32 (QS_STATS_TASK, 1.0, 0.01, 7100);

        step = QS_STATS_TASK / 16;
        for (i = 0; i < 16; i++)
          qs_tensor_f32 (t)[i * step + (step * ((i * 40503u) & 0xffffu) >> 16)] = 1e4f;
        g_assert_cmpfloat (_qs_stats_task_shift (qs_tensor_f32 (t), QS_STATS_TASK), ==, 1e4f);
        g_assert_false (func (qs_tensor_f32 (t), QS_STATS_TASK, &b));
        check_task_moments (t, "far shift");
      }
    }
}

/* Large tensors run over the thread pool in fixed chunks: one thread or
 * several, the figures are the same bit for bit. */
static void
test_threads_deterministic (void)
{
  g_autoptr(QsTensor) x = gen_tensor (GEN_NONFINITE, 3 * QS_STATS_PARALLEL_MIN + 12345, -2, 4.5, 4242);
  g_autoptr(QsTensor) y = gen_tensor (GEN_PLAIN, x->n_elements, -2, 4.5, 4343);
  g_autoptr(QsTensor) b = random_bytes (QS_ELEMENT_U8, x->n_elements, 17);
  guint threads[] = { 1, 2, 3 }, i;
  QsSummary s[3], sb[3];
  QsErrorSums e[3];
  guint saved = qs_parallel_get_threads ();

  for (i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      qs_parallel_set_threads (threads[i]);
      summary_of (&s[i], &configs[0], x, y, FALSE);
      summary_of (&sb[i], &configs[0], b, b, FALSE);
      memset (&e[i], 0, sizeof e[i]);
      g_assert_true (qs_error_sums_add (&e[i], x, y));
    }
  qs_parallel_set_threads (saved);
  for (i = 1; i < G_N_ELEMENTS (threads); i++)
    {
      g_assert_true (memcmp (&s[i], &s[0], G_STRUCT_OFFSET (QsSummary, levels_seen)) == 0);
      g_assert_true (memcmp (s[i].levels_seen, s[0].levels_seen, 256 / 8) == 0);
      g_assert_true (memcmp (&sb[i], &sb[0], G_STRUCT_OFFSET (QsSummary, levels_seen)) == 0);
      g_assert_true (memcmp (&e[i], &e[0], sizeof e[0]) == 0);
    }
  for (i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      qs_summary_clear (&s[i]);
      qs_summary_clear (&sb[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qscope/stats/bins", test_bins_by_hand);
  g_test_add_func ("/qscope/stats/fq-codes", test_fq_codes);
  g_test_add_func ("/qscope/stats/merge", test_merge_equals_whole);
  g_test_add_func ("/qscope/stats/std-large-mean", test_std_large_mean);
  g_test_add_func ("/qscope/stats/error-sums", test_error_sums);
  g_test_add_func ("/qscope/stats/step-sums", test_step_sums);
  g_test_add_func ("/qscope/stats/step-sums-codes", test_step_sums_codes);
  g_test_add_func ("/qscope/stats/paths/summary", test_paths_summary);
  g_test_add_func ("/qscope/stats/paths/block-elements", test_paths_block_elements);
  g_test_add_func ("/qscope/stats/paths/bin-edges", test_bin_edges);
  g_test_add_func ("/qscope/stats/paths/code-boundaries", test_code_boundaries);
  g_test_add_func ("/qscope/stats/paths/known-codes", test_known_codes);
  g_test_add_func ("/qscope/stats/paths/bytes", test_paths_bytes);
  g_test_add_func ("/qscope/stats/paths/i32", test_paths_i32);
  g_test_add_func ("/qscope/stats/paths/byte-moments", test_paths_byte_moments);
  g_test_add_func ("/qscope/stats/paths/i32-moments", test_paths_i32_moments);
  g_test_add_func ("/qscope/stats/paths/block-moments", test_paths_block_moments);
  g_test_add_func ("/qscope/stats/paths/task-moments", test_paths_task_moments);
  g_test_add_func ("/qscope/stats/paths/std-shift", test_std_shift);
  g_test_add_func ("/qscope/stats/paths/min-max", test_paths_min_max);
  g_test_add_func ("/qscope/stats/paths/errors", test_paths_errors);
  g_test_add_func ("/qscope/stats/paths/pair", test_pair_equals_separate);
  g_test_add_func ("/qscope/stats/paths/threads", test_threads_deterministic);
  g_test_add_func ("/qscope/stats/paths/adversarial", test_paths_adversarial);
  return g_test_run ();
}
