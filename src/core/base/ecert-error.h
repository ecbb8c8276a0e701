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
 * @ECERT_ERROR_NOT_WELL_FORMED: a document is not well-formed XML (the
 *   message gives line and column)
 * @ECERT_ERROR_HOSTILE_XML: a document uses a construct refused for safety:
 *   a DOCTYPE, entities, external references, excessive nesting
 * @ECERT_ERROR_TOO_LARGE: a document is larger than the configured limit
 * @ECERT_ERROR_NOT_SPS_CERTIFICATE: well-formed XML, but not an SPS certificate
 * @ECERT_ERROR_UNSUPPORTED_VERSION: an SPS certificate in a namespace version
 *   this program does not read (the message names the namespace)
 * @ECERT_ERROR_INVALID_CONTENT: a hub's Content is neither XML nor base64 of it
 * @ECERT_ERROR_CORRUPT_ATTACHMENT: an attachment's base64 cannot be decoded
 * @ECERT_ERROR_SCHEMA: the schema itself could not be loaded
 * @ECERT_ERROR_TRUST_STORE: a trust anchor cannot be read, added or removed
 * @ECERT_ERROR_CACHE: the certificate cache cannot be opened or written
 * @ECERT_ERROR_CACHE_DAMAGED: the cache file is damaged; it was moved aside
 * @ECERT_ERROR_SIGNING: a document cannot be signed with the given key
 * @ECERT_ERROR_SOAP: a hub's reply is not a SOAP message we understand
 *   (an HTML page, a truncated body, an unexpected element)
 * @ECERT_ERROR_HUB_FAULT: the hub answered with a fault (HubWebException);
 *   the message is the hub's
 * @ECERT_ERROR_CONNECTION: the hub cannot be reached or refused us: TLS,
 *   client certificate, timeout
 * @ECERT_ERROR_NOT_SPS_ACKNOWLEDGEMENT: well-formed XML, but not an
 *   SPSAcknowledgement (an inquiry or a reply) this program can read
 * @ECERT_ERROR_MAIL: a mail message cannot be read, or is refused for
 *   safety (too large, too many parts)
 * @ECERT_ERROR_MAIL_SERVER: a mail server cannot be reached, refused us
 *   (TLS, user name or password, folder) or answered what we cannot read
 * @ECERT_ERROR_STORE: the office's database cannot be reached or refused an
 *   operation
 * @ECERT_ERROR_NOT_AN_OFFICE: the hub asked is not an office, so it has no
 *   office extension (docs/office-protocol.md)
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
  ECERT_ERROR_NOT_WELL_FORMED,
  ECERT_ERROR_HOSTILE_XML,
  ECERT_ERROR_TOO_LARGE,
  ECERT_ERROR_NOT_SPS_CERTIFICATE,
  ECERT_ERROR_UNSUPPORTED_VERSION,
  ECERT_ERROR_INVALID_CONTENT,
  ECERT_ERROR_CORRUPT_ATTACHMENT,
  ECERT_ERROR_SCHEMA,
  ECERT_ERROR_TRUST_STORE,
  ECERT_ERROR_CACHE,
  ECERT_ERROR_CACHE_DAMAGED,
  ECERT_ERROR_SIGNING,
  ECERT_ERROR_SOAP,
  ECERT_ERROR_HUB_FAULT,
  ECERT_ERROR_CONNECTION,
  ECERT_ERROR_NOT_SPS_ACKNOWLEDGEMENT,
  ECERT_ERROR_MAIL,
  ECERT_ERROR_MAIL_SERVER,
  ECERT_ERROR_STORE,
  ECERT_ERROR_NOT_AN_OFFICE,
} EcertError;

GQuark ecert_error_quark (void);

G_END_DECLS
