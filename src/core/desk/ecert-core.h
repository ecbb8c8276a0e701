/* ecert-core.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#define ECERT_CORE_INSIDE

#include "ecert-cache-list-model.h"
#include "ecert-cache-query.h"
#include "ecert-cache-records.h"
#include "ecert-cache-row.h"
#include "ecert-cache-index-entry.h"
#include "ecert-cache.h"
#include "ecert-certificate-report.h"
#include "ecert-certificate.h"
#include "ecert-codes.h"
#include "ecert-content.h"
#include "ecert-country.h"
#include "ecert-date-time.h"
#include "ecert-envelope-header-list.h"
#include "ecert-envelope.h"
#include "ecert-error.h"
#include "ecert-hub-address.h"
#include "ecert-hub-client.h"
#include "ecert-hub-code-list.h"
#include "ecert-i18n.h"
#include "ecert-importer.h"
#include "ecert-inquiry.h"
#include "ecert-keyring.h"
#include "ecert-library-versions.h"
#include "ecert-stored-certificate.h"
#include "ecert-nppo.h"
#include "ecert-outbox.h"
#include "ecert-schema.h"
#include "ecert-signer.h"
#include "ecert-soap-reply-reader.h"
#include "ecert-soap-reply.h"
#include "ecert-soap-request.h"
#include "ecert-soap.h"
#include "ecert-sps-model.h"
#include "ecert-sync.h"
#include "ecert-task.h"
#include "ecert-text.h"
#include "ecert-tls.h"
#include "ecert-trust-store.h"
#include "ecert-verification.h"
#include "ecert-verifier.h"
#include "ecert-version.h"
#include "ecert-x509.h"
#include "ecert-xml.h"
#include "ecert-xmldsig.h"

#undef ECERT_CORE_INSIDE
