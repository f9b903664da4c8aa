/* qs-rows-private.h — elementwise row loops, one source for every ISA
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The ops of qs-op-eltwise.c, qs-op-quant.c and qs-op-int8.c walk their
 * broadcast outputs row by row (QsBcast); along a row every operand is
 * either contiguous or one value.  The loops over such a row live here,
 * written once in qs-rows-impl.h and compiled three times (scalar: the
 * baseline x86-64 build, AVX2, AVX-512), each in its own static library
 * with its own -m flags and with the vectoriser on.  They are built without
 * FP contraction, so every ISA performs the same IEEE operations in the same
 * order as the plain per-element code and gives its bits exactly (the `rows`
 * test suite holds each ISA to the scalar build and to per-element
 * references).  The one exception is NaN payloads when both operands of an
 * addition or a multiplication are NaN: x86 returns the first operand's
 * NaN, and the compiler may swap the operands of a commutative operation.
 *
 * _qs_rows() gives the table of the ISA in use (qs_kernels_get_isa(), so
 * QS_ISA and qs_kernels_set_isa() choose it as they do for the kernels).
 */
#pragma once

#include <glib.h>

#include "qs-kernels.h"

G_BEGIN_DECLS

/* The float binary ops with a row loop. */
typedef enum
{
  QS_ROW_ADD,
  QS_ROW_SUB,
  QS_ROW_MUL,
  QS_ROW_DIV,
  QS_ROW_MAX,          /* a > b ? a : b */
  QS_ROW_MIN,          /* a < b ? a : b */
  QS_ROW_N_BINARY
} QsRowBinary;

/* How the two operands run along a row. */
typedef enum
{
  QS_ROW_VV,           /* o[i] = a[i] op b[i] */
  QS_ROW_VS,           /* o[i] = a[i] op b[0] */
  QS_ROW_SV,           /* o[i] = a[0] op b[i] */
  QS_ROW_N_FORMS
} QsRowForm;

typedef void (*QsRowBinaryFunc) (const float *a,
                                 const float *b,
                                 float       *o,
                                 gsize        n);

/* FakeQuantize with ranges constant along the row, as qs_fake_quantize_f32()
 * computes it, for il < ih and levels <= 65536 only (the caller checks). */
typedef struct
{
  float il, ih, ol, oh;
  guint levels;
} QsRowFakeQuantize;

/* Quantize: qmin + the code of x over [il, ih] with @levels levels (as
 * qs_quantize_code_f32()), clamped to [lo, hi]; levels <= 65536 and
 * |qmin| <= 32768 (the caller checks), so the sum cannot overflow. */
typedef struct
{
  float  il, ih;
  guint  levels;
  gint32 qmin, lo, hi;
} QsRowQuantize;

/* Requantize: codes c to codes of another scale, as qs_requantize_code()
 * computes them: t = (double) c · m + a in double, rounded half to even,
 * clamped to [lo, hi] (a NaN gives lo).  m and a are the op's f32
 * multiplier and offset widened to double; lo and hi fit the output type. */
typedef struct
{
  double m, a, lo, hi;
} QsRowRequantize;

/* Input code types of the requantize rows (the output is u8 or i8). */
typedef enum
{
  QS_ROW_CODES_U8,
  QS_ROW_CODES_I8,
  QS_ROW_CODES_I32,
  QS_ROW_N_CODES
} QsRowCodes;

typedef void (*QsRowRequantizeFunc) (gconstpointer          c,
                                     gsize                  n,
                                     const QsRowRequantize *p,
                                     gpointer               o);

/* A fused int8 chain on one row (qs-exec-fuse.c): Dequantize, the float
 * links, Quantize, run on a block of values at a time that never leaves
 * the first-level cache.  Every value goes through the operations of the
 * ops' own row loops above, in the same order, so the codes are theirs
 * bit for bit. */
typedef enum
{
  QS_ROW_LINK_PRELU,          /* v >= 0 ? v : v * s */
  QS_ROW_LINK_ADD,            /* v + s */
  QS_ROW_LINK_ADD_SWAPPED,    /* s + v (the chain's value is the second operand) */
  QS_ROW_LINK_MUL,            /* v * s */
  QS_ROW_LINK_MUL_SWAPPED,    /* s * v */
  QS_ROW_LINK_CLAMP,          /* lo = a, hi = b */
  QS_ROW_LINK_RELU,
  QS_ROW_LINK_SIGMOID,
  QS_ROW_LINK_SWISH,          /* beta = a */
  QS_ROW_LINK_FAKE_QUANTIZE,  /* fq */
  QS_ROW_N_LINKS
} QsRowLinkKind;

typedef struct
{
  QsRowLinkKind     kind;
  const float      *side;     /* s: one per element, or NULL for a (one value) */
  float             a, b;
  QsRowFakeQuantize fq;
} QsRowLink;

typedef struct
{
  /* Dequantize: ((float) c - zp) · scale [+ shift], as the dequantize rows */
  QsRowCodes       codes;
  gconstpointer    c;
  gint32           zp_i32;    /* i32 codes */
  float            zp;        /* u8 and i8 codes */
  float            scale;
  int              shift_form;  /* 0 none, 1 shift, 2 shifts[i] */
  float            shift;
  const float     *shifts;
  /* the float links, in order */
  const QsRowLink *links;
  guint            n_links;
  /* Quantize into u8 (out_i8 FALSE) or i8 codes */
  QsRowQuantize    q;
  gboolean         out_i8;
  gpointer         o;
} QsRowChain;

typedef struct
{
  QsRowBinaryFunc binary[QS_ROW_N_BINARY][QS_ROW_N_FORMS];

  /* PReLU: x >= 0 ? x : x * slope, the slope one value or one per element */
  void (*prelu_scalar)  (const float *x, float slope, float *o, gsize n);
  void (*prelu)         (const float *x, const float *slope, float *o, gsize n);
  /* Clamp: x < lo ? lo : (x > hi ? hi : x) (a NaN passes through); ReLU: x > 0 ? x : 0 */
  void (*clamp)         (const float *x, float lo, float hi, float *o, gsize n);
  void (*relu)          (const float *x, float *o, gsize n);
  /* Exp, Sigmoid (1 / (1 + exp (-x))) and Swish (x / (1 + exp (-beta · x)))
   * with _qs_rows_expf() for expf */
  void (*exp)           (const float *x, float *o, gsize n);
  void (*sigmoid)       (const float *x, float *o, gsize n);
  void (*swish)         (const float *x, float beta, float *o, gsize n);

  void (*fake_quantize) (const float *x, gsize n, const QsRowFakeQuantize *p, float *o);

  void (*quantize_u8)   (const float *x, gsize n, const QsRowQuantize *p, guint8 *o);
  void (*quantize_i8)   (const float *x, gsize n, const QsRowQuantize *p, gint8 *o);
  void (*quantize_i32)  (const float *x, gsize n, const QsRowQuantize *p, gint32 *o);

  /* Dequantize: ((float) c - zp) * scale, then + shift (one value, or one
   * per element with the _shifts forms).  i32 codes take the difference
   * to their i32 zero point in double, where it is exact, so the value is
   * rounded once, as the integer difference's conversion is. */
  void (*dequantize_u8)         (const guint8 *c, gsize n, float zp, float scale, float *o);
  void (*dequantize_i8)         (const gint8 *c, gsize n, float zp, float scale, float *o);
  void (*dequantize_i32)        (const gint32 *c, gsize n, gint32 zp, float scale, float *o);
  void (*dequantize_u8_shift)   (const guint8 *c, gsize n, float zp, float scale, float shift, float *o);
  void (*dequantize_i8_shift)   (const gint8 *c, gsize n, float zp, float scale, float shift, float *o);
  void (*dequantize_i32_shift)  (const gint32 *c, gsize n, gint32 zp, float scale, float shift, float *o);
  void (*dequantize_u8_shifts)  (const guint8 *c, gsize n, float zp, float scale, const float *shift, float *o);
  void (*dequantize_i8_shifts)  (const gint8 *c, gsize n, float zp, float scale, const float *shift, float *o);
  void (*dequantize_i32_shifts) (const gint32 *c, gsize n, gint32 zp, float scale, const float *shift, float *o);

  /* [input codes][output: 0 u8, 1 i8] */
  QsRowRequantizeFunc requantize[QS_ROW_N_CODES][2];

  /* MVN's output: (float) (x - mean) in double, or (float) ((x - mean) / sd) */
  void (*center)        (const float *x, gsize n, double mean, float *o);
  void (*center_scale)  (const float *x, gsize n, double mean, double sd, float *o);

  /* A fused chain over @n values of one row (QsRowChain). */
  void (*chain)         (const QsRowChain *ch, gsize n);
} QsRows;

/* The table of the ISA in use. */
const QsRows *_qs_rows         (void);
/* The table of @isa (the scalar one for an ISA this CPU lacks). */
const QsRows *_qs_rows_for_isa (QsIsa isa);

/* e^x as the row loops compute it, for one value: within 0.989 ulp of the
 * exact value over [-104, 89], the same bits on every ISA (see
 * qs-rows-impl.h). */
float         _qs_rows_expf    (float x);

/* Runs func (row, first, count, data) over pieces of @n_rows rows of
 * @inner elements each, covering every element once: over the kernel
 * pool when there are at least QS_ROWS_PARALLEL_MIN elements, else on the
 * calling thread.  The pieces are cut from the shape alone (slices of
 * about QS_ROWS_SLICE elements: whole rows, or a long row cut at multiples
 * of 64), never from the thread count, so an elementwise func gives the
 * same bits on any number of threads. */
#define QS_ROWS_SLICE        32768
#define QS_ROWS_PARALLEL_MIN 65536

typedef void (*QsRowsFunc) (gsize    row,
                            gsize    first,
                            gsize    count,
                            gpointer data);

void _qs_rows_parallel (gsize      n_rows,
                        gsize      inner,
                        QsRowsFunc func,
                        gpointer   data);

/* The same, for an op whose f32 output @out is dense (row r's elements
 * from r · @inner on) and whose summary is taken as it is written
 * (_qs_op_output_summary()): each slice, cut as above but on one thread
 * too, is added to a summary of its own right after func wrote it, and
 * those merge into @summary in slice order, so that the figures do not
 * depend on the thread count.  @summary NULL: _qs_rows_parallel(). */
typedef struct _QsSummary QsSummary;
void _qs_rows_parallel_summary (gsize        n_rows,
                                gsize        inner,
                                QsRowsFunc   func,
                                gpointer     data,
                                const float *out,
                                QsSummary   *summary);

/* Each ISA's library fills a table (qs-rows-{scalar,avx2,avx512}.c). */
void _qs_rows_fill_scalar (QsRows *rows);
void _qs_rows_fill_avx2   (QsRows *rows);
void _qs_rows_fill_avx512 (QsRows *rows);

G_END_DECLS
