/* test-shared-models.c — every real model in ../shared/models loads,
 * `qscope-cli info --json` agrees with an independent count of its layers and
 * FakeQuantize nodes, and `qscope-cli dump --mode all` runs every model that
 * has its weights in all three modes over one random input
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The independent count reads the XML as plain text with GRegex: no libxml2,
 * no qscope code.  When the shared folder is absent every case says so and
 * skips; CI always has it.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qscope-core.h"
#include "qs-findings.h"
#include "qs-test-dir.h"

static const char *
shared_dir (void)
{
  const char *dir = g_getenv ("QS_SHARED_MODELS");

  return dir != NULL && g_file_test (dir, G_FILE_TEST_IS_DIR) ? dir : NULL;
}

static guint
count_matches (const char *text,
               const char *pattern)
{
  g_autoptr(GRegex) re = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint n = 0;

  g_regex_match (re, text, 0, &match);
  while (g_match_info_matches (match))
    {
      n++;
      g_match_info_next (match, NULL);
    }
  return n;
}

/* The version attribute of <net>, or 0. */
static gint64
ir_version (const char *text)
{
  g_autoptr(GRegex) re = g_regex_new ("<net[^>]*\\sversion=\"(\\d+)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;
  g_autofree char *v = NULL;

  if (!g_regex_match (re, text, 0, &m))
    return 0;
  v = g_match_info_fetch (m, 1);
  return g_ascii_strtoll (v, NULL, 10);
}

static JsonObject *
run_info (const char *path,
          gboolean    no_weights,
          JsonParser *parser)
{
  const char *cli = g_getenv ("QS_CLI");
  const char *argv[] = { cli, "info", "--json", path, no_weights ? "--no-weights" : NULL, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_nonnull (cli);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("qscope-cli info %s: %s\n%s", path, error->message, err);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_model (gconstpointer data)
{
  const char *path = data;
  gboolean xml_only = strstr (path, "/_xml_only/") != NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QsModel) model = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *info;
  guint n_layers, n_fq;
  gint64 version = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  n_layers = count_matches (text, "<layer\\s");
  n_fq = count_matches (text, "<layer\\s[^>]*type=\"FakeQuantize\"");
  version = ir_version (text);

  model = qs_model_load (path, xml_only ? QS_LOAD_FLAGS_NO_WEIGHTS : QS_LOAD_FLAGS_NONE, NULL, &error);
  if (version < 10)
    {
      /* pre-2020 IR: one clear error naming the version */
      g_autofree char *phrase = g_strdup_printf ("IR version %" G_GINT64_FORMAT " is not supported", version);
      g_assert_null (model);
      g_assert_error (error, QS_IR_ERROR, QS_IR_ERROR_VERSION);
      g_assert_nonnull (strstr (error->message, phrase));
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpint (model->ir_version, ==, version);
  g_assert_cmpuint (model->n_layers, ==, n_layers);
  if (!xml_only)
    g_assert_nonnull (model->bin_data);

  info = run_info (path, xml_only, parser);
  g_assert_cmpint (json_object_get_int_member (info, "layers"), ==, n_layers);
  g_assert_cmpint (json_object_get_int_member (info, "ir_version"), ==, version);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (info, "fake_quantize"), "count"), ==, n_fq);
  if (n_layers == model->graph->n_nodes)   /* no bodies: every Parameter is a model input */
    g_assert_cmpint (json_array_get_length (json_object_get_array_member (info, "inputs")), ==,
                     count_matches (text, "<layer\\s[^>]*type=\"Parameter\""));
  g_test_message ("%s: %u layers, %u FakeQuantize", path, n_layers, n_fq);

  /* the findings' figures from the weights are what they say they are */
  if (!xml_only)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GArray) findings = qs_fq_findings_from_graph (model->graph);
      double ms = (g_get_monotonic_time () - start) / 1000.0;
      guint k, measured = 0;

      for (k = 0; k < findings->len; k++)
        {
          const QsFqFinding *f = &g_array_index (findings, QsFqFinding, k);

          g_assert_cmpuint (f->levels, >=, 2);
          g_assert_cmpuint (f->levels_used, <=, f->levels);
          g_assert_cmpuint (f->sparsest_levels, <=, f->levels_used);
          g_assert_true (isnan (f->clipped) || (f->clipped >= 0 && f->clipped <= 1));
          g_assert_true (f->on_weights || f->levels_used == 0);
          measured += f->levels_used > 0;
        }
      g_test_message ("%s: findings of %u FakeQuantize (%u on weights measured) in %.1f ms",
                      path, findings->len, measured, ms);
    }

  if (xml_only)
    {
      /* without the flag, the missing .bin is an error that says so */
      g_autoptr(QsModel) again = NULL;
      g_clear_error (&error);
      again = qs_model_load (path, QS_LOAD_FLAGS_NONE, NULL, &error);
      g_assert_null (again);
      g_assert_error (error, QS_IR_ERROR, QS_IR_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "is missing"));
    }
}

/* Under AddressSanitizer the dumps of every model would take the better part
 * of CI's time: the sanitized suite dumps the models that are cheap to run
 * and the two that are refused, the plain suite all of them. */
static gboolean
dump_under_sanitizer (const char *path)
{
#if defined(__SANITIZE_ADDRESS__)
  static const char *const cheap[] = {
    "/age-gender0013-int8-ov2020-v10/", "/landmarks0009-int8-ov2020-v10/", "/open-closed-eye0001-fp32-v11/",
    "/person-reid0031-int8-ov2020-v10/", "/pdr0013-int8-v11/", "/legacy-face-adas-binary0001-int1-v4/",
    "/tinyllama-detokenizer-ext-v11/",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cheap); i++)
    if (strstr (path, cheap[i]) != NULL)
      return TRUE;
  return FALSE;
#else
  (void) path;
  return TRUE;
#endif
}

/* `dump --mode all` over one random input (every model input named, seed 1),
 * as a results file: the three modes ran over the one sample, nothing was
 * skipped, every layer has float and fake-quant figures and a quantized
 * model has int8 layers.  An IR older than version 10 is refused with the loader's
 * error, a model with custom extension ops with the error naming the op. */
static void
test_dump (gconstpointer data)
{
  const char *path = data;
  const char *cli = g_getenv ("QS_CLI");
  g_autoptr(JsonParser) info_parser = json_parser_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *out = NULL, *text = NULL, *err = NULL;
  g_autofree char *stdout_text = NULL;
  JsonObject *res;
  JsonArray *inputs, *modes, *outputs, *layers;
  gint64 version;
  int status;
  guint i;

  g_assert_nonnull (cli);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  version = ir_version (text);

  dir = qs_test_make_dir ("qs-dump");
  out = g_build_filename (dir, "dump.json", NULL);
  g_ptr_array_add (argv, g_strdup (cli));
  g_ptr_array_add (argv, g_strdup ("dump"));
  g_ptr_array_add (argv, g_strdup ("--mode"));
  g_ptr_array_add (argv, g_strdup ("all"));
  g_ptr_array_add (argv, g_strdup ("--format"));
  g_ptr_array_add (argv, g_strdup ("json"));
  g_ptr_array_add (argv, g_strdup ("-o"));
  g_ptr_array_add (argv, g_strdup (out));
  if (version >= 10)
    {
      inputs = json_object_get_array_member (run_info (path, FALSE, info_parser), "inputs");
      for (i = 0; i < json_array_get_length (inputs); i++)
        {
          const char *name = json_object_get_string_member (json_array_get_object_element (inputs, i), "name");

          g_ptr_array_add (argv, g_strdup ("-i"));
          g_ptr_array_add (argv, g_strdup_printf ("%s=random:1", name));
        }
    }
  g_ptr_array_add (argv, g_strdup (path));
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &stdout_text, &err, &status, &error));
  g_assert_no_error (error);
  if (version < 10)
    {
      /* pre-2020 IR: refused, with the version named */
      g_assert_false (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (err, "is not supported"));
      qs_test_remove_tree (dir);
      return;
    }
  if (count_matches (text, "<layer\\s[^>]*version=\"extension\"") > 0)
    {
      /* custom extension ops (a tokenizer's string ops) have no kernel:
       * refused, with the op named */
      g_assert_false (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (err, "a custom extension op"));
      qs_test_remove_tree (dir);
      return;
    }
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("qscope-cli dump --mode all %s: %s\n%s", path, error->message, err);

  g_assert_true (json_parser_load_from_file (parser, out, &error));
  g_assert_no_error (error);
  res = json_node_get_object (json_parser_get_root (parser));
  modes = json_object_get_array_member (res, "modes");
  g_assert_cmpuint (json_array_get_length (modes), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (modes, 0), ==, "float");
  g_assert_cmpstr (json_array_get_string_element (modes, 1), ==, "fq");
  g_assert_cmpstr (json_array_get_string_element (modes, 2), ==, "int8");
  g_assert_cmpint (json_object_get_int_member (res, "samples"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (res, "skipped"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (res, "layers")), >, 0);
  /* every layer has its float and fake-quant figures; a model with
   * FakeQuantize has int8 layers; the outputs are listed (their
   * comparisons are there where both modes gave the same shape: a
   * detection model's box count may differ between modes) */
  layers = json_object_get_array_member (res, "layers");
  for (i = 0; i < json_array_get_length (layers); i++)
    {
      JsonObject *l = json_array_get_object_element (layers, i);

      g_assert_true (json_object_has_member (l, "float"));
      g_assert_true (json_object_has_member (l, "fq"));
    }
  if (count_matches (text, "<layer\\s[^>]*type=\"FakeQuantize\"") > 0)
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (res, "int8_layers")), >, 0);
  outputs = json_object_get_array_member (res, "outputs");
  g_assert_cmpuint (json_array_get_length (outputs), >, 0);
  g_test_message ("%s: %u layers in three modes, %.1f s", path,
                  json_array_get_length (json_object_get_array_member (res, "layers")),
                  json_object_get_double_member (json_object_get_object_member (res, "seconds"), "total"));
  qs_test_remove_tree (dir);
}

static void
test_absent (void)
{
  g_test_skip ("../shared/models is absent: the real-model cases did not run");
}

static void
add_models (const char *dir,
            GPtrArray  *paths)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        add_models (path, paths);
      else if (g_str_has_suffix (name, ".xml"))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
}

static gboolean
has_bin (const char *xml)
{
  g_autofree char *stem = g_strndup (xml, strlen (xml) - 4);
  g_autofree char *bin = g_strconcat (stem, ".bin", NULL);

  return g_file_test (bin, G_FILE_TEST_IS_REGULAR);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *dir;
  guint i;

  g_test_init (&argc, &argv, NULL);

  dir = shared_dir ();
  if (dir == NULL)
    g_test_add_func ("/qscope/shared-models/absent", test_absent);
  else
    add_models (dir, paths);
  g_ptr_array_sort (paths, compare_paths);

  for (i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *rel = g_strdup (path + strlen (dir) + 1);
      g_autofree char *test_path = NULL;

      g_strdelimit (rel, "/.", '-');
      test_path = g_strdup_printf ("/qscope/shared-models/%s", rel);
      g_test_add_data_func (test_path, path, test_model);
      /* dump runs a model with its weights; an XML-only model without a .bin has none to run */
      if ((strstr (path, "/_xml_only/") == NULL || has_bin (path)) && dump_under_sanitizer (path))
        {
          g_autofree char *dump_path = g_strdup_printf ("/qscope/shared-models/dump/%s", rel);

          g_test_add_data_func (dump_path, path, test_dump);
        }
    }
  /* the whole shared set, except under valgrind, which gets a few models */
  if (dir != NULL && g_getenv ("QS_UNDER_VALGRIND") == NULL)
    g_assert_cmpuint (paths->len, >=, 31);

  return g_test_run ();
}
