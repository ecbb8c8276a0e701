/* ecert-office-search.c: words as the office's full-text index holds them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PostgreSQL's `simple` text-search configuration splits text at anything
 * that is not a letter or a digit and lower-cases what is left, which suits
 * names in Latin, Cyrillic or Arabic script. Chinese, Japanese and Korean
 * are written without spaces, so a whole run of them would be one token
 * and "上海" would never find "上海鲜果进出口有限公司". Such runs are stored
 * as overlapping pairs of characters, "上海 海鲜 鲜果 …", each run's last
 * character also alone, and a search for a run becomes those pairs in a
 * row. Both sides are made here, by one function, so they always agree,
 * whatever the database's locale: compatibility forms folded (full-width
 * letters, half-width kana), accents dropped from letters outside those
 * scripts, letters lower-cased.
 */

#define G_LOG_DOMAIN "ecert-office-store"

#include "config.h"

#include "ecert-office-search-private.h"

typedef void (*WordFunc) (const char *word,
                          gboolean    ideographic,
                          gpointer    user_data);

typedef struct
{
  GString  *run;
  gboolean  ideographic;
  guint     count;
  WordFunc  func;
  gpointer  user_data;
} Splitter;

static gboolean
is_ideographic (gunichar ch)
{
  GUnicodeScript script = g_unichar_get_script (ch);

  if (script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA ||
      script == G_UNICODE_SCRIPT_KATAKANA || script == G_UNICODE_SCRIPT_HANGUL)
    return TRUE;

  /* The prolonged sound mark (コーヒー) and the iteration mark (々) belong
   * to no script, but to the run they are written in. */
  return ch >= 0x3000 && ch <= 0x30FF && g_unichar_isalpha (ch);
}

static gboolean
is_mark (gunichar ch)
{
  GUnicodeType type = g_unichar_type (ch);

  return type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK ||
         type == G_UNICODE_ENCLOSING_MARK;
}

/* Hands the run over as a word, composed again (Hangul syllables were
 * taken apart into letters by the decomposition). */
static void
flush (Splitter *splitter)
{
  g_autofree char *composed = NULL;

  if (splitter->run->len == 0)
    return;

  composed = g_utf8_normalize (splitter->run->str, splitter->run->len,
                               G_NORMALIZE_DEFAULT_COMPOSE);
  g_string_truncate (splitter->run, 0);
  if (composed == NULL)
    return;

  splitter->func (composed, splitter->ideographic, splitter->user_data);
  splitter->count++;
}

/* Calls @func on each word of @text, in order, at most @max_words times:
 * a run of letters and digits (lower-cased, without accents), or a run of
 * Han, kana or Hangul (@ideographic). Everything else separates words. */
static void
split_words (const char *text,
             guint       max_words,
             WordFunc    func,
             gpointer    user_data)
{
  g_autofree char *valid = NULL;
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) run = g_string_new (NULL);
  Splitter splitter = { run, FALSE, 0, func, user_data };

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return;

  for (const char *c = decomposed; *c != '\0' && splitter.count < max_words;
       c = g_utf8_next_char (c))
    {
      gunichar ch = g_utf8_get_char (c);

      if (is_mark (ch))
        {
          /* Accents go; a kana's voicing marks stay. */
          if (splitter.ideographic && run->len > 0)
            g_string_append_unichar (run, ch);
        }
      else if (!g_unichar_isalnum (ch))
        {
          flush (&splitter);
        }
      else
        {
          if (is_ideographic (ch) != splitter.ideographic)
            flush (&splitter);
          if (splitter.count >= max_words)
            break;
          splitter.ideographic = is_ideographic (ch);
          g_string_append_unichar (run, splitter.ideographic ? ch : g_unichar_tolower (ch));
        }
    }

  if (splitter.count < max_words)
    flush (&splitter);
}

/* The overlapping pairs of characters of @run ("上海鲜果": 上海, 海鲜,
 * 鲜果); none for a single character. */
static GPtrArray *
pairs (const char *run)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);

  for (const char *c = run; *c != '\0'; c = g_utf8_next_char (c))
    {
      const char *next = g_utf8_next_char (c);

      if (*next != '\0')
        g_ptr_array_add (result, g_strndup (c, g_utf8_next_char (next) - c));
    }

  return result;
}

static void
add_document_word (const char *word,
                   gboolean    ideographic,
                   gpointer    user_data)
{
  GString *document = user_data;
  g_autoptr(GPtrArray) run_pairs = NULL;

  if (ideographic)
    {
      run_pairs = pairs (word);
      for (guint i = 0; i < run_pairs->len; i++)
        g_string_append_printf (document, "%s ", (char *) run_pairs->pdata[i]);
      /* The last character alone too, for a search for it. */
      word = g_utf8_offset_to_pointer (word, g_utf8_strlen (word, -1) - 1);
    }

  g_string_append_printf (document, "%s ", word);
}

/**
 * _ecert_office_search_document:
 * @text: what a certificate is to be found by
 *
 * Returns: (transfer full): @text as `to_tsvector('simple', …)` should
 *   read it: words separated by spaces, runs of Chinese, Japanese or
 *   Korean as overlapping pairs
 */
char *
_ecert_office_search_document (const char *text)
{
  GString *document = g_string_new (NULL);

  if (text != NULL)
    split_words (text, G_MAXUINT, add_document_word, document);
  if (document->len > 0)
    g_string_truncate (document, document->len - 1);
  return g_string_free (document, FALSE);
}

static void
append_lexeme (GString    *query,
               const char *lexeme)
{
  /* Words hold only letters and digits; quoting is belt and braces. */
  g_string_append_c (query, '\'');
  for (const char *c = lexeme; *c != '\0'; c++)
    {
      if (*c == '\'' || *c == '\\')
        g_string_append_c (query, '\\');
      g_string_append_c (query, *c);
    }
  g_string_append_c (query, '\'');
}

static void
add_query_word (const char *word,
                gboolean    ideographic,
                gpointer    user_data)
{
  GString *query = user_data;
  g_autoptr(GPtrArray) run_pairs = ideographic ? pairs (word) : NULL;

  if (query->len > 0)
    g_string_append (query, " & ");

  /* People type the start of a name ("kiwi" for "Kiwifruit"); a single
   * character finds the pairs it starts and a run's last character. */
  if (run_pairs == NULL || run_pairs->len == 0)
    {
      append_lexeme (query, word);
      g_string_append (query, ":*");
      return;
    }

  g_string_append_c (query, '(');
  for (guint i = 0; i < run_pairs->len; i++)
    {
      if (i > 0)
        g_string_append (query, " <-> ");
      append_lexeme (query, run_pairs->pdata[i]);
    }
  g_string_append_c (query, ')');
}

/**
 * _ecert_office_search_query:
 * @words: what a person typed
 *
 * Every word must match, as the start of a word; a run of Chinese,
 * Japanese or Korean matches where it is written inside a longer run.
 *
 * Returns: (transfer full) (nullable): a query for
 *   `to_tsquery('simple', …)`, or %NULL when @words holds no word
 */
char *
_ecert_office_search_query (const char *words)
{
  GString *query = g_string_new (NULL);

  if (words != NULL)
    split_words (words, ECERT_OFFICE_SEARCH_MAX_WORDS, add_query_word, query);
  if (query->len == 0)
    return g_string_free (query, TRUE);
  return g_string_free (query, FALSE);
}
