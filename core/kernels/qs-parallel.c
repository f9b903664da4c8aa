/* qs-parallel.c — the kernels' persistent thread pool
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A convolution is split into a few large tasks and run thousands of times
 * per model, so threads are started once and woken per call; the caller
 * works too.  Of n indices, thread k of T owns the contiguous range
 * [ceil (k n / T), ceil ((k + 1) n / T)) (the longer ranges first: the
 * caller starts before the threads it wakes) and takes them in order
 * through the range's own atomic counter, so it works on one contiguous
 * block of the caller's output; when its range is done it takes what is
 * left of the others' ranges through their counters.  That keeps the locality of a static split
 * and still balances uneven tasks, or a thread that another process holds
 * off its core, without a queue.  Only one qs_parallel_for() uses the pool
 * at a time: a call from inside a task, or from a second thread while the
 * pool is busy, runs serially on its own thread instead of waiting.
 *
 * Waking a sleeping thread (a futex) takes 6-10 us on the 2-core machine
 * these kernels are measured on, a good part of a small layer, and a model
 * run makes hundreds of pool calls with a few serial microseconds between
 * them.  Two things keep that off the caller's path:
 *
 * - A worker joins a job (counts itself in `active`, then checks that the
 *   job is still open); the caller, once every range is drained, closes the
 *   job and waits only for the workers that joined.  A worker that is
 *   asleep, still waking or held off its core by another process costs the
 *   caller nothing but the wake call: the caller takes its range.
 * - While a model run is in progress (qs_parallel_run_begin() ... _end(),
 *   which the executor calls), workers wait for the next job spinning for
 *   up to RUN_SPIN_NS, the first PAUSE_SPIN_NS with the pause instruction and
 *   then yielding the core between looks, and sleep after that or as soon
 *   as the run ends.  A spinner that finds it was held off its core (two
 *   looks at the clock more than PREEMPTED_NS apart: the cores are taken by
 *   other work) stops all run spinning for BACKOFF_NS, so on a loaded
 *   machine the workers sleep as before.  Spinning after every job outside
 *   a run was tried and
 *   lost on a machine shared with other work (a pool round trip's median
 *   went from 11 to 120 us with a 50 us spin under a load average of 8,
 *   when the caller still waited for every worker).  A job started with
 *   _qs_parallel_for_more() says that another follows at once, so the
 *   workers spin for it (FOLLOW_SPIN_NS) even outside a run.
 * - The caller, its range done, spins (up to CALLER_SPIN_NS) for the
 *   workers that joined, in a run or not: they are at work on their last
 *   piece, so the wait is short, and sleeping through it made the worker's
 *   end a futex wake-up and the caller's return a wake-up latency (on this
 *   VM about as long as a small convolution's second half).  Not while
 *   run spinning is backed off.
 *
 * QS_POOL_SPIN_US (microseconds) makes the workers spin that long after
 * every job and the caller as long for the workers, for a machine whose
 * cores are free; QS_POOL_RUN_SPIN_US sets the bound inside a run (0: sleep
 * at once).
 */
#include "config.h"

#include <time.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "qs-kernels-private.h"

#define FOLLOW_SPIN_NS 50000   /* a worker's wait for the job that follows */
#define RUN_SPIN_NS    200000  /* a worker's wait for the next job of a run */
#define PAUSE_SPIN_NS  20000   /* of which spent with pause, not yielding */
#define CALLER_SPIN_NS 50000   /* the caller's wait for joined workers */
#define PREEMPTED_NS   100000  /* a gap between two looks at the clock: held off the core */
#define BACKOFF_NS     50000000 /* how long run spinning stops after that */

typedef struct
{
  GMutex         lock;
  GCond          wake;          /* workers wait here for a new generation */
  GCond          done;          /* the caller waits here for the workers */
  GThread      **threads;
  guint          n_workers;     /* threads besides the caller */
  guint          generation;    /* atomic; written under lock */
  guint          start_generation; /* the generation when the workers were started */
  guint          sleepers;      /* workers inside g_cond_wait (wake), under lock */
  gboolean       caller_sleeps; /* the caller is inside g_cond_wait (done), under lock */
  gboolean       quit;          /* atomic; written under lock */
  gboolean       more;          /* another job follows this one at once */

  /* the job of the current generation */
  QsParallelFunc func;
  gpointer       data;
  gsize          n;
  guint          open;          /* atomic: workers may still join the job */
  guint          active;        /* atomic: workers that joined and are not done */
} Pool;

#define MAX_POOL_THREADS 256

/* one thread's range of the current job, on its own cache line */
typedef struct
{
  gsize next;                   /* atomic */
  gsize end;
} __attribute__ ((aligned (64))) Range;

static Range ranges[MAX_POOL_THREADS];

static Pool pool;
static GMutex pool_busy;        /* held by the one caller using the pool */
static guint wanted_threads;    /* 0 = one per core */
static gboolean pool_started;
static GPrivate in_task;        /* non-NULL inside a task */
static gint runs_in_progress;   /* atomic: qs_parallel_run_begin() minus _end() */

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

static gint64
env_us (const char *name,
        gint64      fallback_ns)
{
  const char *env = g_getenv (name);

  return env != NULL ? MAX (0, atoi (env)) * (gint64) 1000 : fallback_ns;
}

static gint64
user_spin_ns (void)
{
  static gint64 ns = -1;

  if (ns < 0)
    ns = env_us ("QS_POOL_SPIN_US", 0);
  return ns;
}

static gint64
run_spin_ns (void)
{
  static gint64 ns = -1;

  if (ns < 0)
    ns = env_us ("QS_POOL_RUN_SPIN_US", RUN_SPIN_NS);
  return ns;
}

/* Until this time (clock_ns) nobody spins inside a run: a spinning
 * thread found itself held off its core, so the cores are taken. */
static gint64 spin_backoff_until;   /* atomic */

static inline gboolean
in_run (void)
{
  return __atomic_load_n (&runs_in_progress, __ATOMIC_RELAXED) > 0;
}

/* Whether no spinner was held off its core in the last BACKOFF_NS. */
static gboolean
caller_spin_allowed (void)
{
  return clock_ns () >= __atomic_load_n (&spin_backoff_until, __ATOMIC_RELAXED);
}

/* Whether run spinning pays now: inside a run, and the cores are free. */
static gboolean
run_spin_allowed (void)
{
  return in_run () && caller_spin_allowed ();
}

/* Spins until *word differs from @old (or, with want_zero, is 0) or
 * @max_ns pass; past @pause_ns it yields the core between looks.  With
 * @while_run it also gives up when no run is in progress any more, and
 * when it finds it was held off its core (two looks at the clock more
 * than PREEMPTED_NS apart), which also stops run spinning for BACKOFF_NS.
 * Returns whether the condition came true. */
static gboolean
spin_until (const guint *word,
            guint        old,
            gboolean     want_zero,
            gint64       max_ns,
            gint64       pause_ns,
            gboolean     while_run)
{
  gint64 start = 0, now = 0;

  if (max_ns <= 0)
    return FALSE;
  for (guint i = 0; ; i++)
    {
      guint v = __atomic_load_n (word, __ATOMIC_ACQUIRE);

      if (want_zero ? v == 0 : v != old)
        return TRUE;
      if (__atomic_load_n (&pool.quit, __ATOMIC_RELAXED))
        return FALSE;
      if ((i & 63) == 63 || (start != 0 && now - start > pause_ns))
        {
          gint64 last = now;

          now = clock_ns ();
          if (start == 0)
            start = now;
          else if (now - start > max_ns)
            return FALSE;
          if (while_run && !in_run ())
            return FALSE;
          if (while_run && last != 0 && now - last > PREEMPTED_NS)
            {
              __atomic_store_n (&spin_backoff_until, now + BACKOFF_NS, __ATOMIC_RELAXED);
              return FALSE;
            }
        }
      if (start != 0 && now - start > pause_ns)
        g_thread_yield ();
      else
        cpu_relax ();
    }
}

static void
run_share (guint          self,
           QsParallelFunc func,
           gpointer       data)
{
  guint n_threads = pool.n_workers + 1;

  g_private_set (&in_task, GINT_TO_POINTER (1));
  for (guint j = 0; j < n_threads; j++)
    {
      Range *r = &ranges[(self + j) % n_threads];
      gsize i;

      while ((i = __atomic_fetch_add (&r->next, 1, __ATOMIC_RELAXED)) < r->end)
        func (i, data);
    }
  g_private_set (&in_task, NULL);
}

static gpointer
worker_main (gpointer user_data)
{
  guint self = GPOINTER_TO_UINT (user_data);
  /* Not 0: the generation counts on across restarts of the pool (a new
   * thread count), and a worker that took a later generation for a new
   * job ran the last job of the old pool again, with its stale data,
   * while the caller was setting up the next one.  Nor the generation
   * read here: the caller may already have started a job, which this
   * worker would then miss. */
  guint seen = pool.start_generation;
  gboolean more = FALSE;

  for (;;)
    {
      gboolean spun;

      if (more)
        spun = spin_until (&pool.generation, seen, FALSE,
                           MAX (FOLLOW_SPIN_NS, user_spin_ns ()), PAUSE_SPIN_NS, FALSE);
      else if (user_spin_ns () > 0)
        spun = spin_until (&pool.generation, seen, FALSE, user_spin_ns (), G_MAXINT64, FALSE);
      else
        spun = run_spin_allowed () && spin_until (&pool.generation, seen, FALSE,
                                                  run_spin_ns (), PAUSE_SPIN_NS, TRUE);
      if (!spun)
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

      /* Join, then look whether the job is still open: the caller closes
       * it before it looks at `active`, so either it waits for us or we
       * see it closed (both sequentially consistent).  A job we join may
       * be a later one than the generation that woke us; it is the one
       * whose fields the caller published before opening it. */
      __atomic_add_fetch (&pool.active, 1, __ATOMIC_SEQ_CST);
      seen = __atomic_load_n (&pool.generation, __ATOMIC_ACQUIRE);
      more = FALSE;
      if (__atomic_load_n (&pool.open, __ATOMIC_SEQ_CST))
        {
          more = pool.more;
          run_share (self, pool.func, pool.data);
        }
      if (__atomic_sub_fetch (&pool.active, 1, __ATOMIC_SEQ_CST) == 0)
        {
          g_mutex_lock (&pool.lock);
          if (pool.caller_sleeps)
            g_cond_signal (&pool.done);
          g_mutex_unlock (&pool.lock);
        }
    }
  return NULL;
}

/* The processors the process may use, read once: g_get_num_processors()
 * reads the affinity mask (and sysfs) on every call, which a profile of
 * yolov8n found at 1-1.5 % when every product asked. */
static guint
n_processors (void)
{
  static gsize n = 0;

  if (g_once_init_enter (&n))
    g_once_init_leave (&n, MAX (1, g_get_num_processors ()));
  return (guint) n;
}

static guint
threads_for (guint wanted)
{
  return MIN (wanted ? wanted : n_processors (), MAX_POOL_THREADS);
}

/* Called with pool_busy held. */
static void
pool_start (void)
{
  guint n = MIN (threads_for (wanted_threads), MAX_POOL_THREADS);

  pool.n_workers = n - 1;
  pool.quit = FALSE;
  pool.start_generation = __atomic_load_n (&pool.generation, __ATOMIC_RELAXED);
  pool.threads = g_new0 (GThread *, MAX (1, pool.n_workers));
  for (guint i = 0; i < pool.n_workers; i++)
    {
      g_autofree char *name = g_strdup_printf ("qs-kernels-%u", i);
      pool.threads[i] = g_thread_new (name, worker_main, GUINT_TO_POINTER (i + 1));
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

static void
parallel_for (gsize          n,
              QsParallelFunc func,
              gpointer       data,
              gboolean       more)
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

  /* The previous job is closed and every worker that joined it has left,
   * so the job fields are free; opening the job (a release store) publishes
   * them to the workers that join it. */
  pool.func = func;
  pool.data = data;
  pool.n = n;
  pool.more = more;
  for (guint k = 0; k <= pool.n_workers; k++)
    {
      gsize t = pool.n_workers + 1;

      /* the longer ranges first: the caller's starts before the others' */
      ranges[k].end = ((k + 1) * n + t - 1) / t;
      __atomic_store_n (&ranges[k].next, (k * n + t - 1) / t, __ATOMIC_RELAXED);
    }
  __atomic_store_n (&pool.open, TRUE, __ATOMIC_SEQ_CST);
  g_mutex_lock (&pool.lock);
  __atomic_add_fetch (&pool.generation, 1, __ATOMIC_RELEASE);
  if (pool.sleepers > 0)
    g_cond_broadcast (&pool.wake);
  g_mutex_unlock (&pool.lock);

  run_share (0, func, data);

  /* Every range is drained: close the job and wait for the workers inside
   * it, not for the ones still on their way.  They are at work on their
   * last piece, so the caller spins for them, in a run or not (sleeping
   * would add a wake-up to every call), unless a spinner was lately held
   * off its core. */
  __atomic_store_n (&pool.open, FALSE, __ATOMIC_SEQ_CST);
  if (__atomic_load_n (&pool.active, __ATOMIC_SEQ_CST) > 0
      && !spin_until (&pool.active, 0, TRUE,
                      MAX (user_spin_ns (), caller_spin_allowed () ? CALLER_SPIN_NS : 0),
                      PAUSE_SPIN_NS, FALSE))
    {
      g_mutex_lock (&pool.lock);
      pool.caller_sleeps = TRUE;
      while (__atomic_load_n (&pool.active, __ATOMIC_ACQUIRE) > 0)
        g_cond_wait (&pool.done, &pool.lock);
      pool.caller_sleeps = FALSE;
      g_mutex_unlock (&pool.lock);
    }

  g_mutex_unlock (&pool_busy);
}

void
qs_parallel_for (gsize          n,
                 QsParallelFunc func,
                 gpointer       data)
{
  parallel_for (n, func, data, FALSE);
}

void
_qs_parallel_for_more (gsize          n,
                       QsParallelFunc func,
                       gpointer       data)
{
  parallel_for (n, func, data, TRUE);
}

void
qs_parallel_run_begin (void)
{
  __atomic_add_fetch (&runs_in_progress, 1, __ATOMIC_RELAXED);
}

void
qs_parallel_run_end (void)
{
  g_return_if_fail (__atomic_load_n (&runs_in_progress, __ATOMIC_RELAXED) > 0);
  __atomic_sub_fetch (&runs_in_progress, 1, __ATOMIC_RELAXED);
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
