/* qs-text.c
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "qs-text.h"

void
qs_text_flatten (char *text)
{
  char *p;

  if (text == NULL)
    return;
  for (p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';
}

void
qs_error_flatten (GError *error)
{
  if (error != NULL)
    qs_text_flatten (error->message);
}
