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
 *   its loudness over #GstLoudNorm:window, frozen below #GstLoudNorm:gate,
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

#include "gstchannelweights.h"
#include "gstelementsettings.h"
#include "gstfloatcaps.h"

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

G_DEFINE_TYPE_WITH_CODE (GstLoudNorm, gst_loud_norm, GST_TYPE_AUDIO_FILTER,
    G_IMPLEMENT_INTERFACE (GST_TYPE_PRESET, gst_loud_norm_preset_init));
GST_ELEMENT_REGISTER_DEFINE (loudnorm, "loudnorm", GST_RANK_NONE,
    GST_TYPE_LOUD_NORM);

static void gst_loud_norm_finalize (GObject * object);
static gboolean gst_loud_norm_setup (GstAudioFilter * filter,
    const GstAudioInfo * info);
static gboolean gst_loud_norm_start (GstBaseTransform * trans);
static gboolean gst_loud_norm_stop (GstBaseTransform * trans);
static gboolean gst_loud_norm_sink_event (GstBaseTransform * trans,
    GstEvent * event);
static gboolean gst_loud_norm_query (GstBaseTransform * trans,
    GstPadDirection direction, GstQuery * query);
static GstFlowReturn gst_loud_norm_transform_ip (GstBaseTransform * trans,
    GstBuffer * buf);
static GstFlowReturn gst_loud_norm_generate_output (GstBaseTransform * trans,
    GstBuffer ** outbuf);
static void gst_loud_norm_request_reset (GstLoudNorm * self);
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

  if (g_once_init_enter (&type)) {
    GType t = g_enum_register_static ("GstLoudNormMode", values);
    g_once_init_leave (&type, t);
  }
  return type;
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
  trans_class->generate_output =
      GST_DEBUG_FUNCPTR (gst_loud_norm_generate_output);
  trans_class->sink_event = GST_DEBUG_FUNCPTR (gst_loud_norm_sink_event);
  trans_class->query = GST_DEBUG_FUNCPTR (gst_loud_norm_query);
  trans_class->start = GST_DEBUG_FUNCPTR (gst_loud_norm_start);
  trans_class->stop = GST_DEBUG_FUNCPTR (gst_loud_norm_stop);
  filter_class->setup = GST_DEBUG_FUNCPTR (gst_loud_norm_setup);

  gst_type_mark_as_plugin_api (GST_TYPE_LOUD_NORM_MODE, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_LOUD_NORM_PRESET, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_LOUD_NORM_POLICY, 0);
}

static void
gst_loud_norm_init (GstLoudNorm * self)
{
  gst_loud_norm_settings_init (&self->settings);
  g_mutex_init (&self->meter_lock);
  gst_base_transform_set_gap_aware (GST_BASE_TRANSFORM (self), TRUE);
}

static void
gst_loud_norm_finalize (GObject * object)
{
  GstLoudNorm *self = GST_LOUD_NORM (object);

  loudness_meter_free (self->input_meter);
  loudness_meter_free (self->output_meter);
  normalizer_free (self->normalizer);
  gst_kept_programme_clear (&self->kept);
  g_free (self->settings.report_location);
  g_mutex_clear (&self->meter_lock);
  G_OBJECT_CLASS (gst_loud_norm_parent_class)->finalize (object);
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

/* streaming thread: a new programme (and measurement) starts with the next
 * sample; nothing held back is kept */
static void
restart (GstLoudNorm * self, const GstAudioInfo * info)
{
  restart_measurement (self);
  gst_kept_programme_restart (&self->kept);
  gst_loud_norm_restart_gain (self, info);
  self->programme_frames = 0;
}

/* streaming thread: the output clock starts afresh at the next input
 * buffer, the gain goes on */
void
gst_loud_norm_restart_clock (GstLoudNorm * self, const GstAudioInfo * info)
{
  gst_delayed_output_restart (&self->output, GST_AUDIO_INFO_RATE (info),
      GST_AUDIO_INFO_BPF (info),
      self->normalizer ? normalizer_latency (self->normalizer) : 0);
  self->clock_frames = 0;
}

/* streaming thread: the gain and the output clock start afresh (not the
 * measurement, nor what file mode keeps) */
void
gst_loud_norm_restart_gain (GstLoudNorm * self, const GstAudioInfo * info)
{
  if (self->normalizer)
    normalizer_reset (self->normalizer);
  gst_loud_norm_restart_clock (self, info);
  self->gain_chosen = FALSE;
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
  gst_kept_programme_clear (&self->kept);
}

loudness_meter *
gst_loud_norm_meter_new (const GstAudioInfo * info)
{
  loudness_meter *meter = loudness_meter_new (GST_AUDIO_INFO_CHANNELS (info),
      GST_AUDIO_INFO_RATE (info));

  for (guint ch = 0; meter && ch < loudness_meter_channels (meter); ch++)
    loudness_meter_set_channel_weight (meter, ch,
        gst_channel_weights_get (info, ch));
  return meter;
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
  input = gst_loud_norm_meter_new (info);
  ok = input != NULL;

  if (gst_loud_norm_is_normalizing (s.mode)) {
    output = gst_loud_norm_meter_new (info);
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
  if (s.mode == GST_LOUD_NORM_MODE_FILE)
    gst_kept_programme_init (&self->kept, (guint64) s.max_memory_mib << 20,
        rate, GST_AUDIO_INFO_BPF (info));
  restart (self, info);
  if (n)
    gst_element_post_message (GST_ELEMENT (self),
        gst_message_new_latency (GST_OBJECT (self)));
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
  self->kept.source_checked = FALSE;
  return TRUE;
}

/* READY: the stream is over. What file mode kept is dropped with the
 * meters, so the next stream-start finds no programme to finish. */
static gboolean
gst_loud_norm_stop (GstBaseTransform * trans)
{
  GstLoudNorm *self = GST_LOUD_NORM (trans);

  free_state (self);
  self->programme_frames = 0;
  self->gain_chosen = FALSE;
  return TRUE;
}

/* End of a programme (EOS, a new stream, new caps): everything held back
 * goes out and the final report is posted. */
static GstFlowReturn
finish_programme (GstLoudNorm * self)
{
  GstLoudNormSettings s = gst_loud_norm_settings_snapshot (self);
  GstFlowReturn ret = GST_FLOW_OK;

  if (s.mode == GST_LOUD_NORM_MODE_FILE && self->programme_frames > 0)
    ret = gst_loud_norm_finish_file_programme (self, &s);
  else if (gst_loud_norm_is_normalizing (s.mode))
    ret = gst_loud_norm_drain (self, &s);
  gst_loud_norm_post_final_report (self, &s);
  /* the results stay readable until the next programme starts */
  self->programme_frames = 0;
  gst_kept_programme_restart (&self->kept);
  return ret;
}

static gboolean
gst_loud_norm_sink_event (GstBaseTransform * trans, GstEvent * event)
{
  GstLoudNorm *self = GST_LOUD_NORM (trans);
  gboolean normalizing =
      gst_loud_norm_is_normalizing (gst_loud_norm_current_mode (self));

  switch (GST_EVENT_TYPE (event)) {
    case GST_EVENT_EOS:
      finish_programme (self);
      break;
    case GST_EVENT_FLUSH_STOP:
      restart (self, &GST_AUDIO_FILTER (self)->info);
      break;
    case GST_EVENT_STREAM_START:
      /* a new stream is a new programme */
      if (normalizing && self->programme_frames > 0)
        finish_programme (self);
      if (normalizing)
        restart (self, &GST_AUDIO_FILTER (self)->info);
      break;
    case GST_EVENT_CAPS:
      /* the old format's frames go out before the new caps */
      if (normalizing && self->programme_frames > 0 &&
          gst_delayed_output_caps_change (trans, event))
        finish_programme (self);
      break;
    case GST_EVENT_GAP:
      if (!normalizing || self->programme_frames == 0)
        break;
      /* file mode: the next buffer's timestamp says where the hole ends,
       * and it is kept as silence; a GAP now would overtake the programme */
      if (gst_loud_norm_current_mode (self) == GST_LOUD_NORM_MODE_FILE) {
        gst_event_unref (event);
        return TRUE;
      }
      /* live: the audio still in the lookahead goes out before the GAP */
      gst_loud_norm_discontinuity (self);
      break;
    default:
      break;
  }
  return GST_BASE_TRANSFORM_CLASS (gst_loud_norm_parent_class)->sink_event
      (trans, event);
}

/* Live and linear modes add the limiter's lookahead to upstream's latency. */
static gboolean
gst_loud_norm_query (GstBaseTransform * trans, GstPadDirection direction,
    GstQuery * query)
{
  GstLoudNorm *self = GST_LOUD_NORM (trans);
  GstLoudNormMode mode = gst_loud_norm_current_mode (self);
  gint rate = GST_AUDIO_INFO_RATE (&GST_AUDIO_FILTER (self)->info);

  /* the sink asks for F32 where upstream can give it */
  if (direction == GST_PAD_SINK && GST_QUERY_TYPE (query) == GST_QUERY_CAPS) {
    gboolean answered =
        GST_BASE_TRANSFORM_CLASS (gst_loud_norm_parent_class)->query (trans,
        direction, query);
    if (answered)
      gst_float_caps_prefer_f32 (trans, query);
    return answered;
  }
  if (direction != GST_PAD_SRC || GST_QUERY_TYPE (query) != GST_QUERY_LATENCY
      || (mode != GST_LOUD_NORM_MODE_LIVE && mode != GST_LOUD_NORM_MODE_LINEAR)
      || !self->normalizer || rate == 0)
    return GST_BASE_TRANSFORM_CLASS (gst_loud_norm_parent_class)->query
        (trans, direction, query);

  return gst_delayed_output_answer_latency (trans, query,
      gst_util_uint64_scale_int_round (normalizer_latency (self->normalizer),
          GST_SECOND, rate));
}

static void
begin_buffer (GstLoudNorm * self, GstBuffer * buf)
{
  GstClockTime stream_time =
      gst_segment_to_stream_time (&GST_BASE_TRANSFORM (self)->segment,
      GST_FORMAT_TIME, GST_BUFFER_PTS (buf));

  if (g_atomic_int_compare_and_exchange (&self->reset_pending, 1, 0))
    restart_measurement (self);
  if (GST_CLOCK_TIME_IS_VALID (stream_time))
    gst_object_sync_values (GST_OBJECT (self), stream_time);
}

/* Measure mode: meters buffers that pass through untouched. */
static GstFlowReturn
gst_loud_norm_transform_ip (GstBaseTransform * trans, GstBuffer * buf)
{
  GstLoudNorm *self = GST_LOUD_NORM (trans);
  gint bpf = GST_AUDIO_INFO_BPF (&GST_AUDIO_FILTER (self)->info);
  gboolean gap = GST_BUFFER_FLAG_IS_SET (buf, GST_BUFFER_FLAG_GAP);
  GstLoudNormSettings s;
  GstMapInfo map = { 0 };

  if (G_UNLIKELY (!self->input_meter))
    return GST_FLOW_NOT_NEGOTIATED;
  begin_buffer (self, buf);
  s = gst_loud_norm_settings_snapshot (self);

  if (!gap && !gst_buffer_map (buf, &map, GST_MAP_READ)) {
    GST_ELEMENT_ERROR (self, STREAM, FAILED, ("Could not map a buffer"),
        (NULL));
    return GST_FLOW_ERROR;
  }
  gst_loud_norm_meter_and_post (self, self->input_meter, gap ? NULL : map.data,
      (gap ? gst_buffer_get_size (buf) : map.size) / bpf,
      GST_BUFFER_PTS (buf), &s);
  if (!gap)
    gst_buffer_unmap (buf, &map);
  return GST_FLOW_OK;
}

static GstFlowReturn
gst_loud_norm_generate_output (GstBaseTransform * trans, GstBuffer ** outbuf)
{
  GstLoudNorm *self = GST_LOUD_NORM (trans);
  GstBuffer *in = trans->queued_buf;
  GstLoudNormSettings s;

  if (gst_base_transform_is_passthrough (trans))
    return
        GST_BASE_TRANSFORM_CLASS (gst_loud_norm_parent_class)->generate_output
        (trans, outbuf);

  *outbuf = NULL;
  if (!in)
    return GST_FLOW_OK;
  trans->queued_buf = NULL;
  if (G_UNLIKELY (!self->normalizer)) {
    gst_buffer_unref (in);
    return GST_FLOW_NOT_NEGOTIATED;
  }
  begin_buffer (self, in);
  s = gst_loud_norm_settings_snapshot (self);
  if (s.mode == GST_LOUD_NORM_MODE_FILE &&
      gst_kept_programme_ends_at (&self->kept, in)) {
    GstFlowReturn ret;
    GST_INFO_OBJECT (self, "a hole of more than %" GST_TIME_FORMAT " before %"
        GST_TIME_FORMAT ": a new programme", GST_TIME_ARGS
        (GST_KEPT_PROGRAMME_MAX_HOLE), GST_TIME_ARGS (GST_BUFFER_PTS (in)));
    ret = finish_programme (self);
    restart (self, &GST_AUDIO_FILTER (self)->info);
    if (ret != GST_FLOW_OK) {
      gst_buffer_unref (in);
      return ret;
    }
  }
  if (s.mode == GST_LOUD_NORM_MODE_FILE)
    return gst_loud_norm_keep_programme (self, in);
  return gst_loud_norm_normalize_stream (self, in, outbuf, &s);
}
