/* qs-lpt-emit.c — the new graph, from the passes' records
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Each original tensor has up to two views in the new graph: its codes
 * (when a record says it is quantized) and its float value.  Only the
 * layers something needs are emitted, working back from the Results, so
 * weight subgraphs absorbed into i8 Consts disappear.  The float view of a
 * tensor of codes is a Dequantize made the first time a float consumer asks
 * for it: that is where the Dequantize stops moving.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qs-lpt-private.h"
#include "qs-graph-builder.h"

typedef struct
{
  QsNode *node;
  guint   port;
} View;

typedef struct
{
  LptContext     *ctx;
  QsGraphBuilder *b;
  View           *fview;
  View           *cview;
  guint8         *needed;
  GError         *error;
} Emit;

static guint
tensor_index (Emit         *e,
              const QsPort *out)
{
  return e->ctx->port_base[out->node->index] + out->index;
}

static void
channel_dims (int     rank,
              int     axis,
              guint   n,
              int    *out_rank,
              gint64 *dims)
{
  int d;

  if (n <= 1 || axis < 0)
    {
      *out_rank = 0;
      return;
    }
  *out_rank = rank;
  for (d = 0; d < rank; d++)
    dims[d] = d == axis ? n : 1;
}

static QsNode *
const_f32 (Emit         *e,
           const char   *name,
           const LptDq  *dq,
           const double *values)
{
  g_autofree float *v = g_new (float, dq->n);
  gint64 dims[16];
  int rank;
  guint c;

  for (c = 0; c < dq->n; c++)
    v[c] = (float) values[c];
  channel_dims (dq->rank, dq->axis, dq->n, &rank, dims);
  return qs_graph_builder_add_const_f32 (e->b, name, rank, dims, v);
}

/* shift (or 0) + the border correction: [1, n, OH, OW] ([1, n, OW] for a
 * rank-3 tensor), mapped by @map (NULL: as is) */
static QsNode *
const_border (Emit         *e,
              const char   *name,
              const LptDq  *dq,
              double      (*map) (double v, guint c, gconstpointer data),
              gconstpointer data)
{
  gint64 oh = dq->border_dims[1], ow = dq->border_dims[2], y, x;
  gint64 dims[4] = { 1, dq->n, oh, ow };
  guint nr = dq->border_classes[0], nc = dq->border_classes[1], c;
  g_autofree float *row = g_new (float, nr * nc);
  QsNode *node;
  float *v;

  if (dq->rank == 3)
    dims[2] = ow;
  node = qs_graph_builder_add_const_f32_filled (e->b, name, dq->rank == 3 ? 3 : 4, dims, &v);
  for (c = 0; c < dq->n; c++)
    {
      /* each class pair once, then every position copies its pair's value */
      for (y = 0; y < (gint64) nr * nc; y++)
        {
          double t = (dq->shift != NULL ? dq->shift[c] : 0.0) + dq->border[c * nr * nc + y];
          row[y] = (float) (map != NULL ? map (t, c, data) : t);
        }
      for (y = 0; y < oh; y++, v += ow)
        {
          const float *r = row + (gsize) dq->border_row[y] * nc;

          for (x = 0; x < ow; x++)
            v[x] = r[dq->border_col[x]];
        }
    }
  return node;
}

static void
connect (Emit    *e,
         View     from,
         QsNode  *to,
         guint    in)
{
  if (e->error == NULL && from.node != NULL)
    qs_graph_builder_connect (e->b, from.node, from.port, to, in, &e->error);
}

static View float_view (Emit *e, const QsPort *out);

static QsNode *
dequantize (Emit         *e,
            const QsPort *out,
            const LptDq  *dq)
{
  g_autofree char *name = g_strdup_printf ("%s/dequantize", out->node->name);
  g_autofree char *sname = g_strconcat (name, "/scale", NULL);
  g_autofree char *zname = g_strconcat (name, "/zero_point", NULL);
  g_autofree char *hname = g_strconcat (name, "/shift", NULL);
  QsNode *node = qs_graph_builder_add_node (e->b, "Dequantize", "qscope", name,
                                            dq->shift != NULL || dq->border != NULL ? 4 : 3, 1);
  QsNode *scale = const_f32 (e, sname, dq, dq->scale);
  QsNode *zp;
  QsElementType ft = out->element_type != QS_ELEMENT_UNDEFINED ? out->element_type : QS_ELEMENT_F32;
  View codes = e->cview[tensor_index (e, out)];

  if (dq->type == QS_ELEMENT_I32)
    {
      g_autofree gint32 *v = g_new (gint32, dq->n);
      gint64 dims[16];
      int rank;
      guint c;
      for (c = 0; c < dq->n; c++)
        v[c] = (gint32) CLAMP (nearbyint (dq->zp[c]), G_MININT32, G_MAXINT32);
      channel_dims (dq->rank, dq->axis, dq->n, &rank, dims);
      zp = qs_graph_builder_add_const (e->b, zname, QS_ELEMENT_I32, rank, dims, v, dq->n * sizeof (gint32));
    }
  else
    zp = const_f32 (e, zname, dq, dq->zp);
  node->origin = out->node;
  qs_graph_builder_set_port_shape (e->b, &node->inputs[0], dq->type, &out->shape);
  qs_graph_builder_set_port_shape (e->b, &node->inputs[1], QS_ELEMENT_F32, &scale->outputs[0].shape);
  qs_graph_builder_set_port_shape (e->b, &node->inputs[2], zp->outputs[0].element_type, &zp->outputs[0].shape);
  qs_graph_builder_set_port_shape (e->b, &node->outputs[0], ft, &out->shape);
  qs_graph_builder_set_port_names (e->b, &node->outputs[0], out->names);
  connect (e, codes, node, 0);
  connect (e, (View) { scale, 0 }, node, 1);
  connect (e, (View) { zp, 0 }, node, 2);
  if (dq->shift != NULL || dq->border != NULL)
    {
      QsNode *shift = dq->border != NULL ? const_border (e, hname, dq, NULL, NULL) : const_f32 (e, hname, dq, dq->shift);
      qs_graph_builder_set_port_shape (e->b, &node->inputs[3], QS_ELEMENT_F32, &shift->outputs[0].shape);
      connect (e, (View) { shift, 0 }, node, 3);
    }
  return node;
}

static View
float_view (Emit         *e,
            const QsPort *out)
{
  guint t = tensor_index (e, out);
  const LptDq *dq = &e->ctx->tensors[t];

  if (e->fview[t].node == NULL && dq->valid && e->cview[t].node != NULL)
    e->fview[t] = (View) { dequantize (e, out, dq), 0 };
  return e->fview[t];
}

static View
input_float (Emit         *e,
             const QsNode *node,
             guint         i)
{
  const QsPort *src = node->inputs[i].source;
  return src != NULL ? float_view (e, src) : (View) { NULL, 0 };
}

static View
input_codes (Emit         *e,
             const QsNode *node,
             guint         i)
{
  const QsPort *src = node->inputs[i].source;
  return src != NULL ? e->cview[tensor_index (e, src)] : (View) { NULL, 0 };
}

static void
emit_copy (Emit         *e,
           const QsNode *node)
{
  QsNode *copy = qs_graph_builder_copy_node (e->b, node);
  guint i;

  for (i = 0; i < node->n_inputs; i++)
    connect (e, input_float (e, node, i), copy, i);
  for (i = 0; i < node->n_outputs; i++)
    e->fview[tensor_index (e, &node->outputs[i])] = (View) { copy, i };
}

static void
emit_quantize (Emit         *e,
               const QsNode *node)
{
  LptNode *n = _qs_lpt_node (e->ctx, node);
  g_autofree char *name = g_strdup_printf ("%s/quantize", node->name);
  g_autofree char *levels = g_strdup_printf ("%u", n->aligned ? n->aligned_levels : n->fq->levels);
  g_autofree char *qmin = g_strdup_printf ("%d", n->qmin);
  QsNode *q = qs_graph_builder_add_node (e->b, "Quantize", "qscope", name, 3, 1);
  guint i;

  q->origin = node;
  qs_graph_builder_set_attr (e->b, q, "levels", levels);
  qs_graph_builder_set_attr (e->b, q, "destination_type", qs_element_type_name (n->qtype));
  qs_graph_builder_set_attr (e->b, q, "qmin", qmin);
  for (i = 0; i < 3; i++)
    {
      if (i > 0 && n->aligned)
        {
          /* the range on the Concat group's common grid */
          g_autofree char *kname = g_strdup_printf ("%s/%s", name, i == 1 ? "input_low" : "input_high");
          float v = (float) (i == 1 ? n->aligned_il : n->aligned_ih);
          QsNode *k = qs_graph_builder_add_const_f32 (e->b, kname, 0, NULL, &v);
          qs_graph_builder_set_port_shape (e->b, &q->inputs[i], QS_ELEMENT_F32, &k->outputs[0].shape);
          connect (e, (View) { k, 0 }, q, i);
          continue;
        }
      qs_graph_builder_set_port_shape (e->b, &q->inputs[i], node->inputs[i].element_type, &node->inputs[i].shape);
      connect (e, input_float (e, node, i), q, i);
    }
  qs_graph_builder_set_port_shape (e->b, &q->outputs[0], n->qtype, &node->outputs[0].shape);
  e->cview[tensor_index (e, &node->outputs[0])] = (View) { q, 0 };
}

typedef struct
{
  const double *s_q, *il;
  const LptDq  *in;
  int           qmin;
} RequantizeMap;

/* real shift → Requantize offset of channel c (see emit_requantize) */
static double
requantize_offset (double        shift,
                   guint         c,
                   gconstpointer data)
{
  const RequantizeMap *m = data;

  return (shift - m->in->zp[c] * m->in->scale[c] - m->il[c]) / m->s_q[c] + m->qmin;
}

static void
emit_requantize (Emit         *e,
                 const QsNode *node)
{
  LptNode *n = _qs_lpt_node (e->ctx, node);
  const LptDq *in = _qs_lpt_input (e->ctx, node, 0);
  const LptDq *out = _qs_lpt_tensor (e->ctx, &node->outputs[0]);
  const QsFqInfo *fq = n->fq;
  g_autofree char *name = g_strdup_printf ("%s/requantize", node->name);
  g_autofree char *mname = g_strconcat (name, "/multiplier", NULL);
  g_autofree char *bname = g_strconcat (name, "/offset", NULL);
  g_autofree char *qmin = g_strdup_printf ("%d", n->qmin);
  g_autofree char *qmax = g_strdup_printf ("%d", n->qmax);
  LptDq shape = { 0 };
  QsNode *rq, *mk, *bk;
  guint c, nc = MAX (in->n, n->aligned ? 1 : fq->n_channels);

  shape.n = nc;
  shape.rank = out->rank;
  shape.axis = in->n > 1 ? in->axis : (nc > 1 ? fq->axis : -1);
  shape.scale = g_new (double, nc);
  shape.zp = g_new (double, nc);
  for (c = 0; c < nc; c++)
    {
      guint ci = in->n > 1 ? c : 0, cf = fq->n_channels > 1 && !n->aligned ? c : 0;
      /* a FakeQuantize aligned with its Concat group quantizes on the
       * group's common grid, not on its own range */
      double s_q = n->aligned ? (n->aligned_ih - n->aligned_il) / (n->aligned_levels - 1) : fq->in_scale[cf];
      double il = n->aligned ? n->aligned_il : fq->il[cf];
      double shift = in->shift != NULL ? in->shift[ci] : 0.0;
      shape.scale[c] = in->scale[ci] / s_q;
      shape.zp[c] = (shift - in->zp[ci] * in->scale[ci] - il) / s_q + n->qmin;
    }
  rq = qs_graph_builder_add_node (e->b, "Requantize", "qscope", name, 3, 1);
  rq->origin = node;
  mk = const_f32 (e, mname, &shape, shape.scale);
  if (in->border != NULL && nc == in->n)
    {
      /* the convolution's border correction, per position */
      g_autofree double *s_q = g_new (double, nc);
      g_autofree double *il = g_new (double, nc);
      RequantizeMap map = { s_q, il, in, n->qmin };
      for (c = 0; c < nc; c++)
        {
          guint cf = fq->n_channels > 1 && !n->aligned ? c : 0;
          s_q[c] = n->aligned ? (n->aligned_ih - n->aligned_il) / (n->aligned_levels - 1) : fq->in_scale[cf];
          il[c] = n->aligned ? n->aligned_il : fq->il[cf];
        }
      bk = const_border (e, bname, in, requantize_offset, &map);
    }
  else
    bk = const_f32 (e, bname, &shape, shape.zp);
  qs_graph_builder_set_attr (e->b, rq, "destination_type", qs_element_type_name (n->qtype));
  qs_graph_builder_set_attr (e->b, rq, "qmin", qmin);
  qs_graph_builder_set_attr (e->b, rq, "qmax", qmax);
  qs_graph_builder_set_port_shape (e->b, &rq->inputs[0], in->type, &node->inputs[0].shape);
  qs_graph_builder_set_port_shape (e->b, &rq->inputs[1], QS_ELEMENT_F32, &mk->outputs[0].shape);
  qs_graph_builder_set_port_shape (e->b, &rq->inputs[2], QS_ELEMENT_F32, &bk->outputs[0].shape);
  qs_graph_builder_set_port_shape (e->b, &rq->outputs[0], n->qtype, &node->outputs[0].shape);
  connect (e, input_codes (e, node, 0), rq, 0);
  connect (e, (View) { mk, 0 }, rq, 1);
  connect (e, (View) { bk, 0 }, rq, 2);
  e->cview[tensor_index (e, &node->outputs[0])] = (View) { rq, 0 };
  g_free (shape.scale);
  g_free (shape.zp);
}

static void
emit_codes (Emit         *e,
            const QsNode *node)
{
  QsNode *copy = qs_graph_builder_copy_node (e->b, node);
  gboolean concat = qs_node_is_type (node, "Concat");
  guint i;

  for (i = 0; i < node->n_inputs; i++)
    if (i == 0 || concat)
      {
        const LptDq *dq = _qs_lpt_input (e->ctx, node, i);
        copy->inputs[i].element_type = dq->type;
        connect (e, input_codes (e, node, i), copy, i);
      }
    else
      connect (e, input_float (e, node, i), copy, i);
  for (i = 0; i < node->n_outputs; i++)
    {
      copy->outputs[i].element_type = _qs_lpt_tensor (e->ctx, &node->outputs[i])->type;
      copy->outputs[i].names = NULL;   /* they go to the float view */
      e->cview[tensor_index (e, &node->outputs[i])] = (View) { copy, i };
    }
}

static void
emit_int8 (Emit         *e,
           const QsNode *node)
{
  LptNode *n = _qs_lpt_node (e->ctx, node);
  const LptDq *in = _qs_lpt_input (e->ctx, node, 0);
  const QsQuantWeights *w = n->weights;
  g_autofree char *wname = g_strdup_printf ("%s/weights_i8", node->name);
  QsNode *copy = qs_graph_builder_copy_node (e->b, node);
  QsNode *wk;
  gboolean same = _qs_lpt_dq_per_tensor (in);
  gboolean any = FALSE;
  guint c;

  if (n->act_b)
    {
      /* MatMul of two activations: input 1 is the other codes tensor */
      copy->inputs[0].element_type = in->type;
      copy->inputs[1].element_type = _qs_lpt_input (e->ctx, node, 1)->type;
      copy->outputs[0].element_type = QS_ELEMENT_I32;
      copy->outputs[0].names = NULL;
      connect (e, input_codes (e, node, 0), copy, 0);
      connect (e, input_codes (e, node, 1), copy, 1);
      e->cview[tensor_index (e, &node->outputs[0])] = (View) { copy, 0 };
      return;
    }
  wk = qs_graph_builder_add_const (e->b, wname, QS_ELEMENT_I8, w->rank, w->dims, w->i8, w->n_elements);
  wk->origin = qs_node_input_node (node, 1);
  for (c = 0; c < in->n; c++)
    any |= nearbyint (in->zp[c]) != 0.0;
  if (any && !qs_node_is_type (node, "MatMul"))
    {
      /* one value, or one per input channel (GroupConvolution) */
      GString *pad = g_string_new (NULL);
      for (c = 0; c < (same ? 1 : in->n); c++)
        g_string_append_printf (pad, "%s%d", c > 0 ? "," : "", (int) nearbyint (in->zp[c]));
      qs_graph_builder_set_attr (e->b, copy, "qscope_pad_value", pad->str);
      g_string_free (pad, TRUE);
    }
  copy->inputs[0].element_type = in->type;
  copy->inputs[1].element_type = QS_ELEMENT_I8;
  copy->outputs[0].element_type = QS_ELEMENT_I32;
  copy->outputs[0].names = NULL;
  connect (e, input_codes (e, node, 0), copy, 0);
  connect (e, (View) { wk, 0 }, copy, 1);
  e->cview[tensor_index (e, &node->outputs[0])] = (View) { copy, 0 };
}

static void
need (Emit         *e,
      const QsNode *node,
      guint         input)
{
  const QsNode *src = input < node->n_inputs ? qs_node_input_node (node, input) : NULL;
  if (src != NULL)
    e->needed[src->index] = 1;
}

QsModel *
_qs_lpt_emit (LptContext  *ctx,
              GError     **error)
{
  QsGraph *graph = ctx->graph;
  guint n_tensors = ctx->port_base[graph->n_nodes];
  g_autoptr(QsGraphBuilder) b = NULL;
  Emit e = { 0 };
  guint i, j;
  QsModel *model;

  b = qs_graph_builder_new (ctx->model->name);
  e.ctx = ctx;
  e.b = b;
  e.fview = g_new0 (View, MAX (n_tensors, 1));
  e.cview = g_new0 (View, MAX (n_tensors, 1));
  e.needed = g_new0 (guint8, MAX (graph->n_nodes, 1));
  qs_graph_builder_set_net_text (b, ctx->model->rt_info, ctx->model->meta_data,
                                 ctx->model->quantization_parameters);

  for (i = graph->n_nodes; i-- > 0;)
    {
      const QsNode *node = graph->topo[i];
      LptNode *n = _qs_lpt_node (ctx, node);
      if (node->n_outputs == 0 || qs_node_is_type (node, "Result"))
        e.needed[node->index] = 1;
      if (!e.needed[node->index])
        continue;
      switch (n->mode)
        {
        case LPT_MODE_INT8:
          need (&e, node, 0);
          if (n->act_b)
            need (&e, node, 1);
          break;
        case LPT_MODE_REQUANTIZE:
          need (&e, node, 0);
          break;
        case LPT_MODE_LINEAR:
          need (&e, node, n->linear_input);
          break;
        case LPT_MODE_QUANTIZE:
          for (j = 0; j < (n->aligned ? 1u : 3u); j++)
            need (&e, node, j);
          break;
        case LPT_MODE_CODES:
        case LPT_MODE_COPY:
        default:
          for (j = 0; j < node->n_inputs; j++)
            need (&e, node, j);
          break;
        }
    }

  for (i = 0; i < graph->n_nodes && e.error == NULL; i++)
    {
      const QsNode *node = graph->topo[i];
      LptNode *n = _qs_lpt_node (ctx, node);
      if (!e.needed[node->index])
        continue;
      switch (n->mode)
        {
        case LPT_MODE_QUANTIZE: emit_quantize (&e, node); break;
        case LPT_MODE_REQUANTIZE: emit_requantize (&e, node); break;
        case LPT_MODE_CODES: emit_codes (&e, node); break;
        case LPT_MODE_INT8: emit_int8 (&e, node); break;
        case LPT_MODE_LINEAR:
          e.cview[tensor_index (&e, &node->outputs[0])] = input_codes (&e, node, n->linear_input);
          break;
        case LPT_MODE_COPY:
        default:
          emit_copy (&e, node);
          break;
        }
    }

  g_free (e.fview);
  g_free (e.cview);
  g_free (e.needed);
  if (e.error != NULL)
    {
      g_set_error (error, QS_LPT_ERROR, QS_LPT_ERROR_BUILD, "building the transformed graph: %s", e.error->message);
      g_error_free (e.error);
      return NULL;
    }
  model = qs_graph_builder_finish (b, error);
  if (model != NULL)
    model->ir_version = 11;
  return model;
}
