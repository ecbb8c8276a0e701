/* ecert-task.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void ecert_task_run_in_thread (gpointer             source_object,
                               gpointer             source_tag,
                               GTaskThreadFunc      thread_func,
                               gpointer             task_data,
                               GDestroyNotify       task_data_free,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
void ecert_task_return_result (GTask               *task,
                               gpointer             result,
                               GDestroyNotify       result_free,
                               GError              *error);

G_END_DECLS
