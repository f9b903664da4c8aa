/* bench-run.c — a whole model's run against the oneDNN floor of its layers
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * For each model: the seconds per sample (one random input) of qscope's
 * plan in float, fake-quant and int8 mode, each without and with
 * statistics (a QsSummary of every layer output, which is what a data-set
 * run adds per layer), beside a floor measured in the same process: the
 * model's own Convolution, GroupConvolution and MatMul layers (shapes,
 * strides, dilations, groups and pads as the float run saw them) run back
 * to back as oneDNN primitives, f32 and u8 x s8 -> s32.  oneDNN picks its
 * blocked layouts (format "any") and the reorders into them are not timed,
 * so the floor is what the arithmetic alone costs; everything else a model
 * does (activations, quantization, concatenations) is in qscope's time only.
 *
 * Rounds alternate every configuration once, in turn order rotated per
 * round; the table shows medians of the per-round times and of the
 * per-round ratios qscope / floor (int8 modes against the int8 floor, the
 * others against f32), in wall time and in the process's CPU time (on a
 * machine other jobs load, wall time also counts waiting for a core; CPU
 * time counts spinning threads, so it is the fairer one at one thread),
 * and the fastest round of each beside the fastest floor ("best").  One thread and two: the kernels' pool
 * (qs_parallel_set_threads()) and oneDNN's OpenMP threads set alike.
 *
 *   bench-run [--runs N] [--threads LIST] [--only CFG,...] [MODEL.xml ...]
 *
 * --only runs some configurations alone (for a profiler): float,
 * float+stats, fq, fq+stats, int8, int8+stats, dnnl-f32, dnnl-int8.
 * BENCH_RUN_CENSUS=1 prints, per mode, what the statistics summarise in
 * a run (the second): tensors by element type and size class, whether of
 * constant layers, of fused links, or added again without being read
 * (qs-stats-memo.h), or taken as the op wrote them ("wrote",
 * qs_exec_set_summarise_outputs()), and how many Dequantize summaries
 * were derived rather than counted (and how many summaries of an Add,
 * Subtract or Multiply of f32 data and a constant); BENCH_RUN_CENSUS=2 by
 * op type too.
 * BENCH_RUN_NO_WRITTEN=1 reads every output after its layer instead.
 *
 * Without models: pvb2003-int8-v11, yolov8n-int8-nncf-v11 and
 * pdr0013-int8-v11 from ../shared/models (beside the source tree) when
 * present.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "qscope-core.h"
#include "qs-dataset.h"
#include "qs-exec.h"
#include "qs-exec-derive-private.h"
#include "qs-stats.h"
#include "qs-stats-memo.h"
#include "qs-kernels.h"

#ifdef HAVE_DNNL
#include <dnnl.h>
#include <omp.h>
#endif

static const char *const default_models[] = {
  "pvb2003-int8-v11", "yolov8n-int8-nncf-v11", "pdr0013-int8-v11",
};

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* CPU seconds of the whole process: on a machine others load too, the
 * work a run does, where wall time also counts the waits for a core. */
static double
cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (const double *v, guint n)
{
  g_autofree double *s = g_memdup2 (v, n * sizeof (double));

  qsort (s, n, sizeof (double), cmp_double);
  return n % 2 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
}

/* The fastest round: on a shared machine the closest to an idle one's time. */
static double
least (const double *v, guint n)
{
  double m = v[0];

  for (guint i = 1; i < n; i++)
    m = MIN (m, v[i]);
  return m;
}

static void
set_threads (guint n)
{
  qs_parallel_set_threads (n);
#ifdef HAVE_DNNL
  omp_set_num_threads ((int) n);
#endif
}

/* ---- the layers of the floor, as the float run saw them ---- */

typedef enum { LAYER_CONV, LAYER_MATMUL } LayerKind;

typedef struct
{
  LayerKind kind;
  char     *name;
  /* conv (1-D ones as 2-D with height 1) */
  int       n, ic, ih, iw, oc, oh, ow, kh, kw, groups;
  int       sh, sw, dh, dw, pt, pl, pb, pr;
  /* matmul: batch x [m, k] x [k, n] */
  int       batch, m, k, nn;
  double    macs;
} Layer;

static void
layer_clear (gpointer data)
{
  g_free (((Layer *) data)->name);
}

static int
list_at (GArray *list, guint i, int fallback)
{
  return list != NULL && i < list->len ? (int) g_array_index (list, gint64, i) : fallback;
}

/* One spatial axis: the pads oneDNN needs so that its output size is @o. */
static void
axis_pads (const char *auto_pad, GArray *pb_list, GArray *pe_list, guint axis,
           int i, int k, int s, int d, int o, int *pb, int *pe)
{
  int total = MAX (0, (o - 1) * s + (k - 1) * d + 1 - i);

  if (auto_pad != NULL && g_str_equal (auto_pad, "same_upper"))
    *pb = total / 2;
  else if (auto_pad != NULL && g_str_equal (auto_pad, "same_lower"))
    *pb = total - total / 2;
  else if (auto_pad != NULL && g_str_equal (auto_pad, "valid"))
    *pb = 0;
  else
    {
      *pb = list_at (pb_list, axis, 0);
      *pe = list_at (pe_list, axis, 0);
      return;
    }
  *pe = MAX (0, total - *pb);
}

typedef struct
{
  GArray *layers;
  guint   skipped;   /* 3-D convolutions and MatMuls of other shapes */
} Collect;

static void
collect_layer (const QsNode    *node,
               QsTensor *const *inputs,
               guint            n_inputs,
               QsTensor *const *outputs,
               guint            n_outputs,
               gpointer         user_data)
{
  Collect *c = user_data;
  gboolean group = qs_node_is_type (node, "GroupConvolution");
  Layer l = { 0 };

  if ((qs_node_is_type (node, "Convolution") || group) && n_inputs >= 2 && n_outputs >= 1)
    {
      const QsTensor *x = inputs[0], *w = inputs[1], *y = outputs[0];
      g_autoptr(GArray) st = qs_node_get_int_list (node, "strides", NULL);
      g_autoptr(GArray) dl = qs_node_get_int_list (node, "dilations", NULL);
      g_autoptr(GArray) pb = qs_node_get_int_list (node, "pads_begin", NULL);
      g_autoptr(GArray) pe = qs_node_get_int_list (node, "pads_end", NULL);
      const char *auto_pad = qs_node_get_attr (node, "auto_pad");
      int sp = x->rank - 2, wo = group ? 1 : 0;

      if (sp < 1 || sp > 2 || w->rank != x->rank + wo || y->rank != x->rank)
        {
          c->skipped++;
          return;
        }
      l.kind = LAYER_CONV;
      l.n = (int) x->dims[0];
      l.ic = (int) x->dims[1];
      l.oc = (int) y->dims[1];
      l.groups = group ? (int) w->dims[0] : 1;
      l.ih = sp == 2 ? (int) x->dims[2] : 1;
      l.iw = (int) x->dims[x->rank - 1];
      l.oh = sp == 2 ? (int) y->dims[2] : 1;
      l.ow = (int) y->dims[y->rank - 1];
      l.kh = sp == 2 ? (int) w->dims[w->rank - 2] : 1;
      l.kw = (int) w->dims[w->rank - 1];
      l.sh = sp == 2 ? list_at (st, 0, 1) : 1;
      l.sw = list_at (st, sp - 1, 1);
      l.dh = sp == 2 ? list_at (dl, 0, 1) : 1;
      l.dw = list_at (dl, sp - 1, 1);
      if (sp == 2)
        axis_pads (auto_pad, pb, pe, 0, l.ih, l.kh, l.sh, l.dh, l.oh, &l.pt, &l.pb);
      axis_pads (auto_pad, pb, pe, sp - 1, l.iw, l.kw, l.sw, l.dw, l.ow, &l.pl, &l.pr);
      l.macs = (double) l.n * l.oc * l.oh * l.ow * (l.ic / l.groups) * l.kh * l.kw;
    }
  else if (qs_node_is_type (node, "MatMul") && n_inputs == 2 && n_outputs == 1)
    {
      const QsTensor *a = inputs[0], *b = inputs[1], *y = outputs[0];
      gboolean ta = FALSE, tb = FALSE;
      gsize batch = 1;

      qs_node_get_bool (node, "transpose_a", FALSE, &ta, NULL);
      qs_node_get_bool (node, "transpose_b", FALSE, &tb, NULL);
      if (a->rank < 2 || b->rank < 2 || y->rank < 2)
        {
          c->skipped++;
          return;
        }
      for (int i = 0; i < y->rank - 2; i++)
        batch *= y->dims[i];
      l.kind = LAYER_MATMUL;
      l.m = (int) y->dims[y->rank - 2];
      l.nn = (int) y->dims[y->rank - 1];
      l.k = (int) (ta ? a->dims[a->rank - 2] : a->dims[a->rank - 1]);
      (void) tb;
      l.batch = (int) batch;
      l.macs = (double) batch * l.m * l.nn * l.k;
    }
  else
    return;
  l.name = g_strdup (node->name);
  g_array_append_val (c->layers, l);
}

/* ---- the floor ---- */

#ifdef HAVE_DNNL
#define DNNL_CHECK(x) G_STMT_START { dnnl_status_t s_ = (x); \
  if (s_ != dnnl_success) g_error ("%s failed: %d", #x, (int) s_); } G_STMT_END

typedef struct
{
  dnnl_primitive_t prim;
  dnnl_memory_t    src, wei, dst;
} Prim;

static dnnl_engine_t eng;
static dnnl_stream_t str;

static void
mem_fill (dnnl_memory_t mem, int byte)
{
  void *p;
  const dnnl_memory_desc_t *md;

  DNNL_CHECK (dnnl_memory_get_memory_desc (mem, &md));
  DNNL_CHECK (dnnl_memory_get_data_handle (mem, &p));
  memset (p, byte, dnnl_memory_desc_get_size (md));
}

static gboolean
prim_create (Prim *p, const Layer *l, gboolean int8)
{
  dnnl_memory_desc_t src_md, wei_md, dst_md;
  dnnl_primitive_desc_t pd;
  dnnl_data_type_t st = int8 ? dnnl_u8 : dnnl_f32, wt = int8 ? dnnl_s8 : dnnl_f32;
  dnnl_data_type_t dt = int8 ? dnnl_s32 : dnnl_f32;

  if (l->kind == LAYER_CONV)
    {
      dnnl_convolution_desc_t cd;
      dnnl_dims_t sd = { l->n, l->ic, l->ih, l->iw };
      dnnl_dims_t dd = { l->n, l->oc, l->oh, l->ow };
      dnnl_dims_t strides = { l->sh, l->sw };
      dnnl_dims_t dil = { l->dh - 1, l->dw - 1 };
      dnnl_dims_t pl = { l->pt, l->pl };
      dnnl_dims_t pr = { l->pb, l->pr };

      DNNL_CHECK (dnnl_memory_desc_init_by_tag (&src_md, 4, sd, st, dnnl_format_tag_any));
      if (l->groups > 1)
        {
          dnnl_dims_t wd = { l->groups, l->oc / l->groups, l->ic / l->groups, l->kh, l->kw };

          DNNL_CHECK (dnnl_memory_desc_init_by_tag (&wei_md, 5, wd, wt, dnnl_format_tag_any));
        }
      else
        {
          dnnl_dims_t wd = { l->oc, l->ic, l->kh, l->kw };

          DNNL_CHECK (dnnl_memory_desc_init_by_tag (&wei_md, 4, wd, wt, dnnl_format_tag_any));
        }
      DNNL_CHECK (dnnl_memory_desc_init_by_tag (&dst_md, 4, dd, dt, dnnl_format_tag_any));
      if (dnnl_dilated_convolution_forward_desc_init (&cd, dnnl_forward_inference, dnnl_convolution_direct,
                                                      &src_md, &wei_md, NULL, &dst_md,
                                                      strides, dil, pl, pr) != dnnl_success)
        return FALSE;
      if (dnnl_primitive_desc_create (&pd, &cd, NULL, eng, NULL) != dnnl_success)
        return FALSE;
    }
  else
    {
      dnnl_matmul_desc_t md;
      dnnl_dims_t ad = { l->batch, l->m, l->k };
      dnnl_dims_t bd = { 1, l->k, l->nn };
      dnnl_dims_t cd = { l->batch, l->m, l->nn };

      DNNL_CHECK (dnnl_memory_desc_init_by_tag (&src_md, 3, ad, st, dnnl_abc));
      DNNL_CHECK (dnnl_memory_desc_init_by_tag (&wei_md, 3, bd, wt, dnnl_format_tag_any));
      DNNL_CHECK (dnnl_memory_desc_init_by_tag (&dst_md, 3, cd, dt, dnnl_abc));
      if (dnnl_matmul_desc_init (&md, &src_md, &wei_md, NULL, &dst_md) != dnnl_success)
        return FALSE;
      if (dnnl_primitive_desc_create (&pd, &md, NULL, eng, NULL) != dnnl_success)
        return FALSE;
    }
  DNNL_CHECK (dnnl_memory_create (&p->src, dnnl_primitive_desc_query_md (pd, dnnl_query_src_md, 0),
                                  eng, DNNL_MEMORY_ALLOCATE));
  DNNL_CHECK (dnnl_memory_create (&p->wei, dnnl_primitive_desc_query_md (pd, dnnl_query_weights_md, 0),
                                  eng, DNNL_MEMORY_ALLOCATE));
  DNNL_CHECK (dnnl_memory_create (&p->dst, dnnl_primitive_desc_query_md (pd, dnnl_query_dst_md, 0),
                                  eng, DNNL_MEMORY_ALLOCATE));
  {
    const char *info = NULL;

    dnnl_primitive_desc_query (pd, dnnl_query_impl_info_str, 0, &info);
    if (g_getenv ("BENCH_RUN_VERBOSE") != NULL)
      fprintf (stderr, "%s %s: %s\n", int8 ? "int8" : "f32", l->name, info);
  }
  DNNL_CHECK (dnnl_primitive_create (&p->prim, pd));
  dnnl_primitive_desc_destroy (pd);
  /* 0x3c: u8/s8 60, or f32 0.0115 (1-bytes would make f32 products denormal) */
  mem_fill (p->src, 0x3c);
  mem_fill (p->wei, 0x3c);
  return TRUE;
}

static void
prim_destroy (Prim *p)
{
  if (p->prim == NULL)
    return;
  dnnl_primitive_destroy (p->prim);
  dnnl_memory_destroy (p->src);
  dnnl_memory_destroy (p->wei);
  dnnl_memory_destroy (p->dst);
}

static double
floor_run (Prim *prims, guint n, double *cpu)
{
  double t0 = now_s (), c0 = cpu_s ();

  for (guint i = 0; i < n; i++)
    if (prims[i].prim != NULL)
      {
        dnnl_exec_arg_t args[3] = {
          { DNNL_ARG_SRC, prims[i].src },
          { DNNL_ARG_WEIGHTS, prims[i].wei },
          { DNNL_ARG_DST, prims[i].dst },
        };

        DNNL_CHECK (dnnl_primitive_execute (prims[i].prim, str, 3, args));
      }
  DNNL_CHECK (dnnl_stream_wait (str));
  *cpu = cpu_s () - c0;
  return now_s () - t0;
}

/* The f32 and int8 primitives of every layer, made with @n_threads OpenMP
 * threads set: oneDNN's convolutions fix their thread count when they are
 * made, so primitives made for two threads keep waking a second one.
 * Returns how many layers oneDNN refused. */
static guint
make_prims (Prim   *prims[2],
            GArray *layers,
            guint   n_threads)
{
  guint failed = 0;

  set_threads (n_threads);
  for (int q = 0; q < 2; q++)
    {
      prims[q] = g_new0 (Prim, layers->len);
      for (guint i = 0; i < layers->len; i++)
        if (!prim_create (&prims[q][i], &g_array_index (layers, Layer, i), q == 1))
          {
            memset (&prims[q][i], 0, sizeof (Prim));
            if (q == 0)
              failed++;
          }
    }
  return failed;
}

static void
destroy_prims (Prim  *prims[2],
               guint  n)
{
  for (int q = 0; q < 2; q++)
    {
      for (guint i = 0; i < n; i++)
        prim_destroy (&prims[q][i]);
      g_clear_pointer (&prims[q], g_free);
    }
}
#endif

/* ---- qscope ---- */

typedef struct
{
  guint      n_nodes;
  QsSummary *summaries;   /* by node index, port 0 */
  gboolean  *has;
  QsExec    *exec;        /* the plan observed */
  QsSummaryMemo *memo[3]; /* by mode: each layer output read once */
  QsSummaryMemo *cur;     /* the observed plan's */
  gboolean   census;
  gboolean   census_ops;  /* BENCH_RUN_CENSUS=2: by op type too */
  GHashTable *counts;     /* "type size-class [const]" -> Census */
} Stats;

typedef struct
{
  guint64 calls, elements;
} Census;

static void
census_add (Stats *s, const QsNode *node, const char *type, guint64 n, const char *kind)
{
  static const char *const classes[] = { "<1Ki", "<16Ki", "<128Ki", "<1Mi", ">=1Mi" };
  guint c = n < 1024 ? 0 : n < 16384 ? 1 : n < 131072 ? 2 : n < 1048576 ? 3 : 4;
  g_autofree char *key = g_strdup_printf ("%-5s %-7s %-5s %s", type, classes[c],
                                          kind != NULL ? kind : qs_exec_node_is_constant (s->exec, node) ? "const" : "",
                                          s->census_ops ? node->type : "");
  Census *e = g_hash_table_lookup (s->counts, key);

  if (e == NULL)
    g_hash_table_insert (s->counts, g_steal_pointer (&key), (e = g_new0 (Census, 1)));
  e->calls++;
  e->elements += n;
}

static int
cmp_str (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
census_print (Stats *s, const char *mode)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;

  keys = g_hash_table_get_keys_as_array (s->counts, &n);
  qsort (keys, n, sizeof *keys, cmp_str);
  printf ("# census %s: summaries per run (type, elements, kind): calls, elements\n", mode);
  for (guint i = 0; i < n; i++)
    {
      Census *e = g_hash_table_lookup (s->counts, keys[i]);

      printf ("#   %-40s %6" G_GUINT64_FORMAT " %12" G_GUINT64_FORMAT "\n", (char *) keys[i], e->calls, e->elements);
    }
  g_hash_table_remove_all (s->counts);
}

static void
stats_observe (const QsNode    *node,
               QsTensor *const *inputs,
               guint            n_inputs,
               QsTensor *const *outputs,
               guint            n_outputs,
               gpointer         user_data)
{
  Stats *s = user_data;
  const QsSummary *written;
  gboolean read;

  if (n_outputs == 0 || outputs[0] == NULL || qs_node_is_type (node, "Const") || node->index >= s->n_nodes)
    return;
  /* taken as the op wrote it (stats_summary gave the summary): only
   * noted, for the views of it after */
  written = qs_exec_output_summarised (s->exec, node, 0);
  if (written != NULL)
    {
      qs_summary_memo_note (s->cur, node, 0, outputs[0], written, qs_exec_node_is_constant (s->exec, node));
      if (s->census)
        census_add (s, node, qs_element_type_name (outputs[0]->type), outputs[0]->n_elements, "wrote");
      return;
    }
  if (!s->has[node->index])
    {
      qs_summary_init (&s->summaries[node->index], NULL, NULL);
      s->has[node->index] = TRUE;
    }
  read = qs_summary_memo_add (s->cur, &s->summaries[node->index], node, 0, outputs[0],
                              qs_exec_node_is_constant (s->exec, node));
  if (s->census)
    census_add (s, node, qs_element_type_name (outputs[0]->type), outputs[0]->n_elements,
                read ? NULL : "again");
}

/* The same summaries, for the links of a fused int8 chain and for the
 * layers whose ops summarise their output as they write it: their slices
 * are added while in cache (qs_exec_set_summary_func(),
 * qs_exec_set_summarise_outputs()).  A fused link's @like has no data. */
static QsSummary *
stats_summary (const QsNode   *node,
               guint           port,
               const QsTensor *like,
               const double   *range,
               gpointer        user_data)
{
  Stats *s = user_data;

  if (port != 0 || node->index >= s->n_nodes)
    return NULL;
  if (!s->has[node->index])
    {
      qs_summary_init (&s->summaries[node->index], NULL, NULL);
      s->has[node->index] = TRUE;
    }
  if (s->census && like->data == NULL)
    census_add (s, node, "f32", like->n_elements, "fused");
  return &s->summaries[node->index];
}

static double
run_once (QsExec *exec, QsTensor **inputs, Stats *stats, double *cpu)
{
  g_autoptr(GError) error = NULL;
  double t0, c0;

  if (stats != NULL)
    {
      stats->exec = exec;
      stats->cur = stats->memo[qs_exec_get_mode (exec)];
      qs_summary_memo_next_run (stats->cur);
    }
  qs_exec_set_observer (exec, stats != NULL ? stats_observe : NULL, stats);
  /* port 0 alone is summarised: MaxPool need not compute its indices */
  qs_exec_set_observer_ports (exec, 1);
  qs_exec_set_summarise_outputs (exec, stats != NULL && g_getenv ("BENCH_RUN_NO_WRITTEN") == NULL);
  qs_exec_set_summary_func (exec, stats != NULL ? stats_summary : NULL, stats);
  t0 = now_s ();
  c0 = cpu_s ();
  if (!qs_exec_run (exec, inputs, NULL, NULL, NULL, NULL, &error))
    g_error ("bench-run: %s", error->message);
  *cpu = cpu_s () - c0;
  return now_s () - t0;
}

enum { CFG_FLOAT, CFG_FLOAT_STATS, CFG_FQ, CFG_FQ_STATS, CFG_INT8, CFG_INT8_STATS,
       CFG_FLOOR_F32, CFG_FLOOR_INT8, N_CFG };

static const char *const cfg_names[N_CFG] = {
  "float", "float + stats", "fq", "fq + stats", "int8", "int8 + stats", "oneDNN f32", "oneDNN int8",
};

static const char *const cfg_keys[N_CFG] = {
  "float", "float+stats", "fq", "fq+stats", "int8", "int8+stats", "dnnl-f32", "dnnl-int8",
};

static void
bench_model (const char *path, guint runs, const guint *threads, guint n_threads, guint only)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QsModel) model = qs_model_load (path, QS_LOAD_FLAGS_NONE, NULL, &error);
  g_autoptr(QsDataset) ds = NULL;
  QsTensor **inputs;
  QsExec *exec[3] = { NULL, NULL, NULL };
  Collect col = { g_array_new (FALSE, TRUE, sizeof (Layer)), 0 };
  Stats stats = { 0 };
  double macs = 0;
  guint n_floor = 0, n_failed = 0;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (dir);
#ifdef HAVE_DNNL
  Prim *prims[2] = { NULL, NULL };
#endif

  g_array_set_clear_func (col.layers, layer_clear);
  if (model == NULL)
    {
      g_printerr ("bench-run: %s\n", error->message);
      exit (1);
    }
  ds = qs_dataset_new (model);
  if (!qs_dataset_add_spec (ds, "random:1", FALSE, &error) || !qs_dataset_finish (ds, &error) ||
      (inputs = qs_dataset_load_sample (ds, 0, &error)) == NULL)
    {
      g_printerr ("bench-run: %s: %s\n", path, error->message);
      exit (1);
    }
  for (int m = 0; m < 3; m++)
    if ((exec[m] = qs_exec_new (model, m, &error)) == NULL)
      {
        g_printerr ("bench-run: %s: %s mode: %s\n", name, qs_exec_mode_name (m), error->message);
        g_clear_error (&error);
      }
  if (exec[QS_EXEC_MODE_FLOAT] == NULL)
    exit (1);

  qs_exec_set_observer (exec[QS_EXEC_MODE_FLOAT], collect_layer, &col);
  if (!qs_exec_run (exec[QS_EXEC_MODE_FLOAT], inputs, NULL, NULL, NULL, NULL, &error))
    {
      g_printerr ("bench-run: %s: %s\n", name, error->message);
      exit (1);
    }
  qs_exec_set_observer (exec[QS_EXEC_MODE_FLOAT], NULL, NULL);
  for (guint i = 0; i < col.layers->len; i++)
    macs += g_array_index (col.layers, Layer, i).macs;

  stats.n_nodes = model->graph->n_nodes;
  stats.summaries = g_new0 (QsSummary, stats.n_nodes);
  stats.has = g_new0 (gboolean, stats.n_nodes);
  for (int m = 0; m < 3; m++)
    stats.memo[m] = qs_summary_memo_new ();
  if (g_getenv ("BENCH_RUN_CENSUS") != NULL)
    {
      stats.census = TRUE;
      stats.census_ops = g_strcmp0 (g_getenv ("BENCH_RUN_CENSUS"), "2") == 0;
      stats.counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (int m = 0; m < 3; m++)
        if (exec[m] != NULL)
          {
            double cpu;

            /* the second run: constants' summaries are reused from the first */
            guint derived, derived_const;

            run_once (exec[m], inputs, &stats, &cpu);
            g_hash_table_remove_all (stats.counts);
            derived = _qs_derive_get_n_derived ();
            derived_const = _qs_derive_get_n_derived_const ();
            run_once (exec[m], inputs, &stats, &cpu);
            census_print (&stats, qs_exec_mode_name (m));
            printf ("#   Dequantize summaries derived from their data's rows, not counted: %u\n",
                    _qs_derive_get_n_derived () - derived);
            printf ("#   Add/Subtract/Multiply (data and a constant) summaries derived from the data's rows: %u\n",
                    _qs_derive_get_n_derived_const () - derived_const);
          }
      stats.census = FALSE;
      g_clear_pointer (&stats.counts, g_hash_table_unref);
    }

#ifdef HAVE_DNNL
  /* once to count what oneDNN refuses; made again per thread count below */
  n_failed = make_prims (prims, col.layers, threads[0]);
  destroy_prims (prims, col.layers->len);
  n_floor = col.layers->len - n_failed;
#endif

  printf ("\n## %s: %u Convolution/GroupConvolution/MatMul layers, %.2f GMAC", name,
          col.layers->len, macs * 1e-9);
  if (col.skipped > 0 || n_failed > 0)
    printf (" (%u not in the floor: 3-D, other ranks or refused by oneDNN)", col.skipped + n_failed);
  printf ("; median of %u rounds\n", runs);
  printf ("%-14s %3s | %9s %9s %9s | %9s %9s %9s | %7s %7s %7s\n", "", "thr", "wall ms", "cpu ms", "best ms",
          "floor wall", "floor cpu", "fl. best", "/ floor", "cpu /fl", "best/fl");

  for (guint t = 0; t < n_threads; t++)
    {
      double *times[N_CFG], *cpus[N_CFG], *ratios[N_CFG], *cratios[N_CFG];

#ifdef HAVE_DNNL
      make_prims (prims, col.layers, threads[t]);
#endif
      set_threads (threads[t]);
      for (int c = 0; c < N_CFG; c++)
        {
          times[c] = g_new0 (double, runs);
          cpus[c] = g_new0 (double, runs);
          ratios[c] = g_new0 (double, runs);
          cratios[c] = g_new0 (double, runs);
        }
      for (guint r = 0; r <= runs; r++)   /* round 0 warms up */
        {
          double tr[N_CFG] = { 0 }, cr[N_CFG] = { 0 };

          for (int j = 0; j < N_CFG; j++)
            {
              int c = (j + r) % N_CFG;

              if (!(only & (1u << c)))
                continue;
              switch (c)
                {
                case CFG_FLOOR_F32:
                case CFG_FLOOR_INT8:
#ifdef HAVE_DNNL
                  tr[c] = floor_run (prims[c == CFG_FLOOR_INT8], col.layers->len, &cr[c]);
#endif
                  break;
                default:
                  if (exec[c / 2] != NULL)
                    tr[c] = run_once (exec[c / 2], inputs, c % 2 ? &stats : NULL, &cr[c]);
                  break;
                }
            }
          if (r == 0)
            continue;
          for (int c = 0; c < N_CFG; c++)
            {
              int f = c >= CFG_INT8 && c <= CFG_INT8_STATS ? CFG_FLOOR_INT8 : CFG_FLOOR_F32;

              times[c][r - 1] = tr[c];
              cpus[c][r - 1] = cr[c];
              ratios[c][r - 1] = tr[f] > 0 ? tr[c] / tr[f] : 0;
              cratios[c][r - 1] = cr[f] > 0 ? cr[c] / cr[f] : 0;
            }
        }
      for (int c = 0; c < N_CFG; c++)
        {
          int f = c >= CFG_INT8 && c <= CFG_INT8_STATS ? CFG_FLOOR_INT8 : CFG_FLOOR_F32;

          if (!(only & (1u << c)))
            ;
          else if (c < CFG_FLOOR_F32 && exec[c / 2] == NULL)
            printf ("%-14s %3u | %9s\n", cfg_names[c], threads[t], "-");
          else if (c < CFG_FLOOR_F32 && n_floor > 0 && (only & (1u << f)))
            printf ("%-14s %3u | %9.1f %9.1f %9.1f | %9.1f %9.1f %9.1f | %7.1f %7.1f %7.1f\n", cfg_names[c], threads[t],
                    median (times[c], runs) * 1e3, median (cpus[c], runs) * 1e3, least (times[c], runs) * 1e3,
                    median (times[f], runs) * 1e3, median (cpus[f], runs) * 1e3, least (times[f], runs) * 1e3,
                    median (ratios[c], runs), median (cratios[c], runs), least (times[c], runs) / least (times[f], runs));
          else if (c < CFG_FLOOR_F32 || n_floor > 0)
            printf ("%-14s %3u | %9.1f %9.1f %9.1f |\n", cfg_names[c], threads[t],
                    median (times[c], runs) * 1e3, median (cpus[c], runs) * 1e3, least (times[c], runs) * 1e3);
          g_free (times[c]);
          g_free (cpus[c]);
          g_free (ratios[c]);
          g_free (cratios[c]);
        }
      fflush (stdout);
#ifdef HAVE_DNNL
      destroy_prims (prims, col.layers->len);
#endif
    }

  for (guint i = 0; i < stats.n_nodes; i++)
    if (stats.has[i])
      qs_summary_clear (&stats.summaries[i]);
  g_free (stats.summaries);
  g_free (stats.has);
  for (int m = 0; m < 3; m++)
    qs_summary_memo_free (stats.memo[m]);
  for (guint i = 0; i < model->graph->n_parameters; i++)
    qs_tensor_unref (inputs[i]);
  g_free (inputs);
  for (int m = 0; m < 3; m++)
    qs_exec_free (exec[m]);
  g_array_unref (col.layers);
}

int
main (int argc, char **argv)
{
  guint runs = 7;
  guint threads[8] = { 1, 2 };
  guint n_threads = 2;
  guint only = (1u << N_CFG) - 1;
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func (g_free);

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        {
          int r = atoi (argv[++i]);

          runs = MAX (1, r);
        }
      else if (g_str_equal (argv[i], "--threads") && i + 1 < argc)
        {
          g_auto(GStrv) parts = g_strsplit (argv[++i], ",", -1);

          n_threads = 0;
          for (guint j = 0; parts[j] != NULL && n_threads < G_N_ELEMENTS (threads); j++)
            {
              int n = atoi (parts[j]);

              threads[n_threads++] = MAX (1, n);
            }
        }
      else if (g_str_equal (argv[i], "--only") && i + 1 < argc)
        {
          g_auto(GStrv) parts = g_strsplit (argv[++i], ",", -1);

          only = 0;
          for (guint j = 0; parts[j] != NULL; j++)
            {
              int c;

              for (c = 0; c < N_CFG && !g_str_equal (parts[j], cfg_keys[c]); c++)
                ;
              if (c == N_CFG)
                {
                  fprintf (stderr, "bench-run: unknown configuration '%s' (float, float+stats, fq, fq+stats, "
                           "int8, int8+stats, dnnl-f32, dnnl-int8)\n", parts[j]);
                  return 2;
                }
              only |= 1u << c;
            }
        }
      else if (argv[i][0] == '-')
        {
          fprintf (stderr, "usage: %s [--runs N] [--threads 1,2] [--only CFG,...] [MODEL.xml ...]\n", argv[0]);
          return 2;
        }
      else
        g_ptr_array_add (models, g_strdup (argv[i]));
    }
  if (models->len == 0)
    for (gsize i = 0; i < G_N_ELEMENTS (default_models); i++)
      {
        g_autofree char *d = g_build_filename (QS_MODELS_DIR, default_models[i], NULL);
        g_autoptr(GDir) dir = g_dir_open (d, 0, NULL);
        const char *f;

        while (dir != NULL && (f = g_dir_read_name (dir)) != NULL)
          if (g_str_has_suffix (f, ".xml"))
            {
              g_ptr_array_add (models, g_build_filename (d, f, NULL));
              break;
            }
      }
  if (models->len == 0)
    {
      fprintf (stderr, "bench-run: no model given and none of the default ones found\n");
      return 2;
    }

#ifdef HAVE_DNNL
  DNNL_CHECK (dnnl_engine_create (&eng, dnnl_cpu, 0));
  DNNL_CHECK (dnnl_stream_create (&str, eng, dnnl_stream_default_flags));
  {
    const dnnl_version_t *v = dnnl_version ();
    printf ("# oneDNN %d.%d.%d; qscope ISA %s\n", v->major, v->minor, v->patch,
            qs_isa_name (qs_kernels_get_isa ()));
  }
#else
  printf ("# built without oneDNN: no floor\n");
#endif
  for (guint i = 0; i < models->len; i++)
    bench_model (g_ptr_array_index (models, i), runs, threads, n_threads, only);
#ifdef HAVE_DNNL
  dnnl_stream_destroy (str);
  dnnl_engine_destroy (eng);
#endif
  return 0;
}
