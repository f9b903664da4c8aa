/* qs-dataset.h — what a run is fed: samples for every model input
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Each model input (Parameter) gets a source: one value for every sample,
 * or a list of values (a data set).  Specs:
 *
 *   single values  FILE.npy · PHOTO (png, jpg, …) · random[:SEED]
 *   data sets      DIR (its photos and .npy files, sorted by name)
 *                  LIST.txt (one sample a line; "NAME=FILE NAME=FILE" on a
 *                  line for several inputs; '#' starts a comment; paths
 *                  relative to the list's folder)
 *                  random:N[:SEED] (N seeded samples; sample k of input i
 *                  uses seed SEED + k·n_inputs + i, so random:1:S is the
 *                  single value random:S of a one-input model)
 *
 * A spec may be prefixed with NAME= (a tensor or Parameter name).
 * Without a name, a spec goes to the model's only input; for a model with
 * several inputs, a photo, a folder or a list of photos goes to the one
 * 4-D input with 1 or 3 channels, and random:N to every input that has
 * no spec of its own.  All data sets of a run must have the same length;
 * single values repeat for every sample.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "qs-model.h"
#include "qs-preprocess.h"
#include "qs-tensor.h"

G_BEGIN_DECLS

#define QS_DATASET_ERROR (qs_dataset_error_quark ())

typedef enum
{
  QS_DATASET_ERROR_SPEC = 1,   /* a spec that cannot be read (bad form, missing file, empty folder) */
  QS_DATASET_ERROR_INPUT,      /* a spec for no input, an input without one, lengths that differ */
  QS_DATASET_ERROR_SAMPLE,     /* one sample cannot be made into a tensor */
} QsDatasetError;

GQuark qs_dataset_error_quark (void);

/* The most samples a data set may hold, and the longest line of a list. */
#define QS_DATASET_MAX_SAMPLES  10000000
#define QS_DATASET_MAX_LINE     65536

typedef enum
{
  QS_SOURCE_RANDOM = 0,
  QS_SOURCE_NPY,
  QS_SOURCE_IMAGE,
} QsSourceKind;

typedef struct _QsDataset QsDataset;

QsDataset   *qs_dataset_new             (QsModel          *model);
void         qs_dataset_free            (QsDataset        *dataset);

/* Adds a spec: [NAME=]VALUE.  @as_dataset: VALUE is read as a data set
 * (DIR, LIST or random:N[:SEED]; a single value is allowed too), otherwise
 * as a single value (random:SEED is then a seed). */
gboolean     qs_dataset_add_spec        (QsDataset        *dataset,
                                         const char       *spec,
                                         gboolean          as_dataset,
                                         GError          **error);
/* Adds list text as if it were the contents of a LIST file in @base_dir
 * (used by qs_dataset_add_spec; exposed for tests and the fuzzer). */
gboolean     qs_dataset_add_list_text   (QsDataset        *dataset,
                                         const char       *input_name,
                                         const char       *text,
                                         gsize             length,
                                         const char       *base_dir,
                                         const char       *list_name,
                                         GError          **error);
/* Checks that every input has a source and the lengths agree. */
gboolean     qs_dataset_finish          (QsDataset        *dataset,
                                         GError          **error);

guint        qs_dataset_get_n_samples   (const QsDataset  *dataset);
guint        qs_dataset_get_n_inputs    (const QsDataset  *dataset);
/* Whether some input is fed from a data set (rather than single values). */
gboolean     qs_dataset_is_set          (const QsDataset  *dataset);
/* "astronaut.png", "data=a.png seq_ind=random:3": the sample for a person. */
char        *qs_dataset_sample_name     (const QsDataset  *dataset,
                                         guint             sample);
/* Input @i's Parameter, and how it is fed ("folder ../images (5 files)"). */
const QsNode *qs_dataset_get_parameter  (const QsDataset  *dataset,
                                         guint             input);
char        *qs_dataset_describe_input  (const QsDataset  *dataset,
                                         guint             input);
/* Whether input @i has a source: a spec of its own, or an unnamed random:N
 * that qs_dataset_finish() hands to every input without one. */
gboolean     qs_dataset_input_is_fed    (const QsDataset  *dataset,
                                         guint             input);
/* Whether input @i is ever fed a photo. */
gboolean     qs_dataset_input_has_images (const QsDataset *dataset,
                                          guint            input);

/* The preprocessing of input @i's photos: the model's (qs_preprocess_from_model())
 * until changed through the pointer. */
QsPreprocess *qs_dataset_get_preprocess (QsDataset        *dataset,
                                         guint             input);

/* The tensors of sample @sample, one per Parameter in graph order (a new
 * array; free each tensor and the array).  Errors name the file. */
QsTensor   **qs_dataset_load_sample     (QsDataset        *dataset,
                                         guint             sample,
                                         GError          **error);

/* The "inputs" member of a results file: per input its name, shape, how it
 * was fed and the preprocessing used. */
void         qs_dataset_to_json         (const QsDataset  *dataset,
                                         JsonBuilder      *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsDataset, qs_dataset_free)

G_END_DECLS
