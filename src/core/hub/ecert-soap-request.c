/* ecert-soap-request.c: building and reading requests to the hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client builds requests; ecert-hub reads them. A request is read
 * strictly (the operation's element must be in the hub's namespace), since
 * a real hub refuses anything else too and the client should find out here
 * rather than there.
 */

#define G_LOG_DOMAIN "ecert-soap-request"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ecert-error.h"
#include "ecert-soap-private.h"
#include "ecert-soap-request.h"
#include "ecert-xml.h"

/* The operations whose request is their element alone. */
#define NO_ARGUMENT_CASES \
  case ECERT_SOAP_PULL_IMPORT_ENVELOPE: \
  case ECERT_SOAP_GET_PROFILE: \
  case ECERT_SOAP_GET_ACTIVE_NPPOS: \
  ECERT_SOAP_CODE_LIST_CASES

#define NEEDS_TRACKING_NUMBER _("The request needs the hub tracking number of an envelope")

EcertSoapRequest *
ecert_soap_request_new (EcertSoapOperation operation)
{
  EcertSoapRequest *request = g_new0 (EcertSoapRequest, 1);

  request->operation = operation;
  return request;
}

void
ecert_soap_request_free (EcertSoapRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->country_code);
  g_free (request->hub_tracking_number);
  g_free (request->message);
  g_clear_pointer (&request->envelope, ecert_envelope_free);
  g_free (request);
}

static gboolean
require (const char  *value,
         const char  *message,
         GError     **error)
{
  if (value != NULL && *value != '\0')
    return TRUE;

  g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT, message);
  return FALSE;
}

static gboolean
add_acknowledgement (xmlNode     *parent,
                     const char  *content,
                     GError     **error)
{
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(xmlDoc) acknowledgement = NULL;
  xmlNode *root;

  acknowledgement = ecert_xml_parse ((const guint8 *) content, strlen (content), NULL,
                                     &parse_error);
  if (acknowledgement == NULL)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                   _("The country response cannot be read: %s"), parse_error->message);
      return FALSE;
    }

  root = xmlDocGetRootElement (acknowledgement);
  if (!ecert_xml_is_element (root, ECERT_SOAP_ACKNOWLEDGEMENT_NAMESPACE, "SPSAcknowledgement"))
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                   _("A country response must be an SPSAcknowledgement in the namespace %s"),
                   ECERT_SOAP_ACKNOWLEDGEMENT_NAMESPACE);
      return FALSE;
    }

  /* The copy brings the namespace declarations it needs with it. */
  xmlAddChild (parent, xmlDocCopyNode (root, parent->doc, 1));
  return TRUE;
}

static gboolean
write_envelope (const EcertSoapRequest     *request,
                xmlNode                    *operation,
                const EcertSoapNamespaces  *namespaces,
                GError                    **error)
{
  xmlNode *element;

  if (request->envelope == NULL || request->envelope->header == NULL)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                           _("The request needs an envelope to deliver"));
      return FALSE;
    }

  if (!require (request->envelope->content,
                _("The request needs the document to deliver"), error))
    return FALSE;

  if (request->operation == ECERT_SOAP_DELIVER_ENVELOPE)
    {
      element = xmlNewChild (operation, namespaces->ephyto, (const xmlChar *) "env", NULL);
      ecert_envelope_write (request->envelope, element, namespaces);
      return TRUE;
    }

  element = xmlNewChild (operation, namespaces->ephyto,
                         (const xmlChar *) "CountryResponseEnvelope", NULL);
  ecert_envelope_header_write (request->envelope->header, element, namespaces);
  return add_acknowledgement (element, request->envelope->content, error);
}

static gboolean
write_arguments (const EcertSoapRequest     *request,
                 xmlNode                    *operation,
                 const EcertSoapNamespaces  *namespaces,
                 GError                    **error)
{
  xmlNs *ns = namespaces->ephyto;

  switch (request->operation)
    {
    case ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS:
      if (request->country_code != NULL)
        ecert_soap_add_text (operation, ns, "countryCode", request->country_code);
      return TRUE;

    case ECERT_SOAP_PULL_SINGLE_IMPORT_ENVELOPE:
    case ECERT_SOAP_ACKNOWLEDGE_ENVELOPE_RECEIPT:
    case ECERT_SOAP_GET_ENVELOPE_TRACKING_INFO:
      if (!require (request->hub_tracking_number, NEEDS_TRACKING_NUMBER, error))
        return FALSE;
      ecert_soap_add_text (operation, ns, "hubTrackingNumber", request->hub_tracking_number);
      return TRUE;

    case ECERT_SOAP_ADVANCED_ACKNOWLEDGE_ENVELOPE_RECEIPT:
    case ECERT_SOAP_ACKNOWLEDGE_FAILED_ENVELOPE_RECEIPT:
      if (!require (request->hub_tracking_number, NEEDS_TRACKING_NUMBER, error) ||
          !require (request->message,
                    _("The request needs a message for the exporting country"), error))
        return FALSE;
      ecert_soap_add_text (operation, ns, "hubTrackingNumber", request->hub_tracking_number);
      ecert_soap_add_text (operation, ns,
                           request->operation == ECERT_SOAP_ADVANCED_ACKNOWLEDGE_ENVELOPE_RECEIPT
                           ? "warningMessage" : "message",
                           request->message);
      return TRUE;

    case ECERT_SOAP_DELIVER_ENVELOPE:
    case ECERT_SOAP_DELIVER_COUNTRY_RESPONSE_ENVELOPE:
      return write_envelope (request, operation, namespaces, error);

    NO_ARGUMENT_CASES:
    default:
      return TRUE;
    }
}

/**
 * ecert_soap_request_to_bytes:
 *
 * Returns: (transfer full): the SOAP message, or %NULL with @error set
 *   (%ECERT_ERROR_INVALID_ARGUMENT) when a member the operation needs is
 *   missing, or a country response is not an SPSAcknowledgement
 */
GBytes *
ecert_soap_request_to_bytes (const EcertSoapRequest  *request,
                             GError                 **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  EcertSoapNamespaces namespaces;
  xmlNode *operation;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail ((guint) request->operation < ECERT_SOAP_OPERATION_COUNT, NULL);

  doc = ecert_soap_new_operation_message (request->operation, FALSE, &namespaces, &operation);
  if (!write_arguments (request, operation, &namespaces, error))
    return NULL;

  return ecert_soap_serialize (doc);
}

static char *
node_to_document (const xmlNode *node)
{
  g_autoptr(xmlDoc) doc = xmlNewDoc ((const xmlChar *) "1.0");
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  /* Namespaces declared above @node come along into the new document. */
  xmlDocSetRootElement (doc, xmlDocCopyNode ((xmlNode *) node, doc, 1));
  bytes = ecert_soap_serialize (doc);
  data = g_bytes_get_data (bytes, &length);
  return g_strndup (data, length);
}

static gboolean
read_envelope (EcertSoapRequest  *request,
               const xmlNode     *operation,
               GError           **error)
{
  gboolean deliver = request->operation == ECERT_SOAP_DELIVER_ENVELOPE;
  xmlNode *element = ecert_soap_child (operation, deliver ? "env" : "CountryResponseEnvelope");
  xmlNode *acknowledgement;

  if (element == NULL)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_SOAP,
                   _("The request has no %s element"), deliver ? "env" : "CountryResponseEnvelope");
      return FALSE;
    }

  if (deliver)
    {
      request->envelope = ecert_envelope_read (element, error);
      return request->envelope != NULL;
    }

  request->envelope = g_new0 (EcertEnvelope, 1);
  request->envelope->header = ecert_envelope_header_read (element, error);
  if (request->envelope->header == NULL)
    return FALSE;

  acknowledgement = ecert_xml_first_child (element, ECERT_SOAP_ACKNOWLEDGEMENT_NAMESPACE,
                                           "SPSAcknowledgement");
  if (acknowledgement != NULL)
    request->envelope->content = node_to_document (acknowledgement);

  return TRUE;
}

static gboolean
read_arguments (EcertSoapRequest  *request,
                const xmlNode     *operation,
                GError           **error)
{
  switch (request->operation)
    {
    case ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS:
      request->country_code = ecert_soap_child_text (operation, "countryCode");
      return TRUE;

    case ECERT_SOAP_ADVANCED_ACKNOWLEDGE_ENVELOPE_RECEIPT:
      request->message = ecert_soap_child_text (operation, "warningMessage");
      break;

    case ECERT_SOAP_ACKNOWLEDGE_FAILED_ENVELOPE_RECEIPT:
      request->message = ecert_soap_child_text (operation, "message");
      break;

    case ECERT_SOAP_DELIVER_ENVELOPE:
    case ECERT_SOAP_DELIVER_COUNTRY_RESPONSE_ENVELOPE:
      return read_envelope (request, operation, error);

    case ECERT_SOAP_PULL_SINGLE_IMPORT_ENVELOPE:
    case ECERT_SOAP_ACKNOWLEDGE_ENVELOPE_RECEIPT:
    case ECERT_SOAP_GET_ENVELOPE_TRACKING_INFO:
      break;

    NO_ARGUMENT_CASES:
    default:
      return TRUE;
    }

  request->hub_tracking_number = ecert_soap_child_text (operation, "hubTrackingNumber");
  if (request->hub_tracking_number == NULL)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_SOAP,
                           _("The request has no hubTrackingNumber"));
      return FALSE;
    }

  return TRUE;
}

/**
 * ecert_soap_request_parse:
 *
 * Reads a request, as a hub does. The operation is the body element's;
 * comparing it with the SOAPAction header is left to the caller.
 *
 * Returns: (transfer full): the request, or %NULL with @error set
 *   (%ECERT_ERROR_SOAP)
 */
EcertSoapRequest *
ecert_soap_request_parse (const guint8  *data,
                          gsize          length,
                          GError       **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(EcertSoapRequest) request = NULL;
  EcertSoapOperation operation;
  xmlNode *payload = NULL;

  doc = ecert_soap_parse_message (data, length, FALSE, &payload, error);
  if (doc == NULL)
    return NULL;

  if (payload->ns == NULL ||
      g_strcmp0 ((const char *) payload->ns->href, ECERT_SOAP_EPHYTO_NAMESPACE) != 0 ||
      !ecert_soap_operation_from_name ((const char *) payload->name, &operation))
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_SOAP,
                   _("The request asks for %s, which is not an operation of this hub"),
                   (const char *) payload->name);
      return NULL;
    }

  request = ecert_soap_request_new (operation);
  if (!read_arguments (request, payload, error))
    return NULL;

  return g_steal_pointer (&request);
}
