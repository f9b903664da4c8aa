/* qs-json-writer.c — indented JSON written as it is made
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The layout is JsonGenerator's with pretty printing: a container's
 * first item on a new line, items separated by ",\n", each indented two
 * spaces per open container, "key" : value, the closing bracket on a line
 * of its own at the container's indentation, an empty array as [], an
 * empty object as { and } around the indentation of its depth, no newline
 * at the end.  Doubles are g_ascii_dtostr()'s 17 digits, with ".0" added
 * when that has neither a point nor an exponent (json-glib 1.6 adds it
 * after an exponent too, 1e+20.0, which no JSON reader takes: the one
 * place where this writer does not follow it);
 * strings escape \ and " with a backslash and pass UTF-8 through.  A
 * string with a control character goes through JsonGenerator itself, so
 * that its escapes are the same too.
 */
#include "config.h"

#include <string.h>

#include "qs-json-writer.h"

struct _QsJsonWriter
{
  GString    *out;
  GArray     *counts;    /* items so far, per open container */
  const char *name;      /* the pending member name (borrowed until used) */
};

QsJsonWriter *
qs_json_writer_new (void)
{
  QsJsonWriter *w = g_new0 (QsJsonWriter, 1);

  w->out = g_string_sized_new (1 << 16);
  w->counts = g_array_new (FALSE, FALSE, sizeof (guint));
  return w;
}

void
qs_json_writer_free (QsJsonWriter *w)
{
  if (w == NULL)
    return;
  if (w->out != NULL)
    g_string_free (w->out, TRUE);
  g_array_unref (w->counts);
  g_free (w);
}

char *
qs_json_writer_free_to_text (QsJsonWriter *w)
{
  char *text = g_string_free (g_steal_pointer (&w->out), FALSE);

  qs_json_writer_free (w);
  return text;
}

static void
indent (QsJsonWriter *w,
        guint         depth)
{
  static const char spaces[] = "                                ";
  gsize n = 2 * (gsize) depth;

  while (n > 0)
    {
      gsize k = MIN (n, sizeof spaces - 1);

      g_string_append_len (w->out, spaces, k);
      n -= k;
    }
}

static void
escaped (QsJsonWriter *w,
         const char   *text)
{
  const char *p;

  for (p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      break;
  if (*p != '\0')
    {
      /* a control character: JsonGenerator's own escapes */
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
      g_autofree char *quoted = NULL;
      gsize len = 0;

      json_node_set_string (node, text);
      json_generator_set_root (gen, node);
      quoted = json_generator_to_data (gen, &len);
      g_string_append_len (w->out, quoted, len);
      return;
    }
  g_string_append_c (w->out, '"');
  for (p = text; *p != '\0';)
    {
      gsize run = strcspn (p, "\\\"");

      g_string_append_len (w->out, p, run);
      p += run;
      if (*p == '\0')
        break;
      g_string_append_c (w->out, '\\');
      g_string_append_c (w->out, *p);
      p++;
    }
  g_string_append_c (w->out, '"');
}

/* Before a value: the separator, the indentation and the member name. */
static void
item (QsJsonWriter *w)
{
  if (w->counts->len > 0)
    {
      guint *count = &g_array_index (w->counts, guint, w->counts->len - 1);

      g_string_append (w->out, *count == 0 ? "\n" : ",\n");
      (*count)++;
      indent (w, w->counts->len);
    }
  if (w->name != NULL)
    {
      escaped (w, w->name);
      g_string_append (w->out, " : ");
      w->name = NULL;
    }
}

void
qs_json_writer_set_member_name (QsJsonWriter *w,
                                const char   *name)
{
  w->name = name;
}

static void
begin (QsJsonWriter *w,
       char          open)
{
  guint zero = 0;

  item (w);
  g_string_append_c (w->out, open);
  g_array_append_val (w->counts, zero);
}

static void
end (QsJsonWriter *w,
     char          close)
{
  guint count;

  g_return_if_fail (w->counts->len > 0);
  count = g_array_index (w->counts, guint, w->counts->len - 1);
  g_array_set_size (w->counts, w->counts->len - 1);
  if (count > 0)
    g_string_append_c (w->out, '\n');
  if (count > 0 || close == '}')
    indent (w, w->counts->len);   /* JsonGenerator writes an empty object as "{  }" at depth 1 */
  g_string_append_c (w->out, close);
}

void
qs_json_writer_begin_object (QsJsonWriter *w)
{
  begin (w, '{');
}

void
qs_json_writer_end_object (QsJsonWriter *w)
{
  end (w, '}');
}

void
qs_json_writer_begin_array (QsJsonWriter *w)
{
  begin (w, '[');
}

void
qs_json_writer_end_array (QsJsonWriter *w)
{
  end (w, ']');
}

void
qs_json_writer_add_int_value (QsJsonWriter *w,
                              gint64        value)
{
  char buf[24];
  int n;

  item (w);
  n = g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  g_string_append_len (w->out, buf, n);
}

void
qs_json_writer_add_double_value (QsJsonWriter *w,
                                 double        value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  item (w);
  g_ascii_dtostr (buf, sizeof buf, value);
  g_string_append (w->out, buf);
  if (strpbrk (buf, ".eE") == NULL)
    g_string_append (w->out, ".0");
}

void
qs_json_writer_add_boolean_value (QsJsonWriter *w,
                                  gboolean      value)
{
  item (w);
  g_string_append (w->out, value ? "true" : "false");
}

void
qs_json_writer_add_string_value (QsJsonWriter *w,
                                 const char   *value)
{
  item (w);
  escaped (w, value);
}

void
qs_json_writer_add_null_value (QsJsonWriter *w)
{
  item (w);
  g_string_append (w->out, "null");
}

void
qs_json_writer_add_value (QsJsonWriter *w,
                          JsonNode     *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *o = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (o);
        GList *l;

        qs_json_writer_begin_object (w);
        for (l = members; l != NULL; l = l->next)
          {
            qs_json_writer_set_member_name (w, l->data);
            qs_json_writer_add_value (w, json_object_get_member (o, l->data));
          }
        qs_json_writer_end_object (w);
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *a = json_node_get_array (node);
        guint i, n = json_array_get_length (a);

        qs_json_writer_begin_array (w);
        for (i = 0; i < n; i++)
          qs_json_writer_add_value (w, json_array_get_element (a, i));
        qs_json_writer_end_array (w);
      }
      break;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64: qs_json_writer_add_int_value (w, json_node_get_int (node)); break;
        case G_TYPE_DOUBLE: qs_json_writer_add_double_value (w, json_node_get_double (node)); break;
        case G_TYPE_BOOLEAN: qs_json_writer_add_boolean_value (w, json_node_get_boolean (node)); break;
        case G_TYPE_STRING: qs_json_writer_add_string_value (w, json_node_get_string (node)); break;
        default: qs_json_writer_add_null_value (w); break;
        }
      break;
    case JSON_NODE_NULL:
    default:
      qs_json_writer_add_null_value (w);
      break;
    }
}
