/* qs-exec-derive-private.h — Dequantize summaries derived, not counted
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "qs-op-private.h"
#include "qs-stats-derive.h"

G_BEGIN_DECLS

/* The row moments of a layer's integer output, kept for the Dequantize
 * that reads it (rows: one channel of one batch item, axis 1 the channel). */
typedef struct
{
  QsElementType  type;
  int            rank;
  gint64         dims[QS_TENSOR_MAX_RANK];
  gint64         C;
  gsize          inner, n_rows;
  QsRowMoments  *rows;
} QsRowStash;

void        _qs_row_stash_free        (QsRowStash     *stash);

/* Whether output 0 of @node is the data of some qscope Dequantize. */
gboolean    _qs_derive_feeds_dequantize (const QsNode *node);

/* Whether @out is a tensor _qs_derive_take_rows() takes. */
gboolean    _qs_derive_rows_fit       (const QsTensor *out);

/* One pass over @out (u8, i8 or i32, rank >= 2): its row moments, and
 * its own summary from them added to @written (moments only, set up by
 * the caller).  NULL (nothing added) where @out does not fit. */
QsRowStash *_qs_derive_take_rows      (const QsTensor *out,
                                       QsSummary      *written);

/* The summary of a Dequantize (a qscope one: data, scale, zero point
 * [, shift]) whose data @stash is of, added to @into (moments only)
 * without reading its output: TRUE when its constants are one value a
 * channel (or one in all) and the derivation holds (qs-stats-derive.h);
 * FALSE and nothing added otherwise. */
gboolean    _qs_derive_dequantize     (const QsRowStash *stash,
                                       const QsNode     *dequantize,
                                       QsTensor *const  *in,
                                       guint             n_in,
                                       QsSummary        *into);

/* How many Dequantize summaries this process derived so far. */
guint       _qs_derive_get_n_derived  (void);

G_END_DECLS
