/* qs-pad.h — where a padded position reads from, for Pad and for the
 * transformation that moves a Dequantize through it
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  QS_PAD_CONSTANT,
  QS_PAD_EDGE,
  QS_PAD_REFLECT,
  QS_PAD_SYMMETRIC,
} QsPadMode;

gboolean qs_pad_mode_parse (const char *name,
                            QsPadMode  *mode);
gint64   qs_pad_source     (gint64      o,
                            gint64      pb,
                            gint64      n,
                            QsPadMode   mode);

G_END_DECLS
