/* qs-lpt-assign.c — a quantized state: Assign and its ReadValue
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Mirrors OpenVINO's AssignAndReadValueTransformation (src/common/
 * low_precision_transformations/src/assign_and_read_value.cpp).  When an
 * Assign (opset3 or opset6) stores a dequantized value, LPT stores the codes
 * instead: the variable takes the codes' type, the ReadValue of the same
 * variable gives codes, and the Dequantize moves after the ReadValue (where
 * the next FakeQuantize may absorb it).  Conditions: the Dequantize has a
 * Multiply and no Subtract (no zero point, no folded bias), and the
 * ReadValue's initial value is a constant of zeros (or absent, which means
 * zeros), as codes 0 then mean real 0.
 *
 * qscope keeps the state in floats (the same values: the dequantized codes),
 * so both layers run as they are; the decision says what OpenVINO stores.
 */
#include "config.h"

#include <string.h>

#include "qs-lpt-private.h"

/* The ReadValue of @variable in @graph, or NULL. */
static const QsNode *
read_value_of (const QsGraph *graph,
               const char    *variable)
{
  guint i;

  for (i = 0; variable != NULL && i < graph->n_nodes; i++)
    {
      const QsNode *node = graph->nodes[i];
      if (qs_node_is_type (node, "ReadValue") && g_strcmp0 (qs_node_get_attr (node, "variable_id"), variable) == 0)
        return node;
    }
  return NULL;
}

/* Whether the ReadValue's initial value is zeros. */
static gboolean
zero_initial (const QsNode *read)
{
  const QsNode *k;
  g_autofree float *v = NULL;
  guint64 i;

  if (read->n_inputs == 0 || read->inputs[0].source == NULL)
    return TRUE;
  k = qs_input_const (read, 0);
  v = k != NULL ? qs_const_to_f32 (k, NULL) : NULL;
  if (v == NULL)
    return FALSE;
  for (i = 0; i < k->konst->n_elements; i++)
    if (v[i] != 0.0f)
      return FALSE;
  return TRUE;
}

gboolean
_qs_lpt_assign (LptContext   *ctx,
                const QsNode *node)
{
  const LptDq *in = _qs_lpt_input (ctx, node, 0);
  const char *variable = qs_node_get_attr (node, "variable_id");
  const QsNode *read;
  LptNode *n, *r;
  g_autofree char *text = NULL;

  if (!qs_node_is_type (node, "Assign"))
    return FALSE;
  if (in == NULL || !in->valid || in->type == QS_ELEMENT_I32)
    return FALSE;
  read = read_value_of (ctx->graph, variable);
  if (read == NULL)
    {
      _qs_lpt_fp32 (ctx, node, "AssignAndReadValueTransformation: no ReadValue reads the variable “%s”",
                    variable != NULL ? variable : "?");
      return TRUE;
    }
  if (in->shift != NULL || _qs_lpt_dq_has_zero_point (in))
    {
      _qs_lpt_fp32 (ctx, node, "AssignAndReadValueTransformation: the Dequantize has a zero point (Subtract); it "
                    "takes a Multiply only, so the state “%s” stays float", variable);
      return TRUE;
    }
  if (!zero_initial (read))
    {
      _qs_lpt_fp32 (ctx, node, "AssignAndReadValueTransformation: the initial value of ReadValue “%s” is not a "
                    "constant of zeros, so the state “%s” stays float", read->name, variable);
      return TRUE;
    }
  text = g_strdup_printf ("AssignAndReadValueTransformation: the state “%s” is stored as %s codes and ReadValue “%s” "
                          "gives them, the Dequantize after it; qscope keeps the state in floats (the same values)",
                          variable, qs_element_type_name (in->type), read->name);
  n = _qs_lpt_node (ctx, node);
  n->mode = LPT_MODE_COPY;
  n->codes_inputs = 0x1;
  n->d.precision = QS_LPT_PRECISION_CODES;
  n->d.reason = g_string_chunk_insert_const (ctx->strings, text);
  r = _qs_lpt_node (ctx, read);
  r->state_codes = n->d.reason;
  return TRUE;
}

/* After fold-back (which makes a ReadValue of a constant a constant): the
 * ReadValue of a quantized state gives codes. */
void
_qs_lpt_assign_read_values (LptContext *ctx)
{
  guint i;

  for (i = 0; i < ctx->graph->n_nodes; i++)
    {
      LptNode *n = &ctx->nodes[i];
      if (n->state_codes == NULL)
        continue;
      n->d.precision = QS_LPT_PRECISION_CODES;
      n->d.reason = n->state_codes;
    }
}
