/* ecert-cli-search.c: `ecert search`, find certificates in the cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ecert-cli-commands.h"
#include "ecert-cli-common.h"
#include "ecert-cli-json.h"

static const char *
status_word (EcertCacheRow *row)
{
  const char *code = ecert_cache_row_get_status_code (row);
  const char *label;

  if (ecert_cache_row_get_withdrawn (row))
    return ecert_codes_status_label ("40");
  /* Translators: status of a certificate that a later one replaces */
  if (ecert_cache_row_get_replaced (row))
    return _("Replaced");
  label = ecert_codes_status_label (code);
  if (label != NULL)
    return label;
  return code != NULL ? code : "—";
}

static const char *
verdict_words (EcertCacheRow *row)
{
  const char *label = ecert_cache_verdict_label (ecert_cache_row_get_verdict (row));

  /* Translators: a certificate whose signature has not been checked yet */
  return label != NULL ? label : _("Not verified yet");
}

static const char *
or_dash (const char *text)
{
  return text != NULL ? text : "—";
}

/* A column of the issuer's text: on one line, its control and bidi
 * characters shown rather than obeyed. */
static char *
shown (const char *text)
{
  return ecert_text_sanitize (or_dash (text), ECERT_TEXT_ONE_LINE);
}

static void
print_padded (const char *text,
              glong       width)
{
  g_autofree char *column = shown (text);

  g_print ("%s%*s", column, (int) MAX (width - ecert_cli_display_width (column), 0) + 2, "");
}

static glong
shown_width (const char *text)
{
  g_autofree char *column = shown (text);

  return ecert_cli_display_width (column);
}

static void
print_rows (GPtrArray *rows)
{
  glong number_width = 0, status_width = 0, verdict_width = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      EcertCacheRow *row = g_ptr_array_index (rows, i);

      number_width = MAX (number_width, shown_width (ecert_cache_row_get_number (row)));
      status_width = MAX (status_width, shown_width (status_word (row)));
      verdict_width = MAX (verdict_width, shown_width (verdict_words (row)));
    }

  for (guint i = 0; i < rows->len; i++)
    {
      EcertCacheRow *row = g_ptr_array_index (rows, i);
      g_autofree char *route = g_strdup_printf ("%s → %s",
                                                or_dash (ecert_cache_row_get_export_country (row)),
                                                or_dash (ecert_cache_row_get_import_country (row)));
      g_autofree char *commodity = shown (ecert_cache_row_get_commodity (row));
      g_autofree char *consignor = shown (ecert_cache_row_get_consignor (row));

      print_padded (ecert_cache_row_get_number (row), number_width);
      print_padded (ecert_cache_row_get_issued_date (row), 10);
      print_padded (route, 7);
      print_padded (status_word (row), status_width);
      print_padded (verdict_words (row), verdict_width);
      g_print ("%s — %s\n", commodity, consignor);
    }
}

static void
print_json (GPtrArray *rows,
            guint      total,
            guint      offset)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  ecert_cli_json_add_int (builder, "total", total);
  ecert_cli_json_add_int (builder, "offset", offset);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      EcertCacheRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GDateTime) received =
        g_date_time_new_from_unix_utc (ecert_cache_row_get_received_at (row));

      json_builder_begin_object (builder);
      ecert_cli_json_add_int (builder, "row", ecert_cache_row_get_id (row));
      ecert_cli_json_add_string (builder, "number", ecert_cache_row_get_number (row));
      ecert_cli_json_add_string (builder, "type_code", ecert_cache_row_get_type_code (row));
      ecert_cli_json_add_string (builder, "status_code", ecert_cache_row_get_status_code (row));
      ecert_cli_json_add_string (builder, "issued_date", ecert_cache_row_get_issued_date (row));
      ecert_cli_json_add_string (builder, "export_country", ecert_cache_row_get_export_country (row));
      ecert_cli_json_add_string (builder, "import_country", ecert_cache_row_get_import_country (row));
      ecert_cli_json_add_string (builder, "consignor", ecert_cache_row_get_consignor (row));
      ecert_cli_json_add_string (builder, "consignee", ecert_cache_row_get_consignee (row));
      ecert_cli_json_add_string (builder, "commodity", ecert_cache_row_get_commodity (row));
      ecert_cli_json_add_string (builder, "verdict", ecert_cache_row_get_verdict (row));
      ecert_cli_json_add_time (builder, "received_at", received);
      ecert_cli_json_add_boolean (builder, "withdrawn", ecert_cache_row_get_withdrawn (row));
      ecert_cli_json_add_boolean (builder, "replaced", ecert_cache_row_get_replaced (row));
      ecert_cli_json_add_boolean (builder, "replaces", ecert_cache_row_get_replaces (row));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  ecert_cli_json_print (builder);
}

typedef struct
{
  char     *country;
  char     *status;
  char     *verdict;
  char     *type_code;
  char     *from;
  char     *to;
  char     *sort;
} Filters;

static void
filters_clear (Filters *filters)
{
  g_free (filters->country);
  g_free (filters->status);
  g_free (filters->verdict);
  g_free (filters->type_code);
  g_free (filters->from);
  g_free (filters->to);
  g_free (filters->sort);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Filters, filters_clear)

static gboolean
apply_filters (EcertCacheQuery  *query,
               Filters          *filters,
               GError          **error)
{
  g_autoptr(GDate) from = NULL;
  g_autoptr(GDate) to = NULL;

  if (!ecert_cache_query_set_country (query, filters->country, error) ||
      !ecert_cache_query_set_status (query, filters->status, error) ||
      !ecert_cache_query_set_verdict (query, filters->verdict, error))
    return FALSE;
  ecert_cache_query_set_type_code (query, filters->type_code);

  if (filters->from != NULL && (from = ecert_cache_parse_date (filters->from, error)) == NULL)
    return FALSE;
  if (filters->to != NULL && (to = ecert_cache_parse_date (filters->to, error)) == NULL)
    return FALSE;
  ecert_cache_query_set_issued_range (query, from, to);

  if (filters->sort != NULL)
    {
      EcertCacheSort sort;

      if (!ecert_cache_sort_from_string (filters->sort, &sort))
        {
          g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a sort order: use issued, number, country, commodity or "
                         "received"), filters->sort);
          return FALSE;
        }
      ecert_cache_query_set_sort (query, sort);
    }

  return TRUE;
}

int
ecert_cli_search (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("[WORDS…]"));
  g_autoptr(EcertCache) cache = NULL;
  g_autoptr(EcertCacheQuery) query = ecert_cache_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cache_path = NULL;
  g_autofree char *text = NULL;
  g_auto(Filters) filters = { 0 };
  gboolean reversed = FALSE;
  gboolean json = FALSE;
  int limit = 20;
  int offset = 0;
  guint total = 0;
  const GOptionEntry entries[] = {
    ecert_cli_option (ECERT_CLI_OPTION_CACHE, &cache_path),
    { "country", 0, 0, G_OPTION_ARG_STRING, &filters.country,
      N_("Only certificates from this exporting country"), N_("CC") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &filters.status,
      N_("Only this status: issued, withdrawn, replaced or a status code"), N_("STATUS") },
    { "verdict", 0, 0, G_OPTION_ARG_STRING, &filters.verdict,
      N_("Only this signature verdict, or “unverified”"), N_("VERDICT") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &filters.type_code,
      N_("Only this document type code, such as 851"), N_("CODE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &filters.from,
      N_("Only certificates issued on or after this day"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &filters.to,
      N_("Only certificates issued on or before this day"), N_("YYYY-MM-DD") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &filters.sort,
      N_("Order: issued (newest first, the default), number, country, commodity or received"),
      N_("KEY") },
    { "reverse", 0, 0, G_OPTION_ARG_NONE, &reversed, N_("Reverse the order"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N certificates (default 20)"),
      N_("N") },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, N_("Skip the first N certificates"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the results as JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!ecert_cli_parse_command (context,
                                _("Find certificates in the local cache by words (names, "
                                  "commodities, ports, vessels, containers) or by number, "
                                  "typed any way. Without words, lists every certificate that "
                                  "passes the filters. Exits with 1 when nothing matches."),
                                entries, &argc, &argv))
    return ECERT_EXIT_USAGE_OR_INPUT;

  if (limit < 0 || offset < 0)
    return ecert_cli_usage_error (_("ecert search: --limit and --offset cannot be negative\n"));

  if (!apply_filters (query, &filters, &error))
    return ecert_cli_report_error ("search", error);
  ecert_cache_query_set_reversed (query, reversed);
  if (argc > 1)
    {
      text = ecert_cli_join_words (argv + 1);
      if (text == NULL)
        return ecert_cli_usage_error (_("ecert search: the words to find are not valid text: "
                                        "they hold bytes that are not UTF-8. Set the terminal "
                                        "or the script to UTF-8.\n"));
      ecert_cache_query_set_text (query, text);
    }

  cache = ecert_cli_open_cache (cache_path, "search");
  if (cache == NULL)
    return ECERT_EXIT_USAGE_OR_INPUT;

  if (!ecert_cache_count (cache, query, &total, NULL, &error) ||
      (rows = ecert_cache_search (cache, query, offset, limit, NULL, &error)) == NULL)
    return ecert_cli_report_error ("search", error);

  if (json)
    print_json (rows, total, offset);
  else if (total == 0)
    g_print (_("No certificate in the cache matches.\n"));
  else
    {
      print_rows (rows);
      if (rows->len > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, "%u–%u of %u certificate\n",
                              "%u–%u of %u certificates\n", total),
                 (guint) offset + 1, (guint) offset + rows->len, total);
      else
        g_print (g_dngettext (GETTEXT_PACKAGE, "Nothing after the first %u of %u certificate\n",
                              "Nothing after the first %u of %u certificates\n", total),
                 (guint) offset, total);
    }

  return total > 0 ? ECERT_EXIT_OK : ECERT_EXIT_NEGATIVE;
}
