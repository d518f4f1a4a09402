/* GStreamer mixmaster plug-in: audiomaster's continuous properties and
 * built-in presets.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gstaudiomasterprops.h"
#include "gstenumtype.h"

#include <gst/gst.h>
#include <math.h>

#define FIELD(f) offsetof (GstAudioMasterParams, f)
/* A band's five properties: `b`-threshold, -ratio, -attack, -release and
 * -makeup over chain.band[i]. */
#define BAND_PROPS(b, B, i)                                                 \
  {#b "-threshold", B " threshold", "Level above which the " #b             \
        " band's compressor works, in dBFS (-60 to 0)", -60, 0,             \
      FIELD (chain.band[i].threshold_db), CONTINUOUS},                      \
  {#b "-ratio", B " ratio", "Input dB over the threshold per output dB "    \
        "in the " #b " band (1 = off, to 20)", 1, 20,                       \
      FIELD (chain.band[i].ratio), CONTINUOUS},                             \
  {#b "-attack", B " attack", "Time constant of the " #b " band's "         \
        "attack, in ms (0.1 to 500)", 0.1, 500,                             \
      FIELD (chain.band[i].attack_ms), CONTINUOUS},                         \
  {#b "-release", B " release", "Time constant of the " #b " band's "       \
        "release, in ms (5 to 5000)", 5, 5000,                              \
      FIELD (chain.band[i].release_ms), CONTINUOUS},                        \
  {#b "-makeup", B " makeup", "Gain after the " #b " band's "               \
        "compressor, in dB (-12 to +24)", -12, 24,                          \
      FIELD (chain.band[i].makeup_db), CONTINUOUS}

const GstDoubleProp gst_audio_master_double_props[] = {
  {"trim", "Trim", "Gain into the chain, in dB (-24 to +24)",
      -24, 24, FIELD (chain.input_gain_db), CONTINUOUS},
  {"highpass", "High-pass", "High-pass corner (24 dB/oct), in Hz (0 = off, to "
        "500)", 0, 500, FIELD (chain.low_cut_hz), CONTINUOUS},
  {"eq-low-freq", "EQ low frequency", "Low shelf corner, in Hz (20 to 1000)",
      20, 1000, FIELD (chain.eq_low_hz), CONTINUOUS},
  {"eq-low-gain", "EQ low gain", "Low shelf gain, in dB (-12 to +12)", -12,
      12, FIELD (chain.eq_low_db), CONTINUOUS},
  {"eq-mid-freq", "EQ mid frequency", "Mid peak centre, in Hz (100 to "
        "10000)", 100, 10000, FIELD (chain.eq_mid_hz), CONTINUOUS},
  {"eq-mid-gain", "EQ mid gain", "Mid peak gain, in dB (-12 to +12)", -12,
      12, FIELD (chain.eq_mid_db), CONTINUOUS},
  {"eq-mid-q", "EQ mid Q", "Mid peak Q (0.1 to 10)", 0.1, 10,
      FIELD (chain.eq_mid_q), CONTINUOUS},
  {"eq-high-freq", "EQ high frequency", "High shelf corner, in Hz (1000 to "
        "20000)", 1000, 20000, FIELD (chain.eq_high_hz), CONTINUOUS},
  {"eq-high-gain", "EQ high gain", "High shelf gain, in dB (-12 to +12)",
      -12, 12, FIELD (chain.eq_high_db), CONTINUOUS},
  {"eq-tilt", "EQ tilt", "Spectral tilt around 1 kHz, in dB per octave "
        "(-3 to +3; positive brightens)", -3, 3,
      FIELD (chain.eq_tilt_db_per_oct), CONTINUOUS},
  {"crossover-low", "Low crossover", "Split between the low and mid bands "
        "(Linkwitz-Riley 4th order), in Hz (40 to 1000)", 40, 1000,
      FIELD (chain.crossover_low_hz), CONTINUOUS},
  {"crossover-high", "High crossover", "Split between the mid and high "
        "bands (Linkwitz-Riley 4th order), in Hz (1000 to 16000)", 1000,
      16000, FIELD (chain.crossover_high_hz), CONTINUOUS},
  BAND_PROPS (low, "Low", 0),
  BAND_PROPS (mid, "Mid", 1),
  BAND_PROPS (high, "High", 2),
  {"width", "Width",
      "Stereo width, mid/side: 0 mono, 1 unchanged, 2 wide (0 to 2; "
        "stereo only)", 0, 2, FIELD (chain.width), CONTINUOUS},
  {"bass-mono", "Bass mono",
        "Frequency under which the programme is made "
        "mono, in Hz (0 = off, to 500; stereo only)", 0, 500,
      FIELD (chain.bass_mono_hz), CONTINUOUS},
  {"saturation", "Saturation", "Soft-clip drive, oversampled (0 = off, "
        "to 1)", 0, 1, FIELD (chain.saturation), CONTINUOUS},
  {"reverb-mix", "Reverb mix", "Ambience reverb's share of the output (0 = "
        "off, to 1)", 0, 1, FIELD (chain.ambience.mix), CONTINUOUS},
  {"target", "Target", "Loudness of the output, in LUFS (0 = no target, "
        "-40 to -5): the loudness stage drives the limiter to it", -40, 0,
      FIELD (target_lufs), CONTINUOUS_OR_OFF (-40, -5)},
  {"ceiling", "Ceiling", "Highest true peak of the output, in dBTP (-12 "
        "to 0)", -12, 0, FIELD (chain.ceiling_dbtp), CONTINUOUS},
  {"limiter-release", "Limiter release", "Time constant of the limiter's "
        "recovery, in ms (1 to 1000)", 1, 1000,
      FIELD (chain.release_ms), CONTINUOUS},
};

/* explicit settings are kept in a 64-bit set (gstdoubleprops.h) */
G_STATIC_ASSERT (G_N_ELEMENTS (gst_audio_master_double_props) <= 64);

const guint gst_audio_master_n_double_props =
G_N_ELEMENTS (gst_audio_master_double_props);

GstAudioMasterParams
gst_audio_master_params_default (void)
{
  GstAudioMasterParams p = { master_params_default (), 0.0 };

  return p;
}

GType
gst_audio_master_preset_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {GST_AUDIO_MASTER_PRESET_CUSTOM, "No preset: the defaults, or what was "
          "set", "custom"},
    {GST_AUDIO_MASTER_PRESET_GENTLE, "Gentle glue: light 3-band "
          "compression, no loudness target, -1 dBTP", "gentle"},
    {GST_AUDIO_MASTER_PRESET_STREAMING, "Streaming platforms: -14 LUFS, "
          "-1 dBTP", "streaming"},
    {GST_AUDIO_MASTER_PRESET_BROADCAST, "Broadcast, EBU R128: -23 LUFS, "
          "-1 dBTP", "broadcast"},
    {GST_AUDIO_MASTER_PRESET_CD_LOUD, "Loud CD master: -9 LUFS, -0.3 dBTP, "
          "firmer compression and saturation", "cd-loud"},
    {GST_AUDIO_MASTER_PRESET_PODCAST_VOICE, "Spoken word: low cut, "
          "presence, -16 LUFS, -1 dBTP", "podcast-voice"},
    {0, NULL, NULL},
  };

  return gst_enum_type_once (&type, "GstAudioMasterPreset", values);
}

gint
gst_audio_master_preset_from_name (const gchar * name)
{
  GEnumClass *klass = g_type_class_ref (GST_TYPE_AUDIO_MASTER_PRESET);
  GEnumValue *v = g_enum_get_value_by_nick (klass, name);
  gint preset = v ? v->value : -1;

  g_type_class_unref (klass);
  return preset;
}

/* The three bands alike: threshold, ratio, attack, release. */
static void
set_bands (master_params * p, double threshold_db, double ratio,
    double attack_ms, double release_ms)
{
  for (int b = 0; b < MULTIBAND_BANDS; b++) {
    p->band[b].threshold_db = threshold_db;
    p->band[b].ratio = ratio;
    p->band[b].attack_ms = attack_ms;
    p->band[b].release_ms = release_ms;
  }
}

GstAudioMasterParams
gst_audio_master_preset_params (GstAudioMasterPreset preset)
{
  GstAudioMasterParams p = gst_audio_master_params_default ();
  master_params *c = &p.chain;

  switch (preset) {
    case GST_AUDIO_MASTER_PRESET_GENTLE:
      /* 1.5:1 from -24 dBFS: a dB or two of glue on a mixed programme */
      set_bands (c, -24.0, 1.5, 30.0, 250.0);
      break;
    case GST_AUDIO_MASTER_PRESET_STREAMING:
      set_bands (c, -20.0, 2.0, 20.0, 200.0);
      p.target_lufs = -14.0;
      break;
    case GST_AUDIO_MASTER_PRESET_BROADCAST:
      /* EBU R128: loudness from the target, dynamics kept */
      set_bands (c, -24.0, 1.5, 30.0, 300.0);
      p.target_lufs = -23.0;
      break;
    case GST_AUDIO_MASTER_PRESET_CD_LOUD:
      set_bands (c, -18.0, 3.0, 10.0, 150.0);
      c->band[0].attack_ms = 30.0;      /* lows: slower, no pumping */
      c->saturation = 0.2;
      c->bass_mono_hz = 120.0;
      c->ceiling_dbtp = -0.3;
      c->release_ms = 50.0;
      p.target_lufs = -9.0;
      break;
    case GST_AUDIO_MASTER_PRESET_PODCAST_VOICE:
      /* AES TD1004 / Apple Podcasts: -16 LUFS, -1 dBTP */
      c->low_cut_hz = 80.0;
      c->eq_mid_hz = 3000.0;
      c->eq_mid_db = 2.0;
      c->eq_mid_q = 1.0;
      set_bands (c, -24.0, 3.0, 10.0, 150.0);
      c->band[0].ratio = 2.0;
      p.target_lufs = -16.0;
      break;
    case GST_AUDIO_MASTER_PRESET_CUSTOM:
    default:
      break;
  }
  return p;
}
