/* ecert-certificate-summary.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ecert-stored-certificate.h"

G_BEGIN_DECLS

/**
 * EcertSummaryTone:
 * @ECERT_SUMMARY_TONE_NOT_VERIFIED: the signature has not been verified yet
 * @ECERT_SUMMARY_TONE_VALID: the signature is valid and trusted
 * @ECERT_SUMMARY_TONE_UNSIGNED: there is no signature to check
 * @ECERT_SUMMARY_TONE_INVALID: the signature is broken
 * @ECERT_SUMMARY_TONE_WARNING: signed, but not by someone trusted for it
 *
 * How the verdict should strike the reader, whatever medium shows it.
 */
typedef enum
{
  ECERT_SUMMARY_TONE_NOT_VERIFIED,
  ECERT_SUMMARY_TONE_VALID,
  ECERT_SUMMARY_TONE_UNSIGNED,
  ECERT_SUMMARY_TONE_INVALID,
  ECERT_SUMMARY_TONE_WARNING,
} EcertSummaryTone;

/**
 * EcertSummaryRowKind:
 * @ECERT_SUMMARY_ROW_TEXT: a labelled value
 * @ECERT_SUMMARY_ROW_NUMBER: the certificate number, which people copy
 * @ECERT_SUMMARY_ROW_LINK: a related certificate; its cache row is @target
 * @ECERT_SUMMARY_ROW_ATTACHMENT: an attachment; its index is @attachment
 */
typedef enum
{
  ECERT_SUMMARY_ROW_TEXT,
  ECERT_SUMMARY_ROW_NUMBER,
  ECERT_SUMMARY_ROW_LINK,
  ECERT_SUMMARY_ROW_ATTACHMENT,
} EcertSummaryRowKind;

/**
 * EcertSummaryRow:
 * @kind: what the row stands for
 * @label: what the value is
 * @value: the value, never %NULL: a value the certificate did not give is
 *   said to be so
 * @given: whether the certificate gave the value
 * @target: (ECERT_SUMMARY_ROW_LINK) the related certificate's cache row, or
 *   0 when the cache does not hold it
 * @attachment: (ECERT_SUMMARY_ROW_ATTACHMENT) the index in
 *   ecert_certificate_get_attachments()
 *
 * The label and the value are ready to show: see ecert_text_sanitize().
 * The label holds one line, and so does the value, except in a
 * %ECERT_SUMMARY_ROW_TEXT row.
 */
typedef struct
{
  EcertSummaryRowKind  kind;
  char                *label;
  char                *value;
  gboolean             given;
  gint64               target;
  guint                attachment;
} EcertSummaryRow;

/**
 * EcertSummarySection:
 * @title: the section's heading
 * @description: (nullable): what the reader should make of it
 * @rows: (element-type EcertSummaryRow): its rows, in reading order
 */
typedef struct
{
  char      *title;
  char      *description;
  GPtrArray *rows;
} EcertSummarySection;

/**
 * EcertCertificateSummary:
 * @number: (nullable): the certificate number, as shown
 * @tone: how the verdict should strike the reader
 * @verdict: the verdict, e.g. "Valid signature"
 * @reason: (nullable): why, in a sentence
 * @check: (nullable): how the verdict was reached: the signer and its
 *   certificate, the algorithms, when it was checked; %NULL before a check
 * @changed: (nullable): when a check made now gives another verdict than
 *   the stored one (the trust anchors changed since), a sentence that says
 *   so
 * @sections: (element-type EcertSummarySection): the certificate, section by
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
  EcertSummaryTone     tone;
  char                *verdict;
  char                *reason;
  char                *changed;
  EcertSummarySection *check;
  GPtrArray           *sections;
} EcertCertificateSummary;

EcertCertificateSummary *ecert_certificate_summary_new   (const EcertStoredCertificate *stored);
EcertCertificateSummary *ecert_certificate_summary_ref   (EcertCertificateSummary      *summary);
void                     ecert_certificate_summary_unref (EcertCertificateSummary      *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertCertificateSummary, ecert_certificate_summary_unref)

G_END_DECLS
