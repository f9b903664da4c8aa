/* qs-json-writer.h — indented JSON written as it is made
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Writes the text json-glib's JsonGenerator (pretty, indent 2) gives for
 * the tree a JsonBuilder would make from the same calls, byte for byte,
 * without making the tree: a results file of a large model holds a few
 * hundred thousand values.  Calls mirror JsonBuilder's. */
typedef struct _QsJsonWriter QsJsonWriter;

QsJsonWriter *qs_json_writer_new               (void);
void          qs_json_writer_free              (QsJsonWriter *w);
/* The text written so far; the writer is freed. */
char         *qs_json_writer_free_to_text      (QsJsonWriter *w);

void          qs_json_writer_set_member_name   (QsJsonWriter *w,
                                                const char   *name);
void          qs_json_writer_begin_object      (QsJsonWriter *w);
void          qs_json_writer_end_object        (QsJsonWriter *w);
void          qs_json_writer_begin_array       (QsJsonWriter *w);
void          qs_json_writer_end_array         (QsJsonWriter *w);
void          qs_json_writer_add_int_value     (QsJsonWriter *w,
                                                gint64        value);
void          qs_json_writer_add_double_value  (QsJsonWriter *w,
                                                double        value);
void          qs_json_writer_add_boolean_value (QsJsonWriter *w,
                                                gboolean      value);
void          qs_json_writer_add_string_value  (QsJsonWriter *w,
                                                const char   *value);
void          qs_json_writer_add_null_value    (QsJsonWriter *w);
/* A whole JsonNode tree (borrowed). */
void          qs_json_writer_add_value         (QsJsonWriter *w,
                                                JsonNode     *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsJsonWriter, qs_json_writer_free)

G_END_DECLS
