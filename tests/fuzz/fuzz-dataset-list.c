/* fuzz-dataset-list.c — libFuzzer target for data-set lists
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The input is a list file (one sample a line, FILE or NAME=FILE pairs)
 * for the two-input model in tests/fuzz/model/, read as if it lay in that
 * folder, where a photo, .npy files of the right and of a wrong shape and
 * a file that only looks like a photo wait to be named.  The first byte
 * says how the list is given (modulo 4): 0 to no input in particular,
 * 1 to "data" and 2 to "aux" with the same list for the other input too,
 * 3 to "data" with random:7 for "aux".
 *
 * Any input either fails with a one-line error or gives a data set whose
 * samples each load or fail with a one-line error, and whose description
 * (sample names, inputs, the results file's "inputs") can be made.
 */
#include "config.h"

#include <string.h>

#include "qs-dataset.h"
#include "qscope-core.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* the samples loaded from one data set: first, last and a few between */
#define FUZZ_MAX_LOADS 4

static QsModel *model;

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

  if (model != NULL)
    return;
  path = g_build_filename (QS_FUZZ_MODEL_DIR, "fuzz.xml", NULL);
  model = qs_model_load (path, QS_LOAD_FLAGS_NONE, NULL, &error);
  if (model == NULL)
    g_error ("%s", error->message);
}

static void
use_dataset (QsDataset *ds)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n = qs_dataset_get_n_samples (ds), i, k;

  g_debug ("a data set of %u samples", n);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <=, QS_DATASET_MAX_SAMPLES);
  for (i = 0; i < qs_dataset_get_n_inputs (ds); i++)
    {
      g_free (qs_dataset_describe_input (ds, i));
      g_assert_nonnull (qs_dataset_get_parameter (ds, i));
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "inputs");
  qs_dataset_to_json (ds, builder);
  json_builder_end_object (builder);

  for (k = 0; k < FUZZ_MAX_LOADS && k < n; k++)
    {
      guint sample = k == 0 ? 0 : k == 1 ? n - 1 : (n / FUZZ_MAX_LOADS) * k;
      g_autoptr(GError) error = NULL;
      g_autofree char *name = qs_dataset_sample_name (ds, sample);
      QsTensor **tensors;

      g_assert_nonnull (name);
      tensors = qs_dataset_load_sample (ds, sample, &error);
      if (tensors == NULL)
        {
          assert_one_line (error);
          continue;
        }
      for (i = 0; i < qs_dataset_get_n_inputs (ds); i++)
        {
          const QsShape *want = &qs_dataset_get_parameter (ds, i)->outputs[0].shape;

          g_assert_nonnull (tensors[i]);
          g_assert_cmpint (tensors[i]->rank, ==, want->rank);
          qs_tensor_unref (tensors[i]);
        }
      g_free (tensors);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(QsDataset) ds = NULL;
  g_autoptr(GError) error = NULL;
  const char *input;
  guint how;

  if (size < 1)
    return 0;
  load_model_once ();
  how = data[0] % 4;
  input = how == 0 ? NULL : how == 2 ? "aux" : "data";
  data++;
  size--;

  ds = qs_dataset_new (model);
  if (!qs_dataset_add_list_text (ds, input, (const char *) data, size, QS_FUZZ_MODEL_DIR, "fuzz.txt", &error))
    {
      assert_one_line (error);
      return 0;
    }
  if (input != NULL)
    {
      /* the other input: the same list (how 1 and 2) or a seed */
      const char *other = g_str_equal (input, "data") ? "aux" : "data";
      gboolean ok;

      if (how == 3)
        {
          g_autofree char *spec = g_strdup_printf ("%s=random:7", other);
          ok = qs_dataset_add_spec (ds, spec, FALSE, &error);
        }
      else
        ok = qs_dataset_add_list_text (ds, other, (const char *) data, size, QS_FUZZ_MODEL_DIR, "fuzz.txt", &error);
      if (!ok)
        {
          assert_one_line (error);
          return 0;
        }
    }
  if (!qs_dataset_finish (ds, &error))
    {
      assert_one_line (error);
      return 0;
    }
  use_dataset (ds);
  return 0;
}
