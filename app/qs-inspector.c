/* qs-inspector.c — the side pane: everything about the selected layer
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The pane is rebuilt for every selection from plain core data: the node's
 * ports and attributes, the low-precision transformation's decision, the
 * FakeQuantize analysis (with a sortable per-channel table), the weights
 * (with a histogram of one output channel) and, after a run, the histogram
 * of the layer's float and fake-quant values.  Nothing here computes more
 * than one layer's worth, so it stays instant on large models.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "qs-fq-analysis.h"
#include "qs-histogram-view.h"
#include "qs-inspector.h"
#include "qs-run-figures.h"
#include "qs-weights.h"

/* One row of the per-channel table */

enum {
  COL_CHANNEL,
  COL_IN_LOW,
  COL_IN_HIGH,
  COL_OUT_LOW,
  COL_OUT_HIGH,
  COL_SCALE,
  COL_ZERO_POINT,
  N_COLS
};

#define QS_TYPE_CHANNEL_ITEM (qs_channel_item_get_type ())
G_DECLARE_FINAL_TYPE (QsChannelItem, qs_channel_item, QS, CHANNEL_ITEM, GObject)

struct _QsChannelItem
{
  GObject parent_instance;
  double  v[N_COLS];
};

G_DEFINE_FINAL_TYPE (QsChannelItem, qs_channel_item, G_TYPE_OBJECT)

static void
qs_channel_item_class_init (QsChannelItemClass *klass)
{
}

static void
qs_channel_item_init (QsChannelItem *self)
{
}

struct _QsInspector
{
  AdwBin          parent_instance;

  GtkStack       *stack;            /* the bin's child: not a template child, AdwBin unparents it */
  GtkScrolledWindow *scroller;
  GtkLabel       *type_label;
  GtkLabel       *name_label;
  GtkBox         *sections;

  const QsNode   *node;
  GtkColumnView  *channel_view;     /* inside sections, or NULL */

  /* weights of the node, for the per-channel histogram */
  float          *weights;
  guint64         n_weights;
  guint64         n_out;
  guint64         inner;
  QsFqInfo       *weight_fq;
  QsHistogramView *weight_histogram;
};

G_DEFINE_FINAL_TYPE (QsInspector, qs_inspector, ADW_TYPE_BIN)

/* Building blocks */

static GtkWidget *
add_section (QsInspector *self,
             const char  *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->sections, group);
  return group;
}

/* No label in the sidebar hyphenates ("Va-lu-es"): a row's title wraps only
 * between words, and a value that must break inside a long layer name
 * does so without a hyphen. */
static void
no_hyphens (GtkWidget *root)
{
  GtkWidget *child;

  if (GTK_IS_LABEL (root))
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
      gtk_label_set_attributes (GTK_LABEL (root), attrs);
      pango_attr_list_unref (attrs);
      if (gtk_widget_has_css_class (root, "title"))
        gtk_label_set_wrap_mode (GTK_LABEL (root), PANGO_WRAP_WORD);
    }
  for (child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    no_hyphens (child);
}

static GtkWidget *
add_row (GtkWidget  *group,
         const char *title,
         const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  /* Short values on one line; long ones wrap at words in a column wide
   * enough to read (a label that may wrap anywhere gets one letter a line). */
  if (g_utf8_strlen (value, -1) > 22)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (label), 18);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 26);
    }
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static void
add_row_printf (GtkWidget  *group,
                const char *title,
                const char *format,
                ...) G_GNUC_PRINTF (3, 4);

static void
add_row_printf (GtkWidget  *group,
                const char *title,
                const char *format,
                ...)
{
  g_autofree char *value = NULL;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  add_row (group, title, value);
}

/* Compact numbers: the sidebar is narrow, and four digits tell channels apart. */
static char *
number_text (double v)
{
  return g_strdup_printf ("%.4g", v);
}

static char *
range_text (const float *values,
            guint        n)
{
  float lo = INFINITY, hi = -INFINITY;
  g_autofree char *lo_text = NULL, *hi_text = NULL;
  guint i;

  for (i = 0; i < n; i++)
    {
      lo = MIN (lo, values[i]);
      hi = MAX (hi, values[i]);
    }
  if (n == 0)
    return g_strdup ("—");
  lo_text = number_text (lo);
  hi_text = number_text (hi);
  /* channels that differ past the digits shown read as one value */
  if (g_str_equal (lo_text, hi_text))
    return g_steal_pointer (&lo_text);
  /* TRANSLATORS: the smallest and largest value over the channels */
  return g_strdup_printf (_("%s to %s"), lo_text, hi_text);
}

/* A FakeQuantize range with its ends named: "[−2.59, 2.57]" for one
 * channel, and over channels "low −6.74 to −2.82" and "high 2.79 to 6.69"
 * on two lines, so that no pair of numbers reads as the range. */
static char *
fq_range_text (const float *low,
               const float *high,
               guint        n)
{
  g_autofree char *lo = range_text (low, n);
  g_autofree char *hi = range_text (high, n);

  if (n == 1)
    return g_strdup_printf ("[%s, %s]", lo, hi);
  /* TRANSLATORS: the low and high ends of a FakeQuantize range, over its channels */
  return g_strdup_printf (_("low %s\nhigh %s"), lo, hi);
}

static char *
port_text (const QsPort *port)
{
  g_autofree char *shape = qs_shape_to_string (&port->shape);
  QsElementType type = port->element_type;

  /* an input port need not say its type (built graphs do not): the tensor
   * feeding it does */
  if (type == QS_ELEMENT_UNDEFINED && port->source != NULL)
    type = port->source->element_type;
  return g_strdup_printf ("%s %s", qs_element_type_name (type), shape);
}

/* The per-channel table */

static int
compare_channels (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  int col = GPOINTER_TO_INT (user_data);
  double x = QS_CHANNEL_ITEM ((gpointer) a)->v[col];
  double y = QS_CHANNEL_ITEM ((gpointer) b)->v[col];

  return x < y ? GTK_ORDERING_SMALLER : x > y ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
channel_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "numeric");
  /* the small type of the sidebar's tables, five columns in its width */
  gtk_widget_add_css_class (label, "caption");
  gtk_list_item_set_child (item, label);
}

static void
channel_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  int col = GPOINTER_TO_INT (user_data);
  QsChannelItem *channel = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;

  if (col == COL_CHANNEL)
    text = g_strdup_printf ("%.0f", channel->v[col]);
  else
    text = number_text (channel->v[col]);
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static const char *
column_title (int col)
{
  switch (col)
    {
    case COL_CHANNEL:
      return C_("channel column", "Ch");
    case COL_IN_LOW:
      return _("In Low");
    case COL_IN_HIGH:
      return _("In High");
    case COL_OUT_LOW:
      return _("Out Low");
    case COL_OUT_HIGH:
      return _("Out High");
    case COL_SCALE:
      return _("Scale");
    case COL_ZERO_POINT:
    default:
      return _("Zero Pt");
    }
}

char *
qs_inspector_dup_channel_text (QsInspector *self)
{
  GListModel *model;
  GString *text;
  guint i, c;

  g_return_val_if_fail (QS_IS_INSPECTOR (self), NULL);

  if (self->channel_view == NULL)
    return NULL;
  model = G_LIST_MODEL (gtk_column_view_get_model (self->channel_view));
  text = g_string_new ("channel\tin_low\tin_high\tout_low\tout_high\tscale\tzero_point\n");
  for (i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(QsChannelItem) item = g_list_model_get_item (model, i);

      for (c = 0; c < N_COLS; c++)
        g_string_append_printf (text, c == 0 ? "%.0f" : "\t%.9g", item->v[c]);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static void
copy_channels_cb (GtkButton   *button,
                  QsInspector *self)
{
  g_autofree char *text = qs_inspector_dup_channel_text (self);

  if (text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}

static const int shown_columns[] = {
  COL_CHANNEL, COL_SCALE, COL_ZERO_POINT, COL_OUT_LOW, COL_OUT_HIGH, COL_IN_LOW, COL_IN_HIGH,
};

static GtkWidget *
new_channel_view (QsInspector    *self,
                  const QsFqInfo *info)
{
  GListStore *store = g_list_store_new (QS_TYPE_CHANNEL_ITEM);
  GtkWidget *view = gtk_column_view_new (NULL);
  GtkSortListModel *sorted;
  guint c;
  int col;

  for (c = 0; c < info->n_channels; c++)
    {
      QsChannelItem *item = g_object_new (QS_TYPE_CHANNEL_ITEM, NULL);

      item->v[COL_CHANNEL] = c;
      item->v[COL_IN_LOW] = info->il[c];
      item->v[COL_IN_HIGH] = info->ih[c];
      item->v[COL_OUT_LOW] = info->ol[c];
      item->v[COL_OUT_HIGH] = info->oh[c];
      item->v[COL_SCALE] = info->scale[c];
      item->v[COL_ZERO_POINT] = info->zero_point[c];
      g_list_store_append (store, item);
      g_object_unref (item);
    }

  /* Scale and zero point first, so that they show in the sidebar without
   * scrolling sideways; the input range only where it differs from the
   * output range.  Copying gives every column. */
  for (c = 0; c < G_N_ELEMENTS (shown_columns); c++)
    {
      GtkListItemFactory *factory;
      GtkColumnViewColumn *column;

      col = shown_columns[c];
      if ((col == COL_IN_LOW || col == COL_IN_HIGH) && info->same_ranges)
        continue;
      factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (channel_setup_cb), GINT_TO_POINTER (col));
      g_signal_connect (factory, "bind", G_CALLBACK (channel_bind_cb), GINT_TO_POINTER (col));
      /* with one range for input and output, its ends are just low and high */
      column = gtk_column_view_column_new (info->same_ranges && col == COL_OUT_LOW ? C_("range end", "Low")
                                           : info->same_ranges && col == COL_OUT_HIGH ? C_("range end", "High")
                                           : column_title (col), factory);
      gtk_column_view_column_set_sorter (column,
                                         GTK_SORTER (gtk_custom_sorter_new (compare_channels, GINT_TO_POINTER (col), NULL)));
      gtk_column_view_column_set_expand (column, col != COL_CHANNEL);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
      g_object_unref (column);
    }

  sorted = gtk_sort_list_model_new (G_LIST_MODEL (store),
                                    g_object_ref (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (view))));
  gtk_column_view_set_model (GTK_COLUMN_VIEW (view), GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (sorted))));
  gtk_widget_add_css_class (view, "data-table");
  gtk_widget_add_css_class (view, "channel-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Per-channel quantization"),
                                  -1);
  return view;
}

/* Sections */

static void
add_quantization (QsInspector       *self,
                  const QsNode      *node,
                  const QsLptResult *lpt)
{
  const QsNode *original = node->origin != NULL ? node->origin : node;
  const QsLptDecision *decision;
  GtkWidget *group;

  if (lpt == NULL)
    return;
  group = add_section (self, _("Quantization"));
  if (node->origin != NULL || original->graph != qs_lpt_result_get_original (lpt)->graph)
    {
      add_row (group, _("Role in the int8 graph"), qs_lpt_role_name (qs_lpt_result_get_role (lpt, node)));
      if (node->origin != NULL)
        add_row_printf (group, _("From layer"), "%s (%s)", node->origin->name, node->origin->type);
    }
  decision = qs_lpt_result_get_decision (lpt, original);
  if (decision == NULL)
    return;
  add_row (group, _("Precision"), qs_lpt_precision_name (decision->precision));
  add_row (group, _("Becomes"), qs_lpt_role_name (decision->role));
  if (decision->reason != NULL)
    add_row (group, decision->precision == QS_LPT_PRECISION_FP32 ? _("Stays fp32 because") : _("Note"),
             decision->reason);
  if (decision->nncf_ignored != NULL)
    add_row (group, _("NNCF ignored scope"), decision->nncf_ignored);
  if (decision->grid.mark != QS_LPT_GRID_OWN || decision->grid.from_aligned != NULL)
    {
      g_autofree char *grid = qs_lpt_grid_describe (&decision->grid);

      add_row (group, _("int8 grid"), grid);
    }
}

static void
add_fake_quantize (QsInspector  *self,
                   const QsNode *node)
{
  g_autoptr(QsFqInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *in_range = NULL, *out_range = NULL, *scale = NULL, *zp = NULL;
  GtkWidget *group, *view, *scroller, *header, *button, *box;

  if (!qs_node_is_type (node, "FakeQuantize"))
    return;
  group = add_section (self, _("FakeQuantize"));
  info = qs_fq_analyze (node, &error);
  if (info == NULL)
    {
      /* why there are no ranges is a note on the section, not a value */
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), error->message);
      return;
    }
  add_row_printf (group, _("Levels"), "%u", info->levels);
  add_row (group, _("Natural precision"), qs_fq_info_precision_name (info));
  if (info->axis < 0)
    add_row (group, _("Granularity"), _("per tensor"));
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "per channel: %u channel on axis %d",
                                                            "per channel: %u channels on axis %d", info->n_channels),
                                               info->n_channels, info->axis);
      add_row (group, _("Granularity"), text);
    }
  in_range = fq_range_text (info->il, info->ih, info->n_channels);
  out_range = fq_range_text (info->ol, info->oh, info->n_channels);
  scale = range_text (info->scale, info->n_channels);
  zp = range_text (info->zero_point, info->n_channels);
  add_row (group, _("Input range"), in_range);
  add_row (group, _("Output range"), out_range);
  add_row (group, _("Scale"), scale);
  add_row (group, _("Zero point"), zp);

  /* the table */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (header), g_object_new (GTK_TYPE_LABEL,
                                                  "label", _("Per Channel"),
                                                  "xalign", 0.0f,
                                                  "hexpand", TRUE,
                                                  "css-classes", (const char *[]) { "heading", NULL },
                                                  NULL));
  button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_tooltip_text (button, _("Copy the Table"));
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", G_CALLBACK (copy_channels_cb), self);
  gtk_box_append (GTK_BOX (header), button);
  gtk_box_append (GTK_BOX (box), header);

  view = new_channel_view (self, info);
  self->channel_view = GTK_COLUMN_VIEW (view);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), MIN (240, 36 + 28 * info->n_channels));
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_add_css_class (scroller, "card");
  gtk_widget_set_overflow (scroller, GTK_OVERFLOW_HIDDEN);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_box_append (self->sections, box);
}

static void
update_weight_histogram (QsInspector *self,
                         guint64      channel)
{
  guint64 counts[64] = { 0 };
  QsPaintHistogram h;
  float lo = INFINITY, hi = -INFINITY;
  guint64 i;

  if (self->weights == NULL || self->weight_histogram == NULL || self->n_out == 0)
    return;
  for (i = 0; i < self->n_weights; i++)
    if ((i / self->inner) % self->n_out == channel && isfinite (self->weights[i]))
      {
        lo = MIN (lo, self->weights[i]);
        hi = MAX (hi, self->weights[i]);
      }
  for (i = 0; i < self->n_weights; i++)
    if ((i / self->inner) % self->n_out == channel && isfinite (self->weights[i]))
      {
        int b = hi > lo ? (int) ((self->weights[i] - lo) / (hi - lo) * 64) : 0;
        counts[CLAMP (b, 0, 63)]++;
      }

  qs_paint_histogram_init (&h);
  h.n_series = 1;
  h.series[0] = (QsPaintHistogramSeries) {
    .counts = counts, .n_bins = 64, .min = lo, .max = hi,
    .label = _("Weights"), .rgb = qs_paint_histogram_float_rgb,
  };
  if (self->weight_fq != NULL && self->weight_fq->n_channels > 0)
    {
      guint c = self->weight_fq->n_channels == self->n_out ? channel : 0;

      /* The values drawn are the dequantized weights, the FakeQuantize's
       * output: its input range is that of the stored codes ([0, 254] for
       * u8 weights), which would squeeze every bar into a line. */
      h.has_range = TRUE;
      h.range_low = MIN (self->weight_fq->ol[c], self->weight_fq->oh[c]);
      h.range_high = MAX (self->weight_fq->ol[c], self->weight_fq->oh[c]);
      h.range_label = _("FakeQuantize output range");
    }
  qs_histogram_view_set (self->weight_histogram, &h);
}

static void
weight_channel_changed_cb (GtkSpinButton *spin,
                           QsInspector   *self)
{
  update_weight_histogram (self, gtk_spin_button_get_value_as_int (spin));
}

static void
add_weights (QsInspector  *self,
             const QsNode *node)
{
  g_autoptr(QsQuantWeights) quant = NULL;
  g_autoptr(GError) error = NULL;
  QsWeightChain chain;
  GtkWidget *group, *row, *spin, *histogram;
  guint input;
  double sum = 0, sum2 = 0;
  float lo = INFINITY, hi = -INFINITY;
  guint64 i, n_finite = 0;

  if (!qs_node_is_weighted (node, &input))
    return;
  group = add_section (self, _("Weights"));
  if (qs_weights_classify (node, input, &chain))
    add_row (group, _("Stored as"), qs_weight_form_describe (chain.form));
  quant = qs_quant_weights_read (node, input, &error);
  if (quant == NULL)
    {
      /* why there are no values is a note on the section, not a value */
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), error->message);
      return;
    }
  {
    g_autoptr(GString) dims = g_string_new ("[");
    int d;

    for (d = 0; d < quant->rank; d++)
      g_string_append_printf (dims, d > 0 ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT, quant->dims[d]);
    g_string_append_c (dims, ']');
    add_row (group, _("Shape"), dims->str);
  }
  add_row_printf (group, _("Output channels"), "%" G_GUINT64_FORMAT, quant->n_out);
  row = add_row (group, _("int8 weights"), quant->i8 != NULL ? _("yes") : _("no"));
  /* the reason under the row's title, not in place of its value */
  if (quant->i8 == NULL && quant->reason != NULL)
    {
      g_autofree char *reason = g_markup_escape_text (quant->reason, -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason);
    }
  add_row_printf (group, _("Exact zeros"), "%.2f %%", quant->sparsity * 100);

  self->weights = qs_weights_to_f32 (node, input, &self->n_weights, NULL);
  if (self->weights == NULL || self->n_weights == 0)
    return;
  for (i = 0; i < self->n_weights; i++)
    if (isfinite (self->weights[i]))
      {
        lo = MIN (lo, self->weights[i]);
        hi = MAX (hi, self->weights[i]);
        sum += self->weights[i];
        sum2 += (double) self->weights[i] * self->weights[i];
        n_finite++;
      }
  if (n_finite > 0)
    {
      double mean = sum / n_finite;

      add_row_printf (group, _("Range"), "%.5g … %.5g", lo, hi);
      add_row_printf (group, _("Mean ± std"), "%.4g ± %.4g", mean, sqrt (MAX (0, sum2 / n_finite - mean * mean)));
    }

  self->n_out = MAX (quant->n_out, 1);
  self->inner = MAX (quant->inner, 1);
  if (chain.fake_quantize != NULL)
    self->weight_fq = qs_fq_analyze (chain.fake_quantize, NULL);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Histogram of output channel"));
  spin = gtk_spin_button_new_with_range (0, self->n_out - 1, 1);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Output channel"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  histogram = qs_histogram_view_new ();
  gtk_widget_set_margin_top (histogram, 6);
  gtk_widget_set_size_request (histogram, -1, 130);
  self->weight_histogram = QS_HISTOGRAM_VIEW (histogram);
  gtk_box_append (self->sections, histogram);
  g_signal_connect (spin, "value-changed", G_CALLBACK (weight_channel_changed_cb), self);
  update_weight_histogram (self, 0);
}

static void
histogram_from_mode (QsPaintHistogram    *h,
                     const QsAnalysisRow *row,
                     const QsModeStats   *stats,
                     const char          *label,
                     QsPaintRgb           rgb)
{
  QsPaintHistogramSeries *s;

  if (!stats->has || row->bins_from == QS_BINS_NONE)
    return;
  s = &h->series[h->n_series++];
  s->counts = stats->histogram;
  s->n_bins = QS_STATS_BINS;
  s->min = row->bins.lo;
  s->max = row->bins.hi;
  s->label = label;
  s->rgb = rgb;
}

static void
add_run (QsInspector      *self,
         const QsNode     *node,
         QsAnalysisResult *run)
{
  const QsNode *original = node->origin != NULL ? node->origin : node;
  const QsAnalysisRow *row;
  const QsModeStats *fs;
  g_autofree char *description = NULL;
  GtkWidget *group, *histogram;
  QsPaintHistogram h;
  guint m;

  if (run == NULL || (row = qs_analysis_result_find_row (run, original, 0)) == NULL)
    return;
  group = add_section (self, run->n_samples > 1 ? _("Data Set") : _("Last Run"));
  description = qs_run_describe (run);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  if (original->n_outputs > 1)
    {
      guint p;

      /* every output port has its row (a split's outputs differ), with
       * its SQNR; the figures below are output 0's */
      for (p = 0; p < original->n_outputs; p++)
        {
          const QsAnalysisRow *r = qs_analysis_result_find_row (run, original, p);
          g_autofree char *title = g_strdup_printf (_("Output %u"), p);
          g_autofree char *sqnr = NULL;

          if (r == NULL)
            continue;
          if (r->figures[QS_FIGURE_SQNR].has)
            sqnr = qs_run_figure_format (QS_FIGURE_SQNR, qs_run_row_value (r, QS_FIGURE_SQNR, QS_AGGREGATE_MEAN));
          if (sqnr != NULL)
            /* TRANSLATORS: an output's element type and shape, then its SQNR in dB */
            add_row_printf (group, title, _("%s %s, %s dB"), qs_element_type_name (r->element_type), r->shape, sqnr);
          else
            add_row_printf (group, title, "%s %s", qs_element_type_name (r->element_type), r->shape);
        }
    }
  else
    add_row_printf (group, _("Output"), "%s %s", qs_element_type_name (row->element_type), row->shape);
  for (m = 0; m < QS_RUN_N_FIGURES; m++)
    {
      QsFigure figure = qs_run_figures[m];
      const QsFigureValue *v = &row->figures[figure];
      g_autofree char *mean = NULL;

      if (!v->has)
        continue;
      mean = qs_run_figure_format (figure, qs_run_row_value (row, figure, QS_AGGREGATE_MEAN));
      if (run->n_samples > 1)
        {
          g_autofree char *worst = qs_run_figure_format (figure, qs_run_row_value (row, figure, QS_AGGREGATE_WORST));
          const char *sample = v->worst_sample < run->n_sample_records ? run->samples[v->worst_sample].name : "?";

          /* TRANSLATORS: a figure's mean over samples, its worst value and the sample that gave it */
          add_row_printf (group, qs_run_figure_title (figure), _("%s, worst %s (%s)"), mean, worst, sample);
        }
      else
        add_row (group, qs_run_figure_title (figure), mean);
    }
  if (row->figures[QS_FIGURE_LSB_LOCAL].has && (row->int8_grid != QS_LPT_GRID_OWN || row->int8_grid_from != NULL))
    {
      g_autofree char *note = qs_analysis_row_grid_note (row);

      /* why the int8 codes may miss the fake-quant ones: in whose steps they count */
      add_row (group, _("int8 grid"), note);
    }

  fs = &row->stats[QS_EXEC_MODE_FLOAT];
  qs_paint_histogram_init (&h);
  histogram_from_mode (&h, row, fs, _("float"), qs_paint_histogram_float_rgb);
  histogram_from_mode (&h, row, &row->stats[QS_EXEC_MODE_FAKE_QUANT], _("fake-quant"), qs_paint_histogram_quant_rgb);
  if (h.n_series == 0)
    return;
  if (fs->has && (fs->below > 0 || fs->above > 0))
    {
      g_autofree char *below = g_strdup_printf ("%" G_GUINT64_FORMAT, fs->below);
      g_autofree char *above = g_strdup_printf ("%" G_GUINT64_FORMAT, fs->above);

      /* TRANSLATORS: float values outside the histogram's bins, below and above them */
      add_row_printf (group, _("Outside the bins"), _("%s below, %s above"), below, above);
    }
  if (row->has_fq)
    {
      h.has_range = TRUE;
      h.range_low = row->fq_range.in_low;
      h.range_high = row->fq_range.in_high;
      h.range_label = _("clipped");
    }
  histogram = qs_histogram_view_new ();
  gtk_widget_set_size_request (histogram, -1, 150);
  qs_histogram_view_set (QS_HISTOGRAM_VIEW (histogram), &h);
  gtk_box_append (self->sections, histogram);
}

static void
add_ports (QsInspector  *self,
           const QsNode *node)
{
  GtkWidget *group;
  guint i;

  if (node->n_inputs > 0)
    {
      group = add_section (self, _("Inputs"));
      for (i = 0; i < node->n_inputs; i++)
        {
          const QsPort *port = &node->inputs[i];
          g_autofree char *title = g_strdup_printf (_("Input %u"), i);
          g_autofree char *text = port_text (port);

          if (port->source != NULL)
            add_row_printf (group, title, _("%s from %s"), text, port->source->node->name);
          else
            add_row (group, title, text);
        }
    }
  if (node->n_outputs > 0)
    {
      group = add_section (self, _("Outputs"));
      for (i = 0; i < node->n_outputs; i++)
        {
          g_autofree char *title = g_strdup_printf (_("Output %u"), i);
          g_autofree char *text = port_text (&node->outputs[i]);
          guint n = node->outputs[i].n_consumers;

          add_row_printf (group, title, g_dngettext (GETTEXT_PACKAGE, "%s to %u layer", "%s to %u layers", n), text, n);
        }
    }
}

static void
add_attributes (QsInspector  *self,
                const QsNode *node)
{
  GtkWidget *group = add_section (self, _("Layer"));
  guint i;

  add_row_printf (group, _("Id"), "%" G_GUINT64_FORMAT, node->id);
  add_row_printf (group, _("Version"), "%s", node->version[0] != '\0' ? node->version : "—");
  if (node->line > 0)
    add_row_printf (group, _("Line in the XML"), "%u", node->line);
  if (node->konst != NULL)
    add_row_printf (group, _("Constant"), "%s, %" G_GUINT64_FORMAT " elements",
                    qs_element_type_name (node->konst->element_type), node->konst->n_elements);
  for (i = 0; i < node->n_attrs; i++)
    add_row (group, node->attr_keys[i], node->attr_values[i]);
}

static void
clear_sections (QsInspector *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections))) != NULL)
    gtk_box_remove (self->sections, child);
  self->channel_view = NULL;
  self->weight_histogram = NULL;
  g_clear_pointer (&self->weights, g_free);
  g_clear_pointer (&self->weight_fq, qs_fq_info_free);
  self->n_weights = self->n_out = self->inner = 0;
}

void
qs_inspector_set_node (QsInspector       *self,
                       const QsNode      *node,
                       const QsLptResult *lpt,
                       QsAnalysisResult  *run)
{
  g_return_if_fail (QS_IS_INSPECTOR (self));

  clear_sections (self);
  self->node = node;
  if (node == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  gtk_label_set_text (self->type_label, node->type);
  gtk_label_set_text (self->name_label, node->name);
  add_quantization (self, node, lpt);
  add_fake_quantize (self, node);
  add_run (self, node, run);
  add_weights (self, node);
  add_ports (self, node);
  add_attributes (self, node);

  no_hyphens (GTK_WIDGET (self->sections));
  no_hyphens (GTK_WIDGET (self->name_label));

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_stack_set_visible_child_name (self->stack, "node");
}

const QsNode *
qs_inspector_get_node (QsInspector *self)
{
  g_return_val_if_fail (QS_IS_INSPECTOR (self), NULL);

  return self->node;
}

GtkColumnView *
qs_inspector_get_channel_view (QsInspector *self)
{
  g_return_val_if_fail (QS_IS_INSPECTOR (self), NULL);

  return self->channel_view;
}

static void
qs_inspector_dispose (GObject *object)
{
  QsInspector *self = QS_INSPECTOR (object);

  clear_sections (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), QS_TYPE_INSPECTOR);

  G_OBJECT_CLASS (qs_inspector_parent_class)->dispose (object);
}

static void
qs_inspector_class_init (QsInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qs_inspector_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/qscope/Qscope/qs-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, QsInspector, scroller);
  gtk_widget_class_bind_template_child (widget_class, QsInspector, type_label);
  gtk_widget_class_bind_template_child (widget_class, QsInspector, name_label);
  gtk_widget_class_bind_template_child (widget_class, QsInspector, sections);
  gtk_widget_class_set_css_name (widget_class, "inspector");
}

static void
qs_inspector_init (QsInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));
}
