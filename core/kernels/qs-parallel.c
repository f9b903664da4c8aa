/* qs-parallel.c — the kernels' persistent thread pool
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A convolution is split into a few large tasks and run thousands of times
 * per model, so threads are started once and woken per call; the caller
 * works too.  Indices are handed out through one atomic counter, which
 * balances uneven tasks (and a thread that another process delays) without
 * a queue.  Only one qs_parallel_for() uses the pool at a time: a call from
 * inside a task, or from a second thread while the pool is busy, runs
 * serially on its own thread instead of waiting.
 *
 * A convolution makes two or three calls in a row and a model one per layer
 * every few microseconds, so a futex wake-up per call (tens of microseconds
 * when the scheduler has to find the thread a core) cost more than small
 * layers take.  Workers therefore spin on the generation counter for a short
 * while (SPIN_NS) after each job before they sleep, and the caller spins
 * likewise before it sleeps on the workers; the mutex and the condition
 * variables are only touched when someone really sleeps.
 */
#include "config.h"

#include <time.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "qs-kernels-private.h"

#define SPIN_NS 100000     /* 0.1 ms: longer than the gap between a model's layers */

typedef struct
{
  GMutex         lock;
  GCond          wake;          /* workers wait here for a new generation */
  GCond          done;          /* the caller waits here for the workers */
  GThread      **threads;
  guint          n_workers;     /* threads besides the caller */
  guint          generation;    /* atomic; written under lock */
  guint          sleepers;      /* workers inside g_cond_wait (wake), under lock */
  gboolean       caller_sleeps; /* the caller is inside g_cond_wait (done), under lock */
  gboolean       quit;          /* atomic; written under lock */

  /* the job of the current generation */
  QsParallelFunc func;
  gpointer       data;
  gsize          n;
  gsize          next;          /* atomic */
  guint          running;       /* atomic: workers still inside the job */
} Pool;

static Pool pool;
static GMutex pool_busy;        /* held by the one caller using the pool */
static guint wanted_threads;    /* 0 = one per core */
static gboolean pool_started;
static GPrivate in_task;        /* non-NULL inside a task */

static gint64
clock_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static inline void
cpu_relax (void)
{
#ifdef __SSE2__
  _mm_pause ();
#endif
}

/* Spins until *word differs from @old (or, with want_zero, is 0) or
 * SPIN_NS pass; returns whether the condition came true. */
static gboolean
spin_until (const guint *word,
            guint        old,
            gboolean     want_zero)
{
  gint64 deadline = 0;

  for (guint i = 0; ; i++)
    {
      guint v = __atomic_load_n (word, __ATOMIC_ACQUIRE);

      if (want_zero ? v == 0 : v != old)
        return TRUE;
      if (__atomic_load_n (&pool.quit, __ATOMIC_RELAXED))
        return FALSE;
      if ((i & 255) == 255)
        {
          gint64 now = clock_ns ();

          if (deadline == 0)
            deadline = now + SPIN_NS;
          else if (now > deadline)
            return FALSE;
        }
      cpu_relax ();
    }
}

static void
run_share (QsParallelFunc func,
           gpointer       data,
           gsize          n)
{
  gsize i;

  g_private_set (&in_task, GINT_TO_POINTER (1));
  while ((i = __atomic_fetch_add (&pool.next, 1, __ATOMIC_RELAXED)) < n)
    func (i, data);
  g_private_set (&in_task, NULL);
}

static gpointer
worker_main (gpointer user_data)
{
  guint seen = 0;

  for (;;)
    {
      if (!spin_until (&pool.generation, seen, FALSE))
        {
          g_mutex_lock (&pool.lock);
          while (!pool.quit && __atomic_load_n (&pool.generation, __ATOMIC_ACQUIRE) == seen)
            {
              pool.sleepers++;
              g_cond_wait (&pool.wake, &pool.lock);
              pool.sleepers--;
            }
          g_mutex_unlock (&pool.lock);
        }
      if (__atomic_load_n (&pool.quit, __ATOMIC_ACQUIRE))
        break;
      seen = __atomic_load_n (&pool.generation, __ATOMIC_ACQUIRE);

      run_share (pool.func, pool.data, pool.n);

      if (__atomic_sub_fetch (&pool.running, 1, __ATOMIC_ACQ_REL) == 0)
        {
          g_mutex_lock (&pool.lock);
          if (pool.caller_sleeps)
            g_cond_signal (&pool.done);
          g_mutex_unlock (&pool.lock);
        }
    }
  return NULL;
}

static guint
threads_for (guint wanted)
{
  return wanted ? wanted : MAX (1, g_get_num_processors ());
}

/* Called with pool_busy held. */
static void
pool_start (void)
{
  guint n = threads_for (wanted_threads);

  pool.n_workers = n - 1;
  pool.quit = FALSE;
  pool.threads = g_new0 (GThread *, MAX (1, pool.n_workers));
  for (guint i = 0; i < pool.n_workers; i++)
    {
      g_autofree char *name = g_strdup_printf ("qs-kernels-%u", i);
      pool.threads[i] = g_thread_new (name, worker_main, NULL);
    }
  pool_started = TRUE;
}

/* Called with pool_busy held. */
static void
pool_stop (void)
{
  if (!pool_started)
    return;
  g_mutex_lock (&pool.lock);
  __atomic_store_n (&pool.quit, TRUE, __ATOMIC_RELEASE);
  g_cond_broadcast (&pool.wake);
  g_mutex_unlock (&pool.lock);
  for (guint i = 0; i < pool.n_workers; i++)
    g_thread_join (pool.threads[i]);
  g_clear_pointer (&pool.threads, g_free);
  pool.n_workers = 0;
  pool_started = FALSE;
}

void
qs_parallel_for (gsize          n,
                 QsParallelFunc func,
                 gpointer       data)
{
  if (n == 0)
    return;

  if (n == 1 || g_private_get (&in_task) != NULL || !g_mutex_trylock (&pool_busy))
    {
      for (gsize i = 0; i < n; i++)
        func (i, data);
      return;
    }

  if (!pool_started)
    pool_start ();

  if (pool.n_workers == 0)
    {
      g_mutex_unlock (&pool_busy);
      for (gsize i = 0; i < n; i++)
        func (i, data);
      return;
    }

  /* Every worker has finished the previous job (running reached 0), so
   * the job fields are free; the generation's release store publishes
   * them to spinning workers, the lock to sleeping ones. */
  pool.func = func;
  pool.data = data;
  pool.n = n;
  __atomic_store_n (&pool.next, 0, __ATOMIC_RELAXED);
  __atomic_store_n (&pool.running, pool.n_workers, __ATOMIC_RELAXED);
  g_mutex_lock (&pool.lock);
  __atomic_add_fetch (&pool.generation, 1, __ATOMIC_RELEASE);
  if (pool.sleepers > 0)
    g_cond_broadcast (&pool.wake);
  g_mutex_unlock (&pool.lock);

  run_share (func, data, n);

  if (!spin_until (&pool.running, 0, TRUE))
    {
      g_mutex_lock (&pool.lock);
      pool.caller_sleeps = TRUE;
      while (__atomic_load_n (&pool.running, __ATOMIC_ACQUIRE) > 0)
        g_cond_wait (&pool.done, &pool.lock);
      pool.caller_sleeps = FALSE;
      g_mutex_unlock (&pool.lock);
    }

  g_mutex_unlock (&pool_busy);
}

void
qs_parallel_set_threads (guint n_threads)
{
  g_mutex_lock (&pool_busy);
  if (threads_for (n_threads) != threads_for (wanted_threads) || !pool_started)
    {
      pool_stop ();
      wanted_threads = n_threads;
    }
  g_mutex_unlock (&pool_busy);
}

guint
qs_parallel_get_threads (void)
{
  return threads_for (wanted_threads);
}

/* ---- time accounting (qs_kernels_thread_ns) ---- */

static __thread guint64 kernel_ns;
static __thread guint   kernel_depth;

QsKernelTimer
_qs_kernel_timer_start (void)
{
  QsKernelTimer timer = { kernel_depth++ == 0 ? clock_ns () : 0 };

  return timer;
}

void
_qs_kernel_timer_stop (QsKernelTimer *timer)
{
  kernel_depth--;
  if (timer->start != 0)
    kernel_ns += (guint64) (clock_ns () - timer->start);
}

guint64
qs_kernels_thread_ns (void)
{
  return kernel_ns;
}
