/* qs-cli.c — qscope-cli, the headless qscope
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Links only the core and never opens a display.  Each subcommand lives in
 * its own qs-cli-*.c and is listed in the table below.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "qs-cli.h"
#include "qs-file.h"
#include "qs-exec.h"

static const struct
{
  const char   *name;
  QsCliCommand  run;
  const char   *summary;
} commands[] = {
  { "info", qs_cli_info, N_("Summarise a model: inputs, outputs, layers, FakeQuantize nodes, weights") },
  { "dump", qs_cli_dump, N_("Run a model layer by layer in float, fake-quant and int8, with statistics and errors") },
  { "lpt", qs_cli_lpt, N_("The low-precision transformation: which layers run in int8, and why not") },
  { "sensitivity", qs_cli_sensitivity, N_("Rank the activation quantizers by the output error they cause over a data set") },
  { "compare", qs_cli_compare, N_("Match the layers of an FP32 model and its INT8 export and compare them over a data set") },
  { "export", qs_cli_export, N_("Write a mixed-precision IR: chosen layers kept in float") },
  { "render", qs_cli_render, N_("Draw the graph to a PNG or SVG file, coloured by role or by a per-layer error") },
};

int
qs_cli_fail (const GError *error)
{
  g_printerr ("qscope-cli: %s\n", error->message);
  return QS_CLI_EXIT_ERROR;
}

int
qs_cli_usage (GOptionContext *context,
              const char     *message)
{
  g_printerr ("qscope-cli: %s\n", message);
  if (context != NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("%s", help);
    }
  return QS_CLI_EXIT_ERROR;
}

gboolean
qs_cli_parse_format (const char *format,
                     gboolean   *json)
{
  *json = g_strcmp0 (format, "json") == 0;
  return format == NULL || *json || strcmp (format, "csv") == 0;
}

gboolean
qs_cli_write_file (const char  *path,
                   const char  *contents,
                   gssize       length,
                   GError     **error)
{
  if (length < 0)
    length = strlen (contents);
  return qs_file_replace_contents (path, contents, length, error);
}

char *
qs_cli_max_memory_help (void)
{
  g_autofree char *size = g_format_size_full (qs_exec_get_default_max_memory (), G_FORMAT_SIZE_IEC_UNITS);

  return g_strdup_printf (_("stop a run whose tensors would need more than SIZE (512M, 12G or unlimited; "
                            "default %s: half the physical memory, or $QS_MAX_RUN_MEMORY)"), size);
}

gboolean
qs_cli_apply_max_memory (const char  *text,
                         GError     **error)
{
  guint64 bytes;

  if (text == NULL)
    return TRUE;
  if (!qs_exec_parse_memory_size (text, &bytes, error))
    {
      g_prefix_error (error, "--max-memory: ");
      return FALSE;
    }
  qs_exec_set_default_max_memory (bytes);
  return TRUE;
}

static void
print_help (void)
{
  int width = 0;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, (int) strlen (commands[i].name));
  g_print ("%s\n\n", _("Usage: qscope-cli COMMAND MODEL.xml [OPTION…]"));
  g_print ("%s\n", _("Commands:"));
  for (i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-*s  %s\n", width, commands[i].name, _(commands[i].summary));
  g_print ("\n%s\n", _("Run “qscope-cli COMMAND --help” for the options of a command."));
}

int
main (int    argc,
      char **argv)
{
  guint i;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      print_help ();
      return argc < 2 ? QS_CLI_EXIT_ERROR : QS_CLI_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      g_print ("qscope-cli %s\n", PACKAGE_VERSION);
      return QS_CLI_EXIT_OK;
    }

  for (i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  g_printerr ("qscope-cli: unknown command “%s”; run “qscope-cli --help” for the list\n", argv[1]);
  return QS_CLI_EXIT_ERROR;
}
