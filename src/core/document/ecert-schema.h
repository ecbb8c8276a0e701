/* ecert-schema.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* The namespace of the certificates the compiled-in schema describes: the
 * one the ePhyto Hub's WSDL uses. */
#define ECERT_SCHEMA_CERTIFICATE_NAMESPACE "urn:un:unece:uncefact:data:standard:SPSCertificate:17"

/* A hostile document can break the schema once per element; beyond this
 * many findings, the rest are only counted, in one last finding. */
#define ECERT_SCHEMA_MAX_FINDINGS 200

/**
 * EcertSchemaFinding:
 * @line: the line of the document the finding is about, or 0 when unknown
 * @message: what does not follow the schema, in libxml2's words
 *
 * A place where a certificate departs from the schema. Real certificates
 * often do, so a finding is a warning to show, not a reason to refuse.
 */
typedef struct
{
  guint line;
  char *message;
} EcertSchemaFinding;

void      ecert_schema_finding_free          (EcertSchemaFinding  *finding);

gboolean  ecert_schema_validate_certificate  (xmlDoc              *doc,
                                              GPtrArray          **findings,
                                              GError             **error);

gboolean  ecert_schema_validate_hub_element  (xmlNode             *element,
                                              GPtrArray          **findings,
                                              GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertSchemaFinding, ecert_schema_finding_free)

G_END_DECLS
