/* fuzz-ranking.c — libFuzzer target for the sensitivity ranking reader
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The input is a ranking (`qscope-cli sensitivity --format json`) of the
 * model in tests/fuzz/model/; every "@SHA@" becomes the model's sha256, so
 * that seeds and their mutations get past the model check.  Any input
 * either fails with a one-line error or gives a ranking every view can
 * use: the graph's per-node values of both measures and each group's
 * layers.
 */
#include "config.h"

#include <string.h>

#include "qs-sensitivity.h"
#include "qscope-core.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

#define SHA_TOKEN "@SHA@"

static QsModel *model;
static char *model_sha;

static void
load_model_once (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (model != NULL)
    return;
  path = g_build_filename (QS_FUZZ_MODEL_DIR, "fuzz.xml", NULL);
  model = qs_model_load (path, QS_LOAD_FLAGS_NONE, NULL, &error);
  if (model == NULL)
    g_error ("%s", error->message);
  model_sha = qs_model_xml_sha256 (model);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QsSensitivityRanking) ranking = NULL;
  g_autoptr(GString) text = g_string_sized_new (size + 64);
  const size_t n = strlen (SHA_TOKEN);
  size_t i = 0;
  guint g;
  int alone;

  load_model_once ();
  while (i < size)
    {
      if (size - i >= n && memcmp (data + i, SHA_TOKEN, n) == 0)
        {
          g_string_append (text, model_sha);
          i += n;
        }
      else
        g_string_append_c (text, (char) data[i++]);
    }
  ranking = qs_sensitivity_ranking_load_data (text->str, text->len, "fuzz.json", model, &error);
  if (ranking == NULL)
    {
      g_assert (error != NULL && error->message[0] != '\0');
      g_assert (strchr (error->message, '\n') == NULL);
      g_debug ("refused: %s", error->message);
      return 0;
    }
  for (alone = 0; alone < 2; alone++)
    {
      g_autofree double *values = qs_sensitivity_ranking_node_values (ranking, model->graph, alone);
      volatile double sink = model->graph->n_nodes > 0 ? values[model->graph->n_nodes - 1] : 0;

      (void) sink;
    }
  for (g = 0; g < ranking->n_groups; g++)
    {
      g_autoptr(GPtrArray) nodes = qs_sensitivity_ranking_group_nodes (ranking, model->graph, g);
      guint j;

      for (j = 0; j < nodes->len; j++)
        g_assert (((const QsNode *) nodes->pdata[j])->graph == model->graph);
    }
  return 0;
}
