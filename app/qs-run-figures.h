/* qs-run-figures.h — the analysis figures the window shows, with their
 * translated titles and how a value is written
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 * The window reads a QsAnalysisResult (the capture dump and render read
 * too); this is only its choice of columns and their wording.
 */
#pragma once

#include "qs-analysis.h"

G_BEGIN_DECLS

/* The figures of the table, the colour-by list and the inspector, in order. */
#define QS_RUN_N_FIGURES 6
extern const QsFigure qs_run_figures[QS_RUN_N_FIGURES];

const char  *qs_run_figure_title  (QsFigure              figure);
char        *qs_run_figure_format (QsFigure              figure,
                                   double                value);
/* @row's value of @figure: the mean over samples, or the worst sample's. */
double       qs_run_row_value     (const QsAnalysisRow  *row,
                                   QsFigure              figure,
                                   QsAggregate           aggregate);
/* "astronaut.png", or "5 samples (2 skipped)". */
char        *qs_run_describe      (const QsAnalysisResult *result);

G_END_DECLS
