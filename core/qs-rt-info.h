/* qs-rt-info.h — reading the rt_info and meta_data a model carries
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The reader keeps <rt_info> and <meta_data> as XML text (QsModel,
 * QsNode, QsPort).  Two shapes occur in real files: the net's entries
 * nest by element name and hold their value in value="" (model_info/
 * scale_values, conversion_parameters/..., nncf/quantization/...; in
 * <meta_data> cli_parameters/mean_values), while layers and ports list
 * <attribute name="fused_names" value="..."/> elements.  One parse gives
 * both; lookups never fail loudly, an absent entry is NULL.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _QsRtInfo QsRtInfo;

/* Parses the text of one <rt_info> or <meta_data> element.  NULL text
 * gives an empty QsRtInfo; text that is not well-formed is an error. */
QsRtInfo   *qs_rt_info_parse          (const char      *xml_text,
                                       GError         **error);
void        qs_rt_info_free           (QsRtInfo        *info);

/* The value="" of the entry at @path, element names separated by '/'
 * below the top element ("model_info/scale_values"); NULL when absent. */
const char *qs_rt_info_get            (const QsRtInfo  *info,
                                       const char      *path);
/* The @key attribute of the <attribute name="@name" .../> element (at any
 * depth); NULL when absent. */
const char *qs_rt_info_get_attribute  (const QsRtInfo  *info,
                                       const char      *name,
                                       const char      *key);
/* The names of the children of the entry at @path ("" is the top), in
 * document order, or NULL when it has none.  Free with g_strfreev(). */
char      **qs_rt_info_list           (const QsRtInfo  *info,
                                       const char      *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QsRtInfo, qs_rt_info_free)

G_END_DECLS
