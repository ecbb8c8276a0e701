/* ecert-certificate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-certificate"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ecert-certificate-private.h"
#include "ecert-content.h"
#include "ecert-error.h"

struct _EcertCertificate
{
  GObject                parent_instance;

  /* The exact bytes received and the one tree read from them: display and
   * signature verification both use this tree, so what is shown is what
   * was signed. */
  GBytes                *bytes;
  xmlDoc                *document;
  EcertCertificateParts  parts;
  GPtrArray             *attachments;
};

G_DEFINE_FINAL_TYPE (EcertCertificate, ecert_certificate, G_TYPE_OBJECT)

void
_ecert_certificate_parts_clear (EcertCertificateParts *parts)
{
  g_clear_pointer (&parts->id, g_free);
  g_clear_pointer (&parts->name, g_free);
  g_clear_pointer (&parts->type_code, g_free);
  g_clear_pointer (&parts->status_code, g_free);
  g_clear_pointer (&parts->issued, ecert_date_time_free);
  g_clear_pointer (&parts->issuer_name, g_free);
  g_clear_pointer (&parts->notes, g_ptr_array_unref);
  g_clear_pointer (&parts->referenced_documents, g_ptr_array_unref);
  g_clear_pointer (&parts->signatory, ecert_signatory_free);
  g_clear_pointer (&parts->consignment, ecert_consignment_free);
  g_clear_pointer (&parts->replacement, ecert_replacement_free);
  g_clear_pointer (&parts->unknown_elements, g_ptr_array_unref);
}

static GPtrArray *
collect_attachments (GPtrArray *referenced_documents)
{
  GPtrArray *attachments = g_ptr_array_new ();

  for (guint i = 0; i < referenced_documents->len; i++)
    {
      EcertReferencedDocument *document = g_ptr_array_index (referenced_documents, i);

      if (document->attachment != NULL)
        g_ptr_array_add (attachments, document->attachment);
    }

  return attachments;
}

/* Takes ownership of @document and of what @parts holds. */
EcertCertificate *
_ecert_certificate_new (GBytes                *bytes,
                        xmlDoc                *document,
                        EcertCertificateParts *parts)
{
  EcertCertificate *self = g_object_new (ECERT_TYPE_CERTIFICATE, NULL);

  self->bytes = g_bytes_ref (bytes);
  self->document = document;
  self->parts = *parts;
  memset (parts, 0, sizeof *parts);
  self->attachments = collect_attachments (self->parts.referenced_documents);

  return self;
}

/**
 * ecert_certificate_new_from_bytes:
 * @bytes: the certificate document's exact bytes (see
 *   ecert_content_decode_document() for what a hub delivers)
 * @limits: (nullable): parser limits, or %NULL for the defaults
 * @error: return location for an %ECERT_ERROR
 *
 * Reads an SPS certificate from untrusted bytes.
 *
 * Returns: (transfer full): the certificate, or %NULL with @error set
 */
EcertCertificate *
ecert_certificate_new_from_bytes (GBytes                *bytes,
                                  const EcertXmlLimits  *limits,
                                  GError               **error)
{
  g_autoptr(xmlDoc) document = NULL;
  EcertCertificateParts *parts;
  EcertCertificate *self;
  gsize length;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  document = ecert_xml_parse (data, length, limits, error);
  if (document == NULL)
    return NULL;

  parts = _ecert_certificate_read (document, error);
  if (parts == NULL)
    return NULL;

  self = _ecert_certificate_new (bytes, g_steal_pointer (&document), parts);
  g_free (parts);
  return self;
}

GBytes *
ecert_certificate_get_bytes (EcertCertificate *self)
{
  g_return_val_if_fail (ECERT_IS_CERTIFICATE (self), NULL);
  return self->bytes;
}

/**
 * ecert_certificate_get_document:
 *
 * Returns: (transfer none): the parsed tree, for the signature verifier and
 *   for showing elements the model has no place for
 */
xmlDoc *
ecert_certificate_get_document (EcertCertificate *self)
{
  g_return_val_if_fail (ECERT_IS_CERTIFICATE (self), NULL);
  return self->document;
}

/**
 * ecert_certificate_get_namespace:
 *
 * Returns: the namespace of the document element, naming the SPS version
 */
const char *
ecert_certificate_get_namespace (EcertCertificate *self)
{
  g_return_val_if_fail (ECERT_IS_CERTIFICATE (self), NULL);
  return self->parts.namespace_href;
}

const char *
ecert_certificate_get_id (EcertCertificate *self)
{
  g_return_val_if_fail (ECERT_IS_CERTIFICATE (self), NULL);
  return self->parts.id;
}

const char *
ecert_certificate_get_name (EcertCertificate *self)
{
  g_return_val_if_fail (ECERT_IS_CERTIFICATE (self), NULL);
  return self->parts.name;
}

const char *
ecert_certificate_get_type_code (EcertCertificate *self)
{
  g_return_val_if_fail (ECERT_IS_CERTIFICATE (self), NULL);
  return self->parts.type_code;
}

const char *
ecert_certificate_get_status_code (EcertCertificate *self)
{
  g_return_val_if_fail (ECERT_IS_CERTIFICATE (self), NULL);
  return self->parts.status_code;
}

/**
 * ecert_certificate_get_issued:
 *
 * Returns: (nullable): when the certificate was issued, %NULL if not given
 */
const EcertDateTime *
ecert_certificate_get_issued (EcertCertificate *self)
{
  g_return_val_if_fail (ECERT_IS_CERTIFICATE (self), NULL);
  return self->parts.issued;
}

const char *
ecert_certificate_get_issuer_name (EcertCertificate *self)
{
  g_return_val_if_fail (ECERT_IS_CERTIFICATE (self), NULL);
  return self->parts.issuer_name;
}

/**
 * ecert_certificate_get_notes:
 *
 * Returns: (transfer none) (element-type EcertNote): the document's notes,
 *   in the order written, the replacement notes included
 */
GPtrArray *
ecert_certificate_get_notes (EcertCertificate *self)
{
  g_return_val_if_fail (ECERT_IS_CERTIFICATE (self), NULL);
  return self->parts.notes;
}

/**
 * ecert_certificate_get_referenced_documents:
 *
 * Returns: (transfer none) (element-type EcertReferencedDocument)
 */
GPtrArray *
ecert_certificate_get_referenced_documents (EcertCertificate *self)
{
  g_return_val_if_fail (ECERT_IS_CERTIFICATE (self), NULL);
  return self->parts.referenced_documents;
}

const EcertSignatory *
ecert_certificate_get_signatory (EcertCertificate *self)
{
  g_return_val_if_fail (ECERT_IS_CERTIFICATE (self), NULL);
  return self->parts.signatory;
}

const EcertConsignment *
ecert_certificate_get_consignment (EcertCertificate *self)
{
  g_return_val_if_fail (ECERT_IS_CERTIFICATE (self), NULL);
  return self->parts.consignment;
}

/**
 * ecert_certificate_get_replacement:
 *
 * Returns: (nullable): which certificate this one replaces, and why
 */
const EcertReplacement *
ecert_certificate_get_replacement (EcertCertificate *self)
{
  g_return_val_if_fail (ECERT_IS_CERTIFICATE (self), NULL);
  return self->parts.replacement;
}

/**
 * ecert_certificate_get_unknown_elements:
 *
 * Returns: (transfer none) (element-type EcertUnknownElement): elements the
 *   model has no place for, so a view can still show them
 */
GPtrArray *
ecert_certificate_get_unknown_elements (EcertCertificate *self)
{
  g_return_val_if_fail (ECERT_IS_CERTIFICATE (self), NULL);
  return self->parts.unknown_elements;
}

gboolean
ecert_certificate_has_signature (EcertCertificate *self)
{
  g_return_val_if_fail (ECERT_IS_CERTIFICATE (self), FALSE);
  return self->parts.has_signature;
}

/**
 * ecert_certificate_get_attachments:
 *
 * Returns: (transfer none) (element-type EcertAttachment): the attachments
 *   of all referenced documents, in document order
 */
GPtrArray *
ecert_certificate_get_attachments (EcertCertificate *self)
{
  g_return_val_if_fail (ECERT_IS_CERTIFICATE (self), NULL);
  return self->attachments;
}

/**
 * ecert_certificate_decode_attachment:
 * @self: the certificate that holds @attachment
 * @attachment: one of its attachments
 * @content_type: (out) (optional): the MIME type sniffed from the content
 *   and file name (the declared type is in @attachment)
 * @error: return location for an %ECERT_ERROR_CORRUPT_ATTACHMENT error
 *
 * Decodes an attachment when someone wants to see it. A corrupt attachment
 * is an error of that attachment only.
 *
 * Returns: (transfer full): the attachment's bytes, or %NULL with @error set
 */
GBytes *
ecert_certificate_decode_attachment (EcertCertificate       *self,
                                     const EcertAttachment  *attachment,
                                     char                  **content_type,
                                     GError                **error)
{
  g_autoptr(GBytes) decoded = NULL;
  g_autoptr(GError) base64_error = NULL;
  xmlChar *text;

  g_return_val_if_fail (ECERT_IS_CERTIFICATE (self), NULL);
  g_return_val_if_fail (attachment != NULL, NULL);
  g_return_val_if_fail (attachment->node->doc == self->document, NULL);

  text = xmlNodeGetContent (attachment->node);
  decoded = ecert_content_decode_base64 ((const char *) text, strlen ((const char *) text),
                                         &base64_error);
  xmlFree (text);

  if (decoded == NULL)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_CORRUPT_ATTACHMENT,
                   _("The attachment “%s” is damaged: %s"),
                   attachment->filename != NULL ? attachment->filename : _("(unnamed)"),
                   base64_error->message);
      return NULL;
    }

  if (content_type != NULL)
    {
      gsize size;
      const guchar *data = g_bytes_get_data (decoded, &size);
      g_autofree char *guessed = g_content_type_guess (attachment->filename, data, size, NULL);

      *content_type = g_content_type_get_mime_type (guessed);
      if (*content_type == NULL)
        *content_type = g_strdup ("application/octet-stream");
    }

  return g_steal_pointer (&decoded);
}

static void
ecert_certificate_finalize (GObject *object)
{
  EcertCertificate *self = ECERT_CERTIFICATE (object);

  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  _ecert_certificate_parts_clear (&self->parts);
  g_clear_pointer (&self->document, xmlFreeDoc);
  g_clear_pointer (&self->bytes, g_bytes_unref);

  G_OBJECT_CLASS (ecert_certificate_parent_class)->finalize (object);
}

static void
ecert_certificate_class_init (EcertCertificateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ecert_certificate_finalize;
}

static void
ecert_certificate_init (EcertCertificate *self)
{
}

/**
 * ecert_certificate_dup_text:
 * @max_bytes: the most to return; 0 for all
 * @truncated: (out) (optional): whether the text was cut at @max_bytes
 *
 * The document exactly as received, as UTF-8 text to read: a document in
 * UTF-16 is converted, anything unreadable shown as U+FFFD.
 *
 * Returns: (transfer full): the text
 */
char *
ecert_certificate_dup_text (EcertCertificate *self,
                            gsize             max_bytes,
                            gboolean         *truncated)
{
  GBytes *bytes;
  const guint8 *data;
  gsize size;
  g_autofree char *converted = NULL;
  const char *text;
  gsize length;
  const char *end;

  g_return_val_if_fail (ECERT_IS_CERTIFICATE (self), NULL);

  bytes = ecert_certificate_get_bytes (self);
  data = g_bytes_get_data (bytes, &size);

  /* UTF-16 shows itself by a byte order mark or by zero bytes in its
   * first characters, which are "<?xml" or "<". */
  if (size >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0 && data[1] != 0)))
    converted = g_convert ((const char *) data, size, "UTF-8", data[0] == 0 ? "UTF-16BE" : "UTF-16",
                           NULL, &length, NULL);
  else if (size >= 2 && ((data[0] == 0xFE && data[1] == 0xFF) || (data[0] != 0 && data[1] == 0)))
    converted = g_convert ((const char *) data, size, "UTF-8",
                           data[0] == 0xFE ? "UTF-16" : "UTF-16LE", NULL, &length, NULL);

  text = converted != NULL ? converted : (const char *) data;
  length = converted != NULL ? strlen (converted) : size;

  if (truncated != NULL)
    *truncated = max_bytes > 0 && length > max_bytes;
  if (max_bytes > 0 && length > max_bytes)
    {
      /* Cut at a character boundary. */
      end = g_utf8_find_prev_char (text, text + max_bytes + 1);
      length = end != NULL ? (gsize) (end - text) : 0;
    }

  return g_utf8_make_valid (text, length);
}
