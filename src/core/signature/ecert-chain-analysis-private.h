/* ecert-chain-analysis-private.h: what the trust anchors say of a signer's
 * chain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ecert-trust-store.h"

G_BEGIN_DECLS

/* What the trust anchors say of one chain of certificates. It depends only
 * on the certificates' bytes and the anchors, not on the moment (validity
 * windows are kept, and judged per verification), so the trust store keeps
 * it: an exporting country signs thousands of certificates with one chain,
 * and building and checking the path is most of a verification's cost. */
typedef struct
{
  /* Why the chain is outside the profile, or NULL; nothing else is
   * concluded then. */
  char      *refusal;
  gboolean   trusted;
  char      *other_country;
  char      *problems;
  gboolean   key_allows_signing;
  char      *signer_subject;
  char      *signer_issuer;
  char      *signer_serial;
  GPtrArray *subjects;          /* char *: path, then the anchor */
  GArray    *not_before;        /* gint64 per subject */
  GArray    *not_after;         /* gint64 per subject */
} EcertChainAnalysis;

EcertChainAnalysis *ecert_chain_analysis_get     (EcertTrustStore    *trust,
                                                  const char         *country,
                                                  GPtrArray          *ders,
                                                  GPtrArray          *chain);
void                ecert_chain_analysis_release (EcertChainAnalysis *analysis);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertChainAnalysis, ecert_chain_analysis_release)

G_END_DECLS
