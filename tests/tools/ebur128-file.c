/* ebur128-file: a file's loudness by libebur128, the independent meter,
 * for the command-line tests. Decodes anything GStreamer reads (AIFF
 * through aiffparse, as gst-mixmaster reads it: input-file.h).
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   ebur128-file [--oversampled-peak] [--momentary-series] FILE
 *
 * prints one JSON object: integrated (LUFS), loudness-range (LU),
 * true-peak (dBTP, the largest channel's), max-momentary and
 * max-short-term (LUFS, the largest of the 100 ms steps from 3 s on, where
 * both windows are full and a normalizer's start-up is over), frames,
 * rate, channels; with
 * --oversampled-peak also oversampled-peak (dBTP), by the tests' own
 * oracle (tests/common/oversampled_peak.h), which reads the peaks between
 * samples that libebur128's 4x interpolator misses; with
 * --momentary-series also momentary-series, the momentary loudness at every
 * 100 ms step from 0.4 s (LUFS, -70 for silence), for the benchmarks.
 */
#include <ebur128.h>
#include <gst/app/gstappsink.h>
#include <gst/audio/audio.h>
#include <gst/gst.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "input-file.h"
#include "oversampled_peak.h"

/* The largest channel's peak by the oracle, dB; the oracle looks closely
 * only where its scan comes within this of libebur128's reading. */
#define ORACLE_FLOOR_BELOW_DB 1.0
/* max-momentary and max-short-term: read every 100 ms from 3 s on */
#define MAX_LOUDNESS_STEP_S 0.1
#define MAX_LOUDNESS_FROM_S 3.0

/* The largest momentary and short-term loudness read so far, and the
 * momentary loudness at every step if asked for. */
typedef struct
{
  guint64 frames, step_frames, from_frames;
  double momentary, short_term;
  GArray *series;
} MaxLoudness;

/* Adds n frames to the meter in pieces that end on the 100 ms steps,
 * reading the momentary and short-term loudness at each step from 3 s. */
static void
add_frames (ebur128_state * meter, MaxLoudness * max, const double *data,
    guint channels, guint64 n)
{
  while (n > 0) {
    guint64 to_step = max->step_frames - max->frames % max->step_frames;
    guint64 piece = MIN (n, to_step);
    double m, s;

    ebur128_add_frames_double (meter, data, piece);
    max->frames += piece;
    data += piece * channels;
    n -= piece;
    if (max->frames % max->step_frames)
      continue;
    if (max->series && max->frames >= 4 * max->step_frames &&
        ebur128_loudness_momentary (meter, &m) == EBUR128_SUCCESS) {
      m = fmax (m, -70.0);
      g_array_append_val (max->series, m);
    }
    if (max->frames < max->from_frames)
      continue;
    if (ebur128_loudness_momentary (meter, &m) == EBUR128_SUCCESS)
      max->momentary = fmax (max->momentary, m);
    if (ebur128_loudness_shortterm (meter, &s) == EBUR128_SUCCESS)
      max->short_term = fmax (max->short_term, s);
  }
}

static double
oracle_peak_db (const GArray * samples, guint channels, double ebur128_peak)
{
  double floor = ebur128_peak * pow (10.0, -ORACLE_FLOOR_BELOW_DB / 20.0);
  double peak = floor;

  for (guint c = 0; c < channels; c++)
    peak = fmax (peak, oversampled_peak ((const double *) samples->data,
            samples->len / channels, channels, c, floor));
  return 20.0 * log10 (peak);
}

static ebur128_state *
meter_for (GstSample * sample, guint * channels, guint * rate)
{
  GstAudioInfo info;

  if (!gst_audio_info_from_caps (&info, gst_sample_get_caps (sample)))
    return NULL;
  *channels = GST_AUDIO_INFO_CHANNELS (&info);
  *rate = GST_AUDIO_INFO_RATE (&info);
  return ebur128_init (*channels, *rate, EBUR128_MODE_I | EBUR128_MODE_LRA |
      EBUR128_MODE_M | EBUR128_MODE_S | EBUR128_MODE_TRUE_PEAK);
}

int
main (int argc, char **argv)
{
  GstElement *pipeline, *sink, *source;
  GstSample *sample;
  GstBus *bus;
  GstMessage *error_message;
  ebur128_state *meter = NULL;
  guint channels = 0, rate = 0;
  MaxLoudness max = { 0, 0, 0, -INFINITY, -INFINITY, NULL };
  double integrated, range, peak = 0.0;
  gchar *description;
  GError *error = NULL;
  gboolean oracle = FALSE;
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (double));

  gst_init (&argc, &argv);
  for (; argc > 2 && g_str_has_prefix (argv[1], "--"); argc--, argv++) {
    if (!strcmp (argv[1], "--oversampled-peak"))
      oracle = TRUE;
    else if (!strcmp (argv[1], "--momentary-series"))
      max.series = g_array_new (FALSE, FALSE, sizeof (double));
    else
      break;
  }
  if (argc != 2) {
    fprintf (stderr, "usage: ebur128-file [--oversampled-peak] "
        "[--momentary-series] FILE\n");
    return 2;
  }
  description = g_strdup_printf ("filesrc name=source ! %s ! audioconvert ! "
      "audio/x-raw,format=F64LE,layout=interleaved ! appsink name=sink "
      "sync=false", input_file_demuxer (argv[1]));
  pipeline = gst_parse_launch (description, &error);
  if (!pipeline) {
    fprintf (stderr, "ebur128-file: %s\n", error->message);
    return 1;
  }
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  source = gst_bin_get_by_name (GST_BIN (pipeline), "source");
  g_object_set (source, "location", argv[1], NULL);
  gst_object_unref (source);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  /* an error (a file that cannot be decoded) ends the stream as EOS does */
  while (!(error_message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR)) &&
      !gst_app_sink_is_eos (GST_APP_SINK (sink))) {
    sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink),
        100 * GST_MSECOND);
    if (!sample)
      continue;
    GstBuffer *buf = gst_sample_get_buffer (sample);
    GstMapInfo map;
    if (!meter) {
      meter = meter_for (sample, &channels, &rate);
      max.step_frames = (guint64) round (MAX_LOUDNESS_STEP_S * rate);
      max.from_frames = (guint64) round (MAX_LOUDNESS_FROM_S * rate);
    }
    if (meter && gst_buffer_map (buf, &map, GST_MAP_READ)) {
      size_t n = map.size / (channels * sizeof (double));
      add_frames (meter, &max, (const double *) map.data, channels, n);
      if (oracle)
        g_array_append_vals (samples, map.data, n * channels);
      gst_buffer_unmap (buf, &map);
    }
    gst_sample_unref (sample);
  }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (bus);
  if (error_message) {
    gst_message_parse_error (error_message, &error, NULL);
    fprintf (stderr, "ebur128-file: %s: %s\n", argv[1], error->message);
    return 1;
  }
  if (!meter) {
    fprintf (stderr, "ebur128-file: %s: no audio\n", argv[1]);
    return 1;
  }
  ebur128_loudness_global (meter, &integrated);
  ebur128_loudness_range (meter, &range);
  for (guint c = 0; c < channels; c++) {
    double p;
    ebur128_true_peak (meter, c, &p);
    peak = fmax (peak, p);
  }
  printf ("{\"integrated\": %.4f, \"loudness-range\": %.4f, \"true-peak\": "
      "%.4f, \"max-momentary\": %.4f, \"max-short-term\": %.4f, "
      "\"frames\": %" G_GUINT64_FORMAT ", \"rate\": %u, \"channels\": %u",
      integrated, range, 20.0 * log10 (peak), max.momentary, max.short_term,
      max.frames, rate, channels);
  if (oracle)
    printf (", \"oversampled-peak\": %.4f", oracle_peak_db (samples,
            channels, peak));
  if (max.series) {
    printf (", \"momentary-series\": [");
    for (guint i = 0; i < max.series->len; i++)
      printf ("%s%.2f", i ? ", " : "", g_array_index (max.series, double, i));
    printf ("]");
    g_array_unref (max.series);
  }
  printf ("}\n");
  g_array_unref (samples);
  ebur128_destroy (&meter);
  gst_object_unref (sink);
  gst_object_unref (pipeline);
  g_free (description);
  return 0;
}
