/* qs-cli-export.c — `qscope-cli export MODEL.xml`: a mixed-precision IR
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A view of core/lpt/qs-keep-float: the layers to keep in float come from
 * --keep-float or from the top of a `sensitivity` ranking; the new IR is
 * written with its .bin, and stderr says what was removed and which layers
 * LPT now runs in float.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "qs-cli.h"
#include "qscope-core.h"
#include "qs-ir-writer.h"
#include "qs-keep-float.h"
#include "qs-lpt.h"
#include "qs-sensitivity.h"

static char *
names_text (GPtrArray *nodes,
            guint      most)
{
  GString *s = g_string_new (NULL);
  guint i;

  for (i = 0; i < nodes->len && i < most; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", ((const QsNode *) nodes->pdata[i])->name);
  if (nodes->len > most)
    g_string_append_printf (s, ", … (%u in all)", nodes->len);
  return g_string_free (s, FALSE);
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int
qs_cli_export (int    argc,
               char **argv)
{
  g_auto(GStrv) keep = NULL;
  g_autofree char *ranking = NULL, *out_path = NULL;
  gint top = -1;
  gboolean float_weights = FALSE;
  GOptionEntry entries[] = {
    { "keep-float", 'k', 0, G_OPTION_ARG_STRING_ARRAY, &keep,
      N_("layers (or FakeQuantize layers) to keep in float, a comma list; may be repeated"), "LAYER[,LAYER…]" },
    { "keep-float-top", 't', 0, G_OPTION_ARG_INT, &top, N_("keep the first K groups of --ranking in float"), "K" },
    { "ranking", 'r', 0, G_OPTION_ARG_FILENAME, &ranking, N_("a ranking from `sensitivity --format json`"), "RANK.json" },
    { "float-weights", 0, 0, G_OPTION_ARG_NONE, &float_weights, N_("also give the kept layers float weights"), NULL },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, N_("the IR to write (its .bin goes beside it)"), "OUT.xml" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("MODEL.xml — write a mixed-precision IR with chosen layers kept in float"));
  g_autoptr(GError) error = NULL;
  g_autoptr(QsModel) model = NULL;
  g_autoptr(QsKeepFloat) result = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) now_float = NULL;
  g_autofree char *removed = NULL;
  guint i;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return qs_cli_fail (error);
  if (argc != 2)
    return qs_cli_usage (context, _("give exactly one MODEL.xml"));
  if (out_path == NULL)
    return qs_cli_usage (NULL, _("give the IR to write with -o OUT.xml"));
  if ((top >= 0) != (ranking != NULL))
    return qs_cli_usage (NULL, _("--keep-float-top and --ranking go together"));
  if (keep == NULL && top < 0)
    return qs_cli_usage (NULL, _("say what to keep in float: --keep-float LAYER or --keep-float-top K --ranking RANK.json"));
  if (top == 0)
    return qs_cli_usage (NULL, _("--keep-float-top is 1 or more"));
  if (!g_str_has_suffix (out_path, ".xml"))
    return qs_cli_usage (NULL, _("the IR to write ends in .xml"));
  if (same_file (out_path, argv[1]))
    return qs_cli_usage (NULL, _("the IR to write is the model read; give another -o"));

  model = qs_model_load (argv[1], QS_LOAD_FLAGS_NONE, NULL, &error);
  if (model == NULL)
    return qs_cli_fail (error);
  for (i = 0; keep != NULL && keep[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (keep[i], ",", -1);
      guint j;

      for (j = 0; parts[j] != NULL; j++)
        if (parts[j][0] != '\0')
          g_ptr_array_add (names, g_strdup (parts[j]));
    }
  if (ranking != NULL)
    {
      g_autoptr(GPtrArray) fqs = qs_sensitivity_read_top (ranking, model, (guint) top, &error);

      if (fqs == NULL)
        return qs_cli_fail (error);
      for (i = 0; i < fqs->len; i++)
        g_ptr_array_add (names, g_strdup (fqs->pdata[i]));
    }

  result = qs_keep_float (model, (const char *const *) names->pdata, names->len, float_weights, &error);
  if (result == NULL)
    return qs_cli_fail (error);
  now_float = qs_keep_float_now_float (result, &error);
  if (now_float == NULL)
    return qs_cli_fail (error);
  if (!qs_ir_write (result->model, out_path, NULL, &error))
    return qs_cli_fail (error);

  removed = names_text (result->removed, 12);
  {
    g_autofree char *line = g_strdup_printf (_("removed %u FakeQuantize (%s)"), result->removed->len, removed);

    if (result->dropped->len > 0)
      {
        g_autofree char *went = g_strdup_printf (ngettext ("%u layer only they read went with them",
                                                           "%u layers only they read went with them",
                                                           result->dropped->len), result->dropped->len);
        g_printerr ("qscope-cli export: %s; %s\n", line, went);
      }
    else
      g_printerr ("qscope-cli export: %s\n", line);
  }
  if (result->weights->len > 0)
    {
      g_autofree char *text = names_text (result->weights, 12);
      g_printerr ("qscope-cli export: ");
      g_printerr (_("float weights: %s"), text);
      g_printerr ("\n");
    }
  for (i = 0; i < result->notes->len; i++)
    g_printerr ("qscope-cli export: %s\n", (const char *) result->notes->pdata[i]);
  {
    g_autofree char *text = names_text (now_float, 12);

    g_printerr ("qscope-cli export: ");
    g_printerr (ngettext ("LPT now runs %u layer in float that ran in int8", "LPT now runs %u layers in float that ran in int8",
                          now_float->len), now_float->len);
    g_printerr ("%s%s\n", now_float->len > 0 ? ": " : "", text);
  }
  g_printerr ("qscope-cli export: ");
  g_printerr (_("wrote %s"), out_path);
  g_printerr ("\n");
  return QS_CLI_EXIT_OK;
}
