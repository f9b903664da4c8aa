/* qs-exec-test.h — building one-op models in memory for the executor tests
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Each op test writes the smallest IR that holds the op: every input is a
 * Const (or, when asked, a Parameter fed at run time), the op itself, and
 * one Result per output.  Output ports carry no dims: the executor infers
 * shapes while it runs, and the tests check the shapes it found.
 */
#pragma once

#include <math.h>
#include <string.h>

#include "qscope-core.h"
#include "qs-exec.h"
#include "qs-tensor.h"

/* A tensor from a shape text ("2,3"; "" is a scalar) and values. */
static inline QsTensor *
qs_test_tensor (QsElementType type,
                const char   *shape,
                const double *values)
{
  gint64 dims[QS_TENSOR_MAX_RANK] = { 0 };
  int rank = 0;
  QsTensor *t;
  gsize i;

  if (shape[0] != '\0')
    {
      g_auto(GStrv) parts = g_strsplit (shape, ",", -1);
      for (rank = 0; parts[rank] != NULL; rank++)
        dims[rank] = g_ascii_strtoll (parts[rank], NULL, 10);
    }
  t = qs_tensor_new (type, rank, dims);
  g_assert_nonnull (t);
  if (values != NULL)
    for (i = 0; i < t->n_elements; i++)
      qs_tensor_set_f64 (t, i, values[i]);
  return t;
}

#define QS_F32(shape, ...) qs_test_tensor (QS_ELEMENT_F32, shape, (const double[]) { __VA_ARGS__ })
#define QS_I64(shape, ...) qs_test_tensor (QS_ELEMENT_I64, shape, (const double[]) { __VA_ARGS__ })
#define QS_I32(shape, ...) qs_test_tensor (QS_ELEMENT_I32, shape, (const double[]) { __VA_ARGS__ })

static inline void
qs_test_xml_dims (GString        *xml,
                  const QsTensor *t)
{
  int d;

  for (d = 0; d < t->rank; d++)
    g_string_append_printf (xml, "<dim>%" G_GINT64_FORMAT "</dim>", t->dims[d]);
}

/* Runs op @type (opset @version, attributes @attrs as XML attribute text)
 * on @inputs (NULL entries leave an optional port out).  Inputs whose bit
 * is set in @param_mask become Parameters.  Returns @n_out new outputs, or
 * NULL with @error set. */
static inline QsTensor **
qs_test_run_op_full (const char       *type,
                     const char       *version,
                     const char       *attrs,
                     QsTensor *const  *inputs,
                     guint             n_in,
                     guint             param_mask,
                     guint             n_out,
                     QsExecMode        mode,
                     GError          **error)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?>\n<net name=\"t\" version=\"11\"><layers>\n");
  g_autoptr(GByteArray) bin = g_byte_array_new ();
  g_autoptr(GString) edges = g_string_new ("");
  g_autoptr(QsModel) model = NULL;
  g_autoptr(QsExec) exec = NULL;
  g_autoptr(GBytes) xml_bytes = NULL, bin_bytes = NULL;
  QsTensor *params[16];
  QsTensor **outputs = NULL;
  guint i, k, n_params = 0;

  for (i = 0; i < n_in; i++)
    {
      const QsTensor *t = inputs[i];
      const char *et;
      g_autofree char *shape = NULL;

      if (t == NULL)
        continue;
      et = qs_element_type_name (t->type);
      shape = qs_tensor_shape_to_string (t);
      /* "[2,3]" -> "2,3" */
      shape[strlen (shape) - 1] = '\0';
      if (param_mask & (1u << i))
        {
          g_string_append_printf (xml, "<layer id=\"%u\" name=\"in%u\" type=\"Parameter\" version=\"opset1\">"
                                  "<data shape=\"%s\" element_type=\"%s\"/><output><port id=\"0\">",
                                  i, i, shape + 1, et);
        }
      else
        {
          gsize size = t->n_elements * qs_tensor_type_size (t->type);

          g_string_append_printf (xml, "<layer id=\"%u\" name=\"in%u\" type=\"Const\" version=\"opset1\">"
                                  "<data offset=\"%u\" size=\"%" G_GSIZE_FORMAT "\" shape=\"%s\" element_type=\"%s\"/>"
                                  "<output><port id=\"0\">",
                                  i, i, bin->len, size, shape + 1, et);
          g_byte_array_append (bin, t->data, size);
        }
      qs_test_xml_dims (xml, t);
      g_string_append (xml, "</port></output></layer>\n");
      g_string_append_printf (edges, "<edge from-layer=\"%u\" from-port=\"0\" to-layer=\"100\" to-port=\"%u\"/>\n", i, i);
    }

  g_string_append_printf (xml, "<layer id=\"100\" name=\"op\" type=\"%s\" version=\"%s\"><data %s/><input>",
                          type, version, attrs != NULL ? attrs : "");
  for (i = 0; i < n_in; i++)
    if (inputs[i] != NULL)
      {
        g_string_append_printf (xml, "<port id=\"%u\">", i);
        qs_test_xml_dims (xml, inputs[i]);
        g_string_append (xml, "</port>");
      }
  g_string_append (xml, "</input><output>");
  for (k = 0; k < n_out; k++)
    g_string_append_printf (xml, "<port id=\"%u\"/>", n_in + k);
  g_string_append (xml, "</output></layer>\n");
  for (k = 0; k < n_out; k++)
    {
      g_string_append_printf (xml, "<layer id=\"%u\" name=\"out%u\" type=\"Result\" version=\"opset1\">"
                              "<input><port id=\"0\"/></input></layer>\n", 200 + k, k);
      g_string_append_printf (edges, "<edge from-layer=\"100\" from-port=\"%u\" to-layer=\"%u\" to-port=\"0\"/>\n",
                              n_in + k, 200 + k);
    }
  g_string_append_printf (xml, "</layers><edges>%s</edges></net>\n", edges->str);

  if (bin->len == 0)
    g_byte_array_append (bin, (const guint8 *) "", 1);
  xml_bytes = g_bytes_new (xml->str, xml->len);
  bin_bytes = g_bytes_new (bin->data, bin->len);
  model = qs_model_load_from_bytes ("op.xml", xml_bytes, bin_bytes, QS_LOAD_FLAGS_NONE, NULL, error);
  if (model == NULL)
    return NULL;
  exec = qs_exec_new (model, mode, error);
  if (exec == NULL)
    return NULL;

  for (i = 0; i < model->graph->n_parameters; i++)
    {
      guint idx = g_ascii_strtoull (model->graph->parameters[i]->name + 2, NULL, 10);
      params[n_params++] = inputs[idx];
    }
  if (!qs_exec_run (exec, params, NULL, NULL, NULL, &outputs, error))
    return NULL;
  /* Results are in the graph's order; put them in port order */
  {
    QsTensor **sorted = g_new0 (QsTensor *, n_out);

    for (k = 0; k < model->graph->n_results; k++)
      {
        guint idx = g_ascii_strtoull (model->graph->results[k]->name + 3, NULL, 10);
        sorted[idx] = outputs[k];
      }
    g_free (outputs);
    outputs = sorted;
  }
  return outputs;
}

/* One output, every input a Const; consumes @inputs. */
static inline QsTensor *
qs_test_run_op_n (const char  *type,
                  const char  *version,
                  const char  *attrs,
                  GError     **error,
                  guint        n_in,
                  QsTensor   **inputs)
{
  QsTensor **outs;
  QsTensor *result = NULL;
  guint i;

  outs = qs_test_run_op_full (type, version, attrs, inputs, n_in, 0, 1, QS_EXEC_MODE_FLOAT, error);
  for (i = 0; i < n_in; i++)
    if (inputs[i] != NULL)
      qs_tensor_unref (inputs[i]);
  if (outs != NULL)
    result = outs[0];
  g_free (outs);
  return result;
}

#define QS_RUN(type, version, attrs, error, ...) \
  qs_test_run_op_n (type, version, attrs, error, \
                    sizeof ((QsTensor *[]) { __VA_ARGS__ }) / sizeof (QsTensor *), \
                    (QsTensor *[]) { __VA_ARGS__ })

/* Checks shape and values within @tol (absolute). */
static inline void
qs_test_check (QsTensor     *t,
               const char   *shape,
               const double *expect,
               double        tol)
{
  g_autofree char *got_shape = NULL;
  g_autofree char *want_shape = g_strdup_printf ("[%s]", shape);
  gsize i;

  g_assert_nonnull (t);
  got_shape = qs_tensor_shape_to_string (t);
  g_assert_cmpstr (got_shape, ==, want_shape);
  for (i = 0; i < t->n_elements; i++)
    {
      double v = qs_tensor_get_f64 (t, i);

      if (!(fabs (v - expect[i]) <= tol))
        g_error ("element %" G_GSIZE_FORMAT ": got %.9g, expected %.9g", i, v, expect[i]);
    }
}

#define QS_CHECK(t, shape, tol, ...) \
  G_STMT_START { \
    QsTensor *_t = (t); \
    qs_test_check (_t, shape, (const double[]) { __VA_ARGS__ }, tol); \
    qs_tensor_unref (_t); \
  } G_STMT_END
