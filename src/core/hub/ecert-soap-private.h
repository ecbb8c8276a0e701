/* ecert-soap-private.h: helpers shared by the SOAP codec's files and the
 * hub client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libxml/tree.h>

#include "ecert-envelope.h"
#include "ecert-hub-code-list.h"
#include "ecert-nppo.h"
#include "ecert-soap.h"

G_BEGIN_DECLS

#define ECERT_SOAP_ENVELOPE_NAMESPACE "http://schemas.xmlsoap.org/soap/envelope/"
#define ECERT_SOAP12_ENVELOPE_NAMESPACE "http://www.w3.org/2003/05/soap-envelope"
#define ECERT_SOAP_EPHYTO_NAMESPACE "http://ephyto.ippc.int/"
#define ECERT_SOAP_HUB_ENTITIES_NAMESPACE "http://ephyto.ippc.int/HUB.Entities"
#define ECERT_SOAP_ACKNOWLEDGEMENT_NAMESPACE \
  "urn:un:unece:uncefact:data:standard:SPSAcknowledgement:17"

/* The namespaces declared once on the soap:Envelope of a message we build. */
typedef struct
{
  xmlNs *soap;
  xmlNs *ephyto;
  xmlNs *hub;
} EcertSoapNamespaces;

xmlDoc    *ecert_soap_new_message          (EcertSoapNamespaces  *namespaces,
                                            xmlNode             **body);
xmlDoc    *ecert_soap_new_operation_message (EcertSoapOperation   operation,
                                             gboolean             is_reply,
                                             EcertSoapNamespaces *namespaces,
                                             xmlNode            **payload);
GBytes    *ecert_soap_serialize            (xmlDoc               *doc);

xmlNode   *ecert_soap_add_element          (xmlNode              *parent,
                                            xmlNs                *ns,
                                            const char           *name);
xmlNode   *ecert_soap_add_text             (xmlNode              *parent,
                                            xmlNs                *ns,
                                            const char           *name,
                                            const char           *text);
xmlNode   *ecert_soap_add_int              (xmlNode              *parent,
                                            xmlNs                *ns,
                                            const char           *name,
                                            int                   value);

/* Replies are matched by local name below the operation's element: hubs
 * disagree on which of these elements carry a namespace. */
xmlNode   *ecert_soap_child                (const xmlNode        *parent,
                                            const char           *local_name);
xmlNode   *ecert_soap_next_sibling         (const xmlNode        *node,
                                            const char           *local_name);
char      *ecert_soap_child_text           (const xmlNode        *parent,
                                            const char           *local_name);
char      *ecert_soap_raw_text             (const xmlNode        *node);
gboolean   ecert_soap_child_int            (const xmlNode        *parent,
                                            const char           *local_name,
                                            gboolean              required,
                                            int                  *value,
                                            GError              **error);
gboolean   ecert_soap_parse_boolean        (const char           *text,
                                            gboolean             *value);
gboolean   ecert_soap_is_nil               (const xmlNode        *node);

gboolean   ecert_soap_check_input          (const guint8         *data,
                                            gsize                 length,
                                            gboolean              is_reply,
                                            GError              **error);
char      *ecert_soap_quote                (const char           *text,
                                            gsize                 length);
void       ecert_soap_set_unreadable_error (GError              **error,
                                            const GError         *parse_error,
                                            gboolean              is_reply);
xmlNode   *ecert_soap_find_payload         (xmlDoc               *doc,
                                            gboolean              is_reply,
                                            GError              **error);
gboolean   ecert_soap_reply_check_response (EcertSoapOperation    operation,
                                            const xmlNode        *payload,
                                            GError              **error);

void                 ecert_envelope_header_write     (const EcertEnvelopeHeader  *header,
                                                      xmlNode                    *element,
                                                      const EcertSoapNamespaces  *namespaces);
EcertEnvelopeHeader *ecert_envelope_header_read      (const xmlNode              *element,
                                                      GError                    **error);
void                 ecert_envelope_write            (const EcertEnvelope        *envelope,
                                                      xmlNode                    *element,
                                                      const EcertSoapNamespaces  *namespaces);
EcertEnvelope       *ecert_envelope_read             (const xmlNode              *element,
                                                      GError                    **error);

void                 ecert_nppo_write                (const EcertNppo            *nppo,
                                                      xmlNode                    *element,
                                                      const EcertSoapNamespaces  *namespaces);
EcertNppo           *ecert_nppo_read                 (const xmlNode              *element,
                                                      GError                    **error);

void                 ecert_hub_code_entry_write      (const EcertHubCodeEntry    *entry,
                                                      xmlNode                    *element);
EcertHubCodeEntry   *ecert_hub_code_entry_read       (EcertHubCodeList            list,
                                                      const xmlNode              *element,
                                                      GError                    **error);

G_END_DECLS
