/* ecert-i18n.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-i18n"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "ecert-i18n.h"

/**
 * ecert_i18n_init:
 *
 * Sets up the locale and the message catalogue for every program of the
 * project. ECERT_LOCALEDIR points at uninstalled catalogues (the build tree),
 * so translations can be tried and tested before installing.
 */
void
ecert_i18n_init (void)
{
  const char *localedir = g_getenv ("ECERT_LOCALEDIR");

  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
