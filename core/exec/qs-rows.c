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
