/* qs-kernels-isa.c — which instruction set the kernels use
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The library is built for baseline x86-64; the AVX2 and AVX-512 code sits
 * in separately compiled files and is reached only through the table chosen
 * here, after __builtin_cpu_supports() said yes.  QS_ISA=scalar|avx2|avx512vnni
 * in the environment, or qs_kernels_set_isa(), lowers (never raises) the
 * choice, so tests can hold every path to the reference on one machine.
 */
#include "config.h"

#include <string.h>

#include "qs-kernels-private.h"

G_DEFINE_QUARK (qs-kernels-error-quark, qs_kernels_error)

static const char *isa_names[QS_ISA_N] = {
  [QS_ISA_SCALAR] = "scalar",
  [QS_ISA_AVX2] = "avx2",
  [QS_ISA_AVX512_VNNI] = "avx512vnni",
};

static int current_isa = -1;   /* atomic; -1 until first use */

const char *
qs_isa_name (QsIsa isa)
{
  if ((int) isa < 0 || isa >= QS_ISA_N)
    return "unknown";
  return isa_names[isa];
}

QsIsa
qs_kernels_detect_isa (void)
{
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init ();
  if (__builtin_cpu_supports ("avx512f") &&
      __builtin_cpu_supports ("avx512bw") &&
      __builtin_cpu_supports ("avx512vl") &&
      __builtin_cpu_supports ("avx512vnni"))
    return QS_ISA_AVX512_VNNI;
  if (__builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma"))
    return QS_ISA_AVX2;
#endif
  return QS_ISA_SCALAR;
}

static QsIsa
initial_isa (void)
{
  QsIsa best = qs_kernels_detect_isa ();
  const char *env = g_getenv ("QS_ISA");

  if (env != NULL && *env != '\0')
    {
      for (int i = 0; i < QS_ISA_N; i++)
        if (g_ascii_strcasecmp (env, isa_names[i]) == 0)
          return MIN ((QsIsa) i, best);
    }
  return best;
}

QsIsa
qs_kernels_get_isa (void)
{
  int isa = g_atomic_int_get (&current_isa);

  if (isa < 0)
    {
      isa = initial_isa ();
      g_atomic_int_set (&current_isa, isa);
    }
  return (QsIsa) isa;
}

void
qs_kernels_set_isa (QsIsa isa)
{
  QsIsa best = qs_kernels_detect_isa ();

  if ((int) isa < 0)
    isa = QS_ISA_SCALAR;
  g_atomic_int_set (&current_isa, MIN (isa, best));
}

gconstpointer
_qs_isa_table (gsize               *once,
               gpointer             tables,
               gsize                size,
               const QsIsaTableFill fill[QS_ISA_N],
               QsIsa                isa)
{
  guint8 *t = tables;

  if (g_once_init_enter (once))
    {
      QsIsa best = qs_kernels_detect_isa ();
      int i;

      fill[QS_ISA_SCALAR] (t);
      for (i = QS_ISA_SCALAR + 1; i < QS_ISA_N; i++)
        {
          memcpy (t + i * size, t + (i - 1) * size, size);
          if ((QsIsa) i <= best)
            fill[i] (t + i * size);
        }
      g_once_init_leave (once, 1);
    }
  if ((int) isa < 0 || isa >= QS_ISA_N)
    isa = QS_ISA_SCALAR;
  return t + isa * size;
}

const QsIsaKernels *
_qs_isa_kernels (QsIsa isa)
{
  static QsIsaKernels tables[QS_ISA_N];
  static gsize once = 0;
  static const QsIsaTableFill fill[QS_ISA_N] = {
    (QsIsaTableFill) _qs_ukernels_scalar,
    (QsIsaTableFill) _qs_ukernels_avx2,
    (QsIsaTableFill) _qs_ukernels_avx512,
  };

  return _qs_isa_table (&once, tables, sizeof tables[0], fill, isa);
}

/* Scratch: one growing buffer per slot per thread.  The pool's threads live
 * as long as the process, so these are allocated once per thread. */
#define N_SCRATCH 4

typedef struct
{
  gpointer mem[N_SCRATCH];
  gsize    size[N_SCRATCH];
} Scratch;

static void
scratch_free (gpointer data)
{
  Scratch *s = data;

  for (guint i = 0; i < N_SCRATCH; i++)
    g_aligned_free (s->mem[i]);
  g_free (s);
}

static GPrivate scratch_key = G_PRIVATE_INIT (scratch_free);

static gint cv_disabled;   /* atomic */

void
_qs_kernels_set_cv (gboolean enabled)
{
  g_atomic_int_set (&cv_disabled, !enabled);
}

gboolean
_qs_kernels_get_cv (void)
{
  return !g_atomic_int_get (&cv_disabled);
}

static gint wide_store_disabled;   /* atomic */

void
_qs_kernels_set_wide_store (gboolean enabled)
{
  g_atomic_int_set (&wide_store_disabled, !enabled);
}

gboolean
_qs_kernels_get_wide_store (void)
{
  return !g_atomic_int_get (&wide_store_disabled);
}

gpointer
_qs_scratch (guint slot,
             gsize size)
{
  Scratch *s = g_private_get (&scratch_key);

  g_assert (slot < N_SCRATCH);
  if (s == NULL)
    {
      s = g_new0 (Scratch, 1);
      g_private_set (&scratch_key, s);
    }
  if (s->size[slot] < size)
    {
      g_aligned_free (s->mem[slot]);
      size = MAX (size, s->size[slot] * 3 / 2);
      s->mem[slot] = g_aligned_alloc (1, size + 64, 64);
      s->size[slot] = size;
      /* a fresh buffer starts with a zero header: no stamp of an own copy
       * of the planes (QsConvLazy, stamps from 1) matches it */
      memset (s->mem[slot], 0, 64);
    }
  return s->mem[slot];
}

guint64
_qs_scratch_stamp (void)
{
  static guint64 counter;   /* atomic */

  return __atomic_add_fetch (&counter, 1, __ATOMIC_RELAXED);
}

gboolean
qs_conv_params_init (QsConvParams *p,
                     GError      **error)
{
  gint64 eh, ew;

  if (p->n < 1 || p->ic < 1 || p->ih < 1 || p->iw < 1 || p->oc < 1 ||
      p->kh < 1 || p->kw < 1)
    {
      g_set_error (error, QS_KERNELS_ERROR, QS_KERNELS_ERROR_INVALID_SHAPE,
                   "Convolution has an empty dimension (n %d, ic %d, %dx%d, oc %d, kernel %dx%d)",
                   p->n, p->ic, p->ih, p->iw, p->oc, p->kh, p->kw);
      return FALSE;
    }
  if (p->groups < 1 || p->ic % p->groups != 0 || p->oc % p->groups != 0)
    {
      g_set_error (error, QS_KERNELS_ERROR, QS_KERNELS_ERROR_INVALID_SHAPE,
                   "Convolution groups %d do not divide input channels %d and output channels %d",
                   p->groups, p->ic, p->oc);
      return FALSE;
    }
  if (p->stride_h < 1 || p->stride_w < 1 || p->dil_h < 1 || p->dil_w < 1)
    {
      g_set_error (error, QS_KERNELS_ERROR, QS_KERNELS_ERROR_INVALID_SHAPE,
                   "Convolution strides (%d, %d) and dilations (%d, %d) must be at least 1",
                   p->stride_h, p->stride_w, p->dil_h, p->dil_w);
      return FALSE;
    }
  if (p->pad_top < 0 || p->pad_left < 0 || p->pad_bottom < 0 || p->pad_right < 0)
    {
      g_set_error (error, QS_KERNELS_ERROR, QS_KERNELS_ERROR_INVALID_SHAPE,
                   "Convolution pads (%d, %d, %d, %d) must not be negative",
                   p->pad_top, p->pad_left, p->pad_bottom, p->pad_right);
      return FALSE;
    }

  eh = (gint64) p->ih + p->pad_top + p->pad_bottom - (gint64) p->dil_h * (p->kh - 1) - 1;
  ew = (gint64) p->iw + p->pad_left + p->pad_right - (gint64) p->dil_w * (p->kw - 1) - 1;
  if (eh < 0 || ew < 0)
    {
      g_set_error (error, QS_KERNELS_ERROR, QS_KERNELS_ERROR_INVALID_SHAPE,
                   "Convolution kernel %dx%d (dilation %d, %d) is larger than the padded input %dx%d",
                   p->kh, p->kw, p->dil_h, p->dil_w,
                   p->ih + p->pad_top + p->pad_bottom, p->iw + p->pad_left + p->pad_right);
      return FALSE;
    }
  p->oh = (int) (eh / p->stride_h + 1);
  p->ow = (int) (ew / p->stride_w + 1);
  return TRUE;
}
