/* GStreamer mixmaster plug-in: loudnorm, EBU R128 loudness measurement.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
/**
 * SECTION:element-loudnorm
 * @title: loudnorm
 *
 * Measures loudness as ITU-R BS.1770-4 and EBU R128 define it (EBU Tech
 * 3341 "EBU Mode" meter, Tech 3342 loudness range), with true peak per
 * BS.1770-4 Annex 2, at the stream's own sample rate and format. In
 * `mode=measure` the audio passes through untouched.
 *
 * Channel weights come from the caps' channel positions: front and centre
 * 1.0, surround (side, or the rear pair of 5.1) 1.41, LFE not measured.
 *
 * Every #GstLoudNorm:interval the element posts an element message named
 * `loudness` with these fields:
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
 * * #gboolean `final`: %FALSE
 *
 * Before EOS goes downstream it posts one more `loudness` message with
 * `final` = %TRUE over the whole stream: its `timestamp` is that of the first
 * measured sample and its `duration` the measured length. Loudness values
 * are -inf (never NaN) where nothing measurable was seen, e.g. in silence.
 * A flushing seek or new caps start a new measurement, and so does the
 * #GstLoudNorm::reset action signal (between programmes of a playout
 * chain, say: EBU Tech 3341 asks for a reset before each measurement).
 *
 * ## Example launch line
 * |[
 * gst-launch-1.0 -m audiotestsrc wave=sine freq=997 volume=0.0708 num-buffers=200 ! \
 *     audio/x-raw,channels=2 ! loudnorm ! fakesink
 * ]|
 * A 997 Hz sine at -23 dBFS peak in both channels: the messages read
 * `integrated` -23.0 LUFS and `true-peak` -23.0 dBTP per channel.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstloudnorm.h"

#include <math.h>

#include "gstchannelweights.h"
#include "loudness_meter.h"

struct _GstLoudNorm
{
  GstAudioFilter parent;

  /* properties, protected by the object lock */
  GstLoudNormMode mode;
  guint64 interval;             /* ns between messages */
  gboolean post_messages;

  /* The meter, and so everything measured, is guarded by meter_lock: the
   * streaming thread holds it while feeding audio, the read-only result
   * properties and the message builder while reading. Never held while
   * posting a message. */
  GMutex meter_lock;
  loudness_meter *meter;

  /* set by the "reset" action signal from any thread; the streaming thread
   * restarts the measurement at the next buffer */
  gint reset_pending;

  /* streaming thread only */
  guint64 frames_to_message;    /* left in the current message interval */
  guint64 interval_frames;      /* length of the current interval */
  GstClockTime interval_start;  /* buffer time of its first frame */
  GstClockTime measure_start;   /* buffer time of the first measured frame */
};

GST_DEBUG_CATEGORY_STATIC (gst_loud_norm_debug);
#define GST_CAT_DEFAULT gst_loud_norm_debug

#define DEFAULT_MODE GST_LOUD_NORM_MODE_MEASURE
#define DEFAULT_INTERVAL (100 * GST_MSECOND)
#define MIN_INTERVAL (10 * GST_MSECOND)
#define MAX_INTERVAL (24 * 3600 * GST_SECOND)
#define DEFAULT_POST_MESSAGES TRUE

enum
{
  SIGNAL_RESET,
  LAST_SIGNAL
};

static guint signals[LAST_SIGNAL];

enum
{
  PROP_0,
  PROP_MODE,
  PROP_INTERVAL,
  PROP_POST_MESSAGES,
  PROP_INTEGRATED,
  PROP_LOUDNESS_RANGE,
  PROP_TRUE_PEAK,
};

#define ALLOWED_CAPS \
    "audio/x-raw, "                                                    \
    "format = (string) { " GST_AUDIO_NE (F32) ", " GST_AUDIO_NE (F64) " }, " \
    "rate = (int) [ 8000, 384000 ], "                                  \
    "channels = (int) [ 1, 8 ], "                                      \
    "layout = (string) interleaved"

G_DEFINE_TYPE (GstLoudNorm, gst_loud_norm, GST_TYPE_AUDIO_FILTER);
GST_ELEMENT_REGISTER_DEFINE (loudnorm, "loudnorm", GST_RANK_NONE,
    GST_TYPE_LOUD_NORM);

static void gst_loud_norm_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec);
static void gst_loud_norm_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec);
static void gst_loud_norm_finalize (GObject * object);
static gboolean gst_loud_norm_setup (GstAudioFilter * filter,
    const GstAudioInfo * info);
static gboolean gst_loud_norm_stop (GstBaseTransform * trans);
static gboolean gst_loud_norm_sink_event (GstBaseTransform * trans,
    GstEvent * event);
static GstFlowReturn gst_loud_norm_transform_ip (GstBaseTransform * trans,
    GstBuffer * buf);
static void gst_loud_norm_request_reset (GstLoudNorm * self);

GType
gst_loud_norm_mode_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {GST_LOUD_NORM_MODE_MEASURE,
        "Measure only: pass the audio through untouched", "measure"},
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
      "EBU R128 loudness measurement");

  gobject_class->set_property = gst_loud_norm_set_property;
  gobject_class->get_property = gst_loud_norm_get_property;
  gobject_class->finalize = gst_loud_norm_finalize;

  g_object_class_install_property (gobject_class, PROP_MODE,
      g_param_spec_enum ("mode", "Mode",
          "What the element does with the audio", GST_TYPE_LOUD_NORM_MODE,
          DEFAULT_MODE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));
  g_object_class_install_property (gobject_class, PROP_INTERVAL,
      g_param_spec_uint64 ("interval", "Interval",
          "Time between loudness messages, in nanoseconds (10 ms to 24 h)",
          MIN_INTERVAL, MAX_INTERVAL, DEFAULT_INTERVAL,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (gobject_class, PROP_POST_MESSAGES,
      g_param_spec_boolean ("post-messages", "Post messages",
          "Post a 'loudness' element message every interval and at EOS",
          DEFAULT_POST_MESSAGES, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (gobject_class, PROP_INTEGRATED,
      g_param_spec_double ("integrated", "Integrated loudness",
          "Gated integrated loudness of the input so far, in LUFS "
          "(-inf before any audible block)", -G_MAXDOUBLE, G_MAXDOUBLE,
          -G_MAXDOUBLE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (gobject_class, PROP_LOUDNESS_RANGE,
      g_param_spec_double ("loudness-range", "Loudness range",
          "EBU Tech 3342 loudness range of the input so far, in LU", 0.0,
          G_MAXDOUBLE, 0.0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (gobject_class, PROP_TRUE_PEAK,
      g_param_spec_double ("true-peak", "True peak",
          "Maximum true peak of the input so far over all channels, in dBTP "
          "(-inf for silence)", -G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE,
          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

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
      "Loudness normalizer", "Filter/Analyzer/Audio",
      "Measures loudness per ITU-R BS.1770-4 and EBU R128: momentary, "
      "short-term, integrated, loudness range and true peak",
      "mixmaster developers");

  caps = gst_caps_from_string (ALLOWED_CAPS);
  gst_audio_filter_class_add_pad_templates (filter_class, caps);
  gst_caps_unref (caps);

  trans_class->transform_ip = GST_DEBUG_FUNCPTR (gst_loud_norm_transform_ip);
  /* measure mode meters buffers it passes through untouched */
  trans_class->transform_ip_on_passthrough = TRUE;
  trans_class->sink_event = GST_DEBUG_FUNCPTR (gst_loud_norm_sink_event);
  trans_class->stop = GST_DEBUG_FUNCPTR (gst_loud_norm_stop);
  filter_class->setup = GST_DEBUG_FUNCPTR (gst_loud_norm_setup);

  gst_type_mark_as_plugin_api (GST_TYPE_LOUD_NORM_MODE, 0);
}

static void
gst_loud_norm_init (GstLoudNorm * self)
{
  self->mode = DEFAULT_MODE;
  self->interval = DEFAULT_INTERVAL;
  self->post_messages = DEFAULT_POST_MESSAGES;
  g_mutex_init (&self->meter_lock);
  gst_base_transform_set_passthrough (GST_BASE_TRANSFORM (self), TRUE);
  gst_base_transform_set_gap_aware (GST_BASE_TRANSFORM (self), TRUE);
}

static void
gst_loud_norm_finalize (GObject * object)
{
  GstLoudNorm *self = GST_LOUD_NORM (object);

  loudness_meter_free (self->meter);
  g_mutex_clear (&self->meter_lock);
  G_OBJECT_CLASS (gst_loud_norm_parent_class)->finalize (object);
}

static void
gst_loud_norm_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  GstLoudNorm *self = GST_LOUD_NORM (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_MODE:
      if (GST_STATE (self) > GST_STATE_READY)
        GST_WARNING_OBJECT (self, "mode can only change in NULL or READY");
      else
        self->mode = g_value_get_enum (value);
      break;
    case PROP_INTERVAL:
      self->interval = g_value_get_uint64 (value);
      break;
    case PROP_POST_MESSAGES:
      self->post_messages = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

/* Reads one result from the meter; fallback when there is none yet. */
static gdouble
read_result (GstLoudNorm * self, double (*result) (const loudness_meter *),
    gdouble fallback)
{
  gdouble value = fallback;

  g_mutex_lock (&self->meter_lock);
  if (self->meter)
    value = result (self->meter);
  g_mutex_unlock (&self->meter_lock);
  return value;
}

static double
max_true_peak_db (const loudness_meter * meter)
{
  double peak = -INFINITY;
  for (unsigned ch = 0; ch < loudness_meter_channels (meter); ch++)
    peak = fmax (peak, loudness_meter_true_peak_db (meter, ch));
  return peak;
}

static void
gst_loud_norm_get_property (GObject * object, guint prop_id, GValue * value,
    GParamSpec * pspec)
{
  GstLoudNorm *self = GST_LOUD_NORM (object);

  switch (prop_id) {
    case PROP_MODE:
      GST_OBJECT_LOCK (self);
      g_value_set_enum (value, self->mode);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_INTERVAL:
      GST_OBJECT_LOCK (self);
      g_value_set_uint64 (value, self->interval);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_POST_MESSAGES:
      GST_OBJECT_LOCK (self);
      g_value_set_boolean (value, self->post_messages);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_INTEGRATED:
      g_value_set_double (value, read_result (self,
              loudness_meter_integrated, -INFINITY));
      break;
    case PROP_LOUDNESS_RANGE:
      g_value_set_double (value, read_result (self,
              loudness_meter_loudness_range, 0.0));
      break;
    case PROP_TRUE_PEAK:
      g_value_set_double (value, read_result (self, max_true_peak_db,
              -INFINITY));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

/* streaming thread: a new measurement starts with the next sample */
static void
gst_loud_norm_restart (GstLoudNorm * self)
{
  g_mutex_lock (&self->meter_lock);
  if (self->meter)
    loudness_meter_reset (self->meter);
  g_mutex_unlock (&self->meter_lock);
  self->frames_to_message = 0;
  self->measure_start = GST_CLOCK_TIME_NONE;
  self->interval_start = GST_CLOCK_TIME_NONE;
}

/* any thread: the "reset" action signal's handler */
static void
gst_loud_norm_request_reset (GstLoudNorm * self)
{
  g_atomic_int_set (&self->reset_pending, 1);
}

static gboolean
gst_loud_norm_setup (GstAudioFilter * filter, const GstAudioInfo * info)
{
  GstLoudNorm *self = GST_LOUD_NORM (filter);
  guint channels = GST_AUDIO_INFO_CHANNELS (info);
  loudness_meter *meter = loudness_meter_new (channels,
      GST_AUDIO_INFO_RATE (info));

  if (!meter) {
    GST_ELEMENT_ERROR (self, RESOURCE, FAILED,
        ("Could not allocate a loudness meter for %u channels at %d Hz",
            channels, GST_AUDIO_INFO_RATE (info)), (NULL));
    return FALSE;
  }
  for (guint ch = 0; ch < channels; ch++)
    loudness_meter_set_channel_weight (meter, ch,
        gst_channel_weights_get (info, ch));

  g_mutex_lock (&self->meter_lock);
  loudness_meter_free (self->meter);
  self->meter = meter;
  g_mutex_unlock (&self->meter_lock);
  gst_loud_norm_restart (self);
  GST_DEBUG_OBJECT (self, "measuring %u channels at %d Hz", channels,
      GST_AUDIO_INFO_RATE (info));
  return TRUE;
}

static gboolean
gst_loud_norm_stop (GstBaseTransform * trans)
{
  GstLoudNorm *self = GST_LOUD_NORM (trans);

  g_mutex_lock (&self->meter_lock);
  g_clear_pointer (&self->meter, loudness_meter_free);
  g_mutex_unlock (&self->meter_lock);
  return TRUE;
}

static GValue
per_channel_array (const loudness_meter * meter,
    double (*per_channel) (const loudness_meter *, unsigned))
{
  GValue array = G_VALUE_INIT, v = G_VALUE_INIT;

  g_value_init (&array, GST_TYPE_ARRAY);
  g_value_init (&v, G_TYPE_DOUBLE);
  for (unsigned ch = 0; ch < loudness_meter_channels (meter); ch++) {
    g_value_set_double (&v, per_channel (meter, ch));
    gst_value_array_append_value (&array, &v);
  }
  g_value_unset (&v);
  return array;
}

/* The `loudness` message with the meter's current results (see the SECTION
 * block for the fields). NULL when there is no meter. */
static GstMessage *
gst_loud_norm_message_new (GstLoudNorm * self, GstClockTime timestamp,
    GstClockTime duration, gboolean final)
{
  GstSegment *segment = &GST_BASE_TRANSFORM (self)->segment;
  GstStructure *s;
  GValue true_peak, sample_peak;

  g_mutex_lock (&self->meter_lock);
  if (!self->meter) {
    g_mutex_unlock (&self->meter_lock);
    return NULL;
  }
  s = gst_structure_new ("loudness",
      "timestamp", G_TYPE_UINT64, timestamp,
      "stream-time", G_TYPE_UINT64, gst_segment_to_stream_time (segment,
          GST_FORMAT_TIME, timestamp),
      "running-time", G_TYPE_UINT64, gst_segment_to_running_time (segment,
          GST_FORMAT_TIME, timestamp),
      "duration", G_TYPE_UINT64, duration,
      "momentary", G_TYPE_DOUBLE, loudness_meter_momentary (self->meter),
      "short-term", G_TYPE_DOUBLE, loudness_meter_short_term (self->meter),
      "integrated", G_TYPE_DOUBLE, loudness_meter_integrated (self->meter),
      "loudness-range", G_TYPE_DOUBLE,
      loudness_meter_loudness_range (self->meter),
      "max-momentary", G_TYPE_DOUBLE,
      loudness_meter_max_momentary (self->meter),
      "max-short-term", G_TYPE_DOUBLE,
      loudness_meter_max_short_term (self->meter),
      "final", G_TYPE_BOOLEAN, final, NULL);
  true_peak = per_channel_array (self->meter, loudness_meter_true_peak_db);
  sample_peak = per_channel_array (self->meter, loudness_meter_sample_peak_db);
  g_mutex_unlock (&self->meter_lock);

  gst_structure_take_value (s, "true-peak", &true_peak);
  gst_structure_take_value (s, "sample-peak", &sample_peak);
  return gst_message_new_element (GST_OBJECT (self), s);
}

static void
gst_loud_norm_post (GstLoudNorm * self, GstMessage * message)
{
  if (message)
    gst_element_post_message (GST_ELEMENT (self), message);
}

static void
gst_loud_norm_post_final (GstLoudNorm * self)
{
  GstAudioInfo *info = &GST_AUDIO_FILTER (self)->info;
  gboolean post;
  guint64 frames = 0;

  GST_OBJECT_LOCK (self);
  post = self->post_messages;
  GST_OBJECT_UNLOCK (self);
  if (!post || GST_AUDIO_INFO_RATE (info) == 0)
    return;

  g_mutex_lock (&self->meter_lock);
  if (self->meter)
    frames = loudness_meter_frames (self->meter);
  g_mutex_unlock (&self->meter_lock);

  gst_loud_norm_post (self, gst_loud_norm_message_new (self,
          self->measure_start, gst_util_uint64_scale_int_round (frames,
              GST_SECOND, GST_AUDIO_INFO_RATE (info)), TRUE));
}

static gboolean
gst_loud_norm_sink_event (GstBaseTransform * trans, GstEvent * event)
{
  GstLoudNorm *self = GST_LOUD_NORM (trans);

  switch (GST_EVENT_TYPE (event)) {
    case GST_EVENT_EOS:
      gst_loud_norm_post_final (self);
      break;
    case GST_EVENT_FLUSH_STOP:
      gst_loud_norm_restart (self);
      break;
    default:
      break;
  }
  return GST_BASE_TRANSFORM_CLASS (gst_loud_norm_parent_class)->sink_event
      (trans, event);
}

/* Time of frame `offset` of a buffer stamped pts; NONE stays NONE. */
static GstClockTime
frame_time (GstClockTime pts, guint64 offset, gint rate)
{
  if (!GST_CLOCK_TIME_IS_VALID (pts))
    return GST_CLOCK_TIME_NONE;
  return pts + gst_util_uint64_scale_int_round (offset, GST_SECOND, rate);
}

static void
measure_frames (GstLoudNorm * self, const guint8 * data, guint64 frames,
    GstAudioFormat format)
{
  g_mutex_lock (&self->meter_lock);
  if (!data)
    loudness_meter_add_silence (self->meter, frames);
  else if (format == GST_AUDIO_FORMAT_F64)
    loudness_meter_add_f64 (self->meter, (const double *) data, frames);
  else
    loudness_meter_add_f32 (self->meter, (const float *) data, frames);
  g_mutex_unlock (&self->meter_lock);
}

static GstFlowReturn
gst_loud_norm_transform_ip (GstBaseTransform * trans, GstBuffer * buf)
{
  GstLoudNorm *self = GST_LOUD_NORM (trans);
  GstAudioInfo *info = &GST_AUDIO_FILTER (self)->info;
  gint rate = GST_AUDIO_INFO_RATE (info), bpf = GST_AUDIO_INFO_BPF (info);
  GstClockTime pts = GST_BUFFER_PTS (buf);
  GstClockTime stream_time = gst_segment_to_stream_time (&trans->segment,
      GST_FORMAT_TIME, pts);
  gboolean gap = GST_BUFFER_FLAG_IS_SET (buf, GST_BUFFER_FLAG_GAP);
  GstMapInfo map = { 0 };
  guint64 interval, frames, offset = 0;
  gboolean post;

  if (G_UNLIKELY (!self->meter))
    return GST_FLOW_NOT_NEGOTIATED;
  if (g_atomic_int_compare_and_exchange (&self->reset_pending, 1, 0))
    gst_loud_norm_restart (self);
  if (GST_CLOCK_TIME_IS_VALID (stream_time))
    gst_object_sync_values (GST_OBJECT (self), stream_time);

  GST_OBJECT_LOCK (self);
  interval = self->interval;
  post = self->post_messages;
  GST_OBJECT_UNLOCK (self);

  if (!gap && !gst_buffer_map (buf, &map, GST_MAP_READ)) {
    GST_ELEMENT_ERROR (self, STREAM, FAILED, ("Could not map a buffer"),
        (NULL));
    return GST_FLOW_ERROR;
  }
  frames = (gap ? gst_buffer_get_size (buf) : map.size) / bpf;
  if (!GST_CLOCK_TIME_IS_VALID (self->measure_start))
    self->measure_start = pts;

  /* Split the buffer at interval boundaries so none is skipped, as level
   * does. */
  while (offset < frames) {
    guint64 n;
    if (self->frames_to_message == 0) {
      self->interval_frames = MAX (1, gst_util_uint64_scale_int_round (interval,
              rate, GST_SECOND));
      self->frames_to_message = self->interval_frames;
      self->interval_start = frame_time (pts, offset, rate);
    }
    n = MIN (frames - offset, self->frames_to_message);
    measure_frames (self, gap ? NULL : map.data + offset * bpf, n,
        GST_AUDIO_INFO_FORMAT (info));
    offset += n;
    self->frames_to_message -= n;
    if (self->frames_to_message == 0 && post)
      gst_loud_norm_post (self, gst_loud_norm_message_new (self,
              self->interval_start,
              gst_util_uint64_scale_int_round (self->interval_frames,
                  GST_SECOND, rate), FALSE));
  }

  if (!gap)
    gst_buffer_unmap (buf, &map);
  return GST_FLOW_OK;
}
