/* qs-preprocess.h — how a photo becomes a model input, as the model says
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Two kinds of record in an IR speak of preprocessing, and they mean
 * opposite things:
 *  - rt_info model_info (written for OpenVINO's model API by NNCF, OTX and
 *    exporters: mean_values, scale_values, reverse_input_channels,
 *    resize_type, pad_value) says what the APPLICATION must do to a BGR
 *    photo before feeding it.  qscope does the same by default.
 *  - the converter's parameters (meta_data cli_parameters of the Model
 *    Optimizer, rt_info conversion_parameters of newer converters:
 *    mean_values, scale_values, reverse_input_channels) say what the
 *    converter already BUILT INTO the graph: the model then takes plain
 *    0–255 pixels in OMZ's BGR order, and doing it again would be wrong.
 *    qscope says that it is embedded and feeds plain pixels.
 * The layout comes from the Parameter's rt_info (layout="[N,C,H,W]"),
 * from the converter's layout/source_layout, or from the shape.
 * Anything the user gives overrides the model, field by field.
 */
#pragma once

#include "qs-input.h"
#include "qs-model.h"

G_BEGIN_DECLS

/* Where one setting came from. */
typedef enum
{
  QS_PREP_DEFAULT = 0,       /* OMZ's convention: BGR, 0–255, stretch, layout from the shape */
  QS_PREP_MODEL_INFO,        /* rt_info model_info */
  QS_PREP_LAYOUT_RT_INFO,    /* the Parameter's layout rt_info */
  QS_PREP_CONVERSION,        /* the converter's parameters */
  QS_PREP_USER,              /* a command-line option or the window */
} QsPrepSource;

typedef struct
{
  QsImageOptions image;
  QsPrepSource   rgb_from;
  QsPrepSource   mean_from;
  QsPrepSource   scale_from;
  QsPrepSource   resize_from;
  QsPrepSource   layout_from;
  /* What the converter built into the graph ("mean 88,107,102; scale
   * 76.9231"), or NULL when it says nothing. */
  char          *embedded;
} QsPreprocess;

/* Fills @prep for @parameter of @model from its rt_info and meta_data;
 * what the model does not say is the default. */
void         qs_preprocess_from_model   (QsModel        *model,
                                         const QsNode   *parameter,
                                         QsPreprocess   *prep);
void         qs_preprocess_clear        (QsPreprocess   *prep);
void         qs_preprocess_copy         (QsPreprocess   *dest,
                                         const QsPreprocess *src);

/* User overrides; each marks its field QS_PREP_USER. */
void         qs_preprocess_set_rgb      (QsPreprocess   *prep,
                                         gboolean        rgb);
void         qs_preprocess_set_mean     (QsPreprocess   *prep,
                                         const float     mean[3]);
void         qs_preprocess_set_scale    (QsPreprocess   *prep,
                                         const float     scale[3]);
void         qs_preprocess_set_resize   (QsPreprocess   *prep,
                                         QsImageResize   resize,
                                         float           pad_value);
void         qs_preprocess_set_layout   (QsPreprocess   *prep,
                                         QsImageLayout   layout);

/* "BGR, mean 0, scale 255 (model_info); letterbox, pad 114 (model_info);
 * NCHW (layout rt_info)": one line for a person. */
char        *qs_preprocess_describe     (const QsPreprocess *prep);

const char  *qs_prep_source_name        (QsPrepSource    source);   /* "default", "model_info", ... */
const char  *qs_image_resize_name       (QsImageResize   resize);   /* "stretch", "fit", "letterbox" */
gboolean     qs_image_resize_parse      (const char     *text,
                                         QsImageResize  *resize);
const char  *qs_image_layout_name       (QsImageLayout   layout);   /* "auto", "NCHW", "NHWC" */
gboolean     qs_image_layout_parse      (const char     *text,
                                         QsImageLayout  *layout);

G_END_DECLS
