/* bench-kernels.c — convolution throughput on ResNet-50 shapes
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Prints GOPS (2 x multiply-adds per second, median of several runs) of the
 * fast fp32 and u8 x s8 -> s32 convolutions on the 3x3 and 1x1 layers of
 * ResNet-50 stages (56, 28, 14, 7), on one thread and on every core.  When
 * built with oneDNN (libdnnl-dev), the same shapes run through oneDNN in
 * the same process and the table shows our ratio to it.  oneDNN picks its
 * own blocked layouts (format "any") and its reorders are not timed; our
 * timings include everything qs_conv_*_run does on NCHW data.
 *
 *   bench-kernels [--runs N] [--min-ms MS] [--shape SUBSTRING] [--threads N]
 *                 [--no-dnnl] [--best] [--only f32|int8] [--no-one] [--no-cv]
 *
 * --threads N sets the second thread count (default: every core);
 * --no-dnnl leaves oneDNN out (for profiling ours alone); --only runs one of
 * the two convolutions and --no-one leaves out the one-thread rows (so
 * that a profile sees one configuration); --no-cv keeps to the row kernels
 * where the channel-vector ones would run.  The rows of the
 * second count end with the speed-up over one thread, ours and oneDNN's,
 * and our process CPU time per call against one thread's.  --best reports
 * the fastest run instead of the median: on a machine shared with other
 * work, the run in which our threads found their cores free (with
 * --min-ms 0 a run is one call: --best --runs 301 --min-ms 0 is the fastest
 * of 301 calls).
 *
 * QS_ISA=scalar|avx2|avx512vnni in the environment picks our ISA.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "qs-kernels.h"
#include "qs-kernels-private.h"   /* _qs_kernels_set_cv */

#ifdef HAVE_DNNL
#include <dnnl.h>
#include <omp.h>
#endif

typedef struct
{
  const char *name;
  int         hw, ic, oc, k, stride;
  int         w, groups;   /* 0: width hw, one group */
} BenchShape;

static const BenchShape shapes[] = {
  { "res2 3x3 64->64",      56,   64,   64, 3, 1 },
  { "res2 1x1 64->256",     56,   64,  256, 1, 1 },
  { "res2 1x1 256->64",     56,  256,   64, 1, 1 },
  { "res3 3x3 128->128",    28,  128,  128, 3, 1 },
  { "res3 1x1 128->512",    28,  128,  512, 1, 1 },
  { "res3 1x1 512->128",    28,  512,  128, 1, 1 },
  { "res4 3x3 256->256",    14,  256,  256, 3, 1 },
  { "res4 1x1 256->1024",   14,  256, 1024, 1, 1 },
  { "res4 1x1 1024->256",   14, 1024,  256, 1, 1 },
  { "res5 3x3 512->512",     7,  512,  512, 3, 1 },
  { "res5 1x1 512->2048",    7,  512, 2048, 1, 1 },
  { "res5 1x1 2048->512",    7, 2048,  512, 1, 1 },
  /* depthwise 3x3 layers of pvb2003 and pdr0013 (--shape dw) */
  { "dw pvb 192@60x108",     60,  192,  192, 3, 1, 108, 192 },
  { "dw pvb 96@240x432 s2", 240,   96,   96, 3, 2, 432,  96 },
  { "dw pvb 384@30x54",      30,  384,  384, 3, 1,  54, 384 },
  { "dw pdr 16@80x136",      80,   16,   16, 3, 1, 136,  16 },
  { "dw pdr 32@80x136 s2",   80,   32,   32, 3, 2, 136,  32 },
};

#define MAX_RUNS 2001

static int n_runs = 7;
static gboolean best_run;   /* report the fastest run instead of the median */
static double min_ms = 30;

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

typedef void (*RunFunc) (gpointer data);

static double
cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Median seconds per call: each run repeats the call until it lasts min_ms.
 * With cpu set, also the median process CPU seconds per call (every
 * thread's, waiting spins included): on a machine shared with other work it
 * tells what the extra threads cost, where the wall time mostly tells the
 * load. */
static double
measure_cpu (RunFunc  func,
             gpointer data,
             double  *cpu)
{
  double times[MAX_RUNS], cpus[MAX_RUNS];
  double t0, c0, once;
  int reps;

  func (data);                      /* warm up: caches, pages, thread pool */
  t0 = now_s ();
  func (data);
  once = MAX (now_s () - t0, 1e-7);
  reps = MAX (1, (int) (min_ms * 1e-3 / once));

  for (int r = 0; r < n_runs; r++)
    {
      t0 = now_s ();
      c0 = cpu_s ();
      for (int i = 0; i < reps; i++)
        func (data);
      cpus[r] = (cpu_s () - c0) / reps;
      times[r] = (now_s () - t0) / reps;
    }
  qsort (times, n_runs, sizeof (double), cmp_double);
  qsort (cpus, n_runs, sizeof (double), cmp_double);
  if (cpu != NULL)
    *cpu = best_run ? cpus[0] : cpus[n_runs / 2];
  return best_run ? times[0] : times[n_runs / 2];
}

static double
measure (RunFunc  func,
         gpointer data)
{
  return measure_cpu (func, data, NULL);
}

/* --- ours --- */

typedef struct
{
  QsConvF32  *f32;
  QsConvInt8 *i8;
  float      *src_f, *dst_f;
  guint8     *src_u;
  gint32     *dst_i;
} Ours;

static void
run_ours_f32 (gpointer data)
{
  Ours *o = data;

  qs_conv_f32_run (o->f32, o->src_f, o->dst_f);
}

static void
run_ours_int8 (gpointer data)
{
  Ours *o = data;

  qs_conv_int8_run (o->i8, o->src_u, 3, o->dst_i);
}

/* --- oneDNN --- */

#ifdef HAVE_DNNL
typedef struct
{
  dnnl_primitive_t prim;
  dnnl_memory_t    src, wei, dst;
  dnnl_stream_t    stream;
} Dnnl;

static dnnl_engine_t dnnl_eng;
static dnnl_stream_t dnnl_str;

#define DNNL_CHECK(x) G_STMT_START { dnnl_status_t s_ = (x); \
  if (s_ != dnnl_success) g_error ("%s failed: %d", #x, (int) s_); } G_STMT_END

static void
dnnl_fill (dnnl_memory_t mem, int byte)
{
  void *p = NULL;
  const dnnl_memory_desc_t *md;

  DNNL_CHECK (dnnl_memory_get_memory_desc (mem, &md));
  DNNL_CHECK (dnnl_memory_get_data_handle (mem, &p));
  memset (p, byte, dnnl_memory_desc_get_size (md));
}

static gboolean
dnnl_setup (Dnnl *d, const QsConvParams *p, gboolean int8, char *impl, gsize impl_size)
{
  dnnl_memory_desc_t src_md, wei_md, dst_md;
  dnnl_convolution_desc_t cd;
  dnnl_primitive_desc_t pd;
  dnnl_dims_t sd = { p->n, p->ic, p->ih, p->iw };
  dnnl_dims_t wd = { p->oc, p->ic, p->kh, p->kw };
  dnnl_dims_t gwd = { p->groups, p->oc / p->groups, p->ic / p->groups, p->kh, p->kw };
  dnnl_dims_t dd = { p->n, p->oc, p->oh, p->ow };
  dnnl_dims_t strides = { p->stride_h, p->stride_w };
  dnnl_dims_t dil = { p->dil_h - 1, p->dil_w - 1 };
  dnnl_dims_t pl = { p->pad_top, p->pad_left };
  dnnl_dims_t pr = { p->pad_bottom, p->pad_right };
  const char *info = NULL;

  DNNL_CHECK (dnnl_memory_desc_init_by_tag (&src_md, 4, sd, int8 ? dnnl_u8 : dnnl_f32, dnnl_format_tag_any));
  if (p->groups > 1)
    DNNL_CHECK (dnnl_memory_desc_init_by_tag (&wei_md, 5, gwd, int8 ? dnnl_s8 : dnnl_f32, dnnl_format_tag_any));
  else
    DNNL_CHECK (dnnl_memory_desc_init_by_tag (&wei_md, 4, wd, int8 ? dnnl_s8 : dnnl_f32, dnnl_format_tag_any));
  DNNL_CHECK (dnnl_memory_desc_init_by_tag (&dst_md, 4, dd, int8 ? dnnl_s32 : dnnl_f32, dnnl_format_tag_any));
  DNNL_CHECK (dnnl_dilated_convolution_forward_desc_init (&cd, dnnl_forward_inference,
                                                          dnnl_convolution_direct,
                                                          &src_md, &wei_md, NULL, &dst_md,
                                                          strides, dil, pl, pr));
  if (dnnl_primitive_desc_create (&pd, &cd, NULL, dnnl_eng, NULL) != dnnl_success)
    return FALSE;
  dnnl_primitive_desc_query (pd, dnnl_query_impl_info_str, 0, &info);
  g_strlcpy (impl, info ? info : "?", impl_size);
  DNNL_CHECK (dnnl_memory_create (&d->src, dnnl_primitive_desc_query_md (pd, dnnl_query_src_md, 0),
                                  dnnl_eng, DNNL_MEMORY_ALLOCATE));
  DNNL_CHECK (dnnl_memory_create (&d->wei, dnnl_primitive_desc_query_md (pd, dnnl_query_weights_md, 0),
                                  dnnl_eng, DNNL_MEMORY_ALLOCATE));
  DNNL_CHECK (dnnl_memory_create (&d->dst, dnnl_primitive_desc_query_md (pd, dnnl_query_dst_md, 0),
                                  dnnl_eng, DNNL_MEMORY_ALLOCATE));
  DNNL_CHECK (dnnl_primitive_create (&d->prim, pd));
  dnnl_primitive_desc_destroy (pd);
  /* small values: 1 as u8/s8, a tiny positive float as f32 */
  dnnl_fill (d->src, 1);
  dnnl_fill (d->wei, 1);
  d->stream = dnnl_str;
  return TRUE;
}

static void
run_dnnl (gpointer data)
{
  Dnnl *d = data;
  dnnl_exec_arg_t args[3] = {
    { DNNL_ARG_SRC, d->src },
    { DNNL_ARG_WEIGHTS, d->wei },
    { DNNL_ARG_DST, d->dst },
  };

  DNNL_CHECK (dnnl_primitive_execute (d->prim, d->stream, 3, args));
  DNNL_CHECK (dnnl_stream_wait (d->stream));
}

static void
dnnl_teardown (Dnnl *d)
{
  dnnl_primitive_destroy (d->prim);
  dnnl_memory_destroy (d->src);
  dnnl_memory_destroy (d->wei);
  dnnl_memory_destroy (d->dst);
}

/* GOPS of oneDNN, or 0 if it has no primitive for this. */
static double
dnnl_gops (const QsConvParams *p, gboolean int8, double ops, char *impl, gsize impl_size)
{
  Dnnl d = { 0 };
  double t;

  if (!dnnl_setup (&d, p, int8, impl, impl_size))
    return 0;
  t = measure (run_dnnl, &d);
  dnnl_teardown (&d);
  return ops / t * 1e-9;
}
#endif

static void
set_threads (guint n)
{
  qs_parallel_set_threads (n);
#ifdef HAVE_DNNL
  omp_set_num_threads (n ? (int) n : (int) g_get_num_processors ());
#endif
}

int
main (int argc, char **argv)
{
  const char *filter = NULL;
  guint all = g_get_num_processors ();
  guint thread_counts[2] = { 1, all };
  gboolean have_dnnl = FALSE, no_dnnl = FALSE, no_one = FALSE;
  gboolean run_f32 = TRUE, run_int8 = TRUE;
  g_autoptr(GRand) rnd = g_rand_new_with_seed (1);
  double sum_ratio_i8 = 0, sum_ratio_f32 = 0, sum_i8_f32 = 0;
  int n_ratio = 0, n_rows = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        {
          int r = atoi (argv[++i]);
          n_runs = CLAMP (r, 1, MAX_RUNS);
        }
      else if (g_str_equal (argv[i], "--min-ms") && i + 1 < argc)
        min_ms = g_ascii_strtod (argv[++i], NULL);
      else if (g_str_equal (argv[i], "--shape") && i + 1 < argc)
        filter = argv[++i];
      else if (g_str_equal (argv[i], "--threads") && i + 1 < argc)
        {
          int t = atoi (argv[++i]);
          thread_counts[1] = CLAMP (t, 1, 256);
        }
      else if (g_str_equal (argv[i], "--no-dnnl"))
        no_dnnl = TRUE;
      else if (g_str_equal (argv[i], "--best"))
        best_run = TRUE;
      else if (g_str_equal (argv[i], "--no-one"))
        no_one = TRUE;
      else if (g_str_equal (argv[i], "--no-cv"))
        _qs_kernels_set_cv (FALSE);
      else if (g_str_equal (argv[i], "--only") && i + 1 < argc &&
               (g_str_equal (argv[i + 1], "f32") || g_str_equal (argv[i + 1], "int8")))
        {
          run_f32 = g_str_equal (argv[++i], "f32");
          run_int8 = !run_f32;
        }
      else
        {
          fprintf (stderr, "usage: %s [--runs N] [--min-ms MS] [--shape SUBSTRING] "
                   "[--threads N] [--no-dnnl] [--best] [--only f32|int8] [--no-one] [--no-cv]\n", argv[0]);
          return 2;
        }
    }

#ifdef HAVE_DNNL
  if (!no_dnnl)
    {
      const dnnl_version_t *v = dnnl_version ();

      DNNL_CHECK (dnnl_engine_create (&dnnl_eng, dnnl_cpu, 0));
      DNNL_CHECK (dnnl_stream_create (&dnnl_str, dnnl_eng, dnnl_stream_default_flags));
      have_dnnl = TRUE;
      printf ("# oneDNN %d.%d.%d (%s threading)\n", v->major, v->minor, v->patch,
              v->cpu_runtime == DNNL_RUNTIME_OMP ? "OpenMP" : "other");
    }
#else
  printf ("# built without oneDNN: no reference column\n");
#endif
  printf ("# ISA %s, %u cores, %s of %d runs of >= %.0f ms; GOPS = 2 * MACs / s\n",
          qs_isa_name (qs_kernels_get_isa ()), all, best_run ? "fastest" : "median",
          n_runs, min_ms);
  printf ("%-22s %3s | %8s %8s %6s | %8s %8s %6s | %9s\n",
          "shape (NCHW, n = 1)", "thr", "f32", "dnnl", "ratio", "int8", "dnnl", "ratio", "int8/f32");

  for (gsize s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      const BenchShape *b = &shapes[s];
      int pad = b->k / 2;
      QsConvParams p = {
        .n = 1, .ic = b->ic, .ih = b->hw, .iw = b->w ? b->w : b->hw, .oc = b->oc, .kh = b->k, .kw = b->k,
        .groups = b->groups ? b->groups : 1, .stride_h = b->stride, .stride_w = b->stride, .dil_h = 1, .dil_w = 1,
        .pad_top = pad, .pad_left = pad, .pad_bottom = pad, .pad_right = pad,
      };
      gsize n_src, n_w, n_dst;
      g_autofree float *wf = NULL;
      g_autofree gint8 *wi = NULL;
      Ours o = { 0 };
      double ops;

      if (filter != NULL && strstr (b->name, filter) == NULL)
        continue;
      if (!qs_conv_params_init (&p, NULL))
        g_error ("bad shape %s", b->name);
      n_src = (gsize) p.ic * p.ih * p.iw;
      n_w = (gsize) p.oc * (p.ic / p.groups) * p.kh * p.kw;
      n_dst = (gsize) p.oc * p.oh * p.ow;
      ops = 2.0 * p.oc * p.oh * p.ow * (double) (p.ic / p.groups) * p.kh * p.kw;

      wf = g_new (float, n_w);
      wi = g_new (gint8, n_w);
      o.src_f = g_new (float, n_src);
      o.src_u = g_new (guint8, n_src);
      o.dst_f = g_new (float, n_dst);
      o.dst_i = g_new (gint32, n_dst);
      for (gsize i = 0; i < n_w; i++)
        {
          wf[i] = (float) g_rand_double_range (rnd, -1, 1);
          wi[i] = (gint8) g_rand_int_range (rnd, -128, 128);
        }
      for (gsize i = 0; i < n_src; i++)
        {
          o.src_f[i] = (float) g_rand_double_range (rnd, -1, 1);
          o.src_u[i] = (guint8) g_rand_int_range (rnd, 0, 256);
        }
      o.f32 = qs_conv_f32_prepare (&p, wf, NULL);
      o.i8 = qs_conv_int8_prepare (&p, wi);

      for (int t = 0; t < 2; t++)
        {
          double f32, i8, df32 = 0, di8 = 0;
          static double one_f32, one_i8, one_df32, one_di8, one_cf, one_ci;
          double cf, ci;
          char fimpl[64] = "", iimpl[64] = "";
          char r1[16] = "-", r2[16] = "-";

          if (t == 1 && thread_counts[1] == 1)
            break;
          if (t == 0 && no_one)
            continue;
          set_threads (thread_counts[t]);
          f32 = run_f32 ? ops / measure_cpu (run_ours_f32, &o, &cf) * 1e-9 : 0;
          i8 = run_int8 ? ops / measure_cpu (run_ours_int8, &o, &ci) * 1e-9 : 0;
#ifdef HAVE_DNNL
          if (have_dnnl)
            {
              df32 = run_f32 ? dnnl_gops (&p, FALSE, ops, fimpl, sizeof fimpl) : 0;
              di8 = run_int8 ? dnnl_gops (&p, TRUE, ops, iimpl, sizeof iimpl) : 0;
            }
#endif
          if (df32 > 0)
            g_snprintf (r1, sizeof r1, "%.2f", f32 / df32);
          if (di8 > 0)
            g_snprintf (r2, sizeof r2, "%.2f", i8 / di8);
          printf ("%-22s %3u | %8.1f %8.1f %6s | %8.1f %8.1f %6s | %9.2f",
                  b->name, thread_counts[t], f32, df32, r1, i8, di8, r2, f32 > 0 ? i8 / f32 : 0);
          if (t == 0)
            {
              one_f32 = f32;
              one_i8 = i8;
              one_df32 = df32;
              one_di8 = di8;
              one_cf = cf;
              one_ci = ci;
              if (have_dnnl)
                printf ("   (oneDNN: %s / %s)", fimpl, iimpl);
            }
          else if (!no_one)
            {
              /* what the extra threads bought, ours and oneDNN's */
              printf ("   (x1 thread: f32 %.2f", f32 / one_f32);
              if (one_df32 > 0 && df32 > 0)
                printf (" dnnl %.2f", df32 / one_df32);
              printf (", int8 %.2f", i8 / one_i8);
              if (one_di8 > 0 && di8 > 0)
                printf (" dnnl %.2f", di8 / one_di8);
              printf ("; our CPU time: f32 %.2f, int8 %.2f)", cf / one_cf, ci / one_ci);
            }
          printf ("\n");
          fflush (stdout);
          if (df32 > 0 && di8 > 0)
            {
              sum_ratio_f32 += f32 / df32;
              sum_ratio_i8 += i8 / di8;
              n_ratio++;
            }
          if (f32 > 0 && i8 > 0)
            {
              sum_i8_f32 += i8 / f32;
              n_rows++;
            }
        }

      qs_conv_f32_free (o.f32);
      qs_conv_int8_free (o.i8);
      g_free (o.src_f);
      g_free (o.src_u);
      g_free (o.dst_f);
      g_free (o.dst_i);
    }

  if (n_rows > 0)
    {
      printf ("# mean over rows: int8/f32 %.2f (goal >= 2)", sum_i8_f32 / n_rows);
      if (n_ratio > 0)
        printf (", f32 vs oneDNN %.2f, int8 vs oneDNN %.2f (goal >= 0.5)",
                sum_ratio_f32 / n_ratio, sum_ratio_i8 / n_ratio);
      printf ("\n");
    }

#ifdef HAVE_DNNL
  if (have_dnnl)
    {
      dnnl_stream_destroy (dnnl_str);
      dnnl_engine_destroy (dnnl_eng);
    }
#endif
  return 0;
}
