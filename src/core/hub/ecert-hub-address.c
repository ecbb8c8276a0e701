/* ecert-hub-address.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-hub-address"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "ecert-error.h"
#include "ecert-hub-address.h"

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) inet = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  inet = g_inet_address_new_from_string (host);
  return inet != NULL && g_inet_address_get_is_loopback (inet);
}

/* GUri escapes what it cannot parse, so "exa mple.org" would come back as a
 * host; only a real host name or IP literal can reach a hub. */
static gboolean
host_is_valid (const char *host)
{
  g_autofree char *ascii = NULL;

  if (g_hostname_is_ip_address (host))
    return TRUE;

  ascii = g_hostname_to_ascii (host);
  if (ascii == NULL || ascii[0] == '\0' || ascii[0] == '.' || ascii[0] == '-')
    return FALSE;

  for (const char *c = ascii; *c != '\0'; c++)
    {
      if (!g_ascii_isalnum (*c) && *c != '-' && *c != '.')
        return FALSE;
    }

  return TRUE;
}

/**
 * ecert_hub_address_is_loopback:
 * @address: a normalized hub address
 *
 * Returns: %TRUE when @address names this machine (a local training hub).
 */
gboolean
ecert_hub_address_is_loopback (const char *address)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (address != NULL, FALSE);

  uri = g_uri_parse (address, G_URI_FLAGS_NONE, NULL);
  return uri != NULL && g_uri_get_host (uri) != NULL && host_is_loopback (g_uri_get_host (uri));
}

/**
 * ecert_hub_address_normalize:
 * @text: what the user typed, e.g. "hub.example.org/hub/DeliveryService"
 * @error: return location for an %ECERT_ERROR_INVALID_ADDRESS error
 *
 * Turns a typed hub address into the absolute https URL the client will use.
 * The hub authenticates us by our TLS client certificate and we authenticate
 * it by its server certificate, so plain http is refused (certificates pulled
 * over it could not be trusted); a scheme-less address is taken to mean https.
 *
 * Returns: (transfer full): the normalized address, or %NULL with @error set
 */
char *
ecert_hub_address_normalize (const char  *text,
                             GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *with_scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) parse_error = NULL;
  const char *scheme;
  const char *host;
  const char *path;

  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_INVALID_ADDRESS,
                           _("Enter the address of the exchange hub"));
      return NULL;
    }

  if (strstr (trimmed, "://") == NULL)
    with_scheme = g_strconcat ("https://", trimmed, NULL);
  else
    with_scheme = g_strdup (trimmed);

  uri = g_uri_parse (with_scheme, G_URI_FLAGS_NONE, &parse_error);
  if (uri == NULL)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ADDRESS,
                   _("“%s” is not a web address: %s"), trimmed, parse_error->message);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ADDRESS,
                   _("Hub addresses must use https, not %s"), scheme);
      return NULL;
    }

  host = g_uri_get_host (uri);
  if (host == NULL || host[0] == '\0')
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ADDRESS,
                   _("“%s” does not name a host"), trimmed);
      return NULL;
    }

  if (!host_is_valid (host))
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ADDRESS,
                   _("“%s” is not a valid host name"), host);
      return NULL;
    }

  if (g_uri_get_userinfo (uri) != NULL)
    {
      /* A password in the address would end up in settings and logs. */
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_INVALID_ADDRESS,
                           _("Leave user name and password out of the hub address"));
      return NULL;
    }

  if (g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_INVALID_ADDRESS,
                           _("A hub address cannot contain “#”"));
      return NULL;
    }

  path = g_uri_get_path (uri);
  return g_uri_join (G_URI_FLAGS_NONE, "https", NULL,
                     host, g_uri_get_port (uri),
                     path[0] != '\0' ? path : "/",
                     g_uri_get_query (uri), NULL);
}
