/* fuzz-exec.c — libFuzzer target that loads a small model and runs it
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Input framed as for fuzz-ir-reader.c: a little-endian u32 L, the XML,
 * then L bytes of .bin.  A model that loads (under tight load limits) is
 * run in float and in fake-quant mode on a random input with a small
 * run-memory limit, so that shapes computed at run time (Broadcast, Tile,
 * Range, Reshape, Pad, ...) meet the budget and the size checks.  Every
 * failure must be a one-line GError; anything else is a crash for ASan.
 */
#include "config.h"

#include <string.h>

#include "qscope-core.h"
#include "qs-exec.h"
#include "qs-input.h"

/* small enough that one input runs in milliseconds */
#define FUZZ_MAX_RUN_MEMORY (4u << 20)
#define FUZZ_MAX_INPUT_ELEMENTS (1u << 16)

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
assert_one_line (const GError *error)
{
  g_assert (error != NULL);
  g_assert (error->message != NULL && error->message[0] != '\0');
  g_assert (strchr (error->message, '\n') == NULL);
}

/* A random tensor for each Parameter: dynamic dims become 2. */
static QsTensor **
make_inputs (const QsGraph *graph)
{
  QsTensor **inputs = g_new0 (QsTensor *, MAX (graph->n_parameters, 1));
  guint i;

  for (i = 0; i < graph->n_parameters; i++)
    {
      const QsShape *shape = &graph->parameters[i]->outputs[0].shape;
      gint64 dims[QS_TENSOR_MAX_RANK];
      guint64 n = 1;
      int rank = shape->rank < 0 ? 1 : shape->rank, d;

      if (graph->parameters[i]->n_outputs < 1 || rank > QS_TENSOR_MAX_RANK)
        goto fail;
      for (d = 0; d < rank; d++)
        {
          dims[d] = shape->rank < 0 || shape->dims[d] == QS_DIM_DYNAMIC || shape->dims[d] < 0 ? 2 : shape->dims[d];
          if (dims[d] > 0 && n > FUZZ_MAX_INPUT_ELEMENTS / (guint64) dims[d])
            goto fail;
          n *= dims[d];
        }
      inputs[i] = qs_input_random (rank, dims, i + 1, FALSE, 0, 0);
      if (inputs[i] == NULL)
        goto fail;
    }
  return inputs;

fail:
  for (i = 0; i < graph->n_parameters; i++)
    qs_tensor_unref (inputs[i]);
  g_free (inputs);
  return NULL;
}

static void
run_mode (QsModel         *model,
          QsExecMode       mode,
          QsTensor *const *inputs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QsExec) exec = qs_exec_new (model, mode, &error);
  QsTensor **outputs = NULL;
  guint i;

  if (exec == NULL)
    {
      assert_one_line (error);
      return;
    }
  qs_exec_set_max_memory (exec, FUZZ_MAX_RUN_MEMORY);
  if (!qs_exec_run (exec, inputs, NULL, NULL, NULL, &outputs, &error))
    {
      assert_one_line (error);
      return;
    }
  g_assert (qs_exec_get_peak_memory (exec) <= FUZZ_MAX_RUN_MEMORY);
  for (i = 0; i < model->graph->n_results; i++)
    {
      /* touch the data so that a bad size shows under ASan */
      if (outputs[i] != NULL && outputs[i]->n_elements > 0)
        {
          volatile double sink = qs_tensor_get_f64 (outputs[i], outputs[i]->n_elements - 1);
          (void) sink;
        }
      qs_tensor_unref (outputs[i]);
    }
  g_free (outputs);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  QsLoadLimits limits = *qs_load_limits_default ();
  g_autoptr(GBytes) xml = NULL, bin = NULL;
  g_autoptr(QsModel) model = NULL;
  g_autoptr(GError) error = NULL;
  QsTensor **inputs;
  guint32 bin_len;
  guint i;

  if (size < 4)
    return 0;
  memcpy (&bin_len, data, 4);
  bin_len = GUINT32_FROM_LE (bin_len) % (guint32) (size - 4 + 1);
  xml = g_bytes_new (data + 4, size - 4 - bin_len);
  bin = g_bytes_new (data + size - bin_len, bin_len);

  limits.max_layers = 64;
  limits.max_elements = 1u << 14;
  model = qs_model_load_from_bytes ("fuzz.xml", xml, bin, QS_LOAD_FLAGS_NONE, &limits, &error);
  if (model == NULL)
    {
      assert_one_line (error);
      return 0;
    }
  inputs = make_inputs (model->graph);
  if (inputs == NULL)
    return 0;
  run_mode (model, QS_EXEC_MODE_FLOAT, inputs);
  run_mode (model, QS_EXEC_MODE_FAKE_QUANT, inputs);
  for (i = 0; i < model->graph->n_parameters; i++)
    qs_tensor_unref (inputs[i]);
  g_free (inputs);
  return 0;
}
