/* qs-test-models.h — small models the tests build, write and load
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "qscope-core.h"
#include "qs-analysis.h"
#include "qs-graph-builder.h"
#include "qs-test-dir.h"

G_BEGIN_DECLS

/* a temporary folder, removed with what is in it */
typedef char TestDir;

static inline void
test_dir_free (TestDir *dir)
{
  qs_test_remove_tree (dir);
  g_free (dir);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestDir, test_dir_free)

/* the height and width of every tensor: large enough that the tensors,
 * not the packed weights, decide what fits a memory limit */
#define S 32

static const gint64 d3[4] G_GNUC_UNUSED = { 1, 3, S, S };
static const gint64 d4[4] G_GNUC_UNUSED = { 1, 4, S, S };
static const gint64 d2[4] G_GNUC_UNUSED = { 1, 2, S, S };
static const gint64 d6[4] G_GNUC_UNUSED = { 1, 6, S, S };

void qs_test_wire (QsGraphBuilder *b,
                   QsNode         *from,
                   guint           port,
                   QsNode         *to,
                   guint           in);
QsNode *qs_test_scalar (QsGraphBuilder *b,
                        float           v);
/* A Const of @type and shape @dims holding @values (n_elements of them),
 * wired to input @in of @to, whose port gets the same type and shape. */
QsNode *qs_test_const_to (QsGraphBuilder *b,
                          QsNode         *to,
                          guint           in,
                          QsElementType   type,
                          int             rank,
                          const gint64   *dims,
                          gconstpointer   values);
gsize qs_test_n_elements (int           rank,
                          const gint64 *dims);
/* a repeatable stream of random numbers (splitmix64), restarted by
 * qs_test_rng_seed(); qs_test_rnd() is uniform in [lo, hi) */
void    qs_test_rng_seed (guint64 seed);
guint64 qs_test_rng      (void);
float   qs_test_rnd      (float lo,
                          float hi);
QsNode *qs_test_parameter (QsGraphBuilder *b,
                           const char     *name,
                           int             rank,
                           const gint64   *dims);
QsNode *qs_test_eltwise (QsGraphBuilder *b,
                         const char     *type,
                         const char     *name,
                         guint           n_in,
                         QsNode *const  *in,
                         int             rank,
                         const gint64   *dims);
QsNode *qs_test_fake_quantize_levels (QsGraphBuilder *b,
                                      const char     *name,
                                      const char     *levels,
                                      QsNode         *x,
                                      float           lo,
                                      float           hi,
                                      int             rank,
                                      const gint64   *dims);
QsNode *qs_test_fake_quantize (QsGraphBuilder *b,
                               const char     *name,
                               QsNode         *x,
                               float           lo,
                               float           hi,
                               int             rank,
                               const gint64   *dims);
QsNode *qs_test_conv1x1 (QsGraphBuilder *b,
                         const char     *name,
                         QsNode         *x,
                         gint64          ci,
                         gint64          co,
                         guint           seed);
QsNode *qs_test_result (QsGraphBuilder *b,
                        const char     *name,
                        QsNode         *x,
                        guint           port,
                        int             rank,
                        const gint64   *dims);
QsModel *qs_test_finish (QsGraphBuilder *b,
                         const char     *dir,
                         const char     *file);
QsModel *qs_test_chain_model (const char *dir,
                              gboolean    third);
QsDataset *qs_test_dataset (QsModel    *model,
                            const char *spec);

/* An FP32/INT8 pair: x → [fq_x] → conv → relu → [fq_y] → conv2 → y,
 * relu → h; with @quantized the two activation FakeQuantize layers.
 * @rename: every layer gets another name ("L<n>"); @how then keeps the
 * tensor names ("tensor"), or names the old name in rt_info fused_names
 * ("rt_info"), or nothing ("structure"). */
QsModel *qs_test_twin_model   (const char *dir,
                               const char *file,
                               gboolean    quantized,
                               gboolean    rename,
                               const char *how);
/* x → conv → Add (bias) → y, with @bias added to every bias value: a pair
 * with a planted difference. */
QsModel *qs_test_biased_model (const char *dir,
                               const char *file,
                               float       bias);

G_END_DECLS
