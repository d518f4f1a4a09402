/* GStreamer mixmaster plug-in: loudnorm, EBU R128 loudness measurement and
 * normalization.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
/**
 * SECTION:element-loudnorm
 * @title: loudnorm
 *
 * Measures and normalizes loudness as ITU-R BS.1770-4 and EBU R128 define
 * it (EBU Tech 3341 "EBU Mode" meter, Tech 3342 loudness range, true peak
 * per BS.1770-4 Annex 2), at the stream's own sample rate and format.
 *
 * #GstLoudNorm:mode chooses what happens to the audio:
 *
 * * `live` (default): one pass for playout chains and live streams. An
 *   adaptive gain steers the programme to #GstLoudNorm:target, following
 *   its loudness over #GstLoudNorm:window, frozen below #GstLoudNorm:freeze-below,
 *   slew-limited by #GstLoudNorm:gain-rise and #GstLoudNorm:gain-fall; a
 *   lookahead true-peak limiter holds #GstLoudNorm:ceiling. The element
 *   reports the limiter's latency and drains it at EOS.
 * * `file`: exact two passes in one pipeline, for non-live sources. The
 *   whole input is kept (in memory up to #GstLoudNorm:max-memory, then in
 *   an anonymous temporary file), measured, and pushed out at EOS with one
 *   constant gain chosen by #GstLoudNorm:policy.
 * * `linear`: the second pass for input measured beforehand: one constant
 *   gain from #GstLoudNorm:measured-integrated and
 *   #GstLoudNorm:measured-true-peak.
 * * `measure`: the audio passes through untouched.
 *
 * Channel weights come from the caps' channel positions: front and centre
 * 1.0, surround (side, or the rear pair of 5.1) 1.41, LFE not measured.
 *
 * Every #GstLoudNorm:interval the element posts an element message named
 * `loudness`. Its loudness fields describe the element's output (the input
 * in measure mode):
 *
 * * #GstClockTime `timestamp`: buffer time of the interval's first sample
 * * #GstClockTime `stream-time`, `running-time`: the same in stream and
 *   running time
 * * #GstClockTime `duration`: the interval's length; the values include every
 *   sample up to `timestamp` + `duration`
 * * #gdouble `momentary`, `short-term`: latest 400 ms and 3 s loudness, LUFS
 * * #gdouble `integrated`: gated programme loudness so far, LUFS
 * * #gdouble `loudness-range`: LRA so far, LU
 * * #gdouble `max-momentary`, `max-short-term`: maxima so far, LUFS
 * * #GstValueArray of #gdouble `true-peak` (dBTP) and `sample-peak` (dBFS):
 *   per channel, maxima so far
 * * #gdouble `gain` (dB, the gain applied now) and `limiter-reduction` (dB):
 *   when normalizing
 * * #gchararray `leveler`: in live mode, `waiting`, `leveling`,
 *   `frozen-quiet` or `frozen-under-programme` (why the gain is not moving)
 * * #gboolean `final`: %FALSE
 *
 * Before EOS goes downstream it posts one more `loudness` message with
 * `final` = %TRUE over the whole stream, with also: `mode`, `preset`,
 * `target`, `ceiling`, `tolerance`, `compliant` (output within the
 * tolerance of the target and under the ceiling, and for `ebu-r128-s1`
 * max short-term at most -18 LUFS) and, when normalizing,
 * `input-integrated`, `input-loudness-range`, `input-true-peak`,
 * `input-threshold`, `threshold`, `gain`, `max-limiter-reduction`,
 * `policy` and `reason`. #GstLoudNorm:report-location writes the same
 * fields as JSON.
 *
 * Loudness values are -inf (never NaN) where nothing measurable was seen.
 * A flushing seek or new caps start a new measurement, and so does the
 * #GstLoudNorm::reset action signal.
 *
 * ## Example launch lines
 * |[
 * gst-launch-1.0 -m audiotestsrc wave=sine freq=997 volume=0.0708 num-buffers=200 ! \
 *     audio/x-raw,channels=2 ! loudnorm mode=measure ! fakesink
 * ]|
 * A 997 Hz sine at -23 dBFS peak in both channels: the messages read
 * `integrated` -23.0 LUFS and `true-peak` -23.0 dBTP per channel.
 * |[
 * gst-launch-1.0 filesrc location=in.wav ! decodebin ! audioconvert ! \
 *     loudnorm mode=file preset=streaming ! wavenc ! filesink location=out.wav
 * ]|
 * Two-pass normalization to -14 LUFS, -1 dBTP in one pipeline.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstloudnormprivate.h"

#include <math.h>
#include <string.h>

#include "gstchannelweights.h"
#include "gstdelayedoutput.h"
#include "gstelementsettings.h"
#include "gstenumtype.h"
#include "gstmetermessage.h"

GST_DEBUG_CATEGORY (gst_loud_norm_debug);

enum
{
  SIGNAL_RESET,
  LAST_SIGNAL
};

static guint signals[LAST_SIGNAL];

#define ALLOWED_CAPS \
    "audio/x-raw, "                                                    \
    "format = (string) { " GST_AUDIO_NE (F32) ", " GST_AUDIO_NE (F64) " }, " \
    "rate = (int) [ 8000, 384000 ], "                                  \
    "channels = (int) [ 1, 8 ], "                                      \
    "layout = (string) interleaved"

/* User presets (GstPreset's files): loading one sets every property it
 * holds; then only the values that differ from its chosen preset count as
 * set explicitly. */
static void
settle_loaded_preset (GstPreset * preset)
{
  gst_loud_norm_settings_forget_explicit (&GST_LOUD_NORM (preset)->settings);
}

static gboolean
gst_loud_norm_load_preset (GstPreset * preset, const gchar * name)
{
  return gst_element_settings_load_user_preset (preset, name,
      settle_loaded_preset);
}

static void
gst_loud_norm_preset_init (GstPresetInterface * iface)
{
  iface->get_property_names = gst_element_settings_preset_properties;
  iface->load_preset = gst_loud_norm_load_preset;
}

G_DEFINE_TYPE_WITH_CODE (GstLoudNorm, gst_loud_norm, GST_TYPE_LOOKAHEAD_FILTER,
    G_IMPLEMENT_INTERFACE (GST_TYPE_PRESET, gst_loud_norm_preset_init));
GST_ELEMENT_REGISTER_DEFINE (loudnorm, "loudnorm", GST_RANK_NONE,
    GST_TYPE_LOUD_NORM);

static void gst_loud_norm_finalize (GObject * object);
static gboolean gst_loud_norm_setup (GstAudioFilter * filter,
    const GstAudioInfo * info);
static gboolean gst_loud_norm_start (GstBaseTransform * trans);
static gboolean gst_loud_norm_stop (GstBaseTransform * trans);
static GstFlowReturn gst_loud_norm_transform_ip (GstBaseTransform * trans,
    GstBuffer * buf);
static void gst_loud_norm_request_reset (GstLoudNorm * self);
static void gst_loud_norm_install_lookahead (GstLookaheadFilterClass *
    lookahead_class);

GType
gst_loud_norm_mode_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {GST_LOUD_NORM_MODE_MEASURE,
        "Measure only: pass the audio through untouched", "measure"},
    {GST_LOUD_NORM_MODE_LIVE, "One pass: adaptive gain to the target, "
          "true-peak limiter", "live"},
    {GST_LOUD_NORM_MODE_FILE, "Two passes in one pipeline: keep the whole "
          "input, then one constant gain (non-live sources)", "file"},
    {GST_LOUD_NORM_MODE_LINEAR, "Second pass: one constant gain from the "
          "measured-* properties", "linear"},
    {0, NULL, NULL},
  };

  return gst_enum_type_once (&type, "GstLoudNormMode", values);
}

static void
gst_loud_norm_class_init (GstLoudNormClass * klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseTransformClass *trans_class = GST_BASE_TRANSFORM_CLASS (klass);
  GstAudioFilterClass *filter_class = GST_AUDIO_FILTER_CLASS (klass);
  GstCaps *caps;

  GST_DEBUG_CATEGORY_INIT (gst_loud_norm_debug, "loudnorm", 0,
      "EBU R128 loudness measurement and normalization");

  gobject_class->set_property = gst_loud_norm_set_property;
  gobject_class->get_property = gst_loud_norm_get_property;
  gobject_class->finalize = gst_loud_norm_finalize;

  gst_loud_norm_install_properties (gobject_class);

  /**
   * GstLoudNorm::reset:
   * @loudnorm: the element
   *
   * Starts a new measurement with the next buffer: integrated loudness,
   * loudness range, maxima and peaks forget everything before it. Safe to
   * emit from any thread.
   */
  signals[SIGNAL_RESET] = g_signal_new_class_handler ("reset",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
      G_CALLBACK (gst_loud_norm_request_reset), NULL, NULL, NULL,
      G_TYPE_NONE, 0);

  gst_element_class_set_static_metadata (element_class,
      "Loudness normalizer", "Filter/Effect/Audio",
      "Measures and normalizes loudness per ITU-R BS.1770-4 and EBU R128: "
      "live, two-pass and linear, with a true-peak ceiling",
      "mixmaster developers");

  caps = gst_caps_from_string (ALLOWED_CAPS);
  gst_audio_filter_class_add_pad_templates (filter_class, caps);
  gst_caps_unref (caps);

  trans_class->transform_ip = GST_DEBUG_FUNCPTR (gst_loud_norm_transform_ip);
  /* measure mode meters buffers it passes through untouched */
  trans_class->transform_ip_on_passthrough = TRUE;
  trans_class->start = GST_DEBUG_FUNCPTR (gst_loud_norm_start);
  trans_class->stop = GST_DEBUG_FUNCPTR (gst_loud_norm_stop);
  filter_class->setup = GST_DEBUG_FUNCPTR (gst_loud_norm_setup);
  gst_loud_norm_install_lookahead (GST_LOOKAHEAD_FILTER_CLASS (klass));

  gst_type_mark_as_plugin_api (GST_TYPE_LOUD_NORM_MODE, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_LOUD_NORM_PRESET, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_LOUD_NORM_POLICY, 0);
}

static void
gst_loud_norm_init (GstLoudNorm * self)
{
  gst_loud_norm_settings_init (&self->settings);
  g_mutex_init (&self->meter_lock);
}

static void
gst_loud_norm_finalize (GObject * object)
{
  GstLoudNorm *self = GST_LOUD_NORM (object);

  loudness_meter_free (self->input_meter);
  loudness_meter_free (self->output_meter);
  normalizer_free (self->normalizer);
  g_free (self->settings.report_location);
  g_mutex_clear (&self->meter_lock);
  G_OBJECT_CLASS (gst_loud_norm_parent_class)->finalize (object);
}

static const GstAudioInfo *
info_of (GstLoudNorm * self)
{
  return &GST_AUDIO_FILTER (self)->info;
}

/* streaming thread: a new measurement starts with the next sample */
static void
restart_measurement (GstLoudNorm * self)
{
  g_mutex_lock (&self->meter_lock);
  if (self->input_meter)
    loudness_meter_reset (self->input_meter);
  if (self->output_meter)
    loudness_meter_reset (self->output_meter);
  g_mutex_unlock (&self->meter_lock);
  self->interval.frames_left = 0;
  self->measure_start = GST_CLOCK_TIME_NONE;
}

/* any thread: the "reset" action signal's handler */
static void
gst_loud_norm_request_reset (GstLoudNorm * self)
{
  g_atomic_int_set (&self->reset_pending, 1);
}

static void
free_state (GstLoudNorm * self)
{
  g_mutex_lock (&self->meter_lock);
  g_clear_pointer (&self->input_meter, loudness_meter_free);
  g_clear_pointer (&self->output_meter, loudness_meter_free);
  g_mutex_unlock (&self->meter_lock);
  g_clear_pointer (&self->normalizer, normalizer_free);
}

static loudness_meter *
meter_new (const GstAudioInfo * info)
{
  loudness_meter *meter = loudness_meter_new (GST_AUDIO_INFO_CHANNELS (info),
      GST_AUDIO_INFO_RATE (info));

  for (guint ch = 0; meter && ch < loudness_meter_channels (meter); ch++)
    loudness_meter_set_channel_weight (meter, ch,
        gst_channel_weights_get (info, ch));
  return meter;
}

static GstLookaheadPass
pass_of (GstLoudNormMode mode)
{
  switch (mode) {
    case GST_LOUD_NORM_MODE_MEASURE:
      return GST_LOOKAHEAD_PASS_THROUGH;
    case GST_LOUD_NORM_MODE_FILE:
      return GST_LOOKAHEAD_PASS_KEEP;
    default:
      return GST_LOOKAHEAD_PASS_STREAM;
  }
}

static gboolean
gst_loud_norm_setup (GstAudioFilter * filter, const GstAudioInfo * info)
{
  GstLoudNorm *self = GST_LOUD_NORM (filter);
  GstLoudNormSettings s = gst_loud_norm_settings_snapshot (self);
  guint channels = GST_AUDIO_INFO_CHANNELS (info);
  gint rate = GST_AUDIO_INFO_RATE (info);
  loudness_meter *input, *output = NULL;
  normalizer *n = NULL;
  gboolean ok;

  /* the same caps again: keep what is measured and held back */
  if (self->input_meter && gst_audio_info_is_equal (info, &filter->info))
    return TRUE;
  input = meter_new (info);
  ok = input != NULL;

  if (gst_loud_norm_is_normalizing (s.mode)) {
    output = meter_new (info);
    n = normalizer_new (channels, rate, LOOKAHEAD_MS,
        s.mode == GST_LOUD_NORM_MODE_LIVE ? s.gain_lookahead_s : 0.0);
    ok = ok && output && n;
  }
  if (!ok) {
    loudness_meter_free (input);
    loudness_meter_free (output);
    normalizer_free (n);
    GST_ELEMENT_ERROR (self, RESOURCE, FAILED,
        ("Could not allocate the loudness meters for %u channels at %d Hz",
            channels, rate), (NULL));
    return FALSE;
  }

  free_state (self);
  g_mutex_lock (&self->meter_lock);
  self->input_meter = input;
  self->output_meter = output;
  g_mutex_unlock (&self->meter_lock);
  self->normalizer = n;
  gst_lookahead_filter_prepare (GST_LOOKAHEAD_FILTER (self), info,
      pass_of (s.mode), s.common.max_memory_mib);
  GST_DEBUG_OBJECT (self, "%u channels at %d Hz, latency %" G_GSIZE_FORMAT
      " frames", channels, rate, n ? normalizer_latency (n) : 0);
  return TRUE;
}

static gboolean
gst_loud_norm_start (GstBaseTransform * trans)
{
  GstLoudNorm *self = GST_LOUD_NORM (trans);

  gst_base_transform_set_passthrough (trans,
      !gst_loud_norm_is_normalizing (gst_loud_norm_current_mode (self)));
  return GST_BASE_TRANSFORM_CLASS (gst_loud_norm_parent_class)->start (trans);
}

/* READY: the stream is over; the meters go with it. */
static gboolean
gst_loud_norm_stop (GstBaseTransform * trans)
{
  GstLoudNorm *self = GST_LOUD_NORM (trans);

  free_state (self);
  self->gain_chosen = FALSE;
  return GST_BASE_TRANSFORM_CLASS (gst_loud_norm_parent_class)->stop (trans);
}

/* The `loudness` message's structure with the meter's current results
 * (see the SECTION block for the fields). Streaming thread. */
static GstStructure *
measurements_new (GstLoudNorm * self, const loudness_meter * meter,
    GstClockTime timestamp, GstClockTime duration, gboolean final)
{
  GstStructure *s = gst_meter_message_structure_new (GST_BASE_TRANSFORM
      (self), "loudness", timestamp, duration);

  g_mutex_lock (&self->meter_lock);
  gst_loudness_report_set_measurements (s, meter);
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

static void
feed_meter (GstLoudNorm * self, loudness_meter * meter, const guint8 * data,
    guint64 frames)
{
  g_mutex_lock (&self->meter_lock);
  if (!data)
    loudness_meter_add_silence (meter, frames);
  else if (GST_AUDIO_INFO_FORMAT (info_of (self)) == GST_AUDIO_FORMAT_F64)
    loudness_meter_add_f64 (meter, (const double *) data, frames);
  else
    loudness_meter_add_f32 (meter, (const float *) data, frames);
  g_mutex_unlock (&self->meter_lock);
}

/* Feeds `frames` (NULL data: silence) starting at time `start` to the meter
 * that the messages describe, posting a message at every interval's end.
 * Splits at interval boundaries so none is skipped, as level does. */
static void
meter_and_post (GstLoudNorm * self, loudness_meter * meter,
    const guint8 * data, guint64 frames, GstClockTime start)
{
  const GstLoudNormSettings *s = &self->applied;
  gint rate = GST_AUDIO_INFO_RATE (info_of (self));
  gint bpf = GST_AUDIO_INFO_BPF (info_of (self));

  if (!GST_CLOCK_TIME_IS_VALID (self->measure_start))
    self->measure_start = start;
  for (guint64 offset = 0; offset < frames;) {
    guint64 n =
        gst_meter_interval_span (&self->interval, s->common.interval, rate,
        gst_delayed_output_frame_time (start, offset, rate), frames - offset);
    feed_meter (self, meter, data ? data + offset * bpf : NULL, n);
    offset += n;
    if (gst_meter_interval_advance (&self->interval, n) &&
        s->common.post_messages)
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
add_normalizing_fields (GstLoudNorm * self, GstStructure * st)
{
  const GstLoudNormSettings *s = &self->applied;
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
      gst_loudness_report_max_true_peak (self->input_meter),
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
final_report_new (GstLoudNorm * self)
{
  const GstLoudNormSettings *s = &self->applied;
  gint rate = GST_AUDIO_INFO_RATE (info_of (self));
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
      gst_loudness_report_max_true_peak (meter),
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
    add_normalizing_fields (self, st);
  return st;
}

/* Before EOS (and at every programme's end): the final report, posted and
 * written where report-location says. The results stay readable until the
 * next programme starts. */
static void
post_final_report (GstLookaheadFilter * filter)
{
  GstLoudNorm *self = GST_LOUD_NORM (filter);
  gchar *path = gst_loud_norm_report_location (self);
  GstStructure *st;
  GError *error = NULL;

  self->applied = gst_loud_norm_settings_snapshot (self);
  if (GST_AUDIO_INFO_RATE (info_of (self)) == 0 || !self->input_meter ||
      (!self->applied.common.post_messages && !path)) {
    g_free (path);
    return;
  }
  st = final_report_new (self);
  if (path && !gst_loudness_report_write_json (st, path, &error)) {
    GST_ELEMENT_WARNING (self, RESOURCE, OPEN_WRITE,
        ("Could not write the loudness report to %s", path),
        ("%s", error->message));
    g_clear_error (&error);
  }
  g_free (path);
  if (self->applied.common.post_messages)
    post_structure (self, st);
  else
    gst_structure_free (st);
}

/* Every buffer: a pending reset, and the settings' copy. */
static void
begin_buffer (GstLookaheadFilter * filter, G_GNUC_UNUSED GstBuffer * in)
{
  GstLoudNorm *self = GST_LOUD_NORM (filter);

  if (g_atomic_int_compare_and_exchange (&self->reset_pending, 1, 0))
    restart_measurement (self);
  self->applied = gst_loud_norm_settings_snapshot (self);
}

/* Measure mode: meters buffers that pass through untouched. */
static GstFlowReturn
gst_loud_norm_transform_ip (GstBaseTransform * trans, GstBuffer * buf)
{
  GstLoudNorm *self = GST_LOUD_NORM (trans);
  gint bpf = GST_AUDIO_INFO_BPF (info_of (self));
  gboolean gap = GST_BUFFER_FLAG_IS_SET (buf, GST_BUFFER_FLAG_GAP);
  GstMapInfo map = { 0 };

  if (G_UNLIKELY (!self->input_meter))
    return GST_FLOW_NOT_NEGOTIATED;
  gst_lookahead_filter_begin_buffer (GST_LOOKAHEAD_FILTER (self), buf);
  if (!gap && !gst_buffer_map (buf, &map, GST_MAP_READ)) {
    GST_ELEMENT_ERROR (self, STREAM, FAILED, ("Could not map a buffer"),
        (NULL));
    return GST_FLOW_ERROR;
  }
  meter_and_post (self, self->input_meter, gap ? NULL : map.data,
      (gap ? gst_buffer_get_size (buf) : map.size) / bpf, GST_BUFFER_PTS (buf));
  if (!gap)
    gst_buffer_unmap (buf, &map);
  return GST_FLOW_OK;
}

static guint64
delay (GstLookaheadFilter * filter)
{
  GstLoudNorm *self = GST_LOUD_NORM (filter);

  return self->normalizer ? normalizer_latency (self->normalizer) : 0;
}

/* A new programme: the measurement and the gain start again. */
static void
reset (GstLookaheadFilter * filter)
{
  GstLoudNorm *self = GST_LOUD_NORM (filter);

  restart_measurement (self);
  if (self->normalizer)
    normalizer_reset (self->normalizer);
  self->gain_chosen = FALSE;
}

/* Linear mode: the constant gain from the measured-* properties. FALSE
 * (after an error) when they are missing. */
static gboolean
choose_linear_gain (GstLoudNorm * self)
{
  const GstLoudNormSettings *s = &self->applied;

  if (!isfinite (s->measured_integrated) || !isfinite (s->measured_true_peak)) {
    GST_ELEMENT_ERROR (self, LIBRARY, SETTINGS,
        ("mode=linear needs measured-integrated and measured-true-peak "
            "from a first pass (for example loudnorm mode=measure, or "
            "gst-loudnorm --measure-only)"),
        ("measured-integrated %f, measured-true-peak %f",
            s->measured_integrated, s->measured_true_peak));
    return FALSE;
  }
  self->plan = normalization_plan_make ((normalization_policy) s->policy,
      s->spec.target_lufs, s->spec.ceiling_dbtp, s->measured_integrated,
      s->measured_true_peak);
  normalizer_set_gain_db (self->normalizer, self->plan.gain_db);
  return TRUE;
}

/* Live and linear modes, before each buffer. */
static gboolean
apply_settings (GstLookaheadFilter * filter)
{
  GstLoudNorm *self = GST_LOUD_NORM (filter);

  normalizer_set_ceiling_db (self->normalizer, self->applied.spec.ceiling_dbtp);
  if (self->applied.mode == GST_LOUD_NORM_MODE_LIVE) {
    normalizer_set_leveling (self->normalizer, &self->applied.leveler);
  } else if (!choose_linear_gain (self)) {
    return FALSE;
  } else if (!self->gain_chosen) {
    /* the first gain applies at once, later changes ramp */
    normalizer_reset (self->normalizer);
    self->gain_chosen = TRUE;
  }
  return TRUE;
}

/* Gain and limiter over mapped frames. Live and linear input is measured
 * first (and so feeds the live leveler); a trial's output is measured
 * after its lookahead. */
static void
process (GstLookaheadFilter * filter, guint8 * data, guint64 frames,
    G_GNUC_UNUSED GstClockTime time, GstLookaheadRun run)
{
  GstLoudNorm *self = GST_LOUD_NORM (filter);
  gint bpf = GST_AUDIO_INFO_BPF (info_of (self));
  loudness_meter *input = run == GST_LOOKAHEAD_RUN_INPUT ?
      self->input_meter : NULL;
  guint64 skip;

  g_mutex_lock (&self->meter_lock);
  if (GST_AUDIO_INFO_FORMAT (info_of (self)) == GST_AUDIO_FORMAT_F64)
    normalizer_process_f64 (self->normalizer, input, (double *) data, frames);
  else
    normalizer_process_f32 (self->normalizer, input, (float *) data, frames);
  g_mutex_unlock (&self->meter_lock);
  if (run != GST_LOOKAHEAD_RUN_TRIAL)
    return;
  skip = MIN (self->trial_skip, frames);
  self->trial_skip -= skip;
  feed_meter (self, self->trial_meter, data + skip * bpf, frames - skip);
}

/* What leaves the element is measured: the messages describe it. */
static void
output (GstLookaheadFilter * filter, const guint8 * data, guint64 frames,
    GstClockTime time)
{
  GstLoudNorm *self = GST_LOUD_NORM (filter);

  meter_and_post (self, self->output_meter, data, frames, time);
}

/* File mode: what was kept is measured. */
static void
kept (GstLookaheadFilter * filter, const guint8 * data, guint64 frames)
{
  GstLoudNorm *self = GST_LOUD_NORM (filter);

  feed_meter (self, self->input_meter, data, frames);
}

static void
begin_render (GstLookaheadFilter * filter, gdouble gain_db, GstLookaheadRun run)
{
  GstLoudNorm *self = GST_LOUD_NORM (filter);

  normalizer_set_ceiling_db (self->normalizer, self->applied.spec.ceiling_dbtp);
  normalizer_set_gain_db (self->normalizer, gain_db);
  normalizer_reset (self->normalizer);
  if (run != GST_LOOKAHEAD_RUN_TRIAL)
    return;
  loudness_meter_reset (self->trial_meter);
  self->trial_skip = normalizer_latency (self->normalizer);
}

static gdouble
trial_loudness (GstLookaheadFilter * filter)
{
  return loudness_meter_integrated (GST_LOUD_NORM (filter)->trial_meter);
}

/* File mode, policies that limit: the limiter takes a little loudness off
 * the peaks it holds, so the gain that reaches the target through it is
 * searched over trial renders, up to the most a plan applies (no more than
 * 12 dB of limiting on the highest peak). A search that ends short of the
 * target makes the plan MISSED, and its reason says by how much. */
static void
search_limited_gain (GstLoudNorm * self)
{
  gdouble most = normalization_plan_max_gain_db (&self->plan);
  gain_search_result found = { MIN (self->plan.gain_db, most), -INFINITY, 0 };

  self->trial_meter = meter_new (info_of (self));
  if (self->trial_meter)
    found = gst_lookahead_filter_search_gain (GST_LOOKAHEAD_FILTER (self),
        self->applied.spec.target_lufs, found.gain_db, most,
        GAIN_SEARCH_TOLERANCE, GAIN_SEARCH_MAX_TRIALS);
  g_clear_pointer (&self->trial_meter, loudness_meter_free);
  normalization_plan_searched (&self->plan, found.gain_db,
      found.loudness_lufs, TARGET_MISS_LU);
}

/* File mode at the end of a programme: chooses the gain and pushes the
 * programme out. */
static GstFlowReturn
finish_kept (GstLookaheadFilter * filter)
{
  GstLoudNorm *self = GST_LOUD_NORM (filter);
  const GstLoudNormSettings *s = &self->applied;
  gdouble integrated, true_peak;

  self->applied = gst_loud_norm_settings_snapshot (self);
  g_mutex_lock (&self->meter_lock);
  integrated = loudness_meter_integrated (self->input_meter);
  true_peak = gst_loudness_report_max_true_peak (self->input_meter);
  g_mutex_unlock (&self->meter_lock);
  self->plan = normalization_plan_make ((normalization_policy) s->policy,
      s->spec.target_lufs, s->spec.ceiling_dbtp, integrated, true_peak);
  if (self->plan.outcome == NORMALIZATION_LIMITED)
    search_limited_gain (self);
  GST_INFO_OBJECT (self, "input %.2f LUFS, %.2f dBTP: gain %+.3f dB",
      integrated, true_peak, self->plan.gain_db);
  return gst_lookahead_filter_render (filter, self->plan.gain_db,
      GST_LOOKAHEAD_RUN_RENDER);
}

static void
gst_loud_norm_install_lookahead (GstLookaheadFilterClass * lookahead_class)
{
  lookahead_class->keep_pass_name = "loudnorm mode=file";
  lookahead_class->delay = delay;
  lookahead_class->begin_buffer = begin_buffer;
  lookahead_class->apply_settings = apply_settings;
  lookahead_class->process = process;
  lookahead_class->output = output;
  lookahead_class->kept = kept;
  lookahead_class->reset = reset;
  lookahead_class->begin_render = begin_render;
  lookahead_class->trial_loudness = trial_loudness;
  lookahead_class->finish_kept = finish_kept;
  lookahead_class->programme_ended = post_final_report;
}
