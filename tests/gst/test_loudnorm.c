/* loudnorm element tests (gst-check, GstHarness): message fields equal the
 * DSP meter's results, resets, formats, layouts, silence, EOS summary.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/audio/audio.h>
#include <gst/check/gstcheck.h>
#include <gst/check/gstharness.h>
#include <math.h>

#include "check_main.h"
#include "loudness_meter.h"

#define RATE 48000
#define STEREO_F32 "audio/x-raw, format=" GST_AUDIO_NE (F32) ", rate=48000, " \
    "channels=2, layout=interleaved, channel-mask=(bitmask)0x3"

/* `frames` of a 997 Hz sine at peak_dbfs in every channel, from frame
 * start_frame of a stream that starts at time 0. */
static GstBuffer *
sine_buffer (guint channels, guint64 start_frame, guint frames,
    gdouble peak_dbfs, gboolean f64)
{
  gsize bytes = frames * channels * (f64 ? sizeof (gdouble) : sizeof (gfloat));
  GstBuffer *buf = gst_buffer_new_allocate (NULL, bytes, NULL);
  GstMapInfo map;
  gdouble amplitude = pow (10.0, peak_dbfs / 20.0);

  gst_buffer_map (buf, &map, GST_MAP_WRITE);
  for (guint i = 0; i < frames; i++)
    for (guint c = 0; c < channels; c++) {
      gdouble v =
          amplitude * sin (2.0 * M_PI * 997.0 * (start_frame + i) / RATE);
      if (f64)
        ((gdouble *) map.data)[i * channels + c] = v;
      else
        ((gfloat *) map.data)[i * channels + c] = (gfloat) v;
    }
  gst_buffer_unmap (buf, &map);
  GST_BUFFER_PTS (buf) =
      gst_util_uint64_scale_int (start_frame, GST_SECOND, RATE);
  GST_BUFFER_DURATION (buf) =
      gst_util_uint64_scale_int (frames, GST_SECOND, RATE);
  return buf;
}

/* A harness around a loudnorm in measure mode. */
static GstHarness *
harness_new_measuring (void)
{
  GstElement *element = gst_element_factory_make ("loudnorm", NULL);
  GstHarness *h;

  gst_util_set_object_arg (G_OBJECT (element), "mode", "measure");
  h = gst_harness_new_with_element (element, "sink", "src");
  gst_object_unref (element);
  return h;
}

static GstHarness *
harness_with_bus (const gchar * caps, GstBus ** bus)
{
  GstHarness *h = harness_new_measuring ();
  *bus = gst_bus_new ();
  gst_element_set_bus (h->element, *bus);
  gst_harness_set_src_caps_str (h, caps);
  return h;
}

static void
teardown_with_bus (GstHarness * h, GstBus * bus)
{
  gst_element_set_bus (h->element, NULL);
  gst_object_unref (bus);
  gst_harness_teardown (h);
}

/* The element's read-only results: only audio since the last restart
 * counts. */
static void
check_measured (GstHarness * h, gdouble integrated_lufs, gdouble true_peak_dbtp)
{
  gdouble integrated, peak;
  g_object_get (h->element, "integrated", &integrated, "true-peak", &peak,
      NULL);
  fail_unless (fabs (integrated - integrated_lufs) < 0.05,
      "integrated %f, expected %f", integrated, integrated_lufs);
  fail_unless (fabs (peak - true_peak_dbtp) < 0.05,
      "true peak %f, expected %f", peak, true_peak_dbtp);
}

/* Pushes `seconds` of sine in 100 ms buffers from frame start_frame,
 * feeding the same samples to `mirror` (if any); checks that each buffer
 * comes out untouched. */
static void
push_sine (GstHarness * h, guint channels, guint64 start_frame,
    gdouble seconds, gdouble peak_dbfs, gboolean f64, loudness_meter * mirror)
{
  const guint frames = RATE / 10;
  const guint64 end = start_frame + (guint64) (seconds * RATE);

  for (guint64 pos = start_frame; pos < end; pos += frames) {
    GstBuffer *in = sine_buffer (channels, pos, frames, peak_dbfs, f64);
    GstBuffer *out;
    GstMapInfo map;

    gst_buffer_map (in, &map, GST_MAP_READ);
    if (mirror && f64)
      loudness_meter_add_f64 (mirror, (const gdouble *) map.data, frames);
    else if (mirror)
      loudness_meter_add_f32 (mirror, (const gfloat *) map.data, frames);
    gst_buffer_unmap (in, &map);

    gst_buffer_ref (in);
    fail_unless_equals_int (gst_harness_push (h, in), GST_FLOW_OK);
    out = gst_harness_pull (h);
    fail_unless (out == in, "measure mode must pass buffers through");
    gst_buffer_unref (out);
    gst_buffer_unref (in);
  }
}

static gdouble
get_double (const GstStructure * s, const gchar * field)
{
  gdouble v = NAN;
  fail_unless (gst_structure_get_double (s, field, &v), "no double '%s'",
      field);
  return v;
}

static const GstStructure *
loudness_structure (GstMessage * msg)
{
  const GstStructure *s = gst_message_get_structure (msg);
  fail_unless (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ELEMENT);
  fail_unless (gst_structure_has_name (s, "loudness"));
  return s;
}

static void
check_fields_present (const GstStructure * s, guint channels)
{
  static const gchar *times[] = { "timestamp", "stream-time", "running-time",
    "duration"
  };
  static const gchar *values[] = { "momentary", "short-term", "integrated",
    "loudness-range", "max-momentary", "max-short-term"
  };
  static const gchar *arrays[] = { "true-peak", "sample-peak" };
  gboolean final;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    fail_unless (gst_structure_has_field_typed (s, times[i], G_TYPE_UINT64),
        "missing %s", times[i]);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    fail_if (isnan (get_double (s, values[i])), "%s is NaN", values[i]);
  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++) {
    const GValue *a = gst_structure_get_value (s, arrays[i]);
    fail_unless (a && GST_VALUE_HOLDS_ARRAY (a), "missing %s", arrays[i]);
    fail_unless_equals_int (gst_value_array_get_size (a), channels);
    for (guint c = 0; c < channels; c++)
      fail_if (isnan (g_value_get_double (gst_value_array_get_value (a, c))));
  }
  fail_unless (gst_structure_get_boolean (s, "final", &final));
}

static gdouble
array_double (const GstStructure * s, const gchar * field, guint index)
{
  const GValue *a = gst_structure_get_value (s, field);
  return g_value_get_double (gst_value_array_get_value (a, index));
}

/* Every periodic message and the EOS summary carry the DSP meter's values
 * for the same audio, to the last bit. */
static void
check_messages_equal_dsp (const gchar * caps, guint channels, gboolean f64)
{
  GstBus *bus;
  GstHarness *h = harness_with_bus (caps, &bus);
  loudness_meter *mirror = loudness_meter_new (channels, RATE);
  GstMessage *msg;
  guint periodic = 0;

  push_sine (h, channels, 0, 4.0, -23.0, f64, mirror);
  while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT))) {
    const GstStructure *s = loudness_structure (msg);
    gboolean final = TRUE;
    guint64 ts, duration;
    check_fields_present (s, channels);
    gst_structure_get_boolean (s, "final", &final);
    fail_if (final);
    gst_structure_get_uint64 (s, "timestamp", &ts);
    gst_structure_get_uint64 (s, "duration", &duration);
    fail_unless_equals_uint64 (ts, periodic * 100 * GST_MSECOND);
    fail_unless_equals_uint64 (duration, 100 * GST_MSECOND);
    periodic++;
    gst_message_unref (msg);
  }
  fail_unless_equals_int (periodic, 40);

  fail_unless (gst_harness_push_event (h, gst_event_new_eos ()));
  msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT);
  fail_unless (msg != NULL, "no summary on EOS");
  const GstStructure *s = loudness_structure (msg);
  gboolean final = FALSE;
  guint64 duration = 0;
  check_fields_present (s, channels);
  gst_structure_get_boolean (s, "final", &final);
  gst_structure_get_uint64 (s, "duration", &duration);
  fail_unless (final);
  fail_unless_equals_uint64 (duration, 4 * GST_SECOND);
  fail_unless_equals_float (get_double (s, "integrated"),
      loudness_meter_integrated (mirror));
  fail_unless_equals_float (get_double (s, "momentary"),
      loudness_meter_momentary (mirror));
  fail_unless_equals_float (get_double (s, "short-term"),
      loudness_meter_short_term (mirror));
  fail_unless_equals_float (get_double (s, "max-momentary"),
      loudness_meter_max_momentary (mirror));
  fail_unless_equals_float (get_double (s, "max-short-term"),
      loudness_meter_max_short_term (mirror));
  fail_unless_equals_float (get_double (s, "loudness-range"),
      loudness_meter_loudness_range (mirror));
  for (guint c = 0; c < channels; c++) {
    fail_unless_equals_float (array_double (s, "true-peak", c),
        loudness_meter_true_peak_db (mirror, c));
    fail_unless_equals_float (array_double (s, "sample-peak", c),
        loudness_meter_sample_peak_db (mirror, c));
  }
  /* 997 Hz at -23 dBFS in every channel: N channels read -23 + 10 log N/2 */
  gdouble expected = -23.0 + 10.0 * log10 (channels / 2.0);
  fail_unless (fabs (get_double (s, "integrated") - expected) < 0.05,
      "integrated %f, expected %f", get_double (s, "integrated"), expected);
  gst_message_unref (msg);

  gdouble integrated, peak;
  g_object_get (h->element, "integrated", &integrated, "true-peak", &peak,
      NULL);
  fail_unless_equals_float (integrated, loudness_meter_integrated (mirror));
  fail_unless (fabs (peak + 23.0) < 0.05);

  loudness_meter_free (mirror);
  teardown_with_bus (h, bus);
}

GST_START_TEST (test_stereo_f32)
{
  check_messages_equal_dsp (STEREO_F32, 2, FALSE);
}

GST_END_TEST;

GST_START_TEST (test_stereo_f64)
{
  check_messages_equal_dsp ("audio/x-raw, format=" GST_AUDIO_NE (F64)
      ", rate=48000, channels=2, layout=interleaved, "
      "channel-mask=(bitmask)0x3", 2, TRUE);
}

GST_END_TEST;

GST_START_TEST (test_mono)
{
  check_messages_equal_dsp ("audio/x-raw, format=" GST_AUDIO_NE (F32)
      ", rate=48000, channels=1, layout=interleaved", 1, FALSE);
}

GST_END_TEST;

/* Channel weights from the caps' channel mask (BS.1770-4 Annex 3), the
 * same sine in every channel: 5.1 (L R C LFE Ls Rs) reads as L+R+C at 1.0
 * and the surround pair (M+-110) at 1.41; 7.1 (L R C LFE, back pair at
 * M+-135, sides at M+-90) as L+R+C and the back pair at 1.0 and the sides
 * at 1.41; the LFE is excluded. Expected -23 + 10 log10(sum / 2). */
GST_START_TEST (test_surround_weights_from_caps)
{
  static const struct
  {
    guint channels;
    const gchar *mask;
    gdouble weights;
  } layouts[] = {
    {6, "0x3f", 3 + 2 * 1.41},
    {8, "0xc3f", 3 + 2 + 2 * 1.41},
  };

  for (guint l = 0; l < G_N_ELEMENTS (layouts); l++) {
    GstBus *bus;
    gchar *caps = g_strdup_printf ("audio/x-raw, format=" GST_AUDIO_NE (F32)
        ", rate=48000, channels=%u, layout=interleaved, "
        "channel-mask=(bitmask)%s", layouts[l].channels, layouts[l].mask);
    GstHarness *h = harness_with_bus (caps, &bus);
    gdouble integrated;

    push_sine (h, layouts[l].channels, 0, 3.0, -23.0, FALSE, NULL);
    g_object_get (h->element, "integrated", &integrated, NULL);
    fail_unless (fabs (integrated - (-23.0 + 10.0 * log10 (layouts[l].weights
                    / 2.0))) < 0.05, "%u channels: integrated %f",
        layouts[l].channels, integrated);
    teardown_with_bus (h, bus);
    g_free (caps);
  }
}

GST_END_TEST;

/* Silence reports -inf, never NaN, and a GAP buffer counts as silence. */
GST_START_TEST (test_silence_and_gap)
{
  GstBus *bus;
  GstHarness *h = harness_with_bus (STEREO_F32, &bus);
  GstBuffer *gap = gst_buffer_new_allocate (NULL, RATE * 2 * sizeof (gfloat),
      NULL);
  GstMessage *msg;

  gst_buffer_memset (gap, 0, 0, RATE * 2 * sizeof (gfloat));
  GST_BUFFER_PTS (gap) = 0;
  GST_BUFFER_DURATION (gap) = GST_SECOND;
  GST_BUFFER_FLAG_SET (gap, GST_BUFFER_FLAG_GAP);
  fail_unless_equals_int (gst_harness_push (h, gap), GST_FLOW_OK);
  gst_buffer_unref (gst_harness_pull (h));
  fail_unless (gst_harness_push_event (h, gst_event_new_eos ()));

  GstMessage *last = NULL;
  while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT))) {
    if (last)
      gst_message_unref (last);
    last = msg;
  }
  fail_unless (last != NULL);
  const GstStructure *s = loudness_structure (last);
  check_fields_present (s, 2);
  fail_unless (isinf (get_double (s, "integrated")));
  fail_unless (isinf (get_double (s, "momentary")));
  fail_unless (isinf (array_double (s, "true-peak", 0)));
  guint64 duration;
  gst_structure_get_uint64 (s, "duration", &duration);
  fail_unless_equals_uint64 (duration, GST_SECOND);
  gst_message_unref (last);
  teardown_with_bus (h, bus);
}

GST_END_TEST;

/* A flush starts a new measurement: only the audio after it counts. */
GST_START_TEST (test_flush_resets)
{
  GstBus *bus;
  GstHarness *h = harness_with_bus (STEREO_F32, &bus);

  push_sine (h, 2, 0, 3.0, -10.0, FALSE, NULL);
  fail_unless (gst_harness_push_event (h, gst_event_new_flush_start ()));
  fail_unless (gst_harness_push_event (h, gst_event_new_flush_stop (TRUE)));
  GstSegment segment;
  gst_segment_init (&segment, GST_FORMAT_TIME);
  fail_unless (gst_harness_push_event (h, gst_event_new_segment (&segment)));
  push_sine (h, 2, 0, 3.0, -30.0, FALSE, NULL);
  check_measured (h, -30.0, -30.0);
  teardown_with_bus (h, bus);
}

GST_END_TEST;

/* The reset action signal starts a new measurement with the next buffer;
 * the summary then covers only what came after it. */
GST_START_TEST (test_reset_signal)
{
  GstBus *bus;
  GstHarness *h = harness_with_bus (STEREO_F32, &bus);
  GstMessage *msg, *last = NULL;

  push_sine (h, 2, 0, 3.0, -10.0, FALSE, NULL);
  g_signal_emit_by_name (h->element, "reset");
  push_sine (h, 2, 3 * RATE, 3.0, -30.0, FALSE, NULL);
  check_measured (h, -30.0, -30.0);

  fail_unless (gst_harness_push_event (h, gst_event_new_eos ()));
  while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT))) {
    if (last)
      gst_message_unref (last);
    last = msg;
  }
  guint64 timestamp, duration;
  gst_structure_get_uint64 (loudness_structure (last), "timestamp", &timestamp);
  gst_structure_get_uint64 (loudness_structure (last), "duration", &duration);
  fail_unless_equals_uint64 (timestamp, 3 * GST_SECOND);
  fail_unless_equals_uint64 (duration, 3 * GST_SECOND);
  gst_message_unref (last);
  teardown_with_bus (h, bus);
}

GST_END_TEST;

/* New caps start a new measurement at the new rate. */
GST_START_TEST (test_new_caps_reset)
{
  GstBus *bus;
  GstHarness *h = harness_with_bus (STEREO_F32, &bus);

  push_sine (h, 2, 0, 3.0, -10.0, FALSE, NULL);
  gst_harness_set_src_caps_str (h, "audio/x-raw, format=" GST_AUDIO_NE (F32)
      ", rate=48000, channels=1, layout=interleaved");
  push_sine (h, 1, 0, 3.0, -30.0, FALSE, NULL);
  /* mono at -30 dBFS: -33.01 LUFS */
  check_measured (h, -33.01, -30.0);
  teardown_with_bus (h, bus);
}

GST_END_TEST;

/* One 1 s buffer with a 250 ms interval: split into four messages, as
 * level does; post-messages=false silences them. */
GST_START_TEST (test_interval_and_post_messages)
{
  GstBus *bus;
  GstHarness *h = harness_with_bus (STEREO_F32, &bus);
  GstMessage *msg;
  guint count = 0;

  g_object_set (h->element, "interval", 250 * GST_MSECOND, NULL);
  fail_unless_equals_int (gst_harness_push (h, sine_buffer (2, 0, RATE, -20,
              FALSE)), GST_FLOW_OK);
  gst_buffer_unref (gst_harness_pull (h));
  while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT))) {
    guint64 ts;
    gst_structure_get_uint64 (loudness_structure (msg), "timestamp", &ts);
    fail_unless_equals_uint64 (ts, count * 250 * GST_MSECOND);
    count++;
    gst_message_unref (msg);
  }
  fail_unless_equals_int (count, 4);

  g_object_set (h->element, "post-messages", FALSE, NULL);
  fail_unless_equals_int (gst_harness_push (h, sine_buffer (2, RATE, RATE,
              -20, FALSE)), GST_FLOW_OK);
  gst_buffer_unref (gst_harness_pull (h));
  fail_unless (gst_harness_push_event (h, gst_event_new_eos ()));
  fail_unless (gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT) == NULL);
  teardown_with_bus (h, bus);
}

GST_END_TEST;

/* Formats, layouts, rates and channel counts it cannot measure are refused
 * at negotiation. */
GST_START_TEST (test_refuses_unsupported_caps)
{
  static const gchar *refused[] = {
    "audio/x-raw, format=S16LE, rate=48000, channels=2, layout=interleaved",
    "audio/x-raw, format=" GST_AUDIO_NE (F32) ", rate=48000, channels=9, "
        "layout=interleaved",
    "audio/x-raw, format=" GST_AUDIO_NE (F32) ", rate=4000, channels=2, "
        "layout=interleaved",
    "audio/x-raw, format=" GST_AUDIO_NE (F32) ", rate=48000, channels=2, "
        "layout=non-interleaved",
  };
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++) {
    GstHarness *h = gst_harness_new ("loudnorm");
    gst_harness_set_src_caps_str (h, refused[i]);
    fail_unless_equals_int (gst_harness_push (h,
            gst_buffer_new_allocate (NULL, 4096, NULL)),
        GST_FLOW_NOT_NEGOTIATED);
    gst_harness_teardown (h);
  }
}

GST_END_TEST;

GST_START_TEST (test_state_changes)
{
  GstBus *bus;
  GstHarness *h = harness_with_bus (STEREO_F32, &bus);

  /* PAUSED -> READY forgets the stream (the element checklist's rule) */
  push_sine (h, 2, 0, 1.0, -20.0, FALSE, NULL);
  check_measured (h, -20.0, -20.0);
  fail_unless (gst_element_set_state (h->element, GST_STATE_NULL) ==
      GST_STATE_CHANGE_SUCCESS);
  gdouble integrated;
  g_object_get (h->element, "integrated", &integrated, NULL);
  fail_unless (isinf (integrated) && integrated < 0);

  /* and it comes back up, repeatedly, measuring afresh */
  for (int i = 0; i < 3; i++) {
    fail_unless (gst_element_set_state (h->element, GST_STATE_PLAYING) !=
        GST_STATE_CHANGE_FAILURE);
    fail_unless (gst_element_set_state (h->element, GST_STATE_NULL) ==
        GST_STATE_CHANGE_SUCCESS);
  }
  fail_unless (gst_element_set_state (h->element, GST_STATE_PLAYING) !=
      GST_STATE_CHANGE_FAILURE);
  gst_harness_set_src_caps_str (h, STEREO_F32);
  push_sine (h, 2, 0, 1.0, -30.0, FALSE, NULL);
  check_measured (h, -30.0, -30.0);
  teardown_with_bus (h, bus);
}

GST_END_TEST;

static Suite *
loudnorm_suite (void)
{
  Suite *s = suite_create ("loudnorm");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_stereo_f32);
  tcase_add_test (tc, test_stereo_f64);
  tcase_add_test (tc, test_mono);
  tcase_add_test (tc, test_surround_weights_from_caps);
  tcase_add_test (tc, test_silence_and_gap);
  tcase_add_test (tc, test_flush_resets);
  tcase_add_test (tc, test_new_caps_reset);
  tcase_add_test (tc, test_reset_signal);
  tcase_add_test (tc, test_interval_and_post_messages);
  tcase_add_test (tc, test_refuses_unsupported_caps);
  tcase_add_test (tc, test_state_changes);
  return s;
}

CHECK_MAIN (loudnorm);
