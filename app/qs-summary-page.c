/* qs-summary-page.c — the facts of a loaded model, as a scrolling page
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Reads the JSON of qs_model_summarize() (the same facts `qscope-cli info`
 * prints, keys documented in the README) and lays them out as boxed lists.
 * A page is built once per model; loading another model builds a new page.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "qs-findings.h"
#include "qs-summary-page.h"

struct _QsSummaryPage
{
  AdwBin                parent_instance;

  GtkLabel             *name_label;
  GtkLabel             *file_label;
  GtkLabel             *ir_version_label;
  GtkLabel             *layers_label;
  GtkLabel             *weights_label;
  GtkLabel             *load_time_label;
  GtkLabel             *memory_label;
  AdwPreferencesGroup  *inputs_group;
  AdwPreferencesGroup  *outputs_group;
  AdwPreferencesGroup  *quantization_group;
  AdwActionRow         *fake_quantize_row;
  GtkLabel             *fake_quantize_label;
  AdwPreferencesGroup  *weights_group;
  AdwPreferencesGroup  *constants_group;
  AdwPreferencesGroup  *types_group;
  AdwPreferencesGroup  *low_precision_group;
  GtkBox               *findings_box;
  GPtrArray            *fp32_groups;       /* QsLptReasonGroup *, for the rows' buttons */
};

enum {
  FIND_LAYERS,
  SELECT_LAYER,
  SELECT_SAMPLE,
  SELECT_GROUP,
  N_SIGNALS
};

/* How many rows each finding lists. */
#define N_FINDINGS 5

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (QsSummaryPage, qs_summary_page, ADW_TYPE_BIN)

/* The weight forms of qs-weights.c, by their JSON name, for a person. */
static const struct
{
  const char *name;
  const char *description;
} weight_forms[] = {
  { "float", N_("Float constants") },
  { "fq-float", N_("Float constants → FakeQuantize") },
  { "fq-int", N_("Integer constants → Convert → FakeQuantize") },
  { "sub-mul", N_("Integer constants → Convert → Subtract → Multiply") },
  { "mul", N_("Integer constants → Convert → Multiply") },
  { "grouped", N_("Grouped 4/8-bit constants → … → Multiply → Reshape") },
  { "other", N_("Constants through other operations") },
};

static char *
format_count (gint64 n)
{
  /* the ' flag groups thousands the way the locale does */
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

static GtkWidget *
suffix_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "numeric");
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  return label;
}

/* Row titles and subtitles are markup; names from a model are not. */
static GtkWidget *
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle,
         const char          *suffix)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  if (subtitle != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
    }
  if (suffix != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix_label (suffix));
  adw_preferences_group_add (group, row);
  return row;
}

static void
add_count_row (AdwPreferencesGroup *group,
               const char          *title,
               const char          *subtitle,
               gint64               count)
{
  g_autofree char *text = format_count (count);

  add_row (group, title, subtitle, text);
}

static char *
display_path (GFile *file)
{
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
  g_autofree char *relative = g_file_get_relative_path (home, file);

  if (relative != NULL)
    return g_build_filename ("~", relative, NULL);
  return g_file_get_parse_name (file);
}

static void
fill_tensors (AdwPreferencesGroup *group,
              JsonArray           *tensors)
{
  guint i;

  if (tensors == NULL || json_array_get_length (tensors) == 0)
    {
      add_row (group, _("None"), NULL, NULL);
      return;
    }

  for (i = 0; i < json_array_get_length (tensors); i++)
    {
      JsonObject *t = json_array_get_object_element (tensors, i);
      const char *name = json_object_get_string_member_with_default (t, "name", "?");
      const char *shape = json_object_get_string_member_with_default (t, "shape", "?");
      const char *type = json_object_get_string_member_with_default (t, "element_type", "?");
      JsonArray *names = json_object_has_member (t, "tensor_names")
                         ? json_object_get_array_member (t, "tensor_names") : NULL;
      g_autoptr(GString) joined = g_string_new (NULL);
      g_autofree char *subtitle = NULL;
      g_autofree char *suffix = g_strdup_printf ("%s %s", type, shape);
      gboolean same = TRUE;
      guint j;

      for (j = 0; names != NULL && j < json_array_get_length (names); j++)
        {
          const char *tensor = json_array_get_string_element (names, j);

          if (j > 0)
            g_string_append (joined, ", ");
          g_string_append (joined, tensor);
          same = same && g_strcmp0 (tensor, name) == 0;
        }
      /* Only worth a line when the tensor is known by another name. */
      if (joined->len > 0 && !same)
        subtitle = g_strdup_printf (_("Tensor names: %s"), joined->str);

      add_row (group, name, subtitle, suffix);
    }
}

static char *
describe_levels (const char *levels)
{
  gint64 n = g_ascii_strtoll (levels, NULL, 10);
  int bits;

  if (n < 2)
    return NULL;
  bits = (int) ceil (log2 ((double) n));
  /* 255 levels is 8-bit with the most negative value left out */
  if (n == (G_GINT64_CONSTANT (1) << bits) - 1)
    return g_strdup_printf (_("%d-bit, narrow range"), bits);
  return g_strdup_printf (_("%d-bit"), bits);
}

static void
fill_quantization (QsSummaryPage *self,
                   JsonObject    *fq)
{
  gint64 count = json_object_get_int_member_with_default (fq, "count", 0);
  gint64 per_tensor = json_object_get_int_member_with_default (fq, "per_tensor", 0);
  gint64 per_channel = json_object_get_int_member_with_default (fq, "per_channel", 0);
  g_autofree char *count_text = format_count (count);
  g_autofree char *per_tensor_text = NULL;
  g_autofree char *per_channel_text = NULL;
  g_autofree char *split = NULL;
  JsonObject *levels;
  g_autoptr(GList) members = NULL;
  GList *l;

  gtk_label_set_label (self->fake_quantize_label, count_text);
  if (count == 0)
    {
      adw_action_row_set_subtitle (self->fake_quantize_row, _("The model is not quantized with FakeQuantize"));
      return;
    }

  per_tensor_text = format_count (per_tensor);
  per_channel_text = format_count (per_channel);
  split = g_strdup_printf (_("%s per-tensor, %s per-channel"), per_tensor_text, per_channel_text);
  adw_action_row_set_subtitle (self->fake_quantize_row, split);

  levels = json_object_has_member (fq, "levels") ? json_object_get_object_member (fq, "levels") : NULL;
  if (levels != NULL)
    members = json_object_get_members (levels);
  for (l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      g_autofree char *title = g_strdup_printf (_("%s levels"), key);
      g_autofree char *subtitle = describe_levels (key);

      add_count_row (self->quantization_group, title, subtitle,
                     json_object_get_int_member (levels, key));
    }
}

static void
fill_weight_forms (QsSummaryPage *self,
                   JsonObject    *forms)
{
  g_autoptr(GList) members = forms != NULL ? json_object_get_members (forms) : NULL;
  GList *l;

  if (members == NULL)
    {
      add_row (self->weights_group, _("No weighted layers"), NULL, NULL);
      return;
    }

  for (l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      const char *colon = strchr (key, ':');
      g_autofree char *form = colon != NULL ? g_strndup (key, colon - key) : g_strdup (key);
      g_autofree char *subtitle = NULL;
      const char *title = form;
      guint i;

      for (i = 0; i < G_N_ELEMENTS (weight_forms); i++)
        if (g_str_equal (form, weight_forms[i].name))
          title = _(weight_forms[i].description);
      if (colon != NULL)
        subtitle = g_strdup_printf (_("Stored as %s"), colon + 1);

      add_count_row (self->weights_group, title, subtitle, json_object_get_int_member (forms, key));
    }
}

static void
fill_counts (AdwPreferencesGroup *group,
             JsonObject          *counts)
{
  g_autoptr(GList) members = counts != NULL ? json_object_get_members (counts) : NULL;
  GList *l;

  if (members == NULL)
    add_row (group, _("None"), NULL, NULL);
  for (l = members; l != NULL; l = l->next)
    add_count_row (group, l->data, NULL, json_object_get_int_member (counts, l->data));
}

static void
fill_layer_types (QsSummaryPage *self,
                  JsonArray     *types)
{
  guint i;

  for (i = 0; types != NULL && i < json_array_get_length (types); i++)
    {
      JsonObject *t = json_array_get_object_element (types, i);
      const char *version = json_object_get_string_member_with_default (t, "version", "");

      add_count_row (self->types_group,
                     json_object_get_string_member_with_default (t, "type", "?"),
                     version[0] != '\0' ? version : NULL,
                     json_object_get_int_member_with_default (t, "count", 0));
    }
}

static void
fill (QsSummaryPage *self,
      JsonObject    *o,
      GFile         *file)
{
  const char *name = json_object_get_string_member_with_default (o, "name", "");
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *path = display_path (file);
  g_autofree char *ir_version = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 json_object_get_int_member_with_default (o, "ir_version", 0));
  g_autofree char *layers = format_count (json_object_get_int_member_with_default (o, "layers", 0));
  g_autofree char *weights = g_format_size (json_object_get_int_member_with_default (o, "bin_bytes", 0));
  double seconds = json_object_get_double_member_with_default (o, "load_seconds", 0);
  g_autofree char *memory = g_format_size (json_object_get_int_member_with_default (o, "memory_bytes", 0));
  g_autofree char *load_time = NULL;

  gtk_label_set_label (self->name_label, name[0] != '\0' ? name : basename);
  gtk_label_set_label (self->file_label, path);
  gtk_label_set_label (self->ir_version_label, ir_version);
  gtk_label_set_label (self->layers_label, layers);
  if (json_object_get_boolean_member_with_default (o, "weights_loaded", TRUE))
    gtk_label_set_label (self->weights_label, weights);
  else
    gtk_label_set_label (self->weights_label, _("Not loaded"));

  if (seconds < 1.0)
    load_time = g_strdup_printf (_("%.0f ms"), seconds * 1000.0);
  else
    load_time = g_strdup_printf (_("%.1f s"), seconds);
  gtk_label_set_label (self->load_time_label, load_time);
  gtk_label_set_label (self->memory_label, memory);

  fill_tensors (self->inputs_group,
                json_object_has_member (o, "inputs") ? json_object_get_array_member (o, "inputs") : NULL);
  fill_tensors (self->outputs_group,
                json_object_has_member (o, "outputs") ? json_object_get_array_member (o, "outputs") : NULL);
  if (json_object_has_member (o, "fake_quantize"))
    fill_quantization (self, json_object_get_object_member (o, "fake_quantize"));
  fill_weight_forms (self, json_object_has_member (o, "weight_forms")
                           ? json_object_get_object_member (o, "weight_forms") : NULL);
  fill_counts (self->constants_group, json_object_has_member (o, "const_element_types")
                                      ? json_object_get_object_member (o, "const_element_types") : NULL);
  fill_layer_types (self, json_object_has_member (o, "layer_types")
                          ? json_object_get_array_member (o, "layer_types") : NULL);
}

static void
qs_summary_page_dispose (GObject *object)
{
  g_clear_pointer (&QS_SUMMARY_PAGE (object)->fp32_groups, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), QS_TYPE_SUMMARY_PAGE);

  G_OBJECT_CLASS (qs_summary_page_parent_class)->dispose (object);
}

static void
qs_summary_page_class_init (QsSummaryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qs_summary_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/qscope/Qscope/qs-summary-page.ui");
  gtk_widget_class_set_css_name (widget_class, "qssummarypage");
  gtk_widget_class_bind_template_child (widget_class, QsSummaryPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, QsSummaryPage, file_label);
  gtk_widget_class_bind_template_child (widget_class, QsSummaryPage, ir_version_label);
  gtk_widget_class_bind_template_child (widget_class, QsSummaryPage, layers_label);
  gtk_widget_class_bind_template_child (widget_class, QsSummaryPage, weights_label);
  gtk_widget_class_bind_template_child (widget_class, QsSummaryPage, load_time_label);
  gtk_widget_class_bind_template_child (widget_class, QsSummaryPage, memory_label);
  gtk_widget_class_bind_template_child (widget_class, QsSummaryPage, inputs_group);
  gtk_widget_class_bind_template_child (widget_class, QsSummaryPage, outputs_group);
  gtk_widget_class_bind_template_child (widget_class, QsSummaryPage, quantization_group);
  gtk_widget_class_bind_template_child (widget_class, QsSummaryPage, fake_quantize_row);
  gtk_widget_class_bind_template_child (widget_class, QsSummaryPage, fake_quantize_label);
  gtk_widget_class_bind_template_child (widget_class, QsSummaryPage, weights_group);
  gtk_widget_class_bind_template_child (widget_class, QsSummaryPage, constants_group);
  gtk_widget_class_bind_template_child (widget_class, QsSummaryPage, types_group);
  gtk_widget_class_bind_template_child (widget_class, QsSummaryPage, low_precision_group);
  gtk_widget_class_bind_template_child (widget_class, QsSummaryPage, findings_box);

  /**
   * QsSummaryPage::find-layers:
   * @layers: (element-type const QsNode): the layers of a finding
   * @words: what the finding says of them
   *
   * A finding's button asks to show its layers in the graph.
   */
  signals[FIND_LAYERS] = g_signal_new ("find-layers", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_PTR_ARRAY, G_TYPE_STRING);
  /**
   * QsSummaryPage::select-layer:
   * @node: (type gpointer): the layer (a const QsNode * of the model on show)
   *
   * A finding's link asks to select a layer in the graph.
   */
  signals[SELECT_LAYER] = g_signal_new ("select-layer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  /**
   * QsSummaryPage::select-sample:
   * @sample: the sample's index in the run
   *
   * A finding's link asks to show a sample in the run's chart.
   */
  signals[SELECT_SAMPLE] = g_signal_new ("select-sample", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * QsSummaryPage::select-group:
   * @group: the group's rank in the sensitivity ranking
   *
   * A finding's link asks to show a quantizer group of the ranking.
   */
  signals[SELECT_GROUP] = g_signal_new ("select-group", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
qs_summary_page_init (QsSummaryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * qs_summary_page_new:
 * @summary: the object qs_model_summarize() returns
 * @file: the model's .xml
 *
 * Returns: (transfer floating): a new page showing @summary
 */
GtkWidget *
qs_summary_page_new (JsonObject *summary,
                     GFile      *file)
{
  QsSummaryPage *self;

  g_return_val_if_fail (summary != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (QS_TYPE_SUMMARY_PAGE, NULL);
  fill (self, summary, file);
  return GTK_WIDGET (self);
}

static void
find_clicked_cb (GtkButton     *button,
                 QsSummaryPage *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "qs-group"));
  const QsLptReasonGroup *group;

  if (self->fp32_groups == NULL || i >= self->fp32_groups->len)
    return;
  group = self->fp32_groups->pdata[i];
  g_signal_emit (self, signals[FIND_LAYERS], 0, group->layers, group->reason);
}

/**
 * qs_summary_page_set_low_precision:
 * @lpt: (nullable): the model's transformation, or NULL without weights
 *
 * Shows first what `qscope-cli lpt` says first: the compute layers in int8,
 * and those in fp32 grouped by reason (qs_lpt_result_fp32_groups()), each
 * group with a button that emits ::find-layers.
 */
void
qs_summary_page_set_low_precision (QsSummaryPage     *self,
                                   const QsLptResult *lpt)
{
  g_autofree char *coverage = NULL;
  guint n_int8, n_compute, i;
  GtkWidget *row;

  g_return_if_fail (QS_IS_SUMMARY_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->low_precision_group), lpt != NULL);
  if (lpt == NULL)
    return;
  g_clear_pointer (&self->fp32_groups, g_ptr_array_unref);
  self->fp32_groups = qs_lpt_result_fp32_groups (lpt, &n_int8, &n_compute);
  coverage = g_strdup_printf ("%u / %u", n_int8, n_compute);
  row = add_row (self->low_precision_group, _("Compute layers in int8"),
                 n_compute == 0 ? _("The model has no convolution or matrix product")
                 : n_compute == n_int8 ? _("All of them: every convolution and matrix product takes u8/i8 inputs")
                                       : _("Convolutions and matrix products on u8/i8 inputs"),
                 coverage);
  gtk_widget_set_name (row, "int8-coverage");
  /* the plugin's restrictions depend on the CPU (qscope-cli lpt --cpu) */
  row = add_row (self->low_precision_group, _("CPU target"),
                 _("Whose restrictions of the CPU plugin the prediction applies"),
                 qs_lpt_cpu_name (qs_lpt_result_get_cpu (lpt)));
  gtk_widget_set_name (row, "lpt-cpu");
  for (i = 0; i < self->fp32_groups->len; i++)
    {
      const QsLptReasonGroup *group = self->fp32_groups->pdata[i];
      const QsNode *first = group->layers->pdata[0];
      g_autofree char *title = g_strdup_printf (ngettext ("%u layer in fp32", "%u layers in fp32", group->layers->len),
                                                group->layers->len);
      g_autofree char *subtitle = NULL;
      GtkWidget *button = gtk_button_new_from_icon_name ("edit-find-symbolic");

      subtitle = group->layers->len == 1
                 ? g_strdup_printf ("%s (%s)", group->reason, first->name)
                 : g_strdup_printf (_("%s (%s and %u more)"), group->reason, first->name, group->layers->len - 1);
      row = add_row (self->low_precision_group, title, subtitle, NULL);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Show these layers in the graph"));
      g_object_set_data (G_OBJECT (button), "qs-group", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (find_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
    }
}

/* The heading: the model's name, or its file's when it has none. */
const char *
qs_summary_page_get_title (QsSummaryPage *self)
{
  g_return_val_if_fail (QS_IS_SUMMARY_PAGE (self), NULL);

  return gtk_label_get_label (self->name_label);
}

/* Findings: the rankings of qs-findings.h (and the run's and the ranking's
 * own), each row a link. */

static void
link_clicked_cb (GtkButton     *button,
                 QsSummaryPage *self)
{
  guint signal = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "qs-signal"));
  gpointer data = g_object_get_data (G_OBJECT (button), "qs-data");

  if (signal == SELECT_LAYER)
    g_signal_emit (self, signals[SELECT_LAYER], 0, data);
  else
    g_signal_emit (self, signals[signal], 0, GPOINTER_TO_UINT (data));
}

static AdwPreferencesGroup *
add_findings_group (QsSummaryPage *self,
                    const char    *title,
                    const char    *description,
                    const char    *name)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_widget_set_name (group, name);
  gtk_box_append (self->findings_box, group);
  return ADW_PREFERENCES_GROUP (group);
}

/* A row whose button (and the row itself) emits @signal with @data. */
static void
add_link_row (QsSummaryPage       *self,
              AdwPreferencesGroup *group,
              const char          *title,
              const char          *subtitle,
              const char          *suffix,
              const char          *tooltip,
              guint                signal,
              gpointer             data)
{
  GtkWidget *row = add_row (group, title, subtitle, suffix);
  GtkWidget *button = gtk_button_new_from_icon_name ("find-location-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  g_object_set_data (G_OBJECT (button), "qs-signal", GUINT_TO_POINTER (signal));
  g_object_set_data (G_OBJECT (button), "qs-data", data);
  g_signal_connect (button, "clicked", G_CALLBACK (link_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
}

static char *
format_percent (double share)
{
  /* small shares keep a digit that says they are not zero */
  return g_strdup_printf (share < 0.001 ? "%.3f %%" : "%.1f %%", share * 100.0);
}

static char *
format_db (double db)
{
  if (isinf (db))
    return g_strdup (db > 0 ? "∞ dB" : "−∞ dB");
  return g_strdup_printf (_("%.1f dB"), db);
}

static const char *
fq_kind (const QsFqFinding *f)
{
  return f->on_weights ? _("weights") : _("activations");
}

static void
fill_fq_findings (QsSummaryPage *self,
                  GArray        *all,
                  gboolean       after_run)
{
  g_autoptr(GArray) clip = qs_fq_findings_rank (all, QS_FQ_RANK_CLIPPED, N_FINDINGS);
  g_autoptr(GArray) fewest = qs_fq_findings_rank (all, QS_FQ_RANK_FEWEST_LEVELS, N_FINDINGS);
  AdwPreferencesGroup *group;
  guint i;

  group = add_findings_group (self, _("FakeQuantize That Clip Most"),
                              after_run ? _("The share of the values each receives that lies outside its input range, "
                                            "over the run’s samples")
                                        : _("The share of the weights each leaves outside its input range; run the model to "
                                            "measure the activations"),
                              "findings-clipped");
  if (clip->len == 0)
    {
      gboolean any_on_weights = FALSE;

      for (i = 0; i < all->len && !any_on_weights; i++)
        any_on_weights = g_array_index (all, QsFqFinding, i).on_weights;
      add_row (group,
               after_run ? _("None of them clips")
               : any_on_weights ? _("No weight FakeQuantize clips")
                                : _("No FakeQuantize on the weights: they are stored already quantized"),
               NULL, NULL);
    }
  for (i = 0; i < clip->len; i++)
    {
      const QsFqFinding *f = &g_array_index (clip, QsFqFinding, i);
      g_autofree char *share = format_percent (f->clipped);
      g_autofree char *subtitle = g_strdup_printf (_("%s, %u levels"), fq_kind (f), f->levels);

      add_link_row (self, group, f->node->name, subtitle, share, _("Select this layer in the graph"),
                    SELECT_LAYER, (gpointer) f->node);
    }

  group = add_findings_group (self, _("FakeQuantize Using Fewest Levels"),
                              after_run ? _("The codes their values reach over the run’s samples, out of their levels")
                                        : _("The codes their weights reach, out of their levels; for activations the "
                                            "levels alone, until a run measures them"),
                              "findings-levels");
  if (fewest->len == 0)
    add_row (group, _("None"), NULL, NULL);
  /* before a run, activations alike in their levels tell nothing apart */
  for (i = 0; i < all->len; i++)
    {
      const QsFqFinding *f = &g_array_index (all, QsFqFinding, i);

      if (f->levels_used > 0 || f->levels != g_array_index (all, QsFqFinding, 0).levels)
        break;
    }
  if (all->len > 1 && i == all->len)
    {
      g_autofree char *title = g_strdup_printf (_("All %u FakeQuantize have %u levels"),
                                                all->len, g_array_index (all, QsFqFinding, 0).levels);

      add_row (group, title, _("Run the model to count the codes each reaches"), NULL);
      g_array_set_size (fewest, 0);
    }
  for (i = 0; i < fewest->len; i++)
    {
      const QsFqFinding *f = &g_array_index (fewest, QsFqFinding, i);
      g_autofree char *used = NULL;
      g_autofree char *subtitle = NULL;

      if (f->sparsest_levels > 0)
        {
          used = g_strdup_printf (_("%u of %u"), f->sparsest_levels, f->levels);
          /* TRANSLATORS: per-channel weights, the channel that reaches fewest codes */
          subtitle = g_strdup_printf (_("weights, channel %d of %u at fewest"), f->sparsest_channel,
                                      f->n_channels);
        }
      else
        {
          used = f->levels_used > 0 ? g_strdup_printf (_("%u of %u"), f->levels_used, f->levels)
                                    : g_strdup_printf (_("%u levels"), f->levels);
          subtitle = g_strdup (fq_kind (f));
        }
      add_link_row (self, group, f->node->name, subtitle, used, _("Select this layer in the graph"),
                    SELECT_LAYER, (gpointer) f->node);
    }
}

static void
fill_run_findings (QsSummaryPage          *self,
                   const QsAnalysisResult *run)
{
  g_autofree int *lost = qs_analysis_result_rank_lost (run, N_FINDINGS);
  g_autofree int *samples = NULL;
  AdwPreferencesGroup *group;
  guint i;

  group = add_findings_group (self, _("Layers That Lose Most"),
                              _("The SQNR each loses against the best kept of its inputs, fake-quant against float, "
                                "mean over the samples"),
                              "findings-lost");
  if (lost[0] < 0)
    add_row (group, _("No layer has an SQNR to compare"), NULL, NULL);
  for (i = 0; lost[i] >= 0; i++)
    {
      const QsAnalysisRow *row = &run->rows[lost[i]];
      g_autofree char *db = format_db (qs_analysis_result_sqnr_lost (run, row));
      g_autofree char *sqnr = format_db (row->figures[QS_FIGURE_SQNR].mean);
      /* TRANSLATORS: a layer's type and its SQNR, "Convolution, 23.5 dB" */
      g_autofree char *subtitle = g_strdup_printf (_("%s, %s left"), row->type, sqnr);

      if (row->node == NULL)
        continue;
      add_link_row (self, group, row->name, subtitle, db, _("Select this layer in the graph"),
                    SELECT_LAYER, (gpointer) row->node);
    }

  if (run->n_sample_records < 2)
    return;
  samples = qs_analysis_result_rank_samples (run, QS_COMPARE_FQ_FLOAT, N_FINDINGS);
  group = add_findings_group (self, _("Samples That Suffer Most"),
                              _("The SQNR of the model’s outputs, fake-quant against float, all outputs together"),
                              "findings-samples");
  if (samples[0] < 0)
    add_row (group, _("No sample has an output figure"), NULL, NULL);
  for (i = 0; samples[i] >= 0; i++)
    {
      g_autofree char *db = format_db (qs_analysis_sample_figure (run, samples[i], -1, QS_COMPARE_FQ_FLOAT,
                                                                  QS_FIGURE_SQNR));
      g_autofree char *subtitle = g_strdup_printf (_("Sample %u of %u"), samples[i] + 1, run->n_sample_records);

      add_link_row (self, group, run->samples[samples[i]].name, subtitle, db,
                    _("Show this sample in the run’s chart"), SELECT_SAMPLE, GUINT_TO_POINTER (samples[i]));
    }
}

static void
fill_ranking_findings (QsSummaryPage              *self,
                       const QsSensitivityRanking *ranking)
{
  AdwPreferencesGroup *group;
  guint g;

  group = add_findings_group (self, _("Most Sensitive Quantizers"),
                              _("The output SQNR won back with each group of FakeQuantize in float, from the "
                                "sensitivity ranking"),
                              "findings-sensitivity");
  for (g = 0; g < ranking->n_groups && g < N_FINDINGS; g++)
    {
      const QsSensitivityRankedGroup *rg = &ranking->groups[g];
      guint n = rg->fake_quantize != NULL ? g_strv_length (rg->fake_quantize) : 0;
      g_autofree char *title = NULL;
      g_autofree char *gain = NULL;

      if (n == 0)
        continue;
      title = n == 1 ? g_strdup (rg->fake_quantize[0])
                     : g_strdup_printf (ngettext ("%s and %u more", "%s and %u more", n - 1),
                                        rg->fake_quantize[0], n - 1);
      gain = isnan (rg->gain_db) ? g_strdup ("—") : g_strdup_printf (_("%+.1f dB"), rg->gain_db);
      add_link_row (self, group, title, NULL, gain, _("Show this group in the graph"),
                    SELECT_GROUP, GUINT_TO_POINTER (g));
    }
}

/**
 * qs_summary_page_set_findings:
 * @graph: the model's graph
 * @run: (nullable): the run on show, or results opened
 * @ranking: (nullable): a sensitivity ranking on show
 *
 * Lists what qs-findings.h ranks: the FakeQuantize that clip most and use
 * fewest levels (from @run, else @weight_findings, what
 * qs_fq_findings_from_graph() gives), and with @run the
 * layers that lose most SQNR and the samples that suffer most, and the
 * most sensitive groups of @ranking.  Every row links into the graph
 * (::select-layer, ::select-sample, ::select-group).  Call again when
 * either changes.
 */
void
qs_summary_page_set_findings (QsSummaryPage              *self,
                              GArray                     *weight_findings,
                              const QsAnalysisResult     *run,
                              const QsSensitivityRanking *ranking)
{
  g_autoptr(GArray) from_run = NULL;
  GArray *fq;
  GtkWidget *child;

  g_return_if_fail (QS_IS_SUMMARY_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_box))) != NULL)
    gtk_box_remove (self->findings_box, child);

  if (run != NULL)
    fq = from_run = qs_fq_findings_from_result (run);
  else
    fq = weight_findings;
  if (fq != NULL && fq->len > 0)
    fill_fq_findings (self, fq, run != NULL);
  if (run != NULL)
    fill_run_findings (self, run);
  if (ranking != NULL && ranking->n_groups > 0)
    fill_ranking_findings (self, ranking);
  gtk_widget_set_visible (GTK_WIDGET (self->findings_box), gtk_widget_get_first_child (GTK_WIDGET (self->findings_box)) != NULL);
}
