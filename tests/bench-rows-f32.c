/* bench-rows-f32.c — what an f32 row of moments costs over one pass
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 *   bench-rows-f32 [--rounds N]
 *
 * A float run derives the summary of a convolution's bias Add from the
 * convolution's output taken row by row, one channel a row
 * (qs_row_moments_compute_f32()), where one pass over the tensor
 * (qs_summary_add_tensor(), moments only) would do for its own summary.
 * For the plane sizes of pvb2003, yolov8n and pdr0013 (28 to 43,520
 * values) and each ISA the CPU has, on one thread, over a tensor of about
 * 256 Ki values (in cache): the rows' and the pass's CPU time (medians of
 * N rounds of 20 calls), in ns a row and a value, and what a row costs
 * more than its values in the one pass.  qs-exec-derive.c's MIN_INNER_F32
 * weighs that against the op's in-cache summary of a row.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "qs-kernels.h"
#include "qs-stats-derive.h"

static double
cpu_s (void)
{
  struct timespec t;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double) t.tv_sec + 1e-9 * (double) t.tv_nsec;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  static const gsize inners[] = { 28, 112, 400, 405, 680, 1024, 1600, 2720, 6400, 10880, 25920, 43520 };
  guint rounds = 31, isa;

  if (argc == 3 && strcmp (argv[1], "--rounds") == 0)
    rounds = MAX (1, (guint) atoi (argv[2]));
  else if (argc != 1)
    {
      fprintf (stderr, "usage: bench-rows-f32 [--rounds N]\n");
      return 2;
    }
  qs_parallel_set_threads (1);
  for (isa = QS_ISA_SCALAR; isa <= (guint) qs_kernels_detect_isa (); isa++)
    {
      qs_kernels_set_isa ((QsIsa) isa);
      if (qs_kernels_get_isa () != (QsIsa) isa)
        continue;
      printf ("## %s, one thread, medians of %u rounds\n", qs_isa_name ((QsIsa) isa), rounds);
      printf ("%6s %6s %9s | %11s %11s | %11s | %11s\n", "values", "rows", "elements", "rows ns/row", "ns/value",
              "pass ns/val", "extra ns/row");
      for (guint i = 0; i < G_N_ELEMENTS (inners); i++)
        {
          gsize inner = inners[i], C = MAX (16, 262144 / inner), k;
          gint64 dims[3] = { 1, (gint64) C, (gint64) inner };
          g_autoptr(QsTensor) t = qs_tensor_new (QS_ELEMENT_F32, 3, dims);
          g_autofree QsRowMomentsF32 *rows = g_new (QsRowMomentsF32, C);
          g_autofree double *tr = g_new (double, rounds);
          g_autofree double *tp = g_new (double, rounds);
          double r_med, p_med;

          for (k = 0; k < t->n_elements; k++)
            qs_tensor_f32 (t)[k] = (float) ((k * 2654435761u) % 1000) * 0.001f - 0.3f;
          for (guint r = 0; r < rounds; r++)
            {
              QsSummary s;
              double t0;
              int q;

              t0 = cpu_s ();
              for (q = 0; q < 20; q++)
                qs_row_moments_compute_f32 (t, inner, rows);
              tr[r] = (cpu_s () - t0) / 20;
              qs_summary_init (&s, NULL, NULL);
              t0 = cpu_s ();
              for (q = 0; q < 20; q++)
                qs_summary_add_tensor (&s, t);
              tp[r] = (cpu_s () - t0) / 20;
              qs_summary_clear (&s);
            }
          qsort (tr, rounds, sizeof (double), compare_double);
          qsort (tp, rounds, sizeof (double), compare_double);
          r_med = tr[rounds / 2];
          p_med = tp[rounds / 2];
          printf ("%6zu %6zu %9zu | %11.1f %11.3f | %11.3f | %11.1f\n", inner, C, (gsize) t->n_elements,
                  r_med * 1e9 / (double) C, r_med * 1e9 / (double) t->n_elements, p_med * 1e9 / (double) t->n_elements,
                  (r_med - p_med) * 1e9 / (double) C);
        }
    }
  return 0;
}
