/* qs-cli-info.c — `qscope-cli info MODEL.xml [--json]`
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gi18n.h>

#include "qs-cli.h"
#include "qscope-core.h"

static void
print_tensors (JsonArray  *tensors,
               const char *title)
{
  guint i;

  g_print ("%s\n", title);
  for (i = 0; i < json_array_get_length (tensors); i++)
    {
      JsonObject *t = json_array_get_object_element (tensors, i);
      JsonArray *names = json_object_get_array_member (t, "tensor_names");
      g_autoptr(GString) joined = g_string_new (NULL);
      guint j;

      for (j = 0; j < json_array_get_length (names); j++)
        {
          if (j > 0)
            g_string_append (joined, ", ");
          g_string_append (joined, json_array_get_string_element (names, j));
        }
      g_print ("  %-28s %-16s %-6s %s\n",
               json_object_get_string_member (t, "name"),
               json_object_has_member (t, "shape") ? json_object_get_string_member (t, "shape") : "?",
               json_object_has_member (t, "element_type") ? json_object_get_string_member (t, "element_type") : "?",
               joined->str);
    }
}

static void
print_counts (JsonObject *counts,
              const char *indent)
{
  g_autoptr(GList) members = json_object_get_members (counts);
  GList *l;

  for (l = members; l != NULL; l = l->next)
    g_print ("%s%-24s %" G_GINT64_FORMAT "\n", indent, (const char *) l->data,
             json_object_get_int_member (counts, l->data));
}

static void
print_text (JsonObject *o)
{
  JsonArray *types = json_object_get_array_member (o, "layer_types");
  JsonObject *fq = json_object_get_object_member (o, "fake_quantize");
  guint i;

  g_print ("%-14s %s\n", _("Model:"), json_object_get_string_member (o, "name"));
  g_print ("%-14s %s\n", _("File:"), json_object_get_string_member (o, "file"));
  g_print ("%-14s %" G_GINT64_FORMAT "\n", _("IR version:"), json_object_get_int_member (o, "ir_version"));
  g_print ("%-14s %" G_GINT64_FORMAT "\n", _("Layers:"), json_object_get_int_member (o, "layers"));
  g_print ("\n");
  print_tensors (json_object_get_array_member (o, "inputs"), _("Inputs:"));
  print_tensors (json_object_get_array_member (o, "outputs"), _("Outputs:"));

  g_print ("\n%s\n", _("Layers by type:"));
  for (i = 0; i < json_array_get_length (types); i++)
    {
      JsonObject *t = json_array_get_object_element (types, i);
      g_print ("  %-28s %-10s %5" G_GINT64_FORMAT "\n",
               json_object_get_string_member (t, "type"),
               json_object_get_string_member (t, "version"),
               json_object_get_int_member (t, "count"));
    }

  g_print ("\n%s %" G_GINT64_FORMAT " (%s %" G_GINT64_FORMAT ", %s %" G_GINT64_FORMAT ")\n",
           _("FakeQuantize:"), json_object_get_int_member (fq, "count"),
           _("per-tensor"), json_object_get_int_member (fq, "per_tensor"),
           _("per-channel"), json_object_get_int_member (fq, "per_channel"));
  if (json_object_get_int_member (fq, "count") > 0)
    {
      g_print ("  %s\n", _("levels:"));
      print_counts (json_object_get_object_member (fq, "levels"), "    ");
    }
  g_print ("\n%s\n", _("Const element types:"));
  print_counts (json_object_get_object_member (o, "const_element_types"), "  ");
  g_print ("\n%s\n", _("Weight forms (form:stored type):"));
  print_counts (json_object_get_object_member (o, "weight_forms"), "  ");
  g_print ("\n%-14s %" G_GINT64_FORMAT " %s\n", _("Weights:"), json_object_get_int_member (o, "bin_bytes"),
           json_object_get_boolean_member (o, "weights_loaded") ? _("bytes mapped") : _("bytes (not loaded)"));
  g_print ("%-14s %.3f s\n", _("Load time:"), json_object_get_double_member (o, "load_seconds"));
  if (json_object_has_member (o, "nncf_error"))
    g_print ("\n%s %s\n", _("NNCF settings not read:"), json_object_get_string_member (o, "nncf_error"));
  if (json_object_has_member (o, "nncf"))
    {
      JsonObject *nncf = json_object_get_object_member (o, "nncf");
      g_autoptr(GList) keys = json_object_get_members (nncf);
      GList *l;

      g_print ("\n%s\n", _("NNCF quantization settings (rt_info):"));
      for (l = keys; l != NULL; l = l->next)
        g_print ("  %-32s %s\n", (const char *) l->data, json_object_get_string_member (nncf, l->data));
    }
}

int
qs_cli_info (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("MODEL.xml — summarise a model"));
  g_autoptr(GError) error = NULL;
  g_autoptr(QsModel) model = NULL;
  g_autoptr(JsonNode) summary = NULL;
  gboolean json = FALSE, no_weights = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (keys documented in the README)"), NULL },
    { "no-weights", 0, 0, G_OPTION_ARG_NONE, &no_weights, N_("Read the XML only; the .bin may be absent"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return qs_cli_fail (error);
  if (argc != 2)
    return qs_cli_usage (context, _("info takes exactly one MODEL.xml"));

  model = qs_model_load (argv[1], no_weights ? QS_LOAD_FLAGS_NO_WEIGHTS : QS_LOAD_FLAGS_NONE, NULL, &error);
  if (model == NULL)
    return qs_cli_fail (error);

  summary = qs_model_summarize (model);
  if (json)
    {
      g_autofree char *text = json_to_string (summary, TRUE);
      g_print ("%s\n", text);
    }
  else
    print_text (json_node_get_object (summary));
  return QS_CLI_EXIT_OK;
}
