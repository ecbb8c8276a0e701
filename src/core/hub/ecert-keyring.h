/* ecert-keyring.h: the passphrase of a desk's PKCS#12 file and the password
 * of its mailbox, in the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A passphrase or a password: wiped from memory when freed. */
typedef char EcertPassphrase;

void      ecert_keyring_lookup_passphrase_async  (const char           *hub_address,
                                                  const char           *pkcs12_file,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
EcertPassphrase *ecert_keyring_lookup_passphrase_finish (GAsyncResult         *result,
                                                  GError              **error);
EcertPassphrase *ecert_keyring_lookup_passphrase     (const char           *hub_address,
                                                  const char           *pkcs12_file,
                                                  GCancellable         *cancellable,
                                                  GError              **error);
void      ecert_keyring_store_passphrase_async   (const char           *hub_address,
                                                  const char           *pkcs12_file,
                                                  const char           *passphrase,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean  ecert_keyring_store_passphrase_finish  (GAsyncResult         *result,
                                                  GError              **error);
void      ecert_keyring_forget_passphrase_async  (const char           *pkcs12_file,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean  ecert_keyring_forget_passphrase_finish (GAsyncResult         *result,
                                                  GError              **error);
void      ecert_keyring_lookup_mail_password_async  (const char           *host,
                                                     const char           *user,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
EcertPassphrase *ecert_keyring_lookup_mail_password_finish (GAsyncResult         *result,
                                                     GError              **error);
void      ecert_keyring_store_mail_password_async   (const char           *host,
                                                     const char           *user,
                                                     const char           *password,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean  ecert_keyring_store_mail_password_finish  (GAsyncResult         *result,
                                                     GError              **error);
void      ecert_keyring_forget_mail_password_async  (const char           *host,
                                                     const char           *user,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean  ecert_keyring_forget_mail_password_finish (GAsyncResult         *result,
                                                     GError              **error);

void      ecert_keyring_passphrase_free          (EcertPassphrase      *passphrase);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertPassphrase, ecert_keyring_passphrase_free)

G_END_DECLS
