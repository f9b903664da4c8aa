/* qs-input.h — model inputs from .npy files, photos or a seeded PRNG
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A spec is "NAME=FILE.npy", "NAME=random[:SEED]" or "NAME=PHOTO.png|jpg";
 * NAME is a tensor name or the Parameter's layer name and may be left out
 * ("FILE.npy") when the model has one input.
 *
 * random: SplitMix64 (Steele, Lea, Flood 2014) seeded with SEED (default 0)
 * gives 64-bit words; a uniform float in [0,1) is the top 24 bits / 2^24.
 * Element i takes the next word(s) in order.  With a FakeQuantize guarding
 * the input the values are uniform over [in_low, in_high); otherwise they
 * are standard normal by Box–Muller (two uniforms u1, u2 per value:
 * sqrt(-2 ln(1-u1)) * cos(2 pi u2)).
 *
 * Photos follow Open Model Zoo conventions unless told otherwise: resized
 * (bilinear) to the input's height and width, BGR order, values 0–255, NCHW
 * (NHWC when the last dimension is 3 and the second is not), then
 * (x - mean) / scale.  The fitting resizes keep the aspect ratio: the photo
 * is scaled by min (W / w, H / h) (rounded to whole pixels) and the rest is
 * pad_value, on the right and bottom (fit) or split evenly (letterbox, the
 * extra pixel of an odd split on the right and bottom).
 */
#pragma once

#include "qs-exec.h"

G_BEGIN_DECLS

/* Photos larger than this (before or after resizing) are refused. */
#define QS_INPUT_MAX_IMAGE_PIXELS 100000000

/* How a photo is brought to the input's height and width. */
typedef enum
{
  QS_IMAGE_RESIZE_STRETCH = 0,   /* both sides to the input's (OMZ, "standard") */
  QS_IMAGE_RESIZE_FIT,           /* keep the aspect ratio, pad right and bottom ("fit_to_window") */
  QS_IMAGE_RESIZE_LETTERBOX,     /* keep the aspect ratio, centred, pad both sides ("fit_to_window_letterbox") */
} QsImageResize;

typedef enum
{
  QS_IMAGE_LAYOUT_AUTO = 0,      /* NHWC when the last dimension is 3 and the second is not, else NCHW */
  QS_IMAGE_LAYOUT_NCHW,
  QS_IMAGE_LAYOUT_NHWC,
} QsImageLayout;

typedef struct
{
  gboolean      rgb;          /* channel order RGB instead of BGR */
  float         mean[3];      /* per channel, in the chosen order */
  float         scale[3];
  QsImageResize resize;
  float         pad_value;    /* of the padded pixels, before mean and scale */
  QsImageLayout layout;
} QsImageOptions;

void      qs_image_options_init   (QsImageOptions       *options);

QsTensor *qs_input_random         (int                   rank,
                                   const gint64         *dims,
                                   guint64               seed,
                                   gboolean              uniform,
                                   float                 low,
                                   float                 high);
QsTensor *qs_input_load_image     (const char           *path,
                                   int                   rank,
                                   const gint64         *dims,
                                   const QsImageOptions *options,
                                   GError              **error);

/* The FakeQuantize range right after @parameter (through Converts), if any. */
gboolean  qs_input_fq_range       (const QsNode         *parameter,
                                   float                *low,
                                   float                *high);

/* Builds one tensor per graph parameter from @specs (NULL-terminated).
 * Inputs without a spec are an error.  Returns a new array (free each
 * tensor and the array). */
QsTensor **qs_inputs_from_specs   (QsModel              *model,
                                   const char *const    *specs,
                                   const QsImageOptions *options,
                                   GError              **error);

G_END_DECLS
