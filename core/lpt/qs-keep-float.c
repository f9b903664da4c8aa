/* qs-keep-float.c — a mixed-precision IR: chosen layers kept in float
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Works on the top-level graph: a FakeQuantize is removed by pointing
 * each of its consumers at the FakeQuantize's own data input; a layer that
 * fed only removed layers (a range Const, a weight chain replaced by an f32
 * Const) is dropped with them.  A layer that reached no Result before is
 * kept as it was: the export changes what it was asked to and nothing else.
 */
#include "config.h"

#include <string.h>

#include "qs-keep-float.h"
#include "qs-graph-builder.h"
#include "qs-lpt.h"
#include "qs-weights.h"

G_DEFINE_QUARK (qs-keep-float-error-quark, qs_keep_float_error)

gboolean
qs_node_is_kept_float (const QsNode *node)
{
  return node != NULL && node->rt_info != NULL && strstr (node->rt_info, "\"" QS_KEEP_FLOAT_ATTRIBUTE "\"") != NULL;
}

void
qs_keep_float_free (QsKeepFloat *k)
{
  if (k == NULL)
    return;
  g_clear_pointer (&k->model, qs_model_unref);
  g_clear_pointer (&k->original, qs_model_unref);
  g_ptr_array_unref (k->asked);
  g_ptr_array_unref (k->removed);
  g_ptr_array_unref (k->weights);
  g_ptr_array_unref (k->dropped);
  g_ptr_array_unref (k->notes);
  g_free (k);
}

static void
add_unique (GPtrArray    *array,
            const QsNode *node)
{
  if (!g_ptr_array_find (array, node, NULL))
    g_ptr_array_add (array, (gpointer) node);
}

/* The activation FakeQuantize layers whose values reach @node's input
 * through ops that move codes (Concat included). */
static void
input_fqs (const QsNode   *src,
           const gboolean *constant,
           GPtrArray      *fqs,
           guint           depth)
{
  guint i;

  if (src == NULL || depth > 64 || constant[src->index])
    return;
  if (qs_node_quantizes_activation (src, constant))
    {
      add_unique (fqs, src);
      return;
    }
  if (!qs_lpt_moves_codes (src))
    return;
  for (i = 0; i < src->n_inputs; i++)
    input_fqs (qs_node_input_node (src, i), constant, fqs, depth + 1);
}

typedef struct
{
  const QsNode *consumer;
  guint         input;
  QsElementType type;        /* F32 or F16: what the chain delivered */
  float        *values;
  guint64       n;
  QsNode       *konst;       /* in the new graph */
} NewWeights;

static void
new_weights_clear (gpointer data)
{
  g_free (((NewWeights *) data)->values);
}

/* The source of @port after the removals: past every removed FakeQuantize. */
static const QsPort *
resolve (const QsPort   *port,
         const gboolean *removed)
{
  guint steps = 0;

  while (port != NULL && removed[port->node->index] && steps++ < 100000)
    port = port->node->inputs[0].source;
  return port;
}

static const NewWeights *
find_new_weights (GArray       *replaced,
                  const QsNode *consumer,
                  guint         input)
{
  guint i;

  for (i = 0; i < replaced->len; i++)
    {
      const NewWeights *w = &g_array_index (replaced, NewWeights, i);

      if (w->consumer == consumer && w->input == input)
        return w;
    }
  return NULL;
}

/* Whether each layer reaches a Result or a sink, with the removals and
 * weight replacements applied (@removed NULL: as the model is). */
static gboolean *
reaching (const QsGraph  *graph,
          const gboolean *removed,
          GArray         *replaced)
{
  gboolean *alive = g_new0 (gboolean, MAX (graph->n_nodes, 1));
  guint k, i;

  for (i = 0; i < graph->n_results; i++)
    alive[graph->results[i]->index] = TRUE;
  for (i = 0; i < graph->n_sinks; i++)
    alive[graph->sinks[i]->index] = TRUE;
  for (k = graph->n_nodes; k-- > 0;)
    {
      const QsNode *node = graph->topo[k];

      if (!alive[node->index] || (removed != NULL && removed[node->index]))
        continue;
      for (i = 0; i < node->n_inputs; i++)
        {
          const QsPort *src = node->inputs[i].source;

          if (removed != NULL)
            {
              if (find_new_weights (replaced, node, i) != NULL)
                continue;
              src = resolve (src, removed);
            }
          if (src != NULL)
            alive[src->node->index] = TRUE;
        }
    }
  return alive;
}

static char *
marked_rt_info (const char *rt_info)
{
  static const char attribute[] = "<attribute name=\"" QS_KEEP_FLOAT_ATTRIBUTE "\" version=\"0\" value=\"true\"/>";
  const char *end;

  if (rt_info == NULL)
    return g_strdup_printf ("<rt_info>\n%s\n</rt_info>", attribute);
  if (qs_node_is_kept_float (&(QsNode) { .rt_info = rt_info }))
    return g_strdup (rt_info);
  end = g_strrstr (rt_info, "</rt_info>");
  if (end == NULL)
    return g_strdup_printf ("<rt_info>\n%s\n</rt_info>", attribute);   /* <rt_info/>: empty */
  return g_strdup_printf ("%.*s%s\n%s", (int) (end - rt_info), rt_info, attribute, end);
}

/* Plans the float weights of @node into @replaced or @removed_fqs. */
static gboolean
plan_weights (const QsNode *node,
              GArray       *replaced,
              GPtrArray    *weight_fqs,
              GPtrArray    *weights,
              GPtrArray    *notes,
              GError      **error)
{
  QsWeightChain chain;
  NewWeights w = { node, 0, QS_ELEMENT_F32, NULL, 0, NULL };
  g_autoptr(GError) local = NULL;
  const QsPort *src;
  guint64 expected = 0;

  if (!qs_node_is_weighted (node, &w.input))
    return TRUE;
  qs_weights_classify (node, w.input, &chain);
  switch (chain.form)
    {
    case QS_WEIGHT_FORM_FLOAT:
      g_ptr_array_add (notes, g_strdup_printf ("the weights of “%s” are float already", node->name));
      return TRUE;
    case QS_WEIGHT_FORM_FLOAT_FQ:
      /* the float weights are in the file: bypass their FakeQuantize */
      add_unique (weight_fqs, chain.fake_quantize);
      add_unique (weights, node);
      return TRUE;
    case QS_WEIGHT_FORM_INT_FQ:
    case QS_WEIGHT_FORM_SUB_MUL:
    case QS_WEIGHT_FORM_MUL:
    case QS_WEIGHT_FORM_GROUPED:
      break;
    case QS_WEIGHT_FORM_NONE:
    case QS_WEIGHT_FORM_OTHER:
    case QS_WEIGHT_FORM_N_FORMS:
    default:
      g_set_error (error, QS_KEEP_FLOAT_ERROR, QS_KEEP_FLOAT_ERROR_WEIGHTS,
                   "layer %" G_GUINT64_FORMAT " “%s”: its weights are %s; qscope cannot make them float",
                   node->id, node->name, qs_weight_form_describe (chain.form));
      return FALSE;
    }
  src = node->inputs[w.input].source;
  if (src == NULL || (src->element_type != QS_ELEMENT_F32 && src->element_type != QS_ELEMENT_F16))
    {
      g_set_error (error, QS_KEEP_FLOAT_ERROR, QS_KEEP_FLOAT_ERROR_WEIGHTS,
                   "layer %" G_GUINT64_FORMAT " “%s”: its weights arrive as %s; qscope writes float weights as f32 "
                   "or f16 only",
                   node->id, node->name, qs_element_type_name (src != NULL ? src->element_type : QS_ELEMENT_UNDEFINED));
      return FALSE;
    }
  if (!qs_shape_n_elements (&src->shape, &expected))
    {
      g_set_error (error, QS_KEEP_FLOAT_ERROR, QS_KEEP_FLOAT_ERROR_WEIGHTS,
                   "layer %" G_GUINT64_FORMAT " “%s”: its weights have no static shape", node->id, node->name);
      return FALSE;
    }
  w.values = qs_weights_to_f32 (node, w.input, &w.n, &local);
  if (w.values == NULL)
    {
      g_set_error (error, QS_KEEP_FLOAT_ERROR, QS_KEEP_FLOAT_ERROR_WEIGHTS, "%s", local->message);
      return FALSE;
    }
  if (w.n != expected)
    {
      g_free (w.values);
      g_set_error (error, QS_KEEP_FLOAT_ERROR, QS_KEEP_FLOAT_ERROR_WEIGHTS,
                   "layer %" G_GUINT64_FORMAT " “%s”: %" G_GUINT64_FORMAT " weights for an input of %" G_GUINT64_FORMAT,
                   node->id, node->name, w.n, expected);
      return FALSE;
    }
  w.type = src->element_type;
  g_array_append_val (replaced, w);
  add_unique (weights, node);
  return TRUE;
}

QsKeepFloat *
qs_keep_float (QsModel           *model,
               const char *const *names,
               guint              n_names,
               gboolean           float_weights,
               GError           **error)
{
  g_autoptr(QsKeepFloat) k = g_new0 (QsKeepFloat, 1);
  g_autoptr(GArray) replaced = g_array_new (FALSE, TRUE, sizeof (NewWeights));
  g_autoptr(GPtrArray) weight_fqs = g_ptr_array_new ();
  g_autoptr(GPtrArray) marked = g_ptr_array_new ();
  g_autoptr(QsGraphBuilder) b = NULL;
  g_autofree gboolean *removed = NULL, *before = NULL, *after = NULL, *constant = NULL;
  g_autofree QsNode **copy = NULL;
  const QsGraph *graph;
  guint64 next_id = 0;
  guint i, j;

  g_return_val_if_fail (model != NULL && model->graph != NULL, NULL);
  graph = model->graph;
  constant = qs_graph_constant_nodes (graph);
  k->original = qs_model_ref (model);
  k->asked = g_ptr_array_new ();
  k->removed = g_ptr_array_new ();
  k->weights = g_ptr_array_new ();
  k->dropped = g_ptr_array_new ();
  k->notes = g_ptr_array_new_with_free_func (g_free);
  g_array_set_clear_func (replaced, new_weights_clear);

  for (i = 0; i < n_names; i++)
    {
      const QsNode *node = qs_graph_find_node_by_name (graph, names[i]);
      g_autoptr(GPtrArray) fqs = g_ptr_array_new ();

      if (node == NULL)
        {
          g_set_error (error, QS_KEEP_FLOAT_ERROR, QS_KEEP_FLOAT_ERROR_NO_LAYER, "%s: no layer is named “%s”",
                       model->xml_path != NULL ? model->xml_path : model->name, names[i]);
          return NULL;
        }
      add_unique (k->asked, node);
      if (qs_node_is_type (node, "FakeQuantize"))
        {
          if (!qs_node_quantizes_activation (node, constant))
            {
              g_set_error (error, QS_KEEP_FLOAT_ERROR, QS_KEEP_FLOAT_ERROR_NOTHING,
                           "layer %" G_GUINT64_FORMAT " “%s” quantizes weights; name the layer it feeds, "
                           "with float weights", node->id, node->name);
              return NULL;
            }
          g_ptr_array_add (fqs, (gpointer) node);
        }
      else
        {
          for (j = 0; j < node->n_inputs; j++)
            input_fqs (qs_node_input_node (node, j), constant, fqs, 0);
          add_unique (marked, node);
          if (fqs->len == 0)
            g_ptr_array_add (k->notes, g_strdup_printf ("“%s” reads no activation FakeQuantize; it ran in float "
                                                        "already", node->name));
          if (float_weights && !plan_weights (node, replaced, weight_fqs, k->weights, k->notes, error))
            return NULL;
        }
      /* with the layers LPT aligns them with */
      for (j = 0; j < fqs->len; j++)
        {
          g_autoptr(GPtrArray) group = qs_lpt_aligned_group (fqs->pdata[j]);
          guint g;

          add_unique (k->removed, fqs->pdata[j]);
          for (g = 0; g < group->len; g++)
            if (((const QsNode *) group->pdata[g])->graph == graph && qs_node_quantizes_activation (group->pdata[g], constant))
              add_unique (k->removed, group->pdata[g]);
        }
    }
  for (i = 0; i < k->removed->len; i++)
    qs_lpt_fed_layers (k->removed->pdata[i], TRUE, TRUE, marked);
  for (i = 0; i < weight_fqs->len; i++)
    add_unique (k->removed, weight_fqs->pdata[i]);
  if (k->removed->len == 0 && replaced->len == 0)
    {
      g_set_error (error, QS_KEEP_FLOAT_ERROR, QS_KEEP_FLOAT_ERROR_NOTHING, "nothing to change: %s",
                   k->notes->len > 0 ? (const char *) k->notes->pdata[0] : "no FakeQuantize found");
      return NULL;
    }

  removed = g_new0 (gboolean, MAX (graph->n_nodes, 1));
  for (i = 0; i < k->removed->len; i++)
    removed[((const QsNode *) k->removed->pdata[i])->index] = TRUE;
  before = reaching (graph, NULL, NULL);
  after = reaching (graph, removed, replaced);

  b = qs_graph_builder_new (model->name);
  qs_graph_builder_set_net_text (b, model->rt_info, model->meta_data, model->quantization_parameters);
  for (i = 0; i < graph->n_nodes; i++)
    next_id = MAX (next_id, graph->nodes[i]->id + 1);
  copy = g_new0 (QsNode *, MAX (graph->n_nodes, 1));
  for (i = 0; i < graph->n_nodes; i++)
    {
      const QsNode *node = graph->nodes[i];

      if (removed[i])
        continue;
      if (before[i] && !after[i])
        {
          g_ptr_array_add (k->dropped, (gpointer) node);
          continue;
        }
      /* a layer's new f32 weights come just before it */
      for (j = 0; j < replaced->len; j++)
        {
          NewWeights *w = &g_array_index (replaced, NewWeights, j);

          if (w->consumer == node)
            {
              const QsShape *shape = &node->inputs[w->input].source->shape;
              g_autofree char *name = g_strdup_printf ("%s/weights_%s", node->name, qs_element_type_name (w->type));

              if (w->type == QS_ELEMENT_F16)
                {
                  g_autofree guint16 *half = g_new (guint16, MAX (w->n, 1));
                  guint64 e;

                  for (e = 0; e < w->n; e++)
                    half[e] = qs_f32_to_f16 (w->values[e]);
                  w->konst = qs_graph_builder_add_const (b, name, QS_ELEMENT_F16, shape->rank, shape->dims, half,
                                                         w->n * sizeof (guint16));
                }
              else
                w->konst = qs_graph_builder_add_const (b, name, QS_ELEMENT_F32, shape->rank, shape->dims, w->values,
                                                       w->n * sizeof (float));
              w->konst->id = next_id++;
            }
        }
      copy[i] = qs_graph_builder_copy_node (b, node);
      copy[i]->id = node->id;
      if (g_ptr_array_find (marked, node, NULL))
        {
          g_autofree char *text = marked_rt_info (node->rt_info);
          qs_graph_builder_set_rt_info (b, copy[i], text);
        }
    }
  for (i = 0; i < graph->n_nodes; i++)
    {
      const QsNode *node = graph->nodes[i];

      if (copy[i] == NULL)
        continue;
      for (j = 0; j < node->n_inputs; j++)
        {
          const NewWeights *w = find_new_weights (replaced, node, j);
          const QsPort *src;
          g_autoptr(GError) local = NULL;

          if (w != NULL)
            {
              qs_graph_builder_connect (b, w->konst, 0, copy[i], j, &local);
            }
          else
            {
              src = resolve (node->inputs[j].source, removed);
              if (src == NULL)
                continue;
              if (copy[src->node->index] == NULL)
                {
                  g_set_error (error, QS_KEEP_FLOAT_ERROR, QS_KEEP_FLOAT_ERROR_BUILD,
                               "layer %" G_GUINT64_FORMAT " “%s” would read the dropped layer “%s”", node->id,
                               node->name, src->node->name);
                  return NULL;
                }
              qs_graph_builder_connect (b, copy[src->node->index], src->index, copy[i], j, &local);
            }
          if (local != NULL)
            {
              g_set_error (error, QS_KEEP_FLOAT_ERROR, QS_KEEP_FLOAT_ERROR_BUILD, "layer %" G_GUINT64_FORMAT " “%s”: %s",
                           node->id, node->name, local->message);
              return NULL;
            }
        }
    }
  k->model = qs_graph_builder_finish (b, error);
  if (k->model == NULL)
    return NULL;
  k->model->ir_version = model->ir_version;
  return g_steal_pointer (&k);
}

GPtrArray *
qs_keep_float_now_float (const QsKeepFloat *k,
                         GError           **error)
{
  g_autoptr(QsLptResult) before = qs_lpt_run (k->original, error);
  g_autoptr(QsLptResult) after = NULL;
  GPtrArray *changed;
  guint i;

  if (before == NULL)
    return NULL;
  after = qs_lpt_run (k->model, error);
  if (after == NULL)
    return NULL;
  changed = g_ptr_array_new ();
  for (i = 0; i < k->model->graph->n_nodes; i++)
    {
      const QsNode *node = k->model->graph->nodes[i];
      const QsLptDecision *now = qs_lpt_result_get_decision (after, node);
      const QsLptDecision *was = node->origin != NULL ? qs_lpt_result_get_decision (before, node->origin) : NULL;

      if (now != NULL && was != NULL && now->is_compute && was->precision == QS_LPT_PRECISION_INT8 &&
          now->precision == QS_LPT_PRECISION_FP32)
        g_ptr_array_add (changed, (gpointer) node);
    }
  return changed;
}
