/* loudnorm's normalizing modes (gst-check, GstHarness): file and linear
 * reach the target within 0.1 LU and hold the ceiling, measured on the
 * output by the project's meter and by libebur128; the policies; live mode
 * on a long programme; every rate, layout and format; the JSON report.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/audio/audio.h>
#include <gst/check/gstcheck.h>
#include <gst/check/gstharness.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "check_main.h"
#include "loudness_meter.h"
#include "loudnorm_harness.h"
#include "programmes.h"
#include "signals.h"

/* file mode, limit policy, on every kind of programme at 48 kHz stereo:
 * -14 LUFS / -1 dBTP means a lot of gain into the limiter for music. */
GST_START_TEST (test_file_mode_programmes)
{
  for (programme_kind k = 0; k < PROGRAMME_KINDS; k++) {
    GstBus *bus;
    GstHarness *h = harness_new ("mode=file preset=streaming", &stereo_48k,
        FALSE, &bus);
    size_t frames;
    float *x = programme_new (k, 48000, 2, 40.0, &frames);
    GArray *out = run (h, x, frames, &stereo_48k);
    GstStructure *report = final_report (bus);
    gboolean compliant = FALSE;

    check_normalized (out, x, frames, &stereo_48k, -14.0, -1.0,
        programme_name (k));
    fail_unless (gst_structure_get_boolean (report, "compliant", &compliant)
        && compliant, "%s: not compliant", programme_name (k));
    fail_unless (fabs (field (report, "integrated") + 14.0) <= 0.1);
    fail_unless_equals_string (gst_structure_get_string (report, "policy"),
        "limit");
    gst_structure_free (report);
    g_array_free (out, TRUE);
    free (x);
    harness_free (h, bus);
  }
}

GST_END_TEST;

/* linear mode with the values a measure-mode pass reports */
GST_START_TEST (test_linear_mode_programmes)
{
  for (programme_kind k = 0; k < PROGRAMME_KINDS; k++) {
    size_t frames;
    float *x = programme_new (k, 48000, 2, 40.0, &frames);
    loudness_meter *first_pass = loudness_meter_new (2, 48000);
    gdouble peak;
    gchar *props;
    GstBus *bus;
    GstHarness *h;
    GArray *out;

    loudness_meter_add_f32 (first_pass, x, frames);
    peak = fmax (loudness_meter_true_peak_db (first_pass, 0),
        loudness_meter_true_peak_db (first_pass, 1));
    props = g_strdup_printf ("mode=linear target=-16 ceiling=-1.5 "
        "measured-integrated=%.4f measured-true-peak=%.4f",
        loudness_meter_integrated (first_pass), peak);
    h = harness_new (props, &stereo_48k, TRUE, &bus);
    out = run (h, x, frames, &stereo_48k);
    check_normalized (out, x, frames, &stereo_48k, -16.0, -1.5,
        programme_name (k));
    gst_structure_free (final_report (bus));
    g_free (props);
    g_array_free (out, TRUE);
    loudness_meter_free (first_pass);
    free (x);
    harness_free (h, bus);
  }
}

GST_END_TEST;

/* policy=lower: a constant gain that never needs the limiter; the output
 * is the input times that gain, sample for sample, and misses the target
 * (and says so). */
GST_START_TEST (test_policy_lower)
{
  GstBus *bus;
  GstHarness *h = harness_new ("mode=file preset=streaming policy=lower",
      &stereo_48k, FALSE, &bus);
  size_t frames;
  float *x = programme_new (PROGRAMME_MUSIC, 48000, 2, 30.0, &frames);
  GArray *out = run (h, x, frames, &stereo_48k);
  GstStructure *report = final_report (bus);
  gdouble gain = pow (10.0, field (report, "gain") / 20.0), worst = 0.0;
  Loudness ours, theirs;

  fail_unless_equals_uint64 (out->len / 2, frames);
  for (gsize i = 0; i < out->len; i++)
    worst = fmax (worst, fabs (g_array_index (out, gdouble, i) -
            (gfloat) (x[i] * gain)));
  fail_unless (worst < 1e-6, "output differs from input x gain by %g", worst);
  fail_unless_equals_float (field (report, "max-limiter-reduction"), 0.0);
  measure_output (out, &stereo_48k, &ours, &theirs);
  fail_unless (ours.true_peak <= -1.0 && theirs.true_peak <= -1.0 + 0.1);
  check_oversampled_ceiling (out, &stereo_48k, -1.0, "policy=lower");
  fail_unless (ours.integrated < -14.5, "lower reached %f", ours.integrated);
  fail_unless (strstr (gst_structure_get_string (report, "reason"),
          "misses the target") != NULL);
  gst_structure_free (report);
  g_array_free (out, TRUE);
  free (x);
  harness_free (h, bus);
}

GST_END_TEST;

/* A target only deep limiting could reach (vengeful at -7 LUFS took 26.8
 * dB of limiting and still missed): the limiter takes at most 12 dB off
 * the highest peak, and the report says the target is missed, and why. */
GST_START_TEST (test_limiting_is_bounded)
{
  GstBus *bus;
  GstHarness *h = harness_new ("mode=file target=-3 ceiling=-1",
      &stereo_48k, FALSE, &bus);
  size_t frames;
  float *x = programme_new (PROGRAMME_MUSIC, 48000, 2, 30.0, &frames);
  GArray *out = run (h, x, frames, &stereo_48k);
  GstStructure *report = final_report (bus);
  gboolean compliant = TRUE;
  Loudness ours, theirs;

  fail_unless (field (report, "max-limiter-reduction") <= 12.05,
      "the limiter took %.2f dB", field (report, "max-limiter-reduction"));
  fail_unless (field (report, "max-limiter-reduction") >= 11.0);
  gst_structure_get_boolean (report, "compliant", &compliant);
  fail_if (compliant);
  fail_unless (strstr (gst_structure_get_string (report, "reason"),
          "takes 12.0 dB off the highest peak, the most it may") != NULL,
      "%s", gst_structure_get_string (report, "reason"));
  measure_output (out, &stereo_48k, &ours, &theirs);
  fail_unless (ours.integrated < -4.0, "%.2f LUFS", ours.integrated);
  check_oversampled_ceiling (out, &stereo_48k, -1.0, "bounded limiting");
  gst_structure_free (report);
  g_array_free (out, TRUE);
  free (x);
  harness_free (h, bus);
}

GST_END_TEST;

/* policy=never-boost on quiet input: 0 dB, bit-exact output */
GST_START_TEST (test_policy_never_boost)
{
  GstBus *bus;
  GstHarness *h = harness_new ("mode=file preset=streaming "
      "policy=never-boost", &stereo_48k, FALSE, &bus);
  size_t frames;
  float *x = programme_new (PROGRAMME_SPEECH, 48000, 2, 20.0, &frames);
  GArray *out = run (h, x, frames, &stereo_48k);
  GstStructure *report = final_report (bus);
  gboolean compliant = TRUE;

  fail_unless_equals_uint64 (out->len / 2, frames);
  for (gsize i = 0; i < out->len; i++)
    fail_unless (g_array_index (out, gdouble, i) == x[i], "sample %"
        G_GSIZE_FORMAT " changed", i);
  fail_unless_equals_float (field (report, "gain"), 0.0);
  fail_unless (gst_structure_get_boolean (report, "compliant", &compliant));
  fail_if (compliant);
  gst_structure_free (report);
  g_array_free (out, TRUE);
  free (x);
  harness_free (h, bus);
}

GST_END_TEST;

/* 44.1, 48 and 96 kHz; mono, stereo, 5.1 (LFE excluded, surround
 * weighted); F32 and F64: the output keeps the input's caps and meets the
 * target. */
GST_START_TEST (test_rates_layouts_formats)
{
  static const guint rates[] = { 44100, 48000, 96000 };
  static const guint layouts[] = { 1, 2, 6 };

  for (guint r = 0; r < G_N_ELEMENTS (rates); r++)
    for (guint l = 0; l < G_N_ELEMENTS (layouts); l++)
      for (gint f64 = 0; f64 <= 1; f64++) {
        Format f = { rates[r], layouts[l], f64 };
        GstBus *bus;
        GstHarness *h = harness_new ("mode=file target=-20 ceiling=-2", &f,
            FALSE, &bus);
        size_t frames;
        float *x = programme_new (PROGRAMME_MUSIC, f.rate, f.channels, 20.0,
            &frames);
        GArray *out = run (h, x, frames, &f);
        gchar *what = g_strdup_printf ("%u Hz, %u channels, %s", f.rate,
            f.channels, f64 ? "F64" : "F32");
        gchar *expected = caps_string (&f);
        GstCaps *caps = gst_pad_get_current_caps (h->sinkpad);
        GstCaps *want = gst_caps_from_string (expected);

        fail_unless (gst_caps_is_equal (caps, want), "%s: output caps %"
            GST_PTR_FORMAT, what, caps);
        check_normalized (out, x, frames, &f, -20.0, -2.0, what);
        gst_caps_unref (caps);
        gst_caps_unref (want);
        g_free (expected);
        g_free (what);
        g_array_free (out, TRUE);
        free (x);
        harness_free (h, bus);
      }
}

GST_END_TEST;

/* Gains posted by live mode, one per 100 ms message. */
static GArray *
posted_gains (GstBus * bus)
{
  GArray *gains = g_array_new (FALSE, FALSE, sizeof (gdouble));
  GstMessage *msg;

  while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT))) {
    const GstStructure *s = gst_message_get_structure (msg);
    gboolean final = TRUE;
    gdouble gain;
    if (gst_structure_get_boolean (s, "final", &final) && !final &&
        gst_structure_get_double (s, "gain", &gain))
      g_array_append_val (gains, gain);
    gst_message_unref (msg);
  }
  return gains;
}

/* Fills frames [first, first + n) of stereo x with white noise at about
 * -60 LUFS (the hiss of a quiet room, under the leveler's -50 LUFS gate):
 * returns its loudness by our meter. */
static gdouble
room_noise (float *x, guint rate, size_t first, size_t n)
{
  unsigned long long state = 1;
  loudness_meter *m = loudness_meter_new (2, rate);
  gdouble lufs;

  for (size_t i = 2 * first; i < 2 * (first + n); i++)
    x[i] = (float) (0.00085 * noise_uniform (&state));
  loudness_meter_add_f32 (m, x + 2 * first, n);
  lufs = loudness_meter_integrated (m);
  loudness_meter_free (m);
  return lufs;
}

/* live mode, gain-rise 2 dB/s, on 90 s of music with a loudness range of
 * 18 LU: 5 s of room noise before it, a 10 s pause of digital silence in
 * the middle. In both, the gain must not rise (before the music no
 * relative gate can hold it: only the absolute one). */
GST_START_TEST (test_live_mode_programme)
{
  const guint rate = 48000, silence_s = 5, pause_at_s = 45, pause_s = 10;
  GstBus *bus;
  GstHarness *h = harness_new ("mode=live target=-23 ceiling=-1 "
      "gain-rise=2", &stereo_48k, TRUE, &bus);
  size_t frames;
  float *x = programme_new (PROGRAMME_MUSIC, rate, 2, 90.0, &frames);
  GArray *out, *gains;
  Loudness ours, theirs;
  gdouble noise;

  noise = room_noise (x, rate, 0, silence_s * rate);
  memset (x + pause_at_s * rate * 2, 0, pause_s * rate * 2 * sizeof (float));
  fail_unless (noise > -62.0 && noise < -58.0, "room noise at %.1f LUFS",
      noise);
  out = run (h, x, frames, &stereo_48k);
  fail_unless_equals_uint64 (out->len / 2, frames);
  measure_output (out, &stereo_48k, &ours, &theirs);
  GST_INFO ("live: ours %.2f LUFS %.2f dBTP, libebur128 %.2f LUFS %.2f dBTP",
      ours.integrated, ours.true_peak, theirs.integrated, theirs.true_peak);
  fail_unless (fabs (ours.integrated + 23.0) <= 1.0, "%f", ours.integrated);
  fail_unless (fabs (theirs.integrated + 23.0) <= 1.0, "%f", theirs.integrated);
  fail_unless (ours.true_peak <= -1.0 + CEILING_TOLERANCE_DB);
  fail_unless (theirs.true_peak <= -1.0 + CEILING_TOLERANCE_DB);
  check_oversampled_ceiling (out, &stereo_48k, -1.0, "live");

  gains = posted_gains (bus);
  fail_unless (gains->len >= 890, "%u gain messages", gains->len);
  for (guint i = 1; i < gains->len; i++) {
    gdouble rise = g_array_index (gains, gdouble, i) -
        g_array_index (gains, gdouble, i - 1);
    /* silent: every sample of the 400 ms momentary block is silence or
     * room noise */
    gboolean silent = i < silence_s * 10 ||
        (i >= pause_at_s * 10 + 4 && i < (pause_at_s + pause_s) * 10);
    /* 2 dB/s: 0.2 dB per 100 ms, except the first block's start value */
    if (silent)
      fail_unless (rise <= 0.0, "gain rose by %f dB in silence at %u", rise, i);
    else if (i > silence_s * 10 + 5)
      fail_unless (rise <= 0.2 + 1e-9, "gain rose by %f dB at %u", rise, i);
  }
  fail_unless_equals_float (g_array_index (gains, gdouble, silence_s * 10 - 1),
      0.0);
  g_array_free (gains, TRUE);
  g_array_free (out, TRUE);
  free (x);
  harness_free (h, bus);
}

GST_END_TEST;

GST_START_TEST (test_report_location)
{
  gchar *path = g_build_filename (g_get_tmp_dir (), "loudnorm-report-test.json",
      NULL);
  gchar *props = g_strdup_printf ("mode=file preset=podcast "
      "report-location=%s", path);
  GstBus *bus;
  GstHarness *h = harness_new (props, &stereo_48k, FALSE, &bus);
  size_t frames;
  float *x = programme_new (PROGRAMME_SPEECH, 48000, 2, 10.0, &frames);
  GArray *out = run (h, x, frames, &stereo_48k);
  JsonParser *parser = json_parser_new ();
  JsonObject *report;
  static const gchar *keys[] = { "input-integrated", "input-threshold",
    "threshold", "max-limiter-reduction", "loudness-range"
  };

  /* valid JSON (json-glib reads it), with the values the message has */
  fail_unless (json_parser_load_from_file (parser, path, NULL));
  report = json_node_get_object (json_parser_get_root (parser));
  fail_unless (fabs (json_object_get_double_member (report, "integrated") +
          16.0) <= 0.1);
  fail_unless (json_object_get_boolean_member (report, "compliant"));
  fail_unless_equals_string (json_object_get_string_member (report,
          "preset"), "podcast");
  fail_unless_equals_float (json_object_get_double_member (report,
          "ceiling"), -1.5);
  fail_unless_equals_string (json_object_get_string_member (report,
          "policy"), "limit");
  fail_unless (g_str_has_prefix (json_object_get_string_member (report,
              "reason"), "limit: "));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    fail_unless (json_object_has_member (report, keys[i]), "no %s", keys[i]);
  g_object_unref (parser);
  g_unlink (path);
  g_free (props);
  g_free (path);
  g_array_free (out, TRUE);
  free (x);
  harness_free (h, bus);
}

GST_END_TEST;

/* The verdict of mode=measure on a stereo 1 kHz sine at -23 LUFS (its
 * peak at -23 dBFS, BS.1770: a sine in both channels measures its peak
 * level at 1 kHz), 30 s, with an optional full-scale click in its middle;
 * or with a 3 s burst at -15 LUFS, the other 27 s then at -26.87 LUFS so
 * that the whole still measures -23 (27 x 10^-2.687 + 3 x 10^-1.5 = 30 x
 * 10^-2.3). */
static gboolean
verdict_of (const gchar * preset, gboolean click, gboolean burst,
    gdouble * max_short_term)
{
  GstBus *bus;
  gchar *props = g_strdup_printf ("mode=measure preset=%s", preset);
  GstHarness *h = harness_new (props, &stereo_48k, FALSE, &bus);
  guint64 frames = 30 * 48000;
  float *x = g_new (float, frames * 2);
  GArray *out;
  GstStructure *report;
  gboolean compliant = TRUE;

  for (guint64 i = 0; i < frames; i++) {
    gdouble level = !burst ? -23.0 : i >= 12 * 48000 && i < 15 * 48000 ?
        -15.0 : -26.87;
    x[2 * i] = x[2 * i + 1] = pow (10.0, level / 20.0) *
        sin (2.0 * G_PI * 1000.0 * i / 48000.0);
  }
  if (click)
    x[2 * (frames / 2)] = 0.99f;
  out = run (h, x, frames, &stereo_48k);
  report = final_report (bus);
  fail_unless (gst_structure_get_boolean (report, "compliant", &compliant));
  *max_short_term = field (report, "max-short-term");
  fail_unless (fabs (field (report, "integrated") + 23.0) < 0.2,
      "%s: integrated %.2f", preset, field (report, "integrated"));
  gst_structure_free (report);
  g_array_free (out, TRUE);
  g_free (x);
  g_free (props);
  harness_free (h, bus);
  return compliant;
}

/* Each part of a preset's verdict counts: the loudness alone does not
 * pass a programme whose true peak is over the ceiling (EBU R 128: -1
 * dBTP), or, for R 128 s1, whose short-term loudness went over -18 LUFS
 * (EBU R 128 s1, section 2). */
GST_START_TEST (test_verdict_checks_every_limit)
{
  gdouble max_short_term;

  fail_unless (verdict_of ("ebu-r128", FALSE, FALSE, &max_short_term));
  fail_if (verdict_of ("ebu-r128", TRUE, FALSE, &max_short_term),
      "a 0 dBTP click passed a -1 dBTP ceiling");
  fail_unless (verdict_of ("ebu-r128-s1", FALSE, FALSE, &max_short_term));
  fail_unless (max_short_term < -22.5);
  /* the same integrated loudness with a louder passage */
  fail_if (verdict_of ("ebu-r128-s1", FALSE, TRUE, &max_short_term));
  fail_unless (max_short_term > -15.5, "max short-term %.2f", max_short_term);
}

GST_END_TEST;

static Suite *
loudnorm_normalize_suite (void)
{
  Suite *s = suite_create ("loudnorm-normalize");
  TCase *tc = tcase_create ("general");

  tcase_set_timeout (tc, 300);
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_file_mode_programmes);
  tcase_add_test (tc, test_linear_mode_programmes);
  tcase_add_test (tc, test_policy_lower);
  tcase_add_test (tc, test_policy_never_boost);
  tcase_add_test (tc, test_limiting_is_bounded);
  tcase_add_test (tc, test_rates_layouts_formats);
  tcase_add_test (tc, test_live_mode_programme);
  tcase_add_test (tc, test_report_location);
  tcase_add_test (tc, test_verdict_checks_every_limit);
  return s;
}

CHECK_MAIN (loudnorm_normalize);
