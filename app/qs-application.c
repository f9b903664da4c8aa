/* qs-application.c — the qscope application
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Owns the settings and the application-wide actions (quit, about).  Each
 * model opened from the command line or the desktop gets a window; an empty
 * window is reused rather than left behind.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qs-application.h"
#include "qs-window.h"

#define SAMPLE_MODEL_PATH "models", "person-detection-retail-0013", "person-detection-retail-0013.xml"

struct _QsApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  gboolean        settings_looked_up;
  char           *results;          /* --results, for the first model opened */
  char           *compare;          /* --compare, for the first model opened */
};

G_DEFINE_FINAL_TYPE (QsApplication, qs_application, ADW_TYPE_APPLICATION)

/* Installed, the schema is in the default source.  Run from the build tree
 * (./run does that), it is only compiled beside the build's data/; without
 * either the window still works and just forgets its size. */
static GSettingsSchema *
find_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchemaSource) build_source = NULL;
  GSettingsSchema *schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    return schema;

  build_source = g_settings_schema_source_new_from_directory (QS_BUILD_SCHEMA_DIR, source, FALSE, NULL);
  if (build_source != NULL)
    schema = g_settings_schema_source_lookup (build_source, APP_ID, FALSE);
  return schema;
}

GSettings *
qs_application_get_settings (QsApplication *self)
{
  g_return_val_if_fail (QS_IS_APPLICATION (self), NULL);

  if (!self->settings_looked_up)
    {
      g_autoptr(GSettingsSchema) schema = find_schema ();

      self->settings_looked_up = TRUE;
      if (schema != NULL)
        self->settings = g_settings_new_full (schema, NULL, NULL);
      else
        g_debug ("GSettings schema %s not found; window state is not remembered", APP_ID);
    }
  return self->settings;
}

/**
 * qs_application_find_sample:
 *
 * Returns: (transfer full) (nullable): the bundled sample model, installed
 * or in the source tree, or %NULL when neither is there.
 */
GFile *
qs_application_find_sample (QsApplication *self)
{
  g_autofree char *installed = g_build_filename (QS_PKGDATADIR, SAMPLE_MODEL_PATH, NULL);
  g_autofree char *source = g_build_filename (QS_SOURCE_DIR, "data", SAMPLE_MODEL_PATH, NULL);

  if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    return g_file_new_for_path (installed);
  if (g_file_test (source, G_FILE_TEST_IS_REGULAR))
    return g_file_new_for_path (source);
  return NULL;
}

static QsWindow *
new_window (QsApplication *self)
{
  return qs_window_new (self);
}

static void
qs_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (new_window (QS_APPLICATION (app)));
  gtk_window_present (window);
  if (QS_APPLICATION (app)->results != NULL)
    {
      g_clear_pointer (&QS_APPLICATION (app)->results, g_free);
      g_printerr ("qscope: %s\n", _("--results needs the model it was made on: qscope MODEL.xml --results RUN.json"));
    }
  if (QS_APPLICATION (app)->compare != NULL)
    {
      g_clear_pointer (&QS_APPLICATION (app)->compare, g_free);
      g_printerr ("qscope: %s\n", _("--compare needs a model to compare with: qscope INT8.xml --compare FP32.xml"));
    }
}

static void
qs_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  QsApplication *self = QS_APPLICATION (app);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));
  int i;

  for (i = 0; i < n_files; i++)
    {
      QsWindow *window;

      if (active != NULL && QS_IS_WINDOW (active) && qs_window_is_empty (QS_WINDOW (active)))
        window = QS_WINDOW (active);
      else
        window = new_window (self);
      active = NULL;

      if (self->results != NULL)
        {
          g_autofree char *results = g_steal_pointer (&self->results);

          qs_window_open_with_results (window, files[i], results);
        }
      else
        qs_window_open (window, files[i]);
      if (self->compare != NULL)
        {
          g_autofree char *compare = g_steal_pointer (&self->compare);
          g_autoptr(GFile) other = g_file_new_for_path (compare);

          qs_window_compare_once_loaded (window, other);
        }
      gtk_window_present (GTK_WINDOW (window));
    }
}

static int
qs_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  QsApplication *self = QS_APPLICATION (app);
  g_autofree char *results = NULL;
  g_autofree char *compare = NULL;

  if (g_variant_dict_lookup (options, "compare", "^ay", &compare))
    {
      g_clear_pointer (&self->compare, g_free);
      self->compare = g_canonicalize_filename (compare, NULL);
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }
  if (g_variant_dict_lookup (options, "results", "^ay", &results))
    {
      /* the results go with the model named beside them, so this process
       * opens both rather than handing the files to a running instance */
      g_clear_pointer (&self->results, g_free);
      self->results = g_canonicalize_filename (results, NULL);
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }
  return -1;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  QsApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  GList *l;

  /* Closing, not destroying, lets each window save its size. */
  for (l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  QsApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The qscope authors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("qscope"),
                        "application-icon", APP_ID,
                        "developer-name", _("The qscope authors"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", _("Look inside quantized OpenVINO IR models: their layers, "
                                      "FakeQuantize nodes and low-precision weights."),
                        "copyright", _("© 2026 The qscope authors"),
                        "license-type", GTK_LICENSE_APACHE_2_0,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Sample model"),
                                      _("person-detection-retail-0013 © Intel Corporation, "
                                        "from the Open Model Zoo"),
                                      GTK_LICENSE_APACHE_2_0, NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
};

static void
qs_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (qs_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_window_set_default_icon_name (APP_ID);
}

static void
qs_application_dispose (GObject *object)
{
  QsApplication *self = QS_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->results, g_free);
  g_clear_pointer (&self->compare, g_free);

  G_OBJECT_CLASS (qs_application_parent_class)->dispose (object);
}

static void
qs_application_class_init (QsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = qs_application_dispose;
  app_class->startup = qs_application_startup;
  app_class->activate = qs_application_activate;
  app_class->open = qs_application_open;
  app_class->handle_local_options = qs_application_handle_local_options;
}

static void
qs_application_init (QsApplication *self)
{
  const GOptionEntry entries[] = {
    { "results", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Show a results file (qscope-cli dump --format json) or a ranking (qscope-cli sensitivity --format json) on the model opened"), N_("RUN.json") },
    { "compare", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the model beside a second IR of the same network (its FP32 model or its INT8 export) to compare them"), N_("OTHER.xml") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[MODEL.xml]"));
}

QsApplication *
qs_application_new (void)
{
  return g_object_new (QS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/qscope/Qscope",
                       NULL);
}
