/* main.c — the entry point of the qscope window
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "qs-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(QsApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("qscope"));

  app = qs_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
