/* bench-stats.c — tensor statistics against memory speed, and their share of a run
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 *   bench-stats [--rounds N] [--runs N] [--pass NAME] [--no-models] [MODEL.xml ...]
 *
 * Part 1, the passes: for a few f32 tensor sizes, GB/s (bytes of the
 * tensors read, over the median time of N rounds) of memcpy and a plain
 * unrolled sum loop (the memory-speed peers), the scalar double reference
 * (the code these passes replaced) and the new passes on each ISA the CPU
 * has, on one thread and over the pool: a summary with 64 bins and a
 * 256-level FakeQuantize range (what the analysis asks for every layer),
 * the moments alone (a summary without bins or range, what bench-run asks),
 * the min/max pass, the error sums of two tensors, a layer of the
 * float+fq lockstep (two summaries and their errors: one fused pass, three
 * passes for the reference); and the same summary of a u8 tensor.
 *
 * Part 2, a whole run: on each model (by default the shared
 * pvb2003-int8-v11 and yolov8n-int8-nncf-v11) and one seeded random
 * sample, a `dump --mode all` style run through the core API split in
 * its two passes — float and fake-quant in lockstep, then int8 — in CPU
 * seconds of the process (all threads; wall time on a shared machine
 * mostly measures the wait for a core): without statistics (the same
 * plans stepped through qs_run / qs_exec_run, nothing measured), as the
 * analysis (qs_analysis_run: statistics, errors and the engine's own
 * bookkeeping), and the statistics alone, replayed on every tensor of the
 * run as the analysis computes them (bins over each layer's range as on a
 * first sample, both modes' summaries and errors in one pass; FakeQuantize
 * codes left out) with the new passes and with the reference.  "stats
 * add" is the replay over the plain passes, "analysis adds" the analysis
 * over the plain passes.  Medians of --runs rounds, plain and analysis
 * taking turns.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "qscope-core.h"
#include "qs-analysis.h"
#include "qs-dataset.h"
#include "qs-exec.h"
#include "qs-stats-private.h"

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *v,
        guint   n)
{
  qsort (v, n, sizeof *v, compare_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* CPU seconds of the process, every thread (the pool's too): on a shared
 * machine far steadier than wall time, which counts the waits for a core. */
static double
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- part 1: the passes ---- */

typedef enum
{
  OP_MEMCPY,
  OP_SUM,
  OP_SUMMARY,
  OP_MOMENTS,
  OP_MIN_MAX,
  OP_ERROR,
  OP_SUMMARY_U8,
  OP_PAIR,
} Op;

typedef struct
{
  QsTensor *x, *y, *u8;
  float    *dst;
  gboolean  reference;
  double    sink;
} Data;

static const QsBinning bench_bins = { -3.0f, 3.0f };
static const QsFqRange bench_fq = { -2.5f, 2.5f, 256 };

static void
run_op (Op    op,
        Data *d)
{
  const float *x = qs_tensor_f32 (d->x);
  gsize n = d->x->n_elements, i;

  switch (op)
    {
    case OP_MEMCPY:
      memcpy (d->dst, x, n * sizeof (float));
      d->sink += d->dst[n / 2];
      break;
    case OP_SUM:
      {
        float s[8] = { 0 };

        for (i = 0; i + 8 <= n; i += 8)
          for (int k = 0; k < 8; k++)
            s[k] += x[i + k];
        d->sink += s[0] + s[1] + s[2] + s[3] + s[4] + s[5] + s[6] + s[7];
      }
      break;
    case OP_SUMMARY:
    case OP_SUMMARY_U8:
      {
        QsSummary s;
        const QsTensor *t = op == OP_SUMMARY ? d->x : d->u8;

        qs_summary_init (&s, &bench_bins, &bench_fq);
        if (d->reference)
          _qs_summary_add_tensor_ref (&s, t);
        else
          qs_summary_add_tensor (&s, t);
        d->sink += s.mean;
        qs_summary_clear (&s);
      }
      break;
    case OP_MOMENTS:
      {
        QsSummary s;

        qs_summary_init (&s, NULL, NULL);
        if (d->reference)
          _qs_summary_add_tensor_ref (&s, d->x);
        else
          qs_summary_add_tensor (&s, d->x);
        d->sink += s.mean + s.m2;
      }
      break;
    case OP_MIN_MAX:
      {
        double lo, hi;

        if (d->reference)
          _qs_tensor_min_max_ref (d->x, &lo, &hi);
        else
          qs_tensor_min_max (d->x, &lo, &hi);
        d->sink += hi - lo;
      }
      break;
    case OP_PAIR:
      {
        QsSummary sx, sy;
        QsErrorSums e = { 0 };

        qs_summary_init (&sx, &bench_bins, &bench_fq);
        qs_summary_init (&sy, &bench_bins, &bench_fq);
        if (d->reference)
          {
            _qs_summary_add_tensor_ref (&sx, d->x);
            _qs_summary_add_tensor_ref (&sy, d->y);
            _qs_error_sums_add_ref (&e, d->x, d->y);
          }
        else
          qs_summary_add_pair (&sx, &sy, &e, d->x, d->y);
        d->sink += e.dd + sx.mean + sy.mean;
        qs_summary_clear (&sx);
        qs_summary_clear (&sy);
      }
      break;
    case OP_ERROR:
      {
        QsErrorSums e = { 0 };

        if (d->reference)
          _qs_error_sums_add_ref (&e, d->x, d->y);
        else
          qs_error_sums_add (&e, d->x, d->y);
        d->sink += e.dd;
      }
      break;
    }
}

static gsize
op_bytes (Op          op,
          const Data *d)
{
  switch (op)
    {
    case OP_ERROR:
    case OP_PAIR:
      return 2 * d->x->n_elements * sizeof (float);
    case OP_SUMMARY_U8:
      return d->u8->n_elements;
    default:
      return d->x->n_elements * sizeof (float);
    }
}

/* GB/s over the median of @rounds rounds, each repeating the op for at
 * least 20 ms. */
static double
gbps (Op     op,
      Data  *d,
      guint  rounds)
{
  g_autofree double *t = g_new (double, rounds);
  guint reps = 1, r, k;
  double t0;

  /* warm up and size the rounds */
  for (;;)
    {
      t0 = now ();
      for (k = 0; k < reps; k++)
        run_op (op, d);
      if (now () - t0 >= 0.02)
        break;
      reps *= 2;
    }
  for (r = 0; r < rounds; r++)
    {
      t0 = now ();
      for (k = 0; k < reps; k++)
        run_op (op, d);
      t[r] = (now () - t0) / reps;
    }
  return op_bytes (op, d) / median (t, rounds) / 1e9;
}

static float
normalish (guint64 *state)
{
  double s = 0;
  int k;

  for (k = 0; k < 4; k++)
    {
      *state = *state * G_GUINT64_CONSTANT (6364136223846793005) + G_GUINT64_CONSTANT (1442695040888963407);
      s += (double) (*state >> 11) / 9007199254740992.0;
    }
  return (float) ((s - 2) * 1.7);
}

static void
bench_passes (guint       rounds,
              const char *only)
{
  static const gsize sizes[] = { 4096, 65536, 1 << 20, 16 << 20 };
  static const struct { Op op; const char *name; } ops[] = {
    { OP_SUMMARY, "summary f32" },
    { OP_MOMENTS, "moments f32" },
    { OP_MIN_MAX, "min/max f32" },
    { OP_ERROR, "errors f32×2" },
    { OP_PAIR, "float+fq layer" },
    { OP_SUMMARY_U8, "summary u8" },
  };
  QsIsa best = qs_kernels_detect_isa (), isa;
  guint saved = qs_parallel_get_threads (), o, si;

  printf ("## The passes: GB/s of tensor data read, median of %u rounds (%s, %u pool threads)\n\n",
          rounds, qs_isa_name (best), saved != 0 ? saved : g_get_num_processors ());
  printf ("| pass | elements | memcpy | sum loop | reference |");
  for (isa = QS_ISA_SCALAR; isa <= best; isa++)
    printf (" %s |", qs_isa_name (isa));
  printf (" %s, pool | new/reference |\n|---|---|---|---|---|", qs_isa_name (best));
  for (isa = QS_ISA_SCALAR; isa <= best; isa++)
    printf ("---|");
  printf ("---|---|\n");
  for (o = 0; o < G_N_ELEMENTS (ops); o++)
    for (si = 0; si < G_N_ELEMENTS (sizes) && (only == NULL || g_str_has_prefix (ops[o].name, only)); si++)
      {
        gint64 dims[1] = { (gint64) sizes[si] };
        Data d = { 0 };
        guint64 state = 12345 + si;
        double peer_copy, peer_sum, ref, pool;
        gsize i;

        d.x = qs_tensor_new_f32 (1, dims);
        d.y = qs_tensor_new_f32 (1, dims);
        d.u8 = qs_tensor_new (QS_ELEMENT_U8, 1, dims);
        d.dst = g_new (float, sizes[si]);
        for (i = 0; i < sizes[si]; i++)
          {
            qs_tensor_f32 (d.x)[i] = normalish (&state);
            qs_tensor_f32 (d.y)[i] = qs_tensor_f32 (d.x)[i] + 0.01f * normalish (&state);
            ((guint8 *) d.u8->data)[i] = (guint8) CLAMP (128 + 20 * qs_tensor_f32 (d.x)[i], 0, 255);
          }
        qs_parallel_set_threads (1);
        peer_copy = gbps (OP_MEMCPY, &d, rounds);
        peer_sum = gbps (OP_SUM, &d, rounds);
        d.reference = TRUE;
        ref = gbps (ops[o].op, &d, rounds);
        d.reference = FALSE;
        printf ("| %s | %" G_GSIZE_FORMAT " | %.1f | %.1f | %.2f |", ops[o].name, sizes[si], peer_copy, peer_sum, ref);
        for (isa = QS_ISA_SCALAR; isa <= best; isa++)
          {
            qs_kernels_set_isa (isa);
            printf (" %.2f |", gbps (ops[o].op, &d, rounds));
          }
        qs_kernels_set_isa (best);
        qs_parallel_set_threads (saved);
        pool = gbps (ops[o].op, &d, rounds);
        printf (" %.2f | %.1f× |\n", pool, pool / ref);
        fflush (stdout);
        qs_tensor_unref (d.x);
        qs_tensor_unref (d.y);
        qs_tensor_unref (d.u8);
        g_free (d.dst);
      }
  qs_parallel_set_threads (saved);
  printf ("\n");
}

/* ---- part 2: a whole run ---- */

typedef struct
{
  double      new_s, ref_s;
  QsTensor   *last_float;
  const QsNode *last_node;
  guint       last_port;
} Replay;

/* Bins over the tensors' own range, as on the first sample (no
 * FakeQuantize range: the replay leaves the codes out, for both paths). */
static void
replay_bins (const QsTensor *x,
             const QsTensor *y,
             gboolean        reference,
             QsBinning      *bins)
{
  double lo = INFINITY, hi = -INFINITY, a, b;

  if ((reference ? _qs_tensor_min_max_ref (x, &a, &b) : qs_tensor_min_max (x, &a, &b)))
    lo = MIN (lo, a), hi = MAX (hi, b);
  if (y != NULL && (reference ? _qs_tensor_min_max_ref (y, &a, &b) : qs_tensor_min_max (y, &a, &b)))
    lo = MIN (lo, a), hi = MAX (hi, b);
  if (lo > hi)
    lo = hi = 0;
  bins->lo = (float) lo;
  bins->hi = (float) hi;
}

/* What the analysis computes of one layer: with @y (the fake-quant
 * tensor of the same layer as float @x), both summaries and the errors. */
static void
replay_layer (Replay         *r,
              const QsTensor *x,
              const QsTensor *y)
{
  QsSummary sx, sy;
  QsErrorSums e = { 0 };
  QsBinning bins;
  double t0;

  t0 = cpu_now ();
  replay_bins (x, y, FALSE, &bins);
  qs_summary_init (&sx, &bins, NULL);
  qs_summary_init (&sy, &bins, NULL);
  if (y != NULL)
    qs_summary_add_pair (&sx, &sy, &e, x, y);
  else
    qs_summary_add_tensor (&sx, x);
  r->new_s += cpu_now () - t0;
  qs_summary_clear (&sx);
  qs_summary_clear (&sy);

  memset (&e, 0, sizeof e);
  t0 = cpu_now ();
  replay_bins (x, y, TRUE, &bins);
  qs_summary_init (&sx, &bins, NULL);
  qs_summary_init (&sy, &bins, NULL);
  _qs_summary_add_tensor_ref (&sx, x);
  if (y != NULL)
    {
      _qs_summary_add_tensor_ref (&sy, y);
      _qs_error_sums_add_ref (&e, x, y);
    }
  r->ref_s += cpu_now () - t0;
  qs_summary_clear (&sx);
  qs_summary_clear (&sy);
}

static gboolean
replay_tensor (guint            sample,
               const QsNode    *node,
               guint            port,
               QsExecMode       mode,
               const QsTensor  *tensor,
               gpointer         user_data,
               GError         **error)
{
  Replay *r = user_data;

  if (mode == QS_EXEC_MODE_FLOAT)
    {
      g_clear_pointer (&r->last_float, qs_tensor_unref);
      r->last_float = qs_tensor_ref ((QsTensor *) tensor);
      r->last_node = node;
      r->last_port = port;
    }
  else if (mode == QS_EXEC_MODE_FAKE_QUANT && r->last_float != NULL && r->last_node == node && r->last_port == port)
    {
      replay_layer (r, r->last_float, tensor);
      g_clear_pointer (&r->last_float, qs_tensor_unref);
    }
  else
    replay_layer (r, tensor, NULL);
  return TRUE;
}

static void
die (const char *what,
     GError     *error)
{
  g_printerr ("bench-stats: %s: %s\n", what, error->message);
  exit (1);
}

/* Seconds of one analysis run of @modes (statistics included). */
static double
analysis_run (QsModel   *model,
              QsDataset *ds,
              guint      modes,
              Replay    *replay)
{
  g_autoptr(GError) error = NULL;
  QsAnalysisOptions opts;
  QsAnalysisResult *r;
  double t0 = cpu_now (), t;

  qs_analysis_options_init (&opts);
  opts.modes = modes;
  if (replay != NULL)
    {
      opts.tensor_func = replay_tensor;
      opts.tensor_data = replay;
    }
  r = qs_analysis_run (model, ds, &opts, NULL, &error);
  t = cpu_now () - t0;
  if (r == NULL)
    die ("analysis", error);
  qs_analysis_result_unref (r);
  return t;
}

/* Seconds of the same passes with nothing measured: float and
 * fake-quant stepped in lockstep, or the int8 plan run whole. */
static double
plain_run (QsModel   *model,
           QsDataset *ds,
           gboolean   int8)
{
  g_autoptr(GError) error = NULL;
  double t0 = cpu_now ();
  QsTensor **inputs = qs_dataset_load_sample (ds, 0, &error);
  guint i;

  if (inputs == NULL)
    die ("sample", error);
  if (int8)
    {
      g_autoptr(QsExec) exec = qs_exec_new (model, QS_EXEC_MODE_INT8, &error);

      if (exec == NULL || !qs_exec_run (exec, inputs, NULL, NULL, NULL, NULL, &error))
        die ("int8 run", error);
    }
  else
    {
      g_autoptr(QsExec) fl = qs_exec_new (model, QS_EXEC_MODE_FLOAT, &error);
      g_autoptr(QsExec) fq = fl != NULL ? qs_exec_new (model, QS_EXEC_MODE_FAKE_QUANT, &error) : NULL;
      g_autoptr(QsRun) a = fq != NULL ? qs_run_new (fl, inputs, &error) : NULL;
      g_autoptr(QsRun) b = a != NULL ? qs_run_new (fq, inputs, &error) : NULL;

      if (b == NULL)
        die ("float and fq runs", error);
      while (!qs_run_is_done (a))
        if (!qs_run_step (a, NULL, &error) || !qs_run_step (b, NULL, &error))
          die ("float and fq runs", error);
    }
  for (i = 0; i < model->graph->n_parameters; i++)
    qs_tensor_unref (inputs[i]);
  g_free (inputs);
  return cpu_now () - t0;
}

static void
bench_model (const char *path,
             guint       runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QsModel) model = qs_model_load (path, QS_LOAD_FLAGS_NONE, NULL, &error);
  g_autoptr(QsDataset) ds = NULL;
  g_autofree char *name = g_path_get_basename (path);
  g_autofree double *with = g_new (double, runs), *without = g_new (double, runs);
  g_autofree double *with8 = g_new (double, runs), *without8 = g_new (double, runs);
  g_autofree double *ratio = g_new (double, runs), *ratio_ref = g_new (double, runs);
  g_autofree double *rep_new = g_new (double, runs), *rep_ref = g_new (double, runs);
  g_autofree double *whole = g_new (double, runs);
  guint i;

  if (model == NULL)
    die (path, error);
  ds = qs_dataset_new (model);
  if (!qs_dataset_add_spec (ds, "random:1:7", TRUE, &error) || !qs_dataset_finish (ds, &error))
    die (path, error);
  for (i = 0; i < runs; i++)
    {
      Replay rp = { 0 };

      if (i % 2 == 0)
        {
          without[i] = plain_run (model, ds, FALSE);
          with[i] = analysis_run (model, ds, QS_ANALYSIS_FLOAT | QS_ANALYSIS_FQ, NULL);
          without8[i] = plain_run (model, ds, TRUE);
          with8[i] = analysis_run (model, ds, QS_ANALYSIS_INT8, NULL);
        }
      else
        {
          with[i] = analysis_run (model, ds, QS_ANALYSIS_FLOAT | QS_ANALYSIS_FQ, NULL);
          without[i] = plain_run (model, ds, FALSE);
          with8[i] = analysis_run (model, ds, QS_ANALYSIS_INT8, NULL);
          without8[i] = plain_run (model, ds, TRUE);
        }
      analysis_run (model, ds, QS_ANALYSIS_FLOAT | QS_ANALYSIS_FQ, &rp);
      analysis_run (model, ds, QS_ANALYSIS_INT8, &rp);
      g_clear_pointer (&rp.last_float, qs_tensor_unref);
      rep_new[i] = rp.new_s;
      rep_ref[i] = rp.ref_s;
      /* what the statistics add to the plain passes, new and reference */
      ratio[i] = rp.new_s / (without[i] + without8[i]);
      ratio_ref[i] = rp.ref_s / (without[i] + without8[i]);
      whole[i] = (with[i] + with8[i]) / (without[i] + without8[i]) - 1;
    }
  printf ("| %s | %.2f s | %.2f s | %.2f s | %.2f s | %.2f s | %.2f s | %+.1f %% | %+.1f %% | %+.1f %% |\n", name,
          median (without, runs), median (with, runs), median (without8, runs), median (with8, runs),
          median (rep_new, runs), median (rep_ref, runs),
          100 * median (ratio, runs), 100 * median (ratio_ref, runs), 100 * median (whole, runs));
  fflush (stdout);
}

int
main (int    argc,
      char **argv)
{
  gint rounds = 7, runs = 3;
  gboolean no_models = FALSE, no_passes = FALSE;
  g_autofree char *pass = NULL;
  GOptionEntry entries[] = {
    { "pass", 0, 0, G_OPTION_ARG_STRING, &pass, "only the passes whose name starts so (\"moments\")", "NAME" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "rounds of each pass (default 7)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "rounds of each whole run (default 3)", "N" },
    { "no-models", 0, 0, G_OPTION_ARG_NONE, &no_models, "the passes only", NULL },
    { "no-passes", 0, 0, G_OPTION_ARG_NONE, &no_passes, "the whole runs only", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("[MODEL.xml ...]");
  g_autoptr(GError) error = NULL;
  const char *models = g_getenv ("QS_SHARED_MODELS");
  g_autofree char *shared = NULL;
  int i;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || rounds < 1 || runs < 1)
    {
      g_printerr ("bench-stats: %s\n", error != NULL ? error->message : "--rounds and --runs are 1 or more");
      return 1;
    }
  if (!no_passes)
    bench_passes (rounds, pass);
  if (no_models)
    return 0;
  shared = g_build_filename (models != NULL ? models : "../shared/models", NULL);
  printf ("## A whole run with and without statistics, one random sample, CPU seconds, median of %d rounds\n\n", runs);
  printf ("| model | float+fq plain | float+fq analysis | int8 plain | int8 analysis "
          "| statistics, new | statistics, reference | stats add, new | stats add, reference | analysis adds |\n"
          "|---|---|---|---|---|---|---|---|---|---|\n");
  if (argc > 1)
    for (i = 1; i < argc; i++)
      bench_model (argv[i], runs);
  else
    {
      const char *defaults[] = {
        "pvb2003-int8-v11/person-vehicle-bike-detection-2003.xml",
        "yolov8n-int8-nncf-v11/yolov8n.xml",
      };

      for (i = 0; i < (int) G_N_ELEMENTS (defaults); i++)
        {
          g_autofree char *path = g_build_filename (shared, defaults[i], NULL);

          if (g_file_test (path, G_FILE_TEST_EXISTS))
            bench_model (path, runs);
          else
            printf ("| %s | not here |\n", defaults[i]);
        }
    }
  return 0;
}
