/* ecert-hub-pki.h: the demonstration PKI of a local hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ecert-core.h"
#include "ecert-sample-generator.h"

G_BEGIN_DECLS

/* The country whose desk the demonstration plays. */
#define ECERT_HUB_DEMO_IMPORTER ECERT_SAMPLE_MAIN_IMPORTER
/* Of every client-CC.p12 that init writes. */
#define ECERT_HUB_DEMO_PASSPHRASE "demo"

gboolean          ecert_hub_pki_create                 (const char  *directory,
                                                        GError     **error);
gboolean          ecert_hub_pki_exists                 (const char  *directory);
char            **ecert_hub_pki_list_nppos             (const char  *directory);
EcertSigningKey  *ecert_hub_pki_load_signer            (const char  *directory,
                                                        const char  *country,
                                                        GError     **error);
char             *ecert_hub_pki_load_nppo_authority    (const char  *directory,
                                                        const char  *country,
                                                        char       **dn,
                                                        GError     **error);
GTlsCertificate  *ecert_hub_pki_load_server_certificate (const char *directory,
                                                         GError    **error);
GTlsDatabase     *ecert_hub_pki_load_client_authority  (const char  *directory,
                                                        GError     **error);

G_END_DECLS
