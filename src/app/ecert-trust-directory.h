/* ecert-trust-directory.h: the desk's trust anchors, as they are in their directory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ecert-trust-store.h"

G_BEGIN_DECLS

#define ECERT_TYPE_TRUST_DIRECTORY (ecert_trust_directory_get_type ())

G_DECLARE_FINAL_TYPE (EcertTrustDirectory, ecert_trust_directory, ECERT, TRUST_DIRECTORY, GObject)

EcertTrustDirectory *ecert_trust_directory_new          (const char           *path);
const char          *ecert_trust_directory_get_path     (EcertTrustDirectory  *self);
EcertTrustStore     *ecert_trust_directory_get_store    (EcertTrustDirectory  *self,
                                                         GError              **error);
GPtrArray           *ecert_trust_directory_add_anchors  (EcertTrustDirectory  *self,
                                                         const char           *country,
                                                         GBytes               *pem,
                                                         GError              **error);
gboolean             ecert_trust_directory_remove_anchor (EcertTrustDirectory *self,
                                                          const char          *country,
                                                          const char          *name,
                                                          GError             **error);

G_END_DECLS
