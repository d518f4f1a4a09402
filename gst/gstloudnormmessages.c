/* GStreamer mixmaster plug-in: loudnorm, its messages and final report.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstloudnormprivate.h"
#include "gstmetermessage.h"

#include <math.h>
#include <string.h>

/* The `loudness` message's structure with the meter's current results
 * (see the SECTION block for the fields). Streaming thread. */
static GstStructure *
measurements_new (GstLoudNorm * self, const loudness_meter * meter,
    GstClockTime timestamp, GstClockTime duration, gboolean final)
{
  GstStructure *s = gst_meter_message_structure_new (GST_BASE_TRANSFORM
      (self), "loudness", timestamp, duration);

  g_mutex_lock (&self->meter_lock);
  gst_loud_norm_report_set_measurements (s, meter);
  g_mutex_unlock (&self->meter_lock);
  if (self->normalizer)
    gst_structure_set (s,
        "gain", G_TYPE_DOUBLE, normalizer_gain_db (self->normalizer),
        "limiter-reduction", G_TYPE_DOUBLE,
        normalizer_limiter_reduction_db (self->normalizer), NULL);
  if (self->normalizer && normalizer_leveler_state (self->normalizer))
    gst_structure_set (s, "leveler", G_TYPE_STRING,
        normalizer_leveler_state (self->normalizer), NULL);
  gst_structure_set (s, "final", G_TYPE_BOOLEAN, final, NULL);
  return s;
}

static void
post_structure (GstLoudNorm * self, GstStructure * s)
{
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self), s));
}

void
gst_loud_norm_feed_meter (GstLoudNorm * self, loudness_meter * meter,
    const guint8 * data, guint64 frames)
{
  GstAudioFormat format =
      GST_AUDIO_INFO_FORMAT (&GST_AUDIO_FILTER (self)->info);

  g_mutex_lock (&self->meter_lock);
  if (!data)
    loudness_meter_add_silence (meter, frames);
  else if (format == GST_AUDIO_FORMAT_F64)
    loudness_meter_add_f64 (meter, (const double *) data, frames);
  else
    loudness_meter_add_f32 (meter, (const float *) data, frames);
  g_mutex_unlock (&self->meter_lock);
}

/* Feeds `frames` (NULL data: silence) starting at time `start` to the meter
 * that the messages describe, posting a message at every interval's end.
 * Splits at interval boundaries so none is skipped, as level does. */
void
gst_loud_norm_meter_and_post (GstLoudNorm * self, loudness_meter * meter,
    const guint8 * data, guint64 frames, GstClockTime start,
    const GstLoudNormSettings * s)
{
  const GstAudioInfo *info = &GST_AUDIO_FILTER (self)->info;
  gint rate = GST_AUDIO_INFO_RATE (info), bpf = GST_AUDIO_INFO_BPF (info);
  guint64 offset = 0;

  if (!GST_CLOCK_TIME_IS_VALID (self->measure_start))
    self->measure_start = start;
  while (offset < frames) {
    guint64 n = gst_meter_interval_span (&self->interval, s->interval, rate,
        gst_delayed_output_frame_time (start, offset, rate), frames - offset);
    gst_loud_norm_feed_meter (self, meter, data ? data + offset * bpf : NULL,
        n);
    offset += n;
    if (gst_meter_interval_advance (&self->interval, n) && s->post_messages)
      post_structure (self, measurements_new (self, meter,
              self->interval.start, gst_meter_interval_duration
              (&self->interval, rate), FALSE));
  }
}

static const gchar *
enum_nick (GType type, gint value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);
  const gchar *nick = v ? v->value_nick : "unknown";

  g_type_class_unref (klass);
  return nick;
}

/* The fields a normalizing mode adds to the final report. */
static void
add_normalizing_fields (GstLoudNorm * self, GstStructure * st,
    const GstLoudNormSettings * s)
{
  gchar reason[512];
  const gchar *policy = "live";

  if (s->mode == GST_LOUD_NORM_MODE_LIVE) {
    g_snprintf (reason, sizeof (reason), "live: adaptive gain following the "
        "last %.1f s of programme above %.0f LUFS, keeping its short-term "
        "loudness within %.1f LU around the target, at most %+.1f dB, rising "
        "by at most %.1f dB/s and falling by at most %.1f dB/s, hearing the "
        "input %.1f s ahead; the limiter holds the %+.1f dBTP ceiling",
        s->leveler.window_s, s->leveler.gate_lufs,
        s->leveler.loudness_range_lu, s->leveler.max_gain_db,
        s->leveler.rise_db_per_s, s->leveler.fall_db_per_s,
        s->gain_lookahead_s, s->spec.ceiling_dbtp);
  } else {
    policy = normalization_policy_name (self->plan.policy);
    normalization_plan_reason (&self->plan, reason, sizeof (reason));
  }
  if (s->mode == GST_LOUD_NORM_MODE_LINEAR)
    gst_structure_set (st,
        "measured-integrated", G_TYPE_DOUBLE, s->measured_integrated,
        "measured-loudness-range", G_TYPE_DOUBLE, s->measured_loudness_range,
        "measured-true-peak", G_TYPE_DOUBLE, s->measured_true_peak,
        "measured-threshold", G_TYPE_DOUBLE, s->measured_threshold, NULL);

  g_mutex_lock (&self->meter_lock);
  gst_structure_set (st,
      "input-integrated", G_TYPE_DOUBLE,
      loudness_meter_integrated (self->input_meter),
      "input-loudness-range", G_TYPE_DOUBLE,
      loudness_meter_loudness_range (self->input_meter),
      "input-true-peak", G_TYPE_DOUBLE,
      gst_loud_norm_report_max_true_peak (self->input_meter),
      "input-threshold", G_TYPE_DOUBLE,
      loudness_meter_relative_threshold (self->input_meter),
      "threshold", G_TYPE_DOUBLE,
      loudness_meter_relative_threshold (self->output_meter), NULL);
  g_mutex_unlock (&self->meter_lock);
  gst_structure_set (st,
      "max-limiter-reduction", G_TYPE_DOUBLE,
      normalizer_max_limiter_reduction_db (self->normalizer),
      "policy", G_TYPE_STRING, policy, "reason", G_TYPE_STRING, reason, NULL);
}

/* The final `loudness` message's structure, also the JSON report. */
static GstStructure *
final_report_new (GstLoudNorm * self, const GstLoudNormSettings * s)
{
  gint rate = GST_AUDIO_INFO_RATE (&GST_AUDIO_FILTER (self)->info);
  loudness_meter *meter =
      gst_loud_norm_is_normalizing (s->mode) ? self->output_meter :
      self->input_meter;
  GstStructure *st;
  gboolean compliant;
  guint64 frames;

  g_mutex_lock (&self->meter_lock);
  frames = loudness_meter_frames (meter);
  compliant = gst_loud_norm_spec_met (&s->spec,
      loudness_meter_integrated (meter),
      gst_loud_norm_report_max_true_peak (meter),
      loudness_meter_max_short_term (meter));
  g_mutex_unlock (&self->meter_lock);

  st = measurements_new (self, meter, self->measure_start,
      gst_util_uint64_scale_int_round (frames, GST_SECOND, rate), TRUE);
  gst_structure_set (st,
      "mode", G_TYPE_STRING, enum_nick (GST_TYPE_LOUD_NORM_MODE, s->mode),
      "preset", G_TYPE_STRING, enum_nick (GST_TYPE_LOUD_NORM_PRESET,
          s->preset),
      "target", G_TYPE_DOUBLE, s->spec.target_lufs,
      "ceiling", G_TYPE_DOUBLE, s->spec.ceiling_dbtp,
      "tolerance", G_TYPE_DOUBLE, s->spec.tolerance_lu,
      "compliant", G_TYPE_BOOLEAN, compliant, NULL);
  if (gst_loud_norm_is_normalizing (s->mode))
    add_normalizing_fields (self, st, s);
  return st;
}

void
gst_loud_norm_post_final_report (GstLoudNorm * self,
    const GstLoudNormSettings * s)
{
  gchar *path = gst_loud_norm_report_location (self);
  GstStructure *st;
  GError *error = NULL;

  if (GST_AUDIO_INFO_RATE (&GST_AUDIO_FILTER (self)->info) == 0 ||
      !self->input_meter || (!s->post_messages && !path)) {
    g_free (path);
    return;
  }
  st = final_report_new (self, s);
  if (path && !gst_loud_norm_report_write_json (st, path, &error)) {
    GST_ELEMENT_WARNING (self, RESOURCE, OPEN_WRITE,
        ("Could not write the loudness report to %s", path),
        ("%s", error->message));
    g_clear_error (&error);
  }
  g_free (path);
  if (s->post_messages)
    post_structure (self, st);
  else
    gst_structure_free (st);
}
