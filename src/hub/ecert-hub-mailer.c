/* ecert-hub-mailer.c: the hub pushes certificates by mail, as partners do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Some partners push certificates over mail instead of (or beside) the
 * hub. For the demonstration and the tests, the hub can play them: every
 * envelope addressed to the desk's country is also sent as a mail with the
 * certificate's XML attached, from the exporting NPPO, into a Maildir. A
 * third of the messages are signed with S/MIME by the NPPO's signer with a
 * detached signature, a third with an opaque one, and a third not at all,
 * so that every kind a desk meets is there.
 */

#define G_LOG_DOMAIN "ecert-hub-mailer"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-hub-mailer.h"
#include "ecert-hub-pki.h"

#define MAILDIR_PREFIX "maildir:"

struct _EcertHubMailer
{
  GObject     parent_instance;

  char       *hub_directory;
  char       *maildir;
  char       *country;
  GHashTable *signers;    /* country → EcertSigningKey */
  guint       sequence;
};

G_DEFINE_FINAL_TYPE (EcertHubMailer, ecert_hub_mailer, G_TYPE_OBJECT)

static void
ecert_hub_mailer_finalize (GObject *object)
{
  EcertHubMailer *self = ECERT_HUB_MAILER (object);

  g_free (self->hub_directory);
  g_free (self->maildir);
  g_free (self->country);
  g_clear_pointer (&self->signers, g_hash_table_unref);

  G_OBJECT_CLASS (ecert_hub_mailer_parent_class)->finalize (object);
}

static void
ecert_hub_mailer_class_init (EcertHubMailerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ecert_hub_mailer_finalize;
}

static void
ecert_hub_mailer_init (EcertHubMailer *self)
{
  self->signers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) ecert_signing_key_free);
}

/**
 * ecert_hub_mailer_new:
 * @hub_directory: the hub, whose NPPO signers sign the mail
 * @target: where mail goes: "maildir:DIRECTORY"
 * @country: the importing country whose certificates are mailed
 *
 * Returns: (transfer full): the mailer, or %NULL with @error set
 */
EcertHubMailer *
ecert_hub_mailer_new (const char  *hub_directory,
                      const char  *target,
                      const char  *country,
                      GError     **error)
{
  EcertHubMailer *self;

  if (!g_str_has_prefix (target, MAILDIR_PREFIX) || target[strlen (MAILDIR_PREFIX)] == '\0')
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                   _("Mail can go to a Maildir only, written as maildir:DIRECTORY, not “%s”"),
                   target);
      return NULL;
    }

  self = g_object_new (ECERT_TYPE_HUB_MAILER, NULL);
  self->hub_directory = g_strdup (hub_directory);
  self->maildir = g_strdup (target + strlen (MAILDIR_PREFIX));
  self->country = g_strdup (country);
  return self;
}

static EcertSigningKey *
signer_for (EcertHubMailer  *self,
            const char      *country,
            GError         **error)
{
  EcertSigningKey *key = g_hash_table_lookup (self->signers, country);

  if (key == NULL)
    {
      key = ecert_hub_pki_load_signer (self->hub_directory, country, error);
      if (key == NULL)
        return NULL;
      g_hash_table_insert (self->signers, g_strdup (country), key);
    }
  return key;
}

static gboolean
mail_envelope (EcertHubMailer       *self,
               const EcertEnvelope  *envelope,
               GError              **error)
{
  const EcertEnvelopeHeader *header = envelope->header;
  EcertMailSigning signing = (EcertMailSigning) (self->sequence++ % 3);
  g_autoptr(GBytes) certificate = NULL;
  g_autoptr(GBytes) message = NULL;
  g_autofree char *from = g_strdup_printf ("NPPO %s <ecert@nppo-%s.example>", header->from,
                                           header->from);
  g_autofree char *to = g_strdup_printf ("<ecert@nppo-%s.example>", header->to);
  /* Translators: the subject of a mail that carries a certificate */
  g_autofree char *subject = g_strdup_printf (_("Phytosanitary certificate %s"),
                                              header->nppo_certificate_number);
  g_autofree char *message_id = g_strdup_printf ("%s@hub.ecert.example",
                                                 header->hub_delivery_number);
  g_autofree char *file_name = g_strdup_printf ("%s.xml", header->nppo_certificate_number);
  g_autofree char *delivered = NULL;
  EcertSigningKey *key = NULL;

  certificate = ecert_content_decode_document (envelope->content, strlen (envelope->content),
                                               error);
  if (certificate == NULL)
    return FALSE;

  if (signing != ECERT_MAIL_SIGN_NONE && (key = signer_for (self, header->from, error)) == NULL)
    return FALSE;

  message = ecert_mail_compose (from, to, subject, message_id, certificate, file_name, key,
                                signing, error);
  if (message == NULL)
    return FALSE;

  delivered = ecert_maildir_deliver (self->maildir, message, error);
  return delivered != NULL;
}

/**
 * ecert_hub_mailer_send_pending:
 * @sent: (out) (optional): how many were mailed
 *
 * Mails every certificate addressed to the mailer's country that has not
 * been mailed yet, and records each as mailed once it is in the Maildir.
 */
gboolean
ecert_hub_mailer_send_pending (EcertHubMailer  *self,
                               EcertHubStore   *store,
                               guint           *sent,
                               GError         **error)
{
  g_autoptr(GPtrArray) envelopes = ecert_hub_store_list_unmailed (store, self->country, error);

  if (sent != NULL)
    *sent = 0;
  if (envelopes == NULL)
    return FALSE;

  for (guint i = 0; i < envelopes->len; i++)
    {
      const EcertEnvelope *envelope = g_ptr_array_index (envelopes, i);

      if (!mail_envelope (self, envelope, error) ||
          !ecert_hub_store_mark_mailed (store, envelope->header->hub_delivery_number, error))
        return FALSE;
      if (sent != NULL)
        (*sent)++;
    }
  return TRUE;
}
