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
 *   trim -> high-pass -> EQ (low shelf, mid peak, high shelf, tilt)
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
#include "gstenumtype.h"
#include "gstmetermessage.h"
#include "master.h"

GST_DEBUG_CATEGORY_STATIC (gst_audio_master_debug);
#define GST_CAT_DEFAULT gst_audio_master_debug

#define DEFAULT_MODE GST_AUDIO_MASTER_MODE_LIVE
#define DEFAULT_LOOKAHEAD_MS 5.0
/* live mode's leveler: the DSP's defaults, as loudnorm's (a 120 s window,
 * an 18 LU loudness range, rising 2 dB/s and falling 8 dB/s, frozen under
 * -50 LUFS), but up to +24 dB, as a quiet mixdown may need to reach a
 * streaming target */
#define LEVELER_MAX_GAIN_DB 24.0
/* and its gain lookahead (loudnorm's default), with a target set when the
 * stream starts */
#define LEVELER_GAIN_LOOKAHEAD_S 0.5
/* file mode: the drive search */
#define DRIVE_SEARCH_TOLERANCE_LU 0.02
#define DRIVE_SEARCH_MAX_TRIALS 10
/* a master further than this from its target missed it (a warning) */
#define DRIVE_MISS_LU 0.1

struct _GstAudioMaster
{
  GstLookaheadFilter parent;

  /* object lock */
  GstAudioMasterParams params;
  GstAudioMasterMode mode;
  /* The preset in effect is the chosen one while every continuous property
   * has its value, else custom. A property set explicitly keeps its value
   * whatever the order: the chosen preset fills in the others. */
  GstAudioMasterPreset preset;
  GstAudioMasterPreset chosen_preset;
  guint64 explicit_props;       /* gst_double_props_differing()'s sets */
  gdouble lookahead_ms;
  GstCommonSettings common;

  /* streaming thread */
  master *chain;
  GstAudioMasterParams applied;
  GstAudioMasterMode applied_mode;
  guint64 interval_applied;
  gboolean post_applied;
  GstMeterInterval message_interval;
};

enum
{
  PROP_0,
  /* 1 .. gst_audio_master_n_double_props: the table's doubles */
  PROP_MODE = 1000,
  PROP_PRESET,
  PROP_LOOKAHEAD,
};

#define ALLOWED_CAPS \
    "audio/x-raw, "                                                    \
    "format = (string) { " GST_AUDIO_NE (F32) ", " GST_AUDIO_NE (F64) " }, " \
    "rate = (int) [ 8000, 384000 ], "                                  \
    "channels = (int) [ 1, 2 ], "                                      \
    "layout = (string) interleaved"

static void gst_audio_master_preset_init (GstPresetInterface * iface);

G_DEFINE_TYPE_WITH_CODE (GstAudioMaster, gst_audio_master,
    GST_TYPE_LOOKAHEAD_FILTER, G_IMPLEMENT_INTERFACE (GST_TYPE_PRESET,
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

  return gst_enum_type_once (&type, "GstAudioMasterMode", values);
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
    if (klass->values[i].value != GST_AUDIO_MASTER_PRESET_CUSTOM)
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
      GST_AUDIO_MASTER_PRESET_CUSTOM : self->chosen_preset;
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
  } else if (!gst_common_settings_set (&self->common, prop_id, value)) {
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
          gst_audio_master_n_double_props, prop_id, value) &&
      !gst_common_settings_get (&self->common, prop_id, value)) {
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
  GstAudioMasterParams defaults = gst_audio_master_params_default ();

  gst_double_props_install (gobject_class, gst_audio_master_double_props,
      gst_audio_master_n_double_props, &defaults);
  g_object_class_install_property (gobject_class, PROP_MODE,
      g_param_spec_enum ("mode", "Mode", "How the loudness stage reaches "
          "the target: live (adaptive, one pass) or file (exact, keeps the "
          "whole input)", GST_TYPE_AUDIO_MASTER_MODE, DEFAULT_MODE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));
  g_object_class_install_property (gobject_class, PROP_PRESET,
      g_param_spec_enum ("preset", "Preset", "Sets the continuous "
          "properties not set explicitly to the preset's values, in any "
          "order; reads custom once one differs from it",
          GST_TYPE_AUDIO_MASTER_PRESET, GST_AUDIO_MASTER_PRESET_CUSTOM,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (gobject_class, PROP_LOOKAHEAD,
      g_param_spec_double ("lookahead", "Lookahead", "Time the limiter "
          "sees peaks coming, in ms (1 to 20); applies from the next caps",
          1.0, 20.0, DEFAULT_LOOKAHEAD_MS, G_PARAM_READWRITE |
          G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_READY));
  gst_common_settings_install (gobject_class, "audiomaster", FALSE, TRUE);
}

static void gst_audio_master_finalize (GObject * object);
static gboolean gst_audio_master_setup (GstAudioFilter * filter,
    const GstAudioInfo * info);
static gboolean gst_audio_master_stop (GstBaseTransform * trans);
static void gst_audio_master_install_lookahead (GstLookaheadFilterClass *
    lookahead_class);

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
  trans_class->stop = GST_DEBUG_FUNCPTR (gst_audio_master_stop);
  filter_class->setup = GST_DEBUG_FUNCPTR (gst_audio_master_setup);
  gst_audio_master_install_lookahead (GST_LOOKAHEAD_FILTER_CLASS (klass));
  gst_type_mark_as_plugin_api (GST_TYPE_AUDIO_MASTER_MODE, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_AUDIO_MASTER_PRESET, 0);
}

static void
gst_audio_master_init (GstAudioMaster * self)
{
  self->params = gst_audio_master_params_default ();
  self->mode = DEFAULT_MODE;
  self->preset = self->chosen_preset = GST_AUDIO_MASTER_PRESET_CUSTOM;
  self->explicit_props = 0;
  self->lookahead_ms = DEFAULT_LOOKAHEAD_MS;
  gst_common_settings_init (&self->common);
}

static void
gst_audio_master_finalize (GObject * object)
{
  GstAudioMaster *self = GST_AUDIO_MASTER (object);

  master_free (self->chain);
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

/* Live mode before every buffer, file mode once before its render: the
 * settings, handed to the chain when they changed (the controller values
 * were synced to the buffer's time). */
static gboolean
apply_settings (GstLookaheadFilter * filter)
{
  GstAudioMaster *self = GST_AUDIO_MASTER (filter);
  GstAudioMasterParams p;

  GST_OBJECT_LOCK (self);
  p = self->params;
  self->interval_applied = self->common.interval;
  self->post_applied = self->common.post_messages;
  GST_OBJECT_UNLOCK (self);
  if (memcmp (&p, &self->applied, sizeof (p)) != 0) {
    if (p.target_lufs != self->applied.target_lufs)
      set_loudness_stage (self, p.target_lufs);
    self->applied = p;
    master_set_params (self->chain, &p.chain);
  }
  return TRUE;
}

/* A new programme: silence in the chain, the messages' interval anew. */
static void
reset (GstLookaheadFilter * filter)
{
  GstAudioMaster *self = GST_AUDIO_MASTER (filter);

  if (self->chain)
    master_reset (self->chain);
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
  max_memory_mib = self->common.max_memory_mib;
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
  gst_lookahead_filter_prepare (GST_LOOKAHEAD_FILTER (self), info,
      self->applied_mode == GST_AUDIO_MASTER_MODE_FILE ?
      GST_LOOKAHEAD_PASS_KEEP : GST_LOOKAHEAD_PASS_STREAM, max_memory_mib);
  GST_DEBUG_OBJECT (self, "%u channels at %d Hz, latency %" G_GSIZE_FORMAT
      " frames", channels, rate, master_latency (chain));
  return TRUE;
}

static gboolean
gst_audio_master_stop (GstBaseTransform * trans)
{
  GstAudioMaster *self = GST_AUDIO_MASTER (trans);

  g_clear_pointer (&self->chain, master_free);
  return GST_BASE_TRANSFORM_CLASS (gst_audio_master_parent_class)->stop (trans);
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

/* Runs the chain over mapped frames in place; what goes out is split at
 * the message interval's boundaries, the first frame's time being `time`.
 * A drain's silence is not metered as input (master_drain_f32()); a
 * trial is measured by the chain's output meter only. */
static void
process (GstLookaheadFilter * filter, guint8 * data, guint64 frames,
    GstClockTime time, GstLookaheadRun run)
{
  GstAudioMaster *self = GST_AUDIO_MASTER (filter);
  const GstAudioInfo *info = &GST_AUDIO_FILTER (self)->info;
  gint rate = GST_AUDIO_INFO_RATE (info), bpf = GST_AUDIO_INFO_BPF (info);
  gboolean f64 = GST_AUDIO_INFO_FORMAT (info) == GST_AUDIO_FORMAT_F64;
  gboolean draining = run == GST_LOOKAHEAD_RUN_DRAIN;

  if (run == GST_LOOKAHEAD_RUN_TRIAL) {
    if (f64)
      master_process_f64 (self->chain, (double *) data, frames);
    else
      master_process_f32 (self->chain, (float *) data, frames);
    return;
  }
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

static guint64
delay (GstLookaheadFilter * filter)
{
  GstAudioMaster *self = GST_AUDIO_MASTER (filter);

  return self->chain ? master_latency (self->chain) : 0;
}

/* File mode: a render at a constant drive into the limiter. */
static void
begin_render (GstLookaheadFilter * filter, gdouble drive_db,
    G_GNUC_UNUSED GstLookaheadRun run)
{
  GstAudioMaster *self = GST_AUDIO_MASTER (filter);

  master_set_drive_db (self->chain, drive_db);
  master_reset (self->chain);
  self->message_interval.frames_left = 0;
}

static gdouble
trial_loudness (GstLookaheadFilter * filter)
{
  return loudness_meter_integrated (master_meter (GST_AUDIO_MASTER
          (filter)->chain, MASTER_OUTPUT));
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

/* File mode at the end of a programme: the settings at its start (once,
 * for the whole render), the drive that puts the limited output on the
 * target (gain_search.h), at most max_drive_db(), then the master. A
 * master that misses the target says so, and why. */
static GstFlowReturn
finish_kept (GstLookaheadFilter * filter)
{
  GstAudioMaster *self = GST_AUDIO_MASTER (filter);
  GstClockTime start = gst_lookahead_filter_programme_start (filter);
  GstClockTime stream_time =
      gst_segment_to_stream_time (&GST_BASE_TRANSFORM (self)->segment,
      GST_FORMAT_TIME, start);
  gdouble target, drive = 0.0;

  if (GST_CLOCK_TIME_IS_VALID (stream_time))
    gst_object_sync_values (GST_OBJECT (self), stream_time);
  apply_settings (filter);
  target = self->applied.target_lufs;
  if (target < 0.0) {
    gain_search_result found;
    gdouble undriven, most;
    /* a first trial without drive measures the stage's peak, and gives
     * the search its first step */
    if (!gst_lookahead_filter_trial (filter, 0.0, &undriven))
      return GST_FLOW_ERROR;
    most = max_drive_db (self);
    found = gst_lookahead_filter_search_gain (filter, target,
        isfinite (undriven) ? MIN (target - undriven, most) : 0.0, most,
        DRIVE_SEARCH_TOLERANCE_LU, DRIVE_SEARCH_MAX_TRIALS);
    drive = found.gain_db;
    GST_INFO_OBJECT (self, "drive %+.3f dB (at most %+.3f): %.3f LUFS after "
        "%d trials", drive, most, found.loudness_lufs, found.trials);
    if (!(fabs (found.loudness_lufs - target) <= DRIVE_MISS_LU))
      warn_target_missed (self, found.loudness_lufs, drive, most);
  }
  return gst_lookahead_filter_render (filter, drive, GST_LOOKAHEAD_RUN_RENDER);
}

static void
gst_audio_master_install_lookahead (GstLookaheadFilterClass * lookahead_class)
{
  lookahead_class->keep_pass_name = "audiomaster mode=file";
  lookahead_class->delay = delay;
  lookahead_class->apply_settings = apply_settings;
  lookahead_class->process = process;
  lookahead_class->reset = reset;
  lookahead_class->begin_render = begin_render;
  lookahead_class->trial_loudness = trial_loudness;
  lookahead_class->finish_kept = finish_kept;
}
