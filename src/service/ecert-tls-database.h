/* ecert-tls-database.h: the authorities a service trusts, from PEM
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ECERT_TYPE_TLS_DATABASE (ecert_tls_database_get_type ())

G_DECLARE_FINAL_TYPE (EcertTlsDatabase, ecert_tls_database, ECERT, TLS_DATABASE, GTlsDatabase)

GTlsDatabase *ecert_tls_database_new_from_pem (const char  *pem,
                                               GError     **error);

G_END_DECLS
