/* qs-npy.h — NumPy .npy files for tensors
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Format versions 1.0, 2.0 and 3.0 (the header length is 2 bytes in 1.0 and
 * 4 bytes after; 3.0 only allows a UTF-8 header).  Only little-endian (or
 * byte-sized) data in C order is read; f2 and f8 are read into f32.  Files
 * are written as version 1.0 (2.0 when the header does not fit).
 */
#pragma once

#include <glib.h>

#include "qs-tensor.h"

G_BEGIN_DECLS

#define QS_NPY_ERROR (qs_npy_error_quark ())

typedef enum
{
  QS_NPY_ERROR_IO = 1,
  QS_NPY_ERROR_FORMAT,        /* not a .npy file, or a header qscope cannot read */
  QS_NPY_ERROR_UNSUPPORTED,   /* big-endian, Fortran order, an element type qscope does not compute in */
} QsNpyError;

GQuark    qs_npy_error_quark (void);

QsTensor *qs_npy_read_bytes  (const guint8   *data,
                              gsize           size,
                              GError        **error);
QsTensor *qs_npy_read        (const char     *path,
                              GError        **error);
GBytes   *qs_npy_write_bytes (const QsTensor *tensor);
/* Writes through a temporary file and a rename. */
gboolean  qs_npy_write       (const QsTensor *tensor,
                              const char     *path,
                              GError        **error);

G_END_DECLS
