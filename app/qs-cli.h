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
int  qs_cli_sensitivity (int argc, char **argv);
int  qs_cli_export (int argc, char **argv);
int  qs_cli_compare (int argc, char **argv);

/* Prints "qscope-cli: MESSAGE" on one line and returns QS_CLI_EXIT_ERROR. */
int  qs_cli_fail  (const GError *error);
int  qs_cli_usage (GOptionContext *context, const char *message);

/* --format: csv (or none) or json; FALSE for anything else. */
gboolean qs_cli_parse_format (const char *format,
                              gboolean   *json);

/* Writes @contents to @path through a temporary file and a rename, so that a
 * failure never leaves a partial file behind. */
gboolean qs_cli_write_file (const char  *path,
                            const char  *contents,
                            gssize       length,
                            GError     **error);

/* --max-memory of dump and render --color-by: the help text (naming the
 * default on this machine), and setting the limit of the runs to come from
 * @text (NULL keeps the default).  FALSE with @error for a bad size. */
char    *qs_cli_max_memory_help  (void);
gboolean qs_cli_apply_max_memory (const char  *text,
                                  GError     **error);

G_END_DECLS
