/* qs-rows.c — which ISA's row loops the ops use
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The tables are filled once, after run-time detection (an ISA the CPU
 * lacks gets the scalar table); which one an op takes follows
 * qs_kernels_get_isa() at every call, as the kernels and the statistics do.
 */
#include "config.h"

#include <string.h>

#include "qs-rows-private.h"
#include "qs-stats.h"

const QsRows *
_qs_rows_for_isa (QsIsa isa)
{
  static QsRows tables[QS_ISA_N];
  static gsize once = 0;
  static const QsIsaTableFill fill[QS_ISA_N] = {
    (QsIsaTableFill) _qs_rows_fill_scalar,
    (QsIsaTableFill) _qs_rows_fill_avx2,
    (QsIsaTableFill) _qs_rows_fill_avx512,
  };

  return _qs_isa_table (&once, tables, sizeof tables[0], fill, isa);
}

const QsRows *
_qs_rows (void)
{
  return _qs_rows_for_isa (qs_kernels_get_isa ());
}

typedef struct
{
  QsRowsFunc func;
  gpointer   data;
  gsize      n_rows, inner;
  gsize      rows_per_slice;    /* whole rows per slice, or 0 */
  gsize      pieces_per_row;    /* slices per row when rows are long */
  gsize      piece;             /* elements per slice of a long row */
} RowsJob;

static void
rows_slice (gsize    i,
            gpointer data)
{
  const RowsJob *job = data;

  if (job->rows_per_slice > 0)
    {
      gsize row = i * job->rows_per_slice;
      gsize end = MIN (row + job->rows_per_slice, job->n_rows);

      for (; row < end; row++)
        job->func (row, 0, job->inner, job->data);
    }
  else
    {
      gsize row = i / job->pieces_per_row;
      gsize first = (i % job->pieces_per_row) * job->piece;

      job->func (row, first, MIN (job->piece, job->inner - first), job->data);
    }
}

/* Cuts @job's rows into slices (from the shape alone); returns how many. */
static gsize
rows_cut (RowsJob *job,
          gsize    slice)
{
  if (job->inner <= slice)
    {
      job->rows_per_slice = MAX (1, slice / job->inner);
      return (job->n_rows + job->rows_per_slice - 1) / job->rows_per_slice;
    }
  job->pieces_per_row = (job->inner + slice - 1) / slice;
  job->piece = ((job->inner + job->pieces_per_row - 1) / job->pieces_per_row + 63) & ~(gsize) 63;
  job->pieces_per_row = (job->inner + job->piece - 1) / job->piece;
  return job->n_rows * job->pieces_per_row;
}

void
_qs_rows_parallel (gsize      n_rows,
                   gsize      inner,
                   QsRowsFunc func,
                   gpointer   data)
{
  RowsJob job = { func, data, n_rows, inner, 0, 1, inner };
  gsize n_slices;

  if (n_rows == 0 || inner == 0)
    return;
  if (n_rows * inner < QS_ROWS_PARALLEL_MIN || qs_parallel_get_threads () < 2)
    {
      for (gsize row = 0; row < n_rows; row++)
        func (row, 0, inner, data);
      return;
    }
  n_slices = rows_cut (&job, QS_ROWS_SLICE);
  qs_parallel_for (n_slices, rows_slice, &job);
}

typedef struct
{
  RowsJob      rows;
  const float *out;
  QsSummary   *parts;     /* one a slice */
} SummaryJob;

/* A slice, then its output's summary while it is still in cache.  The
 * slice's elements are out[first, first + count) of the dense output:
 * whole rows, or a piece of one. */
static void
rows_slice_summary (gsize    i,
                    gpointer data)
{
  SummaryJob *job = data;
  const RowsJob *r = &job->rows;
  QsTensor view;
  gsize first, count;
  gint64 dim;

  rows_slice (i, (gpointer) r);
  if (r->rows_per_slice > 0)
    {
      first = i * r->rows_per_slice * r->inner;
      count = (MIN ((i + 1) * r->rows_per_slice, r->n_rows) - i * r->rows_per_slice) * r->inner;
    }
  else
    {
      first = (i / r->pieces_per_row) * r->inner + (i % r->pieces_per_row) * r->piece;
      count = MIN (r->piece, r->inner - (i % r->pieces_per_row) * r->piece);
    }
  dim = (gint64) count;
  qs_tensor_init_borrowed (&view, QS_ELEMENT_F32, 1, &dim, (gpointer) (job->out + first));
  qs_summary_add_tensor (&job->parts[i], &view);
}

void
_qs_rows_parallel_summary (gsize       n_rows,
                           gsize       inner,
                           QsRowsFunc  func,
                           gpointer    data,
                           const float *out,
                           QsSummary  *summary)
{
  SummaryJob job = { { func, data, n_rows, inner, 0, 1, inner }, out, NULL };
  gsize n_slices, i;

  if (summary == NULL)
    {
      _qs_rows_parallel (n_rows, inner, func, data);
      return;
    }
  if (n_rows == 0 || inner == 0)
    return;
  n_slices = rows_cut (&job.rows, QS_ROWS_SLICE);
  job.parts = g_new (QsSummary, n_slices);
  for (i = 0; i < n_slices; i++)
    qs_summary_init (&job.parts[i], summary->has_bins ? &summary->bins : NULL, summary->has_fq ? &summary->fq : NULL);
  if (n_rows * inner < QS_ROWS_PARALLEL_MIN || qs_parallel_get_threads () < 2)
    for (i = 0; i < n_slices; i++)
      rows_slice_summary (i, &job);
  else
    qs_parallel_for (n_slices, rows_slice_summary, &job);
  /* in slice order, whatever thread took which */
  for (i = 0; i < n_slices; i++)
    {
      qs_summary_merge (summary, &job.parts[i]);
      qs_summary_clear (&job.parts[i]);
    }
  g_free (job.parts);
}
