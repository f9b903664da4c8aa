/* qs-keep-float.h — a mixed-precision IR: chosen layers kept in float
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The fix that follows a sensitivity ranking: the activation FakeQuantize
 * layers that quantize the chosen layers' inputs are removed, with the
 * FakeQuantize layers LPT aligns them with (so that no Concat is left with
 * some inputs quantized and others not), and every consumer reads the
 * float value the FakeQuantize received.  A name may also be that of a
 * FakeQuantize itself (what `sensitivity` lists).  With float weights the
 * chosen layers' compressed weights become one f32 Const each (f16 where
 * the chain delivered f16; a float
 * Const behind a FakeQuantize gets the FakeQuantize removed instead).
 * Every other layer is copied as it was: same id, name, attributes, ports,
 * rt_info and Const bytes; what only the removed layers read (their range
 * Consts) goes with them.  The chosen layers carry the rt_info attribute
 * "qscope_keep_float", which OpenVINO's IR reader skips as unknown and
 * qscope's LPT names as the reason the layer runs in float.
 */
#pragma once

#include "qs-model.h"

G_BEGIN_DECLS

#define QS_KEEP_FLOAT_ERROR (qs_keep_float_error_quark ())

typedef enum
{
  QS_KEEP_FLOAT_ERROR_NO_LAYER = 1,  /* a name that is no layer of the model */
  QS_KEEP_FLOAT_ERROR_NOTHING,       /* nothing would change */
  QS_KEEP_FLOAT_ERROR_WEIGHTS,       /* weights asked in float cannot be read */
  QS_KEEP_FLOAT_ERROR_BUILD,
} QsKeepFloatError;

GQuark qs_keep_float_error_quark (void);

/* The rt_info attribute a kept layer carries. */
#define QS_KEEP_FLOAT_ATTRIBUTE "qscope_keep_float"

typedef struct
{
  QsModel   *original;
  QsModel   *model;         /* the new model; valid while @original lives (held here) */
  GPtrArray *asked;         /* const QsNode * of @original: the layers named */
  GPtrArray *removed;       /* const QsNode * of @original: the FakeQuantize layers removed */
  GPtrArray *weights;       /* const QsNode * of @original: layers whose weights became f32 */
  GPtrArray *dropped;       /* const QsNode * of @original: what only the removed layers read */
  GPtrArray *notes;         /* char *: one line each, for a person */
} QsKeepFloat;

/* @names: layer names (compute layers or FakeQuantize layers). */
QsKeepFloat *qs_keep_float        (QsModel           *model,
                                   const char *const *names,
                                   guint              n_names,
                                   gboolean           float_weights,
                                   GError           **error);
void         qs_keep_float_free   (QsKeepFloat       *keep);

/* The compute layers LPT runs in int8 in the original and in float in the
 * new model: a new array of const QsNode * of the new model (each
 * node->origin is the original's), in graph order; NULL with @error when
 * LPT cannot run on either. */
GPtrArray   *qs_keep_float_now_float (const QsKeepFloat *keep,
                                      GError           **error);

/* Whether @node carries the attribute (a layer an export kept in float). */
gboolean     qs_node_is_kept_float (const QsNode     *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsKeepFloat, qs_keep_float_free)

G_END_DECLS
