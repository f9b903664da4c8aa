/* qs-conv-skip.c — which units a convolution's border pixels really read
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A stride-1 convolution read from padded planes multiplies every output
 * pixel by all kh x kw taps of every plane, and near the border some taps
 * land in the padding.  On small images that is a good part of the work: a
 * 7 x 7 image with a 3 x 3 kernel and pads of 1 has 19 of its 21 taps per
 * axis inside (81 % of the products are real), a 14 x 14 one 40 of 42
 * (91 %).  Pixels with the same taps inside form a class; each class gets
 * the list of units (plane, ky, kx) it reads, in K order, so that its
 * chain of multiply-adds is the full chain without the padding's terms.
 */
#include "config.h"

#include <string.h>

#include "qs-kernels-private.h"

/* Classes beyond this (huge kernels with huge pads) are not worth a list
 * each: the layer runs every unit then. */
#define MAX_CLASSES QS_CV_SKIP_MAX_CLASSES

/* The least estimated saving (class_cost) that the classes must bring,
 * as a share and in units of K per pixel. */
#define MIN_SAVING_PERCENT 6
#define MIN_SAVED_UNITS 128

/* The valid taps of output position o along one axis: [*t0, *t1). */
static void
valid_taps (int  o,
            int  pad,
            int  k,
            int  dil,
            int  in,
            int *t0,
            int *t1)
{
  *t0 = k;
  *t1 = 0;
  for (int t = 0; t < k; t++)
    {
      int i = o - pad + t * dil;

      if (i >= 0 && i < in)
        {
          *t0 = MIN (*t0, t);
          *t1 = t + 1;
        }
    }
  if (*t1 <= *t0)
    *t0 = *t1 = 0;   /* no tap inside: an empty range */
}

/* What a class costs the channel-vector kernel, in pixel-units: its
 * pixels go in blocks of up to six, and a block costs each unit of its
 * rectangle of taps about two pixels' worth besides its pixels (the four
 * weight loads: a block of one pixel runs at about a third of the rate of
 * one of six, a microbenchmark of the kernels). */
#define CV_BLOCK_COST 2
#define CV_BLOCK_PIXELS 6

static gsize
class_cost (const int *r,
            gsize      n_pix)
{
  gsize blocks = (n_pix + CV_BLOCK_PIXELS - 1) / CV_BLOCK_PIXELS;

  return (gsize) (r[1] - r[0]) * (r[3] - r[2]) * (n_pix + CV_BLOCK_COST * blocks);
}

/* The smallest rectangle of taps holding both. */
static void
rect_union (const int *a,
            const int *b,
            int       *u)
{
  if (a[1] <= a[0] || a[3] <= a[2])
    memcpy (u, b, 4 * sizeof (int));
  else if (b[1] <= b[0] || b[3] <= b[2])
    memcpy (u, a, 4 * sizeof (int));
  else
    {
      u[0] = MIN (a[0], b[0]);
      u[1] = MAX (a[1], b[1]);
      u[2] = MIN (a[2], b[2]);
      u[3] = MAX (a[3], b[3]);
    }
}

/* NULL when no pixel has a tap in the padding, or the layer is not a
 * stride-1 one with at most MAX_CLASSES classes.
 *
 * The exact classes of a small image include the corners, one pixel each,
 * which would run alone.  So classes are then merged while that lowers
 * the estimated cost (class_cost): a merged class runs over the union of
 * the taps, and its pixels read the padding for the taps in the union that
 * are not theirs, as the full chain does (the padding's products are the
 * same terms in the same places).  The units left out are then in the
 * padding for every pixel of the class. */
QsCvSkip *
_qs_cv_skip_new (const QsConvParams *p,
                 gsize               planes_per_group)
{
  int rk[4 * MAX_CLASSES];   /* the classes' ky0, ky1, kx0, kx1 */
  gsize n_in[MAX_CLASSES];   /* pixels per class */
  guint8 merged_to[MAX_CLASSES];
  gsize n_classes = 0, n_pix = (gsize) p->oh * p->ow;
  gsize khw = (gsize) p->kh * p->kw, total = 0;
  gboolean any_pad = FALSE;
  QsCvSkip *skip;

  if (p->stride_h != 1 || p->stride_w != 1 || n_pix == 0 || planes_per_group == 0)
    return NULL;

  skip = g_new0 (QsCvSkip, 1);
  skip->pixel_class = g_new (guint8, n_pix);
  for (int oy = 0; oy < p->oh; oy++)
    for (int ox = 0; ox < p->ow; ox++)
      {
        int r[4];
        gsize c;

        valid_taps (oy, p->pad_top, p->kh, p->dil_h, p->ih, &r[0], &r[1]);
        valid_taps (ox, p->pad_left, p->kw, p->dil_w, p->iw, &r[2], &r[3]);
        if ((gsize) (r[1] - r[0]) * (r[3] - r[2]) != khw)
          any_pad = TRUE;
        for (c = 0; c < n_classes; c++)
          if (memcmp (rk + 4 * c, r, sizeof r) == 0)
            break;
        if (c == n_classes)
          {
            if (n_classes == MAX_CLASSES)
              {
                _qs_cv_skip_free (skip);
                return NULL;
              }
            memcpy (rk + 4 * c, r, sizeof r);
            n_in[c] = 0;
            n_classes++;
          }
        n_in[c]++;
        skip->pixel_class[(gsize) oy * p->ow + ox] = (guint8) c;
      }
  if (!any_pad)
    {
      _qs_cv_skip_free (skip);
      return NULL;
    }

  /* merge the pair of classes that saves most, while one saves */
  for (gsize c = 0; c < n_classes; c++)
    merged_to[c] = (guint8) c;
  for (;;)
    {
      gsize best_a = 0, best_b = 0, best_gain = 0;

      for (gsize a = 0; a < n_classes; a++)
        for (gsize b = a + 1; b < n_classes && merged_to[a] == a; b++)
          {
            int u[4];
            gsize before, after;

            if (merged_to[b] != b)
              continue;
            rect_union (rk + 4 * a, rk + 4 * b, u);
            before = class_cost (rk + 4 * a, n_in[a]) + class_cost (rk + 4 * b, n_in[b]);
            after = class_cost (u, n_in[a] + n_in[b]);
            if (after < before && before - after > best_gain)
              {
                best_gain = before - after;
                best_a = a;
                best_b = b;
              }
          }
      if (best_gain == 0)
        break;
      rect_union (rk + 4 * best_a, rk + 4 * best_b, rk + 4 * best_a);
      n_in[best_a] += n_in[best_b];
      merged_to[best_b] = (guint8) best_a;
    }

  /* renumber the classes left */
  {
    guint8 new_id[MAX_CLASSES];
    gsize n = 0;

    for (gsize c = 0; c < n_classes; c++)
      if (merged_to[c] == c)
        {
          new_id[c] = (guint8) n;
          memmove (rk + 4 * n, rk + 4 * c, 4 * sizeof (int));
          n++;
        }
    for (gsize i = 0; i < n_pix; i++)
      {
        gsize c = skip->pixel_class[i];

        while (merged_to[c] != c)
          c = merged_to[c];
        skip->pixel_class[i] = new_id[c];
      }
    n_classes = n;
  }

  /* Not worth the classes' own blocks and stores below a few per cent
   * (ResNet-50's 28 x 28 3 x 3 layers: 4 % by the estimate, and slower in
   * int8; 14 x 14: 8 %, 7 x 7: 16 %), nor where that saves few units per
   * pixel: the extra blocks and stores cost the same whatever K is (the
   * 14 x 14 int8 layer, 576 units, 48 saved: 3 % slower in CPU samples;
   * its fp32 twin, 194 saved, and res5 int8, 184 saved, 4 and 11 % faster). */
  {
    int full[4] = { 0, p->kh, 0, p->kw };
    gsize dense = class_cost (full, n_pix), cost = 0;

    for (gsize c = 0; c < n_classes; c++)
      {
        gsize n = 0;

        for (gsize i = 0; i < n_pix; i++)
          n += skip->pixel_class[i] == c;
        cost += class_cost (rk + 4 * c, n);
      }
    if (cost * 100 > dense * (100 - MIN_SAVING_PERCENT) ||
        (dense - cost) * planes_per_group * khw < MIN_SAVED_UNITS * dense)
      {
        _qs_cv_skip_free (skip);
        return NULL;
      }
  }

  skip->n_classes = n_classes;
  skip->start = g_new (gsize, n_classes + 1);
  skip->in_pad = g_new (guint8, n_classes * khw);
  for (gsize c = 0; c < n_classes; c++)
    {
      const int *r = rk + 4 * c;

      skip->start[c] = total;
      total += planes_per_group * (gsize) (r[1] - r[0]) * (r[3] - r[2]);
      for (int ky = 0; ky < p->kh; ky++)
        for (int kx = 0; kx < p->kw; kx++)
          skip->in_pad[c * khw + (gsize) ky * p->kw + kx] = !(ky >= r[0] && ky < r[1] &&
                                                              kx >= r[2] && kx < r[3]);
    }
  skip->start[n_classes] = total;
  skip->units = g_new (guint32, MAX (total, 1));
  for (gsize c = 0; c < n_classes; c++)
    {
      guint32 *u = skip->units + skip->start[c];

      for (gsize q = 0; q < planes_per_group; q++)
        for (gsize t = 0; t < khw; t++)
          if (!skip->in_pad[c * khw + t])
            *u++ = (guint32) (q * khw + t);
    }
  return skip;
}

void
_qs_cv_skip_free (QsCvSkip *skip)
{
  if (skip == NULL)
    return;
  g_free (skip->pixel_class);
  g_free (skip->start);
  g_free (skip->units);
  g_free (skip->in_pad);
  g_free (skip);
}
