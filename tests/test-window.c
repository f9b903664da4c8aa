/* test-window.c — the real qscope window, driven from a test
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The test program is itself a qscope: it runs the application with the
 * sample model on its command line, exactly as `qscope MODEL.xml` does, and
 * runs the test cases from the main loop once that model is being opened.
 * Each case then iterates the main context until the window is done.
 *
 * HOME and the XDG folders point at a fresh temporary folder, and the
 * sample is reached through a link in it, so the paths the window shows
 * (and the screenshots) do not depend on where the checkout lives, and the
 * recent-files list starts empty.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "qs-application.h"
#include "qs-screenshot.h"
#include "qs-summary-page.h"
#include "qs-window.h"

#define WIDTH             1000
#define HEIGHT            720
#define LOAD_TIMEOUT_MS   60000
#define SAMPLE_NAME       "ResMobNet_v4 (LReLU) with single SSD head"
#define SAMPLE_BASENAME   "person-detection-retail-0013.xml"

static QsApplication *app;
static QsWindow      *command_line_window;
static char          *home;
static char          *sample_path;   /* through the link in home */
static int            test_status;

/* Helpers */

typedef gboolean (*Condition) (gpointer data);

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
iterate_until (Condition  condition,
               gpointer   data,
               guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timed_out_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_false (timed_out);
}

static gboolean
window_idle (gpointer data)
{
  return !qs_window_get_busy (QS_WINDOW (data));
}

static void
wait_for_load (QsWindow *window)
{
  iterate_until (window_idle, window, LOAD_TIMEOUT_MS);
  /* one more frame or two so that the new page is laid out and painted */
  qs_screenshot_wait_for_frames (GTK_WIDGET (window), 3);
}

static QsWindow *
new_window (void)
{
  QsWindow *window = qs_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  qs_screenshot_wait_for_frames (GTK_WIDGET (window), 3);
  return window;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  GtkWidget *child;

  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether a label on screen (drawable: mapped, in a visible page) reads @text. */
static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  GtkWidget *child;

  if (GTK_IS_LABEL (root) && gtk_widget_is_drawable (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

static AdwMessageDialog *
find_dialog (QsWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint i;

  for (i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static void
assert_shows_sample (QsWindow *window)
{
  QsSummaryPage *page;

  g_assert_false (qs_window_get_busy (window));
  g_assert_nonnull (qs_window_get_model (window));
  g_assert_cmpstr (qs_window_get_model (window)->name, ==, SAMPLE_NAME);
  g_assert_cmpstr (qs_window_get_state (window), ==, "model");

  page = QS_SUMMARY_PAGE (find_widget (GTK_WIDGET (window), QS_TYPE_SUMMARY_PAGE));
  g_assert_nonnull (page);
  g_assert_cmpstr (qs_summary_page_get_title (page), ==, SAMPLE_NAME);
  g_assert_true (shows_text (GTK_WIDGET (page), SAMPLE_NAME));
  g_assert_true (shows_text (GTK_WIDGET (window), SAMPLE_BASENAME));
  g_assert_null (find_dialog (window));
}

static void
close_dialog (AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Tests */

static void
test_command_line (void)
{
  g_assert_nonnull (command_line_window);

  gtk_window_set_default_size (GTK_WINDOW (command_line_window), WIDTH, HEIGHT);
  wait_for_load (command_line_window);
  assert_shows_sample (command_line_window);

  qs_screenshot_assert (GTK_WIDGET (command_line_window), "summary");
}

static void
test_open_action (void)
{
  QsWindow *window = new_window ();
  g_autoptr(GFile) file = g_file_new_for_path (sample_path);

  g_assert_true (qs_window_is_empty (window));
  g_assert_cmpstr (qs_window_get_state (window), ==, "empty");

  /* What the Open dialog's response does */
  qs_window_open (window, file);
  g_assert_true (qs_window_get_busy (window));
  g_assert_cmpstr (qs_window_get_state (window), ==, "loading");

  wait_for_load (window);
  assert_shows_sample (window);
  g_assert_true (g_file_equal (qs_window_get_file (window), file));

  /* The next Open dialog starts where this model was. */
  {
    g_autofree char *folder = g_settings_get_string (qs_application_get_settings (app), "last-folder");
    g_autofree char *expected = g_path_get_dirname (sample_path);

    g_assert_cmpstr (folder, ==, expected);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
drop_files (QsWindow *window,
            GFile    *file)
{
  GtkWidget *overlay = find_widget (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (overlay);
  g_autoptr(GSList) list = g_slist_prepend (NULL, file);
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDropTarget *target = NULL;
  gboolean accepted = FALSE;
  guint i;

  for (i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (list));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  return accepted;
}

/* Dropping the model's .bin opens its .xml; anything else is refused. */
static void
test_drop (void)
{
  QsWindow *window = new_window ();
  g_autofree char *stem = g_strndup (sample_path, strlen (sample_path) - strlen (".xml"));
  g_autofree char *bin = g_strconcat (stem, ".bin", NULL);
  g_autofree char *readme = g_build_filename (home, "models", "person-detection-retail-0013", "README.md", NULL);
  g_autoptr(GFile) bin_file = g_file_new_for_path (bin);
  g_autoptr(GFile) readme_file = g_file_new_for_path (readme);
  g_autoptr(GFile) xml_file = g_file_new_for_path (sample_path);

  g_assert_false (drop_files (window, readme_file));
  g_assert_false (qs_window_get_busy (window));
  g_assert_true (qs_window_is_empty (window));

  g_assert_true (drop_files (window, bin_file));
  wait_for_load (window);
  assert_shows_sample (window);
  g_assert_true (g_file_equal (qs_window_get_file (window), xml_file));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_size (void)
{
  GSettings *settings = qs_application_get_settings (app);
  QsWindow *window;
  int width, height;

  g_assert_nonnull (settings);
  window = new_window ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  qs_screenshot_wait_for_frames (GTK_WIDGET (window), 3);
  gtk_window_close (GTK_WINDOW (window));

  g_settings_get (settings, "window-size", "(ii)", &width, &height);
  g_assert_cmpint (width, ==, 800);
  g_assert_cmpint (height, ==, 600);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* The next window opens at that size. */
  window = qs_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 800);
  g_assert_cmpint (height, ==, 600);
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "window-size");
}

static void
test_recent (void)
{
  QsWindow *window = new_window ();

  /* The loads above went to the recent files; an empty window offers them. */
  g_assert_true (shows_text (GTK_WIDGET (window), SAMPLE_BASENAME));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_cancel (void)
{
  QsWindow *window = new_window ();
  g_autoptr(GFile) file = g_file_new_for_path (sample_path);

  qs_window_open (window, file);
  g_assert_true (qs_window_get_busy (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel", NULL));

  wait_for_load (window);
  g_assert_true (qs_window_is_empty (window));
  g_assert_cmpstr (qs_window_get_state (window), ==, "empty");
  g_assert_null (find_dialog (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A reader stuck on a read that never ends (here a pipe nobody writes to)
 * must not keep Cancel from answering. */
static void
test_cancel_stuck (void)
{
  QsWindow *window = new_window ();
  g_autofree char *fifo = g_build_filename (home, "stuck.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (fifo);
  int fd;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  qs_window_open (window, file);
  qs_screenshot_wait_for_frames (GTK_WIDGET (window), 3);
  g_assert_true (qs_window_get_busy (window));
  g_assert_cmpstr (qs_window_get_state (window), ==, "loading");

  qs_window_cancel (window);
  wait_for_load (window);
  g_assert_true (qs_window_is_empty (window));
  g_assert_null (find_dialog (window));

  /* Let the reader see the end of the pipe, so its thread ends too. */
  fd = open (fifo, O_WRONLY | O_NONBLOCK);
  if (fd >= 0)
    close (fd);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
assert_error_dialog (QsWindow   *window,
                     const char *path,
                     const char *expected)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AdwMessageDialog *dialog;

  qs_window_open (window, file);
  wait_for_load (window);

  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_test_message ("dialog: %s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), expected));
  close_dialog (dialog);
}

static void
test_malformed (void)
{
  QsWindow *window = new_window ();
  g_autofree char *broken = g_build_filename (home, "broken.xml", NULL);
  g_autofree char *missing = g_build_filename (home, "missing.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) sample = g_file_new_for_path (sample_path);
  const char *text =
    "<?xml version=\"1.0\"?>\n"
    "<net name=\"broken\" version=\"11\">\n"
    "  <layers>\n"
    "    <layer id=\"0\" name=\"input\" type=\"Parameter\" version=\"opset1\">\n"
    "  </layers>\n"
    "</net>\n";

  g_assert_true (g_file_set_contents (broken, text, -1, &error));
  g_assert_no_error (error);

  /* A failed load leaves an empty window empty... */
  assert_error_dialog (window, broken, "broken.xml");
  g_assert_true (qs_window_is_empty (window));
  g_assert_cmpstr (qs_window_get_state (window), ==, "empty");

  assert_error_dialog (window, missing, "missing.xml");
  g_assert_true (qs_window_is_empty (window));

  /* ...and a window with a model keeps its model. */
  qs_window_open (window, sample);
  wait_for_load (window);
  assert_shows_sample (window);
  assert_error_dialog (window, broken, "broken.xml");
  assert_shows_sample (window);
  g_assert_true (g_file_equal (qs_window_get_file (window), sample));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_empty_state (void)
{
  QsWindow *window;

  /* The golden has no recent files: their paths are the machine's. */
  gtk_recent_manager_purge_items (gtk_recent_manager_get_default (), NULL);
  window = new_window ();
  g_assert_cmpstr (qs_window_get_state (window), ==, "empty");
  g_assert_false (shows_text (GTK_WIDGET (window), SAMPLE_BASENAME));

  qs_screenshot_assert (GTK_WIDGET (window), "empty-state");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Running */

static gboolean
run_tests (gpointer data)
{
  GList *windows;

  test_status = g_test_run ();

  /* Closing the last window ends g_application_run(). */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  return G_SOURCE_REMOVE;
}

static void
opened_cb (GApplication *application,
           GFile       **files,
           int           n_files,
           const char   *hint)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (command_line_window != NULL)
    return;
  g_assert_true (QS_IS_WINDOW (window));
  command_line_window = QS_WINDOW (window);
  g_idle_add (run_tests, NULL);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
    }
  g_remove (path);
}

/* A private home, so that nothing of the user's shows up or is touched. */
static void
make_home (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *models = NULL;
  g_autofree char *link = NULL;
  g_autofree char *target = NULL;
  const char *sub[] = { "XDG_DATA_HOME", ".local/share", "XDG_CONFIG_HOME", ".config",
                        "XDG_CACHE_HOME", ".cache", "XDG_STATE_HOME", ".local/state" };
  guint i;

  home = g_dir_make_tmp ("qscope-test-window-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HOME", home, TRUE);
  for (i = 0; i < G_N_ELEMENTS (sub); i += 2)
    {
      g_autofree char *dir = g_build_filename (home, sub[i + 1], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (sub[i], dir, TRUE);
    }

  models = g_build_filename (home, "models", NULL);
  g_mkdir_with_parents (models, 0700);
  target = g_build_filename (QS_SOURCE_DIR, "data", "models", "person-detection-retail-0013", NULL);
  link = g_build_filename (models, "person-detection-retail-0013", NULL);
  if (symlink (target, link) != 0)
    g_error ("cannot link %s: %s", link, g_strerror (errno));
  sample_path = g_build_filename (link, SAMPLE_BASENAME, NULL);
}

int
main (int    argc,
      char **argv)
{
  char *app_argv[3];
  int status;

  /* Before anything asks GLib for the home folder, which it remembers. */
  make_home ();
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_print ("no display; skipping the window tests\n");
      remove_tree (home);
      return 77;
    }
  qs_screenshot_setup ();

  g_test_add_func ("/qscope/window/command-line", test_command_line);
  g_test_add_func ("/qscope/window/open-action", test_open_action);
  g_test_add_func ("/qscope/window/recent", test_recent);
  g_test_add_func ("/qscope/window/drop", test_drop);
  g_test_add_func ("/qscope/window/cancel", test_cancel);
  g_test_add_func ("/qscope/window/cancel-stuck", test_cancel_stuck);
  g_test_add_func ("/qscope/window/malformed", test_malformed);
  g_test_add_func ("/qscope/window/window-size", test_window_size);
  g_test_add_func ("/qscope/window/empty-state", test_empty_state);

  app = qs_application_new ();
  /* Not a second instance of a qscope the developer has open. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "open", G_CALLBACK (opened_cb), NULL);

  app_argv[0] = argv[0];
  app_argv[1] = sample_path;
  app_argv[2] = NULL;
  status = g_application_run (G_APPLICATION (app), 2, app_argv);
  if (status != 0 && test_status == 0)
    test_status = status;
  g_assert_nonnull (command_line_window);

  g_clear_object (&app);
  remove_tree (home);
  g_free (home);
  g_free (sample_path);
  return test_status;
}
