/* qs-rows-avx2.c — the row loops of qs-rows-impl.h, built with -mavx2 -mfma
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#define QS_ROWS_FILL _qs_rows_fill_avx2
#include "qs-rows-impl.h"
