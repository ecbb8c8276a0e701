/* ecert-signer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <gnutls/abstract.h>

#include "ecert-xmldsig.h"

G_BEGIN_DECLS

typedef enum
{
  ECERT_SIGN_C14N_EXCLUSIVE,
  ECERT_SIGN_C14N_INCLUSIVE,
} EcertSignC14n;

typedef struct _EcertSigningKey EcertSigningKey;

EcertSigningKey *ecert_signing_key_load (GBytes           *key_pem,
                                         GBytes           *certificate_pem,
                                         GBytes           *chain_pem,
                                         GError          **error);
void             ecert_signing_key_free (EcertSigningKey  *key);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertSigningKey, ecert_signing_key_free)

GBytes          *ecert_sign_document    (GBytes           *document,
                                         EcertSigningKey  *key,
                                         EcertSignC14n     c14n,
                                         GError          **error);
GBytes          *ecert_sign_pkcs7       (GBytes           *content,
                                         EcertSigningKey  *key,
                                         gboolean          embed_content,
                                         GError          **error);

G_END_DECLS
