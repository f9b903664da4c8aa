/* qs-op-einsum.c — Einsum-7
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * One general evaluation rather than a chain of Transpose/ReduceSum/MatMul:
 * every label of the equation gets a size and, in each input, a stride (the
 * sum of the strides of its axes, so that a label repeated in one subscript
 * walks the diagonal); the output is then a walk over the output labels
 * with an inner walk over the summed labels, multiplying the inputs.  The
 * ellipsis stands for a run of unnamed labels, numpy-broadcast between the
 * inputs (a dimension of 1 gets stride 0).  Float inputs accumulate in
 * f32, integer inputs in int64.
 */
#include "config.h"

#include <string.h>

#include "qs-op-private.h"

#define N_LETTERS 52                       /* A-Z a-z */
#define N_LABELS (N_LETTERS + QS_TENSOR_MAX_RANK)
#define ELLIPSIS (-1)

static char
label_char (int l)
{
  return (char) (l < 26 ? 'A' + l : 'a' + l - 26);
}

static int
label_of (char c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return 26 + (c - 'a');
  return -2;
}

/* Parses one subscript into labels (ELLIPSIS for "..."); fails naming the
 * character that is not a label. */
static gboolean
parse_subscript (const char *s,
                 gsize       len,
                 int        *labels,
                 int        *n,
                 GError    **error)
{
  gsize i = 0;
  gboolean ell = FALSE;

  *n = 0;
  while (i < len)
    {
      if (len - i >= 3 && strncmp (s + i, "...", 3) == 0)
        {
          if (ell)
            return _qs_op_fail (error, "equation: a subscript has two ellipses");
          ell = TRUE;
          labels[(*n)++] = ELLIPSIS;
          i += 3;
        }
      else if (label_of (s[i]) >= 0)
        labels[(*n)++] = label_of (s[i++]);
      else
        return _qs_op_fail (error, "equation: “%c” is not a label (A-Z, a-z or ...)", s[i]);
      if (*n > QS_TENSOR_MAX_RANK)
        return _qs_op_fail (error, "equation: a subscript has more than %d labels", QS_TENSOR_MAX_RANK);
    }
  return TRUE;
}

static gboolean
op_einsum (QsOpCtx *ctx,
           GError **error)
{
  const char *eq_attr = qs_node_get_attr (ctx->node, "equation");
  g_autofree char *eq = NULL;
  g_auto(GStrv) terms = NULL;
  const char *arrow;
  int in_labels[16][QS_TENSOR_MAX_RANK], n_in_labels[16], out_labels[N_LABELS], n_out = 0;
  gint64 size[N_LABELS], ell_dims[QS_TENSOR_MAX_RANK], strides[16][N_LABELS], dims[QS_TENSOR_MAX_RANK];
  int count[N_LABELS], sum_labels[N_LABELS], n_sum = 0, ell_rank = 0, l, k, d;
  gboolean used[N_LABELS], in_out[N_LABELS], any_ell = FALSE, is_float;
  guint i, n_terms;
  gsize j, src, w;
  g_autoptr(QsTensor) out = NULL;
  gint64 oidx[N_LABELS], sidx[N_LABELS];

  if (eq_attr == NULL)
    return _qs_op_fail (error, "equation is missing");
  if (ctx->n_in < 1 || ctx->n_in > 16)
    return _qs_op_fail (error, "takes 1 to 16 inputs (it has %u)", ctx->n_in);
  for (i = 0; i < ctx->n_in; i++)
    if (ctx->in[i] == NULL)
      return _qs_op_fail (error, "input %u is missing", i);
  is_float = ctx->in[0]->type == QS_ELEMENT_F32;
  for (i = 1; i < ctx->n_in; i++)
    if (ctx->in[i]->type != ctx->in[0]->type)
      return _qs_op_fail (error, "input %u has type %s, input 0 %s", i, qs_element_type_name (ctx->in[i]->type),
                          qs_element_type_name (ctx->in[0]->type));

  /* the equation without blanks, split at -> and at the commas */
  eq = g_strdup (eq_attr);
  for (j = 0, w = 0; eq[j] != '\0'; j++)
    if (eq[j] != ' ')
      eq[w++] = eq[j];
  eq[w] = '\0';
  arrow = strstr (eq, "->");
  terms = g_strsplit (eq, ",", -1);
  n_terms = g_strv_length (terms);
  if (arrow != NULL)
    {
      /* the last term holds "lhs->out" */
      char *a = strstr (terms[n_terms - 1], "->");

      if (a == NULL || strstr (a + 2, "->") != NULL)
        return _qs_op_fail (error, "equation “%s” is malformed", eq_attr);
      *a = '\0';
    }
  if (n_terms != ctx->n_in)
    return _qs_op_fail (error, "equation “%s” has %u input subscripts for %u inputs", eq_attr, n_terms, ctx->n_in);

  memset (used, 0, sizeof used);
  memset (count, 0, sizeof count);
  for (l = 0; l < N_LABELS; l++)
    size[l] = -1;
  /* each subscript against its input; the widest ellipsis */
  for (i = 0; i < n_terms; i++)
    {
      const QsTensor *x = ctx->in[i];
      int e;

      if (!parse_subscript (terms[i], strlen (terms[i]), in_labels[i], &n_in_labels[i], error))
        return FALSE;
      e = x->rank - n_in_labels[i];
      for (k = 0; k < n_in_labels[i] && in_labels[i][k] != ELLIPSIS; k++)
        ;
      if (k == n_in_labels[i] ? e != 0 : e + 1 < 0)
        return _qs_op_fail (error, "equation: subscript “%s” does not fit input %u of rank %d", terms[i], i, x->rank);
      if (k < n_in_labels[i])
        {
          any_ell = TRUE;
          ell_rank = MAX (ell_rank, e + 1);
        }
    }
  /* the broadcast of the ellipses, right-aligned in QS_TENSOR_MAX_RANK slots */
  for (d = 0; d < QS_TENSOR_MAX_RANK; d++)
    ell_dims[d] = 1;
  for (i = 0; i < n_terms; i++)
    {
      const QsTensor *x = ctx->in[i];
      int er = x->rank - n_in_labels[i] + 1, m;

      for (k = 0; k < n_in_labels[i] && in_labels[i][k] != ELLIPSIS; k++)
        ;
      if (k == n_in_labels[i])
        continue;
      for (m = 0; m < er; m++)
        {
          gint64 dim = x->dims[k + m];
          int pos = QS_TENSOR_MAX_RANK - er + m;

          if (ell_dims[pos] == 1)
            ell_dims[pos] = dim;
          else if (dim != 1 && dim != ell_dims[pos])
            return _qs_op_fail (error, "equation: the ellipsis dimensions of input %u do not broadcast", i);
        }
    }
  for (l = 0; l < ell_rank; l++)
    size[N_LETTERS + l] = ell_dims[QS_TENSOR_MAX_RANK - ell_rank + l];

  /* sizes and strides of every label in every input */
  for (i = 0; i < n_terms; i++)
    {
      const QsTensor *x = ctx->in[i];
      gint64 stride = 1, axis_stride[QS_TENSOR_MAX_RANK];
      int axis = x->rank - 1;

      for (d = x->rank - 1; d >= 0; d--)
        {
          axis_stride[d] = stride;
          stride *= x->dims[d];
        }
      memset (strides[i], 0, sizeof strides[i]);
      for (k = n_in_labels[i] - 1; k >= 0; k--)
        {
          if (in_labels[i][k] == ELLIPSIS)
            {
              int er = x->rank - n_in_labels[i] + 1, m;

              for (m = er - 1; m >= 0; m--, axis--)
                {
                  int lab = N_LETTERS + ell_rank - er + m;

                  used[lab] = TRUE;
                  count[lab]++;
                  if (x->dims[axis] != 1)
                    strides[i][lab] += axis_stride[axis];
                }
              continue;
            }
          l = in_labels[i][k];
          if (size[l] < 0)
            size[l] = x->dims[axis];
          else if (size[l] != x->dims[axis])
            return _qs_op_fail (error, "equation: label “%c” has dimension %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT,
                                label_char (l), size[l], x->dims[axis]);
          used[l] = TRUE;
          count[l]++;
          strides[i][l] += axis_stride[axis];
          axis--;
        }
    }

  /* the output's labels: explicit, or the ellipsis then the labels seen once in order */
  memset (in_out, 0, sizeof in_out);
  if (arrow != NULL)
    {
      int lab[QS_TENSOR_MAX_RANK], n_lab;

      if (!parse_subscript (arrow + 2, strlen (arrow + 2), lab, &n_lab, error))
        return FALSE;
      for (k = 0; k < n_lab; k++)
        {
          if (lab[k] == ELLIPSIS)
            {
              for (l = 0; l < ell_rank; l++)
                out_labels[n_out++] = N_LETTERS + l;
              continue;
            }
          if (!used[lab[k]])
            return _qs_op_fail (error, "equation: output label “%c” is in no input", label_char (lab[k]));
          if (in_out[lab[k]])
            return _qs_op_fail (error, "equation: output label “%c” is repeated", label_char (lab[k]));
          out_labels[n_out++] = lab[k];
          in_out[lab[k]] = TRUE;
        }
    }
  else
    {
      if (any_ell)
        for (l = 0; l < ell_rank; l++)
          out_labels[n_out++] = N_LETTERS + l;
      for (l = 0; l < N_LETTERS; l++)
        if (count[l] == 1)
          out_labels[n_out++] = l;
    }
  for (k = 0; k < n_out; k++)
    in_out[out_labels[k]] = TRUE;
  for (l = 0; l < N_LABELS; l++)
    if (used[l] && !in_out[l])
      sum_labels[n_sum++] = l;
  if (n_out > QS_TENSOR_MAX_RANK)
    return _qs_op_fail (error, "the output's rank is too large");

  for (k = 0; k < n_out; k++)
    dims[k] = size[out_labels[k]];
  out = qs_tensor_new (is_float ? QS_ELEMENT_F32 : ctx->in[0]->type, n_out, dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");

  memset (oidx, 0, sizeof oidx);
  for (j = 0; j < out->n_elements; j++)
    {
      float accf = 0;
      gint64 acci = 0;
      gboolean more = TRUE;

      for (k = 0; k < n_sum; k++)
        sidx[k] = 0;
      for (k = 0; k < n_sum; k++)
        if (size[sum_labels[k]] == 0)
          more = FALSE;
      while (more)
        {
          float pf = 1;
          gint64 pi = 1;

          for (i = 0; i < ctx->n_in; i++)
            {
              src = 0;
              for (k = 0; k < n_out; k++)
                src += (gsize) (oidx[k] * strides[i][out_labels[k]]);
              for (k = 0; k < n_sum; k++)
                src += (gsize) (sidx[k] * strides[i][sum_labels[k]]);
              if (is_float)
                pf *= ((const float *) ctx->in[i]->data)[src];
              else
                pi = (gint64) ((guint64) pi * (guint64) qs_tensor_get_i64 (ctx->in[i], src));
            }
          accf += pf;
          acci = (gint64) ((guint64) acci + (guint64) pi);
          for (k = n_sum - 1; k >= 0; k--)
            {
              if (++sidx[k] < size[sum_labels[k]])
                break;
              sidx[k] = 0;
            }
          if (k < 0)
            more = FALSE;
        }
      if (is_float)
        ((float *) out->data)[j] = accf;
      else
        {
          switch (out->type)
            {
            case QS_ELEMENT_I32: ((gint32 *) out->data)[j] = (gint32) acci; break;
            case QS_ELEMENT_I64: ((gint64 *) out->data)[j] = acci; break;
            case QS_ELEMENT_I8: ((gint8 *) out->data)[j] = (gint8) acci; break;
            default: ((guint8 *) out->data)[j] = (guint8) acci; break;
            }
        }
      for (k = n_out - 1; k >= 0; k--)
        {
          if (++oidx[k] < dims[k])
            break;
          oidx[k] = 0;
        }
    }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

const QsOpEntry _qs_op_einsum_table[] = {
  { "Einsum", 7, G_MAXINT, op_einsum },
  { NULL, 0, 0, NULL }
};
