/* gst-mixmaster: running a session's pipeline.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "mixmaster-job.h"

#include "input-file.h"
#include "pipeline-run.h"

#include <gst/audio/audio.h>
#include <string.h>

/* The master, as the delivery element gives it out (F32 stereo, the
 * pipeline's caps say so), feeds the loudness curve. */
static GstPadProbeReturn
on_master_buffer (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  GstBuffer *buf = GST_PAD_PROBE_INFO_BUFFER (info);
  MixmasterJob *job = user_data;
  GstMapInfo map;
  (void) pad;

  if (gst_buffer_map (buf, &map, GST_MAP_READ)) {
    loudness_curve_add_f32 (job->curve, (const float *) map.data,
        map.size / (2 * sizeof (float)));
    gst_buffer_unmap (buf, &map);
  }
  return GST_PAD_PROBE_OK;
}

static GstElement *
named (MixmasterJob * job, const gchar * name)
{
  return gst_bin_get_by_name (GST_BIN (job->pipeline), name);
}

MixmasterJob *
mixmaster_job_new (MixmasterSession * session,
    const MixmasterOutputs * outputs, GError ** error)
{
  MixmasterJob *job = g_new0 (MixmasterJob, 1);
  GstElement *mixmeter, *delivery;
  GstPad *pad;

  progress_init (&job->progress);
  job->reports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      (GDestroyNotify) gst_structure_free);
  job->curve = loudness_curve_new (2, session->rate,
      (gdouble) session->duration / GST_SECOND);
  job->pipeline = mixmaster_pipeline_new (session, outputs, error);
  if (!job->pipeline || !job->curve) {
    if (job->pipeline == NULL && error && *error == NULL)
      g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_FAILED,
          "out of memory");
    mixmaster_job_free (job);
    return NULL;
  }
  mixmeter = named (job, "mixmeter");
  delivery = named (job, "delivery");
  progress_watch (&job->progress, mixmeter, "sink");
  progress_watch (&job->progress, delivery, "src");
  pad = gst_element_get_static_pad (delivery, "src");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, on_master_buffer, job,
      NULL);
  gst_object_unref (pad);
  gst_object_unref (mixmeter);
  gst_object_unref (delivery);
  return job;
}

/* What a message came from: a track's file for its sourceN or decoderN,
 * else the element's name. */
static gchar *
message_origin (MixmasterJob * job, GstMessage * msg)
{
  const gchar *name = GST_OBJECT_NAME (GST_MESSAGE_SRC (msg));
  gchar *origin = NULL;

  if (g_str_has_prefix (name, "decoder") || g_str_has_prefix (name, "source")) {
    gchar *source = g_strconcat ("source", name + strcspn (name,
            "0123456789"), NULL);
    GstElement *element = gst_bin_get_by_name (GST_BIN (job->pipeline),
        source);
    if (element) {
      g_object_get (element, "location", &origin, NULL);
      gst_object_unref (element);
    }
    g_free (source);
  }
  return origin ? origin : g_strdup (name);
}

/* "origin: what went wrong", one line. */
static gchar *
error_line (GstMessage * msg, gpointer data)
{
  MixmasterJob *job = data;
  gchar *origin = message_origin (job, msg);
  gchar *text = input_file_error_text (msg);
  gchar *line = g_strdup_printf ("%s: %s", origin, text);

  g_free (text);
  g_free (origin);
  return line;
}

/* Each element's final loudness report, and audiomaster's last levels. */
static void
keep_message (GstMessage * msg, gpointer data)
{
  MixmasterJob *job = data;
  const GstStructure *s = gst_message_get_structure (msg);

  if (pipeline_run_final_report (msg)) {
    g_hash_table_replace (job->reports,
        g_strdup (GST_OBJECT_NAME (GST_MESSAGE_SRC (msg))),
        gst_structure_copy (s));
  } else if (gst_structure_has_name (s, "audiomaster")) {
    g_clear_pointer (&job->master_levels, gst_structure_free);
    job->master_levels = gst_structure_copy (s);
  }
}

static void
show_progress (G_GNUC_UNUSED GstElement * pipeline, gpointer data)
{
  MixmasterJob *job = data;

  progress_show (&job->progress, job->duration, "mastering", "");
}

gboolean
mixmaster_job_run (MixmasterJob * job, GstClockTime duration, gboolean show)
{
  PipelineRunHooks hooks = { keep_message, show ? show_progress : NULL,
    error_line, job
  };

  job->duration = duration;
  job->error = pipeline_run (job->pipeline, &hooks);
  if (show)
    progress_end ();
  gst_element_set_state (job->pipeline, GST_STATE_NULL);
  loudness_curve_finish (job->curve);
  if (!job->error && !mixmaster_job_report (job, "delivery"))
    job->error = g_strdup ("the master has no loudness report");
  return job->error == NULL;
}

const GstStructure *
mixmaster_job_report (MixmasterJob * job, const gchar * element_name)
{
  return g_hash_table_lookup (job->reports, element_name);
}

void
mixmaster_job_free (MixmasterJob * job)
{
  if (job->pipeline) {
    gst_element_set_state (job->pipeline, GST_STATE_NULL);
    gst_object_unref (job->pipeline);
  }
  loudness_curve_free (job->curve);
  g_hash_table_unref (job->reports);
  g_clear_pointer (&job->master_levels, gst_structure_free);
  g_free (job->error);
  progress_clear (&job->progress);
  g_free (job);
}
