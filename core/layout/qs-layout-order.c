/* qs-layout-order.c — crossing reduction within ranks
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The classic layer-by-layer sweep: order each rank by the weighted median
 * or the barycentre of its neighbours in the rank just fixed, down then up,
 * each sweep followed by adjacent transpositions (which also take equal
 * swaps, to cross plateaus), keeping the best order seen.  The sweeps get
 * stuck in different local optima from different first orders, so they run
 * from several (depth-first from the sources or the sinks, the model's
 * document order; first sweep down or up) and the best wins.  Sifting then
 * moves single nodes to their best place in their rank, which the sweeps,
 * moving whole ranks, miss.
 *
 * Crossings are counted exactly between each pair of adjacent ranks with the
 * accumulator tree of Barth, Jünger and Mutzel, O(E log V), so a full count is
 * cheap enough to run after every sweep even with 50,000 nodes.  The effort
 * (starts, sweeps, sifting) is set by the size of the layered graph, dummies
 * included, so that 10,000 boxes stay well under a quarter of a second.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "qs-layout-private.h"

/* Counts inversions of @seq (lower positions, in upper-then-lower order)
 * with a tree of @tree_size leaves (a power of two >= the lower layer). */
static guint64
accumulate (const guint *seq,
            guint        n,
            guint       *tree,
            guint        first)
{
  guint64 crossings = 0;
  guint i;

  memset (tree, 0, sizeof (guint) * (2 * first - 1));
  for (i = 0; i < n; i++)
    {
      guint index = seq[i] + first - 1;

      tree[index]++;
      while (index > 0)
        {
          /* A left child sees every edge already counted in its right
           * sibling: those end further right but started earlier. */
          if (index % 2 == 1)
            crossings += tree[index + 1];
          index = (index - 1) / 2;
          tree[index]++;
        }
    }
  return crossings;
}

static guint
tree_leaves (guint n)
{
  guint first = 1;

  while (first < n)
    first *= 2;
  return first;
}

guint64
qs_layout_count_crossings (guint        n_edges,
                           const guint *upper,
                           const guint *lower,
                           guint        n_lower)
{
  g_autofree guint *count = NULL;
  g_autofree guint *tmp = NULL;
  g_autofree guint *seq = NULL;
  g_autofree guint *tree = NULL;
  guint n_upper = 0, i, first;

  if (n_edges < 2)
    return 0;
  for (i = 0; i < n_edges; i++)
    {
      n_upper = MAX (n_upper, upper[i] + 1);
      n_lower = MAX (n_lower, lower[i] + 1);
    }

  /* Two counting sorts give the edges by (upper, lower). */
  count = g_new0 (guint, MAX (n_upper, n_lower) + 1);
  tmp = g_new (guint, n_edges);
  seq = g_new (guint, n_edges);
  for (i = 0; i < n_edges; i++)
    count[lower[i] + 1]++;
  for (i = 0; i < n_lower; i++)
    count[i + 1] += count[i];
  for (i = 0; i < n_edges; i++)
    tmp[count[lower[i]]++] = i;
  memset (count, 0, sizeof (guint) * (MAX (n_upper, n_lower) + 1));
  for (i = 0; i < n_edges; i++)
    count[upper[i] + 1]++;
  for (i = 0; i < n_upper; i++)
    count[i + 1] += count[i];
  for (i = 0; i < n_edges; i++)
    {
      guint e = tmp[i];
      seq[count[upper[e]]++] = lower[e];
    }

  first = tree_leaves (n_lower);
  tree = g_new (guint, 2 * first - 1);
  return accumulate (seq, n_edges, tree, first);
}

static int
compare_guint (const void *a,
               const void *b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static void
sort_small (guint *v,
            guint  n)
{
  guint i, j;

  if (n > 16)
    {
      qsort (v, n, sizeof (guint), compare_guint);
      return;
    }
  for (i = 1; i < n; i++)
    {
      guint t = v[i];

      for (j = i; j > 0 && v[j - 1] > t; j--)
        v[j] = v[j - 1];
      v[j] = t;
    }
}

typedef struct
{
  guint  *seq;
  guint  *tree;
  guint   max_layer;
  guint  *nbuf;                  /* sorted neighbour positions, per layer */
  guint  *nstart;
  double *key;
  guint  *perm;                  /* sifting: slot at each position */
  guint  *node_of;               /* sifting: node of each slot */
} Scratch;

static guint64
count_between (QsLayoutWork *work,
               Scratch      *s,
               guint         r)
{
  guint n = 0, i, first;
  guint a = work->layer_start[r], b = work->layer_start[r + 1];

  for (i = a; i < b; i++)
    {
      guint v = work->layer[i], k, m0 = n;

      for (k = work->down_start[v]; k < work->down_start[v + 1]; k++)
        s->seq[n++] = work->pos[work->down[k]];
      sort_small (s->seq + m0, n - m0);
    }
  first = tree_leaves (work->layer_start[r + 2] - work->layer_start[r + 1]);
  return accumulate (s->seq, n, s->tree, first);
}

guint64
_qs_layout_count_all (QsLayoutWork *work)
{
  Scratch s = { 0, };
  guint64 total = 0;
  guint r;

  if (work->n_ranks < 2)
    return 0;
  s.seq = g_new (guint, MAX (work->n_segs, 1));
  s.tree = g_new (guint, 2 * tree_leaves (work->n_nodes + 1));
  for (r = 0; r + 1 < work->n_ranks; r++)
    total += count_between (work, &s, r);
  g_free (s.seq);
  g_free (s.tree);
  return total;
}

/* Counting-sort layer bounds by rank; the layers themselves are filled by
 * one of the initial orders below. */
static void
alloc_layers (QsLayoutWork *work)
{
  guint n = work->n_nodes, i, r;

  work->layer_start = g_new0 (guint, work->n_ranks + 1);
  work->layer = g_new (guint, MAX (n, 1));
  work->pos = g_new (guint, MAX (n, 1));
  for (i = 0; i < n; i++)
    work->layer_start[work->rank[i] + 1]++;
  for (r = 0; r < work->n_ranks; r++)
    work->layer_start[r + 1] += work->layer_start[r];
}

/* Depth-first from the sources (or, @from_sinks, from the sinks upward),
 * placing each node at the next free slot of its rank, so that chains start
 * out side by side in the order they branch (dot starts the same way).
 * From the sinks suits graphs that fan in.  (Breadth-first was tried: after
 * the first sweep it always ended where depth-first did.) */
static void
initial_traverse (QsLayoutWork *work,
                  gboolean      from_sinks)
{
  guint n = work->n_nodes, i, r;
  const guint *start = from_sinks ? work->up_start : work->down_start;
  const guint *adj = from_sinks ? work->up : work->down;
  const guint *back = from_sinks ? work->down_start : work->up_start;
  g_autofree guint *fill = g_new0 (guint, MAX (work->n_ranks, 1));
  g_autofree guint *stack = g_new (guint, MAX (n, 1));
  g_autofree gboolean *seen = g_new0 (gboolean, MAX (n, 1));
  guint done = 0;

  for (i = 0; i < n; i++)
    {
      guint sp = 0;

      if (seen[i] || back[i] != back[i + 1])
        continue;
      stack[sp++] = i;
      seen[i] = TRUE;
      while (sp > 0)
        {
          guint v = stack[--sp], k;

          r = work->rank[v];
          work->pos[v] = fill[r];
          work->layer[work->layer_start[r] + fill[r]++] = v;
          done++;
          /* Push in reverse so the first child is visited first. */
          for (k = start[v + 1]; k-- > start[v];)
            if (!seen[adj[k]])
              {
                seen[adj[k]] = TRUE;
                stack[sp++] = adj[k];
              }
        }
    }
  g_assert (done == n);
}

static gint
compare_doc (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const guint64 *keys = user_data;
  guint64 x = keys[*(const guint *) a], y = keys[*(const guint *) b];

  return x < y ? -1 : x > y;
}

/* The order the model file lists its layers in (node index): whoever wrote
 * the network tends to list a branch before the next one.  A dummy follows
 * the source of its long edge, then its target. */
static void
initial_document (QsLayoutWork *work)
{
  guint n = work->n_nodes, v, r;
  g_autofree guint64 *key = g_new (guint64, MAX (n, 1));
  g_autofree guint *fill = g_new0 (guint, MAX (work->n_ranks, 1));

  for (v = 0; v < n; v++)
    {
      if (v < work->n_real)
        key[v] = (guint64) v << 32;
      else
        {
          guint e = work->dummy_edge[v - work->n_real];

          key[v] = ((guint64) work->e_from[e] << 32) | (work->e_to[e] + 1);
        }
      r = work->rank[v];
      work->layer[work->layer_start[r] + fill[r]++] = v;
    }
  for (r = 0; r < work->n_ranks; r++)
    {
      guint a = work->layer_start[r], b = work->layer_start[r + 1], i;

      g_qsort_with_data (work->layer + a, b - a, sizeof (guint), compare_doc, key);
      for (i = a; i < b; i++)
        work->pos[work->layer[i]] = i - a;
    }
}

typedef struct
{
  double key;
  guint  pos;
  guint  node;
} Keyed;

static int
compare_keyed (const void *a,
               const void *b)
{
  const Keyed *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Sorts layer r by @key, leaving nodes whose key is negative in place. */
static void
sort_layer (QsLayoutWork *work,
            guint         r,
            const double *key,
            Keyed        *buf,
            gboolean     *fixed)
{
  guint a = work->layer_start[r], b = work->layer_start[r + 1];
  guint i, m = 0, j = 0;

  for (i = a; i < b; i++)
    {
      guint v = work->layer[i];

      fixed[i - a] = key[i - a] < 0;
      if (!fixed[i - a])
        {
          buf[m].key = key[i - a];
          buf[m].pos = i - a;
          buf[m].node = v;
          m++;
        }
    }
  qsort (buf, m, sizeof *buf, compare_keyed);
  for (i = a; i < b; i++)
    {
      if (fixed[i - a])
        continue;
      work->layer[i] = buf[j++].node;
      work->pos[work->layer[i]] = i - a;
    }
}

static double
weighted_median (guint    *p,
                 guint     m,
                 gboolean  mean)
{
  double left, right;

  if (m == 0)
    return -1;
  if (mean)
    {
      double sum = 0;
      guint i;

      for (i = 0; i < m; i++)
        sum += p[i];
      return sum / m;
    }
  sort_small (p, m);
  if (m % 2 == 1)
    return p[m / 2];
  if (m == 2)
    return (p[0] + p[1]) / 2.0;
  left = p[m / 2 - 1] - p[0];
  right = p[m - 1] - p[m / 2];
  if (left + right == 0)
    return (p[m / 2 - 1] + p[m / 2]) / 2.0;
  return (p[m / 2 - 1] * right + p[m / 2] * left) / (left + right);
}

static void
median_sweep (QsLayoutWork *work,
              Scratch      *s,
              Keyed        *kbuf,
              gboolean     *fixed,
              gboolean      down,
              gboolean      mean)
{
  guint step;

  for (step = 1; step < work->n_ranks; step++)
    {
      guint r = down ? step : work->n_ranks - 1 - step;
      guint a = work->layer_start[r], b = work->layer_start[r + 1], i;
      const guint *start = down ? work->up_start : work->down_start;
      const guint *adj = down ? work->up : work->down;

      for (i = a; i < b; i++)
        {
          guint v = work->layer[i], k, m = 0;

          for (k = start[v]; k < start[v + 1]; k++)
            s->seq[m++] = work->pos[adj[k]];
          s->key[i - a] = weighted_median (s->seq, m, mean);
        }
      /* Pinned nodes (an incremental layout's old boxes) keep their
       * relative order: their keys never decrease left to right, and ties
       * go by position.  The others insert themselves between them. */
      if (work->pinned != NULL)
        {
          double running = 0;

          for (i = a; i < b; i++)
            if (work->pinned[work->layer[i]])
              {
                double k = s->key[i - a] < 0 ? running : MAX (s->key[i - a], running);

                s->key[i - a] = running = k;
              }
        }
      sort_layer (work, r, s->key, kbuf, fixed);
    }
}

/* Sorted neighbour positions (one side) of every node of layer r. */
static void
gather (QsLayoutWork *work,
        guint         r,
        const guint  *start,
        const guint  *adj,
        guint        *nstart,
        guint        *nbuf)
{
  guint a = work->layer_start[r], b = work->layer_start[r + 1], i, n = 0;

  for (i = a; i < b; i++)
    {
      guint v = work->layer[i], k;

      nstart[i - a] = n;
      for (k = start[v]; k < start[v + 1]; k++)
        nbuf[n++] = work->pos[adj[k]];
      sort_small (nbuf + nstart[i - a], n - nstart[i - a]);
    }
  nstart[b - a] = n;
}

/* Pairs (x in A, y in B) with x > y, and with x < y. */
static void
pair_crossings (const guint *A,
                guint        na,
                const guint *B,
                guint        nb,
                guint64     *greater,
                guint64     *less)
{
  guint i = 0, j;

  /* For each y, count the x below and above it. */
  for (j = 0; j < nb; j++)
    {
      guint eq = 0, k;

      while (i < na && A[i] < B[j])
        i++;
      for (k = i; k < na && A[k] == B[j]; k++)
        eq++;
      *less += i;
      *greater += na - i - eq;
    }
}

/* Adjacent swaps in each layer that reduce crossings with both neighbour
 * layers, until none helps (bounded); with @equal, also swaps that leave
 * a crossing pair's count unchanged. */
static gboolean
transpose (QsLayoutWork *work,
           Scratch      *s,
           gboolean      equal)
{
  guint r;
  gboolean any = FALSE;
  guint *ustart = s->nstart;
  guint *dstart = s->nstart + s->max_layer + 1;
  guint *ubuf = s->nbuf;
  guint *dbuf = s->nbuf + work->n_segs;
  g_autofree guint *perm = g_new (guint, s->max_layer + 1);

  for (r = 0; r < work->n_ranks; r++)
    {
      guint a = work->layer_start[r], b = work->layer_start[r + 1];
      guint round, i;

      if (b - a < 2)
        continue;
      if (r > 0)
        gather (work, r, work->up_start, work->up, ustart, ubuf);
      if (r + 1 < work->n_ranks)
        gather (work, r, work->down_start, work->down, dstart, dbuf);
      /* perm[i] is the gathered slot of the node now at position i. */
      for (i = 0; i < b - a; i++)
        perm[i] = i;

      for (round = 0; round < 4; round++)
        {
          gboolean improved = FALSE;

          for (i = 0; i + 1 < b - a; i++)
            {
              guint p = perm[i], q = perm[i + 1];
              guint64 keep = 0, swap = 0;

              if (r > 0)
                pair_crossings (ubuf + ustart[p], ustart[p + 1] - ustart[p],
                                ubuf + ustart[q], ustart[q + 1] - ustart[q], &keep, &swap);
              if (r + 1 < work->n_ranks)
                pair_crossings (dbuf + dstart[p], dstart[p + 1] - dstart[p],
                                dbuf + dstart[q], dstart[q + 1] - dstart[q], &keep, &swap);
              /* Swapping equal pairs (first round only, so it cannot
               * loop) walks across plateaus that strict swaps stop at,
               * as dot's "reverse" transpositions do.  The caller keeps
               * the best order seen, so a sideways step costs nothing. */
              if (swap < keep || (equal && round == 0 && swap == keep && swap > 0))
                {
                  guint v = work->layer[a + i];

                  perm[i] = q;
                  perm[i + 1] = p;
                  work->layer[a + i] = work->layer[a + i + 1];
                  work->layer[a + i + 1] = v;
                  work->pos[work->layer[a + i]] = i;
                  work->pos[v] = i + 1;
                  improved = TRUE;
                  any = TRUE;
                }
            }
          if (!improved)
            break;
        }
    }
  return any;
}

static int
compare_seeded (const void *a,
                const void *b)
{
  return compare_keyed (a, b);
}

/* Orders every layer by the seeds left by a previous layout. */
static void
seed_order (QsLayoutWork *work,
            Keyed        *buf)
{
  guint r;

  for (r = 0; r < work->n_ranks; r++)
    {
      guint a = work->layer_start[r], b = work->layer_start[r + 1], i;

      for (i = a; i < b; i++)
        {
          buf[i - a].key = work->seed[work->layer[i]];
          buf[i - a].pos = i - a;
          buf[i - a].node = work->layer[i];
        }
      qsort (buf, b - a, sizeof *buf, compare_seeded);
      for (i = a; i < b; i++)
        {
          work->layer[i] = buf[i - a].node;
          work->pos[work->layer[i]] = i - a;
        }
    }
}

/* Sifting (Matuszewski, Schönfeld and Molitor): takes each node of layer r
 * out and puts it back at the position that crosses least with both
 * neighbour layers, found in one scan over the others with the exact pair
 * crossing numbers.  The neighbour layers do not move, so the count can
 * only go down.  Returns how much it went down; spends @budget (pairs
 * compared). */
static guint64
sift_layer (QsLayoutWork *work,
            Scratch      *s,
            guint         r,
            gint64       *budget)
{
  guint a = work->layer_start[r], b = work->layer_start[r + 1], n = b - a;
  guint *ustart = s->nstart;
  guint *dstart = s->nstart + s->max_layer + 1;
  guint *ubuf = s->nbuf;
  guint *dbuf = s->nbuf + work->n_segs;
  gboolean has_up = r > 0, has_down = r + 1 < work->n_ranks;
  guint64 gained = 0;
  guint i, k, u;

  if (n < 3 || *budget <= 0)
    return 0;
  if (has_up)
    gather (work, r, work->up_start, work->up, ustart, ubuf);
  if (has_down)
    gather (work, r, work->down_start, work->down, dstart, dbuf);
  /* perm[i]: slot (gathered index) of the node at position i. */
  for (i = 0; i < n; i++)
    {
      s->perm[i] = i;
      s->node_of[i] = work->layer[a + i];
    }

  for (u = 0; u < n && *budget > 0; u++)
    {
      gint64 run = 0, best = 0, at_cur = 0;
      guint best_k = 0;
      const guint *ua = ubuf + ustart[u], *da = dbuf + dstart[u];
      guint nua = has_up ? ustart[u + 1] - ustart[u] : 0;
      guint nda = has_down ? dstart[u + 1] - dstart[u] : 0;

      if (nua + nda == 0)
        continue;
      *budget -= n;
      /* Scan u from the far left to the far right over the others: passing
       * w changes the count by c(w, u) - c(u, w). */
      for (i = 0, k = 0; i < n; i++)
        {
          guint64 uw = 0, wu = 0;
          guint w = s->perm[i];

          if (w == u)
            {
              at_cur = run;
              continue;
            }
          if (has_up)
            {
              guint nb = ustart[w + 1] - ustart[w];
              const guint *bb = ubuf + ustart[w];

              if (nua > 0 && nb > 0)
                {
                  if (ua[nua - 1] <= bb[0])
                    wu += (guint64) nua * nb - (ua[nua - 1] == bb[0]);
                  else if (bb[nb - 1] <= ua[0])
                    uw += (guint64) nua * nb - (bb[nb - 1] == ua[0]);
                  else
                    pair_crossings (ua, nua, bb, nb, &uw, &wu);
                }
            }
          if (has_down)
            {
              guint nb = dstart[w + 1] - dstart[w];
              const guint *bb = dbuf + dstart[w];

              if (nda > 0 && nb > 0)
                {
                  if (da[nda - 1] <= bb[0])
                    wu += (guint64) nda * nb - (da[nda - 1] == bb[0]);
                  else if (bb[nb - 1] <= da[0])
                    uw += (guint64) nda * nb - (bb[nb - 1] == da[0]);
                  else
                    pair_crossings (da, nda, bb, nb, &uw, &wu);
                }
            }
          run += (gint64) wu - (gint64) uw;
          k++;
          if (run < best)
            {
              best = run;
              best_k = k;
            }
        }
      if (best < at_cur)
        {
          /* Take u out and put it back after best_k others. */
          for (i = 0; s->perm[i] != u; i++)
            ;
          memmove (s->perm + i, s->perm + i + 1, sizeof (guint) * (n - 1 - i));
          memmove (s->perm + best_k + 1, s->perm + best_k, sizeof (guint) * (n - 1 - best_k));
          s->perm[best_k] = u;
          gained += at_cur - best;
        }
    }

  for (i = 0; i < n; i++)
    {
      guint v = s->node_of[s->perm[i]];

      work->layer[a + i] = v;
      work->pos[v] = i;
    }
  return gained;
}

static guint64
count_all (QsLayoutWork *work,
           Scratch      *s)
{
  guint64 count = 0;
  guint r;

  for (r = 0; r + 1 < work->n_ranks; r++)
    count += count_between (work, s, r);
  return count;
}

static void
restore (QsLayoutWork *work,
         const guint  *best)
{
  guint r, i;

  memcpy (work->layer, best, sizeof (guint) * work->n_nodes);
  for (r = 0; r < work->n_ranks; r++)
    for (i = work->layer_start[r]; i < work->layer_start[r + 1]; i++)
      work->pos[work->layer[i]] = i - work->layer_start[r];
}

/* Median and barycentre sweeps with transpositions from the current order,
 * until @stale_max sweeps in a row bring nothing or @max_sweeps ran.
 * Leaves the best order found in work->layer and returns its count. */
static guint64
sweeps (QsLayoutWork *work,
        Scratch      *s,
        Keyed        *kbuf,
        gboolean     *fixed,
        guint        *best,
        guint         max_sweeps,
        guint         stale_max,
        gboolean      first_down)
{
  guint64 best_count, count;
  guint pass, stale = 0;

  best_count = count_all (work, s);
  memcpy (best, work->layer, sizeof (guint) * work->n_nodes);
  for (pass = 0; pass < max_sweeps && best_count > 0 && stale < stale_max; pass++)
    {
      /* Barycentres and medians get stuck in different places: alternate
       * them every down-and-up pair. */
      median_sweep (work, s, kbuf, fixed, (pass % 2 == 0) == first_down, pass % 4 < 2);
      transpose (work, s, work->pinned == NULL);
      count = count_all (work, s);
      if (count < best_count)
        {
          best_count = count;
          memcpy (best, work->layer, sizeof (guint) * work->n_nodes);
          stale = 0;
        }
      else
        stale++;
    }
  restore (work, best);
  return best_count;
}

typedef enum
{
  START_DFS_DOWN,
  START_DFS_UP,
  START_DOCUMENT,
} StartKind;

/* The first is the one this layout always had (ties keep the first, so
 * small drawings do not change for nothing); big graphs try only the
 * ones that win most often, in big_starts' order. */
static const struct
{
  StartKind kind;
  gboolean  down;
} starts[] = {
  { START_DFS_DOWN, TRUE },
  { START_DFS_UP, TRUE },
  { START_DOCUMENT, TRUE },
  { START_DOCUMENT, FALSE },
  { START_DFS_DOWN, FALSE },
  { START_DFS_UP, FALSE },
};
static const guint big_starts[] = { 1, 2, 3, 4 };

void
_qs_layout_order (QsLayoutWork *work)
{
  Scratch s = { 0, };
  g_autofree Keyed *kbuf = NULL;
  g_autofree gboolean *fixed = NULL;
  g_autofree guint *best = NULL;
  g_autofree guint *champion = NULL;
  guint64 best_count = G_MAXUINT64, count;
  guint r, start, n_starts, round, size;
  gboolean full;
  gint64 budget;

  alloc_layers (work);
  for (r = 0; r < work->n_ranks; r++)
    s.max_layer = MAX (s.max_layer, work->layer_start[r + 1] - work->layer_start[r]);
  kbuf = g_new (Keyed, s.max_layer + 1);
  fixed = g_new (gboolean, s.max_layer + 1);
  s.seq = g_new (guint, MAX (work->n_segs, 1));
  s.tree = g_new (guint, 2 * tree_leaves (s.max_layer + 1));
  s.key = g_new (double, s.max_layer + 1);
  s.nbuf = g_new (guint, 2 * MAX (work->n_segs, 1));
  s.nstart = g_new (guint, 2 * (s.max_layer + 1));
  s.perm = g_new (guint, s.max_layer + 1);
  s.node_of = g_new (guint, s.max_layer + 1);
  best = g_new (guint, MAX (work->n_nodes, 1));
  champion = g_new (guint, MAX (work->n_nodes, 1));

  /* Several starts, each swept to a local optimum; the best one wins.  Each
   * start is a first order and the direction of the first sweep; which one
   * wins varies from model to model (all six win somewhere among the shared
   * models), so small graphs try them all and big ones the two that win
   * most often.  A seeded (incremental) layout starts only from its seeds
   * and is only polished, so that the drawing stays put. */
  size = work->n_nodes + work->n_segs;
  /* Full sweeps also for few boxes with many dummies (a decoder whose mask
   * and rotary inputs feed every layer): their crossings are most of what
   * a reader sees there, and the speed goals are about many boxes. */
  full = size <= 40000 || work->n_real <= 4000;
  if (work->seed != NULL)
    n_starts = 1;
  else
    n_starts = size <= 40000 ? G_N_ELEMENTS (starts) : size <= 150000 ? 4 : 2;
  for (start = 0; start < n_starts; start++)
    {
      if (work->seed != NULL)
        {
          initial_traverse (work, FALSE);
          seed_order (work, kbuf);
          /* The sweeps move only the new boxes and the dummies (the old
           * boxes are pinned in their order); sifting below then moves a
           * box only where that strictly pays. */
          count = sweeps (work, &s, kbuf, fixed, best, 4, 2, TRUE);
        }
      else
        {
          guint which = size <= 40000 ? start : big_starts[start];

          if (starts[which].kind == START_DOCUMENT)
            initial_document (work);
          else
            initial_traverse (work, starts[which].kind == START_DFS_UP);
          count = sweeps (work, &s, kbuf, fixed, best,
                          full ? 3 * work->opts.order_passes : 3 * work->opts.order_passes / 2,
                          full ? 6 : 3, starts[which].down);
        }
      if (count < best_count)
        {
          best_count = count;
          memcpy (champion, work->layer, sizeof (guint) * work->n_nodes);
        }
      if (best_count == 0)
        break;
    }
  restore (work, champion);

  /* Sifting then transpositions, down and up, while they pay.  The budget
   * keeps wide layers (thousands of dummies) from going quadratic. */
  budget = size <= 40000 ? 200 * (gint64) size + 2000000 : 30 * (gint64) size;
  for (round = 0; round < 4 && best_count > 0 && budget > 0; round++)
    {
      guint64 gained = 0;
      guint step;

      for (step = 0; step < 2 * work->n_ranks; step++)
        {
          r = step < work->n_ranks ? step : 2 * work->n_ranks - 1 - step;
          gained += sift_layer (work, &s, r, &budget);
        }
      transpose (work, &s, FALSE);
      count = count_all (work, &s);
      g_assert (count <= best_count);
      if (count == best_count)
        break;
      best_count = count;
      (void) gained;
    }
  work->crossings = best_count;

  g_free (s.seq);
  g_free (s.tree);
  g_free (s.key);
  g_free (s.nbuf);
  g_free (s.nstart);
  g_free (s.perm);
  g_free (s.node_of);
}
