/* qs-analysis-private.h — what the files of core/analysis share
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <json-glib/json-glib.h>

#include "qs-graph.h"
#include "qs-analysis.h"

G_BEGIN_DECLS

/* One past the '}' of the JSON object @data starts with, or 0 (see
 * qs-analysis-json.c for why the readers cut it out themselves). */
gsize _qs_json_object_end (const char *data,
                           gsize       length);

/* A number member: NaN as null, an infinity as ±999 with @db (a dB
 * figure), else as ±DBL_MAX. */
void      _qs_json_member_number (JsonBuilder *b,
                                  const char  *key,
                                  double       v,
                                  gboolean     db);
/* A CSV field, quoted when it holds a comma, quote or line break (NULL:
 * empty); a number after a comma, NaN empty. */
void      _qs_csv_field          (GString     *s,
                                  const char  *text);
void      _qs_csv_number         (GString     *s,
                                  double       v,
                                  int          digits);


/* What a run over a data set does with a sample that failed with
 * *@local: stops (TRUE, the error in @error, named by sample when there
 * are several) when it was cancelled or @on_error says fail; otherwise
 * notes it in @warnings as skipped, keeps the first such error in
 * *@first_error and returns FALSE.  *@local is taken either way. */
gboolean  _qs_sample_failed      (QsDataset    *dataset,
                                  guint         sample,
                                  QsOnError     on_error,
                                  GCancellable *cancellable,
                                  GError      **local,
                                  GPtrArray    *warnings,
                                  GError      **first_error,
                                  GError      **error);

/* The builder's root as indented JSON text (newly allocated). */
char     *_qs_json_builder_to_text (JsonBuilder *b);

/* Makes @error's message one line, whatever a file made it quote
 * (newlines, tabs): the readers' errors are one line. */
void      _qs_error_one_line     (GError      *error);

G_END_DECLS
