/* ecert-stored-certificate.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A certificate in the cache, as a view shows it: what the cache holds of
 * it (EcertCacheRecord: bytes, verdict, provenance, history), its document
 * read and checked against the schema, and the numbers of the certificates
 * it is linked to. For lists, see EcertCacheRow.
 */

#pragma once

#include <gio/gio.h>

#include "ecert-cache.h"
#include "ecert-certificate.h"
#include "ecert-trust-store.h"
#include "ecert-verification.h"

G_BEGIN_DECLS

/**
 * EcertStoredCertificate:
 * @record: what the cache holds of it: verdict, provenance, history
 * @certificate: its stored bytes read as core reads any document
 * @schema_findings: (element-type EcertSchemaFinding): where it departs
 *   from the hub's schema; empty when it follows it
 * @replaces_number: (nullable): the number of the cached certificate it
 *   replaces, or the number it says it replaces
 * @replaced_by_number: (nullable): the number of the cached certificate
 *   that replaces it
 * @withdrawal_number: (nullable): the number of the cached document that
 *   withdraws it
 * @verification: (nullable): the check made while loading (see
 *   #EcertStoredCertificateMode), with its details; its verdict differs
 *   from the stored one when the trust anchors changed since
 *
 * A certificate from the cache, ready to be shown: everything a view needs
 * is read here, off the main loop.
 */
typedef struct
{
  EcertCacheRecord *record;
  EcertCertificate *certificate;
  GPtrArray        *schema_findings;
  char             *replaces_number;
  char             *replaced_by_number;
  char             *withdrawal_number;
  EcertVerification *verification;
} EcertStoredCertificate;

void                    ecert_stored_certificate_free            (EcertStoredCertificate *stored);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertStoredCertificate, ecert_stored_certificate_free)

EcertStoredCertificate *ecert_stored_certificate_load            (EcertCache             *cache,
                                                                  gint64                  row,
                                                                  GError                **error);
/**
 * EcertStoredCertificateMode:
 * @ECERT_STORED_CERTIFICATE_READ: what the cache holds, as it is
 * @ECERT_STORED_CERTIFICATE_REVERIFY: verify again with the given anchors
 *   and store the new verdict first
 * @ECERT_STORED_CERTIFICATE_EXPLAIN: the stored verdict, with its reason
 *   said again in the reader's language when the given anchors still give
 *   the same verdict (a reason is stored in the language it was computed in)
 */
typedef enum
{
  ECERT_STORED_CERTIFICATE_READ,
  ECERT_STORED_CERTIFICATE_REVERIFY,
  ECERT_STORED_CERTIFICATE_EXPLAIN,
} EcertStoredCertificateMode;

void                    ecert_stored_certificate_load_async      (EcertCache             *cache,
                                                                  gint64                  row,
                                                                  EcertStoredCertificateMode mode,
                                                                  EcertTrustStore        *trust,
                                                                  GCancellable           *cancellable,
                                                                  GAsyncReadyCallback     callback,
                                                                  gpointer                user_data);
EcertStoredCertificate *ecert_stored_certificate_load_finish     (GAsyncResult           *result,
                                                                  GError                **error);

EcertVerification      *ecert_stored_verification_explain        (EcertCacheVerification *stored_verification,
                                                                  EcertCertificate       *certificate,
                                                                  EcertTrustStore        *trust);

G_END_DECLS
