/* qs-tensor.h — the executor's tensors: a shape, an element type and the data
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A plain ref-counted struct.  Element types are the few the executor
 * computes in: f32 (f16 and bf16 models compute in f32 too), i32, i64, u8,
 * i8 and boolean (one byte, 0 or 1).  Data is dense, row-major (C order).
 * A tensor may be a view that shares the data of another (Reshape and
 * friends); it then holds a reference on that base tensor.
 */
#pragma once

#include <glib.h>

#include "qs-element-type.h"

G_BEGIN_DECLS

#define QS_TENSOR_MAX_RANK 8

/* The default per-tensor element cap of a run (see QsBudget). */
#define QS_TENSOR_DEFAULT_MAX_ELEMENTS ((guint64) G_MAXINT32)

typedef struct _QsTensor QsTensor;
typedef struct _QsBudget QsBudget;

struct _QsTensor
{
  gint           ref_count;
  QsElementType  type;
  int            rank;
  gint64         dims[QS_TENSOR_MAX_RANK];
  gsize          n_elements;
  gpointer       data;

  /*< private >*/
  QsTensor      *base;       /* owner of data for views, or NULL */
  QsBudget      *budget;     /* charged for data, or NULL */
  gsize          charged;
};

/* A run-memory budget: the bytes of live tensor data (and op scratch) of
 * the runs that allocate through it, counted atomically, against a limit,
 * plus a cap on the elements of any one tensor.  A tensor allocated while
 * a budget is current (qs_budget_push()) is charged to it and holds a
 * reference until its data is freed.  Allocation never aborts: over the
 * limit, over the cap or out of memory, qs_tensor_new() returns NULL and
 * qs_tensor_alloc_error() says why. */
QsBudget   *qs_budget_new            (guint64        max_bytes,
                                      guint64        max_elements);
QsBudget   *qs_budget_ref            (QsBudget      *budget);
void        qs_budget_unref          (QsBudget      *budget);
void        qs_budget_set_limit      (QsBudget      *budget,
                                      guint64        max_bytes);
guint64     qs_budget_get_limit      (const QsBudget *budget);
guint64     qs_budget_get_max_elements (const QsBudget *budget);
guint64     qs_budget_get_used       (const QsBudget *budget);
guint64     qs_budget_get_peak       (const QsBudget *budget);
/* Makes @budget (nullable) the calling thread's current budget; returns the
 * previous one, to be given back to qs_budget_pop(). */
QsBudget   *qs_budget_push           (QsBudget      *budget);
void        qs_budget_pop            (QsBudget      *previous);

/* Scratch memory charged to the current budget, or NULL (never aborts).
 * Free with qs_budget_free_scratch(). */
/* Bytes of tensors and scratch the calling thread has allocated so far
 * (for the executor's profile). */
guint64     qs_tensor_thread_alloc_bytes (void);
gpointer    qs_budget_alloc_scratch  (gsize          n,
                                      gsize          size);
void        qs_budget_free_scratch   (gpointer       mem);

/* Why the calling thread's last qs_tensor_new() or scratch allocation
 * failed, as a sentence without a location: "the output [..] needs 80.0 GB;
 * the run's limit is 12.0 GB (--max-memory)".  @what names the buffer
 * ("the output", "a scratch buffer").  Newly allocated. */
char       *qs_tensor_alloc_error    (const char    *what);
/* Whether that failure was the budget (limit or element cap) rather than
 * a malformed shape. */
gboolean    qs_tensor_alloc_error_is_limit (void);

/* Sets up glibc's heap for runs: large blocks kept in it, huge pages
 * (see qs-tensor.c).  Once per process; the first tensor does it, and
 * qs_exec_new() before it builds a plan. */
void        qs_tensor_tune_malloc    (void);

gboolean    qs_tensor_type_supported (QsElementType  type);
gsize       qs_tensor_type_size      (QsElementType  type);

/* New tensor with zeroed data.  NULL when the type is not one the executor
 * computes in, the rank is too high, a dimension is negative, the size
 * overflows, the current budget refuses it or memory is exhausted. */
QsTensor   *qs_tensor_new            (QsElementType  type,
                                      int            rank,
                                      const gint64  *dims);
/* The same without zeroing the data, for a producer that writes every
 * element (a run reuses heap blocks, where zeroing is a pass of its own). */
QsTensor   *qs_tensor_new_uninit     (QsElementType  type,
                                      int            rank,
                                      const gint64  *dims);
QsTensor   *qs_tensor_new_f32        (int            rank,
                                      const gint64  *dims);
QsTensor   *qs_tensor_new_like       (const QsTensor *like,
                                      QsElementType  type);
QsTensor   *qs_tensor_new_scalar_f32 (float          value);
QsTensor   *qs_tensor_new_vector_i64 (gsize          n,
                                      const gint64  *values);
QsTensor   *qs_tensor_ref            (QsTensor      *tensor);
void        qs_tensor_unref          (QsTensor      *tensor);

/* A tensor sharing @tensor's data under another shape of the same size. */
QsTensor   *qs_tensor_view           (QsTensor      *tensor,
                                      int            rank,
                                      const gint64  *dims);
QsTensor   *qs_tensor_copy           (const QsTensor *tensor);
/* Fills @view (on the caller's stack) as a tensor of @type and shape @dims
 * over @data, borrowed: never referenced, copied or freed, and valid while
 * @data is.  @data may be NULL for a tensor that only describes a shape. */
void        qs_tensor_init_borrowed  (QsTensor      *view,
                                      QsElementType  type,
                                      int            rank,
                                      const gint64  *dims,
                                      gpointer       data);

/* Converts: float -> integer saturates and truncates toward zero (what
 * OpenVINO's CPU plugin does), anything -> boolean is "non-zero". */
QsTensor   *qs_tensor_convert        (const QsTensor *tensor,
                                      QsElementType  type);

/* Element @i as double / as int64 (any element type). */
double      qs_tensor_get_f64        (const QsTensor *tensor,
                                      gsize          i);
gint64      qs_tensor_get_i64        (const QsTensor *tensor,
                                      gsize          i);
/* Stores @v as the tensor's type: integers wrap as a C++ static_cast does,
 * booleans are v != 0, floats take the nearest value. */
void        qs_tensor_set_i64        (QsTensor      *tensor,
                                      gsize          i,
                                      gint64         v);
void        qs_tensor_set_f64        (QsTensor      *tensor,
                                      gsize          i,
                                      double         value);

/* Newly allocated copies of all elements, or NULL without the memory.
 * Free with g_free(). */
float      *qs_tensor_dup_f32        (const QsTensor *tensor);
gint64     *qs_tensor_dup_i64        (const QsTensor *tensor);

static inline float *
qs_tensor_f32 (const QsTensor *tensor)
{
  return (float *) tensor->data;
}

gboolean    qs_tensor_is_float       (const QsTensor *tensor);
gboolean    qs_tensor_same_shape     (const QsTensor *a,
                                      const QsTensor *b);
char       *qs_tensor_shape_to_string (const QsTensor *tensor);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsTensor, qs_tensor_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsBudget, qs_budget_unref)

G_END_DECLS
