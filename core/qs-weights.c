/* qs-weights.c
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Walks from a compute layer's weight input back to the stored constant and
 * names the form the writer used (see the weight patterns in the README).
 * The walk only follows single-consumer-agnostic, constant-only paths: any
 * op fed by a non-constant value ends it as "not weights".
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qs-weights.h"

static const struct { const char *name; const char *description; } forms[] = {
  [QS_WEIGHT_FORM_NONE] = { "none", "not constant" },
  [QS_WEIGHT_FORM_FLOAT] = { "float", "float Const" },
  [QS_WEIGHT_FORM_FLOAT_FQ] = { "fq-float", "float Const → FakeQuantize" },
  [QS_WEIGHT_FORM_INT_FQ] = { "fq-int", "integer Const → Convert → FakeQuantize" },
  [QS_WEIGHT_FORM_SUB_MUL] = { "sub-mul", "integer Const → Convert → Subtract → Multiply" },
  [QS_WEIGHT_FORM_MUL] = { "mul", "integer Const → Convert → Multiply" },
  [QS_WEIGHT_FORM_GROUPED] = { "grouped", "grouped 4/8-bit Const → … → Multiply → Reshape" },
  [QS_WEIGHT_FORM_OTHER] = { "other", "constant through other ops" },
};

const char *
qs_weight_form_name (QsWeightForm form)
{
  return (guint) form < QS_WEIGHT_FORM_N_FORMS ? forms[form].name : "?";
}

const char *
qs_weight_form_describe (QsWeightForm form)
{
  return (guint) form < QS_WEIGHT_FORM_N_FORMS ? forms[form].description : "?";
}

const QsNode *
qs_node_skip_convert (const QsNode *node)
{
  while (node != NULL && qs_node_is_type (node, "Convert"))
    node = qs_node_input_node (node, 0);
  return node;
}

/* The Const feeding @input, through Converts; NULL otherwise. */
const QsNode *
qs_input_const (const QsNode *node,
                guint         input)
{
  const QsNode *src = qs_node_skip_convert (qs_node_input_node (node, input));

  return src != NULL && qs_node_is_type (src, "Const") ? src : NULL;
}

static gboolean
is_integer_const (const QsNode *node)
{
  if (node == NULL || node->konst == NULL)
    return FALSE;
  switch (node->konst->element_type)
    {
    case QS_ELEMENT_F32:
    case QS_ELEMENT_F16:
    case QS_ELEMENT_BF16:
    case QS_ELEMENT_F64:
      return FALSE;
    default:
      /* integers, and the 4/8-bit float codes (nf4, f8) stored for decompression */
      return TRUE;
    }
}

/* Does @node depend on Consts only?  ShapeOf ends the walk as constant when
 * the shape it reads is static. */
static gboolean
constant_path (const QsNode *node,
               guint         depth)
{
  guint i;

  if (node == NULL || depth > 24)
    return FALSE;
  if (qs_node_is_type (node, "Const"))
    return TRUE;
  if (qs_node_is_type (node, "ShapeOf"))
    return node->n_inputs == 1 && qs_shape_is_static (&node->inputs[0].shape);
  if (qs_node_is_type (node, "Parameter") || node->n_inputs == 0)
    return FALSE;
  for (i = 0; i < node->n_inputs; i++)
    if (!constant_path (qs_node_input_node (node, i), depth + 1))
      return FALSE;
  return TRUE;
}

/* Which input of a compute layer holds its weights. */
gboolean
qs_node_is_weighted (const QsNode *node,
                     guint        *weight_input)
{
  static const char *const one[] = {
    "Convolution", "GroupConvolution", "ConvolutionBackpropData", "GroupConvolutionBackpropData",
    "MatMul", "DeformableConvolution", "BinaryConvolution",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (one); i++)
    if (qs_node_is_type (node, one[i]))
      {
        *weight_input = 1;
        return node->n_inputs > 1;
      }
  if (qs_node_is_type (node, "Gather"))
    {
      *weight_input = 0;
      return node->n_inputs > 0;
    }
  return FALSE;
}

gboolean
qs_node_is_constant_path (const QsNode *node)
{
  return constant_path (node, 0);
}

/* Follows input 0 of a chain op when every other input is constant.  A
 * Reshape's target shape is often computed from constants (ShapeOf of the
 * weights → Gather → Concat, as the 2021 converter writes GroupConvolution
 * weights), which is as constant as a Const. */
static const QsNode *
chain_step (const QsNode *node)
{
  guint i;

  for (i = 1; i < node->n_inputs; i++)
    if (qs_input_const (node, i) == NULL && !constant_path (qs_node_input_node (node, i), 0))
      return NULL;
  return qs_node_input_node (node, 0);
}

/**
 * qs_weights_classify:
 * @consumer: a compute layer
 * @input: the input that holds its weights
 * @chain: (out caller-allocates): the recognised chain
 *
 * Returns: %TRUE when the input is a constant subgraph (chain->form then says
 *   which), %FALSE when it is computed at run time.
 */
gboolean
qs_weights_classify (const QsNode  *consumer,
                     guint          input,
                     QsWeightChain *chain)
{
  const QsNode *node = qs_node_input_node (consumer, input);
  gboolean seen_sub = FALSE, seen_mul = FALSE, seen_fq = FALSE, seen_other = FALSE;
  guint steps = 0;

  memset (chain, 0, sizeof *chain);

  while (node != NULL && steps < 16)
    {
      if (qs_node_is_type (node, "Const"))
        {
          chain->weights = node;
          break;
        }
      steps++;
      if (qs_node_is_type (node, "Convert"))
        {
          /* walking towards the Const, the last Convert seen is the one right after it */
          chain->convert = node;
          node = qs_node_input_node (node, 0);
          continue;
        }
      if (qs_node_is_type (node, "Reshape") || qs_node_is_type (node, "Transpose") ||
          qs_node_is_type (node, "Unsqueeze") || qs_node_is_type (node, "Squeeze"))
        {
          if (qs_node_is_type (node, "Reshape") && !seen_mul && !seen_fq)
            chain->reshape = node;
          else if (!qs_node_is_type (node, "Reshape"))
            seen_other = TRUE;
          node = chain_step (node);
          continue;
        }
      if (qs_node_is_type (node, "FakeQuantize"))
        {
          seen_fq = TRUE;
          chain->fake_quantize = node;
          node = chain_step (node);
          continue;
        }
      if (qs_node_is_type (node, "Multiply"))
        {
          const QsNode *k1 = qs_input_const (node, 1);
          const QsNode *k0 = qs_input_const (node, 0);
          seen_mul = TRUE;
          if (k1 != NULL && chain->scale == NULL)
            {
              chain->scale = k1;
              node = qs_node_input_node (node, 0);
            }
          else if (k0 != NULL && chain->scale == NULL)
            {
              chain->scale = k0;
              node = qs_node_input_node (node, 1);
            }
          else
            node = chain_step (node);
          continue;
        }
      if (qs_node_is_type (node, "Subtract"))
        {
          seen_sub = TRUE;
          if (chain->zero_point == NULL)
            chain->zero_point = qs_input_const (node, 1);
          node = chain_step (node);
          continue;
        }
      seen_other = TRUE;
      node = chain_step (node);
    }

  chain->chain_length = steps;
  if (chain->weights == NULL)
    {
      chain->form = QS_WEIGHT_FORM_NONE;
      return FALSE;
    }

  if (is_integer_const (chain->weights))
    {
      if (seen_fq && !seen_mul)
        chain->form = QS_WEIGHT_FORM_INT_FQ;
      else if (chain->reshape != NULL && seen_mul && chain->weights->konst->shape.rank == 3)
        chain->form = QS_WEIGHT_FORM_GROUPED;
      else if (seen_sub && seen_mul)
        chain->form = QS_WEIGHT_FORM_SUB_MUL;
      else if (seen_mul)
        chain->form = QS_WEIGHT_FORM_MUL;
      else
        chain->form = QS_WEIGHT_FORM_OTHER;
    }
  else if (seen_fq)
    chain->form = QS_WEIGHT_FORM_FLOAT_FQ;
  else if (!seen_other && !seen_mul && !seen_sub)
    chain->form = QS_WEIGHT_FORM_FLOAT;
  else
    chain->form = QS_WEIGHT_FORM_OTHER;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Reading quantized weights into one representation                        */

G_DEFINE_QUARK (qs-weights-error-quark, qs_weights_error)

float
qs_fake_quantize_code (float x,
                       float il,
                       float ih,
                       guint levels)
{
  float lo = MIN (il, ih), hi = MAX (il, ih);

  /* as the reference: the thresholds use min/max, the outputs do not swap */
  if (x <= lo)
    return 0.0f;
  if (x > hi)
    return (float) (levels - 1);
  return nearbyintf ((x - il) / (ih - il) * (float) (levels - 1));
}

/* A Const broadcast to a shape, read element by element in row-major
 * order: the values qs_const_broadcast_f32() writes, without writing them
 * all.  The target's axes step through the source like an odometer, with
 * a stride of 0 where the source broadcasts. */
typedef struct
{
  float        *src;
  guint64      *sstride;
  guint64      *coord;
  const gint64 *dims;
  int           rank;
  guint64       index;
} Bcast;

static void
bcast_clear (Bcast *b)
{
  g_clear_pointer (&b->src, g_free);
  g_clear_pointer (&b->sstride, g_free);
  g_clear_pointer (&b->coord, g_free);
}

static gboolean
bcast_init (Bcast         *b,
            const QsNode  *konst,
            int            rank,
            const gint64  *dims,
            GError       **error)
{
  const QsConstData *k = konst->konst;
  guint64 stride = 1;
  int kr = k->shape.rank, d;

  memset (b, 0, sizeof *b);
  b->src = qs_const_to_f32 (konst, error);
  if (b->src == NULL)
    return FALSE;
  /* leading 1s beyond the target rank are harmless */
  for (d = 0; d < kr - rank; d++)
    if (k->shape.dims[d] != 1)
      goto bad;
  for (d = 0; d < rank; d++)
    {
      int kd = d - (rank - kr);
      if (kd >= 0 && k->shape.dims[kd] != 1 && k->shape.dims[kd] != dims[d])
        goto bad;
    }
  b->sstride = g_new (guint64, MAX (rank, 1));
  b->coord = g_new0 (guint64, MAX (rank, 1));
  for (d = rank - 1; d >= 0; d--)
    {
      int kd = d - (rank - kr);
      b->sstride[d] = kd >= 0 && k->shape.dims[kd] != 1 ? stride : 0;
      if (kd >= 0)
        stride *= k->shape.dims[kd];
    }
  b->dims = dims;
  b->rank = rank;
  return TRUE;

bad:
  {
    g_autofree char *from = qs_shape_to_string (&k->shape);
    g_set_error (error, QS_WEIGHTS_ERROR, QS_WEIGHTS_ERROR_SHAPE,
                 "layer %" G_GUINT64_FORMAT " “%s”: shape %s does not broadcast to the weights",
                 konst->id, konst->name, from);
    bcast_clear (b);
    return FALSE;
  }
}

/* To the next element, counting the axes before @axes only (the ones
 * after are where the caller repeats the value). */
static inline void
bcast_step (Bcast *b,
            int    axes)
{
  int d;

  for (d = axes - 1; d >= 0; d--)
    {
      b->index += b->sstride[d];
      if (++b->coord[d] < (guint64) b->dims[d])
        return;
      b->index -= b->sstride[d] * b->dims[d];
      b->coord[d] = 0;
    }
}

static inline float
bcast_next (Bcast *b)
{
  float v = b->src[b->index];

  bcast_step (b, b->rank);
  return v;
}

float *
qs_const_broadcast_f32 (const QsNode  *konst,
                        int            rank,
                        const gint64  *dims,
                        GError       **error)
{
  Bcast b;
  g_autofree float *out = NULL;
  guint64 n = 1, i, rep, n_outer;
  int d, inner;

  if (!bcast_init (&b, konst, rank, dims, error))
    return NULL;
  for (d = 0; d < rank; d++)
    n *= dims[d];
  out = g_new (float, MAX (n, 1));
  /* the trailing axes along which the source does not vary repeat each of
   * its values @rep times */
  rep = 1;
  for (inner = rank; inner > 0 && b.sstride[inner - 1] == 0; inner--)
    rep *= dims[inner - 1];
  n_outer = rep > 0 ? n / rep : 0;
  for (i = 0; i < n_outer; i++)
    {
      float v = b.src[b.index];
      float *o = out + i * rep;
      guint64 j;

      for (j = 0; j < rep; j++)
        o[j] = v;
      bcast_step (&b, inner);
    }
  bcast_clear (&b);
  return g_steal_pointer (&out);
}

void
qs_quant_weights_free (QsQuantWeights *w)
{
  if (w == NULL)
    return;
  g_free (w->codes);
  g_free (w->scale);
  g_free (w->zero_point);
  g_free (w->i8);
  g_free (w->reason);
  g_free (w);
}

/* Where the output channel sits in the consumer's weight layout. */
static void
out_channel_layout (const QsNode   *consumer,
                    QsQuantWeights *w)
{
  int r = w->rank;
  guint64 inner = 1;
  int d, axis_lo = 0, axis_hi = 0;

  if (qs_node_is_type (consumer, "MatMul"))
    {
      gboolean tb = FALSE;
      qs_node_get_bool (consumer, "transpose_b", FALSE, &tb, NULL);
      axis_lo = axis_hi = r >= 2 ? (tb ? r - 2 : r - 1) : 0;
    }
  else if (qs_node_is_type (consumer, "GroupConvolution") && r >= 2)
    axis_hi = 1;
  else if ((qs_node_is_type (consumer, "ConvolutionBackpropData")) && r >= 2)
    axis_lo = axis_hi = 1;
  else if (qs_node_is_type (consumer, "GroupConvolutionBackpropData") && r >= 3)
    {
      axis_lo = 0;
      axis_hi = 0;  /* per group only: the output channel is split over dims 0 and 2 */
    }

  w->n_out = 1;
  for (d = axis_lo; d <= axis_hi && d < r; d++)
    w->n_out *= w->dims[d];
  for (d = axis_hi + 1; d < r; d++)
    inner *= w->dims[d];
  w->inner = inner;
  if (r == 0)
    w->n_out = 1;
}

/* A chain's codes, and its scale and zero point element by element, in
 * the Const's own shape. */
typedef struct
{
  gboolean fq;
  float    steps;            /* FakeQuantize: levels - 1 */
  Bcast    ol, oh;           /* FakeQuantize: the output range */
  Bcast    scale, zp;        /* otherwise: the Multiply and the Subtract (zp.src NULL: 0) */
  gboolean has_scale;
} ChainCodes;

static void
chain_codes_clear (ChainCodes *cc)
{
  bcast_clear (&cc->ol);
  bcast_clear (&cc->oh);
  bcast_clear (&cc->scale);
  bcast_clear (&cc->zp);
}

/* The scale and zero point of the next element. */
static inline void
chain_codes_next (ChainCodes *cc,
                  float      *s,
                  float      *z)
{
  if (cc->fq)
    {
      float lo = bcast_next (&cc->ol), hi = bcast_next (&cc->oh);

      *s = (hi - lo) / cc->steps;
      *z = *s != 0.0f ? -lo / *s : 0.0f;
      return;
    }
  *s = bcast_next (&cc->scale);
  *z = cc->zp.src != NULL ? bcast_next (&cc->zp) : 0.0f;
}

static gboolean
chain_codes (const QsWeightChain *chain,
             QsQuantWeights      *w,
             ChainCodes          *cc,
             GError             **error)
{
  const QsConstData *k = chain->weights->konst;
  int r = k->shape.rank;
  const gint64 *dims = k->shape.dims;
  guint64 n = k->n_elements, i;
  /* i8 and u8 weights (the usual ones) are read in place; other types as f32 */
  const gint8 *i8 = k->element_type == QS_ELEMENT_I8 ? (const gint8 *) k->data : NULL;
  const guint8 *u8 = k->element_type == QS_ELEMENT_U8 ? (const guint8 *) k->data : NULL;
  g_autofree float *values = i8 != NULL || u8 != NULL ? NULL : qs_const_to_f32 (chain->weights, error);
#define VALUE(i) (i8 != NULL ? (float) i8[i] : u8 != NULL ? (float) u8[i] : values[i])

  memset (cc, 0, sizeof *cc);
  if (values == NULL && i8 == NULL && u8 == NULL)
    return FALSE;
  w->codes = g_new (gint32, MAX (n, 1));

  if (chain->fake_quantize != NULL)
    {
      const QsNode *fq = chain->fake_quantize;
      Bcast il = { 0 }, ih = { 0 };
      const QsNode *kk[4];
      gint64 levels = 0;
      int j;

      qs_node_get_int (fq, "levels", 0, &levels, NULL);
      for (j = 0; j < 4; j++)
        if ((kk[j] = qs_input_const (fq, j + 1)) == NULL)
          {
            g_set_error (error, QS_WEIGHTS_ERROR, QS_WEIGHTS_ERROR_NOT_CONSTANT,
                         "layer %" G_GUINT64_FORMAT " “%s”: FakeQuantize ranges are not constant", fq->id, fq->name);
            return FALSE;
          }
      if (levels < 2 ||
          !bcast_init (&il, kk[0], r, dims, error) ||
          !bcast_init (&ih, kk[1], r, dims, error) ||
          !bcast_init (&cc->ol, kk[2], r, dims, error) ||
          !bcast_init (&cc->oh, kk[3], r, dims, error))
        {
          if (levels < 2)
            g_set_error (error, QS_WEIGHTS_ERROR, QS_WEIGHTS_ERROR_SHAPE,
                         "layer %" G_GUINT64_FORMAT " “%s”: levels must be at least 2", fq->id, fq->name);
          bcast_clear (&il);
          bcast_clear (&ih);
          chain_codes_clear (cc);
          return FALSE;
        }
      for (i = 0; i < n; i++)
        {
          float lo = bcast_next (&il), hi = bcast_next (&ih);
          w->codes[i] = (gint32) qs_fake_quantize_code (VALUE (i), lo, hi, (guint) levels);
        }
      bcast_clear (&il);
      bcast_clear (&ih);
      cc->fq = TRUE;
      cc->steps = (float) (levels - 1);
      cc->has_scale = TRUE;
      return TRUE;
    }

  if (i8 != NULL)
    for (i = 0; i < n; i++)
      w->codes[i] = i8[i];
  else if (u8 != NULL)
    for (i = 0; i < n; i++)
      w->codes[i] = u8[i];
  else
    for (i = 0; i < n; i++)
      w->codes[i] = (gint32) values[i];
#undef VALUE
  if (chain->scale != NULL)
    {
      if (!bcast_init (&cc->scale, chain->scale, r, dims, error))
        return FALSE;
      cc->has_scale = TRUE;
    }
  if (chain->zero_point != NULL && !bcast_init (&cc->zp, chain->zero_point, r, dims, error))
    {
      chain_codes_clear (cc);
      return FALSE;
    }
  return TRUE;
}

QsQuantWeights *
qs_quant_weights_read (const QsNode  *consumer,
                       guint          input,
                       GError       **error)
{
  g_autoptr(QsQuantWeights) w = g_new0 (QsQuantWeights, 1);
  ChainCodes cc;
  const QsPort *port;
  QsWeightChain chain;
  guint64 i, zeros = 0;
  int d;

  if (!qs_weights_classify (consumer, input, &chain))
    {
      g_set_error (error, QS_WEIGHTS_ERROR, QS_WEIGHTS_ERROR_NOT_CONSTANT,
                   "layer %" G_GUINT64_FORMAT " “%s”: input %u is not constant", consumer->id, consumer->name, input);
      return NULL;
    }
  w->form = chain.form;
  port = &consumer->inputs[input];
  if (port->shape.rank > (int) G_N_ELEMENTS (w->dims) || !qs_shape_is_static (&port->shape))
    {
      g_set_error (error, QS_WEIGHTS_ERROR, QS_WEIGHTS_ERROR_SHAPE,
                   "layer %" G_GUINT64_FORMAT " “%s”: the weights' shape is not static", consumer->id, consumer->name);
      return NULL;
    }
  w->rank = port->shape.rank;
  for (d = 0; d < w->rank; d++)
    w->dims[d] = port->shape.dims[d];
  qs_shape_n_elements (&port->shape, &w->n_elements);
  out_channel_layout (consumer, w);

  switch (chain.form)
    {
    case QS_WEIGHT_FORM_FLOAT_FQ:
    case QS_WEIGHT_FORM_INT_FQ:
    case QS_WEIGHT_FORM_SUB_MUL:
    case QS_WEIGHT_FORM_MUL:
    case QS_WEIGHT_FORM_GROUPED:
      break;
    case QS_WEIGHT_FORM_FLOAT:
      w->reason = g_strdup ("weights are not quantized");
      return g_steal_pointer (&w);
    default:
      w->reason = g_strdup_printf ("weights are stored as “%s”, which is not a quantized form",
                                   qs_weight_form_describe (chain.form));
      return g_steal_pointer (&w);
    }
  if (chain.weights->konst->n_elements != w->n_elements)
    {
      w->reason = g_strdup ("the stored weights and the consumer's weights differ in size");
      return g_steal_pointer (&w);
    }
  if (!chain_codes (&chain, w, &cc, error))
    return NULL;
  if (!cc.has_scale)
    {
      chain_codes_clear (&cc);
      w->reason = g_strdup ("weights have no scale");
      return g_steal_pointer (&w);
    }

  /* Reshape keeps the row-major order, so flat indices carry over. */
  w->scale = g_new0 (float, MAX (w->n_out, 1));
  w->zero_point = g_new0 (float, MAX (w->n_out, 1));
  {
    g_autofree guint8 *seen = g_new0 (guint8, MAX (w->n_out, 1));
    guint64 o = 0, t = 0;   /* (i / inner) % n_out, i % inner */
    for (i = 0; i < w->n_elements; i++, qs_quant_weights_next (w, &o, &t))
      {
        float s, z;

        chain_codes_next (&cc, &s, &z);
        if ((float) w->codes[i] == z || s == 0.0f)
          zeros++;
        if (!seen[o])
          {
            seen[o] = 1;
            w->scale[o] = s;
            w->zero_point[o] = z;
          }
        else if ((fabsf (w->scale[o] - s) > 1e-6f * fabsf (s) || w->zero_point[o] != z) && w->reason == NULL)
          w->reason = g_strdup ("weight scales vary inside an output channel (quantized per input channel "
                                "or in groups along the reduction axis)");
      }
  }
  chain_codes_clear (&cc);
  w->sparsity = w->n_elements > 0 ? (double) zeros / (double) w->n_elements : 0.0;
  if (w->reason != NULL)
    return g_steal_pointer (&w);

  for (i = 0; i < w->n_out; i++)
    if (w->zero_point[i] != 0.0f)
      w->has_zero_point = TRUE;

  /* A zero point that is an integer can be moved into the codes when they
   * still fit i8 (u8 codes 0..254 with zero point 127 become -127..127). */
  w->i8 = g_new (gint8, MAX (w->n_elements, 1));
  {
    g_autofree gint32 *zi = g_new (gint32, MAX (w->n_out, 1));
    g_autofree gboolean *fractional = g_new (gboolean, MAX (w->n_out, 1));
    guint64 o = 0, t = 0;   /* (i / inner) % n_out, i % inner */

    for (o = 0; o < w->n_out; o++)
      {
        float z = w->zero_point[o];
        zi[o] = (gint32) nearbyintf (z);
        fractional[o] = fabsf (z - nearbyintf (z)) > 1e-3f;
      }
    o = 0;
    for (i = 0; i < w->n_elements; i++, qs_quant_weights_next (w, &o, &t))
      {
        gint32 shifted = w->codes[i] - zi[o];
        if (fractional[o] || shifted < -128 || shifted > 127)
          {
            g_clear_pointer (&w->i8, g_free);
            w->reason = g_strdup (fractional[o] ? "weights have a zero point that is not an integer" :
                                  "weights have a zero point");
            return g_steal_pointer (&w);
          }
        w->i8[i] = (gint8) shifted;
      }
  }
  w->has_zero_point = FALSE;
  for (i = 0; i < w->n_out; i++)
    w->zero_point[i] = 0.0f;
  return g_steal_pointer (&w);
}

float *
qs_weights_to_f32 (const QsNode  *consumer,
                   guint          input,
                   guint64       *n_elements,
                   GError       **error)
{
  g_autoptr(QsQuantWeights) w = qs_quant_weights_read (consumer, input, error);
  QsWeightChain chain;
  float *out;
  guint64 i;

  if (w == NULL)
    return NULL;
  *n_elements = w->n_elements;
  if (w->scale != NULL && w->codes != NULL && w->reason == NULL)
    {
      out = g_new (float, MAX (w->n_elements, 1));
      for (i = 0; i < w->n_elements; i++)
        {
          guint64 o = (i / w->inner) % w->n_out;
          out[i] = w->i8 != NULL ? w->scale[o] * (float) w->i8[i]
                                 : w->scale[o] * ((float) w->codes[i] - w->zero_point[o]);
        }
      return out;
    }
  qs_weights_classify (consumer, input, &chain);
  if (chain.form == QS_WEIGHT_FORM_FLOAT && chain.weights->konst->n_elements == w->n_elements)
    return qs_const_to_f32 (chain.weights, error);
  g_set_error (error, QS_WEIGHTS_ERROR, QS_WEIGHTS_ERROR_SHAPE,
               "layer %" G_GUINT64_FORMAT " “%s”: %s", consumer->id, consumer->name,
               w->reason != NULL ? w->reason : "weights cannot be read");
  return NULL;
}

double
qs_weights_sparsity (const QsNode  *consumer,
                     guint          input,
                     GError       **error)
{
  guint64 n = 0, i, zeros = 0;
  g_autofree float *v = qs_weights_to_f32 (consumer, input, &n, error);

  if (v == NULL)
    return -1.0;
  for (i = 0; i < n; i++)
    if (v[i] == 0.0f)
      zeros++;
  return n > 0 ? (double) zeros / (double) n : 0.0;
}
