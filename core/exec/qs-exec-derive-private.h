/* qs-exec-derive-private.h — summaries derived from their data's rows, not counted
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "qs-op-private.h"
#include "qs-stats-derive.h"

G_BEGIN_DECLS

/* The row moments of a layer's output, kept for the Dequantize that reads
 * it (integers) or for an Add, Subtract or Multiply of it and a constant
 * (f32: rows_f32 in place of rows).  Rows are one channel of one batch
 * item (axis 1 the channel) where some reader has constants one a
 * channel; else C is 1 and the rows are pieces of QS_STATS_TASK values
 * (the last shorter), which only constants of one value can be derived
 * through. */
typedef struct
{
  QsElementType  type;
  int            rank;
  gint64         dims[QS_TENSOR_MAX_RANK];
  gint64         C;
  gsize          inner, n_rows;
  QsRowMoments  *rows;
  QsRowMomentsF32 *rows_f32;
} QsRowStash;

void        _qs_row_stash_free        (QsRowStash     *stash);

/* Whether output 0 of @node is the data of some qscope Dequantize: 0
 * when not, 1 when each such Dequantize's scale, zero point and shift
 * are declared with one value, 2 when some may hold one a channel. */
guint       _qs_derive_feeds_dequantize (const QsNode *node);

/* Which input of @node is data its summary can be derived from: an Add,
 * Subtract or Multiply (opset1, numpy broadcast) of that input and a
 * constant (@constant, by node index) declared with one value, or one a
 * channel of the data (axis 1 of its rank, which must be 2 or more); −1
 * when none.  *@per_channel (may be NULL) tells which of the two. */
int         _qs_derive_const_op_data  (const QsNode    *node,
                                       const gboolean  *constant,
                                       gboolean        *per_channel);

/* Whether output 0 of @node is the data of such an op (as
 * _qs_derive_feeds_dequantize()). */
guint       _qs_derive_feeds_const_op (const QsNode    *node,
                                       const gboolean  *constant);

/* Whether @out is a tensor _qs_derive_take_rows() takes. */
gboolean    _qs_derive_rows_fit       (const QsTensor *out,
                                       gboolean        per_channel);

/* One pass over @out (u8, i8, i32 or f32; rank >= 2 @per_channel): its row
 * moments, and its own summary from them added to @written (moments
 * only, set up by the caller).  NULL (nothing added) where @out does not
 * fit. */
QsRowStash *_qs_derive_take_rows      (const QsTensor *out,
                                       gboolean        per_channel,
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

/* The summary of @node, an op _qs_derive_const_op_data() gave data
 * input @data for (@stash its rows), added to @into (moments only)
 * without reading its output: TRUE when the constant in @in is one value,
 * or one a channel the rows are of, and the derivation holds
 * (qs_summary_add_const_op_rows()); FALSE and nothing added otherwise. */
gboolean    _qs_derive_const_op       (const QsRowStash *stash,
                                       const QsNode     *node,
                                       int               data,
                                       QsTensor *const  *in,
                                       guint             n_in,
                                       const QsTensor   *out,
                                       QsSummary        *into);

/* How many Dequantize summaries this process derived so far. */
guint       _qs_derive_get_n_derived  (void);
/* How many Add, Subtract and Multiply summaries. */
guint       _qs_derive_get_n_derived_const (void);

G_END_DECLS
