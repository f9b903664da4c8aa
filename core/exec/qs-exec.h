/* qs-exec.h — running a model layer by layer
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * A QsExec is a plan: the graph's nodes in topological order, each bound to
 * an op kernel found in a table keyed by (type, version).  A QsRun executes
 * that plan once, one layer per qs_run_step(), so that two runs (float and
 * fake-quant) can be walked in lockstep and compared layer by layer.
 * Shapes are inferred while running, so dynamic ports are fine.  A tensor is
 * freed after its last consumer ran unless it was asked for with
 * qs_exec_keep() (Results are always kept).
 */
#pragma once

#include <gio/gio.h>

#include "qs-lpt.h"
#include "qs-model.h"
#include "qs-stats.h"
#include "qs-tensor.h"

G_BEGIN_DECLS

#define QS_EXEC_ERROR (qs_exec_error_quark ())

typedef enum
{
  QS_EXEC_ERROR_UNSUPPORTED = 1,  /* an op (type, version) qscope cannot run */
  QS_EXEC_ERROR_INVALID,          /* bad attributes, shapes or element types at run time */
  QS_EXEC_ERROR_INPUT,            /* a model input is missing or does not fit */
  QS_EXEC_ERROR_CANCELLED,
  QS_EXEC_ERROR_NEEDS_LPT,        /* int8 mode without the low-precision transformation */
  QS_EXEC_ERROR_MEMORY,           /* a tensor is over the run's memory limit or element cap */
} QsExecError;

GQuark qs_exec_error_quark (void);

typedef enum
{
  QS_EXEC_MODE_FLOAT = 0,    /* activation FakeQuantize bypassed; weight FakeQuantize kept */
  QS_EXEC_MODE_FAKE_QUANT,   /* every FakeQuantize evaluated exactly, in fp32 */
  QS_EXEC_MODE_INT8,         /* the graph after the low-precision transformation */
} QsExecMode;

const char *qs_exec_mode_name (QsExecMode mode);
gboolean    qs_exec_mode_parse (const char *text,
                                QsExecMode *mode);

typedef struct _QsExec QsExec;
typedef struct _QsRun  QsRun;

/* Called after every layer with the tensors it read and wrote (not owned;
 * take a reference to keep one).  An input or output may be NULL only for
 * an optional port that is absent, or for a link of a fused chain whose
 * statistics went to the summary function (qs_exec_set_summary_func()). */
typedef void (*QsExecObserver) (const QsNode    *node,
                                QsTensor *const *inputs,
                                guint            n_inputs,
                                QsTensor *const *outputs,
                                guint            n_outputs,
                                gpointer         user_data);

/* Plans @model's graph for @mode.  Fails, naming the layer, if any op is
 * unknown to qscope.  In int8 mode @model is either a FakeQuantize model,
 * which is then transformed with qs_lpt_run() (it needs its weights), or
 * already the model of a QsLptResult; the plan runs the transformed graph. */
QsExec     *qs_exec_new           (QsModel         *model,
                                   QsExecMode       mode,
                                   GError         **error);
void        qs_exec_free          (QsExec          *exec);
QsExecMode  qs_exec_get_mode      (const QsExec    *exec);
QsModel    *qs_exec_get_model     (const QsExec    *exec);
/* int8 mode: the transformation qs_exec_new() ran (transfer none), whose
 * original is the model given to it; NULL when it was given a transformed
 * model or in the other modes. */
const QsLptResult *qs_exec_get_lpt_result (const QsExec *exec);
/* The nodes in run order (a topological order). */
QsNode    *const *qs_exec_get_order (const QsExec  *exec,
                                     guint         *n_nodes);

/* The run-memory limit: the bytes of tensors (and op scratch) all runs of
 * a plan may hold at once, its Consts included.  A layer whose output would
 * go over it fails with QS_EXEC_ERROR_MEMORY naming the layer.  A new plan
 * starts with qs_exec_get_default_max_memory(). */
void        qs_exec_set_max_memory (QsExec         *exec,
                                    guint64         max_bytes);
guint64     qs_exec_get_max_memory (const QsExec   *exec);
/* The most bytes the plan's runs held at once so far. */
guint64     qs_exec_get_peak_memory (const QsExec  *exec);

/* The process-wide default limit of new plans: $QS_MAX_RUN_MEMORY when it
 * parses (qs_exec_parse_memory_size()), else half the machine's physical
 * memory.  Setting it (e.g. from --max-memory) affects plans made after. */
guint64     qs_exec_get_default_max_memory (void);
void        qs_exec_set_default_max_memory (guint64 max_bytes);
/* Parses "512M", "12G", "1.5GiB", "1000000" (bytes; K, M, G, T are powers
 * of 1024) or "unlimited". */
gboolean    qs_exec_parse_memory_size (const char *text,
                                       guint64    *bytes,
                                       GError    **error);

void        qs_exec_set_observer  (QsExec          *exec,
                                   QsExecObserver   observer,
                                   gpointer         user_data);
/* Which output ports the observer reads (bit i: port i); every one by
 * default, and again after each qs_exec_set_observer().  In runs of
 * qs_exec_run() an output of no consumer that the observer does not read
 * either may be left uncomputed, NULL in its call (MaxPool's indices). */
void        qs_exec_set_observer_ports (QsExec     *exec,
                                        guint32     ports);
/* int8 plans fuse each chain Dequantize → elementwise ops (Clamp, ReLU,
 * PReLU, Swish, Sigmoid, HSwish, Add, Multiply) → Quantize into one pass
 * over cache-sized slices, in runs that nothing observes (no observer set
 * when the chain starts, no link kept, no keep_all or base run): the codes
 * are the same bit for bit, but the links before the Quantize leave no
 * output, and their time is counted at the Dequantize.  On by default;
 * QS_NO_FUSE=1 in the environment turns it off for new plans. */
void        qs_exec_set_fusion    (QsExec          *exec,
                                   gboolean         enable);
gboolean    qs_exec_get_fusion    (const QsExec    *exec);
/* Statistics while the data is in cache.  An observed run fuses a chain
 * only when the plan has a summary function that gives a summary for the
 * output of every link before the Quantize.  It is called at the chain's
 * Dequantize with @like, a tensor of the output's type and shape without
 * data, and @range NULL; a function that must see the values first (to
 * set up bins over them, say) returns NULL, and is called again with
 * @range {min, max} of the output's finite values (min > max when it has
 * none) when the run can compute that then, in a pass over the slices
 * that keeps nothing.  The run adds each slice of those outputs to its
 * summary (qs_summary_add_tensor) as the slice is made, and the observer
 * sees those links with a NULL output.  NULL on the second call too keeps
 * the chain unfused in that run.  The integer figures are those of one
 * pass over the whole tensor; the sums differ by summation order only
 * (qs-stats.h's tolerances).  It is asked for ordinary layers too when
 * the plan summarises outputs as written (qs_exec_set_summarise_outputs()):
 * then @like is the output itself, with its memory but not its values. */
typedef QsSummary *(*QsExecSummaryFunc) (const QsNode   *node,
                                         guint           port,
                                         const QsTensor *like,
                                         const double   *range,
                                         gpointer        user_data);
void        qs_exec_set_summary_func (QsExec            *exec,
                                      QsExecSummaryFunc  func,
                                      gpointer           user_data);

/* Statistics of ordinary layers while their output is in cache: with it
 * on (off by default) and an observer and a summary function set, a
 * layer whose op can summarise its output as it writes it (the float
 * elementwise ops' row loops: Add, Multiply, PReLU, ReLU, Clamp, Swish…,
 * and FakeQuantize) asks the summary function for output 0 with @like
 * the output itself (allocated, its values not yet written) and @range
 * NULL, not in constant layers.  When it gives one, the op adds the
 * output to a fresh summary of the same bins and FakeQuantize range,
 * slice by slice as it writes them (merged in a fixed order: the figures
 * do not depend on the thread count), and the run merges that into the
 * one given before the observer is called.  The observer still gets the
 * tensor; qs_exec_output_summarised() tells it that the statistics are
 * in already.  As for fused links, the integer figures are those of
 * qs_summary_add_tensor() on the whole output and the sums differ by
 * summation order only.  In int8 plans, when the summary given is
 * moments-only, a layer whose integer output a Dequantize reads is
 * summarised in one pass of row moments (asked the same way, @like with
 * its values), and the Dequantize's summary, unfused or a fused chain's
 * first link, is derived from those rows without reading its output
 * (qs-stats-derive.h; count and extremes exact, the sums within
 * QS_STATS_DERIVED_RTOL).  In every plan the same holds for a layer whose
 * f32 output an Add, Subtract or Multiply combines with a constant of one
 * value, or one a channel with rows of 1024 values or more: rows of f32
 * moments, and that op's summary derived from them (counted after the op
 * where the rows hold a NaN or an infinity).  A layer asked for whose
 * summary has bins is counted after it, not left to the observer. */
void        qs_exec_set_summarise_outputs (QsExec   *exec,
                                           gboolean  enable);
/* Only inside the observer's call for @node (on the thread that ran it):
 * what output @port of @node added to the summary function's summary as
 * it was written (owned by the run; copy it to keep it), or NULL when the
 * observer has to read the tensor itself. */
const QsSummary *qs_exec_output_summarised (const QsExec *exec,
                                            const QsNode *node,
                                            guint         port);

/* The chains the plan may fuse (0 with fusion off or in other modes). */
guint       qs_exec_get_n_fusable (const QsExec    *exec);

/* Keep an output alive until the run is freed (all with @node == NULL). */
void        qs_exec_keep          (QsExec          *exec,
                                   const QsNode    *node);

/* Whether the value of @node depends on no model input (weights and the
 * subgraphs over them). */
gboolean    qs_exec_node_is_constant (const QsExec *exec,
                                      const QsNode *node);

/* Constant layers whose outputs the plan keeps for its runs: from the
 * third run of a plan on, such a layer gives its kept outputs (the same
 * tensors) instead of computing them again.  The second run keeps them,
 * while all kept stays within a quarter of the run-memory limit and within
 * what the limit leaves above the peak of the first run.  A run whose
 * fq_choice switches a FakeQuantize on constant data neither takes nor
 * keeps them. */
guint       qs_exec_get_n_folded  (QsExec          *exec);

/* @inputs: one tensor per graph->parameters entry (borrowed; converted to
 * the Parameter's element type where needed). */
QsRun      *qs_run_new            (QsExec          *exec,
                                   QsTensor *const *inputs,
                                   GError         **error);
/* How a run treats a FakeQuantize whose data is not constant, beside its
 * plan's mode (float and fake-quant plans only). */
typedef enum
{
  QS_FQ_AS_PLAN = 0,
  QS_FQ_BYPASS,              /* passes its data through, as in float mode */
  QS_FQ_QUANTIZE,            /* evaluated, as in fake-quant mode */
} QsFqChoice;

/* What a run does beyond qs_run_new(): the sensitivity analysis runs one
 * plan many times on the same inputs with a few quantizers switched, and
 * computes again only what lies downstream of them. */
typedef struct
{
  gboolean        keep_all;   /* keep every output until the run is freed (a base for others) */
  const guint8   *fq_choice;  /* by node index, a QsFqChoice each; NULL: all as the plan */
  const QsRun    *base;       /* a keep_all run of the same plan on the same inputs, or NULL */
  const gboolean *recompute;  /* with @base, by node index: the layers to compute; every
                               * other layer takes @base's outputs */
} QsRunSetup;

QsRun      *qs_run_new_full       (QsExec           *exec,
                                   QsTensor *const  *inputs,
                                   const QsRunSetup *setup,
                                   GError          **error);
/* Runs the next layer.  Returns FALSE with @error set on failure; check
 * qs_run_is_done() before stepping. */
gboolean    qs_run_step           (QsRun           *run,
                                   GCancellable    *cancellable,
                                   GError         **error);
gboolean    qs_run_is_done        (const QsRun     *run);
guint       qs_run_get_position   (const QsRun     *run);
/* The layer the last step ran, and its outputs (valid until the next step
 * unless kept). */
const QsNode *qs_run_get_last_node (const QsRun    *run);
QsTensor   *qs_run_get_output     (const QsRun     *run,
                                   const QsNode    *node,
                                   guint            port);
void        qs_run_free           (QsRun           *run);
/* The chains this run fused so far (qs_exec_set_fusion()). */
guint       qs_run_get_n_fused    (const QsRun     *run);

typedef void (*QsExecProgress) (guint    done,
                                guint    total,
                                gpointer user_data);

/* Runs the whole plan.  @outputs (optional) receives a new array of
 * graph->n_results tensors (owned; free each with qs_tensor_unref).  An
 * output with no consumer, not kept and not read by the observer
 * (qs_exec_set_observer_ports()) may be left uncomputed (MaxPool's
 * indices); a run stepped with qs_run_step() computes every output. */
gboolean    qs_exec_run           (QsExec          *exec,
                                   QsTensor *const *inputs,
                                   GCancellable    *cancellable,
                                   QsExecProgress   progress,
                                   gpointer         progress_data,
                                   QsTensor      ***outputs,
                                   GError         **error);

/* Profiling: with it on, every qs_run_step() of the plan's runs adds to
 * one row per op type (Parameter, Const and Result included), from every
 * thread.  Off by default; it costs two clock readings and a getrusage()
 * per layer. */
typedef struct
{
  char    *type;          /* op type, e.g. "Convolution" */
  guint64  calls;         /* layers of that type run */
  guint64  ns;            /* in the step, the observer's share excluded */
  guint64  kernel_ns;     /* of ns: inside the fast kernels (qs_kernels_thread_ns()) */
  guint64  observer_ns;   /* in the plan's observer (statistics, comparisons) */
  guint64  alloc_bytes;   /* tensor and scratch bytes allocated */
  guint64  page_faults;   /* minor page faults (first touch of new memory); 0 where unknown */
} QsExecProfileRow;

void        qs_exec_set_profiling (QsExec          *exec,
                                   gboolean         enable);
/* A new array of QsExecProfileRow (freeing it frees the types), sorted by
 * ns + observer_ns, largest first; empty when profiling was never on. */
GArray     *qs_exec_get_profile   (QsExec          *exec);
void        qs_exec_reset_profile (QsExec          *exec);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsExec, qs_exec_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsRun, qs_run_free)

G_END_DECLS

G_BEGIN_DECLS

/* FakeQuantize-1 of one value, exactly as the reference evaluates it in f32
 * (fakequantize.md §1): low bound inclusive, high bound exclusive,
 * nearbyint (half to even) in between. */
float       qs_fake_quantize_f32  (float x,
                                   float in_low,
                                   float in_high,
                                   float out_low,
                                   float out_high,
                                   guint levels);

/* int8 mode (qs-op-int8.c).  The code of a FakeQuantize or Quantize: 0 for
 * x <= min(il, ih), levels-1 for x > max(il, ih), else
 * nearbyint ((x - il) / (ih - il) * (levels - 1)) evaluated in f32 in that
 * order (the FakeQuantize's own code); NaN gives 0. */
float       qs_quantize_code_f32  (float x,
                                   float in_low,
                                   float in_high,
                                   guint levels);
/* Requantize of one code: t = (double) q * multiplier + offset, rounded
 * half to even, clamped to [qmin, qmax] (NaN gives qmin). */
gint64      qs_requantize_code    (gint64 q,
                                   float  multiplier,
                                   float  offset,
                                   gint64 qmin,
                                   gint64 qmax);
/* The codes (qmin + code, as i32) a FakeQuantize with data @x and input
 * range (@in_low, @in_high) computes; ranges broadcast (numpy).  The
 * reference the int8 run's codes are held to. */
QsTensor   *qs_fake_quantize_codes (const QsTensor *x,
                                    const QsTensor *in_low,
                                    const QsTensor *in_high,
                                    guint           levels,
                                    int             qmin,
                                    GError        **error);
/* The same codes written as @type (i32, u8 or i8; saturated to it, which
 * changes nothing when [qmin, qmin + levels - 1] fits the type): one pass,
 * no i32 tensor to convert. */
QsTensor   *qs_fake_quantize_codes_as (const QsTensor *x,
                                       const QsTensor *in_low,
                                       const QsTensor *in_high,
                                       guint           levels,
                                       int             qmin,
                                       QsElementType   type,
                                       GError        **error);
/* For a node of an int8 graph: the original FakeQuantize whose output a
 * Quantize or Requantize produces as codes, and its qmin; NULL for others. */
const QsNode *qs_exec_int8_fq_origin (const QsNode *node,
                                      int          *qmin);

/* The real values of output @original_output of an original layer that
 * the int8 plan @int8 holds as codes (@codes: the output of its codes view,
 * whose origin is that layer), computed as the Dequantize qs_lpt_run() puts
 * after it would.  NULL with an error when that output is float in the int8
 * run or @codes is not of its codes' type. */
QsTensor   *qs_exec_int8_dequantize (const QsExec   *int8,
                                     const QsPort   *original_output,
                                     QsTensor       *codes,
                                     GError        **error);

/* int8 vs fake-quant (qs-exec-int8.c), in codes, per FakeQuantize output
 * the int8 run produces as integers.  @run: the int8 graph run from the
 * model input; @local: each Quantize/Requantize fed with the fake-quant
 * run's codes for everything before it (its own arithmetic only). */
typedef struct
{
  const QsNode *fq;       /* the original FakeQuantize */
  char         *int8_name;  /* its Quantize or Requantize in the int8 graph */
  guint64       n;        /* elements */
  QsStepError   run;
  QsStepError   local;
  QsLptGrid     grid;     /* the grid of its codes (LPT's decision); steps are of that grid */
} QsInt8Compare;

/* Runs @model (a FakeQuantize model with weights) in fake-quant mode and
 * twice in int8 mode on @inputs.  Returns a new array (free it, which
 * frees the names) of QsInt8Compare in
 * int8 run order; @int8_seconds (nullable) gets the first int8 run's time. */
GArray     *qs_exec_compare_int8  (QsModel         *model,
                                   QsTensor *const *inputs,
                                   GCancellable    *cancellable,
                                   double          *int8_seconds,
                                   GError         **error);

/* The same comparison in steps, for callers that run the fake-quant plan
 * themselves (once per sample, over a data set): a check made for an int8
 * plan of the original model is the observer of a fake-quant run of the
 * same inputs (qs_exec_set_observer (fq, qs_int8_check_observe_fq, check)),
 * then qs_int8_check_run() runs the int8 plan twice and returns the
 * comparisons as qs_exec_compare_int8() does.  @observer (nullable) sees
 * every layer of the free int8 run.  The check forgets the sample after
 * each qs_int8_check_run(), so one check serves many samples. */
typedef struct _QsInt8Check QsInt8Check;

QsInt8Check *qs_int8_check_new    (QsExec          *int8,
                                   GError         **error);
void        qs_int8_check_free    (QsInt8Check     *check);
void        qs_int8_check_observe_fq (const QsNode    *node,
                                      QsTensor *const *inputs,
                                      guint            n_inputs,
                                      QsTensor *const *outputs,
                                      guint            n_outputs,
                                      gpointer         check);
GArray     *qs_int8_check_run     (QsInt8Check     *check,
                                   QsTensor *const *inputs,
                                   QsExecObserver   observer,
                                   gpointer         observer_data,
                                   GCancellable    *cancellable,
                                   double          *int8_seconds,
                                   GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsInt8Check, qs_int8_check_free)

/* The spelling of op type @type the executor knows, found without regard to
 * case as OpenVINO's reader finds it ("PRelu" → "PReLU"), or @type itself
 * when it knows none. */
const char  *qs_op_type_canonical (const char *type);

G_END_DECLS
