/* ecert-trust-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <gnutls/x509.h>

G_BEGIN_DECLS

/**
 * EcertTrustAnchor:
 * @country: the exporting country it vouches for (ISO 3166-1 alpha-2)
 * @name: its name in the store (a file name for a stored anchor)
 * @subject: its distinguished name
 * @not_after: (nullable): when it expires
 * @der: its DER encoding
 */
typedef struct
{
  char      *country;
  char      *name;
  char      *subject;
  GDateTime *not_after;
  GBytes    *der;
} EcertTrustAnchor;

void ecert_trust_anchor_free (EcertTrustAnchor *anchor);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertTrustAnchor, ecert_trust_anchor_free)

#define ECERT_TYPE_TRUST_STORE (ecert_trust_store_get_type ())

G_DECLARE_FINAL_TYPE (EcertTrustStore, ecert_trust_store, ECERT, TRUST_STORE, GObject)

char            *ecert_trust_store_get_default_directory (void);
EcertTrustStore *ecert_trust_store_new_for_directory     (const char       *directory,
                                                          GError          **error);
EcertTrustStore *ecert_trust_store_new_in_memory         (void);

const char      *ecert_trust_store_get_directory         (EcertTrustStore  *self);
GPtrArray       *ecert_trust_store_add_pem               (EcertTrustStore  *self,
                                                          const char       *country,
                                                          GBytes           *pem,
                                                          GError          **error);
gboolean         ecert_trust_store_remove                (EcertTrustStore  *self,
                                                          const char       *country,
                                                          const char       *name,
                                                          GError          **error);
GPtrArray       *ecert_trust_store_list                  (EcertTrustStore  *self);
GPtrArray       *ecert_trust_store_get_anchors           (EcertTrustStore  *self,
                                                          const char       *country);
char           **ecert_trust_store_get_countries         (EcertTrustStore  *self);

gpointer         ecert_trust_store_cache_lookup          (EcertTrustStore  *self,
                                                          const char       *key);
void             ecert_trust_store_cache_insert          (EcertTrustStore  *self,
                                                          const char       *key,
                                                          gpointer          value,
                                                          GDestroyNotify    release);

G_END_DECLS
