/* ecert-inquiry-xml.c: an inquiry as an SPSAcknowledgement, and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The WSDL's SPSAcknowledgementDocument holds an IssueDateTime, a
 * StatusCode, one ReasonInformation and any number of
 * ReferenceSPSReferencedDocument, nothing else. Everything else an
 * inquiry says travels as referenced documents whose RelationshipTypeCode
 * names what they carry; their TypeCode is ZZZ, "mutually defined":
 *
 *   TypeCode  RelationshipTypeCode  carries
 *   851, ...  ACE                   the certificate: ID is its number
 *   ZZZ       ExportCountry         ID: the exporting country, ISO 3166-1
 *   ZZZ       BorderMeasure         ID: a measure code ("detained"), with
 *                                   its English name as Information
 *   ZZZ       Inspector             Information: the inspector's name
 *   ZZZ       InspectionLocation    Information: where it was inspected
 *   ZZZ       Reason                Information@languageID: the reason in
 *                                   a further language
 *   ZZZ       Attachment            AttachmentBinaryObject@filename: base64
 *
 * A reader that does not know these still sees each Information as text.
 * Documents are read through the safe parser: replies come from other
 * countries' systems, and an unknown referenced document is skipped.
 */

#define G_LOG_DOMAIN "ecert-inquiry"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/tree.h>

#include "ecert-codes.h"
#include "ecert-content.h"
#include "ecert-date-time.h"
#include "ecert-error.h"
#include "ecert-inquiry.h"
#include "ecert-xml.h"

#define ACK_NS "urn:un:unece:uncefact:data:standard:SPSAcknowledgement:17"
#define RAM_NS "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21"
#define UDT_NS "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:21"

#define CERTIFICATE_RELATIONSHIP "ACE"
#define PROFILE_TYPE "ZZZ"

/* Attachments travel as base64, a third larger than the files. */
#define MAX_DOCUMENT_SIZE (ECERT_INQUIRY_MAX_ATTACHMENTS_SIZE / 3 * 4 + 4 * 1024 * 1024)

typedef struct
{
  xmlNs *ram;
  xmlNs *udt;
} Namespaces;

static xmlNode *
add_text (xmlNode    *parent,
          xmlNs      *ns,
          const char *name,
          const char *text)
{
  return xmlNewTextChild (parent, ns, (const xmlChar *) name, (const xmlChar *) text);
}

static xmlNode *
add_reference (xmlNode          *parent,
               const Namespaces *ns,
               const char       *type,
               const char       *relationship,
               const char       *id)
{
  xmlNode *reference = xmlNewChild (parent, ns->ram,
                                    (const xmlChar *) "ReferenceSPSReferencedDocument", NULL);

  add_text (reference, ns->ram, "TypeCode", type);
  add_text (reference, ns->ram, "RelationshipTypeCode", relationship);
  if (id != NULL)
    add_text (reference, ns->ram, "ID", id);
  return reference;
}

static void
add_information (xmlNode          *reference,
                 const Namespaces *ns,
                 const char       *language,
                 const char       *text)
{
  xmlNode *information = add_text (reference, ns->ram, "Information", text);

  if (language != NULL)
    xmlNewProp (information, (const xmlChar *) "languageID", (const xmlChar *) language);
}

static void
write_measures (EcertInquiry     *self,
                xmlNode          *document,
                const Namespaces *ns)
{
  EcertInquiryMeasure measures = ecert_inquiry_get_measures (self);

  for (guint bit = 0; bit < 32; bit++)
    {
      EcertInquiryMeasure measure = (EcertInquiryMeasure) (1u << bit);
      const char *code = ecert_inquiry_measure_to_code (measure);
      xmlNode *reference;

      if ((measures & measure) == 0 || code == NULL)
        continue;

      reference = add_reference (document, ns, PROFILE_TYPE, "BorderMeasure", code);
      /* The receiving desk reads English more often than our language. */
      add_information (reference, ns, "en", ecert_codes_border_measure_english (code));
    }
}

static void
write_attachments (EcertInquiry     *self,
                   xmlNode          *document,
                   const Namespaces *ns)
{
  GPtrArray *attachments = ecert_inquiry_get_attachments (self);

  for (guint i = 0; i < attachments->len; i++)
    {
      const EcertInquiryAttachment *attachment = attachments->pdata[i];
      xmlNode *reference = add_reference (document, ns, PROFILE_TYPE, "Attachment",
                                          attachment->content_type);
      gsize size;
      const guchar *data = g_bytes_get_data (attachment->data, &size);
      g_autofree char *base64 = g_base64_encode (data, size);
      xmlNode *binary = add_text (reference, ns->ram, "AttachmentBinaryObject", base64);

      xmlNewProp (binary, (const xmlChar *) "filename", (const xmlChar *) attachment->filename);
    }
}

static void
write_document (EcertInquiry     *self,
                xmlNode          *document,
                const Namespaces *ns)
{
  GPtrArray *reasons = ecert_inquiry_get_reasons (self);
  g_autofree char *issued = g_date_time_format_iso8601 (ecert_inquiry_get_issued_at (self));
  g_autofree char *status = g_strdup_printf ("%u", ecert_inquiry_get_status (self));
  g_autofree char *country = g_ascii_strup (ecert_inquiry_get_export_country (self), -1);
  const EcertInquiryReason *reason = reasons->pdata[0];
  xmlNode *node;

  node = xmlNewChild (document, ns->ram, (const xmlChar *) "IssueDateTime", NULL);
  add_text (node, ns->udt, "DateTimeString", issued);
  add_text (document, ns->ram, "StatusCode", status);
  node = add_text (document, ns->ram, "ReasonInformation", reason->text);
  xmlNewProp (node, (const xmlChar *) "languageID", (const xmlChar *) reason->language);

  add_reference (document, ns, ecert_inquiry_get_certificate_type (self),
                 CERTIFICATE_RELATIONSHIP, ecert_inquiry_get_certificate_number (self));
  add_reference (document, ns, PROFILE_TYPE, "ExportCountry", country);
  write_measures (self, document, ns);
  node = add_reference (document, ns, PROFILE_TYPE, "Inspector", NULL);
  add_information (node, ns, NULL, ecert_inquiry_get_inspector_name (self));
  node = add_reference (document, ns, PROFILE_TYPE, "InspectionLocation", NULL);
  add_information (node, ns, NULL, ecert_inquiry_get_inspection_location (self));

  for (guint i = 1; i < reasons->len; i++)
    {
      reason = reasons->pdata[i];
      node = add_reference (document, ns, PROFILE_TYPE, "Reason", NULL);
      add_information (node, ns, reason->language, reason->text);
    }

  write_attachments (self, document, ns);
}

/**
 * ecert_inquiry_to_xml:
 *
 * Returns: (transfer full): the SPSAcknowledgement to send, UTF-8, or
 *   %NULL with @error set (%ECERT_ERROR_INVALID_ARGUMENT, naming the first
 *   problem) when the inquiry is not valid
 */
GBytes *
ecert_inquiry_to_xml (EcertInquiry  *self,
                      GError       **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  Namespaces ns;
  xmlNs *ack;
  xmlNode *root, *document;
  xmlChar *buffer = NULL;
  int length = 0;

  g_return_val_if_fail (ECERT_IS_INQUIRY (self), NULL);

  if (!ecert_inquiry_is_valid (self))
    {
      const EcertInquiryProblem *problem = ecert_inquiry_get_problems (self)->pdata[0];

      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                   _("The inquiry is not complete: %s"), problem->message);
      return NULL;
    }

  doc = xmlNewDoc ((const xmlChar *) "1.0");
  root = xmlNewNode (NULL, (const xmlChar *) "SPSAcknowledgement");
  xmlDocSetRootElement (doc, root);
  ack = xmlNewNs (root, (const xmlChar *) ACK_NS, (const xmlChar *) "ack");
  ns.ram = xmlNewNs (root, (const xmlChar *) RAM_NS, (const xmlChar *) "ram");
  ns.udt = xmlNewNs (root, (const xmlChar *) UDT_NS, (const xmlChar *) "udt");
  xmlSetNs (root, ack);

  document = xmlNewChild (root, ack, (const xmlChar *) "SPSAcknowledgementDocument", NULL);
  write_document (self, document, &ns);

  xmlDocDumpFormatMemoryEnc (doc, &buffer, &length, "UTF-8", 1);
  return g_bytes_new_with_free_func (buffer, (gsize) length, (GDestroyNotify) xmlFree, buffer);
}

/* Reading ------------------------------------------------------------------- */

static char *
child_text (const xmlNode *parent,
            const char    *name)
{
  return ecert_xml_text (ecert_xml_first_child (parent, RAM_NS, name));
}

static GDateTime *
read_date_time (const xmlNode *node)
{
  g_autofree char *text = NULL;
  g_autoptr(EcertDateTime) date_time = NULL;
  xmlNode *string;

  if (node == NULL)
    return NULL;

  string = ecert_xml_first_child (node, UDT_NS, "DateTimeString");
  text = ecert_xml_text (string != NULL ? string : node);
  if (text == NULL)
    return NULL;

  date_time = ecert_date_time_parse (text);
  return date_time != NULL && date_time->value != NULL ? g_date_time_ref (date_time->value)
                                                       : NULL;
}

/* The text and language of an Information or ReasonInformation; a text
 * without a language is in an undetermined one (ISO 639-2 "und"). */
static void
read_text (const xmlNode  *node,
           char          **language,
           char          **text)
{
  *text = ecert_xml_text (node);
  *language = node != NULL ? ecert_xml_attribute (node, "languageID") : NULL;
  if (*language == NULL)
    *language = g_strdup ("und");
}

static gboolean
read_attachment (EcertInquiry   *self,
                 const xmlNode  *reference,
                 GError        **error)
{
  xmlNode *binary = ecert_xml_first_child (reference, RAM_NS, "AttachmentBinaryObject");
  g_autofree char *filename = NULL;
  g_autofree char *base64 = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) local_error = NULL;

  if (binary == NULL)
    return TRUE;

  filename = ecert_xml_attribute (binary, "filename");
  base64 = ecert_xml_raw_text (binary);
  data = ecert_content_decode_base64 (base64, strlen (base64), &local_error);
  if (data == NULL)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_CORRUPT_ATTACHMENT,
                   _("The attachment %s cannot be decoded: %s"),
                   filename != NULL ? filename : "", local_error->message);
      return FALSE;
    }

  return ecert_inquiry_add_attachment (self, filename != NULL ? filename : _("attachment"),
                                       data, error);
}

static gboolean
read_reference (EcertInquiry   *self,
                const xmlNode  *reference,
                GError        **error)
{
  g_autofree char *type = child_text (reference, "TypeCode");
  g_autofree char *relationship = child_text (reference, "RelationshipTypeCode");
  g_autofree char *id = child_text (reference, "ID");
  g_autofree char *language = NULL;
  g_autofree char *text = NULL;

  read_text (ecert_xml_first_child (reference, RAM_NS, "Information"), &language, &text);

  if (g_strcmp0 (relationship, "ExportCountry") == 0)
    ecert_inquiry_set_export_country (self, id);
  else if (g_strcmp0 (relationship, "BorderMeasure") == 0)
    ecert_inquiry_set_measures (self, ecert_inquiry_get_measures (self) |
                                      ecert_inquiry_measure_from_code (id));
  else if (g_strcmp0 (relationship, "Inspector") == 0)
    ecert_inquiry_set_inspector_name (self, text);
  else if (g_strcmp0 (relationship, "InspectionLocation") == 0)
    ecert_inquiry_set_inspection_location (self, text);
  else if (g_strcmp0 (relationship, "Reason") == 0 && text != NULL)
    ecert_inquiry_set_reason (self, language, text);
  else if (g_strcmp0 (relationship, "Attachment") == 0)
    return read_attachment (self, reference, error);
  else if (ecert_inquiry_get_certificate_number (self) == NULL && id != NULL &&
           g_strcmp0 (type, PROFILE_TYPE) != 0)
    {
      /* The certificate: the first reference of a document type, whatever
       * relationship another system gives it. */
      ecert_inquiry_set_certificate_type (self, type);
      ecert_inquiry_set_certificate_number (self, id);
    }

  return TRUE;
}

static const xmlNode *
find_document (const xmlNode  *root,
               GError        **error)
{
  const xmlNode *document = NULL;

  if (ecert_xml_is_element (root, ACK_NS, "SPSAcknowledgementDocument"))
    document = root;
  else if (ecert_xml_is_element (root, ACK_NS, "SPSAcknowledgement"))
    document = ecert_xml_first_child (root, ACK_NS, "SPSAcknowledgementDocument");
  else
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_NOT_SPS_ACKNOWLEDGEMENT,
                   _("The document is a “%s”, not an SPSAcknowledgement in the namespace %s"),
                   (const char *) root->name, ACK_NS);
      return NULL;
    }

  if (document == NULL)
    g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_NOT_SPS_ACKNOWLEDGEMENT,
                         _("The SPSAcknowledgement holds no SPSAcknowledgementDocument"));
  return document;
}

static gboolean
read_status (EcertInquiry   *self,
             const xmlNode  *document,
             GError        **error)
{
  g_autofree char *text = child_text (document, "StatusCode");
  guint64 status;

  if (text == NULL)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_NOT_SPS_ACKNOWLEDGEMENT,
                           _("The acknowledgement has no StatusCode"));
      return FALSE;
    }

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT, &status, NULL))
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_NOT_SPS_ACKNOWLEDGEMENT,
                   _("The acknowledgement’s StatusCode “%s” is not a status number"), text);
      return FALSE;
    }

  ecert_inquiry_set_status (self, (guint) status);
  return TRUE;
}

/**
 * ecert_inquiry_new_from_xml:
 * @data: an SPSAcknowledgement (or its SPSAcknowledgementDocument), as
 *   received
 *
 * Reads an inquiry or a reply. What it reads need not be valid by
 * ecert_inquiry_get_problems(): another country's system may leave out
 * what this program asks of its own inquiries.
 *
 * Returns: (transfer full): the inquiry, or %NULL with @error set: the
 *   parser's errors (%ECERT_ERROR_NOT_WELL_FORMED, %ECERT_ERROR_HOSTILE_XML,
 *   %ECERT_ERROR_TOO_LARGE), %ECERT_ERROR_NOT_SPS_ACKNOWLEDGEMENT, or an
 *   attachment's (%ECERT_ERROR_CORRUPT_ATTACHMENT, %ECERT_ERROR_TOO_LARGE)
 */
EcertInquiry *
ecert_inquiry_new_from_xml (const guint8  *data,
                            gsize          length,
                            GError       **error)
{
  EcertXmlLimits limits = *ecert_xml_default_limits ();
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(EcertInquiry) self = NULL;
  g_autoptr(GDateTime) issued_at = NULL;
  g_autofree char *language = NULL;
  g_autofree char *text = NULL;
  const xmlNode *document;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  limits.max_size = MAX_DOCUMENT_SIZE;
  doc = ecert_xml_parse (data, length, &limits, error);
  if (doc == NULL)
    return NULL;

  document = find_document (xmlDocGetRootElement (doc), error);
  if (document == NULL)
    return NULL;

  self = ecert_inquiry_new ();
  if (!read_status (self, document, error))
    return NULL;

  issued_at = read_date_time (ecert_xml_first_child (document, RAM_NS, "IssueDateTime"));
  ecert_inquiry_set_issued_at (self, issued_at);

  read_text (ecert_xml_first_child (document, RAM_NS, "ReasonInformation"), &language, &text);
  if (text != NULL)
    ecert_inquiry_set_reason (self, language, text);

  for (const xmlNode *node = document->children; node != NULL; node = node->next)
    {
      if (ecert_xml_is_element (node, RAM_NS, "ReferenceSPSReferencedDocument") &&
          !read_reference (self, node, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}
