/* qs-test-dir.h — temporary folders for tests
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A new empty folder in the temporary folder, named from @prefix
 * ("qs-render" gives qs-render-XXXXXX); fails the test if it cannot. */
char *qs_test_make_dir    (const char *prefix);

/* Removes @path and, if it is a folder, everything in it; symbolic links
 * are removed, never followed. */
void  qs_test_remove_tree (const char *path);

G_END_DECLS
