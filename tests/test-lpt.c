/* test-lpt.c — FakeQuantize analysis, builder/writer, the transformation
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "qscope-core.h"
#include "qs-graph-builder.h"
#include "qs-ir-writer.h"
#include "qs-fq-analysis.h"
#include "qs-lpt.h"

static gint64 d4[4] = { 1, 2, 4, 4 };

static QsNode *
scalar (QsGraphBuilder *b, float v)
{
  return qs_graph_builder_add_const_f32 (b, NULL, 0, NULL, &v);
}

/* Parameter → FQ(levels, ranges) → Convolution(1x1, 2→2, weights FQ) → Result */
static QsModel *
conv_model (guint levels, float il, float ih, gboolean per_channel_act, float w_ol)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("t");
  QsNode *p = qs_graph_builder_add_node (b, "Parameter", "opset1", "x", 0, 1);
  QsNode *fq = qs_graph_builder_add_node (b, "FakeQuantize", "opset1", "fq", 5, 1);
  QsNode *conv = qs_graph_builder_add_node (b, "Convolution", "opset1", "conv", 2, 1);
  QsNode *res = qs_graph_builder_add_node (b, "Result", "opset1", "out", 1, 0);
  QsNode *wfq = qs_graph_builder_add_node (b, "FakeQuantize", "opset1", "wfq", 5, 1);
  gint64 wd[4] = { 2, 2, 1, 1 }, cd[4] = { 1, 2, 1, 1 };
  float wv[4] = { 0.3f, -0.2f, 0.1f, 0.5f };
  float lo2[2] = { il, il * 2 }, hi2[2] = { ih, ih * 2 };
  QsNode *wk = qs_graph_builder_add_const_f32 (b, "w", 4, wd, wv);
  g_autofree char *lv = g_strdup_printf ("%u", levels);
  guint i;

  qs_graph_builder_set_port (b, &p->outputs[0], QS_ELEMENT_F32, 4, d4);
  for (i = 0; i < 5; i++)
    qs_graph_builder_set_port (b, &fq->inputs[i], QS_ELEMENT_F32, i == 0 ? 4 : 0, d4);
  qs_graph_builder_set_port (b, &fq->outputs[0], QS_ELEMENT_F32, 4, d4);
  qs_graph_builder_set_attr (b, fq, "levels", lv);
  qs_graph_builder_connect (b, p, 0, fq, 0, NULL);
  if (per_channel_act)
    {
      QsNode *k[4] = { qs_graph_builder_add_const_f32 (b, NULL, 4, cd, lo2), qs_graph_builder_add_const_f32 (b, NULL, 4, cd, hi2),
                       qs_graph_builder_add_const_f32 (b, NULL, 4, cd, lo2), qs_graph_builder_add_const_f32 (b, NULL, 4, cd, hi2) };
      for (i = 0; i < 4; i++)
        {
          qs_graph_builder_set_port (b, &fq->inputs[i + 1], QS_ELEMENT_F32, 4, cd);
          qs_graph_builder_connect (b, k[i], 0, fq, i + 1, NULL);
        }
    }
  else
    {
      qs_graph_builder_connect (b, scalar (b, il), 0, fq, 1, NULL);
      qs_graph_builder_connect (b, scalar (b, ih), 0, fq, 2, NULL);
      qs_graph_builder_connect (b, scalar (b, il), 0, fq, 3, NULL);
      qs_graph_builder_connect (b, scalar (b, ih), 0, fq, 4, NULL);
    }
  qs_graph_builder_set_attr (b, wfq, "levels", "255");
  qs_graph_builder_set_port (b, &wfq->inputs[0], QS_ELEMENT_F32, 4, wd);
  qs_graph_builder_set_port (b, &wfq->outputs[0], QS_ELEMENT_F32, 4, wd);
  qs_graph_builder_connect (b, wk, 0, wfq, 0, NULL);
  qs_graph_builder_connect (b, scalar (b, -1.27f), 0, wfq, 1, NULL);
  qs_graph_builder_connect (b, scalar (b, 1.27f), 0, wfq, 2, NULL);
  qs_graph_builder_connect (b, scalar (b, w_ol), 0, wfq, 3, NULL);
  qs_graph_builder_connect (b, scalar (b, 1.27f), 0, wfq, 4, NULL);
  qs_graph_builder_set_attr (b, conv, "strides", "1,1");
  qs_graph_builder_set_attr (b, conv, "pads_begin", "0,0");
  qs_graph_builder_set_attr (b, conv, "pads_end", "0,0");
  qs_graph_builder_set_attr (b, conv, "dilations", "1,1");
  qs_graph_builder_set_port (b, &conv->inputs[0], QS_ELEMENT_F32, 4, d4);
  qs_graph_builder_set_port (b, &conv->inputs[1], QS_ELEMENT_F32, 4, wd);
  qs_graph_builder_set_port (b, &conv->outputs[0], QS_ELEMENT_F32, 4, d4);
  qs_graph_builder_set_port (b, &res->inputs[0], QS_ELEMENT_F32, 4, d4);
  qs_graph_builder_connect (b, fq, 0, conv, 0, NULL);
  qs_graph_builder_connect (b, wfq, 0, conv, 1, NULL);
  qs_graph_builder_connect (b, conv, 0, res, 0, NULL);
  return qs_graph_builder_finish (b, NULL);
}

static const QsLptDecision *
decision_of (QsLptResult *r, const char *name)
{
  QsModel *m = qs_lpt_result_get_original (r);
  return qs_lpt_result_get_decision (r, qs_graph_find_node_by_name (m->graph, name));
}

static void
test_formulas_per_tensor (void)
{
  g_autoptr(QsModel) m = conv_model (256, -0.5f, 1.0f, FALSE, -1.27f);
  g_autoptr(QsFqInfo) info = qs_fq_analyze (qs_graph_find_node_by_name (m->graph, "fq"), NULL);

  g_assert_nonnull (info);
  /* fakequantize.md §5: scale 1.5/255, zero point 85 */
  g_assert_cmpfloat_with_epsilon (info->scale[0], 1.5f / 255, 1e-7);
  g_assert_cmpfloat_with_epsilon (info->zero_point[0], 85.0f, 1e-4);
  g_assert_true (info->zero_exact);
  g_assert_true (info->has_zero_point);
  g_assert_cmpint (info->precision, ==, QS_ELEMENT_U8);
  g_assert_cmpint (info->axis, ==, -1);
  g_assert_cmpfloat_with_epsilon (qs_fq_info_target_zero_point (info, 0, 0, 255), 85.0f, 1e-4);
}

static void
test_formulas_per_channel (void)
{
  g_autoptr(QsModel) m = conv_model (256, 0.0f, 2.55f, TRUE, -1.27f);
  g_autoptr(QsFqInfo) info = qs_fq_analyze (qs_graph_find_node_by_name (m->graph, "fq"), NULL);

  g_assert_nonnull (info);
  g_assert_cmpint (info->axis, ==, 1);
  g_assert_cmpuint (info->n_channels, ==, 2);
  g_assert_cmpfloat_with_epsilon (info->scale[0], 0.01f, 1e-7);
  g_assert_cmpfloat_with_epsilon (info->scale[1], 0.02f, 1e-7);
  g_assert_cmpfloat (info->zero_point[1], ==, 0.0f);
  g_assert_cmpint (info->precision, ==, QS_ELEMENT_U8);
  g_assert_false (info->has_zero_point);
}

static void
test_i8_symmetric (void)
{
  g_autoptr(QsModel) m = conv_model (256, -1.28f, 1.27f, FALSE, -1.27f);
  g_autoptr(QsFqInfo) info = qs_fq_analyze (qs_graph_find_node_by_name (m->graph, "fq"), NULL);
  int qmin, qmax;

  g_assert_cmpint (info->precision, ==, QS_ELEMENT_I8);
  g_assert_false (info->has_zero_point);
  g_assert_true (qs_fq_target_interval (256, QS_ELEMENT_I8, &qmin, &qmax));
  g_assert_cmpint (qmin, ==, -128);
  g_assert_cmpint (qmax, ==, 127);
  g_assert_cmpfloat_with_epsilon (qs_fq_info_target_zero_point (info, 0, qmin, qmax), 0.0f, 1e-3);
}

static void
test_conv_int8 (void)
{
  g_autoptr(QsModel) m = conv_model (256, 0.0f, 2.55f, FALSE, -1.27f);
  g_autoptr(QsLptResult) r = qs_lpt_run (m, NULL);
  const QsLptDecision *d = decision_of (r, "conv");
  QsModel *t = qs_lpt_result_get_model (r);
  guint i, n_deq = 0, n_q = 0;

  g_assert_cmpint (d->precision, ==, QS_LPT_PRECISION_INT8);
  /* lpt.md §9: s_x = 0.01, s_w = 0.01 */
  g_assert_cmpfloat_with_epsilon (d->output.scale[0], 1e-4, 1e-9);
  for (i = 0; i < t->graph->n_nodes; i++)
    {
      QsLptRole role = qs_lpt_node_role (t->graph->nodes[i]);
      n_deq += role == QS_LPT_ROLE_DEQUANTIZE;
      n_q += role == QS_LPT_ROLE_QUANTIZE;
      if (role == QS_LPT_ROLE_INT8_COMPUTE)
        g_assert_cmpint (t->graph->nodes[i]->inputs[1].source->node->konst->element_type, ==, QS_ELEMENT_I8);
    }
  g_assert_cmpuint (n_deq, ==, 1);
  g_assert_cmpuint (n_q, ==, 1);
}

static void
test_levels2 (void)
{
  g_autoptr(QsModel) m = conv_model (2, 0.0f, 1.0f, FALSE, -1.27f);
  g_autoptr(QsLptResult) r = qs_lpt_run (m, NULL);

  g_assert_nonnull (strstr (decision_of (r, "fq")->reason, "levels=2 is not decomposed"));
  g_assert_cmpint (decision_of (r, "conv")->precision, ==, QS_LPT_PRECISION_FP32);
}

static void
test_per_channel_conv (void)
{
  g_autoptr(QsModel) m = conv_model (256, 0.0f, 2.55f, TRUE, -1.27f);
  g_autoptr(QsLptResult) r = qs_lpt_run (m, NULL);
  const QsLptDecision *d = decision_of (r, "conv");

  g_assert_cmpint (d->precision, ==, QS_LPT_PRECISION_FP32);
  g_assert_nonnull (strstr (d->reason, "per-channel; Convolution needs one scale"));
  /* folded back: the activation FakeQuantize stays */
  g_assert_cmpint (decision_of (r, "fq")->precision, ==, QS_LPT_PRECISION_FP32);
}

static void
test_weight_zero_point (void)
{
  g_autoptr(QsModel) m = conv_model (256, 0.0f, 2.55f, FALSE, -0.5f);
  g_autoptr(QsLptResult) r = qs_lpt_run (m, NULL);
  const QsLptDecision *d = decision_of (r, "conv");

  g_assert_cmpint (d->precision, ==, QS_LPT_PRECISION_FP32);
  g_assert_nonnull (strstr (d->reason, "zero point"));
}

static void
test_writer_builder_round_trip (void)
{
  g_autoptr(QsModel) m = conv_model (256, 0.0f, 2.55f, FALSE, -1.27f);
  g_autoptr(QsLptResult) r = qs_lpt_run (m, NULL);
  g_autofree char *dir = g_dir_make_tmp ("qs-lpt-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "t.xml", NULL);
  g_autofree char *bin = g_build_filename (dir, "t.bin", NULL);
  g_autoptr(QsModel) back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (qs_ir_write (qs_lpt_result_get_model (r), path, NULL, &error));
  g_assert_no_error (error);
  back = qs_model_load (path, QS_LOAD_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->graph->n_nodes, ==, qs_lpt_result_get_model (r)->graph->n_nodes);
  g_unlink (path);
  g_unlink (bin);
  g_rmdir (dir);
}

static void
compare_models (QsModel *a, QsModel *b)
{
  guint i, j;

  g_assert_cmpuint (a->graph->n_nodes, ==, b->graph->n_nodes);
  for (i = 0; i < a->graph->n_nodes; i++)
    {
      const QsNode *x = a->graph->nodes[i], *y = b->graph->nodes[i];
      g_assert_cmpuint (x->id, ==, y->id);
      g_assert_cmpstr (x->type, ==, y->type);
      g_assert_cmpuint (x->n_inputs, ==, y->n_inputs);
      for (j = 0; j < x->n_inputs; j++)
        if (x->inputs[j].source != NULL)
          {
            g_assert_cmpuint (x->inputs[j].source->node->id, ==, y->inputs[j].source->node->id);
            g_assert_cmpuint (x->inputs[j].source->xml_id, ==, y->inputs[j].source->xml_id);
          }
      if (x->konst != NULL && x->konst->data != NULL)
        {
          g_assert_cmpuint (x->konst->size, ==, y->konst->size);
          g_assert_true (memcmp (x->konst->data, y->konst->data, x->konst->size) == 0);
        }
    }
}

static GPtrArray *
shared_models (gboolean *xml_only_out)
{
  const char *root = g_getenv ("QS_SHARED_MODELS");
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (root == NULL || (dir = g_dir_open (root, 0, NULL)) == NULL)
    return out;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *sub = g_build_filename (root, name, NULL);
      g_autoptr(GDir) d = g_dir_open (sub, 0, NULL);
      const char *f;
      if (d == NULL || g_str_has_prefix (name, "legacy-"))
        continue;
      while ((f = g_dir_read_name (d)) != NULL)
        if (g_str_has_suffix (f, ".xml"))
          g_ptr_array_add (out, g_build_filename (sub, f, NULL));
    }
  g_ptr_array_sort (out, (GCompareFunc) g_strcmp0);
  return out;
}

static void
test_round_trip_shared (void)
{
  g_autoptr(GPtrArray) models = shared_models (NULL);
  g_autofree char *dir = g_dir_make_tmp ("qs-rt-XXXXXX", NULL);
  guint i;

  if (models->len == 0)
    {
      g_test_skip ("QS_SHARED_MODELS is not set or empty");
      return;
    }
  for (i = 0; i < models->len; i++)
    {
      const char *path = models->pdata[i];
      QsLoadFlags flags = strstr (path, "_xml_only") ? QS_LOAD_FLAGS_NO_WEIGHTS : QS_LOAD_FLAGS_NONE;
      g_autoptr(GError) error = NULL;
      g_autoptr(QsModel) m = qs_model_load (path, flags, NULL, &error);
      g_autofree char *out = g_build_filename (dir, "rt.xml", NULL);
      g_autofree char *outbin = g_build_filename (dir, "rt.bin", NULL);
      g_autoptr(QsModel) back = NULL;

      g_assert_no_error (error);
      g_assert_true (qs_ir_write (m, out, NULL, &error));
      g_assert_no_error (error);
      back = qs_model_load (out, flags, NULL, &error);
      g_assert_no_error (error);
      compare_models (m, back);
      g_unlink (out);
      g_unlink (outbin);
    }
  g_rmdir (dir);
}

static void
test_int8_models (void)
{
  g_autoptr(GPtrArray) models = shared_models (NULL);
  guint i, j;

  if (models->len == 0)
    {
      g_test_skip ("QS_SHARED_MODELS is not set or empty");
      return;
    }
  for (i = 0; i < models->len; i++)
    {
      const char *path = models->pdata[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(QsModel) m = NULL;
      g_autoptr(QsLptResult) r = NULL;
      g_autofree char *summary = NULL;
      g_autofree char *base = g_path_get_basename (g_path_get_dirname (path));

      if (strstr (path, "int8") == NULL || strstr (path, "_xml_only") != NULL)
        continue;
      m = qs_model_load (path, QS_LOAD_FLAGS_NONE, NULL, &error);
      g_assert_no_error (error);
      r = qs_lpt_run (m, &error);
      g_assert_no_error (error);
      for (j = 0; j < m->graph->n_nodes; j++)
        {
          const QsLptDecision *d = qs_lpt_result_get_decision_at (r, j);
          if (d->is_compute && d->precision == QS_LPT_PRECISION_FP32)
            g_assert_nonnull (d->reason);
        }
      summary = qs_lpt_result_summary (r);
      g_test_message ("%s: %s", base, summary);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qscope/lpt/fq/per-tensor", test_formulas_per_tensor);
  g_test_add_func ("/qscope/lpt/fq/per-channel", test_formulas_per_channel);
  g_test_add_func ("/qscope/lpt/fq/i8-symmetric", test_i8_symmetric);
  g_test_add_func ("/qscope/lpt/conv/int8", test_conv_int8);
  g_test_add_func ("/qscope/lpt/conv/levels-2", test_levels2);
  g_test_add_func ("/qscope/lpt/conv/per-channel-activation", test_per_channel_conv);
  g_test_add_func ("/qscope/lpt/conv/weight-zero-point", test_weight_zero_point);
  g_test_add_func ("/qscope/lpt/writer/built-model", test_writer_builder_round_trip);
  g_test_add_func ("/qscope/lpt/writer/shared-models", test_round_trip_shared);
  g_test_add_func ("/qscope/lpt/models/int8", test_int8_models);
  return g_test_run ();
}
