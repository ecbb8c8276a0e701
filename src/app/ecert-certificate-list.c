/* ecert-certificate-list.c: the cached certificates, searchable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkColumnView over core's lazy list model: rows are fetched from SQLite
 * a page at a time as they scroll into view, so a million cached
 * certificates cost no more memory than a screenful.
 */

#define G_LOG_DOMAIN "ecert-certificate-list"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-accessible.h"
#include "ecert-cache-list-model.h"
#include "ecert-cache-records.h"
#include "ecert-cache-row.h"
#include "ecert-certificate-list.h"
#include "ecert-codes.h"
#include "ecert-country.h"
#include "ecert-text.h"

struct _EcertCertificateList
{
  GtkWidget            parent_instance;

  EcertCacheListModel *model;

  GtkSearchEntry      *search_entry;
  GtkColumnView       *column_view;
  GtkStack            *stack;
  AdwStatusPage       *no_results_page;
  GtkDropDown         *country_filter;
  GtkDropDown         *status_filter;
  GtkDropDown         *verdict_filter;
  GtkFlowBox          *filters_box;
  GtkEntry            *issued_from_entry;
  GtkEntry            *issued_to_entry;
  GtkButton           *clear_filters_button;
  GtkToggleButton     *filters_button;
  GtkLabel            *count_label;

  /* The country filter's codes, in the order of its items after "All". */
  GPtrArray           *filter_countries;
  GCancellable        *cancellable;

  /* Columns shown at the current width: see fit_columns(). */
  guint                width_class;
  guint                fit_id;

  /* Rows held back by the model until a frame shows the first ones. */
  GdkFrameClock       *frame_clock;
  gulong               after_paint_id;
  guint                held_rows_id;
};

/* The least height a row of the list takes: with it, how many rows a
 * window of some height can show. A window not yet shown is taken as
 * being this high. */
#define MIN_ROW_HEIGHT 12
#define DEFAULT_LIST_HEIGHT 1080

G_DEFINE_FINAL_TYPE (EcertCertificateList, ecert_certificate_list, GTK_TYPE_WIDGET)

enum {
  CERTIFICATE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The issuer's text in a cell: control and bidi characters are shown, not
 * obeyed, so that a number or a name reads as written. */
static gboolean
issuer_text_to_label (GBinding     *binding,
                      const GValue *from,
                      GValue       *to,
                      gpointer      user_data)
{
  g_value_take_string (to, ecert_text_sanitize (g_value_get_string (from), ECERT_TEXT_ONE_LINE));
  return TRUE;
}

static gboolean
status_to_label (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  const char *code = g_value_get_string (from);
  const char *label = ecert_codes_status_label (code);

  if (label != NULL)
    g_value_set_string (to, label);
  else
    g_value_take_string (to, ecert_text_sanitize (code != NULL ? code : "", ECERT_TEXT_ONE_LINE));
  return TRUE;
}

static char *
verdict_label (const char *verdict)
{
  const char *label = ecert_cache_verdict_label (verdict);

  /* No verdict yet: the certificate was stored before it could be checked. */
  return g_strdup (label != NULL ? label : _("Not verified yet"));
}

static gboolean
verdict_to_label (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  g_value_take_string (to, verdict_label (g_value_get_string (from)));
  return TRUE;
}

static gboolean
country_to_label (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  g_autofree char *described = ecert_country_describe (g_value_get_string (from));

  /* A code that is not an assigned one is shown as the issuer wrote it. */
  g_value_take_string (to, ecert_text_sanitize (described, ECERT_TEXT_ONE_LINE));
  return TRUE;
}

/* A shape and colour to scan a long list by; the words stay beside it for
 * those who cannot tell them apart. */
typedef struct
{
  const char *verdict;
  const char *icon;
  const char *style;
} VerdictLook;

static const VerdictLook *
verdict_look (const char *verdict)
{
  static const VerdictLook looks[] = {
    { "valid", "emblem-ok-symbolic", "success" },
    { "invalid", "dialog-error-symbolic", "error" },
    { "unsigned", "dialog-question-symbolic", "dim-label" },
  };
  static const VerdictLook unknown = { NULL, "dialog-warning-symbolic", "warning" };

  /* Not verified yet looks like unsigned: nothing vouches for it so far. */
  if (verdict == NULL)
    return &looks[2];
  for (guint i = 0; i < G_N_ELEMENTS (looks); i++)
    if (strcmp (verdict, looks[i].verdict) == 0)
      return &looks[i];
  return &unknown;
}

/* The verdict's icon takes the look's icon name, and its css-classes the
 * look's colour. */
static gboolean
verdict_to_look (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  const VerdictLook *look = verdict_look (g_value_get_string (from));

  if (G_VALUE_HOLDS_STRING (to))
    g_value_set_string (to, look->icon);
  else
    g_value_take_boxed (to, g_strdupv ((char *[]) { (char *) look->style, NULL }));
  return TRUE;
}

/* One column: text bound to a property of the row, through a function
 * that turns codes into words where there are words for them. Its width is
 * given in characters, not taken from the rows (see new_cell_text()).
 * Columns the cache can order by are sortable; @ascending tells which way
 * the cache's own order for them runs. */
typedef struct
{
  const char            *title;
  const char            *property;
  GBindingTransformFunc  to_label;
  guint                  min_chars;
  guint                  nat_chars;
  gboolean               expand;
  gboolean               sortable;
  EcertCacheSort         sort;
  gboolean               ascending;
} Column;

static const Column columns[] = {
  { N_("Number"), "number", issuer_text_to_label, 15, 17, FALSE, TRUE, ECERT_CACHE_SORT_NUMBER,
    TRUE },
  { N_("Exporting Country"), "export-country", country_to_label, 10, 18, FALSE, TRUE,
    ECERT_CACHE_SORT_COUNTRY, TRUE },
  { N_("Commodity"), "commodity", issuer_text_to_label, 10, 18, TRUE, TRUE,
    ECERT_CACHE_SORT_COMMODITY, TRUE },
  { N_("Consignee"), "consignee", issuer_text_to_label, 10, 18, TRUE, FALSE, 0, FALSE },
  { N_("Issue Date"), "issued-date", issuer_text_to_label, 10, 10, FALSE, TRUE,
    ECERT_CACHE_SORT_ISSUED, FALSE },
  { N_("Status"), "status-code", status_to_label, 8, 10, FALSE, FALSE, 0, FALSE },
  { N_("Signature"), "verdict", verdict_to_label, 15, 17, FALSE, FALSE, 0, FALSE },
};

/* The narrowest width class at which each column is still shown: in a
 * phone-sized window the number and the verdict stay, whole. */
static const guint column_min_class[] = { 0, 1, 1, 2, 1, 2, 0 };

#define ISSUE_DATE_COLUMN 4
#define VERDICT_COLUMN 6

/* The verdicts a filter offers, in the order an inspector cares about. */
static const char *filter_verdicts[] = {
  "invalid", "untrusted", "not-authorised", "expired-signer", "unsupported", "unsigned",
  "valid", "unverified",
};

/* The statuses a filter offers: what the cache's query understands. */
static const struct {
  const char *status;
  const char *label;
} filter_statuses[] = {
  { "issued", N_("In force") },
  { "withdrawn", N_("Withdrawn") },
  { "replaced", N_("Replaced") },
};

static GQuark
binding_quark (void)
{
  return g_quark_from_static_string ("ecert-certificate-list-binding");
}

/* Screen readers read a cell by its accessible label. */
static void
cell_text_changed_cb (GtkInscription *inscription)
{
  const char *text = gtk_inscription_get_text (inscription);

  gtk_accessible_update_property (GTK_ACCESSIBLE (inscription),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text != NULL ? text : "",
                                  -1);
}

/* Text cut short is shown whole in a tooltip; text that fits has none. It
 * is laid out here, when pointed at, not for every row. */
static gboolean
cell_query_tooltip_cb (GtkInscription *inscription,
                       int             x,
                       int             y,
                       gboolean        keyboard_mode,
                       GtkTooltip     *tooltip)
{
  const char *text = gtk_inscription_get_text (inscription);
  g_autoptr(PangoLayout) layout = NULL;
  int width;

  if (text == NULL || *text == '\0')
    return FALSE;

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (inscription), text);
  pango_layout_get_pixel_size (layout, &width, NULL);
  if (width <= gtk_widget_get_width (GTK_WIDGET (inscription)))
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* A GtkInscription rather than a GtkLabel: its size does not depend on its
 * text, so the list measures its ~200 rows without laying out their text,
 * and only the rows on screen are laid out, when drawn. */
static GtkWidget *
new_cell_text (const Column *column)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 0);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), column->min_chars);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), column->nat_chars);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_set_hexpand (inscription, TRUE);
  g_signal_connect (inscription, "notify::text", G_CALLBACK (cell_text_changed_cb), NULL);
  gtk_widget_set_has_tooltip (inscription, TRUE);
  g_signal_connect (inscription, "query-tooltip", G_CALLBACK (cell_query_tooltip_cb), NULL);
  return inscription;
}

/* A broad search after a narrow one makes cells for some 200 rows at once:
 * in code, plainly, rather than from a template parsed for each cell. The
 * verdict's cell has its icon before the words. */
static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               const Column             *column)
{
  GtkWidget *box;
  GtkWidget *icon;

  if (g_strcmp0 (column->property, "verdict") != 0)
    {
      gtk_list_item_set_child (item, new_cell_text (column));
      return;
    }

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  icon = gtk_image_new ();
  g_object_set (icon, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), new_cell_text (column));
  gtk_list_item_set_child (item, box);
}

/* A cell's text for the row's value of @column. */
static char *
cell_text (GObject      *row,
           const Column *column)
{
  g_auto(GValue) from = G_VALUE_INIT;
  g_auto(GValue) to = G_VALUE_INIT;

  g_value_init (&from, G_TYPE_STRING);
  g_value_init (&to, G_TYPE_STRING);
  g_object_get_property (row, column->property, &from);
  column->to_label (NULL, &from, &to, NULL);
  return g_value_dup_string (&to);
}

/* A screen reader reads a row of the list by its name: the certificate's
 * number, exporting country, commodity and verdict, as the cells show
 * them. The row is the widget around the number's cell. */
static void
name_row_cb (GObject    *row,
             GParamSpec *pspec,
             GtkWidget  *number)
{
  GtkWidget *cell = gtk_widget_get_parent (number);
  GtkWidget *row_widget = cell != NULL ? gtk_widget_get_parent (cell) : NULL;
  char *texts[4] = { NULL };
  g_autofree char *name = NULL;
  static const guint named[] = { 0, 1, 2, VERDICT_COLUMN };

  if (row_widget == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    texts[i] = cell_text (row, &columns[named[i]]);
  /* Translators: how a screen reader names a certificate in the list: its
   * number (%1$s), exporting country (%2$s), commodity (%3$s) and signature
   * verdict (%4$s), such as "NZ-2026-000417, New Zealand (NZ), Kiwifruit,
   * Valid signature" */
  name = g_strdup_printf (_("%1$s, %2$s, %3$s, %4$s"), texts[0], texts[1], texts[2], texts[3]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row_widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    g_clear_pointer (&texts[i], g_free);
}

/* A row is filled in after it is shown (its page is read meanwhile): the
 * cell follows its property rather than copying it once. */
static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              const Column             *column)
{
  GObject *row = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  GPtrArray *bindings = g_ptr_array_new ();

  if (GTK_IS_BOX (child))
    {
      static const char *const looks[] = { "icon-name", "css-classes" };
      GtkWidget *icon = gtk_widget_get_first_child (child);

      for (guint i = 0; i < G_N_ELEMENTS (looks); i++)
        g_ptr_array_add (bindings,
                         g_object_bind_property_full (row, column->property, icon, looks[i],
                                                      G_BINDING_SYNC_CREATE, verdict_to_look,
                                                      NULL, NULL, NULL));
      child = gtk_widget_get_last_child (child);
    }

  g_ptr_array_add (bindings,
                   g_object_bind_property_full (row, column->property, child, "text",
                                                G_BINDING_SYNC_CREATE, column->to_label,
                                                NULL, NULL, NULL));
  g_object_set_qdata_full (G_OBJECT (item), binding_quark (), bindings,
                           (GDestroyNotify) g_ptr_array_unref);
  if (column == &columns[0])
    {
      g_signal_connect (row, "notify", G_CALLBACK (name_row_cb), child);
      name_row_cb (row, NULL, child);
    }
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                const Column             *column)
{
  g_autoptr(GPtrArray) bindings = g_object_steal_qdata (G_OBJECT (item), binding_quark ());

  if (column == &columns[0])
    g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), name_row_cb,
                                          gtk_list_item_get_child (item));
  for (guint i = 0; bindings != NULL && i < bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (bindings, i));
}

static GtkListItemFactory *
column_factory (const Column *column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), (gpointer) column);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), (gpointer) column);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), (gpointer) column);
  return factory;
}

/* The rows are ordered by SQLite, not by GTK: the column sorters only
 * carry the user's choice of column and direction. GTK 4.8 has no call
 * that reads the column view's primary sort column, so it is found by
 * asking the view's sorter to compare two rows: it asks the primary
 * column's sorter first, which says which column it is, and turns the
 * answer around when that column is sorted descending. */
static int probed_column = -1;

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  probed_column = GPOINTER_TO_INT (user_data);
  return GTK_ORDERING_LARGER;
}

static gboolean
find_primary_sort (EcertCertificateList *self,
                   guint                *column,
                   gboolean             *descending)
{
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering ordering;

  probed_column = -1;
  ordering = gtk_sorter_compare (gtk_column_view_get_sorter (self->column_view), a, b);
  if (probed_column < 0 || ordering == GTK_ORDERING_EQUAL)
    return FALSE;

  *column = (guint) probed_column;
  *descending = ordering == GTK_ORDERING_SMALLER;
  return TRUE;
}

static void
set_query (EcertCertificateList *self,
           EcertCacheQuery      *query);

static void
sort_changed_cb (EcertCertificateList *self)
{
  g_autoptr(EcertCacheQuery) query = NULL;
  guint column = ISSUE_DATE_COLUMN;
  gboolean descending = TRUE;

  if (self->model == NULL)
    return;

  /* No column chosen (a third click): the newest first, as at the start. */
  find_primary_sort (self, &column, &descending);
  query = ecert_cache_query_copy (ecert_cache_list_model_get_query (self->model));
  ecert_cache_query_set_sort (query, columns[column].sort);
  ecert_cache_query_set_reversed (query, columns[column].ascending == descending);
  set_query (self, query);
}

static void
add_columns (EcertCertificateList *self)
{
  g_type_ensure (ECERT_TYPE_CACHE_ROW);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column =
        gtk_column_view_column_new (_(columns[i].title), column_factory (&columns[i]));

      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (columns[i].sortable)
        {
          g_autoptr(GtkSorter) sorter =
            GTK_SORTER (gtk_custom_sorter_new (probe_compare, GINT_TO_POINTER (i), NULL));

          gtk_column_view_column_set_sorter (column, sorter);
        }
      gtk_column_view_append_column (self->column_view, column);
    }

  {
    g_autoptr(GtkColumnViewColumn) issue_date =
      g_list_model_get_item (gtk_column_view_get_columns (self->column_view), ISSUE_DATE_COLUMN);

    gtk_column_view_sort_by_column (self->column_view, issue_date, GTK_SORT_DESCENDING);
  }

  /* The row of column titles is named for what it is: GTK gives it no
   * name. */
  {
    GtkWidget *titles = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));

    if (titles != NULL && !GTK_IS_LIST_VIEW (titles))
      gtk_accessible_update_property (GTK_ACCESSIBLE (titles), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Column Titles"), -1);
  }
  g_signal_connect_swapped (gtk_column_view_get_sorter (self->column_view), "changed",
                            G_CALLBACK (sort_changed_cb), self);
}

static gboolean
filters_active (EcertCertificateList *self)
{
  return gtk_drop_down_get_selected (self->country_filter) > 0 ||
         gtk_drop_down_get_selected (self->status_filter) > 0 ||
         gtk_drop_down_get_selected (self->verdict_filter) > 0 ||
         gtk_entry_get_text_length (self->issued_from_entry) > 0 ||
         gtk_entry_get_text_length (self->issued_to_entry) > 0;
}

/* A date as typed; a wrong one is marked, and filters nothing until put
 * right, rather than emptying the list. */
static gboolean
read_date_entry (GtkEntry  *entry,
                 GDate    **date)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  *date = NULL;
  if (text[0] != '\0')
    *date = ecert_cache_parse_date (text, &error);

  if (error != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      return FALSE;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), NULL);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
  return TRUE;
}

static const char *
selected_country (EcertCertificateList *self)
{
  guint selected = gtk_drop_down_get_selected (self->country_filter);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || self->filter_countries == NULL ||
      selected > self->filter_countries->len)
    return NULL;

  return g_ptr_array_index (self->filter_countries, selected - 1);
}

static void
filter_changed_cb (EcertCertificateList *self)
{
  g_autoptr(EcertCacheQuery) query = NULL;
  g_autoptr(GDate) from = NULL;
  g_autoptr(GDate) to = NULL;
  guint status = gtk_drop_down_get_selected (self->status_filter);
  guint verdict = gtk_drop_down_get_selected (self->verdict_filter);
  gboolean dates_ok;

  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_filters_button), filters_active (self));
  dates_ok = read_date_entry (self->issued_from_entry, &from);
  dates_ok = read_date_entry (self->issued_to_entry, &to) && dates_ok;
  if (self->model == NULL || !dates_ok)
    return;

  query = ecert_cache_query_copy (ecert_cache_list_model_get_query (self->model));
  /* Every value offered comes from the lists above: none can be refused. */
  ecert_cache_query_set_country (query, selected_country (self), NULL);
  ecert_cache_query_set_status (query, status > 0 && status <= G_N_ELEMENTS (filter_statuses)
                                         ? filter_statuses[status - 1].status : NULL, NULL);
  ecert_cache_query_set_verdict (query, verdict > 0 && verdict <= G_N_ELEMENTS (filter_verdicts)
                                          ? filter_verdicts[verdict - 1] : NULL, NULL);
  ecert_cache_query_set_issued_range (query, from, to);
  set_query (self, query);
}

static void
clear_filters_cb (EcertCertificateList *self)
{
  gtk_drop_down_set_selected (self->country_filter, 0);
  gtk_drop_down_set_selected (self->status_filter, 0);
  gtk_drop_down_set_selected (self->verdict_filter, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->issued_from_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->issued_to_entry), "");
}

/* A filter's button says what it filters and by what, as its face shows:
 * "Status: In force". */
static void
name_filter_cb (GtkDropDown *filter)
{
  GtkStringObject *value = gtk_drop_down_get_selected_item (filter);
  const char *what = gtk_widget_get_tooltip_text (GTK_WIDGET (filter));

  if (value == NULL || what == NULL)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (filter)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      ecert_accessible_set_label_value (child, what, gtk_string_object_get_string (value));
}

/* The filters are Tab stops, not the boxes the flow box holds them in; a
 * box is left out of the way with its filter when that cannot be used. */
static void
set_up_filters (EcertCertificateList *self)
{
  GtkDropDown *filters[] = { self->country_filter, self->status_filter, self->verdict_filter };

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(GtkListItemFactory) factory = ecert_accessible_new_option_factory ();

      gtk_drop_down_set_list_factory (filters[i], factory);
      g_signal_connect (filters[i], "notify::selected-item", G_CALLBACK (name_filter_cb), NULL);
    }
  for (GtkWidget *box = gtk_widget_get_first_child (GTK_WIDGET (self->filters_box)); box != NULL;
       box = gtk_widget_get_next_sibling (box))
    {
      gtk_widget_set_focusable (box, FALSE);
      g_object_bind_property (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (box)), "sensitive",
                              box, "sensitive", G_BINDING_SYNC_CREATE);
    }
}

static void
fill_fixed_filters (EcertCertificateList *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) verdicts = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) countries = gtk_string_list_new (NULL);

  gtk_string_list_append (statuses, _("Any Status"));
  for (guint i = 0; i < G_N_ELEMENTS (filter_statuses); i++)
    gtk_string_list_append (statuses, _(filter_statuses[i].label));

  gtk_string_list_append (verdicts, _("Any Signature"));
  for (guint i = 0; i < G_N_ELEMENTS (filter_verdicts); i++)
    {
      g_autofree char *label = verdict_label (g_strcmp0 (filter_verdicts[i], "unverified") == 0
                                              ? NULL : filter_verdicts[i]);

      gtk_string_list_append (verdicts, label);
    }

  gtk_string_list_append (countries, _("All Countries"));

  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (statuses));
  gtk_drop_down_set_model (self->verdict_filter, G_LIST_MODEL (verdicts));
  gtk_drop_down_set_model (self->country_filter, G_LIST_MODEL (countries));
}

static void
export_countries_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(EcertCertificateList) self = user_data;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GtkStringList) countries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;
  guint selected = 0;

  codes = ecert_cache_list_export_countries_finish (ECERT_CACHE (source), result, &error);
  if (codes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot list the exporting countries: %s", error->message);
      return;
    }

  /* By name, as the list shows them; the choice made stays chosen while
   * the list of countries grows. */
  ecert_country_sort_by_name (codes);
  current = g_strdup (selected_country (self));
  countries = gtk_string_list_new (NULL);
  gtk_string_list_append (countries, _("All Countries"));
  for (guint i = 0; i < codes->len; i++)
    {
      g_autofree char *label = ecert_country_describe (g_ptr_array_index (codes, i));

      gtk_string_list_append (countries, label);
      if (g_strcmp0 (current, g_ptr_array_index (codes, i)) == 0)
        selected = i + 1;
    }

  g_signal_handlers_block_by_func (self->country_filter, filter_changed_cb, self);
  g_clear_pointer (&self->filter_countries, g_ptr_array_unref);
  self->filter_countries = g_steal_pointer (&codes);
  gtk_drop_down_set_model (self->country_filter, G_LIST_MODEL (countries));
  gtk_drop_down_set_selected (self->country_filter, selected);
  g_signal_handlers_unblock_by_func (self->country_filter, filter_changed_cb, self);
}

/* Countries arrive with every fetch: listed afresh whenever the filters
 * are shown. */
static void
refresh_countries (EcertCertificateList *self)
{
  if (self->model == NULL)
    return;

  ecert_cache_list_export_countries_async (ecert_cache_list_model_get_cache (self->model),
                                           self->cancellable, export_countries_cb,
                                           g_object_ref (self));
}

static void
filters_toggled_cb (EcertCertificateList *self,
                    GParamSpec           *pspec,
                    GtkToggleButton      *button)
{
  if (gtk_toggle_button_get_active (button))
    refresh_countries (self);
}

static void
update_count (EcertCertificateList *self)
{
  g_autofree char *text = NULL;
  guint n_rows;

  if (self->model == NULL || ecert_cache_list_model_get_loading (self->model))
    return;

  /* All the rows found, those held back for a frame included. */
  n_rows = ecert_cache_list_model_get_n_found (self->model);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u certificate", "%u certificates",
                                       n_rows), n_rows);
  gtk_label_set_text (self->count_label, text);
}

static void
update_visible_page (EcertCertificateList *self)
{
  guint n_rows = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  gboolean empty = n_rows == 0;

  update_count (self);

  gtk_stack_set_visible_child_name (self->stack, empty ? "no-results" : "list");
  if (empty && filters_active (self))
    adw_status_page_set_description (self->no_results_page,
                                     _("No certificate matches the search and the filters. "
                                       "Clear the filters to search all certificates."));
  else if (empty)
    adw_status_page_set_description (self->no_results_page,
                                     _("No e-certificate with this number or these words has "
                                       "been received. Check the number against the paper "
                                       "certificate; if it is right, treat the paper certificate "
                                       "as unverified."));
}

/* How many of another query's rows the model announces at first: those the
 * list has room for. GTK 4.8's list view makes widgets for 200 rows around
 * the top at once, which a broad search would wait for; the others come
 * after the first frame has shown these (see announce_held_rows()). */
static guint
rows_with_room (EcertCertificateList *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self->column_view));

  return (height > 0 ? height : DEFAULT_LIST_HEIGHT) / MIN_ROW_HEIGHT + 1;
}

static void
stop_waiting_for_paint (EcertCertificateList *self)
{
  if (self->frame_clock != NULL)
    g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  g_clear_object (&self->frame_clock);
  g_clear_handle_id (&self->held_rows_id, g_source_remove);
}

static void
after_paint_cb (EcertCertificateList *self)
{
  stop_waiting_for_paint (self);
  if (self->model != NULL)
    ecert_cache_list_model_announce_held_rows (self->model);
}

static gboolean
held_rows_cb (gpointer user_data)
{
  EcertCertificateList *self = user_data;

  self->held_rows_id = 0;
  after_paint_cb (self);
  return G_SOURCE_REMOVE;
}

/* Rows the model held back are announced once a frame has drawn those
 * before them, or soon if the list is not on screen to draw them; never
 * while the model is still announcing the others. */
static void
announce_held_rows (EcertCertificateList *self)
{
  GdkFrameClock *frame_clock;

  if (self->model == NULL || !ecert_cache_list_model_has_held_rows (self->model) ||
      self->after_paint_id != 0 || self->held_rows_id != 0)
    return;

  frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->column_view));
  if (frame_clock == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self->column_view)))
    {
      self->held_rows_id = g_idle_add (held_rows_cb, self);
      return;
    }

  self->frame_clock = g_object_ref (frame_clock);
  self->after_paint_id = g_signal_connect_swapped (frame_clock, "after-paint",
                                                   G_CALLBACK (after_paint_cb), self);
  gdk_frame_clock_request_phase (frame_clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

static void
items_changed_cb (EcertCertificateList *self)
{
  update_visible_page (self);
  announce_held_rows (self);
}

static void
search_changed_cb (EcertCertificateList *self)
{
  g_autoptr(EcertCacheQuery) query = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->model == NULL)
    return;

  /* GtkSearchEntry already waits for a pause in typing before it says so. */
  query = ecert_cache_query_copy (ecert_cache_list_model_get_query (self->model));
  ecert_cache_query_set_text (query, text);
  set_query (self, query);
}

static void
set_query (EcertCertificateList *self,
           EcertCacheQuery      *query)
{
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));

  /* Another query's results are shown from the top. The model refills the
   * rows at the top in place, which the view would not scroll to by itself. */
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_lower (vadjustment));
  ecert_cache_list_model_set_rows_at_first (self->model, rows_with_room (self));
  ecert_cache_list_model_set_query (self->model, query);
  update_visible_page (self);
}

static void
activate_cb (EcertCertificateList *self,
             guint                 position)
{
  g_autoptr(EcertCacheRow) row = NULL;

  if (self->model == NULL)
    return;

  row = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  /* A row still being fetched has no certificate to open yet. */
  if (row != NULL && ecert_cache_row_get_loaded (row))
    g_signal_emit (self, signals[CERTIFICATE_ACTIVATED], 0, ecert_cache_row_get_id (row));
}

/* What a barcode scanner does: types the number, then Enter. One exact
 * match opens at once; otherwise the search shows what there is. */
static void
search_activate_cb (EcertCertificateList *self)
{
  g_autoptr(GPtrArray) matches = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  EcertCacheRow *newest;

  if (self->model == NULL || text[0] == '\0')
    return;

  matches = ecert_cache_lookup_number (ecert_cache_list_model_get_cache (self->model), text,
                                       NULL, NULL);
  if (matches == NULL || matches->len == 0)
    return;

  /* Several documents may share a number (a withdrawal, a replacement):
   * the newest received is the one in force, and shows its history. */
  newest = g_ptr_array_index (matches, 0);
  for (guint i = 1; i < matches->len; i++)
    {
      EcertCacheRow *row = g_ptr_array_index (matches, i);

      if (ecert_cache_row_get_received_at (row) > ecert_cache_row_get_received_at (newest))
        newest = row;
    }

  g_signal_emit (self, signals[CERTIFICATE_ACTIVATED], 0, ecert_cache_row_get_id (newest));
}

/* Down from the search goes to the results, as in a file chooser: Tab
 * goes on to the filters. */
static gboolean
search_key_pressed_cb (EcertCertificateList  *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;

  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  return GDK_EVENT_STOP;
}

void
ecert_certificate_list_set_cache (EcertCertificateList *self,
                                  EcertCache           *cache)
{
  g_autoptr(EcertCacheQuery) query = ecert_cache_query_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (ECERT_IS_CERTIFICATE_LIST (self));

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  stop_waiting_for_paint (self);
  self->model = ecert_cache_list_model_new (cache, query);
  ecert_cache_list_model_set_rows_at_first (self->model, rows_with_room (self));
  g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (items_changed_cb), self);
  g_signal_connect_swapped (self->model, "notify::loading", G_CALLBACK (items_changed_cb), self);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  update_visible_page (self);
  if (gtk_toggle_button_get_active (self->filters_button))
    refresh_countries (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * ecert_certificate_list_get_model:
 *
 * Returns: (transfer none) (nullable): the rows shown
 */
GListModel *
ecert_certificate_list_get_model (EcertCertificateList *self)
{
  g_return_val_if_fail (ECERT_IS_CERTIFICATE_LIST (self), NULL);

  return self->model != NULL ? G_LIST_MODEL (self->model) : NULL;
}

void
ecert_certificate_list_focus_list (EcertCertificateList *self)
{
  g_return_if_fail (ECERT_IS_CERTIFICATE_LIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

void
ecert_certificate_list_focus_search (EcertCertificateList *self)
{
  g_return_if_fail (ECERT_IS_CERTIFICATE_LIST (self));

  /* Selected, so that the next number typed or scanned replaces the last. */
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/**
 * ecert_certificate_list_get_search_entry:
 *
 * Returns: (transfer none): the search field, for what types into it
 *   without a keyboard
 */
GtkEditable *
ecert_certificate_list_get_search_entry (EcertCertificateList *self)
{
  g_return_val_if_fail (ECERT_IS_CERTIFICATE_LIST (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

/**
 * ecert_certificate_list_get_vadjustment:
 *
 * Returns: (transfer none): the vertical scroll bar's adjustment
 */
GtkAdjustment *
ecert_certificate_list_get_vadjustment (EcertCertificateList *self)
{
  g_return_val_if_fail (ECERT_IS_CERTIFICATE_LIST (self), NULL);

  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
}

/* 0: phone-sized, 1: half a screen, 2: wide enough for every column. */
static guint
width_class_for (int width)
{
  if (width < 560)
    return 0;
  if (width < 800)
    return 1;
  return 2;
}

static gboolean
fit_columns_cb (gpointer user_data)
{
  EcertCertificateList *self = user_data;
  GListModel *view_columns = gtk_column_view_get_columns (self->column_view);

  self->fit_id = 0;
  for (guint i = 0; i < G_N_ELEMENTS (column_min_class); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (view_columns, i);

      gtk_column_view_column_set_visible (column, self->width_class >= column_min_class[i]);
    }

  return G_SOURCE_REMOVE;
}

/* The visible width of the list is the horizontal adjustment's page. The
 * columns change after the allocation that crossed a width class, never
 * during it. */
static void
visible_width_changed_cb (EcertCertificateList *self,
                          GParamSpec           *pspec,
                          GtkAdjustment        *adjustment)
{
  guint width_class = width_class_for ((int) gtk_adjustment_get_page_size (adjustment));

  if (width_class == self->width_class)
    return;

  self->width_class = width_class;
  if (self->fit_id == 0)
    self->fit_id = g_idle_add (fit_columns_cb, self);
}

static void
ecert_certificate_list_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  EcertCertificateList *self = ECERT_CERTIFICATE_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ecert_certificate_list_dispose (GObject *object)
{
  EcertCertificateList *self = ECERT_CERTIFICATE_LIST (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  stop_waiting_for_paint (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->filter_countries, g_ptr_array_unref);
  g_clear_handle_id (&self->fit_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), ECERT_TYPE_CERTIFICATE_LIST);

  G_OBJECT_CLASS (ecert_certificate_list_parent_class)->dispose (object);
}

static void
ecert_certificate_list_class_init (EcertCertificateListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ecert_certificate_list_dispose;
  object_class->get_property = ecert_certificate_list_get_property;

  /**
   * EcertCertificateList:model:
   *
   * The rows shown, once a cache is set.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ecert-certificate-list.ui");
  gtk_widget_class_bind_template_child (widget_class, EcertCertificateList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EcertCertificateList, column_view);
  gtk_widget_class_bind_template_child (widget_class, EcertCertificateList, stack);
  gtk_widget_class_bind_template_child (widget_class, EcertCertificateList, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, EcertCertificateList, country_filter);
  gtk_widget_class_bind_template_child (widget_class, EcertCertificateList, status_filter);
  gtk_widget_class_bind_template_child (widget_class, EcertCertificateList, verdict_filter);
  gtk_widget_class_bind_template_child (widget_class, EcertCertificateList, filters_box);
  gtk_widget_class_bind_template_child (widget_class, EcertCertificateList, issued_from_entry);
  gtk_widget_class_bind_template_child (widget_class, EcertCertificateList, issued_to_entry);
  gtk_widget_class_bind_template_child (widget_class, EcertCertificateList, clear_filters_button);
  gtk_widget_class_bind_template_child (widget_class, EcertCertificateList, filters_button);
  gtk_widget_class_bind_template_child (widget_class, EcertCertificateList, count_label);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_filters_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);

  /**
   * EcertCertificateList::certificate-activated:
   * @row: the certificate's row in the cache
   *
   * The user asked to open a certificate (Enter, or a double click).
   */
  signals[CERTIFICATE_ACTIVATED] =
    g_signal_new ("certificate-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
ecert_certificate_list_init (EcertCertificateList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->cancellable = g_cancellable_new ();
  self->width_class = 2;
  set_up_filters (self);
  fill_fixed_filters (self);
  add_columns (self);
  g_signal_connect_swapped (self->filters_button, "notify::active",
                            G_CALLBACK (filters_toggled_cb), self);
  g_signal_connect_swapped (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->column_view)),
                            "notify::page-size", G_CALLBACK (visible_width_changed_cb), self);

  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  }
}
