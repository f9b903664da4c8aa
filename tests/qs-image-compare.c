/* qs-image-compare.c — golden image comparison for cairo surfaces
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "qs-image-compare.h"

static cairo_surface_t *
to_argb (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  cairo_surface_t *copy = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (copy);

  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (copy);
  return copy;
}

gboolean
qs_image_compare (cairo_surface_t  *actual,
                  cairo_surface_t  *expected,
                  guint             tolerance,
                  double            max_share,
                  cairo_surface_t **diff,
                  char            **explanation)
{
  cairo_surface_t *a, *e, *d = NULL;
  int w = cairo_image_surface_get_width (actual), h = cairo_image_surface_get_height (actual);
  guint64 n_diff = 0;
  guint max_delta = 0;
  int x, y;
  gboolean ok;

  if (w != cairo_image_surface_get_width (expected) || h != cairo_image_surface_get_height (expected))
    {
      if (explanation != NULL)
        *explanation = g_strdup_printf ("size %d×%d, golden %d×%d", w, h,
                                        cairo_image_surface_get_width (expected),
                                        cairo_image_surface_get_height (expected));
      if (diff != NULL)
        *diff = NULL;
      return FALSE;
    }
  a = to_argb (actual);
  e = to_argb (expected);
  if (diff != NULL)
    d = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  for (y = 0; y < h; y++)
    {
      const guint32 *pa = (const guint32 *) (cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a));
      const guint32 *pe = (const guint32 *) (cairo_image_surface_get_data (e) + y * cairo_image_surface_get_stride (e));
      guint32 *pd = d != NULL ? (guint32 *) (cairo_image_surface_get_data (d) + y * cairo_image_surface_get_stride (d)) : NULL;
      for (x = 0; x < w; x++)
        {
          guint delta = 0, c;
          for (c = 0; c < 32; c += 8)
            delta = MAX (delta, (guint) abs ((int) ((pa[x] >> c) & 0xff) - (int) ((pe[x] >> c) & 0xff)));
          max_delta = MAX (max_delta, delta);
          if (delta > tolerance)
            n_diff++;
          if (pd != NULL)
            {
              /* Differences in red over a faded grey copy of the image */
              guint grey = 255 - (255 - ((pa[x] >> 8) & 0xff)) / 4;
              pd[x] = delta > tolerance ? 0xffff0000 : (0xff000000 | grey << 16 | grey << 8 | grey);
            }
        }
    }
  cairo_surface_destroy (a);
  cairo_surface_destroy (e);
  ok = n_diff <= max_share * (double) w * h;
  if (explanation != NULL)
    *explanation = ok ? NULL : g_strdup_printf ("%" G_GUINT64_FORMAT " of %d pixels differ by more than %u (largest %u); at most %.3g%% may",
                                                n_diff, w * h, tolerance, max_delta, max_share * 100);
  if (d != NULL)
    cairo_surface_mark_dirty (d);
  if (diff != NULL)
    *diff = d;
  else if (d != NULL)
    cairo_surface_destroy (d);
  return ok;
}

void
qs_image_assert_full (cairo_surface_t *actual,
                      const char      *name,
                      guint            tolerance,
                      double           max_share)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *golden = g_test_build_filename (G_TEST_DIST, "golden", file, NULL);
  cairo_surface_t *expected, *diff = NULL;
  g_autofree char *explanation = NULL;

  if (g_strcmp0 (g_getenv ("QS_UPDATE_GOLDENS"), "1") == 0)
    {
      g_assert_cmpint (cairo_surface_write_to_png (actual, golden), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("updated %s", golden);
      return;
    }
  expected = cairo_image_surface_create_from_png (golden);
  if (cairo_surface_status (expected) != CAIRO_STATUS_SUCCESS)
    explanation = g_strdup_printf ("no golden %s (run with QS_UPDATE_GOLDENS=1 to make it)", golden);
  else if (qs_image_compare (actual, expected, tolerance, max_share, &diff, &explanation))
    {
      /* the diff is made whenever the sizes match, even when nothing differs */
      g_clear_pointer (&diff, cairo_surface_destroy);
      cairo_surface_destroy (expected);
      return;
    }
  cairo_surface_destroy (expected);
  {
    g_autofree char *out_name = g_strconcat (name, ".out.png", NULL);
    g_autofree char *diff_name = g_strconcat (name, ".diff.png", NULL);
    g_autofree char *out = g_test_build_filename (G_TEST_BUILT, out_name, NULL);
    g_autofree char *diff_path = g_test_build_filename (G_TEST_BUILT, diff_name, NULL);
    cairo_surface_write_to_png (actual, out);
    if (diff != NULL)
      {
        cairo_surface_write_to_png (diff, diff_path);
        cairo_surface_destroy (diff);
      }
    g_test_fail_printf ("%s: %s; see %s and %s", name, explanation, out, diff_path);
  }
}
