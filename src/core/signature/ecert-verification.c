/* ecert-verification.c: a verdict on a certificate's signature, and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-verification"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ecert-verification-private.h"

struct _EcertVerification
{
  GObject                   parent_instance;

  EcertVerificationDetails  details;
};

G_DEFINE_FINAL_TYPE (EcertVerification, ecert_verification, G_TYPE_OBJECT)

static const struct {
  EcertVerdict verdict;
  const char *name;
  const char *label;
} verdicts[] = {
  { ECERT_VERDICT_VALID, "valid", N_("Valid signature") },
  { ECERT_VERDICT_INVALID, "invalid", N_("Invalid signature") },
  { ECERT_VERDICT_UNTRUSTED_SIGNER, "untrusted", N_("Untrusted signer") },
  { ECERT_VERDICT_NOT_AUTHORISED, "not-authorised",
    N_("Signer not authorised for the exporting country") },
  { ECERT_VERDICT_EXPIRED_SIGNER, "expired-signer", N_("Signer’s certificate not valid at issue") },
  { ECERT_VERDICT_UNSIGNED, "unsigned", N_("Unsigned") },
  { ECERT_VERDICT_UNSUPPORTED, "unsupported", N_("Unsupported signature") },
};

/**
 * ecert_verdict_to_string:
 *
 * Returns: a stable name for scripts and the cache, e.g. "untrusted"
 */
const char *
ecert_verdict_to_string (EcertVerdict verdict)
{
  g_return_val_if_fail (verdict < G_N_ELEMENTS (verdicts), NULL);
  return verdicts[verdict].name;
}

/**
 * ecert_verdict_from_string:
 * @name: (nullable): a name given by ecert_verdict_to_string()
 * @verdict: (out): the verdict it names
 *
 * Returns: %TRUE when @name is a verdict's name
 */
gboolean
ecert_verdict_from_string (const char   *name,
                           EcertVerdict *verdict)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (verdicts); i++)
    {
      if (g_strcmp0 (verdicts[i].name, name) == 0)
        {
          *verdict = verdicts[i].verdict;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * ecert_verdict_get_label:
 *
 * Returns: the verdict in words, translated
 */
const char *
ecert_verdict_get_label (EcertVerdict verdict)
{
  g_return_val_if_fail (verdict < G_N_ELEMENTS (verdicts), NULL);
  return _(verdicts[verdict].label);
}

void
_ecert_verification_details_clear (EcertVerificationDetails *details)
{
  g_clear_pointer (&details->reason, g_free);
  g_clear_pointer (&details->signer_subject, g_free);
  g_clear_pointer (&details->signer_issuer, g_free);
  g_clear_pointer (&details->signer_serial, g_free);
  g_clear_pointer (&details->signer_not_before, g_date_time_unref);
  g_clear_pointer (&details->signer_not_after, g_date_time_unref);
  g_clear_pointer (&details->chain, g_ptr_array_unref);
  g_clear_pointer (&details->evaluated_at, g_date_time_unref);
  g_clear_pointer (&details->anchor_country, g_free);
}

/* Takes what @details holds. */
EcertVerification *
_ecert_verification_new (EcertVerificationDetails *details)
{
  EcertVerification *self = g_object_new (ECERT_TYPE_VERIFICATION, NULL);

  self->details = *details;
  memset (details, 0, sizeof *details);
  if (self->details.chain == NULL)
    self->details.chain = g_ptr_array_new_with_free_func (g_free);
  /* Keep the array NULL-terminated for ecert_verification_get_chain(). */
  g_ptr_array_add (self->details.chain, NULL);

  return self;
}

EcertVerdict
ecert_verification_get_verdict (EcertVerification *self)
{
  g_return_val_if_fail (ECERT_IS_VERIFICATION (self), ECERT_VERDICT_INVALID);
  return self->details.verdict;
}

/**
 * ecert_verification_get_reason:
 *
 * Returns: in plain words, what was checked and what failed (translated)
 */
const char *
ecert_verification_get_reason (EcertVerification *self)
{
  g_return_val_if_fail (ECERT_IS_VERIFICATION (self), NULL);
  return self->details.reason;
}

const char *
ecert_verification_get_signer_subject (EcertVerification *self)
{
  g_return_val_if_fail (ECERT_IS_VERIFICATION (self), NULL);
  return self->details.signer_subject;
}

const char *
ecert_verification_get_signer_issuer (EcertVerification *self)
{
  g_return_val_if_fail (ECERT_IS_VERIFICATION (self), NULL);
  return self->details.signer_issuer;
}

const char *
ecert_verification_get_signer_serial (EcertVerification *self)
{
  g_return_val_if_fail (ECERT_IS_VERIFICATION (self), NULL);
  return self->details.signer_serial;
}

GDateTime *
ecert_verification_get_signer_not_before (EcertVerification *self)
{
  g_return_val_if_fail (ECERT_IS_VERIFICATION (self), NULL);
  return self->details.signer_not_before;
}

GDateTime *
ecert_verification_get_signer_not_after (EcertVerification *self)
{
  g_return_val_if_fail (ECERT_IS_VERIFICATION (self), NULL);
  return self->details.signer_not_after;
}

/**
 * ecert_verification_get_chain:
 *
 * Returns: (array zero-terminated=1): the subjects of the chain, signer first,
 *   the trust anchor last when one matched
 */
const char * const *
ecert_verification_get_chain (EcertVerification *self)
{
  g_return_val_if_fail (ECERT_IS_VERIFICATION (self), NULL);
  return (const char * const *) self->details.chain->pdata;
}

const char *
ecert_verification_get_digest_algorithm (EcertVerification *self)
{
  g_return_val_if_fail (ECERT_IS_VERIFICATION (self), NULL);
  return self->details.digest_algorithm;
}

const char *
ecert_verification_get_signature_algorithm (EcertVerification *self)
{
  g_return_val_if_fail (ECERT_IS_VERIFICATION (self), NULL);
  return self->details.signature_algorithm;
}

const char *
ecert_verification_get_canonicalization (EcertVerification *self)
{
  g_return_val_if_fail (ECERT_IS_VERIFICATION (self), NULL);
  return self->details.canonicalization;
}

/**
 * ecert_verification_get_evaluated_at:
 *
 * Returns: (nullable): the moment the chain was evaluated at: the
 *   certificate's issue date-time
 */
GDateTime *
ecert_verification_get_evaluated_at (EcertVerification *self)
{
  g_return_val_if_fail (ECERT_IS_VERIFICATION (self), NULL);
  return self->details.evaluated_at;
}

/**
 * ecert_verification_get_anchor_country:
 *
 * Returns: (nullable): the country whose trust anchor vouched for the signer
 */
const char *
ecert_verification_get_anchor_country (EcertVerification *self)
{
  g_return_val_if_fail (ECERT_IS_VERIFICATION (self), NULL);
  return self->details.anchor_country;
}

/**
 * ecert_verification_get_signer_expired_since:
 *
 * Returns: %TRUE when the signer's certificate, valid at issue, has expired
 *   since (which does not make the certificate invalid)
 */
gboolean
ecert_verification_get_signer_expired_since (EcertVerification *self)
{
  g_return_val_if_fail (ECERT_IS_VERIFICATION (self), FALSE);
  return self->details.signer_expired_since;
}

static void
ecert_verification_finalize (GObject *object)
{
  EcertVerification *self = ECERT_VERIFICATION (object);

  _ecert_verification_details_clear (&self->details);

  G_OBJECT_CLASS (ecert_verification_parent_class)->finalize (object);
}

static void
ecert_verification_class_init (EcertVerificationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ecert_verification_finalize;
}

static void
ecert_verification_init (EcertVerification *self)
{
}
