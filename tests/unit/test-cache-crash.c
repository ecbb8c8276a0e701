/* test-cache-crash.c: a cache survives being killed at any moment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A child process (cache-crash-child) stores certificates in small
 * committed batches and reports each commit; it is killed with SIGKILL at
 * fifty random moments, from its first instructions to the middle of a
 * write (half of them after its first commit, however slowly it starts). After each kill the cache must open without being taken for
 * damaged, pass SQLite's full integrity check (and FTS5's), and hold every
 * certificate the child reported committed, exactly once.
 */

#include "config.h"

#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ecert-core.h"
#include "ecert-test-util.h"

#define KILLS 50
/* How long a child may take to report its first write: a limit, on a
 * loaded machine under AddressSanitizer, not a pause. */
#define FIRST_WRITE_LIMIT_MS 120000

static char *
read_all (int fd)
{
  GString *text = g_string_new (NULL);
  char buffer[4096];
  gssize got;

  while ((got = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (text, buffer, got);
  return g_string_free (text, FALSE);
}

/* Reads the child's output into @text until a line starting with @prefix
 * has arrived (or the limit passed, or the output ended). */
static void
read_until_line (int         fd,
                 const char *prefix,
                 GString    *text)
{
  g_autofree char *needle = g_strconcat ("\n", prefix, NULL);
  gint64 deadline = g_get_monotonic_time () + FIRST_WRITE_LIMIT_MS * G_TIME_SPAN_MILLISECOND;

  while (!g_str_has_prefix (text->str, prefix) && strstr (text->str, needle) == NULL)
    {
      struct pollfd readable = { .fd = fd, .events = POLLIN };
      gint64 left_ms = (deadline - g_get_monotonic_time ()) / G_TIME_SPAN_MILLISECOND;
      char buffer[256];
      gssize got;

      if (left_ms <= 0 || poll (&readable, 1, (int) left_ms) <= 0)
        return;
      got = read (fd, buffer, sizeof buffer);
      if (got <= 0)
        return;
      g_string_append_len (text, buffer, got);
    }
}

/* Kills the child at a moment of the run: in even runs at random from its
 * start, before or after the cache is open; in odd runs at random once it
 * has reported a write, so that half the kills land in the middle of its
 * writes however slowly it starts. Returns all it wrote before dying. */
static char *
kill_child (GPid        pid,
            int         out_fd,
            guint       run,
            const char *written_prefix)
{
  GString *text = g_string_new (NULL);
  g_autofree char *rest = NULL;
  int status;

  if (run % 2 == 1)
    read_until_line (out_fd, written_prefix, text);
  g_usleep (g_test_rand_int_range (0, run % 2 == 1 ? 50 : 200) * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  if (!(WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL))
    g_error ("cache-crash-child ended by itself (status %d) before it was killed", status);

  rest = read_all (out_fd);
  g_string_append (text, rest);
  close (out_fd);
  return g_string_free (text, FALSE);
}

static void
check_cache (const char *path,
             GHashTable *committed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertCache) cache = ecert_cache_open (path, &error);
  GHashTableIter iter;
  gpointer number;

  g_assert_no_error (error);
  g_assert_null (ecert_cache_get_recovery_notice (cache));
  g_assert_true (ecert_cache_check_integrity (cache, &error));
  g_assert_no_error (error);

  g_hash_table_iter_init (&iter, committed);
  while (g_hash_table_iter_next (&iter, &number, NULL))
    {
      g_autoptr(GPtrArray) rows = ecert_cache_lookup_number (cache, number, NULL, &error);

      g_assert_no_error (error);
      if (rows->len != 1)
        g_error ("%s was reported committed and is in the cache %u times", (char *) number,
                 rows->len);
    }
}

static void
test_sigkill (void)
{
  g_autofree char *child = g_test_build_filename (G_TEST_BUILT, "cache-crash-child", NULL);
  g_autofree char *dir = ecert_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "cache.sqlite3", NULL);
  g_autoptr(GHashTable) committed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint during_writes = 0;

  g_assert_true (g_file_test (child, G_FILE_TEST_IS_EXECUTABLE));

  for (guint run = 0; run < KILLS; run++)
    {
      g_autofree char *run_text = g_strdup_printf ("%u", run);
      const char *argv[] = { child, path, run_text, NULL };
      g_autoptr(GError) error = NULL;
      g_autofree char *output = NULL;
      g_auto(GStrv) lines = NULL;
      GPid pid;
      int out_fd;
      guint batches = 0;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                               G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, NULL,
                                               &out_fd, NULL, &error));
      g_assert_no_error (error);

      /* From before the cache is even open to deep into a run of commits. */
      output = kill_child (pid, out_fd, run, "committed ");
      lines = g_strsplit (output, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) words = NULL;

          if (!g_str_has_prefix (lines[i], "committed "))
            continue;
          batches++;
          words = g_strsplit (lines[i] + strlen ("committed "), " ", -1);
          for (guint j = 0; words[j] != NULL; j++)
            g_hash_table_add (committed, g_strdup (words[j]));
        }
      during_writes += batches > 0;
      g_test_message ("run %u: killed after %u committed batches", run, batches);

      check_cache (path, committed);
    }

  /* The kills must not all have come before any write. */
  g_assert_cmpuint (during_writes, >=, KILLS / 2);
  g_assert_cmpuint (g_hash_table_size (committed), >, 0);
  g_test_message ("%u certificates reported committed, all present once",
                  g_hash_table_size (committed));

  ecert_test_remove_tree (dir);
}

/* Kills an editor in the middle of its autosaves: the draft reopens as
 * the last save the editor saw return left it, or as the save in flight. */
static void
test_draft_sigkill (void)
{
  g_autofree char *child = g_test_build_filename (G_TEST_BUILT, "cache-crash-child", NULL);
  g_autofree char *dir = ecert_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "cache.sqlite3", NULL);
  g_autofree char *last = NULL;
  guint saved_runs = 0;

  for (guint run = 0; run < KILLS / 2; run++)
    {
      g_autofree char *run_text = g_strdup_printf ("%u", run);
      const char *argv[] = { child, path, run_text, "draft", NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(EcertCache) cache = NULL;
      g_autoptr(GPtrArray) drafts = NULL;
      g_autoptr(EcertInquiry) inquiry = NULL;
      g_autofree char *output = NULL;
      g_autofree char *next = NULL;
      g_auto(GStrv) lines = NULL;
      const char *reason;
      EcertInquiryAttachment *attachment;
      GPid pid;
      int out_fd;
      guint saves = 0;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                               G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, NULL,
                                               &out_fd, NULL, &error));
      g_assert_no_error (error);
      output = kill_child (pid, out_fd, run, "saved ");
      lines = g_strsplit (output, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        if (g_str_has_prefix (lines[i], "saved "))
          {
            g_free (last);
            last = g_strdup (lines[i] + strlen ("saved "));
            saves++;
          }
      saved_runs += saves > 0;
      next = g_strdup_printf ("edit %u-%u", run, saves);

      cache = ecert_cache_open (path, &error);
      g_assert_no_error (error);
      drafts = ecert_cache_list_drafts (cache, &error);
      g_assert_no_error (error);
      if (last == NULL && drafts->len == 0)
        continue;
      g_assert_cmpuint (drafts->len, ==, 1);

      inquiry = ecert_inquiry_new_from_draft (((EcertCacheDraft *) drafts->pdata[0])->content,
                                              &error);
      g_assert_no_error (error);
      reason = ecert_inquiry_get_reason (inquiry, "en");
      g_test_message ("run %u: %u saves, the draft holds “%s”", run, saves, reason);
      if (g_strcmp0 (reason, last) != 0 && g_strcmp0 (reason, next) != 0)
        g_error ("the draft holds “%s”, not the last save “%s” or the one in flight “%s”",
                 reason, last, next);
      g_free (last);
      last = g_strdup (reason);
      g_assert_cmpstr (ecert_inquiry_get_inspector_name (inquiry), ==, reason);
      g_assert_cmpstr (ecert_inquiry_get_certificate_number (inquiry), ==, "NZ-2026-000417");
      g_assert_cmpuint (ecert_inquiry_get_attachments (inquiry)->len, ==, 1);
      attachment = ecert_inquiry_get_attachments (inquiry)->pdata[0];
      g_assert_cmpstr (attachment->filename, ==, "seal.jpg");
      g_assert_cmpuint (g_bytes_get_size (attachment->data), ==, 9);
    }

  g_assert_cmpuint (saved_runs, >=, KILLS / 4);
  ecert_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cache/crash/sigkill", test_sigkill);
  g_test_add_func ("/cache/crash/draft-sigkill", test_draft_sigkill);

  return g_test_run ();
}
