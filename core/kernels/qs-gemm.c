/* qs-gemm.c — blocking, packing and threading shared by every fast kernel
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * C[rows, cols] = A[rows, K] . B[K, cols] where A is packed once (weights)
 * and B is packed on the fly, panel by panel, from whatever the caller's
 * pack_b reads (padded input planes for a convolution, a matrix for
 * matmul).  A task owns up to MAX_PANELS column panels and a range of row
 * blocks; K is cut into KC-unit slices so a task's B panels stay in L2 and
 * one A slice in L1 while the micro-kernel sweeps over them.  Convolutions
 * whose B is already a matrix in memory (1x1, stride 1, no pad) skip the
 * packing for whole panels.
 */
#include "config.h"

#include <string.h>

#include "qs-kernels-private.h"

#define KC 256
#define MAX_PANELS 4
#define MAX_NR 64
#define MAX_MR 16

typedef struct
{
  const QsGemm *g;
  gsize         col_chunks;
  gsize         panels_per_chunk;
  gsize         row_blocks;
  gsize         blocks_per_chunk;
} GemmJob;

/* Copies a finished MR x NR tile of "wide" columns [c0, c0 + nr) to the
 * output, dropping the columns that fall in the padding. */
static void
scatter_tile (const QsGemm  *g,
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
              guint32 *o = (guint32 *) g->c + (r0 + r) * g->ldc + oy * g->out_w + ox;

              if (g->row_bias != NULL)
                {
                  float b = g->row_bias[r0 + r];

                  for (gsize i = 0; i < n; i++)
                    ((float *) o)[i] = ((const float *) t)[i] + b;
                }
              else
                memcpy (o, t, n * sizeof (guint32));
            }
        }
      j += len;
    }
}

static void
gemm_task (gsize    t,
           gpointer data)
{
  const GemmJob *job = data;
  const QsGemm *g = job->g;
  const QsUkernel *uk = g->uk;
  gsize mr = uk->mr, nr = uk->nr, aw = uk->a_words;
  gsize cc = t % job->col_chunks;
  gsize rc = t / job->col_chunks;
  gsize col_begin = cc * job->panels_per_chunk * nr;
  gsize col_end = MIN (g->cols, col_begin + job->panels_per_chunk * nr);
  gsize n_panels = (col_end - col_begin + nr - 1) / nr;
  gsize rb_begin = rc * job->blocks_per_chunk;
  gsize rb_end = MIN (job->row_blocks, rb_begin + job->blocks_per_chunk);
  guint32 *bbuf;
  const guint32 *bp[MAX_PANELS];
  const gsize *boffs[MAX_PANELS];
  int ncols[MAX_PANELS];
  gsize off_packed[KC], off_direct[KC];

  if (g->direct_planes != NULL)
    {
      guint32 tile[MAX_MR * MAX_NR] __attribute__ ((aligned (64)));

      for (gsize p = 0; p < n_panels; p++)
        {
          gsize c0 = col_begin + p * nr;

          for (gsize rb = rb_begin; rb < rb_end; rb++)
            {
              int rows = (int) MIN (mr, g->rows - rb * mr);

              uk->func (g->kq, g->a + rb * g->kq * mr * aw, g->direct_planes + c0,
                        g->direct_off, tile, nr, rows, (int) nr, FALSE);
              scatter_tile (g, tile, nr, rb * mr, rows, c0);
            }
        }
      return;
    }

  bbuf = _qs_scratch (0, (gsize) MAX_PANELS * KC * nr * sizeof (guint32));
  for (gsize k = 0; k < KC; k++)
    {
      off_packed[k] = k * nr;
      off_direct[k] = k * g->ldb_direct;
    }

  for (gsize kq0 = 0; kq0 < g->kq; kq0 += KC)
    {
      gsize kn = MIN ((gsize) KC, g->kq - kq0);

      for (gsize p = 0; p < n_panels; p++)
        {
          gsize c0 = col_begin + p * nr;

          ncols[p] = (int) MIN (nr, col_end - c0);
          if (g->b_direct != NULL && (gsize) ncols[p] == nr)
            {
              bp[p] = g->b_direct + kq0 * g->ldb_direct + c0;
              boffs[p] = off_direct;
            }
          else
            {
              guint32 *dst = bbuf + p * KC * nr;

              g->pack_b (g->pack_data, kq0, kn, c0, ncols[p], (int) nr, dst);
              bp[p] = dst;
              boffs[p] = off_packed;
            }
        }

      for (gsize rb = rb_begin; rb < rb_end; rb++)
        {
          const guint32 *a = g->a + (rb * g->kq + kq0) * mr * aw;
          int rows = (int) MIN (mr, g->rows - rb * mr);

          for (gsize p = 0; p < n_panels; p++)
            {
              gsize c0 = col_begin + p * nr;
              char *c = (char *) g->c + ((rb * mr) * g->ldc + c0) * 4;
              gboolean accumulate = kq0 > 0;

              if (kq0 == 0 && g->row_bias != NULL)
                {
                  for (int r = 0; r < rows; r++)
                    {
                      float *row = (float *) c + (gsize) r * g->ldc;
                      float b = g->row_bias[rb * mr + r];

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

void
_qs_gemm_run (const QsGemm *g)
{
  GemmJob job = { .g = g };
  gsize nr = g->uk->nr, mr = g->uk->mr;
  gsize panels = (g->cols + nr - 1) / nr;
  gsize target = 4 * (gsize) qs_parallel_get_threads ();
  gsize row_chunks;

  g_assert (nr <= MAX_NR && mr <= MAX_MR);
  if (g->rows == 0 || g->cols == 0)
    return;
  if (g->kq == 0)
    {
      /* empty sum: bias or zero (only matmul with k = 0 gets here) */
      for (gsize r = 0; r < g->rows; r++)
        for (gsize j = 0; j < g->cols; j++)
          {
            float b = g->row_bias ? g->row_bias[r] : 0.0f;
            memcpy ((char *) g->c + (r * g->ldc + j) * 4, &b, 4);
          }
      return;
    }

  job.panels_per_chunk = CLAMP (panels / target, 1, MAX_PANELS);
  job.col_chunks = (panels + job.panels_per_chunk - 1) / job.panels_per_chunk;
  job.row_blocks = (g->rows + mr - 1) / mr;
  row_chunks = MIN (job.row_blocks, (target + job.col_chunks - 1) / job.col_chunks);
  job.blocks_per_chunk = (job.row_blocks + row_chunks - 1) / row_chunks;
  row_chunks = (job.row_blocks + job.blocks_per_chunk - 1) / job.blocks_per_chunk;

  qs_parallel_for (job.col_chunks * row_chunks, gemm_task, &job);
}

/* B panels of a convolution: unit row kq is (plane, ky, kx), column j is
 * the output pixel col0 + j.  A run of pixels on one output row reads one
 * run of a padded input row, contiguous when the stride is 1. */
void
_qs_conv_pack_b (gconstpointer data,
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
  } runs[MAX_NR];
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
      const guint32 *base = cp->planes + q * cp->plane_stride +
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
