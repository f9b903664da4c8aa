/* qs-op-body.c — TensorIterator-1, Loop-5 and If-8: running their bodies
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A body is run as a plan of its own (_qs_exec_new_body(): the parent's
 * model and memory budget), made once per parent plan and kept as the
 * layer's op data with the parsed port map.  Each iteration is one run of
 * that plan with the body's Parameters bound to what the port map says:
 *
 *  - an input with an axis is sliced: part_size elements along axis per
 *    iteration, from start (a negative start or end counts from the end,
 *    -1 being the end itself) towards end, backwards when stride is
 *    negative; |stride| must equal part_size, the slices tiling the range;
 *  - any other input is passed whole, and a back edge (Result -> Parameter)
 *    replaces the Parameter's value with the Result's after each iteration;
 *  - an output with an axis concatenates every iteration's value along it
 *    (in reverse iteration order when its stride is negative), any other
 *    output is the last iteration's value.
 *
 * TensorIterator runs as many iterations as its sliced inputs have slices.
 * Loop runs while the trip count (input 0; negative: no bound) and the
 * condition (input 1 before the first iteration, then the body's Result
 * with purpose="execution_condition") allow; its Parameter with
 * purpose="current_iteration" is the iteration's number, unless a back
 * edge computes it.  If runs then_body when input 0 is true, else
 * else_body, with then_port_map or else_port_map.
 *
 * Statistics, observers and fake-quant choices of a run see the body layer
 * as one layer; what its body's layers computed is not reported.
 */
#include "config.h"

#include <string.h>

#include "qs-op-private.h"

/* no body of a real model runs this long; a Loop whose condition never
 * turns false is refused rather than run for ever */
#define MAX_ITERATIONS ((gint64) 1 << 20)

typedef struct
{
  gboolean   output;
  guint      body;              /* 0: body or then_body; 1: else_body */
  gint64     external;          /* input or output index of the layer; -1 for a special port */
  gint64     internal;          /* layer id in the body */
  gboolean   sliced;            /* has an axis */
  gint64     axis, start, end, stride, part_size;
  char       purpose;           /* 0, 'i' current_iteration, 'c' execution_condition */
  int        index;             /* resolved: body Parameter or Result index */
} MapEntry;

typedef struct
{
  gint64 from, to;              /* Result id, Parameter id */
  int    result, param;         /* resolved indices */
} BackEdge;

typedef struct
{
  guint    n_bodies;
  QsExec  *plans[2];
  GArray  *entries;             /* MapEntry */
  GArray  *back_edges;          /* BackEdge */
} BodyData;

static void
body_data_free (gpointer p)
{
  BodyData *d = p;
  guint i;

  for (i = 0; i < d->n_bodies; i++)
    qs_exec_free (d->plans[i]);
  if (d->entries != NULL)
    g_array_unref (d->entries);
  if (d->back_edges != NULL)
    g_array_unref (d->back_edges);
  g_free (d);
}

typedef struct
{
  BodyData *data;
  guint     body;
  GError  **error;
} ParseState;

static gboolean
attr_int (const char **names,
          const char **values,
          const char  *key,
          gint64       fallback,
          gint64      *out,
          GError     **error)
{
  guint i;

  for (i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], key) == 0)
      {
        if (!qs_parse_int64 (values[i], out))
          return _qs_op_fail (error, "port map attribute %s=“%s” is not an integer", key, values[i]);
        return TRUE;
      }
  *out = fallback;
  return TRUE;
}

static const char *
attr_text (const char **names,
           const char **values,
           const char  *key)
{
  guint i;

  for (i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], key) == 0)
      return values[i];
  return NULL;
}

static void
map_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  ParseState *st = user_data;

  if (strcmp (element, "port_map") == 0 || strcmp (element, "then_port_map") == 0)
    st->body = 0;
  else if (strcmp (element, "else_port_map") == 0)
    st->body = 1;
  else if (strcmp (element, "input") == 0 || strcmp (element, "output") == 0)
    {
      MapEntry e = { .output = element[0] == 'o', .body = st->body, .index = -1 };
      const char *purpose = attr_text (names, values, "purpose");
      gint64 axis;

      if (!attr_int (names, values, "external_port_id", -1, &e.external, error) ||
          !attr_int (names, values, "internal_layer_id", -1, &e.internal, error) ||
          !attr_int (names, values, "axis", G_MININT64, &axis, error) ||
          !attr_int (names, values, "start", 0, &e.start, error) ||
          !attr_int (names, values, "end", -1, &e.end, error) ||
          !attr_int (names, values, "stride", 1, &e.stride, error) ||
          !attr_int (names, values, "part_size", 1, &e.part_size, error))
        return;
      e.sliced = axis != G_MININT64;
      e.axis = e.sliced ? axis : 0;
      if (purpose != NULL && strcmp (purpose, "current_iteration") == 0)
        e.purpose = 'i';
      else if (purpose != NULL && strcmp (purpose, "execution_condition") == 0)
        e.purpose = 'c';
      else if (purpose != NULL && purpose[0] != '\0')
        {
          _qs_op_fail (error, "port map purpose “%s” is not current_iteration or execution_condition", purpose);
          return;
        }
      g_array_append_val (st->data->entries, e);
    }
  else if (strcmp (element, "edge") == 0)
    {
      BackEdge b = { .result = -1, .param = -1 };

      if (!attr_int (names, values, "from-layer", -1, &b.from, error) ||
          !attr_int (names, values, "to-layer", -1, &b.to, error))
        return;
      g_array_append_val (st->data->back_edges, b);
    }
}

static int
node_position (QsNode *const *nodes,
               guint          n,
               const QsNode  *node)
{
  guint i;

  for (i = 0; i < n; i++)
    if (nodes[i] == node)
      return (int) i;
  return -1;
}

/* Parses the port maps and makes the body plans: once per plan. */
static BodyData *
get_body_data (QsOpCtx *ctx,
               GError **error)
{
  const QsNode *node = ctx->node;
  BodyData *data = _qs_exec_get_op_data (ctx->exec, node);
  g_autoptr(GMarkupParseContext) parser = NULL;
  g_autofree char *text = NULL;
  GMarkupParser callbacks = { .start_element = map_start };
  ParseState st = { 0, };
  gboolean is_if = qs_node_is_type (node, "If");
  guint want = is_if ? 2 : 1, i;

  if (data != NULL)
    return data;

  if (node->n_bodies != want)
    {
      _qs_op_fail (error, "has %u bodies, expects %u", node->n_bodies, want);
      return NULL;
    }
  for (i = 0; i < want; i++)
    {
      const char *name = is_if ? (i == 0 ? "then_body" : "else_body") : "body";

      if (g_strcmp0 (node->body_names[i], name) != 0)
        {
          _qs_op_fail (error, "body %u is <%s>, expected <%s>", i, node->body_names[i], name);
          return NULL;
        }
    }

  data = g_new0 (BodyData, 1);
  data->entries = g_array_new (FALSE, FALSE, sizeof (MapEntry));
  data->back_edges = g_array_new (FALSE, FALSE, sizeof (BackEdge));
  st.data = data;

  text = g_strdup_printf ("<maps>%s</maps>", node->port_maps != NULL ? node->port_maps : "");
  parser = g_markup_parse_context_new (&callbacks, 0, &st, NULL);
  if (!g_markup_parse_context_parse (parser, text, -1, error) ||
      !g_markup_parse_context_end_parse (parser, error))
    {
      body_data_free (data);
      if (error != NULL && *error != NULL && (*error)->domain != QS_EXEC_ERROR)
        {
          g_autofree char *msg = g_strdup ((*error)->message);

          g_clear_error (error);
          _qs_op_fail (error, "the port map is malformed: %s", msg);
        }
      return NULL;
    }

  /* outputs are numbered as the IR reader of OpenVINO numbers them: in
   * the order of their external_port_id, counting those >= 0 */
  for (i = 0; i < data->entries->len; i++)
    {
      MapEntry *e = &g_array_index (data->entries, MapEntry, i);
      gint64 rank = 0;
      guint j;

      if (!e->output || e->external < 0)
        continue;
      for (j = 0; j < data->entries->len; j++)
        {
          const MapEntry *o = &g_array_index (data->entries, MapEntry, j);

          if (o->output && o->body == e->body && o->external >= 0 && o->external < e->external)
            rank++;
        }
      e->index = (int) rank;   /* kept here until the loop below */
    }
  for (i = 0; i < data->entries->len; i++)
    {
      MapEntry *e = &g_array_index (data->entries, MapEntry, i);

      if (e->output && e->external >= 0)
        e->external = e->index;
    }

  /* resolve layer ids to Parameter and Result positions */
  for (i = 0; i < data->entries->len; i++)
    {
      MapEntry *e = &g_array_index (data->entries, MapEntry, i);
      QsGraph *body = node->bodies[e->body];
      QsNode *inner = qs_graph_find_node (body, (guint64) e->internal);

      if (e->output)
        e->index = inner != NULL ? node_position (body->results, body->n_results, inner) : -1;
      else
        e->index = inner != NULL ? node_position (body->parameters, body->n_parameters, inner) : -1;
      if (e->index < 0)
        {
          _qs_op_fail (error, "port map %s internal_layer_id %" G_GINT64_FORMAT " is no %s of the %s",
                       e->output ? "output" : "input", e->internal, e->output ? "Result" : "Parameter",
                       node->body_names[e->body]);
          goto fail;
        }
      if (e->purpose == 0 && e->external >= (gint64) (e->output ? node->n_outputs : node->n_inputs))
        {
          _qs_op_fail (error, "port map %s external_port_id %" G_GINT64_FORMAT " is no port of the layer",
                       e->output ? "output" : "input", e->external);
          goto fail;
        }
      if (e->sliced && (e->part_size <= 0 || e->stride == 0 ||
                        (e->stride != e->part_size && e->stride != -e->part_size)))
        {
          _qs_op_fail (error, "port map %s with stride %" G_GINT64_FORMAT " and part_size %" G_GINT64_FORMAT
                       " is not supported (|stride| must equal part_size)",
                       e->output ? "output" : "input", e->stride, e->part_size);
          goto fail;
        }
    }
  for (i = 0; i < data->back_edges->len; i++)
    {
      BackEdge *b = &g_array_index (data->back_edges, BackEdge, i);
      QsGraph *body = node->bodies[0];
      QsNode *from = qs_graph_find_node (body, (guint64) b->from);
      QsNode *to = qs_graph_find_node (body, (guint64) b->to);

      b->result = from != NULL ? node_position (body->results, body->n_results, from) : -1;
      b->param = to != NULL ? node_position (body->parameters, body->n_parameters, to) : -1;
      if (b->result < 0 || b->param < 0)
        {
          _qs_op_fail (error, "back edge %" G_GINT64_FORMAT " -> %" G_GINT64_FORMAT
                       " does not lead from a Result to a Parameter of the body", b->from, b->to);
          goto fail;
        }
    }

  data->n_bodies = want;
  for (i = 0; i < want; i++)
    {
      data->plans[i] = _qs_exec_new_body (ctx->exec, node->bodies[i], error);
      if (data->plans[i] == NULL)
        {
          g_prefix_error (error, "%s: ", node->body_names[i]);
          goto fail;
        }
    }
  return _qs_exec_set_op_data (ctx->exec, node, data, body_data_free);

fail:
  body_data_free (data);
  return NULL;
}

/* The slice range of @e over dimension @dim: first index and count. */
static gboolean
slice_range (const MapEntry *e,
             gint64          dim,
             gint64         *first,
             gint64         *count,
             GError        **error)
{
  gint64 s = e->start < 0 ? dim + e->start + 1 : e->start;
  gint64 t = e->end < 0 ? dim + e->end + 1 : e->end;
  gint64 lo = MIN (s, t), hi = MAX (s, t);

  if (lo < 0 || hi > dim)
    return _qs_op_fail (error, "sliced input %" G_GINT64_FORMAT ": start %" G_GINT64_FORMAT " and end %"
                        G_GINT64_FORMAT " are outside its axis of %" G_GINT64_FORMAT,
                        e->external, e->start, e->end, dim);
  if ((hi - lo) % e->part_size != 0)
    return _qs_op_fail (error, "sliced input %" G_GINT64_FORMAT ": %" G_GINT64_FORMAT
                        " elements do not split into parts of %" G_GINT64_FORMAT,
                        e->external, hi - lo, e->part_size);
  *count = (hi - lo) / e->part_size;
  *first = lo;
  return TRUE;
}

/* Copies part @k of the slicing of @t by @e into a new tensor. */
static QsTensor *
take_slice (const QsTensor *t,
            const MapEntry *e,
            gint64          first,
            gint64          count,
            gint64          k)
{
  gint64 dims[QS_TENSOR_MAX_RANK];
  gint64 at = e->stride > 0 ? first + k * e->part_size : first + (count - 1 - k) * e->part_size;
  gsize outer, inner, esize = qs_tensor_type_size (t->type), o;
  QsTensor *out;

  memcpy (dims, t->dims, sizeof (gint64) * t->rank);
  dims[e->axis] = e->part_size;
  out = qs_tensor_new (t->type, t->rank, dims);
  if (out == NULL)
    return NULL;
  outer = _qs_dims_product (t->dims, 0, (int) e->axis);
  inner = _qs_dims_product (t->dims, (int) e->axis + 1, t->rank) * esize;
  for (o = 0; o < outer; o++)
    memcpy ((guint8 *) out->data + (o * e->part_size) * inner,
            (const guint8 *) t->data + (o * t->dims[e->axis] + at) * inner,
            e->part_size * inner);
  return out;
}

/* Concatenates @parts (n of them, same shape) along @axis, reversed when
 * @reverse. */
static QsTensor *
concat_parts (QsTensor *const *parts,
              guint            n,
              int              axis,
              gboolean         reverse,
              GError         **error)
{
  const QsTensor *p0 = parts[0];
  gint64 dims[QS_TENSOR_MAX_RANK];
  gsize outer, inner, esize = qs_tensor_type_size (p0->type), o;
  guint k;
  QsTensor *out;

  if (axis < 0 || axis >= p0->rank)
    {
      _qs_op_fail (error, "concatenation axis %d is out of range for the body's rank-%d output", axis, p0->rank);
      return NULL;
    }
  for (k = 1; k < n; k++)
    if (!qs_tensor_same_shape (parts[k], p0) || parts[k]->type != p0->type)
      {
        g_autofree char *a = qs_tensor_shape_to_string (p0);
        g_autofree char *b = qs_tensor_shape_to_string (parts[k]);

        _qs_op_fail (error, "iterations gave outputs of shapes %s and %s to concatenate", a, b);
        return NULL;
      }
  memcpy (dims, p0->dims, sizeof (gint64) * p0->rank);
  dims[axis] = p0->dims[axis] * n;
  out = qs_tensor_new (p0->type, p0->rank, dims);
  if (out == NULL)
    {
      _qs_op_fail_alloc (error, "the concatenated output");
      return NULL;
    }
  outer = _qs_dims_product (p0->dims, 0, axis);
  inner = _qs_dims_product (p0->dims, axis, p0->rank) * esize;
  for (k = 0; k < n; k++)
    {
      const QsTensor *part = parts[reverse ? n - 1 - k : k];

      for (o = 0; o < outer; o++)
        memcpy ((guint8 *) out->data + (o * n + k) * inner, (const guint8 *) part->data + o * inner, inner);
    }
  return out;
}

static void
unref_all (QsTensor **tensors,
           guint      n)
{
  guint i;

  if (tensors == NULL)
    return;
  for (i = 0; i < n; i++)
    qs_tensor_unref (tensors[i]);
  g_free (tensors);
}

static gboolean
read_scalar (const QsTensor *t,
             const char     *what,
             gint64         *value,
             GError        **error)
{
  if (t->n_elements != 1)
    {
      g_autofree char *shape = qs_tensor_shape_to_string (t);
      return _qs_op_fail (error, "%s must hold one value (has shape %s)", what, shape);
    }
  *value = qs_tensor_get_i64 (t, 0);
  return TRUE;
}

/* The current iteration's value for a Parameter of @port's type and shape. */
static QsTensor *
iteration_tensor (const QsPort *port,
                  gint64        iteration)
{
  gint64 one = 1;
  QsElementType type = port->element_type == QS_ELEMENT_I32 ? QS_ELEMENT_I32 : QS_ELEMENT_I64;
  QsTensor *t = qs_tensor_new (type, port->shape.rank == 1 ? 1 : 0, &one);

  if (t != NULL)
    qs_tensor_set_f64 (t, 0, (double) iteration);
  return t;
}

/* TensorIterator-1 and Loop-5. */
static gboolean
run_iterations (QsOpCtx  *ctx,
                gboolean  loop,
                GError  **error)
{
  BodyData *data = get_body_data (ctx, error);
  const QsNode *node = ctx->node;
  QsGraph *body;
  QsExec *plan;
  g_autofree QsTensor **params = NULL;     /* owned, by body parameter */
  g_autofree gint64 *slice_first = NULL, *slice_count = NULL;
  GPtrArray **concat = NULL;               /* by entry: the iterations' values */
  QsTensor **last = NULL;                  /* the last iteration's outputs */
  gint64 n_iter = -1, trip = -1, it = 0;
  int iter_param = -1, cond_result = -1;
  gboolean iter_by_back_edge = FALSE, go = TRUE, ok = FALSE;
  guint i, n_entries;

  if (data == NULL)
    return FALSE;
  body = node->bodies[0];
  plan = data->plans[0];
  n_entries = data->entries->len;
  params = g_new0 (QsTensor *, MAX (body->n_parameters, 1));
  slice_first = g_new0 (gint64, MAX (n_entries, 1));
  slice_count = g_new0 (gint64, MAX (n_entries, 1));
  concat = g_new0 (GPtrArray *, MAX (n_entries, 1));

  if (loop)
    {
      if (!_qs_op_need_inputs (ctx, 2, error))
        goto out;
      if (!read_scalar (ctx->in[0], "the trip count (input 0)", &trip, error) ||
          !read_scalar (ctx->in[1], "the execution condition (input 1)", &it, error))
        goto out;
      go = it != 0;
    }

  /* inputs: whole values, slices, the special ports */
  for (i = 0; i < n_entries; i++)
    {
      MapEntry *e = &g_array_index (data->entries, MapEntry, i);
      QsTensor *src;

      if (e->output)
        {
          if (e->purpose == 'c')
            cond_result = e->index;
          else if (e->sliced && e->external >= 0)
            concat[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) qs_tensor_unref);
          continue;
        }
      if (e->purpose == 'i')
        {
          iter_param = e->index;
          continue;
        }
      if (e->external < 0)
        continue;   /* a Parameter for the body's own use, fed by a back edge */
      src = ctx->in[e->external];
      if (src == NULL)
        {
          _qs_op_fail (error, "input %" G_GINT64_FORMAT " of the port map is not connected", e->external);
          goto out;
        }
      if (e->sliced)
        {
          int axis;

          if (!_qs_op_axis (e->axis, src->rank, &axis, error))
            goto out;
          e->axis = axis;
          if (!slice_range (e, src->dims[axis], &slice_first[i], &slice_count[i], error))
            goto out;
          if (!loop && n_iter >= 0 && slice_count[i] != n_iter)
            {
              _qs_op_fail (error, "sliced inputs give %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT " iterations",
                           n_iter, slice_count[i]);
              goto out;
            }
          n_iter = n_iter < 0 ? slice_count[i] : MIN (n_iter, slice_count[i]);
        }
      else
        {
          qs_tensor_unref (params[e->index]);
          params[e->index] = qs_tensor_ref (src);
        }
    }
  if (loop)
    {
      if (cond_result < 0)
        {
          _qs_op_fail (error, "the body has no Result with purpose=\"execution_condition\"");
          goto out;
        }
      /* sliced inputs bound the trip count too */
      if (n_iter >= 0)
        trip = trip < 0 ? n_iter : MIN (trip, n_iter);
      n_iter = trip;
      for (i = 0; i < data->back_edges->len; i++)
        if (g_array_index (data->back_edges, BackEdge, i).param == iter_param)
          iter_by_back_edge = iter_param >= 0;
      if (iter_param >= 0 && !iter_by_back_edge)
        {
          params[iter_param] = iteration_tensor (&body->parameters[iter_param]->outputs[0], 0);
          if (params[iter_param] == NULL)
            {
              _qs_op_fail_alloc (error, "the current iteration");
              goto out;
            }
        }
    }
  else if (n_iter < 0)
    {
      _qs_op_fail (error, "no input is sliced, so the number of iterations is unknown");
      goto out;
    }

  for (it = 0; go && (n_iter < 0 || it < n_iter); it++)
    {
      g_autofree QsTensor **outputs = NULL;

      if (it >= MAX_ITERATIONS)
        {
          _qs_op_fail (error, "ran %" G_GINT64_FORMAT " iterations without its condition turning false", it);
          goto out;
        }
      for (i = 0; i < n_entries; i++)
        {
          MapEntry *e = &g_array_index (data->entries, MapEntry, i);

          if (!e->output && e->sliced)
            {
              qs_tensor_unref (params[e->index]);
              params[e->index] = take_slice (ctx->in[e->external], e, slice_first[i], slice_count[i], it);
              if (params[e->index] == NULL)
                {
                  _qs_op_fail_alloc (error, "a slice of an input");
                  goto out;
                }
            }
        }
      for (i = 0; i < body->n_parameters; i++)
        if (params[i] == NULL)
          {
            _qs_op_fail (error, "body Parameter “%s” gets no value from the port map", body->parameters[i]->name);
            goto out;
          }

      if (!qs_exec_run (plan, params, NULL, NULL, NULL, &outputs, error))
        {
          g_prefix_error (error, "iteration %" G_GINT64_FORMAT ": ", it);
          goto out;
        }
      for (i = 0; i < n_entries; i++)
        {
          MapEntry *e = &g_array_index (data->entries, MapEntry, i);

          if (concat[i] != NULL)
            g_ptr_array_add (concat[i], qs_tensor_ref (outputs[e->index]));
        }
      if (loop)
        {
          gint64 c = 0;

          if (!read_scalar (outputs[cond_result], "the body's execution condition", &c, error))
            {
              unref_all (g_steal_pointer (&outputs), body->n_results);
              goto out;
            }
          go = c != 0;
          if (iter_param >= 0 && !iter_by_back_edge)
            {
              qs_tensor_unref (params[iter_param]);
              params[iter_param] = iteration_tensor (&body->parameters[iter_param]->outputs[0], it + 1);
            }
        }
      for (i = 0; i < data->back_edges->len; i++)
        {
          BackEdge *b = &g_array_index (data->back_edges, BackEdge, i);

          qs_tensor_unref (params[b->param]);
          params[b->param] = qs_tensor_ref (outputs[b->result]);
        }
      unref_all (last, body->n_results);
      last = g_steal_pointer (&outputs);
    }

  if (last == NULL)
    {
      _qs_op_fail (error, "ran no iteration (the execution condition or trip count allows none), "
                   "so its outputs have no value");
      goto out;
    }

  /* outputs */
  for (i = 0; i < n_entries; i++)
    {
      MapEntry *e = &g_array_index (data->entries, MapEntry, i);
      QsTensor *value;

      if (!e->output || e->purpose == 'c' || e->external < 0)
        continue;
      if (concat[i] != NULL)
        {
          int axis;

          if (!_qs_op_axis (e->axis, ((QsTensor *) concat[i]->pdata[0])->rank, &axis, error))
            goto out;
          value = concat_parts ((QsTensor *const *) concat[i]->pdata, concat[i]->len, axis, e->stride < 0, error);
          if (value == NULL)
            goto out;
        }
      else
        value = qs_tensor_ref (last[e->index]);
      qs_tensor_unref (ctx->out[e->external]);
      ctx->out[e->external] = value;
    }
  ok = TRUE;

out:
  for (i = 0; i < body->n_parameters; i++)
    qs_tensor_unref (params[i]);
  for (i = 0; i < n_entries; i++)
    if (concat[i] != NULL)
      g_ptr_array_unref (concat[i]);
  g_free (concat);
  unref_all (last, body->n_results);
  return ok;
}

static gboolean
op_tensor_iterator (QsOpCtx *ctx,
                    GError **error)
{
  return run_iterations (ctx, FALSE, error);
}

static gboolean
op_loop (QsOpCtx *ctx,
         GError **error)
{
  return run_iterations (ctx, TRUE, error);
}

static gboolean
op_if (QsOpCtx *ctx,
       GError **error)
{
  BodyData *data = get_body_data (ctx, error);
  g_autofree QsTensor **params = NULL;
  g_autofree QsTensor **outputs = NULL;
  QsGraph *body;
  gint64 cond = 0;
  guint which, i;

  if (data == NULL)
    return FALSE;
  if (!_qs_op_need_inputs (ctx, 1, error) ||
      !read_scalar (ctx->in[0], "the condition (input 0)", &cond, error))
    return FALSE;
  which = cond != 0 ? 0 : 1;
  body = ctx->node->bodies[which];
  params = g_new0 (QsTensor *, MAX (body->n_parameters, 1));
  for (i = 0; i < data->entries->len; i++)
    {
      MapEntry *e = &g_array_index (data->entries, MapEntry, i);

      if (e->body != which || e->output || e->external < 0)
        continue;
      if (ctx->in[e->external] == NULL)
        return _qs_op_fail (error, "input %" G_GINT64_FORMAT " of the port map is not connected", e->external);
      params[e->index] = ctx->in[e->external];
    }
  for (i = 0; i < body->n_parameters; i++)
    if (params[i] == NULL)
      return _qs_op_fail (error, "%s Parameter “%s” gets no value from the port map",
                          ctx->node->body_names[which], body->parameters[i]->name);
  if (!qs_exec_run (data->plans[which], params, NULL, NULL, NULL, &outputs, error))
    {
      g_prefix_error (error, "%s: ", ctx->node->body_names[which]);
      return FALSE;
    }
  for (i = 0; i < data->entries->len; i++)
    {
      MapEntry *e = &g_array_index (data->entries, MapEntry, i);

      if (e->body != which || !e->output || e->external < 0)
        continue;
      qs_tensor_unref (ctx->out[e->external]);
      ctx->out[e->external] = qs_tensor_ref (outputs[e->index]);
    }
  unref_all (g_steal_pointer (&outputs), body->n_results);
  return TRUE;
}

const QsOpEntry _qs_op_body_table[] = {
  { "TensorIterator", 1, G_MAXINT, op_tensor_iterator },
  { "Loop", 5, G_MAXINT, op_loop },
  { "If", 8, G_MAXINT, op_if },
  { NULL, 0, 0, NULL },
};
