/* ecert-cli-inquiry.c: `ecert inquiry`, inquiries about certificates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ecert-cli-commands.h"
#include "ecert-cli-common.h"
#include "ecert-cli-connection.h"

/* Replies are listed and shown with this before their row, outbox
 * entries with nothing. */
#define REPLY_PREFIX "R"

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
} Wait;

static void
flush_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = ecert_outbox_flush_finish (ECERT_OUTBOX (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

/**
 * ecert_cli_inquiry_flush:
 * @progress: (out) (optional): what the flush did
 *
 * Sends what is queued for @client's hub and refreshes the tracking of
 * what was sent, at once: a person asked for it, so pauses after earlier
 * failures are not waited out.
 *
 * Returns: %FALSE with @error set when the hub could not be reached
 */
gboolean
ecert_cli_inquiry_flush (EcertHubClient       *client,
                         EcertCache           *cache,
                         EcertOutboxProgress  *progress,
                         GError              **error)
{
  g_autoptr(EcertOutbox) outbox = ecert_outbox_new (client, cache);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait wait = { loop, FALSE, NULL };

  ecert_outbox_set_use_backoff (outbox, FALSE);
  ecert_outbox_flush_async (outbox, NULL, flush_done, &wait);
  g_main_loop_run (loop);

  if (progress != NULL)
    *progress = *ecert_outbox_get_progress (outbox);
  if (!wait.ok)
    g_propagate_error (error, wait.error);
  return wait.ok;
}

static const char *
state_label (const EcertCacheOutboxItem *item)
{
  switch (item->state)
    {
    case ECERT_CACHE_OUTBOX_SENT:
      /* Translators: an inquiry the hub accepted */
      return _("sent");
    case ECERT_CACHE_OUTBOX_FAILED:
      /* Translators: an inquiry the hub refused */
      return _("refused");
    case ECERT_CACHE_OUTBOX_SENDING:
      /* Translators: an inquiry whose sending was interrupted; the hub's
       * tracking will be asked before it is sent again */
      return _("unconfirmed");
    case ECERT_CACHE_OUTBOX_QUEUED:
    default:
      /* Translators: an inquiry waiting to be sent */
      return _("queued");
    }
}

/* The hub's tracking state in words, with its message when it has one. */
static char *
describe_tracking (const char *hub_tracking,
                   const char *hub_message)
{
  const char *label;

  switch (ecert_tracking_info_from_string (hub_tracking))
    {
    case ECERT_TRACKING_INFO_PENDING_DELIVERY:
      label = _("pending delivery");
      break;
    case ECERT_TRACKING_INFO_DELIVERED:
      label = _("delivered");
      break;
    case ECERT_TRACKING_INFO_DELIVERED_WITH_WARNINGS:
      label = _("delivered with warnings");
      break;
    case ECERT_TRACKING_INFO_DELIVERED_NOT_READABLE:
      label = _("delivered, not readable");
      break;
    case ECERT_TRACKING_INFO_FAILED_DELIVERY:
      label = _("delivery failed");
      break;
    case ECERT_TRACKING_INFO_ENVELOPE_NOT_EXISTS:
      label = _("unknown to the hub");
      break;
    case ECERT_TRACKING_INFO_UNKNOWN:
    default:
      return g_strdup ("");
    }

  return hub_message != NULL ? g_strdup_printf ("%s: %s", label, hub_message) : g_strdup (label);
}

static const char *
status_label (int status)
{
  g_autofree char *code = g_strdup_printf ("%d", status);
  const char *label = ecert_codes_acknowledgement_status_label (code);

  return label != NULL ? label : "";
}

/* Fields an inquiry leaves out are not printed. */
static void
print_field (const char *label,
             const char *value)
{
  if (value != NULL && value[0] != '\0')
    ecert_cli_print_field (label, value);
}

/* list */

static int
run_list (EcertCache *cache)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outbox = ecert_cache_list_outbox (cache, FALSE, &error);
  g_autoptr(GPtrArray) replies = NULL;

  if (outbox != NULL)
    replies = ecert_cache_list_responses (cache, NULL, NULL, &error);
  if (replies == NULL)
    return ecert_cli_report_error ("inquiry", error);

  for (guint i = 0; i < outbox->len; i++)
    {
      const EcertCacheOutboxItem *item = outbox->pdata[i];
      g_autofree char *tracking = describe_tracking (item->hub_tracking, item->hub_message);
      g_autofree char *shown_tracking = ecert_text_sanitize (tracking, ECERT_TEXT_ONE_LINE);
      g_autofree char *number = ecert_text_sanitize (item->certificate_number != NULL
                                                     ? item->certificate_number : "",
                                                     ECERT_TEXT_ONE_LINE);

      /* Not translated: columns for scripts, words after them. A tab or a
       * line break in the hub's text would make columns of its own. */
      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\n", item->id, state_label (item), number,
               item->export_country != NULL ? item->export_country : "", shown_tracking);
    }

  for (guint i = 0; i < replies->len; i++)
    {
      const EcertCacheResponse *reply = replies->pdata[i];
      g_autofree char *number = ecert_text_sanitize (reply->certificate_number,
                                                     ECERT_TEXT_ONE_LINE);
      g_autofree char *country = ecert_text_sanitize (reply->export_country != NULL
                                                      ? reply->export_country : "",
                                                      ECERT_TEXT_ONE_LINE);

      g_print (REPLY_PREFIX "%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%d %s\n", reply->id,
               /* Translators: a reply received from the hub */
               _("received"), number, country, reply->status_code,
               status_label (reply->status_code));
    }

  return ECERT_EXIT_OK;
}

/* show */

static void
print_inquiry (EcertInquiry *inquiry)
{
  GPtrArray *reasons = ecert_inquiry_get_reasons (inquiry);
  GPtrArray *attachments = ecert_inquiry_get_attachments (inquiry);
  EcertInquiryMeasure measures = ecert_inquiry_get_measures (inquiry);
  g_autoptr(GString) measure_text = g_string_new (NULL);
  g_autofree char *status = g_strdup_printf ("%u %s", ecert_inquiry_get_status (inquiry),
                                             status_label ((int) ecert_inquiry_get_status (inquiry)));
  g_autofree char *issued = NULL;

  for (guint bit = 0; bit < 32; bit++)
    {
      const char *code = ecert_inquiry_measure_to_code ((EcertInquiryMeasure) (1u << bit));

      if ((measures & (1u << bit)) == 0 || code == NULL)
        continue;
      if (measure_text->len > 0)
        g_string_append (measure_text, ", ");
      g_string_append (measure_text, ecert_codes_border_measure_label (code));
    }
  if (ecert_inquiry_get_issued_at (inquiry) != NULL)
    issued = g_date_time_format_iso8601 (ecert_inquiry_get_issued_at (inquiry));

  print_field (_("Certificate"), ecert_inquiry_get_certificate_number (inquiry));
  print_field (_("Exporting country"), ecert_inquiry_get_export_country (inquiry));
  print_field (_("Status"), status);
  print_field (_("Measures"), measure_text->str);
  for (guint i = 0; i < reasons->len; i++)
    {
      const EcertInquiryReason *reason = reasons->pdata[i];
      const char *language = ecert_codes_language_name (reason->language);
      g_autofree char *label = g_strdup_printf (_("Reason (%s)"),
                                                language != NULL ? language : reason->language);

      print_field (label, reason->text);
    }
  print_field (_("Inspector"), ecert_inquiry_get_inspector_name (inquiry));
  print_field (_("Location"), ecert_inquiry_get_inspection_location (inquiry));
  print_field (_("Date"), issued);
  for (guint i = 0; i < attachments->len; i++)
    {
      const EcertInquiryAttachment *attachment = attachments->pdata[i];
      g_autofree char *size = g_format_size (g_bytes_get_size (attachment->data));
      g_autofree char *text = g_strdup_printf ("%s (%s, %s)", attachment->filename,
                                               attachment->content_type, size);

      print_field (_("Attachment"), text);
    }
}

static EcertInquiry *
read_document (GBytes  *document,
               GError **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (document, &size);

  return ecert_inquiry_new_from_xml (data, size, error);
}

static int
show_reply (EcertCache *cache,
            gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) replies = ecert_cache_list_responses (cache, NULL, NULL, &error);
  g_autoptr(EcertInquiry) inquiry = NULL;
  const EcertCacheResponse *reply = NULL;
  g_autofree char *received = NULL;

  for (guint i = 0; replies != NULL && i < replies->len; i++)
    if (((EcertCacheResponse *) replies->pdata[i])->id == id)
      reply = replies->pdata[i];

  if (reply == NULL)
    {
      /* gettext cannot see through G_GINT64_FORMAT: the number goes in as text. */
      g_autofree char *name = g_strdup_printf (REPLY_PREFIX "%" G_GINT64_FORMAT, id);

      g_printerr (_("ecert inquiry: there is no reply %s\n"), name);
      return ECERT_EXIT_USAGE_OR_INPUT;
    }

  inquiry = read_document (reply->document, &error);
  if (inquiry == NULL)
    return ecert_cli_report_error ("inquiry", error);

  received = g_date_time_format_iso8601 (reply->received_at);
  print_field (_("From"), reply->sender);
  print_field (_("Received"), received);
  print_inquiry (inquiry);
  return ECERT_EXIT_OK;
}

static int
show_entry (EcertCache *cache,
            gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertCacheOutboxItem) item = ecert_cache_get_outbox_item (cache, id, &error);
  g_autoptr(EcertInquiry) inquiry = NULL;
  g_autofree char *tracking = NULL;

  if (item != NULL)
    inquiry = read_document (item->document, &error);
  if (inquiry == NULL)
    return ecert_cli_report_error ("inquiry", error);

  tracking = describe_tracking (item->hub_tracking, item->hub_message);
  print_field (_("State"), state_label (item));
  print_field (_("Hub"), item->hub_url);
  print_field (_("Tracking number"), item->tracking_number);
  print_field (_("Tracking"), tracking);
  print_field (_("Last error"), item->last_error);
  print_inquiry (inquiry);
  return ECERT_EXIT_OK;
}

static int
run_show (EcertCache *cache,
          const char *text)
{
  gboolean reply = g_str_has_prefix (text, REPLY_PREFIX);
  guint64 id;

  if (!g_ascii_string_to_unsigned (reply ? text + strlen (REPLY_PREFIX) : text, 10, 1,
                                   G_MAXINT64, &id, NULL))
    return ecert_cli_usage_error (_("ecert inquiry: “%s” is not an inquiry number as “ecert "
                                    "inquiry list” shows them\n"), text);

  return reply ? show_reply (cache, (gint64) id) : show_entry (cache, (gint64) id);
}

/* send */

typedef struct
{
  char  *certificate;
  char  *export_country;
  char  *type;
  int    status;
  char **measures;
  char  *text;
  char  *language;
  char **attachments;
  char  *inspector;
  char  *location;
} SendOptions;

static void
send_options_clear (SendOptions *options)
{
  g_free (options->certificate);
  g_free (options->export_country);
  g_free (options->type);
  g_strfreev (options->measures);
  g_free (options->text);
  g_free (options->language);
  g_strfreev (options->attachments);
  g_free (options->inspector);
  g_free (options->location);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SendOptions, send_options_clear)

/* The certificate as the cache knows it: its row, type and countries. */
static EcertCacheRow *
find_certificate (EcertCache   *cache,
                  SendOptions  *options,
                  GError      **error)
{
  g_autoptr(GPtrArray) rows = ecert_cache_lookup_number (cache, options->certificate,
                                                         options->export_country, error);

  if (rows == NULL || rows->len == 0)
    return NULL;

  return g_object_ref (rows->pdata[0]);
}

static gboolean
fill_inquiry (EcertInquiry   *inquiry,
              SendOptions    *options,
              EcertCacheRow  *row,
              GError        **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  EcertInquiryMeasure measures = ECERT_INQUIRY_MEASURE_NONE;
  const char *import_country = row != NULL ? ecert_cache_row_get_import_country (row) : NULL;
  const char *location = options->location;

  for (guint i = 0; options->measures != NULL && options->measures[i] != NULL; i++)
    {
      EcertInquiryMeasure measure = ecert_inquiry_measure_from_code (options->measures[i]);

      if (measure == ECERT_INQUIRY_MEASURE_NONE)
        {
          g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a measure; use released, detained, re-export, "
                         "destruction, treatment, sampled or refused-entry"),
                       options->measures[i]);
          return FALSE;
        }
      measures |= measure;
    }

  if (location == NULL && import_country != NULL)
    location = ecert_country_get_name (import_country);

  ecert_inquiry_set_certificate_number (inquiry, options->certificate);
  ecert_inquiry_set_export_country (inquiry, options->export_country != NULL
                                             ? options->export_country
                                             : row != NULL ? ecert_cache_row_get_export_country (row)
                                                           : NULL);
  ecert_inquiry_set_certificate_type (inquiry, options->type != NULL
                                               ? options->type
                                               : row != NULL && ecert_cache_row_get_type_code (row)
                                                 ? ecert_cache_row_get_type_code (row) : "851");
  ecert_inquiry_set_status (inquiry, (guint) MAX (options->status, 0));
  ecert_inquiry_set_measures (inquiry, measures);
  if (options->text != NULL)
    ecert_inquiry_set_reason (inquiry, options->language != NULL ? options->language : "en",
                              options->text);
  ecert_inquiry_set_inspector_name (inquiry, options->inspector != NULL ? options->inspector
                                                                        : g_get_real_name ());
  ecert_inquiry_set_inspection_location (inquiry, location);
  ecert_inquiry_set_issued_at (inquiry, now);

  for (guint i = 0; options->attachments != NULL && options->attachments[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (options->attachments[i]);

      if (!ecert_inquiry_add_attachment_file (inquiry, file, NULL, error))
        return FALSE;
    }

  return TRUE;
}

static void
print_problems (EcertInquiry *inquiry)
{
  GPtrArray *problems = ecert_inquiry_get_problems (inquiry);

  for (guint i = 0; i < problems->len; i++)
    g_printerr ("ecert inquiry: %s\n", ((EcertInquiryProblem *) problems->pdata[i])->message);
}

/* What became of the new entry, in one line. */
static int
report_entry (EcertCache  *cache,
              gint64       id,
              GError      *unreachable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertCacheOutboxItem) item = ecert_cache_get_outbox_item (cache, id, &error);
  g_autofree char *tracking = NULL;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  if (item == NULL)
    return ecert_cli_report_error ("inquiry", error);

  switch (item->state)
    {
    case ECERT_CACHE_OUTBOX_SENT:
      tracking = describe_tracking (item->hub_tracking, item->hub_message);
      /* Translators: the inquiry's number, the hub's tracking number, its tracking state */
      g_print (_("Inquiry %s sent: tracking number %s, %s\n"), number, item->tracking_number,
               tracking);
      return ECERT_EXIT_OK;

    case ECERT_CACHE_OUTBOX_FAILED:
      g_printerr (_("ecert inquiry: the hub refused inquiry %s: %s\n"), number, item->last_error);
      return ECERT_EXIT_NEGATIVE;

    case ECERT_CACHE_OUTBOX_QUEUED:
    case ECERT_CACHE_OUTBOX_SENDING:
    default:
      g_print (_("Inquiry %s is queued and will be sent when the hub can be reached: %s\n"),
               number, unreachable != NULL ? unreachable->message : _("not tried yet"));
      return ECERT_EXIT_OK;
    }
}

static int
run_send (EcertCache         *cache,
          EcertCliConnection *connection,
          SendOptions        *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) unreachable = NULL;
  g_autoptr(EcertCacheRow) row = NULL;
  g_autoptr(EcertInquiry) inquiry = ecert_inquiry_new ();
  g_autoptr(EcertHubClient) client = NULL;
  g_autoptr(EcertOutbox) outbox = NULL;
  gint64 id = 0;

  if (options->certificate == NULL)
    return ecert_cli_usage_error (_("ecert inquiry: name the certificate with --certificate "
                                    "NUMBER\n"));

  client = ecert_cli_connection_open (connection, &error);
  if (client == NULL)
    return ecert_cli_report_error ("inquiry", error);

  row = find_certificate (cache, options, &error);
  if (error != NULL || !fill_inquiry (inquiry, options, row, &error))
    return ecert_cli_report_error ("inquiry", error);
  if (!ecert_inquiry_is_valid (inquiry))
    {
      print_problems (inquiry);
      return ECERT_EXIT_USAGE_OR_INPUT;
    }

  /* Queued first: whatever happens to the sending, the inquiry is kept. */
  outbox = ecert_outbox_new (client, cache);
  if (!ecert_outbox_queue (outbox, inquiry, row, 0, &id, &error))
    return ecert_cli_report_error ("inquiry", error);

  ecert_cli_inquiry_flush (client, cache, NULL, &unreachable);
  return report_entry (cache, id, unreachable);
}

static int
run_deliver (EcertCache         *cache,
             EcertCliConnection *connection)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertHubClient) client = ecert_cli_connection_open (connection, &error);
  EcertOutboxProgress progress;

  if (client == NULL)
    return ecert_cli_report_error ("inquiry", error);

  if (!ecert_cli_inquiry_flush (client, cache, &progress, &error))
    {
      g_print (_("%u inquiries sent; the others stay queued: %s\n"), progress.sent,
               error->message);
      return ECERT_EXIT_OK;
    }

  /* Translators: counts of inquiries sent now, found already delivered by an earlier attempt,
   * refused by the hub, and of tracking states asked */
  g_print (_("%u sent, %u found already at the hub, %u refused, %u tracking states updated\n"),
           progress.sent, progress.found, progress.refused, progress.tracked);
  return progress.refused > 0 ? ECERT_EXIT_NEGATIVE : ECERT_EXIT_OK;
}

static void
usage (void)
{
  g_printerr (_("ecert inquiry: usage: ecert inquiry list | show ID | send --certificate NUMBER "
                "--status CODE --measure MEASURE --text TEXT [--attach FILE] | deliver\n"));
}

int
ecert_cli_inquiry (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("list | show ID | send | deliver"));
  g_auto(EcertCliConnection) connection = { 0 };
  g_auto(SendOptions) options = { 0 };
  g_autofree char *cache_path = NULL;
  g_autoptr(EcertCache) cache = NULL;
  const char *action;
  const GOptionEntry entries[] = {
    { "certificate", 0, 0, G_OPTION_ARG_STRING, &options.certificate,
      N_("send: the number of the certificate the inquiry is about"), N_("NUMBER") },
    { "export-country", 0, 0, G_OPTION_ARG_STRING, &options.export_country,
      N_("send: the country that issued it (default: as the cache knows it)"), N_("CC") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &options.type,
      N_("send: its document type code (default: as the cache knows it, or 851)"), N_("CODE") },
    { "status", 0, 0, G_OPTION_ARG_INT, &options.status,
      N_("send: the status, a UN/CEFACT 1373 code: 1 accepted, 3 conditionally accepted, "
         "5 information only, 7 document requested, 8 rejected, 10 confirmed valid, "
         "11 not issued"), N_("CODE") },
    { "measure", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.measures,
      N_("send: a measure taken at the border: released, detained, re-export, destruction, "
         "treatment, sampled or refused-entry (repeatable)"), N_("MEASURE") },
    { "text", 0, 0, G_OPTION_ARG_STRING, &options.text,
      N_("send: the reason"), N_("TEXT") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &options.language,
      N_("send: the language of the reason, an ISO 639-1 code (default: en)"), N_("LANG") },
    { "attach", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options.attachments,
      N_("send: attach a JPEG or PNG photo or a PDF (repeatable)"), N_("FILE") },
    { "inspector", 0, 0, G_OPTION_ARG_STRING, &options.inspector,
      N_("send: the inspector’s name (default: the user’s)"), N_("NAME") },
    { "location", 0, 0, G_OPTION_ARG_STRING, &options.location,
      N_("send: where the consignment was inspected (default: the importing country)"),
      N_("PLACE") },
    ecert_cli_option (ECERT_CLI_OPTION_CACHE, &cache_path),
    G_OPTION_ENTRY_NULL
  };

  g_option_context_set_summary (context,
                                _("Inquiries about certificates and the replies to them. "
                                  "“list” shows the outbox and the replies received, “show ID” "
                                  "one of them, “send” writes an inquiry and sends it at once "
                                  "when the hub can be reached (otherwise it stays queued), "
                                  "“deliver” sends what is queued and updates the hub’s "
                                  "tracking of what was sent."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  ecert_cli_connection_add_options (&connection, context);
  if (!ecert_cli_parse_options (context, &argc, &argv))
    return ECERT_EXIT_USAGE_OR_INPUT;

  action = argc > 1 ? argv[1] : NULL;
  if (action == NULL || (g_str_equal (action, "show") ? argc != 3 : argc != 2))
    {
      usage ();
      return ECERT_EXIT_USAGE_OR_INPUT;
    }

  cache = ecert_cli_open_cache (cache_path, "inquiry");
  if (cache == NULL)
    return ECERT_EXIT_USAGE_OR_INPUT;

  if (g_str_equal (action, "list"))
    return run_list (cache);
  if (g_str_equal (action, "show"))
    return run_show (cache, argv[2]);
  if (g_str_equal (action, "send"))
    return run_send (cache, &connection, &options);
  if (g_str_equal (action, "deliver"))
    return run_deliver (cache, &connection);

  usage ();
  return ECERT_EXIT_USAGE_OR_INPUT;
}
