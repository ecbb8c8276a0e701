/* ecert-key-policy-private.h: the smallest keys a signature may rest on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <gnutls/abstract.h>
#include <gnutls/x509.h>

G_BEGIN_DECLS

/* Whose key is judged: the reason names it. */
typedef enum
{
  ECERT_KEY_OF_SIGNER,
  ECERT_KEY_OF_CHAIN,
  ECERT_KEY_OF_ANCHOR,
} EcertKeyHolder;

gboolean  ecert_key_policy_accepts            (gnutls_pk_algorithm_t  algorithm,
                                               unsigned int           bits);
char     *ecert_key_policy_refuse_certificate (gnutls_x509_crt_t      certificate,
                                               EcertKeyHolder         holder);
char     *ecert_key_policy_refuse_private_key (gnutls_privkey_t       key);

G_END_DECLS
