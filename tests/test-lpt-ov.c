/* test-lpt-ov.c — OpenVINO's LPT unit tests, translated
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * For every transformation of the README's table, cases from OpenVINO's
 * src/common/low_precision_transformations/tests/<name>_transformation.cpp
 * (file and case named in a comment before each): their input
 * dequantization, shapes and attributes, and where the Dequantize ends up,
 * as facts; the graph is ours and so are the assertions.  Where a test file
 * has no declining case, the condition comes from the transformation's
 * source (named instead).
 *
 * An OpenVINO test starts from u8/i8 codes and a Dequantize (Convert,
 * Subtract z, Multiply s); here a FakeQuantize of 256 levels makes them:
 * input and output range [(q_lo - z)·s, (q_hi - z)·s] (q 0…255 for u8),
 * per channel on axis 1 when the test's constants are.  "Applies" means the
 * op keeps codes (precision codes, the Dequantize after it), "declines"
 * that it runs on floats with the transformation's reason.  The op is
 * followed by a FakeQuantize [0, 2.55] and a 1×1 convolution, so that its
 * codes have a quantized consumer; where noted the fake-quant and the int8
 * runs are compared, which checks that the int8 executor runs what the
 * transformation leaves.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qscope-core.h"
#include "qs-graph-builder.h"
#include "qs-lpt.h"
#include "qs-exec.h"
#include "qs-ir-writer.h"

/* ------------------------------------------------------------------------ */
/* Building                                                                  */

typedef struct
{
  QsGraphBuilder *b;
} G;

/* A dequantization as the tests give it: codes u8 (or i8), zero points
 * sub[c] and scales mul[c] for n channels (n = 1: per tensor). */
typedef struct
{
  guint    n;
  float    sub[8];
  float    mul[8];
  gboolean i8;
} Dq;

static void
port (G *g, QsPort *p, int rank, const gint64 *dims)
{
  qs_graph_builder_set_port (g->b, p, QS_ELEMENT_F32, rank, dims);
}

static QsNode *
konst (G *g, int rank, const gint64 *dims, const float *v)
{
  return qs_graph_builder_add_const_f32 (g->b, NULL, rank, dims, v);
}

static QsNode *
scalar (G *g, float v)
{
  return konst (g, 0, NULL, &v);
}

/* input @i of @op: a 1-D i64 constant */
static void
in_i64 (G *g, QsNode *op, guint i, guint n, const gint64 *v)
{
  gint64 d[1] = { n };

  qs_graph_builder_set_port (g->b, &op->inputs[i], QS_ELEMENT_I64, 1, d);
  qs_graph_builder_connect (g->b, qs_graph_builder_add_const (g->b, NULL, QS_ELEMENT_I64, 1, d, v, n * sizeof (gint64)),
                            0, op, i, NULL);
}

static void
in_f32 (G *g, QsNode *op, guint i, float v)
{
  port (g, &op->inputs[i], 0, NULL);
  qs_graph_builder_connect (g->b, scalar (g, v), 0, op, i, NULL);
}

/* @type on @src (output 0), input 0 of @xd, output 0 of @od (ranks given) */
static QsNode *
op_node (G *g, const char *type, const char *version, const char *name, QsNode *src, guint n_in,
         int xr, const gint64 *xd, int orank, const gint64 *od)
{
  QsNode *n = qs_graph_builder_add_node (g->b, type, version, name, n_in, 1);

  port (g, &n->inputs[0], xr, xd);
  port (g, &n->outputs[0], orank, od);
  if (src != NULL)
    qs_graph_builder_connect (g->b, src, 0, n, 0, NULL);
  return n;
}

/* FakeQuantize levels 256 reproducing @dq on data of @rank / @xd */
static QsNode *
fq_dq (G *g, const char *name, QsNode *src, int rank, const gint64 *xd, const Dq *dq)
{
  QsNode *fq = op_node (g, "FakeQuantize", "opset1", name, src, 5, rank, xd, rank, xd);
  gint64 cd[6] = { 1, 1, 1, 1, 1, 1 };
  float lo[8], hi[8];
  float qlo = dq->i8 ? -128.0f : 0.0f, qhi = dq->i8 ? 127.0f : 255.0f;
  guint c, i;

  cd[1] = dq->n;
  for (c = 0; c < dq->n; c++)
    {
      lo[c] = (qlo - dq->sub[c]) * fabsf (dq->mul[c]);
      hi[c] = (qhi - dq->sub[c]) * fabsf (dq->mul[c]);
    }
  qs_graph_builder_set_attr (g->b, fq, "levels", "256");
  for (i = 1; i < 5; i++)
    {
      int kr = dq->n > 1 ? rank : 0;
      port (g, &fq->inputs[i], kr, cd);
      qs_graph_builder_connect (g->b, konst (g, kr, cd, (i % 2) ? lo : hi), 0, fq, i, NULL);
    }
  /* a negative scale: the FakeQuantize's range, negated by a Multiply
   * (MultiplyTransformation folds it into the Dequantize's scale) */
  for (c = 0; c < dq->n; c++)
    if (dq->mul[c] < 0)
      {
        float sign[8];
        QsNode *neg = op_node (g, "Multiply", "opset1", "neg", fq, 2, rank, xd, rank, xd);
        int kr = dq->n > 1 ? rank : 0;
        guint k;
        for (k = 0; k < dq->n; k++)
          sign[k] = dq->mul[k] < 0 ? -1.0f : 1.0f;
        port (g, &neg->inputs[1], kr, cd);
        qs_graph_builder_connect (g->b, konst (g, kr, cd, sign), 0, neg, 1, NULL);
        return neg;
      }
  return fq;
}

/* FakeQuantize per tensor: input [il, ih], output [ol, oh], @levels */
static QsNode *
fq4 (G *g, const char *name, QsNode *src, int rank, const gint64 *xd, guint levels, float il, float ih, float ol,
     float oh)
{
  QsNode *fq = op_node (g, "FakeQuantize", "opset1", name, src, 5, rank, xd, rank, xd);
  g_autofree char *lv = g_strdup_printf ("%u", levels);

  qs_graph_builder_set_attr (g->b, fq, "levels", lv);
  in_f32 (g, fq, 1, il);
  in_f32 (g, fq, 2, ih);
  in_f32 (g, fq, 3, ol);
  in_f32 (g, fq, 4, oh);
  return fq;
}

/* FakeQuantize [lo, hi] per tensor, @levels */
static QsNode *
fq1 (G *g, const char *name, QsNode *src, int rank, const gint64 *xd, guint levels, float lo, float hi)
{
  return fq4 (g, name, src, rank, xd, levels, lo, hi, lo, hi);
}

/* weights [@o, @c, 1, 1] (or [@c, @o] for MatMul) through a FakeQuantize
 * 255 levels [-1.27, 1.27] */
static QsNode *
weights (G *g, int rank, const gint64 *wd, gint64 count)
{
  g_autofree float *w = g_new (float, count);
  QsNode *wfq;
  gint64 i;

  for (i = 0; i < count; i++)
    w[i] = 0.1f * (float) ((i * 7) % 11 - 5);
  wfq = op_node (g, "FakeQuantize", "opset1", NULL, konst (g, rank, wd, w), 5, rank, wd, rank, wd);
  qs_graph_builder_set_attr (g->b, wfq, "levels", "255");
  for (i = 1; i < 5; i++)
    in_f32 (g, wfq, (guint) i, (i % 2) ? -1.27f : 1.27f);
  return wfq;
}

/* 1×1 Convolution @xd[1] → 2 */
static QsNode *
conv (G *g, const char *name, QsNode *src, const gint64 *xd)
{
  gint64 wd[4] = { 2, xd[1], 1, 1 }, od[4] = { xd[0], 2, xd[2], xd[3] };
  QsNode *cv = op_node (g, "Convolution", "opset1", name, src, 2, 4, xd, 4, od);

  qs_graph_builder_set_attr (g->b, cv, "strides", "1,1");
  qs_graph_builder_set_attr (g->b, cv, "pads_begin", "0,0");
  qs_graph_builder_set_attr (g->b, cv, "pads_end", "0,0");
  qs_graph_builder_set_attr (g->b, cv, "dilations", "1,1");
  port (g, &cv->inputs[1], 4, wd);
  qs_graph_builder_connect (g->b, weights (g, 4, wd, 2 * xd[1]), 0, cv, 1, NULL);
  return cv;
}

static QsNode *
parameter (G *g, const char *name, int rank, const gint64 *xd)
{
  QsNode *p = qs_graph_builder_add_node (g->b, "Parameter", "opset1", name, 0, 1);

  port (g, &p->outputs[0], rank, xd);
  return p;
}

static void
result (G *g, QsNode *src, guint output, int rank, const gint64 *dims)
{
  QsNode *res = qs_graph_builder_add_node (g->b, "Result", "opset1", NULL, 1, 0);

  port (g, &res->inputs[0], rank, dims);
  qs_graph_builder_connect (g->b, src, output, res, 0, NULL);
}

static QsModel *
finish (G *g)
{
  g_autoptr(GError) error = NULL;
  QsModel *m = qs_graph_builder_finish (g->b, &error);

  g_assert_no_error (error);
  g_clear_pointer (&g->b, qs_graph_builder_free);
  g_assert_nonnull (m);
  return m;
}

/* The op under test, on @src of @xd (rank 4); sets @od, its output. */
typedef QsNode *(*Build) (G *g, QsNode *src, const gint64 *xd, gint64 *od);

/* Parameter @xd → FakeQuantize(@dq) → @build → FakeQuantize [0, 2.55] →
 * Convolution → Result */
static QsModel *
one_op (const gint64 *xd, const Dq *dq, Build build)
{
  G g = { qs_graph_builder_new ("t") };
  gint64 od[4], cd[4];
  QsNode *x = fq_dq (&g, "fq", parameter (&g, "x", 4, xd), 4, xd, dq);
  QsNode *op = build (&g, x, xd, od);

  op = fq1 (&g, "fq2", op, 4, od, 256, 0.0f, 2.55f);
  op = conv (&g, "conv", op, od);
  memcpy (cd, od, sizeof cd);
  cd[1] = 2;
  result (&g, op, 0, 4, cd);
  return finish (&g);
}

/* ------------------------------------------------------------------------ */
/* Checking                                                                  */

static const QsLptDecision *
decision (QsLptResult *r, const char *name)
{
  QsModel *m = qs_lpt_result_get_original (r);
  const QsNode *node = qs_graph_find_node_by_name (m->graph, name);

  g_assert_nonnull (node);
  return qs_lpt_result_get_decision (r, node);
}

static QsLptResult *
run (QsModel *m)
{
  g_autoptr(GError) error = NULL;
  QsLptResult *r = qs_lpt_run (m, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

/* @name's precision is @precision and its reason contains @part (when not NULL) */
static void
expect (QsLptResult *r, const char *name, QsLptPrecision precision, const char *part)
{
  const QsLptDecision *d = decision (r, name);

  if (d->precision != precision || (part != NULL && (d->reason == NULL || strstr (d->reason, part) == NULL)))
    {
      QsModel *m = qs_lpt_result_get_original (r);
      guint i;
      for (i = 0; i < m->graph->n_nodes; i++)
        {
          const QsLptDecision *e = qs_lpt_result_get_decision_at (r, i);
          if (!qs_node_is_type (e->node, "Const"))
            g_printerr ("  %s “%s”: %s %s\n", e->node->type, e->node->name, qs_lpt_precision_name (e->precision),
                        e->reason != NULL ? e->reason : "");
        }
      g_error ("%s: %s, “%s”; want %s with “%s”", name, qs_lpt_precision_name (d->precision),
               d->reason != NULL ? d->reason : "", qs_lpt_precision_name (precision), part != NULL ? part : "");
    }
}

/* The fake-quant and int8 runs of @m agree within @tol on every output
 * (deterministic inputs over roughly [-1.5, 2.5]). */
static void
check_exec (QsModel *m, double tol)
{
  const QsExecMode modes[2] = { QS_EXEC_MODE_FAKE_QUANT, QS_EXEC_MODE_INT8 };
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) qs_tensor_unref);
  QsTensor **out[2] = { NULL, NULL };
  guint i, k, n_out = 0;
  const char *save = g_getenv ("QS_LPT_OV_SAVE");

  /* QS_LPT_OV_SAVE=DIR keeps each model run here as DIR/<test>-<n>.xml,
   * for `qscope-cli dump --mode int8` by hand */
  if (save != NULL)
    {
      static guint count;
      g_autofree char *base = g_strdup_printf ("%s-%u.xml", strrchr (g_test_get_path (), '/') + 1, count++);
      g_autofree char *path = g_build_filename (save, base, NULL);
      g_autoptr(GError) error = NULL;
      g_assert_true (qs_ir_write (m, path, NULL, &error));
    }

  for (i = 0; i < m->graph->n_nodes; i++)
    {
      const QsNode *node = m->graph->nodes[i];
      QsTensor *t;
      gsize j;

      if (!qs_node_is_type (node, "Parameter"))
        continue;
      t = qs_tensor_new_f32 (node->outputs[0].shape.rank, node->outputs[0].shape.dims);
      for (j = 0; j < t->n_elements; j++)
        qs_tensor_f32 (t)[j] = (float) (1.3 * sin (0.37 * (double) j + i) + 0.4);
      g_ptr_array_add (inputs, t);
    }
  for (k = 0; k < 2; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QsExec) exec = qs_exec_new (m, modes[k], &error);

      g_assert_no_error (error);
      if (!qs_exec_run (exec, (QsTensor *const *) inputs->pdata, NULL, NULL, NULL, &out[k], &error))
        g_error ("%s run: %s", k == 0 ? "fake-quant" : "int8", error->message);
    }
  for (i = 0; i < m->graph->n_nodes; i++)
    n_out += qs_node_is_type (m->graph->nodes[i], "Result");
  for (i = 0; i < n_out; i++)
    {
      double worst = 0;
      gsize j;

      g_assert_cmpuint (out[0][i]->n_elements, ==, out[1][i]->n_elements);
      for (j = 0; j < out[0][i]->n_elements; j++)
        worst = MAX (worst, fabs ((double) qs_tensor_f32 (out[0][i])[j] - qs_tensor_f32 (out[1][i])[j]));
      g_assert_cmpfloat (worst, <=, tol);
      qs_tensor_unref (out[0][i]);
      qs_tensor_unref (out[1][i]);
    }
  g_free (out[0]);
  g_free (out[1]);
}

/* One case: build, transform, expect the op's decision, optionally run. */
static void
one_case (const gint64 *xd, const Dq *dq, Build build, QsLptPrecision precision, const char *part, double tol)
{
  g_autoptr(QsModel) m = one_op (xd, dq, build);
  g_autoptr(QsLptResult) r = run (m);

  expect (r, "op", precision, part);
  if (precision == QS_LPT_PRECISION_CODES)
    expect (r, "conv", QS_LPT_PRECISION_INT8, NULL);
  if (tol > 0)
    check_exec (m, tol);
}

/* one step of the FakeQuantize [0, 2.55] before the convolution, through
 * its weights (|w| <= 0.5, at most 4 input channels here) */
#define STEP_TOL (0.01 * 0.5 * 4 + 1e-4)

/* ------------------------------------------------------------------------ */
/* The dequantizations the tests use                                        */

static const Dq dq_128_001 = { 1, { 128.f }, { 0.01f } };
static const Dq dq_128_002 = { 1, { 128.f }, { 0.02f } };
static const Dq dq_pc3 = { 3, { 128.f, 64.f, 32.f }, { 0.02f, 0.01f, 0.03f } };
static const Dq dq_01 = { 1, { 0.f }, { 0.1f } };

/* ------------------------------------------------------------------------ */
/* BatchToSpace, SpaceToBatch, Broadcast, Slice, Tile (qs-lpt-move-space.c) */

static QsNode *
b_batch_to_space (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  /* block {1,1,2,2}, crops_begin 0, crops_end {0,0,0,1} */
  QsNode *op;

  od[0] = xd[0] / 4;
  od[1] = xd[1];
  od[2] = xd[2] * 2;
  od[3] = xd[3] * 2 - 1;
  op = op_node (g, "BatchToSpace", "opset2", "op", src, 4, 4, xd, 4, od);
  in_i64 (g, op, 1, 4, (gint64[]) { 1, 1, 2, 2 });
  in_i64 (g, op, 2, 4, (gint64[]) { 0, 0, 0, 0 });
  in_i64 (g, op, 3, 4, (gint64[]) { 0, 0, 0, 1 });
  return op;
}

static void
test_batch_to_space (void)
{
  static const gint64 xd[4] = { 4, 3, 50, 86 };

  /* batch_to_space_transformation.cpp, "per-tensor dequantization": u8,
   * subtract 128, multiply 0.01, [4,3,50,86] → moved after */
  one_case (xd, &dq_128_001, b_batch_to_space, QS_LPT_PRECISION_CODES, NULL, STEP_TOL);
  /* "per-channel dequantization": {128,64,32}, {0.02,0.01,0.03} → stays before */
  one_case (xd, &dq_pc3, b_batch_to_space, QS_LPT_PRECISION_FP32,
            "BatchToSpaceTransformation: the Dequantize is per-channel", 0);
}

static QsNode *
b_space_to_batch (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  /* block {1,1,2,2}, pads_begin {0,0,2,2}, pads_end {0,0,2,3} */
  QsNode *op;

  od[0] = xd[0] * 4;
  od[1] = xd[1];
  od[2] = (xd[2] + 4) / 2;
  od[3] = (xd[3] + 5) / 2;
  op = op_node (g, "SpaceToBatch", "opset2", "op", src, 4, 4, xd, 4, od);
  in_i64 (g, op, 1, 4, (gint64[]) { 1, 1, 2, 2 });
  in_i64 (g, op, 2, 4, (gint64[]) { 0, 0, 2, 2 });
  in_i64 (g, op, 3, 4, (gint64[]) { 0, 0, 2, 3 });
  return op;
}

static void
test_space_to_batch (void)
{
  static const gint64 xd[4] = { 1, 3, 100, 171 };

  /* space_to_batch_transformation.cpp, "per-tensor dequantization": u8,
   * subtract 128, multiply 0.01, [1,3,100,171] → moved after */
  one_case (xd, &dq_128_001, b_space_to_batch, QS_LPT_PRECISION_CODES, NULL, STEP_TOL);
  /* "per-channel dequantization" → stays before */
  one_case (xd, &dq_pc3, b_space_to_batch, QS_LPT_PRECISION_FP32,
            "SpaceToBatchTransformation: the Dequantize is per-channel", 0);
}

static gboolean bc_explicit;

static QsNode *
b_broadcast (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  /* numpy: [1,3,1,1] → {1,3,9,9}; explicit: axes_mapping {0,2,...}
   * puts the channel axis 1 on 2, target {1,4,3,9} */
  QsNode *op;

  if (!bc_explicit)
    {
      od[0] = 1; od[1] = 3; od[2] = 9; od[3] = 9;
      op = op_node (g, "Broadcast", "opset3", "op", src, 2, 4, xd, 4, od);
      qs_graph_builder_set_attr (g->b, op, "mode", "numpy");
      in_i64 (g, op, 1, 4, od);
      return op;
    }
  od[0] = 1; od[1] = 4; od[2] = 3; od[3] = 9;
  op = op_node (g, "Broadcast", "opset3", "op", src, 3, 4, xd, 4, od);
  qs_graph_builder_set_attr (g->b, op, "mode", "explicit");
  in_i64 (g, op, 1, 4, od);
  in_i64 (g, op, 2, 4, (gint64[]) { 0, 2, 2, 3 });
  return op;
}

static void
test_broadcast (void)
{
  static const gint64 xd[4] = { 1, 3, 1, 1 };
  static const Dq per_tensor = { 1, { 0.1f }, { 0.2f } };
  static const Dq per_channel = { 3, { 0.1f, 0.2f, 0.3f }, { 0.4f, 0.5f, 0.6f } };
  static const gint64 xd1[4] = { 1, 3, 1, 1 };

  /* broadcast_transformation.cpp, hw_broadcast: [1,3,1,1] → {1,3,9,9},
   * subtract 0.1, multiply 0.2 → moved after */
  one_case (xd, &per_tensor, b_broadcast, QS_LPT_PRECISION_CODES, NULL, STEP_TOL);
  /* hw_broadcast second case: per channel subtract {0.1,0.2,0.3}, multiply
   * {0.4,0.5,0.6}; the channel axis kept → moved after too */
  one_case (xd, &per_channel, b_broadcast, QS_LPT_PRECISION_CODES, NULL, STEP_TOL * 40);
  /* broadcast.cpp canBeTransformed: the output's channel dimension differs
   * from the input's → declined */
  bc_explicit = TRUE;
  one_case (xd1, &per_channel, b_broadcast, QS_LPT_PRECISION_FP32,
            "BroadcastTransformation: the per-channel Dequantize's channel axis 1 is broadcast", 0);
  bc_explicit = FALSE;
}

static QsNode *
b_slice (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  /* Slice-8 start {0,0,2,2} stop {1,3,6,6} step 1 on all axes */
  QsNode *op;

  od[0] = xd[0]; od[1] = xd[1]; od[2] = 4; od[3] = 4;
  op = op_node (g, "Slice", "opset8", "op", src, 5, 4, xd, 4, od);
  in_i64 (g, op, 1, 4, (gint64[]) { 0, 0, 2, 2 });
  in_i64 (g, op, 2, 4, (gint64[]) { 1, 3, 6, 6 });
  in_i64 (g, op, 3, 4, (gint64[]) { 1, 1, 1, 1 });
  in_i64 (g, op, 4, 4, (gint64[]) { 0, 1, 2, 3 });
  return op;
}

static void
test_slice (void)
{
  static const gint64 xd[4] = { 1, 3, 8, 8 };

  /* slice.cpp (no slice_transformation.cpp in the stored tests):
   * canBeTransformed asks dequantization.isPerTensor() → per tensor moved */
  one_case (xd, &dq_128_002, b_slice, QS_LPT_PRECISION_CODES, NULL, STEP_TOL);
  /* … and per channel declined */
  one_case (xd, &dq_pc3, b_slice, QS_LPT_PRECISION_FP32, "SliceTransformation: the Dequantize is per-channel", 0);
}

static QsNode *
b_tile (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  QsNode *op;

  od[0] = xd[0]; od[1] = xd[1]; od[2] = xd[2] * 2; od[3] = xd[3] * 2;
  op = op_node (g, "Tile", "opset1", "op", src, 2, 4, xd, 4, od);
  in_i64 (g, op, 1, 4, (gint64[]) { 1, 1, 2, 2 });
  return op;
}

static void
test_tile (void)
{
  static const gint64 xd[4] = { 1, 3, 4, 4 };

  /* low_precision.cpp (2025) registers no TileTransformation: the
   * Dequantize stays before a Tile, per tensor and per channel alike
   * (tile.cpp of 2022 would have moved a scalar-like one) */
  one_case (xd, &dq_128_002, b_tile, QS_LPT_PRECISION_FP32, "LPT has no TileTransformation", 0);
  one_case (xd, &dq_pc3, b_tile, QS_LPT_PRECISION_FP32, "LPT has no TileTransformation", 0);
}

/* ------------------------------------------------------------------------ */
/* Reshape, Transpose, StridedSlice, Split, DepthToSpace, ShuffleChannels,  */
/* Interpolate (qs-lpt-move-shape.c)                                         */

static const gint64 *rs_to;

static QsNode *
b_reshape (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  QsNode *op;

  memcpy (od, rs_to, 4 * sizeof (gint64));
  op = op_node (g, "Reshape", "opset1", "op", src, 2, 4, xd, 4, od);
  qs_graph_builder_set_attr (g->b, op, "special_zero", "false");
  in_i64 (g, op, 1, 4, od);
  return op;
}

static void
test_reshape (void)
{
  static const gint64 xd[4] = { 1, 3, 2, 3 }, to_merge[4] = { 1, 18, 1, 1 }, to_batch[4] = { 3, 1, 2, 3 };
  static const Dq per_channel = { 3, { 0.f }, { 0.1f, 0.2f, 0.3f } };
  g_autoptr(QsModel) m = NULL;
  g_autoptr(QsLptResult) r = NULL;
  const QsLptDecision *d;

  /* reshape_transformation.cpp, "U8: no subtract 4D -> 5D: channels are
   * affected: no subtract" ([1,3,2,3] → [1,18,1,1,1], here 4-D): multiply
   * {0.1,0.2,0.3} becomes 18 values, each channel's repeated 6 times.
   * (qscope declined this before: fixed) */
  rs_to = to_merge;
  m = one_op (xd, &per_channel, b_reshape);
  r = run (m);
  expect (r, "op", QS_LPT_PRECISION_CODES, NULL);
  d = decision (r, "op");
  g_assert_cmpuint (d->output.n, ==, 18);
  g_assert_cmpint (d->output.axis, ==, 1);
  g_assert_cmpfloat_with_epsilon (d->output.scale[5], 0.1, 1e-6);
  g_assert_cmpfloat_with_epsilon (d->output.scale[6], 0.2, 1e-6);
  g_assert_cmpfloat_with_epsilon (d->output.scale[17], 0.3, 1e-6);
  check_exec (m, STEP_TOL);
  /* "U8: no subtract 4D -> 2D: channels are affected: per channel
   * quantization" ({1,3,4,5} → {12,-1}: the batch axis changes) → stays
   * before; here [1,3,2,3] → [3,1,2,3] */
  rs_to = to_batch;
  one_case (xd, &per_channel, b_reshape, QS_LPT_PRECISION_FP32,
            "ReshapeTransformation: the Dequantize is per-channel and the new shape changes the batch axis", 0);
  /* per tensor, any shape: "U8: 3D -> 4D: per tensor quantization" */
  one_case (xd, &dq_01, b_reshape, QS_LPT_PRECISION_CODES, NULL, STEP_TOL);
}

static const gint64 *tr_order;

static QsNode *
b_transpose (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  QsNode *op;
  int i;

  for (i = 0; i < 4; i++)
    od[i] = xd[tr_order[i]];
  op = op_node (g, "Transpose", "opset1", "op", src, 2, 4, xd, 4, od);
  in_i64 (g, op, 1, 4, tr_order);
  return op;
}

static void
test_transpose (void)
{
  static const gint64 xd[4] = { 1, 3, 16, 16 }, keep[4] = { 0, 1, 3, 2 };
  static const Dq per_channel = { 3, { 128.f, 64.f, 32.f }, { 0.3f, 0.2f, 0.1f } };

  /* transpose_transformation.cpp, "U8: per-channel quantization", order
   * {0,1,3,2} → moved after (per channel) */
  tr_order = keep;
  one_case (xd, &per_channel, b_transpose, QS_LPT_PRECISION_CODES, NULL, STEP_TOL * 30);
  /* "U8: per-tensor quantization", subtract 128, multiply 0.1 */
  one_case (xd, &(Dq) { 1, { 128.f }, { 0.1f } }, b_transpose, QS_LPT_PRECISION_CODES, NULL, STEP_TOL);
  /* "U8: per-channel quantization, transpose channel dimension" ({0,2,1,3})
   * → stays before (the order must start {0, 1}; qscope moved it before:
   * fixed) */
  tr_order = (const gint64[]) { 0, 2, 1, 3 };
  one_case ((const gint64[]) { 1, 3, 3, 16 }, &per_channel, b_transpose, QS_LPT_PRECISION_FP32,
            "TransposeTransformation: the Dequantize is per-channel and the order does not keep axes 0 and 1", 0);
}

static QsNode *
b_strided_slice (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  /* channelSlice: begin {0,0}, end {1,2} (channels 0..1), masks {1,0} */
  QsNode *op;

  od[0] = xd[0]; od[1] = 2; od[2] = xd[2]; od[3] = xd[3];
  op = op_node (g, "StridedSlice", "opset1", "op", src, 4, 4, xd, 4, od);
  in_i64 (g, op, 1, 4, (gint64[]) { 0, 0, 0, 0 });
  in_i64 (g, op, 2, 4, (gint64[]) { 1, 2, 0, 0 });
  in_i64 (g, op, 3, 4, (gint64[]) { 1, 1, 1, 1 });
  qs_graph_builder_set_attr (g->b, op, "begin_mask", "1,0,1,1");
  qs_graph_builder_set_attr (g->b, op, "end_mask", "1,0,1,1");
  return op;
}

static void
test_strided_slice (void)
{
  static const gint64 xd[4] = { 1, 3, 24, 24 };
  static const Dq different = { 3, { 128.f, 64.f, 128.f }, { 0.1f, 0.01f, 1.f } };
  g_autoptr(QsModel) m = NULL;
  g_autoptr(QsLptResult) r = NULL;
  const QsLptDecision *d;

  /* strided_slice_transformation.cpp, "U8: channel slice, per-tensor
   * quantization": subtract 128, multiply 0.1 → moved after */
  one_case (xd, &(Dq) { 1, { 128.f }, { 0.1f } }, b_strided_slice, QS_LPT_PRECISION_CODES, NULL, STEP_TOL);
  /* "U8: channel slice, per-channel quantization with different values":
   * {128,64,128}, {0.1,0.01,1} → moved after, constants sliced to
   * {128,64}, {0.1,0.01} (qscope declined this before: fixed) */
  m = one_op (xd, &different, b_strided_slice);
  r = run (m);
  expect (r, "op", QS_LPT_PRECISION_CODES, NULL);
  d = decision (r, "op");
  g_assert_cmpuint (d->output.n, ==, 2);
  g_assert_cmpfloat_with_epsilon (d->output.scale[0], 0.1, 1e-6);
  g_assert_cmpfloat_with_epsilon (d->output.scale[1], 0.01, 1e-6);
  check_exec (m, STEP_TOL * 100);
  /* sliceWithRemovedAxis: begin {0,1,0,0}, end {1,2,1,1}, shrink_axis_mask
   * {0,1,0,0} with subtract {128,64,32}, multiply {0.1,0.2,0.3} (here /10)
   * → moved after as {64}, {0.2} (qscope declined shrink masks before:
   * fixed).  An Unsqueeze brings the axis back for the convolution. */
  {
    static const gint64 sd[3] = { 1, 24, 24 }, ud[4] = { 1, 1, 24, 24 };
    G g = { qs_graph_builder_new ("t") };
    QsNode *x = fq_dq (&g, "fq", parameter (&g, "x", 4, xd), 4, xd,
                       &(Dq) { 3, { 128.f, 64.f, 32.f }, { 0.01f, 0.02f, 0.03f } });
    QsNode *op = op_node (&g, "StridedSlice", "opset1", "op", x, 4, 4, xd, 3, sd);
    QsNode *un;
    g_autoptr(QsModel) m2 = NULL;
    g_autoptr(QsLptResult) r2 = NULL;

    in_i64 (&g, op, 1, 4, (gint64[]) { 0, 1, 0, 0 });
    in_i64 (&g, op, 2, 4, (gint64[]) { 1, 2, 1, 1 });
    in_i64 (&g, op, 3, 4, (gint64[]) { 1, 1, 1, 1 });
    qs_graph_builder_set_attr (g.b, op, "begin_mask", "1,0,1,1");
    qs_graph_builder_set_attr (g.b, op, "end_mask", "1,0,1,1");
    qs_graph_builder_set_attr (g.b, op, "shrink_axis_mask", "0,1,0,0");
    un = op_node (&g, "Unsqueeze", "opset1", "un", op, 2, 3, sd, 4, ud);
    in_i64 (&g, un, 1, 1, (gint64[]) { 1 });
    x = fq1 (&g, "fq2", un, 4, ud, 256, 0.f, 2.55f);
    result (&g, conv (&g, "conv", x, ud), 0, 4, (gint64[]) { 1, 2, 24, 24 });
    m2 = finish (&g);
    r2 = run (m2);
    expect (r2, "op", QS_LPT_PRECISION_CODES, NULL);
    g_assert_cmpuint (decision (r2, "op")->output.n, ==, 1);
    g_assert_cmpfloat_with_epsilon (decision (r2, "op")->output.zero_point[0], 64.0, 1e-3);
    g_assert_cmpfloat_with_epsilon (decision (r2, "op")->output.scale[0], 0.02, 1e-6);
    expect (r2, "conv", QS_LPT_PRECISION_INT8, NULL);
    check_exec (m2, STEP_TOL);
  }
}

static gint64 sp_axis;

static QsNode *
b_split (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  /* Split in 3 along @sp_axis; output 0 goes on */
  QsNode *op = qs_graph_builder_add_node (g->b, "Split", "opset1", "op", 2, 3);
  guint o;

  memcpy (od, xd, 4 * sizeof (gint64));
  od[sp_axis] = xd[sp_axis] / 3;
  port (g, &op->inputs[0], 4, xd);
  for (o = 0; o < 3; o++)
    port (g, &op->outputs[o], 4, od);
  qs_graph_builder_connect (g->b, src, 0, op, 0, NULL);
  qs_graph_builder_set_attr (g->b, op, "num_splits", "3");
  qs_graph_builder_set_port (g->b, &op->inputs[1], QS_ELEMENT_I64, 0, NULL);
  qs_graph_builder_connect (g->b, qs_graph_builder_add_const (g->b, NULL, QS_ELEMENT_I64, 0, NULL, &sp_axis, 8), 0, op,
                            1, NULL);
  return op;
}

static void
test_split (void)
{
  static const gint64 xd[4] = { 1, 3, 15, 15 };
  static const Dq different = { 3, { 1.f, 2.f, 3.f }, { 0.011f, 0.022f, 0.033f } };
  g_autoptr(QsModel) m = NULL;
  g_autoptr(QsLptResult) r = NULL;
  const QsLptDecision *d;

  /* split_transformation.cpp, "U8 per channel quantization with different
   * values" (subtract {1,2,3}, multiply {11,22,33}; here /1000), split on
   * axis 1 in 3 → each output per tensor: {1},{11} … */
  sp_axis = 1;
  m = one_op (xd, &different, b_split);
  r = run (m);
  expect (r, "op", QS_LPT_PRECISION_CODES, NULL);
  d = decision (r, "op");
  g_assert_cmpuint (d->output.n, ==, 1);
  g_assert_cmpfloat_with_epsilon (d->output.zero_point[0], 1.0, 1e-3);
  check_exec (m, STEP_TOL);
  /* "U8 per tensor quantization", split on axis 2: subtract 128, multiply 3 (here 0.01) */
  sp_axis = 2;
  one_case (xd, &dq_128_001, b_split, QS_LPT_PRECISION_CODES, NULL, STEP_TOL);
}

static QsNode *
b_depth_to_space (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  QsNode *op;

  od[0] = xd[0]; od[1] = xd[1] / 4; od[2] = xd[2] * 2; od[3] = xd[3] * 2;
  op = op_node (g, "DepthToSpace", "opset1", "op", src, 1, 4, xd, 4, od);
  qs_graph_builder_set_attr (g->b, op, "mode", "blocks_first");
  qs_graph_builder_set_attr (g->b, op, "block_size", "2");
  return op;
}

static void
test_depth_to_space (void)
{
  static const gint64 xd[4] = { 1, 4, 3, 3 };

  /* depth_to_space_transformation.cpp, "blockSize = 2": subtract 0.32,
   * multiply 0.45 → moved after */
  one_case (xd, &(Dq) { 1, { 0.32f }, { 0.45f } }, b_depth_to_space, QS_LPT_PRECISION_CODES, NULL, 0.45 * 0.5 + 1e-4);
  /* "not scalar-like dequantizations with different values":
   * {0.32,0.5,0.6,0.77}, {0.1,0.55,0.3,0.8} → stays before */
  one_case (xd, &(Dq) { 4, { 0.32f, 0.5f, 0.6f, 0.77f }, { 0.1f, 0.55f, 0.3f, 0.8f } }, b_depth_to_space,
            QS_LPT_PRECISION_FP32, "DepthToSpaceTransformation: the Dequantize is per-channel", 0);
}

static gint64 sc_axis, sc_group;

static QsNode *
b_shuffle (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  QsNode *op;
  g_autofree char *a = g_strdup_printf ("%" G_GINT64_FORMAT, sc_axis);
  g_autofree char *gr = g_strdup_printf ("%" G_GINT64_FORMAT, sc_group);

  memcpy (od, xd, 4 * sizeof (gint64));
  op = op_node (g, "ShuffleChannels", "opset1", "op", src, 1, 4, xd, 4, od);
  qs_graph_builder_set_attr (g->b, op, "axis", a);
  qs_graph_builder_set_attr (g->b, op, "group", gr);
  return op;
}

static void
test_shuffle_channels (void)
{
  static const gint64 xd[4] = { 1, 3, 8, 10 };
  static const Dq per_channel = { 3, { 128.f, 64.f, 32.f }, { 0.01f, 0.02f, 0.03f } };

  /* shuffle_channels_transformation.cpp, "U8 per channel quantization,
   * shuffling by spatial dimension": axis -2, group 4 → moved after */
  sc_axis = -2;
  sc_group = 4;
  one_case (xd, &per_channel, b_shuffle, QS_LPT_PRECISION_CODES, NULL, STEP_TOL * 10);
  /* "U8 per tensor quantization": axis 1, group 1 */
  sc_axis = 1;
  sc_group = 1;
  one_case (xd, &(Dq) { 1, { 128.f }, { 0.02f } }, b_shuffle, QS_LPT_PRECISION_CODES, NULL, STEP_TOL);
}

static const char *ip_mode;
static const char *ip_pads;

static QsNode *
b_interpolate (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  /* Interpolate-1 on axes {2,3} to twice the size */
  QsNode *op;

  od[0] = xd[0]; od[1] = xd[1]; od[2] = xd[2] * 2; od[3] = xd[3] * 2;
  op = op_node (g, "Interpolate", "opset1", "op", src, 2, 4, xd, 4, od);
  qs_graph_builder_set_attr (g->b, op, "axes", "2,3");
  qs_graph_builder_set_attr (g->b, op, "mode", ip_mode);
  qs_graph_builder_set_attr (g->b, op, "align_corners", "false");
  qs_graph_builder_set_attr (g->b, op, "antialias", "false");
  qs_graph_builder_set_attr (g->b, op, "pads_begin", ip_pads);
  qs_graph_builder_set_attr (g->b, op, "pads_end", ip_pads);
  in_i64 (g, op, 1, 2, (gint64[]) { od[2], od[3] });
  return op;
}

static void
test_interpolate (void)
{
  static const gint64 xd[4] = { 1, 4, 16, 16 };
  static const Dq dq = { 1, { -0.32f }, { 0.1f } };
  static const Dq per_channel = { 4, { -0.32f, -0.31f, 0.31f, 0.32f }, { 0.1f, 0.2f, 0.3f, 0.4f } };

  /* interpolate_transformation.cpp, opset1 "nearest mode - move
   * dequantization": [1,4,16,16] → [1,4,32,32], subtract -0.32, multiply 0.1 */
  ip_mode = "nearest";
  ip_pads = "0";
  one_case (xd, &dq, b_interpolate, QS_LPT_PRECISION_CODES, NULL, STEP_TOL);
  /* "per-channel dequantization" → moved too */
  one_case (xd, &per_channel, b_interpolate, QS_LPT_PRECISION_CODES, NULL, STEP_TOL * 10);
  /* "mode is not nearest - not transformed" */
  ip_mode = "linear";
  one_case (xd, &dq, b_interpolate, QS_LPT_PRECISION_FP32, "InterpolateTransformation: mode is linear, not nearest", 0);
  /* "have pads - not transformed" */
  ip_mode = "nearest";
  ip_pads = "1";
  one_case (xd, &dq, b_interpolate, QS_LPT_PRECISION_FP32, "InterpolateTransformation: the pads are not 0", 0);
  ip_pads = "0";
}

/* ------------------------------------------------------------------------ */
/* MaxPool, ReLU, ReduceMax/Min (qs-lpt-pass-propagate.c)                   */

static QsNode *
b_maxpool (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  QsNode *op;

  memcpy (od, xd, 4 * sizeof (gint64));
  op = op_node (g, "MaxPool", "opset1", "op", src, 1, 4, xd, 4, od);
  qs_graph_builder_set_attr (g->b, op, "kernel", "3,3");
  qs_graph_builder_set_attr (g->b, op, "strides", "1,1");
  qs_graph_builder_set_attr (g->b, op, "pads_begin", "1,1");
  qs_graph_builder_set_attr (g->b, op, "pads_end", "1,1");
  return op;
}

static void
test_max_pool (void)
{
  static const gint64 xd[4] = { 1, 3, 12, 8 };

  /* max_pool_transformation.cpp, "Convert + Subtract + Multiply": subtract
   * 128, multiply 0.02 → moved after */
  one_case (xd, &dq_128_002, b_maxpool, QS_LPT_PRECISION_CODES, NULL, STEP_TOL);
  /* "per-channel dequantization" {128,64,32}, {0.02,0.01,0.03} → moved */
  one_case (xd, &dq_pc3, b_maxpool, QS_LPT_PRECISION_CODES, NULL, STEP_TOL * 10);
  /* max_pool.cpp canBeTransformed: a negative scale declines (the test file
   * has no such case) */
  one_case (xd, &(Dq) { 1, { 0.f }, { -0.01f } }, b_maxpool, QS_LPT_PRECISION_FP32, "not positive", 0);
}

static QsNode *
b_relu (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  memcpy (od, xd, 4 * sizeof (gint64));
  return op_node (g, "ReLU", "opset1", "op", src, 1, 4, xd, 4, od);
}

static void
test_relu (void)
{
  static const gint64 xd[4] = { 1, 3, 16, 16 };

  /* relu_transformation.cpp, "U8: no subtract", per channel {0.1,0.2,0.3}
   * (here /10) → moved after */
  one_case (xd, &(Dq) { 3, { 0.f }, { 0.01f, 0.02f, 0.03f } }, b_relu, QS_LPT_PRECISION_CODES, NULL, STEP_TOL);
  /* "U8: with subtract value" 128 → stays before.  (A FakeQuantize over
   * [-1.28, 1.27] decomposes to i8 without a zero point, so here 64) */
  one_case (xd, &(Dq) { 1, { 64.f }, { 0.01f } }, b_relu, QS_LPT_PRECISION_FP32, "zero point; ReLU", 0);
  /* "U8: no subtract" {0.1,-0.2,0.3}: a negative scale → stays before */
  one_case (xd, &(Dq) { 3, { 0.f }, { 0.01f, -0.02f, 0.03f } }, b_relu, QS_LPT_PRECISION_FP32, "negative", 0);
}

static const char *rd_type;

static QsNode *
b_reduce (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  /* @rd_type over axis 3, keep_dims */
  QsNode *op;

  memcpy (od, xd, 4 * sizeof (gint64));
  od[3] = 1;
  op = op_node (g, rd_type, "opset1", "op", src, 2, 4, xd, 4, od);
  qs_graph_builder_set_attr (g->b, op, "keep_dims", "true");
  in_i64 (g, op, 1, 1, (gint64[]) { 3 });
  return op;
}

static void
test_reduce_max_min (void)
{
  static const gint64 xd[4] = { 1, 3, 4, 4 };
  guint k;

  for (k = 0; k < 2; k++)
    {
      rd_type = k == 0 ? "ReduceMax" : "ReduceMin";
      /* reduce_max_transformation.cpp / reduce_min_transformation.cpp:
       * per-channel {128,64,32}, {0.1,1,10} (here smaller) reduced over a
       * spatial axis, keep_dims → moved after */
      one_case (xd, &dq_pc3, b_reduce, QS_LPT_PRECISION_CODES, NULL, STEP_TOL * 10);
      /* reduce_base_transformation.cpp / reduce_max.cpp: a negative scale
       * declines (max does not commute with it) */
      one_case (xd, &(Dq) { 1, { 0.f }, { -0.01f } }, b_reduce, QS_LPT_PRECISION_FP32, "not positive", 0);
    }
}

/* ------------------------------------------------------------------------ */
/* Clamp, PRelu, MVN (qs-lpt-move-f32.c)                                    */

static QsNode *
b_clamp (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  QsNode *op;

  memcpy (od, xd, 4 * sizeof (gint64));
  op = op_node (g, "Clamp", "opset1", "op", src, 1, 4, xd, 4, od);
  qs_graph_builder_set_attr (g->b, op, "min", "0");
  qs_graph_builder_set_attr (g->b, op, "max", "1");
  return op;
}

static void
test_clamp (void)
{
  static const gint64 xd[4] = { 1, 3, 8, 8 };

  /* clamp_transformation.cpp, "U8 per channel quantization with the same
   * values" ({128}×3, {3}×3; here 0.01) → the Dequantize moves after:
   * the Clamp reads codes, gives f32 */
  one_case (xd, &(Dq) { 3, { 128.f, 128.f, 128.f }, { 0.01f, 0.01f, 0.01f } }, b_clamp, QS_LPT_PRECISION_FP32,
            "ClampTransformation moves the Dequantize after it", 0);
  /* "U8 per channel quantization with different values"
   * ({128,0,64}, {3,1,2}; here /100) → stays before */
  one_case (xd, &(Dq) { 3, { 128.f, 0.f, 64.f }, { 0.03f, 0.01f, 0.02f } }, b_clamp, QS_LPT_PRECISION_FP32,
            "ClampTransformation: the per-channel zero point is not scalar-like", 0);
}

static QsNode *
b_prelu (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  QsNode *op;

  memcpy (od, xd, 4 * sizeof (gint64));
  op = op_node (g, "PRelu", "opset1", "op", src, 2, 4, xd, 4, od);
  in_f32 (g, op, 1, 0.25f);
  return op;
}

static void
test_prelu (void)
{
  static const gint64 xd[4] = { 1, 3, 16, 16 };

  /* prelu_transformation.cpp, "U8: no subtract" (multiply 0.1) → moved after */
  one_case (xd, &dq_01, b_prelu, QS_LPT_PRECISION_FP32, "PReluTransformation moves the Dequantize after it", 0);
  /* "U8: with positive subtract value" 128 → stays before (64 here, as
   * [-12.8, 12.7] would decompose to i8 without a zero point) */
  one_case (xd, &(Dq) { 1, { 64.f }, { 0.1f } }, b_prelu, QS_LPT_PRECISION_FP32,
            "PReluTransformation: the Dequantize has a zero point", 0);
}

static const char *mvn_axes;

static QsNode *
b_mvn (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  QsNode *op;
  gint64 axes[3];
  guint n = 0;
  const char *p;

  for (p = mvn_axes; *p != '\0'; p++)
    if (*p >= '0' && *p <= '9')
      axes[n++] = *p - '0';
  memcpy (od, xd, 4 * sizeof (gint64));
  op = op_node (g, "MVN", "opset6", "op", src, 2, 4, xd, 4, od);
  qs_graph_builder_set_attr (g->b, op, "normalize_variance", "true");
  qs_graph_builder_set_attr (g->b, op, "eps", "1e-9");
  qs_graph_builder_set_attr (g->b, op, "eps_mode", "inside_sqrt");
  in_i64 (g, op, 1, n, axes);
  return op;
}

static void
test_mvn (void)
{
  static const gint64 xd[4] = { 1, 2, 2, 2 };
  static const Dq per_channel = { 2, { 0.f, 0.f }, { 0.45f, -0.45f } };

  /* mvn_transformation.cpp testValues2, axes {2,3}, normalize_variance,
   * multiply {0.45,-0.45} per channel → moved after (becomes {1,-1}) */
  mvn_axes = "2,3";
  one_case (xd, &per_channel, b_mvn, QS_LPT_PRECISION_FP32, "MVNTransformation moves the Dequantize after it", 0);
  /* axes {1,2,3}, the same per-channel multiply → stays before */
  mvn_axes = "1,2,3";
  one_case (xd, &per_channel, b_mvn, QS_LPT_PRECISION_FP32,
            "MVNTransformation: it reduces the channel axis and the Dequantize's scale is not scalar-like", 0);
  /* testValues1, subtract -0.32 (a zero point) → stays before */
  one_case (xd, &(Dq) { 1, { 32.f }, { 0.01f } }, b_mvn, QS_LPT_PRECISION_FP32,
            "MVNTransformation: the Dequantize has a zero point", 0);
}

/* ------------------------------------------------------------------------ */
/* Convolution (qs-lpt-pass-compute.c)                                      */

static void
test_convolution (void)
{
  static const gint64 xd[4] = { 1, 3, 12, 8 };

  /* convolution_transformation.cpp, "without zero point": u8, multiply
   * 0.02, weights FakeQuantize 255 levels → int8 */
  {
    G g = { qs_graph_builder_new ("t") };
    QsNode *x = fq_dq (&g, "fq", parameter (&g, "x", 4, xd), 4, xd, &(Dq) { 1, { 0.f }, { 0.02f } });
    g_autoptr(QsModel) m = NULL;
    g_autoptr(QsLptResult) r = NULL;

    result (&g, conv (&g, "conv", x, xd), 0, 4, (gint64[]) { 1, 2, 12, 8 });
    m = finish (&g);
    r = run (m);
    expect (r, "conv", QS_LPT_PRECISION_INT8, NULL);
    g_assert_cmpfloat_with_epsilon (decision (r, "conv")->output.scale[0], 0.0002, 1e-9);
    check_exec (m, 1e-4);
  }
  /* "incorrect zero point on activations [not transformed]": subtract
   * 1000, multiply 0.02 → the zero point lies outside u8 */
  {
    G g = { qs_graph_builder_new ("t") };
    QsNode *x = fq_dq (&g, "fq", parameter (&g, "x", 4, xd), 4, xd, &(Dq) { 1, { 1000.f }, { 0.02f } });
    g_autoptr(QsModel) m = NULL;
    g_autoptr(QsLptResult) r = NULL;

    result (&g, conv (&g, "conv", x, xd), 0, 4, (gint64[]) { 1, 2, 12, 8 });
    m = finish (&g);
    r = run (m);
    expect (r, "conv", QS_LPT_PRECISION_FP32, NULL);
    expect (r, "fq", QS_LPT_PRECISION_FP32, "lies outside the u8 range");
  }
}

/* ------------------------------------------------------------------------ */
/* MoveFakeQuantize (qs-lpt-move-fq.c)                                      */

static QsModel *
move_fq_model (gboolean relu, gboolean from_split)
{
  /* two [1,1,9,9] inputs → Concat axis 1 → [ReLU] → FakeQuantize 256
   * [0, 2.55] → convolution */
  static const gint64 xd[4] = { 1, 1, 9, 9 }, cd[4] = { 1, 2, 9, 9 }, sd[4] = { 1, 2, 9, 9 };
  G g = { qs_graph_builder_new ("t") };
  QsNode *concat = qs_graph_builder_add_node (g.b, "Concat", "opset1", "concat", 2, 1), *x;
  guint i;

  qs_graph_builder_set_attr (g.b, concat, "axis", "1");
  port (&g, &concat->outputs[0], 4, cd);
  if (from_split)
    {
      QsNode *split = qs_graph_builder_add_node (g.b, "Split", "opset1", "split", 2, 2);
      gint64 axis = 1;
      port (&g, &split->inputs[0], 4, sd);
      qs_graph_builder_connect (g.b, parameter (&g, "x", 4, sd), 0, split, 0, NULL);
      qs_graph_builder_set_attr (g.b, split, "num_splits", "2");
      qs_graph_builder_set_port (g.b, &split->inputs[1], QS_ELEMENT_I64, 0, NULL);
      qs_graph_builder_connect (g.b, qs_graph_builder_add_const (g.b, NULL, QS_ELEMENT_I64, 0, NULL, &axis, 8), 0,
                                split, 1, NULL);
      for (i = 0; i < 2; i++)
        {
          port (&g, &split->outputs[i], 4, xd);
          port (&g, &concat->inputs[i], 4, xd);
          qs_graph_builder_connect (g.b, split, i, concat, i, NULL);
        }
    }
  else
    for (i = 0; i < 2; i++)
      {
        g_autofree char *name = g_strdup_printf ("x%u", i);
        port (&g, &concat->inputs[i], 4, xd);
        qs_graph_builder_connect (g.b, parameter (&g, name, 4, xd), 0, concat, i, NULL);
      }
  x = concat;
  if (relu)
    x = op_node (&g, "ReLU", "opset1", "relu", x, 1, 4, cd, 4, cd);
  x = fq1 (&g, "fq", x, 4, cd, 256, 0.0f, 2.55f);
  result (&g, conv (&g, "conv", x, cd), 0, 4, (gint64[]) { 1, 2, 9, 9 });
  return finish (&g);
}

static void
test_move_fake_quantize (void)
{
  /* move_fake_quantize_transformation.cpp, perTensorValues "without
   * operation": FakeQuantize 256 [0, 2.55] after a Concat of two [1,1,9,9]
   * → one before each input; the Concat moves codes */
  {
    g_autoptr(QsModel) m = move_fq_model (FALSE, FALSE);
    g_autoptr(QsLptResult) r = run (m);
    expect (r, "concat", QS_LPT_PRECISION_CODES, "MoveFakeQuantize: FakeQuantize “fq” moves before the Concat's 2");
    expect (r, "fq", QS_LPT_PRECISION_CODES, "MoveFakeQuantize: moved before the 2 inputs");
    expect (r, "conv", QS_LPT_PRECISION_INT8, NULL);
    check_exec (m, 1e-4);
  }
  /* "with ReLU" → the ReLU is copied before each FakeQuantize */
  {
    g_autoptr(QsModel) m = move_fq_model (TRUE, FALSE);
    g_autoptr(QsLptResult) r = run (m);
    expect (r, "concat", QS_LPT_PRECISION_CODES, "after a copy of the ReLU each");
    expect (r, "relu", QS_LPT_PRECISION_CODES, "MoveFakeQuantize");
  }
  /* the same with oneInputWithSplit: the Concat's inputs are the outputs
   * of one Split → not moved */
  {
    g_autoptr(QsModel) m = move_fq_model (FALSE, TRUE);
    g_autoptr(QsLptResult) r = run (m);
    expect (r, "concat", QS_LPT_PRECISION_FP32, "the Concat's inputs all come from one Split");
    expect (r, "conv", QS_LPT_PRECISION_INT8, NULL);
  }
}

/* ------------------------------------------------------------------------ */
/* MultiplyToGroupConvolution (qs-lpt-multiply-gconv.c)                     */

static QsModel *
multiply_model (int rank)
{
  /* Parameter → FakeQuantize u8 [0, 255] (scale 1) → Multiply by
   * {0.45,0.82,0.71,0.37} on axis 1 → Result: a Dequantize with those
   * per-channel scales that nothing quantized takes */
  gint64 xd[4] = { 1, 4, 1, 1 }, kd[4] = { 1, 4, 1, 1 };
  static const float k[4] = { 0.45f, 0.82f, 0.71f, 0.37f };
  G g = { qs_graph_builder_new ("t") };
  QsNode *x = fq1 (&g, "fq", parameter (&g, "x", rank, xd), rank, xd, 256, 0.0f, 255.0f);
  QsNode *mul = op_node (&g, "Multiply", "opset1", "op", x, 2, rank, xd, rank, xd);

  port (&g, &mul->inputs[1], rank, kd);
  qs_graph_builder_connect (g.b, konst (&g, rank, kd, k), 0, mul, 1, NULL);
  result (&g, mul, 0, rank, xd);
  return finish (&g);
}

static void
test_multiply_to_group_convolution (void)
{
  /* multiply_to_group_convolution_transformation.cpp, "only multiply":
   * [1,4,1,1], multiply {0.45,0.82,0.71,0.37} → a GroupConvolution in
   * LPT; the CPU plugin disables the transformation, so the Multiply stays
   * float after the Dequantize */
  {
    g_autoptr(QsModel) m = multiply_model (4);
    g_autoptr(QsLptResult) r = run (m);
    expect (r, "op", QS_LPT_PRECISION_FP32, "but the CPU plugin disables that transformation");
    expect (r, "fq", QS_LPT_PRECISION_FP32, NULL);
    check_exec (m, 1e-4);
  }
  /* "3d (not transformed)": [1,4,1] */
  {
    g_autoptr(QsModel) m = multiply_model (3);
    g_autoptr(QsLptResult) r = run (m);
    expect (r, "op", QS_LPT_PRECISION_FP32, "MultiplyToGroupConvolutionTransformation declines: the rank is not 4 or 5");
  }
}

/* ------------------------------------------------------------------------ */
/* FoldFakeQuantize, FoldConvert (qs-lpt-fold-constant.c)                   */

static void
test_fold_fake_quantize (void)
{
  static const gint64 d[4] = { 2, 2, 2, 2 };
  /* fold_fake_quantize_in_transformations.cpp, second case: a [2,2,2,2]
   * constant {1,-1,77,125,254,100,0,127,-2,64,1,300,7,-200,9,-301} through
   * FakeQuantize 255 levels [0, 254] → [-12.7, 12.7] folds to
   * {-12.6,-12.7,-5.0,-0.2,12.7,-2.7,-12.7,0,-12.7,-6.3,-12.6,12.7,-12.0,
   * -12.7,-11.8,-12.7} */
  static const float v[16] = { 1, -1, 77, 125, 254, 100, 0, 127, -2, 64, 1, 300, 7, -200, 9, -301 };
  static const float want[16] = { -12.6f, -12.7f, -5.0f, -0.2f, 12.7f, -2.7f, -12.7f, 0.f,
                                  -12.7f, -6.3f, -12.6f, 12.7f, -12.0f, -12.7f, -11.8f, -12.7f };
  {
    G g = { qs_graph_builder_new ("t") };
    QsNode *fq = op_node (&g, "FakeQuantize", "opset1", "fq", konst (&g, 4, d, v), 5, 4, d, 4, d);
    QsNode *add = op_node (&g, "Add", "opset1", "add", parameter (&g, "x", 4, d), 2, 4, d, 4, d);
    g_autoptr(QsModel) m = NULL;
    g_autoptr(QsLptResult) r = NULL;
    g_autoptr(QsExec) exec = NULL;
    g_autoptr(QsTensor) x = qs_tensor_new_f32 (4, d);
    QsTensor **out = NULL;
    guint i;

    qs_graph_builder_set_attr (g.b, fq, "levels", "255");
    in_f32 (&g, fq, 1, 0.f);
    in_f32 (&g, fq, 2, 254.f);
    in_f32 (&g, fq, 3, -12.7f);
    in_f32 (&g, fq, 4, 12.7f);
    port (&g, &add->inputs[1], 4, d);
    qs_graph_builder_connect (g.b, fq, 0, add, 1, NULL);
    result (&g, add, 0, 4, d);
    m = finish (&g);
    r = run (m);
    expect (r, "fq", QS_LPT_PRECISION_NONE, "FoldFakeQuantizeTransformation: on a constant path");
    exec = qs_exec_new (m, QS_EXEC_MODE_FAKE_QUANT, NULL);
    memset (x->data, 0, x->n_elements * sizeof (float));
    g_assert_true (qs_exec_run (exec, &x, NULL, NULL, NULL, &out, NULL));
    for (i = 0; i < 16; i++)
      g_assert_cmpfloat_with_epsilon (qs_tensor_f32 (out[0])[i], want[i], 1e-5);
    qs_tensor_unref (out[0]);
    g_free (out);
  }
  /* the last case: output_low = output_high = 127 ("data independent
   * const folding"): on an activation too the output is that constant */
  {
    G g = { qs_graph_builder_new ("t") };
    QsNode *fq = fq4 (&g, "fq", parameter (&g, "x", 4, d), 4, d, 256, 0.f, 255.f, 127.f, 127.f);
    g_autoptr(QsModel) m = NULL;
    g_autoptr(QsLptResult) r = NULL;

    result (&g, fq, 0, 4, d);
    m = finish (&g);
    r = run (m);
    expect (r, "fq", QS_LPT_PRECISION_NONE, "FoldFakeQuantizeTransformation: output_low equals output_high");
  }
  /* an activation FakeQuantize (not constant, output_low < output_high)
   * is not folded: it is decomposed */
  {
    G g = { qs_graph_builder_new ("t") };
    QsNode *fq = fq1 (&g, "fq", parameter (&g, "x", 4, d), 4, d, 256, 0.f, 2.55f);
    g_autoptr(QsModel) m = NULL;
    g_autoptr(QsLptResult) r = NULL;

    result (&g, conv (&g, "conv", fq, d), 0, 4, (gint64[]) { 2, 2, 2, 2 });
    m = finish (&g);
    r = run (m);
    expect (r, "fq", QS_LPT_PRECISION_CODES, NULL);
  }
}

static void
test_fold_convert (void)
{
  static const gint64 d[4] = { 1, 2, 2, 2 }, one[1] = { 1 };
  static const guint8 z = 128;
  guint k;

  /* fold_convert_transformation.cpp: a Convert of a u8 constant (a zero
   * point) into a Subtract folds; a Convert of an activation does not */
  for (k = 0; k < 2; k++)
    {
      G g = { qs_graph_builder_new ("t") };
      QsNode *cv = qs_graph_builder_add_node (g.b, "Convert", "opset1", "convert", 1, 1);
      QsNode *sub = op_node (&g, "Subtract", "opset1", "sub", parameter (&g, "x", 4, d), 2, 4, d, 4, d);
      g_autoptr(QsModel) m = NULL;
      g_autoptr(QsLptResult) r = NULL;

      qs_graph_builder_set_attr (g.b, cv, "destination_type", "f32");
      if (k == 0)
        {
          qs_graph_builder_set_port (g.b, &cv->inputs[0], QS_ELEMENT_U8, 1, one);
          qs_graph_builder_connect (g.b, qs_graph_builder_add_const (g.b, NULL, QS_ELEMENT_U8, 1, one, &z, 1), 0, cv, 0,
                                    NULL);
          port (&g, &cv->outputs[0], 1, one);
          port (&g, &sub->inputs[1], 1, one);
        }
      else
        {
          port (&g, &cv->inputs[0], 4, d);
          qs_graph_builder_connect (g.b, parameter (&g, "y", 4, d), 0, cv, 0, NULL);
          port (&g, &cv->outputs[0], 4, d);
          port (&g, &sub->inputs[1], 4, d);
        }
      qs_graph_builder_connect (g.b, cv, 0, sub, 1, NULL);
      result (&g, sub, 0, 4, d);
      m = finish (&g);
      r = run (m);
      if (k == 0)
        expect (r, "convert", QS_LPT_PRECISION_NONE, "FoldConvertTransformation");
      else
        expect (r, "convert", QS_LPT_PRECISION_FP32, NULL);
    }
}

/* ------------------------------------------------------------------------ */
/* RecurrentCell (qs-lpt-recurrent.c)                                       */

static QsModel *
gru_model (const char *type, float w_lo)
{
  /* recurrent_cell_transformation.cpp testValues3 (GRU): X [1,2,3], H
   * [1,1,3], W [1,9,3], R [1,9,3], B [1,9]; X and H FakeQuantize 256
   * [0, 2.55] (u8, multiply 0.01), W and R 255 levels [@w_lo, 1.27] */
  static const gint64 xd[3] = { 1, 2, 3 }, hd[3] = { 1, 1, 3 }, wd[3] = { 1, 9, 3 }, bd[2] = { 1, 9 };
  static const gint64 yd[4] = { 1, 1, 2, 3 }, hod[3] = { 1, 1, 3 }, ld[1] = { 1 };
  G g = { qs_graph_builder_new ("t") };
  QsNode *cell = qs_graph_builder_add_node (g.b, type, "opset5", "cell", 6, 2);
  QsNode *x = fq1 (&g, "fqx", parameter (&g, "x", 3, xd), 3, xd, 256, 0.f, 2.55f);
  QsNode *h = fq1 (&g, "fqh", parameter (&g, "h", 3, hd), 3, hd, 256, 0.f, 2.55f);
  float b[9] = { 0 };
  gint32 len = 2;
  guint i;

  qs_graph_builder_set_attr (g.b, cell, "hidden_size", "3");
  qs_graph_builder_set_attr (g.b, cell, "direction", "forward");
  qs_graph_builder_set_attr (g.b, cell, "linear_before_reset", "false");
  port (&g, &cell->inputs[0], 3, xd);
  port (&g, &cell->inputs[1], 3, hd);
  qs_graph_builder_set_port (g.b, &cell->inputs[2], QS_ELEMENT_I32, 1, ld);
  port (&g, &cell->inputs[3], 3, wd);
  port (&g, &cell->inputs[4], 3, wd);
  port (&g, &cell->inputs[5], 2, bd);
  port (&g, &cell->outputs[0], 4, yd);
  port (&g, &cell->outputs[1], 3, hod);
  qs_graph_builder_connect (g.b, x, 0, cell, 0, NULL);
  qs_graph_builder_connect (g.b, h, 0, cell, 1, NULL);
  qs_graph_builder_connect (g.b, qs_graph_builder_add_const (g.b, NULL, QS_ELEMENT_I32, 1, ld, &len, 4), 0, cell, 2,
                            NULL);
  for (i = 3; i < 5; i++)
    {
      float w[27];
      guint j;
      QsNode *wfq;
      for (j = 0; j < 27; j++)
        w[j] = 0.05f * (float) ((j * 5 + i) % 9 - 4);
      wfq = op_node (&g, "FakeQuantize", "opset1", NULL, konst (&g, 3, wd, w), 5, 3, wd, 3, wd);
      qs_graph_builder_set_attr (g.b, wfq, "levels", "255");
      in_f32 (&g, wfq, 1, w_lo);
      in_f32 (&g, wfq, 2, 1.27f);
      in_f32 (&g, wfq, 3, w_lo);
      in_f32 (&g, wfq, 4, 1.27f);
      qs_graph_builder_connect (g.b, wfq, 0, cell, i, NULL);
    }
  qs_graph_builder_connect (g.b, konst (&g, 2, bd, b), 0, cell, 5, NULL);
  result (&g, cell, 0, 4, yd);
  result (&g, cell, 1, 3, hod);
  return finish (&g);
}

static void
test_recurrent_cell (void)
{
  /* recurrent_cell_transformation.cpp testValues3, "GRU": X and H u8
   * (multiply 0.01), W and R FakeQuantize 255 [-1.27, 1.27] → the
   * Dequantize of X and H stays at the cell's inputs, the CPU plugin runs
   * it quantized; qscope computes it on the dequantized values */
  {
    g_autoptr(QsModel) m = gru_model ("GRUSequence", -1.27f);
    g_autoptr(QsLptResult) r = run (m);
    expect (r, "cell", QS_LPT_PRECISION_INT8, "qscope: its int8 run computes the cell on the dequantized values");
    expect (r, "fqx", QS_LPT_PRECISION_CODES, NULL);
    expect (r, "fqh", QS_LPT_PRECISION_CODES, NULL);
    check_exec (m, 1e-5);
  }
  /* recurrent_cell.cpp transform: weights whose FakeQuantize needs a zero
   * point (asymmetric [-0.5, 1.27]) → not transformed */
  {
    g_autoptr(QsModel) m = gru_model ("GRUSequence", -0.5f);
    g_autoptr(QsLptResult) r = run (m);
    expect (r, "cell", QS_LPT_PRECISION_FP32, "W (input 3) has a FakeQuantize with a zero point");
  }
  /* recurrent_cell.cpp's pattern: LSTMSequence-5 and GRUSequence-5 only;
   * an RNNSequence on the same quantized inputs is not matched (its
   * decision only: the shapes are the GRU's) */
  {
    g_autoptr(QsModel) m = gru_model ("RNNSequence", -1.27f);
    g_autoptr(QsLptResult) r = run (m);
    expect (r, "cell", QS_LPT_PRECISION_FP32, "RecurrentCellTransformation matches LSTMSequence-5 and GRUSequence-5 only");
  }
}

/* ------------------------------------------------------------------------ */
/* AssignAndReadValue (qs-lpt-assign.c)                                     */

static QsModel *
assign_model (float initial)
{
  /* assign_and_read_value_transformation.cpp: [1,3,4,4] (the test's
   * [1,3,224,224], smaller), u8 multiply 3 (here 0.01) into Assign-6;
   * ReadValue-6 of the same variable with a constant initial value */
  static const gint64 d[4] = { 1, 3, 4, 4 };
  G g = { qs_graph_builder_new ("t") };
  QsNode *read = op_node (&g, "ReadValue", "opset6", "read", NULL, 1, 4, d, 4, d);
  QsNode *assign = op_node (&g, "Assign", "opset6", "assign", NULL, 1, 4, d, 4, d);
  QsNode *add = op_node (&g, "Add", "opset1", "add", read, 2, 4, d, 4, d);
  float init[48];
  guint i;

  for (i = 0; i < 48; i++)
    init[i] = initial;
  qs_graph_builder_set_attr (g.b, read, "variable_id", "v");
  qs_graph_builder_set_attr (g.b, read, "variable_type", "f32");
  qs_graph_builder_set_attr (g.b, read, "variable_shape", "1,3,4,4");
  qs_graph_builder_set_attr (g.b, assign, "variable_id", "v");
  qs_graph_builder_connect (g.b, konst (&g, 4, d, init), 0, read, 0, NULL);
  qs_graph_builder_connect (g.b, fq1 (&g, "fq", parameter (&g, "x", 4, d), 4, d, 256, 0.f, 2.55f), 0, assign, 0,
                            NULL);
  port (&g, &add->inputs[1], 4, d);
  qs_graph_builder_connect (g.b, assign, 0, add, 1, NULL);
  result (&g, add, 0, 4, d);
  return finish (&g);
}

static void
test_assign_and_read_value (void)
{
  /* "no FQ after ReadValue": initial value {0}, multiply 3 → the state
   * holds codes, the Dequantize after the ReadValue */
  {
    g_autoptr(QsModel) m = assign_model (0.f);
    g_autoptr(QsLptResult) r = run (m);
    expect (r, "assign", QS_LPT_PRECISION_CODES, "AssignAndReadValueTransformation: the state “v” is stored as u8 codes");
    expect (r, "read", QS_LPT_PRECISION_CODES, "AssignAndReadValueTransformation");
    expect (r, "fq", QS_LPT_PRECISION_CODES, NULL);
    check_exec (m, 1e-5);
  }
  /* "non-zero constant": initial value {5} → not transformed */
  {
    g_autoptr(QsModel) m = assign_model (5.f);
    g_autoptr(QsLptResult) r = run (m);
    expect (r, "assign", QS_LPT_PRECISION_FP32, "is not a constant of zeros");
  }
}

/* ------------------------------------------------------------------------ */
/* Squeeze, Unsqueeze, VariadicSplit, Gather, Pad (qs-lpt-move-shape.c)    */

static QsModel *
squeeze_model (const Dq *dq)
{
  /* [1,3,1,16] → Squeeze axis 2 → [1,3,16] → Unsqueeze axis 2 → [1,3,1,16] */
  static const gint64 xd[4] = { 1, 3, 1, 16 }, sd[3] = { 1, 3, 16 };
  G g = { qs_graph_builder_new ("t") };
  QsNode *x = fq_dq (&g, "fq", parameter (&g, "x", 4, xd), 4, xd, dq);
  QsNode *sq = op_node (&g, "Squeeze", "opset1", "op", x, 2, 4, xd, 3, sd);
  QsNode *un;

  in_i64 (&g, sq, 1, 1, (gint64[]) { 2 });
  un = op_node (&g, "Unsqueeze", "opset1", "op2", sq, 2, 3, sd, 4, xd);
  in_i64 (&g, un, 1, 1, (gint64[]) { 2 });
  x = fq1 (&g, "fq2", un, 4, xd, 256, 0.f, 2.55f);
  result (&g, conv (&g, "conv", x, xd), 0, 4, (gint64[]) { 1, 2, 1, 16 });
  return finish (&g);
}

static void
test_squeeze_unsqueeze (void)
{
  /* squeeze_transformation.cpp, second case: [1,3,1,16], axes {2},
   * subtract {128,64,32}, multiply {0.1,0.2,0.3} → moved after, constants
   * [1,3,1]; unsqueeze_transformation.cpp the way back */
  {
    g_autoptr(QsModel) m = squeeze_model (&(Dq) { 3, { 128.f, 64.f, 32.f }, { 0.01f, 0.02f, 0.03f } });
    g_autoptr(QsLptResult) r = run (m);
    expect (r, "op", QS_LPT_PRECISION_CODES, NULL);
    expect (r, "op2", QS_LPT_PRECISION_CODES, NULL);
    g_assert_cmpuint (decision (r, "op")->output.n, ==, 3);
    g_assert_cmpint (decision (r, "op")->output.axis, ==, 1);
    check_exec (m, STEP_TOL * 10);
  }
  /* first case: per tensor, subtract -0.32, multiply 0.45 (here 0.01) */
  {
    g_autoptr(QsModel) m = squeeze_model (&(Dq) { 1, { -0.32f }, { 0.01f } });
    g_autoptr(QsLptResult) r = run (m);
    expect (r, "op", QS_LPT_PRECISION_CODES, NULL);
    expect (r, "op2", QS_LPT_PRECISION_CODES, NULL);
  }
  /* reshape.cpp-style decline for Squeeze: none in the test file but the
   * dynamic-rank one; see test_reshape for the channel rule */
}

static QsNode *
b_variadic_split (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  /* VariadicSplit axis 1 into {2, 1}: output 0 (channels 0..1) goes on */
  QsNode *op = qs_graph_builder_add_node (g->b, "VariadicSplit", "opset1", "op", 3, 2);
  gint64 axis = 1, d1[4];

  memcpy (od, xd, 4 * sizeof (gint64));
  memcpy (d1, xd, sizeof d1);
  od[1] = 2;
  d1[1] = 1;
  port (g, &op->inputs[0], 4, xd);
  port (g, &op->outputs[0], 4, od);
  port (g, &op->outputs[1], 4, d1);
  qs_graph_builder_connect (g->b, src, 0, op, 0, NULL);
  qs_graph_builder_set_port (g->b, &op->inputs[1], QS_ELEMENT_I64, 0, NULL);
  qs_graph_builder_connect (g->b, qs_graph_builder_add_const (g->b, NULL, QS_ELEMENT_I64, 0, NULL, &axis, 8), 0, op, 1,
                            NULL);
  in_i64 (g, op, 2, 2, (gint64[]) { 2, 1 });
  return op;
}

static void
test_variadic_split (void)
{
  static const gint64 xd[4] = { 1, 3, 16, 16 };
  g_autoptr(QsModel) m = NULL;
  g_autoptr(QsLptResult) r = NULL;
  const QsLptDecision *d;

  /* variadic_split_transformation.cpp, "U8 per channel quantization with
   * different values": subtract {1,2,3}, multiply {11,22,33} (here /1000),
   * split {2,1} on axis 1 → output 0 gets {1,2}, {11,22} (output 1 {3},
   * {33}, per tensor) */
  m = one_op (xd, &(Dq) { 3, { 1.f, 2.f, 3.f }, { 0.011f, 0.022f, 0.033f } }, b_variadic_split);
  r = run (m);
  expect (r, "op", QS_LPT_PRECISION_CODES, NULL);
  d = decision (r, "op");
  g_assert_cmpuint (d->output.n, ==, 2);
  g_assert_cmpfloat_with_epsilon (d->output.zero_point[0], 1.0, 1e-3);
  g_assert_cmpfloat_with_epsilon (d->output.zero_point[1], 2.0, 1e-3);
  check_exec (m, STEP_TOL);
  /* "U8 per tensor quantization": subtract 128, multiply 3 (here 0.01) */
  one_case (xd, &dq_128_001, b_variadic_split, QS_LPT_PRECISION_CODES, NULL, STEP_TOL);
}

static gboolean gt_param_idx;

static QsNode *
b_gather (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  /* Gather-8 indices {0} (shape {1}) on axis 1 → [1,1,h,w] */
  QsNode *op;
  gint64 axis = 1;

  memcpy (od, xd, 4 * sizeof (gint64));
  od[1] = 1;
  op = op_node (g, "Gather", "opset8", "op", src, 3, 4, xd, 4, od);
  qs_graph_builder_set_attr (g->b, op, "batch_dims", "0");
  if (gt_param_idx)
    {
      QsNode *idx = qs_graph_builder_add_node (g->b, "Parameter", "opset1", "idx", 0, 1);
      qs_graph_builder_set_port (g->b, &idx->outputs[0], QS_ELEMENT_I64, 1, (gint64[]) { 1 });
      qs_graph_builder_set_port (g->b, &op->inputs[1], QS_ELEMENT_I64, 1, (gint64[]) { 1 });
      qs_graph_builder_connect (g->b, idx, 0, op, 1, NULL);
    }
  else
    in_i64 (g, op, 1, 1, (gint64[]) { 0 });
  qs_graph_builder_set_port (g->b, &op->inputs[2], QS_ELEMENT_I64, 0, NULL);
  qs_graph_builder_connect (g->b, qs_graph_builder_add_const (g->b, NULL, QS_ELEMENT_I64, 0, NULL, &axis, 8), 0, op, 2,
                            NULL);
  return op;
}

static void
test_gather (void)
{
  static const gint64 xd[4] = { 1, 3, 4, 4 };
  static const Dq per_channel = { 3, { 128.f, 64.f, 32.f }, { 0.03f, 0.02f, 0.01f } };
  g_autoptr(QsModel) m = NULL;
  g_autoptr(QsLptResult) r = NULL;

  /* gather_transformation.cpp, "U8: per-channel quantization, gather axis
   * match with channel": indices {0}, axis 1, subtract {128,64,32},
   * multiply {0.3,0.2,0.1} (here /10) → moved after as {128}, {0.3} */
  m = one_op (xd, &per_channel, b_gather);
  r = run (m);
  expect (r, "op", QS_LPT_PRECISION_CODES, NULL);
  g_assert_cmpuint (decision (r, "op")->output.n, ==, 1);
  g_assert_cmpfloat_with_epsilon (decision (r, "op")->output.zero_point[0], 128.0, 1e-3);
  g_assert_cmpfloat_with_epsilon (decision (r, "op")->output.scale[0], 0.03, 1e-6);
  /* gather.cpp canBeTransformed: the same with indices that are not a
   * constant → the per-channel constants cannot be gathered: declined */
  gt_param_idx = TRUE;
  {
    g_autoptr(QsModel) m2 = one_op (xd, &per_channel, b_gather);
    g_autoptr(QsLptResult) r2 = run (m2);
    expect (r2, "op", QS_LPT_PRECISION_FP32, "GatherTransformation: the per-channel Dequantize varies along the "
            "gathered axis and the indices are not a 0-D or 1-D constant");
  }
  gt_param_idx = FALSE;
}

static const gint64 *pd_b, *pd_e;

static QsNode *
b_pad (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  QsNode *op;
  int i;

  for (i = 0; i < 4; i++)
    od[i] = xd[i] + pd_b[i] + pd_e[i];
  op = op_node (g, "Pad", "opset1", "op", src, 4, 4, xd, 4, od);
  qs_graph_builder_set_attr (g->b, op, "pad_mode", "constant");
  in_i64 (g, op, 1, 4, pd_b);
  in_i64 (g, op, 2, 4, pd_e);
  in_f32 (g, op, 3, 0.f);
  return op;
}

static void
test_pad (void)
{
  static const gint64 xd[4] = { 1, 3, 6, 6 }, sb[4] = { 0, 0, 2, 1 }, se[4] = { 0, 0, 1, 2 };

  /* pad_transformation.cpp commonTestCases, constant mode, pad value 0,
   * pads {0,0,2,1}/{0,0,1,2}, multiply only (3; here 0.03) → moved after */
  pd_b = sb;
  pd_e = se;
  one_case (xd, &(Dq) { 1, { 0.f }, { 0.03f } }, b_pad, QS_LPT_PRECISION_CODES, NULL, STEP_TOL);
  /* testCasesForConstantMode: subtract 64, multiply 3 (here 0.03), pads
   * on two spatial axes → stays before */
  one_case (xd, &(Dq) { 1, { 64.f }, { 0.03f } }, b_pad, QS_LPT_PRECISION_FP32,
            "PadTransformation: the Dequantize has a zero point and the pads are on 2 axes", 0);
}

/* ------------------------------------------------------------------------ */
/* AvgPool (qs-lpt-move-pool.c)                                             */

static QsNode *
b_avgpool (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  QsNode *op;

  memcpy (od, xd, 4 * sizeof (gint64));
  op = op_node (g, "AvgPool", "opset1", "op", src, 1, 4, xd, 4, od);
  qs_graph_builder_set_attr (g->b, op, "kernel", "3,3");
  qs_graph_builder_set_attr (g->b, op, "strides", "1,1");
  qs_graph_builder_set_attr (g->b, op, "pads_begin", "1,1");
  qs_graph_builder_set_attr (g->b, op, "pads_end", "1,1");
  qs_graph_builder_set_attr (g->b, op, "exclude-pad", "true");
  qs_graph_builder_set_attr (g->b, op, "rounding_type", "floor");
  return op;
}

static void
test_avg_pool (void)
{
  static const gint64 xd[4] = { 1, 3, 8, 8 };

  /* avg_pool_transformation.cpp, "U8 per tensor quantization": subtract
   * 128, multiply 0.02 → AvgPool on u8, the Dequantize after it
   * (MarkupAvgPoolPrecisionPreserved: a quantized layer takes its output) */
  one_case (xd, &dq_128_002, b_avgpool, QS_LPT_PRECISION_CODES, "AvgPoolTransformation", 0.02 * 0.5 * 4 + 0.03);
  /* markup_avg_pool_precisions_transformation.cpp: no quantized layer after
   * the pool (a Sigmoid) → not precision-preserved, f32 output */
  {
    G g = { qs_graph_builder_new ("t") };
    gint64 od[4];
    QsNode *x = fq_dq (&g, "fq", parameter (&g, "x", 4, xd), 4, xd, &dq_128_002);
    QsNode *op = b_avgpool (&g, x, xd, od);
    g_autoptr(QsModel) m = NULL;
    g_autoptr(QsLptResult) r = NULL;

    result (&g, op_node (&g, "Sigmoid", "opset1", "sig", op, 1, 4, od, 4, od), 0, 4, od);
    m = finish (&g);
    r = run (m);
    expect (r, "op", QS_LPT_PRECISION_FP32, "MarkupAvgPoolPrecisionPreserved");
  }
}

/* ------------------------------------------------------------------------ */
/* ReduceMean, ReduceSum, NormalizeL2 (qs-lpt-move-f32.c)                   */

static const gint64 *rd_axes;
static guint rd_n;

static QsNode *
b_reduce_axes (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  QsNode *op;
  guint i;

  memcpy (od, xd, 4 * sizeof (gint64));
  for (i = 0; i < rd_n; i++)
    od[rd_axes[i]] = 1;
  op = op_node (g, rd_type, "opset1", "op", src, 2, 4, xd, 4, od);
  qs_graph_builder_set_attr (g->b, op, "keep_dims", "true");
  in_i64 (g, op, 1, rd_n, rd_axes);
  return op;
}

static void
test_reduce_mean_sum (void)
{
  static const gint64 xd[4] = { 1, 3, 4, 4 }, spatial[2] = { 2, 3 }, channel[1] = { 1 };
  static const Dq per_channel = { 3, { 0.f }, { 0.01f, 0.1f, 1.f } };
  guint k;

  for (k = 0; k < 2; k++)
    {
      g_autofree char *moved = NULL, *declined = NULL;
      rd_type = k == 0 ? "ReduceSum" : "ReduceMean";
      moved = g_strdup_printf ("%sTransformation moves the Dequantize after it", rd_type);
      declined = g_strdup_printf ("%sTransformation: the per-channel Dequantize varies along a reduced axis", rd_type);
      /* reduce_sum_transformation.cpp (reduce_mean_transformation.cpp
       * alike), "U8: keep dims, per-channel quantization, reduction by
       * special dimensions": axes {2,3}, multiply {0.1,1,10} (here /10) →
       * moved after (the op gives f32) */
      rd_axes = spatial;
      rd_n = 2;
      one_case (xd, &per_channel, b_reduce_axes, QS_LPT_PRECISION_FP32, moved, 0);
      /* "I8: don't keep dims, per-channel quantization, reduction by
       * channel" → stays before */
      rd_axes = channel;
      rd_n = 1;
      one_case (xd, &per_channel, b_reduce_axes, QS_LPT_PRECISION_FP32, declined, 0);
    }
}

static QsNode *
b_normalize_l2 (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  QsNode *op;

  memcpy (od, xd, 4 * sizeof (gint64));
  op = op_node (g, "NormalizeL2", "opset1", "op", src, 2, 4, xd, 4, od);
  qs_graph_builder_set_attr (g->b, op, "eps", "1e-6");
  qs_graph_builder_set_attr (g->b, op, "eps_mode", "add");
  in_i64 (g, op, 1, 1, (gint64[]) { 1 });
  return op;
}

static void
test_normalize_l2 (void)
{
  static const gint64 xd[4] = { 1, 3, 16, 16 };

  /* normalize_l2_transformation.cpp, "U8 per tensor quantization without
   * subtract": multiply -12.3 (here -0.123), axes {1} → moved after (-1) */
  one_case (xd, &(Dq) { 1, { 0.f }, { -0.123f } }, b_normalize_l2, QS_LPT_PRECISION_FP32,
            "NormalizeL2Transformation moves the Dequantize after it", 0);
  /* "U8 per channel quantization with different values" {12.3,-12.3,12.3}
   * → stays before */
  one_case (xd, &(Dq) { 3, { 0.f }, { 0.123f, -0.123f, 0.123f } }, b_normalize_l2, QS_LPT_PRECISION_FP32,
            "NormalizeL2Transformation: the Dequantize's scale is not scalar-like", 0);
}

/* ------------------------------------------------------------------------ */
/* Concat, Multiply/Add/Subtract, FakeQuantize (fuse), FuseMultiply-       */
/* ToFakeQuantize, GroupConvolution, MatMul, ConvolutionBackpropData,       */
/* FakeQuantizeDecomposition with AlignQuantizationIntervals                 */

static QsModel *
concat_model (float lo2, float hi2)
{
  /* concat_transformation.cpp: two [1,3,9,9] FakeQuantizes [0, 2.55] and
   * [@lo2, @hi2] → Concat axis 1 → convolution */
  static const gint64 xd[4] = { 1, 3, 9, 9 }, cd[4] = { 1, 6, 9, 9 };
  G g = { qs_graph_builder_new ("t") };
  QsNode *concat = qs_graph_builder_add_node (g.b, "Concat", "opset1", "concat", 2, 1);

  qs_graph_builder_set_attr (g.b, concat, "axis", "1");
  port (&g, &concat->inputs[0], 4, xd);
  port (&g, &concat->inputs[1], 4, xd);
  port (&g, &concat->outputs[0], 4, cd);
  qs_graph_builder_connect (g.b, fq1 (&g, "fq1", parameter (&g, "x1", 4, xd), 4, xd, 256, 0.f, 2.55f), 0, concat, 0,
                            NULL);
  qs_graph_builder_connect (g.b, fq1 (&g, "fq2", parameter (&g, "x2", 4, xd), 4, xd, 256, lo2, hi2), 0, concat, 1,
                            NULL);
  result (&g, conv (&g, "conv", concat, cd), 0, 4, (gint64[]) { 1, 2, 9, 9 });
  return finish (&g);
}

static void
test_concat (void)
{
  /* concat_transformation.cpp, FakeQuantizes with the same intervals
   * {256, [0, 2.55]} on both inputs → the Concat moves codes, the
   * Dequantize after it */
  {
    g_autoptr(QsModel) m = concat_model (0.f, 2.55f);
    g_autoptr(QsLptResult) r = run (m);
    expect (r, "concat", QS_LPT_PRECISION_CODES, NULL);
    expect (r, "conv", QS_LPT_PRECISION_INT8, NULL);
    check_exec (m, 1e-4);
  }
  /* different intervals ([0, 2.55] and [0, 1.275]) before a convolution:
   * AlignQuantizationIntervals puts both on one grid, so the Concat still
   * moves codes */
  {
    g_autoptr(QsModel) m = concat_model (0.f, 1.275f);
    g_autoptr(QsLptResult) r = run (m);
    expect (r, "concat", QS_LPT_PRECISION_CODES, NULL);
    expect (r, "fq2", QS_LPT_PRECISION_CODES, "aligned");
    expect (r, "conv", QS_LPT_PRECISION_INT8, NULL);
  }
}

static float lin_k;
static const char *lin_type;

static QsNode *
b_linear (G *g, QsNode *src, const gint64 *xd, gint64 *od)
{
  QsNode *op;

  memcpy (od, xd, 4 * sizeof (gint64));
  op = op_node (g, lin_type, "opset1", "op", src, 2, 4, xd, 4, od);
  in_f32 (g, op, 1, lin_k);
  return op;
}

static void
test_multiply_add_subtract (void)
{
  static const gint64 xd[4] = { 1, 4, 8, 8 };

  /* multiply_transformation.cpp / multiply_partial: a Multiply of a
   * dequantized branch by a constant folds into the Dequantize's scale */
  lin_type = "Multiply";
  lin_k = 2.f;
  one_case (xd, &dq_01, b_linear, QS_LPT_PRECISION_FOLDED, "folded into the Dequantize scale", 0);
  /* add_transformation.cpp, spatialDimensions "constant input: Add ->
   * Subtract": the constant becomes part of the zero point (here a scalar
   * 0.5) */
  lin_type = "Add";
  lin_k = 0.5f;
  one_case (xd, &dq_01, b_linear, QS_LPT_PRECISION_FOLDED,
            "AddTransformation: the constant becomes part of the Dequantize's zero point", STEP_TOL);
  lin_type = "Subtract";
  one_case (xd, &dq_01, b_linear, QS_LPT_PRECISION_FOLDED, "SubtractTransformation: folded into the Dequantize's zero point", 0);
  /* add_transformation.cpp, testValues1: an Add of two quantized branches
   * (neither constant): one branch keeps its Dequantize, the Add runs on
   * floats */
  {
    static const gint64 d[4] = { 1, 4, 8, 8 };
    G g = { qs_graph_builder_new ("t") };
    QsNode *a = fq1 (&g, "fa", parameter (&g, "a", 4, d), 4, d, 256, 0.f, 2.55f);
    QsNode *b = fq1 (&g, "fb", parameter (&g, "b", 4, d), 4, d, 256, 0.f, 5.1f);
    QsNode *add = op_node (&g, "Add", "opset1", "op", a, 2, 4, d, 4, d);
    g_autoptr(QsModel) m = NULL;
    g_autoptr(QsLptResult) r = NULL;

    port (&g, &add->inputs[1], 4, d);
    qs_graph_builder_connect (g.b, b, 0, add, 1, NULL);
    result (&g, add, 0, 4, d);
    m = finish (&g);
    r = run (m);
    expect (r, "op", QS_LPT_PRECISION_FP32, "of two quantized branches");
  }
}

static void
test_fake_quantize_fuse (void)
{
  static const gint64 xd[4] = { 1, 3, 8, 8 };

  /* fake_quantize_transformation.cpp / FakeQuantizeTransformation::
   * fuseElementwise: a FakeQuantize whose input is a Dequantize (codes
   * through MaxPool) becomes one Requantize */
  {
    g_autoptr(QsModel) m = one_op (xd, &dq_128_002, b_maxpool);
    g_autoptr(QsLptResult) r = run (m);
    expect (r, "fq2", QS_LPT_PRECISION_CODES, NULL);
    g_assert_cmpint (qs_lpt_result_get_role (r, decision (r, "fq2")->node), ==, QS_LPT_ROLE_REQUANTIZE);
  }
  /* fuse_multiply_to_fake_quantize_transformation.cpp: a Dequantize that
   * nothing quantized takes folds back into its FakeQuantize, which stays
   * one (FakeQuantize → Sigmoid) */
  {
    G g = { qs_graph_builder_new ("t") };
    QsNode *x = fq_dq (&g, "fq", parameter (&g, "x", 4, xd), 4, xd, &dq_128_002);
    g_autoptr(QsModel) m = NULL;
    g_autoptr(QsLptResult) r = NULL;

    result (&g, op_node (&g, "Sigmoid", "opset1", "sig", x, 1, 4, xd, 4, xd), 0, 4, xd);
    m = finish (&g);
    r = run (m);
    expect (r, "fq", QS_LPT_PRECISION_FP32, "no consumer takes integer input");
    g_assert_cmpint (qs_lpt_result_get_role (r, decision (r, "fq")->node), ==, QS_LPT_ROLE_FAKE_QUANTIZE);
  }
}

static QsModel *
group_conv_model (const Dq *dq)
{
  /* group_convolution_transformation.cpp: [1,6,8,8], 3 groups of 2→2 1×1,
   * weights FakeQuantize 255 levels [-1.27, 1.27] */
  static const gint64 xd[4] = { 1, 6, 8, 8 }, wd[5] = { 3, 2, 2, 1, 1 };
  G g = { qs_graph_builder_new ("t") };
  QsNode *x = fq_dq (&g, "fq", parameter (&g, "x", 4, xd), 4, xd, dq);
  QsNode *gc = op_node (&g, "GroupConvolution", "opset1", "conv", x, 2, 4, xd, 4, xd);

  qs_graph_builder_set_attr (g.b, gc, "strides", "1,1");
  qs_graph_builder_set_attr (g.b, gc, "pads_begin", "0,0");
  qs_graph_builder_set_attr (g.b, gc, "pads_end", "0,0");
  qs_graph_builder_set_attr (g.b, gc, "dilations", "1,1");
  port (&g, &gc->inputs[1], 5, wd);
  qs_graph_builder_connect (g.b, weights (&g, 5, wd, 12), 0, gc, 1, NULL);
  result (&g, gc, 0, 4, xd);
  return finish (&g);
}

static void
test_group_convolution (void)
{
  /* group_convolution_transformation.cpp, per-tensor: u8, multiply 0.02
   * → int8, Dequantize 0.02·0.01 after */
  {
    g_autoptr(QsModel) m = group_conv_model (&(Dq) { 1, { 0.f }, { 0.02f } });
    g_autoptr(QsLptResult) r = run (m);
    expect (r, "conv", QS_LPT_PRECISION_INT8, NULL);
    check_exec (m, 1e-4);
  }
  /* per channel with different values inside a group (channels 0 and 1
   * of group 0 differ) → stays fp32 */
  {
    g_autoptr(QsModel) m = group_conv_model (&(Dq) { 6, { 0.f }, { 0.02f, 0.01f, 0.02f, 0.02f, 0.02f, 0.02f } });
    g_autoptr(QsLptResult) r = run (m);
    expect (r, "conv", QS_LPT_PRECISION_FP32, NULL);
  }
}

static QsModel *
matmul_model (gboolean quantized_weights)
{
  /* mat_mul_transformation.cpp / mat_mul_with_constant: [1,16,32] u8
   * (multiply 0.02) × constant [32,8] through a FakeQuantize 255 levels
   * [-1.27, 1.27] */
  static const gint64 xd[3] = { 1, 16, 32 }, wd[2] = { 32, 8 }, od[3] = { 1, 16, 8 };
  G g = { qs_graph_builder_new ("t") };
  QsNode *x = fq_dq (&g, "fq", parameter (&g, "x", 3, xd), 3, xd, &(Dq) { 1, { 0.f }, { 0.02f } });
  QsNode *mm = op_node (&g, "MatMul", "opset1", "mm", x, 2, 3, xd, 3, od);
  QsNode *w;

  qs_graph_builder_set_attr (g.b, mm, "transpose_a", "false");
  qs_graph_builder_set_attr (g.b, mm, "transpose_b", "false");
  if (quantized_weights)
    w = weights (&g, 2, wd, 256);
  else
    {
      float v[256];
      guint i;
      for (i = 0; i < 256; i++)
        v[i] = 0.01f * (float) (i % 13);
      w = konst (&g, 2, wd, v);
    }
  port (&g, &mm->inputs[1], 2, wd);
  qs_graph_builder_connect (g.b, w, 0, mm, 1, NULL);
  result (&g, mm, 0, 3, od);
  return finish (&g);
}

static void
test_mat_mul (void)
{
  /* mat_mul_with_constant_transformation.cpp: quantized weights → int8 */
  {
    g_autoptr(QsModel) m = matmul_model (TRUE);
    g_autoptr(QsLptResult) r = run (m);
    expect (r, "mm", QS_LPT_PRECISION_INT8, NULL);
    check_exec (m, 1e-4);
  }
  /* float weights without a FakeQuantize → not transformed */
  {
    g_autoptr(QsModel) m = matmul_model (FALSE);
    g_autoptr(QsLptResult) r = run (m);
    expect (r, "mm", QS_LPT_PRECISION_FP32, NULL);
  }
}

static QsModel *
backprop_model (guint n, const float *hi)
{
  /* convolution_backprop_data_transformation.cpp testValues1: input
   * [1,8,4,4], activation multiply 0.02 ([0, 5.1]), weights [8,2,1,1] all 2
   * through FakeQuantize 255 levels [0, 254] → [-1.27, 1.27] */
  static const gint64 xd[4] = { 1, 8, 4, 4 }, wd[4] = { 8, 2, 1, 1 }, od[4] = { 1, 2, 4, 4 };
  G g = { qs_graph_builder_new ("t") };
  Dq dq = { n, { 0 }, { 0 } };
  QsNode *x, *bp, *wfq;
  float w[16];
  guint i;

  for (i = 0; i < n; i++)
    dq.mul[i] = hi[i] / 255.f;
  for (i = 0; i < 16; i++)
    w[i] = 2.f;
  x = fq_dq (&g, "fq", parameter (&g, "x", 4, xd), 4, xd, &dq);
  bp = op_node (&g, "ConvolutionBackpropData", "opset1", "conv", x, 2, 4, xd, 4, od);
  qs_graph_builder_set_attr (g.b, bp, "strides", "1,1");
  qs_graph_builder_set_attr (g.b, bp, "pads_begin", "0,0");
  qs_graph_builder_set_attr (g.b, bp, "pads_end", "0,0");
  qs_graph_builder_set_attr (g.b, bp, "dilations", "1,1");
  wfq = fq4 (&g, NULL, konst (&g, 4, wd, w), 4, wd, 255, 0.f, 254.f, -1.27f, 1.27f);
  port (&g, &bp->inputs[1], 4, wd);
  qs_graph_builder_connect (g.b, wfq, 0, bp, 1, NULL);
  result (&g, bp, 0, 4, od);
  return finish (&g);
}

static void
test_convolution_backprop_data (void)
{
  static const float same[1] = { 5.1f }, different[8] = { 5.1f, 2.55f, 5.1f, 2.55f, 5.1f, 2.55f, 5.1f, 2.55f };

  /* "without zero point (Shape {1,1,1,1})" → int8, weights i8 -125 */
  {
    g_autoptr(QsModel) m = backprop_model (1, same);
    g_autoptr(QsLptResult) r = run (m);
    expect (r, "conv", QS_LPT_PRECISION_INT8, NULL);
    check_exec (m, 1e-4);
  }
  /* "per-channel dequantization with different values" → not transformed
   * (the CPU plugin's per-tensor restriction on input 0) */
  {
    g_autoptr(QsModel) m = backprop_model (8, different);
    g_autoptr(QsLptResult) r = run (m);
    expect (r, "conv", QS_LPT_PRECISION_FP32, NULL);
  }
}

static void
test_fake_quantize_decomposition (void)
{
  static const gint64 xd[4] = { 1, 3, 8, 8 };

  /* fake_quantize_transformation.cpp (decomposition), "U8": FakeQuantize
   * 256 [0, 2.55] → u8 codes, multiply 0.01, no subtract */
  {
    G g = { qs_graph_builder_new ("t") };
    QsNode *x = fq1 (&g, "fq", parameter (&g, "x", 4, xd), 4, xd, 256, 0.f, 2.55f);
    g_autoptr(QsModel) m = NULL;
    g_autoptr(QsLptResult) r = NULL;
    const QsLptDecision *d;

    result (&g, conv (&g, "conv", x, xd), 0, 4, (gint64[]) { 1, 2, 8, 8 });
    m = finish (&g);
    r = run (m);
    expect (r, "fq", QS_LPT_PRECISION_CODES, NULL);
    d = decision (r, "fq");
    g_assert_cmpint (d->output.type, ==, QS_ELEMENT_U8);
    g_assert_cmpfloat_with_epsilon (d->output.scale[0], 0.01, 1e-7);
    g_assert_cmpfloat_with_epsilon (d->output.zero_point[0], 0.0, 1e-6);
  }
  /* fake_quantize_transformation.cpp (not transformed): levels that have
   * no 8-bit form (here 1024) → the FakeQuantize stays */
  {
    G g = { qs_graph_builder_new ("t") };
    QsNode *x = fq1 (&g, "fq", parameter (&g, "x", 4, xd), 4, xd, 1024, 0.f, 2.55f);
    g_autoptr(QsModel) m = NULL;
    g_autoptr(QsLptResult) r = NULL;

    result (&g, conv (&g, "conv", x, xd), 0, 4, (gint64[]) { 1, 2, 8, 8 });
    m = finish (&g);
    r = run (m);
    expect (r, "fq", QS_LPT_PRECISION_FP32, "has no 8-bit form");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qscope/lpt-ov/batch-to-space", test_batch_to_space);
  g_test_add_func ("/qscope/lpt-ov/space-to-batch", test_space_to_batch);
  g_test_add_func ("/qscope/lpt-ov/broadcast", test_broadcast);
  g_test_add_func ("/qscope/lpt-ov/slice", test_slice);
  g_test_add_func ("/qscope/lpt-ov/tile", test_tile);
  g_test_add_func ("/qscope/lpt-ov/reshape", test_reshape);
  g_test_add_func ("/qscope/lpt-ov/transpose", test_transpose);
  g_test_add_func ("/qscope/lpt-ov/strided-slice", test_strided_slice);
  g_test_add_func ("/qscope/lpt-ov/split", test_split);
  g_test_add_func ("/qscope/lpt-ov/depth-to-space", test_depth_to_space);
  g_test_add_func ("/qscope/lpt-ov/shuffle-channels", test_shuffle_channels);
  g_test_add_func ("/qscope/lpt-ov/interpolate", test_interpolate);
  g_test_add_func ("/qscope/lpt-ov/max-pool", test_max_pool);
  g_test_add_func ("/qscope/lpt-ov/relu", test_relu);
  g_test_add_func ("/qscope/lpt-ov/reduce-max-min", test_reduce_max_min);
  g_test_add_func ("/qscope/lpt-ov/clamp", test_clamp);
  g_test_add_func ("/qscope/lpt-ov/prelu", test_prelu);
  g_test_add_func ("/qscope/lpt-ov/mvn", test_mvn);
  g_test_add_func ("/qscope/lpt-ov/convolution", test_convolution);
  g_test_add_func ("/qscope/lpt-ov/move-fake-quantize", test_move_fake_quantize);
  g_test_add_func ("/qscope/lpt-ov/multiply-to-group-convolution", test_multiply_to_group_convolution);
  g_test_add_func ("/qscope/lpt-ov/fold-fake-quantize", test_fold_fake_quantize);
  g_test_add_func ("/qscope/lpt-ov/fold-convert", test_fold_convert);
  g_test_add_func ("/qscope/lpt-ov/recurrent-cell", test_recurrent_cell);
  g_test_add_func ("/qscope/lpt-ov/assign-and-read-value", test_assign_and_read_value);
  g_test_add_func ("/qscope/lpt-ov/squeeze-unsqueeze", test_squeeze_unsqueeze);
  g_test_add_func ("/qscope/lpt-ov/variadic-split", test_variadic_split);
  g_test_add_func ("/qscope/lpt-ov/gather", test_gather);
  g_test_add_func ("/qscope/lpt-ov/pad", test_pad);
  g_test_add_func ("/qscope/lpt-ov/avg-pool", test_avg_pool);
  g_test_add_func ("/qscope/lpt-ov/reduce-mean-sum", test_reduce_mean_sum);
  g_test_add_func ("/qscope/lpt-ov/normalize-l2", test_normalize_l2);
  g_test_add_func ("/qscope/lpt-ov/concat", test_concat);
  g_test_add_func ("/qscope/lpt-ov/multiply-add-subtract", test_multiply_add_subtract);
  g_test_add_func ("/qscope/lpt-ov/fake-quantize-fuse", test_fake_quantize_fuse);
  g_test_add_func ("/qscope/lpt-ov/group-convolution", test_group_convolution);
  g_test_add_func ("/qscope/lpt-ov/mat-mul", test_mat_mul);
  g_test_add_func ("/qscope/lpt-ov/convolution-backprop-data", test_convolution_backprop_data);
  g_test_add_func ("/qscope/lpt-ov/fake-quantize-decomposition", test_fake_quantize_decomposition);
  return g_test_run ();
}
