/* qs-arena.c
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * Every node, port and attribute of a model is allocated here and freed at
 * once with the model.  Allocations are 8-byte aligned; a request larger than
 * a block gets a block of its own so that big arrays waste nothing.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

#include "qs-arena.h"

#define ARENA_ALIGN 8

typedef struct _Block Block;
struct _Block
{
  Block *next;
  gsize  size;
  gsize  used;
  /* data follows, aligned */
};

/* Huge blocks faulted in ahead of need by a helper thread. */
typedef struct
{
  GThread     *thread;
  GAsyncQueue *ready;      /* Block *, every page already touched */
  GAsyncQueue *wanted;     /* MAKE_ONE or STOP */
} Prefault;

#define MAKE_ONE       GINT_TO_POINTER (1)
#define STOP           GINT_TO_POINTER (2)
#define PREFAULT_AHEAD 2

struct _QsArena
{
  Block    *head;
  gsize     block_size;
  gsize     total;
  Prefault *prefault;
};

#define BLOCK_HEADER ((sizeof (Block) + ARENA_ALIGN - 1) & ~(gsize) (ARENA_ALIGN - 1))

QsArena *
qs_arena_new (gsize block_size)
{
  QsArena *arena = g_new0 (QsArena, 1);

  arena->block_size = MAX (block_size, 4096);
  return arena;
}

void
qs_arena_free (QsArena *arena)
{
  Block *b;

  if (arena == NULL)
    return;

  qs_arena_prefault_stop (arena);
  b = arena->head;
  while (b != NULL)
    {
      Block *next = b->next;
      g_free (b);
      b = next;
    }
  g_free (arena);
}

/* Blocks of 2 MiB are placed on 2 MiB boundaries and offered to the kernel as
 * huge-page candidates: a big model then costs one page fault per 2 MiB of
 * structures instead of one per 4 KiB (a measurable share of its load time). */
#define HUGE_BLOCK (2 * 1024 * 1024)

static Block *
huge_block_new (void)
{
  Block *b = NULL;

#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (posix_memalign ((void **) &b, HUGE_BLOCK, HUGE_BLOCK) != 0)
    return NULL;
  madvise (b, HUGE_BLOCK, MADV_HUGEPAGE);
#endif
  return b;
}

static Block *
arena_new_block (QsArena *arena,
                 gsize    size)
{
  Block *b = NULL;

  if (BLOCK_HEADER + size == HUGE_BLOCK)
    {
      if (arena->prefault != NULL)
        {
          b = g_async_queue_try_pop (arena->prefault->ready);
          if (b != NULL)
            g_async_queue_push (arena->prefault->wanted, MAKE_ONE);
        }
      if (b == NULL)
        b = huge_block_new ();
    }
  if (b == NULL)
    b = g_malloc (BLOCK_HEADER + size);

  b->size = size;
  b->used = 0;
  arena->total += BLOCK_HEADER + size;
  return b;
}

gpointer
qs_arena_alloc (QsArena *arena,
                gsize    size)
{
  Block *b = arena->head;
  gsize need = (size + ARENA_ALIGN - 1) & ~(gsize) (ARENA_ALIGN - 1);

  if (need < size)
    g_error ("qs_arena_alloc: size overflow");

  if (b == NULL || b->size - b->used < need)
    {
      if (need > arena->block_size / 4)
        {
          /* A big request: its own block, kept behind the current head so that
           * the head's free space is not thrown away. */
          Block *big = arena_new_block (arena, need);
          big->used = need;
          if (b != NULL)
            {
              big->next = b->next;
              b->next = big;
            }
          else
            {
              big->next = NULL;
              arena->head = big;
            }
          return (guint8 *) big + BLOCK_HEADER;
        }

      /* once an arena is big, it grows in huge-page-sized blocks */
      b = arena_new_block (arena, arena->total >= 4 * HUGE_BLOCK ? HUGE_BLOCK - BLOCK_HEADER
                                                                 : arena->block_size);
      b->next = arena->head;
      arena->head = b;
    }

  {
    gpointer p = (guint8 *) b + BLOCK_HEADER + b->used;
    b->used += need;
    return p;
  }
}

gpointer
qs_arena_alloc0 (QsArena *arena,
                 gsize    size)
{
  gpointer p = qs_arena_alloc (arena, size);

  memset (p, 0, size);
  return p;
}

gpointer
qs_arena_memdup (QsArena       *arena,
                 gconstpointer  data,
                 gsize          size)
{
  gpointer p = qs_arena_alloc (arena, size);

  if (size > 0)
    memcpy (p, data, size);
  return p;
}

char *
qs_arena_strndup (QsArena    *arena,
                  const char *text,
                  gsize       len)
{
  char *p = qs_arena_alloc (arena, len + 1);

  memcpy (p, text, len);
  p[len] = '\0';
  return p;
}

gsize
qs_arena_get_size (const QsArena *arena)
{
  return arena->total;
}

/* The kernel zeroes each page of new memory when it is first touched, which
 * costs a big model's load a fifth of its time.  The helper touches the
 * huge blocks the arena will want next, so that this happens on another
 * core while the parser runs. */
static gpointer
prefault_thread (gpointer data)
{
  Prefault *pf = data;

  while (g_async_queue_pop (pf->wanted) != STOP)
    {
      Block *b = huge_block_new ();
      gsize off;

      if (b == NULL)
        continue;
      /* one write per small page, in case no huge page was granted */
      for (off = 0; off < HUGE_BLOCK; off += 4096)
        ((volatile guint8 *) b)[off] = 0;
      g_async_queue_push (pf->ready, b);
    }
  return NULL;
}

void
qs_arena_prefault_start (QsArena *arena)
{
  Prefault *pf;
  guint i;

  g_return_if_fail (arena != NULL);

#if !(defined(__linux__) && defined(MADV_HUGEPAGE))
  return;   /* no huge blocks here */
#endif
  if (arena->prefault != NULL || g_get_num_processors () < 2)
    return;
  pf = g_new0 (Prefault, 1);
  pf->ready = g_async_queue_new ();
  pf->wanted = g_async_queue_new ();
  for (i = 0; i < PREFAULT_AHEAD; i++)
    g_async_queue_push (pf->wanted, MAKE_ONE);
  pf->thread = g_thread_try_new ("qs-arena-prefault", prefault_thread, pf, NULL);
  if (pf->thread == NULL)
    {
      g_async_queue_unref (pf->ready);
      g_async_queue_unref (pf->wanted);
      g_free (pf);
      return;
    }
  arena->prefault = pf;
}

void
qs_arena_prefault_stop (QsArena *arena)
{
  Prefault *pf;
  Block *b;

  g_return_if_fail (arena != NULL);

  pf = g_steal_pointer (&arena->prefault);
  if (pf == NULL)
    return;
  g_async_queue_push (pf->wanted, STOP);
  g_thread_join (pf->thread);
  while ((b = g_async_queue_try_pop (pf->ready)) != NULL)
    g_free (b);
  g_async_queue_unref (pf->ready);
  g_async_queue_unref (pf->wanted);
  g_free (pf);
}
