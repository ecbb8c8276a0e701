/* ecert-certificate-report.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A certificate in the cache goes by two names: EcertCacheRow, the light
 * row a list shows, and EcertStoredCertificate, everything a view shows.
 * This is neither: it is what an EcertStoredCertificate says, in words,
 * section by section, that the screen and the printed page both show.
 */

#pragma once

#include <glib.h>

#include "ecert-stored-certificate.h"

G_BEGIN_DECLS

/**
 * EcertReportTone:
 * @ECERT_REPORT_TONE_NOT_VERIFIED: the signature has not been verified yet
 * @ECERT_REPORT_TONE_VALID: the signature is valid and trusted
 * @ECERT_REPORT_TONE_UNSIGNED: there is no signature to check
 * @ECERT_REPORT_TONE_INVALID: the signature is broken
 * @ECERT_REPORT_TONE_WARNING: signed, but not by someone trusted for it
 *
 * How the verdict should strike the reader, whatever medium shows it.
 */
typedef enum
{
  ECERT_REPORT_TONE_NOT_VERIFIED,
  ECERT_REPORT_TONE_VALID,
  ECERT_REPORT_TONE_UNSIGNED,
  ECERT_REPORT_TONE_INVALID,
  ECERT_REPORT_TONE_WARNING,
} EcertReportTone;

/**
 * EcertReportRowKind:
 * @ECERT_REPORT_ROW_TEXT: a labelled value
 * @ECERT_REPORT_ROW_NUMBER: the certificate number, which people copy
 * @ECERT_REPORT_ROW_LINK: a related certificate; its cache row is @target
 * @ECERT_REPORT_ROW_ATTACHMENT: an attachment; its index is @attachment
 */
typedef enum
{
  ECERT_REPORT_ROW_TEXT,
  ECERT_REPORT_ROW_NUMBER,
  ECERT_REPORT_ROW_LINK,
  ECERT_REPORT_ROW_ATTACHMENT,
} EcertReportRowKind;

/**
 * EcertReportRow:
 * @kind: what the row stands for
 * @label: what the value is
 * @value: the value, never %NULL: a value the certificate did not give is
 *   said to be so
 * @given: whether the certificate gave the value
 * @target: (ECERT_REPORT_ROW_LINK) the related certificate's cache row, or
 *   0 when the cache does not hold it
 * @attachment: (ECERT_REPORT_ROW_ATTACHMENT) the index in
 *   ecert_certificate_get_attachments()
 *
 * The label and the value are ready to show: see ecert_text_sanitize().
 * The label holds one line, and so does the value, except in a
 * %ECERT_REPORT_ROW_TEXT row.
 */
typedef struct
{
  EcertReportRowKind  kind;
  char                *label;
  char                *value;
  gboolean             given;
  gint64               target;
  guint                attachment;
} EcertReportRow;

/**
 * EcertReportSection:
 * @title: the section's heading
 * @description: (nullable): what the reader should make of it
 * @rows: (element-type EcertReportRow): its rows, in reading order
 */
typedef struct
{
  char      *title;
  char      *description;
  GPtrArray *rows;
} EcertReportSection;

/**
 * EcertCertificateReport:
 * @number: (nullable): the certificate number, as shown
 * @tone: how the verdict should strike the reader
 * @verdict: the verdict, e.g. "Valid signature"
 * @reason: (nullable): why, in a sentence
 * @check: (nullable): how the verdict was reached: the signer and its
 *   certificate, the algorithms, when it was checked; %NULL before a check
 * @changed: (nullable): when a check made now gives another verdict than
 *   the stored one (the trust anchors changed since), a sentence that says
 *   so
 * @sections: (element-type EcertReportSection): the certificate, section by
 *   section in the order an inspector reads it
 *
 * What a certificate says, in words, in the order an inspector reads it:
 * the verdict first. The screen and the printed page show the same thing
 * because both show this. Every text in it is ready to show: the issuer's
 * control and bidi characters appear as <U+XXXX> (see
 * ecert_text_sanitize()).
 */
typedef struct
{
  char                *number;
  EcertReportTone     tone;
  char                *verdict;
  char                *reason;
  char                *changed;
  EcertReportSection *check;
  GPtrArray           *sections;
} EcertCertificateReport;

EcertCertificateReport *ecert_certificate_report_new   (const EcertStoredCertificate *stored);
EcertCertificateReport *ecert_certificate_report_ref   (EcertCertificateReport      *report);
void                     ecert_certificate_report_unref (EcertCertificateReport      *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertCertificateReport, ecert_certificate_report_unref)

G_END_DECLS
