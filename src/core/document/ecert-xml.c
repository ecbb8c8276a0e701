/* ecert-xml.c: parsing untrusted XML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every document we read comes from the network, a file or a mail, so it is
 * parsed with nothing that reaches outside the bytes given: no entity
 * substitution, no DTD loading, no network, no XML_PARSE_HUGE, and an
 * external entity loader that refuses everything but our own compiled-in
 * schemas. A DOCTYPE is refused outright, before its internal subset is read:
 * SPS certificates never need one, and every entity attack starts with one.
 */

#define G_LOG_DOMAIN "ecert-xml"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

#include "ecert-core-resources.h"
#include "ecert-error.h"
#include "ecert-xml.h"

static const EcertXmlLimits default_limits = {
  .max_size = ECERT_XML_DEFAULT_MAX_SIZE,
  .max_depth = ECERT_XML_DEFAULT_MAX_DEPTH,
};

/* What the SAX hooks found that makes a document hostile. */
typedef struct
{
  const char *construct;
  /* The first error, which is the cause; later ones are consequences. */
  char       *first_error;
  int         first_error_line;
  int         first_error_column;
} ParseGuard;

static xmlParserInputPtr
load_trusted_resource (const char       *url,
                       xmlParserCtxtPtr  context)
{
  g_autoptr(GBytes) bytes = NULL;
  xmlParserInputBufferPtr buffer;
  xmlParserInputPtr input;
  gsize size;
  const char *data;

  bytes = g_resources_lookup_data (url + strlen ("resource://"),
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &size);
  /* libxml2 copies the memory into its own buffer. */
  buffer = xmlParserInputBufferCreateMem (data, (int) size, XML_CHAR_ENCODING_NONE);
  if (buffer == NULL)
    return NULL;

  input = xmlNewIOInputStream (context, buffer, XML_CHAR_ENCODING_NONE);
  if (input == NULL)
    return NULL;

  /* The document's base URL: a schema's relative schemaLocation then names a
   * sibling resource, which this loader serves, instead of nothing. */
  input->filename = (char *) xmlStrdup ((const xmlChar *) url);
  return input;
}

static xmlParserInputPtr
refuse_external_entity_cb (const char       *url,
                           const char       *id,
                           xmlParserCtxtPtr  context)
{
  if (url != NULL && g_str_has_prefix (url, ECERT_XML_TRUSTED_RESOURCE_PREFIX) &&
      strstr (url, "..") == NULL)
    return load_trusted_resource (url, context);

  g_debug ("Refused to load external resource %s", url != NULL ? url : "(none)");
  return NULL;
}

/**
 * ecert_xml_init:
 *
 * Installs the deny-all external entity loader, once per process, and
 * registers the compiled-in schemas it serves. Every function that parses
 * calls it; calling it again does nothing.
 */
void
ecert_xml_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      ecert_core_register_resource ();
      xmlSetExternalEntityLoader (refuse_external_entity_cb);
      g_once_init_leave (&initialized, 1);
    }
}

const EcertXmlLimits *
ecert_xml_default_limits (void)
{
  return &default_limits;
}

static void
stop_hostile (xmlParserCtxtPtr  context,
              const char       *construct)
{
  ParseGuard *guard = context->_private;

  if (guard->construct == NULL)
    guard->construct = construct;
  xmlStopParser (context);
}

static void
internal_subset_cb (void          *user_data,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  stop_hostile (user_data, N_("a DOCTYPE declaration"));
}

static void
entity_decl_cb (void          *user_data,
                const xmlChar *name,
                int            type,
                const xmlChar *public_id,
                const xmlChar *system_id,
                xmlChar       *content)
{
  stop_hostile (user_data, N_("an entity declaration"));
}

static void
reference_cb (void          *user_data,
              const xmlChar *name)
{
  stop_hostile (user_data, N_("an entity reference"));
}

static void
structured_error_cb (void        *user_data,
                     xmlErrorPtr  error)
{
  xmlParserCtxtPtr context = user_data;
  ParseGuard *guard = context->_private;

  if (guard->first_error != NULL || error->level < XML_ERR_ERROR || error->message == NULL)
    return;

  guard->first_error = g_strstrip (g_strdup (error->message));
  guard->first_error_line = error->line;
  /* libxml2 keeps the column of an error in int2. */
  guard->first_error_column = error->int2;
}

static void
ignore_generic_error_cb (void       *user_data,
                         const char *format,
                         ...)
{
  /* Encoding errors bypass the parser context and would go to stderr; the
   * parse result already tells the caller, in words. */
}

static guint
tree_depth (const xmlNode *root)
{
  const xmlNode *node = root;
  guint depth = 1;
  guint deepest = 1;

  /* Iterative, so a deep tree cannot exhaust our stack. */
  while (node != NULL)
    {
      if (node->children != NULL && node->type == XML_ELEMENT_NODE)
        {
          node = node->children;
          depth++;
          deepest = MAX (deepest, depth);
          continue;
        }

      while (node != NULL && node != root && node->next == NULL)
        {
          node = node->parent;
          depth--;
        }

      if (node == NULL || node == root)
        break;

      node = node->next;
    }

  return deepest;
}

static void
set_syntax_error (xmlParserCtxtPtr   context,
                  GError           **error)
{
  ParseGuard *guard = context->_private;
  const xmlError *last = xmlCtxtGetLastError (context);

  if (last != NULL && last->code == XML_ERR_DOCUMENT_EMPTY)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_NOT_WELL_FORMED,
                           _("The document is empty"));
      return;
    }

  if (guard->first_error == NULL)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_NOT_WELL_FORMED,
                           _("The document is not well-formed XML"));
      return;
    }

  g_set_error (error, ECERT_ERROR, ECERT_ERROR_NOT_WELL_FORMED,
               _("The document is not well-formed XML: line %d, column %d: %s"),
               guard->first_error_line, guard->first_error_column, guard->first_error);
}

/**
 * ecert_xml_parse:
 * @data: the document's bytes, exactly as received
 * @length: their number
 * @limits: (nullable): size and nesting limits, or %NULL for the defaults
 * @error: return location for an %ECERT_ERROR
 *
 * Parses an untrusted document. Whitespace is kept as is, because a
 * signature covers it.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
xmlDoc *
ecert_xml_parse (const guint8          *data,
                 gsize                  length,
                 const EcertXmlLimits  *limits,
                 GError               **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  xmlParserCtxtPtr context;
  ParseGuard guard = { NULL, NULL, 0, 0 };
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  guint depth;

  ecert_xml_init ();

  if (limits == NULL)
    limits = &default_limits;

  if (length > limits->max_size)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *limit = g_format_size (limits->max_size);

      g_set_error (error, ECERT_ERROR, ECERT_ERROR_TOO_LARGE,
                   _("The document is %s, more than the limit of %s"), size, limit);
      return NULL;
    }

  if (length > G_MAXINT)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_TOO_LARGE,
                           _("The document is too large to be read"));
      return NULL;
    }

  /* Per thread in libxml2, so set for every parse. */
  xmlSetGenericErrorFunc (NULL, ignore_generic_error_cb);

  context = xmlNewParserCtxt ();
  if (context == NULL)
    g_error ("Out of memory creating an XML parser");

  context->_private = &guard;
  context->sax->internalSubset = internal_subset_cb;
  context->sax->externalSubset = internal_subset_cb;
  context->sax->entityDecl = entity_decl_cb;
  context->sax->reference = reference_cb;
  context->sax->serror = structured_error_cb;

  doc = xmlCtxtReadMemory (context, (const char *) data, (int) length, NULL, NULL, options);

  if (guard.construct != NULL)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_HOSTILE_XML,
                   _("The document was refused because it contains %s, "
                     "which certificates never need and attacks use"),
                   _(guard.construct));
      g_clear_pointer (&doc, xmlFreeDoc);
    }
  /* An undeclared namespace prefix leaves libxml2's document "well-formed"
   * but meaningless to us: every element would lose its namespace. */
  else if (doc == NULL || !context->wellFormed || !context->nsWellFormed)
    {
      set_syntax_error (context, error);
      g_clear_pointer (&doc, xmlFreeDoc);
    }

  g_free (guard.first_error);
  xmlFreeParserCtxt (context);

  if (doc == NULL)
    return NULL;

  if (xmlDocGetRootElement (doc) == NULL)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_NOT_WELL_FORMED,
                           _("The document has no root element"));
      return NULL;
    }

  depth = tree_depth (xmlDocGetRootElement (doc));
  if (depth > limits->max_depth)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_HOSTILE_XML,
                   _("The document nests elements %u deep, more than the limit of %u"),
                   depth, limits->max_depth);
      return NULL;
    }

  return g_steal_pointer (&doc);
}

/**
 * ecert_xml_is_element:
 * @node: (nullable): a node
 * @ns_href: (nullable): the namespace the element must be in, or %NULL for any
 * @local_name: its local name
 *
 * Returns: %TRUE when @node is that element
 */
gboolean
ecert_xml_is_element (const xmlNode *node,
                      const char    *ns_href,
                      const char    *local_name)
{
  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return FALSE;

  if (g_strcmp0 ((const char *) node->name, local_name) != 0)
    return FALSE;

  if (ns_href == NULL)
    return TRUE;

  return node->ns != NULL && g_strcmp0 ((const char *) node->ns->href, ns_href) == 0;
}

/**
 * ecert_xml_first_child:
 *
 * Returns: (transfer none) (nullable): the first child element of @parent
 *   with this namespace and local name
 */
xmlNode *
ecert_xml_first_child (const xmlNode *parent,
                       const char    *ns_href,
                       const char    *local_name)
{
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      if (ecert_xml_is_element (child, ns_href, local_name))
        return child;
    }

  return NULL;
}

/**
 * ecert_xml_raw_text:
 * @node: (nullable): an element
 *
 * The element's text and CDATA exactly as they are, white space included
 * (a certificate carried in a hub's Content is signed byte for byte).
 * Comments and processing instructions inside it are not part of the text.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when @node is %NULL
 */
char *
ecert_xml_raw_text (const xmlNode *node)
{
  GString *text;

  if (node == NULL)
    return NULL;

  text = g_string_new (NULL);
  for (const xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        g_string_append (text, (const char *) child->content);
    }

  return g_string_free (text, FALSE);
}

/**
 * ecert_xml_text:
 * @node: (nullable): an element
 *
 * The element's text with leading and trailing white space removed.
 * Comments inside it are left out: canonicalization without comments leaves
 * them out of a signature, so they must not be shown as if they had been
 * signed.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when the element is
 *   missing or holds only white space
 */
char *
ecert_xml_text (const xmlNode *node)
{
  char *text = ecert_xml_raw_text (node);

  if (text == NULL)
    return NULL;

  g_strstrip (text);
  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

/**
 * ecert_xml_attribute:
 *
 * Returns: (transfer full) (nullable): the trimmed value of the attribute
 *   @name (in no namespace), or %NULL when absent or empty
 */
char *
ecert_xml_attribute (const xmlNode *node,
                     const char    *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *result;

  if (value == NULL)
    return NULL;

  result = g_strstrip (g_strdup ((const char *) value));
  xmlFree (value);

  if (result[0] == '\0')
    g_clear_pointer (&result, g_free);

  return result;
}

/**
 * ecert_xml_path:
 *
 * A readable location of an element, e.g.
 * "SPSCertificate/SPSConsignment/IncludedSPSConsignmentItem[2]".
 *
 * Returns: (transfer full): the path
 */
char *
ecert_xml_path (const xmlNode *node)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  GString *path = g_string_new (NULL);

  for (const xmlNode *iter = node; iter != NULL && iter->type == XML_ELEMENT_NODE;
       iter = iter->parent)
    {
      guint index = 1;
      guint same = 0;

      for (const xmlNode *sibling = iter->parent != NULL ? iter->parent->children : NULL;
           sibling != NULL; sibling = sibling->next)
        {
          if (sibling->type == XML_ELEMENT_NODE &&
              g_strcmp0 ((const char *) sibling->name, (const char *) iter->name) == 0)
            {
              same++;
              if (sibling == iter)
                index = same;
            }
        }

      if (same > 1)
        g_ptr_array_add (parts, g_strdup_printf ("%s[%u]", iter->name, index));
      else
        g_ptr_array_add (parts, g_strdup ((const char *) iter->name));
    }

  for (guint i = parts->len; i > 0; i--)
    {
      if (path->len > 0)
        g_string_append_c (path, '/');
      g_string_append (path, g_ptr_array_index (parts, i - 1));
    }

  g_ptr_array_unref (parts);
  return g_string_free (path, FALSE);
}

/* Reading as it arrives */

struct _EcertXmlPushParser
{
  /* First, so that the guards above find it at context->_private. */
  ParseGuard           guard;
  xmlParserCtxtPtr     context;
  EcertXmlLimits       limits;
  EcertXmlElementFunc  element_done;
  gpointer             user_data;
  /* The first bytes, until libxml2 has enough to tell their encoding. */
  GByteArray          *start;
  guint                depth;
  /* Per open element (indexed by depth): what was kept when it began, and
   * whether a child of it has been discarded, which makes it a list whose
   * text between items is discarded too. */
  gsize               *kept_before;
  gboolean            *is_list;
  gsize                kept;
  GError              *error;
  gboolean             callback_failed;
  gboolean             finished;
};

/* A rough count of what libxml2 allocates for a node, for the limit on
 * what is kept; the names themselves sit in the parser's dictionary. */
#define NODE_COST ((gsize) sizeof (xmlNode))

static gboolean
push_parser_keep (EcertXmlPushParser *parser,
                  gsize               cost)
{
  g_autofree char *limit = NULL;

  if (parser->error != NULL)
    return FALSE;

  parser->kept += cost;
  if (parser->kept <= parser->limits.max_size)
    return TRUE;

  limit = g_format_size (parser->limits.max_size);
  parser->error = g_error_new (ECERT_ERROR, ECERT_ERROR_TOO_LARGE,
                               _("More than %s of the document would have to be held in "
                                 "memory at once to read it"), limit);
  xmlStopParser (parser->context);
  return FALSE;
}

static void
push_start_element_cb (void           *user_data,
                       const xmlChar  *local_name,
                       const xmlChar  *prefix,
                       const xmlChar  *uri,
                       int             n_namespaces,
                       const xmlChar **namespaces,
                       int             n_attributes,
                       int             n_defaulted,
                       const xmlChar **attributes)
{
  xmlParserCtxtPtr context = user_data;
  EcertXmlPushParser *parser = context->_private;
  gsize cost = NODE_COST + (gsize) n_namespaces * sizeof (xmlNs);

  if (parser->error != NULL)
    return;

  if (parser->depth >= parser->limits.max_depth)
    {
      parser->error = g_error_new (ECERT_ERROR, ECERT_ERROR_HOSTILE_XML,
                                   _("The document nests elements %u deep, more than the limit "
                                     "of %u"), parser->depth + 1, parser->limits.max_depth);
      xmlStopParser (context);
      return;
    }

  /* Attributes come as (name, prefix, URI, value, end) quintuples. */
  for (int i = 0; i < n_attributes; i++)
    cost += sizeof (xmlAttr) + NODE_COST +
            (gsize) (attributes[i * 5 + 4] - attributes[i * 5 + 3]);

  parser->depth++;
  parser->kept_before[parser->depth] = parser->kept;
  parser->is_list[parser->depth] = FALSE;
  if (!push_parser_keep (parser, cost))
    return;

  xmlSAX2StartElementNs (user_data, local_name, prefix, uri, n_namespaces, namespaces,
                         n_attributes, n_defaulted, attributes);
}

static void
push_end_element_cb (void          *user_data,
                     const xmlChar *local_name,
                     const xmlChar *prefix,
                     const xmlChar *uri)
{
  xmlParserCtxtPtr context = user_data;
  EcertXmlPushParser *parser = context->_private;
  xmlNode *element = context->node;
  gboolean discard = FALSE;
  guint depth = parser->depth;

  xmlSAX2EndElementNs (user_data, local_name, prefix, uri);
  if (parser->error != NULL || depth == 0)
    return;
  parser->depth--;

  if (element == NULL || element->type != XML_ELEMENT_NODE)
    return;

  if (!parser->element_done (element, &discard, parser->user_data, &parser->error))
    {
      parser->callback_failed = TRUE;
      xmlStopParser (context);
      return;
    }

  /* The root stays: it is the document. */
  if (discard && depth > 1)
    {
      xmlUnlinkNode (element);
      xmlFreeNode (element);
      parser->kept = parser->kept_before[depth];
      parser->is_list[depth - 1] = TRUE;
    }
}

static gboolean
push_parser_between_items (xmlParserCtxtPtr context)
{
  EcertXmlPushParser *parser = context->_private;

  return parser->error != NULL || parser->is_list[parser->depth];
}

static void
push_characters_cb (void          *user_data,
                    const xmlChar *text,
                    int            length)
{
  xmlParserCtxtPtr context = user_data;
  EcertXmlPushParser *parser = context->_private;

  if (push_parser_between_items (context) || !push_parser_keep (parser, (gsize) length))
    return;

  xmlSAX2Characters (user_data, text, length);
}

static void
push_cdata_cb (void          *user_data,
               const xmlChar *text,
               int            length)
{
  xmlParserCtxtPtr context = user_data;
  EcertXmlPushParser *parser = context->_private;

  if (push_parser_between_items (context) ||
      !push_parser_keep (parser, NODE_COST + (gsize) length))
    return;

  xmlSAX2CDataBlock (user_data, text, length);
}

static void
push_comment_cb (void          *user_data,
                 const xmlChar *text)
{
  xmlParserCtxtPtr context = user_data;
  EcertXmlPushParser *parser = context->_private;

  if (push_parser_between_items (context) ||
      !push_parser_keep (parser, NODE_COST + strlen ((const char *) text)))
    return;

  xmlSAX2Comment (user_data, text);
}

static void
push_processing_instruction_cb (void          *user_data,
                                const xmlChar *target,
                                const xmlChar *data)
{
  xmlParserCtxtPtr context = user_data;
  EcertXmlPushParser *parser = context->_private;
  gsize cost = NODE_COST + strlen ((const char *) target) +
               (data != NULL ? strlen ((const char *) data) : 0);

  if (push_parser_between_items (context) || !push_parser_keep (parser, cost))
    return;

  xmlSAX2ProcessingInstruction (user_data, target, data);
}

/**
 * ecert_xml_push_parser_new:
 * @limits: (nullable): nesting limit, and in max_size how much of the
 *   document may be held at once (what @element_done discards does not
 *   count); %NULL for the defaults
 * @element_done: called for each element once its end tag is read,
 *   innermost first
 * @user_data: for @element_done
 *
 * A parser for an untrusted document that arrives in pieces, with the
 * protections of ecert_xml_parse(). What @element_done has read and
 * discards is freed at once, with the text and comments between such
 * elements, so a long list is read within the memory of one item.
 *
 * Returns: (transfer full): the parser; feed it with
 *   ecert_xml_push_parser_feed(), then call ecert_xml_push_parser_finish()
 */
EcertXmlPushParser *
ecert_xml_push_parser_new (const EcertXmlLimits *limits,
                           EcertXmlElementFunc   element_done,
                           gpointer              user_data)
{
  EcertXmlPushParser *parser;

  g_return_val_if_fail (element_done != NULL, NULL);

  ecert_xml_init ();
  parser = g_new0 (EcertXmlPushParser, 1);
  parser->limits = limits != NULL ? *limits : default_limits;
  parser->element_done = element_done;
  parser->user_data = user_data;
  parser->start = g_byte_array_new ();
  parser->kept_before = g_new0 (gsize, parser->limits.max_depth + 1);
  parser->is_list = g_new0 (gboolean, parser->limits.max_depth + 1);
  return parser;
}

void
ecert_xml_push_parser_free (EcertXmlPushParser *parser)
{
  if (parser == NULL)
    return;

  if (parser->context != NULL)
    {
      g_clear_pointer (&parser->context->myDoc, xmlFreeDoc);
      xmlFreeParserCtxt (parser->context);
    }
  g_clear_pointer (&parser->start, g_byte_array_unref);
  g_free (parser->kept_before);
  g_free (parser->is_list);
  g_free (parser->guard.first_error);
  g_clear_error (&parser->error);
  g_free (parser);
}

/* libxml2 tells the encoding from the first four bytes it is given. */
#define ENCODING_SIGNATURE_SIZE 4

static void
push_parser_start (EcertXmlPushParser *parser)
{
  xmlParserCtxtPtr context;
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

  context = xmlCreatePushParserCtxt (NULL, NULL, (const char *) parser->start->data,
                                     (int) parser->start->len, NULL);
  if (context == NULL)
    g_error ("Out of memory creating an XML parser");
  g_clear_pointer (&parser->start, g_byte_array_unref);

  xmlCtxtUseOptions (context, options);
  context->_private = parser;
  context->sax->internalSubset = internal_subset_cb;
  context->sax->externalSubset = internal_subset_cb;
  context->sax->entityDecl = entity_decl_cb;
  context->sax->reference = reference_cb;
  context->sax->serror = structured_error_cb;
  context->sax->startElementNs = push_start_element_cb;
  context->sax->endElementNs = push_end_element_cb;
  context->sax->characters = push_characters_cb;
  context->sax->ignorableWhitespace = push_characters_cb;
  context->sax->cdataBlock = push_cdata_cb;
  context->sax->comment = push_comment_cb;
  context->sax->processingInstruction = push_processing_instruction_cb;
  parser->context = context;
}

/* What has gone wrong so far, as ecert_xml_parse() would say it. */
static gboolean
push_parser_check (EcertXmlPushParser  *parser,
                   GError             **error)
{
  xmlParserCtxtPtr context = parser->context;

  if (parser->error == NULL && parser->guard.construct != NULL)
    parser->error = g_error_new (ECERT_ERROR, ECERT_ERROR_HOSTILE_XML,
                                 _("The document was refused because it contains %s, "
                                   "which certificates never need and attacks use"),
                                 _(parser->guard.construct));
  else if (parser->error == NULL && context != NULL &&
           (!context->wellFormed || !context->nsWellFormed))
    set_syntax_error (context, &parser->error);

  if (parser->error == NULL)
    return TRUE;

  if (error != NULL)
    *error = g_error_copy (parser->error);
  return FALSE;
}

static void
push_parser_parse (EcertXmlPushParser *parser,
                   const guint8       *data,
                   gsize               length,
                   gboolean            terminate)
{
  /* Per thread in libxml2, so set for every piece. */
  xmlSetGenericErrorFunc (NULL, ignore_generic_error_cb);

  /* In pieces, so that libxml2 never buffers more than one at a time. */
  do
    {
      gsize piece = MIN (length, 256 * 1024);

      xmlParseChunk (parser->context, (const char *) data, (int) piece,
                     terminate && piece == length);
      data += piece;
      length -= piece;
    }
  while (length > 0 && parser->error == NULL && parser->guard.construct == NULL &&
         parser->context->wellFormed);
}

/**
 * ecert_xml_push_parser_feed:
 *
 * Parses the next piece of the document.
 *
 * Returns: %FALSE with @error set when the document is already known to
 *   be unusable: give no more, and do not call finish
 */
gboolean
ecert_xml_push_parser_feed (EcertXmlPushParser  *parser,
                            const guint8        *data,
                            gsize                length,
                            GError             **error)
{
  gsize taken = 0;

  g_return_val_if_fail (parser != NULL, FALSE);
  g_return_val_if_fail (!parser->finished, FALSE);

  if (!push_parser_check (parser, error))
    return FALSE;

  if (parser->context == NULL)
    {
      taken = MIN (length, ENCODING_SIGNATURE_SIZE - parser->start->len);
      g_byte_array_append (parser->start, data, (guint) taken);
      if (parser->start->len < ENCODING_SIGNATURE_SIZE)
        return TRUE;
      push_parser_start (parser);
    }

  if (length > taken)
    push_parser_parse (parser, data + taken, length - taken, FALSE);

  return push_parser_check (parser, error);
}

/**
 * ecert_xml_push_parser_finish:
 *
 * Ends the document: what was fed is all there is.
 *
 * Returns: (transfer full): what is left of the document once the
 *   elements read and discarded are gone, or %NULL with @error set
 */
xmlDoc *
ecert_xml_push_parser_finish (EcertXmlPushParser  *parser,
                              GError             **error)
{
  xmlDoc *doc;

  g_return_val_if_fail (parser != NULL, NULL);
  g_return_val_if_fail (!parser->finished, NULL);

  parser->finished = TRUE;
  if (!push_parser_check (parser, error))
    return NULL;

  if (parser->context == NULL)
    push_parser_start (parser);
  push_parser_parse (parser, NULL, 0, TRUE);

  /* An empty document never started: libxml2 says so in its last error. */
  if (!push_parser_check (parser, error))
    return NULL;

  doc = g_steal_pointer (&parser->context->myDoc);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_NOT_WELL_FORMED,
                           _("The document has no root element"));
      return NULL;
    }

  return doc;
}

/**
 * ecert_xml_push_parser_failed_in_callback:
 *
 * Returns: %TRUE when what stopped the parser was an error of the
 *   element callback's own, which the caller may want to pass on as it is
 */
gboolean
ecert_xml_push_parser_failed_in_callback (EcertXmlPushParser *parser)
{
  g_return_val_if_fail (parser != NULL, FALSE);

  return parser->callback_failed;
}
