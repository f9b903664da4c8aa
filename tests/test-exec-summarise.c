/* test-exec-summarise.c — what an observer reads
 * (qs_exec_set_observer_ports())
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "qs-exec.h"
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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qscope/exec-summarise/observer-ports", test_observer_ports);
  return g_test_run ();
}
