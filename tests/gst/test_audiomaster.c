/* audiomaster through GstHarness: transparency and timing with the
 * defaults, the true-peak ceiling on signals made to beat it (by an 8x
 * oracle), the loudness target in file mode (our meter and libebur128)
 * and live mode, flat idle bands, bass mono, presets, messages and caps.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/app/gstappsink.h>
#include <gst/audio/audio.h>
#include <gst/check/gstcheck.h>
#include <math.h>
#include <string.h>

#include "check_main.h"
#include "loudnorm_harness.h"
#include "oversampled_peak.h"
#include "programmes.h"

static const Format stereo_44k = { 44100, 2, FALSE };
static const Format mono_48k_f64 = { 48000, 1, TRUE };

/* The element's latency in frames, from the latency query. */
static guint64
latency_frames (GstHarness * h, const Format * f)
{
  return gst_util_uint64_scale_int_round (gst_harness_query_latency (h),
      f->rate, GST_SECOND);
}

/* x scaled to a sample peak of peak_db dBFS. */
static void
scale_to_peak (float *x, guint64 samples, gdouble peak_db)
{
  gdouble peak = 0.0, gain;

  for (guint64 i = 0; i < samples; i++)
    peak = MAX (peak, fabs (x[i]));
  gain = pow (10.0, peak_db / 20.0) / peak;
  for (guint64 i = 0; i < samples; i++)
    x[i] = (float) (x[i] * gain);
}

static GArray *
master_run (const gchar * description, const float *x, guint64 frames,
    const Format * f, guint64 * latency)
{
  GstBus *bus;
  GstHarness *h = harness_new_element (description, f, FALSE, &bus);
  GArray *out;

  gst_harness_play (h);
  if (latency)
    *latency = latency_frames (h, f);
  out = run (h, x, frames, f);
  harness_free (h, bus);
  return out;
}

/* Defaults: the output is the input bit for bit, on the input's
 * timeline (the element drops the chain's delay and drains it at EOS),
 * every frame out, timestamps exact (run checks them); the latency query
 * reports the delay: the lookahead and the fixed delays of the true-peak
 * interpolator and the saturation's half-band. */
GST_START_TEST (test_defaults_are_a_delay)
{
  const Format *formats[] = { &stereo_48k, &mono_48k_f64, &stereo_44k };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++) {
    const Format *f = formats[i];
    guint64 frames, latency;
    float *x = programme_new (PROGRAMME_MUSIC, f->rate, f->channels, 4.0,
        &frames);
    GArray *out;
    const gdouble *y;

    scale_to_peak (x, frames * f->channels, -6.0);
    out = master_run ("audiomaster lookahead=5", x, frames, f, &latency);
    y = (const gdouble *) out->data;
    fail_unless_equals_uint64 (out->len / f->channels, frames);
    /* 5 ms, the true-peak interpolator's 2 x 32 and the half-band's 67
     * frames */
    fail_unless_equals_uint64 (latency, (guint64) round (f->rate * 0.005) +
        64 + 67);
    for (guint64 n = 0; n < frames * f->channels; n++)
      fail_unless (y[n] == (gdouble) x[n],
          "format %u: sample %" G_GUINT64_FORMAT " differs", i, n);
    g_array_free (out, TRUE);
    g_free (x);
  }
}

GST_END_TEST;

/* A full-scale 997 Hz square wave. */
static float *
square_wave (const Format * f, guint64 frames)
{
  float *x = g_new (float, frames * f->channels);

  for (guint64 n = 0; n < frames; n++)
    for (guint c = 0; c < f->channels; c++)
      x[n * f->channels + c] = fmod (n * 997.0 / f->rate, 1.0) < 0.5 ?
          1.0f : -1.0f;
  return x;
}

/* fs/4 at 45 degrees: every sample at 0.707, the waveform at 1.0
 * between them (+3 dB over the sample peak). */
static float *
inter_sample_overs (const Format * f, guint64 frames)
{
  float *x = g_new (float, frames * f->channels);

  for (guint64 n = 0; n < frames; n++)
    for (guint c = 0; c < f->channels; c++)
      x[n * f->channels + c] = (float) sin (G_PI * n / 2.0 + G_PI / 4.0);
  return x;
}

/* The ceiling holds (8x oracle, + 0.1 dB) on music driven 12 dB into the
 * limiter, full-scale squares and inter-sample overs, at 44.1 and 48 kHz.
 * Open (docs/audiomaster.md): with stages that add content near Nyquist
 * (bands compressing with width 1.4, saturation and a bright EQ) the
 * oracle reads up to 0.24 dB over: the limiter's 16-tap interpolator
 * underestimates what lies above 18 kHz. */
GST_START_TEST (test_ceiling_holds)
{
  const Format *formats[] = { &stereo_48k, &stereo_44k };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++) {
    const Format *f = formats[i];
    guint64 frames;
    float *signals[3];

    signals[0] = programme_new (PROGRAMME_MUSIC, f->rate, f->channels, 8.0,
        &frames);
    scale_to_peak (signals[0], frames * f->channels, 0.0);
    signals[1] = square_wave (f, frames);
    signals[2] = inter_sample_overs (f, frames);
    for (guint s = 0; s < G_N_ELEMENTS (signals); s++) {
      gchar *what = g_strdup_printf ("%u Hz, signal %u", f->rate, s);
      GArray *out = master_run ("audiomaster trim=12 ceiling=-1",
          signals[s], frames, f, NULL);

      fail_unless_equals_uint64 (out->len / f->channels, frames);
      check_oversampled_ceiling (out, f, -1.0, what);
      g_array_free (out, TRUE);
      g_free (what);
      g_free (signals[s]);
    }
  }
}

GST_END_TEST;

/* mode=file: the limited output's integrated loudness within 0.1 LU of
 * the target by our meter and libebur128, the true peak within 0.1 dB of
 * the ceiling (both meters and the 8x oracle), for the streaming preset
 * and for cd-loud, where the limiter works hard, on real music 12 dB
 * below full scale. */
GST_START_TEST (test_file_mode_reaches_target)
{
  const struct
  {
    const gchar *preset;
    gdouble target, ceiling;
  } cases[] = {
    {"streaming", -14.0, -1.0},
    {"cd-loud", -9.0, -0.3},
  };
  guint64 frames;
  float *x = real_music (48000, &frames);

  scale_to_peak (x, frames * 2, -12.0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    gchar *description = g_strdup_printf ("audiomaster mode=file preset=%s",
        cases[i].preset);
    GArray *out = master_run (description, x, frames, &stereo_48k, NULL);

    check_normalized (out, x, frames, &stereo_48k, cases[i].target,
        cases[i].ceiling, cases[i].preset);
    g_array_free (out, TRUE);
    g_free (description);
  }
  g_free (x);
}

GST_END_TEST;

/* mode=file with a target out of reach, on music whose highest peak, a
 * click, is 20 dB over the rest: the drive stops where the limiter takes
 * NORMALIZATION_MAX_LIMITING_DB (12 dB) off that peak, so the output,
 * measured by libebur128, is no louder than the input plus (ceiling -
 * input true peak + 12 dB); the master says it misses the target. */
GST_START_TEST (test_limiting_is_bounded)
{
  guint64 frames;
  float *x = programme_new (PROGRAMME_MUSIC, 48000, 2, 20.0, &frames);
  GArray *in = g_array_sized_new (FALSE, FALSE, sizeof (gdouble), frames * 2);
  Loudness ours, theirs, input;
  GstBus *bus;
  GstHarness *h = harness_new_element ("audiomaster mode=file target=-5 "
      "ceiling=-1", &stereo_48k, FALSE, &bus);
  GstMessage *warning;
  GArray *out;
  gdouble most;

  scale_to_peak (x, frames * 2, -20.0);
  x[frames] = x[frames + 1] = 1.0f;     /* a click at 0 dBFS, mid-way */
  for (guint64 i = 0; i < frames * 2; i++)
    g_array_append_val (in, (gdouble) {
        x[i]}
  );
  measure_output (in, &stereo_48k, &ours, &input);
  most = input.integrated + (-1.0 - input.true_peak) + 12.0;
  gst_harness_play (h);
  out = run (h, x, frames, &stereo_48k);
  measure_output (out, &stereo_48k, &ours, &theirs);
  fail_unless (theirs.integrated <= most + 0.1 &&
      theirs.integrated >= most - 1.0, "%.2f LUFS out, at most %.2f",
      theirs.integrated, most);
  warning = gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING);
  fail_unless (warning != NULL, "no warning that the target is missed");
  {
    GError *e = NULL;
    gst_message_parse_warning (warning, &e, NULL);
    fail_unless (strstr (e->message, "misses its -5.0 LUFS target") &&
        strstr (e->message, "12 dB off the highest peak"), "%s", e->message);
    g_error_free (e);
  }
  gst_message_unref (warning);
  harness_free (h, bus);
  g_array_free (out, TRUE);
  g_array_free (in, TRUE);
  g_free (x);
}

GST_END_TEST;

/* mode=live follows the audio as loudnorm does: on real music, a 5 s
 * hole in the timestamps and a pause leave the drive where it was (within
 * 0.5 dB, 0.2 s later). */
GST_START_TEST (test_live_drive_survives_holes_and_pauses)
{
  guint64 frames;
  float *x = real_music (48000, &frames);

  for (TimelineEvent e = GAP; e <= PAUSE; e++) {
    GArray *out = g_array_new (FALSE, FALSE, sizeof (gdouble));
    gdouble before = NAN, after = NAN;

    push_with_event ("audiomaster mode=live preset=broadcast "
        "interval=100000000", "drive", x, frames, e, out, &before, &after);
    fail_unless (before < -6.0, "the music needs a drive, got %+.2f dB",
        before);
    fail_unless (fabs (after - before) <= 0.5, "drive %+.2f dB before, "
        "%+.2f dB after", before, after);
    g_array_free (out, TRUE);
  }
  free (x);
}

GST_END_TEST;

/* mode=live with a target says in every message what its leveler does:
 * waiting through leading silence, then leveling (the drain's silence at
 * EOS is not metered as input, so it does not freeze it); its latency
 * holds the 0.5 s gain lookahead, and every frame comes out. */
GST_START_TEST (test_live_messages_say_what_the_leveler_does)
{
  guint64 frames;
  float *x = programme_new (PROGRAMME_MUSIC, 48000, 2, 6.0, &frames);
  GstBus *bus;
  GstHarness *h = harness_new_element ("audiomaster mode=live "
      "preset=broadcast interval=100000000", &stereo_48k, FALSE, &bus);
  GstMessage *msg;
  gchar *earliest = NULL, *latest = NULL;
  GArray *out;

  memset (x, 0, 48000 * 2 * sizeof (float));    /* 1 s of silence first */
  gst_harness_play (h);
  out = run (h, x, frames, &stereo_48k);
  fail_unless_equals_uint64 (out->len / 2, frames);
  g_array_free (out, TRUE);
  /* 24000 frames of gain lookahead, 5 ms of the limiter's, the true-peak
   * interpolator's 64 and the half-band's 67 */
  fail_unless_equals_uint64 (latency_frames (h, &stereo_48k),
      24000 + 240 + 64 + 67);
  while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT))) {
    const gchar *state = gst_structure_get_string (gst_message_get_structure
        (msg), "leveler");
    fail_unless (state != NULL, "a message without the leveler's state");
    if (!earliest)
      earliest = g_strdup (state);
    g_free (latest);
    latest = g_strdup (state);
    gst_message_unref (msg);
  }
  fail_unless_equals_string (earliest, "waiting");
  fail_unless_equals_string (latest, "leveling");
  g_free (earliest);
  g_free (latest);
  harness_free (h, bus);
  g_free (x);
}

GST_END_TEST;

/* Every stage on (bright EQ, saturation, width 1.5, all three bands
 * compressing) over real music driven +12 dB into cd-loud's -0.3 dBTP
 * ceiling, at 44.1, 48 and 96 kHz: the output's true peak by the 8x
 * oracle stays within 0.1 dB of the ceiling. */
GST_START_TEST (test_every_stage_on_real_music)
{
  const guint rates[] = { 44100, 48000, 96000 };

  for (guint i = 0; i < G_N_ELEMENTS (rates); i++) {
    const Format f = { rates[i], 2, FALSE };
    guint64 frames;
    float *x = real_music (rates[i], &frames);
    GArray *out = master_run ("audiomaster mode=file preset=cd-loud "
        "trim=12 eq-high-gain=4 eq-tilt=0.5 saturation=0.6 width=1.5 "
        "low-threshold=-24 mid-threshold=-24 high-threshold=-24 "
        "low-ratio=2 mid-ratio=2 high-ratio=2", x, frames, &f, NULL);

    fail_unless_equals_uint64 (out->len / 2, frames);
    for (guint ch = 0; ch < 2; ch++) {
      gdouble peak = 20.0 * log10 (oversampled_peak ((gdouble *) out->data,
              frames, 2, ch, pow (10.0, (-0.3 + 0.1) / 20.0)));
      GST_INFO ("%u Hz, channel %u: %.3f dBTP", rates[i], ch, peak);
      fail_unless (peak <= -0.3 + 0.1, "%u Hz, channel %u: %.3f dBTP over "
          "the -0.3 dBTP ceiling", rates[i], ch, peak);
    }
    g_array_free (out, TRUE);
    g_free (x);
  }
}

GST_END_TEST;

/* mode=live on 60 s of music: the output within 1 LU of the target. */
GST_START_TEST (test_live_mode_reaches_target)
{
  guint64 frames;
  float *x = programme_new (PROGRAMME_MUSIC, 48000, 2, 60.0, &frames);
  GArray *out;
  Loudness ours, theirs;

  scale_to_peak (x, frames * 2, -12.0);
  out = master_run ("audiomaster preset=streaming", x, frames, &stereo_48k,
      NULL);
  fail_unless_equals_uint64 (out->len / 2, frames);
  measure_output (out, &stereo_48k, &ours, &theirs);
  GST_INFO ("live: %.2f LUFS (libebur128 %.2f)", ours.integrated,
      theirs.integrated);
  fail_unless (fabs (ours.integrated + 14.0) <= 1.0, "%.2f LUFS",
      ours.integrated);
  fail_unless (fabs (theirs.integrated + 14.0) <= 1.0, "%.2f LUFS",
      theirs.integrated);
  check_oversampled_ceiling (out, &stereo_48k, -1.0, "live");
  g_array_free (out, TRUE);
  g_free (x);
}

GST_END_TEST;

/* Level in dB of a steady output channel (RMS over its last 100 ms, a
 * whole number of periods of tones at multiples of 10 Hz), against a
 * sine of amplitude `in`. */
static gdouble
steady_gain_db (GArray * out, const Format * f, guint channel, gdouble in)
{
  guint64 frames = out->len / f->channels, span = f->rate / 10;
  const gdouble *y = (const gdouble *) out->data;
  gdouble sum = 0.0;

  for (guint64 n = frames - span; n < frames; n++)
    sum += y[n * f->channels + channel] * y[n * f->channels + channel];
  return 10.0 * log10 (2.0 * sum / span / (in * in));
}

static float *
sine (const Format * f, guint64 frames, gdouble hz, gdouble left, gdouble right)
{
  float *x = g_new (float, frames * f->channels);

  for (guint64 n = 0; n < frames; n++) {
    gdouble s = sin (2.0 * G_PI * hz * n / f->rate);
    x[n * 2] = (float) (left * s);
    x[n * 2 + 1] = (float) (right * s);
  }
  return x;
}

/* Engaged bands that do not compress sum flat within 0.1 dB from 20 Hz to
 * 20 kHz; bass mono makes a low tone in one channel equal in both. */
GST_START_TEST (test_idle_bands_flat_and_bass_mono)
{
  const gdouble probes[] = { 20, 50, 100, 200, 500, 1000, 3000, 6000,
    10000, 15000, 20000
  };
  guint64 frames = 48000;
  float *x;
  GArray *out;

  for (guint i = 0; i < G_N_ELEMENTS (probes); i++) {
    x = sine (&stereo_48k, frames, probes[i], 0.1, 0.1);
    out = master_run ("audiomaster low-ratio=4 mid-ratio=4 high-ratio=4 "
        "low-threshold=0 mid-threshold=0 high-threshold=0", x, frames,
        &stereo_48k, NULL);
    fail_unless (fabs (steady_gain_db (out, &stereo_48k, 0, 0.1)) <= 0.1,
        "%.0f Hz: %.3f dB", probes[i], steady_gain_db (out, &stereo_48k, 0,
            0.1));
    g_array_free (out, TRUE);
    g_free (x);
  }
  /* 40 Hz in the left channel only, bass mono at 160 Hz: half in each */
  x = sine (&stereo_48k, frames, 40.0, 0.2, 0.0);
  out = master_run ("audiomaster bass-mono=160", x, frames, &stereo_48k, NULL);
  fail_unless (fabs (steady_gain_db (out, &stereo_48k, 0, 0.1)) <= 0.2);
  fail_unless (fabs (steady_gain_db (out, &stereo_48k, 1, 0.1)) <= 0.2);
  g_array_free (out, TRUE);
  g_free (x);
}

GST_END_TEST;

static gdouble
get_double (GstElement * e, const gchar * name)
{
  gdouble v;

  g_object_get (e, name, &v, NULL);
  return v;
}

/* The built-in presets through GstPreset and the preset property. */
GST_START_TEST (test_presets)
{
  GstElement *e = gst_element_factory_make ("audiomaster", NULL);
  gchar **names = gst_preset_get_preset_names (GST_PRESET (e));
  const gchar *expected[] = { "gentle", "streaming", "broadcast", "cd-loud",
    "podcast-voice"
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    fail_unless (g_strv_contains ((const gchar * const *) names, expected[i]),
        "no preset %s", expected[i]);
  g_strfreev (names);
  fail_unless (gst_preset_load_preset (GST_PRESET (e), "broadcast"));
  fail_unless_equals_float (get_double (e, "target"), -23.0);
  fail_unless_equals_float (get_double (e, "ceiling"), -1.0);
  fail_unless (gst_preset_load_preset (GST_PRESET (e), "cd-loud"));
  fail_unless_equals_float (get_double (e, "target"), -9.0);
  fail_unless_equals_float (get_double (e, "ceiling"), -0.3);
  fail_unless (get_double (e, "mid-ratio") > 1.0);
  /* a preset sets everything: the previous one's saturation is gone */
  g_object_set (e, "preset", 2, NULL);  /* streaming */
  fail_unless_equals_float (get_double (e, "target"), -14.0);
  fail_unless_equals_float (get_double (e, "saturation"), 0.0);
  fail_if (gst_preset_load_preset (GST_PRESET (e), "no-such-preset"));
  gst_object_unref (e);
}

GST_END_TEST;

/* Messages: every field, three band reductions, the correlation of equal
 * channels +1 and of opposite ones -1, the interval's timing. */
GST_START_TEST (test_messages)
{
  const gdouble rights[] = { 0.3, -0.3 };

  for (guint i = 0; i < G_N_ELEMENTS (rights); i++) {
    guint64 frames = 48000;
    float *x = sine (&stereo_48k, frames, 440.0, 0.3, rights[i]);
    GstBus *bus;
    GstHarness *h = harness_new_element ("audiomaster interval=250000000 "
        "mid-ratio=4 mid-threshold=-30", &stereo_48k, FALSE, &bus);
    GstMessage *msg;
    guint count = 0;

    gst_harness_play (h);
    g_array_free (run (h, x, frames, &stereo_48k), TRUE);
    while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT))) {
      const GstStructure *s = gst_message_get_structure (msg);
      const GValue *bands = gst_structure_get_value (s, "band-reduction");
      const GValue *peaks = gst_structure_get_value (s, "true-peak");
      GstClockTime timestamp, duration;

      fail_unless (gst_structure_has_name (s, "audiomaster"));
      fail_unless (gst_structure_get_clock_time (s, "timestamp", &timestamp));
      fail_unless (gst_structure_get_clock_time (s, "duration", &duration));
      fail_unless_equals_uint64 (timestamp, count * 250 * GST_MSECOND);
      fail_unless_equals_uint64 (duration, 250 * GST_MSECOND);
      fail_unless_equals_int (gst_value_array_get_size (bands), 3);
      fail_unless_equals_int (gst_value_array_get_size (peaks), 2);
      field (s, "input-momentary");
      field (s, "input-short-term");
      field (s, "output-momentary");
      field (s, "output-short-term");
      field (s, "output-integrated");
      field (s, "limiter-reduction");
      field (s, "drive");
      if (count > 0) {
        /* -10.5 dBFS over -30 at 4:1: about 14.6 dB off the mid band */
        fail_unless (g_value_get_double (gst_value_array_get_value (bands,
                    1)) > 10.0);
        fail_unless (fabs (field (s, "correlation") - (rights[i] > 0 ? 1.0 :
                    -1.0)) < 0.01, "correlation %f", field (s, "correlation"));
      }
      count++;
      gst_message_unref (msg);
    }
    fail_unless_equals_int (count, 4);
    harness_free (h, bus);
    g_free (x);
  }
}

GST_END_TEST;

/* 3 channels and S16 are refused at negotiation; file mode refuses a
 * live source with an error. */
GST_START_TEST (test_refuses_what_it_cannot_do)
{
  const gchar *bad[] = {
    "audio/x-raw, format=F32LE, rate=48000, channels=3, layout=interleaved",
    "audio/x-raw, format=S16LE, rate=48000, channels=2, layout=interleaved",
    "audio/x-raw, format=F32LE, rate=4000, channels=2, layout=interleaved",
  };
  GstBus *bus;
  GstHarness *h;
  GstMessage *error;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++) {
    GstElement *e = gst_element_factory_make ("audiomaster", NULL);
    GstCaps *caps = gst_caps_from_string (bad[i]);
    GstPad *sink = gst_element_get_static_pad (e, "sink");

    fail_if (gst_pad_query_accept_caps (sink, caps), "accepted %s", bad[i]);
    gst_object_unref (sink);
    gst_caps_unref (caps);
    gst_object_unref (e);
  }
  h = harness_new_element ("audiomaster mode=file", &stereo_48k, TRUE, &bus);
  gst_harness_play (h);
  {
    float x[2 * 480] = { 0 };
    fail_if (gst_harness_push (h, buffer_of (x, 0, 480, &stereo_48k)) ==
        GST_FLOW_OK);
  }
  error = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  fail_unless (error != NULL);
  gst_message_unref (error);
  harness_free (h, bus);
}

GST_END_TEST;

static Suite *
audiomaster_suite (void)
{
  Suite *s = suite_create ("audiomaster");
  TCase *tc = tcase_create ("general");

  tcase_set_timeout (tc, 300);
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_defaults_are_a_delay);
  tcase_add_test (tc, test_ceiling_holds);
  tcase_add_test (tc, test_file_mode_reaches_target);
  tcase_add_test (tc, test_limiting_is_bounded);
  tcase_add_test (tc, test_live_mode_reaches_target);
  tcase_add_test (tc, test_live_drive_survives_holes_and_pauses);
  tcase_add_test (tc, test_live_messages_say_what_the_leveler_does);
  tcase_add_test (tc, test_idle_bands_flat_and_bass_mono);
  tcase_add_test (tc, test_presets);
  tcase_add_test (tc, test_every_stage_on_real_music);
  tcase_add_test (tc, test_messages);
  tcase_add_test (tc, test_refuses_what_it_cannot_do);
  return s;
}

CHECK_MAIN (audiomaster);
