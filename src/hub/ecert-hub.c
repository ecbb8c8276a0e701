/* ecert-hub.c: a local exchange hub speaking the ePhyto Hub interface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-hub"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "ecert-command.h"
#include "ecert-core.h"
#include "ecert-hub-mailer.h"
#include "ecert-hub-pki.h"
#include "ecert-hub-seed.h"
#include "ecert-hub-server.h"
#include "ecert-hub-store.h"

#define DEFAULT_SEED_COUNT 200
#define DEFAULT_ADDRESS "127.0.0.1"

static int run_init (int argc, char **argv);
static int run_seed (int argc, char **argv);
static int run_serve (int argc, char **argv);

static const EcertCommand commands[] = {
  { "init", N_("Make a hub in a directory: its keys, certificates and README"), run_init },
  { "seed", N_("Add realistic signed certificates to a hub"), run_seed },
  { "serve", N_("Serve a hub over HTTPS"), run_serve },
  { NULL, NULL, NULL }
};

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  return ecert_command_usage_error ("ecert-hub", context, message);
}

/* Parses a command's options; leaves the directory in *directory. */
static int
parse_command (GOptionContext  *context,
               int             *argc,
               char          ***argv,
               const char     **directory)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("ecert-hub: %s\n", error->message);
      return 2;
    }

  if (*argc != 2)
    return usage_error (context, *argc < 2 ? _("name the hub’s directory")
                                           : _("give one directory only"));

  *directory = (*argv)[1];
  return 0;
}

/* Every command works on the hub in a directory, named after its options. */
static GOptionContext *
command_context (const char         *summary,
                 const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (_("DIR"));

  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

static EcertHubStore *
open_store (const char  *directory,
            GError     **error)
{
  g_autofree char *path = g_build_filename (directory, "hub.db", NULL);

  return ecert_hub_store_open (path, error);
}

static int
run_init (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context =
    command_context (_("Make a hub in DIR: a demonstration PKI (the hub’s CA and server "
                       "certificate, client certificates for NPPO desks, a signing CA and "
                       "signer per exporting NPPO) and an empty store. DIR/README describes "
                       "every file."), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertHubStore) store = NULL;
  const char *directory = NULL;
  int status;

  status = parse_command (context, &argc, &argv, &directory);
  if (status != 0)
    return status;

  if (!ecert_hub_pki_create (directory, &error) ||
      (store = open_store (directory, &error)) == NULL)
    {
      g_printerr ("ecert-hub: %s\n", error->message);
      return 1;
    }

  g_print (_("Made a hub in %s; its files are described in %s/README.\n"), directory, directory);
  return 0;
}

static int
run_seed (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertHubStore) store = NULL;
  const char *directory = NULL;
  EcertHubSeedSummary summary;
  int count = DEFAULT_SEED_COUNT;
  int seed = 1;
  int status;
  const GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &count, N_("How many envelopes to add (default 200)"),
      N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed,
      N_("Draw the certificates from this seed: the same seed, the same certificates"),
      N_("SEED") },
    G_OPTION_ENTRY_NULL
  };

  context = command_context (_("Add envelopes to the hub in DIR, pending delivery: "
                               "phytosanitary certificates from many exporting countries, most "
                               "to the importing country of the demonstration, signed by their "
                               "NPPOs; some withdrawn, replaced, unsigned or altered after "
                               "signing."), entries);

  status = parse_command (context, &argc, &argv, &directory);
  if (status != 0)
    return status;

  if (count < 0)
    return usage_error (context, _("--count cannot be negative"));

  if (!ecert_hub_pki_exists (directory))
    {
      g_printerr (_("ecert-hub: %s holds no hub; make one with “ecert-hub init %s”\n"), directory,
                  directory);
      return 1;
    }

  store = open_store (directory, &error);
  if (store == NULL ||
      !ecert_hub_seed (directory, store, (guint) count, (guint32) seed, &summary, &error))
    {
      g_printerr ("ecert-hub: %s\n", error->message);
      return 1;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Added %u envelope to %s:\n",
                        "Added %u envelopes to %s:\n", summary.total),
           summary.total, directory);
  g_print (_("  signed: %u (altered after signing: %u), unsigned: %u\n"), summary.signed_count,
           summary.tampered, summary.unsigned_count);
  g_print (_("  withdrawals: %u, replacements: %u, with attachments: %u\n"), summary.withdrawals,
           summary.replacements, summary.attachments);
  g_print (_("  content as base64: %u, addressed to other countries than %s: %u\n"),
           summary.base64, ECERT_HUB_DEMO_IMPORTER, summary.other_importers);
  return 0;
}

typedef struct
{
  EcertHubMailer *mailer;
  EcertHubStore  *store;
} Mailing;

/* Mails what arrived since the last round: seeded, or delivered by a
 * partner through the SOAP interface. */
static gboolean
mail_pending_cb (gpointer user_data)
{
  Mailing *mailing = user_data;
  g_autoptr(GError) error = NULL;
  guint sent = 0;

  if (!ecert_hub_mailer_send_pending (mailing->mailer, mailing->store, &sent, &error))
    g_printerr ("ecert-hub: %s\n", error->message);
  else if (sent > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "ecert-hub: mailed %u certificate\n",
                             "ecert-hub: mailed %u certificates\n", sent), sent);
  return G_SOURCE_CONTINUE;
}

static int
run_serve (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertHubStore) store = NULL;
  g_autoptr(EcertHubServer) server = NULL;
  g_autofree char *address = NULL;
  g_autofree char *url = NULL;
  g_autofree char *mail_to = NULL;
  g_autofree char *mail_country = NULL;
  g_autoptr(EcertHubMailer) mailer = NULL;
  Mailing mailing = { 0 };
  guint mail_id = 0;
  const char *directory = NULL;
  EcertHubServerOptions options = { 0 };
  int port = 0;
  int latency = 0;
  int auto_reply = 0;
  int status;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      N_("Listen on this port (default: any free one, printed at start)"), N_("PORT") },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address,
      N_("Listen on this IP address (default 127.0.0.1: this machine only)"), N_("ADDRESS") },
    { "latency", 0, 0, G_OPTION_ARG_INT, &latency,
      N_("Hold every reply back this many milliseconds, like a slow link (default 0)"),
      N_("MILLISECONDS") },
    { "auto-reply", 0, 0, G_OPTION_ARG_INT, &auto_reply,
      N_("Answer each inquiry this many seconds after it arrives, as the NPPO it is addressed "
         "to: the certificate confirmed when this hub carried it, denied otherwise (default: "
         "never)"), N_("SECONDS") },
    { "validate", 0, 0, G_OPTION_ARG_NONE, &options.validate,
      N_("Check every request and reply against the WSDL’s schemas; report departures on "
         "standard error"), NULL },
    { "mail-to", 0, 0, G_OPTION_ARG_STRING, &mail_to,
      N_("Also push each certificate addressed to the desk’s country as a mail into a Maildir, "
         "as partners that push by mail do; a third signed with S/MIME detached, a third "
         "opaque"), N_("maildir:DIR") },
    { "mail-country", 0, 0, G_OPTION_ARG_STRING, &mail_country,
      N_("The country whose certificates are mailed (default: the demonstration’s importer)"),
      N_("CC") },
    G_OPTION_ENTRY_NULL
  };

  context = command_context (_("Serve the hub in DIR over HTTPS, with the ePhyto Hub’s SOAP "
                               "interface at /hub/DeliveryService. Clients need a certificate "
                               "issued by the hub’s CA; their NPPO is the certificate’s "
                               "country."), entries);

  status = parse_command (context, &argc, &argv, &directory);
  if (status != 0)
    return status;

  if (port < 0 || port > 65535)
    return usage_error (context, _("--port must be between 0 and 65535"));
  if (latency < 0 || latency > 600000)
    return usage_error (context, _("--latency must be between 0 and 600000 milliseconds"));
  if (auto_reply < 0 || auto_reply > 86400)
    return usage_error (context, _("--auto-reply must be between 0 and 86400 seconds"));

  options.latency_ms = (guint) latency;
  options.auto_reply_seconds = (guint) auto_reply;
  if ((store = open_store (directory, &error)) == NULL ||
      (server = ecert_hub_server_new (directory, store, &options, &error)) == NULL)
    {
      g_printerr ("ecert-hub: %s\n", error->message);
      return 1;
    }

  if (!ecert_hub_server_listen (server, address != NULL ? address : DEFAULT_ADDRESS,
                                (guint) port, &error))
    {
      g_printerr ("ecert-hub: %s\n", error->message);
      return 1;
    }

  if (mail_to != NULL)
    {
      mailer = ecert_hub_mailer_new (directory, mail_to,
                                     mail_country != NULL ? mail_country : ECERT_HUB_DEMO_IMPORTER,
                                     &error);
      if (mailer == NULL)
        return usage_error (context, error->message);
      mailing.mailer = mailer;
      mailing.store = store;
      mail_pending_cb (&mailing);
      mail_id = g_timeout_add_seconds (1, mail_pending_cb, &mailing);
    }

  url = ecert_hub_server_get_url (server);
  /* Scripts read the address from this line. */
  g_print (_("Serving %s at %s\n"), directory, url);
  fflush (stdout);

  ecert_command_run_until_signal ();
  if (mail_id != 0)
    g_source_remove (mail_id);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  return ecert_command_main ("ecert-hub", N_("COMMAND DIR [OPTION…]"),
                             N_("A local certificate exchange hub for training, demonstrations "
                               "and tests. It is not meant for production exchange."),
                             commands, argc, argv);
}
