/* ecert-xml.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* Documents larger than this are refused unless a caller raises the limit. */
#define ECERT_XML_DEFAULT_MAX_SIZE (32 * 1024 * 1024)
/* Real certificates nest about a dozen levels deep. */
#define ECERT_XML_DEFAULT_MAX_DEPTH 64

/* Only schemas compiled into the program under this prefix may be loaded
 * while parsing; every other external resource is refused. */
#define ECERT_XML_TRUSTED_RESOURCE_PREFIX "resource:///io/github/ecert/core/"

typedef struct
{
  gsize max_size;
  guint max_depth;
} EcertXmlLimits;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

void                   ecert_xml_init                (void);
const EcertXmlLimits  *ecert_xml_default_limits      (void);
xmlDoc                *ecert_xml_parse               (const guint8          *data,
                                                      gsize                  length,
                                                      const EcertXmlLimits  *limits,
                                                      GError               **error);

gboolean               ecert_xml_is_element          (const xmlNode         *node,
                                                      const char            *ns_href,
                                                      const char            *local_name);
xmlNode               *ecert_xml_first_child         (const xmlNode         *parent,
                                                      const char            *ns_href,
                                                      const char            *local_name);
char                  *ecert_xml_raw_text            (const xmlNode         *node);
char                  *ecert_xml_text                (const xmlNode         *node);
char                  *ecert_xml_attribute           (const xmlNode         *node,
                                                      const char            *name);
char                  *ecert_xml_path                (const xmlNode         *node);

/**
 * EcertXmlElementFunc:
 * @element: an element whose end tag has just been read, with everything
 *   in it
 * @discard: (out): set to %TRUE when @element has been read and may be
 *   freed
 * @user_data: as given to ecert_xml_push_parser_new()
 * @error: return location for a reason to stop parsing
 *
 * Returns: %FALSE with @error set to stop parsing
 */
typedef gboolean (*EcertXmlElementFunc) (xmlNode   *element,
                                         gboolean  *discard,
                                         gpointer   user_data,
                                         GError   **error);

typedef struct _EcertXmlPushParser EcertXmlPushParser;

EcertXmlPushParser    *ecert_xml_push_parser_new     (const EcertXmlLimits  *limits,
                                                      EcertXmlElementFunc    element_done,
                                                      gpointer               user_data);
gboolean               ecert_xml_push_parser_feed    (EcertXmlPushParser    *parser,
                                                      const guint8          *data,
                                                      gsize                  length,
                                                      GError               **error);
xmlDoc                *ecert_xml_push_parser_finish  (EcertXmlPushParser    *parser,
                                                      GError               **error);
gboolean               ecert_xml_push_parser_failed_in_callback (EcertXmlPushParser *parser);
void                   ecert_xml_push_parser_free    (EcertXmlPushParser    *parser);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertXmlPushParser, ecert_xml_push_parser_free)

G_END_DECLS
