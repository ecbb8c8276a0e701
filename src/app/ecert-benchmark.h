/* ecert-benchmark.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ecert-window.h"

G_BEGIN_DECLS

#define ECERT_TYPE_BENCHMARK (ecert_benchmark_get_type ())

G_DECLARE_FINAL_TYPE (EcertBenchmark, ecert_benchmark, ECERT, BENCHMARK, GObject)

EcertBenchmark *ecert_benchmark_new           (EcertWindow    *window,
                                               gint64          launched_at);
gboolean        ecert_benchmark_get_completed (EcertBenchmark *self);

G_END_DECLS
