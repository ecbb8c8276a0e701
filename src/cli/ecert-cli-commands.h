/* ecert-cli-commands.h: the commands of `ecert`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

G_BEGIN_DECLS

int ecert_cli_bench       (int argc, char **argv);
int ecert_cli_bench_cache (int argc, char **argv);
int ecert_cli_bench_corpus (int argc, char **argv);
int ecert_cli_check       (int argc, char **argv);
int ecert_cli_get         (int argc, char **argv);
int ecert_cli_import      (int argc, char **argv);
int ecert_cli_inquiry     (int argc, char **argv);
int ecert_cli_mail        (int argc, char **argv);
int ecert_cli_sync        (int argc, char **argv);
int ecert_cli_search      (int argc, char **argv);
int ecert_cli_show        (int argc, char **argv);
int ecert_cli_sign        (int argc, char **argv);
int ecert_cli_trust       (int argc, char **argv);
int ecert_cli_validate    (int argc, char **argv);
int ecert_cli_verify      (int argc, char **argv);

G_END_DECLS
