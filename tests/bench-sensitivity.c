/* bench-sensitivity.c — the ranking with kept runs against full runs
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 *   bench-sensitivity [--runs N] [--dataset SPEC] [MODEL.xml ...]
 *
 * Ranks each model's quantizers twice per round, once computing only what
 * lies downstream of each group (from the sample's float and fake-quant
 * runs kept whole) and once computing every switched run in full, the two
 * taking turns so that a busy spell of the machine falls on both.  Prints
 * the median wall time of each, the median of the per-round ratios, the
 * share of layers computed, and whether the figures agree bit for bit.
 * Without models: the shared age-gender and person-vehicle-bike INT8
 * models on the shared photos.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qscope-core.h"
#include "qs-sensitivity.h"

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *v,
        guint   n)
{
  qsort (v, n, sizeof *v, compare_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static gboolean
same_figures (const QsSensitivityResult *a,
              const QsSensitivityResult *b)
{
  gsize size = sizeof (QsErrorSums) * a->n_outputs;
  guint g;

  if (a->n_groups != b->n_groups || a->n_outputs != b->n_outputs ||
      memcmp (a->baseline.outputs, b->baseline.outputs, size) != 0)
    return FALSE;
  for (g = 0; g < a->n_groups; g++)
    if (a->groups[g].fqs->pdata[0] != b->groups[g].fqs->pdata[0] ||
        memcmp (a->groups[g].revert.outputs, b->groups[g].revert.outputs, size) != 0 ||
        memcmp (a->groups[g].alone.outputs, b->groups[g].alone.outputs, size) != 0)
      return FALSE;
  return TRUE;
}

static QsSensitivityResult *
rank (QsModel   *model,
      QsDataset *ds,
      gboolean   no_reuse,
      double    *seconds)
{
  g_autoptr(GError) error = NULL;
  QsSensitivityOptions opts;
  QsSensitivityResult *r;
  gint64 start = g_get_monotonic_time ();

  qs_sensitivity_options_init (&opts);
  opts.no_reuse = no_reuse;
  r = qs_sensitivity_run (model, ds, &opts, NULL, &error);
  *seconds = (g_get_monotonic_time () - start) / 1e6;
  if (r == NULL)
    {
      g_printerr ("bench-sensitivity: %s\n", error->message);
      exit (1);
    }
  return r;
}

static void
bench (const char *path,
       const char *spec,
       guint       runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QsModel) model = qs_model_load (path, QS_LOAD_FLAGS_NONE, NULL, &error);
  g_autoptr(QsDataset) ds = NULL;
  g_autofree double *kept = g_new (double, runs), *full = g_new (double, runs), *ratio = g_new (double, runs);
  g_autofree char *name = g_path_get_basename (path);
  gboolean agree = TRUE;
  double share = 0;
  guint groups = 0, samples = 0, i;

  if (model == NULL)
    {
      g_printerr ("bench-sensitivity: %s\n", error->message);
      exit (1);
    }
  ds = qs_dataset_new (model);
  if (!qs_dataset_add_spec (ds, spec, TRUE, &error) || !qs_dataset_finish (ds, &error))
    {
      g_printerr ("bench-sensitivity: %s\n", error->message);
      exit (1);
    }
  for (i = 0; i < runs; i++)
    {
      g_autoptr(QsSensitivityResult) a = NULL, b = NULL;

      /* alternate which goes first */
      if (i % 2 == 0)
        {
          a = rank (model, ds, FALSE, &kept[i]);
          b = rank (model, ds, TRUE, &full[i]);
        }
      else
        {
          b = rank (model, ds, TRUE, &full[i]);
          a = rank (model, ds, FALSE, &kept[i]);
        }
      ratio[i] = full[i] / kept[i];
      agree &= a->reused && same_figures (a, b);
      share = (double) a->layers_computed / MAX (a->layers_full, 1);
      groups = a->n_groups;
      samples = a->n_samples;
    }
  printf ("%-44s %3u samples %4u groups  kept %7.2f s  full %7.2f s  full/kept %.2f  layers %4.1f %%  %s\n",
          name, samples, groups, median (kept, runs), median (full, runs), median (ratio, runs), 100 * share,
          agree ? "identical" : "DIFFER");
  fflush (stdout);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *spec = NULL;
  gint runs = 3;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "rounds (default 3)", "N" },
    { "dataset", 0, 0, G_OPTION_ARG_STRING, &spec, "the data set (default: the shared photos)", "SPEC" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("[MODEL.xml ...]");
  g_autoptr(GError) error = NULL;
  const char *models = g_getenv ("QS_SHARED_MODELS");
  g_autofree char *shared = NULL;
  int i;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1)
    {
      g_printerr ("bench-sensitivity: %s\n", error != NULL ? error->message : "--runs is 1 or more");
      return 1;
    }
  shared = g_build_filename (models != NULL ? models : "../shared/models", NULL);
  if (spec == NULL)
    spec = g_build_filename (shared, "..", "images", NULL);
  printf ("median of %d rounds; data set %s\n", runs, spec);
  if (argc > 1)
    for (i = 1; i < argc; i++)
      bench (argv[i], spec, runs);
  else
    {
      const char *defaults[] = {
        "age-gender0013-int8-ov2020-v10/age-gender-recognition-retail-0013.xml",
        "pvb2000-int8-v11/person-vehicle-bike-detection-2000.xml",
      };

      for (i = 0; i < (int) G_N_ELEMENTS (defaults); i++)
        {
          g_autofree char *path = g_build_filename (shared, defaults[i], NULL);

          if (g_file_test (path, G_FILE_TEST_EXISTS))
            bench (path, spec, runs);
          else
            printf ("%s: not here\n", defaults[i]);
        }
    }
  return 0;
}
