/* qs-dataset.c — sources of model inputs, and the samples they make
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A data set is planned, not loaded: folders and lists become lists of
 * paths, random:N a seed and a count.  A sample's tensors are made only
 * when the run asks for them, so a data set of thousands of photos costs
 * the memory of one.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "qs-dataset.h"
#include "qs-exec.h"
#include "qs-input.h"
#include "qs-npy.h"

G_DEFINE_QUARK (qs-dataset-error-quark, qs_dataset_error)

typedef struct
{
  QsSourceKind kind;
  char        *path;     /* NPY and IMAGE */
  guint64      seed;     /* RANDOM */
} Source;

typedef enum
{
  FEED_NONE = 0,
  FEED_SINGLE,           /* one source for every sample */
  FEED_LIST,             /* sources[k] for sample k */
  FEED_RANDOM_SET,       /* n seeded samples */
} FeedKind;

typedef struct
{
  const QsNode *param;
  FeedKind      kind;
  Source        single;
  GArray       *sources;  /* FEED_LIST: Source */
  guint64       seed;     /* FEED_RANDOM_SET */
  guint         n;        /* FEED_LIST, FEED_RANDOM_SET */
  char         *origin;   /* for a person: "folder DIR (5 files)" */
  char         *spec;     /* as given */
  QsPreprocess  prep;
} Feed;

struct _QsDataset
{
  QsModel  *model;
  guint     n_inputs;
  Feed     *feeds;        /* by parameter index */
  gboolean  pending_random;   /* an unnamed random:N for inputs without a spec */
  guint64   pending_seed;
  guint     pending_n;
  char     *pending_spec;
  guint     n_samples;
  gboolean  finished;
};

static void
source_clear (gpointer data)
{
  Source *s = data;

  g_clear_pointer (&s->path, g_free);
}

QsDataset *
qs_dataset_new (QsModel *model)
{
  QsDataset *ds = g_new0 (QsDataset, 1);
  guint i;

  ds->model = qs_model_ref (model);
  ds->n_inputs = model->graph->n_parameters;
  ds->feeds = g_new0 (Feed, MAX (ds->n_inputs, 1));
  for (i = 0; i < ds->n_inputs; i++)
    {
      ds->feeds[i].param = model->graph->parameters[i];
      qs_preprocess_from_model (model, ds->feeds[i].param, &ds->feeds[i].prep);
    }
  return ds;
}

static void
feed_reset (Feed *f)
{
  source_clear (&f->single);
  g_clear_pointer (&f->sources, g_array_unref);
  g_clear_pointer (&f->origin, g_free);
  g_clear_pointer (&f->spec, g_free);
  f->kind = FEED_NONE;
  f->n = 0;
}

void
qs_dataset_free (QsDataset *ds)
{
  guint i;

  if (ds == NULL)
    return;
  for (i = 0; i < ds->n_inputs; i++)
    {
      feed_reset (&ds->feeds[i]);
      qs_preprocess_clear (&ds->feeds[i].prep);
    }
  g_free (ds->feeds);
  g_free (ds->pending_spec);
  qs_model_unref (ds->model);
  g_free (ds);
}

/* ---- which input ---- */

static gboolean
param_has_name (const QsNode *node,
                const char   *name)
{
  g_auto(GStrv) names = NULL;
  guint i;

  if (g_strcmp0 (node->name, name) == 0)
    return TRUE;
  if (node->n_outputs == 0)
    return FALSE;
  names = qs_port_dup_names (&node->outputs[0]);
  for (i = 0; names != NULL && names[i] != NULL; i++)
    if (strcmp (names[i], name) == 0)
      return TRUE;
  return FALSE;
}

static int
input_by_name (const QsDataset *ds,
               const char      *name)
{
  guint i;

  for (i = 0; i < ds->n_inputs; i++)
    if (param_has_name (ds->feeds[i].param, name))
      return (int) i;
  return -1;
}

/* An input a photo fits: 4-D, 1 or 3 channels where a layout puts them. */
static gboolean
takes_photos (const QsNode *p)
{
  const QsShape *s;

  if (p->n_outputs == 0)
    return FALSE;
  s = &p->outputs[0].shape;
  if (s->rank != 4)
    return FALSE;
  return s->dims[1] == 1 || s->dims[1] == 3 || s->dims[3] == 1 || s->dims[3] == 3;
}

static char *
input_names (const QsDataset *ds)
{
  GString *s = g_string_new (NULL);
  guint i;

  for (i = 0; i < ds->n_inputs; i++)
    g_string_append_printf (s, "%s“%s”", i ? ", " : "", ds->feeds[i].param->name);
  return g_string_free (s, FALSE);
}

/* The input an unnamed spec goes to: the only one, or the only photo input. */
static int
default_input (QsDataset   *ds,
               gboolean     photos,
               const char  *spec,
               GError     **error)
{
  g_autofree char *names = NULL;
  int found = -1;
  guint i, n = 0;

  if (ds->n_inputs == 1)
    return 0;
  if (ds->n_inputs == 0)
    {
      g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_INPUT, "the model has no inputs to feed “%s” to", spec);
      return -1;
    }
  if (photos)
    {
      for (i = 0; i < ds->n_inputs; i++)
        if (takes_photos (ds->feeds[i].param))
          {
            found = (int) i;
            n++;
          }
      if (n == 1)
        return found;
    }
  names = input_names (ds);
  g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_INPUT,
               "the model has %u inputs (%s)%s; write NAME=%s", ds->n_inputs, names,
               photos ? (n == 0 ? ", none of them 4-D with 1 or 3 channels" : ", several of them take photos") : "",
               spec);
  return -1;
}

/* ---- sources ---- */

static gboolean
is_npy (const char *path)
{
  return g_str_has_suffix (path, ".npy") || g_str_has_suffix (path, ".NPY");
}

static gboolean
is_photo_name (const char *path)
{
  static const char *const ext[] = { ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff",
                                     ".webp", ".ppm", ".pgm", ".pnm", ".tga" };
  g_autofree char *lower = g_ascii_strdown (path, -1);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (ext); i++)
    if (g_str_has_suffix (lower, ext[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_list_name (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".txt") || g_str_has_suffix (lower, ".lst") || g_str_has_suffix (lower, ".list");
}

/* "random" or "random:SEED" (a single value) into @src. */
static gboolean
parse_random_single (const char *value,
                     Source     *src)
{
  guint64 seed = 0;

  if (strcmp (value, "random") != 0 &&
      !(g_str_has_prefix (value, "random:") &&
        g_ascii_string_to_unsigned (value + 7, 10, 0, G_MAXUINT64, &seed, NULL)))
    return FALSE;
  src->kind = QS_SOURCE_RANDOM;
  src->seed = seed;
  return TRUE;
}

/* "FILE", "random[:SEED]" from a list or a single spec; @base_dir for
 * relative paths. */
static void
source_for_value (const char *value,
                  const char *base_dir,
                  Source     *src)
{
  memset (src, 0, sizeof *src);
  if (parse_random_single (value, src))
    return;
  src->kind = is_npy (value) ? QS_SOURCE_NPY : QS_SOURCE_IMAGE;
  if (base_dir != NULL && !g_path_is_absolute (value))
    src->path = g_build_filename (base_dir, value, NULL);
  else
    src->path = g_strdup (value);
}

static char *
source_label (const Source *s)
{
  if (s->kind == QS_SOURCE_RANDOM)
    return g_strdup_printf ("random:%" G_GUINT64_FORMAT, s->seed);
  return g_path_get_basename (s->path);
}

static gboolean
feed_free_for (QsDataset   *ds,
               int          at,
               const char  *spec,
               GError     **error)
{
  if (ds->feeds[at].kind != FEED_NONE)
    {
      g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_INPUT,
                   "input “%s” is given twice (%s and %s)", ds->feeds[at].param->name, ds->feeds[at].spec, spec);
      return FALSE;
    }
  return TRUE;
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static gboolean
add_folder (QsDataset   *ds,
            const char  *name,
            const char  *dir,
            const char  *spec,
            GError     **error)
{
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  gboolean photos = FALSE;
  const char *entry;
  Feed *f;
  int at;
  guint i;

  d = g_dir_open (dir, 0, error);
  if (d == NULL)
    return FALSE;
  while ((entry = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;

      if (entry[0] == '.' || !(is_npy (entry) || is_photo_name (entry)))
        continue;
      path = g_build_filename (dir, entry, NULL);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      photos |= !is_npy (entry);
      g_ptr_array_add (files, g_strdup (entry));
      if (files->len > QS_DATASET_MAX_SAMPLES)
        {
          g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_SPEC,
                       "%s: more than %d samples", dir, QS_DATASET_MAX_SAMPLES);
          return FALSE;
        }
    }
  if (files->len == 0)
    {
      g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_SPEC,
                   "%s: the folder holds no photos and no .npy files", dir);
      return FALSE;
    }
  g_ptr_array_sort (files, compare_names);

  at = name != NULL ? input_by_name (ds, name) : default_input (ds, photos, spec, error);
  if (at < 0)
    {
      if (name != NULL)
        g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_INPUT, "the model has no input named “%s”", name);
      return FALSE;
    }
  if (!feed_free_for (ds, at, spec, error))
    return FALSE;
  f = &ds->feeds[at];
  f->kind = FEED_LIST;
  f->sources = g_array_sized_new (FALSE, TRUE, sizeof (Source), files->len);
  g_array_set_clear_func (f->sources, source_clear);
  for (i = 0; i < files->len; i++)
    {
      Source s = { 0 };

      s.kind = is_npy (g_ptr_array_index (files, i)) ? QS_SOURCE_NPY : QS_SOURCE_IMAGE;
      s.path = g_build_filename (dir, g_ptr_array_index (files, i), NULL);
      g_array_append_val (f->sources, s);
    }
  f->n = files->len;
  f->origin = g_strdup_printf ("folder %s (%u files)", dir, files->len);
  f->spec = g_strdup (spec);
  return TRUE;
}

/* Splits a list line into NAME=VALUE pairs when every whitespace-separated
 * word is one whose NAME is an input; NULL when the line is one value. */
static GPtrArray *
line_pairs (QsDataset  *ds,
            const char *line)
{
  g_auto(GStrv) words = g_strsplit_set (line, " \t", -1);
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  guint i;

  for (i = 0; words[i] != NULL; i++)
    {
      const char *eq;
      g_autofree char *name = NULL;

      if (words[i][0] == '\0')
        continue;
      eq = strchr (words[i], '=');
      if (eq == NULL || eq == words[i])
        return NULL;
      name = g_strndup (words[i], eq - words[i]);
      if (input_by_name (ds, name) < 0)
        return NULL;
      g_ptr_array_add (pairs, g_strdup (words[i]));
    }
  return pairs->len > 0 ? g_steal_pointer (&pairs) : NULL;
}

gboolean
qs_dataset_add_list_text (QsDataset   *ds,
                          const char  *input_name,
                          const char  *text,
                          gsize        length,
                          const char  *base_dir,
                          const char  *list_name,
                          GError     **error)
{
  g_autofree int *columns = NULL;      /* input index of each pair position */
  g_autofree char *spec = g_strdup (list_name);
  GArray **lists = g_new0 (GArray *, MAX (ds->n_inputs, 1));
  gboolean named = FALSE, ok = FALSE, decided = FALSE;
  guint n_columns = 0, n_samples = 0, line_no = 0, i;
  int single_at = -1;
  gsize pos = 0;

  while (pos < length)
    {
      gsize end = pos;
      g_autofree char *line = NULL;
      char *hash;
      g_autoptr(GPtrArray) pairs = NULL;

      while (end < length && text[end] != '\n')
        end++;
      line_no++;
      if (end - pos > QS_DATASET_MAX_LINE)
        {
          g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_SPEC,
                       "%s:%u: the line is longer than %d bytes", list_name, line_no, QS_DATASET_MAX_LINE);
          goto out;
        }
      if (memchr (text + pos, '\0', end - pos) != NULL)
        {
          g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_SPEC,
                       "%s:%u: the line holds a NUL byte; a list is text", list_name, line_no);
          goto out;
        }
      line = g_strndup (text + pos, end - pos);
      pos = end + 1;
      if ((hash = strchr (line, '#')) != NULL)
        *hash = '\0';
      g_strstrip (line);
      if (line[0] == '\0')
        continue;
      if (!g_utf8_validate (line, -1, NULL))
        {
          g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_SPEC,
                       "%s:%u: the line is not UTF-8 text", list_name, line_no);
          goto out;
        }
      pairs = input_name == NULL ? line_pairs (ds, line) : NULL;
      if (!decided)
        {
          decided = TRUE;
          named = pairs != NULL;
          if (named)
            {
              n_columns = pairs->len;
              columns = g_new (int, n_columns);
              for (i = 0; i < n_columns; i++)
                {
                  const char *w = g_ptr_array_index (pairs, i);
                  g_autofree char *name = g_strndup (w, strchr (w, '=') - w);
                  guint j;

                  columns[i] = input_by_name (ds, name);
                  for (j = 0; j < i; j++)
                    if (columns[j] == columns[i])
                      {
                        g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_SPEC,
                                     "%s:%u: input “%s” is named twice", list_name, line_no, name);
                        goto out;
                      }
                  if (!feed_free_for (ds, columns[i], list_name, error))
                    goto out;
                  lists[columns[i]] = g_array_new (FALSE, TRUE, sizeof (Source));
                  g_array_set_clear_func (lists[columns[i]], source_clear);
                }
            }
        }
      if (named)
        {
          if (pairs == NULL || pairs->len != n_columns)
            {
              g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_SPEC,
                           "%s:%u: every line must name the inputs the first one names (%u pairs NAME=FILE)",
                           list_name, line_no, n_columns);
              goto out;
            }
          /* the pairs may come in any order; each input once a line */
          for (i = 0; i < n_columns; i++)
            {
              const char *w = g_ptr_array_index (pairs, i);
              g_autofree char *name = g_strndup (w, strchr (w, '=') - w);
              int input = input_by_name (ds, name);
              guint j;
              Source s;

              for (j = 0; j < n_columns && columns[j] != input; j++)
                ;
              if (j == n_columns)
                {
                  g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_SPEC,
                               "%s:%u: the line names “%s”, which the first line does not", list_name, line_no, name);
                  goto out;
                }
              if (lists[input]->len != n_samples)
                {
                  g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_SPEC,
                               "%s:%u: input “%s” is named twice", list_name, line_no, name);
                  goto out;
                }
              source_for_value (strchr (w, '=') + 1, base_dir, &s);
              g_array_append_val (lists[input], s);
            }
        }
      else
        {
          Source s;

          if (single_at < 0)
            {
              single_at = input_name != NULL ? input_by_name (ds, input_name) : -2;
              if (single_at == -1)
                {
                  g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_INPUT,
                               "the model has no input named “%s”", input_name);
                  goto out;
                }
              if (single_at == -2)
                {
                  single_at = default_input (ds, !is_npy (line), list_name, error);
                  if (single_at < 0)
                    goto out;
                }
              if (!feed_free_for (ds, single_at, list_name, error))
                goto out;
              lists[single_at] = g_array_new (FALSE, TRUE, sizeof (Source));
              g_array_set_clear_func (lists[single_at], source_clear);
            }
          source_for_value (line, base_dir, &s);
          g_array_append_val (lists[single_at], s);
        }
      if (++n_samples > QS_DATASET_MAX_SAMPLES)
        {
          g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_SPEC,
                       "%s: more than %d samples", list_name, QS_DATASET_MAX_SAMPLES);
          goto out;
        }
    }
  if (n_samples == 0)
    {
      g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_SPEC, "%s: the list names no samples", list_name);
      goto out;
    }
  for (i = 0; i < ds->n_inputs; i++)
    if (lists[i] != NULL)
      {
        Feed *f = &ds->feeds[i];

        f->kind = FEED_LIST;
        f->sources = g_steal_pointer (&lists[i]);
        f->n = n_samples;
        f->origin = g_strdup_printf ("list %s (%u lines)", list_name, n_samples);
        f->spec = g_strdup (spec);
      }
  ok = TRUE;

out:
  for (i = 0; i < ds->n_inputs; i++)
    if (lists[i] != NULL)
      g_array_unref (lists[i]);
  g_free (lists);
  return ok;
}

static gboolean
add_list_file (QsDataset   *ds,
               const char  *name,
               const char  *path,
               GError     **error)
{
  g_autofree char *text = NULL, *dir = NULL;
  gsize length = 0;
  GStatBuf st;

  if (g_stat (path, &st) == 0 && st.st_size > 256 * 1024 * 1024)
    {
      g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_SPEC, "%s: a list of more than 256 MB", path);
      return FALSE;
    }
  if (!g_file_get_contents (path, &text, &length, error))
    return FALSE;
  dir = g_path_get_dirname (path);
  return qs_dataset_add_list_text (ds, name, text, length, dir, path, error);
}

/* "random:N" or "random:N:SEED" (a data set). */
static gboolean
parse_random_set (const char *value,
                  guint      *n,
                  guint64    *seed,
                  GError    **error)
{
  g_auto(GStrv) parts = g_strsplit (value, ":", -1);
  guint64 count = 0;

  *seed = 0;
  if (g_strv_length (parts) < 2 || g_strv_length (parts) > 3 ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, QS_DATASET_MAX_SAMPLES, &count, NULL) ||
      (parts[2] != NULL && !g_ascii_string_to_unsigned (parts[2], 10, 0, G_MAXUINT64, seed, NULL)))
    {
      g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_SPEC,
                   "“%s”: a random data set is random:N[:SEED] with 1 ≤ N ≤ %d", value, QS_DATASET_MAX_SAMPLES);
      return FALSE;
    }
  *n = (guint) count;
  return TRUE;
}

gboolean
qs_dataset_add_spec (QsDataset   *ds,
                     const char  *spec,
                     gboolean     as_dataset,
                     GError     **error)
{
  g_autofree char *name = NULL;
  const char *value = spec, *eq;
  Source single = { 0 };
  Feed *f;
  int at;

  g_return_val_if_fail (!ds->finished, FALSE);
  eq = strchr (spec, '=');
  if (eq != NULL && eq != spec)
    {
      name = g_strndup (spec, eq - spec);
      value = eq + 1;
      if (input_by_name (ds, name) < 0)
        {
          g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_INPUT, "the model has no input named “%s”", name);
          return FALSE;
        }
    }
  if (value[0] == '\0')
    {
      g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_SPEC, "“%s” names no data", spec);
      return FALSE;
    }

  if (as_dataset && g_str_has_prefix (value, "random:"))
    {
      guint n;
      guint64 seed;

      if (!parse_random_set (value, &n, &seed, error))
        return FALSE;
      if (name == NULL)
        {
          if (ds->pending_random)
            {
              g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_INPUT, "random:N is given twice");
              return FALSE;
            }
          ds->pending_random = TRUE;
          ds->pending_n = n;
          ds->pending_seed = seed;
          ds->pending_spec = g_strdup (spec);
          return TRUE;
        }
      at = input_by_name (ds, name);
      if (!feed_free_for (ds, at, spec, error))
        return FALSE;
      f = &ds->feeds[at];
      f->kind = FEED_RANDOM_SET;
      f->n = n;
      f->seed = seed;
      f->origin = g_strdup_printf ("random:%u:%" G_GUINT64_FORMAT, n, seed);
      f->spec = g_strdup (spec);
      return TRUE;
    }
  if (as_dataset && g_file_test (value, G_FILE_TEST_IS_DIR))
    return add_folder (ds, name, value, spec, error);
  if (as_dataset && is_list_name (value))
    {
      if (!g_file_test (value, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_SPEC, "%s: no such list file", value);
          return FALSE;
        }
      return add_list_file (ds, name, value, error);
    }

  /* a single value */
  if (!parse_random_single (value, &single))
    {
      if (!g_file_test (value, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_SPEC, "%s: no such file%s", value,
                       as_dataset ? " or folder" : "");
          return FALSE;
        }
      if (g_file_test (value, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_SPEC,
                       "%s is a folder: give it as a data set (--dataset)", value);
          return FALSE;
        }
      source_for_value (value, NULL, &single);
    }
  at = name != NULL ? input_by_name (ds, name) : default_input (ds, single.kind == QS_SOURCE_IMAGE, spec, error);
  if (at < 0)
    {
      source_clear (&single);
      return FALSE;
    }
  if (!feed_free_for (ds, at, spec, error))
    {
      source_clear (&single);
      return FALSE;
    }
  f = &ds->feeds[at];
  f->kind = FEED_SINGLE;
  f->single = single;
  f->n = 1;
  f->origin = single.kind == QS_SOURCE_RANDOM ? g_strdup_printf ("random:%" G_GUINT64_FORMAT, single.seed)
                                              : g_strdup (single.path);
  f->spec = g_strdup (spec);
  return TRUE;
}

gboolean
qs_dataset_finish (QsDataset  *ds,
                   GError    **error)
{
  guint i, n = 0;
  const Feed *sized = NULL;

  if (ds->finished)
    return TRUE;
  for (i = 0; i < ds->n_inputs; i++)
    {
      Feed *f = &ds->feeds[i];

      if (f->kind == FEED_NONE && ds->pending_random)
        {
          f->kind = FEED_RANDOM_SET;
          f->n = ds->pending_n;
          f->seed = ds->pending_seed;
          f->origin = g_strdup_printf ("random:%u:%" G_GUINT64_FORMAT, f->n, f->seed);
          f->spec = g_strdup (ds->pending_spec);
        }
      if (f->kind == FEED_NONE)
        {
          g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_INPUT,
                       "input “%s” has no data: give it NAME=FILE, NAME=random[:SEED] or a data set",
                       f->param->name);
          return FALSE;
        }
      if (f->kind == FEED_SINGLE)
        continue;
      if (sized != NULL && f->n != n)
        {
          g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_INPUT,
                       "input “%s” has %u samples (%s) and input “%s” %u (%s): data sets must have the same length",
                       sized->param->name, n, sized->origin, f->param->name, f->n, f->origin);
          return FALSE;
        }
      sized = f;
      n = f->n;
    }
  if (ds->pending_random && sized == NULL)
    n = ds->pending_n;
  ds->n_samples = sized != NULL ? n : 1;
  if (ds->n_inputs == 0)
    ds->n_samples = ds->pending_random ? ds->pending_n : 1;
  ds->finished = TRUE;
  return TRUE;
}

guint
qs_dataset_get_n_samples (const QsDataset *ds)
{
  return ds->n_samples;
}

guint
qs_dataset_get_n_inputs (const QsDataset *ds)
{
  return ds->n_inputs;
}

gboolean
qs_dataset_input_is_fed (const QsDataset *ds,
                         guint            input)
{
  g_return_val_if_fail (input < ds->n_inputs, FALSE);

  /* an unnamed random:N feeds every input left without a spec */
  return ds->feeds[input].kind != FEED_NONE || ds->pending_random;
}

gboolean
qs_dataset_is_set (const QsDataset *ds)
{
  guint i;

  for (i = 0; i < ds->n_inputs; i++)
    if (ds->feeds[i].kind == FEED_LIST || ds->feeds[i].kind == FEED_RANDOM_SET)
      return TRUE;
  return FALSE;
}

const QsNode *
qs_dataset_get_parameter (const QsDataset *ds,
                          guint            input)
{
  return input < ds->n_inputs ? ds->feeds[input].param : NULL;
}

QsPreprocess *
qs_dataset_get_preprocess (QsDataset *ds,
                           guint      input)
{
  return input < ds->n_inputs ? &ds->feeds[input].prep : NULL;
}

/* The source of input @i for sample @k (a copy for random sets). */
static Source
sample_source (const QsDataset *ds,
               guint            i,
               guint            k)
{
  const Feed *f = &ds->feeds[i];
  Source s = { 0 };

  switch (f->kind)
    {
    case FEED_SINGLE:
      return f->single;
    case FEED_LIST:
      return g_array_index (f->sources, Source, MIN (k, f->n - 1));
    case FEED_RANDOM_SET:
      s.kind = QS_SOURCE_RANDOM;
      s.seed = f->seed + (guint64) k * ds->n_inputs + i;
      return s;
    case FEED_NONE:
    default:
      return s;
    }
}

gboolean
qs_dataset_input_has_images (const QsDataset *ds,
                             guint            input)
{
  const Feed *f;
  guint k;

  if (input >= ds->n_inputs)
    return FALSE;
  f = &ds->feeds[input];
  if (f->kind == FEED_SINGLE)
    return f->single.kind == QS_SOURCE_IMAGE;
  if (f->kind == FEED_LIST)
    for (k = 0; k < f->n; k++)
      if (g_array_index (f->sources, Source, k).kind == QS_SOURCE_IMAGE)
        return TRUE;
  return FALSE;
}

char *
qs_dataset_sample_name (const QsDataset *ds,
                        guint            sample)
{
  GString *s = g_string_new (NULL);
  gboolean any_set = qs_dataset_is_set (ds);
  guint i;

  for (i = 0; i < ds->n_inputs; i++)
    {
      g_autofree char *label = NULL;
      Source src;

      if (any_set && ds->feeds[i].kind == FEED_SINGLE)
        continue;
      src = sample_source (ds, i, sample);
      label = source_label (&src);
      if (ds->n_inputs == 1)
        g_string_append (s, label);
      else
        g_string_append_printf (s, "%s%s=%s", s->len ? " " : "", ds->feeds[i].param->name, label);
    }
  if (s->len == 0)
    g_string_append_printf (s, "sample %u", sample);
  return g_string_free (s, FALSE);
}

char *
qs_dataset_describe_input (const QsDataset *ds,
                           guint            input)
{
  const Feed *f = &ds->feeds[input];

  return g_strdup (f->origin != NULL ? f->origin : "nothing");
}

/* ---- samples ---- */

static gboolean
static_dims (const QsNode  *p,
             gint64        *dims,
             int           *rank,
             GError       **error)
{
  const QsShape *s = &p->outputs[0].shape;
  int i;

  if (s->rank < 0 || s->rank > QS_TENSOR_MAX_RANK)
    {
      g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_SAMPLE,
                   "input “%s” has no static rank; give it a .npy file", p->name);
      return FALSE;
    }
  *rank = s->rank;
  for (i = 0; i < s->rank; i++)
    {
      /* a dynamic batch is taken as 1; other dynamic dims need a file */
      if (s->dims[i] == QS_DIM_DYNAMIC && i == 0)
        dims[i] = 1;
      else if (s->dims[i] == QS_DIM_DYNAMIC)
        {
          g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_SAMPLE,
                       "input “%s” has a dynamic dimension %d; give it a .npy file", p->name, i);
          return FALSE;
        }
      else
        dims[i] = s->dims[i];
    }
  return TRUE;
}

/* A tensor from a file must fit the Parameter's shape where it is static. */
static gboolean
check_shape (const QsNode    *p,
             const QsTensor  *t,
             const char      *path,
             GError         **error)
{
  const QsShape *s = &p->outputs[0].shape;
  gboolean fits = s->rank < 0 || s->rank == t->rank;
  int d;

  for (d = 0; fits && s->rank >= 0 && d < s->rank; d++)
    if (s->dims[d] != QS_DIM_DYNAMIC && s->dims[d] != t->dims[d])
      fits = FALSE;
  if (!fits)
    {
      g_autofree char *want = qs_shape_to_string (s), *got = qs_tensor_shape_to_string (t);

      g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_SAMPLE,
                   "%s: shape %s does not fit input “%s” %s", path, got, p->name, want);
      return FALSE;
    }
  return TRUE;
}

static QsTensor *
load_source (const QsDataset *ds,
             guint            i,
             const Source    *src,
             GError         **error)
{
  const QsNode *p = ds->feeds[i].param;
  gint64 dims[QS_TENSOR_MAX_RANK];
  g_autoptr(GError) local = NULL;
  QsTensor *t = NULL;
  int rank;

  switch (src->kind)
    {
    case QS_SOURCE_RANDOM:
      {
        float lo = 0, hi = 0;
        gboolean has_range;

        if (!static_dims (p, dims, &rank, error))
          return NULL;
        has_range = qs_input_fq_range (p, &lo, &hi);
        t = qs_input_random (rank, dims, src->seed, has_range, lo, hi);
        if (t == NULL)
          {
            g_autofree char *why = qs_tensor_alloc_error ("the random input");

            g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_SAMPLE, "input “%s”: %s", p->name, why);
          }
        return t;
      }
    case QS_SOURCE_NPY:
      t = qs_npy_read (src->path, &local);
      if (t == NULL)
        {
          g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_SAMPLE, "%s", local->message);
          return NULL;
        }
      if (!check_shape (p, t, src->path, error))
        g_clear_pointer (&t, qs_tensor_unref);
      return t;
    case QS_SOURCE_IMAGE:
    default:
      if (!static_dims (p, dims, &rank, error))
        return NULL;
      t = qs_input_load_image (src->path, rank, dims, &ds->feeds[i].prep.image, &local);
      if (t == NULL)
        g_set_error (error, QS_DATASET_ERROR, QS_DATASET_ERROR_SAMPLE, "%s", local->message);
      return t;
    }
}

QsTensor **
qs_dataset_load_sample (QsDataset  *ds,
                        guint       sample,
                        GError    **error)
{
  QsTensor **tensors = g_new0 (QsTensor *, MAX (ds->n_inputs, 1));
  /* inputs are held to the run-memory limit too, on a budget of their own */
  g_autoptr(QsBudget) budget = qs_budget_new (qs_exec_get_default_max_memory (), QS_TENSOR_DEFAULT_MAX_ELEMENTS);
  QsBudget *previous = qs_budget_push (budget);
  guint i;

  g_return_val_if_fail (ds->finished, NULL);
  for (i = 0; i < ds->n_inputs; i++)
    {
      Source src = sample_source (ds, i, sample);

      tensors[i] = load_source (ds, i, &src, error);
      if (tensors[i] == NULL)
        {
          guint j;

          for (j = 0; j < i; j++)
            qs_tensor_unref (tensors[j]);
          g_free (tensors);
          qs_budget_pop (previous);
          return NULL;
        }
    }
  qs_budget_pop (previous);
  return tensors;
}

/* ---- the record of what was fed ---- */

static void
add_triple (JsonBuilder *b,
            const char  *key,
            const float  v[3])
{
  int c;

  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (c = 0; c < 3; c++)
    json_builder_add_double_value (b, v[c]);
  json_builder_end_array (b);
}

void
qs_dataset_to_json (const QsDataset *ds,
                    JsonBuilder     *b)
{
  guint i;

  json_builder_begin_array (b);
  for (i = 0; i < ds->n_inputs; i++)
    {
      const Feed *f = &ds->feeds[i];
      g_autofree char *shape = qs_shape_to_string (&f->param->outputs[0].shape);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, f->param->name);
      json_builder_set_member_name (b, "shape");
      json_builder_add_string_value (b, shape);
      json_builder_set_member_name (b, "element_type");
      json_builder_add_string_value (b, qs_element_type_name (f->param->outputs[0].element_type));
      json_builder_set_member_name (b, "spec");
      json_builder_add_string_value (b, f->spec != NULL ? f->spec : "");
      json_builder_set_member_name (b, "fed");
      json_builder_add_string_value (b, f->origin != NULL ? f->origin : "");
      json_builder_set_member_name (b, "samples");
      json_builder_add_int_value (b, f->kind == FEED_SINGLE ? 1 : f->n);
      if (qs_dataset_input_has_images (ds, i))
        {
          const QsPreprocess *p = &f->prep;
          g_autofree char *text = qs_preprocess_describe (p);

          json_builder_set_member_name (b, "preprocessing");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "channels");
          json_builder_add_string_value (b, p->image.rgb ? "RGB" : "BGR");
          add_triple (b, "mean", p->image.mean);
          add_triple (b, "scale", p->image.scale);
          json_builder_set_member_name (b, "resize");
          json_builder_add_string_value (b, qs_image_resize_name (p->image.resize));
          json_builder_set_member_name (b, "pad_value");
          json_builder_add_double_value (b, p->image.pad_value);
          json_builder_set_member_name (b, "layout");
          json_builder_add_string_value (b, qs_image_layout_name (p->image.layout));
          json_builder_set_member_name (b, "from");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "channels");
          json_builder_add_string_value (b, qs_prep_source_name (p->rgb_from));
          json_builder_set_member_name (b, "mean");
          json_builder_add_string_value (b, qs_prep_source_name (p->mean_from));
          json_builder_set_member_name (b, "scale");
          json_builder_add_string_value (b, qs_prep_source_name (p->scale_from));
          json_builder_set_member_name (b, "resize");
          json_builder_add_string_value (b, qs_prep_source_name (p->resize_from));
          json_builder_set_member_name (b, "layout");
          json_builder_add_string_value (b, qs_prep_source_name (p->layout_from));
          json_builder_end_object (b);
          if (p->embedded != NULL)
            {
              json_builder_set_member_name (b, "built_into_model");
              json_builder_add_string_value (b, p->embedded);
            }
          json_builder_set_member_name (b, "description");
          json_builder_add_string_value (b, text);
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}
