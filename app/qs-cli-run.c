/* qs-cli-run.c — the options and the run that dump, render and the
 * attribution commands share
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <math.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "qs-cli.h"
#include "qs-cli-run.h"
#include "qs-exec.h"

void
qs_cli_run_options_add (QsCliRunOptions *o,
                        GOptionContext  *context,
                        gboolean         scale_taken)
{
  GOptionEntry entries[] = {
    { "input", 'i', 0, G_OPTION_ARG_STRING_ARRAY, &o->inputs,
      N_("one value for an input: [NAME=]FILE.npy, [NAME=]PHOTO or [NAME=]random[:SEED]"), "SPEC" },
    { "dataset", 'd', 0, G_OPTION_ARG_STRING_ARRAY, &o->datasets,
      N_("a data set: [NAME=]DIR (photos and .npy, by name), [NAME=]LIST.txt (a file a line) or random:N[:SEED]"), "SPEC" },
    { "rgb", 0, 0, G_OPTION_ARG_NONE, &o->rgb, N_("photos in RGB order (default: what the model says, else BGR)"), NULL },
    { "bgr", 0, 0, G_OPTION_ARG_NONE, &o->bgr, N_("photos in BGR order"), NULL },
    { "mean", 0, 0, G_OPTION_ARG_STRING, &o->mean, N_("photo mean, one value or three (default: the model's, else 0)"), "M[,M,M]" },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &o->scale, N_("photo scale, one value or three (default: the model's, else 1)"), "S[,S,S]" },
    { "resize", 0, 0, G_OPTION_ARG_STRING, &o->resize, N_("stretch, fit or letterbox (default: the model's, else stretch)"), "HOW" },
    { "pad-value", 0, 0, G_OPTION_ARG_STRING, &o->pad_value, N_("with fit or letterbox: the value of padded pixels"), "V" },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &o->layout, N_("NCHW or NHWC (default: the model's, else from the shape)"), "LAYOUT" },
    { "on-error", 0, 0, G_OPTION_ARG_STRING, &o->on_error, N_("a sample that cannot be run: skip or fail (default fail)"), "WHAT" },
    { "max-memory", 0, 0, G_OPTION_ARG_STRING, &o->max_memory, NULL, "SIZE" },
    { NULL }
  };
  GOptionEntry *copy = g_memdup2 (entries, sizeof entries);
  guint i;

  o->max_memory_help = qs_cli_max_memory_help ();
  for (i = 0; copy[i].long_name != NULL; i++)
    {
      if (strcmp (copy[i].long_name, "max-memory") == 0)
        copy[i].description = o->max_memory_help;
      /* render's --scale is its pixel scale */
      if (scale_taken && strcmp (copy[i].long_name, "scale") == 0)
        copy[i].long_name = "photo-scale";
    }
  g_option_context_add_main_entries (context, copy, GETTEXT_PACKAGE);
  /* the context copies the entries */
  g_free (copy);
}

void
qs_cli_run_options_clear (QsCliRunOptions *o)
{
  g_clear_pointer (&o->inputs, g_strfreev);
  g_clear_pointer (&o->datasets, g_strfreev);
  g_clear_pointer (&o->mean, g_free);
  g_clear_pointer (&o->scale, g_free);
  g_clear_pointer (&o->resize, g_free);
  g_clear_pointer (&o->pad_value, g_free);
  g_clear_pointer (&o->layout, g_free);
  g_clear_pointer (&o->on_error, g_free);
  g_clear_pointer (&o->max_memory, g_free);
  g_clear_pointer (&o->max_memory_help, g_free);
}

gboolean
qs_cli_run_options_given (const QsCliRunOptions *o)
{
  return o->inputs != NULL || o->datasets != NULL || o->rgb || o->bgr || o->mean != NULL || o->scale != NULL ||
         o->resize != NULL || o->pad_value != NULL || o->layout != NULL || o->on_error != NULL || o->max_memory != NULL;
}

gboolean
qs_cli_parse_modes (const char *text,
                    guint      *modes)
{
  g_auto(GStrv) parts = NULL;
  guint i;

  *modes = 0;
  if (text == NULL || strcmp (text, "all") == 0)
    {
      *modes = QS_ANALYSIS_ALL;
      return TRUE;
    }
  parts = g_strsplit (text, ",", -1);
  for (i = 0; parts[i] != NULL; i++)
    {
      QsExecMode mode;

      if (!qs_exec_mode_parse (g_strstrip (parts[i]), &mode))
        return FALSE;
      *modes |= 1u << mode;
    }
  return *modes != 0;
}

static gboolean
parse_triple (const char  *option,
              const char  *text,
              float        out[3],
              GError     **error)
{
  g_autoptr(GArray) v = qs_parse_float_list (text);
  int c;

  if (v == NULL || (v->len != 1 && v->len != 3))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("%s takes one or three numbers"), option);
      return FALSE;
    }
  for (c = 0; c < 3; c++)
    out[c] = g_array_index (v, double, v->len == 1 ? 0 : c);
  return TRUE;
}

QsDataset *
qs_cli_make_dataset (QsModel          *model,
                     QsCliRunOptions  *o,
                     const char       *default_spec,
                     GError          **error)
{
  g_autoptr(QsDataset) ds = qs_dataset_new (model);
  float mean[3], scale[3];
  QsImageResize resize = QS_IMAGE_RESIZE_STRETCH;
  QsImageLayout layout = QS_IMAGE_LAYOUT_AUTO;
  double pad = 0;
  guint i;

  if (o->rgb && o->bgr)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("give --rgb or --bgr, not both"));
      return NULL;
    }
  if (o->mean != NULL && !parse_triple ("--mean", o->mean, mean, error))
    return NULL;
  if (o->scale != NULL && !parse_triple ("--scale", o->scale, scale, error))
    return NULL;
  if (o->scale != NULL && (scale[0] == 0 || scale[1] == 0 || scale[2] == 0))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--scale must not be 0"));
      return NULL;
    }
  if (o->resize != NULL && !qs_image_resize_parse (o->resize, &resize))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--resize is stretch, fit or letterbox"));
      return NULL;
    }
  if (o->pad_value != NULL && !qs_parse_double (o->pad_value, &pad))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--pad-value takes a number"));
      return NULL;
    }
  if (o->layout != NULL && (!qs_image_layout_parse (o->layout, &layout) || layout == QS_IMAGE_LAYOUT_AUTO))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--layout is NCHW or NHWC"));
      return NULL;
    }

  for (i = 0; o->datasets != NULL && o->datasets[i] != NULL; i++)
    if (!qs_dataset_add_spec (ds, o->datasets[i], TRUE, error))
      return NULL;
  for (i = 0; o->inputs != NULL && o->inputs[i] != NULL; i++)
    if (!qs_dataset_add_spec (ds, o->inputs[i], FALSE, error))
      return NULL;
  if (default_spec != NULL && o->inputs == NULL && o->datasets == NULL)
    for (i = 0; i < qs_dataset_get_n_inputs (ds); i++)
      {
        g_autofree char *spec = g_strdup_printf ("%s=%s", qs_dataset_get_parameter (ds, i)->name, default_spec);

        if (!qs_dataset_add_spec (ds, spec, FALSE, error))
          return NULL;
      }
  if (!qs_dataset_finish (ds, error))
    return NULL;

  for (i = 0; i < qs_dataset_get_n_inputs (ds); i++)
    {
      QsPreprocess *p = qs_dataset_get_preprocess (ds, i);

      if (o->rgb || o->bgr)
        qs_preprocess_set_rgb (p, o->rgb);
      if (o->mean != NULL)
        qs_preprocess_set_mean (p, mean);
      if (o->scale != NULL)
        qs_preprocess_set_scale (p, scale);
      if (o->resize != NULL || o->pad_value != NULL)
        qs_preprocess_set_resize (p, o->resize != NULL ? resize : p->image.resize,
                                  o->pad_value != NULL ? (float) pad : p->image.pad_value);
      if (o->layout != NULL)
        qs_preprocess_set_layout (p, layout);
    }
  return g_steal_pointer (&ds);
}

gboolean
qs_cli_run_common_options (QsCliRunOptions  *o,
                           QsOnError        *on_error,
                           GError          **error)
{
  *on_error = QS_ON_ERROR_FAIL;
  if (o->on_error != NULL)
    {
      if (strcmp (o->on_error, "skip") == 0)
        *on_error = QS_ON_ERROR_SKIP;
      else if (strcmp (o->on_error, "fail") != 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--on-error is skip or fail"));
          return FALSE;
        }
    }
  return qs_cli_apply_max_memory (o->max_memory, error);
}

gboolean
qs_cli_analysis_options (QsCliRunOptions   *o,
                         guint              modes,
                         QsAnalysisOptions *a,
                         GError           **error)
{
  qs_analysis_options_init (a);
  a->modes = modes;
  return qs_cli_run_common_options (o, &a->on_error, error);
}

typedef struct
{
  const char            *command;
  gint64                 last;
  QsAnalysisProgressFunc outer;        /* the caller's own, nullable */
  gpointer               outer_data;
  gboolean               tty;
  GCancellable          *cancellable;
} ProgressLine;

/* Ctrl+C (SIGINT) or SIGTERM during a run: the handler only notes it; the
 * progress callback, called after every layer, cancels the run from there,
 * and the command fails with one line and writes nothing. */
static volatile sig_atomic_t interrupted;

static void
note_interrupt (int signum)
{
  interrupted = 1;
}

static void
format_seconds (char   *buf,
                gsize   size,
                double  s)
{
  if (s < 0)
    g_strlcpy (buf, "?", size);
  else if (s < 60)
    g_snprintf (buf, size, "%.0f s", s);
  else if (s < 3600)
    g_snprintf (buf, size, "%.0f min %02.0f s", floor (s / 60), fmod (s, 60));
  else
    g_snprintf (buf, size, "%.0f h %02.0f min", floor (s / 3600), floor (fmod (s, 3600) / 60));
}

static void
progress_line (const QsAnalysisProgress *p,
               gpointer                  data)
{
  ProgressLine *line = data;
  gint64 now = g_get_monotonic_time ();
  const char *unit;
  char eta[32];

  if (interrupted && !g_cancellable_is_cancelled (line->cancellable))
    g_cancellable_cancel (line->cancellable);
  if (line->outer != NULL)
    line->outer (p, line->outer_data);
  if (!line->tty || (now - line->last < 200000 && p->fraction < 1))
    return;
  line->last = now;
  format_seconds (eta, sizeof eta, p->eta);
  unit = p->unit != NULL ? p->unit : "layer";
  if (p->n_samples > 1)
    g_printerr ("\r\033[Kqscope-cli %s: sample %u/%u, %s %s %u/%u, %.0f%%, %s left%s",
                line->command, p->sample + 1, p->n_samples, p->pass, unit, p->layer, p->n_layers,
                100 * p->fraction, eta, p->skipped ? " (some skipped)" : "");
  else
    g_printerr ("\r\033[Kqscope-cli %s: %s %s %u/%u, %.0f%%", line->command, p->pass, unit, p->layer, p->n_layers,
                100 * p->fraction);
}

/* The preprocessing of every input that gets photos, on stderr. */
static void
print_photo_inputs (const char *command,
                    QsDataset  *ds)
{
  guint i;

  for (i = 0; i < qs_dataset_get_n_inputs (ds); i++)
    if (qs_dataset_input_has_images (ds, i))
      {
        g_autofree char *text = qs_preprocess_describe (qs_dataset_get_preprocess (ds, i));

        g_printerr ("qscope-cli %s: input “%s”: photos as %s\n", command, qs_dataset_get_parameter (ds, i)->name, text);
      }
}

typedef struct
{
  struct sigaction old_int;
  struct sigaction old_term;
} SignalTrap;

static void
trap_signals (SignalTrap *trap)
{
  struct sigaction on_signal = { 0 };

  on_signal.sa_handler = note_interrupt;
  sigemptyset (&on_signal.sa_mask);
  interrupted = 0;
  /* a signal ignored when we started (a background job's SIGINT) stays so */
  sigaction (SIGINT, NULL, &trap->old_int);
  sigaction (SIGTERM, NULL, &trap->old_term);
  if (trap->old_int.sa_handler != SIG_IGN)
    sigaction (SIGINT, &on_signal, NULL);
  if (trap->old_term.sa_handler != SIG_IGN)
    sigaction (SIGTERM, &on_signal, NULL);
}

/* Puts the old handlers back; an interrupted run's error says so. */
static void
untrap_signals (SignalTrap *trap,
                gboolean    tty,
                gboolean    failed,
                GError    **error)
{
  sigaction (SIGINT, &trap->old_int, NULL);
  sigaction (SIGTERM, &trap->old_term, NULL);
  if (tty)
    g_printerr ("\r\033[K");
  if (failed && interrupted && error != NULL && *error != NULL)
    {
      char *text = g_strdup_printf (_("interrupted, nothing written (%s)"), (*error)->message);

      g_free ((*error)->message);
      (*error)->message = text;
    }
}

static void
print_warnings (const char *command,
                GPtrArray  *warnings)
{
  guint i;

  for (i = 0; i < warnings->len; i++)
    g_printerr ("qscope-cli %s: warning: %s\n", command, (const char *) g_ptr_array_index (warnings, i));
}

/* What every run of a command shares: the photo preprocessing said, the
 * progress line on a terminal, and Ctrl+C or SIGTERM cancelling it. */
typedef struct
{
  ProgressLine  line;
  SignalTrap    trap;
  GCancellable *cancellable;
} Watch;

static void
watch_begin (Watch                 *w,
             const char            *command,
             QsDataset             *ds,
             QsAnalysisProgressFunc outer,
             gpointer               outer_data)
{
  w->cancellable = g_cancellable_new ();
  w->line = (ProgressLine) { command, 0, outer, outer_data, isatty (2), w->cancellable };
  print_photo_inputs (command, ds);
  trap_signals (&w->trap);
}

static void
watch_end (Watch    *w,
           gboolean  failed,
           GError  **error)
{
  untrap_signals (&w->trap, w->line.tty, failed, error);
  g_clear_object (&w->cancellable);
}

QsAnalysisResult *
qs_cli_run_analysis (const char        *command,
                     QsModel           *model,
                     QsDataset         *ds,
                     QsAnalysisOptions *a,
                     GError           **error)
{
  QsAnalysisOptions options = *a;
  QsAnalysisResult *result;
  Watch w;
  guint i;

  watch_begin (&w, command, ds, a->progress, a->progress_data);
  options.progress = progress_line;
  options.progress_data = &w.line;
  result = qs_analysis_run (model, ds, &options, w.cancellable, error);
  watch_end (&w, result == NULL, error);
  if (result == NULL)
    return NULL;
  if (result->int8_error != NULL)
    g_printerr ("qscope-cli %s: %s: %s\n", command, _("no int8 figures"), result->int8_error);
  for (i = 0; i < result->n_sample_records; i++)
    if (result->samples[i].skipped)
      g_printerr ("qscope-cli %s: skipped sample %u (%s): %s\n", command, i + 1, result->samples[i].name,
                  result->samples[i].error);
  print_warnings (command, result->warnings);
  return result;
}

QsSensitivityResult *
qs_cli_run_sensitivity (const char           *command,
                        QsModel              *model,
                        QsDataset            *ds,
                        QsSensitivityOptions *s,
                        GError              **error)
{
  QsSensitivityOptions options = *s;
  QsSensitivityResult *result;
  Watch w;

  watch_begin (&w, command, ds, s->progress, s->progress_data);
  options.progress = progress_line;
  options.progress_data = &w.line;
  result = qs_sensitivity_run (model, ds, &options, w.cancellable, error);
  watch_end (&w, result == NULL, error);
  if (result != NULL)
    print_warnings (command, result->warnings);
  return result;
}

QsCompareResult *
qs_cli_run_compare (const char       *command,
                    QsModel          *reference,
                    QsModel          *test,
                    QsDataset        *reference_data,
                    QsDataset        *test_data,
                    QsCompareOptions *c,
                    GError          **error)
{
  QsCompareOptions options = *c;
  QsCompareResult *result;
  Watch w;

  watch_begin (&w, command, reference_data, c->progress, c->progress_data);
  options.progress = progress_line;
  options.progress_data = &w.line;
  result = qs_compare_run (reference, test, reference_data, test_data, &options, w.cancellable, error);
  watch_end (&w, result == NULL, error);
  if (result != NULL)
    print_warnings (command, result->warnings);
  return result;
}
