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

#include "qs-rows-private.h"

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
  if (inner <= QS_ROWS_SLICE)
    {
      job.rows_per_slice = MAX (1, QS_ROWS_SLICE / inner);
      n_slices = (n_rows + job.rows_per_slice - 1) / job.rows_per_slice;
    }
  else
    {
      job.pieces_per_row = (inner + QS_ROWS_SLICE - 1) / QS_ROWS_SLICE;
      job.piece = ((inner + job.pieces_per_row - 1) / job.pieces_per_row + 63) & ~(gsize) 63;
      job.pieces_per_row = (inner + job.piece - 1) / job.piece;
      n_slices = n_rows * job.pieces_per_row;
    }
  qs_parallel_for (n_slices, rows_slice, &job);
}
