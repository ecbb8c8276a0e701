/* ecert-schema.c: checking certificates against the hub's schema
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The schema is the one the ePhyto Hub publishes in its WSDL, compiled into
 * the program (data/schemas). It is loaded through the same deny-all entity
 * loader as every document, so the schema and its imports can only come from
 * the compiled-in resource, never from the network or the disk.
 *
 * Real certificates do not all follow it, and an inspector still needs to
 * read them, so departures from the schema are findings to show as warnings,
 * never errors: only a schema that cannot be loaded fails.
 */

#define G_LOG_DOMAIN "ecert-schema"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/xmlschemas.h>

#include "ecert-error.h"
#include "ecert-schema.h"
#include "ecert-xml.h"

/* Relative schemaLocations in them resolve to their siblings in the
 * resource. */
#define CERTIFICATE_SCHEMA_URL ECERT_XML_TRUSTED_RESOURCE_PREFIX "schemas/sps-certificate-17.xsd"
/* The hub's own namespace, which imports every other one of the WSDL. */
#define HUB_SCHEMA_URL ECERT_XML_TRUSTED_RESOURCE_PREFIX "schemas/ephyto.xsd"

/* libxml2 2.12 made the error given to structured handlers const. */
#if LIBXML_VERSION >= 21200
typedef const xmlError SchemaError;
#else
typedef xmlError SchemaError;
#endif

/* Compiled once per process and then only read, which libxml2 allows from
 * several validation contexts at once. */
typedef struct
{
  xmlSchema *schema;
  char *load_error;
} LoadedSchema;

typedef struct
{
  GPtrArray *findings;
  guint omitted;
} Collector;

void
ecert_schema_finding_free (EcertSchemaFinding *finding)
{
  if (finding == NULL)
    return;

  g_free (finding->message);
  g_free (finding);
}

static EcertSchemaFinding *
finding_new_take (guint  line,
                  char  *message)
{
  EcertSchemaFinding *finding = g_new0 (EcertSchemaFinding, 1);

  finding->line = line;
  finding->message = message;
  return finding;
}

static char *
trimmed_message (SchemaError *error)
{
  if (error->message == NULL)
    return g_strdup (_("The schema was not followed"));

  return g_strstrip (g_strdup (error->message));
}

static void
collect_load_error_cb (void        *user_data,
                       SchemaError *error)
{
  GString *messages = user_data;
  g_autofree char *message = NULL;

  /* Warnings do not stop the schema from compiling; only errors explain
   * why it failed. */
  if (error->level < XML_ERR_ERROR)
    return;

  message = trimmed_message (error);
  if (messages->len > 0)
    g_string_append (messages, "; ");
  g_string_append (messages, message);
}

static gpointer
load_schema (gpointer user_data)
{
  const char *url = user_data;
  LoadedSchema *loaded = g_new0 (LoadedSchema, 1);
  g_autoptr(GString) messages = g_string_new (NULL);
  xmlSchemaParserCtxt *parser;

  ecert_xml_init ();

  parser = xmlSchemaNewParserCtxt (url);
  if (parser == NULL)
    g_error ("Out of memory creating an XML Schema parser");

  xmlSchemaSetParserStructuredErrors (parser, collect_load_error_cb, messages);
  loaded->schema = xmlSchemaParse (parser);
  xmlSchemaFreeParserCtxt (parser);

  if (loaded->schema == NULL)
    {
      loaded->load_error = messages->len > 0 ? g_strdup (messages->str) : g_strdup (url);
      g_warning ("Cannot load the schema %s: %s", url, loaded->load_error);
    }

  return loaded;
}

static const LoadedSchema *
certificate_schema (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_schema, (gpointer) CERTIFICATE_SCHEMA_URL);
}

static const LoadedSchema *
hub_schema (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_schema, (gpointer) HUB_SCHEMA_URL);
}

static guint
error_line (SchemaError *error)
{
  /* Errors about an attribute or a value may carry the node only. */
  if (error->line > 0)
    return (guint) error->line;

  if (error->node != NULL)
    return (guint) MAX (xmlGetLineNo (error->node), 0);

  return 0;
}

static void
collect_finding_cb (void        *user_data,
                    SchemaError *error)
{
  Collector *collector = user_data;

  if (collector->findings->len >= ECERT_SCHEMA_MAX_FINDINGS)
    {
      collector->omitted++;
      return;
    }

  g_ptr_array_add (collector->findings,
                   finding_new_take (error_line (error), trimmed_message (error)));
}

static void
add_omitted (Collector *collector)
{
  if (collector->omitted == 0)
    return;

  g_ptr_array_add (collector->findings,
                   finding_new_take (0, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                      "%u more finding is not shown",
                                                                      "%u more findings are not shown",
                                                                      collector->omitted),
                                                         collector->omitted)));
}

/* The schema describes one version of the certificate namespace; checking a
 * document of another version against it would flag every element, which
 * says nothing useful. And any element the schema declares globally may be
 * a validation root, so an SPSConsignment alone would pass as valid. */
static EcertSchemaFinding *
unexpected_root (xmlNode *root)
{
  guint line = (guint) MAX (xmlGetLineNo (root), 0);

  if (root->ns == NULL)
    return finding_new_take (line,
                             g_strdup_printf (_("The schema describes the namespace %s, "
                                                "but the document's root element has no "
                                                "namespace; it was not checked against "
                                                "the schema"),
                                              ECERT_SCHEMA_CERTIFICATE_NAMESPACE));

  if (g_strcmp0 ((const char *) root->ns->href, ECERT_SCHEMA_CERTIFICATE_NAMESPACE) != 0)
    return finding_new_take (line,
                             g_strdup_printf (_("The schema describes the namespace %s, "
                                                "but the document uses %s; it was not "
                                                "checked against the schema"),
                                              ECERT_SCHEMA_CERTIFICATE_NAMESPACE,
                                              (const char *) root->ns->href));

  if (g_strcmp0 ((const char *) root->name, "SPSCertificate") != 0)
    return finding_new_take (line,
                             g_strdup_printf (_("The document's root element is %s, not "
                                                "SPSCertificate; it was not checked against "
                                                "the schema"),
                                              (const char *) root->name));

  return NULL;
}

static void
validate (const LoadedSchema *loaded,
          xmlDoc             *doc,
          Collector          *collector)
{
  xmlSchemaValidCtxt *context;
  int result;

  context = xmlSchemaNewValidCtxt (loaded->schema);
  if (context == NULL)
    g_error ("Out of memory creating an XML Schema validator");

  xmlSchemaSetValidStructuredErrors (context, collect_finding_cb, collector);
  result = xmlSchemaValidateDoc (context, doc);
  xmlSchemaFreeValidCtxt (context);

  /* A negative result is libxml2 failing, not the document: say so rather
   * than pass the document as valid. */
  if (result < 0 && collector->findings->len == 0)
    g_ptr_array_add (collector->findings,
                     finding_new_take (0, g_strdup (_("The document could not be checked "
                                                      "against the schema"))));
}

/**
 * ecert_schema_validate_certificate:
 * @doc: a certificate parsed by ecert_xml_parse()
 * @findings: (out) (transfer container): where the document departs from the
 *   schema, in document order; empty when it follows it
 * @error: return location for an %ECERT_ERROR_SCHEMA error
 *
 * Checks @doc against the SPSCertificate schema of the ePhyto Hub. A document
 * in another version of the certificate namespace, or whose root is not an
 * SPSCertificate, is not checked: it gets a single finding saying so. Safe
 * to call from several threads at once.
 *
 * Returns: %TRUE with @findings set, or %FALSE with @error set when the
 *   schema itself cannot be loaded
 */
gboolean
ecert_schema_validate_certificate (xmlDoc     *doc,
                                   GPtrArray **findings,
                                   GError    **error)
{
  const LoadedSchema *loaded;
  EcertSchemaFinding *refusal;
  Collector collector = { NULL, 0 };
  xmlNode *root;

  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (findings != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  root = xmlDocGetRootElement (doc);
  g_return_val_if_fail (root != NULL, FALSE);

  loaded = certificate_schema ();
  if (loaded->schema == NULL)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_SCHEMA,
                   _("The certificate schema could not be loaded: %s"), loaded->load_error);
      return FALSE;
    }

  collector.findings = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_schema_finding_free);

  refusal = unexpected_root (root);
  if (refusal != NULL)
    g_ptr_array_add (collector.findings, refusal);
  else
    validate (loaded, doc, &collector);

  add_omitted (&collector);

  *findings = collector.findings;
  return TRUE;
}

/**
 * ecert_schema_validate_hub_element:
 * @element: an element of a parsed document: the payload of a SOAP message
 *   (the child of its soap:Body), or any other element the WSDL declares
 *   globally
 * @findings: (out) (transfer container): where @element departs from the
 *   WSDL's schemas, in document order; empty when it follows them
 * @error: return location for an %ECERT_ERROR_SCHEMA error
 *
 * Checks @element and everything inside it against the global element of
 * the same name in the schemas of the ePhyto Hub's WSDL: what a request or
 * a reply of the hub's IDeliveryService must look like. An element the
 * schemas do not declare gets a finding saying so. Safe to call from
 * several threads at once.
 *
 * Returns: %TRUE with @findings set, or %FALSE with @error set when the
 *   schemas themselves cannot be loaded
 */
gboolean
ecert_schema_validate_hub_element (xmlNode    *element,
                                   GPtrArray **findings,
                                   GError    **error)
{
  const LoadedSchema *loaded;
  Collector collector = { NULL, 0 };
  xmlSchemaValidCtxt *context;
  int result;

  g_return_val_if_fail (element != NULL && element->type == XML_ELEMENT_NODE, FALSE);
  g_return_val_if_fail (element->doc != NULL, FALSE);
  g_return_val_if_fail (findings != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  loaded = hub_schema ();
  if (loaded->schema == NULL)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_SCHEMA,
                   _("The hub's schemas could not be loaded: %s"), loaded->load_error);
      return FALSE;
    }

  collector.findings = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_schema_finding_free);

  context = xmlSchemaNewValidCtxt (loaded->schema);
  if (context == NULL)
    g_error ("Out of memory creating an XML Schema validator");

  xmlSchemaSetValidStructuredErrors (context, collect_finding_cb, &collector);
  result = xmlSchemaValidateOneElement (context, element);
  xmlSchemaFreeValidCtxt (context);

  if (result < 0 && collector.findings->len == 0)
    g_ptr_array_add (collector.findings,
                     finding_new_take (0, g_strdup (_("The document could not be checked "
                                                      "against the schema"))));

  add_omitted (&collector);

  *findings = collector.findings;
  return TRUE;
}
