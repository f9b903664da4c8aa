/* qs-op-attention.c — ScaledDotProductAttention-13
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * softmax(Q·Kᵀ·scale + bias)·V for each matrix of the broadcast batch, as
 * the spec's pseudo-code composes it from MatMul, Softmax and Select.  The
 * bias is the causal triangle (numpy.triu(-inf, k=1) over [L, S]: query i
 * sees keys 0..i, aligned top-left, also when L != S), else the mask: a
 * boolean mask puts -inf where it is false, a float mask is added.  The
 * mask broadcasts numpy-style against [batch..., L, S].
 *
 * Scores are summed in double and the softmax subtracts the row maximum.
 * A row whose scores are all -inf has no maximum to subtract: the spec's
 * Softmax gives exp(-inf - -inf) = NaN there, and so does this kernel (as
 * PyTorch does), rather than inventing a uniform or zero row.
 */
#include "config.h"

#include <string.h>

#include "qs-op-private.h"

#define SDPA_MAX_OPS 5   /* query, key, value, mask, output */

/* Right-aligns @t's batch dimensions (all but the last two) to @rank. */
static void
batch_dims (const QsTensor *t,
            int             rank,
            gint64         *dims)
{
  int tb = MAX (t->rank - 2, 0);
  int d;

  for (d = 0; d < rank; d++)
    {
      int src = d - (rank - tb);

      dims[d] = src >= 0 ? t->dims[src] : 1;
    }
}

static gboolean
op_sdpa (QsOpCtx *ctx,
         GError **error)
{
  QsTensor *q, *k, *v, *mask = NULL;
  QsTensor *ops[SDPA_MAX_OPS];
  gint64 bd[SDPA_MAX_OPS][QS_TENSOR_MAX_RANK];
  gint64 out_bd[QS_TENSOR_MAX_RANK], out_dims[QS_TENSOR_MAX_RANK];
  gsize bstride[SDPA_MAX_OPS][QS_TENSOR_MAX_RANK];
  gsize mat[SDPA_MAX_OPS];
  gint64 L, S, E, Ev, Lm = 1, Sm = 1;
  int brank = 0, d, n_ops;
  gboolean causal = FALSE;
  double scale;
  gsize n_batch, b;
  g_autoptr(QsTensor) out = NULL;
  QS_AUTO_SCRATCH double *row = NULL;

  if (!_qs_op_need_inputs (ctx, 3, error))
    return FALSE;
  q = ctx->in[0];
  k = ctx->in[1];
  v = ctx->in[2];
  if (ctx->n_in > 5 && ctx->in[5] != NULL)
    return _qs_op_fail (error, "the sink input (input 5) is not supported");
  if (q->type != QS_ELEMENT_F32 || k->type != QS_ELEMENT_F32 || v->type != QS_ELEMENT_F32)
    return _qs_op_fail (error, "needs float query, key and value (has %s, %s and %s)",
                        qs_element_type_name (q->type), qs_element_type_name (k->type),
                        qs_element_type_name (v->type));
  if (q->rank < 3 || k->rank < 3 || v->rank < 3)
    return _qs_op_fail (error, "query, key and value need rank >= 3 (have %d, %d and %d)",
                        q->rank, k->rank, v->rank);
  if (!qs_node_get_bool (ctx->node, "causal", FALSE, &causal, error))
    return FALSE;

  L = q->dims[q->rank - 2];
  E = q->dims[q->rank - 1];
  S = k->dims[k->rank - 2];
  Ev = v->dims[v->rank - 1];
  if (k->dims[k->rank - 1] != E)
    return _qs_op_fail (error, "query and key embeddings differ (%" G_GINT64_FORMAT " and %" G_GINT64_FORMAT ")",
                        E, k->dims[k->rank - 1]);
  if (v->dims[v->rank - 2] != S)
    return _qs_op_fail (error, "key and value sequence lengths differ (%" G_GINT64_FORMAT " and %" G_GINT64_FORMAT ")",
                        S, v->dims[v->rank - 2]);

  if (!causal && ctx->n_in > 3 && ctx->in[3] != NULL)
    {
      mask = ctx->in[3];
      if (mask->type != QS_ELEMENT_F32 && mask->type != QS_ELEMENT_BOOLEAN)
        return _qs_op_fail (error, "the attention mask must be float or boolean (is %s)",
                            qs_element_type_name (mask->type));
      Lm = mask->rank >= 2 ? mask->dims[mask->rank - 2] : 1;
      Sm = mask->rank >= 1 ? mask->dims[mask->rank - 1] : 1;
      if ((Lm != 1 && Lm != L) || (Sm != 1 && Sm != S))
        return _qs_op_fail (error, "the attention mask's last two dimensions (%" G_GINT64_FORMAT ", %"
                            G_GINT64_FORMAT ") do not broadcast to [L, S] = [%" G_GINT64_FORMAT ", %"
                            G_GINT64_FORMAT "]", Lm, Sm, L, S);
    }

  scale = E > 0 ? 1.0 / sqrt ((double) E) : 1.0;
  if (ctx->n_in > 4 && ctx->in[4] != NULL)
    {
      if (ctx->in[4]->n_elements != 1)
        return _qs_op_fail (error, "scale must be a scalar (has %" G_GSIZE_FORMAT " elements)",
                            ctx->in[4]->n_elements);
      scale = qs_tensor_get_f64 (ctx->in[4], 0);
    }

  /* broadcast the batch dimensions of query, key, value (and mask) */
  ops[0] = q;
  ops[1] = k;
  ops[2] = v;
  n_ops = 3;
  if (mask != NULL)
    ops[n_ops++] = mask;
  for (d = 0; d < n_ops; d++)
    brank = MAX (brank, MAX (ops[d]->rank - 2, 0));
  if (brank + 2 > QS_TENSOR_MAX_RANK)
    return _qs_op_fail (error, "too many batch dimensions");
  for (d = 0; d < brank; d++)
    out_bd[d] = 1;
  for (b = 0; b < (gsize) n_ops; b++)
    {
      batch_dims (ops[b], brank, bd[b]);
      for (d = 0; d < brank; d++)
        {
          if (bd[b][d] == out_bd[d] || bd[b][d] == 1)
            continue;
          if (out_bd[d] != 1)
            return _qs_op_fail (error, "batch dimension %d does not broadcast (%" G_GINT64_FORMAT " and %"
                                G_GINT64_FORMAT ")", d, out_bd[d], bd[b][d]);
          out_bd[d] = bd[b][d];
        }
    }

  memcpy (out_dims, out_bd, sizeof (gint64) * brank);
  out_dims[brank] = L;
  out_dims[brank + 1] = Ev;
  out = qs_tensor_new_f32 (brank + 2, out_dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  ops[n_ops] = out;

  /* elements per matrix, and each operand's stride over every batch dim
   * (0 where it broadcasts) */
  mat[0] = (gsize) (L * E);
  mat[1] = (gsize) (S * E);
  mat[2] = (gsize) (S * Ev);
  if (mask != NULL)
    mat[3] = (gsize) (Lm * Sm);
  mat[n_ops] = (gsize) (L * Ev);
  for (b = 0; b <= (gsize) n_ops; b++)
    {
      gsize stride = mat[b];

      if (b == (gsize) n_ops)
        memcpy (bd[b], out_bd, sizeof (gint64) * brank);
      for (d = brank - 1; d >= 0; d--)
        {
          bstride[b][d] = bd[b][d] == 1 ? 0 : stride;
          stride *= (gsize) bd[b][d];
        }
    }

  /* nothing to attend to (S = 0) sums to zero, as MatMul over an empty axis */
  if (S == 0 || out->n_elements == 0)
    {
      ctx->out[0] = g_steal_pointer (&out);
      return TRUE;
    }

  row = qs_budget_alloc_scratch ((gsize) S, sizeof (double));
  if (row == NULL)
    return _qs_op_fail_alloc (error, "a scratch row");

  n_batch = _qs_dims_product (out_bd, 0, brank);
  for (b = 0; b < n_batch; b++)
    {
      gsize off[SDPA_MAX_OPS] = { 0 };
      gsize rest = b;
      const float *qm, *km, *vm;
      float *om;
      gint64 i, j, e;
      int o;

      for (d = brank - 1; d >= 0; d--)
        {
          gsize idx = rest % (gsize) out_bd[d];

          rest /= (gsize) out_bd[d];
          for (o = 0; o <= n_ops; o++)
            off[o] += idx * bstride[o][d];
        }
      qm = qs_tensor_f32 (q) + off[0];
      km = qs_tensor_f32 (k) + off[1];
      vm = qs_tensor_f32 (v) + off[2];
      om = qs_tensor_f32 (out) + off[n_ops];

      for (i = 0; i < L; i++)
        {
          double max = -INFINITY, sum = 0.0;

          for (j = 0; j < S; j++)
            {
              double s = 0.0;

              for (e = 0; e < E; e++)
                s += (double) qm[i * E + e] * (double) km[j * E + e];
              s *= scale;
              if (causal)
                {
                  if (j > i)
                    s = -INFINITY;
                }
              else if (mask != NULL)
                {
                  gsize m = off[3] + (gsize) ((Lm == 1 ? 0 : i) * Sm + (Sm == 1 ? 0 : j));

                  if (mask->type == QS_ELEMENT_BOOLEAN)
                    {
                      if (((const guint8 *) mask->data)[m] == 0)
                        s = -INFINITY;
                    }
                  else
                    s += qs_tensor_f32 (mask)[m];
                }
              row[j] = s;
              if (isnan (s) || s > max)
                max = s;   /* a NaN sticks: s > NaN is false */
            }

          if (max == -INFINITY)
            {
              /* nothing may be attended to: Softmax's NaN, not a guess */
              for (e = 0; e < Ev; e++)
                om[i * Ev + e] = NAN;
              continue;
            }
          for (j = 0; j < S; j++)
            {
              row[j] = exp (row[j] - max);
              sum += row[j];
            }
          for (e = 0; e < Ev; e++)
            {
              double acc = 0.0;

              for (j = 0; j < S; j++)
                acc += row[j] * (double) vm[j * Ev + e];
              om[i * Ev + e] = (float) (acc / sum);
            }
        }
    }

  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

const QsOpEntry _qs_op_attention_table[] = {
  { "ScaledDotProductAttention", 13, G_MAXINT, op_sdpa },
  { NULL, 0, 0, NULL },
};
