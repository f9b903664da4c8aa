/* qs-screenshot.h — screenshot regression tests for widgets
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A widget is captured the way GTK's reftests do it (a widget paintable,
 * snapshotted and rendered by the cairo renderer) and compared with
 * tests/golden/NAME.png.  On a mismatch NAME.out.png and NAME.diff.png are
 * written to G_TEST_BUILDDIR and the test fails; with QS_UPDATE_GOLDENS=1
 * in the environment the golden is (re)written instead.
 *
 * Stable pixels need a stable environment; tests/meson.build sets it:
 * GSK_RENDERER=cairo, a fontconfig file with DejaVu only, a light colour
 * scheme, and qs_screenshot_setup() turns animations off.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Defaults: a channel may be off by this much before a pixel counts as
 * different, and this share of pixels may differ (antialiasing noise). */
#define QS_SCREENSHOT_TOLERANCE  16
#define QS_SCREENSHOT_MAX_SHARE  0.001

void        qs_screenshot_setup          (void);
void        qs_screenshot_wait_for_frames (GtkWidget   *widget,
                                          guint        n_frames);
GdkTexture *qs_screenshot_capture        (GtkWidget   *widget);
gboolean    qs_screenshot_compare        (GdkTexture  *actual,
                                          GdkTexture  *expected,
                                          guint        tolerance,
                                          double       max_share,
                                          GdkTexture **diff,
                                          char       **explanation);
void        qs_screenshot_assert_full    (GtkWidget   *widget,
                                          const char  *name,
                                          guint        tolerance,
                                          double       max_share);

#define qs_screenshot_assert(widget, name) \
  qs_screenshot_assert_full ((widget), (name), QS_SCREENSHOT_TOLERANCE, QS_SCREENSHOT_MAX_SHARE)

G_END_DECLS
