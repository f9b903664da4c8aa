/* qs-preprocess.c — preprocessing read from rt_info and meta_data
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Value forms seen in real files: model_info writes "255" or
 * "123.675 116.28 103.53" and YES/NO; the Model Optimizer's cli_parameters
 * write "data[88.0,107.0,102.0]", "[255]", "()" for nothing, several inputs
 * as "a[..],b[..]", and layouts as "data(nchw)" or "[N,C,H,W]".
 */
#include "config.h"

#include <string.h>

#include "qs-preprocess.h"
#include "qs-rt-info.h"

const char *
qs_prep_source_name (QsPrepSource source)
{
  switch (source)
    {
    case QS_PREP_MODEL_INFO: return "model_info";
    case QS_PREP_LAYOUT_RT_INFO: return "layout rt_info";
    case QS_PREP_CONVERSION: return "conversion parameters";
    case QS_PREP_USER: return "user";
    case QS_PREP_DEFAULT:
    default: return "default";
    }
}

const char *
qs_image_resize_name (QsImageResize resize)
{
  switch (resize)
    {
    case QS_IMAGE_RESIZE_FIT: return "fit";
    case QS_IMAGE_RESIZE_LETTERBOX: return "letterbox";
    case QS_IMAGE_RESIZE_STRETCH:
    default: return "stretch";
    }
}

gboolean
qs_image_resize_parse (const char    *text,
                       QsImageResize *resize)
{
  if (g_strcmp0 (text, "stretch") == 0 || g_strcmp0 (text, "standard") == 0)
    *resize = QS_IMAGE_RESIZE_STRETCH;
  else if (g_strcmp0 (text, "fit") == 0 || g_strcmp0 (text, "fit_to_window") == 0)
    *resize = QS_IMAGE_RESIZE_FIT;
  else if (g_strcmp0 (text, "letterbox") == 0 || g_strcmp0 (text, "fit_to_window_letterbox") == 0)
    *resize = QS_IMAGE_RESIZE_LETTERBOX;
  else
    return FALSE;
  return TRUE;
}

const char *
qs_image_layout_name (QsImageLayout layout)
{
  switch (layout)
    {
    case QS_IMAGE_LAYOUT_NCHW: return "NCHW";
    case QS_IMAGE_LAYOUT_NHWC: return "NHWC";
    case QS_IMAGE_LAYOUT_AUTO:
    default: return "auto";
    }
}

/* "[N,C,H,W]", "nchw", "NHWC", "[?,C,H,W]" → the layout; letters other
 * than N, C, H, W (D, ?) make it one qscope does not feed photos to. */
static gboolean
layout_from_letters (const char    *text,
                     QsImageLayout *layout)
{
  char letters[8];
  int n = 0;
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);

      if (c == '?' )
        c = 'N';
      if (g_ascii_isalpha (c))
        {
          if (n == (int) sizeof letters - 1)
            return FALSE;
          letters[n++] = c;
        }
    }
  letters[n] = '\0';
  if (strcmp (letters, "NCHW") == 0 || strcmp (letters, "CHW") == 0)
    *layout = QS_IMAGE_LAYOUT_NCHW;
  else if (strcmp (letters, "NHWC") == 0 || strcmp (letters, "HWC") == 0)
    *layout = QS_IMAGE_LAYOUT_NHWC;
  else
    return FALSE;
  return TRUE;
}

gboolean
qs_image_layout_parse (const char    *text,
                       QsImageLayout *layout)
{
  if (g_ascii_strcasecmp (text, "auto") == 0)
    {
      *layout = QS_IMAGE_LAYOUT_AUTO;
      return TRUE;
    }
  return text != NULL && layout_from_letters (text, layout);
}

/* The part of a converter value that belongs to input @name: "name[...]",
 * "name(...)" or, when the value names no input, the whole value.  NULL
 * when it names others only or says nothing ("()", "{}", "[]", ""). */
static char *
value_for_input (const char *value,
                 const char *name)
{
  g_autofree char *v = NULL;
  const char *at;
  gsize len;

  if (value == NULL)
    return NULL;
  v = g_strstrip (g_strdup (value));
  len = strlen (v);
  if (len == 0 || strcmp (v, "()") == 0 || strcmp (v, "{}") == 0 || strcmp (v, "[]") == 0 ||
      g_ascii_strcasecmp (v, "none") == 0)
    return NULL;
  if (v[0] == '[' || v[0] == '(' || g_ascii_isdigit (v[0]) || v[0] == '-' || v[0] == '.')
    return g_strdup (v);
  /* named: find "name[" or "name(" at the start or after a comma */
  for (at = v; (at = strstr (at, name)) != NULL; at++)
    {
      const char *after = at + strlen (name);

      if ((at == v || at[-1] == ',' || at[-1] == ' ') && (*after == '[' || *after == '('))
        {
          char close = *after == '[' ? ']' : ')';
          const char *end = strchr (after, close);

          if (end != NULL)
            return g_strndup (after + 1, end - after - 1);
        }
    }
  /* a bare layout or number list without a name */
  if (strchr (v, '[') == NULL && strchr (v, '(') == NULL)
    return g_strdup (v);
  return NULL;
}

/* One or three numbers from "255", "[88.0,107.0,102.0]", "1 2 3". */
static gboolean
parse_triple (const char *text,
              float       out[3])
{
  g_autofree char *t = g_strdup (text);
  g_auto(GStrv) parts = NULL;
  double v[3];
  int n = 0, i;
  char *p;

  for (p = t; *p != '\0'; p++)
    if (*p == '[' || *p == ']' || *p == '(' || *p == ')' || *p == ',')
      *p = ' ';
  parts = g_strsplit (g_strstrip (t), " ", -1);
  for (i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0')
        continue;
      if (n == 3 || !qs_parse_double (parts[i], &v[n]))
        return FALSE;
      n++;
    }
  if (n != 1 && n != 3)
    return FALSE;
  for (i = 0; i < 3; i++)
    out[i] = (float) v[n == 1 ? 0 : i];
  return TRUE;
}

static gboolean
parse_yes (const char *text,
           gboolean   *yes)
{
  if (text == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (text, "yes") == 0 || g_ascii_strcasecmp (text, "true") == 0 || strcmp (text, "1") == 0)
    *yes = TRUE;
  else if (g_ascii_strcasecmp (text, "no") == 0 || g_ascii_strcasecmp (text, "false") == 0 || strcmp (text, "0") == 0)
    *yes = FALSE;
  else
    return FALSE;
  return TRUE;
}

static void
read_model_info (const QsRtInfo *rt,
                 const char     *name,
                 QsPreprocess   *prep)
{
  const char *v;
  gboolean yes;
  float triple[3];
  double pad;

  if ((v = qs_rt_info_get (rt, "model_info/reverse_input_channels")) != NULL && parse_yes (v, &yes))
    {
      /* the photo is read as BGR; reversing gives RGB */
      prep->image.rgb = yes;
      prep->rgb_from = QS_PREP_MODEL_INFO;
    }
  if ((v = qs_rt_info_get (rt, "model_info/mean_values")) != NULL && parse_triple (v, triple))
    {
      memcpy (prep->image.mean, triple, sizeof triple);
      prep->mean_from = QS_PREP_MODEL_INFO;
    }
  if ((v = qs_rt_info_get (rt, "model_info/scale_values")) != NULL && parse_triple (v, triple))
    {
      memcpy (prep->image.scale, triple, sizeof triple);
      prep->scale_from = QS_PREP_MODEL_INFO;
    }
  if ((v = qs_rt_info_get (rt, "model_info/resize_type")) != NULL &&
      qs_image_resize_parse (v, &prep->image.resize))
    prep->resize_from = QS_PREP_MODEL_INFO;
  if ((v = qs_rt_info_get (rt, "model_info/pad_value")) != NULL && qs_parse_double (v, &pad))
    prep->image.pad_value = (float) pad;
  if ((v = qs_rt_info_get (rt, "model_info/layout")) != NULL)
    {
      g_autofree char *mine = value_for_input (v, name);
      const char *colon = mine != NULL ? strrchr (mine, ':') : NULL;

      if (mine != NULL && layout_from_letters (colon != NULL ? colon + 1 : mine, &prep->image.layout))
        prep->layout_from = QS_PREP_MODEL_INFO;
    }
}

/* The converter's record, under @base ("cli_parameters" in meta_data,
 * "conversion_parameters" in rt_info). */
static void
read_conversion (const QsRtInfo *rt,
                 const char     *base,
                 const char     *name,
                 QsPreprocess   *prep,
                 GString        *embedded)
{
  static const char *const layout_keys[] = { "source_layout", "layout" };
  g_autofree char *mean = NULL, *scale = NULL;
  g_autofree char *path = NULL;
  const char *v;
  gboolean yes;
  guint k;

  path = g_strdup_printf ("%s/mean_values", base);
  mean = value_for_input (qs_rt_info_get (rt, path), name);
  g_free (path);
  path = g_strdup_printf ("%s/scale_values", base);
  scale = value_for_input (qs_rt_info_get (rt, path), name);
  g_free (path);
  if (mean != NULL)
    g_string_append_printf (embedded, "%smean %s", embedded->len ? "; " : "", g_strstrip (mean));
  if (scale != NULL)
    g_string_append_printf (embedded, "%sscale %s", embedded->len ? "; " : "", g_strstrip (scale));
  path = g_strdup_printf ("%s/reverse_input_channels", base);
  v = qs_rt_info_get (rt, path);
  if (parse_yes (v, &yes) && yes)
    g_string_append_printf (embedded, "%schannels reversed", embedded->len ? "; " : "");

  if (prep->layout_from != QS_PREP_DEFAULT)
    return;
  for (k = 0; k < G_N_ELEMENTS (layout_keys); k++)
    {
      g_autofree char *mine = NULL;
      g_autofree char *key = g_strdup_printf ("%s/%s", base, layout_keys[k]);
      char *arrow;

      mine = value_for_input (qs_rt_info_get (rt, key), name);
      if (mine == NULL)
        continue;
      /* "nchw->nhwc": the source side is what the input takes */
      if ((arrow = strstr (mine, "->")) != NULL)
        *arrow = '\0';
      if (layout_from_letters (mine, &prep->image.layout))
        {
          prep->layout_from = QS_PREP_CONVERSION;
          return;
        }
    }
}

void
qs_preprocess_from_model (QsModel      *model,
                          const QsNode *parameter,
                          QsPreprocess *prep)
{
  g_autoptr(QsRtInfo) rt = NULL;
  g_autoptr(QsRtInfo) meta = NULL;
  g_autoptr(GString) embedded = g_string_new (NULL);
  const char *name = parameter != NULL ? parameter->name : "";

  memset (prep, 0, sizeof *prep);
  qs_image_options_init (&prep->image);

  rt = qs_rt_info_parse (model->rt_info, NULL);
  meta = qs_rt_info_parse (model->meta_data, NULL);

  /* the Parameter's own layout: on the layer or on its output port */
  if (parameter != NULL)
    {
      const char *texts[2] = { parameter->rt_info,
                               parameter->n_outputs > 0 ? parameter->outputs[0].rt_info : NULL };
      guint i;

      for (i = 0; i < 2 && prep->layout_from == QS_PREP_DEFAULT; i++)
        {
          g_autoptr(QsRtInfo) p = qs_rt_info_parse (texts[i], NULL);
          const char *layout = qs_rt_info_get_attribute (p, "layout", "layout");

          if (layout != NULL && layout_from_letters (layout, &prep->image.layout))
            prep->layout_from = QS_PREP_LAYOUT_RT_INFO;
        }
    }
  if (rt != NULL)
    read_model_info (rt, name, prep);
  if (meta != NULL)
    read_conversion (meta, "cli_parameters", name, prep, embedded);
  if (rt != NULL && embedded->len == 0)
    read_conversion (rt, "conversion_parameters", name, prep, embedded);
  if (embedded->len > 0)
    prep->embedded = g_strdup (embedded->str);
}

void
qs_preprocess_clear (QsPreprocess *prep)
{
  g_clear_pointer (&prep->embedded, g_free);
}

void
qs_preprocess_copy (QsPreprocess       *dest,
                    const QsPreprocess *src)
{
  *dest = *src;
  dest->embedded = g_strdup (src->embedded);
}

void
qs_preprocess_set_rgb (QsPreprocess *prep,
                       gboolean      rgb)
{
  prep->image.rgb = rgb;
  prep->rgb_from = QS_PREP_USER;
}

void
qs_preprocess_set_mean (QsPreprocess *prep,
                        const float   mean[3])
{
  memcpy (prep->image.mean, mean, 3 * sizeof (float));
  prep->mean_from = QS_PREP_USER;
}

void
qs_preprocess_set_scale (QsPreprocess *prep,
                         const float   scale[3])
{
  memcpy (prep->image.scale, scale, 3 * sizeof (float));
  prep->scale_from = QS_PREP_USER;
}

void
qs_preprocess_set_resize (QsPreprocess *prep,
                          QsImageResize resize,
                          float         pad_value)
{
  prep->image.resize = resize;
  prep->image.pad_value = pad_value;
  prep->resize_from = QS_PREP_USER;
}

void
qs_preprocess_set_layout (QsPreprocess *prep,
                          QsImageLayout layout)
{
  prep->image.layout = layout;
  prep->layout_from = QS_PREP_USER;
}

static void
append_triple (GString     *s,
               const float  v[3])
{
  if (v[0] == v[1] && v[1] == v[2])
    g_string_append_printf (s, "%g", v[0]);
  else
    g_string_append_printf (s, "%g,%g,%g", v[0], v[1], v[2]);
}

char *
qs_preprocess_describe (const QsPreprocess *p)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%s (%s), mean ", p->image.rgb ? "RGB" : "BGR", qs_prep_source_name (p->rgb_from));
  append_triple (s, p->image.mean);
  g_string_append_printf (s, " (%s), scale ", qs_prep_source_name (p->mean_from));
  append_triple (s, p->image.scale);
  g_string_append_printf (s, " (%s), %s", qs_prep_source_name (p->scale_from), qs_image_resize_name (p->image.resize));
  if (p->image.resize != QS_IMAGE_RESIZE_STRETCH)
    g_string_append_printf (s, " pad %g", p->image.pad_value);
  g_string_append_printf (s, " (%s), %s (%s)", qs_prep_source_name (p->resize_from),
                          qs_image_layout_name (p->image.layout), qs_prep_source_name (p->layout_from));
  if (p->embedded != NULL)
    g_string_append_printf (s, "; built into the model by its converter: %s", p->embedded);
  return g_string_free (s, FALSE);
}
