/* qs-nncf.c — the NNCF quantization settings an IR carries
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The values are Python literals as NNCF prints them (str() of a list or a
 * dict); a small reader takes the part of that syntax they use: strings in
 * single or double quotes with backslash escapes, lists, tuples, dicts,
 * None, True, False and numbers.
 */
#include "config.h"

#include <string.h>

#include "qs-nncf.h"
#include "qs-rt-info.h"

G_DEFINE_QUARK (qs-nncf-error-quark, qs_nncf_error)

typedef struct
{
  GPtrArray *inputs;    /* char * */
  GPtrArray *outputs;
} Subgraph;

struct _QsNncfSettings
{
  GPtrArray *entries;                 /* QsNncfEntry * */
  GStrv      names, patterns, types;  /* ignored_scope */
  GPtrArray *regexes;                 /* GRegex *, one per pattern */
  GArray    *subgraphs;               /* Subgraph */
};

/* ---- Python literals ---- */

typedef enum
{
  PY_NONE = 0,
  PY_STRING,
  PY_LIST,
  PY_DICT,
  PY_OTHER,     /* a number or a boolean */
} PyKind;

typedef struct _PyValue PyValue;
struct _PyValue
{
  PyKind     kind;
  char      *text;      /* PY_STRING, PY_OTHER */
  GPtrArray *items;     /* PY_LIST: PyValue *; PY_DICT: key, value, key, value, ... */
};

static void
py_value_free (gpointer data)
{
  PyValue *v = data;

  if (v == NULL)
    return;
  g_free (v->text);
  g_clear_pointer (&v->items, g_ptr_array_unref);
  g_free (v);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PyValue, py_value_free)

typedef struct
{
  const char *p;
  const char *start;
} PyReader;

static void
skip_space (PyReader *r)
{
  while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')
    r->p++;
}

static PyValue *py_read (PyReader *r, guint depth, GError **error);

static gboolean
py_fail (PyReader    *r,
         GError     **error,
         const char  *what)
{
  g_set_error (error, QS_NNCF_ERROR, QS_NNCF_ERROR_FORMAT, "%s at character %ld of “%s”", what,
               (long) (r->p - r->start) + 1, r->start);
  return FALSE;
}

static PyValue *
py_read_string (PyReader  *r,
                GError   **error)
{
  char quote = *r->p++;
  g_autoptr(GString) s = g_string_new (NULL);
  PyValue *v;

  while (*r->p != quote)
    {
      if (*r->p == '\0')
        {
          py_fail (r, error, "a string without its closing quote");
          return NULL;
        }
      if (*r->p == '\\' && r->p[1] != '\0')
        {
          r->p++;
          switch (*r->p)
            {
            case 'n': g_string_append_c (s, '\n'); break;
            case 't': g_string_append_c (s, '\t'); break;
            case '\\': case '\'': case '"': g_string_append_c (s, *r->p); break;
            default:
              /* re patterns keep their backslashes: '\d' is \d */
              g_string_append_c (s, '\\');
              g_string_append_c (s, *r->p);
              break;
            }
          r->p++;
          continue;
        }
      g_string_append_c (s, *r->p++);
    }
  r->p++;
  v = g_new0 (PyValue, 1);
  v->kind = PY_STRING;
  v->text = g_string_free (g_steal_pointer (&s), FALSE);
  return v;
}

static PyValue *
py_read_sequence (PyReader  *r,
                  guint      depth,
                  GError   **error)
{
  char close = *r->p == '[' ? ']' : *r->p == '(' ? ')' : '}';
  g_autoptr(PyValue) v = g_new0 (PyValue, 1);

  v->kind = close == '}' ? PY_DICT : PY_LIST;
  v->items = g_ptr_array_new_with_free_func (py_value_free);
  r->p++;
  for (;;)
    {
      PyValue *item;

      skip_space (r);
      if (*r->p == close)
        {
          r->p++;
          return g_steal_pointer (&v);
        }
      if ((item = py_read (r, depth + 1, error)) == NULL)
        return NULL;
      g_ptr_array_add (v->items, item);
      skip_space (r);
      if (v->kind == PY_DICT)
        {
          if (*r->p != ':')
            {
              py_fail (r, error, "a dict key without “:”");
              return NULL;
            }
          r->p++;
          if ((item = py_read (r, depth + 1, error)) == NULL)
            return NULL;
          g_ptr_array_add (v->items, item);
          skip_space (r);
        }
      if (*r->p == ',')
        r->p++;
      else if (*r->p != close)
        {
          py_fail (r, error, "a list or dict without “,” between its items");
          return NULL;
        }
    }
}

static PyValue *
py_read (PyReader  *r,
         guint      depth,
         GError   **error)
{
  const char *begin;
  PyValue *v;

  skip_space (r);
  if (depth > 32)
    {
      py_fail (r, error, "values nested too deeply");
      return NULL;
    }
  if (*r->p == '\'' || *r->p == '"')
    return py_read_string (r, error);
  if (*r->p == '[' || *r->p == '(' || *r->p == '{')
    return py_read_sequence (r, depth, error);
  begin = r->p;
  while (g_ascii_isalnum (*r->p) || *r->p == '.' || *r->p == '-' || *r->p == '+' || *r->p == '_')
    r->p++;
  if (r->p == begin)
    {
      py_fail (r, error, "not a Python literal");
      return NULL;
    }
  v = g_new0 (PyValue, 1);
  v->text = g_strndup (begin, r->p - begin);
  v->kind = strcmp (v->text, "None") == 0 ? PY_NONE : PY_OTHER;
  return v;
}

static PyValue *
py_parse (const char  *text,
          GError     **error)
{
  PyReader r = { text, text };
  g_autoptr(PyValue) v = py_read (&r, 0, error);

  if (v == NULL)
    return NULL;
  skip_space (&r);
  if (*r.p != '\0')
    {
      py_fail (&r, error, "text after the value");
      return NULL;
    }
  return g_steal_pointer (&v);
}

/* A list of strings (None: empty) → a new GStrv. */
static GStrv
string_list (const PyValue  *v,
             GError        **error)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  guint i;

  if (v != NULL && v->kind != PY_NONE)
    {
      if (v->kind != PY_LIST)
        {
          g_set_error (error, QS_NNCF_ERROR, QS_NNCF_ERROR_FORMAT, "not a list of strings");
          return NULL;
        }
      for (i = 0; i < v->items->len; i++)
        {
          const PyValue *item = v->items->pdata[i];
          if (item->kind != PY_STRING)
            {
              g_set_error (error, QS_NNCF_ERROR, QS_NNCF_ERROR_FORMAT, "item %u of the list is not a string", i + 1);
              return NULL;
            }
          g_strv_builder_add (b, item->text);
        }
    }
  return g_strv_builder_end (b);
}

static GStrv
read_list (const char  *text,
           const char  *key,
           GError     **error)
{
  g_autoptr(PyValue) v = NULL;
  g_autoptr(GError) local = NULL;
  GStrv list;

  if (text == NULL)
    return g_new0 (char *, 1);
  v = py_parse (text, &local);
  list = v != NULL ? string_list (v, &local) : NULL;
  if (list == NULL)
    g_set_error (error, QS_NNCF_ERROR, QS_NNCF_ERROR_FORMAT, "nncf/quantization/ignored_scope/%s: %s", key,
                 local->message);
  return list;
}

/* ---- the settings ---- */

static void
entry_free (gpointer data)
{
  QsNncfEntry *e = data;

  g_free (e->key);
  g_free (e->value);
  g_free (e);
}

static void
subgraph_clear (gpointer data)
{
  Subgraph *s = data;

  g_clear_pointer (&s->inputs, g_ptr_array_unref);
  g_clear_pointer (&s->outputs, g_ptr_array_unref);
}

void
qs_nncf_settings_free (QsNncfSettings *settings)
{
  if (settings == NULL)
    return;
  g_ptr_array_unref (settings->entries);
  g_strfreev (settings->names);
  g_strfreev (settings->patterns);
  g_strfreev (settings->types);
  g_ptr_array_unref (settings->regexes);
  g_array_unref (settings->subgraphs);
  g_free (settings);
}

static void
collect (const QsRtInfo *info,
         const char     *path,
         const char     *key,
         GPtrArray      *entries,
         guint           depth)
{
  g_auto(GStrv) children = qs_rt_info_list (info, path);
  const char *value = qs_rt_info_get (info, path);
  guint i;

  if (value != NULL || children == NULL)
    {
      QsNncfEntry *e = g_new0 (QsNncfEntry, 1);
      e->key = g_strdup (key);
      e->value = g_strdup (value != NULL ? value : "");
      g_ptr_array_add (entries, e);
    }
  for (i = 0; children != NULL && children[i] != NULL && depth < 8; i++)
    {
      g_autofree char *sub = g_strconcat (path, "/", children[i], NULL);
      g_autofree char *subkey = g_strconcat (key, "/", children[i], NULL);
      collect (info, sub, subkey, entries, depth + 1);
    }
}

static gboolean
read_subgraphs (QsNncfSettings  *s,
                const char      *text,
                GError         **error)
{
  g_autoptr(PyValue) v = NULL;
  g_autoptr(GError) local = NULL;
  guint i, j;

  if (text == NULL)
    return TRUE;
  v = py_parse (text, &local);
  if (v != NULL && v->kind != PY_LIST && v->kind != PY_NONE)
    g_set_error (&local, QS_NNCF_ERROR, QS_NNCF_ERROR_FORMAT, "not a list");
  for (i = 0; v != NULL && local == NULL && v->kind == PY_LIST && i < v->items->len; i++)
    {
      const PyValue *d = v->items->pdata[i];
      Subgraph sg = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free) };

      g_array_append_val (s->subgraphs, sg);
      if (d->kind != PY_DICT)
        {
          g_set_error (&local, QS_NNCF_ERROR, QS_NNCF_ERROR_FORMAT,
                       "subgraph %u is not a dict of inputs and outputs", i + 1);
          break;
        }
      for (j = 0; j + 1 < d->items->len && local == NULL; j += 2)
        {
          const PyValue *k = d->items->pdata[j];
          g_auto(GStrv) names = NULL;
          GPtrArray *into;
          guint n;

          if (k->kind != PY_STRING || (strcmp (k->text, "inputs") != 0 && strcmp (k->text, "outputs") != 0))
            continue;
          into = strcmp (k->text, "inputs") == 0 ? sg.inputs : sg.outputs;
          names = string_list (d->items->pdata[j + 1], &local);
          for (n = 0; names != NULL && names[n] != NULL; n++)
            g_ptr_array_add (into, g_strdup (names[n]));
        }
    }
  if (v == NULL || local != NULL)
    {
      g_set_error (error, QS_NNCF_ERROR, QS_NNCF_ERROR_FORMAT, "nncf/quantization/ignored_scope/subgraphs: %s",
                   local->message);
      return FALSE;
    }
  return TRUE;
}

QsNncfSettings *
qs_nncf_settings_from_rt_info (const char  *rt_info_xml,
                               GError     **error)
{
  g_autoptr(QsRtInfo) info = NULL;
  g_autoptr(QsNncfSettings) s = NULL;
  g_auto(GStrv) top = NULL;
  guint i;

  if (rt_info_xml == NULL)
    return NULL;
  info = qs_rt_info_parse (rt_info_xml, error);
  if (info == NULL)
    return NULL;
  top = qs_rt_info_list (info, "nncf/quantization");
  if (top == NULL)
    return NULL;
  s = g_new0 (QsNncfSettings, 1);
  s->entries = g_ptr_array_new_with_free_func (entry_free);
  s->regexes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_regex_unref);
  s->subgraphs = g_array_new (FALSE, TRUE, sizeof (Subgraph));
  g_array_set_clear_func (s->subgraphs, subgraph_clear);
  for (i = 0; top[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat ("nncf/quantization/", top[i], NULL);
      collect (info, path, top[i], s->entries, 0);
    }
  if ((s->names = read_list (qs_nncf_settings_get (s, "ignored_scope/names"), "names", error)) == NULL ||
      (s->patterns = read_list (qs_nncf_settings_get (s, "ignored_scope/patterns"), "patterns", error)) == NULL ||
      (s->types = read_list (qs_nncf_settings_get (s, "ignored_scope/types"), "types", error)) == NULL)
    return NULL;
  for (i = 0; s->patterns[i] != NULL; i++)
    {
      g_autoptr(GError) local = NULL;
      GRegex *re = g_regex_new (s->patterns[i], 0, 0, &local);
      if (re == NULL)
        {
          g_set_error (error, QS_NNCF_ERROR, QS_NNCF_ERROR_FORMAT,
                       "nncf/quantization/ignored_scope/patterns: “%s” is not a regular expression: %s",
                       s->patterns[i], local->message);
          return NULL;
        }
      g_ptr_array_add (s->regexes, re);
    }
  if (!read_subgraphs (s, qs_nncf_settings_get (s, "ignored_scope/subgraphs"), error))
    return NULL;
  return g_steal_pointer (&s);
}

QsNncfSettings *
qs_nncf_settings_from_model (const QsModel  *model,
                             GError        **error)
{
  g_return_val_if_fail (model != NULL, NULL);

  return qs_nncf_settings_from_rt_info (model->rt_info, error);
}

const GPtrArray *
qs_nncf_settings_get_entries (const QsNncfSettings *settings)
{
  return settings->entries;
}

const char *
qs_nncf_settings_get (const QsNncfSettings *settings,
                      const char           *key)
{
  guint i;

  for (i = 0; i < settings->entries->len; i++)
    {
      const QsNncfEntry *e = settings->entries->pdata[i];
      if (strcmp (e->key, key) == 0)
        return e->value;
    }
  return NULL;
}

const char *const *
qs_nncf_settings_get_ignored (const QsNncfSettings *settings,
                              const char           *list)
{
  if (g_strcmp0 (list, "names") == 0)
    return (const char *const *) settings->names;
  if (g_strcmp0 (list, "patterns") == 0)
    return (const char *const *) settings->patterns;
  if (g_strcmp0 (list, "types") == 0)
    return (const char *const *) settings->types;
  return (const char *const *) settings->names + g_strv_length (settings->names);   /* empty */
}

static gboolean
name_in (const GPtrArray *names,
         const char      *name)
{
  guint i;

  for (i = 0; i < names->len; i++)
    if (strcmp (names->pdata[i], name) == 0)
      return TRUE;
  return FALSE;
}

/* Does a path lead from @node down to a layer named in @outputs? */
static gboolean
reaches_output (const QsNode    *node,
                const GPtrArray *outputs,
                GHashTable      *memo,
                guint            depth)
{
  gpointer known;
  gboolean found = FALSE;
  guint o, c;

  if (name_in (outputs, node->name))
    return TRUE;
  if (g_hash_table_lookup_extended (memo, node, NULL, &known))
    return GPOINTER_TO_INT (known);
  g_hash_table_insert (memo, (gpointer) node, GINT_TO_POINTER (FALSE));
  for (o = 0; o < node->n_outputs && !found && depth < 4096; o++)
    for (c = 0; c < node->outputs[o].n_consumers && !found; c++)
      found = reaches_output (node->outputs[o].consumers[c]->node, outputs, memo, depth + 1);
  g_hash_table_insert (memo, (gpointer) node, GINT_TO_POINTER (found));
  return found;
}

/* Does a path lead from a layer named in @inputs down to @node? */
static gboolean
reached_from_input (const QsNode    *node,
                    const GPtrArray *inputs,
                    GHashTable      *memo,
                    guint            depth)
{
  gpointer known;
  gboolean found = FALSE;
  guint i;

  if (name_in (inputs, node->name))
    return TRUE;
  if (g_hash_table_lookup_extended (memo, node, NULL, &known))
    return GPOINTER_TO_INT (known);
  g_hash_table_insert (memo, (gpointer) node, GINT_TO_POINTER (FALSE));
  for (i = 0; i < node->n_inputs && !found && depth < 4096; i++)
    {
      const QsNode *up = qs_node_input_node (node, i);
      found = up != NULL && reached_from_input (up, inputs, memo, depth + 1);
    }
  g_hash_table_insert (memo, (gpointer) node, GINT_TO_POINTER (found));
  return found;
}

gboolean
qs_nncf_settings_ignores (const QsNncfSettings  *settings,
                          const QsNode          *node,
                          char                 **rule)
{
  guint i;

  g_return_val_if_fail (settings != NULL && node != NULL, FALSE);

  if (rule != NULL)
    *rule = NULL;
  for (i = 0; settings->names[i] != NULL; i++)
    if (strcmp (settings->names[i], node->name) == 0)
      {
        if (rule != NULL)
          *rule = g_strdup_printf ("name '%s'", settings->names[i]);
        return TRUE;
      }
  for (i = 0; i < settings->regexes->len; i++)
    if (g_regex_match (settings->regexes->pdata[i], node->name, G_REGEX_MATCH_ANCHORED, NULL))
      {
        if (rule != NULL)
          *rule = g_strdup_printf ("pattern '%s'", settings->patterns[i]);
        return TRUE;
      }
  for (i = 0; settings->types[i] != NULL; i++)
    if (strcmp (settings->types[i], node->type) == 0)
      {
        if (rule != NULL)
          *rule = g_strdup_printf ("type '%s'", settings->types[i]);
        return TRUE;
      }
  for (i = 0; i < settings->subgraphs->len; i++)
    {
      const Subgraph *sg = &g_array_index (settings->subgraphs, Subgraph, i);
      g_autoptr(GHashTable) down = g_hash_table_new (NULL, NULL);
      g_autoptr(GHashTable) up = g_hash_table_new (NULL, NULL);

      if (sg->inputs->len > 0 && sg->outputs->len > 0 && reached_from_input (node, sg->inputs, up, 0) &&
          reaches_output (node, sg->outputs, down, 0))
        {
          if (rule != NULL)
            *rule = g_strdup_printf ("subgraph %u", i + 1);
          return TRUE;
        }
    }
  return FALSE;
}
