/* ecert-inquiry.c: an inquiry or response about a certificate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model a form edits: every change emits ::changed (for autosave) and
 * recomputes the problems, so that a form shows each message next to its
 * field and binds its Send button to :valid. An incomplete inquiry is a
 * normal state here; only serialising it for the hub insists on a valid
 * one. Drafts are a GVariant of the fields, which keeps whatever was typed,
 * valid or not.
 */

#define G_LOG_DOMAIN "ecert-inquiry"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ecert-codes.h"
#include "ecert-country.h"
#include "ecert-error.h"
#include "ecert-inquiry.h"

/* Texts longer than this are not a reason but a document: attach it. */
#define MAX_TEXT_LENGTH 4000
/* UN/CEFACT identifiers are at most 70 characters (an..70). */
#define MAX_NUMBER_LENGTH 70
/* How far ahead of this clock another desk's clock may be. */
#define CLOCK_SKEW_SECONDS (10 * 60)

#define DRAFT_TYPE "a{sv}"

struct _EcertInquiry
{
  GObject              parent_instance;

  char                *certificate_number;
  char                *export_country;
  char                *certificate_type;
  guint                status;
  EcertInquiryMeasure  measures;
  char                *inspector_name;
  char                *inspection_location;
  GDateTime           *issued_at;
  GPtrArray           *reasons;      /* EcertInquiryReason */
  GPtrArray           *attachments;  /* EcertInquiryAttachment */
  GPtrArray           *problems;     /* EcertInquiryProblem */
  gboolean             valid;
};

G_DEFINE_FINAL_TYPE (EcertInquiry, ecert_inquiry, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CERTIFICATE_NUMBER,
  PROP_EXPORT_COUNTRY,
  PROP_CERTIFICATE_TYPE,
  PROP_STATUS,
  PROP_MEASURES,
  PROP_INSPECTOR_NAME,
  PROP_INSPECTION_LOCATION,
  PROP_ISSUED_AT,
  PROP_VALID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The measures as they travel: stable codes, never translated. */
static const struct
{
  EcertInquiryMeasure  measure;
  const char          *code;
} measure_codes[] = {
  { ECERT_INQUIRY_MEASURE_RELEASED, "released" },
  { ECERT_INQUIRY_MEASURE_DETAINED, "detained" },
  { ECERT_INQUIRY_MEASURE_RE_EXPORT, "re-export" },
  { ECERT_INQUIRY_MEASURE_DESTRUCTION, "destruction" },
  { ECERT_INQUIRY_MEASURE_TREATMENT, "treatment" },
  { ECERT_INQUIRY_MEASURE_SAMPLED, "sampled" },
  { ECERT_INQUIRY_MEASURE_REFUSED_ENTRY, "refused-entry" },
};

GType
ecert_inquiry_measure_get_type (void)
{
  static gsize type = 0;
  static const GFlagsValue values[] = {
    { ECERT_INQUIRY_MEASURE_RELEASED, "ECERT_INQUIRY_MEASURE_RELEASED", "released" },
    { ECERT_INQUIRY_MEASURE_DETAINED, "ECERT_INQUIRY_MEASURE_DETAINED", "detained" },
    { ECERT_INQUIRY_MEASURE_RE_EXPORT, "ECERT_INQUIRY_MEASURE_RE_EXPORT", "re-export" },
    { ECERT_INQUIRY_MEASURE_DESTRUCTION, "ECERT_INQUIRY_MEASURE_DESTRUCTION", "destruction" },
    { ECERT_INQUIRY_MEASURE_TREATMENT, "ECERT_INQUIRY_MEASURE_TREATMENT", "treatment" },
    { ECERT_INQUIRY_MEASURE_SAMPLED, "ECERT_INQUIRY_MEASURE_SAMPLED", "sampled" },
    { ECERT_INQUIRY_MEASURE_REFUSED_ENTRY, "ECERT_INQUIRY_MEASURE_REFUSED_ENTRY",
      "refused-entry" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_flags_register_static ("EcertInquiryMeasure", values));

  return type;
}

/**
 * ecert_inquiry_measure_to_code:
 * @measure: a single measure
 *
 * Returns: (nullable): its code, e.g. "detained", or %NULL for a value that
 *   is not exactly one measure
 */
const char *
ecert_inquiry_measure_to_code (EcertInquiryMeasure measure)
{
  for (gsize i = 0; i < G_N_ELEMENTS (measure_codes); i++)
    if (measure_codes[i].measure == measure)
      return measure_codes[i].code;

  return NULL;
}

/**
 * ecert_inquiry_measure_from_code:
 *
 * Returns: the measure, or %ECERT_INQUIRY_MEASURE_NONE for an unknown code
 */
EcertInquiryMeasure
ecert_inquiry_measure_from_code (const char *code)
{
  for (gsize i = 0; code != NULL && i < G_N_ELEMENTS (measure_codes); i++)
    if (g_ascii_strcasecmp (measure_codes[i].code, code) == 0)
      return measure_codes[i].measure;

  return ECERT_INQUIRY_MEASURE_NONE;
}

static void
reason_free (EcertInquiryReason *reason)
{
  g_free (reason->language);
  g_free (reason->text);
  g_free (reason);
}

static void
attachment_free (EcertInquiryAttachment *attachment)
{
  g_free (attachment->filename);
  g_free (attachment->content_type);
  g_clear_pointer (&attachment->data, g_bytes_unref);
  g_free (attachment);
}

static void
problem_free (EcertInquiryProblem *problem)
{
  g_free (problem->message);
  g_free (problem);
}

/* Validation ---------------------------------------------------------------- */

static void G_GNUC_PRINTF (3, 4)
add_problem (GPtrArray         *problems,
             EcertInquiryField  field,
             const char        *format,
             ...)
{
  EcertInquiryProblem *problem = g_new0 (EcertInquiryProblem, 1);
  va_list args;

  va_start (args, format);
  problem->field = field;
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (problems, problem);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

/* XML 1.0 cannot carry most control characters, not even escaped: the
 * hub would refuse the whole inquiry. */
static gboolean
is_sendable (const char *text)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') || *p == 0x7f)
      return FALSE;

  return TRUE;
}

static void
check_sendable (GPtrArray         *problems,
                EcertInquiryField  field,
                const char        *text)
{
  if (!is_sendable (text))
    add_problem (problems, field, _("The text holds characters that cannot be sent"));
}

static void
check_certificate (EcertInquiry *self,
                   GPtrArray    *problems)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *country = NULL;

  if (is_blank (self->certificate_number))
    add_problem (problems, ECERT_INQUIRY_FIELD_CERTIFICATE_NUMBER,
                 _("Enter the number of the certificate"));
  else if (g_utf8_strlen (self->certificate_number, -1) > MAX_NUMBER_LENGTH)
    add_problem (problems, ECERT_INQUIRY_FIELD_CERTIFICATE_NUMBER,
                 g_dngettext (GETTEXT_PACKAGE,
                              "A certificate number has at most %d character",
                              "A certificate number has at most %d characters",
                              MAX_NUMBER_LENGTH), MAX_NUMBER_LENGTH);

  check_sendable (problems, ECERT_INQUIRY_FIELD_CERTIFICATE_NUMBER, self->certificate_number);

  if (is_blank (self->export_country))
    add_problem (problems, ECERT_INQUIRY_FIELD_EXPORT_COUNTRY,
                 _("Choose the country that issued the certificate"));
  else if ((country = ecert_country_code_normalize (self->export_country, &error)) == NULL)
    add_problem (problems, ECERT_INQUIRY_FIELD_EXPORT_COUNTRY, "%s", error->message);

  if (is_blank (self->certificate_type))
    add_problem (problems, ECERT_INQUIRY_FIELD_CERTIFICATE_TYPE,
                 _("Choose the type of the certificate"));
  else if (ecert_codes_document_type_label (self->certificate_type) == NULL)
    add_problem (problems, ECERT_INQUIRY_FIELD_CERTIFICATE_TYPE,
                 _("%s is not a certificate type this program knows"),
                 self->certificate_type);
}

static void
check_status (EcertInquiry *self,
              GPtrArray    *problems)
{
  g_autofree char *code = g_strdup_printf ("%u", self->status);

  if (self->status == ECERT_ACKNOWLEDGEMENT_STATUS_NONE)
    add_problem (problems, ECERT_INQUIRY_FIELD_STATUS, _("Choose a status"));
  else if (ecert_codes_acknowledgement_status_label (code) == NULL)
    add_problem (problems, ECERT_INQUIRY_FIELD_STATUS,
                 _("%u is not an acknowledgement status this program knows"), self->status);
}

static void
check_measures (EcertInquiry *self,
                GPtrArray    *problems)
{
  const EcertInquiryMeasure holding = ECERT_INQUIRY_MEASURE_DETAINED |
                                      ECERT_INQUIRY_MEASURE_RE_EXPORT |
                                      ECERT_INQUIRY_MEASURE_DESTRUCTION |
                                      ECERT_INQUIRY_MEASURE_REFUSED_ENTRY;

  if (self->measures == ECERT_INQUIRY_MEASURE_NONE)
    add_problem (problems, ECERT_INQUIRY_FIELD_MEASURES,
                 _("Choose at least one measure taken at the border"));
  else if ((self->measures & ECERT_INQUIRY_MEASURE_RELEASED) != 0 &&
           (self->measures & holding) != 0)
    add_problem (problems, ECERT_INQUIRY_FIELD_MEASURES,
                 _("A released consignment cannot also be detained, refused, re-exported or "
                   "destroyed"));
  else if ((self->measures & ECERT_INQUIRY_MEASURE_RE_EXPORT) != 0 &&
           (self->measures & ECERT_INQUIRY_MEASURE_DESTRUCTION) != 0)
    add_problem (problems, ECERT_INQUIRY_FIELD_MEASURES,
                 _("A consignment cannot be both re-exported and destroyed"));
}

static gboolean
is_language_code (const char *language)
{
  gsize length = language != NULL ? strlen (language) : 0;

  if (length < 2 || length > 3)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalpha (language[i]))
      return FALSE;

  return TRUE;
}

static void
check_reasons (EcertInquiry *self,
               GPtrArray    *problems)
{
  if (self->reasons->len == 0)
    {
      add_problem (problems, ECERT_INQUIRY_FIELD_REASON, _("Write the reason"));
      return;
    }

  for (guint i = 0; i < self->reasons->len; i++)
    {
      const EcertInquiryReason *reason = self->reasons->pdata[i];

      if (!is_language_code (reason->language))
        add_problem (problems, ECERT_INQUIRY_FIELD_REASON,
                     _("“%s” is not a language code such as “en” or “zh”"), reason->language);
      else if (g_utf8_strlen (reason->text, -1) > MAX_TEXT_LENGTH)
        add_problem (problems, ECERT_INQUIRY_FIELD_REASON,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "The reason is longer than %d character; attach a document "
                                  "instead",
                                  "The reason is longer than %d characters; attach a document "
                                  "instead", MAX_TEXT_LENGTH), MAX_TEXT_LENGTH);
      else
        check_sendable (problems, ECERT_INQUIRY_FIELD_REASON, reason->text);
    }
}

static void
check_inspection (EcertInquiry *self,
                  GPtrArray    *problems)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (is_blank (self->inspector_name))
    add_problem (problems, ECERT_INQUIRY_FIELD_INSPECTOR_NAME, _("Enter the inspector’s name"));
  if (is_blank (self->inspection_location))
    add_problem (problems, ECERT_INQUIRY_FIELD_INSPECTION_LOCATION,
                 _("Enter where the consignment was inspected"));
  check_sendable (problems, ECERT_INQUIRY_FIELD_INSPECTOR_NAME, self->inspector_name);
  check_sendable (problems, ECERT_INQUIRY_FIELD_INSPECTION_LOCATION, self->inspection_location);

  if (self->issued_at == NULL)
    add_problem (problems, ECERT_INQUIRY_FIELD_ISSUED_AT, _("Enter the date and time"));
  else if (g_date_time_difference (self->issued_at, now) > CLOCK_SKEW_SECONDS * G_TIME_SPAN_SECOND)
    add_problem (problems, ECERT_INQUIRY_FIELD_ISSUED_AT,
                 _("The date and time is in the future"));
}

static GPtrArray *
compute_problems (EcertInquiry *self)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);

  check_certificate (self, problems);
  check_status (self, problems);
  check_measures (self, problems);
  check_reasons (self, problems);
  check_inspection (self, problems);
  /* Attachments are checked as they are added: a file over the limit
   * never becomes part of the inquiry. */
  return problems;
}

/* Every change ends here: a form learns of it once, whatever changed. */
static void
changed (EcertInquiry *self,
         GParamSpec   *pspec)
{
  gboolean was_valid = self->valid;

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = compute_problems (self);
  self->valid = self->problems->len == 0;

  if (pspec != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
  if (was_valid != self->valid)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
set_string (EcertInquiry *self,
            char        **field,
            const char   *value,
            int           prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  changed (self, properties[prop]);
}

/* GObject ------------------------------------------------------------------- */

static void
ecert_inquiry_finalize (GObject *object)
{
  EcertInquiry *self = ECERT_INQUIRY (object);

  g_free (self->certificate_number);
  g_free (self->export_country);
  g_free (self->certificate_type);
  g_free (self->inspector_name);
  g_free (self->inspection_location);
  g_clear_pointer (&self->issued_at, g_date_time_unref);
  g_clear_pointer (&self->reasons, g_ptr_array_unref);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (ecert_inquiry_parent_class)->finalize (object);
}

static void
ecert_inquiry_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  EcertInquiry *self = ECERT_INQUIRY (object);

  switch (prop_id)
    {
    case PROP_CERTIFICATE_NUMBER:
      g_value_set_string (value, self->certificate_number);
      break;
    case PROP_EXPORT_COUNTRY:
      g_value_set_string (value, self->export_country);
      break;
    case PROP_CERTIFICATE_TYPE:
      g_value_set_string (value, self->certificate_type);
      break;
    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;
    case PROP_MEASURES:
      g_value_set_flags (value, self->measures);
      break;
    case PROP_INSPECTOR_NAME:
      g_value_set_string (value, self->inspector_name);
      break;
    case PROP_INSPECTION_LOCATION:
      g_value_set_string (value, self->inspection_location);
      break;
    case PROP_ISSUED_AT:
      g_value_set_boxed (value, self->issued_at);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ecert_inquiry_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  EcertInquiry *self = ECERT_INQUIRY (object);

  switch (prop_id)
    {
    case PROP_CERTIFICATE_NUMBER:
      ecert_inquiry_set_certificate_number (self, g_value_get_string (value));
      break;
    case PROP_EXPORT_COUNTRY:
      ecert_inquiry_set_export_country (self, g_value_get_string (value));
      break;
    case PROP_CERTIFICATE_TYPE:
      ecert_inquiry_set_certificate_type (self, g_value_get_string (value));
      break;
    case PROP_STATUS:
      ecert_inquiry_set_status (self, g_value_get_uint (value));
      break;
    case PROP_MEASURES:
      ecert_inquiry_set_measures (self, g_value_get_flags (value));
      break;
    case PROP_INSPECTOR_NAME:
      ecert_inquiry_set_inspector_name (self, g_value_get_string (value));
      break;
    case PROP_INSPECTION_LOCATION:
      ecert_inquiry_set_inspection_location (self, g_value_get_string (value));
      break;
    case PROP_ISSUED_AT:
      ecert_inquiry_set_issued_at (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                              G_PARAM_STATIC_STRINGS);
}

static void
ecert_inquiry_class_init (EcertInquiryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ecert_inquiry_finalize;
  object_class->get_property = ecert_inquiry_get_property;
  object_class->set_property = ecert_inquiry_set_property;

  properties[PROP_CERTIFICATE_NUMBER] = string_property ("certificate-number");
  /* An ISO 3166-1 alpha-2 code. */
  properties[PROP_EXPORT_COUNTRY] = string_property ("export-country");
  /* A UN/CEFACT 1001 document name code, e.g. "851". */
  properties[PROP_CERTIFICATE_TYPE] = string_property ("certificate-type");
  properties[PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL, 0, G_MAXINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MEASURES] =
    g_param_spec_flags ("measures", NULL, NULL, ECERT_TYPE_INQUIRY_MEASURE,
                        ECERT_INQUIRY_MEASURE_NONE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INSPECTOR_NAME] = string_property ("inspector-name");
  properties[PROP_INSPECTION_LOCATION] = string_property ("inspection-location");
  properties[PROP_ISSUED_AT] =
    g_param_spec_boxed ("issued-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the inquiry can be sent: a form's Send button binds to it. */
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EcertInquiry::changed:
   *
   * Something in the inquiry changed: a field, a reason, an attachment.
   * The problems are already up to date when it is emitted.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
ecert_inquiry_init (EcertInquiry *self)
{
  self->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) reason_free);
  self->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) attachment_free);
  self->problems = compute_problems (self);
}

EcertInquiry *
ecert_inquiry_new (void)
{
  return g_object_new (ECERT_TYPE_INQUIRY, NULL);
}

/* Accessors ----------------------------------------------------------------- */

const char *
ecert_inquiry_get_certificate_number (EcertInquiry *self)
{
  g_return_val_if_fail (ECERT_IS_INQUIRY (self), NULL);
  return self->certificate_number;
}

void
ecert_inquiry_set_certificate_number (EcertInquiry *self,
                                      const char   *number)
{
  g_return_if_fail (ECERT_IS_INQUIRY (self));
  set_string (self, &self->certificate_number, number, PROP_CERTIFICATE_NUMBER);
}

const char *
ecert_inquiry_get_export_country (EcertInquiry *self)
{
  g_return_val_if_fail (ECERT_IS_INQUIRY (self), NULL);
  return self->export_country;
}

void
ecert_inquiry_set_export_country (EcertInquiry *self,
                                  const char   *country)
{
  g_return_if_fail (ECERT_IS_INQUIRY (self));
  set_string (self, &self->export_country, country, PROP_EXPORT_COUNTRY);
}

const char *
ecert_inquiry_get_certificate_type (EcertInquiry *self)
{
  g_return_val_if_fail (ECERT_IS_INQUIRY (self), NULL);
  return self->certificate_type;
}

void
ecert_inquiry_set_certificate_type (EcertInquiry *self,
                                    const char   *type_code)
{
  g_return_if_fail (ECERT_IS_INQUIRY (self));
  set_string (self, &self->certificate_type, type_code, PROP_CERTIFICATE_TYPE);
}

guint
ecert_inquiry_get_status (EcertInquiry *self)
{
  g_return_val_if_fail (ECERT_IS_INQUIRY (self), 0);
  return self->status;
}

/**
 * ecert_inquiry_set_status:
 * @status: an #EcertAcknowledgementStatus; another number is kept (a reply
 *   may carry one) but is a validation problem
 */
void
ecert_inquiry_set_status (EcertInquiry *self,
                          guint         status)
{
  g_return_if_fail (ECERT_IS_INQUIRY (self));

  if (self->status == status)
    return;
  self->status = status;
  changed (self, properties[PROP_STATUS]);
}

EcertInquiryMeasure
ecert_inquiry_get_measures (EcertInquiry *self)
{
  g_return_val_if_fail (ECERT_IS_INQUIRY (self), ECERT_INQUIRY_MEASURE_NONE);
  return self->measures;
}

void
ecert_inquiry_set_measures (EcertInquiry        *self,
                            EcertInquiryMeasure  measures)
{
  g_return_if_fail (ECERT_IS_INQUIRY (self));

  measures &= ECERT_INQUIRY_MEASURE_ALL;
  if (self->measures == measures)
    return;
  self->measures = measures;
  changed (self, properties[PROP_MEASURES]);
}

const char *
ecert_inquiry_get_inspector_name (EcertInquiry *self)
{
  g_return_val_if_fail (ECERT_IS_INQUIRY (self), NULL);
  return self->inspector_name;
}

void
ecert_inquiry_set_inspector_name (EcertInquiry *self,
                                  const char   *name)
{
  g_return_if_fail (ECERT_IS_INQUIRY (self));
  set_string (self, &self->inspector_name, name, PROP_INSPECTOR_NAME);
}

const char *
ecert_inquiry_get_inspection_location (EcertInquiry *self)
{
  g_return_val_if_fail (ECERT_IS_INQUIRY (self), NULL);
  return self->inspection_location;
}

void
ecert_inquiry_set_inspection_location (EcertInquiry *self,
                                       const char   *location)
{
  g_return_if_fail (ECERT_IS_INQUIRY (self));
  set_string (self, &self->inspection_location, location, PROP_INSPECTION_LOCATION);
}

/**
 * ecert_inquiry_get_issued_at:
 *
 * Returns: (transfer none) (nullable): when the inquiry was written
 */
GDateTime *
ecert_inquiry_get_issued_at (EcertInquiry *self)
{
  g_return_val_if_fail (ECERT_IS_INQUIRY (self), NULL);
  return self->issued_at;
}

void
ecert_inquiry_set_issued_at (EcertInquiry *self,
                             GDateTime    *issued_at)
{
  g_return_if_fail (ECERT_IS_INQUIRY (self));

  if (self->issued_at == issued_at ||
      (self->issued_at != NULL && issued_at != NULL &&
       g_date_time_equal (self->issued_at, issued_at)))
    return;

  g_clear_pointer (&self->issued_at, g_date_time_unref);
  if (issued_at != NULL)
    self->issued_at = g_date_time_ref (issued_at);
  changed (self, properties[PROP_ISSUED_AT]);
}

/**
 * ecert_inquiry_get_reasons:
 *
 * Returns: (transfer none) (element-type EcertInquiryReason): the reason in
 *   each language, the first one being the main text
 */
GPtrArray *
ecert_inquiry_get_reasons (EcertInquiry *self)
{
  g_return_val_if_fail (ECERT_IS_INQUIRY (self), NULL);
  return self->reasons;
}

static gint
find_reason (EcertInquiry *self,
             const char   *language)
{
  for (guint i = 0; i < self->reasons->len; i++)
    {
      const EcertInquiryReason *reason = self->reasons->pdata[i];

      if (g_ascii_strcasecmp (reason->language, language) == 0)
        return (gint) i;
    }

  return -1;
}

/**
 * ecert_inquiry_get_reason:
 *
 * Returns: (nullable): the reason written in @language
 */
const char *
ecert_inquiry_get_reason (EcertInquiry *self,
                          const char   *language)
{
  gint index;

  g_return_val_if_fail (ECERT_IS_INQUIRY (self), NULL);
  g_return_val_if_fail (language != NULL, NULL);

  index = find_reason (self, language);
  return index >= 0 ? ((EcertInquiryReason *) self->reasons->pdata[index])->text : NULL;
}

/**
 * ecert_inquiry_set_reason:
 * @language: an ISO 639-1 code
 * @text: (nullable): the reason in that language; %NULL or blank removes it
 *
 * A new language is added after the others.
 */
void
ecert_inquiry_set_reason (EcertInquiry *self,
                          const char   *language,
                          const char   *text)
{
  gint index;

  g_return_if_fail (ECERT_IS_INQUIRY (self));
  g_return_if_fail (language != NULL);

  index = find_reason (self, language);
  if (is_blank (text))
    {
      if (index < 0)
        return;
      g_ptr_array_remove_index (self->reasons, (guint) index);
    }
  else if (index >= 0)
    {
      EcertInquiryReason *reason = self->reasons->pdata[index];

      if (g_strcmp0 (reason->text, text) == 0)
        return;
      g_free (reason->text);
      reason->text = g_strdup (text);
    }
  else
    {
      EcertInquiryReason *reason = g_new0 (EcertInquiryReason, 1);

      reason->language = g_ascii_strdown (language, -1);
      reason->text = g_strdup (text);
      g_ptr_array_add (self->reasons, reason);
    }

  changed (self, NULL);
}

/* Attachments --------------------------------------------------------------- */

/**
 * ecert_inquiry_get_attachments:
 *
 * Returns: (transfer none) (element-type EcertInquiryAttachment)
 */
GPtrArray *
ecert_inquiry_get_attachments (EcertInquiry *self)
{
  g_return_val_if_fail (ECERT_IS_INQUIRY (self), NULL);
  return self->attachments;
}

/* What a file is, from its first bytes: its name may say anything. */
static const char *
sniff_content_type (GBytes *data)
{
  gsize size;
  const guint8 *bytes = g_bytes_get_data (data, &size);

  if (size >= 3 && bytes[0] == 0xff && bytes[1] == 0xd8 && bytes[2] == 0xff)
    return "image/jpeg";
  if (size >= 8 && memcmp (bytes, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (size >= 5 && memcmp (bytes, "%PDF-", 5) == 0)
    return "application/pdf";

  return NULL;
}

static guint64
attachments_size (EcertInquiry *self)
{
  guint64 total = 0;

  for (guint i = 0; i < self->attachments->len; i++)
    total += g_bytes_get_size (((EcertInquiryAttachment *) self->attachments->pdata[i])->data);

  return total;
}

/**
 * ecert_inquiry_check_attachment_size:
 * @filename: the file's name, for the message
 * @size: its size in bytes
 *
 * Refuses a file of @size before anyone reads it, when that is known: a
 * photo too large, or one that would not fit with those already attached.
 *
 * Returns: whether it may be attached; %FALSE with @error set otherwise
 */
gboolean
ecert_inquiry_check_attachment_size (EcertInquiry  *self,
                                     const char    *filename,
                                     guint64        size,
                                     GError       **error)
{
  g_autofree char *limit = NULL;
  g_autofree char *actual = NULL;

  g_return_val_if_fail (ECERT_IS_INQUIRY (self), FALSE);

  if (size > ECERT_INQUIRY_MAX_ATTACHMENT_SIZE)
    {
      limit = g_format_size_full (ECERT_INQUIRY_MAX_ATTACHMENT_SIZE, G_FORMAT_SIZE_IEC_UNITS);
      actual = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_TOO_LARGE,
                   _("%s is %s; an attachment may be at most %s"), filename, actual, limit);
      return FALSE;
    }

  if (attachments_size (self) + size > ECERT_INQUIRY_MAX_ATTACHMENTS_SIZE)
    {
      limit = g_format_size_full (ECERT_INQUIRY_MAX_ATTACHMENTS_SIZE, G_FORMAT_SIZE_IEC_UNITS);
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_TOO_LARGE,
                   _("%s does not fit: the attachments of an inquiry may be at most %s "
                     "together"), filename, limit);
      return FALSE;
    }

  return TRUE;
}

/**
 * ecert_inquiry_add_attachment:
 * @filename: the file's name; directories are dropped
 * @data: its bytes: a JPEG or PNG photo, or a PDF
 *
 * Returns: %TRUE when added, or %FALSE with @error set:
 *   %ECERT_ERROR_TOO_LARGE over the size limits, %ECERT_ERROR_INVALID_ARGUMENT
 *   for another kind of file
 */
gboolean
ecert_inquiry_add_attachment (EcertInquiry  *self,
                              const char    *filename,
                              GBytes        *data,
                              GError       **error)
{
  g_autofree char *name = NULL;
  EcertInquiryAttachment *attachment;
  const char *content_type;

  g_return_val_if_fail (ECERT_IS_INQUIRY (self), FALSE);
  g_return_val_if_fail (filename != NULL && data != NULL, FALSE);

  name = g_path_get_basename (filename);
  if (!ecert_inquiry_check_attachment_size (self, name, g_bytes_get_size (data), error))
    return FALSE;

  content_type = sniff_content_type (data);
  if (content_type == NULL)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                   _("%s is not a JPEG or PNG photo or a PDF document"), name);
      return FALSE;
    }

  attachment = g_new0 (EcertInquiryAttachment, 1);
  attachment->filename = g_steal_pointer (&name);
  attachment->content_type = g_strdup (content_type);
  attachment->data = g_bytes_ref (data);
  g_ptr_array_add (self->attachments, attachment);
  changed (self, NULL);
  return TRUE;
}

/**
 * ecert_inquiry_add_attachment_file:
 *
 * Reads @file and adds it. A file over the limits is refused before it is
 * read. Blocking: call it from a worker thread in a GUI.
 */
gboolean
ecert_inquiry_add_attachment_file (EcertInquiry  *self,
                                   GFile         *file,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (ECERT_IS_INQUIRY (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return FALSE;

  name = g_file_get_basename (file);
  if (!ecert_inquiry_check_attachment_size (self, name, (guint64) g_file_info_get_size (info),
                                            error))
    return FALSE;

  data = g_file_load_bytes (file, cancellable, NULL, error);
  if (data == NULL)
    return FALSE;

  return ecert_inquiry_add_attachment (self, name, data, error);
}

void
ecert_inquiry_remove_attachment (EcertInquiry *self,
                                 guint         index)
{
  g_return_if_fail (ECERT_IS_INQUIRY (self));
  g_return_if_fail (index < self->attachments->len);

  g_ptr_array_remove_index (self->attachments, index);
  changed (self, NULL);
}

/* Problems ------------------------------------------------------------------ */

gboolean
ecert_inquiry_is_valid (EcertInquiry *self)
{
  g_return_val_if_fail (ECERT_IS_INQUIRY (self), FALSE);
  return self->valid;
}

/**
 * ecert_inquiry_get_problems:
 *
 * Returns: (transfer none) (element-type EcertInquiryProblem): what keeps
 *   the inquiry from being sent, in the order of the form; empty when valid
 */
GPtrArray *
ecert_inquiry_get_problems (EcertInquiry *self)
{
  g_return_val_if_fail (ECERT_IS_INQUIRY (self), NULL);
  return self->problems;
}

/**
 * ecert_inquiry_get_problem:
 *
 * Returns: (nullable): the first problem with @field, to show next to it
 */
const char *
ecert_inquiry_get_problem (EcertInquiry      *self,
                           EcertInquiryField  field)
{
  g_return_val_if_fail (ECERT_IS_INQUIRY (self), NULL);

  for (guint i = 0; i < self->problems->len; i++)
    {
      const EcertInquiryProblem *problem = self->problems->pdata[i];

      if (problem->field == field)
        return problem->message;
    }

  return NULL;
}

/* Drafts -------------------------------------------------------------------- */

static void
add_string (GVariantBuilder *builder,
            const char      *key,
            const char      *value)
{
  if (value != NULL)
    g_variant_builder_add (builder, "{sv}", key, g_variant_new_string (value));
}

/**
 * ecert_inquiry_to_draft:
 *
 * Returns: (transfer full): everything in the inquiry, valid or not, for
 *   ecert_inquiry_new_from_draft()
 */
GBytes *
ecert_inquiry_to_draft (EcertInquiry *self)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE (DRAFT_TYPE));
  g_auto(GVariantBuilder) reasons = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a(ss)"));
  g_auto(GVariantBuilder) attachments = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a(ssay)"));
  g_autoptr(GVariant) draft = NULL;

  g_return_val_if_fail (ECERT_IS_INQUIRY (self), NULL);

  add_string (&builder, "certificate-number", self->certificate_number);
  add_string (&builder, "export-country", self->export_country);
  add_string (&builder, "certificate-type", self->certificate_type);
  g_variant_builder_add (&builder, "{sv}", "status", g_variant_new_uint32 (self->status));
  g_variant_builder_add (&builder, "{sv}", "measures", g_variant_new_uint32 (self->measures));
  add_string (&builder, "inspector-name", self->inspector_name);
  add_string (&builder, "inspection-location", self->inspection_location);
  if (self->issued_at != NULL)
    g_variant_builder_add (&builder, "{sv}", "issued-at",
                           g_variant_new_int64 (g_date_time_to_unix (self->issued_at)));

  for (guint i = 0; i < self->reasons->len; i++)
    {
      const EcertInquiryReason *reason = self->reasons->pdata[i];

      g_variant_builder_add (&reasons, "(ss)", reason->language, reason->text);
    }
  g_variant_builder_add (&builder, "{sv}", "reasons", g_variant_builder_end (&reasons));

  for (guint i = 0; i < self->attachments->len; i++)
    {
      const EcertInquiryAttachment *attachment = self->attachments->pdata[i];
      gsize size;
      gconstpointer data = g_bytes_get_data (attachment->data, &size);

      g_variant_builder_add (&attachments, "(ss@ay)", attachment->filename,
                             attachment->content_type,
                             g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, data, size, 1));
    }
  g_variant_builder_add (&builder, "{sv}", "attachments", g_variant_builder_end (&attachments));

  draft = g_variant_ref_sink (g_variant_builder_end (&builder));
  return g_variant_get_data_as_bytes (draft);
}

static void
restore_attachments (EcertInquiry *self,
                     GVariant     *attachments)
{
  GVariantIter iter;
  const char *filename, *content_type;
  GVariant *data;

  g_variant_iter_init (&iter, attachments);
  while (g_variant_iter_next (&iter, "(&s&s@ay)", &filename, &content_type, &data))
    {
      EcertInquiryAttachment *attachment = g_new0 (EcertInquiryAttachment, 1);

      attachment->filename = g_strdup (filename);
      attachment->content_type = g_strdup (content_type);
      attachment->data = g_variant_get_data_as_bytes (data);
      g_ptr_array_add (self->attachments, attachment);
      g_variant_unref (data);
    }
}

/**
 * ecert_inquiry_new_from_draft:
 *
 * Returns: (transfer full): the inquiry as it was saved, or %NULL with
 *   @error set (%ECERT_ERROR_INVALID_CONTENT) when @draft is not a draft
 */
EcertInquiry *
ecert_inquiry_new_from_draft (GBytes  *draft,
                              GError **error)
{
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) reasons = NULL;
  g_autoptr(GVariant) attachments = NULL;
  g_autoptr(EcertInquiry) self = NULL;
  GVariantDict dict;
  const char *text;
  guint32 number;
  gint64 seconds;

  g_return_val_if_fail (draft != NULL, NULL);

  variant = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (DRAFT_TYPE), draft,
                                                          FALSE));
  if (!g_variant_is_normal_form (variant))
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_INVALID_CONTENT,
                           _("The draft is damaged and cannot be opened"));
      return NULL;
    }

  self = ecert_inquiry_new ();
  g_variant_dict_init (&dict, variant);
  if (g_variant_dict_lookup (&dict, "certificate-number", "&s", &text))
    self->certificate_number = g_strdup (text);
  if (g_variant_dict_lookup (&dict, "export-country", "&s", &text))
    self->export_country = g_strdup (text);
  if (g_variant_dict_lookup (&dict, "certificate-type", "&s", &text))
    self->certificate_type = g_strdup (text);
  if (g_variant_dict_lookup (&dict, "status", "u", &number))
    self->status = number;
  if (g_variant_dict_lookup (&dict, "measures", "u", &number))
    self->measures = number & ECERT_INQUIRY_MEASURE_ALL;
  if (g_variant_dict_lookup (&dict, "inspector-name", "&s", &text))
    self->inspector_name = g_strdup (text);
  if (g_variant_dict_lookup (&dict, "inspection-location", "&s", &text))
    self->inspection_location = g_strdup (text);
  if (g_variant_dict_lookup (&dict, "issued-at", "x", &seconds))
    self->issued_at = g_date_time_new_from_unix_utc (seconds);

  reasons = g_variant_dict_lookup_value (&dict, "reasons", G_VARIANT_TYPE ("a(ss)"));
  for (gsize i = 0; reasons != NULL && i < g_variant_n_children (reasons); i++)
    {
      EcertInquiryReason *reason = g_new0 (EcertInquiryReason, 1);

      g_variant_get_child (reasons, i, "(ss)", &reason->language, &reason->text);
      g_ptr_array_add (self->reasons, reason);
    }

  attachments = g_variant_dict_lookup_value (&dict, "attachments", G_VARIANT_TYPE ("a(ssay)"));
  if (attachments != NULL)
    restore_attachments (self, attachments);
  g_variant_dict_clear (&dict);

  changed (self, NULL);
  return g_steal_pointer (&self);
}
