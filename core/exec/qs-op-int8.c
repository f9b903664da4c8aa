/* qs-op-int8.c — the ops of the int8 mode
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Runs the graph qs_lpt_run() builds: Quantize, Dequantize and Requantize
 * (version "qscope", semantics in qs-lpt.h), Convolution, GroupConvolution
 * and MatMul on u8 codes and i8 weights into i32 through the kernels,
 * ConvolutionBackpropData and GroupConvolutionBackpropData on u8 or i8
 * codes (a scalar loop), and
 * MaxPool, AvgPool and Interpolate on codes (the float kernel, its result
 * rounded back to codes).  The other ops that move codes (Reshape, Concat,
 * ReLU, Pad, Gather, ...) are the ordinary ones, which copy any element
 * type.
 *
 * The float steps are written one operation per statement, in the order
 * qs-lpt.h gives, and core is built without FMA, so that a Quantize gives
 * exactly the code the fake-quant run's FakeQuantize computes from the
 * same input.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qs-kernels.h"
#include "qs-op-private.h"
#include "qs-rows-private.h"

gboolean _qs_op_spatial_pads (const char *auto_pad, gint64 n, gint64 k, gint64 s, gint64 d,
                              gint64 *pb, gint64 *pe);

/* ---- Quantize ---- */

float
qs_quantize_code_f32 (float x,
                      float il,
                      float ih,
                      guint levels)
{
  float lo = il < ih ? il : ih;
  float hi = il < ih ? ih : il;
  float lm1 = (float) (levels - 1);
  float t;

  if (x <= lo)
    return 0;
  if (x > hi)
    return lm1;
  t = (x - il) / (ih - il);
  t = t * lm1;
  t = nearbyintf (t);
  if (t != t)
    return 0;      /* NaN input: the FakeQuantize gives NaN, a code cannot */
  return t;
}

static gboolean
code_range (QsElementType  type,
            gint64        *lo,
            gint64        *hi)
{
  switch (type)
    {
    case QS_ELEMENT_U8: *lo = 0; *hi = 255; return TRUE;
    case QS_ELEMENT_I8: *lo = -128; *hi = 127; return TRUE;
    case QS_ELEMENT_I32: *lo = G_MININT32; *hi = G_MAXINT32; return TRUE;
    default: return FALSE;
    }
}

static inline void
store_code (QsTensor *out,
            gsize     i,
            gint64    v)
{
  switch (out->type)
    {
    case QS_ELEMENT_U8: ((guint8 *) out->data)[i] = (guint8) v; break;
    case QS_ELEMENT_I8: ((gint8 *) out->data)[i] = (gint8) v; break;
    default: ((gint32 *) out->data)[i] = (gint32) v; break;
    }
}

/* A piece of Quantize's rows (_qs_rows_parallel()). */
typedef struct
{
  const QsRows   *rows;
  const QsBcast  *bc;           /* over out, x, il and ih */
  const QsTensor *x, *il, *ih;
  QsTensor       *out;
  guint           levels;
  gint64          qmin, lo, hi;
} QuantizeRows;

static void
quantize_rows (gsize    row,
               gsize    first,
               gsize    inner,
               gpointer data)
{
  const QuantizeRows *job = data;
  const QsBcast *bc = job->bc;
  const QsRows *rows = job->rows;
  const QsTensor *x = job->x, *il = job->il, *ih = job->ih;
  QsTensor *out = job->out;
  guint levels = job->levels;
  gint64 qmin = job->qmin, lo = job->lo, hi = job->hi;
  QsElementType type = out->type;
  gsize off[4], i;
  gsize sx = bc->strides[1][bc->rank - 1], sl = bc->strides[2][bc->rank - 1], sh = bc->strides[3][bc->rank - 1];
  const float *px, *pl, *ph;
  int k;

  _qs_bcast_row (bc, row, off);
  for (k = 0; k < 4; k++)
    off[k] += first * bc->strides[k][bc->rank - 1];
  px = qs_tensor_f32 (x) + off[1];
  pl = qs_tensor_f32 (il) + off[2];
  ph = qs_tensor_f32 (ih) + off[3];
  if (sx == 1 && sl == 0 && sh == 0 && qmin >= G_MININT16 && qmin <= G_MAXINT16 && levels <= 65536)
    {
      /* u8 and i8 for Quantize, i32 for the fake-quant run's codes (qmin + code cannot
       * overflow an i32 here, so its clamp is a no-op as in the scalar path) */
      QsRowQuantize q = { pl[0], ph[0], levels, (gint32) qmin, (gint32) lo, (gint32) hi };

      if (type == QS_ELEMENT_U8)
        rows->quantize_u8 (px, inner, &q, (guint8 *) out->data + off[0]);
      else if (type == QS_ELEMENT_I8)
        rows->quantize_i8 (px, inner, &q, (gint8 *) out->data + off[0]);
      else
        rows->quantize_i32 (px, inner, &q, (gint32 *) out->data + off[0]);
      return;
    }
  for (i = 0; i < inner; i++)
    {
      gint64 q = qmin + (gint64) qs_quantize_code_f32 (px[i * sx], pl[i * sl], ph[i * sh], levels);
      store_code (out, off[0] + i, CLAMP (q, lo, hi));
    }
}

/* x → saturate (qmin + code) into a new tensor of @type. */
static QsTensor *
quantize_tensor (const QsTensor *x,
                 const QsTensor *il,
                 const QsTensor *ih,
                 guint           levels,
                 gint64          qmin,
                 QsElementType   type,
                 GError        **error)
{
  QsTensor *ops[4];
  QsTensor *in3[3];
  g_autoptr(QsTensor) out = NULL;
  gint64 dims[QS_TENSOR_MAX_RANK], lo, hi;
  QsBcast bc;
  gsize inner;
  int rank;
  const QsRows *rows = _qs_rows ();

  if (x->type != QS_ELEMENT_F32 || il->type != QS_ELEMENT_F32 || ih->type != QS_ELEMENT_F32)
    {
      _qs_op_fail (error, "needs floating-point data and ranges");
      return NULL;
    }
  if (levels < 2)
    {
      _qs_op_fail (error, "levels must be at least 2 (is %u)", levels);
      return NULL;
    }
  if (!code_range (type, &lo, &hi))
    {
      _qs_op_fail (error, "codes of type %s are not supported", qs_element_type_name (type));
      return NULL;
    }
  in3[0] = (QsTensor *) x;
  in3[1] = (QsTensor *) il;
  in3[2] = (QsTensor *) ih;
  if (!_qs_op_broadcast_shape (in3, 3, &rank, dims, error))
    return NULL;
  if (rank != x->rank || memcmp (dims, x->dims, sizeof (gint64) * rank) != 0)
    {
      _qs_op_fail (error, "the ranges broadcast beyond the data shape");
      return NULL;
    }

  out = qs_tensor_new_uninit (type, x->rank, x->dims);
  if (out == NULL)
    {
      _qs_op_fail_alloc (error, "the output");
      return NULL;
    }
  ops[0] = out;
  ops[1] = in3[0];
  ops[2] = in3[1];
  ops[3] = in3[2];
  _qs_bcast_init (&bc, rank, dims, ops, 4);
  inner = bc.dims[bc.rank - 1];
  {
    QuantizeRows job = { rows, &bc, x, il, ih, out, levels, qmin, lo, hi };

    _qs_rows_parallel (bc.n_outer, inner, quantize_rows, &job);
  }
  return g_steal_pointer (&out);
}

QsTensor *
qs_fake_quantize_codes (const QsTensor *x,
                        const QsTensor *in_low,
                        const QsTensor *in_high,
                        guint           levels,
                        int             qmin,
                        GError        **error)
{
  QsTensor *t = quantize_tensor (x, in_low, in_high, levels, qmin, QS_ELEMENT_I32, error);

  if (t == NULL)
    g_prefix_error (error, "FakeQuantize codes: ");
  return t;
}

QsTensor *
qs_fake_quantize_codes_as (const QsTensor *x,
                           const QsTensor *in_low,
                           const QsTensor *in_high,
                           guint           levels,
                           int             qmin,
                           QsElementType   type,
                           GError        **error)
{
  QsTensor *t = quantize_tensor (x, in_low, in_high, levels, qmin, type, error);

  if (t == NULL)
    g_prefix_error (error, "FakeQuantize codes: ");
  return t;
}

static gboolean
get_code_type (const QsNode   *node,
               QsElementType  *type,
               GError        **error)
{
  const char *name = qs_node_get_attr (node, "destination_type");

  *type = name != NULL ? qs_element_type_from_string (name) : QS_ELEMENT_UNDEFINED;
  if (*type != QS_ELEMENT_U8 && *type != QS_ELEMENT_I8)
    return _qs_op_fail (error, "destination_type “%s” is not u8 or i8", name != NULL ? name : "");
  return TRUE;
}

gboolean
_qs_op_quantize_attrs (const QsNode   *node,
                       guint          *levels,
                       gint64         *qmin,
                       QsElementType  *type,
                       GError        **error)
{
  gint64 l;

  if (!qs_node_get_int (node, "levels", 0, &l, error) ||
      !qs_node_get_int (node, "qmin", 0, qmin, error))
    return FALSE;
  if (!get_code_type (node, type, error))
    return FALSE;
  if (l < 2 || l > 65536)
    return _qs_op_fail (error, "levels %" G_GINT64_FORMAT " is out of range", l);
  *levels = (guint) l;
  return TRUE;
}

static gboolean
op_quantize (QsOpCtx *ctx,
             GError **error)
{
  guint levels;
  gint64 qmin;
  QsElementType type;

  if (!_qs_op_need_inputs (ctx, 3, error) ||
      !_qs_op_quantize_attrs (ctx->node, &levels, &qmin, &type, error))
    return FALSE;
  ctx->out[0] = quantize_tensor (ctx->in[0], ctx->in[1], ctx->in[2], levels, qmin, type, error);
  return ctx->out[0] != NULL;
}

/* ---- Dequantize and Requantize ---- */

static gboolean
is_code_type (QsElementType type)
{
  return type == QS_ELEMENT_U8 || type == QS_ELEMENT_I8 || type == QS_ELEMENT_I32;
}

static inline gint64
load_code (const QsTensor *t,
           gsize           i)
{
  switch (t->type)
    {
    case QS_ELEMENT_U8: return ((const guint8 *) t->data)[i];
    case QS_ELEMENT_I8: return ((const gint8 *) t->data)[i];
    default: return ((const gint32 *) t->data)[i];
    }
}

/* Checks that @k (a per-tensor or per-channel constant) broadcasts to @x
 * without growing it. */
static gboolean
fits (const QsTensor  *x,
      const QsTensor  *k,
      const char      *what,
      GError         **error)
{
  int i, off = x->rank - k->rank;

  if (k->rank > x->rank)
    return _qs_op_fail (error, "%s has rank %d, the data %d", what, k->rank, x->rank);
  for (i = 0; i < k->rank; i++)
    if (k->dims[i] != 1 && k->dims[i] != x->dims[off + i])
      {
        g_autofree char *a = qs_tensor_shape_to_string (x);
        g_autofree char *b = qs_tensor_shape_to_string (k);
        return _qs_op_fail (error, "%s %s does not broadcast to the data %s", what, b, a);
      }
  return TRUE;
}

/* A piece of Dequantize's rows (_qs_rows_parallel()). */
typedef struct
{
  const QsRows   *rows;
  const QsBcast  *bc;           /* over out, q, scale, zp and shift */
  const QsTensor *q, *scale, *zp, *shift;
  QsTensor       *out;
  guint           n_ops;
} DequantizeRows;

static void
dequantize_rows (gsize    row,
                 gsize    first,
                 gsize    inner,
                 gpointer data)
{
  const DequantizeRows *job = data;
  const QsBcast *bc = job->bc;
  const QsRows *rows = job->rows;
  const QsTensor *q = job->q, *scale = job->scale, *zp = job->zp, *shift = job->shift;
  QsTensor *out = job->out;
  guint n_ops = job->n_ops, k;
  gsize off[5], i;
  float *o;
  const float *ps, *pb = NULL;
  gsize sq = bc->strides[1][bc->rank - 1], ss = bc->strides[2][bc->rank - 1], sz = bc->strides[3][bc->rank - 1];
  gsize sb = shift != NULL ? bc->strides[4][bc->rank - 1] : 0;

  _qs_bcast_row (bc, row, off);
  for (k = 0; k < n_ops; k++)
    off[k] += first * bc->strides[k][bc->rank - 1];
  o = qs_tensor_f32 (out) + off[0];
  ps = qs_tensor_f32 (scale) + off[2];
  if (shift != NULL)
    pb = qs_tensor_f32 (shift) + off[4];
  if (sq == 1 && ss == 0 && sz == 0 && (sb == 0 || sb == 1))
    {
      /* constants along the row, the shift too or one per element
       * (the border correction): the vectorised row loops */
      float s0 = ps[0];

      if (q->type == QS_ELEMENT_I32)
        {
          const gint32 *c = (const gint32 *) q->data + off[1];
          gint32 z = ((const gint32 *) zp->data)[off[3]];

          if (pb == NULL)
            rows->dequantize_i32 (c, inner, z, s0, o);
          else if (sb == 0)
            rows->dequantize_i32_shift (c, inner, z, s0, pb[0], o);
          else
            rows->dequantize_i32_shifts (c, inner, z, s0, pb, o);
        }
      else if (q->type == QS_ELEMENT_U8)
        {
          const guint8 *c = (const guint8 *) q->data + off[1];
          float z = qs_tensor_f32 (zp)[off[3]];

          if (pb == NULL)
            rows->dequantize_u8 (c, inner, z, s0, o);
          else if (sb == 0)
            rows->dequantize_u8_shift (c, inner, z, s0, pb[0], o);
          else
            rows->dequantize_u8_shifts (c, inner, z, s0, pb, o);
        }
      else
        {
          const gint8 *c = (const gint8 *) q->data + off[1];
          float z = qs_tensor_f32 (zp)[off[3]];

          if (pb == NULL)
            rows->dequantize_i8 (c, inner, z, s0, o);
          else if (sb == 0)
            rows->dequantize_i8_shift (c, inner, z, s0, pb[0], o);
          else
            rows->dequantize_i8_shifts (c, inner, z, s0, pb, o);
        }
      return;
    }
  for (i = 0; i < inner; i++)
    o[i] = _qs_dequantize_value (load_code (q, off[1] + i * sq), q->type,
                                 q->type == QS_ELEMENT_I32 ? ((const gint32 *) zp->data)[off[3] + i * sz] : 0,
                                 q->type == QS_ELEMENT_I32 ? 0.0f : qs_tensor_f32 (zp)[off[3] + i * sz],
                                 ps[i * ss], pb != NULL, pb != NULL ? pb[i * sb] : 0.0f);
}

float
_qs_dequantize_value (gint64        code,
                      QsElementType type,
                      gint32        zp_i32,
                      float         zp,
                      float         scale,
                      gboolean      has_shift,
                      float         shift)
{
  float d, y;

  if (type == QS_ELEMENT_I32)
    d = (float) (code - zp_i32);   /* exact integer difference */
  else
    d = (float) code - zp;
  y = d * scale;
  if (has_shift)
    y = y + shift;
  return y;
}

/* y = ((float) (q - zero_point)) * scale + shift, broadcast (numpy) */
static QsTensor *
dequantize (QsTensor  *q,
            QsTensor  *scale,
            QsTensor  *zp,
            QsTensor  *shift,
            GError   **error)
{
  QsTensor *ops[5];
  g_autoptr(QsTensor) out = NULL;
  QsBcast bc;
  gsize inner;
  guint n_ops = 4;
  const QsRows *rows = _qs_rows ();

  if (!is_code_type (q->type))
    {
      _qs_op_fail (error, "input 0 is %s, not codes (u8, i8 or i32)", qs_element_type_name (q->type));
      return NULL;
    }
  if (scale->type != QS_ELEMENT_F32 || (shift != NULL && shift->type != QS_ELEMENT_F32))
    {
      _qs_op_fail (error, "scale and shift must be f32");
      return NULL;
    }
  if (q->type == QS_ELEMENT_I32 ? zp->type != QS_ELEMENT_I32 : zp->type != QS_ELEMENT_F32)
    {
      _qs_op_fail (error, "the zero point of %s codes must be %s", qs_element_type_name (q->type),
                   q->type == QS_ELEMENT_I32 ? "i32" : "f32");
      return NULL;
    }
  if (!fits (q, scale, "scale", error) || !fits (q, zp, "zero_point", error) ||
      (shift != NULL && !fits (q, shift, "shift", error)))
    return NULL;

  out = qs_tensor_new_uninit (QS_ELEMENT_F32, q->rank, q->dims);
  if (out == NULL)
    {
      _qs_op_fail_alloc (error, "the output");
      return NULL;
    }
  ops[0] = out;
  ops[1] = q;
  ops[2] = scale;
  ops[3] = zp;
  if (shift != NULL)
    ops[n_ops++] = shift;
  _qs_bcast_init (&bc, q->rank, q->dims, ops, n_ops);
  inner = bc.dims[bc.rank - 1];
  {
    DequantizeRows job = { rows, &bc, q, scale, zp, shift, out, n_ops };

    _qs_rows_parallel (bc.n_outer, inner, dequantize_rows, &job);
  }
  return g_steal_pointer (&out);
}

static gboolean
op_dequantize (QsOpCtx *ctx,
               GError **error)
{
  if (!_qs_op_need_inputs (ctx, 3, error))
    return FALSE;
  ctx->out[0] = dequantize (ctx->in[0], ctx->in[1], ctx->in[2], ctx->n_in > 3 ? ctx->in[3] : NULL, error);
  return ctx->out[0] != NULL;
}

/* The constants of the Dequantize qs_lpt_run() puts after a tensor held as
 * @quant: per tensor, or [1,..,n,..,1] on the channel axis; a border
 * correction makes the shift [1,n,OH,OW] ([1,n,OW] for rank 3). */
static QsTensor *
quant_constant (const QsLptQuant *quant,
                const double     *values,
                QsElementType     type)
{
  gint64 dims[QS_TENSOR_MAX_RANK];
  int rank = 0, d;
  QsTensor *t;
  guint c;

  if (quant->n > 1 && quant->axis >= 0 && quant->rank <= QS_TENSOR_MAX_RANK)
    {
      rank = quant->rank;
      for (d = 0; d < rank; d++)
        dims[d] = d == quant->axis ? quant->n : 1;
    }
  t = qs_tensor_new (type, rank, dims);
  if (t == NULL)
    return NULL;
  for (c = 0; c < quant->n && c < t->n_elements; c++)
    {
      if (type == QS_ELEMENT_I32)
        ((gint32 *) t->data)[c] = (gint32) CLAMP (nearbyint (values[c]), G_MININT32, G_MAXINT32);
      else
        qs_tensor_f32 (t)[c] = (float) values[c];
    }
  return t;
}

static QsTensor *
quant_shift (const QsLptQuant *quant)
{
  gint64 y, x, dims[4];
  QsTensor *t;
  float *v;
  guint c;

  if (quant->border == NULL)
    return quant->shift != NULL ? quant_constant (quant, quant->shift, QS_ELEMENT_F32) : NULL;
  dims[0] = 1;
  dims[1] = quant->n;
  dims[2] = quant->border_dims[1];
  dims[3] = quant->border_dims[2];
  if (quant->rank == 3)
    dims[2] = quant->border_dims[2];
  t = qs_tensor_new (QS_ELEMENT_F32, quant->rank == 3 ? 3 : 4, dims);
  if (t == NULL)
    return NULL;
  v = qs_tensor_f32 (t);
  for (c = 0; c < quant->n; c++)
    for (y = 0; y < quant->border_dims[1]; y++)
      for (x = 0; x < quant->border_dims[2]; x++)
        *v++ = (float) ((quant->shift != NULL ? quant->shift[c] : 0.0) + qs_lpt_quant_border_at (quant, c, y, x));
  return t;
}

QsTensor *
qs_exec_int8_dequantize (const QsExec    *int8,
                         const QsPort    *original_output,
                         QsTensor        *codes,
                         GError         **error)
{
  const QsLptResult *lpt;
  QsLptQuant quant;
  g_autoptr(QsTensor) scale = NULL;
  g_autoptr(QsTensor) zp = NULL;
  g_autoptr(QsTensor) shift = NULL;
  QsTensor *out;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (int8 != NULL && original_output != NULL && codes != NULL, NULL);

  lpt = qs_exec_get_lpt_result (int8);
  if (lpt == NULL || !qs_lpt_result_get_quant (lpt, original_output, &quant))
    {
      g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID,
                   "layer “%s”: output %u is not held as codes in the int8 run",
                   original_output->node->name, original_output->index);
      return NULL;
    }
  if (codes->type != quant.type)
    {
      g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID,
                   "layer “%s”: the int8 run holds output %u as %s, its quantization says %s",
                   original_output->node->name, original_output->index,
                   qs_element_type_name (codes->type), qs_element_type_name (quant.type));
      return NULL;
    }
  scale = quant_constant (&quant, quant.scale, QS_ELEMENT_F32);
  zp = quant_constant (&quant, quant.zero_point, quant.type == QS_ELEMENT_I32 ? QS_ELEMENT_I32 : QS_ELEMENT_F32);
  shift = quant_shift (&quant);
  if (scale == NULL || zp == NULL || (shift == NULL && (quant.shift != NULL || quant.border != NULL)))
    {
      g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_MEMORY,
                   "layer “%s”: no memory for the dequantization of output %u",
                   original_output->node->name, original_output->index);
      return NULL;
    }
  out = dequantize (codes, scale, zp, shift, &local);
  if (out == NULL)
    g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID, "layer “%s”: %s",
                 original_output->node->name, local->message);
  return out;
}

gint64
qs_requantize_code (gint64 q,
                    float  multiplier,
                    float  offset,
                    gint64 qmin,
                    gint64 qmax)
{
  double t = (double) q * (double) multiplier;

  t = t + (double) offset;
  t = nearbyint (t);
  if (!(t >= (double) qmin))    /* also NaN */
    return qmin;
  if (t > (double) qmax)
    return qmax;
  return (gint64) t;
}

/* A piece of Requantize's rows (_qs_rows_parallel()). */
typedef struct
{
  const QsBcast  *bc;           /* over out, q, mul and add */
  const QsTensor *q, *mul, *add;
  QsTensor       *out;
  gint64          qmin, qmax;
  QsRowRequantizeFunc row_func; /* rows with constants along them */
} RequantizeRows;

static void
requantize_rows (gsize    row,
                 gsize    first,
                 gsize    inner,
                 gpointer data)
{
  const RequantizeRows *job = data;
  const QsBcast *bc = job->bc;
  const QsTensor *q = job->q;
  QsTensor *out = job->out;
  gsize off[4], i;
  gsize sq = bc->strides[1][bc->rank - 1], sm = bc->strides[2][bc->rank - 1], sa = bc->strides[3][bc->rank - 1];
  const float *pm, *pa;
  int k;

  _qs_bcast_row (bc, row, off);
  for (k = 0; k < 4; k++)
    off[k] += first * bc->strides[k][bc->rank - 1];
  pm = qs_tensor_f32 (job->mul) + off[2];
  pa = qs_tensor_f32 (job->add) + off[3];
  if (sq == 1 && sm == 0 && sa == 0)
    {
      QsRowRequantize rp = { .m = pm[0], .a = pa[0], .lo = (double) job->qmin, .hi = (double) job->qmax };

      job->row_func ((const guint8 *) q->data + off[1] * qs_tensor_type_size (q->type), inner, &rp,
                     (guint8 *) out->data + off[0] * qs_tensor_type_size (out->type));
      return;
    }
  for (i = 0; i < inner; i++)
    store_code (out, off[0] + i,
                qs_requantize_code (load_code (q, off[1] + i * sq), pm[i * sm], pa[i * sa], job->qmin, job->qmax));
}

static gboolean
op_requantize (QsOpCtx *ctx,
               GError **error)
{
  QsTensor *q, *mul, *add;
  QsTensor *ops[4];
  g_autoptr(QsTensor) out = NULL;
  QsElementType type;
  gint64 qmin, qmax, lo = 0, hi = 0;
  QsBcast bc;
  gsize inner;

  if (!_qs_op_need_inputs (ctx, 3, error))
    return FALSE;
  q = ctx->in[0];
  mul = ctx->in[1];
  add = ctx->in[2];
  if (!get_code_type (ctx->node, &type, error))
    return FALSE;
  code_range (type, &lo, &hi);
  if (!qs_node_get_int (ctx->node, "qmin", lo, &qmin, error) ||
      !qs_node_get_int (ctx->node, "qmax", hi, &qmax, error))
    return FALSE;
  if (qmin < lo || qmax > hi || qmin > qmax)
    return _qs_op_fail (error, "[qmin, qmax] = [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "] does not fit %s",
                        qmin, qmax, qs_element_type_name (type));
  if (!is_code_type (q->type))
    return _qs_op_fail (error, "input 0 is %s, not codes (u8, i8 or i32)", qs_element_type_name (q->type));
  if (mul->type != QS_ELEMENT_F32 || add->type != QS_ELEMENT_F32)
    return _qs_op_fail (error, "multiplier and offset must be f32");
  if (!fits (q, mul, "multiplier", error) || !fits (q, add, "offset", error))
    return FALSE;

  out = qs_tensor_new_uninit (type, q->rank, q->dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  ops[0] = out;
  ops[1] = q;
  ops[2] = mul;
  ops[3] = add;
  _qs_bcast_init (&bc, q->rank, q->dims, ops, 4);
  inner = bc.dims[bc.rank - 1];
  {
    RequantizeRows job = { &bc, q, mul, add, out, qmin, qmax, NULL };

    /* rows with constants along them: the vectorised rows of qs-rows-impl.h */
    job.row_func = _qs_rows ()->requantize[q->type == QS_ELEMENT_U8 ? QS_ROW_CODES_U8
                                           : q->type == QS_ELEMENT_I8 ? QS_ROW_CODES_I8
                                           : QS_ROW_CODES_I32][type == QS_ELEMENT_U8 ? 0 : 1];
    _qs_rows_parallel (bc.n_outer, inner, requantize_rows, &job);
  }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

/* ---- Convolution and GroupConvolution on codes ---- */

/* qscope_pad_value: absent (0), one value, or one per input channel. */
static gboolean
pad_values (QsOpCtx  *ctx,
            int       channels,
            guint8  **per_channel,
            guint8   *uniform,
            GError  **error)
{
  const char *text = qs_node_get_attr (ctx->node, "qscope_pad_value");
  g_autoptr(GArray) v = NULL;
  guint i;

  *per_channel = NULL;
  *uniform = 0;
  if (text == NULL || text[0] == '\0')
    return TRUE;
  v = qs_parse_int_list (text);
  if (v == NULL || (v->len != 1 && v->len != (guint) channels))
    return _qs_op_fail (error, "qscope_pad_value “%s” is neither one value nor one per input channel (%d)",
                        text, channels);
  for (i = 0; i < v->len; i++)
    if (g_array_index (v, gint64, i) < 0 || g_array_index (v, gint64, i) > 255)
      return _qs_op_fail (error, "qscope_pad_value %" G_GINT64_FORMAT " is not a u8 code",
                          g_array_index (v, gint64, i));
  *uniform = (guint8) g_array_index (v, gint64, 0);
  for (i = 1; i < v->len; i++)
    if (g_array_index (v, gint64, i) != *uniform)
      break;
  if (i < v->len)
    {
      *per_channel = g_new (guint8, v->len);
      for (i = 0; i < v->len; i++)
        (*per_channel)[i] = (guint8) g_array_index (v, gint64, i);
    }
  return TRUE;
}

/* Copies src into a buffer with the pads around each plane filled with
 * that channel's pad value; the convolution then runs without padding. */
static guint8 *
pad_planes (const QsConvParams *p,
            const guint8       *src,
            const guint8       *pad,
            int                *ph,
            int                *pw)
{
  int h = p->ih + p->pad_top + p->pad_bottom, w = p->iw + p->pad_left + p->pad_right;
  guint8 *buf = qs_budget_alloc_scratch ((gsize) p->n * p->ic, (gsize) h * w);
  int n, c, y;

  if (buf == NULL)
    return NULL;
  for (n = 0; n < p->n; n++)
    for (c = 0; c < p->ic; c++)
      {
        guint8 *plane = buf + ((gsize) n * p->ic + c) * h * w;
        const guint8 *in = src + ((gsize) n * p->ic + c) * p->ih * p->iw;

        memset (plane, pad[c], (gsize) h * w);
        for (y = 0; y < p->ih; y++)
          memcpy (plane + (gsize) (y + p->pad_top) * w + p->pad_left, in + (gsize) y * p->iw, p->iw);
      }
  *ph = h;
  *pw = w;
  return buf;
}

typedef struct
{
  const QsConvParams *p;
  const gint8        *w;
} ConvInt8Prepare;

static gpointer
prepare_conv_int8 (gpointer data)
{
  ConvInt8Prepare *cp = data;

  return qs_conv_int8_prepare (cp->p, cp->w);
}

/* The plan's packing of @ctx's weights @w for @p (_qs_op_prepared()); NULL
 * when the caller packs for itself. */
static QsConvInt8 *
prepared_int8 (QsOpCtx            *ctx,
               const QsConvParams *p,
               const gint8        *w)
{
  ConvInt8Prepare cp = { p, w };

  return _qs_op_prepared (ctx, 1, p, sizeof *p, prepare_conv_int8, &cp, (GDestroyNotify) qs_conv_int8_free);
}

static gboolean
convolution_int8 (QsOpCtx  *ctx,
                  gboolean  grouped,
                  GError  **error)
{
  QsTensor *x, *w;
  g_autofree guint8 *pad = NULL;
  QS_AUTO_SCRATCH guint8 *padded = NULL;
  QsConvParams p = { 0 };
  int n_sp;
  guint8 uniform;
  g_autoptr(QsTensor) out = NULL;
  QsConvInt8 *conv, *prepared;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  x = ctx->in[0];
  w = ctx->in[1];
  if (x->type != QS_ELEMENT_U8)
    return _qs_op_fail (error, "int8 convolution needs u8 codes on input 0 (has %s)", qs_element_type_name (x->type));
  if (w->type != QS_ELEMENT_I8)
    return _qs_op_fail (error, "int8 convolution needs i8 weights (has %s)", qs_element_type_name (w->type));
  n_sp = _qs_op_conv_geometry (ctx, x, w, grouped, &p, error);
  if (n_sp == 0)
    return FALSE;
  if (!pad_values (ctx, p.ic, &pad, &uniform, error))
    return FALSE;

  if (pad != NULL && (p.pad_top | p.pad_left | p.pad_bottom | p.pad_right) != 0)
    {
      /* pad values that differ per channel: pad by hand, then convolve unpadded */
      padded = pad_planes (&p, x->data, pad, &p.ih, &p.iw);
      if (padded == NULL)
        return _qs_op_fail_alloc (error, "the padded input");
      p.pad_top = p.pad_left = p.pad_bottom = p.pad_right = 0;
    }
  if (!qs_conv_params_init (&p, error))
    return FALSE;

  out = _qs_op_conv_output (&p, n_sp, QS_ELEMENT_I32);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  prepared = prepared_int8 (ctx, &p, w->data);
  conv = prepared != NULL ? prepared : qs_conv_int8_prepare (&p, w->data);
  qs_conv_int8_run (conv, padded != NULL ? padded : x->data, uniform, out->data);
  if (conv != prepared)
    qs_conv_int8_free (conv);
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

static gboolean
op_convolution_int8 (QsOpCtx *ctx,
                     GError **error)
{
  return convolution_int8 (ctx, FALSE, error);
}

static gboolean
op_group_convolution_int8 (QsOpCtx *ctx,
                           GError **error)
{
  return convolution_int8 (ctx, TRUE, error);
}

/* ---- ConvolutionBackpropData and GroupConvolutionBackpropData on codes ----
 *
 * The transposed convolution on u8 or i8 codes and i8 weights into i32,
 * with the fp32 op's geometry (_qs_op_backprop_geometry): every code times
 * each tap is added at its output position; exact integer arithmetic.  The
 * activation has no zero point (the transformation keeps a layer with one
 * in float), so a position no input reaches is 0.  Scalar only: no
 * vectorized path. */

static gboolean
convolution_backprop_int8 (QsOpCtx  *ctx,
                           gboolean  grouped,
                           GError  **error)
{
  QsTensor *x, *w;
  QsBackpropGeometry geo;
  const gint64 *in = geo.in, *k = geo.k, *o = geo.out, *st = geo.stride, *dl = geo.dilation, *pd = geo.pad;
  gint64 n, g, ci, co, a, b, c, ka, kb, kc;
  gsize in_plane, k_plane, out_plane;
  g_autoptr(QsTensor) out = NULL;
  const gint8 *wd;
  gint32 *od;
  gboolean is_signed;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  x = ctx->in[0];
  w = ctx->in[1];
  if (x->type != QS_ELEMENT_U8 && x->type != QS_ELEMENT_I8)
    return _qs_op_fail (error, "int8 %s needs u8 or i8 codes on input 0 (has %s)", ctx->node->type,
                        qs_element_type_name (x->type));
  if (w->type != QS_ELEMENT_I8)
    return _qs_op_fail (error, "int8 %s needs i8 weights (has %s)", ctx->node->type, qs_element_type_name (w->type));
  if (!_qs_op_backprop_geometry (ctx, x, w, grouped, &geo, error))
    return FALSE;
  out = qs_tensor_new_uninit (QS_ELEMENT_I32, geo.out_rank, geo.out_dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  memset (out->data, 0, out->n_elements * sizeof (gint32));
  is_signed = x->type == QS_ELEMENT_I8;
  wd = w->data;
  od = out->data;
  in_plane = (gsize) (in[0] * in[1] * in[2]);
  k_plane = (gsize) (k[0] * k[1] * k[2]);
  out_plane = (gsize) (o[0] * o[1] * o[2]);
  for (n = 0; n < geo.batch; n++)
    for (g = 0; g < geo.groups; g++)
      for (ci = 0; ci < geo.icg; ci++)
        {
          gsize xoff = ((gsize) (n * geo.groups + g) * geo.icg + ci) * in_plane;
          const guint8 *xu = (const guint8 *) x->data + xoff;
          const gint8 *xs = (const gint8 *) x->data + xoff;

          for (co = 0; co < geo.ocg; co++)
            {
              const gint8 *ws = wd + ((gsize) (g * geo.icg + ci) * geo.ocg + co) * k_plane;
              gint32 *os = od + ((gsize) (n * geo.groups + g) * geo.ocg + co) * out_plane;

              for (a = 0; a < in[0]; a++)
                for (b = 0; b < in[1]; b++)
                  for (c = 0; c < in[2]; c++)
                    {
                      gsize xi = (gsize) ((a * in[1] + b) * in[2] + c);
                      gint32 v = is_signed ? (gint32) xs[xi] : (gint32) xu[xi];

                      if (v == 0)
                        continue;
                      for (ka = 0; ka < k[0]; ka++)
                        {
                          gint64 oa = a * st[0] - pd[0] + ka * dl[0];

                          if (oa < 0 || oa >= o[0])
                            continue;
                          for (kb = 0; kb < k[1]; kb++)
                            {
                              gint64 ob = b * st[1] - pd[1] + kb * dl[1];

                              if (ob < 0 || ob >= o[1])
                                continue;
                              for (kc = 0; kc < k[2]; kc++)
                                {
                                  gint64 oc = c * st[2] - pd[2] + kc * dl[2];

                                  if (oc >= 0 && oc < o[2])
                                    os[(oa * o[1] + ob) * o[2] + oc] += v * (gint32) ws[(ka * k[1] + kb) * k[2] + kc];
                                }
                            }
                        }
                    }
            }
        }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

static gboolean
op_convolution_backprop_int8 (QsOpCtx *ctx,
                              GError **error)
{
  return convolution_backprop_int8 (ctx, FALSE, error);
}

static gboolean
op_group_convolution_backprop_int8 (QsOpCtx *ctx,
                                    GError **error)
{
  return convolution_backprop_int8 (ctx, TRUE, error);
}

/* ---- MatMul on codes ---- */

typedef struct
{
  const QsTensor *b;
  gint64          K, N;
  gboolean        tb;
} MatmulPrepare;

static gpointer
prepare_matmul (gpointer data)
{
  MatmulPrepare *mp = data;

  return qs_matmul_int8_prepare (mp->N, mp->K, mp->b->data, mp->tb);
}

/* The plan's packing of a constant, unbatched weight input @b
 * (_qs_op_prepared(), keyed by the sizes); NULL when the caller packs per
 * call. */
static QsMatmulInt8 *
prepared_matmul (QsOpCtx        *ctx,
                 const QsTensor *b,
                 gint64          K,
                 gint64          N,
                 gboolean        tb)
{
  MatmulPrepare mp = { b, K, N, tb };
  const gint64 key[3] = { K, N, tb };

  if (b->n_elements != (gsize) (K * N) || K > G_MAXINT || N > G_MAXINT)
    return NULL;
  return _qs_op_prepared (ctx, 1, key, sizeof key, prepare_matmul, &mp, (GDestroyNotify) qs_matmul_int8_free);
}

static gboolean
op_matmul_int8 (QsOpCtx *ctx,
                GError **error)
{
  QsTensor *a, *b;
  QsMatMulShape s;
  gint64 M, K, N, m, k, n;
  g_autoptr(QsTensor) out = NULL;
  QS_AUTO_SCRATCH guint8 *abuf = NULL;
  QS_AUTO_SCRATCH gint32 *colsum = NULL;
  gboolean ta, tb, a_signed;
  gsize batch;
  QsMatmulInt8 *prepared;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  a = ctx->in[0];
  b = ctx->in[1];
  if ((a->type != QS_ELEMENT_U8 && a->type != QS_ELEMENT_I8) || b->type != QS_ELEMENT_I8)
    return _qs_op_fail (error, "int8 MatMul needs u8 or i8 codes and i8 weights (has %s and %s)",
                        qs_element_type_name (a->type), qs_element_type_name (b->type));
  if (!_qs_op_matmul_shape (ctx, a, b, &s, error))
    return FALSE;
  a_signed = a->type == QS_ELEMENT_I8;
  ta = s.ta;
  tb = s.tb;
  M = s.M;
  K = s.K;
  N = s.N;
  out = qs_tensor_new_uninit (QS_ELEMENT_I32, s.out_rank, s.out_dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  prepared = prepared_matmul (ctx, b, K, N, tb);

  /* i8 activations: shift them to u8 by +128 and take 128 Σ_k b[k,n] back */
  if (ta || a_signed)
    {
      abuf = qs_budget_alloc_scratch ((gsize) M, K);
      if (abuf == NULL)
        return _qs_op_fail_alloc (error, "the shifted A");
    }
  if (a_signed)
    {
      colsum = qs_budget_alloc_scratch (N, sizeof (gint32));
      if (colsum == NULL)
        return _qs_op_fail_alloc (error, "the column sums");
    }

  for (batch = 0; batch < s.n_batch; batch++)
    {
      const guint8 *pa;
      const gint8 *pb;
      gint32 *pc;
      gsize ia, ib;

      _qs_op_matmul_batch (&s, batch, &ia, &ib);
      pa = (const guint8 *) a->data + ia * M * K;
      pb = (const gint8 *) b->data + ib * K * N;
      pc = (gint32 *) out->data + batch * M * N;
      if (abuf != NULL)
        {
          guint8 flip = a_signed ? 0x80 : 0;

          for (m = 0; m < M; m++)
            for (k = 0; k < K; k++)
              abuf[m * K + k] = (ta ? pa[k * M + m] : pa[m * K + k]) ^ flip;
          pa = abuf;
        }
      if (prepared != NULL)
        qs_matmul_int8_run (prepared, M, pa, pc);
      else
        qs_matmul_u8s8s32 (M, N, K, pa, pb, tb, pc);
      if (a_signed)
        {
          for (n = 0; n < N; n++)
            {
              gint32 sum = 0;

              if (prepared != NULL)
                sum = qs_matmul_int8_col_sums (prepared)[n];
              else
                for (k = 0; k < K; k++)
                  sum += tb ? pb[n * K + k] : pb[k * N + n];
              colsum[n] = 128 * sum;
            }
          for (m = 0; m < M; m++)
            for (n = 0; n < N; n++)
              pc[m * N + n] -= colsum[n];
        }
    }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

/* ---- MaxPool on codes ---- */

/* Codes convert to f32 exactly and max commutes with that, so the float
 * MaxPool (its window and padding rules) runs on them and the result goes
 * back to codes unchanged. */
/* Runs the float @type from @table on codes converted to f32 and stores
 * the result as codes of the input's type again: exact for MaxPool and a
 * nearest Interpolate, which only pick elements; for AvgPool (and any
 * other value that is not a code) rounded half to even and saturated, as
 * the CPU plugin's u8/i8 output does. */
static gboolean
float_op_on_codes (QsOpCtx         *ctx,
                   const QsOpEntry *table,
                   GError         **error)
{
  const QsOpEntry *e;
  g_autoptr(QsTensor) xf = NULL;
  g_autofree QsTensor **in = NULL;
  QsOpCtx sub;
  QsElementType type;
  QsTensor *values;
  int opset = qs_node_opset (ctx->node);
  guint i;
  gsize j;

  if (!_qs_op_need_inputs (ctx, 1, error))
    return FALSE;
  type = ctx->in[0]->type;
  if (type != QS_ELEMENT_U8 && type != QS_ELEMENT_I8)
    return _qs_op_fail (error, "%s on codes needs u8 or i8 (has %s)", ctx->node->type, qs_element_type_name (type));
  for (e = table; e->type != NULL; e++)
    if (strcmp (e->type, ctx->node->type) == 0 && opset >= e->min_opset && opset <= e->max_opset)
      break;
  if (e->type == NULL)
    return _qs_op_fail (error, "no float %s to run on codes", ctx->node->type);
  xf = qs_tensor_convert (ctx->in[0], QS_ELEMENT_F32);
  if (xf == NULL)
    return _qs_op_fail_alloc (error, "the input as float");
  in = g_new (QsTensor *, MAX (ctx->n_in, 1));
  in[0] = xf;
  for (i = 1; i < ctx->n_in; i++)
    in[i] = ctx->in[i];
  sub = *ctx;
  sub.in = in;
  if (!e->func (&sub, error))
    return FALSE;
  values = ctx->out[0];
  for (j = 0; j < values->n_elements; j++)
    {
      float *v = &qs_tensor_f32 (values)[j];
      *v = nearbyintf (*v);
    }
  ctx->out[0] = qs_tensor_convert (values, type);
  qs_tensor_unref (values);
  if (ctx->out[0] == NULL)
    return _qs_op_fail_alloc (error, "the output");
  return TRUE;
}

static gboolean
op_pool_codes (QsOpCtx *ctx,
               GError **error)
{
  /* MaxPool picks codes (and their indices): no float round trip */
  if (qs_node_is_type (ctx->node, "MaxPool") && ctx->n_out <= 2 && ctx->n_in >= 1 && ctx->in[0] != NULL &&
      (ctx->in[0]->type == QS_ELEMENT_U8 || ctx->in[0]->type == QS_ELEMENT_I8))
    return _qs_op_max_pool_codes (ctx, error);
  return float_op_on_codes (ctx, _qs_op_pool_table, error);
}

static gboolean
op_interpolate_codes (QsOpCtx *ctx,
                      GError **error)
{
  const QsOpEntry *e;
  int opset = qs_node_opset (ctx->node);

  /* nearest copies u8 and i8 codes in their own type (qs-op-interpolate.c) */
  if (g_strcmp0 (qs_node_get_attr (ctx->node, "mode"), "nearest") == 0 && ctx->n_in >= 1 && ctx->in[0] != NULL &&
      (ctx->in[0]->type == QS_ELEMENT_U8 || ctx->in[0]->type == QS_ELEMENT_I8))
    for (e = _qs_op_interpolate_table; e->type != NULL; e++)
      if (strcmp (e->type, ctx->node->type) == 0 && opset >= e->min_opset && opset <= e->max_opset)
        return e->func (ctx, error);
  return float_op_on_codes (ctx, _qs_op_interpolate_table, error);
}

const QsOpEntry _qs_op_int8_table[] = {
  { "Quantize", QS_OPSET_QSCOPE, QS_OPSET_QSCOPE, op_quantize },
  { "Dequantize", QS_OPSET_QSCOPE, QS_OPSET_QSCOPE, op_dequantize },
  { "Requantize", QS_OPSET_QSCOPE, QS_OPSET_QSCOPE, op_requantize },
  { "Convolution", 1, G_MAXINT, op_convolution_int8 },
  { "GroupConvolution", 1, G_MAXINT, op_group_convolution_int8 },
  { "ConvolutionBackpropData", 1, G_MAXINT, op_convolution_backprop_int8 },
  { "GroupConvolutionBackpropData", 1, G_MAXINT, op_group_convolution_backprop_int8 },
  { "MatMul", 1, G_MAXINT, op_matmul_int8 },
  { "MaxPool", 1, G_MAXINT, op_pool_codes },
  { "AvgPool", 1, G_MAXINT, op_pool_codes },
  { "Interpolate", 1, G_MAXINT, op_interpolate_codes },
  { NULL, 0, 0, NULL }
};

const QsNode *
qs_exec_int8_fq_origin (const QsNode *node,
                        int          *qmin)
{
  gint64 v = 0;

  if (g_strcmp0 (node->version, "qscope") != 0 ||
      (!qs_node_is_type (node, "Quantize") && !qs_node_is_type (node, "Requantize")) ||
      node->origin == NULL || !qs_node_is_type (node->origin, "FakeQuantize"))
    return NULL;
  if (!qs_node_get_int (node, "qmin", 0, &v, NULL))
    return NULL;
  if (qmin != NULL)
    *qmin = (int) v;
  return node->origin;
}
