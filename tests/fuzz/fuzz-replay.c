/* fuzz-replay.c — runs a fuzz target over files without libFuzzer
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Linked with a target in ordinary builds: `meson test` replays the seed
 * corpus and every crash the fuzzers ever found (tests/fuzz/regressions/),
 * so a fixed crash stays fixed.  Arguments are files or folders.
 */
#include "config.h"

#include <stdio.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static guint
replay (const char *path)
{
  guint n = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          n += replay (child);
        }
    }
  else
    {
      g_autofree char *data = NULL;
      gsize len;

      if (!g_file_get_contents (path, &data, &len, NULL))
        g_error ("cannot read %s", path);
      LLVMFuzzerTestOneInput ((const guint8 *) data, len);
      n = 1;
    }
  return n;
}

int
main (int    argc,
      char **argv)
{
  guint total = 0;
  int i;

  for (i = 1; i < argc; i++)
    total += replay (argv[i]);
  /* TAP, so that meson counts it like the other tests */
  printf ("1..1\nok 1 - replayed %u inputs without a crash\n", total);
  return total > 0 ? 0 : 1;
}
