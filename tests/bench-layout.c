/* bench-layout.c — the layered layout against Graphviz dot
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 *   bench-layout [--dot-timeout SECONDS] [--no-dot] [--only SUBSTRING]
 *
 * Lays out every shared model (folded, as the window shows it) and generated
 * network-shaped graphs of 2,000, 10,000 and 50,000 boxes, then gives dot the
 * same graph (same box sizes and gaps, as DOT) with a time limit.  Each side
 * runs in a child process so its peak memory is its own (wait4's ru_maxrss).
 * Crossings are counted the same way for both, from the drawn geometry:
 * every edge is cut at each rank's centre line, and the cuts and boxes of
 * adjacent ranks are compared with the exact counter.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "qscope-core.h"
#include "qs-layout.h"
#include "layout-gen.h"

typedef struct
{
  char    name[96];
  guint   n_gen;                 /* generated size, or 0 for a model */
  char    path[1024];
} Case;

typedef struct
{
  gboolean ok;
  guint    n_boxes;
  guint    n_edges;
  guint    n_ranks;
  guint    n_dummies;
  guint    runs;
  double   median;
  double   cpu_median;            /* process CPU time: what an idle core would take */
  double   stages[5];
  guint64  crossings;            /* as left by the crossing reduction */
  guint64  geo_crossings;        /* from the geometry, as for dot */
  long     rss_before_kb;
} Ours;

/* -- crossings from geometry -- */

typedef struct
{
  double x;
  guint  id;
} Cut;

static int
compare_cut (const void *a,
             const void *b)
{
  const Cut *x = a, *y = b;

  if (x->x != y->x)
    return x->x < y->x ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* Bézier path points (1 + 3k) with y growing downward. */
typedef struct
{
  guint          from;
  guint          to;
  guint          n_points;
  QsLayoutPoint *points;
} GeoEdge;

static gboolean
path_x_at (const GeoEdge *e,
           double         y,
           double        *x)
{
  guint k;

  for (k = 0; k + 3 < e->n_points; k += 3)
    {
      const QsLayoutPoint *p = e->points + k;
      double lo = 0, hi = 1, u, t;
      int it;

      if (!((p[0].y <= y && y <= p[3].y) || (p[3].y <= y && y <= p[0].y)))
        continue;
      /* y(t) is monotone on every piece both tools draw between ranks. */
      for (it = 0; it < 50; it++)
        {
          double yt;

          t = (lo + hi) / 2;
          u = 1 - t;
          yt = u * u * u * p[0].y + 3 * u * u * t * p[1].y + 3 * u * t * t * p[2].y + t * t * t * p[3].y;
          if ((yt < y) == (p[0].y <= p[3].y))
            lo = t;
          else
            hi = t;
        }
      t = (lo + hi) / 2;
      u = 1 - t;
      *x = u * u * u * p[0].x + 3 * u * u * t * p[1].x + 3 * u * t * t * p[2].x + t * t * t * p[3].x;
      return TRUE;
    }
  return FALSE;
}

/* @ny: node centre y (rank lines), @nx: node centre x.  Edges pointing up
 * (dot's back edges) are taken in their drawn direction. */
static guint64
geo_crossings (guint          n_nodes,
               const double  *nx,
               const double  *ny,
               guint          n_edges,
               const GeoEdge *edges,
               guint         *n_levels_out,
               guint64       *n_dummies_out)
{
  g_autoptr(GArray) levels = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree double *sorted = g_new (double, MAX (n_nodes, 1));
  GArray **cuts;
  g_autofree guint *node_level = g_new (guint, MAX (n_nodes, 1));
  guint i, l, n_levels;
  guint64 total = 0;
  GArray *chains;   /* per edge: guint cut ids, level by level */
  g_autofree guint *chain_first_level = g_new (guint, MAX (n_edges, 1));
  g_autoptr(GArray) chain_start = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) pos_of = g_array_new (FALSE, FALSE, sizeof (guint));
  guint next_id = n_nodes;

  for (i = 0; i < n_nodes; i++)
    sorted[i] = ny[i];
  qsort (sorted, n_nodes, sizeof (double), (int (*) (const void *, const void *)) compare_cut);
  for (i = 0; i < n_nodes; i++)
    if (levels->len == 0 || sorted[i] - g_array_index (levels, double, levels->len - 1) > 0.5)
      g_array_append_val (levels, sorted[i]);
  n_levels = levels->len;
  if (n_levels_out)
    *n_levels_out = n_levels;
  for (i = 0; i < n_nodes; i++)
    {
      guint lo = 0, hi = n_levels;

      /* The level within half a unit of the node's centre. */
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (g_array_index (levels, double, mid) < ny[i] - 0.5)
            lo = mid + 1;
          else
            hi = mid;
        }
      node_level[i] = lo;
    }

  cuts = g_new0 (GArray *, MAX (n_levels, 1));
  for (l = 0; l < n_levels; l++)
    cuts[l] = g_array_new (FALSE, FALSE, sizeof (Cut));
  for (i = 0; i < n_nodes; i++)
    {
      Cut c = { nx[i], i };
      g_array_append_val (cuts[node_level[i]], c);
    }

  chains = g_array_new (FALSE, FALSE, sizeof (guint));
  for (i = 0; i < n_edges; i++)
    {
      const GeoEdge *e = &edges[i];
      guint a = node_level[e->from], b = node_level[e->to];
      guint top = MIN (a, b), bottom = MAX (a, b), top_node = a < b ? e->from : e->to;
      guint bottom_node = a < b ? e->to : e->from;

      g_array_append_val (chain_start, chains->len);
      chain_first_level[i] = top;
      if (n_dummies_out && bottom > top + 1)
        *n_dummies_out += bottom - top - 1;
      if (top == bottom)
        continue;                  /* flat edges have no crossings between ranks */
      g_array_append_val (chains, top_node);
      for (l = top + 1; l < bottom; l++)
        {
          Cut c;

          if (!path_x_at (e, g_array_index (levels, double, l), &c.x))
            c.x = nx[e->from] + (nx[e->to] - nx[e->from]) * (l - top) / (double) (bottom - top);
          c.id = next_id++;
          g_array_append_val (cuts[l], c);
          g_array_append_val (chains, c.id);
        }
      g_array_append_val (chains, bottom_node);
    }
  g_array_append_val (chain_start, chains->len);

  g_array_set_size (pos_of, next_id);
  for (l = 0; l < n_levels; l++)
    {
      qsort (cuts[l]->data, cuts[l]->len, sizeof (Cut), compare_cut);
      for (i = 0; i < cuts[l]->len; i++)
        g_array_index (pos_of, guint, g_array_index (cuts[l], Cut, i).id) = i;
    }

  /* Segments between each pair of adjacent levels. */
  {
    GArray **up = g_new0 (GArray *, MAX (n_levels, 1));
    GArray **down = g_new0 (GArray *, MAX (n_levels, 1));

    for (l = 0; l < n_levels; l++)
      {
        up[l] = g_array_new (FALSE, FALSE, sizeof (guint));
        down[l] = g_array_new (FALSE, FALSE, sizeof (guint));
      }
    for (i = 0; i < n_edges; i++)
      {
        guint a = g_array_index (chain_start, guint, i), b = g_array_index (chain_start, guint, i + 1);
        guint k;

        for (k = a; k + 1 < b; k++)
          {
            guint lvl = chain_first_level[i] + (k - a);
            guint pu = g_array_index (pos_of, guint, g_array_index (chains, guint, k));
            guint pd = g_array_index (pos_of, guint, g_array_index (chains, guint, k + 1));

            g_array_append_val (up[lvl], pu);
            g_array_append_val (down[lvl], pd);
          }
      }
    for (l = 0; l + 1 < n_levels; l++)
      total += qs_layout_count_crossings (up[l]->len, (guint *) up[l]->data,
                                          (guint *) down[l]->data, cuts[l + 1]->len);
    for (l = 0; l < n_levels; l++)
      {
        g_array_unref (up[l]);
        g_array_unref (down[l]);
      }
    g_free (up);
    g_free (down);
  }

  for (l = 0; l < n_levels; l++)
    g_array_unref (cuts[l]);
  g_free (cuts);
  g_array_unref (chains);
  return total;
}

static guint64
our_geo_crossings (const QsLayout *layout)
{
  QsLayoutGraph *g = qs_layout_get_graph (layout);
  guint n = qs_layout_graph_get_n_nodes (g), m = qs_layout_graph_get_n_edges (g), i, k = 0;
  g_autofree double *nx = g_new (double, MAX (n, 1));
  g_autofree double *ny = g_new (double, MAX (n, 1));
  g_autofree GeoEdge *edges = g_new (GeoEdge, MAX (m, 1));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *keys = g_new (gint64, MAX (m, 1));

  for (i = 0; i < n; i++)
    {
      nx[i] = qs_layout_get_box (layout, i)->x;
      ny[i] = qs_layout_get_box (layout, i)->y;
    }
  for (i = 0; i < m; i++)
    {
      const QsLayoutPath *p = qs_layout_get_path (layout, i);

      /* Parallel edges share one path: count it once, as dot gets it once. */
      keys[i] = ((gint64) p->from << 32) | p->to;
      if (p->n_points == 0 || g_hash_table_contains (seen, &keys[i]))
        continue;
      g_hash_table_add (seen, &keys[i]);
      edges[k].from = p->from;
      edges[k].to = p->to;
      edges[k].n_points = p->n_points;
      edges[k].points = p->points;
      k++;
    }
  return geo_crossings (n, nx, ny, k, edges, NULL, NULL);
}

/* -- our side, in a child -- */

static QsLayoutGraph *
build_graph (const Case *c,
             QsModel   **model_out)
{
  g_autoptr(GError) error = NULL;
  QsModel *model;
  gboolean xml_only = strstr (c->path, "/_xml_only/") != NULL;

  *model_out = NULL;
  if (c->n_gen > 0)
    return layout_gen_network (c->n_gen, 11, NULL);
  model = qs_model_load (c->path, xml_only ? QS_LOAD_FLAGS_NO_WEIGHTS : QS_LOAD_FLAGS_NONE,
                         NULL, &error);
  if (model == NULL)
    return NULL;
  *model_out = model;
  return qs_layout_graph_new_from_graph (model->graph, QS_LAYOUT_FOLD_DEFAULT);
}

static void
write_dot (QsLayoutGraph *g,
           const char    *path)
{
  FILE *f = fopen (path, "w");
  guint n = qs_layout_graph_get_n_nodes (g), m = qs_layout_graph_get_n_edges (g), i;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *keys = g_new (gint64, MAX (m, 1));
  QsLayoutOptions o;

  qs_layout_options_init (&o);
  g_assert (f != NULL);
  fprintf (f, "digraph G {\n  graph [nodesep=%.4f, ranksep=%.4f];\n"
              "  node [shape=box, fixedsize=true, label=\"\"];\n",
           o.node_gap / 72, o.rank_gap / 72);
  for (i = 0; i < n; i++)
    {
      double w, h;

      /* Sizes in inches, as dot reads them (72 units an inch). */
      qs_layout_graph_get_node_size (g, i, &w, &h);
      fprintf (f, "  n%u [width=%.4f, height=%.4f];\n", i, w / 72, h / 72);
    }
  for (i = 0; i < m; i++)
    {
      guint a, b;

      qs_layout_graph_get_edge (g, i, &a, &b);
      keys[i] = ((gint64) a << 32) | b;
      if (a == b || g_hash_table_contains (seen, &keys[i]))
        continue;
      g_hash_table_add (seen, &keys[i]);
      fprintf (f, "  n%u -> n%u;\n", a, b);
    }
  fprintf (f, "}\n");
  fclose (f);
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
run_ours_child (const Case *c,
                const char *dot_path,
                int         fd)
{
  Ours r = { 0, };
  QsModel *model = NULL;
  QsLayoutGraph *g = build_graph (c, &model);
  struct rusage ru;
  double times[7];
  double cpu[7];
  QsLayout *best = NULL;
  guint k;

  if (g != NULL)
    {
      write_dot (g, dot_path);
      getrusage (RUSAGE_SELF, &ru);
      r.rss_before_kb = ru.ru_maxrss;
      r.n_boxes = qs_layout_graph_get_n_nodes (g);
      r.n_edges = qs_layout_graph_get_n_edges (g);
      r.runs = r.n_boxes > 20000 ? 3 : r.n_boxes > 3000 ? 5 : 7;
      for (k = 0; k < r.runs; k++)
        {
          struct timespec c0, c1;
          gint64 t0 = g_get_monotonic_time ();
          QsLayout *l;

          clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &c0);
          l = qs_layout_run (g, NULL);
          times[k] = (g_get_monotonic_time () - t0) / 1e6;
          clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &c1);
          cpu[k] = (c1.tv_sec - c0.tv_sec) + (c1.tv_nsec - c0.tv_nsec) / 1e9;
          if (best)
            qs_layout_unref (best);
          best = l;
        }
      qsort (times, r.runs, sizeof (double), compare_double);
      qsort (cpu, r.runs, sizeof (double), compare_double);
      r.median = times[r.runs / 2];
      r.cpu_median = cpu[r.runs / 2];
      {
        guint ns;
        const double *st = qs_layout_get_stage_seconds (best, &ns);

        memcpy (r.stages, st, sizeof r.stages);
      }
      r.n_ranks = qs_layout_get_n_ranks (best);
      r.n_dummies = qs_layout_get_n_dummies (best);
      r.crossings = qs_layout_get_crossings (best);
      r.geo_crossings = our_geo_crossings (best);
      r.ok = TRUE;
    }
  if (write (fd, &r, sizeof r) != sizeof r)
    _exit (2);
  _exit (0);
}

static gboolean
run_ours (const Case *c,
          const char *dot_path,
          Ours       *r,
          long       *maxrss_kb)
{
  int fds[2];
  pid_t pid;
  struct rusage ru;
  int status;

  if (pipe (fds) != 0)
    return FALSE;
  pid = fork ();
  if (pid == 0)
    {
      close (fds[0]);
      run_ours_child (c, dot_path, fds[1]);
    }
  close (fds[1]);
  memset (r, 0, sizeof *r);
  if (read (fds[0], r, sizeof *r) != sizeof *r)
    r->ok = FALSE;
  close (fds[0]);
  wait4 (pid, &status, 0, &ru);
  *maxrss_kb = ru.ru_maxrss;
  return r->ok;
}

/* -- dot's side -- */

typedef struct
{
  gboolean ran;
  gboolean timeout;
  gboolean failed;
  double   seconds;
  long     maxrss_kb;
  guint64  crossings;
  guint    n_ranks;
  guint64  n_dummies;
} Dot;

static guint64
dot_crossings (const char *plain_path,
               guint       n_boxes,
               guint      *n_ranks,
               guint64    *n_dummies)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree double *nx = g_new0 (double, MAX (n_boxes, 1));
  g_autofree double *ny = g_new0 (double, MAX (n_boxes, 1));
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (GeoEdge));
  guint i;
  guint64 total;

  if (!g_file_get_contents (plain_path, &text, NULL, NULL))
    return G_MAXUINT64;
  lines = g_strsplit (text, "\n", -1);
  for (i = 0; lines[i]; i++)
    {
      g_auto(GStrv) t = g_strsplit (lines[i], " ", -1);

      if (t[0] == NULL)
        continue;
      if (strcmp (t[0], "node") == 0 && t[1] && t[2] && t[3])
        {
          guint id = atoi (t[1] + 1);

          if (id < n_boxes)
            {
              /* Inches, y up: flip so y grows downward as ours does. */
              nx[id] = g_ascii_strtod (t[2], NULL) * 72;
              ny[id] = -g_ascii_strtod (t[3], NULL) * 72;
            }
        }
      else if (strcmp (t[0], "edge") == 0 && t[1] && t[2] && t[3])
        {
          GeoEdge e;
          guint k, np = atoi (t[3]);

          e.from = atoi (t[1] + 1);
          e.to = atoi (t[2] + 1);
          e.n_points = np;
          e.points = g_new (QsLayoutPoint, MAX (np, 1));
          for (k = 0; k < np && t[4 + 2 * k] && t[5 + 2 * k]; k++)
            {
              e.points[k].x = g_ascii_strtod (t[4 + 2 * k], NULL) * 72;
              e.points[k].y = -g_ascii_strtod (t[5 + 2 * k], NULL) * 72;
            }
          e.n_points = k;
          g_array_append_val (edges, e);
        }
    }
  total = geo_crossings (n_boxes, nx, ny, edges->len, (GeoEdge *) edges->data, n_ranks, n_dummies);
  for (i = 0; i < edges->len; i++)
    g_free (g_array_index (edges, GeoEdge, i).points);
  return total;
}

static void
run_dot (const char *dot_path,
         const char *plain_path,
         guint       n_boxes,
         double      limit,
         Dot        *d)
{
  pid_t pid;
  gint64 t0 = g_get_monotonic_time ();
  struct rusage ru;
  int status = 0;

  memset (d, 0, sizeof *d);
  pid = fork ();
  if (pid == 0)
    {
      execlp ("dot", "dot", "-Tplain", "-o", plain_path, dot_path, (char *) NULL);
      _exit (127);
    }
  d->ran = TRUE;
  for (;;)
    {
      pid_t w = wait4 (pid, &status, WNOHANG, &ru);

      if (w == pid)
        break;
      if ((g_get_monotonic_time () - t0) / 1e6 > limit)
        {
          kill (pid, SIGKILL);
          wait4 (pid, &status, 0, &ru);
          d->timeout = TRUE;
          break;
        }
      g_usleep (5000);
    }
  d->seconds = (g_get_monotonic_time () - t0) / 1e6;
  d->maxrss_kb = ru.ru_maxrss;
  if (d->timeout)
    return;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      d->failed = TRUE;
      return;
    }
  d->crossings = dot_crossings (plain_path, n_boxes, &d->n_ranks, &d->n_dummies);
}

/* -- cases -- */

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
add_models (const char *dir,
            GPtrArray  *paths)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *full = g_build_filename (dir, name, NULL);

      if (g_file_test (full, G_FILE_TEST_IS_DIR))
        add_models (full, paths);
      else if (g_str_has_suffix (name, ".xml"))
        g_ptr_array_add (paths, g_steal_pointer (&full));
    }
}

int
main (int   argc,
      char *argv[])
{
  double limit = 180;
  gboolean no_dot = FALSE;
  const char *only = NULL;
  const char *models = g_getenv ("QS_SHARED_MODELS");
  g_autofree char *default_models = g_build_filename (QS_SOURCE_DIR, "..", "shared", "models", NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) cases = g_array_new (FALSE, TRUE, sizeof (Case));
  g_autofree char *tmp = NULL;
  static const guint sizes[] = { 2000, 10000, 50000 };
  guint i;
  int a;

  for (a = 1; a < argc; a++)
    {
      if (strcmp (argv[a], "--dot-timeout") == 0 && a + 1 < argc)
        limit = g_ascii_strtod (argv[++a], NULL);
      else if (strcmp (argv[a], "--no-dot") == 0)
        no_dot = TRUE;
      else if (strcmp (argv[a], "--only") == 0 && a + 1 < argc)
        only = argv[++a];
      else
        {
          fprintf (stderr, "usage: %s [--dot-timeout SECONDS] [--no-dot] [--only SUBSTRING]\n", argv[0]);
          return 2;
        }
    }
  if (models == NULL)
    models = default_models;
  add_models (models, paths);
  qsort (paths->pdata, paths->len, sizeof (gpointer), compare_strings);
  for (i = 0; i < paths->len; i++)
    {
      Case c = { { 0, }, 0, { 0, } };
      g_autofree char *base = g_path_get_basename (g_ptr_array_index (paths, i));
      g_autofree char *dir = g_path_get_dirname (g_ptr_array_index (paths, i));
      g_autofree char *folder = g_path_get_basename (dir);

      if (strstr (folder, "legacy") || strstr (folder, "-v4"))
        continue;            /* IR v4: the loader refuses it by design */
      g_snprintf (c.name, sizeof c.name, "%s", strcmp (folder, "_xml_only") == 0 ? base : folder);
      g_strlcpy (c.path, g_ptr_array_index (paths, i), sizeof c.path);
      g_array_append_val (cases, c);
    }
  for (i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      Case c = { { 0, }, sizes[i], { 0, } };

      g_snprintf (c.name, sizeof c.name, "generated-%u", sizes[i]);
      g_array_append_val (cases, c);
    }

  tmp = g_dir_make_tmp ("qs-bench-layout-XXXXXX", NULL);
  printf ("dot: %s; time limit %.0f s per run\n", no_dot ? "skipped" : "graphviz dot -Tplain", limit);
  printf ("ours: median of 3-7 runs, wall and process CPU time; memory: child peak RSS (ru_maxrss), and for ours the growth\n"
          "during layout; crossings counted from the drawn geometry for both\n\n");
  printf ("%-44s %6s %6s %6s | %9s %8s %8s %8s %7s | %9s %8s %7s\n", "graph", "boxes", "edges",
          "ranks", "ours s", "cpu s", "peak MB", "layout", "cross", "dot s", "peak MB", "cross");
  fflush (stdout);

  for (i = 0; i < cases->len; i++)
    {
      const Case *c = &g_array_index (cases, Case, i);
      g_autofree char *dot_path = g_build_filename (tmp, "g.dot", NULL);
      g_autofree char *plain_path = g_build_filename (tmp, "g.plain", NULL);
      Ours r;
      Dot d = { 0, };
      long maxrss = 0;
      char dot_s[32], dot_mb[32], dot_x[32];

      if (only && !strstr (c->name, only))
        continue;
      if (!run_ours (c, dot_path, &r, &maxrss))
        {
          printf ("%-44s (does not load)\n", c->name);
          continue;
        }
      if (!no_dot)
        run_dot (dot_path, plain_path, r.n_boxes, limit, &d);

      if (!d.ran)
        {
          strcpy (dot_s, "-");
          strcpy (dot_mb, "-");
          strcpy (dot_x, "-");
        }
      else if (d.timeout)
        {
          g_snprintf (dot_s, sizeof dot_s, ">%.0f", limit);
          strcpy (dot_s + strlen (dot_s), " TO");
          g_snprintf (dot_mb, sizeof dot_mb, "%.1f", d.maxrss_kb / 1024.0);
          strcpy (dot_x, "timeout");
        }
      else if (d.failed)
        {
          strcpy (dot_s, "failed");
          strcpy (dot_mb, "-");
          strcpy (dot_x, "-");
        }
      else
        {
          g_snprintf (dot_s, sizeof dot_s, "%.3f", d.seconds);
          g_snprintf (dot_mb, sizeof dot_mb, "%.1f", d.maxrss_kb / 1024.0);
          g_snprintf (dot_x, sizeof dot_x, "%" G_GUINT64_FORMAT, d.crossings);
        }
      printf ("%-44s %6u %6u %6u | %9.4f %8.4f %8.1f %8.1f %7" G_GUINT64_FORMAT " | %9s %8s %7s\n",
              c->name, r.n_boxes, r.n_edges, r.n_ranks, r.median, r.cpu_median, maxrss / 1024.0,
              (maxrss - r.rss_before_kb) / 1024.0, r.geo_crossings, dot_s, dot_mb, dot_x);
      if (c->n_gen > 0 || r.n_boxes > 1500)
        printf ("%-44s   stages: rank %.3f, order %.3f, position %.3f, route %.3f s; %u dummies;"
                " %" G_GUINT64_FORMAT " crossings by order\n", "", r.stages[0], r.stages[1],
                r.stages[2], r.stages[3], r.n_dummies, r.crossings);
      if (d.ran && !d.timeout && !d.failed)
        printf ("%-44s   dot: %u ranks, %" G_GUINT64_FORMAT " dummies; ours: %u ranks, %u dummies\n",
                "", d.n_ranks, d.n_dummies, r.n_ranks, r.n_dummies);
      fflush (stdout);
      g_unlink (dot_path);
      g_unlink (plain_path);
    }
  g_rmdir (tmp);
  return 0;
}
