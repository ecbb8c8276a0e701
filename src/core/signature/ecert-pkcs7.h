/* ecert-pkcs7.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ecert-trust-store.h"

G_BEGIN_DECLS

/**
 * EcertPkcs7Verdict:
 * @ECERT_PKCS7_VALID: the signature holds and an anchor vouches for the signer
 * @ECERT_PKCS7_SIGNER_UNKNOWN: the signature holds, but no anchor vouches for
 *   the signer
 * @ECERT_PKCS7_FAILED: the signature does not hold (the content was changed)
 *   or cannot be read
 */
typedef enum
{
  ECERT_PKCS7_VALID,
  ECERT_PKCS7_SIGNER_UNKNOWN,
  ECERT_PKCS7_FAILED,
} EcertPkcs7Verdict;

EcertPkcs7Verdict ecert_pkcs7_verify (GBytes           *signed_data,
                                      GBytes           *detached_content,
                                      EcertTrustStore  *trust,
                                      char            **signer,
                                      GBytes          **embedded_content);

G_END_DECLS
