/* ecert-xmldsig.h: the XML signature profile, shared by verifier and signer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <libxml/c14n.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

#define ECERT_XMLDSIG_NS "http://www.w3.org/2000/09/xmldsig#"
#define ECERT_XMLDSIG_ENVELOPED "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
#define ECERT_XMLDSIG_EXC_C14N "http://www.w3.org/2001/10/xml-exc-c14n#"
#define ECERT_XMLDSIG_C14N_1_0 "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
#define ECERT_XMLDSIG_C14N_1_1 "http://www.w3.org/2006/12/xml-c14n11"

typedef struct
{
  const char *uri;
  const char *name;
  int         mode;          /* xmlC14NMode */
} EcertC14nAlgorithm;

typedef struct
{
  const char                *uri;
  const char                *name;
  gnutls_digest_algorithm_t  digest;
} EcertDigestAlgorithm;

typedef struct
{
  const char                *uri;
  const char                *name;
  gnutls_pk_algorithm_t      key;
  gnutls_digest_algorithm_t  digest;
  gboolean                   pss;
} EcertSignatureAlgorithm;

const EcertC14nAlgorithm      *ecert_xmldsig_find_c14n      (const char *uri);
const EcertDigestAlgorithm    *ecert_xmldsig_find_digest    (const char *uri);
const EcertSignatureAlgorithm *ecert_xmldsig_find_signature (const char *uri);
const EcertSignatureAlgorithm *ecert_xmldsig_signature_for_key (gnutls_pk_algorithm_t     key,
                                                                gnutls_digest_algorithm_t digest);
const char                    *ecert_xmldsig_refused_algorithm (const char *uri);
char                         **ecert_xmldsig_inclusive_prefixes (xmlNode *method);
gnutls_sign_algorithm_t        ecert_xmldsig_sign_algorithm (const EcertSignatureAlgorithm *algorithm,
                                                             gnutls_pk_algorithm_t          key);

/**
 * EcertXmldsigValueCheck:
 * @ECERT_XMLDSIG_VALUE_VALID: the value is the key's signature of the data
 * @ECERT_XMLDSIG_VALUE_WRONG_KEY: the method is for another kind of key
 * @ECERT_XMLDSIG_VALUE_MALFORMED: the value cannot be an ECDSA r||s pair
 * @ECERT_XMLDSIG_VALUE_MISMATCH: the value does not verify
 */
typedef enum
{
  ECERT_XMLDSIG_VALUE_VALID,
  ECERT_XMLDSIG_VALUE_WRONG_KEY,
  ECERT_XMLDSIG_VALUE_MALFORMED,
  ECERT_XMLDSIG_VALUE_MISMATCH,
} EcertXmldsigValueCheck;

EcertXmldsigValueCheck ecert_xmldsig_verify_value (gnutls_pubkey_t                key,
                                                   const EcertSignatureAlgorithm *algorithm,
                                                   GBytes                        *signed_data,
                                                   GBytes                        *value);

GBytes *ecert_xmldsig_c14n_without  (xmlDoc                   *doc,
                                     xmlNode                  *excluded,
                                     const EcertC14nAlgorithm *algorithm,
                                     char                    **inclusive_prefixes);
GBytes *ecert_xmldsig_c14n_subtree  (xmlDoc                   *doc,
                                     xmlNode                  *apex,
                                     const EcertC14nAlgorithm *algorithm,
                                     char                    **inclusive_prefixes);

G_END_DECLS
