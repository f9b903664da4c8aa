/* qs-histogram-view.c — a widget showing one core histogram painting
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Holds its own copy of the numbers; snapshot hands a cairo_t to
 * qs_paint_histogram() with the widget's text colour as the foreground.
 */
#include "config.h"

#include "qs-histogram-view.h"

struct _QsHistogramView
{
  GtkWidget         parent_instance;
  QsPaintHistogram  histogram;
  guint64          *counts[QS_PAINT_HISTOGRAM_MAX_SERIES];
  char             *labels[QS_PAINT_HISTOGRAM_MAX_SERIES];
  char             *range_label;
};

G_DEFINE_FINAL_TYPE (QsHistogramView, qs_histogram_view, GTK_TYPE_WIDGET)

static void
clear (QsHistogramView *self)
{
  guint i;

  for (i = 0; i < QS_PAINT_HISTOGRAM_MAX_SERIES; i++)
    {
      g_clear_pointer (&self->counts[i], g_free);
      g_clear_pointer (&self->labels[i], g_free);
    }
  g_clear_pointer (&self->range_label, g_free);
  qs_paint_histogram_init (&self->histogram);
}

const QsPaintHistogram *
qs_histogram_view_get (QsHistogramView *self)
{
  g_return_val_if_fail (QS_IS_HISTOGRAM_VIEW (self), NULL);

  return &self->histogram;
}

void
qs_histogram_view_set (QsHistogramView        *self,
                       const QsPaintHistogram *histogram)
{
  guint i;

  g_return_if_fail (QS_IS_HISTOGRAM_VIEW (self));

  clear (self);
  if (histogram != NULL)
    {
      self->histogram = *histogram;
      for (i = 0; i < histogram->n_series; i++)
        {
          QsPaintHistogramSeries *s = &self->histogram.series[i];

          self->counts[i] = g_memdup2 (s->counts, sizeof (guint64) * s->n_bins);
          self->labels[i] = g_strdup (s->label);
          s->counts = self->counts[i];
          s->label = self->labels[i];
        }
      self->range_label = g_strdup (histogram->range_label);
      self->histogram.range_label = self->range_label;
      self->histogram.font = NULL;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
qs_histogram_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  QsHistogramView *self = QS_HISTOGRAM_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA color;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  self->histogram.foreground = (QsPaintRgb) { color.red, color.green, color.blue };
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  qs_paint_histogram (cr, &self->histogram, width, height);
  cairo_destroy (cr);
}

static void
qs_histogram_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 160 : 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 140;
}

static void
qs_histogram_view_finalize (GObject *object)
{
  clear (QS_HISTOGRAM_VIEW (object));

  G_OBJECT_CLASS (qs_histogram_view_parent_class)->finalize (object);
}

static void
qs_histogram_view_class_init (QsHistogramViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = qs_histogram_view_finalize;
  widget_class->snapshot = qs_histogram_view_snapshot;
  widget_class->measure = qs_histogram_view_measure;
  gtk_widget_class_set_css_name (widget_class, "histogram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
qs_histogram_view_init (QsHistogramView *self)
{
  qs_paint_histogram_init (&self->histogram);
}

GtkWidget *
qs_histogram_view_new (void)
{
  return g_object_new (QS_TYPE_HISTOGRAM_VIEW, NULL);
}
