/* mixmaster tools: a file they wrote, decoded again and measured.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "written-file.h"

#include "gstloudnessreport.h"
#include "input-file.h"
#include "interruption.h"
#include "pipeline-run.h"

#include <math.h>
#include <string.h>

/* The file name is set on the built element, never parsed; AIFF is read
 * by aiffparse linked by hand (input-file.h). */
static GstElement *
measuring_pipeline (const gchar * path, WrittenFileConfigure configure,
    gpointer data, GError ** error)
{
  gchar *description = g_strdup_printf ("filesrc name=source ! %s ! "
      "audioconvert ! loudnorm name=norm mode=measure "
      "interval=3600000000000 ! fakesink", input_file_demuxer (path));
  GstElement *pipeline = gst_parse_launch (description, error);
  GstElement *source, *norm;

  g_free (description);
  if (!pipeline)
    return NULL;
  source = gst_bin_get_by_name (GST_BIN (pipeline), "source");
  norm = gst_bin_get_by_name (GST_BIN (pipeline), "norm");
  g_object_set (source, "location", path, NULL);
  configure (norm, data);
  gst_object_unref (source);
  gst_object_unref (norm);
  return pipeline;
}

GstStructure *
written_file_measure (const gchar * path, WrittenFileConfigure configure,
    gpointer data, GError ** error)
{
  GstElement *pipeline = measuring_pipeline (path, configure, data, error);
  GstStructure *report = NULL;
  PipelineRunHooks hooks =
      { pipeline_run_keep_final_report, NULL, NULL, &report };
  gchar *failed;

  if (!pipeline)
    return NULL;
  failed = pipeline_run (pipeline, &hooks);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (pipeline);
  if (failed && interruption_requested ()) {
    g_set_error_literal (error, GST_CORE_ERROR, GST_CORE_ERROR_FAILED, failed);
    g_clear_pointer (&report, gst_structure_free);
  } else if (failed) {
    g_set_error (error, GST_STREAM_ERROR, GST_STREAM_ERROR_FAILED,
        "%s, as written: %s", path, failed);
    g_clear_pointer (&report, gst_structure_free);
  } else if (!report) {
    g_set_error (error, GST_STREAM_ERROR, GST_STREAM_ERROR_FAILED,
        "%s, as written, holds no audio", path);
  }
  g_free (failed);
  return report;
}

/* each new render's limiter ceiling goes this much below the overshoot */
#define RENDER_MARGIN_DB 0.02
/* the least and most the written peak is taken to follow the ceiling by */
#define MIN_PEAK_SLOPE 0.25
#define MAX_PEAK_SLOPE 1.0

/* How much the written file's overshoot moved for each dB of limiter
 * ceiling at the last change (a secant step). */
static gdouble
peak_slope (const WrittenFileRenders * renders, gdouble limiter_ceiling,
    gdouble over)
{
  gdouble moved = limiter_ceiling - renders->limiter_ceiling;

  if (renders->count == 0 || fabs (moved) < 1e-6)
    return MAX_PEAK_SLOPE;
  return CLAMP ((over - renders->over) / moved, MIN_PEAK_SLOPE, MAX_PEAK_SLOPE);
}

void
written_file_renders_init (WrittenFileRenders * renders,
    gboolean no_rerender, const OutputFormat * tags_format)
{
  memset (renders, 0, sizeof *renders);
  renders->allowed = no_rerender ? 1 : WRITTEN_FILE_MAX_RENDERS;
  if (tags_format && gain_tags_in_stream (tags_format) && !no_rerender) {
    renders->allowed++;
    renders->tags_format = tags_format;
  }
}

/* Whether the render just done wrote tags that say what its file reads;
 * if not, the tags the next render writes. */
static gboolean
tags_hold (WrittenFileRenders * renders, const GstStructure * written)
{
  GainTags read = gain_tags_for (renders->tags_format,
      gst_loudness_report_double (written, "integrated"),
      gst_loudness_report_array_max (written, "true-peak"));

  if (renders->with_tags && gain_tags_agree (&renders->tags, &read))
    return TRUE;
  renders->tags = read;
  renders->with_tags = TRUE;
  return FALSE;
}

gdouble
written_file_take_readings (WrittenFileRenders * renders,
    GstStructure * report, const GstStructure * written)
{
  const gchar *fields[] = { "integrated", "loudness-range", "true-peak",
    "sample-peak", "max-momentary", "max-short-term", "compliant",
    "preset", "ceiling"
  };
  gdouble limiter_ceiling = gst_loudness_report_double (report, "ceiling");
  gdouble over = gst_loudness_report_array_max (written, "true-peak") -
      gst_loudness_report_double (written, "ceiling");
  gdouble slope = peak_slope (renders, limiter_ceiling, over);
  gboolean tags_held = renders->tags_format && tags_hold (renders, written);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (gst_structure_has_field (written, fields[i]))
      gst_structure_set_value (report, fields[i],
          gst_structure_get_value (written, fields[i]));
  gst_structure_set (report, "measured-from-file", G_TYPE_BOOLEAN, TRUE,
      "renders", G_TYPE_INT, renders->count + 1, "limiter-ceiling",
      G_TYPE_DOUBLE, limiter_ceiling, NULL);
  if (tags_held) {
    gchar *tags = gain_tags_describe (renders->tags_format, &renders->tags);
    gst_structure_set (report, "gain-tags", G_TYPE_STRING, tags, NULL);
    g_free (tags);
  }
  renders->count++;
  renders->limiter_ceiling = limiter_ceiling;
  renders->over = over;
  if (over > 0.0)
    return limiter_ceiling - over / slope - RENDER_MARGIN_DB;
  return renders->tags_format && !tags_held ? limiter_ceiling : NAN;
}
