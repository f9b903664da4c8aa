/* qs-stats-memo.h — summaries of a run's layer outputs, each tensor read once
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * An observer that summarises every layer output reads many tensors more
 * than once, or reads what cannot have changed: a FakeQuantize run in
 * float mode, a Reshape or a Squeeze hands on its input's data (the same
 * values as the layer before it), and the outputs of constant layers
 * (weights, their Convert and decompression) are the same in every run of
 * a plan.  A memo keeps what each output added to its summary (the
 * partial sums in their merge order and the levels it maps to) and adds
 * that again instead of reading the tensor: bit for bit what
 * qs_summary_add_tensor() would add, to a summary in any state.
 *
 * Outputs are named by (node, port).  A memo is used for one plan and
 * runs of it that give constant layers the same values (clear it when the
 * plan or its FakeQuantize choices change), and told when a new run
 * starts.  It is not locked: one observer at a time.
 */
#pragma once

#include "qs-graph.h"
#include "qs-stats.h"

G_BEGIN_DECLS

typedef struct _QsSummaryMemo QsSummaryMemo;

QsSummaryMemo *qs_summary_memo_new      (void);
void           qs_summary_memo_free     (QsSummaryMemo   *memo);
/* Forgets everything (a new plan). */
void           qs_summary_memo_clear    (QsSummaryMemo   *memo);
/* A new run starts: what the last one's non-constant outputs added is no
 * longer reused. */
void           qs_summary_memo_next_run (QsSummaryMemo   *memo);

/* Adds @tensor, output @port of @node in the current run, to @summary as
 * qs_summary_add_tensor() does, and remembers what it added.  Instead of
 * reading @tensor it adds again, when the bins, the FakeQuantize range,
 * the element type and the count are the same:
 *  - with @constant (the caller vouches that the output is the same in
 *    every run since the last clear), what this output added in any run;
 *  - what the output feeding one of @node's inputs added in this run, when
 *    @tensor has that tensor's data (a view or the tensor itself).
 * Returns whether @tensor was read. */
gboolean       qs_summary_memo_add      (QsSummaryMemo   *memo,
                                         QsSummary       *summary,
                                         const QsNode    *node,
                                         guint            port,
                                         const QsTensor  *tensor,
                                         gboolean         constant);

/* Remembers that @added (a summary of @tensor alone, under the bins and
 * range of the summary it went into: qs_exec_output_summarised()) was
 * added for output @port of @node without the memo, so that the views of
 * @tensor after it add it again as above instead of reading the data. */
void           qs_summary_memo_note     (QsSummaryMemo   *memo,
                                         const QsNode    *node,
                                         guint            port,
                                         const QsTensor  *tensor,
                                         const QsSummary *added,
                                         gboolean         constant);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsSummaryMemo, qs_summary_memo_free)

G_END_DECLS
