/* qs-cli.h — the subcommands of qscope-cli
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes: 0 success, 2 bad input or usage (one line on stderr). */
#define QS_CLI_EXIT_OK    0
#define QS_CLI_EXIT_ERROR 2

typedef int (*QsCliCommand) (int argc, char **argv);

int  qs_cli_info  (int argc, char **argv);
int  qs_cli_dump  (int argc, char **argv);
int  qs_cli_lpt   (int argc, char **argv);
int  qs_cli_render (int argc, char **argv);

/* Prints "qscope-cli: MESSAGE" on one line and returns QS_CLI_EXIT_ERROR. */
int  qs_cli_fail  (const GError *error);
int  qs_cli_usage (GOptionContext *context, const char *message);

/* Writes @contents to @path through a temporary file and a rename, so that a
 * failure never leaves a partial file behind. */
gboolean qs_cli_write_file (const char  *path,
                            const char  *contents,
                            gssize       length,
                            GError     **error);

G_END_DECLS
