/* qs-image-compare.h — golden image comparison for cairo surfaces
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The display-free twin of qs-screenshot.h, for core tests that paint on
 * a cairo image surface.  An image is compared with tests/golden/NAME.png:
 * a pixel differs when one channel is off by more than the tolerance, and
 * the test fails when more than max_share of the pixels differ.  On a
 * mismatch NAME.out.png and NAME.diff.png are written to G_TEST_BUILDDIR
 * (beside the test log); with QS_UPDATE_GOLDENS=1 the golden is (re)written
 * in the source tree instead.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

#define QS_IMAGE_TOLERANCE 16
#define QS_IMAGE_MAX_SHARE 0.002

/* Returns TRUE when @actual matches @expected; otherwise *@explanation
 * (nullable) says how, and *@diff (nullable) gets an image with the
 * differing pixels in red over a faded copy of @actual. */
gboolean  qs_image_compare         (cairo_surface_t  *actual,
                                    cairo_surface_t  *expected,
                                    guint             tolerance,
                                    double            max_share,
                                    cairo_surface_t **diff,
                                    char            **explanation);
void      qs_image_assert_full     (cairo_surface_t  *actual,
                                    const char       *name,
                                    guint             tolerance,
                                    double            max_share);

#define qs_image_assert(surface, name) \
  qs_image_assert_full ((surface), (name), QS_IMAGE_TOLERANCE, QS_IMAGE_MAX_SHARE)

G_END_DECLS
