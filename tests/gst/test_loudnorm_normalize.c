/* loudnorm's normalizing modes (gst-check, GstHarness): file and linear
 * reach the target within 0.1 LU and hold the ceiling, measured on the
 * output by the project's meter and by libebur128; the policies; live mode
 * on long programmes; every rate, layout and format; latency, drain,
 * flush, live-source refusal, smooth property changes, the report.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <ebur128.h>
#include <gst/audio/audio.h>
#include <gst/check/gstcheck.h>
#include <gst/check/gstharness.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "loudness_meter.h"
#include "programmes.h"

#define TARGET_TOLERANCE_LU 0.1
#define CEILING_TOLERANCE_DB 0.1
#define BUFFER_FRAMES 4800

typedef struct
{
  guint rate;
  guint channels;
  gboolean f64;
} Format;

static const Format stereo_48k = { 48000, 2, FALSE };

static gchar *
caps_string (const Format * f)
{
  guint64 mask = f->channels == 6 ? 0x3f : f->channels == 2 ? 0x3 : 0x0;
  return g_strdup_printf ("audio/x-raw, format=%s, rate=%u, channels=%u, "
      "layout=interleaved, channel-mask=(bitmask)0x%" G_GINT64_MODIFIER "x",
      f->f64 ? GST_AUDIO_NE (F64) : GST_AUDIO_NE (F32), f->rate, f->channels,
      mask);
}

/* A harness around a loudnorm with these properties (gst-launch syntax). */
static GstHarness *
harness_new (const gchar * properties, const Format * f, gboolean live,
    GstBus ** bus)
{
  gchar *description = g_strdup_printf ("loudnorm %s", properties);
  GstElement *element = gst_parse_launch (description, NULL);
  GstHarness *h = gst_harness_new_with_element (element, "sink", "src");
  gchar *caps = caps_string (f);

  gst_object_unref (element);
  g_free (description);
  gst_harness_set_live (h, live);
  *bus = gst_bus_new ();
  gst_element_set_bus (h->element, *bus);
  gst_harness_set_src_caps_str (h, caps);
  g_free (caps);
  return h;
}

static void
harness_free (GstHarness * h, GstBus * bus)
{
  gst_element_set_bus (h->element, NULL);
  gst_object_unref (bus);
  gst_harness_teardown (h);
}

/* Buffer of frames [first, first + n) of x, stamped at its time. */
static GstBuffer *
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
 * checking that timestamps run on exactly from frame *count. */
static void
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
static GArray *
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
static GstStructure *
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

static gdouble
field (const GstStructure * s, const gchar * name)
{
  gdouble v = NAN;
  fail_unless (gst_structure_get_double (s, name, &v), "no %s", name);
  return v;
}

typedef struct
{
  gdouble integrated;
  gdouble true_peak;
} Loudness;

/* Integrated loudness and the largest true peak of out, by our meter and
 * by libebur128 (both oversample 4x below 96 kHz, 2x at 96 kHz); the
 * checks below hold for both. */
static void
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
static void
check_normalized (GArray * out, guint64 frames, const Format * f,
    gdouble target, gdouble ceiling, const gchar * what)
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
}

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

    check_normalized (out, frames, &stereo_48k, -14.0, -1.0,
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
    check_normalized (out, frames, &stereo_48k, -16.0, -1.5,
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
  fail_unless (ours.integrated < -14.5, "lower reached %f", ours.integrated);
  fail_unless (strstr (gst_structure_get_string (report, "reason"),
          "misses the target") != NULL);
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
        check_normalized (out, frames, &f, -20.0, -2.0, what);
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

/* live mode on 90 s of music with a loudness range of 18 LU: 5 s of
 * leading silence, a 10 s pause in the middle. */
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

  memset (x, 0, silence_s * rate * 2 * sizeof (float));
  memset (x + pause_at_s * rate * 2, 0, pause_s * rate * 2 * sizeof (float));
  out = run (h, x, frames, &stereo_48k);
  fail_unless_equals_uint64 (out->len / 2, frames);
  measure_output (out, &stereo_48k, &ours, &theirs);
  GST_INFO ("live: ours %.2f LUFS %.2f dBTP, libebur128 %.2f LUFS %.2f dBTP",
      ours.integrated, ours.true_peak, theirs.integrated, theirs.true_peak);
  fail_unless (fabs (ours.integrated + 23.0) <= 1.0, "%f", ours.integrated);
  fail_unless (fabs (theirs.integrated + 23.0) <= 1.0, "%f", theirs.integrated);
  fail_unless (ours.true_peak <= -1.0 + CEILING_TOLERANCE_DB);
  fail_unless (theirs.true_peak <= -1.0 + CEILING_TOLERANCE_DB);

  gains = posted_gains (bus);
  fail_unless (gains->len >= 890, "%u gain messages", gains->len);
  for (guint i = 1; i < gains->len; i++) {
    gdouble rise = g_array_index (gains, gdouble, i) -
        g_array_index (gains, gdouble, i - 1);
    /* silent: every sample of the 400 ms momentary block is silence */
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

GST_START_TEST (test_latency_and_drain)
{
  GstBus *bus;
  GstHarness *h = harness_new ("mode=live", &stereo_48k, TRUE, &bus);
  size_t frames;
  float *x = programme_new (PROGRAMME_TONES, 48000, 2, 1.0, &frames);
  GArray *out;

  /* 5 ms lookahead, 256 frames at 48 kHz with the interpolator's delay */
  fail_unless_equals_uint64 (gst_harness_query_latency (h),
      gst_util_uint64_scale_int_round (256, GST_SECOND, 48000));
  /* odd buffer sizes, fewer frames than the latency included */
  out = g_array_new (FALSE, FALSE, sizeof (gdouble));
  for (guint64 pos = 0, n = 100; pos < frames; pos += n, n = n * 3 % 7001)
    fail_unless_equals_int (gst_harness_push (h, buffer_of (x, pos,
                MIN (n, frames - pos), &stereo_48k)), GST_FLOW_OK);
  pull_all (h, out, &stereo_48k);
  fail_unless (out->len / 2 == frames - 256);
  fail_unless (gst_harness_push_event (h, gst_event_new_eos ()));
  pull_all (h, out, &stereo_48k);
  fail_unless_equals_uint64 (out->len / 2, frames);
  g_array_free (out, TRUE);
  free (x);
  harness_free (h, bus);
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
  const guint64 frames = 48000, latency = 256;
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
  gchar *json = NULL;
  static const gchar *keys[] = { "\"integrated\": -16", "\"compliant\": true",
    "\"preset\": \"podcast\"", "\"ceiling\": -1.5", "\"input-integrated\"",
    "\"input-threshold\"", "\"threshold\"", "\"max-limiter-reduction\"",
    "\"reason\": \"limit: ", "\"policy\": \"limit\""
  };

  fail_unless (g_file_get_contents (path, &json, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    fail_unless (strstr (json, keys[i]) != NULL, "no %s in %s", keys[i], json);
  g_unlink (path);
  g_free (json);
  g_free (props);
  g_free (path);
  g_array_free (out, TRUE);
  free (x);
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
  tcase_add_test (tc, test_rates_layouts_formats);
  tcase_add_test (tc, test_live_mode_programme);
  tcase_add_test (tc, test_latency_and_drain);
  tcase_add_test (tc, test_flush_resets);
  tcase_add_test (tc, test_caps_change_drains);
  tcase_add_test (tc, test_timestamp_jump);
  tcase_add_test (tc, test_file_mode_refuses_live_source);
  tcase_add_test (tc, test_linear_needs_measurements);
  tcase_add_test (tc, test_property_change_is_smooth);
  tcase_add_test (tc, test_report_location);
  return s;
}

GST_CHECK_MAIN (loudnorm_normalize);
