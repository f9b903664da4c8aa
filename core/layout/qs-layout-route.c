/* qs-layout-route.c — edges as cubic splines
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Every rank is a horizontal band as tall as its tallest box, and no box
 * lies between two bands.  An edge runs straight down inside a band (in its
 * own box's column at the ends, in its dummy's reserved column elsewhere)
 * and changes column only in the gap between bands, along an S-shaped cubic
 * with vertical tangents.  So a path is smooth, strictly downward, and
 * cannot enter a box, by construction rather than by checking afterwards.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "qs-layout-private.h"

typedef struct
{
  double key;
  guint  seg;
} SegKey;

static int
compare_seg_key (const void *a,
                 const void *b)
{
  const SegKey *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return x->seg < y->seg ? -1 : x->seg > y->seg;
}

/* Spreads the segments leaving (or entering) each real node over the middle
 * of its bottom (or top) side, in the order of the node at their other end,
 * so that they leave the box without crossing each other. */
static void
spread_ports (QsLayoutWork *work,
              const guint  *start,
              const guint  *adj,
              const guint  *seg,
              double       *port_x)
{
  GArray *buf = g_array_new (FALSE, FALSE, sizeof (SegKey));
  guint v, k;

  for (v = 0; v < work->n_real; v++)
    {
      guint d = start[v + 1] - start[v];
      double span = work->width[v] * 0.6;

      if (d == 0)
        continue;
      if (d == 1)
        {
          port_x[seg[start[v]]] = work->x[v];
          continue;
        }
      g_array_set_size (buf, d);
      for (k = 0; k < d; k++)
        {
          SegKey *sk = &g_array_index (buf, SegKey, k);

          sk->key = work->x[adj[start[v] + k]];
          sk->seg = seg[start[v] + k];
        }
      qsort (buf->data, d, sizeof (SegKey), compare_seg_key);
      for (k = 0; k < d; k++)
        port_x[g_array_index (buf, SegKey, k).seg] =
          work->x[v] - span / 2 + span * (k + 0.5) / d;
    }
  g_array_unref (buf);
}

static QsLayoutPoint *
line_to (QsLayoutPoint *p,
         double         x,
         double         y)
{
  QsLayoutPoint a = p[-1];

  p[0].x = a.x + (x - a.x) / 3;
  p[0].y = a.y + (y - a.y) / 3;
  p[1].x = a.x + 2 * (x - a.x) / 3;
  p[1].y = a.y + 2 * (y - a.y) / 3;
  p[2].x = x;
  p[2].y = y;
  return p + 3;
}

static QsLayoutPoint *
curve_to (QsLayoutPoint *p,
          double         x,
          double         y)
{
  QsLayoutPoint a = p[-1];
  double g = (y - a.y) / 3;

  p[0].x = a.x;
  p[0].y = a.y + g;
  p[1].x = x;
  p[1].y = y - g;
  p[2].x = x;
  p[2].y = y;
  return p + 3;
}

void
_qs_layout_route (QsLayoutWork *work,
                  QsLayout     *layout)
{
  const QsLayoutGraph *graph = work->graph;
  g_autofree double *out_x = g_new (double, MAX (work->n_segs, 1));
  g_autofree double *in_x = g_new (double, MAX (work->n_segs, 1));
  g_autofree guint *first_point = g_new (guint, work->n_edges + 1);
  g_autofree guint *n_points = g_new (guint, work->n_edges + 1);
  guint e, total = 0;

  spread_ports (work, work->down_start, work->down, work->down_seg, out_x);
  spread_ports (work, work->up_start, work->up, work->up_seg, in_x);

  /* Count exactly what the loop below draws: a piece to leave the source's
   * band, a curve and a straight piece per dummy, a curve and a piece down
   * to the target's top. */
  for (e = 0; e < work->n_edges; e++)
    {
      guint a = work->e_from[e], b = work->e_to[e], pieces = 1, k;

      pieces += work->rank_h[work->rank[a]] > _qs_layout_graph_height (graph, a);
      pieces += work->rank_h[work->rank[b]] > _qs_layout_graph_height (graph, b);
      for (k = work->chain_start[e]; k < work->chain_start[e + 1]; k++)
        pieces += 1 + (work->rank_h[work->rank[work->chain[k]]] > 0);
      first_point[e] = total;
      total += 1 + 3 * pieces;
    }
  layout->points = g_new (QsLayoutPoint, MAX (total, 1));

  for (e = 0; e < work->n_edges; e++)
    {
      QsLayoutPoint *start = layout->points + first_point[e], *p = start;
      guint a = work->e_from[e], b = work->e_to[e];
      guint s = work->chain_start[e] + e;              /* first segment */
      guint r = work->rank[a], k;
      double ha = _qs_layout_graph_height (graph, a);
      double hb = _qs_layout_graph_height (graph, b);
      double y, band_end;

      p->x = out_x[s];
      p->y = work->rank_y[r] + (work->rank_h[r] + ha) / 2;
      p++;
      band_end = work->rank_y[r] + work->rank_h[r];
      if (work->rank_h[r] > ha)
        p = line_to (p, p[-1].x, band_end);

      for (k = work->chain_start[e]; k < work->chain_start[e + 1]; k++)
        {
          guint d = work->chain[k];

          r = work->rank[d];
          p = curve_to (p, work->x[d], work->rank_y[r]);
          if (work->rank_h[r] > 0)
            p = line_to (p, work->x[d], work->rank_y[r] + work->rank_h[r]);
        }

      s = work->chain_start[e + 1] + e;                /* last segment */
      r = work->rank[b];
      p = curve_to (p, in_x[s], work->rank_y[r]);
      y = work->rank_y[r] + (work->rank_h[r] - hb) / 2;
      if (work->rank_h[r] > hb)
        p = line_to (p, in_x[s], y);

      n_points[e] = p - start;
      g_assert (first_point[e] + n_points[e] == (e + 1 < work->n_edges ? first_point[e + 1] : total));
    }

  layout->n_edges = graph->from->len;
  layout->paths = g_new0 (QsLayoutPath, MAX (layout->n_edges, 1));
  for (e = 0; e < layout->n_edges; e++)
    {
      QsLayoutPath *path = &layout->paths[e];
      guint de = work->edge_of[e];

      path->from = g_array_index (graph->from, guint, e);
      path->to = g_array_index (graph->to, guint, e);
      if (de == G_MAXUINT)
        continue;                      /* a self-loop: no path */
      path->points = layout->points + first_point[de];
      path->n_points = n_points[de];
      path->reversed = path->from != work->e_from[de];
    }
}
