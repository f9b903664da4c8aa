/* fuzz-image.c — libFuzzer target for the photo input path
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Input: byte 0 and 1 give the wanted height and width (1..48), bit 0 of
 * byte 2 asks for RGB order and bit 1 for an NHWC input; the rest is the
 * image file, decoded by gdk-pixbuf and resized by qscope's input code.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "qs-input.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static char *path = NULL;
  QsImageOptions options;
  g_autoptr(GError) error = NULL;
  g_autoptr(QsTensor) tensor = NULL;
  gint64 dims[4];
  guint i;

  if (size < 3)
    return 0;
  if (path == NULL)
    path = g_strdup_printf ("%s/qscope-fuzz-image-%d", g_get_tmp_dir (), (int) getpid ());
  if (!g_file_set_contents (path, (const char *) data + 3, size - 3, NULL))
    return 0;

  qs_image_options_init (&options);
  options.rgb = data[2] & 1;
  dims[0] = 1;
  if (data[2] & 2)
    {
      dims[1] = 1 + data[0] % 48;
      dims[2] = 1 + data[1] % 48;
      dims[3] = 3;
    }
  else
    {
      dims[1] = 3;
      dims[2] = 1 + data[0] % 48;
      dims[3] = 1 + data[1] % 48;
    }

  tensor = qs_input_load_image (path, 4, dims, &options, &error);
  if (tensor == NULL)
    {
      g_assert (error != NULL && strchr (error->message, '\n') == NULL);
      return 0;
    }
  g_assert (tensor->n_elements == (gsize) (dims[1] * dims[2] * dims[3]));
  for (i = 0; i < tensor->n_elements; i++)
    {
      float v = qs_tensor_f32 (tensor)[i];
      g_assert (v >= 0.0f && v <= 255.0f);
    }
  return 0;
}
