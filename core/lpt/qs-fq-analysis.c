/* qs-fq-analysis.c
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The four range constants may have different shapes; all are broadcast
 * against the data's rank (numpy, right-aligned; with auto_broadcast="pdpd"
 * from its axis on) and the one axis along
 * which any of them varies is the channel axis.  Signedness follows LPT's
 * getPrecisionDetails with its thresholds (1e-6 for "zero", 0.2 % for the
 * symmetric ratio).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qs-fq-analysis.h"
#include "qs-weights.h"

G_DEFINE_QUARK (qs-fq-error-quark, qs_fq_error)

void
qs_fq_info_free (QsFqInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->il);
  g_free (info->ih);
  g_free (info->ol);
  g_free (info->oh);
  g_free (info->scale);
  g_free (info->zero_point);
  g_free (info->in_scale);
  g_free (info);
}

gboolean
qs_fq_target_interval (guint          levels,
                       QsElementType  precision,
                       int           *qmin,
                       int           *qmax)
{
  if (levels != 256 && levels != 255 && levels != 16 && levels != 15)
    return FALSE;
  if (precision == QS_ELEMENT_I8)
    {
      /* full ranges are asymmetric by one code, narrow ones symmetric */
      *qmax = levels >= 255 ? 127 : 7;
      *qmin = (levels == 256 || levels == 16) ? -*qmax - 1 : -*qmax;
    }
  else
    {
      *qmin = 0;
      *qmax = (int) levels - 1;
    }
  return TRUE;
}

float
qs_fq_info_target_zero_point (const QsFqInfo *info,
                              guint           c,
                              int             qmin,
                              int             qmax)
{
  float ol = info->ol[c], oh = info->oh[c];
  float z;

  if (oh == ol)
    return 0.0f;
  z = ((float) qmin * oh - (float) qmax * ol) / (oh - ol);
  return z == 0.0f ? 0.0f : z;   /* no -0 */
}

const char *
qs_fq_info_precision_name (const QsFqInfo *info)
{
  return info->precision == QS_ELEMENT_I8 ? "i8" : "u8";
}

static gboolean
is_constant_path (const QsNode *node,
                  guint         depth)
{
  guint i;

  if (node == NULL || depth > 16)
    return FALSE;
  if (qs_node_is_type (node, "Const"))
    return TRUE;
  if (qs_node_is_type (node, "Parameter") || node->n_inputs == 0)
    return FALSE;
  for (i = 0; i < node->n_inputs; i++)
    if (!is_constant_path (qs_node_input_node (node, i), depth + 1))
      return FALSE;
  return TRUE;
}

/* LPT's getPrecisionDetails over the channels. */
static void
choose_precision (QsFqInfo *info)
{
  guint c, n_signed = 0, n_unsigned = 0;
  gboolean zp = FALSE, any_negative = FALSE;
  guint L = info->levels;
  gboolean full = (L == 16 || L == 256 || L == 65536);

  for (c = 0; c < info->n_channels; c++)
    {
      float ol = info->ol[c], oh = info->oh[c];
      if (ol < 0)
        any_negative = TRUE;
      if (fabsf (ol) < 1e-6f && fabsf (oh) < 1e-6f)
        continue;
      if (signbit (ol) != signbit (oh) && fabsf (ol) >= 1e-6f)
        {
          double expected = full ? -(double) L / (double) (L - 2) : -1.0;
          double actual = oh != 0.0f ? (double) ol / (double) oh : 0.0;
          n_signed++;
          if (oh == 0.0f || fabs ((actual - expected) / MIN (actual, expected)) > 0.002)
            zp = TRUE;
        }
      else
        {
          n_unsigned++;
          if (fabsf (ol) >= 1e-6f)
            zp = TRUE;
        }
    }
  if (n_signed == 0 && n_unsigned == 0)
    {
      info->precision = any_negative ? QS_ELEMENT_I8 : QS_ELEMENT_U8;
      info->has_zero_point = FALSE;
    }
  else if (!zp && n_unsigned == 0)
    info->precision = QS_ELEMENT_I8;
  else if (!zp && n_signed == 0)
    info->precision = QS_ELEMENT_U8;
  else
    {
      /* "undefined": the first precision a consumer allows, with a zero point */
      info->precision = QS_ELEMENT_U8;
      info->has_zero_point = TRUE;
    }
}

QsFqInfo *
qs_fq_analyze (const QsNode  *fq,
               GError       **error)
{
  g_autoptr(QsFqInfo) info = NULL;
  const QsNode *k[4];
  /* g_autofree on an array would free only its first element */
  g_autofree float *v_il = NULL, *v_ih = NULL, *v_ol = NULL, *v_oh = NULL;
  float **v[4] = { &v_il, &v_ih, &v_ol, &v_oh };
  int r, j, d, shift[4];
  gint64 levels = 0;
  guint c;

  if (!qs_node_is_type (fq, "FakeQuantize") || fq->n_inputs != 5)
    {
      g_set_error (error, QS_FQ_ERROR, QS_FQ_ERROR_NOT_FQ, "layer %" G_GUINT64_FORMAT " “%s” is a %s, not a FakeQuantize",
                   fq->id, fq->name, fq->type);
      return NULL;
    }
  info = g_new0 (QsFqInfo, 1);
  info->node = fq;
  if (!qs_node_get_int (fq, "levels", 0, &levels, error))
    return NULL;
  info->levels = (guint) CLAMP (levels, 0, G_MAXUINT32);
  info->levels_supported = (levels == 256 || levels == 255 || levels == 16 || levels == 15);
  info->on_weights = is_constant_path (qs_node_input_node (fq, 0), 0);
  info->data_rank = fq->inputs[0].shape.rank;
  r = MAX (info->data_rank, 0);

  for (j = 0; j < 4; j++)
    {
      k[j] = qs_input_const (fq, j + 1);
      if (k[j] == NULL)
        {
          g_set_error (error, QS_FQ_ERROR, QS_FQ_ERROR_RANGES,
                       "layer %" G_GUINT64_FORMAT " “%s”: range input %d is not a constant", fq->id, fq->name, j + 1);
          return NULL;
        }
      info->range_shapes[j] = &k[j]->konst->shape;
      if (k[j]->konst->shape.rank > r)
        r = k[j]->konst->shape.rank;
    }
  if (levels < 2)
    {
      g_set_error (error, QS_FQ_ERROR, QS_FQ_ERROR_RANGES,
                   "layer %" G_GUINT64_FORMAT " “%s”: levels=%" G_GINT64_FORMAT " is less than 2",
                   fq->id, fq->name, levels);
      return NULL;
    }

  /* where each range's dims start in a rank-r frame: right-aligned like
   * numpy, or from the axis of auto_broadcast="pdpd" on (-1: ending with the
   * data before its trailing ones are dropped) */
  {
    const char *mode = qs_node_get_attr (fq, "auto_broadcast");
    gint64 pdpd_axis = -1;

    if (mode != NULL && strcmp (mode, "pdpd") == 0 && !qs_node_get_int (fq, "auto_broadcast_axis", -1, &pdpd_axis, error))
      return NULL;
    for (j = 0; j < 4; j++)
      {
        const QsShape *s = info->range_shapes[j];

        shift[j] = r - s->rank;
        if (mode != NULL && strcmp (mode, "pdpd") == 0)
          {
            gint64 at = pdpd_axis == -1 ? (gint64) info->data_rank - s->rank : pdpd_axis;
            int used = s->rank;

            /* trailing ones do not count */
            while (used > 0 && s->dims[used - 1] == 1)
              used--;
            if (at < 0 || at + used > info->data_rank)
              {
                g_set_error (error, QS_FQ_ERROR, QS_FQ_ERROR_SHAPE,
                             "layer %" G_GUINT64_FORMAT " “%s”: range input %d does not fit the data at pdpd axis %"
                             G_GINT64_FORMAT, fq->id, fq->name, j + 1, pdpd_axis);
                return NULL;
              }
            shift[j] = (int) (r - info->data_rank + at);
          }
      }
  }

  /* the channel axis, in the rank-r frame */
  info->axis = -1;
  for (d = 0; d < r; d++)
    for (j = 0; j < 4; j++)
      {
        const QsShape *s = info->range_shapes[j];
        int kd = d - shift[j];
        if (kd >= 0 && kd < s->rank && s->dims[kd] > 1)
          {
            if (info->axis >= 0 && info->axis != d)
              info->multi_axis = TRUE;
            else if (info->axis < 0)
              {
                info->axis = d;
                info->n_channels = (guint) s->dims[kd];
              }
            else if ((guint) s->dims[kd] != info->n_channels)
              {
                g_set_error (error, QS_FQ_ERROR, QS_FQ_ERROR_SHAPE,
                             "layer %" G_GUINT64_FORMAT " “%s”: range inputs do not broadcast together",
                             fq->id, fq->name);
                return NULL;
              }
          }
      }
  if (info->axis < 0)
    info->n_channels = 1;
  if (info->multi_axis)
    {
      g_set_error (error, QS_FQ_ERROR, QS_FQ_ERROR_SHAPE,
                   "layer %" G_GUINT64_FORMAT " “%s”: ranges vary along more than one axis", fq->id, fq->name);
      return NULL;
    }
  /* express the axis in the data's own rank */
  if (info->axis >= 0)
    info->axis -= r - MAX (info->data_rank, 0);

  for (j = 0; j < 4; j++)
    {
      GError *local = NULL;
      *v[j] = qs_const_to_f32 (k[j], &local);
      if (*v[j] == NULL)
        {
          g_set_error (error, QS_FQ_ERROR, QS_FQ_ERROR_RANGES, "layer %" G_GUINT64_FORMAT " “%s”: %s",
                       fq->id, fq->name, local->message);
          g_error_free (local);
          return NULL;
        }
    }
  info->il = g_new (float, info->n_channels);
  info->ih = g_new (float, info->n_channels);
  info->ol = g_new (float, info->n_channels);
  info->oh = g_new (float, info->n_channels);
  info->scale = g_new (float, info->n_channels);
  info->zero_point = g_new (float, info->n_channels);
  info->in_scale = g_new (float, info->n_channels);
  info->same_ranges = TRUE;
  info->zero_exact = TRUE;
  for (c = 0; c < info->n_channels; c++)
    {
      float *dst[4] = { &info->il[c], &info->ih[c], &info->ol[c], &info->oh[c] };
      float L1 = (float) (levels - 1);
      for (j = 0; j < 4; j++)
        *dst[j] = (*v[j])[k[j]->konst->n_elements > 1 ? c : 0];
      info->scale[c] = (info->oh[c] - info->ol[c]) / L1;
      info->in_scale[c] = (info->ih[c] - info->il[c]) / L1;
      info->zero_point[c] = info->oh[c] != info->ol[c] ? -info->ol[c] / (info->oh[c] - info->ol[c]) * L1 : 0.0f;
      if (info->zero_point[c] == 0.0f)
        info->zero_point[c] = 0.0f;
      if (info->il[c] != info->ol[c] || info->ih[c] != info->oh[c])
        info->same_ranges = FALSE;
      if (fabsf (info->zero_point[c] - nearbyintf (info->zero_point[c])) > 1e-3f ||
          info->zero_point[c] < -0.5f || info->zero_point[c] > L1 + 0.5f)
        info->zero_exact = FALSE;
    }
  choose_precision (info);
  return g_steal_pointer (&info);
}

GPtrArray *
qs_fq_analyze_graph (const QsGraph *graph)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) qs_fq_info_free);
  guint i;

  for (i = 0; i < graph->n_nodes; i++)
    if (qs_node_is_type (graph->nodes[i], "FakeQuantize"))
      {
        QsFqInfo *info = qs_fq_analyze (graph->nodes[i], NULL);
        if (info != NULL)
          g_ptr_array_add (out, info);
      }
  return out;
}
