/* qs-layout-rank.c — ranks, cycle safety and dummy nodes
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Ranking starts from the longest path from the sources, which is cheap but
 * leaves every source (a second Parameter, a ReadValue, an attention mask) on
 * the top rank with a long edge down to its consumer.  A few linear passes
 * then move each node to the rank that shortens its edges most, the
 * one-node-at-a-time moves a network simplex would make for those nodes;
 * then the network simplex itself (qs-layout-simplex.c), within a work
 * budget, finds the shortest total, moving whole groups.  When the two
 * differ, both rankings are offered to the order stage.  Long edges get one
 * dummy node per rank they pass, so that every later stage sees unit-length
 * edges only.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "qs-layout-private.h"

typedef struct
{
  guint64 key;
  guint   edge;
} EdgeKey;

static int
compare_edge_keys (const void *a,
                   const void *b)
{
  const EdgeKey *ka = a, *kb = b;

  if (ka->key != kb->key)
    return ka->key < kb->key ? -1 : 1;
  return ka->edge < kb->edge ? -1 : ka->edge > kb->edge;
}

/* Drops self-loops and merges parallel edges: one path per pair of boxes is
 * what a reader sees, and parallel dummy chains would only widen the drawing. */
static void
collect_edges (QsLayoutWork *work)
{
  const QsLayoutGraph *graph = work->graph;
  guint n = graph->from->len;
  g_autofree EdgeKey *keys = g_new (EdgeKey, MAX (n, 1));
  guint i, m = 0;

  work->edge_of = g_new (guint, MAX (n, 1));
  for (i = 0; i < n; i++)
    {
      guint a = g_array_index (graph->from, guint, i);
      guint b = g_array_index (graph->to, guint, i);

      work->edge_of[i] = G_MAXUINT;
      if (a == b)
        continue;
      /* An edge and its opposite share a key so that a 2-cycle draws one path. */
      keys[m].key = ((guint64) MIN (a, b) << 32) | MAX (a, b);
      keys[m].edge = i;
      m++;
    }
  qsort (keys, m, sizeof *keys, compare_edge_keys);

  work->e_from = g_new (guint, MAX (m, 1));
  work->e_to = g_new (guint, MAX (m, 1));
  work->e_reversed = g_new0 (gboolean, MAX (m, 1));
  work->n_edges = 0;
  for (i = 0; i < m; i++)
    {
      guint e = keys[i].edge;

      if (i == 0 || keys[i].key != keys[i - 1].key)
        {
          /* The first edge of a group sets the direction. */
          work->e_from[work->n_edges] = g_array_index (graph->from, guint, e);
          work->e_to[work->n_edges] = g_array_index (graph->to, guint, e);
          work->n_edges++;
        }
      work->edge_of[e] = work->n_edges - 1;
    }
}

/* CSR of outgoing distinct edges. */
static void
build_out_csr (QsLayoutWork *work,
               guint        *start,
               guint        *adj_edge)
{
  guint n = work->n_real, i;
  g_autofree guint *fill = g_new0 (guint, n + 1);

  memset (start, 0, sizeof (guint) * (n + 1));
  for (i = 0; i < work->n_edges; i++)
    start[work->e_from[i] + 1]++;
  for (i = 0; i < n; i++)
    start[i + 1] += start[i];
  for (i = 0; i < work->n_edges; i++)
    {
      guint a = work->e_from[i];
      adj_edge[start[a] + fill[a]++] = i;
    }
}

/* Reverses the edges that close a cycle, found by an iterative depth-first
 * search (no recursion: chains are tens of thousands deep). */
static void
break_cycles (QsLayoutWork *work)
{
  guint n = work->n_real, i;
  g_autofree guint *start = g_new (guint, n + 1);
  g_autofree guint *adj = g_new (guint, MAX (work->n_edges, 1));
  g_autofree guint8 *state = g_new0 (guint8, n);   /* 0 new, 1 on stack, 2 done */
  g_autofree guint *stack = g_new (guint, n);
  g_autofree guint *next = g_new (guint, n);
  gboolean any = FALSE;

  build_out_csr (work, start, adj);
  for (i = 0; i < n; i++)
    {
      guint sp = 0;

      if (state[i])
        continue;
      stack[sp++] = i;
      state[i] = 1;
      next[i] = start[i];
      while (sp > 0)
        {
          guint v = stack[sp - 1];

          if (next[v] < start[v + 1])
            {
              guint e = adj[next[v]++];
              guint w = work->e_to[e];

              if (state[w] == 1)
                {
                  work->e_reversed[e] = TRUE;
                  any = TRUE;
                }
              else if (state[w] == 0)
                {
                  state[w] = 1;
                  next[w] = start[w];
                  stack[sp++] = w;
                }
            }
          else
            {
              state[v] = 2;
              sp--;
            }
        }
    }

  if (!any)
    return;
  for (i = 0; i < work->n_edges; i++)
    if (work->e_reversed[i])
      {
        guint t = work->e_from[i];
        work->e_from[i] = work->e_to[i];
        work->e_to[i] = t;
      }
}

static guint64
total_length (const QsLayoutWork *work,
              const guint        *rank)
{
  guint64 total = 0;
  guint i;

  for (i = 0; i < work->n_edges; i++)
    total += rank[work->e_to[i]] - rank[work->e_from[i]];
  return total;
}

/* Shifts @rank so the least is 0; returns the number of ranks. */
static guint
normalize (guint *rank,
           guint  n)
{
  guint min_rank = G_MAXUINT, n_ranks = 0, i;

  for (i = 0; i < n; i++)
    min_rank = MIN (min_rank, rank[i]);
  for (i = 0; i < n; i++)
    {
      rank[i] -= min_rank;
      n_ranks = MAX (n_ranks, rank[i] + 1);
    }
  return n_ranks;
}

static void
greedy_moves (QsLayoutWork *work,
              const guint  *topo,
              const guint  *out_start,
              const guint  *out,
              const guint  *in_start,
              const guint  *in,
              guint         passes)
{
  guint n = work->n_real, i, pass;
  guint *rank = work->rank;

  /* Moving a node down by d changes the total edge length by
   * d * (in-degree - out-degree), and up by the opposite: move it as far as
   * its neighbours allow whenever that shortens.  Two rounds reach nearly
   * every gain on network-shaped graphs. */
  for (pass = 0; pass < passes; pass++)
    {
      guint k;

      for (i = n; i-- > 0;)
        {
          guint v = topo[i];
          guint nin = in_start[v + 1] - in_start[v];
          guint nout = out_start[v + 1] - out_start[v];
          guint lowest = G_MAXUINT;

          /* Equal degrees move too: that is neutral for the node itself
           * but lets a whole side chain (a prior box, a shape computation)
           * follow its last node down next to its consumer. */
          if (nout == 0 || nin > nout)
            continue;
          for (k = out_start[v]; k < out_start[v + 1]; k++)
            lowest = MIN (lowest, rank[work->e_to[out[k]]]);
          if (lowest - 1 > rank[v])
            rank[v] = lowest - 1;
        }
      for (i = 0; i < n; i++)
        {
          guint v = topo[i];
          guint nin = in_start[v + 1] - in_start[v];
          guint nout = out_start[v + 1] - out_start[v];
          guint highest = 0;

          if (nin == 0 || nout >= nin)
            continue;
          for (k = in_start[v]; k < in_start[v + 1]; k++)
            highest = MAX (highest, rank[work->e_from[in[k]]] + 1);
          if (highest < rank[v])
            rank[v] = highest;
        }
    }

}

static void
assign_ranks (QsLayoutWork *work)
{
  guint n = work->n_real, i, head = 0, tail = 0;
  g_autofree guint *out_start = g_new (guint, n + 1);
  g_autofree guint *out = g_new (guint, MAX (work->n_edges, 1));
  g_autofree guint *in_start = g_new0 (guint, n + 1);
  g_autofree guint *in = g_new (guint, MAX (work->n_edges, 1));
  g_autofree guint *fill = g_new0 (guint, n);
  g_autofree guint *indeg = g_new0 (guint, n);
  g_autofree guint *topo = g_new (guint, MAX (n, 1));
  guint *rank = work->rank;

  build_out_csr (work, out_start, out);
  for (i = 0; i < work->n_edges; i++)
    in_start[work->e_to[i] + 1]++;
  for (i = 0; i < n; i++)
    in_start[i + 1] += in_start[i];
  for (i = 0; i < work->n_edges; i++)
    {
      guint b = work->e_to[i];
      in[in_start[b] + fill[b]++] = i;
      indeg[b]++;
    }

  /* Longest path from the sources, in Kahn's order. */
  for (i = 0; i < n; i++)
    {
      rank[i] = 0;
      if (indeg[i] == 0)
        topo[tail++] = i;
    }
  while (head < tail)
    {
      guint v = topo[head++], k;

      for (k = out_start[v]; k < out_start[v + 1]; k++)
        {
          guint w = work->e_to[out[k]];

          rank[w] = MAX (rank[w], rank[v] + 1);
          if (--indeg[w] == 0)
            topo[tail++] = w;
        }
    }
  g_assert (tail == n);

  greedy_moves (work, topo, out_start, out, in_start, in, 2);

  /* Then the exact minimum of the total edge length where the budget
   * allows it (every real model; generated graphs up to some 20,000
   * boxes), polished again by the neutral moves above.  Shorter is not
   * always fewer crossings (on the transformer decoders the heuristic
   * ranks cross less), so when the two differ the heuristic ranks are
   * kept as an alternative for the caller to order too. */
  {
    g_autofree guint *before = g_memdup2 (rank, sizeof (guint) * n);
    guint64 len_before = total_length (work, rank), len_after;

    _qs_layout_network_simplex (work, rank, 30000000);
    greedy_moves (work, topo, out_start, out, in_start, in, 1);
    len_after = total_length (work, rank);
    if (len_after >= len_before)
      {
        if (n > 0)     /* g_memdup2 of nothing is NULL, and memcpy wants a pointer */
          memcpy (rank, before, sizeof (guint) * n);
      }
    else
      {
        work->alt_n_ranks = normalize (before, n);
        work->alt_rank = g_steal_pointer (&before);
      }
  }

  work->n_ranks = normalize (rank, n);
}

/* One dummy per rank a long edge passes, then the unit segments as CSR. */
static void
add_dummies (QsLayoutWork *work)
{
  guint i, n_dummies = 0, d, s;
  g_autofree guint *seg_from = NULL;
  g_autofree guint *seg_to = NULL;
  g_autofree guint *fill = NULL;

  work->chain_start = g_new (guint, work->n_edges + 1);
  for (i = 0; i < work->n_edges; i++)
    {
      work->chain_start[i] = n_dummies;
      n_dummies += work->rank[work->e_to[i]] - work->rank[work->e_from[i]] - 1;
    }
  work->chain_start[work->n_edges] = n_dummies;
  work->n_nodes = work->n_real + n_dummies;
  work->rank = g_renew (guint, work->rank, MAX (work->n_nodes, 1));
  work->chain = g_new (guint, MAX (n_dummies, 1));
  work->dummy_edge = g_new (guint, MAX (n_dummies, 1));
  work->n_segs = work->n_edges + n_dummies;
  seg_from = g_new (guint, MAX (work->n_segs, 1));
  seg_to = g_new (guint, MAX (work->n_segs, 1));

  d = work->n_real;
  s = 0;
  for (i = 0; i < work->n_edges; i++)
    {
      guint prev = work->e_from[i];
      guint r = work->rank[prev];
      guint k;

      for (k = work->chain_start[i]; k < work->chain_start[i + 1]; k++)
        {
          work->chain[k] = d;
          work->dummy_edge[d - work->n_real] = i;
          work->rank[d] = ++r;
          seg_from[s] = prev;
          seg_to[s] = d;
          s++;
          prev = d++;
        }
      seg_from[s] = prev;
      seg_to[s] = work->e_to[i];
      s++;
    }
  g_assert (s == work->n_segs);

  work->up_start = g_new0 (guint, work->n_nodes + 1);
  work->down_start = g_new0 (guint, work->n_nodes + 1);
  work->up = g_new (guint, MAX (work->n_segs, 1));
  work->up_seg = g_new (guint, MAX (work->n_segs, 1));
  work->down = g_new (guint, MAX (work->n_segs, 1));
  work->down_seg = g_new (guint, MAX (work->n_segs, 1));
  for (s = 0; s < work->n_segs; s++)
    {
      work->up_start[seg_to[s] + 1]++;
      work->down_start[seg_from[s] + 1]++;
    }
  for (i = 0; i < work->n_nodes; i++)
    {
      work->up_start[i + 1] += work->up_start[i];
      work->down_start[i + 1] += work->down_start[i];
    }
  fill = g_new0 (guint, MAX (work->n_nodes, 1) * 2);
  for (s = 0; s < work->n_segs; s++)
    {
      guint a = seg_from[s], b = seg_to[s];
      guint k = work->up_start[b] + fill[2 * b]++;

      work->up[k] = a;
      work->up_seg[k] = s;
      k = work->down_start[a] + fill[2 * a + 1]++;
      work->down[k] = b;
      work->down_seg[k] = s;
    }
}

void
_qs_layout_rank (QsLayoutWork *work)
{
  work->rank = g_new (guint, MAX (work->n_real, 1));
  collect_edges (work);
  break_cycles (work);
  assign_ranks (work);
  add_dummies (work);
}

/* Another work on the same edges, ranked by work->alt_rank (which it
 * takes), with its dummies: ready for the order stage. */
void
_qs_layout_rank_alternative (QsLayoutWork *work,
                             QsLayoutWork *alt)
{
  guint m = work->graph->from->len;

  memset (alt, 0, sizeof *alt);
  alt->graph = work->graph;
  alt->opts = work->opts;
  alt->n_real = work->n_real;
  alt->n_edges = work->n_edges;
  alt->e_from = g_memdup2 (work->e_from, sizeof (guint) * MAX (work->n_edges, 1));
  alt->e_to = g_memdup2 (work->e_to, sizeof (guint) * MAX (work->n_edges, 1));
  alt->e_reversed = g_memdup2 (work->e_reversed, sizeof (gboolean) * MAX (work->n_edges, 1));
  alt->edge_of = g_memdup2 (work->edge_of, sizeof (guint) * MAX (m, 1));
  alt->rank = g_steal_pointer (&work->alt_rank);
  alt->n_ranks = work->alt_n_ranks;
  add_dummies (alt);
}
