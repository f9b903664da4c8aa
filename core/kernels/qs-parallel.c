/* qs-parallel.c — the kernels' persistent thread pool
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A convolution is split into tens of tasks and run thousands of times per
 * model, so threads are started once and woken per call; the caller works
 * too.  Indices are handed out through one atomic counter, which balances
 * uneven tasks without a queue.  Only one qs_parallel_for() uses the pool at
 * a time: a call from inside a task, or from a second thread while the pool
 * is busy, runs serially on its own thread instead of waiting.
 */
#include "config.h"

#include <time.h>

#include "qs-kernels-private.h"

typedef struct
{
  GMutex         lock;
  GCond          wake;          /* workers wait here for a new generation */
  GCond          done;          /* the caller waits here for the workers */
  GThread      **threads;
  guint          n_workers;     /* threads besides the caller */
  guint          generation;
  gboolean       quit;

  /* the job of the current generation */
  QsParallelFunc func;
  gpointer       data;
  gsize          n;
  gsize          next;          /* atomic */
  guint          running;       /* workers still inside the job */
} Pool;

static Pool pool;
static GMutex pool_busy;        /* held by the one caller using the pool */
static guint wanted_threads;    /* 0 = one per core */
static gboolean pool_started;
static GPrivate in_task;        /* non-NULL inside a task */

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

  g_mutex_lock (&pool.lock);
  for (;;)
    {
      while (!pool.quit && pool.generation == seen)
        g_cond_wait (&pool.wake, &pool.lock);
      if (pool.quit)
        break;
      seen = pool.generation;
      g_mutex_unlock (&pool.lock);

      run_share (pool.func, pool.data, pool.n);

      g_mutex_lock (&pool.lock);
      if (--pool.running == 0)
        g_cond_signal (&pool.done);
    }
  g_mutex_unlock (&pool.lock);
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
  pool.quit = TRUE;
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

  g_mutex_lock (&pool.lock);
  pool.func = func;
  pool.data = data;
  pool.n = n;
  __atomic_store_n (&pool.next, 0, __ATOMIC_RELAXED);
  pool.running = pool.n_workers;
  pool.generation++;
  g_cond_broadcast (&pool.wake);
  g_mutex_unlock (&pool.lock);

  run_share (func, data, n);

  g_mutex_lock (&pool.lock);
  while (pool.running > 0)
    g_cond_wait (&pool.done, &pool.lock);
  g_mutex_unlock (&pool.lock);

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

static gint64
clock_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

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
