/* qs-ir-reader.c — OpenVINO IR v10/v11 into a QsModel
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The XML is read in one streaming SAX2 pass straight into the model's arena:
 * no DOM is ever built, so memory is the graph itself plus a fixed window of
 * the file.  The .bin is mapped read-only and Const layers keep views into it.
 * Finishing a graph (edges, consumer lists, a topological order) works on
 * compact per-node records kept while reading and never walks the nodes
 * themselves, which lie scattered over tens of megabytes in a big model;
 * equal shapes and attribute arrays are shared, so that a model costs a
 * little more memory than its XML text.
 *
 * IR files never carry a DTD or entities, so any document type declaration
 * stops the parse: that closes external entities, DTD loading and entity
 * expansion ("billion laughs") at the door.  The parser also runs with
 * XML_PARSE_NONET and libxml2's default depth and size limits.
 *
 * Errors name the file, the line and, once inside a layer, the layer's id,
 * name and type; the first error stops the parse.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/globals.h>

#include "qs-exec.h"
#include "qs-graph-private.h"
#include "qs-text.h"

G_DEFINE_QUARK (qs-ir-error-quark, qs_ir_error)

static const QsLoadLimits default_limits = {
  .max_layers = 4000000,
  .max_depth = 128,
  .max_rank = 64,
  .max_dim = G_MAXINT32,
  .max_elements = G_GUINT64_CONSTANT (1) << 36,
};

const QsLoadLimits *
qs_load_limits_default (void)
{
  return &default_limits;
}

#define CHUNK_SIZE (64 * 1024)   /* small enough that the read buffer and libxml2's stay in cache */

typedef enum
{
  CTX_OTHER = 0,     /* an element qscope does not read; its children are skipped */
  CTX_DOCUMENT,
  CTX_NET,
  CTX_LAYERS,
  CTX_LAYER,
  CTX_PORTS_IN,
  CTX_PORTS_OUT,
  CTX_PORT,
  CTX_DIM,
  CTX_EDGES,
  CTX_BODY,
  CTX_CAPTURE,       /* kept as XML text: rt_info, meta_data, port maps */
} Ctx;

/* A growable array of one item type, appended to without a call: the reader
 * appends several items per layer, millions in a big model. */
typedef struct
{
  gpointer data;
  guint    len;
  guint    capacity;
} Vec;

static void
vec_init (Vec   *v,
          gsize  item_size,
          guint  capacity)
{
  v->data = capacity > 0 ? g_malloc_n (capacity, item_size) : NULL;
  v->len = 0;
  v->capacity = capacity;
}

static void
vec_grow (Vec   *v,
          gsize  item_size)
{
  if (v->capacity > G_MAXUINT / 2)
    g_error ("the reader's arrays outgrow 32-bit indices");
  v->capacity = MAX (16, 2 * v->capacity);
  v->data = g_realloc_n (v->data, v->capacity, item_size);
}

static inline gpointer
vec_push (Vec   *v,
          gsize  item_size)
{
  if (G_UNLIKELY (v->len == v->capacity))
    vec_grow (v, item_size);
  return (guint8 *) v->data + item_size * v->len++;
}

#define VEC_PUSH(v, type)   (*(type *) vec_push ((v), sizeof (type)))
#define VEC_DATA(v, type)   ((type *) (v)->data)
#define vec_clear(v)        g_clear_pointer (&(v)->data, g_free)

typedef struct
{
  guint64  from_layer;
  guint64  to_layer;
  guint32  from_port;
  guint32  to_port;
  guint    line;
} EdgeRec;

typedef struct
{
  guint   xml_id;
  QsElementType element_type;
  const char *names;
  const char *rt_info;
  guint   dims_start;    /* into Reader.dims */
  guint   n_dims;
  gboolean has_ranges;
} PortRec;

/* What finishing a graph needs to know of a node, kept in one compact array
 * so that resolving edges and sorting never walk the nodes themselves
 * (100,000 of them lie scattered over tens of megabytes). */
typedef struct
{
  QsPort  *ports;        /* inputs, then outputs */
  guint32  port_first;   /* into GraphRec.port_ids */
  guint32  n_inputs;
  guint32  n_outputs;
} NodeRec;

/* One graph being read: the top-level net or a sub-graph body. */
typedef struct _GraphRec GraphRec;
struct _GraphRec
{
  GraphRec  *outer;
  QsNode    *owner;      /* the layer whose body this is, or NULL */
  const char *body_name;
  Vec        nodes;      /* QsNode* in document order */
  Vec        ids;        /* guint64: their ids, so that indexing them reads no node */
  Vec        recs;       /* NodeRec, parallel to nodes */
  Vec        port_ids;   /* guint32: every node's port ids, inputs then outputs */
  Vec        edges;      /* EdgeRec */
  GPtrArray *parameters; /* QsNode*, found by type as the layers are read */
  GPtrArray *results;
  GPtrArray *sinks;
  QsGraph   *graph;      /* the result; its nodes point to it from the start */
};

/* Arrays given out lately, one per slot by a hash of their
 * bytes: an equal array is then found with one comparison. */
#define SHARE_SLOTS 64   /* share_array() takes 6 bits of its hash */

typedef struct
{
  struct
  {
    gconstpointer data;
    gsize         size;
  } slot[SHARE_SLOTS];
} ShareCache;

/* Layer types the reader treats specially, told apart once per type name. */
typedef enum
{
  KIND_OTHER,
  KIND_CONST,
  KIND_PARAMETER,
  KIND_RESULT,
  KIND_ASSIGN,
} NodeKind;

/* A few short strings that repeat on every layer (types, versions,
 * precisions, Const element types), with the interned copy and what they
 * mean: a linear look-up over a handful of entries costs less than hashing
 * the text. */
#define STRING_CACHE_SIZE 48

typedef struct
{
  const char *text;      /* interned, NUL-terminated */
  guint       len;
  int         tag;       /* what cache_intern()'s classifier made of it */
} CachedString;

typedef struct
{
  CachedString entries[STRING_CACHE_SIZE];
  guint        n;
} StringCache;

typedef struct _BodyList BodyList;
struct _BodyList
{
  QsGraph    *graph;
  const char *name;
  BodyList   *next;
};

/* The layer being read. */
typedef struct
{
  QsNode    *node;
  NodeKind   kind;
  Vec        in_ports;    /* PortRec */
  Vec        out_ports;
  const char **attr_keys;  /* the <data> attributes, attr_capacity of each */
  const char **attr_values;
  guint      n_attrs;
  guint      attr_capacity;
  GString   *port_maps;
  BodyList  *bodies;
  guint      n_bodies;
  PortRec   *port;        /* the port being read, in in_ports or out_ports */
  guint      dims_base;   /* Reader.dims length when the layer began: the
                           * layer's own dims follow, an enclosing layer's
                           * (a TensorIterator around a body) precede */
} LayerRec;

/* Element and attribute names as libxml2's dictionary holds them: SAX2 hands
 * names over from that dictionary, so a pointer comparison identifies one. */
typedef struct
{
  const xmlChar *net, *layers, *layer, *data, *input, *output, *port, *dim, *edges, *edge, *rt_info, *meta_data, *quantization_parameters, *body, *then_body, *else_body, *port_map, *back_edges, *then_port_map, *else_port_map, *blobs, *weights, *biases;
  const xmlChar *a_id, *a_name, *a_type, *a_version, *a_precision, *a_names, *a_from_layer, *a_from_port, *a_to_layer, *a_to_port;
} Keys;

typedef struct
{
  xmlParserCtxtPtr  ctxt;
  Keys              k;
  QsModel          *model;
  QsModelPrivate   *priv;
  const char       *basename;
  QsLoadFlags       flags;
  GError           *error;

  Ctx               stack[256];
  guint             depth;
  guint             max_depth;    /* the limit, and never past the stack */

  GraphRec         *graph;        /* innermost graph being read */
  LayerRec         *layer;        /* innermost layer being read */
  GPtrArray        *layer_stack;  /* LayerRec* of enclosing layers (bodies nest) */
  GPtrArray        *layer_pool;   /* LayerRec* ready for reuse: no allocation per layer */

  /* Caches for strings that repeat on every layer. */
  StringCache       precisions;    /* port precision="" -> QsElementType */
  StringCache       const_types;   /* Const element_type="" -> QsElementType */
  GHashTable       *keys;         /* libxml2's interned attribute name -> DataKey */
  gpointer          key_slots[64]; /* DataKey*: the last one seen per key_slot() */

  /* text of the current <dim> (at most 64 characters) */
  char              dim_text[65];
  guint             dim_len;
  /* <dim> values of the ports of the current layer; plain arrays, since
   * there are several per port and hundreds of thousands in a big model */
  gint64           *dims;
  QsDimRange       *ranges;       /* parallel to dims */
  guint             n_dims;
  guint             dims_capacity;

  /* capture of an element as XML text */
  GString          *capture;
  guint             capture_depth;
  gboolean          capture_open_tag;
  const char      **capture_target;

  StringCache       types;
  GHashTable       *canonical_types;  /* interned type → the spelling the executor knows */
  StringCache       versions;
  /* shapes given to ports, and <data> key and value arrays, seen lately:
   * most repeat one, and sharing the read-only arrays saves a fifth of a big
   * model's memory */
  ShareCache        shared_dims;
  ShareCache        shared_ptrs;
  /* our interned <data> keys a Const reads */
  const char       *key_element_type, *key_shape, *key_offset, *key_size;

  guint64           n_layers;
  guint64           n_const_bytes;
  guint             n_consts_with_data;
  gboolean          saw_net;
  gboolean          net_done;

  GArray           *scratch_dims;
  GArray           *scratch_ranges;
} Reader;

static void
reader_init_keys (Reader *r)
{
  xmlDictPtr dict = r->ctxt->dict;

  r->k.net = xmlDictLookup (dict, BAD_CAST "net", -1);
  r->k.layers = xmlDictLookup (dict, BAD_CAST "layers", -1);
  r->k.layer = xmlDictLookup (dict, BAD_CAST "layer", -1);
  r->k.data = xmlDictLookup (dict, BAD_CAST "data", -1);
  r->k.input = xmlDictLookup (dict, BAD_CAST "input", -1);
  r->k.output = xmlDictLookup (dict, BAD_CAST "output", -1);
  r->k.port = xmlDictLookup (dict, BAD_CAST "port", -1);
  r->k.dim = xmlDictLookup (dict, BAD_CAST "dim", -1);
  r->k.edges = xmlDictLookup (dict, BAD_CAST "edges", -1);
  r->k.edge = xmlDictLookup (dict, BAD_CAST "edge", -1);
  r->k.rt_info = xmlDictLookup (dict, BAD_CAST "rt_info", -1);
  r->k.meta_data = xmlDictLookup (dict, BAD_CAST "meta_data", -1);
  r->k.quantization_parameters = xmlDictLookup (dict, BAD_CAST "quantization_parameters", -1);
  r->k.body = xmlDictLookup (dict, BAD_CAST "body", -1);
  r->k.then_body = xmlDictLookup (dict, BAD_CAST "then_body", -1);
  r->k.else_body = xmlDictLookup (dict, BAD_CAST "else_body", -1);
  r->k.port_map = xmlDictLookup (dict, BAD_CAST "port_map", -1);
  r->k.back_edges = xmlDictLookup (dict, BAD_CAST "back_edges", -1);
  r->k.then_port_map = xmlDictLookup (dict, BAD_CAST "then_port_map", -1);
  r->k.else_port_map = xmlDictLookup (dict, BAD_CAST "else_port_map", -1);
  r->k.blobs = xmlDictLookup (dict, BAD_CAST "blobs", -1);
  r->k.weights = xmlDictLookup (dict, BAD_CAST "weights", -1);
  r->k.biases = xmlDictLookup (dict, BAD_CAST "biases", -1);
  r->k.a_id = xmlDictLookup (dict, BAD_CAST "id", -1);
  r->k.a_name = xmlDictLookup (dict, BAD_CAST "name", -1);
  r->k.a_type = xmlDictLookup (dict, BAD_CAST "type", -1);
  r->k.a_version = xmlDictLookup (dict, BAD_CAST "version", -1);
  r->k.a_precision = xmlDictLookup (dict, BAD_CAST "precision", -1);
  r->k.a_names = xmlDictLookup (dict, BAD_CAST "names", -1);
  r->k.a_from_layer = xmlDictLookup (dict, BAD_CAST "from-layer", -1);
  r->k.a_from_port = xmlDictLookup (dict, BAD_CAST "from-port", -1);
  r->k.a_to_layer = xmlDictLookup (dict, BAD_CAST "to-layer", -1);
  r->k.a_to_port = xmlDictLookup (dict, BAD_CAST "to-port", -1);
}

static guint
reader_line (Reader *r)
{
  return r->ctxt ? (guint) xmlSAX2GetLineNumber (r->ctxt) : 0;
}

/* Sets the first error, prefixed with file, line and layer, and stops. */
G_GNUC_PRINTF (4, 5)
static void
reader_fail_at (Reader     *r,
                guint       line,
                QsIrError   code,
                const char *format,
                ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  if (r->error != NULL)
    return;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  if (line == 0)
    g_set_error (&r->error, QS_IR_ERROR, code, "%s: %s", r->basename, msg);
  else if (r->layer != NULL && r->layer->node != NULL)
    {
      QsNode *n = r->layer->node;
      g_set_error (&r->error, QS_IR_ERROR, code, "%s:%u: layer %" G_GUINT64_FORMAT " “%s” (%s): %s",
                   r->basename, line, n->id, n->name ? n->name : "", n->type ? n->type : "?", msg);
    }
  else
    g_set_error (&r->error, QS_IR_ERROR, code, "%s:%u: %s", r->basename, line, msg);
  /* messages quote the file (a <dim> text, a name): keep them one line */
  qs_error_flatten (r->error);

  if (r->ctxt != NULL)
    xmlStopParser (r->ctxt);
}

#define reader_fail(r, code, ...) reader_fail_at ((r), reader_line (r), (code), __VA_ARGS__)

/* ------------------------------------------------------------------------ */
/* Attributes as SAX2 hands them over: 5 pointers each, values not terminated */

typedef struct
{
  const xmlChar **attrs;
  int             n;
} Attrs;

static gboolean
attr_find (const Attrs    *a,
           const xmlChar  *name,
           const char    **value,
           gsize          *len)
{
  int i;

  for (i = 0; i < a->n; i++)
    {
      const xmlChar **at = a->attrs + 5 * i;
      if (at[0] == name)
        {
          *value = (const char *) at[3];
          *len = at[4] - at[3];
          return TRUE;
        }
    }
  return FALSE;
}

static char *
attr_dup (Reader        *r,
          const Attrs   *a,
          const xmlChar *name)
{
  const char *v;
  gsize len;

  if (!attr_find (a, name, &v, &len))
    return NULL;
  return qs_arena_strndup (r->priv->arena, v, len);
}

static gboolean
parse_u64 (const char *v,
           gsize       len,
           guint64    *out)
{
  guint64 acc = 0;
  gsize i = 0;

  /* the common case, 1 to 19 plain digits, in one pass */
  if (len >= 1 && len <= 19)
    {
      for (; i < len && (guint) (v[i] - '0') < 10; i++)
        acc = acc * 10 + (guint) (v[i] - '0');
      if (i == len)
        {
          *out = acc;
          return TRUE;
        }
      acc = 0;
      i = 0;
    }

  while (i < len && g_ascii_isspace (v[i]))
    i++;
  while (len > i && g_ascii_isspace (v[len - 1]))
    len--;
  if (i == len)
    return FALSE;
  if (len - i <= 19)
    {
      /* 19 digits cannot overflow 64 bits: no check per digit */
      for (; i < len; i++)
        {
          if (!g_ascii_isdigit (v[i]))
            return FALSE;
          acc = acc * 10 + (guint) (v[i] - '0');
        }
    }
  else
    for (; i < len; i++)
      if (!g_ascii_isdigit (v[i]) || !g_uint64_checked_mul (&acc, acc, 10) ||
          !g_uint64_checked_add (&acc, acc, (guint) (v[i] - '0')))
        return FALSE;
  *out = acc;
  return TRUE;
}

/* A required unsigned attribute; fails the parse when absent or malformed. */
static gboolean
attr_u64 (Reader        *r,
          const Attrs   *a,
          const char    *element,
          const xmlChar *name,
          guint64       *out)
{
  const char *v;
  gsize len;

  if (!attr_find (a, name, &v, &len))
    {
      reader_fail (r, QS_IR_ERROR_INVALID, "<%s> has no %s attribute", element, (const char *) name);
      return FALSE;
    }
  if (!parse_u64 (v, len, out))
    {
      reader_fail (r, QS_IR_ERROR_INVALID, "<%s> attribute %s=“%.*s” is not a non-negative integer",
                   element, (const char *) name, (int) MIN (len, 40), v);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Capture: an element and its subtree written back as compact XML text     */

static void
capture_escape (GString    *s,
                const char *v,
                gsize       len,
                gboolean    attr)
{
  gsize i, run = 0;

  for (i = 0; i < len; i++)
    {
      const char *entity;

      switch (v[i])
        {
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '&': entity = "&amp;"; break;
        case '"': entity = attr ? "&quot;" : NULL; break;
        default: entity = NULL; break;
        }
      if (entity == NULL)
        continue;
      /* the plain text before it in one go */
      g_string_append_len (s, v + run, i - run);
      g_string_append (s, entity);
      run = i + 1;
    }
  g_string_append_len (s, v + run, len - run);
}

static void
capture_close_pending (Reader *r)
{
  if (r->capture_open_tag)
    {
      g_string_append_c (r->capture, '>');
      r->capture_open_tag = FALSE;
    }
}

static void
capture_start (Reader        *r,
               const char    *name,
               const Attrs   *a)
{
  int i;

  capture_close_pending (r);
  g_string_append_c (r->capture, '<');
  g_string_append (r->capture, name);
  for (i = 0; i < a->n; i++)
    {
      const xmlChar **at = a->attrs + 5 * i;
      g_string_append_c (r->capture, ' ');
      g_string_append (r->capture, (const char *) at[0]);
      g_string_append (r->capture, "=\"");
      capture_escape (r->capture, (const char *) at[3], at[4] - at[3], TRUE);
      g_string_append_c (r->capture, '"');
    }
  r->capture_open_tag = TRUE;
  r->capture_depth++;
}

static void
capture_end (Reader     *r,
             const char *name)
{
  if (r->capture_open_tag)
    {
      g_string_append (r->capture, "/>");
      r->capture_open_tag = FALSE;
    }
  else
    {
      g_string_append (r->capture, "</");
      g_string_append (r->capture, name);
      g_string_append_c (r->capture, '>');
    }
  r->capture_depth--;
}

static void on_characters (void          *user_data,
                           const xmlChar *ch,
                           int            len);

/* Text matters only inside <dim> and captured elements: elsewhere (the
 * indentation between elements, half of all SAX events) libxml2 is told not
 * to hand it over at all. */
static void
want_text (Reader   *r,
           gboolean  on)
{
  if (r->ctxt != NULL)
    r->ctxt->sax->characters = on ? on_characters : NULL;
}

static void
capture_begin (Reader      *r,
               const char  *name,
               const Attrs *a,
               const char **target)
{
  g_string_truncate (r->capture, 0);
  r->capture_depth = 0;
  r->capture_open_tag = FALSE;
  r->capture_target = target;
  capture_start (r, name, a);
  want_text (r, TRUE);
}

static void
capture_finish (Reader *r)
{
  const char *prev = *r->capture_target;

  /* A layer may have several port maps (If has two): keep them all. */
  if (prev != NULL)
    {
      g_autofree char *joined = g_strconcat (prev, "\n", r->capture->str, NULL);
      *r->capture_target = qs_arena_strndup (r->priv->arena, joined, strlen (joined));
    }
  else
    *r->capture_target = qs_arena_strndup (r->priv->arena, r->capture->str, r->capture->len);
  r->capture_target = NULL;
  want_text (r, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Graphs, layers and ports                                                  */

/* @expect_layers sizes the arrays up front: growing them by doubling copies
 * them and touches fresh pages each time, and a generous guess only reserves
 * address space until it is used. */
static GraphRec *
graph_rec_new (GraphRec   *outer,
               QsNode     *owner,
               const char *body_name,
               guint       expect_layers)
{
  GraphRec *g = g_new0 (GraphRec, 1);

  g->outer = outer;
  g->owner = owner;
  g->body_name = body_name;
  vec_init (&g->nodes, sizeof (QsNode *), expect_layers);
  vec_init (&g->ids, sizeof (guint64), expect_layers);
  vec_init (&g->recs, sizeof (NodeRec), expect_layers);
  vec_init (&g->port_ids, sizeof (guint32), 3 * expect_layers);
  vec_init (&g->edges, sizeof (EdgeRec), expect_layers + expect_layers / 2);
  g->parameters = g_ptr_array_new ();
  g->results = g_ptr_array_new ();
  g->sinks = g_ptr_array_new ();
  return g;
}

static void
graph_rec_free (GraphRec *g)
{
  vec_clear (&g->nodes);
  vec_clear (&g->ids);
  vec_clear (&g->recs);
  vec_clear (&g->port_ids);
  vec_clear (&g->edges);
  g_ptr_array_unref (g->parameters);
  g_ptr_array_unref (g->results);
  g_ptr_array_unref (g->sinks);
  g_free (g);
}

static LayerRec *
layer_rec_new (Reader *r)
{
  LayerRec *l;

  if (r->layer_pool->len > 0)
    return g_ptr_array_steal_index_fast (r->layer_pool, r->layer_pool->len - 1);

  l = g_new0 (LayerRec, 1);
  vec_init (&l->in_ports, sizeof (PortRec), 0);
  vec_init (&l->out_ports, sizeof (PortRec), 0);
  return l;
}

/* Empties a LayerRec and keeps it for the next layer. */
static void
layer_rec_recycle (Reader   *r,
                   LayerRec *l)
{
  l->in_ports.len = 0;
  l->out_ports.len = 0;
  l->n_attrs = 0;
  if (l->port_maps)
    g_string_free (g_steal_pointer (&l->port_maps), TRUE);
  while (l->bodies)
    {
      BodyList *next = l->bodies->next;
      g_free (l->bodies);
      l->bodies = next;
    }
  l->node = NULL;
  l->port = NULL;
  l->n_bodies = 0;
  g_ptr_array_add (r->layer_pool, l);
}

static void
layer_rec_free (LayerRec *l)
{
  vec_clear (&l->in_ports);
  vec_clear (&l->out_ports);
  g_free (l->attr_keys);
  g_free (l->attr_values);
  if (l->port_maps)
    g_string_free (l->port_maps, TRUE);
  while (l->bodies)
    {
      BodyList *next = l->bodies->next;
      g_free (l->bodies);
      l->bodies = next;
    }
  g_free (l);
}

static NodeKind
node_kind_of (const char *type)
{
  static const struct { const char *type; NodeKind kind; } kinds[] = {
    { "Const", KIND_CONST },
    { "Parameter", KIND_PARAMETER },
    { "Result", KIND_RESULT },
    { "Assign", KIND_ASSIGN },
  };
  guint i;

  /* the same test as qs_node_is_type() */
  for (i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_ascii_strcasecmp (type, kinds[i].type) == 0)
      return kinds[i].kind;
  return KIND_OTHER;
}

static int
element_type_tag (const char *text)
{
  return (int) qs_element_type_from_string (text);
}

static int
node_kind_tag (const char *text)
{
  return (int) node_kind_of (text);
}

/* The interned copy of @v from a small cache of the values seen so far, and
 * in *tag what @classify made of it. */
static const char *
cache_intern (Reader       *r,
              StringCache  *cache,
              const char   *v,
              gsize         len,
              int         (*classify) (const char *text),
              int          *tag)
{
  const char *text;
  guint i;

  for (i = 0; i < cache->n; i++)
    {
      CachedString *e = &cache->entries[i];
      if (e->len == len && memcmp (e->text, v, len) == 0)
        {
          *tag = e->tag;
          return e->text;
        }
    }

  {
    g_autofree char *copy = g_strndup (v, len);
    text = g_string_chunk_insert_const (r->priv->strings, copy);
  }
  *tag = classify (text);
  /* an embedded NUL (XML cannot hold one, but be sure) is not cached */
  if (strlen (text) == len && cache->n < STRING_CACHE_SIZE)
    cache->entries[cache->n++] = (CachedString) { text, (guint) len, *tag };
  return text;
}

/* The same for attribute @name, or NULL when it is absent. */
static const char *
attr_cached (Reader        *r,
             const Attrs   *a,
             const xmlChar *name,
             StringCache   *cache,
             int          (*classify) (const char *text),
             int           *tag)
{
  const char *v;
  gsize len;

  *tag = 0;
  if (!attr_find (a, name, &v, &len))
    return NULL;
  return cache_intern (r, cache, v, len, classify, tag);
}

static void
layer_begin (Reader      *r,
             const Attrs *a)
{
  GraphRec *g = r->graph;
  LayerRec *l;
  QsNode *node;
  guint64 id;
  int kind, unused;

  if (++r->n_layers > r->priv->limits.max_layers)
    {
      reader_fail (r, QS_IR_ERROR_LIMIT, "more than %" G_GUINT64_FORMAT " layers",
                   r->priv->limits.max_layers);
      return;
    }
  if (!attr_u64 (r, a, "layer", r->k.a_id, &id))
    return;

  if (g->graph == NULL)
    g->graph = qs_arena_new0 (r->priv->arena, QsGraph, 1);
  node = qs_arena_new0 (r->priv->arena, QsNode, 1);
  node->graph = g->graph;
  node->id = id;
  node->line = reader_line (r);
  node->index = g->nodes.len;
  node->name = attr_dup (r, a, r->k.a_name);
  node->type = attr_cached (r, a, r->k.a_type, &r->types, node_kind_tag, &kind);
  if (node->type != NULL)
    {
      /* type names match without regard to case, as in OpenVINO's reader
       * (its serializer writes "PRelu"); the graph keeps one spelling */
      const char *canonical;

      if (r->canonical_types == NULL)
        r->canonical_types = g_hash_table_new (NULL, NULL);
      canonical = g_hash_table_lookup (r->canonical_types, node->type);
      if (canonical == NULL)
        {
          canonical = qs_op_type_canonical (node->type);
          g_hash_table_insert (r->canonical_types, (gpointer) node->type, (gpointer) canonical);
        }
      if (canonical != node->type)
        {
          node->type = canonical;
          kind = node_kind_tag (canonical);
        }
    }
  node->version = attr_cached (r, a, r->k.a_version, &r->versions, node_kind_tag, &unused);
  if (node->version == NULL)
    node->version = "";

  g_assert (r->layer == NULL);  /* layers nest only through bodies */
  l = layer_rec_new (r);
  l->node = node;
  l->kind = kind;
  l->dims_base = r->n_dims;
  r->layer = l;
  VEC_PUSH (&g->nodes, QsNode *) = node;
  VEC_PUSH (&g->ids, guint64) = id;
  if (kind == KIND_PARAMETER)
    g_ptr_array_add (g->parameters, node);
  else if (kind == KIND_RESULT)
    g_ptr_array_add (g->results, node);
  else if (kind == KIND_ASSIGN)
    g_ptr_array_add (g->sinks, node);

  if (node->name == NULL)
    node->name = "";
  if (node->type == NULL || node->type[0] == '\0')
    {
      node->type = "?";
      reader_fail (r, QS_IR_ERROR_INVALID, "the layer has no type");
    }
}

/* A <data> attribute name, and the value it had last: values repeat from
 * layer to layer ("numpy", "f32", "1, 1") and then share one copy. */
typedef struct
{
  const xmlChar *name;      /* libxml2's */
  const char    *key;       /* interned */
  const char    *last_value;
  gsize          last_len;
} DataKey;

/* A slot of Reader.key_slots for @name, a pointer into libxml2's dictionary. */
static inline guint
key_slot (const xmlChar *name)
{
  return (guint) (((guint64) (guintptr) name * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)) >> 58);
}

static void
data_attrs (Reader      *r,
            const Attrs *a)
{
  LayerRec *l = r->layer;
  int i;

  for (i = 0; i < a->n; i++)
    {
      const xmlChar **at = a->attrs + 5 * i;
      const char *v = (const char *) at[3];
      gsize len = at[4] - at[3];
      /* attribute names come from libxml2's dictionary: one pointer per name */
      guint slot = key_slot (at[0]);
      DataKey *key = r->key_slots[slot];

      if (key == NULL || key->name != at[0])
        {
          key = g_hash_table_lookup (r->keys, at[0]);
          if (key == NULL)
            {
              key = qs_arena_new0 (r->priv->arena, DataKey, 1);
              key->name = at[0];
              key->key = g_string_chunk_insert_const (r->priv->strings, (const char *) at[0]);
              g_hash_table_insert (r->keys, (gpointer) at[0], key);
            }
          r->key_slots[slot] = key;
        }
      if (key->last_value == NULL || key->last_len != len || memcmp (key->last_value, v, len) != 0)
        {
          key->last_value = qs_arena_strndup (r->priv->arena, v, len);
          key->last_len = len;
        }
      if (l->n_attrs == l->attr_capacity)
        {
          l->attr_capacity = MAX (16, 2 * l->attr_capacity);
          l->attr_keys = g_renew (const char *, l->attr_keys, l->attr_capacity);
          l->attr_values = g_renew (const char *, l->attr_values, l->attr_capacity);
        }
      l->attr_keys[l->n_attrs] = key->key;
      l->attr_values[l->n_attrs] = key->last_value;
      l->n_attrs++;
    }
}

static void
port_begin (Reader      *r,
            const Attrs *a,
            gboolean     output)
{
  LayerRec *l = r->layer;
  Vec *ports = output ? &l->out_ports : &l->in_ports;
  PortRec rec = { 0 };
  guint64 id;
  const char *v;
  gsize len;
  guint i;

  if (!attr_u64 (r, a, "port", r->k.a_id, &id))
    return;
  if (id > G_MAXUINT32)
    {
      reader_fail (r, QS_IR_ERROR_INVALID, "port id %" G_GUINT64_FORMAT " is too large", id);
      return;
    }
  for (i = 0; i < l->in_ports.len; i++)
    if (VEC_DATA (&l->in_ports, PortRec)[i].xml_id == id)
      goto dup;
  for (i = 0; i < l->out_ports.len; i++)
    if (VEC_DATA (&l->out_ports, PortRec)[i].xml_id == id)
      goto dup;

  rec.xml_id = id;
  rec.element_type = QS_ELEMENT_UNDEFINED;
  if (attr_find (a, r->k.a_precision, &v, &len))
    {
      int tag;

      cache_intern (r, &r->precisions, v, len, element_type_tag, &tag);
      rec.element_type = (QsElementType) tag;
      if (rec.element_type == QS_ELEMENT_N_TYPES)
        {
          reader_fail (r, QS_IR_ERROR_ELEMENT_TYPE, "port %" G_GUINT64_FORMAT " has unknown precision “%.*s”",
                       id, (int) MIN (len, 40), v);
          return;
        }
    }
  rec.names = attr_dup (r, a, r->k.a_names);
  rec.dims_start = r->n_dims;
  VEC_PUSH (ports, PortRec) = rec;
  l->port = &VEC_DATA (ports, PortRec)[ports->len - 1];
  return;

dup:
  reader_fail (r, QS_IR_ERROR_INVALID, "port id %" G_GUINT64_FORMAT " appears twice", id);
}

static void
dim_end (Reader *r)
{
  PortRec *port = r->layer->port;
  const char *t = r->dim_text;
  guint len = r->dim_len;
  QsDimRange range;
  gint64 d;
  guint i;

  if (port->n_dims >= r->priv->limits.max_rank)
    {
      reader_fail (r, QS_IR_ERROR_LIMIT, "port %u has more than %u dimensions",
                   port->xml_id, r->priv->limits.max_rank);
      return;
    }

  /* nearly every <dim> is a few plain digits */
  for (i = 0, d = 0; i < len && i < 18 && g_ascii_isdigit (t[i]); i++)
    d = d * 10 + (t[i] - '0');
  if (len > 0 && i == len && d <= r->priv->limits.max_dim)
    range.min = range.max = d;
  else
    {
      GError *err = NULL;

      if (!_qs_parse_dim (t, len, r->priv->limits.max_dim, &d, &range, &err))
        {
          reader_fail (r, err->code, "port %u: %s", port->xml_id, err->message);
          g_error_free (err);
          return;
        }
      if (d == QS_DIM_DYNAMIC && !(range.min == 0 && range.max == QS_DIM_UNBOUNDED))
        port->has_ranges = TRUE;
    }

  if (r->n_dims == r->dims_capacity)
    {
      r->dims_capacity = MAX (64, 2 * r->dims_capacity);
      r->dims = g_renew (gint64, r->dims, r->dims_capacity);
      r->ranges = g_renew (QsDimRange, r->ranges, r->dims_capacity);
    }
  r->dims[r->n_dims] = d;
  r->ranges[r->n_dims] = range;
  r->n_dims++;
  port->n_dims++;
}

/* @size bytes (a multiple of 4) as an arena array, shared with an equal one
 * given out lately. */
static gpointer
share_array (Reader        *r,
             ShareCache    *cache,
             gconstpointer  items,
             gsize          size)
{
  const guint32 *w = items;
  guint64 h = 0x9e3779b97f4a7c15u ^ size;
  gpointer copy;
  gsize i;
  guint k;

  for (i = 0; i < size / 4; i++)
    h = (h ^ w[i]) * 0x100000001b3u;
  k = (guint) (h >> 58);   /* the top 6 bits: SHARE_SLOTS slots */
  if (cache->slot[k].data != NULL && cache->slot[k].size == size &&
      (size == 0 || memcmp (cache->slot[k].data, items, size) == 0))
    return (gpointer) cache->slot[k].data;

  copy = qs_arena_memdup (r->priv->arena, items, size);
  cache->slot[k].data = copy;
  cache->slot[k].size = size;
  return copy;
}

static void
fill_port (Reader        *r,
           QsNode        *node,
           QsPort        *port,
           const PortRec *rec,
           guint          index,
           gboolean       output)
{
  QsArena *arena = r->priv->arena;

  port->node = node;
  port->index = index;
  port->is_output = output;
  port->xml_id = rec->xml_id;
  port->element_type = rec->element_type;
  port->names = rec->names;
  port->rt_info = rec->rt_info;
  port->shape.rank = rec->n_dims;
  if (rec->n_dims > 0)
    {
      /* the arrays are read-only once loaded, so ports may share them */
      port->shape.dims = share_array (r, &r->shared_dims, r->dims + rec->dims_start, rec->n_dims * sizeof (gint64));
      if (rec->has_ranges)
        port->shape.ranges = qs_arena_memdup (arena, r->ranges + rec->dims_start,
                                              rec->n_dims * sizeof (QsDimRange));
    }
}

/* Const layers: element_type, shape, offset and size, checked against the .bin. */
static void
read_const (Reader *r,
            QsNode *node)
{
  QsModel *model = r->model;
  QsConstData *k;
  const char *et = NULL, *shape = NULL, *offset = NULL, *size = NULL;
  GError *err = NULL;
  guint line = node->line;
  guint64 need;
  guint i;

  /* <data> keys are interned: a pointer identifies one */
  for (i = 0; i < node->n_attrs; i++)
    {
      const char *key = node->attr_keys[i];
      if (key == r->key_element_type)
        et = node->attr_values[i];
      else if (key == r->key_shape)
        shape = node->attr_values[i];
      else if (key == r->key_offset)
        offset = node->attr_values[i];
      else if (key == r->key_size)
        size = node->attr_values[i];
    }

  if (et == NULL || shape == NULL || offset == NULL || size == NULL)
    {
      reader_fail_at (r, line, QS_IR_ERROR_INVALID,
                      "a Const needs element_type, shape, offset and size in <data>");
      return;
    }

  k = qs_arena_new0 (r->priv->arena, QsConstData, 1);
  node->konst = k;
  {
    int tag;
    cache_intern (r, &r->const_types, et, strlen (et), element_type_tag, &tag);
    k->element_type = (QsElementType) tag;
  }
  if (k->element_type == QS_ELEMENT_N_TYPES || k->element_type == QS_ELEMENT_UNDEFINED)
    {
      reader_fail_at (r, line, QS_IR_ERROR_ELEMENT_TYPE, "unknown element type “%s”", et);
      return;
    }
  if (!_qs_parse_shape_into (shape, strlen (shape), r->priv->limits.max_rank, r->priv->limits.max_dim,
                             &k->shape.rank, r->scratch_dims, r->scratch_ranges, &err))
    {
      reader_fail_at (r, line, err->code, "shape: %s", err->message);
      g_error_free (err);
      return;
    }
  if (k->shape.rank > 0)
    k->shape.dims = share_array (r, &r->shared_dims, r->scratch_dims->data, k->shape.rank * sizeof (gint64));
  if (!qs_shape_n_elements (&k->shape, &k->n_elements))
    {
      reader_fail_at (r, line, QS_IR_ERROR_INVALID, "shape “%s” is not static or overflows", shape);
      return;
    }
  if (k->n_elements > r->priv->limits.max_elements)
    {
      reader_fail_at (r, line, QS_IR_ERROR_LIMIT,
                      "%" G_GUINT64_FORMAT " elements are more than the limit of %" G_GUINT64_FORMAT,
                      k->n_elements, r->priv->limits.max_elements);
      return;
    }
  if (!parse_u64 (offset, strlen (offset), &k->offset) || !parse_u64 (size, strlen (size), &k->size))
    {
      reader_fail_at (r, line, QS_IR_ERROR_INVALID,
                      "offset=“%s” and size=“%s” must be non-negative integers", offset, size);
      return;
    }

  if (k->element_type == QS_ELEMENT_STRING)
    need = k->n_elements > 0 ? 4 + 4 * (k->n_elements + 1) : 0;
  else if (!qs_element_type_byte_size (k->element_type, k->n_elements, &need))
    {
      reader_fail_at (r, line, QS_IR_ERROR_INVALID, "the data size overflows");
      return;
    }
  /* OpenVINO accepts a size larger than the shape needs (a real tokenizer IR
   * stores a 0-element Const with size=1); only a short one is an error. */
  if (k->size < need)
    {
      reader_fail_at (r, line, QS_IR_ERROR_WEIGHTS,
                      "size=%" G_GUINT64_FORMAT " does not match shape “%s” of %s (%" G_GUINT64_FORMAT " bytes)",
                      k->size, shape, qs_element_type_name (k->element_type), need);
      return;
    }

  if (node->n_outputs == 1 && node->outputs[0].shape.rank >= 0 && qs_shape_is_static (&node->outputs[0].shape) &&
      !(node->outputs[0].shape.rank == 1 && k->shape.rank == 0) &&
      !qs_shape_equal (&node->outputs[0].shape, &k->shape))
    {
      g_autofree char *port_shape = qs_shape_to_string (&node->outputs[0].shape);
      reader_fail_at (r, line, QS_IR_ERROR_INVALID, "shape “%s” differs from its output port %s", shape, port_shape);
      return;
    }

  if (k->size > 0)
    r->n_consts_with_data++;
  r->n_const_bytes += k->size;

  if (model->bin_data == NULL)
    return;
  if (k->offset > model->bin_size || k->size > model->bin_size - k->offset)
    {
      reader_fail_at (r, line, QS_IR_ERROR_WEIGHTS,
                      "%" G_GUINT64_FORMAT " bytes at offset %" G_GUINT64_FORMAT " lie outside %s (%" G_GSIZE_FORMAT " bytes)",
                      k->size, k->offset, model->bin_path, model->bin_size);
      return;
    }
  k->data = model->bin_data + k->offset;

  if (k->element_type == QS_ELEMENT_STRING && k->n_elements > 0)
    {
      /* int32 count, int32 offsets[count + 1], then the characters */
      guint32 count, last;
      memcpy (&count, k->data, 4);
      count = GUINT32_FROM_LE (count);
      /* the count decides where the last offset is: check it before reading there */
      if (count != k->n_elements)
        {
          reader_fail_at (r, line, QS_IR_ERROR_WEIGHTS, "the string tensor's header does not match its size");
          return;
        }
      memcpy (&last, k->data + 4 + 4 * (gsize) count, 4);
      last = GUINT32_FROM_LE (last);
      if ((guint64) last > k->size - need)
        reader_fail_at (r, line, QS_IR_ERROR_WEIGHTS, "the string tensor's header does not match its size");
    }
}

static void
layer_end (Reader *r)
{
  LayerRec *l = r->layer;
  QsNode *node = l->node;
  QsArena *arena = r->priv->arena;
  GraphRec *g = r->graph;
  guint i;

  if (r->error == NULL)
    {
      NodeRec rec;

      node->n_attrs = l->n_attrs;
      node->attr_keys = share_array (r, &r->shared_ptrs, l->attr_keys, l->n_attrs * sizeof (char *));
      node->attr_values = share_array (r, &r->shared_ptrs, l->attr_values, l->n_attrs * sizeof (char *));

      /* inputs and outputs in one array, which finishing the graph indexes */
      node->n_inputs = l->in_ports.len;
      node->n_outputs = l->out_ports.len;
      node->inputs = qs_arena_new0 (arena, QsPort, node->n_inputs + node->n_outputs);
      node->outputs = node->inputs + node->n_inputs;
      rec.ports = node->inputs;
      rec.port_first = g->port_ids.len;
      rec.n_inputs = node->n_inputs;
      rec.n_outputs = node->n_outputs;
      VEC_PUSH (&g->recs, NodeRec) = rec;
      for (i = 0; i < node->n_inputs; i++)
        {
          const PortRec *p = &VEC_DATA (&l->in_ports, PortRec)[i];
          fill_port (r, node, &node->inputs[i], p, i, FALSE);
          VEC_PUSH (&g->port_ids, guint32) = p->xml_id;
        }
      for (i = 0; i < node->n_outputs; i++)
        {
          const PortRec *p = &VEC_DATA (&l->out_ports, PortRec)[i];
          fill_port (r, node, &node->outputs[i], p, i, TRUE);
          VEC_PUSH (&g->port_ids, guint32) = p->xml_id;
        }

      if (l->port_maps != NULL)
        node->port_maps = qs_arena_strndup (arena, l->port_maps->str, l->port_maps->len);
      if (l->n_bodies > 0)
        {
          BodyList *b;
          guint k = l->n_bodies;
          node->n_bodies = l->n_bodies;
          node->bodies = qs_arena_new0 (arena, QsGraph *, k);
          node->body_names = qs_arena_new0 (arena, const char *, k);
          /* the list is newest first */
          for (b = l->bodies; b != NULL; b = b->next)
            {
              k--;
              node->bodies[k] = b->graph;
              node->body_names[k] = b->name;
              b->graph->parent = node;
            }
        }

      if (l->kind == KIND_CONST)
        read_const (r, node);
    }

  r->n_dims = l->dims_base;
  layer_rec_recycle (r, l);
  r->layer = NULL;
}

static void
edge_begin (Reader      *r,
            const Attrs *a)
{
  EdgeRec e;
  guint64 from_port, to_port;

  if (!attr_u64 (r, a, "edge", r->k.a_from_layer, &e.from_layer) ||
      !attr_u64 (r, a, "edge", r->k.a_from_port, &from_port) ||
      !attr_u64 (r, a, "edge", r->k.a_to_layer, &e.to_layer) ||
      !attr_u64 (r, a, "edge", r->k.a_to_port, &to_port))
    return;
  /* as for <port id>: no port can have a larger id */
  if (from_port > G_MAXUINT32 || to_port > G_MAXUINT32)
    {
      reader_fail (r, QS_IR_ERROR_EDGE, "edge %" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT " → %" G_GUINT64_FORMAT
                   ":%" G_GUINT64_FORMAT ": port id %" G_GUINT64_FORMAT " is too large",
                   e.from_layer, from_port, e.to_layer, to_port, MAX (from_port, to_port));
      return;
    }
  e.from_port = (guint32) from_port;
  e.to_port = (guint32) to_port;
  e.line = reader_line (r);
  VEC_PUSH (&r->graph->edges, EdgeRec) = e;
}

/* Position of port @xml_id among a node's inputs (or outputs), or -1. */
static int
find_port (const GraphRec *g,
           const NodeRec  *rec,
           guint64         xml_id,
           gboolean        output)
{
  const guint32 *ids;
  guint32 n = output ? rec->n_outputs : rec->n_inputs;
  guint32 i;

  if (n == 0)
    return -1;   /* and a graph without ports has no port id array at all */
  ids = VEC_DATA (&g->port_ids, guint32) + rec->port_first;
  if (output)
    ids += rec->n_inputs;
  for (i = 0; i < n; i++)
    if (ids[i] == xml_id)
      return (int) i;
  return -1;
}

/* An edge by node index and port position. */
typedef struct
{
  guint32 from;
  guint32 output;
  guint32 to;
  guint32 input;
} Link;

G_STATIC_ASSERT (sizeof (Link) <= sizeof (EdgeRec));   /* links overwrite read edges */

static int
compare_links (const Link *x,
               const Link *y)
{
  if (x->output != y->output)
    return x->output < y->output ? -1 : 1;
  if (x->to != y->to)
    return x->to < y->to ? -1 : 1;
  return (x->input > y->input) - (x->input < y->input);
}

static int
compare_link_refs (const void *a,
                   const void *b,
                   void       *links)
{
  return compare_links ((const Link *) links + *(const guint32 *) a, (const Link *) links + *(const guint32 *) b);
}

/* Sorts one producer's links (@refs into @links) by output, then consumer in
 * document order: the order of each output's consumer list. */
static void
sort_links (const Link *links,
            guint32    *refs,
            guint       n)
{
  guint i;

  if (n > 16)
    {
      g_qsort_with_data (refs, n, sizeof (guint32), compare_link_refs, (gpointer) links);
      return;
    }
  for (i = 1; i < n; i++)
    {
      guint32 key = refs[i];
      guint j = i;
      while (j > 0 && compare_links (&links[refs[j - 1]], &links[key]) > 0)
        {
          refs[j] = refs[j - 1];
          j--;
        }
      refs[j] = key;
    }
}

/* Turns a GraphRec into a QsGraph: ids indexed, edges resolved, order found.
 * Everything here works on the compact records kept while reading; the nodes
 * and ports are only written to. */
static QsGraph *
graph_finish (Reader   *r,
              GraphRec *g)
{
  QsArena *arena = r->priv->arena;
  QsGraph *graph = g->graph != NULL ? g->graph : qs_arena_new0 (arena, QsGraph, 1);
  const guint64 *ids = VEC_DATA (&g->ids, guint64);
  const NodeRec *recs = VEC_DATA (&g->recs, NodeRec);
  guint n = g->nodes.len, n_edges = g->edges.len;
  g_autofree guint32 *dense = NULL;      /* id -> index + 1 */
  guint64 n_dense = 0;
  Link *links;                           /* written over the edge records */
  g_autofree guint32 *sorted = NULL;     /* links grouped by producer, then their consumers */
  g_autofree guint32 *first = NULL;      /* a producer's group in sorted */
  g_autofree guint32 *pending = NULL;
  g_autofree guint32 *queue = NULL;
  g_autofree guint8 *fed = NULL;         /* input ports that have a source */
  QsPort **consumers;
  guint i;

  g_assert (g->recs.len == n);

  graph->model = r->model;
  graph->n_nodes = n;
  graph->nodes = qs_arena_memdup (arena, g->nodes.data, n * sizeof (QsNode *));

  /* Index the nodes by id from the ids recorded while reading, without
   * touching a node.  Writers emit ids in increasing order more often than
   * not: then the nodes are their own index.  Ids are usually dense: then a
   * direct table gives the order (and catches a repeated id) without a sort,
   * and replaces a binary search per edge end.  Sparse ids are sorted. */
  {
    gboolean increasing = TRUE;
    guint64 max_id = 0;
    guint dup_first = 0, dup_second = 0;
    gboolean dup = FALSE;

    for (i = 0; i < n; i++)
      {
        if (i > 0 && ids[i - 1] >= ids[i])
          increasing = FALSE;
        max_id = MAX (max_id, ids[i]);
      }

    if (n > 0 && max_id < 4 * (guint64) n + 1024)
      {
        n_dense = max_id + 1;
        dense = g_new0 (guint32, n_dense);
        for (i = 0; i < n; i++)
          {
            guint32 *slot = &dense[ids[i]];
            if (*slot != 0)
              {
                /* report the smallest repeated id, by its first two layers
                 * (a third one of an id never gets here first) */
                if (!dup || ids[i] < ids[dup_first])
                  dup_first = *slot - 1, dup_second = i, dup = TRUE;
                continue;
              }
            *slot = i + 1;
          }
        if (!dup && !increasing)
          {
            guint k = 0;
            graph->by_id = qs_arena_alloc (arena, n * sizeof (QsNode *));
            for (i = 0; i < n_dense; i++)
              if (dense[i] != 0)
                graph->by_id[k++] = graph->nodes[dense[i] - 1];
          }
      }
    else if (!increasing)
      {
        g_autofree guint32 *order = g_new (guint32, n);
        _qs_order_by_id (ids, n, order);
        for (i = 1; i < n && !dup; i++)
          if (ids[order[i]] == ids[order[i - 1]])
            dup = TRUE, dup_first = order[i - 1], dup_second = order[i];
        if (!dup)
          {
            graph->by_id = qs_arena_alloc (arena, n * sizeof (QsNode *));
            for (i = 0; i < n; i++)
              graph->by_id[i] = graph->nodes[order[i]];
          }
      }
    if (dup)
      {
        const QsNode *a = graph->nodes[dup_first], *b = graph->nodes[dup_second];
        reader_fail_at (r, b->line, QS_IR_ERROR_INVALID, "layer id %" G_GUINT64_FORMAT " is used twice (“%s” and “%s”)",
                        b->id, a->name, b->name);
        return NULL;
      }
    if (increasing)
      graph->by_id = graph->nodes;   /* the same order: one read-only array for both */
  }

  /* Resolve the edges to node indices and port positions, in file order so
   * that the first bad edge is the one reported. */
  /* link i is written where edge record i/2 lay, which has been read */
  links = VEC_DATA (&g->edges, Link);
  first = g_new0 (guint32, n + 1);
  pending = g_new0 (guint32, MAX (n, 1));
  fed = g_new0 (guint8, MAX (g->port_ids.len, 1));
  for (i = 0; i < n_edges; i++)
    {
      const EdgeRec *e = &VEC_DATA (&g->edges, EdgeRec)[i];
      guint from, to;
      int out, in;

      if (dense != NULL)
        {
          from = e->from_layer < n_dense ? dense[e->from_layer] : 0;
          to = e->to_layer < n_dense ? dense[e->to_layer] : 0;
        }
      else
        {
          QsNode *f = qs_graph_find_node (graph, e->from_layer);
          QsNode *t = qs_graph_find_node (graph, e->to_layer);
          from = f != NULL ? f->index + 1 : 0;
          to = t != NULL ? t->index + 1 : 0;
        }
      if (from == 0 || to == 0)
        {
          reader_fail_at (r, e->line, QS_IR_ERROR_EDGE, "edge %" G_GUINT64_FORMAT ":%u"
                          " → %" G_GUINT64_FORMAT ":%u names layer %" G_GUINT64_FORMAT
                          ", which does not exist",
                          e->from_layer, e->from_port, e->to_layer, e->to_port,
                          from == 0 ? e->from_layer : e->to_layer);
          return NULL;
        }
      from--;
      to--;
      out = find_port (g, &recs[from], e->from_port, TRUE);
      if (out < 0)
        {
          const QsNode *f = graph->nodes[from];
          reader_fail_at (r, e->line, QS_IR_ERROR_EDGE, "edge from layer %" G_GUINT64_FORMAT " “%s” (%s): "
                          "it has no output port %u",
                          f->id, f->name, f->type, e->from_port);
          return NULL;
        }
      in = find_port (g, &recs[to], e->to_port, FALSE);
      if (in < 0)
        {
          const QsNode *t = graph->nodes[to];
          reader_fail_at (r, e->line, QS_IR_ERROR_EDGE, "edge to layer %" G_GUINT64_FORMAT " “%s” (%s): "
                          "it has no input port %u",
                          t->id, t->name, t->type, e->to_port);
          return NULL;
        }
      if (fed[recs[to].port_first + in])
        {
          const QsNode *t = graph->nodes[to];
          reader_fail_at (r, e->line, QS_IR_ERROR_EDGE, "input port %u of layer %"
                          G_GUINT64_FORMAT " “%s” (%s) has two incoming edges",
                          e->to_port, t->id, t->name, t->type);
          return NULL;
        }
      fed[recs[to].port_first + in] = 1;
      links[i] = (Link) { from, (guint32) out, to, (guint32) in };
      first[from + 1]++;
      pending[to]++;
    }

  g_clear_pointer (&fed, g_free);

  /* Group the links by producer (a counting sort), then order each group by
   * output and consumer: one array then holds every output's consumer list,
   * in the order of the consumers in the file. */
  for (i = 0; i < n; i++)
    first[i + 1] += first[i];
  sorted = g_new (guint32, MAX (n_edges, 1));
  {
    g_autofree guint32 *fill = g_memdup2 (first, (n + 1) * sizeof (guint32));
    for (i = 0; i < n_edges; i++)
      sorted[fill[links[i].from]++] = i;
  }
  for (i = 0; i < n; i++)
    if (first[i + 1] - first[i] > 1)
      sort_links (links, sorted + first[i], first[i + 1] - first[i]);

  consumers = qs_arena_alloc (arena, sizeof (QsPort *) * MAX (n_edges, 1));
  for (i = 0; i < n_edges; i++)
    {
      const Link *k = &links[sorted[i]];
      QsPort *out = recs[k->from].ports + recs[k->from].n_inputs + k->output;
      QsPort *in = recs[k->to].ports + k->input;

      if (out->consumers == NULL)
        out->consumers = consumers + i;
      out->consumers[out->n_consumers++] = in;
      in->source = out;
    }

  graph->n_parameters = g->parameters->len;
  graph->parameters = qs_arena_memdup (arena, g->parameters->pdata, g->parameters->len * sizeof (QsNode *));
  graph->n_results = g->results->len;
  graph->results = qs_arena_memdup (arena, g->results->pdata, g->results->len * sizeof (QsNode *));
  graph->n_sinks = g->sinks->len;
  graph->sinks = qs_arena_memdup (arena, g->sinks->pdata, g->sinks->len * sizeof (QsNode *));

  /* A topological order from the links alone: each producer's group,
   * already in output and consumer order, becomes its list of successors. */
  for (i = 0; i < n_edges; i++)
    sorted[i] = links[sorted[i]].to;
  queue = g_new (guint32, MAX (n, 1));
  if (_qs_topo_order (n, pending, first, sorted, queue) < n)
    {
      /* on a cycle: the general sort names a layer on it */
      QsNode *on_cycle = NULL;
      gboolean sorted_ok = _qs_graph_sort (graph, arena, &on_cycle);
      g_assert (!sorted_ok);
      reader_fail_at (r, on_cycle->line, QS_IR_ERROR_CYCLE,
                      "layer %" G_GUINT64_FORMAT " “%s” (%s) is on a cycle",
                      on_cycle->id, on_cycle->name, on_cycle->type);
      return NULL;
    }
  graph->topo = qs_arena_alloc (arena, sizeof (QsNode *) * MAX (n, 1));
  for (i = 0; i < n; i++)
    graph->topo[i] = graph->nodes[queue[i]];
  return graph;
}

/* ------------------------------------------------------------------------ */
/* SAX callbacks                                                            */

static void
push (Reader *r,
      Ctx     ctx)
{
  if (G_UNLIKELY (r->depth >= r->max_depth))
    {
      reader_fail (r, QS_IR_ERROR_LIMIT, "elements are nested more than %u deep",
                   r->max_depth);
      return;
    }
  r->stack[r->depth++] = ctx;
}

static gboolean
is_body_name (Reader        *r,
              const xmlChar *localname)
{
  return (localname == r->k.body) || (localname == r->k.then_body) || (localname == r->k.else_body);
}

static gboolean
is_port_map_name (Reader        *r,
                  const xmlChar *localname)
{
  return (localname == r->k.port_map) || (localname == r->k.back_edges) ||
         (localname == r->k.then_port_map) || (localname == r->k.else_port_map);
}

static void
on_start_element (void           *user_data,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             nb_namespaces,
                  const xmlChar **namespaces,
                  int             nb_attributes,
                  int             nb_defaulted,
                  const xmlChar **attributes)
{
  Reader *r = user_data;
  const char *name = (const char *) localname;
  Attrs a = { attributes, nb_attributes };
  Ctx parent = r->depth > 0 ? r->stack[r->depth - 1] : CTX_DOCUMENT;

  if (r->error != NULL)
    return;

  switch (parent)
    {
    case CTX_CAPTURE:
      capture_start (r, name, &a);
      push (r, CTX_CAPTURE);
      return;

    case CTX_DOCUMENT:
      if ((localname != r->k.net))
        {
          reader_fail (r, QS_IR_ERROR_INVALID, "the root element is <%s>, not <net>: this is not an OpenVINO IR", name);
          return;
        }
      {
        const char *v;
        gsize len;
        guint64 version;

        if (!attr_find (&a, r->k.a_version, &v, &len))
          {
            reader_fail (r, QS_IR_ERROR_VERSION, "<net> has no version attribute; qscope reads IR versions 10 and 11");
            return;
          }
        if (!parse_u64 (v, len, &version) || version < 10 || version > 11)
          {
            reader_fail (r, QS_IR_ERROR_VERSION, "IR version %.*s is not supported; qscope reads IR versions 10 and 11",
                         (int) MIN (len, 20), v);
            return;
          }
        r->model->ir_version = (int) version;
        r->model->name = attr_dup (r, &a, r->k.a_name);
        if (r->model->name == NULL)
          r->model->name = "";
        r->saw_net = TRUE;
      }
      push (r, CTX_NET);
      return;

    case CTX_NET:
    case CTX_BODY:
      if ((localname == r->k.layers))
        push (r, CTX_LAYERS);
      else if ((localname == r->k.edges))
        push (r, CTX_EDGES);
      else if (parent == CTX_NET && (localname == r->k.rt_info))
        {
          capture_begin (r, name, &a, &r->model->rt_info);
          push (r, CTX_CAPTURE);
        }
      else if (parent == CTX_NET && (localname == r->k.meta_data))
        {
          capture_begin (r, name, &a, &r->model->meta_data);
          push (r, CTX_CAPTURE);
        }
      else if (parent == CTX_NET && (localname == r->k.quantization_parameters))
        {
          capture_begin (r, name, &a, &r->model->quantization_parameters);
          push (r, CTX_CAPTURE);
        }
      else
        push (r, CTX_OTHER);
      return;

    case CTX_LAYERS:
      if ((localname == r->k.layer))
        {
          layer_begin (r, &a);
          push (r, CTX_LAYER);
        }
      else
        push (r, CTX_OTHER);
      return;

    case CTX_LAYER:
      if ((localname == r->k.data))
        {
          data_attrs (r, &a);
          push (r, CTX_OTHER);
        }
      else if ((localname == r->k.input))
        push (r, CTX_PORTS_IN);
      else if ((localname == r->k.output))
        push (r, CTX_PORTS_OUT);
      else if ((localname == r->k.rt_info))
        {
          capture_begin (r, name, &a, &r->layer->node->rt_info);
          push (r, CTX_CAPTURE);
        }
      else if (is_port_map_name (r, localname))
        {
          capture_begin (r, name, &a, &r->layer->node->port_maps);
          push (r, CTX_CAPTURE);
        }
      else if (is_body_name (r, localname))
        {
          r->graph = graph_rec_new (r->graph, r->layer->node,
                                    g_string_chunk_insert_const (r->priv->strings, name), 0);
          g_ptr_array_add (r->layer_stack, r->layer);
          r->layer = NULL;
          push (r, CTX_BODY);
        }
      else if ((localname == r->k.blobs) || (localname == r->k.weights) || (localname == r->k.biases))
        reader_fail (r, QS_IR_ERROR_VERSION, "<%s> inside a layer belongs to IR versions before 10", name);
      else
        push (r, CTX_OTHER);
      return;

    case CTX_PORTS_IN:
    case CTX_PORTS_OUT:
      if ((localname == r->k.port))
        {
          port_begin (r, &a, parent == CTX_PORTS_OUT);
          push (r, CTX_PORT);
        }
      else
        push (r, CTX_OTHER);
      return;

    case CTX_PORT:
      if ((localname == r->k.dim))
        {
          r->dim_len = 0;
          want_text (r, TRUE);
          push (r, CTX_DIM);
        }
      else if ((localname == r->k.rt_info) && r->layer->port != NULL)
        {
          capture_begin (r, name, &a, &r->layer->port->rt_info);
          push (r, CTX_CAPTURE);
        }
      else
        push (r, CTX_OTHER);
      return;

    case CTX_EDGES:
      if ((localname == r->k.edge))
        edge_begin (r, &a);
      push (r, CTX_OTHER);
      return;

    case CTX_DIM:
      reader_fail (r, QS_IR_ERROR_INVALID, "<dim> holds an element <%s>", name);
      return;

    case CTX_OTHER:
    default:
      push (r, CTX_OTHER);
      return;
    }
}

static void
on_end_element (void          *user_data,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  Reader *r = user_data;
  Ctx ctx;

  if (r->error != NULL || r->depth == 0)
    return;

  ctx = r->stack[--r->depth];
  switch (ctx)
    {
    case CTX_CAPTURE:
      capture_end (r, (const char *) localname);
      if (r->capture_depth == 0)
        capture_finish (r);
      break;

    case CTX_DIM:
      want_text (r, FALSE);
      dim_end (r);
      break;

    case CTX_PORT:
      r->layer->port = NULL;
      break;

    case CTX_LAYER:
      layer_end (r);
      break;

    case CTX_BODY:
      {
        GraphRec *g = r->graph;
        QsGraph *body;
        BodyList *entry;

        r->layer = g_ptr_array_steal_index (r->layer_stack, r->layer_stack->len - 1);
        body = graph_finish (r, g);
        r->graph = g->outer;
        if (body != NULL)
          {
            entry = g_new0 (BodyList, 1);
            entry->graph = body;
            entry->name = g->body_name;
            entry->next = r->layer->bodies;
            r->layer->bodies = entry;
            r->layer->n_bodies++;
          }
        graph_rec_free (g);
      }
      break;

    case CTX_NET:
      r->net_done = TRUE;
      break;

    default:
      break;
    }
}

static void
on_characters (void          *user_data,
               const xmlChar *ch,
               int            len)
{
  Reader *r = user_data;
  Ctx ctx;

  if (r->error != NULL || r->depth == 0)
    return;
  ctx = r->stack[r->depth - 1];
  if (ctx == CTX_DIM)
    {
      if (len < 0 || r->dim_len + (guint) len > sizeof r->dim_text - 1)
        reader_fail (r, QS_IR_ERROR_INVALID, "a <dim> holds more than 64 characters");
      else
        {
          int i;
          /* a digit or two: a loop beats a call to memcpy */
          for (i = 0; i < len; i++)
            r->dim_text[r->dim_len + i] = ch[i];
          r->dim_len += len;
        }
    }
  else if (ctx == CTX_CAPTURE)
    {
      gboolean blank = TRUE;
      int i;
      for (i = 0; i < len && blank; i++)
        blank = g_ascii_isspace (ch[i]);
      if (!blank)
        {
          capture_close_pending (r);
          capture_escape (r->capture, (const char *) ch, len, FALSE);
        }
    }
}

static void
on_internal_subset (void          *user_data,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  reader_fail ((Reader *) user_data, QS_IR_ERROR_FORBIDDEN,
               "the document declares a DTD (<!DOCTYPE %s>); IR files never do, and qscope does not read them",
               (const char *) name);
}

static void
on_entity_decl (void          *user_data,
                const xmlChar *name,
                int            type,
                const xmlChar *public_id,
                const xmlChar *system_id,
                xmlChar       *content)
{
  reader_fail ((Reader *) user_data, QS_IR_ERROR_FORBIDDEN, "the document declares an entity “%s”",
               (const char *) name);
}

static xmlEntityPtr
on_get_entity (void          *user_data,
               const xmlChar *name)
{
  /* Predefined entities (&amp; and friends) never reach here. */
  return NULL;
}

static void
on_structured_error (void        *user_data,
                     xmlErrorPtr  e)
{
  Reader *r = user_data;
  g_autofree char *msg = NULL;

  if (e == NULL || e->level < XML_ERR_ERROR || r->error != NULL)
    return;
  msg = g_strchomp (g_strdup (e->message ? e->message : "malformed XML"));
  {
    /* a syntax error is about the text, not about the layer it falls in */
    LayerRec *layer = r->layer;
    r->layer = NULL;
    if (e->code == XML_ERR_UNDECLARED_ENTITY || e->code == XML_WAR_UNDECLARED_ENTITY)
      reader_fail_at (r, MAX (e->line, 1), QS_IR_ERROR_FORBIDDEN, "%s", msg);
    else
      reader_fail_at (r, MAX (e->line, 1), QS_IR_ERROR_XML, "malformed XML: %s", msg);
    r->layer = layer;
  }
}

/* ------------------------------------------------------------------------ */
/* Loading                                                                  */

static char *
bin_path_for (const char *xml_path)
{
  const char *dot = strrchr (xml_path, '.');
  const char *slash = strrchr (xml_path, '/');

  if (dot != NULL && (slash == NULL || dot > slash))
    {
      g_autofree char *stem = g_strndup (xml_path, dot - xml_path);
      return g_strconcat (stem, ".bin", NULL);
    }
  return g_strconcat (xml_path, ".bin", NULL);
}

static void
reader_clear (Reader *r)
{
  while (r->graph != NULL)
    {
      GraphRec *outer = r->graph->outer;
      graph_rec_free (r->graph);
      r->graph = outer;
    }
  if (r->layer != NULL)
    layer_rec_free (r->layer);
  if (r->layer_stack != NULL)
    {
      guint i;
      for (i = 0; i < r->layer_stack->len; i++)
        layer_rec_free (g_ptr_array_index (r->layer_stack, i));
      g_ptr_array_unref (r->layer_stack);
    }
  if (r->layer_pool != NULL)
    {
      guint i;
      for (i = 0; i < r->layer_pool->len; i++)
        layer_rec_free (g_ptr_array_index (r->layer_pool, i));
      g_ptr_array_unref (r->layer_pool);
    }
  g_clear_pointer (&r->keys, g_hash_table_unref);
  g_clear_pointer (&r->canonical_types, g_hash_table_unref);
  g_string_free (r->capture, TRUE);
  g_free (r->dims);
  g_free (r->ranges);
  g_array_unref (r->scratch_dims);
  g_array_unref (r->scratch_ranges);
  g_clear_error (&r->error);
}

/* Where the XML text comes from: a file read in chunks, or bytes in memory. */
typedef struct
{
  FILE         *file;
  const guint8 *data;
  gsize         size;
  gsize         pos;
  guint64       total_size;   /* of the whole text, or 0 when not known */
} XmlSource;

static gsize
xml_source_read (XmlSource *src,
                 char      *buf,
                 gsize      max,
                 gboolean  *failed)
{
  if (src->file != NULL)
    {
      gsize n = fread (buf, 1, max, src->file);
      *failed = n < max && ferror (src->file);
      return n;
    }
  else
    {
      gsize n = MIN (max, src->size - src->pos);
      if (n > 0)
        memcpy (buf, src->data + src->pos, n);
      src->pos += n;
      *failed = FALSE;
      return n;
    }
}

static QsModel *
model_new (const char         *xml_path,
           const QsLoadLimits *limits)
{
  QsModel *model = g_new0 (QsModel, 1);
  QsModelPrivate *priv = g_new0 (QsModelPrivate, 1);

  model->ref_count = 1;
  model->xml_path = g_strdup (xml_path);
  model->priv = priv;
  priv->arena = qs_arena_new (256 * 1024);
  priv->strings = g_string_chunk_new (4096);
  priv->limits = limits ? *limits : default_limits;
  return model;
}

/* libxml2 reports encoding failures through its global generic handler as
 * well as to the parser, printing them on stderr; the structured handler
 * already turns the same failure into our one-line error, so during a parse
 * the generic one says nothing. */
static void
discard_generic_error (void       *ctx,
                       const char *msg,
                       ...)
{
}

/* The parse proper, shared by files and bytes: @model has its weights set. */
static QsModel *
load_xml (QsModel       *model_in,
          XmlSource     *src,
          QsLoadFlags    flags,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(QsModel) model = model_in;
  g_autofree char *chunk = g_malloc (CHUNK_SIZE);
  QsModelPrivate *priv = model->priv;
  xmlSAXHandler sax;
  Reader r = { 0 };
  gsize n_read;
  gboolean failed;
  xmlGenericErrorFunc saved_generic;
  void *saved_generic_ctx;
  gint64 t0 = g_get_monotonic_time ();

  n_read = xml_source_read (src, chunk, CHUNK_SIZE, &failed);
  if (n_read == 0)
    {
      g_autofree char *base = g_path_get_basename (model->xml_path);
      if (failed)
        g_set_error (error, QS_IR_ERROR, QS_IR_ERROR_IO, "%s: cannot be read", model->xml_path);
      else
        g_set_error (error, QS_IR_ERROR, QS_IR_ERROR_XML, "%s:1: the file is empty", base);
      return NULL;
    }

  r.model = model;
  r.priv = priv;
  r.max_depth = MIN ((guint) G_N_ELEMENTS (r.stack), priv->limits.max_depth);
  r.flags = flags;
  r.basename = g_path_get_basename (model->xml_path);
  r.capture = g_string_new (NULL);
  r.scratch_dims = g_array_new (FALSE, FALSE, sizeof (gint64));
  r.scratch_ranges = g_array_new (FALSE, FALSE, sizeof (QsDimRange));
  r.layer_stack = g_ptr_array_new ();
  r.layer_pool = g_ptr_array_new ();
  r.keys = g_hash_table_new (g_direct_hash, g_direct_equal);
  /* A layer takes 250 to 800 bytes of XML: size the top graph's arrays for
   * the most layers the file can hold (a guess past the truth only reserves
   * address space), and tell the arena how big the model will be. */
  {
    guint64 expect = MIN (src->total_size / 256, MIN (priv->limits.max_layers, 1u << 20));
    r.graph = graph_rec_new (NULL, NULL, NULL, (guint) expect);
    qs_arena_expect (priv->arena, src->total_size);
  }
  r.key_element_type = g_string_chunk_insert_const (priv->strings, "element_type");
  r.key_shape = g_string_chunk_insert_const (priv->strings, "shape");
  r.key_offset = g_string_chunk_insert_const (priv->strings, "offset");
  r.key_size = g_string_chunk_insert_const (priv->strings, "size");

  memset (&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start_element;
  sax.endElementNs = on_end_element;
  sax.characters = NULL;           /* see want_text() */
  sax.internalSubset = on_internal_subset;
  sax.externalSubset = on_internal_subset;
  sax.entityDecl = on_entity_decl;
  sax.getEntity = on_get_entity;
  sax.getParameterEntity = on_get_entity;
  sax.serror = on_structured_error;

  saved_generic = xmlGenericError;
  saved_generic_ctx = xmlGenericErrorContext;
  xmlSetGenericErrorFunc (NULL, discard_generic_error);

  r.ctxt = xmlCreatePushParserCtxt (&sax, &r, NULL, 0, r.basename);
  if (r.ctxt == NULL)
    g_error ("xmlCreatePushParserCtxt failed: out of memory");
  reader_init_keys (&r);
  /* Substitution is on only so that attribute values arrive decoded ("&amp;"
   * as "&"): the DOCTYPE handler stops the parse before any declaration is
   * read, so the five predefined entities are the only ones that can exist.
   * No DTD loading, no validation, no network. */
  xmlCtxtUseOptions (r.ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOENT);
  r.ctxt->loadsubset = 0;
  r.ctxt->validate = 0;

  while (r.error == NULL)
    {
      gboolean last;
      int rc;

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error (&r.error, QS_IR_ERROR, QS_IR_ERROR_CANCELLED, "%s: loading was cancelled", r.basename);
          break;
        }
      last = n_read < CHUNK_SIZE;
      rc = xmlParseChunk (r.ctxt, chunk, (int) n_read, last);
      if (rc != 0 && r.error == NULL)
        reader_fail (&r, QS_IR_ERROR_XML, "malformed XML (libxml2 error %d)", rc);
      if (last)
        break;
      n_read = xml_source_read (src, chunk, CHUNK_SIZE, &failed);
      if (failed && r.error == NULL)
        reader_fail (&r, QS_IR_ERROR_IO, "reading the file failed");
    }

  if (r.error == NULL && !r.saw_net)
    reader_fail_at (&r, 1, QS_IR_ERROR_INVALID, "there is no <net> element: this is not an OpenVINO IR");
  if (r.error == NULL && !r.net_done)
    reader_fail (&r, QS_IR_ERROR_XML, "the document ends before </net>");

  /* the parser's buffers are done with: let them go before the graph is
   * finished, which is when a load needs the most memory */
  xmlFreeParserCtxt (r.ctxt);
  r.ctxt = NULL;
  xmlSetGenericErrorFunc (saved_generic_ctx, saved_generic);
  g_clear_pointer (&chunk, g_free);

  if (r.error == NULL)
    model->graph = graph_finish (&r, r.graph);

  if (r.error == NULL && model->bin_data == NULL && r.n_consts_with_data > 0 && !(flags & QS_LOAD_FLAGS_NO_WEIGHTS))
    reader_fail_at (&r, 0, QS_IR_ERROR_IO, "the weights file %s is missing (needed by %u Const layer%s)",
                    model->bin_path, r.n_consts_with_data, r.n_consts_with_data == 1 ? "" : "s");

  if (r.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&r.error));
      g_free ((char *) r.basename);
      reader_clear (&r);
      return NULL;
    }

  model->n_layers = (guint) r.n_layers;
  if (model->bin_data == NULL)
    g_clear_pointer (&model->bin_path, g_free);
  model->load_seconds = (g_get_monotonic_time () - t0) / 1e6;
  g_free ((char *) r.basename);
  reader_clear (&r);
  return g_steal_pointer (&model);
}

QsModel *
qs_model_load (const char    *xml_path,
               QsLoadFlags    flags,
               GCancellable  *cancellable,
               GError       **error)
{
  return qs_model_load_full (xml_path, flags, NULL, cancellable, error);
}

/**
 * qs_model_load_full:
 * @xml_path: the model's .xml; the weights are the .bin beside it
 * @flags: %QS_LOAD_FLAGS_NO_WEIGHTS to read the graph alone
 * @limits: (nullable): size limits, or %NULL for qs_load_limits_default()
 *
 * Returns: (transfer full): the model, or %NULL with @error set to one line
 *   naming the file, the XML line and the layer.
 */
QsModel *
qs_model_load_full (const char          *xml_path,
                    QsLoadFlags          flags,
                    const QsLoadLimits  *limits,
                    GCancellable        *cancellable,
                    GError             **error)
{
  g_autoptr(QsModel) model = NULL;
  XmlSource src = { 0 };
  QsModel *result;
  gint64 t0 = g_get_monotonic_time ();

  g_return_val_if_fail (xml_path != NULL, NULL);

  model = model_new (xml_path, limits);

  /* The XML is read in chunks rather than mapped: once parsed, its text is
   * not needed, and mapped pages would stay resident. */
  src.file = g_fopen (xml_path, "rb");
  if (src.file == NULL)
    {
      int saved = errno;
      g_set_error (error, QS_IR_ERROR, QS_IR_ERROR_IO, "%s: %s", xml_path, g_strerror (saved));
      return NULL;
    }
  {
    GStatBuf st;
    if (fstat (fileno (src.file), &st) == 0 && S_ISREG (st.st_mode))
      src.total_size = st.st_size;
  }

  if (!(flags & QS_LOAD_FLAGS_NO_WEIGHTS))
    {
      g_autoptr(GError) bin_error = NULL;

      model->bin_path = bin_path_for (xml_path);
      model->bin = g_mapped_file_new (model->bin_path, FALSE, &bin_error);
      if (model->bin != NULL)
        {
          model->bin_data = (const guint8 *) g_mapped_file_get_contents (model->bin);
          model->bin_size = g_mapped_file_get_length (model->bin);
        }
      else if (!g_error_matches (bin_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_set_error (error, QS_IR_ERROR, QS_IR_ERROR_IO, "%s", bin_error->message);
          fclose (src.file);
          return NULL;
        }
    }

  result = load_xml (g_steal_pointer (&model), &src, flags, cancellable, error);
  fclose (src.file);
  if (result != NULL)
    result->load_seconds = (g_get_monotonic_time () - t0) / 1e6;
  return result;
}

/**
 * qs_model_load_from_bytes:
 * @name: the file name to use in messages, e.g. "model.xml"
 * @xml: the XML text
 * @bin: (nullable): the weights; the model keeps a reference
 *
 * Reads a model from memory, with the same checks as qs_model_load_full().
 * Without @bin, Const layers that need data are an error unless @flags has
 * %QS_LOAD_FLAGS_NO_WEIGHTS.
 *
 * Returns: (transfer full): the model, or %NULL with @error set.
 */
QsModel *
qs_model_load_from_bytes (const char          *name,
                          GBytes              *xml,
                          GBytes              *bin,
                          QsLoadFlags          flags,
                          const QsLoadLimits  *limits,
                          GError             **error)
{
  QsModel *model;
  QsModelPrivate *priv;
  XmlSource src = { 0 };
  gsize size;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (xml != NULL, NULL);

  model = model_new (name, limits);
  priv = model->priv;
  src.data = g_bytes_get_data (xml, &size);
  src.size = size;
  src.total_size = size;
  if (bin != NULL && !(flags & QS_LOAD_FLAGS_NO_WEIGHTS))
    {
      g_autofree char *stem = bin_path_for (name);
      priv->bin_bytes = g_bytes_ref (bin);
      model->bin_data = g_bytes_get_data (bin, &size);
      model->bin_size = size;
      model->bin_path = g_path_get_basename (stem);
      if (model->bin_data == NULL)
        model->bin_data = (const guint8 *) "";     /* an empty .bin is still a .bin */
    }
  else if (!(flags & QS_LOAD_FLAGS_NO_WEIGHTS))
    {
      g_autofree char *stem = bin_path_for (name);
      model->bin_path = g_path_get_basename (stem);
    }
  return load_xml (model, &src, flags, NULL, error);
}

QsModel *
qs_model_ref (QsModel *model)
{
  g_return_val_if_fail (model != NULL, NULL);
  g_atomic_int_inc (&model->ref_count);
  return model;
}

void
qs_model_unref (QsModel *model)
{
  QsModelPrivate *priv;

  if (model == NULL || !g_atomic_int_dec_and_test (&model->ref_count))
    return;

  priv = model->priv;
  g_clear_pointer (&model->bin, g_mapped_file_unref);
  g_clear_pointer (&priv->bin_bytes, g_bytes_unref);
  g_free (model->xml_path);
  g_free (model->bin_path);
  qs_arena_free (priv->arena);
  g_string_chunk_free (priv->strings);
  g_free (priv);
  g_free (model);
}

gsize
qs_model_get_memory (const QsModel *model)
{
  QsModelPrivate *priv = model->priv;

  return sizeof *model + qs_arena_get_size (priv->arena);
}

char *
qs_model_describe_node (const QsModel *model,
                        const QsNode  *node)
{
  g_autofree char *base = g_path_get_basename (model->xml_path);

  return g_strdup_printf ("%s:%u: layer %" G_GUINT64_FORMAT " “%s” (%s)",
                          base, node->line, node->id, node->name, node->type);
}
