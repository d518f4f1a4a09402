/* loudnorm's streaming behaviour when normalizing (gst-check, GstHarness):
 * latency and EOS drain, flush, new caps and timestamp jumps, refusals
 * with a clear error, smooth property changes in PLAYING.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/audio/audio.h>
#include <gst/check/gstcheck.h>
#include <gst/check/gstharness.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "check_main.h"
#include "loudness_meter.h"
#include "loudnorm_harness.h"
#include "programmes.h"

GST_START_TEST (test_latency_and_drain)
{
  /* the 0.5 s gain lookahead by default, 24000 frames at 48 kHz, and the
   * limiter's 5 ms, 304 frames with the interpolator's delay */
  const struct
  {
    const gchar *properties;
    guint64 latency;
  } cases[] = {
    {"mode=live", 24000 + 304},
    {"mode=live gain-lookahead=0", 304},
    {"mode=live gain-lookahead=1.23", 57600 + 304},
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++) {
    GstBus *bus;
    GstHarness *h = harness_new (cases[c].properties, &stereo_48k, TRUE,
        &bus);
    const guint64 latency = cases[c].latency;
    size_t frames;
    float *x = programme_new (PROGRAMME_TONES, 48000, 2, 2.0, &frames);
    GArray *out;

    fail_unless_equals_uint64 (gst_harness_query_latency (h),
        gst_util_uint64_scale_int_round (latency, GST_SECOND, 48000));
    /* odd buffer sizes, fewer frames than the latency included */
    out = g_array_new (FALSE, FALSE, sizeof (gdouble));
    for (guint64 pos = 0, n = 100; pos < frames; pos += n, n = n * 3 % 7001)
      fail_unless_equals_int (gst_harness_push (h, buffer_of (x, pos,
                  MIN (n, frames - pos), &stereo_48k)), GST_FLOW_OK);
    pull_all (h, out, &stereo_48k);
    fail_unless_equals_uint64 (out->len / 2, frames - latency);
    fail_unless (gst_harness_push_event (h, gst_event_new_eos ()));
    pull_all (h, out, &stereo_48k);
    fail_unless_equals_uint64 (out->len / 2, frames);
    g_array_free (out, TRUE);
    free (x);
    harness_free (h, bus);
  }
}

GST_END_TEST;

/* After a flush, nothing from before comes out, the measurement restarts,
 * and the output clock starts again at the first new buffer. */
GST_START_TEST (test_flush_resets)
{
  GstBus *bus;
  GstHarness *h = harness_new ("mode=live", &stereo_48k, TRUE, &bus);
  size_t frames;
  float *x = programme_new (PROGRAMME_TONES, 48000, 2, 2.0, &frames);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gdouble));
  gdouble integrated;

  for (guint i = 0; i < 10; i++)
    gst_harness_push (h, buffer_of (x, i * BUFFER_FRAMES, BUFFER_FRAMES,
            &stereo_48k));
  while (gst_harness_buffers_in_queue (h))
    gst_buffer_unref (gst_harness_pull (h));
  fail_unless (gst_harness_push_event (h, gst_event_new_flush_start ()));
  fail_unless (gst_harness_push_event (h, gst_event_new_flush_stop (TRUE)));
  {
    GstSegment segment;
    gst_segment_init (&segment, GST_FORMAT_TIME);
    gst_harness_push_event (h, gst_event_new_segment (&segment));
  }
  g_object_get (h->element, "integrated", &integrated, NULL);
  fail_unless (isinf (integrated) && integrated < 0);
  for (guint i = 0; i < 5; i++)
    gst_harness_push (h, buffer_of (x, i * BUFFER_FRAMES, BUFFER_FRAMES,
            &stereo_48k));
  fail_unless (gst_harness_push_event (h, gst_event_new_eos ()));
  pull_all (h, out, &stereo_48k);
  fail_unless_equals_uint64 (out->len / 2, 5 * BUFFER_FRAMES);
  g_array_free (out, TRUE);
  free (x);
  harness_free (h, bus);
}

GST_END_TEST;

static gchar *
error_text (GstBus * bus)
{
  GstMessage *msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  GError *error = NULL;
  gchar *text;

  fail_unless (msg != NULL, "no error message");
  gst_message_parse_error (msg, &error, NULL);
  text = g_strdup (error->message);
  g_error_free (error);
  gst_message_unref (msg);
  return text;
}

/* The first buffer is refused with an error naming the problem. */
static void
check_refused (const gchar * properties, const gchar * expected)
{
  GstBus *bus;
  GstHarness *h = harness_new (properties, &stereo_48k, TRUE, &bus);
  float x[2 * 480] = { 0 };
  gchar *text;

  fail_unless_equals_int (gst_harness_push (h, buffer_of (x, 0, 480,
              &stereo_48k)), GST_FLOW_ERROR);
  text = error_text (bus);
  fail_unless (strstr (text, expected) != NULL, "%s", text);
  g_free (text);
  harness_free (h, bus);
}

/* the harness answers the latency query with live=TRUE */
GST_START_TEST (test_file_mode_refuses_live_source)
{
  check_refused ("mode=file", "cannot run on a live source");
}

GST_END_TEST;

GST_START_TEST (test_linear_needs_measurements)
{
  check_refused ("mode=linear", "measured-integrated");
}

GST_END_TEST;

/* A target changed in PLAYING ramps the gain over 100 ms: no step. */
GST_START_TEST (test_property_change_is_smooth)
{
  const guint64 frames = 48000, latency = 304;
  GstBus *bus;
  GstHarness *h = harness_new ("mode=linear target=-23 ceiling=0 "
      "measured-integrated=-30 measured-true-peak=-26", &stereo_48k, TRUE,
      &bus);
  float *x = g_new (float, frames * 2);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gdouble));
  gdouble largest_step = 0.0;

  for (guint64 i = 0; i < frames * 2; i++)
    x[i] = 0.05f;
  for (guint64 pos = 0; pos < frames; pos += BUFFER_FRAMES) {
    if (pos == 5 * BUFFER_FRAMES)
      g_object_set (h->element, "target", -17.0, NULL);
    gst_harness_push (h, buffer_of (x, pos, BUFFER_FRAMES, &stereo_48k));
  }
  gst_harness_push_event (h, gst_event_new_eos ());
  pull_all (h, out, &stereo_48k);
  for (guint64 i = latency + 1; i < frames; i++)
    largest_step = fmax (largest_step, fabs (g_array_index (out, gdouble,
                2 * i) - g_array_index (out, gdouble, 2 * i - 2)));
  /* +7 dB, then +13 dB: the change ramps across 4800 frames */
  fail_unless (fabs (g_array_index (out, gdouble, 2 * 1000) -
          0.05 * pow (10.0, 7.0 / 20.0)) < 1e-6);
  fail_unless (fabs (g_array_index (out, gdouble, 2 * (frames - 1)) -
          0.05 * pow (10.0, 13.0 / 20.0)) < 1e-6);
  fail_unless (largest_step < 0.05 * (pow (10.0, 13.0 / 20.0) -
          pow (10.0, 7.0 / 20.0)) / 4800 * 1.01, "step %g", largest_step);
  g_array_free (out, TRUE);
  g_free (x);
  harness_free (h, bus);
}

GST_END_TEST;


/* New caps in the middle of a live stream: the old format's lookahead goes
 * out first, so every frame of both parts comes out, each part in its own
 * format. */
GST_START_TEST (test_caps_change_drains)
{
  const Format f64_44k = { 44100, 2, TRUE };
  GstBus *bus;
  GstHarness *h = harness_new ("mode=live", &stereo_48k, TRUE, &bus);
  size_t frames_a, frames_b;
  float *a = programme_new (PROGRAMME_TONES, 48000, 2, 1.0, &frames_a);
  float *b = programme_new (PROGRAMME_TONES, 44100, 2, 1.0, &frames_b);
  guint64 out_a = 0, out_b = 0;
  GstBuffer *buf;
  gchar *caps = caps_string (&f64_44k);

  for (guint64 pos = 0; pos < frames_a; pos += BUFFER_FRAMES)
    gst_harness_push (h, buffer_of (a, pos, MIN (BUFFER_FRAMES,
                frames_a - pos), &stereo_48k));
  gst_harness_set_src_caps_str (h, caps);
  for (guint64 pos = 0; pos < frames_b; pos += 4410)
    gst_harness_push (h, buffer_of (b, pos, MIN (4410, frames_b - pos),
            &f64_44k));
  gst_harness_push_event (h, gst_event_new_eos ());
  while ((buf = gst_harness_try_pull (h))) {
    /* F32 stereo is 8 bytes a frame, F64 stereo 16 */
    gsize size = gst_buffer_get_size (buf);
    if (out_a < frames_a)
      out_a += size / 8;
    else
      out_b += size / 16;
    gst_buffer_unref (buf);
  }
  fail_unless_equals_uint64 (out_a, frames_a);
  fail_unless_equals_uint64 (out_b, frames_b);
  g_free (caps);
  free (a);
  free (b);
  harness_free (h, bus);
}

GST_END_TEST;

/* Pushes 1 s of tones at 0 s and 1 s more at 2 s, with no DISCONT flag. */
static void
push_with_hole (GstHarness * h, const float *x)
{
  for (guint64 pos = 0; pos < 2 * 48000; pos += BUFFER_FRAMES) {
    GstBuffer *buf = buffer_of (x, pos, BUFFER_FRAMES, &stereo_48k);
    if (pos >= 48000)
      GST_BUFFER_PTS (buf) += GST_SECOND;
    fail_unless_equals_int (gst_harness_push (h, buf), GST_FLOW_OK);
  }
  gst_harness_push_event (h, gst_event_new_eos ());
}

/* A timestamp jump is a discontinuity even unflagged: file mode fills the
 * hole with silence (the output keeps the input's timeline), live mode
 * drains and restarts its clock at the new timestamp. */
GST_START_TEST (test_timestamp_jump)
{
  size_t frames;
  float *x = programme_new (PROGRAMME_TONES, 48000, 2, 2.0, &frames);
  GstBus *bus;
  GstHarness *h = harness_new ("mode=file", &stereo_48k, FALSE, &bus);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gdouble));
  GstClockTime resumed = GST_CLOCK_TIME_NONE;
  guint64 live_frames = 0;
  GstBuffer *buf;

  push_with_hole (h, x);
  pull_all (h, out, &stereo_48k);
  fail_unless_equals_uint64 (out->len / 2, 3 * 48000);
  for (guint64 i = 48000 * 2; i < 2 * 48000 * 2; i++)
    fail_unless (g_array_index (out, gdouble, i) == 0.0);
  harness_free (h, bus);

  h = harness_new ("mode=live", &stereo_48k, TRUE, &bus);
  push_with_hole (h, x);
  while ((buf = gst_harness_try_pull (h))) {
    if (GST_BUFFER_IS_DISCONT (buf) && live_frames > 0)
      resumed = GST_BUFFER_PTS (buf);
    live_frames += gst_buffer_get_size (buf) / 8;
    gst_buffer_unref (buf);
  }
  fail_unless_equals_uint64 (live_frames, 2 * 48000);
  fail_unless_equals_uint64 (resumed, 2 * GST_SECOND);
  g_array_free (out, TRUE);
  free (x);
  harness_free (h, bus);
}

GST_END_TEST;

/* Frames waiting at the harness's sink (buffers not pulled yet). */
static guint64
frames_waiting (GstHarness * h)
{
  guint64 frames = 0;
  GstBuffer *buf;

  while ((buf = gst_harness_try_pull (h))) {
    frames += gst_buffer_get_size (buf) / 8;
    gst_buffer_unref (buf);
  }
  return frames;
}

/* A GAP event follows the audio before it: live mode drains its lookahead
 * first (every frame pushed is out when the GAP is), file mode keeps the
 * hole as silence and lets no GAP overtake the programme (only the one at
 * its start, which prerolls downstream). */
GST_START_TEST (test_gap_events_follow_the_audio)
{
  size_t frames;
  float *x = programme_new (PROGRAMME_TONES, 48000, 2, 2.0, &frames);
  GstBus *bus;
  GstHarness *h = harness_new ("mode=live", &stereo_48k, TRUE, &bus);
  GstEvent *event;
  guint64 out = 0, gaps = 0;

  for (guint64 pos = 0; pos < 48000; pos += BUFFER_FRAMES)
    gst_harness_push (h, buffer_of (x, pos, BUFFER_FRAMES, &stereo_48k));
  out = frames_waiting (h);
  fail_unless (out < 48000, "the lookahead holds nothing back");
  fail_unless (gst_harness_push_event (h, gst_event_new_gap (GST_SECOND,
              GST_SECOND)));
  out += frames_waiting (h);
  fail_unless_equals_uint64 (out, 48000);
  for (guint64 pos = 48000; pos < frames; pos += BUFFER_FRAMES) {
    GstBuffer *buf = buffer_of (x, pos, BUFFER_FRAMES, &stereo_48k);
    GST_BUFFER_PTS (buf) += GST_SECOND;
    gst_harness_push (h, buf);
  }
  gst_harness_push_event (h, gst_event_new_eos ());
  out += frames_waiting (h);
  fail_unless_equals_uint64 (out, frames);
  harness_free (h, bus);

  h = harness_new ("mode=file", &stereo_48k, FALSE, &bus);
  for (guint64 pos = 0; pos < frames; pos += BUFFER_FRAMES) {
    GstBuffer *buf = buffer_of (x, pos, BUFFER_FRAMES, &stereo_48k);
    if (pos >= 48000)
      GST_BUFFER_PTS (buf) += GST_SECOND;
    if (pos == 48000)
      gst_harness_push_event (h, gst_event_new_gap (GST_SECOND, GST_SECOND));
    gst_harness_push (h, buf);
  }
  while ((event = gst_harness_try_pull_event (h))) {
    GstClockTime time;
    if (GST_EVENT_TYPE (event) == GST_EVENT_GAP) {
      gst_event_parse_gap (event, &time, NULL);
      fail_unless_equals_uint64 (time, 0);
      gaps++;
    }
    gst_event_unref (event);
  }
  fail_unless_equals_uint64 (gaps, 1);
  gst_harness_push_event (h, gst_event_new_eos ());
  /* the hole kept as silence: 3 s out */
  fail_unless_equals_uint64 (frames_waiting (h), 3 * 48000);
  harness_free (h, bus);
  free (x);
}

GST_END_TEST;

/* A stream whose first buffer has no timestamp: the timeline starts where
 * the first timestamp says, counted back over the frames before it, so
 * every stamped output frame is where its input frame was (not late by
 * the first buffer's length), in live and in file mode. */
GST_START_TEST (test_untimestamped_start)
{
  const gchar *modes[] = { "mode=live", "mode=file" };
  size_t frames;
  float *x = programme_new (PROGRAMME_TONES, 48000, 2, 1.0, &frames);

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++) {
    GstBus *bus;
    GstHarness *h = harness_new (modes[m], &stereo_48k, m == 0, &bus);
    guint64 out = 0, stamped = 0;
    GstBuffer *buf;

    for (guint64 pos = 0; pos < frames; pos += BUFFER_FRAMES) {
      buf = buffer_of (x, pos, BUFFER_FRAMES, &stereo_48k);
      if (pos == 0)
        GST_BUFFER_PTS (buf) = GST_CLOCK_TIME_NONE;
      gst_harness_push (h, buf);
    }
    gst_harness_push_event (h, gst_event_new_eos ());
    while ((buf = gst_harness_try_pull (h))) {
      if (GST_BUFFER_PTS_IS_VALID (buf)) {
        fail_unless_equals_uint64 (GST_BUFFER_PTS (buf),
            gst_util_uint64_scale_int_round (out, GST_SECOND, 48000));
        stamped++;
      }
      out += gst_buffer_get_size (buf) / 8;
      gst_buffer_unref (buf);
    }
    fail_unless_equals_uint64 (out, frames);
    fail_unless (stamped > 0, "%s: no timestamps", modes[m]);
    harness_free (h, bus);
  }
  free (x);
}

GST_END_TEST;

/* File mode: a hole of more than 10 s (a clock that jumped) ends the
 * programme instead of becoming silence: 2 s at 0 s and 2 s at 600 s come
 * out as two programmes, 4 s in all, each with its final report, the
 * second on its own timeline. */
GST_START_TEST (test_file_mode_long_hole_is_a_new_programme)
{
  size_t frames;
  float *x = programme_new (PROGRAMME_TONES, 48000, 2, 4.0, &frames);
  const gchar *elements[] = { "loudnorm mode=file", "audiomaster mode=file" };

  for (guint e = 0; e < G_N_ELEMENTS (elements); e++) {
    GstBus *bus;
    GstHarness *h = harness_new_element (elements[e], &stereo_48k, FALSE,
        &bus);
    GstClockTime second_start = GST_CLOCK_TIME_NONE;
    guint64 out = 0, reports = 0;
    GstMessage *msg;
    GstBuffer *buf;

    for (guint64 pos = 0; pos < frames; pos += BUFFER_FRAMES) {
      buf = buffer_of (x, pos, BUFFER_FRAMES, &stereo_48k);
      if (pos >= 2 * 48000)
        GST_BUFFER_PTS (buf) += 598 * GST_SECOND;
      gst_harness_push (h, buf);
    }
    gst_harness_push_event (h, gst_event_new_eos ());
    while ((buf = gst_harness_try_pull (h))) {
      if (out == 2 * 48000)
        second_start = GST_BUFFER_PTS (buf);
      out += gst_buffer_get_size (buf) / 8;
      gst_buffer_unref (buf);
    }
    fail_unless_equals_uint64 (out, 4 * 48000);
    fail_unless_equals_uint64 (second_start, 600 * GST_SECOND);
    while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT))) {
      gboolean final = FALSE;
      if (gst_structure_get_boolean (gst_message_get_structure (msg), "final",
              &final) && final)
        reports++;
      gst_message_unref (msg);
    }
    if (e == 0)
      fail_unless_equals_uint64 (reports, 2);
    harness_free (h, bus);
  }
  free (x);
}

GST_END_TEST;

/* Live mode follows the audio, not the clock: on real music, timestamp
 * jitter of +-2 ms, a 5 s hole and a pause (a 2 s jump, flagged DISCONT)
 * leave the gain where it was (within 0.5 dB, 0.2 s later), and the
 * output from 3 s on (once the gain has come down from its start at 0 dB)
 * reads the target within 1 LU by libebur128. The output clock
 * restarts at a hole (timestamps rise, every frame comes out); jitter
 * within 40 ms is no discontinuity at all. */
GST_START_TEST (test_live_gain_survives_jitter_holes_and_pauses)
{
  const gchar *names[] = { "jitter", "a 5 s hole", "a pause" };
  guint64 frames;
  float *x = real_music (48000, &frames);

  for (TimelineEvent e = JITTER; e <= PAUSE; e++) {
    GArray *out = g_array_new (FALSE, FALSE, sizeof (gdouble));
    gdouble before = NAN, after = NAN;
    Loudness ours, theirs;

    push_with_event ("loudnorm mode=live interval=100000000", "gain", x,
        frames, e, out, &before, &after);
    g_array_remove_range (out, 0, 3 * 48000 * 2);
    measure_output (out, &stereo_48k, &ours, &theirs);
    GST_INFO ("%s: gain %+.2f dB before, %+.2f dB after; output %.2f LUFS",
        names[e], before, after, theirs.integrated);
    fail_unless (before < -6.0, "%s: the music needs a gain, got %+.2f dB",
        names[e], before);
    fail_unless (fabs (after - before) <= 0.5, "%s: gain %+.2f dB before, "
        "%+.2f dB after", names[e], before, after);
    fail_unless (fabs (theirs.integrated + 23.0) <= 1.0, "%s: %.2f LUFS",
        names[e], theirs.integrated);
    g_array_free (out, TRUE);
  }
  free (x);
}

GST_END_TEST;

/* File mode past max-memory: the rest of the input goes through the
 * temporary file, and the output is the same, sample for sample, as when
 * all of it fits in memory. */
GST_START_TEST (test_file_mode_spills_to_disk)
{
  size_t frames;
  float *x = programme_new (PROGRAMME_MUSIC, 48000, 2, 20.0, &frames);
  GstBus *bus;
  GstHarness *h = harness_new ("mode=file", &stereo_48k, FALSE, &bus);
  GArray *in_memory = run (h, x, frames, &stereo_48k);
  GArray *spilled;

  harness_free (h, bus);
  /* 1 MiB holds 2.7 s of the 20 */
  h = harness_new ("mode=file max-memory=1", &stereo_48k, FALSE, &bus);
  spilled = run (h, x, frames, &stereo_48k);
  fail_unless_equals_uint64 (spilled->len, in_memory->len);
  fail_unless (memcmp (spilled->data, in_memory->data,
          in_memory->len * sizeof (gdouble)) == 0);
  g_array_free (in_memory, TRUE);
  g_array_free (spilled, TRUE);
  free (x);
  harness_free (h, bus);
}

GST_END_TEST;

/* An application that reuses its pipeline for the next file: PLAYING ->
 * NULL (or READY) -> PLAYING while file mode keeps a programme. What was
 * kept is dropped with the state change, and the next file is normalized
 * on its own (this crashed on the next stream-start). */
GST_START_TEST (test_file_mode_survives_reuse)
{
  const gchar *elements[] = { "loudnorm mode=file preset=streaming",
    "audiomaster mode=file preset=streaming"
  };
  const GstState downs[] = { GST_STATE_NULL, GST_STATE_READY };

  for (guint e = 0; e < G_N_ELEMENTS (elements); e++) {
    for (guint d = 0; d < G_N_ELEMENTS (downs); d++) {
      GstBus *bus;
      GstHarness *h = harness_new_element (elements[e], &stereo_48k, FALSE,
          &bus);
      size_t frames;
      float *x = programme_new (PROGRAMME_MUSIC, 48000, 2, 10.0, &frames);
      gchar *caps = caps_string (&stereo_48k);
      GArray *out;

      for (guint i = 0; i < 10; i++)
        gst_harness_push (h, buffer_of (x, i * BUFFER_FRAMES, BUFFER_FRAMES,
                &stereo_48k));
      fail_unless (gst_element_set_state (h->element, downs[d]) ==
          GST_STATE_CHANGE_SUCCESS);
      fail_unless (gst_element_set_state (h->element, GST_STATE_PLAYING) !=
          GST_STATE_CHANGE_FAILURE);
      fail_unless (gst_harness_push_event (h,
              gst_event_new_stream_start ("next-file")));
      gst_harness_set_src_caps_str (h, caps);
      g_free (caps);
      out = run (h, x, frames, &stereo_48k);
      check_normalized (out, x, frames, &stereo_48k, -14.0, -1.0, elements[e]);
      g_array_free (out, TRUE);
      free (x);
      harness_free (h, bus);
    }
  }
}

GST_END_TEST;

/* "... ! tee ! queue ! loudnorm mode=file ! sink  t. ! queue ! level !
 * sink" stayed in PREROLLING for ever: file mode sends nothing before the
 * end, its sink never prerolled, and the other branch's sink held the tee.
 * A GAP at the start of the programme prerolls it: both elements reach
 * EOS. */
GST_START_TEST (test_file_mode_prerolls_beside_a_tee)
{
  const gchar *elements[] = { "loudnorm mode=file", "audiomaster mode=file" };

  for (guint i = 0; i < G_N_ELEMENTS (elements); i++) {
    gchar *description = g_strdup_printf ("audiotestsrc num-buffers=100 ! "
        "tee name=t ! queue ! %s ! fakesink t. ! queue ! fakesink",
        elements[i]);
    GstElement *pipeline = gst_parse_launch (description, NULL);
    GstBus *bus = gst_element_get_bus (pipeline);
    GstMessage *msg;

    fail_unless (pipeline != NULL);
    gst_element_set_state (pipeline, GST_STATE_PLAYING);
    /* generous: only a hang takes this long */
    msg = gst_bus_timed_pop_filtered (bus, 120 * GST_SECOND,
        GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
    fail_unless (msg != NULL, "%s beside a tee: no EOS", elements[i]);
    fail_unless_equals_int (GST_MESSAGE_TYPE (msg), GST_MESSAGE_EOS);
    gst_message_unref (msg);
    gst_element_set_state (pipeline, GST_STATE_NULL);
    gst_object_unref (bus);
    gst_object_unref (pipeline);
    g_free (description);
  }
}

GST_END_TEST;

static Suite *
loudnorm_stream_suite (void)
{
  Suite *s = suite_create ("loudnorm-stream");
  TCase *tc = tcase_create ("general");

  tcase_set_timeout (tc, 120);
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_latency_and_drain);
  tcase_add_test (tc, test_flush_resets);
  tcase_add_test (tc, test_file_mode_refuses_live_source);
  tcase_add_test (tc, test_linear_needs_measurements);
  tcase_add_test (tc, test_property_change_is_smooth);
  tcase_add_test (tc, test_caps_change_drains);
  tcase_add_test (tc, test_timestamp_jump);
  tcase_add_test (tc, test_live_gain_survives_jitter_holes_and_pauses);
  tcase_add_test (tc, test_gap_events_follow_the_audio);
  tcase_add_test (tc, test_untimestamped_start);
  tcase_add_test (tc, test_file_mode_long_hole_is_a_new_programme);
  tcase_add_test (tc, test_file_mode_spills_to_disk);
  tcase_add_test (tc, test_file_mode_survives_reuse);
  tcase_add_test (tc, test_file_mode_prerolls_beside_a_tee);
  return s;
}

CHECK_MAIN (loudnorm_stream);
