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
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      QsIsa best = qs_kernels_detect_isa ();

      _qs_rows_fill_scalar (&tables[QS_ISA_SCALAR]);
      tables[QS_ISA_AVX2] = tables[QS_ISA_SCALAR];
      tables[QS_ISA_AVX512_VNNI] = tables[QS_ISA_SCALAR];
      if (best >= QS_ISA_AVX2)
        {
          _qs_rows_fill_avx2 (&tables[QS_ISA_AVX2]);
          tables[QS_ISA_AVX512_VNNI] = tables[QS_ISA_AVX2];
        }
      if (best >= QS_ISA_AVX512_VNNI)
        _qs_rows_fill_avx512 (&tables[QS_ISA_AVX512_VNNI]);
      g_once_init_leave (&initialized, 1);
    }
  if ((int) isa < 0 || isa >= QS_ISA_N)
    isa = QS_ISA_SCALAR;
  return &tables[isa];
}

const QsRows *
_qs_rows (void)
{
  return _qs_rows_for_isa (qs_kernels_get_isa ());
}
