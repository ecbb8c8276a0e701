/* fuzz-trust.c: the test PKI's NZ anchor, loaded once per fuzzing process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-trust.h"

EcertTrustStore *
ecert_fuzz_get_trust_store (void)
{
  static EcertTrustStore *trust = NULL;

  if (trust == NULL)
    {
      g_autofree char *path = g_build_filename (ECERT_FUZZ_PKI_DIR, "nz-root.pem", NULL);
      g_autofree char *pem = NULL;
      gsize length;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GPtrArray) added = NULL;

      if (!g_file_get_contents (path, &pem, &length, NULL))
        g_error ("Cannot read %s", path);
      bytes = g_bytes_new (pem, length);
      trust = ecert_trust_store_new_in_memory ();
      added = ecert_trust_store_add_pem (trust, "NZ", bytes, NULL);
      g_assert (added != NULL && added->len == 1);
    }

  return trust;
}
