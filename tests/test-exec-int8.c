/* test-exec-int8.c — the int8 mode: op semantics, a small model, shared models
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Quantize / Dequantize / Requantize run on graphs built by hand, with
 * values chosen so that every float step is exact (dyadic numbers) and
 * the expected codes can be worked out on paper.  A FakeQuantize →
 * Convolution → FakeQuantize model (lpt.md §9) runs in all three modes.
 * The shared INT8 models are held to: every quantized tensor ≥ 99 % equal
 * to the fake-quant codes and no element more than one code away, per
 * layer (each int8 layer starts from the fake-quant run's values), except
 * the checked layers listed with their cause below.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qscope-core.h"
#include "qs-exec.h"
#include "qs-graph-builder.h"
#include "qs-test-models.h"
#include "qs-input.h"
#include "qs-shared-models.h"
#include "qs-kernels.h"

/* ---- building small graphs ---- */

static QsNode *
add_const (QsGraphBuilder *b,
           QsElementType   type,
           int             rank,
           const gint64   *dims,
           gconstpointer   data,
           gsize           n)
{
  return qs_graph_builder_add_const (b, NULL, type, rank, dims, data, n * qs_tensor_type_size (type));
}

/* Parameter x (type, [1,2,1,4]) → OP(x, k1, k2[, k3]) → Result */
static QsModel *
one_op_model (const char     *type,
              QsElementType   x_type,
              QsElementType   out_type,
              QsNode       *(*consts) (QsGraphBuilder *b, QsNode *op, gpointer data),
              gpointer        data,
              guint           n_inputs,
              const char    **attrs)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("t");
  gint64 dims[4] = { 1, 2, 1, 4 };
  QsNode *p = qs_graph_builder_add_node (b, "Parameter", "opset1", "x", 0, 1);
  QsNode *op = qs_graph_builder_add_node (b, type, "qscope", "op", n_inputs, 1);
  QsNode *res = qs_graph_builder_add_node (b, "Result", "opset1", "y", 1, 0);
  g_autoptr(GError) error = NULL;
  QsModel *model;

  qs_graph_builder_set_port (b, &p->outputs[0], x_type, 4, dims);
  qs_graph_builder_set_port (b, &op->inputs[0], x_type, 4, dims);
  qs_graph_builder_set_port (b, &op->outputs[0], out_type, 4, dims);
  qs_graph_builder_set_port (b, &res->inputs[0], out_type, 4, dims);
  for (; attrs != NULL && attrs[0] != NULL; attrs += 2)
    qs_graph_builder_set_attr (b, op, attrs[0], attrs[1]);
  qs_test_wire (b, p, 0, op, 0);
  consts (b, op, data);
  qs_test_wire (b, op, 0, res, 0);
  model = qs_graph_builder_finish (b, &error);
  g_assert_no_error (error);
  return model;
}

/* Runs a one-input model in int8 mode and returns its output. */
static QsTensor *
run_int8 (QsModel  *model,
          QsTensor *x)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QsExec) exec = qs_exec_new (model, QS_EXEC_MODE_INT8, &error);
  QsTensor **outputs = NULL;
  QsTensor *y;

  g_assert_no_error (error);
  qs_exec_run (exec, &x, NULL, NULL, NULL, &outputs, &error);
  g_assert_no_error (error);
  y = outputs[0];
  g_free (outputs);
  return y;
}

static QsTensor *
tensor_f32 (const float *v)
{
  gint64 dims[4] = { 1, 2, 1, 4 };
  QsTensor *t = qs_tensor_new_f32 (4, dims);

  memcpy (t->data, v, 8 * sizeof (float));
  return t;
}

static QsTensor *
tensor_codes (QsElementType  type,
              const gint64  *v)
{
  gint64 dims[4] = { 1, 2, 1, 4 };
  QsTensor *t = qs_tensor_new (type, 4, dims);
  int i;

  for (i = 0; i < 8; i++)
    qs_tensor_set_f64 (t, i, (double) v[i]);
  return t;
}

static void
assert_codes (const QsTensor *t,
              QsElementType   type,
              const gint64   *want)
{
  int i;

  g_assert_cmpint (t->type, ==, type);
  g_assert_cmpuint (t->n_elements, ==, 8);
  for (i = 0; i < 8; i++)
    {
      if (qs_tensor_get_i64 (t, i) != want[i])
        g_test_message ("element %d: %" G_GINT64_FORMAT ", want %" G_GINT64_FORMAT, i, qs_tensor_get_i64 (t, i), want[i]);
      g_assert_cmpint (qs_tensor_get_i64 (t, i), ==, want[i]);
    }
}

/* ---- Quantize ---- */

typedef struct
{
  gboolean per_channel;
  float    il[2], ih[2];
} QuantRanges;

static QsNode *
quantize_consts (QsGraphBuilder *b,
                 QsNode         *op,
                 gpointer        data)
{
  QuantRanges *r = data;
  gint64 cd[4] = { 1, 2, 1, 1 };
  int rank = r->per_channel ? 4 : 0;
  guint n = r->per_channel ? 2 : 1;

  qs_test_wire (b, add_const (b, QS_ELEMENT_F32, rank, cd, r->il, n), 0, op, 1);
  qs_test_wire (b, add_const (b, QS_ELEMENT_F32, rank, cd, r->ih, n), 0, op, 2);
  return NULL;
}

static QsTensor *
quantize (const QuantRanges *r,
          const char        *levels,
          const char        *type,
          const char        *qmin,
          const float       *x)
{
  const char *attrs[] = { "levels", levels, "destination_type", type, "qmin", qmin, NULL };
  QsElementType t = strcmp (type, "u8") == 0 ? QS_ELEMENT_U8 : QS_ELEMENT_I8;
  g_autoptr(QsModel) model = one_op_model ("Quantize", QS_ELEMENT_F32, t, quantize_consts, (gpointer) r, 3, attrs);
  g_autoptr(QsTensor) in = tensor_f32 (x);

  return run_int8 (model, in);
}

static void
test_quantize (void)
{
  /* levels 17 over [-8, 8]: a step of 1, so (x + 8) / 16 * 16 is exact and
   * x = k + 0.5 is a true tie */
  QuantRanges pt = { FALSE, { -8 }, { 8 } };
  float x[8] = { -9.0f, -8.0f, -7.5f, 0.5f, 1.5f, 2.49f, 8.0f, 100.0f };
  gint64 want_u8[8] = { 0, 0, 0, 8, 10, 10, 16, 16 };           /* -7.5 → 0.5 → 0; 8.5 → 8; 9.5 → 10 */
  gint64 want_i8[8] = { -8, -8, -8, 0, 2, 2, 8, 8 };            /* qmin -8 */
  gint64 want_sat[8] = { 120, 120, 120, 127, 127, 127, 127, 127 }; /* qmin 120 saturates at 127 */
  /* per channel: channel 0 over [-8, 8] (step 1), channel 1 over [0, 4] (step 1/4) */
  QuantRanges pc = { TRUE, { -8, 0 }, { 8, 4 } };
  float xc[8] = { -0.5f, 0.5f, 3.0f, -20.0f, 0.125f, 0.375f, 1.0f, 3.875f };
  gint64 want_pc[8] = { 8, 8, 11, 0, 0, 2, 4, 16 };             /* 0.125·4 = 0.5 → 0; 0.375·4 = 1.5 → 2; 3.875·4 = 15.5 → 16 */
  /* levels 257 over [0, 256] into u8: code 256 saturates to 255 */
  QuantRanges wide = { FALSE, { 0 }, { 256 } };
  float xw[8] = { 0.5f, 1.5f, 254.5f, 255.0f, 255.5f, 256.0f, 300.0f, -1.0f };
  gint64 want_wide[8] = { 0, 2, 254, 255, 255, 255, 255, 0 };
  QsTensor *y;
  int i;

  y = quantize (&pt, "17", "u8", "0", x);
  assert_codes (y, QS_ELEMENT_U8, want_u8);
  qs_tensor_unref (y);
  y = quantize (&pt, "17", "i8", "-8", x);
  assert_codes (y, QS_ELEMENT_I8, want_i8);
  qs_tensor_unref (y);
  y = quantize (&pt, "17", "i8", "120", x);
  assert_codes (y, QS_ELEMENT_I8, want_sat);
  qs_tensor_unref (y);
  y = quantize (&pc, "17", "u8", "0", xc);
  assert_codes (y, QS_ELEMENT_U8, want_pc);
  qs_tensor_unref (y);
  y = quantize (&wide, "257", "u8", "0", xw);
  assert_codes (y, QS_ELEMENT_U8, want_wide);
  qs_tensor_unref (y);

  /* the helper agrees with the FakeQuantize's own code */
  for (i = 0; i < 8; i++)
    g_assert_cmpfloat (qs_quantize_code_f32 (x[i], -8, 8, 17), ==,
                       (qs_fake_quantize_f32 (x[i], -8, 8, 0, 16, 17)));
}

/* The Quantize op's row loop (vectorised, with its own rounding) against
 * qs_quantize_code_f32 per element, over random data around random
 * ranges (ascending and descending), ties, NaN and infinities. */
static void
test_quantize_rows (void)
{
  g_autoptr(GRand) rnd = g_rand_new_with_seed (12);
  static const char *const levels_text[] = { "256", "255", "16", "17", "2", "257" };
  guint checked = 0;

  for (int round = 0; round < 300; round++)
    {
      float a = (float) g_rand_double_range (rnd, -50, 50);
      float w = (float) g_rand_double_range (rnd, 1e-3, 80);
      QuantRanges r = { FALSE, { a }, { round % 7 == 0 ? a - w : a + w } };
      const char *lv = levels_text[round % G_N_ELEMENTS (levels_text)];
      guint levels = (guint) atoi (lv);
      gboolean u8 = round % 2 == 0;
      int qmin = u8 ? 0 : (round % 4 == 1 ? -128 : -(int) (levels / 2));
      g_autofree char *qmin_text = g_strdup_printf ("%d", qmin);
      float x[8];
      gint64 want[8];
      QsTensor *y;

      for (int i = 0; i < 8; i++)
        {
          float lo = MIN (r.il[0], r.ih[0]), hi = MAX (r.il[0], r.ih[0]);
          int kind = g_rand_int_range (rnd, 0, 16);

          if (kind == 0)
            x[i] = NAN;
          else if (kind == 1)
            x[i] = g_rand_boolean (rnd) ? INFINITY : -INFINITY;
          else if (kind == 2)
            x[i] = g_rand_boolean (rnd) ? lo : hi;
          else if (kind == 3)   /* a tie of the code's rounding, as close as f32 gets */
            x[i] = r.il[0] + (r.ih[0] - r.il[0]) * ((g_rand_int_range (rnd, 0, levels - 1) + 0.5f) / (levels - 1));
          else
            x[i] = (float) g_rand_double_range (rnd, lo - 0.2 * (hi - lo), hi + 0.2 * (hi - lo));
          want[i] = qmin + (gint64) qs_quantize_code_f32 (x[i], r.il[0], r.ih[0], levels);
          want[i] = CLAMP (want[i], u8 ? 0 : -128, u8 ? 255 : 127);
        }
      y = quantize (&r, lv, u8 ? "u8" : "i8", qmin_text, x);
      assert_codes (y, u8 ? QS_ELEMENT_U8 : QS_ELEMENT_I8, want);
      qs_tensor_unref (y);
      checked += 8;

      /* the fake-quant run's codes (i32, no saturation to 8 bits) take the same row loop */
      {
        g_autoptr(QsTensor) xt = tensor_f32 (x);
        g_autoptr(QsTensor) il = qs_tensor_new_scalar_f32 (r.il[0]);
        g_autoptr(QsTensor) ih = qs_tensor_new_scalar_f32 (r.ih[0]);
        g_autoptr(QsTensor) codes = NULL;
        g_autoptr(GError) error = NULL;

        for (int i = 0; i < 8; i++)
          want[i] = qmin + (gint64) qs_quantize_code_f32 (x[i], r.il[0], r.ih[0], levels);
        codes = qs_fake_quantize_codes (xt, il, ih, levels, qmin, &error);
        g_assert_no_error (error);
        assert_codes (codes, QS_ELEMENT_I32, want);
        checked += 8;
      }
    }
  g_test_message ("%u values agree", checked);
}

/* The codes the int8 check takes from the fake-quant run, written as u8
 * or i8 directly, against the i32 codes: equal wherever every code of the
 * levels fits the type (per-tensor and per-channel ranges, rows of odd
 * length, NaN, infinities and ties). */
static void
test_fake_quantize_codes_as (void)
{
  g_autoptr(GRand) rnd = g_rand_new_with_seed (31);
  static const guint levels_of[] = { 256, 255, 16, 2 };
  gint64 xd[4] = { 1, 3, 5, 17 }, cd[4] = { 1, 3, 1, 1 }, one[1] = { 1 };
  guint checked = 0;

  for (int round = 0; round < 64; round++)
    {
      gboolean per_channel = round % 2 == 1, u8 = round % 4 < 2;
      guint levels = levels_of[(round / 4) % G_N_ELEMENTS (levels_of)];
      int qmin = u8 ? 0 : (round % 8 < 4 ? -128 : -(int) (levels / 2));
      g_autoptr(QsTensor) x = qs_tensor_new (QS_ELEMENT_F32, 4, xd);
      g_autoptr(QsTensor) il = per_channel ? qs_tensor_new (QS_ELEMENT_F32, 4, cd) : qs_tensor_new (QS_ELEMENT_F32, 1, one);
      g_autoptr(QsTensor) ih = per_channel ? qs_tensor_new (QS_ELEMENT_F32, 4, cd) : qs_tensor_new (QS_ELEMENT_F32, 1, one);
      g_autoptr(QsTensor) want = NULL, got = NULL;
      g_autoptr(GError) error = NULL;
      gsize i;

      for (i = 0; i < il->n_elements; i++)
        {
          float a = (float) g_rand_double_range (rnd, -20, 20);

          qs_tensor_f32 (il)[i] = a;
          qs_tensor_f32 (ih)[i] = a + (float) g_rand_double_range (rnd, 1e-2, 30);
        }
      for (i = 0; i < x->n_elements; i++)
        {
          gsize c = per_channel ? (i / 85) : 0;
          float lo = qs_tensor_f32 (il)[c], hi = qs_tensor_f32 (ih)[c];
          int kind = g_rand_int_range (rnd, 0, 12);

          if (kind == 0)
            qs_tensor_f32 (x)[i] = NAN;
          else if (kind == 1)
            qs_tensor_f32 (x)[i] = g_rand_boolean (rnd) ? INFINITY : -INFINITY;
          else if (kind == 2)
            qs_tensor_f32 (x)[i] = lo + (hi - lo) * ((g_rand_int_range (rnd, 0, levels - 1) + 0.5f) / (levels - 1));
          else
            qs_tensor_f32 (x)[i] = (float) g_rand_double_range (rnd, lo - 0.2 * (hi - lo), hi + 0.2 * (hi - lo));
        }
      want = qs_fake_quantize_codes (x, il, ih, levels, qmin, &error);
      g_assert_no_error (error);
      got = qs_fake_quantize_codes_as (x, il, ih, levels, qmin, u8 ? QS_ELEMENT_U8 : QS_ELEMENT_I8, &error);
      g_assert_no_error (error);
      g_assert_cmpint (got->type, ==, u8 ? QS_ELEMENT_U8 : QS_ELEMENT_I8);
      g_assert_true (qs_tensor_same_shape (got, want));
      for (i = 0; i < x->n_elements; i++)
        g_assert_cmpint (u8 ? ((const guint8 *) got->data)[i] : ((const gint8 *) got->data)[i], ==,
                         ((const gint32 *) want->data)[i]);
      checked += x->n_elements;
    }
  g_test_message ("%u codes agree", checked);
}

/* ---- Dequantize ---- */

typedef struct
{
  QsElementType zp_type;
  float         scale[2];
  float         zp[2];
  gint32        zp_i32[2];
  gboolean      shift;
  float         sh[2];
} DequantConsts;

static QsNode *
dequantize_consts (QsGraphBuilder *b,
                   QsNode         *op,
                   gpointer        data)
{
  DequantConsts *d = data;
  gint64 cd[4] = { 1, 2, 1, 1 };

  qs_test_wire (b, add_const (b, QS_ELEMENT_F32, 4, cd, d->scale, 2), 0, op, 1);
  if (d->zp_type == QS_ELEMENT_I32)
    qs_test_wire (b, add_const (b, QS_ELEMENT_I32, 4, cd, d->zp_i32, 2), 0, op, 2);
  else
    qs_test_wire (b, add_const (b, QS_ELEMENT_F32, 4, cd, d->zp, 2), 0, op, 2);
  if (d->shift)
    qs_test_wire (b, add_const (b, QS_ELEMENT_F32, 4, cd, d->sh, 2), 0, op, 3);
  return NULL;
}

static void
test_dequantize (void)
{
  /* u8, per channel: scale {0.5, 0.25}, zero point {8, 0}, shift {1, -2} */
  DequantConsts u8c = { QS_ELEMENT_F32, { 0.5f, 0.25f }, { 8, 0 }, { 0, 0 }, TRUE, { 1, -2 } };
  gint64 q[8] = { 0, 8, 9, 255, 0, 1, 4, 255 };
  float want_u8[8] = { -3.0f, 1.0f, 1.5f, 124.5f, -2.0f, -1.75f, -1.0f, 61.75f };
  /* i32 accumulators: the zero point is an exact integer subtraction even
   * where a float subtraction would round (2^24 + 1) */
  DequantConsts i32c = { QS_ELEMENT_I32, { 1.0f, 0.0009765625f }, { 0, 0 }, { 16777217, -3 }, FALSE, { 0, 0 } };
  gint64 acc[8] = { 16777218, 16777217, 16777216, 0, -3, 0, 1021, -1027 };
  float want_i32[8] = { 1.0f, 0.0f, -1.0f, -16777216.0f, 0.0f, 0.0029296875f, 1.0f, -1.0f };
  const char *attrs[] = { NULL };
  g_autoptr(QsModel) m1 = one_op_model ("Dequantize", QS_ELEMENT_U8, QS_ELEMENT_F32, dequantize_consts, &u8c, 4, attrs);
  g_autoptr(QsModel) m2 = one_op_model ("Dequantize", QS_ELEMENT_I32, QS_ELEMENT_F32, dequantize_consts, &i32c, 3, attrs);
  g_autoptr(QsTensor) x1 = tensor_codes (QS_ELEMENT_U8, q);
  g_autoptr(QsTensor) x2 = tensor_codes (QS_ELEMENT_I32, acc);
  g_autoptr(QsTensor) y1 = run_int8 (m1, x1);
  g_autoptr(QsTensor) y2 = run_int8 (m2, x2);
  int i;

  g_assert_cmpint (y1->type, ==, QS_ELEMENT_F32);
  g_assert_cmpint (y2->type, ==, QS_ELEMENT_F32);
  for (i = 0; i < 8; i++)
    {
      g_assert_cmpfloat (qs_tensor_f32 (y1)[i], ==, want_u8[i]);
      g_assert_cmpfloat (qs_tensor_f32 (y2)[i], ==, want_i32[i]);
    }
}

/* A shift per element (the border correction's [1, C, H, W]) takes its
 * own row loop: it must give the per-element formula exactly, for u8, i8
 * and i32 codes, over random values. */
typedef struct
{
  QsElementType type;
  float         shift[8];
} ShiftConsts;

static QsNode *
shift_consts (QsGraphBuilder *b,
              QsNode         *op,
              gpointer        data)
{
  ShiftConsts *d = data;
  gint64 cd[4] = { 1, 2, 1, 1 }, full[4] = { 1, 2, 1, 4 };
  float scale[2] = { 0.37f, 1.0f / 3.0f }, zp[2] = { 3.5f, -7.25f };
  gint32 zp32[2] = { 16777217, -100003 };

  qs_test_wire (b, add_const (b, QS_ELEMENT_F32, 4, cd, scale, 2), 0, op, 1);
  if (d->type == QS_ELEMENT_I32)
    qs_test_wire (b, add_const (b, QS_ELEMENT_I32, 4, cd, zp32, 2), 0, op, 2);
  else
    qs_test_wire (b, add_const (b, QS_ELEMENT_F32, 4, cd, zp, 2), 0, op, 2);
  qs_test_wire (b, add_const (b, QS_ELEMENT_F32, 4, full, d->shift, 8), 0, op, 3);
  return NULL;
}

static void
test_dequantize_shift_rows (void)
{
  static const QsElementType types[] = { QS_ELEMENT_U8, QS_ELEMENT_I8, QS_ELEMENT_I32 };
  float scale[2] = { 0.37f, 1.0f / 3.0f }, zp[2] = { 3.5f, -7.25f };
  gint32 zp32[2] = { 16777217, -100003 };
  GRand *r = g_rand_new_with_seed (12);
  guint t, round;

  for (t = 0; t < G_N_ELEMENTS (types); t++)
    for (round = 0; round < 20; round++)
      {
        ShiftConsts d = { types[t], { 0 } };
        const char *attrs[] = { NULL };
        g_autoptr(QsModel) m = NULL;
        g_autoptr(QsTensor) x = NULL;
        g_autoptr(QsTensor) y = NULL;
        gint64 codes[8];
        int i;

        for (i = 0; i < 8; i++)
          {
            d.shift[i] = (float) g_rand_double_range (r, -50, 50);
            if (types[t] == QS_ELEMENT_U8)
              codes[i] = g_rand_int_range (r, 0, 256);
            else if (types[t] == QS_ELEMENT_I8)
              codes[i] = g_rand_int_range (r, -128, 128);
            else
              codes[i] = g_rand_int_range (r, G_MININT32, G_MAXINT32);
          }
        m = one_op_model ("Dequantize", types[t], QS_ELEMENT_F32, shift_consts, &d, 4, attrs);
        x = tensor_codes (types[t], codes);
        y = run_int8 (m, x);
        for (i = 0; i < 8; i++)
          {
            int c = i / 4;
            float want;

            if (types[t] == QS_ELEMENT_I32)
              want = (float) (codes[i] - zp32[c]) * scale[c] + d.shift[i];
            else
              want = ((float) codes[i] - zp[c]) * scale[c] + d.shift[i];
            g_assert_cmpfloat (qs_tensor_f32 (y)[i], ==, want);
          }
      }
  g_rand_free (r);
}

/* ---- Requantize ---- */

typedef struct
{
  gboolean per_channel;
  float    mul[2], add[2];
} RequantConsts;

static QsNode *
requantize_consts (QsGraphBuilder *b,
                   QsNode         *op,
                   gpointer        data)
{
  RequantConsts *r = data;
  gint64 cd[4] = { 1, 2, 1, 1 };
  int rank = r->per_channel ? 4 : 0;
  guint n = r->per_channel ? 2 : 1;

  qs_test_wire (b, add_const (b, QS_ELEMENT_F32, rank, cd, r->mul, n), 0, op, 1);
  qs_test_wire (b, add_const (b, QS_ELEMENT_F32, rank, cd, r->add, n), 0, op, 2);
  return NULL;
}

static QsTensor *
requantize (const RequantConsts *r,
            QsElementType        in_type,
            const gint64        *q,
            const char          *type,
            const char          *qmin,
            const char          *qmax)
{
  const char *attrs[] = { "destination_type", type, "qmin", qmin, "qmax", qmax, NULL };
  QsElementType t = strcmp (type, "u8") == 0 ? QS_ELEMENT_U8 : QS_ELEMENT_I8;
  g_autoptr(QsModel) model = one_op_model ("Requantize", in_type, t, requantize_consts, (gpointer) r, 3, attrs);
  g_autoptr(QsTensor) in = tensor_codes (in_type, q);

  return run_int8 (model, in);
}

static void
test_requantize (void)
{
  /* i32 → u8, per tensor: t = q/4 + 1/2 */
  RequantConsts pt = { FALSE, { 0.25f }, { 0.5f } };
  gint64 acc[8] = { 2, 4, 6, 10, -10, 2000, 1018, 0 };
  gint64 want_u8[8] = { 1, 2, 2, 3, 0, 255, 255, 0 };            /* 1.5 → 2, 2.0, 3.0; -2 → 0; 500.5 → 255 */
  gint64 want_narrow[8] = { 1, 2, 2, 3, 1, 200, 200, 1 };         /* [qmin, qmax] = [1, 200] */
  /* i32 → i8, per channel: channel 0 t = q/4, channel 1 t = 1/2 - q */
  RequantConsts pc = { TRUE, { 0.25f, -1.0f }, { 0.0f, 0.5f } };
  gint64 acc2[8] = { 2, 6, -2, -6, 3, -200, 200, 0 };
  gint64 want_i8[8] = { 0, 2, 0, -2, -2, 127, -127, 0 };           /* .5 → even; -2.5 → -2; 200.5 → 127; -199.5 → -127 */
  /* u8 codes → u8 with another interval: t = 2 q - 255 */
  RequantConsts rs = { FALSE, { 2.0f }, { -255.0f } };
  gint64 codes[8] = { 0, 127, 128, 200, 255, 130, 129, 1 };
  gint64 want_rs[8] = { 0, 0, 1, 145, 255, 5, 3, 0 };
  QsTensor *y;

  y = requantize (&pt, QS_ELEMENT_I32, acc, "u8", "0", "255");
  assert_codes (y, QS_ELEMENT_U8, want_u8);
  qs_tensor_unref (y);
  y = requantize (&pt, QS_ELEMENT_I32, acc, "u8", "1", "200");
  assert_codes (y, QS_ELEMENT_U8, want_narrow);
  qs_tensor_unref (y);
  y = requantize (&pc, QS_ELEMENT_I32, acc2, "i8", "-127", "127");
  assert_codes (y, QS_ELEMENT_I8, want_i8);
  qs_tensor_unref (y);
  y = requantize (&rs, QS_ELEMENT_U8, codes, "u8", "0", "255");
  assert_codes (y, QS_ELEMENT_U8, want_rs);
  qs_tensor_unref (y);
}

/* The Requantize op's row loop (vectorised, nearbyint as an addition and
 * subtraction) against qs_requantize_code per element: u8, i8 and i32
 * codes into u8 and i8, per-tensor and per-channel constants, rows of
 * 17 (not a multiple of any vector width), exact ties, and multipliers
 * and offsets that are huge, tiny, infinite or NaN. */
static void
test_requantize_rows (void)
{
  static const QsElementType in_types[] = { QS_ELEMENT_U8, QS_ELEMENT_I8, QS_ELEMENT_I32 };
  static const QsElementType out_types[] = { QS_ELEMENT_U8, QS_ELEMENT_I8 };
  static const char *const out_names[] = { "u8", "i8" };
  g_autoptr(GRand) rnd = g_rand_new_with_seed (41);
  gint64 xd[4] = { 1, 3, 5, 17 }, cd[4] = { 1, 3, 1, 1 };
  guint checked = 0, round;

  for (round = 0; round < 120; round++)
    {
      QsElementType it = in_types[round % 3], ot = out_types[(round / 3) % 2];
      gboolean per_channel = (round / 6) % 2 == 1;
      int kind = (round / 12) % 5;
      g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("rq");
      g_autoptr(QsModel) model = NULL;
      g_autoptr(QsTensor) x = qs_tensor_new (it, 4, xd);
      g_autoptr(GError) error = NULL;
      QsNode *p, *op, *res;
      float mul[3], add[3];
      gint64 lo = ot == QS_ELEMENT_U8 ? 0 : -128;
      gint64 hi = ot == QS_ELEMENT_U8 ? 255 : 127;
      g_autofree char *qmin = NULL, *qmax = NULL;
      QsTensor *y;
      gsize i;
      int c;

      /* a narrower [qmin, qmax] in some rounds */
      if ((round / 60) % 2 == 1)
        {
          lo = lo / 2 + 1;
          hi = hi / 2 - 1;
        }
      qmin = g_strdup_printf ("%" G_GINT64_FORMAT, lo);
      qmax = g_strdup_printf ("%" G_GINT64_FORMAT, hi);
      for (c = 0; c < 3; c++)
        {
          switch (kind)
            {
            case 0: /* a power of two: exact products, offsets of .5 make ties */
              mul[c] = ldexpf (1.0f, g_rand_int_range (rnd, -6, 3));
              add[c] = (float) g_rand_int_range (rnd, -300, 300) + 0.5f;
              break;
            case 1:
              mul[c] = (float) g_rand_double_range (rnd, -3, 3);
              add[c] = (float) g_rand_double_range (rnd, -200, 200);
              break;
            case 2: /* huge and tiny */
              mul[c] = c == 0 ? 1e30f : c == 1 ? -3e25f : 1e-30f;
              add[c] = c == 2 ? 1e20f : 0.25f;
              break;
            case 3: /* infinite and NaN */
              mul[c] = c == 0 ? INFINITY : c == 1 ? 1.0f : NAN;
              add[c] = c == 1 ? -INFINITY : 0.0f;
              break;
            default: /* into the range of 2^51 .. 2^53, where doubles step by 1/2 .. 2 */
              mul[c] = ldexpf (1.0f, 30 + c);
              add[c] = (float) g_rand_double_range (rnd, -1, 1);
              break;
            }
          if (!per_channel)
            {
              mul[2] = mul[1] = mul[0];
              add[2] = add[1] = add[0];
              break;
            }
        }
      for (i = 0; i < x->n_elements; i++)
        {
          gint64 v = it == QS_ELEMENT_U8 ? g_rand_int_range (rnd, 0, 256)
                     : it == QS_ELEMENT_I8 ? g_rand_int_range (rnd, -128, 128)
                     : (gint64) g_rand_int (rnd) - (gint64) G_MAXINT32 - 1;

          if (it == QS_ELEMENT_I32 && i % 5 == 0)
            v = g_rand_int_range (rnd, -3000, 3000);
          qs_tensor_set_f64 (x, i, (double) v);
        }

      p = qs_graph_builder_add_node (b, "Parameter", "opset1", "x", 0, 1);
      op = qs_graph_builder_add_node (b, "Requantize", "qscope", "op", 3, 1);
      res = qs_graph_builder_add_node (b, "Result", "opset1", "y", 1, 0);
      qs_graph_builder_set_port (b, &p->outputs[0], it, 4, xd);
      qs_graph_builder_set_port (b, &op->inputs[0], it, 4, xd);
      qs_graph_builder_set_port (b, &op->outputs[0], ot, 4, xd);
      qs_graph_builder_set_port (b, &res->inputs[0], ot, 4, xd);
      qs_graph_builder_set_attr (b, op, "destination_type", out_names[(round / 3) % 2]);
      qs_graph_builder_set_attr (b, op, "qmin", qmin);
      qs_graph_builder_set_attr (b, op, "qmax", qmax);
      qs_test_wire (b, p, 0, op, 0);
      qs_test_wire (b, add_const (b, QS_ELEMENT_F32, per_channel ? 4 : 0, cd, mul, per_channel ? 3 : 1), 0, op, 1);
      qs_test_wire (b, add_const (b, QS_ELEMENT_F32, per_channel ? 4 : 0, cd, add, per_channel ? 3 : 1), 0, op, 2);
      qs_test_wire (b, op, 0, res, 0);
      model = qs_graph_builder_finish (b, &error);
      g_assert_no_error (error);
      y = run_int8 (model, x);
      g_assert_cmpint (y->type, ==, ot);
      for (i = 0; i < x->n_elements; i++)
        {
          gsize ch = per_channel ? i / 85 : 0;
          gint64 want = qs_requantize_code (qs_tensor_get_i64 (x, i), mul[ch], add[ch], lo, hi);

          if (qs_tensor_get_i64 (y, i) != want)
            g_test_message ("round %u element %" G_GSIZE_FORMAT ": code %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                            " from qs_requantize_code", round, i, qs_tensor_get_i64 (y, i), want);
          g_assert_cmpint (qs_tensor_get_i64 (y, i), ==, want);
        }
      checked += x->n_elements;
      qs_tensor_unref (y);
    }
  g_test_message ("%u codes agree", checked);
}

/* ---- ops that move codes: the row loops against the float op ---- */

static gsize
test_dims_product (const QsTensor *t,
                       int             from)
{
  gsize n = 1;
  int d;

  for (d = from; d < t->rank; d++)
    n *= (gsize) t->dims[d];
  return n;
}

/* Parameter x (@type, @dims) → @op (version @version, @attrs, inputs 1…
 * the constants @consts) → Result; the output port takes the input's
 * shape (the executor does not check it). */
static QsModel *
codes_op_model (const char        *op_type,
                const char        *version,
                QsElementType      type,
                int                rank,
                const gint64      *dims,
                const char *const *attrs,
                QsTensor *const   *consts,
                guint              n_consts)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("codes");
  g_autoptr(GError) error = NULL;
  QsNode *p = qs_graph_builder_add_node (b, "Parameter", "opset1", "x", 0, 1);
  QsNode *op = qs_graph_builder_add_node (b, op_type, version, "op", 1 + n_consts, 1);
  QsNode *res = qs_graph_builder_add_node (b, "Result", "opset1", "y", 1, 0);
  QsModel *model;
  guint c;

  for (c = 0; c < n_consts; c++)
    {
      const QsTensor *k = consts[c];
      QsNode *kn = qs_graph_builder_add_const (b, NULL, k->type, k->rank, k->dims, k->data,
                                               k->n_elements * qs_tensor_type_size (k->type));

      qs_graph_builder_set_port (b, &op->inputs[1 + c], k->type, k->rank, k->dims);
      qs_test_wire (b, kn, 0, op, 1 + c);
    }

  qs_graph_builder_set_port (b, &p->outputs[0], type, rank, dims);
  qs_graph_builder_set_port (b, &op->inputs[0], type, rank, dims);
  qs_graph_builder_set_port (b, &op->outputs[0], type, rank, dims);
  qs_graph_builder_set_port (b, &res->inputs[0], type, rank, dims);
  for (; attrs != NULL && attrs[0] != NULL; attrs += 2)
    qs_graph_builder_set_attr (b, op, attrs[0], attrs[1]);
  qs_test_wire (b, p, 0, op, 0);
  qs_test_wire (b, op, 0, res, 0);
  model = qs_graph_builder_finish (b, &error);
  g_assert_no_error (error);
  return model;
}

/* The op on @codes in int8 mode, and the same op in float mode on the
 * codes as f32, converted back (saturating, as the float round trip the
 * int8 ops used to take): the same codes, bit for bit. */
static void
assert_codes_op_as_float (const char        *op_type,
                          const char        *version,
                          const QsTensor    *codes,
                          const char *const *attrs,
                          QsTensor *const   *consts,
                          guint              n_consts,
                          const char        *what)
{
  g_autoptr(QsModel) mi = codes_op_model (op_type, version, codes->type, codes->rank, codes->dims, attrs,
                                          consts, n_consts);
  g_autoptr(QsModel) mf = codes_op_model (op_type, version, QS_ELEMENT_F32, codes->rank, codes->dims, attrs,
                                          consts, n_consts);
  g_autoptr(QsExec) ef = NULL;
  g_autoptr(QsTensor) xf = qs_tensor_convert (codes, QS_ELEMENT_F32);
  g_autoptr(QsTensor) yi = NULL;
  g_autoptr(QsTensor) want = NULL;
  g_autoptr(GError) error = NULL;
  QsTensor **outputs = NULL;
  gsize size;

  yi = run_int8 (mi, (QsTensor *) codes);
  ef = qs_exec_new (mf, QS_EXEC_MODE_FLOAT, &error);
  g_assert_no_error (error);
  g_assert_true (qs_exec_run (ef, &xf, NULL, NULL, NULL, &outputs, &error));
  g_assert_no_error (error);
  want = qs_tensor_convert (outputs[0], codes->type);
  qs_tensor_unref (outputs[0]);
  g_free (outputs);
  g_assert_cmpint (yi->type, ==, want->type);
  g_assert_true (qs_tensor_same_shape (yi, want));
  size = want->n_elements * qs_tensor_type_size (want->type);
  if (memcmp (yi->data, want->data, size) != 0)
    {
      gsize i;

      for (i = 0; i < want->n_elements; i++)
        if (qs_tensor_get_i64 (yi, i) != qs_tensor_get_i64 (want, i))
          {
            g_test_message ("%s: element %" G_GSIZE_FORMAT ": %" G_GINT64_FORMAT ", the float op %" G_GINT64_FORMAT,
                            what, i, qs_tensor_get_i64 (yi, i), qs_tensor_get_i64 (want, i));
            break;
          }
      g_assert_not_reached ();
    }
}

static QsTensor *
random_codes_of (GRand         *rnd,
                 QsElementType  type,
                 int            rank,
                 const gint64  *dims)
{
  QsTensor *t = qs_tensor_new (type, rank, dims);
  gsize i;

  for (i = 0; i < t->n_elements; i++)
    {
      /* runs of the lowest and highest code too */
      gint64 v = g_rand_int_range (rnd, 0, 256);

      if (g_rand_int_range (rnd, 0, 8) == 0)
        v = g_rand_boolean (rnd) ? 0 : 255;
      qs_tensor_set_i64 (t, i, type == QS_ELEMENT_U8 ? v : v - 128);
    }
  return t;
}

/* MaxPool on u8 and i8 codes (its own row loop) against the float MaxPool
 * of the codes: 1-D, 2-D and 3-D windows, strides, dilations, pads wider
 * than the window (windows with no real tap), floor and ceil, auto_pad. */
static void
test_max_pool_codes (void)
{
  g_autoptr(GRand) rnd = g_rand_new_with_seed (53);
  guint round;

  for (round = 0; round < 120; round++)
    {
      int n_sp = 1 + round % 3, rank = n_sp + 2, i;
      QsElementType type = (round / 3) % 2 == 0 ? QS_ELEMENT_U8 : QS_ELEMENT_I8;
      gint64 dims[5] = { 1 + g_rand_int_range (rnd, 0, 2), 1 + g_rand_int_range (rnd, 0, 3), 1, 1, 1 };
      GString *k = g_string_new (NULL), *st = g_string_new (NULL), *d = g_string_new (NULL);
      GString *pb = g_string_new (NULL), *pe = g_string_new (NULL);
      const char *auto_pad = round % 7 == 3 ? "same_upper" : round % 7 == 5 ? "valid" : "explicit";
      const char *rounding = round % 2 == 0 ? "floor" : "ceil";
      g_autofree char *ks = NULL, *ss = NULL, *ds = NULL, *pbs = NULL, *pes = NULL;
      g_autofree char *what = NULL;
      g_autoptr(QsTensor) x = NULL;

      for (i = 0; i < n_sp; i++)
        {
          gint64 kk = 1 + g_rand_int_range (rnd, 0, 3), dd = 1 + g_rand_int_range (rnd, 0, 2);
          gint64 b0 = g_rand_int_range (rnd, 0, 3), e0 = g_rand_int_range (rnd, 0, 3);

          /* the window must fit the padded input */
          dims[2 + i] = g_rand_int_range (rnd, 1, n_sp == 3 ? 9 : 40);
          dims[2 + i] = MAX (dims[2 + i], (kk - 1) * dd + 1);
          g_string_append_printf (k, "%s%" G_GINT64_FORMAT, i ? "," : "", kk);
          g_string_append_printf (st, "%s%d", i ? "," : "", 1 + g_rand_int_range (rnd, 0, 3));
          g_string_append_printf (d, "%s%" G_GINT64_FORMAT, i ? "," : "", dd);
          g_string_append_printf (pb, "%s%" G_GINT64_FORMAT, i ? "," : "", b0);
          g_string_append_printf (pe, "%s%" G_GINT64_FORMAT, i ? "," : "", e0);
        }
      ks = g_string_free (k, FALSE);
      ss = g_string_free (st, FALSE);
      ds = g_string_free (d, FALSE);
      pbs = g_string_free (pb, FALSE);
      pes = g_string_free (pe, FALSE);
      {
        const char *attrs[] = { "kernel", ks, "strides", ss, "dilations", ds, "pads_begin", pbs, "pads_end", pes,
                                "auto_pad", auto_pad, "rounding_type", rounding, NULL };

        x = random_codes_of (rnd, type, rank, dims);
        what = g_strdup_printf ("MaxPool round %u kernel %s strides %s dilations %s pads %s/%s %s %s", round, ks, ss,
                                ds, pbs, pes, auto_pad, rounding);
        assert_codes_op_as_float ("MaxPool", "opset8", x, attrs, NULL, 0, what);
      }
    }
}

/* Parameter → MaxPool-8 (equal pads at both ends) → Result, the index
 * output to a second Result when @read_index. */
static QsModel *
max_pool8_model (QsElementType  type,
                 const gint64  *dims,
                 const char    *k,
                 const char    *s,
                 const char    *pads,
                 const char    *dilations,
                 const char    *rounding,
                 const char    *axis,
                 const char    *index_type,
                 gboolean       read_index)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("pool");
  g_autoptr(GError) error = NULL;
  QsNode *p = qs_graph_builder_add_node (b, "Parameter", "opset1", "x", 0, 1);
  QsNode *op = qs_graph_builder_add_node (b, "MaxPool", "opset8", "op", 1, 2);
  QsNode *res = qs_graph_builder_add_node (b, "Result", "opset1", "y", 1, 0);
  QsModel *model;

  qs_graph_builder_set_port (b, &p->outputs[0], type, 4, dims);
  qs_graph_builder_set_port (b, &op->inputs[0], type, 4, dims);
  qs_graph_builder_set_attr (b, op, "kernel", k);
  qs_graph_builder_set_attr (b, op, "strides", s);
  qs_graph_builder_set_attr (b, op, "pads_begin", pads);
  qs_graph_builder_set_attr (b, op, "pads_end", pads);
  qs_graph_builder_set_attr (b, op, "dilations", dilations);
  qs_graph_builder_set_attr (b, op, "rounding_type", rounding);
  qs_graph_builder_set_attr (b, op, "index_element_type", index_type);
  qs_graph_builder_set_attr (b, op, "axis", axis);
  qs_test_wire (b, p, 0, op, 0);
  qs_test_wire (b, op, 0, res, 0);
  if (read_index)
    {
      QsNode *res_i = qs_graph_builder_add_node (b, "Result", "opset1", "y_index", 1, 0);

      qs_test_wire (b, op, 1, res_i, 0);
    }
  model = qs_graph_builder_finish (b, &error);
  g_assert_no_error (error);
  return model;
}

/* Runs @model once on @x in @mode; the outputs in Result order, and the
 * bytes its MaxPool allocated. */
static QsTensor **
run_max_pool8 (QsModel    *model,
               QsExecMode  mode,
               QsTensor   *x,
               guint64    *alloc)
{
  g_autoptr(QsExec) exec = NULL;
  g_autoptr(GArray) profile = NULL;
  g_autoptr(GError) error = NULL;
  QsTensor **outputs = NULL;
  guint r;

  exec = qs_exec_new (model, mode, &error);
  g_assert_no_error (error);
  qs_exec_set_profiling (exec, TRUE);
  g_assert_true (qs_exec_run (exec, &x, NULL, NULL, NULL, &outputs, &error));
  g_assert_no_error (error);
  profile = qs_exec_get_profile (exec);
  for (r = 0; r < profile->len; r++)
    if (strcmp (g_array_index (profile, QsExecProfileRow, r).type, "MaxPool") == 0)
      *alloc = g_array_index (profile, QsExecProfileRow, r).alloc_bytes;
  return outputs;
}

/* MaxPool-8 in an int8 run picks codes in their own type, with its index
 * output read or not: the codes and the indices of the float MaxPool-8 of
 * the codes as f32 (the round trip every MaxPool-8 took before), bit for
 * bit, with windows of only the lowest code; without a reader of the
 * indices it allocates its codes alone.  pdr0013's 2×2 stride-2 ceil
 * windows among random ones, dilations, i32 and i64 from any axis. */
static void
test_max_pool8_codes (void)
{
  g_autoptr(GRand) rnd = g_rand_new_with_seed (71);
  guint round;

  for (round = 0; round < 60; round++)
    {
      QsElementType type = round % 2 == 0 ? QS_ELEMENT_U8 : QS_ELEMENT_I8;
      gint64 dims[4] = { 1 + g_rand_int_range (rnd, 0, 2), 1 + g_rand_int_range (rnd, 0, 4),
                         g_rand_int_range (rnd, 4, 30), g_rand_int_range (rnd, 4, 50) };
      gint64 kk = 1 + g_rand_int_range (rnd, 0, 4), st = 1 + g_rand_int_range (rnd, 0, 3);
      gint64 pad = g_rand_int_range (rnd, 0, kk), dil = round % 4 == 3 ? 2 : 1;
      g_autofree char *d = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, dil, dil);
      g_autofree char *axis = g_strdup_printf ("%d", g_rand_int_range (rnd, -4, 4));
      const char *index_type = round % 5 == 1 ? "i32" : "i64";
      g_autofree char *k = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, kk, kk);
      g_autofree char *s = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, st, st);
      g_autofree char *pads = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, pad, pad);
      const char *rounding = round % 3 == 0 ? "floor" : "ceil";
      g_autoptr(QsModel) unread = NULL, read = NULL, read_f = NULL;
      g_autoptr(QsTensor) x = NULL, xf = NULL, want = NULL;
      QsTensor **y_unread, **y_read, **y_float;
      guint64 alloc_unread = 0, alloc_read = 0, alloc_float = 0;
      gsize i;

      if (round < 4)
        {
          g_free (d), d = g_strdup ("1,1");
          /* pdr0013's skip branches: kernel 2, stride 2, ceil, no pads */
          g_free (k), k = g_strdup ("2,2");
          g_free (s), s = g_strdup ("2,2");
          g_free (pads), pads = g_strdup ("0,0");
          rounding = "ceil";
        }
      x = random_codes_of (rnd, type, 4, dims);
      if (round % 3 == 2)
        for (i = 0; i < x->n_elements; i++)
          if (g_rand_int_range (rnd, 0, 4) != 0)
            qs_tensor_set_i64 (x, i, type == QS_ELEMENT_U8 ? 0 : -128);   /* whole windows of the lowest code */
      xf = qs_tensor_convert (x, QS_ELEMENT_F32);
      unread = max_pool8_model (type, dims, k, s, pads, d, rounding, axis, index_type, FALSE);
      read = max_pool8_model (type, dims, k, s, pads, d, rounding, axis, index_type, TRUE);
      read_f = max_pool8_model (QS_ELEMENT_F32, dims, k, s, pads, d, rounding, axis, index_type, TRUE);
      y_unread = run_max_pool8 (unread, QS_EXEC_MODE_INT8, x, &alloc_unread);
      y_read = run_max_pool8 (read, QS_EXEC_MODE_INT8, x, &alloc_read);
      y_float = run_max_pool8 (read_f, QS_EXEC_MODE_FLOAT, xf, &alloc_float);
      want = qs_tensor_convert (y_float[0], type);
      g_assert_cmpint (y_unread[0]->type, ==, type);
      g_assert_cmpint (y_read[0]->type, ==, type);
      g_assert_true (qs_tensor_same_shape (y_unread[0], want));
      g_assert_cmpmem (y_unread[0]->data, y_unread[0]->n_elements, want->data, want->n_elements);
      g_assert_cmpmem (y_read[0]->data, y_read[0]->n_elements, want->data, want->n_elements);
      g_assert_cmpint (y_read[1]->type, ==, y_float[1]->type);
      g_assert_cmpmem (y_read[1]->data, y_read[1]->n_elements * qs_tensor_type_size (y_read[1]->type),
                       y_float[1]->data, y_float[1]->n_elements * qs_tensor_type_size (y_float[1]->type));
      /* codes alone, no f32 copies and no indices */
      g_assert_cmpuint (alloc_unread, <=, want->n_elements + 4096);
      g_assert_cmpuint (alloc_read, >=, alloc_unread + want->n_elements * qs_tensor_type_size (y_read[1]->type));
      qs_tensor_unref (y_unread[0]);
      for (i = 0; i < 2; i++)
        {
          qs_tensor_unref (y_read[i]);
          qs_tensor_unref (y_float[i]);
        }
      g_free (y_unread);
      g_free (y_read);
      g_free (y_float);
    }
}

/* Interpolate in nearest mode on u8 and i8 codes (copied in their own
 * type) against the float Interpolate of the codes: every nearest_mode and
 * coordinate transformation, up and down, sizes and scales, opset 1, 4
 * and 11. */
static void
test_interpolate_codes (void)
{
  static const char *const nearest[] = { "round_prefer_floor", "round_prefer_ceil", "floor", "ceil", "simple" };
  static const char *const coord[] = { "half_pixel", "pytorch_half_pixel", "asymmetric", "tf_half_pixel_for_nn",
                                       "align_corners" };
  g_autoptr(GRand) rnd = g_rand_new_with_seed (61);
  guint round;

  for (round = 0; round < 100; round++)
    {
      QsElementType type = round % 2 == 0 ? QS_ELEMENT_U8 : QS_ELEMENT_I8;
      gint64 dims[4] = { 1, 1 + g_rand_int_range (rnd, 0, 3), g_rand_int_range (rnd, 1, 20), g_rand_int_range (rnd, 1, 20) };
      gint64 two[1] = { 2 };
      gint64 out_h = g_rand_int_range (rnd, 1, 45), out_w = g_rand_int_range (rnd, 1, 45);
      g_autoptr(QsTensor) x = random_codes_of (rnd, type, 4, dims);
      g_autoptr(QsTensor) sizes = qs_tensor_new (QS_ELEMENT_I64, 1, two);
      g_autoptr(QsTensor) scales = qs_tensor_new (QS_ELEMENT_F32, 1, two);
      g_autoptr(QsTensor) axes = qs_tensor_new (QS_ELEMENT_I64, 1, two);
      g_autofree char *what = NULL;
      int opset = round % 5 == 4 ? 1 : round % 3 == 0 ? 4 : 11;
      gboolean by_scales = round % 4 >= 2;
      const char *nm = nearest[(round / 2) % G_N_ELEMENTS (nearest)];
      const char *cm = coord[(round / 3) % G_N_ELEMENTS (coord)];

      ((gint64 *) sizes->data)[0] = out_h;
      ((gint64 *) sizes->data)[1] = out_w;
      ((float *) scales->data)[0] = (float) out_h / (float) dims[2];
      ((float *) scales->data)[1] = (float) out_w / (float) dims[3];
      ((gint64 *) axes->data)[0] = 2;
      ((gint64 *) axes->data)[1] = 3;
      what = g_strdup_printf ("Interpolate-%d round %u %s %s %s", opset, round, nm, cm, by_scales ? "scales" : "sizes");
      if (opset == 1)
        {
          const char *attrs[] = { "mode", "nearest", "axes", "2,3", NULL };

          assert_codes_op_as_float ("Interpolate", "opset1", x, attrs, &sizes, 1, what);
        }
      else if (opset == 4)
        {
          const char *attrs[] = { "mode", "nearest", "shape_calculation_mode", by_scales ? "scales" : "sizes",
                                  "coordinate_transformation_mode", cm, "nearest_mode", nm, NULL };
          QsTensor *k[3] = { sizes, scales, axes };

          assert_codes_op_as_float ("Interpolate", "opset4", x, attrs, k, 3, what);
        }
      else
        {
          const char *attrs[] = { "mode", "nearest", "shape_calculation_mode", by_scales ? "scales" : "sizes",
                                  "coordinate_transformation_mode", cm, "nearest_mode", nm, NULL };
          QsTensor *k[2] = { by_scales ? scales : sizes, axes };

          assert_codes_op_as_float ("Interpolate", "opset11", x, attrs, k, 2, what);
        }
    }
}

/* The shared INT8 models' own layers: in an int8 run every MaxPool and
 * Interpolate on u8/i8 codes gives the codes of the same layer (its
 * attributes and constant inputs) run in float on the codes and converted
 * back, and every Requantize with per-tensor or per-channel constants the
 * codes of qs_requantize_code per element. */
typedef struct
{
  guint n_pool, n_interpolate, n_requantize;
} CodeOps;

static void
check_code_ops (const QsNode    *node,
                QsTensor *const *inputs,
                guint            n_inputs,
                QsTensor *const *outputs,
                guint            n_outputs,
                gpointer         user_data)
{
  CodeOps *seen = user_data;
  const QsTensor *x = n_inputs > 0 ? inputs[0] : NULL;
  const QsTensor *y = n_outputs > 0 ? outputs[0] : NULL;
  gsize i;

  if (x == NULL || y == NULL || (x->type != QS_ELEMENT_U8 && x->type != QS_ELEMENT_I8 && x->type != QS_ELEMENT_I32))
    return;
  if (g_strcmp0 (node->version, "qscope") == 0 && qs_node_is_type (node, "Requantize"))
    {
      const QsTensor *mul = inputs[1], *add = inputs[2];
      gint64 lo = y->type == QS_ELEMENT_U8 ? 0 : -128, hi = y->type == QS_ELEMENT_U8 ? 255 : 127;
      gsize plane = x->rank >= 2 ? test_dims_product (x, 2) : 1;
      gsize channels = x->rank >= 2 ? (gsize) x->dims[1] : 1;

      g_assert_true (qs_node_get_int (node, "qmin", lo, &lo, NULL));
      g_assert_true (qs_node_get_int (node, "qmax", hi, &hi, NULL));
      if ((mul->n_elements != 1 && mul->n_elements != channels) || (add->n_elements != 1 && add->n_elements != channels))
        return;
      for (i = 0; i < x->n_elements; i++)
        {
          gsize c = (i / plane) % channels;
          float m = qs_tensor_f32 (mul)[mul->n_elements == 1 ? 0 : c];
          float a = qs_tensor_f32 (add)[add->n_elements == 1 ? 0 : c];

          g_assert_cmpint (qs_tensor_get_i64 (y, i), ==, qs_requantize_code (qs_tensor_get_i64 (x, i), m, a, lo, hi));
        }
      seen->n_requantize++;
      return;
    }
  if (x->type == QS_ELEMENT_I32 || !(qs_node_is_type (node, "MaxPool") || qs_node_is_type (node, "Interpolate")))
    return;
  {
    g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("layer");
    g_autoptr(QsModel) model = NULL;
    g_autoptr(QsExec) exec = NULL;
    g_autoptr(QsTensor) xf = qs_tensor_convert (x, QS_ELEMENT_F32);
    g_autoptr(QsTensor) want = NULL;
    g_autoptr(GError) error = NULL;
    QsNode *p = qs_graph_builder_add_node (b, "Parameter", "opset1", "x", 0, 1);
    QsNode *op = qs_graph_builder_add_node (b, node->type, node->version, "op", n_inputs, 1);
    QsNode *res = qs_graph_builder_add_node (b, "Result", "opset1", "y", 1, 0);
    QsTensor **out = NULL;
    guint k;

    qs_graph_builder_set_port (b, &p->outputs[0], QS_ELEMENT_F32, x->rank, x->dims);
    qs_graph_builder_set_port (b, &op->inputs[0], QS_ELEMENT_F32, x->rank, x->dims);
    qs_graph_builder_set_port (b, &op->outputs[0], QS_ELEMENT_F32, y->rank, y->dims);
    qs_graph_builder_set_port (b, &res->inputs[0], QS_ELEMENT_F32, y->rank, y->dims);
    for (k = 0; k < node->n_attrs; k++)
      qs_graph_builder_set_attr (b, op, node->attr_keys[k], node->attr_values[k]);
    qs_test_wire (b, p, 0, op, 0);
    for (k = 1; k < n_inputs; k++)
      {
        const QsTensor *c = inputs[k];
        QsNode *kn = qs_graph_builder_add_const (b, NULL, c->type, c->rank, c->dims, c->data,
                                                 c->n_elements * qs_tensor_type_size (c->type));

        qs_graph_builder_set_port (b, &op->inputs[k], c->type, c->rank, c->dims);
        qs_test_wire (b, kn, 0, op, k);
      }
    qs_test_wire (b, op, 0, res, 0);
    model = qs_graph_builder_finish (b, &error);
    g_assert_no_error (error);
    exec = qs_exec_new (model, QS_EXEC_MODE_FLOAT, &error);
    g_assert_no_error (error);
    qs_exec_run (exec, &xf, NULL, NULL, NULL, &out, &error);
    g_assert_no_error (error);
    want = qs_tensor_convert (out[0], x->type);
    qs_tensor_unref (out[0]);
    g_free (out);
    g_assert_true (qs_tensor_same_shape (want, y));
    g_assert_cmpint (want->type, ==, y->type);
    g_assert_cmpmem (want->data, want->n_elements, y->data, y->n_elements);
    if (qs_node_is_type (node, "MaxPool"))
      seen->n_pool++;
    else
      seen->n_interpolate++;
  }
}

static void
test_code_ops_shared_models (void)
{
  static const char *const names[] = { "yolov8n-int8-nncf-v11", "pdr0013-int8-v11", "pvb2003-int8-v11" };
  const char *models = qs_test_shared_models ();
  CodeOps seen = { 0 };
  guint k;

  if (models == NULL)
    return;
  for (k = 0; k < G_N_ELEMENTS (names); k++)
    {
      g_autoptr(QsModel) model = qs_test_load_shared (models, names[k]);

      if (model != NULL)
        qs_test_run_observed (model, QS_EXEC_MODE_INT8, 5, check_code_ops, &seen);
    }
  g_test_message ("layers checked: %u MaxPool, %u Interpolate, %u Requantize", seen.n_pool, seen.n_interpolate,
                  seen.n_requantize);
  g_assert_cmpuint (seen.n_pool + seen.n_interpolate + seen.n_requantize, >, 0);
}

/* Requantize means Dequantize then the FakeQuantize's code: over random
 * accumulators it gives the fake-quant code except, at most one code
 * away, where the two float evaluations fall on either side of a tie. */
static void
test_requantize_is_fake_quantize (void)
{
  const double s_in = 0.0173 * 0.0042, il = -0.731, ih = 2.154;
  const guint levels = 256;
  const gint64 zp = 3100;
  double s_q = (ih - il) / (levels - 1);
  float mul = (float) (s_in / s_q), add = (float) ((-zp * s_in - il) / s_q);
  GRand *rand = g_rand_new_with_seed (7);
  guint i, n = 200000, equal = 0;

  for (i = 0; i < n; i++)
    {
      gint64 acc = g_rand_int_range (rand, -40000, 80000);
      float y = (float) ((double) (acc - zp) * s_in);
      gint64 want = (gint64) qs_quantize_code_f32 (y, (float) il, (float) ih, levels);
      gint64 got = qs_requantize_code (acc, mul, add, 0, 255);

      g_assert_cmpint (ABS (got - want), <=, 1);
      equal += got == want;
    }
  g_test_message ("Requantize vs Dequantize→FakeQuantize: %u of %u equal", equal, n);
  g_assert_cmpfloat ((double) equal / n, >=, 0.999);
  g_rand_free (rand);
}

/* ---- FakeQuantize → Convolution → FakeQuantize in three modes ---- */

/* lpt.md §9: x [1,2,1,4] FQ(256, 0..2.55) → Conv 1x1 (w = 0.3, -0.2 under
 * FQ(255, ±1.27)) → + 0.1 → FQ(256, 0..0.255) → MaxPool 1x2 → Conv 1x1
 * (w = 1.27) → Result.  The second convolution takes codes, so fq_y
 * becomes a Requantize and the MaxPool runs on codes. */
static QsModel *
conv_model (void)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("conv");
  gint64 xd[4] = { 1, 2, 1, 4 }, wd[4] = { 1, 2, 1, 1 }, yd[4] = { 1, 1, 1, 4 }, bd[4] = { 1, 1, 1, 1 };
  float wv[2] = { 0.3f, -0.2f }, bias = 0.1f;
  QsNode *p = qs_graph_builder_add_node (b, "Parameter", "opset1", "x", 0, 1);
  QsNode *conv = qs_graph_builder_add_node (b, "Convolution", "opset1", "conv", 2, 1);
  QsNode *add = qs_graph_builder_add_node (b, "Add", "opset1", "bias", 2, 1);
  QsNode *pool = qs_graph_builder_add_node (b, "MaxPool", "opset1", "pool", 1, 1);
  QsNode *conv2 = qs_graph_builder_add_node (b, "Convolution", "opset1", "conv2", 2, 1);
  QsNode *res = qs_graph_builder_add_node (b, "Result", "opset1", "y", 1, 0);
  gint64 pd[4] = { 1, 1, 1, 2 };
  float w2 = 1.27f;
  QsNode *fx, *fw, *fy, *fw2;
  g_autoptr(GError) error = NULL;
  QsModel *model;

  qs_graph_builder_set_port (b, &p->outputs[0], QS_ELEMENT_F32, 4, xd);
  fx = qs_test_fake_quantize_levels (b, "fq_x", "256", p, 0.0f, 2.55f, 4, xd);
  fw = qs_test_fake_quantize_levels (b, "fq_w", "255", qs_graph_builder_add_const_f32 (b, "w", 4, wd, wv),
                                     -1.27f, 1.27f, 4, wd);
  qs_graph_builder_set_attr (b, conv, "strides", "1,1");
  qs_graph_builder_set_attr (b, conv, "pads_begin", "0,0");
  qs_graph_builder_set_attr (b, conv, "pads_end", "0,0");
  qs_graph_builder_set_attr (b, conv, "dilations", "1,1");
  qs_graph_builder_set_port (b, &conv->inputs[0], QS_ELEMENT_F32, 4, xd);
  qs_graph_builder_set_port (b, &conv->inputs[1], QS_ELEMENT_F32, 4, wd);
  qs_graph_builder_set_port (b, &conv->outputs[0], QS_ELEMENT_F32, 4, yd);
  qs_test_wire (b, fx, 0, conv, 0);
  qs_test_wire (b, fw, 0, conv, 1);
  qs_graph_builder_set_port (b, &add->inputs[0], QS_ELEMENT_F32, 4, yd);
  qs_graph_builder_set_port (b, &add->inputs[1], QS_ELEMENT_F32, 4, bd);
  qs_graph_builder_set_port (b, &add->outputs[0], QS_ELEMENT_F32, 4, yd);
  qs_test_wire (b, conv, 0, add, 0);
  qs_test_wire (b, qs_graph_builder_add_const_f32 (b, "b", 4, bd, &bias), 0, add, 1);
  fy = qs_test_fake_quantize_levels (b, "fq_y", "256", add, 0.0f, 0.255f, 4, yd);
  qs_graph_builder_set_attr (b, pool, "kernel", "1,2");
  qs_graph_builder_set_attr (b, pool, "strides", "1,2");
  qs_graph_builder_set_attr (b, pool, "pads_begin", "0,0");
  qs_graph_builder_set_attr (b, pool, "pads_end", "0,0");
  qs_graph_builder_set_port (b, &pool->inputs[0], QS_ELEMENT_F32, 4, yd);
  qs_graph_builder_set_port (b, &pool->outputs[0], QS_ELEMENT_F32, 4, pd);
  qs_test_wire (b, fy, 0, pool, 0);
  fw2 = qs_test_fake_quantize_levels (b, "fq_w2", "255", qs_graph_builder_add_const_f32 (b, "w2", 4, bd, &w2),
                                      -1.27f, 1.27f, 4, bd);
  qs_graph_builder_set_attr (b, conv2, "strides", "1,1");
  qs_graph_builder_set_attr (b, conv2, "pads_begin", "0,0");
  qs_graph_builder_set_attr (b, conv2, "pads_end", "0,0");
  qs_graph_builder_set_attr (b, conv2, "dilations", "1,1");
  qs_graph_builder_set_port (b, &conv2->inputs[0], QS_ELEMENT_F32, 4, pd);
  qs_graph_builder_set_port (b, &conv2->inputs[1], QS_ELEMENT_F32, 4, bd);
  qs_graph_builder_set_port (b, &conv2->outputs[0], QS_ELEMENT_F32, 4, pd);
  qs_test_wire (b, pool, 0, conv2, 0);
  qs_test_wire (b, fw2, 0, conv2, 1);
  qs_graph_builder_set_port (b, &res->inputs[0], QS_ELEMENT_F32, 4, pd);
  qs_test_wire (b, conv2, 0, res, 0);
  model = qs_graph_builder_finish (b, &error);
  g_assert_no_error (error);
  return model;
}

/* keeps the output of fq_y (or of its Requantize) */
static void
catch_fq_y (const QsNode    *node,
            QsTensor *const *inputs,
            guint            n_inputs,
            QsTensor *const *outputs,
            guint            n_outputs,
            gpointer         user_data)
{
  QsTensor **caught = user_data;

  if (g_str_has_prefix (node->name, "fq_y") && n_outputs == 1)
    {
      g_clear_pointer (caught, qs_tensor_unref);
      *caught = qs_tensor_ref (outputs[0]);
    }
}

static void
test_conv_model (void)
{
  g_autoptr(QsModel) model = conv_model ();
  /* pixels (channel 0, channel 1): (0.5, 1.0), (0.2, 0.3), (0, 1.0), (2.0, 0.1) */
  float xv[8] = { 0.5f, 0.2f, 0.0f, 2.0f, 1.0f, 0.3f, 1.0f, 0.1f };
  /* int8: q_x = (50,100) (20,30) (0,100) (200,10); q_w = (30,-20); acc = -500, 0,
   * -2000, 5800; q_y = acc/10 + 100 = 50, 100, 0 (clamped), 255 (clamped) */
  gint64 want_codes[4] = { 50, 100, 0, 255 };
  float want_float[4] = { 0.05f, 0.1f, -0.1f, 0.68f };
  /* MaxPool over pixel pairs, times 1.27 */
  float want_pooled[2] = { 0.127f, 0.32385f };
  float want_float_pooled[2] = { 0.127f, 0.8636f };
  QsExecMode modes[3] = { QS_EXEC_MODE_FLOAT, QS_EXEC_MODE_FAKE_QUANT, QS_EXEC_MODE_INT8 };
  g_autoptr(QsTensor) x = tensor_f32 (xv);
  g_autoptr(GArray) cmp = NULL;
  g_autoptr(GError) error = NULL;
  guint m, i, n_requantize = 0, n_int8 = 0, n;
  QsNode *const *order;

  for (m = 0; m < 3; m++)
    {
      g_autoptr(QsExec) exec = qs_exec_new (model, modes[m], &error);
      g_autoptr(QsTensor) fq_y = NULL;
      QsTensor **out = NULL;

      g_assert_no_error (error);
      qs_exec_set_observer (exec, catch_fq_y, &fq_y);
      if (modes[m] == QS_EXEC_MODE_INT8)
        {
          /* the plan runs the transformed graph: int8 conv, then one Requantize */
          order = qs_exec_get_order (exec, &n);
          for (i = 0; i < n; i++)
            {
              n_requantize += qs_node_is_type (order[i], "Requantize");
              n_int8 += qs_node_is_type (order[i], "Convolution") &&
                        order[i]->outputs[0].element_type == QS_ELEMENT_I32;
            }
          g_assert_cmpuint (n_requantize, ==, 1);
          g_assert_cmpuint (n_int8, ==, 2);
        }
      g_assert_true (qs_exec_run (exec, &x, NULL, NULL, NULL, &out, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (out[0]->n_elements, ==, 2);
      g_assert_cmpint (out[0]->type, ==, QS_ELEMENT_F32);
      for (i = 0; i < 2; i++)
        {
          float y = qs_tensor_f32 (out[0])[i];

          if (modes[m] == QS_EXEC_MODE_FLOAT)
            g_assert_cmpfloat_with_epsilon (y, want_float_pooled[i], 1e-5);   /* fq_y bypassed, weights quantized */
          else
            g_assert_cmpfloat_with_epsilon (y, want_pooled[i], 1e-6);
        }
      /* before the MaxPool: values (float, fake-quant) or codes (int8) */
      g_assert_nonnull (fq_y);
      g_assert_cmpuint (fq_y->n_elements, ==, 4);
      for (i = 0; i < 4; i++)
        if (modes[m] == QS_EXEC_MODE_FLOAT)
          g_assert_cmpfloat_with_epsilon (qs_tensor_f32 (fq_y)[i], want_float[i], 1e-5);
        else if (modes[m] == QS_EXEC_MODE_FAKE_QUANT)
          g_assert_cmpfloat_with_epsilon (qs_tensor_f32 (fq_y)[i], want_codes[i] * 0.001f, 1e-6);
        else
          {
            g_assert_cmpint (fq_y->type, ==, QS_ELEMENT_U8);
            g_assert_cmpint (qs_tensor_get_i64 (fq_y, i), ==, want_codes[i]);
          }
      qs_tensor_unref (out[0]);
      g_free (out);
    }

  /* and in codes: the int8 run equals the fake-quant run at fq_x and fq_y */
  cmp = qs_exec_compare_int8 (model, &x, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cmp->len, ==, 2);
  for (i = 0; i < cmp->len; i++)
    {
      QsInt8Compare *c = &g_array_index (cmp, QsInt8Compare, i);
      g_assert_cmpfloat (c->run.max_steps, ==, 0);
      g_assert_cmpfloat (c->local.max_steps, ==, 0);
    }
}

/* ---- ConvolutionBackpropData and GroupConvolutionBackpropData ---- */

/* The transposed convolution in gather form, independent of the op's
 * scatter loop: out[n, g·ocg + co, o] = Σ over ci and taps t with
 * i·stride − pad + t·dilation = o of x[n, g·icg + ci, i] · w[g, ci, co, t].
 * Up to two spatial axes (1-D: h = 1). */
typedef struct
{
  int     n_sp;
  gint64  groups, icg, ocg;
  gint64  in[2], k[2], out[2], st[2], dl[2], pb[2];
} Geo;

static gint64
backprop_ref_at (const Geo *g,
                 const gint32 *x,
                 const gint32 *w,
                 gint64 co_all,
                 gint64 oy,
                 gint64 ox)
{
  gint64 grp = co_all / g->ocg, co = co_all % g->ocg, ci, ky, kx, acc = 0;

  for (ci = 0; ci < g->icg; ci++)
    for (ky = 0; ky < g->k[0]; ky++)
      for (kx = 0; kx < g->k[1]; kx++)
        {
          gint64 ny = oy + g->pb[0] - ky * g->dl[0], nx = ox + g->pb[1] - kx * g->dl[1], iy, ix;

          if (ny < 0 || nx < 0 || ny % g->st[0] != 0 || nx % g->st[1] != 0)
            continue;
          iy = ny / g->st[0];
          ix = nx / g->st[1];
          if (iy >= g->in[0] || ix >= g->in[1])
            continue;
          acc += (gint64) x[((grp * g->icg + ci) * g->in[0] + iy) * g->in[1] + ix] *
                 w[(((grp * g->icg + ci) * g->ocg + co) * g->k[0] + ky) * g->k[1] + kx];
        }
  return acc;
}

typedef struct
{
  const char *path;
  int         n_sp;
  gint64      groups, icg, ocg;
  gint64      in[2], k[2], st[2], dl[2], pb[2], pe[2], op[2];
  float       act_lo, act_hi;     /* u8 [0, 2.55] or i8 [-1.28, 1.27] */
} BackpropExecCase;

static const BackpropExecCase backprop_exec_cases[] = {
  /* 1-D: L_out = 2·4 + 2 + 1 − 1 − 0 + 1 = 11 */
  { "1d", 1, 1, 3, 2, { 1, 5 }, { 1, 3 }, { 1, 2 }, { 1, 1 }, { 0, 1 }, { 0, 0 }, { 0, 1 }, 0.0f, 2.55f },
  /* 2-D: H_out = 2·3 + 2 + 1 − 1 − 0 + 1 = 9, W_out = 2 + 2 + 1 − 0 − 1 = 4 */
  { "2d", 2, 1, 2, 3, { 4, 3 }, { 3, 2 }, { 2, 1 }, { 1, 2 }, { 1, 0 }, { 0, 1 }, { 1, 0 }, 0.0f, 2.55f },
  { "2d-i8", 2, 1, 2, 3, { 4, 3 }, { 3, 2 }, { 2, 1 }, { 1, 2 }, { 1, 0 }, { 0, 1 }, { 1, 0 }, -1.28f, 1.27f },
  { "1d-groups", 1, 2, 2, 3, { 1, 5 }, { 1, 3 }, { 1, 3 }, { 1, 1 }, { 0, 2 }, { 0, 1 }, { 0, 2 }, 0.0f, 2.55f },
  { "2d-groups", 2, 2, 1, 2, { 3, 3 }, { 2, 3 }, { 2, 2 }, { 1, 1 }, { 1, 1 }, { 0, 0 }, { 1, 1 }, 0.0f, 2.55f },
};

static void
backprop_geo (const BackpropExecCase *c,
              Geo                    *g)
{
  int i;

  g->n_sp = c->n_sp;
  g->groups = c->groups;
  g->icg = c->icg;
  g->ocg = c->ocg;
  for (i = 0; i < 2; i++)
    {
      g->in[i] = c->in[i];
      g->k[i] = c->k[i];
      g->st[i] = c->st[i];
      g->dl[i] = c->dl[i];
      g->pb[i] = c->pb[i];
      g->out[i] = c->st[i] * (c->in[i] - 1) + c->dl[i] * (c->k[i] - 1) + 1 - c->pb[i] - c->pe[i] + c->op[i];
    }
}

static char *
int_list (int n_sp, const gint64 *v)
{
  return n_sp == 1 ? g_strdup_printf ("%" G_GINT64_FORMAT, v[1])
                   : g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, v[0], v[1]);
}

static void
backprop_dims (const BackpropExecCase *c,
               const Geo              *g,
               gint64                 *xd,
               gint64                 *wd,
               gint64                 *yd,
               int                    *wrank)
{
  int i, wo = c->groups > 1 ? 1 : 0;

  xd[0] = yd[0] = 1;
  xd[1] = c->groups * c->icg;
  yd[1] = c->groups * c->ocg;
  if (wo)
    wd[0] = c->groups;
  wd[wo] = c->icg;
  wd[wo + 1] = c->ocg;
  for (i = 0; i < c->n_sp; i++)
    {
      xd[2 + i] = g->in[2 - c->n_sp + i];
      yd[2 + i] = g->out[2 - c->n_sp + i];
      wd[wo + 2 + i] = g->k[2 - c->n_sp + i];
    }
  *wrank = 2 + c->n_sp + wo;
}

static void
backprop_attrs (QsGraphBuilder         *b,
                QsNode                 *d,
                const BackpropExecCase *c)
{
  g_autofree char *st = int_list (c->n_sp, c->st);
  g_autofree char *dl = int_list (c->n_sp, c->dl);
  g_autofree char *pb = int_list (c->n_sp, c->pb);
  g_autofree char *pe = int_list (c->n_sp, c->pe);
  g_autofree char *op = int_list (c->n_sp, c->op);

  qs_graph_builder_set_attr (b, d, "strides", st);
  qs_graph_builder_set_attr (b, d, "dilations", dl);
  qs_graph_builder_set_attr (b, d, "pads_begin", pb);
  qs_graph_builder_set_attr (b, d, "pads_end", pe);
  qs_graph_builder_set_attr (b, d, "output_padding", op);
}

static gsize
n_of (int           rank,
      const gint64 *dims)
{
  gsize n = 1;
  int i;

  for (i = 0; i < rank; i++)
    n *= (gsize) dims[i];
  return n;
}

/* A deterministic value in [lo, hi). */
static float
sample (guint32 *state,
        float    lo,
        float    hi)
{
  *state = *state * 1664525u + 1013904223u;
  return lo + (hi - lo) * (float) (*state >> 8) / (float) (1u << 24);
}

/* Parameter → FakeQuantize → (Group)ConvolutionBackpropData (weights
 * FakeQuantize 255 levels [-1.27, 1.27]) → Result */
static QsModel *
backprop_fq_model (const BackpropExecCase *c,
                   const Geo              *g)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("t");
  gint64 xd[4], wd[5], yd[4];
  int r = 2 + c->n_sp, wrank;
  guint32 state = 12345;
  g_autofree float *wv = NULL;
  QsNode *p, *fq, *wfq, *d, *res;
  g_autoptr(GError) error = NULL;
  gsize n_w, i;
  QsModel *model;

  backprop_dims (c, g, xd, wd, yd, &wrank);
  n_w = n_of (wrank, wd);
  wv = g_new (float, n_w);
  for (i = 0; i < n_w; i++)
    wv[i] = sample (&state, -1.2f, 1.2f);
  p = qs_test_parameter (b, "x", r, xd);
  fq = qs_test_fake_quantize_levels (b, "fq_x", "256", p, c->act_lo, c->act_hi, r, xd);
  wfq = qs_test_fake_quantize_levels (b, "w/fq", "255", qs_graph_builder_add_const_f32 (b, "w", wrank, wd, wv),
                                      -1.27f, 1.27f, wrank, wd);
  d = qs_graph_builder_add_node (b, c->groups > 1 ? "GroupConvolutionBackpropData" : "ConvolutionBackpropData",
                                 "opset1", "deconv", 2, 1);
  backprop_attrs (b, d, c);
  qs_graph_builder_set_port (b, &d->inputs[0], QS_ELEMENT_F32, r, xd);
  qs_graph_builder_set_port (b, &d->inputs[1], QS_ELEMENT_F32, wrank, wd);
  qs_graph_builder_set_port (b, &d->outputs[0], QS_ELEMENT_F32, r, yd);
  qs_test_wire (b, fq, 0, d, 0);
  qs_test_wire (b, wfq, 0, d, 1);
  res = qs_graph_builder_add_node (b, "Result", "opset1", "y", 1, 0);
  qs_graph_builder_set_port (b, &res->inputs[0], QS_ELEMENT_F32, r, yd);
  qs_test_wire (b, d, 0, res, 0);
  model = qs_graph_builder_finish (b, &error);
  g_assert_no_error (error);
  return model;
}

typedef struct
{
  const Geo *g;
  guint      n_checked;
} BackpropCatch;

/* The int8 layer: its i32 output against the gather-form reference on
 * the codes and i8 weights it was given, element for element. */
static void
check_backprop_i32 (const QsNode    *node,
                    QsTensor *const *inputs,
                    guint            n_inputs,
                    QsTensor *const *outputs,
                    guint            n_outputs,
                    gpointer         user_data)
{
  BackpropCatch *bc = user_data;
  const Geo *g = bc->g;
  g_autofree gint32 *x = NULL, *w = NULL;
  gint64 co, oy, ox;
  gsize i;

  if (strcmp (node->name, "deconv") != 0 || n_outputs != 1 || outputs[0]->type != QS_ELEMENT_I32)
    return;
  g_assert_cmpuint (n_inputs, >=, 2);
  g_assert_true (inputs[0]->type == QS_ELEMENT_U8 || inputs[0]->type == QS_ELEMENT_I8);
  g_assert_cmpint (inputs[1]->type, ==, QS_ELEMENT_I8);
  x = g_new (gint32, inputs[0]->n_elements);
  w = g_new (gint32, inputs[1]->n_elements);
  for (i = 0; i < inputs[0]->n_elements; i++)
    x[i] = (gint32) qs_tensor_get_i64 (inputs[0], i);
  for (i = 0; i < inputs[1]->n_elements; i++)
    w[i] = (gint32) qs_tensor_get_i64 (inputs[1], i);
  g_assert_cmpuint (outputs[0]->n_elements, ==, (gsize) (g->groups * g->ocg * g->out[0] * g->out[1]));
  for (co = 0; co < g->groups * g->ocg; co++)
    for (oy = 0; oy < g->out[0]; oy++)
      for (ox = 0; ox < g->out[1]; ox++)
        {
          gsize at = (gsize) ((co * g->out[0] + oy) * g->out[1] + ox);
          g_assert_cmpint (qs_tensor_get_i64 (outputs[0], at), ==, backprop_ref_at (g, x, w, co, oy, ox));
        }
  bc->n_checked++;
}

static void
test_backprop_model (gconstpointer data)
{
  const BackpropExecCase *c = data;
  Geo g;
  g_autoptr(QsModel) model = NULL;
  g_autoptr(QsTensor) x = NULL;
  g_autoptr(QsTensor) y_fq = NULL;
  g_autoptr(QsTensor) y_int8 = NULL;
  g_autoptr(GError) error = NULL;
  BackpropCatch bc = { &g, 0 };
  double max_steps = 0;
  guint32 state = 777;
  const QsLptDecision *d;
  gsize i, plane;
  int m;

  backprop_geo (c, &g);
  model = backprop_fq_model (c, &g);
  x = qs_tensor_new (QS_ELEMENT_F32, model->graph->parameters[0]->outputs[0].shape.rank,
                     model->graph->parameters[0]->outputs[0].shape.dims);
  for (i = 0; i < x->n_elements; i++)
    qs_tensor_f32 (x)[i] = sample (&state, c->act_lo - 0.3f, c->act_hi + 0.3f);
  for (m = 0; m < 2; m++)
    {
      g_autoptr(QsExec) exec = qs_exec_new (model, m == 0 ? QS_EXEC_MODE_FAKE_QUANT : QS_EXEC_MODE_INT8, &error);
      QsTensor **out = NULL;

      g_assert_no_error (error);
      if (m == 1)
        {
          d = qs_lpt_result_get_decision (qs_exec_get_lpt_result (exec),
                                          qs_graph_find_node_by_name (model->graph, "deconv"));
          /* LPT transforms ConvolutionBackpropData only */
          g_assert_cmpint (d->precision, ==, c->groups > 1 ? QS_LPT_PRECISION_FP32 : QS_LPT_PRECISION_INT8);
          qs_exec_set_observer (exec, check_backprop_i32, &bc);
        }
      g_assert_true (qs_exec_run (exec, &x, NULL, NULL, NULL, &out, &error));
      g_assert_no_error (error);
      if (m == 0)
        y_fq = out[0];
      else
        y_int8 = out[0];
      g_free (out);
    }
  g_assert_cmpuint (bc.n_checked, ==, c->groups > 1 ? 0 : 1);
  g_assert_cmpuint (y_fq->n_elements, ==, y_int8->n_elements);
  plane = (gsize) (g.out[0] * g.out[1]);
  for (i = 0; i < y_fq->n_elements; i++)
    {
      /* one step of the output: s_x · s_w (s_w = 0.01) */
      double step = (c->act_hi - c->act_lo) / 255.0 * 0.01;
      double diff = fabs ((double) qs_tensor_f32 (y_int8)[i] - qs_tensor_f32 (y_fq)[i]);

      max_steps = MAX (max_steps, diff / step);

      if (diff > step)
        g_error ("%s: element %" G_GSIZE_FORMAT " (channel %" G_GSIZE_FORMAT "): int8 %g, fake-quant %g",
                 c->path, i, i / plane, qs_tensor_f32 (y_int8)[i], qs_tensor_f32 (y_fq)[i]);
    }
  g_test_message ("%s: %" G_GSIZE_FORMAT " outputs, largest difference %.3g output steps", c->path,
                  y_fq->n_elements, max_steps);
}

/* The grouped int8 op on its own (LPT leaves GroupConvolutionBackpropData
 * in float, so no transformed model reaches it): u8 codes, i8 weights, i32
 * out, against the gather-form reference. */
static void
test_backprop_group_op (void)
{
  const BackpropExecCase *c = &backprop_exec_cases[4];
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("t");
  gint64 xd[4], wd[5], yd[4];
  int wrank;
  Geo g;
  g_autofree gint8 *wv = NULL;
  QsNode *p, *d, *res, *wk;
  g_autoptr(QsModel) model = NULL;
  g_autoptr(QsExec) exec = NULL;
  g_autoptr(QsTensor) x = NULL;
  g_autoptr(GError) error = NULL;
  BackpropCatch bc = { &g, 0 };
  QsTensor **out = NULL;
  guint32 state = 99;
  gsize n_w, i;

  backprop_geo (c, &g);
  backprop_dims (c, &g, xd, wd, yd, &wrank);
  n_w = n_of (wrank, wd);
  wv = g_new (gint8, n_w);
  for (i = 0; i < n_w; i++)
    wv[i] = (gint8) (i % 2 ? -127 + (gint) (i * 37 % 255) : 127 - (gint) (i * 11 % 255));
  p = qs_graph_builder_add_node (b, "Parameter", "opset1", "x", 0, 1);
  qs_graph_builder_set_port (b, &p->outputs[0], QS_ELEMENT_U8, 4, xd);
  wk = add_const (b, QS_ELEMENT_I8, wrank, wd, wv, n_w);
  d = qs_graph_builder_add_node (b, "GroupConvolutionBackpropData", "opset1", "deconv", 2, 1);
  backprop_attrs (b, d, c);
  qs_graph_builder_set_port (b, &d->inputs[0], QS_ELEMENT_U8, 4, xd);
  qs_graph_builder_set_port (b, &d->inputs[1], QS_ELEMENT_I8, wrank, wd);
  qs_graph_builder_set_port (b, &d->outputs[0], QS_ELEMENT_I32, 4, yd);
  qs_test_wire (b, p, 0, d, 0);
  qs_test_wire (b, wk, 0, d, 1);
  res = qs_graph_builder_add_node (b, "Result", "opset1", "y", 1, 0);
  qs_graph_builder_set_port (b, &res->inputs[0], QS_ELEMENT_I32, 4, yd);
  qs_test_wire (b, d, 0, res, 0);
  model = qs_graph_builder_finish (b, &error);
  g_assert_no_error (error);

  x = qs_tensor_new (QS_ELEMENT_U8, 4, xd);
  for (i = 0; i < x->n_elements; i++)
    qs_tensor_set_f64 (x, i, (double) (guint) (sample (&state, 0.0f, 256.0f)));
  qs_tensor_set_f64 (x, 0, 255.0);
  exec = qs_exec_new (model, QS_EXEC_MODE_FLOAT, &error);
  g_assert_no_error (error);
  qs_exec_set_observer (exec, check_backprop_i32, &bc);
  g_assert_true (qs_exec_run (exec, &x, NULL, NULL, NULL, &out, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bc.n_checked, ==, 1);
  g_assert_cmpint (out[0]->type, ==, QS_ELEMENT_I32);
  qs_tensor_unref (out[0]);
  g_free (out);
}

/* ---- regressions found on the shared models ---- */

static QsNode *
conv2d (QsGraphBuilder *b,
        const char     *name,
        QsNode         *x,
        QsNode         *w,
        const gint64   *xd,
        const gint64   *wd,
        const gint64   *yd,
        const char     *pads)
{
  QsNode *conv = qs_graph_builder_add_node (b, "Convolution", "opset1", name, 2, 1);

  qs_graph_builder_set_attr (b, conv, "strides", "1,1");
  qs_graph_builder_set_attr (b, conv, "pads_begin", pads);
  qs_graph_builder_set_attr (b, conv, "pads_end", pads);
  qs_graph_builder_set_attr (b, conv, "dilations", "1,1");
  qs_graph_builder_set_port (b, &conv->inputs[0], QS_ELEMENT_F32, 4, xd);
  qs_graph_builder_set_port (b, &conv->inputs[1], QS_ELEMENT_F32, 4, wd);
  qs_graph_builder_set_port (b, &conv->outputs[0], QS_ELEMENT_F32, 4, yd);
  qs_test_wire (b, x, 0, conv, 0);
  qs_test_wire (b, w, 0, conv, 1);
  return conv;
}

static QsNode *
weights (QsGraphBuilder *b,
         const char     *name,
         const gint64   *wd,
         const float    *v)
{
  g_autofree char *fq = g_strconcat (name, "/fq", NULL);

  return qs_test_fake_quantize_levels (b, fq, "255", qs_graph_builder_add_const_f32 (b, name, 4, wd, v),
                                       -1.27f, 1.27f, 4, wd);
}

static QsModel *
finish_with_result (QsGraphBuilder *b,
                    QsNode         *last,
                    const gint64   *dims)
{
  QsNode *res = qs_graph_builder_add_node (b, "Result", "opset1", "y", 1, 0);
  g_autoptr(GError) error = NULL;
  QsModel *model;

  qs_graph_builder_set_port (b, &res->inputs[0], QS_ELEMENT_F32, 4, dims);
  qs_test_wire (b, last, 0, res, 0);
  model = qs_graph_builder_finish (b, &error);
  g_assert_no_error (error);
  return model;
}

/* Runs qs_exec_compare_int8 on a one-input model and returns the entry of @fq. */
static QsInt8Compare
compare_at (QsModel     *model,
            const float *xv,
            const char  *fq)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QsTensor) x = qs_tensor_new (QS_ELEMENT_F32, model->graph->parameters[0]->outputs[0].shape.rank,
                                         model->graph->parameters[0]->outputs[0].shape.dims);
  g_autoptr(GArray) cmp = NULL;
  QsInt8Compare found = { 0 };
  guint i;

  memcpy (x->data, xv, x->n_elements * sizeof (float));
  cmp = qs_exec_compare_int8 (model, &x, NULL, NULL, &error);
  g_assert_no_error (error);
  for (i = 0; i < cmp->len; i++)
    if (strcmp (g_array_index (cmp, QsInt8Compare, i).fq->name, fq) == 0)
      {
        found = g_array_index (cmp, QsInt8Compare, i);
        found.int8_name = NULL;
      }
  g_assert_nonnull (found.fq);
  return found;
}

/* gaze0002 “110/fq_input_0”: a FakeQuantize aligned with the other input of
 * its Concat (the Concat feeds a convolution, so LPT gives both one grid)
 * and fed by an int8 convolution becomes a Requantize.  It used its own
 * range with the common grid's first code: codes up to 178 away.  Now it
 * quantizes on the common grid, where it is within one code of the
 * fake-quant value. */
static void
test_aligned_requantize (void)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("aligned");
  gint64 xd[4] = { 1, 1, 2, 4 }, wd[4] = { 1, 1, 1, 1 }, cd[4] = { 1, 2, 2, 4 }, w2d[4] = { 1, 2, 1, 1 };
  float w = 0.5f, w2[2] = { 0.25f, -0.5f };
  float xv[8] = { 0.1f, 0.37f, 0.9f, 1.3f, 1.9f, 2.2f, 2.5f, 0.0f };
  QsNode *p = qs_graph_builder_add_node (b, "Parameter", "opset1", "x", 0, 1);
  QsNode *concat = qs_graph_builder_add_node (b, "Concat", "opset1", "concat", 2, 1);
  QsNode *fx, *conv, *fb, *fc, *conv2;
  g_autoptr(QsModel) model = NULL;
  g_autoptr(QsLptResult) lpt = NULL;
  g_autoptr(GError) error = NULL;
  QsInt8Compare c;

  qs_graph_builder_set_port (b, &p->outputs[0], QS_ELEMENT_F32, 4, xd);
  fx = qs_test_fake_quantize_levels (b, "fq_x", "256", p, 0.0f, 2.55f, 4, xd);
  conv = conv2d (b, "conv", fx, weights (b, "w", wd, &w), xd, wd, xd, "0,0");
  fb = qs_test_fake_quantize_levels (b, "fq_b", "256", conv, -0.7f, 0.69f, 4, xd);     /* step 0.00545 */
  fc = qs_test_fake_quantize_levels (b, "fq_c", "256", p, -2.6f, 2.58f, 4, xd);        /* step 0.0203 */
  qs_graph_builder_set_attr (b, concat, "axis", "1");
  qs_graph_builder_set_port (b, &concat->inputs[0], QS_ELEMENT_F32, 4, xd);
  qs_graph_builder_set_port (b, &concat->inputs[1], QS_ELEMENT_F32, 4, xd);
  qs_graph_builder_set_port (b, &concat->outputs[0], QS_ELEMENT_F32, 4, cd);
  qs_test_wire (b, fb, 0, concat, 0);
  qs_test_wire (b, fc, 0, concat, 1);
  conv2 = conv2d (b, "conv2", concat, weights (b, "w2", w2d, w2), cd, w2d, xd, "0,0");
  model = finish_with_result (b, conv2, xd);

  lpt = qs_lpt_run (model, &error);
  g_assert_no_error (error);
  g_assert_true (qs_lpt_result_get_decision (lpt, fb)->aligned);
  g_assert_cmpint (qs_lpt_result_get_decision (lpt, conv2)->precision, ==, QS_LPT_PRECISION_INT8);
  c = compare_at (model, xv, "fq_b");
  g_assert_cmpstr (qs_lpt_role_name (qs_lpt_result_get_decision (lpt, fb)->role), !=, NULL);
  g_assert_cmpfloat (c.local.max_steps, <=, 1);
  g_assert_cmpfloat (c.run.max_steps, <=, 1);
}

/* landmarks0009 “83/WithoutBiases/fq_input_0” and gaze0002 “115/...”: an
 * activation range stored in f16 leaves the zero point 127.31 (not an
 * integer); the kernel pads with 127 and the Dequantize's shift assumed
 * every tap real, so border outputs were off by 0.31·s·Σ w over the padded
 * taps (here up to 3 codes of fq_y).  LPT now adds that per position. */
static void
test_pad_residual (void)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("pad");
  gint64 xd[4] = { 1, 1, 3, 3 }, wd[4] = { 1, 1, 3, 3 }, w2d[4] = { 1, 1, 1, 1 };
  float w[9] = { 1.2f, 1.1f, 1.0f, 0.9f, 1.25f, 1.15f, 1.05f, 0.95f, 1.1f }, w2 = 1.0f;
  float xv[9] = { 0.011f, -0.04f, 0.073f, 0.02f, -0.09f, 0.055f, 0.001f, 0.03f, -0.025f };
  QsNode *p = qs_graph_builder_add_node (b, "Parameter", "opset1", "x", 0, 1);
  QsNode *fx, *conv, *fy, *conv2;
  g_autoptr(QsModel) model = NULL;
  QsInt8Compare c;

  qs_graph_builder_set_port (b, &p->outputs[0], QS_ELEMENT_F32, 4, xd);
  fx = qs_test_fake_quantize_levels (b, "fq_x", "256", p, -1.0f, 1.003f, 4, xd);      /* zero point 127.31 */
  conv = conv2d (b, "conv", fx, weights (b, "w", wd, w), xd, wd, xd, "1,1");
  fy = qs_test_fake_quantize_levels (b, "fq_y", "256", conv, -0.5f, 0.5f, 4, xd);      /* step 0.0039 */
  conv2 = conv2d (b, "conv2", fy, weights (b, "w2", w2d, &w2), xd, w2d, xd, "0,0");
  model = finish_with_result (b, conv2, xd);

  c = compare_at (model, xv, "fq_y");
  g_test_message ("fq_y: %.1f%% equal, max %g codes", 100 * (1 - c.local.share_differ), c.local.max_steps);
  g_assert_cmpfloat (c.local.max_steps, <=, 1);
  g_assert_cmpfloat (c.local.share_differ, <=, 1.0 / 9);
}

/* The border correction of a padded convolution with a zero point that is
 * not an integer, held to its definition at every output position: r · s_o
 * · Σ w over the taps that fall into the padding.  LPT computes one
 * position per distinct set of real rows and columns and copies it to the
 * positions that share it; pads of 1 and 2 give three and five such sets
 * per axis. */
static void
test_pad_border_positions (void)
{
  const char *pads[] = { "1,1", "2,2" };
  guint k;

  for (k = 0; k < G_N_ELEMENTS (pads); k++)
    {
      g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("border");
      gint64 pad = k + 1, xd[4] = { 1, 2, 5, 7 }, wd[4] = { 3, 2, 3, 3 };
      gint64 yd[4] = { 1, 3, 5 + 2 * pad - 2, 7 + 2 * pad - 2 };
      float w[54];
      gint8 code[54];
      QsNode *p = qs_graph_builder_add_node (b, "Parameter", "opset1", "x", 0, 1);
      QsNode *fx, *conv;
      g_autoptr(QsModel) model = NULL;
      g_autoptr(QsLptResult) lpt = NULL;
      g_autoptr(GError) error = NULL;
      const QsLptDecision *d;
      double r;
      gint64 o, y, x, c, ky, kx, n_border = 0;
      guint i;

      for (i = 0; i < G_N_ELEMENTS (w); i++)
        {
          code[i] = (gint8) ((i * 7) % 11) - 5;
          w[i] = code[i] * 0.01f;
        }
      qs_graph_builder_set_port (b, &p->outputs[0], QS_ELEMENT_F32, 4, xd);
      fx = qs_test_fake_quantize_levels (b, "fq_x", "256", p, -1.0f, 1.003f, 4, xd);   /* zero point 127.31 */
      conv = conv2d (b, "conv", fx, weights (b, "w", wd, w), xd, wd, yd, pads[k]);
      model = finish_with_result (b, conv, yd);
      lpt = qs_lpt_run (model, &error);
      g_assert_no_error (error);
      d = qs_lpt_result_get_decision (lpt, conv);
      g_assert_cmpint (d->precision, ==, QS_LPT_PRECISION_INT8);
      g_assert_nonnull (d->output.border);
      g_assert_cmpint (d->output.border_dims[0], ==, 3);
      g_assert_cmpint (d->output.border_dims[1], ==, yd[2]);
      g_assert_cmpint (d->output.border_dims[2], ==, yd[3]);
      /* held once per class of rows and of columns */
      g_assert_cmpuint (d->output.border_classes[0], ==, 2 * pad + 1);
      g_assert_cmpuint (d->output.border_classes[1], ==, 2 * pad + 1);
      r = d->input.zero_point[0] - nearbyint (d->input.zero_point[0]);
      g_assert_cmpfloat (fabs (r), >, 0.1);
      for (o = 0; o < 3; o++)
        for (y = 0; y < yd[2]; y++)
          for (x = 0; x < yd[3]; x++)
            {
              double sum = 0, got = qs_lpt_quant_border_at (&d->output, o, y, x);

              for (c = 0; c < 2; c++)
                for (ky = 0; ky < 3; ky++)
                  for (kx = 0; kx < 3; kx++)
                    {
                      gint64 iy = y - pad + ky, ix = x - pad + kx;

                      if (iy < 0 || iy >= xd[2] || ix < 0 || ix >= xd[3])
                        sum += r * code[((o * 2 + c) * 3 + ky) * 3 + kx];
                    }
              sum *= d->output.scale[o];
              n_border += sum != 0;
              g_assert_cmpfloat_with_epsilon (got, sum, 1e-12 * MAX (fabs (sum), 1e-6));
            }
      g_assert_cmpint (n_border, >, yd[2] * yd[3] / 2);
    }
}

/* ---- the shared INT8 models ---- */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* The per-layer criterion, "≥ 99 % equal, ≤ 1 code", with what the grid
 * marks of LPT's decision allow (QsLptGrid):
 *
 * ALIGNED: the FakeQuantize meets others in a Concat that feeds a
 * convolution, which needs one scale for its input; LPT
 * (AlignQuantizationIntervals, FakeQuantizeDecomposition with
 * IntervalsAlignment) gives the whole group one grid over the union of
 * their ranges, and this FakeQuantize a quantizer with fewer levels.  Its
 * codes are compared with the fake-quant value written in that quantizer's
 * codes: at most one code away, equal where the two roundings agree.
 * FROM_ALIGNED: the layer's input is computed (through float ops or int8
 * layers, without another FakeQuantize in between) from an ALIGNED tensor,
 * so in the per-layer run it starts from the coarser values too and may
 * miss by more; it names that aligned FakeQuantize.  (An ALIGNED or
 * AFTER_AVGPOOL tensor can be computed from an aligned one too: then it
 * has no bound either.)
 * AFTER_AVGPOOL: the FakeQuantize follows an AvgPool that LPT keeps
 * precision-preserved (avg_pool.cpp: moveDequantizationAfter with
 * updatePrecision): the pool's output is the average rounded to a code,
 * and the Requantize reads that; the fake-quant run quantizes the exact
 * average, so the two differ by one code where the roundings disagree.
 * A tensor on its own grid has no excuse. */
static void
assert_criterion (const char          *model,
                  const QsInt8Compare *c,
                  const QsLptResult   *lpt)
{
  gboolean meets = c->local.max_steps <= 1 && 1 - c->local.share_differ >= 0.99;
  g_autofree char *note = qs_lpt_grid_describe (&c->grid);

  if (!meets)
    g_test_message ("%s: %s: %.4f%% equal, max %g codes (%s)", model, c->fq->name,
                    100 * (1 - c->local.share_differ), c->local.max_steps,
                    note != NULL ? note : "its own grid: a failure");
  switch (c->grid.mark)
    {
    case QS_LPT_GRID_OWN:
      g_assert_null (c->grid.from_aligned);
      g_assert_cmpfloat (c->local.max_steps, <=, 1);
      g_assert_cmpfloat (1 - c->local.share_differ, >=, 0.99);
      break;
    case QS_LPT_GRID_ALIGNED:
      g_assert_true (c->grid.cause != NULL && qs_node_is_type (c->grid.cause, "Concat"));
      g_assert_cmpfloat (c->grid.step, >=, c->grid.own_step * (1 - 1e-6));
      if (c->grid.from_aligned == NULL)
        g_assert_cmpfloat (c->local.max_steps, <=, 1);
      break;
    case QS_LPT_GRID_AFTER_AVGPOOL:
      g_assert_true (c->grid.cause != NULL && qs_node_is_type (c->grid.cause, "AvgPool"));
      if (c->grid.from_aligned == NULL)
        g_assert_cmpfloat (c->local.max_steps, <=, 1);
      break;
    case QS_LPT_GRID_FROM_ALIGNED:
      g_assert_true (c->grid.cause != NULL && c->grid.cause == c->grid.from_aligned);
      break;
    default:
      g_assert_not_reached ();
    }
  if (c->grid.from_aligned != NULL)
    g_assert_cmpint (qs_lpt_result_get_decision (lpt, c->grid.from_aligned)->grid.mark, ==, QS_LPT_GRID_ALIGNED);
}

static void
test_shared_models (void)
{
  const char *models = qs_test_shared_models ();
  const char *images = g_getenv ("QS_SHARED_IMAGES");
  g_autofree char *photo = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;
  guint k, n_checked = 0;

  if (models == NULL)
    return;
  photo = g_build_filename (images != NULL ? images : "", "astronaut.png", NULL);
  if (images == NULL || !g_file_test (photo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("set QS_SHARED_IMAGES to the shared photos folder");
      return;
    }
  dir = g_dir_open (models, 0, NULL);
  g_assert_nonnull (dir);
  while ((entry = g_dir_read_name (dir)) != NULL)
    if (strstr (entry, "int8") != NULL)
      g_ptr_array_add (names, g_strdup (entry));
  g_ptr_array_sort (names, compare_names);

  for (k = 0; k < names->len; k++)
    {
      g_autoptr(QsModel) model = qs_test_load_shared (models, g_ptr_array_index (names, k));
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) cmp = NULL;
      g_autoptr(QsExec) probe = NULL;
      g_autoptr(QsLptResult) lpt = NULL;
      g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func (g_free);
      QsTensor **inputs;
      QsImageOptions img;
      double worst_share = 1, worst_lsb = 0, run_share = 1, run_lsb = 0;
      guint i, n_marked[QS_LPT_GRID_AFTER_AVGPOOL + 1] = { 0 };

      if (model == NULL)
        continue;
      /* "the ones that run": a model whose fake-quant plan fails is left out */
      probe = qs_exec_new (model, QS_EXEC_MODE_FAKE_QUANT, &error);
      if (probe == NULL)
        {
          g_test_message ("%s: not run: %s", (char *) g_ptr_array_index (names, k), error->message);
          continue;
        }
      /* one photo for a one-input model, seeded random values otherwise */
      for (i = 0; i < model->graph->n_parameters; i++)
        g_ptr_array_add (specs, model->graph->n_parameters == 1 ? g_strdup (photo)
                                : g_strdup_printf ("%s=random:1", model->graph->parameters[i]->name));
      g_ptr_array_add (specs, NULL);
      qs_image_options_init (&img);
      inputs = qs_inputs_from_specs (model, (const char *const *) specs->pdata, &img, &error);
      g_assert_no_error (error);

      lpt = qs_lpt_run (model, &error);
      g_assert_no_error (error);
      cmp = qs_exec_compare_int8 (model, inputs, NULL, NULL, &error);
      qs_test_free_tensors (inputs, model->graph->n_parameters);
      if (cmp == NULL && g_error_matches (error, QS_EXEC_ERROR, QS_EXEC_ERROR_UNSUPPORTED))
        {
          g_test_message ("%s: not run: %s", (char *) g_ptr_array_index (names, k), error->message);
          continue;
        }
      g_assert_no_error (error);
      for (i = 0; i < cmp->len; i++)
        {
          QsInt8Compare *c = &g_array_index (cmp, QsInt8Compare, i);

          assert_criterion (g_ptr_array_index (names, k), c, lpt);
          n_marked[c->grid.mark]++;
          worst_share = MIN (worst_share, 1 - c->local.share_differ);
          worst_lsb = MAX (worst_lsb, c->local.max_steps);
          run_share = MIN (run_share, 1 - c->run.share_differ);
          run_lsb = MAX (run_lsb, c->run.max_steps);
        }
      g_test_message ("%s: %u quantized tensors (%u aligned, %u from aligned, %u after AvgPool); "
                      "per layer worst %.4f%% equal, max %g codes; whole run worst %.4f%% equal, max %g codes",
                      (char *) g_ptr_array_index (names, k), cmp->len, n_marked[QS_LPT_GRID_ALIGNED],
                      n_marked[QS_LPT_GRID_FROM_ALIGNED], n_marked[QS_LPT_GRID_AFTER_AVGPOOL], 100 * worst_share,
                      worst_lsb, 100 * run_share, run_lsb);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >, 0);
}

/* Two FakeQuantize ops of [1,1,2,4] data joined by a Concat that feeds a
 * 1×1 convolution: the alignment cases. */
static QsModel *
concat_pair (const char *levels_a,
             float       lo_a,
             float       hi_a,
             const char *levels_b,
             float       lo_b,
             float       hi_b)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("pair");
  gint64 xd[4] = { 1, 1, 2, 4 }, cd[4] = { 1, 2, 2, 4 }, w2d[4] = { 1, 2, 1, 1 };
  float w2[2] = { 0.25f, -0.5f };
  QsNode *p = qs_graph_builder_add_node (b, "Parameter", "opset1", "x", 0, 1);
  QsNode *concat = qs_graph_builder_add_node (b, "Concat", "opset1", "concat", 2, 1);
  QsNode *fa, *fb, *conv;

  qs_graph_builder_set_port (b, &p->outputs[0], QS_ELEMENT_F32, 4, xd);
  fa = qs_test_fake_quantize_levels (b, "fq_a", levels_a, p, lo_a, hi_a, 4, xd);
  fb = qs_test_fake_quantize_levels (b, "fq_b", levels_b, p, lo_b, hi_b, 4, xd);
  qs_graph_builder_set_attr (b, concat, "axis", "1");
  qs_graph_builder_set_port (b, &concat->inputs[0], QS_ELEMENT_F32, 4, xd);
  qs_graph_builder_set_port (b, &concat->inputs[1], QS_ELEMENT_F32, 4, xd);
  qs_graph_builder_set_port (b, &concat->outputs[0], QS_ELEMENT_F32, 4, cd);
  qs_test_wire (b, fa, 0, concat, 0);
  qs_test_wire (b, fb, 0, concat, 1);
  conv = conv2d (b, "conv", concat, weights (b, "w", w2d, w2), cd, w2d, xd, "0,0");
  return finish_with_result (b, conv, xd);
}

/* OpenVINO's concat_with_neighbors_transformation_with_convolution.cpp
 * ("I8: concat: composed FakeQuantize"), the pair [-1.28/2, 1.27/2] and
 * [-1.28, 1.27]: the common interval [-1.28, 1.27] on u8 has step 0.01
 * and zero point 128; the narrow FakeQuantize keeps its input range and
 * gets the output codes 64 … 192 (129 levels), the wide one 0 … 255. */
static void
test_align_openvino_case (void)
{
  g_autoptr(QsModel) model = concat_pair ("256", -1.28f / 2, 1.27f / 2, "256", -1.28f, 1.27f);
  g_autoptr(QsLptResult) lpt = NULL;
  g_autoptr(GError) error = NULL;
  const QsLptDecision *a, *b;
  float xv[8] = { -0.7f, -0.31f, 0.0f, 0.004f, 0.3349f, 0.6f, 1.1f, -1.3f };
  QsInt8Compare c;

  lpt = qs_lpt_run (model, &error);
  g_assert_no_error (error);
  a = qs_lpt_result_get_decision (lpt, qs_graph_find_node_by_name (model->graph, "fq_a"));
  b = qs_lpt_result_get_decision (lpt, qs_graph_find_node_by_name (model->graph, "fq_b"));
  g_assert_cmpint (a->grid.mark, ==, QS_LPT_GRID_ALIGNED);
  g_assert_cmpstr (a->grid.cause->name, ==, "concat");
  g_assert_cmpfloat_with_epsilon (a->grid.low, -1.28, 1e-6);
  g_assert_cmpfloat_with_epsilon (a->grid.high, 1.27, 1e-6);
  g_assert_cmpfloat_with_epsilon (a->grid.step, 0.01, 1e-7);
  g_assert_cmpfloat_with_epsilon (a->grid.own_step, 0.005, 1e-7);
  g_assert_cmpint (a->grid.code_low, ==, 64);
  g_assert_cmpuint (a->grid.levels, ==, 129);
  g_assert_cmpint (b->grid.code_low, ==, 0);
  g_assert_cmpuint (b->grid.levels, ==, 256);
  /* one Dequantize for the Concat: (q - 128) · 0.01 */
  g_assert_cmpuint (a->output.n, ==, 1);
  g_assert_cmpfloat_with_epsilon (a->output.scale[0], 0.01, 1e-7);
  g_assert_cmpfloat (a->output.zero_point[0], ==, 128);
  g_assert_cmpfloat (b->output.zero_point[0], ==, 128);
  g_assert_cmpint (qs_lpt_result_get_decision (lpt, qs_graph_find_node_by_name (model->graph, "conv"))->precision,
                   ==, QS_LPT_PRECISION_INT8);
  c = compare_at (model, xv, "fq_a");
  g_assert_cmpint (c.grid.mark, ==, QS_LPT_GRID_ALIGNED);
  g_assert_cmpfloat (c.local.max_steps, <=, 1);
  c = compare_at (model, xv, "fq_b");
  g_assert_cmpfloat (c.local.max_steps, ==, 0);
}

/* IntervalsAlignmentAttribute::merge_attributes: levels that differ set
 * minLevels to 0, and FakeQuantizeDecomposition leaves a group whose
 * minLevels is 2 or less alone: both stay FakeQuantize, the convolution
 * after the Concat fp32. */
static void
test_align_declines (void)
{
  static const struct
  {
    const char *levels_b;
    float       hi_a;
    const char *why;
  } cases[] = {
    { "255", 1.0f, "differ in levels" },
    { "256", 0.012f, "2 levels or fewer" },   /* [0, 0.012] on steps of 2.55/255: codes 0 … 1 */
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(QsModel) model = concat_pair ("256", 0.0f, cases[i].hi_a, cases[i].levels_b, 0.0f, 2.55f);
      g_autoptr(QsLptResult) lpt = NULL;
      g_autoptr(GError) error = NULL;
      const QsLptDecision *a, *b;

      lpt = qs_lpt_run (model, &error);
      g_assert_no_error (error);
      a = qs_lpt_result_get_decision (lpt, qs_graph_find_node_by_name (model->graph, "fq_a"));
      b = qs_lpt_result_get_decision (lpt, qs_graph_find_node_by_name (model->graph, "fq_b"));
      g_assert_cmpint (a->precision, ==, QS_LPT_PRECISION_FP32);
      g_assert_cmpint (b->precision, ==, QS_LPT_PRECISION_FP32);
      g_assert_cmpint (a->grid.mark, ==, QS_LPT_GRID_OWN);
      g_assert_nonnull (strstr (a->reason, cases[i].why));
      g_assert_nonnull (strstr (a->reason, "FakeQuantizeDecomposition"));
      g_assert_cmpint (qs_lpt_result_get_decision (lpt, qs_graph_find_node_by_name (model->graph, "conv"))->precision,
                       ==, QS_LPT_PRECISION_FP32);
    }
}

/* ---- MatMul of two quantized activations ---- */

/* x [1,4,8] → FQ a, x → FQ b; MatMul (a, b, transpose_b) [1,4,4] → FQ y →
 * MatMul with quantized weights [4,2] → Result. */
static QsModel *
two_activation_model (float a_lo,
                      float a_hi,
                      float b_lo,
                      float b_hi)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("attention");
  gint64 xd[3] = { 1, 4, 8 }, yd[3] = { 1, 4, 4 }, wd[2] = { 4, 2 }, od[3] = { 1, 4, 2 };
  float w[8] = { 0.5f, -0.25f, 0.75f, 0.125f, -1.0f, 0.3f, 0.2f, -0.6f };
  QsNode *p = qs_graph_builder_add_node (b, "Parameter", "opset1", "x", 0, 1);
  QsNode *fa, *fb, *mm, *fy, *fw, *mm2, *res;
  g_autoptr(GError) error = NULL;
  QsModel *model;

  qs_graph_builder_set_port (b, &p->outputs[0], QS_ELEMENT_F32, 3, xd);
  fa = qs_test_fake_quantize_levels (b, "fq_a", "256", p, a_lo, a_hi, 3, xd);
  fb = qs_test_fake_quantize_levels (b, "fq_b", "256", p, b_lo, b_hi, 3, xd);
  mm = qs_graph_builder_add_node (b, "MatMul", "opset1", "scores", 2, 1);
  qs_graph_builder_set_attr (b, mm, "transpose_a", "false");
  qs_graph_builder_set_attr (b, mm, "transpose_b", "true");
  qs_graph_builder_set_port (b, &mm->inputs[0], QS_ELEMENT_F32, 3, xd);
  qs_graph_builder_set_port (b, &mm->inputs[1], QS_ELEMENT_F32, 3, xd);
  qs_graph_builder_set_port (b, &mm->outputs[0], QS_ELEMENT_F32, 3, yd);
  qs_test_wire (b, fa, 0, mm, 0);
  qs_test_wire (b, fb, 0, mm, 1);
  fy = qs_test_fake_quantize_levels (b, "fq_y", "256", mm, -4.0f, 3.97f, 3, yd);
  fw = qs_test_fake_quantize_levels (b, "w/fq", "255", qs_graph_builder_add_const_f32 (b, "w", 2, wd, w),
                                     -1.27f, 1.27f, 2, wd);
  mm2 = qs_graph_builder_add_node (b, "MatMul", "opset1", "proj", 2, 1);
  qs_graph_builder_set_attr (b, mm2, "transpose_a", "false");
  qs_graph_builder_set_attr (b, mm2, "transpose_b", "false");
  qs_graph_builder_set_port (b, &mm2->inputs[0], QS_ELEMENT_F32, 3, yd);
  qs_graph_builder_set_port (b, &mm2->inputs[1], QS_ELEMENT_F32, 2, wd);
  qs_graph_builder_set_port (b, &mm2->outputs[0], QS_ELEMENT_F32, 3, od);
  qs_test_wire (b, fy, 0, mm2, 0);
  qs_test_wire (b, fw, 0, mm2, 1);
  res = qs_graph_builder_add_node (b, "Result", "opset1", "y", 1, 0);
  qs_graph_builder_set_port (b, &res->inputs[0], QS_ELEMENT_F32, 3, od);
  qs_test_wire (b, mm2, 0, res, 0);
  model = qs_graph_builder_finish (b, &error);
  g_assert_no_error (error);
  return model;
}

/* MatMulTransformation on two activations (mat_mul.cpp), the CPU plugin
 * taking u8/i8 on input 0 and i8 on input 1: symmetric ranges give i8
 * codes without zero points and the MatMul runs on both codes tensors into
 * i32, within one code of fake-quant at the FakeQuantize after it.  A zero
 * point on input 0, or an unsigned input 1 (i8 there needs one), declines. */
static void
test_matmul_two_activations (void)
{
  float xv[32];
  guint i;

  for (i = 0; i < G_N_ELEMENTS (xv); i++)
    xv[i] = (float) ((i * 37) % 23) / 10.0f - 1.1f;
  {
    g_autoptr(QsModel) model = two_activation_model (-1.28f, 1.27f, -2.56f, 2.54f);
    g_autoptr(QsLptResult) lpt = NULL;
    g_autoptr(GError) error = NULL;
    const QsLptDecision *d;
    const QsNode *mm8;
    QsInt8Compare c;

    lpt = qs_lpt_run (model, &error);
    g_assert_no_error (error);
    d = qs_lpt_result_get_decision (lpt, qs_graph_find_node_by_name (model->graph, "scores"));
    g_assert_cmpint (d->precision, ==, QS_LPT_PRECISION_INT8);
    g_assert_cmpint (d->role, ==, QS_LPT_ROLE_INT8_COMPUTE);
    g_assert_cmpint (d->input.type, ==, QS_ELEMENT_I8);
    g_assert_cmpfloat (d->input.zero_point[0], ==, 0);
    g_assert_cmpfloat_with_epsilon (d->output.scale[0], (2.55 / 255) * (5.1 / 255), 1e-9);
    mm8 = qs_graph_find_node_by_name (qs_lpt_result_get_model (lpt)->graph, "scores");
    g_assert_cmpint (mm8->inputs[0].element_type, ==, QS_ELEMENT_I8);
    g_assert_cmpint (mm8->inputs[1].element_type, ==, QS_ELEMENT_I8);
    g_assert_cmpint (mm8->outputs[0].element_type, ==, QS_ELEMENT_I32);
    /* the CPU plugin's MatMul takes i8 on input 0: fq_y's symmetric range stays i8 before "proj" */
    d = qs_lpt_result_get_decision (lpt, qs_graph_find_node_by_name (model->graph, "proj"));
    g_assert_cmpint (d->precision, ==, QS_LPT_PRECISION_INT8);
    g_assert_cmpint (d->input.type, ==, QS_ELEMENT_I8);
    c = compare_at (model, xv, "fq_y");
    g_test_message ("fq_y: %.1f%% equal, max %g codes", 100 * (1 - c.local.share_differ), c.local.max_steps);
    g_assert_cmpfloat (c.local.max_steps, <=, 1);
    g_assert_cmpfloat (c.run.max_steps, <=, 1);
  }
  {
    g_autoptr(QsModel) model = two_activation_model (-0.5f, 2.05f, -2.56f, 2.54f);
    g_autoptr(QsLptResult) lpt = qs_lpt_run (model, NULL);
    const QsLptDecision *d = qs_lpt_result_get_decision (lpt, qs_graph_find_node_by_name (model->graph, "scores"));

    g_assert_cmpint (d->precision, ==, QS_LPT_PRECISION_FP32);
    g_assert_nonnull (strstr (d->reason, "input 0 has a zero point"));
  }
  {
    g_autoptr(QsModel) model = two_activation_model (-1.28f, 1.27f, 0.0f, 2.55f);
    g_autoptr(QsLptResult) lpt = qs_lpt_run (model, NULL);
    const QsLptDecision *d = qs_lpt_result_get_decision (lpt, qs_graph_find_node_by_name (model->graph, "scores"));

    g_assert_cmpint (d->precision, ==, QS_LPT_PRECISION_FP32);
    g_assert_nonnull (strstr (d->reason, "input 1 is u8"));
  }
}

/* ---- SqueezeNet-style fire modules ---- */

/* Weights in [-1, 1) from a seeded generator (a fixed LCG). */
static QsNode *
fire_weights (QsGraphBuilder *b,
              const char     *name,
              const gint64   *wd,
              guint32        *seed)
{
  gint64 n = wd[0] * wd[1] * wd[2] * wd[3], i;
  g_autofree float *v = g_new (float, n);

  for (i = 0; i < n; i++)
    {
      *seed = *seed * 1664525u + 1013904223u;
      v[i] = (float) ((*seed >> 8) % 2000) / 1000.0f - 1.0f;
    }
  return weights (b, name, wd, v);
}

static QsNode *
fire_conv_relu (QsGraphBuilder *b,
                const char     *name,
                QsNode         *x,
                gint64          ci,
                gint64          co,
                gint64          k,
                guint32        *seed)
{
  gint64 xd[4] = { 1, ci, 6, 6 }, wd[4] = { co, ci, k, k }, yd[4] = { 1, co, 6, 6 };
  g_autofree char *wname = g_strconcat (name, "/w", NULL);
  g_autofree char *rname = g_strconcat (name, "/relu", NULL);
  QsNode *conv = conv2d (b, name, x, fire_weights (b, wname, wd, seed), xd, wd, yd, k == 3 ? "1,1" : "0,0");
  QsNode *relu = qs_graph_builder_add_node (b, "ReLU", "opset1", rname, 1, 1);

  qs_graph_builder_set_port (b, &relu->inputs[0], QS_ELEMENT_F32, 4, yd);
  qs_graph_builder_set_port (b, &relu->outputs[0], QS_ELEMENT_F32, 4, yd);
  qs_test_wire (b, conv, 0, relu, 0);
  return relu;
}

/* x → FQ → [fire: squeeze 1×1 → ReLU → FQ → (expand 1×1 → ReLU → FQ,
 * expand 3×3 → ReLU → FQ) → Concat] × 2 → 1×1 → Result; the branches'
 * ranges differ, as NNCF/POT leave them.  With @fq_after the FakeQuantize
 * follows the Concat instead of each branch. */
static QsModel *
fire_model (gboolean fq_after,
            float    scale)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("fire");
  gint64 xd[4] = { 1, 4, 6, 6 }, cd[4] = { 1, 8, 6, 6 }, ed[4] = { 1, 4, 6, 6 };
  static const float ranges[2][3] = { { 2.1f, 1.3f, 3.7f }, { 1.7f, 0.9f, 5.3f } };
  QsNode *p = qs_graph_builder_add_node (b, "Parameter", "opset1", "x", 0, 1);
  QsNode *cur, *last;
  guint32 seed = 7;
  guint f;

  qs_graph_builder_set_port (b, &p->outputs[0], QS_ELEMENT_F32, 4, xd);
  cur = qs_test_fake_quantize_levels (b, "fq_x", "256", p, 0.0f, 2.55f, 4, xd);
  for (f = 0; f < 2; f++)
    {
      g_autofree char *sq = g_strdup_printf ("fire%u/squeeze", f), *fsq = g_strdup_printf ("fire%u/squeeze/fq", f);
      g_autofree char *e1 = g_strdup_printf ("fire%u/expand1x1", f), *fe1 = g_strdup_printf ("fire%u/expand1x1/fq", f);
      g_autofree char *e3 = g_strdup_printf ("fire%u/expand3x3", f), *fe3 = g_strdup_printf ("fire%u/expand3x3/fq", f);
      g_autofree char *cn = g_strdup_printf ("fire%u/concat", f), *fcn = g_strdup_printf ("fire%u/concat/fq", f);
      QsNode *s, *a, *c, *concat;

      s = fire_conv_relu (b, sq, cur, f == 0 ? 4 : 8, 4, 1, &seed);
      s = qs_test_fake_quantize_levels (b, fsq, "256", s, 0.0f, ranges[f][0] * scale, 4, ed);
      a = fire_conv_relu (b, e1, s, 4, 4, 1, &seed);
      c = fire_conv_relu (b, e3, s, 4, 4, 3, &seed);
      if (!fq_after)
        {
          a = qs_test_fake_quantize_levels (b, fe1, "256", a, 0.0f, ranges[f][1] * scale, 4, ed);
          c = qs_test_fake_quantize_levels (b, fe3, "256", c, 0.0f, ranges[f][2] * scale, 4, ed);
        }
      concat = qs_graph_builder_add_node (b, "Concat", "opset1", cn, 2, 1);
      qs_graph_builder_set_attr (b, concat, "axis", "1");
      qs_graph_builder_set_port (b, &concat->inputs[0], QS_ELEMENT_F32, 4, ed);
      qs_graph_builder_set_port (b, &concat->inputs[1], QS_ELEMENT_F32, 4, ed);
      qs_graph_builder_set_port (b, &concat->outputs[0], QS_ELEMENT_F32, 4, cd);
      qs_test_wire (b, a, 0, concat, 0);
      qs_test_wire (b, c, 0, concat, 1);
      cur = fq_after ? qs_test_fake_quantize_levels (b, fcn, "256", concat, 0.0f, ranges[f][2] * scale, 4, cd)
                     : concat;
    }
  last = fire_conv_relu (b, "classifier", cur, 8, 2, 1, &seed);
  {
    gint64 od[4] = { 1, 2, 6, 6 };
    return finish_with_result (b, last, od);
  }
}

static void
fire_input (QsTensor *x,
            guint32   seed)
{
  gsize i;

  for (i = 0; i < x->n_elements; i++)
    {
      seed = seed * 1664525u + 1013904223u;
      qs_tensor_f32 (x)[i] = (float) ((seed >> 8) % 30000) / 10000.0f - 0.2f;
    }
}

/* The issue's report: on SqueezeNet-style fire modules many quantized
 * tensors miss the per-layer criterion.  With the FakeQuantize ops on the
 * branches (their ranges differ) the expand outputs are aligned at each
 * Concat and the next squeeze is computed from them: every miss must carry
 * that mark (assert_criterion), the widest branch keeps its own grid, and
 * the narrow one gets the quantizer OpenVINO's calculateLevels gives it.
 * With one FakeQuantize after each Concat nothing is aligned and every
 * tensor meets the criterion. */
static void
test_fire_modules (gconstpointer data)
{
  gboolean fq_after = GPOINTER_TO_INT (data);
  g_autoptr(QsModel) model = fire_model (fq_after, 1.0f);
  g_autoptr(QsLptResult) lpt = NULL;
  g_autoptr(GError) error = NULL;
  guint k, n_missed = 0, n_checked = 0;

  lpt = qs_lpt_run (model, &error);
  g_assert_no_error (error);
  if (!fq_after)
    {
      const QsLptDecision *e1 = qs_lpt_result_get_decision (lpt, qs_graph_find_node_by_name (model->graph,
                                                                                          "fire0/expand1x1/fq"));
      const QsLptDecision *e3 = qs_lpt_result_get_decision (lpt, qs_graph_find_node_by_name (model->graph,
                                                                                          "fire0/expand3x3/fq"));
      const QsLptDecision *sq = qs_lpt_result_get_decision (lpt, qs_graph_find_node_by_name (model->graph,
                                                                                          "fire1/squeeze/fq"));

      g_assert_cmpint (e1->grid.mark, ==, QS_LPT_GRID_ALIGNED);
      g_assert_cmpstr (e1->grid.cause->name, ==, "fire0/concat");
      g_assert_cmpfloat_with_epsilon (e1->grid.high, 3.7, 1e-6);
      g_assert_cmpfloat_with_epsilon (e1->grid.step, 3.7 / 255, 1e-7);
      g_assert_cmpfloat_with_epsilon (e1->grid.own_step, 1.3 / 255, 1e-7);
      /* calculateLevels: [0, 1.3] on steps of 3.7/255 is codes 0 … 89.6 → 0 … 90 */
      g_assert_cmpuint (e1->grid.levels, ==, 91);
      g_assert_cmpint (e1->grid.code_low, ==, 0);
      g_assert_cmpint (e3->grid.mark, ==, QS_LPT_GRID_ALIGNED);
      g_assert_cmpuint (e3->grid.levels, ==, 256);
      g_assert_cmpint (sq->grid.mark, ==, QS_LPT_GRID_FROM_ALIGNED);
    }
  for (k = 0; k < 5; k++)
    {
      g_autoptr(QsTensor) x = qs_tensor_new (QS_ELEMENT_F32, 4, model->graph->parameters[0]->outputs[0].shape.dims);
      g_autoptr(GArray) cmp = NULL;
      guint i;

      fire_input (x, 100 + k);
      cmp = qs_exec_compare_int8 (model, &x, NULL, NULL, &error);
      g_assert_no_error (error);
      for (i = 0; i < cmp->len; i++)
        {
          QsInt8Compare *c = &g_array_index (cmp, QsInt8Compare, i);

          if (fq_after)
            g_assert_cmpint (c->grid.mark, ==, QS_LPT_GRID_OWN);
          assert_criterion ("fire", c, lpt);
          n_missed += c->local.max_steps > 1 || 1 - c->local.share_differ < 0.99;
          n_checked++;
        }
    }
  g_test_message ("%u of %u quantized tensors miss the criterion, each with its mark", n_missed, n_checked);
}

/* ---- elementwise ops on the pool ---- */

/* Large elementwise ops outside fused chains cut their rows into slices
 * over the kernel pool (_qs_rows_parallel()); one thread runs the rows
 * whole.  Each case runs at 1, 2 and 3 threads and must give the same
 * bytes: rows grouped into slices, long rows cut inside, broadcast
 * operands (one value or contiguous along the row) and per-element ones,
 * on data with NaN, infinities, huge and tiny values. */
typedef struct
{
  QsElementType type;
  int           rank;
  gint64        dims[4];
} RowsOperand;

typedef struct
{
  const char  *name;
  const char  *type;
  const char  *version;
  QsExecMode   mode;
  QsElementType out_type;
  const char  *attrs[7];
  guint        n_inputs;        /* input 0 is the Parameter, the others Consts */
  RowsOperand  in[5];
  RowsOperand  out;             /* the output's shape, when not the Parameter's */
} RowsCase;

#define F32_4(a, b, c, d) { QS_ELEMENT_F32, 4, { a, b, c, d } }

static const RowsCase rows_cases[] = {
  { "add-same-shape", "Add", "opset1", QS_EXEC_MODE_FLOAT, QS_ELEMENT_F32, { NULL }, 2,
    { F32_4 (1, 3, 250, 257), F32_4 (1, 3, 250, 257) } },
  { "add-per-channel", "Add", "opset1", QS_EXEC_MODE_FLOAT, QS_ELEMENT_F32, { NULL }, 2,
    { F32_4 (2, 5, 91, 93), F32_4 (1, 5, 1, 1) } },
  { "multiply-plane", "Multiply", "opset1", QS_EXEC_MODE_FLOAT, QS_ELEMENT_F32, { NULL }, 2,
    { F32_4 (1, 4, 300, 300), F32_4 (1, 1, 300, 300) } },
  { "divide-rows", "Divide", "opset1", QS_EXEC_MODE_FLOAT, QS_ELEMENT_F32, { NULL }, 2,
    { F32_4 (1, 3, 500, 61), F32_4 (1, 1, 1, 61) } },
  { "sigmoid", "Sigmoid", "opset1", QS_EXEC_MODE_FLOAT, QS_ELEMENT_F32, { NULL }, 1,
    { F32_4 (1, 3, 211, 199) } },
  { "clamp", "Clamp", "opset1", QS_EXEC_MODE_FLOAT, QS_ELEMENT_F32, { "min", "-1.5", "max", "2.25", NULL }, 1,
    { F32_4 (1, 3, 211, 199) } },
  { "tanh", "Tanh", "opset1", QS_EXEC_MODE_FLOAT, QS_ELEMENT_F32, { NULL }, 1,
    { F32_4 (1, 2, 300, 123) } },
  { "prelu-channels", "PReLU", "opset1", QS_EXEC_MODE_FLOAT, QS_ELEMENT_F32, { NULL }, 2,
    { F32_4 (1, 7, 101, 103), { QS_ELEMENT_F32, 1, { 7 } } } },
  { "prelu-broadcast", "PReLU", "opset1", QS_EXEC_MODE_FLOAT, QS_ELEMENT_F32, { NULL }, 2,
    { F32_4 (2, 3, 150, 171), F32_4 (1, 1, 150, 171) } },
  { "fake-quantize", "FakeQuantize", "opset1", QS_EXEC_MODE_FAKE_QUANT, QS_ELEMENT_F32, { "levels", "256", NULL }, 5,
    { F32_4 (1, 6, 120, 97), F32_4 (1, 6, 1, 1), F32_4 (1, 6, 1, 1), F32_4 (1, 6, 1, 1), F32_4 (1, 6, 1, 1) } },
  { "quantize-u8", "Quantize", "qscope", QS_EXEC_MODE_INT8, QS_ELEMENT_U8,
    { "levels", "256", "destination_type", "u8", "qmin", "0", NULL }, 3,
    { F32_4 (1, 5, 133, 135), F32_4 (1, 5, 1, 1), F32_4 (1, 5, 1, 1) } },
  { "quantize-i8", "Quantize", "qscope", QS_EXEC_MODE_INT8, QS_ELEMENT_I8,
    { "levels", "255", "destination_type", "i8", "qmin", "-127", NULL }, 3,
    { F32_4 (1, 1, 400, 333), F32_4 (1, 1, 1, 1), F32_4 (1, 1, 1, 1) } },
  { "dequantize-u8-shifts", "Dequantize", "qscope", QS_EXEC_MODE_INT8, QS_ELEMENT_F32, { NULL }, 4,
    { { QS_ELEMENT_U8, 4, { 1, 5, 133, 135 } }, F32_4 (1, 5, 1, 1), F32_4 (1, 5, 1, 1), F32_4 (1, 5, 133, 135) } },
  { "dequantize-i32", "Dequantize", "qscope", QS_EXEC_MODE_INT8, QS_ELEMENT_F32, { NULL }, 4,
    { { QS_ELEMENT_I32, 4, { 1, 4, 171, 170 } }, F32_4 (1, 4, 1, 1), { QS_ELEMENT_I32, 4, { 1, 4, 1, 1 } },
      F32_4 (1, 4, 1, 1) } },
  { "concat-channels", "Concat", "opset1", QS_EXEC_MODE_FLOAT, QS_ELEMENT_F32, { "axis", "1", NULL }, 3,
    { F32_4 (1, 3, 200, 150), F32_4 (1, 5, 200, 150), F32_4 (1, 1, 200, 150) }, F32_4 (1, 9, 200, 150) },
  { "concat-rows", "Concat", "opset1", QS_EXEC_MODE_FLOAT, QS_ELEMENT_F32, { "axis", "2", NULL }, 2,
    { F32_4 (2, 3, 100, 150), F32_4 (2, 3, 61, 150) }, F32_4 (2, 3, 161, 150) },
  { "requantize-u8", "Requantize", "qscope", QS_EXEC_MODE_INT8, QS_ELEMENT_U8,
    { "destination_type", "u8", "qmin", "0", "qmax", "255", NULL }, 3,
    { { QS_ELEMENT_U8, 4, { 1, 6, 111, 113 } }, F32_4 (1, 6, 1, 1), F32_4 (1, 6, 1, 1) } },
  { "requantize-i32-i8", "Requantize", "qscope", QS_EXEC_MODE_INT8, QS_ELEMENT_I8,
    { "destination_type", "i8", "qmin", "-100", "qmax", "120", NULL }, 3,
    { { QS_ELEMENT_I32, 4, { 1, 2, 256, 300 } }, F32_4 (1, 1, 1, 1), F32_4 (1, 1, 1, 1) } },
};

static gsize
operand_size (const RowsOperand *o)
{
  gsize n = 1;

  for (int d = 0; d < o->rank; d++)
    n *= (gsize) o->dims[d];
  return n;
}

/* Random values of @type; floats with NaN, infinities, huge, tiny and
 * subnormal values among ordinary ones unless @plain. */
static QsTensor *
rows_random (GRand             *rnd,
             const RowsOperand *o,
             gboolean           plain)
{
  QsTensor *t = qs_tensor_new (o->type, o->rank, o->dims);

  for (gsize i = 0; i < t->n_elements; i++)
    {
      if (o->type == QS_ELEMENT_F32)
        {
          int kind = plain ? 9 : g_rand_int_range (rnd, 0, 40);
          float v = (float) g_rand_double_range (rnd, -20, 20);

          switch (kind)
            {
            case 0: v = NAN; break;
            case 1: v = g_rand_boolean (rnd) ? INFINITY : -INFINITY; break;
            case 2: v *= 1e30f; break;
            case 3: v *= 1e-30f; break;
            case 4: v *= 1e-42f; break;
            case 5: v = 0.0f; break;
            default: break;
            }
          qs_tensor_f32 (t)[i] = v;
        }
      else if (o->type == QS_ELEMENT_U8)
        ((guint8 *) t->data)[i] = (guint8) g_rand_int_range (rnd, 0, 256);
      else
        ((gint32 *) t->data)[i] = (gint32) g_rand_int (rnd);
    }
  return t;
}

static void
test_rows_threads (void)
{
  g_autoptr(GRand) rnd = g_rand_new_with_seed (77);

  for (guint c = 0; c < G_N_ELEMENTS (rows_cases); c++)
    {
      const RowsCase *rc = &rows_cases[c];
      g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("rows");
      g_autoptr(QsModel) model = NULL;
      g_autoptr(QsExec) exec = NULL;
      g_autoptr(QsTensor) x = NULL;
      g_autoptr(QsTensor) first = NULL;
      g_autoptr(GError) error = NULL;
      const RowsOperand *out_shape;
      QsNode *p, *op, *res;
      guint k;

      p = qs_graph_builder_add_node (b, "Parameter", "opset1", "x", 0, 1);
      op = qs_graph_builder_add_node (b, rc->type, rc->version, "op", rc->n_inputs, 1);
      res = qs_graph_builder_add_node (b, "Result", "opset1", "y", 1, 0);
      qs_graph_builder_set_port (b, &p->outputs[0], rc->in[0].type, rc->in[0].rank, rc->in[0].dims);
      out_shape = rc->out.rank > 0 ? &rc->out : &rc->in[0];
      qs_graph_builder_set_port (b, &op->inputs[0], rc->in[0].type, rc->in[0].rank, rc->in[0].dims);
      qs_graph_builder_set_port (b, &op->outputs[0], rc->out_type, out_shape->rank, out_shape->dims);
      qs_graph_builder_set_port (b, &res->inputs[0], rc->out_type, out_shape->rank, out_shape->dims);
      for (k = 0; rc->attrs[k] != NULL; k += 2)
        qs_graph_builder_set_attr (b, op, rc->attrs[k], rc->attrs[k + 1]);
      qs_test_wire (b, p, 0, op, 0);
      for (k = 1; k < rc->n_inputs; k++)
        {
          /* FakeQuantize and Quantize want ordered ranges: input low below high */
          gboolean ranges = g_str_equal (rc->type, "FakeQuantize") || g_str_equal (rc->type, "Quantize");
          g_autoptr(QsTensor) t = rows_random (rnd, &rc->in[k], ranges);

          if (ranges && (k == 2 || k == 4))
            for (gsize i = 0; i < t->n_elements; i++)
              qs_tensor_f32 (t)[i] = fabsf (qs_tensor_f32 (t)[i]) + 0.5f;
          else if (ranges && (k == 1 || k == 3))
            for (gsize i = 0; i < t->n_elements; i++)
              qs_tensor_f32 (t)[i] = -fabsf (qs_tensor_f32 (t)[i]) - 0.5f;
          qs_test_wire (b, add_const (b, t->type, t->rank, t->dims, t->data, t->n_elements), 0, op, k);
        }
      qs_test_wire (b, op, 0, res, 0);
      model = qs_graph_builder_finish (b, &error);
      g_assert_no_error (error);
      exec = qs_exec_new (model, rc->mode, &error);
      g_assert_no_error (error);
      qs_exec_set_fusion (exec, FALSE);
      x = rows_random (rnd, &rc->in[0], FALSE);

      for (guint t = 1; t <= 3; t++)
        {
          QsTensor **outputs = NULL;
          g_autoptr(QsTensor) y = NULL;

          qs_parallel_set_threads (t);
          qs_exec_run (exec, &x, NULL, NULL, NULL, &outputs, &error);
          g_assert_no_error (error);
          y = outputs[0];
          g_free (outputs);
          g_assert_cmpint (y->type, ==, rc->out_type);
          g_assert_cmpuint (y->n_elements, ==, operand_size (out_shape));
          g_assert_cmpuint (x->n_elements, >=, 65536);
          if (first == NULL)
            first = g_steal_pointer (&y);
          else if (memcmp (y->data, first->data, y->n_elements * qs_tensor_type_size (y->type)) != 0)
            g_error ("%s: %u threads give other bytes than one", rc->name, t);
        }
    }
  qs_parallel_set_threads (0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qscope/exec-int8/quantize", test_quantize);
  g_test_add_func ("/qscope/exec-int8/quantize-rows", test_quantize_rows);
  g_test_add_func ("/qscope/exec-int8/dequantize", test_dequantize);
  g_test_add_func ("/qscope/exec-int8/dequantize-shift-rows", test_dequantize_shift_rows);
  g_test_add_func ("/qscope/exec-int8/requantize", test_requantize);
  g_test_add_func ("/qscope/exec-int8/requantize-rows", test_requantize_rows);
  g_test_add_func ("/qscope/exec-int8/rows-threads", test_rows_threads);
  g_test_add_func ("/qscope/exec-int8/max-pool-codes", test_max_pool_codes);
  g_test_add_func ("/qscope/exec-int8/max-pool8-codes", test_max_pool8_codes);
  g_test_add_func ("/qscope/exec-int8/interpolate-codes", test_interpolate_codes);
  g_test_add_func ("/qscope/exec-int8/code-ops-shared-models", test_code_ops_shared_models);
  g_test_add_func ("/qscope/exec-int8/requantize-is-fake-quantize", test_requantize_is_fake_quantize);
  g_test_add_func ("/qscope/exec-int8/conv-model", test_conv_model);
  g_test_add_func ("/qscope/exec-int8/aligned-requantize", test_aligned_requantize);
  g_test_add_func ("/qscope/exec-int8/pad-residual", test_pad_residual);
  g_test_add_func ("/qscope/exec-int8/fake-quantize-codes-as", test_fake_quantize_codes_as);
  g_test_add_func ("/qscope/exec-int8/pad-border-positions", test_pad_border_positions);
  for (guint k = 0; k < G_N_ELEMENTS (backprop_exec_cases); k++)
    {
      g_autofree char *path = g_strdup_printf ("/qscope/exec-int8/backprop/%s", backprop_exec_cases[k].path);
      g_test_add_data_func (path, &backprop_exec_cases[k], test_backprop_model);
    }
  g_test_add_func ("/qscope/exec-int8/backprop/group-op", test_backprop_group_op);
  g_test_add_func ("/qscope/exec-int8/align/openvino-case", test_align_openvino_case);
  g_test_add_func ("/qscope/exec-int8/matmul-two-activations", test_matmul_two_activations);
  g_test_add_func ("/qscope/exec-int8/align/declines", test_align_declines);
  g_test_add_data_func ("/qscope/exec-int8/fire/fq-before-concat", GINT_TO_POINTER (FALSE), test_fire_modules);
  g_test_add_data_func ("/qscope/exec-int8/fire/fq-after-concat", GINT_TO_POINTER (TRUE), test_fire_modules);
  g_test_add_func ("/qscope/exec-int8/shared-models", test_shared_models);
  return g_test_run ();
}
