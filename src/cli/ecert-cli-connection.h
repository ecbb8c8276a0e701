/* ecert-cli-connection.h: the hub connection options of `ecert`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ecert-core.h"

G_BEGIN_DECLS

/**
 * EcertCliConnection:
 *
 * What the options say of the hub and this desk's identity; what they
 * leave out comes from the app's settings.
 */
typedef struct
{
  char *hub;
  char *p12;
  char *passphrase_file;
  char *cert;
  char *key;
  char *ca;
  int   deadline;   /* seconds, or 0 for the client's default */
} EcertCliConnection;

void            ecert_cli_connection_add_options (EcertCliConnection  *connection,
                                                  GOptionContext      *context);
void            ecert_cli_connection_clear       (EcertCliConnection  *connection);
EcertHubClient *ecert_cli_connection_open        (EcertCliConnection  *connection,
                                                  GError             **error);

/* ecert-cli-inquiry.c */
gboolean        ecert_cli_inquiry_flush          (EcertHubClient      *client,
                                                  EcertCache          *cache,
                                                  EcertOutboxProgress *progress,
                                                  GError             **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EcertCliConnection, ecert_cli_connection_clear)

G_END_DECLS
