/* ecert-x509.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-x509"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/gnutls.h>

#include "ecert-error.h"
#include "ecert-x509.h"

static void
crt_free (gpointer certificate)
{
  gnutls_x509_crt_deinit (certificate);
}

/**
 * ecert_x509_import_pem:
 * @pem: one or more PEM certificates
 *
 * Returns: (transfer full) (element-type gnutls_x509_crt_t): the
 *   certificates, or %NULL with @error set
 */
GPtrArray *
ecert_x509_import_pem (GBytes  *pem,
                       GError **error)
{
  g_autoptr(GPtrArray) certificates = g_ptr_array_new_with_free_func (crt_free);
  gnutls_x509_crt_t *list = NULL;
  unsigned int count = 0;
  gsize length;
  gnutls_datum_t data;
  int status;

  data.data = (unsigned char *) g_bytes_get_data (pem, &length);
  data.size = (unsigned int) length;

  status = gnutls_x509_crt_list_import2 (&list, &count, &data, GNUTLS_X509_FMT_PEM, 0);
  if (status < 0 || count == 0)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_TRUST_STORE,
                   _("No X.509 certificate could be read from the PEM data: %s"),
                   status < 0 ? gnutls_strerror (status) : _("none found"));
      return NULL;
    }

  for (unsigned int i = 0; i < count; i++)
    g_ptr_array_add (certificates, list[i]);
  gnutls_free (list);

  return g_steal_pointer (&certificates);
}

gnutls_x509_crt_t
ecert_x509_import_der (const guint8  *der,
                       gsize          length,
                       GError       **error)
{
  gnutls_x509_crt_t certificate = NULL;
  gnutls_datum_t data = { (unsigned char *) der, (unsigned int) length };
  int status;

  gnutls_x509_crt_init (&certificate);
  status = gnutls_x509_crt_import (certificate, &data, GNUTLS_X509_FMT_DER);
  if (status < 0)
    {
      gnutls_x509_crt_deinit (certificate);
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_TRUST_STORE,
                   _("The X.509 certificate cannot be read: %s"), gnutls_strerror (status));
      return NULL;
    }

  return certificate;
}

/**
 * ecert_x509_import_der_list:
 * @ders: (element-type GBytes): DER certificates
 *
 * Returns: (transfer full) (element-type gnutls_x509_crt_t) (nullable): the
 *   certificates in the same order, or %NULL when any cannot be read
 */
GPtrArray *
ecert_x509_import_der_list (GPtrArray *ders)
{
  g_autoptr(GPtrArray) certificates = g_ptr_array_new_with_free_func (crt_free);

  for (guint i = 0; i < ders->len; i++)
    {
      gsize length;
      const guint8 *data = g_bytes_get_data (ders->pdata[i], &length);
      gnutls_x509_crt_t certificate = ecert_x509_import_der (data, length, NULL);

      if (certificate == NULL)
        return NULL;
      g_ptr_array_add (certificates, certificate);
    }

  return g_steal_pointer (&certificates);
}

/* Names come from certificates in untrusted documents, and GnuTLS gives
 * the bytes of a string as they are: made valid UTF-8, with control
 * characters replaced, before they are shown or written as JSON. */
static char *
datum_to_string (gnutls_datum_t *datum)
{
  char *text = g_utf8_make_valid ((const char *) datum->data, datum->size);

  gnutls_free (datum->data);
  for (char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_iscntrl (*p))
        *p = '?';
    }
  return text;
}

typedef int (*RawNameGetter) (gnutls_x509_crt_t  certificate,
                              gnutls_datum_t    *name);

static GBytes *
raw_name (gnutls_x509_crt_t certificate,
          RawNameGetter     get)
{
  gnutls_datum_t name = { NULL, 0 };
  GBytes *bytes;

  if (get (certificate, &name) < 0)
    return NULL;
  bytes = g_bytes_new (name.data, name.size);
  gnutls_free (name.data);
  return bytes;
}

/**
 * ecert_x509_get_raw_subject:
 *
 * The subject's name as encoded in the certificate, which GnuTLS compares
 * byte for byte with an issuer's name when it checks a chain.
 *
 * Returns: (transfer full) (nullable): the DER of the subject's name, or
 *   %NULL when it cannot be read
 */
GBytes *
ecert_x509_get_raw_subject (gnutls_x509_crt_t certificate)
{
  return raw_name (certificate, gnutls_x509_crt_get_raw_dn);
}

/**
 * ecert_x509_get_raw_issuer:
 *
 * Returns: (transfer full) (nullable): the DER of the issuer's name, or
 *   %NULL when it cannot be read
 */
GBytes *
ecert_x509_get_raw_issuer (gnutls_x509_crt_t certificate)
{
  return raw_name (certificate, gnutls_x509_crt_get_raw_issuer_dn);
}

char *
ecert_x509_get_subject (gnutls_x509_crt_t certificate)
{
  gnutls_datum_t dn = { NULL, 0 };

  if (gnutls_x509_crt_get_dn3 (certificate, &dn, 0) < 0)
    return g_strdup ("?");
  return datum_to_string (&dn);
}

char *
ecert_x509_get_issuer (gnutls_x509_crt_t certificate)
{
  gnutls_datum_t dn = { NULL, 0 };

  if (gnutls_x509_crt_get_issuer_dn3 (certificate, &dn, 0) < 0)
    return g_strdup ("?");
  return datum_to_string (&dn);
}

char *
ecert_x509_get_serial (gnutls_x509_crt_t certificate)
{
  guint8 serial[64];
  size_t size = sizeof serial;
  GString *hex;

  if (gnutls_x509_crt_get_serial (certificate, serial, &size) < 0)
    return g_strdup ("?");

  hex = g_string_new (NULL);
  for (size_t i = 0; i < size; i++)
    g_string_append_printf (hex, i == 0 ? "%02X" : ":%02X", serial[i]);
  return g_string_free (hex, FALSE);
}

GDateTime *
ecert_x509_get_not_before (gnutls_x509_crt_t certificate)
{
  time_t when = gnutls_x509_crt_get_activation_time (certificate);

  return when == (time_t) -1 ? NULL : g_date_time_new_from_unix_utc (when);
}

GDateTime *
ecert_x509_get_not_after (gnutls_x509_crt_t certificate)
{
  time_t when = gnutls_x509_crt_get_expiration_time (certificate);

  return when == (time_t) -1 ? NULL : g_date_time_new_from_unix_utc (when);
}

/**
 * ecert_x509_valid_at:
 *
 * GnuTLS verifies chains only at the present moment; certificates are
 * judged at the time they were issued, so validity windows are checked here.
 *
 * Returns: %TRUE when @when falls within the certificate's validity window
 */
gboolean
ecert_x509_valid_at (gnutls_x509_crt_t  certificate,
                     GDateTime         *when)
{
  time_t not_before = gnutls_x509_crt_get_activation_time (certificate);
  time_t not_after = gnutls_x509_crt_get_expiration_time (certificate);
  gint64 moment = g_date_time_to_unix (when);

  if (not_before == (time_t) -1 || not_after == (time_t) -1)
    return FALSE;

  return moment >= (gint64) not_before && moment <= (gint64) not_after;
}

/* A stable, unique file name for an anchor: its SHA-256 fingerprint. */
char *
ecert_x509_get_fingerprint_name (gnutls_x509_crt_t certificate)
{
  guint8 digest[32];
  size_t size = sizeof digest;
  GString *name = g_string_new (NULL);

  if (gnutls_x509_crt_get_fingerprint (certificate, GNUTLS_DIG_SHA256, digest, &size) < 0)
    size = 0;

  for (size_t i = 0; i < MIN (size, 16); i++)
    g_string_append_printf (name, "%02x", digest[i]);
  g_string_append (name, ".pem");
  return g_string_free (name, FALSE);
}

char *
ecert_x509_der_to_pem (GBytes *der)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (der, &length);
  g_autofree char *base64 = g_base64_encode (data, length);
  GString *pem = g_string_new ("-----BEGIN CERTIFICATE-----\n");
  gsize total = strlen (base64);

  for (gsize i = 0; i < total; i += 64)
    {
      g_string_append_len (pem, base64 + i, MIN (64, total - i));
      g_string_append_c (pem, '\n');
    }
  g_string_append (pem, "-----END CERTIFICATE-----\n");
  return g_string_free (pem, FALSE);
}
