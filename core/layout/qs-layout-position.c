/* qs-layout-position.c — coordinates: x by Brandes–Köpf, y by rank
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Brandes and Köpf's method: four times (aligning up or down, scanning left or
 * right) chain every node to a median neighbour into vertical blocks,
 * avoiding alignments that would cross an inner segment of a long edge, so
 * long edges come out straight; compact the blocks horizontally; then take
 * the average of the two middle candidates per node.  Everything is linear.
 *
 * The compaction places blocks by a longest path over the "is left of"
 * relation between blocks and then pulls each block right as far as its
 * right neighbours allow.  That is simpler than the paper's sink/shift
 * classes, whose shifts do not compose on some inputs (noted in the erratum
 * by Brandes, Walter and Zink), and it can never overlap two boxes.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qs-layout-private.h"

typedef struct
{
  QsLayoutWork *work;
  gboolean     *marked;          /* per segment: a type 1 conflict */
  guint        *up_sorted;       /* neighbours above, by position */
  guint        *up_sorted_seg;
  guint        *down_sorted;
  guint        *down_sorted_seg;
  guint        *root;
  guint        *align;
  double       *xs;
  /* Block graph scratch. */
  guint        *bstart;
  guint        *badj;
  double       *bw;
  guint        *indeg;
  guint        *queue;
} Bk;

static inline gboolean
is_dummy (const QsLayoutWork *work,
          guint               v)
{
  return v >= work->n_real;
}

static double
separation (const QsLayoutWork *work,
            guint               a,
            guint               b)
{
  double gap = (!is_dummy (work, a) && !is_dummy (work, b)) ? work->opts.node_gap
                                                            : work->opts.node_gap / 2;

  return (work->width[a] + work->width[b]) / 2 + gap;
}

/* Non-inner segments crossing an inner one (between two dummies) are
 * marked, so that alignment keeps long edges straight instead. */
static void
mark_conflicts (Bk *bk)
{
  QsLayoutWork *work = bk->work;
  guint r;

  for (r = 0; r + 1 < work->n_ranks; r++)
    {
      guint ua = work->layer_start[r], ub = work->layer_start[r + 1];
      guint la = ub, lb = work->layer_start[r + 2];
      guint k0 = 0, l = 0, l1;

      for (l1 = 0; l1 < lb - la; l1++)
        {
          guint v = work->layer[la + l1];
          gboolean inner = is_dummy (work, v) && is_dummy (work, work->up[work->up_start[v]]);

          if (l1 == lb - la - 1 || inner)
            {
              guint k1 = inner ? work->pos[work->up[work->up_start[v]]] : (ub - ua) - 1;

              for (; l <= l1; l++)
                {
                  guint w = work->layer[la + l], k;

                  for (k = work->up_start[w]; k < work->up_start[w + 1]; k++)
                    {
                      guint p = work->pos[work->up[k]];

                      if ((p < k0 || p > k1) && !(inner && l == l1))
                        bk->marked[work->up_seg[k]] = TRUE;
                    }
                }
              k0 = k1;
            }
        }
    }
}

typedef struct
{
  guint pos;
  guint node;
  guint seg;
} Nb;

static int
compare_nb (const void *a,
            const void *b)
{
  const Nb *x = a, *y = b;

  return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static void
sort_neighbours (const QsLayoutWork *work,
                 const guint        *start,
                 const guint        *adj,
                 const guint        *seg,
                 guint              *out,
                 guint              *out_seg)
{
  guint v, k;
  GArray *buf = g_array_new (FALSE, FALSE, sizeof (Nb));

  for (v = 0; v < work->n_nodes; v++)
    {
      guint d = start[v + 1] - start[v];

      g_array_set_size (buf, d);
      for (k = 0; k < d; k++)
        {
          Nb *nb = &g_array_index (buf, Nb, k);

          nb->node = adj[start[v] + k];
          nb->pos = work->pos[nb->node];
          nb->seg = seg[start[v] + k];
        }
      if (d > 1)
        qsort (buf->data, d, sizeof (Nb), compare_nb);
      for (k = 0; k < d; k++)
        {
          out[start[v] + k] = g_array_index (buf, Nb, k).node;
          out_seg[start[v] + k] = g_array_index (buf, Nb, k).seg;
        }
    }
  g_array_unref (buf);
}

/* Node at index i of layer r in the scan direction. */
static inline guint
at (const QsLayoutWork *work,
    guint               r,
    guint               i,
    gboolean            rightward)
{
  guint a = work->layer_start[r], b = work->layer_start[r + 1];

  return rightward ? work->layer[a + i] : work->layer[b - 1 - i];
}

static inline guint
scan_pos (const QsLayoutWork *work,
          guint               v,
          gboolean            rightward)
{
  guint r = work->rank[v];

  return rightward ? work->pos[v] : work->layer_start[r + 1] - work->layer_start[r] - 1 - work->pos[v];
}

static void
align (Bk       *bk,
       gboolean  downward,
       gboolean  rightward)
{
  QsLayoutWork *work = bk->work;
  const guint *start = downward ? work->up_start : work->down_start;
  const guint *nb = downward ? bk->up_sorted : bk->down_sorted;
  const guint *nb_seg = downward ? bk->up_sorted_seg : bk->down_sorted_seg;
  guint step, v;

  for (v = 0; v < work->n_nodes; v++)
    {
      bk->root[v] = v;
      bk->align[v] = v;
    }
  for (step = 0; step < work->n_ranks; step++)
    {
      guint r = downward ? step : work->n_ranks - 1 - step;
      guint n = work->layer_start[r + 1] - work->layer_start[r], i;
      gint64 last = -1;

      for (i = 0; i < n; i++)
        {
          guint d, m, mlo, mhi;

          v = at (work, r, i, rightward);
          d = start[v + 1] - start[v];
          if (d == 0)
            continue;
          mlo = (d - 1) / 2;
          mhi = d / 2;
          for (m = mlo; m <= mhi; m++)
            {
              /* Medians in scan order: mirror the index when scanning left. */
              guint k = start[v] + (rightward ? m : d - 1 - m);
              guint u = nb[k];
              guint pu = scan_pos (work, u, rightward);

              if (bk->align[v] != v)
                break;
              if (!bk->marked[nb_seg[k]] && last < (gint64) pu)
                {
                  bk->align[u] = v;
                  bk->root[v] = bk->root[u];
                  bk->align[v] = bk->root[v];
                  last = pu;
                }
            }
        }
    }
}

/* Blocks by a longest path over "left of", then each pulled right. */
static void
compact (Bk       *bk,
         gboolean  rightward,
         double   *x)
{
  QsLayoutWork *work = bk->work;
  guint n = work->n_nodes, r, v, i, m = 0, head = 0, tail = 0, n_roots = 0;
  g_autofree guint *efrom = g_new (guint, MAX (n, 1));
  g_autofree guint *eto = g_new (guint, MAX (n, 1));
  g_autofree double *ew = g_new (double, MAX (n, 1));
  g_autofree guint *fill = g_new0 (guint, n + 1);
  guint *rstart = bk->bstart + n + 1;   /* reverse CSR */
  guint *radj = bk->badj + n;
  double *rw = bk->bw + n;

  for (r = 0; r < work->n_ranks; r++)
    {
      guint cnt = work->layer_start[r + 1] - work->layer_start[r];

      for (i = 1; i < cnt; i++)
        {
          guint a = at (work, r, i - 1, rightward), b = at (work, r, i, rightward);

          efrom[m] = bk->root[a];
          eto[m] = bk->root[b];
          ew[m] = separation (work, a, b);
          m++;
        }
    }
  memset (bk->bstart, 0, sizeof (guint) * (n + 1));
  memset (rstart, 0, sizeof (guint) * (n + 1));
  for (i = 0; i < m; i++)
    {
      bk->bstart[efrom[i] + 1]++;
      rstart[eto[i] + 1]++;
    }
  for (v = 0; v < n; v++)
    {
      bk->bstart[v + 1] += bk->bstart[v];
      rstart[v + 1] += rstart[v];
    }
  for (i = 0; i < m; i++)
    {
      guint k = bk->bstart[efrom[i]] + fill[efrom[i]]++;

      bk->badj[k] = eto[i];
      bk->bw[k] = ew[i];
    }
  memset (fill, 0, sizeof (guint) * (n + 1));
  for (i = 0; i < m; i++)
    {
      guint k = rstart[eto[i]] + fill[eto[i]]++;

      radj[k] = efrom[i];
      rw[k] = ew[i];
    }

  /* Only roots take part: every edge joins two roots. */
  for (v = 0; v < n; v++)
    {
      bk->indeg[v] = rstart[v + 1] - rstart[v];
      bk->xs[v] = 0;
      n_roots += bk->root[v] == v;
      if (bk->root[v] == v && bk->indeg[v] == 0)
        bk->queue[tail++] = v;
    }
  while (head < tail)
    {
      guint b = bk->queue[head++], k;

      for (k = bk->bstart[b]; k < bk->bstart[b + 1]; k++)
        {
          guint c = bk->badj[k];

          bk->xs[c] = MAX (bk->xs[c], bk->xs[b] + bk->bw[k]);
          if (--bk->indeg[c] == 0)
            bk->queue[tail++] = c;
        }
    }
  /* The alignment never crosses itself, so the block graph is acyclic. */
  g_assert (tail == n_roots);
  for (i = tail; i-- > 0;)
    {
      guint b = bk->queue[i], k;
      double lim = INFINITY;

      for (k = bk->bstart[b]; k < bk->bstart[b + 1]; k++)
        lim = MIN (lim, bk->xs[bk->badj[k]] - bk->bw[k]);
      if (isfinite (lim) && lim > bk->xs[b])
        bk->xs[b] = lim;
    }

  for (v = 0; v < n; v++)
    x[v] = rightward ? bk->xs[bk->root[v]] : -bk->xs[bk->root[v]];
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

void
_qs_layout_position (QsLayoutWork *work)
{
  guint n = work->n_nodes, v, k, r;
  Bk bk = { work, };
  double *xk[4];
  double lo[4], hi[4], best_w = INFINITY, y = 0;
  guint best = 0;

  work->x = g_new0 (double, MAX (n, 1));
  work->rank_y = g_new0 (double, work->n_ranks + 1);
  work->rank_h = g_new0 (double, work->n_ranks + 1);

  bk.marked = g_new0 (gboolean, MAX (work->n_segs, 1));
  bk.up_sorted = g_new (guint, MAX (work->n_segs, 1));
  bk.up_sorted_seg = g_new (guint, MAX (work->n_segs, 1));
  bk.down_sorted = g_new (guint, MAX (work->n_segs, 1));
  bk.down_sorted_seg = g_new (guint, MAX (work->n_segs, 1));
  bk.root = g_new (guint, MAX (n, 1));
  bk.align = g_new (guint, MAX (n, 1));
  bk.xs = g_new (double, MAX (n, 1));
  bk.bstart = g_new (guint, 2 * (n + 1));
  bk.badj = g_new (guint, 2 * MAX (n, 1));
  bk.bw = g_new (double, 2 * MAX (n, 1));
  bk.indeg = g_new (guint, MAX (n, 1));
  bk.queue = g_new (guint, MAX (n, 1));

  mark_conflicts (&bk);
  sort_neighbours (work, work->up_start, work->up, work->up_seg, bk.up_sorted, bk.up_sorted_seg);
  sort_neighbours (work, work->down_start, work->down, work->down_seg,
                   bk.down_sorted, bk.down_sorted_seg);

  for (k = 0; k < 4; k++)
    {
      gboolean downward = k < 2, rightward = k % 2 == 0;

      xk[k] = g_new (double, MAX (n, 1));
      align (&bk, downward, rightward);
      compact (&bk, rightward, xk[k]);
      lo[k] = INFINITY;
      hi[k] = -INFINITY;
      for (v = 0; v < n; v++)
        {
          lo[k] = MIN (lo[k], xk[k][v] - work->width[v] / 2);
          hi[k] = MAX (hi[k], xk[k][v] + work->width[v] / 2);
        }
      if (hi[k] - lo[k] < best_w)
        {
          best_w = hi[k] - lo[k];
          best = k;
        }
    }

  /* Align the left-scanned candidates to the narrowest one's left edge and
   * the right-scanned ones to its right edge, then balance. */
  for (v = 0; v < n; v++)
    {
      double c[4];

      for (k = 0; k < 4; k++)
        c[k] = xk[k][v] + (k % 2 == 0 ? lo[best] - lo[k] : hi[best] - hi[k]);
      qsort (c, 4, sizeof (double), compare_double);
      work->x[v] = (c[1] + c[2]) / 2;
    }

  /* The median of valid placements is valid; this only guards rounding. */
  for (r = 0; r < work->n_ranks; r++)
    {
      guint i;

      for (i = work->layer_start[r] + 1; i < work->layer_start[r + 1]; i++)
        {
          guint a = work->layer[i - 1], b = work->layer[i];
          double need = work->x[a] + separation (work, a, b);

          if (work->x[b] < need)
            work->x[b] = need;
        }
    }

  lo[0] = INFINITY;
  for (v = 0; v < n; v++)
    lo[0] = MIN (lo[0], work->x[v] - work->width[v] / 2);
  for (v = 0; v < n; v++)
    work->x[v] -= lo[0];

  for (v = 0; v < work->n_real; v++)
    {
      r = work->rank[v];
      work->rank_h[r] = MAX (work->rank_h[r], _qs_layout_graph_height (work->graph, v));
    }
  for (r = 0; r < work->n_ranks; r++)
    {
      work->rank_y[r] = y;
      y += work->rank_h[r] + work->opts.rank_gap;
    }
  work->rank_y[work->n_ranks] = y;

  for (k = 0; k < 4; k++)
    g_free (xk[k]);
  g_free (bk.marked);
  g_free (bk.up_sorted);
  g_free (bk.up_sorted_seg);
  g_free (bk.down_sorted);
  g_free (bk.down_sorted_seg);
  g_free (bk.root);
  g_free (bk.align);
  g_free (bk.xs);
  g_free (bk.bstart);
  g_free (bk.badj);
  g_free (bk.bw);
  g_free (bk.indeg);
  g_free (bk.queue);
}
