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

#include "ecert-cache-list-model.h"
#include "ecert-cache-records.h"
#include "ecert-cache-row.h"
#include "ecert-certificate-list.h"
#include "ecert-codes.h"

struct _EcertCertificateList
{
  GtkWidget            parent_instance;

  EcertCacheListModel *model;

  GtkSearchEntry      *search_entry;
  GtkColumnView       *column_view;
  GtkStack            *stack;
  AdwStatusPage       *no_results_page;
};

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

static gboolean
status_to_label (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  const char *code = g_value_get_string (from);
  const char *label = ecert_codes_status_label (code);

  g_value_set_string (to, label != NULL ? label : (code != NULL ? code : ""));
  return TRUE;
}

static gboolean
verdict_to_label (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  const char *label = ecert_cache_verdict_label (g_value_get_string (from));

  /* No verdict yet: the certificate was stored before it could be checked. */
  g_value_set_string (to, label != NULL ? label : _("Not verified yet"));
  return TRUE;
}

/* One column: a label bound to a property of the row, through a function
 * that turns codes into words where there are words for them. */
typedef struct
{
  const char            *title;
  const char            *property;
  GBindingTransformFunc  to_label;
  gboolean               expand;
} Column;

static const Column columns[] = {
  { N_("Number"), "number", NULL, FALSE },
  { N_("Exporting Country"), "export-country", NULL, FALSE },
  { N_("Commodity"), "commodity", NULL, TRUE },
  { N_("Consignee"), "consignee", NULL, TRUE },
  { N_("Issue Date"), "issued-date", NULL, FALSE },
  { N_("Status"), "status-code", status_to_label, FALSE },
  { N_("Signature"), "verdict", verdict_to_label, FALSE },
};

static GQuark
binding_quark (void)
{
  return g_quark_from_static_string ("ecert-certificate-list-binding");
}

/* Every search replaces the rows on screen, so cells are made often: in
 * code, plainly, rather than from a template parsed for each cell. */
static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

/* A row is filled in after it is shown (its page is read meanwhile): the
 * label follows its property rather than copying it once. */
static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              const Column             *column)
{
  GBinding *binding = g_object_bind_property_full (gtk_list_item_get_item (item),
                                                   column->property,
                                                   gtk_list_item_get_child (item), "label",
                                                   G_BINDING_SYNC_CREATE, column->to_label,
                                                   NULL, NULL, NULL);

  g_object_set_qdata (G_OBJECT (item), binding_quark (), binding);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GBinding *binding = g_object_steal_qdata (G_OBJECT (item), binding_quark ());

  if (binding != NULL)
    g_binding_unbind (binding);
}

static GtkListItemFactory *
column_factory (const Column *column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), (gpointer) column);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), NULL);
  return factory;
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
      gtk_column_view_append_column (self->column_view, column);
    }
}

static void
update_visible_page (EcertCertificateList *self)
{
  gboolean empty = self->model == NULL ||
                   g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "no-results" : "list");
}

static void
items_changed_cb (EcertCertificateList *self)
{
  update_visible_page (self);
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
  ecert_cache_list_model_set_query (self->model, query);
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

  self->model = ecert_cache_list_model_new (cache, query);
  g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (items_changed_cb), self);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  update_visible_page (self);
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

static void
ecert_certificate_list_dispose (GObject *object)
{
  EcertCertificateList *self = ECERT_CERTIFICATE_LIST (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (self), ECERT_TYPE_CERTIFICATE_LIST);

  G_OBJECT_CLASS (ecert_certificate_list_parent_class)->dispose (object);
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
  add_columns (self);
}
