/* qs-gemm.c — blocking, packing and threading shared by every fast kernel
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * C[rows, cols] = A[rows, K] . B[K, cols] where A is packed once (weights)
 * and B is packed on the fly, panel by panel, from whatever the caller's
 * pack_b reads (padded input planes for a convolution, a matrix for
 * matmul).  Convolutions whose B is already a matrix in memory (1x1,
 * stride 1, no pad) skip the packing for whole panels.
 *
 * The work split: each group's C is cut into a grid of contiguous blocks,
 * row_parts blocks of output channels by col_parts blocks of pixels, and
 * the tasks of every group go to the pool in one call.  A row cut makes
 * each thread read only its own share of A (the weights) but all of B; a
 * column cut the opposite; _qs_gemm_split picks the grid with the smallest
 * estimated time for the thread count: the slowest thread's share of
 * multiply-adds plus its share of what the cut makes threads read twice.
 * On deep layers (big A, small B) that is a cut by channels, on early ones
 * (small A, big B) a cut by pixels, and about one block per thread, so a
 * thread streams one large contiguous block of output and no two threads
 * write the same cache lines except at a block's edge.  Each block is cut
 * again into up to SUB_BLOCKS pieces (along the pixels when B has to be
 * packed, so that no piece packs what another already did): the pool gives
 * each thread its own run of pieces in order, and a thread that finishes
 * early, or one that another process held off its core, is balanced by
 * taking the rest of another's run.
 *
 * A convolution's padded input planes are converted by the same tasks
 * (prepare_b, _qs_conv_lazy_prepare): each first converts the row bands
 * its columns read, so a convolution is one pool call and a thread cut by
 * pixels reads mostly rows it wrote itself.  When the cut is by channels
 * only, every thread reads every plane, and each converts its own copy
 * (QsConvLazy has why).
 *
 * Inside a task, columns go in groups of up to MAX_PANELS panels: K is cut
 * into KC-unit slices so the group's B panels stay in L2 and one A slice in
 * L1 while the micro-kernel sweeps the task's row blocks over them.  Every
 * output element is summed in the same order whatever the split, so the
 * results do not depend on the thread count, floats included.
 *
 * Where the pixels would leave many of a row kernel's nr lanes idle (small
 * images), the caller may ask for the channel-vector kernels instead
 * (gemm_task_cv): the same split with row blocks of QS_CV_OC channels, and
 * per output the same chain of multiply-adds as the row kernels.
 */
#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "qs-kernels-private.h"

#define KC 256
#define MAX_PANELS 4
#define MAX_NR 64
#define MAX_MR 16

/* Below this many multiply-adds a product runs on the calling thread: the
 * pool's hand-over costs about a microsecond. */
#define MIN_PARALLEL_MACS (1 << 17)

/* Tasks per thread the split may use at most (per group when groups are
 * fewer than threads). */
#define MAX_TASKS_PER_THREAD 4

/* Each block of the split is cut again into up to this many sub-blocks
 * along its longer side: the pool hands a thread its own run of them in
 * order, and a thread that finishes early takes the rest of another's. */
#define SUB_BLOCKS 4

/* K slice of the channel-vector path: the weights of one block of
 * QS_CV_OC rows over CV_KC units (64 KiB) stay in L2 while the task's
 * pixel blocks go by. */
#define CV_KC 256

/* Rows per row block: the micro-kernel's, or QS_CV_OC for the
 * channel-vector kernel. */
static inline gsize
gemm_mr (const QsGemm *g)
{
  return g->cv != NULL ? QS_CV_OC : (gsize) g->uk->mr;
}

typedef struct
{
  const QsGemm     *g;
  QsUkernelWideFunc wide;     /* the direct path's wide store, or NULL */
  gsize             row_blocks, panels;
  gsize             row_parts, col_parts;
  gsize             sub_rows, sub_cols;   /* one of them is 1 */
  gboolean          own_planes;   /* prepare_b gives each thread its own planes */
  guint64           stamp;        /* this run's, for packed B kept across tasks */
} GemmJob;

/* A short run of words (a tile row, at most MAX_NR), inline: a memcpy
 * call per row was a few per cent of a 56 x 56 3x3 layer. */
static inline void
copy_words (guint32       *dst,
            const guint32 *src,
            gsize          n)
{
  gsize i = 0;

#ifdef __SSE2__
  for (; i + 4 <= n; i += 4)
    _mm_storeu_si128 ((__m128i *) (dst + i), _mm_loadu_si128 ((const __m128i *) (src + i)));
#endif
  for (; i < n; i++)
    dst[i] = src[i];
}

/* Copies a finished MR x NR tile of "wide" columns [c0, c0 + nr) to the
 * output, dropping the columns that fall in the padding. */
static void
scatter_tile (const QsGemm  *g,
              void          *c,
              const float   *row_bias,
              const guint32 *tile,
              gsize          nr,
              gsize          r0,
              int            rows,
              gsize          c0)
{
  gsize end = MIN (g->cols, c0 + nr);

  for (gsize j = c0; j < end; )
    {
      gsize oy = j / g->wide_w, ox = j % g->wide_w;
      gsize len = MIN (end - j, g->wide_w - ox);

      if (ox < g->out_w)
        {
          gsize n = MIN (len, g->out_w - ox);

          for (int r = 0; r < rows; r++)
            {
              const guint32 *t = tile + r * nr + (j - c0);
              guint32 *o = (guint32 *) c + (r0 + r) * g->ldc + oy * g->out_w + ox;

              if (row_bias != NULL)
                {
                  float b = row_bias[r0 + r];

                  for (gsize i = 0; i < n; i++)
                    ((float *) o)[i] = ((const float *) t)[i] + b;
                }
              else
                copy_words (o, t, n);
            }
        }
      j += len;
    }
}

/* The channel-vector path's packed B kept in scratch slot 3: the run's
 * stamp (0 in a fresh buffer, which no run has), the group and pixels it
 * holds, then the chunks and their row offsets. */
typedef struct
{
  guint64 stamp;
  gsize   group, p0, p1;
} CvPacked;

#define CV_PACKED_HEADER 64
G_STATIC_ASSERT (sizeof (CvPacked) <= CV_PACKED_HEADER);

/* The channel-vector path: row blocks [rb0, rb1) of QS_CV_OC channels by
 * output pixels [p0, p1), cut into nearly equal blocks of at most max_np
 * pixels.  B comes from the padded planes, or is packed here for the
 * task's pixels (every unit row at once).  The tiles of the whole task
 * live in scratch across the K slices, then go to the output
 * transposed. */
static void
gemm_task_cv (const QsGemm  *g,
              guint64        stamp,
              const guint32 *planes,
              gsize          group,
              gsize          rb0,
              gsize          rb1,
              gsize          p0,
              gsize          p1)
{
  const QsUkernelCv *cv = g->cv;
  gsize max_np = cv->max_np, nr = g->uk->nr;
  gsize npix = p1 - p0;
  gsize n_pb = (npix + max_np - 1) / max_np;
  gsize tile_words = max_np * QS_CV_OC;
  gsize tiles_words = (rb1 - rb0) * n_pb * tile_words;
  gsize slice = g->cv_add_slices ? KC : CV_KC;
  const guint32 *a_group = g->a + group * g->a_group_stride;
  void *c_group = (guint32 *) g->c + group * g->c_group_stride;
  const float *bias = g->row_bias != NULL ? g->row_bias + group * g->rows : NULL;
  const guint32 *b;
  const gsize *boff;
  gsize chunk_w = 0;
  guint32 *tiles;

  if (npix == 0 || rb1 <= rb0)
    return;
  if (planes != NULL)
    {
      tiles = _qs_scratch (0, tiles_words * sizeof (guint32));
      b = planes + group * g->b_group_stride;
      boff = g->direct_off;
    }
  else
    {
      /* tiles, then B packed in [kq][w] chunks of the task's pixels (up
       * to MAX_PANELS panels wide, as gemm_task packs), then the chunks'
       * row offsets */
      gsize w = MIN (npix, (gsize) MAX_PANELS * nr);
      gsize chunks = (npix + w - 1) / w;
      gsize b_bytes = ((chunks * g->kq * w * sizeof (guint32)) + 63) & ~(gsize) 63;
      char *mem;
      CvPacked *h;
      guint32 *bbuf;
      gsize *offs;

      /* a block cut by rows gives the thread's sub-blocks the same pixels:
       * the first packs them, the others find them here */
      tiles = _qs_scratch (0, tiles_words * sizeof (guint32));
      mem = _qs_scratch (3, CV_PACKED_HEADER + b_bytes + g->kq * sizeof (gsize));
      h = (CvPacked *) mem;
      bbuf = (guint32 *) (mem + CV_PACKED_HEADER);
      offs = (gsize *) (mem + CV_PACKED_HEADER + b_bytes);
      if (stamp == 0 || h->stamp != stamp || h->group != group || h->p0 != p0 || h->p1 != p1)
        {
          for (gsize ch = 0; ch < chunks; ch++)
            g->pack_b (g->pack_data, group, 0, g->kq, p0 + ch * w,
                       (int) MIN (w, npix - ch * w), (int) w, bbuf + ch * g->kq * w);
          for (gsize k = 0; k < g->kq; k++)
            offs[k] = k * w;
          *h = (CvPacked) { stamp, group, p0, p1 };
        }
      b = bbuf;
      boff = offs;
      chunk_w = w;
    }

  if (g->cv_add_slices && bias != NULL)
    for (gsize rb = rb0; rb < rb1; rb++)
      for (gsize pb = 0; pb < n_pb; pb++)
        {
          float *tile = (float *) tiles + ((rb - rb0) * n_pb + pb) * tile_words;

          for (gsize j = 0; j < max_np; j++)
            for (gsize o = 0; o < QS_CV_OC; o++)
              tile[j * QS_CV_OC + o] = rb * QS_CV_OC + o < g->rows ? bias[rb * QS_CV_OC + o] : 0.0f;
        }

  /* With B packed here (plain 1 x 1 layers), one row block at a time over
   * every K slice, its tiles stored right after their last slice, while
   * still in L1 and while the block's weights are the ones in cache; over
   * the planes (3 x 3 layers) the K slices stay outermost, so a slice of
   * the planes serves every row block (row blocks outermost there cost the
   * fp32 3 x 3 rows of res3 and res4 2-4 %).  Each output's chain of K
   * slices is the same either way. */
  for (gsize ra = rb0; ra < rb1; )
    {
      gsize rz = planes == NULL ? ra + 1 : rb1;

      for (gsize kq0 = 0; kq0 < g->kq; kq0 += slice)
        {
          gsize kn = MIN (slice, g->kq - kq0);
          QsCvMode mode;

          if (g->cv_add_slices)
            mode = kq0 > 0 || bias != NULL ? QS_CV_ADD : QS_CV_SET;
          else
            mode = kq0 > 0 ? QS_CV_CONTINUE : QS_CV_SET;

          for (gsize rb = ra; rb < rz; rb++)
            {
              const guint32 *a = a_group + (rb * g->kq + kq0) * QS_CV_OC;

              for (gsize pb = 0; pb < n_pb; pb++)
                {
                  gsize q0 = p0 + pb * npix / n_pb, q1 = p0 + (pb + 1) * npix / n_pb;
                  const guint32 *bp[16];

                  for (gsize q = q0; q < q1; q++)
                    if (planes != NULL)
                      bp[q - q0] = b + (q / g->out_w) * g->wide_w + q % g->out_w;
                    else
                      bp[q - q0] = b + (q - p0) / chunk_w * g->kq * chunk_w + (q - p0) % chunk_w;
                  cv->funcs[q1 - q0 - 1] (kn, a, bp, boff + kq0,
                                          tiles + ((rb - rb0) * n_pb + pb) * tile_words, mode);
                }
            }
        }

      for (gsize rb = ra; rb < rz; rb++)
        {
          gsize rows = MIN ((gsize) QS_CV_OC, g->rows - rb * QS_CV_OC);

          for (gsize pb = 0; pb < n_pb; pb++)
            {
              gsize q0 = p0 + pb * npix / n_pb, q1 = p0 + (pb + 1) * npix / n_pb;
              const guint32 *tile = tiles + ((rb - rb0) * n_pb + pb) * tile_words;

              cv->store (tile, (int) (q1 - q0), (guint32 *) c_group + rb * QS_CV_OC * g->ldc + q0,
                         g->ldc, (int) rows,
                         bias != NULL && !g->cv_add_slices ? bias + rb * QS_CV_OC : NULL);
            }
        }
      ra = rz;
    }
}

/* A block of the pad-skipping channel-vector path: up to max_np pixels of
 * one class (QsCvSkip), in pixel order, and where each reads the planes. */
typedef struct
{
  gsize          cls, np;
  gsize          pix[QS_CV_MAX_NP];
  const guint32 *bp[QS_CV_MAX_NP];
} CvBlock;

/* The channel-vector path over the planes with QsCvSkip: as gemm_task_cv,
 * but the task's pixels are grouped by class and each block of a class
 * runs over that class's units only (the whole K, in the dense kernel, for
 * the class of the inside).  int8 then adds what the left-out units of the
 * padding would have added (cv_skip_add).  The finished tiles go out per
 * run of consecutive pixels. */
static void
gemm_task_cv_skip (const QsGemm  *g,
                   const guint32 *planes,
                   gsize          group,
                   gsize          rb0,
                   gsize          rb1,
                   gsize          p0,
                   gsize          p1)
{
  const QsUkernelCv *cv = g->cv;
  const QsCvSkip *sk = g->cv_skip;
  gsize max_np = MIN ((gsize) cv->max_np, (gsize) QS_CV_MAX_NP);
  gsize nc = sk->n_classes, n_blocks = 0, tile_words = max_np * QS_CV_OC;
  gsize count[QS_CV_SKIP_MAX_CLASSES] = { 0 }, pos[QS_CV_SKIP_MAX_CLASSES];
  gsize lo[QS_CV_SKIP_MAX_CLASSES], hi[QS_CV_SKIP_MAX_CLASSES];
  const guint32 *a_group = g->a + group * g->a_group_stride;
  const guint32 *b = planes + group * g->b_group_stride;
  void *c_group = (guint32 *) g->c + group * g->c_group_stride;
  const float *bias = g->row_bias != NULL ? g->row_bias + group * g->rows : NULL;
  gsize groups = MAX (g->n_groups, 1);
  guint32 *tiles;
  CvBlock *blocks;

  if (p1 <= p0 || rb1 <= rb0)
    return;
  for (gsize q = p0; q < p1; q++)
    count[sk->pixel_class[q]]++;
  for (gsize c = 0; c < nc; c++)
    n_blocks += (count[c] + max_np - 1) / max_np;

  tiles = _qs_scratch (0, (rb1 - rb0) * n_blocks * tile_words * sizeof (guint32) +
                          n_blocks * sizeof (CvBlock));
  blocks = (CvBlock *) (tiles + (rb1 - rb0) * n_blocks * tile_words);

  /* each class's pixels in nearly equal blocks of at most max_np, the
   * classes that read every unit first: their kernel streams the K slice
   * of weights in order and the others then find it in L2 (a profile of
   * res5's 3 x 3 fp32 layer with the edge classes first: the first
   * kernel of each slice ran at half the rate of the others) */
  {
    gsize first[QS_CV_SKIP_MAX_CLASSES], n_b[QS_CV_SKIP_MAX_CLASSES], cur[QS_CV_SKIP_MAX_CLASSES];
    gsize bi = 0;

    for (gsize i = 0; i < 2 * nc; i++)
      {
        gsize c = i % nc;
        gboolean full = sk->start[c + 1] - sk->start[c] == g->kq;

        if (full != (i < nc))
          continue;
        n_b[c] = (count[c] + max_np - 1) / max_np;
        first[c] = bi;
        cur[c] = 0;
        for (gsize k = 0; k < n_b[c]; k++)
          {
            blocks[bi + k].cls = c;
            blocks[bi + k].np = 0;
          }
        bi += n_b[c];
      }
    for (gsize q = p0; q < p1; q++)
      {
        gsize c = sk->pixel_class[q], k = cur[c];
        CvBlock *blk = &blocks[first[c] + k];

        blk->pix[blk->np] = q;
        blk->bp[blk->np] = b + (q / g->out_w) * g->wide_w + q % g->out_w;
        if (++blk->np == (k + 1) * count[c] / n_b[c] - k * count[c] / n_b[c])
          cur[c]++;
      }
  }

  for (gsize c = 0; c < nc; c++)
    pos[c] = sk->start[c];
  for (gsize kq0 = 0; kq0 < g->kq; kq0 += CV_KC)
    {
      gsize kn = MIN ((gsize) CV_KC, g->kq - kq0);
      QsCvMode mode = kq0 > 0 ? QS_CV_CONTINUE : QS_CV_SET;

      /* each class's units in this slice */
      for (gsize c = 0; c < nc; c++)
        {
          lo[c] = pos[c];
          while (pos[c] < sk->start[c + 1] && sk->units[pos[c]] < kq0 + kn)
            pos[c]++;
          hi[c] = pos[c];
        }

      for (gsize rb = rb0; rb < rb1; rb++)
        {
          const guint32 *a = a_group + rb * g->kq * QS_CV_OC;

          for (gsize bi = 0; bi < n_blocks; bi++)
            {
              const CvBlock *blk = &blocks[bi];
              guint32 *tile = tiles + ((rb - rb0) * n_blocks + bi) * tile_words;
              gsize c = blk->cls;

              if (sk->start[c + 1] - sk->start[c] == g->kq)
                cv->funcs[blk->np - 1] (kn, a + kq0 * QS_CV_OC, blk->bp, g->direct_off + kq0,
                                        tile, mode);
              else
                cv->idx_funcs[blk->np - 1] (hi[c] - lo[c], a, blk->bp, g->direct_off,
                                            sk->units + lo[c], tile, mode);
            }
        }
    }

  for (gsize rb = rb0; rb < rb1; rb++)
    {
      gsize rows = MIN ((gsize) QS_CV_OC, g->rows - rb * QS_CV_OC);

      for (gsize bi = 0; bi < n_blocks; bi++)
        {
          const CvBlock *blk = &blocks[bi];
          guint32 *tile = tiles + ((rb - rb0) * n_blocks + bi) * tile_words;

          if (g->cv_skip_add != NULL && sk->start[blk->cls + 1] - sk->start[blk->cls] < g->kq)
            {
              const guint32 *add = (const guint32 *) g->cv_skip_add +
                                   (blk->cls * groups + group) * g->rows + rb * QS_CV_OC;

              for (gsize j = 0; j < blk->np; j++)
                {
                  gsize o = 0;

#ifdef __SSE2__
                  for (; o + 4 <= rows; o += 4)
                    {
                      __m128i *t = (__m128i *) (tile + j * QS_CV_OC + o);

                      _mm_store_si128 (t, _mm_add_epi32 (_mm_load_si128 (t),
                                                         _mm_loadu_si128 ((const __m128i *) (add + o))));
                    }
#endif
                  for (; o < rows; o++)
                    tile[j * QS_CV_OC + o] += add[o];
                }
            }
          for (gsize j = 0; j < blk->np; )
            {
              gsize run = 1;

              while (j + run < blk->np && blk->pix[j + run] == blk->pix[j] + run)
                run++;
              cv->store (tile + j * QS_CV_OC, (int) run,
                         (guint32 *) c_group + rb * QS_CV_OC * g->ldc + blk->pix[j], g->ldc,
                         (int) rows, bias != NULL ? bias + rb * QS_CV_OC : NULL);
              j += run;
            }
        }
    }
}

/* Where piece i of n pieces of len begins: the longer pieces first.  The
 * caller's run of tasks starts before the woken threads' and a thread that
 * finishes early takes the others' last pieces, so the short pieces belong
 * at the end (res3's 1 x 1 512 -> 128 layer, 25 panels in two blocks: the
 * worker's block had the thirteenth panel, the partial one, and its last
 * task took 95 us against 67). */
static inline gsize
cut (gsize i,
     gsize len,
     gsize n)
{
  return (i * len + n - 1) / n;
}

static void
gemm_task (gsize    t,
           gpointer data)
{
  const GemmJob *job = data;
  const QsGemm *g = job->g;
  const QsUkernel *uk = g->uk;
  gsize mr = gemm_mr (g), nr = uk->nr, aw = uk->a_words;
  gsize sub = job->sub_rows * job->sub_cols;
  gsize per_group = job->row_parts * job->col_parts * sub;
  gsize group = t / per_group;
  gsize block = (t % per_group) / sub, s = (t % per_group) % sub;
  gsize rp = block % job->row_parts;
  gsize cp = block / job->row_parts;
  gsize rb0 = cut (rp, job->row_blocks, job->row_parts);
  gsize rb1 = cut (rp + 1, job->row_blocks, job->row_parts);
  gsize pn0 = cut (cp, job->panels, job->col_parts);
  gsize pn1 = cut (cp + 1, job->panels, job->col_parts);
  gsize sr = s % job->sub_rows, sc = s / job->sub_rows;
  gsize rb_begin = rb0 + cut (sr, rb1 - rb0, job->sub_rows);
  gsize rb_end = rb0 + cut (sr + 1, rb1 - rb0, job->sub_rows);
  gsize pn_begin = pn0 + cut (sc, pn1 - pn0, job->sub_cols);
  gsize pn_end = pn0 + cut (sc + 1, pn1 - pn0, job->sub_cols);
  const guint32 *a_group = g->a + group * g->a_group_stride;
  void *c_group = (guint32 *) g->c + group * g->c_group_stride;
  const float *bias = g->row_bias != NULL ? g->row_bias + group * g->rows : NULL;
  guint32 *bbuf = NULL;
  const guint32 *bp[MAX_PANELS];
  const gsize *boffs[MAX_PANELS];
  int ncols[MAX_PANELS];
  gsize off_packed[KC], off_direct[KC], off_group[KC];
  gsize group_w = 0;     /* row length that off_group holds */
  const guint32 *direct_planes = g->direct_planes;

  gsize col_begin = pn_begin * nr, col_end = MIN (g->cols, pn_end * nr);

  if (g->cv != NULL)
    {
      /* the channel-vector kernels take any run of pixels, and their work
       * goes by pixels, not panels: cut the pixels themselves (res4's 1 x 1
       * layers, 196 pixels in 7 panels of which the last has 4: two blocks
       * of four and three panels, 128 and 68 pixels, now 98 and 98) */
      gsize c0 = cut (cp, g->cols, job->col_parts), c1 = cut (cp + 1, g->cols, job->col_parts);

      col_begin = c0 + cut (sc, c1 - c0, job->sub_cols);
      col_end = c0 + cut (sc + 1, c1 - c0, job->sub_cols);
    }
  else if (g->direct_planes != NULL)
    col_end = pn_end * nr;   /* whole panels of wide columns, past cols at the end */
  if (rb_end <= rb_begin || col_end <= col_begin)
    return;
  if (g->prepare_b != NULL)
    {
      const guint32 *own = g->prepare_b (g->prepare_data, group, col_begin, col_end,
                                         job->own_planes);

      if (own != NULL)
        direct_planes = own;
    }
  if (g->cv != NULL && g->cv_skip != NULL)
    {
      gemm_task_cv_skip (g, direct_planes, group, rb_begin, rb_end, col_begin, col_end);
      return;
    }
  if (g->cv != NULL)
    {
      gemm_task_cv (g, job->stamp, direct_planes, group, rb_begin, rb_end, col_begin, col_end);
      return;
    }

  if (direct_planes != NULL)
    {
      guint32 tile[MAX_MR * MAX_NR] __attribute__ ((aligned (64)));
      const guint32 *planes = direct_planes + group * g->b_group_stride;

      for (gsize pg = pn_begin; pg < pn_end; pg += MAX_PANELS)
        {
          gsize pg_end = MIN (pn_end, pg + MAX_PANELS);
          guint64 keep[MAX_PANELS];
          gsize first[MAX_PANELS];

          if (job->wide != NULL)
            for (gsize p = pg; p < pg_end; p++)
              {
                /* the panel's output columns, and where the first goes */
                gsize c0 = p * nr, oy = c0 / g->wide_w, ox = c0 % g->wide_w;

                keep[p - pg] = 0;
                first[p - pg] = G_MAXSIZE;
                for (gsize j = 0; j < nr && c0 + j < g->cols; j++)
                  {
                    if (ox < g->out_w)
                      {
                        keep[p - pg] |= (guint64) 1 << j;
                        if (first[p - pg] == G_MAXSIZE)
                          first[p - pg] = oy * g->out_w + ox;
                      }
                    if (++ox == g->wide_w)
                      {
                        ox = 0;
                        oy++;
                      }
                  }
              }

          /* one A panel from L1 against up to MAX_PANELS B windows */
          for (gsize rb = rb_begin; rb < rb_end; rb++)
            {
              int rows = (int) MIN (mr, g->rows - rb * mr);
              const guint32 *a = a_group + rb * g->kq * mr * aw;

              for (gsize p = pg; p < pg_end; p++)
                {
                  gsize c0 = p * nr, ox = c0 % g->wide_w;

                  if (job->wide != NULL)
                    {
                      if (keep[p - pg] != 0)
                        job->wide (g->kq, a, planes + c0, g->direct_off,
                                   (guint32 *) c_group + rb * mr * g->ldc + first[p - pg], g->ldc,
                                   rows, keep[p - pg], bias != NULL ? bias + rb * mr : NULL);
                      continue;
                    }

                  if (bias == NULL && ox + nr <= g->out_w)
                    {
                      /* the panel lies in one output row: store it in place */
                      guint32 *out = (guint32 *) c_group + rb * mr * g->ldc +
                                     c0 / g->wide_w * g->out_w + ox;

                      uk->func (g->kq, a, planes + c0, g->direct_off, out, g->ldc, rows, (int) nr, FALSE);
                      continue;
                    }
                  uk->func (g->kq, a, planes + c0, g->direct_off, tile, nr, rows, (int) nr, FALSE);
                  scatter_tile (g, c_group, bias, tile, nr, rb * mr, rows, c0);
                }
            }
        }
      return;
    }

  for (gsize k = 0; k < KC; k++)
    {
      off_packed[k] = k * nr;
      off_direct[k] = k * g->ldb_direct;
    }

  for (gsize pg = pn_begin; pg < pn_end; pg += MAX_PANELS)
    {
      gsize n_panels = MIN (pn_end - pg, (gsize) MAX_PANELS);

      for (gsize kq0 = 0; kq0 < g->kq; kq0 += KC)
        {
          gsize kn = MIN ((gsize) KC, g->kq - kq0);

          if (g->b_direct == NULL && n_panels > 1)
            {
              /* the whole group in one [kn][n_panels * nr] call: each row of
               * the source is read in one contiguous run rather than in
               * nr-unit pieces at n_panels visits (NCHW rows of a 1x1
               * layer: one cache line per channel per visit) */
              gsize w = n_panels * nr;

              if (bbuf == NULL)
                bbuf = _qs_scratch (0, (gsize) MAX_PANELS * KC * nr * sizeof (guint32));
              if (group_w != w)
                {
                  for (gsize k = 0; k < KC; k++)
                    off_group[k] = k * w;
                  group_w = w;
                }
              g->pack_b (g->pack_data, group, kq0, kn, pg * nr,
                         (int) MIN (w, g->cols - pg * nr), (int) w, bbuf);
              for (gsize p = 0; p < n_panels; p++)
                {
                  ncols[p] = (int) MIN (nr, g->cols - (pg + p) * nr);
                  bp[p] = bbuf + p * nr;
                  boffs[p] = off_group;
                }
            }
          else
            {
              for (gsize p = 0; p < n_panels; p++)
                {
                  gsize c0 = (pg + p) * nr;

                  ncols[p] = (int) MIN (nr, g->cols - c0);
                  if (g->b_direct != NULL && ((gsize) ncols[p] == nr || g->b_direct_overread))
                    {
                      bp[p] = g->b_direct + group * g->b_group_stride + kq0 * g->ldb_direct + c0;
                      boffs[p] = off_direct;
                    }
                  else
                    {
                      guint32 *dst;

                      if (bbuf == NULL)
                        bbuf = _qs_scratch (0, (gsize) MAX_PANELS * KC * nr * sizeof (guint32));
                      dst = bbuf + p * KC * nr;
                      g->pack_b (g->pack_data, group, kq0, kn, c0, ncols[p], (int) nr, dst);
                      bp[p] = dst;
                      boffs[p] = off_packed;
                    }
                }
            }

          for (gsize rb = rb_begin; rb < rb_end; rb++)
            {
              const guint32 *a = a_group + (rb * g->kq + kq0) * mr * aw;
              int rows = (int) MIN (mr, g->rows - rb * mr);

              for (gsize p = 0; p < n_panels; p++)
                {
                  gsize c0 = (pg + p) * nr;
                  char *c = (char *) c_group + ((rb * mr) * g->ldc + c0) * 4;
                  gboolean accumulate = kq0 > 0;

                  if (kq0 == 0 && bias != NULL)
                    {
                      for (int r = 0; r < rows; r++)
                        {
                          float *row = (float *) c + (gsize) r * g->ldc;
                          float b = bias[rb * mr + r];

                          for (int j = 0; j < ncols[p]; j++)
                            row[j] = b;
                        }
                      accumulate = TRUE;
                    }
                  uk->func (kn, a, bp[p], boffs[p], c, g->ldc, rows, ncols[p], accumulate);
                }
            }
        }
    }
}

/* Whether some panel of B goes through pack_b. */
static gboolean
gemm_packs_b (const QsGemm *g)
{
  if (g->direct_planes != NULL)
    return FALSE;
  if (g->b_direct == NULL)
    return TRUE;
  return g->cols % g->uk->nr != 0 && !g->b_direct_overread;
}

void
_qs_gemm_split (const QsGemm *g,
                guint         n_threads,
                gsize        *row_parts,
                gsize        *col_parts)
{
  gsize mr = gemm_mr (g), nr = g->uk->nr;
  gsize groups = MAX (g->n_groups, 1);
  gsize row_blocks = (g->rows + mr - 1) / mr;
  gsize panels = (g->cols + nr - 1) / nr;
  double unit_macs = (double) mr * nr * g->kq;
  double a_bytes = (double) g->rows * g->kq * g->uk->a_words * 4;
  double b_bytes = (double) (g->b_units ? g->b_units : g->kq * g->cols) * 4;
  /* a B that pack_b copies into panels costs each reader the copy */
  double b_rate = gemm_packs_b (g) ? 4.0 : 16.0;
  gsize max_tasks;
  double best = G_MAXDOUBLE;

  *row_parts = *col_parts = 1;
  if (n_threads <= 1 || unit_macs * row_blocks * panels * groups < MIN_PARALLEL_MACS)
    return;

  max_tasks = MAX (1, (MAX_TASKS_PER_THREAD * (gsize) n_threads + groups - 1) / groups);
  for (gsize rp = 1; rp <= MIN (row_blocks, max_tasks); rp++)
    for (gsize cp = 1; cp <= MIN (panels, max_tasks / rp); cp++)
      {
        gsize tasks = groups * rp * cp;
        gsize rounds = (tasks + n_threads - 1) / n_threads;
        gsize biggest = ((row_blocks + rp - 1) / rp) * ((panels + cp - 1) / cp);
        /* rough cycles: 64 multiply-adds a cycle, 16 bytes a cycle from
         * the shared cache (4 when B has to be packed), a couple of
         * microseconds per task */
        double cost = rounds * biggest * unit_macs / 64.0 +
                      groups * (cp * a_bytes / 16.0 + rp * b_bytes / b_rate) / n_threads +
                      rounds * 4000.0;

        if (cost < best)
          {
            best = cost;
            *row_parts = rp;
            *col_parts = cp;
          }
      }
}

static guint64 own_planes_runs;   /* atomic */

guint64
_qs_gemm_own_planes_runs (void)
{
  return __atomic_load_n (&own_planes_runs, __ATOMIC_RELAXED);
}

void
_qs_gemm_run (const QsGemm *g)
{
  GemmJob job = { .g = g };
  gsize nr = g->uk->nr, mr = gemm_mr (g);
  gsize groups = MAX (g->n_groups, 1);
  guint n_threads;

  g_assert (nr <= MAX_NR && (mr <= MAX_MR || g->cv != NULL));
  g_assert (g->cv == NULL || g->direct_planes != NULL || g->pack_b != NULL);
  g_assert (g->cv_skip == NULL || (g->cv != NULL && g->direct_planes != NULL && !g->cv_add_slices));
  if (g->rows == 0 || g->cols == 0)
    return;
  if (g->kq == 0)
    {
      /* empty sum: bias or zero (only matmul with k = 0 gets here) */
      for (gsize i = 0; i < groups; i++)
        for (gsize r = 0; r < g->rows; r++)
          for (gsize j = 0; j < g->cols; j++)
            {
              float b = g->row_bias ? g->row_bias[i * g->rows + r] : 0.0f;
              memcpy ((char *) g->c + (i * g->c_group_stride + r * g->ldc + j) * 4, &b, 4);
            }
      return;
    }

  if (g->direct_planes != NULL && g->cv == NULL && g->uk->wide != NULL && _qs_kernels_get_wide_store ())
    job.wide = g->uk->wide;
  job.row_blocks = (g->rows + mr - 1) / mr;
  job.panels = (g->cols + nr - 1) / nr;
  n_threads = qs_parallel_get_threads ();
  _qs_gemm_split (g, n_threads, &job.row_parts, &job.col_parts);
  job.sub_rows = job.sub_cols = 1;
  if (n_threads > 1 && groups * job.row_parts * job.col_parts < (gsize) SUB_BLOCKS * n_threads)
    {
      /* every sub-block packs the B panels it reads: cut packed B by
       * columns, except on the channel-vector path, where a thread packs
       * its block's pixels once for all its sub-blocks (CvPacked): cut by
       * columns, each sub-block of res5's 1 x 1 layers streamed all of the
       * thread's weights again (512 KiB), and the first of a thread took
       * some 20 us longer than the second */
      if (job.row_parts >= job.col_parts && (!gemm_packs_b (g) || g->cv != NULL))
        job.sub_rows = CLAMP (job.row_blocks / job.row_parts, 1, SUB_BLOCKS);
      else
        job.sub_cols = CLAMP (job.panels / job.col_parts, 1, SUB_BLOCKS);
    }
  /* every task reads all of its group's planes: each thread converts its
   * own copy (QsConvLazy) */
  job.own_planes = n_threads > 1 && g->prepare_b != NULL && g->direct_planes != NULL &&
                   job.col_parts == 1 && job.sub_cols == 1;
  if (job.own_planes)
    __atomic_add_fetch (&own_planes_runs, 1, __ATOMIC_RELAXED);
  if (g->cv != NULL && g->direct_planes == NULL && job.sub_rows > 1)
    job.stamp = _qs_scratch_stamp ();
  qs_parallel_for (groups * job.row_parts * job.col_parts * job.sub_rows * job.sub_cols,
                   gemm_task, &job);
}

/* B panels of a convolution: unit row kq is (plane, ky, kx), column j is
 * the output pixel col0 + j.  A run of pixels on one output row reads one
 * run of a padded input row, contiguous when the stride is 1. */
void
_qs_conv_gemm_init (QsGemm             *gemm,
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
                    gpointer            c)
{
  gsize opix = (gsize) p->oh * p->ow, ocg = (gsize) (p->oc / p->groups);

  *cp = (QsConvPlanes) {
    .planes = planes,
    .group_stride = group_units,
    .plane_stride = hp * wp,
    .wp = wp,
    .kh = p->kh, .kw = p->kw,
    .sh = p->stride_h, .sw = p->stride_w,
    .dh = p->dil_h, .dw = p->dil_w,
    .ow = p->ow,
  };
  *gemm = (QsGemm) {
    .uk = uk,
    .rows = ocg,
    .cols = opix,
    .kq = kq,
    .a = a,
    .pack_b = _qs_conv_pack_b,
    .pack_data = cp,
    .c = c,
    .ldc = opix,
    .n_groups = p->groups,
    .a_group_stride = a_group,
    .b_group_stride = group_units,
    .c_group_stride = ocg * opix,
    .b_units = group_units,
  };
  if (offsets != NULL)
    {
      gemm->direct_planes = planes;
      gemm->direct_off = offsets;
      gemm->wide_w = wp;
      gemm->out_w = p->ow;
      gemm->cols = (gsize) (p->oh - 1) * wp + p->ow;
      if (cv != NULL)
        {
          gemm->cv = cv;
          gemm->cols = opix;
        }
    }
}

/* Bands of about this many units (all planes of a group): small enough
 * that a task's first rows are ready soon, large enough that the bands'
 * states are few. */
#define LAZY_BAND_UNITS 2048

gsize
_qs_conv_lazy_init (QsConvLazy         *lz,
                    const QsConvParams *p,
                    gsize               hp,
                    gsize               wp,
                    gsize               planes_per_group,
                    gboolean            wide,
                    QsConvRowsFunc      convert,
                    gconstpointer       convert_data)
{
  gsize row_units = MAX (1, planes_per_group * wp);

  *lz = (QsConvLazy) {
    .convert = convert,
    .convert_data = convert_data,
    .planes_per_group = planes_per_group,
    .hp = hp,
    .wp = wp,
    .ow = p->ow,
    .band_rows = CLAMP (LAZY_BAND_UNITS / row_units, 1, MAX (hp, 1)),
    .wide = wide,
    .sh = p->stride_h,
    .reach = (gsize) (p->kh - 1) * p->dil_h,
    .max_off = (gsize) (p->kh - 1) * p->dil_h * wp + (gsize) (p->kw - 1) * p->dil_w,
    .n_groups = p->groups,
    .n_units = planes_per_group * hp * wp * p->groups,
  };
  lz->n_bands = (hp + lz->band_rows - 1) / lz->band_rows;
  return lz->n_bands * p->groups;
}

/* A thread's own copy of the planes (slot 2 of its scratch): the stamp of
 * the image it holds (0 in a fresh buffer, which no image has), its band
 * states, then the planes and their slack. */
typedef struct
{
  guint64 stamp;
  gsize   n_states, n_units;
} OwnPlanes;

#define OWN_HEADER 64   /* bytes before the states */

static guint32 *
own_planes (const QsConvLazy *lz,
            guint           **state)
{
  gsize n_states = lz->n_bands * lz->n_groups;
  gsize states_bytes = (n_states * sizeof (guint) + 63) & ~(gsize) 63;
  char *mem = _qs_scratch (2, OWN_HEADER + states_bytes +
                              (lz->n_units + DIRECT_SLACK) * sizeof (guint32));
  OwnPlanes *h = (OwnPlanes *) mem;
  guint32 *planes = (guint32 *) (mem + OWN_HEADER + states_bytes);

  G_STATIC_ASSERT (sizeof (OwnPlanes) <= OWN_HEADER);
  *state = (guint *) (mem + OWN_HEADER);
  if (h->stamp != lz->stamp || h->n_states != n_states || h->n_units != lz->n_units)
    {
      memset (*state, 0, n_states * sizeof (guint));
      memset (planes + lz->n_units, 0, DIRECT_SLACK * sizeof (guint32));
      h->stamp = lz->stamp;
      h->n_states = n_states;
      h->n_units = lz->n_units;
    }
  return planes;
}

static inline void
lazy_pause (void)
{
#ifdef __SSE2__
  _mm_pause ();
#endif
}

const guint32 *
_qs_conv_lazy_prepare (gconstpointer data,
                       gsize         group,
                       gsize         col0,
                       gsize         col1,
                       gboolean      own)
{
  const QsConvLazy *lz = data;
  guint *state = lz->state;
  guint32 *planes = own ? own_planes (lz, &state) : lz->planes;
  const guint32 *ret = own ? planes : NULL;
  gsize r0, r1, b0, b1;

  state += group * lz->n_bands;
  if (col1 <= col0 || lz->hp == 0)
    return ret;
  if (lz->wide)
    {
      r0 = col0 / lz->wp;
      r1 = (col1 - 1 + lz->max_off) / lz->wp + 1;
    }
  else
    {
      r0 = col0 / lz->ow * lz->sh;
      r1 = (col1 - 1) / lz->ow * lz->sh + lz->reach + 1;
    }
  r1 = MIN (r1, lz->hp);
  if (r0 >= r1)
    return ret;
  b0 = r0 / lz->band_rows;
  b1 = (r1 - 1) / lz->band_rows;

  if (own)
    {
      /* this thread's copy: no other thread touches its states */
      for (gsize b = b0; b <= b1; )
        {
          gsize run = b;

          while (run <= b1 && state[run] == 0)
            state[run++] = 2;
          if (run > b)
            for (gsize i = 0; i < lz->planes_per_group; i++)
              lz->convert (lz->convert_data, planes, group * lz->planes_per_group + i,
                           b * lz->band_rows, MIN (lz->hp, run * lz->band_rows));
          b = run + 1;
        }
      return ret;
    }

  /* Claim runs of consecutive bands and convert each run plane by plane:
   * band by band, every band would read all input channels and write all
   * planes a few rows at a time (a profile of res2's 3 x 3 layer at one
   * thread: twice the conversion time of whole planes). */
  for (gsize b = b0; b <= b1; )
    {
      gsize run = b;

      for (; run <= b1; run++)
        {
          guint expected = 0;

          if (__atomic_load_n (&state[run], __ATOMIC_ACQUIRE) != 0 ||
              !__atomic_compare_exchange_n (&state[run], &expected, 1, FALSE,
                                            __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            break;
        }
      if (run > b)
        {
          for (gsize i = 0; i < lz->planes_per_group; i++)
            lz->convert (lz->convert_data, planes, group * lz->planes_per_group + i,
                         b * lz->band_rows, MIN (lz->hp, run * lz->band_rows));
          for (gsize d = b; d < run; d++)
            __atomic_store_n (&state[d], 2, __ATOMIC_RELEASE);
        }
      b = run + 1;   /* past the band that another thread has */
    }
  /* bands that other threads are converting */
  for (gsize b = b0; b <= b1; b++)
    for (guint i = 1; __atomic_load_n (&state[b], __ATOMIC_ACQUIRE) != 2; i++)
      {
        if (i % 1024 == 0)
          g_thread_yield ();
        else
          lazy_pause ();
      }
  return NULL;
}

void
_qs_conv_pack_b (gconstpointer data,
                 gsize         group,
                 gsize         kq0,
                 gsize         kn,
                 gsize         col0,
                 int           ncols,
                 int           nr,
                 guint32      *dst)
{
  const QsConvPlanes *cp = data;
  struct
  {
    gsize off;
    int   j0;
    int   len;
  } runs[MAX_PANELS * MAX_NR];
  int n_runs = 0;
  int khw = cp->kh * cp->kw;
  gsize q = kq0 / khw;
  int ky = (int) (kq0 % khw) / cp->kw;
  int kx = (int) (kq0 % khw) % cp->kw;
  gsize col = col0;

  for (int j = 0; j < ncols; )
    {
      int oy = (int) (col / cp->ow);
      int ox = (int) (col % cp->ow);
      int len = MIN (cp->ow - ox, ncols - j);

      runs[n_runs].off = (gsize) oy * cp->sh * cp->wp + (gsize) ox * cp->sw;
      runs[n_runs].j0 = j;
      runs[n_runs].len = len;
      n_runs++;
      j += len;
      col += len;
    }

  for (gsize k = 0; k < kn; k++)
    {
      const guint32 *base = cp->planes + group * cp->group_stride + q * cp->plane_stride +
                            (gsize) ky * cp->dh * cp->wp + (gsize) kx * cp->dw;
      guint32 *d = dst + k * nr;

      if (cp->sw == 1)
        {
          for (int r = 0; r < n_runs; r++)
            {
              const guint32 *s = base + runs[r].off;
              guint32 *o = d + runs[r].j0;

              for (int t = 0; t < runs[r].len; t++)
                o[t] = s[t];
            }
        }
      else
        {
          gsize sw = cp->sw;

          for (int r = 0; r < n_runs; r++)
            {
              const guint32 *s = base + runs[r].off;
              guint32 *o = d + runs[r].j0;

              for (int t = 0; t < runs[r].len; t++)
                o[t] = s[t * sw];
            }
        }
      for (int j = ncols; j < nr; j++)
        d[j] = 0;

      if (++kx == cp->kw)
        {
          kx = 0;
          if (++ky == cp->kh)
            {
              ky = 0;
              q++;
            }
        }
    }
}
