/* test-stats-memo.c — summaries added again without reading the tensor
 * (qs-stats-memo.h): bit for bit what reading it adds, reused only where
 * the values cannot have changed
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "qs-stats-memo.h"
#include "qs-stats-private.h"

static double
next_uniform (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  z ^= z >> 31;
  return (double) (z >> 11) / 9007199254740992.0;
}

/* Values of @type over and around [-2, 4.5], with NaN, ±inf, ±FLT_MAX and
 * denormals among the floats. */
static QsTensor *
random_tensor (QsElementType type,
               gsize         n,
               guint64       seed)
{
  gint64 dims[1] = { (gint64) n };
  QsTensor *t = qs_tensor_new (type, 1, dims);
  gsize i;

  for (i = 0; i < n; i++)
    {
      double u = next_uniform (&seed), r = next_uniform (&seed);

      switch (type)
        {
        case QS_ELEMENT_F32:
          ((float *) t->data)[i] = r < 0.02 ? NAN : r < 0.03 ? INFINITY : r < 0.04 ? -INFINITY :
                                   r < 0.05 ? (r < 0.045 ? FLT_MAX : -FLT_MAX) :
                                   r < 0.07 ? (float) (u * 1e-39) : (float) (-3 + 8.5 * u);
          break;
        case QS_ELEMENT_I32:
          ((gint32 *) t->data)[i] = r < 0.05 ? (r < 0.025 ? G_MAXINT32 : G_MININT32) : (gint32) ((u - 0.5) * 3000);
          break;
        case QS_ELEMENT_U8:
        case QS_ELEMENT_I8:
          ((guint8 *) t->data)[i] = (guint8) (u * 256);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return t;
}

static void
assert_same_summary (const QsSummary *a,
                     const QsSummary *b,
                     const char      *what)
{
  if (memcmp (a, b, G_STRUCT_OFFSET (QsSummary, levels_seen)) != 0)
    g_error ("%s: the summaries differ (n %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT ", mean %a/%a, m2 %a/%a)",
             what, a->n, b->n, a->mean, b->mean, a->m2, b->m2);
  g_assert_cmpint (a->has_fq, ==, b->has_fq);
  if (a->has_fq && memcmp (a->levels_seen, b->levels_seen, (a->fq.levels + 63) / 64 * 8) != 0)
    g_error ("%s: levels used %u, read %u", what, qs_summary_levels_used (a), qs_summary_levels_used (b));
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
  { "fq16", { 0 }, FALSE, { -2.0f, 4.5f, 16 }, TRUE },
  { "bare", { 0 }, FALSE, { 0 }, FALSE },
  { "fq131072", { 0.0f, 1.0f }, TRUE, { -1.0f, 2.0f, 131072 }, TRUE },
};

static void
summary_init (QsSummary    *s,
              const Config *c)
{
  qs_summary_init (s, c->use_bins ? &c->bins : NULL, c->use_fq ? &c->fq : NULL);
}

/* Two nodes, p feeding n, as a graph would link them. */
typedef struct
{
  QsNode p, n;
  QsPort p_out, n_in, n_out;
} Pair;

static void
pair_init (Pair *g)
{
  memset (g, 0, sizeof *g);
  g->p.name = "p";
  g->p.n_outputs = 1;
  g->p.outputs = &g->p_out;
  g->p_out.node = &g->p;
  g->p_out.is_output = TRUE;
  g->n.name = "n";
  g->n.n_inputs = 1;
  g->n.inputs = &g->n_in;
  g->n.n_outputs = 1;
  g->n.outputs = &g->n_out;
  g->n_in.node = &g->n;
  g->n_in.source = &g->p_out;
  g->n_out.node = &g->n;
  g->n_out.is_output = TRUE;
}

/* A constant's summary added again in later runs, into summaries that
 * already hold other values, equals reading it, for every element type,
 * bins and range, and lengths over one task, one block and odd ones. */
static void
test_constant_again (void)
{
  static const QsElementType types[] = { QS_ELEMENT_F32, QS_ELEMENT_I32, QS_ELEMENT_U8, QS_ELEMENT_I8 };
  static const gsize lengths[] = { 1, 17, 4097, 65537, 300001 };
  guint ti, li, ci;

  for (ti = 0; ti < G_N_ELEMENTS (types); ti++)
    for (li = 0; li < G_N_ELEMENTS (lengths); li++)
      for (ci = 0; ci < G_N_ELEMENTS (configs); ci++)
        {
          g_autoptr(QsSummaryMemo) memo = qs_summary_memo_new ();
          g_autoptr(QsTensor) first = random_tensor (types[ti], 33, 7 + li);
          g_autoptr(QsTensor) t = random_tensor (types[ti], lengths[li], 1000 + 17 * li + ti);
          g_autofree char *what = g_strdup_printf ("%s %zu %s", qs_element_type_name (types[ti]),
                                                   lengths[li], configs[ci].name);
          QsSummary read, memo_s;
          Pair g;
          int run;

          pair_init (&g);
          summary_init (&read, &configs[ci]);
          summary_init (&memo_s, &configs[ci]);
          for (run = 0; run < 3; run++)
            {
              gboolean was_read;

              qs_summary_memo_next_run (memo);
              qs_summary_add_tensor (&read, first);
              qs_summary_add_tensor (&memo_s, first);
              qs_summary_add_tensor (&read, t);
              was_read = qs_summary_memo_add (memo, &memo_s, &g.p, 0, t, TRUE);
              g_assert_cmpint (was_read, ==, run == 0);
              assert_same_summary (&memo_s, &read, what);
            }
          qs_summary_clear (&read);
          qs_summary_clear (&memo_s);
        }
}

/* A layer that hands on its input's data (a view, or the tensor itself)
 * gets the summary its producer got in the same run, bit for bit; not
 * from another run, nor from other data, nor under other bins. */
static void
test_pass_through (void)
{
  const Config *c = &configs[0];
  g_autoptr(QsSummaryMemo) memo = qs_summary_memo_new ();
  g_autoptr(QsTensor) x = random_tensor (QS_ELEMENT_F32, 200003, 5);
  g_autoptr(QsTensor) y = random_tensor (QS_ELEMENT_F32, 200003, 6);
  g_autoptr(QsTensor) copy = qs_tensor_copy (x);
  gint64 dims[2] = { 1, 200003 };
  g_autoptr(QsTensor) view = qs_tensor_view (x, 2, dims);
  QsSummary sp, sn, ref;
  QsBinning other = { -1.0f, 1.0f };
  Pair g;

  g_assert_true (view->data == x->data);
  pair_init (&g);

  qs_summary_memo_next_run (memo);
  summary_init (&sp, c);
  g_assert_true (qs_summary_memo_add (memo, &sp, &g.p, 0, x, FALSE));
  summary_init (&sn, c);
  g_assert_false (qs_summary_memo_add (memo, &sn, &g.n, 0, view, FALSE));
  summary_init (&ref, c);
  qs_summary_add_tensor (&ref, x);
  assert_same_summary (&sn, &ref, "view");
  assert_same_summary (&sp, &ref, "producer");
  qs_summary_clear (&sn);

  /* the same values in other memory are read */
  summary_init (&sn, c);
  g_assert_true (qs_summary_memo_add (memo, &sn, &g.n, 0, copy, FALSE));
  assert_same_summary (&sn, &ref, "copy");
  qs_summary_clear (&sn);

  /* other bins: read */
  qs_summary_init (&sn, &other, NULL);
  g_assert_true (qs_summary_memo_add (memo, &sn, &g.n, 0, view, FALSE));
  qs_summary_clear (&sn);

  /* the next run: the producer's output of the last run is not reused,
   * even at the same address */
  qs_summary_memo_next_run (memo);
  summary_init (&sn, c);
  g_assert_true (qs_summary_memo_add (memo, &sn, &g.n, 0, view, FALSE));
  assert_same_summary (&sn, &ref, "next run");
  qs_summary_clear (&sn);

  /* nor is a non-constant output's own summary: new values are read */
  summary_init (&sn, c);
  g_assert_true (qs_summary_memo_add (memo, &sn, &g.p, 0, y, FALSE));
  qs_summary_clear (&ref);
  summary_init (&ref, c);
  qs_summary_add_tensor (&ref, y);
  assert_same_summary (&sn, &ref, "new values");

  qs_summary_clear (&sp);
  qs_summary_clear (&sn);
  qs_summary_clear (&ref);
}

/* A summary taken elsewhere (as the op wrote the tensor) and noted: a
 * view of the tensor after it adds exactly what merging that summary
 * adds, into a summary that holds other values, under every bins and
 * range; not in the next run, and not under other bins. */
static void
test_noted (void)
{
  guint ci;

  for (ci = 0; ci < G_N_ELEMENTS (configs); ci++)
    {
      const Config *c = &configs[ci];
      g_autoptr(QsSummaryMemo) memo = qs_summary_memo_new ();
      g_autoptr(QsTensor) first = random_tensor (QS_ELEMENT_F32, 33, 3);
      g_autoptr(QsTensor) x = random_tensor (QS_ELEMENT_F32, 70001, 9 + ci);
      gint64 dims[2] = { 1, 70001 };
      g_autoptr(QsTensor) view = qs_tensor_view (x, 2, dims);
      QsSummary added, sn, ref, read;
      QsBinning other = { -1.0f, 1.0f };
      Pair g;

      pair_init (&g);
      /* nodes of one graph (their own slots, empty ones between), or of
       * two at the same index */
      if (ci % 2 == 1)
        {
          g.p.index = 3;
          g.n.index = 6;
        }
      qs_summary_memo_next_run (memo);
      /* the written summary: of x alone, as two slices merged */
      summary_init (&added, c);
      {
        gint64 d0[1] = { 35000 }, d1[1] = { 70001 - 35000 };
        g_autoptr(QsTensor) head = qs_tensor_new (QS_ELEMENT_F32, 1, d0);
        g_autoptr(QsTensor) tail = qs_tensor_new (QS_ELEMENT_F32, 1, d1);
        QsSummary second;

        memcpy (head->data, x->data, d0[0] * sizeof (float));
        memcpy (tail->data, (float *) x->data + d0[0], d1[0] * sizeof (float));
        qs_summary_add_tensor (&added, head);
        summary_init (&second, c);
        qs_summary_add_tensor (&second, tail);
        g_assert_true (qs_summary_merge (&added, &second));
        qs_summary_clear (&second);
      }
      qs_summary_memo_note (memo, &g.p, 0, x, &added, FALSE);

      summary_init (&sn, c);
      summary_init (&ref, c);
      qs_summary_add_tensor (&sn, first);
      qs_summary_add_tensor (&ref, first);
      g_assert_false (qs_summary_memo_add (memo, &sn, &g.n, 0, view, FALSE));
      g_assert_true (qs_summary_merge (&ref, &added));
      assert_same_summary (&sn, &ref, c->name);
      /* the integer figures are those of reading it */
      summary_init (&read, c);
      qs_summary_add_tensor (&read, first);
      qs_summary_add_tensor (&read, x);
      g_assert_cmpuint (sn.n, ==, read.n);
      g_assert_cmpuint (sn.n_nan, ==, read.n_nan);
      g_assert_cmpuint (sn.n_inf, ==, read.n_inf);
      g_assert_cmpfloat (sn.min, ==, read.min);
      g_assert_cmpfloat (sn.max, ==, read.max);
      g_assert_cmpmem (sn.histogram, sizeof sn.histogram, read.histogram, sizeof read.histogram);
      g_assert_cmpuint (sn.clipped_low, ==, read.clipped_low);
      g_assert_cmpuint (sn.clipped_high, ==, read.clipped_high);
      g_assert_cmpuint (qs_summary_levels_used (&sn), ==, qs_summary_levels_used (&read));
      qs_summary_clear (&sn);
      qs_summary_clear (&read);

      /* other bins: read */
      qs_summary_init (&sn, &other, NULL);
      g_assert_true (qs_summary_memo_add (memo, &sn, &g.n, 0, view, FALSE));
      qs_summary_clear (&sn);
      /* the next run: read */
      qs_summary_memo_next_run (memo);
      summary_init (&sn, c);
      g_assert_true (qs_summary_memo_add (memo, &sn, &g.n, 0, view, FALSE));
      qs_summary_clear (&sn);

      qs_summary_clear (&added);
      qs_summary_clear (&ref);
    }
}

/* A cleared memo (a new plan) reads its constants again: other values
 * under the same node give their own figures. */
static void
test_clear_recomputes (void)
{
  const Config *c = &configs[1];
  g_autoptr(QsSummaryMemo) memo = qs_summary_memo_new ();
  g_autoptr(QsTensor) a = random_tensor (QS_ELEMENT_F32, 5000, 11);
  g_autoptr(QsTensor) b = random_tensor (QS_ELEMENT_F32, 5000, 12);
  QsSummary s, ref;
  Pair g;

  pair_init (&g);
  summary_init (&s, c);
  g_assert_true (qs_summary_memo_add (memo, &s, &g.p, 0, a, TRUE));
  qs_summary_clear (&s);

  qs_summary_memo_clear (memo);
  summary_init (&s, c);
  g_assert_true (qs_summary_memo_add (memo, &s, &g.p, 0, b, TRUE));
  summary_init (&ref, c);
  qs_summary_add_tensor (&ref, b);
  assert_same_summary (&s, &ref, "after clear");
  qs_summary_clear (&s);

  /* and then reuses the new ones */
  qs_summary_memo_next_run (memo);
  summary_init (&s, c);
  g_assert_false (qs_summary_memo_add (memo, &s, &g.p, 0, b, TRUE));
  assert_same_summary (&s, &ref, "reused after clear");
  qs_summary_clear (&s);
  qs_summary_clear (&ref);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qscope/stats-memo/constant-again", test_constant_again);
  g_test_add_func ("/qscope/stats-memo/pass-through", test_pass_through);
  g_test_add_func ("/qscope/stats-memo/clear-recomputes", test_clear_recomputes);
  g_test_add_func ("/qscope/stats-memo/noted", test_noted);
  return g_test_run ();
}
