/* qs-arena.h — a bump allocator for structures that live as long as a model
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _QsArena QsArena;

QsArena  *qs_arena_new        (gsize        block_size);
void      qs_arena_free       (QsArena     *arena);
gpointer  qs_arena_alloc      (QsArena     *arena,
                               gsize        size);
gpointer  qs_arena_alloc0     (QsArena     *arena,
                               gsize        size);
gpointer  qs_arena_memdup     (QsArena     *arena,
                               gconstpointer data,
                               gsize        size);
char     *qs_arena_strndup    (QsArena     *arena,
                               const char  *text,
                               gsize        len);
gsize     qs_arena_get_size   (const QsArena *arena);
void      qs_arena_expect     (QsArena     *arena,
                               gsize        bytes);

#define qs_arena_new0(arena, type, n) ((type *) qs_arena_alloc0 ((arena), sizeof (type) * (gsize) (n)))

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsArena, qs_arena_free)

G_END_DECLS
