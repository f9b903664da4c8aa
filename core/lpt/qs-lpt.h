/* qs-lpt.h — the low-precision transformation, as OpenVINO's LPT does it
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * qs_lpt_run() reads a FakeQuantize model and builds a NEW model (the
 * original is untouched) in which activation FakeQuantize ops are split into
 * Quantize → codes → Dequantize, the Dequantize is moved down through ops
 * that keep codes, Convolution / GroupConvolution / MatMul run on u8 codes
 * and i8 weights into i32 (ConvolutionBackpropData on u8 or i8 codes), and a Dequantize meeting the next Quantize
 * becomes one Requantize.  Whatever cannot stay in codes is dequantized
 * where it stops, so the new graph means what the original means.  Every
 * original layer gets a decision (precision, and for fp32 a reason).
 *
 * ## Ops of the new graph (version="qscope")
 *
 * All per-channel constants are Const inputs that broadcast (numpy rules)
 * against the data: [] per tensor, [1,C,1,1] per channel on axis 1 of a
 * 4-D tensor, and so on.  Rounding is half to even (nearbyint in the default
 * floating-point environment); "saturate" clamps to the output type.
 *
 * Quantize (inputs: 0 x f32/f16, 1 input_low, 2 input_high; attributes
 *   levels, destination_type "u8"|"i8", qmin) → codes of destination_type:
 *     code = 0                                   if x <= min(il, ih)
 *          = levels - 1                          if x >  max(il, ih)
 *          = nearbyint ((x - il) / (ih - il) * (levels - 1))   otherwise (float32)
 *     q    = saturate (qmin + code)
 *   This is exactly the FakeQuantize's own code, so Quantize → Dequantize
 *   reproduces the FakeQuantize output.
 *   Exception: a FakeQuantize whose output meets others in a Concat that
 *   feeds a Convolution or MatMul (one scale for the input) is quantized,
 *   as LPT's interval alignment does, for the group's common grid: over
 *   the union [L, H] of their output ranges, s = (H - L) / (qmax - qmin),
 *   its Quantize (or Requantize) keeps its own input range but gets
 *   levels = round (uh) - round (ul) + 1 and qmin = round (ul), where
 *   ul, uh are its output range in codes of that grid
 *   (NetworkHelper::calculateLevels), and every Dequantize of the group
 *   the zero point round (-L / s).  Its codes are then its values on a
 *   grid of about the common step, up to two common steps from the
 *   fake-quant value; the decision's grid says aligned.
 *
 * Dequantize (inputs: 0 q u8/i8/i32, 1 scale f32, 2 zero_point, 3 shift f32
 *   (optional)) → the element type of its output port (f32 or f16):
 *     y = ((float) (q - zero_point)) * scale + shift
 *   zero_point is i32 when q is i32 (the subtraction is then exact integer
 *   arithmetic: it carries the activation zero point's compensation
 *   z_x * Σ w), f32 otherwise.  Equivalent to Convert → Subtract → Multiply
 *   (→ Add for a folded bias).  shift is per channel, or [1,C,OH,OW] after
 *   a convolution with padding whose input zero point is not an integer
 *   (see below).
 *
 * Requantize (inputs: 0 q u8/i8/i32, 1 multiplier f32, 2 offset f32;
 *   attributes destination_type "u8"|"i8", qmin, qmax) → codes:
 *     t = (double) q * (double) multiplier + (double) offset
 *     out = clamp (nearbyint (t), qmin, qmax)          (then stored, no wrap)
 *   It is Dequantize followed by Quantize folded into one affine map:
 *   multiplier = s_in / s_q, offset = (shift - zp_in * s_in - il) / s_q + qmin
 *   with s_q = (ih - il) / (levels - 1) of the FakeQuantize it replaces (on
 *   the common grid when aligned).  offset is per channel or, like the
 *   Dequantize's shift, per channel and position.
 *
 * int8 compute keeps its opset type and attributes: Convolution,
 *   GroupConvolution (weights [G,O,I,kh,kw]) and MatMul whose input 0 is u8
 *   codes, input 1 an i8 Const and output i32:
 *     acc = Σ q_x * w    (exact, int32)
 *   Padded positions of a convolution read as the attribute
 *   qscope_pad_value (the activation zero point; absent means 0), so that a
 *   padded element means real zero; the zero point's effect on real
 *   elements is in the next Dequantize's zero_point (z_x * Σ_t w[o,t]).
 *   A zero point that is not an integer (f16-rounded ranges give 128.026)
 *   is split: z = round (z) + r.  The kernel gets round (z) (pad value and
 *   compensation stay integers) and the Dequantize's shift carries
 *   -r * s_x * s_w[o] * Σ_t w[o,t].  That sum assumes every tap is real; at
 *   an output position whose window reaches padded taps P the exact value
 *   needs + r * s_x * s_w[o] * Σ_{t in P} w[o,t] more, so for such layers
 *   the shift (or the Requantize's offset) is a [1,OC,OH,OW] constant with
 *   that border correction: padded elements mean real zero exactly.
 *   A GroupConvolution whose input is quantized per channel (equal inside
 *   each group, e.g. depthwise) gets one pad value per input channel,
 *   comma-separated ("3,0,12,..."), and per-output-channel scale and
 *   compensation from its own group's input channels.
 *   ConvolutionBackpropData (weights [C_in, C_out, k…]) takes u8 or i8
 *   codes with no zero point (the CPU plugin keeps an asymmetric one in
 *   float) and i8 weights scaled per output channel:
 *     acc[o, y] = Σ over (c, x, t) with x·stride − pad_begin + t·dilation = y of q_x[c, x] * w[c, o, t]
 *   (exact, int32); positions no input reaches are 0.  Its Dequantize has
 *   scale s_x * s_w[o] and zero point 0.
 *
 * Ops that only move codes (MaxPool, Reshape, Squeeze, Unsqueeze, Transpose,
 * StridedSlice, Split, VariadicSplit, Concat, ReLU, Pad, Gather,
 * DepthToSpace, ShuffleChannels, nearest Interpolate, BatchToSpace,
 * SpaceToBatch, Slice, Broadcast) keep their opset type
 * and take and give u8/i8 (see their port element types); a Pad's pad value
 * is then a code.  AvgPool on codes (precision-preserved: a quantized layer
 * takes its output) gives the average rounded half to even to a code of the
 * same type, as the CPU plugin's u8/i8 pooling output does.
 */
#pragma once

#include "qs-model.h"

G_BEGIN_DECLS

#define QS_LPT_ERROR (qs_lpt_error_quark ())

typedef enum
{
  QS_LPT_ERROR_NO_WEIGHTS = 1,   /* the model was loaded without its .bin */
  QS_LPT_ERROR_BUILD,            /* the new graph could not be built (a bug) */
} QsLptError;

GQuark qs_lpt_error_quark (void);

typedef enum
{
  QS_LPT_PRECISION_NONE = 0,   /* Parameter, Result, Const: nothing to compute */
  QS_LPT_PRECISION_FP32,       /* runs on float values */
  QS_LPT_PRECISION_INT8,       /* u8/i8 inputs, i32 accumulation */
  QS_LPT_PRECISION_CODES,      /* quantizes, or moves u8/i8 codes unchanged */
  QS_LPT_PRECISION_FOLDED,     /* absorbed into i8 weights or Dequantize/Requantize constants */
} QsLptPrecision;

typedef enum
{
  QS_LPT_ROLE_OTHER = 0,
  QS_LPT_ROLE_FAKE_QUANTIZE,   /* a FakeQuantize that stays one */
  QS_LPT_ROLE_QUANTIZE,
  QS_LPT_ROLE_DEQUANTIZE,
  QS_LPT_ROLE_REQUANTIZE,
  QS_LPT_ROLE_INT8_COMPUTE,
  QS_LPT_ROLE_FP32_COMPUTE,
  QS_LPT_ROLE_CODES,           /* moves u8/i8 codes */
  QS_LPT_ROLE_CONST,
} QsLptRole;

/* Quantization of one tensor: real = (q - zero_point) * scale + shift. */
typedef struct
{
  QsElementType  type;         /* U8, I8 or I32; UNDEFINED when the tensor is float */
  guint          n;            /* channels (1 = per tensor) */
  int            axis;         /* channel axis, -1 per tensor */
  int            rank;         /* of the tensor */
  const double  *scale;
  const double  *zero_point;
  const double  *shift;        /* NULL when 0 */
  /* The i32 output of a padded convolution whose input zero point is not an
   * integer: added to shift per output channel and position (border_dims:
   * channels, OH, OW; OH = 1 for a 1-D convolution); NULL otherwise.  Held
   * per class of output rows and of output columns (the positions whose
   * windows have the same real taps): read it with qs_lpt_quant_border_at(). */
  const double  *border;         /* channels * border_classes[0] * border_classes[1] */
  const gint32  *border_row;     /* the class of each output row */
  const gint32  *border_col;     /* the class of each output column */
  guint          border_classes[2];
  gint64         border_dims[3];
} QsLptQuant;

/* The border correction of @quant (border != NULL) at channel @c, output
 * row @y and column @x. */
static inline double
qs_lpt_quant_border_at (const QsLptQuant *quant,
                        guint             c,
                        gint64            y,
                        gint64            x)
{
  return quant->border[((gsize) c * quant->border_classes[0] + quant->border_row[y]) * quant->border_classes[1] +
                       quant->border_col[x]];
}

/* Which grid an activation FakeQuantize's codes are on in the int8 run,
 * and so what the int8-vs-fake-quant comparison may expect of them. */
typedef enum
{
  QS_LPT_GRID_OWN = 0,         /* its own: within one code of the fake-quant value */
  QS_LPT_GRID_ALIGNED,         /* its Concat group's common interval (AlignQuantizationIntervals) */
  QS_LPT_GRID_FROM_ALIGNED,    /* its own, but computed from an aligned tensor with no other
                                * FakeQuantize between: the layers before it see coarser values */
  QS_LPT_GRID_AFTER_AVGPOOL,   /* a Requantize of codes a precision-preserved AvgPool rounded */
} QsLptGridMark;

typedef struct
{
  QsLptGridMark  mark;
  /* ALIGNED: the Concat whose inputs share the grid; FROM_ALIGNED: the
   * aligned FakeQuantize upstream; AFTER_AVGPOOL: the AvgPool */
  const QsNode  *cause;
  /* ALIGNED: the group's combined interval and step (the scale of the
   * Dequantize LPT puts after it), and the FakeQuantize's own step in the
   * IR, (oh - ol) / (levels - 1) */
  double         low, high, step, own_step;
  /* ALIGNED: the quantizer LPT gives it (updateFakeQuantize): its own
   * input range cut into @levels - 1 steps, codes from @code_low */
  guint          levels;
  int            code_low;
  /* any mark: the aligned FakeQuantize whose values reach this one's input
   * with no other FakeQuantize between (the layers before it then see
   * coarser values than in the fake-quant run); NULL if none */
  const QsNode  *from_aligned;
} QsLptGrid;

typedef struct
{
  const QsNode   *node;        /* the original layer */
  QsLptPrecision  precision;
  QsLptRole       role;        /* what it became */
  const char     *reason;      /* for FP32 (and FOLDED/CODES when useful): why, for a person */
  gboolean        is_compute;  /* Convolution, GroupConvolution, MatMul, ...BackpropData */
  QsLptQuant      input;       /* of input 0 as it arrives */
  QsLptQuant      output;      /* of output 0 */
  double          weight_sparsity; /* compute layers: share of weights exactly zero; -1 unknown */
  gboolean        aligned;     /* a FakeQuantize quantized for its Concat group's common grid
                                * (grid.mark == QS_LPT_GRID_ALIGNED, see above) */
  QsLptGrid       grid;        /* activation FakeQuantize layers: the grid of their codes */
  /* the rule of NNCF's ignored_scope (the model's rt_info) that covers the
   * layer, "pattern '/model.22/dfl'", or NULL; a compute layer it covers
   * that stays fp32 on a float input gives it as the reason */
  const char     *nncf_ignored;
} QsLptDecision;

typedef struct _QsLptResult QsLptResult;

/* The CPU the plugin's LPT configuration depends on
 * (src/plugins/intel_cpu/src/transformations/transformation_pipeline.cpp):
 * Convolution and GroupConvolution take u8 activations only, unless the
 * CPU has AMX or AVX2-VNNI-2, where they take i8 too (a signed
 * FakeQuantize before them then stays i8).  qscope's int8 convolution
 * kernel takes u8 codes: a layer OpenVINO runs on i8 activations is
 * predicted int8, and its reason says that qscope's int8 run computes it
 * on dequantized values. */
typedef enum
{
  QS_LPT_CPU_AVX2 = 1,
  QS_LPT_CPU_AVX512_VNNI,
  QS_LPT_CPU_AVX2_VNNI_2,
  QS_LPT_CPU_AMX,
} QsLptCpu;

/* Transforms @model (loaded with weights) for a CPU without AMX
 * (avx512_vnni: the activations of convolutions u8), as the int8 executor
 * runs it.  Returns (transfer full) the result, which holds a reference to
 * @model. */
QsLptResult         *qs_lpt_run                   (QsModel            *model,
                                                   GError            **error);
/* The same for @cpu. */
QsLptResult         *qs_lpt_run_for               (QsModel            *model,
                                                   QsLptCpu            cpu,
                                                   GError            **error);
QsLptCpu             qs_lpt_result_get_cpu        (const QsLptResult  *result);
/* This machine's CPU, from /proc/cpuinfo (avx2 when unknown). */
QsLptCpu             qs_lpt_cpu_host              (void);
const char          *qs_lpt_cpu_name              (QsLptCpu            cpu);
/* "avx2", "avx512_vnni", "avx2_vnni_2", "amx" */
gboolean             qs_lpt_cpu_from_string       (const char         *text,
                                                   QsLptCpu           *cpu);
/* Whether the CPU plugin's Convolution and GroupConvolution take i8 activations on @cpu. */
gboolean             qs_lpt_cpu_conv_takes_i8     (QsLptCpu            cpu);
void                 qs_lpt_result_free           (QsLptResult        *result);
/* The new model (transfer none); its nodes' origin point into the original. */
QsModel             *qs_lpt_result_get_model      (const QsLptResult  *result);
QsModel             *qs_lpt_result_get_original   (const QsLptResult  *result);
/* The decision for an original layer (by pointer or by node index). */
const QsLptDecision *qs_lpt_result_get_decision   (const QsLptResult  *result,
                                                   const QsNode       *original);
const QsLptDecision *qs_lpt_result_get_decision_at (const QsLptResult *result,
                                                   guint               index);

/* How output @original_output of an original layer is held in the new
 * graph where it is held as codes (the codes view: its own layer's copy, or
 * the Quantize or Requantize of a FakeQuantize); FALSE, with @quant zeroed,
 * when it is a float tensor.  Real values are what the Dequantize LPT puts
 * after it computes (qs_exec_int8_dequantize()). */
gboolean             qs_lpt_result_get_quant      (const QsLptResult  *result,
                                                   const QsPort       *original_output,
                                                   QsLptQuant         *quant);

/* Role of a node of either graph: a node of the new graph by its type and
 * port types, an original by its decision. */
QsLptRole            qs_lpt_result_get_role       (const QsLptResult  *result,
                                                   const QsNode       *node);
QsLptRole            qs_lpt_node_role             (const QsNode       *node);
const char          *qs_lpt_role_name             (QsLptRole           role);
const char          *qs_lpt_precision_name        (QsLptPrecision      precision);

const char          *qs_lpt_grid_mark_name        (QsLptGridMark       mark);
gboolean             qs_lpt_grid_mark_from_name   (const char         *name,
                                                   QsLptGridMark      *mark);
/* One line for a person: "aligned at Concat “c”: [0, 3.7], step 0.0145
 * (its own 0.0051)"; NULL for QS_LPT_GRID_OWN. */
char                *qs_lpt_grid_describe         (const QsLptGrid    *grid);

/* Compute layers in int8 and in all; @reasons (nullable) gets reason kind (the
 * reason without the layer names it quotes) → count
 * (guint in a pointer) of the fp32 ones; unref it. */
void                 qs_lpt_result_count          (const QsLptResult  *result,
                                                   guint              *n_int8,
                                                   guint              *n_compute,
                                                   GHashTable        **reasons);
/* Compute layers that stay fp32, grouped by reason (the reason without the
 * layer names it quotes): a new array of QsLptReasonGroup, the largest
 * group first; @n_int8 and @n_compute (nullable) get the counts. */
typedef struct
{
  char      *reason;
  GPtrArray *layers;        /* const QsNode *, run order */
} QsLptReasonGroup;

GPtrArray           *qs_lpt_result_fp32_groups    (const QsLptResult  *result,
                                                   guint              *n_int8,
                                                   guint              *n_compute);
/* Whether @node (of either graph) matches @query: every word of it, without
 * regard to case, is in the layer's name, type or — with @result — its
 * precision ("int8", "fp32", "codes", …), role or reason. */
gboolean             qs_lpt_node_matches          (const QsLptResult  *result,
                                                   const QsNode       *node,
                                                   const char         *query);
/* One line: "12/14 compute layers in int8; fp32: 2 × weights have a zero point". */
char                *qs_lpt_result_summary        (const QsLptResult  *result);

/* The FakeQuantize layers that LPT's interval alignment puts in one group
 * with @fq: those whose outputs meet in a Concat, through ops that move
 * codes, @fq included; a new array (transfer container), no set order. */
GPtrArray           *qs_lpt_aligned_group         (const QsNode       *fq);
/* Appends to @layers (without repeats) the layers @node's values reach
 * first, past the ops that move codes; through a Concat too with
 * @through_concat, and leaving out Results with @skip_results. */
void                 qs_lpt_fed_layers            (const QsNode       *node,
                                                   gboolean            through_concat,
                                                   gboolean            skip_results,
                                                   GPtrArray          *layers);
/* Whether LPT moves a Dequantize through @node keeping codes on its output
 * (data movement, Pad, Gather, nearest Interpolate, MaxPool, AvgPool,
 * ReduceMax/Min, ReLU, Concat, BatchToSpace, SpaceToBatch, Slice,
 * Broadcast). */
gboolean             qs_lpt_moves_codes           (const QsNode       *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsLptResult, qs_lpt_result_free)

G_END_DECLS
