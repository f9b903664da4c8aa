/* qs-layout-group.c — boxes grouped by the module their layer names give, and collapsed
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A model of thousands of layers reads better as its modules: the names
 * exporters give (`bottleneck3_1/inner/dw1/conv`, `__module.model.layers.
 * 12.mlp/aten::linear/MatMul`) already say which module a layer came from.
 * qs_layout_groups_new() turns those names into a tree of groups (the rule
 * is in qs-layout.h), and qs_layout_graph_new_collapsed() makes a layout
 * graph where a collapsed group is one box with merged edges.  Grouping
 * works on the boxes of a folded graph, so a group's size counts what a
 * person sees, not the constants folded into it.
 */
#include "config.h"

#include <string.h>

#include "qs-layout-private.h"
#include "qs-model.h"

typedef struct
{
  char  *name;
  guint  label;        /* offset of the label in name */
  int    parent;
  guint  depth;
  guint  n_boxes;
  guint  first_box;
} Group;

struct _QsLayoutGroups
{
  gint    ref_count;
  GArray *groups;      /* Group */
  int    *box_group;   /* per box */
  guint   n_boxes;
  guint   max_depth;
};

/* Candidates while grouping. */
typedef struct
{
  guint    count;
  guint    first_box;
  guint    box;        /* a box whose name this starts */
  guint    cut;        /* ... at its cut number cut */
  gboolean kept;
  int      index;      /* group number when kept */
} Cand;

static gboolean
all_digits (const char *s,
            gsize       n)
{
  gsize i;

  if (n == 0)
    return FALSE;
  for (i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return FALSE;
  return TRUE;
}

/* The end offsets of the parts of @name, in order; the last is the
 * name's length (or where a trailing `/` starts). */
static void
name_cuts (const char *name,
           GArray     *ends)
{
  gsize len = strlen (name), i = 0;

  g_array_set_size (ends, 0);
  if (g_str_has_prefix (name, "__module."))
    {
      gsize stop = strcspn (name, "/");

      while (i < stop)
        {
          gsize end = i;

          while (end < stop && name[end] != '.')
            end++;
          if (end > i && ends->len > 0 && all_digits (name + i, end - i))
            g_array_index (ends, gsize, ends->len - 1) = end;   /* layers.3 */
          else if (end > i)
            g_array_append_val (ends, end);
          i = end + 1;
        }
      /* what follows names the op (`aten::linear/MatMul`), not a module */
      if (stop < len)
        g_array_append_val (ends, len);
      return;
    }
  while (i < len)
    {
      gsize end = i;

      while (end < len && name[end] != '/')
        end++;
      if (end > i)
        g_array_append_val (ends, end);
      i = end + 1;
    }
}

static const char *
box_name (const QsLayoutGraph *graph,
          guint                box)
{
  const QsNode *node = qs_layout_graph_get_qs_node (graph, box);

  return node != NULL && node->name != NULL ? node->name : "";
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *x = a, *y = b;

  if (x->first_box != y->first_box)
    return x->first_box < y->first_box ? -1 : 1;
  return strlen (x->name) < strlen (y->name) ? -1 : strlen (x->name) > strlen (y->name) ? 1 : 0;
}

/**
 * qs_layout_groups_new:
 * @graph: a graph built from a QsGraph
 *
 * Returns: (transfer full): the groups of @graph's boxes by name.
 */
QsLayoutGroups *
qs_layout_groups_new (const QsLayoutGraph *graph)
{
  QsLayoutGroups *groups;
  g_autoptr(GHashTable) cands = NULL;
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GPtrArray) kept = NULL;
  g_autofree char *buf = NULL;
  guint n, b, k, i;

  g_return_val_if_fail (graph != NULL, NULL);

  n = qs_layout_graph_get_n_nodes (graph);
  groups = g_new0 (QsLayoutGroups, 1);
  groups->ref_count = 1;
  groups->groups = g_array_new (FALSE, FALSE, sizeof (Group));
  groups->box_group = g_new (int, MAX (n, 1));
  groups->n_boxes = n;
  cands = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* every leading run of parts but the last */
  for (b = 0; b < n; b++)
    {
      const char *name = box_name (graph, b);

      groups->box_group[b] = -1;
      name_cuts (name, ends);
      for (k = 0; k + 1 < ends->len; k++)
        {
          g_autofree char *prefix = g_strndup (name, g_array_index (ends, gsize, k));
          if (!g_hash_table_contains (cands, prefix))
            {
              Cand *c = g_new0 (Cand, 1);
              c->first_box = G_MAXUINT;
              c->box = b;
              c->cut = k;
              c->index = -1;
              g_hash_table_insert (cands, g_steal_pointer (&prefix), c);
            }
        }
    }

  /* what each holds: the boxes whose names it starts, its own name too */
  for (b = 0; b < n; b++)
    {
      const char *name = box_name (graph, b);
      Cand *c;

      name_cuts (name, ends);
      for (k = 0; k + 1 < ends->len; k++)
        {
          g_autofree char *prefix = g_strndup (name, g_array_index (ends, gsize, k));
          c = g_hash_table_lookup (cands, prefix);
          c->count++;
          c->first_box = MIN (c->first_box, b);
        }
      if ((c = g_hash_table_lookup (cands, name)) != NULL)
        {
          c->count++;
          c->first_box = MIN (c->first_box, b);
        }
    }

  /* big enough, not everything */
  {
    GHashTableIter iter;
    Cand *c;

    g_hash_table_iter_init (&iter, cands);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &c))
      c->kept = c->count >= QS_LAYOUT_GROUP_MIN_BOXES && c->count < n;
  }

  /* a layer's own name with the pieces a transformation split off it
   * (`conv1`, `conv1/WithoutBiases`, `conv1/fq_input_0`) is one layer,
   * not a module */
  for (b = 0; b < n; b++)
    {
      Cand *c = g_hash_table_lookup (cands, box_name (graph, b));
      if (c != NULL)
        c->kept = FALSE;
    }

  /* a group holding exactly the boxes of a group inside it adds nothing */
  {
    GHashTableIter iter;
    Cand *c;

    g_hash_table_iter_init (&iter, cands);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &c))
      {
        const char *name = box_name (graph, c->box);

        if (!c->kept)
          continue;
        name_cuts (name, ends);
        for (k = 0; k < c->cut; k++)
          {
            g_autofree char *prefix = g_strndup (name, g_array_index (ends, gsize, k));
            Cand *a = g_hash_table_lookup (cands, prefix);
            if (a->count == c->count)
              a->kept = FALSE;
          }
      }
  }

  /* numbered by first box, a parent before its children */
  {
    GHashTableIter iter;
    const char *key;
    Cand *c;

    g_hash_table_iter_init (&iter, cands);
    while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &c))
      if (c->kept)
        {
          Group g = { g_strdup (key), 0, -1, 1, c->count, c->first_box };
          g_array_append_val (groups->groups, g);
        }
    g_array_sort (groups->groups, compare_groups);
    for (i = 0; i < groups->groups->len; i++)
      ((Cand *) g_hash_table_lookup (cands, g_array_index (groups->groups, Group, i).name))->index = i;
  }

  /* parents, depths, labels */
  for (i = 0; i < groups->groups->len; i++)
    {
      Group *g = &g_array_index (groups->groups, Group, i);
      Cand *c = g_hash_table_lookup (cands, g->name);
      const char *name = box_name (graph, c->box);

      name_cuts (name, ends);
      for (k = c->cut; k-- > 0;)
        {
          g_autofree char *prefix = g_strndup (name, g_array_index (ends, gsize, k));
          Cand *a = g_hash_table_lookup (cands, prefix);
          if (a->kept)
            {
              Group *p = &g_array_index (groups->groups, Group, a->index);
              g->parent = a->index;
              g->depth = p->depth + 1;
              g->label = strlen (p->name);
              break;
            }
        }
      while (g->name[g->label] == '/' || g->name[g->label] == '.')
        g->label++;
      if (g->name[g->label] == '\0')
        g->label = 0;
      groups->max_depth = MAX (groups->max_depth, g->depth);
    }

  /* each box's innermost group */
  for (b = 0; b < n; b++)
    {
      const char *name = box_name (graph, b);
      Cand *c = g_hash_table_lookup (cands, name);

      if (c != NULL && c->kept)
        {
          groups->box_group[b] = c->index;
          continue;
        }
      name_cuts (name, ends);
      for (k = ends->len > 0 ? ends->len - 1 : 0; k-- > 0;)
        {
          g_autofree char *prefix = g_strndup (name, g_array_index (ends, gsize, k));
          c = g_hash_table_lookup (cands, prefix);
          if (c->kept)
            {
              groups->box_group[b] = c->index;
              break;
            }
        }
    }
  return groups;
}

QsLayoutGroups *
qs_layout_groups_ref (QsLayoutGroups *groups)
{
  g_atomic_int_inc (&groups->ref_count);
  return groups;
}

void
qs_layout_groups_unref (QsLayoutGroups *groups)
{
  guint i;

  if (groups == NULL || !g_atomic_int_dec_and_test (&groups->ref_count))
    return;
  for (i = 0; i < groups->groups->len; i++)
    g_free (g_array_index (groups->groups, Group, i).name);
  g_array_unref (groups->groups);
  g_free (groups->box_group);
  g_free (groups);
}

guint
qs_layout_groups_get_n_groups (const QsLayoutGroups *groups)
{
  return groups->groups->len;
}

guint
qs_layout_groups_get_max_depth (const QsLayoutGroups *groups)
{
  return groups->max_depth;
}

static const Group *
get_group (const QsLayoutGroups *groups,
           guint                 group)
{
  g_return_val_if_fail (group < groups->groups->len, NULL);
  return &g_array_index (groups->groups, Group, group);
}

const char *
qs_layout_groups_get_name (const QsLayoutGroups *groups,
                           guint                 group)
{
  const Group *g = get_group (groups, group);

  return g != NULL ? g->name : NULL;
}

const char *
qs_layout_groups_get_label (const QsLayoutGroups *groups,
                            guint                 group)
{
  const Group *g = get_group (groups, group);

  return g != NULL ? g->name + g->label : NULL;
}

int
qs_layout_groups_get_parent (const QsLayoutGroups *groups,
                             guint                 group)
{
  const Group *g = get_group (groups, group);

  return g != NULL ? g->parent : -1;
}

guint
qs_layout_groups_get_depth (const QsLayoutGroups *groups,
                            guint                 group)
{
  const Group *g = get_group (groups, group);

  return g != NULL ? g->depth : 0;
}

guint
qs_layout_groups_get_n_boxes (const QsLayoutGroups *groups,
                              guint                 group)
{
  const Group *g = get_group (groups, group);

  return g != NULL ? g->n_boxes : 0;
}

int
qs_layout_groups_get_box_group (const QsLayoutGroups *groups,
                                guint                 box)
{
  g_return_val_if_fail (box < groups->n_boxes, -1);
  return groups->box_group[box];
}

gboolean
qs_layout_groups_is_inside (const QsLayoutGroups *groups,
                            guint                 group,
                            guint                 ancestor)
{
  int g = group;

  while (g >= 0)
    {
      if ((guint) g == ancestor)
        return TRUE;
      g = g_array_index (groups->groups, Group, g).parent;
    }
  return FALSE;
}

guint
qs_layout_groups_get_level (const QsLayoutGroups *groups,
                            guint                 group)
{
  guint level = 0;
  int g = group;

  g_return_val_if_fail (group < groups->groups->len, 0);
  for (; g >= 0; g = g_array_index (groups->groups, Group, g).parent)
    if (g_array_index (groups->groups, Group, g).n_boxes * 2 <= groups->n_boxes)
      level++;
  return level;
}

void
qs_layout_groups_collapse_level (const QsLayoutGroups *groups,
                                 guint                 level,
                                 gboolean             *collapsed)
{
  guint i;

  for (i = 0; i < groups->groups->len; i++)
    collapsed[i] = level > 0 && qs_layout_groups_get_level (groups, i) == level;
}

/* -- the collapsed graph -- */

static void
default_group_measure (const QsLayoutGroups *groups,
                       guint                 group,
                       guint                 n_boxes,
                       double               *width,
                       double               *height,
                       gpointer              user_data)
{
  *width = CLAMP (16 + 7.0 * strlen (qs_layout_groups_get_label (groups, group)), 120, 260);
  *height = 64;
}

/* A name a converter made up from the op's type: `Gather_123740`. */
static gboolean
auto_named (const QsNode *node)
{
  gsize n = strlen (node->type);

  return node->name != NULL && strncmp (node->name, node->type, n) == 0 && node->name[n] == '_' &&
         all_digits (node->name + n + 1, strlen (node->name + n + 1));
}

static void
free_members (gpointer data)
{
  if (data != NULL)
    g_array_unref (data);
}

/**
 * qs_layout_graph_new_collapsed:
 *
 * Returns: (transfer full): a new graph; it holds a reference on @groups.
 */
QsLayoutGraph *
qs_layout_graph_new_collapsed (QsLayoutGraph            *graph,
                               QsLayoutGroups           *groups,
                               const gboolean           *collapsed,
                               QsLayoutGroupMeasureFunc  measure,
                               gpointer                  user_data)
{
  QsLayoutGraph *lg;
  guint n, b, e, i, zero = 0;
  g_autofree guint *map = NULL;
  g_autofree int *box_of_group = NULL;
  g_autoptr(GPtrArray) members = NULL;   /* per new box: GArray of old boxes, or NULL */
  g_autoptr(GHashTable) merged = NULL;
  g_autofree guint *old_of = NULL;       /* per new box of a layer: its old box */
  g_autofree int *target = NULL;         /* per old box: the collapsed group it goes to, or -1 */
  g_autofree gboolean *absorbed = NULL;  /* per old box: goes into a group without being a layer of it */
  g_autoptr(GPtrArray) extras = NULL;    /* per new box: GArray of absorbed old boxes, or NULL */

  g_return_val_if_fail (graph != NULL && groups != NULL, NULL);
  n = qs_layout_graph_get_n_nodes (graph);
  g_return_val_if_fail (groups->n_boxes == n, NULL);
  if (measure == NULL)
    measure = default_group_measure;

  lg = qs_layout_graph_new ();
  lg->source = graph->source;
  lg->groups = qs_layout_groups_ref (groups);
  lg->box_group = g_array_new (FALSE, FALSE, sizeof (int));
  lg->n_members = g_array_new (FALSE, FALSE, sizeof (guint));
  map = g_new (guint, MAX (n, 1));
  old_of = g_new (guint, MAX (n, 1));
  box_of_group = g_new (int, MAX (groups->groups->len, 1));
  for (i = 0; i < groups->groups->len; i++)
    box_of_group[i] = -1;
  members = g_ptr_array_new_with_free_func (free_members);
  extras = g_ptr_array_new_with_free_func (free_members);

  /* which box each old box goes to: the outermost collapsed group around it */
  target = g_new (int, MAX (n, 1));
  absorbed = g_new0 (gboolean, MAX (n, 1));
  for (b = 0; b < n; b++)
    {
      int g = groups->box_group[b];

      target[b] = -1;
      for (; collapsed != NULL && g >= 0; g = g_array_index (groups->groups, Group, g).parent)
        if (collapsed[g])
          target[b] = g;
    }

  /* A constant-like box of no group (a float constant's Convert), or of
   * an open group around the one it feeds,
   * whose every consumer lies in one collapsed group
   * goes into it, not beside it: the group then stands as its layers did.
   * Repeated, so that a chain of them goes in from the group back. */
  if (graph->qs_nodes != NULL && collapsed != NULL)
    {
      g_autofree int *common = g_new (int, MAX (n, 1));
      g_autofree gboolean *live = g_new0 (gboolean, MAX (n, 1));
      gboolean changed = TRUE;

      /* of no group, only constant-like boxes, which no input reaches, or
       * ops a conversion named after their type (`ShapeOf_148018`): a layer
       * with a name of its own fed by the model's input (a normalization
       * before the first group) stays where it is; an op of a frame
       * (level 0) around the group it feeds (`__module.model/aten::slice`
       * feeding `layers.3` alone) is part of the module it feeds */
      for (b = 0; b < n; b++)
        {
          const QsNode *node = g_ptr_array_index (graph->qs_nodes, b);
          live[b] = qs_node_is_type (node, "Parameter") || qs_node_is_type (node, "ReadValue");
        }
      while (changed)
        {
          changed = FALSE;
          for (e = 0; e < qs_layout_graph_get_n_edges (graph); e++)
            {
              guint from, to;

              qs_layout_graph_get_edge (graph, e, &from, &to);
              if (live[from] && !live[to])
                live[to] = changed = TRUE;
            }
        }
      changed = TRUE;

      while (changed)
        {
          changed = FALSE;
          for (b = 0; b < n; b++)
            common[b] = -1;
          for (e = 0; e < qs_layout_graph_get_n_edges (graph); e++)
            {
              guint from, to;

              qs_layout_graph_get_edge (graph, e, &from, &to);
              if (target[to] < 0 || (common[from] >= 0 && common[from] != target[to]))
                common[from] = -2;
              else if (common[from] == -1)
                common[from] = target[to];
            }
          for (b = 0; b < n; b++)
            {
              const QsNode *node = g_ptr_array_index (graph->qs_nodes, b);

              /* of no group, or of one that holds the group it feeds */
              if (target[b] < 0 && common[b] >= 0 &&
                  ((groups->box_group[b] < 0 && (!live[b] || auto_named (node))) ||
                   (groups->box_group[b] >= 0 && qs_layout_groups_get_level (groups, groups->box_group[b]) == 0 &&
                    qs_layout_groups_is_inside (groups, common[b], groups->box_group[b]))) &&
                  !qs_node_is_type (node, "Parameter") && !qs_node_is_type (node, "ReadValue") &&
                  !qs_node_is_type (node, "Result"))
                {
                  target[b] = common[b];
                  absorbed[b] = TRUE;
                  changed = TRUE;
                }
            }
        }
    }

  for (b = 0; b < n; b++)
    {
      guint nb;

      if (absorbed[b])
        continue;
      if (target[b] >= 0 && box_of_group[target[b]] >= 0)
        {
          map[b] = box_of_group[target[b]];
          g_array_append_val (g_ptr_array_index (members, map[b]), b);
          continue;
        }
      if (target[b] >= 0)
        {
          double w, h;
          guint64 key = (guint64) G_MAXUINT32 + 1 + target[b];
          GArray *m = g_array_new (FALSE, FALSE, sizeof (guint));

          measure (groups, target[b], g_array_index (groups->groups, Group, target[b]).n_boxes, &w, &h, user_data);
          nb = qs_layout_graph_add_node (lg, w, h);
          qs_layout_graph_set_node_key (lg, nb, key);
          box_of_group[target[b]] = nb;
          g_array_append_val (m, b);
          g_ptr_array_add (members, m);
          g_ptr_array_add (extras, g_array_new (FALSE, FALSE, sizeof (guint)));
        }
      else
        {
          double w, h;

          qs_layout_graph_get_node_size (graph, b, &w, &h);
          nb = qs_layout_graph_add_node (lg, w, h);
          qs_layout_graph_set_node_key (lg, nb, qs_layout_graph_get_node_key (graph, b));
          g_ptr_array_add (members, NULL);
          g_ptr_array_add (extras, NULL);
          old_of[nb] = b;
        }
      g_array_append_val (lg->box_group, target[b]);
      map[b] = nb;
    }
  for (b = 0; b < n; b++)
    if (absorbed[b])
      {
        map[b] = box_of_group[target[b]];
        g_array_append_val (g_ptr_array_index (extras, map[b]), b);
      }

  /* the ops each box stands for */
  if (graph->qs_nodes != NULL)
    {
      lg->qs_nodes = g_ptr_array_new ();
      lg->folded_start = g_array_new (FALSE, FALSE, sizeof (guint));
      lg->folded = g_ptr_array_new ();
      lg->box_of = g_hash_table_new (NULL, NULL);
      g_array_append_val (lg->folded_start, zero);
      for (i = 0; i < qs_layout_graph_get_n_nodes (lg); i++)
        {
          GArray *m = g_ptr_array_index (members, i);
          guint n_layers = 0, k, f, nf;

          if (m == NULL)
            {
              /* a layer's box, as it was */
              b = old_of[i];
              g_ptr_array_add (lg->qs_nodes, g_ptr_array_index (graph->qs_nodes, b));
              {
                QsNode * const *folded = qs_layout_graph_get_folded (graph, b, &nf);
                for (f = 0; f < nf; f++)
                  g_ptr_array_add (lg->folded, folded[f]);
              }
            }
          else
            {
              g_ptr_array_add (lg->qs_nodes, g_ptr_array_index (graph->qs_nodes, g_array_index (m, guint, 0)));
              for (k = 0; k < m->len; k++)
                g_ptr_array_add (lg->folded, g_ptr_array_index (graph->qs_nodes, g_array_index (m, guint, k)));
              n_layers = m->len;
              {
                GArray *x = g_ptr_array_index (extras, i);
                g_autoptr(GArray) all = g_array_copy (m);

                g_array_append_vals (all, x->data, x->len);
                for (k = 0; k < x->len; k++)
                  g_ptr_array_add (lg->folded, g_ptr_array_index (graph->qs_nodes, g_array_index (x, guint, k)));
                for (k = 0; k < all->len; k++)
                  {
                    QsNode * const *folded = qs_layout_graph_get_folded (graph, g_array_index (all, guint, k), &nf);
                    for (f = 0; f < nf; f++)
                      g_ptr_array_add (lg->folded, folded[f]);
                  }
              }
            }
          g_array_append_val (lg->n_members, n_layers);
          k = lg->folded->len;
          g_array_append_val (lg->folded_start, k);
        }
      for (b = 0; b < n; b++)
        {
          QsNode * const *folded;
          guint nf, f;

          g_hash_table_insert (lg->box_of, g_ptr_array_index (graph->qs_nodes, b), GUINT_TO_POINTER (map[b] + 1));
          folded = qs_layout_graph_get_folded (graph, b, &nf);
          for (f = 0; f < nf; f++)
            g_hash_table_insert (lg->box_of, folded[f], GUINT_TO_POINTER (map[b] + 1));
        }
    }
  else
    {
      guint none = 0;
      for (i = 0; i < qs_layout_graph_get_n_nodes (lg); i++)
        {
          GArray *m = g_ptr_array_index (members, i);
          guint c = m != NULL ? m->len : none;
          g_array_append_val (lg->n_members, c);
        }
    }

  /* edges: inside a group they vanish, into and out of one they merge */
  merged = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (graph->out_ports != NULL)
    {
      lg->out_ports = g_ptr_array_new ();
      lg->in_ports = g_ptr_array_new ();
    }
  for (e = 0; e < qs_layout_graph_get_n_edges (graph); e++)
    {
      guint from, to, f, t;

      qs_layout_graph_get_edge (graph, e, &from, &to);
      f = map[from];
      t = map[to];
      if (f == t)
        continue;
      if (g_array_index (lg->box_group, int, f) >= 0 || g_array_index (lg->box_group, int, t) >= 0)
        {
          gint64 key = ((gint64) f << 32) | t;

          if (g_hash_table_contains (merged, &key))
            continue;
          g_hash_table_add (merged, g_memdup2 (&key, sizeof key));
        }
      qs_layout_graph_add_edge (lg, f, t);
      if (lg->out_ports != NULL)
        {
          g_ptr_array_add (lg->out_ports, g_ptr_array_index (graph->out_ports, e));
          g_ptr_array_add (lg->in_ports, g_ptr_array_index (graph->in_ports, e));
        }
    }
  return lg;
}

int
qs_layout_graph_get_group (const QsLayoutGraph *graph,
                           guint                box,
                           guint               *n_layers)
{
  if (n_layers != NULL)
    *n_layers = 0;
  g_return_val_if_fail (box < qs_layout_graph_get_n_nodes (graph), -1);
  if (graph->box_group == NULL)
    return -1;
  if (n_layers != NULL)
    *n_layers = g_array_index (graph->n_members, guint, box);
  return g_array_index (graph->box_group, int, box);
}

QsLayoutGroups *
qs_layout_graph_get_groups (const QsLayoutGraph *graph)
{
  return graph->groups;
}
