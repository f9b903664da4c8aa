/* qs-ir-writer.c
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The reader keeps every attribute as text and every rt_info, port map and
 * net-level block as XML text, so writing back is mostly printing: the only
 * values that change are Const offset/size (the .bin is repacked) and the
 * layer ids of built graphs.  Attribute values are escaped again because the
 * reader stored them decoded; captured XML blocks are written verbatim.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "qs-ir-writer.h"
#include "qs-file.h"

G_DEFINE_QUARK (qs-ir-writer-error-quark, qs_ir_writer_error)

typedef struct
{
  GString    *xml;
  GByteArray *bin;
  gboolean    with_weights;
} Writer;

static void
indent (GString *s,
        guint    depth)
{
  guint i;

  for (i = 0; i < depth; i++)
    g_string_append (s, "  ");
}

static void
append_escaped (GString    *s,
                const char *text)
{
  g_autofree char *e = g_markup_escape_text (text, -1);
  g_string_append (s, e);
}

static void
write_port (Writer       *w,
            const QsPort *port,
            guint         depth)
{
  GString *s = w->xml;
  int i;

  indent (s, depth);
  g_string_append_printf (s, "<port id=\"%u\"", port->xml_id);
  if (port->element_type != QS_ELEMENT_UNDEFINED)
    g_string_append_printf (s, " precision=\"%s\"", qs_element_type_traits (port->element_type)->precision);
  if (port->names != NULL)
    {
      g_string_append (s, " names=\"");
      append_escaped (s, port->names);
      g_string_append_c (s, '"');
    }
  if (port->shape.rank <= 0 && port->rt_info == NULL)
    {
      g_string_append (s, "/>\n");
      return;
    }
  g_string_append (s, ">\n");
  for (i = 0; i < port->shape.rank; i++)
    {
      indent (s, depth + 1);
      g_string_append (s, "<dim>");
      if (port->shape.dims[i] >= 0)
        g_string_append_printf (s, "%" G_GINT64_FORMAT, port->shape.dims[i]);
      else if (port->shape.ranges != NULL &&
               !(port->shape.ranges[i].min == 0 && port->shape.ranges[i].max == QS_DIM_UNBOUNDED))
        {
          g_string_append_printf (s, "%" G_GINT64_FORMAT "..", port->shape.ranges[i].min);
          if (port->shape.ranges[i].max != QS_DIM_UNBOUNDED)
            g_string_append_printf (s, "%" G_GINT64_FORMAT, port->shape.ranges[i].max);
        }
      else
        g_string_append (s, "-1");
      g_string_append (s, "</dim>\n");
    }
  if (port->rt_info != NULL)
    {
      indent (s, depth + 1);
      g_string_append_printf (s, "%s\n", port->rt_info);
    }
  indent (s, depth);
  g_string_append (s, "</port>\n");
}

static void write_graph (Writer *w, const QsGraph *graph, const char *element, guint depth);

static void
write_layer (Writer       *w,
             const QsNode *node,
             guint         depth)
{
  GString *s = w->xml;
  const QsConstData *k = node->konst;
  guint i;

  indent (s, depth);
  g_string_append_printf (s, "<layer id=\"%" G_GUINT64_FORMAT "\" name=\"", node->id);
  append_escaped (s, node->name);
  g_string_append_printf (s, "\" type=\"%s\"", node->type);
  if (node->version != NULL && node->version[0] != '\0')
    g_string_append_printf (s, " version=\"%s\"", node->version);
  g_string_append (s, ">\n");

  if (node->n_attrs > 0)
    {
      guint64 offset = 0;
      gboolean repack = k != NULL && k->data != NULL && w->with_weights;

      if (repack)
        {
          offset = w->bin->len;
          g_byte_array_append (w->bin, k->data, k->size);
        }
      indent (s, depth + 1);
      g_string_append (s, "<data");
      for (i = 0; i < node->n_attrs; i++)
        {
          const char *key = node->attr_keys[i];
          g_string_append_printf (s, " %s=\"", key);
          if (repack && strcmp (key, "offset") == 0)
            g_string_append_printf (s, "%" G_GUINT64_FORMAT, offset);
          else if (repack && strcmp (key, "size") == 0)
            g_string_append_printf (s, "%" G_GUINT64_FORMAT, k->size);
          else
            append_escaped (s, node->attr_values[i]);
          g_string_append_c (s, '"');
        }
      g_string_append (s, "/>\n");
    }
  if (node->rt_info != NULL)
    {
      indent (s, depth + 1);
      g_string_append_printf (s, "%s\n", node->rt_info);
    }
  if (node->n_inputs > 0)
    {
      indent (s, depth + 1);
      g_string_append (s, "<input>\n");
      for (i = 0; i < node->n_inputs; i++)
        write_port (w, &node->inputs[i], depth + 2);
      indent (s, depth + 1);
      g_string_append (s, "</input>\n");
    }
  if (node->n_outputs > 0)
    {
      indent (s, depth + 1);
      g_string_append (s, "<output>\n");
      for (i = 0; i < node->n_outputs; i++)
        write_port (w, &node->outputs[i], depth + 2);
      indent (s, depth + 1);
      g_string_append (s, "</output>\n");
    }
  for (i = 0; i < node->n_bodies; i++)
    write_graph (w, node->bodies[i], node->body_names[i], depth + 1);
  if (node->port_maps != NULL)
    {
      indent (s, depth + 1);
      g_string_append_printf (s, "%s\n", node->port_maps);
    }
  indent (s, depth);
  g_string_append (s, "</layer>\n");
}

static void
write_graph (Writer        *w,
             const QsGraph *graph,
             const char    *element,
             guint          depth)
{
  GString *s = w->xml;
  guint i, j, c;

  if (element != NULL)
    {
      indent (s, depth);
      g_string_append_printf (s, "<%s>\n", element);
    }
  indent (s, depth + 1);
  g_string_append (s, "<layers>\n");
  for (i = 0; i < graph->n_nodes; i++)
    write_layer (w, graph->nodes[i], depth + 2);
  indent (s, depth + 1);
  g_string_append (s, "</layers>\n");
  indent (s, depth + 1);
  g_string_append (s, "<edges>\n");
  /* in consumer order, which is the order the edges were read */
  for (i = 0; i < graph->n_nodes; i++)
    {
      const QsNode *node = graph->nodes[i];
      for (j = 0; j < node->n_outputs; j++)
        for (c = 0; c < node->outputs[j].n_consumers; c++)
          {
            const QsPort *in = node->outputs[j].consumers[c];
            indent (s, depth + 2);
            g_string_append_printf (s, "<edge from-layer=\"%" G_GUINT64_FORMAT "\" from-port=\"%u\" "
                                    "to-layer=\"%" G_GUINT64_FORMAT "\" to-port=\"%u\"/>\n",
                                    node->id, node->outputs[j].xml_id, in->node->id, in->xml_id);
          }
    }
  indent (s, depth + 1);
  g_string_append (s, "</edges>\n");
  if (element != NULL)
    {
      indent (s, depth);
      g_string_append_printf (s, "</%s>\n", element);
    }
}

static gboolean
has_weights (const QsGraph *graph)
{
  guint i, j;

  for (i = 0; i < graph->n_nodes; i++)
    {
      const QsNode *node = graph->nodes[i];
      if (node->konst != NULL && node->konst->data != NULL && node->konst->size > 0)
        return TRUE;
      for (j = 0; j < node->n_bodies; j++)
        if (has_weights (node->bodies[j]))
          return TRUE;
    }
  return FALSE;
}

static void
write_model (Writer        *w,
             const QsModel *model)
{
  GString *s = w->xml;

  g_string_append (s, "<?xml version=\"1.0\"?>\n<net name=\"");
  append_escaped (s, model->name != NULL ? model->name : "model");
  g_string_append_printf (s, "\" version=\"%d\">\n", model->ir_version >= 10 ? model->ir_version : 11);
  write_graph (w, model->graph, NULL, 0);
  if (model->rt_info != NULL)
    g_string_append_printf (s, "  %s\n", model->rt_info);
  if (model->meta_data != NULL)
    g_string_append_printf (s, "  %s\n", model->meta_data);
  if (model->quantization_parameters != NULL)
    g_string_append_printf (s, "  %s\n", model->quantization_parameters);
  g_string_append (s, "</net>\n");
}

gboolean
qs_ir_write_to_bytes (const QsModel  *model,
                      GBytes        **xml,
                      GBytes        **bin,
                      GError        **error)
{
  Writer w;

  g_return_val_if_fail (model != NULL && model->graph != NULL, FALSE);

  w.xml = g_string_new (NULL);
  w.bin = g_byte_array_new ();
  w.with_weights = has_weights (model->graph);
  write_model (&w, model);
  *xml = g_string_free_to_bytes (w.xml);
  *bin = g_byte_array_free_to_bytes (w.bin);
  return TRUE;
}

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

static gboolean
write_file (const char  *path,
            GBytes      *bytes,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (!qs_file_replace_contents (path, data, size, &local_error))
    {
      g_set_error (error, QS_IR_WRITER_ERROR, QS_IR_WRITER_ERROR_IO, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
qs_ir_write (const QsModel  *model,
             const char     *xml_path,
             GCancellable   *cancellable,
             GError        **error)
{
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GBytes) bin = NULL;
  g_autofree char *bin_path = NULL;

  g_return_val_if_fail (xml_path != NULL, FALSE);

  if (!qs_ir_write_to_bytes (model, &xml, &bin, error))
    return FALSE;
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, QS_IR_WRITER_ERROR, QS_IR_WRITER_ERROR_CANCELLED, "writing %s was cancelled", xml_path);
      return FALSE;
    }
  bin_path = bin_path_for (xml_path);
  if (has_weights (model->graph) && !write_file (bin_path, bin, error))
    return FALSE;
  if (!write_file (xml_path, xml, error))
    {
      /* no .bin without its .xml */
      if (has_weights (model->graph))
        g_unlink (bin_path);
      return FALSE;
    }
  return TRUE;
}
