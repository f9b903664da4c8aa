/* qs-op-pool.c
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "qs-op-private.h"

const QsOpEntry _qs_op_pool_table[] = {
  { NULL, 0, 0, NULL }
};
