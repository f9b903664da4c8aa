/* qs-paint-scene.c — what the painter draws: boxes, their texts and badges
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Texts are measured with the same Pango context settings the painter
 * uses (72 dpi, metrics unhinted, glyph positions unrounded), so a box
 * measured at scale 1 still fits its text when painted at any zoom.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qs-paint-private.h"
#include "qs-model.h"

G_DEFINE_QUARK (qs-paint-error-quark, qs_paint_error)

static PangoContext *
new_context (PangoFontMap *font_map)
{
  PangoContext *context = pango_font_map_create_context (font_map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics: text widths scale linearly with the zoom. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);
  return context;
}

/**
 * qs_paint_scene_new:
 *
 * Returns: (transfer full): a new scene without a layout.
 */
QsPaintScene *
qs_paint_scene_new (const QsGraph              *graph,
                    const QsLptResult          *lpt,
                    const PangoFontDescription *font)
{
  QsPaintScene *scene;
  PangoFontDescription *base;
  guint i;

  g_return_val_if_fail (graph != NULL, NULL);

  scene = g_new0 (QsPaintScene, 1);
  scene->ref_count = 1;
  scene->graph = graph;
  scene->lpt = lpt;
  scene->font_map = pango_cairo_font_map_new ();
  scene->measure_context = new_context (scene->font_map);
  scene->paint_context = new_context (scene->font_map);

  base = pango_font_description_from_string (QS_PAINT_DEFAULT_FONT);
  if (font != NULL)
    {
      if (pango_font_description_get_set_fields (font) & PANGO_FONT_MASK_FAMILY)
        pango_font_description_set_family (base, pango_font_description_get_family (font));
      if (pango_font_description_get_size (font) > 0)
        pango_font_description_set_size (base, pango_font_description_get_size (font));
    }
  scene->font_size = pango_font_description_get_size (base) / (double) PANGO_SCALE;
  scene->font_type = pango_font_description_copy (base);
  pango_font_description_set_weight (scene->font_type, PANGO_WEIGHT_BOLD);
  scene->font_name = pango_font_description_copy (base);
  pango_font_description_set_size (scene->font_name, (int) (scene->font_size * 0.82 * PANGO_SCALE));
  scene->font_badge = pango_font_description_copy (base);
  pango_font_description_set_size (scene->font_badge, (int) (scene->font_size * 0.74 * PANGO_SCALE));
  pango_font_description_free (base);

  scene->node_class = g_new0 (QsPaintClass, MAX (graph->n_nodes, 1));
  scene->node_reason = g_new0 (const char *, MAX (graph->n_nodes, 1));
  scene->node_precision = g_new0 (QsLptPrecision, MAX (graph->n_nodes, 1));
  for (i = 0; i < graph->n_nodes; i++)
    {
      scene->node_class[i] = qs_paint_classify (graph->nodes[i], lpt, &scene->node_reason[i]);
      scene->node_precision[i] = qs_paint_precision (graph->nodes[i], lpt);
    }

  /* A float op over constants only (a Convert of f16 biases, a shape
   * computation) is drawn as the constant it is. */
  {
    g_autofree gboolean *constant = g_new0 (gboolean, MAX (graph->n_nodes, 1));
    for (i = 0; i < graph->n_nodes; i++)
      {
        const QsNode *node = graph->topo[i];
        gboolean c = node->n_inputs > 0 || qs_node_is_type (node, "Const");
        guint k;

        for (k = 0; k < node->n_inputs && c; k++)
          c = node->inputs[k].source != NULL && constant[node->inputs[k].source->node->index];
        c = c && !qs_node_is_type (node, "Parameter") && !qs_node_is_type (node, "ReadValue");
        constant[node->index] = c;
        if (c && scene->node_class[node->index] == QS_PAINT_CLASS_OTHER)
          scene->node_class[node->index] = QS_PAINT_CLASS_CONST;
      }
  }
  scene->box_of = g_hash_table_new (NULL, NULL);
  return scene;
}

QsPaintScene *
qs_paint_scene_ref (QsPaintScene *scene)
{
  g_atomic_int_inc (&scene->ref_count);
  return scene;
}

static void
clear_boxes (QsPaintScene *scene)
{
  guint i;

  for (i = 0; i < scene->n_boxes; i++)
    _qs_paint_text_clear (&scene->boxes[i].text);
  g_clear_pointer (&scene->boxes, g_free);
  g_clear_pointer (&scene->edge_output, g_free);
  g_clear_pointer (&scene->edge_input, g_free);
  g_clear_pointer (&scene->layout, qs_layout_unref);
  g_clear_pointer (&scene->full_graph, qs_layout_graph_unref);
  g_hash_table_remove_all (scene->box_of);
  scene->n_boxes = 0;
}

void
qs_paint_scene_unref (QsPaintScene *scene)
{
  if (scene == NULL || !g_atomic_int_dec_and_test (&scene->ref_count))
    return;
  clear_boxes (scene);
  g_hash_table_unref (scene->box_of);
  g_free (scene->node_class);
  g_free (scene->node_reason);
  g_free (scene->node_precision);
  g_clear_pointer (&scene->base_graph, qs_layout_graph_unref);
  g_clear_pointer (&scene->base_layout, qs_layout_unref);
  g_clear_pointer (&scene->groups, qs_layout_groups_unref);
  g_free (scene->collapsed);
  pango_font_description_free (scene->font_type);
  pango_font_description_free (scene->font_name);
  pango_font_description_free (scene->font_badge);
  g_object_unref (scene->measure_context);
  g_object_unref (scene->paint_context);
  g_object_unref (scene->font_map);
  g_free (scene);
}

/* -- texts -- */

char *
_qs_paint_dims_text (const QsShape *shape)
{
  GString *s = g_string_new (NULL);
  int i;

  if (shape->rank < 0)
    return g_string_free (s, FALSE);
  if (shape->rank == 0)
    g_string_append (s, "scalar");
  for (i = 0; i < shape->rank; i++)
    {
      if (i > 0)
        g_string_append (s, "×");
      if (shape->dims[i] < 0)
        g_string_append (s, "?");
      else
        g_string_append_printf (s, "%" G_GINT64_FORMAT, shape->dims[i]);
    }
  return g_string_free (s, FALSE);
}

static gboolean
in_list (QsNode * const *folded,
         guint           n_folded,
         const QsNode   *node)
{
  guint i;

  for (i = 0; i < n_folded; i++)
    if (folded[i] == node)
      return TRUE;
  return FALSE;
}

static void
add_badge (GArray     *badges,
           char       *text,
           char       *tooltip,
           gboolean    reason)
{
  QsPaintBadge b = { text, tooltip, 0, reason };

  g_array_append_val (badges, b);
}

static void
badge_clear (gpointer data)
{
  QsPaintBadge *b = data;

  g_free (b->text);
  g_free (b->tooltip);
}

/* The Const at the root of a folded chain (input 0 all the way up). */
static const QsNode *
chain_root (const QsNode *node,
            GString      *ops)
{
  while (node != NULL && !qs_node_is_type (node, "Const") && node->n_inputs > 0)
    {
      if (ops != NULL)
        g_string_append_printf (ops, "%s%s", ops->len > 0 ? ", " : "", node->type);
      node = qs_node_input_node (node, 0);
    }
  return node;
}

static gboolean
const_min_max (const QsNode *node,
               double       *lo,
               double       *hi,
               guint64      *n)
{
  const QsNode *root = chain_root (node, NULL);
  g_autofree float *v = NULL;
  guint64 k;

  if (root == NULL || root->konst == NULL || root->konst->data == NULL || root->konst->n_elements == 0)
    return FALSE;
  v = qs_const_to_f32 (root, NULL);
  if (v == NULL)
    return FALSE;
  *lo = *hi = v[0];
  for (k = 1; k < root->konst->n_elements; k++)
    {
      *lo = MIN (*lo, v[k]);
      *hi = MAX (*hi, v[k]);
    }
  *n = root->konst->n_elements;
  return TRUE;
}

static char *
short_number (double v)
{
  return g_strdup_printf ("%.3g", v);
}

static void
fq_badge (const QsNode *node,
          GArray       *badges)
{
  double lo, hi;
  guint64 n = 1;
  gint64 levels = 0;
  g_autofree char *a = NULL, *b = NULL, *channels = NULL;

  qs_node_get_int (node, "levels", 0, &levels, NULL);
  if (node->n_inputs < 3 || !const_min_max (qs_node_input_node (node, 1), &lo, &hi, &n))
    {
      add_badge (badges, g_strdup ("range"), g_strdup_printf ("FakeQuantize ranges, %" G_GINT64_FORMAT " levels", levels), FALSE);
      return;
    }
  {
    double lo2, hi2;
    guint64 n2;
    if (const_min_max (qs_node_input_node (node, 2), &lo2, &hi2, &n2))
      {
        hi = hi2;
        n = MAX (n, n2);
      }
  }
  a = short_number (lo);
  b = short_number (hi);
  channels = n > 1 ? g_strdup_printf (" (%" G_GUINT64_FORMAT " channels)", n) : g_strdup ("");
  add_badge (badges,
             n > 1 ? g_strdup_printf ("[%s, %s] ×%" G_GUINT64_FORMAT, a, b, n) : g_strdup_printf ("[%s, %s]", a, b),
             g_strdup_printf ("Input range %s%s … %s, %" G_GINT64_FORMAT " levels%s",
                              n > 1 ? "per channel, lowest to highest: " : "", a, b, levels, channels),
             FALSE);
}

static void
qscope_op_badge (const QsNode *node,
                 GArray       *badges)
{
  double lo, hi;
  guint64 n;
  const char *what = qs_node_is_type (node, "Requantize") ? "×" : qs_node_is_type (node, "Dequantize") ? "scale " : NULL;

  if (what == NULL || node->n_inputs < 2 || !const_min_max (qs_node_input_node (node, 1), &lo, &hi, &n))
    return;
  if (n == 1)
    add_badge (badges, g_strdup_printf ("%s%.3g", what, lo),
               g_strdup_printf ("%s %.6g per tensor", qs_node_is_type (node, "Requantize") ? "Multiplier" : "Scale", lo), FALSE);
  else
    add_badge (badges, g_strdup_printf ("%s%.2g…%.2g", what, lo, hi),
               g_strdup_printf ("%s per channel (%" G_GUINT64_FORMAT "): %.6g … %.6g",
                                qs_node_is_type (node, "Requantize") ? "Multiplier" : "Scale", n, lo, hi), FALSE);
}

static gboolean
is_weighted (const QsNode *node)
{
  return qs_node_is_type (node, "Convolution") || qs_node_is_type (node, "GroupConvolution") ||
         qs_node_is_type (node, "MatMul") || qs_node_is_type (node, "ConvolutionBackpropData") ||
         qs_node_is_type (node, "GroupConvolutionBackpropData");
}

static void
const_badge (const QsNode *node,
             guint         input,
             const QsNode *src,
             GArray       *badges)
{
  g_autoptr(GString) ops = g_string_new (NULL);
  const QsNode *root = chain_root (src, ops);
  const QsPort *out = qs_node_input_source (node, input);
  gboolean weight = input == 1 && is_weighted (node);
  g_autofree char *dims = _qs_paint_dims_text (&out->shape);
  g_autoptr(GString) text = g_string_new (weight ? "W " : "");
  const char *root_type = root != NULL && root->konst != NULL ? qs_element_type_name (root->konst->element_type) : "?";
  const char *out_type = qs_element_type_name (out->element_type);

  if (!weight && root != NULL && root->konst != NULL && root->konst->data != NULL &&
      root->konst->n_elements >= 1 && root->konst->n_elements <= 4 && ops->len == 0)
    {
      g_autofree float *v = qs_const_to_f32 (root, NULL);
      guint64 k;
      if (v != NULL)
        {
          g_string_append (text, "= ");
          for (k = 0; k < root->konst->n_elements; k++)
            g_string_append_printf (text, "%s%.4g", k > 0 ? ", " : "", v[k]);
        }
    }
  if (text->len <= 2)
    {
      g_string_append (text, root_type);
      if (ops->len > 0 && strcmp (root_type, out_type) != 0)
        g_string_append_printf (text, "→%s", out_type);
      if (*dims != '\0')
        g_string_append_printf (text, " %s", dims);
    }
  add_badge (badges, g_string_free (g_steal_pointer (&text), FALSE),
             g_strdup_printf ("Input %u: %s “%s”, %s [%s]%s%s", input,
                              weight ? "weights" : "constant", root != NULL ? root->name : src->name,
                              root_type, dims, ops->len > 0 ? ", decompressed by " : "", ops->str),
             FALSE);
}

void
_qs_paint_text_clear (QsPaintText *text)
{
  g_clear_pointer (&text->type, g_free);
  g_clear_pointer (&text->name, g_free);
  g_clear_pointer (&text->shape, g_free);
  g_clear_pointer (&text->badges, g_array_unref);
}

PangoLayout *
_qs_paint_new_layout (QsPaintScene               *scene,
                      PangoContext               *context,
                      const PangoFontDescription *font,
                      const char                 *text,
                      double                      max_width)
{
  PangoLayout *layout = pango_layout_new (context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
    }
  return layout;
}

static void
text_extent (QsPaintScene               *scene,
             const PangoFontDescription *font,
             const char                 *text,
             double                      max_width,
             double                     *width,
             double                     *height)
{
  g_autoptr(PangoLayout) layout = _qs_paint_new_layout (scene, scene->measure_context, font, text, max_width);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *width = logical.width / (double) PANGO_SCALE;
  *height = logical.height / (double) PANGO_SCALE;
}

void
_qs_paint_text_init (QsPaintScene   *scene,
                     const QsNode   *node,
                     QsNode * const *folded,
                     guint           n_folded,
                     QsPaintText    *text)
{
  const QsPort *port = NULL;
  g_autofree char *dims = NULL;
  const char *reason = scene->node_reason[node->index];
  double w, h, row = 0;
  guint i, n_plain;

  memset (text, 0, sizeof *text);
  text->type = g_strdup (node->type);
  text->name = g_strdup (node->name != NULL ? node->name : "");
  if (node->n_outputs > 0)
    port = &node->outputs[0];
  else if (node->n_inputs > 0)
    port = qs_node_input_source (node, 0);
  if (port != NULL)
    {
      dims = _qs_paint_dims_text (&port->shape);
      if (port->element_type != QS_ELEMENT_UNDEFINED)
        text->shape = g_strdup_printf ("%s  %s", qs_element_type_name (port->element_type), dims);
      else
        text->shape = g_strdup (dims);
    }
  else
    text->shape = g_strdup ("");

  text->badges = g_array_new (FALSE, TRUE, sizeof (QsPaintBadge));
  g_array_set_clear_func (text->badges, badge_clear);
  if (n_folded > 0)
    {
      gboolean qscope = node->version != NULL && strcmp (node->version, "qscope") == 0;
      if (qs_node_is_type (node, "FakeQuantize") && !qscope)
        fq_badge (node, text->badges);
      else if (qscope)
        qscope_op_badge (node, text->badges);
      else
        for (i = 0; i < node->n_inputs; i++)
          {
            const QsNode *src = qs_node_input_node (node, i);
            if (src != NULL && in_list (folded, n_folded, src))
              const_badge (node, i, src, text->badges);
          }
    }
  n_plain = text->badges->len;
  if (n_plain > QS_PAINT_MAX_BADGES)
    {
      GString *rest = g_string_new ("More folded inputs:");
      for (i = QS_PAINT_MAX_BADGES - 1; i < n_plain; i++)
        g_string_append_printf (rest, "\n%s", g_array_index (text->badges, QsPaintBadge, i).tooltip);
      g_array_set_size (text->badges, QS_PAINT_MAX_BADGES - 1);
      add_badge (text->badges, g_strdup_printf ("+%u", n_plain - (QS_PAINT_MAX_BADGES - 1)),
                 g_string_free (rest, FALSE), FALSE);
    }
  if (reason != NULL && scene->node_class[node->index] == QS_PAINT_CLASS_FP32_COMPUTE)
    add_badge (text->badges, g_strdup ("fp32"), g_strdup_printf ("Left in fp32: %s", reason), TRUE);

  for (i = 0; i < text->badges->len; i++)
    {
      QsPaintBadge *b = &g_array_index (text->badges, QsPaintBadge, i);
      if (b->reason)
        {
          PangoFontDescription *bold = pango_font_description_copy (scene->font_badge);
          pango_font_description_set_weight (bold, PANGO_WEIGHT_BOLD);
          text_extent (scene, bold, b->text, 0, &w, &h);
          pango_font_description_free (bold);
        }
      else
        text_extent (scene, scene->font_badge, b->text, 0, &w, &h);
      b->width = MIN (w, 160) + 2 * QS_PAINT_BADGE_PAD;
      row += b->width + (i > 0 ? QS_PAINT_BADGE_GAP : 0);
    }
  if (text->badges->len > 1 && g_array_index (text->badges, QsPaintBadge, text->badges->len - 1).reason)
    row += 2 * QS_PAINT_BADGE_GAP;   /* the fp32 badge stands apart, on the right */

  text_extent (scene, scene->font_type, text->type, 0, &w, &text->type_h);
  text->content_w = MAX (row, w);
  text_extent (scene, scene->font_name, text->name, 0, &w, &text->name_h);
  text->content_w = MAX (text->content_w, w);
  text_extent (scene, scene->font_name, text->shape, 0, &w, &text->shape_h);
  text->content_w = MAX (text->content_w, w);
  if (*text->shape == '\0')
    text->shape_h = 0;
}

void
_qs_paint_text_size (QsPaintScene      *scene,
                     const QsPaintText *text,
                     double            *width,
                     double            *height)
{
  double h = 2 * QS_PAINT_PAD_Y + text->type_h + text->name_h + text->shape_h + 2 * QS_PAINT_LINE_GAP;

  if (text->badges->len > 0)
    h += QS_PAINT_BADGE_HEIGHT + QS_PAINT_BADGE_GAP;
  *width = CLAMP (ceil (text->content_w + 2 * QS_PAINT_PAD_X), QS_PAINT_MIN_WIDTH, QS_PAINT_MAX_WIDTH);
  *height = ceil (h);
}

void
qs_paint_scene_measure (const QsNode   *node,
                        QsNode * const *folded,
                        guint           n_folded,
                        double         *width,
                        double         *height,
                        gpointer        user_data)
{
  QsPaintScene *scene = user_data;
  QsPaintText text;

  _qs_paint_text_init (scene, node, folded, n_folded, &text);
  _qs_paint_text_size (scene, &text, width, height);
  _qs_paint_text_clear (&text);
}

/* -- groups -- */

static const char *
group_title (QsPaintScene *scene,
             guint         group)
{
  const char *label = qs_layout_groups_get_label (scene->groups, group);

  return label != NULL && *label != '\0' ? label : qs_layout_groups_get_name (scene->groups, group);
}

/* "12 int8 · 2 fp32 · 14 FQ": what a person asks of a module first. */
static char *
group_summary (const QsPaintBox *box)
{
  static const struct { QsPaintClass klass; const char *abbrev; } quantizers[] = {
    { QS_PAINT_CLASS_FAKE_QUANTIZE, "FQ" }, { QS_PAINT_CLASS_QUANTIZE, "Q" },
    { QS_PAINT_CLASS_DEQUANTIZE, "DQ" }, { QS_PAINT_CLASS_REQUANTIZE, "RQ" },
  };
  GString *s = g_string_new (NULL);
  guint i;

  if (box->class_count[QS_PAINT_CLASS_INT8_COMPUTE] > 0)
    g_string_append_printf (s, "%u int8", box->class_count[QS_PAINT_CLASS_INT8_COMPUTE]);
  if (box->class_count[QS_PAINT_CLASS_FP32_COMPUTE] > 0)
    g_string_append_printf (s, "%s%u fp32", s->len > 0 ? " · " : "", box->class_count[QS_PAINT_CLASS_FP32_COMPUTE]);
  for (i = 0; i < G_N_ELEMENTS (quantizers); i++)
    if (box->class_count[quantizers[i].klass] > 0)
      g_string_append_printf (s, "%s%u %s", s->len > 0 ? " · " : "", box->class_count[quantizers[i].klass],
                              quantizers[i].abbrev);
  return g_string_free (s, FALSE);
}

static void
group_text_init (QsPaintScene *scene,
                 QsPaintBox   *box,
                 QsPaintText  *text)
{
  double w;

  memset (text, 0, sizeof *text);
  text->type = g_strdup (group_title (scene, box->group));
  text->name = g_strdup_printf (box->n_layers == 1 ? "%u layer" : "%u layers", box->n_layers);
  text->shape = group_summary (box);
  text->badges = g_array_new (FALSE, TRUE, sizeof (QsPaintBadge));
  text_extent (scene, scene->font_type, text->type, 0, &text->content_w, &text->type_h);
  text_extent (scene, scene->font_name, text->name, 0, &w, &text->name_h);
  text->content_w = MAX (text->content_w, w);
  text_extent (scene, scene->font_name, text->shape, 0, &w, &text->shape_h);
  text->content_w = MAX (text->content_w, w);
  if (*text->shape == '\0')
    text->shape_h = 0;
}

/* The size of a group's box: its texts (measured with the widest
 * summary it could have) and the bar. */
static void
measure_group (const QsLayoutGroups *groups,
               guint                 group,
               guint                 n_boxes,
               double               *width,
               double               *height,
               gpointer              user_data)
{
  QsPaintScene *scene = user_data;
  QsPaintBox box = { 0, };
  QsPaintText text;

  box.group = group;
  box.n_layers = n_boxes;
  box.class_count[QS_PAINT_CLASS_INT8_COMPUTE] = n_boxes;
  box.class_count[QS_PAINT_CLASS_FP32_COMPUTE] = n_boxes;
  box.class_count[QS_PAINT_CLASS_FAKE_QUANTIZE] = n_boxes;
  group_text_init (scene, &box, &text);
  _qs_paint_text_size (scene, &text, width, height);
  *width = MIN (MAX (*width, 150), QS_PAINT_MAX_WIDTH) + QS_PAINT_GROUP_STACK;
  *height += QS_PAINT_GROUP_BAR + QS_PAINT_LINE_GAP * 3 + QS_PAINT_GROUP_STACK;
  _qs_paint_text_clear (&text);
}

QsLayoutGroups *
qs_paint_scene_get_groups (QsPaintScene *scene)
{
  return scene->groups;
}

const gboolean *
qs_paint_scene_get_collapsed (QsPaintScene *scene)
{
  return scene->collapsed;
}

int
qs_paint_scene_get_box_group (QsPaintScene *scene,
                              guint         box)
{
  g_return_val_if_fail (box < scene->n_boxes, -1);
  return scene->boxes[box].group;
}

guint
qs_paint_scene_get_box_n_layers (QsPaintScene *scene,
                                 guint         box)
{
  g_return_val_if_fail (box < scene->n_boxes, 0);
  return scene->boxes[box].group >= 0 ? scene->boxes[box].n_layers : 1;
}

guint
qs_paint_scene_get_n_layers (QsPaintScene *scene)
{
  if (scene->base_graph == NULL)
    return scene->n_boxes;
  return qs_layout_graph_get_n_nodes (scene->base_graph);
}

const QsNode *
qs_paint_scene_get_layer (QsPaintScene *scene,
                          guint         layer)
{
  if (scene->base_graph == NULL)
    return qs_paint_scene_get_node (scene, layer);
  g_return_val_if_fail (layer < qs_layout_graph_get_n_nodes (scene->base_graph), NULL);
  return qs_layout_graph_get_qs_node (scene->base_graph, layer);
}

int
qs_paint_scene_find_group (QsPaintScene *scene,
                           const QsNode *node)
{
  int box;

  if (scene->groups == NULL || node == NULL)
    return -1;
  box = qs_layout_graph_find_box (scene->base_graph, node);
  return box >= 0 ? qs_layout_groups_get_box_group (scene->groups, box) : -1;
}

static void
set_layout_graph (QsPaintScene  *scene,
                  QsLayoutGraph *lg,
                  QsLayout      *previous)
{
  g_autoptr(QsLayout) layout = previous != NULL ? qs_layout_run_incremental (lg, previous, NULL)
                                                : qs_layout_run (lg, NULL);

  qs_paint_scene_set_layout (scene, layout);
}

void
qs_paint_scene_set_collapsed (QsPaintScene   *scene,
                              const gboolean *collapsed)
{
  g_autoptr(QsLayoutGraph) lg = NULL;
  g_autoptr(QsLayout) previous = NULL;
  guint n, i;

  g_return_if_fail (scene->groups != NULL);
  n = qs_layout_groups_get_n_groups (scene->groups);
  if (collapsed != NULL)
    memcpy (scene->collapsed, collapsed, sizeof (gboolean) * n);
  else
    memset (scene->collapsed, 0, sizeof (gboolean) * MAX (n, 1));
  for (i = 0; i < n && !scene->collapsed[i]; i++)
    ;
  if (i == n && scene->base_layout != NULL)
    {
      /* every group open: the layout made first, at no cost */
      qs_paint_scene_set_layout (scene, scene->base_layout);
      return;
    }
  lg = qs_layout_graph_new_collapsed (scene->base_graph, scene->groups, scene->collapsed, measure_group, scene);
  previous = scene->layout != NULL ? qs_layout_ref (scene->layout) : NULL;
  set_layout_graph (scene, lg, previous);
}

void
qs_paint_scene_collapse_level (QsPaintScene *scene,
                               guint         level)
{
  g_autofree gboolean *collapsed = NULL;

  g_return_if_fail (scene->groups != NULL);
  collapsed = g_new0 (gboolean, MAX (qs_layout_groups_get_n_groups (scene->groups), 1));
  qs_layout_groups_collapse_level (scene->groups, level, collapsed);
  qs_paint_scene_set_collapsed (scene, collapsed);
}

gboolean
qs_paint_scene_open_group (QsPaintScene *scene,
                           guint         group)
{
  g_autofree gboolean *collapsed = NULL;
  gboolean big;
  guint i, n;

  g_return_val_if_fail (scene->groups != NULL, FALSE);
  n = qs_layout_groups_get_n_groups (scene->groups);
  g_return_val_if_fail (group < n, FALSE);
  if (!scene->collapsed[group])
    return FALSE;
  collapsed = g_memdup2 (scene->collapsed, sizeof (gboolean) * n);
  collapsed[group] = FALSE;
  /* a big group opens onto its own groups, each one box; a small one
   * shows all its layers */
  big = qs_layout_groups_get_n_boxes (scene->groups, group) > QS_PAINT_OPEN_GROUP_MAX_BOXES;
  for (i = 0; i < n; i++)
    if (i != group && qs_layout_groups_is_inside (scene->groups, i, group))
      collapsed[i] = big && qs_layout_groups_get_parent (scene->groups, i) == (int) group;
  qs_paint_scene_set_collapsed (scene, collapsed);
  return TRUE;
}

gboolean
qs_paint_scene_close_group (QsPaintScene *scene,
                            guint         group)
{
  g_autofree gboolean *collapsed = NULL;
  guint n;
  int g;

  g_return_val_if_fail (scene->groups != NULL, FALSE);
  n = qs_layout_groups_get_n_groups (scene->groups);
  g_return_val_if_fail (group < n, FALSE);
  for (g = group; g >= 0; g = qs_layout_groups_get_parent (scene->groups, g))
    if (scene->collapsed[g])
      return FALSE;   /* already inside a collapsed group */
  collapsed = g_memdup2 (scene->collapsed, sizeof (gboolean) * n);
  collapsed[group] = TRUE;
  qs_paint_scene_set_collapsed (scene, collapsed);
  return TRUE;
}

gboolean
qs_paint_scene_reveal (QsPaintScene *scene,
                       const QsNode *node)
{
  g_autofree gboolean *collapsed = NULL;
  gboolean changed = FALSE;
  int g;

  g = qs_paint_scene_find_group (scene, node);
  if (g < 0)
    return FALSE;
  collapsed = g_memdup2 (scene->collapsed, sizeof (gboolean) * qs_layout_groups_get_n_groups (scene->groups));
  for (; g >= 0; g = qs_layout_groups_get_parent (scene->groups, g))
    if (collapsed[g])
      {
        collapsed[g] = FALSE;
        changed = TRUE;
      }
  if (changed)
    qs_paint_scene_set_collapsed (scene, collapsed);
  return changed;
}

/* -- layout -- */

/* Boxes of @layout, whose box i is box @index[i] (or i) of @source. */
static void
build_boxes (QsPaintScene        *scene,
             const QsLayoutGraph *source,
             const guint         *index)
{
  QsLayoutGraph *lg = qs_layout_get_graph (scene->layout);
  guint i, n = qs_layout_graph_get_n_nodes (lg);

  scene->n_boxes = n;
  scene->boxes = g_new0 (QsPaintBox, MAX (n, 1));
  for (i = 0; i < n; i++)
    {
      guint src = index != NULL ? index[i] : i;
      QsPaintBox *box = &scene->boxes[i];
      QsNode * const *folded;
      guint n_folded, k;

      box->node = qs_layout_graph_get_qs_node (source, src);
      g_return_if_fail (box->node != NULL && box->node->graph == scene->graph);
      folded = qs_layout_graph_get_folded (source, src, &n_folded);
      box->group = qs_layout_graph_get_group (source, src, &box->n_layers);
      if (box->group >= 0)
        {
          for (k = 0; k < box->n_layers; k++)
            {
              box->class_count[scene->node_class[folded[k]->index]]++;
              box->precision_count[scene->node_precision[folded[k]->index]]++;
            }
          box->klass = QS_PAINT_CLASS_OTHER;
          group_text_init (scene, box, &box->text);
        }
      else
        {
          box->klass = scene->node_class[box->node->index];
          box->reason = scene->node_reason[box->node->index];
          _qs_paint_text_init (scene, box->node, folded, n_folded, &box->text);
        }
      g_hash_table_insert (scene->box_of, (gpointer) box->node, GUINT_TO_POINTER (i + 1));
      for (k = 0; k < n_folded; k++)
        g_hash_table_insert (scene->box_of, folded[k], GUINT_TO_POINTER (i + 1));
    }
}

void
qs_paint_scene_set_layout (QsPaintScene *scene,
                           QsLayout     *layout)
{
  QsLayoutGraph *lg = qs_layout_get_graph (layout);
  guint e, n_edges = qs_layout_graph_get_n_edges (lg);

  qs_layout_ref (layout);
  clear_boxes (scene);
  scene->layout = layout;
  build_boxes (scene, lg, NULL);
  scene->edge_output = g_new0 (const QsPort *, MAX (n_edges, 1));
  scene->edge_input = g_new0 (const QsPort *, MAX (n_edges, 1));
  for (e = 0; e < n_edges; e++)
    qs_layout_graph_get_edge_ports (lg, e, &scene->edge_output[e], &scene->edge_input[e]);
}

gboolean
qs_paint_scene_run_layout (QsPaintScene           *scene,
                           QsLayoutFoldFlags       flags,
                           const QsLayoutOptions  *options,
                           const QsNode           *around,
                           guint                   depth,
                           GError                **error)
{
  g_autoptr(QsLayoutGraph) lg = NULL;
  g_autoptr(QsLayoutGraph) sub = NULL;
  g_autofree int *dist = NULL;
  g_autofree guint *queue = NULL, *old_of = NULL, *new_of = NULL;
  g_autoptr(GArray) sub_edges = NULL;
  guint n, n_edges, e, head = 0, tail = 0, n_sub = 0, i;
  int start;

  lg = qs_layout_graph_new_from_graph_full (scene->graph, flags, qs_paint_scene_measure, scene);
  n = qs_layout_graph_get_n_nodes (lg);
  if (n == 0)
    {
      g_set_error (error, QS_PAINT_ERROR, QS_PAINT_ERROR_EMPTY, "the graph has no layers to draw");
      return FALSE;
    }
  if (around == NULL)
    {
      g_autoptr(QsLayout) layout = qs_layout_run (lg, options);
      qs_paint_scene_set_layout (scene, layout);
      g_clear_pointer (&scene->base_graph, qs_layout_graph_unref);
      g_clear_pointer (&scene->groups, qs_layout_groups_unref);
      g_free (scene->collapsed);
      g_clear_pointer (&scene->base_layout, qs_layout_unref);
      scene->base_graph = qs_layout_graph_ref (lg);
      scene->base_layout = qs_layout_ref (layout);
      scene->groups = qs_layout_groups_new (lg);
      scene->collapsed = g_new0 (gboolean, MAX (qs_layout_groups_get_n_groups (scene->groups), 1));
      return TRUE;
    }

  start = qs_layout_graph_find_box (lg, around);
  if (start < 0)
    {
      g_set_error (error, QS_PAINT_ERROR, QS_PAINT_ERROR_NOT_FOUND,
                   "layer “%s” (id %" G_GUINT64_FORMAT ") is not drawn in this graph", around->name, around->id);
      return FALSE;
    }

  /* Breadth first over edges in both directions: the neighbourhood a
   * person means by "around". */
  n_edges = qs_layout_graph_get_n_edges (lg);
  dist = g_new (int, n);
  queue = g_new (guint, n);
  for (i = 0; i < n; i++)
    dist[i] = -1;
  dist[start] = 0;
  queue[tail++] = start;
  {
    g_autofree guint *first = g_new0 (guint, n + 1);
    g_autofree guint *adj = g_new (guint, 2 * MAX (n_edges, 1));
    g_autofree guint *fill = NULL;
    for (e = 0; e < n_edges; e++)
      {
        guint from, to;
        qs_layout_graph_get_edge (lg, e, &from, &to);
        first[from + 1]++;
        first[to + 1]++;
      }
    for (i = 0; i < n; i++)
      first[i + 1] += first[i];
    fill = g_memdup2 (first, sizeof (guint) * (n + 1));
    for (e = 0; e < n_edges; e++)
      {
        guint from, to;
        qs_layout_graph_get_edge (lg, e, &from, &to);
        adj[fill[from]++] = to;
        adj[fill[to]++] = from;
      }
    while (head < tail)
      {
        guint v = queue[head++];
        if ((guint) dist[v] >= depth)
          continue;
        for (i = first[v]; i < first[v + 1]; i++)
          if (dist[adj[i]] < 0)
            {
              dist[adj[i]] = dist[v] + 1;
              queue[tail++] = adj[i];
            }
      }
  }

  sub = qs_layout_graph_new ();
  old_of = g_new (guint, n);
  new_of = g_new (guint, n);
  for (i = 0; i < n; i++)
    if (dist[i] >= 0)
      {
        double w, h;
        qs_layout_graph_get_node_size (lg, i, &w, &h);
        new_of[i] = qs_layout_graph_add_node (sub, w, h);
        qs_layout_graph_set_node_key (sub, new_of[i], qs_layout_graph_get_node_key (lg, i));
        old_of[n_sub++] = i;
      }
  sub_edges = g_array_new (FALSE, FALSE, sizeof (guint));
  for (e = 0; e < n_edges; e++)
    {
      guint from, to;
      qs_layout_graph_get_edge (lg, e, &from, &to);
      if (dist[from] >= 0 && dist[to] >= 0)
        {
          qs_layout_graph_add_edge (sub, new_of[from], new_of[to]);
          g_array_append_val (sub_edges, e);
        }
    }

  {
    g_autoptr(QsLayout) layout = qs_layout_run (sub, options);
    clear_boxes (scene);
    scene->layout = g_steal_pointer (&layout);
    scene->full_graph = qs_layout_graph_ref (lg);
    build_boxes (scene, lg, old_of);
    scene->edge_output = g_new0 (const QsPort *, MAX (sub_edges->len, 1));
    scene->edge_input = g_new0 (const QsPort *, MAX (sub_edges->len, 1));
    for (e = 0; e < sub_edges->len; e++)
      qs_layout_graph_get_edge_ports (lg, g_array_index (sub_edges, guint, e),
                                      &scene->edge_output[e], &scene->edge_input[e]);
  }
  return TRUE;
}

QsLayout *
qs_paint_scene_get_layout (QsPaintScene *scene)
{
  return scene->layout;
}

const QsGraph *
qs_paint_scene_get_graph (QsPaintScene *scene)
{
  return scene->graph;
}

void
qs_paint_scene_get_size (QsPaintScene *scene,
                         double       *width,
                         double       *height)
{
  *width = *height = 0;
  if (scene->layout != NULL)
    qs_layout_get_size (scene->layout, width, height);
}

guint
qs_paint_scene_get_n_boxes (QsPaintScene *scene)
{
  return scene->n_boxes;
}

const QsNode *
qs_paint_scene_get_node (QsPaintScene *scene,
                         guint         box)
{
  g_return_val_if_fail (box < scene->n_boxes, NULL);
  return scene->boxes[box].node;
}

QsPaintClass
qs_paint_scene_get_class (QsPaintScene *scene,
                          guint         box)
{
  g_return_val_if_fail (box < scene->n_boxes, QS_PAINT_CLASS_OTHER);
  return scene->boxes[box].klass;
}

void
qs_paint_scene_get_box_rect (QsPaintScene      *scene,
                             guint              box,
                             cairo_rectangle_t *rect)
{
  const QsLayoutBox *b;

  g_return_if_fail (box < scene->n_boxes);
  b = qs_layout_get_box (scene->layout, box);
  rect->x = b->x - b->width / 2;
  rect->y = b->y - b->height / 2;
  rect->width = b->width;
  rect->height = b->height;
}

int
qs_paint_scene_find_box (QsPaintScene *scene,
                         const QsNode *node)
{
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (scene->box_of, node)) - 1;
}

const QsNode *
qs_paint_scene_lookup (QsPaintScene *scene,
                       const char   *name)
{
  const QsNode *node = qs_graph_find_node_by_name (scene->graph, name);
  gint64 id;

  if (node == NULL && qs_parse_int64 (name, &id) && id >= 0)
    node = qs_graph_find_node (scene->graph, id);
  return node;
}

/* -- hit testing -- */

void
_qs_paint_badge_rect (QsPaintScene      *scene,
                      guint              box,
                      guint              badge,
                      cairo_rectangle_t *rect)
{
  const QsPaintText *text = &scene->boxes[box].text;
  const QsPaintBadge *b = &g_array_index (text->badges, QsPaintBadge, badge);
  cairo_rectangle_t r;
  double x;
  guint i;

  qs_paint_scene_get_box_rect (scene, box, &r);
  rect->y = r.y + QS_PAINT_PAD_Y;
  rect->height = QS_PAINT_BADGE_HEIGHT;
  rect->width = MIN (b->width, r.width - 2 * QS_PAINT_PAD_X);
  if (b->reason)
    {
      rect->x = r.x + r.width - QS_PAINT_PAD_X + 3 - rect->width;
      return;
    }
  x = r.x + QS_PAINT_PAD_X - 3;
  for (i = 0; i < badge; i++)
    x += g_array_index (text->badges, QsPaintBadge, i).width + QS_PAINT_BADGE_GAP;
  rect->x = x;
}

static gboolean
rect_contains (const cairo_rectangle_t *r,
               double                   x,
               double                   y)
{
  return x >= r->x && x <= r->x + r->width && y >= r->y && y <= r->y + r->height;
}

int
qs_paint_scene_hit_test (QsPaintScene *scene,
                         double        x,
                         double        y)
{
  guint i;

  for (i = 0; i < scene->n_boxes; i++)
    {
      cairo_rectangle_t r;
      qs_paint_scene_get_box_rect (scene, i, &r);
      if (rect_contains (&r, x, y))
        return i;
    }
  return -1;
}

char *
qs_paint_scene_dup_tooltip (QsPaintScene *scene,
                            double        x,
                            double        y)
{
  int box = qs_paint_scene_hit_test (scene, x, y);
  const QsPaintBox *b;
  guint i;

  if (box < 0)
    return NULL;
  b = &scene->boxes[box];
  if (b->group >= 0)
    {
      GString *text = g_string_new (NULL);

      g_string_append_printf (text, "Group “%s”: %u layers (double-click to open)",
                              qs_layout_groups_get_name (scene->groups, b->group), b->n_layers);
      for (i = 0; i < QS_PAINT_N_CLASSES; i++)
        if (b->class_count[i] > 0)
          g_string_append_printf (text, "\n%u × %s", b->class_count[i], qs_paint_style_get (i)->name);
      return g_string_free (text, FALSE);
    }
  for (i = 0; i < b->text.badges->len; i++)
    {
      cairo_rectangle_t r;
      _qs_paint_badge_rect (scene, box, i, &r);
      if (rect_contains (&r, x, y))
        return g_strdup (g_array_index (b->text.badges, QsPaintBadge, i).tooltip);
    }
  return g_strdup_printf ("%s “%s” (id %" G_GUINT64_FORMAT ")\n%s\n%s%s%s", b->node->type, b->node->name,
                          b->node->id, b->text.shape, qs_paint_style_get (b->klass)->name,
                          b->reason != NULL && b->klass == QS_PAINT_CLASS_FP32_COMPUTE ? ": " : "",
                          b->reason != NULL && b->klass == QS_PAINT_CLASS_FP32_COMPUTE ? b->reason : "");
}

gboolean
qs_paint_scene_get_reason_badge (QsPaintScene       *scene,
                                 guint               box,
                                 cairo_rectangle_t  *rect,
                                 const char        **reason)
{
  const QsPaintText *text;
  guint last;

  g_return_val_if_fail (box < scene->n_boxes, FALSE);
  text = &scene->boxes[box].text;
  if (text->badges->len == 0)
    return FALSE;
  last = text->badges->len - 1;
  if (!g_array_index (text->badges, QsPaintBadge, last).reason)
    return FALSE;
  if (rect != NULL)
    _qs_paint_badge_rect (scene, box, last, rect);
  if (reason != NULL)
    *reason = scene->boxes[box].reason;
  return TRUE;
}

static double
node_value (const QsNode  *node,
            const QsGraph *graph,
            const double  *node_values)
{
  if (node->graph == graph)
    return node_values[node->index];
  if (node->origin != NULL && node->origin->graph == graph)
    return node_values[node->origin->index];
  return NAN;
}

double *
qs_paint_scene_map_values_full (QsPaintScene  *scene,
                                const QsGraph *graph,
                                const double  *node_values,
                                gboolean       higher_is_better)
{
  double *values = g_new (double, MAX (scene->n_boxes, 1));
  guint i, k;

  for (i = 0; i < scene->n_boxes; i++)
    {
      const QsPaintBox *box = &scene->boxes[i];

      values[i] = NAN;
      if (box->group < 0)
        {
          values[i] = node_value (box->node, graph, node_values);
          continue;
        }
      /* a collapsed group shows its worst layer */
      {
        QsNode * const *folded;
        guint n_folded;

        folded = qs_layout_graph_get_folded (qs_layout_get_graph (scene->layout), i, &n_folded);
        for (k = 0; k < box->n_layers && k < n_folded; k++)
          {
            double v = node_value (folded[k], graph, node_values);
            if (isnan (v))
              continue;
            if (isnan (values[i]) || (higher_is_better ? v < values[i] : v > values[i]))
              values[i] = v;
          }
      }
    }
  return values;
}

double *
qs_paint_scene_map_values (QsPaintScene  *scene,
                           const QsGraph *graph,
                           const double  *node_values)
{
  return qs_paint_scene_map_values_full (scene, graph, node_values, TRUE);
}
