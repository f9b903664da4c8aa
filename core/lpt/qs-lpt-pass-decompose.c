/* qs-lpt-pass-decompose.c — pass 1: activation FakeQuantize → Quantize + Dequantize
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * LPT's FakeQuantizeDecomposition: the FakeQuantize's output range is mapped
 * onto the integer interval of u8 or i8, with scale (oh - ol)/(qmax - qmin)
 * and zero point (qmin*oh - qmax*ol)/(oh - ol) per channel.  The precision
 * is the FakeQuantize's natural one unless a convolution or MatMul is fed
 * (through code-moving ops): the CPU plugin takes u8 activations there, so
 * a signed range becomes u8 with a zero point, as LPT does when the natural
 * precision is not among the consumer's.
 */
#include "config.h"

#include <math.h>

#include "qs-lpt-private.h"

gboolean
_qs_lpt_moves_codes (const QsNode *node)
{
  static const char *const types[] = {
    "MaxPool", "AvgPool", "Reshape", "Squeeze", "Unsqueeze", "Transpose", "StridedSlice", "Split",
    "VariadicSplit", "Concat", "ReLU", "Relu", "ReduceMax", "ReduceMin", "Pad", "Gather",
    "DepthToSpace", "ShuffleChannels", "BatchToSpace", "SpaceToBatch", "Slice", "Broadcast",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (types); i++)
    if (qs_node_is_type (node, types[i]))
      return TRUE;
  /* InterpolateTransformation::isPrecisionPreserved: nearest only */
  if (qs_node_is_type (node, "Interpolate"))
    return g_strcmp0 (qs_node_get_attr (node, "mode"), "nearest") == 0;
  return FALSE;
}

/* Does a compute layer that takes only u8 take this value on input 0,
 * directly or through ops that move codes?  The CPU plugin's Convolution
 * and GroupConvolution take i8 too on AMX and AVX2-VNNI-2 CPUs; its
 * ConvolutionBackpropData and MatMul take u8 and i8 on every CPU, and LPT
 * leaves GroupConvolutionBackpropData alone. */
static gboolean
feeds_compute (const QsNode *node,
               QsLptCpu      cpu,
               guint         depth)
{
  guint o, c;

  if (depth > 32)
    return FALSE;
  for (o = 0; o < node->n_outputs; o++)
    for (c = 0; c < node->outputs[o].n_consumers; c++)
      {
        const QsPort *in = node->outputs[o].consumers[c];
        if (_qs_lpt_is_compute (in->node) && in->index == 0 &&
            !qs_node_is_type (in->node, "MatMul") &&
            !qs_node_is_type (in->node, "ConvolutionBackpropData") &&
            !qs_node_is_type (in->node, "GroupConvolutionBackpropData") &&
            !(qs_lpt_cpu_conv_takes_i8 (cpu) &&
              (qs_node_is_type (in->node, "Convolution") || qs_node_is_type (in->node, "GroupConvolution"))))
          return TRUE;
        if (_qs_lpt_moves_codes (in->node) && feeds_compute (in->node, cpu, depth + 1))
          return TRUE;
      }
  return FALSE;
}

/* Does a layer that needs one scale on input 0 (Convolution, MatMul,
 * ConvolutionBackpropData: the CPU plugin's per-tensor restriction) take
 * this value, through ops that move codes? */
static gboolean
feeds_per_tensor (const QsNode *node,
                  guint         depth)
{
  guint o, c;

  if (depth > 32)
    return FALSE;
  for (o = 0; o < node->n_outputs; o++)
    for (c = 0; c < node->outputs[o].n_consumers; c++)
      {
        const QsPort *in = node->outputs[o].consumers[c];
        if ((qs_node_is_type (in->node, "Convolution") || qs_node_is_type (in->node, "MatMul") ||
             qs_node_is_type (in->node, "ConvolutionBackpropData")) && in->index == 0)
          return TRUE;
        if (_qs_lpt_moves_codes (in->node) && feeds_per_tensor (in->node, depth + 1))
          return TRUE;
      }
  return FALSE;
}

/* LPT's AlignQuantizationIntervals: the FakeQuantize ops whose outputs meet
 * in a Concat (through ops that move codes) form one group; collect it,
 * walking down to the Concats and back up to their other inputs. */
static void
collect_group (const QsNode *node,
               gboolean      down,
               GPtrArray    *fqs,
               GPtrArray    *concats,
               guint         depth)
{
  guint o, c, i;

  if (depth > 64)
    return;
  if (down)
    {
      for (o = 0; o < node->n_outputs; o++)
        for (c = 0; c < node->outputs[o].n_consumers; c++)
          {
            const QsNode *next = node->outputs[o].consumers[c]->node;
            if (qs_node_is_type (next, "Concat"))
              {
                if (g_ptr_array_find (concats, next, NULL))
                  continue;
                g_ptr_array_add (concats, (gpointer) next);
                for (i = 0; i < next->n_inputs; i++)
                  collect_group (qs_node_input_node (next, i), FALSE, fqs, concats, depth + 1);
                collect_group (next, TRUE, fqs, concats, depth + 1);
              }
            else if (_qs_lpt_moves_codes (next))
              collect_group (next, TRUE, fqs, concats, depth + 1);
          }
      return;
    }
  if (node == NULL)
    return;
  if (qs_node_is_type (node, "FakeQuantize"))
    {
      if (!g_ptr_array_find (fqs, node, NULL))
        {
          g_ptr_array_add (fqs, (gpointer) node);
          collect_group (node, TRUE, fqs, concats, depth + 1);
        }
      return;
    }
  if (qs_node_is_type (node, "Concat"))
    {
      for (i = 0; i < node->n_inputs; i++)
        collect_group (qs_node_input_node (node, i), FALSE, fqs, concats, depth + 1);
      return;
    }
  if (_qs_lpt_moves_codes (node))
    collect_group (qs_node_input_node (node, 0), FALSE, fqs, concats, depth + 1);
  else
    g_ptr_array_add (fqs, NULL);   /* an input that is not a FakeQuantize */
}

GPtrArray *
qs_lpt_aligned_group (const QsNode *fq)
{
  g_autoptr(GPtrArray) fqs = g_ptr_array_new ();
  g_autoptr(GPtrArray) concats = g_ptr_array_new ();
  GPtrArray *group = g_ptr_array_new ();
  guint i;

  g_return_val_if_fail (fq != NULL, group);
  collect_group (fq, FALSE, fqs, concats, 0);
  for (i = 0; i < fqs->len; i++)
    if (fqs->pdata[i] != NULL && !g_ptr_array_find (group, fqs->pdata[i], NULL))
      g_ptr_array_add (group, fqs->pdata[i]);
  return group;
}

gboolean
qs_lpt_moves_codes (const QsNode *node)
{
  return _qs_lpt_moves_codes (node);
}

static void
fed_layers (const QsNode *node,
            gboolean      through_concat,
            gboolean      skip_results,
            GPtrArray    *layers,
            guint         depth)
{
  guint o, c;

  for (o = 0; o < node->n_outputs; o++)
    for (c = 0; c < node->outputs[o].n_consumers; c++)
      {
        const QsNode *next = node->outputs[o].consumers[c]->node;

        if (skip_results && qs_node_is_type (next, "Result"))
          continue;
        if (depth < 64 && _qs_lpt_moves_codes (next) && (through_concat || !qs_node_is_type (next, "Concat")))
          fed_layers (next, through_concat, skip_results, layers, depth + 1);
        else if (!g_ptr_array_find (layers, next, NULL))
          g_ptr_array_add (layers, (gpointer) next);
      }
}

void
qs_lpt_fed_layers (const QsNode *node,
                   gboolean      through_concat,
                   gboolean      skip_results,
                   GPtrArray    *layers)
{
  fed_layers (node, through_concat, skip_results, layers, 0);
}

/* NetworkHelper::calculateLevels, in float as there: the FakeQuantize
 * range [ol, oh] on the grid of the combined interval [low, high] mapped
 * onto the codes pmin..pmax.  Gives the common step (the Dequantize's
 * scale), its zero point (rounded to an integer), the range's ends in codes
 * (not yet rounded) and the number of levels between the rounded ends. */
static guint
calculate_levels (int    pmin,
                  int    pmax,
                  float  low,
                  float  high,
                  float  ol,
                  float  oh,
                  float *step,
                  float *zero_point,
                  float *code_low,
                  float *code_high)
{
  float span = high - low, qmul, qsub;

  qmul = ((float) pmax - (float) pmin) / span;
  *step = span / ((float) pmax - (float) pmin);
  qsub = low - (float) pmin * *step;
  *zero_point = roundf (-qsub * qmul);
  *code_low = (ol - qsub) * qmul;
  *code_high = (oh - qsub) * qmul;
  return (guint) (fabsf (roundf (*code_high) - roundf (*code_low)) + 1.0f);
}

/* Aligns @info's FakeQuantize with its Concat group when the group feeds a
 * per-tensor consumer, as OpenVINO does it: AlignQuantizationIntervals
 * gives the group its combined interval [L, H] (the least output low, the
 * greatest output high; IntervalsAlignmentAttribute::merge_attributes) and
 * FakeQuantizeDecomposition then keeps each FakeQuantize's own input range
 * but gives it levels = round (uh) - round (ul) + 1 and the output codes
 * round (ul) … round (uh), where ul, uh are its output range on the common
 * grid s = (H - L) / (pmax - pmin); the Dequantize after it is
 * (q - round (-L / s + pmin)) · s for every input of the Concat.  Its codes
 * therefore come from its own range cut into levels - 1 steps, close to
 * but not exactly the common step, with the ends rounded to codes: up to
 * about two common steps from the fake-quant value written on that grid.
 * A group whose FakeQuantize ops differ in levels, or whose smallest range
 * gets 2 levels or fewer (minLevels), is not decomposed at all.
 * Returns TRUE when aligned; FALSE with @why NULL when there is no group,
 * with @why set when the group stops alignment, and with @fp32 set when
 * the FakeQuantize stays a float FakeQuantize for that. */
static gboolean
align (LptContext     *ctx,
       const QsNode   *node,
       const QsFqInfo *info,
       const char    **why,
       gboolean       *fp32)
{
  LptNode *n = _qs_lpt_node (ctx, node);
  g_autoptr(GPtrArray) fqs = g_ptr_array_new ();
  g_autoptr(GPtrArray) concats = g_ptr_array_new ();
  float lo = G_MAXFLOAT, hi = -G_MAXFLOAT, min_lo = 0, min_hi = 0, min_size = G_MAXFLOAT;
  float step, zp, ul, uh;
  guint i, levels = 0, own_levels;
  int pmin, pmax;
  gboolean per_tensor = FALSE;

  *why = NULL;
  *fp32 = FALSE;
  collect_group (node, TRUE, fqs, concats, 0);
  if (concats->len == 0)
    return FALSE;
  for (i = 0; i < concats->len && !per_tensor; i++)
    per_tensor = feeds_per_tensor (concats->pdata[i], 0);
  if (!per_tensor)
    return FALSE;
  for (i = 0; i < fqs->len; i++)
    {
      const QsNode *fq = fqs->pdata[i];
      g_autoptr(QsFqInfo) other = fq != NULL ? qs_fq_analyze (fq, NULL) : NULL;
      if (other == NULL)
        {
          *why = "a Concat input in its group is not a FakeQuantize, so no common interval exists";
          return FALSE;
        }
      if (other->n_channels != 1 || !other->same_ranges || !other->levels_supported || other->on_weights ||
          !(other->oh[0] > other->ol[0]))
        {
          *why = "a FakeQuantize in its Concat group is per-channel, has input and output ranges that differ, "
                 "or unsupported levels";
          return FALSE;
        }
      if (levels != 0 && other->levels != levels)
        {
          *why = "FakeQuantizeDecomposition: the FakeQuantize ops of its Concat group differ in levels, which "
                 "IntervalsAlignment does not support (minLevels 0), so LPT leaves them FakeQuantize";
          *fp32 = TRUE;
          return FALSE;
        }
      levels = other->levels;
      lo = MIN (lo, other->ol[0]);
      hi = MAX (hi, other->oh[0]);
      if (other->oh[0] - other->ol[0] < min_size)
        {
          min_size = other->oh[0] - other->ol[0];
          min_lo = other->ol[0];
          min_hi = other->oh[0];
        }
    }
  qs_fq_target_interval (levels, QS_ELEMENT_U8, &pmin, &pmax);
  if (calculate_levels (pmin, pmax, lo, hi, min_lo, min_hi, &step, &zp, &ul, &uh) <= 2)
    {
      *why = "FakeQuantizeDecomposition: the smallest range in its Concat group gets 2 levels or fewer on the "
             "group's common interval (IntervalsAlignment minLevels), so LPT leaves the group FakeQuantize";
      *fp32 = TRUE;
      return FALSE;
    }
  own_levels = calculate_levels (pmin, pmax, lo, hi, info->ol[0], info->oh[0], &step, &zp, &ul, &uh);
  if (own_levels <= 2)
    {
      *why = "FakeQuantizeDecomposition: its range gets 2 levels or fewer on its Concat group's common interval";
      *fp32 = TRUE;
      return FALSE;
    }
  n->aligned = TRUE;
  n->d.aligned = TRUE;
  n->aligned_levels = own_levels;
  n->aligned_il = info->il[0];
  n->aligned_ih = info->ih[0];
  n->qtype = QS_ELEMENT_U8;
  n->qmin = (int) roundf (ul);
  n->qmax = (int) roundf (uh);
  n->d.grid.mark = QS_LPT_GRID_ALIGNED;
  n->d.grid.cause = concats->pdata[0];
  n->d.grid.low = lo;
  n->d.grid.high = hi;
  n->d.grid.step = step;
  n->d.grid.own_step = ((double) info->oh[0] - info->ol[0]) / (info->levels - 1);
  n->d.grid.levels = own_levels;
  n->d.grid.code_low = n->qmin;
  {
    LptDq *dq = _qs_lpt_tensor (ctx, &node->outputs[0]);
    _qs_lpt_dq_init (dq, QS_ELEMENT_U8, info->data_rank, -1, 1);
    dq->qmin = pmin;
    dq->qmax = pmax;
    dq->scale[0] = step;
    dq->zp[0] = zp;
  }
  return TRUE;
}

gboolean
_qs_lpt_pass_decompose (LptContext    *ctx,
                        const QsNode  *node,
                        GError       **error)
{
  LptNode *n;
  g_autoptr(GError) local = NULL;
  QsFqInfo *info;
  QsElementType type;
  gboolean zp;
  LptDq *dq;
  guint c;

  if (!qs_node_is_type (node, "FakeQuantize"))
    return TRUE;
  n = _qs_lpt_node (ctx, node);
  info = qs_fq_analyze (node, &local);
  if (info == NULL)
    {
      _qs_lpt_fp32 (ctx, node, "%s", local->message);
      return TRUE;
    }
  n->fq = info;
  if (info->on_weights)
    {
      /* read by the compute pass together with the weights */
      n->d.precision = QS_LPT_PRECISION_FP32;
      n->d.reason = "FakeQuantize on weights stays float unless its layer runs in int8";
      return TRUE;
    }
  if (info->levels == 2)
    {
      _qs_lpt_fp32 (ctx, node, "levels=2 is not decomposed (binarization)");
      return TRUE;
    }
  if (!info->levels_supported)
    {
      _qs_lpt_fp32 (ctx, node, "levels=%u has no 8-bit form (LPT decomposes 256, 255, 16 and 15)", info->levels);
      return TRUE;
    }
  for (c = 0; c < info->n_channels; c++)
    if (!(info->ih[c] > info->il[c]) || !(info->oh[c] > info->ol[c]))
      {
        _qs_lpt_fp32 (ctx, node, "an empty or inverted range on channel %u", c);
        return TRUE;
      }

  {
    const char *why = NULL;
    gboolean fp32 = FALSE;
    if (align (ctx, node, info, &why, &fp32))
      {
        n->mode = LPT_MODE_QUANTIZE;
        n->d.precision = QS_LPT_PRECISION_CODES;
        n->d.reason = "aligned with the other inputs of its Concat: codes on their common interval";
        return TRUE;
      }
    if (fp32)
      {
        _qs_lpt_fp32 (ctx, node, "%s", why);
        return TRUE;
      }
    /* otherwise the Concat says why it stays float */
  }

  type = info->precision;
  zp = info->has_zero_point;
  if (type == QS_ELEMENT_I8 && feeds_compute (node, ctx->cpu, 0))
    {
      type = QS_ELEMENT_U8;
      zp = TRUE;
    }
  (void) zp;
  qs_fq_target_interval (info->levels, type, &n->qmin, &n->qmax);
  n->qtype = type;

  dq = _qs_lpt_tensor (ctx, &node->outputs[0]);
  _qs_lpt_dq_init (dq, type, info->data_rank, info->axis, info->n_channels);
  dq->qmin = n->qmin;
  dq->qmax = n->qmax;
  for (c = 0; c < info->n_channels; c++)
    {
      double z = qs_fq_info_target_zero_point (info, c, n->qmin, n->qmax);
      dq->scale[c] = ((double) info->oh[c] - info->ol[c]) / (n->qmax - n->qmin);
      dq->zp[c] = z;
      /* LPT's checkZeroPoint */
      if (z < n->qmin - 0.5 || z > n->qmax + 0.5)
        {
          _qs_lpt_dq_clear (dq);
          _qs_lpt_fp32 (ctx, node, "zero point %.3g lies outside the %s range", z, qs_element_type_name (type));
          return TRUE;
        }
    }
  dq->fq_per_channel = !_qs_lpt_dq_per_tensor (dq);
  n->mode = LPT_MODE_QUANTIZE;
  n->d.precision = QS_LPT_PRECISION_CODES;
  n->d.reason = NULL;
  return TRUE;
}

/* The first aligned FakeQuantize @node's values come from, walking up
 * through every layer but FakeQuantize ones and constants; NULL if none. */
static const QsNode *
aligned_source (LptContext   *ctx,
                const QsNode *node,
                GHashTable   *seen,
                guint         depth)
{
  guint i;

  if (node == NULL || depth > 256 || !g_hash_table_add (seen, (gpointer) node) ||
      qs_node_is_constant_path (node))
    return NULL;
  if (qs_node_is_type (node, "FakeQuantize"))
    return _qs_lpt_node (ctx, node)->aligned ? node : NULL;
  for (i = 0; i < node->n_inputs; i++)
    {
      const QsNode *found = aligned_source (ctx, qs_node_input_node (node, i), seen, depth + 1);
      if (found != NULL)
        return found;
    }
  return NULL;
}

void
_qs_lpt_mark_grids (LptContext *ctx)
{
  guint i;

  for (i = 0; i < ctx->graph->n_nodes; i++)
    {
      const QsNode *node = ctx->graph->nodes[i], *up, *src;
      LptNode *n = &ctx->nodes[i];
      g_autoptr(GHashTable) seen = NULL;
      guint depth;

      if (!qs_node_is_type (node, "FakeQuantize") ||
          (n->mode != LPT_MODE_QUANTIZE && n->mode != LPT_MODE_REQUANTIZE))
        continue;
      seen = g_hash_table_new (NULL, NULL);
      src = aligned_source (ctx, qs_node_input_node (node, 0), seen, 0);
      n->d.grid.from_aligned = src;
      if (n->aligned)
        continue;
      if (n->fq != NULL)
        n->d.grid.own_step = ((double) n->fq->oh[0] - n->fq->ol[0]) / (n->fq->levels - 1);
      /* a Requantize of codes an AvgPool rounded (through ops that move codes) */
      for (up = qs_node_input_node (node, 0), depth = 0; n->mode == LPT_MODE_REQUANTIZE && up != NULL && depth < 64;
           up = qs_node_input_node (up, 0), depth++)
        {
          if (qs_node_is_type (up, "AvgPool") && _qs_lpt_node (ctx, up)->mode == LPT_MODE_CODES)
            {
              n->d.grid.mark = QS_LPT_GRID_AFTER_AVGPOOL;
              n->d.grid.cause = up;
              break;
            }
          if (!_qs_lpt_moves_codes (up))
            break;
        }
      if (n->d.grid.mark != QS_LPT_GRID_OWN)
        continue;
      if (src != NULL)
        {
          n->d.grid.mark = QS_LPT_GRID_FROM_ALIGNED;
          n->d.grid.cause = src;
        }
    }
}
