/* GStreamer mixmaster plug-in: audiomaster, the mastering chain for a
 * stereo mixdown.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
/**
 * SECTION:element-audiomaster
 * @title: audiomaster
 *
 * The mastering chain for a stereo mixdown, in one element:
 *
 *   input gain -> low-cut -> EQ (low shelf, mid peak, high shelf, tilt)
 *   -> 3-band compressor (Linkwitz-Riley crossovers) -> width and bass
 *   mono -> saturation (oversampled) -> ambience reverb -> loudness stage
 *   -> lookahead true-peak limiter
 *
 * With the defaults every stage is off and the element is a pure delay
 * of its latency, except where the limiter holds #GstAudioMaster:ceiling.
 * Continuous properties are controllable (#GstController) and smoothed.
 *
 * #GstAudioMaster:target sets a loudness for the output. With
 * #GstAudioMaster:mode `live` an adaptive gain into the limiter steers the
 * output to it (the `loudnorm` leveler); with `file` the whole input is
 * kept (in memory up to #GstAudioMaster:max-memory, then in an anonymous
 * temporary file) and, at EOS, the chain is run over it as often as
 * needed to find the drive into the limiter that puts the limited
 * output's integrated loudness within 0.1 LU of the target, with no more
 * than 12 dB of limiting on the highest peak (else a warning says the
 * target is missed); then the master is rendered.
 *
 * Presets: the #GstAudioMaster:preset property, or the #GstPreset
 * interface (gentle, streaming, broadcast, cd-loud, podcast-voice).
 *
 * Every #GstAudioMaster:interval the element posts an element message
 * named `audiomaster` with `timestamp`, `stream-time`, `running-time`,
 * `duration` and: `input-momentary`, `input-short-term`,
 * `output-momentary`, `output-short-term`, `output-integrated` (LUFS),
 * `band-reduction` (array of 3, dB, the largest in the interval),
 * `limiter-reduction` (dB), `drive` (dB, the loudness stage's gain),
 * in live mode with a target `leveler` (what its gain is doing, as
 * loudnorm's: `waiting`, `leveling`, `frozen-quiet`,
 * `frozen-under-programme`),
 * `true-peak` (array per channel, dBTP, the output's largest so far) and
 * `correlation` (-1 to +1, the output's phase correlation over the
 * interval; 1 for mono).
 *
 * ## Example launch line
 * |[
 * gst-launch-1.0 filesrc location=mix.wav ! decodebin ! audioconvert ! \
 *     audiomaster preset=streaming mode=file ! audioconvert \
 *     dithering=tpdf noise-shaping=high ! audio/x-raw,format=S16LE ! \
 *     wavenc ! filesink location=master.wav
 * ]|
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstaudiomaster.h"

#include <math.h>
#include <string.h>

#include "gain_search.h"
#include "normalization_policy.h"
#include "gstaudiomasterprops.h"
#include "gstdelayedoutput.h"
#include "gstelementsettings.h"
#include "gstfloatcaps.h"
#include "gstkeptprogramme.h"
#include "gstmetermessage.h"
#include "master.h"

GST_DEBUG_CATEGORY_STATIC (gst_audio_master_debug);
#define GST_CAT_DEFAULT gst_audio_master_debug

#define DEFAULT_MODE GST_AUDIO_MASTER_MODE_LIVE
#define DEFAULT_LOOKAHEAD_MS 5.0
#define DEFAULT_INTERVAL (100 * GST_MSECOND)
#define DEFAULT_MAX_MEMORY_MIB 512
/* live mode's leveler: the DSP's defaults, as loudnorm's (a 120 s window,
 * an 18 LU loudness range, rising 2 dB/s and falling 8 dB/s, frozen under
 * -50 LUFS), but up to +24 dB, as a quiet mixdown may need to reach a
 * streaming target */
#define LEVELER_MAX_GAIN_DB 24.0
/* and its gain lookahead (loudnorm's default), with a target set when the
 * stream starts */
#define LEVELER_GAIN_LOOKAHEAD_S 0.5
/* file mode: frames per buffer rendered, and the drive search */
#define RENDER_FRAMES 8192
#define DRIVE_SEARCH_TOLERANCE_LU 0.02
#define DRIVE_SEARCH_MAX_TRIALS 10
/* a master further than this from its target missed it (a warning) */
#define DRIVE_MISS_LU 0.1

struct _GstAudioMaster
{
  GstAudioFilter parent;

  /* object lock */
  GstAudioMasterParams params;
  GstAudioMasterMode mode;
  /* The preset in effect is the chosen one while every continuous property
   * has its value, else none. A property set explicitly keeps its value
   * whatever the order: the chosen preset fills in the others. */
  GstAudioMasterPreset preset;
  GstAudioMasterPreset chosen_preset;
  guint64 explicit_props;       /* gst_double_props_differing()'s sets */
  gdouble lookahead_ms;
  guint64 interval;
  gboolean post_messages;
  guint max_memory_mib;

  /* streaming thread */
  master *chain;
  GstAudioMasterParams applied;
  GstAudioMasterMode applied_mode;
  guint64 interval_applied;
  gboolean post_applied;
  GstDelayedOutput output;
  GstKeptProgramme kept;        /* file mode */
  guint64 programme_frames;     /* live mode: input frames since a restart */
  GstMeterInterval message_interval;
};

enum
{
  PROP_0,
  /* 1 .. gst_audio_master_n_double_props: the table's doubles */
  PROP_MODE = 1000,
  PROP_PRESET,
  PROP_LOOKAHEAD,
  PROP_INTERVAL,
  PROP_POST_MESSAGES,
  PROP_MAX_MEMORY,
};

#define ALLOWED_CAPS \
    "audio/x-raw, "                                                    \
    "format = (string) { " GST_AUDIO_NE (F32) ", " GST_AUDIO_NE (F64) " }, " \
    "rate = (int) [ 8000, 384000 ], "                                  \
    "channels = (int) [ 1, 2 ], "                                      \
    "layout = (string) interleaved"

static void gst_audio_master_preset_init (GstPresetInterface * iface);

G_DEFINE_TYPE_WITH_CODE (GstAudioMaster, gst_audio_master,
    GST_TYPE_AUDIO_FILTER, G_IMPLEMENT_INTERFACE (GST_TYPE_PRESET,
        gst_audio_master_preset_init));
GST_ELEMENT_REGISTER_DEFINE (audiomaster, "audiomaster", GST_RANK_NONE,
    GST_TYPE_AUDIO_MASTER);

GType
gst_audio_master_mode_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {GST_AUDIO_MASTER_MODE_LIVE, "One pass: an adaptive drive into the "
          "limiter follows the target", "live"},
    {GST_AUDIO_MASTER_MODE_FILE, "Whole input kept: the constant drive that "
          "puts the limited output on the target (non-live sources)", "file"},
    {0, NULL, NULL},
  };

  if (g_once_init_enter (&type)) {
    GType t = g_enum_register_static ("GstAudioMasterMode", values);
    g_once_init_leave (&type, t);
  }
  return type;
}

/* Built-in presets through GstPreset, before the user's own (which the
 * interface's default implementation keeps in files). */
static GstPresetInterface *parent_preset_iface;

static gchar **
gst_audio_master_get_preset_names (GstPreset * preset)
{
  GEnumClass *klass = g_type_class_ref (GST_TYPE_AUDIO_MASTER_PRESET);
  gchar **user = parent_preset_iface->get_preset_names (preset);
  GStrvBuilder *names = g_strv_builder_new ();
  gchar **result;

  for (guint i = 0; i < klass->n_values; i++)
    if (klass->values[i].value != GST_AUDIO_MASTER_PRESET_NONE)
      g_strv_builder_add (names, klass->values[i].value_nick);
  for (guint i = 0; user && user[i]; i++)
    if (gst_audio_master_preset_from_name (user[i]) < 0)
      g_strv_builder_add (names, user[i]);
  g_strfreev (user);
  g_type_class_unref (klass);
  result = g_strv_builder_end (names);
  g_strv_builder_unref (names);
  return result;
}

/* Object lock held. The preset in effect: the chosen one while the
 * continuous properties are all its own. */
static void
settle_preset (GstAudioMaster * self)
{
  GstAudioMasterParams base =
      gst_audio_master_preset_params (self->chosen_preset);

  self->preset = gst_double_props_differing (&self->params, &base,
      gst_audio_master_double_props, gst_audio_master_n_double_props) ?
      GST_AUDIO_MASTER_PRESET_NONE : self->chosen_preset;
}

/* Object lock held, after a user preset was loaded: only the values that
 * differ from its chosen preset count as set explicitly. */
static void
settle_loaded_preset (GstPreset * preset)
{
  GstAudioMaster *self = GST_AUDIO_MASTER (preset);
  GstAudioMasterParams base =
      gst_audio_master_preset_params (self->chosen_preset);

  self->explicit_props = gst_double_props_differing (&self->params, &base,
      gst_audio_master_double_props, gst_audio_master_n_double_props);
}

/* A built-in preset loads whole; a user preset sets what it holds. */
static gboolean
gst_audio_master_load_preset (GstPreset * preset, const gchar * name)
{
  GstAudioMaster *self = GST_AUDIO_MASTER (preset);
  gint builtin = gst_audio_master_preset_from_name (name);

  if (builtin >= 0) {
    GST_OBJECT_LOCK (self);
    self->explicit_props = 0;
    GST_OBJECT_UNLOCK (self);
    g_object_set (preset, "preset", builtin, NULL);
    return TRUE;
  }
  return gst_element_settings_load_user_preset (preset, name,
      settle_loaded_preset);
}

static void
gst_audio_master_preset_init (GstPresetInterface * iface)
{
  parent_preset_iface = g_type_default_interface_peek (GST_TYPE_PRESET);
  iface->get_preset_names = gst_audio_master_get_preset_names;
  iface->get_property_names = gst_element_settings_preset_properties;
  iface->load_preset = gst_audio_master_load_preset;
}

/* Every table property notified, after a preset changed them. */
static void
notify_double_props (GObject * object)
{
  for (guint i = 0; i < gst_audio_master_n_double_props; i++)
    g_object_notify (object, gst_audio_master_double_props[i].name);
}

static void
gst_audio_master_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  GstAudioMaster *self = GST_AUDIO_MASTER (object);
  GstAudioMasterPreset in_effect;
  gboolean preset_moved;
  gboolean preset_applied = FALSE, refused = FALSE;
  GstAudioMasterParams base;

  GST_OBJECT_LOCK (self);
  in_effect = self->preset;
  if (gst_double_props_set_value (&self->params, gst_audio_master_double_props,
          gst_audio_master_n_double_props, prop_id, value)) {
    self->explicit_props |= G_GUINT64_CONSTANT (1) << (prop_id - 1);
    settle_preset (self);
  } else {
    switch (prop_id) {
      case PROP_MODE:
        refused = GST_STATE (self) > GST_STATE_READY;
        if (!refused)
          self->mode = g_value_get_enum (value);
        break;
      case PROP_PRESET:
        self->chosen_preset = g_value_get_enum (value);
        base = gst_audio_master_preset_params (self->chosen_preset);
        gst_double_props_fill (&self->params, &base,
            gst_audio_master_double_props, gst_audio_master_n_double_props,
            self->explicit_props);
        settle_preset (self);
        preset_applied = TRUE;
        break;
      case PROP_LOOKAHEAD:
        refused = GST_STATE (self) > GST_STATE_READY;
        if (!refused)
          self->lookahead_ms = g_value_get_double (value);
        break;
      case PROP_INTERVAL:
        self->interval = g_value_get_uint64 (value);
        break;
      case PROP_POST_MESSAGES:
        self->post_messages = g_value_get_boolean (value);
        break;
      case PROP_MAX_MEMORY:
        self->max_memory_mib = g_value_get_uint (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
        break;
    }
  }
  preset_moved = in_effect != self->preset;
  GST_OBJECT_UNLOCK (self);
  /* the chain is built for its mode and lookahead (the latency) at the
   * start of a stream */
  if (refused)
    gst_element_settings_refuse_change (GST_ELEMENT (self), pspec->name);
  if (preset_applied)
    notify_double_props (object);
  if (preset_moved && prop_id != PROP_PRESET)
    g_object_notify (object, "preset");
}

static void
gst_audio_master_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec)
{
  GstAudioMaster *self = GST_AUDIO_MASTER (object);

  GST_OBJECT_LOCK (self);
  if (!gst_double_props_get_value (&self->params, gst_audio_master_double_props,
          gst_audio_master_n_double_props, prop_id, value)) {
    switch (prop_id) {
      case PROP_MODE:
        g_value_set_enum (value, self->mode);
        break;
      case PROP_PRESET:
        g_value_set_enum (value, self->preset);
        break;
      case PROP_LOOKAHEAD:
        g_value_set_double (value, self->lookahead_ms);
        break;
      case PROP_INTERVAL:
        g_value_set_uint64 (value, self->interval);
        break;
      case PROP_POST_MESSAGES:
        g_value_set_boolean (value, self->post_messages);
        break;
      case PROP_MAX_MEMORY:
        g_value_set_uint (value, self->max_memory_mib);
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
  gst_double_props_install (gobject_class, gst_audio_master_double_props,
      gst_audio_master_n_double_props);
  g_object_class_install_property (gobject_class, PROP_MODE,
      g_param_spec_enum ("mode", "Mode", "How the loudness stage reaches "
          "the target: live (adaptive, one pass) or file (exact, keeps the "
          "whole input)", GST_TYPE_AUDIO_MASTER_MODE, DEFAULT_MODE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));
  g_object_class_install_property (gobject_class, PROP_PRESET,
      g_param_spec_enum ("preset", "Preset", "Sets the continuous "
          "properties not set explicitly to the preset's values, in any "
          "order; reads none once one differs from it",
          GST_TYPE_AUDIO_MASTER_PRESET, GST_AUDIO_MASTER_PRESET_NONE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (gobject_class, PROP_LOOKAHEAD,
      g_param_spec_double ("lookahead", "Lookahead", "Time the limiter "
          "sees peaks coming, in ms (1 to 20); applies from the next caps",
          1.0, 20.0, DEFAULT_LOOKAHEAD_MS, G_PARAM_READWRITE |
          G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_READY));
  g_object_class_install_property (gobject_class, PROP_INTERVAL,
      g_param_spec_uint64 ("interval", "Interval",
          "Time between audiomaster messages, in nanoseconds (10 ms to 24 h)",
          10 * GST_MSECOND, 24 * 3600 * GST_SECOND, DEFAULT_INTERVAL,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (gobject_class, PROP_POST_MESSAGES,
      g_param_spec_boolean ("post-messages", "Post messages",
          "Post an 'audiomaster' element message every interval", TRUE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (gobject_class, PROP_MAX_MEMORY,
      g_param_spec_uint ("max-memory", "Maximum memory", "mode=file: MiB "
          "of input kept in memory; the rest goes to a temporary file "
          "(1 to 65536)", 1, 65536, DEFAULT_MAX_MEMORY_MIB,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
}

static void gst_audio_master_finalize (GObject * object);
static gboolean gst_audio_master_setup (GstAudioFilter * filter,
    const GstAudioInfo * info);
static gboolean gst_audio_master_stop (GstBaseTransform * trans);
static gboolean gst_audio_master_sink_event (GstBaseTransform * trans,
    GstEvent * event);
static gboolean gst_audio_master_query (GstBaseTransform * trans,
    GstPadDirection direction, GstQuery * query);
static GstFlowReturn gst_audio_master_generate_output (GstBaseTransform *
    trans, GstBuffer ** outbuf);

static void
gst_audio_master_class_init (GstAudioMasterClass * klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseTransformClass *trans_class = GST_BASE_TRANSFORM_CLASS (klass);
  GstAudioFilterClass *filter_class = GST_AUDIO_FILTER_CLASS (klass);
  GstCaps *caps;

  GST_DEBUG_CATEGORY_INIT (gst_audio_master_debug, "audiomaster", 0,
      "mastering chain");
  gobject_class->set_property = gst_audio_master_set_property;
  gobject_class->get_property = gst_audio_master_get_property;
  gobject_class->finalize = gst_audio_master_finalize;
  install_properties (gobject_class);
  gst_element_class_set_static_metadata (element_class,
      "Mastering chain", "Filter/Effect/Audio",
      "Mastering for a stereo mixdown: EQ, 3-band compressor, width, "
      "saturation, ambience, loudness target and true-peak limiter",
      "mixmaster developers");
  caps = gst_caps_from_string (ALLOWED_CAPS);
  gst_audio_filter_class_add_pad_templates (filter_class, caps);
  gst_caps_unref (caps);
  trans_class->generate_output =
      GST_DEBUG_FUNCPTR (gst_audio_master_generate_output);
  trans_class->sink_event = GST_DEBUG_FUNCPTR (gst_audio_master_sink_event);
  trans_class->query = GST_DEBUG_FUNCPTR (gst_audio_master_query);
  trans_class->stop = GST_DEBUG_FUNCPTR (gst_audio_master_stop);
  filter_class->setup = GST_DEBUG_FUNCPTR (gst_audio_master_setup);
  gst_type_mark_as_plugin_api (GST_TYPE_AUDIO_MASTER_MODE, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_AUDIO_MASTER_PRESET, 0);
}

static void
gst_audio_master_init (GstAudioMaster * self)
{
  self->params = gst_audio_master_params_default ();
  self->mode = DEFAULT_MODE;
  self->preset = self->chosen_preset = GST_AUDIO_MASTER_PRESET_NONE;
  self->explicit_props = 0;
  self->lookahead_ms = DEFAULT_LOOKAHEAD_MS;
  self->interval = DEFAULT_INTERVAL;
  self->post_messages = TRUE;
  self->max_memory_mib = DEFAULT_MAX_MEMORY_MIB;
  gst_base_transform_set_gap_aware (GST_BASE_TRANSFORM (self), TRUE);
}

static void
gst_audio_master_finalize (GObject * object)
{
  GstAudioMaster *self = GST_AUDIO_MASTER (object);

  master_free (self->chain);
  gst_kept_programme_clear (&self->kept);
  G_OBJECT_CLASS (gst_audio_master_parent_class)->finalize (object);
}

static void
set_loudness_stage (GstAudioMaster * self, gdouble target_lufs)
{
  loudness_leveler_params leveler = loudness_leveler_params_default ();

  leveler.target_lufs = target_lufs;
  leveler.max_gain_db = LEVELER_MAX_GAIN_DB;
  if (target_lufs < 0.0)
    master_set_leveling (self->chain, &leveler);
  else
    master_set_drive_db (self->chain, 0.0);
}

/* Once per buffer (and per file-mode render): controller values at the
 * stream time, then the settings, handed to the chain when they changed.
 * File mode takes them once, at EOS, and keeps them for the render. */
static void
take_settings (GstAudioMaster * self, GstClockTime pts)
{
  GstClockTime stream_time =
      gst_segment_to_stream_time (&GST_BASE_TRANSFORM (self)->segment,
      GST_FORMAT_TIME, pts);
  GstAudioMasterParams p;

  if (GST_CLOCK_TIME_IS_VALID (stream_time))
    gst_object_sync_values (GST_OBJECT (self), stream_time);
  GST_OBJECT_LOCK (self);
  p = self->params;
  self->interval_applied = self->interval;
  self->post_applied = self->post_messages;
  GST_OBJECT_UNLOCK (self);
  if (memcmp (&p, &self->applied, sizeof (p)) != 0) {
    if (p.target_lufs != self->applied.target_lufs)
      set_loudness_stage (self, p.target_lufs);
    self->applied = p;
    master_set_params (self->chain, &p.chain);
  }
}

/* A new output clock from the next input buffer; the chain goes on. */
static void
restart_clock (GstAudioMaster * self, const GstAudioInfo * info)
{
  gst_delayed_output_restart (&self->output, GST_AUDIO_INFO_RATE (info),
      GST_AUDIO_INFO_BPF (info), self->chain ?
      master_latency (self->chain) : 0);
  self->programme_frames = 0;
}

/* A new programme: silence in the chain, a new output clock. */
static void
restart (GstAudioMaster * self, const GstAudioInfo * info)
{
  if (self->chain)
    master_reset (self->chain);
  restart_clock (self, info);
  gst_kept_programme_restart (&self->kept);
  self->message_interval.frames_left = 0;
}

static gboolean
gst_audio_master_setup (GstAudioFilter * filter, const GstAudioInfo * info)
{
  GstAudioMaster *self = GST_AUDIO_MASTER (filter);
  guint channels = GST_AUDIO_INFO_CHANNELS (info);
  gint rate = GST_AUDIO_INFO_RATE (info);
  gdouble lookahead_ms, gain_lookahead_s;
  guint max_memory_mib;
  master *chain;

  GST_OBJECT_LOCK (self);
  self->applied = self->params;
  self->applied_mode = self->mode;
  lookahead_ms = self->lookahead_ms;
  max_memory_mib = self->max_memory_mib;
  gain_lookahead_s = self->applied_mode == GST_AUDIO_MASTER_MODE_LIVE &&
      self->applied.target_lufs < 0.0 ? LEVELER_GAIN_LOOKAHEAD_S : 0.0;
  GST_OBJECT_UNLOCK (self);

  chain = master_new (channels, rate, lookahead_ms, gain_lookahead_s);
  if (!chain) {
    GST_ELEMENT_ERROR (self, RESOURCE, FAILED,
        ("Could not allocate the mastering chain for %u channels at %d Hz",
            channels, rate), (NULL));
    return FALSE;
  }
  master_free (self->chain);
  self->chain = chain;
  master_set_params (chain, &self->applied.chain);
  set_loudness_stage (self, self->applied.target_lufs);
  if (self->applied_mode == GST_AUDIO_MASTER_MODE_FILE)
    gst_kept_programme_init (&self->kept, (guint64) max_memory_mib << 20,
        rate, GST_AUDIO_INFO_BPF (info));
  else
    gst_kept_programme_clear (&self->kept);
  restart (self, info);
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_latency (GST_OBJECT (self)));
  GST_DEBUG_OBJECT (self, "%u channels at %d Hz, latency %" G_GSIZE_FORMAT
      " frames", channels, rate, master_latency (chain));
  return TRUE;
}

static gboolean
gst_audio_master_stop (GstBaseTransform * trans)
{
  GstAudioMaster *self = GST_AUDIO_MASTER (trans);

  g_clear_pointer (&self->chain, master_free);
  gst_kept_programme_clear (&self->kept);
  self->programme_frames = 0;
  return TRUE;
}

/* The `audiomaster` message over the interval that just ended. */
static void
post_meters (GstAudioMaster * self)
{
  const loudness_meter *in = master_meter (self->chain, MASTER_INPUT);
  const loudness_meter *out = master_meter (self->chain, MASTER_OUTPUT);
  gint rate = GST_AUDIO_INFO_RATE (&GST_AUDIO_FILTER (self)->info);
  guint channels = loudness_meter_channels (out);
  master_meters m = master_take_meters (self->chain);
  double true_peak[2];
  GValue bands, peaks;
  GstStructure *s;

  for (guint ch = 0; ch < channels; ch++)
    true_peak[ch] = loudness_meter_true_peak_db (out, ch);
  bands = gst_meter_message_doubles (m.band_reduction_db, MULTIBAND_BANDS);
  peaks = gst_meter_message_doubles (true_peak, channels);
  s = gst_meter_message_structure_new (GST_BASE_TRANSFORM (self),
      "audiomaster", self->message_interval.start,
      gst_meter_interval_duration (&self->message_interval, rate));
  gst_structure_set (s,
      "input-momentary", G_TYPE_DOUBLE, loudness_meter_momentary (in),
      "input-short-term", G_TYPE_DOUBLE, loudness_meter_short_term (in),
      "output-momentary", G_TYPE_DOUBLE, loudness_meter_momentary (out),
      "output-short-term", G_TYPE_DOUBLE, loudness_meter_short_term (out),
      "output-integrated", G_TYPE_DOUBLE, loudness_meter_integrated (out),
      "limiter-reduction", G_TYPE_DOUBLE, m.limiter_reduction_db,
      "drive", G_TYPE_DOUBLE, m.drive_db,
      "correlation", G_TYPE_DOUBLE, m.correlation, NULL);
  if (m.leveler)
    gst_structure_set (s, "leveler", G_TYPE_STRING, m.leveler, NULL);
  gst_structure_take_value (s, "band-reduction", &bands);
  gst_structure_take_value (s, "true-peak", &peaks);
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self), s));
}

/* Runs the chain over mapped frames in place, split at the message
 * interval's boundaries; the first frame's time is `time`. A drain's
 * silence (`draining`) is not metered as input (master_drain_f32()). */
static void
process (GstAudioMaster * self, guint8 * data, guint64 frames,
    GstClockTime time, gboolean draining)
{
  const GstAudioInfo *info = &GST_AUDIO_FILTER (self)->info;
  gint rate = GST_AUDIO_INFO_RATE (info), bpf = GST_AUDIO_INFO_BPF (info);
  gboolean f64 = GST_AUDIO_INFO_FORMAT (info) == GST_AUDIO_FORMAT_F64;

  for (guint64 offset = 0; offset < frames;) {
    guint64 n = gst_meter_interval_span (&self->message_interval,
        self->interval_applied, rate,
        gst_delayed_output_frame_time (time, offset, rate), frames - offset);
    guint8 *at = data + offset * bpf;

    if (f64 && draining)
      master_drain_f64 (self->chain, (double *) at, n);
    else if (f64)
      master_process_f64 (self->chain, (double *) at, n);
    else if (draining)
      master_drain_f32 (self->chain, (float *) at, n);
    else
      master_process_f32 (self->chain, (float *) at, n);
    offset += n;
    if (gst_meter_interval_advance (&self->message_interval, n) &&
        self->post_applied)
      post_meters (self);
  }
}

/* The processed frames of buf (mapped as map, `frames` frames, the first
 * at input time `time`) out, less the delay still filling. Consumes buf
 * and its mapping. */
static GstFlowReturn
push_processed (GstAudioMaster * self, GstBuffer * buf, GstMapInfo * map,
    guint64 frames, GstClockTime time, gboolean draining)
{
  guint64 dropped;

  process (self, map->data, frames, time, draining);
  gst_buffer_unmap (buf, map);
  dropped = gst_delayed_output_drop (&self->output, frames);
  buf = gst_delayed_output_stamp (&self->output, buf, dropped,
      frames - dropped);
  return buf ? gst_pad_push (GST_BASE_TRANSFORM_SRC_PAD (self), buf) :
      GST_FLOW_OK;
}

/* Live mode: the frames still in the chain's delay go out. */
static GstFlowReturn
drain (GstAudioMaster * self)
{
  guint64 frames;
  GstClockTime time;
  GstMapInfo map;
  GstBuffer *buf;

  if (!self->chain || self->programme_frames == 0)
    return GST_FLOW_OK;
  frames = master_latency (self->chain);
  buf = gst_delayed_output_buffer_new (&self->output, frames, &map);
  memset (map.data, 0, map.size);
  /* on the input's timeline, where the input ended */
  time = gst_delayed_output_frame_time (self->output.start,
      self->programme_frames, self->output.rate);
  self->programme_frames = 0;
  return push_processed (self, buf, &map, frames, time, TRUE);
}

/* Live mode at a discontinuity (a hole, a pause, a GAP event): what the
 * delay holds goes out on the old timeline, then a new output clock; the
 * chain's state (the leveler's gain) goes on, as loudnorm's. */
static GstFlowReturn
discontinuity (GstAudioMaster * self)
{
  GstFlowReturn ret = drain (self);

  restart_clock (self, &GST_AUDIO_FILTER (self)->info);
  return ret;
}

/* Live mode: one input buffer through the chain. */
static GstFlowReturn
master_stream (GstAudioMaster * self, GstBuffer * in)
{
  gint bpf = GST_AUDIO_INFO_BPF (&GST_AUDIO_FILTER (self)->info);
  GstFlowReturn ret = GST_FLOW_OK;
  GstMapInfo map;

  if (self->programme_frames > 0 &&
      gst_delayed_output_jumps (&self->output, in, self->programme_frames))
    ret = discontinuity (self);
  if (ret != GST_FLOW_OK) {
    gst_buffer_unref (in);
    return ret;
  }
  in = gst_buffer_make_writable (in);
  if (!gst_buffer_map (in, &map, GST_MAP_READWRITE)) {
    gst_buffer_unref (in);
    GST_ELEMENT_ERROR (self, STREAM, FAILED, ("Could not map a buffer"),
        (NULL));
    return GST_FLOW_ERROR;
  }
  if (GST_BUFFER_FLAG_IS_SET (in, GST_BUFFER_FLAG_GAP))
    memset (map.data, 0, map.size);
  gst_delayed_output_start (&self->output, in, self->programme_frames);
  self->programme_frames += map.size / bpf;
  return push_processed (self, in, &map, map.size / bpf, GST_BUFFER_PTS (in),
      FALSE);
}

/* File mode: one pass of the chain over the kept programme and its delay,
 * at a constant drive. `push` sends the output downstream; else it is
 * only measured (the output meter). */
static GstFlowReturn
render_programme (GstAudioMaster * self, gdouble drive_db, gboolean push)
{
  guint64 latency = master_latency (self->chain);
  guint64 total = self->kept.frames + latency;
  GstFlowReturn ret = GST_FLOW_OK;

  master_set_drive_db (self->chain, drive_db);
  master_reset (self->chain);
  self->message_interval.frames_left = 0;
  for (guint64 done = 0; done < total && ret == GST_FLOW_OK;) {
    guint64 frames = MIN (RENDER_FRAMES, total - done);
    GstClockTime time = gst_delayed_output_frame_time (self->kept.start, done,
        self->kept.rate);
    GstMapInfo map;
    GstBuffer *buf = gst_kept_programme_read_buffer (&self->kept,
        GST_BASE_TRANSFORM (self), done, frames, &map);

    if (!buf)
      return GST_FLOW_ERROR;
    done += frames;
    if (push) {
      ret = push_processed (self, buf, &map, frames, time, FALSE);
      continue;
    }
    if (GST_AUDIO_INFO_FORMAT (&GST_AUDIO_FILTER (self)->info) ==
        GST_AUDIO_FORMAT_F64)
      master_process_f64 (self->chain, (double *) map.data, frames);
    else
      master_process_f32 (self->chain, (float *) map.data, frames);
    gst_buffer_unmap (buf, &map);
    gst_buffer_unref (buf);
  }
  return ret;
}

static bool
render_trial (double drive_db, double *loudness, void *user_data)
{
  GstAudioMaster *self = user_data;

  if (render_programme (self, drive_db, FALSE) != GST_FLOW_OK)
    return false;
  *loudness = loudness_meter_integrated (master_meter (self->chain,
          MASTER_OUTPUT));
  GST_DEBUG_OBJECT (self, "trial: drive %+.4f dB -> %.4f LUFS", drive_db,
      *loudness);
  return true;
}

/* The most drive a master may use: the limiter then takes
 * NORMALIZATION_MAX_LIMITING_DB off the highest peak entering it, which
 * is the stage's input (master.h) with the drive; the stage meter holds it
 * after any render. */
static gdouble
max_drive_db (GstAudioMaster * self)
{
  const loudness_meter *stage = master_meter (self->chain, MASTER_STAGE);
  gdouble peak = -INFINITY;

  for (gint c = 0; c < GST_AUDIO_INFO_CHANNELS (&GST_AUDIO_FILTER
          (self)->info); c++)
    peak = fmax (peak, loudness_meter_true_peak_db (stage, c));
  return normalization_max_limited_gain_db (self->applied.chain.ceiling_dbtp,
      peak);
}

static void
warn_target_missed (GstAudioMaster * self, gdouble loudness, gdouble drive,
    gdouble most)
{
  gchar *why = drive >= most - 1e-9 && most < NORMALIZATION_MAX_GAIN_DB ?
      g_strdup_printf ("where the limiter takes %.0f dB off the highest peak, "
      "the most it may", NORMALIZATION_MAX_LIMITING_DB) :
      g_strdup_printf ("at most %+.0f dB", most);

  GST_ELEMENT_WARNING (self, STREAM, FAILED,
      ("The master misses its %.1f LUFS target: %.2f LUFS at a drive of "
          "%+.1f dB (%s)", self->applied.target_lufs, loudness, drive, why),
      (NULL));
  g_free (why);
}

/* File mode at EOS: the drive that puts the limited output on the target
 * (gain_search.h), at most max_drive_db(), then the master. A master that
 * misses the target says so, and why. */
static GstFlowReturn
finish_file_programme (GstAudioMaster * self)
{
  gdouble target = self->applied.target_lufs, drive = 0.0;

  if (target < 0.0) {
    gain_search_result found;
    gdouble undriven, most;
    /* a first trial without drive measures the stage's peak, and gives
     * the search its first step */
    if (!render_trial (0.0, &undriven, self))
      return GST_FLOW_ERROR;
    most = max_drive_db (self);
    found = gain_search (target, isfinite (undriven) ? MIN (target - undriven,
            most) : 0.0, most, DRIVE_SEARCH_TOLERANCE_LU,
        DRIVE_SEARCH_MAX_TRIALS, render_trial, self);
    drive = found.gain_db;
    GST_INFO_OBJECT (self, "drive %+.3f dB (at most %+.3f): %.3f LUFS after "
        "%d trials", drive, most, found.loudness_lufs, found.trials);
    if (!(fabs (found.loudness_lufs - target) <= DRIVE_MISS_LU))
      warn_target_missed (self, found.loudness_lufs, drive, most);
  }
  /* the output's timeline is the input's */
  self->output.start = self->kept.start;
  return render_programme (self, drive, TRUE);
}

/* End of a programme (EOS, a new stream, new caps): everything held back
 * goes out. */
static GstFlowReturn
finish_programme (GstAudioMaster * self)
{
  GstFlowReturn ret = GST_FLOW_OK;

  if (!self->chain)
    return ret;
  if (self->applied_mode == GST_AUDIO_MASTER_MODE_FILE) {
    if (self->kept.frames > 0) {
      take_settings (self, self->kept.start);
      ret = finish_file_programme (self);
    }
  } else {
    ret = drain (self);
  }
  restart (self, &GST_AUDIO_FILTER (self)->info);
  return ret;
}

static gboolean
gst_audio_master_sink_event (GstBaseTransform * trans, GstEvent * event)
{
  GstAudioMaster *self = GST_AUDIO_MASTER (trans);

  switch (GST_EVENT_TYPE (event)) {
    case GST_EVENT_EOS:
    case GST_EVENT_STREAM_START:
      finish_programme (self);
      break;
    case GST_EVENT_CAPS:
      /* the old format's frames go out before the new caps */
      if (gst_delayed_output_caps_change (trans, event))
        finish_programme (self);
      break;
    case GST_EVENT_FLUSH_STOP:
      restart (self, &GST_AUDIO_FILTER (self)->info);
      break;
    case GST_EVENT_GAP:
      if (!self->chain || self->programme_frames + self->kept.frames == 0)
        break;
      /* file mode: kept as silence from the next buffer's timestamp; a GAP
       * now would overtake the programme */
      if (self->applied_mode == GST_AUDIO_MASTER_MODE_FILE) {
        gst_event_unref (event);
        return TRUE;
      }
      /* live: the audio still in the delay goes out before the GAP */
      discontinuity (self);
      break;
    default:
      break;
  }
  return GST_BASE_TRANSFORM_CLASS (gst_audio_master_parent_class)->sink_event
      (trans, event);
}

/* Live mode adds the chain's delay to upstream's latency; the sink asks
 * for F32 where upstream can give it. */
static gboolean
gst_audio_master_query (GstBaseTransform * trans, GstPadDirection direction,
    GstQuery * query)
{
  GstAudioMaster *self = GST_AUDIO_MASTER (trans);
  gint rate = GST_AUDIO_INFO_RATE (&GST_AUDIO_FILTER (self)->info);

  if (direction == GST_PAD_SINK && GST_QUERY_TYPE (query) == GST_QUERY_CAPS) {
    gboolean answered =
        GST_BASE_TRANSFORM_CLASS (gst_audio_master_parent_class)->query
        (trans, direction, query);
    if (answered)
      gst_float_caps_prefer_f32 (trans, query);
    return answered;
  }

  if (direction != GST_PAD_SRC || GST_QUERY_TYPE (query) != GST_QUERY_LATENCY
      || !self->chain || rate == 0
      || self->applied_mode != GST_AUDIO_MASTER_MODE_LIVE)
    return GST_BASE_TRANSFORM_CLASS (gst_audio_master_parent_class)->query
        (trans, direction, query);
  return gst_delayed_output_answer_latency (trans, query,
      gst_util_uint64_scale_int_round (master_latency (self->chain),
          GST_SECOND, rate));
}

static GstFlowReturn
gst_audio_master_generate_output (GstBaseTransform * trans, GstBuffer ** outbuf)
{
  GstAudioMaster *self = GST_AUDIO_MASTER (trans);
  GstBuffer *in = trans->queued_buf;
  gboolean ok;

  *outbuf = NULL;
  if (!in)
    return GST_FLOW_OK;
  trans->queued_buf = NULL;
  if (G_UNLIKELY (!self->chain)) {
    gst_buffer_unref (in);
    return GST_FLOW_NOT_NEGOTIATED;
  }
  if (self->applied_mode == GST_AUDIO_MASTER_MODE_LIVE) {
    take_settings (self, GST_BUFFER_PTS (in));
    return master_stream (self, in);
  }
  if (gst_kept_programme_ends_at (&self->kept, in)) {
    /* a long hole: a new programme (gstkeptprogramme.h) */
    GstFlowReturn ret = finish_programme (self);
    if (ret != GST_FLOW_OK) {
      gst_buffer_unref (in);
      return ret;
    }
  }
  ok = gst_kept_programme_keep (&self->kept, trans, "audiomaster mode=file",
      in, NULL, NULL);
  gst_buffer_unref (in);
  return ok ? GST_FLOW_OK : GST_FLOW_ERROR;
}
