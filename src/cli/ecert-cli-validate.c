/* ecert-cli-validate.c: `ecert validate`, schema findings for certificates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-cli-commands.h"
#include "ecert-cli-common.h"

/* Returns the exit status for one file. */
static int
validate_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertCertificate) certificate = ecert_cli_load_certificate (path, &error);
  g_autoptr(GPtrArray) findings = NULL;

  if (certificate == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return ECERT_EXIT_USAGE_OR_INPUT;
    }

  if (!ecert_schema_validate_certificate (ecert_certificate_get_document (certificate),
                                          &findings, &error))
    {
      g_printerr ("%s: %s\n", path, error->message);
      return ECERT_EXIT_USAGE_OR_INPUT;
    }

  for (guint i = 0; i < findings->len; i++)
    {
      EcertSchemaFinding *finding = g_ptr_array_index (findings, i);
      /* libxml2 quotes the document's values in its messages. */
      g_autofree char *message = ecert_text_sanitize (finding->message, ECERT_TEXT_ONE_LINE);

      g_print ("%s:%u: %s\n", path, finding->line, message);
    }

  if (findings->len > 0)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "%s: not schema-valid, %u finding\n",
                            "%s: not schema-valid, %u findings\n", findings->len),
               path, findings->len);
      return ECERT_EXIT_NEGATIVE;
    }

  g_print (_("%s: schema-valid\n"), path);
  return ECERT_EXIT_OK;
}

int
ecert_cli_validate (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE…"));
  int status = ECERT_EXIT_OK;

  g_option_context_set_summary (context,
                                _("Check certificates against the SPS certificate schema of the "
                                  "ePhyto Hub. Exits with 1 when a file is not schema-valid, "
                                  "2 when a file cannot be read or is not a certificate."));
  if (!ecert_cli_parse_options (context, &argc, &argv))
    return ECERT_EXIT_USAGE_OR_INPUT;

  if (argc < 2)
    return ecert_cli_usage_error (_("ecert validate: name the certificate files to check\n"));

  for (int i = 1; i < argc; i++)
    {
      int file_status = validate_file (argv[i]);

      status = MAX (status, file_status);
    }

  return status;
}
