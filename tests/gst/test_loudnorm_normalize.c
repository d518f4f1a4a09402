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
      gdouble v = f->f64 ? ((gdouble *) map.data)[i] :
          ((gfloat *) map.data)[i];
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

static Suite *
loudnorm_normalize_suite (void)
{
  Suite *s = suite_create ("loudnorm-normalize");
  TCase *tc = tcase_create ("general");

  tcase_set_timeout (tc, 300);
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_file_mode_programmes);
  tcase_add_test (tc, test_linear_mode_programmes);
  return s;
}

GST_CHECK_MAIN (loudnorm_normalize);
