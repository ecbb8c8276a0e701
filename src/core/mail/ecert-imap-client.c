/* ecert-imap-client.c: the part of IMAP (RFC 3501) that takes pushed mail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The desk reads a folder of pushed certificates: it lists the messages
 * nobody has read, fetches each without marking it read (BODY.PEEK), and
 * only once the message's certificates are stored marks it read, with a
 * keyword saying what became of it, or moves it to another folder. A desk
 * stopped at any moment thus reads again what it had not finished, and
 * nothing it has not stored ever looks done. (libcurl's IMAP fetch marks a
 * message read as it downloads it, which is why this speaks IMAP itself.)
 *
 * Blocking: every call is made from a worker thread. The server is not
 * trusted either: lines and literals are bounded, and an answer we cannot
 * read is an error, never a guess.
 */

#define G_LOG_DOMAIN "ecert-imap"

#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ecert-error.h"
#include "ecert-imap-client.h"
#include "ecert-tls.h"

/* The longest line, literals aside, that we read: a SEARCH answer for a
 * hundred thousand messages fits. */
#define MAX_LINE_LENGTH (1024 * 1024)
/* A server that does not answer within this is treated as gone. */
#define TIMEOUT_SECONDS 60

struct _EcertImapClient
{
  GObject                parent_instance;

  EcertImapAccount      *account;
  GCancellable          *cancellable;
  GSocketConnection     *socket;
  GIOStream             *stream;
  GBufferedInputStream  *input;
  GOutputStream         *output;
  guint                  tag;
  gboolean               refused;       /* the last command's answer was NO or BAD */
  char                  *capabilities;
};

G_DEFINE_FINAL_TYPE (EcertImapClient, ecert_imap_client, G_TYPE_OBJECT)

/* Accounts ----------------------------------------------------------------- */

void
ecert_imap_account_free (EcertImapAccount *account)
{
  if (account == NULL)
    return;

  g_free (account->host);
  g_free (account->user);
  if (account->password != NULL)
    memset (account->password, 0, strlen (account->password));
  g_free (account->password);
  g_free (account->folder);
  g_free (account->move_to);
  g_free (account->ca_file);
  g_free (account);
}

EcertImapAccount *
ecert_imap_account_copy (const EcertImapAccount *account)
{
  EcertImapAccount *copy = g_new0 (EcertImapAccount, 1);

  copy->host = g_strdup (account->host);
  copy->port = account->port;
  copy->security = account->security;
  copy->user = g_strdup (account->user);
  copy->password = g_strdup (account->password);
  copy->folder = g_strdup (account->folder != NULL ? account->folder : "INBOX");
  copy->move_to = g_strdup (account->move_to);
  copy->ca_file = g_strdup (account->ca_file);
  return copy;
}

static guint16
port_of (const EcertImapAccount *account)
{
  if (account->port != 0)
    return account->port;
  return account->security == ECERT_IMAP_TLS ? 993 : 143;
}

/**
 * ecert_imap_account_describe:
 *
 * Returns: (transfer full): the folder's address as the desk names it in a
 *   certificate's provenance, e.g. "imaps://mail.example:993/INBOX"
 */
char *
ecert_imap_account_describe (const EcertImapAccount *account)
{
  return g_strdup_printf ("%s://%s:%u/%s",
                          account->security == ECERT_IMAP_TLS ? "imaps" : "imap",
                          account->host, port_of (account),
                          account->folder != NULL ? account->folder : "INBOX");
}

/* The object --------------------------------------------------------------- */

static void
ecert_imap_client_finalize (GObject *object)
{
  EcertImapClient *self = ECERT_IMAP_CLIENT (object);

  if (self->stream != NULL)
    g_io_stream_close (self->stream, NULL, NULL);
  g_clear_object (&self->input);
  g_clear_object (&self->stream);
  g_clear_object (&self->socket);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->account, ecert_imap_account_free);
  g_free (self->capabilities);

  G_OBJECT_CLASS (ecert_imap_client_parent_class)->finalize (object);
}

static void
ecert_imap_client_class_init (EcertImapClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ecert_imap_client_finalize;
}

static void
ecert_imap_client_init (EcertImapClient *self)
{
}

/* Errors ------------------------------------------------------------------- */

static gboolean
server_error (GError     **error,
              const char  *format,
              ...) G_GNUC_PRINTF (2, 3);

static gboolean
server_error (GError     **error,
              const char  *format,
              ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_MAIL_SERVER, message);
  return FALSE;
}

/* A failure to read or write: the server went away, or the network did. */
static gboolean
connection_lost (EcertImapClient  *self,
                 GError           *cause,
                 GError          **error)
{
  g_autoptr(GError) owned = cause;

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&owned));
      return FALSE;
    }

  return server_error (error, _("The connection to the mail server %s was lost: %s"),
                       self->account->host, cause->message);
}

/* Reading the server's lines ----------------------------------------------- */

/* One line, without its CRLF, no longer than the limit. */
static char *
read_line (EcertImapClient  *self,
           GError          **error)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (;;)
    {
      GError *local_error = NULL;
      int byte = g_buffered_input_stream_read_byte (self->input, self->cancellable, &local_error);

      if (byte < 0)
        {
          if (local_error == NULL)
            server_error (error, _("The mail server %s closed the connection in the middle of an answer"),
                          self->account->host);
          else
            connection_lost (self, local_error, error);
          return NULL;
        }
      if (byte == '\n')
        break;
      if (line->len >= MAX_LINE_LENGTH)
        {
          server_error (error, _("The mail server %s sent a line longer than %d bytes"),
                        self->account->host, MAX_LINE_LENGTH);
          return NULL;
        }
      g_string_append_c (line, (char) byte);
    }

  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* The size announced by a line ending in "{N}", or -1. */
static gint64
literal_size (const char *line)
{
  gsize length = strlen (line);
  const char *open;
  char *end = NULL;
  gint64 size;

  if (length < 3 || line[length - 1] != '}')
    return -1;
  open = strrchr (line, '{');
  if (open == NULL)
    return -1;

  size = g_ascii_strtoll (open + 1, &end, 10);
  if (end == open + 1 || (*end != '}' && *end != '+') || size < 0)
    return -1;
  return size;
}

/**
 * Response:
 * @text: the response's text, literals left out (their "{N}" stays)
 * @literal: (nullable): the response's last literal, e.g. a message's bytes
 */
typedef struct
{
  char   *text;
  GBytes *literal;
} Response;

static void
response_free (Response *response)
{
  g_free (response->text);
  g_clear_pointer (&response->literal, g_bytes_unref);
  g_free (response);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

static GBytes *
read_literal (EcertImapClient  *self,
              gint64            size,
              gsize             max_size,
              GError          **error)
{
  g_autofree guint8 *data = NULL;
  GError *local_error = NULL;
  gsize read = 0;

  if ((guint64) size > max_size)
    {
      server_error (error, _("The mail server %s sent %" PRId64 " bytes where at most %" PRIu64 " were expected"),
                    self->account->host, (int64_t) size, (uint64_t) max_size);
      return NULL;
    }

  data = g_malloc (size > 0 ? size : 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (self->input), data, size, &read,
                                self->cancellable, &local_error))
    {
      connection_lost (self, local_error, error);
      return NULL;
    }
  if (read < (gsize) size)
    {
      server_error (error, _("The mail server %s closed the connection in the middle of a message"),
                    self->account->host);
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&data), size);
}

/* One response: a line, and when it announces literals, each literal and
 * the rest of the line after it. */
static Response *
read_response (EcertImapClient  *self,
               gsize             max_literal,
               GError          **error)
{
  g_autoptr(Response) response = g_new0 (Response, 1);
  g_autoptr(GString) text = g_string_new (NULL);

  for (;;)
    {
      g_autofree char *line = read_line (self, error);
      gint64 size;

      if (line == NULL)
        return NULL;

      g_string_append (text, line);
      size = literal_size (line);
      if (size < 0)
        break;

      g_clear_pointer (&response->literal, g_bytes_unref);
      response->literal = read_literal (self, size, max_literal, error);
      if (response->literal == NULL)
        return NULL;
    }

  response->text = g_string_free (g_steal_pointer (&text), FALSE);
  return g_steal_pointer (&response);
}

/* Commands ----------------------------------------------------------------- */

static gboolean
send_text (EcertImapClient  *self,
           const char       *text,
           GError          **error)
{
  GError *local_error = NULL;

  if (!g_output_stream_write_all (self->output, text, strlen (text), NULL, self->cancellable,
                                  &local_error) ||
      !g_output_stream_flush (self->output, self->cancellable, &local_error))
    return connection_lost (self, local_error, error);
  return TRUE;
}

/* The tagged answer's text after "OK", "NO" or "BAD": the server's own
 * words, shown when it refuses. */
static const char *
after_status (const char *text)
{
  const char *space = strchr (text, ' ');

  return space != NULL ? space + 1 : "";
}

/**
 * run_command:
 * @command: the command without its tag, e.g. "UID SEARCH UNSEEN"
 * @untagged: (out) (element-type Response): the untagged responses
 * @continuation: (nullable): what to send when the server asks to go on
 *   ("+"), for AUTHENTICATE
 * @max_literal: the largest literal accepted in an answer
 *
 * Sends a command and reads until its tagged answer. "NO" and "BAD" are
 * errors with the server's words.
 */
static gboolean
run_command (EcertImapClient  *self,
             const char       *command,
             GPtrArray       **untagged,
             const char       *continuation,
             gsize             max_literal,
             GError          **error)
{
  g_autofree char *tag = g_strdup_printf ("E%u", ++self->tag);
  g_autofree char *line = g_strdup_printf ("%s %s\r\n", tag, command);
  g_autoptr(GPtrArray) responses = g_ptr_array_new_with_free_func ((GDestroyNotify) response_free);
  gsize tag_length = strlen (tag);

  self->refused = FALSE;
  if (!send_text (self, line, error))
    return FALSE;

  for (;;)
    {
      g_autoptr(Response) response = read_response (self, max_literal, error);

      if (response == NULL)
        return FALSE;

      if (response->text[0] == '+' && continuation != NULL)
        {
          g_autofree char *reply = g_strconcat (continuation, "\r\n", NULL);

          continuation = NULL;
          if (!send_text (self, reply, error))
            return FALSE;
          continue;
        }

      if (g_str_has_prefix (response->text, "* BYE"))
        return server_error (error, _("The mail server %s ended the session: %s"),
                             self->account->host, response->text + 5);

      if (strncmp (response->text, tag, tag_length) == 0 && response->text[tag_length] == ' ')
        {
          const char *status = response->text + tag_length + 1;

          if (g_ascii_strncasecmp (status, "OK", 2) != 0)
            {
              self->refused = TRUE;
              return server_error (error, _("The mail server %s refused: %s"),
                                   self->account->host, after_status (status));
            }
          break;
        }

      if (response->text[0] == '*')
        g_ptr_array_add (responses, g_steal_pointer (&response));
    }

  if (untagged != NULL)
    *untagged = g_steal_pointer (&responses);
  return TRUE;
}

static gboolean
simple_command (EcertImapClient  *self,
                const char       *command,
                GError          **error)
{
  return run_command (self, command, NULL, NULL, 0, error);
}

/* A folder name as an IMAP quoted string. Names outside ASCII would need
 * IMAP's modified UTF-7; they are refused rather than sent wrong. */
static char *
quoted (const char  *text,
        GError     **error)
{
  GString *result = g_string_new ("\"");

  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 || (guchar) *p >= 0x7F)
        {
          g_string_free (result, TRUE);
          g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                       _("The folder name “%s” has characters other than plain letters, digits and punctuation"),
                       text);
          return NULL;
        }
      if (*p == '"' || *p == '\\')
        g_string_append_c (result, '\\');
      g_string_append_c (result, *p);
    }

  g_string_append_c (result, '"');
  return g_string_free (result, FALSE);
}

/* Connecting --------------------------------------------------------------- */

static gboolean
use_stream (EcertImapClient *self,
            GIOStream       *stream)
{
  g_set_object (&self->stream, stream);
  g_clear_object (&self->input);
  self->input = G_BUFFERED_INPUT_STREAM (g_buffered_input_stream_new_sized (g_io_stream_get_input_stream (stream),
                                                                              64 * 1024));
  /* After STARTTLS the plain stream goes on under TLS: letting go of its
   * reader must not close it. */
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (self->input), FALSE);
  self->output = g_io_stream_get_output_stream (stream);
  return TRUE;
}

static gboolean
start_tls (EcertImapClient  *self,
           GError          **error)
{
  g_autoptr(GSocketConnectable) identity = g_network_address_new (self->account->host,
                                                                  port_of (self->account));
  g_autoptr(GIOStream) tls = NULL;
  GError *local_error = NULL;

  tls = g_tls_client_connection_new (G_IO_STREAM (self->socket), identity, &local_error);
  if (tls == NULL)
    return server_error (error, _("TLS is not available to reach %s: %s"), self->account->host,
                         local_error->message);

  if (self->account->ca_file != NULL)
    {
      g_autofree char *path = g_canonicalize_filename (self->account->ca_file, NULL);
      g_autoptr(GTlsDatabase) database = g_tls_file_database_new (path, &local_error);

      if (database == NULL)
        {
          g_autoptr(GError) owned = local_error;

          return server_error (error, _("The certificate authority file %s cannot be used: %s"),
                               self->account->ca_file, owned->message);
        }
      g_tls_connection_set_database (G_TLS_CONNECTION (tls), database);
    }

  if (!g_tls_connection_handshake (G_TLS_CONNECTION (tls), self->cancellable, &local_error))
    {
      g_autoptr(GError) owned = local_error;

      if (g_error_matches (owned, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&owned));
          return FALSE;
        }
      return server_error (error, _("The mail server %s could not be trusted: %s"),
                           self->account->host, owned->message);
    }

  if (ecert_tls_is_outdated (G_TLS_CONNECTION (tls)))
    return server_error (error, _("The mail server %s offers only TLS older than version 1.2"),
                         self->account->host);

  return use_stream (self, tls);
}

static gboolean
read_greeting (EcertImapClient  *self,
               GError          **error)
{
  g_autoptr(Response) greeting = read_response (self, 0, error);

  if (greeting == NULL)
    return FALSE;
  if (!g_str_has_prefix (greeting->text, "* OK") && !g_str_has_prefix (greeting->text, "* PREAUTH"))
    return server_error (error, _("%s does not answer as a mail server (IMAP) does: %s"),
                         self->account->host, greeting->text);
  return TRUE;
}

/* AUTHENTICATE PLAIN (RFC 4616): any user name and password in UTF-8, with
 * no quoting to get wrong, over the TLS already set up. */
static gboolean
log_in (EcertImapClient  *self,
        GError          **error)
{
  const char *user = self->account->user != NULL ? self->account->user : "";
  const char *password = self->account->password != NULL ? self->account->password : "";
  gsize user_length = strlen (user);
  gsize password_length = strlen (password);
  g_autofree guint8 *plain = g_malloc (user_length + password_length + 2);
  g_autofree char *encoded = NULL;
  g_autoptr(GError) local_error = NULL;

  plain[0] = '\0';
  memcpy (plain + 1, user, user_length);
  plain[1 + user_length] = '\0';
  memcpy (plain + 2 + user_length, password, password_length);
  encoded = g_base64_encode (plain, user_length + password_length + 2);
  memset (plain, 0, user_length + password_length + 2);

  if (!run_command (self, "AUTHENTICATE PLAIN", NULL, encoded, 0, &local_error))
    {
      if (!self->refused)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return server_error (error, _("The mail server %s did not accept the user name and password for %s"),
                           self->account->host, user);
    }
  return TRUE;
}

/**
 * ecert_imap_client_connect:
 * @account: the mailbox
 *
 * Connects, sets up TLS (verifying the server's certificate), logs in and
 * selects the account's folder. Blocking.
 *
 * Returns: (transfer full): the client, or %NULL with @error set
 */
EcertImapClient *
ecert_imap_client_connect (const EcertImapAccount  *account,
                           GCancellable            *cancellable,
                           GError                 **error)
{
  g_autoptr(EcertImapClient) self = g_object_new (ECERT_TYPE_IMAP_CLIENT, NULL);
  g_autoptr(GSocketClient) connector = g_socket_client_new ();
  GError *local_error = NULL;

  g_return_val_if_fail (account->host != NULL, NULL);

  ecert_tls_init ();
  self->account = ecert_imap_account_copy (account);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();

  g_socket_client_set_timeout (connector, TIMEOUT_SECONDS);
  self->socket = g_socket_client_connect_to_host (connector, account->host, port_of (account),
                                                  self->cancellable, &local_error);
  if (self->socket == NULL)
    {
      g_autoptr(GError) owned = local_error;

      if (g_error_matches (owned, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&owned));
          return NULL;
        }
      server_error (error, _("The mail server %s cannot be reached: %s"), account->host,
                    owned->message);
      return NULL;
    }

  if (account->security == ECERT_IMAP_TLS)
    {
      if (!start_tls (self, error) || !read_greeting (self, error))
        return NULL;
    }
  else
    {
      use_stream (self, G_IO_STREAM (self->socket));
      if (!read_greeting (self, error) ||
          !simple_command (self, "STARTTLS", error) ||
          !start_tls (self, error))
        return NULL;
    }

  if (!log_in (self, error) || !ecert_imap_client_select (self, self->account->folder, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * ecert_imap_client_select:
 *
 * Opens @folder for reading and writing flags.
 */
gboolean
ecert_imap_client_select (EcertImapClient  *self,
                          const char       *folder,
                          GError          **error)
{
  g_autofree char *name = quoted (folder, error);
  g_autofree char *command = NULL;
  g_autoptr(GError) local_error = NULL;

  if (name == NULL)
    return FALSE;

  command = g_strconcat ("SELECT ", name, NULL);
  if (!run_command (self, command, NULL, NULL, 0, &local_error))
    {
      if (!self->refused)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return server_error (error, _("The folder “%s” cannot be opened on %s: %s"), folder,
                           self->account->host, local_error->message);
    }
  return TRUE;
}

/**
 * ecert_imap_client_search_unread:
 *
 * The messages nobody has read and the desk has not already turned down:
 * `UID SEARCH UNSEEN UNKEYWORD $EcertRejected`.
 *
 * Returns: (transfer full) (element-type guint32): their UIDs, in order
 */
GArray *
ecert_imap_client_search_unread (EcertImapClient  *self,
                                 GError          **error)
{
  g_autoptr(GPtrArray) untagged = NULL;
  g_autoptr(GArray) uids = g_array_new (FALSE, FALSE, sizeof (guint32));

  if (!run_command (self, "UID SEARCH UNSEEN UNKEYWORD " ECERT_IMAP_KEYWORD_REJECTED,
                    &untagged, NULL, 0, error))
    return NULL;

  for (guint i = 0; i < untagged->len; i++)
    {
      Response *response = g_ptr_array_index (untagged, i);
      g_auto(GStrv) words = NULL;

      if (!g_str_has_prefix (response->text, "* SEARCH"))
        continue;

      words = g_strsplit (response->text + strlen ("* SEARCH"), " ", -1);
      for (guint j = 0; words[j] != NULL; j++)
        {
          guint64 uid;

          if (words[j][0] == '\0')
            continue;
          if (!g_ascii_string_to_unsigned (words[j], 10, 1, G_MAXUINT32, &uid, NULL))
            {
              server_error (error, _("The mail server %s answered a search with “%s”, which is not a message number"),
                            self->account->host, words[j]);
              return NULL;
            }
          g_array_append_val (uids, (guint32) { uid });
        }
    }

  return g_steal_pointer (&uids);
}

/* The number after @item in a FETCH answer, e.g. "RFC822.SIZE 1234". */
static gboolean
fetch_item (const char *text,
            const char *item,
            guint64    *value)
{
  g_autofree char *needle = g_strconcat (item, " ", NULL);
  const char *found = strstr (text, needle);
  char *end = NULL;

  if (found == NULL)
    return FALSE;
  found += strlen (needle);
  *value = g_ascii_strtoull (found, &end, 10);
  return end != found;
}

/* The untagged FETCH answer about @uid: a server may also tell of other
 * messages whose flags changed meanwhile. */
static Response *
fetch_answer_for (GPtrArray *untagged,
                  guint32    uid)
{
  for (guint i = 0; i < untagged->len; i++)
    {
      Response *response = g_ptr_array_index (untagged, i);
      guint64 value;

      if (strstr (response->text, " FETCH ") != NULL &&
          fetch_item (response->text, "UID", &value) && value == uid)
        return response;
    }
  return NULL;
}

/* "1,5,7": a UID set, for one command about many messages. */
static char *
uid_set (const guint32 *uids,
         guint          n_uids)
{
  GString *set = g_string_new (NULL);

  for (guint i = 0; i < n_uids; i++)
    g_string_append_printf (set, i == 0 ? "%u" : ",%u", uids[i]);
  return g_string_free (set, FALSE);
}

/**
 * ecert_imap_client_fetch_sizes:
 *
 * The messages' sizes, asked in one command before their bytes, so that an
 * oversized message is never downloaded.
 *
 * Returns: (transfer full) (element-type guint guint64): UID → size, or
 *   %NULL with @error set
 */
GHashTable *
ecert_imap_client_fetch_sizes (EcertImapClient  *self,
                               const guint32    *uids,
                               guint             n_uids,
                               GError          **error)
{
  g_autoptr(GHashTable) sizes = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GPtrArray) untagged = NULL;
  g_autofree char *set = uid_set (uids, n_uids);
  g_autofree char *command = g_strdup_printf ("UID FETCH %s (UID RFC822.SIZE)", set);

  if (n_uids == 0)
    return g_steal_pointer (&sizes);
  if (!run_command (self, command, &untagged, NULL, 0, error))
    return NULL;

  for (guint i = 0; i < untagged->len; i++)
    {
      Response *response = g_ptr_array_index (untagged, i);
      guint64 uid;
      guint64 size;

      if (strstr (response->text, " FETCH ") != NULL &&
          fetch_item (response->text, "UID", &uid) &&
          fetch_item (response->text, "RFC822.SIZE", &size))
        g_hash_table_insert (sizes, GUINT_TO_POINTER ((guint) uid), g_memdup2 (&size, sizeof size));
    }

  for (guint i = 0; i < n_uids; i++)
    if (!g_hash_table_contains (sizes, GUINT_TO_POINTER (uids[i])))
      {
        server_error (error, _("The mail server %s did not tell the size of message %u"),
                      self->account->host, uids[i]);
        return NULL;
      }

  return g_steal_pointer (&sizes);
}

/**
 * ecert_imap_client_fetch:
 * @max_size: the largest message accepted
 *
 * The message's bytes, fetched with BODY.PEEK so that it stays unread.
 *
 * Returns: (transfer full): the message, or %NULL with @error set
 */
GBytes *
ecert_imap_client_fetch (EcertImapClient  *self,
                         guint32           uid,
                         gsize             max_size,
                         GError          **error)
{
  g_autoptr(GPtrArray) untagged = NULL;
  g_autofree char *command = g_strdup_printf ("UID FETCH %u (UID BODY.PEEK[])", uid);
  Response *answer;

  if (!run_command (self, command, &untagged, NULL, max_size, error))
    return NULL;

  answer = fetch_answer_for (untagged, uid);
  if (answer == NULL || answer->literal == NULL)
    {
      server_error (error, _("The mail server %s did not send message %u"), self->account->host, uid);
      return NULL;
    }
  return g_bytes_ref (answer->literal);
}

/**
 * ecert_imap_client_add_flags:
 * @flags: flags and keywords, e.g. "\\Seen $EcertImported"
 *
 * Adds @flags to the messages, in one command.
 */
gboolean
ecert_imap_client_add_flags (EcertImapClient  *self,
                             const guint32    *uids,
                             guint             n_uids,
                             const char       *flags,
                             GError          **error)
{
  g_autofree char *set = uid_set (uids, n_uids);
  g_autofree char *command = g_strdup_printf ("UID STORE %s +FLAGS.SILENT (%s)", set, flags);

  return n_uids == 0 || simple_command (self, command, error);
}

static gboolean
has_capability (EcertImapClient *self,
                const char      *name)
{
  g_autoptr(GPtrArray) untagged = NULL;
  g_autofree char *needle = g_strconcat (" ", name, NULL);

  if (self->capabilities == NULL)
    {
      if (!run_command (self, "CAPABILITY", &untagged, NULL, 0, NULL))
        return FALSE;
      for (guint i = 0; i < untagged->len && self->capabilities == NULL; i++)
        {
          Response *response = g_ptr_array_index (untagged, i);

          if (g_str_has_prefix (response->text, "* CAPABILITY "))
            self->capabilities = g_strconcat (response->text + strlen ("* CAPABILITY"), " ", NULL);
        }
    }

  return self->capabilities != NULL && strstr (self->capabilities, needle) != NULL;
}

/**
 * ecert_imap_client_move:
 *
 * Moves a processed message to @folder: with MOVE (RFC 6851) where the
 * server has it, otherwise copied, then marked deleted.
 */
gboolean
ecert_imap_client_move (EcertImapClient  *self,
                        const guint32    *uids,
                        guint             n_uids,
                        const char       *folder,
                        GError          **error)
{
  g_autofree char *name = quoted (folder, error);
  g_autofree char *set = uid_set (uids, n_uids);
  g_autofree char *command = NULL;

  if (name == NULL)
    return FALSE;
  if (n_uids == 0)
    return TRUE;

  if (has_capability (self, "MOVE"))
    {
      command = g_strdup_printf ("UID MOVE %s %s", set, name);
      return simple_command (self, command, error);
    }

  command = g_strdup_printf ("UID COPY %s %s", set, name);
  return simple_command (self, command, error) &&
         ecert_imap_client_add_flags (self, uids, n_uids, "\\Deleted", error);
}

/**
 * ecert_imap_client_logout:
 *
 * Says goodbye; a server that has gone already is not an error.
 */
void
ecert_imap_client_logout (EcertImapClient *self)
{
  simple_command (self, "LOGOUT", NULL);
}
