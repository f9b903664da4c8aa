/* qs-application.h — the qscope application
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define QS_TYPE_APPLICATION (qs_application_get_type ())

G_DECLARE_FINAL_TYPE (QsApplication, qs_application, QS, APPLICATION, AdwApplication)

QsApplication *qs_application_new          (void);
GSettings     *qs_application_get_settings (QsApplication *self);
GFile         *qs_application_find_sample  (QsApplication *self);

G_END_DECLS
