/* ecert-tls.c: the TLS versions E-Cert Inspector accepts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every connection we make or serve (the hub, an office, a mail server)
 * uses TLS 1.2 or later: TLS 1.0 and 1.1 offer only SHA-1 and CBC suites
 * and are deprecated by RFC 8996. GIO's TLS backend (glib-networking on
 * GnuTLS) takes its GnuTLS priority string from the environment, once per
 * process, when it makes its first connection; ecert_tls_init() sets it
 * before that. ecert_tls_is_outdated() checks each connection afterwards,
 * for a backend that ignored the setting.
 */

#define G_LOG_DOMAIN "ecert-tls"

#include "config.h"

#include "ecert-tls.h"

#define PRIORITY_VARIABLE "G_TLS_GNUTLS_PRIORITY"
/* glib-networking's own default, without the versions we refuse. */
#define DEFAULT_PRIORITY "NORMAL:%COMPAT"
#define REFUSED_VERSIONS ":-VERS-SSL3.0:-VERS-TLS1.0:-VERS-TLS1.1:-VERS-DTLS1.0"

static gpointer
require_modern_versions (gpointer data)
{
  const char *chosen = g_getenv (PRIORITY_VARIABLE);
  g_autofree char *priority = NULL;

  /* A priority string someone set on purpose is kept, only narrowed. */
  priority = g_strconcat (chosen != NULL && *chosen != '\0' ? chosen : DEFAULT_PRIORITY,
                          REFUSED_VERSIONS, NULL);
  g_setenv (PRIORITY_VARIABLE, priority, TRUE);
  return NULL;
}

/**
 * ecert_tls_init:
 *
 * Makes every TLS connection of this process refuse versions older than
 * TLS 1.2. Call it at the start of main(), before any thread starts and
 * before any TLS connection is made; calling it again does nothing.
 */
void
ecert_tls_init (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, require_modern_versions, NULL);
}

/**
 * ecert_tls_is_outdated:
 * @connection: a connection whose handshake is done
 *
 * Returns: %TRUE when @connection uses a TLS version older than 1.2,
 *   which must not carry anything
 */
gboolean
ecert_tls_is_outdated (GTlsConnection *connection)
{
  switch (g_tls_connection_get_protocol_version (connection))
    {
    case G_TLS_PROTOCOL_VERSION_TLS_1_2:
    case G_TLS_PROTOCOL_VERSION_TLS_1_3:
      return FALSE;
    /* A backend that cannot say is left to the priority string. */
    case G_TLS_PROTOCOL_VERSION_UNKNOWN:
      return FALSE;
    case G_TLS_PROTOCOL_VERSION_SSL_3_0:
    case G_TLS_PROTOCOL_VERSION_TLS_1_0:
    case G_TLS_PROTOCOL_VERSION_TLS_1_1:
    case G_TLS_PROTOCOL_VERSION_DTLS_1_0:
    case G_TLS_PROTOCOL_VERSION_DTLS_1_2:
    default:
      return TRUE;
    }
}
