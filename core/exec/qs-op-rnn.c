/* qs-op-rnn.c — the recurrent cells and sequences
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * RNNCell-0, GRUCell-3, LSTMCell-1 and -4, RNNSequence-5, GRUSequence-5,
 * LSTMSequence-1 and -5.  A cell is a sequence of one step in one
 * direction, so all of them run through one loop: for each direction and
 * each batch row, the steps 0 .. seq_lengths[b] - 1 (walked backwards for
 * the reverse direction, which reverses only those valid steps), each
 * writing its hidden state to Y[b, dir, t].  Steps past a row's length
 * stay zero in Y, and the row's final states are those of its last valid
 * step (zero when its length is 0), as the op reference computes them.
 *
 * Gate rows are in OpenVINO's orders: RNN one gate; GRU z, r, h (with
 * linear_before_reset the bias has a fourth part, the recurrence bias of
 * h, applied before the reset gate); LSTM f, i, c, o ("fico").  clip bounds
 * every gate's pre-activation to [-clip, clip] when it is positive (not
 * the argument of h(Ct)).  The spec's activations are relu, sigmoid and
 * tanh; OpenVINO also accepts hardsigmoid, max(0, min(1, alpha·x + beta)),
 * whose alpha and beta are activation k's entries of activations_alpha
 * and activations_beta (ONNX's 0.2 and 0.5 where the lists are shorter);
 * the other three take no parameter.
 * LSTMCell-1 and LSTMSequence-1 add the peepholes P (f, i, o parts: f and i
 * see Ct-1, o sees Ct) and input_forget (i = 1 - f); their weights_format
 * must be fico, the order the others use.  Sums are in double.
 */
#include "config.h"

#include <string.h>

#include "qs-op-private.h"

typedef enum
{
  KIND_RNN,
  KIND_GRU,
  KIND_LSTM,
} Kind;

typedef enum
{
  ACT_SIGMOID,
  ACT_TANH,
  ACT_RELU,
  ACT_HARD_SIGMOID,
} Act;

typedef struct
{
  Kind      kind;
  int       version;
  gboolean  sequence;
  gint64    hs;                  /* hidden_size */
  gint64    in_size;
  guint     n_gates;             /* rows of W per hidden unit */
  Act       act[3];              /* f, g, h */
  double    alpha[3], beta[3];   /* of each activation (hardsigmoid's) */
  double    clip;                /* 0: none */
  gboolean  linear_before_reset; /* GRU */
  gboolean  input_forget;        /* LSTM-1 */
  gsize     b_size;              /* bias elements per direction */
} Cell;

static const char *
kind_name (Kind kind)
{
  return kind == KIND_RNN ? "RNN" : kind == KIND_GRU ? "GRU" : "LSTM";
}

static inline double
activate (const Cell *cell,
          guint       k,
          double      x,
          double      clip)
{
  if (clip > 0)
    x = CLAMP (x, -clip, clip);
  switch (cell->act[k])
    {
    case ACT_SIGMOID: return 1.0 / (1.0 + exp (-x));
    case ACT_TANH: return tanh (x);
    case ACT_HARD_SIGMOID: return CLAMP (cell->alpha[k] * x + cell->beta[k], 0.0, 1.0);
    case ACT_RELU:
    default: return x > 0 ? x : 0;
    }
}

static double
dot (const float *a,
     const float *b,
     gint64       n)
{
  double s = 0;
  gint64 k;

  for (k = 0; k < n; k++)
    s += (double) a[k] * (double) b[k];
  return s;
}

/* Reads activations (n of them, else the defaults), the alpha/beta lists,
 * clip and the kind's own attributes. */
static gboolean
read_attrs (QsOpCtx *ctx,
            Cell    *cell,
            GError **error)
{
  static const Act rnn_default[] = { ACT_TANH };
  static const Act gru_default[] = { ACT_SIGMOID, ACT_TANH };
  static const Act lstm_default[] = { ACT_SIGMOID, ACT_TANH, ACT_TANH };
  const QsNode *node = ctx->node;
  guint n_act = cell->kind == KIND_RNN ? 1 : cell->kind == KIND_GRU ? 2 : 3;
  const Act *defaults = cell->kind == KIND_RNN ? rnn_default : cell->kind == KIND_GRU ? gru_default : lstm_default;
  const char *text = qs_node_get_attr (node, "activations");
  const char *clip_key = qs_node_get_attr (node, "clip") != NULL ? "clip" : "clip_threshold";
  g_autoptr(GArray) alpha = NULL;
  g_autoptr(GArray) beta = NULL;
  guint i;

  if (!qs_node_get_int (node, "hidden_size", -1, &cell->hs, error))
    return FALSE;
  if (cell->hs <= 0)
    return _qs_op_fail (error, "hidden_size must be a positive integer (has %" G_GINT64_FORMAT ")", cell->hs);

  memcpy (cell->act, defaults, sizeof (Act) * n_act);
  if (text != NULL && text[0] != '\0')
    {
      g_auto(GStrv) names = g_strsplit (text, ",", -1);

      if (g_strv_length (names) != n_act)
        return _qs_op_fail (error, "activations “%s” names %u functions, %s needs %u",
                            text, g_strv_length (names), kind_name (cell->kind), n_act);
      for (i = 0; i < n_act; i++)
        {
          const char *name = g_strstrip (names[i]);

          if (g_ascii_strcasecmp (name, "sigmoid") == 0)
            cell->act[i] = ACT_SIGMOID;
          else if (g_ascii_strcasecmp (name, "tanh") == 0)
            cell->act[i] = ACT_TANH;
          else if (g_ascii_strcasecmp (name, "relu") == 0)
            cell->act[i] = ACT_RELU;
          else if (g_ascii_strcasecmp (name, "hardsigmoid") == 0)
            cell->act[i] = ACT_HARD_SIGMOID;
          else
            return _qs_op_fail (error, "activation “%s” is not one of relu, sigmoid, tanh and hardsigmoid", name);
        }
    }
  alpha = qs_node_get_float_list (node, "activations_alpha", error);
  if (alpha == NULL)
    return FALSE;
  beta = qs_node_get_float_list (node, "activations_beta", error);
  if (beta == NULL)
    return FALSE;
  /* activation k takes alpha[k] and beta[k] where the lists reach that
   * far, else hardsigmoid's defaults 0.2 and 0.5 */
  for (i = 0; i < 3; i++)
    {
      cell->alpha[i] = i < alpha->len ? g_array_index (alpha, double, i) : 0.2;
      cell->beta[i] = i < beta->len ? g_array_index (beta, double, i) : 0.5;
    }
  if (!qs_node_get_double (node, clip_key, 0.0, &cell->clip, error))
    return FALSE;
  if (!(cell->clip >= 0) || isinf (cell->clip))
    return _qs_op_fail (error, "clip must be a finite number >= 0 (has %g)", cell->clip);

  if (cell->kind == KIND_GRU &&
      !qs_node_get_bool (node, "linear_before_reset", FALSE, &cell->linear_before_reset, error))
    return FALSE;
  if (cell->kind == KIND_LSTM && cell->version == 1)
    {
      const char *format = qs_node_get_attr (node, "weights_format");

      if (!qs_node_get_bool (node, "input_forget", FALSE, &cell->input_forget, error))
        return FALSE;
      if (format != NULL && g_ascii_strcasecmp (format, "fico") != 0)
        return _qs_op_fail (error, "weights_format “%s” is not supported (only fico)", format);
    }
  return TRUE;
}

static gboolean
need_f32 (const QsTensor *t,
          const char     *what,
          GError        **error)
{
  if (t->type != QS_ELEMENT_F32)
    return _qs_op_fail (error, "%s must be floating point (is %s)", what, qs_element_type_name (t->type));
  return TRUE;
}

static gboolean
check_shape (const QsTensor *t,
             const char     *what,
             int             rank,
             const gint64   *dims,
             GError        **error)
{
  gboolean ok = t->rank == rank;
  int d;

  for (d = 0; ok && d < rank; d++)
    ok = t->dims[d] == dims[d];
  if (!ok)
    {
      g_autofree char *got = qs_tensor_shape_to_string (t);
      g_autoptr(GString) want = g_string_new ("[");

      for (d = 0; d < rank; d++)
        g_string_append_printf (want, "%s%" G_GINT64_FORMAT, d > 0 ? "," : "", dims[d]);
      g_string_append_c (want, ']');
      return _qs_op_fail (error, "%s has shape %s, expected %s", what, got, want->str);
    }
  return need_f32 (t, what, error);
}

/* One step of one batch row: @x (in_size), @h and @c (hs, c for LSTM
 * only) to @h_out and @c_out.  W, R, B, P are one direction's.  @tmp holds
 * 4·hs doubles. */
static void
cell_step (const Cell  *cell,
           const float *x,
           const float *h,
           const float *c,
           const float *W,
           const float *R,
           const float *B,
           const float *P,
           double      *tmp,
           float       *h_out,
           float       *c_out)
{
  gint64 hs = cell->hs, in = cell->in_size, j;
  guint g;

  switch (cell->kind)
    {
    case KIND_RNN:
      for (j = 0; j < hs; j++)
        tmp[j] = dot (W + j * in, x, in) + dot (R + j * hs, h, hs) + (B != NULL ? B[j] : 0);
      for (j = 0; j < hs; j++)
        h_out[j] = (float) activate (cell, 0, tmp[j], cell->clip);
      break;

    case KIND_GRU:
      {
        double *z = tmp, *r = tmp + hs, *hh = tmp + 2 * hs, *rh = tmp + 3 * hs;

        for (g = 0; g < 2; g++)
          for (j = 0; j < hs; j++)
            {
              gint64 row = g * hs + j;

              tmp[row] = activate (cell, 0,
                                   dot (W + row * in, x, in) + dot (R + row * hs, h, hs) + (B != NULL ? B[row] : 0),
                                   cell->clip);
            }
        if (cell->linear_before_reset)
          for (j = 0; j < hs; j++)
            {
              gint64 row = 2 * hs + j;
              double rec = dot (R + row * hs, h, hs) + (B != NULL ? B[3 * hs + j] : 0);

              hh[j] = dot (W + row * in, x, in) + r[j] * rec + (B != NULL ? B[row] : 0);
            }
        else
          {
            /* (r ⊙ h)·Rhᵀ: r ⊙ h first, into rh */
            for (j = 0; j < hs; j++)
              rh[j] = r[j] * h[j];
            for (j = 0; j < hs; j++)
              {
                gint64 row = 2 * hs + j;
                const float *rr = R + row * hs;
                double s = 0;
                gint64 k;

                for (k = 0; k < hs; k++)
                  s += rh[k] * (double) rr[k];
                hh[j] = dot (W + row * in, x, in) + s + (B != NULL ? B[row] : 0);
              }
          }
        for (j = 0; j < hs; j++)
          {
            double hv = activate (cell, 1, hh[j], cell->clip);

            h_out[j] = (float) ((1 - z[j]) * hv + z[j] * h[j]);
          }
      }
      break;

    case KIND_LSTM:
      for (g = 0; g < 4; g++)
        for (j = 0; j < hs; j++)
          {
            gint64 row = g * hs + j;

            tmp[row] = dot (W + row * in, x, in) + dot (R + row * hs, h, hs) + (B != NULL ? B[row] : 0);
          }
      for (j = 0; j < hs; j++)
        {
          double f, i, cc, o, ct;

          f = activate (cell, 0, tmp[j] + (P != NULL ? P[j] * (double) c[j] : 0), cell->clip);
          if (cell->input_forget)
            i = 1 - f;
          else
            i = activate (cell, 0, tmp[hs + j] + (P != NULL ? P[hs + j] * (double) c[j] : 0), cell->clip);
          cc = activate (cell, 1, tmp[2 * hs + j], cell->clip);
          ct = f * c[j] + i * cc;
          /* the output tensor holds Ct as float; Ht is computed from that */
          c_out[j] = (float) ct;
          o = activate (cell, 0, tmp[3 * hs + j] + (P != NULL ? P[2 * hs + j] * (double) c_out[j] : 0),
                        cell->clip);
          h_out[j] = (float) (o * activate (cell, 2, c_out[j], 0));
        }
      break;
    }
}

static gboolean
run_rnn (QsOpCtx *ctx,
         Kind     kind,
         int      version,
         gboolean sequence,
         GError **error)
{
  Cell cell = { .kind = kind, .version = version, .sequence = sequence };
  gboolean lstm = kind == KIND_LSTM;
  /* input positions */
  guint i_x = 0, i_h = 1, i_c = lstm ? 2 : G_MAXUINT;
  guint i_len = sequence ? (lstm ? 3 : 2) : G_MAXUINT;
  guint i_w = (lstm ? 3 : 2) + (sequence ? 1 : 0);
  guint i_r = i_w + 1, i_b = i_w + 2, i_p = (lstm && version == 1) ? i_w + 3 : G_MAXUINT;
  QsTensor *X, *H, *C = NULL, *W, *R, *B = NULL, *P = NULL;
  gint64 batch, seq, n_dir = 1, dims[4];
  const char *direction = "forward";
  gboolean bidirectional = FALSE, reverse = FALSE;
  g_autofree gint64 *lens = NULL;
  g_autoptr(QsTensor) Y = NULL;
  g_autoptr(QsTensor) Ho = NULL;
  g_autoptr(QsTensor) Co = NULL;
  QS_AUTO_SCRATCH double *tmp = NULL;
  QS_AUTO_SCRATCH float *state = NULL;
  gint64 d, b, s;
  guint n_required = i_b;

  if (!_qs_op_need_inputs (ctx, n_required, error))
    return FALSE;
  if (!read_attrs (ctx, &cell, error))
    return FALSE;
  cell.n_gates = kind == KIND_RNN ? 1 : kind == KIND_GRU ? 3 : 4;

  X = ctx->in[i_x];
  H = ctx->in[i_h];
  W = ctx->in[i_w];
  R = ctx->in[i_r];
  if (lstm)
    C = ctx->in[i_c];
  if (ctx->n_in > i_b)
    B = ctx->in[i_b];
  if (i_p != G_MAXUINT && ctx->n_in > i_p)
    P = ctx->in[i_p];

  if (!need_f32 (X, "X", error))
    return FALSE;
  if (X->rank != (sequence ? 3 : 2))
    return _qs_op_fail (error, "X must have rank %d (has %d)", sequence ? 3 : 2, X->rank);
  batch = X->dims[0];
  seq = sequence ? X->dims[1] : 1;
  cell.in_size = X->dims[X->rank - 1];

  if (sequence)
    {
      direction = qs_node_get_attr (ctx->node, "direction");
      if (direction == NULL)
        return _qs_op_fail (error, "the direction attribute is missing");
      if (g_ascii_strcasecmp (direction, "forward") == 0)
        ;
      else if (g_ascii_strcasecmp (direction, "reverse") == 0)
        reverse = TRUE;
      else if (g_ascii_strcasecmp (direction, "bidirectional") == 0)
        bidirectional = TRUE;
      else
        return _qs_op_fail (error, "direction “%s” is not forward, reverse or bidirectional", direction);
      n_dir = bidirectional ? 2 : 1;
    }

  /* H, C: [batch, (n_dir,) hs]; W: [(n_dir,) G·hs, in]; R: [(n_dir,) G·hs, hs]; B: [(n_dir,) G·hs] */
  dims[0] = batch;
  dims[1] = n_dir;
  dims[2] = cell.hs;
  if (sequence ? !check_shape (H, "initial_hidden_state", 3, dims, error)
               : !check_shape (H, "H_t", 2, (gint64[]) { batch, cell.hs }, error))
    return FALSE;
  if (lstm && (sequence ? !check_shape (C, "initial_cell_state", 3, dims, error)
                        : !check_shape (C, "C_t", 2, (gint64[]) { batch, cell.hs }, error)))
    return FALSE;
  {
    gint64 wd[3] = { n_dir, cell.n_gates * cell.hs, cell.in_size };
    gint64 rd[3] = { n_dir, cell.n_gates * cell.hs, cell.hs };
    gint64 bd[2];
    int o = sequence ? 0 : 1;

    cell.b_size = (cell.n_gates + (cell.linear_before_reset ? 1 : 0)) * cell.hs;
    bd[0] = n_dir;
    bd[1] = cell.b_size;
    if (!check_shape (W, "W", 3 - o, wd + o, error) || !check_shape (R, "R", 3 - o, rd + o, error))
      return FALSE;
    if (B != NULL && !check_shape (B, "B", 2 - o, bd + o, error))
      return FALSE;
    if (P != NULL && !check_shape (P, "P", 2 - o, (gint64[]) { n_dir, 3 * cell.hs } + o, error))
      return FALSE;
  }

  lens = g_new (gint64, MAX (batch, 1));
  if (sequence)
    {
      QsTensor *L = ctx->in[i_len];
      gsize n = 0;
      g_autofree gint64 *values = NULL;

      if (L->rank != 1 || L->dims[0] != batch)
        {
          g_autofree char *got = qs_tensor_shape_to_string (L);
          return _qs_op_fail (error, "sequence_lengths has shape %s, expected [%" G_GINT64_FORMAT "]", got, batch);
        }
      values = _qs_op_int_values (L, &n);
      if (values == NULL && n > 0)
        return _qs_op_fail_alloc (error, "the sequence lengths");
      for (b = 0; b < batch; b++)
        {
          if (values[b] < 0 || values[b] > seq)
            return _qs_op_fail (error, "sequence_lengths[%" G_GINT64_FORMAT "] = %" G_GINT64_FORMAT
                                " is outside [0, %" G_GINT64_FORMAT "]", b, values[b], seq);
          lens[b] = values[b];
        }
    }
  else
    for (b = 0; b < batch; b++)
      lens[b] = 1;

  if (sequence)
    {
      Y = qs_tensor_new_f32 (4, (gint64[]) { batch, n_dir, seq, cell.hs });
      Ho = qs_tensor_new_f32 (3, dims);
      if (lstm)
        Co = qs_tensor_new_f32 (3, dims);
    }
  else
    {
      Ho = qs_tensor_new_f32 (2, (gint64[]) { batch, cell.hs });
      if (lstm)
        Co = qs_tensor_new_f32 (2, (gint64[]) { batch, cell.hs });
    }
  if ((sequence && Y == NULL) || Ho == NULL || (lstm && Co == NULL))
    return _qs_op_fail_alloc (error, "the output");
  tmp = qs_budget_alloc_scratch (4 * cell.hs, sizeof (double));
  state = qs_budget_alloc_scratch (4 * cell.hs, sizeof (float));
  if (tmp == NULL || state == NULL)
    return _qs_op_fail_alloc (error, "a scratch buffer");

  for (d = 0; d < n_dir; d++)
    {
      gboolean back = bidirectional ? d == 1 : reverse;
      gsize wsz = cell.n_gates * cell.hs * cell.in_size, rsz = cell.n_gates * cell.hs * cell.hs;
      const float *Wd = qs_tensor_f32 (W) + d * wsz;
      const float *Rd = qs_tensor_f32 (R) + d * rsz;
      const float *Bd = B != NULL ? qs_tensor_f32 (B) + d * cell.b_size : NULL;
      const float *Pd = P != NULL ? qs_tensor_f32 (P) + d * 3 * cell.hs : NULL;

      for (b = 0; b < batch; b++)
        {
          gsize so = (b * n_dir + d) * cell.hs;   /* into H, C, Ho, Co */
          float *h = state, *c = state + cell.hs, *h2 = state + 2 * cell.hs, *c2 = state + 3 * cell.hs;

          memcpy (h, qs_tensor_f32 (H) + so, sizeof (float) * cell.hs);
          if (lstm)
            memcpy (c, qs_tensor_f32 (C) + so, sizeof (float) * cell.hs);
          for (s = 0; s < lens[b]; s++)
            {
              gint64 t = back ? lens[b] - 1 - s : s;
              const float *x = qs_tensor_f32 (X) + (b * seq + t) * cell.in_size;
              float *swap;

              cell_step (&cell, x, h, c, Wd, Rd, Bd, Pd, tmp, h2, c2);
              swap = h; h = h2; h2 = swap;
              swap = c; c = c2; c2 = swap;
              if (sequence)
                memcpy (qs_tensor_f32 (Y) + ((b * n_dir + d) * seq + t) * cell.hs, h, sizeof (float) * cell.hs);
            }
          /* a row without steps ends in zeros, as the reference masks it */
          if (lens[b] > 0)
            {
              memcpy (qs_tensor_f32 (Ho) + so, h, sizeof (float) * cell.hs);
              if (lstm)
                memcpy (qs_tensor_f32 (Co) + so, c, sizeof (float) * cell.hs);
            }
        }
    }

  if (sequence)
    {
      ctx->out[0] = g_steal_pointer (&Y);
      if (ctx->n_out > 1)
        ctx->out[1] = g_steal_pointer (&Ho);
      if (lstm && ctx->n_out > 2)
        ctx->out[2] = g_steal_pointer (&Co);
    }
  else
    {
      ctx->out[0] = g_steal_pointer (&Ho);
      if (lstm && ctx->n_out > 1)
        ctx->out[1] = g_steal_pointer (&Co);
    }
  return TRUE;
}

static gboolean
op_rnn_cell (QsOpCtx *ctx,
             GError **error)
{
  return run_rnn (ctx, KIND_RNN, 0, FALSE, error);
}

static gboolean
op_gru_cell (QsOpCtx *ctx,
             GError **error)
{
  return run_rnn (ctx, KIND_GRU, 3, FALSE, error);
}

static gboolean
op_lstm_cell_1 (QsOpCtx *ctx,
                GError **error)
{
  return run_rnn (ctx, KIND_LSTM, 1, FALSE, error);
}

static gboolean
op_lstm_cell_4 (QsOpCtx *ctx,
                GError **error)
{
  return run_rnn (ctx, KIND_LSTM, 4, FALSE, error);
}

static gboolean
op_rnn_sequence (QsOpCtx *ctx,
                 GError **error)
{
  return run_rnn (ctx, KIND_RNN, 5, TRUE, error);
}

static gboolean
op_gru_sequence (QsOpCtx *ctx,
                 GError **error)
{
  return run_rnn (ctx, KIND_GRU, 5, TRUE, error);
}

static gboolean
op_lstm_sequence_1 (QsOpCtx *ctx,
                    GError **error)
{
  return run_rnn (ctx, KIND_LSTM, 1, TRUE, error);
}

static gboolean
op_lstm_sequence_5 (QsOpCtx *ctx,
                    GError **error)
{
  return run_rnn (ctx, KIND_LSTM, 5, TRUE, error);
}

const QsOpEntry _qs_op_rnn_table[] = {
  { "RNNCell", 1, G_MAXINT, op_rnn_cell },
  { "GRUCell", 3, G_MAXINT, op_gru_cell },
  { "LSTMCell", 1, 3, op_lstm_cell_1 },
  { "LSTMCell", 4, G_MAXINT, op_lstm_cell_4 },
  { "RNNSequence", 5, G_MAXINT, op_rnn_sequence },
  { "GRUSequence", 5, G_MAXINT, op_gru_sequence },
  { "LSTMSequence", 1, 4, op_lstm_sequence_1 },
  { "LSTMSequence", 5, G_MAXINT, op_lstm_sequence_5 },
  { NULL, 0, 0, NULL },
};
