/* ecert-soap.h: SOAP 1.1 framing of the ePhyto Hub's operations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libxml/tree.h>

#include "ecert-hub-code-list.h"

G_BEGIN_DECLS

/* What a SOAP 1.1 message travels as over HTTP. */
#define ECERT_SOAP_CONTENT_TYPE "text/xml; charset=utf-8"

/* Replies larger than this are refused; PULLImportEnvelope returns many
 * certificates with their attachments at once. */
#define ECERT_SOAP_DEFAULT_MAX_SIZE (64 * 1024 * 1024)

/* A list of envelope headers is read as it arrives, keeping only the
 * headers' fields, so that a desk that has fallen far behind can catch up:
 * a quarter of a million headers as SOAP stacks write them make some
 * 95 MB, and their fields some 20 MB. Lists beyond these are refused. */
#define ECERT_SOAP_MAX_HEADER_LIST_SIZE ((gsize) 512 * 1024 * 1024)
#define ECERT_SOAP_MAX_HEADERS 500000
#define ECERT_SOAP_MAX_HEADER_FIELDS_SIZE ((gsize) 64 * 1024 * 1024)
/* Of such a list, what is held at once besides the fields kept: one
 * header as it is read, the envelope around the list, or a fault. */
#define ECERT_SOAP_MAX_LIST_PART_SIZE (1024 * 1024)

/**
 * EcertSoapOperation:
 *
 * The operations of the hub's IDeliveryService that this program speaks,
 * one per WSDL operation.
 */
typedef enum
{
  ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS,
  ECERT_SOAP_PULL_SINGLE_IMPORT_ENVELOPE,
  ECERT_SOAP_PULL_IMPORT_ENVELOPE,
  ECERT_SOAP_ACKNOWLEDGE_ENVELOPE_RECEIPT,
  ECERT_SOAP_ADVANCED_ACKNOWLEDGE_ENVELOPE_RECEIPT,
  ECERT_SOAP_ACKNOWLEDGE_FAILED_ENVELOPE_RECEIPT,
  ECERT_SOAP_GET_ENVELOPE_TRACKING_INFO,
  ECERT_SOAP_GET_PROFILE,
  ECERT_SOAP_GET_ACTIVE_NPPOS,
  ECERT_SOAP_DELIVER_ENVELOPE,
  ECERT_SOAP_DELIVER_COUNTRY_RESPONSE_ENVELOPE,
  ECERT_SOAP_GET_STATEMENTS,
  ECERT_SOAP_GET_TREATMENT_TYPES,
  ECERT_SOAP_GET_INTENDED_USES,
  ECERT_SOAP_GET_UNIT_MEASURES,
  ECERT_SOAP_GET_MEAN_OF_TRANSPORTS,
  ECERT_SOAP_GET_PACKAGE_TYPES,
  ECERT_SOAP_GET_PRODUCT_DESCRIPTIONS,
  ECERT_SOAP_GET_ADDITIONAL_DECLARATIONS,
  ECERT_SOAP_GET_CONDITIONS,
  ECERT_SOAP_GET_PESTICIDES,
} EcertSoapOperation;

#define ECERT_SOAP_OPERATION_COUNT (ECERT_SOAP_GET_PESTICIDES + 1)

/* The operations that fetch one of the hub's code lists. They take no
 * arguments and are answered alike, so a switch over the operations names
 * them all with this one label list. */
#define ECERT_SOAP_CODE_LIST_CASES \
  case ECERT_SOAP_GET_STATEMENTS: \
  case ECERT_SOAP_GET_TREATMENT_TYPES: \
  case ECERT_SOAP_GET_INTENDED_USES: \
  case ECERT_SOAP_GET_UNIT_MEASURES: \
  case ECERT_SOAP_GET_MEAN_OF_TRANSPORTS: \
  case ECERT_SOAP_GET_PACKAGE_TYPES: \
  case ECERT_SOAP_GET_PRODUCT_DESCRIPTIONS: \
  case ECERT_SOAP_GET_ADDITIONAL_DECLARATIONS: \
  case ECERT_SOAP_GET_CONDITIONS: \
  case ECERT_SOAP_GET_PESTICIDES

/**
 * EcertSoapFaultCode:
 * @ECERT_SOAP_FAULT_CLIENT: the request was wrong (soap:Client)
 * @ECERT_SOAP_FAULT_SERVER: the server failed (soap:Server)
 */
typedef enum
{
  ECERT_SOAP_FAULT_CLIENT,
  ECERT_SOAP_FAULT_SERVER,
} EcertSoapFaultCode;

const char *ecert_soap_operation_get_name        (EcertSoapOperation   operation);
const char *ecert_soap_operation_get_action      (EcertSoapOperation   operation);
gboolean    ecert_soap_operation_from_name       (const char          *name,
                                                  EcertSoapOperation  *operation);
gboolean    ecert_soap_operation_from_action     (const char          *action,
                                                  EcertSoapOperation  *operation);
gboolean    ecert_soap_operation_is_idempotent   (EcertSoapOperation   operation);
gboolean    ecert_soap_operation_get_code_list   (EcertSoapOperation   operation,
                                                  EcertHubCodeList    *list);
EcertSoapOperation ecert_soap_operation_for_code_list (EcertHubCodeList list);

gboolean    ecert_soap_looks_like_html           (const guint8        *data,
                                                  gsize                length);
char       *ecert_soap_html_title                (const guint8        *data,
                                                  gsize                length);

xmlDoc     *ecert_soap_parse_message             (const guint8        *data,
                                                  gsize                length,
                                                  gboolean             is_reply,
                                                  xmlNode            **payload,
                                                  GError             **error);

GBytes     *ecert_soap_build_fault               (EcertSoapFaultCode   code,
                                                  const char          *message,
                                                  gboolean             hub_exception);

G_END_DECLS
