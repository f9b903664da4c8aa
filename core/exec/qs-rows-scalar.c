/* qs-rows-scalar.c — the row loops of qs-rows-impl.h, the baseline x86-64 build (SSE2),
 * the reference the other ISAs are held to; it also exports _qs_rows_expf()
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#define QS_ROWS_FILL _qs_rows_fill_scalar
#define QS_ROWS_EXPORT_EXPF 1
#include "qs-rows-impl.h"
