/* qs-test-models.c — small models the tests build, write and load
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "qs-ir-writer.h"
#include "qs-test-models.h"

/* ---- building small models ---- */

void
qs_test_wire (QsGraphBuilder *b,
              QsNode         *from,
              guint           port,
              QsNode         *to,
              guint           in)
{
  g_autoptr(GError) error = NULL;

  qs_graph_builder_connect (b, from, port, to, in, &error);
  g_assert_no_error (error);
}

QsNode *
qs_test_scalar (QsGraphBuilder *b,
                float           v)
{
  return qs_graph_builder_add_const_f32 (b, NULL, 0, NULL, &v);
}

gsize
qs_test_n_elements (int           rank,
                    const gint64 *dims)
{
  gsize n = 1;
  int d;

  for (d = 0; d < rank; d++)
    n *= (gsize) dims[d];
  return n;
}

static guint64 rng_state;

void
qs_test_rng_seed (guint64 seed)
{
  rng_state = seed;
}

guint64
qs_test_rng (void)
{
  guint64 z = (rng_state += 0x9e3779b97f4a7c15ull);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

float
qs_test_rnd (float lo,
             float hi)
{
  return lo + (hi - lo) * (float) ((qs_test_rng () >> 40) / (double) (1ull << 24));
}

QsNode *
qs_test_const_to (QsGraphBuilder *b,
                  QsNode         *to,
                  guint           in,
                  QsElementType   type,
                  int             rank,
                  const gint64   *dims,
                  gconstpointer   values)
{
  guint64 bytes = 0;
  QsNode *k;

  g_assert_true (qs_element_type_byte_size (type, qs_test_n_elements (rank, dims), &bytes));
  k = qs_graph_builder_add_const (b, NULL, type, rank, dims, values, bytes);

  qs_graph_builder_set_port (b, &to->inputs[in], type, rank, dims);
  qs_test_wire (b, k, 0, to, in);
  return k;
}

QsNode *
qs_test_parameter (QsGraphBuilder *b,
                   const char     *name,
                   int             rank,
                   const gint64   *dims)
{
  QsNode *x = qs_graph_builder_add_node (b, "Parameter", "opset1", name, 0, 1);

  qs_graph_builder_set_port (b, &x->outputs[0], QS_ELEMENT_F32, rank, dims);
  return x;
}

/* a layer of @type with @n_in f32 inputs of shape @dims and one output of the same */
QsNode *
qs_test_eltwise (QsGraphBuilder *b,
                 const char     *type,
                 const char     *name,
                 guint           n_in,
                 QsNode *const  *in,
                 int             rank,
                 const gint64   *dims)
{
  QsNode *n = qs_graph_builder_add_node (b, type, "opset1", name, n_in, 1);
  guint i;

  for (i = 0; i < n_in; i++)
    {
      qs_graph_builder_set_port (b, &n->inputs[i], QS_ELEMENT_F32, rank, dims);
      qs_test_wire (b, in[i], 0, n, i);
    }
  qs_graph_builder_set_port (b, &n->outputs[0], QS_ELEMENT_F32, rank, dims);
  return n;
}

QsNode *
qs_test_fake_quantize_levels (QsGraphBuilder *b,
                              const char     *name,
                              const char     *levels,
                              QsNode         *x,
                              float           lo,
                              float           hi,
                              int             rank,
                              const gint64   *dims)
{
  QsNode *fq = qs_graph_builder_add_node (b, "FakeQuantize", "opset1", name, 5, 1);
  guint i;

  qs_graph_builder_set_attr (b, fq, "levels", levels);
  for (i = 0; i < 5; i++)
    qs_graph_builder_set_port (b, &fq->inputs[i], QS_ELEMENT_F32, i == 0 ? rank : 0, dims);
  qs_graph_builder_set_port (b, &fq->outputs[0], QS_ELEMENT_F32, rank, dims);
  qs_test_wire (b, x, 0, fq, 0);
  qs_test_wire (b, qs_test_scalar (b, lo), 0, fq, 1);
  qs_test_wire (b, qs_test_scalar (b, hi), 0, fq, 2);
  qs_test_wire (b, qs_test_scalar (b, lo), 0, fq, 3);
  qs_test_wire (b, qs_test_scalar (b, hi), 0, fq, 4);
  return fq;
}

/* an activation quantizer: 256 levels */
QsNode *
qs_test_fake_quantize (QsGraphBuilder *b,
                       const char     *name,
                       QsNode         *x,
                       float           lo,
                       float           hi,
                       int             rank,
                       const gint64   *dims)
{
  return qs_test_fake_quantize_levels (b, name, "256", x, lo, hi, rank, dims);
}

/* a 1x1 Convolution of @x [1,ci,S,S] to @co channels, weights through their own FakeQuantize */
QsNode *
qs_test_conv1x1 (QsGraphBuilder *b,
                 const char     *name,
                 QsNode         *x,
                 gint64          ci,
                 gint64          co,
                 guint           seed)
{
  QsNode *conv = qs_graph_builder_add_node (b, "Convolution", "opset1", name, 2, 1);
  g_autofree char *wname = g_strdup_printf ("%s/w", name), *fqname = g_strdup_printf ("%s/fq_w", name);
  g_autofree float *w = g_new (float, ci * co);
  gint64 xd[4] = { 1, ci, S, S }, wd[4] = { co, ci, 1, 1 }, yd[4] = { 1, co, S, S };
  QsNode *fw;
  gint64 i;

  for (i = 0; i < ci * co; i++)
    w[i] = (float) (((i * 7 + seed * 13) % 17) - 8) / 10.0f;
  /* 255 levels over ±1.27: symmetric, zero point 127, as LPT wants weights */
  fw = qs_test_fake_quantize_levels (b, fqname, "255", qs_graph_builder_add_const_f32 (b, wname, 4, wd, w),
                                     -1.27f, 1.27f, 4, wd);
  qs_graph_builder_set_attr (b, conv, "strides", "1,1");
  qs_graph_builder_set_attr (b, conv, "pads_begin", "0,0");
  qs_graph_builder_set_attr (b, conv, "pads_end", "0,0");
  qs_graph_builder_set_attr (b, conv, "dilations", "1,1");
  qs_graph_builder_set_port (b, &conv->inputs[0], QS_ELEMENT_F32, 4, xd);
  qs_graph_builder_set_port (b, &conv->inputs[1], QS_ELEMENT_F32, 4, wd);
  qs_graph_builder_set_port (b, &conv->outputs[0], QS_ELEMENT_F32, 4, yd);
  qs_test_wire (b, x, 0, conv, 0);
  qs_test_wire (b, fw, 0, conv, 1);
  return conv;
}

QsNode *
qs_test_result (QsGraphBuilder *b,
                const char     *name,
                QsNode         *x,
                guint           port,
                int             rank,
                const gint64   *dims)
{
  QsNode *res = qs_graph_builder_add_node (b, "Result", "opset1", name, 1, 0);

  qs_graph_builder_set_port (b, &res->inputs[0], QS_ELEMENT_F32, rank, dims);
  qs_test_wire (b, x, port, res, 0);
  return res;
}

/* Writes the model to @dir/@file and loads it back (a real path and sha256). */
QsModel *
qs_test_finish (QsGraphBuilder *b,
                const char     *dir,
                const char     *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QsModel) built = qs_graph_builder_finish (b, &error);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  QsModel *model;

  g_assert_no_error (error);
  g_assert_true (qs_ir_write (built, path, NULL, &error));
  g_assert_no_error (error);
  model = qs_model_load (path, QS_LOAD_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

/* x → fq_x → conv → ReLU → fq_y → conv2 → Result y; the ReLU → Result h too.
 * With @third, a Sigmoid of x → fq_z → Result z as well. */
QsModel *
qs_test_chain_model (const char *dir,
                     gboolean    third)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("chain");
  QsNode *x = qs_test_parameter (b, "x", 4, d3);
  QsNode *fx = qs_test_fake_quantize (b, "fq_x", x, 0.0f, 2.55f, 4, d3);
  QsNode *conv = qs_test_conv1x1 (b, "conv", fx, 3, 4, 1);
  QsNode *relu = qs_test_eltwise (b, "ReLU", "relu", 1, &conv, 4, d4);
  QsNode *fy = qs_test_fake_quantize (b, "fq_y", relu, 0.0f, 1.0f, 4, d4);
  QsNode *conv2 = qs_test_conv1x1 (b, "conv2", fy, 4, 2, 2);

  qs_test_result (b, "y", conv2, 0, 4, d2);
  qs_test_result (b, "h", relu, 0, 4, d4);
  if (third)
    {
      QsNode *sig = qs_test_eltwise (b, "Sigmoid", "sig", 1, &x, 4, d3);
      QsNode *fz = qs_test_fake_quantize (b, "fq_z", sig, 0.0f, 1.0f, 4, d3);

      qs_test_result (b, "z", fz, 0, 4, d3);
    }
  return qs_test_finish (b, dir, third ? "chain3.xml" : "chain.xml");
}

QsDataset *
qs_test_dataset (QsModel    *model,
                 const char *spec)
{
  g_autoptr(GError) error = NULL;
  QsDataset *ds = qs_dataset_new (model);

  g_assert_true (qs_dataset_add_spec (ds, spec, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (qs_dataset_finish (ds, &error));
  g_assert_no_error (error);
  return ds;
}

QsModel *
qs_test_twin_model (const char *dir,
                    const char *file,
                    gboolean    quantized,
                    gboolean    rename,
                    const char *how)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("twin");
  const char *names[] = { "x", "conv", "relu", "conv2", "y", "h" };
  QsNode *nodes[6], *x, *conv, *relu, *conv2, *fx, *fy;
  char made[6][16];
  guint i;

  for (i = 0; i < 6; i++)
    g_snprintf (made[i], sizeof made[i], "L%u", 7 * i + 3);
#define NAME(i) (rename ? made[i] : names[i])
  x = nodes[0] = qs_test_parameter (b, NAME (0), 4, d3);
  fx = quantized ? qs_test_fake_quantize (b, "fq_x", x, 0.0f, 2.55f, 4, d3) : x;
  conv = nodes[1] = qs_test_conv1x1 (b, NAME (1), fx, 3, 4, 1);
  relu = nodes[2] = qs_test_eltwise (b, "ReLU", NAME (2), 1, &conv, 4, d4);
  fy = quantized ? qs_test_fake_quantize (b, "fq_y", relu, 0.0f, 1.0f, 4, d4) : relu;
  conv2 = nodes[3] = qs_test_conv1x1 (b, NAME (3), fy, 4, 2, 2);
  nodes[4] = qs_test_result (b, NAME (4), conv2, 0, 4, d2);
  nodes[5] = qs_test_result (b, NAME (5), relu, 0, 4, d4);
#undef NAME
  for (i = 0; i < 4; i++)
    {
      if (g_strcmp0 (how, "tensor") == 0 || !rename)
        qs_graph_builder_set_port_names (b, &nodes[i]->outputs[0], names[i]);
      if (g_strcmp0 (how, "rt_info") == 0)
        {
          g_autofree char *rt = g_strdup_printf ("<rt_info>\n<attribute name=\"fused_names\" version=\"0\" "
                                                 "value=\"%s,another\"/>\n</rt_info>", names[i]);
          qs_graph_builder_set_rt_info (b, nodes[i], rt);
        }
    }
  return qs_test_finish (b, dir, file);
}

QsModel *
qs_test_biased_model (const char *dir,
                      const char *file,
                      float       bias)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("biased");
  gint64 bd[4] = { 1, 4, 1, 1 };
  float values[4] = { 0.1f, -0.2f, 0.05f, 0.3f };
  QsNode *x = qs_test_parameter (b, "x", 4, d3);
  QsNode *conv = qs_test_conv1x1 (b, "conv", x, 3, 4, 1);
  QsNode *ins[2], *add;
  guint i;

  for (i = 0; i < 4; i++)
    values[i] += bias;
  ins[0] = conv;
  ins[1] = qs_graph_builder_add_const_f32 (b, "bias", 4, bd, values);
  add = qs_test_eltwise (b, "Add", "add", 2, ins, 4, d4);
  qs_graph_builder_set_port (b, &add->inputs[1], QS_ELEMENT_F32, 4, bd);
  qs_test_result (b, "y", add, 0, 4, d4);
  return qs_test_finish (b, dir, file);
}
