/* Helpers of the loudnorm normalization tests.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "loudnorm_harness.h"

#include <ebur128.h>
#include <gst/app/gstappsink.h>
#include <gst/audio/audio.h>
#include <gst/check/gstcheck.h>
#include <math.h>

#include "loudness_meter.h"
#include "oversampled_peak.h"

const Format stereo_48k = { 48000, 2, FALSE };

gchar *
caps_string (const Format * f)
{
  guint64 mask = f->channels == 6 ? 0x3f : f->channels == 2 ? 0x3 : 0x0;
  return g_strdup_printf ("audio/x-raw, format=%s, rate=%u, channels=%u, "
      "layout=interleaved, channel-mask=(bitmask)0x%" G_GINT64_MODIFIER "x",
      f->f64 ? GST_AUDIO_NE (F64) : GST_AUDIO_NE (F32), f->rate, f->channels,
      mask);
}

GstHarness *
harness_new (const gchar * properties, const Format * f, gboolean live,
    GstBus ** bus)
{
  gchar *description = g_strdup_printf ("loudnorm %s", properties);
  GstHarness *h = harness_new_element (description, f, live, bus);

  g_free (description);
  return h;
}

GstHarness *
harness_new_element (const gchar * description, const Format * f,
    gboolean live, GstBus ** bus)
{
  GstElement *element = gst_parse_launch (description, NULL);
  GstHarness *h = gst_harness_new_with_element (element, "sink", "src");
  gchar *caps = caps_string (f);

  gst_object_unref (element);
  gst_harness_set_live (h, live);
  *bus = gst_bus_new ();
  gst_element_set_bus (h->element, *bus);
  gst_harness_set_src_caps_str (h, caps);
  g_free (caps);
  return h;
}

void
harness_free (GstHarness * h, GstBus * bus)
{
  gst_element_set_bus (h->element, NULL);
  gst_object_unref (bus);
  gst_harness_teardown (h);
}

/* Buffer of frames [first, first + n) of x, stamped at its time. */
GstBuffer *
buffer_of (const float *x, guint64 first, guint64 n, const Format * f)
{
  gsize sample_bytes = f->f64 ? sizeof (gdouble) : sizeof (gfloat);
  GstBuffer *buf = gst_buffer_new_allocate (NULL,
      n * f->channels * sample_bytes, NULL);
  GstMapInfo map;

  gst_buffer_map (buf, &map, GST_MAP_WRITE);
  for (guint64 i = 0; i < n * f->channels; i++) {
    if (f->f64)
      ((gdouble *) map.data)[i] = x[first * f->channels + i];
    else
      ((gfloat *) map.data)[i] = x[first * f->channels + i];
  }
  gst_buffer_unmap (buf, &map);
  GST_BUFFER_PTS (buf) = gst_util_uint64_scale_int_round (first, GST_SECOND,
      f->rate);
  GST_BUFFER_DURATION (buf) = gst_util_uint64_scale_int_round (first + n,
      GST_SECOND, f->rate) - GST_BUFFER_PTS (buf);
  return buf;
}

/* Appends every buffer waiting at the harness's sink to out (as doubles),
 * checking that timestamps, durations and (where set) offsets run on
 * exactly from the frames already in out. */
void
pull_all (GstHarness * h, GArray * out, const Format * f)
{
  GstBuffer *buf;

  while ((buf = gst_harness_try_pull (h))) {
    GstMapInfo map;
    guint64 next = out->len / f->channels;
    gsize n;

    fail_unless_equals_uint64 (GST_BUFFER_PTS (buf),
        gst_util_uint64_scale_int_round (next, GST_SECOND, f->rate));
    gst_buffer_map (buf, &map, GST_MAP_READ);
    n = map.size / (f->f64 ? sizeof (gdouble) : sizeof (gfloat));
    fail_unless_equals_uint64 (GST_BUFFER_DURATION (buf),
        gst_util_uint64_scale_int_round (next + n / f->channels, GST_SECOND,
            f->rate) - GST_BUFFER_PTS (buf));
    /* measure mode passes the input's (here unset) offsets through */
    if (GST_BUFFER_OFFSET_IS_VALID (buf)) {
      fail_unless_equals_uint64 (GST_BUFFER_OFFSET (buf), next);
      fail_unless_equals_uint64 (GST_BUFFER_OFFSET_END (buf),
          next + n / f->channels);
    }
    for (gsize i = 0; i < n; i++) {
      gdouble v = f->f64 ? ((gdouble *) map.data)[i] : ((gfloat *) map.data)[i];
      g_array_append_val (out, v);
    }
    gst_buffer_unmap (buf, &map);
    gst_buffer_unref (buf);
  }
}

/* Pushes all of x in 100 ms buffers, then EOS; returns every output
 * sample (interleaved doubles). */
GArray *
run (GstHarness * h, const float *x, guint64 frames, const Format * f)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gdouble));

  for (guint64 pos = 0; pos < frames; pos += BUFFER_FRAMES) {
    fail_unless_equals_int (gst_harness_push (h, buffer_of (x, pos,
                MIN (BUFFER_FRAMES, frames - pos), f)), GST_FLOW_OK);
    pull_all (h, out, f);
  }
  fail_unless (gst_harness_push_event (h, gst_event_new_eos ()));
  pull_all (h, out, f);
  return out;
}

/* The final `loudness` message (the others are dropped). */
GstStructure *
final_report (GstBus * bus)
{
  GstMessage *msg;
  GstStructure *report = NULL;

  while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT))) {
    const GstStructure *s = gst_message_get_structure (msg);
    gboolean final = FALSE;
    if (gst_structure_get_boolean (s, "final", &final) && final) {
      if (report)
        gst_structure_free (report);
      report = gst_structure_copy (s);
    }
    gst_message_unref (msg);
  }
  fail_unless (report != NULL, "no final report");
  return report;
}

gdouble
field (const GstStructure * s, const gchar * name)
{
  gdouble v = NAN;
  fail_unless (gst_structure_get_double (s, name, &v), "no %s", name);
  return v;
}

/* Integrated loudness and the largest true peak of out, by our meter and
 * by libebur128 (both oversample 4x below 96 kHz, 2x at 96 kHz); the
 * checks below hold for both. */
void
measure_output (GArray * out, const Format * f, Loudness * ours,
    Loudness * theirs)
{
  guint64 frames = out->len / f->channels;
  const gdouble *y = (const gdouble *) out->data;
  loudness_meter *m = loudness_meter_new (f->channels, f->rate);
  ebur128_state *e = ebur128_init (f->channels, f->rate,
      EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK);

  if (f->channels == 6) {
    /* 5.1: L R C LFE Ls Rs */
    loudness_meter_set_channel_weight (m, 3, LOUDNESS_WEIGHT_EXCLUDED);
    loudness_meter_set_channel_weight (m, 4, LOUDNESS_WEIGHT_SURROUND);
    loudness_meter_set_channel_weight (m, 5, LOUDNESS_WEIGHT_SURROUND);
    ebur128_set_channel (e, 3, EBUR128_UNUSED);
    ebur128_set_channel (e, 4, EBUR128_LEFT_SURROUND);
    ebur128_set_channel (e, 5, EBUR128_RIGHT_SURROUND);
  }
  loudness_meter_add_f64 (m, y, frames);
  ebur128_add_frames_double (e, y, frames);
  ours->integrated = loudness_meter_integrated (m);
  ebur128_loudness_global (e, &theirs->integrated);
  ours->true_peak = theirs->true_peak = -INFINITY;
  for (guint c = 0; c < f->channels; c++) {
    gdouble tp;
    ebur128_true_peak (e, c, &tp);
    theirs->true_peak = fmax (theirs->true_peak, 20.0 * log10 (tp));
    ours->true_peak = fmax (ours->true_peak,
        loudness_meter_true_peak_db (m, c));
  }
  loudness_meter_free (m);
  ebur128_destroy (&e);
}

/* Output at target within 0.1 LU and under the ceiling + 0.1 dB, by both
 * meters; as many frames out as in. */
void
check_oversampled_ceiling (GArray * out, const Format * f, gdouble ceiling,
    const gchar * what)
{
  gdouble floor = pow (10.0, (ceiling + CEILING_TOLERANCE_DB) / 20.0);

  for (guint c = 0; c < f->channels; c++) {
    gdouble peak = oversampled_peak ((const gdouble *) out->data,
        out->len / f->channels, f->channels, c, floor);
    fail_unless (peak <= floor, "%s: channel %u peaks at %.3f dBTP (8x), "
        "ceiling %.1f", what, c, 20.0 * log10 (peak), ceiling);
  }
}

/* The 8x-oversampled output must reach within PEAK_SHORTFALL_DB of the
 * peak that gain alone gives the input (its libebur128 true peak moved by
 * target - its integrated loudness), or of the ceiling where that is
 * lower: a limiter that over-limits, or a gain short of the target, shows
 * here. */
#define PEAK_SHORTFALL_DB 0.5

static void
check_peak_reached (GArray * out, const float *in, const Format * f,
    gdouble target, gdouble ceiling, const gchar * what)
{
  guint64 frames = out->len / f->channels;
  GArray *input = g_array_sized_new (FALSE, FALSE, sizeof (gdouble),
      out->len);
  Loudness ours, theirs;
  gdouble expected, floor, peak = 0.0;

  for (guint i = 0; i < out->len; i++) {
    gdouble v = in[i];
    g_array_append_val (input, v);
  }
  measure_output (input, f, &ours, &theirs);
  g_array_free (input, TRUE);
  expected = fmin (ceiling, theirs.true_peak + target - theirs.integrated);
  floor = pow (10.0, (expected - PEAK_SHORTFALL_DB) / 20.0);
  for (guint c = 0; c < f->channels; c++)
    peak = fmax (peak, oversampled_peak ((const gdouble *) out->data, frames,
            f->channels, c, floor));
  fail_unless (peak > floor, "%s: output peaks under %.2f dBTP (8x), "
      "expected %.2f", what, 20.0 * log10 (floor), expected);
}

void
check_normalized (GArray * out, const float *in, guint64 frames,
    const Format * f, gdouble target, gdouble ceiling, const gchar * what)
{
  Loudness ours, theirs;

  fail_unless_equals_uint64 (out->len / f->channels, frames);
  measure_output (out, f, &ours, &theirs);
  GST_INFO ("%s: ours %.3f LUFS %.3f dBTP, libebur128 %.3f LUFS %.3f dBTP",
      what, ours.integrated, ours.true_peak, theirs.integrated,
      theirs.true_peak);
  fail_unless (fabs (ours.integrated - target) <= TARGET_TOLERANCE_LU,
      "%s: integrated %.3f LUFS, target %.1f", what, ours.integrated, target);
  fail_unless (fabs (theirs.integrated - target) <= TARGET_TOLERANCE_LU,
      "%s: libebur128 integrated %.3f LUFS, target %.1f", what,
      theirs.integrated, target);
  fail_unless (ours.true_peak <= ceiling + CEILING_TOLERANCE_DB,
      "%s: true peak %.3f dBTP, ceiling %.1f", what, ours.true_peak, ceiling);
  fail_unless (theirs.true_peak <= ceiling + CEILING_TOLERANCE_DB,
      "%s: libebur128 true peak %.3f dBTP, ceiling %.1f", what,
      theirs.true_peak, ceiling);
  /* both meters oversample only 2x from 96 kHz: 8x here, at every rate */
  check_oversampled_ceiling (out, f, ceiling, what);
  check_peak_reached (out, in, f, target, ceiling, what);
}

/* 20 s of a real, mastered song from Debian (fretsonfire-songs-muldjord,
 * installed by scripts/install-deps test) from 0:30, as F32 stereo at rate,
 * decoded and resampled by GStreamer. */
float *
real_music (guint rate, guint64 * frames)
{
  const gchar *song =
      "/usr/share/games/fretsonfire/data/songs/muldjord/chaos_god/song.ogg";
  gchar *description = g_strdup_printf ("filesrc location=%s ! decodebin ! "
      "audioconvert ! audioresample quality=10 ! audio/x-raw,format=F32LE,"
      "rate=%u,channels=2 ! appsink name=sink sync=false", song, rate);
  GstElement *pipeline;
  GstElement *sink;
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (float));
  guint64 skip = 30 * (guint64) rate * 2, keep = 20 * (guint64) rate *2;
  GstSample *sample;
  float *excerpt;

  fail_unless (g_file_test (song, G_FILE_TEST_EXISTS), "%s is missing "
      "(scripts/install-deps test installs it)", song);
  pipeline = gst_parse_launch (description, NULL);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  while (samples->len < skip + keep &&
      (sample = gst_app_sink_pull_sample (GST_APP_SINK (sink)))) {
    GstMapInfo map;
    GstBuffer *buf = gst_sample_get_buffer (sample);
    gst_buffer_map (buf, &map, GST_MAP_READ);
    g_array_append_vals (samples, map.data, map.size / sizeof (float));
    gst_buffer_unmap (buf, &map);
    gst_sample_unref (sample);
  }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (sink);
  gst_object_unref (pipeline);
  g_free (description);
  fail_unless (samples->len >= skip + keep, "%s is shorter than 50 s", song);
  *frames = keep / 2;
  excerpt = g_memdup2 ((float *) samples->data + skip, keep * sizeof (float));
  g_array_free (samples, TRUE);
  return excerpt;
}

/* The field in the last element message on the bus that has it (NAN:
 * none). */
static gdouble
last_gain (GstBus * bus, const gchar * field)
{
  GstMessage *msg;
  gdouble gain = NAN;

  while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT))) {
    gst_structure_get_double (gst_message_get_structure (msg), field, &gain);
    gst_message_unref (msg);
  }
  return gain;
}

/* Appends the stereo F32 buffers waiting at the harness's sink to out,
 * counting their frames into *pulled and checking that their timestamps
 * rise strictly from *last. */
static void
pull_rising (GstHarness * h, GArray * out, guint64 * pulled,
    GstClockTime * last)
{
  GstBuffer *buf;

  while ((buf = gst_harness_try_pull (h))) {
    GstMapInfo map;
    fail_unless (*pulled == 0 || GST_BUFFER_PTS (buf) > *last,
        "output time went back");
    *last = GST_BUFFER_PTS (buf);
    gst_buffer_map (buf, &map, GST_MAP_READ);
    for (gsize i = 0; i < map.size / sizeof (float); i++)
      g_array_append_val (out, (gdouble) {
          ((float *) map.data)[i]});
    *pulled += map.size / 8;
    gst_buffer_unmap (buf, &map);
    gst_buffer_unref (buf);
  }
}

void
push_with_event (const gchar * description, const gchar * gain_field,
    const float *x, guint64 frames, TimelineEvent event, GArray * out,
    gdouble * before, gdouble * after)
{
  const guint64 step = 480, at = 10 * 48000;
  GstBus *bus;
  GstHarness *h = harness_new_element (description, &stereo_48k, TRUE, &bus);
  GRand *rand = g_rand_new_with_seed (7);
  GstClockTime last = 0;
  GstBuffer *buf;
  guint64 pulled = 0;

  for (guint64 pos = 0; pos < frames; pos += step) {
    buf = buffer_of (x, pos, MIN (step, frames - pos), &stereo_48k);
    if (pos >= at && event == JITTER)
      GST_BUFFER_PTS (buf) += g_rand_int_range (rand, 0, 4000001) - 2000000;
    if (pos >= at && event == GAP)
      GST_BUFFER_PTS (buf) += 5 * GST_SECOND;
    if (pos >= at && event == PAUSE)
      GST_BUFFER_PTS (buf) += 2 * GST_SECOND;
    if (pos == at && event == PAUSE)
      GST_BUFFER_FLAG_SET (buf, GST_BUFFER_FLAG_DISCONT);
    if (pos == at)
      *before = last_gain (bus, gain_field);
    fail_unless_equals_int (gst_harness_push (h, buf), GST_FLOW_OK);
    if (pos == at + 48000 / 5)
      *after = last_gain (bus, gain_field);
    pull_rising (h, out, &pulled, &last);
  }
  gst_harness_push_event (h, gst_event_new_eos ());
  pull_rising (h, out, &pulled, &last);
  fail_unless_equals_uint64 (pulled, frames);
  g_rand_free (rand);
  harness_free (h, bus);
}
