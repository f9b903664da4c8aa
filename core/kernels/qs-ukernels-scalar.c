/* qs-ukernels-scalar.c — portable micro-kernels
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * What runs on a CPU without AVX2 (or with QS_ISA=scalar): the same blocked
 * GEMM as the SIMD paths, with a plain C register tile that the compiler
 * may vectorise for SSE2.  Built with -O3 in its own static library.
 */
#include "config.h"

#include <string.h>

#include "qs-kernels-private.h"

#define MR 4
#define NR 16

static void
uk_f32_scalar (gsize          kq,
               const guint32 *a_,
               const guint32 *b_,
               const gsize   *boff,
               void          *c_,
               gsize          ldc,
               int            mr,
               int            nr,
               gboolean       accumulate)
{
  const float *a = (const float *) a_;
  const float *b = (const float *) b_;
  float *c = c_;
  float acc[MR][NR] = { { 0 } };

  for (gsize k = 0; k < kq; k++)
    {
      const float *bk = b + boff[k];
      const float *ak = a + k * MR;

      for (int i = 0; i < MR; i++)
        for (int j = 0; j < NR; j++)
          acc[i][j] += ak[i] * bk[j];
    }

  for (int i = 0; i < mr; i++)
    for (int j = 0; j < nr; j++)
      c[(gsize) i * ldc + j] = accumulate ? c[(gsize) i * ldc + j] + acc[i][j] : acc[i][j];
}

static void
uk_u8s8_scalar (gsize          kq,
                const guint32 *a_,
                const guint32 *b_,
                const gsize   *boff,
                void          *c_,
                gsize          ldc,
                int            mr,
                int            nr,
                gboolean       accumulate)
{
  const gint8 *a = (const gint8 *) a_;
  const guint8 *b = (const guint8 *) b_;
  gint32 *c = c_;
  gint32 acc[MR][NR] = { { 0 } };

  for (gsize k = 0; k < kq; k++)
    {
      const guint8 *bk = b + boff[k] * 4;
      const gint8 *ak = a + k * MR * 4;

      for (int i = 0; i < MR; i++)
        for (int j = 0; j < NR; j++)
          acc[i][j] += ak[4 * i + 0] * (gint32) bk[4 * j + 0] +
                       ak[4 * i + 1] * (gint32) bk[4 * j + 1] +
                       ak[4 * i + 2] * (gint32) bk[4 * j + 2] +
                       ak[4 * i + 3] * (gint32) bk[4 * j + 3];
    }

  for (int i = 0; i < mr; i++)
    for (int j = 0; j < nr; j++)
      c[(gsize) i * ldc + j] = accumulate ? c[(gsize) i * ldc + j] + acc[i][j] : acc[i][j];
}

#define DW_SUFFIX scalar
#define DW_VLEN 4
#include "qs-ukernels-dw.h"

void
_qs_ukernels_scalar (QsIsaKernels *k)
{
  k->f32 = (QsUkernel) { uk_f32_scalar, MR, NR, 1 };
  k->u8s8 = (QsUkernel) { uk_u8s8_scalar, MR, NR, 1 };
  k->dw_f32 = dw_f32_scalar;
  k->dw_u8 = dw_u8_scalar;
}
