/* qs-exec-int8.c — holding the int8 run to the fake-quant run
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Every Quantize or Requantize of the int8 graph stands for an original
 * FakeQuantize (its origin).  The fake-quant run computes that
 * FakeQuantize's codes from its own input; the int8 run's codes are
 * compared with them twice:
 *  - "run": the int8 graph runs freely from the model input.  A code that
 *    flips at a rounding tie changes what later layers see, so this figure
 *    also measures how the network amplifies one-code differences.
 *  - "local": after each Quantize/Requantize is compared, its output is
 *    replaced by the fake-quant codes, so every int8 layer starts from the
 *    fake-quant run's codes and only its own arithmetic is measured.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qs-exec.h"
#include "qs-stats.h"

typedef struct
{
  const QsLptResult *lpt;
  GHashTable *qmin;      /* original FakeQuantize → qmin + 1 (in a pointer) */
  GHashTable *type;      /* original FakeQuantize → code element type */
  GHashTable *codes;     /* original FakeQuantize → QsTensor of the fake-quant codes */
  GHashTable *floats;    /* original FakeQuantize kept float in the int8 graph → its fake-quant output */
  GError     *error;
} Teacher;

static void
store_codes (Teacher      *t,
             const QsNode *node,
             QsTensor     *codes)
{
  QsTensor *converted = qs_tensor_convert (codes, GPOINTER_TO_INT (g_hash_table_lookup (t->type, node)));

  if (converted == NULL)
    {
      g_autofree char *why = qs_tensor_alloc_error ("the codes");

      if (t->error == NULL)
        g_set_error_literal (&t->error, QS_EXEC_ERROR, QS_EXEC_ERROR_MEMORY, why);
      return;
    }
  g_hash_table_replace (t->codes, (gpointer) node, converted);
}

static void
teach (const QsNode    *node,
       QsTensor *const *inputs,
       guint            n_inputs,
       QsTensor *const *outputs,
       guint            n_outputs,
       gpointer         user_data)
{
  Teacher *t = user_data;
  gpointer q = g_hash_table_lookup (t->qmin, node);
  gint64 levels = 0;
  int qmin;
  QsElementType type;
  g_autoptr(QsTensor) codes = NULL;
  const QsLptDecision *d;

  if (t->error != NULL)
    return;
  if (q == NULL && n_outputs == 1 && g_hash_table_contains (t->floats, node))
    {
      g_hash_table_replace (t->floats, (gpointer) node, qs_tensor_ref (outputs[0]));
      return;
    }
  if (q == NULL || n_inputs < 3)
    return;
  d = qs_lpt_result_get_decision (t->lpt, node);
  if (d != NULL && d->grid.mark == QS_LPT_GRID_ALIGNED)
    {
      /* Quantized on the Concat group's common grid: the fake-quant value
       * (its own range is its input range) written in the codes of the
       * quantizer LPT gives it, the same range cut into fewer levels */
      codes = qs_fake_quantize_codes (outputs[0], inputs[1], inputs[2], d->grid.levels, d->grid.code_low,
                                      &t->error);
      if (codes != NULL)
        store_codes (t, node, codes);
      return;
    }
  if (!qs_node_get_int (node, "levels", 0, &levels, &t->error))
    return;
  qmin = GPOINTER_TO_INT (q) - 1;
  type = GPOINTER_TO_INT (g_hash_table_lookup (t->type, node));
  if ((type == QS_ELEMENT_U8 && qmin >= 0 && levels >= 2 && qmin + levels - 1 <= G_MAXUINT8) ||
      (type == QS_ELEMENT_I8 && qmin >= G_MININT8 && levels >= 2 && qmin + levels - 1 <= G_MAXINT8))
    {
      /* every code fits the type: written in it directly, the values the
       * i32 codes and their conversion give */
      codes = qs_fake_quantize_codes_as (inputs[0], inputs[1], inputs[2], (guint) levels, qmin, type, &t->error);
      if (codes != NULL)
        g_hash_table_replace (t->codes, (gpointer) node, g_steal_pointer (&codes));
      return;
    }
  codes = qs_fake_quantize_codes (inputs[0], inputs[1], inputs[2], (guint) levels, qmin, &t->error);
  if (codes == NULL)
    return;
  store_codes (t, node, codes);
}

/* Runs @exec once; at each Quantize/Requantize compares with the teacher
 * and, when @force, replaces the output by the teacher's codes. */
static gboolean
run_int8 (QsExec          *exec,
          QsTensor *const *inputs,
          Teacher         *t,
          gboolean         force,
          GArray          *results,
          GCancellable    *cancellable,
          double          *seconds,
          GError         **error)
{
  g_autoptr(QsRun) run = qs_run_new (exec, inputs, error);
  gint64 t0 = g_get_monotonic_time ();
  guint k = 0;

  if (run == NULL)
    return FALSE;
  while (!qs_run_is_done (run))
    {
      const QsNode *node, *fq;
      QsTensor *out, *ref;

      if (!qs_run_step (run, cancellable, error))
        return FALSE;
      node = qs_run_get_last_node (run);
      if (force && qs_node_is_type (node, "FakeQuantize") && node->origin != NULL &&
          (ref = g_hash_table_lookup (t->floats, node->origin)) != NULL)
        {
          /* a FakeQuantize that stays float (its consumer runs on floats):
           * the layers after it start from the fake-quant run's values too */
          out = qs_run_get_output (run, node, 0);
          if (out != NULL && out->type == ref->type && qs_tensor_same_shape (out, ref))
            memcpy (out->data, ref->data, out->n_elements * qs_tensor_type_size (out->type));
          continue;
        }
      fq = qs_exec_int8_fq_origin (node, NULL);
      if (fq == NULL || (ref = g_hash_table_lookup (t->codes, fq)) == NULL)
        continue;
      out = qs_run_get_output (run, node, 0);
      if (out == NULL || out->type != ref->type || !qs_tensor_same_shape (out, ref))
        {
          g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID,
                       "int8 codes of “%s” do not match the FakeQuantize output in shape or type", fq->name);
          return FALSE;
        }
      if (!force)
        {
          QsInt8Compare c = { 0 };

          const QsLptDecision *d = qs_lpt_result_get_decision (t->lpt, fq);

          c.fq = fq;
          c.int8_name = g_strdup (node->name);
          if (d != NULL)
            c.grid = d->grid;
          c.n = out->n_elements;
          qs_tensor_step_error (ref, out, 1.0, &c.run);
          g_array_append_val (results, c);
        }
      else
        {
          for (; k < results->len && g_array_index (results, QsInt8Compare, k).fq != fq; k++)
            ;
          if (k < results->len)
            qs_tensor_step_error (ref, out, 1.0, &g_array_index (results, QsInt8Compare, k).local);
          memcpy (out->data, ref->data, out->n_elements * qs_tensor_type_size (out->type));
        }
    }
  if (seconds != NULL)
    *seconds = (g_get_monotonic_time () - t0) / 1e6;
  return TRUE;
}

static void
clear_compare (gpointer data)
{
  QsInt8Compare *c = data;

  g_clear_pointer (&c->int8_name, g_free);
}

struct _QsInt8Check
{
  QsExec  *int8;
  Teacher  t;
};

QsInt8Check *
qs_int8_check_new (QsExec  *int8,
                   GError **error)
{
  QsInt8Check *check;
  QsNode *const *order;
  guint n, i;

  if (qs_exec_get_mode (int8) != QS_EXEC_MODE_INT8 || qs_exec_get_lpt_result (int8) == NULL)
    {
      g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INVALID,
                   "compare the int8 run with the original FakeQuantize model, not a transformed one");
      return NULL;
    }
  check = g_new0 (QsInt8Check, 1);
  check->int8 = int8;
  check->t.lpt = qs_exec_get_lpt_result (int8);
  check->t.qmin = g_hash_table_new (NULL, NULL);
  check->t.type = g_hash_table_new (NULL, NULL);
  check->t.codes = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) qs_tensor_unref);
  check->t.floats = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) qs_tensor_unref);
  order = qs_exec_get_order (int8, &n);
  for (i = 0; i < n; i++)
    {
      int qmin = 0;
      const QsNode *origin = qs_exec_int8_fq_origin (order[i], &qmin);

      if (origin == NULL && qs_node_is_type (order[i], "FakeQuantize") && order[i]->origin != NULL)
        {
          g_hash_table_insert (check->t.floats, (gpointer) order[i]->origin, NULL);
          /* the forced run overwrites its output, so it may not be a
           * fused chain's link, whose output never exists whole */
          qs_exec_keep (int8, order[i]);
        }
      if (origin != NULL && order[i]->n_outputs == 1)
        {
          g_hash_table_insert (check->t.qmin, (gpointer) origin, GINT_TO_POINTER (qmin + 1));
          g_hash_table_insert (check->t.type, (gpointer) origin, GINT_TO_POINTER (order[i]->outputs[0].element_type));
        }
    }
  return check;
}

void
qs_int8_check_free (QsInt8Check *check)
{
  if (check == NULL)
    return;
  g_clear_error (&check->t.error);
  g_hash_table_unref (check->t.qmin);
  g_hash_table_unref (check->t.type);
  g_hash_table_unref (check->t.codes);
  g_hash_table_unref (check->t.floats);
  g_free (check);
}

void
qs_int8_check_observe_fq (const QsNode    *node,
                          QsTensor *const *inputs,
                          guint            n_inputs,
                          QsTensor *const *outputs,
                          guint            n_outputs,
                          gpointer         check)
{
  teach (node, inputs, n_inputs, outputs, n_outputs, &((QsInt8Check *) check)->t);
}

/* Forgets what the last fake-quant run taught. */
static void
check_reset (QsInt8Check *check)
{
  GHashTableIter iter;
  gpointer key, value;

  g_clear_error (&check->t.error);
  g_hash_table_remove_all (check->t.codes);
  g_hash_table_iter_init (&iter, check->t.floats);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (value != NULL)
      g_hash_table_iter_replace (&iter, NULL);
}

GArray *
qs_int8_check_run (QsInt8Check     *check,
                   QsTensor *const *inputs,
                   QsExecObserver   observer,
                   gpointer         observer_data,
                   GCancellable    *cancellable,
                   double          *int8_seconds,
                   GError         **error)
{
  g_autoptr(GArray) results = g_array_new (FALSE, TRUE, sizeof (QsInt8Compare));
  gboolean ok = TRUE;

  g_array_set_clear_func (results, clear_compare);
  if (check->t.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&check->t.error));
      ok = FALSE;
    }
  if (ok)
    {
      qs_exec_set_observer (check->int8, observer, observer_data);
      ok = run_int8 (check->int8, inputs, &check->t, FALSE, results, cancellable, int8_seconds, error);
      qs_exec_set_observer (check->int8, NULL, NULL);
    }
  ok = ok && run_int8 (check->int8, inputs, &check->t, TRUE, results, cancellable, NULL, error);
  check_reset (check);
  return ok ? g_steal_pointer (&results) : NULL;
}

GArray *
qs_exec_compare_int8 (QsModel         *model,
                      QsTensor *const *inputs,
                      GCancellable    *cancellable,
                      double          *int8_seconds,
                      GError         **error)
{
  g_autoptr(QsExec) int8 = NULL;
  g_autoptr(QsExec) fq = NULL;
  QsInt8Check *check;
  GArray *results = NULL;

  int8 = qs_exec_new (model, QS_EXEC_MODE_INT8, error);
  if (int8 == NULL)
    return NULL;
  check = qs_int8_check_new (int8, error);
  if (check == NULL)
    return NULL;
  fq = qs_exec_new (model, QS_EXEC_MODE_FAKE_QUANT, error);
  if (fq != NULL)
    {
      qs_exec_set_observer (fq, qs_int8_check_observe_fq, check);
      if (qs_exec_run (fq, inputs, cancellable, NULL, NULL, NULL, error))
        results = qs_int8_check_run (check, inputs, NULL, NULL, cancellable, int8_seconds, error);
    }
  qs_int8_check_free (check);
  return results;
}
