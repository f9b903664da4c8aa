/* qs-exec-fuse.c — the int8 run's elementwise chains, slice by slice
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Between two int8 layers the transformed graph holds a chain
 *   Dequantize → [Clamp | ReLU | PReLU | Swish | Sigmoid | HSwish | Add | Multiply
 *                 | FakeQuantize with constant ranges]* → Quantize
 * (the convolution's accumulators, or codes, back to the next layer's
 * codes).  Run layer by layer, each link is a pass over the whole tensor
 * that writes a fresh f32 tensor (first touches included) which the next
 * link reads back from memory.  A fused chain runs every link on one
 * cache-sized slice (whole channels of one batch item) before the next
 * slice, and only the Quantize's codes reach a whole tensor.  The slices
 * go to the kernels' thread pool; each keeps its own statistics, merged
 * in slice order afterwards, and the cut does not depend on the thread
 * count, so the figures are the same at any count.
 *
 * An unobserved run whose every link takes its op's row loop (constants
 * one value a channel, other inputs one value a channel or one an element)
 * plans the chain once and runs each channel row through Dequantize, the
 * links and Quantize in one loop (QsRows.chain, qs-rows-impl.h): no f32
 * tensor, not even a slice, between the links.  Otherwise each link is its
 * own op function called on the slice, with the slice of each of its other
 * inputs.  Either way every element goes through the same float operations
 * in the same order as in the unfused run: the codes are the same bit for
 * bit (tests/test-exec-fuse.c and test-rows.c hold them to it).  The
 * intermediate tensors never exist whole, so a run fuses only when nothing
 * observes it (qs-exec.c decides); a run with an observer — the analysis,
 * dump, the window — still shows every layer's own tensor.  Anything
 * unexpected in a slice (an op that fails, an output of another shape)
 * drops the fusion for that chain in that run, and the layers then run
 * one by one and report their own errors.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qs-exec-fuse-private.h"
#include "qs-rows-private.h"

/* about 256 KiB of f32 per slice: a link and the next stay in L2 */
#define SLICE_ELEMENTS 65536

static gboolean
is_qscope_op (const QsNode *node,
              const char   *type)
{
  return g_strcmp0 (node->version, "qscope") == 0 && qs_node_is_type (node, type);
}

/* Elementwise ops whose output has the shape of the chain's tensor and
 * whose every element depends only on the elements at the same position
 * (their other inputs broadcast to it). */
static gboolean
is_elementwise_link (const QsNode *node)
{
  static const char *const types[] = {
    "Clamp", "ReLU", "Relu", "PReLU", "Swish", "Sigmoid", "HSwish", "Add", "Multiply",
  };
  guint i;

  if (node->n_outputs != 1 || g_strcmp0 (node->version, "qscope") == 0)
    return FALSE;
  for (i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_ascii_strcasecmp (node->type, types[i]) == 0)
      return TRUE;
  return FALSE;
}

/* A float FakeQuantize the int8 plan keeps (pdr0013's residual blocks
 * hold one between a Dequantize and the Add): elementwise too when its
 * four ranges are constants that broadcast numpy-style (or have the
 * data's shape), since a slice of each is then the ranges of the slice. */
static gboolean
is_fake_quantize_link (const QsNode   *node,
                       const gboolean *constant)
{
  const char *mode;
  guint i;

  if (node->n_outputs != 1 || node->n_inputs != 5 || g_strcmp0 (node->version, "qscope") == 0 ||
      !qs_node_is_type (node, "FakeQuantize"))
    return FALSE;
  mode = qs_node_get_attr (node, "auto_broadcast");
  if (mode != NULL && strcmp (mode, "numpy") != 0 && strcmp (mode, "none") != 0)
    return FALSE;
  for (i = 1; i < 5; i++)
    {
      const QsPort *src = node->inputs[i].source;

      if (src == NULL || !constant[src->node->index])
        return FALSE;
    }
  return TRUE;
}

/* The only consumer of @node's single output, and the input port it
 * reads it through; NULL when there are several or none. */
static const QsNode *
only_consumer (const QsNode *node,
               guint        *port)
{
  const QsPort *c;

  if (node->n_outputs != 1 || node->outputs[0].n_consumers != 1)
    return NULL;
  c = node->outputs[0].consumers[0];
  *port = c->index;
  return c->node;
}

void
_qs_fuse_chain_free (QsFuseChain *chain)
{
  if (chain == NULL)
    return;
  g_free (chain->nodes);
  g_free (chain->ops);
  g_free (chain->port);
  g_free (chain);
}

QsFuseChain *
_qs_fuse_chain_find (const QsNode           *dequantize,
                     const QsOpEntry *const *ops,
                     const gboolean         *keep,
                     const gboolean         *constant)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  g_autoptr(GArray) ports = g_array_new (FALSE, FALSE, sizeof (guint));
  const QsNode *cur = dequantize;
  guint zero = 0, i;
  QsFuseChain *chain;

  if (!is_qscope_op (dequantize, "Dequantize") || dequantize->n_inputs < 3 ||
      keep[dequantize->index] || constant[dequantize->index] || ops[dequantize->index] == NULL)
    return NULL;
  g_ptr_array_add (nodes, (gpointer) dequantize);
  g_array_append_val (ports, zero);
  for (;;)
    {
      guint port = 0;
      const QsNode *next = only_consumer (cur, &port);

      if (next == NULL || keep[cur->index] || ops[next->index] == NULL)
        return NULL;
      g_ptr_array_add (nodes, (gpointer) next);
      g_array_append_val (ports, port);
      if (is_qscope_op (next, "Quantize"))
        {
          if (port != 0 || next->n_inputs < 3)
            return NULL;
          break;
        }
      if (!is_elementwise_link (next) && !(port == 0 && is_fake_quantize_link (next, constant)))
        return NULL;
      cur = next;
    }
  chain = g_new0 (QsFuseChain, 1);
  chain->n = nodes->len;
  chain->nodes = g_new (const QsNode *, chain->n);
  chain->ops = g_new (const QsOpEntry *, chain->n);
  chain->port = g_new (guint, chain->n);
  for (i = 0; i < chain->n; i++)
    {
      chain->nodes[i] = g_ptr_array_index (nodes, i);
      chain->ops[i] = ops[chain->nodes[i]->index];
      chain->port[i] = g_array_index (ports, guint, i);
    }
  return chain;
}

/* A stack tensor over part of another's data; never referenced or freed. */
static void
slice_view (QsTensor       *view,
            const QsTensor *t,
            int             rank,
            const gint64   *dims,
            gsize           offset)
{
  qs_tensor_init_borrowed (view, t->type, rank, dims, (guint8 *) t->data + offset * qs_tensor_type_size (t->type));
}

/* The slice of side input @s (numpy-broadcast to @x, whose axes 0 and 1
 * the slices cut: item @n, channels [@c0, @c0 + @k)).  PReLU's 1-D slope
 * as long as the channels applies along axis 1. FALSE when @s would not
 * broadcast to @x without growing it. */
static gboolean
side_slice (QsTensor       *view,
            const QsTensor *s,
            const QsTensor *x,
            gboolean        prelu_slope,
            gint64          n,
            gint64          c0,
            gint64          k)
{
  gint64 dims[QS_TENSOR_MAX_RANK];
  gint64 N = x->rank >= 2 ? x->dims[0] : 1, C = x->rank >= 2 ? x->dims[1] : 1;
  int off = x->rank - s->rank, d;
  gsize stride0, stride1, offset = 0;

  if (prelu_slope && s->rank == 1 && x->rank >= 2 && s->dims[0] == C && C != 1)
    {
      dims[0] = k;
      slice_view (view, s, 1, dims, (gsize) c0);
      return TRUE;
    }
  if (s->rank > x->rank)
    return FALSE;
  for (d = 0; d < s->rank; d++)
    if (s->dims[d] != 1 && s->dims[d] != x->dims[off + d])
      return FALSE;
  memcpy (dims, s->dims, sizeof (gint64) * s->rank);
  if (x->rank < 2)
    {
      slice_view (view, s, s->rank, dims, 0);
      return TRUE;
    }
  /* strides of x's axes 0 and 1 in s (0 where s has no such axis) */
  stride1 = off <= 1 ? _qs_dims_product (s->dims, 2 - off, s->rank) : 0;
  stride0 = off <= 0 ? stride1 * (gsize) s->dims[1] : 0;
  if (off <= 0 && s->dims[0] == N && N != 1)
    {
      dims[0] = 1;
      offset += (gsize) n * stride0;
    }
  if (off <= 1 && s->dims[1 - off] == C && C != 1)
    {
      dims[1 - off] = k;
      offset += (gsize) c0 * stride1;
    }
  slice_view (view, s, s->rank, dims, offset);
  return TRUE;
}

/* Runs link @j of @chain on @in (its inputs, the chain's already in
 * place) into a new tensor; NULL with @error set when the op fails. */
static QsTensor *
run_link (const QsFuseChain *chain,
          guint              j,
          QsExec            *exec,
          QsExecMode         mode,
          QsTensor *const   *in,
          GError           **error)
{
  const QsNode *node = chain->nodes[j];
  const QsPort *src0 = node->n_inputs > 0 ? node->inputs[0].source : NULL;
  QsTensor *o[1] = { NULL };
  QsOpCtx ctx = { 0 };

  ctx.exec = exec;
  ctx.node = node;
  ctx.mode = mode;
  ctx.data_is_constant = src0 != NULL && qs_exec_node_is_constant (exec, src0->node);
  ctx.n_in = node->n_inputs;
  ctx.in = in;
  ctx.n_out = 1;
  ctx.out = o;
  if (!chain->ops[j]->func (&ctx, error))
    {
      qs_tensor_unref (o[0]);
      return NULL;
    }
  if (o[0] == NULL)
    g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID, "output 0 was not computed");
  return o[0];
}

gboolean
_qs_fuse_chain_run_whole (const QsFuseChain *chain,
                          QsExec            *exec,
                          QsExecMode         mode,
                          QsTensor *const   *const *inputs,
                          QsSummary *const  *sums,
                          QsTensor         **result,
                          guint             *failed,
                          GError           **error)
{
  QsTensor *cur = NULL;
  guint j, i;

  *result = NULL;
  for (j = 0; j < chain->n; j++)
    {
      const QsNode *node = chain->nodes[j];
      g_autofree QsTensor **in = g_new0 (QsTensor *, MAX (node->n_inputs, 1));
      QsTensor *next;

      for (i = 0; i < node->n_inputs; i++)
        in[i] = j > 0 && i == chain->port[j] ? cur : inputs[j][i];
      next = run_link (chain, j, exec, mode, in, error);
      qs_tensor_unref (cur);
      cur = next;
      if (cur == NULL)
        {
          *failed = j;
          return FALSE;
        }
      if (sums != NULL && sums[j] != NULL)
        qs_summary_add_tensor (sums[j], cur);
    }
  *result = cur;
  return TRUE;
}

/* ---- the whole chain as one row loop ---- */

/* An operand of a link as the row loop reads it: for row (n, c) of the
 * chain's tensor its values start at element n · sn + c · sc of @t, one
 * per element of the row when @vec, else one for the whole row. */
typedef struct
{
  const QsTensor *t;
  gsize           sn, sc;
  gboolean        vec;
} RowOperand;

/* Link j of the chain (1 ≤ j < n - 1) as the row loop runs it. */
typedef struct
{
  QsRowLinkKind kind;
  gboolean      has_side;
  RowOperand    side;
  float         a, b;
  RowOperand    fq[4];    /* FakeQuantize's ranges, one value a row */
  guint         levels;
} LinkPlan;

#define MAX_ROW_LINKS 16
#define MIN_ROW       16

static gint n_row_loops;    /* atomic: chain runs that took the row loop */

guint
_qs_fuse_get_n_row_loops (void)
{
  return (guint) g_atomic_int_get (&n_row_loops);
}

/* A chain whose every link the row loop runs as its op would on the
 * chain's tensor x of rank ≥ 2, rows being (item, channel). */
typedef struct
{
  const QsTensor *x;
  QsRowCodes      codes;
  RowOperand      scale, zp, shift;
  int             shift_form;   /* 0 none, 1 one a row, 2 one an element */
  LinkPlan        links[MAX_ROW_LINKS];
  guint           n_links;
  RowOperand      il, ih;
  guint           levels;
  gint32          qmin, lo, hi;
  QsElementType   out_type;
  gint64          C;
  gsize           inner;
} RowPlan;

/* Where @s (numpy-broadcast to @x, rank ≥ 2) sits for the row loop;
 * FALSE when it is not @type, would grow @x, or varies along a row other
 * than as the row does (or at all, without @allow_vec). */
static gboolean
row_operand (RowOperand     *op,
             const QsTensor *s,
             const QsTensor *x,
             QsElementType   type,
             gboolean        allow_vec)
{
  int r = x->rank, off = r - s->rank, d;
  gboolean scalar = TRUE, vec = TRUE;

  if (s->type != type || s->rank > r || r < 2)
    return FALSE;
  for (d = 0; d < s->rank; d++)
    if (s->dims[d] != 1 && s->dims[d] != x->dims[off + d])
      return FALSE;
  for (d = 2; d < r; d++)
    {
      gint64 sd = d - off >= 0 ? s->dims[d - off] : 1;

      scalar &= sd == 1;
      vec &= sd == x->dims[d];
    }
  if (!scalar && !(vec && allow_vec))
    return FALSE;
  op->t = s;
  op->vec = !scalar;
  op->sn = off == 0 && s->dims[0] != 1 ? _qs_dims_product (s->dims, 1, s->rank) : 0;
  op->sc = 1 - off >= 0 && s->dims[1 - off] != 1 ? _qs_dims_product (s->dims, 2 - off, s->rank) : 0;
  return TRUE;
}

static inline gconstpointer
operand_at (const RowOperand *op,
            gint64            n,
            gint64            c)
{
  return (const guint8 *) op->t->data +
         ((gsize) n * op->sn + (gsize) c * op->sc) * qs_tensor_type_size (op->t->type);
}

static inline float
operand_f32 (const RowOperand *op,
             gint64            n,
             gint64            c)
{
  return *(const float *) operand_at (op, n, c);
}

static gboolean
op_is (const QsFuseChain *chain,
       guint              j,
       const char        *type)
{
  return strcmp (chain->ops[j]->type, type) == 0;
}

/* Link j (a float op between the Dequantize and the Quantize) as the row
 * loop runs it; FALSE where its op would take another path, fail, or
 * hand its input on. */
static gboolean
plan_link (LinkPlan          *lp,
           const QsFuseChain *chain,
           guint              j,
           QsExecMode         mode,
           QsTensor *const   *in,
           const QsTensor    *x)
{
  const QsNode *node = chain->nodes[j];
  guint port = chain->port[j];
  guint i;

  memset (lp, 0, sizeof *lp);
  if (op_is (chain, j, "Add") || op_is (chain, j, "Multiply"))
    {
      const QsTensor *side;
      const char *bmode = qs_node_get_attr (node, "auto_broadcast");
      gboolean add = op_is (chain, j, "Add");

      if (node->n_inputs != 2 || port > 1 || (side = in[1 - port]) == NULL)
        return FALSE;
      if (bmode != NULL && strcmp (bmode, "numpy") != 0 && !qs_tensor_same_shape (side, x))
        return FALSE;
      if (!row_operand (&lp->side, side, x, QS_ELEMENT_F32, TRUE))
        return FALSE;
      lp->has_side = TRUE;
      lp->kind = add ? (port == 0 ? QS_ROW_LINK_ADD : QS_ROW_LINK_ADD_SWAPPED)
                     : (port == 0 ? QS_ROW_LINK_MUL : QS_ROW_LINK_MUL_SWAPPED);
      return TRUE;
    }
  if (port != 0)
    return FALSE;
  if (op_is (chain, j, "PReLU"))
    {
      const QsTensor *slope = node->n_inputs == 2 ? in[1] : NULL;

      if (slope == NULL || slope->type != QS_ELEMENT_F32)
        return FALSE;
      lp->kind = QS_ROW_LINK_PRELU;
      lp->has_side = TRUE;
      /* PReLU's own rule: a 1-D slope as long as the channels is per channel */
      if (slope->rank == 1 && slope->dims[0] == x->dims[1] && slope->dims[0] != 1)
        {
          lp->side.t = slope;
          lp->side.sc = 1;
          return TRUE;
        }
      return row_operand (&lp->side, slope, x, QS_ELEMENT_F32, TRUE);
    }
  if (op_is (chain, j, "Clamp"))
    {
      g_autoptr(GError) local = NULL;
      double lo, hi;

      if (!qs_node_get_double (node, "min", -INFINITY, &lo, &local) ||
          !qs_node_get_double (node, "max", INFINITY, &hi, &local) || !(lo <= hi))
        return FALSE;
      lp->kind = QS_ROW_LINK_CLAMP;
      lp->a = (float) lo;
      lp->b = (float) hi;
      return TRUE;
    }
  if (op_is (chain, j, "ReLU") || op_is (chain, j, "Relu"))
    {
      lp->kind = QS_ROW_LINK_RELU;
      return TRUE;
    }
  if (op_is (chain, j, "Sigmoid"))
    {
      lp->kind = QS_ROW_LINK_SIGMOID;
      return TRUE;
    }
  if (op_is (chain, j, "Swish"))
    {
      lp->kind = QS_ROW_LINK_SWISH;
      lp->a = 1.0f;
      if (node->n_inputs > 1 && in[1] != NULL)
        {
          if (in[1]->n_elements != 1)
            return FALSE;
          lp->a = (float) qs_tensor_get_f64 (in[1], 0);
        }
      return TRUE;
    }
  if (op_is (chain, j, "FakeQuantize"))
    {
      g_autoptr(GError) local = NULL;
      const char *bmode = qs_node_get_attr (node, "auto_broadcast");
      gint64 levels;

      /* in float mode the op hands its input on */
      if (mode == QS_EXEC_MODE_FLOAT || node->n_inputs != 5 ||
          !qs_node_get_int (node, "levels", 0, &levels, &local) || levels < 2 || levels > 65536)
        return FALSE;
      lp->kind = QS_ROW_LINK_FAKE_QUANTIZE;
      lp->levels = (guint) levels;
      for (i = 0; i < 4; i++)
        if (in[i + 1] == NULL || !row_operand (&lp->fq[i], in[i + 1], x, QS_ELEMENT_F32, FALSE) ||
            (bmode != NULL && strcmp (bmode, "none") == 0 && !qs_tensor_same_shape (in[i + 1], x)))
          return FALSE;
      return TRUE;
    }
  return FALSE;
}

/* The plan of @chain on @inputs, or FALSE when some link would not run
 * as the row loop runs it (the slices of op calls then run it). */
static gboolean
plan_rows (RowPlan           *plan,
           const QsFuseChain *chain,
           QsExecMode         mode,
           QsTensor *const   *const *inputs)
{
  const QsTensor *x = inputs[0][0];
  QsTensor *const *dq = inputs[0];
  QsTensor *const *qin = inputs[chain->n - 1];
  const QsNode *qnode = chain->nodes[chain->n - 1];
  g_autoptr(GError) local = NULL;
  gint64 qmin, lo, hi, n, c;
  guint levels;
  guint j;

  memset (plan, 0, sizeof *plan);
  if (x == NULL || x->rank < 2 || x->n_elements == 0 || chain->n < 2 || chain->n - 2 > MAX_ROW_LINKS ||
      !op_is (chain, 0, "Dequantize") || !op_is (chain, chain->n - 1, "Quantize"))
    return FALSE;
  plan->x = x;
  plan->C = x->dims[1];
  plan->inner = _qs_dims_product (x->dims, 2, x->rank);
  /* a row per channel of a few values (a MatMul's [M, N]) would cost a
   * call per value; the ops' slices walk such shapes better */
  if (plan->inner < MIN_ROW)
    return FALSE;

  /* Dequantize: codes, scale and zero point one value a row, the shift
   * one a row or one an element */
  if (chain->nodes[0]->n_inputs < 3 || dq[1] == NULL || dq[2] == NULL)
    return FALSE;
  switch (x->type)
    {
    case QS_ELEMENT_I32: plan->codes = QS_ROW_CODES_I32; break;
    case QS_ELEMENT_U8: plan->codes = QS_ROW_CODES_U8; break;
    case QS_ELEMENT_I8: plan->codes = QS_ROW_CODES_I8; break;
    default: return FALSE;
    }
  if (!row_operand (&plan->scale, dq[1], x, QS_ELEMENT_F32, FALSE) ||
      !row_operand (&plan->zp, dq[2], x, x->type == QS_ELEMENT_I32 ? QS_ELEMENT_I32 : QS_ELEMENT_F32, FALSE))
    return FALSE;
  if (chain->nodes[0]->n_inputs > 3 && dq[3] != NULL)
    {
      if (!row_operand (&plan->shift, dq[3], x, QS_ELEMENT_F32, TRUE))
        return FALSE;
      plan->shift_form = plan->shift.vec ? 2 : 1;
    }

  for (j = 1; j + 1 < chain->n; j++)
    if (!plan_link (&plan->links[j - 1], chain, j, mode, inputs[j], x))
      return FALSE;
  plan->n_links = chain->n - 2;

  /* Quantize: its ranges one value a row */
  if (chain->port[chain->n - 1] != 0 || qnode->n_inputs < 3 || qin[1] == NULL || qin[2] == NULL ||
      !_qs_op_quantize_attrs (qnode, &levels, &qmin, &plan->out_type, &local) ||
      qmin < G_MININT16 || qmin > G_MAXINT16)
    return FALSE;
  if (plan->out_type == QS_ELEMENT_U8)
    lo = 0, hi = 255;
  else
    lo = -128, hi = 127;
  if (!row_operand (&plan->il, qin[1], x, QS_ELEMENT_F32, FALSE) ||
      !row_operand (&plan->ih, qin[2], x, QS_ELEMENT_F32, FALSE))
    return FALSE;
  plan->levels = levels;
  plan->qmin = (gint32) qmin;
  plan->lo = (gint32) lo;
  plan->hi = (gint32) hi;

  /* FakeQuantize's row loop wants il < ih on every row (the op takes its
   * per-element path elsewhere) */
  for (j = 0; j < plan->n_links; j++)
    if (plan->links[j].kind == QS_ROW_LINK_FAKE_QUANTIZE)
      for (n = 0; n < x->dims[0]; n++)
        for (c = 0; c < plan->C; c++)
          if (!(operand_f32 (&plan->links[j].fq[0], n, c) < operand_f32 (&plan->links[j].fq[1], n, c)))
            return FALSE;
  return TRUE;
}

/* Row (n, c) of @plan into @out. */
static void
run_plan_row (const RowPlan  *plan,
              const QsRows   *rows,
              gint64          n,
              gint64          c,
              QsTensor       *out)
{
  QsRowLink links[MAX_ROW_LINKS];
  QsRowChain ch;
  gsize row = (gsize) n * (gsize) plan->C + (gsize) c;
  guint j;

  ch.codes = plan->codes;
  ch.c = (const guint8 *) plan->x->data + row * plan->inner * qs_tensor_type_size (plan->x->type);
  ch.zp_i32 = plan->codes == QS_ROW_CODES_I32 ? *(const gint32 *) operand_at (&plan->zp, n, c) : 0;
  ch.zp = plan->codes == QS_ROW_CODES_I32 ? 0.0f : operand_f32 (&plan->zp, n, c);
  ch.scale = operand_f32 (&plan->scale, n, c);
  ch.shift_form = plan->shift_form;
  ch.shift = plan->shift_form == 1 ? operand_f32 (&plan->shift, n, c) : 0.0f;
  ch.shifts = plan->shift_form == 2 ? operand_at (&plan->shift, n, c) : NULL;
  for (j = 0; j < plan->n_links; j++)
    {
      const LinkPlan *lp = &plan->links[j];
      QsRowLink *k = &links[j];

      k->kind = lp->kind;
      k->side = NULL;
      k->a = lp->a;
      k->b = lp->b;
      k->fq = (QsRowFakeQuantize) { 0 };
      if (lp->has_side)
        {
          if (lp->side.vec)
            k->side = operand_at (&lp->side, n, c);
          else
            k->a = operand_f32 (&lp->side, n, c);
        }
      if (lp->kind == QS_ROW_LINK_FAKE_QUANTIZE)
        {
          k->fq.il = operand_f32 (&lp->fq[0], n, c);
          k->fq.ih = operand_f32 (&lp->fq[1], n, c);
          k->fq.ol = operand_f32 (&lp->fq[2], n, c);
          k->fq.oh = operand_f32 (&lp->fq[3], n, c);
          k->fq.levels = lp->levels;
        }
    }
  ch.links = links;
  ch.n_links = plan->n_links;
  ch.q.il = operand_f32 (&plan->il, n, c);
  ch.q.ih = operand_f32 (&plan->ih, n, c);
  ch.q.levels = plan->levels;
  ch.q.qmin = plan->qmin;
  ch.q.lo = plan->lo;
  ch.q.hi = plan->hi;
  ch.out_i8 = plan->out_type == QS_ELEMENT_I8;
  ch.o = (guint8 *) out->data + row * plan->inner * qs_tensor_type_size (out->type);
  rows->chain (&ch, plan->inner);
}

/* One run of a chain over its slices, shared by the pool's threads.
 * Slice s is item s / per_item, channels [(s % per_item) k, … + k). */
typedef struct
{
  const QsFuseChain *chain;
  QsExec            *exec;
  QsExecMode         mode;
  QsTensor *const   *const *inputs;
  QsSummary *const  *sums;      /* which links want a summary */
  QsBudget          *budget;    /* the caller's, made current in every task */
  const QsTensor    *x;
  int                rank;
  gint64             C, k, per_item;
  gsize              inner;
  QsSummary         *tmp;       /* [slice][link], or NULL */
  double            *ranges;    /* [slice][2 link], or NULL */
  gboolean           want_result;
  const RowPlan     *plan;      /* or NULL: each link its op on the slice */
  const QsRows      *rows;

  GMutex             lock;      /* guards out's allocation */
  QsTensor          *out;
  gint               failed;    /* atomic */
} SliceJob;

/* Runs every link on slice @s; FALSE when one did not run as an
 * elementwise op should. */
static gboolean
run_slice (SliceJob *job,
           gsize     s)
{
  const QsFuseChain *chain = job->chain;
  const QsTensor *x = job->x;
  int rank = job->rank;
  gint64 n = (gint64) s / job->per_item;
  gint64 c0 = ((gint64) s % job->per_item) * job->k;
  gint64 kk = MIN (job->k, job->C - c0);
  gint64 sdims[QS_TENSOR_MAX_RANK];
  QsTensor xv;
  QsTensor *cur = NULL;
  gsize start = ((gsize) n * job->C + c0) * job->inner, elem;
  guint j;

  if (job->plan != NULL)
    {
      gint64 c;

      for (c = c0; c < c0 + kk; c++)
        run_plan_row (job->plan, job->rows, n, c, job->out);
      return TRUE;
    }
  memcpy (sdims, x->dims, sizeof (gint64) * rank);
  if (rank >= 2)
    {
      sdims[0] = 1;
      sdims[1] = kk;
    }
  slice_view (&xv, x, rank, sdims, start);
  for (j = 0; j < chain->n; j++)
    {
      const QsNode *node = chain->nodes[j];
      QsTensor views[8];
      QsTensor *in[8];
      QsTensor *next = NULL;
      gboolean ok = node->n_inputs <= G_N_ELEMENTS (in);
      guint i;

      for (i = 0; ok && i < node->n_inputs; i++)
        {
          const QsTensor *side = job->inputs[j][i];

          if (i == chain->port[j])
            in[i] = j == 0 ? &xv : cur;
          else if (side == NULL)
            in[i] = NULL;
          else if (side_slice (&views[i], side, x, qs_node_is_type (node, "PReLU") && i == 1, n, c0, kk))
            in[i] = &views[i];
          else
            ok = FALSE;
        }
      if (ok)
        {
          g_autoptr(GError) local = NULL;

          next = run_link (chain, j, job->exec, job->mode, in, &local);
          /* a link that passes its input on is not elementwise as we mean it */
          ok = next != NULL && next != in[chain->port[j]] && next->rank == rank &&
               memcmp (next->dims, sdims, sizeof (gint64) * rank) == 0;
          if (!ok && next == in[chain->port[j]] && j == 0)
            next = NULL;    /* a reference to the stack view */
        }
      if (j > 0)
        qs_tensor_unref (cur);
      cur = next;
      if (!ok)
        {
          qs_tensor_unref (cur);
          return FALSE;
        }
      if (job->tmp != NULL && job->sums[j] != NULL)
        qs_summary_add_tensor (&job->tmp[s * chain->n + j], cur);
      if (job->ranges != NULL)
        {
          double *r = &job->ranges[2 * (s * chain->n + j)];

          if (!qs_tensor_min_max (cur, &r[0], &r[1]))
            {
              r[0] = INFINITY;
              r[1] = -INFINITY;
            }
        }
    }
  if (!job->want_result)
    {
      qs_tensor_unref (cur);
      return TRUE;
    }
  g_mutex_lock (&job->lock);
  if (job->out == NULL)
    job->out = qs_tensor_new_uninit (cur->type, rank, x->dims);
  g_mutex_unlock (&job->lock);
  if (job->out == NULL || cur->type != job->out->type)
    {
      qs_tensor_unref (cur);
      return FALSE;
    }
  elem = qs_tensor_type_size (cur->type);
  memcpy ((guint8 *) job->out->data + start * elem, cur->data, cur->n_elements * elem);
  qs_tensor_unref (cur);
  return TRUE;
}

static void
slice_task (gsize    s,
            gpointer data)
{
  SliceJob *job = data;
  QsBudget *previous;

  if (g_atomic_int_get (&job->failed))
    return;
  previous = qs_budget_push (job->budget);
  if (!run_slice (job, s))
    g_atomic_int_set (&job->failed, TRUE);
  qs_budget_pop (previous);
}

/* Cuts @x into slices (independent of the thread count, so that figures
 * merged slice by slice come out the same at any count) and runs them
 * over the pool.  @tmp_sums (where not NULL) receives one summary per
 * slice and link, to be merged in slice order; @slice_ranges one range
 * per slice and link. */
static gboolean
run_slices (const QsFuseChain *chain,
            QsExec            *exec,
            QsExecMode         mode,
            QsTensor *const   *const *inputs,
            QsSummary *const  *sums,
            QsSummary        **tmp_sums,
            double           **slice_ranges,
            gsize             *n_slices,
            QsTensor         **result)
{
  const QsTensor *x = inputs[0][0];
  SliceJob job = { 0 };
  RowPlan plan;
  gint64 N;
  gsize n_s, s;
  guint j;

  *n_slices = 0;
  if (result != NULL)
    *result = NULL;
  if (x == NULL || x->rank > QS_TENSOR_MAX_RANK || x->n_elements == 0)
    return FALSE;
  job.chain = chain;
  job.exec = exec;
  job.mode = mode;
  job.inputs = inputs;
  job.sums = sums;
  job.x = x;
  job.rank = x->rank;
  job.want_result = result != NULL;
  if (job.rank >= 2)
    {
      N = x->dims[0];
      job.C = x->dims[1];
      job.inner = _qs_dims_product (x->dims, 2, job.rank);
    }
  else
    {
      N = job.C = 1;
      job.inner = x->n_elements;
    }
  /* slices of about equal size, an even number of them per item when
   * there are several, so that two threads share them evenly */
  {
    gsize total = (gsize) job.C * job.inner;
    gint64 want = (gint64) ((total + SLICE_ELEMENTS - 1) / SLICE_ELEMENTS);

    if (want > 1)
      want += want % 2;
    want = CLAMP (want, 1, job.C);
    job.k = (job.C + want - 1) / want;
    job.per_item = (job.C + job.k - 1) / job.k;
  }
  n_s = (gsize) N * (gsize) job.per_item;
  *n_slices = n_s;

  if (tmp_sums != NULL)
    {
      job.tmp = *tmp_sums = g_new0 (QsSummary, n_s * chain->n);
      for (s = 0; s < n_s; s++)
        for (j = 0; j < chain->n; j++)
          if (sums[j] != NULL)
            qs_summary_init (&job.tmp[s * chain->n + j], sums[j]->has_bins ? &sums[j]->bins : NULL,
                             sums[j]->has_fq ? &sums[j]->fq : NULL);
    }
  if (slice_ranges != NULL)
    job.ranges = *slice_ranges = g_new (double, 2 * n_s * chain->n);

  /* an unobserved run takes the whole chain as one row loop when every
   * link allows it: no tensor between the links, not even a slice */
  if (tmp_sums == NULL && slice_ranges == NULL && result != NULL && plan_rows (&plan, chain, mode, inputs))
    {
      job.out = qs_tensor_new_uninit (plan.out_type, job.rank, x->dims);
      if (job.out == NULL)
        return FALSE;
      job.plan = &plan;
      job.rows = _qs_rows ();
    }

  job.budget = qs_budget_push (NULL);
  qs_budget_pop (job.budget);
  g_mutex_init (&job.lock);
  qs_parallel_for (n_s, slice_task, &job);
  g_mutex_clear (&job.lock);
  if (job.failed)
    {
      qs_tensor_unref (job.out);
      return FALSE;
    }
  if (job.plan != NULL)
    g_atomic_int_inc (&n_row_loops);
  if (result != NULL)
    *result = job.out;
  return TRUE;
}

gboolean
_qs_fuse_chain_ranges (const QsFuseChain *chain,
                       QsExec            *exec,
                       QsExecMode         mode,
                       QsTensor *const   *const *inputs,
                       double            *ranges)
{
  g_autofree double *per_slice = NULL;
  gsize n_s = 0, s;
  gboolean ok;
  guint j;

  for (j = 0; j < chain->n; j++)
    {
      ranges[2 * j] = INFINITY;
      ranges[2 * j + 1] = -INFINITY;
    }
  ok = run_slices (chain, exec, mode, inputs, NULL, NULL, &per_slice, &n_s, NULL);
  for (s = 0; ok && s < n_s; s++)
    for (j = 0; j < chain->n; j++)
      {
        const double *r = &per_slice[2 * (s * chain->n + j)];

        ranges[2 * j] = MIN (ranges[2 * j], r[0]);
        ranges[2 * j + 1] = MAX (ranges[2 * j + 1], r[1]);
      }
  return ok;
}

/* Each slice goes to a summary of its own, merged into @sums in slice
 * order only when every slice ran: a chain that falls back to whole
 * tensors must not count a slice twice. */
gboolean
_qs_fuse_chain_run (const QsFuseChain *chain,
                    QsExec            *exec,
                    QsExecMode         mode,
                    QsTensor *const   *const *inputs,
                    QsSummary *const  *sums,
                    QsTensor         **result)
{
  g_autofree QsSummary *tmp = NULL;
  gboolean ok, any = FALSE;
  gsize n_s = 0, s;
  guint j;

  for (j = 0; sums != NULL && j < chain->n; j++)
    any |= sums[j] != NULL;
  ok = run_slices (chain, exec, mode, inputs, sums, any ? &tmp : NULL, NULL, &n_s, result);
  for (s = 0; tmp != NULL && s < n_s; s++)
    for (j = 0; j < chain->n; j++)
      if (sums[j] != NULL)
        {
          if (ok && !qs_summary_merge (sums[j], &tmp[s * chain->n + j]))
            g_warn_if_reached ();
          qs_summary_clear (&tmp[s * chain->n + j]);
        }
  return ok;
}
