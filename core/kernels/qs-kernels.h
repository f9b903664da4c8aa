/* qs-kernels.h — convolution and matrix kernels, fp32 and int8
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Layout: activations NCHW (N = 1 per call is enough for the executor, but
 * N > 1 must work), weights [OC, IC/groups, KH, KW].  Every fast path has a
 * scalar reference (*_ref) beside it; the int8 paths match it bit for bit.
 *
 * Fast kernels repack weights once: prepare when the layer is planned, run
 * for every input.  The ISA (scalar, AVX2, AVX-512 VNNI) is chosen at run time
 * and can be forced (tests, benchmarks) with qs_kernels_set_isa().
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define QS_KERNELS_ERROR (qs_kernels_error_quark ())

typedef enum
{
  QS_KERNELS_ERROR_INVALID_SHAPE = 1,
} QsKernelsError;

GQuark qs_kernels_error_quark (void);

typedef enum
{
  QS_ISA_SCALAR = 0,
  QS_ISA_AVX2,
  QS_ISA_AVX512_VNNI,
  QS_ISA_N
} QsIsa;

QsIsa       qs_kernels_detect_isa (void);          /* the best the CPU has */
QsIsa       qs_kernels_get_isa    (void);          /* the one in use */
void        qs_kernels_set_isa    (QsIsa isa);     /* clamps to what the CPU has */
const char *qs_isa_name           (QsIsa isa);

/* Core's per-ISA tables of functions (the micro-kernels, the statistics'
 * block passes, the row loops) are made the same way: the scalar table
 * first, each better ISA starting as a copy of the one below it and
 * filled by its own function when the CPU has it.  _qs_isa_table() does
 * that once for @tables (QS_ISA_N tables of @size bytes, @once their
 * g_once flag) and returns the table of @isa (scalar when out of range). */
typedef void (*QsIsaTableFill) (gpointer table);
gconstpointer _qs_isa_table (gsize               *once,
                             gpointer             tables,
                             gsize                size,
                             const QsIsaTableFill fill[QS_ISA_N],
                             QsIsa                isa);

typedef struct
{
  int n, ic, ih, iw;          /* input */
  int oc, kh, kw;             /* output channels, kernel */
  int groups;                 /* 1, or ic for depthwise, or any divisor */
  int stride_h, stride_w;
  int dil_h, dil_w;
  int pad_top, pad_left, pad_bottom, pad_right;
  int oh, ow;                 /* filled by qs_conv_params_init() */
} QsConvParams;

/* Computes oh/ow and checks consistency; FALSE with a message for bad shapes. */
gboolean qs_conv_params_init (QsConvParams *p,
                              GError      **error);

/* fp32: dst[n, oc, oh, ow] = bias[oc] + sum src * w.  bias may be NULL. */
void qs_conv2d_f32_ref (const QsConvParams *p,
                        const float        *src,
                        const float        *weights,
                        const float        *bias,
                        float              *dst);

typedef struct _QsConvF32 QsConvF32;
QsConvF32 *qs_conv_f32_prepare (const QsConvParams *p,
                                const float        *weights,
                                const float        *bias);
void       qs_conv_f32_run     (QsConvF32          *conv,
                                const float        *src,
                                float              *dst);
void       qs_conv_f32_free    (QsConvF32          *conv);

/* int8: dst[n, oc, oh, ow] = sum over the window of src_u8 * w_i8, in i32.
 * Padding reads as @pad_value (the activation's zero point, so that a padded
 * element means real zero).  No bias, no scaling: the Dequantize or
 * Requantize after it does that. */
void qs_conv2d_u8s8s32_ref (const QsConvParams *p,
                            const guint8       *src,
                            guint8              pad_value,
                            const gint8        *weights,
                            gint32             *dst);

typedef struct _QsConvInt8 QsConvInt8;
QsConvInt8 *qs_conv_int8_prepare (const QsConvParams *p,
                                  const gint8        *weights);
void        qs_conv_int8_run     (QsConvInt8         *conv,
                                  const guint8       *src,
                                  guint8              pad_value,
                                  gint32             *dst);
void        qs_conv_int8_free    (QsConvInt8         *conv);

/* C[M,N] = A[M,K] * B, B given as [K,N] or, with transpose_b, [N,K]. */
void qs_matmul_f32_ref     (int m, int n, int k,
                            const float *a, const float *b, gboolean transpose_b,
                            float *c);
void qs_matmul_f32         (int m, int n, int k,
                            const float *a, const float *b, gboolean transpose_b,
                            float *c);
void qs_matmul_u8s8s32_ref (int m, int n, int k,
                            const guint8 *a, const gint8 *b, gboolean transpose_b,
                            gint32 *c);
void qs_matmul_u8s8s32     (int m, int n, int k,
                            const guint8 *a, const gint8 *b, gboolean transpose_b,
                            gint32 *c);

/* u8 x s8 -> s32 MatMul with its weights (k x n, or n x k with
 * transpose_b) packed once: run computes c[m x n] = a[m x k] . B for any m.
 * col_sums are sum over k of B[k][j] (what an i8 activation shifted to u8
 * by +128 must take back 128 times).  The packing is for the ISA in use at
 * prepare time; the weights are copied, the caller keeps its own. */
typedef struct _QsMatmulInt8 QsMatmulInt8;

QsMatmulInt8 *qs_matmul_int8_prepare  (int                 n,
                                       int                 k,
                                       const gint8        *b,
                                       gboolean            transpose_b);
void          qs_matmul_int8_run      (QsMatmulInt8       *mm,
                                       int                 m,
                                       const guint8       *a,
                                       gint32             *c);
const gint32 *qs_matmul_int8_col_sums (const QsMatmulInt8 *mm);
void          qs_matmul_int8_free     (QsMatmulInt8       *mm);

/* Runs func(i, data) for i in [0, n) over the kernel thread pool (all cores);
 * returns when every call has returned.  Nested calls run serially. */
typedef void (*QsParallelFunc) (gsize i, gpointer data);
void qs_parallel_for     (gsize          n,
                          QsParallelFunc func,
                          gpointer       data);
void qs_parallel_set_threads (guint      n_threads);   /* 0 = one per core */
guint qs_parallel_get_threads (void);

/* Brackets a model run (the executor calls them; they nest and may come
 * from several threads): while any run is in progress the pool's threads
 * wait for the next job spinning, for a bounded time, instead of sleeping
 * at once. */
void qs_parallel_run_begin (void);
void qs_parallel_run_end   (void);

/* Nanoseconds (monotonic clock) the calling thread has spent so far inside
 * the fast kernels' entry points (qs_conv_*_prepare/_run, qs_matmul_f32,
 * qs_matmul_u8s8s32), waiting for the pool's other threads included; a
 * profiler reads it before and after a layer.  Nested entries count once. */
guint64 qs_kernels_thread_ns (void);

G_END_DECLS
