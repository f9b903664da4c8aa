/* qs-element-type.c
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * One designated-initializer table describes every element type the IR can
 * name; everything that dispatches on a type goes through it.  The .bin is
 * little-endian and unaligned, so every multi-byte read goes through memcpy.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qs-element-type.h"

static inline guint16
load_u16 (const guint8 *p)
{
  guint16 v;
  memcpy (&v, p, sizeof v);
  return GUINT16_FROM_LE (v);
}

static inline guint32
load_u32 (const guint8 *p)
{
  guint32 v;
  memcpy (&v, p, sizeof v);
  return GUINT32_FROM_LE (v);
}

static inline guint64
load_u64 (const guint8 *p)
{
  guint64 v;
  memcpy (&v, p, sizeof v);
  return GUINT64_FROM_LE (v);
}

float
qs_f16_to_f32 (guint16 h)
{
  guint32 sign = (guint32) (h & 0x8000) << 16;
  guint32 exp = (h >> 10) & 0x1f;
  guint32 man = h & 0x3ff;
  guint32 bits;
  float f;

  if (exp == 0)
    {
      /* zero or subnormal: man * 2^-24, exact in float */
      f = ldexpf ((float) man, -24);
      return sign ? -f : f;
    }
  if (exp == 31)
    bits = sign | 0x7f800000u | (man << 13);
  else
    bits = sign | ((exp + 112) << 23) | (man << 13);
  memcpy (&f, &bits, sizeof f);
  return f;
}

guint16
qs_f32_to_f16 (float value)
{
  guint32 x, sign, mag;

  memcpy (&x, &value, sizeof x);
  sign = (x >> 16) & 0x8000;
  mag = x & 0x7fffffff;

  if (mag >= 0x7f800000u)                       /* inf or NaN */
    return sign | 0x7c00 | (mag > 0x7f800000u ? 0x200 : 0);
  if (mag >= 0x477ff000u)                       /* rounds to >= 65520: inf */
    return sign | 0x7c00;
  if (mag < 0x38800000u)                        /* below the smallest normal half */
    {
      /* subnormal: round mag * 2^24 to an integer, half to even */
      float m;
      memcpy (&m, &mag, sizeof m);
      return sign | (guint16) rintf (m * 16777216.0f);
    }
  {
    /* normal: rebias and round the 13 dropped bits half to even */
    guint32 r = mag - 0x38000000u;
    guint32 rounded = (r + 0x0fff + ((r >> 13) & 1)) >> 13;
    return sign | (guint16) rounded;
  }
}

float
qs_bf16_to_f32 (guint16 bits)
{
  guint32 x = (guint32) bits << 16;
  float f;

  memcpy (&f, &x, sizeof f);
  return f;
}

static const float nf4_levels[16] = {
  -1.0f, -0.6961928010f, -0.5250730515f, -0.3949174881f,
  -0.2844413817f, -0.1847734302f, -0.0910500363f, 0.0f,
  0.0795802996f, 0.1609302014f, 0.2461123019f, 0.3379152417f,
  0.4407098293f, 0.5626170039f, 0.7229568362f, 1.0f,
};

static inline guint
nibble (const guint8 *d, gsize i)
{
  guint8 b = d[i / 2];
  return (i & 1) ? (b >> 4) : (b & 0x0f);
}

static float boolean_to_f32 (const guint8 *d, gsize i) { return d[i] != 0 ? 1.0f : 0.0f; }
static float u1_to_f32 (const guint8 *d, gsize i) { return (float) ((d[i / 8] >> (7 - (i % 8))) & 1); }
static float u4_to_f32 (const guint8 *d, gsize i) { return (float) nibble (d, i); }
static float i4_to_f32 (const guint8 *d, gsize i) { return (float) (((int) nibble (d, i) ^ 8) - 8); }
static float nf4_to_f32 (const guint8 *d, gsize i) { return nf4_levels[nibble (d, i)]; }
static float u8_to_f32 (const guint8 *d, gsize i) { return (float) d[i]; }
static float i8_to_f32 (const guint8 *d, gsize i) { return (float) (gint8) d[i]; }
static float u16_to_f32 (const guint8 *d, gsize i) { return (float) load_u16 (d + 2 * i); }
static float i16_to_f32 (const guint8 *d, gsize i) { return (float) (gint16) load_u16 (d + 2 * i); }
static float u32_to_f32 (const guint8 *d, gsize i) { return (float) load_u32 (d + 4 * i); }
static float i32_to_f32 (const guint8 *d, gsize i) { return (float) (gint32) load_u32 (d + 4 * i); }
static float u64_to_f32 (const guint8 *d, gsize i) { return (float) load_u64 (d + 8 * i); }
static float i64_to_f32 (const guint8 *d, gsize i) { return (float) (gint64) load_u64 (d + 8 * i); }
static float f16_to_f32 (const guint8 *d, gsize i) { return qs_f16_to_f32 (load_u16 (d + 2 * i)); }
static float bf16_to_f32 (const guint8 *d, gsize i) { return qs_bf16_to_f32 (load_u16 (d + 2 * i)); }

static float
f32_to_f32 (const guint8 *d, gsize i)
{
  float f;
  memcpy (&f, d + 4 * i, sizeof f);
  return f;
}

static float
f64_to_f32 (const guint8 *d, gsize i)
{
  guint64 x = load_u64 (d + 8 * i);
  double v;
  memcpy (&v, &x, sizeof v);
  return (float) v;
}

/* OCP FP8 E4M3 ("FN"): bias 7, no infinities, S.1111.111 is NaN. */
static float
f8e4m3_to_f32 (const guint8 *d, gsize i)
{
  guint8 b = d[i];
  int exp = (b >> 3) & 0xf;
  int man = b & 0x7;
  float v;

  if (exp == 0xf && man == 0x7)
    return NAN;
  if (exp == 0)
    v = ldexpf ((float) man, -9);                 /* man/8 * 2^-6 */
  else
    v = ldexpf ((float) (8 + man), exp - 10);     /* (1 + man/8) * 2^(exp-7) */
  return (b & 0x80) ? -v : v;
}

/* FP8 E5M2: the upper byte of an IEEE half. */
static float
f8e5m2_to_f32 (const guint8 *d, gsize i)
{
  return qs_f16_to_f32 ((guint16) d[i] << 8);
}

static const QsElementTraits traits[QS_ELEMENT_N_TYPES] = {
  [QS_ELEMENT_UNDEFINED] = { .name = "undefined", .precision = "UNSPECIFIED", .bits = 0 },
  [QS_ELEMENT_BOOLEAN] = { .name = "boolean", .precision = "BOOL", .bits = 8, .is_integer = TRUE, .to_f32 = boolean_to_f32 },
  [QS_ELEMENT_U1] = { .name = "u1", .precision = "BIN", .bits = 1, .is_integer = TRUE, .to_f32 = u1_to_f32 },
  [QS_ELEMENT_U4] = { .name = "u4", .precision = "U4", .bits = 4, .is_integer = TRUE, .to_f32 = u4_to_f32 },
  [QS_ELEMENT_I4] = { .name = "i4", .precision = "I4", .bits = 4, .is_integer = TRUE, .is_signed = TRUE, .to_f32 = i4_to_f32 },
  [QS_ELEMENT_U8] = { .name = "u8", .precision = "U8", .bits = 8, .is_integer = TRUE, .to_f32 = u8_to_f32 },
  [QS_ELEMENT_I8] = { .name = "i8", .precision = "I8", .bits = 8, .is_integer = TRUE, .is_signed = TRUE, .to_f32 = i8_to_f32 },
  [QS_ELEMENT_U16] = { .name = "u16", .precision = "U16", .bits = 16, .is_integer = TRUE, .to_f32 = u16_to_f32 },
  [QS_ELEMENT_I16] = { .name = "i16", .precision = "I16", .bits = 16, .is_integer = TRUE, .is_signed = TRUE, .to_f32 = i16_to_f32 },
  [QS_ELEMENT_U32] = { .name = "u32", .precision = "U32", .bits = 32, .is_integer = TRUE, .to_f32 = u32_to_f32 },
  [QS_ELEMENT_I32] = { .name = "i32", .precision = "I32", .bits = 32, .is_integer = TRUE, .is_signed = TRUE, .to_f32 = i32_to_f32 },
  [QS_ELEMENT_U64] = { .name = "u64", .precision = "U64", .bits = 64, .is_integer = TRUE, .to_f32 = u64_to_f32 },
  [QS_ELEMENT_I64] = { .name = "i64", .precision = "I64", .bits = 64, .is_integer = TRUE, .is_signed = TRUE, .to_f32 = i64_to_f32 },
  [QS_ELEMENT_F16] = { .name = "f16", .precision = "FP16", .bits = 16, .is_float = TRUE, .is_signed = TRUE, .to_f32 = f16_to_f32 },
  [QS_ELEMENT_BF16] = { .name = "bf16", .precision = "BF16", .bits = 16, .is_float = TRUE, .is_signed = TRUE, .to_f32 = bf16_to_f32 },
  [QS_ELEMENT_F32] = { .name = "f32", .precision = "FP32", .bits = 32, .is_float = TRUE, .is_signed = TRUE, .to_f32 = f32_to_f32 },
  [QS_ELEMENT_F64] = { .name = "f64", .precision = "FP64", .bits = 64, .is_float = TRUE, .is_signed = TRUE, .to_f32 = f64_to_f32 },
  [QS_ELEMENT_NF4] = { .name = "nf4", .precision = "NF4", .bits = 4, .is_float = TRUE, .is_signed = TRUE, .to_f32 = nf4_to_f32 },
  [QS_ELEMENT_F8E4M3] = { .name = "f8e4m3", .precision = "F8E4M3", .bits = 8, .is_float = TRUE, .is_signed = TRUE, .to_f32 = f8e4m3_to_f32 },
  [QS_ELEMENT_F8E5M2] = { .name = "f8e5m2", .precision = "F8E5M2", .bits = 8, .is_float = TRUE, .is_signed = TRUE, .to_f32 = f8e5m2_to_f32 },
  [QS_ELEMENT_STRING] = { .name = "string", .precision = "STRING", .bits = 0 },
};

/* Spellings beyond the table's two: older writers and hand-written files. */
static const struct { const char *alias; QsElementType type; } aliases[] = {
  { "U1", QS_ELEMENT_U1 },
  { "bin", QS_ELEMENT_U1 },
  { "bool", QS_ELEMENT_BOOLEAN },
  { "dynamic", QS_ELEMENT_UNDEFINED },
};

const QsElementTraits *
qs_element_type_traits (QsElementType type)
{
  if ((guint) type >= QS_ELEMENT_N_TYPES)
    type = QS_ELEMENT_UNDEFINED;
  return &traits[type];
}

const char *
qs_element_type_name (QsElementType type)
{
  return qs_element_type_traits (type)->name;
}

QsElementType
qs_element_type_from_range (const char *text,
                            gsize       len)
{
  guint i;

  if (text == NULL)
    return QS_ELEMENT_UNDEFINED;

  for (i = 0; i < QS_ELEMENT_N_TYPES; i++)
    {
      if ((strlen (traits[i].name) == len && g_ascii_strncasecmp (text, traits[i].name, len) == 0) ||
          (strlen (traits[i].precision) == len && g_ascii_strncasecmp (text, traits[i].precision, len) == 0))
        return (QsElementType) i;
    }
  for (i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      if (strlen (aliases[i].alias) == len && g_ascii_strncasecmp (text, aliases[i].alias, len) == 0)
        return aliases[i].type;
    }
  return QS_ELEMENT_N_TYPES;
}

/**
 * qs_element_type_from_string:
 * @text: a name ("f32") or precision ("FP32"), in any case
 *
 * Returns: the type, QS_ELEMENT_UNDEFINED for "undefined"/"dynamic", or
 *   QS_ELEMENT_N_TYPES when @text names no element type.
 */
QsElementType
qs_element_type_from_string (const char *text)
{
  if (text == NULL)
    return QS_ELEMENT_N_TYPES;
  return qs_element_type_from_range (text, strlen (text));
}

/**
 * qs_element_type_byte_size:
 *
 * The bytes @n_elements of @type occupy, packed: ceil(n * bits / 8).
 * Returns: %FALSE on overflow or for a type without a fixed size.
 */
gboolean
qs_element_type_byte_size (QsElementType  type,
                           guint64        n_elements,
                           guint64       *n_bytes)
{
  guint bits = qs_element_type_traits (type)->bits;

  if (bits == 0)
    return FALSE;
  if (bits >= 8)
    {
      guint64 width = bits / 8;
      if (n_elements > G_MAXUINT64 / width)
        return FALSE;
      *n_bytes = n_elements * width;
      return TRUE;
    }
  /* sub-byte: ceil (n * bits / 8) without overflowing n * bits */
  *n_bytes = n_elements / 8 * bits + ((n_elements % 8) * bits + 7) / 8;
  return TRUE;
}

gboolean
qs_element_type_is_numeric (QsElementType type)
{
  return qs_element_type_traits (type)->to_f32 != NULL;
}

void
qs_element_type_to_f32 (QsElementType  type,
                        const guint8  *data,
                        gsize          n_elements,
                        float         *out)
{
  QsToF32Func f = qs_element_type_traits (type)->to_f32;
  gsize i;

  g_return_if_fail (f != NULL);

  if (type == QS_ELEMENT_F32 && G_BYTE_ORDER == G_LITTLE_ENDIAN)
    {
      memcpy (out, data, n_elements * sizeof (float));
      return;
    }
  for (i = 0; i < n_elements; i++)
    out[i] = f (data, i);
}
