/* gst-mixmaster: the session's report.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "mixmaster-report.h"

#include <math.h>
#include <stdio.h>

#include "gstloudnessreport.h"

/* Shorter than the longest track by more than this: padded, and said so */
#define PADDING_NOTICE_SECONDS 0.01

static gdouble
seconds (GstClockTime t)
{
  return GST_CLOCK_TIME_IS_VALID (t) ? (gdouble) t / GST_SECOND : 0.0;
}

static gdouble
field (const GstStructure * s, const gchar * name)
{
  return s ? gst_loudness_report_double (s, name) : NAN;
}

static gdouble
highest (const GstStructure * s, const gchar * name)
{
  return s ? gst_loudness_report_array_max (s, name) : NAN;
}

static void
set_structure (GstStructure * parent, const gchar * name, GstStructure * s)
{
  gst_structure_set (parent, name, GST_TYPE_STRUCTURE, s, NULL);
  gst_structure_free (s);
}

static GstStructure *
track_report (MixmasterSession * session, MixmasterJob * job, guint i)
{
  MixmasterTrack *t = g_ptr_array_index (session->tracks, i);
  gchar *stem_name = g_strdup_printf ("stem%u", i);
  gchar *track_name = g_strdup_printf ("track%u", i);
  const GstStructure *stem = mixmaster_job_report (job, stem_name);
  const GstStructure *in_mix = mixmaster_job_report (job, track_name);
  GstStructure *s = gst_structure_new ("track",
      "name", G_TYPE_STRING, t->name,
      "rate", G_TYPE_UINT, t->rate,
      "channels", G_TYPE_UINT, t->channels,
      "duration", G_TYPE_DOUBLE, seconds (t->duration),
      "padded", G_TYPE_DOUBLE, seconds (session->duration - t->duration),
      "integrated", G_TYPE_DOUBLE, field (stem, "integrated"),
      "loudness-range", G_TYPE_DOUBLE, field (stem, "loudness-range"),
      "true-peak", G_TYPE_DOUBLE, highest (stem, "true-peak"),
      "sample-peak", G_TYPE_DOUBLE, highest (stem, "sample-peak"),
      "in-mix-integrated", G_TYPE_DOUBLE, field (in_mix, "integrated"),
      "in-mix-true-peak", G_TYPE_DOUBLE, highest (in_mix, "true-peak"),
      NULL);

  gst_loudness_report_set_file (s, "file", t->path);
  g_free (stem_name);
  g_free (track_name);
  return s;
}

static GstStructure *
mix_report (const GstStructure * mix)
{
  return gst_structure_new ("mix",
      "integrated", G_TYPE_DOUBLE, field (mix, "integrated"),
      "loudness-range", G_TYPE_DOUBLE, field (mix, "loudness-range"),
      "max-short-term", G_TYPE_DOUBLE, field (mix, "max-short-term"),
      "true-peak", G_TYPE_DOUBLE, highest (mix, "true-peak"),
      "sample-peak", G_TYPE_DOUBLE, highest (mix, "sample-peak"), NULL);
}

static GstStructure *
master_report (const GstStructure * d, const GstStructure * levels)
{
  gdouble drive = NAN;

  if (levels)
    gst_structure_get_double (levels, "drive", &drive);
  return gst_structure_new ("master",
      "integrated", G_TYPE_DOUBLE, field (d, "integrated"),
      "loudness-range", G_TYPE_DOUBLE, field (d, "loudness-range"),
      "max-short-term", G_TYPE_DOUBLE, field (d, "max-short-term"),
      "max-momentary", G_TYPE_DOUBLE, field (d, "max-momentary"),
      "true-peak", G_TYPE_DOUBLE, highest (d, "true-peak"),
      "sample-peak", G_TYPE_DOUBLE, highest (d, "sample-peak"),
      "audiomaster-drive", G_TYPE_DOUBLE, drive,
      "delivery-gain", G_TYPE_DOUBLE, field (d, "gain"),
      "delivery-limiter", G_TYPE_DOUBLE, field (d, "max-limiter-reduction"),
      NULL);
}

static GstStructure *
delivery_report (const GstStructure * d)
{
  gboolean compliant = FALSE;
  GstStructure *report;

  gst_structure_get_boolean (d, "compliant", &compliant);
  report = gst_structure_new ("delivery",
      "preset", G_TYPE_STRING, gst_structure_get_string (d, "preset"),
      "target", G_TYPE_DOUBLE, field (d, "target"),
      "tolerance", G_TYPE_DOUBLE, field (d, "tolerance"),
      "ceiling", G_TYPE_DOUBLE, field (d, "ceiling"),
      "compliant", G_TYPE_BOOLEAN, compliant,
      "measured-from-file", G_TYPE_BOOLEAN,
      gst_structure_has_field (d, "measured-from-file"),
      "renders", G_TYPE_INT, gst_structure_has_field (d, "renders") ?
      g_value_get_int (gst_structure_get_value (d, "renders")) : 1,
      "limiter-ceiling", G_TYPE_DOUBLE, field (d, gst_structure_has_field (d,
              "limiter-ceiling") ? "limiter-ceiling" : "ceiling"),
      "reason", G_TYPE_STRING, gst_structure_get_string (d, "reason"), NULL);
  if (gst_structure_has_field (d, "gain-tags"))
    gst_structure_set_value (report, "gain-tags",
        gst_structure_get_value (d, "gain-tags"));
  return report;
}

GstStructure *
mixmaster_report_new (MixmasterSession * session, MixmasterJob * job,
    const gchar * master_path, const gchar * mixdown_path)
{
  const GstStructure *delivery = mixmaster_job_report (job, "delivery");
  GstStructure *report = gst_structure_new ("mixmaster",
      "rate", G_TYPE_UINT, session->rate,
      "duration", G_TYPE_DOUBLE, seconds (session->duration), NULL);
  GValue tracks = G_VALUE_INIT;
  gboolean compliant = FALSE;

  gst_loudness_report_set_file (report, "master-file", master_path);
  if (mixdown_path)
    gst_loudness_report_set_file (report, "mixdown-file", mixdown_path);
  gst_value_array_init (&tracks, session->tracks->len);
  for (guint i = 0; i < session->tracks->len; i++) {
    GValue track = G_VALUE_INIT;
    g_value_init (&track, GST_TYPE_STRUCTURE);
    g_value_take_boxed (&track, track_report (session, job, i));
    gst_value_array_append_and_take_value (&tracks, &track);
  }
  gst_structure_take_value (report, "tracks", &tracks);
  set_structure (report, "mix", mix_report (mixmaster_job_report (job,
              "mixmeter")));
  set_structure (report, "master", master_report (delivery,
          job->master_levels));
  set_structure (report, "delivery", delivery_report (delivery));
  gst_structure_get_boolean (delivery, "compliant", &compliant);
  gst_structure_set (report, "verdict", G_TYPE_STRING, compliant ? "PASS" :
      "FAIL", NULL);
  return report;
}

static const GstStructure *
part (const GstStructure * report, const gchar * name)
{
  return gst_value_get_structure (gst_structure_get_value (report, name));
}

static void
print_track (const GstStructure * t)
{
  guint rate = 0, channels = 0;

  gst_structure_get_uint (t, "rate", &rate);
  gst_structure_get_uint (t, "channels", &channels);
  printf ("  %-14.14s %6u %2u %7.1f s %9.1f %9.1f %10.1f\n",
      gst_structure_get_string (t, "name"), rate, channels,
      field (t, "duration"), field (t, "integrated"), field (t, "true-peak"),
      field (t, "in-mix-integrated"));
}

void
mixmaster_report_print (const GstStructure * report)
{
  const GValue *tracks = gst_structure_get_value (report, "tracks");
  const GstStructure *mix = part (report, "mix");
  const GstStructure *master = part (report, "master");
  const GstStructure *delivery = part (report, "delivery");
  guint n = gst_value_array_get_size (tracks), rate = 0;

  gst_structure_get_uint (report, "rate", &rate);
  printf ("%u tracks, %.1f s at %u Hz -> %s\n", n, field (report, "duration"),
      rate, gst_structure_get_string (report, "master-file"));
  printf ("  %-14s %6s %2s %9s %9s %9s %10s\n", "track", "Hz", "ch", "length",
      "LUFS", "dBTP", "mix LUFS");
  for (guint i = 0; i < n; i++)
    print_track (gst_value_get_structure (gst_value_array_get_value (tracks,
                i)));
  for (guint i = 0; i < n; i++) {
    const GstStructure *t =
        gst_value_get_structure (gst_value_array_get_value (tracks, i));
    if (field (t, "padded") > PADDING_NOTICE_SECONDS)
      printf ("  %s is %.2f s shorter than the longest track: padded with "
          "silence\n", gst_structure_get_string (t, "name"),
          field (t, "padded"));
  }
  printf ("  mix     %6.1f LUFS, range %4.1f LU, true peak %+5.1f dBTP\n",
      field (mix, "integrated"), field (mix, "loudness-range"),
      field (mix, "true-peak"));
  printf ("  master  %6.1f LUFS, range %4.1f LU, true peak %+5.1f dBTP "
      "(limiter drive %+.1f dB)\n", field (master, "integrated"),
      field (master, "loudness-range"), field (master, "true-peak"),
      field (master, "audiomaster-drive"));
  if (gst_structure_get_string (delivery, "gain-tags"))
    printf ("  tagged %s\n", gst_structure_get_string (delivery, "gain-tags"));
  printf ("  %s: %s (%.1f LUFS +-%.1f LU, true peak <= %.1f dBTP)\n",
      gst_structure_get_string (delivery, "preset"),
      gst_structure_get_string (report, "verdict"), field (delivery, "target"),
      field (delivery, "tolerance"), field (delivery, "ceiling"));
}

gboolean
mixmaster_report_passes (const GstStructure * report)
{
  return !g_strcmp0 (gst_structure_get_string (report, "verdict"), "PASS");
}
