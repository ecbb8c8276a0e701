/* ecert-inquiry.h: an inquiry or response about a certificate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* An attachment larger than this is refused, and so are attachments that
 * together exceed the total: hubs and mail gateways on the way refuse
 * larger messages, and a refused inquiry helps no one at the border. */
#define ECERT_INQUIRY_MAX_ATTACHMENT_SIZE (10 * 1024 * 1024)
#define ECERT_INQUIRY_MAX_ATTACHMENTS_SIZE (25 * 1024 * 1024)

/**
 * EcertAcknowledgementStatus:
 * @ECERT_ACKNOWLEDGEMENT_STATUS_NONE: not chosen yet
 * @ECERT_ACKNOWLEDGEMENT_STATUS_ACCEPTED: the certificate is accepted
 * @ECERT_ACKNOWLEDGEMENT_STATUS_CONDITIONALLY_ACCEPTED: accepted on
 *   conditions the reason states
 * @ECERT_ACKNOWLEDGEMENT_STATUS_INFORMATION_ONLY: a message for information
 * @ECERT_ACKNOWLEDGEMENT_STATUS_DOCUMENT_REQUESTED: a document (a
 *   confirmation, a replacement) is asked to be raised and sent
 * @ECERT_ACKNOWLEDGEMENT_STATUS_REJECTED: the certificate is rejected
 * @ECERT_ACKNOWLEDGEMENT_STATUS_DOCUMENT_VALID: the certificate is
 *   currently valid (the issuer confirms it)
 * @ECERT_ACKNOWLEDGEMENT_STATUS_DOCUMENT_NOT_AVAILABLE: no such certificate
 *   is available (the issuer did not issue it)
 *
 * The StatusCode of an SPSAcknowledgementDocument. The schema types it as
 * an integer, and the numeric UN/CEFACT list of document statuses is code
 * list 1373 (UN/EDIFACT data element 1373, "Document status code"); these
 * are the codes of that list an inspector and an issuing NPPO exchange.
 */
typedef enum
{
  ECERT_ACKNOWLEDGEMENT_STATUS_NONE = 0,
  ECERT_ACKNOWLEDGEMENT_STATUS_ACCEPTED = 1,
  ECERT_ACKNOWLEDGEMENT_STATUS_CONDITIONALLY_ACCEPTED = 3,
  ECERT_ACKNOWLEDGEMENT_STATUS_INFORMATION_ONLY = 5,
  ECERT_ACKNOWLEDGEMENT_STATUS_DOCUMENT_REQUESTED = 7,
  ECERT_ACKNOWLEDGEMENT_STATUS_REJECTED = 8,
  ECERT_ACKNOWLEDGEMENT_STATUS_DOCUMENT_VALID = 10,
  ECERT_ACKNOWLEDGEMENT_STATUS_DOCUMENT_NOT_AVAILABLE = 11,
} EcertAcknowledgementStatus;

/**
 * EcertInquiryMeasure:
 * @ECERT_INQUIRY_MEASURE_NONE: no measure chosen
 * @ECERT_INQUIRY_MEASURE_RELEASED: the consignment was released
 * @ECERT_INQUIRY_MEASURE_DETAINED: detained until the reply arrives
 * @ECERT_INQUIRY_MEASURE_RE_EXPORT: to be sent back or on
 * @ECERT_INQUIRY_MEASURE_DESTRUCTION: to be destroyed
 * @ECERT_INQUIRY_MEASURE_TREATMENT: to be treated
 * @ECERT_INQUIRY_MEASURE_SAMPLED: sampled for testing
 * @ECERT_INQUIRY_MEASURE_REFUSED_ENTRY: refused entry
 *
 * What was done with the consignment at the border; several may apply.
 */
typedef enum
{
  ECERT_INQUIRY_MEASURE_NONE = 0,
  ECERT_INQUIRY_MEASURE_RELEASED = 1 << 0,
  ECERT_INQUIRY_MEASURE_DETAINED = 1 << 1,
  ECERT_INQUIRY_MEASURE_RE_EXPORT = 1 << 2,
  ECERT_INQUIRY_MEASURE_DESTRUCTION = 1 << 3,
  ECERT_INQUIRY_MEASURE_TREATMENT = 1 << 4,
  ECERT_INQUIRY_MEASURE_SAMPLED = 1 << 5,
  ECERT_INQUIRY_MEASURE_REFUSED_ENTRY = 1 << 6,
} EcertInquiryMeasure;

#define ECERT_INQUIRY_MEASURE_ALL ((EcertInquiryMeasure) ((1 << 7) - 1))

/**
 * EcertInquiryField:
 *
 * The parts of an inquiry a form shows, for validation problems.
 */
typedef enum
{
  ECERT_INQUIRY_FIELD_CERTIFICATE_NUMBER,
  ECERT_INQUIRY_FIELD_EXPORT_COUNTRY,
  ECERT_INQUIRY_FIELD_CERTIFICATE_TYPE,
  ECERT_INQUIRY_FIELD_STATUS,
  ECERT_INQUIRY_FIELD_MEASURES,
  ECERT_INQUIRY_FIELD_REASON,
  ECERT_INQUIRY_FIELD_INSPECTOR_NAME,
  ECERT_INQUIRY_FIELD_INSPECTION_LOCATION,
  ECERT_INQUIRY_FIELD_ISSUED_AT,
  ECERT_INQUIRY_FIELD_ATTACHMENTS,
} EcertInquiryField;

#define ECERT_INQUIRY_N_FIELDS (ECERT_INQUIRY_FIELD_ATTACHMENTS + 1)

/**
 * EcertInquiryProblem:
 * @field: where the problem is
 * @message: what is wrong, in words to show next to the field
 */
typedef struct
{
  EcertInquiryField  field;
  char              *message;
} EcertInquiryProblem;

/**
 * EcertInquiryReason:
 * @language: the ISO 639-1 code of the text's language, e.g. "en"
 * @text: the reason, in that language
 */
typedef struct
{
  char *language;
  char *text;
} EcertInquiryReason;

/**
 * EcertInquiryAttachment:
 * @filename: the file's name, without directories
 * @content_type: what the bytes are: image/jpeg, image/png or
 *   application/pdf
 * @data: the file's bytes
 */
typedef struct
{
  char   *filename;
  char   *content_type;
  GBytes *data;
} EcertInquiryAttachment;

#define ECERT_TYPE_INQUIRY_MEASURE (ecert_inquiry_measure_get_type ())
#define ECERT_TYPE_INQUIRY (ecert_inquiry_get_type ())

GType ecert_inquiry_measure_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (EcertInquiry, ecert_inquiry, ECERT, INQUIRY, GObject)

EcertInquiry         *ecert_inquiry_new                     (void);

const char           *ecert_inquiry_get_certificate_number  (EcertInquiry           *self);
void                  ecert_inquiry_set_certificate_number  (EcertInquiry           *self,
                                                             const char             *number);
const char           *ecert_inquiry_get_export_country      (EcertInquiry           *self);
void                  ecert_inquiry_set_export_country      (EcertInquiry           *self,
                                                             const char             *country);
const char           *ecert_inquiry_get_certificate_type    (EcertInquiry           *self);
void                  ecert_inquiry_set_certificate_type    (EcertInquiry           *self,
                                                             const char             *type_code);
guint                 ecert_inquiry_get_status              (EcertInquiry           *self);
void                  ecert_inquiry_set_status              (EcertInquiry           *self,
                                                             guint                   status);
EcertInquiryMeasure   ecert_inquiry_get_measures            (EcertInquiry           *self);
void                  ecert_inquiry_set_measures            (EcertInquiry           *self,
                                                             EcertInquiryMeasure     measures);
const char           *ecert_inquiry_get_inspector_name      (EcertInquiry           *self);
void                  ecert_inquiry_set_inspector_name      (EcertInquiry           *self,
                                                             const char             *name);
const char           *ecert_inquiry_get_inspection_location (EcertInquiry           *self);
void                  ecert_inquiry_set_inspection_location (EcertInquiry           *self,
                                                             const char             *location);
GDateTime            *ecert_inquiry_get_issued_at           (EcertInquiry           *self);
void                  ecert_inquiry_set_issued_at           (EcertInquiry           *self,
                                                             GDateTime              *issued_at);

GPtrArray            *ecert_inquiry_get_reasons             (EcertInquiry           *self);
const char           *ecert_inquiry_get_reason              (EcertInquiry           *self,
                                                             const char             *language);
void                  ecert_inquiry_set_reason              (EcertInquiry           *self,
                                                             const char             *language,
                                                             const char             *text);

GPtrArray            *ecert_inquiry_get_attachments         (EcertInquiry           *self);
gboolean              ecert_inquiry_add_attachment          (EcertInquiry           *self,
                                                             const char             *filename,
                                                             GBytes                 *data,
                                                             GError                **error);
gboolean              ecert_inquiry_check_attachment_size   (EcertInquiry           *self,
                                                             const char             *filename,
                                                             guint64                 size,
                                                             GError                **error);
gboolean              ecert_inquiry_add_attachment_file     (EcertInquiry           *self,
                                                             GFile                  *file,
                                                             GCancellable           *cancellable,
                                                             GError                **error);
void                  ecert_inquiry_remove_attachment       (EcertInquiry           *self,
                                                             guint                   index);

gboolean              ecert_inquiry_is_valid                (EcertInquiry           *self);
GPtrArray            *ecert_inquiry_get_problems            (EcertInquiry           *self);
const char           *ecert_inquiry_get_problem             (EcertInquiry           *self,
                                                             EcertInquiryField       field);

GBytes               *ecert_inquiry_to_draft                (EcertInquiry           *self);
EcertInquiry         *ecert_inquiry_new_from_draft          (GBytes                 *draft,
                                                             GError                **error);

/* The SPSAcknowledgement codec: ecert-inquiry-xml.c */
GBytes               *ecert_inquiry_to_xml                  (EcertInquiry           *self,
                                                             GError                **error);
EcertInquiry         *ecert_inquiry_new_from_xml            (const guint8           *data,
                                                             gsize                   length,
                                                             GError                **error);

const char           *ecert_inquiry_measure_to_code         (EcertInquiryMeasure     measure);
EcertInquiryMeasure   ecert_inquiry_measure_from_code       (const char             *code);

G_END_DECLS
