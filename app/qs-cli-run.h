/* qs-cli-run.h — what the commands that run a model share: inputs, data
 * sets, preprocessing options, the progress line
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

#include "qs-analysis.h"
#include "qs-sensitivity.h"
#include "qs-compare.h"

G_BEGIN_DECLS

typedef struct
{
  char   **inputs;        /* --input [NAME=]SPEC, single values */
  char   **datasets;      /* --dataset [NAME=]DIR|LIST|random:N[:SEED] */
  gboolean rgb;
  gboolean bgr;
  char    *mean;
  char    *scale;
  char    *resize;
  char    *pad_value;
  char    *layout;
  char    *on_error;
  char    *max_memory;
  char    *max_memory_help;
} QsCliRunOptions;

/* Adds the run options to @context's main group; @scale_taken names the
 * photo scale --photo-scale instead of --scale (render's own --scale). */
void        qs_cli_run_options_add     (QsCliRunOptions  *options,
                                        GOptionContext   *context,
                                        gboolean          scale_taken);
void        qs_cli_run_options_clear   (QsCliRunOptions  *options);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (QsCliRunOptions, qs_cli_run_options_clear)

/* Whether any option of a run was given (for commands where a run is optional). */
gboolean    qs_cli_run_options_given   (const QsCliRunOptions *options);

/* "float", "fq", "int8", "all" or a comma list of them. */
gboolean    qs_cli_parse_modes         (const char       *text,
                                        guint            *modes);

/* The data set of @model from the options (photo options applied to every
 * input that gets photos).  @default_spec (nullable) feeds every input
 * when no --input and no --dataset is given ("random" for render). */
QsDataset  *qs_cli_make_dataset        (QsModel          *model,
                                        QsCliRunOptions  *options,
                                        const char       *default_spec,
                                        GError          **error);
/* --on-error into @on_error, and --max-memory applied to the runs to come. */
gboolean    qs_cli_run_common_options  (QsCliRunOptions  *options,
                                        QsOnError        *on_error,
                                        GError          **error);
/* Fills @analysis from the options (modes, --on-error, --max-memory). */
gboolean    qs_cli_analysis_options    (QsCliRunOptions  *options,
                                        guint             modes,
                                        QsAnalysisOptions *analysis,
                                        GError          **error);

/* Runs the analysis with a progress line on a terminal; prints the
 * preprocessing of photo inputs and the result's warnings on stderr
 * ("qscope-cli COMMAND: …"). */
QsAnalysisResult *qs_cli_run_analysis  (const char        *command,
                                        QsModel           *model,
                                        QsDataset         *dataset,
                                        QsAnalysisOptions *analysis,
                                        GError           **error);

/* The same for the ranking of the quantizers (`sensitivity`). */
QsSensitivityResult *qs_cli_run_sensitivity (const char           *command,
                                             QsModel              *model,
                                             QsDataset            *dataset,
                                             QsSensitivityOptions *sensitivity,
                                             GError              **error);

/* And for `compare` (the photo options are the reference's data set's). */
QsCompareResult *qs_cli_run_compare (const char       *command,
                                     QsModel          *reference,
                                     QsModel          *test,
                                     QsDataset        *reference_data,
                                     QsDataset        *test_data,
                                     QsCompareOptions *compare,
                                     GError          **error);

G_END_DECLS
