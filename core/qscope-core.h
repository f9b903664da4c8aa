/* qscope-core.h — everything the window and the CLI use from the core
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "qs-element-type.h"
#include "qs-graph.h"
#include "qs-model.h"
#include "qs-model-info.h"
#include "qs-nncf.h"
#include "qs-weights.h"
