/* qs-weights.h — recognising how a layer's weights are stored
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "qs-graph.h"

G_BEGIN_DECLS

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
const QsNode *qs_input_const           (const QsNode  *node,
                                        guint          input);

G_END_DECLS
