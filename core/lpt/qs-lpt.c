/* qs-lpt.c — the pass table, the shared helpers and the result
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>

#include "qs-lpt-private.h"
#include "qs-nncf.h"

G_DEFINE_QUARK (qs-lpt-error-quark, qs_lpt_error)

/* Node passes, in order, for each layer in topological order. */
static const struct
{
  const char  *name;
  LptNodePass  visit;
} node_passes[] = {
  { "decompose FakeQuantize", _qs_lpt_pass_decompose },
  { "propagate Dequantize", _qs_lpt_pass_propagate },
  { "int8 compute", _qs_lpt_pass_compute },
  { "requantize", _qs_lpt_pass_requantize },
};

struct _QsLptResult
{
  QsModel    *original;
  QsModel    *model;
  LptContext  ctx;
};

/* NNCF's ignored scope: the root cause of a compute layer that gets no
 * FakeQuantize.  Settings qscope cannot read are left to `qscope-cli
 * info`, which reports them; the transformation does not depend on them. */
static void
mark_nncf_ignored (LptContext *ctx,
                   QsModel    *model)
{
  g_autoptr(QsNncfSettings) settings = qs_nncf_settings_from_model (model, NULL);
  guint i;

  if (settings == NULL)
    return;
  for (i = 0; i < ctx->graph->n_nodes; i++)
    {
      LptNode *n = &ctx->nodes[i];
      g_autofree char *rule = NULL;

      if (!qs_nncf_settings_ignores (settings, ctx->graph->nodes[i], &rule))
        continue;
      n->d.nncf_ignored = g_string_chunk_insert_const (ctx->strings, rule);
      if (n->d.is_compute && n->d.precision == QS_LPT_PRECISION_FP32 && n->d.input.type != QS_ELEMENT_U8 &&
          n->d.input.type != QS_ELEMENT_I8)
        {
          g_autofree char *why = g_strdup_printf ("excluded by NNCF ignored_scope %s: no FakeQuantize quantizes its "
                                                  "input", rule);
          n->d.reason = g_string_chunk_insert_const (ctx->strings, why);
        }
    }
}

LptNode *
_qs_lpt_node (LptContext   *ctx,
              const QsNode *node)
{
  return &ctx->nodes[node->index];
}

LptDq *
_qs_lpt_tensor (LptContext   *ctx,
                const QsPort *output)
{
  return &ctx->tensors[ctx->port_base[output->node->index] + output->index];
}

LptDq *
_qs_lpt_input (LptContext   *ctx,
               const QsNode *node,
               guint         input)
{
  const QsPort *src = input < node->n_inputs ? node->inputs[input].source : NULL;

  if (src == NULL || src->node->graph != ctx->graph)
    return NULL;
  return _qs_lpt_tensor (ctx, src);
}

void
_qs_lpt_dq_init (LptDq         *dq,
                 QsElementType  type,
                 int            rank,
                 int            axis,
                 guint          n)
{
  _qs_lpt_dq_clear (dq);
  dq->valid = TRUE;
  dq->type = type;
  dq->rank = rank;
  dq->axis = n > 1 ? axis : -1;
  dq->n = n;
  dq->scale = g_new0 (double, n);
  dq->zp = g_new0 (double, n);
}

void
_qs_lpt_dq_copy (LptDq       *dst,
                 const LptDq *src)
{
  _qs_lpt_dq_init (dst, src->type, src->rank, src->axis, src->n);
  dst->from_compute = src->from_compute;
  dst->fq_per_channel = src->fq_per_channel;
  dst->qmin = src->qmin;
  dst->qmax = src->qmax;
  memcpy (dst->scale, src->scale, src->n * sizeof (double));
  memcpy (dst->zp, src->zp, src->n * sizeof (double));
  if (src->shift != NULL)
    dst->shift = g_memdup2 (src->shift, src->n * sizeof (double));
  if (src->border != NULL)
    {
      memcpy (dst->border_dims, src->border_dims, sizeof dst->border_dims);
      memcpy (dst->border_classes, src->border_classes, sizeof dst->border_classes);
      dst->border = g_memdup2 (src->border, src->border_dims[0] * src->border_classes[0] * src->border_classes[1] *
                               sizeof (double));
      dst->border_row = g_memdup2 (src->border_row, src->border_dims[1] * sizeof (gint32));
      dst->border_col = g_memdup2 (src->border_col, src->border_dims[2] * sizeof (gint32));
    }
}

void
_qs_lpt_dq_clear (LptDq *dq)
{
  g_clear_pointer (&dq->scale, g_free);
  g_clear_pointer (&dq->zp, g_free);
  g_clear_pointer (&dq->shift, g_free);
  g_clear_pointer (&dq->border, g_free);
  g_clear_pointer (&dq->border_row, g_free);
  g_clear_pointer (&dq->border_col, g_free);
  memset (dq, 0, sizeof *dq);
}

gboolean
_qs_lpt_dq_per_tensor (const LptDq *dq)
{
  guint c;

  for (c = 1; c < dq->n; c++)
    if (dq->scale[c] != dq->scale[0] || dq->zp[c] != dq->zp[0] ||
        (dq->shift != NULL && dq->shift[c] != dq->shift[0]))
      return FALSE;
  return TRUE;
}

/* Does the Dequantize subtract anything (a zero point on any channel)? */
gboolean
_qs_lpt_dq_has_zero_point (const LptDq *dq)
{
  guint c;

  for (c = 0; c < dq->n; c++)
    if (dq->zp[c] != 0.0)
      return TRUE;
  return FALSE;
}

void
_qs_lpt_fp32 (LptContext   *ctx,
              const QsNode *node,
              const char   *format,
              ...)
{
  LptNode *n = _qs_lpt_node (ctx, node);
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  n->mode = LPT_MODE_COPY;
  n->d.precision = QS_LPT_PRECISION_FP32;
  n->d.aligned = FALSE;
  memset (&n->d.grid, 0, sizeof n->d.grid);
  n->d.reason = g_string_chunk_insert_const (ctx->strings, text);
}

gboolean
_qs_lpt_is_compute (const QsNode *node)
{
  return qs_node_is_type (node, "Convolution") || qs_node_is_type (node, "GroupConvolution") ||
         qs_node_is_type (node, "MatMul") || qs_node_is_type (node, "ConvolutionBackpropData") ||
         qs_node_is_type (node, "GroupConvolutionBackpropData");
}

static void
context_clear (LptContext *ctx)
{
  guint i, n_tensors;

  if (ctx->graph == NULL)
    return;
  n_tensors = ctx->port_base[ctx->graph->n_nodes];
  for (i = 0; i < n_tensors; i++)
    _qs_lpt_dq_clear (&ctx->tensors[i]);
  for (i = 0; i < ctx->graph->n_nodes; i++)
    {
      g_clear_pointer (&ctx->nodes[i].fq, qs_fq_info_free);
      g_clear_pointer (&ctx->nodes[i].weights, qs_quant_weights_free);
    }
  g_free (ctx->tensors);
  g_free (ctx->nodes);
  g_free (ctx->port_base);
  g_clear_pointer (&ctx->strings, g_string_chunk_free);
}

void
qs_lpt_result_free (QsLptResult *result)
{
  if (result == NULL)
    return;
  context_clear (&result->ctx);
  g_clear_pointer (&result->model, qs_model_unref);
  g_clear_pointer (&result->original, qs_model_unref);
  g_free (result);
}

static void
fill_quant (QsLptQuant  *q,
            const LptDq *dq)
{
  memset (q, 0, sizeof *q);
  if (dq == NULL || !dq->valid)
    return;
  q->type = dq->type;
  q->n = dq->n;
  q->axis = dq->axis;
  q->rank = dq->rank;
  q->scale = dq->scale;
  q->zero_point = dq->zp;
  q->shift = dq->shift;
  q->border = dq->border;
  q->border_row = dq->border_row;
  q->border_col = dq->border_col;
  memcpy (q->border_classes, dq->border_classes, sizeof q->border_classes);
  memcpy (q->border_dims, dq->border_dims, sizeof q->border_dims);
}

static gboolean
has_weights (const QsGraph *graph)
{
  guint i;

  for (i = 0; i < graph->n_nodes; i++)
    if (graph->nodes[i]->konst != NULL && graph->nodes[i]->konst->size > 0 && graph->nodes[i]->konst->data == NULL)
      return FALSE;
  return TRUE;
}

static const char *const cpu_names[] = {
  [QS_LPT_CPU_AVX2] = "avx2",
  [QS_LPT_CPU_AVX512_VNNI] = "avx512_vnni",
  [QS_LPT_CPU_AVX2_VNNI_2] = "avx2_vnni_2",
  [QS_LPT_CPU_AMX] = "amx",
};

const char *
qs_lpt_cpu_name (QsLptCpu cpu)
{
  return (guint) cpu < G_N_ELEMENTS (cpu_names) && cpu_names[cpu] != NULL ? cpu_names[cpu] : "?";
}

gboolean
qs_lpt_cpu_from_string (const char *text,
                        QsLptCpu   *cpu)
{
  guint i;

  for (i = 0; text != NULL && i < G_N_ELEMENTS (cpu_names); i++)
    if (cpu_names[i] != NULL && strcmp (text, cpu_names[i]) == 0)
      {
        *cpu = (QsLptCpu) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
qs_lpt_cpu_conv_takes_i8 (QsLptCpu cpu)
{
  return cpu == QS_LPT_CPU_AMX || cpu == QS_LPT_CPU_AVX2_VNNI_2;
}

/* the whole word @flag in the "flags" lines of @cpuinfo */
static gboolean
has_flag (const char *cpuinfo,
          const char *flag)
{
  gsize n = strlen (flag);
  const char *p = cpuinfo;

  while ((p = strstr (p, flag)) != NULL)
    {
      if ((p == cpuinfo || p[-1] == ' ' || p[-1] == '\t') && (p[n] == ' ' || p[n] == '\n' || p[n] == '\0'))
        return TRUE;
      p += n;
    }
  return FALSE;
}

QsLptCpu
qs_lpt_cpu_host (void)
{
  g_autofree char *info = NULL;

  if (!g_file_get_contents ("/proc/cpuinfo", &info, NULL, NULL))
    return QS_LPT_CPU_AVX2;
  if (has_flag (info, "amx_int8"))
    return QS_LPT_CPU_AMX;
  if (has_flag (info, "avx_vnni_int8"))
    return QS_LPT_CPU_AVX2_VNNI_2;
  if (has_flag (info, "avx512_vnni"))
    return QS_LPT_CPU_AVX512_VNNI;
  return QS_LPT_CPU_AVX2;
}

QsLptCpu
qs_lpt_result_get_cpu (const QsLptResult *result)
{
  return result->ctx.cpu;
}

QsLptResult *
qs_lpt_run (QsModel  *model,
            GError  **error)
{
  return qs_lpt_run_for (model, QS_LPT_CPU_AVX512_VNNI, error);
}

QsLptResult *
qs_lpt_run_for (QsModel  *model,
                QsLptCpu  cpu,
                GError  **error)
{
  g_autoptr(QsLptResult) result = NULL;
  LptContext *ctx;
  QsGraph *graph = model->graph;
  guint i, p, n_ports = 0;

  if (!has_weights (graph))
    {
      g_autofree char *base = g_path_get_basename (model->xml_path);
      g_set_error (error, QS_LPT_ERROR, QS_LPT_ERROR_NO_WEIGHTS,
                   "%s: the weights were not loaded; the transformation needs the .bin", base);
      return NULL;
    }

  result = g_new0 (QsLptResult, 1);
  result->original = qs_model_ref (model);
  ctx = &result->ctx;
  ctx->model = model;
  ctx->graph = graph;
  ctx->cpu = cpu;
  ctx->strings = g_string_chunk_new (1024);
  ctx->nodes = g_new0 (LptNode, MAX (graph->n_nodes, 1));
  ctx->port_base = g_new0 (guint, graph->n_nodes + 1);
  for (i = 0; i < graph->n_nodes; i++)
    {
      ctx->port_base[i] = n_ports;
      n_ports += graph->nodes[i]->n_outputs;
    }
  ctx->port_base[graph->n_nodes] = n_ports;
  ctx->tensors = g_new0 (LptDq, MAX (n_ports, 1));

  for (i = 0; i < graph->n_nodes; i++)
    {
      const QsNode *node = graph->nodes[i];
      LptNode *n = &ctx->nodes[i];
      n->d.node = node;
      n->d.is_compute = _qs_lpt_is_compute (node);
      if (qs_node_is_type (node, "Parameter") || qs_node_is_type (node, "Result") ||
          qs_node_is_type (node, "Const"))
        n->d.precision = QS_LPT_PRECISION_NONE;
      else
        n->d.precision = QS_LPT_PRECISION_FP32;
    }

  for (i = 0; i < graph->n_nodes; i++)
    for (p = 0; p < G_N_ELEMENTS (node_passes); p++)
      if (!node_passes[p].visit (ctx, graph->topo[i], error))
        return NULL;
  if (!_qs_lpt_pass_fold_back (ctx, error))
    return NULL;
  _qs_lpt_assign_read_values (ctx);
  _qs_lpt_move_fake_quantize (ctx);
  _qs_lpt_fold_constants (ctx);
  _qs_lpt_mark_grids (ctx);

  for (i = 0; i < graph->n_nodes; i++)
    {
      const QsNode *node = graph->nodes[i];
      LptNode *n = &ctx->nodes[i];
      fill_quant (&n->d.input, _qs_lpt_input (ctx, node, 0));
      fill_quant (&n->d.output, node->n_outputs > 0 ? _qs_lpt_tensor (ctx, &node->outputs[0]) : NULL);
      n->d.weight_sparsity = -1.0;
      if (n->d.is_compute && n->weights != NULL)
        n->d.weight_sparsity = n->weights->sparsity;
      else if (n->d.is_compute && qs_weights_classify (node, 1, &(QsWeightChain) { 0 }))
        n->d.weight_sparsity = qs_weights_sparsity (node, 1, NULL);
      if (n->d.precision == QS_LPT_PRECISION_FP32 && n->d.reason == NULL)
        n->d.reason = "LPT does not run this op on codes";
    }
  mark_nncf_ignored (ctx, model);

  result->model = _qs_lpt_emit (ctx, error);
  if (result->model == NULL)
    return NULL;
  for (i = 0; i < graph->n_nodes; i++)
    {
      LptNode *n = &ctx->nodes[i];
      n->d.role = qs_lpt_result_get_role (result, graph->nodes[i]);
    }
  return g_steal_pointer (&result);
}

QsModel *
qs_lpt_result_get_model (const QsLptResult *result)
{
  return result->model;
}

QsModel *
qs_lpt_result_get_original (const QsLptResult *result)
{
  return result->original;
}

const QsLptDecision *
qs_lpt_result_get_decision_at (const QsLptResult *result,
                               guint              index)
{
  if (index >= result->ctx.graph->n_nodes)
    return NULL;
  return &result->ctx.nodes[index].d;
}

const QsLptDecision *
qs_lpt_result_get_decision (const QsLptResult *result,
                            const QsNode      *original)
{
  if (original == NULL || original->graph != result->ctx.graph)
    return NULL;
  return qs_lpt_result_get_decision_at (result, original->index);
}

gboolean
qs_lpt_result_get_quant (const QsLptResult *result,
                         const QsPort      *original_output,
                         QsLptQuant        *quant)
{
  LptContext *ctx;

  g_return_val_if_fail (result != NULL && original_output != NULL && quant != NULL, FALSE);

  memset (quant, 0, sizeof *quant);
  ctx = (LptContext *) &result->ctx;
  if (original_output->node->graph != ctx->graph)
    return FALSE;
  fill_quant (quant, _qs_lpt_tensor (ctx, original_output));
  return quant->type != QS_ELEMENT_UNDEFINED;
}

const char *
qs_lpt_grid_mark_name (QsLptGridMark mark)
{
  switch (mark)
    {
    case QS_LPT_GRID_OWN: return "own";
    case QS_LPT_GRID_ALIGNED: return "aligned";
    case QS_LPT_GRID_FROM_ALIGNED: return "from-aligned";
    case QS_LPT_GRID_AFTER_AVGPOOL: return "after-avgpool";
    default: return "unknown";
    }
}

gboolean
qs_lpt_grid_mark_from_name (const char    *name,
                            QsLptGridMark *mark)
{
  QsLptGridMark m;

  for (m = QS_LPT_GRID_OWN; m <= QS_LPT_GRID_AFTER_AVGPOOL; m++)
    if (g_strcmp0 (name, qs_lpt_grid_mark_name (m)) == 0)
      {
        *mark = m;
        return TRUE;
      }
  return FALSE;
}

char *
qs_lpt_grid_describe (const QsLptGrid *grid)
{
  g_autofree char *what = NULL;

  g_return_val_if_fail (grid != NULL, NULL);

  switch (grid->mark)
    {
    case QS_LPT_GRID_ALIGNED:
      what = g_strdup_printf ("aligned at Concat “%s”: [%.4g, %.4g], step %.4g (its own %.4g)",
                              grid->cause != NULL ? grid->cause->name : "?", grid->low, grid->high, grid->step,
                              grid->own_step);
      break;
    case QS_LPT_GRID_AFTER_AVGPOOL:
      what = g_strdup_printf ("reads codes AvgPool “%s” rounded", grid->cause != NULL ? grid->cause->name : "?");
      break;
    case QS_LPT_GRID_FROM_ALIGNED:
    case QS_LPT_GRID_OWN:
    default:
      break;
    }
  if (grid->from_aligned == NULL)
    return g_steal_pointer (&what);
  return g_strdup_printf ("%s%scomputed from “%s”, which is aligned", what != NULL ? what : "",
                          what != NULL ? "; " : "", grid->from_aligned->name);
}

static const char *const role_names[] = {
  [QS_LPT_ROLE_OTHER] = "other",
  [QS_LPT_ROLE_FAKE_QUANTIZE] = "FakeQuantize",
  [QS_LPT_ROLE_QUANTIZE] = "Quantize",
  [QS_LPT_ROLE_DEQUANTIZE] = "Dequantize",
  [QS_LPT_ROLE_REQUANTIZE] = "Requantize",
  [QS_LPT_ROLE_INT8_COMPUTE] = "int8 compute",
  [QS_LPT_ROLE_FP32_COMPUTE] = "fp32 compute",
  [QS_LPT_ROLE_CODES] = "codes",
  [QS_LPT_ROLE_CONST] = "Const",
};

const char *
qs_lpt_role_name (QsLptRole role)
{
  return (guint) role < G_N_ELEMENTS (role_names) ? role_names[role] : "?";
}

const char *
qs_lpt_precision_name (QsLptPrecision precision)
{
  switch (precision)
    {
    case QS_LPT_PRECISION_FP32: return "fp32";
    case QS_LPT_PRECISION_INT8: return "int8";
    case QS_LPT_PRECISION_CODES: return "codes";
    case QS_LPT_PRECISION_FOLDED: return "folded";
    case QS_LPT_PRECISION_NONE:
    default: return "-";
    }
}

static gboolean
is_code_type (QsElementType t)
{
  return t == QS_ELEMENT_U8 || t == QS_ELEMENT_I8 || t == QS_ELEMENT_I32;
}

QsLptRole
qs_lpt_node_role (const QsNode *node)
{
  gboolean qscope = node->version != NULL && strcmp (node->version, "qscope") == 0;

  if (qscope && qs_node_is_type (node, "Quantize"))
    return QS_LPT_ROLE_QUANTIZE;
  if (qscope && qs_node_is_type (node, "Dequantize"))
    return QS_LPT_ROLE_DEQUANTIZE;
  if (qscope && qs_node_is_type (node, "Requantize"))
    return QS_LPT_ROLE_REQUANTIZE;
  if (qs_node_is_type (node, "FakeQuantize"))
    return QS_LPT_ROLE_FAKE_QUANTIZE;
  if (qs_node_is_type (node, "Const"))
    return QS_LPT_ROLE_CONST;
  if (_qs_lpt_is_compute (node))
    return node->n_outputs > 0 && node->outputs[0].element_type == QS_ELEMENT_I32 &&
           node->n_inputs > 0 && is_code_type (node->inputs[0].element_type)
           ? QS_LPT_ROLE_INT8_COMPUTE : QS_LPT_ROLE_FP32_COMPUTE;
  if (node->n_inputs > 0 && node->n_outputs > 0 &&
      (node->inputs[0].element_type == QS_ELEMENT_U8 || node->inputs[0].element_type == QS_ELEMENT_I8) &&
      node->outputs[0].element_type == node->inputs[0].element_type && !qs_node_is_type (node, "Result"))
    return QS_LPT_ROLE_CODES;
  return QS_LPT_ROLE_OTHER;
}

QsLptRole
qs_lpt_result_get_role (const QsLptResult *result,
                        const QsNode      *node)
{
  const LptNode *n;

  if (node->graph != result->ctx.graph)
    return qs_lpt_node_role (node);
  n = &result->ctx.nodes[node->index];
  switch (n->mode)
    {
    case LPT_MODE_QUANTIZE: return QS_LPT_ROLE_QUANTIZE;
    case LPT_MODE_REQUANTIZE: return QS_LPT_ROLE_REQUANTIZE;
    case LPT_MODE_CODES: return QS_LPT_ROLE_CODES;
    case LPT_MODE_INT8: return QS_LPT_ROLE_INT8_COMPUTE;
    case LPT_MODE_LINEAR: return QS_LPT_ROLE_DEQUANTIZE;
    case LPT_MODE_COPY:
    default:
      if (n->d.is_compute)
        return QS_LPT_ROLE_FP32_COMPUTE;
      return qs_lpt_node_role (node);
    }
}

/* A reason without the layer names it quotes ("from Convolution “conv3”"
 * becomes "from Convolution"), so that the summary groups alike layers. */
static char *
reason_kind (const char *reason)
{
  GString *kind = g_string_new (NULL);
  const char *p = reason != NULL ? reason : "";

  while (*p != '\0')
    {
      const char *open = strstr (p, "“");
      const char *close = open != NULL ? strstr (open, "”") : NULL;

      if (open == NULL || close == NULL)
        {
          g_string_append (kind, p);
          break;
        }
      g_string_append_len (kind, p, open - p);
      while (kind->len > 0 && kind->str[kind->len - 1] == ' ')
        g_string_truncate (kind, kind->len - 1);
      p = close + strlen ("”");
    }
  return g_string_free (kind, FALSE);
}

static void
reason_group_free (gpointer data)
{
  QsLptReasonGroup *group = data;

  g_free (group->reason);
  g_ptr_array_unref (group->layers);
  g_free (group);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const QsLptReasonGroup *ga = *(QsLptReasonGroup *const *) a;
  const QsLptReasonGroup *gb = *(QsLptReasonGroup *const *) b;

  if (ga->layers->len != gb->layers->len)
    return ga->layers->len > gb->layers->len ? -1 : 1;
  return strcmp (ga->reason, gb->reason);
}

GPtrArray *
qs_lpt_result_fp32_groups (const QsLptResult *result,
                           guint             *n_int8,
                           guint             *n_compute)
{
  const LptContext *ctx = &result->ctx;
  g_autoptr(GHashTable) by_reason = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *groups = g_ptr_array_new_with_free_func (reason_group_free);
  guint i, int8 = 0, compute = 0;

  for (i = 0; i < ctx->graph->n_nodes; i++)
    {
      const QsNode *node = ctx->graph->topo[i];
      const QsLptDecision *d = &ctx->nodes[node->index].d;
      g_autofree char *kind = NULL;
      QsLptReasonGroup *group;

      if (!d->is_compute)
        continue;
      compute++;
      if (d->precision == QS_LPT_PRECISION_INT8)
        {
          int8++;
          continue;
        }
      kind = reason_kind (d->reason);
      group = g_hash_table_lookup (by_reason, kind);
      if (group == NULL)
        {
          group = g_new0 (QsLptReasonGroup, 1);
          group->reason = g_steal_pointer (&kind);
          group->layers = g_ptr_array_new ();
          g_hash_table_insert (by_reason, group->reason, group);
          g_ptr_array_add (groups, group);
        }
      g_ptr_array_add (group->layers, (gpointer) node);
    }
  g_ptr_array_sort (groups, compare_groups);
  if (n_int8 != NULL)
    *n_int8 = int8;
  if (n_compute != NULL)
    *n_compute = compute;
  return groups;
}

void
qs_lpt_result_count (const QsLptResult  *result,
                     guint              *n_int8,
                     guint              *n_compute,
                     GHashTable        **reasons)
{
  g_autoptr(GPtrArray) groups = qs_lpt_result_fp32_groups (result, n_int8, n_compute);
  guint i;

  if (reasons == NULL)
    return;
  *reasons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (i = 0; i < groups->len; i++)
    {
      const QsLptReasonGroup *group = groups->pdata[i];

      g_hash_table_insert (*reasons, g_strdup (group->reason), GUINT_TO_POINTER (group->layers->len));
    }
}

char *
qs_lpt_result_summary (const QsLptResult *result)
{
  guint n_int8, n_compute, i;
  g_autoptr(GPtrArray) groups = qs_lpt_result_fp32_groups (result, &n_int8, &n_compute);
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%u/%u compute layers in int8", n_int8, n_compute);
  for (i = 0; i < groups->len; i++)
    {
      const QsLptReasonGroup *group = groups->pdata[i];

      g_string_append_printf (s, "%s %u × %s", i == 0 ? "; fp32:" : ",", group->layers->len, group->reason);
    }
  return g_string_free (s, FALSE);
}

gboolean
qs_lpt_node_matches (const QsLptResult *result,
                     const QsNode      *node,
                     const char        *query)
{
  g_autoptr(GString) hay = g_string_new (NULL);
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  const QsLptDecision *d;
  guint i;

  g_return_val_if_fail (node != NULL && query != NULL, FALSE);

  g_string_append_printf (hay, "%s\n%s", node->name, node->type);
  d = result != NULL ? qs_lpt_result_get_decision (result, node->origin != NULL ? node->origin : node) : NULL;
  if (d != NULL && d->precision != QS_LPT_PRECISION_NONE)
    {
      g_string_append_printf (hay, "\n%s\n%s", qs_lpt_precision_name (d->precision), qs_lpt_role_name (d->role));
      if (d->reason != NULL)
        g_string_append_printf (hay, "\n%s", d->reason);
    }
  folded = g_utf8_casefold (hay->str, -1);
  words = g_strsplit_set (query, " \t", -1);
  for (i = 0; words[i] != NULL; i++)
    {
      g_autofree char *word = g_utf8_casefold (words[i], -1);

      if (word[0] != '\0' && strstr (folded, word) == NULL)
        return FALSE;
    }
  return TRUE;
}
