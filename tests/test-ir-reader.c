/* test-ir-reader.c — the reader on handwritten IR: everything real files hold
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "qscope-core.h"

static QsModel *
load_handwritten (QsLoadFlags flags)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "models", "handwritten.xml", NULL);
  g_autoptr(GError) error = NULL;
  QsModel *model = qs_model_load (path, flags, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static void
test_net (void)
{
  g_autoptr(QsModel) model = load_handwritten (QS_LOAD_FLAGS_NONE);

  g_assert_cmpint (model->ir_version, ==, 11);
  g_assert_cmpstr (model->name, ==, "hand & made");
  g_assert_cmpuint (model->graph->n_nodes, ==, 8);
  g_assert_cmpuint (model->n_layers, ==, 11);      /* 8 + 3 in the body */
  g_assert_nonnull (strstr (model->meta_data, "<MO_version value=\"2022.1\"/>"));
  g_assert_nonnull (strstr (model->meta_data, "<input_model value=\"DIR/model.onnx\"/>"));
  g_assert_nonnull (strstr (model->quantization_parameters, "'compression'"));
  g_assert_null (model->rt_info);
  g_assert_cmpuint (model->bin_size, ==, 20);
}

static void
test_ids_and_ports (void)
{
  g_autoptr(QsModel) model = load_handwritten (QS_LOAD_FLAGS_NONE);
  QsGraph *g = model->graph;
  QsNode *conv = qs_graph_find_node (g, 40);
  QsNode *input = qs_graph_find_node_by_name (g, "input");
  g_auto(GStrv) names = NULL;

  g_assert_nonnull (conv);
  g_assert_null (qs_graph_find_node (g, 41));
  g_assert_cmpstr (conv->type, ==, "Convolution");
  g_assert_cmpint (qs_node_opset (conv), ==, 1);
  g_assert_cmpuint (conv->index, ==, 0);
  g_assert_cmpuint (conv->line, ==, 6);

  /* port ids 7 and 3 are inputs 0 and 1, in document order */
  g_assert_cmpuint (conv->n_inputs, ==, 2);
  g_assert_cmpuint (conv->inputs[0].xml_id, ==, 7);
  g_assert_cmpuint (conv->inputs[1].xml_id, ==, 3);
  g_assert_true (qs_node_input_node (conv, 0) == input);
  g_assert_true (qs_node_input_node (conv, 1) == qs_graph_find_node (g, 11));
  g_assert_cmpuint (input->outputs[0].n_consumers, ==, 1);
  g_assert_true (input->outputs[0].consumers[0] == &conv->inputs[0]);

  /* dims: 1, 2, ?, 1..8 */
  g_assert_cmpint (conv->inputs[0].shape.rank, ==, 4);
  g_assert_cmpint (conv->inputs[0].shape.dims[2], ==, QS_DIM_DYNAMIC);
  g_assert_cmpint (conv->inputs[0].shape.dims[3], ==, QS_DIM_DYNAMIC);
  g_assert_nonnull (conv->inputs[0].shape.ranges);
  g_assert_cmpint (conv->inputs[0].shape.ranges[3].min, ==, 1);
  g_assert_cmpint (conv->inputs[0].shape.ranges[3].max, ==, 8);
  g_assert_cmpint (conv->outputs[0].shape.dims[2], ==, QS_DIM_DYNAMIC);
  g_assert_null (conv->outputs[0].shape.ranges);
  g_assert_cmpint (conv->outputs[0].element_type, ==, QS_ELEMENT_F32);

  names = qs_port_dup_names (&conv->outputs[0]);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "conv_out");
  g_assert_cmpstr (names[1], ==, "a,b");

  g_assert_nonnull (strstr (conv->rt_info, "name=\"fused_names\""));
  g_assert_nonnull (strstr (input->outputs[0].rt_info, "layout=\"[N,C,H,W]\""));
}

static void
test_attributes (void)
{
  g_autoptr(QsModel) model = load_handwritten (QS_LOAD_FLAGS_NONE);
  QsNode *conv = qs_graph_find_node (model->graph, 40);
  QsNode *param = qs_graph_find_node (model->graph, 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) strides = NULL;
  g_autoptr(GArray) bad = NULL;
  QsShape shape;
  gint64 v;
  double d;
  gboolean b;

  strides = qs_node_get_int_list (conv, "strides", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strides->len, ==, 2);
  g_assert_cmpint (g_array_index (strides, gint64, 1), ==, 1);
  g_assert_cmpstr (qs_node_get_attr (conv, "auto_pad"), ==, "explicit");
  g_assert_null (qs_node_get_attr (conv, "group"));

  g_assert_true (qs_node_get_int (conv, "group", 7, &v, &error));
  g_assert_cmpint (v, ==, 7);
  g_assert_true (qs_node_get_double (conv, "eps", 0.25, &d, &error));
  g_assert_cmpfloat (d, ==, 0.25);
  g_assert_true (qs_node_get_bool (conv, "transpose_a", FALSE, &b, &error));
  g_assert_false (b);
  g_assert_false (qs_node_get_int (conv, "auto_pad", 0, &v, &error));
  g_assert_error (error, QS_IR_ERROR, QS_IR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "auto_pad"));
  g_clear_error (&error);
  bad = qs_node_get_int_list (conv, "auto_pad", &error);
  g_assert_null (bad);
  g_assert_error (error, QS_IR_ERROR, QS_IR_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (qs_parse_shape (qs_node_get_attr (param, "shape"), &shape, &error));
  g_assert_cmpint (shape.rank, ==, 4);
  g_assert_cmpint (shape.ranges[3].max, ==, 8);
  qs_shape_clear (&shape);
}

static void
test_consts (void)
{
  g_autoptr(QsModel) model = load_handwritten (QS_LOAD_FLAGS_NONE);
  QsNode *w = qs_graph_find_node (model->graph, 11);
  QsNode *w2 = qs_graph_find_node (model->graph, 12);
  QsNode *scalar = qs_graph_find_node (model->graph, 13);
  QsNode *nib = qs_graph_find_node (model->graph, 14);
  g_autoptr(GError) error = NULL;
  g_autofree float *wf = qs_const_to_f32 (w, &error);
  g_autofree float *sf = qs_const_to_f32 (scalar, &error);
  g_autofree float *nf = qs_const_to_f32 (nib, &error);

  g_assert_no_error (error);
  /* views into the mapping, unaligned and shared */
  g_assert_true (w->konst->data == model->bin_data + 1);
  g_assert_true (w2->konst->data == w->konst->data);
  g_assert_cmpuint (w->konst->n_elements, ==, 4);
  g_assert_cmpfloat (wf[0], ==, 1.0f);
  g_assert_cmpfloat (wf[1], ==, -2.0f);
  g_assert_cmpfloat (wf[3], ==, 4.0f);
  g_assert_cmpint (scalar->konst->shape.rank, ==, 0);
  g_assert_cmpfloat (sf[0], ==, -5.0f);
  g_assert_cmpfloat (nf[0], ==, 1.0f);
  g_assert_cmpfloat (nf[1], ==, 2.0f);
  g_assert_cmpfloat (nf[2], ==, 15.0f);

  g_assert_null (qs_const_to_f32 (qs_graph_find_node (model->graph, 40), &error));
  g_assert_error (error, QS_IR_ERROR, QS_IR_ERROR_INVALID);
}

static void
test_no_weights (void)
{
  g_autoptr(QsModel) model = load_handwritten (QS_LOAD_FLAGS_NO_WEIGHTS);
  QsNode *w = qs_graph_find_node (model->graph, 11);
  g_autoptr(GError) error = NULL;

  g_assert_null (model->bin_data);
  g_assert_null (w->konst->data);
  g_assert_cmpuint (w->konst->size, ==, 16);
  g_assert_null (qs_const_to_f32 (w, &error));
  g_assert_error (error, QS_IR_ERROR, QS_IR_ERROR_WEIGHTS);
}

static void
test_order (void)
{
  g_autoptr(QsModel) model = load_handwritten (QS_LOAD_FLAGS_NONE);
  QsGraph *g = model->graph;
  g_autofree guint *pos = g_new0 (guint, g->n_nodes);
  guint i, j;

  for (i = 0; i < g->n_nodes; i++)
    pos[g->topo[i]->index] = i;
  for (i = 0; i < g->n_nodes; i++)
    for (j = 0; j < g->nodes[i]->n_inputs; j++)
      {
        const QsPort *src = g->nodes[i]->inputs[j].source;
        if (src != NULL)
          g_assert_cmpuint (pos[src->node->index], <, pos[i]);
      }
  g_assert_cmpuint (g->n_parameters, ==, 1);
  g_assert_cmpstr (g->parameters[0]->name, ==, "input");
  g_assert_cmpuint (g->n_results, ==, 1);
  g_assert_cmpstr (g->results[0]->name, ==, "out");
}

/* A random graph written with its layers out of topological order, sparse
 * ids in no order, edges shuffled and some outputs feeding 20 or more
 * consumers: the reader's consumer lists and order must match what the
 * edges say, computed here the plain way. */
static void
test_shuffled (void)
{
  enum { N = 240 };
  GRand *rand = g_rand_new_with_seed (20261122);
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?>\n<net name=\"shuffled\" version=\"11\">\n<layers>\n");
  g_autoptr(GPtrArray) edges = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(QsModel) model = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  guint64 ids[N];
  guint n_in[N], n_out[N], src_node[N][4], src_out[N][4], doc[N];
  guint i, j, n_edges = 0;
  QsGraph *g;

  for (i = 0; i < N; i++)
    {
      ids[i] = (guint64) i * 7919 % 100003 + (guint64) g_rand_int_range (rand, 0, 5) * 100003;
      n_out[i] = g_rand_int_range (rand, 1, 4);
      n_in[i] = i == 0 ? 0 : g_rand_int_range (rand, 0, 5);
      for (j = 0; j < n_in[i]; j++)
        {
          /* node 0 is a hub: many consumers of the same outputs */
          src_node[i][j] = g_rand_int_range (rand, 0, 4) == 0 ? 0 : g_rand_int_range (rand, 0, i);
          src_out[i][j] = g_rand_int_range (rand, 0, n_out[src_node[i][j]]);
        }
      doc[i] = i;
    }
  /* the file lists the layers shuffled (generation order is topological) */
  for (i = N - 1; i > 0; i--)
    {
      guint k = g_rand_int_range (rand, 0, i + 1), t = doc[i];
      doc[i] = doc[k];
      doc[k] = t;
    }
  for (i = 0; i < N; i++)
    {
      guint v = doc[i];
      g_string_append_printf (xml, "<layer id=\"%" G_GUINT64_FORMAT "\" name=\"n%u\" type=\"%s\" version=\"opset1\">",
                              ids[v], v, n_in[v] == 0 ? "Parameter" : "Add");
      if (n_in[v] > 0)
        {
          g_string_append (xml, "<input>");
          for (j = 0; j < n_in[v]; j++)
            g_string_append_printf (xml, "<port id=\"%u\"><dim>1</dim></port>", j);
          g_string_append (xml, "</input>");
        }
      g_string_append (xml, "<output>");
      for (j = 0; j < n_out[v]; j++)
        g_string_append_printf (xml, "<port id=\"%u\"><dim>1</dim></port>", n_in[v] + j);
      g_string_append (xml, "</output></layer>\n");
      for (j = 0; j < n_in[v]; j++)
        {
          guint u = src_node[v][j];
          g_ptr_array_add (edges, g_strdup_printf ("<edge from-layer=\"%" G_GUINT64_FORMAT "\" from-port=\"%u\" "
                                                   "to-layer=\"%" G_GUINT64_FORMAT "\" to-port=\"%u\"/>\n",
                                                   ids[u], n_in[u] + src_out[v][j], ids[v], j));
          n_edges++;
        }
    }
  g_string_append (xml, "</layers>\n<edges>\n");
  for (i = edges->len - 1; i > 0; i--)
    {
      guint k = g_rand_int_range (rand, 0, i + 1);
      gpointer t = edges->pdata[i];
      edges->pdata[i] = edges->pdata[k];
      edges->pdata[k] = t;
    }
  for (i = 0; i < edges->len; i++)
    g_string_append (xml, edges->pdata[i]);
  g_string_append (xml, "</edges>\n</net>\n");
  g_rand_free (rand);

  bytes = g_string_free_to_bytes (g_steal_pointer (&xml));
  model = qs_model_load_from_bytes ("shuffled.xml", bytes, NULL, QS_LOAD_FLAGS_NO_WEIGHTS, NULL, &error);
  g_assert_no_error (error);
  g = model->graph;
  g_assert_cmpuint (g->n_nodes, ==, N);

  /* every input's source is the port its edge names */
  for (i = 0; i < N; i++)
    {
      const QsNode *node = qs_graph_find_node (g, ids[i]);
      g_assert_nonnull (node);
      g_assert_cmpuint (node->id, ==, ids[i]);
      for (j = 0; j < n_in[i]; j++)
        {
          const QsPort *src = node->inputs[j].source;
          g_assert_nonnull (src);
          g_assert_true (src->node == qs_graph_find_node (g, ids[src_node[i][j]]));
          g_assert_cmpuint (src->index, ==, src_out[i][j]);
        }
    }

  /* each output's consumers: exactly the inputs it feeds, in document order
   * of the consumer, then by input */
  {
    guint total = 0;
    for (i = 0; i < N; i++)
      for (j = 0; j < g->nodes[i]->n_outputs; j++)
        {
          const QsPort *out = &g->nodes[i]->outputs[j];
          guint c;
          total += out->n_consumers;
          for (c = 0; c < out->n_consumers; c++)
            {
              const QsPort *in = out->consumers[c];
              g_assert_true (in->source == out);
              if (c > 0)
                {
                  const QsPort *prev = out->consumers[c - 1];
                  g_assert_true (prev->node->index < in->node->index ||
                                 (prev->node == in->node && prev->index < in->index));
                }
            }
        }
    g_assert_cmpuint (total, ==, n_edges);
  }

  /* the order is Kahn's: the layers without inputs in file order, then each
   * layer's consumers output by output */
  {
    g_autofree guint *pending = g_new0 (guint, N);
    g_autofree const QsNode **queue = g_new0 (const QsNode *, N);
    guint head = 0, tail = 0;

    for (i = 0; i < N; i++)
      {
        pending[i] = g->nodes[i]->n_inputs;
        if (pending[i] == 0)
          queue[tail++] = g->nodes[i];
      }
    while (head < tail)
      {
        const QsNode *node = queue[head++];
        for (j = 0; j < node->n_outputs; j++)
          {
            guint c;
            for (c = 0; c < node->outputs[j].n_consumers; c++)
              {
                const QsNode *next = node->outputs[j].consumers[c]->node;
                if (--pending[next->index] == 0)
                  queue[tail++] = next;
              }
          }
      }
    g_assert_cmpuint (tail, ==, N);
    for (i = 0; i < N; i++)
      g_assert_true (g->topo[i] == queue[i]);
  }
}

static void
test_body (void)
{
  g_autoptr(QsModel) model = load_handwritten (QS_LOAD_FLAGS_NONE);
  QsNode *ti = qs_graph_find_node (model->graph, 100);
  QsGraph *body;

  g_assert_cmpuint (ti->n_bodies, ==, 1);
  g_assert_cmpstr (ti->body_names[0], ==, "body");
  body = ti->bodies[0];
  g_assert_true (body->parent == ti);
  g_assert_cmpuint (body->n_nodes, ==, 3);
  g_assert_cmpuint (body->n_parameters, ==, 1);
  g_assert_cmpuint (body->n_results, ==, 1);
  /* body ids are their own space: id 2 is the body's Result, not the net's */
  g_assert_cmpstr (qs_graph_find_node (body, 2)->name, ==, "body_out");
  g_assert_cmpstr (qs_graph_find_node (model->graph, 2)->name, ==, "out");
  g_assert_cmpstr (body->topo[0]->name, ==, "body_in");
  /* the TensorIterator's own ports survive its body's layers */
  g_assert_cmpint (ti->inputs[0].shape.rank, ==, 4);
  g_assert_cmpint (ti->inputs[0].shape.dims[0], ==, 1);
  g_assert_cmpint (ti->inputs[0].shape.dims[1], ==, 2);
  g_assert_cmpint (ti->outputs[0].shape.dims[1], ==, 2);
  g_assert_cmpint (ti->outputs[0].shape.dims[2], ==, QS_DIM_DYNAMIC);
  g_assert_cmpstr (body->topo[2]->name, ==, "body_out");
  g_assert_nonnull (strstr (ti->port_maps, "<port_map>"));
  g_assert_nonnull (strstr (ti->port_maps, "external_port_id=\"1\""));
  g_assert_nonnull (strstr (ti->port_maps, "<back_edges>"));
}

static void
test_summary (void)
{
  g_autoptr(QsModel) model = load_handwritten (QS_LOAD_FLAGS_NONE);
  g_autoptr(JsonNode) node = qs_model_summarize (model);
  JsonObject *o = json_node_get_object (node);
  JsonArray *inputs = json_object_get_array_member (o, "inputs");
  JsonObject *in0 = json_array_get_object_element (inputs, 0);

  g_assert_cmpint (json_object_get_int_member (o, "ir_version"), ==, 11);
  g_assert_cmpint (json_object_get_int_member (o, "layers"), ==, 11);
  g_assert_cmpstr (json_object_get_string_member (in0, "shape"), ==, "[1,2,?,1..8]");
  g_assert_cmpstr (json_object_get_string_member (in0, "element_type"), ==, "f32");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "fake_quantize"), "count"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "const_element_types"), "f32"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "weight_forms"), "float:f32"), ==, 1);
}

static void
test_cancel (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "models", "handwritten.xml", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QsModel) model = NULL;

  g_cancellable_cancel (cancellable);
  model = qs_model_load (path, QS_LOAD_FLAGS_NONE, cancellable, &error);
  g_assert_null (model);
  g_assert_error (error, QS_IR_ERROR, QS_IR_ERROR_CANCELLED);
}

static void
test_if_loop_string (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "models", "bodies.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QsModel) model = qs_model_load (path, QS_LOAD_FLAGS_NONE, NULL, &error);
  QsNode *iff, *loop, *words;

  g_assert_no_error (error);
  g_assert_cmpuint (model->n_layers, ==, 10 + 3 + 2 + 6);

  iff = qs_graph_find_node_by_name (model->graph, "if");
  g_assert_cmpint (qs_node_opset (iff), ==, 8);
  g_assert_cmpuint (iff->n_bodies, ==, 2);
  g_assert_cmpstr (iff->body_names[0], ==, "then_body");
  g_assert_cmpstr (iff->body_names[1], ==, "else_body");
  g_assert_cmpuint (iff->bodies[0]->n_nodes, ==, 3);
  g_assert_cmpuint (iff->bodies[1]->n_nodes, ==, 2);
  g_assert_true (iff->bodies[1]->parent == iff);
  g_assert_nonnull (strstr (iff->port_maps, "<then_port_map>"));
  g_assert_nonnull (strstr (iff->port_maps, "<else_port_map>"));

  loop = qs_graph_find_node_by_name (model->graph, "loop");
  g_assert_cmpuint (loop->n_bodies, ==, 1);
  g_assert_cmpuint (loop->bodies[0]->n_parameters, ==, 2);
  g_assert_cmpuint (loop->bodies[0]->n_results, ==, 2);
  g_assert_nonnull (strstr (loop->port_maps, "purpose=\"current_iteration\""));
  /* a Const inside a body reads the model's .bin too */
  g_assert_nonnull (qs_graph_find_node_by_name (loop->bodies[0], "always")->konst->data);

  words = qs_graph_find_node_by_name (model->graph, "words");
  g_assert_cmpint (words->konst->element_type, ==, QS_ELEMENT_STRING);
  g_assert_cmpuint (words->konst->n_elements, ==, 2);
  g_assert_cmpmem (words->konst->data + 16, 5, "abcde", 5);
  g_assert_null (qs_const_to_f32 (words, &error));
  g_assert_error (error, QS_IR_ERROR, QS_IR_ERROR_ELEMENT_TYPE);
}

static void
test_from_bytes (void)
{
  g_autofree char *xml_path = g_test_build_filename (G_TEST_DIST, "models", "handwritten.xml", NULL);
  g_autofree char *bin_path = g_test_build_filename (G_TEST_DIST, "models", "handwritten.bin", NULL);
  g_autofree char *xml_text = NULL, *bin_data = NULL;
  g_autoptr(GBytes) xml = NULL, bin = NULL, short_bin = NULL;
  g_autoptr(QsModel) model = NULL, bad = NULL, no_bin = NULL;
  g_autoptr(GError) error = NULL;
  gsize xml_len, bin_len;

  g_assert_true (g_file_get_contents (xml_path, &xml_text, &xml_len, NULL));
  g_assert_true (g_file_get_contents (bin_path, &bin_data, &bin_len, NULL));
  xml = g_bytes_new (xml_text, xml_len);
  bin = g_bytes_new (bin_data, bin_len);

  model = qs_model_load_from_bytes ("mem.xml", xml, bin, QS_LOAD_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (model->n_layers, ==, 11);
  {
    g_autofree float *values = qs_const_to_f32 (qs_graph_find_node (model->graph, 11), NULL);
    g_assert_cmpfloat (values[0], ==, 1.0f);
  }

  /* the same checks as from files: a .bin one byte short fails on the last Const */
  short_bin = g_bytes_new (bin_data, bin_len - 1);
  bad = qs_model_load_from_bytes ("mem.xml", xml, short_bin, QS_LOAD_FLAGS_NONE, NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, QS_IR_ERROR, QS_IR_ERROR_WEIGHTS);
  g_assert_true (g_str_has_prefix (error->message, "mem.xml:"));
  g_clear_error (&error);

  no_bin = qs_model_load_from_bytes ("mem.xml", xml, NULL, QS_LOAD_FLAGS_NONE, NULL, &error);
  g_assert_null (no_bin);
  g_assert_error (error, QS_IR_ERROR, QS_IR_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "mem.bin is missing"));
}

static void
test_limits (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "models", "handwritten.xml", NULL);
  QsLoadLimits limits = *qs_load_limits_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QsModel) model = NULL;

  limits.max_layers = 5;
  model = qs_model_load_full (path, QS_LOAD_FLAGS_NONE, &limits, NULL, &error);
  g_assert_null (model);
  g_assert_error (error, QS_IR_ERROR, QS_IR_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "more than 5 layers"));
  g_clear_error (&error);

  limits = *qs_load_limits_default ();
  limits.max_dim = 4;
  model = qs_model_load_full (path, QS_LOAD_FLAGS_NONE, &limits, NULL, &error);
  g_assert_null (model);
  g_assert_error (error, QS_IR_ERROR, QS_IR_ERROR_LIMIT);
  g_clear_error (&error);

  limits = *qs_load_limits_default ();
  limits.max_elements = 3;
  model = qs_model_load_full (path, QS_LOAD_FLAGS_NONE, &limits, NULL, &error);
  g_assert_null (model);
  g_assert_error (error, QS_IR_ERROR, QS_IR_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "more than the limit of 3"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qscope/ir-reader/net", test_net);
  g_test_add_func ("/qscope/ir-reader/ids-and-ports", test_ids_and_ports);
  g_test_add_func ("/qscope/ir-reader/attributes", test_attributes);
  g_test_add_func ("/qscope/ir-reader/consts", test_consts);
  g_test_add_func ("/qscope/ir-reader/no-weights", test_no_weights);
  g_test_add_func ("/qscope/ir-reader/order", test_order);
  g_test_add_func ("/qscope/ir-reader/shuffled", test_shuffled);
  g_test_add_func ("/qscope/ir-reader/body", test_body);
  g_test_add_func ("/qscope/ir-reader/summary", test_summary);
  g_test_add_func ("/qscope/ir-reader/cancel", test_cancel);
  g_test_add_func ("/qscope/ir-reader/if-loop-string", test_if_loop_string);
  g_test_add_func ("/qscope/ir-reader/from-bytes", test_from_bytes);
  g_test_add_func ("/qscope/ir-reader/limits", test_limits);

  return g_test_run ();
}
