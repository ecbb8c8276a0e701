/* ecert-cache-index-entry.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ecert-certificate.h"

G_BEGIN_DECLS

/**
 * EcertCacheIndexEntry:
 * @number: the certificate number as written
 * @type_code: the document type code (851, 657...)
 * @status_code: the document status code as written (70 issued, 40 withdrawn)
 * @issued: the issue date as written
 * @issued_at: (nullable): what @issued means, with the issuer's zone offset;
 *   %NULL when it could not be read
 * @export_country: ISO 3166-1 code of the exporting country, upper case
 * @import_country: ISO 3166-1 code of the importing country, upper case
 * @consignor: the consignor's name
 * @consignee: the consignee's name
 * @commodity: the first commodity, for lists and sorting
 * @commodities: every commodity name: common, scientific, descriptions, in
 *   every language given
 * @hs_codes: the classification codes and their names
 * @ports: the port of unloading and the place of examination
 * @transport: means of transport, voyage numbers, containers and seals
 * @issuer: the issuing authority, the signatory's office and name
 * @countries: exporting, importing, transit and origin countries, codes and
 *   names
 * @replaces_number: (nullable): the number of the certificate this one
 *   replaces (the ADRPN note)
 *
 * What the cache keeps of a certificate to list, sort, filter and search it
 * without reading the document again. Every member may be %NULL: "not
 * given" is stored as such.
 *
 * This is what goes in when a certificate is stored
 * (ecert_cache_store()); what comes out is an #EcertCacheRow for lists and
 * an #EcertCacheRecord, inside the desk's #EcertStoredCertificate, for the
 * view.
 */
typedef struct
{
  char      *number;
  char      *type_code;
  char      *status_code;
  char      *issued;
  GDateTime *issued_at;
  char      *export_country;
  char      *import_country;
  char      *consignor;
  char      *consignee;
  char      *commodity;
  char      *commodities;
  char      *hs_codes;
  char      *ports;
  char      *transport;
  char      *issuer;
  char      *countries;
  char      *replaces_number;
} EcertCacheIndexEntry;

char              *ecert_cache_normalize_number              (const char        *number);

EcertCacheIndexEntry *ecert_cache_index_entry_new_from_certificate  (EcertCertificate  *certificate);
void               ecert_cache_index_entry_free                  (EcertCacheIndexEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertCacheIndexEntry, ecert_cache_index_entry_free)

G_END_DECLS
