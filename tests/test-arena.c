/* test-arena.c — the bump allocator
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>

#include "qscope-core.h"
#include "qs-arena.h"

static void
test_alloc (void)
{
  g_autoptr(QsArena) arena = qs_arena_new (4096);
  guint8 *small = qs_arena_alloc (arena, 3);
  guint8 *zeroed = qs_arena_alloc0 (arena, 100);
  guint8 *big = qs_arena_alloc (arena, 64 * 1024);
  guint8 *after = qs_arena_alloc (arena, 8);
  char *text = qs_arena_strndup (arena, "conv1/weights and more", 13);
  guint i;

  g_assert_cmpuint ((guintptr) small % 8, ==, 0);
  g_assert_cmpuint ((guintptr) zeroed % 8, ==, 0);
  g_assert_cmpuint ((guintptr) big % 8, ==, 0);
  for (i = 0; i < 100; i++)
    g_assert_cmpuint (zeroed[i], ==, 0);
  /* the big request got a block of its own; the small ones go on where
   * they were */
  memset (big, 0xab, 64 * 1024);
  memset (after, 0xcd, 8);
  g_assert_cmpuint (big[64 * 1024 - 1], ==, 0xab);
  g_assert_true (after < big || after >= big + 64 * 1024);
  g_assert_cmpstr (text, ==, "conv1/weights");
  g_assert_cmpuint (qs_arena_get_size (arena), >=, 64 * 1024 + 100 + 8);
}

/* Enough small allocations to take many huge blocks: every byte written
 * must read back. */
static void
test_many_blocks (void)
{
  QsArena *arena = qs_arena_new (256 * 1024);
  const guint n = 40 * 1024 * 1024 / 200;
  guint32 **chunks = g_new (guint32 *, n);
  guint i, k;

  for (i = 0; i < n; i++)
    {
      chunks[i] = qs_arena_alloc (arena, 200);
      for (k = 0; k < 50; k++)
        chunks[i][k] = i * 50 + k;
    }
  for (i = 0; i < n; i++)
    for (k = 0; k < 50; k++)
      if (chunks[i][k] != i * 50 + k)
        g_assert_cmpuint (chunks[i][k], ==, i * 50 + k);
  g_assert_cmpuint (qs_arena_get_size (arena), >=, (gsize) n * 200);
  g_free (chunks);
  qs_arena_free (arena);
}

/* A model of 10 MB, read from memory: 30,000 layers in a chain. */
static void
test_big_model (void)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?>\n<net name=\"big\" version=\"11\">\n<layers>\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(QsModel) model = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 30000;
  guint i;

  g_string_append (xml, "<layer id=\"0\" name=\"in\" type=\"Parameter\" version=\"opset1\">"
                        "<data shape=\"1,64,56,56\" element_type=\"f32\"/><output><port id=\"0\" precision=\"FP32\">"
                        "<dim>1</dim><dim>64</dim><dim>56</dim><dim>56</dim></port></output></layer>\n");
  for (i = 1; i < n; i++)
    g_string_append_printf (xml, "<layer id=\"%u\" name=\"block%u/relu\" type=\"ReLU\" version=\"opset1\">"
                                 "<input><port id=\"0\" precision=\"FP32\"><dim>1</dim><dim>64</dim><dim>56</dim>"
                                 "<dim>56</dim></port></input><output><port id=\"1\" precision=\"FP32\">"
                                 "<dim>1</dim><dim>64</dim><dim>56</dim><dim>56</dim></port></output>"
                                 "<rt_info><attribute name=\"fused_names\" version=\"0\" value=\"block%u/relu\"/>"
                                 "</rt_info></layer>\n", i, i, i);
  g_string_append_printf (xml, "<layer id=\"%u\" name=\"out\" type=\"Result\" version=\"opset1\"><input>"
                               "<port id=\"0\" precision=\"FP32\"><dim>1</dim><dim>64</dim><dim>56</dim><dim>56</dim>"
                               "</port></input></layer>\n</layers>\n<edges>\n", n);
  for (i = 0; i < n; i++)
    g_string_append_printf (xml, "<edge from-layer=\"%u\" from-port=\"%u\" to-layer=\"%u\" to-port=\"0\"/>\n",
                            i, i == 0 ? 0 : 1, i + 1);
  g_string_append (xml, "</edges>\n</net>\n");
  g_assert_cmpuint (xml->len, >, 8 * 1024 * 1024);

  bytes = g_string_free_to_bytes (g_steal_pointer (&xml));
  model = qs_model_load_from_bytes ("big.xml", bytes, NULL, QS_LOAD_FLAGS_NO_WEIGHTS, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  g_assert_cmpuint (model->graph->n_nodes, ==, n + 1);
  g_assert_cmpstr (model->graph->nodes[n / 2]->name, ==, "block15000/relu");
  g_assert_true (model->graph->nodes[n]->inputs[0].source == &model->graph->nodes[n - 1]->outputs[0]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/arena/alloc", test_alloc);
  g_test_add_func ("/arena/many-blocks", test_many_blocks);
  g_test_add_func ("/arena/big-model", test_big_model);

  return g_test_run ();
}
