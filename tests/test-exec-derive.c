/* test-exec-derive.c — Dequantize summaries derived from integer rows
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * qs-stats-derive.c against counting, on every ISA and at one and three
 * threads: the row moments of u8, i8 and i32 tensors (rows longer than a
 * block and a task, lengths off the vector widths, huge and tiny values,
 * tensors without elements) give the summary one pass over the tensor
 * gives (8-bit ones bit for bit); a Dequantize's summary derived from
 * them, with per-channel scales of both signs (and zero), zero points and
 * shifts, has the count and extremes of the counted one exactly and its
 * mean and std within QS_STATS_DERIVED_RTOL; ends that overflow, and a
 * shift one an element, are refused.  Then whole int8 runs: the observer
 * that takes qs_exec_output_summarised() gets, for unfused Dequantizes,
 * a fused chain's Dequantize and the integer layers under them, the
 * figures an observer counting every tensor gets.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qscope-core.h"
#include "qs-exec.h"
#include "qs-graph-builder.h"
#include "qs-kernels.h"
#include "qs-stats.h"
#include "qs-exec-derive-private.h"
#include "qs-stats-private.h"
#include "qs-test-models.h"
#include "qs-shared-models.h"

/* Values of @type: a few rows at the ends of the type's range, the rest
 * spread over a band that changes from row to row. */
static void
fill_codes (QsTensor *t,
            gsize     inner)
{
  gsize i;

  for (i = 0; i < t->n_elements; i++)
    {
      gsize row = inner > 0 ? i / inner : 0;
      guint64 r = qs_test_rng ();

      switch (t->type)
        {
        case QS_ELEMENT_U8:
          ((guint8 *) t->data)[i] = row % 5 == 1 ? (guint8) (r % 2 ? 255 : 0) : (guint8) (row * 7 + r % 40);
          break;
        case QS_ELEMENT_I8:
          ((gint8 *) t->data)[i] = row % 5 == 1 ? (gint8) (r % 2 ? 127 : -128) : (gint8) ((gint64) (r % 60) - 30 + (gint64) row % 50);
          break;
        default:
          if (row % 5 == 1)
            ((gint32 *) t->data)[i] = r % 3 == 0 ? G_MAXINT32 : r % 3 == 1 ? G_MININT32 : (gint32) (guint32) r;
          else if (row % 5 == 2)
            ((gint32 *) t->data)[i] = 1000000 + (gint32) (r % 5);   /* large mean, tiny spread */
          else
            ((gint32 *) t->data)[i] = (gint32) (r % 200001) - 100000;
          break;
        }
    }
}

typedef struct
{
  QsElementType type;
  int           rank;
  gint64        dims[4];
} Shape;

static const Shape shapes[] = {
  { QS_ELEMENT_U8, 3, { 2, 5, 37 } },
  { QS_ELEMENT_I8, 3, { 2, 5, 37 } },
  { QS_ELEMENT_I32, 3, { 2, 5, 37 } },
  { QS_ELEMENT_U8, 3, { 1, 3, 70001 } },     /* a row longer than a task */
  { QS_ELEMENT_I8, 3, { 1, 3, 70001 } },
  { QS_ELEMENT_I32, 3, { 1, 3, 9001 } },     /* a row over two blocks */
  { QS_ELEMENT_U8, 4, { 2, 64, 33, 33 } },   /* over the parallel threshold */
  { QS_ELEMENT_I32, 4, { 2, 64, 33, 33 } },
  { QS_ELEMENT_I8, 4, { 1, 7, 1, 1 } },      /* one value a row */
  { QS_ELEMENT_I32, 3, { 0, 4, 20 } },       /* no elements */
  { QS_ELEMENT_U8, 3, { 3, 0, 20 } },
};

static gsize
inner_of (const Shape *s)
{
  return (gsize) qs_test_n_elements (s->rank - 2, s->dims + 2);
}

static void
assert_close (double      got,
              double      want,
              double      bound,
              const char *figure,
              const char *what)
{
  if (!(fabs (got - want) <= bound))
    g_error ("%s: %s %.17g, counted %.17g (bound %.3g)", what, figure, got, want, bound);
}

/* @got (derived) against @want (counted): exact count and extremes, the
 * sums within the fast passes' bounds plus @extra. */
static void
assert_summary (const QsSummary *got,
                const QsSummary *want,
                double           extra,
                const char      *what)
{
  double std = qs_summary_std (want), big = MAX (fabs (want->min), fabs (want->max));

  g_assert_cmpuint (got->n, ==, want->n);
  g_assert_cmpuint (got->n_nan, ==, want->n_nan);
  g_assert_cmpuint (got->n_inf, ==, want->n_inf);
  if (got->min != want->min || got->max != want->max || signbit (got->min) != signbit (want->min) ||
      signbit (got->max) != signbit (want->max))
    g_error ("%s: extremes [%.9g, %.9g], counted [%.9g, %.9g]", what, got->min, got->max, want->min, want->max);
  if (want->n == 0)
    return;
  assert_close (got->mean, want->mean, QS_STATS_MEAN_RTOL * std + QS_STATS_ROUND_RTOL * big + extra, "mean", what);
  assert_close (qs_summary_std (got), std, QS_STATS_STD_RTOL * std + QS_STATS_ROUND_RTOL * big + extra, "std", what);
}

/* The rows of @x (one a channel, or pieces of a task) with its summary
 * in @written; NULL, @written cleared, where the rows do not fit (short
 * rows and empty tensors are left to counting), checked to take nothing. */
static QsRowStash *
take_rows (const QsTensor *x,
           gboolean        by_channel,
           QsSummary      *written)
{
  QsRowStash *stash;

  qs_summary_init (written, NULL, NULL);
  stash = _qs_derive_take_rows (x, by_channel, written);
  if (!_qs_derive_rows_fit (x, by_channel))
    {
      g_assert_null (stash);
      g_assert_cmpuint (written->n, ==, 0);
      qs_summary_clear (written);
      return NULL;
    }
  g_assert_nonnull (stash);
  return stash;
}

/* The summary of @n_rows row moments of @t against counting @t: exactly
 * (for 8-bit codes the very totals of the byte pass). */
static void
assert_rows_summary (const QsRowMoments *rows,
                     gsize               n_rows,
                     const QsTensor     *t,
                     const char         *what)
{
  QsSummary got, want;

  qs_summary_init (&got, NULL, NULL);
  qs_summary_init (&want, NULL, NULL);
  g_assert_true (qs_summary_add_rows (&got, rows, n_rows, t->type));
  qs_summary_add_tensor (&want, t);
  assert_summary (&got, &want, 0.0, what);
  if (t->type != QS_ELEMENT_I32)
    {
      g_assert_cmpmem (&got.mean, sizeof got.mean, &want.mean, sizeof want.mean);
      g_assert_cmpmem (&got.m2, sizeof got.m2, &want.m2, sizeof want.m2);
    }
  qs_summary_clear (&got);
  qs_summary_clear (&want);
}

static QsIsa
best_isa (void)
{
  return qs_kernels_detect_isa ();
}

/* The rows' summary is the tensor's, at every ISA and thread count; the
 * rows do not depend on the thread count, nor their integers on the ISA. */
static void
test_rows (void)
{
  QsIsa isa;
  guint s, threads;

  for (s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      const Shape *sh = &shapes[s];
      g_autoptr(QsTensor) t = qs_tensor_new (sh->type, sh->rank, sh->dims);
      gsize inner = inner_of (sh), n_rows = t->n_elements / inner;
      g_autofree QsRowMoments *first = g_new0 (QsRowMoments, MAX (n_rows, 1));

      qs_test_rng_seed (s + 1);
      fill_codes (t, inner);
      for (isa = QS_ISA_SCALAR; isa <= best_isa (); isa++)
        for (threads = 1; threads <= 3; threads += 2)
          {
            g_autofree QsRowMoments *rows = g_new0 (QsRowMoments, MAX (n_rows, 1));
            g_autofree char *what = g_strdup_printf ("shape %u, %s, %u threads", s, qs_isa_name (isa), threads);

            qs_kernels_set_isa (isa);
            qs_parallel_set_threads (threads);
            g_assert_true (qs_row_moments_compute (t, inner, rows));
            if (threads == 1)
              {
                gsize r;

                /* across ISAs the integers agree; the i32 m2 is each
                 * ISA's own (within the tolerances) */
                for (r = 0; isa > QS_ISA_SCALAR && r < n_rows; r++)
                  {
                    g_assert_cmpuint (rows[r].n, ==, first[r].n);
                    g_assert_cmpint (rows[r].sum, ==, first[r].sum);
                    g_assert_cmpuint (rows[r].sumsq, ==, first[r].sumsq);
                    g_assert_cmpint (rows[r].min, ==, first[r].min);
                    g_assert_cmpint (rows[r].max, ==, first[r].max);
                  }
                memcpy (first, rows, n_rows * sizeof *rows);
              }
            else if (n_rows > 0)
              g_assert_cmpmem (rows, n_rows * sizeof *rows, first, n_rows * sizeof *rows);
            assert_rows_summary (rows, n_rows, t, what);
            {
              /* pieces of 1000 values, the last shorter, across rows */
              gsize n_pieces = (t->n_elements + 999) / 1000;
              g_autofree QsRowMoments *pieces = g_new0 (QsRowMoments, MAX (n_pieces, 1));

              g_assert_true (qs_row_moments_compute (t, 1000, pieces));
              assert_rows_summary (pieces, n_pieces, t, what);
            }
          }
    }
  {
    /* a summary with bins is refused */
    QsRowMoments one = { 1, 5, 25, 0.0, 5, 5 };
    QsBinning bins = { 0.0f, 1.0f };
    QsSummary s1;

    qs_summary_init (&s1, &bins, NULL);
    g_assert_false (qs_summary_add_rows (&s1, &one, 1, QS_ELEMENT_U8));
    g_assert_cmpuint (s1.n, ==, 0);
    qs_summary_clear (&s1);
  }
  qs_kernels_set_isa (best_isa ());
  qs_parallel_set_threads (0);
}

/* A per-channel constant of @type, [C] as rank 1 (numpy: along the last
 * axis), so it is laid out as [1, C, 1, ...] of the data's rank. */
static QsTensor *
channel_const (QsElementType type,
               int           rank,
               gint64        C,
               gboolean      per_channel)
{
  gint64 dims[4] = { 1, 1, 1, 1 };

  if (per_channel)
    dims[1] = C;
  return qs_tensor_new (type, rank, dims);
}

/* The Dequantize of @x through the op's own formula, element by element. */
static QsTensor *
dequantize_counted (const QsTensor *x,
                    const QsTensor *scale,
                    const QsTensor *zp,
                    const QsTensor *shift,
                    gsize           inner)
{
  QsTensor *y = qs_tensor_new (QS_ELEMENT_F32, x->rank, x->dims);
  gint64 C = x->dims[1];
  gsize i;

  for (i = 0; i < x->n_elements; i++)
    {
      gsize c = (gsize) ((gint64) (i / inner) % C);
      gsize cs = scale->n_elements > 1 ? c : 0, cz = zp->n_elements > 1 ? c : 0;
      gsize cb = shift != NULL && shift->n_elements > 1 ? c : 0;
      gint64 v = x->type == QS_ELEMENT_U8 ? ((const guint8 *) x->data)[i]
               : x->type == QS_ELEMENT_I8 ? ((const gint8 *) x->data)[i] : ((const gint32 *) x->data)[i];

      qs_tensor_f32 (y)[i] = _qs_dequantize_value (v, x->type,
                                                   x->type == QS_ELEMENT_I32 ? ((const gint32 *) zp->data)[cz] : 0,
                                                   x->type == QS_ELEMENT_I32 ? 0.0f : qs_tensor_f32 (zp)[cz],
                                                   qs_tensor_f32 (scale)[cs], shift != NULL,
                                                   shift != NULL ? qs_tensor_f32 (shift)[cb] : 0.0f);
    }
  return y;
}

static QsNode *
dequantize_node (void)
{
  static QsNode node;

  node.type = "Dequantize";
  node.version = "qscope";
  return &node;
}

/* Derived against counted, per-channel and per-tensor constants, scales
 * of both signs and zero, with and without a shift. */
static void
test_dequantize (void)
{
  QsIsa isa;
  guint s, form, threads;

  for (s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (form = 0; form < 4; form++)
      {
        const Shape *sh = &shapes[s];
        gboolean per_channel = form != 1, with_shift = form >= 2;
        g_autoptr(QsTensor) x = qs_tensor_new (sh->type, sh->rank, sh->dims);
        g_autoptr(QsTensor) scale = channel_const (QS_ELEMENT_F32, sh->rank, sh->dims[1], per_channel);
        g_autoptr(QsTensor) zp = channel_const (sh->type == QS_ELEMENT_I32 ? QS_ELEMENT_I32 : QS_ELEMENT_F32, sh->rank,
                                                sh->dims[1], per_channel);
        g_autoptr(QsTensor) shift = with_shift ? channel_const (QS_ELEMENT_F32, sh->rank, sh->dims[1], per_channel) : NULL;
        g_autoptr(QsTensor) y = NULL;
        gsize inner = inner_of (sh), i;
        double big_shift = 0;
        QsTensor *in[4];
        QsSummary want;

        qs_test_rng_seed (100 * s + form + 1);
        fill_codes (x, inner);
        for (i = 0; i < scale->n_elements; i++)
          {
            /* both signs, and one zero scale */
            qs_tensor_f32 (scale)[i] = (i % 3 == 2 ? -1.0f : 1.0f) * qs_test_rnd (1e-4f, 0.3f) * (i == 3 ? 0.0f : 1.0f);
            if (sh->type == QS_ELEMENT_I32)
              {
                ((gint32 *) zp->data)[i] = (gint32) (qs_test_rng () % 6001) - 3000;
                qs_tensor_f32 (scale)[i] *= 1e-3f;
              }
            else
              qs_tensor_f32 (zp)[i] = qs_test_rnd (-20.0f, 140.0f);
            if (shift != NULL)
              {
                qs_tensor_f32 (shift)[i] = (form == 3 ? qs_test_rnd (-50.0f, 50.0f) : qs_test_rnd (-0.5f, 0.5f));
                big_shift = MAX (big_shift, fabs (qs_tensor_f32 (shift)[i]));
              }
          }
        y = dequantize_counted (x, scale, zp, shift, inner);
        qs_summary_init (&want, NULL, NULL);
        qs_summary_add_tensor (&want, y);
        in[0] = x;
        in[1] = scale;
        in[2] = zp;
        in[3] = shift;
        for (isa = QS_ISA_SCALAR; isa <= best_isa (); isa++)
          for (threads = 1; threads <= 3; threads += 2)
            {
              g_autofree char *what = g_strdup_printf ("shape %u, form %u, %s, %u threads", s, form,
                                                       qs_isa_name (isa), threads);
              QsSummary written, got;
              QsRowStash *stash;
              double big = MAX (fabs (want.min), fabs (want.max));

              gboolean by_channel;

              qs_kernels_set_isa (isa);
              qs_parallel_set_threads (threads);
              /* rows one a channel, and pieces of a task (one value in all only) */
              for (by_channel = FALSE; by_channel <= TRUE; by_channel++)
                {
                  gboolean ok;

                  stash = take_rows (x, by_channel, &written);
                  if (stash == NULL)
                    continue;
                  qs_summary_init (&got, NULL, NULL);
                  ok = _qs_derive_dequantize (stash, dequantize_node (), in, with_shift ? 4 : 3, &got);
                  if (!by_channel && per_channel && sh->dims[1] > 1)
                    {
                      g_assert_false (ok);
                      g_assert_cmpuint (got.n, ==, 0);
                    }
                  else
                    {
                      g_assert_true (ok);
                      assert_summary (&got, &want, QS_STATS_DERIVED_RTOL * (big + big_shift), what);
                    }
                  _qs_row_stash_free (stash);
                  qs_summary_clear (&written);
                  qs_summary_clear (&got);
                }
            }
        qs_summary_clear (&want);
      }
  qs_kernels_set_isa (best_isa ());
  qs_parallel_set_threads (0);
}

/* Ends that overflow, and a shift that varies along a row, are refused:
 * nothing is added. */
static void
test_refused (void)
{
  gint64 dims[3] = { 1, 2, 40 }, one[3] = { 1, 1, 1 }, full[3] = { 1, 2, 40 };
  g_autoptr(QsTensor) x = qs_tensor_new (QS_ELEMENT_I32, 3, dims);
  g_autoptr(QsTensor) scale = qs_tensor_new (QS_ELEMENT_F32, 3, one);
  g_autoptr(QsTensor) zp = qs_tensor_new (QS_ELEMENT_I32, 3, one);
  g_autoptr(QsTensor) shifts = qs_tensor_new (QS_ELEMENT_F32, 3, full);
  QsTensor *in[4] = { x, scale, zp, NULL };
  QsSummary written, got;
  QsRowStash *stash;
  gsize i;

  for (i = 0; i < x->n_elements; i++)
    ((gint32 *) x->data)[i] = i % 2 ? G_MAXINT32 : 5;
  qs_tensor_f32 (scale)[0] = 1e30f;   /* 2^31 · 1e30 overflows to inf */
  qs_summary_init (&written, NULL, NULL);
  stash = _qs_derive_take_rows (x, TRUE, &written);
  g_assert_nonnull (stash);
  qs_summary_init (&got, NULL, NULL);
  g_assert_false (_qs_derive_dequantize (stash, dequantize_node (), in, 3, &got));
  g_assert_cmpuint (got.n, ==, 0);
  qs_tensor_f32 (scale)[0] = 0.5f;
  in[3] = shifts;
  g_assert_false (_qs_derive_dequantize (stash, dequantize_node (), in, 4, &got));
  g_assert_cmpuint (got.n, ==, 0);
  in[3] = NULL;
  g_assert_true (_qs_derive_dequantize (stash, dequantize_node (), in, 3, &got));
  g_assert_cmpuint (got.n, ==, x->n_elements);
  _qs_row_stash_free (stash);
  qs_summary_clear (&written);
  qs_summary_clear (&got);
  {
    /* empty rows between others change nothing; bins are refused */
    QsRowMoments rows[3] = { { 0, 0, 0, 0.0, 0, 0 }, { 4, 10, 0, 5.0, 1, 4 }, { 0, 0, 0, 0.0, 0, 0 } };
    QsAffineRow affine[3] = { { NAN, 0, 0, NAN, NAN }, { -2.0, 1.0, 0.5, 0.5f, -5.5f }, { 1, 0, 0, 0, 0 } };
    QsBinning bins = { 0.0f, 1.0f };
    QsSummary s3;

    qs_summary_init (&s3, NULL, NULL);
    g_assert_true (qs_summary_add_affine_rows (&s3, rows, affine, 3));
    g_assert_cmpuint (s3.n, ==, 4);
    g_assert_cmpfloat (s3.min, ==, -5.5);
    g_assert_cmpfloat (s3.max, ==, 0.5);
    /* values 1..4 with sum 10: (v − 1) · −2 + 0.5, mean −2.5, m2 4 · 5 / 4 · 4 = 20 */
    g_assert_cmpfloat (s3.mean, ==, -2.5);
    g_assert_cmpfloat (s3.m2, ==, 20.0);
    qs_summary_clear (&s3);
    qs_summary_init (&s3, &bins, NULL);
    g_assert_false (qs_summary_add_affine_rows (&s3, rows, affine, 3));
    g_assert_cmpuint (s3.n, ==, 0);
    qs_summary_clear (&s3);
  }
}

/* ---- f32 data and a constant ---- */

static const Shape shapes_f32[] = {
  { QS_ELEMENT_F32, 3, { 2, 5, 37 } },        /* short rows: pieces only */
  { QS_ELEMENT_F32, 3, { 2, 5, 1031 } },
  { QS_ELEMENT_F32, 3, { 1, 3, 70001 } },     /* a row over blocks and a task */
  { QS_ELEMENT_F32, 4, { 2, 64, 33, 33 } },   /* over the parallel threshold */
  { QS_ELEMENT_F32, 4, { 1, 7, 1, 1 } },      /* one value a row: pieces only */
  { QS_ELEMENT_F32, 3, { 0, 4, 20 } },        /* no elements */
};

/* Values a row: a band that moves from row to row, some rows of huge or
 * tiny values, one row of a single value. */
static void
fill_f32 (QsTensor *t,
          gsize     inner)
{
  gsize i;

  for (i = 0; i < t->n_elements; i++)
    {
      gsize row = i / inner;
      float v = qs_test_rnd (-1.0f, 1.0f) + (float) (row % 9) - 4.0f;

      if (row % 7 == 3)
        v *= 1e30f;
      else if (row % 7 == 5)
        v *= 1e-30f;
      else if (row % 7 == 6)
        v = 2.5f;
      qs_tensor_f32 (t)[i] = v;
    }
}

static const struct
{
  const char *type;
  int         data;   /* the data's input; the constant is the other */
  QsConstOp   op;
} const_ops[] = {
  { "Add", 0, QS_CONST_OP_ADD },
  { "Add", 1, QS_CONST_OP_ADD },
  { "Subtract", 0, QS_CONST_OP_SUBTRACT },
  { "Subtract", 1, QS_CONST_OP_SUBTRACT_FROM },
  { "Multiply", 0, QS_CONST_OP_MULTIPLY },
};

static QsNode *
op_node (const char *type)
{
  static QsNode node;

  node.type = type;
  node.version = "opset1";
  return &node;
}

/* The op's output and its constant's largest |k| (for the bound). */
static QsTensor *
const_op_counted (const QsTensor *x,
                  const QsTensor *k,
                  QsConstOp       op,
                  gsize           inner)
{
  QsTensor *y = qs_tensor_new (QS_ELEMENT_F32, x->rank, x->dims);
  gsize i;

  for (i = 0; i < x->n_elements; i++)
    {
      gsize c = k->n_elements > 1 ? (gsize) ((gint64) (i / inner) % x->dims[1]) : 0;

      qs_tensor_f32 (y)[i] = qs_const_op_value (op, qs_tensor_f32 (x)[i], qs_tensor_f32 (k)[c]);
    }
  return y;
}

/* Rows of f32 data, and the summaries of an Add, Subtract (either way)
 * and Multiply of it and a constant derived from them, against the
 * reference's count of x and of y, at every ISA and one and three
 * threads; constants one a channel (both signs, a zero) and of one value,
 * rows one a channel and pieces of a task. */
static void
test_const_rows (void)
{
  QsIsa isa;
  guint s, o, form, threads;

  for (s = 0; s < G_N_ELEMENTS (shapes_f32); s++)
    {
      const Shape *sh = &shapes_f32[s];
      g_autoptr(QsTensor) x = qs_tensor_new (QS_ELEMENT_F32, sh->rank, sh->dims);
      gsize inner = inner_of (sh);
      QsSummary want_x;

      qs_test_rng_seed (500 + s);
      fill_f32 (x, inner);
      qs_summary_init (&want_x, NULL, NULL);
      _qs_summary_add_tensor_ref (&want_x, x);
      for (o = 0; o < G_N_ELEMENTS (const_ops); o++)
        for (form = 0; form < 2; form++)
          {
            gboolean per_channel = form == 0;
            gint64 kd[4] = { 1, per_channel ? sh->dims[1] : 1, 1, 1 };
            g_autoptr(QsTensor) k = qs_tensor_new (QS_ELEMENT_F32, per_channel ? sh->rank : 1, kd);
            g_autoptr(QsTensor) y = NULL;
            double big_k = 0;
            QsTensor *in[2];
            QsSummary want;
            gsize i;

            for (i = 0; i < k->n_elements; i++)
              {
                float v = qs_test_rnd (0.1f, 3.0f) * (i % 2 ? -1.0f : 1.0f);

                /* a zero multiplier, and a constant far above the data */
                if (i == 2)
                  v = const_ops[o].op == QS_CONST_OP_MULTIPLY ? 0.0f : 1e6f;
                qs_tensor_f32 (k)[i] = v;
                big_k = MAX (big_k, fabs (v));
              }
            y = const_op_counted (x, k, const_ops[o].op, inner);
            qs_summary_init (&want, NULL, NULL);
            _qs_summary_add_tensor_ref (&want, y);
            in[const_ops[o].data] = x;
            in[1 - const_ops[o].data] = k;
            for (isa = QS_ISA_SCALAR; isa <= best_isa (); isa++)
              for (threads = 1; threads <= 3; threads += 2)
                {
                  gboolean by_channel;

                  qs_kernels_set_isa (isa);
                  qs_parallel_set_threads (threads);
                  for (by_channel = FALSE; by_channel <= TRUE; by_channel++)
                    {
                      g_autofree char *what = g_strdup_printf ("shape %u, %s data %d, %s, %s, %u threads, %s", s,
                                                               const_ops[o].type, const_ops[o].data,
                                                               per_channel ? "one a channel" : "one value",
                                                               qs_isa_name (isa), threads,
                                                               by_channel ? "rows" : "pieces");
                      double big = MAX (fabs (want.min), fabs (want.max));
                      double big_x = MAX (fabs (want_x.min), fabs (want_x.max));
                      QsSummary written, got;
                      QsRowStash *stash;
                      gboolean ok;

                      stash = take_rows (x, by_channel, &written);
                      if (stash == NULL)
                        continue;
                      g_assert_nonnull (stash->rows_f32);
                      /* x's own summary from its rows */
                      assert_summary (&written, &want_x, QS_STATS_ROUND_RTOL * big_x, what);
                      qs_summary_init (&got, NULL, NULL);
                      ok = _qs_derive_const_op (stash, op_node (const_ops[o].type), const_ops[o].data, in, 2, y,
                                                &got);
                      if (!by_channel && per_channel && sh->dims[1] > 1)
                        {
                          /* pieces cross channels */
                          g_assert_false (ok);
                          g_assert_cmpuint (got.n, ==, 0);
                        }
                      else
                        {
                          g_assert_true (ok);
                          assert_summary (&got, &want,
                                          QS_STATS_DERIVED_RTOL *
                                          (big + (const_ops[o].op == QS_CONST_OP_MULTIPLY ? 0.0 : big_k)), what);
                        }
                      _qs_row_stash_free (stash);
                      qs_summary_clear (&written);
                      qs_summary_clear (&got);
                    }
                }
            qs_summary_clear (&want);
          }
      qs_summary_clear (&want_x);
    }
  qs_kernels_set_isa (best_isa ());
  qs_parallel_set_threads (0);
}

/* NaN and infinities in the data, constants that are not finite and ends
 * that overflow are refused (nothing added); the data's own summary from
 * its rows counts the NaN and infinities as counting does. */
static void
test_const_refused (void)
{
  gint64 dims[3] = { 1, 3, 1100 }, one[1] = { 1 };
  g_autoptr(QsTensor) x = qs_tensor_new (QS_ELEMENT_F32, 3, dims);
  g_autoptr(QsTensor) k = qs_tensor_new (QS_ELEMENT_F32, 1, one);
  QsTensor *in[2] = { x, k };
  QsIsa isa;
  guint bad;
  gsize i;

  for (isa = QS_ISA_SCALAR; isa <= best_isa (); isa++)
    for (bad = 0; bad < 7; bad++)
      {
        g_autofree char *what = g_strdup_printf ("%s, case %u", qs_isa_name (isa), bad);
        const char *type = bad == 5 ? "Multiply" : "Add";
        QsSummary written, got, want;
        QsRowStash *stash;

        qs_kernels_set_isa (isa);
        for (i = 0; i < x->n_elements; i++)
          qs_tensor_f32 (x)[i] = (float) i - 20.0f;
        qs_tensor_f32 (k)[0] = 0.5f;
        switch (bad)
          {
          case 0: qs_tensor_f32 (x)[1500] = NAN; break;
          case 1: qs_tensor_f32 (x)[3000] = -INFINITY; break;
          case 2: qs_tensor_f32 (k)[0] = NAN; break;
          case 3: qs_tensor_f32 (k)[0] = INFINITY; break;
          case 4: qs_tensor_f32 (x)[3] = 3e38f; qs_tensor_f32 (k)[0] = 3e38f; break;   /* x + k overflows */
          case 5: qs_tensor_f32 (x)[3] = 3e38f; qs_tensor_f32 (k)[0] = -10.0f; break;  /* x · k does */
          default: break;   /* derives */
          }
        qs_summary_init (&written, NULL, NULL);
        qs_summary_init (&want, NULL, NULL);
        qs_summary_add_tensor (&want, x);
        stash = _qs_derive_take_rows (x, TRUE, &written);
        g_assert_nonnull (stash);
        assert_summary (&written, &want, 0.0, what);
        qs_summary_init (&got, NULL, NULL);
        if (bad < 6)
          {
            g_assert_false (_qs_derive_const_op (stash, op_node (type), 0, in, 2, x, &got));
            g_assert_cmpuint (got.n + got.n_nan + got.n_inf, ==, 0);
          }
        else
          {
            g_assert_true (_qs_derive_const_op (stash, op_node (type), 0, in, 2, x, &got));
            g_assert_cmpuint (got.n, ==, x->n_elements);
            /* the wrong input as the data, or a shape it does not have */
            g_assert_false (_qs_derive_const_op (stash, op_node (type), 1, in, 2, x, &got));
            g_assert_false (_qs_derive_const_op (stash, op_node (type), 0, in, 2, k, &got));
            g_assert_false (_qs_derive_const_op (stash, op_node ("Divide"), 0, in, 2, x, &got));
            g_assert_cmpuint (got.n, ==, x->n_elements);
          }
        _qs_row_stash_free (stash);
        qs_summary_clear (&written);
        qs_summary_clear (&want);
        qs_summary_clear (&got);
      }
  qs_kernels_set_isa (best_isa ());
}

/* ---- whole runs ---- */

typedef struct
{
  QsExec    *exec;
  gboolean   derive;             /* takes qs_exec_output_summarised() */
  guint      n_nodes;
  QsSummary *sums;               /* by node index */
  gboolean  *has;
  double    *shift;              /* a Dequantize's largest |shift| */
  guint      n_written;
} Observe;

static Observe *
observe_new (guint n_nodes)
{
  Observe *o = g_new0 (Observe, 1);

  o->n_nodes = n_nodes;
  o->sums = g_new0 (QsSummary, n_nodes);
  o->has = g_new0 (gboolean, n_nodes);
  o->shift = g_new0 (double, n_nodes);
  return o;
}

static void
observe_free (Observe *o)
{
  guint i;

  for (i = 0; i < o->n_nodes; i++)
    if (o->has[i])
      qs_summary_clear (&o->sums[i]);
  g_free (o->sums);
  g_free (o->has);
  g_free (o->shift);
  g_free (o);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Observe, observe_free)

static QsSummary *
summary_of (Observe      *o,
            const QsNode *node)
{
  g_assert_cmpuint (node->index, <, o->n_nodes);
  if (!o->has[node->index])
    {
      qs_summary_init (&o->sums[node->index], NULL, NULL);
      o->has[node->index] = TRUE;
    }
  return &o->sums[node->index];
}

static QsSummary *
give_summary (const QsNode   *node,
              guint           port,
              const QsTensor *like,
              const double   *range,
              gpointer        user_data)
{
  return port == 0 ? summary_of (user_data, node) : NULL;
}

static void
observe (const QsNode    *node,
         QsTensor *const *inputs,
         guint            n_inputs,
         QsTensor *const *outputs,
         guint            n_outputs,
         gpointer         user_data)
{
  Observe *o = user_data;

  if (n_outputs == 0 || qs_node_is_type (node, "Const") || qs_node_is_type (node, "Result"))
    return;
  if (qs_node_is_type (node, "Dequantize") && n_inputs > 3 && inputs[3] != NULL)
    {
      double lo, hi;

      if (qs_tensor_min_max (inputs[3], &lo, &hi))
        o->shift[node->index] = MAX (fabs (lo), fabs (hi));
    }
  if ((qs_node_is_type (node, "Add") || qs_node_is_type (node, "Subtract")) && n_inputs == 2 &&
      outputs[0] != NULL)
    {
      guint i;

      /* the constant of a derived one: the input smaller than the output */
      for (i = 0; i < 2; i++)
        {
          double lo, hi;

          if (inputs[i] != NULL && inputs[i]->type == QS_ELEMENT_F32 &&
              inputs[i]->n_elements < outputs[0]->n_elements && qs_tensor_min_max (inputs[i], &lo, &hi))
            o->shift[node->index] = MAX (o->shift[node->index], MAX (fabs (lo), fabs (hi)));
        }
    }
  if (outputs[0] == NULL)
    return;    /* a fused link */
  if (o->derive && qs_exec_output_summarised (o->exec, node, 0) != NULL)
    {
      o->n_written++;
      return;    /* merged into summary_of() already */
    }
  qs_summary_add_tensor (summary_of (o, node), outputs[0]);
}

static QsNode *
const_f32_to (QsGraphBuilder *b,
              QsNode         *to,
              guint           in,
              int             rank,
              gint64          C,
              float           lo,
              float           hi,
              gboolean        mixed_signs)
{
  gint64 dims[4] = { 1, C, 1, 1 };
  g_autofree float *v = g_new (float, C);
  gint64 i;

  for (i = 0; i < C; i++)
    v[i] = qs_test_rnd (lo, hi) * (mixed_signs && i % 2 ? -1.0f : 1.0f);
  return qs_test_const_to (b, to, in, QS_ELEMENT_F32, rank, dims, v);
}

static QsNode *
add_dequantize (QsGraphBuilder *b,
                QsNode         *from,
                const char     *name,
                QsElementType   type,
                int             rank,
                const gint64   *dims,
                gboolean        with_shift,
                gboolean        per_channel)
{
  QsNode *d = qs_graph_builder_add_node (b, "Dequantize", "qscope", name, with_shift ? 4 : 3, 1);
  gint64 cdims[4] = { 1, per_channel ? dims[1] : 1, 1, 1 };
  const gint64 *cd = cdims;

  qs_graph_builder_set_port (b, &d->inputs[0], type, rank, dims);
  qs_graph_builder_set_port (b, &d->outputs[0], QS_ELEMENT_F32, rank, dims);
  qs_test_wire (b, from, 0, d, 0);
  const_f32_to (b, d, 1, rank, cd[1], type == QS_ELEMENT_I32 ? 1e-4f : 0.01f,
                type == QS_ELEMENT_I32 ? 3e-4f : 0.05f, TRUE);
  if (type == QS_ELEMENT_I32)
    {
      g_autofree gint32 *z = g_new (gint32, cd[1]);
      gint64 i;

      for (i = 0; i < cd[1]; i++)
        z[i] = (gint32) (qs_test_rng () % 601) - 300;
      qs_test_const_to (b, d, 2, QS_ELEMENT_I32, rank, cd, z);
    }
  else
    const_f32_to (b, d, 2, rank, cd[1], 100.0f, 150.0f, FALSE);
  if (with_shift)
    const_f32_to (b, d, 3, rank, cd[1], -0.5f, 0.5f, TRUE);
  return d;
}

/* x (i32 accumulators) → Dequantize → Result "a"; x → Dequantize →
 * PReLU → Quantize (u8) → Dequantize → Result "b": an unfused
 * Dequantize, a chain's (constants one a channel), and one of the
 * chain's codes (constants of one value). */
static QsModel *
run_model (const gint64 *dims)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("derive");
  g_autoptr(GError) error = NULL;
  gint64 chan[1] = { dims[1] };
  gint64 cd[4] = { 1, dims[1], 1, 1 };
  QsNode *x, *d0, *d1, *prelu, *q, *dq2, *r;
  g_autofree float *lo = g_new (float, dims[1]);
  g_autofree float *hi = g_new (float, dims[1]);
  gint64 i;
  QsModel *model;

  x = qs_graph_builder_add_node (b, "Parameter", "opset1", "x", 0, 1);
  qs_graph_builder_set_port (b, &x->outputs[0], QS_ELEMENT_I32, 4, dims);
  d0 = add_dequantize (b, x, "d0", QS_ELEMENT_I32, 4, dims, TRUE, TRUE);
  r = qs_graph_builder_add_node (b, "Result", "opset1", "a", 1, 0);
  qs_graph_builder_set_port (b, &r->inputs[0], QS_ELEMENT_F32, 4, dims);
  qs_test_wire (b, d0, 0, r, 0);

  d1 = add_dequantize (b, x, "d1", QS_ELEMENT_I32, 4, dims, FALSE, TRUE);
  prelu = qs_graph_builder_add_node (b, "PReLU", "opset1", "prelu", 2, 1);
  qs_graph_builder_set_port (b, &prelu->inputs[0], QS_ELEMENT_F32, 4, dims);
  qs_graph_builder_set_port (b, &prelu->outputs[0], QS_ELEMENT_F32, 4, dims);
  qs_test_wire (b, d1, 0, prelu, 0);
  {
    g_autofree float *slope = g_new (float, dims[1]);

    for (i = 0; i < dims[1]; i++)
      slope[i] = qs_test_rnd (0.05f, 0.3f);
    qs_test_const_to (b, prelu, 1, QS_ELEMENT_F32, 1, chan, slope);
  }
  q = qs_graph_builder_add_node (b, "Quantize", "qscope", "q", 3, 1);
  qs_graph_builder_set_attr (b, q, "levels", "256");
  qs_graph_builder_set_attr (b, q, "qmin", "0");
  qs_graph_builder_set_attr (b, q, "destination_type", "u8");
  qs_graph_builder_set_port (b, &q->inputs[0], QS_ELEMENT_F32, 4, dims);
  qs_graph_builder_set_port (b, &q->outputs[0], QS_ELEMENT_U8, 4, dims);
  qs_test_wire (b, prelu, 0, q, 0);
  for (i = 0; i < dims[1]; i++)
    {
      lo[i] = qs_test_rnd (-0.3f, -0.1f);
      hi[i] = qs_test_rnd (0.2f, 0.4f);
    }
  qs_test_const_to (b, q, 1, QS_ELEMENT_F32, 4, cd, lo);
  qs_test_const_to (b, q, 2, QS_ELEMENT_F32, 4, cd, hi);
  /* one scale for the codes, as LPT's activations have: rows of a task */
  dq2 = add_dequantize (b, q, "d2", QS_ELEMENT_U8, 4, dims, TRUE, FALSE);
  r = qs_graph_builder_add_node (b, "Result", "opset1", "b", 1, 0);
  qs_graph_builder_set_port (b, &r->inputs[0], QS_ELEMENT_F32, 4, dims);
  qs_test_wire (b, dq2, 0, r, 0);
  model = qs_graph_builder_finish (b, &error);
  g_assert_no_error (error);
  return model;
}

static void
run_observed (QsExec   *exec,
              QsTensor *x,
              Observe  *o,
              gboolean  derive)
{
  g_autoptr(GError) error = NULL;

  o->exec = exec;
  o->derive = derive;
  /* the reference counts every tensor: no fusion, nothing written */
  qs_exec_set_fusion (exec, derive);
  qs_exec_set_observer (exec, observe, o);
  qs_exec_set_summary_func (exec, derive ? give_summary : NULL, o);
  qs_exec_set_summarise_outputs (exec, derive);
  g_assert_true (qs_exec_run (exec, &x, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  qs_exec_set_observer (exec, NULL, NULL);
  qs_exec_set_summary_func (exec, NULL, NULL);
}

static void
test_runs (void)
{
  static const gint64 all_dims[][4] = { { 1, 6, 9, 11 }, { 2, 37, 24, 20 } };
  guint d, threads;
  QsIsa isa;

  for (d = 0; d < G_N_ELEMENTS (all_dims); d++)
    {
      g_autoptr(QsModel) model = NULL;
      g_autoptr(QsExec) exec = NULL;
      g_autoptr(QsTensor) x = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(Observe) want = NULL;
      guint i;

      qs_test_rng_seed (1000 + d);
      model = run_model (all_dims[d]);
      want = observe_new (model->graph->n_nodes);
      exec = qs_exec_new (model, QS_EXEC_MODE_INT8, &error);
      g_assert_no_error (error);
      x = qs_tensor_new (QS_ELEMENT_I32, 4, all_dims[d]);
      for (i = 0; i < x->n_elements; i++)
        ((gint32 *) x->data)[i] = (gint32) (qs_test_rng () % 4001) - 2000 + (gint32) (i / 200 % 7) * 300;
      run_observed (exec, x, want, FALSE);
      for (isa = QS_ISA_SCALAR; isa <= best_isa (); isa++)
        for (threads = 1; threads <= 3; threads += 2)
          {
            g_autoptr(Observe) got = observe_new (model->graph->n_nodes);
            guint derived = _qs_derive_get_n_derived ();
            g_autofree char *what = NULL;

            qs_kernels_set_isa (isa);
            qs_parallel_set_threads (threads);
            run_observed (exec, x, got, TRUE);
            /* d0 and d2 unfused, d1 in the chain */
            g_assert_cmpuint (_qs_derive_get_n_derived () - derived, ==, 3);
            /* x, d0, the Quantize's codes and d2 came written */
            g_assert_cmpuint (got->n_written, ==, 4);
            for (i = 0; i < model->graph->n_nodes; i++)
              {
                const QsNode *node = model->graph->nodes[i];
                double big, shift = 0.5;

                g_assert_cmpuint (node->index, ==, i);
                g_assert_cmpint (got->has[i], ==, want->has[i]);
                if (!want->has[i])
                  continue;
                g_free (what);
                what = g_strdup_printf ("dims %u, %s, %u threads, layer %s", d, qs_isa_name (isa), threads,
                                        node->name);
                big = MAX (fabs (want->sums[i].min), fabs (want->sums[i].max));
                assert_summary (&got->sums[i], &want->sums[i], QS_STATS_DERIVED_RTOL * (big + shift), what);
                if (qs_node_is_type (node, "Quantize"))
                  {
                    /* codes: the exact totals, bit for bit */
                    g_assert_cmpmem (&got->sums[i].mean, sizeof (double), &want->sums[i].mean, sizeof (double));
                    g_assert_cmpmem (&got->sums[i].m2, sizeof (double), &want->sums[i].m2, sizeof (double));
                  }
              }
          }
    }
  qs_kernels_set_isa (best_isa ());
  qs_parallel_set_threads (0);
}

/* A @type node (two inputs) of @from's f32 output (dims @dd) on input
 * @data_in and an f32 constant (dims @kd, values @k) on the other, into
 * Result @result. */
static void
const_op (QsGraphBuilder *b,
          const char     *type,
          const char     *name,
          QsNode         *from,
          guint           data_in,
          const gint64   *dd,
          int             k_rank,
          const gint64   *kd,
          const float    *k,
          const char     *result)
{
  QsNode *n = qs_graph_builder_add_node (b, type, "opset1", name, 2, 1);

  qs_graph_builder_set_port (b, &n->inputs[data_in], QS_ELEMENT_F32, 4, dd);
  qs_graph_builder_set_port (b, &n->outputs[0], QS_ELEMENT_F32, 4, dd);
  qs_test_wire (b, from, 0, n, data_in);
  qs_test_const_to (b, n, 1 - data_in, QS_ELEMENT_F32, k_rank, kd, k);
  qs_test_result (b, result, n, 0, 4, dd);
}

/* x → Convolution → Add (bias one a channel) → Result; x → Multiply
 * (one a channel, both signs and a zero) → Result; x → (k − x), k one
 * value → Result; and the Convolution → Subtract (one a channel) →
 * Result. */
static QsModel *
const_model (void)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("derive-const");
  g_autoptr(GError) error = NULL;
  gint64 xd[4] = { 1, 4, S, S }, yd[4] = { 1, 6, S, S }, kx[4] = { 1, 4, 1, 1 }, ky[4] = { 1, 6, 1, 1 };
  gint64 one[1] = { 1 };
  float bias[6], sub[6], mul[4] = { 0.75f, -1.5f, 0.0f, -0.25f }, from[1] = { 3.0f };
  QsNode *x, *conv;
  QsModel *model;
  guint i;

  for (i = 0; i < 6; i++)
    {
      bias[i] = qs_test_rnd (-2.0f, 2.0f);
      sub[i] = qs_test_rnd (-1.0f, 1.0f);
    }
  x = qs_test_parameter (b, "x", 4, xd);
  conv = qs_test_conv1x1 (b, "conv", x, 4, 6, 3);
  const_op (b, "Add", "bias", conv, 0, yd, 4, ky, bias, "a");
  const_op (b, "Multiply", "mul", x, 0, xd, 4, kx, mul, "b");
  const_op (b, "Subtract", "from", x, 1, xd, 1, one, from, "c");
  const_op (b, "Subtract", "sub", conv, 0, yd, 4, ky, sub, "d");
  model = qs_graph_builder_finish (b, &error);
  g_assert_no_error (error);
  return model;
}

/* Float and fake-quant runs of const_model(): the observer that takes
 * qs_exec_output_summarised() gets the figures of one that counts every
 * tensor, with the four ops' summaries derived (none where x has a NaN or
 * an infinity: then they are counted), on every ISA at one and three
 * threads. */
static void
test_const_runs (void)
{
  QsExecMode mode;
  guint nonfinite, threads;
  QsIsa isa;

  for (mode = QS_EXEC_MODE_FLOAT; mode <= QS_EXEC_MODE_FAKE_QUANT; mode++)
    for (nonfinite = 0; nonfinite < 2; nonfinite++)
      {
        g_autoptr(QsModel) model = NULL;
        g_autoptr(QsExec) exec = NULL;
        g_autoptr(QsTensor) x = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(Observe) want = NULL;
        gint64 xd[4] = { 1, 4, S, S };
        guint i;

        qs_test_rng_seed (2000 + mode);
        model = const_model ();
        want = observe_new (model->graph->n_nodes);
        exec = qs_exec_new (model, mode, &error);
        g_assert_no_error (error);
        x = qs_tensor_new (QS_ELEMENT_F32, 4, xd);
        for (i = 0; i < x->n_elements; i++)
          qs_tensor_f32 (x)[i] = qs_test_rnd (-1.0f, 1.0f) * (float) (1 + i / 1024) + (float) (i / 1024);
        if (nonfinite)
          {
            qs_tensor_f32 (x)[1500] = NAN;
            qs_tensor_f32 (x)[3000] = INFINITY;
          }
        run_observed (exec, x, want, FALSE);
        for (isa = QS_ISA_SCALAR; isa <= best_isa (); isa++)
          for (threads = 1; threads <= 3; threads += 2)
            {
              g_autoptr(Observe) got = observe_new (model->graph->n_nodes);
              guint derived = _qs_derive_get_n_derived_const ();

              qs_kernels_set_isa (isa);
              qs_parallel_set_threads (threads);
              run_observed (exec, x, got, TRUE);
              /* bias, mul, from, sub; none with a NaN or an infinity in x */
              g_assert_cmpuint (_qs_derive_get_n_derived_const () - derived, ==, nonfinite ? 0 : 4);
              /* x, conv and the four ops came written */
              g_assert_cmpuint (got->n_written, ==, 6);
              for (i = 0; i < model->graph->n_nodes; i++)
                {
                  const QsNode *node = model->graph->nodes[i];
                  g_autofree char *what = NULL;
                  double big;

                  g_assert_cmpint (got->has[i], ==, want->has[i]);
                  if (!want->has[i])
                    continue;
                  what = g_strdup_printf ("%s, %s, %u threads, %s, layer %s", qs_exec_mode_name (mode),
                                          qs_isa_name (isa), threads, nonfinite ? "NaN and inf" : "finite",
                                          node->name);
                  big = MAX (fabs (want->sums[i].min), fabs (want->sums[i].max));
                  assert_summary (&got->sums[i], &want->sums[i], QS_STATS_DERIVED_RTOL * (big + want->shift[i]),
                                  what);
                }
            }
        {
          /* the outputs are those of a run without statistics, bit for bit */
          g_autoptr(Observe) got = observe_new (model->graph->n_nodes);
          QsTensor **plain = NULL, **seen = NULL;

          g_assert_true (qs_exec_run (exec, &x, NULL, NULL, NULL, &plain, &error));
          qs_exec_set_observer (exec, observe, got);
          qs_exec_set_summary_func (exec, give_summary, got);
          qs_exec_set_summarise_outputs (exec, TRUE);
          got->exec = exec;
          got->derive = TRUE;
          g_assert_true (qs_exec_run (exec, &x, NULL, NULL, NULL, &seen, &error));
          g_assert_no_error (error);
          qs_exec_set_observer (exec, NULL, NULL);
          qs_exec_set_summary_func (exec, NULL, NULL);
          for (i = 0; i < model->graph->n_results; i++)
            g_assert_cmpmem (seen[i]->data, seen[i]->n_elements * sizeof (float), plain[i]->data,
                             plain[i]->n_elements * sizeof (float));
          qs_test_free_tensors (plain, model->graph->n_results);
          qs_test_free_tensors (seen, model->graph->n_results);
        }
      }
  qs_kernels_set_isa (best_isa ());
  qs_parallel_set_threads (0);
}

/* The three shared models on random inputs, in float, fake-quant and
 * int8 runs: every summary of the observed run that derives (fused,
 * summarised as written) against one that counts every tensor. */
static void
test_shared_models (void)
{
  static const char *const names[] = { "pvb2003-int8-v11", "yolov8n-int8-nncf-v11", "pdr0013-int8-v11" };
  const char *models = qs_test_shared_models ();
  guint k, n_checked = 0;
  QsExecMode mode;

  if (models == NULL)
    {
      g_test_skip ("no shared models");
      return;
    }
  for (k = 0; k < G_N_ELEMENTS (names); k++)
    {
      g_autoptr(QsModel) model = qs_test_load_shared (models, names[k]);
      QsTensor **inputs;

      if (model == NULL)
        continue;
      inputs = qs_test_random_inputs (model, 5);
      for (mode = QS_EXEC_MODE_FLOAT; mode <= QS_EXEC_MODE_INT8; mode++)
        {
          g_autoptr(QsExec) exec = NULL;
          g_autoptr(GError) error = NULL;
          g_autoptr(Observe) want = NULL;
          g_autoptr(Observe) got = NULL;
          QsNode *const *order;
          guint i, j, derived, derived_const, n_nodes, n_compared = 0;

          exec = qs_exec_new (model, mode, &error);
          g_assert_no_error (error);
          order = qs_exec_get_order (exec, &n_nodes);
          want = observe_new (n_nodes);
          got = observe_new (n_nodes);
          g_assert_true (qs_exec_run (exec, inputs, NULL, NULL, NULL, NULL, &error));
          want->exec = got->exec = exec;
          for (i = 0; i < 2; i++)
            {
              Observe *o = i == 0 ? want : got;

              qs_exec_set_fusion (exec, i == 1);
              o->derive = i == 1;
              qs_exec_set_observer (exec, observe, o);
              qs_exec_set_summary_func (exec, i == 1 ? give_summary : NULL, o);
              qs_exec_set_summarise_outputs (exec, i == 1);
              derived = _qs_derive_get_n_derived ();
              derived_const = _qs_derive_get_n_derived_const ();
              g_assert_true (qs_exec_run (exec, inputs, NULL, NULL, NULL, NULL, &error));
              g_assert_no_error (error);
              if (i == 1 && mode == QS_EXEC_MODE_INT8)
                g_assert_cmpuint (_qs_derive_get_n_derived () - derived, >, 0);
              /* the bias of the convolutions with planes of 1024 values or
               * more (45 to 85 of them) */
              if (i == 1 && mode != QS_EXEC_MODE_INT8)
                g_assert_cmpuint (_qs_derive_get_n_derived_const () - derived_const, >=, 40);
            }
          qs_exec_set_observer (exec, NULL, NULL);
          qs_exec_set_summary_func (exec, NULL, NULL);
          for (j = 0; j < n_nodes; j++)
            {
              const QsNode *node = order[j];
              g_autofree char *what = NULL;
              double big;

              i = node->index;
              g_assert_cmpint (got->has[i], ==, want->has[i]);
              if (!want->has[i])
                continue;
              what = g_strdup_printf ("%s, %s, layer %s", names[k], qs_exec_mode_name (mode), node->name);
              big = MAX (fabs (want->sums[i].min), fabs (want->sums[i].max));
              /* (a derived Dequantize, Add, Subtract or Multiply; shift
               * the largest |shift| or |constant| of an added one) */
              assert_summary (&got->sums[i], &want->sums[i],
                              qs_node_is_type (node, "Dequantize") || qs_node_is_type (node, "Add") ||
                              qs_node_is_type (node, "Subtract") || qs_node_is_type (node, "Multiply")
                              ? QS_STATS_DERIVED_RTOL * (big + want->shift[i]) : 0.0,
                              what);
              n_compared++;
            }
          g_test_message ("%s, %s: %u summaries compared, %u Dequantize and %u Add/Subtract/Multiply derived",
                          names[k], qs_exec_mode_name (mode), n_compared, _qs_derive_get_n_derived () - derived,
                          _qs_derive_get_n_derived_const () - derived_const);
        }
      qs_test_free_tensors (inputs, model->graph->n_parameters);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qscope/exec-derive/rows", test_rows);
  g_test_add_func ("/qscope/exec-derive/dequantize", test_dequantize);
  g_test_add_func ("/qscope/exec-derive/refused", test_refused);
  g_test_add_func ("/qscope/exec-derive/const-rows", test_const_rows);
  g_test_add_func ("/qscope/exec-derive/const-refused", test_const_refused);
  g_test_add_func ("/qscope/exec-derive/runs", test_runs);
  g_test_add_func ("/qscope/exec-derive/const-runs", test_const_runs);
  g_test_add_func ("/qscope/exec-derive/shared-models", test_shared_models);
  return g_test_run ();
}
