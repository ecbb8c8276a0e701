/* ecert-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ECERT_ERROR (ecert_error_quark ())

/**
 * EcertError:
 * @ECERT_ERROR_FAILED: an error with no more specific code
 * @ECERT_ERROR_INVALID_ARGUMENT: a value given by the user or a caller is not acceptable
 * @ECERT_ERROR_INVALID_ADDRESS: a hub address cannot be used
 * @ECERT_ERROR_INVALID_COUNTRY: a country code is not ISO 3166-1 alpha-2
 *
 * Codes of the %ECERT_ERROR domain. Callers branch on them, so a code, once
 * published, keeps its meaning.
 */
typedef enum
{
  ECERT_ERROR_FAILED,
  ECERT_ERROR_INVALID_ARGUMENT,
  ECERT_ERROR_INVALID_ADDRESS,
  ECERT_ERROR_INVALID_COUNTRY,
} EcertError;

GQuark ecert_error_quark (void);

G_END_DECLS
