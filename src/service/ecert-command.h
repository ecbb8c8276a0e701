/* ecert-command.h: the command line of a service program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef int (*EcertCommandFunc) (int argc, char **argv);

/**
 * EcertCommand:
 * @name: what is typed after the program's name
 * @summary: (translatable): one line for the program's help
 * @run: runs it with its own arguments, the command's name first
 */
typedef struct
{
  const char       *name;
  const char       *summary;
  EcertCommandFunc  run;
} EcertCommand;

int  ecert_command_main           (const char          *program,
                                   const char          *parameters,
                                   const char          *summary,
                                   const EcertCommand  *commands,
                                   int                  argc,
                                   char               **argv);
int  ecert_command_usage_error    (const char          *program,
                                   GOptionContext      *context,
                                   const char          *message);
void ecert_command_run_until_signal (void);

G_END_DECLS
