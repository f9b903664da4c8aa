/* qs-stats-memo.c — summaries of a run's layer outputs, each tensor read once
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * One entry per (node, port): the record of what its tensor added, with
 * what it was added under (bins, range, element type, count), the data
 * it was read from and the run it was read in.  An entry of another
 * output is reused only when it was made in this run from the same data:
 * that output feeds an input of the node, so its tensor is alive and its
 * data cannot have been freed and handed to another tensor since.
 */
#include "config.h"

#include <string.h>

#include "qs-stats-memo.h"
#include "qs-stats-private.h"

typedef struct
{
  const QsNode    *node;
  guint            port;
  QsSummaryRecord *rec;
  guint64          run;
  gboolean         constant;
  gconstpointer    data;
  QsElementType    type;
  gsize            n;
  gboolean         has_bins, has_fq;
  QsBinning        bins;
  QsFqRange        fq;
} Entry;

/* Outputs up to this port have a slot by node index. */
#define SLOT_PORTS 2

struct _QsSummaryMemo
{
  /* Entry by node->index · SLOT_PORTS + port: one load where a hash
   * lookup chased keys and entries through memory the tensors had just
   * swept out of the cache (a tenth of a moments-only run's statistics) */
  GPtrArray  *slots;
  GHashTable *entries;   /* Key -> Entry: other ports, and nodes of another graph at a taken slot */
  guint64     run;
};

typedef struct
{
  const QsNode *node;
  guint         port;
} Key;

static guint
key_hash (gconstpointer k)
{
  const Key *key = k;

  return g_direct_hash (key->node) ^ (key->port * 0x9e3779b1u);
}

static gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  const Key *x = a, *y = b;

  return x->node == y->node && x->port == y->port;
}

static void
entry_free (gpointer p)
{
  Entry *e = p;

  if (e == NULL)
    return;   /* an empty slot */
  _qs_summary_record_free (e->rec);
  g_free (e);
}

QsSummaryMemo *
qs_summary_memo_new (void)
{
  QsSummaryMemo *memo = g_new0 (QsSummaryMemo, 1);

  memo->entries = g_hash_table_new_full (key_hash, key_equal, g_free, entry_free);
  memo->slots = g_ptr_array_new_with_free_func (entry_free);
  memo->run = 1;
  return memo;
}

void
qs_summary_memo_free (QsSummaryMemo *memo)
{
  if (memo == NULL)
    return;
  g_hash_table_unref (memo->entries);
  g_ptr_array_unref (memo->slots);
  g_free (memo);
}

void
qs_summary_memo_clear (QsSummaryMemo *memo)
{
  g_return_if_fail (memo != NULL);
  g_hash_table_remove_all (memo->entries);
  g_ptr_array_set_size (memo->slots, 0);
  memo->run++;
}

void
qs_summary_memo_next_run (QsSummaryMemo *memo)
{
  g_return_if_fail (memo != NULL);
  memo->run++;
}

/* Whether @e was made under the bins and range of @s, from as many values
 * of the same type as @t has. */
static gboolean
entry_fits (const Entry     *e,
            const QsSummary *s,
            const QsTensor  *t)
{
  if (e->type != t->type || e->n != t->n_elements || e->has_bins != s->has_bins || e->has_fq != s->has_fq)
    return FALSE;
  if (s->has_bins && (e->bins.lo != s->bins.lo || e->bins.hi != s->bins.hi))
    return FALSE;
  if (s->has_fq && (e->fq.in_low != s->fq.in_low || e->fq.in_high != s->fq.in_high ||
                    e->fq.levels != s->fq.levels))
    return FALSE;
  return TRUE;
}

static Entry *
entry_new (const QsNode *node,
           guint         port)
{
  Entry *e = g_new0 (Entry, 1);

  e->node = node;
  e->port = port;
  e->rec = _qs_summary_record_new ();
  return e;
}

/* The slot of (@node, @port), or NULL when it has none. */
static gpointer *
slot_of (QsSummaryMemo *memo,
         const QsNode  *node,
         guint          port,
         gboolean       grow)
{
  gsize i;

  if (port >= SLOT_PORTS)
    return NULL;
  i = (gsize) node->index * SLOT_PORTS + port;
  if (i >= memo->slots->len)
    {
      if (!grow)
        return NULL;
      g_ptr_array_set_size (memo->slots, i + 1);
    }
  return &memo->slots->pdata[i];
}

static Entry *
entry_lookup (QsSummaryMemo *memo,
              const QsNode  *node,
              guint          port)
{
  gpointer *slot = slot_of (memo, node, port, FALSE);
  Key key = { node, port };

  /* an entry is in the table only when its slot was another node's */
  if (slot != NULL && (*slot == NULL || ((Entry *) *slot)->node == node))
    return *slot;
  if (slot == NULL && port < SLOT_PORTS)
    return NULL;
  return g_hash_table_lookup (memo->entries, &key);
}

static Entry *
entry_for (QsSummaryMemo *memo,
           const QsNode  *node,
           guint          port)
{
  gpointer *slot = slot_of (memo, node, port, TRUE);
  Key key = { node, port };
  Entry *e;

  if (slot != NULL && *slot == NULL)
    return *slot = entry_new (node, port);
  if (slot != NULL && ((Entry *) *slot)->node == node)
    return *slot;
  e = g_hash_table_lookup (memo->entries, &key);
  if (e == NULL)
    {
      Key *k = g_new (Key, 1);

      *k = key;
      e = entry_new (node, port);
      g_hash_table_insert (memo->entries, k, e);
    }
  return e;
}

static void
entry_set (Entry           *e,
           guint64          run,
           gboolean         constant,
           const QsSummary *s,
           const QsTensor  *t)
{
  e->run = run;
  e->constant = constant;
  e->data = t->data;
  e->type = t->type;
  e->n = t->n_elements;
  e->has_bins = s->has_bins;
  e->has_fq = s->has_fq;
  e->bins = s->bins;
  e->fq = s->fq;
}

gboolean
qs_summary_memo_add (QsSummaryMemo  *memo,
                     QsSummary      *summary,
                     const QsNode   *node,
                     guint           port,
                     const QsTensor *tensor,
                     gboolean        constant)
{
  Entry *e;
  guint i;

  g_return_val_if_fail (memo != NULL && summary != NULL && node != NULL && tensor != NULL, FALSE);

  e = entry_lookup (memo, node, port);
  if (constant && e != NULL && e->constant && entry_fits (e, summary, tensor))
    {
      _qs_summary_record_apply (summary, e->rec);
      e->run = memo->run;
      e->data = tensor->data;
      return FALSE;
    }
  if (tensor->data != NULL)
    for (i = 0; i < node->n_inputs; i++)
      {
        const QsPort *src = node->inputs[i].source;
        Key sk;
        Entry *from;

        if (src == NULL || src->node == node)
          continue;
        sk.node = src->node;
        sk.port = src->index;
        from = entry_lookup (memo, sk.node, sk.port);
        if (from == NULL || from->run != memo->run || from->data != tensor->data ||
            !entry_fits (from, summary, tensor))
          continue;
        _qs_summary_record_apply (summary, from->rec);
        e = entry_for (memo, node, port);
        _qs_summary_record_copy (e->rec, from->rec);
        entry_set (e, memo->run, constant, summary, tensor);
        return FALSE;
      }

  e = entry_for (memo, node, port);
  if (tensor->data == NULL || !_qs_summary_add_tensor_record (summary, tensor, e->rec))
    {
      if (tensor->data == NULL)
        qs_summary_add_tensor (summary, tensor);
      /* nothing to add again: an entry that fits nothing */
      entry_set (e, 0, FALSE, summary, tensor);
      e->type = QS_ELEMENT_UNDEFINED;
      return TRUE;
    }
  entry_set (e, memo->run, constant, summary, tensor);
  return TRUE;
}

void
qs_summary_memo_note (QsSummaryMemo   *memo,
                      const QsNode    *node,
                      guint            port,
                      const QsTensor  *tensor,
                      const QsSummary *added,
                      gboolean         constant)
{
  Entry *e;

  g_return_if_fail (memo != NULL && node != NULL && tensor != NULL && added != NULL);

  e = entry_for (memo, node, port);
  _qs_summary_record_set (e->rec, added);
  entry_set (e, memo->run, constant, added, tensor);
}
