/* qs-op-eltwise.c — element-wise ops: arithmetic, comparisons, activations, Convert
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Float tensors compute in f32 with a tight inner loop over the broadcast
 * walk; integer tensors (shape subgraphs, masks) compute in int64 and are
 * stored back in the first input's type.
 */
#include "config.h"

#include <string.h>

#include "qs-op-private.h"
#include "qs-rows-private.h"

typedef enum
{
  BIN_ADD, BIN_SUB, BIN_MUL, BIN_DIV, BIN_MAX, BIN_MIN, BIN_POW, BIN_MOD, BIN_FLOORMOD, BIN_SQDIFF,
  BIN_EQ, BIN_NE, BIN_LT, BIN_LE, BIN_GT, BIN_GE, BIN_AND, BIN_OR, BIN_XOR,
} BinOp;

static gboolean
is_compare (BinOp op)
{
  return op >= BIN_EQ;
}

static inline float
bin_f32 (BinOp op,
         float a,
         float b)
{
  switch (op)
    {
    case BIN_ADD: return a + b;
    case BIN_SUB: return a - b;
    case BIN_MUL: return a * b;
    case BIN_DIV: return a / b;
    case BIN_MAX: return a > b ? a : b;
    case BIN_MIN: return a < b ? a : b;
    case BIN_POW: return powf (a, b);
    case BIN_MOD: return fmodf (a, b);
    case BIN_FLOORMOD:
      {
        float r = fmodf (a, b);
        return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
      }
    case BIN_SQDIFF: return (a - b) * (a - b);
    case BIN_EQ: return a == b;
    case BIN_NE: return a != b;
    case BIN_LT: return a < b;
    case BIN_LE: return a <= b;
    case BIN_GT: return a > b;
    case BIN_GE: return a >= b;
    case BIN_AND: return (a != 0) && (b != 0);
    case BIN_OR: return (a != 0) || (b != 0);
    case BIN_XOR: return (a != 0) != (b != 0);
    default: return 0;
    }
}

static inline gint64
bin_i64 (BinOp    op,
         gint64   a,
         gint64   b,
         gboolean pythondiv)
{
  switch (op)
    {
    case BIN_ADD: return (gint64) ((guint64) a + (guint64) b);
    case BIN_SUB: return (gint64) ((guint64) a - (guint64) b);
    case BIN_MUL: return (gint64) ((guint64) a * (guint64) b);
    case BIN_DIV:
      if (b == 0)
        return 0;
      if (pythondiv)
        {
          gint64 q = a / b;
          if ((a % b != 0) && ((a < 0) != (b < 0)))
            q--;
          return q;
        }
      return a / b;
    case BIN_MAX: return MAX (a, b);
    case BIN_MIN: return MIN (a, b);
    case BIN_POW:
      {
        gint64 r = 1;
        if (b < 0)
          return 0;
        while (b-- > 0)
          r *= a;
        return r;
      }
    case BIN_MOD: return b == 0 ? 0 : a % b;
    case BIN_FLOORMOD:
      {
        gint64 r;
        if (b == 0)
          return 0;
        r = a % b;
        return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
      }
    case BIN_SQDIFF: return (a - b) * (a - b);
    case BIN_EQ: return a == b;
    case BIN_NE: return a != b;
    case BIN_LT: return a < b;
    case BIN_LE: return a <= b;
    case BIN_GT: return a > b;
    case BIN_GE: return a >= b;
    case BIN_AND: return a && b;
    case BIN_OR: return a || b;
    case BIN_XOR: return (a != 0) != (b != 0);
    default: return 0;
    }
}

/* The smallest value of a signed integer type; 0 for the others, whose
 * quotient by -1 cannot overflow because they hold no -1. */
static gint64
int_type_min (QsElementType type)
{
  switch (type)
    {
    case QS_ELEMENT_I64: return G_MININT64;
    case QS_ELEMENT_I32: return G_MININT32;
    case QS_ELEMENT_I16: return G_MININT16;
    case QS_ELEMENT_I8: return G_MININT8;
    default: return 0;
    }
}

/* The row loop of @op (qs-rows-private.h), or QS_ROW_N_BINARY. */
static QsRowBinary
row_op (BinOp op)
{
  switch (op)
    {
    case BIN_ADD: return QS_ROW_ADD;
    case BIN_SUB: return QS_ROW_SUB;
    case BIN_MUL: return QS_ROW_MUL;
    case BIN_DIV: return QS_ROW_DIV;
    case BIN_MAX: return QS_ROW_MAX;
    case BIN_MIN: return QS_ROW_MIN;
    default: return QS_ROW_N_BINARY;
    }
}

/* A piece of the rows of a float binary op (_qs_rows_parallel()). */
typedef struct
{
  const QsBcast  *bc;
  BinOp           op;
  const float    *a, *b;
  float          *o;
  gint64          sa, sb;     /* strides along a row: 1, or 0 for one value */
  QsRowBinaryFunc row_func;   /* or NULL: per element */
} BinaryRows;

static void
binary_rows (gsize    row,
             gsize    first,
             gsize    count,
             gpointer data)
{
  const BinaryRows *job = data;
  gsize off[3];
  float *o;
  const float *x, *y;

  _qs_bcast_row (job->bc, row, off);
  o = job->o + off[0] + first;
  x = job->a + off[1] + first * job->sa;
  y = job->b + off[2] + first * job->sb;
  if (job->row_func != NULL)
    job->row_func (x, y, o, count);
  else
    for (gsize i = 0; i < count; i++)
      o[i] = bin_f32 (job->op, x[i * job->sa], y[i * job->sb]);
}

static gboolean
binary (QsOpCtx *ctx,
        BinOp    op,
        GError **error)
{
  QsTensor *a, *b;
  QsTensor *ops[3];
  int rank;
  gint64 dims[QS_TENSOR_MAX_RANK];
  g_autoptr(QsTensor) out = NULL;
  QsBcast bc;
  gsize row, off[3], i, inner;
  const char *mode;
  gboolean pythondiv = TRUE;
  gboolean use_float;

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  a = ctx->in[0];
  b = ctx->in[1];
  mode = qs_node_get_attr (ctx->node, "auto_broadcast");
  if (mode != NULL && strcmp (mode, "none") == 0 && !qs_tensor_same_shape (a, b))
    return _qs_op_fail (error, "auto_broadcast=none with different shapes");
  if (mode != NULL && strcmp (mode, "pdpd") == 0 && !qs_tensor_same_shape (a, b) && b->n_elements != 1)
    return _qs_op_fail (error, "auto_broadcast=pdpd is not supported");
  if (op == BIN_DIV && !qs_node_get_bool (ctx->node, "m_pythondiv", TRUE, &pythondiv, error))
    return FALSE;

  ops[1] = a;
  ops[2] = b;
  if (!_qs_op_broadcast_shape (ops + 1, 2, &rank, dims, error))
    return FALSE;

  use_float = a->type == QS_ELEMENT_F32 || b->type == QS_ELEMENT_F32;
  if (is_compare (op))
    out = qs_tensor_new_uninit (QS_ELEMENT_BOOLEAN, rank, dims);
  else
    out = qs_tensor_new_uninit (use_float ? QS_ELEMENT_F32 : a->type, rank, dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  ops[0] = out;
  _qs_bcast_init (&bc, rank, dims, ops, 3);
  inner = bc.dims[bc.rank - 1];

  if (use_float && a->type == QS_ELEMENT_F32 && b->type == QS_ELEMENT_F32 && out->type == QS_ELEMENT_F32)
    {
      const float *pa = a->data, *pb = b->data;
      float *po = out->data;
      gint64 sa = bc.strides[1][bc.rank - 1], sb = bc.strides[2][bc.rank - 1];
      QsRowBinaryFunc row_func = NULL;

      /* along the merged last axis each operand is contiguous (stride 1)
       * or one value (stride 0); a row of one element is either */
      if (row_op (op) < QS_ROW_N_BINARY)
        {
          QsRowForm form = inner == 1 || (sa == 1 && sb == 1) ? QS_ROW_VV
                           : sa == 1 && sb == 0 ? QS_ROW_VS
                           : sa == 0 && sb == 1 ? QS_ROW_SV : QS_ROW_N_FORMS;

          if (form < QS_ROW_N_FORMS)
            row_func = _qs_rows ()->binary[row_op (op)][form];
        }
      {
        BinaryRows job = { &bc, op, pa, pb, po, sa, sb, row_func };

        _qs_rows_parallel_summary (bc.n_outer, inner, binary_rows, &job, po, _qs_op_output_summary (ctx, out));
      }
    }
  else
    {
      gint64 sa = bc.strides[1][bc.rank - 1], sb = bc.strides[2][bc.rank - 1];

      for (row = 0; row < bc.n_outer; row++)
        {
          _qs_bcast_row (&bc, row, off);
          for (i = 0; i < inner; i++)
            {
              gsize ia = off[1] + i * sa, ib = off[2] + i * sb;
              if (use_float)
                qs_tensor_set_f64 (out, off[0] + i,
                                   bin_f32 (op, (float) qs_tensor_get_f64 (a, ia), (float) qs_tensor_get_f64 (b, ib)));
              else
                {
                  gint64 x = qs_tensor_get_i64 (a, ia), y = qs_tensor_get_i64 (b, ib), v;

                  if (op == BIN_DIV && y == 0)
                    return _qs_op_fail (error, "integer division by zero");
                  if (op == BIN_DIV && y == -1 && x == int_type_min (out->type))
                    return _qs_op_fail (error, "integer division overflow (the type's minimum by -1)");
                  v = bin_i64 (op, x, y, pythondiv);
                  if (out->type == QS_ELEMENT_I64)
                    ((gint64 *) out->data)[off[0] + i] = v;
                  else
                    qs_tensor_set_f64 (out, off[0] + i, (double) v);
                }
            }
        }
    }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

#define BINARY(fn, OP) \
  static gboolean fn (QsOpCtx *ctx, GError **error) { return binary (ctx, OP, error); }

BINARY (op_add, BIN_ADD)
BINARY (op_sub, BIN_SUB)
BINARY (op_mul, BIN_MUL)
BINARY (op_div, BIN_DIV)
BINARY (op_max, BIN_MAX)
BINARY (op_min, BIN_MIN)
BINARY (op_pow, BIN_POW)
BINARY (op_mod, BIN_MOD)
BINARY (op_floormod, BIN_FLOORMOD)
BINARY (op_sqdiff, BIN_SQDIFF)
BINARY (op_eq, BIN_EQ)
BINARY (op_ne, BIN_NE)
BINARY (op_lt, BIN_LT)
BINARY (op_le, BIN_LE)
BINARY (op_gt, BIN_GT)
BINARY (op_ge, BIN_GE)
BINARY (op_and, BIN_AND)
BINARY (op_or, BIN_OR)
BINARY (op_xor, BIN_XOR)

/* ---- unary ---- */

typedef enum
{
  UN_RELU, UN_SIGMOID, UN_TANH, UN_EXP, UN_SQRT, UN_ERF, UN_HSWISH, UN_HSIGMOID, UN_MISH, UN_SOFTPLUS,
  UN_ABS, UN_NEG, UN_FLOOR, UN_CEIL, UN_LOG, UN_SIN, UN_COS, UN_GELU_ERF, UN_GELU_TANH, UN_ELU, UN_CLAMP,
  UN_SWISH, UN_HARD_SIGMOID, UN_ROUND_EVEN, UN_ROUND_AWAY, UN_NOT, UN_SIGN,
} UnOp;

/* Always inlined: a loop with a constant @op then has no switch in it. */
static inline G_ALWAYS_INLINE float
un_f32 (UnOp  op,
        float x,
        float p0,
        float p1)
{
  switch (op)
    {
    case UN_RELU: return x > 0 ? x : 0;
    case UN_SIGMOID: return 1.0f / (1.0f + _qs_rows_expf (-x));
    case UN_TANH: return tanhf (x);
    case UN_EXP: return _qs_rows_expf (x);
    case UN_SQRT: return sqrtf (x);
    case UN_ERF: return erff (x);
    case UN_HSWISH: return x * fminf (fmaxf (x + 3.0f, 0.0f), 6.0f) / 6.0f;
    case UN_HSIGMOID: return fminf (fmaxf (x + 3.0f, 0.0f), 6.0f) / 6.0f;
    case UN_MISH: return x * tanhf (log1pf (expf (x)));
    case UN_SOFTPLUS: return x > 20.0f ? x : log1pf (expf (x));
    case UN_ABS: return fabsf (x);
    case UN_NEG: return -x;
    case UN_FLOOR: return floorf (x);
    case UN_CEIL: return ceilf (x);
    case UN_LOG: return logf (x);
    case UN_SIN: return sinf (x);
    case UN_COS: return cosf (x);
    case UN_GELU_ERF: return 0.5f * x * (1.0f + erff (x * (float) M_SQRT1_2));
    case UN_GELU_TANH:
      return 0.5f * x * (1.0f + tanhf (0.7978845608028654f * (x + 0.044715f * x * x * x)));
    case UN_ELU: return x >= 0 ? x : p0 * (expf (x) - 1.0f);
    case UN_CLAMP: return x < p0 ? p0 : (x > p1 ? p1 : x);
    case UN_SWISH: return x / (1.0f + _qs_rows_expf (-p0 * x));
    case UN_HARD_SIGMOID: return fmaxf (0.0f, fminf (1.0f, p0 * x + p1));
    case UN_ROUND_EVEN: return nearbyintf (x);
    case UN_ROUND_AWAY: return roundf (x);
    case UN_NOT: return x == 0;
    case UN_SIGN: return (x > 0) - (x < 0);
    default: return x;
    }
}

/* A piece of a float unary op (_qs_rows_parallel()). */
typedef struct
{
  UnOp          op;
  float         p0, p1;
  const float  *src;
  float        *dst;
  const QsRows *rows;
} UnaryRows;

static void
unary_rows (gsize    row,
            gsize    first,
            gsize    n,
            gpointer data)
{
  const UnaryRows *job = data;
  UnOp op = job->op;
  float p0 = job->p0, p1 = job->p1;
  const float *src = job->src + first;
  float *dst = job->dst + first;
  gsize i;

  switch (op)
    {
#define UNARY_LOOP(o) case o: for (i = 0; i < n; i++) dst[i] = un_f32 (o, src[i], p0, p1); break;
      UNARY_LOOP (UN_TANH) UNARY_LOOP (UN_SQRT)
      UNARY_LOOP (UN_ERF) UNARY_LOOP (UN_HSWISH) UNARY_LOOP (UN_HSIGMOID) UNARY_LOOP (UN_MISH)
      UNARY_LOOP (UN_SOFTPLUS) UNARY_LOOP (UN_ABS) UNARY_LOOP (UN_NEG) UNARY_LOOP (UN_FLOOR)
      UNARY_LOOP (UN_CEIL) UNARY_LOOP (UN_LOG) UNARY_LOOP (UN_SIN) UNARY_LOOP (UN_COS)
      UNARY_LOOP (UN_GELU_ERF) UNARY_LOOP (UN_GELU_TANH) UNARY_LOOP (UN_ELU)
      UNARY_LOOP (UN_HARD_SIGMOID) UNARY_LOOP (UN_ROUND_EVEN) UNARY_LOOP (UN_ROUND_AWAY)
      UNARY_LOOP (UN_NOT) UNARY_LOOP (UN_SIGN)
#undef UNARY_LOOP
    /* the expressions of un_f32 as vectorised row loops */
    case UN_RELU:
      job->rows->relu (src, dst, n);
      break;
    case UN_CLAMP:
      job->rows->clamp (src, p0, p1, dst, n);
      break;
    case UN_EXP:
      job->rows->exp (src, dst, n);
      break;
    case UN_SIGMOID:
      job->rows->sigmoid (src, dst, n);
      break;
    case UN_SWISH:
      job->rows->swish (src, p0, dst, n);
      break;
    default:
      for (i = 0; i < n; i++)
        dst[i] = un_f32 (op, src[i], p0, p1);
      break;
    }
}

static gboolean
unary_full (QsOpCtx *ctx,
            UnOp     op,
            float    p0,
            float    p1,
            GError **error)
{
  QsTensor *x;
  g_autoptr(QsTensor) out = NULL;
  gsize i, n;

  if (!_qs_op_need_inputs (ctx, 1, error))
    return FALSE;
  x = ctx->in[0];
  n = x->n_elements;
  if (x->type == QS_ELEMENT_F32)
    {
      const float *src = x->data;
      float *dst;

      out = qs_tensor_new_uninit (QS_ELEMENT_F32, x->rank, x->dims);
      if (out == NULL)
        return _qs_op_fail_alloc (error, "the output");
      dst = out->data;
      {
        UnaryRows job = { op, p0, p1, src, dst, _qs_rows () };

        _qs_rows_parallel_summary (1, n, unary_rows, &job, dst, _qs_op_output_summary (ctx, out));
      }
    }
  else if (op == UN_FLOOR || op == UN_CEIL || op == UN_ROUND_EVEN || op == UN_ROUND_AWAY)
    {
      /* integers are their own floor, ceiling and rounding; going through
       * a float would lose the low bits of large values */
      out = qs_tensor_copy (x);
      if (out == NULL)
        return _qs_op_fail_alloc (error, "the output");
    }
  else
    {
      /* integer tensors: computed in double, stored back (Clamp rounds its bounds inward) */
      if (op == UN_CLAMP)
        {
          p0 = ceilf (p0);
          p1 = floorf (p1);
        }
      /* LogicalNot keeps the element type, as OpenVINO's reference does for u8 */
      out = qs_tensor_new_uninit (x->type, x->rank, x->dims);
      if (out == NULL)
        return _qs_op_fail_alloc (error, "the output");
      for (i = 0; i < n; i++)
        {
          double v = qs_tensor_get_f64 (x, i);
          double r = un_f32 (op, (float) v, p0, p1);
          if (op == UN_ABS)
            r = fabs (v);
          else if (op == UN_NEG)
            r = -v;
          else if (op == UN_RELU)
            r = v > 0 ? v : 0;
          /* Exp, Log, Sin and Elu truncate toward zero, the others round,
           * as OpenVINO's reference does for integer tensors */
          qs_tensor_set_f64 (out, i, op == UN_EXP || op == UN_LOG || op == UN_SIN || op == UN_ELU ? trunc (r)
                                     : nearbyint (r));
        }
    }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

#define UNARY(fn, OP) \
  static gboolean fn (QsOpCtx *ctx, GError **error) { return unary_full (ctx, OP, 0, 0, error); }

UNARY (op_relu, UN_RELU)
UNARY (op_sigmoid, UN_SIGMOID)
UNARY (op_tanh, UN_TANH)
UNARY (op_exp, UN_EXP)
UNARY (op_sqrt, UN_SQRT)
UNARY (op_erf, UN_ERF)
UNARY (op_hswish, UN_HSWISH)
UNARY (op_hsigmoid, UN_HSIGMOID)
UNARY (op_mish, UN_MISH)
UNARY (op_softplus, UN_SOFTPLUS)
UNARY (op_abs, UN_ABS)
UNARY (op_neg, UN_NEG)
UNARY (op_floor, UN_FLOOR)
UNARY (op_ceil, UN_CEIL)
UNARY (op_log, UN_LOG)
UNARY (op_sin, UN_SIN)
UNARY (op_cos, UN_COS)
UNARY (op_not, UN_NOT)
UNARY (op_sign, UN_SIGN)

static gboolean
op_gelu (QsOpCtx *ctx,
         GError **error)
{
  const char *mode = qs_node_get_attr (ctx->node, "approximation_mode");

  if (mode != NULL && g_ascii_strcasecmp (mode, "tanh") == 0)
    return unary_full (ctx, UN_GELU_TANH, 0, 0, error);
  if (mode != NULL && g_ascii_strcasecmp (mode, "erf") != 0)
    return _qs_op_fail (error, "approximation_mode “%s” is unknown", mode);
  return unary_full (ctx, UN_GELU_ERF, 0, 0, error);
}

static gboolean
op_elu (QsOpCtx *ctx,
        GError **error)
{
  double alpha;

  if (!qs_node_get_double (ctx->node, "alpha", 1.0, &alpha, error))
    return FALSE;
  return unary_full (ctx, UN_ELU, (float) alpha, 0, error);
}

static gboolean
op_clamp (QsOpCtx *ctx,
          GError **error)
{
  double lo, hi;

  if (!qs_node_get_double (ctx->node, "min", -INFINITY, &lo, error) ||
      !qs_node_get_double (ctx->node, "max", INFINITY, &hi, error))
    return FALSE;
  if (!(lo <= hi))
    return _qs_op_fail (error, "min %g is greater than max %g", lo, hi);
  return unary_full (ctx, UN_CLAMP, (float) lo, (float) hi, error);
}

static gboolean
op_swish (QsOpCtx *ctx,
          GError **error)
{
  float beta = 1.0f;

  if (ctx->n_in > 1 && ctx->in[1] != NULL)
    {
      if (ctx->in[1]->n_elements != 1)
        return _qs_op_fail (error, "beta must be a scalar");
      beta = (float) qs_tensor_get_f64 (ctx->in[1], 0);
    }
  return unary_full (ctx, UN_SWISH, beta, 0, error);
}

/* HardSigmoid-1: max(0, min(1, alpha·x + beta)), alpha and beta one-element
 * inputs */
static gboolean
op_hard_sigmoid (QsOpCtx *ctx,
                 GError **error)
{
  if (!_qs_op_need_inputs (ctx, 3, error))
    return FALSE;
  if (ctx->in[1]->n_elements != 1 || ctx->in[2]->n_elements != 1)
    return _qs_op_fail (error, "alpha and beta must each hold one value (they hold %" G_GSIZE_FORMAT " and %" G_GSIZE_FORMAT ")",
                        ctx->in[1]->n_elements, ctx->in[2]->n_elements);
  if (ctx->in[0]->type != QS_ELEMENT_F32)
    return _qs_op_fail (error, "HardSigmoid needs float data");
  return unary_full (ctx, UN_HARD_SIGMOID, (float) qs_tensor_get_f64 (ctx->in[1], 0),
                     (float) qs_tensor_get_f64 (ctx->in[2], 0), error);
}

static gboolean
op_round (QsOpCtx *ctx,
          GError **error)
{
  const char *mode = qs_node_get_attr (ctx->node, "mode");

  if (g_strcmp0 (mode, "half_away_from_zero") == 0)
    return unary_full (ctx, UN_ROUND_AWAY, 0, 0, error);
  if (mode != NULL && strcmp (mode, "half_to_even") != 0)
    return _qs_op_fail (error, "mode “%s” is unknown", mode);
  return unary_full (ctx, UN_ROUND_EVEN, 0, 0, error);
}

/* A piece of PReLU's rows (_qs_rows_parallel()): with a broadcast, its
 * rows; without, row n · C + c of the data takes slope c. */
typedef struct
{
  const QsRows  *rows;
  const QsBcast *bc;            /* or NULL: one slope per channel row */
  const float   *x, *slope;
  float         *o;
  gsize          C, inner;
  gint64         ss;            /* the slope's stride along a row */
} PreluRows;

static void
prelu_rows (gsize    row,
            gsize    first,
            gsize    count,
            gpointer data)
{
  const PreluRows *job = data;
  gsize off[3];

  if (job->bc == NULL)
    {
      gsize base = row * job->inner + first;

      job->rows->prelu_scalar (job->x + base, job->slope[row % job->C], job->o + base, count);
      return;
    }
  _qs_bcast_row (job->bc, row, off);
  if (job->ss == 0)
    job->rows->prelu_scalar (job->x + off[1] + first, job->slope[off[2]], job->o + off[0] + first, count);
  else
    job->rows->prelu (job->x + off[1] + first, job->slope + off[2] + first, job->o + off[0] + first, count);
}

static gboolean
op_prelu (QsOpCtx *ctx,
          GError **error)
{
  QsTensor *x, *slope;
  g_autoptr(QsTensor) out = NULL;
  const QsRows *rows = _qs_rows ();

  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  x = ctx->in[0];
  slope = ctx->in[1];
  if (x->type != QS_ELEMENT_F32 || slope->type != QS_ELEMENT_F32)
    return _qs_op_fail (error, "PReLU needs float inputs");
  out = qs_tensor_new_uninit (QS_ELEMENT_F32, x->rank, x->dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  /* a 1-D slope as long as the channels applies per channel (axis 1) */
  if (slope->rank == 1 && x->rank >= 2 && slope->dims[0] == x->dims[1] && slope->dims[0] != 1)
    {
      gsize inner = _qs_dims_product (x->dims, 2, x->rank), C = x->dims[1];
      PreluRows job = { rows, NULL, x->data, slope->data, out->data, C, inner, 0 };

      _qs_rows_parallel_summary ((gsize) x->dims[0] * C, inner, prelu_rows, &job, out->data,
                                 _qs_op_output_summary (ctx, out));
    }
  else
    {
      QsTensor *ops[3] = { out, x, slope };
      QsBcast bc;
      gsize inner;
      int rank;
      gint64 dims[QS_TENSOR_MAX_RANK];
      gint64 ss;

      if (!_qs_op_broadcast_shape (ops + 1, 2, &rank, dims, error))
        return FALSE;
      if (rank != x->rank || memcmp (dims, x->dims, sizeof (gint64) * rank) != 0)
        return _qs_op_fail (error, "slope does not broadcast to the data");
      _qs_bcast_init (&bc, rank, dims, ops, 3);
      inner = bc.dims[bc.rank - 1];
      /* the output has the data's shape, so the data is contiguous along
       * the merged last axis (or the row is one element); the slope is
       * contiguous or one value */
      ss = inner == 1 ? 1 : bc.strides[2][bc.rank - 1];
      {
        PreluRows job = { rows, &bc, x->data, slope->data, out->data, 0, inner, ss };

        _qs_rows_parallel_summary (bc.n_outer, inner, prelu_rows, &job, out->data, _qs_op_output_summary (ctx, out));
      }
    }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

static gboolean
op_select (QsOpCtx *ctx,
           GError **error)
{
  QsTensor *ops[4];
  int rank;
  gint64 dims[QS_TENSOR_MAX_RANK];
  g_autoptr(QsTensor) out = NULL;
  QsBcast bc;
  gsize row, off[4], i, inner;
  QsElementType type;

  if (!_qs_op_need_inputs (ctx, 3, error))
    return FALSE;
  if (!_qs_op_broadcast_shape (ctx->in, 3, &rank, dims, error))
    return FALSE;
  type = ctx->in[1]->type == QS_ELEMENT_F32 || ctx->in[2]->type == QS_ELEMENT_F32 ? QS_ELEMENT_F32 : ctx->in[1]->type;
  out = qs_tensor_new (type, rank, dims);
  if (out == NULL)
    return _qs_op_fail_alloc (error, "the output");
  ops[0] = out;
  ops[1] = ctx->in[0];
  ops[2] = ctx->in[1];
  ops[3] = ctx->in[2];
  _qs_bcast_init (&bc, rank, dims, ops, 4);
  inner = bc.dims[bc.rank - 1];
  for (row = 0; row < bc.n_outer; row++)
    {
      _qs_bcast_row (&bc, row, off);
      for (i = 0; i < inner; i++)
        {
          gboolean c = qs_tensor_get_f64 (ops[1], off[1] + i * bc.strides[1][bc.rank - 1]) != 0;
          QsTensor *src = c ? ops[2] : ops[3];
          gsize idx = c ? off[2] + i * bc.strides[2][bc.rank - 1] : off[3] + i * bc.strides[3][bc.rank - 1];

          if (type == QS_ELEMENT_I64)
            ((gint64 *) out->data)[off[0] + i] = qs_tensor_get_i64 (src, idx);
          else
            qs_tensor_set_f64 (out, off[0] + i, qs_tensor_get_f64 (src, idx));
        }
    }
  ctx->out[0] = g_steal_pointer (&out);
  return TRUE;
}

static QsElementType
exec_type_for (QsElementType t)
{
  switch (t)
    {
    case QS_ELEMENT_I64:
    case QS_ELEMENT_U64:
    case QS_ELEMENT_U32:
      return QS_ELEMENT_I64;
    case QS_ELEMENT_I32:
    case QS_ELEMENT_I16:
    case QS_ELEMENT_U16:
    case QS_ELEMENT_I4:
    case QS_ELEMENT_U4:
      return QS_ELEMENT_I32;
    case QS_ELEMENT_U8:
    case QS_ELEMENT_I8:
    case QS_ELEMENT_BOOLEAN:
      return t;
    default:
      return QS_ELEMENT_F32;
    }
}

/* Convert: f16/bf16/f64 destinations compute as f32 (the brief: f16 models
 * compute in f32), so f16 -> f32 decompression is the identity. */
static gboolean
op_convert (QsOpCtx *ctx,
            GError **error)
{
  const char *dst = qs_node_get_attr (ctx->node, "destination_type");
  QsElementType t;

  if (!_qs_op_need_inputs (ctx, 1, error))
    return FALSE;
  if (dst == NULL)
    return _qs_op_fail (error, "destination_type is missing");
  t = qs_element_type_from_string (dst);
  if (t >= QS_ELEMENT_N_TYPES)
    return _qs_op_fail (error, "attribute destination_type=“%s” is not an element type", dst);
  if (t == QS_ELEMENT_UNDEFINED || t == QS_ELEMENT_STRING)
    return _qs_op_fail (error, "destination_type “%s” is not supported", dst);
  if (t == QS_ELEMENT_F16 && ctx->in[0]->type == QS_ELEMENT_F32)
    {
      /* floats stay in f32 here, but the values must be those an f16 can
       * hold: round to nearest even, overflow to infinity */
      float *d;
      gsize i;

      ctx->out[0] = qs_tensor_copy (ctx->in[0]);
      if (ctx->out[0] == NULL)
        return _qs_op_fail_alloc (error, "the output");
      d = ctx->out[0]->data;
      for (i = 0; i < ctx->out[0]->n_elements; i++)
        d[i] = qs_f16_to_f32 (qs_f32_to_f16 (d[i]));
      return TRUE;
    }
  t = exec_type_for (t);
  if (t == ctx->in[0]->type)
    ctx->out[0] = qs_tensor_ref (ctx->in[0]);
  else
    ctx->out[0] = qs_tensor_convert (ctx->in[0], t);
  if (ctx->out[0] == NULL)
    return _qs_op_fail_alloc (error, "the output");
  return TRUE;
}

static gboolean
op_convert_like (QsOpCtx *ctx,
                 GError **error)
{
  if (!_qs_op_need_inputs (ctx, 2, error))
    return FALSE;
  if (ctx->in[1]->type == ctx->in[0]->type)
    ctx->out[0] = qs_tensor_ref (ctx->in[0]);
  else
    ctx->out[0] = qs_tensor_convert (ctx->in[0], ctx->in[1]->type);
  if (ctx->out[0] == NULL)
    return _qs_op_fail_alloc (error, "the output");
  return TRUE;
}

static gboolean
op_result (QsOpCtx *ctx,
           GError **error)
{
  return TRUE;
}

const QsOpEntry _qs_op_eltwise_table[] = {
  { "Add", 1, G_MAXINT, op_add },
  { "Subtract", 1, G_MAXINT, op_sub },
  { "Multiply", 1, G_MAXINT, op_mul },
  { "Divide", 1, G_MAXINT, op_div },
  { "Maximum", 1, G_MAXINT, op_max },
  { "Minimum", 1, G_MAXINT, op_min },
  { "Power", 1, G_MAXINT, op_pow },
  { "Mod", 1, G_MAXINT, op_mod },
  { "FloorMod", 1, G_MAXINT, op_floormod },
  { "SquaredDifference", 1, G_MAXINT, op_sqdiff },
  { "Equal", 1, G_MAXINT, op_eq },
  { "NotEqual", 1, G_MAXINT, op_ne },
  { "Less", 1, G_MAXINT, op_lt },
  { "LessEqual", 1, G_MAXINT, op_le },
  { "Greater", 1, G_MAXINT, op_gt },
  { "GreaterEqual", 1, G_MAXINT, op_ge },
  { "LogicalAnd", 1, G_MAXINT, op_and },
  { "LogicalOr", 1, G_MAXINT, op_or },
  { "LogicalXor", 1, G_MAXINT, op_xor },
  { "LogicalNot", 1, G_MAXINT, op_not },
  { "Select", 1, G_MAXINT, op_select },
  { "ReLU", 1, G_MAXINT, op_relu },
  { "Relu", 1, G_MAXINT, op_relu },
  { "Sigmoid", 1, G_MAXINT, op_sigmoid },
  { "Tanh", 1, G_MAXINT, op_tanh },
  { "Exp", 1, G_MAXINT, op_exp },
  { "Sqrt", 1, G_MAXINT, op_sqrt },
  { "Erf", 1, G_MAXINT, op_erf },
  { "HSwish", 4, G_MAXINT, op_hswish },
  { "HSigmoid", 5, G_MAXINT, op_hsigmoid },
  { "HardSigmoid", 1, G_MAXINT, op_hard_sigmoid },
  { "Mish", 4, G_MAXINT, op_mish },
  { "SoftPlus", 4, G_MAXINT, op_softplus },
  { "Abs", 1, G_MAXINT, op_abs },
  { "Negative", 1, G_MAXINT, op_neg },
  { "Floor", 1, G_MAXINT, op_floor },
  { "Ceiling", 1, G_MAXINT, op_ceil },
  { "Log", 1, G_MAXINT, op_log },
  { "Sin", 1, G_MAXINT, op_sin },
  { "Cos", 1, G_MAXINT, op_cos },
  { "Sign", 1, G_MAXINT, op_sign },
  { "Round", 5, G_MAXINT, op_round },
  { "Gelu", 2, G_MAXINT, op_gelu },
  { "Elu", 1, G_MAXINT, op_elu },
  { "Clamp", 1, G_MAXINT, op_clamp },
  { "Swish", 4, G_MAXINT, op_swish },
  { "PReLU", 1, G_MAXINT, op_prelu },
  { "Convert", 1, G_MAXINT, op_convert },
  { "ConvertLike", 1, G_MAXINT, op_convert_like },
  { "Result", 1, G_MAXINT, op_result },
  { NULL, 0, 0, NULL }
};
