/* qs-exec.c — the plan, the run, and the op table lookup
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Const layers are read once per plan and shared by every run, and so are
 * the outputs of the layers computed from Consts alone (weights converted
 * and decompressed), while they fit a quarter of the run-memory limit.
 * Every other tensor lives in a per-run slot and carries a count of the
 * consumers that still have to read it; the slot is emptied when that
 * count reaches zero, so peak memory follows the widest cut of the graph,
 * not its size.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE             /* RUSAGE_THREAD */
#endif
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "qs-exec.h"
#include "qs-exec-fuse-private.h"
#include "qs-exec-derive-private.h"
#include "qs-lpt.h"
#include "qs-op-private.h"

G_DEFINE_QUARK (qs-exec-error-quark, qs_exec_error)

struct _QsExec
{
  QsModel         *model;
  QsGraph         *graph;
  QsExecMode       mode;
  QsLptResult     *lpt;           /* int8 mode: the transformation that made model */
  guint            n_nodes;
  QsNode         **order;
  const QsOpEntry **ops;          /* by node->index; NULL for Parameter and Const */
  gboolean        *constant;      /* by node->index */
  gboolean        *keep;          /* by node->index */
  gboolean         keep_all;
  guint           *n_uses;        /* by node->index: consumers of all its outputs */
  guint32         *no_consumer;   /* by node->index: bit i, output i has no consumer */
  QsTensor       **consts;        /* by node->index */
  QsTensor      ***folded;        /* by node->index: outputs of a constant layer, kept for later runs */
  guint64          folded_bytes;  /* their data, under op_data_lock */
  guint            n_folded;      /* layers with kept outputs */
  guint64          fold_base;     /* the budget's peak when the first was kept */
  gint             n_runs_done;   /* atomic: runs that reached the end */
  QsExecObserver   observer;
  gpointer         observer_data;
  guint32          observer_ports; /* bit i: the observer reads output port i */
  GMutex           op_data_lock;
  gpointer        *op_data;       /* by node->index: what an op prepared once per plan */
  GDestroyNotify  *op_data_free;
  QsBudget        *budget;        /* every tensor of every run, and the Consts */
  gboolean         profiling;
  GMutex           profile_lock;  /* initialised when profile is made */
  GArray          *profile;       /* QsExecProfileRow, or NULL */
  guint           *profile_row;   /* by node->index: its row in profile */
  gboolean         fusion;        /* int8: unobserved runs fuse the chains below */
  QsFuseChain    **chains;        /* by node->index of a chain's Dequantize, or NULL */
  QsFuseChain    **tails;         /* the same chains by node->index of their Quantize */
  guint            n_chains;
  QsExecSummaryFunc summary_func; /* statistics of fused links, for observed runs */
  gpointer         summary_data;
  gboolean         summarise_outputs; /* and of ordinary layers' outputs as written */
  guint8          *feeds_deq;     /* int8, by node->index: _qs_derive_feeds_dequantize() */
  guint8          *feeds_const;   /* by node->index: _qs_derive_feeds_const_op() */
  gint8           *const_data;    /* by node->index: _qs_derive_const_op_data() */
};

struct _QsRun
{
  QsExec          *exec;
  guint            position;
  QsTensor      ***values;        /* by node->index: one slot per output */
  guint           *remaining;     /* by node->index */
  QsTensor       **inputs;        /* by parameter index */
  const QsNode    *last;
  gboolean         keep_all;
  gboolean         unseen;        /* run by qs_exec_run(): no caller looks at a step's outputs */
  guint8          *fq_choice;     /* by node->index, or NULL */
  const QsRun     *base;
  gboolean        *recompute;     /* by node->index, with base */
  guint8          *fused;         /* by node->index: a link a fused chain already ran */
  guint            n_fused;       /* chains fused so far */
  QsSummary      **link_sum;      /* by node->index of a deferred link: where its slices go */
  QsRowStash     **stash;         /* by node->index: row moments of output 0, for its Dequantize */
  gboolean         fold;          /* constant layers may take and leave kept outputs */
  gboolean         pool_hint;     /* inside qs_parallel_run_begin () */
};

/* Result has no output port; its slot holds the tensor it received. */
static guint
n_slots (const QsNode *node)
{
  return MAX (node->n_outputs, 1);
}

const char *
qs_exec_mode_name (QsExecMode mode)
{
  switch (mode)
    {
    case QS_EXEC_MODE_FLOAT: return "float";
    case QS_EXEC_MODE_FAKE_QUANT: return "fq";
    case QS_EXEC_MODE_INT8: return "int8";
    default: return "?";
    }
}

gboolean
qs_exec_mode_parse (const char *text,
                    QsExecMode *mode)
{
  if (g_strcmp0 (text, "float") == 0)
    *mode = QS_EXEC_MODE_FLOAT;
  else if (g_strcmp0 (text, "fq") == 0 || g_strcmp0 (text, "fake-quant") == 0)
    *mode = QS_EXEC_MODE_FAKE_QUANT;
  else if (g_strcmp0 (text, "int8") == 0)
    *mode = QS_EXEC_MODE_INT8;
  else
    return FALSE;
  return TRUE;
}

/* ---- shared helpers for op kernels ---- */

gboolean
_qs_op_fail (GError    **error,
             const char *format,
             ...)
{
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID, message);
  g_free (message);
  return FALSE;
}

gboolean
_qs_op_fail_alloc (GError    **error,
                   const char *what)
{
  g_autofree char *message = qs_tensor_alloc_error (what);

  g_set_error_literal (error, QS_EXEC_ERROR,
                       qs_tensor_alloc_error_is_limit () ? QS_EXEC_ERROR_MEMORY : QS_EXEC_ERROR_INVALID,
                       message);
  return FALSE;
}

/* ---- the memory limit ---- */

static guint64 default_max_memory;   /* 0: not yet computed */
G_LOCK_DEFINE_STATIC (default_max_memory);

gboolean
qs_exec_parse_memory_size (const char *text,
                           guint64    *bytes,
                           GError    **error)
{
  const char *p;
  char *end = NULL;
  double value, unit = 1;

  if (text == NULL)
    text = "";
  p = text;
  while (g_ascii_isspace (*p))
    p++;
  if (g_ascii_strcasecmp (p, "unlimited") == 0 || g_ascii_strcasecmp (p, "none") == 0)
    {
      *bytes = G_MAXUINT64;
      return TRUE;
    }
  if (!g_ascii_isdigit (*p) && *p != '.')
    goto bad;
  errno = 0;
  value = g_ascii_strtod (p, &end);
  if (errno != 0 || end == p || !isfinite (value) || value < 0)
    goto bad;
  p = end;
  while (g_ascii_isspace (*p))
    p++;
  switch (g_ascii_toupper (*p))
    {
    case 'K': unit = 1024.0; p++; break;
    case 'M': unit = 1024.0 * 1024; p++; break;
    case 'G': unit = 1024.0 * 1024 * 1024; p++; break;
    case 'T': unit = 1024.0 * 1024 * 1024 * 1024; p++; break;
    default: break;
    }
  if (unit > 1 && (*p == 'i' || *p == 'I'))
    p++;
  if (*p == 'b' || *p == 'B')
    p++;
  if (*p != '\0')
    goto bad;
  value *= unit;
  if (value >= 1.8e19)
    {
      *bytes = G_MAXUINT64;
      return TRUE;
    }
  *bytes = (guint64) value;
  if (*bytes == 0)
    goto bad;
  return TRUE;

bad:
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "“%s” is not a memory size (say 512M, 12G or unlimited)", text);
  return FALSE;
}

guint64
qs_exec_get_default_max_memory (void)
{
  guint64 value;

  G_LOCK (default_max_memory);
  if (default_max_memory == 0)
    {
      const char *env = g_getenv ("QS_MAX_RUN_MEMORY");
      long pages = sysconf (_SC_PHYS_PAGES), page_size = sysconf (_SC_PAGESIZE);

      if (env == NULL || !qs_exec_parse_memory_size (env, &default_max_memory, NULL))
        {
          if (pages > 0 && page_size > 0)
            default_max_memory = (guint64) pages * (guint64) page_size / 2;
          else
            default_max_memory = (guint64) 4 << 30;
        }
    }
  value = default_max_memory;
  G_UNLOCK (default_max_memory);
  return value;
}

void
qs_exec_set_default_max_memory (guint64 max_bytes)
{
  G_LOCK (default_max_memory);
  default_max_memory = MAX (max_bytes, 1);
  G_UNLOCK (default_max_memory);
}

void
qs_exec_set_max_memory (QsExec  *exec,
                        guint64  max_bytes)
{
  qs_budget_set_limit (exec->budget, max_bytes);
}

guint64
qs_exec_get_max_memory (const QsExec *exec)
{
  return qs_budget_get_limit (exec->budget);
}

guint64
qs_exec_get_peak_memory (const QsExec *exec)
{
  return qs_budget_get_peak (exec->budget);
}

gboolean
_qs_op_need_inputs (QsOpCtx  *ctx,
                    guint     n,
                    GError  **error)
{
  guint i;

  if (ctx->n_in < n)
    return _qs_op_fail (error, "needs %u inputs, has %u", n, ctx->n_in);
  for (i = 0; i < n; i++)
    if (ctx->in[i] == NULL)
      return _qs_op_fail (error, "input %u is not connected", i);
  return TRUE;
}

gboolean
_qs_op_axis (gint64   axis,
             int      rank,
             int     *out,
             GError **error)
{
  if (axis < -rank || axis >= MAX (rank, 1))
    return _qs_op_fail (error, "axis %" G_GINT64_FORMAT " is out of range for rank %d", axis, rank);
  *out = (int) (axis < 0 ? axis + rank : axis);
  return TRUE;
}

gint64 *
_qs_op_int_values (const QsTensor *t,
                   gsize          *n)
{
  gint64 *values = qs_tensor_dup_i64 (t);

  *n = values != NULL ? t->n_elements : 0;
  return values;
}

gsize
_qs_dims_product (const gint64 *dims,
                  int           from,
                  int           to)
{
  gsize p = 1;
  int i;

  for (i = from; i < to; i++)
    p *= (gsize) dims[i];
  return p;
}

gboolean
_qs_op_broadcast_shape (QsTensor *const *tensors,
                        guint            n,
                        int             *rank,
                        gint64          *dims,
                        GError         **error)
{
  guint k;
  int r = 0, i;

  for (k = 0; k < n; k++)
    r = MAX (r, tensors[k]->rank);
  for (i = 0; i < r; i++)
    dims[i] = 1;
  for (k = 0; k < n; k++)
    {
      const QsTensor *t = tensors[k];
      int off = r - t->rank;

      for (i = 0; i < t->rank; i++)
        {
          gint64 d = t->dims[i];

          if (d == dims[off + i] || d == 1)
            continue;
          if (dims[off + i] == 1)
            dims[off + i] = d;
          else
            {
              g_autofree char *a = qs_tensor_shape_to_string (tensors[0]);
              g_autofree char *b = qs_tensor_shape_to_string (t);
              return _qs_op_fail (error, "shapes %s and %s do not broadcast", a, b);
            }
        }
    }
  *rank = r;
  return TRUE;
}

void
_qs_bcast_init (QsBcast         *b,
                int              out_rank,
                const gint64    *out_dims,
                QsTensor *const *ops,
                guint            n_ops)
{
  gint64 dims[QS_TENSOR_MAX_RANK];
  gint64 strides[QS_BCAST_MAX][QS_TENSOR_MAX_RANK];
  guint k;
  int i, r = 0;

  memset (b, 0, sizeof *b);
  b->n_ops = n_ops;

  /* full-rank strides, 0 where an operand is broadcast */
  for (k = 0; k < n_ops; k++)
    {
      const QsTensor *t = ops[k];
      int off = out_rank - t->rank;
      gint64 s = 1;

      for (i = out_rank - 1; i >= 0; i--)
        {
          gint64 d = i >= off ? t->dims[i - off] : 1;
          strides[k][i] = (d == 1) ? 0 : s;
          s *= d;
        }
    }

  /* merge dim i into the previous one when every operand is contiguous across it */
  for (i = 0; i < out_rank; i++)
    {
      if (out_dims[i] == 1)
        continue;
      if (r > 0)
        {
          gboolean merge = TRUE;

          for (k = 0; k < n_ops && merge; k++)
            merge = strides[k][i] * out_dims[i] == b->strides[k][r - 1] ||
                    (strides[k][i] == 0 && b->strides[k][r - 1] == 0);
          if (merge)
            {
              dims[r - 1] *= out_dims[i];
              for (k = 0; k < n_ops; k++)
                b->strides[k][r - 1] = strides[k][i];
              continue;
            }
        }
      dims[r] = out_dims[i];
      for (k = 0; k < n_ops; k++)
        b->strides[k][r] = strides[k][i];
      r++;
    }
  if (r == 0)
    {
      dims[0] = 1;
      for (k = 0; k < n_ops; k++)
        b->strides[k][0] = 0;
      r = 1;
    }
  b->rank = r;
  memcpy (b->dims, dims, sizeof (gint64) * r);
  b->n_outer = _qs_dims_product (dims, 0, r - 1);
}

void
_qs_bcast_row (const QsBcast *b,
               gsize          row,
               gsize         *offsets)
{
  guint k;
  int i;

  for (k = 0; k < b->n_ops; k++)
    offsets[k] = 0;
  for (i = b->rank - 2; i >= 0; i--)
    {
      gsize idx = row % (gsize) b->dims[i];

      row /= (gsize) b->dims[i];
      for (k = 0; k < b->n_ops; k++)
        offsets[k] += idx * (gsize) b->strides[k][i];
    }
}

/* ---- op table ---- */

/* qs-op-attention.c */
extern const QsOpEntry _qs_op_attention_table[];
/* qs-op-rnn.c */
extern const QsOpEntry _qs_op_rnn_table[];
/* qs-op-body.c */
extern const QsOpEntry _qs_op_body_table[];
/* qs-op-index.c, qs-op-space.c, qs-op-sequence.c */
extern const QsOpEntry _qs_op_index_table[];
extern const QsOpEntry _qs_op_space_table[];
extern const QsOpEntry _qs_op_sequence_table[];
/* qs-op-yolo.c, qs-op-roi.c */
extern const QsOpEntry _qs_op_yolo_table[];
extern const QsOpEntry _qs_op_roi_table[];
/* qs-op-einsum.c, qs-op-deformable.c */
extern const QsOpEntry _qs_op_einsum_table[];
extern const QsOpEntry _qs_op_deformable_table[];

static const QsOpEntry *const tables[] = {
  _qs_op_eltwise_table,
  _qs_op_quant_table,
  _qs_op_conv_table,
  _qs_op_pool_table,
  _qs_op_reduce_table,
  _qs_op_shape_table,
  _qs_op_interpolate_table,
  _qs_op_detection_table,
  _qs_op_attention_table,
  _qs_op_rnn_table,
  _qs_op_body_table,
  _qs_op_index_table,
  _qs_op_space_table,
  _qs_op_sequence_table,
  _qs_op_yolo_table,
  _qs_op_roi_table,
  _qs_op_einsum_table,
  _qs_op_deformable_table,
};

/* qs-op-int8.c: the int8 mode's kernels */
extern const QsOpEntry _qs_op_int8_table[];

/* Layers of the int8 graph: the qscope ops, and ops whose input 0 the
 * transformation declared as codes (their int8 kernels come first). */
static gboolean
takes_codes (const QsNode *node)
{
  QsElementType t = node->n_inputs > 0 ? node->inputs[0].element_type : QS_ELEMENT_UNDEFINED;

  return g_strcmp0 (node->version, "qscope") == 0 || t == QS_ELEMENT_U8 || t == QS_ELEMENT_I8;
}

const QsOpEntry *
_qs_op_lookup (const QsNode *node)
{
  int opset;
  guint t;

  if (g_strcmp0 (node->version, "qscope") == 0)
    opset = QS_OPSET_QSCOPE;
  else
    opset = qs_node_opset (node);
  if (opset == 0)
    return NULL;

  if (takes_codes (node))
    {
      const QsOpEntry *e;

      for (e = _qs_op_int8_table; e->type != NULL; e++)
        if (strcmp (e->type, node->type) == 0 && opset >= e->min_opset && opset <= e->max_opset)
          return e;
    }
  for (t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      const QsOpEntry *e;

      for (e = tables[t]; e->type != NULL; e++)
        if (strcmp (e->type, node->type) == 0 && opset >= e->min_opset && opset <= e->max_opset)
          return e;
    }
  return NULL;
}

const char *
qs_op_type_canonical (const char *type)
{
  /* the types the executor runs without a table entry */
  static const char *const builtin[] = {
    "Parameter", "Result", "Const", "ReadValue", "Assign",
  };
  guint t, i;

  if (type == NULL)
    return NULL;
  for (i = 0; i < G_N_ELEMENTS (builtin); i++)
    if (g_ascii_strcasecmp (builtin[i], type) == 0)
      return builtin[i];
  for (t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      const QsOpEntry *e;

      /* an exact spelling first: SoftMax-1 and Softmax-8 are both entries */
      for (e = tables[t]; e->type != NULL; e++)
        if (strcmp (e->type, type) == 0)
          return e->type;
    }
  for (t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      const QsOpEntry *e;

      for (e = tables[t]; e->type != NULL; e++)
        if (g_ascii_strcasecmp (e->type, type) == 0)
          return e->type;
    }
  return type;
}

/* ReadValue-6 and Assign-6 (opset3's take the same path) are run by the
 * executor itself rather than from a table: what they do is a matter of the
 * run, not of a kernel. */
static gboolean
is_stateful (const char *type)
{
  return strcmp (type, "ReadValue") == 0 || strcmp (type, "Assign") == 0;
}

static gboolean
check_stateful (const QsNode  *node,
                GError       **error)
{
  const char *id = qs_node_get_attr (node, "variable_id");
  gboolean read = qs_node_is_type (node, "ReadValue");

  if (id == NULL || id[0] == '\0')
    {
      g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID, "%s has no variable_id", node->type);
      return FALSE;
    }
  if (read ? (node->n_inputs > 1 || node->n_outputs != 1) : (node->n_inputs != 1 || node->n_outputs > 1))
    {
      g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID,
                   "%s has %u inputs and %u outputs (expects %s)", node->type,
                   node->n_inputs, node->n_outputs, read ? "0 or 1 and 1" : "1 and 0 or 1");
      return FALSE;
    }
  return TRUE;
}

static void
prefix_node_error (GError      **error,
                   const QsExec *exec,
                   const QsNode *node)
{
  g_autofree char *where = qs_model_describe_node (exec->model, node);

  g_prefix_error (error, "%s: ", where);
}

/* ---- plan ---- */

/* Whether @graph already is the output of qs_lpt_run(). */
static gboolean
is_lowered (const QsGraph *graph)
{
  guint i;

  for (i = 0; i < graph->n_nodes; i++)
    if (g_strcmp0 (graph->nodes[i]->version, "qscope") == 0)
      return TRUE;
  return FALSE;
}

static QsExec *exec_new_graph (QsModel     *model,
                               QsGraph     *graph,
                               QsExecMode   mode,
                               QsBudget    *budget,
                               GError     **error);

QsExec *
qs_exec_new (QsModel     *model,
             QsExecMode   mode,
             GError     **error)
{
  QsGraph *graph = model->graph;
  g_autoptr(QsLptResult) lpt = NULL;
  QsExec *exec;

  /* before the transformation fills the heap */
  qs_tensor_tune_malloc ();
  if (mode == QS_EXEC_MODE_INT8 && !is_lowered (graph))
    {
      g_autoptr(GError) local = NULL;

      lpt = qs_lpt_run (model, &local);
      if (lpt == NULL)
        {
          g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_NEEDS_LPT,
                       "int8 mode needs the low-precision transformation, which failed: %s", local->message);
          return NULL;
        }
      model = qs_lpt_result_get_model (lpt);
      graph = model->graph;
    }

  exec = exec_new_graph (model, graph, mode, NULL, error);
  if (exec != NULL)
    exec->lpt = g_steal_pointer (&lpt);
  return exec;
}

/* The transformation does not lower the bodies of TensorIterator, Loop and
 * If: an int8 plan runs them in fake-quant mode, where their FakeQuantize
 * layers quantize as the transformation's int8 arithmetic would. */
QsExec *
_qs_exec_new_body (QsExec   *parent,
                   QsGraph  *body,
                   GError  **error)
{
  QsExecMode mode = parent->mode == QS_EXEC_MODE_INT8 ? QS_EXEC_MODE_FAKE_QUANT : parent->mode;

  return exec_new_graph (parent->model, body, mode, parent->budget, error);
}

static QsExec *
exec_new_graph (QsModel     *model,
                QsGraph     *graph,
                QsExecMode   mode,
                QsBudget    *budget,
                GError     **error)
{
  g_autoptr(QsExec) exec = NULL;
  guint i, j;

  exec = g_new0 (QsExec, 1);
  exec->observer_ports = G_MAXUINT32;
  exec->model = qs_model_ref (model);
  exec->graph = graph;
  exec->mode = mode;
  exec->n_nodes = graph->n_nodes;
  exec->order = graph->topo;
  exec->ops = g_new0 (const QsOpEntry *, graph->n_nodes);
  exec->constant = qs_graph_constant_nodes (graph);
  exec->keep = g_new0 (gboolean, graph->n_nodes);
  exec->n_uses = g_new0 (guint, graph->n_nodes);
  exec->no_consumer = g_new0 (guint32, graph->n_nodes);
  exec->consts = g_new0 (QsTensor *, graph->n_nodes);
  exec->folded = g_new0 (QsTensor **, graph->n_nodes);
  exec->op_data = g_new0 (gpointer, graph->n_nodes);
  exec->op_data_free = g_new0 (GDestroyNotify, graph->n_nodes);
  exec->budget = budget != NULL ? qs_budget_ref (budget)
                                : qs_budget_new (qs_exec_get_default_max_memory (), QS_TENSOR_DEFAULT_MAX_ELEMENTS);
  g_mutex_init (&exec->op_data_lock);

  for (i = 0; i < graph->n_nodes; i++)
    {
      QsNode *node = exec->order[i];

      for (j = 0; j < node->n_outputs; j++)
        {
          exec->n_uses[node->index] += node->outputs[j].n_consumers;
          if (node->outputs[j].n_consumers == 0 && j < 32)
            exec->no_consumer[node->index] |= 1u << j;
        }

      if (!qs_node_is_type (node, "Parameter") && !qs_node_is_type (node, "Const"))
        {
          /* a body's layers are checked with the plan, as the others are; the
           * plan that runs it is made on its first run (qs-op-body.c) */
          for (j = 0; j < node->n_bodies; j++)
            {
              QsExecMode body_mode = mode == QS_EXEC_MODE_INT8 ? QS_EXEC_MODE_FAKE_QUANT : mode;
              QsExec *body = exec_new_graph (model, node->bodies[j], body_mode, exec->budget, error);

              if (body == NULL)
                {
                  g_prefix_error (error, "%s-%s: %s: ", node->type, node->version, node->body_names[j]);
                  prefix_node_error (error, exec, node);
                  return NULL;
                }
              qs_exec_free (body);
            }
          if (qs_node_is_type (node, "Result") && (node->n_inputs != 1 || node->n_outputs != 0))
            {
              g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID,
                           "a Result needs one input and no output (has %u and %u)",
                           node->n_inputs, node->n_outputs);
              prefix_node_error (error, exec, node);
              return NULL;
            }
          if (is_stateful (node->type) && !check_stateful (node, error))
            {
              prefix_node_error (error, exec, node);
              return NULL;
            }
          exec->ops[node->index] = _qs_op_lookup (node);
          if (exec->ops[node->index] == NULL && !qs_node_is_type (node, "Result") &&
              !is_stateful (node->type))
            {
              const char *why = "";

              if (g_strcmp0 (node->version, "extension") == 0)
                why = " (a custom extension op, e.g. a tokenizer op)";
              else if (node->version == NULL || node->version[0] == '\0')
                why = " (a legacy IR layer without an opset)";
              g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_UNSUPPORTED,
                           "op %s version “%s” is not supported by qscope%s",
                           node->type, node->version != NULL ? node->version : "", why);
              prefix_node_error (error, exec, node);
              return NULL;
            }
        }
      if (qs_node_is_type (node, "Result"))
        exec->keep[node->index] = TRUE;
    }
  /* f32 data and a constant of one value a channel: summaries derived */
  exec->feeds_const = g_new0 (guint8, graph->n_nodes);
  exec->const_data = g_new (gint8, graph->n_nodes);
  for (i = 0; i < graph->n_nodes; i++)
    {
      const QsNode *node = graph->nodes[i];

      exec->const_data[node->index] = (gint8) _qs_derive_const_op_data (node, exec->constant, NULL);
      if (!exec->constant[node->index])
        exec->feeds_const[node->index] = (guint8) _qs_derive_feeds_const_op (node, exec->constant);
    }
  if (mode == QS_EXEC_MODE_INT8)
    {
      const char *env = g_getenv ("QS_NO_FUSE");
      g_autofree gboolean *claimed = g_new0 (gboolean, graph->n_nodes);
      guint len, max_len = 0;

      exec->fusion = env == NULL || env[0] == '\0' || g_str_equal (env, "0");
      exec->chains = g_new0 (QsFuseChain *, graph->n_nodes);
      exec->tails = g_new0 (QsFuseChain *, graph->n_nodes);
      exec->feeds_deq = g_new0 (guint8, graph->n_nodes);
      for (i = 0; i < graph->n_nodes; i++)
        if (!exec->constant[graph->nodes[i]->index])
          exec->feeds_deq[graph->nodes[i]->index] = (guint8) _qs_derive_feeds_dequantize (graph->nodes[i]);
      for (i = 0; i < graph->n_nodes; i++)
        {
          QsNode *node = exec->order[i];

          exec->chains[node->index] = _qs_fuse_chain_find (node, exec->ops, exec->keep, exec->constant);
          if (exec->chains[node->index] != NULL)
            max_len = MAX (max_len, exec->chains[node->index]->n);
        }
      /* Two chains can meet at an Add whose inputs are both Dequantize
       * branches (pdr0013's residual blocks: codes → Add, and a
       * convolution's accumulators → FakeQuantize → Add).  Only one may
       * fuse, or the other's link would read a value the fused chain never
       * writes; the longer one does (the earlier one in order on a tie). */
      for (len = max_len; len >= 2; len--)
        for (i = 0; i < graph->n_nodes; i++)
          {
            QsNode *node = exec->order[i];
            QsFuseChain *chain = exec->chains[node->index];
            guint l;

            if (chain == NULL || chain->n != len)
              continue;
            for (l = 0; l < chain->n && !claimed[chain->nodes[l]->index]; l++)
              ;
            if (l < chain->n)
              {
                g_clear_pointer (&exec->chains[node->index], _qs_fuse_chain_free);
                continue;
              }
            for (l = 0; l < chain->n; l++)
              claimed[chain->nodes[l]->index] = TRUE;
            exec->tails[chain->nodes[chain->n - 1]->index] = chain;
            exec->n_chains++;
          }
    }
  return g_steal_pointer (&exec);
}

void
qs_exec_free (QsExec *exec)
{
  guint i;

  if (exec == NULL)
    return;
  if (exec->consts != NULL)
    for (i = 0; i < exec->n_nodes; i++)
      qs_tensor_unref (exec->consts[i]);
  g_free (exec->consts);
  if (exec->folded != NULL)
    for (i = 0; i < exec->n_nodes; i++)
      if (exec->folded[i] != NULL)
        {
          guint j;

          for (j = 0; j < n_slots (exec->graph->nodes[i]); j++)
            qs_tensor_unref (exec->folded[i][j]);
          g_free (exec->folded[i]);
        }
  g_free (exec->folded);
  if (exec->op_data != NULL)
    {
      for (i = 0; i < exec->n_nodes; i++)
        if (exec->op_data[i] != NULL && exec->op_data_free[i] != NULL)
          exec->op_data_free[i] (exec->op_data[i]);
      g_mutex_clear (&exec->op_data_lock);
    }
  if (exec->profile != NULL)
    {
      for (i = 0; i < exec->profile->len; i++)
        g_free (g_array_index (exec->profile, QsExecProfileRow, i).type);
      g_array_unref (exec->profile);
      g_free (exec->profile_row);
      g_mutex_clear (&exec->profile_lock);
    }
  if (exec->chains != NULL)
    for (i = 0; i < exec->n_nodes; i++)
      _qs_fuse_chain_free (exec->chains[i]);
  g_free (exec->chains);
  g_free (exec->tails);
  g_free (exec->feeds_deq);
  g_free (exec->feeds_const);
  g_free (exec->const_data);
  g_free (exec->op_data);
  g_free (exec->op_data_free);
  g_free (exec->ops);
  g_free (exec->constant);
  g_free (exec->keep);
  g_free (exec->n_uses);
  g_free (exec->no_consumer);
  g_clear_pointer (&exec->model, qs_model_unref);
  g_clear_pointer (&exec->lpt, qs_lpt_result_free);
  g_clear_pointer (&exec->budget, qs_budget_unref);
  g_free (exec);
}

QsExecMode
qs_exec_get_mode (const QsExec *exec)
{
  return exec->mode;
}

QsModel *
qs_exec_get_model (const QsExec *exec)
{
  return exec->model;
}

const QsLptResult *
qs_exec_get_lpt_result (const QsExec *exec)
{
  return exec->lpt;
}

QsNode *const *
qs_exec_get_order (const QsExec *exec,
                   guint        *n_nodes)
{
  *n_nodes = exec->n_nodes;
  return exec->order;
}

void
qs_exec_set_observer (QsExec         *exec,
                      QsExecObserver  observer,
                      gpointer        user_data)
{
  exec->observer = observer;
  exec->observer_data = user_data;
  exec->observer_ports = G_MAXUINT32;
}

void
qs_exec_set_summarise_outputs (QsExec   *exec,
                               gboolean  enable)
{
  exec->summarise_outputs = enable;
}

/* The output the observer being called on this thread may ask about. */
static __thread struct
{
  const QsExec    *exec;
  const QsNode    *node;
  const QsSummary *part;
} observed_summary;

const QsSummary *
qs_exec_output_summarised (const QsExec *exec,
                           const QsNode *node,
                           guint         port)
{
  if (port != 0 || exec == NULL || observed_summary.exec != exec || observed_summary.node != node)
    return NULL;
  return observed_summary.part;
}

QsSummary *
_qs_op_output_summary (QsOpCtx        *ctx,
                       const QsTensor *out)
{
  const QsExec *exec = ctx->exec;
  QsSummary *target;

  if (!ctx->summarise || ctx->out_summary != NULL || out == NULL || out->type != QS_ELEMENT_F32 ||
      ctx->out_part == NULL)
    return NULL;
  target = exec->summary_func ((const QsNode *) ctx->node, 0, out, NULL, exec->summary_data);
  if (target == NULL)
    return NULL;
  qs_summary_init (ctx->out_part, target->has_bins ? &target->bins : NULL, target->has_fq ? &target->fq : NULL);
  ctx->out_summary = target;
  return ctx->out_part;
}

void
qs_exec_set_observer_ports (QsExec  *exec,
                            guint32  ports)
{
  exec->observer_ports = ports;
}

void
qs_exec_set_fusion (QsExec   *exec,
                    gboolean  enable)
{
  exec->fusion = enable;
}

void
qs_exec_set_summary_func (QsExec            *exec,
                          QsExecSummaryFunc  func,
                          gpointer           user_data)
{
  exec->summary_func = func;
  exec->summary_data = user_data;
}

gboolean
qs_exec_get_fusion (const QsExec *exec)
{
  return exec->fusion;
}

guint
qs_exec_get_n_fusable (const QsExec *exec)
{
  return exec->fusion ? exec->n_chains : 0;
}

guint
qs_run_get_n_fused (const QsRun *run)
{
  return run->n_fused;
}

void
qs_exec_keep (QsExec       *exec,
              const QsNode *node)
{
  if (node == NULL)
    exec->keep_all = TRUE;
  else
    exec->keep[node->index] = TRUE;
}

gboolean
qs_exec_node_is_constant (const QsExec *exec,
                          const QsNode *node)
{
  return exec->constant[node->index];
}

gpointer
_qs_exec_get_op_data (QsExec       *exec,
                      const QsNode *node)
{
  gpointer data;

  g_mutex_lock (&exec->op_data_lock);
  data = exec->op_data[node->index];
  g_mutex_unlock (&exec->op_data_lock);
  return data;
}

gpointer
_qs_exec_set_op_data (QsExec         *exec,
                      const QsNode   *node,
                      gpointer        data,
                      GDestroyNotify  destroy)
{
  gpointer kept;

  g_mutex_lock (&exec->op_data_lock);
  if (exec->op_data[node->index] == NULL)
    {
      exec->op_data[node->index] = data;
      exec->op_data_free[node->index] = destroy;
    }
  kept = exec->op_data[node->index];
  g_mutex_unlock (&exec->op_data_lock);
  /* another run of this plan got there first */
  if (kept != data && destroy != NULL)
    destroy (data);
  return kept;
}

typedef struct
{
  gpointer       prepared;
  GDestroyNotify free_prepared;
  gsize          key_size;
  guint8         key[];
} Prepared;

static void
prepared_free (gpointer data)
{
  Prepared *kept = data;

  if (kept->free_prepared != NULL)
    kept->free_prepared (kept->prepared);
  g_free (kept);
}

gpointer
_qs_op_prepared (QsOpCtx         *ctx,
                 guint            input,
                 gconstpointer    key,
                 gsize            key_size,
                 QsOpPrepareFunc  prepare,
                 gpointer         prepare_data,
                 GDestroyNotify   free_prepared)
{
  const QsPort *src = input < ctx->node->n_inputs ? ctx->node->inputs[input].source : NULL;
  Prepared *kept;

  if (src == NULL || !qs_exec_node_is_constant (ctx->exec, src->node))
    return NULL;
  kept = _qs_exec_get_op_data (ctx->exec, ctx->node);
  if (kept == NULL)
    {
      kept = g_malloc0 (sizeof (Prepared) + key_size);
      kept->free_prepared = free_prepared;
      kept->key_size = key_size;
      memcpy (kept->key, key, key_size);
      kept->prepared = prepare (prepare_data);
      kept = _qs_exec_set_op_data (ctx->exec, ctx->node, kept, prepared_free);
    }
  if (kept->key_size != key_size || memcmp (kept->key, key, key_size) != 0)
    return NULL;
  return kept->prepared;
}

static QsTensor *
load_const (const QsNode  *node,
            GError       **error)
{
  const QsConstData *k = node->konst;
  QsElementType type;
  g_autoptr(QsTensor) t = NULL;
  gint64 dims[QS_TENSOR_MAX_RANK];
  int i;

  if (k == NULL || (k->data == NULL && k->n_elements > 0))
    {
      g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID,
                   "Const has no data (was the model loaded without its .bin?)");
      return NULL;
    }
  if (k->shape.rank < 0 || k->shape.rank > QS_TENSOR_MAX_RANK || !qs_shape_is_static (&k->shape))
    {
      g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID, "Const shape is not static or too long");
      return NULL;
    }
  for (i = 0; i < k->shape.rank; i++)
    dims[i] = k->shape.dims[i];

  switch (k->element_type)
    {
    case QS_ELEMENT_I64:
    case QS_ELEMENT_U64:
      type = QS_ELEMENT_I64;
      break;
    case QS_ELEMENT_I32:
      type = QS_ELEMENT_I32;
      break;
    case QS_ELEMENT_U32:
      type = QS_ELEMENT_I64;
      break;
    case QS_ELEMENT_U8:
    case QS_ELEMENT_I8:
    case QS_ELEMENT_BOOLEAN:
      type = k->element_type;
      break;
    case QS_ELEMENT_I16:
    case QS_ELEMENT_U16:
    case QS_ELEMENT_I4:
    case QS_ELEMENT_U4:
    case QS_ELEMENT_U1:
      type = QS_ELEMENT_I32;
      break;
    case QS_ELEMENT_STRING:
    case QS_ELEMENT_UNDEFINED:
      g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_UNSUPPORTED,
                   "Const of element type %s cannot be computed with",
                   qs_element_type_name (k->element_type));
      return NULL;
    default:
      type = QS_ELEMENT_F32;
      break;
    }

  /* every branch below writes every element */
  t = qs_tensor_new_uninit (type, k->shape.rank, dims);
  if (t == NULL)
    {
      _qs_op_fail_alloc (error, "the Const");
      return NULL;
    }
  if (t->n_elements != k->n_elements)
    {
      g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID, "Const shape and data disagree in size");
      return NULL;
    }
  {
    gsize src_size = k->element_type == QS_ELEMENT_U64 ? 8 : k->element_type == QS_ELEMENT_U32 ? 4 :
                     type == k->element_type ? qs_tensor_type_size (type) : 0;

    if (src_size > 0 && t->n_elements > 0 && (k->data == NULL || k->size / src_size < t->n_elements))
      {
        g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID, "Const data is shorter than its shape");
        return NULL;
      }
  }
  if (type == k->element_type && k->element_type != QS_ELEMENT_U64)
    memcpy (t->data, k->data, t->n_elements * qs_tensor_type_size (type));
  else if (k->element_type == QS_ELEMENT_U64)
    memcpy (t->data, k->data, t->n_elements * 8);
  else if (k->element_type == QS_ELEMENT_U32)
    {
      gsize j;
      for (j = 0; j < t->n_elements; j++)
        {
          guint32 v;
          memcpy (&v, k->data + 4 * j, 4);
          ((gint64 *) t->data)[j] = v;
        }
    }
  else
    {
      g_autofree float *f = qs_const_to_f32 (node, error);
      gsize j;

      if (f == NULL)
        return NULL;
      if (type == QS_ELEMENT_F32)
        memcpy (t->data, f, t->n_elements * sizeof (float));
      else
        for (j = 0; j < t->n_elements; j++)
          ((gint32 *) t->data)[j] = (gint32) f[j];
    }
  return g_steal_pointer (&t);
}

/* ---- run ---- */


static QsElementType
compute_type (QsElementType type)
{
  switch (type)
    {
    case QS_ELEMENT_I64:
    case QS_ELEMENT_U64:
    case QS_ELEMENT_U32:
      return QS_ELEMENT_I64;
    case QS_ELEMENT_I32:
    case QS_ELEMENT_I16:
    case QS_ELEMENT_U16:
      return QS_ELEMENT_I32;
    case QS_ELEMENT_U8:
    case QS_ELEMENT_I8:
    case QS_ELEMENT_BOOLEAN:
      return type;
    default:
      return QS_ELEMENT_F32;
    }
}

/* ReadValue-6: "if this is the first inference or reset has been called",
 * the value is input 0, or zeros of variable_shape and variable_type when
 * there is no input.  A run is one inference of a fresh model, so every
 * ReadValue of a run is that first read: what an Assign of the same run
 * stores is the state for the next inference, which qscope never makes.
 * Dynamic dimensions of variable_shape are read as 0: an empty state, as
 * an LLM's KV cache starts.  Assign-6 passes its input through; its slot
 * holds the variable's new value for the rest of the run. */
static gboolean
run_stateful (const QsNode     *node,
              QsTensor *const  *in,
              QsTensor        **out,
              GError          **error)
{
  const char *type_text = qs_node_get_attr (node, "variable_type");
  const char *shape_text = qs_node_get_attr (node, "variable_shape");
  QsElementType vtype = QS_ELEMENT_UNDEFINED;
  QsShape shape = { 0, };
  gint64 dims[QS_TENSOR_MAX_RANK];
  int d;

  if (qs_node_is_type (node, "Assign"))
    {
      out[0] = qs_tensor_ref (in[0]);
      return TRUE;
    }

  if (type_text != NULL)
    {
      vtype = qs_element_type_from_string (type_text);
      if (vtype == QS_ELEMENT_N_TYPES)
        {
          g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID,
                       "variable_type “%s” names no element type", type_text);
          return FALSE;
        }
    }
  if (shape_text != NULL && !qs_parse_shape (shape_text, &shape, error))
    {
      g_prefix_error (error, "variable_shape: ");
      return FALSE;
    }

  if (node->n_inputs > 0 && in[0] != NULL)
    {
      gboolean fits = shape_text == NULL || shape.rank < 0 || shape.rank == in[0]->rank;

      for (d = 0; fits && shape_text != NULL && d < shape.rank; d++)
        fits = shape.dims[d] == QS_DIM_DYNAMIC || shape.dims[d] == in[0]->dims[d];
      if (!fits)
        {
          g_autofree char *got = qs_tensor_shape_to_string (in[0]);

          g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID,
                       "the initial value's shape %s does not fit variable_shape “%s”", got, shape_text);
          qs_shape_clear (&shape);
          return FALSE;
        }
      qs_shape_clear (&shape);
      if (vtype != QS_ELEMENT_UNDEFINED && compute_type (vtype) != in[0]->type)
        {
          g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID,
                       "the initial value is %s, variable_type is %s",
                       qs_element_type_name (in[0]->type), type_text);
          return FALSE;
        }
      out[0] = qs_tensor_ref (in[0]);
      return TRUE;
    }

  if (shape_text == NULL || shape.rank < 0 || shape.rank > QS_TENSOR_MAX_RANK)
    {
      g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID,
                   "a ReadValue without an initial value needs a variable_shape of known rank (has “%s”)",
                   shape_text != NULL ? shape_text : "");
      qs_shape_clear (&shape);
      return FALSE;
    }
  for (d = 0; d < shape.rank; d++)
    dims[d] = shape.dims[d] == QS_DIM_DYNAMIC ? 0 : shape.dims[d];
  out[0] = qs_tensor_new (compute_type (vtype), shape.rank, dims);
  qs_shape_clear (&shape);
  if (out[0] == NULL)
    return _qs_op_fail_alloc (error, "the variable's zeros");
  return TRUE;
}

QsRun *
qs_run_new (QsExec          *exec,
            QsTensor *const *inputs,
            GError         **error)
{
  return qs_run_new_full (exec, inputs, NULL, error);
}

QsRun *
qs_run_new_full (QsExec           *exec,
                 QsTensor *const  *inputs,
                 const QsRunSetup *setup,
                 GError          **error)
{
  g_autoptr(QsRun) run = g_new0 (QsRun, 1);
  QsGraph *graph = exec->graph;
  guint i;

  run->exec = exec;
  run->values = g_new0 (QsTensor **, exec->n_nodes);
  run->remaining = g_memdup2 (exec->n_uses, sizeof (guint) * exec->n_nodes);
  run->inputs = g_new0 (QsTensor *, MAX (graph->n_parameters, 1));
  if (setup != NULL)
    {
      g_return_val_if_fail (setup->base == NULL || (setup->base->exec == exec && setup->base->keep_all &&
                                                    setup->recompute != NULL), NULL);
      run->keep_all = setup->keep_all;
      if (setup->fq_choice != NULL && exec->mode != QS_EXEC_MODE_INT8)
        run->fq_choice = g_memdup2 (setup->fq_choice, exec->n_nodes);
      if (setup->base != NULL)
        {
          run->base = setup->base;
          run->recompute = g_memdup2 (setup->recompute, sizeof (gboolean) * exec->n_nodes);
        }
    }

  /* a run keeps constant outputs only once a whole run has set the peak the
   * kept tensors add to, and takes them only when its FakeQuantize layers on
   * weights run as the plan says */
  run->fold = g_atomic_int_get (&exec->n_runs_done) > 0;
  for (i = 0; run->fold && run->fq_choice != NULL && i < exec->n_nodes; i++)
    if (run->fq_choice[i] != QS_FQ_AS_PLAN && exec->constant[i])
      run->fold = FALSE;

  for (i = 0; i < graph->n_parameters; i++)
    {
      const QsNode *p = graph->parameters[i];
      const QsPort *port = &p->outputs[0];
      QsElementType want;
      QsTensor *in = inputs != NULL ? inputs[i] : NULL;
      int d;

      if (in == NULL)
        {
          g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INPUT, "no value for input “%s”", p->name);
          return NULL;
        }
      if (port->shape.rank >= 0)
        {
          gboolean ok = port->shape.rank == in->rank;

          for (d = 0; ok && d < in->rank; d++)
            ok = port->shape.dims[d] == QS_DIM_DYNAMIC || port->shape.dims[d] == in->dims[d];
          if (!ok)
            {
              g_autofree char *want_s = qs_shape_to_string (&port->shape);
              g_autofree char *got_s = qs_tensor_shape_to_string (in);
              g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INPUT,
                           "input “%s” has shape %s, the model wants %s", p->name, got_s, want_s);
              return NULL;
            }
        }
      want = compute_type (port->element_type);
      if (port->element_type == QS_ELEMENT_UNDEFINED || want == in->type)
        run->inputs[i] = qs_tensor_ref (in);
      else
        {
          QsBudget *previous = qs_budget_push (exec->budget);

          run->inputs[i] = qs_tensor_convert (in, want);
          qs_budget_pop (previous);
          if (run->inputs[i] == NULL)
            {
              _qs_op_fail_alloc (error, "the converted input");
              g_prefix_error (error, "input “%s”: ", p->name);
              return NULL;
            }
        }
    }
  return g_steal_pointer (&run);
}

gboolean
qs_run_is_done (const QsRun *run)
{
  return run->position >= run->exec->n_nodes;
}

guint
qs_run_get_position (const QsRun *run)
{
  return run->position;
}

const QsNode *
qs_run_get_last_node (const QsRun *run)
{
  return run->last;
}

QsTensor *
qs_run_get_output (const QsRun  *run,
                   const QsNode *node,
                   guint         port)
{
  QsTensor **slots = run->values[node->index];

  if (slots == NULL || port >= n_slots (node))
    return NULL;
  return slots[port];
}

/* The kept outputs of a constant layer, or NULL. */
static QsTensor **
folded_get (QsExec       *exec,
            const QsNode *node)
{
  return g_atomic_pointer_get (&exec->folded[node->index]);
}

/* Keeps the outputs of a constant layer for the plan's later runs, while
 * all that is kept stays within a quarter of the run-memory limit and
 * within what the limit leaves above the peak of the runs before. */
static void
fold_keep (QsExec          *exec,
           const QsNode    *node,
           QsTensor *const *out)
{
  guint n = n_slots (node), i;
  guint64 limit = qs_budget_get_limit (exec->budget);
  guint64 bytes = 0, total;

  for (i = 0; i < n; i++)
    if (out[i] != NULL)
      bytes += (guint64) out[i]->n_elements * qs_tensor_type_size (out[i]->type);
  g_mutex_lock (&exec->op_data_lock);
  if (exec->n_folded == 0)
    exec->fold_base = qs_budget_get_peak (exec->budget);
  total = exec->folded_bytes + bytes;
  if (exec->folded[node->index] == NULL && total >= bytes && total <= limit / 4 &&
      exec->fold_base <= limit - total)
    {
      QsTensor **kept = g_new (QsTensor *, n);

      for (i = 0; i < n; i++)
        kept[i] = out[i] != NULL ? qs_tensor_ref (out[i]) : NULL;
      exec->folded_bytes = total;
      exec->n_folded++;
      g_atomic_pointer_set (&exec->folded[node->index], kept);
    }
  g_mutex_unlock (&exec->op_data_lock);
}

guint
qs_exec_get_n_folded (QsExec *exec)
{
  guint n;

  g_mutex_lock (&exec->op_data_lock);
  n = exec->n_folded;
  g_mutex_unlock (&exec->op_data_lock);
  return n;
}

/* The outputs of @node that nothing in @run reads, which its op may leave
 * unset (MaxPool's indices): no consumer, not kept, not a port the
 * observer reads (qs_exec_set_observer_ports()), and a run that
 * qs_exec_run() walks, since a caller stepping a run may look at every
 * output of every step (the analysis lists them all).  A constant layer
 * computes them all: a later run may take the outputs it kept. */
static guint32
unread_outputs (const QsRun  *run,
                const QsNode *node)
{
  const QsExec *exec = run->exec;

  if (!run->unseen || exec->keep_all || run->keep_all || exec->keep[node->index] || exec->constant[node->index])
    return 0;
  return exec->no_consumer[node->index] & (exec->observer != NULL ? ~exec->observer_ports : G_MAXUINT32);
}

static void
release_node (QsRun        *run,
              const QsNode *node)
{
  QsExec *exec = run->exec;
  QsTensor **slots = run->values[node->index];
  guint i;

  if (slots == NULL || exec->keep[node->index] || exec->keep_all || run->keep_all)
    return;
  for (i = 0; i < n_slots (node); i++)
    qs_tensor_unref (slots[i]);
  g_free (slots);
  run->values[node->index] = NULL;
  if (run->stash != NULL)
    g_clear_pointer (&run->stash[node->index], _qs_row_stash_free);
}

static int
param_index (const QsGraph *graph,
             const QsNode  *node)
{
  guint i;

  for (i = 0; i < graph->n_parameters; i++)
    if (graph->parameters[i] == node)
      return i;
  return -1;
}

static QsExecMode
fq_mode (const QsRun  *run,
         const QsNode *node)
{
  if (run->fq_choice == NULL || !qs_node_is_type (node, "FakeQuantize"))
    return run->exec->mode;
  switch ((QsFqChoice) run->fq_choice[node->index])
    {
    case QS_FQ_BYPASS: return QS_EXEC_MODE_FLOAT;
    case QS_FQ_QUANTIZE: return QS_EXEC_MODE_FAKE_QUANT;
    case QS_FQ_AS_PLAN:
    default: return run->exec->mode;
    }
}

/* ---- profiling ---- */

void
qs_exec_set_profiling (QsExec   *exec,
                       gboolean  enable)
{
  guint i, j;

  g_return_if_fail (exec != NULL);
  if (enable && exec->profile == NULL)
    {
      g_mutex_init (&exec->profile_lock);
      exec->profile = g_array_new (FALSE, TRUE, sizeof (QsExecProfileRow));
      exec->profile_row = g_new0 (guint, exec->graph->n_nodes);
      for (i = 0; i < exec->graph->n_nodes; i++)
        {
          const char *type = exec->graph->nodes[i]->type;

          for (j = 0; j < exec->profile->len; j++)
            if (g_str_equal (g_array_index (exec->profile, QsExecProfileRow, j).type, type))
              break;
          if (j == exec->profile->len)
            {
              QsExecProfileRow row = { .type = g_strdup (type) };

              g_array_append_val (exec->profile, row);
            }
          exec->profile_row[i] = j;
        }
    }
  exec->profiling = enable;
}

void
qs_exec_reset_profile (QsExec *exec)
{
  guint i;

  g_return_if_fail (exec != NULL);
  if (exec->profile == NULL)
    return;
  g_mutex_lock (&exec->profile_lock);
  for (i = 0; i < exec->profile->len; i++)
    {
      QsExecProfileRow *row = &g_array_index (exec->profile, QsExecProfileRow, i);
      char *type = row->type;

      memset (row, 0, sizeof *row);
      row->type = type;
    }
  g_mutex_unlock (&exec->profile_lock);
}

static void
profile_row_clear (gpointer data)
{
  g_free (((QsExecProfileRow *) data)->type);
}

static int
profile_row_cmp (gconstpointer a,
                 gconstpointer b)
{
  const QsExecProfileRow *x = a, *y = b;
  guint64 tx = x->ns + x->observer_ns, ty = y->ns + y->observer_ns;

  if (tx != ty)
    return tx > ty ? -1 : 1;
  return strcmp (x->type, y->type);
}

GArray *
qs_exec_get_profile (QsExec *exec)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (QsExecProfileRow));
  guint i;

  g_return_val_if_fail (exec != NULL, rows);
  g_array_set_clear_func (rows, profile_row_clear);
  if (exec->profile == NULL)
    return rows;
  g_mutex_lock (&exec->profile_lock);
  for (i = 0; i < exec->profile->len; i++)
    {
      QsExecProfileRow row = g_array_index (exec->profile, QsExecProfileRow, i);

      if (row.calls == 0)
        continue;
      row.type = g_strdup (row.type);
      g_array_append_val (rows, row);
    }
  g_mutex_unlock (&exec->profile_lock);
  g_array_sort (rows, profile_row_cmp);
  return rows;
}

typedef struct
{
  gint64  t;
  guint64 kernel_ns;
  guint64 alloc_bytes;
  guint64 faults;
} ProfileMark;

static void
profile_mark (ProfileMark *mark)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  mark->t = (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
  mark->kernel_ns = qs_kernels_thread_ns ();
  mark->alloc_bytes = qs_tensor_thread_alloc_bytes ();
  mark->faults = 0;
#ifdef RUSAGE_THREAD
  {
    struct rusage usage;

    if (getrusage (RUSAGE_THREAD, &usage) == 0)
      mark->faults = (guint64) usage.ru_minflt;
  }
#endif
}

static gint64
profile_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* @start: before the step; @computed: after the layer, before the
 * observer; @observed: after the observer; @end: the step's end. */
static void
profile_add (QsExec            *exec,
             const QsNode      *node,
             const ProfileMark *start,
             const ProfileMark *computed,
             gint64             observed,
             const ProfileMark *end)
{
  QsExecProfileRow *row;

  g_mutex_lock (&exec->profile_lock);
  row = &g_array_index (exec->profile, QsExecProfileRow, exec->profile_row[node->index]);
  row->calls++;
  row->ns += (guint64) ((computed->t - start->t) + (end->t - observed));
  row->observer_ns += (guint64) (observed - computed->t);
  row->kernel_ns += computed->kernel_ns - start->kernel_ns;
  row->alloc_bytes += computed->alloc_bytes - start->alloc_bytes;
  row->page_faults += computed->faults - start->faults;
  g_mutex_unlock (&exec->profile_lock);
}

static void
release_inputs (QsRun        *run,
                const QsNode *node)
{
  guint i;

  for (i = 0; i < node->n_inputs; i++)
    {
      const QsPort *src = node->inputs[i].source;

      if (src != NULL && run->remaining[src->node->index] > 0 &&
          --run->remaining[src->node->index] == 0)
        release_node (run, src->node);
    }
}

/* Whether @run may fuse @chain now: nothing observes the run, or the
 * observer takes the statistics of the links through the summary function
 * (asked in ask_summaries()), and no link but the last is wanted on its
 * own (kept, or a base for other runs). */
static gboolean
may_fuse (const QsRun       *run,
          const QsFuseChain *chain)
{
  const QsExec *exec = run->exec;
  guint j;

  if (!exec->fusion || (exec->observer != NULL && exec->summary_func == NULL) ||
      exec->keep_all || run->keep_all || run->base != NULL)
    return FALSE;
  for (j = 0; j + 1 < chain->n; j++)
    if (exec->keep[chain->nodes[j]->index])
      return FALSE;
  return TRUE;
}

/* The value at the source of input port @in, or NULL. */
static QsTensor *
source_value (const QsRun  *run,
              const QsPort *in)
{
  const QsPort *src = in->source;

  if (src == NULL || run->values[src->node->index] == NULL)
    return NULL;
  return run->values[src->node->index][src->index];
}

/* With an observer: the summary of every link but the last, from the
 * summary function (into run->link_sum); FALSE when it wants a tensor. */
static gboolean
ask_summaries (QsRun             *run,
               const QsFuseChain *chain,
               const QsTensor    *x)
{
  QsExec *exec = run->exec;
  QsTensor like;
  g_autofree double *ranges = NULL;
  gboolean need_range = FALSE;
  guint i, j;

  if (exec->observer == NULL)
    return TRUE;
  if (x == NULL)
    return FALSE;
  qs_tensor_init_borrowed (&like, QS_ELEMENT_F32, x->rank, x->dims, NULL);
  if (run->link_sum == NULL)
    run->link_sum = g_new0 (QsSummary *, exec->n_nodes);
  for (j = 0; j + 1 < chain->n; j++)
    {
      run->link_sum[chain->nodes[j]->index] = exec->summary_func (chain->nodes[j], 0, &like, NULL,
                                                                  exec->summary_data);
      need_range |= run->link_sum[chain->nodes[j]->index] == NULL;
    }
  if (need_range)
    {
      /* a range pass over the slices, when every input is there already */
      g_autofree QsTensor ***link_in = g_new0 (QsTensor **, chain->n);
      gboolean ok = TRUE;

      for (j = 0; j < chain->n; j++)
        {
          const QsNode *link = chain->nodes[j];

          link_in[j] = g_new0 (QsTensor *, MAX (link->n_inputs, 1));
          for (i = 0; ok && i < link->n_inputs; i++)
            if ((j == 0 || i != chain->port[j]) && link->inputs[i].source != NULL)
              ok = (link_in[j][i] = source_value (run, &link->inputs[i])) != NULL;
        }
      if (ok)
        {
          QsBudget *previous = qs_budget_push (exec->budget);

          ranges = g_new (double, 2 * chain->n);
          ok = _qs_fuse_chain_ranges (chain, exec, exec->mode, (QsTensor *const *const *) link_in, ranges);
          qs_budget_pop (previous);
        }
      for (j = 0; j < chain->n; j++)
        g_free (link_in[j]);
      for (j = 0; ok && j + 1 < chain->n; j++)
        if (run->link_sum[chain->nodes[j]->index] == NULL)
          {
            run->link_sum[chain->nodes[j]->index] = exec->summary_func (chain->nodes[j], 0, &like, &ranges[2 * j],
                                                                        exec->summary_data);
            ok = run->link_sum[chain->nodes[j]->index] != NULL;
          }
      if (!ok)
        {
          for (j = 0; j + 1 < chain->n; j++)
            run->link_sum[chain->nodes[j]->index] = NULL;
          return FALSE;
        }
    }
  return TRUE;
}

/* Whether the run summarises @node's output as it is made (through the
 * summary function, for an observer that asks qs_exec_output_summarised()). */
static gboolean
summarises_written (const QsRun  *run,
                    const QsNode *node)
{
  const QsExec *exec = run->exec;

  return exec->summarise_outputs && exec->observer != NULL && exec->summary_func != NULL &&
         !exec->constant[node->index];
}

/* @out counted into @written (set up here with @target's bins and range)
 * and merged into @target: for an output the summary function was asked
 * for but whose summary cannot be derived. */
static gboolean
count_written (QsSummary      *target,
               const QsTensor *out,
               QsSummary      *written)
{
  qs_summary_init (written, target->has_bins ? &target->bins : NULL, target->has_fq ? &target->fq : NULL);
  qs_summary_add_tensor (written, out);
  if (qs_summary_merge (target, written))
    return TRUE;
  qs_summary_clear (written);
  return FALSE;
}

/* A layer whose integer output feeds a Dequantize, or whose f32 output an
 * op combines with a constant (_qs_derive_const_op_data()): its summary
 * from the row moments the reader's summary will be derived from, taken
 * in one pass into @written (set up here) and merged into the summary
 * function's; FALSE when the run does not summarise it that way. */
static gboolean
take_rows (QsRun        *run,
           const QsNode *node,
           QsTensor     *out,
           QsSummary    *written)
{
  QsExec *exec = run->exec;
  QsSummary *target;
  QsRowStash *stash;
  gboolean per_channel;
  guint kind;

  if (out->type == QS_ELEMENT_F32)
    kind = exec->feeds_const[node->index];
  else
    kind = exec->feeds_deq != NULL ? exec->feeds_deq[node->index] : 0;
  if (kind == 0 || !summarises_written (run, node))
    return FALSE;
  /* rows one a channel only where some reader has constants that vary
   * by channel (short rows cost a call each) */
  per_channel = kind == 2;
  if (!_qs_derive_rows_fit (out, per_channel))
    return FALSE;
  target = exec->summary_func (node, 0, out, NULL, exec->summary_data);
  if (target == NULL)
    return FALSE;
  /* rows for moments only; else (bins) counted, as it was asked for */
  if (target->has_bins || target->has_fq)
    return count_written (target, out, written);
  qs_summary_init (written, NULL, NULL);
  stash = _qs_derive_take_rows (out, per_channel, written);
  if (stash == NULL || !qs_summary_merge (target, written))
    {
      _qs_row_stash_free (stash);
      qs_summary_clear (written);
      return count_written (target, out, written);
    }
  if (run->stash == NULL)
    run->stash = g_new0 (QsRowStash *, exec->n_nodes);
  _qs_row_stash_free (run->stash[node->index]);
  run->stash[node->index] = stash;
  return TRUE;
}

/* The summary of Dequantize @node (inputs @in) derived from the rows of
 * its data into @into (moments only); FALSE, nothing added, when it
 * cannot be. */
static gboolean
derive_dequantize (const QsRun     *run,
                   const QsNode    *node,
                   QsTensor *const *in,
                   QsSummary       *into)
{
  const QsPort *src = node->n_inputs > 0 ? node->inputs[0].source : NULL;

  if (run->stash == NULL || src == NULL || src->index != 0 || into->has_bins || into->has_fq)
    return FALSE;
  return _qs_derive_dequantize (run->stash[src->node->index], node, in, node->n_inputs, into);
}

/* The rows of the data of @node, an op of it and a constant, when the
 * run took them: then its summary is derived, and the op need not take
 * it as it writes. */
static const QsRowStash *
const_op_rows (const QsRun  *run,
               const QsNode *node)
{
  const QsExec *exec = run->exec;
  int data = exec->const_data[node->index];
  const QsPort *src;

  if (data < 0 || run->stash == NULL || !summarises_written (run, node))
    return NULL;
  src = node->inputs[data].source;
  if (src == NULL || src->index != 0 || run->stash[src->node->index] == NULL ||
      run->stash[src->node->index]->rows_f32 == NULL)
    return NULL;
  return run->stash[src->node->index];
}

/* The summary of @node from its data's rows (const_op_rows()) into
 * @written (set up here) and merged into the summary function's; where
 * it cannot be derived (a NaN or an infinity in the data, a constant that
 * is not finite, bins asked for), @out[0] is counted instead: the op did
 * not summarise it as it wrote it. */
static gboolean
summarise_const_op (QsRun           *run,
                    const QsNode    *node,
                    QsTensor *const *in,
                    QsTensor *const *out,
                    QsSummary       *written)
{
  QsExec *exec = run->exec;
  QsSummary *target;

  if (out[0]->type != QS_ELEMENT_F32)
    return FALSE;
  target = exec->summary_func (node, 0, out[0], NULL, exec->summary_data);
  if (target == NULL)
    return FALSE;
  qs_summary_init (written, NULL, NULL);
  if (!target->has_bins && !target->has_fq &&
      _qs_derive_const_op (const_op_rows (run, node), node, exec->const_data[node->index], in, node->n_inputs,
                           out[0], written) && qs_summary_merge (target, written))
    return TRUE;
  qs_summary_clear (written);
  return count_written (target, out[0], written);
}

enum
{
  FUSE_NONE = 0,
  FUSE_DEFERRED,      /* a link before the Quantize: its step waits for the chain's */
  FUSE_TAIL,          /* the Quantize: its step runs the whole chain */
};

/* At the chain's Quantize: runs every link, slice by slice (or whole,
 * when a slice would not do), into @out[0].  The links' inputs were kept
 * for it (their steps released nothing); this step releases them. */
static gboolean
run_chain (QsRun             *run,
           const QsFuseChain *chain,
           QsTensor         **out,
           GError           **error)
{
  QsExec *exec = run->exec;
  g_autofree QsTensor ***link_in = g_new0 (QsTensor **, chain->n);
  g_autofree QsSummary **sums = g_new0 (QsSummary *, chain->n);
  QsBudget *previous;
  gboolean ok = TRUE;
  guint i, j, failed = 0;
  g_autoptr(GError) local = NULL;

  for (j = 0; ok && j < chain->n; j++)
    {
      const QsNode *link = chain->nodes[j];

      link_in[j] = g_new0 (QsTensor *, MAX (link->n_inputs, 1));
      for (i = 0; ok && i < link->n_inputs; i++)
        {
          const QsPort *src = link->inputs[i].source;

          if ((j > 0 && i == chain->port[j]) || src == NULL)
            continue;
          if (run->values[src->node->index] != NULL)
            link_in[j][i] = run->values[src->node->index][src->index];
          if (link_in[j][i] == NULL)
            {
              g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID,
                           "input %u has no value (its producer gave none)", i);
              prefix_node_error (error, exec, link);
              ok = FALSE;
            }
        }
    }
  if (ok)
    {
      previous = qs_budget_push (exec->budget);
      if (run->link_sum != NULL)
        for (j = 0; j < chain->n; j++)
          sums[j] = run->link_sum[chain->nodes[j]->index];
      /* the Dequantize's figures follow from its data's rows: none of its
       * slices need be read */
      if (sums[0] != NULL && summarises_written (run, chain->nodes[0]))
        {
          QsSummary derived;

          qs_summary_init (&derived, NULL, NULL);
          if (derive_dequantize (run, chain->nodes[0], link_in[0], &derived) &&
              qs_summary_merge (sums[0], &derived))
            sums[0] = NULL;
          qs_summary_clear (&derived);
        }
      if (_qs_fuse_chain_run (chain, exec, exec->mode, (QsTensor *const *const *) link_in, sums, &out[0]))
        run->n_fused++;
      else if (!_qs_fuse_chain_run_whole (chain, exec, exec->mode, (QsTensor *const *const *) link_in, sums,
                                          &out[0], &failed, &local))
        {
          const QsNode *link = chain->nodes[failed];

          if (!g_error_matches (local, QS_EXEC_ERROR, QS_EXEC_ERROR_MEMORY))
            g_prefix_error (&local, "%s-%s: ", link->type, link->version);
          prefix_node_error (&local, exec, link);
          g_propagate_error (error, g_steal_pointer (&local));
          ok = FALSE;
        }
      qs_budget_pop (previous);
    }
  for (j = 0; j < chain->n; j++)
    g_free (link_in[j]);
  return ok;
}

/* Output 0 of a layer the run just computed (not through an op's own
 * summary): a Dequantize's summary derived from its data's rows, or the
 * rows of an integer output a Dequantize reads, taken with its summary.
 * TRUE with @written what was merged into the summary function's. */
static gboolean
summarise_derived (QsRun           *run,
                   const QsNode    *node,
                   QsTensor *const *in,
                   QsTensor *const *out,
                   QsSummary       *written)
{
  QsExec *exec = run->exec;

  if (const_op_rows (run, node) != NULL)
    {
      if (summarise_const_op (run, node, in, out, written))
        return TRUE;
      return take_rows (run, node, out[0], written);
    }
  if (run->stash != NULL && node->n_inputs > 0 && summarises_written (run, node) &&
      g_strcmp0 (node->version, "qscope") == 0 && qs_node_is_type (node, "Dequantize"))
    {
      const QsPort *src = node->inputs[0].source;
      QsSummary *target;

      if (src == NULL || run->stash[src->node->index] == NULL)
        return FALSE;
      target = exec->summary_func (node, 0, out[0], NULL, exec->summary_data);
      if (target == NULL || target->has_bins || target->has_fq)
        return FALSE;
      qs_summary_init (written, NULL, NULL);
      if (derive_dequantize (run, node, in, written) && qs_summary_merge (target, written))
        return TRUE;
      qs_summary_clear (written);
      return FALSE;
    }
  return take_rows (run, node, out[0], written);
}

static gboolean
run_step (QsRun         *run,
          GCancellable  *cancellable,
          GError       **error)
{
  QsExec *exec = run->exec;
  QsNode *node;
  QsTensor *in_buf[16];
  g_autofree QsTensor **in_heap = NULL;
  QsTensor **in;
  QsTensor **out = NULL;
  guint i;
  gboolean profiling = exec->profiling;
  ProfileMark p_start, p_computed, p_end;
  gint64 p_observed = 0;
  QsSummary written;            /* output 0's statistics, taken as the op wrote it */
  gboolean has_written = FALSE;

  g_return_val_if_fail (!qs_run_is_done (run), FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (profiling)
    profile_mark (&p_start);
  node = exec->order[run->position];
  if (exec->chains != NULL && exec->chains[node->index] != NULL &&
      (run->fused == NULL || run->fused[node->index] == FUSE_NONE) &&
      may_fuse (run, exec->chains[node->index]) &&
      ask_summaries (run, exec->chains[node->index], source_value (run, &node->inputs[0])))
    {
      const QsFuseChain *chain = exec->chains[node->index];

      if (run->fused == NULL)
        run->fused = g_new0 (guint8, exec->n_nodes);
      for (i = 0; i + 1 < chain->n; i++)
        run->fused[chain->nodes[i]->index] = FUSE_DEFERRED;
      run->fused[chain->nodes[chain->n - 1]->index] = FUSE_TAIL;
    }
  if (run->fused != NULL && run->fused[node->index] != FUSE_NONE)
    {
      gboolean tail = run->fused[node->index] == FUSE_TAIL;
      const QsFuseChain *chain = tail ? exec->tails[node->index] : NULL;
      QsTensor *nothing = NULL;

      run->fused[node->index] = FUSE_NONE;
      if (tail)
        {
          out = g_new0 (QsTensor *, n_slots (node));
          if (!run_chain (run, chain, out, error))
            {
              g_free (out);
              return FALSE;
            }
          run->values[node->index] = out;
        }
      /* a deferred link leaves no output and keeps its inputs for the tail */
      run->last = node;
      if (profiling)
        profile_mark (&p_computed);
      /* (counted as the observer's time, as reading the codes was) */
      if (tail)
        has_written = take_rows (run, node, out[0], &written);
      if (exec->observer != NULL)
        {
          in = node->n_inputs <= G_N_ELEMENTS (in_buf) ? in_buf : (in_heap = g_new0 (QsTensor *, node->n_inputs));
          for (i = 0; i < node->n_inputs; i++)
            in[i] = source_value (run, &node->inputs[i]);
          if (has_written)
            {
              observed_summary.exec = exec;
              observed_summary.node = node;
              observed_summary.part = &written;
            }
          exec->observer (node, in, node->n_inputs, tail ? out : &nothing, 1, exec->observer_data);
          if (has_written)
            memset (&observed_summary, 0, sizeof observed_summary);
        }
      if (has_written)
        qs_summary_clear (&written);
      if (profiling)
        p_observed = profile_now ();
      if (tail)
        for (i = 0; i < chain->n; i++)
          {
            release_inputs (run, chain->nodes[i]);
            if (run->link_sum != NULL)
              run->link_sum[chain->nodes[i]->index] = NULL;
          }
      run->position++;
      if (qs_run_is_done (run))
        g_atomic_int_inc (&exec->n_runs_done);
      if (profiling)
        {
          profile_mark (&p_end);
          profile_add (exec, node, &p_start, &p_computed, p_observed, &p_end);
        }
      return TRUE;
    }
  in = node->n_inputs <= G_N_ELEMENTS (in_buf) ? in_buf : (in_heap = g_new0 (QsTensor *, node->n_inputs));
  for (i = 0; i < node->n_inputs; i++)
    {
      const QsPort *src = node->inputs[i].source;

      in[i] = NULL;
      if (src != NULL && run->values[src->node->index] != NULL)
        in[i] = run->values[src->node->index][src->index];
      if (src != NULL && in[i] == NULL)
        {
          g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID,
                       "input %u has no value (its producer gave none)", i);
          prefix_node_error (error, exec, node);
          return FALSE;
        }
    }

  out = g_new0 (QsTensor *, MAX (node->n_outputs, 1));

  if (run->base != NULL && !run->recompute[node->index])
    {
      QsTensor **kept = run->base->values[node->index];

      if (kept == NULL)
        {
          g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID, "the run it reuses kept no value of it");
          prefix_node_error (error, exec, node);
          g_free (out);
          return FALSE;
        }
      for (i = 0; i < n_slots (node); i++)
        out[i] = kept[i] != NULL ? qs_tensor_ref (kept[i]) : NULL;
    }
  else if (qs_node_is_type (node, "Parameter"))
    {
      int p = param_index (exec->graph, node);
      out[0] = qs_tensor_ref (run->inputs[p]);
    }
  else if (qs_node_is_type (node, "Result") && node->n_outputs == 0 && node->n_inputs == 1)
    {
      if (in[0] == NULL)
        {
          /* found by fuzz-exec: a Result whose input port has no edge */
          g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID, "its input is not connected");
          prefix_node_error (error, exec, node);
          g_free (out);
          return FALSE;
        }
      out[0] = qs_tensor_ref (in[0]);
    }
  else if (qs_node_is_type (node, "Const"))
    {
      if (exec->consts[node->index] == NULL)
        {
          QsBudget *previous = qs_budget_push (exec->budget);

          exec->consts[node->index] = load_const (node, error);
          qs_budget_pop (previous);
          if (exec->consts[node->index] == NULL)
            {
              prefix_node_error (error, exec, node);
              g_free (out);
              return FALSE;
            }
        }
      out[0] = qs_tensor_ref (exec->consts[node->index]);
    }
  else if (is_stateful (node->type))
    {
      QsBudget *previous = qs_budget_push (exec->budget);
      gboolean ok = run_stateful (node, in, out, error);

      qs_budget_pop (previous);
      if (!ok)
        {
          g_free (out);
          g_prefix_error (error, "%s-%s: ", node->type, node->version);
          prefix_node_error (error, exec, node);
          return FALSE;
        }
    }
  else if (run->fold && exec->constant[node->index] && folded_get (exec, node) != NULL)
    {
      QsTensor **kept = folded_get (exec, node);

      for (i = 0; i < n_slots (node); i++)
        out[i] = kept[i] != NULL ? qs_tensor_ref (kept[i]) : NULL;
    }
  else
    {
      QsOpCtx ctx = {
        .exec = exec,
        .node = node,
        .mode = fq_mode (run, node),
        .data_is_constant = node->n_inputs > 0 && node->inputs[0].source != NULL &&
                            exec->constant[node->inputs[0].source->node->index],
        .n_in = node->n_inputs,
        .in = in,
        .n_out = node->n_outputs,
        .out = out,
        .out_unread = unread_outputs (run, node),
        /* (not an op whose summary follows from its data's rows) */
        .summarise = exec->summarise_outputs && exec->observer != NULL && exec->summary_func != NULL &&
                     !exec->constant[node->index] && node->n_outputs > 0 && const_op_rows (run, node) == NULL,
        .out_part = &written,
      };
      const QsOpEntry *op = exec->ops[node->index];
      g_autoptr(GError) local = NULL;
      QsBudget *previous = qs_budget_push (exec->budget);
      gboolean ok = op != NULL ? op->func (&ctx, &local) : FALSE;

      qs_budget_pop (previous);
      if (ctx.out_summary != NULL)
        {
          /* the op added its output 0 to written as it made it */
          if (ok && out[0] != NULL && qs_summary_merge (ctx.out_summary, &written))
            has_written = TRUE;
          else
            qs_summary_clear (&written);
        }
      if (!ok)
        {
          for (i = 0; i < node->n_outputs; i++)
            qs_tensor_unref (out[i]);
          g_free (out);
          if (local == NULL)
            local = g_error_new (QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID,
                                 op != NULL ? "failed without saying why" : "has no kernel");
          /* the memory message names the type already, through the location */
          if (!g_error_matches (local, QS_EXEC_ERROR, QS_EXEC_ERROR_MEMORY))
            g_prefix_error (&local, "%s-%s: ", node->type, node->version);
          prefix_node_error (&local, exec, node);
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      for (i = 0; i < node->n_outputs; i++)
        if (out[i] == NULL && _qs_op_output_read (&ctx, i))
          {
            guint j;

            for (j = 0; j < node->n_outputs; j++)
              qs_tensor_unref (out[j]);
            g_free (out);
            g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID,
                         "output %u was not computed", i);
            prefix_node_error (error, exec, node);
            if (has_written)
              qs_summary_clear (&written);
            return FALSE;
          }
      if (run->fold && exec->constant[node->index])
        fold_keep (exec, node, out);
    }

  run->values[node->index] = out;
  run->last = node;

  if (profiling)
    profile_mark (&p_computed);
  /* (counted as the observer's time, as reading the output was) */
  if (!has_written && out[0] != NULL && node->n_outputs > 0)
    has_written = summarise_derived (run, node, in, out, &written);
  if (exec->observer != NULL)
    {
      if (has_written)
        {
          observed_summary.exec = exec;
          observed_summary.node = node;
          observed_summary.part = &written;
        }
      exec->observer (node, in, node->n_inputs, out, n_slots (node), exec->observer_data);
      if (has_written)
        {
          memset (&observed_summary, 0, sizeof observed_summary);
          qs_summary_clear (&written);
        }
    }
  if (profiling)
    p_observed = profile_now ();

  /* release inputs whose last consumer this was */
  release_inputs (run, node);
  run->position++;
  if (qs_run_is_done (run))
    g_atomic_int_inc (&exec->n_runs_done);
  if (profiling)
    {
      profile_mark (&p_end);
      profile_add (exec, node, &p_start, &p_computed, p_observed, &p_end);
    }
  return TRUE;
}

/* From the first step to the last (or a failed one) the pool's threads
 * wait for the next job spinning: a run makes hundreds of pool calls a
 * few microseconds apart, each of which would otherwise wake a sleeping
 * thread. */
static void
set_pool_hint (QsRun    *run,
               gboolean  on)
{
  if (run->pool_hint == on)
    return;
  run->pool_hint = on;
  if (on)
    qs_parallel_run_begin ();
  else
    qs_parallel_run_end ();
}

gboolean
qs_run_step (QsRun         *run,
             GCancellable  *cancellable,
             GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (!qs_run_is_done (run), FALSE);

  set_pool_hint (run, TRUE);
  ok = run_step (run, cancellable, error);
  if (!ok || qs_run_is_done (run))
    set_pool_hint (run, FALSE);
  return ok;
}

void
qs_run_free (QsRun *run)
{
  guint i, j;

  if (run == NULL)
    return;
  set_pool_hint (run, FALSE);
  for (i = 0; i < run->exec->n_nodes; i++)
    if (run->values[i] != NULL)
      {
        for (j = 0; j < n_slots (run->exec->graph->nodes[i]); j++)
          qs_tensor_unref (run->values[i][j]);
        g_free (run->values[i]);
      }
  g_free (run->values);
  g_free (run->remaining);
  g_free (run->fq_choice);
  g_free (run->recompute);
  g_free (run->fused);
  g_free (run->link_sum);
  if (run->stash != NULL)
    for (i = 0; i < run->exec->n_nodes; i++)
      _qs_row_stash_free (run->stash[i]);
  g_free (run->stash);
  if (run->inputs != NULL)
    for (i = 0; i < run->exec->graph->n_parameters; i++)
      qs_tensor_unref (run->inputs[i]);
  g_free (run->inputs);
  g_free (run);
}

gboolean
qs_exec_run (QsExec          *exec,
             QsTensor *const *inputs,
             GCancellable    *cancellable,
             QsExecProgress   progress,
             gpointer         progress_data,
             QsTensor      ***outputs,
             GError         **error)
{
  g_autoptr(QsRun) run = qs_run_new (exec, inputs, error);
  guint i;

  if (run == NULL)
    return FALSE;
  run->unseen = TRUE;
  while (!qs_run_is_done (run))
    {
      if (!qs_run_step (run, cancellable, error))
        return FALSE;
      if (progress != NULL && (run->position % 16 == 0 || qs_run_is_done (run)))
        progress (run->position, exec->n_nodes, progress_data);
    }
  if (outputs != NULL)
    {
      *outputs = g_new0 (QsTensor *, MAX (exec->graph->n_results, 1));
      for (i = 0; i < exec->graph->n_results; i++)
        {
          QsTensor *t = qs_run_get_output (run, exec->graph->results[i], 0);
          (*outputs)[i] = t != NULL ? qs_tensor_ref (t) : NULL;
        }
    }
  return TRUE;
}
