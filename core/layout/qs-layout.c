/* qs-layout.c — the layout graph and the pipeline that lays it out
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Runs the stages (rank, order, position, route: one file each) over one
 * QsLayoutWork and keeps only the geometry in the QsLayout it returns.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qs-layout-private.h"

void
qs_layout_options_init (QsLayoutOptions *options)
{
  options->rank_gap = 36;
  options->node_gap = 24;
  options->edge_gap = 10;
  options->order_passes = 8;
}

QsLayoutGraph *
qs_layout_graph_new (void)
{
  QsLayoutGraph *graph = g_new0 (QsLayoutGraph, 1);

  graph->ref_count = 1;
  graph->width = g_array_new (FALSE, FALSE, sizeof (double));
  graph->height = g_array_new (FALSE, FALSE, sizeof (double));
  graph->key = g_array_new (FALSE, FALSE, sizeof (guint64));
  graph->from = g_array_new (FALSE, FALSE, sizeof (guint));
  graph->to = g_array_new (FALSE, FALSE, sizeof (guint));
  return graph;
}

QsLayoutGraph *
qs_layout_graph_ref (QsLayoutGraph *graph)
{
  g_atomic_int_inc (&graph->ref_count);
  return graph;
}

void
qs_layout_graph_unref (QsLayoutGraph *graph)
{
  if (graph == NULL || !g_atomic_int_dec_and_test (&graph->ref_count))
    return;
  g_array_unref (graph->width);
  g_array_unref (graph->height);
  g_array_unref (graph->key);
  g_array_unref (graph->from);
  g_array_unref (graph->to);
  g_clear_pointer (&graph->qs_nodes, g_ptr_array_unref);
  g_clear_pointer (&graph->folded_start, g_array_unref);
  g_clear_pointer (&graph->folded, g_ptr_array_unref);
  g_clear_pointer (&graph->box_of, g_hash_table_unref);
  g_clear_pointer (&graph->out_ports, g_ptr_array_unref);
  g_clear_pointer (&graph->in_ports, g_ptr_array_unref);
  g_clear_pointer (&graph->groups, qs_layout_groups_unref);
  g_clear_pointer (&graph->box_group, g_array_unref);
  g_clear_pointer (&graph->n_members, g_array_unref);
  g_free (graph);
}

guint
qs_layout_graph_add_node (QsLayoutGraph *graph,
                          double         width,
                          double         height)
{
  guint64 key = graph->width->len;

  g_return_val_if_fail (width >= 0 && height >= 0, G_MAXUINT);
  g_array_append_val (graph->width, width);
  g_array_append_val (graph->height, height);
  g_array_append_val (graph->key, key);
  return graph->width->len - 1;
}

guint
qs_layout_graph_add_edge (QsLayoutGraph *graph,
                          guint          from,
                          guint          to)
{
  g_return_val_if_fail (from < graph->width->len && to < graph->width->len, G_MAXUINT);
  g_array_append_val (graph->from, from);
  g_array_append_val (graph->to, to);
  return graph->from->len - 1;
}

guint
qs_layout_graph_get_n_nodes (const QsLayoutGraph *graph)
{
  return graph->width->len;
}

guint
qs_layout_graph_get_n_edges (const QsLayoutGraph *graph)
{
  return graph->from->len;
}

void
qs_layout_graph_get_edge (const QsLayoutGraph *graph,
                          guint                edge,
                          guint               *from,
                          guint               *to)
{
  g_return_if_fail (edge < graph->from->len);
  if (from)
    *from = g_array_index (graph->from, guint, edge);
  if (to)
    *to = g_array_index (graph->to, guint, edge);
}

void
qs_layout_graph_set_node_size (QsLayoutGraph *graph,
                               guint          node,
                               double         width,
                               double         height)
{
  g_return_if_fail (node < graph->width->len);
  g_array_index (graph->width, double, node) = width;
  g_array_index (graph->height, double, node) = height;
}

void
qs_layout_graph_get_node_size (const QsLayoutGraph *graph,
                               guint                node,
                               double              *width,
                               double              *height)
{
  g_return_if_fail (node < graph->width->len);
  if (width)
    *width = g_array_index (graph->width, double, node);
  if (height)
    *height = g_array_index (graph->height, double, node);
}

void
qs_layout_graph_set_node_key (QsLayoutGraph *graph,
                              guint          node,
                              guint64        key)
{
  g_return_if_fail (node < graph->width->len);
  g_array_index (graph->key, guint64, node) = key;
}

guint64
qs_layout_graph_get_node_key (const QsLayoutGraph *graph,
                              guint                node)
{
  g_return_val_if_fail (node < graph->width->len, 0);
  return g_array_index (graph->key, guint64, node);
}

const QsNode *
qs_layout_graph_get_qs_node (const QsLayoutGraph *graph,
                             guint                node)
{
  g_return_val_if_fail (node < graph->width->len, NULL);
  return graph->qs_nodes ? g_ptr_array_index (graph->qs_nodes, node) : NULL;
}

QsNode * const *
qs_layout_graph_get_folded (const QsLayoutGraph *graph,
                            guint                node,
                            guint               *n_folded)
{
  guint a, b;

  *n_folded = 0;
  g_return_val_if_fail (node < graph->width->len, NULL);
  if (graph->folded == NULL)
    return NULL;
  a = g_array_index (graph->folded_start, guint, node);
  b = g_array_index (graph->folded_start, guint, node + 1);
  *n_folded = b - a;
  return b > a ? (QsNode * const *) graph->folded->pdata + a : NULL;
}

int
qs_layout_graph_find_box (const QsLayoutGraph *graph,
                          const QsNode        *node)
{
  gpointer v;

  if (graph->box_of == NULL)
    return -1;
  v = g_hash_table_lookup (graph->box_of, node);
  return v ? (int) GPOINTER_TO_UINT (v) - 1 : -1;
}

void
qs_layout_graph_get_edge_ports (const QsLayoutGraph *graph,
                                guint                edge,
                                const QsPort       **output,
                                const QsPort       **input)
{
  g_return_if_fail (edge < graph->from->len);
  if (output)
    *output = graph->out_ports ? g_ptr_array_index (graph->out_ports, edge) : NULL;
  if (input)
    *input = graph->in_ports ? g_ptr_array_index (graph->in_ports, edge) : NULL;
}

static void
work_clear (QsLayoutWork *work)
{
  g_free (work->e_from);
  g_free (work->e_to);
  g_free (work->e_reversed);
  g_free (work->edge_of);
  g_free (work->rank);
  g_free (work->alt_rank);
  g_free (work->chain_start);
  g_free (work->chain);
  g_free (work->dummy_edge);
  g_free (work->up_start);
  g_free (work->up);
  g_free (work->up_seg);
  g_free (work->down_start);
  g_free (work->down);
  g_free (work->down_seg);
  g_free (work->layer_start);
  g_free (work->layer);
  g_free (work->pos);
  g_free (work->seed);
  g_free (work->pinned);
  g_free (work->x);
  g_free (work->width);
  g_free (work->rank_y);
  g_free (work->rank_h);
}

/* Seeds every node of @work with its x in @previous (matched by key);
 * new nodes take the mean of their seeded neighbours above, else below. */
static void
seed_from (QsLayoutWork   *work,
           const QsLayout *previous)
{
  const QsLayoutGraph *pg = previous->graph;
  g_autoptr(GHashTable) xs = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gboolean *set = g_new0 (gboolean, MAX (work->n_nodes, 1));
  guint v, k, step, d;

  for (v = 0; v < previous->n_nodes; v++)
    g_hash_table_insert (xs, &g_array_index (pg->key, guint64, v), &previous->boxes[v].x);

  work->seed = g_new0 (double, MAX (work->n_nodes, 1));
  work->pinned = g_new0 (gboolean, MAX (work->n_nodes, 1));
  for (v = 0; v < work->n_real; v++)
    {
      const double *x = g_hash_table_lookup (xs, &g_array_index (work->graph->key, guint64, v));

      if (x)
        {
          work->seed[v] = *x;
          set[v] = TRUE;
          work->pinned[v] = TRUE;
        }
    }
  for (d = work->n_real; d < work->n_nodes; d++)
    {
      guint e = work->dummy_edge[d - work->n_real];
      guint a = work->e_from[e], b = work->e_to[e];
      double t = (double) (work->rank[d] - work->rank[a]) / (work->rank[b] - work->rank[a]);

      if (set[a] && set[b])
        work->seed[d] = work->seed[a] + t * (work->seed[b] - work->seed[a]);
      else if (set[a] || set[b])
        work->seed[d] = set[a] ? work->seed[a] : work->seed[b];
      else
        continue;
      set[d] = TRUE;
    }

  /* Unmatched nodes: by rank, from the neighbours already seeded. */
  for (step = 0; step < 2; step++)
    {
      const guint *start = step == 0 ? work->up_start : work->down_start;
      const guint *adj = step == 0 ? work->up : work->down;
      guint n = work->n_nodes, i;
      g_autofree guint *by_rank = g_new (guint, MAX (n, 1));
      g_autofree guint *count = g_new0 (guint, work->n_ranks + 1);

      for (v = 0; v < n; v++)
        count[work->rank[v] + 1]++;
      for (i = 0; i < work->n_ranks; i++)
        count[i + 1] += count[i];
      for (v = 0; v < n; v++)
        by_rank[count[work->rank[v]]++] = v;

      for (i = 0; i < n; i++)
        {
          double sum = 0;
          guint m = 0;

          v = step == 0 ? by_rank[i] : by_rank[n - 1 - i];
          if (set[v])
            continue;
          for (k = start[v]; k < start[v + 1]; k++)
            if (set[adj[k]])
              {
                sum += work->seed[adj[k]];
                m++;
              }
          if (m > 0)
            {
              work->seed[v] = sum / m;
              set[v] = TRUE;
            }
        }
    }
  for (v = 0; v < work->n_nodes; v++)
    if (!set[v])
      work->seed[v] = previous->width + 1;
}

static QsLayout *
run (QsLayoutGraph         *graph,
     const QsLayout        *previous,
     const QsLayoutOptions *options)
{
  QsLayoutWork work = { 0, };
  QsLayout *layout;
  gint64 t0 = g_get_monotonic_time (), t;
  guint v;

  g_return_val_if_fail (graph != NULL, NULL);

  if (options)
    work.opts = *options;
  else
    qs_layout_options_init (&work.opts);
  work.opts.rank_gap = MAX (work.opts.rank_gap, 1);
  work.opts.order_passes = MAX (work.opts.order_passes, 1);
  work.graph = graph;
  work.n_real = graph->width->len;

  layout = g_new0 (QsLayout, 1);
  layout->ref_count = 1;
  layout->graph = qs_layout_graph_ref (graph);

  _qs_layout_rank (&work);
  t = g_get_monotonic_time ();
  layout->seconds[0] = (t - t0) / 1e6;

  /* An incremental layout ranks the way its previous one did, or the
   * rest of the drawing would move a rank here and there. */
  if (previous != NULL && previous->alt_ranks && work.alt_rank != NULL)
    {
      QsLayoutWork alt;

      _qs_layout_rank_alternative (&work, &alt);
      work_clear (&work);
      work = alt;
    }
  if (previous != NULL)
    seed_from (&work, previous);
  _qs_layout_order (&work);
  /* The heuristic ranks, when the network simplex changed them, get
   * their own order; the fewer crossings win (ties to the shorter edges).
   * Not for incremental layouts (their seeds are for the first) nor for
   * graphs so big that a second order would cost too much. */
  if (work.alt_rank != NULL && previous == NULL && work.n_nodes + work.n_segs <= 400000)
    {
      QsLayoutWork alt;

      _qs_layout_rank_alternative (&work, &alt);
      _qs_layout_order (&alt);
      if (alt.crossings < work.crossings)
        {
          QsLayoutWork tmp = work;

          work = alt;
          alt = tmp;
          layout->alt_ranks = TRUE;
        }
      work_clear (&alt);
    }
  layout->seconds[1] = (g_get_monotonic_time () - t) / 1e6;
  t = g_get_monotonic_time ();

  work.width = g_new (double, MAX (work.n_nodes, 1));
  for (v = 0; v < work.n_nodes; v++)
    work.width[v] = v < work.n_real ? _qs_layout_graph_width (graph, v) : work.opts.edge_gap;
  _qs_layout_position (&work);
  layout->seconds[2] = (g_get_monotonic_time () - t) / 1e6;
  t = g_get_monotonic_time ();

  _qs_layout_route (&work, layout);
  layout->seconds[3] = (g_get_monotonic_time () - t) / 1e6;

  layout->n_nodes = work.n_real;
  layout->boxes = g_new (QsLayoutBox, MAX (work.n_real, 1));
  layout->width = 0;
  for (v = 0; v < work.n_nodes; v++)
    layout->width = MAX (layout->width, work.x[v] + work.width[v] / 2);
  for (v = 0; v < work.n_real; v++)
    {
      QsLayoutBox *box = &layout->boxes[v];
      guint r = work.rank[v];

      box->x = work.x[v];
      box->width = work.width[v];
      box->height = _qs_layout_graph_height (graph, v);
      box->y = work.rank_y[r] + work.rank_h[r] / 2;
      box->rank = r;
      box->order = work.pos[v];
    }
  layout->height = work.n_ranks > 0 ? work.rank_y[work.n_ranks] - work.opts.rank_gap : 0;
  layout->n_ranks = work.n_ranks;
  layout->n_dummies = work.n_nodes - work.n_real;
  layout->crossings = work.crossings;
  layout->seconds[4] = (g_get_monotonic_time () - t0) / 1e6;

  work_clear (&work);
  return layout;
}

QsLayout *
qs_layout_run (QsLayoutGraph         *graph,
               const QsLayoutOptions *options)
{
  return run (graph, NULL, options);
}

QsLayout *
qs_layout_run_incremental (QsLayoutGraph         *graph,
                           const QsLayout        *previous,
                           const QsLayoutOptions *options)
{
  return run (graph, previous, options);
}

QsLayout *
qs_layout_ref (QsLayout *layout)
{
  g_atomic_int_inc (&layout->ref_count);
  return layout;
}

void
qs_layout_unref (QsLayout *layout)
{
  if (layout == NULL || !g_atomic_int_dec_and_test (&layout->ref_count))
    return;
  qs_layout_graph_unref (layout->graph);
  g_free (layout->boxes);
  g_free (layout->paths);
  g_free (layout->points);
  g_free (layout);
}

QsLayoutGraph *
qs_layout_get_graph (const QsLayout *layout)
{
  return layout->graph;
}

const QsLayoutBox *
qs_layout_get_box (const QsLayout *layout,
                   guint           node)
{
  g_return_val_if_fail (node < layout->n_nodes, NULL);
  return &layout->boxes[node];
}

const QsLayoutPath *
qs_layout_get_path (const QsLayout *layout,
                    guint           edge)
{
  g_return_val_if_fail (edge < layout->n_edges, NULL);
  return &layout->paths[edge];
}

void
qs_layout_get_size (const QsLayout *layout,
                    double         *width,
                    double         *height)
{
  if (width)
    *width = layout->width;
  if (height)
    *height = layout->height;
}

guint
qs_layout_get_n_ranks (const QsLayout *layout)
{
  return layout->n_ranks;
}

guint64
qs_layout_get_crossings (const QsLayout *layout)
{
  return layout->crossings;
}

guint
qs_layout_get_n_dummies (const QsLayout *layout)
{
  return layout->n_dummies;
}

const double *
qs_layout_get_stage_seconds (const QsLayout *layout,
                             guint          *n_stages)
{
  *n_stages = G_N_ELEMENTS (layout->seconds);
  return layout->seconds;
}
