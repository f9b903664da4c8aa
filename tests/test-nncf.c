/* test-nncf.c — NNCF's quantization settings in the rt_info, and what lpt makes of them
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The rt_info below has the shape of the shared yolov8n NNCF models'
 * (nncf/quantization/ignored_scope/{names,patterns,subgraphs,types} and
 * the other arguments of nncf.quantize() as Python literals).
 */
#include "config.h"

#include <string.h>

#include "qscope-core.h"
#include "qs-graph-builder.h"
#include "qs-ir-writer.h"
#include "qs-lpt.h"
#include "qs-test-dir.h"
#include "qs-test-models.h"

#define RT_INFO(NAMES, PATTERNS, TYPES, SUBGRAPHS) \
  "<rt_info>\n" \
  "  <nncf>\n" \
  "    <friendly_names_were_updated value=\"True\" />\n" \
  "    <quantization>\n" \
  "      <fast_bias_correction value=\"True\" />\n" \
  "      <ignored_scope>\n" \
  "        <names value=\"" NAMES "\" />\n" \
  "        <patterns value=\"" PATTERNS "\" />\n" \
  "        <subgraphs value=\"" SUBGRAPHS "\" />\n" \
  "        <types value=\"" TYPES "\" />\n" \
  "        <validate value=\"True\" />\n" \
  "      </ignored_scope>\n" \
  "      <model_type value=\"None\" />\n" \
  "      <preset value=\"mixed\" />\n" \
  "      <subset_size value=\"300\" />\n" \
  "      <target_device value=\"ANY\" />\n" \
  "    </quantization>\n" \
  "  </nncf>\n" \
  "</rt_info>"

static QsNode *
conv1x1 (QsGraphBuilder *b,
         const char     *name,
         QsNode         *x,
         gboolean        quantized_weights)
{
  QsNode *conv = qs_graph_builder_add_node (b, "Convolution", "opset1", name, 2, 1);
  g_autofree char *wname = g_strdup_printf ("%s/w", name), *fqname = g_strdup_printf ("%s/fq_w", name);
  gint64 d[4] = { 1, 2, 3, 3 }, wd[4] = { 2, 2, 1, 1 };
  float w[4] = { 0.5f, -0.25f, 0.75f, 0.125f };
  QsNode *wk = qs_graph_builder_add_const_f32 (b, wname, 4, wd, w);

  if (quantized_weights)
    wk = qs_test_fake_quantize_levels (b, fqname, "255", wk, -1.27f, 1.27f, 4, wd);
  qs_graph_builder_set_attr (b, conv, "strides", "1,1");
  qs_graph_builder_set_attr (b, conv, "pads_begin", "0,0");
  qs_graph_builder_set_attr (b, conv, "pads_end", "0,0");
  qs_graph_builder_set_attr (b, conv, "dilations", "1,1");
  qs_graph_builder_set_port (b, &conv->inputs[0], QS_ELEMENT_F32, 4, d);
  qs_graph_builder_set_port (b, &conv->inputs[1], QS_ELEMENT_F32, 4, wd);
  qs_graph_builder_set_port (b, &conv->outputs[0], QS_ELEMENT_F32, 4, d);
  qs_test_wire (b, x, 0, conv, 0);
  qs_test_wire (b, wk, 0, conv, 1);
  return conv;
}

/* x → FQ → "head/conv" (int8) → "/model.22/dfl/conv/Conv" (no FakeQuantize:
 * NNCF excluded it) → "scale/Mul" (Multiply by a constant) → "tail/conv"
 * (no FakeQuantize) → Result, written with @rt_info and read back. */
static QsModel *
model_with (const char *dir,
            const char *rt_info)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("nncf");
  g_autofree char *path = g_build_filename (dir, "nncf.xml", NULL);
  gint64 d[4] = { 1, 2, 3, 3 };
  g_autoptr(QsModel) built = NULL;
  g_autoptr(GError) error = NULL;
  QsNode *x, *c, *mul, *res;
  QsModel *model;

  x = qs_graph_builder_add_node (b, "Parameter", "opset1", "x", 0, 1);
  qs_graph_builder_set_port (b, &x->outputs[0], QS_ELEMENT_F32, 4, d);
  c = qs_test_fake_quantize_levels (b, "fq_x", "256", x, 0.0f, 2.55f, 4, d);
  c = conv1x1 (b, "head/conv", c, TRUE);
  c = conv1x1 (b, "/model.22/dfl/conv/Conv", c, TRUE);
  mul = qs_graph_builder_add_node (b, "Multiply", "opset1", "scale/Mul", 2, 1);
  qs_graph_builder_set_port (b, &mul->inputs[0], QS_ELEMENT_F32, 4, d);
  qs_graph_builder_set_port (b, &mul->inputs[1], QS_ELEMENT_F32, 0, d);
  qs_graph_builder_set_port (b, &mul->outputs[0], QS_ELEMENT_F32, 4, d);
  qs_test_wire (b, c, 0, mul, 0);
  qs_test_wire (b, qs_test_scalar (b, 0.5f), 0, mul, 1);
  c = conv1x1 (b, "tail/conv", mul, TRUE);
  res = qs_graph_builder_add_node (b, "Result", "opset1", "y", 1, 0);
  qs_graph_builder_set_port (b, &res->inputs[0], QS_ELEMENT_F32, 4, d);
  qs_test_wire (b, c, 0, res, 0);
  built = qs_graph_builder_finish (b, &error);
  g_assert_no_error (error);
  built->rt_info = rt_info;
  g_assert_true (qs_ir_write (built, path, NULL, &error));
  g_assert_no_error (error);
  built->rt_info = NULL;   /* the caller's string */
  model = qs_model_load (path, QS_LOAD_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  return model;
}

static const QsLptDecision *
decision (const QsLptResult *lpt,
          QsModel           *model,
          const char        *name)
{
  const QsNode *node = qs_graph_find_node_by_name (model->graph, name);

  g_assert_nonnull (node);
  return qs_lpt_result_get_decision (lpt, node);
}

/* Settings listed; names exact, patterns as regular expressions from the
 * start of the name, types by op type. */
static void
test_ignored_scope (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("nncf");
  g_autoptr(QsModel) model = model_with (dir, RT_INFO ("['tail/conv']", "['/model\\\\.22/dfl', 'conv']",
                                                       "['Multiply']", "[]"));
  g_autoptr(QsNncfSettings) settings = NULL;
  g_autoptr(QsLptResult) lpt = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) summary = NULL;
  g_autofree char *text = NULL;
  const QsLptDecision *d;
  const char *const *patterns;

  settings = qs_nncf_settings_from_model (model, &error);
  g_assert_no_error (error);
  g_assert_nonnull (settings);
  g_assert_cmpstr (qs_nncf_settings_get (settings, "preset"), ==, "mixed");
  g_assert_cmpstr (qs_nncf_settings_get (settings, "target_device"), ==, "ANY");
  g_assert_cmpstr (qs_nncf_settings_get (settings, "ignored_scope/types"), ==, "['Multiply']");
  patterns = qs_nncf_settings_get_ignored (settings, "patterns");
  g_assert_cmpstr (patterns[0], ==, "/model\\.22/dfl");
  g_assert_cmpstr (patterns[1], ==, "conv");
  g_assert_null (patterns[2]);

  lpt = qs_lpt_run (model, &error);
  g_assert_no_error (error);
  d = decision (lpt, model, "head/conv");
  g_assert_cmpint (d->precision, ==, QS_LPT_PRECISION_INT8);
  g_assert_null (d->nncf_ignored);   /* 'conv' matches from the start only */
  d = decision (lpt, model, "/model.22/dfl/conv/Conv");
  g_assert_cmpint (d->precision, ==, QS_LPT_PRECISION_FP32);
  g_assert_cmpstr (d->nncf_ignored, ==, "pattern '/model\\.22/dfl'");
  g_assert_cmpstr (d->reason, ==, "excluded by NNCF ignored_scope pattern '/model\\.22/dfl': no FakeQuantize "
                                  "quantizes its input");
  d = decision (lpt, model, "scale/Mul");
  g_assert_cmpstr (d->nncf_ignored, ==, "type 'Multiply'");
  d = decision (lpt, model, "tail/conv");
  g_assert_cmpstr (d->nncf_ignored, ==, "name 'tail/conv'");
  g_assert_true (g_str_has_prefix (d->reason, "excluded by NNCF ignored_scope name 'tail/conv'"));
  text = qs_lpt_result_summary (lpt);
  g_assert_nonnull (strstr (text, "excluded by NNCF ignored_scope"));

  summary = qs_model_summarize (model);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (summary),
                                                                                 "nncf"), "ignored_scope/names"),
                   ==, "['tail/conv']");
}

/* A subgraph covers the layers on a path from its inputs to its outputs. */
static void
test_subgraph (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("nncf");
  g_autoptr(QsModel) model = model_with (dir, RT_INFO ("[]", "[]", "[]",
                                                       "[{'inputs': ['/model.22/dfl/conv/Conv'], "
                                                       "'outputs': ['tail/conv']}]"));
  g_autoptr(QsLptResult) lpt = NULL;
  g_autoptr(GError) error = NULL;

  lpt = qs_lpt_run (model, &error);
  g_assert_no_error (error);
  g_assert_null (decision (lpt, model, "head/conv")->nncf_ignored);
  g_assert_cmpstr (decision (lpt, model, "/model.22/dfl/conv/Conv")->nncf_ignored, ==, "subgraph 1");
  g_assert_cmpstr (decision (lpt, model, "scale/Mul")->nncf_ignored, ==, "subgraph 1");
  g_assert_cmpstr (decision (lpt, model, "tail/conv")->nncf_ignored, ==, "subgraph 1");
}

/* Python literals as NNCF prints them; what qscope cannot read is an
 * error for `info`, and the transformation runs without the scope. */
static void
test_literals (void)
{
  g_autoptr(QsNncfSettings) s = NULL;
  g_autoptr(GError) error = NULL;
  const char *const *names;

  s = qs_nncf_settings_from_rt_info (RT_INFO ("[&quot;it's&quot;, 'a\\'b', 'c\\\\d']", "None", "[]", "[]"),
                                     &error);
  g_assert_no_error (error);
  names = qs_nncf_settings_get_ignored (s, "names");
  g_assert_cmpstr (names[0], ==, "it's");
  g_assert_cmpstr (names[1], ==, "a'b");
  g_assert_cmpstr (names[2], ==, "c\\d");
  g_assert_null (qs_nncf_settings_get_ignored (s, "patterns")[0]);
  g_clear_pointer (&s, qs_nncf_settings_free);

  g_assert_null (qs_nncf_settings_from_rt_info ("<rt_info><model_info/></rt_info>", &error));
  g_assert_no_error (error);

  s = qs_nncf_settings_from_rt_info (RT_INFO ("['a', 3]", "[]", "[]", "[]"), &error);
  g_assert_error (error, QS_NNCF_ERROR, QS_NNCF_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "ignored_scope/names"));
  g_clear_error (&error);
  s = qs_nncf_settings_from_rt_info (RT_INFO ("[]", "['(unclosed']", "[]", "[]"), &error);
  g_assert_error (error, QS_NNCF_ERROR, QS_NNCF_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "(unclosed"));
  g_clear_error (&error);
  s = qs_nncf_settings_from_rt_info (RT_INFO ("['a'", "[]", "[]", "[]"), &error);
  g_assert_error (error, QS_NNCF_ERROR, QS_NNCF_ERROR_FORMAT);
  g_clear_error (&error);

  {
    g_autoptr(TestDir) dir = qs_test_make_dir ("nncf");
    g_autoptr(QsModel) model = model_with (dir, RT_INFO ("[]", "['(unclosed']", "[]", "[]"));
    g_autoptr(QsLptResult) lpt = qs_lpt_run (model, &error);
    g_autoptr(JsonNode) summary = qs_model_summarize (model);

    g_assert_no_error (error);
    g_assert_null (decision (lpt, model, "tail/conv")->nncf_ignored);
    g_assert_true (json_object_has_member (json_node_get_object (summary), "nncf_error"));
  }
}

/* The shared yolov8n NNCF model: the DFL convolution is fp32 because NNCF
 * excluded it (patterns '/model.22/dfl' among them). */
static void
test_yolov8n (void)
{
  const char *models = g_getenv ("QS_SHARED_MODELS");
  g_autofree char *path = g_build_filename (models != NULL ? models : "", "yolov8n-int8-nncf-v11", "yolov8n.xml",
                                            NULL);
  g_autoptr(QsModel) model = NULL;
  g_autoptr(QsLptResult) lpt = NULL;
  g_autoptr(GError) error = NULL;
  const QsLptDecision *d;

  if (models == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("set QS_SHARED_MODELS to the shared models folder");
      return;
    }
  model = qs_model_load (path, QS_LOAD_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  lpt = qs_lpt_run (model, &error);
  g_assert_no_error (error);
  d = decision (lpt, model, "/model.22/dfl/conv/Conv");
  g_assert_cmpint (d->precision, ==, QS_LPT_PRECISION_FP32);
  g_assert_cmpstr (d->nncf_ignored, ==, "pattern '/model.22/dfl'");
  g_assert_true (g_str_has_prefix (d->reason, "excluded by NNCF ignored_scope pattern '/model.22/dfl'"));
  g_assert_cmpstr (decision (lpt, model, "/model.22/Sigmoid")->nncf_ignored, ==, "name '/model.22/Sigmoid'");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qscope/nncf/ignored-scope", test_ignored_scope);
  g_test_add_func ("/qscope/nncf/subgraph", test_subgraph);
  g_test_add_func ("/qscope/nncf/literals", test_literals);
  g_test_add_func ("/qscope/nncf/yolov8n", test_yolov8n);
  return g_test_run ();
}
