/* qs-npy.c — NumPy .npy reader and writer
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The header is a Python dict literal; we read just the three keys NumPy
 * writes ('descr', 'fortran_order', 'shape') with a small tolerant scanner.
 */
#include "config.h"

#include <string.h>

#include "qs-npy.h"
#include "qs-file.h"
#include "qs-text.h"

G_DEFINE_QUARK (qs-npy-error-quark, qs_npy_error)

static const char magic[] = "\x93NUMPY";

static const char *
find_key (const char *header,
          const char *key)
{
  g_autofree char *q1 = g_strdup_printf ("'%s'", key);
  g_autofree char *q2 = g_strdup_printf ("\"%s\"", key);
  const char *p = strstr (header, q1);

  if (p == NULL)
    p = strstr (header, q2);
  if (p == NULL)
    return NULL;
  p += strlen (q1);
  while (*p == ' ' || *p == ':')
    p++;
  return p;
}

static gboolean
parse_descr (const char    *p,
             QsElementType *type,
             guint         *src_size,
             gboolean      *is_half,
             GError       **error)
{
  char quote, order, kind;
  guint size;
  char buf[16];
  gsize n = 0;

  quote = *p;
  if (quote != '\'' && quote != '"')
    goto bad;
  p++;
  while (*p != '\0' && *p != quote && n < sizeof buf - 1)
    buf[n++] = *p++;
  buf[n] = '\0';
  if (n < 3)
    goto bad;
  order = buf[0];
  kind = buf[1];
  size = (guint) g_ascii_strtoull (buf + 2, NULL, 10);
  if (order == '>' && size > 1)
    {
      g_set_error (error, QS_NPY_ERROR, QS_NPY_ERROR_UNSUPPORTED,
                   "big-endian data (“%s”) is not supported; save it little-endian", buf);
      return FALSE;
    }
  if (order != '<' && order != '|' && order != '=' && order != '>')
    goto bad;
  *is_half = FALSE;
  *src_size = size;
  if (kind == 'f' && (size == 4 || size == 8 || size == 2))
    {
      *type = QS_ELEMENT_F32;
      *is_half = size == 2;
    }
  else if (kind == 'i' && size == 4)
    *type = QS_ELEMENT_I32;
  else if (kind == 'i' && size == 8)
    *type = QS_ELEMENT_I64;
  else if (kind == 'i' && size == 1)
    *type = QS_ELEMENT_I8;
  else if (kind == 'u' && size == 1)
    *type = QS_ELEMENT_U8;
  else if (kind == 'b' && size == 1)
    *type = QS_ELEMENT_BOOLEAN;
  else
    {
      g_set_error (error, QS_NPY_ERROR, QS_NPY_ERROR_UNSUPPORTED,
                   "element type “%s” is not supported (use f4, f2, f8, i8, i4, i1, u1 or b1)", buf);
      return FALSE;
    }
  return TRUE;

bad:
  g_set_error (error, QS_NPY_ERROR, QS_NPY_ERROR_FORMAT, "malformed 'descr' in the .npy header");
  return FALSE;
}

static QsTensor *
npy_parse (const guint8  *data,
           gsize          size,
           GError       **error)
{
  guint major;
  gsize header_len, offset, i;
  g_autofree char *header = NULL;
  const char *p;
  QsElementType type;
  guint src_size;
  gboolean is_half;
  gint64 dims[QS_TENSOR_MAX_RANK];
  int rank = 0;
  g_autoptr(QsTensor) t = NULL;

  if (size < 10 || memcmp (data, magic, 6) != 0)
    {
      g_set_error (error, QS_NPY_ERROR, QS_NPY_ERROR_FORMAT, "not a NumPy .npy file (bad magic)");
      return NULL;
    }
  major = data[6];
  if (major == 1)
    {
      header_len = data[8] | (data[9] << 8);
      offset = 10;
    }
  else if (major == 2 || major == 3)
    {
      if (size < 12)
        goto truncated;
      header_len = (gsize) data[8] | ((gsize) data[9] << 8) | ((gsize) data[10] << 16) | ((gsize) data[11] << 24);
      offset = 12;
    }
  else
    {
      g_set_error (error, QS_NPY_ERROR, QS_NPY_ERROR_FORMAT,
                   ".npy format version %u.%u is not supported (1.0, 2.0 and 3.0 are)", major, data[7]);
      return NULL;
    }
  if (header_len > size - offset)
    goto truncated;
  header = g_strndup ((const char *) data + offset, header_len);
  offset += header_len;

  p = find_key (header, "descr");
  if (p == NULL)
    {
      g_set_error (error, QS_NPY_ERROR, QS_NPY_ERROR_FORMAT, "the .npy header has no 'descr'");
      return NULL;
    }
  if (!parse_descr (p, &type, &src_size, &is_half, error))
    return NULL;

  p = find_key (header, "fortran_order");
  if (p != NULL && g_str_has_prefix (p, "True"))
    {
      g_set_error (error, QS_NPY_ERROR, QS_NPY_ERROR_UNSUPPORTED,
                   "Fortran-order arrays are not supported; save with numpy.ascontiguousarray");
      return NULL;
    }

  p = find_key (header, "shape");
  if (p == NULL || *p != '(')
    {
      g_set_error (error, QS_NPY_ERROR, QS_NPY_ERROR_FORMAT, "the .npy header has no readable 'shape'");
      return NULL;
    }
  p++;
  for (;;)
    {
      char *end;
      guint64 v;

      while (*p == ' ' || *p == ',')
        p++;
      if (*p == ')')
        break;
      if (!g_ascii_isdigit (*p))
        {
          g_set_error (error, QS_NPY_ERROR, QS_NPY_ERROR_FORMAT, "malformed 'shape' in the .npy header");
          return NULL;
        }
      v = g_ascii_strtoull (p, &end, 10);
      if (rank == QS_TENSOR_MAX_RANK || v > G_MAXINT32)
        {
          g_set_error (error, QS_NPY_ERROR, QS_NPY_ERROR_UNSUPPORTED,
                       "the .npy array has too many or too large dimensions");
          return NULL;
        }
      dims[rank++] = (gint64) v;
      p = end;
      if (*p == 'L')
        p++;
    }

  /* The header's shape must be paid for by the bytes that follow it before
   * anything is allocated: a 100-byte file may claim 40 GB. */
  {
    guint64 n = 1;
    int d;
    for (d = 0; d < rank; d++)
      {
        if (dims[d] != 0 && n > G_MAXUINT64 / (guint64) dims[d])
          {
            g_set_error (error, QS_NPY_ERROR, QS_NPY_ERROR_UNSUPPORTED, "the .npy array is too large");
            return NULL;
          }
        n *= (guint64) dims[d];
      }
    if (n > (size - offset) / src_size)
      goto truncated;
  }

  t = qs_tensor_new (type, rank, dims);
  if (t == NULL)
    {
      g_set_error (error, QS_NPY_ERROR, QS_NPY_ERROR_UNSUPPORTED, "the .npy array is too large");
      return NULL;
    }
  data += offset;
  if (type == QS_ELEMENT_F32 && src_size == 8)
    {
      for (i = 0; i < t->n_elements; i++)
        {
          double d;
          memcpy (&d, data + 8 * i, 8);
          qs_tensor_f32 (t)[i] = (float) d;
        }
    }
  else if (is_half)
    {
      for (i = 0; i < t->n_elements; i++)
        qs_tensor_f32 (t)[i] = qs_f16_to_f32 (data[2 * i] | (data[2 * i + 1] << 8));
    }
  else
    memcpy (t->data, data, t->n_elements * src_size);
  return g_steal_pointer (&t);

truncated:
  g_set_error (error, QS_NPY_ERROR, QS_NPY_ERROR_FORMAT, "the .npy file is truncated");
  return NULL;
}

/* Messages may quote the header, which the file controls: flatten them to
 * one line. */
QsTensor *
qs_npy_read_bytes (const guint8  *data,
                   gsize          size,
                   GError       **error)
{
  GError *local_error = NULL;
  QsTensor *tensor = npy_parse (data, size, &local_error);

  if (tensor == NULL)
    {
      if (local_error == NULL)
        g_set_error (&local_error, QS_NPY_ERROR, QS_NPY_ERROR_FORMAT, "not a .npy file qscope can read");
      qs_error_flatten (local_error);
      g_propagate_error (error, local_error);
    }
  return tensor;
}

QsTensor *
qs_npy_read (const char  *path,
             GError     **error)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, error);
  QsTensor *t;

  if (file == NULL)
    return NULL;
  t = qs_npy_read_bytes ((const guint8 *) g_mapped_file_get_contents (file),
                         g_mapped_file_get_length (file), error);
  if (t == NULL)
    g_prefix_error (error, "%s: ", path);
  return t;
}

static const char *
descr_for (QsElementType type)
{
  switch (type)
    {
    case QS_ELEMENT_F32: return "<f4";
    case QS_ELEMENT_I32: return "<i4";
    case QS_ELEMENT_I64: return "<i8";
    case QS_ELEMENT_U8: return "|u1";
    case QS_ELEMENT_I8: return "|i1";
    case QS_ELEMENT_BOOLEAN: return "|b1";
    default: return NULL;
    }
}

GBytes *
qs_npy_write_bytes (const QsTensor *tensor)
{
  GString *dict = g_string_new (NULL);
  GByteArray *out = g_byte_array_new ();
  gsize prefix, total, data_size;
  int i;
  guint8 version[2] = { 1, 0 };

  g_string_append_printf (dict, "{'descr': '%s', 'fortran_order': False, 'shape': (", descr_for (tensor->type));
  for (i = 0; i < tensor->rank; i++)
    g_string_append_printf (dict, "%" G_GINT64_FORMAT "%s", tensor->dims[i],
                            tensor->rank == 1 || i + 1 < tensor->rank ? "," : "");
  /* NumPy writes "(3,)" for rank 1 and "(2, 3)" otherwise; both parse */
  g_string_append (dict, "), }");

  prefix = 10;
  if (dict->len + 1 + prefix > 65535)
    {
      version[0] = 2;
      prefix = 12;
    }
  /* pad with spaces so that the data starts on a 64-byte boundary */
  total = prefix + dict->len + 1;
  while (total % 64 != 0)
    {
      g_string_append_c (dict, ' ');
      total++;
    }
  g_string_append_c (dict, '\n');

  g_byte_array_append (out, (const guint8 *) magic, 6);
  g_byte_array_append (out, version, 2);
  if (version[0] == 1)
    {
      guint8 len[2] = { dict->len & 0xff, (dict->len >> 8) & 0xff };
      g_byte_array_append (out, len, 2);
    }
  else
    {
      guint8 len[4] = { dict->len & 0xff, (dict->len >> 8) & 0xff, (dict->len >> 16) & 0xff, (dict->len >> 24) & 0xff };
      g_byte_array_append (out, len, 4);
    }
  g_byte_array_append (out, (const guint8 *) dict->str, dict->len);
  data_size = tensor->n_elements * qs_tensor_type_size (tensor->type);
  g_byte_array_append (out, tensor->data, data_size);
  g_string_free (dict, TRUE);
  return g_byte_array_free_to_bytes (out);
}

gboolean
qs_npy_write (const QsTensor  *tensor,
              const char      *path,
              GError         **error)
{
  g_autoptr(GBytes) bytes = qs_npy_write_bytes (tensor);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return qs_file_replace_contents (path, data, size, error);
}
