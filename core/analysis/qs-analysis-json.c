/* qs-analysis-json.c — results files: the capture as JSON, and CSV
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A results file holds everything a front end shows, so the window can
 * open one without running the model again.  Keys are stable (README,
 * "Results files"); the reader accepts only what the writer writes and
 * refuses a file that names another model.  Numbers: NaN is null, an
 * infinite SQNR ±999 (as dump always wrote it), another infinity ±1.8e308.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "qs-analysis.h"
#include "qs-analysis-private.h"
#include "qs-exec.h"
#include "qs-json-writer.h"

#define FORMAT_NAME "qscope-results"
#define FORMAT_VERSION 1

/* the reader's limits: a results file is data from anywhere */
#define MAX_FILE_BYTES (G_GINT64_CONSTANT (2) << 30)
#define MAX_ROWS       20000000u

static const char *const mode_keys[QS_ANALYSIS_N_MODES] = { "float", "fq", "int8" };

/* ---- writing ---- */

/* What a figure is written as: FALSE for null (NaN), else TRUE with the
 * finite number that stands for it (an infinite ratio in dB as ±999, any
 * other infinity as ±DBL_MAX). */
static gboolean
json_figure (double    v,
             gboolean  db,
             double   *out)
{
  if (isnan (v))
    return FALSE;
  if (isinf (v))
    *out = db ? (v > 0 ? 999.0 : -999.0) : (v > 0 ? DBL_MAX : -DBL_MAX);
  else
    *out = v;
  return TRUE;
}

static void
add_number (JsonBuilder *b,
            double       v,
            gboolean     db)
{
  double f;

  if (json_figure (v, db, &f))
    json_builder_add_double_value (b, f);
  else
    json_builder_add_null_value (b);
}

void
_qs_json_member_number (JsonBuilder *b,
                        const char  *key,
                        double       v,
                        gboolean     db)
{
  json_builder_set_member_name (b, key);
  add_number (b, v, db);
}

/* The results file is written as it is made (qs-json-writer.c): the same
 * text a JsonBuilder tree and JsonGenerator give. */
static void
number (QsJsonWriter *b,
        double        v,
        gboolean      db)
{
  double f;

  if (json_figure (v, db, &f))
    qs_json_writer_add_double_value (b, f);
  else
    qs_json_writer_add_null_value (b);
}

static void
member_number (QsJsonWriter *b,
               const char   *key,
               double        v,
               gboolean      db)
{
  qs_json_writer_set_member_name (b, key);
  number (b, v, db);
}

static void
member_int (QsJsonWriter *b,
            const char  *key,
            gint64       v)
{
  qs_json_writer_set_member_name (b, key);
  qs_json_writer_add_int_value (b, v);
}

static void
member_string (QsJsonWriter *b,
               const char  *key,
               const char  *v)
{
  qs_json_writer_set_member_name (b, key);
  if (v != NULL)
    qs_json_writer_add_string_value (b, v);
  else
    qs_json_writer_add_null_value (b);
}

static void
add_figure_value (QsJsonWriter        *b,
                  const char          *key,
                  const QsFigureValue *v,
                  gboolean             db)
{
  qs_json_writer_set_member_name (b, key);
  qs_json_writer_begin_object (b);
  member_number (b, "mean", v->mean, db);
  member_number (b, "min", v->min, db);
  member_number (b, "max", v->max, db);
  member_int (b, "worst_sample", v->worst_sample);
  member_int (b, "best_sample", v->best_sample);
  member_number (b, "pooled", v->pooled, db);
  member_int (b, "samples", v->n);
  member_int (b, "infinite", v->n_infinite);
  qs_json_writer_end_object (b);
}

static char *
range_text (double lo,
            double hi)
{
  if (lo == hi)
    return g_strdup_printf ("%.6g", lo);
  return g_strdup_printf ("%.6g..%.6g", lo, hi);
}

static int
bin_of (const QsAnalysisRow *row,
        double               v)
{
  double w = (double) row->bins.hi - row->bins.lo;
  double b;

  if (!(w > 0) || isnan (v))
    return 0;
  /* clamped as a double: a value far outside (or a range read from a
   * file) must not overflow the conversion */
  b = floor ((v - row->bins.lo) / w * QS_STATS_BINS);
  if (!(b >= 0))
    return 0;
  return b >= QS_STATS_BINS - 1 ? QS_STATS_BINS - 1 : (int) b;
}

static void
add_mode_stats (QsJsonWriter        *b,
                const QsAnalysisRow *row,
                const QsModeStats   *s)
{
  guint i;

  qs_json_writer_begin_object (b);
  member_number (b, "min", s->min, FALSE);
  member_number (b, "max", s->max, FALSE);
  member_number (b, "mean", s->mean, FALSE);
  member_number (b, "std", s->std, FALSE);
  member_int (b, "min_sample", s->min_sample);
  member_int (b, "max_sample", s->max_sample);
  member_int (b, "count", (gint64) s->n);
  member_int (b, "non_finite", (gint64) s->n_nonfinite);
  qs_json_writer_set_member_name (b, "histogram");
  qs_json_writer_begin_array (b);
  for (i = 0; i < QS_STATS_BINS; i++)
    qs_json_writer_add_int_value (b, (gint64) s->histogram[i]);
  qs_json_writer_end_array (b);
  member_int (b, "below", (gint64) s->below);
  member_int (b, "above", (gint64) s->above);
  if (s->has_fq)
    {
      qs_json_writer_set_member_name (b, "fq_bins");
      qs_json_writer_begin_array (b);
      qs_json_writer_add_int_value (b, bin_of (row, row->fq_range.in_low));
      qs_json_writer_add_int_value (b, bin_of (row, row->fq_range.in_high));
      qs_json_writer_end_array (b);
      member_number (b, "fq_clipped", s->clipped, FALSE);
      add_figure_value (b, "fq_clipped_per_sample", &s->clipped_per_sample, FALSE);
      member_int (b, "fq_levels_used", s->levels_used);
    }
  qs_json_writer_end_object (b);
}

static void
add_row (QsJsonWriter        *b,
         const QsAnalysisRow *row)
{
  static const QsFigure fq_figures[] = { QS_FIGURE_SQNR, QS_FIGURE_NMSE, QS_FIGURE_MSE, QS_FIGURE_MAX_ABS, QS_FIGURE_COSINE };
  static const char *const fq_keys[] = { "sqnr_db", "nmse", "mse", "max_abs", "cosine" };
  static const QsFigure int8_figures[] = { QS_FIGURE_LSB_RUN, QS_FIGURE_LSB_RUN_MEAN, QS_FIGURE_EQUAL_RUN,
                                           QS_FIGURE_LSB_LOCAL, QS_FIGURE_EQUAL_LOCAL };
  static const char *const int8_keys[] = { "max_lsb", "mean_lsb", "share_equal", "local_max_lsb", "local_share_equal" };
  guint m, i;

  qs_json_writer_begin_object (b);
  member_int (b, "id", (gint64) row->id);
  member_string (b, "name", row->name);
  member_string (b, "type", row->type);
  member_string (b, "version", row->version);
  member_string (b, "shape", row->shape);
  member_string (b, "precision", qs_element_type_name (row->element_type));
  if (row->port > 0)
    member_int (b, "port", row->port);
  if (row->constant)
    {
      qs_json_writer_set_member_name (b, "constant");
      qs_json_writer_add_boolean_value (b, TRUE);
    }
  if (row->has_fq)
    {
      g_autofree char *scale = range_text (row->fq_scale_min, row->fq_scale_max);
      g_autofree char *zp = range_text (row->fq_zp_min, row->fq_zp_max);

      qs_json_writer_set_member_name (b, "fake_quantize");
      qs_json_writer_begin_object (b);
      member_int (b, "levels", row->fq_levels);
      member_string (b, "scale", scale);
      member_string (b, "zero_point", zp);
      member_number (b, "scale_min", row->fq_scale_min, FALSE);
      member_number (b, "scale_max", row->fq_scale_max, FALSE);
      member_number (b, "zero_point_min", row->fq_zp_min, FALSE);
      member_number (b, "zero_point_max", row->fq_zp_max, FALSE);
      member_number (b, "in_low", row->fq_range.in_low, FALSE);
      member_number (b, "in_high", row->fq_range.in_high, FALSE);
      qs_json_writer_end_object (b);
    }
  qs_json_writer_set_member_name (b, "histogram_bins");
  qs_json_writer_begin_object (b);
  member_number (b, "lo", row->bins.lo, FALSE);
  member_number (b, "hi", row->bins.hi, FALSE);
  member_int (b, "count", QS_STATS_BINS);
  member_string (b, "from", qs_bins_from_name (row->bins_from));
  qs_json_writer_end_object (b);
  for (m = 0; m < QS_ANALYSIS_N_MODES; m++)
    if (row->stats[m].has)
      {
        qs_json_writer_set_member_name (b, mode_keys[m]);
        add_mode_stats (b, row, &row->stats[m]);
      }
  if (row->figures[QS_FIGURE_SQNR].has)
    {
      qs_json_writer_set_member_name (b, "fq_vs_float");
      qs_json_writer_begin_object (b);
      for (i = 0; i < G_N_ELEMENTS (fq_figures); i++)
        add_figure_value (b, fq_keys[i], &row->figures[fq_figures[i]], fq_figures[i] == QS_FIGURE_SQNR);
      qs_json_writer_end_object (b);
    }
  if (row->figures[QS_FIGURE_LSB_RUN].has)
    {
      qs_json_writer_set_member_name (b, "int8_vs_fq");
      qs_json_writer_begin_object (b);
      member_string (b, "int8_layer", row->int8_layer);
      for (i = 0; i < G_N_ELEMENTS (int8_figures); i++)
        add_figure_value (b, int8_keys[i], &row->figures[int8_figures[i]], FALSE);
      if (row->int8_grid != QS_LPT_GRID_OWN || row->int8_grid_from != NULL)
        {
          g_autofree char *note = qs_analysis_row_grid_note (row);

          qs_json_writer_set_member_name (b, "grid");
          qs_json_writer_begin_object (b);
          member_string (b, "mark", qs_lpt_grid_mark_name (row->int8_grid));
          member_string (b, "cause", row->int8_grid_cause);
          member_string (b, "from_aligned", row->int8_grid_from);
          if (row->int8_grid == QS_LPT_GRID_ALIGNED)
            {
              member_number (b, "low", row->int8_grid_low, FALSE);
              member_number (b, "high", row->int8_grid_high, FALSE);
              member_number (b, "step", row->int8_grid_step, FALSE);
              member_number (b, "own_step", row->int8_grid_own_step, FALSE);
            }
          member_string (b, "note", note);
          qs_json_writer_end_object (b);
        }
      qs_json_writer_end_object (b);
    }
  qs_json_writer_end_object (b);
}

static void
add_error_object (QsJsonWriter        *b,
                  const char          *key,
                  const QsOutputError *o)
{
  QsTensorError e;

  qs_tensor_error_from_sums (&o->sums, &e);
  qs_json_writer_set_member_name (b, key);
  qs_json_writer_begin_object (b);
  member_number (b, "sqnr_db", e.sqnr_db, TRUE);
  member_number (b, "nmse", e.nmse, FALSE);
  member_number (b, "mse", e.mse, FALSE);
  member_number (b, "max_abs", e.max_abs, FALSE);
  member_number (b, "cosine", e.cosine, FALSE);
  qs_json_writer_set_member_name (b, "sums");
  qs_json_writer_begin_object (b);
  member_int (b, "n", (gint64) o->sums.n);
  member_int (b, "non_finite", (gint64) o->sums.n_nonfinite);
  member_number (b, "xx", o->sums.xx, FALSE);
  member_number (b, "yy", o->sums.yy, FALSE);
  member_number (b, "xy", o->sums.xy, FALSE);
  member_number (b, "dd", o->sums.dd, FALSE);
  member_number (b, "max_abs", o->sums.max_abs, FALSE);
  qs_json_writer_end_object (b);
  qs_json_writer_end_object (b);
}

static void
add_output_figures (QsJsonWriter           *b,
                    const QsAnalysisResult *r,
                    int                     output,
                    QsCompare               compare)
{
  static const QsFigure figures[] = { QS_FIGURE_SQNR, QS_FIGURE_NMSE, QS_FIGURE_MSE, QS_FIGURE_MAX_ABS, QS_FIGURE_COSINE };
  static const char *const keys[] = { "sqnr_db", "nmse", "mse", "max_abs", "cosine" };
  QsFigureValue v;
  guint i;

  qs_analysis_output_figure (r, output, compare, QS_FIGURE_SQNR, &v);
  if (!v.has)
    return;
  qs_json_writer_set_member_name (b, qs_compare_key (compare));
  qs_json_writer_begin_object (b);
  for (i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      qs_analysis_output_figure (r, output, compare, figures[i], &v);
      add_figure_value (b, keys[i], &v, figures[i] == QS_FIGURE_SQNR);
    }
  qs_json_writer_end_object (b);
}

char *
qs_analysis_result_to_json (const QsAnalysisResult *r)
{
  QsJsonWriter *b = qs_json_writer_new ();
  guint i, m, c;
  int o;

  qs_json_writer_begin_object (b);
  member_string (b, "format", FORMAT_NAME);
  member_int (b, "format_version", FORMAT_VERSION);
  member_string (b, "model", r->model_path);
  member_string (b, "model_sha256", r->model_sha256);
  qs_json_writer_set_member_name (b, "modes");
  qs_json_writer_begin_array (b);
  for (m = 0; m < QS_ANALYSIS_N_MODES; m++)
    if (r->modes & (1u << m))
      qs_json_writer_add_string_value (b, mode_keys[m]);
  qs_json_writer_end_array (b);
  member_int (b, "samples", r->n_samples);
  member_int (b, "skipped", r->n_skipped);
  qs_json_writer_set_member_name (b, "inputs");
  if (r->inputs != NULL)
    qs_json_writer_add_value (b, r->inputs);
  else
    {
      qs_json_writer_begin_array (b);
      qs_json_writer_end_array (b);
    }
  if (r->int8_error != NULL)
    member_string (b, "int8_error", r->int8_error);
  qs_json_writer_set_member_name (b, "warnings");
  qs_json_writer_begin_array (b);
  for (i = 0; i < r->warnings->len; i++)
    qs_json_writer_add_string_value (b, g_ptr_array_index (r->warnings, i));
  qs_json_writer_end_array (b);

  qs_json_writer_set_member_name (b, "layers");
  qs_json_writer_begin_array (b);
  for (i = 0; i < r->n_rows; i++)
    add_row (b, &r->rows[i]);
  qs_json_writer_end_array (b);
  if (r->n_int8_rows > 0)
    {
      qs_json_writer_set_member_name (b, "int8_layers");
      qs_json_writer_begin_array (b);
      for (i = 0; i < r->n_int8_rows; i++)
        add_row (b, &r->int8_rows[i]);
      qs_json_writer_end_array (b);
    }

  qs_json_writer_set_member_name (b, "outputs");
  qs_json_writer_begin_array (b);
  for (o = -1; o < (int) r->n_outputs; o++)
    {
      qs_json_writer_begin_object (b);
      member_string (b, "name", o < 0 ? "(combined)" : r->output_names[o]);
      for (c = 0; c < QS_N_COMPARES; c++)
        add_output_figures (b, r, o, c);
      qs_json_writer_end_object (b);
    }
  qs_json_writer_end_array (b);

  qs_json_writer_set_member_name (b, "per_sample");
  qs_json_writer_begin_array (b);
  for (i = 0; i < r->n_sample_records; i++)
    {
      const QsAnalysisSample *s = &r->samples[i];

      qs_json_writer_begin_object (b);
      member_int (b, "index", s->index);
      member_string (b, "name", s->name);
      qs_json_writer_set_member_name (b, "skipped");
      qs_json_writer_add_boolean_value (b, s->skipped);
      if (s->error != NULL)
        member_string (b, "error", s->error);
      member_number (b, "seconds", s->seconds, FALSE);
      qs_json_writer_set_member_name (b, "outputs");
      qs_json_writer_begin_array (b);
      for (o = 0; o < (int) r->n_outputs && !s->skipped; o++)
        {
          qs_json_writer_begin_object (b);
          member_string (b, "name", r->output_names[o]);
          for (c = 0; c < QS_N_COMPARES; c++)
            if (s->outputs[o * QS_N_COMPARES + c].has)
              add_error_object (b, qs_compare_key (c), &s->outputs[o * QS_N_COMPARES + c]);
          qs_json_writer_end_object (b);
        }
      qs_json_writer_end_array (b);
      qs_json_writer_end_object (b);
    }
  qs_json_writer_end_array (b);

  qs_json_writer_set_member_name (b, "seconds");
  qs_json_writer_begin_object (b);
  for (m = 0; m < QS_ANALYSIS_N_MODES; m++)
    if (r->modes & (1u << m))
      member_number (b, mode_keys[m], r->seconds[m], FALSE);
  member_number (b, "total", r->total_seconds, FALSE);
  qs_json_writer_end_object (b);
  qs_json_writer_end_object (b);

  return qs_json_writer_free_to_text (b);
}

gboolean
_qs_sample_failed (QsDataset    *dataset,
                   guint         sample,
                   QsOnError     on_error,
                   GCancellable *cancellable,
                   GError      **local,
                   GPtrArray    *warnings,
                   GError      **first_error,
                   GError      **error)
{
  g_autofree char *name = qs_dataset_sample_name (dataset, sample);
  gboolean cancelled = g_error_matches (*local, QS_EXEC_ERROR, QS_EXEC_ERROR_CANCELLED);

  if (cancelled || g_cancellable_is_cancelled (cancellable) || on_error == QS_ON_ERROR_FAIL)
    {
      if (!cancelled && qs_dataset_get_n_samples (dataset) > 1)
        g_prefix_error (local, "sample %u (%s): ", sample + 1, name);
      g_propagate_error (error, g_steal_pointer (local));
      return TRUE;
    }
  g_ptr_array_add (warnings, g_strdup_printf ("sample %u (%s) skipped: %s", sample + 1, name, (*local)->message));
  if (*first_error == NULL)
    *first_error = g_steal_pointer (local);
  else
    g_clear_error (local);
  return FALSE;
}

void
_qs_error_one_line (GError *error)
{
  char *c;

  for (c = error->message; *c != '\0'; c++)
    if (*c == '\n' || *c == '\r' || *c == '\t')
      *c = ' ';
}

char *
_qs_json_builder_to_text (JsonBuilder *b)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

/* ---- CSV ---- */

void
_qs_csv_field (GString    *s,
               const char *text)
{
  guint i;

  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\n\r") == NULL)
    {
      g_string_append (s, text);
      return;
    }
  g_string_append_c (s, '"');
  for (i = 0; text[i]; i++)
    {
      if (text[i] == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, text[i]);
    }
  g_string_append_c (s, '"');
}

void
_qs_csv_number (GString *s,
                double   v,
                int      digits)
{
  g_string_append_c (s, ',');
  if (!isnan (v))
    g_string_append_printf (s, "%.*g", digits, v);
}

static void
csv_rows (GString             *s,
          const QsAnalysisRow *rows,
          guint                n_rows,
          guint                modes,
          gboolean             with_fq_figures,
          gboolean             with_int8)
{
  static const QsFigure fq_figures[] = { QS_FIGURE_SQNR, QS_FIGURE_NMSE, QS_FIGURE_MSE, QS_FIGURE_MAX_ABS, QS_FIGURE_COSINE };
  static const QsFigure int8_figures[] = { QS_FIGURE_LSB_RUN, QS_FIGURE_LSB_RUN_MEAN, QS_FIGURE_EQUAL_RUN,
                                           QS_FIGURE_LSB_LOCAL, QS_FIGURE_EQUAL_LOCAL };
  guint i, m, f;

  g_string_append (s, "id,name,type,shape,precision,fq_levels,fq_scale,fq_zero_point");
  for (m = 0; m < QS_ANALYSIS_N_MODES; m++)
    if (modes & (1u << m))
      {
        const char *k = mode_keys[m];

        g_string_append_printf (s, ",%s_min,%s_max,%s_mean,%s_std,%s_fq_clipped,%s_fq_levels_used", k, k, k, k, k, k);
      }
  for (f = 0; with_fq_figures && f < G_N_ELEMENTS (fq_figures); f++)
    {
      const char *k = qs_figure_get_info (fq_figures[f])->csv;

      g_string_append_printf (s, ",%s_mean,%s_worst,%s_worst_sample", k, k, k);
    }
  for (f = 0; with_int8 && f < G_N_ELEMENTS (int8_figures); f++)
    {
      const char *k = qs_figure_get_info (int8_figures[f])->csv;

      g_string_append_printf (s, ",%s_mean,%s_worst,%s_worst_sample", k, k, k);
    }
  if (with_int8)
    g_string_append (s, ",int8_grid,int8_grid_note");
  g_string_append_c (s, '\n');

  for (i = 0; i < n_rows; i++)
    {
      const QsAnalysisRow *row = &rows[i];

      g_string_append_printf (s, "%" G_GUINT64_FORMAT ",", row->id);
      _qs_csv_field (s, row->name);
      g_string_append_c (s, ',');
      _qs_csv_field (s, row->type);
      g_string_append_c (s, ',');
      _qs_csv_field (s, row->shape);
      g_string_append_printf (s, ",%s,", qs_element_type_name (row->element_type));
      if (row->has_fq)
        {
          g_autofree char *scale = range_text (row->fq_scale_min, row->fq_scale_max);
          g_autofree char *zp = range_text (row->fq_zp_min, row->fq_zp_max);

          g_string_append_printf (s, "%u,%s,%s", row->fq_levels, scale, zp);
        }
      else
        g_string_append (s, ",,");
      for (m = 0; m < QS_ANALYSIS_N_MODES; m++)
        if (modes & (1u << m))
          {
            const QsModeStats *st = &row->stats[m];

            if (!st->has)
              {
                g_string_append (s, ",,,,,,");
                continue;
              }
            _qs_csv_number (s, st->min, 6);
            _qs_csv_number (s, st->max, 6);
            _qs_csv_number (s, st->mean, 6);
            _qs_csv_number (s, st->std, 6);
            if (st->has_fq)
              g_string_append_printf (s, ",%.6g,%u", st->clipped, st->levels_used);
            else
              g_string_append (s, ",,");
          }
      for (f = 0; with_fq_figures && f < G_N_ELEMENTS (fq_figures); f++)
        {
          const QsFigureValue *v = &row->figures[fq_figures[f]];
          gboolean hib = qs_figure_get_info (fq_figures[f])->higher_is_better;

          if (!v->has)
            {
              g_string_append (s, ",,,");
              continue;
            }
          _qs_csv_number (s, v->mean, 8);
          _qs_csv_number (s, qs_figure_value_get (v, QS_AGGREGATE_WORST, hib), 8);
          g_string_append_printf (s, ",%u", v->worst_sample);
        }
      for (f = 0; with_int8 && f < G_N_ELEMENTS (int8_figures); f++)
        {
          const QsFigureValue *v = &row->figures[int8_figures[f]];
          gboolean hib = qs_figure_get_info (int8_figures[f])->higher_is_better;

          if (!v->has)
            {
              g_string_append (s, ",,,");
              continue;
            }
          _qs_csv_number (s, v->mean, 8);
          _qs_csv_number (s, qs_figure_value_get (v, QS_AGGREGATE_WORST, hib), 8);
          g_string_append_printf (s, ",%u", v->worst_sample);
        }
      if (with_int8)
        {
          g_autofree char *note = qs_analysis_row_grid_note (row);

          g_string_append_printf (s, ",%s,", row->figures[QS_FIGURE_LSB_RUN].has ? qs_lpt_grid_mark_name (row->int8_grid) : "");
          if (note != NULL)
            _qs_csv_field (s, note);
        }
      g_string_append_c (s, '\n');
    }
}

char *
qs_analysis_result_to_csv (const QsAnalysisResult *r)
{
  GString *s = g_string_new (NULL);
  gboolean both = (r->modes & QS_ANALYSIS_FLOAT) && (r->modes & QS_ANALYSIS_FQ);
  gboolean int8 = (r->modes & QS_ANALYSIS_INT8) && (r->modes & QS_ANALYSIS_FQ);

  if (r->n_rows > 0)
    csv_rows (s, r->rows, r->n_rows, r->modes & ~QS_ANALYSIS_INT8, both, int8);
  else
    csv_rows (s, r->int8_rows, r->n_int8_rows, QS_ANALYSIS_INT8, FALSE, FALSE);
  return g_string_free (s, FALSE);
}

/* ---- reading ---- */

typedef struct
{
  const char *name;
  GError    **error;
  gboolean    failed;
} Reader;

static gboolean
fail (Reader     *rd,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (Reader     *rd,
      const char *format,
      ...)
{
  va_list args;
  g_autofree char *what = NULL;

  if (rd->failed)
    return FALSE;
  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (rd->error, QS_ANALYSIS_ERROR, QS_ANALYSIS_ERROR_FORMAT, "%s: %s", rd->name, what);
  rd->failed = TRUE;
  return FALSE;
}

static JsonObject *
get_object (Reader     *rd,
            JsonObject *o,
            const char *key,
            gboolean    required)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, key) : NULL;

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    {
      if (required)
        fail (rd, "“%s” is missing", key);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (n))
    {
      fail (rd, "“%s” is not an object", key);
      return NULL;
    }
  return json_node_get_object (n);
}

static JsonArray *
get_array (Reader     *rd,
           JsonObject *o,
           const char *key,
           gboolean    required)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, key) : NULL;

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    {
      if (required)
        fail (rd, "“%s” is missing", key);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (n))
    {
      fail (rd, "“%s” is not an array", key);
      return NULL;
    }
  return json_node_get_array (n);
}

static double
node_number (JsonNode *n,
             gboolean        db)
{
  double v;

  if (n == NULL || JSON_NODE_HOLDS_NULL (n) || !JSON_NODE_HOLDS_VALUE (n))
    return NAN;
  switch (json_node_get_value_type (n))
    {
    case G_TYPE_INT64:
      v = (double) json_node_get_int (n);
      break;
    case G_TYPE_DOUBLE:
      v = json_node_get_double (n);
      break;
    default:
      return NAN;
    }
  if (db && fabs (v) >= 999.0)
    return v > 0 ? INFINITY : -INFINITY;
  if (fabs (v) >= DBL_MAX)
    return v > 0 ? INFINITY : -INFINITY;
  return v;
}

static double
get_number (JsonObject *o,
            const char *key,
            gboolean    db)
{
  return node_number (o != NULL ? json_object_get_member (o, key) : NULL, db);
}

static gint64
get_int (Reader     *rd,
         JsonObject *o,
         const char *key,
         gint64      min,
         gint64      max,
         gint64      fallback)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, key) : NULL;
  gint64 v;

  if (n == NULL)
    return fallback;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    {
      fail (rd, "“%s” is not an integer", key);
      return fallback;
    }
  v = json_node_get_int (n);
  if (v < min || v > max)
    {
      fail (rd, "“%s” is %" G_GINT64_FORMAT ", outside %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT, key, v, min, max);
      return fallback;
    }
  return v;
}

static gboolean
get_bool (Reader     *rd,
          JsonObject *o,
          const char *key)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, key) : NULL;

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_BOOLEAN)
    {
      fail (rd, "“%s” is not true or false", key);
      return FALSE;
    }
  return json_node_get_boolean (n);
}

static const char *
get_string (Reader     *rd,
            JsonObject *o,
            const char *key,
            gboolean    required)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, key) : NULL;

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    {
      if (required)
        fail (rd, "“%s” is missing", key);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    {
      fail (rd, "“%s” is not a string", key);
      return NULL;
    }
  return json_node_get_string (n);
}

static void
read_figure_value (Reader        *rd,
                   JsonObject    *parent,
                   const char    *key,
                   gboolean       db,
                   guint          n_samples,
                   QsFigureValue *v)
{
  JsonObject *o = get_object (rd, parent, key, FALSE);

  memset (v, 0, sizeof *v);
  v->pooled = NAN;
  if (o == NULL)
    return;
  v->has = TRUE;
  v->mean = get_number (o, "mean", db);
  v->min = get_number (o, "min", db);
  v->max = get_number (o, "max", db);
  v->pooled = get_number (o, "pooled", db);
  v->worst_sample = (guint) get_int (rd, o, "worst_sample", 0, MAX (n_samples, 1) - 1, 0);
  v->best_sample = (guint) get_int (rd, o, "best_sample", 0, MAX (n_samples, 1) - 1, 0);
  v->n = (guint) get_int (rd, o, "samples", 0, n_samples, 0);
  v->n_infinite = (guint) get_int (rd, o, "infinite", 0, n_samples, 0);
}

static void
read_mode_stats (Reader      *rd,
                 JsonObject  *o,
                 guint        n_samples,
                 QsModeStats *s)
{
  JsonArray *hist;
  guint i;

  memset (s, 0, sizeof *s);
  if (o == NULL)
    return;
  s->has = TRUE;
  s->min = get_number (o, "min", FALSE);
  s->max = get_number (o, "max", FALSE);
  s->mean = get_number (o, "mean", FALSE);
  s->std = get_number (o, "std", FALSE);
  s->min_sample = (guint) get_int (rd, o, "min_sample", 0, MAX (n_samples, 1) - 1, 0);
  s->max_sample = (guint) get_int (rd, o, "max_sample", 0, MAX (n_samples, 1) - 1, 0);
  s->n = (guint64) get_int (rd, o, "count", 0, G_MAXINT64, 0);
  s->n_nonfinite = (guint64) get_int (rd, o, "non_finite", 0, G_MAXINT64, 0);
  s->below = (guint64) get_int (rd, o, "below", 0, G_MAXINT64, 0);
  s->above = (guint64) get_int (rd, o, "above", 0, G_MAXINT64, 0);
  hist = get_array (rd, o, "histogram", TRUE);
  if (hist != NULL)
    {
      if (json_array_get_length (hist) != QS_STATS_BINS)
        {
          fail (rd, "a histogram has %u bins, not %d", json_array_get_length (hist), QS_STATS_BINS);
          return;
        }
      for (i = 0; i < QS_STATS_BINS; i++)
        {
          JsonNode *n = json_array_get_element (hist, i);

          if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64 || json_node_get_int (n) < 0)
            {
              fail (rd, "a histogram count is not a count");
              return;
            }
          s->histogram[i] = (guint64) json_node_get_int (n);
        }
    }
  if (json_object_has_member (o, "fq_clipped"))
    {
      s->has_fq = TRUE;
      s->clipped = get_number (o, "fq_clipped", FALSE);
      s->levels_used = (guint) get_int (rd, o, "fq_levels_used", 0, QS_STATS_MAX_LEVELS, 0);
      read_figure_value (rd, o, "fq_clipped_per_sample", FALSE, n_samples, &s->clipped_per_sample);
    }
}

static gboolean
read_row (Reader        *rd,
          JsonObject    *o,
          const QsGraph *graph,
          guint          n_samples,
          QsAnalysisRow *row)
{
  static const QsFigure fq_figures[] = { QS_FIGURE_SQNR, QS_FIGURE_NMSE, QS_FIGURE_MSE, QS_FIGURE_MAX_ABS, QS_FIGURE_COSINE };
  static const char *const fq_keys[] = { "sqnr_db", "nmse", "mse", "max_abs", "cosine" };
  static const QsFigure int8_figures[] = { QS_FIGURE_LSB_RUN, QS_FIGURE_LSB_RUN_MEAN, QS_FIGURE_EQUAL_RUN,
                                           QS_FIGURE_LSB_LOCAL, QS_FIGURE_EQUAL_LOCAL };
  static const char *const int8_keys[] = { "max_lsb", "mean_lsb", "share_equal", "local_max_lsb", "local_share_equal" };
  JsonObject *fq, *bins, *figs, *grid;
  const char *precision, *from;
  guint m, i;

  row->id = (guint64) get_int (rd, o, "id", 0, G_MAXINT64, 0);
  row->name = g_strdup (get_string (rd, o, "name", TRUE));
  row->type = g_strdup (get_string (rd, o, "type", TRUE));
  row->version = g_strdup (get_string (rd, o, "version", FALSE));
  row->shape = g_strdup (get_string (rd, o, "shape", FALSE));
  row->port = (guint) get_int (rd, o, "port", 0, G_MAXINT32, 0);
  row->constant = get_bool (rd, o, "constant");
  precision = get_string (rd, o, "precision", FALSE);
  row->element_type = precision != NULL ? qs_element_type_from_string (precision) : QS_ELEMENT_UNDEFINED;
  if (rd->failed)
    return FALSE;

  if (graph != NULL)
    {
      QsNode *node = qs_graph_find_node (graph, row->id);
      g_autofree char *base = g_strdup (row->name);
      g_autofree char *suffix = g_strdup_printf (":%u", row->port);

      /* a multi-output layer's rows are "name:PORT", port 0 included */
      if (node != NULL && node->n_outputs > 1 && g_str_has_suffix (base, suffix))
        base[strlen (base) - strlen (suffix)] = '\0';
      if (node != NULL && g_strcmp0 (node->name, base) == 0 && row->port < MAX (node->n_outputs, 1))
        row->node = node;
    }

  fq = get_object (rd, o, "fake_quantize", FALSE);
  if (fq != NULL)
    {
      row->has_fq = TRUE;
      row->fq_levels = (guint) get_int (rd, fq, "levels", 2, G_MAXUINT32, 2);
      row->fq_range.levels = row->fq_levels;
      row->fq_range.in_low = (float) get_number (fq, "in_low", FALSE);
      row->fq_range.in_high = (float) get_number (fq, "in_high", FALSE);
      row->fq_scale_min = get_number (fq, "scale_min", FALSE);
      row->fq_scale_max = get_number (fq, "scale_max", FALSE);
      row->fq_zp_min = get_number (fq, "zero_point_min", FALSE);
      row->fq_zp_max = get_number (fq, "zero_point_max", FALSE);
    }
  bins = get_object (rd, o, "histogram_bins", TRUE);
  if (bins != NULL)
    {
      row->bins.lo = (float) get_number (bins, "lo", FALSE);
      row->bins.hi = (float) get_number (bins, "hi", FALSE);
      from = get_string (rd, bins, "from", FALSE);
      row->bins_from = g_strcmp0 (from, "fake_quantize") == 0 ? QS_BINS_FAKE_QUANTIZE :
                       g_strcmp0 (from, "first_sample") == 0 ? QS_BINS_FIRST_SAMPLE : QS_BINS_NONE;
    }
  for (m = 0; m < QS_ANALYSIS_N_MODES; m++)
    read_mode_stats (rd, get_object (rd, o, mode_keys[m], FALSE), n_samples, &row->stats[m]);
  figs = get_object (rd, o, "fq_vs_float", FALSE);
  for (i = 0; figs != NULL && i < G_N_ELEMENTS (fq_figures); i++)
    read_figure_value (rd, figs, fq_keys[i], fq_figures[i] == QS_FIGURE_SQNR, n_samples, &row->figures[fq_figures[i]]);
  figs = get_object (rd, o, "int8_vs_fq", FALSE);
  if (figs != NULL)
    row->int8_layer = g_strdup (get_string (rd, figs, "int8_layer", FALSE));
  if (figs != NULL && (grid = get_object (rd, figs, "grid", FALSE)) != NULL)
    {
      const char *mark = get_string (rd, grid, "mark", TRUE);

      if (!qs_lpt_grid_mark_from_name (mark, &row->int8_grid))
        {
          return fail (rd, "int8_vs_fq.grid.mark “%s” is not own, aligned, from-aligned or after-avgpool",
                       mark != NULL ? mark : "");
        }
      row->int8_grid_cause = g_strdup (get_string (rd, grid, "cause", FALSE));
      row->int8_grid_from = g_strdup (get_string (rd, grid, "from_aligned", FALSE));
      row->int8_grid_low = get_number (grid, "low", FALSE);
      row->int8_grid_high = get_number (grid, "high", FALSE);
      row->int8_grid_step = get_number (grid, "step", FALSE);
      row->int8_grid_own_step = get_number (grid, "own_step", FALSE);
    }
  for (i = 0; figs != NULL && i < G_N_ELEMENTS (int8_figures); i++)
    read_figure_value (rd, figs, int8_keys[i], FALSE, n_samples, &row->figures[int8_figures[i]]);
  row->figures[QS_FIGURE_CLIP] = row->stats[QS_EXEC_MODE_FLOAT].clipped_per_sample;
  return !rd->failed;
}

static gboolean
read_rows (Reader         *rd,
           JsonArray      *array,
           const QsGraph  *graph,
           guint           n_samples,
           QsAnalysisRow **rows,
           guint          *n_rows,
           GHashTable     *row_of)
{
  guint n = array != NULL ? json_array_get_length (array) : 0, i;

  *rows = NULL;
  *n_rows = 0;
  if (n > MAX_ROWS)
    return fail (rd, "%u rows is more than qscope reads", n);
  *rows = g_new0 (QsAnalysisRow, MAX (n, 1));
  *n_rows = n;
  for (i = 0; i < n; i++)
    {
      JsonNode *e = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (e))
        return fail (rd, "layer %u is not an object", i + 1);
      if (!read_row (rd, json_node_get_object (e), graph, n_samples, &(*rows)[i]))
        return FALSE;
      if ((*rows)[i].node != NULL && (*rows)[i].port == 0 && !g_hash_table_contains (row_of, (*rows)[i].node))
        g_hash_table_insert (row_of, (gpointer) (*rows)[i].node, GUINT_TO_POINTER (i + 1));
    }
  return TRUE;
}

static gboolean
read_sums (Reader      *rd,
           JsonObject  *o,
           QsErrorSums *s)
{
  JsonObject *sums = get_object (rd, o, "sums", TRUE);

  if (sums == NULL)
    return FALSE;
  s->n = (guint64) get_int (rd, sums, "n", 0, G_MAXINT64, 0);
  s->n_nonfinite = (guint64) get_int (rd, sums, "non_finite", 0, G_MAXINT64, 0);
  s->xx = get_number (sums, "xx", FALSE);
  s->yy = get_number (sums, "yy", FALSE);
  s->xy = get_number (sums, "xy", FALSE);
  s->dd = get_number (sums, "dd", FALSE);
  s->max_abs = get_number (sums, "max_abs", FALSE);
  return !rd->failed;
}

/* Where the JSON object that @data starts with ends (one past its '}'), or
 * 0 when @data does not start with an object or the object does not close.
 * Strings and escapes are skipped; the parser checks the rest.  json-glib
 * 1.6 reads values that follow one another ("{...}{...}") as a stream and
 * leaks all but the last, so the reader looks for the end itself and
 * refuses anything after it. */
gsize
_qs_json_object_end (const char *data,
                     gsize       length)
{
  gsize i = 0, depth = 0;
  gboolean in_string = FALSE;

  while (i < length && g_ascii_isspace (data[i]))
    i++;
  if (i == length || data[i] != '{')
    return 0;
  for (; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && depth > 0 && --depth == 0)
        return i + 1;
    }
  return 0;
}

static QsAnalysisResult *
load_data (const char  *data,
           gsize        length,
           const char  *name,
           QsModel     *model,
           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *want = NULL;
  Reader rd = { name, error, FALSE };
  QsAnalysisResult *r;
  JsonNode *root;
  JsonObject *top, *secs;
  JsonArray *modes, *warnings, *samples, *outputs_names;
  const char *format, *sha;
  guint i, m, n_outputs, n_records;
  gsize end, at;

  /* an object that does not close is left to the parser, which says where */
  end = _qs_json_object_end (data, length);
  if (end == 0)
    end = length;
  for (at = end; at < length; at++)
    if (!g_ascii_isspace (data[at]))
      {
        fail (&rd, "not a qscope results file (more after the JSON object, at byte %" G_GSIZE_FORMAT ")", at);
        return NULL;
      }
  for (at = 0; at < end && g_ascii_isspace (data[at]); at++)
    ;
  if (at == end || data[at] != '{')
    {
      fail (&rd, "not a qscope results file (the top is not an object)");
      return NULL;
    }
  if (length > (gsize) G_MAXSSIZE || !json_parser_load_from_data (parser, data, (gssize) end, &local))
    {
      g_set_error (error, QS_ANALYSIS_ERROR, QS_ANALYSIS_ERROR_FORMAT, "%s: not JSON: %s", name,
                   local != NULL ? local->message : "too large");
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (&rd, "not a qscope results file (the top is not an object)");
      return NULL;
    }
  top = json_node_get_object (root);
  format = get_string (&rd, top, "format", FALSE);
  if (g_strcmp0 (format, FORMAT_NAME) != 0)
    {
      /* one error: this one, not why "format" could not be read */
      if (error != NULL)
        g_clear_error (error);
      rd.failed = FALSE;
      fail (&rd, "not a qscope results file (no \"format\": \"%s\")", FORMAT_NAME);
      return NULL;
    }
  if (get_int (&rd, top, "format_version", 1, G_MAXINT32, 0) != FORMAT_VERSION)
    {
      if (!rd.failed)
        fail (&rd, "a results file of another format version (qscope reads version %d)", FORMAT_VERSION);
      return NULL;
    }
  sha = get_string (&rd, top, "model_sha256", FALSE);
  want = qs_model_xml_sha256 (model);
  if (rd.failed)
    return NULL;
  if (sha == NULL || want == NULL || g_ascii_strcasecmp (sha, want) != 0)
    {
      g_autofree char *base = model->xml_path != NULL ? g_path_get_basename (model->xml_path) : g_strdup ("this model");
      const char *other = get_string (&rd, top, "model", FALSE);

      g_set_error (error, QS_ANALYSIS_ERROR, QS_ANALYSIS_ERROR_MODEL,
                   "%s: the results are of another model (%s, sha256 %.12s…), not of %s (sha256 %.12s…)", name,
                   other != NULL ? other : "?", sha != NULL ? sha : "?", base, want != NULL ? want : "?");
      return NULL;
    }

  r = g_new0 (QsAnalysisResult, 1);
  r->ref_count = 1;
  r->model = qs_model_ref (model);
  r->model_path = g_strdup (get_string (&rd, top, "model", FALSE));
  r->model_sha256 = g_strdup (sha);
  r->warnings = g_ptr_array_new_with_free_func (g_free);
  r->row_of = g_hash_table_new (NULL, NULL);
  r->int8_row_of = g_hash_table_new (NULL, NULL);
  r->n_samples = (guint) get_int (&rd, top, "samples", 1, QS_DATASET_MAX_SAMPLES, 1);
  r->n_skipped = (guint) get_int (&rd, top, "skipped", 0, QS_DATASET_MAX_SAMPLES, 0);
  r->int8_error = g_strdup (get_string (&rd, top, "int8_error", FALSE));
  modes = get_array (&rd, top, "modes", TRUE);
  for (i = 0; modes != NULL && i < json_array_get_length (modes); i++)
    {
      JsonNode *mn = json_array_get_element (modes, i);
      const char *mode = JSON_NODE_HOLDS_VALUE (mn) && json_node_get_value_type (mn) == G_TYPE_STRING
                         ? json_node_get_string (mn) : NULL;

      for (m = 0; m < QS_ANALYSIS_N_MODES; m++)
        if (g_strcmp0 (mode, mode_keys[m]) == 0)
          r->modes |= 1u << m;
    }
  warnings = get_array (&rd, top, "warnings", FALSE);
  for (i = 0; warnings != NULL && i < json_array_get_length (warnings); i++)
    {
      JsonNode *w = json_array_get_element (warnings, i);

      if (JSON_NODE_HOLDS_VALUE (w) && json_node_get_value_type (w) == G_TYPE_STRING)
        g_ptr_array_add (r->warnings, g_strdup (json_node_get_string (w)));
    }
  if (json_object_has_member (top, "inputs"))
    r->inputs = json_node_copy (json_object_get_member (top, "inputs"));
  secs = get_object (&rd, top, "seconds", FALSE);
  for (m = 0; m < QS_ANALYSIS_N_MODES; m++)
    {
      double v = get_number (secs, mode_keys[m], FALSE);

      r->seconds[m] = isnan (v) ? 0 : v;
    }
  r->total_seconds = get_number (secs, "total", FALSE);

  samples = get_array (&rd, top, "per_sample", TRUE);
  n_records = samples != NULL ? json_array_get_length (samples) : 0;
  if (!rd.failed && (n_records > QS_DATASET_MAX_SAMPLES || n_records != r->n_samples + r->n_skipped))
    fail (&rd, "“per_sample” has %u records for %u samples and %u skipped", n_records, r->n_samples, r->n_skipped);
  if (rd.failed)
    goto bad;

  read_rows (&rd, get_array (&rd, top, "layers", TRUE), model->graph, n_records, &r->rows, &r->n_rows, r->row_of);
  read_rows (&rd, get_array (&rd, top, "int8_layers", FALSE), NULL, n_records, &r->int8_rows, &r->n_int8_rows,
             r->int8_row_of);
  if (rd.failed)
    goto bad;

  /* the outputs are the model's Results, in its order */
  outputs_names = get_array (&rd, top, "outputs", TRUE);
  if (rd.failed)
    goto bad;
  n_outputs = model->graph->n_results;
  r->n_outputs = n_outputs;
  r->output_names = g_new0 (char *, n_outputs + 1);
  for (i = 0; i < n_outputs; i++)
    r->output_names[i] = g_strdup (model->graph->results[i]->name);
  (void) outputs_names;

  r->samples = g_new0 (QsAnalysisSample, MAX (n_records, 1));
  r->n_sample_records = n_records;
  for (i = 0; i < n_records; i++)
    {
      JsonNode *e = json_array_get_element (samples, i);
      QsAnalysisSample *s = &r->samples[i];
      JsonArray *outs;
      JsonObject *so;
      guint k;

      s->outputs = g_new0 (QsOutputError, MAX (n_outputs, 1) * QS_N_COMPARES);
      if (!JSON_NODE_HOLDS_OBJECT (e))
        {
          fail (&rd, "sample record %u is not an object", i + 1);
          goto bad;
        }
      so = json_node_get_object (e);
      s->index = (guint) get_int (&rd, so, "index", 0, QS_DATASET_MAX_SAMPLES, i);
      s->name = g_strdup (get_string (&rd, so, "name", FALSE));
      s->error = g_strdup (get_string (&rd, so, "error", FALSE));
      s->skipped = get_bool (&rd, so, "skipped");
      s->seconds = get_number (so, "seconds", FALSE);
      outs = get_array (&rd, so, "outputs", FALSE);
      if (outs != NULL && json_array_get_length (outs) > n_outputs)
        fail (&rd, "sample record %u has %u outputs; the model has %u", i + 1, json_array_get_length (outs), n_outputs);
      for (k = 0; !rd.failed && outs != NULL && k < json_array_get_length (outs); k++)
        {
          JsonNode *oe = json_array_get_element (outs, k);
          guint c;

          if (!JSON_NODE_HOLDS_OBJECT (oe))
            {
              fail (&rd, "an output of sample record %u is not an object", i + 1);
              break;
            }
          for (c = 0; c < QS_N_COMPARES; c++)
            {
              JsonObject *co = get_object (&rd, json_node_get_object (oe), qs_compare_key (c), FALSE);

              if (co != NULL && read_sums (&rd, co, &s->outputs[k * QS_N_COMPARES + c].sums))
                s->outputs[k * QS_N_COMPARES + c].has = TRUE;
            }
        }
      if (rd.failed)
        goto bad;
    }
  return r;

bad:
  qs_analysis_result_unref (r);
  return NULL;
}

QsAnalysisResult *
qs_analysis_result_load_data (const char  *data,
                              gsize        length,
                              const char  *name,
                              QsModel     *model,
                              GError     **error)
{
  GError *local = NULL;
  QsAnalysisResult *r = load_data (data, length, name, model, &local);

  if (local != NULL)
    {
      /* the JSON parser's errors quote the text around the fault */
      _qs_error_one_line (local);
      g_propagate_error (error, local);
    }
  return r;
}

QsAnalysisResult *
qs_analysis_result_load (const char  *path,
                         QsModel     *model,
                         GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  GStatBuf st;

  if (g_stat (path, &st) == 0 && st.st_size > MAX_FILE_BYTES)
    {
      g_set_error (error, QS_ANALYSIS_ERROR, QS_ANALYSIS_ERROR_FORMAT, "%s: a results file of more than 2 GB", path);
      return NULL;
    }
  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  return qs_analysis_result_load_data (data, length, path, model, error);
}
