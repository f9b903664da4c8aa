/* qs-rows-avx512.c — the row loops of qs-rows-impl.h, built with the AVX-512 flags
 * (GCC 12 then uses 512-bit vectors)
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#define QS_ROWS_FILL _qs_rows_fill_avx512
#include "qs-rows-impl.h"
