/* ecert-task.c: the two steps every blocking call run on a worker shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ecert-task.h"

/**
 * ecert_task_run_in_thread:
 * @source_object: (nullable): the object the call is made on
 * @source_tag: the public function that started the call, so that its
 *   `_finish()` can check it was given its own result
 * @thread_func: what runs on the worker
 * @task_data: (nullable) (transfer full): what @thread_func reads
 * @task_data_free: (nullable): frees @task_data when the task is done
 *
 * Starts @thread_func on a worker thread; @callback is called in the
 * caller's main context when it has returned a result.
 */
void
ecert_task_run_in_thread (gpointer             source_object,
                          gpointer             source_tag,
                          GTaskThreadFunc      thread_func,
                          gpointer             task_data,
                          GDestroyNotify       task_data_free,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source_object, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  if (task_data != NULL)
    g_task_set_task_data (task, task_data, task_data_free);
  g_task_run_in_thread (task, thread_func);
}

/**
 * ecert_task_return_result:
 * @result: (nullable) (transfer full): what the call made, %NULL if it failed
 * @result_free: frees @result if nobody takes it
 * @error: (nullable) (transfer full): why the call made nothing; required
 *   when @result is %NULL
 *
 * Ends @task with @result or, when the call made nothing, with @error: the
 * convention of every blocking call that returns a new pointer.
 */
void
ecert_task_return_result (GTask          *task,
                          gpointer        result,
                          GDestroyNotify  result_free,
                          GError         *error)
{
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (result != NULL || error != NULL);

  if (result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_clear_error (&error);
  g_task_return_pointer (task, result, result_free);
}
