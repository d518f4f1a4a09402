/* GStreamer mixmaster plug-in: mixstrip's continuous properties, a table
 * over the DSP's strip_params.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gstmixstripprops.h"

#include <math.h>

#include "strip.h"

#define FIELD(f) offsetof (strip_params, f)

const GstDoubleProp gst_mix_strip_double_props[] = {
  {"trim", "Trim", "Input gain, in dB (-24 to +24)", -24, 24,
      FIELD (trim_db), CONTINUOUS},
  {"highpass", "High-pass", "High-pass corner, in Hz (0 = off, 10 to 1000)",
      0, 1000, FIELD (highpass_hz), CONTINUOUS_OR_OFF (10, 1000)},
  {"lowpass", "Low-pass", "Low-pass corner (12 dB/oct), in Hz (0 = off, "
        "1000 to 22000)", 0, 22000, FIELD (lowpass_hz), CONTINUOUS_OR_OFF (1000,
          22000)},
  {"eq-low-freq", "EQ low frequency", "Low shelf corner, in Hz (20 to 1000)",
      20, 1000, FIELD (eq_low.freq_hz), CONTINUOUS},
  {"eq-low-gain", "EQ low gain", "Low shelf gain, in dB (-24 to +24)", -24,
      24, FIELD (eq_low.gain_db), CONTINUOUS},
  {"eq-low-mid-freq", "EQ low-mid frequency", "Low-mid peak centre, in Hz "
        "(40 to 8000)", 40, 8000, FIELD (eq_low_mid.freq_hz), CONTINUOUS},
  {"eq-low-mid-gain", "EQ low-mid gain", "Low-mid peak gain, in dB (-24 to "
        "+24)", -24, 24, FIELD (eq_low_mid.gain_db), CONTINUOUS},
  {"eq-low-mid-q", "EQ low-mid Q", "Low-mid peak Q (0.1 to 10)", 0.1, 10,
      FIELD (eq_low_mid.q), CONTINUOUS},
  {"eq-high-mid-freq", "EQ high-mid frequency", "High-mid peak centre, in Hz "
        "(200 to 16000)", 200, 16000, FIELD (eq_high_mid.freq_hz),
      CONTINUOUS},
  {"eq-high-mid-gain", "EQ high-mid gain",
        "High-mid peak gain, in dB (-24 to +24)", -24, 24,
      FIELD (eq_high_mid.gain_db), CONTINUOUS},
  {"eq-high-mid-q", "EQ high-mid Q", "High-mid peak Q (0.1 to 10)", 0.1, 10,
      FIELD (eq_high_mid.q), CONTINUOUS},
  {"eq-high-freq", "EQ high frequency", "High shelf corner, in Hz (1000 to "
        "20000)", 1000, 20000, FIELD (eq_high.freq_hz), CONTINUOUS},
  {"eq-high-gain", "EQ high gain", "High shelf gain, in dB (-24 to +24)",
      -24, 24, FIELD (eq_high.gain_db), CONTINUOUS},
  {"gate-threshold", "Gate threshold", "Level under which the gate closes, "
        "in dBFS (-100 = off, to 0)", -100, 0,
      FIELD (gate.threshold_db), CONTINUOUS},
  {"gate-range", "Gate range", "Attenuation of the closed gate, in dB (0 to "
        "100)", 0, 100, FIELD (gate.range_db), CONTINUOUS},
  {"gate-ratio", "Gate ratio", "1 = hard gate; above 1, a downward expander "
        "1:ratio (1 to 10)", 1, 10, FIELD (gate.ratio), CONTINUOUS},
  {"gate-attack", "Gate attack", "Time constant of opening, in ms (0.01 to "
        "100)", 0.01, 100, FIELD (gate.attack_ms), CONTINUOUS},
  {"gate-hold", "Gate hold", "Time the gate stays open after the level "
        "falls, in ms (0 to 2000)", 0, 2000, FIELD (gate.hold_ms),
      CONTINUOUS},
  {"gate-release", "Gate release",
        "Time constant of closing, in ms (1 to 5000)", 1, 5000,
      FIELD (gate.release_ms), CONTINUOUS},
  {"comp-threshold", "Compressor threshold",
        "Level above which the compressor works, in dBFS (-60 to 0)", -60, 0,

      FIELD (compressor.threshold_db), CONTINUOUS},
  {"comp-ratio", "Compressor ratio", "Input dB over the threshold per "
        "output dB (1 = off, to 1000, a limiter)", 1, 1000,
      FIELD (compressor.ratio), CONTINUOUS},
  {"comp-knee", "Compressor knee", "Width of the soft knee, in dB (0 = "
        "hard, to 24)", 0, 24, FIELD (compressor.knee_db), CONTINUOUS},
  {"comp-attack", "Compressor attack", "Time constant of the attack, in ms "
        "(0.01 to 500)", 0.01, 500, FIELD (compressor.attack_ms),
      CONTINUOUS},
  {"comp-release", "Compressor release",
        "Time constant of the release, in ms (1 to 5000)", 1, 5000,
      FIELD (compressor.release_ms), CONTINUOUS},
  {"comp-makeup", "Compressor makeup",
        "Gain after the compressor, in dB (-12 to +24)", -12, 24,
      FIELD (compressor.makeup_db), CONTINUOUS},
  {"comp-mix", "Compressor mix",
        "Compressed share of the output, for "
        "parallel compression (0 dry to 1 wet)", 0, 1,
      FIELD (compressor.mix), CONTINUOUS},
  {"comp-sidechain-highpass", "Compressor side-chain high-pass",
        "High-pass of what the detector hears, in Hz (0 = off, to 1000)", 0,
      1000, FIELD (compressor.sidechain_highpass_hz), CONTINUOUS},
  {"reverb-mix", "Reverb mix", "Reverb's share of the output (0 = off, to "
        "1)", 0, 1, FIELD (reverb.mix), CONTINUOUS},
  {"reverb-decay", "Reverb decay", "RT60 of the reverb, in seconds (0.1 to "
        "20)", 0.1, 20, FIELD (reverb.decay_s), CONTINUOUS},
  {"reverb-predelay", "Reverb predelay", "Delay before the reverb, in ms (0 "
        "to 250)", 0, 250, FIELD (reverb.predelay_ms), CONTINUOUS},
  {"reverb-damping", "Reverb damping", "How much sooner high frequencies die "
        "away (0 to 1)", 0, 1, FIELD (reverb.damping), CONTINUOUS},
  {"reverb-size", "Reverb size", "Room size, scales the reverb's delays "
        "(0.25 to 2)", 0.25, 2, FIELD (reverb.size), CONTINUOUS},
  {"pan", "Pan", "Position (-1 = left, to +1 = right)", -1, 1, FIELD (pan),
      CONTINUOUS},
  {"pan-law", "Pan law",
      "Level of a mono track at the centre, in dB (-6 to "
        "0; -3 keeps the power)", -6, 0, FIELD (pan_law_db), CONTINUOUS},
  {"width", "Width",
      "Stereo width of a stereo track: 0 mono, 1 unchanged, "
        "2 wide (0 to 2)", 0, 2, FIELD (width), CONTINUOUS},
  {"fader", "Fader", "Output level, in dB (-inf to +12)", -INFINITY, 12,
      FIELD (fader_db), CONTINUOUS},
};

const guint gst_mix_strip_n_double_props =
G_N_ELEMENTS (gst_mix_strip_double_props);
