/* bench-window.c — how fast the graph view paints (a benchmark, not a test)
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * For the largest shared model and a generated 10,000-layer graph: the time
 * from opening the file to the graph view's first painted frame (load, the
 * low-precision transformation, scene and layout, as the window's load
 * thread does them, then present), and the median time of one frame of the
 * view at full zoom-out and at 100 % (qs_graph_view_paint(), what snapshot
 * hands the renderer, on a 1280×800 image).  Zoomed out the view copies a
 * picture of the graph at the current zoom, so the figures there are a
 * steady frame (pans, redraws) and the frame painted directly without the
 * picture.  After a zoom step the view paints a new picture a few tiles
 * per frame: the bench gives the frame right after the step, the time and
 * the frames until the view is sharp again, and the longest tile painting
 * in one frame meanwhile.  And the frames
 * of an animated zoom out and back, timed by the frame clock from update
 * to after-paint (so with GTK's own rendering of the window).  Needs a
 * display.
 *
 *   bench-window [MODEL.xml]
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <gtk/gtk.h>

#include "qs-graph-view.h"
#include "qs-graph-view-private.h"
#include "qs-lpt.h"
#include "qscope-core.h"

#define WIDTH    1280
#define HEIGHT   800
#define N_FRAMES 25
#define N_STEPS  9

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
painted_cb (GdkFrameClock *clock,
            gboolean      *painted)
{
  *painted = TRUE;
}

static double
median_frame_ms (QsGraphView *view)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  double times[N_FRAMES];
  guint i;

  for (i = 0; i < N_FRAMES; i++)
    {
      cairo_t *cr;
      gint64 t0;

      cr = cairo_create (surface);
      t0 = g_get_monotonic_time ();

      qs_graph_view_paint (view, cr, WIDTH, HEIGHT);
      cairo_surface_flush (surface);
      times[i] = (g_get_monotonic_time () - t0) / 1000.0;
      cairo_destroy (cr);
    }
  cairo_surface_destroy (surface);
  qsort (times, N_FRAMES, sizeof (double), compare_double);
  return times[N_FRAMES / 2];
}

typedef struct
{
  gint64  start;
  GArray *times;
} AnimationTiming;

static void
update_cb (GdkFrameClock   *clock,
           AnimationTiming *timing)
{
  timing->start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock   *clock,
                AnimationTiming *timing)
{
  double ms;

  if (timing->start == 0)
    return;
  ms = (g_get_monotonic_time () - timing->start) / 1000.0;
  g_array_append_val (timing->times, ms);
  timing->start = 0;
}

static double
median_animation_frame_ms (GtkWidget   *window,
                           QsGraphView *view)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  AnimationTiming timing = { 0, g_array_new (FALSE, FALSE, sizeof (double)) };
  double zoom = qs_graph_view_get_zoom (view), median;
  gulong update_id, paint_id;
  guint i;

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  update_id = g_signal_connect (clock, "update", G_CALLBACK (update_cb), &timing);
  paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &timing);
  for (i = 0; i < 4; i++)
    {
      gint64 end = g_get_monotonic_time () + 400000;

      qs_graph_view_set_zoom (view, i % 2 ? zoom : zoom * 0.8);
      while (g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, FALSE);
    }
  g_signal_handler_disconnect (clock, update_id);
  g_signal_handler_disconnect (clock, paint_id);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  g_array_sort (timing.times, compare_double);
  median = timing.times->len > 0 ? g_array_index (timing.times, double, timing.times->len / 2) : NAN;
  g_array_unref (timing.times);
  return median;
}

/* A 10,000-layer network: a trunk of convolution-like blocks with skip
 * connections, as IR XML without weights. */
#define PORT "<port id=\"%u\" precision=\"FP32\"><dim>1</dim><dim>8</dim><dim>16</dim><dim>16</dim></port>"

static GBytes *
generate_ir (guint n_layers)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\"?>\n<net name=\"generated\" version=\"11\">\n<layers>\n");
  GString *edges = g_string_new ("<edges>\n");
  guint i;

  g_string_append_printf (xml, "<layer id=\"0\" name=\"input\" type=\"Parameter\" version=\"opset1\">"
                               "<data shape=\"1,8,16,16\" element_type=\"f32\"/><output>");
  g_string_append_printf (xml, PORT, 0);
  g_string_append (xml, "</output></layer>\n");
  for (i = 1; i < n_layers - 1; i++)
    {
      gboolean add = i % 4 == 0 && i > 4;
      const char *type = add ? "Add" : (i % 4 == 1 ? "ReLU" : i % 4 == 2 ? "Sigmoid" : "Clamp");

      g_string_append_printf (xml, "<layer id=\"%u\" name=\"block%u/%s\" type=\"%s\" version=\"opset1\">%s<input>",
                              i, i / 4, type, type, g_str_equal (type, "Clamp") ? "<data min=\"0\" max=\"6\"/>" : "");
      g_string_append_printf (xml, PORT, 0);
      if (add)
        g_string_append_printf (xml, PORT, 1);
      g_string_append (xml, "</input><output>");
      g_string_append_printf (xml, PORT, 2);
      g_string_append (xml, "</output></layer>\n");
      g_string_append_printf (edges, "<edge from-layer=\"%u\" from-port=\"%u\" to-layer=\"%u\" to-port=\"0\"/>\n",
                              i - 1, i - 1 == 0 ? 0 : 2, i);
      if (add)
        g_string_append_printf (edges, "<edge from-layer=\"%u\" from-port=\"2\" to-layer=\"%u\" to-port=\"1\"/>\n", i - 4, i);
    }
  g_string_append_printf (xml, "<layer id=\"%u\" name=\"output\" type=\"Result\" version=\"opset1\"><input>", i);
  g_string_append_printf (xml, PORT, 0);
  g_string_append (xml, "</input></layer>\n</layers>\n");
  g_string_append_printf (edges, "<edge from-layer=\"%u\" from-port=\"2\" to-layer=\"%u\" to-port=\"0\"/>\n</edges>\n", i - 1, i);
  g_string_append (xml, edges->str);
  g_string_append (xml, "</net>\n");
  g_string_free (edges, TRUE);
  return g_string_free_to_bytes (xml);
}

/* Zoom steps by 1.25 in and out, as the keys make them (without the
 * animation): the frame right after the step, the time until the view is
 * sharp again and in how many frames, and the longest tile painting in one
 * frame meanwhile.  Medians over the steps. */
static void
zoom_step_timing (GtkWidget   *window,
                  QsGraphView *view,
                  double      *first_ms,
                  double      *sharp_ms,
                  double      *frames,
                  double      *worst_ms)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  double zoom = qs_graph_view_get_zoom (view);
  double first[N_STEPS], sharp[N_STEPS], count[N_STEPS], worst[N_STEPS];
  guint i;

  for (i = 0; i < N_STEPS; i++)
    {
      gint64 t0, end;
      guint ticks;
      cairo_t *cr;

      while (_qs_graph_view_is_refining (view))
        g_main_context_iteration (NULL, TRUE);
      _qs_graph_view_take_refine_stats (view, &ticks, &worst[i]);
      qs_graph_view_set_zoom (view, i % 2 ? zoom : zoom * 1.25);
      cr = cairo_create (surface);
      t0 = g_get_monotonic_time ();
      qs_graph_view_paint (view, cr, WIDTH, HEIGHT);
      cairo_surface_flush (surface);
      first[i] = (g_get_monotonic_time () - t0) / 1000.0;
      cairo_destroy (cr);

      end = t0 + 10 * G_USEC_PER_SEC;
      while (_qs_graph_view_is_refining (view) && g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, TRUE);
      sharp[i] = (g_get_monotonic_time () - t0) / 1000.0;
      _qs_graph_view_take_refine_stats (view, &ticks, &worst[i]);
      count[i] = ticks;
    }
  cairo_surface_destroy (surface);
  qsort (first, N_STEPS, sizeof (double), compare_double);
  qsort (sharp, N_STEPS, sizeof (double), compare_double);
  qsort (count, N_STEPS, sizeof (double), compare_double);
  qsort (worst, N_STEPS, sizeof (double), compare_double);
  *first_ms = first[N_STEPS / 2];
  *sharp_ms = sharp[N_STEPS / 2];
  *frames = count[N_STEPS / 2];
  *worst_ms = worst[N_STEPS / 2];
}

static void
bench (const char *label,
       QsModel    *model,
       gint64      t_open)
{
  g_autoptr(QsLptResult) lpt = NULL;
  g_autoptr(QsPaintScene) scene = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window, *view;
  gboolean painted = FALSE;
  gulong id;
  double first_frame_s, fit_ms, direct_ms, anim_ms, full_ms, full_anim_ms;
  double step_first_ms, step_sharp_ms, step_frames, step_worst_ms;

  if (model->bin_data != NULL)
    lpt = qs_lpt_run (model, NULL);
  scene = qs_paint_scene_new (model->graph, lpt, NULL);
  if (!qs_paint_scene_run_layout (scene, QS_LAYOUT_FOLD_DEFAULT, NULL, NULL, 0, &error))
    g_error ("%s: %s", label, error->message);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  view = qs_graph_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), view);
  qs_graph_view_set_scene (QS_GRAPH_VIEW (view), scene);
  gtk_window_present (GTK_WINDOW (window));
  id = g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (painted_cb), &painted);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (window), id);
  first_frame_s = (g_get_monotonic_time () - t_open) / 1e6;

  qs_graph_view_zoom_to_fit (QS_GRAPH_VIEW (view));
  fit_ms = median_frame_ms (QS_GRAPH_VIEW (view));
  zoom_step_timing (window, QS_GRAPH_VIEW (view), &step_first_ms, &step_sharp_ms, &step_frames, &step_worst_ms);
  qs_graph_view_zoom_to_fit (QS_GRAPH_VIEW (view));
  _qs_graph_view_set_cache_enabled (QS_GRAPH_VIEW (view), FALSE);
  direct_ms = median_frame_ms (QS_GRAPH_VIEW (view));
  _qs_graph_view_set_cache_enabled (QS_GRAPH_VIEW (view), TRUE);
  anim_ms = median_animation_frame_ms (window, QS_GRAPH_VIEW (view));
  qs_graph_view_set_zoom (QS_GRAPH_VIEW (view), 1.0);
  qs_graph_view_select_box (QS_GRAPH_VIEW (view), qs_paint_scene_get_n_boxes (scene) / 2, TRUE);
  full_ms = median_frame_ms (QS_GRAPH_VIEW (view));
  full_anim_ms = median_animation_frame_ms (window, QS_GRAPH_VIEW (view));

  g_print ("%s, %u boxes: open→first frame %.2f s\n"
           "  zoomed out: frame %.2f ms, uncached %.2f ms, animated zoom frame %.2f ms\n"
           "  zoom step: first frame %.2f ms, sharp after %.1f ms in %.0f frames, "
           "tiles painted per frame at most %.2f ms\n"
           "  100%%: frame %.2f ms, animated zoom frame %.2f ms\n",
           label, qs_paint_scene_get_n_boxes (scene), first_frame_s, fit_ms, direct_ms, anim_ms,
           step_first_ms, step_sharp_ms, step_frames, step_worst_ms, full_ms, full_anim_ms);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  const char *path = argc > 1 ? argv[1] : "../shared/models/pvb2003-int8-v11/person-vehicle-bike-detection-2003.xml";
  g_autoptr(GError) error = NULL;
  g_autoptr(QsModel) model = NULL;
  g_autoptr(QsModel) generated = NULL;
  g_autoptr(GBytes) xml = NULL;
  gint64 t0;

  if (!gtk_init_check ())
    {
      g_printerr ("bench-window needs a display\n");
      return 77;
    }
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  t0 = g_get_monotonic_time ();
  model = qs_model_load (path, QS_LOAD_FLAGS_NONE, NULL, &error);
  if (model == NULL)
    g_printerr ("%s: %s\n", path, error->message);
  else
    bench (g_path_get_basename (path), model, t0);

  xml = generate_ir (10000);
  t0 = g_get_monotonic_time ();
  generated = qs_model_load_from_bytes ("generated.xml", xml, NULL, QS_LOAD_FLAGS_NO_WEIGHTS, NULL, &error);
  if (generated == NULL)
    g_error ("generated: %s", error->message);
  bench ("generated (10,000 layers)", generated, t0);
  return 0;
}
