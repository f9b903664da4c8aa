/* qs-ir-writer.h — a QsModel back to IR .xml + .bin
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "qs-model.h"

G_BEGIN_DECLS

#define QS_IR_WRITER_ERROR (qs_ir_writer_error_quark ())

typedef enum
{
  QS_IR_WRITER_ERROR_IO = 1,       /* a file cannot be written */
  QS_IR_WRITER_ERROR_UNSUPPORTED,  /* something qscope cannot write (a string Const without data) */
  QS_IR_WRITER_ERROR_CANCELLED,
} QsIrWriterError;

GQuark    qs_ir_writer_error_quark (void);

/**
 * qs_ir_write:
 * @model: any model, loaded or built
 * @xml_path: the .xml to write; the weights go to the .bin beside it
 *
 * Writes the graph (bodies, port maps, rt_info and net metadata as read)
 * and the Const data, repacked one after the other into a new .bin with new
 * offsets.  A model loaded without weights keeps its offsets and gets no
 * .bin.  Both files are written to temporary files and renamed, the .bin
 * first, so a failure leaves no partial file under either name.
 *
 * Returns: %TRUE on success.
 */
gboolean  qs_ir_write (const QsModel  *model,
                       const char     *xml_path,
                       GCancellable   *cancellable,
                       GError        **error);

/* The same, into memory (for tests): @xml and @bin get the file contents. */
gboolean  qs_ir_write_to_bytes (const QsModel  *model,
                                GBytes        **xml,
                                GBytes        **bin,
                                GError        **error);

G_END_DECLS
