/* qs-input.c — model inputs from .npy files, photos or a seeded PRNG
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "qs-input.h"
#include "qs-npy.h"
#include "qs-weights.h"

void
qs_image_options_init (QsImageOptions *options)
{
  int c;

  memset (options, 0, sizeof *options);
  options->rgb = FALSE;
  for (c = 0; c < 3; c++)
    {
      options->mean[c] = 0;
      options->scale[c] = 1;
    }
  options->resize = QS_IMAGE_RESIZE_STRETCH;
  options->layout = QS_IMAGE_LAYOUT_AUTO;
}

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static double
uniform01 (guint64 *state)
{
  return (double) (splitmix64 (state) >> 40) / 16777216.0;
}

QsTensor *
qs_input_random (int           rank,
                 const gint64 *dims,
                 guint64       seed,
                 gboolean      uniform,
                 float         low,
                 float         high)
{
  QsTensor *t = qs_tensor_new_f32 (rank, dims);
  guint64 state = seed;
  gsize i;

  if (t == NULL)
    return NULL;
  for (i = 0; i < t->n_elements; i++)
    {
      if (uniform)
        qs_tensor_f32 (t)[i] = (float) (low + (high - low) * uniform01 (&state));
      else
        {
          double u1 = uniform01 (&state), u2 = uniform01 (&state);
          qs_tensor_f32 (t)[i] = (float) (sqrt (-2.0 * log (1.0 - u1)) * cos (2.0 * G_PI * u2));
        }
    }
  return t;
}

QsTensor *
qs_input_load_image (const char           *path,
                     int                   rank,
                     const gint64         *dims,
                     const QsImageOptions *options,
                     GError              **error)
{
  g_autoptr(GdkPixbuf) pix = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;
  gboolean nhwc;
  gint64 H, W, C, fit_w = 0, fit_h = 0, off_x = 0, off_y = 0;
  QsTensor *t;
  const guint8 *px;
  int stride, nch, y, x, c;

  if (rank != 4)
    {
      g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INPUT,
                   "a photo needs a 4-D input, this one has rank %d", rank);
      return NULL;
    }
  if (options->layout == QS_IMAGE_LAYOUT_NHWC)
    nhwc = TRUE;
  else if (options->layout == QS_IMAGE_LAYOUT_NCHW)
    nhwc = FALSE;
  else
    nhwc = dims[3] == 3 && dims[1] != 3 && dims[1] != 1;
  C = nhwc ? dims[3] : dims[1];
  H = nhwc ? dims[1] : dims[2];
  W = nhwc ? dims[2] : dims[3];
  if ((C != 3 && C != 1) || H <= 0 || W <= 0)
    {
      g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INPUT,
                   "a photo needs an input with 1 or 3 channels and a static height and width");
      return NULL;
    }
  /* A few hundred bytes of PNG may declare a canvas of gigabytes: read the
   * size from the header first and refuse what qscope would never need. */
  {
    int fw = 0, fh = 0;
    if (gdk_pixbuf_get_file_info (path, &fw, &fh) == NULL)
      {
        g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INPUT,
                     "%s: not an image format qscope can read", path);
        return NULL;
      }
    if ((gint64) fw * fh > QS_INPUT_MAX_IMAGE_PIXELS || (gint64) W * H > QS_INPUT_MAX_IMAGE_PIXELS)
      {
        g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INPUT,
                     "%s: %d×%d pixels (resized to %" G_GINT64_FORMAT "×%" G_GINT64_FORMAT
                     ") is more than qscope's limit of %d megapixels",
                     path, fw, fh, W, H, QS_INPUT_MAX_IMAGE_PIXELS / 1000000);
        return NULL;
      }
  }
  pix = gdk_pixbuf_new_from_file (path, error);
  if (pix == NULL)
    return NULL;
  {
    /* the photo's own rectangle inside the input */
    int pw = gdk_pixbuf_get_width (pix), ph = gdk_pixbuf_get_height (pix);

    if (options->resize == QS_IMAGE_RESIZE_STRETCH || pw <= 0 || ph <= 0)
      {
        fit_w = W;
        fit_h = H;
      }
    else
      {
        double f = MIN ((double) W / pw, (double) H / ph);

        fit_w = CLAMP ((gint64) floor (pw * f + 0.5), 1, W);
        fit_h = CLAMP ((gint64) floor (ph * f + 0.5), 1, H);
        if (options->resize == QS_IMAGE_RESIZE_LETTERBOX)
          {
            off_x = (W - fit_w) / 2;
            off_y = (H - fit_h) / 2;
          }
      }
  }
  scaled = gdk_pixbuf_scale_simple (pix, fit_w, fit_h, GDK_INTERP_BILINEAR);
  if (scaled == NULL)
    {
      g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INPUT, "%s: cannot resize the photo", path);
      return NULL;
    }
  {
    gint64 d[4] = { 1, 0, 0, 0 };
    if (nhwc)
      {
        d[1] = H; d[2] = W; d[3] = C;
      }
    else
      {
        d[1] = C; d[2] = H; d[3] = W;
      }
    t = qs_tensor_new_f32 (4, d);
    if (t == NULL)
      {
        g_autofree char *why = qs_tensor_alloc_error ("the photo's tensor");

        g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_MEMORY, "%s: %s", path, why);
        return NULL;
      }
  }
  px = gdk_pixbuf_read_pixels (scaled);
  stride = gdk_pixbuf_get_rowstride (scaled);
  nch = gdk_pixbuf_get_n_channels (scaled);
  for (y = 0; y < H; y++)
    for (x = 0; x < W; x++)
      {
        gboolean inside = x >= off_x && x < off_x + fit_w && y >= off_y && y < off_y + fit_h;
        const guint8 *p = inside ? px + (y - off_y) * stride + (x - off_x) * nch : NULL;

        for (c = 0; c < C; c++)
          {
            float v;
            gsize at;

            if (p == NULL)
              v = options->pad_value;
            else if (C == 1)
              v = 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2];
            else
              v = p[options->rgb ? c : 2 - c];
            v = (v - options->mean[c]) / options->scale[c];
            at = nhwc ? ((gsize) y * W + x) * C + c : ((gsize) c * H + y) * W + x;
            qs_tensor_f32 (t)[at] = v;
          }
      }
  return t;
}

gboolean
qs_input_fq_range (const QsNode *parameter,
                   float        *low,
                   float        *high)
{
  const QsNode *n = parameter;
  guint i, hops;

  for (hops = 0; hops < 4 && n->n_outputs > 0; hops++)
    {
      const QsPort *out = &n->outputs[0];
      const QsNode *next = NULL;

      for (i = 0; i < out->n_consumers; i++)
        {
          const QsNode *c = out->consumers[i]->node;
          if (qs_node_is_type (c, "FakeQuantize") && out->consumers[i]->index == 0)
            {
              const QsNode *lo = qs_node_input_node (c, 1), *hi = qs_node_input_node (c, 2);
              g_autofree float *l = NULL, *h = NULL;
              guint64 k;

              lo = lo ? qs_node_skip_convert (lo) : NULL;
              hi = hi ? qs_node_skip_convert (hi) : NULL;
              if (lo == NULL || hi == NULL || lo->konst == NULL || hi->konst == NULL)
                return FALSE;
              l = qs_const_to_f32 (lo, NULL);
              h = qs_const_to_f32 (hi, NULL);
              if (l == NULL || h == NULL)
                return FALSE;
              *low = l[0];
              *high = h[0];
              for (k = 1; k < lo->konst->n_elements; k++)
                *low = MIN (*low, l[k]);
              for (k = 1; k < hi->konst->n_elements; k++)
                *high = MAX (*high, h[k]);
              return TRUE;
            }
          if (qs_node_is_type (c, "Convert"))
            next = c;
        }
      if (next == NULL)
        return FALSE;
      n = next;
    }
  return FALSE;
}

static gboolean
port_has_name (const QsNode *node,
               const char   *name)
{
  g_auto(GStrv) names = NULL;
  guint i;

  if (g_strcmp0 (node->name, name) == 0)
    return TRUE;
  if (node->n_outputs == 0)
    return FALSE;
  names = qs_port_dup_names (&node->outputs[0]);
  for (i = 0; names != NULL && names[i] != NULL; i++)
    if (strcmp (names[i], name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
static_dims (const QsNode  *p,
             gint64        *dims,
             int           *rank,
             GError       **error)
{
  const QsShape *s = &p->outputs[0].shape;
  int i;

  if (s->rank < 0 || s->rank > QS_TENSOR_MAX_RANK)
    {
      g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INPUT,
                   "input “%s” has no static rank; give it a .npy file", p->name);
      return FALSE;
    }
  *rank = s->rank;
  for (i = 0; i < s->rank; i++)
    {
      /* a dynamic batch is taken as 1; other dynamic dims need a file */
      if (s->dims[i] == QS_DIM_DYNAMIC && i == 0)
        dims[i] = 1;
      else if (s->dims[i] == QS_DIM_DYNAMIC)
        {
          g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INPUT,
                       "input “%s” has a dynamic dimension %d; give it a .npy file", p->name, i);
          return FALSE;
        }
      else
        dims[i] = s->dims[i];
    }
  return TRUE;
}

QsTensor **
qs_inputs_from_specs (QsModel              *model,
                      const char *const    *specs,
                      const QsImageOptions *options,
                      GError              **error)
{
  QsGraph *g = model->graph;
  QsTensor **inputs = g_new0 (QsTensor *, MAX (g->n_parameters, 1));
  QsImageOptions defaults;
  guint i, k;
  /* inputs are held to the run-memory limit too, on a budget of their own */
  g_autoptr(QsBudget) budget = qs_budget_new (qs_exec_get_default_max_memory (), QS_TENSOR_DEFAULT_MAX_ELEMENTS);
  QsBudget *previous = qs_budget_push (budget);

  if (options == NULL)
    {
      qs_image_options_init (&defaults);
      options = &defaults;
    }
  for (k = 0; specs != NULL && specs[k] != NULL; k++)
    {
      const char *spec = specs[k];
      const char *eq = strchr (spec, '=');
      g_autofree char *name = NULL;
      const char *value;
      const QsNode *param = NULL;
      int at = -1, rank;
      gint64 dims[QS_TENSOR_MAX_RANK];
      QsTensor *t = NULL;

      if (eq != NULL)
        {
          name = g_strndup (spec, eq - spec);
          value = eq + 1;
          for (i = 0; i < g->n_parameters; i++)
            if (port_has_name (g->parameters[i], name))
              at = i;
          if (at < 0)
            {
              g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INPUT, "the model has no input named “%s”", name);
              goto fail;
            }
        }
      else
        {
          value = spec;
          if (g->n_parameters != 1)
            {
              g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INPUT,
                           "the model has %u inputs; write NAME=%s", g->n_parameters, spec);
              goto fail;
            }
          at = 0;
        }
      param = g->parameters[at];
      if (inputs[at] != NULL)
        {
          g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INPUT, "input “%s” is given twice", param->name);
          goto fail;
        }

      if (g_str_has_prefix (value, "random") && (value[6] == '\0' || value[6] == ':'))
        {
          guint64 seed = 0;
          float lo = 0, hi = 0;
          gboolean has_range;

          if (value[6] == ':' && !g_ascii_string_to_unsigned (value + 7, 10, 0, G_MAXUINT64, &seed, NULL))
            {
              g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INPUT, "bad seed in “%s”", value);
              goto fail;
            }
          if (!static_dims (param, dims, &rank, error))
            goto fail;
          has_range = qs_input_fq_range (param, &lo, &hi);
          t = qs_input_random (rank, dims, seed, has_range, lo, hi);
        }
      else if (g_str_has_suffix (value, ".npy"))
        t = qs_npy_read (value, error);
      else
        {
          if (!static_dims (param, dims, &rank, error))
            goto fail;
          t = qs_input_load_image (value, rank, dims, options, error);
        }
      if (t == NULL)
        {
          if (error != NULL && *error == NULL)
            {
              g_autofree char *why = qs_tensor_alloc_error ("the input");

              g_set_error (error, QS_EXEC_ERROR,
                           qs_tensor_alloc_error_is_limit () ? QS_EXEC_ERROR_MEMORY : QS_EXEC_ERROR_INPUT,
                           "input “%s”: %s", param->name, why);
            }
          goto fail;
        }
      inputs[at] = t;
    }
  for (i = 0; i < g->n_parameters; i++)
    if (inputs[i] == NULL)
      {
        g_set_error (error, QS_EXEC_ERROR, QS_EXEC_ERROR_INPUT,
                     "no --input for “%s” (use NAME=FILE.npy, NAME=random[:SEED] or NAME=PHOTO.png)",
                     g->parameters[i]->name);
        goto fail;
      }
  qs_budget_pop (previous);
  return inputs;

fail:
  qs_budget_pop (previous);
  for (i = 0; i < g->n_parameters; i++)
    qs_tensor_unref (inputs[i]);
  g_free (inputs);
  return NULL;
}
