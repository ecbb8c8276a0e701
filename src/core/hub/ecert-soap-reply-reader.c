/* ecert-soap-reply-reader.c: a hub's reply, read as it arrives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Most replies are read whole, up to a size limit. A list of envelope
 * headers is different: everything pending for the desk's country comes in
 * one GetImportEnvelopeHeaders reply (the WSDL has no paging), and a desk
 * that has fallen behind may be listed hundreds of thousands of envelopes,
 * a reply of hundreds of megabytes. So a list is parsed as it arrives,
 * with the protections of every other parse (no DOCTYPE, no entities, no
 * network, a nesting limit), and each header, once read, is packed into an
 * EcertEnvelopeHeaderList and its XML freed. What else is held at once
 * (the envelope around the list, one header as it is read, a fault) is
 * limited, and so are the list's size, its number of headers and what
 * their fields take. Until its last byte the list is only ever an error or
 * nothing: a list cut off is never taken for a shorter one.
 */

#define G_LOG_DOMAIN "ecert-soap-reply"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ecert-envelope-header-list.h"
#include "ecert-error.h"
#include "ecert-soap-private.h"
#include "ecert-soap-reply-reader.h"
#include "ecert-xml.h"

/* What of a list is held before parsing starts: a web page from a proxy
 * is told apart by its start, and named by its title. */
#define SNIFF_SIZE (8 * 1024)

struct _EcertSoapReplyReader
{
  EcertSoapOperation       operation;
  gsize                    max_size;
  gsize                    size;
  /* A reply read whole; for a list, its start until it is known to be
   * XML. */
  GByteArray              *buffer;

  /* A list of headers */
  gsize                    max_list_size;
  guint                    max_headers;
  gsize                    max_fields_size;
  EcertXmlPushParser      *parser;
  EcertEnvelopeHeaderList *headers;
  /* The GetImportEnvelopeHeadersResult element, once found. */
  const xmlNode           *list;

  GError                  *error;
};

static gboolean
is_list (EcertSoapReplyReader *reader)
{
  return reader->operation == ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS;
}

/**
 * ecert_soap_reply_reader_new:
 * @operation: the operation whose reply is read
 * @max_size: the size above which a reply read whole is refused (a list of
 *   headers has limits of its own)
 *
 * Returns: (transfer full): a reader to give the reply to, piece by piece
 */
EcertSoapReplyReader *
ecert_soap_reply_reader_new (EcertSoapOperation operation,
                             gsize              max_size)
{
  EcertSoapReplyReader *reader;

  g_return_val_if_fail ((guint) operation < ECERT_SOAP_OPERATION_COUNT, NULL);

  reader = g_new0 (EcertSoapReplyReader, 1);
  reader->operation = operation;
  reader->max_size = max_size;
  reader->buffer = g_byte_array_new ();
  reader->max_list_size = ECERT_SOAP_MAX_HEADER_LIST_SIZE;
  reader->max_headers = ECERT_SOAP_MAX_HEADERS;
  reader->max_fields_size = ECERT_SOAP_MAX_HEADER_FIELDS_SIZE;
  reader->headers = ecert_envelope_header_list_new ();
  return reader;
}

/**
 * ecert_soap_reply_reader_set_list_limits:
 * @max_size: the size of a list of headers above which it is refused
 * @max_headers: the number of headers above which it is refused
 * @max_fields_size: what the headers' fields may take in memory
 *
 * Tighter limits than the defaults (%ECERT_SOAP_MAX_HEADER_LIST_SIZE,
 * %ECERT_SOAP_MAX_HEADERS, %ECERT_SOAP_MAX_HEADER_FIELDS_SIZE), before
 * anything is fed.
 */
void
ecert_soap_reply_reader_set_list_limits (EcertSoapReplyReader *reader,
                                         gsize                 max_size,
                                         guint                 max_headers,
                                         gsize                 max_fields_size)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (reader->size == 0);

  reader->max_list_size = max_size;
  reader->max_headers = max_headers;
  reader->max_fields_size = max_fields_size;
}

void
ecert_soap_reply_reader_free (EcertSoapReplyReader *reader)
{
  if (reader == NULL)
    return;

  g_clear_pointer (&reader->buffer, g_byte_array_unref);
  g_clear_pointer (&reader->parser, ecert_xml_push_parser_free);
  g_clear_pointer (&reader->headers, ecert_envelope_header_list_unref);
  g_clear_error (&reader->error);
  g_free (reader);
}

/**
 * ecert_soap_reply_reader_get_size:
 *
 * Returns: the bytes of the reply fed so far
 */
gsize
ecert_soap_reply_reader_get_size (EcertSoapReplyReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->size;
}

static gboolean
is_named (const xmlNode *node,
          const char    *local_name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         g_strcmp0 ((const char *) node->name, local_name) == 0;
}

static const xmlNode *
first_element (const xmlNode *parent)
{
  for (const xmlNode *child = parent->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      return child;

  return NULL;
}

/* Whether @parent is where a reply read whole would find its headers: the
 * first GetImportEnvelopeHeadersResult of the GetImportEnvelopeHeadersResponse
 * that is the first element in the body. Anything else is kept, for the
 * checks the whole reply gets at its end. */
static gboolean
is_the_list (EcertSoapReplyReader *reader,
             const xmlNode        *parent)
{
  const xmlNode *response;
  const xmlNode *body;

  if (reader->list != NULL)
    return parent == reader->list;

  if (!is_named (parent, "GetImportEnvelopeHeadersResult"))
    return FALSE;

  response = parent->parent;
  body = response != NULL ? response->parent : NULL;
  if (!is_named (response, "GetImportEnvelopeHeadersResponse") ||
      !ecert_xml_is_element (body, ECERT_SOAP_ENVELOPE_NAMESPACE, "Body") ||
      !ecert_xml_is_element (body->parent, ECERT_SOAP_ENVELOPE_NAMESPACE, "Envelope") ||
      body->parent->parent == NULL || body->parent->parent->type != XML_DOCUMENT_NODE ||
      first_element (body) != response ||
      ecert_soap_child (response, "GetImportEnvelopeHeadersResult") != parent)
    return FALSE;

  reader->list = parent;
  return TRUE;
}

static gboolean
add_header (EcertSoapReplyReader  *reader,
            const xmlNode         *element,
            GError               **error)
{
  g_autoptr(EcertEnvelopeHeader) header = NULL;

  if (ecert_envelope_header_list_get_length (reader->headers) >= reader->max_headers)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_TOO_LARGE,
                   _("The hub lists more than %u pending envelopes at once; this desk reads "
                     "at most that many in one list"), reader->max_headers);
      return FALSE;
    }

  header = ecert_envelope_header_read (element, error);
  if (header == NULL)
    return FALSE;

  ecert_envelope_header_list_add (reader->headers, header);
  if (ecert_envelope_header_list_get_size (reader->headers) > reader->max_fields_size)
    {
      g_autofree char *limit = g_format_size (reader->max_fields_size);

      g_set_error (error, ECERT_ERROR, ECERT_ERROR_TOO_LARGE,
                   _("The hub’s list of envelope headers holds more than %s of header "
                     "fields; it was not read"), limit);
      return FALSE;
    }

  return TRUE;
}

/* Each header of the list is read as soon as its end tag has arrived, and
 * then freed with whatever else the list holds: a reply read whole would
 * not look at anything else there either. */
static gboolean
element_done_cb (xmlNode   *element,
                 gboolean  *discard,
                 gpointer   user_data,
                 GError   **error)
{
  EcertSoapReplyReader *reader = user_data;

  if (!is_the_list (reader, element->parent))
    return TRUE;

  *discard = TRUE;
  if (!is_named (element, "EnvelopeHeader") || ecert_soap_is_nil (element))
    return TRUE;

  return add_header (reader, element, error);
}

/* Records why the list cannot be read, in words for the desk. */
static void
set_list_error (EcertSoapReplyReader *reader,
                GError               *parse_error)
{
  if (ecert_xml_push_parser_failed_in_callback (reader->parser))
    reader->error = g_steal_pointer (&parse_error);
  else if (g_error_matches (parse_error, ECERT_ERROR, ECERT_ERROR_TOO_LARGE))
    {
      g_autofree char *limit = g_format_size (ECERT_SOAP_MAX_LIST_PART_SIZE);

      reader->error = g_error_new (ECERT_ERROR, ECERT_ERROR_TOO_LARGE,
                                   _("The hub’s list of envelope headers holds a header or "
                                     "another part larger than %s; it was not read"), limit);
    }
  else
    ecert_soap_set_unreadable_error (&reader->error, parse_error, TRUE);

  g_clear_error (&parse_error);
}

static gboolean
feed_parser (EcertSoapReplyReader *reader,
             const guint8         *data,
             gsize                 length)
{
  GError *parse_error = NULL;

  if (ecert_xml_push_parser_feed (reader->parser, data, length, &parse_error))
    return TRUE;

  set_list_error (reader, parse_error);
  return FALSE;
}

/* The start of the list is in the buffer: unless it is a web page, or
 * nothing, parsing begins with it. */
static gboolean
start_list (EcertSoapReplyReader *reader)
{
  EcertXmlLimits limits = { ECERT_SOAP_MAX_LIST_PART_SIZE, ECERT_XML_DEFAULT_MAX_DEPTH };
  g_autoptr(GByteArray) start = g_steal_pointer (&reader->buffer);

  if (!ecert_soap_check_input (start->data, start->len, TRUE, &reader->error))
    return FALSE;

  reader->parser = ecert_xml_push_parser_new (&limits, element_done_cb, reader);
  return feed_parser (reader, start->data, start->len);
}

static gboolean
feed_list (EcertSoapReplyReader *reader,
           const guint8         *data,
           gsize                 length)
{
  if (reader->size > reader->max_list_size)
    {
      g_autofree char *limit = g_format_size (reader->max_list_size);

      reader->error = g_error_new (ECERT_ERROR, ECERT_ERROR_TOO_LARGE,
                                   _("The hub’s list of envelope headers is larger than %s; it "
                                     "was not read"), limit);
      return FALSE;
    }

  if (reader->parser == NULL)
    {
      gsize taken = MIN (length, SNIFF_SIZE - reader->buffer->len);

      g_byte_array_append (reader->buffer, data, (guint) taken);
      if (reader->buffer->len < SNIFF_SIZE)
        return TRUE;
      if (!start_list (reader))
        return FALSE;
      data += taken;
      length -= taken;
    }

  return length == 0 || feed_parser (reader, data, length);
}

/**
 * ecert_soap_reply_reader_feed:
 * @data: the next piece of the HTTP body, untrusted
 * @length: its size
 *
 * Returns: %FALSE when the reply is already known to be unusable (too
 *   large, not XML, hostile): read no more of it, and call
 *   ecert_soap_reply_reader_finish() for the reason
 */
gboolean
ecert_soap_reply_reader_feed (EcertSoapReplyReader *reader,
                              const guint8         *data,
                              gsize                 length)
{
  g_return_val_if_fail (reader != NULL, FALSE);

  if (reader->error != NULL)
    return FALSE;

  reader->size += length;
  if (is_list (reader))
    return feed_list (reader, data, length);

  if (reader->size > reader->max_size)
    {
      g_autofree char *limit = g_format_size (reader->max_size);

      reader->error = g_error_new (ECERT_ERROR, ECERT_ERROR_TOO_LARGE,
                                   _("The hub’s reply is larger than %s; it was not read"), limit);
      return FALSE;
    }

  g_byte_array_append (reader->buffer, data, (guint) length);
  return TRUE;
}

static EcertSoapReply *
finish_list (EcertSoapReplyReader  *reader,
             GError               **error)
{
  g_autoptr(EcertSoapReply) reply = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  GError *parse_error = NULL;
  xmlNode *payload;

  if (reader->parser == NULL && !start_list (reader))
    {
      g_propagate_error (error, g_steal_pointer (&reader->error));
      return NULL;
    }

  doc = ecert_xml_push_parser_finish (reader->parser, &parse_error);
  if (doc == NULL)
    {
      set_list_error (reader, parse_error);
      g_propagate_error (error, g_steal_pointer (&reader->error));
      return NULL;
    }

  /* A fault, or the reply to another operation, is all there. */
  payload = ecert_soap_find_payload (doc, TRUE, error);
  if (payload == NULL || !ecert_soap_reply_check_response (reader->operation, payload, error))
    return NULL;

  reply = ecert_soap_reply_new (reader->operation);
  g_clear_pointer (&reply->headers, ecert_envelope_header_list_unref);
  reply->headers = ecert_envelope_header_list_ref (reader->headers);
  return g_steal_pointer (&reply);
}

/**
 * ecert_soap_reply_reader_finish:
 * @error: return location for the errors of ecert_soap_reply_parse(), or
 *   %ECERT_ERROR_TOO_LARGE
 *
 * Reads what is left, once the whole reply (or as much of it as could be
 * used) has been fed. Call it once.
 *
 * Returns: (transfer full): the reply, or %NULL with @error set
 */
EcertSoapReply *
ecert_soap_reply_reader_finish (EcertSoapReplyReader  *reader,
                                GError               **error)
{
  g_return_val_if_fail (reader != NULL, NULL);

  if (reader->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&reader->error));
      return NULL;
    }

  if (is_list (reader))
    return finish_list (reader, error);

  return ecert_soap_reply_parse (reader->operation, reader->buffer->data, reader->buffer->len,
                                 error);
}
