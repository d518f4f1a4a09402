/* mixmaster-loudness: measure EBU R128 loudness of files, or of built-in
 * EBU test material, with the loudnorm element.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/app/gstappsrc.h>
#include <gst/audio/audio.h>
#include <gst/gst.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "gstloudnessreport.h"
#include "pipeline-run.h"
#include "signals.h"

#define MATERIAL_RATE 48000

/* Built-in material: EBU Tech 3341/3342 signals with the values the Tech
 * documents require (NAN: not part of that case). */
typedef struct
{
  const char *title;
  float *(*synthesize) (size_t *frames);
  double integrated, loudness_range, true_peak;
  double integrated_tolerance, range_tolerance;
} Material;

static float *
stereo_tones (const tone_segment * segments, size_t n, size_t *frames)
{
  float *mono = tone_sequence (MATERIAL_RATE, 1000.0, segments, n, frames);
  float *stereo = interleave_copies (mono, *frames, 2, NULL);
  free (mono);
  return stereo;
}

static float *
tech3341_case1 (size_t *frames)
{
  static const tone_segment s[] = { {20.0, -23.0} };
  return stereo_tones (s, 1, frames);
}

static float *
tech3341_case5 (size_t *frames)
{
  static const tone_segment s[] = { {20.0, -26.0}, {20.1, -20.0},
  {20.0, -26.0}
  };
  return stereo_tones (s, 3, frames);
}

static float *
tech3342_case4 (size_t *frames)
{
  static const tone_segment s[] = { {20, -50}, {20, -35}, {20, -20},
  {20, -35}, {20, -50}
  };
  return stereo_tones (s, 5, frames);
}

static float *
tech3341_case16 (size_t *frames)
{
  return true_peak_case (16, MATERIAL_RATE, frames);
}

static float *
tech3341_case22 (size_t *frames)
{
  return true_peak_case (22, MATERIAL_RATE, frames);
}

static const Material materials[] = {
  {"EBU Tech 3341 case 1: 1 kHz sine at -23 dBFS, stereo, 20 s",
      tech3341_case1, -23.0, NAN, NAN, 0.1, 0},
  {"EBU Tech 3341 case 5: -26, -20, -26 dBFS for 20, 20.1, 20 s",
      tech3341_case5, -23.0, NAN, NAN, 0.1, 0},
  {"EBU Tech 3342 case 4: -50, -35, -20, -35, -50 dBFS, 20 s each",
      tech3342_case4, NAN, 15.0, NAN, 0, 1.0},
  {"EBU Tech 3341 case 16: fs/4 sine at 45 deg, peaks between samples",
      tech3341_case16, NAN, NAN, -6.0, 0, 0},
  {"EBU Tech 3341 case 22: fs/4 burst in an fs/6 tone, offset 2",
      tech3341_case22, NAN, NAN, 0.0, 0, 0},
};

/* The loudness summary, or NULL with *error set. */
static GstStructure *
run_to_eos (GstElement * pipeline, GError ** error)
{
  GstStructure *summary = NULL;
  PipelineRunHooks hooks =
      { pipeline_run_keep_final_report, NULL, NULL, &summary };
  gchar *failed = pipeline_run (pipeline, &hooks);

  gst_element_set_state (pipeline, GST_STATE_NULL);
  if (failed) {
    g_set_error_literal (error, GST_STREAM_ERROR, GST_STREAM_ERROR_FAILED,
        failed);
    g_clear_pointer (&summary, gst_structure_free);
  } else if (!summary) {
    g_set_error (error, GST_STREAM_ERROR, GST_STREAM_ERROR_FAILED,
        "no audio was measured");
  }
  g_free (failed);
  return summary;
}

static GstStructure *
measure_file (const char *path, GError ** error)
{
  GstElement *pipeline, *source;
  GstStructure *summary;
  gchar *uri;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR)) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "no such file");
    return NULL;
  }
  pipeline = gst_parse_launch ("uridecodebin name=source caps=audio/x-raw ! "
      "audioconvert ! loudnorm mode=measure interval=1000000000 ! fakesink sync=false",
      error);
  if (!pipeline)
    return NULL;
  uri = gst_filename_to_uri (path, error);
  source = gst_bin_get_by_name (GST_BIN (pipeline), "source");
  g_object_set (source, "uri", uri, NULL);
  summary = uri ? run_to_eos (pipeline, error) : NULL;
  gst_object_unref (source);
  gst_object_unref (pipeline);
  g_free (uri);
  return summary;
}

static GstStructure *
measure_material (const Material * material, GError ** error)
{
  GstElement *pipeline = gst_parse_launch ("appsrc name=source format=time ! "
      "loudnorm mode=measure interval=1000000000 ! fakesink sync=false", error);
  GstElement *source;
  GstAudioInfo info;
  GstCaps *caps;
  GstStructure *summary;
  size_t frames;
  float *samples;

  if (!pipeline)
    return NULL;
  source = gst_bin_get_by_name (GST_BIN (pipeline), "source");
  gst_audio_info_set_format (&info, GST_AUDIO_FORMAT_F32, MATERIAL_RATE, 2,
      NULL);
  caps = gst_audio_info_to_caps (&info);
  g_object_set (source, "caps", caps, NULL);
  gst_caps_unref (caps);

  samples = material->synthesize (&frames);
  GstBuffer *buffer = gst_buffer_new_wrapped (samples,
      frames * 2 * sizeof (float));
  GST_BUFFER_PTS (buffer) = 0;
  GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale_int (frames,
      GST_SECOND, MATERIAL_RATE);
  gst_app_src_push_buffer (GST_APP_SRC (source), buffer);
  gst_app_src_end_of_stream (GST_APP_SRC (source));

  summary = run_to_eos (pipeline, error);
  gst_object_unref (source);
  gst_object_unref (pipeline);
  return summary;
}

/* " (expected X +- T: ok)" when the material documents a value. */
static void
print_expectation (double measured, double expected, double low, double high)
{
  if (isnan (expected))
    printf ("\n");
  else
    printf ("   expected %+.1f (%+.1f/%+.1f): %s\n", expected, high, low,
        measured >= expected + low && measured <= expected + high ?
        "ok" : "OUT OF TOLERANCE");
}

static gboolean
within (double measured, double expected, double low, double high)
{
  return isnan (expected) || (measured >= expected + low &&
      measured <= expected + high);
}

/* Prints the summary; returns whether it meets the expectations. */
static gboolean
report (const char *title, const GstStructure * s, const Material * m)
{
  static const Material none = { NULL, NULL, NAN, NAN, NAN, 0, 0 };
  guint64 duration = 0;
  double i = gst_loudness_report_double (s, "integrated"), lra =
      gst_loudness_report_double (s, "loudness-range");
  double tp = gst_loudness_report_array_max (s, "true-peak");

  if (!m)
    m = &none;
  gst_structure_get_uint64 (s, "duration", &duration);
  printf ("%s\n", title);
  printf ("  Integrated      %6.1f LUFS", i);
  print_expectation (i, m->integrated, -m->integrated_tolerance,
      m->integrated_tolerance);
  printf ("  Loudness range  %6.1f LU  ", lra);
  print_expectation (lra, m->loudness_range, -m->range_tolerance,
      m->range_tolerance);
  printf ("  Max momentary   %6.1f LUFS\n", gst_loudness_report_double (s,
          "max-momentary"));
  printf ("  Max short-term  %6.1f LUFS\n", gst_loudness_report_double (s,
          "max-short-term"));
  /* Tech 3341 section 2.6: true-peak tolerance +0.2/-0.4 dB */
  printf ("  True peak       %6.1f dBTP", tp);
  print_expectation (tp, m->true_peak, -0.4, 0.2);
  printf ("  Sample peak     %6.1f dBFS\n", gst_loudness_report_array_max (s,
          "sample-peak"));
  printf ("  Duration        %6.1f s\n\n", duration / (double) GST_SECOND);
  return within (i, m->integrated, -m->integrated_tolerance,
      m->integrated_tolerance) && within (lra, m->loudness_range,
      -m->range_tolerance, m->range_tolerance) && within (tp, m->true_peak,
      -0.4, 0.2);
}

int
main (int argc, char **argv)
{
  GOptionContext *context = g_option_context_new ("[FILE…]");
  GError *error = NULL;
  int failures = 0;

  g_option_context_set_summary (context,
      "Measures loudness per ITU-R BS.1770-4 / EBU R128 (integrated, "
      "loudness range,\nmaximum momentary and short-term loudness, true "
      "peak) with the loudnorm element.\nWithout FILE, measures built-in EBU "
      "Tech 3341/3342 test material and checks\nthe readings against the "
      "values the EBU requires.");
  g_option_context_add_group (context, gst_init_get_option_group ());
  if (!g_option_context_parse (context, &argc, &argv, &error)) {
    fprintf (stderr, "mixmaster-loudness: %s\n", error->message);
    return 2;
  }
  g_option_context_free (context);
  if (!gst_element_factory_find ("loudnorm")) {
    fprintf (stderr, "mixmaster-loudness: the loudnorm element is not "
        "installed (set GST_PLUGIN_PATH to the build's gst/ folder)\n");
    return 2;
  }

  if (argc < 2) {
    for (size_t i = 0; i < G_N_ELEMENTS (materials); i++) {
      GstStructure *s = measure_material (&materials[i], &error);
      if (!s) {
        fprintf (stderr, "mixmaster-loudness: %s: %s\n", materials[i].title,
            error->message);
        g_clear_error (&error);
        failures++;
        continue;
      }
      failures += !report (materials[i].title, s, &materials[i]);
      gst_structure_free (s);
    }
  }
  for (int i = 1; i < argc; i++) {
    GstStructure *s = measure_file (argv[i], &error);
    if (!s) {
      fprintf (stderr, "mixmaster-loudness: %s: %s\n", argv[i], error->message);
      g_clear_error (&error);
      failures++;
      continue;
    }
    report (argv[i], s, NULL);
    gst_structure_free (s);
  }
  return failures ? 1 : 0;
}
