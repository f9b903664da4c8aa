/* qs-file.h — writing an output file without ever leaving half of it
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes @size bytes to @path.
 *
 * A regular file (new or existing) is written to a temporary file in the same
 * folder and renamed over @path once complete, so a failure never leaves a
 * partial file under the chosen name.  A symbolic link is followed and its
 * target replaced, not the link.  Anything else that already exists at @path
 * (/dev/null, /dev/stdout, a FIFO, a terminal) is opened and written in
 * place: renaming over it would swap a device node for a plain file.
 *
 * Errors are in the G_FILE_ERROR domain and name @path. */
gboolean qs_file_replace_contents (const char  *path,
                                   const void  *data,
                                   gsize        size,
                                   GError     **error);

G_END_DECLS
