/* ecert-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-error"

#include "config.h"

#include "ecert-error.h"

G_DEFINE_QUARK (ecert-error-quark, ecert_error)
