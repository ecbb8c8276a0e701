/* ecert-soap-reply.c: building and reading the hub's replies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ecert-hub builds replies; the client reads them. Reading checks that the
 * reply answers the operation asked, then finds what is inside by local
 * name: the WSDL qualifies some of these elements and not others, and a
 * client that insisted on every namespace would break on the first hub
 * that read the WSDL differently.
 */

#define G_LOG_DOMAIN "ecert-soap-reply"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ecert-error.h"
#include "ecert-soap-private.h"
#include "ecert-soap-reply-reader.h"
#include "ecert-soap-reply.h"
#include "ecert-xml.h"

/* Pieces in which a list of headers in memory is read, as if it arrived. */
#define LIST_PIECE_SIZE (64 * 1024)

EcertSoapReply *
ecert_soap_reply_new (EcertSoapOperation operation)
{
  EcertSoapReply *reply = g_new0 (EcertSoapReply, 1);

  reply->operation = operation;
  reply->headers = ecert_envelope_header_list_new ();
  reply->envelopes = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_envelope_free);
  reply->nppos = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_nppo_free);
  reply->code_entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_hub_code_entry_free);
  return reply;
}

void
ecert_soap_reply_free (EcertSoapReply *reply)
{
  if (reply == NULL)
    return;

  g_clear_pointer (&reply->headers, ecert_envelope_header_list_unref);
  g_clear_pointer (&reply->envelopes, g_ptr_array_unref);
  g_clear_pointer (&reply->envelope, ecert_envelope_free);
  g_clear_pointer (&reply->header, ecert_envelope_header_free);
  g_clear_pointer (&reply->nppo, ecert_nppo_free);
  g_clear_pointer (&reply->nppos, g_ptr_array_unref);
  g_clear_pointer (&reply->code_entries, g_ptr_array_unref);
  g_free (reply->text);
  g_free (reply);
}

/* The element inside the response that holds the answer, as the WSDL
 * names it; NULL when the answer is the response's children themselves. */
static const char *
result_name (EcertSoapOperation operation)
{
  switch (operation)
    {
    case ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS:
      return "GetImportEnvelopeHeadersResult";
    case ECERT_SOAP_PULL_SINGLE_IMPORT_ENVELOPE:
      return "PULLSingleImportEnvelopeResult";
    case ECERT_SOAP_PULL_IMPORT_ENVELOPE:
      /* Plural, unlike the operation: the WSDL's spelling. */
      return "PULLImportEnvelopesResult";
    case ECERT_SOAP_GET_ENVELOPE_TRACKING_INFO:
      return "GetEnvelopeTrackingInfoResult";
    case ECERT_SOAP_GET_PROFILE:
      return "GetProfileResult";
    case ECERT_SOAP_GET_ACTIVE_NPPOS:
      return "GetActiveNpposResult";
    case ECERT_SOAP_DELIVER_ENVELOPE:
      return "DeliverEnvelopeResult";
    case ECERT_SOAP_DELIVER_COUNTRY_RESPONSE_ENVELOPE:
      return "DeliverCountryResponseEnvelopeResult";
    case ECERT_SOAP_ADVANCED_ACKNOWLEDGE_ENVELOPE_RECEIPT:
    case ECERT_SOAP_ACKNOWLEDGE_FAILED_ENVELOPE_RECEIPT:
      return "return";
    case ECERT_SOAP_ACKNOWLEDGE_ENVELOPE_RECEIPT:
    ECERT_SOAP_CODE_LIST_CASES:
    default:
      return NULL;
    }
}

static xmlNode *
add_result (xmlNode                   *response,
            EcertSoapOperation         operation,
            const EcertSoapNamespaces *namespaces)
{
  return xmlNewChild (response, namespaces->ephyto, (const xmlChar *) result_name (operation),
                      NULL);
}

static void
write_list (const EcertSoapReply      *reply,
            xmlNode                   *response,
            const EcertSoapNamespaces *namespaces)
{
  xmlNode *result = add_result (response, reply->operation, namespaces);

  if (reply->operation == ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS)
    for (guint i = 0; i < ecert_envelope_header_list_get_length (reply->headers); i++)
      {
        g_autoptr(EcertEnvelopeHeader) header = ecert_envelope_header_list_get (reply->headers, i);

        ecert_envelope_header_write (header,
                                     xmlNewChild (result, namespaces->hub,
                                                  (const xmlChar *) "EnvelopeHeader", NULL),
                                     namespaces);
      }
  else if (reply->operation == ECERT_SOAP_PULL_IMPORT_ENVELOPE)
    for (guint i = 0; i < reply->envelopes->len; i++)
      ecert_envelope_write (reply->envelopes->pdata[i],
                            xmlNewChild (result, namespaces->hub, (const xmlChar *) "Envelope", NULL),
                            namespaces);
  else
    for (guint i = 0; i < reply->nppos->len; i++)
      ecert_nppo_write (reply->nppos->pdata[i],
                        xmlNewChild (result, namespaces->hub, (const xmlChar *) "Nppo", NULL),
                        namespaces);
}

static void
write_code_entries (const EcertSoapReply      *reply,
                    EcertHubCodeList           list,
                    xmlNode                   *response,
                    const EcertSoapNamespaces *namespaces)
{
  const char *item = ecert_hub_code_list_get_item_name (list);

  for (guint i = 0; i < reply->code_entries->len; i++)
    {
      const EcertHubCodeEntry *entry = reply->code_entries->pdata[i];

      if (entry->list == list)
        ecert_hub_code_entry_write (entry, xmlNewChild (response, namespaces->ephyto,
                                                        (const xmlChar *) item, NULL));
    }
}

static void
write_answer (const EcertSoapReply      *reply,
              xmlNode                   *response,
              const EcertSoapNamespaces *namespaces)
{
  EcertHubCodeList list;

  switch (reply->operation)
    {
    case ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS:
    case ECERT_SOAP_PULL_IMPORT_ENVELOPE:
    case ECERT_SOAP_GET_ACTIVE_NPPOS:
      write_list (reply, response, namespaces);
      break;

    case ECERT_SOAP_PULL_SINGLE_IMPORT_ENVELOPE:
      if (reply->envelope != NULL)
        ecert_envelope_write (reply->envelope, add_result (response, reply->operation, namespaces),
                              namespaces);
      break;

    case ECERT_SOAP_GET_ENVELOPE_TRACKING_INFO:
    case ECERT_SOAP_DELIVER_ENVELOPE:
    case ECERT_SOAP_DELIVER_COUNTRY_RESPONSE_ENVELOPE:
      if (reply->header != NULL)
        ecert_envelope_header_write (reply->header,
                                     add_result (response, reply->operation, namespaces),
                                     namespaces);
      break;

    case ECERT_SOAP_GET_PROFILE:
      if (reply->nppo != NULL)
        ecert_nppo_write (reply->nppo, add_result (response, reply->operation, namespaces),
                          namespaces);
      break;

    case ECERT_SOAP_ADVANCED_ACKNOWLEDGE_ENVELOPE_RECEIPT:
    case ECERT_SOAP_ACKNOWLEDGE_FAILED_ENVELOPE_RECEIPT:
      if (reply->text != NULL)
        ecert_soap_add_text (response, namespaces->ephyto, "return", reply->text);
      break;

    case ECERT_SOAP_ACKNOWLEDGE_ENVELOPE_RECEIPT:
      break;

    ECERT_SOAP_CODE_LIST_CASES:
    default:
      if (ecert_soap_operation_get_code_list (reply->operation, &list))
        write_code_entries (reply, list, response, namespaces);
      break;
    }
}

/**
 * ecert_soap_reply_to_bytes:
 *
 * Returns: (transfer full): the reply as a SOAP message
 */
GBytes *
ecert_soap_reply_to_bytes (const EcertSoapReply *reply)
{
  g_autoptr(xmlDoc) doc = NULL;
  EcertSoapNamespaces namespaces;
  xmlNode *response;

  g_return_val_if_fail (reply != NULL, NULL);
  g_return_val_if_fail ((guint) reply->operation < ECERT_SOAP_OPERATION_COUNT, NULL);

  doc = ecert_soap_new_operation_message (reply->operation, TRUE, &namespaces, &response);
  write_answer (reply, response, &namespaces);
  return ecert_soap_serialize (doc);
}

typedef gpointer (*ReadFunc) (const xmlNode *element, GError **error);

static gboolean
read_items (const xmlNode  *result,
            const char     *item_name,
            ReadFunc        read,
            GPtrArray      *items,
            GError        **error)
{
  for (xmlNode *item = ecert_soap_child (result, item_name); item != NULL;
       item = ecert_soap_next_sibling (item, item_name))
    {
      gpointer value;

      if (ecert_soap_is_nil (item))
        continue;

      value = read (item, error);
      if (value == NULL)
        return FALSE;
      g_ptr_array_add (items, value);
    }

  return TRUE;
}

static gboolean
read_code_entries (EcertSoapReply  *reply,
                   EcertHubCodeList list,
                   const xmlNode   *response,
                   GError         **error)
{
  const char *item_name = ecert_hub_code_list_get_item_name (list);

  for (xmlNode *item = ecert_soap_child (response, item_name); item != NULL;
       item = ecert_soap_next_sibling (item, item_name))
    {
      EcertHubCodeEntry *entry = ecert_hub_code_entry_read (list, item, error);

      if (entry == NULL)
        return FALSE;
      g_ptr_array_add (reply->code_entries, entry);
    }

  return TRUE;
}

static gboolean
read_answer (EcertSoapReply  *reply,
             const xmlNode   *response,
             GError         **error)
{
  const char *name = result_name (reply->operation);
  xmlNode *result = name != NULL ? ecert_soap_child (response, name) : NULL;
  EcertHubCodeList list;

  /* Both spellings have been seen from SOAP stacks reading the WSDL. */
  if (result == NULL && reply->operation == ECERT_SOAP_PULL_IMPORT_ENVELOPE)
    result = ecert_soap_child (response, "PULLImportEnvelopeResult");

  switch (reply->operation)
    {
    case ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS:
      /* Read as it arrives, by EcertSoapReplyReader. */
      g_return_val_if_reached (FALSE);

    case ECERT_SOAP_PULL_IMPORT_ENVELOPE:
      return read_items (result, "Envelope", (ReadFunc) ecert_envelope_read,
                         reply->envelopes, error);

    case ECERT_SOAP_GET_ACTIVE_NPPOS:
      return read_items (result, "Nppo", (ReadFunc) ecert_nppo_read, reply->nppos, error);

    case ECERT_SOAP_PULL_SINGLE_IMPORT_ENVELOPE:
      if (result != NULL && !ecert_soap_is_nil (result))
        reply->envelope = ecert_envelope_read (result, error);
      return result == NULL || ecert_soap_is_nil (result) || reply->envelope != NULL;

    case ECERT_SOAP_GET_ENVELOPE_TRACKING_INFO:
    case ECERT_SOAP_DELIVER_ENVELOPE:
    case ECERT_SOAP_DELIVER_COUNTRY_RESPONSE_ENVELOPE:
      if (result != NULL && !ecert_soap_is_nil (result))
        reply->header = ecert_envelope_header_read (result, error);
      return result == NULL || ecert_soap_is_nil (result) || reply->header != NULL;

    case ECERT_SOAP_GET_PROFILE:
      if (result != NULL && !ecert_soap_is_nil (result))
        reply->nppo = ecert_nppo_read (result, error);
      return result == NULL || ecert_soap_is_nil (result) || reply->nppo != NULL;

    case ECERT_SOAP_ADVANCED_ACKNOWLEDGE_ENVELOPE_RECEIPT:
    case ECERT_SOAP_ACKNOWLEDGE_FAILED_ENVELOPE_RECEIPT:
      reply->text = ecert_xml_text (result);
      return TRUE;

    case ECERT_SOAP_ACKNOWLEDGE_ENVELOPE_RECEIPT:
      return TRUE;

    ECERT_SOAP_CODE_LIST_CASES:
    default:
      if (!ecert_soap_operation_get_code_list (reply->operation, &list))
        g_return_val_if_reached (FALSE);
      return read_code_entries (reply, list, response, error);
    }
}

/**
 * ecert_soap_reply_check_response: (skip)
 * @payload: the element in a reply's body
 *
 * Returns: %FALSE with @error set when @payload is not the response to
 *   @operation
 */
gboolean
ecert_soap_reply_check_response (EcertSoapOperation   operation,
                                 const xmlNode       *payload,
                                 GError             **error)
{
  g_autofree char *expected = g_strconcat (ecert_soap_operation_get_name (operation), "Response",
                                           NULL);

  if (g_strcmp0 ((const char *) payload->name, expected) == 0)
    return TRUE;

  g_set_error (error, ECERT_ERROR, ECERT_ERROR_SOAP,
               _("The hub's reply is a %s where a %s was expected"),
               (const char *) payload->name, expected);
  return FALSE;
}

/* A list of headers in memory is read as one arriving would be, so that
 * both are read alike. */
static EcertSoapReply *
parse_list (EcertSoapOperation   operation,
            const guint8        *data,
            gsize                length,
            GError             **error)
{
  g_autoptr(EcertSoapReplyReader) reader =
    ecert_soap_reply_reader_new (operation, ECERT_SOAP_DEFAULT_MAX_SIZE);

  for (gsize offset = 0; offset < length; offset += LIST_PIECE_SIZE)
    if (!ecert_soap_reply_reader_feed (reader, data + offset, MIN (length - offset, LIST_PIECE_SIZE)))
      break;

  return ecert_soap_reply_reader_finish (reader, error);
}

/**
 * ecert_soap_reply_parse:
 * @operation: the operation the reply answers
 * @data: the HTTP body, untrusted
 * @length: its size
 * @error: return location for an %ECERT_ERROR_HUB_FAULT error (the hub
 *   answered with a HubWebException; the message is the hub's) or an
 *   %ECERT_ERROR_SOAP one (any other fault, a web page, a body that is
 *   empty, cut off, not XML or not the reply to @operation), or
 *   %ECERT_ERROR_TOO_LARGE for a list of headers beyond the limits of
 *   #EcertSoapReplyReader
 *
 * Returns: (transfer full): the reply, or %NULL with @error set
 */
EcertSoapReply *
ecert_soap_reply_parse (EcertSoapOperation   operation,
                        const guint8        *data,
                        gsize                length,
                        GError             **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(EcertSoapReply) reply = NULL;
  xmlNode *payload = NULL;

  g_return_val_if_fail ((guint) operation < ECERT_SOAP_OPERATION_COUNT, NULL);

  if (operation == ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS)
    return parse_list (operation, data, length, error);

  doc = ecert_soap_parse_message (data, length, TRUE, &payload, error);
  if (doc == NULL)
    return NULL;

  if (!ecert_soap_reply_check_response (operation, payload, error))
    return NULL;

  reply = ecert_soap_reply_new (operation);
  if (!read_answer (reply, payload, error))
    return NULL;

  return g_steal_pointer (&reply);
}
