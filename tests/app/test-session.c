/* test-session.c: the session the application's views work through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In-process, over a cache and a trust directory of its own and settings
 * in memory: opening, importing with what it announces, trust anchors
 * changed on disk and through the session, and how a fetch that cannot
 * reach a hub or a mailbox ends. Fetching from a real hub and a real mail
 * server is tested through the window in tests/gui.
 */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <string.h>

#include "ecert-error.h"
#include "ecert-session.h"
#include "ecert-test-signing.h"

/* Generous: a loaded machine, or a sanitizer. */
#define WAIT_SECONDS 60

typedef struct
{
  char         *directory;
  char         *trust_directory;
  GSettings    *settings;
  EcertSession *session;
} Fixture;

typedef struct
{
  guint certificates;
  guint responses;
  guint emissions;
} Arrivals;

static gboolean
deadline_cb (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until *@done, failing after WAIT_SECONDS. */
static void
wait_for (const gboolean *done,
          const char     *what)
{
  gboolean expired = FALSE;
  guint deadline = g_timeout_add_seconds (WAIT_SECONDS, deadline_cb, &expired);

  while (!*done && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (!*done)
    g_error ("Waited %d s for %s", WAIT_SECONDS, what);
  g_source_remove (deadline);
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **stored = user_data;

  *stored = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  gboolean expired = FALSE;
  guint deadline = g_timeout_add_seconds (WAIT_SECONDS, deadline_cb, &expired);

  while (*result == NULL && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (*result == NULL)
    g_error ("Waited %d s for an operation to end", WAIT_SECONDS);
  g_source_remove (deadline);
  return *result;
}

static void
flag_cb (GObject    *object,
         GParamSpec *pspec,
         gpointer    user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autofree char *cache = NULL;
  gboolean opened = FALSE;

  fixture->directory = ecert_test_make_temp_dir ();
  fixture->trust_directory = g_build_filename (fixture->directory, "trust", NULL);
  cache = g_build_filename (fixture->directory, "cache.sqlite3", NULL);
  fixture->settings = g_settings_new_with_backend (SETTINGS_SCHEMA_ID, backend);
  fixture->session = ecert_session_new (fixture->settings, cache, fixture->trust_directory);

  /* Opened in a worker thread: not before the main loop has run. */
  g_assert_null (ecert_session_get_cache (fixture->session));
  g_assert_false (ecert_session_sync (fixture->session));
  g_assert_false (ecert_session_get_syncing (fixture->session));

  g_signal_connect (fixture->session, "notify::cache", G_CALLBACK (flag_cb), &opened);
  wait_for (&opened, "the cache to open");
  g_signal_handlers_disconnect_by_data (fixture->session, &opened);
  g_assert_nonnull (ecert_session_get_cache (fixture->session));
  g_assert_null (ecert_session_get_cache_error (fixture->session));
  g_assert_cmpstr (ecert_cache_get_path (ecert_session_get_cache (fixture->session)), ==, cache);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->settings);
  ecert_test_remove_tree (fixture->directory);
  g_free (fixture->trust_directory);
  g_free (fixture->directory);
}

static void
arrivals_cb (EcertSession *session,
             guint         certificates,
             guint         responses,
             Arrivals     *arrivals)
{
  arrivals->certificates += certificates;
  arrivals->responses += responses;
  arrivals->emissions++;
}

/* A certificate from NZ signed by nz-signer, whose root is nz-root. */
static GFile *
write_signed_certificate (Fixture *fixture)
{
  g_autofree char *xml = ecert_test_certificate_xml ();
  g_autofree char *signed_xml = ecert_test_sign (xml, "nz-signer", "nz-ca",
                                                 ECERT_SIGN_C14N_EXCLUSIVE);
  g_autofree char *path = g_build_filename (fixture->directory, "certificate.xml", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, signed_xml, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static GPtrArray *
import (Fixture *fixture,
        GFile   *file)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *results;

  g_ptr_array_add (files, g_object_ref (file));
  ecert_session_import_files_async (fixture->session, files, NULL, result_cb, &result);
  results = ecert_session_import_files_finish (fixture->session, wait_for_result (&result),
                                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  return results;
}

static void
test_import_announces_new_arrivals (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GFile) file = write_signed_certificate (fixture);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  Arrivals all = { 0 };
  Arrivals imported = { 0 };
  Arrivals fetched = { 0 };
  EcertImportResult *result;

  g_signal_connect (fixture->session, "new-arrivals", G_CALLBACK (arrivals_cb), &all);
  g_signal_connect (fixture->session, "new-arrivals::import", G_CALLBACK (arrivals_cb),
                    &imported);
  g_signal_connect (fixture->session, "new-arrivals::fetch", G_CALLBACK (arrivals_cb), &fetched);

  first = import (fixture, file);
  result = g_ptr_array_index (first, 0);
  g_assert_cmpint (result->outcome, ==, ECERT_IMPORT_STORED);
  g_assert_cmpstr (result->number, ==, ECERT_TEST_SIGNED_ID);
  g_assert_cmpuint (imported.emissions, ==, 1);
  g_assert_cmpuint (imported.certificates, ==, 1);
  g_assert_cmpuint (imported.responses, ==, 0);
  g_assert_cmpuint (all.emissions, ==, 1);
  g_assert_cmpuint (fetched.emissions, ==, 0);

  /* Stored in the session's cache, where the views read it. */
  found = ecert_cache_lookup_number (ecert_session_get_cache (fixture->session),
                                     ECERT_TEST_SIGNED_ID, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);

  /* The same file again brings nothing new. */
  again = import (fixture, file);
  result = g_ptr_array_index (again, 0);
  g_assert_cmpint (result->outcome, ==, ECERT_IMPORT_DUPLICATE);
  g_assert_cmpuint (imported.emissions, ==, 1);
  g_assert_cmpuint (all.emissions, ==, 1);

  g_signal_handlers_disconnect_by_func (fixture->session, arrivals_cb, &all);
  g_signal_handlers_disconnect_by_func (fixture->session, arrivals_cb, &imported);
  g_signal_handlers_disconnect_by_func (fixture->session, arrivals_cb, &fetched);
}

static EcertVerdict
verify_again (Fixture *fixture,
              gint64   row)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(EcertStoredCertificate) stored = NULL;
  g_autoptr(GError) error = NULL;

  ecert_session_load_certificate_async (fixture->session, row,
                                        ECERT_STORED_CERTIFICATE_REVERIFY, NULL, result_cb,
                                        &result);
  stored = ecert_session_load_certificate_finish (fixture->session, wait_for_result (&result),
                                                  &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored->verification);
  return ecert_verification_get_verdict (stored->verification);
}

/* What `ecert trust add` does, in another process: write the anchor into
 * the directory. */
static void
add_anchor_behind_the_session (Fixture    *fixture,
                               const char *country,
                               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertTrustStore) other = ecert_trust_store_new_for_directory (fixture->trust_directory,
                                                                          &error);
  g_autofree char *file_name = g_strconcat (name, ".pem", NULL);
  g_autoptr(GBytes) pem = ecert_test_load_pki (file_name);
  g_autoptr(GPtrArray) added = NULL;

  g_assert_no_error (error);
  added = ecert_trust_store_add_pem (other, country, pem, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added->len, ==, 1);
}

static void
test_trust_anchors_as_on_disk (Fixture       *fixture,
                               gconstpointer  data)
{
  EcertTrustDirectory *directory = ecert_session_get_trust_directory (fixture->session);
  g_autoptr(GFile) file = write_signed_certificate (fixture);
  g_autoptr(GPtrArray) results = import (fixture, file);
  g_autoptr(GPtrArray) anchors = NULL;
  g_autoptr(GError) error = NULL;
  EcertImportResult *result = g_ptr_array_index (results, 0);
  EcertTrustStore *before;
  EcertTrustStore *store;

  g_assert_cmpstr (ecert_trust_directory_get_path (directory), ==, fixture->trust_directory);
  g_assert_cmpint (verify_again (fixture, result->row), ==, ECERT_VERDICT_UNTRUSTED_SIGNER);

  /* Read once, and again only when the directory changed. */
  before = ecert_trust_directory_get_store (directory, &error);
  g_assert_no_error (error);
  g_assert_true (ecert_trust_directory_get_store (directory, &error) == before);

  /* An anchor for another country changes nothing for NZ... */
  add_anchor_behind_the_session (fixture, "AR", "ar-root");
  g_assert_cmpint (verify_again (fixture, result->row), ==, ECERT_VERDICT_UNTRUSTED_SIGNER);
  store = ecert_trust_directory_get_store (directory, &error);
  g_assert_no_error (error);
  g_assert_true (store != before);
  g_assert_cmpuint (ecert_trust_store_get_anchors (store, "AR")->len, ==, 1);

  /* ...NZ's own does, added while the session runs. */
  add_anchor_behind_the_session (fixture, "NZ", "nz-root");
  g_assert_cmpint (verify_again (fixture, result->row), ==, ECERT_VERDICT_VALID);

  /* Removed through the session: untrusted again, and gone from disk. */
  store = ecert_trust_directory_get_store (directory, &error);
  anchors = ecert_trust_store_list (store);
  for (guint i = 0; i < anchors->len; i++)
    {
      EcertTrustAnchor *anchor = g_ptr_array_index (anchors, i);

      if (g_strcmp0 (anchor->country, "NZ") == 0)
        {
          g_assert_true (ecert_trust_directory_remove_anchor (directory, "NZ", anchor->name,
                                                              &error));
          g_assert_no_error (error);
        }
    }
  g_assert_cmpint (verify_again (fixture, result->row), ==, ECERT_VERDICT_UNTRUSTED_SIGNER);

  /* Added through the session: trusted at once. */
  {
    g_autoptr(GBytes) pem = ecert_test_load_pki ("nz-root.pem");
    g_autoptr(GPtrArray) added = ecert_trust_directory_add_anchors (directory, "NZ", pem, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (added->len, ==, 1);
  }
  g_assert_cmpint (verify_again (fixture, result->row), ==, ECERT_VERDICT_VALID);
}

typedef struct
{
  gboolean  finished;
  GError   *error;
  gboolean  syncing_when_finished;
  guint     syncing_changes;
  guint     error_changes;
} SyncEnd;

static void
sync_finished_cb (EcertSession *session,
                  const GError *error,
                  SyncEnd      *end)
{
  end->finished = TRUE;
  end->syncing_when_finished = ecert_session_get_syncing (session);
  end->error = error != NULL ? g_error_copy (error) : NULL;
}

static void
syncing_changed_cb (EcertSession *session,
                    GParamSpec   *pspec,
                    SyncEnd      *end)
{
  end->syncing_changes++;
}

static void
last_error_changed_cb (EcertSession *session,
                       GParamSpec   *pspec,
                       SyncEnd      *end)
{
  end->error_changes++;
}

static void
run_sync_from (Fixture    *fixture,
               SyncEnd    *end,
               const char *first_status)
{
  g_signal_connect (fixture->session, "sync-finished", G_CALLBACK (sync_finished_cb), end);
  g_signal_connect (fixture->session, "notify::syncing", G_CALLBACK (syncing_changed_cb), end);
  g_signal_connect (fixture->session, "notify::last-error", G_CALLBACK (last_error_changed_cb),
                    end);

  g_assert_true (ecert_session_sync (fixture->session));
  g_assert_true (ecert_session_get_syncing (fixture->session));
  g_assert_cmpstr (ecert_session_get_sync_status (fixture->session), ==, first_status);
  g_assert_cmpfloat (ecert_session_get_sync_fraction (fixture->session), <, 0);
  /* Asked again while it runs: the same fetch. */
  g_assert_true (ecert_session_sync (fixture->session));

  wait_for (&end->finished, "the fetch to end");
  g_signal_handlers_disconnect_by_data (fixture->session, end);
  g_assert_false (ecert_session_get_syncing (fixture->session));
  g_assert_false (end->syncing_when_finished);
  g_assert_cmpuint (end->syncing_changes, ==, 2);
  g_assert_null (ecert_session_get_sync_status (fixture->session));
}

static void
run_sync (Fixture *fixture,
          SyncEnd *end)
{
  run_sync_from (fixture, end, "Connecting to the hub…");
}

/* No hub set up: a matter for Preferences, not a failed fetch. */
static void
test_sync_without_hub (Fixture       *fixture,
                       gconstpointer  data)
{
  SyncEnd end = { 0 };

  run_sync (fixture, &end);
  g_assert_error (end.error, ECERT_ERROR, ECERT_ERROR_INVALID_ADDRESS);
  g_assert_null (ecert_session_get_last_error (fixture->session));
  g_assert_cmpuint (end.error_changes, ==, 0);
  g_clear_error (&end.error);
}

/* A desk certificate that is not there: the fetch fails before it
 * connects, and says why until the next one. */
static void
test_sync_failure_is_kept (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->directory, "no-such-client.pem", NULL);
  const GError *last_error;
  SyncEnd end = { 0 };
  SyncEnd next = { 0 };

  g_settings_set_string (fixture->settings, "hub-address",
                         "https://hub.invalid/hub/DeliveryService");
  g_settings_set_string (fixture->settings, "client-certificate", missing);

  run_sync (fixture, &end);
  g_assert_nonnull (end.error);
  g_assert_false (g_error_matches (end.error, ECERT_ERROR, ECERT_ERROR_INVALID_ADDRESS));
  last_error = ecert_session_get_last_error (fixture->session);
  g_assert_nonnull (last_error);
  g_assert_cmpstr (last_error->message, ==, end.error->message);
  g_assert_cmpuint (end.error_changes, ==, 1);
  g_clear_error (&end.error);

  /* The next fetch clears it when it starts, and sets it again. */
  run_sync (fixture, &next);
  g_assert_cmpuint (next.error_changes, ==, 2);
  g_assert_nonnull (ecert_session_get_last_error (fixture->session));
  g_clear_error (&next.error);
}

/* A mail account on a port where nothing listens, its password unknown or
 * refused: whichever, the mailbox could not be read. */
static void
set_up_unreachable_mail (Fixture *fixture)
{
  g_settings_set_string (fixture->settings, "mail-host", "127.0.0.1");
  g_settings_set_uint (fixture->settings, "mail-port", 1);
  g_settings_set_string (fixture->settings, "mail-user", "inspector");
}

/* A desk that receives by mail only is not sent to set up a hub; what
 * went wrong with the mailbox is kept, apart from the hub's. */
static void
test_sync_mail_only (Fixture       *fixture,
                     gconstpointer  data)
{
  SyncEnd end = { 0 };

  set_up_unreachable_mail (fixture);
  run_sync_from (fixture, &end, "Connecting to the mail server…");
  g_assert_no_error (end.error);
  g_assert_null (ecert_session_get_last_error (fixture->session));
  g_assert_nonnull (ecert_session_get_last_mail_error (fixture->session));
  g_assert_cmpuint (ecert_session_get_sync_progress (fixture->session)->stored, ==, 0);
}

/* The hub and the mailbox fail each in their own way: neither hides the
 * other. */
static void
test_sync_hub_and_mail_failures (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->directory, "no-such-client.pem", NULL);
  SyncEnd end = { 0 };

  g_settings_set_string (fixture->settings, "hub-address",
                         "https://hub.invalid/hub/DeliveryService");
  g_settings_set_string (fixture->settings, "client-certificate", missing);
  set_up_unreachable_mail (fixture);

  run_sync (fixture, &end);
  g_assert_nonnull (end.error);
  g_assert_nonnull (ecert_session_get_last_error (fixture->session));
  g_assert_nonnull (ecert_session_get_last_mail_error (fixture->session));
  g_assert_cmpstr (ecert_session_get_last_error (fixture->session)->message, !=,
                   ecert_session_get_last_mail_error (fixture->session)->message);
  g_clear_error (&end.error);
}

/* Connect on the Mail page, with a password as typed: it must fail, and
 * leave the count alone. */
static GError *
check_mail_failure (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;
  guint unread = 7;

  ecert_session_check_mail_async (fixture->session, "secret", NULL, result_cb, &result);
  g_assert_false (ecert_session_check_mail_finish (fixture->session, wait_for_result (&result),
                                                   &unread, &error));
  g_assert_cmpuint (unread, ==, 7);
  return error;
}

/* Without an account: a matter for the page. */
static void
test_check_mail_without_account (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = check_mail_failure (fixture);

  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ADDRESS);
}

/* Nothing listens on the port: the server's name and the reason, in
 * words. */
static void
test_check_mail_unreachable (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  set_up_unreachable_mail (fixture);
  error = check_mail_failure (fixture);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_MAIL_SERVER);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/session/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("import/new-arrivals", test_import_announces_new_arrivals);
  ADD ("trust/as-on-disk", test_trust_anchors_as_on_disk);
  ADD ("sync/without-hub", test_sync_without_hub);
  ADD ("sync/failure-is-kept", test_sync_failure_is_kept);
  ADD ("sync/mail-only", test_sync_mail_only);
  ADD ("sync/hub-and-mail-failures", test_sync_hub_and_mail_failures);
  ADD ("mail/check-without-account", test_check_mail_without_account);
  ADD ("mail/check-unreachable", test_check_mail_unreachable);

  return g_test_run ();
}
