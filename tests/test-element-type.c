/* test-element-type.c — every element type decoded, every list and shape form
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "qscope-core.h"

static void
check_decode (QsElementType  type,
              const guint8  *bytes,
              gsize          n,
              const float   *expected)
{
  g_autofree float *out = g_new (float, n);
  gsize i;

  qs_element_type_to_f32 (type, bytes, n, out);
  for (i = 0; i < n; i++)
    {
      if (isnan (expected[i]))
        g_assert_true (isnan (out[i]));
      else
        g_assert_cmpfloat (out[i], ==, expected[i]);
    }
}

static void
test_names (void)
{
  guint i;

  for (i = 1; i < QS_ELEMENT_N_TYPES; i++)
    {
      const QsElementTraits *t = qs_element_type_traits (i);
      g_autofree char *upper = g_ascii_strup (t->name, -1);

      g_assert_cmpint (qs_element_type_from_string (t->name), ==, i);
      g_assert_cmpint (qs_element_type_from_string (t->precision), ==, i);
      g_assert_cmpint (qs_element_type_from_string (upper), ==, i);
    }
  g_assert_cmpint (qs_element_type_from_string ("FP32"), ==, QS_ELEMENT_F32);
  g_assert_cmpint (qs_element_type_from_string ("BIN"), ==, QS_ELEMENT_U1);
  g_assert_cmpint (qs_element_type_from_string ("bool"), ==, QS_ELEMENT_BOOLEAN);
  g_assert_cmpint (qs_element_type_from_string ("f31"), ==, QS_ELEMENT_N_TYPES);
  g_assert_cmpint (qs_element_type_from_string (""), ==, QS_ELEMENT_N_TYPES);
}

static void
test_sizes (void)
{
  guint64 n;

  g_assert_true (qs_element_type_byte_size (QS_ELEMENT_F32, 10, &n));
  g_assert_cmpuint (n, ==, 40);
  g_assert_true (qs_element_type_byte_size (QS_ELEMENT_U4, 7, &n));
  g_assert_cmpuint (n, ==, 4);
  g_assert_true (qs_element_type_byte_size (QS_ELEMENT_U1, 9, &n));
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (qs_element_type_byte_size (QS_ELEMENT_I4, G_MAXUINT64, &n));
  g_assert_cmpuint (n, ==, G_MAXUINT64 / 2 + 1);
  g_assert_false (qs_element_type_byte_size (QS_ELEMENT_I64, G_MAXUINT64 / 4, &n));
  g_assert_false (qs_element_type_byte_size (QS_ELEMENT_STRING, 1, &n));
}

static void
test_integers (void)
{
  const guint8 boolean[] = { 0, 1, 7 };
  const float boolean_f[] = { 0, 1, 1 };
  const guint8 u1[] = { 0xA5, 0x80 };          /* 1010 0101 1000 0000 */
  const float u1_f[] = { 1, 0, 1, 0, 0, 1, 0, 1, 1 };
  const guint8 u4[] = { 0x21, 0xF0 };          /* low nibble first */
  const float u4_f[] = { 1, 2, 0, 15 };
  const guint8 i4[] = { 0xF8, 0x71 };
  const float i4_f[] = { -8, -1, 1, 7 };
  const guint8 u8[] = { 0, 128, 255 };
  const float u8_f[] = { 0, 128, 255 };
  const guint8 i8[] = { 0x80, 0xFF, 0x7F };
  const float i8_f[] = { -128, -1, 127 };
  const guint8 u16[] = { 0x34, 0x12, 0xFF, 0xFF };
  const float u16_f[] = { 0x1234, 65535 };
  const guint8 i16[] = { 0x00, 0x80, 0xFF, 0xFF };
  const float i16_f[] = { -32768, -1 };
  const guint8 u32[] = { 0x78, 0x56, 0x34, 0x12 };
  const float u32_f[] = { (float) 0x12345678u };
  const guint8 i32[] = { 0xFE, 0xFF, 0xFF, 0xFF };
  const float i32_f[] = { -2 };
  const guint8 u64[] = { 1, 0, 0, 0, 1, 0, 0, 0 };
  const float u64_f[] = { 4294967297.0f };
  const guint8 i64[] = { 0xFD, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
  const float i64_f[] = { -3 };

  check_decode (QS_ELEMENT_BOOLEAN, boolean, 3, boolean_f);
  check_decode (QS_ELEMENT_U1, u1, 9, u1_f);
  check_decode (QS_ELEMENT_U4, u4, 4, u4_f);
  check_decode (QS_ELEMENT_I4, i4, 4, i4_f);
  check_decode (QS_ELEMENT_U8, u8, 3, u8_f);
  check_decode (QS_ELEMENT_I8, i8, 3, i8_f);
  check_decode (QS_ELEMENT_U16, u16, 2, u16_f);
  check_decode (QS_ELEMENT_I16, i16, 2, i16_f);
  check_decode (QS_ELEMENT_U32, u32, 1, u32_f);
  check_decode (QS_ELEMENT_I32, i32, 1, i32_f);
  check_decode (QS_ELEMENT_U64, u64, 1, u64_f);
  check_decode (QS_ELEMENT_I64, i64, 1, i64_f);
}

static void
test_floats (void)
{
  /* f16: 1.0, -2.0, 65504 (max), 2^-24 (smallest subnormal), inf, NaN */
  const guint8 f16[] = { 0x00, 0x3C, 0x00, 0xC0, 0xFF, 0x7B, 0x01, 0x00, 0x00, 0x7C, 0x01, 0x7E };
  const float f16_f[] = { 1.0f, -2.0f, 65504.0f, 5.9604644775390625e-8f, INFINITY, NAN };
  /* bf16: 1.0 = 0x3F80, -0.5 = 0xBF00 */
  const guint8 bf16[] = { 0x80, 0x3F, 0x00, 0xBF };
  const float bf16_f[] = { 1.0f, -0.5f };
  /* f32 at an odd offset: unaligned reads are normal in .bin files */
  guint8 f32[9] = { 0 };
  const float f32_v[2] = { 3.5f, -0.125f };
  const float f32_f[] = { 3.5f, -0.125f };
  const guint8 f64[] = { 0, 0, 0, 0, 0, 0, 0xF8, 0x3F };   /* 1.5 */
  const float f64_f[] = { 1.5f };
  /* nf4 codes 0, 7, 15, 8 */
  const guint8 nf4[] = { 0x70, 0x8F };
  const float nf4_f[] = { -1.0f, 0.0f, 1.0f, 0.0795802996f };
  /* f8e4m3: 0x38 = 1.0, 0x7E = 448 (max), 0x01 = 2^-9, 0xB0 = -0.5, 0x7F = NaN */
  const guint8 e4m3[] = { 0x38, 0x7E, 0x01, 0xB0, 0x7F };
  const float e4m3_f[] = { 1.0f, 448.0f, 0.001953125f, -0.5f, NAN };
  /* f8e5m2: 0x3C = 1.0, 0x7B = 57344 (max), 0x7C = inf, 0x01 = 2^-16 */
  const guint8 e5m2[] = { 0x3C, 0x7B, 0x7C, 0x01 };
  const float e5m2_f[] = { 1.0f, 57344.0f, INFINITY, 1.52587890625e-5f };

  memcpy (f32 + 1, f32_v, sizeof f32_v);
  check_decode (QS_ELEMENT_F16, f16, 6, f16_f);
  check_decode (QS_ELEMENT_BF16, bf16, 2, bf16_f);
  check_decode (QS_ELEMENT_F32, f32 + 1, 2, f32_f);
  check_decode (QS_ELEMENT_F64, f64, 1, f64_f);
  check_decode (QS_ELEMENT_NF4, nf4, 4, nf4_f);
  check_decode (QS_ELEMENT_F8E4M3, e4m3, 5, e4m3_f);
  check_decode (QS_ELEMENT_F8E5M2, e5m2, 4, e5m2_f);
}

static void
test_f16_round_trip (void)
{
  guint32 h;

  /* every finite half survives f16 -> f32 -> f16 */
  for (h = 0; h < 0x10000; h++)
    {
      float f = qs_f16_to_f32 (h);
      if (isnan (f))
        continue;
      g_assert_cmpuint (qs_f32_to_f16 (f), ==, h);
    }
  /* halfway cases round to even */
  g_assert_cmpuint (qs_f32_to_f16 (1.0f + 1.0f / 2048), ==, 0x3C00);
  g_assert_cmpuint (qs_f32_to_f16 (1.0f + 3.0f / 2048), ==, 0x3C02);
  g_assert_cmpuint (qs_f32_to_f16 (65520.0f), ==, 0x7C00);
}

static void
check_int_list (const char   *text,
                const gint64 *expected,
                guint         n)
{
  g_autoptr(GArray) list = qs_parse_int_list (text);
  guint i;

  g_assert_nonnull (list);
  g_assert_cmpuint (list->len, ==, n);
  for (i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (list, gint64, i), ==, expected[i]);
}

static void
test_lists (void)
{
  const gint64 a[] = { 1, 2 };
  const gint64 b[] = { 16, 3, 3, 3 };
  const gint64 c[] = { -1, 0 };
  g_autoptr(GArray) f = qs_parse_float_list ("1e-09, -inf,0.5");
  g_autoptr(GArray) bad1 = qs_parse_int_list ("1,,2");
  g_autoptr(GArray) bad2 = qs_parse_int_list ("1;2");
  g_autoptr(GArray) bad3 = qs_parse_int_list ("99999999999999999999");
  g_autoptr(GArray) bad4 = qs_parse_float_list ("1.0x");
  gboolean bv;
  gint64 iv;

  check_int_list ("1,2", a, 2);
  check_int_list ("16, 3, 3, 3", b, 4);
  check_int_list (" -1 ,0 ", c, 2);
  check_int_list ("", NULL, 0);
  check_int_list ("  ", NULL, 0);

  g_assert_nonnull (f);
  g_assert_cmpuint (f->len, ==, 3);
  g_assert_cmpfloat (g_array_index (f, double, 0), ==, 1e-9);
  g_assert_true (isinf (g_array_index (f, double, 1)) && g_array_index (f, double, 1) < 0);
  g_assert_cmpfloat (g_array_index (f, double, 2), ==, 0.5);

  g_assert_null (bad1);
  g_assert_null (bad2);
  g_assert_null (bad3);
  g_assert_null (bad4);

  g_assert_true (qs_parse_bool ("TRUE", &bv) && bv);
  g_assert_true (qs_parse_bool ("0", &bv) && !bv);
  g_assert_false (qs_parse_bool ("yes", &bv));
  g_assert_true (qs_parse_int64 (" 42 ", &iv) && iv == 42);
  g_assert_false (qs_parse_int64 ("4 2", &iv));
}

typedef struct
{
  const char *text;
  int         rank;
  const char *printed;
} ShapeCase;

static void
test_shapes (void)
{
  const ShapeCase good[] = {
    { "1,3,224,224", 4, "[1,3,224,224]" },
    { "16, 3, 3, 3", 4, "[16,3,3,3]" },
    { "", 0, "[]" },
    { "?,8,3,160,160", 5, "[?,8,3,160,160]" },
    { "-1,128", 2, "[?,128]" },
    { "[-1,128]", 2, "[?,128]" },
    { "1..8,3", 2, "[1..8,3]" },
    { "..5, 4..", 2, "[0..5,4..]" },
    { "2..2", 1, "[2]" },
    { "...", QS_RANK_DYNAMIC, "[...]" },
    { "?", 1, "[?]" },
  };
  const char *bad[] = { "1,,2", "-2", "a", "[1,2", "5..3", "1,2x", "99999999999" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (good); i++)
    {
      QsShape shape;
      g_autoptr(GError) error = NULL;
      g_autofree char *printed = NULL;

      g_assert_true (qs_parse_shape (good[i].text, &shape, &error));
      g_assert_no_error (error);
      g_assert_cmpint (shape.rank, ==, good[i].rank);
      printed = qs_shape_to_string (&shape);
      g_assert_cmpstr (printed, ==, good[i].printed);
      qs_shape_clear (&shape);
    }
  for (i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      QsShape shape;
      g_autoptr(GError) error = NULL;

      g_assert_false (qs_parse_shape (bad[i], &shape, &error));
      g_assert_error (error, QS_IR_ERROR, error->code);
      g_assert_nonnull (strstr (error->message, "dimension") ? error->message : strstr (error->message, "bracket"));
      qs_shape_clear (&shape);
    }
}

static void
test_n_elements (void)
{
  QsShape shape;
  guint64 n;

  g_assert_true (qs_parse_shape ("2,3,4", &shape, NULL));
  g_assert_true (qs_shape_n_elements (&shape, &n));
  g_assert_cmpuint (n, ==, 24);
  qs_shape_clear (&shape);

  g_assert_true (qs_parse_shape ("", &shape, NULL));
  g_assert_true (qs_shape_n_elements (&shape, &n));
  g_assert_cmpuint (n, ==, 1);
  qs_shape_clear (&shape);

  g_assert_true (qs_parse_shape ("2,0,4", &shape, NULL));
  g_assert_true (qs_shape_n_elements (&shape, &n));
  g_assert_cmpuint (n, ==, 0);
  qs_shape_clear (&shape);

  /* 2^31-1 cubed does not fit: the product must say so, not wrap */
  g_assert_true (qs_parse_shape ("2147483647,2147483647,2147483647", &shape, NULL));
  g_assert_false (qs_shape_n_elements (&shape, &n));
  qs_shape_clear (&shape);

  g_assert_true (qs_parse_shape ("?,3", &shape, NULL));
  g_assert_false (qs_shape_n_elements (&shape, &n));
  qs_shape_clear (&shape);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qscope/element-type/names", test_names);
  g_test_add_func ("/qscope/element-type/sizes", test_sizes);
  g_test_add_func ("/qscope/element-type/integers", test_integers);
  g_test_add_func ("/qscope/element-type/floats", test_floats);
  g_test_add_func ("/qscope/element-type/f16-round-trip", test_f16_round_trip);
  g_test_add_func ("/qscope/parse/lists", test_lists);
  g_test_add_func ("/qscope/parse/shapes", test_shapes);
  g_test_add_func ("/qscope/parse/n-elements", test_n_elements);

  return g_test_run ();
}
