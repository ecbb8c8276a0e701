/* ecert-verification.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * EcertVerdict:
 * @ECERT_VERDICT_VALID: the signature is intact and the signer is trusted for
 *   the exporting country at the time of issue
 * @ECERT_VERDICT_INVALID: the signed content or the signature was altered
 * @ECERT_VERDICT_UNTRUSTED_SIGNER: the signature is intact but no trust
 *   anchor vouches for the signer, or the signer may not sign
 * @ECERT_VERDICT_NOT_AUTHORISED: the signer is trusted, but only for another
 *   country than the one the certificate says it was exported from
 * @ECERT_VERDICT_EXPIRED_SIGNER: a certificate of the signer's chain was not
 *   valid when the certificate was issued
 * @ECERT_VERDICT_UNSIGNED: there is no signature; the certificate relies on
 *   the hub's authenticated channel
 * @ECERT_VERDICT_UNSUPPORTED: the signature is outside the profile this
 *   program accepts, so it was not evaluated
 */
typedef enum
{
  ECERT_VERDICT_VALID,
  ECERT_VERDICT_INVALID,
  ECERT_VERDICT_UNTRUSTED_SIGNER,
  ECERT_VERDICT_NOT_AUTHORISED,
  ECERT_VERDICT_EXPIRED_SIGNER,
  ECERT_VERDICT_UNSIGNED,
  ECERT_VERDICT_UNSUPPORTED,
} EcertVerdict;

#define ECERT_TYPE_VERIFICATION (ecert_verification_get_type ())

G_DECLARE_FINAL_TYPE (EcertVerification, ecert_verification, ECERT, VERIFICATION, GObject)

const char   *ecert_verdict_to_string               (EcertVerdict       verdict);
const char   *ecert_verdict_get_label               (EcertVerdict       verdict);
gboolean      ecert_verdict_from_string             (const char        *name,
                                                     EcertVerdict      *verdict);

EcertVerdict  ecert_verification_get_verdict        (EcertVerification *self);
const char   *ecert_verification_get_reason         (EcertVerification *self);
const char   *ecert_verification_get_signer_subject (EcertVerification *self);
const char   *ecert_verification_get_signer_issuer  (EcertVerification *self);
const char   *ecert_verification_get_signer_serial  (EcertVerification *self);
GDateTime    *ecert_verification_get_signer_not_before (EcertVerification *self);
GDateTime    *ecert_verification_get_signer_not_after  (EcertVerification *self);
const char * const *ecert_verification_get_chain    (EcertVerification *self);
const char   *ecert_verification_get_digest_algorithm    (EcertVerification *self);
const char   *ecert_verification_get_signature_algorithm (EcertVerification *self);
const char   *ecert_verification_get_canonicalization    (EcertVerification *self);
GDateTime    *ecert_verification_get_evaluated_at   (EcertVerification *self);
const char   *ecert_verification_get_anchor_country (EcertVerification *self);
gboolean      ecert_verification_get_signer_expired_since (EcertVerification *self);

G_END_DECLS
