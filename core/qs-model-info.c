/* qs-model-info.c
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * One summary of a loaded model, built as JSON so that the CLI's text and
 * JSON outputs and the window all read the same numbers.  Key names are part
 * of qscope's interface (README, "info --json keys"): add, never rename.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "qs-model-info.h"
#include "qs-nncf.h"
#include "qs-weights.h"

typedef struct
{
  const char *type;
  const char *version;
  guint       count;
} TypeCount;

static void
count_types (const QsGraph *graph,
             GHashTable    *types)
{
  guint i;

  for (i = 0; i < graph->n_nodes; i++)
    {
      const QsNode *node = graph->nodes[i];
      g_autofree char *key = g_strdup_printf ("%s\x1f%s", node->type, node->version);
      TypeCount *tc = g_hash_table_lookup (types, key);
      guint b;

      if (tc == NULL)
        {
          tc = g_new0 (TypeCount, 1);
          tc->type = node->type;
          tc->version = node->version;
          g_hash_table_insert (types, g_steal_pointer (&key), tc);
        }
      tc->count++;
      for (b = 0; b < node->n_bodies; b++)
        count_types (node->bodies[b], types);
    }
}

static int
compare_type_count (gconstpointer a,
                    gconstpointer b)
{
  const TypeCount *x = *(TypeCount * const *) a;
  const TypeCount *y = *(TypeCount * const *) b;
  int c;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  c = strcmp (x->type, y->type);
  return c != 0 ? c : strcmp (x->version, y->version);
}

static void
add_tensor (JsonBuilder  *b,
            const QsNode *node,
            const QsPort *port)
{
  g_auto(GStrv) names = port ? qs_port_dup_names (port) : NULL;
  g_autofree char *shape = NULL;
  guint i;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, node->name);
  json_builder_set_member_name (b, "tensor_names");
  json_builder_begin_array (b);
  for (i = 0; names && names[i]; i++)
    json_builder_add_string_value (b, names[i]);
  json_builder_end_array (b);
  if (port != NULL)
    {
      shape = qs_shape_to_string (&port->shape);
      json_builder_set_member_name (b, "shape");
      json_builder_add_string_value (b, shape);
      json_builder_set_member_name (b, "element_type");
      json_builder_add_string_value (b, qs_element_type_name (port->element_type));
    }
  json_builder_end_object (b);
}

/* Elements of a range input, from its port shape (works without weights). */
static guint64
port_elements (const QsPort *port)
{
  guint64 n = 1;

  if (port == NULL || !qs_shape_n_elements (&port->shape, &n))
    return 1;
  return n;
}

static int
compare_keys (const void *a,
              const void *b)
{
  const char *x = *(const char * const *) a;
  const char *y = *(const char * const *) b;
  gint64 nx, ny;

  /* numeric keys ("255", "256") in numeric order, the rest by name */
  if (qs_parse_int64 (x, &nx) && qs_parse_int64 (y, &ny))
    return nx < ny ? -1 : nx > ny;
  return strcmp (x, y);
}

static void
add_count_object (JsonBuilder *b,
                  GHashTable  *counts)
{
  g_autofree gpointer *keys = NULL;
  guint n, i;

  keys = g_hash_table_get_keys_as_array (counts, &n);
  qsort (keys, n, sizeof (gpointer), compare_keys);
  json_builder_begin_object (b);
  for (i = 0; i < n; i++)
    {
      json_builder_set_member_name (b, keys[i]);
      json_builder_add_int_value (b, GPOINTER_TO_UINT (g_hash_table_lookup (counts, keys[i])));
    }
  json_builder_end_object (b);
}

static void
bump (GHashTable *counts,
      const char *key)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

  g_hash_table_insert (counts, g_strdup (key), GUINT_TO_POINTER (n + 1));
}

/* "nncf": the quantization settings NNCF stored in the rt_info, key →
 * value as written (ignored_scope/patterns: "['/model.22/dfl']"), or
 * "nncf_error" when they cannot be read; neither when there are none. */
static void
add_nncf (JsonBuilder   *b,
          const QsModel *model)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QsNncfSettings) settings = qs_nncf_settings_from_model (model, &error);
  const GPtrArray *entries;
  guint i;

  if (error != NULL)
    {
      json_builder_set_member_name (b, "nncf_error");
      json_builder_add_string_value (b, error->message);
      return;
    }
  if (settings == NULL)
    return;
  entries = qs_nncf_settings_get_entries (settings);
  json_builder_set_member_name (b, "nncf");
  json_builder_begin_object (b);
  for (i = 0; i < entries->len; i++)
    {
      const QsNncfEntry *e = entries->pdata[i];
      json_builder_set_member_name (b, e->key);
      json_builder_add_string_value (b, e->value);
    }
  json_builder_end_object (b);
}

JsonNode *
qs_model_summarize (const QsModel *model)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GHashTable) types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) levels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) const_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) forms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  const QsGraph *graph = model->graph;
  guint n_fq = 0, n_fq_tensor = 0, n_fq_channel = 0, n_weighted = 0;
  guint64 const_bytes = 0;
  GHashTableIter iter;
  gpointer value;
  guint i;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, model->xml_path);
  json_builder_set_member_name (b, "ir_version");
  json_builder_add_int_value (b, model->ir_version);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, model->name);
  json_builder_set_member_name (b, "layers");
  json_builder_add_int_value (b, model->n_layers);

  json_builder_set_member_name (b, "inputs");
  json_builder_begin_array (b);
  for (i = 0; i < graph->n_parameters; i++)
    {
      const QsNode *p = graph->parameters[i];
      add_tensor (b, p, p->n_outputs > 0 ? &p->outputs[0] : NULL);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "outputs");
  json_builder_begin_array (b);
  for (i = 0; i < graph->n_results; i++)
    {
      const QsNode *res = graph->results[i];
      const QsPort *src = qs_node_input_source (res, 0);
      /* the output's names are those of the tensor feeding the Result */
      add_tensor (b, res, src != NULL ? src : (res->n_inputs > 0 ? &res->inputs[0] : NULL));
    }
  json_builder_end_array (b);

  count_types (graph, types);
  g_hash_table_iter_init (&iter, types);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (sorted, value);
  g_ptr_array_sort (sorted, compare_type_count);
  json_builder_set_member_name (b, "layer_types");
  json_builder_begin_array (b);
  for (i = 0; i < sorted->len; i++)
    {
      const TypeCount *tc = g_ptr_array_index (sorted, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, tc->type);
      json_builder_set_member_name (b, "version");
      json_builder_add_string_value (b, tc->version);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, tc->count);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  for (i = 0; i < graph->n_nodes; i++)
    {
      const QsNode *node = graph->nodes[i];
      guint w;

      if (qs_node_is_type (node, "FakeQuantize"))
        {
          const char *lv = qs_node_get_attr (node, "levels");
          gboolean per_channel = FALSE;
          guint j;

          n_fq++;
          bump (levels, lv ? lv : "?");
          for (j = 1; j < node->n_inputs && j <= 4; j++)
            {
              const QsPort *src = qs_node_input_source (node, j);
              if (port_elements (src ? src : &node->inputs[j]) > 1)
                per_channel = TRUE;
            }
          if (per_channel)
            n_fq_channel++;
          else
            n_fq_tensor++;
        }
      else if (node->konst != NULL)
        {
          bump (const_types, qs_element_type_name (node->konst->element_type));
          const_bytes += node->konst->size;
        }
      else if (qs_node_is_weighted (node, &w))
        {
          QsWeightChain chain;
          if (qs_weights_classify (node, w, &chain))
            {
              g_autofree char *key = g_strdup_printf ("%s:%s", qs_weight_form_name (chain.form),
                                                      qs_element_type_name (chain.weights->konst->element_type));
              bump (forms, key);
              n_weighted++;
            }
        }
    }

  json_builder_set_member_name (b, "fake_quantize");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, n_fq);
  json_builder_set_member_name (b, "levels");
  add_count_object (b, levels);
  json_builder_set_member_name (b, "per_tensor");
  json_builder_add_int_value (b, n_fq_tensor);
  json_builder_set_member_name (b, "per_channel");
  json_builder_add_int_value (b, n_fq_channel);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "const_element_types");
  add_count_object (b, const_types);

  json_builder_set_member_name (b, "weight_forms");
  add_count_object (b, forms);
  json_builder_set_member_name (b, "weighted_layers");
  json_builder_add_int_value (b, n_weighted);

  json_builder_set_member_name (b, "const_bytes");
  json_builder_add_int_value (b, (gint64) const_bytes);
  json_builder_set_member_name (b, "bin_bytes");
  json_builder_add_int_value (b, (gint64) model->bin_size);
  json_builder_set_member_name (b, "weights_loaded");
  json_builder_add_boolean_value (b, model->bin_data != NULL);
  json_builder_set_member_name (b, "load_seconds");
  json_builder_add_double_value (b, model->load_seconds);
  json_builder_set_member_name (b, "memory_bytes");
  json_builder_add_int_value (b, (gint64) qs_model_get_memory (model));
  add_nncf (b, model);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}
