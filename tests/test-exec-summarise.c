/* test-exec-summarise.c — what an observer reads, and statistics taken as
 * the ops write their outputs (qs_exec_set_observer_ports(),
 * qs_exec_set_summarise_outputs())
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "qs-exec.h"
#include "qs-exec-derive-private.h"
#include "qs-kernels.h"
#include "qs-test-models.h"

static guint64
rng (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static float
uniform (guint64 *state,
         float    lo,
         float    hi)
{
  return lo + (hi - lo) * (float) ((rng (state) >> 40) / (double) (1ull << 24));
}

/* Values over [-3, 3] with NaN, ±inf, ±1e30 (whose squares overflow
 * float) and denormals among them. */
static QsTensor *
hostile_tensor (int           rank,
                const gint64 *dims,
                guint64       seed)
{
  QsTensor *t = qs_tensor_new (QS_ELEMENT_F32, rank, dims);
  float *v = t->data;
  gsize i;

  for (i = 0; i < t->n_elements; i++)
    {
      float r = uniform (&seed, 0, 1), u = uniform (&seed, -3, 3);

      v[i] = r < 0.01f ? NAN : r < 0.015f ? INFINITY : r < 0.02f ? -INFINITY :
             r < 0.025f ? (u < 0 ? -1e30f : 1e30f) : r < 0.04f ? u * 1e-39f : u;
    }
  return t;
}

/* ---- the ports the observer reads ---- */

/* Parameter → MaxPool-8 → Result of its values alone. */
static QsModel *
max_pool_model (const gint64 *dims)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("pool");
  g_autoptr(GError) error = NULL;
  QsNode *p = qs_test_parameter (b, "x", 4, dims);
  QsNode *op = qs_graph_builder_add_node (b, "MaxPool", "opset8", "pool", 1, 2);
  QsModel *model;

  qs_graph_builder_set_port (b, &op->inputs[0], QS_ELEMENT_F32, 4, dims);
  qs_graph_builder_set_attr (b, op, "kernel", "2,2");
  qs_graph_builder_set_attr (b, op, "strides", "2,2");
  qs_graph_builder_set_attr (b, op, "pads_begin", "0,0");
  qs_graph_builder_set_attr (b, op, "pads_end", "0,0");
  qs_graph_builder_set_attr (b, op, "dilations", "1,1");
  qs_graph_builder_set_attr (b, op, "rounding_type", "ceil");
  qs_graph_builder_set_attr (b, op, "index_element_type", "i64");
  qs_graph_builder_set_attr (b, op, "axis", "0");
  qs_test_wire (b, p, 0, op, 0);
  {
    QsNode *res = qs_graph_builder_add_node (b, "Result", "opset1", "y", 1, 0);

    qs_test_wire (b, op, 0, res, 0);
  }
  model = qs_graph_builder_finish (b, &error);
  g_assert_no_error (error);
  return model;
}

typedef struct
{
  gboolean  seen;
  gboolean  has_indices;
  QsTensor *values;
} PoolSeen;

static void
observe_pool (const QsNode    *node,
              QsTensor *const *inputs,
              guint            n_inputs,
              QsTensor *const *outputs,
              guint            n_outputs,
              gpointer         user_data)
{
  PoolSeen *s = user_data;

  if (!qs_node_is_type (node, "MaxPool"))
    return;
  g_assert_cmpuint (n_outputs, ==, 2);
  s->seen = TRUE;
  s->has_indices = outputs[1] != NULL;
  g_clear_pointer (&s->values, qs_tensor_unref);
  s->values = qs_tensor_ref (outputs[0]);
}

/* An observer that reads MaxPool's indices gets them (the default); one
 * that reads port 0 alone gets the same values and no indices, in runs
 * of qs_exec_run(); a stepped run computes them all the same. */
static void
test_observer_ports (void)
{
  static const gint64 dims[4] = { 1, 3, 17, 23 };
  g_autoptr(QsModel) model = max_pool_model (dims);
  g_autoptr(QsTensor) x = hostile_tensor (4, dims, 5);
  g_autoptr(QsExec) exec = NULL;
  g_autoptr(GError) error = NULL;
  PoolSeen all = { 0 }, first = { 0 };
  QsTensor **outputs = NULL;

  exec = qs_exec_new (model, QS_EXEC_MODE_FLOAT, &error);
  g_assert_no_error (error);

  qs_exec_set_observer (exec, observe_pool, &all);
  g_assert_true (qs_exec_run (exec, &x, NULL, NULL, NULL, &outputs, &error));
  g_assert_no_error (error);
  qs_tensor_unref (outputs[0]);
  g_clear_pointer (&outputs, g_free);
  g_assert_true (all.seen);
  g_assert_true (all.has_indices);

  qs_exec_set_observer (exec, observe_pool, &first);
  qs_exec_set_observer_ports (exec, 1);
  g_assert_true (qs_exec_run (exec, &x, NULL, NULL, NULL, &outputs, &error));
  g_assert_no_error (error);
  qs_tensor_unref (outputs[0]);
  g_clear_pointer (&outputs, g_free);
  g_assert_true (first.seen);
  g_assert_false (first.has_indices);
  g_assert_cmpmem (first.values->data, first.values->n_elements * sizeof (float),
                   all.values->data, all.values->n_elements * sizeof (float));

  /* setting the observer again reads every port */
  first.seen = FALSE;
  qs_exec_set_observer (exec, observe_pool, &first);
  g_assert_true (qs_exec_run (exec, &x, NULL, NULL, NULL, &outputs, &error));
  g_assert_no_error (error);
  qs_tensor_unref (outputs[0]);
  g_clear_pointer (&outputs, g_free);
  g_assert_true (first.seen && first.has_indices);

  /* stepped: the caller may look at every output */
  {
    g_autoptr(QsRun) run = NULL;

    qs_exec_set_observer_ports (exec, 1);
    run = qs_run_new (exec, &x, &error);
    g_assert_no_error (error);
    while (!qs_run_is_done (run))
      {
        g_assert_true (qs_run_step (run, NULL, &error));
        g_assert_no_error (error);
      }
    g_assert_true (first.has_indices);
  }
  qs_exec_set_observer (exec, NULL, NULL);
  g_clear_pointer (&all.values, qs_tensor_unref);
  g_clear_pointer (&first.values, qs_tensor_unref);
}

/* ---- statistics as the output is written ---- */

static QsNode *
const_f32 (QsGraphBuilder *b,
           QsNode         *to,
           guint           in,
           int             rank,
           const gint64   *dims,
           guint64         seed)
{
  gsize n = qs_test_n_elements (rank, dims), i;
  g_autofree float *v = g_new (float, MAX (n, 1));

  for (i = 0; i < n; i++)
    v[i] = uniform (&seed, -1.5f, 1.5f);
  return qs_test_const_to (b, to, in, QS_ELEMENT_F32, rank, dims, v);
}

static QsNode *
op_node (QsGraphBuilder *b,
         const char     *type,
         const char     *name,
         guint           n_in,
         QsNode         *x,
         const gint64   *dims)
{
  QsNode *n = qs_graph_builder_add_node (b, type, "opset1", name, n_in, 1);

  qs_graph_builder_set_port (b, &n->inputs[0], QS_ELEMENT_F32, 4, dims);
  qs_graph_builder_set_port (b, &n->outputs[0], QS_ELEMENT_F32, 4, dims);
  qs_test_wire (b, x, 0, n, 0);
  return n;
}

/* x → Add (a per-channel Const) → PReLU (a slope per channel, or one) →
 * Multiply (a scalar) → ReLU → Clamp → FakeQuantize → Add (x) → Result:
 * every row loop that summarises, with broadcasts one value, one per
 * row and one per element. */
static QsModel *
chain_model (const gint64 *dims)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("chain");
  g_autoptr(GError) error = NULL;
  gint64 cd[4] = { 1, dims[1], 1, 1 }, sd[1] = { dims[1] }, one[4] = { 1, 1, 1, 1 };
  QsNode *x = qs_test_parameter (b, "x", 4, dims);
  QsNode *add, *prelu, *mul, *relu, *clamp, *fq, *add2;
  QsModel *model;

  add = op_node (b, "Add", "add", 2, x, dims);
  const_f32 (b, add, 1, 4, cd, 1);
  prelu = op_node (b, "PReLU", "prelu", 2, add, dims);
  const_f32 (b, prelu, 1, 1, sd, 2);
  mul = op_node (b, "Multiply", "mul", 2, prelu, dims);
  const_f32 (b, mul, 1, 4, one, 3);
  relu = op_node (b, "Relu", "relu", 1, mul, dims);
  clamp = op_node (b, "Clamp", "clamp", 1, relu, dims);
  qs_graph_builder_set_attr (b, clamp, "min", "-0.5");
  qs_graph_builder_set_attr (b, clamp, "max", "2.5");
  fq = qs_test_fake_quantize (b, "fq", clamp, -1.0f, 2.0f, 4, dims);
  add2 = op_node (b, "Add", "add2", 2, fq, dims);
  qs_test_wire (b, x, 0, add2, 1);
  qs_graph_builder_set_port (b, &add2->inputs[1], QS_ELEMENT_F32, 4, dims);
  qs_test_result (b, "y", add2, 0, 4, dims);
  model = qs_graph_builder_finish (b, &error);
  g_assert_no_error (error);
  return model;
}

#define MAX_NODES 64

typedef struct
{
  QsExec    *exec;
  QsBinning  bins;
  QsFqRange  fq;
  QsSummary  given[MAX_NODES];   /* what the summary function gave, by node index */
  gboolean   asked[MAX_NODES];
  QsSummary  written[MAX_NODES]; /* copies of qs_exec_output_summarised() */
  gboolean   has_written[MAX_NODES];
  guint      n_written;
  guint      n_read;             /* observed outputs the observer had to read */
  const char *what;
} Watch;

static QsSummary *
watch_summary (const QsNode   *node,
               guint           port,
               const QsTensor *like,
               const double   *range,
               gpointer        user_data)
{
  Watch *w = user_data;

  g_assert_cmpuint (port, ==, 0);
  g_assert_null (range);
  g_assert_nonnull (like);
  g_assert_cmpuint (node->index, <, MAX_NODES);
  g_assert_false (w->asked[node->index]);
  w->asked[node->index] = TRUE;
  qs_summary_init (&w->given[node->index], &w->bins, &w->fq);
  return &w->given[node->index];
}

static void
assert_tolerance (double      got,
                  double      want,
                  double      rtol,
                  double      std,
                  double      big,
                  const char *figure,
                  const char *what)
{
  double bound = rtol * std + QS_STATS_ROUND_RTOL * big;

  if (!(fabs (got - want) <= bound) && !(isnan (got) && isnan (want)))
    g_error ("%s: %s %.17g, the pass over the tensor %.17g (bound %.3g)", what, figure, got, want, bound);
}

/* The written summary against one pass over the whole tensor: the
 * integer figures exactly, the sums within qs-stats.h's tolerances. */
static void
assert_like_pass (const QsSummary *got,
                  const QsTensor  *t,
                  const char      *what)
{
  QsSummary want;
  double std, big;

  qs_summary_init (&want, got->has_bins ? &got->bins : NULL, got->has_fq ? &got->fq : NULL);
  qs_summary_add_tensor (&want, t);
  g_assert_cmpuint (got->n, ==, want.n);
  g_assert_cmpuint (got->n_nan, ==, want.n_nan);
  g_assert_cmpuint (got->n_inf, ==, want.n_inf);
  g_assert_cmpfloat (got->min, ==, want.min);
  g_assert_cmpfloat (got->max, ==, want.max);
  g_assert_true (signbit (got->min) == signbit (want.min) && signbit (got->max) == signbit (want.max));
  g_assert_cmpmem (got->histogram, sizeof got->histogram, want.histogram, sizeof want.histogram);
  g_assert_cmpuint (got->below, ==, want.below);
  g_assert_cmpuint (got->above, ==, want.above);
  g_assert_cmpuint (got->clipped_low, ==, want.clipped_low);
  g_assert_cmpuint (got->clipped_high, ==, want.clipped_high);
  g_assert_true (got->has_fq == want.has_fq);
  if (got->has_fq)
    g_assert_cmpmem (got->levels_seen, (got->fq.levels + 63) / 64 * 8, want.levels_seen, (want.fq.levels + 63) / 64 * 8);
  std = qs_summary_std (&want);
  big = MAX (fabs (want.min), fabs (want.max));
  if (want.n > 0)
    {
      assert_tolerance (got->mean, want.mean, QS_STATS_MEAN_RTOL, std, big, "mean", what);
      assert_tolerance (qs_summary_std (got), std, QS_STATS_STD_RTOL, std, big, "std", what);
    }
  qs_summary_clear (&want);
}

static void
watch_observe (const QsNode    *node,
               QsTensor *const *inputs,
               guint            n_inputs,
               QsTensor *const *outputs,
               guint            n_outputs,
               gpointer         user_data)
{
  Watch *w = user_data;
  const QsSummary *written = qs_exec_output_summarised (w->exec, node, 0);
  g_autofree char *what = g_strdup_printf ("%s, layer %s", w->what, node->name);

  /* never for a port but 0, nor for another plan */
  g_assert_null (qs_exec_output_summarised (w->exec, node, 1));
  g_assert_null (qs_exec_output_summarised (NULL, node, 0));
  if (written == NULL)
    {
      /* asked, but not summarised, only when the op did not write one
       * (a FakeQuantize passing its data through in float mode) */
      if (w->asked[node->index])
        g_assert_true (n_outputs > 0 && outputs[0] != NULL && outputs[0] == inputs[0]);
      if (n_outputs > 0 && outputs[0] != NULL && !qs_node_is_type (node, "Const"))
        w->n_read++;
      return;
    }
  g_assert_true (w->asked[node->index]);
  g_assert_nonnull (outputs[0]);
  /* merged into the summary the function gave, which was empty */
  g_assert_cmpuint (w->given[node->index].n, ==, written->n);
  g_assert_cmpfloat (w->given[node->index].mean, ==, written->mean);
  g_assert_cmpfloat (w->given[node->index].m2, ==, written->m2);
  assert_like_pass (written, outputs[0], what);
  qs_summary_copy (&w->written[node->index], written);
  w->has_written[node->index] = TRUE;
  w->n_written++;
}

static void
watch_clear (Watch *w)
{
  guint i;

  for (i = 0; i < MAX_NODES; i++)
    {
      if (w->asked[i])
        qs_summary_clear (&w->given[i]);
      if (w->has_written[i])
        qs_summary_clear (&w->written[i]);
    }
  memset (w, 0, sizeof *w);
}

/* Runs @model on @x with @threads threads: the output, and (with @w) the
 * summaries written. */
static QsTensor *
run_chain (QsModel    *model,
           QsExecMode  mode,
           QsTensor   *x,
           guint       threads,
           Watch      *w)
{
  g_autoptr(QsExec) exec = NULL;
  g_autoptr(GError) error = NULL;
  QsTensor **outputs = NULL, *y;

  qs_parallel_set_threads (threads);
  exec = qs_exec_new (model, mode, &error);
  g_assert_no_error (error);
  if (w != NULL)
    {
      w->exec = exec;
      qs_exec_set_observer (exec, watch_observe, w);
      qs_exec_set_summary_func (exec, watch_summary, w);
      qs_exec_set_summarise_outputs (exec, TRUE);
    }
  g_assert_true (qs_exec_run (exec, &x, NULL, NULL, NULL, &outputs, &error));
  g_assert_no_error (error);
  y = outputs[0];
  g_free (outputs);
  return y;
}

/* On every ISA, in float and fake-quant mode, at one and three threads,
 * on a small tensor, a tensor over the parallel threshold and one long
 * row: the outputs are those of a run without statistics, bit for bit;
 * every elementwise layer's summary is taken as it was written (the
 * FakeQuantize's in fake-quant mode), with the integer figures of a pass
 * over the tensor and its sums within the tolerances, and the same bit
 * for bit at one and three threads. */
static void
test_written (void)
{
  static const gint64 shapes[][4] = { { 1, 3, 7, 13 }, { 1, 5, 131, 103 }, { 1, 1, 1, 70001 }, { 2, 4, 1, 9001 } };
  static const QsExecMode modes[] = { QS_EXEC_MODE_FLOAT, QS_EXEC_MODE_FAKE_QUANT };
  QsIsa isa_before = qs_kernels_get_isa ();
  guint threads_before = qs_parallel_get_threads ();
  guint si, mi, isa;

  for (si = 0; si < G_N_ELEMENTS (shapes); si++)
    {
      g_autoptr(QsModel) model = chain_model (shapes[si]);
      g_autoptr(QsTensor) x = hostile_tensor (4, shapes[si], 100 + si);

      for (mi = 0; mi < G_N_ELEMENTS (modes); mi++)
        for (isa = 0; isa < QS_ISA_N; isa++)
          {
            g_autoptr(QsTensor) plain = NULL;
            Watch w1, w3;
            guint t, i;

            qs_kernels_set_isa ((QsIsa) isa);
            if (qs_kernels_get_isa () != (QsIsa) isa)
              continue;   /* the CPU lacks it */
            plain = run_chain (model, modes[mi], x, 1, NULL);
            for (t = 0; t < 2; t++)
              {
                Watch *w = t == 0 ? &w1 : &w3;
                g_autoptr(QsTensor) y = NULL;
                g_autofree char *what = g_strdup_printf ("%" G_GINT64_FORMAT "x%" G_GINT64_FORMAT "x%" G_GINT64_FORMAT
                                                         "x%" G_GINT64_FORMAT " %s %s, %u threads",
                                                         shapes[si][0], shapes[si][1], shapes[si][2], shapes[si][3],
                                                         qs_exec_mode_name (modes[mi]), qs_isa_name ((QsIsa) isa),
                                                         t == 0 ? 1 : 3);

                memset (w, 0, sizeof *w);
                w->bins.lo = -2.0f;
                w->bins.hi = 3.0f;
                w->fq.in_low = -1.0f;
                w->fq.in_high = 2.0f;
                w->fq.levels = 256;
                w->what = what;
                y = run_chain (model, modes[mi], x, t == 0 ? 1 : 3, w);
                g_assert_cmpmem (y->data, y->n_elements * sizeof (float), plain->data, plain->n_elements * sizeof (float));
                /* Add, PReLU, Multiply, ReLU, Clamp, Add; and FakeQuantize when it computes;
                 * and x where its rows are long enough for the first Add's summary to
                 * be derived from (qs-exec-derive-private.h), counted as bins are
                 * asked for */
                g_assert_cmpuint (w->n_written, ==, (modes[mi] == QS_EXEC_MODE_FAKE_QUANT ? 7 : 6) +
                                                    (_qs_derive_rows_fit (x, TRUE) ? 1 : 0));
                w->what = NULL;
              }
            for (i = 0; i < MAX_NODES; i++)
              {
                g_assert_true (w1.has_written[i] == w3.has_written[i]);
                if (w1.has_written[i])
                  {
                    g_assert_cmpfloat (w1.written[i].mean, ==, w3.written[i].mean);
                    g_assert_cmpfloat (w1.written[i].m2, ==, w3.written[i].m2);
                  }
              }
            watch_clear (&w1);
            watch_clear (&w3);
          }
    }
  qs_kernels_set_isa (isa_before);
  qs_parallel_set_threads (threads_before);
}

/* Off by default, and without an observer: the summary function is asked
 * only for fused links, as before. */
static void
test_written_off (void)
{
  static const gint64 dims[4] = { 1, 3, 7, 13 };
  g_autoptr(QsModel) model = chain_model (dims);
  g_autoptr(QsTensor) x = hostile_tensor (4, dims, 7);
  g_autoptr(QsExec) exec = NULL;
  g_autoptr(GError) error = NULL;
  QsTensor **outputs = NULL;
  Watch w;
  guint i;

  memset (&w, 0, sizeof w);
  exec = qs_exec_new (model, QS_EXEC_MODE_FLOAT, &error);
  g_assert_no_error (error);
  w.exec = exec;
  w.what = "off";
  qs_exec_set_observer (exec, watch_observe, &w);
  qs_exec_set_summary_func (exec, watch_summary, &w);
  g_assert_true (qs_exec_run (exec, &x, NULL, NULL, NULL, &outputs, &error));
  g_assert_no_error (error);
  qs_tensor_unref (outputs[0]);
  g_clear_pointer (&outputs, g_free);
  for (i = 0; i < MAX_NODES; i++)
    g_assert_false (w.asked[i]);
  g_assert_cmpuint (w.n_written, ==, 0);
  g_assert_cmpuint (w.n_read, >, 6);
  watch_clear (&w);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qscope/exec-summarise/observer-ports", test_observer_ports);
  g_test_add_func ("/qscope/exec-summarise/written", test_written);
  g_test_add_func ("/qscope/exec-summarise/written-off", test_written_off);
  return g_test_run ();
}
