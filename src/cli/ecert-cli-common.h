/* ecert-cli-common.h: what the commands of `ecert` share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ecert-core.h"

G_BEGIN_DECLS

/* Exit statuses scripts can rely on. */
enum {
  ECERT_EXIT_OK = 0,
  ECERT_EXIT_NEGATIVE = 1,      /* the command ran; the answer is "no" */
  ECERT_EXIT_USAGE_OR_INPUT = 2 /* bad usage, unreadable or unparsable input */
};

/* Options several commands take: see ecert_cli_option(). */
typedef enum
{
  ECERT_CLI_OPTION_CACHE,     /* --cache FILE */
  ECERT_CLI_OPTION_TRUST_DIR, /* --trust-dir DIR */
  ECERT_CLI_OPTION_TRUST,     /* --trust CC=FILE, repeated */
} EcertCliOption;

GBytes           *ecert_cli_read_document       (const char  *path,
                                                 GError     **error);
EcertCertificate *ecert_cli_load_certificate    (const char  *path,
                                                 GError     **error);
GBytes           *ecert_cli_read_file           (const char  *path,
                                                 GError     **error);
char             *ecert_cli_join_words          (char       **words);
void              ecert_cli_print_safely        (void);
void              ecert_cli_print_terminal_control (const char *sequence);
gboolean          ecert_cli_add_trust_options   (EcertTrustStore  *trust,
                                                 char            **options,
                                                 GError          **error);
EcertTrustStore  *ecert_cli_open_trust_store    (const char  *trust_dir,
                                                 char       **trust_options,
                                                 GError     **error);
gboolean          ecert_cli_parse_options       (GOptionContext  *context,
                                                 int             *argc,
                                                 char          ***argv);
gboolean          ecert_cli_parse_command       (GOptionContext      *context,
                                                 const char          *summary,
                                                 const GOptionEntry  *entries,
                                                 int                 *argc,
                                                 char              ***argv);
int               ecert_cli_report_error        (const char      *command,
                                                 const GError    *error);
int               ecert_cli_usage_error         (const char      *format,
                                                 ...) G_GNUC_PRINTF (1, 2);
GOptionEntry      ecert_cli_option              (EcertCliOption   option,
                                                 gpointer         arg_data);
EcertCache       *ecert_cli_open_cache          (const char      *path,
                                                 const char      *command);

/* The layout of `ecert show`, in ecert-cli-show.c, shared with `ecert get`. */
void              ecert_cli_print_certificate   (EcertCertificate *certificate);
void              ecert_cli_print_heading       (const char       *heading);
glong             ecert_cli_display_width       (const char       *text);
void              ecert_cli_print_field         (const char       *label,
                                                 const char       *value);

G_END_DECLS
