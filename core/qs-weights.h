/* qs-weights.h — recognising how a layer's weights are stored
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "qs-graph.h"

G_BEGIN_DECLS

#define QS_WEIGHTS_ERROR (qs_weights_error_quark ())

typedef enum
{
  QS_WEIGHTS_ERROR_NOT_CONSTANT = 1,  /* the input is computed at run time */
  QS_WEIGHTS_ERROR_NOT_LOADED,        /* the model was loaded without weights */
  QS_WEIGHTS_ERROR_SHAPE,             /* shapes that are not static or do not broadcast */
} QsWeightsError;

GQuark qs_weights_error_quark (void);

/* The code a FakeQuantize gives @x: 0 … levels-1, as the reference computes
 * it ((x - il) / (ih - il) * (levels - 1), rounded half to even; x <= min(il, ih)
 * gives 0 and x > max(il, ih) gives levels - 1). */
float qs_fake_quantize_code (float x,
                             float il,
                             float ih,
                             guint levels);

typedef enum
{
  QS_WEIGHT_FORM_NONE = 0,    /* the input is not a constant */
  QS_WEIGHT_FORM_FLOAT,       /* float Const (f16 decompression Convert allowed) */
  QS_WEIGHT_FORM_FLOAT_FQ,    /* float Const -> FakeQuantize */
  QS_WEIGHT_FORM_INT_FQ,      /* integer Const -> Convert -> FakeQuantize */
  QS_WEIGHT_FORM_SUB_MUL,     /* integer Const -> Convert -> Subtract(zp) -> Multiply(scale) */
  QS_WEIGHT_FORM_MUL,         /* integer Const -> Convert -> Multiply(scale) */
  QS_WEIGHT_FORM_GROUPED,     /* 4/8-bit Const [OC,G,K] -> ... -> Multiply -> Reshape [OC,G*K] */
  QS_WEIGHT_FORM_OTHER,       /* constant, but through ops this list does not know */
  QS_WEIGHT_FORM_N_FORMS
} QsWeightForm;

typedef struct
{
  QsWeightForm  form;
  const QsNode *weights;      /* the Const holding the stored values */
  const QsNode *convert;      /* Convert after it, or NULL */
  const QsNode *zero_point;   /* Const of the Subtract, or NULL */
  const QsNode *scale;        /* Const of the Multiply, or NULL */
  const QsNode *fake_quantize;
  const QsNode *reshape;
  guint         chain_length; /* nodes between the Const and the consumer */
} QsWeightChain;

const char   *qs_weight_form_name      (QsWeightForm   form);
const char   *qs_weight_form_describe  (QsWeightForm   form);
gboolean      qs_weights_classify      (const QsNode  *consumer,
                                        guint          input,
                                        QsWeightChain *chain);
gboolean      qs_node_is_weighted      (const QsNode  *node,
                                        guint         *weight_input);
const QsNode *qs_node_skip_convert     (const QsNode  *node);
/* TRUE when @node's value depends on Consts only (ShapeOf of a static shape
 * counts as a Const). */
gboolean      qs_node_is_constant_path (const QsNode  *node);
const QsNode *qs_input_const           (const QsNode  *node,
                                        guint          input);

/* Quantized weights in one representation, whatever form the file used:
 * w[i] = scale[o] * (codes[i] - zero_point[o]) with o the output channel of
 * element i, in the layout the consumer sees (after any Reshape).
 * Output channel o of flat element i is (i / inner) % n_out: Convolution
 * [OC,IC,kh,kw] and GroupConvolution [G,O,I,kh,kw] (o over G*O) lead with it,
 * MatMul's B has it on N (last axis, or the one before with transpose_b). */
typedef struct
{
  QsWeightForm  form;
  int           rank;
  gint64        dims[8];       /* the consumer's weight shape */
  guint64       n_elements;
  guint64       n_out;         /* output channels */
  guint64       inner;         /* see above */
  gint32       *codes;         /* n_elements integer codes as stored (FakeQuantize forms: the FQ code 0..L-1) */
  float        *scale;         /* n_out */
  float        *zero_point;    /* n_out, in code space; all 0 for symmetric weights */
  gint8        *i8;            /* codes - zero_point as i8, when every zero point is integral and the
                                * result fits [-128, 127]; NULL otherwise */
  gboolean      has_zero_point;/* i8 == NULL because of a zero point */
  char         *reason;        /* why the weights have no i8 form (for a person), or NULL */
  double        sparsity;      /* share of weights exactly zero */
} QsQuantWeights;

/* Walking the weights in order: from element i's output channel @o =
 * (i / inner) % n_out and place @t = i % inner to element i + 1's. */
static inline void
qs_quant_weights_next (const QsQuantWeights *w,
                       guint64              *o,
                       guint64              *t)
{
  if (++*t < w->inner)
    return;
  *t = 0;
  if (++*o == w->n_out)
    *o = 0;
}

/* Reads the weights at @input of @consumer.  Returns %NULL with @error only
 * when they cannot be read at all (not constant, data not loaded); weights
 * that are merely not quantizable come back with i8 == NULL and a reason.
 * Free with qs_quant_weights_free(). */
QsQuantWeights *qs_quant_weights_read (const QsNode   *consumer,
                                       guint           input,
                                       GError        **error);
void            qs_quant_weights_free (QsQuantWeights *weights);

/* The real value of the weights (float32, the consumer's layout) and the share
 * of exact zeros; %NULL/-1 with @error when they cannot be read. */
float          *qs_weights_to_f32     (const QsNode   *consumer,
                                       guint           input,
                                       guint64        *n_elements,
                                       GError        **error);
double          qs_weights_sparsity   (const QsNode   *consumer,
                                       guint           input,
                                       GError        **error);

/* Numpy broadcasting of a Const (read as f32) to @rank/@dims: a new array. */
float          *qs_const_broadcast_f32 (const QsNode  *konst,
                                        int            rank,
                                        const gint64  *dims,
                                        GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsQuantWeights, qs_quant_weights_free)

G_END_DECLS
