/* test-stats.c — the statistics accumulators: merging, accuracy, bins,
 * FakeQuantize codes and errors, against values worked out by hand or
 * recomputed the plain way
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <math.h>

#include "qs-exec-test.h"
#include "qs-stats.h"

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
  g_assert_cmpfloat_with_epsilon (merged.mean, all.mean, 1e-12 * fabs (all.mean));
  g_assert_cmpfloat_with_epsilon (qs_summary_std (&merged), qs_summary_std (&all), 1e-10);

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
  return g_test_run ();
}
