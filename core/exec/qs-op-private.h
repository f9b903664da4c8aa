/* qs-op-private.h — what op kernels see, and the helpers they share
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * An op kernel reads ctx->in[] and sets every ctx->out[] to a new tensor
 * (or a view); on failure it returns FALSE with a message that does not
 * name the layer — the executor prefixes "file:line: layer id “name”".
 * Each family file exports a table of entries ending with a NULL type.
 */
#pragma once

#include <math.h>

#include "qs-exec.h"
#include "qs-stats.h"
#include "qs-kernels.h"
#include "qs-tensor.h"

G_BEGIN_DECLS

/* the version="qscope" ops of the low-precision transformation */
#define QS_OPSET_QSCOPE 10000

typedef struct
{
  QsExec           *exec;
  const QsNode     *node;
  QsExecMode        mode;
  gboolean          data_is_constant;   /* input 0 depends on no model input */
  guint             n_in;
  QsTensor *const  *in;
  guint             n_out;
  QsTensor        **out;
  guint32           out_unread;         /* bit i: nothing reads out[i] in this run */
  /* output 0's statistics as it is written (_qs_op_output_summary()) */
  gboolean          summarise;          /* the run asks for them */
  QsSummary        *out_part;           /* where the op adds it (the run's) */
  QsSummary        *out_summary;        /* the summary function's, or NULL until asked */
} QsOpCtx;

/* For an op about to write its f32 output 0 (@out, allocated) in one pass
 * it can summarise as it goes (_qs_rows_parallel_summary()): an empty
 * summary to add every element of @out to, exactly once, before it
 * returns TRUE, or NULL when the run wants none (no observer that takes
 * them, see qs_exec_set_summarise_outputs()) and the op just writes.  Ask
 * right before that pass, once, and only when it covers the whole output:
 * the run hands the summary on as the output's. */
QsSummary *_qs_op_output_summary (QsOpCtx        *ctx,
                                  const QsTensor *out);

/* Whether output @i has a reader (a consumer, a Result, a kept output or an
 * observer, see qs-exec.c); an op may leave an output nobody reads NULL. */
static inline gboolean
_qs_op_output_read (const QsOpCtx *ctx,
                    guint          i)
{
  return i >= 32 || (ctx->out_unread & (1u << i)) == 0;
}

typedef gboolean (*QsOpFunc) (QsOpCtx *ctx,
                              GError **error);

typedef struct
{
  const char *type;
  int         min_opset;     /* the op version is used from this opset ... */
  int         max_opset;     /* ... to this one (G_MAXINT: still current) */
  QsOpFunc    func;
} QsOpEntry;

extern const QsOpEntry _qs_op_eltwise_table[];
extern const QsOpEntry _qs_op_quant_table[];
extern const QsOpEntry _qs_op_conv_table[];
extern const QsOpEntry _qs_op_pool_table[];
/* MaxPool on u8 or i8 codes, exactly the float one's codes and indices
 * (qs-op-pool.c); the indices only when something reads them. */
gboolean _qs_op_max_pool_codes (QsOpCtx  *ctx,
                                GError  **error);
extern const QsOpEntry _qs_op_reduce_table[];
extern const QsOpEntry _qs_op_shape_table[];
extern const QsOpEntry _qs_op_interpolate_table[];
extern const QsOpEntry _qs_op_detection_table[];

/* What an op prepares once per plan for @node (packed weights, say);
 * NULL until set.  Set stores @data unless another run of the plan stored
 * something first; it returns what is stored (destroying @data if that is
 * not it).  Safe from several threads. */
gpointer _qs_exec_get_op_data (QsExec         *exec,
                               const QsNode   *node);
gpointer _qs_exec_set_op_data (QsExec         *exec,
                               const QsNode   *node,
                               gpointer        data,
                               GDestroyNotify  destroy);

/* What an op prepares from its constant input @input (packed weights) and
 * keeps with the plan, with the @key_size bytes of @key it was made for
 * (the sizes: a Parameter with dynamic dims may bring others in a later
 * run).  @prepare (@prepare_data) makes it on the first call and
 * @free_prepared frees it with the plan.  NULL when the input is not a
 * constant or @key is not the kept one: the caller prepares its own for
 * this call then. */
typedef gpointer (*QsOpPrepareFunc) (gpointer prepare_data);

gpointer _qs_op_prepared (QsOpCtx         *ctx,
                          guint            input,
                          gconstpointer    key,
                          gsize            key_size,
                          QsOpPrepareFunc  prepare,
                          gpointer         prepare_data,
                          GDestroyNotify   free_prepared);

/* A plan for @body, a body of one of @parent's layers (TensorIterator,
 * Loop, If): the same model and memory budget, and @parent's mode (an int8
 * plan runs bodies in fake-quant mode).  Free with qs_exec_free(). */
QsExec  *_qs_exec_new_body     (QsExec         *parent,
                                QsGraph        *body,
                                GError        **error);

/* Finds the kernel for @node, or NULL. */
const QsOpEntry *_qs_op_lookup (const QsNode *node);

gboolean _qs_op_fail (GError    **error,
                      const char *format,
                      ...) G_GNUC_PRINTF (2, 3);

/* Fails with why the calling thread's last tensor or scratch allocation
 * failed (QS_EXEC_ERROR_MEMORY for the budget); @what names the buffer,
 * "the output" say.  Always returns FALSE. */
gboolean _qs_op_fail_alloc (GError    **error,
                            const char *what);

/* A pointer from qs_budget_alloc_scratch() freed when it goes out of scope. */
static inline void
_qs_scratch_cleanup (gpointer p)
{
  qs_budget_free_scratch (*(gpointer *) p);
}
#define QS_AUTO_SCRATCH __attribute__ ((cleanup (_qs_scratch_cleanup)))

/* Input @i or an error when it is absent. */
/* Dequantize of one code (u8, i8 or i32 @type): ((float) (code − zp_i32))
 * for i32 codes, (float) code − zp for 8-bit ones, times scale, then
 * + shift when it has one, each step rounded to float: the formula every
 * row loop of the op computes. */
float    _qs_dequantize_value  (gint64          code,
                                QsElementType   type,
                                gint32          zp_i32,
                                float           zp,
                                float           scale,
                                gboolean        has_shift,
                                float           shift);
/* Quantize's attributes: levels (2 to 65536), qmin and destination_type
 * (u8 or i8). */
gboolean _qs_op_quantize_attrs (const QsNode   *node,
                                guint          *levels,
                                gint64         *qmin,
                                QsElementType  *type,
                                GError        **error);
gboolean _qs_op_need_inputs (QsOpCtx  *ctx,
                             guint     n,
                             GError  **error);
/* Normalises a possibly negative axis against @rank. */
gboolean _qs_op_axis (gint64    axis,
                      int       rank,
                      int      *out,
                      GError  **error);
/* Reads a 1-D (or scalar) integer tensor into a new array (g_free), or
 * NULL when there is no memory for it. */
gint64  *_qs_op_int_values (const QsTensor *t,
                            gsize          *n);

/* Numpy broadcasting of several shapes into one. */
gboolean _qs_op_broadcast_shape (QsTensor *const *tensors,
                                 guint            n,
                                 int             *rank,
                                 gint64          *dims,
                                 GError         **error);

/* Walks an output of shape (rank, dims) and, for each operand, the offset of
 * the element numpy broadcasting maps there.  Adjacent dimensions are
 * merged where possible so the inner loop is long. */
#define QS_BCAST_MAX 6
typedef struct
{
  guint   n_ops;
  int     rank;                                /* after merging; >= 1 */
  gint64  dims[QS_TENSOR_MAX_RANK];
  gint64  strides[QS_BCAST_MAX][QS_TENSOR_MAX_RANK];
  gsize   n_outer;                             /* product of all dims but the last */
} QsBcast;

void     _qs_bcast_init   (QsBcast         *b,
                           int              out_rank,
                           const gint64    *out_dims,
                           QsTensor *const *ops,
                           guint            n_ops);
/* Offsets of the first element of outer row @row for each operand. */
void     _qs_bcast_row    (const QsBcast   *b,
                           gsize            row,
                           gsize           *offsets);

/* Shape helpers */
gsize    _qs_dims_product (const gint64    *dims,
                           int              from,
                           int              to);

/* Convolution geometry shared by the fp32 and int8 ops (qs-op-conv.c). */
int      _qs_op_conv_geometry (QsOpCtx         *ctx,
                               const QsTensor  *x,
                               const QsTensor  *w,
                               gboolean         grouped,
                               QsConvParams    *p,
                               GError         **error);
/* MatMul's shapes, shared by the fp32 and int8 ops (qs-op-conv.c): the
 * transposes (dropped for 1-D operands), the matrix sizes, the output
 * shape and the broadcast of the batch dimensions over [out, a, b]. */
typedef struct
{
  gboolean  ta, tb;
  gint64    M, K, N;
  QsBcast   bc;
  gsize     n_batch;
  int       out_rank;
  gint64    out_dims[QS_TENSOR_MAX_RANK];
} QsMatMulShape;

gboolean _qs_op_matmul_shape   (QsOpCtx         *ctx,
                                const QsTensor  *a,
                                const QsTensor  *b,
                                QsMatMulShape   *s,
                                GError         **error);
/* Which matrix of A and of B (counted in matrices) batch @batch takes. */
void     _qs_op_matmul_batch   (const QsMatMulShape *s,
                                gsize                batch,
                                gsize               *a_matrix,
                                gsize               *b_matrix);

/* ConvolutionBackpropData / GroupConvolutionBackpropData geometry, shared
 * by the fp32 and int8 ops (qs-op-conv.c): the spatial axes right-aligned
 * into three (a 1-D op runs as [1, 1, W]); input element (a, b, c) times
 * tap (ka, kb, kc) lands at output (a·stride − pad_begin + ka·dilation, …). */
#define QS_BACKPROP_MAX_SP 3

typedef struct
{
  int     n_sp;
  gint64  groups, icg, ocg;             /* groups, input and output channels per group */
  gint64  batch;
  gint64  in[QS_BACKPROP_MAX_SP], k[QS_BACKPROP_MAX_SP], out[QS_BACKPROP_MAX_SP];
  gint64  stride[QS_BACKPROP_MAX_SP], dilation[QS_BACKPROP_MAX_SP], pad[QS_BACKPROP_MAX_SP];
  int     out_rank;
  gint64  out_dims[2 + QS_BACKPROP_MAX_SP];
} QsBackpropGeometry;

gboolean _qs_op_backprop_geometry (QsOpCtx            *ctx,
                                   const QsTensor     *x,
                                   const QsTensor     *w,
                                   gboolean            grouped,
                                   QsBackpropGeometry *g,
                                   GError            **error);

/* The output of a convolution with @n_sp spatial dimensions: N, C, [H,] W. */
QsTensor *_qs_op_conv_output   (const QsConvParams *p,
                                int                 n_sp,
                                QsElementType       type);

/* GCC's -O2 vectoriser takes only loops that need no run-time checks; the
 * row loops of the ops that are not in the multi-ISA rows library
 * (qs-rows-impl.h) need an alias check or an epilogue. */
#if defined(__GNUC__) && !defined(__clang__)
#define QS_VECTORISE __attribute__ ((optimize ("tree-vectorize", "vect-cost-model=dynamic")))
#else
#define QS_VECTORISE
#endif

G_END_DECLS
