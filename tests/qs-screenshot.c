/* qs-screenshot.c — screenshot regression tests for widgets
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "qs-screenshot.h"

#define FRAME_TIMEOUT_MS 10000

/**
 * qs_screenshot_setup:
 *
 * Pins the GtkSettings that change pixels: no animations, one font, one
 * way of antialiasing it, 96 dpi.  Call after gtk_init().
 */
void
qs_screenshot_setup (void)
{
  g_object_set (gtk_settings_get_default (),
                "gtk-enable-animations", FALSE,
                "gtk-font-name", "DejaVu Sans 10",
                "gtk-xft-antialias", 1,
                "gtk-xft-hinting", 1,
                "gtk-xft-hintstyle", "hintslight",
                "gtk-xft-rgba", "none",
                "gtk-xft-dpi", 96 * 1024,
                "gtk-cursor-blink", FALSE,
                NULL);
}

typedef struct
{
  guint    remaining;
  gboolean timed_out;
} FrameWait;

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  FrameWait *wait = user_data;

  if (wait->remaining > 0)
    wait->remaining--;
  return wait->remaining > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
frame_timeout (gpointer user_data)
{
  FrameWait *wait = user_data;

  wait->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
mark_painted (gboolean *painted)
{
  *painted = TRUE;
}

/**
 * qs_screenshot_wait_for_frames:
 *
 * Iterates the main context until @widget's frame clock has ticked
 * @n_frames times, so that a resize, a new page or new rows have been laid
 * out and painted.  Fails the test if that takes longer than ten seconds.
 */
void
qs_screenshot_wait_for_frames (GtkWidget *widget,
                               guint      n_frames)
{
  FrameWait wait = { n_frames, FALSE };
  guint timeout_id;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (n_frames == 0)
    return;

  gtk_widget_add_tick_callback (widget, count_frame, &wait, NULL);
  gtk_widget_queue_draw (widget);
  timeout_id = g_timeout_add (FRAME_TIMEOUT_MS, frame_timeout, &wait);
  while (wait.remaining > 0 && !wait.timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!wait.timed_out)
    g_source_remove (timeout_id);
  /* The tick runs before that frame's layout and paint: wait for the
   * paint too, or the widget paintable finds the render node invalidated. */
  if (!wait.timed_out)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
      gboolean painted = FALSE;
      gulong id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (mark_painted), &painted);
      gint64 end = g_get_monotonic_time () + 250000;

      /* no paint comes when nothing was invalidated: then the node is current */
      while (!painted && g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, FALSE);
      g_signal_handler_disconnect (clock, id);
    }

  g_assert_false (wait.timed_out);
}

/**
 * qs_screenshot_capture:
 *
 * Returns: (transfer full): @widget as the cairo renderer paints it, at
 * its current size
 */
GdkTexture *
qs_screenshot_capture (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderer) renderer = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GError) error = NULL;
  GtkSnapshot *snapshot;
  GdkTexture *texture;
  int width, height;
  guint attempt;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_assert_true (gtk_widget_get_mapped (widget));

  paintable = gtk_widget_paintable_new (widget);
  width = gdk_paintable_get_intrinsic_width (paintable);
  height = gdk_paintable_get_intrinsic_height (paintable);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  /* The paintable shows the widget's last rendered node; right after an
   * invalidation there is none until the next paint, so give it time. */
  for (attempt = 0; attempt < 100 && node == NULL; attempt++)
    {
      if (attempt > 0)
        {
          gint64 end = g_get_monotonic_time () + 20000;

          while (g_get_monotonic_time () < end)
            g_main_context_iteration (NULL, FALSE);
        }
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);

  renderer = gsk_cairo_renderer_new ();
  if (!gsk_renderer_realize (renderer, NULL, &error))
    g_error ("cannot realize the cairo renderer: %s", error->message);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_renderer_unrealize (renderer);

  return texture;
}

static guchar *
download (GdkTexture *texture,
          gsize      *stride)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  guchar *data;

  *stride = (gsize) width * 4;
  data = g_malloc ((gsize) height * *stride);
  gdk_texture_download (texture, data, *stride);
  return data;
}

/**
 * qs_screenshot_compare:
 * @tolerance: how far (0–255) a channel may be off before a pixel differs
 * @max_share: the share (0–1) of pixels that may differ
 * @diff: (out) (optional): an image of the differences: differing pixels
 *   red over a dimmed copy of @expected; %NULL when the sizes differ
 * @explanation: (out) (optional): what differs, for a person
 *
 * Returns: whether @actual matches @expected
 */
gboolean
qs_screenshot_compare (GdkTexture  *actual,
                       GdkTexture  *expected,
                       guint        tolerance,
                       double       max_share,
                       GdkTexture **diff,
                       char       **explanation)
{
  int width = gdk_texture_get_width (actual);
  int height = gdk_texture_get_height (actual);
  g_autofree guchar *a = NULL;
  g_autofree guchar *e = NULL;
  guchar *d;
  gsize stride;
  guint64 n_differing = 0;
  guint max_delta = 0;
  double share;
  int x, y;

  if (diff != NULL)
    *diff = NULL;

  if (width != gdk_texture_get_width (expected) || height != gdk_texture_get_height (expected))
    {
      if (explanation != NULL)
        *explanation = g_strdup_printf ("size %d×%d, expected %d×%d", width, height,
                                        gdk_texture_get_width (expected),
                                        gdk_texture_get_height (expected));
      return FALSE;
    }

  a = download (actual, &stride);
  e = download (expected, &stride);
  d = g_malloc ((gsize) height * stride);

  for (y = 0; y < height; y++)
    for (x = 0; x < width; x++)
      {
        const guchar *pa = a + y * stride + x * 4;
        const guchar *pe = e + y * stride + x * 4;
        guchar *pd = d + y * stride + x * 4;
        guint delta = 0;
        int c;

        for (c = 0; c < 4; c++)
          delta = MAX (delta, (guint) ABS ((int) pa[c] - (int) pe[c]));
        max_delta = MAX (max_delta, delta);

        /* GDK_MEMORY_DEFAULT is premultiplied B8G8R8A8 */
        if (delta > tolerance)
          {
            n_differing++;
            pd[0] = 0;
            pd[1] = 0;
            pd[2] = 255;
            pd[3] = 255;
          }
        else
          {
            guchar grey = (pe[0] + pe[1] + pe[2]) / 3 / 4 + 160;

            pd[0] = pd[1] = pd[2] = grey;
            pd[3] = 255;
          }
      }

  share = (double) n_differing / ((double) width * height);
  if (explanation != NULL)
    *explanation = g_strdup_printf ("%" G_GUINT64_FORMAT " of %d pixels (%.3f%%) differ by more than %u, "
                                    "at most %u; %.3f%% allowed",
                                    n_differing, width * height, share * 100.0, tolerance, max_delta,
                                    max_share * 100.0);
  if (diff != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_take (d, (gsize) height * stride);

      *diff = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
    }
  else
    g_free (d);

  return share <= max_share;
}

static void
save_png (GdkTexture *texture,
          const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0755);
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("cannot write %s", path);
}

/**
 * qs_screenshot_assert_full:
 * @name: the golden's name: tests/golden/@name.png
 *
 * Captures @widget and fails the test unless it matches the golden.
 */
void
qs_screenshot_assert_full (GtkWidget  *widget,
                           const char *name,
                           guint       tolerance,
                           double      max_share)
{
  g_autofree char *png = g_strconcat (name, ".png", NULL);
  g_autofree char *golden_path = g_test_build_filename (G_TEST_DIST, "golden", png, NULL);
  g_autoptr(GdkTexture) actual = qs_screenshot_capture (widget);
  g_autoptr(GdkTexture) expected = NULL;
  g_autoptr(GdkTexture) diff = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *out_name = NULL;
  g_autofree char *out_path = NULL;
  g_autofree char *diff_name = NULL;
  g_autofree char *diff_path = NULL;

  if (g_strcmp0 (g_getenv ("QS_UPDATE_GOLDENS"), "1") == 0)
    {
      save_png (actual, golden_path);
      g_test_message ("wrote golden %s", golden_path);
      return;
    }

  out_name = g_strconcat (name, ".out.png", NULL);
  out_path = g_test_build_filename (G_TEST_BUILT, out_name, NULL);
  diff_name = g_strconcat (name, ".diff.png", NULL);
  diff_path = g_test_build_filename (G_TEST_BUILT, diff_name, NULL);

  expected = gdk_texture_new_from_filename (golden_path, &error);
  if (expected == NULL)
    {
      save_png (actual, out_path);
      g_test_fail_printf ("screenshot %s: no golden (%s); wrote %s. "
                          "Look at it, then run with QS_UPDATE_GOLDENS=1 to make it the golden.",
                          name, error->message, out_path);
      return;
    }

  if (qs_screenshot_compare (actual, expected, tolerance, max_share, &diff, &explanation))
    {
      g_test_message ("screenshot %s matches: %s", name, explanation);
      g_unlink (out_path);
      g_unlink (diff_path);
      return;
    }

  save_png (actual, out_path);
  if (diff != NULL)
    save_png (diff, diff_path);
  g_test_fail_printf ("screenshot %s differs from %s: %s; see %s%s%s", name, golden_path, explanation,
                      out_path, diff != NULL ? " and " : "", diff != NULL ? diff_path : "");
}
