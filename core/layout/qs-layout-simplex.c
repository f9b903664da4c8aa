/* qs-layout-simplex.c — ranks by network simplex, within a work budget
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Gansner, Koutsofios, North and Vo's ranking (the one dot uses): the ranks
 * that minimise the total edge length, every edge at least one rank long,
 * are a linear programme whose dual a network simplex solves on spanning
 * trees of tight edges.  Shorter edges mean fewer dummy nodes, and fewer
 * dummies mean fewer crossings and a faster order stage.
 *
 * A cut value of a tree edge is the length gained per rank by moving the
 * component on its head side against the one on its tail side; for the
 * subtree S below a tree edge it is ± (edges leaving S − edges entering S),
 * the sum of out-degree minus in-degree over S, so one post-order pass
 * gives every cut value.  After each pivot the tree is renumbered in
 * O(V + E): simple, and the caller's budget bounds the pivots, so that a
 * 50,000-node graph keeps the heuristic ranks it came with where the
 * simplex would take too long.  Every intermediate ranking is feasible, so
 * stopping early is always safe.
 */
#include "config.h"

#include <string.h>

#include "qs-layout-private.h"

typedef struct
{
  guint        n;
  guint        m;
  const guint *from;
  const guint *to;
  guint       *inc_start;        /* incident edges, both directions */
  guint       *inc;
  gint        *rank;
  gboolean    *tree;             /* per edge */
  guint       *par;              /* per node: tree edge to its parent, or G_MAXUINT */
  guint       *low;
  guint       *lim;
  gint64      *cut;              /* per tree edge */
  gint64      *sum;              /* scratch: subtree sums */
  guint       *stack;
  guint       *next;
  gint64       work;             /* units spent */
} Ns;

static inline gint
slack (const Ns *ns,
       guint     e)
{
  return ns->rank[ns->to[e]] - ns->rank[ns->from[e]] - 1;
}

static inline guint
other_end (const Ns *ns,
           guint     e,
           guint     v)
{
  return ns->from[e] == v ? ns->to[e] : ns->from[e];
}

/* A spanning forest of tight edges, one tree per connected component: grow
 * a tree over tight edges, then make the least slack edge leaving it tight
 * by shifting the whole tree, and grow again. */
static gboolean
feasible_tree (Ns     *ns,
               gint64  budget)
{
  g_autofree guint *tid = g_new (guint, MAX (ns->n, 1));
  g_autofree guint *members = g_new (guint, MAX (ns->n, 1));
  guint s, n_members, i, k;

  for (i = 0; i < ns->n; i++)
    tid[i] = G_MAXUINT;
  memset (ns->tree, 0, sizeof (gboolean) * MAX (ns->m, 1));

  for (s = 0; s < ns->n; s++)
    {
      guint grow_from;

      if (tid[s] != G_MAXUINT)
        continue;
      n_members = 0;
      grow_from = s;
      tid[s] = s;
      members[n_members++] = s;
      for (;;)
        {
          guint sp = 0, best_e = G_MAXUINT;
          gint best_slack = G_MAXINT;

          /* Tight edges from the new part of the tree. */
          ns->stack[sp++] = grow_from;
          while (sp > 0)
            {
              guint v = ns->stack[--sp];

              for (k = ns->inc_start[v]; k < ns->inc_start[v + 1]; k++)
                {
                  guint e = ns->inc[k], w = other_end (ns, e, v);

                  if (tid[w] == G_MAXUINT && slack (ns, e) == 0)
                    {
                      tid[w] = s;
                      members[n_members++] = w;
                      ns->tree[e] = TRUE;
                      ns->stack[sp++] = w;
                    }
                }
            }

          /* The least slack edge with one end in the tree; none means the
           * component is spanned. */
          for (i = 0; i < n_members; i++)
            {
              guint v = members[i];

              for (k = ns->inc_start[v]; k < ns->inc_start[v + 1]; k++)
                {
                  guint e = ns->inc[k];

                  if (tid[other_end (ns, e, v)] == G_MAXUINT && slack (ns, e) < best_slack)
                    {
                      best_slack = slack (ns, e);
                      best_e = e;
                    }
                }
            }
          ns->work += n_members;
          if (ns->work > budget)
            return FALSE;
          if (best_e == G_MAXUINT)
            break;
          /* Shift the tree towards the outside end so the edge is tight. */
          {
            gint delta = tid[ns->from[best_e]] == s ? best_slack : -best_slack;

            for (i = 0; i < n_members; i++)
              ns->rank[members[i]] += delta;
            grow_from = tid[ns->from[best_e]] == s ? ns->to[best_e] : ns->from[best_e];
            tid[grow_from] = s;
            members[n_members++] = grow_from;
            ns->tree[best_e] = TRUE;
          }
        }
    }
  return TRUE;
}

/* Parent edges, post-order numbers (lim) with the least number in each
 * subtree (low), and cut values, for the whole forest. */
static void
number_tree (Ns *ns)
{
  g_autofree guint8 *seen = g_new0 (guint8, MAX (ns->n, 1));
  guint counter = 0, s;

  for (s = 0; s < ns->n; s++)
    {
      guint sp = 0;

      if (seen[s])
        continue;
      seen[s] = 1;
      ns->par[s] = G_MAXUINT;
      ns->low[s] = counter;
      ns->next[s] = ns->inc_start[s];
      ns->sum[s] = 0;
      ns->stack[sp++] = s;
      while (sp > 0)
        {
          guint v = ns->stack[sp - 1];

          if (ns->next[v] < ns->inc_start[v + 1])
            {
              guint e = ns->inc[ns->next[v]++], w;

              if (!ns->tree[e])
                {
                  /* Out-degree minus in-degree, each edge once per end. */
                  ns->sum[v] += ns->from[e] == v ? 1 : -1;
                  continue;
                }
              w = other_end (ns, e, v);
              if (e == ns->par[v])
                {
                  ns->sum[v] += ns->from[e] == v ? 1 : -1;
                  continue;
                }
              g_assert (!seen[w]);
              ns->sum[v] += ns->from[e] == v ? 1 : -1;
              seen[w] = 1;
              ns->par[w] = e;
              ns->low[w] = counter;
              ns->next[w] = ns->inc_start[w];
              ns->sum[w] = 0;
              ns->stack[sp++] = w;
            }
          else
            {
              guint e = ns->par[v];

              ns->lim[v] = counter++;
              sp--;
              if (e != G_MAXUINT)
                {
                  guint p = other_end (ns, e, v);

                  /* Subtree v is the tail side when the edge leaves it. */
                  ns->cut[e] = ns->from[e] == v ? ns->sum[v] : -ns->sum[v];
                  ns->sum[p] += ns->sum[v];
                }
            }
        }
    }
  ns->work += ns->n + 2 * ns->m;
}

static inline gboolean
in_subtree (const Ns *ns,
            guint     c,
            guint     x)
{
  return ns->low[c] <= ns->lim[x] && ns->lim[x] <= ns->lim[c];
}

gboolean
_qs_layout_network_simplex (QsLayoutWork *work,
                            guint        *rank,
                            gint64        budget)
{
  Ns ns = { 0, };
  guint i, k, start = 0;
  gint min_rank = G_MAXINT;
  gboolean done = FALSE;

  ns.n = work->n_real;
  ns.m = work->n_edges;
  ns.from = work->e_from;
  ns.to = work->e_to;
  if (ns.n < 3 || ns.m < 2)
    return TRUE;

  ns.inc_start = g_new0 (guint, ns.n + 1);
  ns.inc = g_new (guint, 2 * ns.m);
  for (i = 0; i < ns.m; i++)
    {
      ns.inc_start[ns.from[i] + 1]++;
      ns.inc_start[ns.to[i] + 1]++;
    }
  for (i = 0; i < ns.n; i++)
    ns.inc_start[i + 1] += ns.inc_start[i];
  ns.next = g_new (guint, ns.n);
  memcpy (ns.next, ns.inc_start, sizeof (guint) * ns.n);
  for (i = 0; i < ns.m; i++)
    {
      ns.inc[ns.next[ns.from[i]]++] = i;
      ns.inc[ns.next[ns.to[i]]++] = i;
    }
  ns.rank = g_new (gint, ns.n);
  for (i = 0; i < ns.n; i++)
    ns.rank[i] = rank[i];
  ns.tree = g_new (gboolean, ns.m);
  ns.par = g_new (guint, ns.n);
  ns.low = g_new (guint, ns.n);
  ns.lim = g_new (guint, ns.n);
  ns.cut = g_new0 (gint64, ns.m);
  ns.sum = g_new (gint64, ns.n);
  ns.stack = g_new (guint, ns.n);

  if (!feasible_tree (&ns, budget))
    goto out;
  number_tree (&ns);

  while (ns.work < budget)
    {
      guint leave = G_MAXUINT, enter = G_MAXUINT, c, found = 0;
      gint64 most = 0;
      gint best_slack = G_MAXINT;
      gboolean s_is_tail;

      /* A tree edge with a negative cut value: the most negative among the
       * first few found, searching on from where the last search stopped
       * (dot's search size). */
      for (k = 0; k < ns.m && found < 30; k++)
        {
          guint e = (start + k) % ns.m;

          if (ns.tree[e] && ns.cut[e] < 0)
            {
              found++;
              if (ns.cut[e] < most)
                {
                  most = ns.cut[e];
                  leave = e;
                }
            }
        }
      ns.work += k;
      if (leave == G_MAXUINT)
        {
          done = TRUE;
          break;
        }
      start = (leave + 1) % ns.m;

      /* c is the end of the leaving edge below the other in the tree. */
      c = ns.par[ns.from[leave]] == leave ? ns.from[leave] : ns.to[leave];
      s_is_tail = c == ns.from[leave];
      /* The entering edge crosses the cut the other way: from the head side
       * to the tail side, with the least slack. */
      for (i = 0; i < ns.m; i++)
        {
          gboolean x_in, y_in;

          if (ns.tree[i])
            continue;
          x_in = in_subtree (&ns, c, ns.from[i]);
          y_in = in_subtree (&ns, c, ns.to[i]);
          if (x_in == y_in || y_in != s_is_tail)
            continue;
          if (slack (&ns, i) < best_slack)
            {
              best_slack = slack (&ns, i);
              enter = i;
            }
        }
      ns.work += ns.m;
      g_assert (enter != G_MAXUINT);

      /* Tighten the entering edge by moving the subtree below c. */
      if (best_slack > 0)
        {
          gint delta = s_is_tail ? -best_slack : best_slack;

          for (i = 0; i < ns.n; i++)
            if (in_subtree (&ns, c, i))
              ns.rank[i] += delta;
        }
      ns.tree[leave] = FALSE;
      ns.tree[enter] = TRUE;
      number_tree (&ns);
    }

out:
  for (i = 0; i < ns.n; i++)
    min_rank = MIN (min_rank, ns.rank[i]);
  for (i = 0; i < ns.n; i++)
    rank[i] = ns.rank[i] - min_rank;

  g_free (ns.inc_start);
  g_free (ns.inc);
  g_free (ns.next);
  g_free (ns.rank);
  g_free (ns.tree);
  g_free (ns.par);
  g_free (ns.low);
  g_free (ns.lim);
  g_free (ns.cut);
  g_free (ns.sum);
  g_free (ns.stack);
  return done;
}
