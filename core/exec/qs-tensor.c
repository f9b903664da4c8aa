/* qs-tensor.c — the executor's tensors
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#ifdef __linux__
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "qs-tensor.h"

gboolean
qs_tensor_type_supported (QsElementType type)
{
  switch (type)
    {
    case QS_ELEMENT_F32:
    case QS_ELEMENT_I32:
    case QS_ELEMENT_I64:
    case QS_ELEMENT_U8:
    case QS_ELEMENT_I8:
    case QS_ELEMENT_BOOLEAN:
      return TRUE;
    default:
      return FALSE;
    }
}

gsize
qs_tensor_type_size (QsElementType type)
{
  switch (type)
    {
    case QS_ELEMENT_F32:
    case QS_ELEMENT_I32:
      return 4;
    case QS_ELEMENT_I64:
      return 8;
    case QS_ELEMENT_U8:
    case QS_ELEMENT_I8:
    case QS_ELEMENT_BOOLEAN:
      return 1;
    default:
      return 0;
    }
}

/* ---- the run-memory budget ---- */

struct _QsBudget
{
  gint     ref_count;
  guint64  limit;          /* atomic */
  guint64  max_elements;
  guint64  used;           /* atomic */
  guint64  peak;           /* atomic */
};

typedef enum
{
  FAIL_NONE,
  FAIL_NEGATIVE,
  FAIL_OVERFLOW,
  FAIL_ELEMENTS,
  FAIL_LIMIT,
  FAIL_OOM,
} FailKind;

typedef struct
{
  FailKind  kind;
  int       rank;           /* -1: no shape (scratch) */
  gint64    dims[QS_TENSOR_MAX_RANK];
  guint64   bytes;
  guint64   elements;
  guint64   limit;
  guint64   used;
  guint64   max_elements;
} AllocFailure;

static __thread QsBudget *current_budget;
static __thread AllocFailure last_failure;
static __thread guint64 thread_alloc_bytes;

QsBudget *
qs_budget_new (guint64 max_bytes,
               guint64 max_elements)
{
  QsBudget *b = g_new0 (QsBudget, 1);

  b->ref_count = 1;
  b->limit = max_bytes;
  b->max_elements = max_elements > 0 ? max_elements : G_MAXUINT64;
  return b;
}

QsBudget *
qs_budget_ref (QsBudget *budget)
{
  g_return_val_if_fail (budget != NULL, NULL);
  g_atomic_int_inc (&budget->ref_count);
  return budget;
}

void
qs_budget_unref (QsBudget *budget)
{
  if (budget != NULL && g_atomic_int_dec_and_test (&budget->ref_count))
    g_free (budget);
}

void
qs_budget_set_limit (QsBudget *budget,
                     guint64   max_bytes)
{
  __atomic_store_n (&budget->limit, max_bytes, __ATOMIC_RELAXED);
}

guint64
qs_budget_get_limit (const QsBudget *budget)
{
  return __atomic_load_n (&budget->limit, __ATOMIC_RELAXED);
}

guint64
qs_budget_get_max_elements (const QsBudget *budget)
{
  return budget->max_elements;
}

guint64
qs_budget_get_used (const QsBudget *budget)
{
  return __atomic_load_n (&budget->used, __ATOMIC_RELAXED);
}

guint64
qs_budget_get_peak (const QsBudget *budget)
{
  return __atomic_load_n (&budget->peak, __ATOMIC_RELAXED);
}

QsBudget *
qs_budget_push (QsBudget *budget)
{
  QsBudget *previous = current_budget;

  current_budget = budget;
  return previous;
}

void
qs_budget_pop (QsBudget *previous)
{
  current_budget = previous;
}

/* Kernels may allocate from several threads at once, hence the CAS loop. */
static gboolean
budget_charge (QsBudget *b,
               guint64   bytes)
{
  guint64 limit = __atomic_load_n (&b->limit, __ATOMIC_RELAXED);
  guint64 used = __atomic_load_n (&b->used, __ATOMIC_RELAXED);
  guint64 peak;

  do
    {
      if (bytes > limit || used > limit - bytes)
        {
          last_failure.kind = FAIL_LIMIT;
          last_failure.bytes = bytes;
          last_failure.limit = limit;
          last_failure.used = used;
          return FALSE;
        }
    }
  while (!__atomic_compare_exchange_n (&b->used, &used, used + bytes, TRUE,
                                       __ATOMIC_RELAXED, __ATOMIC_RELAXED));
  used += bytes;
  peak = __atomic_load_n (&b->peak, __ATOMIC_RELAXED);
  while (used > peak &&
         !__atomic_compare_exchange_n (&b->peak, &peak, used, TRUE, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
    ;
  return TRUE;
}

static void
budget_release (QsBudget *b,
                guint64   bytes)
{
  __atomic_fetch_sub (&b->used, bytes, __ATOMIC_RELAXED);
}

static void
note_shape (int           rank,
            const gint64 *dims)
{
  memset (&last_failure, 0, sizeof last_failure);
  last_failure.rank = rank >= 0 && rank <= QS_TENSOR_MAX_RANK ? rank : -1;
  if (last_failure.rank > 0)
    memcpy (last_failure.dims, dims, sizeof (gint64) * rank);
}

/* The first touch of a tensor's pages was most of the page faults of a
 * run (one per 4 KiB, microseconds each on a virtual machine, and TLB
 * misses after).  Memory offered to the kernel as huge pages (transparent
 * huge pages in "madvise" mode, as Debian ships them) takes one fault per
 * 2 MiB instead; only the 2 MiB-aligned part of a range can be. */
#define HUGE_PAGE ((gsize) 2 << 20)
/* heap reserved and advised up front, before the plans are built */
#define HEAP_RESERVE ((gsize) 256 << 20)

static void
advise_huge (gpointer mem,
             gsize    bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  guintptr start = ((guintptr) mem + HUGE_PAGE - 1) & ~(guintptr) (HUGE_PAGE - 1);
  guintptr end = ((guintptr) mem + bytes) & ~(guintptr) (HUGE_PAGE - 1);

  if (end > start)
    madvise ((void *) start, end - start, MADV_HUGEPAGE);
#endif
}

#if defined(__GLIBC__) && defined(__linux__) && defined(MADV_HUGEPAGE)
static guintptr heap_advised;   /* atomic: the heap's end when last advised */
#endif

/* glibc grows its heap without a say on huge pages (its glibc.malloc.hugetlb
 * tunable is read at start-up only), so each time the heap's end has moved
 * the new part is advised, before most of it is touched.  sbrk (0) reads
 * glibc's cached break: no system call. */
static void
advise_heap_growth (void)
{
#if defined(__GLIBC__) && defined(__linux__) && defined(MADV_HUGEPAGE)
  guintptr end = (guintptr) sbrk (0), seen = __atomic_load_n (&heap_advised, __ATOMIC_RELAXED);

  if (end == (guintptr) -1 || end < seen + HUGE_PAGE)
    return;
  if (!__atomic_compare_exchange_n (&heap_advised, &seen, end, FALSE, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
    return;
  if (seen != 0)
    advise_huge ((gpointer) seen, end - seen);
#endif
}

#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD)
/* Whether the user's GLIBC_TUNABLES sets glibc.malloc.@name. */
static gboolean
user_tunable (const char *tunables,
              const char *name)
{
  g_autofree char *key = NULL;

  if (tunables == NULL)
    return FALSE;
  key = g_strconcat ("glibc.malloc.", name, "=", NULL);
  return strstr (tunables, key) != NULL;
}
#endif

/* A run frees and allocates tensors of the same few sizes layer after
 * layer.  glibc serves large blocks with mmap() and gives them back on
 * free(), so every layer's output touched fresh pages.  Keeping large
 * blocks in the heap and not trimming it lets the next layer reuse the
 * pages; the run-memory budget still bounds what is live, and the heap
 * keeps at most its peak.  The heap then grows 64 MiB at a time, and its
 * first 256 MiB are taken and given back at once, advised as huge pages:
 * virtual memory only until touched, and what the plans, the runs and the
 * analysis put there faults in 2 MiB pages.  A setting the user gave in
 * GLIBC_TUNABLES wins over ours, one by one: leaving them all to glibc
 * whenever any malloc tunable was set made a float run of pdr0013 24 times
 * slower on a virtual machine whose page faults cost tens of microseconds
 * (every large tensor a fresh mmap() again).  glibc.malloc.hugetlb
 * (which advises from start-up) turns our advice off. */
void
qs_tensor_tune_malloc (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD)
      const char *tunables = g_getenv ("GLIBC_TUNABLES");

      if (!user_tunable (tunables, "mmap_threshold"))
        mallopt (M_MMAP_THRESHOLD, 512 << 20);
      if (!user_tunable (tunables, "trim_threshold"))
        mallopt (M_TRIM_THRESHOLD, 1 << 30);
      if (!user_tunable (tunables, "hugetlb") && !user_tunable (tunables, "top_pad"))
        {
#if defined(__linux__) && defined(MADV_HUGEPAGE) && defined(M_TOP_PAD)
          {
            /* MALLOC_PERTURB_ (the tests) would fill the reserve twice */
            const char *perturb = g_getenv ("MALLOC_PERTURB_");
            gpointer reserve;

            mallopt (M_TOP_PAD, 64 << 20);
            advise_heap_growth ();
            if (perturb != NULL)
              mallopt (M_PERTURB, 0);
            reserve = malloc (HEAP_RESERVE);
            if (reserve != NULL)
              {
                advise_heap_growth ();
                free (reserve);
              }
            if (perturb != NULL)
              mallopt (M_PERTURB, atoi (perturb));
          }
#endif
        }
#endif
      g_once_init_leave (&done, 1);
    }
}

/* Charges @bytes (of @elements elements) to the current budget and
 * allocates them, zeroed if asked; NULL with last_failure set. */
static gpointer
budget_alloc (gsize      bytes,
              guint64    elements,
              gboolean   zero,
              QsBudget **charged_to)
{
  QsBudget *b = current_budget;
  gpointer mem;

  qs_tensor_tune_malloc ();
  last_failure.bytes = bytes;
  last_failure.elements = elements;
  *charged_to = NULL;
  if (b != NULL && elements > b->max_elements)
    {
      last_failure.kind = FAIL_ELEMENTS;
      last_failure.max_elements = b->max_elements;
      return NULL;
    }
  if (b != NULL && !budget_charge (b, bytes))
    return NULL;
  if (bytes >= 2 * HUGE_PAGE)
    {
      /* advised before anything touches it */
      mem = g_try_malloc (bytes);
      if (mem != NULL)
        {
          advise_huge (mem, bytes);
          if (zero)
            memset (mem, 0, bytes);
        }
    }
  else
    mem = zero ? g_try_malloc0 (bytes) : g_try_malloc (bytes);
  advise_heap_growth ();
  if (mem == NULL)
    {
      if (b != NULL)
        budget_release (b, bytes);
      last_failure.kind = FAIL_OOM;
      return NULL;
    }
  if (b != NULL)
    *charged_to = qs_budget_ref (b);
  thread_alloc_bytes += bytes;
  return mem;
}

guint64
qs_tensor_thread_alloc_bytes (void)
{
  return thread_alloc_bytes;
}

typedef struct
{
  QsBudget *budget;
  gsize     bytes;
} ScratchHeader;

/* the payload starts 32 bytes in, which keeps it aligned for any kernel */
G_STATIC_ASSERT (sizeof (ScratchHeader) <= 32);

gpointer
qs_budget_alloc_scratch (gsize n,
                         gsize size)
{
  ScratchHeader *h;
  QsBudget *b;
  gsize bytes;
  const gsize head = 32;

  note_shape (-1, NULL);
  if (size != 0 && n > (G_MAXSIZE / 4 - head) / size)
    {
      last_failure.kind = FAIL_OVERFLOW;
      return NULL;
    }
  bytes = MAX (n * size, 1);
  h = budget_alloc (bytes + head, 0, FALSE, &b);
  if (h == NULL)
    return NULL;
  h->budget = b;
  h->bytes = bytes + head;
  return (guint8 *) h + head;
}

void
qs_budget_free_scratch (gpointer mem)
{
  ScratchHeader *h;

  if (mem == NULL)
    return;
  h = (ScratchHeader *) ((guint8 *) mem - 32);
  if (h->budget != NULL)
    {
      budget_release (h->budget, h->bytes);
      qs_budget_unref (h->budget);
    }
  g_free (h);
}

/* g_format_size() puts a no-break space before the unit; messages go to
 * terminals and logs, where a plain one reads and greps better. */
static char *
format_size (guint64 bytes)
{
  g_autofree char *text = g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
  g_auto(GStrv) parts = g_strsplit (text, "\u00a0", -1);

  return g_strjoinv (" ", parts);
}

gboolean
qs_tensor_alloc_error_is_limit (void)
{
  return last_failure.kind == FAIL_LIMIT || last_failure.kind == FAIL_ELEMENTS || last_failure.kind == FAIL_OOM;
}

char *
qs_tensor_alloc_error (const char *what)
{
  g_autoptr(GString) s = g_string_new (what);
  g_autofree char *size = format_size (last_failure.bytes);
  int i;

  if (last_failure.rank >= 0)
    {
      g_string_append (s, " [");
      for (i = 0; i < last_failure.rank; i++)
        g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", last_failure.dims[i]);
      g_string_append_c (s, ']');
    }
  switch (last_failure.kind)
    {
    case FAIL_NEGATIVE:
      g_string_append (s, " has a negative dimension or too many dimensions");
      break;
    case FAIL_OVERFLOW:
      g_string_append (s, " is too large: its size overflows");
      break;
    case FAIL_ELEMENTS:
      g_string_append_printf (s, " has %" G_GUINT64_FORMAT " elements; a tensor may have at most %" G_GUINT64_FORMAT,
                              last_failure.elements, last_failure.max_elements);
      break;
    case FAIL_LIMIT:
      {
        g_autofree char *limit = format_size (last_failure.limit);
        g_autofree char *used = format_size (last_failure.used);

        g_string_append_printf (s, " needs %s; the run's limit is %s (--max-memory)", size, limit);
        if (last_failure.used > 0)
          g_string_append_printf (s, " and %s of it is in use", used);
      }
      break;
    case FAIL_OOM:
      g_string_append_printf (s, " needs %s, more memory than the system gave", size);
      break;
    case FAIL_NONE:
    default:
      g_string_append (s, " could not be allocated");
      break;
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* ---- tensors ---- */

static gboolean
count_elements (int           rank,
                const gint64 *dims,
                gsize        *n)
{
  guint64 total = 1;
  gboolean overflow = FALSE;
  int i;

  if (rank < 0 || rank > QS_TENSOR_MAX_RANK)
    {
      last_failure.kind = FAIL_NEGATIVE;
      return FALSE;
    }
  for (i = 0; i < rank; i++)
    {
      if (dims[i] < 0)
        {
          last_failure.kind = FAIL_NEGATIVE;
          return FALSE;
        }
      if (dims[i] > 0 && total > (G_MAXSIZE / 16) / (guint64) dims[i])
        overflow = TRUE;
      else
        total *= (guint64) dims[i];
    }
  /* a zero dimension makes any size fine */
  for (i = 0; overflow && i < rank; i++)
    if (dims[i] == 0)
      {
        total = 0;
        overflow = FALSE;
      }
  if (overflow)
    {
      last_failure.kind = FAIL_OVERFLOW;
      return FALSE;
    }
  *n = total;
  return TRUE;
}

static QsTensor *
tensor_new (QsElementType  type,
            int            rank,
            const gint64  *dims,
            gboolean       zero)
{
  QsTensor *t;
  QsBudget *charged_to;
  gpointer data;
  gsize n, bytes;

  note_shape (rank, dims);
  if (!qs_tensor_type_supported (type))
    {
      last_failure.kind = FAIL_NONE;
      return NULL;
    }
  if (!count_elements (rank, dims, &n))
    return NULL;

  /* never NULL, even for empty tensors, so that kernels need no special case */
  bytes = MAX (n, 1) * qs_tensor_type_size (type);
  data = budget_alloc (bytes, n, zero, &charged_to);
  if (data == NULL)
    return NULL;

  t = g_new0 (QsTensor, 1);
  t->ref_count = 1;
  t->type = type;
  t->rank = rank;
  if (rank > 0)
    memcpy (t->dims, dims, sizeof (gint64) * rank);
  t->n_elements = n;
  t->data = data;
  t->budget = charged_to;
  t->charged = bytes;
  return t;
}

QsTensor *
qs_tensor_new (QsElementType  type,
               int            rank,
               const gint64  *dims)
{
  return tensor_new (type, rank, dims, TRUE);
}

QsTensor *
qs_tensor_new_uninit (QsElementType  type,
                      int            rank,
                      const gint64  *dims)
{
  return tensor_new (type, rank, dims, FALSE);
}

QsTensor *
qs_tensor_new_f32 (int           rank,
                   const gint64 *dims)
{
  return qs_tensor_new (QS_ELEMENT_F32, rank, dims);
}

QsTensor *
qs_tensor_new_like (const QsTensor *like,
                    QsElementType   type)
{
  return qs_tensor_new (type, like->rank, like->dims);
}

QsTensor *
qs_tensor_new_scalar_f32 (float value)
{
  QsTensor *t = qs_tensor_new_f32 (0, NULL);

  if (t != NULL)
    qs_tensor_f32 (t)[0] = value;
  return t;
}

QsTensor *
qs_tensor_new_vector_i64 (gsize         n,
                          const gint64 *values)
{
  gint64 dim = n;
  QsTensor *t = qs_tensor_new (QS_ELEMENT_I64, 1, &dim);

  if (t != NULL && n > 0)
    memcpy (t->data, values, n * sizeof (gint64));
  return t;
}

QsTensor *
qs_tensor_ref (QsTensor *tensor)
{
  g_return_val_if_fail (tensor != NULL, NULL);
  g_atomic_int_inc (&tensor->ref_count);
  return tensor;
}

void
qs_tensor_unref (QsTensor *tensor)
{
  if (tensor == NULL)
    return;
  if (!g_atomic_int_dec_and_test (&tensor->ref_count))
    return;
  if (tensor->base != NULL)
    qs_tensor_unref (tensor->base);
  else
    g_free (tensor->data);
  if (tensor->budget != NULL)
    {
      budget_release (tensor->budget, tensor->charged);
      qs_budget_unref (tensor->budget);
    }
  g_free (tensor);
}

QsTensor *
qs_tensor_view (QsTensor     *tensor,
                int           rank,
                const gint64 *dims)
{
  QsTensor *t;
  gsize n;

  if (!count_elements (rank, dims, &n) || n != tensor->n_elements)
    return NULL;
  t = g_new0 (QsTensor, 1);
  t->ref_count = 1;
  t->type = tensor->type;
  t->rank = rank;
  if (rank > 0)
    memcpy (t->dims, dims, sizeof (gint64) * rank);
  t->n_elements = n;
  t->data = tensor->data;
  t->base = qs_tensor_ref (tensor->base != NULL ? tensor->base : tensor);
  return t;
}

void
qs_tensor_init_borrowed (QsTensor      *view,
                         QsElementType  type,
                         int            rank,
                         const gint64  *dims,
                         gpointer       data)
{
  int d;

  g_return_if_fail (rank >= 0 && rank <= QS_TENSOR_MAX_RANK);
  memset (view, 0, sizeof *view);
  view->ref_count = 1;
  view->type = type;
  view->rank = rank;
  view->n_elements = 1;
  for (d = 0; d < rank; d++)
    {
      view->dims[d] = dims[d];
      view->n_elements *= (gsize) dims[d];
    }
  view->data = data;
}

QsTensor *
qs_tensor_copy (const QsTensor *tensor)
{
  QsTensor *t = qs_tensor_new_uninit (tensor->type, tensor->rank, tensor->dims);

  if (t != NULL)
    memcpy (t->data, tensor->data, tensor->n_elements * qs_tensor_type_size (tensor->type));
  return t;
}

double
qs_tensor_get_f64 (const QsTensor *t,
                   gsize           i)
{
  switch (t->type)
    {
    case QS_ELEMENT_F32: return ((const float *) t->data)[i];
    case QS_ELEMENT_I32: return ((const gint32 *) t->data)[i];
    case QS_ELEMENT_I64: return (double) ((const gint64 *) t->data)[i];
    case QS_ELEMENT_U8:
    case QS_ELEMENT_BOOLEAN: return ((const guint8 *) t->data)[i];
    case QS_ELEMENT_I8: return ((const gint8 *) t->data)[i];
    default: return 0;
    }
}

static gint64
f64_to_i64 (double v)
{
  if (isnan (v))
    return 0;
  if (v >= 9.2233720368547758e18)
    return G_MAXINT64;
  if (v <= -9.2233720368547758e18)
    return G_MININT64;
  return (gint64) v;
}

gint64
qs_tensor_get_i64 (const QsTensor *t,
                   gsize           i)
{
  switch (t->type)
    {
    case QS_ELEMENT_F32: return f64_to_i64 (((const float *) t->data)[i]);
    case QS_ELEMENT_I32: return ((const gint32 *) t->data)[i];
    case QS_ELEMENT_I64: return ((const gint64 *) t->data)[i];
    case QS_ELEMENT_U8:
    case QS_ELEMENT_BOOLEAN: return ((const guint8 *) t->data)[i];
    case QS_ELEMENT_I8: return ((const gint8 *) t->data)[i];
    default: return 0;
    }
}

/* float -> integer: saturate, then truncate toward zero (fakequantize.md §4) */
static gint64
saturate (double v,
          double lo,
          double hi)
{
  if (isnan (v))
    return 0;
  if (v < lo)
    v = lo;
  if (v > hi)
    v = hi;
  return (gint64) trunc (v);
}

void
qs_tensor_set_f64 (QsTensor *t,
                   gsize     i,
                   double    v)
{
  switch (t->type)
    {
    case QS_ELEMENT_F32: ((float *) t->data)[i] = (float) v; break;
    case QS_ELEMENT_I32: ((gint32 *) t->data)[i] = (gint32) saturate (v, G_MININT32, G_MAXINT32); break;
    case QS_ELEMENT_I64: ((gint64 *) t->data)[i] = f64_to_i64 (trunc (v)); break;
    case QS_ELEMENT_U8: ((guint8 *) t->data)[i] = (guint8) saturate (v, 0, 255); break;
    case QS_ELEMENT_I8: ((gint8 *) t->data)[i] = (gint8) saturate (v, -128, 127); break;
    case QS_ELEMENT_BOOLEAN: ((guint8 *) t->data)[i] = v != 0; break;
    default: break;
    }
}

void
qs_tensor_set_i64 (QsTensor *t,
                   gsize     i,
                   gint64    v)
{
  switch (t->type)
    {
    case QS_ELEMENT_F32: ((float *) t->data)[i] = (float) v; break;
    /* integer -> integer wraps, as a C++ static_cast does */
    case QS_ELEMENT_I32: ((gint32 *) t->data)[i] = (gint32) v; break;
    case QS_ELEMENT_I64: ((gint64 *) t->data)[i] = v; break;
    case QS_ELEMENT_U8: ((guint8 *) t->data)[i] = (guint8) v; break;
    case QS_ELEMENT_I8: ((gint8 *) t->data)[i] = (gint8) v; break;
    case QS_ELEMENT_BOOLEAN: ((guint8 *) t->data)[i] = v != 0; break;
    default: break;
    }
}

/* Integer (and boolean) @src into @dst of another type: the values
 * qs_tensor_set_i64 (dst, i, qs_tensor_get_i64 (src, i)) gives, in one
 * typed loop per pair instead of two switches per element (weights stored
 * as i8 or u8 are converted to f32 on every run).  FALSE for a pair it does
 * not handle. */
#define CONVERT_FROM(ST)                                                                  \
  G_STMT_START {                                                                          \
    const ST *s = src->data;                                                              \
    switch (dst->type)                                                                    \
      {                                                                                   \
      case QS_ELEMENT_F32: for (i = 0; i < n; i++) ((float *) dst->data)[i] = (float) s[i]; break; \
      case QS_ELEMENT_I32: for (i = 0; i < n; i++) ((gint32 *) dst->data)[i] = (gint32) (gint64) s[i]; break; \
      case QS_ELEMENT_I64: for (i = 0; i < n; i++) ((gint64 *) dst->data)[i] = (gint64) s[i]; break; \
      case QS_ELEMENT_U8: for (i = 0; i < n; i++) ((guint8 *) dst->data)[i] = (guint8) (gint64) s[i]; break; \
      case QS_ELEMENT_I8: for (i = 0; i < n; i++) ((gint8 *) dst->data)[i] = (gint8) (gint64) s[i]; break; \
      case QS_ELEMENT_BOOLEAN: for (i = 0; i < n; i++) ((guint8 *) dst->data)[i] = s[i] != 0; break; \
      default: return FALSE;                                                              \
      }                                                                                   \
  } G_STMT_END

/* the same cast from an integer of any width (the value is exact), so that
 * GCC vectorises the loops (it does not at -O2's cost model) */
static gboolean __attribute__ ((optimize ("tree-vectorize", "vect-cost-model=dynamic")))
convert_integers (const QsTensor *src,
                  QsTensor       *dst)
{
  gsize i, n = src->n_elements;

  switch (src->type)
    {
    case QS_ELEMENT_I8: CONVERT_FROM (gint8); return TRUE;
    case QS_ELEMENT_U8:
    case QS_ELEMENT_BOOLEAN: CONVERT_FROM (guint8); return TRUE;
    case QS_ELEMENT_I32: CONVERT_FROM (gint32); return TRUE;
    case QS_ELEMENT_I64: CONVERT_FROM (gint64); return TRUE;
    default: return FALSE;
    }
}

#undef CONVERT_FROM

QsTensor *
qs_tensor_convert (const QsTensor *tensor,
                   QsElementType   type)
{
  QsTensor *t;
  gsize i;

  if (type == tensor->type)
    return qs_tensor_copy (tensor);
  t = qs_tensor_new_uninit (type, tensor->rank, tensor->dims);
  if (t == NULL)
    return NULL;
  if (tensor->type == QS_ELEMENT_F32)
    {
      const float *src = tensor->data;
      for (i = 0; i < tensor->n_elements; i++)
        qs_tensor_set_f64 (t, i, src[i]);
    }
  else if (tensor->type == QS_ELEMENT_I32 && (type == QS_ELEMENT_U8 || type == QS_ELEMENT_I8))
    {
      /* codes between the int8 check and the run: the same wrapping casts
       * as qs_tensor_set_i64, without a switch per element */
      const gint32 *src = tensor->data;

      if (type == QS_ELEMENT_U8)
        for (i = 0; i < tensor->n_elements; i++)
          ((guint8 *) t->data)[i] = (guint8) src[i];
      else
        for (i = 0; i < tensor->n_elements; i++)
          ((gint8 *) t->data)[i] = (gint8) src[i];
    }
  else if (!convert_integers (tensor, t))
    {
      for (i = 0; i < tensor->n_elements; i++)
        qs_tensor_set_i64 (t, i, qs_tensor_get_i64 (tensor, i));
    }
  return t;
}

float *
qs_tensor_dup_f32 (const QsTensor *tensor)
{
  float *out = g_try_new (float, MAX (tensor->n_elements, 1));
  gsize i;

  if (out == NULL)
    return NULL;
  if (tensor->type == QS_ELEMENT_F32)
    memcpy (out, tensor->data, tensor->n_elements * sizeof (float));
  else
    for (i = 0; i < tensor->n_elements; i++)
      out[i] = (float) qs_tensor_get_f64 (tensor, i);
  return out;
}

gint64 *
qs_tensor_dup_i64 (const QsTensor *tensor)
{
  gint64 *out = g_try_new (gint64, MAX (tensor->n_elements, 1));
  gsize i;

  if (out == NULL)
    return NULL;
  for (i = 0; i < tensor->n_elements; i++)
    out[i] = qs_tensor_get_i64 (tensor, i);
  return out;
}

gboolean
qs_tensor_is_float (const QsTensor *tensor)
{
  return tensor->type == QS_ELEMENT_F32;
}

gboolean
qs_tensor_same_shape (const QsTensor *a,
                      const QsTensor *b)
{
  return a->rank == b->rank && memcmp (a->dims, b->dims, sizeof (gint64) * a->rank) == 0;
}

char *
qs_tensor_shape_to_string (const QsTensor *tensor)
{
  GString *s = g_string_new ("[");
  int i;

  for (i = 0; i < tensor->rank; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", tensor->dims[i]);
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}
