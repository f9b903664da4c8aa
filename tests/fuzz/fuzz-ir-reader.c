/* fuzz-ir-reader.c — libFuzzer target for the IR reader, XML and .bin at once
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Input: a little-endian u32 L, then the XML, then L bytes of .bin (L is
 * taken modulo what is left, so every input splits somehow).  The model, if
 * it loads, is walked whole (every Const decoded, the summary built) so that
 * a bad view into the .bin is touched and caught by ASan.
 */
#include "config.h"

#include <string.h>

#include "qscope-core.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
walk (const QsGraph *graph)
{
  guint i, b;

  for (i = 0; i < graph->n_nodes; i++)
    {
      const QsNode *node = graph->nodes[i];

      if (node->konst != NULL && node->konst->data != NULL && qs_element_type_is_numeric (node->konst->element_type) &&
          node->konst->n_elements < (1u << 22))
        {
          g_autofree float *values = qs_const_to_f32 (node, NULL);
          volatile float sink = values != NULL && node->konst->n_elements > 0 ? values[node->konst->n_elements - 1] : 0;
          (void) sink;
        }
      for (b = 0; b < node->n_bodies; b++)
        walk (node->bodies[b]);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  QsLoadLimits limits = *qs_load_limits_default ();
  g_autoptr(GBytes) xml = NULL, bin = NULL;
  g_autoptr(QsModel) model = NULL;
  g_autoptr(GError) error = NULL;
  guint32 bin_len;

  if (size < 4)
    return 0;
  memcpy (&bin_len, data, 4);
  bin_len = GUINT32_FROM_LE (bin_len) % (guint32) (size - 4 + 1);
  xml = g_bytes_new (data + 4, size - 4 - bin_len);
  bin = g_bytes_new (data + size - bin_len, bin_len);

  /* keep single inputs cheap: the fuzzer looks for crashes, not for big models */
  limits.max_elements = 1u << 24;
  model = qs_model_load_from_bytes ("fuzz.xml", xml, bin, QS_LOAD_FLAGS_NONE, &limits, &error);
  if (model == NULL)
    {
      /* every failure is a one-line GError */
      g_assert (error != NULL && strchr (error->message, '\n') == NULL);
      return 0;
    }
  walk (model->graph);
  {
    g_autoptr(JsonNode) summary = qs_model_summarize (model);
    g_assert (summary != NULL);
  }
  return 0;
}
