/* qs-kernels-private.h — what the kernel drivers share with the per-ISA code
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Every fast kernel is a GEMM over 4-byte "units": an fp32 value, or four
 * consecutive input channels of u8 activations (four s8 weights on the other
 * side), which is what one vpdpbusd lane consumes.  The per-ISA files
 * (compiled with their own -m flags, see meson.build) only provide a
 * register-blocked micro-kernel of MR rows (output channels, broadcast) by
 * NR columns (output pixels, vectorised) plus a depthwise kernel, and
 * AVX-512 also the transposed "channel-vector" kernels (output channels
 * vectorised, pixels broadcast) for small images; packing, blocking and
 * threading live in qs-gemm.c and are shared by every ISA.
 */
#pragma once

#include "qs-kernels.h"

G_BEGIN_DECLS

/* The time accounting of qs_kernels_thread_ns(): QS_KERNEL_TIMED at the top
 * of an entry point's body adds the time until it returns. */
typedef struct
{
  gint64 start;     /* 0 inside another timed entry */
} QsKernelTimer;

QsKernelTimer _qs_kernel_timer_start (void);
void          _qs_kernel_timer_stop  (QsKernelTimer *timer);

#define QS_KERNEL_TIMED \
  QsKernelTimer qs_kernel_timer_ __attribute__ ((cleanup (_qs_kernel_timer_stop), unused)) = \
    _qs_kernel_timer_start ()

/* c[r][j] (+)= sum over kq units of a[kq][r] . b[boff[kq] + j] for r < mr,
 * j < nr.  a is a packed panel of ukernel MR rows (a_words 32-bit words per
 * row and unit); row kq of b starts boff[kq] units after b, which lets the
 * same kernel read packed panels, plain matrices and, for stride-1
 * convolutions, the padded input planes themselves; c has ldc elements
 * (float or gint32) between rows.  With accumulate, c is added to. */
typedef void (*QsUkernelFunc) (gsize          kq,
                               const guint32 *a,
                               const guint32 *b,
                               const gsize   *boff,
                               void          *c,
                               gsize          ldc,
                               int            mr,
                               int            nr,
                               gboolean       accumulate);

/* The same sums from zero as QsUkernelFunc, stored "wide": bit j of
 * keep says whether column j (j < nr) is an output, and row r's kept
 * columns go in order, one after the other, to c + r * ldc, each plus
 * row_bias[r] when row_bias is set (fp32).  The direct path's panels
 * straddle output rows with the padding columns between them; an NCHW
 * output continues the next row right after the last, so the panel goes
 * out in one packed store per row instead of through a tile copy. */
typedef void (*QsUkernelWideFunc) (gsize          kq,
                                   const guint32 *a,
                                   const guint32 *b,
                                   const gsize   *boff,
                                   void          *c,
                                   gsize          ldc,
                                   int            mr,
                                   guint64        keep,
                                   const float   *row_bias);

typedef struct
{
  QsUkernelFunc     func;
  int               mr;
  int               nr;
  int               a_words;     /* 32-bit words per packed weight unit */
  QsUkernelWideFunc wide;        /* NULL: the ISA has none */
} QsUkernel;

/* The channel-vector micro-kernel (AVX-512 only): for np pixels and
 * QS_CV_OC output channels, tile[j][o] = sum over kq units of
 * a[kq][o] . bp[j][boff[kq]], a packed as QS_CV_OC words per unit, tile
 * 64-byte aligned with QS_CV_OC values per pixel.  mode says what
 * becomes of the tile: QS_CV_SET stores the sums; QS_CV_CONTINUE goes on
 * from what the tile holds, so slices of K chained through the tile give
 * the unsliced sums bit for bit; QS_CV_ADD sums from zero and adds the
 * tile, as the row kernels do with accumulate.  funcs[np - 1] is the
 * kernel for np pixels, np <= max_np. */
#define QS_CV_OC 64
#define QS_CV_MAX_NP 8   /* the most pixels a kernel of any ISA takes */

typedef enum
{
  QS_CV_SET,
  QS_CV_CONTINUE,
  QS_CV_ADD,
} QsCvMode;

typedef void (*QsUkernelCvFunc) (gsize                 kq,
                                 const guint32        *a,
                                 const guint32 *const *bp,
                                 const gsize          *boff,
                                 void                 *tile,
                                 QsCvMode              mode);

/* The same over a list of n units: unit idx[k] reads its weights at a +
 * idx[k] * QS_CV_OC words and its pixels at bp[j][boff[idx[k]]], in the
 * order of the list (a pixel whose window hangs over the padding leaves
 * those units out, QsCvSkip). */
typedef void (*QsUkernelCvIdxFunc) (gsize                 n,
                                    const guint32        *a,
                                    const guint32 *const *bp,
                                    const gsize          *boff,
                                    const guint32        *idx,
                                    void                 *tile,
                                    QsCvMode              mode);

/* A finished tile to the output: out[o * ldc + j] = tile[j][o] (+ bias[o]
 * when bias is set, fp32) for o < rows, j < np. */
typedef void (*QsUkernelCvStore) (const guint32 *tile,
                                  int            np,
                                  guint32       *out,
                                  gsize          ldc,
                                  int            rows,
                                  const float   *bias);

typedef struct
{
  const QsUkernelCvFunc    *funcs;   /* NULL: the ISA has none */
  int                       max_np;
  QsUkernelCvStore          store;
  const QsUkernelCvIdxFunc *idx_funcs;
} QsUkernelCv;

/* Which units of K a stride-1 convolution's output pixels really read.
 * Units are (plane, ky, kx) in that order; a pixel near the border has
 * taps in the padding, and pixels whose taps in the padding are the same
 * form a class (a 3 x 3 layer with pads of 1: the inside, four edges and
 * four corners; small classes are then merged, a merged class keeping the
 * union of their taps).  The channel-vector path runs each class's pixels
 * over its own list of units, so they skip the products with the padding
 * (which are zero in fp32 and the pad value times the weights in int8,
 * added back per class).  Built once per layer (qs-conv-skip.c); NULL
 * where it does not pay. */
#define QS_CV_SKIP_MAX_CLASSES 64

typedef struct
{
  gsize    n_classes;     /* at most QS_CV_SKIP_MAX_CLASSES */
  guint8  *pixel_class;   /* [oh * ow] */
  gsize   *start;         /* [n_classes + 1]: class c's units are units[start[c] .. start[c + 1]) */
  guint32 *units;         /* unit indices in K order */
  guint8  *in_pad;        /* [n_classes][kh * kw]: 1 where the class leaves the tap out */
} QsCvSkip;

QsCvSkip *_qs_cv_skip_new  (const QsConvParams *p,
                            gsize               planes_per_group);
void      _qs_cv_skip_free (QsCvSkip           *skip);

/* One depthwise output plane from one padded input plane (row stride wp). */
typedef void (*QsDwF32Func) (const float *in, gsize wp,
                             const float *w, float bias,
                             float *out, int oh, int ow, int kh, int kw,
                             int sh, int sw, int dh, int dw);
typedef void (*QsDwU8Func)  (const guint8 *in, gsize wp,
                             const gint8 *w,
                             gint32 *out, int oh, int ow, int kh, int kw,
                             int sh, int sw, int dh, int dw);
/* The same from the unpadded ih × iw plane: every byte outside it is @pad
 * (pt, pl: top and left pads).  FALSE, with nothing written, when it does
 * not take the shape; NULL for ISAs without one. */
typedef gboolean (*QsDwU8SrcFunc) (const guint8 *in, int ih, int iw,
                                   int pt, int pl, guint8 pad,
                                   const gint8 *w,
                                   gint32 *out, int oh, int ow, int kh, int kw,
                                   int sh, int sw, int dh, int dw);

/* Padded rows [row0, row1) of one fp32 plane: row r of @out (wp floats a
 * row) is zero outside the image, else pl zeros, the iw floats of input
 * row r - pt (@in, iw a row), zeros to wp.  The bits of the inputs are
 * copied as they are.  _qs_pad_rows_f32 is the portable one; an ISA may
 * have its own (NULL: none). */
typedef void (*QsPadRowsF32Func) (const float *in, int ih, int iw, int pt, int pl,
                                  float *out, gsize wp, gsize row0, gsize row1);

void _qs_pad_rows_f32 (const float *in, int ih, int iw, int pt, int pl,
                       float *out, gsize wp, gsize row0, gsize row1);

/* Whether the AVX-512 VNNI int8 depthwise kernel takes a stride / dilation
 * pair itself (it needs the 4 taps × 4 outputs of one 128-bit lane within
 * 16 input bytes); other pairs go to the widening kernel. */
static inline gboolean
_qs_dw_u8_vnni_fits (int sw,
                     int dw)
{
  return sw >= 1 && dw >= 1 && sw + dw <= 5;
}

typedef struct
{
  QsUkernel   f32;
  QsUkernel   u8s8;
  QsUkernelCv f32_cv;
  QsUkernelCv u8s8_cv;
  QsDwF32Func dw_f32;
  QsDwU8Func  dw_u8;
  QsDwU8SrcFunc dw_u8_src;
  QsPadRowsF32Func pad_f32;
} QsIsaKernels;

/* Filled by the per-ISA files (qs-ukernels-*.c). */
void _qs_ukernels_scalar (QsIsaKernels *k);
void _qs_ukernels_avx2   (QsIsaKernels *k);
void _qs_ukernels_avx512 (QsIsaKernels *k);

const QsIsaKernels *_qs_isa_kernels (QsIsa isa);

/* Whether convolutions prepared from now on may use the channel-vector
 * kernels (default TRUE; the tests turn them off to compare). */
void     _qs_kernels_set_cv (gboolean enabled);
gboolean _qs_kernels_get_cv (void);

/* Whether products may store the direct path's panels with the
 * micro-kernel's wide store (default TRUE; the tests turn it off to
 * compare with the tile copy). */
void     _qs_kernels_set_wide_store (gboolean enabled);
gboolean _qs_kernels_get_wide_store (void);

/* qs_parallel_for() for a job that another follows at once: the pool's
 * threads wait for the next job spinning instead of sleeping.  (The
 * convolutions no longer use it: their input conversion runs inside the
 * product's tasks, QsConvLazy.) */
void _qs_parallel_for_more (gsize          n,
                            QsParallelFunc func,
                            gpointer       data);

/* A thread-local, 64-byte aligned scratch buffer of at least @size bytes,
 * reused by the next call on the same thread (slot 0 to 3; slot 2 holds
 * a thread's own copy of a convolution's planes, QsConvLazy; slot 3 the
 * channel-vector path's packed B, kept for the thread's next sub-block). */
gpointer _qs_scratch (guint slot,
                      gsize size);
/* A stamp no earlier call gave (from 1; a fresh scratch buffer's header
 * is 0): what a thread keeps in scratch across tasks is marked with it,
 * one per image or per product. */
guint64  _qs_scratch_stamp (void);

/* Fills a [kn][nr] panel of units for columns [col0, col0 + ncols) and
 * unit rows [kq0, kq0 + kn) of group @group's B; columns past ncols are
 * zero.  nr may be up to four micro-kernel panels wide (one call for a
 * group of panels). */
typedef void (*QsPackBFunc) (gconstpointer data,
                             gsize         group,
                             gsize         kq0,
                             gsize         kn,
                             gsize         col0,
                             int           ncols,
                             int           nr,
                             guint32      *dst);

typedef struct
{
  const QsUkernel *uk;
  gsize            rows, cols, kq;
  const guint32   *a;           /* packed: row block rb at a + rb * kq * mr * a_words */
  QsPackBFunc      pack_b;
  gconstpointer    pack_data;
  const guint32   *b_direct;    /* optional: unit (kq, col) at b_direct[kq * ldb_direct + col] */
  gsize            ldb_direct;
  gboolean         b_direct_overread;   /* b_direct may be read up to nr units past each
                                         * row's last column: a last, partial panel is
                                         * read in place instead of packed */
  void            *c;           /* float or gint32, row stride ldc */
  gsize            ldc;
  const float     *row_bias;    /* fp32 only, optional: added to every row */

  /* n_groups (0 means 1) independent products of the same shape run in
   * one pool call: group i reads A at a + i * a_group_stride words, its B
   * through pack_b (group i) or at b_direct/direct_planes + i *
   * b_group_stride units, writes C at c + i * c_group_stride elements and
   * takes its bias from row_bias + i * rows. */
  gsize            n_groups;
  gsize            a_group_stride, b_group_stride, c_group_stride;

  /* distinct units of B per group (what the work split weighs against the
   * size of A); 0 means kq * cols */
  gsize            b_units;

  /* Stride-1 convolutions may skip im2col: with direct_planes set, column
   * j is the "wide" pixel (j / wide_w, j % wide_w) of a padded plane row,
   * row kq of B is direct_planes + direct_off[kq] + j, and only pixels with
   * j % wide_w < out_w are stored (at out_w per row).  cols is then
   * (oh - 1) * wide_w + out_w, and the planes need 64 units of slack. */
  const guint32   *direct_planes;
  const gsize     *direct_off;
  gsize            wide_w, out_w;

  /* cv set runs the channel-vector kernel instead of uk's: A is packed in
   * blocks of QS_CV_OC rows (block ob at a + ob * kq * QS_CV_OC words,
   * QS_CV_OC words per unit) and the row blocks of the split are QS_CV_OC
   * rows.  With direct_planes, cols is the number of output pixels (out_w
   * per row; pixel p reads column (p / out_w) * wide_w + p % out_w of the
   * planes); without, each task packs B for its pixels with pack_b.
   * cv_add_slices sums K in the row path's KC-unit slices, each from zero
   * and added to the output (bias first), so that fp32 results are those of
   * the row kernels on the same product bit for bit. */
  const QsUkernelCv *cv;
  gboolean           cv_add_slices;

  /* Optional, channel-vector path over direct_planes without
   * cv_add_slices: each pixel class runs over its own units (QsCvSkip),
   * and with cv_skip_add set its tiles get cv_skip_add[class * n_groups *
   * rows + group * rows + row] added (int8: the pad value's products that
   * were left out). */
  const QsCvSkip    *cv_skip;
  const gint32      *cv_skip_add;

  /* Optional: each task first calls prepare_b with its columns [col0,
   * col1) of the group (the row kernels' direct path: whole panels, so
   * past cols at the end), where a convolution converts the input rows
   * that they read (_qs_conv_lazy_prepare).  With own set (only with
   * direct_planes), the thread reads its own copy of the planes, whose
   * group 0 prepare_b returns; otherwise it returns NULL and the task
   * reads direct_planes. */
  const guint32 *  (*prepare_b) (gconstpointer data,
                                 gsize         group,
                                 gsize         col0,
                                 gsize         col1,
                                 gboolean      own);
  gconstpointer      prepare_data;
} QsGemm;

void _qs_gemm_run (const QsGemm *g);

/* How many products so far gave each thread its own copy of the planes
 * (QsConvLazy); for the tests. */
guint64 _qs_gemm_own_planes_runs (void);

/* How _qs_gemm_run cuts one group into tasks: a grid of row_parts blocks
 * of rows (output channels) by col_parts blocks of columns (pixels).
 * Exposed for the tests and the benchmark. */
void _qs_gemm_split (const QsGemm *g,
                     guint         n_threads,
                     gsize        *row_parts,
                     gsize        *col_parts);

/* Padded "unit planes" of an input image: what pack_b reads for a convolution. */
typedef struct
{
  const guint32 *planes;        /* group 0 */
  gsize          group_stride;   /* units from one group's planes to the next */
  gsize          plane_stride;   /* units */
  gsize          wp;             /* units per padded row */
  int            kh, kw, sh, sw, dh, dw;
  int            ow;
} QsConvPlanes;

#define DIRECT_SLACK 64   /* units read past the last plane by the direct path */

/* The conversion of a convolution's input into its padded planes, done
 * inside the product's pool call instead of in a call of its own: the
 * padded rows of a group are cut into bands, and each task converts the
 * bands that its columns read, unless another thread has (a band's state
 * goes 0 -> 1 -> 2 by compare-and-swap; a task waits for a band another
 * thread is converting).  A thread's tasks then read mostly rows that it
 * wrote itself, and a convolution wakes the pool once.
 *
 * Where every task reads all of a group's columns (a split by output
 * channels only), the threads would all read the planes one of them wrote,
 * and on the machine this is measured on the two cores share no cache (a
 * cache line goes from one to the other in about 220 ns): the worker
 * fetched every plane from the other core, and the next call's conversion
 * had to take every line back (res3's 3 x 3 fp32 conversion: 22 us at one
 * thread, 70 us at two, the worker waiting 40 us for it).  There each
 * thread converts its own copy of the bands it reads (own: thread-local,
 * slot 2 of _qs_scratch, marked with the call's stamp), so the two
 * conversions run side by side and each core reads only what it wrote. */
typedef void (*QsConvRowsFunc) (gconstpointer data,
                                guint32      *planes,
                                gsize         plane,
                                gsize         row0,
                                gsize         row1);

typedef struct
{
  QsConvRowsFunc convert;          /* padded rows [row0, row1) of plane
                                    * group * planes_per_group + i */
  gconstpointer  convert_data;
  gsize          planes_per_group;
  gsize          hp, wp, ow;
  gsize          band_rows, n_bands, n_groups;
  gboolean       wide;             /* columns are the direct path's wide ones */
  gsize          sh;               /* pixel columns: the vertical stride */
  gsize          reach;            /* rows below a column's first that it reads */
  gsize          max_off;          /* wide columns: units read past their own */
  guint         *state;            /* per group and band; zeroed per image */
  guint32       *planes;           /* the shared planes (group 0) */
  gsize          n_units;          /* units of every group's planes */
  guint64        stamp;            /* unique per image: _qs_scratch_stamp () */
} QsConvLazy;

gsize _qs_conv_lazy_init    (QsConvLazy         *lz,
                             const QsConvParams *p,
                             gsize               hp,
                             gsize               wp,
                             gsize               planes_per_group,
                             gboolean            wide,
                             QsConvRowsFunc      convert,
                             gconstpointer       convert_data);
const guint32 *_qs_conv_lazy_prepare (gconstpointer data,
                                      gsize         group,
                                      gsize         col0,
                                      gsize         col1,
                                      gboolean      own);

gboolean _qs_conv_use_direct     (const QsConvParams *p,
                                  int                 nr);
gboolean _qs_conv_use_cv         (const QsConvParams *p,
                                  const QsUkernel    *uk,
                                  const QsUkernelCv  *cv,
                                  gsize               kq);
void     _qs_conv_direct_offsets (const QsConvParams *p,
                                  gsize               n_planes,
                                  gsize               plane_stride,
                                  gsize               wp,
                                  gsize              *off);

/* The product of a convolution's batch item over its unit planes (each
 * group @group_units units, each plane @hp x @wp units): @cp and @gemm set
 * for @uk, packed weights @a (@kq units a row, @a_group words a group) and
 * the output @c; with @offsets the direct path reads B from the planes
 * (the channel-vector kernel @cv, when not NULL, over whole output rows).
 * The caller adds what differs (a bias, other paths) and runs it. */
void _qs_conv_gemm_init (QsGemm             *gemm,
                         QsConvPlanes       *cp,
                         const QsConvParams *p,
                         const QsUkernel    *uk,
                         const guint32      *a,
                         gsize               kq,
                         gsize               a_group,
                         const guint32      *planes,
                         gsize               group_units,
                         gsize               hp,
                         gsize               wp,
                         const gsize        *offsets,
                         const QsUkernelCv  *cv,
                         gpointer            c);

void _qs_conv_pack_b (gconstpointer data,
                      gsize         group,
                      gsize         kq0,
                      gsize         kn,
                      gsize         col0,
                      int           ncols,
                      int           nr,
                      guint32      *dst);

G_END_DECLS
