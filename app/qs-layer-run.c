/* qs-layer-run.c — one run of a model in three modes, compared layer by layer
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The int8 graph is a different graph (after the low-precision
 * transformation), so it runs first, on its own, keeping only the codes
 * each Quantize or Requantize produces for an original FakeQuantize.  The
 * float and fake-quant runs then step in lockstep over the original graph;
 * at each FakeQuantize the fake-quant run's observer computes the codes the
 * FakeQuantize means and measures the int8 codes against them in steps.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "qs-fq-analysis.h"
#include "qs-layer-run.h"

typedef struct
{
  QsTensor *codes;
  int       qmin;
} Codes;

typedef struct
{
  GHashTable *codes;     /* original FakeQuantize → Codes */
  GHashTable *steps;     /* original FakeQuantize → max steps (double *) */
} Int8Compare;

static void
codes_free (gpointer data)
{
  Codes *c = data;

  qs_tensor_unref (c->codes);
  g_free (c);
}

static void
int8_collect (const QsNode    *node,
              QsTensor *const *inputs,
              guint            n_inputs,
              QsTensor *const *outputs,
              guint            n_outputs,
              gpointer         user_data)
{
  Int8Compare *cmp = user_data;
  int qmin = 0;
  const QsNode *fq = qs_exec_int8_fq_origin (node, &qmin);
  Codes *c;

  if (fq == NULL || n_outputs < 1 || outputs[0] == NULL)
    return;
  c = g_new0 (Codes, 1);
  c->codes = qs_tensor_ref (outputs[0]);
  c->qmin = qmin;
  g_hash_table_replace (cmp->codes, (gpointer) fq, c);
}

static void
int8_compare (const QsNode    *node,
              QsTensor *const *inputs,
              guint            n_inputs,
              QsTensor *const *outputs,
              guint            n_outputs,
              gpointer         user_data)
{
  Int8Compare *cmp = user_data;
  g_autoptr(QsTensor) reference = NULL;
  QsStepError error;
  gint64 levels = 0;
  Codes *c;

  if (cmp == NULL || n_inputs < 3 || !qs_node_is_type (node, "FakeQuantize"))
    return;
  c = g_hash_table_lookup (cmp->codes, node);
  if (c == NULL || !qs_node_get_int (node, "levels", 0, &levels, NULL) || levels < 2)
    return;
  reference = qs_fake_quantize_codes (inputs[0], inputs[1], inputs[2], (guint) levels, c->qmin, NULL);
  if (reference != NULL && qs_tensor_step_error (reference, c->codes, 1.0, &error))
    {
      double *steps = g_new (double, 1);

      *steps = error.max_steps;
      g_hash_table_replace (cmp->steps, (gpointer) node, steps);
    }
  g_hash_table_remove (cmp->codes, node);
}

typedef struct
{
  gint  *progress;
  double from;
  double to;
} Progress;

static void
report_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  Progress *p = user_data;

  if (p->progress != NULL && total > 0)
    g_atomic_int_set (p->progress, (gint) (1000 * (p->from + (p->to - p->from) * done / total)));
}

/* The FakeQuantize reading @node's first output (or @node itself). */
static const QsNode *
guarding_fq (const QsNode *node)
{
  guint i;

  if (qs_node_is_type (node, "FakeQuantize"))
    return node;
  if (node->n_outputs == 0)
    return NULL;
  for (i = 0; i < node->outputs[0].n_consumers; i++)
    {
      const QsPort *consumer = node->outputs[0].consumers[i];

      if (consumer->index == 0 && qs_node_is_type (consumer->node, "FakeQuantize"))
        return consumer->node;
    }
  return NULL;
}

static gboolean
fq_range (const QsNode *fq,
          QsFqRange    *range)
{
  g_autoptr(QsFqInfo) info = NULL;
  guint c;

  if (fq == NULL || (info = qs_fq_analyze (fq, NULL)) == NULL || info->n_channels == 0)
    return FALSE;
  range->levels = info->levels;
  range->in_low = MIN (info->il[0], info->ih[0]);
  range->in_high = MAX (info->il[0], info->ih[0]);
  for (c = 1; c < info->n_channels; c++)
    {
      range->in_low = MIN (range->in_low, MIN (info->il[c], info->ih[c]));
      range->in_high = MAX (range->in_high, MAX (info->il[c], info->ih[c]));
    }
  return TRUE;
}

static void
measure_row (QsLayerErrors *row,
             QsTensor      *float_out,
             QsTensor      *fq_out)
{
  QsFqRange range;
  gboolean has_range = fq_range (guarding_fq (row->node), &range);
  QsTensorError error;
  guint m;

  for (m = 0; m < QS_N_METRICS; m++)
    row->metrics[m] = NAN;
  row->shape = qs_tensor_shape_to_string (float_out);
  row->element_type = g_strdup (qs_element_type_name (float_out->type));
  if (!qs_tensor_is_float (float_out))
    return;

  qs_tensor_stats_compute (float_out, has_range ? &range : NULL, &row->float_stats);
  if (fq_out != NULL)
    qs_tensor_stats_compute (fq_out, has_range ? &range : NULL, &row->fq_stats);
  row->has_stats = TRUE;
  if (has_range)
    row->metrics[QS_METRIC_CLIP] = row->float_stats.clipped;

  if (fq_out != NULL && qs_tensor_error_compute (float_out, fq_out, &error))
    {
      row->metrics[QS_METRIC_SQNR] = error.sqnr_db;
      row->metrics[QS_METRIC_NMSE] = error.nmse;
      row->metrics[QS_METRIC_MAX_ABS] = error.max_abs;
    }
}

static gboolean
run_int8 (QsModel          *model,
          QsTensor *const  *inputs,
          Int8Compare      *cmp,
          GCancellable     *cancellable,
          gint             *progress,
          GError          **error)
{
  g_autoptr(QsExec) exec = qs_exec_new (model, QS_EXEC_MODE_INT8, error);
  Progress p = { progress, 0.0, 0.3 };

  if (exec == NULL)
    return FALSE;
  qs_exec_set_observer (exec, int8_collect, cmp);
  return qs_exec_run (exec, inputs, cancellable, report_progress, &p, NULL, error);
}

QsLayerRun *
qs_layer_run_execute (QsModel          *model,
                      QsTensor *const  *inputs,
                      const char       *input_description,
                      GCancellable     *cancellable,
                      gint             *progress,
                      GError          **error)
{
  g_autoptr(QsLayerRun) run = NULL;
  g_autoptr(QsExec) float_exec = NULL;
  g_autoptr(QsExec) fq_exec = NULL;
  g_autoptr(QsRun) float_run = NULL;
  g_autoptr(QsRun) fq_run = NULL;
  g_autoptr(GError) int8_error = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (QsLayerErrors));
  Int8Compare cmp = { NULL, NULL };
  gint64 start = g_get_monotonic_time ();
  Progress p = { progress, 0.3, 1.0 };
  guint n_nodes, i;

  g_return_val_if_fail (model != NULL, NULL);

  run = g_new0 (QsLayerRun, 1);
  run->ref_count = 1;
  run->model = qs_model_ref (model);
  run->input_description = g_strdup (input_description);
  run->row_of = g_hash_table_new (NULL, NULL);

  /* Plan the float runs first: an op qscope cannot run is the error the
   * person needs to see, before any int8 detail. */
  float_exec = qs_exec_new (model, QS_EXEC_MODE_FLOAT, error);
  if (float_exec == NULL)
    return NULL;
  fq_exec = qs_exec_new (model, QS_EXEC_MODE_FAKE_QUANT, error);
  if (fq_exec == NULL)
    return NULL;

  cmp.codes = g_hash_table_new_full (NULL, NULL, NULL, codes_free);
  cmp.steps = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  run->has_int8 = run_int8 (model, inputs, &cmp, cancellable, progress, &int8_error);
  if (!run->has_int8)
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          g_hash_table_unref (cmp.codes);
          g_hash_table_unref (cmp.steps);
          g_propagate_error (error, g_steal_pointer (&int8_error));
          return NULL;
        }
      run->int8_error = g_strdup (int8_error->message);
      g_hash_table_remove_all (cmp.codes);
    }

  qs_exec_set_observer (fq_exec, int8_compare, &cmp);
  float_run = qs_run_new (float_exec, inputs, error);
  fq_run = float_run != NULL ? qs_run_new (fq_exec, inputs, error) : NULL;
  if (fq_run == NULL)
    goto fail;
  qs_exec_get_order (float_exec, &n_nodes);

  while (!qs_run_is_done (float_run))
    {
      const QsNode *node;
      QsTensor *float_out, *fq_out;
      QsLayerErrors row = { 0 };

      if (!qs_run_step (float_run, cancellable, error) ||
          !qs_run_step (fq_run, cancellable, error))
        goto fail;
      report_progress (qs_run_get_position (float_run), n_nodes, &p);

      node = qs_run_get_last_node (float_run);
      if (node->n_outputs == 0 || qs_node_is_type (node, "Const") ||
          qs_exec_node_is_constant (float_exec, node))
        continue;
      float_out = qs_run_get_output (float_run, node, 0);
      fq_out = qs_run_get_output (fq_run, node, 0);
      if (float_out == NULL)
        continue;
      row.node = node;
      measure_row (&row, float_out, fq_out);
      g_array_append_val (rows, row);
    }

  for (i = 0; i < rows->len; i++)
    {
      QsLayerErrors *row = &g_array_index (rows, QsLayerErrors, i);
      double *steps = g_hash_table_lookup (cmp.steps, row->node);

      if (steps != NULL)
        row->metrics[QS_METRIC_LSB] = *steps;
      g_hash_table_insert (run->row_of, (gpointer) row->node, GUINT_TO_POINTER (i + 1));
    }

  g_hash_table_unref (cmp.codes);
  g_hash_table_unref (cmp.steps);
  run->n_rows = rows->len;
  run->rows = (QsLayerErrors *) g_array_free (g_steal_pointer (&rows), FALSE);
  run->seconds = (g_get_monotonic_time () - start) / 1e6;
  if (progress != NULL)
    g_atomic_int_set (progress, 1000);
  return g_steal_pointer (&run);

fail:
  for (i = 0; i < rows->len; i++)
    {
      g_free (g_array_index (rows, QsLayerErrors, i).shape);
      g_free (g_array_index (rows, QsLayerErrors, i).element_type);
    }
  g_hash_table_unref (cmp.codes);
  g_hash_table_unref (cmp.steps);
  return NULL;
}

QsLayerRun *
qs_layer_run_ref (QsLayerRun *run)
{
  g_return_val_if_fail (run != NULL, NULL);

  g_atomic_int_inc (&run->ref_count);
  return run;
}

void
qs_layer_run_unref (QsLayerRun *run)
{
  guint i;

  if (run == NULL || !g_atomic_int_dec_and_test (&run->ref_count))
    return;
  for (i = 0; i < run->n_rows; i++)
    {
      g_free (run->rows[i].shape);
      g_free (run->rows[i].element_type);
    }
  g_free (run->rows);
  g_free (run->input_description);
  g_free (run->int8_error);
  g_clear_pointer (&run->row_of, g_hash_table_unref);
  qs_model_unref (run->model);
  g_free (run);
}

int
qs_layer_run_find_row (const QsLayerRun *run,
                       const QsNode     *node)
{
  g_return_val_if_fail (run != NULL, -1);

  return GPOINTER_TO_INT (g_hash_table_lookup (run->row_of, node)) - 1;
}

double *
qs_layer_run_node_values (const QsLayerRun *run,
                          QsMetric          metric)
{
  const QsGraph *graph = run->model->graph;
  double *values = g_new (double, MAX (graph->n_nodes, 1));
  guint i;

  for (i = 0; i < graph->n_nodes; i++)
    values[i] = NAN;
  for (i = 0; i < run->n_rows; i++)
    if (run->rows[i].node->graph == graph)
      values[run->rows[i].node->index] = run->rows[i].metrics[metric];
  return values;
}

int
qs_layer_run_find_worst (const QsLayerRun *run,
                         QsMetric          metric)
{
  gboolean higher_is_better = qs_metric_higher_is_better (metric);
  int worst = -1;
  guint i;

  for (i = 0; i < run->n_rows; i++)
    {
      double v = run->rows[i].metrics[metric];

      if (isnan (v))
        continue;
      if (worst < 0 ||
          (higher_is_better ? v < run->rows[worst].metrics[metric] : v > run->rows[worst].metrics[metric]))
        worst = i;
    }
  return worst;
}

gboolean
qs_metric_higher_is_better (QsMetric metric)
{
  return metric == QS_METRIC_SQNR;
}

const char *
qs_metric_title (QsMetric metric)
{
  switch (metric)
    {
    case QS_METRIC_SQNR:
      return _("SQNR (dB)");
    case QS_METRIC_NMSE:
      return _("NMSE");
    case QS_METRIC_MAX_ABS:
      return _("Max Abs Error");
    case QS_METRIC_CLIP:
      return _("Clipped");
    case QS_METRIC_LSB:
      return _("int8 Error (LSB)");
    case QS_N_METRICS:
    default:
      g_return_val_if_reached ("");
    }
}

const char *
qs_metric_key (QsMetric metric)
{
  static const char *keys[QS_N_METRICS] = { "sqnr_db", "nmse", "max_abs", "clipped", "int8_lsb_error" };

  g_return_val_if_fail (metric < QS_N_METRICS, "");
  return keys[metric];
}

char *
qs_metric_format (QsMetric metric,
                  double   value)
{
  if (isnan (value))
    return g_strdup ("—");
  switch (metric)
    {
    case QS_METRIC_SQNR:
      if (isinf (value))
        return g_strdup (value > 0 ? "∞" : "−∞");
      return g_strdup_printf ("%.1f", value);
    case QS_METRIC_CLIP:
      return g_strdup_printf ("%.2f %%", value * 100);
    case QS_METRIC_LSB:
      return g_strdup_printf ("%.0f", value);
    case QS_METRIC_NMSE:
    case QS_METRIC_MAX_ABS:
    case QS_N_METRICS:
    default:
      return g_strdup_printf ("%.3g", value);
    }
}

static void
csv_field (GString    *s,
           const char *text)
{
  const char *p;

  if (strpbrk (text, ",\"\n\r") == NULL)
    {
      g_string_append (s, text);
      return;
    }
  g_string_append_c (s, '"');
  for (p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

char *
qs_layer_run_to_csv (const QsLayerRun *run)
{
  GString *s = g_string_new ("id,name,type,shape,element_type");
  guint i, m;

  for (m = 0; m < QS_N_METRICS; m++)
    g_string_append_printf (s, ",%s", qs_metric_key (m));
  g_string_append_c (s, '\n');
  for (i = 0; i < run->n_rows; i++)
    {
      const QsLayerErrors *row = &run->rows[i];

      g_string_append_printf (s, "%" G_GUINT64_FORMAT ",", row->node->id);
      csv_field (s, row->node->name);
      g_string_append_c (s, ',');
      csv_field (s, row->node->type);
      g_string_append_c (s, ',');
      csv_field (s, row->shape);
      g_string_append_printf (s, ",%s", row->element_type);
      for (m = 0; m < QS_N_METRICS; m++)
        {
          double v = row->metrics[m];

          if (isnan (v))
            g_string_append_c (s, ',');
          else if (isinf (v))
            g_string_append (s, v > 0 ? ",inf" : ",-inf");
          else
            g_string_append_printf (s, ",%.9g", v);
        }
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

char *
qs_layer_run_to_json (const QsLayerRun *run)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint i, m;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, run->model->xml_path);
  json_builder_set_member_name (builder, "input");
  json_builder_add_string_value (builder, run->input_description);
  json_builder_set_member_name (builder, "int8");
  json_builder_add_boolean_value (builder, run->has_int8);
  json_builder_set_member_name (builder, "layers");
  json_builder_begin_array (builder);
  for (i = 0; i < run->n_rows; i++)
    {
      const QsLayerErrors *row = &run->rows[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, row->node->id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, row->node->name);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, row->node->type);
      json_builder_set_member_name (builder, "shape");
      json_builder_add_string_value (builder, row->shape);
      json_builder_set_member_name (builder, "element_type");
      json_builder_add_string_value (builder, row->element_type);
      for (m = 0; m < QS_N_METRICS; m++)
        {
          double v = row->metrics[m];

          json_builder_set_member_name (builder, qs_metric_key (m));
          /* JSON has no NaN or infinity: null, and a string for infinities */
          if (isnan (v))
            json_builder_add_null_value (builder);
          else if (isinf (v))
            json_builder_add_string_value (builder, v > 0 ? "inf" : "-inf");
          else
            json_builder_add_double_value (builder, v);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}
