/* mixstrip element tests (gst-check, GstHarness): transparent defaults;
 * EQ and filters measured with sine probes against the RBJ and Butterworth
 * designs at 44.1, 48 and 96 kHz; the compressor's static curve against
 * the gain computer and comp-mix 0; the gate's range; the pan laws; steps
 * and GstController automation without jumps; a 4-track mix through
 * audiomixer; F32 at 8 and 384 kHz, mono out when downstream asks, exact
 * timestamps and no latency; unsupported caps refused.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/audio/audio.h>
#include <gst/check/gstcheck.h>
#include <gst/check/gstharness.h>
#include <gst/app/gstappsink.h>
#include <gst/controller/controller.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "check_main.h"
#include "biquad.h"
#include "dynamics.h"
#include "eq_design.h"

static GstHarness *
strip_harness (const gchar * properties, guint rate, guint in_channels,
    guint out_channels)
{
  gchar *description = g_strdup_printf ("mixstrip %s", properties);
  GstElement *element = gst_parse_launch (description, NULL);
  GstHarness *h = gst_harness_new_with_element (element, "sink", "src");
  gchar *in = g_strdup_printf ("audio/x-raw, format=" GST_AUDIO_NE (F64)
      ", rate=%u, channels=%u, layout=interleaved", rate, in_channels);
  gchar *out = g_strdup_printf ("audio/x-raw, format=" GST_AUDIO_NE (F64)
      ", rate=%u, channels=%u, layout=interleaved", rate, out_channels);

  gst_object_unref (element);
  gst_harness_set_caps_str (h, in, out);
  g_free (description);
  g_free (in);
  g_free (out);
  return h;
}

/* Pushes x (frames x in_channels) in 1024-frame buffers; returns the
 * output (frames x out_channels). */
static gdouble *
run (GstHarness * h, const gdouble * x, gsize frames, guint in_ch,
    guint out_ch, guint rate)
{
  gdouble *y = g_new0 (gdouble, frames * out_ch);
  gsize done = 0;

  for (gsize pos = 0; pos < frames; pos += 1024) {
    gsize n = MIN (1024, frames - pos);
    GstBuffer *buf = gst_buffer_new_memdup (x + pos * in_ch,
        n * in_ch * sizeof (gdouble));
    GstBuffer *out;
    GST_BUFFER_PTS (buf) = gst_util_uint64_scale_int (pos, GST_SECOND, rate);
    fail_unless_equals_int (gst_harness_push (h, buf), GST_FLOW_OK);
    out = gst_harness_pull (h);
    gst_buffer_extract (out, 0, y + done * out_ch, gst_buffer_get_size (out));
    done += gst_buffer_get_size (out) / (out_ch * sizeof (gdouble));
    gst_buffer_unref (out);
  }
  fail_unless_equals_uint64 (done, frames);
  return y;
}

/* Steady-state gain, dB, of a stereo sine through the harness. */
static gdouble
probe_db (GstHarness * h, gdouble f, guint rate, gdouble level)
{
  gsize frames = rate + rate / 4, settle = rate;
  gdouble *x = g_new (gdouble, frames * 2), *y, peak = 0.0;

  for (gsize i = 0; i < frames; i++)
    x[2 * i] = x[2 * i + 1] = level * sin (2 * M_PI * f * i / rate);
  y = run (h, x, frames, 2, 2, rate);
  for (gsize i = settle; i < frames; i++)
    peak = MAX (peak, fabs (y[2 * i]));
  g_free (x);
  g_free (y);
  return 20 * log10 (peak / level);
}

GST_START_TEST (test_defaults_transparent)
{
  GstHarness *h = strip_harness ("", 48000, 2, 2);
  gdouble x[2 * 4800];
  gdouble *y;

  for (guint i = 0; i < 2 * 4800; i++)
    x[i] = sin (i * 0.37) * 0.8;
  y = run (h, x, 4800, 2, 2, 48000);
  fail_unless (memcmp (x, y, sizeof (x)) == 0);
  g_free (y);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* The designs of the settings below, dB at f. */
static gdouble
design_db (gdouble f, gdouble rate)
{
  biquad_coeffs c;
  gdouble db = eq_butterworth_magnitude_db (3, 1, 50.0, f, rate) +
      eq_butterworth_magnitude_db (1, 0, 15000.0, f, rate);
  eq_design_low_shelf (&c, 150.0, EQ_BUTTERWORTH_Q, 5.0, rate);
  db += biquad_magnitude_db (&c, f, rate);
  eq_design_peaking (&c, 700.0, 1.5, -8.0, rate);
  db += biquad_magnitude_db (&c, f, rate);
  eq_design_peaking (&c, 4000.0, 0.8, 6.0, rate);
  db += biquad_magnitude_db (&c, f, rate);
  eq_design_high_shelf (&c, 10000.0, EQ_BUTTERWORTH_Q, -4.0, rate);
  return db + biquad_magnitude_db (&c, f, rate);
}

/* 13 sine probes at each rate: the measured response is the formulas'
 * within 0.1 dB. */
GST_START_TEST (test_eq_and_filters_measured)
{
  static const guint rates[] = { 44100, 48000, 96000 };
  static const gdouble probes[] = { 32, 50, 80, 125, 200, 330, 500, 800,
    1300, 2000, 3300, 5000, 8000, 13000
  };

  for (guint r = 0; r < G_N_ELEMENTS (rates); r++)
    for (guint p = 0; p < G_N_ELEMENTS (probes); p++) {
      GstHarness *h = strip_harness ("highpass=50 highpass-slope=36 "
          "lowpass=15000 eq-low-freq=150 eq-low-gain=5 eq-low-mid-freq=700 "
          "eq-low-mid-gain=-8 eq-low-mid-q=1.5 eq-high-mid-freq=4000 "
          "eq-high-mid-gain=6 eq-high-mid-q=0.8 eq-high-freq=10000 "
          "eq-high-gain=-4", rates[r], 2, 2);
      gdouble f = probes[p] * 1.013;
      gdouble measured = probe_db (h, f, rates[r], 0.2);
      fail_unless (fabs (measured - design_db (f, rates[r])) < 0.1,
          "%u Hz, %.0f Hz: measured %.3f dB, design %.3f dB", rates[r], f,
          measured, design_db (f, rates[r]));
      gst_harness_teardown (h);
    }
}

GST_END_TEST;

/* Steady sines from -60 to 0 dBFS (the peak detector sees their peak):
 * the gain follows the soft-knee gain computer within 0.25 dB. */
GST_START_TEST (test_compressor_static_curve)
{
  for (gdouble level = -60; level <= 0; level += 4) {
    GstHarness *h = strip_harness ("comp-threshold=-30 comp-ratio=4 "
        "comp-knee=10 comp-attack=1 comp-release=500", 48000, 2, 2);
    gdouble measured = probe_db (h, 997.0, 48000, pow (10, level / 20));
    gdouble expected = dynamics_compressor_curve_db (level, -30, 4, 10) - level;
    fail_unless (fabs (measured - expected) < 0.25, "%.0f dBFS: %.3f dB, "
        "gain computer %.3f dB", level, measured, expected);
    gst_harness_teardown (h);
  }
}

GST_END_TEST;

GST_START_TEST (test_comp_mix_zero_is_transparent)
{
  GstHarness *h = strip_harness ("comp-threshold=-50 comp-ratio=10 "
      "comp-mix=0", 48000, 2, 2);
  gdouble x[2 * 4800], *y;

  for (guint i = 0; i < 2 * 4800; i++)
    x[i] = sin (i * 0.05) * 0.9;
  y = run (h, x, 4800, 2, 2, 48000);
  fail_unless (memcmp (x, y, sizeof (x)) == 0);
  g_free (y);
  gst_harness_teardown (h);
}

GST_END_TEST;

GST_START_TEST (test_gate_range)
{
  GstHarness *h = strip_harness ("gate-threshold=-40 gate-range=25 "
      "gate-hold=20 gate-release=10", 48000, 2, 2);

  /* -55 dBFS, under the threshold: 25 dB down once closed */
  fail_unless (fabs (probe_db (h, 997.0, 48000, pow (10, -55.0 / 20)) +
          25.0) < 0.1);
  /* -20 dBFS: open */
  fail_unless (fabs (probe_db (h, 997.0, 48000, 0.1)) < 0.05);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* A mono track: both sides at the law at the centre (0.01 dB); hard left
 * and right silence the other side. */
GST_START_TEST (test_pan_laws)
{
  static const gchar *laws[] = { "0", "-3", "-4.5", "-6" };

  for (guint l = 0; l < G_N_ELEMENTS (laws); l++)
    for (gint pan = -1; pan <= 1; pan++) {
      gchar *props = g_strdup_printf ("pan-law=%s pan=%d", laws[l], pan);
      GstHarness *h = strip_harness (props, 48000, 1, 2);
      gdouble x[4800], *y;
      for (guint i = 0; i < 4800; i++)
        x[i] = 0.5;
      y = run (h, x, 4800, 1, 2, 48000);
      if (pan == 0) {
        fail_unless (fabs (20 * log10 (y[2 * 4799] / 0.5) - atof (laws[l]))
            < 0.01);
        fail_unless (fabs (20 * log10 (y[2 * 4799 + 1] / 0.5) -
                atof (laws[l])) < 0.01);
      } else {
        /* the side it is panned to at unity, the other silent */
        fail_unless (fabs (y[2 * 4799 + (pan > 0)] - 0.5) < 1e-9);
        fail_unless (fabs (y[2 * 4799 + (pan < 0)]) < 1e-9);
      }
      g_free (y);
      g_free (props);
      gst_harness_teardown (h);
    }
}

GST_END_TEST;

/* Width is mid/side: each output channel is mid + width x side, with
 * mid = (L + R) / 2 and side = (L - R) / 2; a mono output is the mid.
 * Checked on two unrelated channels, by that formula, to 1e-9. */
GST_START_TEST (test_width_and_mono_fold)
{
  static const struct
  {
    const gchar *props;
    guint out_ch;
    gdouble width;
  } cases[] = {
    {"width=0", 2, 0.0}, {"width=0.5", 2, 0.5}, {"width=2", 2, 2.0},
    {"", 1, 0.0},
  };
  gdouble x[2 * 4800];

  for (guint i = 0; i < 4800; i++) {
    x[2 * i] = 0.4 * sin (i * 0.05);
    x[2 * i + 1] = 0.3 * sin (i * 0.31 + 1.0);
  }
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++) {
    GstHarness *h = strip_harness (cases[c].props, 48000, 2, cases[c].out_ch);
    gdouble *y = run (h, x, 4800, 2, cases[c].out_ch, 48000), worst = 0.0;
    for (guint i = 0; i < 4800; i++) {
      gdouble mid = (x[2 * i] + x[2 * i + 1]) / 2;
      gdouble side = (x[2 * i] - x[2 * i + 1]) / 2;
      if (cases[c].out_ch == 1) {
        worst = MAX (worst, fabs (y[i] - mid));
      } else {
        worst = MAX (worst, fabs (y[2 * i] - (mid + cases[c].width * side)));
        worst = MAX (worst, fabs (y[2 * i + 1] -
                (mid - cases[c].width * side)));
      }
    }
    fail_unless (worst < 1e-9, "%s to %u channels: off by %g",
        cases[c].props, cases[c].out_ch, worst);
    g_free (y);
    gst_harness_teardown (h);
  }
}

GST_END_TEST;

/* A fader step in PLAYING ramps: no jump larger than the change over the
 * 20 ms ramp (960 frames at 48 kHz). */
GST_START_TEST (test_step_is_smooth)
{
  GstHarness *h = strip_harness ("", 48000, 2, 2);
  gdouble x[2 * 4800], *a, *b, largest = 0.0, previous;

  for (guint i = 0; i < 2 * 4800; i++)
    x[i] = 0.5;
  a = run (h, x, 4800, 2, 2, 48000);
  g_object_set (h->element, "fader", -20.0, NULL);
  b = run (h, x, 4800, 2, 2, 48000);
  previous = a[2 * 4799];
  for (guint i = 0; i < 4800; i++) {
    largest = MAX (largest, fabs (b[2 * i] - previous));
    previous = b[2 * i];
  }
  fail_unless (fabs (b[2 * 4799] - 0.05) < 1e-9);
  fail_unless (largest <= 0.45 / 960 * 1.01, "jump %g", largest);
  g_free (a);
  g_free (b);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* The fader automated by a linear interpolation control source from 0 to
 * -20 dB over one second: the output level follows the curve. */
GST_START_TEST (test_controller_automation)
{
  GstHarness *h = strip_harness ("", 48000, 2, 2);
  GstControlSource *cs = gst_interpolation_control_source_new ();
  gdouble *x = g_new (gdouble, 2 * 48000), *y;

  g_object_set (cs, "mode", GST_INTERPOLATION_MODE_LINEAR, NULL);
  gst_timed_value_control_source_set (GST_TIMED_VALUE_CONTROL_SOURCE (cs), 0,
      0.0);
  gst_timed_value_control_source_set (GST_TIMED_VALUE_CONTROL_SOURCE (cs),
      GST_SECOND, -20.0);
  gst_object_add_control_binding (GST_OBJECT (h->element),
      gst_direct_control_binding_new_absolute (GST_OBJECT (h->element),
          "fader", cs));
  for (guint i = 0; i < 2 * 48000; i++)
    x[i] = 0.5;
  y = run (h, x, 48000, 2, 2, 48000);
  /* the value of each buffer's start, followed within 20 ms: check where
   * the curve is, 0.1 dB allowing for the one-buffer step */
  for (guint t = 100; t < 1000; t += 150) {
    gdouble expected = -20.0 * t / 1000.0;
    gdouble got = 20 * log10 (y[2 * (t * 48)] / 0.5);
    fail_unless (fabs (got - expected) < 0.6, "at %u ms: %.2f dB, curve "
        "%.2f dB", t, got, expected);
  }
  g_free (x);
  g_free (y);
  gst_object_unref (cs);
  gst_harness_teardown (h);
}

GST_END_TEST;

static gdouble
rms_db (const gfloat * x, gsize frames, guint ch)
{
  gdouble sum = 0.0;
  for (gsize i = 0; i < frames; i++)
    sum += (gdouble) x[2 * i + ch] * x[2 * i + ch];
  return 10 * log10 (sum / frames);
}

/* Runs a pipeline to EOS; FALSE on an error. */
static gboolean
run_to_eos (GstElement * pipeline)
{
  GstBus *bus = gst_element_get_bus (pipeline);
  GstMessage *msg;
  gboolean ok;

  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  msg = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
      GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  ok = GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS;
  gst_message_unref (msg);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (bus);
  return ok;
}

/* Every sample a pipeline's appsink named "out" receives. */
static GByteArray *
collect (const gchar * description)
{
  GstElement *pipeline = gst_parse_launch (description, NULL);
  GstElement *sink = gst_bin_get_by_name (GST_BIN (pipeline), "out");
  GByteArray *bytes = g_byte_array_new ();
  GstSample *sample;

  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  while ((sample = gst_app_sink_pull_sample (GST_APP_SINK (sink)))) {
    GstMapInfo map;
    GstBuffer *buf = gst_sample_get_buffer (sample);
    gst_buffer_map (buf, &map, GST_MAP_READ);
    g_byte_array_append (bytes, map.data, map.size);
    gst_buffer_unmap (buf, &map);
    gst_sample_unref (sample);
  }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (sink);
  gst_object_unref (pipeline);
  return bytes;
}

/* 4 tracks (2 mono, 2 stereo) through mixstrips into audiomixer and wavenc:
 * the stereo mix in the file has each track where its pan and fader put
 * it. */
GST_START_TEST (test_four_track_mix)
{
  gchar *path = g_build_filename (g_get_tmp_dir (), "mixstrip-mix.wav",
      NULL);
  gchar *mix = g_strdup_printf ("audiomixer name=mix ! "
      "audio/x-raw,format=F32LE,channels=2,rate=48000 ! wavenc ! "
      "filesink location=%s "
      "audiotestsrc freq=220 volume=0.2 num-buffers=50 ! "
      "audio/x-raw,channels=1,rate=48000 ! mixstrip pan=-1 ! mix. "
      "audiotestsrc freq=1250 volume=0.2 num-buffers=50 ! "
      "audio/x-raw,channels=1,rate=48000 ! mixstrip pan=1 fader=-6 ! mix. "
      "audiotestsrc freq=3100 volume=0 num-buffers=50 ! "
      "audio/x-raw,channels=2,rate=48000 ! mixstrip ! mix. "
      "audiotestsrc freq=440 volume=0.2 num-buffers=50 ! "
      "audio/x-raw,channels=2,rate=48000 ! mixstrip mute=true ! mix.", path);
  gchar *read = g_strdup_printf ("filesrc location=%s ! wavparse ! "
      "appsink name=out sync=false", path);
  GstElement *pipeline = gst_parse_launch (mix, NULL);
  GByteArray *bytes;
  gsize frames;

  fail_unless (run_to_eos (pipeline));
  gst_object_unref (pipeline);
  bytes = collect (read);
  frames = bytes->len / 8;
  fail_unless (frames >= 40000);
  /* left: the 220 Hz track alone (sine RMS = peak - 3.01 dB); right: the
   * 1250 Hz one, 6 dB down; the muted and the silent tracks add nothing */
  fail_unless (fabs (rms_db ((gfloat *) bytes->data + 2 * 4800,
              frames - 4800, 0) - (20 * log10 (0.2) - 3.0103)) < 0.1);
  fail_unless (fabs (rms_db ((gfloat *) bytes->data + 2 * 4800,
              frames - 4800, 1) - (20 * log10 (0.2) - 3.0103 - 6.0)) < 0.1);
  g_byte_array_unref (bytes);
  g_unlink (path);
  g_free (read);
  g_free (mix);
  g_free (path);
}

GST_END_TEST;

/* A harness with F32 caps of the given rate and channel counts. */
static GstHarness *
f32_harness (guint rate, guint in_channels, guint out_channels)
{
  GstHarness *h = gst_harness_new ("mixstrip");
  gchar *in = g_strdup_printf ("audio/x-raw, format=" GST_AUDIO_NE (F32)
      ", rate=%u, channels=%u, layout=interleaved", rate, in_channels);
  gchar *out = g_strdup_printf ("audio/x-raw, format=" GST_AUDIO_NE (F32)
      ", rate=%u, channels=%u, layout=interleaved", rate, out_channels);

  gst_harness_set_caps_str (h, in, out);
  g_free (in);
  g_free (out);
  return h;
}

/* F32 at the extreme rates, stereo and mono out (mono only because
 * downstream asks for it): each buffer comes out with the input's
 * timestamp, duration, offsets and frame count, and the default settings
 * leave the samples as they are; no latency is reported. */
GST_START_TEST (test_caps_timestamps_and_latency)
{
  static const guint rates[] = { 8000, 384000 };

  for (guint r = 0; r < G_N_ELEMENTS (rates); r++)
    for (guint channels = 1; channels <= 2; channels++) {
      GstHarness *h = f32_harness (rates[r], channels, channels);
      for (guint b = 0; b < 3; b++) {
        const guint frames = 441 + 100 * b;
        gfloat x[2 * 641];
        GstBuffer *in, *out;
        GstMapInfo map;
        for (guint i = 0; i < frames * channels; i++)
          x[i] = (gfloat) sin (0.1 * (i + 1000 * b));
        in = gst_buffer_new_memdup (x, frames * channels * sizeof (gfloat));
        GST_BUFFER_PTS (in) = b * GST_SECOND;
        GST_BUFFER_DURATION (in) = gst_util_uint64_scale_int (frames,
            GST_SECOND, rates[r]);
        GST_BUFFER_OFFSET (in) = 1000 * b;
        GST_BUFFER_OFFSET_END (in) = 1000 * b + frames;
        fail_unless_equals_int (gst_harness_push (h, in), GST_FLOW_OK);
        out = gst_harness_pull (h);
        fail_unless_equals_uint64 (GST_BUFFER_PTS (out), b * GST_SECOND);
        fail_unless_equals_uint64 (GST_BUFFER_DURATION (out),
            gst_util_uint64_scale_int (frames, GST_SECOND, rates[r]));
        fail_unless_equals_uint64 (GST_BUFFER_OFFSET (out), 1000 * b);
        fail_unless_equals_uint64 (GST_BUFFER_OFFSET_END (out),
            1000 * b + frames);
        fail_unless (gst_buffer_map (out, &map, GST_MAP_READ));
        fail_unless_equals_uint64 (map.size, frames * channels *
            sizeof (gfloat));
        fail_unless (memcmp (map.data, x, map.size) == 0);
        gst_buffer_unmap (out, &map);
        gst_buffer_unref (out);
      }
      fail_unless_equals_uint64 (gst_harness_query_latency (h), 0);
      gst_harness_teardown (h);
    }
}

GST_END_TEST;

/* 64 bytes of silence */
static GstBuffer *
silent_buffer (void)
{
  GstBuffer *buf = gst_buffer_new_and_alloc (64);
  gst_buffer_memset (buf, 0, 0, 64);
  return buf;
}

/* Three channels, 4 kHz or S16 are refused at negotiation, so nothing
 * flows (where the same push with supported caps goes through). */
GST_START_TEST (test_refuses_unsupported_caps)
{
  static const gchar *bad[] = {
    "audio/x-raw, format=" GST_AUDIO_NE (F32) ", rate=48000, channels=3, "
        "layout=interleaved",
    "audio/x-raw, format=" GST_AUDIO_NE (F32) ", rate=4000, channels=2, "
        "layout=interleaved",
    "audio/x-raw, format=" GST_AUDIO_NE (S16) ", rate=48000, channels=2, "
        "layout=interleaved",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++) {
    GstHarness *h = gst_harness_new ("mixstrip");
    gst_harness_set_src_caps_str (h, bad[i]);
    fail_unless_equals_int (gst_harness_push (h, silent_buffer ()),
        GST_FLOW_NOT_NEGOTIATED);
    gst_harness_teardown (h);
  }
  {
    GstHarness *h = gst_harness_new ("mixstrip");
    gst_harness_set_src_caps_str (h, "audio/x-raw, format="
        GST_AUDIO_NE (F32) ", rate=48000, channels=2, layout=interleaved");
    fail_unless_equals_int (gst_harness_push (h, silent_buffer ()),
        GST_FLOW_OK);
    gst_harness_teardown (h);
  }
}

GST_END_TEST;

static Suite *
mixstrip_suite (void)
{
  Suite *s = suite_create ("mixstrip");
  TCase *tc = tcase_create ("general");

  tcase_set_timeout (tc, 300);
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_defaults_transparent);
  tcase_add_test (tc, test_eq_and_filters_measured);
  tcase_add_test (tc, test_compressor_static_curve);
  tcase_add_test (tc, test_comp_mix_zero_is_transparent);
  tcase_add_test (tc, test_gate_range);
  tcase_add_test (tc, test_pan_laws);
  tcase_add_test (tc, test_width_and_mono_fold);
  tcase_add_test (tc, test_step_is_smooth);
  tcase_add_test (tc, test_controller_automation);
  tcase_add_test (tc, test_four_track_mix);
  tcase_add_test (tc, test_caps_timestamps_and_latency);
  tcase_add_test (tc, test_refuses_unsupported_caps);
  return s;
}

CHECK_MAIN (mixstrip);
