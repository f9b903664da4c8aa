/* qs-element-type.h — OpenVINO element types, driven by one table of traits
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  QS_ELEMENT_UNDEFINED = 0,
  QS_ELEMENT_BOOLEAN,
  QS_ELEMENT_U1,
  QS_ELEMENT_U4,
  QS_ELEMENT_I4,
  QS_ELEMENT_U8,
  QS_ELEMENT_I8,
  QS_ELEMENT_U16,
  QS_ELEMENT_I16,
  QS_ELEMENT_U32,
  QS_ELEMENT_I32,
  QS_ELEMENT_U64,
  QS_ELEMENT_I64,
  QS_ELEMENT_F16,
  QS_ELEMENT_BF16,
  QS_ELEMENT_F32,
  QS_ELEMENT_F64,
  QS_ELEMENT_NF4,
  QS_ELEMENT_F8E4M3,
  QS_ELEMENT_F8E5M2,
  QS_ELEMENT_STRING,
  QS_ELEMENT_N_TYPES
} QsElementType;

/* Reads element @index of a packed buffer as float.  Sub-byte types index
 * elements, not bytes (4-bit: element 0 in the low nibble; u1: MSB first). */
typedef float (*QsToF32Func) (const guint8 *data,
                              gsize         index);

typedef struct
{
  const char  *name;        /* "f32": the spelling of element_type="" */
  const char  *precision;   /* "FP32": the spelling of a port's precision="" */
  guint        bits;        /* storage bits per element; 0 for string */
  guint        is_float : 1;
  guint        is_signed : 1;
  guint        is_integer : 1;
  QsToF32Func  to_f32;      /* NULL for string and undefined */
} QsElementTraits;

const QsElementTraits *qs_element_type_traits      (QsElementType  type);
const char            *qs_element_type_name        (QsElementType  type);
QsElementType          qs_element_type_from_string (const char    *text);
QsElementType          qs_element_type_from_range  (const char    *text,
                                                    gsize          len);
gboolean               qs_element_type_byte_size   (QsElementType  type,
                                                    guint64        n_elements,
                                                    guint64       *n_bytes);
gboolean               qs_element_type_is_numeric  (QsElementType  type);
void                   qs_element_type_to_f32      (QsElementType  type,
                                                    const guint8  *data,
                                                    gsize          n_elements,
                                                    float         *out);

float                  qs_f16_to_f32               (guint16        bits);
guint16                qs_f32_to_f16               (float          value);
float                  qs_bf16_to_f32              (guint16        bits);

G_END_DECLS
