/* qs-conv-ref.c — scalar reference convolutions
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The definition every fast path is held to: the obvious seven nested loops,
 * no blocking and no cleverness, so that a reader can check them against
 * the OpenVINO Convolution and GroupConvolution specifications by eye.
 * Sums run over (ic, kh, kw) in that order, starting from the bias.
 */
#include "config.h"

#include "qs-kernels.h"

void
qs_conv2d_f32_ref (const QsConvParams *p,
                   const float        *src,
                   const float        *weights,
                   const float        *bias,
                   float              *dst)
{
  int icg = p->ic / p->groups;
  int ocg = p->oc / p->groups;

  for (int n = 0; n < p->n; n++)
    for (int oc = 0; oc < p->oc; oc++)
      {
        int g = oc / ocg;
        const float *w_oc = weights + (gsize) oc * icg * p->kh * p->kw;
        float *out = dst + ((gsize) n * p->oc + oc) * p->oh * p->ow;

        for (int oy = 0; oy < p->oh; oy++)
          for (int ox = 0; ox < p->ow; ox++)
            {
              float acc = bias != NULL ? bias[oc] : 0.0f;

              for (int c = 0; c < icg; c++)
                {
                  const float *plane = src + ((gsize) n * p->ic + g * icg + c) * p->ih * p->iw;

                  for (int ky = 0; ky < p->kh; ky++)
                    {
                      int iy = oy * p->stride_h - p->pad_top + ky * p->dil_h;

                      if (iy < 0 || iy >= p->ih)
                        continue;
                      for (int kx = 0; kx < p->kw; kx++)
                        {
                          int ix = ox * p->stride_w - p->pad_left + kx * p->dil_w;

                          if (ix < 0 || ix >= p->iw)
                            continue;
                          acc += plane[(gsize) iy * p->iw + ix] *
                                 w_oc[((gsize) c * p->kh + ky) * p->kw + kx];
                        }
                    }
                }
              out[(gsize) oy * p->ow + ox] = acc;
            }
      }
}

void
qs_conv2d_u8s8s32_ref (const QsConvParams *p,
                       const guint8       *src,
                       guint8              pad_value,
                       const gint8        *weights,
                       gint32             *dst)
{
  int icg = p->ic / p->groups;
  int ocg = p->oc / p->groups;

  for (int n = 0; n < p->n; n++)
    for (int oc = 0; oc < p->oc; oc++)
      {
        int g = oc / ocg;
        const gint8 *w_oc = weights + (gsize) oc * icg * p->kh * p->kw;
        gint32 *out = dst + ((gsize) n * p->oc + oc) * p->oh * p->ow;

        for (int oy = 0; oy < p->oh; oy++)
          for (int ox = 0; ox < p->ow; ox++)
            {
              gint32 acc = 0;

              for (int c = 0; c < icg; c++)
                {
                  const guint8 *plane = src + ((gsize) n * p->ic + g * icg + c) * p->ih * p->iw;

                  for (int ky = 0; ky < p->kh; ky++)
                    {
                      int iy = oy * p->stride_h - p->pad_top + ky * p->dil_h;

                      for (int kx = 0; kx < p->kw; kx++)
                        {
                          int ix = ox * p->stride_w - p->pad_left + kx * p->dil_w;
                          gint32 x = pad_value;

                          if (iy >= 0 && iy < p->ih && ix >= 0 && ix < p->iw)
                            x = plane[(gsize) iy * p->iw + ix];
                          acc += x * (gint32) w_oc[((gsize) c * p->kh + ky) * p->kw + kx];
                        }
                    }
                }
              out[(gsize) oy * p->ow + ox] = acc;
            }
      }
}
