/* qs-graph-builder.c
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Everything lives in the new model's arena from the start, so finishing is
 * the same bookkeeping the reader does after its last edge: consumer arrays
 * counted then filled, special nodes listed, Kahn's order.  Attributes are
 * collected in growable arrays and frozen into the arena at finish.
 */
#include "config.h"

#include <string.h>

#include "qs-graph-builder.h"
#include "qs-graph-private.h"

typedef struct
{
  GPtrArray *keys;
  GPtrArray *values;
} NodeAttrs;

struct _QsGraphBuilder
{
  QsModel        *model;
  QsModelPrivate *priv;
  GPtrArray      *nodes;
  GArray         *attrs;     /* NodeAttrs, by node index */
};

static const char *
intern (QsGraphBuilder *b,
        const char     *text)
{
  return text != NULL ? g_string_chunk_insert_const (b->priv->strings, text) : NULL;
}

static const char *
arena_str (QsGraphBuilder *b,
           const char     *text)
{
  return text != NULL ? qs_arena_strndup (b->priv->arena, text, strlen (text)) : NULL;
}

QsGraphBuilder *
qs_graph_builder_new (const char *name)
{
  QsGraphBuilder *b = g_new0 (QsGraphBuilder, 1);

  b->model = g_new0 (QsModel, 1);
  b->model->ref_count = 1;
  b->model->ir_version = 11;
  b->priv = g_new0 (QsModelPrivate, 1);
  b->priv->arena = qs_arena_new (64 * 1024);
  b->priv->strings = g_string_chunk_new (4096);
  b->priv->limits = *qs_load_limits_default ();
  b->model->priv = b->priv;
  b->model->name = intern (b, name != NULL ? name : "model");
  b->model->xml_path = g_strdup_printf ("%s.xml", b->model->name);
  b->nodes = g_ptr_array_new ();
  b->attrs = g_array_new (FALSE, TRUE, sizeof (NodeAttrs));
  return b;
}

void
qs_graph_builder_free (QsGraphBuilder *b)
{
  guint i;

  if (b == NULL)
    return;
  for (i = 0; i < b->attrs->len; i++)
    {
      NodeAttrs *a = &g_array_index (b->attrs, NodeAttrs, i);
      g_clear_pointer (&a->keys, g_ptr_array_unref);
      g_clear_pointer (&a->values, g_ptr_array_unref);
    }
  g_array_unref (b->attrs);
  g_ptr_array_unref (b->nodes);
  g_clear_pointer (&b->model, qs_model_unref);
  g_free (b);
}

QsNode *
qs_graph_builder_add_node (QsGraphBuilder *b,
                           const char     *type,
                           const char     *version,
                           const char     *name,
                           guint           n_inputs,
                           guint           n_outputs)
{
  QsArena *arena = b->priv->arena;
  QsNode *node = qs_arena_new0 (arena, QsNode, 1);
  NodeAttrs a = { g_ptr_array_new (), g_ptr_array_new () };
  guint i;

  node->index = b->nodes->len;
  node->id = node->index;
  node->type = intern (b, type);
  node->version = intern (b, version != NULL ? version : "");
  if (name != NULL)
    node->name = arena_str (b, name);
  else
    {
      g_autofree char *made = g_strdup_printf ("%s_%u", type, node->index);
      node->name = arena_str (b, made);
    }
  node->n_inputs = n_inputs;
  node->inputs = qs_arena_new0 (arena, QsPort, MAX (n_inputs, 1));
  node->n_outputs = n_outputs;
  node->outputs = qs_arena_new0 (arena, QsPort, MAX (n_outputs, 1));
  for (i = 0; i < n_inputs; i++)
    {
      node->inputs[i].node = node;
      node->inputs[i].index = i;
      node->inputs[i].xml_id = i;
    }
  for (i = 0; i < n_outputs; i++)
    {
      node->outputs[i].node = node;
      node->outputs[i].index = i;
      node->outputs[i].is_output = TRUE;
      node->outputs[i].xml_id = n_inputs + i;
    }
  g_ptr_array_add (b->nodes, node);
  g_array_append_val (b->attrs, a);
  return node;
}

void
qs_graph_builder_set_attr (QsGraphBuilder *b,
                           QsNode         *node,
                           const char     *key,
                           const char     *value)
{
  NodeAttrs *a = &g_array_index (b->attrs, NodeAttrs, node->index);
  guint i;

  for (i = 0; i < a->keys->len; i++)
    if (strcmp (g_ptr_array_index (a->keys, i), key) == 0)
      {
        a->values->pdata[i] = (gpointer) arena_str (b, value);
        return;
      }
  g_ptr_array_add (a->keys, (gpointer) intern (b, key));
  g_ptr_array_add (a->values, (gpointer) arena_str (b, value));
}

void
qs_graph_builder_set_port (QsGraphBuilder *b,
                           QsPort         *port,
                           QsElementType   element_type,
                           int             rank,
                           const gint64   *dims)
{
  port->element_type = element_type;
  port->shape.rank = rank;
  port->shape.ranges = NULL;
  port->shape.dims = rank > 0 ? qs_arena_memdup (b->priv->arena, dims, rank * sizeof (gint64)) : NULL;
}

void
qs_graph_builder_set_port_shape (QsGraphBuilder *b,
                                 QsPort         *port,
                                 QsElementType   element_type,
                                 const QsShape  *shape)
{
  qs_graph_builder_set_port (b, port, element_type, shape->rank, shape->dims);
  if (shape->ranges != NULL && shape->rank > 0)
    port->shape.ranges = qs_arena_memdup (b->priv->arena, shape->ranges, shape->rank * sizeof (QsDimRange));
}

void
qs_graph_builder_set_port_names (QsGraphBuilder *b,
                                 QsPort         *port,
                                 const char     *names)
{
  port->names = arena_str (b, names);
}

static QsNode *
add_const (QsGraphBuilder *b,
           const char     *name,
           QsElementType   element_type,
           int             rank,
           const gint64   *dims,
           gconstpointer   data,
           gsize           size,
           gpointer       *buffer)
{
  QsNode *node = qs_graph_builder_add_node (b, "Const", "opset1", name, 0, 1);
  QsConstData *k = qs_arena_new0 (b->priv->arena, QsConstData, 1);
  g_autoptr(GString) shape = g_string_new (NULL);
  g_autofree char *size_text = g_strdup_printf ("%" G_GSIZE_FORMAT, size);
  int i;

  for (i = 0; i < rank; i++)
    g_string_append_printf (shape, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", dims[i]);
  qs_graph_builder_set_port (b, &node->outputs[0], element_type, rank, dims);
  k->element_type = element_type;
  k->shape = node->outputs[0].shape;
  qs_shape_n_elements (&k->shape, &k->n_elements);
  k->size = size;
  if (buffer != NULL)
    k->data = *buffer = size > 0 ? qs_arena_alloc (b->priv->arena, size) : NULL;
  else
    k->data = size > 0 ? qs_arena_memdup (b->priv->arena, data, size) : NULL;
  node->konst = k;
  qs_graph_builder_set_attr (b, node, "element_type", qs_element_type_name (element_type));
  qs_graph_builder_set_attr (b, node, "shape", shape->str);
  qs_graph_builder_set_attr (b, node, "offset", "0");
  qs_graph_builder_set_attr (b, node, "size", size_text);
  return node;
}

QsNode *
qs_graph_builder_add_const_f32 (QsGraphBuilder *b,
                                const char     *name,
                                int             rank,
                                const gint64   *dims,
                                const float    *values)
{
  guint64 n = 1;
  int i;

  for (i = 0; i < rank; i++)
    n *= dims[i];
  return add_const (b, name, QS_ELEMENT_F32, rank, dims, values, n * sizeof (float), NULL);
}

QsNode *
qs_graph_builder_add_const (QsGraphBuilder *b,
                            const char     *name,
                            QsElementType   element_type,
                            int             rank,
                            const gint64   *dims,
                            gconstpointer   data,
                            gsize           size)
{
  return add_const (b, name, element_type, rank, dims, data, size, NULL);
}

QsNode *
qs_graph_builder_add_const_f32_filled (QsGraphBuilder  *b,
                                       const char      *name,
                                       int              rank,
                                       const gint64    *dims,
                                       float          **values)
{
  guint64 n = 1;
  gpointer buffer = NULL;
  QsNode *node;
  int i;

  for (i = 0; i < rank; i++)
    n *= dims[i];
  node = add_const (b, name, QS_ELEMENT_F32, rank, dims, NULL, n * sizeof (float), &buffer);
  *values = buffer;
  return node;
}

void
qs_graph_builder_set_rt_info (QsGraphBuilder *b,
                              QsNode         *node,
                              const char     *rt_info)
{
  node->rt_info = arena_str (b, rt_info);
}

QsNode *
qs_graph_builder_copy_node (QsGraphBuilder *b,
                            const QsNode   *original)
{
  QsNode *node = qs_graph_builder_add_node (b, original->type, original->version, original->name,
                                            original->n_inputs, original->n_outputs);
  guint i;

  node->origin = original;
  node->line = original->line;
  node->rt_info = arena_str (b, original->rt_info);
  for (i = 0; i < original->n_attrs; i++)
    qs_graph_builder_set_attr (b, node, original->attr_keys[i], original->attr_values[i]);
  for (i = 0; i < original->n_inputs; i++)
    {
      qs_graph_builder_set_port_shape (b, &node->inputs[i], original->inputs[i].element_type,
                                       &original->inputs[i].shape);
      node->inputs[i].xml_id = original->inputs[i].xml_id;
      node->inputs[i].rt_info = arena_str (b, original->inputs[i].rt_info);
    }
  for (i = 0; i < original->n_outputs; i++)
    {
      qs_graph_builder_set_port_shape (b, &node->outputs[i], original->outputs[i].element_type,
                                       &original->outputs[i].shape);
      node->outputs[i].xml_id = original->outputs[i].xml_id;
      node->outputs[i].names = arena_str (b, original->outputs[i].names);
      node->outputs[i].rt_info = arena_str (b, original->outputs[i].rt_info);
    }
  if (original->konst != NULL)
    {
      QsConstData *k = qs_arena_memdup (b->priv->arena, original->konst, sizeof (QsConstData));
      if (k->shape.rank > 0)
        k->shape.dims = qs_arena_memdup (b->priv->arena, k->shape.dims, k->shape.rank * sizeof (gint64));
      if (k->data != NULL && k->size > 0)
        k->data = qs_arena_memdup (b->priv->arena, k->data, k->size);
      node->konst = k;
    }
  node->n_bodies = original->n_bodies;
  node->bodies = original->bodies;
  node->body_names = original->body_names;
  node->port_maps = arena_str (b, original->port_maps);
  return node;
}

gboolean
qs_graph_builder_connect (QsGraphBuilder *b,
                          QsNode         *from,
                          guint           out,
                          QsNode         *to,
                          guint           in,
                          GError        **error)
{
  if (out >= from->n_outputs || in >= to->n_inputs)
    {
      g_set_error (error, QS_IR_ERROR, QS_IR_ERROR_EDGE,
                   "edge %s:%u → %s:%u names a port that does not exist", from->name, out, to->name, in);
      return FALSE;
    }
  if (to->inputs[in].source != NULL)
    {
      g_set_error (error, QS_IR_ERROR, QS_IR_ERROR_EDGE,
                   "input %u of layer “%s” (%s) already has a source", in, to->name, to->type);
      return FALSE;
    }
  to->inputs[in].source = &from->outputs[out];
  from->outputs[out].n_consumers++;
  return TRUE;
}

void
qs_graph_builder_set_net_text (QsGraphBuilder *b,
                               const char     *rt_info,
                               const char     *meta_data,
                               const char     *quantization_parameters)
{
  b->model->rt_info = arena_str (b, rt_info);
  b->model->meta_data = arena_str (b, meta_data);
  b->model->quantization_parameters = arena_str (b, quantization_parameters);
}

static QsNode **
list_of (QsArena   *arena,
         GPtrArray *a)
{
  return a->len > 0 ? qs_arena_memdup (arena, a->pdata, a->len * sizeof (QsNode *)) : NULL;
}

QsModel *
qs_graph_builder_finish (QsGraphBuilder *b,
                         GError        **error)
{
  QsArena *arena = b->priv->arena;
  QsGraph *graph = qs_arena_new0 (arena, QsGraph, 1);
  g_autoptr(GPtrArray) params = g_ptr_array_new ();
  g_autoptr(GPtrArray) results = g_ptr_array_new ();
  g_autoptr(GPtrArray) sinks = g_ptr_array_new ();
  QsNode *on_cycle = NULL;
  guint i, j;

  graph->model = b->model;
  graph->n_nodes = b->nodes->len;
  graph->nodes = qs_arena_new0 (arena, QsNode *, MAX (graph->n_nodes, 1));
  for (i = 0; i < graph->n_nodes; i++)
    {
      QsNode *node = g_ptr_array_index (b->nodes, i);
      NodeAttrs *a = &g_array_index (b->attrs, NodeAttrs, i);

      graph->nodes[i] = node;
      node->graph = graph;
      node->n_attrs = a->keys->len;
      node->attr_keys = qs_arena_new0 (arena, const char *, MAX (a->keys->len, 1));
      node->attr_values = qs_arena_new0 (arena, const char *, MAX (a->values->len, 1));
      if (a->keys->len > 0)
        {
          memcpy (node->attr_keys, a->keys->pdata, a->keys->len * sizeof (char *));
          memcpy (node->attr_values, a->values->pdata, a->values->len * sizeof (char *));
        }
      for (j = 0; j < node->n_outputs; j++)
        {
          QsPort *out = &node->outputs[j];
          out->consumers = qs_arena_new0 (arena, QsPort *, MAX (out->n_consumers, 1));
          out->n_consumers = 0;
        }
    }
  for (i = 0; i < graph->n_nodes; i++)
    {
      QsNode *node = graph->nodes[i];
      for (j = 0; j < node->n_inputs; j++)
        {
          QsPort *in = &node->inputs[j];
          if (in->source != NULL)
            in->source->consumers[in->source->n_consumers++] = in;
        }
      if (qs_node_is_type (node, "Parameter"))
        g_ptr_array_add (params, node);
      else if (qs_node_is_type (node, "Result"))
        g_ptr_array_add (results, node);
      else if (qs_node_is_type (node, "Assign"))
        g_ptr_array_add (sinks, node);
    }
  graph->n_parameters = params->len;
  graph->parameters = list_of (arena, params);
  graph->n_results = results->len;
  graph->results = list_of (arena, results);
  graph->n_sinks = sinks->len;
  graph->sinks = list_of (arena, sinks);
  _qs_graph_index_ids (graph, arena);

  if (!_qs_graph_sort (graph, arena, &on_cycle))
    {
      g_set_error (error, QS_IR_ERROR, QS_IR_ERROR_CYCLE, "%s: layer %" G_GUINT64_FORMAT " “%s” (%s) is on a cycle",
                   b->model->name, on_cycle->id, on_cycle->name, on_cycle->type);
      return NULL;
    }
  b->model->graph = graph;
  b->model->n_layers = graph->n_nodes;
  return g_steal_pointer (&b->model);
}
