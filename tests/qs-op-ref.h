/* qs-op-ref.h — the table-driven runner of the op reference cases
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A case is an op, its opset, its attributes as XML attribute text, up to
 * six inputs and up to four expected outputs.  The runner builds a one-op
 * model with every input a Const, runs it in fp32 mode and compares each
 * output's shape, element type and values (floats within tol · max (1,
 * |expected|), everything else exactly), or, for a case that expects an
 * error, that the run fails with a message holding the given text and
 * naming the op.
 */
#pragma once

#include <float.h>

#include "qs-exec-test.h"

typedef struct
{
  QsElementType      type;
  const char        *shape;      /* "2,3"; "" is a scalar; NULL ends the inputs */
  const long double *v;          /* long double holds every int64 exactly */
  gsize              n;
} RefTensor;

typedef struct
{
  const char *name;
  const char *op;
  const char *version;
  const char *attrs;
  RefTensor   in[6];
  RefTensor   out;
  double      tol;               /* relative to max (1, |expected|); 0: exact */
  const char *error;             /* when set, the run must fail with this in the message */
  void      (*fill) (QsTensor *t);  /* fills the inputs given without values */
  RefTensor   more[3];           /* outputs 1…3 of a multi-output op; shape NULL ends them */
} RefCase;

#define V(...) (const long double[]) { __VA_ARGS__ }
#define NV(...) (sizeof ((const long double[]) { __VA_ARGS__ }) / sizeof (long double))
#define T_(et, shape, ...) { et, shape, V (__VA_ARGS__), NV (__VA_ARGS__) }
#define TF(shape, ...) T_ (QS_ELEMENT_F32, shape, __VA_ARGS__)
#define TI(shape, ...) T_ (QS_ELEMENT_I32, shape, __VA_ARGS__)
#define TL(shape, ...) T_ (QS_ELEMENT_I64, shape, __VA_ARGS__)
#define TB(shape, ...) T_ (QS_ELEMENT_BOOLEAN, shape, __VA_ARGS__)
#define TU8(shape, ...) T_ (QS_ELEMENT_U8, shape, __VA_ARGS__)
#define TI8(shape, ...) T_ (QS_ELEMENT_I8, shape, __VA_ARGS__)
#define TZ(shape) { QS_ELEMENT_F32, shape, NULL, 0 }  /* f32 zeros */
#define IN(...) { __VA_ARGS__ }
#define OUTS(...) { __VA_ARGS__ }
#define UNPAREN(...) __VA_ARGS__

#define CASE(name, op, ver, attrs, in, ...) { name, op, ver, attrs, in, __VA_ARGS__, 0, NULL }
#define CASE_TOL(name, op, ver, attrs, in, out, tol) { name, op, ver, attrs, in, out, tol, NULL }
#define CASE_ERR(name, op, ver, attrs, in, err) { name, op, ver, attrs, in, { 0 }, 0, err }
#define CASE_FILL(name, op, ver, attrs, in, out, tol, fill) { name, op, ver, attrs, in, out, tol, NULL, fill }
/* several outputs: out is output 0, more (OUTS (…)) the ones after it */
#define CASE_MULTI(name, op, ver, attrs, in, out, more, tol) { name, op, ver, attrs, in, out, tol, NULL, NULL, more }

static QsTensor *
ref_tensor (const RefTensor *t)
{
  gint64 dims[QS_TENSOR_MAX_RANK] = { 0 };
  int rank = 0;
  QsTensor *x;
  gsize i;

  if (t->shape[0] != '\0')
    {
      g_auto(GStrv) parts = g_strsplit (t->shape, ",", -1);

      for (rank = 0; parts[rank] != NULL; rank++)
        dims[rank] = g_ascii_strtoll (parts[rank], NULL, 10);
    }
  x = qs_tensor_new (t->type, rank, dims);
  g_assert_nonnull (x);
  if (t->v == NULL)
    return x;
  if (t->n != x->n_elements)
    g_error ("a tensor of shape [%s] needs %" G_GSIZE_FORMAT " values, the case gives %" G_GSIZE_FORMAT,
             t->shape, x->n_elements, t->n);
  for (i = 0; i < x->n_elements; i++)
    switch (t->type)
      {
      case QS_ELEMENT_F32: ((float *) x->data)[i] = (float) t->v[i]; break;
      case QS_ELEMENT_I32: ((gint32 *) x->data)[i] = (gint32) t->v[i]; break;
      case QS_ELEMENT_I64: ((gint64 *) x->data)[i] = (gint64) t->v[i]; break;
      case QS_ELEMENT_U8: ((guint8 *) x->data)[i] = (guint8) t->v[i]; break;
      case QS_ELEMENT_I8: ((gint8 *) x->data)[i] = (gint8) t->v[i]; break;
      case QS_ELEMENT_BOOLEAN: ((guint8 *) x->data)[i] = t->v[i] != 0; break;
      default: g_assert_not_reached ();
      }
  return x;
}

static void
check_output (const RefCase   *c,
              guint            k,
              const RefTensor *want,
              QsTensor        *got)
{
  g_autofree char *got_shape = NULL;
  g_autofree char *want_shape = g_strdup_printf ("[%s]", want->shape);
  gsize i;

  if (got == NULL)
    g_error ("%s: output %u is missing", c->name, k);
  got_shape = qs_tensor_shape_to_string (got);
  if (strcmp (got_shape, want_shape) != 0)
    g_error ("%s: output %u has the shape %s, expected %s", c->name, k, got_shape, want_shape);
  g_assert_cmpstr (qs_element_type_name (got->type), ==, qs_element_type_name (want->type));
  g_assert_cmpuint (got->n_elements, ==, want->n);
  for (i = 0; i < got->n_elements; i++)
    {
      long double e = want->v[i];

      if (got->type == QS_ELEMENT_F32)
        {
          double g = ((const float *) got->data)[i];
          double w = (double) (float) e;   /* the expected value as the f32 it stands for */

          if (isnan (w) ? isnan (g)
              : isinf (w) ? g == w
              : fabs (g - w) <= c->tol * MAX (1.0, fabs (w)))
            continue;
          g_error ("%s: output %u element %" G_GSIZE_FORMAT ": got %.9g, expected %.9g", c->name, k, i, g, w);
        }
      else if (qs_tensor_get_i64 (got, i) != (gint64) e)
        g_error ("%s: output %u element %" G_GSIZE_FORMAT ": got %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                 c->name, k, i, qs_tensor_get_i64 (got, i), (gint64) e);
    }
}

static void
run_case (gconstpointer data)
{
  const RefCase *c = data;
  g_autoptr(GError) error = NULL;
  QsTensor *inputs[G_N_ELEMENTS (c->in)];
  QsTensor **outs;
  guint n_in = 0, n_out = 1, i;

  while (n_in < G_N_ELEMENTS (c->in) && c->in[n_in].shape != NULL)
    {
      inputs[n_in] = ref_tensor (&c->in[n_in]);
      if (c->in[n_in].v == NULL && c->fill != NULL)
        c->fill (inputs[n_in]);
      n_in++;
    }
  while (n_out - 1 < G_N_ELEMENTS (c->more) && c->more[n_out - 1].shape != NULL)
    n_out++;
  outs = qs_test_run_op_full (c->op, c->version, c->attrs, inputs, n_in, 0, n_out, QS_EXEC_MODE_FLOAT, &error);
  for (i = 0; i < n_in; i++)
    qs_tensor_unref (inputs[i]);

  if (c->error != NULL)
    {
      g_assert_null (outs);
      g_assert_nonnull (error);
      if (strstr (error->message, c->error) == NULL)
        g_error ("%s: the error “%s” does not say “%s”", c->name, error->message, c->error);
      /* the message names the op and its version */
      g_assert_nonnull (strstr (error->message, c->op));
      return;
    }
  if (outs == NULL)
    g_error ("%s: %s", c->name, error->message);
  for (i = 0; i < n_out; i++)
    {
      check_output (c, i, i == 0 ? &c->out : &c->more[i - 1], outs[i]);
      qs_tensor_unref (outs[i]);
    }
  g_free (outs);
}

static void
add_cases (const RefCase *cases,
           gsize          n)
{
  gsize i;

  for (i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("/qscope/exec-ops-ref/%s-%s/%03" G_GSIZE_FORMAT "-%s",
                                               cases[i].op, cases[i].version + 5, i, cases[i].name);

      g_test_add_data_func (path, &cases[i], run_case);
    }
}

#define ADD(cases) add_cases (cases, G_N_ELEMENTS (cases))
