/* test-malformed.c — every file in tests/malformed/ fails with its own error
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Each case names the error code, a phrase of the message and the XML line it
 * must point at (0: the message names no line).  The same files go through
 * qscope-cli, which must print exactly one line on stderr, nothing on stdout,
 * and exit 2.  tests/malformed/make-corpus.py writes the files.
 */
#include "config.h"

#include <string.h>

#include "qscope-core.h"

typedef struct
{
  const char *file;
  QsIrError   code;
  const char *phrase;
  guint       line;
} Case;

static const Case cases[] = {
  { "empty.xml", QS_IR_ERROR_XML, "the file is empty", 1 },
  { "truncated.xml", QS_IR_ERROR_XML, "malformed XML", 8 },
  { "not-xml.xml", QS_IR_ERROR_XML, "malformed XML", 1 },
  { "wrong-root.xml", QS_IR_ERROR_INVALID, "not <net>", 2 },
  { "no-version.xml", QS_IR_ERROR_VERSION, "no version attribute", 2 },
  { "version-4.xml", QS_IR_ERROR_VERSION, "IR version 4 is not supported", 2 },
  { "version-12.xml", QS_IR_ERROR_VERSION, "IR version 12 is not supported", 2 },
  { "unknown-element-type.xml", QS_IR_ERROR_ELEMENT_TYPE, "layer 5 “c5” (Const): unknown element type “f31”", 8 },
  { "unknown-precision.xml", QS_IR_ERROR_ELEMENT_TYPE, "layer 1 “relu” (ReLU): port 1 has unknown precision “FP33”", 10 },
  { "edge-missing-layer.xml", QS_IR_ERROR_EDGE, "names layer 7, which does not exist", 18 },
  { "edge-missing-port.xml", QS_IR_ERROR_EDGE, "layer 2 “out” (Result): it has no input port 9", 18 },
  { "edge-from-input-port.xml", QS_IR_ERROR_EDGE, "layer 1 “relu” (ReLU): it has no output port 0", 18 },
  { "double-edge.xml", QS_IR_ERROR_EDGE, "has two incoming edges", 19 },
  { "edge-port-too-large.xml", QS_IR_ERROR_EDGE, "edge 1:4294967296 → 2:0: port id 4294967296 is too large", 18 },
  { "edge-bad-attribute.xml", QS_IR_ERROR_INVALID, "to-layer=“two” is not a non-negative integer", 18 },
  { "const-outside-bin.xml", QS_IR_ERROR_WEIGHTS, "16 bytes at offset 8 lie outside", 8 },
  { "const-offset-overflow.xml", QS_IR_ERROR_WEIGHTS, "at offset 18446744073709551615 lie outside", 8 },
  { "const-size-mismatch.xml", QS_IR_ERROR_WEIGHTS, "size=12 does not match shape “4” of f32 (16 bytes)", 8 },
  { "const-shape-port-mismatch.xml", QS_IR_ERROR_INVALID, "differs from its output port [2,2]", 8 },
  { "const-missing-offset.xml", QS_IR_ERROR_INVALID, "needs element_type, shape, offset and size", 8 },
  { "const-shape-overflow.xml", QS_IR_ERROR_INVALID, "is not static or overflows", 8 },
  { "const-dynamic-shape.xml", QS_IR_ERROR_INVALID, "shape “?,4” is not static", 8 },
  { "bin-missing.xml", QS_IR_ERROR_IO, "bin-missing.bin is missing (needed by 1 Const layer)", 0 },
  { "negative-dim.xml", QS_IR_ERROR_INVALID, "negative dimension -5", 10 },
  { "huge-dim.xml", QS_IR_ERROR_INVALID, "“99999999999999999999” is not a dimension", 10 },
  { "dim-over-limit.xml", QS_IR_ERROR_LIMIT, "dimension 4294967296 is larger than the limit", 10 },
  { "dim-not-a-number.xml", QS_IR_ERROR_INVALID, "“four” is not a dimension", 10 },
  { "too-many-dims.xml", QS_IR_ERROR_LIMIT, "more than 64 dimensions", 10 },
  { "dim-holds-element.xml", QS_IR_ERROR_INVALID, "<dim> holds an element <b>", 10 },
  { "duplicate-layer-id.xml", QS_IR_ERROR_INVALID, "layer id 1 is used twice (“relu” and “again”)", 15 },
  { "duplicate-port-id.xml", QS_IR_ERROR_INVALID, "port id 0 appears twice", 10 },
  { "layer-without-id.xml", QS_IR_ERROR_INVALID, "<layer> has no id attribute", 8 },
  { "layer-without-type.xml", QS_IR_ERROR_INVALID, "the layer has no type", 8 },
  { "blobs-in-layer.xml", QS_IR_ERROR_VERSION, "<blobs> inside a layer belongs to IR versions before 10", 9 },
  { "cycle.xml", QS_IR_ERROR_CYCLE, "layer 1 “a” (Add) is on a cycle", 8 },
  { "billion-laughs.xml", QS_IR_ERROR_FORBIDDEN, "declares a DTD", 2 },
  { "external-entity.xml", QS_IR_ERROR_FORBIDDEN, "declares a DTD", 2 },
  { "external-dtd.xml", QS_IR_ERROR_FORBIDDEN, "declares a DTD", 2 },
  { "undeclared-entity.xml", QS_IR_ERROR_FORBIDDEN, "Entity 'oops' not defined", 2 },
  { "too-deep.xml", QS_IR_ERROR_LIMIT, "nested more than 128 deep", 3 },
  { "string-header.xml", QS_IR_ERROR_WEIGHTS, "string tensor's header does not match", 8 },
  { "bad-encoding.xml", QS_IR_ERROR_XML, "malformed XML", 2 },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "malformed", c->file, NULL);
  g_autofree char *prefix = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QsModel) model = NULL;

  model = qs_model_load (path, QS_LOAD_FLAGS_NONE, NULL, &error);
  g_assert_null (model);
  g_assert_error (error, QS_IR_ERROR, (int) c->code);
  if (strstr (error->message, c->phrase) == NULL)
    g_error ("%s: expected “%s” in: %s", c->file, c->phrase, error->message);
  g_assert_null (strchr (error->message, '\n'));

  if (c->line > 0)
    prefix = g_strdup_printf ("%s:%u: ", c->file, c->line);
  else
    prefix = g_strdup_printf ("%s: ", c->file);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("%s: expected the message to start with “%s”: %s", c->file, prefix, error->message);
}

/* The corpus holds exactly the files the table names: no file goes untested. */
static void
test_corpus_complete (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "malformed", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n_xml = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean listed = FALSE;
      guint i;

      if (!g_str_has_suffix (name, ".xml"))
        continue;
      n_xml++;
      for (i = 0; i < G_N_ELEMENTS (cases); i++)
        listed |= strcmp (cases[i].file, name) == 0;
      if (!listed)
        g_error ("malformed/%s has no expected error in test-malformed.c", name);
    }
  g_assert_cmpuint (n_xml, ==, G_N_ELEMENTS (cases));
  g_assert_cmpuint (n_xml, >=, 25);
}

static void
test_cli (void)
{
  const char *cli = g_getenv ("QS_CLI");
  guint i;

  if (cli == NULL)
    {
      g_test_skip ("QS_CLI is not set");
      return;
    }
  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "malformed", cases[i].file, NULL);
      const char *argv[] = { cli, "info", path, NULL };
      g_autofree char *out = NULL, *err = NULL;
      g_autoptr(GError) error = NULL;
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   &out, &err, &status, &error));
      g_assert_no_error (error);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_str_has_prefix (err, "qscope-cli: "));
      g_assert_true (g_str_has_suffix (err, "\n"));
      g_assert_null (strchr (err, '\n') + 1 == err + strlen (err) ? NULL : "more than one line");
    }
}

int
main (int    argc,
      char **argv)
{
  guint i;

  g_test_init (&argc, &argv, NULL);

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/qscope/malformed/%s", cases[i].file);
      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/qscope/malformed/corpus-complete", test_corpus_complete);
  g_test_add_func ("/qscope/malformed/cli-one-line-exit-2", test_cli);

  return g_test_run ();
}
