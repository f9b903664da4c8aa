/* qs-tensor.c — the executor's tensors
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qs-tensor.h"

gboolean
qs_tensor_type_supported (QsElementType type)
{
  switch (type)
    {
    case QS_ELEMENT_F32:
    case QS_ELEMENT_I32:
    case QS_ELEMENT_I64:
    case QS_ELEMENT_U8:
    case QS_ELEMENT_I8:
    case QS_ELEMENT_BOOLEAN:
      return TRUE;
    default:
      return FALSE;
    }
}

gsize
qs_tensor_type_size (QsElementType type)
{
  switch (type)
    {
    case QS_ELEMENT_F32:
    case QS_ELEMENT_I32:
      return 4;
    case QS_ELEMENT_I64:
      return 8;
    case QS_ELEMENT_U8:
    case QS_ELEMENT_I8:
    case QS_ELEMENT_BOOLEAN:
      return 1;
    default:
      return 0;
    }
}

static gboolean
count_elements (int           rank,
                const gint64 *dims,
                gsize        *n)
{
  guint64 total = 1;
  int i;

  if (rank < 0 || rank > QS_TENSOR_MAX_RANK)
    return FALSE;
  for (i = 0; i < rank; i++)
    {
      if (dims[i] < 0)
        return FALSE;
      if (dims[i] > 0 && total > (G_MAXSIZE / 16) / (guint64) dims[i])
        return FALSE;
      total *= (guint64) dims[i];
    }
  *n = total;
  return TRUE;
}

QsTensor *
qs_tensor_new (QsElementType  type,
               int            rank,
               const gint64  *dims)
{
  QsTensor *t;
  gsize n;

  if (!qs_tensor_type_supported (type) || !count_elements (rank, dims, &n))
    return NULL;

  t = g_new0 (QsTensor, 1);
  t->ref_count = 1;
  t->type = type;
  t->rank = rank;
  if (rank > 0)
    memcpy (t->dims, dims, sizeof (gint64) * rank);
  t->n_elements = n;
  /* never NULL, even for empty tensors, so that kernels need no special case */
  t->data = g_malloc0 (MAX (n, 1) * qs_tensor_type_size (type));
  return t;
}

QsTensor *
qs_tensor_new_f32 (int           rank,
                   const gint64 *dims)
{
  return qs_tensor_new (QS_ELEMENT_F32, rank, dims);
}

QsTensor *
qs_tensor_new_like (const QsTensor *like,
                    QsElementType   type)
{
  return qs_tensor_new (type, like->rank, like->dims);
}

QsTensor *
qs_tensor_new_scalar_f32 (float value)
{
  QsTensor *t = qs_tensor_new_f32 (0, NULL);

  qs_tensor_f32 (t)[0] = value;
  return t;
}

QsTensor *
qs_tensor_new_vector_i64 (gsize         n,
                          const gint64 *values)
{
  gint64 dim = n;
  QsTensor *t = qs_tensor_new (QS_ELEMENT_I64, 1, &dim);

  if (n > 0)
    memcpy (t->data, values, n * sizeof (gint64));
  return t;
}

QsTensor *
qs_tensor_ref (QsTensor *tensor)
{
  g_return_val_if_fail (tensor != NULL, NULL);
  g_atomic_int_inc (&tensor->ref_count);
  return tensor;
}

void
qs_tensor_unref (QsTensor *tensor)
{
  if (tensor == NULL)
    return;
  if (!g_atomic_int_dec_and_test (&tensor->ref_count))
    return;
  if (tensor->base != NULL)
    qs_tensor_unref (tensor->base);
  else
    g_free (tensor->data);
  g_free (tensor);
}

QsTensor *
qs_tensor_view (QsTensor     *tensor,
                int           rank,
                const gint64 *dims)
{
  QsTensor *t;
  gsize n;

  if (!count_elements (rank, dims, &n) || n != tensor->n_elements)
    return NULL;
  t = g_new0 (QsTensor, 1);
  t->ref_count = 1;
  t->type = tensor->type;
  t->rank = rank;
  if (rank > 0)
    memcpy (t->dims, dims, sizeof (gint64) * rank);
  t->n_elements = n;
  t->data = tensor->data;
  t->base = qs_tensor_ref (tensor->base != NULL ? tensor->base : tensor);
  return t;
}

QsTensor *
qs_tensor_copy (const QsTensor *tensor)
{
  QsTensor *t = qs_tensor_new (tensor->type, tensor->rank, tensor->dims);

  memcpy (t->data, tensor->data, tensor->n_elements * qs_tensor_type_size (tensor->type));
  return t;
}

double
qs_tensor_get_f64 (const QsTensor *t,
                   gsize           i)
{
  switch (t->type)
    {
    case QS_ELEMENT_F32: return ((const float *) t->data)[i];
    case QS_ELEMENT_I32: return ((const gint32 *) t->data)[i];
    case QS_ELEMENT_I64: return (double) ((const gint64 *) t->data)[i];
    case QS_ELEMENT_U8:
    case QS_ELEMENT_BOOLEAN: return ((const guint8 *) t->data)[i];
    case QS_ELEMENT_I8: return ((const gint8 *) t->data)[i];
    default: return 0;
    }
}

static gint64
f64_to_i64 (double v)
{
  if (isnan (v))
    return 0;
  if (v >= 9.2233720368547758e18)
    return G_MAXINT64;
  if (v <= -9.2233720368547758e18)
    return G_MININT64;
  return (gint64) v;
}

gint64
qs_tensor_get_i64 (const QsTensor *t,
                   gsize           i)
{
  switch (t->type)
    {
    case QS_ELEMENT_F32: return f64_to_i64 (((const float *) t->data)[i]);
    case QS_ELEMENT_I32: return ((const gint32 *) t->data)[i];
    case QS_ELEMENT_I64: return ((const gint64 *) t->data)[i];
    case QS_ELEMENT_U8:
    case QS_ELEMENT_BOOLEAN: return ((const guint8 *) t->data)[i];
    case QS_ELEMENT_I8: return ((const gint8 *) t->data)[i];
    default: return 0;
    }
}

/* float -> integer: saturate, then truncate toward zero (fakequantize.md §4) */
static gint64
saturate (double v,
          double lo,
          double hi)
{
  if (isnan (v))
    return 0;
  if (v < lo)
    v = lo;
  if (v > hi)
    v = hi;
  return (gint64) trunc (v);
}

void
qs_tensor_set_f64 (QsTensor *t,
                   gsize     i,
                   double    v)
{
  switch (t->type)
    {
    case QS_ELEMENT_F32: ((float *) t->data)[i] = (float) v; break;
    case QS_ELEMENT_I32: ((gint32 *) t->data)[i] = (gint32) saturate (v, G_MININT32, G_MAXINT32); break;
    case QS_ELEMENT_I64: ((gint64 *) t->data)[i] = f64_to_i64 (trunc (v)); break;
    case QS_ELEMENT_U8: ((guint8 *) t->data)[i] = (guint8) saturate (v, 0, 255); break;
    case QS_ELEMENT_I8: ((gint8 *) t->data)[i] = (gint8) saturate (v, -128, 127); break;
    case QS_ELEMENT_BOOLEAN: ((guint8 *) t->data)[i] = v != 0; break;
    default: break;
    }
}

static void
set_i64 (QsTensor *t,
         gsize     i,
         gint64    v)
{
  switch (t->type)
    {
    case QS_ELEMENT_F32: ((float *) t->data)[i] = (float) v; break;
    /* integer -> integer wraps, as a C++ static_cast does */
    case QS_ELEMENT_I32: ((gint32 *) t->data)[i] = (gint32) v; break;
    case QS_ELEMENT_I64: ((gint64 *) t->data)[i] = v; break;
    case QS_ELEMENT_U8: ((guint8 *) t->data)[i] = (guint8) v; break;
    case QS_ELEMENT_I8: ((gint8 *) t->data)[i] = (gint8) v; break;
    case QS_ELEMENT_BOOLEAN: ((guint8 *) t->data)[i] = v != 0; break;
    default: break;
    }
}

QsTensor *
qs_tensor_convert (const QsTensor *tensor,
                   QsElementType   type)
{
  QsTensor *t;
  gsize i;

  if (type == tensor->type)
    return qs_tensor_copy (tensor);
  t = qs_tensor_new (type, tensor->rank, tensor->dims);
  if (t == NULL)
    return NULL;
  if (tensor->type == QS_ELEMENT_F32)
    {
      const float *src = tensor->data;
      for (i = 0; i < tensor->n_elements; i++)
        qs_tensor_set_f64 (t, i, src[i]);
    }
  else
    {
      for (i = 0; i < tensor->n_elements; i++)
        set_i64 (t, i, qs_tensor_get_i64 (tensor, i));
    }
  return t;
}

float *
qs_tensor_dup_f32 (const QsTensor *tensor)
{
  float *out = g_new (float, MAX (tensor->n_elements, 1));
  gsize i;

  if (tensor->type == QS_ELEMENT_F32)
    memcpy (out, tensor->data, tensor->n_elements * sizeof (float));
  else
    for (i = 0; i < tensor->n_elements; i++)
      out[i] = (float) qs_tensor_get_f64 (tensor, i);
  return out;
}

gint64 *
qs_tensor_dup_i64 (const QsTensor *tensor)
{
  gint64 *out = g_new (gint64, MAX (tensor->n_elements, 1));
  gsize i;

  for (i = 0; i < tensor->n_elements; i++)
    out[i] = qs_tensor_get_i64 (tensor, i);
  return out;
}

gboolean
qs_tensor_is_float (const QsTensor *tensor)
{
  return tensor->type == QS_ELEMENT_F32;
}

gboolean
qs_tensor_same_shape (const QsTensor *a,
                      const QsTensor *b)
{
  return a->rank == b->rank && memcmp (a->dims, b->dims, sizeof (gint64) * a->rank) == 0;
}

char *
qs_tensor_shape_to_string (const QsTensor *tensor)
{
  GString *s = g_string_new ("[");
  int i;

  for (i = 0; i < tensor->rank; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", tensor->dims[i]);
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}
