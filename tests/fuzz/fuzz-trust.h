/* fuzz-trust.h: the trust store the signature fuzz targets verify against
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ecert-trust-store.h"

EcertTrustStore *ecert_fuzz_get_trust_store (void);
