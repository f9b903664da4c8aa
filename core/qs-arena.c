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

struct _QsArena
{
  Block *head;
  gsize  block_size;
  gsize  total;
  gsize  expected;     /* how big the caller expects the arena to grow */
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
arena_new_block (QsArena *arena,
                 gsize    size)
{
  Block *b = NULL;

#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (BLOCK_HEADER + size == HUGE_BLOCK && posix_memalign ((void **) &b, HUGE_BLOCK, HUGE_BLOCK) == 0)
    madvise (b, HUGE_BLOCK, MADV_HUGEPAGE);
  else
    b = NULL;
#endif
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

      /* once an arena is big, or is expected to pass half a huge page, it
       * grows in huge-page-sized blocks */
      b = arena_new_block (arena, arena->total >= 4 * HUGE_BLOCK || arena->expected >= HUGE_BLOCK / 2
                                  ? HUGE_BLOCK - BLOCK_HEADER : arena->block_size);
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

/* Says that about @bytes will be allocated: an arena expected to pass 1 MiB
 * then takes huge-page blocks from the start instead of after its first few
 * megabytes.  Where the machine is a virtual one, a fresh 4 KiB page can
 * cost more than a microsecond to touch (1.7 MiB of them took 0.7 ms here,
 * one huge page 0.05 to 0.14 ms), so a model's arena of a megabyte or more
 * is faster in huge pages, for at most one huge page of memory more. */
void
qs_arena_expect (QsArena *arena,
                 gsize    bytes)
{
  arena->expected = bytes;
}

gsize
qs_arena_get_size (const QsArena *arena)
{
  return arena->total;
}
