/* qs-compare.c — one network as two IRs: the FP32 model against its INT8 export
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "qs-compare.h"
#include "qs-analysis-private.h"
#include "qs-exec.h"
#include "qs-weights.h"

#define SQNR_CAP 150.0

const char *
qs_match_way_name (QsMatchWay way)
{
  static const char *const names[] = { "name", "tensor name", "rt_info", "structure" };

  return way < QS_MATCH_N_WAYS ? names[way] : "?";
}

void
qs_compare_options_init (QsCompareOptions *o)
{
  memset (o, 0, sizeof *o);
  o->test_mode = QS_EXEC_MODE_FAKE_QUANT;
  o->jump_db = 6.0;
  o->floor_db = 20.0;
}

QsCompareResult *
qs_compare_result_ref (QsCompareResult *r)
{
  g_atomic_int_inc (&r->ref_count);
  return r;
}

void
qs_compare_result_unref (QsCompareResult *r)
{
  if (r == NULL || !g_atomic_int_dec_and_test (&r->ref_count))
    return;
  g_free (r->pairs);
  g_ptr_array_unref (r->unmatched_reference);
  g_ptr_array_unref (r->unmatched_test);
  g_ptr_array_unref (r->warnings);
  if (r->inputs != NULL)
    json_node_unref (r->inputs);
  g_free (r->reference_sha256);
  g_free (r->test_sha256);
  qs_model_unref (r->reference);
  qs_model_unref (r->test);
  g_free (r);
}

/* ---- matching ---- */

typedef struct
{
  const QsGraph *graph;
  gboolean      *constant;
  gboolean      *part;        /* takes part in the matching */
  int           *partner;     /* node index on the other side, -1 */
} Side;

/* Nodes that only pass values on: a FakeQuantize, a Convert of an activation. */
static gboolean
passes_through (const Side   *s,
                const QsNode *node)
{
  return !s->constant[node->index] && (qs_node_is_type (node, "FakeQuantize") || qs_node_is_type (node, "Convert"));
}

static void
side_init (Side          *s,
           const QsGraph *graph)
{
  guint i;

  s->graph = graph;
  s->constant = qs_graph_constant_nodes (graph);
  s->part = g_new0 (gboolean, MAX (graph->n_nodes, 1));
  s->partner = g_new (int, MAX (graph->n_nodes, 1));
  for (i = 0; i < graph->n_nodes; i++)
    {
      const QsNode *node = graph->nodes[i];

      s->partner[i] = -1;
      s->part[i] = !s->constant[i] && !passes_through (s, node);
    }
}

static void
side_clear (Side *s)
{
  g_free (s->constant);
  g_free (s->part);
  g_free (s->partner);
}

/* The producer of @node's input @input, past FakeQuantize and Convert. */
static const QsNode *
producer (const Side   *s,
          const QsNode *node,
          guint         input)
{
  const QsNode *src = qs_node_input_node (node, input);
  guint steps = 0;

  while (src != NULL && passes_through (s, src) && steps++ < 64)
    src = qs_node_input_node (src, 0);
  return src;
}

/* The data (non-constant) producers of @node, in input order. */
static guint
data_producers (const Side     *s,
                const QsNode   *node,
                const QsNode  **out,
                guint           max)
{
  guint i, n = 0;

  for (i = 0; i < node->n_inputs && n < max; i++)
    {
      const QsNode *src = qs_node_input_node (node, i);

      if (src == NULL || s->constant[src->index])
        continue;
      out[n++] = producer (s, node, i);
    }
  return n;
}

static void
consumers (const Side   *s,
           const QsNode *node,
           GPtrArray    *out,
           guint         depth)
{
  guint o, c;

  for (o = 0; o < node->n_outputs; o++)
    for (c = 0; c < node->outputs[o].n_consumers; c++)
      {
        const QsNode *next = node->outputs[o].consumers[c]->node;

        if (passes_through (s, next) && depth < 64)
          consumers (s, next, out, depth + 1);
        else if (s->part[next->index] && !g_ptr_array_find (out, next, NULL))
          g_ptr_array_add (out, (gpointer) next);
      }
}

static gboolean
same_output_shape (const QsNode *a,
                   const QsNode *b)
{
  const QsShape *x, *y;

  if (a->n_outputs == 0 || b->n_outputs == 0)
    return a->n_outputs == b->n_outputs;
  x = &a->outputs[0].shape;
  y = &b->outputs[0].shape;
  return x->rank == y->rank && (x->rank <= 0 || memcmp (x->dims, y->dims, sizeof (gint64) * x->rank) == 0);
}

static void
pair (Side       *ref,
      Side       *test,
      GArray     *pairs,
      const QsNode *a,
      const QsNode *b,
      QsMatchWay  way)
{
  QsComparePair p = { 0 };

  ref->partner[a->index] = (int) b->index;
  test->partner[b->index] = (int) a->index;
  p.reference = a;
  p.test = b;
  p.way = way;
  g_array_append_val (pairs, p);
}

/* Output tensor names: names="a,b" with commas inside a name escaped as "\,". */
static GPtrArray *
tensor_names (const QsNode *node)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  guint o;

  for (o = 0; o < node->n_outputs; o++)
    {
      const char *t = node->outputs[o].names;
      GString *cur = g_string_new (NULL);

      for (; t != NULL && *t; t++)
        {
          if (t[0] == '\\' && t[1] == ',')
            {
              g_string_append_c (cur, ',');
              t++;
            }
          else if (*t == ',')
            {
              if (cur->len > 0)
                g_ptr_array_add (names, g_strdup (cur->str));
              g_string_truncate (cur, 0);
            }
          else
            g_string_append_c (cur, *t);
        }
      if (cur->len > 0)
        g_ptr_array_add (names, g_strdup (cur->str));
      g_string_free (cur, TRUE);
    }
  return names;
}

static char *
xml_unescape (const char *text,
              gsize       length)
{
  GString *s = g_string_sized_new (length);
  static const struct { const char *entity; char c; } entities[] = {
    { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&apos;", '\'' },
  };
  gsize i;
  guint e;

  for (i = 0; i < length; i++)
    {
      gboolean done = FALSE;

      if (text[i] == '&')
        for (e = 0; e < G_N_ELEMENTS (entities) && !done; e++)
          if (strncmp (text + i, entities[e].entity, strlen (entities[e].entity)) == 0 &&
              i + strlen (entities[e].entity) <= length)
            {
              g_string_append_c (s, entities[e].c);
              i += strlen (entities[e].entity) - 1;
              done = TRUE;
            }
      if (!done)
        g_string_append_c (s, text[i]);
    }
  return g_string_free (s, FALSE);
}

/* The names in the node's rt_info "fused_names" attribute (any version). */
static GPtrArray *
fused_names (const QsNode *node)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *at = node->rt_info;

  while (at != NULL && (at = strstr (at, "<attribute")) != NULL)
    {
      const char *end = strchr (at, '>');
      const char *name, *value;

      if (end == NULL)
        break;
      name = g_strstr_len (at, end - at, "name=\"fused_names");
      value = g_strstr_len (at, end - at, " value=\"");
      if (name != NULL && value != NULL)
        {
          const char *v = value + strlen (" value=\"");
          const char *close = memchr (v, '"', end - v);

          if (close != NULL)
            {
              g_autofree char *text = xml_unescape (v, close - v);
              g_auto(GStrv) parts = g_strsplit (text, ",", -1);
              guint i;

              for (i = 0; parts[i] != NULL; i++)
                if (parts[i][0] != '\0')
                  g_ptr_array_add (names, g_strdup (parts[i]));
            }
        }
      at = end;
    }
  return names;
}

/* A layer's own name and its fused names: either side may list the other's. */
static GPtrArray *
name_and_fused (const QsNode *node)
{
  GPtrArray *names = fused_names (node);

  g_ptr_array_add (names, g_strdup (node->name));
  return names;
}

/* A table name → reference node; a name two nodes claim maps to none. */
static void
claim (GHashTable   *table,
       const char   *name,
       const QsNode *node)
{
  gpointer old;

  if (g_hash_table_lookup_extended (table, name, NULL, &old))
    {
      if (old != node)
        g_hash_table_replace (table, g_strdup (name), NULL);
      return;
    }
  g_hash_table_insert (table, g_strdup (name), (gpointer) node);
}

typedef GPtrArray *(*NamesFunc) (const QsNode *node);

static GPtrArray *
own_name (const QsNode *node)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (names, g_strdup (node->name));
  return names;
}

/* Matches unmatched nodes whose names (by @names) lead to exactly one
 * unmatched reference node of the same type. */
static void
match_by (Side       *ref,
          Side       *test,
          GArray     *pairs,
          NamesFunc   names_of,
          QsMatchWay  way)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint i, j;

  for (i = 0; i < ref->graph->n_nodes; i++)
    {
      const QsNode *a = ref->graph->nodes[i];
      g_autoptr(GPtrArray) names = NULL;

      if (!ref->part[i] || ref->partner[i] >= 0)
        continue;
      names = names_of (a);
      for (j = 0; j < names->len; j++)
        claim (table, names->pdata[j], a);
    }
  for (i = 0; i < test->graph->n_nodes; i++)
    {
      const QsNode *b = test->graph->nodes[i], *found = NULL;
      g_autoptr(GPtrArray) names = NULL;
      gboolean clash = FALSE;

      if (!test->part[i] || test->partner[i] >= 0)
        continue;
      names = names_of (b);
      for (j = 0; j < names->len && !clash; j++)
        {
          const QsNode *a = g_hash_table_lookup (table, names->pdata[j]);

          if (a == NULL || ref->partner[a->index] >= 0 || strcmp (a->type, b->type) != 0)
            continue;
          if (found != NULL && found != a)
            clash = TRUE;
          found = a;
        }
      if (found != NULL && !clash)
        pair (ref, test, pairs, found, b, way);
    }
}

/* For what remains: a test node whose data producers are all matched
 * takes the one unmatched reference node of its type and output shape
 * that the partners of those producers feed in the same order. */
static void
match_structure (Side   *ref,
                 Side   *test,
                 GArray *pairs)
{
  gboolean changed = TRUE;
  guint k, i, round = 0;

  while (changed && round++ < 64)
    {
      changed = FALSE;
      for (k = 0; k < test->graph->n_nodes; k++)
        {
          const QsNode *b = test->graph->topo[k];
          const QsNode *pb[16], *pa[16], *found = NULL;
          g_autoptr(GPtrArray) candidates = NULL;
          guint n, m, c;
          gboolean ready = TRUE, clash = FALSE;

          if (!test->part[b->index] || test->partner[b->index] >= 0)
            continue;
          n = data_producers (test, b, pb, G_N_ELEMENTS (pb));
          candidates = g_ptr_array_new ();
          if (n == 0)
            {
              /* a model input: the reference's inputs of its shape */
              for (i = 0; i < ref->graph->n_parameters; i++)
                if (qs_node_is_type (b, "Parameter"))
                  g_ptr_array_add (candidates, ref->graph->parameters[i]);
            }
          else
            {
              for (i = 0; i < n && ready; i++)
                ready = pb[i] != NULL && test->partner[pb[i]->index] >= 0;
              if (!ready)
                continue;
              consumers (ref, ref->graph->nodes[test->partner[pb[0]->index]], candidates, 0);
            }
          for (c = 0; c < candidates->len && !clash; c++)
            {
              const QsNode *a = candidates->pdata[c];
              gboolean same = TRUE;

              if (ref->partner[a->index] >= 0 || strcmp (a->type, b->type) != 0 || !same_output_shape (a, b))
                continue;
              m = data_producers (ref, a, pa, G_N_ELEMENTS (pa));
              same = m == n;
              for (i = 0; same && i < n; i++)
                same = pa[i] != NULL && (int) pa[i]->index == test->partner[pb[i]->index];
              if (!same)
                continue;
              if (found != NULL)
                clash = TRUE;
              found = a;
            }
          if (found != NULL && !clash)
            {
              pair (ref, test, pairs, found, b, QS_MATCH_STRUCTURE);
              changed = TRUE;
            }
        }
    }
}

/* The values of a constant input, or NULL: weights through their
 * decompression, else a Const behind Converts. */
static float *
constant_values (const Side   *s,
                 const QsNode *node,
                 guint         input,
                 guint64      *n)
{
  guint weights = 0;
  const QsNode *src = qs_node_input_node (node, input);

  if (src == NULL || !s->constant[src->index])
    return NULL;
  if (qs_node_is_weighted (node, &weights) && weights == input)
    return qs_weights_to_f32 (node, input, n, NULL);
  src = qs_node_skip_convert (src);
  if (src == NULL || !qs_node_is_type (src, "Const") || src->konst == NULL)
    return NULL;
  *n = src->konst->n_elements;
  return qs_const_to_f32 (src, NULL);
}

static void
compare_constants (const Side    *ref,
                   const Side    *test,
                   QsComparePair *p)
{
  guint i;

  p->const_input = -1;
  p->const_sqnr_db = NAN;
  for (i = 0; i < p->reference->n_inputs && i < p->test->n_inputs; i++)
    {
      guint64 na = 0, nb = 0;
      g_autofree float *a = constant_values (ref, p->reference, i, &na);
      g_autofree float *b = NULL;
      QsErrorSums sums = { 0 };
      QsTensorError e;
      QsTensor ta, tb;
      gint64 dim;

      if (a == NULL)
        continue;
      b = constant_values (test, p->test, i, &nb);
      if (b == NULL || na != nb || na == 0)
        continue;
      dim = (gint64) na;
      qs_tensor_init_borrowed (&ta, QS_ELEMENT_F32, 1, &dim, a);
      qs_tensor_init_borrowed (&tb, QS_ELEMENT_F32, 1, &dim, b);
      if (!qs_error_sums_add (&sums, &ta, &tb))
        continue;
      qs_tensor_error_from_sums (&sums, &e);
      if (p->const_input < 0 || e.sqnr_db < p->const_sqnr_db)
        {
          p->const_input = (int) i;
          p->const_sqnr_db = e.sqnr_db;
        }
    }
}

static int
compare_pairs_by_order (gconstpointer x,
                        gconstpointer y,
                        gpointer      position)
{
  const QsComparePair *a = x, *b = y;
  const guint *pos = position;

  return (int) pos[a->reference->index] - (int) pos[b->reference->index];
}

static QsCompareResult *
match (QsModel *reference,
       QsModel *test,
       Side    *ref,
       Side    *tst)
{
  QsCompareResult *r = g_new0 (QsCompareResult, 1);
  g_autoptr(GArray) pairs = g_array_new (FALSE, TRUE, sizeof (QsComparePair));
  g_autofree guint *position = NULL;
  const QsGraph *ga = reference->graph, *gb = test->graph;
  guint i;

  r->ref_count = 1;
  r->reference = qs_model_ref (reference);
  r->test = qs_model_ref (test);
  r->reference_sha256 = qs_model_xml_sha256 (reference);
  r->test_sha256 = qs_model_xml_sha256 (test);
  r->test_mode = QS_EXEC_MODE_FAKE_QUANT;
  r->first_jump = -1;
  r->warnings = g_ptr_array_new_with_free_func (g_free);
  r->unmatched_reference = g_ptr_array_new ();
  r->unmatched_test = g_ptr_array_new ();

  side_init (ref, ga);
  side_init (tst, gb);
  match_by (ref, tst, pairs, own_name, QS_MATCH_NAME);
  match_by (ref, tst, pairs, tensor_names, QS_MATCH_TENSOR_NAME);
  match_by (ref, tst, pairs, name_and_fused, QS_MATCH_RT_INFO);
  match_structure (ref, tst, pairs);

  position = g_new0 (guint, MAX (ga->n_nodes, 1));
  for (i = 0; i < ga->n_nodes; i++)
    position[ga->topo[i]->index] = i;
  g_array_sort_with_data (pairs, compare_pairs_by_order, position);
  r->n_pairs = pairs->len;
  r->pairs = (QsComparePair *) g_array_free (g_steal_pointer (&pairs), FALSE);
  for (i = 0; i < r->n_pairs; i++)
    {
      QsComparePair *p = &r->pairs[i];

      r->by_way[p->way]++;
      compare_constants (ref, tst, p);
      p->jump_db = NAN;
      p->worst_sqnr_db = NAN;
    }
  for (i = 0; i < ga->n_nodes; i++)
    if (ref->part[ga->topo[i]->index] && ref->partner[ga->topo[i]->index] < 0)
      g_ptr_array_add (r->unmatched_reference, ga->topo[i]);
  for (i = 0; i < gb->n_nodes; i++)
    if (tst->part[gb->topo[i]->index] && tst->partner[gb->topo[i]->index] < 0)
      g_ptr_array_add (r->unmatched_test, gb->topo[i]);
  return r;
}

QsCompareResult *
qs_compare_match (QsModel *reference,
                  QsModel *test)
{
  Side ref = { 0 }, tst = { 0 };
  QsCompareResult *r;

  g_return_val_if_fail (reference != NULL && test != NULL, NULL);
  r = match (reference, test, &ref, &tst);
  side_clear (&ref);
  side_clear (&tst);
  return r;
}

/* ---- the runs ---- */

typedef struct
{
  QsCompareResult        *r;
  QsExec                 *exec_a;
  QsExec                 *exec_b;
  int                    *pair_of_test;   /* by index of a node the test plan runs: pair index, -1 */
  guint                  *input_of_test;  /* by test parameter: the reference parameter it takes, or NULL */
  QsErrorSums            *sample_sums;    /* n_pairs, of the current sample */
  QsCompareOptions        opts;
  GCancellable           *cancellable;
  gint64                  start;
  guint                   sample, n_samples;
} Runner;

static void
report (Runner     *run,
        const char *pass,
        guint       layer,
        guint       n_layers)
{
  QsAnalysisProgress p = { 0 };
  double done;

  if (run->opts.progress == NULL)
    return;
  p.sample = run->sample;
  p.n_samples = run->n_samples;
  p.layer = layer;
  p.n_layers = n_layers;
  p.pass = pass;
  p.skipped = run->r->n_skipped;
  p.elapsed = (g_get_monotonic_time () - run->start) / 1e6;
  /* each sample: the reference run, then the test run, half the time each */
  done = (run->sample + (strcmp (pass, "reference") == 0 ? 0 : 0.5) + 0.5 * layer / MAX (n_layers, 1)) /
         MAX (run->n_samples, 1);
  p.fraction = CLAMP (done, 0, 1);
  p.eta = done > 0 ? p.elapsed * (1 - done) / done : -1;
  run->opts.progress (&p, run->opts.progress_data);
}

/* Whether output 0 of @node, made from @origin by the transformation, is
 * @origin's output 0: the layer's own copy, or a view of a single-output
 * layer, or one that carries output 0's tensor names. */
static gboolean
gives_output_0 (const QsNode *node,
                const QsNode *origin)
{
  if (node->n_outputs == 0 && origin->n_outputs > 0)
    return FALSE;
  if (node->n_outputs == origin->n_outputs && g_strcmp0 (node->type, origin->type) == 0)
    return TRUE;
  if (origin->n_outputs == 1)
    return TRUE;
  return origin->outputs[0].names != NULL && origin->outputs[0].names[0] != '\0' &&
         g_strcmp0 (node->outputs[0].names, origin->outputs[0].names) == 0;
}

/* A Result gives the value it receives */
static gboolean
gives_float (const QsNode *node)
{
  const QsPort *port = node->n_outputs > 0 ? &node->outputs[0] : node->n_inputs > 0 ? &node->inputs[0] : NULL;

  return port != NULL && qs_element_type_traits (port->element_type)->is_float;
}

/* By index of a node of the test plan's graph: the pair whose test layer's
 * output it gives, or -1.  In int8 mode the plan runs the transformed graph,
 * where an original layer may have two views (qs-lpt-emit.c): its float
 * value (a Dequantize, or its own copy on floats) is taken over its codes,
 * which are dequantized as they are read. */
static int *
pairs_in_plan (const QsCompareResult *r,
               const QsExec          *plan)
{
  const QsGraph *graph = qs_exec_get_model ((QsExec *) plan)->graph;
  const QsGraph *test = r->test->graph;
  g_autofree int *view = g_new (int, MAX (r->n_pairs, 1));
  g_autofree int *pair_of = g_new (int, MAX (test->n_nodes, 1));
  int *out = g_new (int, MAX (graph->n_nodes, 1));
  guint i, p;

  for (i = 0; i < graph->n_nodes; i++)
    out[i] = -1;
  if (graph == test)
    {
      for (p = 0; p < r->n_pairs; p++)
        out[r->pairs[p].test->index] = (int) p;
      return out;
    }
  for (i = 0; i < test->n_nodes; i++)
    pair_of[i] = -1;
  for (p = 0; p < r->n_pairs; p++)
    {
      pair_of[r->pairs[p].test->index] = (int) p;
      view[p] = -1;
    }
  for (i = 0; i < graph->n_nodes; i++)
    {
      const QsNode *node = graph->nodes[i], *origin = node->origin;

      if (origin == NULL || origin->graph != test || pair_of[origin->index] < 0 ||
          qs_node_is_type (node, "Const") || !gives_output_0 (node, origin))
        continue;
      p = pair_of[origin->index];
      if (view[p] < 0 || (gives_float (node) && !gives_float (graph->nodes[view[p]])))
        view[p] = (int) i;
    }
  for (p = 0; p < r->n_pairs; p++)
    if (view[p] >= 0)
      out[graph->nodes[view[p]]->index] = (int) p;
  return out;
}

/* By test parameter: the reference parameter matched with it, when every
 * one is matched to one of the same element type and static shape. */
static guint *
same_inputs (const QsCompareResult *r,
             const Side            *ref,
             const Side            *tst)
{
  const QsGraph *ga = r->reference->graph, *gb = r->test->graph;
  g_autofree guint *map = g_new0 (guint, MAX (gb->n_parameters, 1));
  guint i, j;

  if (ga->n_parameters != gb->n_parameters)
    return NULL;
  for (i = 0; i < gb->n_parameters; i++)
    {
      const QsNode *b = gb->parameters[i];
      int partner = tst->partner[b->index];
      const QsPort *pb = &b->outputs[0], *pa;

      if (partner < 0)
        return NULL;
      for (j = 0; j < ga->n_parameters && (int) ga->parameters[j]->index != partner; j++)
        ;
      if (j == ga->n_parameters)
        return NULL;
      pa = &ga->parameters[j]->outputs[0];
      if (pa->element_type != pb->element_type || pa->shape.rank != pb->shape.rank || pa->shape.rank < 0 ||
          memcmp (pa->shape.dims, pb->shape.dims, sizeof (gint64) * pa->shape.rank) != 0)
        return NULL;
      map[i] = j;
    }
  return g_steal_pointer (&map);
}

/* Whether the int8 plan holds @original_output as codes of @y's type (an
 * integer tensor that is not codes, ShapeOf's say, is compared as it is). */
static gboolean
is_codes (const QsExec   *int8,
          const QsPort   *original_output,
          const QsTensor *y)
{
  const QsLptResult *lpt = qs_exec_get_lpt_result (int8);
  QsLptQuant quant;

  return lpt != NULL && qs_lpt_result_get_quant (lpt, original_output, &quant) && quant.type == y->type;
}

static gboolean
run_sample (Runner     *run,
            QsDataset  *data_a,
            QsDataset  *data_b,
            GError    **error)
{
  QsCompareResult *r = run->r;
  g_autoptr(QsRun) a = NULL;
  g_autoptr(QsRun) b = NULL;
  QsTensor **in_a = NULL, **in_b = NULL;
  gboolean ok = FALSE;
  guint i, n_a = r->reference->graph->n_parameters, n_b = r->test->graph->n_parameters, n_plan = 0;

  memset (run->sample_sums, 0, sizeof (QsErrorSums) * MAX (r->n_pairs, 1));
  in_a = qs_dataset_load_sample (data_a, run->sample, error);
  if (in_a == NULL)
    return FALSE;
  if (run->input_of_test != NULL)
    {
      /* the very tensors the reference got */
      in_b = g_new0 (QsTensor *, MAX (n_b, 1));
      for (i = 0; i < n_b; i++)
        in_b[i] = qs_tensor_ref (in_a[run->input_of_test[i]]);
    }
  else
    in_b = qs_dataset_load_sample (data_b, run->sample, error);
  if (in_b == NULL)
    goto out;
  a = qs_run_new (run->exec_a, in_a, error);
  if (a == NULL)
    goto out;
  while (!qs_run_is_done (a))
    {
      if (!qs_run_step (a, run->cancellable, error))
        goto out;
      if (qs_run_get_position (a) % 16 == 0)
        report (run, "reference", qs_run_get_position (a), r->reference->graph->n_nodes);
    }
  b = qs_run_new (run->exec_b, in_b, error);
  if (b == NULL)
    goto out;
  qs_exec_get_order (run->exec_b, &n_plan);
  while (!qs_run_is_done (b))
    {
      const QsNode *last;
      int p;

      if (!qs_run_step (b, run->cancellable, error))
        goto out;
      if (qs_run_get_position (b) % 16 == 0)
        report (run, "test", qs_run_get_position (b), n_plan);
      last = qs_run_get_last_node (b);
      p = last != NULL ? run->pair_of_test[last->index] : -1;
      if (p >= 0)
        {
          QsComparePair *pp = &r->pairs[p];
          /* a Result holds the value it receives */
          QsTensor *x = qs_run_get_output (a, pp->reference, 0);
          QsTensor *y = qs_run_get_output (b, last, 0);
          g_autoptr(QsTensor) real = NULL;

          if (x == NULL || y == NULL)
            continue;
          if (last->graph != r->test->graph && !qs_element_type_traits (y->type)->is_float &&
              is_codes (run->exec_b, &pp->test->outputs[0], y))
            {
              /* the int8 run holds this layer's output as codes only */
              real = qs_exec_int8_dequantize (run->exec_b, &pp->test->outputs[0], y, error);
              if (real == NULL)
                goto out;
              y = real;
            }
          if (!qs_element_type_traits (x->type)->is_float || !qs_element_type_traits (y->type)->is_float)
            pp->skip_reason = "not float";
          else if (x->n_elements != y->n_elements)
            pp->skip_reason = "outputs of different sizes";
          else
            qs_error_sums_add (&run->sample_sums[p], x, y);
        }
    }
  ok = TRUE;

out:
  for (i = 0; in_a != NULL && i < n_a; i++)
    qs_tensor_unref (in_a[i]);
  for (i = 0; in_b != NULL && i < n_b; i++)
    qs_tensor_unref (in_b[i]);
  g_free (in_a);
  g_free (in_b);
  return ok;
}

static void
commit_sample (Runner *run)
{
  QsCompareResult *r = run->r;
  guint p;

  for (p = 0; p < r->n_pairs; p++)
    {
      QsComparePair *pp = &r->pairs[p];
      QsTensorError e;

      if (run->sample_sums[p].n == 0)
        continue;
      qs_tensor_error_from_sums (&run->sample_sums[p], &e);
      if (isnan (pp->worst_sqnr_db) || e.sqnr_db < pp->worst_sqnr_db)
        {
          pp->worst_sqnr_db = e.sqnr_db;
          pp->worst_sample = run->sample;
        }
      qs_error_sums_merge (&pp->sums, &run->sample_sums[p]);
    }
}

static double
pair_sqnr (const QsComparePair *p)
{
  QsTensorError e;

  if (!p->compared)
    return NAN;
  qs_tensor_error_from_sums (&p->sums, &e);
  return MIN (e.sqnr_db, SQNR_CAP);
}

/* The SQNR each pair loses against the best of its matched inputs. */
static void
find_jumps (QsCompareResult *r,
            Side            *ref)
{
  g_autofree int *pair_of = g_new (int, MAX (r->reference->graph->n_nodes, 1));
  guint p, i;

  for (i = 0; i < r->reference->graph->n_nodes; i++)
    pair_of[i] = -1;
  for (p = 0; p < r->n_pairs; p++)
    pair_of[r->pairs[p].reference->index] = (int) p;
  for (p = 0; p < r->n_pairs; p++)
    {
      QsComparePair *pp = &r->pairs[p];
      const QsNode *in[16];
      double own = pair_sqnr (pp), best = -INFINITY;
      guint n;

      if (isnan (own) || !qs_node_output_is_comparable (pp->reference) ||
          (qs_node_is_type (pp->reference, "Result") && qs_node_input_node (pp->reference, 0) != NULL &&
           !qs_node_output_is_comparable (qs_node_input_node (pp->reference, 0))))
        continue;
      n = data_producers (ref, pp->reference, in, G_N_ELEMENTS (in));
      for (i = 0; i < n; i++)
        if (in[i] != NULL && pair_of[in[i]->index] >= 0)
          {
            double v = pair_sqnr (&r->pairs[pair_of[in[i]->index]]);
            if (!isnan (v))
              best = MAX (best, v);
          }
      if (isinf (best) && best < 0)
        continue;
      pp->jump_db = best - own;
      if (r->first_jump < 0 && pp->jump_db >= r->jump_threshold_db && own < r->floor_db && best >= r->floor_db)
        r->first_jump = (int) p;
    }
}

QsCompareResult *
qs_compare_run (QsModel                *reference,
                QsModel                *test,
                QsDataset              *data_a,
                QsDataset              *data_b,
                const QsCompareOptions *options,
                GCancellable           *cancellable,
                GError                **error)
{
  Side ref = { 0 }, tst = { 0 };
  Runner run = { 0 };
  g_autoptr(GError) first_error = NULL;
  QsCompareResult *r;
  gboolean ok = FALSE;
  guint p;

  g_return_val_if_fail (reference != NULL && test != NULL && data_a != NULL && data_b != NULL, NULL);
  if (!qs_dataset_finish (data_a, error) || !qs_dataset_finish (data_b, error))
    return NULL;
  if (options != NULL)
    run.opts = *options;
  else
    qs_compare_options_init (&run.opts);
  if (run.opts.jump_db <= 0)
    run.opts.jump_db = 6.0;
  if (run.opts.floor_db <= 0)
    run.opts.floor_db = 20.0;
  if (run.opts.test_mode != QS_EXEC_MODE_FLOAT && run.opts.test_mode != QS_EXEC_MODE_INT8)
    run.opts.test_mode = QS_EXEC_MODE_FAKE_QUANT;
  if (qs_dataset_get_n_samples (data_a) != qs_dataset_get_n_samples (data_b))
    {
      g_set_error (error, QS_ANALYSIS_ERROR, QS_ANALYSIS_ERROR_FORMAT,
                   "the two data sets differ: %u samples for the reference, %u for the test model",
                   qs_dataset_get_n_samples (data_a), qs_dataset_get_n_samples (data_b));
      return NULL;
    }

  r = match (reference, test, &ref, &tst);
  run.r = r;
  r->test_mode = run.opts.test_mode;
  r->jump_threshold_db = run.opts.jump_db;
  r->floor_db = run.opts.floor_db;
  r->ran = TRUE;
  run.cancellable = cancellable;
  run.start = g_get_monotonic_time ();
  if (r->n_pairs == 0)
    {
      g_set_error (error, QS_ANALYSIS_ERROR, QS_ANALYSIS_ERROR_FORMAT, "no layer of the two models could be matched");
      goto out;
    }
  run.exec_a = qs_exec_new (reference, QS_EXEC_MODE_FLOAT, error);
  if (run.exec_a == NULL)
    goto out;
  run.exec_b = qs_exec_new (test, run.opts.test_mode, error);
  if (run.exec_b == NULL)
    goto out;
  run.pair_of_test = pairs_in_plan (r, run.exec_b);
  for (p = 0; p < r->n_pairs; p++)
    qs_exec_keep (run.exec_a, r->pairs[p].reference);
  run.sample_sums = g_new0 (QsErrorSums, MAX (r->n_pairs, 1));
  run.input_of_test = same_inputs (r, &ref, &tst);
  r->same_inputs = run.input_of_test != NULL;
  if (!r->same_inputs)
    g_ptr_array_add (r->warnings, g_strdup ("the model inputs do not pair up (names, shapes, types): each model "
                                            "was fed from its own data set"));

  run.n_samples = qs_dataset_get_n_samples (data_a);
  for (run.sample = 0; run.sample < run.n_samples; run.sample++)
    {
      g_autoptr(GError) local = NULL;

      if (run_sample (&run, data_a, data_b, &local))
        {
          commit_sample (&run);
          r->n_samples++;
          continue;
        }
      if (_qs_sample_failed (data_a, run.sample, run.opts.on_error, cancellable, &local, r->warnings,
                             &first_error, error))
        goto out;
      r->n_skipped++;
    }
  if (r->n_samples == 0)
    {
      g_set_error (error, QS_ANALYSIS_ERROR, QS_ANALYSIS_ERROR_NO_SAMPLES,
                   "no sample could be run; the first failed with: %s",
                   first_error != NULL ? first_error->message : "?");
      goto out;
    }
  for (p = 0; p < r->n_pairs; p++)
    {
      QsComparePair *pp = &r->pairs[p];

      pp->compared = pp->sums.n > 0 && pp->skip_reason == NULL;
      if (!pp->compared && pp->skip_reason == NULL)
        pp->skip_reason = "no output";
    }
  find_jumps (r, &ref);
  {
    g_autoptr(JsonBuilder) b = json_builder_new ();

    qs_dataset_to_json (data_a, b);
    r->inputs = json_builder_get_root (b);
  }
  r->seconds = (g_get_monotonic_time () - run.start) / 1e6;
  ok = TRUE;

out:
  g_free (run.pair_of_test);
  g_free (run.input_of_test);
  g_free (run.sample_sums);
  qs_exec_free (run.exec_a);
  qs_exec_free (run.exec_b);
  side_clear (&ref);
  side_clear (&tst);
  if (!ok)
    g_clear_pointer (&r, qs_compare_result_unref);
  return r;
}

static int
compare_jumps (gconstpointer x,
               gconstpointer y,
               gpointer      data)
{
  const QsCompareResult *r = data;
  double a = r->pairs[*(const int *) x].jump_db, b = r->pairs[*(const int *) y].jump_db;

  if (a != b)
    return a > b ? -1 : 1;
  return *(const int *) x - *(const int *) y;
}

int *
qs_compare_result_rank_jumps (const QsCompareResult *r,
                              guint                  n)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (int));
  int *out = g_new (int, n + 1);
  gboolean below = FALSE;
  guint p;

  for (p = 0; p < r->n_pairs; p++)
    below |= !isnan (r->pairs[p].jump_db) && pair_sqnr (&r->pairs[p]) < r->floor_db;
  for (p = 0; p < r->n_pairs; p++)
    if (!isnan (r->pairs[p].jump_db) && (!below || pair_sqnr (&r->pairs[p]) < r->floor_db))
      {
        int i = (int) p;
        g_array_append_val (order, i);
      }
  g_array_sort_with_data (order, compare_jumps, (gpointer) r);
  for (p = 0; p < n && p < order->len; p++)
    out[p] = g_array_index (order, int, p);
  out[MIN (n, order->len)] = -1;
  return out;
}

static int
compare_constants_order (gconstpointer x,
                         gconstpointer y,
                         gpointer      data)
{
  const QsCompareResult *r = data;
  double a = r->pairs[*(const int *) x].const_sqnr_db, b = r->pairs[*(const int *) y].const_sqnr_db;

  if (a != b)
    return a < b ? -1 : 1;
  return *(const int *) x - *(const int *) y;
}

int *
qs_compare_result_rank_constants (const QsCompareResult *r,
                                  double                 below_db,
                                  guint                  n)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (int));
  int *out = g_new (int, n + 1);
  guint p;

  for (p = 0; p < r->n_pairs; p++)
    if (!isnan (r->pairs[p].const_sqnr_db) && r->pairs[p].const_sqnr_db < below_db)
      {
        int i = (int) p;
        g_array_append_val (order, i);
      }
  g_array_sort_with_data (order, compare_constants_order, (gpointer) r);
  for (p = 0; p < n && p < order->len; p++)
    out[p] = g_array_index (order, int, p);
  out[MIN (n, order->len)] = -1;
  return out;
}

int
qs_compare_result_find_pair (const QsCompareResult *r,
                             const QsNode          *node)
{
  guint p;

  if (node == NULL)
    return -1;
  for (p = 0; p < r->n_pairs; p++)
    if (r->pairs[p].reference == node || r->pairs[p].test == node)
      return (int) p;
  return -1;
}

gboolean
qs_compare_figure_higher_is_better (QsCompareFigure figure)
{
  return figure != QS_COMPARE_FIGURE_JUMP;
}

double
qs_compare_pair_figure (const QsCompareResult *r,
                        guint                  pair,
                        QsCompareFigure        figure)
{
  const QsComparePair *p;

  g_return_val_if_fail (pair < r->n_pairs, NAN);
  p = &r->pairs[pair];
  switch (figure)
    {
    case QS_COMPARE_FIGURE_SQNR:
      return pair_sqnr (p);
    case QS_COMPARE_FIGURE_WORST_SQNR:
      return p->compared ? MIN (p->worst_sqnr_db, SQNR_CAP) : NAN;
    case QS_COMPARE_FIGURE_JUMP:
      return p->jump_db;
    case QS_COMPARE_FIGURE_CONST_SQNR:
      return p->const_sqnr_db;
    case QS_COMPARE_N_FIGURES:
    default:
      break;
    }
  return NAN;
}

double *
qs_compare_result_node_values (const QsCompareResult *r,
                               const QsGraph         *graph,
                               QsCompareFigure        figure)
{
  double *values = g_new (double, MAX (graph->n_nodes, 1));
  gboolean reference = graph == r->reference->graph;
  guint i, p;

  g_return_val_if_fail (reference || graph == r->test->graph, values);
  for (i = 0; i < graph->n_nodes; i++)
    values[i] = NAN;
  for (p = 0; p < r->n_pairs; p++)
    {
      const QsNode *node = reference ? r->pairs[p].reference : r->pairs[p].test;

      values[node->index] = qs_compare_pair_figure (r, p, figure);
    }
  return values;
}

/* ---- writing ---- */

static void
csv_text (GString    *s,
          const char *text)
{
  g_string_append_c (s, ',');
  _qs_csv_field (s, text);
}

char *
qs_compare_result_to_csv (const QsCompareResult *r)
{
  GString *s = g_string_new ("reference_layer,test_layer,type,matched_by,sqnr_db,nmse,mse,max_abs,cosine,"
                             "worst_sqnr_db,jump_db,const_input,const_sqnr_db,note\n");
  guint p;

  for (p = 0; p < r->n_pairs; p++)
    {
      const QsComparePair *pp = &r->pairs[p];
      QsTensorError e = { NAN, NAN, NAN, NAN, NAN };

      if (pp->compared)
        qs_tensor_error_from_sums (&pp->sums, &e);
      _qs_csv_field (s, pp->reference->name);
      csv_text (s, pp->test->name);
      csv_text (s, pp->reference->type);
      csv_text (s, qs_match_way_name (pp->way));
      _qs_csv_number (s, e.sqnr_db, 6);
      _qs_csv_number (s, e.nmse, 6);
      _qs_csv_number (s, e.mse, 6);
      _qs_csv_number (s, e.max_abs, 6);
      _qs_csv_number (s, e.cosine, 6);
      _qs_csv_number (s, pp->compared ? pp->worst_sqnr_db : NAN, 6);
      _qs_csv_number (s, pp->jump_db, 6);
      _qs_csv_number (s, pp->const_input >= 0 ? pp->const_input : NAN, 6);
      _qs_csv_number (s, pp->const_sqnr_db, 6);
      csv_text (s, r->ran && !pp->compared ? pp->skip_reason : NULL);
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

static void
add_nodes (JsonBuilder *b,
           const char  *key,
           GPtrArray   *nodes)
{
  guint i;

  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (i = 0; i < nodes->len; i++)
    {
      const QsNode *n = nodes->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, n->name);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, n->type);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_model (JsonBuilder   *b,
           const char    *key,
           const QsModel *model,
           const char    *sha)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, model->xml_path != NULL ? model->xml_path : "");
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, sha != NULL ? sha : "");
  json_builder_end_object (b);
}

char *
qs_compare_result_to_json (const QsCompareResult *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  guint p, w;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "qscope_compare");
  json_builder_add_int_value (b, 1);
  add_model (b, "reference", r->reference, r->reference_sha256);
  add_model (b, "test", r->test, r->test_sha256);
  json_builder_set_member_name (b, "test_mode");
  json_builder_add_string_value (b, qs_exec_mode_name (r->test_mode));
  json_builder_set_member_name (b, "samples");
  json_builder_add_int_value (b, r->n_samples);
  json_builder_set_member_name (b, "skipped");
  json_builder_add_int_value (b, r->n_skipped);
  json_builder_set_member_name (b, "inputs");
  if (r->inputs != NULL)
    json_builder_add_value (b, json_node_copy (r->inputs));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "matched");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "pairs");
  json_builder_add_int_value (b, r->n_pairs);
  for (w = 0; w < QS_MATCH_N_WAYS; w++)
    {
      json_builder_set_member_name (b, qs_match_way_name (w));
      json_builder_add_int_value (b, r->by_way[w]);
    }
  json_builder_end_object (b);
  add_nodes (b, "unmatched_reference", r->unmatched_reference);
  add_nodes (b, "unmatched_test", r->unmatched_test);
  _qs_json_member_number (b, "jump_threshold_db", r->jump_threshold_db, TRUE);
  _qs_json_member_number (b, "floor_db", r->floor_db, TRUE);
  json_builder_set_member_name (b, "first_jump");
  if (r->first_jump >= 0)
    json_builder_add_string_value (b, r->pairs[r->first_jump].reference->name);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "seconds");
  json_builder_add_double_value (b, r->seconds);
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (p = 0; p < r->warnings->len; p++)
    json_builder_add_string_value (b, r->warnings->pdata[p]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "pairs");
  json_builder_begin_array (b);
  for (p = 0; p < r->n_pairs; p++)
    {
      const QsComparePair *pp = &r->pairs[p];
      QsTensorError e = { NAN, NAN, NAN, NAN, NAN };

      if (pp->compared)
        qs_tensor_error_from_sums (&pp->sums, &e);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "reference");
      json_builder_add_string_value (b, pp->reference->name);
      json_builder_set_member_name (b, "test");
      json_builder_add_string_value (b, pp->test->name);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, pp->reference->type);
      json_builder_set_member_name (b, "matched_by");
      json_builder_add_string_value (b, qs_match_way_name (pp->way));
      _qs_json_member_number (b, "sqnr_db", e.sqnr_db, TRUE);
      _qs_json_member_number (b, "nmse", e.nmse, FALSE);
      _qs_json_member_number (b, "mse", e.mse, FALSE);
      _qs_json_member_number (b, "max_abs", e.max_abs, FALSE);
      _qs_json_member_number (b, "cosine", e.cosine, FALSE);
      _qs_json_member_number (b, "worst_sqnr_db", pp->compared ? pp->worst_sqnr_db : NAN, TRUE);
      json_builder_set_member_name (b, "worst_sample");
      json_builder_add_int_value (b, pp->worst_sample);
      _qs_json_member_number (b, "jump_db", pp->jump_db, TRUE);
      json_builder_set_member_name (b, "const_input");
      json_builder_add_int_value (b, pp->const_input);
      _qs_json_member_number (b, "const_sqnr_db", pp->const_sqnr_db, TRUE);
      if (r->ran && !pp->compared)
        {
          json_builder_set_member_name (b, "note");
          json_builder_add_string_value (b, pp->skip_reason);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  return _qs_json_builder_to_text (b);
}
