/* ecert-verification-private.h: what the verifier fills in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ecert-verification.h"

G_BEGIN_DECLS

typedef struct
{
  EcertVerdict  verdict;
  char         *reason;
  char         *signer_subject;
  char         *signer_issuer;
  char         *signer_serial;
  GDateTime    *signer_not_before;
  GDateTime    *signer_not_after;
  GPtrArray    *chain;                  /* char *: subjects, signer first */
  const char   *digest_algorithm;
  const char   *signature_algorithm;
  const char   *canonicalization;
  GDateTime    *evaluated_at;
  char         *anchor_country;
  gboolean      signer_expired_since;
} EcertVerificationDetails;

EcertVerification *_ecert_verification_new (EcertVerificationDetails *details);
void               _ecert_verification_details_clear (EcertVerificationDetails *details);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EcertVerificationDetails, _ecert_verification_details_clear)

G_END_DECLS
