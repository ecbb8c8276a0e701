/* ecert-soap.c: SOAP 1.1 framing of the ePhyto Hub's operations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hub's WSDL binds IDeliveryService as SOAP 1.1, document/literal: the
 * body holds one element named after the operation (or after it plus
 * "Response"), and a failure is a soap:Fault whose detail holds a
 * HubWebException. Everything a hub sends is parsed with ecert_xml_parse(),
 * like any other untrusted document; what is not such a message (an HTML
 * error page from a proxy, a body cut off halfway) becomes an error that
 * says so.
 */

#define G_LOG_DOMAIN "ecert-soap"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ecert-error.h"
#include "ecert-text.h"
#include "ecert-soap-private.h"
#include "ecert-soap.h"
#include "ecert-xml.h"

#define ACTION_PREFIX "http://ephyto.ippc.int/IDeliveryService/"
#define XSI_NAMESPACE "http://www.w3.org/2001/XMLSchema-instance"

/* Longest hub message (fault text, page title) put into an error. */
#define MAX_QUOTED_CHARS 500

typedef struct
{
  const char *name;
  /* Differs from the name once: the WSDL binds
   * AdvancedAcknowledgeEnvelopeReceipt to the action of an operation it
   * does not define, NegativeAcknowledgeEnvelopeReceipt. */
  const char *action;
  /* Sending it twice does no harm, so a retry after a lost reply is safe. */
  gboolean idempotent;
} OperationInfo;

static const OperationInfo operations[ECERT_SOAP_OPERATION_COUNT] = {
  [ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS] = { "GetImportEnvelopeHeaders", NULL, TRUE },
  [ECERT_SOAP_PULL_SINGLE_IMPORT_ENVELOPE] = { "PULLSingleImportEnvelope", NULL, TRUE },
  [ECERT_SOAP_PULL_IMPORT_ENVELOPE] = { "PULLImportEnvelope", NULL, TRUE },
  [ECERT_SOAP_ACKNOWLEDGE_ENVELOPE_RECEIPT] = { "AcknowledgeEnvelopeReceipt", NULL, TRUE },
  [ECERT_SOAP_ADVANCED_ACKNOWLEDGE_ENVELOPE_RECEIPT] = {
    "AdvancedAcknowledgeEnvelopeReceipt", "NegativeAcknowledgeEnvelopeReceipt", TRUE },
  [ECERT_SOAP_ACKNOWLEDGE_FAILED_ENVELOPE_RECEIPT] = { "AcknowledgeFailedEnvelopeReceipt", NULL, TRUE },
  [ECERT_SOAP_GET_ENVELOPE_TRACKING_INFO] = { "GetEnvelopeTrackingInfo", NULL, TRUE },
  [ECERT_SOAP_GET_PROFILE] = { "GetProfile", NULL, TRUE },
  [ECERT_SOAP_GET_ACTIVE_NPPOS] = { "GetActiveNppos", NULL, TRUE },
  [ECERT_SOAP_DELIVER_ENVELOPE] = { "DeliverEnvelope", NULL, FALSE },
  [ECERT_SOAP_DELIVER_COUNTRY_RESPONSE_ENVELOPE] = { "DeliverCountryResponseEnvelope", NULL, FALSE },
  [ECERT_SOAP_GET_STATEMENTS] = { "GetStatements", NULL, TRUE },
  [ECERT_SOAP_GET_TREATMENT_TYPES] = { "GetTreatmentTypes", NULL, TRUE },
  [ECERT_SOAP_GET_INTENDED_USES] = { "GetIntendedUses", NULL, TRUE },
  [ECERT_SOAP_GET_UNIT_MEASURES] = { "GetUnitMeasures", NULL, TRUE },
  [ECERT_SOAP_GET_MEAN_OF_TRANSPORTS] = { "GetMeanOfTransports", NULL, TRUE },
  [ECERT_SOAP_GET_PACKAGE_TYPES] = { "GetPackageTypes", NULL, TRUE },
  [ECERT_SOAP_GET_PRODUCT_DESCRIPTIONS] = { "GetProductDescriptions", NULL, TRUE },
  [ECERT_SOAP_GET_ADDITIONAL_DECLARATIONS] = { "GetAdditionalDeclarations", NULL, TRUE },
  [ECERT_SOAP_GET_CONDITIONS] = { "GetConditions", NULL, TRUE },
  [ECERT_SOAP_GET_PESTICIDES] = { "GetPesticides", NULL, TRUE },
};

static const OperationInfo *
operation_info (EcertSoapOperation operation)
{
  g_return_val_if_fail ((guint) operation < ECERT_SOAP_OPERATION_COUNT, &operations[0]);

  return &operations[operation];
}

const char *
ecert_soap_operation_get_name (EcertSoapOperation operation)
{
  return operation_info (operation)->name;
}

/**
 * ecert_soap_operation_get_action:
 *
 * Returns: the operation's SOAPAction, as the WSDL binds it (without the
 *   quotes the HTTP header puts around it)
 */
const char *
ecert_soap_operation_get_action (EcertSoapOperation operation)
{
  static char *actions[ECERT_SOAP_OPERATION_COUNT];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < ECERT_SOAP_OPERATION_COUNT; i++)
        actions[i] = g_strconcat (ACTION_PREFIX,
                                  operations[i].action != NULL ? operations[i].action
                                                               : operations[i].name,
                                  NULL);
      g_once_init_leave (&initialized, 1);
    }

  return actions[operation_info (operation) - operations];
}

gboolean
ecert_soap_operation_from_name (const char         *name,
                                EcertSoapOperation *operation)
{
  for (guint i = 0; i < ECERT_SOAP_OPERATION_COUNT; i++)
    {
      if (g_strcmp0 (operations[i].name, name) == 0)
        {
          *operation = (EcertSoapOperation) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * ecert_soap_operation_from_action:
 * @action: a SOAPAction header's value, with or without its quotes
 *
 * Returns: %TRUE when @action is the SOAPAction of an operation
 */
gboolean
ecert_soap_operation_from_action (const char         *action,
                                  EcertSoapOperation *operation)
{
  g_autofree char *bare = NULL;
  gsize length;

  if (action == NULL)
    return FALSE;

  bare = g_strstrip (g_strdup (action));
  length = strlen (bare);
  if (length >= 2 && bare[0] == '"' && bare[length - 1] == '"')
    {
      bare[length - 1] = '\0';
      memmove (bare, bare + 1, length - 1);
    }

  for (guint i = 0; i < ECERT_SOAP_OPERATION_COUNT; i++)
    {
      if (g_strcmp0 (ecert_soap_operation_get_action ((EcertSoapOperation) i), bare) == 0)
        {
          *operation = (EcertSoapOperation) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * ecert_soap_operation_is_idempotent:
 *
 * Returns: %TRUE when sending the request again, after a reply was lost,
 *   cannot do anything the first one did not: everything but delivering
 */
gboolean
ecert_soap_operation_is_idempotent (EcertSoapOperation operation)
{
  return operation_info (operation)->idempotent;
}

gboolean
ecert_soap_operation_get_code_list (EcertSoapOperation  operation,
                                    EcertHubCodeList   *list)
{
  return ecert_hub_code_list_from_operation (ecert_soap_operation_get_name (operation), list);
}

EcertSoapOperation
ecert_soap_operation_for_code_list (EcertHubCodeList list)
{
  EcertSoapOperation operation = ECERT_SOAP_GET_STATEMENTS;

  if (!ecert_soap_operation_from_name (ecert_hub_code_list_get_operation (list), &operation))
    g_return_val_if_reached (ECERT_SOAP_GET_STATEMENTS);

  return operation;
}

/* Building */

xmlDoc *
ecert_soap_new_message (EcertSoapNamespaces  *namespaces,
                        xmlNode             **body)
{
  xmlDoc *doc = xmlNewDoc ((const xmlChar *) "1.0");
  xmlNode *root = xmlNewDocNode (doc, NULL, (const xmlChar *) "Envelope", NULL);

  xmlDocSetRootElement (doc, root);
  namespaces->soap = xmlNewNs (root, (const xmlChar *) ECERT_SOAP_ENVELOPE_NAMESPACE,
                               (const xmlChar *) "soap");
  namespaces->ephyto = xmlNewNs (root, (const xmlChar *) ECERT_SOAP_EPHYTO_NAMESPACE,
                                 (const xmlChar *) "eph");
  namespaces->hub = xmlNewNs (root, (const xmlChar *) ECERT_SOAP_HUB_ENTITIES_NAMESPACE,
                              (const xmlChar *) "hub");
  xmlSetNs (root, namespaces->soap);
  *body = xmlNewChild (root, namespaces->soap, (const xmlChar *) "Body", NULL);
  return doc;
}

/* A request's body holds the operation's element, a reply's the same name
 * followed by "Response". */
xmlDoc *
ecert_soap_new_operation_message (EcertSoapOperation    operation,
                                  gboolean              is_reply,
                                  EcertSoapNamespaces  *namespaces,
                                  xmlNode             **payload)
{
  xmlNode *body;
  xmlDoc *doc = ecert_soap_new_message (namespaces, &body);
  g_autofree char *name = g_strconcat (ecert_soap_operation_get_name (operation),
                                       is_reply ? "Response" : "", NULL);

  *payload = xmlNewChild (body, namespaces->ephyto, (const xmlChar *) name, NULL);
  return doc;
}

GBytes *
ecert_soap_serialize (xmlDoc *doc)
{
  xmlChar *memory = NULL;
  int size = 0;
  GBytes *bytes;

  xmlDocDumpMemoryEnc (doc, &memory, &size, "UTF-8");
  if (memory == NULL)
    g_error ("Out of memory serializing a SOAP message");

  bytes = g_bytes_new (memory, (gsize) size);
  xmlFree (memory);
  return bytes;
}

/* Unlike xmlNewChild(), a NULL @ns gives an unqualified element rather than
 * one in its parent's namespace: the WSDL leaves some elements unqualified
 * inside qualified ones. */
xmlNode *
ecert_soap_add_element (xmlNode    *parent,
                        xmlNs      *ns,
                        const char *name)
{
  return xmlAddChild (parent, xmlNewDocNode (parent->doc, ns, (const xmlChar *) name, NULL));
}

xmlNode *
ecert_soap_add_text (xmlNode    *parent,
                     xmlNs      *ns,
                     const char *name,
                     const char *text)
{
  /* A raw node's text is escaped when written, never read as markup. */
  return xmlAddChild (parent, xmlNewDocRawNode (parent->doc, ns, (const xmlChar *) name,
                                                (const xmlChar *) text));
}

xmlNode *
ecert_soap_add_int (xmlNode    *parent,
                    xmlNs      *ns,
                    const char *name,
                    int         value)
{
  char text[16];

  g_snprintf (text, sizeof text, "%d", value);
  return ecert_soap_add_text (parent, ns, name, text);
}

/* Reading */

static gboolean
is_named (const xmlNode *node,
          const char    *local_name)
{
  return node->type == XML_ELEMENT_NODE &&
         g_strcmp0 ((const char *) node->name, local_name) == 0;
}

xmlNode *
ecert_soap_child (const xmlNode *parent,
                  const char    *local_name)
{
  if (parent == NULL)
    return NULL;

  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      if (is_named (child, local_name))
        return child;
    }

  return NULL;
}

xmlNode *
ecert_soap_next_sibling (const xmlNode *node,
                         const char    *local_name)
{
  for (xmlNode *sibling = node->next; sibling != NULL; sibling = sibling->next)
    {
      if (is_named (sibling, local_name))
        return sibling;
    }

  return NULL;
}

/* Text and CDATA exactly as they are, which for a certificate in Content
 * matters: its signature covers every byte. */
char *
ecert_soap_raw_text (const xmlNode *node)
{
  return ecert_xml_raw_text (node);
}

char *
ecert_soap_child_text (const xmlNode *parent,
                       const char    *local_name)
{
  return ecert_xml_text (ecert_soap_child (parent, local_name));
}

gboolean
ecert_soap_child_int (const xmlNode  *parent,
                      const char     *local_name,
                      gboolean        required,
                      int            *value,
                      GError        **error)
{
  g_autofree char *text = ecert_soap_child_text (parent, local_name);
  gint64 number = 0;

  *value = 0;
  if (text == NULL)
    {
      if (!required)
        return TRUE;

      g_set_error (error, ECERT_ERROR, ECERT_ERROR_SOAP,
                   _("The hub's message has no %s in %s"), local_name, (const char *) parent->name);
      return FALSE;
    }

  if (!g_ascii_string_to_signed (text, 10, G_MININT, G_MAXINT, &number, NULL))
    {
      g_autofree char *shown = g_utf8_make_valid (text, MIN (strlen (text), 40));

      g_set_error (error, ECERT_ERROR, ECERT_ERROR_SOAP,
                   _("The hub's message gives %s as “%s”, which is not a whole number"),
                   local_name, shown);
      return FALSE;
    }

  *value = (int) number;
  return TRUE;
}

/* xsi:nil="true": the WSDL's nillable items, sent as nothing at all. */
gboolean
ecert_soap_is_nil (const xmlNode *node)
{
  xmlChar *nil = xmlGetNsProp (node, (const xmlChar *) "nil", (const xmlChar *) XSI_NAMESPACE);
  gboolean result = nil != NULL && (g_strcmp0 ((const char *) nil, "true") == 0 ||
                                    g_strcmp0 ((const char *) nil, "1") == 0);

  xmlFree (nil);
  return result;
}

gboolean
ecert_soap_parse_boolean (const char *text,
                          gboolean   *value)
{
  if (g_strcmp0 (text, "true") == 0 || g_strcmp0 (text, "1") == 0)
    *value = TRUE;
  else if (g_strcmp0 (text, "false") == 0 || g_strcmp0 (text, "0") == 0)
    *value = FALSE;
  else
    return FALSE;

  return TRUE;
}

/* Proxies and misconfigured servers answer with web pages. Their DOCTYPE
 * would be refused as hostile XML, which is true but not helpful. */
gboolean
ecert_soap_looks_like_html (const guint8 *data,
                            gsize         length)
{
  gsize start = 0;
  g_autofree char *head = NULL;

  if (length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    start = 3;
  while (start < length && g_ascii_isspace (data[start]))
    start++;

  head = g_ascii_strdown ((const char *) data + start, MIN (length - start, 64));
  return g_str_has_prefix (head, "<!doctype html") || g_str_has_prefix (head, "<html") ||
         (g_str_has_prefix (head, "<head") || g_str_has_prefix (head, "<body"));
}

/**
 * ecert_soap_quote:
 * @text: what a hub wrote: a fault, a page's title, a reason phrase
 * @length: its length in bytes
 *
 * Returns: (transfer full): @text made valid UTF-8, its control and bidi
 *   characters shown as <U+XXXX> (a hub is untrusted), on one line, and
 *   cut to MAX_QUOTED_CHARS (500) characters, to quote in an error
 */
char *
ecert_soap_quote (const char *text,
                  gsize       length)
{
  g_autofree char *valid = g_utf8_make_valid (text, (gssize) length);
  g_autofree char *shown = ecert_text_sanitize (valid, ECERT_TEXT_ONE_LINE);
  g_auto(GStrv) words = g_strsplit_set (shown, " ", -1);
  g_autoptr(GString) joined = g_string_new (NULL);

  /* Collapsed onto one line, as a page title or fault is shown. */
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, words[i]);
    }

  if (g_utf8_strlen (joined->str, -1) > MAX_QUOTED_CHARS)
    {
      const char *end = g_utf8_offset_to_pointer (joined->str, MAX_QUOTED_CHARS);

      g_string_truncate (joined, (gsize) (end - joined->str));
      g_string_append (joined, "…");
    }

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/**
 * ecert_soap_html_title:
 *
 * Returns: (transfer full) (nullable): the title of an HTML page, on one
 *   line, or %NULL when it has none
 */
char *
ecert_soap_html_title (const guint8 *data,
                       gsize         length)
{
  gsize scan = MIN (length, 8192);
  g_autofree char *lower = g_ascii_strdown ((const char *) data, (gssize) scan);
  const char *open = strstr (lower, "<title");
  const char *start;
  const char *end;
  g_autofree char *title = NULL;

  if (open == NULL)
    return NULL;

  start = strchr (open, '>');
  if (start == NULL)
    return NULL;
  start++;
  end = strstr (start, "</title");
  if (end == NULL)
    return NULL;

  /* Offsets in the lowered copy are offsets in the original. */
  title = ecert_soap_quote ((const char *) data + (start - lower), (gsize) (end - start));
  if (title[0] == '\0')
    return NULL;

  return g_steal_pointer (&title);
}

static void
set_fault_error (const xmlNode  *fault,
                 GError        **error)
{
  g_autofree char *code = ecert_soap_child_text (fault, "faultcode");
  g_autofree char *text = ecert_soap_child_text (fault, "faultstring");
  xmlNode *detail = ecert_soap_child (fault, "detail");
  xmlNode *exception = ecert_soap_child (detail, "HubWebException");
  g_autofree char *shown_text = text != NULL ? ecert_soap_quote (text, strlen (text)) : NULL;

  if (exception != NULL)
    {
      g_autofree char *message = ecert_soap_child_text (exception, "message");
      g_autofree char *shown = NULL;

      if (message == NULL)
        message = g_steal_pointer (&text);
      if (message == NULL)
        {
          g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_HUB_FAULT,
                               _("The hub refused the request without saying why"));
          return;
        }

      shown = ecert_soap_quote (message, strlen (message));
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_HUB_FAULT, shown);
      return;
    }

  g_set_error (error, ECERT_ERROR, ECERT_ERROR_SOAP,
               _("The hub reported a SOAP fault (%s): %s"),
               code != NULL ? code : "?",
               shown_text != NULL ? shown_text : _("no reason given"));
}

static gboolean
check_envelope (xmlNode   *root,
                gboolean   is_reply,
                GError   **error)
{
  if (ecert_xml_is_element (root, ECERT_SOAP_ENVELOPE_NAMESPACE, "Envelope"))
    return TRUE;

  if (ecert_xml_is_element (root, ECERT_SOAP12_ENVELOPE_NAMESPACE, "Envelope"))
    g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_SOAP,
                         is_reply ? _("The hub answered in SOAP 1.2; its WSDL promises SOAP 1.1")
                                  : _("The request is SOAP 1.2; this hub speaks SOAP 1.1"));
  else
    g_set_error (error, ECERT_ERROR, ECERT_ERROR_SOAP,
                 is_reply ? _("The hub's reply is XML but not a SOAP message (its root "
                              "element is %s)")
                          : _("The request is XML but not a SOAP message (its root element "
                              "is %s)"),
                 (const char *) root->name);
  return FALSE;
}

/**
 * ecert_soap_check_input:
 * @data: the start of an HTTP body, at least its first 8 KiB when it is
 *   longer (a web page's title is looked for there)
 * @length: its size
 * @is_reply: %TRUE for a reply from a hub, %FALSE for a request to one
 *
 * Returns: %FALSE with @error set when the body cannot be a SOAP message
 *   at all: it is empty, or a web page
 */
gboolean
ecert_soap_check_input (const guint8  *data,
                        gsize          length,
                        gboolean       is_reply,
                        GError       **error)
{
  if (length == 0)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_SOAP,
                           is_reply ? _("The hub's reply is empty")
                                    : _("The request is empty"));
      return FALSE;
    }

  if (ecert_soap_looks_like_html (data, length))
    {
      g_autofree char *title = ecert_soap_html_title (data, length);

      if (title != NULL)
        g_set_error (error, ECERT_ERROR, ECERT_ERROR_SOAP,
                     _("The hub answered with a web page (“%s”), not a SOAP message"), title);
      else
        g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_SOAP,
                             _("The hub answered with a web page, not a SOAP message"));
      return FALSE;
    }

  return TRUE;
}

/**
 * ecert_soap_set_unreadable_error:
 * @parse_error: why ecert_xml_parse() or a push parser refused the message
 *
 * Says that a message cannot be read, and why, in the same words for a
 * message read whole or as it arrives.
 */
void
ecert_soap_set_unreadable_error (GError       **error,
                                 const GError  *parse_error,
                                 gboolean       is_reply)
{
  g_set_error (error, ECERT_ERROR, ECERT_ERROR_SOAP,
               is_reply ? _("The hub's reply cannot be read, perhaps because it was cut "
                            "off: %s")
                        : _("The request cannot be read: %s"),
               parse_error->message);
}

/**
 * ecert_soap_find_payload:
 * @doc: a parsed message
 *
 * Returns: (transfer none): the element in the message's body, or %NULL
 *   with @error set when the message is not SOAP 1.1, has nothing in its
 *   body or is a fault (see ecert_soap_parse_message())
 */
xmlNode *
ecert_soap_find_payload (xmlDoc    *doc,
                         gboolean   is_reply,
                         GError   **error)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  xmlNode *body;
  xmlNode *child = NULL;

  if (!check_envelope (root, is_reply, error))
    return NULL;

  body = ecert_xml_first_child (root, ECERT_SOAP_ENVELOPE_NAMESPACE, "Body");
  for (xmlNode *node = body != NULL ? body->children : NULL; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE)
        {
          child = node;
          break;
        }
    }

  if (child == NULL)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_SOAP,
                           is_reply ? _("The hub's reply is a SOAP message with nothing in "
                                        "its body")
                                    : _("The request is a SOAP message with nothing in its "
                                        "body"));
      return NULL;
    }

  if (ecert_xml_is_element (child, ECERT_SOAP_ENVELOPE_NAMESPACE, "Fault"))
    {
      set_fault_error (child, error);
      return NULL;
    }

  return child;
}

/**
 * ecert_soap_parse_message:
 * @data: the HTTP body
 * @length: its size
 * @is_reply: %TRUE for a reply from a hub, %FALSE for a request to one
 *   (only the wording of errors differs)
 * @payload: (out) (transfer none): the body's element, which belongs to the
 *   returned document
 * @error: return location for an %ECERT_ERROR_SOAP or, when the message is
 *   a fault carrying a HubWebException, %ECERT_ERROR_HUB_FAULT error
 *
 * Parses a SOAP 1.1 message as untrusted XML and finds its payload. A
 * fault is returned as an error.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
xmlDoc *
ecert_soap_parse_message (const guint8  *data,
                          gsize          length,
                          gboolean       is_reply,
                          xmlNode      **payload,
                          GError       **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GError) parse_error = NULL;
  EcertXmlLimits limits = { ECERT_SOAP_DEFAULT_MAX_SIZE, ECERT_XML_DEFAULT_MAX_DEPTH };

  if (!ecert_soap_check_input (data, length, is_reply, error))
    return NULL;

  doc = ecert_xml_parse (data, length, &limits, &parse_error);
  if (doc == NULL)
    {
      ecert_soap_set_unreadable_error (error, parse_error, is_reply);
      return NULL;
    }

  *payload = ecert_soap_find_payload (doc, is_reply, error);
  if (*payload == NULL)
    return NULL;

  return g_steal_pointer (&doc);
}

/**
 * ecert_soap_build_fault:
 * @code: whose fault it is
 * @message: what went wrong, in words
 * @hub_exception: %TRUE to carry @message in a HubWebException, as the
 *   hub does for the failures its WSDL declares
 *
 * Returns: (transfer full): the fault message
 */
GBytes *
ecert_soap_build_fault (EcertSoapFaultCode  code,
                        const char         *message,
                        gboolean            hub_exception)
{
  g_autoptr(xmlDoc) doc = NULL;
  EcertSoapNamespaces namespaces;
  xmlNode *body;
  xmlNode *fault;

  doc = ecert_soap_new_message (&namespaces, &body);
  fault = xmlNewChild (body, namespaces.soap, (const xmlChar *) "Fault", NULL);
  /* faultcode, faultstring and detail are unqualified in SOAP 1.1. */
  ecert_soap_add_text (fault, NULL, "faultcode",
                       code == ECERT_SOAP_FAULT_CLIENT ? "soap:Client" : "soap:Server");
  ecert_soap_add_text (fault, NULL, "faultstring", message);

  if (hub_exception)
    {
      xmlNode *detail = ecert_soap_add_element (fault, NULL, "detail");
      xmlNode *exception = ecert_soap_add_element (detail, namespaces.ephyto, "HubWebException");

      ecert_soap_add_text (exception, namespaces.ephyto, "message", message);
    }

  return ecert_soap_serialize (doc);
}
