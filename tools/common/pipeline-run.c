/* mixmaster tools: a pipeline played to its end.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "pipeline-run.h"

#include "interruption.h"

/* how often the bus is polled, for the progress bar and Ctrl-C */
#define POLL (200 * GST_MSECOND)

static gchar *
message_text (GstMessage * msg)
{
  GError *error = NULL;
  gchar *line;

  gst_message_parse_error (msg, &error, NULL);
  line = g_strdup (error->message);
  g_error_free (error);
  return line;
}

static gchar *
error_line_of (GstMessage * msg, const PipelineRunHooks * hooks)
{
  return hooks->error_line ? hooks->error_line (msg, hooks->data) :
      message_text (msg);
}

gchar *
pipeline_run (GstElement * pipeline, const PipelineRunHooks * hooks)
{
  GstBus *bus = gst_element_get_bus (pipeline);
  gchar *error = NULL;
  gboolean done = FALSE;

  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE) {
    /* the element that failed said why on the bus */
    GstMessage *why = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);

    error = why ? error_line_of (why, hooks) :
        g_strdup ("the pipeline could not start");
    if (why)
      gst_message_unref (why);
  }
  while (!done && !error) {
    GstMessage *msg = gst_bus_timed_pop_filtered (bus, POLL,
        GST_MESSAGE_ERROR | GST_MESSAGE_EOS | GST_MESSAGE_ELEMENT);

    if (hooks->tick)
      hooks->tick (pipeline, hooks->data);
    if (interruption_requested ())
      error = g_strdup ("interrupted; nothing was written");
    if (!msg)
      continue;
    if (error) {
      /* interrupted: nothing more is read */
    } else if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
      error = error_line_of (msg, hooks);
    } else if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS) {
      done = TRUE;
    } else if (hooks->element) {
      hooks->element (msg, hooks->data);
    }
    gst_message_unref (msg);
  }
  gst_object_unref (bus);
  return error;
}

const GstStructure *
pipeline_run_final_report (GstMessage * msg)
{
  const GstStructure *s = gst_message_get_structure (msg);
  gboolean final = FALSE;

  if (GST_MESSAGE_TYPE (msg) != GST_MESSAGE_ELEMENT || !s ||
      !gst_structure_has_name (s, "loudness") ||
      !gst_structure_get_boolean (s, "final", &final) || !final)
    return NULL;
  return s;
}

void
pipeline_run_keep_final_report (GstMessage * msg, gpointer report)
{
  GstStructure **kept = report;
  const GstStructure *s = pipeline_run_final_report (msg);

  if (!s)
    return;
  g_clear_pointer (kept, gst_structure_free);
  *kept = gst_structure_copy (s);
}
