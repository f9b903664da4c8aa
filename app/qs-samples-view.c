/* qs-samples-view.c — the per-sample chart of a run (core/paint) as a widget
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Paints qs_paint_samples(), the chart `qscope-cli render --samples`
 * writes, marks the sample under the pointer and names it in a tooltip
 * with its figures (or why it was skipped).
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "qs-paint-samples.h"
#include "qs-samples-view.h"

struct _QsSamplesView
{
  GtkWidget         parent_instance;
  QsAnalysisResult *result;
  QsFigure          figure;
  QsSamplesChart    chart;
  int               hover;
  int               selected;   /* marked while the pointer is elsewhere, or -1 */
};

G_DEFINE_FINAL_TYPE (QsSamplesView, qs_samples_view, GTK_TYPE_WIDGET)

void
qs_samples_view_set_result (QsSamplesView    *self,
                            QsAnalysisResult *result,
                            QsFigure          figure)
{
  g_return_if_fail (QS_IS_SAMPLES_VIEW (self));
  g_return_if_fail (figure <= QS_FIGURE_COSINE);

  qs_samples_chart_clear (&self->chart);
  g_clear_pointer (&self->result, qs_analysis_result_unref);
  self->hover = -1;
  self->selected = -1;
  self->figure = figure;
  if (result != NULL)
    {
      self->result = qs_analysis_result_ref (result);
      qs_samples_chart_init (&self->chart, result, figure);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Marks sample @sample (-1: none) while the pointer is not over a bar. */
void
qs_samples_view_set_selected (QsSamplesView *self,
                              int            sample)
{
  g_return_if_fail (QS_IS_SAMPLES_VIEW (self));

  if (self->result == NULL || sample >= (int) self->result->n_sample_records)
    sample = -1;
  self->selected = sample;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
qs_samples_view_get_selected (QsSamplesView *self)
{
  g_return_val_if_fail (QS_IS_SAMPLES_VIEW (self), -1);

  return self->selected;
}

char *
qs_samples_view_describe (QsSamplesView *self,
                          guint          sample)
{
  const QsAnalysisSample *s;
  GString *text;
  guint i;

  g_return_val_if_fail (QS_IS_SAMPLES_VIEW (self), NULL);

  if (self->result == NULL || sample >= self->result->n_sample_records)
    return NULL;
  s = &self->result->samples[sample];
  text = g_string_new (NULL);
  g_string_append_printf (text, _("Sample %u: %s"), sample + 1, s->name);
  if (s->skipped)
    {
      g_string_append_printf (text, "\n%s %s", _("Skipped:"), s->error != NULL ? s->error : "?");
      return g_string_free (text, FALSE);
    }
  for (i = 0; i < self->chart.paint.n_series; i++)
    {
      const QsPaintSamplesSeries *series = &self->chart.paint.series[i];
      double v = series->values[sample];

      if (isnan (v))
        g_string_append_printf (text, "\n%s: —", series->label);
      else if (isinf (v))
        g_string_append_printf (text, "\n%s: %s", series->label, v > 0 ? _("exact (∞)") : "−∞");
      else
        g_string_append_printf (text, "\n%s: %.4g", series->label, v);
    }
  return g_string_free (text, FALSE);
}

static void
qs_samples_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  QsSamplesView *self = QS_SAMPLES_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA color;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->result == NULL)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  self->chart.paint.foreground = (QsPaintRgb) { color.red, color.green, color.blue };
  self->chart.paint.highlight = self->hover >= 0 ? self->hover : self->selected;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  qs_paint_samples (cr, &self->chart.paint, width, height);
  cairo_destroy (cr);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    data)
{
  QsSamplesView *self = QS_SAMPLES_VIEW (widget);
  int sample = qs_paint_samples_hit (&self->chart.paint, gtk_widget_get_width (widget),
                                     gtk_widget_get_height (widget), x);
  g_autofree char *text = NULL;

  if (sample < 0 || (text = qs_samples_view_describe (self, (guint) sample)) == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           QsSamplesView            *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int sample = qs_paint_samples_hit (&self->chart.paint, gtk_widget_get_width (widget),
                                     gtk_widget_get_height (widget), x);

  if (sample != self->hover)
    {
      self->hover = sample;
      gtk_widget_queue_draw (widget);
    }
}

static void
leave_cb (GtkEventControllerMotion *controller,
          QsSamplesView            *self)
{
  if (self->hover >= 0)
    {
      self->hover = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
qs_samples_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 420 : 160;
}

static void
qs_samples_view_dispose (GObject *object)
{
  QsSamplesView *self = QS_SAMPLES_VIEW (object);

  qs_samples_chart_clear (&self->chart);
  g_clear_pointer (&self->result, qs_analysis_result_unref);

  G_OBJECT_CLASS (qs_samples_view_parent_class)->dispose (object);
}

static void
qs_samples_view_class_init (QsSamplesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qs_samples_view_dispose;
  widget_class->snapshot = qs_samples_view_snapshot;
  widget_class->measure = qs_samples_view_measure;
  gtk_widget_class_set_css_name (widget_class, "samples-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
qs_samples_view_init (QsSamplesView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->hover = -1;
  self->selected = -1;
  qs_paint_samples_init (&self->chart.paint);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Output error per sample"), -1);
}

GtkWidget *
qs_samples_view_new (void)
{
  return g_object_new (QS_TYPE_SAMPLES_VIEW, NULL);
}
