/* ecert-nppo.c: an NPPO as the hub describes it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GetActiveNppos is where an importing country learns which certificate
 * each exporting NPPO signs under, so the signing certificate is the part
 * that matters most; the WSDL gives it as a string, which hubs fill with
 * PEM or with bare base64 of the DER.
 */

#define G_LOG_DOMAIN "ecert-nppo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/x509.h>

#include "ecert-content.h"
#include "ecert-error.h"
#include "ecert-nppo.h"
#include "ecert-soap-private.h"
#include "ecert-x509.h"
#include "ecert-xml.h"

void
ecert_nppo_document_free (EcertNppoDocument *document)
{
  if (document == NULL)
    return;

  g_free (document->certificate_type_name);
  g_free (document->certificate_status_name);
  g_free (document);
}

EcertNppo *
ecert_nppo_new (const char *country)
{
  EcertNppo *nppo = g_new0 (EcertNppo, 1);

  nppo->country = g_strdup (country);
  nppo->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_nppo_document_free);
  return nppo;
}

void
ecert_nppo_add_document (EcertNppo  *nppo,
                         int         certificate_type,
                         const char *certificate_type_name,
                         int         certificate_status,
                         const char *certificate_status_name,
                         gboolean    active)
{
  EcertNppoDocument *document = g_new0 (EcertNppoDocument, 1);

  g_return_if_fail (nppo != NULL);

  document->certificate_type = certificate_type;
  document->certificate_type_name = g_strdup (certificate_type_name);
  document->certificate_status = certificate_status;
  document->certificate_status_name = g_strdup (certificate_status_name);
  document->active = active;
  g_ptr_array_add (nppo->documents, document);
}

EcertNppo *
ecert_nppo_copy (const EcertNppo *nppo)
{
  EcertNppo *copy;

  g_return_val_if_fail (nppo != NULL, NULL);

  copy = ecert_nppo_new (nppo->country);
  copy->receive = g_strdup (nppo->receive);
  copy->send = g_strdup (nppo->send);
  copy->signing_dn = g_strdup (nppo->signing_dn);
  copy->signing_certificate = g_strdup (nppo->signing_certificate);
  for (guint i = 0; i < nppo->documents->len; i++)
    {
      const EcertNppoDocument *document = nppo->documents->pdata[i];

      ecert_nppo_add_document (copy, document->certificate_type, document->certificate_type_name,
                               document->certificate_status, document->certificate_status_name,
                               document->active);
    }

  return copy;
}

void
ecert_nppo_free (EcertNppo *nppo)
{
  if (nppo == NULL)
    return;

  g_free (nppo->country);
  g_free (nppo->receive);
  g_free (nppo->send);
  g_free (nppo->signing_dn);
  g_free (nppo->signing_certificate);
  g_clear_pointer (&nppo->documents, g_ptr_array_unref);
  g_free (nppo);
}

G_DEFINE_BOXED_TYPE (EcertNppo, ecert_nppo, ecert_nppo_copy, ecert_nppo_free)

static GBytes *
pem_from_base64_der (const EcertNppo  *nppo,
                     GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) der = NULL;
  gnutls_x509_crt_t certificate;
  const char *text = nppo->signing_certificate;
  char *pem;

  der = ecert_content_decode_base64 (text, strlen (text), &local_error);
  if (der == NULL)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_SOAP,
                   _("The signing certificate the hub gives for the NPPO of %s is neither "
                     "PEM nor base64: %s"), nppo->country, local_error->message);
      return NULL;
    }

  certificate = ecert_x509_import_der (g_bytes_get_data (der, NULL), g_bytes_get_size (der),
                                       &local_error);
  if (certificate == NULL)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_SOAP,
                   _("The signing certificate the hub gives for the NPPO of %s cannot be "
                     "read: %s"), nppo->country, local_error->message);
      return NULL;
    }
  gnutls_x509_crt_deinit (certificate);

  pem = ecert_x509_der_to_pem (der);
  return g_bytes_new_take (pem, strlen (pem));
}

/**
 * ecert_nppo_get_signing_certificates_pem:
 *
 * The NPPO's signing certificate (or certificates, when the hub gives PEM
 * with several) as PEM, ready for ecert_trust_store_add_pem(). Each is
 * checked to be a readable X.509 certificate.
 *
 * Returns: (transfer full) (nullable): the PEM, or %NULL with @error set
 *   (%ECERT_ERROR_SOAP), also when the hub gave none
 */
GBytes *
ecert_nppo_get_signing_certificates_pem (const EcertNppo  *nppo,
                                         GError          **error)
{
  g_autoptr(GBytes) pem = NULL;
  g_autoptr(GPtrArray) certificates = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *text;

  g_return_val_if_fail (nppo != NULL, NULL);

  text = nppo->signing_certificate;
  if (text == NULL || *text == '\0')
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_SOAP,
                   _("The hub gives no signing certificate for the NPPO of %s"),
                   nppo->country != NULL ? nppo->country : "?");
      return NULL;
    }

  if (strstr (text, "-----BEGIN") == NULL)
    return pem_from_base64_der (nppo, error);

  pem = g_bytes_new (text, strlen (text));
  certificates = ecert_x509_import_pem (pem, &local_error);
  if (certificates == NULL)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_SOAP,
                   _("The signing certificate the hub gives for the NPPO of %s cannot be "
                     "read: %s"), nppo->country, local_error->message);
      return NULL;
    }

  return g_steal_pointer (&pem);
}

static void
write_code (xmlNode    *parent,
            const char *name,
            int         number,
            const char *value)
{
  xmlNode *code = ecert_soap_add_element (parent, NULL, name);
  char text[16];

  g_snprintf (text, sizeof text, "%d", number);
  xmlNewProp (code, (const xmlChar *) "number", (const xmlChar *) text);
  if (value != NULL)
    xmlNewProp (code, (const xmlChar *) "value", (const xmlChar *) value);
}

void
ecert_nppo_write (const EcertNppo           *nppo,
                  xmlNode                   *element,
                  const EcertSoapNamespaces *namespaces)
{
  xmlNs *ns = namespaces->hub;

  if (nppo->country != NULL)
    ecert_soap_add_text (element, ns, "Country", nppo->country);
  if (nppo->receive != NULL)
    ecert_soap_add_text (element, ns, "Receive", nppo->receive);
  if (nppo->send != NULL)
    ecert_soap_add_text (element, ns, "Send", nppo->send);

  for (guint i = 0; i < nppo->documents->len; i++)
    {
      const EcertNppoDocument *document = nppo->documents->pdata[i];
      xmlNode *allowed = xmlNewChild (element, ns, (const xmlChar *) "AllowedDocument", NULL);

      /* allowedDocument is a type of the ephyto namespace whose children
       * the WSDL leaves unqualified. */
      write_code (allowed, "certificateType", document->certificate_type,
                  document->certificate_type_name);
      write_code (allowed, "certificateStatus", document->certificate_status,
                  document->certificate_status_name);
      xmlNewProp (allowed, (const xmlChar *) "active",
                  (const xmlChar *) (document->active ? "true" : "false"));
    }

  if (nppo->signing_dn != NULL || nppo->signing_certificate != NULL)
    {
      xmlNode *signature = xmlNewChild (element, ns, (const xmlChar *) "Signature", NULL);

      if (nppo->signing_dn != NULL)
        ecert_soap_add_text (signature, NULL, "dn", nppo->signing_dn);
      if (nppo->signing_certificate != NULL)
        ecert_soap_add_text (signature, NULL, "certificate", nppo->signing_certificate);
    }
}

static int
attribute_int (const xmlNode *node,
               const char    *name)
{
  g_autofree char *text = node != NULL ? ecert_xml_attribute (node, name) : NULL;
  gint64 value = 0;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, G_MININT, G_MAXINT, &value, NULL))
    return 0;

  return (int) value;
}

static void
read_document (EcertNppo     *nppo,
               const xmlNode *allowed)
{
  xmlNode *type = ecert_soap_child (allowed, "certificateType");
  xmlNode *status = ecert_soap_child (allowed, "certificateStatus");
  g_autofree char *type_name = type != NULL ? ecert_xml_attribute (type, "value") : NULL;
  g_autofree char *status_name = status != NULL ? ecert_xml_attribute (status, "value") : NULL;
  g_autofree char *active_text = ecert_xml_attribute (allowed, "active");
  gboolean active = TRUE;

  if (active_text != NULL)
    ecert_soap_parse_boolean (active_text, &active);

  ecert_nppo_add_document (nppo, attribute_int (type, "number"), type_name,
                           attribute_int (status, "number"), status_name, active);
}

EcertNppo *
ecert_nppo_read (const xmlNode  *element,
                 GError        **error)
{
  g_autofree char *country = ecert_soap_child_text (element, "Country");
  g_autoptr(EcertNppo) nppo = ecert_nppo_new (country);
  xmlNode *signature;

  nppo->receive = ecert_soap_child_text (element, "Receive");
  nppo->send = ecert_soap_child_text (element, "Send");

  for (xmlNode *allowed = ecert_soap_child (element, "AllowedDocument"); allowed != NULL;
       allowed = ecert_soap_next_sibling (allowed, "AllowedDocument"))
    read_document (nppo, allowed);

  signature = ecert_soap_child (element, "Signature");
  if (signature != NULL)
    {
      nppo->signing_dn = ecert_soap_child_text (signature, "dn");
      nppo->signing_certificate = ecert_soap_child_text (signature, "certificate");
    }

  return g_steal_pointer (&nppo);
}
