/* test-exec-fuse.c — fused Dequantize → … → Quantize chains of the int8 plan
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Every case runs one plan twice, fused and unfused (qs_exec_set_fusion),
 * and requires the same codes bit for bit: on generated chains (each link
 * kind, per-tensor and per-channel constants, a border shift, u8, i8 and
 * i32 inputs, shapes that leave a partial last slice, batches, rank 2 and
 * 3) and, with QS_SHARED_MODELS, on the shared INT8 models, comparing
 * every Quantize and Result of the run.  Fusion must also stay out of the
 * way: an observer, a kept link or a failing link turn it off, and the
 * failing layer still reports its own error.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qscope-core.h"
#include "qs-exec.h"
#include "qs-graph-builder.h"
#include "qs-input.h"
#include "qs-shared-models.h"
#include "qs-kernels.h"
#include "qs-stats.h"
#include "qs-exec-fuse-private.h"
#include "qs-test-models.h"

/* ---- generated chains ---- */

typedef enum
{
  LINK_CLAMP, LINK_RELU, LINK_SWISH, LINK_PRELU_CHANNEL, LINK_PRELU_SCALAR, LINK_SIGMOID, LINK_HSWISH,
  LINK_ADD_INPUT, LINK_ADD_CHANNEL, LINK_MULTIPLY_SCALAR, LINK_FQ_CHANNEL, LINK_FQ_TENSOR,
} Link;

typedef struct
{
  const char    *name;
  int            rank;
  gint64         dims[4];
  QsElementType  in_type;       /* u8, i8 or i32 codes */
  gboolean       per_channel;   /* scale, zero point and Quantize ranges per channel */
  gboolean       border;        /* a [1,C,H,W] shift */
  QsElementType  out_type;      /* u8 or i8 */
  guint          n_links;
  Link           links[3];
  gboolean       op_slices;     /* runs each link's op on slices, not the one row loop */
} Case;

static void
port (QsGraphBuilder *b,
      QsPort         *p,
      QsElementType   type,
      int             rank,
      const gint64   *dims)
{
  qs_graph_builder_set_port (b, p, type, rank, dims);
}

/* A Const of @rank dims[] (the channel axis @c, the rest 1 unless @full)
 * filled from [lo, hi). */
static QsNode *
const_f32 (QsGraphBuilder *b,
           QsNode         *to,
           guint           in,
           int             rank,
           const gint64   *dims,
           float           lo,
           float           hi)
{
  gsize n = qs_test_n_elements (rank, dims), i;
  g_autofree float *v = g_new (float, MAX (n, 1));

  for (i = 0; i < n; i++)
    v[i] = qs_test_rnd (lo, hi);
  return qs_test_const_to (b, to, in, QS_ELEMENT_F32, rank, dims, v);
}

/* The chain's end: a qscope Quantize of @from's f32 output (@rank dims[])
 * to @type codes, its ranges Consts of @kr kdims[] drawn from [lo0, lo1)
 * and [hi0, hi1), and the Result of the codes. */
static void
quantize_result (QsGraphBuilder *b,
                 QsNode         *from,
                 const char     *levels,
                 QsElementType   type,
                 int             rank,
                 const gint64   *dims,
                 int             kr,
                 const gint64   *kdims,
                 float           lo0,
                 float           lo1,
                 float           hi0,
                 float           hi1)
{
  QsNode *q, *res;

  q = qs_graph_builder_add_node (b, "Quantize", "qscope", "q", 3, 1);
  qs_graph_builder_set_attr (b, q, "levels", levels);
  qs_graph_builder_set_attr (b, q, "qmin", type == QS_ELEMENT_U8 ? "0" : "-128");
  qs_graph_builder_set_attr (b, q, "destination_type", type == QS_ELEMENT_U8 ? "u8" : "i8");
  port (b, &q->inputs[0], QS_ELEMENT_F32, rank, dims);
  port (b, &q->outputs[0], type, rank, dims);
  qs_test_wire (b, from, 0, q, 0);
  const_f32 (b, q, 1, kr, kdims, lo0, lo1);
  const_f32 (b, q, 2, kr, kdims, hi0, hi1);
  res = qs_graph_builder_add_node (b, "Result", "opset1", "y", 1, 0);
  port (b, &res->inputs[0], type, rank, dims);
  qs_test_wire (b, q, 0, res, 0);
}

static QsNode *
const_i32 (QsGraphBuilder *b,
           QsNode         *to,
           guint           in,
           int             rank,
           const gint64   *dims,
           gint32          lo,
           gint32          hi)
{
  gsize n = qs_test_n_elements (rank, dims), i;
  g_autofree gint32 *v = g_new (gint32, MAX (n, 1));

  for (i = 0; i < n; i++)
    v[i] = lo + (gint32) (qs_test_rng () % (guint64) (hi - lo + 1));
  return qs_test_const_to (b, to, in, QS_ELEMENT_I32, rank, dims, v);
}

/* Parameter x (codes) [→ second Parameter r] → Dequantize → links →
 * Quantize → Result "y". */
static QsModel *
chain_model (const Case *c)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("fuse");
  g_autoptr(GError) error = NULL;
  const gint64 *dims = c->dims;
  int rank = c->rank;
  gint64 kdims[4] = { 1, 1, 1, 1 };
  gint64 one[1] = { 1 };
  gint64 chan[1] = { c->dims[1] };
  QsNode *x, *deq, *prev;
  int kr = c->per_channel ? rank : 0;
  guint i;
  QsModel *model;

  if (c->per_channel)
    kdims[1] = dims[1];
  x = qs_graph_builder_add_node (b, "Parameter", "opset1", "x", 0, 1);
  port (b, &x->outputs[0], c->in_type, rank, dims);

  deq = qs_graph_builder_add_node (b, "Dequantize", "qscope", "deq", c->border ? 4 : 3, 1);
  port (b, &deq->inputs[0], c->in_type, rank, dims);
  port (b, &deq->outputs[0], QS_ELEMENT_F32, rank, dims);
  qs_test_wire (b, x, 0, deq, 0);
  const_f32 (b, deq, 1, kr, kdims, c->in_type == QS_ELEMENT_I32 ? 1e-4f : 0.01f, c->in_type == QS_ELEMENT_I32 ? 3e-4f : 0.05f);
  if (c->in_type == QS_ELEMENT_I32)
    const_i32 (b, deq, 2, kr, kdims, -3000, 3000);
  else
    const_f32 (b, deq, 2, kr, kdims, c->in_type == QS_ELEMENT_U8 ? 100.0f : -20.0f,
               c->in_type == QS_ELEMENT_U8 ? 150.0f : 20.0f);
  if (c->border)
    {
      gint64 bd[4] = { 1, dims[1], dims[2], dims[3] };

      g_assert_cmpint (rank, ==, 4);
      const_f32 (b, deq, 3, 4, bd, -0.5f, 0.5f);
    }

  prev = deq;
  for (i = 0; i < c->n_links; i++)
    {
      char name[16];
      QsNode *l = NULL;

      g_snprintf (name, sizeof name, "link%u", i);
      switch (c->links[i])
        {
        case LINK_CLAMP:
          l = qs_graph_builder_add_node (b, "Clamp", "opset1", name, 1, 1);
          qs_graph_builder_set_attr (b, l, "min", "-0.75");
          qs_graph_builder_set_attr (b, l, "max", "1.5");
          break;
        case LINK_RELU:
          l = qs_graph_builder_add_node (b, "ReLU", "opset1", name, 1, 1);
          break;
        case LINK_SWISH:
          l = qs_graph_builder_add_node (b, "Swish", "opset4", name, 2, 1);
          const_f32 (b, l, 1, 0, one, 0.8f, 1.2f);
          break;
        case LINK_PRELU_CHANNEL:
          l = qs_graph_builder_add_node (b, "PReLU", "opset1", name, 2, 1);
          const_f32 (b, l, 1, 1, chan, 0.05f, 0.3f);
          break;
        case LINK_PRELU_SCALAR:
          l = qs_graph_builder_add_node (b, "PReLU", "opset1", name, 2, 1);
          const_f32 (b, l, 1, 1, one, 0.05f, 0.3f);
          break;
        case LINK_SIGMOID:
          l = qs_graph_builder_add_node (b, "Sigmoid", "opset1", name, 1, 1);
          break;
        case LINK_HSWISH:
          l = qs_graph_builder_add_node (b, "HSwish", "opset4", name, 1, 1);
          break;
        case LINK_ADD_INPUT:
          {
            /* the residual of a block: a second input, as input 0 */
            QsNode *r = qs_graph_builder_add_node (b, "Parameter", "opset1", "r", 0, 1);

            l = qs_graph_builder_add_node (b, "Add", "opset1", name, 2, 1);
            port (b, &r->outputs[0], QS_ELEMENT_F32, rank, dims);
            port (b, &l->inputs[0], QS_ELEMENT_F32, rank, dims);
            qs_test_wire (b, r, 0, l, 0);
            port (b, &l->inputs[1], QS_ELEMENT_F32, rank, dims);
            port (b, &l->outputs[0], QS_ELEMENT_F32, rank, dims);
            qs_test_wire (b, prev, 0, l, 1);
            prev = l;
            continue;
          }
        case LINK_ADD_CHANNEL:
          {
            gint64 cd[4] = { 1, dims[1], 1, 1 };

            l = qs_graph_builder_add_node (b, "Add", "opset1", name, 2, 1);
            const_f32 (b, l, 1, rank, cd, -0.2f, 0.2f);
            break;
          }
        case LINK_FQ_CHANNEL:
        case LINK_FQ_TENSOR:
          {
            /* a float FakeQuantize kept in the int8 plan (pdr0013's blocks) */
            gint64 cd[4] = { 1, dims[1], 1, 1 };
            int fr = c->links[i] == LINK_FQ_CHANNEL ? rank : 0;

            l = qs_graph_builder_add_node (b, "FakeQuantize", "opset1", name, 5, 1);
            qs_graph_builder_set_attr (b, l, "levels", "256");
            const_f32 (b, l, 1, fr, cd, -1.2f, -0.6f);
            const_f32 (b, l, 2, fr, cd, 0.6f, 1.2f);
            const_f32 (b, l, 3, fr, cd, -1.2f, -0.6f);
            const_f32 (b, l, 4, fr, cd, 0.6f, 1.2f);
            break;
          }
        case LINK_MULTIPLY_SCALAR:
          l = qs_graph_builder_add_node (b, "Multiply", "opset1", name, 2, 1);
          const_f32 (b, l, 1, 0, one, 0.9f, 1.1f);
          break;
        default:
          g_assert_not_reached ();
        }
      port (b, &l->inputs[0], QS_ELEMENT_F32, rank, dims);
      port (b, &l->outputs[0], QS_ELEMENT_F32, rank, dims);
      qs_test_wire (b, prev, 0, l, 0);
      prev = l;
    }

  quantize_result (b, prev, "256", c->out_type, rank, dims, kr, kdims, -1.0f, -0.5f, 0.8f, 1.6f);
  model = qs_graph_builder_finish (b, &error);
  g_assert_no_error (error);
  return model;
}

/* Codes over the whole range, with runs of the two ends (saturation). */
static QsTensor *
random_codes (const Case *c)
{
  QsTensor *t = qs_tensor_new (c->in_type, c->rank, c->dims);
  gsize i;

  for (i = 0; i < t->n_elements; i++)
    {
      guint64 r = qs_test_rng ();

      switch (c->in_type)
        {
        case QS_ELEMENT_U8: ((guint8 *) t->data)[i] = (guint8) r; break;
        case QS_ELEMENT_I8: ((gint8 *) t->data)[i] = (gint8) r; break;
        default: ((gint32 *) t->data)[i] = (gint32) ((r >> 32) % 20001) - 10000; break;
        }
    }
  return t;
}

/* Runs @exec once with fusion @fuse; returns output 0 and the chains fused. */
static QsTensor *
run_once (QsExec          *exec,
          QsTensor *const *inputs,
          gboolean         fuse,
          guint           *n_fused,
          GError         **error)
{
  g_autoptr(QsRun) run = NULL;
  QsTensor *y;

  qs_exec_set_fusion (exec, fuse);
  run = qs_run_new (exec, inputs, error);
  if (run == NULL)
    return NULL;
  while (!qs_run_is_done (run))
    if (!qs_run_step (run, NULL, error))
      return NULL;
  *n_fused = qs_run_get_n_fused (run);
  y = qs_run_get_output (run, qs_exec_get_model (exec)->graph->results[0], 0);
  return y != NULL ? qs_tensor_ref (y) : NULL;
}

static void
assert_same_codes (const QsTensor *a,
                   const QsTensor *b,
                   const char     *what)
{
  gsize size;

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpint (a->type, ==, b->type);
  g_assert_true (qs_tensor_same_shape (a, b));
  size = a->n_elements * qs_tensor_type_size (a->type);
  if (memcmp (a->data, b->data, size) != 0)
    {
      gsize i;

      for (i = 0; i < a->n_elements; i++)
        if (qs_tensor_get_i64 (a, i) != qs_tensor_get_i64 (b, i))
          {
            g_test_message ("%s: element %" G_GSIZE_FORMAT ": fused %" G_GINT64_FORMAT ", unfused %" G_GINT64_FORMAT,
                            what, i, qs_tensor_get_i64 (a, i), qs_tensor_get_i64 (b, i));
            break;
          }
      g_assert_not_reached ();
    }
}

static const Case cases[] = {
  /* slices are whole channels of one batch item, about 64 Ki elements:
   * 2 × 3 channels of 64 × 80, a slice per item */
  { "u8-clamp-channel-border", 4, { 2, 3, 64, 80 }, QS_ELEMENT_U8, TRUE, TRUE, QS_ELEMENT_U8, 1, { LINK_CLAMP } },
  /* planes over 64 Ki elements: one channel a slice */
  { "i32-clamp", 4, { 1, 3, 300, 300 }, QS_ELEMENT_I32, TRUE, FALSE, QS_ELEMENT_U8, 1, { LINK_CLAMP } },
  /* 37 channels of 40 × 46: two slices, 19 channels and a partial 18 */
  { "i32-swish-partial", 4, { 1, 37, 40, 46 }, QS_ELEMENT_I32, TRUE, TRUE, QS_ELEMENT_U8, 1, { LINK_SWISH } },
  { "i32-prelu-channel", 4, { 2, 1500, 7, 7 }, QS_ELEMENT_I32, TRUE, FALSE, QS_ELEMENT_U8, 1, { LINK_PRELU_CHANNEL } },
  { "u8-prelu-scalar", 4, { 1, 16, 33, 17 }, QS_ELEMENT_U8, FALSE, FALSE, QS_ELEMENT_I8, 1, { LINK_PRELU_SCALAR } },
  { "i8-no-link", 4, { 1, 9, 31, 31 }, QS_ELEMENT_I8, TRUE, FALSE, QS_ELEMENT_I8, 0, { 0 } },
  { "i32-add-input-relu", 4, { 2, 24, 20, 20 }, QS_ELEMENT_I32, TRUE, FALSE, QS_ELEMENT_U8, 2,
    { LINK_ADD_INPUT, LINK_RELU } },
  { "u8-add-channel-prelu", 4, { 1, 64, 12, 12 }, QS_ELEMENT_U8, TRUE, FALSE, QS_ELEMENT_U8, 2,
    { LINK_ADD_CHANNEL, LINK_PRELU_CHANNEL } },
  /* HSwish has no row loop */
  { "i32-sigmoid-multiply-hswish", 4, { 1, 12, 40, 40 }, QS_ELEMENT_I32, FALSE, TRUE, QS_ELEMENT_U8, 3,
    { LINK_SIGMOID, LINK_MULTIPLY_SCALAR, LINK_HSWISH }, TRUE },
  /* rank 2 (a MatMul's [M, N]: rows of one value, the ops' slices) and rank 3 */
  { "i32-rank2-clamp", 2, { 300, 77 }, QS_ELEMENT_I32, TRUE, FALSE, QS_ELEMENT_U8, 1, { LINK_CLAMP }, TRUE },
  { "u8-rank3-prelu", 3, { 3, 50, 300 }, QS_ELEMENT_U8, TRUE, FALSE, QS_ELEMENT_U8, 1, { LINK_PRELU_CHANNEL } },
  /* pdr0013's residual block: Dequantize → FakeQuantize → Add → PReLU → Quantize */
  { "i32-fq-add-input-prelu", 4, { 2, 24, 20, 20 }, QS_ELEMENT_I32, TRUE, FALSE, QS_ELEMENT_U8, 3,
    { LINK_FQ_CHANNEL, LINK_ADD_INPUT, LINK_PRELU_CHANNEL } },
  { "u8-fq-tensor-clamp", 4, { 1, 5, 150, 150 }, QS_ELEMENT_U8, FALSE, TRUE, QS_ELEMENT_I8, 2,
    { LINK_FQ_TENSOR, LINK_CLAMP } },
  /* 16 channels of 128 × 128: four slices of four */
  { "i32-add-channel-swish", 4, { 1, 16, 128, 128 }, QS_ELEMENT_I32, TRUE, TRUE, QS_ELEMENT_U8, 2,
    { LINK_ADD_CHANNEL, LINK_SWISH } },
};

static void
test_generated (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(QsModel) model = NULL;
  g_autoptr(QsExec) exec = NULL;
  g_autoptr(QsTensor) x = NULL;
  g_autoptr(QsTensor) r = NULL;
  g_autoptr(QsTensor) fused = NULL;
  g_autoptr(QsTensor) unfused = NULL;
  g_autoptr(GError) error = NULL;
  QsTensor *inputs[2];
  guint n_fused = 99, n_unfused = 99, n_rows, i;

  qs_test_rng_seed (g_str_hash (c->name));
  model = chain_model (c);
  exec = qs_exec_new (model, QS_EXEC_MODE_INT8, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qs_exec_get_n_fusable (exec), ==, 1);
  x = random_codes (c);
  for (i = 0; i < model->graph->n_parameters; i++)
    if (g_str_equal (model->graph->parameters[i]->name, "x"))
      inputs[i] = x;
    else
      {
        r = qs_input_random (c->rank, c->dims, 5, FALSE, 0, 0);
        inputs[i] = r;
      }

  n_rows = _qs_fuse_get_n_row_loops ();
  fused = run_once (exec, inputs, TRUE, &n_fused, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (_qs_fuse_get_n_row_loops () - n_rows, ==, c->op_slices ? 0 : 1);
  unfused = run_once (exec, inputs, FALSE, &n_unfused, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_fused, ==, 1);
  g_assert_cmpuint (n_unfused, ==, 0);
  assert_same_codes (fused, unfused, c->name);
}

/* ---- when fusion stays away ---- */

typedef struct
{
  guint calls;
  guint with_output;
} Seen;

static void
count_layers (const QsNode    *node,
              QsTensor *const *inputs,
              guint            n_inputs,
              QsTensor *const *outputs,
              guint            n_outputs,
              gpointer         user_data)
{
  Seen *s = user_data;

  s->calls++;
  if (n_outputs > 0 && outputs[0] != NULL)
    s->with_output++;
}

/* An observer sees every layer with its own output: nothing fuses. */
static void
test_observed (void)
{
  const Case *c = &cases[6];
  g_autoptr(QsModel) model = NULL;
  g_autoptr(QsExec) exec = NULL;
  g_autoptr(QsRun) run = NULL;
  g_autoptr(QsTensor) x = NULL;
  g_autoptr(QsTensor) r = NULL;
  g_autoptr(GError) error = NULL;
  QsTensor *inputs[2];
  Seen seen = { 0 };
  guint i;

  qs_test_rng_seed (7);
  model = chain_model (c);
  exec = qs_exec_new (model, QS_EXEC_MODE_INT8, &error);
  g_assert_no_error (error);
  x = random_codes (c);
  r = qs_input_random (c->rank, c->dims, 5, FALSE, 0, 0);
  for (i = 0; i < model->graph->n_parameters; i++)
    inputs[i] = g_str_equal (model->graph->parameters[i]->name, "x") ? x : r;
  qs_exec_set_fusion (exec, TRUE);
  qs_exec_set_observer (exec, count_layers, &seen);
  run = qs_run_new (exec, inputs, &error);
  g_assert_no_error (error);
  while (!qs_run_is_done (run))
    {
      g_assert_true (qs_run_step (run, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (qs_run_get_n_fused (run), ==, 0);
  g_assert_cmpuint (seen.calls, ==, model->graph->n_nodes);
  g_assert_cmpuint (seen.with_output, ==, model->graph->n_nodes);
}

/* A kept link is wanted whole: nothing fuses, and it has its value. */
static void
test_kept (void)
{
  const Case *c = &cases[0];
  g_autoptr(QsModel) model = NULL;
  g_autoptr(QsExec) exec = NULL;
  g_autoptr(QsRun) run = NULL;
  g_autoptr(QsTensor) x = NULL;
  g_autoptr(GError) error = NULL;
  const QsNode *link = NULL;
  guint i;

  qs_test_rng_seed (8);
  model = chain_model (c);
  for (i = 0; i < model->graph->n_nodes; i++)
    if (g_str_equal (model->graph->nodes[i]->name, "link0"))
      link = model->graph->nodes[i];
  g_assert_nonnull (link);
  exec = qs_exec_new (model, QS_EXEC_MODE_INT8, &error);
  g_assert_no_error (error);
  qs_exec_keep (exec, link);
  x = random_codes (c);
  run = qs_run_new (exec, &x, &error);
  g_assert_no_error (error);
  while (!qs_run_is_done (run))
    g_assert_true (qs_run_step (run, NULL, &error));
  g_assert_cmpuint (qs_run_get_n_fused (run), ==, 0);
  g_assert_nonnull (qs_run_get_output (run, link, 0));
}

/* A link that fails on a slice drops the fusion; the failing layer then
 * reports the same error as in an unfused run. */
static void
test_failing_link (void)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("bad");
  g_autoptr(QsModel) model = NULL;
  g_autoptr(QsExec) exec = NULL;
  g_autoptr(QsTensor) x = NULL;
  g_autoptr(GError) e_fused = NULL;
  g_autoptr(GError) e_unfused = NULL;
  gint64 dims[4] = { 1, 4, 8, 8 };
  QsNode *p, *deq;
  QsTensor *y;
  guint n = 0;

  p = qs_graph_builder_add_node (b, "Parameter", "opset1", "x", 0, 1);
  port (b, &p->outputs[0], QS_ELEMENT_U8, 4, dims);
  deq = qs_graph_builder_add_node (b, "Dequantize", "qscope", "deq", 3, 1);
  port (b, &deq->inputs[0], QS_ELEMENT_U8, 4, dims);
  port (b, &deq->outputs[0], QS_ELEMENT_F32, 4, dims);
  qs_test_wire (b, p, 0, deq, 0);
  const_f32 (b, deq, 1, 0, dims, 0.1f, 0.1f);
  const_f32 (b, deq, 2, 0, dims, 128, 128);
  /* levels 1: not a quantizer */
  quantize_result (b, deq, "1", QS_ELEMENT_U8, 4, dims, 0, dims, -1, -1, 1, 1);
  model = qs_graph_builder_finish (b, &e_fused);
  g_assert_no_error (e_fused);

  exec = qs_exec_new (model, QS_EXEC_MODE_INT8, &e_fused);
  g_assert_no_error (e_fused);
  g_assert_cmpuint (qs_exec_get_n_fusable (exec), ==, 1);
  x = qs_tensor_new (QS_ELEMENT_U8, 4, dims);
  memset (x->data, 7, x->n_elements);
  y = run_once (exec, &x, TRUE, &n, &e_fused);
  g_assert_null (y);
  g_assert_nonnull (e_fused);
  y = run_once (exec, &x, FALSE, &n, &e_unfused);
  g_assert_null (y);
  g_assert_nonnull (e_unfused);
  g_assert_cmpstr (e_fused->message, ==, e_unfused->message);
  g_assert_nonnull (strstr (e_fused->message, "levels"));
}

/* Statistics in cache: an observed run whose summary function takes every
 * link fuses, and each link's summary, added slice by slice, has the
 * integer figures of the whole tensor's and its sums within tolerance. */
typedef struct
{
  QsSummary sums[64];
  gboolean  has[64];
  guint     n_null;      /* outputs the observer saw as NULL */
  gboolean  by_range;    /* bins over each output's own range, as the analysis' first sample */
  double    range[64][2];
  guint     n_asked_range;
} Summaries;

static QsSummary *
summary_of (Summaries      *s,
            const QsNode   *node,
            const double   *range)
{
  QsBinning bins = { -2.0f, 2.0f };
  QsFqRange fq = { -1.0f, 1.0f, 256 };

  g_assert_cmpuint (node->index, <, G_N_ELEMENTS (s->sums));
  if (!s->has[node->index])
    {
      if (s->by_range)
        {
          g_assert_nonnull (range);
          s->range[node->index][0] = range[0];
          s->range[node->index][1] = range[1];
          bins.lo = (float) range[0];
          bins.hi = (float) range[1];
        }
      qs_summary_init (&s->sums[node->index], &bins, &fq);
      s->has[node->index] = TRUE;
    }
  return &s->sums[node->index];
}

static QsSummary *
give_summary (const QsNode   *node,
              guint           port,
              const QsTensor *like,
              const double   *range,
              gpointer        user_data)
{
  Summaries *s = user_data;

  g_assert_null (like->data);
  g_assert_cmpint (like->type, ==, QS_ELEMENT_F32);
  if (s->by_range && range == NULL)
    {
      s->n_asked_range++;
      return NULL;     /* wants to see the range first */
    }
  return summary_of (s, node, range);
}

static void
summarise_layers (const QsNode    *node,
                  QsTensor *const *inputs,
                  guint            n_inputs,
                  QsTensor *const *outputs,
                  guint            n_outputs,
                  gpointer         user_data)
{
  Summaries *s = user_data;

  if (n_outputs == 0 || qs_node_is_type (node, "Const") || qs_node_is_type (node, "Result"))
    return;
  if (outputs[0] == NULL)
    {
      s->n_null++;
      return;
    }
  if (s->by_range && !s->has[node->index])
    {
      double r[2] = { INFINITY, -INFINITY };

      qs_tensor_min_max (outputs[0], &r[0], &r[1]);
      summary_of (s, node, r);
    }
  qs_summary_add_tensor (summary_of (s, node, NULL), outputs[0]);
}

static void
run_summarised (QsExec          *exec,
                QsTensor *const *inputs,
                gboolean         fuse,
                Summaries       *s,
                guint           *n_fused)
{
  g_autoptr(QsRun) run = NULL;
  g_autoptr(GError) error = NULL;

  qs_exec_set_fusion (exec, fuse);
  qs_exec_set_observer (exec, summarise_layers, s);
  qs_exec_set_summary_func (exec, give_summary, s);
  run = qs_run_new (exec, inputs, &error);
  g_assert_no_error (error);
  while (!qs_run_is_done (run))
    {
      g_assert_true (qs_run_step (run, NULL, &error));
      g_assert_no_error (error);
    }
  *n_fused = qs_run_get_n_fused (run);
  qs_exec_set_observer (exec, NULL, NULL);
  qs_exec_set_summary_func (exec, NULL, NULL);
}

static void
test_observed_summaries (gconstpointer data)
{
  static const guint which[] = { 0, 2, 3, 8 };
  gboolean by_range = GPOINTER_TO_INT (data);
  guint w;

  for (w = 0; w < G_N_ELEMENTS (which); w++)
    {
      const Case *c = &cases[which[w]];
      g_autoptr(QsModel) model = NULL;
      g_autoptr(QsExec) exec = NULL;
      g_autoptr(QsTensor) x = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree Summaries *a = g_new0 (Summaries, 1);
      g_autofree Summaries *b = g_new0 (Summaries, 1);
      guint n_a = 0, n_b = 0, i, n_links = 0;

      qs_test_rng_seed (g_str_hash (c->name) + 1);
      model = chain_model (c);
      g_assert_cmpuint (model->graph->n_parameters, ==, 1);
      exec = qs_exec_new (model, QS_EXEC_MODE_INT8, &error);
      g_assert_no_error (error);
      x = random_codes (c);
      a->by_range = b->by_range = by_range;
      run_summarised (exec, &x, TRUE, a, &n_a);
      run_summarised (exec, &x, FALSE, b, &n_b);
      g_assert_cmpuint (n_a, ==, 1);
      g_assert_cmpuint (n_b, ==, 0);
      g_assert_cmpuint (a->n_null, ==, c->n_links + 1);
      g_assert_cmpuint (b->n_null, ==, 0);
      for (i = 0; i < G_N_ELEMENTS (a->sums); i++)
        {
          const QsSummary *sa = &a->sums[i], *sb = &b->sums[i];
          double m, std_a, std_b;

          g_assert_cmpint (a->has[i], ==, b->has[i]);
          if (!a->has[i])
            continue;
          if (by_range)
            {
              /* the range pass found the extremes of the whole tensor */
              g_assert_cmpfloat (a->range[i][0], ==, b->range[i][0]);
              g_assert_cmpfloat (a->range[i][1], ==, b->range[i][1]);
            }
          n_links++;
          g_assert_cmpuint (sa->n, ==, sb->n);
          g_assert_cmpuint (sa->n_nan, ==, sb->n_nan);
          g_assert_cmpuint (sa->n_inf, ==, sb->n_inf);
          g_assert_cmpfloat (sa->min, ==, sb->min);
          g_assert_cmpfloat (sa->max, ==, sb->max);
          g_assert_cmpuint (sa->below, ==, sb->below);
          g_assert_cmpuint (sa->above, ==, sb->above);
          g_assert_cmpmem (sa->histogram, sizeof sa->histogram, sb->histogram, sizeof sb->histogram);
          g_assert_cmpuint (sa->clipped_low, ==, sb->clipped_low);
          g_assert_cmpuint (sa->clipped_high, ==, sb->clipped_high);
          g_assert_cmpuint (qs_summary_levels_used (sa), ==, qs_summary_levels_used (sb));
          m = MAX (fabs (sb->min), fabs (sb->max));
          std_a = qs_summary_std (sa);
          std_b = qs_summary_std (sb);
          g_assert_cmpfloat (fabs (sa->mean - sb->mean), <=, QS_STATS_MEAN_RTOL * std_b + QS_STATS_ROUND_RTOL * m);
          g_assert_cmpfloat (fabs (std_a - std_b), <=, QS_STATS_STD_RTOL * std_b + QS_STATS_ROUND_RTOL * m);
          qs_summary_clear (&a->sums[i]);
          qs_summary_clear (&b->sums[i]);
        }
      /* the links, the Quantize and the Parameter */
      g_assert_cmpuint (n_links, ==, c->n_links + 3);
      g_assert_cmpuint (a->n_asked_range, ==, by_range ? c->n_links + 1 : 0);
    }
}

/* The slices of a chain go over the thread pool: at 1, 2 and 3 threads
 * the codes are those of the unfused run, and every link's summary (and
 * the range pass of a first sample) is the same bit for bit, since the
 * slices do not depend on the thread count and merge in slice order. */
static void
assert_same_summary (const QsSummary *a,
                     const QsSummary *b)
{
  g_assert_cmpuint (a->n, ==, b->n);
  g_assert_cmpuint (a->n_nan, ==, b->n_nan);
  g_assert_cmpuint (a->n_inf, ==, b->n_inf);
  g_assert_cmpmem (&a->min, sizeof a->min, &b->min, sizeof b->min);
  g_assert_cmpmem (&a->max, sizeof a->max, &b->max, sizeof b->max);
  g_assert_cmpmem (&a->mean, sizeof a->mean, &b->mean, sizeof b->mean);
  g_assert_cmpmem (&a->m2, sizeof a->m2, &b->m2, sizeof b->m2);
  g_assert_cmpuint (a->below, ==, b->below);
  g_assert_cmpuint (a->above, ==, b->above);
  g_assert_cmpmem (a->histogram, sizeof a->histogram, b->histogram, sizeof b->histogram);
  g_assert_cmpuint (a->clipped_low, ==, b->clipped_low);
  g_assert_cmpuint (a->clipped_high, ==, b->clipped_high);
  g_assert_cmpuint (qs_summary_levels_used (a), ==, qs_summary_levels_used (b));
}

static void
test_threads (void)
{
  /* several slices each: 3 planes, 4 slices over 2 items, 19 + 18 channels, 3 planes, 4 × 4 channels */
  static const guint which[] = { 1, 2, 3, 8, 12, 13 };
  guint w;

  for (w = 0; w < G_N_ELEMENTS (which); w++)
    {
      const Case *c = &cases[which[w]];
      g_autoptr(QsModel) model = NULL;
      g_autoptr(QsExec) exec = NULL;
      g_autoptr(QsTensor) x = NULL;
      g_autoptr(QsTensor) r = NULL;
      g_autoptr(QsTensor) unfused = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree Summaries *first[2] = { NULL, NULL };
      QsTensor *inputs[2];
      guint n_fused = 0, t, i, by_range;

      qs_test_rng_seed (g_str_hash (c->name) + 2);
      model = chain_model (c);
      exec = qs_exec_new (model, QS_EXEC_MODE_INT8, &error);
      g_assert_no_error (error);
      x = random_codes (c);
      for (i = 0; i < model->graph->n_parameters; i++)
        if (g_str_equal (model->graph->parameters[i]->name, "x"))
          inputs[i] = x;
        else
          {
            r = qs_input_random (c->rank, c->dims, 5, FALSE, 0, 0);
            inputs[i] = r;
          }
      qs_parallel_set_threads (1);
      unfused = run_once (exec, inputs, FALSE, &n_fused, &error);
      g_assert_no_error (error);
      for (t = 1; t <= 3; t++)
        {
          g_autoptr(QsTensor) fused = NULL;

          qs_parallel_set_threads (t);
          fused = run_once (exec, inputs, TRUE, &n_fused, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (n_fused, ==, 1);
          assert_same_codes (fused, unfused, c->name);
          for (by_range = 0; by_range < 2; by_range++)
            {
              g_autofree Summaries *s = g_new0 (Summaries, 1);

              s->by_range = by_range;
              run_summarised (exec, inputs, TRUE, s, &n_fused);
              g_assert_cmpuint (n_fused, ==, 1);
              if (t == 1)
                {
                  first[by_range] = g_steal_pointer (&s);
                  continue;
                }
              for (i = 0; i < G_N_ELEMENTS (s->sums); i++)
                {
                  g_assert_cmpint (s->has[i], ==, first[by_range]->has[i]);
                  if (!s->has[i])
                    continue;
                  if (by_range)
                    g_assert_cmpmem (s->range[i], sizeof s->range[i],
                                     first[by_range]->range[i], sizeof s->range[i]);
                  assert_same_summary (&s->sums[i], &first[by_range]->sums[i]);
                  qs_summary_clear (&s->sums[i]);
                }
            }
        }
      for (by_range = 0; by_range < 2; by_range++)
        for (i = 0; i < G_N_ELEMENTS (first[by_range]->sums); i++)
          if (first[by_range]->has[i])
            qs_summary_clear (&first[by_range]->sums[i]);
    }
  qs_parallel_set_threads (0);
}

/* pdr0013's residual block: codes → Dequantize → Add input 0, and a
 * convolution's accumulators → Dequantize → FakeQuantize → Add input 1
 * → PReLU → Quantize.  Both branches would make a chain through the Add;
 * only the longer one (through the FakeQuantize) may fuse, and the codes
 * are those of the unfused run. */
static void
test_meeting_chains (void)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("meet");
  g_autoptr(QsModel) model = NULL;
  g_autoptr(QsExec) exec = NULL;
  g_autoptr(QsTensor) x0 = NULL;
  g_autoptr(QsTensor) x1 = NULL;
  g_autoptr(QsTensor) fused = NULL;
  g_autoptr(QsTensor) unfused = NULL;
  g_autoptr(GError) error = NULL;
  gint64 dims[4] = { 1, 8, 40, 40 };
  gint64 cd[4] = { 1, 8, 1, 1 };
  gint64 chan[1] = { 8 };
  Case c0 = { "codes", 4, { 1, 8, 40, 40 }, QS_ELEMENT_U8, TRUE, FALSE, QS_ELEMENT_U8, 0, { 0 } };
  Case c1 = { "acc", 4, { 1, 8, 40, 40 }, QS_ELEMENT_I32, TRUE, FALSE, QS_ELEMENT_U8, 0, { 0 } };
  QsNode *p0, *p1, *d0, *d1, *fq, *add, *prelu;
  QsTensor *inputs[2];
  guint n_fused = 0, n_unfused = 0, i;

  qs_test_rng_seed (11);
  p0 = qs_graph_builder_add_node (b, "Parameter", "opset1", "x0", 0, 1);
  port (b, &p0->outputs[0], QS_ELEMENT_U8, 4, dims);
  p1 = qs_graph_builder_add_node (b, "Parameter", "opset1", "x1", 0, 1);
  port (b, &p1->outputs[0], QS_ELEMENT_I32, 4, dims);
  d0 = qs_graph_builder_add_node (b, "Dequantize", "qscope", "d0", 3, 1);
  port (b, &d0->inputs[0], QS_ELEMENT_U8, 4, dims);
  port (b, &d0->outputs[0], QS_ELEMENT_F32, 4, dims);
  qs_test_wire (b, p0, 0, d0, 0);
  const_f32 (b, d0, 1, 4, cd, 0.01f, 0.05f);
  const_f32 (b, d0, 2, 4, cd, 100.0f, 150.0f);
  d1 = qs_graph_builder_add_node (b, "Dequantize", "qscope", "d1", 3, 1);
  port (b, &d1->inputs[0], QS_ELEMENT_I32, 4, dims);
  port (b, &d1->outputs[0], QS_ELEMENT_F32, 4, dims);
  qs_test_wire (b, p1, 0, d1, 0);
  const_f32 (b, d1, 1, 4, cd, 1e-4f, 3e-4f);
  const_i32 (b, d1, 2, 4, cd, -3000, 3000);
  fq = qs_graph_builder_add_node (b, "FakeQuantize", "opset1", "fq", 5, 1);
  qs_graph_builder_set_attr (b, fq, "levels", "256");
  port (b, &fq->inputs[0], QS_ELEMENT_F32, 4, dims);
  port (b, &fq->outputs[0], QS_ELEMENT_F32, 4, dims);
  qs_test_wire (b, d1, 0, fq, 0);
  const_f32 (b, fq, 1, 0, cd, -1.0f, -1.0f);
  const_f32 (b, fq, 2, 0, cd, 1.0f, 1.0f);
  const_f32 (b, fq, 3, 0, cd, -1.0f, -1.0f);
  const_f32 (b, fq, 4, 0, cd, 1.0f, 1.0f);
  add = qs_graph_builder_add_node (b, "Add", "opset1", "add", 2, 1);
  port (b, &add->inputs[0], QS_ELEMENT_F32, 4, dims);
  port (b, &add->inputs[1], QS_ELEMENT_F32, 4, dims);
  port (b, &add->outputs[0], QS_ELEMENT_F32, 4, dims);
  qs_test_wire (b, d0, 0, add, 0);
  qs_test_wire (b, fq, 0, add, 1);
  prelu = qs_graph_builder_add_node (b, "PReLU", "opset1", "prelu", 2, 1);
  port (b, &prelu->inputs[0], QS_ELEMENT_F32, 4, dims);
  port (b, &prelu->outputs[0], QS_ELEMENT_F32, 4, dims);
  qs_test_wire (b, add, 0, prelu, 0);
  const_f32 (b, prelu, 1, 1, chan, 0.05f, 0.3f);
  quantize_result (b, prelu, "256", QS_ELEMENT_U8, 4, dims, 0, cd, -1.5f, -1.5f, 2.0f, 2.0f);
  model = qs_graph_builder_finish (b, &error);
  g_assert_no_error (error);

  exec = qs_exec_new (model, QS_EXEC_MODE_INT8, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qs_exec_get_n_fusable (exec), ==, 1);
  x0 = random_codes (&c0);
  x1 = random_codes (&c1);
  for (i = 0; i < model->graph->n_parameters; i++)
    inputs[i] = g_str_equal (model->graph->parameters[i]->name, "x0") ? x0 : x1;
  fused = run_once (exec, inputs, TRUE, &n_fused, &error);
  g_assert_no_error (error);
  unfused = run_once (exec, inputs, FALSE, &n_unfused, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_fused, ==, 1);
  g_assert_cmpuint (n_unfused, ==, 0);
  assert_same_codes (fused, unfused, "meeting chains");
}

/* QS_NO_FUSE=1 turns fusion off for new plans. */
static void
test_env (void)
{
  g_autoptr(QsModel) model = NULL;
  g_autoptr(GError) error = NULL;
  QsExec *exec;

  qs_test_rng_seed (9);
  model = chain_model (&cases[1]);
  g_setenv ("QS_NO_FUSE", "1", TRUE);
  exec = qs_exec_new (model, QS_EXEC_MODE_INT8, &error);
  g_assert_no_error (error);
  g_assert_false (qs_exec_get_fusion (exec));
  g_assert_cmpuint (qs_exec_get_n_fusable (exec), ==, 0);
  qs_exec_free (exec);
  g_unsetenv ("QS_NO_FUSE");
  exec = qs_exec_new (model, QS_EXEC_MODE_INT8, &error);
  g_assert_no_error (error);
  g_assert_true (qs_exec_get_fusion (exec));
  qs_exec_free (exec);
  /* other modes have nothing to fuse */
  exec = qs_exec_new (model, QS_EXEC_MODE_FLOAT, &error);
  if (exec != NULL)
    g_assert_cmpuint (qs_exec_get_n_fusable (exec), ==, 0);
  g_clear_error (&error);
  qs_exec_free (exec);
}

/* ---- shared models ---- */

static gboolean
is_quantize (const QsNode *node)
{
  return g_strcmp0 (node->version, "qscope") == 0 &&
         (qs_node_is_type (node, "Quantize") || qs_node_is_type (node, "Requantize"));
}

/* Steps a fused and an unfused run of one plan in lockstep and compares
 * every Quantize's codes and every Result. */
static void
test_shared_models (void)
{
  static const char *const names[] = { "pvb2003-int8-v11", "yolov8n-int8-nncf-v11", "pdr0013-int8-v11" };
  const char *models = qs_test_shared_models ();
  guint k, n_checked = 0;

  if (models == NULL)
    return;
  for (k = 0; k < G_N_ELEMENTS (names); k++)
    {
      g_autoptr(QsModel) model = qs_test_load_shared (models, names[k]);
      g_autoptr(QsExec) exec = NULL;
      g_autoptr(QsRun) a = NULL;
      g_autoptr(QsRun) b = NULL;
      g_autoptr(GError) error = NULL;
      QsTensor **inputs;
      guint n_codes = 0, n_fusable, n_rows;

      if (model == NULL)
        continue;
      inputs = qs_test_random_inputs (model, 3);
      exec = qs_exec_new (model, QS_EXEC_MODE_INT8, &error);
      g_assert_no_error (error);
      n_fusable = qs_exec_get_n_fusable (exec);
      g_assert_cmpuint (n_fusable, >, 0);
      n_rows = _qs_fuse_get_n_row_loops ();
      a = qs_run_new (exec, inputs, &error);
      g_assert_no_error (error);
      b = qs_run_new (exec, inputs, &error);
      g_assert_no_error (error);
      while (!qs_run_is_done (a))
        {
          const QsNode *node;
          gboolean ok;

          qs_exec_set_fusion (exec, TRUE);
          ok = qs_run_step (a, NULL, &error);
          g_assert_no_error (error);
          g_assert_true (ok);
          qs_exec_set_fusion (exec, FALSE);
          ok = qs_run_step (b, NULL, &error);
          g_assert_no_error (error);
          g_assert_true (ok);
          node = qs_run_get_last_node (a);
          g_assert_true (node == qs_run_get_last_node (b));
          if (is_quantize (node) || qs_node_is_type (node, "Result"))
            {
              assert_same_codes (qs_run_get_output (a, node, 0), qs_run_get_output (b, node, 0), node->name);
              n_codes++;
            }
        }
      g_test_message ("%s: %u chains of %u fused, %u as one row loop; %u Quantize and Result outputs equal",
                      names[k], qs_run_get_n_fused (a), n_fusable, _qs_fuse_get_n_row_loops () - n_rows, n_codes);
      g_assert_cmpuint (qs_run_get_n_fused (a), >, 0);
      g_assert_cmpuint (_qs_fuse_get_n_row_loops () - n_rows, >, 0);
      g_assert_cmpuint (qs_run_get_n_fused (b), ==, 0);
      qs_test_free_tensors (inputs, model->graph->n_parameters);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  guint i;

  g_test_init (&argc, &argv, NULL);
  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/qscope/exec-fuse/generated/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_generated);
    }
  g_test_add_func ("/qscope/exec-fuse/observed", test_observed);
  g_test_add_data_func ("/qscope/exec-fuse/observed-summaries", GINT_TO_POINTER (FALSE), test_observed_summaries);
  g_test_add_data_func ("/qscope/exec-fuse/observed-summaries-first-sample", GINT_TO_POINTER (TRUE),
                        test_observed_summaries);
  g_test_add_func ("/qscope/exec-fuse/kept", test_kept);
  g_test_add_func ("/qscope/exec-fuse/failing-link", test_failing_link);
  g_test_add_func ("/qscope/exec-fuse/threads", test_threads);
  g_test_add_func ("/qscope/exec-fuse/meeting-chains", test_meeting_chains);
  g_test_add_func ("/qscope/exec-fuse/env", test_env);
  g_test_add_func ("/qscope/exec-fuse/shared-models", test_shared_models);
  return g_test_run ();
}
