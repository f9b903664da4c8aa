/* qs-graph.c — queries on the graph, attribute parsers, shapes
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "qs-graph-private.h"

/* ------------------------------------------------------------------------ */
/* Scalar and list parsers                                                  */

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && g_ascii_isspace (*p))
    p++;
  return p;
}

static const char *
trim_end (const char *start,
          const char *end)
{
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  return end;
}

/* Parses [p, end) as one decimal integer, nothing else allowed but spaces. */
static gboolean
parse_int64_range (const char *p,
                   const char *end,
                   gint64     *value)
{
  char buf[32];
  char *tail = NULL;
  gsize len;

  p = skip_space (p, end);
  end = trim_end (p, end);
  len = end - p;
  if (len == 0 || len >= sizeof buf)
    return FALSE;
  memcpy (buf, p, len);
  buf[len] = '\0';
  errno = 0;
  *value = g_ascii_strtoll (buf, &tail, 10);
  return errno == 0 && tail == buf + len;
}

static gboolean
parse_double_range (const char *p,
                    const char *end,
                    double     *value)
{
  char buf[64];
  char *tail = NULL;
  gsize len;

  p = skip_space (p, end);
  end = trim_end (p, end);
  len = end - p;
  if (len == 0 || len >= sizeof buf)
    return FALSE;
  memcpy (buf, p, len);
  buf[len] = '\0';
  *value = g_ascii_strtod (buf, &tail);
  return tail == buf + len;
}

gboolean
qs_parse_int64 (const char *text,
                gint64     *value)
{
  return text != NULL && parse_int64_range (text, text + strlen (text), value);
}

gboolean
qs_parse_double (const char *text,
                 double     *value)
{
  return text != NULL && parse_double_range (text, text + strlen (text), value);
}

gboolean
qs_parse_bool (const char *text,
               gboolean   *value)
{
  if (text == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (text, "true") == 0 || strcmp (text, "1") == 0)
    *value = TRUE;
  else if (g_ascii_strcasecmp (text, "false") == 0 || strcmp (text, "0") == 0)
    *value = FALSE;
  else
    return FALSE;
  return TRUE;
}

/* Both "1,2" and "1, 2"; "" and all-space are the empty list. */
static GArray *
parse_list (const char *text,
            gboolean    floats)
{
  GArray *out = g_array_new (FALSE, FALSE, floats ? sizeof (double) : sizeof (gint64));
  const char *p, *end;

  if (text == NULL)
    return out;

  end = text + strlen (text);
  p = skip_space (text, end);
  if (p == end)
    return out;

  while (TRUE)
    {
      const char *comma = memchr (p, ',', end - p);
      const char *stop = comma ? comma : end;

      if (floats)
        {
          double v;
          if (!parse_double_range (p, stop, &v))
            goto fail;
          g_array_append_val (out, v);
        }
      else
        {
          gint64 v;
          if (!parse_int64_range (p, stop, &v))
            goto fail;
          g_array_append_val (out, v);
        }
      if (comma == NULL)
        break;
      p = comma + 1;
    }
  return out;

fail:
  g_array_unref (out);
  return NULL;
}

/**
 * qs_parse_int_list:
 * Returns: (transfer full) (nullable): a GArray of gint64, NULL when malformed.
 */
GArray *
qs_parse_int_list (const char *text)
{
  return parse_list (text, FALSE);
}

/**
 * qs_parse_float_list:
 * Returns: (transfer full) (nullable): a GArray of double, NULL when malformed.
 */
GArray *
qs_parse_float_list (const char *text)
{
  return parse_list (text, TRUE);
}

/* ------------------------------------------------------------------------ */
/* Shapes                                                                   */

gboolean
_qs_parse_dim (const char  *text,
               gsize        len,
               gint64       max_dim,
               gint64      *dim,
               QsDimRange  *range,
               GError     **error)
{
  const char *p = skip_space (text, text + len);
  const char *end = trim_end (p, text + len);
  const char *dots;

  /* the common case, plain digits, without a copy or strtoll */
  if (p < end && end - p <= 18)
    {
      const char *q = p;
      gint64 v = 0;

      while (q < end && g_ascii_isdigit (*q))
        v = v * 10 + (*q++ - '0');
      if (q == end)
        {
          if (v > max_dim)
            {
              g_set_error (error, QS_IR_ERROR, QS_IR_ERROR_LIMIT,
                           "dimension %" G_GINT64_FORMAT " is larger than the limit %" G_GINT64_FORMAT,
                           v, max_dim);
              return FALSE;
            }
          *dim = v;
          range->min = range->max = v;
          return TRUE;
        }
    }

  if (end - p == 1 && *p == '?')
    {
      *dim = QS_DIM_DYNAMIC;
      range->min = 0;
      range->max = QS_DIM_UNBOUNDED;
      return TRUE;
    }

  dots = g_strstr_len (p, end - p, "..");
  if (dots != NULL)
    {
      gint64 lo = 0, hi = QS_DIM_UNBOUNDED;

      if (dots > p && !parse_int64_range (p, dots, &lo))
        goto bad;
      if (dots + 2 < end && !parse_int64_range (dots + 2, end, &hi))
        goto bad;
      if (lo < 0 || hi < lo)
        goto bad;
      if ((hi != QS_DIM_UNBOUNDED && hi > max_dim) || lo > max_dim)
        {
          g_set_error (error, QS_IR_ERROR, QS_IR_ERROR_LIMIT,
                       "dimension range %.*s goes past the limit %" G_GINT64_FORMAT,
                       (int) MIN (end - p, 40), p, max_dim);
          return FALSE;
        }
      *dim = lo == hi ? lo : QS_DIM_DYNAMIC;
      range->min = lo;
      range->max = hi;
      return TRUE;
    }

  if (!parse_int64_range (p, end, dim))
    goto bad;
  if (*dim == -1)
    {
      range->min = 0;
      range->max = QS_DIM_UNBOUNDED;
      return TRUE;
    }
  if (*dim < -1)
    {
      g_set_error (error, QS_IR_ERROR, QS_IR_ERROR_INVALID,
                   "negative dimension %" G_GINT64_FORMAT, *dim);
      return FALSE;
    }
  if (*dim > max_dim)
    {
      g_set_error (error, QS_IR_ERROR, QS_IR_ERROR_LIMIT,
                   "dimension %" G_GINT64_FORMAT " is larger than the limit %" G_GINT64_FORMAT,
                   *dim, max_dim);
      return FALSE;
    }
  range->min = range->max = *dim;
  return TRUE;

bad:
  g_set_error (error, QS_IR_ERROR, QS_IR_ERROR_INVALID,
               "“%.*s” is not a dimension", (int) MIN (len, 40), text);
  return FALSE;
}

gboolean
_qs_parse_shape_into (const char  *text,
                      gsize        len,
                      guint        max_rank,
                      gint64       max_dim,
                      int         *rank,
                      GArray      *dims,
                      GArray      *ranges,
                      GError     **error)
{
  const char *p = skip_space (text, text + len);
  const char *end = trim_end (p, text + len);
  gboolean any_range = FALSE;

  g_array_set_size (dims, 0);
  g_array_set_size (ranges, 0);
  *rank = 0;

  if (p < end && *p == '[')
    {
      if (end[-1] != ']')
        {
          g_set_error (error, QS_IR_ERROR, QS_IR_ERROR_INVALID,
                       "shape “%.*s” opens a bracket it does not close", (int) MIN (len, 40), text);
          return FALSE;
        }
      p = skip_space (p + 1, end - 1);
      end = trim_end (p, end - 1);
    }

  /* the common case, "1, 64, 56, 56": plain digits, commas and spaces, in
   * one pass; anything else (and any error) takes the general way below */
  {
    const char *q;
    gint64 v = 0;
    guint digits = 0;
    gboolean spaced = FALSE, plain = TRUE;

    for (q = p; q < end && plain; q++)
      {
        if ((guint) (*q - '0') < 10)
          {
            /* at most 18 digits: the value cannot overflow */
            plain = !spaced && digits < 18;
            if (plain)
              v = v * 10 + (*q - '0');
            digits++;
          }
        else if (*q == ',')
          {
            plain = digits > 0 && v <= max_dim && dims->len < max_rank;
            if (plain)
              g_array_append_val (dims, v);
            v = 0, digits = 0, spaced = FALSE;
          }
        else if (*q == ' ')
          spaced = digits > 0;
        else
          plain = FALSE;
      }
    if (plain && p < end)
      {
        plain = digits > 0 && v <= max_dim && dims->len < max_rank;
        if (plain)
          {
            g_array_append_val (dims, v);
            *rank = dims->len;
            return TRUE;
          }
      }
    g_array_set_size (dims, 0);
  }

  if (g_strstr_len (p, end - p, "...") != NULL)
    {
      *rank = QS_RANK_DYNAMIC;
      return TRUE;
    }
  if (p == end)
    return TRUE;                         /* "" is a scalar */

  while (TRUE)
    {
      const char *comma = memchr (p, ',', end - p);
      const char *stop = comma ? comma : end;
      QsDimRange r;
      gint64 d;

      if (dims->len >= max_rank)
        {
          g_set_error (error, QS_IR_ERROR, QS_IR_ERROR_LIMIT,
                       "shape has more than %u dimensions", max_rank);
          return FALSE;
        }
      if (!_qs_parse_dim (p, stop - p, max_dim, &d, &r, error))
        return FALSE;
      if (d == QS_DIM_DYNAMIC && !(r.min == 0 && r.max == QS_DIM_UNBOUNDED))
        any_range = TRUE;
      g_array_append_val (dims, d);
      g_array_append_val (ranges, r);
      if (comma == NULL)
        break;
      p = comma + 1;
    }

  if (!any_range)
    g_array_set_size (ranges, 0);
  *rank = dims->len;
  return TRUE;
}

/**
 * qs_parse_shape:
 * @text: a partial shape: "1,3,224,224", "1, 3, ?, ?", "[1..8,3]", "" (scalar), "..."
 * @shape: (out caller-allocates): filled; release with qs_shape_clear()
 */
gboolean
qs_parse_shape (const char  *text,
                QsShape     *shape,
                GError     **error)
{
  g_autoptr(GArray) dims = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (QsDimRange));
  const QsLoadLimits *limits = qs_load_limits_default ();

  memset (shape, 0, sizeof *shape);
  if (text == NULL)
    text = "";
  if (!_qs_parse_shape_into (text, strlen (text), limits->max_rank, limits->max_dim,
                             &shape->rank, dims, ranges, error))
    return FALSE;
  if (dims->len > 0)
    shape->dims = g_memdup2 (dims->data, dims->len * sizeof (gint64));
  if (ranges->len > 0)
    shape->ranges = g_memdup2 (ranges->data, ranges->len * sizeof (QsDimRange));
  return TRUE;
}

void
qs_shape_clear (QsShape *shape)
{
  g_clear_pointer (&shape->dims, g_free);
  g_clear_pointer (&shape->ranges, g_free);
  shape->rank = 0;
}

gboolean
qs_shape_is_static (const QsShape *shape)
{
  int i;

  if (shape->rank < 0)
    return FALSE;
  for (i = 0; i < shape->rank; i++)
    if (shape->dims[i] < 0)
      return FALSE;
  return TRUE;
}

/* Overflow-checked product of a static shape. */
gboolean
qs_shape_n_elements (const QsShape *shape,
                     guint64       *n_elements)
{
  guint64 n = 1;
  int i;

  if (!qs_shape_is_static (shape))
    return FALSE;
  for (i = 0; i < shape->rank; i++)
    {
      guint64 d = (guint64) shape->dims[i];
      if (d != 0 && n > G_MAXUINT64 / d)
        return FALSE;
      n *= d;
    }
  *n_elements = n;
  return TRUE;
}

char *
qs_shape_to_string (const QsShape *shape)
{
  GString *s = g_string_new ("[");
  int i;

  if (shape->rank < 0)
    {
      g_string_append (s, "...]");
      return g_string_free (s, FALSE);
    }
  for (i = 0; i < shape->rank; i++)
    {
      if (i > 0)
        g_string_append (s, ",");
      if (shape->ranges != NULL && shape->dims[i] < 0 &&
          !(shape->ranges[i].min == 0 && shape->ranges[i].max == QS_DIM_UNBOUNDED))
        {
          g_string_append_printf (s, "%" G_GINT64_FORMAT "..", shape->ranges[i].min);
          if (shape->ranges[i].max != QS_DIM_UNBOUNDED)
            g_string_append_printf (s, "%" G_GINT64_FORMAT, shape->ranges[i].max);
        }
      else if (shape->dims[i] < 0)
        g_string_append (s, "?");
      else
        g_string_append_printf (s, "%" G_GINT64_FORMAT, shape->dims[i]);
    }
  g_string_append (s, "]");
  return g_string_free (s, FALSE);
}

gboolean
qs_shape_equal (const QsShape *a,
                const QsShape *b)
{
  if (a->rank != b->rank)
    return FALSE;
  if (a->rank <= 0)
    return TRUE;
  return memcmp (a->dims, b->dims, a->rank * sizeof (gint64)) == 0;
}

/* ------------------------------------------------------------------------ */
/* Nodes                                                                    */

static int
compare_node_id (const void *key,
                 const void *elem)
{
  guint64 id = *(const guint64 *) key;
  const QsNode *node = *(QsNode * const *) elem;

  return id < node->id ? -1 : id > node->id ? 1 : 0;
}

/* A layer id and the layer's position, for sorting ids. */
typedef struct
{
  guint64 id;
  guint32 index;
} IdIndex;

static int
compare_id_index (const void *a,
                  const void *b)
{
  const IdIndex *x = a, *y = b;

  if (x->id != y->id)
    return x->id < y->id ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);   /* equal ids in list order */
}

/* Fills @order with 0 .. @n - 1 sorted by @ids, equal ids in list order.
 * Sorting compact (id, index) pairs reads no node: on a big graph each
 * node read is a cache miss. */
void
_qs_order_by_id (const guint64 *ids,
                 guint          n,
                 guint32       *order)
{
  g_autofree IdIndex *pairs = g_new (IdIndex, MAX (n, 1));
  guint i;

  for (i = 0; i < n; i++)
    pairs[i] = (IdIndex) { ids[i], i };
  qsort (pairs, n, sizeof (IdIndex), compare_id_index);
  for (i = 0; i < n; i++)
    order[i] = pairs[i].index;
}

void
_qs_graph_index_ids (QsGraph *graph,
                     QsArena *arena)
{
  guint n = graph->n_nodes, i;
  gboolean sorted = TRUE;

  /* writers emit ids in order more often than not */
  for (i = 1; i < n && sorted; i++)
    sorted = graph->nodes[i - 1]->id <= graph->nodes[i]->id;
  if (sorted)
    {
      graph->by_id = qs_arena_memdup (arena, graph->nodes, n * sizeof (QsNode *));
      return;
    }
  {
    g_autofree guint64 *ids = g_new (guint64, n);
    g_autofree guint32 *order = g_new (guint32, n);
    for (i = 0; i < n; i++)
      ids[i] = graph->nodes[i]->id;
    _qs_order_by_id (ids, n, order);
    graph->by_id = qs_arena_alloc (arena, n * sizeof (QsNode *));
    for (i = 0; i < n; i++)
      graph->by_id[i] = graph->nodes[order[i]];
  }
}

QsNode *
qs_graph_find_node (const QsGraph *graph,
                    guint64        id)
{
  QsNode **hit;

  g_return_val_if_fail (graph != NULL, NULL);

  if (graph->by_id == NULL)
    {
      guint i;
      for (i = 0; i < graph->n_nodes; i++)
        if (graph->nodes[i]->id == id)
          return graph->nodes[i];
      return NULL;
    }
  hit = bsearch (&id, graph->by_id, graph->n_nodes, sizeof (QsNode *), compare_node_id);
  return hit ? *hit : NULL;
}

QsNode *
qs_graph_find_node_by_name (const QsGraph *graph,
                            const char    *name)
{
  guint i;

  for (i = 0; i < graph->n_nodes; i++)
    if (g_strcmp0 (graph->nodes[i]->name, name) == 0)
      return graph->nodes[i];
  return NULL;
}

/* Type names compare case-insensitively, as OpenVINO looks them up. */
gboolean
qs_node_is_type (const QsNode *node,
                 const char   *type)
{
  return g_ascii_strcasecmp (node->type, type) == 0;
}

/* The N of "opsetN", or 0 for "extension", "experimental" and friends. */
int
qs_node_opset (const QsNode *node)
{
  gint64 n;

  if (g_str_has_prefix (node->version, "opset") && qs_parse_int64 (node->version + 5, &n) &&
      n > 0 && n < 1000)
    return (int) n;
  return 0;
}

const QsPort *
qs_node_input_source (const QsNode *node,
                      guint         input)
{
  if (input >= node->n_inputs)
    return NULL;
  return node->inputs[input].source;
}

QsNode *
qs_node_input_node (const QsNode *node,
                    guint         input)
{
  const QsPort *src = qs_node_input_source (node, input);

  return src ? src->node : NULL;
}

const char *
qs_node_get_attr (const QsNode *node,
                  const char   *key)
{
  guint i;

  for (i = 0; i < node->n_attrs; i++)
    if (strcmp (node->attr_keys[i], key) == 0)
      return node->attr_values[i];
  return NULL;
}

static void
set_attr_error (const QsNode  *node,
                const char    *key,
                const char    *value,
                const char    *what,
                GError       **error)
{
  g_set_error (error, QS_IR_ERROR, QS_IR_ERROR_INVALID,
               "layer %" G_GUINT64_FORMAT " “%s” (%s): attribute %s=“%s” is not %s",
               node->id, node->name, node->type, key, value, what);
}

gboolean
qs_node_get_int (const QsNode  *node,
                 const char    *key,
                 gint64         fallback,
                 gint64        *value,
                 GError       **error)
{
  const char *text = qs_node_get_attr (node, key);

  if (text == NULL)
    {
      *value = fallback;
      return TRUE;
    }
  if (!qs_parse_int64 (text, value))
    {
      set_attr_error (node, key, text, "an integer", error);
      return FALSE;
    }
  return TRUE;
}

gboolean
qs_node_get_double (const QsNode  *node,
                    const char    *key,
                    double         fallback,
                    double        *value,
                    GError       **error)
{
  const char *text = qs_node_get_attr (node, key);

  if (text == NULL)
    {
      *value = fallback;
      return TRUE;
    }
  if (!qs_parse_double (text, value))
    {
      set_attr_error (node, key, text, "a number", error);
      return FALSE;
    }
  return TRUE;
}

gboolean
qs_node_get_bool (const QsNode  *node,
                  const char    *key,
                  gboolean       fallback,
                  gboolean      *value,
                  GError       **error)
{
  const char *text = qs_node_get_attr (node, key);

  if (text == NULL)
    {
      *value = fallback;
      return TRUE;
    }
  if (!qs_parse_bool (text, value))
    {
      set_attr_error (node, key, text, "true or false", error);
      return FALSE;
    }
  return TRUE;
}

/**
 * qs_node_get_int_list:
 * Returns: (transfer full) (nullable): gint64 values; an empty array when the
 *   attribute is absent; NULL with @error set when it is malformed.
 */
GArray *
qs_node_get_int_list (const QsNode  *node,
                      const char    *key,
                      GError       **error)
{
  const char *text = qs_node_get_attr (node, key);
  GArray *list = qs_parse_int_list (text);

  if (list == NULL)
    set_attr_error (node, key, text, "a list of integers", error);
  return list;
}

/**
 * qs_node_get_float_list:
 * Returns: (transfer full) (nullable): double values, as qs_node_get_int_list().
 */
GArray *
qs_node_get_float_list (const QsNode  *node,
                        const char    *key,
                        GError       **error)
{
  const char *text = qs_node_get_attr (node, key);
  GArray *list = qs_parse_float_list (text);

  if (list == NULL)
    set_attr_error (node, key, text, "a list of numbers", error);
  return list;
}

char **
qs_port_dup_names (const QsPort *port)
{
  GPtrArray *out = g_ptr_array_new ();
  GString *cur;
  const char *p;

  if (port->names == NULL || port->names[0] == '\0')
    {
      g_ptr_array_add (out, NULL);
      return (char **) g_ptr_array_free (out, FALSE);
    }

  cur = g_string_new (NULL);
  for (p = port->names; ; p++)
    {
      if (*p == '\\' && p[1] == ',')
        {
          g_string_append_c (cur, ',');
          p++;
        }
      else if (*p == ',' || *p == '\0')
        {
          g_ptr_array_add (out, g_strdup (cur->str));
          g_string_truncate (cur, 0);
          if (*p == '\0')
            break;
        }
      else
        g_string_append_c (cur, *p);
    }
  g_string_free (cur, TRUE);
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

float *
qs_const_to_f32 (const QsNode  *node,
                 GError       **error)
{
  const QsConstData *k = node->konst;
  float *out;

  if (k == NULL)
    {
      g_set_error (error, QS_IR_ERROR, QS_IR_ERROR_INVALID,
                   "layer %" G_GUINT64_FORMAT " “%s” is a %s, not a Const",
                   node->id, node->name, node->type);
      return NULL;
    }
  if (k->data == NULL && k->n_elements > 0)
    {
      g_set_error (error, QS_IR_ERROR, QS_IR_ERROR_WEIGHTS,
                   "layer %" G_GUINT64_FORMAT " “%s”: the weights were not loaded",
                   node->id, node->name);
      return NULL;
    }
  if (!qs_element_type_is_numeric (k->element_type))
    {
      g_set_error (error, QS_IR_ERROR, QS_IR_ERROR_ELEMENT_TYPE,
                   "layer %" G_GUINT64_FORMAT " “%s”: %s data cannot be read as numbers",
                   node->id, node->name, qs_element_type_name (k->element_type));
      return NULL;
    }
  out = g_try_new (float, MAX (k->n_elements, 1));
  if (out == NULL)
    {
      g_set_error (error, QS_IR_ERROR, QS_IR_ERROR_LIMIT,
                   "layer %" G_GUINT64_FORMAT " “%s”: %" G_GUINT64_FORMAT " elements do not fit in memory",
                   node->id, node->name, k->n_elements);
      return NULL;
    }
  qs_element_type_to_f32 (k->element_type, k->data, k->n_elements, out);
  return out;
}

/* ------------------------------------------------------------------------ */
/* Topological order                                                        */

/* Kahn's algorithm, seeded and fed in document order so that the result is
 * stable and reads like the file.  On a cycle, walk back from a node that
 * never became ready until a node repeats: that node is on the cycle. */
/* Kahn's order over a graph given as arrays: @pending[i] counts the inputs
 * of node i that have a source (it is used up), @succ[@first[i]] up to
 * @succ[@first[i + 1]] are the consumers of node i, output by output, each
 * output's in consumer-list order.  The nodes without inputs come first, in
 * index order.  Fills @order and returns how many nodes it placed: fewer
 * than @n when some lie on a cycle. */
guint
_qs_topo_order (guint          n,
                guint32       *pending,
                const guint32 *first,
                const guint32 *succ,
                guint32       *order)
{
  guint head = 0, tail = 0, i;

  for (i = 0; i < n; i++)
    if (pending[i] == 0)
      order[tail++] = i;
  while (head < tail)
    {
      guint u = order[head++];
      guint k;
      for (k = first[u]; k < first[u + 1]; k++)
        if (--pending[succ[k]] == 0)
          order[tail++] = succ[k];
    }
  return tail;
}

gboolean
_qs_graph_sort (QsGraph  *graph,
                QsArena  *arena,
                QsNode  **cycle)
{
  guint n = graph->n_nodes;
  g_autofree guint32 *pending = g_new0 (guint32, MAX (n, 1));
  g_autofree guint32 *first = g_new0 (guint32, n + 1);
  g_autofree guint32 *succ = NULL;
  g_autofree guint32 *order = g_new (guint32, MAX (n, 1));
  guint i, k = 0;

  for (i = 0; i < n; i++)
    {
      QsNode *node = graph->nodes[i];
      guint j;
      for (j = 0; j < node->n_inputs; j++)
        if (node->inputs[j].source != NULL)
          pending[i]++;
      first[i + 1] = first[i];
      for (j = 0; j < node->n_outputs; j++)
        first[i + 1] += node->outputs[j].n_consumers;
    }
  succ = g_new (guint32, MAX (first[n], 1));
  for (i = 0; i < n; i++)
    {
      QsNode *node = graph->nodes[i];
      guint o, c;
      for (o = 0; o < node->n_outputs; o++)
        for (c = 0; c < node->outputs[o].n_consumers; c++)
          succ[k++] = node->outputs[o].consumers[c]->node->index;
    }

  if (_qs_topo_order (n, pending, first, succ, order) < n)
    {
      g_autofree guint8 *seen = g_new0 (guint8, n);
      QsNode *node = NULL;

      for (i = 0; i < n; i++)
        if (pending[i] > 0)
          {
            node = graph->nodes[i];
            break;
          }
      while (!seen[node->index])
        {
          guint j;
          seen[node->index] = 1;
          for (j = 0; j < node->n_inputs; j++)
            {
              QsPort *src = node->inputs[j].source;
              if (src != NULL && pending[src->node->index] > 0)
                {
                  node = src->node;
                  break;
                }
            }
        }
      *cycle = node;
      return FALSE;
    }

  graph->topo = qs_arena_alloc (arena, sizeof (QsNode *) * MAX (n, 1));
  for (i = 0; i < n; i++)
    graph->topo[i] = graph->nodes[order[i]];
  return TRUE;
}

gboolean *
qs_graph_constant_nodes (const QsGraph *graph)
{
  gboolean *constant = g_new0 (gboolean, MAX (graph->n_nodes, 1));
  guint k, i;

  for (k = 0; k < graph->n_nodes; k++)
    {
      const QsNode *n = graph->topo[k];
      gboolean c;

      if (qs_node_is_type (n, "Const"))
        c = TRUE;
      else if (qs_node_is_type (n, "Parameter") || qs_node_is_type (n, "ReadValue") ||
               qs_node_is_type (n, "Assign"))
        c = FALSE;
      else
        {
          c = TRUE;
          for (i = 0; c && i < n->n_inputs; i++)
            {
              const QsPort *src = n->inputs[i].source;
              c = src == NULL || constant[src->node->index];
            }
        }
      constant[n->index] = c;
    }
  return constant;
}

gboolean
qs_node_quantizes_activation (const QsNode   *node,
                              const gboolean *constant)
{
  const QsPort *data;

  if (!qs_node_is_type (node, "FakeQuantize") || node->n_inputs < 1)
    return FALSE;
  data = node->inputs[0].source;
  return data != NULL && !constant[data->node->index];
}
