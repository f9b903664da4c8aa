/* qs-matmul.c — matrix products, reference and fast
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * MatMul may have an activation on either side, so the fast paths pack
 * per call and reuse the convolution GEMM; an int8 MatMul with constant
 * weights (a fully connected layer) can pack them once instead
 * (qs_matmul_int8_prepare) and keep their column sums with them.  fp32 maps
 * directly: A's rows are the broadcast side, B's columns the vector side.
 * For u8 x s8 the micro-kernel wants the s8 operand broadcast, so it
 * computes C^T = B^T . A^T (rows from B, columns from A's rows) into a
 * scratch buffer and transposes that into C.
 */
#include "config.h"

#include <string.h>

#include "qs-kernels-private.h"

void
qs_matmul_f32_ref (int m, int n, int k,
                   const float *a, const float *b, gboolean transpose_b,
                   float *c)
{
  for (int i = 0; i < m; i++)
    for (int j = 0; j < n; j++)
      {
        float acc = 0.0f;

        for (int t = 0; t < k; t++)
          acc += a[(gsize) i * k + t] *
                 (transpose_b ? b[(gsize) j * k + t] : b[(gsize) t * n + j]);
        c[(gsize) i * n + j] = acc;
      }
}

void
qs_matmul_u8s8s32_ref (int m, int n, int k,
                       const guint8 *a, const gint8 *b, gboolean transpose_b,
                       gint32 *c)
{
  for (int i = 0; i < m; i++)
    for (int j = 0; j < n; j++)
      {
        gint32 acc = 0;

        for (int t = 0; t < k; t++)
          acc += (gint32) a[(gsize) i * k + t] *
                 (gint32) (transpose_b ? b[(gsize) j * k + t] : b[(gsize) t * n + j]);
        c[(gsize) i * n + j] = acc;
      }
}

/* --- fp32 --- */

typedef struct
{
  const float *b;
  int          n, k;
  gboolean     transpose_b;
} F32B;

static void
pack_b_f32 (gconstpointer data,
            gsize         group,
            gsize         kq0,
            gsize         kn,
            gsize         col0,
            int           ncols,
            int           nr,
            guint32      *dst)
{
  const F32B *mb = data;
  float *d = (float *) dst;

  if (mb->transpose_b)
    {
      for (int j = 0; j < ncols; j++)
        {
          const float *row = mb->b + (col0 + j) * (gsize) mb->k + kq0;

          for (gsize t = 0; t < kn; t++)
            d[t * nr + j] = row[t];
        }
    }
  else
    {
      for (gsize t = 0; t < kn; t++)
        memcpy (d + t * nr, mb->b + (kq0 + t) * (gsize) mb->n + col0, sizeof (float) * ncols);
    }
  if (ncols < nr)
    for (gsize t = 0; t < kn; t++)
      memset (d + t * nr + ncols, 0, sizeof (float) * (nr - ncols));
}

void
qs_matmul_f32 (int m, int n, int k,
               const float *a, const float *b, gboolean transpose_b,
               float *c)
{
  QS_KERNEL_TIMED;
  const QsIsaKernels *kern = _qs_isa_kernels (qs_kernels_get_isa ());
  const QsUkernel *uk = &kern->f32;
  gsize mr = uk->mr;
  gsize blocks = ((gsize) m + mr - 1) / mr;
  float *ap;
  F32B mb = { b, n, k, transpose_b };
  QsGemm gemm = {
    .uk = uk,
    .rows = m,
    .cols = n,
    .kq = k,
    .pack_b = pack_b_f32,
    .pack_data = &mb,
    .c = c,
    .ldc = n,
  };

  if (m <= 0 || n <= 0)
    return;
  ap = _qs_scratch (1, sizeof (float) * blocks * mr * MAX (k, 1));
  for (gsize rb = 0; rb < blocks; rb++)
    {
      float *panel = ap + rb * mr * k;

      for (gsize i = 0; i < mr; i++)
        {
          gsize r = rb * mr + i;

          for (gsize t = 0; t < (gsize) k; t++)
            panel[t * mr + i] = r < (gsize) m ? a[r * k + t] : 0.0f;
        }
    }
  gemm.a = (const guint32 *) ap;
  if (!transpose_b)
    {
      gemm.b_direct = (const guint32 *) b;
      gemm.ldb_direct = n;
    }
  _qs_gemm_run (&gemm);
}

/* --- u8 x s8 --- */

typedef struct
{
  const guint8 *a;
  int           k;
} U8Cols;

/* Column j of B^T-side panel is row (col0 + j) of A; a unit is 4 of its k. */
static void
pack_b_u8 (gconstpointer data,
           gsize         group,
           gsize         kq0,
           gsize         kn,
           gsize         col0,
           int           ncols,
           int           nr,
           guint32      *dst)
{
  const U8Cols *mc = data;
  gsize k = mc->k;

  for (int j = 0; j < ncols; j++)
    {
      const guint8 *row = mc->a + (col0 + j) * k;

      for (gsize t = 0; t < kn; t++)
        {
          gsize k0 = (kq0 + t) * 4;
          guint32 w = 0;

          if (k0 + 4 <= k)
            memcpy (&w, row + k0, 4);
          else
            for (gsize i = 0; k0 + i < k; i++)
              w |= (guint32) row[k0 + i] << (8 * i);
          dst[t * nr + j] = GUINT32_FROM_LE (w);
        }
    }
  for (gsize t = 0; t < kn; t++)
    for (int j = ncols; j < nr; j++)
      dst[t * nr + j] = 0;
}

typedef struct
{
  const gint32 *ct;
  gint32       *c;
  int           m, n;
} TransposeJob;

static void
transpose_task (gsize    i,
                gpointer data)
{
  const TransposeJob *job = data;

  for (int j = 0; j < job->n; j++)
    job->c[i * job->n + j] = job->ct[(gsize) j * job->m + i];
}

/* Weights packed once into micro-kernel panels of B^T (rows = B's
 * columns), with their column sums for the caller's zero-point terms. */
struct _QsMatmulInt8
{
  const QsUkernel *uk;
  int              n, k;
  gsize            kq;
  guint32         *a;
  gint32          *col_sums;
};

QsMatmulInt8 *
qs_matmul_int8_prepare (int           n,
                        int           k,
                        const gint8  *b,
                        gboolean      transpose_b)
{
  QS_KERNEL_TIMED;
  QsMatmulInt8 *mm = g_new0 (QsMatmulInt8, 1);
  const QsIsaKernels *kern = _qs_isa_kernels (qs_kernels_get_isa ());
  const QsUkernel *uk = &kern->u8s8;
  gsize mr = uk->mr, aw = uk->a_words;
  gsize kq = ((gsize) MAX (k, 0) + 3) / 4;
  gsize blocks = ((gsize) MAX (n, 0) + mr - 1) / mr;

  mm->uk = uk;
  mm->n = n;
  mm->k = k;
  mm->kq = kq;
  mm->a = g_aligned_alloc0 (MAX (blocks * mr * aw * kq, 1), sizeof (guint32), 64);
  mm->col_sums = g_new0 (gint32, MAX (n, 1));

  for (int j = 0; j < n; j++)
    for (int t = 0; t < k; t++)
      mm->col_sums[j] += transpose_b ? b[(gsize) j * k + t] : b[(gsize) t * n + j];

  for (gsize rb = 0; rb < blocks; rb++)
    {
      guint32 *panel = mm->a + rb * mr * aw * kq;

      for (gsize i = 0; i < mr; i++)
        {
          gsize r = rb * mr + i;   /* column of B */

          for (gsize t = 0; t < kq; t++)
            {
              gint8 w[4] = { 0, 0, 0, 0 };

              for (gsize u = 0; u < 4; u++)
                {
                  gsize kk = t * 4 + u;

                  if (r < (gsize) n && kk < (gsize) k)
                    w[u] = transpose_b ? b[r * k + kk] : b[kk * n + r];
                }
              if (aw == 2)
                {
                  panel[(t * mr + i) * 2] = (guint32) (guint16) (gint16) w[0] |
                                            (guint32) (guint16) (gint16) w[2] << 16;
                  panel[(t * mr + i) * 2 + 1] = (guint32) (guint16) (gint16) w[1] |
                                                (guint32) (guint16) (gint16) w[3] << 16;
                }
              else
                panel[t * mr + i] = (guint32) (guint8) w[0] | (guint32) (guint8) w[1] << 8 |
                                    (guint32) (guint8) w[2] << 16 | (guint32) (guint8) w[3] << 24;
            }
        }
    }
  return mm;
}

const gint32 *
qs_matmul_int8_col_sums (const QsMatmulInt8 *mm)
{
  return mm->col_sums;
}

void
qs_matmul_int8_free (QsMatmulInt8 *mm)
{
  if (mm == NULL)
    return;
  g_aligned_free (mm->a);
  g_free (mm->col_sums);
  g_free (mm);
}

void
qs_matmul_int8_run (QsMatmulInt8 *mm,
                    int           m,
                    const guint8 *a,
                    gint32       *c)
{
  QS_KERNEL_TIMED;
  U8Cols mc = { a, mm->k };
  gint32 *ct;
  QsGemm gemm = {
    .uk = mm->uk,
    .rows = mm->n,
    .cols = m,
    .kq = mm->kq,
    .a = mm->a,
    .pack_b = pack_b_u8,
    .pack_data = &mc,
    .ldc = m,
  };

  if (m <= 0 || mm->n <= 0)
    return;
  if (mm->k <= 0)
    {
      memset (c, 0, sizeof (gint32) * m * mm->n);
      return;
    }

  /* C^T (n x m) is C itself when m is 1 (a fully connected layer on one
   * sample): no transpose then */
  ct = m == 1 ? c : _qs_scratch (1, sizeof (gint32) * (gsize) m * mm->n);
  gemm.c = ct;
  _qs_gemm_run (&gemm);

  if (m > 1)
    {
      TransposeJob tj = { ct, c, m, mm->n };

      qs_parallel_for (m, transpose_task, &tj);
    }
}

void
qs_matmul_u8s8s32 (int m, int n, int k,
                   const guint8 *a, const gint8 *b, gboolean transpose_b,
                   gint32 *c)
{
  QS_KERNEL_TIMED;
  QsMatmulInt8 *mm;

  if (m <= 0 || n <= 0)
    return;
  mm = qs_matmul_int8_prepare (n, k, b, transpose_b);
  qs_matmul_int8_run (mm, m, a, c);
  qs_matmul_int8_free (mm);
}
