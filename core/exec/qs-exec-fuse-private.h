/* qs-exec-fuse-private.h — fused elementwise chains of the int8 plan
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "qs-op-private.h"

G_BEGIN_DECLS

/* Dequantize → elementwise ops → Quantize, each link the only consumer of
 * the one before. */
typedef struct
{
  guint             n;       /* links, the Dequantize first and the Quantize last */
  const QsNode    **nodes;
  const QsOpEntry **ops;
  guint            *port;    /* the input through which link i reads link i - 1 */
} QsFuseChain;

/* The chain starting at @dequantize, or NULL when there is none that can
 * fuse (a link kept, read by two layers, constant or of another kind).
 * @ops, @keep and @constant are the plan's, by node index. */
QsFuseChain *_qs_fuse_chain_find (const QsNode           *dequantize,
                                  const QsOpEntry *const *ops,
                                  const gboolean         *keep,
                                  const gboolean         *constant);
void         _qs_fuse_chain_free (QsFuseChain            *chain);

/* Runs @chain slice by slice.  @inputs[i] are link i's inputs (the one
 * through which it reads the chain is ignored except for link 0's data).
 * Returns TRUE with @result the Quantize's output, bit for bit what the
 * links run one by one give; FALSE (no error) when some link did not run
 * on a slice: the caller then runs _qs_fuse_chain_run_whole().  Each
 * slice of link i's output is added to @sums[i] where that is not NULL
 * (@sums itself may be NULL); a FALSE return may leave slices added. */
gboolean     _qs_fuse_chain_run  (const QsFuseChain      *chain,
                                  QsExec                 *exec,
                                  QsExecMode              mode,
                                  QsTensor *const *const *inputs,
                                  QsSummary *const       *sums,
                                  QsTensor              **result);

/* A pass over the slices that keeps only @ranges[2i], @ranges[2i + 1]:
 * the least and greatest finite value of link i's output (min > max when
 * there is none).  FALSE when some link did not run on a slice. */
gboolean     _qs_fuse_chain_ranges (const QsFuseChain      *chain,
                                    QsExec                 *exec,
                                    QsExecMode              mode,
                                    QsTensor *const *const *inputs,
                                    double                 *ranges);

/* How many chain runs in this process took the whole chain as one row
 * loop (the rest of the fused runs call each link's op on slices). */
guint        _qs_fuse_get_n_row_loops (void);

/* The links one by one on whole tensors, exactly as separate layers run
 * them; on failure @failed is the link that failed, with its error. */
gboolean     _qs_fuse_chain_run_whole (const QsFuseChain      *chain,
                                       QsExec                 *exec,
                                       QsExecMode              mode,
                                       QsTensor *const *const *inputs,
                                       QsSummary *const       *sums,
                                       QsTensor              **result,
                                       guint                  *failed,
                                       GError                **error);

G_END_DECLS
