/* qs-cli-render.c — `qscope-cli render MODEL.xml -o OUT.png|OUT.svg`
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Draws the graph with the painter the window uses (core/paint) on a cairo
 * image or SVG surface.  The whole image is made in memory and written with
 * qs_file_replace_contents(), so a failure never leaves a partial file;
 * images past a stated size are refused before anything is
 * allocated.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "qs-cli.h"
#include "qscope-core.h"
#include "qs-exec.h"
#include "qs-input.h"
#include "qs-lpt.h"
#include "qs-paint.h"
#include "qs-stats.h"
#include "qs-weights.h"

/* A PNG is an ARGB32 image in memory: cairo's own limit per side, and a
 * cap on the area so that a render never takes more than ~256 MB. */
#define MAX_SIDE_PIXELS  32767.0
#define MAX_PIXELS       (64.0 * 1000 * 1000)
/* An SVG holds every box as vector data: cap the number of boxes. */
#define MAX_SVG_BOXES    20000
#define MARGIN           24.0
#define LEGEND_GAP       32.0

typedef enum
{
  METRIC_SQNR,
  METRIC_NMSE,
  METRIC_MAX_ABS,
  METRIC_CLIP,
  METRIC_LSB,
} Metric;

static const struct
{
  const char *name;
  const char *label;
  gboolean    higher_is_better;
} metrics[] = {
  [METRIC_SQNR] = { "sqnr", "SQNR, fake-quant vs float (dB)", TRUE },
  [METRIC_NMSE] = { "nmse", "NMSE, fake-quant vs float", FALSE },
  [METRIC_MAX_ABS] = { "max-abs", "max |fake-quant − float|", FALSE },
  [METRIC_CLIP] = { "clip", "share clipped by the next FakeQuantize", FALSE },
  [METRIC_LSB] = { "lsb", "int8 vs fake-quant (LSB)", FALSE },
};

static gboolean
fq_range (const QsNode *fq,
          QsFqRange    *range)
{
  gint64 levels = 0;
  guint k;

  if (!qs_node_get_int (fq, "levels", 0, &levels, NULL) || levels < 2 || fq->n_inputs < 3)
    return FALSE;
  range->levels = levels;
  for (k = 1; k <= 2; k++)
    {
      const QsNode *c = qs_node_input_node (fq, k);
      g_autofree float *v = NULL;
      guint64 i;

      c = c != NULL ? qs_node_skip_convert (c) : NULL;
      if (c == NULL || c->konst == NULL || c->konst->n_elements == 0 || (v = qs_const_to_f32 (c, NULL)) == NULL)
        return FALSE;
      if (k == 1)
        for (i = 0, range->in_low = v[0]; i < c->konst->n_elements; i++)
          range->in_low = MIN (range->in_low, v[i]);
      else
        for (i = 0, range->in_high = v[0]; i < c->konst->n_elements; i++)
          range->in_high = MAX (range->in_high, v[i]);
    }
  return TRUE;
}

static const QsNode *
guarding_fq (const QsNode *node)
{
  guint i;

  if (node->n_outputs == 0)
    return NULL;
  for (i = 0; i < node->outputs[0].n_consumers; i++)
    {
      const QsPort *c = node->outputs[0].consumers[i];
      if (c->index == 0 && qs_node_is_type (c->node, "FakeQuantize"))
        return c->node;
    }
  return NULL;
}

/* One value per node of @model's graph: float and fake-quant runs
 * stepped in lockstep, compared layer by layer. */
static double *
compute_metric (QsModel            *model,
                Metric              metric,
                const char * const *input_specs,
                GError            **error)
{
  const QsGraph *graph = model->graph;
  g_autofree double *values = g_new (double, MAX (graph->n_nodes, 1));
  g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(QsExec) fexec = NULL, qexec = NULL;
  g_autoptr(QsRun) frun = NULL, qrun = NULL;
  QsTensor **inputs;
  QsImageOptions img;
  guint i;
  gboolean ok = TRUE;

  for (i = 0; i < graph->n_nodes; i++)
    values[i] = NAN;
  if (input_specs != NULL)
    for (i = 0; input_specs[i] != NULL; i++)
      g_ptr_array_add (specs, g_strdup (input_specs[i]));
  else
    for (i = 0; i < graph->n_parameters; i++)
      g_ptr_array_add (specs, g_strdup_printf ("%s=random", graph->parameters[i]->name));
  g_ptr_array_add (specs, NULL);

  qs_image_options_init (&img);
  inputs = qs_inputs_from_specs (model, (const char * const *) specs->pdata, &img, error);
  if (inputs == NULL)
    return NULL;
  fexec = qs_exec_new (model, QS_EXEC_MODE_FLOAT, error);
  qexec = fexec != NULL ? qs_exec_new (model, QS_EXEC_MODE_FAKE_QUANT, error) : NULL;
  frun = qexec != NULL ? qs_run_new (fexec, inputs, error) : NULL;
  qrun = frun != NULL ? qs_run_new (qexec, inputs, error) : NULL;
  ok = qrun != NULL;

  while (ok && !qs_run_is_done (frun))
    {
      const QsNode *node;
      QsTensor *f, *q;

      if (!qs_run_step (frun, NULL, error) || !qs_run_step (qrun, NULL, error))
        {
          ok = FALSE;
          break;
        }
      node = qs_run_get_last_node (frun);
      /* Constants are the same in both runs: no error to show. */
      if (node->n_outputs == 0 || qs_exec_node_is_constant (fexec, node))
        continue;
      f = qs_run_get_output (frun, node, 0);
      q = qs_run_get_output (qrun, node, 0);
      if (f == NULL || q == NULL)
        continue;
      if (metric == METRIC_CLIP)
        {
          const QsNode *fq = guarding_fq (node);
          QsFqRange range;
          QsTensorStats st;
          if (fq != NULL && fq_range (fq, &range))
            {
              qs_tensor_stats_compute (f, &range, &st);
              values[node->index] = st.clipped;
              values[fq->index] = st.clipped;
            }
        }
      else
        {
          QsTensorError e;
          if (qs_tensor_error_compute (f, q, &e))
            values[node->index] = metric == METRIC_SQNR ? e.sqnr_db : metric == METRIC_NMSE ? e.nmse : e.max_abs;
        }
    }

  for (i = 0; i < graph->n_parameters; i++)
    qs_tensor_unref (inputs[i]);
  g_free (inputs);
  return ok ? g_steal_pointer (&values) : NULL;
}

typedef struct
{
  QsPaintScene         *scene;
  const QsPaintOptions *options;
  gboolean              legend;
  double                scale;
  double                graph_w, graph_h, legend_w, legend_h;
} Frame;

/* The legend stays readable however far the graph is zoomed out: it is
 * drawn at the device scale, never below 1. */
static double
legend_scale (const Frame *frame)
{
  return MAX (frame->scale, 1.0);
}

static void
paint_frame (cairo_t     *cr,
             const Frame *frame)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_save (cr);
  cairo_translate (cr, MARGIN, MARGIN);
  cairo_scale (cr, frame->scale, frame->scale);
  qs_paint_graph (cr, frame->scene, frame->options);
  cairo_restore (cr);
  if (frame->legend)
    {
      cairo_save (cr);
      cairo_translate (cr, MARGIN + ceil (frame->graph_w * frame->scale) + LEGEND_GAP, MARGIN);
      cairo_scale (cr, legend_scale (frame), legend_scale (frame));
      qs_paint_legend (cr, frame->scene, frame->options);
      cairo_restore (cr);
    }
}

/* One <title> per fp32 badge, over an invisible rectangle: a browser
 * shows the reason when the pointer rests on the badge. */
static void
add_svg_titles (GByteArray  *svg,
                const Frame *frame)
{
  g_autoptr(GString) titles = g_string_new ("<g id=\"qscope-fp32-reasons\">\n");
  guint i, n = qs_paint_scene_get_n_boxes (frame->scene);
  const char *end;
  gsize at;

  for (i = 0; i < n; i++)
    {
      cairo_rectangle_t r;
      const char *reason;
      g_autofree char *escaped = NULL;
      char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
      char w[G_ASCII_DTOSTR_BUF_SIZE], h[G_ASCII_DTOSTR_BUF_SIZE];

      if (!qs_paint_scene_get_reason_badge (frame->scene, i, &r, &reason))
        continue;
      escaped = g_markup_escape_text (reason, -1);
      g_string_append_printf (titles,
                              "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"#000\" fill-opacity=\"0\">"
                              "<title>%s</title></rect>\n",
                              g_ascii_formatd (x, sizeof x, "%.2f", MARGIN + r.x * frame->scale),
                              g_ascii_formatd (y, sizeof y, "%.2f", MARGIN + r.y * frame->scale),
                              g_ascii_formatd (w, sizeof w, "%.2f", r.width * frame->scale),
                              g_ascii_formatd (h, sizeof h, "%.2f", r.height * frame->scale),
                              escaped);
    }
  g_string_append (titles, "</g>\n");
  end = g_strrstr_len ((const char *) svg->data, svg->len, "</svg>");
  if (end == NULL)
    return;
  at = end - (const char *) svg->data;
  g_byte_array_set_size (svg, svg->len + titles->len);
  memmove (svg->data + at + titles->len, svg->data + at, svg->len - titles->len - at);
  memcpy (svg->data + at, titles->str, titles->len);
}

static const QsNode *
find_around (QsPaintScene  *scene,
             const QsGraph *original,
             const char    *name)
{
  const QsNode *node = qs_paint_scene_lookup (scene, name);
  const QsGraph *graph = qs_paint_scene_get_graph (scene);
  const QsNode *orig = NULL;
  gint64 id;
  guint i;

  if (node != NULL || graph == original)
    return node;
  /* The transformed graph: the layer the named original became. */
  orig = qs_graph_find_node_by_name (original, name);
  if (orig == NULL && qs_parse_int64 (name, &id) && id >= 0)
    orig = qs_graph_find_node (original, id);
  for (i = 0; orig != NULL && i < graph->n_nodes; i++)
    if (graph->nodes[i]->origin == orig)
      return graph->nodes[i];
  return NULL;
}

int
qs_cli_render (int    argc,
               char **argv)
{
  g_autofree char *out_path = NULL, *around_name = NULL, *metric_name = NULL, *detail_text = NULL;
  g_auto(GStrv) input_specs = NULL;
  g_autofree char *max_memory_text = NULL;
  g_autofree char *max_memory_help = qs_cli_max_memory_help ();
  gboolean transformed = FALSE, legend = FALSE, edge_labels = FALSE;
  int depth = 2;
  double scale = 1.0;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, N_("write the image here (.png or .svg)"), "FILE" },
    { "transformed", 't', 0, G_OPTION_ARG_NONE, &transformed, N_("draw the graph after the low-precision transformation"), NULL },
    { "around", 0, 0, G_OPTION_ARG_STRING, &around_name, N_("draw only the layers near this one (name or id)"), "LAYER" },
    { "depth", 0, 0, G_OPTION_ARG_INT, &depth, N_("with --around: how many edges away (default 2)"), "N" },
    { "color-by", 0, 0, G_OPTION_ARG_STRING, &metric_name, N_("colour layers by sqnr, nmse, max-abs, clip or lsb"), "METRIC" },
    { "input", 'i', 0, G_OPTION_ARG_STRING_ARRAY, &input_specs, N_("with --color-by: NAME=FILE.npy, NAME=random[:SEED] or NAME=PHOTO (default random)"), "SPEC" },
    { "max-memory", 0, 0, G_OPTION_ARG_STRING, &max_memory_text, max_memory_help, "SIZE" },
    { "scale", 's', 0, G_OPTION_ARG_DOUBLE, &scale, N_("pixels per layout unit (default 1)"), "S" },
    { "legend", 'l', 0, G_OPTION_ARG_NONE, &legend, N_("add a legend"), NULL },
    { "edge-labels", 0, 0, G_OPTION_ARG_NONE, &edge_labels, N_("label edges with element type and shape"), NULL },
    { "detail", 0, 0, G_OPTION_ARG_STRING, &detail_text, N_("auto, full or overview (default auto: from the scale)"), "DETAIL" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("MODEL.xml — draw the graph to a PNG or SVG file"));
  g_autoptr(GError) error = NULL;
  g_autoptr(QsModel) model = NULL;
  g_autoptr(QsLptResult) lpt = NULL;
  g_autoptr(QsPaintScene) scene = NULL;
  g_autofree double *node_values = NULL, *box_values = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree guint *highlight = NULL;
  const QsGraph *graph;
  const QsNode *around = NULL;
  QsPaintOptions options;
  Frame frame = { 0 };
  gboolean svg;
  int metric = -1;
  double width, height;
  guint i;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return qs_cli_fail (error);
  if (argc != 2)
    return qs_cli_usage (context, _("give exactly one MODEL.xml"));
  if (out_path == NULL)
    return qs_cli_usage (NULL, _("give the output file with -o OUT.png or -o OUT.svg"));
  svg = g_str_has_suffix (out_path, ".svg") || g_str_has_suffix (out_path, ".SVG");
  if (!svg && !g_str_has_suffix (out_path, ".png") && !g_str_has_suffix (out_path, ".PNG"))
    return qs_cli_usage (NULL, _("the output file must end in .png or .svg"));
  if (!(scale > 0.001 && scale <= 64))
    return qs_cli_usage (NULL, _("--scale must be between 0.001 and 64"));
  if (depth < 0)
    return qs_cli_usage (NULL, _("--depth must not be negative"));
  qs_paint_options_init (&options);
  if (detail_text != NULL)
    {
      if (strcmp (detail_text, "full") == 0)
        options.detail = QS_PAINT_DETAIL_FULL;
      else if (strcmp (detail_text, "overview") == 0)
        options.detail = QS_PAINT_DETAIL_OVERVIEW;
      else if (strcmp (detail_text, "auto") != 0)
        return qs_cli_usage (NULL, _("--detail is auto, full or overview"));
    }
  if (metric_name != NULL)
    {
      for (i = 0; i < G_N_ELEMENTS (metrics); i++)
        if (strcmp (metric_name, metrics[i].name) == 0)
          metric = i;
      if (metric < 0)
        return qs_cli_usage (NULL, _("--color-by is sqnr, nmse, max-abs, clip or lsb"));
      if (metric == METRIC_LSB)
        return qs_cli_usage (NULL, _("--color-by lsb needs int8 execution, which this build cannot do yet"));
    }
  if (input_specs != NULL && metric < 0)
    return qs_cli_usage (NULL, _("--input only makes sense with --color-by"));
  if (max_memory_text != NULL && metric < 0)
    return qs_cli_usage (NULL, _("--max-memory only makes sense with --color-by"));
  if (!qs_cli_apply_max_memory (max_memory_text, &error))
    return qs_cli_fail (error);

  model = qs_model_load (argv[1], QS_LOAD_FLAGS_NONE, NULL, &error);
  if (model == NULL)
    return qs_cli_fail (error);

  /* The transformation colours compute layers int8 or fp32; a model it
   * cannot transform is still drawn, by op type alone. */
  lpt = qs_lpt_run (model, transformed ? &error : NULL);
  if (lpt == NULL && transformed)
    return qs_cli_fail (error);
  graph = transformed ? qs_lpt_result_get_model (lpt)->graph : model->graph;

  scene = qs_paint_scene_new (graph, lpt, NULL);
  if (around_name != NULL)
    {
      around = find_around (scene, model->graph, around_name);
      if (around == NULL)
        {
          g_set_error (&error, QS_PAINT_ERROR, QS_PAINT_ERROR_NOT_FOUND,
                       _("%s has no layer named or numbered “%s”"), argv[1], around_name);
          return qs_cli_fail (error);
        }
    }
  if (!qs_paint_scene_run_layout (scene, QS_LAYOUT_FOLD_DEFAULT, NULL, around, depth, &error))
    return qs_cli_fail (error);
  if (around != NULL)
    {
      int box = qs_paint_scene_find_box (scene, around);
      if (box >= 0)
        {
          highlight = g_new (guint, 1);
          highlight[0] = box;
          options.highlighted = highlight;
          options.n_highlighted = 1;
        }
    }

  if (metric >= 0)
    {
      node_values = compute_metric (model, metric, (const char * const *) input_specs, &error);
      if (node_values == NULL)
        return qs_cli_fail (error);
      box_values = qs_paint_scene_map_values (scene, model->graph, node_values);
      options.values = box_values;
      options.value_label = metrics[metric].label;
      options.higher_is_better = metrics[metric].higher_is_better;
    }
  options.edge_labels = edge_labels;

  frame.scene = scene;
  frame.options = &options;
  frame.legend = legend;
  frame.scale = scale;
  qs_paint_scene_get_size (scene, &frame.graph_w, &frame.graph_h);
  if (legend)
    qs_paint_legend_get_size (scene, &options, &frame.legend_w, &frame.legend_h);
  width = 2 * MARGIN + ceil (frame.graph_w * scale);
  height = ceil (frame.graph_h * scale);
  if (legend)
    {
      width += LEGEND_GAP + ceil (frame.legend_w * legend_scale (&frame));
      height = MAX (height, ceil (frame.legend_h * legend_scale (&frame)));
    }
  height += 2 * MARGIN;

  if (svg && qs_paint_scene_get_n_boxes (scene) > MAX_SVG_BOXES)
    {
      g_set_error (&error, QS_PAINT_ERROR, QS_PAINT_ERROR_EMPTY,
                   _("the drawing has %u layers, past the SVG limit of %u; use --around or a PNG"),
                   qs_paint_scene_get_n_boxes (scene), MAX_SVG_BOXES);
      return qs_cli_fail (error);
    }
  if (!svg && (width > MAX_SIDE_PIXELS || height > MAX_SIDE_PIXELS || width * height > MAX_PIXELS))
    {
      double fit = scale * MIN (MIN (MAX_SIDE_PIXELS / width, MAX_SIDE_PIXELS / height),
                                sqrt (MAX_PIXELS / (width * height)));
      g_set_error (&error, QS_PAINT_ERROR, QS_PAINT_ERROR_EMPTY,
                   _("the image would be %.0f×%.0f pixels, past the limit of %.0f per side and %.0f megapixels; try --scale %.2g or --around"),
                   width, height, MAX_SIDE_PIXELS, MAX_PIXELS / 1e6, floor (fit * 100) / 100);
      return qs_cli_fail (error);
    }

  if (svg)
    {
      cairo_surface_t *surface = cairo_svg_surface_create_for_stream (qs_paint_append_bytes, bytes, width, height);
      cairo_t *cr = cairo_create (surface);
      cairo_status_t status;

      cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_1);
      paint_frame (cr, &frame);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
      cairo_surface_destroy (surface);
      if (status != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (&error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("cannot draw the SVG: %s"), cairo_status_to_string (status));
          return qs_cli_fail (error);
        }
      add_svg_titles (bytes, &frame);
    }
  else
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
      cairo_status_t status = cairo_surface_status (surface);

      if (status == CAIRO_STATUS_SUCCESS)
        {
          cairo_t *cr = cairo_create (surface);
          paint_frame (cr, &frame);
          cairo_destroy (cr);
          cairo_surface_flush (surface);
          status = cairo_surface_write_to_png_stream (surface, qs_paint_append_bytes, bytes);
        }
      cairo_surface_destroy (surface);
      if (status != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (&error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("cannot draw the PNG: %s"), cairo_status_to_string (status));
          return qs_cli_fail (error);
        }
    }

  if (!qs_cli_write_file (out_path, (const char *) bytes->data, bytes->len, &error))
    return qs_cli_fail (error);
  return QS_CLI_EXIT_OK;
}
