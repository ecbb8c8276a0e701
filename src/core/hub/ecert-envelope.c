/* ecert-envelope.c: the hub's EnvelopeHeader and Envelope
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An Envelope extends an EnvelopeHeader in the WSDL; here it holds one, so
 * that a header can be passed around (and listed by the thousand) without
 * the document it describes.
 */

#define G_LOG_DOMAIN "ecert-envelope"

#include "config.h"


#include "ecert-envelope.h"
#include "ecert-error.h"
#include "ecert-soap-private.h"

/* Indexed by EcertTrackingInfo; the spelling is the WSDL's. */
static const char * const tracking_names[] = {
  NULL,
  "PendingDelivery",
  "Delivered",
  "FailedDelivery",
  "EnvelopeNotExists",
  "DeliveredWithWarnings",
  "DeliveredNotReadable",
};

/**
 * ecert_tracking_info_to_string:
 *
 * Returns: (nullable): the state as the hub writes it, or %NULL for
 *   %ECERT_TRACKING_INFO_UNKNOWN
 */
const char *
ecert_tracking_info_to_string (EcertTrackingInfo info)
{
  if ((guint) info >= G_N_ELEMENTS (tracking_names))
    return NULL;

  return tracking_names[info];
}

EcertTrackingInfo
ecert_tracking_info_from_string (const char *text)
{
  if (text == NULL)
    return ECERT_TRACKING_INFO_UNKNOWN;

  for (guint i = 1; i < G_N_ELEMENTS (tracking_names); i++)
    {
      if (g_ascii_strcasecmp (text, tracking_names[i]) == 0)
        return (EcertTrackingInfo) i;
    }

  return ECERT_TRACKING_INFO_UNKNOWN;
}

/**
 * ecert_tracking_info_is_delivered:
 *
 * Returns: %TRUE for the states an acknowledgement leads to, which the
 *   hub never leaves
 */
gboolean
ecert_tracking_info_is_delivered (EcertTrackingInfo info)
{
  return info == ECERT_TRACKING_INFO_DELIVERED ||
         info == ECERT_TRACKING_INFO_DELIVERED_WITH_WARNINGS ||
         info == ECERT_TRACKING_INFO_DELIVERED_NOT_READABLE;
}

void
ecert_envelope_forwarding_free (EcertEnvelopeForwarding *forwarding)
{
  if (forwarding == NULL)
    return;

  g_free (forwarding->code);
  g_free (forwarding->hub_delivery_number);
  g_free (forwarding);
}

EcertEnvelopeHeader *
ecert_envelope_header_new (void)
{
  EcertEnvelopeHeader *header = g_new0 (EcertEnvelopeHeader, 1);

  header->forwardings = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_envelope_forwarding_free);
  return header;
}

void
ecert_envelope_header_add_forwarding (EcertEnvelopeHeader *header,
                                      const char          *code,
                                      const char          *hub_delivery_number)
{
  EcertEnvelopeForwarding *forwarding = g_new0 (EcertEnvelopeForwarding, 1);

  g_return_if_fail (header != NULL);

  forwarding->code = g_strdup (code);
  forwarding->hub_delivery_number = g_strdup (hub_delivery_number);
  g_ptr_array_add (header->forwardings, forwarding);
}

EcertEnvelopeHeader *
ecert_envelope_header_copy (const EcertEnvelopeHeader *header)
{
  EcertEnvelopeHeader *copy;

  g_return_val_if_fail (header != NULL, NULL);

  copy = ecert_envelope_header_new ();
  copy->from = g_strdup (header->from);
  copy->to = g_strdup (header->to);
  copy->certificate_type = header->certificate_type;
  copy->certificate_status = header->certificate_status;
  copy->nppo_certificate_number = g_strdup (header->nppo_certificate_number);
  copy->hub_delivery_number = g_strdup (header->hub_delivery_number);
  copy->tracking_info = header->tracking_info;
  copy->hub_delivery_error_message = g_strdup (header->hub_delivery_error_message);

  for (guint i = 0; i < header->forwardings->len; i++)
    {
      const EcertEnvelopeForwarding *forwarding = header->forwardings->pdata[i];

      ecert_envelope_header_add_forwarding (copy, forwarding->code,
                                            forwarding->hub_delivery_number);
    }

  return copy;
}

void
ecert_envelope_header_free (EcertEnvelopeHeader *header)
{
  if (header == NULL)
    return;

  g_free (header->from);
  g_free (header->to);
  g_free (header->nppo_certificate_number);
  g_free (header->hub_delivery_number);
  g_free (header->hub_delivery_error_message);
  g_clear_pointer (&header->forwardings, g_ptr_array_unref);
  g_free (header);
}

G_DEFINE_BOXED_TYPE (EcertEnvelopeHeader, ecert_envelope_header,
                     ecert_envelope_header_copy, ecert_envelope_header_free)

EcertEnvelope *
ecert_envelope_new (void)
{
  EcertEnvelope *envelope = g_new0 (EcertEnvelope, 1);

  envelope->header = ecert_envelope_header_new ();
  return envelope;
}

EcertEnvelope *
ecert_envelope_copy (const EcertEnvelope *envelope)
{
  EcertEnvelope *copy;

  g_return_val_if_fail (envelope != NULL, NULL);

  copy = g_new0 (EcertEnvelope, 1);
  copy->header = ecert_envelope_header_copy (envelope->header);
  copy->content = g_strdup (envelope->content);
  return copy;
}

void
ecert_envelope_free (EcertEnvelope *envelope)
{
  if (envelope == NULL)
    return;

  g_clear_pointer (&envelope->header, ecert_envelope_header_free);
  g_free (envelope->content);
  g_free (envelope);
}

G_DEFINE_BOXED_TYPE (EcertEnvelope, ecert_envelope, ecert_envelope_copy, ecert_envelope_free)

/* The WSDL's order; From to NPPOCertificateNumber are required, so they are
 * written even when empty (a tracking reply about an envelope the hub does
 * not have knows none of them). */
void
ecert_envelope_header_write (const EcertEnvelopeHeader *header,
                             xmlNode                   *element,
                             const EcertSoapNamespaces *namespaces)
{
  xmlNs *ns = namespaces->hub;

  ecert_soap_add_text (element, ns, "From", header->from != NULL ? header->from : "");
  ecert_soap_add_text (element, ns, "To", header->to != NULL ? header->to : "");
  ecert_soap_add_int (element, ns, "CertificateType", header->certificate_type);
  ecert_soap_add_int (element, ns, "CertificateStatus", header->certificate_status);
  ecert_soap_add_text (element, ns, "NPPOCertificateNumber",
                       header->nppo_certificate_number != NULL ? header->nppo_certificate_number : "");
  if (header->hub_delivery_number != NULL)
    ecert_soap_add_text (element, ns, "hubDeliveryNumber", header->hub_delivery_number);
  if (header->tracking_info != ECERT_TRACKING_INFO_UNKNOWN)
    ecert_soap_add_text (element, ns, "HUBTrackingInfo",
                         ecert_tracking_info_to_string (header->tracking_info));
  if (header->hub_delivery_error_message != NULL)
    ecert_soap_add_text (element, ns, "hubDeliveryErrorMessage",
                         header->hub_delivery_error_message);

  if (header->forwardings->len > 0)
    {
      xmlNode *list = xmlNewChild (element, ns, (const xmlChar *) "Forwardings", NULL);

      for (guint i = 0; i < header->forwardings->len; i++)
        {
          const EcertEnvelopeForwarding *forwarding = header->forwardings->pdata[i];
          xmlNode *item = xmlNewChild (list, ns, (const xmlChar *) "EnvelopeForwarding", NULL);

          ecert_soap_add_text (item, ns, "Code", forwarding->code != NULL ? forwarding->code : "");
          if (forwarding->hub_delivery_number != NULL)
            ecert_soap_add_text (item, ns, "HubDeliveryNumber", forwarding->hub_delivery_number);
        }
    }
}

static void
read_forwardings (EcertEnvelopeHeader *header,
                  const xmlNode       *list)
{
  for (xmlNode *item = ecert_soap_child (list, "EnvelopeForwarding"); item != NULL;
       item = ecert_soap_next_sibling (item, "EnvelopeForwarding"))
    {
      g_autofree char *code = ecert_soap_child_text (item, "Code");
      g_autofree char *number = ecert_soap_child_text (item, "HubDeliveryNumber");

      ecert_envelope_header_add_forwarding (header, code, number);
    }
}

/**
 * ecert_envelope_header_read: (skip)
 *
 * Reads an element of type EnvelopeHeader (or one derived from it). Hubs
 * have sent headers without their "required" elements, so only numbers
 * that are present and not numbers are refused.
 */
EcertEnvelopeHeader *
ecert_envelope_header_read (const xmlNode  *element,
                            GError        **error)
{
  g_autoptr(EcertEnvelopeHeader) header = ecert_envelope_header_new ();
  g_autofree char *tracking = NULL;
  xmlNode *forwardings;

  header->from = ecert_soap_child_text (element, "From");
  header->to = ecert_soap_child_text (element, "To");
  if (!ecert_soap_child_int (element, "CertificateType", FALSE, &header->certificate_type, error) ||
      !ecert_soap_child_int (element, "CertificateStatus", FALSE, &header->certificate_status, error))
    return NULL;

  header->nppo_certificate_number = ecert_soap_child_text (element, "NPPOCertificateNumber");
  header->hub_delivery_number = ecert_soap_child_text (element, "hubDeliveryNumber");
  tracking = ecert_soap_child_text (element, "HUBTrackingInfo");
  header->tracking_info = ecert_tracking_info_from_string (tracking);
  if (tracking != NULL && header->tracking_info == ECERT_TRACKING_INFO_UNKNOWN)
    g_debug ("Unknown tracking state “%s”", tracking);
  header->hub_delivery_error_message = ecert_soap_child_text (element, "hubDeliveryErrorMessage");

  forwardings = ecert_soap_child (element, "Forwardings");
  if (forwardings != NULL)
    read_forwardings (header, forwardings);

  return g_steal_pointer (&header);
}

void
ecert_envelope_write (const EcertEnvelope       *envelope,
                      xmlNode                   *element,
                      const EcertSoapNamespaces *namespaces)
{
  ecert_envelope_header_write (envelope->header, element, namespaces);
  if (envelope->content != NULL)
    ecert_soap_add_text (element, namespaces->hub, "Content", envelope->content);
}

EcertEnvelope *
ecert_envelope_read (const xmlNode  *element,
                     GError        **error)
{
  g_autoptr(EcertEnvelope) envelope = g_new0 (EcertEnvelope, 1);

  envelope->header = ecert_envelope_header_read (element, error);
  if (envelope->header == NULL)
    return NULL;

  /* Kept exactly: the document inside may be signed. */
  envelope->content = ecert_soap_raw_text (ecert_soap_child (element, "Content"));
  return g_steal_pointer (&envelope);
}
