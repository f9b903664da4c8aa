/* qs-model.h — a loaded IR model: the XML graph and the mapped weights
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "qs-graph.h"

G_BEGIN_DECLS

#define QS_IR_ERROR (qs_ir_error_quark ())

typedef enum
{
  QS_IR_ERROR_IO = 1,          /* a file cannot be read or mapped */
  QS_IR_ERROR_XML,             /* not well-formed XML */
  QS_IR_ERROR_FORBIDDEN,       /* DTD, entity, external reference: never in an IR */
  QS_IR_ERROR_VERSION,         /* an IR version qscope does not read */
  QS_IR_ERROR_INVALID,         /* well-formed XML that is not a valid IR */
  QS_IR_ERROR_ELEMENT_TYPE,    /* an unknown element type or precision */
  QS_IR_ERROR_EDGE,            /* an edge to a missing layer or port, or a doubled input */
  QS_IR_ERROR_CYCLE,           /* the graph has a cycle */
  QS_IR_ERROR_WEIGHTS,         /* Const data outside the .bin, or of the wrong size */
  QS_IR_ERROR_LIMIT,           /* a size past qscope's limits */
  QS_IR_ERROR_CANCELLED,
} QsIrError;

GQuark qs_ir_error_quark (void);

typedef enum
{
  QS_LOAD_FLAGS_NONE        = 0,
  QS_LOAD_FLAGS_NO_WEIGHTS  = 1 << 0,  /* read the XML only; Const data stays NULL */
} QsLoadFlags;

/* Limits that keep a hostile file from taking the machine down. */
typedef struct
{
  guint64 max_layers;          /* per model, bodies included */
  guint   max_depth;           /* XML element nesting */
  guint   max_rank;
  gint64  max_dim;
  guint64 max_elements;        /* of one tensor */
} QsLoadLimits;

const QsLoadLimits *qs_load_limits_default (void);

struct _QsModel
{
  gint          ref_count;
  char         *xml_path;
  char         *bin_path;      /* NULL when loaded without weights */
  int           ir_version;
  const char   *name;
  QsGraph      *graph;
  guint         n_layers;      /* in all graphs, bodies included */

  /* Net-level metadata, as XML text (NULL when absent). */
  const char   *rt_info;
  const char   *meta_data;
  const char   *quantization_parameters;

  GMappedFile  *bin;
  const guint8 *bin_data;
  gsize         bin_size;

  double        load_seconds;

  /*< private >*/
  gpointer      priv;
};

QsModel  *qs_model_load       (const char          *xml_path,
                               QsLoadFlags          flags,
                               GCancellable        *cancellable,
                               GError             **error);
QsModel  *qs_model_load_full  (const char          *xml_path,
                               QsLoadFlags          flags,
                               const QsLoadLimits  *limits,
                               GCancellable        *cancellable,
                               GError             **error);
QsModel  *qs_model_load_from_bytes (const char    *name,
                                     GBytes        *xml,
                                     GBytes        *bin,
                                     QsLoadFlags    flags,
                                     const QsLoadLimits *limits,
                                     GError       **error);
QsModel  *qs_model_ref        (QsModel             *model);
void      qs_model_unref      (QsModel             *model);

/* Bytes used by the model's own structures (arena and strings), not the mapping. */
gsize     qs_model_get_memory (const QsModel       *model);

/* Prefix for a person: "file.xml:LINE: layer ID "NAME"". */
char     *qs_model_describe_node (const QsModel    *model,
                                  const QsNode     *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsModel, qs_model_unref)

G_END_DECLS
