/* fuzz-results.c — libFuzzer target for the results-file reader
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The input is a results file for the model in tests/fuzz/model/.  A file
 * names its model by the sha256 of the XML, so the target replaces every
 * "@SHA@" in the input by that hash: seeds (and mutations of them) get past
 * the check and into the layers, outputs and samples.
 *
 * Any input either fails with a one-line error or gives a result that
 * every reader of results can use: the int8 rows attached to the
 * transformed model, per-node values of every figure on both graphs, the
 * ranking by SQNR lost, each sample's output errors, and CSV; and its JSON
 * reads back to the same JSON.
 */
#include "config.h"

#include <string.h>

#include "qs-analysis.h"
#include "qs-lpt.h"
#include "qscope-core.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

#define SHA_TOKEN "@SHA@"

static QsModel *model;
static QsModel *int8_model;
static char *model_sha;

static void
assert_one_line (const GError *error)
{
  g_assert (error != NULL);
  g_assert (error->message != NULL && error->message[0] != '\0');
  g_assert (strchr (error->message, '\n') == NULL);
  g_debug ("refused: %s", error->message);
}

static void
load_model_once (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  QsLptResult *lpt;

  if (model != NULL)
    return;
  path = g_build_filename (QS_FUZZ_MODEL_DIR, "fuzz.xml", NULL);
  model = qs_model_load (path, QS_LOAD_FLAGS_NONE, NULL, &error);
  if (model == NULL)
    g_error ("%s", error->message);
  model_sha = qs_model_xml_sha256 (model);
  lpt = qs_lpt_run (model, &error);
  if (lpt == NULL)
    g_error ("%s", error->message);
  int8_model = qs_model_ref (qs_lpt_result_get_model (lpt));
  qs_lpt_result_free (lpt);
}

/* @data with every SHA_TOKEN replaced by the model's hash. */
static GString *
with_sha (const guint8 *data,
          size_t        size)
{
  GString *text = g_string_sized_new (size + 64);
  const size_t n = strlen (SHA_TOKEN);
  size_t i = 0;

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
  return text;
}

static void
use_values (const QsAnalysisResult *r,
            const QsGraph          *graph)
{
  int figure, aggregate;

  for (figure = 0; figure < QS_N_FIGURES; figure++)
    for (aggregate = QS_AGGREGATE_MEAN; aggregate <= QS_AGGREGATE_WORST; aggregate++)
      {
        g_autofree double *values = qs_analysis_result_node_values (r, graph, figure, aggregate);
        volatile double sink = graph->n_nodes > 0 ? values[graph->n_nodes - 1] : 0;

        (void) sink;
      }
}

static void
use_result (QsAnalysisResult *r)
{
  g_autofree int *ranked = NULL;
  guint s, o, i;
  int c, f;

  qs_analysis_result_attach_int8_model (r, int8_model);
  use_values (r, model->graph);
  use_values (r, int8_model->graph);

  ranked = qs_analysis_result_rank_lost (r, 16);
  for (i = 0; ranked[i] >= 0; i++)
    g_assert_cmpint (ranked[i], <, (int) r->n_rows);

  for (i = 0; i < r->n_rows; i++)
    {
      volatile double sink = qs_analysis_result_sqnr_lost (r, &r->rows[i]);
      (void) sink;
    }
  for (c = 0; c < QS_N_COMPARES; c++)
    {
      for (s = 0; s < r->n_sample_records + 1; s++)
        {
          QsTensorError combined;

          for (o = 0; o < r->n_outputs + 1; o++)
            (void) qs_analysis_sample_output (r, s, o, c);
          (void) qs_analysis_sample_combined (r, s, c, &combined);
        }
      for (f = QS_FIGURE_SQNR; f <= QS_FIGURE_COSINE; f++)
        for (o = 0; o <= r->n_outputs; o++)
          {
            QsFigureValue value;

            qs_analysis_output_figure (r, (int) o - 1, c, f, &value);
          }
    }
  g_free (qs_analysis_result_to_csv (r));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QsAnalysisResult) result = NULL, again = NULL;
  g_autofree char *json = NULL, *json_again = NULL;
  g_autoptr(GString) text = NULL;

  load_model_once ();
  text = with_sha (data, size);
  result = qs_analysis_result_load_data (text->str, text->len, "fuzz.json", model, &error);
  if (result == NULL)
    {
      assert_one_line (error);
      return 0;
    }
  g_debug ("loaded: %u rows, %u int8 rows, %u samples", result->n_rows, result->n_int8_rows, result->n_sample_records);
  use_result (result);

  /* what qscope writes, it reads, and writes again the same */
  json = qs_analysis_result_to_json (result);
  again = qs_analysis_result_load_data (json, strlen (json), "again.json", model, &error);
  if (again == NULL)
    g_error ("a results file written from a loaded one does not load: %s", error->message);
  qs_analysis_result_attach_int8_model (again, int8_model);
  json_again = qs_analysis_result_to_json (again);
  g_assert_cmpstr (json, ==, json_again);
  return 0;
}
