/* qs-rt-info.c — rt_info and meta_data as a small tree
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The text was captured by qscope's own reader, which refuses any DTD, so
 * it holds no entity declarations; it is parsed again here without
 * network access, entity substitution or DTD loading all the same.
 * Values are copied out of libxml2's tree into a GLib one so that lookups
 * hand out plain strings owned by the QsRtInfo.
 */
#include "config.h"

#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "qs-model.h"
#include "qs-rt-info.h"

typedef struct _Entry Entry;

struct _Entry
{
  char       *name;       /* element name */
  GHashTable *attrs;      /* attribute name → value */
  GPtrArray  *children;   /* Entry *, document order */
};

struct _QsRtInfo
{
  Entry *top;
};

static void
entry_free (gpointer data)
{
  Entry *e = data;

  if (e == NULL)
    return;
  g_free (e->name);
  g_hash_table_unref (e->attrs);
  g_ptr_array_unref (e->children);
  g_free (e);
}

static Entry *
entry_from_xml (xmlNode *node,
                guint    depth)
{
  Entry *e = g_new0 (Entry, 1);
  xmlAttr *a;
  xmlNode *c;

  e->name = g_strdup ((const char *) node->name);
  e->attrs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  e->children = g_ptr_array_new_with_free_func (entry_free);
  for (a = node->properties; a != NULL; a = a->next)
    {
      xmlChar *v = xmlNodeListGetString (node->doc, a->children, 1);

      g_hash_table_replace (e->attrs, g_strdup ((const char *) a->name), g_strdup (v != NULL ? (const char *) v : ""));
      xmlFree (v);
    }
  if (depth < 64)
    for (c = node->children; c != NULL; c = c->next)
      if (c->type == XML_ELEMENT_NODE)
        g_ptr_array_add (e->children, entry_from_xml (c, depth + 1));
  return e;
}

QsRtInfo *
qs_rt_info_parse (const char *text,
                  GError    **error)
{
  QsRtInfo *info = g_new0 (QsRtInfo, 1);
  xmlDoc *doc;

  if (text == NULL || text[0] == '\0')
    return info;
  doc = xmlReadMemory (text, (int) MIN (strlen (text), (gsize) G_MAXINT), "rt_info.xml", NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOBLANKS);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      g_set_error_literal (error, QS_IR_ERROR, QS_IR_ERROR_XML, "the model's rt_info is not well-formed XML");
      g_free (info);
      return NULL;
    }
  info->top = entry_from_xml (xmlDocGetRootElement (doc), 0);
  xmlFreeDoc (doc);
  return info;
}

void
qs_rt_info_free (QsRtInfo *info)
{
  if (info == NULL)
    return;
  entry_free (info->top);
  g_free (info);
}

static const Entry *
child_named (const Entry *e,
             const char  *name,
             gsize        len)
{
  guint i;

  for (i = 0; i < e->children->len; i++)
    {
      const Entry *c = g_ptr_array_index (e->children, i);

      if (strlen (c->name) == len && strncmp (c->name, name, len) == 0)
        return c;
    }
  return NULL;
}

static const Entry *
find_path (const QsRtInfo *info,
           const char     *path)
{
  const Entry *e = info != NULL ? info->top : NULL;
  const char *p = path;

  while (e != NULL && p != NULL && *p != '\0')
    {
      const char *slash = strchr (p, '/');
      gsize len = slash != NULL ? (gsize) (slash - p) : strlen (p);

      e = child_named (e, p, len);
      p = slash != NULL ? slash + 1 : NULL;
    }
  return e;
}

const char *
qs_rt_info_get (const QsRtInfo *info,
                const char     *path)
{
  const Entry *e = path != NULL && path[0] != '\0' ? find_path (info, path) : NULL;

  return e != NULL ? g_hash_table_lookup (e->attrs, "value") : NULL;
}

static const char *
find_attribute (const Entry *e,
                const char  *name,
                const char  *key)
{
  guint i;

  if (strcmp (e->name, "attribute") == 0 && g_strcmp0 (g_hash_table_lookup (e->attrs, "name"), name) == 0)
    {
      const char *v = g_hash_table_lookup (e->attrs, key);

      if (v != NULL)
        return v;
    }
  for (i = 0; i < e->children->len; i++)
    {
      const char *v = find_attribute (g_ptr_array_index (e->children, i), name, key);

      if (v != NULL)
        return v;
    }
  return NULL;
}

const char *
qs_rt_info_get_attribute (const QsRtInfo *info,
                          const char     *name,
                          const char     *key)
{
  if (info == NULL || info->top == NULL)
    return NULL;
  return find_attribute (info->top, name, key);
}

char **
qs_rt_info_list (const QsRtInfo *info,
                 const char     *path)
{
  const Entry *e = find_path (info, path);
  char **names;
  guint i;

  if (e == NULL || e->children->len == 0)
    return NULL;
  names = g_new0 (char *, e->children->len + 1);
  for (i = 0; i < e->children->len; i++)
    names[i] = g_strdup (((const Entry *) g_ptr_array_index (e->children, i))->name);
  return names;
}
