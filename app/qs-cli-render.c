/* qs-cli-render.c — `qscope-cli render MODEL.xml -o OUT.png|OUT.svg`
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Draws the graph through the exports the window uses (core/paint's
 * qs-paint-export): a PNG, fitted to cairo's image limit when the graph is
 * past it, PNG tiles at full detail (--tiles DIR), or an SVG whose boxes
 * carry their layer's name and type.  Images are made in memory and
 * written in one go, so a failure never leaves a partial file.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "qs-cli.h"
#include "qs-cli-run.h"
#include "qs-sensitivity.h"
#include "qs-analysis.h"
#include "qscope-core.h"
#include "qs-exec.h"
#include "qs-input.h"
#include "qs-lpt.h"
#include "qs-paint.h"
#include "qs-paint-export.h"
#include "qs-paint-samples.h"
#include "qs-stats.h"
#include "qs-weights.h"

/* The --samples chart is one image: the exports' limits. */
#define MAX_SIDE_PIXELS  QS_PAINT_EXPORT_MAX_SIDE
#define MAX_PIXELS       QS_PAINT_EXPORT_MAX_PIXELS
/* An SVG holds every box as vector data: cap the number of boxes. */
#define MAX_SVG_BOXES    20000
#define MARGIN           QS_PAINT_EXPORT_MARGIN

/* The colour bar's label of each figure. */
static const char *
figure_label (QsFigure figure)
{
  switch (figure)
    {
    case QS_FIGURE_SQNR: return "SQNR, fake-quant vs float (dB)";
    case QS_FIGURE_NMSE: return "NMSE, fake-quant vs float";
    case QS_FIGURE_MSE: return "MSE, fake-quant vs float";
    case QS_FIGURE_MAX_ABS: return "max |fake-quant − float|";
    case QS_FIGURE_COSINE: return "cosine, fake-quant vs float";
    case QS_FIGURE_CLIP: return "share clipped by the next FakeQuantize";
    case QS_FIGURE_LSB_RUN: return "int8 vs fake-quant, whole run (LSB)";
    case QS_FIGURE_LSB_RUN_MEAN: return "int8 vs fake-quant, whole run, mean (LSB)";
    case QS_FIGURE_EQUAL_RUN: return "int8 equal to fake-quant, whole run";
    case QS_FIGURE_LSB_LOCAL: return "int8 vs fake-quant, per layer (LSB)";
    case QS_FIGURE_EQUAL_LOCAL: return "int8 equal to fake-quant, per layer";
    case QS_N_FIGURES:
    default: return "?";
    }
}

/* --samples: the chart of one figure per sample, SAMPLES_W × SAMPLES_H
 * layout units. */
#define SAMPLES_W 720.0
#define SAMPLES_H 240.0

typedef struct
{
  QsSamplesChart chart;
  double         scale;
} SamplesFrame;

static void
paint_samples_frame (cairo_t       *cr,
                     gconstpointer  data)
{
  const SamplesFrame *frame = data;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_save (cr);
  cairo_translate (cr, MARGIN, MARGIN);
  cairo_scale (cr, frame->scale, frame->scale);
  qs_paint_samples (cr, &frame->chart.paint, SAMPLES_W, SAMPLES_H);
  cairo_restore (cr);
}

typedef void (*PaintFunc) (cairo_t *cr, gconstpointer data);

/* Draws a @width × @height PNG or SVG into @bytes. */
static gboolean
draw_image (gboolean       svg,
            double         width,
            double         height,
            PaintFunc      paint,
            gconstpointer  data,
            GByteArray    *bytes,
            GError       **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;

  if (svg)
    {
      cairo_t *cr;

      surface = cairo_svg_surface_create_for_stream (qs_paint_append_bytes, bytes, width, height);
      cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_1);
      cr = cairo_create (surface);
      paint (cr, data);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
      cairo_surface_destroy (surface);
      if (status != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("cannot draw the SVG: %s"), cairo_status_to_string (status));
          return FALSE;
        }
      return TRUE;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    {
      cairo_t *cr = cairo_create (surface);

      paint (cr, data);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      status = cairo_surface_write_to_png_stream (surface, qs_paint_append_bytes, bytes);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("cannot draw the PNG: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
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

/* --samples: the chart instead of the graph. */
static int
render_samples (const QsAnalysisResult *result,
                QsFigure                figure,
                gboolean                svg,
                double                  scale,
                const char             *out_path,
                QsCliRunOptions        *run)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  SamplesFrame frame = { .scale = scale };
  double width = 2 * MARGIN + ceil (SAMPLES_W * scale), height = 2 * MARGIN + ceil (SAMPLES_H * scale);
  gboolean ok;

  if (width > MAX_SIDE_PIXELS || height > MAX_SIDE_PIXELS || width * height > MAX_PIXELS)
    {
      g_set_error (&error, QS_PAINT_ERROR, QS_PAINT_ERROR_EMPTY,
                   _("the image would be %.0f×%.0f pixels, past the limit of %.0f per side and %.0f megapixels"),
                   width, height, MAX_SIDE_PIXELS, MAX_PIXELS / 1e6);
      return qs_cli_fail (error);
    }
  qs_samples_chart_init (&frame.chart, result, figure);
  if (frame.chart.paint.n_series == 0)
    {
      qs_samples_chart_clear (&frame.chart);
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("--samples needs the float run and a fake-quant or int8 run to compare it with"));
      return qs_cli_fail (error);
    }
  ok = draw_image (svg, width, height, paint_samples_frame, &frame, bytes, &error);
  qs_samples_chart_clear (&frame.chart);
  if (!ok || !qs_cli_write_file (out_path, (const char *) bytes->data, bytes->len, &error))
    return qs_cli_fail (error);
  return QS_CLI_EXIT_OK;
}

int
qs_cli_render (int    argc,
               char **argv)
{
  g_autofree char *out_path = NULL, *around_name = NULL, *metric_name = NULL, *detail_text = NULL;
  g_autofree char *tiles_dir = NULL, *index_html = NULL;
  gboolean fit = FALSE;
  g_autofree char *results_path = NULL, *aggregate_text = NULL, *ranking_path = NULL, *ranking_measure = NULL;
  g_auto(QsCliRunOptions) run = { 0 };
  gboolean transformed = FALSE, legend = FALSE, edge_labels = FALSE, samples = FALSE;
  int depth = 2, collapse = 0;
  double scale = 1.0;
  gboolean by_precision = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, N_("write the image here (.png or .svg)"), "FILE" },
    { "fit", 0, 0, G_OPTION_ARG_NONE, &fit,
      N_("a PNG past cairo's limit of 32767 pixels a side is drawn smaller to fit, without text too small to read (the default)"), NULL },
    { "tiles", 0, 0, G_OPTION_ARG_FILENAME, &tiles_dir,
      N_("instead of one image, write PNG tiles at full detail and an index.html that lays them out into this folder"), "DIR" },
    { "transformed", 't', 0, G_OPTION_ARG_NONE, &transformed, N_("draw the graph after the low-precision transformation"), NULL },
    { "around", 0, 0, G_OPTION_ARG_STRING, &around_name, N_("draw only the layers near this one (name or id)"), "LAYER" },
    { "depth", 0, 0, G_OPTION_ARG_INT, &depth, N_("with --around: how many edges away (default 2)"), "N" },
    { "collapse", 0, 0, G_OPTION_ARG_INT, &collapse,
      N_("draw each module group of this level as one box (1: the top-level groups the window opens a big graph with; 0: none, the default)"), "LEVEL" },
    { "color-by", 0, 0, G_OPTION_ARG_STRING, &metric_name,
      N_("colour layers by precision (int8, codes, fp32, folded) or by sqnr, nmse, mse, max-abs, cosine, clip, lsb, equal, lsb-run, lsb-run-mean or equal-run"), "FIGURE" },
    { "aggregate", 0, 0, G_OPTION_ARG_STRING, &aggregate_text, N_("with --color-by over a data set: mean or worst (default mean)"), "HOW" },
    { "results", 'r', 0, G_OPTION_ARG_FILENAME, &results_path, N_("with --color-by: the figures of a results file (dump --format json) instead of a run"), "RUN.json" },
    { "sensitivity", 0, 0, G_OPTION_ARG_FILENAME, &ranking_path,
      N_("colour by a ranking (sensitivity --format json): each quantizer group and the layers it feeds"), "RANK.json" },
    { "sensitivity-measure", 0, 0, G_OPTION_ARG_STRING, &ranking_measure,
      N_("with --sensitivity: revert (the gain, default) or alone (the SQNR)"), "WHAT" },
    { "samples", 0, 0, G_OPTION_ARG_NONE, &samples,
      N_("draw the figure of the outputs per sample (sqnr, nmse, mse, max-abs or cosine; default sqnr) instead of the graph"), NULL },
    { "scale", 's', 0, G_OPTION_ARG_DOUBLE, &scale, N_("pixels per layout unit (default 1)"), "S" },
    { "legend", 'l', 0, G_OPTION_ARG_NONE, &legend, N_("add a legend"), NULL },
    { "edge-labels", 0, 0, G_OPTION_ARG_NONE, &edge_labels, N_("label edges with element type and shape"), NULL },
    { "detail", 0, 0, G_OPTION_ARG_STRING, &detail_text, N_("auto, full, type or overview (default auto: from the scale)"), "DETAIL" },
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
  g_autoptr(QsAnalysisResult) result = NULL;
  g_autofree char *value_label = NULL;
  QsPaintExport export;
  QsPaintExportInfo drawn;
  gboolean svg;
  QsFigure figure = QS_FIGURE_SQNR;
  QsAggregate aggregate = QS_AGGREGATE_MEAN;
  gboolean colour = FALSE;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  qs_cli_run_options_add (&run, context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return qs_cli_fail (error);
  if (argc != 2)
    return qs_cli_usage (context, _("give exactly one MODEL.xml"));
  if (tiles_dir != NULL && (out_path != NULL || fit || samples))
    return qs_cli_usage (NULL, _("--tiles writes a folder of PNG tiles: no -o, --fit or --samples"));
  if (out_path == NULL && tiles_dir == NULL)
    return qs_cli_usage (NULL, _("give the output file with -o OUT.png or -o OUT.svg"));
  svg = out_path != NULL && (g_str_has_suffix (out_path, ".svg") || g_str_has_suffix (out_path, ".SVG"));
  if (out_path != NULL && !svg && !g_str_has_suffix (out_path, ".png") && !g_str_has_suffix (out_path, ".PNG"))
    return qs_cli_usage (NULL, _("the output file must end in .png or .svg"));
  if (fit && svg)
    return qs_cli_usage (NULL, _("--fit is for a PNG: an SVG has no size limit"));
  if (!(scale > 0.001 && scale <= 64))
    return qs_cli_usage (NULL, _("--scale must be between 0.001 and 64"));
  if (depth < 0)
    return qs_cli_usage (NULL, _("--depth must not be negative"));
  qs_paint_options_init (&options);
  qs_paint_export_init (&export);
  if (detail_text != NULL)
    {
      if (strcmp (detail_text, "full") == 0)
        options.detail = QS_PAINT_DETAIL_FULL;
      else if (strcmp (detail_text, "overview") == 0)
        options.detail = QS_PAINT_DETAIL_OVERVIEW;
      else if (strcmp (detail_text, "type") == 0)
        options.detail = QS_PAINT_DETAIL_TYPE;
      else if (strcmp (detail_text, "auto") != 0)
        return qs_cli_usage (NULL, _("--detail is auto, full, type or overview"));
    }
  if (collapse < 0)
    return qs_cli_usage (NULL, _("--collapse must not be negative"));
  if (collapse > 0 && around_name != NULL)
    return qs_cli_usage (NULL, _("--collapse draws the whole graph: not with --around"));
  if (g_strcmp0 (metric_name, "precision") == 0)
    {
      by_precision = TRUE;
      options.colour_precision = TRUE;
      g_clear_pointer (&metric_name, g_free);
      if (samples)
        return qs_cli_usage (NULL, _("--samples draws a figure of the outputs, not precision"));
    }
  if (metric_name != NULL)
    {
      if (!qs_figure_parse (metric_name, &figure))
        return qs_cli_usage (NULL, _("--color-by is precision, sqnr, nmse, mse, max-abs, cosine, clip, lsb, equal, lsb-run, lsb-run-mean or equal-run"));
      colour = TRUE;
    }
  if (aggregate_text != NULL)
    {
      if (strcmp (aggregate_text, "worst") == 0)
        aggregate = QS_AGGREGATE_WORST;
      else if (strcmp (aggregate_text, "mean") != 0)
        return qs_cli_usage (NULL, _("--aggregate is mean or worst"));
    }
  if (samples)
    {
      if (!colour)
        figure = QS_FIGURE_SQNR;
      else if (figure > QS_FIGURE_COSINE)
        return qs_cli_usage (NULL, _("--samples draws sqnr, nmse, mse, max-abs or cosine of the outputs"));
      if (transformed || around_name != NULL || legend || edge_labels || detail_text != NULL || aggregate_text != NULL)
        return qs_cli_usage (NULL, _("--samples draws a chart, not the graph: --transformed, --around, --legend, --edge-labels, --detail and --aggregate do not apply"));
      colour = TRUE;
    }
  if (ranking_measure != NULL && (ranking_path == NULL ||
                                  (strcmp (ranking_measure, "revert") != 0 && strcmp (ranking_measure, "alone") != 0)))
    return qs_cli_usage (NULL, _("--sensitivity-measure is revert or alone, with --sensitivity"));
  if (ranking_path != NULL && (colour || by_precision || results_path != NULL || qs_cli_run_options_given (&run)))
    return qs_cli_usage (NULL, _("--sensitivity colours the graph by itself: no --color-by, --samples, --results or run"));
  if (!colour && (qs_cli_run_options_given (&run) || results_path != NULL || aggregate_text != NULL))
    return qs_cli_usage (NULL, _("--input, --dataset, --results and the other run options only make sense with --color-by or --samples"));
  if (results_path != NULL && qs_cli_run_options_given (&run))
    return qs_cli_usage (NULL, _("give --results or a run (--input, --dataset), not both"));

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
  if (collapse > 0)
    qs_paint_scene_collapse_level (scene, collapse);
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

  if (colour)
    {
      const QsFigureInfo *info = qs_figure_get_info (figure);

      if (results_path != NULL)
        result = qs_analysis_result_load (results_path, model, &error);
      else
        {
          g_autoptr(QsDataset) dataset = NULL;
          QsAnalysisOptions analysis;
          guint modes = figure >= QS_FIGURE_LSB_RUN || samples ? QS_ANALYSIS_ALL
                        : figure == QS_FIGURE_CLIP ? QS_ANALYSIS_FLOAT : QS_ANALYSIS_FLOAT | QS_ANALYSIS_FQ;

          if (qs_cli_analysis_options (&run, modes, &analysis, &error) &&
              (dataset = qs_cli_make_dataset (model, &run, "random", &error)) != NULL)
            result = qs_cli_run_analysis ("render", model, dataset, &analysis, &error);
        }
      if (result == NULL)
        return qs_cli_fail (error);
      if (figure >= QS_FIGURE_LSB_RUN && result->int8_error != NULL && results_path == NULL)
        {
          g_set_error (&error, QS_EXEC_ERROR, QS_EXEC_ERROR_NEEDS_LPT, _("--color-by %s needs the int8 run: %s"),
                       metric_name, result->int8_error);
          return qs_cli_fail (error);
        }
      if (samples)
        return render_samples (result, figure, svg, scale, out_path, &run);
      /* per original layer; on the transformed graph a layer takes its origin's */
      node_values = qs_analysis_result_node_values (result, model->graph, figure, aggregate);
      box_values = qs_paint_scene_map_values_full (scene, model->graph, node_values, info->higher_is_better);
      options.values = box_values;
      if (result->n_samples > 1)
        value_label = g_strdup_printf ("%s, %s of %u samples", figure_label (figure),
                                       aggregate == QS_AGGREGATE_WORST ? "worst" : "mean", result->n_samples);
      else
        value_label = g_strdup (figure_label (figure));
      options.value_label = value_label;
      options.higher_is_better = info->higher_is_better;
    }
  if (ranking_path != NULL)
    {
      g_autoptr(QsSensitivityRanking) ranking = qs_sensitivity_ranking_load (ranking_path, model, &error);
      gboolean alone = g_strcmp0 (ranking_measure, "alone") == 0;

      if (ranking == NULL)
        return qs_cli_fail (error);
      node_values = qs_sensitivity_ranking_node_values (ranking, model->graph, alone);
      box_values = qs_paint_scene_map_values_full (scene, model->graph, node_values, alone);
      options.values = box_values;
      value_label = g_strdup_printf (alone ? _("SQNR with only its group quantized (dB), %u groups")
                                           : _("revert gain of its quantizer group (dB), %u groups"), ranking->n_groups);
      options.value_label = value_label;
      /* a large gain marks a costly quantizer */
      options.higher_is_better = alone;
    }
  options.edge_labels = edge_labels;

  export.options = &options;
  export.scale = scale;
  export.legend = legend;

  if (svg && qs_paint_scene_get_n_boxes (scene) > MAX_SVG_BOXES)
    {
      g_set_error (&error, QS_PAINT_ERROR, QS_PAINT_ERROR_TOO_BIG,
                   _("the drawing has %u layers, past the SVG limit of %u; use --around or a PNG"),
                   qs_paint_scene_get_n_boxes (scene), MAX_SVG_BOXES);
      return qs_cli_fail (error);
    }
  if (tiles_dir != NULL)
    {
      if (!qs_paint_export_tiles (scene, &export, tiles_dir, &drawn, &error))
        return qs_cli_fail (error);
      /* notes go to standard error, as the other commands' do */
      g_printerr ("qscope-cli render: ");
      g_printerr (_("%s: %u×%u tiles of at most %u pixels, %.0f×%.0f pixels in all at scale %g; open %s\n"),
               tiles_dir, drawn.columns, drawn.rows, QS_PAINT_EXPORT_TILE_SIDE, drawn.width, drawn.height, drawn.scale,
               index_html = g_build_filename (tiles_dir, "index.html", NULL));
      return QS_CLI_EXIT_OK;
    }
  if (svg ? !qs_paint_export_svg (scene, &export, bytes, &drawn, &error)
          : !qs_paint_export_png (scene, &export, TRUE, bytes, &drawn, &error))
    return qs_cli_fail (error);
  if (!qs_cli_write_file (out_path, (const char *) bytes->data, bytes->len, &error))
    return qs_cli_fail (error);
  if (drawn.fitted)
    {
      double full_w, full_h;

      qs_paint_export_get_size (scene, &export, scale, &full_w, &full_h);
      /* the default for a graph past the limit: say what was drawn */
      g_printerr ("qscope-cli render: ");
      g_printerr (_("%s: %.0f×%.0f pixels at scale %.3g, fitted to the image limit of %.0f pixels a side and %.0f megapixels (%.0f×%.0f at scale %g); %s\n"),
               out_path, drawn.width, drawn.height, drawn.scale, QS_PAINT_EXPORT_MAX_SIDE,
               QS_PAINT_EXPORT_MAX_PIXELS / 1e6, full_w, full_h, scale,
               drawn.detail == QS_PAINT_DETAIL_OVERVIEW
               ? _("boxes are drawn by class colour without text, which would be too small to read; --tiles DIR keeps every label")
               : drawn.detail == QS_PAINT_DETAIL_TYPE
               ? _("boxes show their type alone, the other text would be too small to read; --tiles DIR keeps every label")
               : _("with every label; --tiles DIR keeps the full scale"));
    }
  return QS_CLI_EXIT_OK;
}
