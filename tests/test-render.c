/* test-render.c — the graph painter and qscope-cli render
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Screenshot regression of renders (handwritten model, the sample model
 * around a layer, transformed, as a heat map and zoomed out) against
 * tests/golden/render-*.png; structure checks on the painted result; the
 * exports (a generated 5,000-layer model fitted and cut into tiles, SVG
 * boxes found by name and type); and the CLI: PNG, SVG, refusals.
 * QS_UPDATE_GOLDENS=1 rewrites the goldens.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <json-glib/json-glib.h>

#include "qscope-core.h"
#include "qs-image-compare.h"
#include "qs-lpt.h"
#include "qs-paint.h"
#include "qs-paint-export.h"
#include "qs-paint-samples.h"
#include "qs-test-dir.h"

#define MARGIN 16.0
#define SAMPLE_LAYER "bottleneck1_1/dim_red/conv"

typedef struct
{
  QsModel      *model;
  QsLptResult  *lpt;
  QsPaintScene *scene;
} Fixture;

static void
fixture_clear (Fixture *f)
{
  g_clear_pointer (&f->scene, qs_paint_scene_unref);
  g_clear_pointer (&f->lpt, qs_lpt_result_free);
  g_clear_pointer (&f->model, qs_model_unref);
}

static char *
handwritten_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "models", "handwritten.xml", NULL);
}

static gboolean
load (Fixture    *f,
      const char *path,
      gboolean    transformed,
      const char *around,
      guint       depth)
{
  g_autoptr(GError) error = NULL;
  const QsNode *node = NULL;

  memset (f, 0, sizeof *f);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("model not found");
      return FALSE;
    }
  f->model = qs_model_load (path, QS_LOAD_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  f->lpt = qs_lpt_run (f->model, NULL);
  if (transformed)
    g_assert_nonnull (f->lpt);
  f->scene = qs_paint_scene_new (transformed ? qs_lpt_result_get_model (f->lpt)->graph : f->model->graph, f->lpt, NULL);
  if (around != NULL)
    {
      node = qs_paint_scene_lookup (f->scene, around);
      if (node == NULL && transformed)
        {
          const QsNode *orig = qs_graph_find_node_by_name (f->model->graph, around);
          const QsGraph *g = qs_paint_scene_get_graph (f->scene);
          guint i;
          for (i = 0; i < g->n_nodes && node == NULL; i++)
            if (g->nodes[i]->origin == orig)
              node = g->nodes[i];
        }
      g_assert_nonnull (node);
    }
  g_assert_true (qs_paint_scene_run_layout (f->scene, QS_LAYOUT_FOLD_DEFAULT, NULL, node, depth, &error));
  g_assert_no_error (error);
  return TRUE;
}

/* The scene at @scale with a margin, and the legend to its right. */
static cairo_surface_t *
render (QsPaintScene         *scene,
        const QsPaintOptions *options,
        double                scale,
        gboolean              legend)
{
  double w, h, lw = 0, lh = 0;
  cairo_surface_t *surface;
  cairo_t *cr;

  qs_paint_scene_get_size (scene, &w, &h);
  if (legend)
    qs_paint_legend_get_size (scene, options, &lw, &lh);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                        (int) ceil (2 * MARGIN + w * scale + (legend ? lw + MARGIN : 0)),
                                        (int) ceil (2 * MARGIN + MAX (h * scale, lh)));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_save (cr);
  cairo_translate (cr, MARGIN, MARGIN);
  cairo_scale (cr, scale, scale);
  qs_paint_graph (cr, scene, options);
  cairo_restore (cr);
  if (legend)
    {
      cairo_translate (cr, MARGIN + ceil (w * scale) + MARGIN, MARGIN);
      qs_paint_legend (cr, scene, options);
    }
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
check_structure (QsPaintScene *scene)
{
  double w, h;
  guint i, n = qs_paint_scene_get_n_boxes (scene);

  qs_paint_scene_get_size (scene, &w, &h);
  g_assert_cmpuint (n, >, 0);
  for (i = 0; i < n; i++)
    {
      cairo_rectangle_t r;
      qs_paint_scene_get_box_rect (scene, i, &r);
      /* Every box inside the drawing... */
      g_assert_cmpfloat (r.x, >=, -0.5);
      g_assert_cmpfloat (r.y, >=, -0.5);
      g_assert_cmpfloat (r.x + r.width, <=, w + 0.5);
      g_assert_cmpfloat (r.y + r.height, <=, h + 0.5);
      /* ...and found by the hit test at its centre. */
      g_assert_cmpint (qs_paint_scene_hit_test (scene, r.x + r.width / 2, r.y + r.height / 2), ==, (int) i);
      g_assert_cmpint (qs_paint_scene_find_box (scene, qs_paint_scene_get_node (scene, i)), ==, (int) i);
    }
  g_assert_cmpint (qs_paint_scene_hit_test (scene, -10, -10), ==, -1);
}

static char *
sample_path (void)
{
  return g_strdup (g_getenv ("QS_SAMPLE_MODEL"));
}

/* -- screenshots -- */

static void
test_handwritten (void)
{
  g_autofree char *path = handwritten_path ();
  Fixture f;
  cairo_surface_t *s;
  QsPaintOptions options;
  guint n, i, n_reasons = 0;

  if (!load (&f, path, FALSE, NULL, 0))
    return;
  check_structure (f.scene);
  n = qs_paint_scene_get_n_boxes (f.scene);
  for (i = 0; i < n; i++)
    {
      const QsNode *node = qs_paint_scene_get_node (f.scene, i);
      cairo_rectangle_t r;
      const char *reason;
      if (qs_paint_scene_get_reason_badge (f.scene, i, &r, &reason))
        {
          g_autofree char *tip = qs_paint_scene_dup_tooltip (f.scene, r.x + r.width / 2, r.y + r.height / 2);
          n_reasons++;
          g_assert_nonnull (reason);
          g_assert_nonnull (strstr (tip, reason));
          g_assert_cmpint (qs_paint_scene_get_class (f.scene, i), ==, QS_PAINT_CLASS_FP32_COMPUTE);
        }
      if (qs_node_is_type (node, "Parameter"))
        g_assert_cmpint (qs_paint_scene_get_class (f.scene, i), ==, QS_PAINT_CLASS_IO);
    }
  g_assert_cmpuint (n_reasons, >=, 1);
  qs_paint_options_init (&options);
  s = render (f.scene, &options, 1.0, TRUE);
  qs_image_assert (s, "render-handwritten");
  cairo_surface_destroy (s);
  fixture_clear (&f);
}

static void
test_sample_around (void)
{
  g_autofree char *path = sample_path ();
  Fixture f;
  cairo_surface_t *s;
  QsPaintOptions options;
  guint selected[1];
  const QsNode *center;
  QsLayout *layout;
  guint i, n_int8 = 0;

  if (!load (&f, path, FALSE, SAMPLE_LAYER, 3))
    return;
  check_structure (f.scene);
  for (i = 0; i < qs_paint_scene_get_n_boxes (f.scene); i++)
    if (qs_paint_scene_get_class (f.scene, i) == QS_PAINT_CLASS_INT8_COMPUTE)
      n_int8++;
  g_assert_cmpuint (n_int8, >=, 1);
  center = qs_paint_scene_lookup (f.scene, SAMPLE_LAYER);
  selected[0] = qs_paint_scene_find_box (f.scene, center);
  layout = qs_paint_scene_get_layout (f.scene);
  qs_paint_options_init (&options);
  options.selected = selected;
  options.n_selected = 1;
  options.edge_labels = TRUE;
  s = render (f.scene, &options, 1.0, TRUE);
  /* Selection is only a repaint: the layout is the same object. */
  g_assert_true (qs_paint_scene_get_layout (f.scene) == layout);
  qs_image_assert (s, "render-sample-around");
  cairo_surface_destroy (s);
  fixture_clear (&f);
}

static void
test_sample_transformed (void)
{
  g_autofree char *path = sample_path ();
  Fixture f;
  cairo_surface_t *s;
  QsPaintOptions options;
  gboolean seen[QS_PAINT_N_CLASSES] = { FALSE, };
  guint i;

  if (!load (&f, path, TRUE, SAMPLE_LAYER, 3))
    return;
  check_structure (f.scene);
  for (i = 0; i < qs_paint_scene_get_n_boxes (f.scene); i++)
    seen[qs_paint_scene_get_class (f.scene, i)] = TRUE;
  /* Quantize and Dequantize are boxes of their own */
  g_assert_true (seen[QS_PAINT_CLASS_QUANTIZE]);
  g_assert_true (seen[QS_PAINT_CLASS_DEQUANTIZE]);
  g_assert_true (seen[QS_PAINT_CLASS_INT8_COMPUTE]);
  qs_paint_options_init (&options);
  s = render (f.scene, &options, 1.0, TRUE);
  qs_image_assert (s, "render-sample-transformed");
  cairo_surface_destroy (s);
  fixture_clear (&f);
}

static void
test_sample_heat (void)
{
  g_autofree char *path = sample_path ();
  g_autofree double *node_values = NULL, *values = NULL;
  Fixture f;
  cairo_surface_t *s;
  QsPaintOptions options;
  const QsGraph *g;
  guint i;

  if (!load (&f, path, FALSE, SAMPLE_LAYER, 3))
    return;
  /* Synthetic values, so that the picture does not depend on the
   * executor: every third layer has none. */
  g = f.model->graph;
  node_values = g_new (double, g->n_nodes);
  for (i = 0; i < g->n_nodes; i++)
    node_values[i] = i % 3 == 0 ? NAN : 10.0 + (i * 7 % 31);
  values = qs_paint_scene_map_values (f.scene, g, node_values);
  qs_paint_options_init (&options);
  options.values = values;
  options.value_label = "SQNR (dB)";
  options.higher_is_better = TRUE;
  s = render (f.scene, &options, 1.0, TRUE);
  qs_image_assert (s, "render-sample-heat");

  /* Over the heat map the quantizers keep their class: a ring of the
   * class colour just outside the box; other boxes have none. */
  {
    guint n_ringed = 0, n_plain = 0;
    int stride = cairo_image_surface_get_stride (s);
    const guchar *data = cairo_image_surface_get_data (s);

    for (i = 0; i < qs_paint_scene_get_n_boxes (f.scene); i++)
      {
        QsPaintClass klass = qs_paint_scene_get_class (f.scene, i);
        QsPaintRgb want = qs_paint_style_get (klass)->stroke;
        cairo_rectangle_t r;
        guint32 px;
        int x, y;
        double d;

        qs_paint_scene_get_box_rect (f.scene, i, &r);
        x = (int) (MARGIN + r.x + r.width / 2);
        y = (int) floor (MARGIN + r.y - 2.5);
        if (y < 0 || y >= cairo_image_surface_get_height (s))
          continue;
        px = *(const guint32 *) (data + y * stride + x * 4);
        d = fabs (((px >> 16) & 0xff) / 255.0 - want.r) + fabs (((px >> 8) & 0xff) / 255.0 - want.g) +
            fabs ((px & 0xff) / 255.0 - want.b);
        if (qs_paint_class_is_quantizer (klass))
          {
            g_assert_cmpfloat (d, <, 0.15);
            n_ringed++;
          }
        else if (klass == QS_PAINT_CLASS_INT8_COMPUTE)
          {
            g_assert_cmpfloat (d, >, 0.3);
            n_plain++;
          }
      }
    g_test_message ("%u quantizer boxes ringed, %u int8 compute boxes without", n_ringed, n_plain);
    g_assert_cmpuint (n_ringed, >=, 3);
    g_assert_cmpuint (n_plain, >=, 1);
  }
  cairo_surface_destroy (s);
  fixture_clear (&f);
}

/* Module groups collapsed at level 1: one box per top-level group with
 * its layer count and mix; a heat map gives a group its worst layer;
 * revealing a layer opens its group and keeps the rest in place. */
static void
test_sample_collapsed (void)
{
  g_autofree char *path = sample_path ();
  g_autofree double *node_values = NULL, *values = NULL;
  Fixture f;
  cairo_surface_t *s, *top;
  QsPaintOptions options;
  const QsNode *inner, *input;
  cairo_rectangle_t before, after;
  guint i, n_groups = 0, n_full;
  cairo_t *cr;

  if (!load (&f, path, FALSE, NULL, 0))
    return;
  n_full = qs_paint_scene_get_n_boxes (f.scene);
  g_assert_nonnull (qs_paint_scene_get_groups (f.scene));
  input = qs_paint_scene_lookup (f.scene, "data");
  g_assert_nonnull (input);
  qs_paint_scene_collapse_level (f.scene, 1);
  check_structure (f.scene);
  for (i = 0; i < qs_paint_scene_get_n_boxes (f.scene); i++)
    if (qs_paint_scene_get_box_group (f.scene, i) >= 0)
      {
        g_assert_cmpuint (qs_paint_scene_get_box_n_layers (f.scene, i), >=, QS_LAYOUT_GROUP_MIN_BOXES);
        n_groups++;
      }
    else
      g_assert_cmpuint (qs_paint_scene_get_box_n_layers (f.scene, i), ==, 1);
  g_test_message ("%u boxes open, %u collapsed, %u of them groups", n_full,
                  qs_paint_scene_get_n_boxes (f.scene), n_groups);
  g_assert_cmpuint (n_groups, >=, 30);
  g_assert_cmpuint (qs_paint_scene_get_n_boxes (f.scene) * 3, <, n_full);

  /* the golden: the top of the drawing with the legend */
  qs_paint_options_init (&options);
  s = render (f.scene, &options, 1.0, TRUE);
  top = cairo_image_surface_create (CAIRO_FORMAT_RGB24, cairo_image_surface_get_width (s), 760);
  cr = cairo_create (top);
  cairo_set_source_surface (cr, s, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (top);
  qs_image_assert (top, "render-sample-collapsed");
  cairo_surface_destroy (top);
  cairo_surface_destroy (s);

  /* a heat map: a group shows the lowest value of its layers (higher is
   * better), or the highest when lower is better */
  {
    const QsGraph *g = qs_paint_scene_get_graph (f.scene);
    g_autofree double *worst_high = NULL;
    node_values = g_new (double, g->n_nodes);
    for (i = 0; i < g->n_nodes; i++)
      node_values[i] = g->nodes[i]->index;
    values = qs_paint_scene_map_values_full (f.scene, g, node_values, TRUE);
    worst_high = qs_paint_scene_map_values_full (f.scene, g, node_values, FALSE);
    for (i = 0; i < qs_paint_scene_get_n_boxes (f.scene); i++)
      {
        const QsNode *node = qs_paint_scene_get_node (f.scene, i);
        if (qs_paint_scene_get_box_group (f.scene, i) < 0)
          g_assert_cmpfloat (values[i], ==, node->index);
        else
          {
            g_assert_cmpfloat (values[i], <=, node->index);
            g_assert_cmpfloat (worst_high[i], >, values[i]);
          }
      }
  }

  /* an SVG names each collapsed group, as it names layers */
  {
    g_autoptr(GByteArray) bytes = g_byte_array_new ();
    g_autoptr(GError) error = NULL;
    g_autofree char *text = NULL;
    QsPaintExport export;
    QsPaintExportInfo info;

    qs_paint_options_init (&options);
    qs_paint_export_init (&export);
    export.options = &options;
    g_assert_true (qs_paint_export_svg (f.scene, &export, bytes, &info, &error));
    g_assert_no_error (error);
    text = g_strndup ((const char *) bytes->data, bytes->len);
    g_assert_nonnull (strstr (text, "<title>bottleneck1_1</title><desc>group of 17 layers</desc>"));
  }

  /* opening the group around a layer */
  inner = qs_paint_scene_lookup (f.scene, SAMPLE_LAYER);
  g_assert_nonnull (inner);
  g_assert_cmpint (qs_paint_scene_get_box_group (f.scene, qs_paint_scene_find_box (f.scene, inner)), >=, 0);
  qs_paint_scene_get_box_rect (f.scene, qs_paint_scene_find_box (f.scene, input), &before);
  g_assert_true (qs_paint_scene_reveal (f.scene, inner));
  g_assert_false (qs_paint_scene_reveal (f.scene, inner));
  check_structure (f.scene);
  g_assert_cmpint (qs_paint_scene_get_box_group (f.scene, qs_paint_scene_find_box (f.scene, inner)), ==, -1);
  g_assert_true (qs_paint_scene_get_node (f.scene, qs_paint_scene_find_box (f.scene, inner)) == inner);
  qs_paint_scene_get_box_rect (f.scene, qs_paint_scene_find_box (f.scene, input), &after);
  g_assert_cmpfloat (fabs (after.y - before.y), <, 0.5);

  /* level 0 opens everything again */
  qs_paint_scene_collapse_level (f.scene, 0);
  g_assert_cmpuint (qs_paint_scene_get_n_boxes (f.scene), ==, n_full);
  fixture_clear (&f);
}

/* Colour by precision: every layer's box filled with its LPT precision's
 * colour, quantizers ringed in their class colour, a legend of precisions. */
static void
test_sample_precision (void)
{
  g_autofree char *path = sample_path ();
  Fixture f;
  cairo_surface_t *s;
  QsPaintOptions options;
  guint i, n_checked = 0;
  gboolean seen[QS_PAINT_N_PRECISIONS] = { FALSE, };
  int stride;
  const guchar *data;

  if (!load (&f, path, FALSE, SAMPLE_LAYER, 3))
    return;
  qs_paint_options_init (&options);
  options.colour_precision = TRUE;
  s = render (f.scene, &options, 1.0, TRUE);
  qs_image_assert (s, "render-sample-precision");
  stride = cairo_image_surface_get_stride (s);
  data = cairo_image_surface_get_data (s);
  for (i = 0; i < qs_paint_scene_get_n_boxes (f.scene); i++)
    {
      const QsNode *node = qs_paint_scene_get_node (f.scene, i);
      QsLptPrecision p = qs_paint_precision (node, f.lpt);
      QsPaintRgb want = qs_paint_precision_rgb (p);
      cairo_rectangle_t r;
      guint32 px;
      double d;
      int x, y;

      if (qs_paint_scene_get_class (f.scene, i) == QS_PAINT_CLASS_IO)
        continue;
      qs_paint_scene_get_box_rect (f.scene, i, &r);
      /* inside the left padding, half-way down: fill, no text */
      x = (int) (MARGIN + r.x + 4);
      y = (int) (MARGIN + r.y + r.height - 4);
      px = *(const guint32 *) (data + y * stride + x * 4);
      d = fabs (((px >> 16) & 0xff) / 255.0 - want.r) + fabs (((px >> 8) & 0xff) / 255.0 - want.g) +
          fabs ((px & 0xff) / 255.0 - want.b);
      g_assert_cmpfloat (d, <, 0.1);
      seen[p] = TRUE;
      n_checked++;
    }
  g_test_message ("%u boxes filled by precision", n_checked);
  g_assert_true (seen[QS_LPT_PRECISION_INT8]);
  g_assert_cmpuint (n_checked, >=, 5);
  cairo_surface_destroy (s);
  fixture_clear (&f);
}

static void
test_sample_overview (void)
{
  g_autofree char *path = sample_path ();
  Fixture f;
  cairo_surface_t *s, *t;
  QsPaintOptions options;
  cairo_rectangle_t visible = { 0, 0, 0, 0 };
  double w, h;
  cairo_t *cr;
  int x, y;

  if (!load (&f, path, FALSE, NULL, 0))
    return;
  check_structure (f.scene);
  qs_paint_options_init (&options);
  s = render (f.scene, &options, 0.05, FALSE);
  qs_image_assert (s, "render-sample-overview");

  /* Culling: with a visible rectangle of the top-left part, what is
   * inside it is drawn exactly as in the full render, and the rest is
   * (mostly) skipped. */
  qs_paint_scene_get_size (f.scene, &w, &h);
  visible.width = w / 2;
  visible.height = h / 4;
  options.visible = &visible;
  t = cairo_image_surface_create (CAIRO_FORMAT_RGB24, cairo_image_surface_get_width (s), cairo_image_surface_get_height (s));
  cr = cairo_create (t);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, MARGIN, MARGIN);
  cairo_scale (cr, 0.05, 0.05);
  qs_paint_graph (cr, f.scene, &options);
  cairo_destroy (cr);
  cairo_surface_flush (t);
  {
    guint64 ink_full = 0, ink_culled = 0;
    for (y = 0; y < cairo_image_surface_get_height (t); y++)
      for (x = 0; x < cairo_image_surface_get_width (t); x++)
        {
          guint32 a = ((guint32 *) (cairo_image_surface_get_data (s) + y * cairo_image_surface_get_stride (s)))[x] & 0xffffff;
          guint32 b = ((guint32 *) (cairo_image_surface_get_data (t) + y * cairo_image_surface_get_stride (t)))[x] & 0xffffff;
          if (x >= MARGIN + 1 && x < MARGIN + w * 0.05 / 2 - 1 && y >= MARGIN + 1 && y < MARGIN + h * 0.05 / 4 - 1)
            g_assert_cmphex (a, ==, b);
          if (y > MARGIN + h * 0.05 * 0.6)
            {
              ink_full += a != 0xffffff;
              ink_culled += b != 0xffffff;
            }
        }
    g_assert_cmpuint (ink_full, >, 1000);
    g_assert_cmpuint (ink_culled * 10, <, ink_full);
  }
  cairo_surface_destroy (t);
  cairo_surface_destroy (s);
  fixture_clear (&f);
}

static void
test_legend (void)
{
  g_autofree char *path = handwritten_path ();
  Fixture f;
  cairo_surface_t *s;
  QsPaintOptions options;
  double lw, lh, w, h;
  int x, y, n_ink = 0;

  if (!load (&f, path, FALSE, NULL, 0))
    return;
  qs_paint_options_init (&options);
  qs_paint_legend_get_size (f.scene, &options, &lw, &lh);
  g_assert_cmpfloat (lw, >, 50);
  g_assert_cmpfloat (lh, >, 50);
  s = render (f.scene, &options, 1.0, TRUE);
  qs_paint_scene_get_size (f.scene, &w, &h);
  /* Ink where the legend is */
  for (y = MARGIN; y < MARGIN + lh; y++)
    for (x = (int) (MARGIN + ceil (w) + MARGIN); x < (int) (MARGIN + ceil (w) + MARGIN + lw); x++)
      if ((((guint32 *) (cairo_image_surface_get_data (s) + y * cairo_image_surface_get_stride (s)))[x] & 0xffffff) != 0xffffff)
        n_ink++;
  g_assert_cmpint (n_ink, >, 500);
  cairo_surface_destroy (s);
  fixture_clear (&f);
}

/* The colour bar alone: nothing without values; with them a card as wide
 * as the bar, whose middle row holds the colour map from end to end. */
static void
test_colorbar (void)
{
  g_autofree char *path = handwritten_path ();
  g_autofree double *values = NULL;
  Fixture f;
  cairo_surface_t *s;
  cairo_t *cr;
  QsPaintOptions options;
  double w, h;
  guint i, n;
  guint32 left, right;
  int y = -1, row, stride;

  if (!load (&f, path, FALSE, NULL, 0))
    return;
  qs_paint_options_init (&options);
  qs_paint_colorbar_get_size (f.scene, &options, &w, &h);
  g_assert_cmpfloat (w, ==, 0);
  g_assert_cmpfloat (h, ==, 0);

  n = qs_paint_scene_get_n_boxes (f.scene);
  values = g_new (double, n);
  for (i = 0; i < n; i++)
    values[i] = i;
  options.values = values;
  options.value_label = "SQNR (dB)";
  qs_paint_colorbar_get_size (f.scene, &options, &w, &h);
  g_assert_cmpfloat (w, >=, 200);
  g_assert_cmpfloat (h, >, 40);
  s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) w, (int) h);
  cr = cairo_create (s);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  qs_paint_colorbar (cr, f.scene, &options);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  stride = cairo_image_surface_get_stride (s);
  /* the bar: the first row whose pixel 20 in from the left is the map's low end */
  for (row = 0; row < (int) h && y < 0; row++)
    {
      guint32 p = ((guint32 *) (cairo_image_surface_get_data (s) + row * stride))[20];
      QsPaintRgb lo = qs_paint_colormap (0.0);
      int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

      if (ABS (r - (int) (lo.r * 255)) < 40 && ABS (g - (int) (lo.g * 255)) < 40 && ABS (b - (int) (lo.b * 255)) < 40)
        y = row + 3;
    }
  g_assert_cmpint (y, >, 0);
  left = ((guint32 *) (cairo_image_surface_get_data (s) + y * stride))[20] & 0xffffff;
  right = ((guint32 *) (cairo_image_surface_get_data (s) + y * stride))[(int) w - 20] & 0xffffff;
  g_assert_cmpuint (left, !=, right);
  g_assert_cmpuint (right, !=, 0xffffff);
  cairo_surface_destroy (s);
  fixture_clear (&f);
}

/* -- the CLI -- */

/* The per-sample chart: bars as high as their values over a common axis,
 * a skipped sample marked and given no bar, an infinite value drawn at the
 * top, and hits that find the sample under the pointer. */
static void
test_samples_chart (void)
{
  const double a[4] = { 10, 20, NAN, INFINITY };
  const double b[4] = { 5, 15, NAN, 30 };
  const gboolean skipped[4] = { FALSE, FALSE, TRUE, FALSE };
  const char *names[4] = { "one.png", "two.png", "bad.npy", "four.png" };
  const QsPaintRgb red = { 1, 0, 0 }, blue = { 0, 0, 1 };
  const int width = 480, height = 220;
  QsPaintSamples chart;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  int heights[2][4] = { { 0 } }, k, i, x, y, slot_x[4];

  qs_paint_samples_init (&chart);
  chart.n_samples = 4;
  chart.n_series = 2;
  chart.series[0] = (QsPaintSamplesSeries) { a, "A", red };
  chart.series[1] = (QsPaintSamplesSeries) { b, "B", blue };
  chart.skipped = skipped;
  chart.names = names;
  chart.axis_label = "SQNR (dB) per sample";
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  qs_paint_samples (cr, &chart, width, height);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  qs_image_assert (surface, "render-samples");

  /* each slot's sample is hit at its centre; left of the axis nothing is */
  for (k = 0; k < 4; k++)
    {
      for (x = 0; x < width && qs_paint_samples_hit (&chart, width, height, x) != k; x++)
        ;
      g_assert_cmpint (x, <, width);
      slot_x[k] = x;
    }
  g_assert_cmpint (qs_paint_samples_hit (&chart, width, height, 2), ==, -1);
  g_assert_cmpint (qs_paint_samples_hit (&chart, width, height, width - 1), ==, -1);

  /* the bars' heights, counted down the middle of each bar: red pixels for
   * A (the left half of a slot), blue for B (the right half) */
  for (k = 0; k < 4; k++)
    {
      int slot_w = (k < 3 ? slot_x[k + 1] : slot_x[3] + (slot_x[3] - slot_x[2])) - slot_x[k];

      for (i = 0; i < 2; i++)
        {
          int run = 0;

          x = slot_x[k] + slot_w / 2 + (i == 0 ? -slot_w / 5 : slot_w / 5);
          /* the pixels of the series' colour in runs of 3 or more: a bar,
           * perhaps crossed by the other series' mean line, and not the
           * 1-px mean lines themselves */
          for (y = 0; y <= height; y++)
            {
              gboolean match = FALSE;

              if (y < height)
                {
                  guint32 p = ((guint32 *) (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface)))[x];
                  guint r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, bl = p & 0xff;

                  match = i == 0 ? r > 200 && g < 120 && bl < 120 : bl > 200 && r < 120 && g < 120;
                }
              if (match)
                run++;
              else
                {
                  if (run >= 3)
                    heights[i][k] += run;
                  run = 0;
                }
            }
        }
    }
  g_test_message ("bar heights: A %d %d %d %d, B %d %d %d %d", heights[0][0], heights[0][1], heights[0][2],
                  heights[0][3], heights[1][0], heights[1][1], heights[1][2], heights[1][3]);
  /* the axis runs from 0 to a little above 30, the largest finite value */
  g_assert_cmpint (heights[0][0], >, 10);
  g_assert_cmpint (ABS (heights[0][1] - 2 * heights[0][0]), <=, 2);
  g_assert_cmpint (ABS (heights[1][1] - 3 * heights[1][0]), <=, 3);
  g_assert_cmpint (ABS (heights[1][3] - 6 * heights[1][0]), <=, 4);
  g_assert_cmpint (heights[0][2], ==, 0);
  g_assert_cmpint (heights[1][2], ==, 0);
  /* infinity at the top, as high as the largest finite value */
  g_assert_cmpint (ABS (heights[0][3] - heights[1][3]), <=, 4);
  cairo_surface_destroy (surface);
}

/* -- exports -- */

#define BIG_BLOCKS 1667   /* three layers each: 5,001 layers and the two ends */

static const char *
port_xml (GString *xml,
          guint    id)
{
  g_string_append_printf (xml, "<port id=\"%u\" precision=\"FP32\"><dim>1</dim><dim>8</dim></port>", id);
  return xml->str;
}

/* A network of @n_blocks blocks x → ReLU, x → Sigmoid, Add of the two:
 * a tall graph two boxes wide, past cairo's image limit at scale 1. */
static char *
write_big_model (const char *dir,
                 guint       n_blocks)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?>\n<net name=\"big\" version=\"11\">\n<layers>\n");
  g_autoptr(GString) edges = g_string_new (NULL);
  g_autofree char *path = g_build_filename (dir, "big.xml", NULL);
  g_autoptr(GError) error = NULL;
  guint b, x = 0, id = 1;

  g_string_append (xml, "<layer id=\"0\" name=\"input\" type=\"Parameter\" version=\"opset1\">"
                        "<data shape=\"1,8\" element_type=\"f32\"/><output>");
  port_xml (xml, 0);
  g_string_append (xml, "</output></layer>\n");
  for (b = 0; b < n_blocks; b++)
    {
      guint relu = id++, sigmoid = id++, add = id++;
      guint from_port = x == 0 ? 0 : 2;

      g_string_append_printf (xml, "<layer id=\"%u\" name=\"block%u/relu\" type=\"ReLU\" version=\"opset1\"><input>", relu, b);
      port_xml (xml, 0);
      g_string_append (xml, "</input><output>");
      port_xml (xml, 1);
      g_string_append (xml, "</output></layer>\n");
      g_string_append_printf (xml, "<layer id=\"%u\" name=\"block%u/sigmoid\" type=\"Sigmoid\" version=\"opset1\"><input>", sigmoid, b);
      port_xml (xml, 0);
      g_string_append (xml, "</input><output>");
      port_xml (xml, 1);
      g_string_append (xml, "</output></layer>\n");
      g_string_append_printf (xml, "<layer id=\"%u\" name=\"block%u/add\" type=\"Add\" version=\"opset1\">"
                                   "<data auto_broadcast=\"numpy\"/><input>", add, b);
      port_xml (xml, 0);
      port_xml (xml, 1);
      g_string_append (xml, "</input><output>");
      port_xml (xml, 2);
      g_string_append (xml, "</output></layer>\n");
      g_string_append_printf (edges, "<edge from-layer=\"%u\" from-port=\"%u\" to-layer=\"%u\" to-port=\"0\"/>\n", x, from_port, relu);
      g_string_append_printf (edges, "<edge from-layer=\"%u\" from-port=\"%u\" to-layer=\"%u\" to-port=\"0\"/>\n", x, from_port, sigmoid);
      g_string_append_printf (edges, "<edge from-layer=\"%u\" from-port=\"1\" to-layer=\"%u\" to-port=\"0\"/>\n", relu, add);
      g_string_append_printf (edges, "<edge from-layer=\"%u\" from-port=\"1\" to-layer=\"%u\" to-port=\"1\"/>\n", sigmoid, add);
      x = add;
    }
  g_string_append_printf (xml, "<layer id=\"%u\" name=\"output\" type=\"Result\" version=\"opset1\"><input>", id);
  port_xml (xml, 0);
  g_string_append (xml, "</input></layer>\n</layers>\n<edges>\n");
  g_string_append_printf (edges, "<edge from-layer=\"%u\" from-port=\"2\" to-layer=\"%u\" to-port=\"0\"/>\n", x, id);
  g_string_append (xml, edges->str);
  g_string_append (xml, "</edges>\n</net>\n");
  g_assert_true (g_file_set_contents (path, xml->str, xml->len, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static cairo_status_t
read_bytes (void          *closure,
            unsigned char *data,
            unsigned int   length)
{
  GBytes **rest = closure;
  gsize size;
  const guint8 *p = g_bytes_get_data (*rest, &size);
  GBytes *tail;

  if (length > size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, p, length);
  tail = g_bytes_new_from_bytes (*rest, length, size - length);
  g_bytes_unref (*rest);
  *rest = tail;
  return CAIRO_STATUS_SUCCESS;
}

/* Share of the pixels that are not white. */
static double
ink (cairo_surface_t *s)
{
  int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s);
  int stride = cairo_image_surface_get_stride (s), x, y;
  const guint8 *data = cairo_image_surface_get_data (s);
  guint64 n = 0;

  for (y = 0; y < h; y++)
    for (x = 0; x < w; x++)
      if ((*(const guint32 *) (data + y * stride + 4 * x) & 0xffffff) != 0xffffff)
        n++;
  return w * h > 0 ? n / ((double) w * h) : 0;
}

/* The generated 5,000-layer model: fitted to one PNG within cairo's limit,
 * and cut into tiles at full scale that the index lists, every one. */
static void
test_export_big (void)
{
  g_autofree char *dir = qs_test_make_dir ("qs-render");
  g_autofree char *model = write_big_model (dir, BIG_BLOCKS);
  g_autofree char *tiles = g_build_filename (dir, "tiles", NULL);
  g_autofree char *index_path = g_build_filename (tiles, "index.json", NULL);
  g_autofree char *html = NULL, *file_text_holder = NULL;
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GDir) listing = NULL;
  GBytes *rest;
  QsPaintExport export;
  QsPaintExportInfo info;
  JsonObject *index;
  JsonArray *list;
  cairo_surface_t *s;
  double w, h, area = 0;
  const char *file;
  guint i, n_files = 0;
  Fixture f;

  load (&f, model, FALSE, NULL, 0);
  g_assert_cmpuint (f.model->graph->n_nodes, ==, 3 * BIG_BLOCKS + 2);
  qs_paint_export_init (&export);
  export.legend = TRUE;
  qs_paint_export_get_size (f.scene, &export, 1.0, &w, &h);
  g_assert_cmpfloat (h, >, QS_PAINT_EXPORT_MAX_SIDE);

  /* without fitting: refused, one line */
  g_assert_false (qs_paint_export_png (f.scene, &export, FALSE, png, NULL, &error));
  g_assert_error (error, QS_PAINT_ERROR, QS_PAINT_ERROR_TOO_BIG);
  g_assert_null (strchr (error->message, '\n'));
  g_clear_error (&error);
  g_assert_cmpuint (png->len, ==, 0);

  /* fitted */
  g_assert_true (qs_paint_export_png (f.scene, &export, TRUE, png, &info, &error));
  g_assert_no_error (error);
  g_assert_true (info.fitted);
  g_assert_cmpfloat (info.scale, <, 1.0);
  g_assert_cmpfloat (info.scale, >, 0.5 * QS_PAINT_EXPORT_MAX_SIDE / h);
  g_assert_cmpint (info.detail, ==, QS_PAINT_DETAIL_OVERVIEW);
  rest = g_byte_array_free_to_bytes (g_steal_pointer (&png));
  s = cairo_image_surface_create_from_png_stream (read_bytes, &rest);
  g_bytes_unref (rest);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, (int) info.width);
  g_assert_cmpint (cairo_image_surface_get_height (s), ==, (int) info.height);
  g_assert_cmpint (cairo_image_surface_get_height (s), <=, QS_PAINT_EXPORT_MAX_SIDE);
  g_assert_cmpint (cairo_image_surface_get_width (s), <=, QS_PAINT_EXPORT_MAX_SIDE);
  g_assert_cmpfloat (info.width * info.height, <=, QS_PAINT_EXPORT_MAX_PIXELS);
  /* the fit uses the room it has: one side at the limit, or the area */
  g_assert_true (info.height > QS_PAINT_EXPORT_MAX_SIDE - 64 || info.width * info.height > 0.95 * QS_PAINT_EXPORT_MAX_PIXELS);
  /* boxes drawn, not an empty page */
  g_assert_cmpfloat (ink (s), >, 0.02);
  cairo_surface_destroy (s);

  /* tiles at full scale */
  export.tile_side = 2048;
  g_assert_true (qs_paint_export_tiles (f.scene, &export, tiles, &info, &error));
  g_assert_no_error (error);
  g_assert_false (info.fitted);
  g_assert_cmpfloat (info.scale, ==, 1.0);
  g_assert_cmpint (info.detail, ==, QS_PAINT_DETAIL_FULL);
  g_assert_cmpfloat (info.width, ==, w);
  g_assert_cmpfloat (info.height, ==, h);
  g_assert_cmpuint (info.rows, ==, (guint) ceil (h / 2048));
  g_assert_cmpuint (info.columns, ==, (guint) ceil (w / 2048));
  g_assert_true (json_parser_load_from_file (parser, index_path, &error));
  g_assert_no_error (error);
  index = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (index, "width"), ==, (gint64) w);
  g_assert_cmpint (json_object_get_int_member (index, "height"), ==, (gint64) h);
  list = json_object_get_array_member (index, "tiles");
  g_assert_cmpuint (json_array_get_length (list), ==, info.rows * info.columns);
  g_assert_true (g_file_get_contents (html = g_build_filename (tiles, "index.html", NULL), &file_text_holder, NULL, &error));
  g_assert_no_error (error);
  for (i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *tile = json_array_get_object_element (list, i);
      const char *name = json_object_get_string_member (tile, "file");
      g_autofree char *path = g_build_filename (tiles, name, NULL);
      g_autofree char *img = g_strdup_printf ("<img src=\"%s\"", name);

      s = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (s), ==, json_object_get_int_member (tile, "width"));
      g_assert_cmpint (cairo_image_surface_get_height (s), ==, json_object_get_int_member (tile, "height"));
      g_assert_cmpint (cairo_image_surface_get_width (s), <=, 2048);
      g_assert_cmpint (cairo_image_surface_get_height (s), <=, 2048);
      g_assert_cmpint (json_object_get_int_member (tile, "x") % 2048, ==, 0);
      g_assert_cmpint (json_object_get_int_member (tile, "y") % 2048, ==, 0);
      area += cairo_image_surface_get_width (s) * (double) cairo_image_surface_get_height (s);
      /* text at full detail: some ink on every tile that holds boxes */
      if (json_object_get_int_member (tile, "x") == 0 && json_object_get_int_member (tile, "y") + 2048 < h)
        g_assert_cmpfloat (ink (s), >, 0.01);
      cairo_surface_destroy (s);
      g_assert_nonnull (strstr (file_text_holder, img));
    }
  /* the tiles cover the graph exactly, and nothing else lies in the folder */
  g_assert_cmpfloat (area, ==, w * h);
  listing = g_dir_open (tiles, 0, &error);
  g_assert_no_error (error);
  while ((file = g_dir_read_name (listing)) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, json_array_get_length (list) + 2);
  /* every layer in the index, findable by name in the page */
  list = json_object_get_array_member (index, "layers");
  g_assert_cmpuint (json_array_get_length (list), ==, qs_paint_scene_get_n_boxes (f.scene));
  g_assert_nonnull (strstr (file_text_holder, "block1666/sigmoid"));
  fixture_clear (&f);
  qs_test_remove_tree (dir);
}

/* The level of detail of an export follows the type line's size in
 * pixels: every text, the type alone (which draws ink the overview does
 * not), or none. */
static void
test_export_detail (void)
{
  g_autofree char *model = handwritten_path ();
  g_autoptr(GByteArray) type = g_byte_array_new (), overview = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  QsPaintOptions options;
  QsPaintExport export;
  QsPaintExportInfo info;
  Fixture f;

  load (&f, model, FALSE, NULL, 0);
  qs_paint_options_init (&options);
  qs_paint_export_init (&export);
  export.options = &options;
  g_assert_cmpint (qs_paint_export_get_detail (f.scene, &export, 1.0), ==, QS_PAINT_DETAIL_FULL);
  g_assert_cmpint (qs_paint_export_get_detail (f.scene, &export, 0.4), ==, QS_PAINT_DETAIL_TYPE);
  g_assert_cmpint (qs_paint_export_get_detail (f.scene, &export, 0.2), ==, QS_PAINT_DETAIL_OVERVIEW);
  export.scale = 0.4;
  g_assert_true (qs_paint_export_png (f.scene, &export, FALSE, type, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.detail, ==, QS_PAINT_DETAIL_TYPE);
  g_assert_false (info.fitted);
  options.detail = QS_PAINT_DETAIL_OVERVIEW;
  g_assert_true (qs_paint_export_png (f.scene, &export, FALSE, overview, &info, &error));
  g_assert_cmpint (info.detail, ==, QS_PAINT_DETAIL_OVERVIEW);
  g_assert_true (type->len != overview->len || memcmp (type->data, overview->data, type->len) != 0);
  fixture_clear (&f);
}

/* Runs qscope-cli render; its standard output into *@out (nullable: kept
 * off the TAP stream all the same). */
static gboolean
run_cli_out (const char * const *args,
             int                *status,
             char              **out,
             char              **err)
{
  const char *cli = g_getenv ("QS_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *discard = NULL;
  guint i;

  if (cli == NULL)
    return FALSE;
  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "render");
  for (i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out != NULL ? out : &discard, err, status, &error));
  g_assert_no_error (error);
  *status = WIFEXITED (*status) ? WEXITSTATUS (*status) : -1;
  return TRUE;
}

static gboolean
run_cli (const char * const *args,
         int                *status,
         char              **err)
{
  return run_cli_out (args, status, NULL, err);
}

static void
test_cli_png (void)
{
  g_autofree char *model = handwritten_path ();
  g_autofree char *dir = qs_test_make_dir ("qs-render");
  g_autofree char *out = g_build_filename (dir, "hand.png", NULL);
  g_autofree char *err = NULL;
  const char *args[] = { model, "-o", out, "--legend", NULL };
  cairo_surface_t *s;
  int status;

  if (!run_cli (args, &status, &err))
    {
      g_test_skip ("QS_CLI not set");
      return;
    }
  g_assert_cmpint (status, ==, 0);
  s = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (s), >, 100);
  cairo_surface_destroy (s);
  qs_test_remove_tree (dir);
}

static guint
count_titles (xmlNode *node)
{
  guint n = 0;

  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE && xmlStrcmp (node->name, (const xmlChar *) "title") == 0)
        n++;
      n += count_titles (node->children);
    }
  return n;
}

/* The text of the first child element of @node named @name, or NULL. */
static char *
child_text (xmlNode    *node,
            const char *name)
{
  for (node = node->children; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE && xmlStrcmp (node->name, (const xmlChar *) name) == 0)
      return (char *) xmlNodeGetContent (node);
  return NULL;
}

/* Every group of class qs-layer: "title\ndesc" → its <text>. */
static void
collect_layers (xmlNode    *node,
                GHashTable *layers)
{
  for (; node != NULL; node = node->next)
    {
      xmlChar *klass;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      klass = xmlGetProp (node, (const xmlChar *) "class");
      if (klass != NULL && xmlStrcmp (klass, (const xmlChar *) "qs-layer") == 0)
        {
          char *title = child_text (node, "title"), *desc = child_text (node, "desc"), *text = child_text (node, "text");

          g_assert_nonnull (title);
          g_assert_nonnull (desc);
          g_assert_nonnull (text);
          g_hash_table_insert (layers, g_strdup_printf ("%s\n%s", title, desc), g_strdup (text));
          xmlFree (title);
          xmlFree (desc);
          xmlFree (text);
        }
      xmlFree (klass);
      collect_layers (node->children, layers);
    }
}

/* The CLI's SVG: every box found by its layer's name and type (glyphs are
 * paths), a <title> per fp32 badge, and the same bytes as the core export
 * the window calls, for the same scene and options. */
static void
test_cli_svg (void)
{
  g_autofree char *model = handwritten_path ();
  g_autofree char *dir = qs_test_make_dir ("qs-render");
  g_autofree char *out = g_build_filename (dir, "hand.svg", NULL);
  g_autofree char *err = NULL, *text = NULL;
  g_autoptr(GHashTable) layers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GByteArray) core = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  const char *args[] = { model, "-o", out, NULL };
  QsPaintExport export;
  QsPaintOptions options;
  Fixture f;
  xmlDoc *doc;
  guint i, n_badges = 0, n_boxes;
  gsize length;
  int status;

  if (!run_cli (args, &status, &err))
    {
      g_test_skip ("QS_CLI not set");
      return;
    }
  g_assert_cmpint (status, ==, 0);
  doc = xmlReadFile (out, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
  g_assert_nonnull (doc);
  g_assert_cmpstr ((const char *) xmlDocGetRootElement (doc)->name, ==, "svg");
  load (&f, model, FALSE, NULL, 0);
  n_boxes = qs_paint_scene_get_n_boxes (f.scene);
  for (i = 0; i < n_boxes; i++)
    if (qs_paint_scene_get_reason_badge (f.scene, i, NULL, NULL))
      n_badges++;
  g_assert_cmpuint (n_badges, >=, 1);
  /* one <title> per box (its name) and one per fp32 badge (the reason) */
  g_assert_cmpuint (count_titles (xmlDocGetRootElement (doc)), ==, n_boxes + n_badges);
  collect_layers (xmlDocGetRootElement (doc), layers);
  g_assert_cmpuint (g_hash_table_size (layers), ==, n_boxes);
  for (i = 0; i < n_boxes; i++)
    {
      const QsNode *node = qs_paint_scene_get_node (f.scene, i);
      g_autofree char *key = g_strdup_printf ("%s\n%s", node->name, node->type);
      const char *shown = g_hash_table_lookup (layers, key);

      g_assert_nonnull (shown);
      g_assert_nonnull (strstr (shown, node->name));
      g_assert_nonnull (strstr (shown, node->type));
    }
  xmlFreeDoc (doc);

  /* the same bytes from the core export with the CLI's defaults */
  qs_paint_options_init (&options);
  qs_paint_export_init (&export);
  export.options = &options;
  g_assert_true (qs_paint_export_svg (f.scene, &export, core, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &text, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, core->len);
  g_assert_true (memcmp (text, core->data, length) == 0);
  fixture_clear (&f);
  qs_test_remove_tree (dir);
}

/* A PNG past cairo's limit is fitted, by default and with --fit, and says
 * so; --tiles writes the folder; the choices that contradict are refused. */
static void
test_cli_too_big (void)
{
  g_autofree char *dir = qs_test_make_dir ("qs-render");
  g_autofree char *model = write_big_model (dir, 400);
  g_autofree char *out = g_build_filename (dir, "big.png", NULL);
  g_autofree char *tiles = g_build_filename (dir, "tiles", NULL);
  g_autofree char *index = g_build_filename (tiles, "index.html", NULL);
  g_autofree char *err = NULL, *said = NULL, *err2 = NULL, *said2 = NULL, *err3 = NULL;
  const char *args[] = { model, "-o", out, "--legend", NULL };
  const char *args2[] = { model, "--tiles", tiles, NULL };
  const char *args3[] = { model, "--tiles", tiles, "-o", out, NULL };
  cairo_surface_t *s;
  int status;

  if (!run_cli_out (args, &status, &said, &err))
    {
      g_test_skip ("QS_CLI not set");
      return;
    }
  if (status != 0)
    g_error ("render: %s", err);
  /* the note on standard error, so -o /dev/stdout stays a PNG */
  g_assert_cmpstr (said, ==, "");
  g_assert_true (g_str_has_prefix (err, "qscope-cli render: "));
  g_assert_nonnull (strstr (err, "fitted"));
  g_assert_nonnull (strstr (err, "--tiles"));
  s = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_height (s), <=, QS_PAINT_EXPORT_MAX_SIDE);
  g_assert_cmpint (cairo_image_surface_get_height (s), >, QS_PAINT_EXPORT_MAX_SIDE - 64);
  cairo_surface_destroy (s);

  run_cli_out (args2, &status, &said2, &err2);
  if (status != 0)
    g_error ("render --tiles: %s", err2);
  g_assert_nonnull (strstr (err2, "tiles"));
  g_assert_true (g_file_test (index, G_FILE_TEST_EXISTS));

  run_cli (args3, &status, &err3);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err3, "--tiles"));
  qs_test_remove_tree (dir);
}

static void
test_cli_bad_model (void)
{
  g_autofree char *dir = qs_test_make_dir ("qs-render");
  g_autofree char *bad = g_build_filename (dir, "bad.xml", NULL);
  g_autofree char *out = g_build_filename (dir, "bad.png", NULL);
  g_autofree char *err = NULL, *err2 = NULL;
  const char *args[] = { bad, "-o", out, NULL };
  g_autofree char *hand = handwritten_path ();
  const char *args2[] = { hand, "-o", out, "--around", "no such layer", NULL };
  int status;

  g_assert_true (g_file_set_contents (bad, "<net name=\"x\" version=\"11\"><layers><layer", -1, NULL));
  if (!run_cli (args, &status, &err))
    {
      g_test_skip ("QS_CLI not set");
      return;
    }
  g_assert_cmpint (status, ==, 2);
  g_assert_true (g_str_has_prefix (err, "qscope-cli: "));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  run_cli (args2, &status, &err2);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err2, "no such layer"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  qs_test_remove_tree (dir);
}

/* render --samples: the chart of a data-set run (on the fuzzers' small
 * model); the graph's own options refused */
static void
test_cli_samples (void)
{
  g_autofree char *model = g_test_build_filename (G_TEST_DIST, "fuzz", "model", "fuzz.xml", NULL);
  g_autofree char *dir = qs_test_make_dir ("qs-render");
  g_autofree char *out = g_build_filename (dir, "samples.png", NULL);
  g_autofree char *err = NULL, *err2 = NULL;
  const char *args[] = { model, "--samples", "--dataset", "random:3", "-o", out, NULL };
  const char *args2[] = { model, "--samples", "--transformed", "--dataset", "random:3", "-o", out, NULL };
  cairo_surface_t *s;
  int status;

  if (!run_cli (args2, &status, &err2))
    {
      g_test_skip ("QS_CLI not set");
      return;
    }
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err2, "--transformed"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  run_cli (args, &status, &err);
  if (status != 0)
    g_error ("render --samples: %s", err);
  s = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  /* 720 × 240 units at scale 1, and the margins */
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 768);
  g_assert_cmpint (cairo_image_surface_get_height (s), ==, 288);
  cairo_surface_destroy (s);
  qs_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *fonts = NULL;

  g_test_init (&argc, &argv, NULL);
  /* One font for stable pixels: DejaVu Sans only (tests/fonts.conf). */
  fonts = g_test_build_filename (G_TEST_DIST, "fonts.conf", NULL);
  g_setenv ("FONTCONFIG_FILE", fonts, TRUE);

  g_test_add_func ("/qscope/render/handwritten", test_handwritten);
  g_test_add_func ("/qscope/render/sample-around", test_sample_around);
  g_test_add_func ("/qscope/render/sample-transformed", test_sample_transformed);
  g_test_add_func ("/qscope/render/sample-heat", test_sample_heat);
  g_test_add_func ("/qscope/render/sample-overview", test_sample_overview);
  g_test_add_func ("/qscope/render/sample-collapsed", test_sample_collapsed);
  g_test_add_func ("/qscope/render/sample-precision", test_sample_precision);
  g_test_add_func ("/qscope/render/legend", test_legend);
  g_test_add_func ("/qscope/render/colorbar", test_colorbar);
  g_test_add_func ("/qscope/render/samples-chart", test_samples_chart);
  g_test_add_func ("/qscope/render/export-big", test_export_big);
  g_test_add_func ("/qscope/render/export-detail", test_export_detail);
  g_test_add_func ("/qscope/render/cli-png", test_cli_png);
  g_test_add_func ("/qscope/render/cli-samples", test_cli_samples);
  g_test_add_func ("/qscope/render/cli-svg", test_cli_svg);
  g_test_add_func ("/qscope/render/cli-too-big", test_cli_too_big);
  g_test_add_func ("/qscope/render/cli-bad-model", test_cli_bad_model);
  return g_test_run ();
}
