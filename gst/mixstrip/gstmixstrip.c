/* GStreamer mixmaster plug-in: mixstrip, a mixing-console channel strip.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
/**
 * SECTION:element-mixstrip
 * @title: mixstrip
 *
 * The channel strip of a mixing console for one track, so that a mix is
 * `N × (source ! mixstrip) ! audiomixer`. In this order:
 *
 * trim → polarity → high-pass / low-pass → gate/expander → 4-band EQ →
 * compressor → reverb (insert, wet/dry) → pan / width → fader → mute →
 * meters.
 *
 * Mono or stereo in (F32 or F64, 8–384 kHz); stereo out, a mono track
 * placed by #GstMixStrip:pan-law, unless downstream accepts only mono.
 * Every continuous property is controllable and smoothed over 20 ms, so
 * changes and automation never click. With the defaults a stereo track
 * passes through unchanged. There is no latency.
 *
 * Every #GstMixStrip:interval the element posts an element message named
 * `mixstrip` with #GstClockTime `timestamp`, `stream-time`, `running-time`
 * and `duration`, and #GstValueArray of #gdouble `peak` and `rms` (dBFS,
 * per output channel, over the interval) and #gdouble `gate-reduction` and
 * `comp-reduction` (dB, the largest in the interval).
 *
 * ## Example launch line
 * |[
 * gst-launch-1.0 -m audiotestsrc wave=pink-noise num-buffers=100 ! \
 *     audio/x-raw,channels=1 ! mixstrip highpass=80 eq-high-mid-gain=3 \
 *     comp-threshold=-30 comp-ratio=4 pan=-0.5 ! autoaudiosink
 * ]|
 * Pink noise through a high-pass, a presence boost and a 4:1 compressor,
 * placed left of centre; the `mixstrip` messages show the compressor's
 * reduction.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstmixstrip.h"

#include <gst/audio/audio.h>
#include <math.h>
#include <string.h>

#include "gstdelayedoutput.h"
#include "gstelementsettings.h"
#include "gstenumtype.h"
#include "gstmetermessage.h"
#include "gstmixstripprops.h"
#include "strip.h"

struct _GstMixStrip
{
  GstBaseTransform parent;

  /* properties, object lock */
  strip_params params;
  GstCommonSettings common;

  /* streaming thread */
  strip *strip;
  strip_params applied;
  GstAudioInfo in_info, out_info;
  GstMeterInterval message_interval;
};

GST_DEBUG_CATEGORY_STATIC (gst_mix_strip_debug);
#define GST_CAT_DEFAULT gst_mix_strip_debug


enum
{
  PROP_0,
  /* 1 .. gst_mix_strip_n_double_props: the table's doubles */
  PROP_INVERT_POLARITY = 1000,
  PROP_HIGHPASS_SLOPE,
  PROP_COMP_DETECTOR,
  PROP_MUTE,
};

#define CAPS(channels) \
    "audio/x-raw, "                                                    \
    "format = (string) { " GST_AUDIO_NE (F32) ", " GST_AUDIO_NE (F64) " }, " \
    "rate = (int) [ 8000, 384000 ], "                                  \
    "channels = (int) " channels ", "                                  \
    "layout = (string) interleaved"

static GstStaticPadTemplate sink_template = GST_STATIC_PAD_TEMPLATE ("sink",
    GST_PAD_SINK, GST_PAD_ALWAYS, GST_STATIC_CAPS (CAPS ("[ 1, 2 ]")));
static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE ("src",
    GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS (CAPS ("[ 1, 2 ]")));

static void
gst_mix_strip_preset_init (GstPresetInterface * iface)
{
  iface->get_property_names = gst_element_settings_preset_properties;
}

G_DEFINE_TYPE_WITH_CODE (GstMixStrip, gst_mix_strip, GST_TYPE_BASE_TRANSFORM,
    G_IMPLEMENT_INTERFACE (GST_TYPE_PRESET, gst_mix_strip_preset_init));
GST_ELEMENT_REGISTER_DEFINE (mixstrip, "mixstrip", GST_RANK_NONE,
    GST_TYPE_MIX_STRIP);

GType
gst_mix_strip_slope_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {GST_MIX_STRIP_SLOPE_12, "12 dB per octave", "12"},
    {GST_MIX_STRIP_SLOPE_24, "24 dB per octave", "24"},
    {GST_MIX_STRIP_SLOPE_36, "36 dB per octave", "36"},
    {GST_MIX_STRIP_SLOPE_48, "48 dB per octave", "48"},
    {0, NULL, NULL},
  };

  return gst_enum_type_once (&type, "GstMixStripSlope", values);
}

GType
gst_mix_strip_detector_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {GST_MIX_STRIP_DETECTOR_PEAK, "Peak: the largest sample of the channels",
        "peak"},
    {GST_MIX_STRIP_DETECTOR_RMS, "RMS over 10 ms", "rms"},
    {0, NULL, NULL},
  };

  return gst_enum_type_once (&type, "GstMixStripDetector", values);
}

static void
gst_mix_strip_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  GstMixStrip *self = GST_MIX_STRIP (object);

  GST_OBJECT_LOCK (self);
  if (!gst_double_props_set_value (&self->params, gst_mix_strip_double_props,
          gst_mix_strip_n_double_props, prop_id, value) &&
      !gst_common_settings_set (&self->common, prop_id, value)) {
    switch (prop_id) {
      case PROP_INVERT_POLARITY:
        self->params.invert_polarity = g_value_get_boolean (value);
        break;
      case PROP_HIGHPASS_SLOPE:
        self->params.highpass_sections = g_value_get_enum (value);
        break;
      case PROP_COMP_DETECTOR:
        self->params.compressor.detector = g_value_get_enum (value) ==
            GST_MIX_STRIP_DETECTOR_RMS ? DYNAMICS_DETECT_RMS :
            DYNAMICS_DETECT_PEAK;
        break;
      case PROP_MUTE:
        self->params.mute = g_value_get_boolean (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
        break;
    }
  }
  GST_OBJECT_UNLOCK (self);
}

static void
gst_mix_strip_get_property (GObject * object, guint prop_id, GValue * value,
    GParamSpec * pspec)
{
  GstMixStrip *self = GST_MIX_STRIP (object);

  GST_OBJECT_LOCK (self);
  if (!gst_double_props_get_value (&self->params, gst_mix_strip_double_props,
          gst_mix_strip_n_double_props, prop_id, value) &&
      !gst_common_settings_get (&self->common, prop_id, value)) {
    switch (prop_id) {
      case PROP_INVERT_POLARITY:
        g_value_set_boolean (value, self->params.invert_polarity);
        break;
      case PROP_HIGHPASS_SLOPE:
        g_value_set_enum (value, self->params.highpass_sections);
        break;
      case PROP_COMP_DETECTOR:
        g_value_set_enum (value, self->params.compressor.detector ==
            DYNAMICS_DETECT_RMS ? GST_MIX_STRIP_DETECTOR_RMS :
            GST_MIX_STRIP_DETECTOR_PEAK);
        break;
      case PROP_MUTE:
        g_value_set_boolean (value, self->params.mute);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
        break;
    }
  }
  GST_OBJECT_UNLOCK (self);
}

static void
install_properties (GObjectClass * gobject_class)
{
  strip_params defaults = strip_params_default ();

  gst_double_props_install (gobject_class, gst_mix_strip_double_props,
      gst_mix_strip_n_double_props, &defaults);
  g_object_class_install_property (gobject_class, PROP_INVERT_POLARITY,
      g_param_spec_boolean ("invert-polarity", "Invert polarity",
          "Turn the signal upside down (ramped, no click)", FALSE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | GST_PARAM_CONTROLLABLE));
  g_object_class_install_property (gobject_class, PROP_HIGHPASS_SLOPE,
      g_param_spec_enum ("highpass-slope", "High-pass slope",
          "Butterworth slope of the high-pass, dB per octave",
          GST_TYPE_MIX_STRIP_SLOPE, GST_MIX_STRIP_SLOPE_24,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (gobject_class, PROP_COMP_DETECTOR,
      g_param_spec_enum ("comp-detector", "Compressor detector",
          "The level the compressor's gain computer sees",
          GST_TYPE_MIX_STRIP_DETECTOR, GST_MIX_STRIP_DETECTOR_PEAK,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (gobject_class, PROP_MUTE,
      g_param_spec_boolean ("mute", "Mute", "Silence the output (ramped over "
          "20 ms)", FALSE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_CONTROLLABLE));
  gst_common_settings_install (gobject_class, "mixstrip", FALSE, FALSE);
}

static void gst_mix_strip_finalize (GObject * object);
static GstCaps *gst_mix_strip_transform_caps (GstBaseTransform * trans,
    GstPadDirection direction, GstCaps * caps, GstCaps * filter);
static GstCaps *gst_mix_strip_fixate_caps (GstBaseTransform * trans,
    GstPadDirection direction, GstCaps * caps, GstCaps * othercaps);
static gboolean gst_mix_strip_set_caps (GstBaseTransform * trans,
    GstCaps * incaps, GstCaps * outcaps);
static gboolean gst_mix_strip_get_unit_size (GstBaseTransform * trans,
    GstCaps * caps, gsize * size);
static gboolean gst_mix_strip_stop (GstBaseTransform * trans);
static gboolean gst_mix_strip_sink_event (GstBaseTransform * trans,
    GstEvent * event);
static GstFlowReturn gst_mix_strip_transform (GstBaseTransform * trans,
    GstBuffer * inbuf, GstBuffer * outbuf);
static GstFlowReturn gst_mix_strip_transform_ip (GstBaseTransform * trans,
    GstBuffer * buf);

static void
gst_mix_strip_class_init (GstMixStripClass * klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseTransformClass *trans_class = GST_BASE_TRANSFORM_CLASS (klass);

  GST_DEBUG_CATEGORY_INIT (gst_mix_strip_debug, "mixstrip", 0,
      "mixing-console channel strip");

  gobject_class->set_property = gst_mix_strip_set_property;
  gobject_class->get_property = gst_mix_strip_get_property;
  gobject_class->finalize = gst_mix_strip_finalize;
  install_properties (gobject_class);

  gst_element_class_set_static_metadata (element_class,
      "Channel strip", "Filter/Effect/Audio",
      "A mixing-console channel strip: trim, polarity, filters, gate, "
      "4-band EQ, compressor, reverb, pan, fader, mute and meters",
      "mixmaster developers");
  gst_element_class_add_static_pad_template (element_class, &sink_template);
  gst_element_class_add_static_pad_template (element_class, &src_template);

  trans_class->transform_caps =
      GST_DEBUG_FUNCPTR (gst_mix_strip_transform_caps);
  trans_class->fixate_caps = GST_DEBUG_FUNCPTR (gst_mix_strip_fixate_caps);
  trans_class->set_caps = GST_DEBUG_FUNCPTR (gst_mix_strip_set_caps);
  trans_class->get_unit_size = GST_DEBUG_FUNCPTR (gst_mix_strip_get_unit_size);
  trans_class->stop = GST_DEBUG_FUNCPTR (gst_mix_strip_stop);
  trans_class->sink_event = GST_DEBUG_FUNCPTR (gst_mix_strip_sink_event);
  trans_class->transform = GST_DEBUG_FUNCPTR (gst_mix_strip_transform);
  trans_class->transform_ip = GST_DEBUG_FUNCPTR (gst_mix_strip_transform_ip);

  gst_type_mark_as_plugin_api (GST_TYPE_MIX_STRIP_SLOPE, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_MIX_STRIP_DETECTOR, 0);
}

static void
gst_mix_strip_init (GstMixStrip * self)
{
  self->params = strip_params_default ();
  gst_common_settings_init (&self->common);
  gst_base_transform_set_gap_aware (GST_BASE_TRANSFORM (self), FALSE);
}

static void
gst_mix_strip_finalize (GObject * object)
{
  strip_free (GST_MIX_STRIP (object)->strip);
  G_OBJECT_CLASS (gst_mix_strip_parent_class)->finalize (object);
}

/* Format and rate pass through; the channel count may change (1 or 2 on
 * either side), and with it the channel mask. */
static GstCaps *
gst_mix_strip_transform_caps (GstBaseTransform * trans,
    GstPadDirection direction, GstCaps * caps, GstCaps * filter)
{
  GstCaps *result = gst_caps_new_empty ();

  (void) trans;
  (void) direction;
  for (guint i = 0; i < gst_caps_get_size (caps); i++) {
    GstStructure *s = gst_structure_copy (gst_caps_get_structure (caps, i));
    gst_structure_set (s, "channels", GST_TYPE_INT_RANGE, 1, 2, NULL);
    gst_structure_remove_field (s, "channel-mask");
    result = gst_caps_merge_structure (result, s);
  }
  if (filter) {
    GstCaps *filtered = gst_caps_intersect_full (filter, result,
        GST_CAPS_INTERSECT_FIRST);
    gst_caps_unref (result);
    result = filtered;
  }
  return result;
}

/* Stereo out unless downstream wants mono. */
static GstCaps *
gst_mix_strip_fixate_caps (GstBaseTransform * trans,
    GstPadDirection direction, GstCaps * caps, GstCaps * othercaps)
{
  GstStructure *s;
  gint channels;

  othercaps = gst_caps_truncate (othercaps);
  othercaps = gst_caps_make_writable (othercaps);
  s = gst_caps_get_structure (othercaps, 0);
  if (direction == GST_PAD_SINK)
    gst_structure_fixate_field_nearest_int (s, "channels", 2);
  othercaps = gst_caps_fixate (othercaps);
  s = gst_caps_get_structure (othercaps, 0);
  if (gst_structure_get_int (s, "channels", &channels) && channels == 2 &&
      !gst_structure_has_field (s, "channel-mask"))
    gst_structure_set (s, "channel-mask", GST_TYPE_BITMASK, (guint64) 0x3,
        NULL);
  return GST_BASE_TRANSFORM_CLASS (gst_mix_strip_parent_class)->fixate_caps
      (trans, direction, caps, othercaps);
}

static gboolean
gst_mix_strip_get_unit_size (GstBaseTransform * trans, GstCaps * caps,
    gsize * size)
{
  GstAudioInfo info;

  (void) trans;
  if (!gst_audio_info_from_caps (&info, caps))
    return FALSE;
  *size = GST_AUDIO_INFO_BPF (&info);
  return TRUE;
}

static gboolean
gst_mix_strip_set_caps (GstBaseTransform * trans, GstCaps * incaps,
    GstCaps * outcaps)
{
  GstMixStrip *self = GST_MIX_STRIP (trans);
  GstAudioInfo in, out;
  strip *s;

  if (!gst_audio_info_from_caps (&in, incaps) ||
      !gst_audio_info_from_caps (&out, outcaps) ||
      GST_AUDIO_INFO_FORMAT (&in) != GST_AUDIO_INFO_FORMAT (&out) ||
      GST_AUDIO_INFO_RATE (&in) != GST_AUDIO_INFO_RATE (&out))
    return FALSE;
  s = strip_new (GST_AUDIO_INFO_CHANNELS (&in), GST_AUDIO_INFO_CHANNELS (&out),
      GST_AUDIO_INFO_RATE (&in));
  if (!s) {
    GST_ELEMENT_ERROR (self, RESOURCE, FAILED,
        ("Could not allocate a channel strip for %d Hz",
            GST_AUDIO_INFO_RATE (&in)), (NULL));
    return FALSE;
  }
  GST_OBJECT_LOCK (self);
  self->applied = self->params;
  GST_OBJECT_UNLOCK (self);
  strip_set_params (s, &self->applied);
  strip_reset (s);
  strip_free (self->strip);
  self->strip = s;
  self->in_info = in;
  self->out_info = out;
  self->message_interval.frames_left = 0;
  gst_base_transform_set_in_place (trans,
      GST_AUDIO_INFO_CHANNELS (&in) == GST_AUDIO_INFO_CHANNELS (&out));
  return TRUE;
}

static gboolean
gst_mix_strip_stop (GstBaseTransform * trans)
{
  GstMixStrip *self = GST_MIX_STRIP (trans);

  g_clear_pointer (&self->strip, strip_free);
  return TRUE;
}

static gboolean
gst_mix_strip_sink_event (GstBaseTransform * trans, GstEvent * event)
{
  GstMixStrip *self = GST_MIX_STRIP (trans);

  if (GST_EVENT_TYPE (event) == GST_EVENT_FLUSH_STOP && self->strip) {
    strip_reset (self->strip);
    self->message_interval.frames_left = 0;
  }
  return GST_BASE_TRANSFORM_CLASS (gst_mix_strip_parent_class)->sink_event
      (trans, event);
}


/* The `mixstrip` message over the interval that just ended. */
static void
post_meters (GstMixStrip * self, GstClockTime start, GstClockTime duration)
{
  strip_meters m = strip_take_meters (self->strip);
  GValue peak = gst_meter_message_doubles (m.peak_dbfs, m.channels);
  GValue rms = gst_meter_message_doubles (m.rms_dbfs, m.channels);
  GstStructure *s = gst_meter_message_structure_new (GST_BASE_TRANSFORM
      (self), "mixstrip", start, duration);

  gst_structure_set (s,
      "gate-reduction", G_TYPE_DOUBLE, m.gate_reduction_db,
      "comp-reduction", G_TYPE_DOUBLE, m.compressor_reduction_db, NULL);

  gst_structure_take_value (s, "peak", &peak);
  gst_structure_take_value (s, "rms", &rms);
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self), s));
}

static void
run_strip (GstMixStrip * self, const guint8 * in, guint8 * out, guint64 n)
{
  if (GST_AUDIO_INFO_FORMAT (&self->in_info) == GST_AUDIO_FORMAT_F64)
    strip_process_f64 (self->strip, (const double *) in, (double *) out, n);
  else
    strip_process_f32 (self->strip, (const float *) in, (float *) out, n);
}

/* Processes a buffer's frames (in == NULL: silence, for a GAP buffer),
 * split at the message interval's boundaries as level does. */
static void
process (GstMixStrip * self, const guint8 * in, guint8 * out, guint64 frames,
    GstClockTime pts, guint64 interval, gboolean post)
{
  gint rate = GST_AUDIO_INFO_RATE (&self->in_info);
  gint in_bpf = GST_AUDIO_INFO_BPF (&self->in_info);
  gint out_bpf = GST_AUDIO_INFO_BPF (&self->out_info);
  static const guint8 silence[2 * sizeof (double) * 256];
  guint64 offset = 0;

  while (offset < frames) {
    guint64 n =
        gst_meter_interval_span (&self->message_interval, interval, rate,
        gst_delayed_output_frame_time (pts, offset, rate), frames - offset);

    if (!in)
      n = MIN (n, sizeof (silence) / in_bpf);
    run_strip (self, in ? in + offset * in_bpf : silence,
        out + offset * out_bpf, n);
    offset += n;
    if (gst_meter_interval_advance (&self->message_interval, n) && post)
      post_meters (self, self->message_interval.start,
          gst_meter_interval_duration (&self->message_interval, rate));
  }
}

/* Once per buffer: controller values at the buffer's time, then the
 * settings, handed to the DSP when they changed. */
static void
begin_buffer (GstMixStrip * self, GstBuffer * buf, guint64 * interval,
    gboolean * post)
{
  GstClockTime stream_time =
      gst_segment_to_stream_time (&GST_BASE_TRANSFORM (self)->segment,
      GST_FORMAT_TIME, GST_BUFFER_PTS (buf));
  strip_params p;

  if (GST_CLOCK_TIME_IS_VALID (stream_time))
    gst_object_sync_values (GST_OBJECT (self), stream_time);
  GST_OBJECT_LOCK (self);
  p = self->params;
  *interval = self->common.interval;
  *post = self->common.post_messages;
  GST_OBJECT_UNLOCK (self);
  if (memcmp (&p, &self->applied, sizeof (p)) != 0) {
    self->applied = p;
    strip_set_params (self->strip, &p);
  }
}

static GstFlowReturn
transform (GstMixStrip * self, GstBuffer * inbuf, GstBuffer * outbuf)
{
  gboolean gap = GST_BUFFER_FLAG_IS_SET (inbuf, GST_BUFFER_FLAG_GAP);
  gboolean in_place = inbuf == outbuf;
  GstMapInfo in = { 0 }, out;
  guint64 interval, frames;
  gboolean post;

  if (G_UNLIKELY (!self->strip))
    return GST_FLOW_NOT_NEGOTIATED;
  begin_buffer (self, inbuf, &interval, &post);
  if (!gst_buffer_map (outbuf, &out, GST_MAP_READWRITE))
    goto map_failed;
  if (!in_place && !gap && !gst_buffer_map (inbuf, &in, GST_MAP_READ)) {
    gst_buffer_unmap (outbuf, &out);
    goto map_failed;
  }
  frames = out.size / GST_AUDIO_INFO_BPF (&self->out_info);
  process (self, gap ? NULL : in_place ? out.data : in.data, out.data,
      frames, GST_BUFFER_PTS (inbuf), interval, post);
  if (in.data)
    gst_buffer_unmap (inbuf, &in);
  gst_buffer_unmap (outbuf, &out);
  /* a reverb tail or makeup may sound in a GAP: the output is audio */
  GST_BUFFER_FLAG_UNSET (outbuf, GST_BUFFER_FLAG_GAP);
  return GST_FLOW_OK;

map_failed:
  GST_ELEMENT_ERROR (self, STREAM, FAILED, ("Could not map a buffer"), (NULL));
  return GST_FLOW_ERROR;
}

static GstFlowReturn
gst_mix_strip_transform (GstBaseTransform * trans, GstBuffer * inbuf,
    GstBuffer * outbuf)
{
  return transform (GST_MIX_STRIP (trans), inbuf, outbuf);
}

static GstFlowReturn
gst_mix_strip_transform_ip (GstBaseTransform * trans, GstBuffer * buf)
{
  return transform (GST_MIX_STRIP (trans), buf, buf);
}
