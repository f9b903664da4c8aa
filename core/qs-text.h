/* qs-text.h — small text helpers for messages that echo file content
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Replaces every ASCII control character (newlines included) in @text with a
 * space, in place, so that a message quoting a hostile file stays one line. */
void qs_text_flatten       (char    *text);

/* The same for an error's message. */
void qs_error_flatten      (GError  *error);

G_END_DECLS
