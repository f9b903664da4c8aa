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

#include <math.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "qs-application.h"
#include "qs-findings.h"
#include "qs-fq-analysis.h"
#include "qs-graph-view-private.h"
#include "qs-histogram-view.h"
#include "qs-screenshot.h"
#include "qs-summary-page.h"
#include "qs-test-dir.h"
#include "qs-test-models.h"
#include "qs-sensitivity.h"
#include "qs-window.h"

#define WIDTH             1000
#define HEIGHT            720
#define LOAD_TIMEOUT_MS   60000
#define SAMPLE_NAME       "ResMobNet_v4 (LReLU) with single SSD head"
#define SAMPLE_BASENAME   "person-detection-retail-0013.xml"
#define QS_WINDOW_COLLAPSE_BOXES_TEST 800   /* qs-window-private.h */

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
static guint
count_text (GtkWidget  *root,
            const char *text)
{
  GtkWidget *child;
  guint n = 0;

  if (GTK_IS_LABEL (root) && gtk_widget_is_drawable (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    n++;
  for (child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_text (child, text);
  return n;
}

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

/* The widget under @root named @name (gtk_widget_set_name()), or NULL. */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  GtkWidget *child;

  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first button under @root (in reading order) whose tooltip is @tooltip. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *tooltip)
{
  GtkWidget *child;

  if (root == NULL)
    return NULL;
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
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
  /* With the graph page beside the summary the header shows the view
   * switcher, not the title: the file name is in the window title. */
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), SAMPLE_BASENAME));
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

/* The graph page: one window goes through the whole story, as a person
 * would: open, look at the graph, find a FakeQuantize, switch to the int8
 * graph, run, sort by SQNR and follow a row to its layer. */

#define RUN_TIMEOUT_MS 180000

static QsWindow *graph_window;
static const QsNode *per_channel_fq;

static void
show_graph_page (QsWindow *window)
{
  AdwViewStack *stack = ADW_VIEW_STACK (find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));

  adw_view_stack_set_visible_child_name (stack, "graph");
  qs_screenshot_wait_for_frames (GTK_WIDGET (window), 3);
}

/* The centre of @box is on screen, well inside the view. */
static void
assert_box_centred (QsGraphView *view,
                    int          box)
{
  cairo_rectangle_t rect, visible;
  double cx, cy;

  g_assert_cmpint (box, >=, 0);
  qs_paint_scene_get_box_rect (qs_graph_view_get_scene (view), box, &rect);
  qs_graph_view_get_visible_rect (view, &visible);
  cx = rect.x + rect.width / 2;
  cy = rect.y + rect.height / 2;
  g_assert_cmpfloat (fabs (cx - (visible.x + visible.width / 2)), <, visible.width * 0.1);
  g_assert_cmpfloat (fabs (cy - (visible.y + visible.height / 2)), <, visible.height * 0.1);
  /* and readable */
  g_assert_cmpfloat (qs_graph_view_get_zoom (view), >=, 0.5);
}

/* Structure: no two boxes overlap, every edge runs downward. */
static void
assert_layout_sane (QsPaintScene *scene)
{
  QsLayout *layout = qs_paint_scene_get_layout (scene);
  QsLayoutGraph *graph = qs_layout_get_graph (layout);
  guint n = qs_paint_scene_get_n_boxes (scene);
  guint i, j, e;

  for (i = 0; i < n; i++)
    for (j = i + 1; j < n; j++)
      {
        const QsLayoutBox *a = qs_layout_get_box (layout, i);
        const QsLayoutBox *b = qs_layout_get_box (layout, j);

        if (a->rank != b->rank)
          continue;
        g_assert_true (fabs (a->x - b->x) >= (a->width + b->width) / 2 - 0.01);
      }
  for (e = 0; e < qs_layout_graph_get_n_edges (graph); e++)
    {
      const QsLayoutPath *path = qs_layout_get_path (layout, e);

      g_assert_cmpfloat (path->points[path->n_points - 1].y, >, path->points[0].y);
    }
}

static void
test_graph (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (sample_path);
  QsGraphView *view;
  QsPaintScene *scene;

  graph_window = new_window ();
  qs_window_open (graph_window, file);
  wait_for_load (graph_window);
  assert_shows_sample (graph_window);
  show_graph_page (graph_window);

  view = qs_window_get_graph_view (graph_window);
  scene = qs_graph_view_get_scene (view);
  g_assert_nonnull (scene);
  g_assert_true (qs_paint_scene_get_graph (scene) == qs_window_get_model (graph_window)->graph);
  g_assert_cmpuint (qs_paint_scene_get_n_boxes (scene), >, 100);
  g_assert_cmpint (qs_graph_view_get_selected_box (view), ==, -1);
  assert_layout_sane (scene);

  /* Fit: the whole layout is on screen */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (graph_window), "win.zoom-fit", NULL));
  {
    cairo_rectangle_t visible;
    double w, h;

    qs_paint_scene_get_size (scene, &w, &h);
    qs_graph_view_get_visible_rect (view, &visible);
    g_assert_cmpfloat (visible.x, <=, 0.5);
    g_assert_cmpfloat (visible.y, <=, 0.5);
    g_assert_cmpfloat (visible.x + visible.width, >=, w - 0.5);
    g_assert_cmpfloat (visible.y + visible.height, >=, h - 0.5);
  }

  /* Zoom in and back by the real actions (animations are off) */
  {
    double fit = qs_graph_view_get_zoom (view);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (graph_window), "win.zoom-in", NULL));
    g_assert_cmpfloat (qs_graph_view_get_zoom (view), >, fit * 1.2);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (graph_window), "win.zoom-fit", NULL));
    g_assert_cmpfloat (fabs (qs_graph_view_get_zoom (view) - fit), <, 1e-9);
  }

  /* The golden shows the first view a person gets: the top at a readable zoom */
  qs_graph_view_set_scene (view, NULL);
  qs_graph_view_set_scene (view, scene);

  qs_screenshot_assert (GTK_WIDGET (graph_window), "window-graph");
}

/* The zoomed-out view copies a cached picture: it must have the pixels of
 * painting directly, after zooming, panning (a copy at an offset), a new
 * selection and a heat map. */
static cairo_surface_t *
paint_view (QsGraphView *view,
            gboolean     cached,
            int          scale)
{
  int w = gtk_widget_get_width (GTK_WIDGET (view));
  int h = gtk_widget_get_height (GTK_WIDGET (view));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w * scale, h * scale);
  cairo_t *cr;

  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  if (!cached)
    _qs_graph_view_set_cache_enabled (view, FALSE);
  qs_graph_view_paint (view, cr, w, h);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (!cached)
    _qs_graph_view_set_cache_enabled (view, TRUE);
  return surface;
}

static guint
count_painted (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint painted = 0;
  int x, y;

  for (y = 0; y < h; y++)
    {
      const guint32 *p = (const guint32 *) (cairo_image_surface_get_data (surface) + y * stride);

      for (x = 0; x < w; x++)
        painted += p[x] != 0;
    }
  return painted;
}

/* Lets the frame clock run until the view's new picture is complete. */
static void
wait_refined (QsGraphView *view)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (_qs_graph_view_is_refining (view) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (_qs_graph_view_is_refining (view));
}

/* At scale 1 and on a HiDPI surface (scale 2), pixel for pixel. */
static void
assert_cache_matches (QsGraphView *view,
                      const char  *what)
{
  int scale;

  for (scale = 1; scale <= 2; scale++)
    {
      cairo_surface_t *direct = paint_view (view, FALSE, scale);
      cairo_surface_t *cached;
      int w = cairo_image_surface_get_width (direct);
      int h = cairo_image_surface_get_height (direct);
      int stride = cairo_image_surface_get_stride (direct);
      guint differ = 0, painted = 0, worst = 0;
      int x, y;

      /* the first frame after a change paints the view's tiles of a new
       * picture (all of them: the direct paint left no picture to stand in
       * for any), the second copies it */
      cairo_surface_destroy (paint_view (view, TRUE, scale));
      wait_refined (view);
      cached = paint_view (view, TRUE, scale);
      for (y = 0; y < h; y++)
        {
          const guint32 *a = (const guint32 *) (cairo_image_surface_get_data (direct) + y * stride);
          const guint32 *b = (const guint32 *) (cairo_image_surface_get_data (cached) + y * stride);

          for (x = 0; x < w; x++)
            {
              guint c, most = 0;

              for (c = 0; c < 32; c += 8)
                most = MAX (most, (guint) ABS ((int) ((a[x] >> c) & 0xff) - (int) ((b[x] >> c) & 0xff)));
              differ += most > 0;
              worst = MAX (worst, most);
              painted += a[x] != 0;
            }
        }
      if (differ != 0)
        g_test_message ("%s, scale %d: %u of %d pixels differ, by at most %u", what, scale, differ, w * h, worst);
      /* The picture is painted in tiles, each clipped to its square, and
       * cairo cuts a curve into segments and clips outlines against the
       * clip it is given: where a tile's edge crosses a nearly level curve
       * the antialiasing steps may sit a pixel apart (seen: up to 464 of
       * 1,400,000 pixels, by at most 17 levels).  A box or an edge left out where
       * it reaches into a tile differs by far more, and in many pixels. */
      g_assert_cmpuint (worst, <=, 32);
      g_assert_cmpuint (differ, <=, (guint) (w * h / 2000));
      /* and there was a graph to compare */
      g_assert_cmpuint (painted, >, (guint) (w * h / 200));
      cairo_surface_destroy (direct);
      cairo_surface_destroy (cached);
    }
}

static void
test_overview_cache (void)
{
  QsPaintScene *scene = qs_graph_view_get_scene (qs_window_get_graph_view (graph_window));
  GtkWidget *window = gtk_window_new ();
  QsGraphView *view = QS_GRAPH_VIEW (qs_graph_view_new ());
  g_autofree double *values = NULL;
  cairo_rectangle_t visible;
  guint i, n;

  g_assert_nonnull (scene);
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 500);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  qs_graph_view_set_scene (view, scene);
  gtk_window_present (GTK_WINDOW (window));
  qs_screenshot_wait_for_frames (window, 3);

  qs_graph_view_zoom_to_fit (view);
  g_assert_cmpfloat (qs_graph_view_get_zoom (view), <, 0.5);
  assert_cache_matches (view, "fit");

  /* a zoom step on screen: the first frame shows the last picture scaled
   * where it can, without waiting for the whole graph; the new picture
   * follows a few tiles per frame */
  {
    cairo_surface_t *frame;

    cairo_surface_destroy (paint_view (view, TRUE, 1));
    wait_refined (view);
    qs_graph_view_set_zoom (view, qs_graph_view_get_zoom (view) * 1.3);
    frame = paint_view (view, TRUE, 1);
    g_assert_true (_qs_graph_view_is_refining (view));
    g_assert_cmpuint (count_painted (frame), >,
                      (guint) (cairo_image_surface_get_width (frame) * cairo_image_surface_get_height (frame) / 200));
    cairo_surface_destroy (frame);
    wait_refined (view);
  }
  assert_cache_matches (view, "zoom step");

  qs_graph_view_set_zoom (view, 0.37);
  assert_cache_matches (view, "zoom 0.37");

  /* pans by fractions of a pixel and more: the first leaves the cache, the
   * second is a copy at an offset from the bigger cache */
  qs_graph_view_get_visible_rect (view, &visible);
  _qs_graph_view_set_center (view, visible.x + visible.width / 2 + 10.3, visible.y + visible.height / 2 + 200.7);
  assert_cache_matches (view, "pan");
  _qs_graph_view_set_center (view, visible.x + visible.width / 2 - 50.55, visible.y + visible.height / 2 + 350.2);
  assert_cache_matches (view, "pan within the cache");

  /* an animated zoom scales the last picture while it moves, and ends sharp */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  qs_graph_view_set_zoom (view, 0.3);
  qs_screenshot_wait_for_frames (window, 3);
  g_usleep (250000);
  qs_screenshot_wait_for_frames (window, 3);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  {
    double shown;

    /* the property is the zoom on screen, not the animation's target */
    g_object_get (view, "zoom", &shown, NULL);
    g_assert_cmpfloat (fabs (shown - 0.3), <, 1e-9);
  }
  assert_cache_matches (view, "after an animated zoom");

  n = qs_paint_scene_get_n_boxes (scene);
  qs_graph_view_select_box (view, n / 3, TRUE);
  qs_graph_view_set_zoom (view, 0.3);
  assert_cache_matches (view, "selection");
  /* a selection is in the picture; panned, the copy keeps it */
  qs_graph_view_get_visible_rect (view, &visible);
  _qs_graph_view_set_center (view, visible.x + visible.width / 2 + 30.4, visible.y + visible.height / 2 - 20.6);
  assert_cache_matches (view, "selection, panned");
  _qs_graph_view_set_center (view, visible.x + visible.width / 2 + 60.8, visible.y + visible.height / 2 - 41.2);
  assert_cache_matches (view, "selection, panned within the cache");
  qs_graph_view_select_box (view, n / 2, FALSE);
  assert_cache_matches (view, "another selection");

  values = g_new (double, n);
  for (i = 0; i < n; i++)
    values[i] = i % 7 == 0 ? NAN : (double) i / n;
  qs_graph_view_set_values (view, values, "test", TRUE);
  assert_cache_matches (view, "heat map");

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_selection (gpointer data)
{
  return qs_graph_view_get_selected_box (QS_GRAPH_VIEW (data)) >= 0;
}

/* A transformer-shaped model of @n_layers blocks named as a PyTorch
 * export names them (`__module.model.layers.N.mlp/aten::linear/...`),
 * quantized: eight boxes a block, a FakeQuantize before each
 * convolution and a residual Add. */
static char *
write_module_model (guint n_layers)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("modules");
  g_autofree char *dir = g_build_filename (home, "models", "modules", NULL);
  g_autoptr(QsModel) model = NULL;
  QsNode *x;
  guint l;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  x = qs_test_parameter (b, "input_ids", 4, d3);
  for (l = 0; l < n_layers; l++)
    {
      g_autofree char *p = g_strdup_printf ("__module.model.layers.%u", l);
      g_autofree char *n1 = g_strdup_printf ("%s.input_layernorm/aten::fq/FakeQuantize", p);
      g_autofree char *n2 = g_strdup_printf ("%s.self_attn/aten::linear/Convolution", p);
      g_autofree char *n3 = g_strdup_printf ("%s.self_attn/aten::relu/Relu", p);
      g_autofree char *n4 = g_strdup_printf ("%s.self_attn/aten::sigmoid/Sigmoid", p);
      g_autofree char *n5 = g_strdup_printf ("%s.self_attn/aten::mul/Multiply", p);
      g_autofree char *n6 = g_strdup_printf ("%s.mlp/aten::fq/FakeQuantize", p);
      g_autofree char *n7 = g_strdup_printf ("%s.mlp/aten::linear/Convolution", p);
      g_autofree char *n8 = g_strdup_printf ("%s/aten::add/Add", p);
      QsNode *f, *c, *a, *g, *m;

      f = qs_test_fake_quantize (b, n1, x, -4, 4, 4, d3);
      c = qs_test_conv1x1 (b, n2, f, 3, 3, l);
      a = qs_test_eltwise (b, "ReLU", n3, 1, &c, 4, d3);
      g = qs_test_eltwise (b, "Sigmoid", n4, 1, &a, 4, d3);
      {
        QsNode *in[2] = { a, g };
        m = qs_test_eltwise (b, "Multiply", n5, 2, in, 4, d3);
      }
      f = qs_test_fake_quantize (b, n6, m, -4, 4, 4, d3);
      c = qs_test_conv1x1 (b, n7, f, 3, 3, l + 1);
      {
        QsNode *in[2] = { c, x };
        x = qs_test_eltwise (b, "Add", n8, 2, in, 4, d3);
      }
    }
  qs_test_result (b, "logits", x, 0, 4, d3);
  model = qs_test_finish (g_steal_pointer (&b), dir, "modules.xml");
  return g_build_filename (dir, "modules.xml", NULL);
}

static int
box_of_group_named (QsPaintScene *scene,
                    const char   *name)
{
  QsLayoutGroups *groups = qs_paint_scene_get_groups (scene);
  guint i;

  for (i = 0; i < qs_paint_scene_get_n_boxes (scene); i++)
    {
      int g = qs_paint_scene_get_box_group (scene, i);
      if (g >= 0 && strcmp (qs_layout_groups_get_name (groups, g), name) == 0)
        return i;
    }
  return -1;
}

static void
count_changed_cb (gpointer  instance,
                  guint    *count)
{
  (*count)++;
}

/* A big graph (> 800 boxes) opens with its module groups collapsed; a
 * group opens (double click, Return), closes (Backspace) and all open and
 * close (G); the find bar and a table row open the group of a layer. */
static void
test_groups (void)
{
  g_autofree char *path = write_module_model (110);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  QsWindow *window = new_window ();
  QsGraphView *view;
  QsPaintScene *scene;
  QsModel *model;
  const QsNode *inner;
  GtkWidget *entry;
  guint n_collapsed, n_changed = 0;
  int box;

  qs_window_open (window, file);
  wait_for_load (window);
  show_graph_page (window);
  view = qs_window_get_graph_view (window);
  scene = qs_graph_view_get_scene (view);
  model = qs_window_get_model (window);
  g_signal_connect (view, "scene-changed", G_CALLBACK (count_changed_cb), &n_changed);
  g_assert_cmpuint (qs_paint_scene_get_n_layers (scene), >, QS_WINDOW_COLLAPSE_BOXES_TEST);
  g_assert_true (qs_graph_view_has_collapsed (view));
  n_collapsed = qs_paint_scene_get_n_boxes (scene);
  g_test_message ("%u layers drawn as %u boxes", qs_paint_scene_get_n_layers (scene), n_collapsed);
  g_assert_cmpuint (n_collapsed, <=, 110 + 2);
  assert_layout_sane (scene);
  qs_screenshot_assert (GTK_WIDGET (window), "window-groups");

  /* a group opens where it was; its layers are boxes, the rest stays */
  box = box_of_group_named (scene, "__module.model.layers.1");
  g_assert_cmpint (box, >=, 0);
  g_assert_true (qs_graph_view_open_group (view, box));
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (qs_paint_scene_get_n_boxes (scene), ==, n_collapsed + 7);
  inner = qs_graph_find_node_by_name (model->graph, "__module.model.layers.1.self_attn/aten::relu/Relu");
  g_assert_nonnull (inner);
  g_assert_cmpint (qs_paint_scene_get_box_group (scene, qs_paint_scene_find_box (scene, inner)), ==, -1);
  assert_layout_sane (scene);

  /* Backspace on a layer inside closes its innermost group (self_attn,
   * four boxes), which is then selected; again, the group around that */
  qs_graph_view_select_node (view, inner, TRUE);
  g_assert_true (qs_graph_view_get_selected_node (view) == inner);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "graph.close-group", NULL));
  g_assert_cmpuint (qs_paint_scene_get_n_boxes (scene), ==, n_collapsed + 7 - 3);
  g_assert_cmpint (qs_graph_view_get_selected_box (view), ==, box_of_group_named (scene, "__module.model.layers.1.self_attn"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "graph.close-group", NULL));
  g_assert_cmpuint (qs_paint_scene_get_n_boxes (scene), ==, n_collapsed);
  box = qs_graph_view_get_selected_box (view);
  g_assert_cmpint (box, ==, box_of_group_named (scene, "__module.model.layers.1"));
  g_assert_null (qs_graph_view_get_selected_node (view));
  /* Return opens the selected group again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "graph.open-group", NULL));
  g_assert_cmpuint (qs_paint_scene_get_n_boxes (scene), ==, n_collapsed + 7);

  /* the find bar opens the group of what it finds */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  entry = find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "layers.57.mlp Convolution");
  iterate_until (has_selection, view, 5000);
  g_assert_nonnull (qs_graph_view_get_selected_node (view));
  g_assert_cmpstr (qs_graph_view_get_selected_node (view)->name, ==, "__module.model.layers.57.mlp/aten::linear/Convolution");
  g_assert_cmpint (box_of_group_named (scene, "__module.model.layers.57"), ==, -1);
  g_assert_cmpint (box_of_group_named (scene, "__module.model.layers.58"), >=, 0);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");

  /* G: every group open, then the top level collapsed again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-groups", NULL));
  g_assert_false (qs_graph_view_has_collapsed (view));
  g_assert_cmpuint (qs_paint_scene_get_n_boxes (scene), ==, qs_paint_scene_get_n_layers (scene));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-groups", NULL));
  g_assert_true (qs_graph_view_has_collapsed (view));
  g_assert_cmpuint (qs_paint_scene_get_n_boxes (scene), ==, n_collapsed);

  /* Fit the width: the graph's width fills the view */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-fit-width", NULL));
  {
    cairo_rectangle_t visible;
    double w, h;

    qs_paint_scene_get_size (scene, &w, &h);
    qs_graph_view_get_visible_rect (view, &visible);
    g_assert_cmpfloat (visible.width, >=, w);
    /* unless the zoom is at its most (a narrow chain of groups) */
    if (qs_graph_view_get_zoom (view) < 3.99)
      g_assert_cmpfloat (visible.width, <, w * 1.2);
  }
  g_signal_handlers_disconnect_by_data (view, &n_changed);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A box selected under the mini-map sends the map to the top right, so
 * no overlay covers the selection. */
static void
test_overlays (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (sample_path);
  QsWindow *window = new_window ();
  QsGraphView *view = qs_window_get_graph_view (window);
  QsPaintScene *scene;
  cairo_rectangle_t map, r, visible;
  double w, h, zoom;
  guint i;
  int box = -1;

  qs_window_open (window, file);
  wait_for_load (window);
  show_graph_page (window);
  scene = qs_graph_view_get_scene (view);
  w = gtk_widget_get_width (GTK_WIDGET (view));
  h = gtk_widget_get_height (GTK_WIDGET (view));
  zoom = qs_graph_view_get_zoom (view);
  g_assert_true (_qs_graph_view_get_minimap_rect (view, &map));
  g_assert_cmpfloat (map.y, >, h / 2);
  /* a box the view can bring under the map (the centre stays over the layout) */
  for (i = 0; i < qs_paint_scene_get_n_boxes (scene) && box < 0; i++)
    {
      qs_paint_scene_get_box_rect (scene, i, &r);
      if (r.x + r.width / 2 - (map.x + map.width / 2 - w / 2) / zoom > 0 &&
          r.y + r.height / 2 - (map.y + map.height / 2 - h / 2) / zoom > 0)
        box = i;
    }
  g_assert_cmpint (box, >=, 0);
  qs_paint_scene_get_box_rect (scene, box, &r);
  _qs_graph_view_set_center (view, r.x + r.width / 2 - (map.x + map.width / 2 - w / 2) / zoom,
                             r.y + r.height / 2 - (map.y + map.height / 2 - h / 2) / zoom);
  qs_graph_view_select_box (view, box, FALSE);
  g_assert_true (_qs_graph_view_get_minimap_rect (view, &map));
  g_assert_cmpfloat (map.y, <, h / 2);
  qs_graph_view_get_visible_rect (view, &visible);
  r.x = (r.x - visible.x) * zoom;
  r.y = (r.y - visible.y) * zoom;
  r.width *= zoom;
  r.height *= zoom;
  g_assert_false (r.x < map.x + map.width && map.x < r.x + r.width &&
                  r.y < map.y + map.height && map.y < r.y + r.height);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_search_fake_quantize (void)
{
  QsModel *model = qs_window_get_model (graph_window);
  QsGraphView *view = qs_window_get_graph_view (graph_window);
  QsInspector *inspector = qs_window_get_inspector (graph_window);
  GtkWidget *entry;
  GtkColumnView *channels;
  guint i, n_channels = 0;

  /* the first per-channel FakeQuantize of the model */
  for (i = 0; i < model->graph->n_nodes && per_channel_fq == NULL; i++)
    if (qs_node_is_type (model->graph->nodes[i], "FakeQuantize"))
      {
        g_autoptr(QsFqInfo) info = qs_fq_analyze (model->graph->nodes[i], NULL);

        if (info != NULL && info->n_channels > 1)
          {
            per_channel_fq = model->graph->nodes[i];
            n_channels = info->n_channels;
          }
      }
  g_assert_nonnull (per_channel_fq);

  /* Ctrl+F, then type the name into the real entry */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (graph_window), "win.search", NULL));
  entry = find_widget (GTK_WIDGET (graph_window), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_is_drawable (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), per_channel_fq->name);
  iterate_until (has_selection, view, 5000);

  g_assert_true (qs_graph_view_get_selected_node (view) == per_channel_fq);
  assert_box_centred (view, qs_graph_view_get_selected_box (view));
  g_assert_true (qs_inspector_get_node (inspector) == per_channel_fq);

  channels = qs_inspector_get_channel_view (inspector);
  g_assert_nonnull (channels);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (channels))), ==, n_channels);

  /* Sorted by scale, descending, the first row has the largest scale */
  {
    GListModel *columns = gtk_column_view_get_columns (channels);
    g_autoptr(GtkColumnViewColumn) scale = NULL;
    g_autofree char *text = NULL;
    char **lines;
    double previous = INFINITY;

    /* scale and zero point come right after the channel, so that the
     * sidebar shows them without scrolling sideways */
    scale = g_list_model_get_item (columns, 1);
    g_assert_cmpstr (gtk_column_view_column_get_title (scale), ==, "Scale");
    {
      g_autoptr(GtkColumnViewColumn) zp = g_list_model_get_item (columns, 2);

      g_assert_cmpstr (gtk_column_view_column_get_title (zp), ==, "Zero Pt");
    }

    gtk_column_view_sort_by_column (channels, scale, GTK_SORT_DESCENDING);
    text = qs_inspector_dup_channel_text (inspector);
    lines = g_strsplit (text, "\n", -1);
    for (i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
      {
        g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
        double value = g_ascii_strtod (fields[5], NULL);

        g_assert_cmpfloat (value, <=, previous);
        previous = value;
      }
    g_assert_cmpuint (i - 1, ==, n_channels);
    g_strfreev (lines);
    gtk_column_view_sort_by_column (channels, NULL, GTK_SORT_ASCENDING);
  }

  /* The search bar would cover nothing useful in the golden; close it as Escape does */
  g_signal_emit_by_name (entry, "stop-search");
  qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 3);
  g_assert_true (qs_graph_view_get_selected_node (view) == per_channel_fq);

  /* the table fits the sidebar: nothing to scroll sideways */
  {
    GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (channels));

    g_test_message ("per-channel table: %u columns, %.0f px wide in %.0f px",
                    g_list_model_get_n_items (gtk_column_view_get_columns (channels)),
                    gtk_adjustment_get_upper (h), gtk_adjustment_get_page_size (h));
    g_assert_cmpfloat (gtk_adjustment_get_page_size (h), >, 0);
    g_assert_cmpfloat (gtk_adjustment_get_upper (h), <=, gtk_adjustment_get_page_size (h) + 0.5);
  }

  qs_screenshot_assert (GTK_WIDGET (graph_window), "window-fake-quantize");
}

/* Every label on screen under @root that may wrap does so without
 * hyphens ("Va-lu-es"), and a row's title never inside a word. */
static void
assert_no_hyphens (GtkWidget *root,
                   guint     *n_labels)
{
  GtkWidget *child;

  if (GTK_IS_LABEL (root) && gtk_widget_is_drawable (root) && gtk_label_get_wrap (GTK_LABEL (root)))
    {
      PangoAttrList *attrs = gtk_label_get_attributes (GTK_LABEL (root));
      PangoAttrIterator *it;
      PangoAttribute *a;

      g_assert_nonnull (attrs);
      it = pango_attr_list_get_iterator (attrs);
      a = pango_attr_iterator_get (it, PANGO_ATTR_INSERT_HYPHENS);
      g_assert_nonnull (a);
      g_assert_false (((PangoAttrInt *) a)->value);
      pango_attr_iterator_destroy (it);
      if (gtk_widget_has_css_class (root, "title"))
        g_assert_cmpint (gtk_label_get_wrap_mode (GTK_LABEL (root)), ==, PANGO_WRAP_WORD);
      (*n_labels)++;
    }
  for (child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    assert_no_hyphens (child, n_labels);
}

/* Long layer names in a table are cut from the front, keeping the tail,
 * with the whole name in the tooltip.  Returns how many were cut. */
static guint
assert_names_keep_tail (GtkWidget *root)
{
  GtkWidget *child;
  guint n = 0;

  if (GTK_IS_LABEL (root) && gtk_widget_is_drawable (root) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (root), gtk_label_get_text (GTK_LABEL (root))) == 0 &&
      strchr (gtk_label_get_text (GTK_LABEL (root)), '/') != NULL &&
      pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (root))))
    {
      g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (root)), ==, PANGO_ELLIPSIZE_START);
      n++;
    }
  for (child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += assert_names_keep_tail (child);
  return n;
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* The graph takes the window: at 1024×700 it has at least 65 % of the
 * area while nothing is selected (no inspector, the run panel collapsed
 * to its controls); a selection opens the inspector beside it, F9 hides
 * and shows it again without losing the selection. */
static void
test_sidebar (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (sample_path);
  QsWindow *small = qs_window_new (app);
  GtkWidget *window = GTK_WIDGET (small);
  QsGraphView *view;
  GtkWidget *graph, *inspector;
  QsModel *model;
  const QsNode *node = NULL;
  double share;
  int full_width;
  guint i;

  gtk_window_set_default_size (GTK_WINDOW (small), 1024, 700);
  gtk_window_present (GTK_WINDOW (small));
  qs_window_open (small, file);
  wait_for_load (small);
  show_graph_page (small);
  view = qs_window_get_graph_view (small);
  graph = GTK_WIDGET (view);
  inspector = GTK_WIDGET (qs_window_get_inspector (small));
  model = qs_window_get_model (small);

  /* the window's surface, with its frame, as in the screenshots */
  g_assert_cmpint (gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window))), ==, 1024);
  g_assert_cmpint (gdk_surface_get_height (gtk_native_get_surface (GTK_NATIVE (window))), ==, 700);
  g_assert_false (gtk_widget_get_visible (inspector));
  share = (double) gtk_widget_get_width (graph) * gtk_widget_get_height (graph) / (1024.0 * 700.0);
  g_test_message ("graph view %d×%d px in 1024×700: %.1f %% of the window",
                  gtk_widget_get_width (graph), gtk_widget_get_height (graph), share * 100);
  g_assert_cmpfloat (share, >=, 0.65);
  full_width = gtk_widget_get_width (graph);

  for (i = 0; i < model->graph->n_nodes && node == NULL; i++)
    if (qs_node_is_type (model->graph->nodes[i], "Convolution"))
      node = model->graph->nodes[i];
  g_assert_nonnull (node);

  /* a selection opens the sidebar; the graph gives it room */
  qs_graph_view_select_node (view, node, TRUE);
  qs_screenshot_wait_for_frames (window, 3);
  g_assert_true (gtk_widget_get_visible (inspector));
  g_assert_true (qs_inspector_get_node (QS_INSPECTOR (inspector)) == node);
  g_assert_cmpint (gtk_widget_get_width (inspector), >=, 300);
  g_assert_cmpint (gtk_widget_get_width (graph), <, full_width);
  g_assert_cmpint (gtk_widget_get_width (graph) + gtk_widget_get_width (inspector), <=, 1024);

  /* hidden, with the selection kept */
  g_assert_true (gtk_widget_activate_action (window, "win.toggle-inspector", NULL));
  qs_screenshot_wait_for_frames (window, 3);
  g_assert_false (gtk_widget_get_visible (inspector));
  g_assert_true (qs_graph_view_get_selected_node (view) == node);
  g_assert_cmpint (gtk_widget_get_width (graph), ==, full_width);
  qs_screenshot_assert (window, "window-sidebar-hidden");

  /* and shown again */
  g_assert_true (gtk_widget_activate_action (window, "win.toggle-inspector", NULL));
  qs_screenshot_wait_for_frames (window, 3);
  g_assert_true (gtk_widget_get_visible (inspector));
  g_assert_true (qs_inspector_get_node (QS_INSPECTOR (inspector)) == node);
  qs_screenshot_assert (window, "window-sidebar");
  {
    guint n_labels = 0;

    assert_no_hyphens (inspector, &n_labels);
    g_assert_cmpuint (n_labels, >, 5);
  }

  /* A drag moves the pane in many steps; the width is written once, when
   * it has settled. */
  {
    GSettings *settings = qs_application_get_settings (app);
    GtkPaned *paned = GTK_PANED (find_widget (window, GTK_TYPE_PANED));
    guint changes = 0;
    gulong id;
    int step, width = gtk_widget_get_width (GTK_WIDGET (paned));

    g_assert_true (gtk_paned_get_end_child (paned) == inspector);
    id = g_signal_connect_swapped (settings, "changed::sidebar-width", G_CALLBACK (count_cb), &changes);
    for (step = 1; step <= 15; step++)
      {
        gtk_paned_set_position (paned, width - 330 - 4 * step);
        qs_screenshot_wait_for_frames (window, 1);
      }
    iterate_for (1000);
    g_signal_handler_disconnect (settings, id);
    g_test_message ("sidebar dragged in 15 steps: %u write, sidebar-width %d", changes,
                    g_settings_get_int (settings, "sidebar-width"));
    g_assert_cmpuint (changes, ==, 1);
    g_assert_cmpint (g_settings_get_int (settings, "sidebar-width"), ==, 330 + 4 * 15);
    /* the pane's width past the position, its 1-pixel handle included */
    g_assert_cmpint (gtk_widget_get_width (inspector), ==, 330 + 4 * 15 - 1);
    g_settings_reset (settings, "sidebar-width");
  }

  /* no selection, no sidebar */
  qs_graph_view_select_node (view, NULL, FALSE);
  qs_screenshot_wait_for_frames (window, 3);
  g_assert_false (gtk_widget_get_visible (inspector));
  gtk_window_destroy (GTK_WINDOW (small));
}

/* The weights of `u8 → Convert → FakeQuantize` (face-detection-retail-0005)
 * are folded into their convolution and drawn as dequantized values
 * against the FakeQuantize's output range, not its input range of codes,
 * [0, 254], where every bar would be squeezed into a line. */
static void
test_weight_histogram (void)
{
  const char *shared = g_getenv ("QS_SHARED_MODELS");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(QsFqInfo) info = NULL;
  QsWindow *window;
  QsModel *model;
  QsGraphView *view;
  QsInspector *inspector;
  QsHistogramView *histogram;
  const QsPaintHistogram *h;
  const QsNode *conv = NULL, *fq = NULL;
  guint i, n_bins = 0;
  guint64 top = 0, total = 0;

  path = shared != NULL ? g_build_filename (shared, "face-retail0005-int8-ov2020-v10",
                                            "face-detection-retail-0005.xml", NULL) : NULL;
  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("$QS_SHARED_MODELS lacks face-retail0005-int8-ov2020-v10");
      return;
    }
  file = g_file_new_for_path (path);
  window = new_window ();
  qs_window_open (window, file);
  wait_for_load (window);
  show_graph_page (window);
  model = qs_window_get_model (window);
  view = qs_window_get_graph_view (window);
  inspector = qs_window_get_inspector (window);

  for (i = 0; i < model->graph->n_nodes && conv == NULL; i++)
    {
      const QsNode *node = model->graph->nodes[i];
      const QsNode *w = qs_node_input_node (node, 1);

      if (qs_node_is_type (node, "Convolution") && w != NULL && qs_node_is_type (w, "FakeQuantize") &&
          qs_node_input_node (w, 0) != NULL && qs_node_is_type (qs_node_input_node (w, 0), "Convert"))
        {
          conv = node;
          fq = w;
        }
    }
  g_assert_nonnull (conv);
  info = qs_fq_analyze (fq, NULL);
  g_assert_nonnull (info);
  /* the codes' range is far from the values' */
  g_assert_cmpfloat (MAX (fabsf (info->il[0]), fabsf (info->ih[0])), >, 100);

  /* one box: the FakeQuantize and its Convert are the convolution's */
  g_assert_cmpint (qs_paint_scene_find_box (qs_graph_view_get_scene (view), fq), ==,
                   qs_paint_scene_find_box (qs_graph_view_get_scene (view), conv));

  qs_graph_view_select_node (view, conv, TRUE);
  qs_screenshot_wait_for_frames (GTK_WIDGET (window), 3);
  g_assert_true (qs_inspector_get_node (inspector) == conv);
  histogram = QS_HISTOGRAM_VIEW (find_widget (GTK_WIDGET (inspector), QS_TYPE_HISTOGRAM_VIEW));
  g_assert_nonnull (histogram);
  h = qs_histogram_view_get (histogram);
  g_assert_cmpuint (h->n_series, ==, 1);
  g_assert_true (h->has_range);
  g_assert_cmpfloat (h->range_low, ==, MIN (info->ol[0], info->oh[0]));
  g_assert_cmpfloat (h->range_high, ==, MAX (info->ol[0], info->oh[0]));
  /* the values lie inside the output range and spread over the bins */
  g_assert_cmpfloat (h->series[0].min, >=, h->range_low - 1e-4);
  g_assert_cmpfloat (h->series[0].max, <=, h->range_high + 1e-4);
  for (i = 0; i < h->series[0].n_bins; i++)
    {
      n_bins += h->series[0].counts[i] > 0;
      top = MAX (top, h->series[0].counts[i]);
      total += h->series[0].counts[i];
    }
  g_test_message ("weights of %s: values %g … %g, output range %g … %g, %u bins used, fullest %"
                  G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT, conv->name, h->series[0].min, h->series[0].max,
                  h->range_low, h->range_high, n_bins, top, total);
  g_assert_cmpuint (n_bins, >=, 8);
  g_assert_cmpuint (top, <, total);
  /* the histogram as drawn: bars across the output range, not a line */
  qs_screenshot_assert (GTK_WIDGET (histogram), "window-weight-histogram");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_transformed (void)
{
  QsGraphView *view = qs_window_get_graph_view (graph_window);
  QsModel *model = qs_window_get_model (graph_window);
  const QsNode *selected;
  QsPaintScene *scene;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (graph_window), "win.toggle-transformed", NULL));
  qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 3);

  scene = qs_graph_view_get_scene (view);
  g_assert_true (qs_paint_scene_get_graph (scene) != model->graph);
  assert_layout_sane (scene);
  /* The selection followed: a node made from the FakeQuantize (its Quantize) */
  selected = qs_graph_view_get_selected_node (view);
  g_assert_nonnull (selected);
  g_assert_true (selected->origin == per_channel_fq);
  assert_box_centred (view, qs_graph_view_get_selected_box (view));

  /* the inspector's overlay scrollbar may be there or not (see window-run) */
  qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 3);
  qs_screenshot_assert_full (GTK_WIDGET (graph_window), "window-transformed", QS_SCREENSHOT_TOLERANCE,
                             2 * QS_SCREENSHOT_MAX_SHARE);

  /* and back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (graph_window), "win.toggle-transformed", NULL));
  qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 3);
  g_assert_true (qs_paint_scene_get_graph (qs_graph_view_get_scene (view)) == model->graph);
  g_assert_true (qs_graph_view_get_selected_node (view) == per_channel_fq);

  /* With words in the find bar the switch keeps the selection too, not
   * the first match */
  {
    GtkWidget *entry;
    const QsNode *conv = NULL;
    guint i;

    for (i = model->graph->n_nodes; i-- > 0 && conv == NULL;)
      if (qs_node_is_type (model->graph->nodes[i], "Convolution"))
        conv = model->graph->nodes[i];
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (graph_window), "win.search", NULL));
    entry = find_widget (GTK_WIDGET (graph_window), GTK_TYPE_SEARCH_ENTRY);
    gtk_editable_set_text (GTK_EDITABLE (entry), "Convolution");
    qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 3);
    g_assert_true (qs_graph_view_get_selected_node (view) != conv);
    qs_graph_view_select_node (view, conv, TRUE);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (graph_window), "win.toggle-transformed", NULL));
    qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 3);
    selected = qs_graph_view_get_selected_node (view);
    g_assert_nonnull (selected);
    g_assert_true (selected == conv || selected->origin == conv);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (graph_window), "win.toggle-transformed", NULL));
    qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 3);
    g_assert_true (qs_graph_view_get_selected_node (view) == conv);
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
    g_signal_emit_by_name (entry, "stop-search");
    qs_graph_view_select_node (view, per_channel_fq, TRUE);
    qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 3);
  }
}

static gboolean
run_idle (gpointer data)
{
  return !qs_window_get_running (QS_WINDOW (data));
}

static GtkColumnViewColumn *
find_column (GtkColumnView *view,
             const char    *key)
{
  GListModel *columns = gtk_column_view_get_columns (view);
  guint i;

  for (i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "qs-key"), key) == 0)
        return column;
    }
  return NULL;
}

/* Rows the table shows: every tensor of the result that depends on an input. */
static guint
n_table_rows (const QsAnalysisResult *run)
{
  guint i, n = 0;

  for (i = 0; i < run->n_rows; i++)
    n += !run->rows[i].constant && run->rows[i].node != NULL;
  return n;
}

/* A results file without the members that time the run. */
static char *
results_without_seconds (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *samples;
  guint i;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_nonnull (root);
  if (json_object_has_member (root, "seconds"))
    json_object_remove_member (root, "seconds");
  samples = json_object_has_member (root, "per_sample") ? json_object_get_array_member (root, "per_sample") : NULL;
  for (i = 0; samples != NULL && i < json_array_get_length (samples); i++)
    {
      JsonObject *sample = json_array_get_object_element (samples, i);

      if (json_object_has_member (sample, "seconds"))
        json_object_remove_member (sample, "seconds");
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/* The drop-down whose list ends with @last ("Colour by" ends with None). */
static GtkDropDown *
find_dropdown_ending (GtkWidget  *root,
                      const char *last)
{
  GtkWidget *child;

  if (GTK_IS_DROP_DOWN (root) && GTK_IS_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (root))))
    {
      GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (root));
      guint n = g_list_model_get_n_items (model);

      if (n > 0 && g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), n - 1), last) == 0)
        return GTK_DROP_DOWN (root);
    }
  for (child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkDropDown *found = find_dropdown_ending (child, last);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_run (void)
{
  QsGraphView *view = qs_window_get_graph_view (graph_window);
  GtkColumnView *table = qs_window_get_layer_view (graph_window);
  GtkColumnViewColumn *sqnr;
  GtkSelectionModel *rows;
  QsAnalysisResult *run;
  const QsNode *worst = NULL, *node;
  double previous = -INFINITY, worst_sqnr = INFINITY;
  guint i, n;

  /* Deselect, so the golden shows the heat map without a selection ring */
  qs_graph_view_select_node (view, NULL, FALSE);

  /* The run panel's default input is random with seed 0 */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (graph_window), "win.run", NULL));
  g_assert_true (qs_window_get_running (graph_window));
  iterate_until (run_idle, graph_window, RUN_TIMEOUT_MS);
  g_assert_null (find_dialog (graph_window));

  run = qs_window_get_run (graph_window);
  g_assert_nonnull (run);
  g_assert_null (run->int8_error);
  g_assert_true (run->modes & QS_ANALYSIS_INT8);
  g_assert_cmpuint (run->n_samples, ==, 1);
  /* one sample: no per-sample chart */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (qs_window_get_samples_view (graph_window))));
  g_assert_cmpuint (n_table_rows (run), >, 100);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (table)));
  qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 3);
  {
    guint cut = assert_names_keep_tail (GTK_WIDGET (table));

    g_test_message ("%u layer names cut from the front in the run table", cut);
    g_assert_cmpuint (cut, >, 0);
  }

  /* Sort by SQNR, ascending: worst first */
  sqnr = find_column (table, "fq_vs_float_sqnr_db");
  g_assert_nonnull (sqnr);
  gtk_column_view_sort_by_column (table, sqnr, GTK_SORT_ASCENDING);
  rows = gtk_column_view_get_model (table);
  n = g_list_model_get_n_items (G_LIST_MODEL (rows));
  g_assert_cmpuint (n, ==, n_table_rows (run));
  for (i = 0; i < n; i++)
    {
      double v = qs_figure_value_get (&qs_window_get_table_row (graph_window, i)->figures[QS_FIGURE_SQNR],
                                      QS_AGGREGATE_MEAN, TRUE);

      if (isnan (v))
        break;
      g_assert_cmpfloat (v, >=, previous);
      previous = v;
    }
  /* Either way, the empty cells come last (most layers have no int8 codes) */
  {
    GtkColumnViewColumn *lsb = find_column (table, "int8_local_max_lsb");
    int direction;

    g_assert_nonnull (lsb);
    for (direction = 0; direction < 2; direction++)
      {
        gboolean empty_seen = FALSE;
        guint n_empty = 0, n_full = 0;

        gtk_column_view_sort_by_column (table, lsb, direction == 0 ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
        for (i = 0; i < n; i++)
          {
            const QsFigureValue *v = &qs_window_get_table_row (graph_window, i)->figures[QS_FIGURE_LSB_LOCAL];

            if (!v->has)
              {
                empty_seen = TRUE;
                n_empty++;
                continue;
              }
            g_assert_false (empty_seen);
            n_full++;
          }
        g_assert_cmpuint (n_empty, >, 0);
        g_assert_cmpuint (n_full, >, 0);
      }
  }
  gtk_column_view_sort_by_column (table, sqnr, GTK_SORT_ASCENDING);

  /* Sorting with a row selected keeps it in view, and GTK says nothing
   * (the tests make its warnings fatal) */
  {
    GtkSelectionModel *selection = gtk_column_view_get_model (table);
    GtkColumnViewColumn *name = find_column (table, "name");
    const QsNode *kept;

    gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (selection), n / 2);
    qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 2);
    gtk_column_view_sort_by_column (table, name, GTK_SORT_DESCENDING);
    qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 3);
    /* scrolled to the end without a selection, a new order starts at the top */
    kept = qs_graph_view_get_selected_node (view);
    gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (selection), GTK_INVALID_LIST_POSITION);
    qs_graph_view_select_node (view, NULL, FALSE);
    {
      GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_parent (GTK_WIDGET (table))));

      qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 2);
      gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v));
      qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 2);
      gtk_column_view_sort_by_column (table, sqnr, GTK_SORT_DESCENDING);
      qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 3);
      g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, 0);
      gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v));
      qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 2);
      gtk_column_view_sort_by_column (table, name, GTK_SORT_ASCENDING);
      qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 3);
    }
    qs_graph_view_select_node (view, kept, TRUE);
    /* back to SQNR alone (the name would stay the second key) */
    gtk_column_view_sort_by_column (table, NULL, GTK_SORT_ASCENDING);
    gtk_column_view_sort_by_column (table, sqnr, GTK_SORT_ASCENDING);
    qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 3);
  }

  /* The filter: the find bar's words, so types and precisions */
  {
    GtkWidget *filter = find_widget (gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (table))),
                                     GTK_TYPE_SEARCH_ENTRY);
    QsLptResult *lpt = qs_window_get_lpt (graph_window);
    guint want = 0, k;

    g_assert_nonnull (filter);
    for (k = 0; k < run->n_rows; k++)
      if (!run->rows[k].constant && run->rows[k].node != NULL &&
          qs_lpt_node_matches (lpt, run->rows[k].node, "fakequantize codes"))
        want++;
    g_assert_cmpuint (want, >, 0);
    g_assert_cmpuint (want, <, n);
    gtk_editable_set_text (GTK_EDITABLE (filter), "fakequantize codes");
    for (k = 0; k < 100 && g_list_model_get_n_items (G_LIST_MODEL (rows)) != want; k++)
      qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 1);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, want);
    for (k = 0; k < want; k++)
      g_assert_cmpstr (qs_window_get_table_row (graph_window, k)->type, ==, "FakeQuantize");
    /* nothing left, from a table scrolled down: an empty table, no warning */
    {
      GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_parent (GTK_WIDGET (table))));

      /* (moved only once the filtered rows are laid out, as the window does) */
      qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 3);
      gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v));
      gtk_editable_set_text (GTK_EDITABLE (filter), "no-such-layer");
      for (k = 0; k < 100 && g_list_model_get_n_items (G_LIST_MODEL (rows)) != 0; k++)
        qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 1);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 0);
      qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 3);
      gtk_column_view_sort_by_column (table, sqnr, GTK_SORT_DESCENDING);
      qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 3);
      gtk_column_view_sort_by_column (table, NULL, GTK_SORT_ASCENDING);
      gtk_column_view_sort_by_column (table, sqnr, GTK_SORT_ASCENDING);
    }
    gtk_editable_set_text (GTK_EDITABLE (filter), "");
    for (k = 0; k < 100 && g_list_model_get_n_items (G_LIST_MODEL (rows)) != n; k++)
      qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 1);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, n);
  }

  /* A column's width, dragged in many steps, is written once it settles,
   * and the next window's table has it */
  {
    GSettings *settings = qs_application_get_settings (app);
    GtkColumnViewColumn *name = find_column (table, "name");
    guint changes = 0;
    gulong id;
    int step, width = 0;
    g_autoptr(GVariant) widths = NULL;

    /* whatever an earlier step of the test left to settle */
    iterate_for (600);
    id = g_signal_connect_swapped (settings, "changed::column-widths", G_CALLBACK (count_cb), &changes);
    /* a drag's steps come some tens of milliseconds apart */
    for (step = 1; step <= 15; step++)
      {
        gtk_column_view_column_set_fixed_width (name, 150 + 4 * step);
        iterate_for (30);
      }
    iterate_for (1000);
    g_signal_handler_disconnect (settings, id);
    g_test_message ("a column dragged in 15 steps: %u writes", changes);
    g_assert_cmpuint (changes, ==, 1);
    widths = g_settings_get_value (settings, "column-widths");
    g_assert_true (g_variant_lookup (widths, "layers/name", "i", &width));
    g_assert_cmpint (width, ==, 150 + 4 * 15);
    gtk_column_view_column_set_fixed_width (name, -1);
    iterate_for (600);
    g_settings_reset (settings, "column-widths");
    /* the table at its top again, for the screenshot below */
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_parent (GTK_WIDGET (table)))), 0);
    qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 2);
  }

  /* the worst by hand, over the rows the table shows */
  for (i = 0; i < run->n_rows; i++)
    {
      const QsAnalysisRow *row = &run->rows[i];

      if (!row->constant && row->node != NULL && row->figures[QS_FIGURE_SQNR].has &&
          row->figures[QS_FIGURE_SQNR].mean < worst_sqnr)
        {
          worst_sqnr = row->figures[QS_FIGURE_SQNR].mean;
          worst = row->node;
        }
    }
  g_assert_nonnull (worst);

  /* The inspector's overlay scrollbar, shown by its new content, may or may
   * not still be there (it does not fade on a timer with animations off):
   * a faint 4×300-pixel line, so allow twice the usual share */
  qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 3);
  qs_screenshot_assert_full (GTK_WIDGET (graph_window), "window-run", QS_SCREENSHOT_TOLERANCE,
                             2 * QS_SCREENSHOT_MAX_SHARE);

  /* Colour by: None takes the heat map away, Precision fills boxes by
   * their precision, and a figure brings the heat map back */
  {
    GtkDropDown *colour_by = find_dropdown_ending (GTK_WIDGET (graph_window), "Precision");
    guint n_items;

    g_assert_nonnull (colour_by);
    n_items = g_list_model_get_n_items (gtk_drop_down_get_model (colour_by));
    g_assert_true (qs_graph_view_has_values (view));
    gtk_drop_down_set_selected (colour_by, n_items - 2);
    g_assert_false (qs_graph_view_has_values (view));
    g_assert_false (qs_graph_view_get_colour_precision (view));
    gtk_drop_down_set_selected (colour_by, n_items - 1);
    g_assert_false (qs_graph_view_has_values (view));
    g_assert_true (qs_graph_view_get_colour_precision (view));
    gtk_drop_down_set_selected (colour_by, 0);
    g_assert_true (qs_graph_view_has_values (view));
    g_assert_false (qs_graph_view_get_colour_precision (view));
    qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 3);
  }

  /* Follow the first row to its layer */
  g_assert_true (gtk_selection_model_select_item (rows, 0, TRUE));
  qs_screenshot_wait_for_frames (GTK_WIDGET (graph_window), 3);
  node = qs_graph_view_get_selected_node (view);
  g_assert_true (node == worst);
  assert_box_centred (view, qs_graph_view_get_selected_box (view));
  g_assert_true (qs_inspector_get_node (qs_window_get_inspector (graph_window)) == worst);

  /* ...and a layer back to its row */
  qs_graph_view_select_node (view, per_channel_fq, TRUE);

  {
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (rows);
    guint position = gtk_single_selection_get_selected (selection);

    g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
    g_assert_true (qs_window_get_table_row (graph_window, position)->node == per_channel_fq);
  }

  /* Go to the worst layer by the chosen metric (SQNR): the one that loses
   * most against its inputs, not the lowest figure */
  qs_graph_view_select_node (view, NULL, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (graph_window), "win.go-to-worst", NULL));
  {
    g_autofree int *ranked = qs_analysis_result_rank_lost (run, 1);

    g_assert_cmpint (ranked[0], >=, 0);
    g_assert_true (qs_graph_view_get_selected_node (view) == run->rows[ranked[0]].node);
    g_assert_cmpstr (run->rows[ranked[0]].type, !=, "DetectionOutput");
  }

  /* Exports: the table and the view */
  {
    g_autofree char *csv = g_build_filename (home, "layers.csv", NULL);
    g_autofree char *json = g_build_filename (home, "layers.json", NULL);
    g_autofree char *dumped_path = g_build_filename (home, "dump.json", NULL);
    g_autofree char *png = g_build_filename (home, "graph.png", NULL);
    g_autofree char *svg = g_build_filename (home, "graph.svg", NULL);
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GdkTexture) texture = NULL;

    g_assert_true (qs_window_export_table (graph_window, csv, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (csv, &text, NULL, &error));
    g_assert_true (g_str_has_prefix (text, "id,name,type,shape,precision,"));
    g_assert_nonnull (strstr (text, ",fq_vs_float_sqnr_db_mean,"));
    g_assert_cmpuint (g_strv_length (g_strsplit (text, "\n", -1)), ==, run->n_rows + 2);
    g_assert_true (qs_window_export_table (graph_window, json, &error));
    g_assert_true (json_parser_load_from_file (parser, json, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "layers")), ==, run->n_rows);

    /* The window is a view of the engine dump runs: the same input gives
     * the same results file, timings aside */
    {
      const char *dumped = dumped_path;
      g_autofree char *out = NULL, *err = NULL, *a = NULL, *b = NULL;
      const char *argv[] = { g_getenv ("QS_CLI"), "dump", sample_path, "--input", "random:0",
                             "--format", "json", "-o", dumped, NULL };
      int wait_status = 0;

      g_assert_nonnull (argv[0]);
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                                   &wait_status, &error));
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (wait_status, NULL))
        g_error ("dump failed: %s", err);
      a = results_without_seconds (json);
      b = results_without_seconds (dumped);
      g_assert_cmpstr (a, ==, b);
    }

    /* ...and the table's CSV has dump's columns, every one, in its order
     * (one function in core writes both) */
    {
      g_autofree char *err = NULL;
      g_autofree char *dumped_csv = NULL;
      const char *argv[] = { g_getenv ("QS_CLI"), "dump", sample_path, "--input", "random:0", "--format", "csv", NULL };
      const char *mine_end = strchr (text, '\n');
      const char *theirs_end;
      int wait_status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &dumped_csv, &err,
                                   &wait_status, &error));
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (wait_status, NULL))
        g_error ("dump failed: %s", err);
      theirs_end = strchr (dumped_csv, '\n');
      g_assert_nonnull (mine_end);
      g_assert_nonnull (theirs_end);
      g_assert_cmpint (mine_end - text, ==, theirs_end - dumped_csv);
      g_assert_cmpint (strncmp (text, dumped_csv, mine_end - text), ==, 0);
      {
        guint commas = 0;
        const char *c;

        for (c = text; c < mine_end; c++)
          commas += *c == ',';
        g_test_message ("the table's CSV header equals dump's: %u columns", commas + 1);
      }
    }

    /* ...and the results file opens again, with the same table */
    {
      guint shown = n_table_rows (run);

      qs_window_open_results (graph_window, json, &error);
      g_assert_no_error (error);
      run = qs_window_get_run (graph_window);
      g_assert_cmpuint (n_table_rows (run), ==, shown);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (table))), ==, shown);
    }

    /* a new window given the model and its results file (qscope MODEL.xml
     * --results RUN.json) shows them without running */
    {
      QsWindow *reopened = new_window ();
      g_autoptr(GFile) model_file = g_file_new_for_path (sample_path);
      QsAnalysisResult *shown;

      qs_window_open_with_results (reopened, model_file, dumped_path);
      wait_for_load (reopened);
      g_assert_null (find_dialog (reopened));
      g_assert_false (qs_window_get_running (reopened));
      shown = qs_window_get_run (reopened);
      g_assert_nonnull (shown);
      g_assert_cmpuint (n_table_rows (shown), ==, n_table_rows (run));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (reopened), "win.go-to-worst", NULL));
      qs_screenshot_wait_for_frames (GTK_WIDGET (reopened), 3);
      qs_screenshot_assert (GTK_WIDGET (reopened), "window-results");
      gtk_window_destroy (GTK_WINDOW (reopened));
    }

    g_assert_true (qs_window_export_image (graph_window, png, &error));
    g_assert_no_error (error);
    texture = gdk_texture_new_from_filename (png, &error);
    g_assert_no_error (error);
    g_assert_cmpint (gdk_texture_get_width (texture), >, 500);
    g_assert_true (qs_window_export_image (graph_window, svg, &error));
    g_clear_pointer (&text, g_free);
    g_assert_true (g_file_get_contents (svg, &text, NULL, &error));
    g_assert_nonnull (strstr (text, "<svg"));
  }

  gtk_window_destroy (GTK_WINDOW (graph_window));
  graph_window = NULL;
}

/* The legend is a popover of the graph controls; its size follows the
 * heat map (the colour bar adds rows). */
static GtkMenuButton *
find_legend_button (GtkWidget *root)
{
  GtkWidget *child;

  if (GTK_IS_MENU_BUTTON (root) && gtk_menu_button_get_popover (GTK_MENU_BUTTON (root)) != NULL &&
      GTK_IS_DRAWING_AREA (gtk_popover_get_child (gtk_menu_button_get_popover (GTK_MENU_BUTTON (root)))))
    return GTK_MENU_BUTTON (root);
  for (child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_legend_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static int
legend_height (QsWindow   *window,
               const char *golden)
{
  GtkMenuButton *button = find_legend_button (GTK_WIDGET (window));
  GtkWidget *area;
  int height;

  g_assert_nonnull (button);
  gtk_menu_button_popup (button);
  qs_screenshot_wait_for_frames (GTK_WIDGET (window), 3);
  area = gtk_popover_get_child (gtk_menu_button_get_popover (button));
  g_assert_true (GTK_IS_DRAWING_AREA (area));
  g_assert_true (gtk_widget_get_mapped (area));
  g_assert_cmpint (gtk_widget_get_width (area), >, 100);
  height = gtk_widget_get_height (area);
  if (golden != NULL)
    qs_screenshot_assert (GTK_WIDGET (gtk_menu_button_get_popover (button)), golden);
  gtk_menu_button_popdown (button);
  qs_screenshot_wait_for_frames (GTK_WIDGET (window), 2);
  return height;
}

/* A .npy file of float32 values in C order, written by hand: the magic,
 * version 1.0, a header padded to 64 bytes, the data (little endian). */
static void
write_npy (const char  *path,
           const guint *shape,
           guint        n_dims)
{
  g_autoptr(GString) header = g_string_new ("{'descr': '<f4', 'fortran_order': False, 'shape': (");
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint16 header_len;
  gsize i, n = 1;

  g_assert_cmpint (G_BYTE_ORDER, ==, G_LITTLE_ENDIAN);
  for (i = 0; i < n_dims; i++)
    {
      g_string_append_printf (header, "%u, ", shape[i]);
      n *= shape[i];
    }
  g_string_append (header, "), }");
  while ((10 + header->len + 1) % 64 != 0)
    g_string_append_c (header, ' ');
  g_string_append_c (header, '\n');
  header_len = header->len;
  g_byte_array_append (bytes, (const guint8 *) "\x93NUMPY\x01\x00", 8);
  g_byte_array_append (bytes, (const guint8 *) &header_len, 2);
  g_byte_array_append (bytes, (const guint8 *) header->str, header->len);
  for (i = 0; i < n; i++)
    {
      /* a smooth pattern in the pixel range the model was trained on */
      float v = 128.0f + 100.0f * sinf ((float) i * 0.001f);

      g_byte_array_append (bytes, (const guint8 *) &v, sizeof v);
    }
  g_assert_true (g_file_set_contents (path, (const char *) bytes->data, bytes->len, &error));
  g_assert_no_error (error);
}

/* A photo and a .npy file through the run panel, as a person picks them:
 * the panel's input kind follows the file, the run takes the panel's
 * photo options, and the table and heat map come up. */
static void
run_panel_input (QsWindow   *window,
                 const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *basename = g_path_get_basename (path);
  QsAnalysisResult *run;

  qs_window_set_run_input (window, file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  g_assert_true (qs_window_get_running (window));
  iterate_until (run_idle, window, RUN_TIMEOUT_MS);
  if (find_dialog (window) != NULL)
    g_error ("%s: %s", basename, adw_message_dialog_get_body (find_dialog (window)));

  run = qs_window_get_run (window);
  g_assert_nonnull (run);
  g_assert_cmpuint (run->n_sample_records, ==, 1);
  g_assert_cmpstr (run->samples[0].name, ==, basename);
  g_assert_null (run->int8_error);
  g_assert_cmpuint (n_table_rows (run), >, 100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (qs_window_get_layer_view (window)))),
                    ==, n_table_rows (run));
  /* the input reached the layers: most have a finite SQNR */
  {
    guint i, finite = 0;

    for (i = 0; i < run->n_rows; i++)
      finite += !run->rows[i].constant && isfinite (run->rows[i].figures[QS_FIGURE_SQNR].mean);
    g_assert_cmpuint (finite, >, n_table_rows (run) / 2);
  }
}

static void
test_run_inputs (void)
{
  QsWindow *window = new_window ();
  g_autoptr(GFile) sample = g_file_new_for_path (sample_path);
  g_autofree char *png = g_build_filename (home, "street.png", NULL);
  g_autofree char *npy = g_build_filename (home, "input.npy", NULL);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  const QsNode *input;
  guint shape[8], n_dims, i;
  int x, y, height;

  qs_window_open (window, sample);
  wait_for_load (window);
  show_graph_page (window);
  height = legend_height (window, "window-legend");
  g_assert_cmpint (height, >, 100);

  /* a tiny photo: the run resizes it to the model's input */
  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 24, 16);
  for (y = 0; y < 16; y++)
    for (x = 0; x < 24; x++)
      {
        guint8 *p = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) + x * 3;

        p[0] = x * 10;
        p[1] = y * 15;
        p[2] = (x + y) % 2 ? 200 : 40;
      }
  g_assert_true (gdk_pixbuf_save (pixbuf, png, "png", &error, NULL));
  g_assert_no_error (error);
  run_panel_input (window, png);
  g_assert_cmpint (legend_height (window, NULL), >, height);

  /* a .npy file of the model's input shape */
  g_assert_cmpuint (qs_window_get_model (window)->graph->n_parameters, ==, 1);
  input = qs_window_get_model (window)->graph->parameters[0];
  g_assert_cmpint (input->outputs[0].shape.rank, >, 0);
  n_dims = input->outputs[0].shape.rank;
  g_assert_cmpuint (n_dims, <=, G_N_ELEMENTS (shape));
  for (i = 0; i < n_dims; i++)
    shape[i] = input->outputs[0].shape.dims[i];
  write_npy (npy, shape, n_dims);
  run_panel_input (window, npy);

  /* a folder of two photos is a data set: the table shows the mean over
   * the samples, or the worst sample's value, and says which */
  {
    g_autofree char *folder = g_build_filename (home, "photos", NULL);
    g_autofree char *second = g_build_filename (folder, "b.png", NULL);
    g_autofree char *first = g_build_filename (folder, "a.png", NULL);
    g_autoptr(GFile) dir = g_file_new_for_path (folder);
    QsAnalysisResult *run;
    GtkColumnView *table = qs_window_get_layer_view (window);
    guint n, checked = 0;

    g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
    g_assert_true (gdk_pixbuf_save (pixbuf, first, "png", &error, NULL));
    gdk_pixbuf_fill (pixbuf, 0x806040ff);
    g_assert_true (gdk_pixbuf_save (pixbuf, second, "png", &error, NULL));
    g_assert_no_error (error);

    qs_window_set_run_input (window, dir);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
    iterate_until (run_idle, window, RUN_TIMEOUT_MS);
    if (find_dialog (window) != NULL)
      g_error ("folder: %s", adw_message_dialog_get_body (find_dialog (window)));
    run = qs_window_get_run (window);
    g_assert_cmpuint (run->n_samples, ==, 2);
    g_assert_cmpstr (run->samples[0].name, ==, "a.png");

    n = g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (table)));
    g_assert_cmpuint (n, ==, n_table_rows (run));
    qs_window_set_aggregate (window, QS_AGGREGATE_WORST);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (table))), ==, n);
    for (i = 0; i < n; i++)
      {
        const QsAnalysisRow *row = qs_window_get_table_row (window, i);
        const QsFigureValue *v = &row->figures[QS_FIGURE_SQNR];

        if (!v->has || v->n_infinite > 0)
          continue;
        /* the worst of two is the smaller, and the mean lies between them */
        g_assert_cmpfloat (qs_figure_value_get (v, QS_AGGREGATE_WORST, TRUE), ==, MIN (v->min, v->max));
        g_assert_cmpfloat (v->mean, >=, v->min - 1e-9);
        g_assert_cmpfloat (v->mean, <=, v->max + 1e-9);
        checked++;
      }
    g_assert_cmpuint (checked, >, n / 2);
    qs_window_set_aggregate (window, QS_AGGREGATE_MEAN);

    /* the chart beside the table: each sample's output SQNR, as the run has it */
    {
      QsSamplesView *chart = qs_window_get_samples_view (window);
      guint k;

      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (chart)));
      for (k = 0; k < 2; k++)
        {
          g_autofree char *text = qs_samples_view_describe (chart, k);
          g_autofree char *want_name = g_strdup_printf ("Sample %u: %s", k + 1, k == 0 ? "a.png" : "b.png");
          g_autofree char *want_fq = g_strdup_printf ("fake-quant: %.4g",
                                                      qs_analysis_sample_figure (run, k, -1, QS_COMPARE_FQ_FLOAT, QS_FIGURE_SQNR));
          g_autofree char *want_int8 = g_strdup_printf ("int8: %.4g",
                                                        qs_analysis_sample_figure (run, k, -1, QS_COMPARE_INT8_FLOAT, QS_FIGURE_SQNR));

          g_assert_nonnull (text);
          g_assert_true (g_str_has_prefix (text, want_name));
          g_assert_nonnull (strstr (text, want_fq));
          g_assert_nonnull (strstr (text, want_int8));
        }
      g_assert_null (qs_samples_view_describe (chart, 2));
    }

    /* the Summary page's findings, from the run: the worst sample first,
     * its link marks it in the chart; the layer that loses most first,
     * its link selects it in the graph */
    {
      GtkWidget *summary = find_widget (GTK_WIDGET (window), QS_TYPE_SUMMARY_PAGE);
      g_autofree int *worst = qs_analysis_result_rank_samples (run, QS_COMPARE_FQ_FLOAT, 5);
      g_autofree int *lost = qs_analysis_result_rank_lost (run, 5);
      GtkWidget *link;

      g_assert_nonnull (summary);
      g_assert_true (find_named (summary, "findings-samples") != NULL);
      g_assert_true (find_named (summary, "findings-lost") != NULL);
      g_assert_cmpint (worst[0], >=, 0);
      link = find_button (find_named (summary, "findings-samples"), "Show this sample in the run’s chart");
      g_assert_nonnull (link);
      g_signal_emit_by_name (link, "clicked");
      g_assert_cmpint (qs_samples_view_get_selected (qs_window_get_samples_view (window)), ==, worst[0]);
      g_assert_cmpint (lost[0], >=, 0);
      link = find_button (find_named (summary, "findings-lost"), "Select this layer in the graph");
      g_assert_nonnull (link);
      g_signal_emit_by_name (link, "clicked");
      qs_screenshot_wait_for_frames (GTK_WIDGET (window), 2);
      g_assert_true (qs_graph_view_get_selected_node (qs_window_get_graph_view (window)) == run->rows[lost[0]].node);
    }

    /* the worst layer's figures over the data set in the inspector */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-to-worst", NULL));
    g_assert_nonnull (qs_inspector_get_node (qs_window_get_inspector (window)));
    qs_screenshot_wait_for_frames (GTK_WIDGET (window), 3);
    qs_screenshot_assert (GTK_WIDGET (window), "window-dataset");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every output of a multi-output layer has its row in the run table (a
 * VariadicSplit into 1 and 3 channels, and a TopK's values and indices),
 * and selecting the layer selects the row of its first output. */
static void
test_multi_output (void)
{
  g_autofree char *dir = g_build_filename (g_get_home_dir (), "models", "split", NULL);
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("split");
  g_autoptr(QsModel) model = NULL;
  g_autoptr(GFile) file = NULL;
  gint64 xd[4] = { 1, 4, 8, 8 }, ad[4] = { 1, 1, 8, 8 }, bd[4] = { 1, 3, 8, 8 }, kd[4] = { 1, 2, 8, 8 };
  gint64 axis = 1, lengths[2] = { 1, 3 }, k = 2, two = 2;
  QsNode *x, *split, *topk;
  QsWindow *window;
  GtkColumnView *table;
  QsAnalysisResult *run;
  const char *want[] = { "split:0", "split:1", "topk:0", "topk:1" };
  guint i, j, n;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  x = qs_test_parameter (b, "x", 4, xd);
  split = qs_graph_builder_add_node (b, "VariadicSplit", "opset1", "split", 3, 2);
  qs_graph_builder_set_port (b, &split->inputs[0], QS_ELEMENT_F32, 4, xd);
  qs_graph_builder_set_port (b, &split->inputs[1], QS_ELEMENT_I64, 0, NULL);
  qs_graph_builder_set_port (b, &split->inputs[2], QS_ELEMENT_I64, 1, &two);
  qs_graph_builder_set_port (b, &split->outputs[0], QS_ELEMENT_F32, 4, ad);
  qs_graph_builder_set_port (b, &split->outputs[1], QS_ELEMENT_F32, 4, bd);
  qs_test_wire (b, x, 0, split, 0);
  qs_test_wire (b, qs_graph_builder_add_const (b, "axis", QS_ELEMENT_I64, 0, NULL, &axis, sizeof axis), 0, split, 1);
  qs_test_wire (b, qs_graph_builder_add_const (b, "lengths", QS_ELEMENT_I64, 1, &two, lengths, sizeof lengths),
                0, split, 2);
  topk = qs_graph_builder_add_node (b, "TopK", "opset3", "topk", 2, 2);
  qs_graph_builder_set_attr (b, topk, "axis", "1");
  qs_graph_builder_set_attr (b, topk, "mode", "max");
  qs_graph_builder_set_attr (b, topk, "sort", "value");
  qs_graph_builder_set_attr (b, topk, "index_element_type", "i32");
  qs_graph_builder_set_port (b, &topk->inputs[0], QS_ELEMENT_F32, 4, bd);
  qs_graph_builder_set_port (b, &topk->inputs[1], QS_ELEMENT_I64, 0, NULL);
  qs_graph_builder_set_port (b, &topk->outputs[0], QS_ELEMENT_F32, 4, kd);
  qs_graph_builder_set_port (b, &topk->outputs[1], QS_ELEMENT_I32, 4, kd);
  qs_test_wire (b, split, 1, topk, 0);
  qs_test_wire (b, qs_graph_builder_add_const (b, "k", QS_ELEMENT_I64, 0, NULL, &k, sizeof k), 0, topk, 1);
  qs_test_result (b, "a", split, 0, 4, ad);
  qs_test_result (b, "values", topk, 0, 4, kd);
  {
    QsNode *res = qs_graph_builder_add_node (b, "Result", "opset1", "indices", 1, 0);

    qs_graph_builder_set_port (b, &res->inputs[0], QS_ELEMENT_I32, 4, kd);
    qs_test_wire (b, topk, 1, res, 0);
  }
  model = qs_test_finish (b, dir, "split.xml");
  file = g_file_new_build_filename (dir, "split.xml", NULL);

  window = new_window ();
  qs_window_open (window, file);
  wait_for_load (window);
  qs_window_run (window, "random:0");
  iterate_until (run_idle, window, RUN_TIMEOUT_MS);
  if (find_dialog (window) != NULL)
    g_error ("run: %s", adw_message_dialog_get_body (find_dialog (window)));
  run = qs_window_get_run (window);
  g_assert_nonnull (run);
  table = qs_window_get_layer_view (window);
  n = g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (table)));
  for (j = 0; j < G_N_ELEMENTS (want); j++)
    {
      gboolean found = FALSE;

      for (i = 0; i < n && !found; i++)
        found = g_strcmp0 (qs_window_get_table_row (window, i)->name, want[j]) == 0;
      if (!found)
        g_error ("no row %s in the run table", want[j]);
    }
  show_graph_page (window);
  qs_graph_view_select_node (qs_window_get_graph_view (window),
                             qs_graph_find_node_by_name (qs_window_get_model (window)->graph, "topk"), TRUE);
  qs_screenshot_wait_for_frames (GTK_WIDGET (window), 2);
  {
    guint position = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model (table)));

    g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
    g_assert_cmpstr (qs_window_get_table_row (window, position)->name, ==, "topk:0");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A model with two inputs: the panel keeps one choice per input, and the run
 * feeds each its own (the fuzzers' model: a 4-D "data", a [1,2] "aux") */
static void
test_run_several_inputs (void)
{
  QsWindow *window = new_window ();
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fuzz", "model", NULL);
  g_autofree char *xml = g_build_filename (dir, "fuzz.xml", NULL);
  g_autofree char *photo_path = g_build_filename (dir, "photo.png", NULL);
  g_autofree char *aux_path = g_build_filename (dir, "aux.npy", NULL);
  g_autoptr(GFile) model = g_file_new_for_path (xml);
  g_autoptr(GFile) photo = g_file_new_for_path (photo_path);
  g_autoptr(GFile) aux = g_file_new_for_path (aux_path);
  QsAnalysisResult *run;

  qs_window_open (window, model);
  wait_for_load (window);
  g_assert_false (qs_window_set_run_input_name (window, "no such input"));

  /* the panel starts on "data", the 4-D input: a photo; then "aux": a .npy */
  qs_window_set_run_input (window, photo);
  g_assert_true (qs_window_set_run_input_name (window, "aux"));
  qs_window_set_run_input (window, aux);
  /* back and forth keeps both */
  g_assert_true (qs_window_set_run_input_name (window, "data"));
  g_assert_true (qs_window_set_run_input_name (window, "aux"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  iterate_until (run_idle, window, RUN_TIMEOUT_MS);
  if (find_dialog (window) != NULL)
    g_error ("two inputs: %s", adw_message_dialog_get_body (find_dialog (window)));
  run = qs_window_get_run (window);
  g_assert_nonnull (run);
  g_assert_cmpuint (run->n_sample_records, ==, 1);
  g_test_message ("sample: %s", run->samples[0].name);
  g_assert_nonnull (strstr (run->samples[0].name, "data=photo.png"));
  g_assert_nonnull (strstr (run->samples[0].name, "aux=aux.npy"));
  show_graph_page (window);
  qs_screenshot_wait_for_frames (GTK_WIDGET (window), 3);
  qs_screenshot_assert (GTK_WIDGET (window), "window-several-inputs");

  /* the inspector lists every output of the split, not output 0 alone */
  {
    const QsNode *split = qs_graph_find_node_by_name (qs_window_get_model (window)->graph, "split");
    GtkWidget *inspector = GTK_WIDGET (qs_window_get_inspector (window));

    g_assert_nonnull (split);
    g_assert_cmpuint (split->n_outputs, ==, 2);
    qs_graph_view_select_node (qs_window_get_graph_view (window), split, TRUE);
    qs_screenshot_wait_for_frames (GTK_WIDGET (window), 3);
    g_assert_true (qs_inspector_get_node (QS_INSPECTOR (inspector)) == split);
    /* once among the ports, once among the run's figures */
    g_assert_cmpuint (count_text (inspector, "Output 0"), ==, 2);
    g_assert_cmpuint (count_text (inspector, "Output 1"), ==, 2);
    g_assert_false (shows_text (inspector, "Output"));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Errors of a run: a bad input file, an op qscope cannot run */
static void
test_run_errors (void)
{
  QsWindow *window = new_window ();
  g_autofree char *unsupported = g_build_filename (home, "unsupported.xml", NULL);
  g_autoptr(GFile) sample = g_file_new_for_path (sample_path);
  g_autoptr(GFile) file = g_file_new_for_path (unsupported);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  const char *text =
    "<?xml version=\"1.0\"?>\n"
    "<net name=\"odd\" version=\"11\">\n"
    "  <layers>\n"
    "    <layer id=\"0\" name=\"input\" type=\"Parameter\" version=\"opset1\">\n"
    "      <data shape=\"1,4\" element_type=\"f32\"/>\n"
    "      <output><port id=\"0\" precision=\"FP32\"><dim>1</dim><dim>4</dim></port></output>\n"
    "    </layer>\n"
    "    <layer id=\"1\" name=\"mystery\" type=\"Frobnicate\" version=\"opset1\">\n"
    "      <input><port id=\"0\" precision=\"FP32\"><dim>1</dim><dim>4</dim></port></input>\n"
    "      <output><port id=\"1\" precision=\"FP32\"><dim>1</dim><dim>4</dim></port></output>\n"
    "    </layer>\n"
    "    <layer id=\"2\" name=\"output\" type=\"Result\" version=\"opset1\">\n"
    "      <input><port id=\"0\" precision=\"FP32\"><dim>1</dim><dim>4</dim></port></input>\n"
    "    </layer>\n"
    "  </layers>\n"
    "  <edges>\n"
    "    <edge from-layer=\"0\" from-port=\"0\" to-layer=\"1\" to-port=\"0\"/>\n"
    "    <edge from-layer=\"1\" from-port=\"1\" to-layer=\"2\" to-port=\"0\"/>\n"
    "  </edges>\n"
    "</net>\n";

  /* a missing input file names the file */
  qs_window_open (window, sample);
  wait_for_load (window);
  qs_window_run (window, "/nonexistent/input.npy");
  iterate_until (run_idle, window, RUN_TIMEOUT_MS);
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_test_message ("dialog: %s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "input.npy"));
  close_dialog (dialog);
  g_assert_null (qs_window_get_run (window));

  /* an op qscope cannot run names the layer */
  g_assert_true (g_file_set_contents (unsupported, text, -1, &error));
  qs_window_open (window, file);
  wait_for_load (window);
  g_assert_cmpstr (qs_window_get_state (window), ==, "model");
  g_assert_null (find_dialog (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  iterate_until (run_idle, window, RUN_TIMEOUT_MS);
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_test_message ("dialog: %s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "mystery"));
  close_dialog (dialog);

  /* the sample model's results file (test_run wrote it) is refused here, in one line */
  {
    g_autofree char *results = g_build_filename (home, "dump.json", NULL);

    g_assert_true (g_file_test (results, G_FILE_TEST_IS_REGULAR));
    g_assert_false (qs_window_open_results (window, results, &error));
    g_assert_error (error, QS_ANALYSIS_ERROR, QS_ANALYSIS_ERROR_MODEL);
    g_test_message ("refused: %s", error->message);
    g_assert_null (strchr (error->message, '\n'));
    g_assert_null (qs_window_get_run (window));
    g_clear_error (&error);
  }

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

  home = qs_test_make_dir ("qscope-test-window");
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

/* A sensitivity ranking opened on its model (qscope MODEL.xml --results
 * RANK.json): the list below the graph, the most costly group first, the
 * graph coloured by it; a row selects its group's first FakeQuantize; a
 * ranking of another model is refused. */
static void
test_sensitivity (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("window");
  g_autoptr(QsModel) model = qs_test_chain_model (dir, TRUE);
  g_autoptr(QsModel) other = qs_test_chain_model (dir, FALSE);
  g_autoptr(QsDataset) ds = qs_test_dataset (model, "random:2:3");
  g_autoptr(QsSensitivityResult) rank = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL, *rank_path = g_build_filename (dir, "rank.json", NULL);
  g_autofree char *xml = g_build_filename (dir, "chain3.xml", NULL), *other_xml = g_build_filename (dir, "chain.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (xml);
  g_autoptr(GFile) other_file = g_file_new_for_path (other_xml);
  QsWindow *window, *wrong;
  GtkListBox *list;
  GtkListBoxRow *row;
  const QsNode *selected;
  guint n = 0;

  rank = qs_sensitivity_run (model, ds, NULL, NULL, &error);
  g_assert_no_error (error);
  json = qs_sensitivity_result_to_json (rank);
  g_assert_true (g_file_set_contents (rank_path, json, -1, &error));

  window = new_window ();
  qs_window_open_with_results (window, file, rank_path);
  wait_for_load (window);
  g_assert_null (find_dialog (window));
  list = qs_window_get_ranking_list (window);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (list)));
  for (row = gtk_list_box_get_row_at_index (list, 0); row != NULL; row = gtk_list_box_get_row_at_index (list, n))
    n++;
  g_assert_cmpuint (n, ==, rank->n_groups);
  /* the Summary page lists the most sensitive groups; a link chooses the
   * group's row below the graph */
  {
    GtkWidget *group = find_named (GTK_WIDGET (window), "findings-sensitivity");
    GtkWidget *link;

    g_assert_nonnull (group);
    link = find_button (group, "Show this group in the graph");
    g_assert_nonnull (link);
    g_signal_emit_by_name (link, "clicked");
    g_assert_true (gtk_list_box_get_selected_row (list) == gtk_list_box_get_row_at_index (list, 0));
    gtk_list_box_unselect_all (list);
  }
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 0));
  selected = qs_graph_view_get_selected_node (qs_window_get_graph_view (window));
  g_assert_nonnull (selected);
  g_assert_cmpstr (selected->name, ==, ((const QsNode *) rank->groups[0].fqs->pdata[0])->name);
  qs_screenshot_wait_for_frames (GTK_WIDGET (window), 3);
  qs_screenshot_assert (GTK_WIDGET (window), "window-sensitivity");

  /* keep the top group in float, and export: the model without its
   * FakeQuantize, which LPT names kept in float */
  {
    GtkWidget *check = find_widget (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)), GTK_TYPE_CHECK_BUTTON);
    g_autofree char *mixed = g_build_filename (dir, "mixed.xml", NULL), *summary = NULL;
    g_autoptr(QsModel) reloaded = NULL;

    g_assert_false (qs_window_export_mixed (window, mixed, NULL, &error));
    g_clear_error (&error);
    g_assert_nonnull (check);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    g_assert_false (qs_window_export_mixed (window, xml, NULL, &error));   /* not over the model itself */
    g_clear_error (&error);
    g_assert_true (qs_window_export_mixed (window, mixed, &summary, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (summary, "1 FakeQuantize removed"));
    reloaded = qs_model_load (mixed, QS_LOAD_FLAGS_NONE, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (qs_graph_find_node_by_name (reloaded->graph, ((const QsNode *) rank->groups[0].fqs->pdata[0])->name));
  }
  /* a ranking read from a file is shown, not written out again */
  g_assert_null (qs_window_get_sensitivity (window));

  /* Rank the Quantizers in the window: core's ranking, group for group and
   * figure for figure; the list shows it; Export Results writes the JSON
   * `sensitivity` writes, which opens again */
  qs_window_run_sensitivity (window, "random:2:3");
  iterate_until (run_idle, window, RUN_TIMEOUT_MS);
  if (find_dialog (window) != NULL)
    g_error ("dialog: %s", adw_message_dialog_get_body (find_dialog (window)));
  {
    QsSensitivityResult *shown = qs_window_get_sensitivity (window);
    g_autofree char *out = g_build_filename (dir, "rank-window.json", NULL);
    g_autoptr(QsSensitivityRanking) back = NULL;
    guint g, rows = 0;

    g_assert_nonnull (shown);
    g_assert_cmpuint (shown->n_samples, ==, rank->n_samples);
    g_assert_cmpuint (shown->n_groups, ==, rank->n_groups);
    for (g = 0; g < rank->n_groups; g++)
      {
        g_assert_true (shown->groups[g].fqs->pdata[0] == rank->groups[g].fqs->pdata[0] ||
                       g_strcmp0 (((const QsNode *) shown->groups[g].fqs->pdata[0])->name,
                                  ((const QsNode *) rank->groups[g].fqs->pdata[0])->name) == 0);
        g_assert_true (shown->groups[g].gain_db == rank->groups[g].gain_db);
        g_assert_true (shown->groups[g].alone.combined_db == rank->groups[g].alone.combined_db);
      }
    for (row = gtk_list_box_get_row_at_index (list, 0); row != NULL; row = gtk_list_box_get_row_at_index (list, rows))
      rows++;
    g_assert_cmpuint (rows, ==, rank->n_groups);
    g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (list)));
    g_assert_true (qs_window_export_table (window, out, &error));
    g_assert_no_error (error);
    back = qs_sensitivity_ranking_load (out, qs_window_get_model (window), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (back->n_groups, ==, rank->n_groups);
  }
  gtk_window_destroy (GTK_WINDOW (window));

  wrong = new_window ();
  qs_window_open (wrong, other_file);
  wait_for_load (wrong);
  g_assert_false (qs_window_open_results (wrong, rank_path, &error));
  g_assert_error (error, QS_ANALYSIS_ERROR, QS_ANALYSIS_ERROR_MODEL);
  gtk_window_destroy (GTK_WINDOW (wrong));
}

/* x → Sigmoid → conv (twice, fp32 for one reason), and x → fq_x → conv (int8) */
static QsModel *
mixed_model (const char *dir)
{
  g_autoptr(QsGraphBuilder) b = qs_graph_builder_new ("mixed");
  QsNode *x = qs_test_parameter (b, "x", 4, d3);
  QsNode *fx = qs_test_fake_quantize (b, "fq_x", x, 0.0f, 2.55f, 4, d3);
  QsNode *sa = qs_test_eltwise (b, "Sigmoid", "sig_a", 1, &x, 4, d3);
  QsNode *sb = qs_test_eltwise (b, "Sigmoid", "sig_b", 1, &x, 4, d3);

  qs_test_result (b, "y1", qs_test_conv1x1 (b, "c1", fx, 3, 4, 1), 0, 4, d4);
  qs_test_result (b, "y2", qs_test_conv1x1 (b, "c2", sa, 3, 4, 2), 0, 4, d4);
  qs_test_result (b, "y3", qs_test_conv1x1 (b, "c3", sb, 3, 4, 3), 0, 4, d4);
  return qs_test_finish (b, dir, "mixed.xml");
}

/* The Summary page says first what `lpt` says first: 1 of 3 compute layers
 * in int8, and the two others in fp32 for one reason, whose button shows
 * both in the graph as the find bar's matches; typing replaces them; the
 * find bar matches precisions and reasons too. */
static void
test_findings (void)
{
  /* under the test's home, so that the page shows one path on every machine */
  g_autofree char *dir = g_build_filename (g_get_home_dir (), "models", "mixed", NULL);
  g_autoptr(QsModel) model = (g_mkdir_with_parents (dir, 0700), mixed_model (dir));
  g_autofree char *xml = g_build_filename (dir, "mixed.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (xml);
  QsWindow *window = new_window ();
  GtkWidget *summary, *button = NULL, *child;
  QsGraphView *view;
  guint i;

  qs_window_open (window, file);
  wait_for_load (window);
  summary = find_widget (GTK_WIDGET (window), QS_TYPE_SUMMARY_PAGE);
  g_assert_nonnull (summary);
  g_assert_true (shows_text (summary, "Low Precision"));
  g_assert_true (shows_text (summary, "1 / 3"));
  g_assert_true (shows_text (summary, "2 layers in fp32"));
  /* before a run, the weights' codes: each of the three weight quantizers
   * reaches 12 of its 255 levels */
  g_assert_nonnull (find_named (summary, "findings-levels"));
  g_assert_cmpuint (count_text (find_named (summary, "findings-levels"), "12 of 255"), ==, 3);
  qs_screenshot_wait_for_frames (GTK_WIDGET (window), 3);
  qs_screenshot_assert (GTK_WIDGET (window), "window-findings");
  {
    GtkWidget *link = find_button (find_named (summary, "findings-levels"), "Select this layer in the graph");
    const QsNode *selected;

    g_assert_nonnull (link);
    g_signal_emit_by_name (link, "clicked");
    qs_screenshot_wait_for_frames (GTK_WIDGET (window), 2);
    selected = qs_graph_view_get_selected_node (qs_window_get_graph_view (window));
    g_assert_nonnull (selected);
    /* a weight quantizer is folded into its layer's W badge: the link
     * selects that layer */
    g_assert_cmpstr (selected->name, ==, "c1");
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK)),
                                           "summary");
  }

  /* the group's button */
  {
    GtkWidget *w = summary;
    GQueue queue = G_QUEUE_INIT;

    g_queue_push_tail (&queue, w);
    button = NULL;
    while (button == NULL && (w = g_queue_pop_head (&queue)) != NULL)
      {
        if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_widget_get_tooltip_text (w), "Show these layers in the graph") == 0)
          button = w;
        for (child = gtk_widget_get_first_child (w); child != NULL; child = gtk_widget_get_next_sibling (child))
          g_queue_push_tail (&queue, child);
      }
    g_queue_clear (&queue);
  }
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  view = qs_window_get_graph_view (window);
  for (i = 0; i < 100 && !shows_text (GTK_WIDGET (window), "1 of 2"); i++)
    qs_screenshot_wait_for_frames (GTK_WIDGET (window), 1);
  g_assert_true (shows_text (GTK_WIDGET (window), "1 of 2"));
  g_assert_cmpstr (qs_graph_view_get_selected_node (view)->name, ==, "c2");

  /* the user's words: precisions and reasons match */
  {
    GtkWidget *entry = find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY);

    /* a search entry reports a change after a short delay */
    gtk_editable_set_text (GTK_EDITABLE (entry), "int8 c");
    for (i = 0; i < 100 && !shows_text (GTK_WIDGET (window), "1 of 1"); i++)
      qs_screenshot_wait_for_frames (GTK_WIDGET (window), 1);
    g_assert_true (shows_text (GTK_WIDGET (window), "1 of 1"));
    g_assert_cmpstr (qs_graph_view_get_selected_node (view)->name, ==, "c1");
    /* the convolution whose reason names sig_b (sig_b itself is fp32 too) */
    gtk_editable_set_text (GTK_EDITABLE (entry), "fp32 convolution sig_b");
    for (i = 0; i < 100 && g_strcmp0 (qs_graph_view_get_selected_node (view)->name, "c3") != 0; i++)
      qs_screenshot_wait_for_frames (GTK_WIDGET (window), 1);
    g_assert_true (shows_text (GTK_WIDGET (window), "1 of 1"));
    g_assert_cmpstr (qs_graph_view_get_selected_node (view)->name, ==, "c3");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The findings of a real INT8 model before a run (pedestrian-detection-
 * adas-0002, whose weights pass through u8 → Convert → FakeQuantize): from
 * its weights alone, the per-channel quantizer whose sparsest channel
 * reaches fewest codes comes first, as core ranks it. */
static void
test_findings_shared (void)
{
  const char *shared = g_getenv ("QS_SHARED_MODELS");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) fewest = NULL;
  const QsFqFinding *first;
  g_autofree char *first_used = NULL;
  QsWindow *window;
  GtkWidget *summary, *levels;

  path = shared != NULL ? g_build_filename (shared, "pedestrian-adas0002-int8-v10",
                                            "pedestrian-detection-adas-0002.xml", NULL) : NULL;
  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("$QS_SHARED_MODELS lacks pedestrian-adas0002-int8-v10");
      return;
    }
  /* through a link in the test's home, so that the page shows one path
   * wherever the shared models are */
  {
    g_autofree char *folder = g_path_get_dirname (path);
    g_autofree char *models = g_build_filename (g_get_home_dir (), "models", NULL);
    g_autofree char *link = g_build_filename (models, "pedestrian-adas0002-int8-v10", NULL);

    g_assert_cmpint (g_mkdir_with_parents (models, 0700), ==, 0);
    if (!g_file_test (link, G_FILE_TEST_EXISTS))
      g_assert_cmpint (symlink (folder, link), ==, 0);
    file = g_file_new_build_filename (link, "pedestrian-detection-adas-0002.xml", NULL);
  }
  window = new_window ();
  qs_window_open (window, file);
  wait_for_load (window);
  summary = find_widget (GTK_WIDGET (window), QS_TYPE_SUMMARY_PAGE);
  g_assert_nonnull (summary);
  levels = find_named (summary, "findings-levels");
  g_assert_nonnull (levels);
  g_assert_nonnull (find_named (summary, "findings-clipped"));
  /* no run yet: no figures of one */
  g_assert_null (find_named (summary, "findings-lost"));
  g_assert_null (find_named (summary, "findings-samples"));

  all = qs_fq_findings_from_graph (qs_window_get_model (window)->graph);
  fewest = qs_fq_findings_rank (all, QS_FQ_RANK_FEWEST_LEVELS, 1);
  g_assert_cmpuint (fewest->len, ==, 1);
  first = &g_array_index (fewest, QsFqFinding, 0);
  g_assert_true (first->on_weights);
  g_assert_cmpint (first->sparsest_channel, >=, 0);
  first_used = g_strdup_printf ("%u of %u", first->sparsest_levels, first->levels);
  g_test_message ("fewest levels: %s, channel %d of %u reaches %s", first->node->name, first->sparsest_channel,
                  first->n_channels, first_used);
  g_assert_true (shows_text (levels, first->node->name));
  g_assert_true (shows_text (levels, first_used));
  qs_screenshot_wait_for_frames (GTK_WIDGET (window), 3);
  qs_screenshot_assert (GTK_WIDGET (window), "window-findings-shared");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
compared_or_refused (gpointer data)
{
  return qs_window_get_comparison (QS_WINDOW (data)) != NULL || find_dialog (QS_WINDOW (data)) != NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog (QS_WINDOW (data)) != NULL;
}

static const QsNode *
selected_in (QsGraphView *view)
{
  const QsNode *node = qs_graph_view_get_selected_node (view);

  return node != NULL && node->origin != NULL ? node->origin : node;
}

/* File → Compare With…: the INT8 model on show, its FP32 twin in the pane
 * beside it; a layer chosen in either pane selects its partner in the other
 * and its row; the comparison run is core's, figure for figure; the order
 * of the two models does not matter; a planted bias is where the models
 * part, and the parting button goes there; a malformed file is refused. */
static void
test_compare (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("window");
  g_autoptr(QsModel) int8 = qs_test_twin_model (dir, "twin-int8.xml", TRUE, FALSE, NULL);
  g_autoptr(QsModel) fp32 = qs_test_twin_model (dir, "twin-fp32.xml", FALSE, FALSE, NULL);
  g_autoptr(QsModel) good = qs_test_biased_model (dir, "good.xml", 0.0f);
  g_autoptr(QsModel) bad = qs_test_biased_model (dir, "bad.xml", 3.0f);
  g_autofree char *int8_xml = g_build_filename (dir, "twin-int8.xml", NULL);
  g_autofree char *fp32_xml = g_build_filename (dir, "twin-fp32.xml", NULL);
  g_autofree char *broken_xml = g_build_filename (dir, "broken.xml", NULL);
  g_autoptr(GFile) int8_file = g_file_new_for_path (int8_xml);
  g_autoptr(GFile) fp32_file = g_file_new_for_path (fp32_xml);
  g_autoptr(GFile) broken_file = g_file_new_for_path (broken_xml);
  g_autoptr(QsDataset) da = qs_test_dataset (fp32, "random:2:4");
  g_autoptr(QsDataset) db = qs_test_dataset (int8, "random:2:4");
  g_autoptr(QsCompareResult) expected = NULL;
  g_autoptr(GError) error = NULL;
  QsWindow *window;
  QsCompareResult *shown;
  QsGraphView *own, *other;
  GtkColumnView *pairs;
  guint p;

  expected = qs_compare_run (fp32, int8, da, db, NULL, NULL, &error);
  g_assert_no_error (error);

  window = new_window ();
  qs_window_open (window, int8_file);
  wait_for_load (window);
  qs_window_compare_with (window, fp32_file);
  iterate_until (compared_or_refused, window, LOAD_TIMEOUT_MS);
  g_assert_null (find_dialog (window));
  shown = qs_window_get_comparison (window);
  g_assert_true (shown->test == qs_window_get_model (window));
  g_assert_cmpuint (shown->n_pairs, ==, expected->n_pairs);
  g_assert_false (shown->ran);
  own = qs_window_get_graph_view (window);
  other = qs_window_get_other_view (window);
  pairs = qs_window_get_pair_view (window);
  qs_screenshot_wait_for_frames (GTK_WIDGET (window), 3);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (other)));
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (pairs)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (pairs))), ==, shown->n_pairs);

  /* the selection in step, from either pane and from the table */
  qs_graph_view_select_node (own, qs_graph_find_node_by_name (qs_window_get_model (window)->graph, "conv2"), TRUE);
  g_assert_cmpstr (selected_in (other)->name, ==, "conv2");
  g_assert_true (selected_in (other)->graph != selected_in (own)->graph);
  qs_graph_view_select_node (other, qs_graph_find_node_by_name (shown->reference->graph, "relu"), TRUE);
  g_assert_cmpstr (selected_in (own)->name, ==, "relu");
  {
    GtkSelectionModel *selection = gtk_column_view_get_model (pairs);
    guint i, n = g_list_model_get_n_items (G_LIST_MODEL (selection));

    for (i = 0; i < n && !gtk_selection_model_is_selected (selection, i); i++)
      ;
    g_assert_cmpuint (i, <, n);
    gtk_selection_model_select_item (selection, (i + 1) % n, TRUE);
    g_assert_true (selected_in (own) != NULL);
    g_assert_cmpstr (selected_in (own)->name, ==, selected_in (other)->name);
  }

  /* the run: core's figures, pair for pair */
  qs_window_run_compare (window, "random:2:4");
  iterate_until (run_idle, window, RUN_TIMEOUT_MS);
  if (find_dialog (window) != NULL)
    g_error ("dialog: %s", adw_message_dialog_get_body (find_dialog (window)));
  shown = qs_window_get_comparison (window);
  g_assert_true (shown->ran);
  g_assert_cmpuint (shown->n_samples, ==, expected->n_samples);
  g_assert_cmpuint (shown->n_pairs, ==, expected->n_pairs);
  g_assert_cmpint (shown->first_jump, ==, expected->first_jump);
  for (p = 0; p < shown->n_pairs; p++)
    {
      g_assert_cmpstr (shown->pairs[p].reference->name, ==, expected->pairs[p].reference->name);
      g_test_message ("%s: %.17g %.17g", shown->pairs[p].reference->name, qs_compare_pair_figure (shown, p, QS_COMPARE_FIGURE_SQNR), qs_compare_pair_figure (expected, p, QS_COMPARE_FIGURE_SQNR));
      g_assert_true (qs_compare_pair_figure (shown, p, QS_COMPARE_FIGURE_SQNR) ==
                     qs_compare_pair_figure (expected, p, QS_COMPARE_FIGURE_SQNR) ||
                     (isnan (qs_compare_pair_figure (shown, p, QS_COMPARE_FIGURE_SQNR)) &&
                      isnan (qs_compare_pair_figure (expected, p, QS_COMPARE_FIGURE_SQNR))));
    }
  qs_graph_view_select_node (own, qs_graph_find_node_by_name (qs_window_get_model (window)->graph, "conv2"), TRUE);
  qs_screenshot_wait_for_frames (GTK_WIDGET (window), 3);
  qs_screenshot_assert (GTK_WIDGET (window), "window-compare");
  /* Export Results writes what `compare` writes */
  {
    g_autofree char *out = g_build_filename (dir, "pairs.csv", NULL);
    g_autofree char *text = NULL, *want = qs_compare_result_to_csv (shown);

    g_assert_true (qs_window_export_table (window, out, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (out, &text, NULL, &error));
    g_assert_cmpstr (text, ==, want);
    g_assert_true (g_str_has_prefix (text, "reference_layer,"));
  }

  /* a malformed file: a dialog, and the comparison on show stays */
  g_assert_true (g_file_set_contents (broken_xml, "<net name=\"x\" version=\"11\"><layers>", -1, &error));
  qs_window_compare_with (window, broken_file);
  iterate_until (dialog_shown, window, LOAD_TIMEOUT_MS);
  {
    AdwMessageDialog *dialog = find_dialog (window);

    g_assert_nonnull (dialog);
    g_test_message ("dialog: %s", adw_message_dialog_get_body (dialog));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "broken.xml"));
    close_dialog (dialog);
  }
  g_assert_true (qs_window_get_comparison (window) == shown);
  qs_window_close_comparison (window);
  g_assert_null (qs_window_get_comparison (window));
  g_assert_false (gtk_widget_is_drawable (GTK_WIDGET (other)));
  gtk_window_destroy (GTK_WINDOW (window));

  /* the other order: the FP32 model on show is the reference; asked for
   * while the model still loads, as `qscope FP32.xml --compare INT8.xml` does */
  window = new_window ();
  qs_window_open (window, fp32_file);
  qs_window_compare_once_loaded (window, int8_file);
  g_assert_true (qs_window_get_busy (window));
  wait_for_load (window);
  iterate_until (compared_or_refused, window, LOAD_TIMEOUT_MS);
  g_assert_null (find_dialog (window));
  shown = qs_window_get_comparison (window);
  g_assert_true (shown->reference == qs_window_get_model (window));
  g_assert_cmpuint (shown->n_pairs, ==, expected->n_pairs);
  gtk_window_destroy (GTK_WINDOW (window));

  /* a planted bias, the test model in float mode: the models part at the
   * Add, and the button goes there */
  {
    g_autofree char *good_xml = g_build_filename (dir, "good.xml", NULL);
    g_autofree char *bad_xml = g_build_filename (dir, "bad.xml", NULL);
    g_autoptr(GFile) good_file = g_file_new_for_path (good_xml);
    g_autoptr(GFile) bad_file = g_file_new_for_path (bad_xml);

    window = new_window ();
    qs_window_open (window, bad_file);
    wait_for_load (window);
    qs_window_compare_with (window, good_file);
    iterate_until (compared_or_refused, window, LOAD_TIMEOUT_MS);
    qs_window_set_compare_mode (window, QS_EXEC_MODE_FLOAT);
    qs_window_run_compare (window, "random:2:4");
    iterate_until (run_idle, window, RUN_TIMEOUT_MS);
    shown = qs_window_get_comparison (window);
    g_assert_true (shown->ran);
    g_assert_cmpint (shown->test_mode, ==, QS_EXEC_MODE_FLOAT);
    g_assert_cmpint (shown->first_jump, >=, 0);
    g_assert_cmpstr (shown->pairs[shown->first_jump].reference->name, ==, "add");
    qs_graph_view_select_node (qs_window_get_graph_view (window), NULL, FALSE);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-to-parting", NULL));
    g_assert_cmpstr (selected_in (qs_window_get_graph_view (window))->name, ==, "add");
    g_assert_cmpstr (selected_in (qs_window_get_other_view (window))->name, ==, "add");
    /* the test model on integer kernels */
    qs_window_set_compare_mode (window, QS_EXEC_MODE_INT8);
    qs_window_run_compare (window, "random:2:4");
    iterate_until (run_idle, window, RUN_TIMEOUT_MS);
    g_assert_null (find_dialog (window));
    shown = qs_window_get_comparison (window);
    g_assert_true (shown->ran);
    g_assert_cmpint (shown->test_mode, ==, QS_EXEC_MODE_INT8);
    g_assert_cmpuint (shown->n_samples, ==, 2);
    gtk_window_destroy (GTK_WINDOW (window));
  }
}

/* The graph export is the core's, as qscope-cli render's: the window's SVG
 * of a model is the CLI's, byte for byte; every box is in it by name; the
 * visible area is a smaller image than the whole graph. */
static void
test_export_image (void)
{
  g_autoptr(TestDir) dir = qs_test_make_dir ("window");
  g_autofree char *model = g_test_build_filename (G_TEST_DIST, "models", "handwritten.xml", NULL);
  g_autofree char *window_svg = g_build_filename (dir, "window.svg", NULL);
  g_autofree char *cli_svg = g_build_filename (dir, "cli.svg", NULL);
  g_autofree char *whole_png = g_build_filename (dir, "whole.png", NULL);
  g_autofree char *part_png = g_build_filename (dir, "part.png", NULL);
  g_autofree char *a = NULL, *b = NULL, *out = NULL, *err = NULL, *written = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (model);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("QS_CLI"), "render", model, "--legend", "-o", cli_svg, NULL };
  g_autoptr(GdkTexture) whole = NULL, part = NULL;
  QsPaintScene *scene;
  QsWindow *window;
  gsize la, lb;
  guint i;
  int wait_status = 0;

  window = new_window ();
  qs_window_open (window, file);
  wait_for_load (window);
  show_graph_page (window);
  scene = qs_graph_view_get_scene (qs_window_get_graph_view (window));
  g_assert_nonnull (scene);

  g_assert_true (qs_window_export_image (window, window_svg, &error));
  g_assert_no_error (error);
  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &wait_status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, NULL))
    g_error ("render failed: %s", err);
  g_assert_true (g_file_get_contents (window_svg, &a, &la, &error));
  g_assert_true (g_file_get_contents (cli_svg, &b, &lb, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (la, ==, lb);
  g_assert_true (memcmp (a, b, la) == 0);
  for (i = 0; i < qs_paint_scene_get_n_boxes (scene); i++)
    {
      g_autofree char *name = g_markup_escape_text (qs_paint_scene_get_node (scene, i)->name, -1);
      g_autofree char *title = g_strdup_printf ("<title>%s</title>", name);

      g_assert_nonnull (strstr (a, title));
    }

  /* zoomed in, the visible area is a part of the graph; a small graph
   * asked for in tiles is one PNG */
  qs_graph_view_set_zoom (qs_window_get_graph_view (window), 4.0);
  qs_screenshot_wait_for_frames (GTK_WIDGET (window), 3);
  g_assert_true (qs_window_export_image_full (window, whole_png, QS_WINDOW_EXPORT_TILES, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, whole_png);
  g_assert_true (qs_window_export_image_full (window, part_png, QS_WINDOW_EXPORT_VISIBLE, NULL, &error));
  g_assert_no_error (error);
  whole = gdk_texture_new_from_filename (whole_png, &error);
  g_assert_no_error (error);
  part = gdk_texture_new_from_filename (part_png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (part) * gdk_texture_get_height (part), <,
                   gdk_texture_get_width (whole) * gdk_texture_get_height (whole));
  gtk_window_destroy (GTK_WINDOW (window));
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
      qs_test_remove_tree (home);
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
  g_test_add_func ("/qscope/window/graph", test_graph);
  g_test_add_func ("/qscope/window/sidebar", test_sidebar);
  g_test_add_func ("/qscope/window/overview-cache", test_overview_cache);
  g_test_add_func ("/qscope/window/search-fake-quantize", test_search_fake_quantize);
  g_test_add_func ("/qscope/window/weight-histogram", test_weight_histogram);
  g_test_add_func ("/qscope/window/transformed", test_transformed);
  g_test_add_func ("/qscope/window/run", test_run);
  g_test_add_func ("/qscope/window/run-errors", test_run_errors);
  g_test_add_func ("/qscope/window/run-inputs", test_run_inputs);
  g_test_add_func ("/qscope/window/run-several-inputs", test_run_several_inputs);
  g_test_add_func ("/qscope/window/multi-output", test_multi_output);
  g_test_add_func ("/qscope/window/sensitivity", test_sensitivity);
  g_test_add_func ("/qscope/window/compare", test_compare);
  g_test_add_func ("/qscope/window/findings", test_findings);
  g_test_add_func ("/qscope/window/findings-shared", test_findings_shared);
  g_test_add_func ("/qscope/window/export-image", test_export_image);
  g_test_add_func ("/qscope/window/groups", test_groups);
  g_test_add_func ("/qscope/window/overlays", test_overlays);

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
  qs_test_remove_tree (home);
  g_free (home);
  g_free (sample_path);
  return test_status;
}
