/* fuzz-npy.c — libFuzzer target for the .npy reader
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Any input either fails with a one-line error or gives a tensor that writes
 * back and reads again to the same bytes of data.
 */
#include "config.h"

#include <string.h>

#include "qs-npy.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QsTensor) tensor = qs_npy_read_bytes (data, size, &error);
  g_autoptr(GBytes) written = NULL;
  g_autoptr(QsTensor) again = NULL;
  gsize len, n_bytes;
  const guint8 *bytes;

  if (tensor == NULL)
    {
      g_assert (error != NULL && strchr (error->message, '\n') == NULL);
      return 0;
    }
  written = qs_npy_write_bytes (tensor);
  bytes = g_bytes_get_data (written, &len);
  again = qs_npy_read_bytes (bytes, len, &error);
  g_assert (again != NULL);
  g_assert (again->type == tensor->type && again->n_elements == tensor->n_elements);
  n_bytes = tensor->n_elements * qs_tensor_type_size (tensor->type);
  g_assert (n_bytes == 0 || memcmp (again->data, tensor->data, n_bytes) == 0);
  return 0;
}
