/* qs-shared-models.h — the shared real models, for tests that walk their layers
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A test that uses them skips unless QS_SHARED_MODELS names their folder;
 * each model is the one .xml inside its own subfolder, fed random inputs.
 */
#pragma once

#include "qscope-core.h"
#include "qs-exec.h"
#include "qs-input.h"

/* The shared models' folder, or NULL once the test is marked skipped. */
static inline const char *
qs_test_shared_models (void)
{
  const char *models = g_getenv ("QS_SHARED_MODELS");

  if (models == NULL || !g_file_test (models, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("set QS_SHARED_MODELS to the shared models folder");
      return NULL;
    }
  return models;
}

/* The model in @models/@name, or NULL when that folder holds no .xml. */
static inline QsModel *
qs_test_load_shared (const char *models,
                     const char *name)
{
  g_autofree char *folder = g_build_filename (models, name, NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autofree char *xml = NULL;
  g_autoptr(GError) error = NULL;
  const char *entry;
  QsModel *model;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (entry, ".xml"))
      {
        g_free (xml);
        xml = g_build_filename (folder, entry, NULL);
      }
  if (xml == NULL)
    return NULL;
  model = qs_model_load (xml, QS_LOAD_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  return model;
}

/* Every parameter of @model filled from "random:@seed". */
static inline QsTensor **
qs_test_random_inputs (QsModel *model,
                       guint    seed)
{
  g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  QsImageOptions img;
  QsTensor **inputs;
  guint i;

  for (i = 0; i < model->graph->n_parameters; i++)
    g_ptr_array_add (specs, g_strdup_printf ("%s=random:%u", model->graph->parameters[i]->name, seed));
  g_ptr_array_add (specs, NULL);
  qs_image_options_init (&img);
  inputs = qs_inputs_from_specs (model, (const char *const *) specs->pdata, &img, &error);
  g_assert_no_error (error);
  return inputs;
}

static inline void
qs_test_free_tensors (QsTensor **tensors,
                      guint      n)
{
  guint i;

  for (i = 0; i < n; i++)
    qs_tensor_unref (tensors[i]);
  g_free (tensors);
}

/* One whole run of @model in @mode on random inputs, @observer seeing
 * every layer. */
static inline void
qs_test_run_observed (QsModel        *model,
                      QsExecMode      mode,
                      guint           seed,
                      QsExecObserver  observer,
                      gpointer        data)
{
  g_autoptr(QsExec) exec = NULL;
  g_autoptr(GError) error = NULL;
  QsTensor **inputs = qs_test_random_inputs (model, seed), **outputs = NULL;

  exec = qs_exec_new (model, mode, &error);
  g_assert_no_error (error);
  qs_exec_set_observer (exec, observer, data);
  qs_exec_run (exec, inputs, NULL, NULL, NULL, &outputs, &error);
  g_assert_no_error (error);
  qs_test_free_tensors (outputs, model->graph->n_results);
  qs_test_free_tensors (inputs, model->graph->n_parameters);
}
