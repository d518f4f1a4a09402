/* GStreamer mixmaster plug-in: mixstrip's continuous properties, a table
 * over the DSP's strip_params.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gstmixstripprops.h"

#include <math.h>

#include "strip.h"

#define FIELD(f) offsetof (strip_params, f)

const GstDoubleProp gst_mix_strip_double_props[] = {
  {"trim", "Trim", "Input gain, in dB (-24 to +24)", -24, 24, 0,
      FIELD (trim_db), ALWAYS_ON},
  {"highpass", "High-pass", "High-pass corner, in Hz (0 = off, 10 to 1000)",
      0, 1000, 0, FIELD (highpass_hz), 10, 1000},
  {"lowpass", "Low-pass", "Low-pass corner (12 dB/oct), in Hz (0 = off, "
        "1000 to 22000)", 0, 22000, 0, FIELD (lowpass_hz), 1000, 22000},
  {"eq-low-freq", "EQ low frequency", "Low shelf corner, in Hz (20 to 1000)",
      20, 1000, 100, FIELD (eq_low.freq_hz), ALWAYS_ON},
  {"eq-low-gain", "EQ low gain", "Low shelf gain, in dB (-24 to +24)", -24,
      24, 0, FIELD (eq_low.gain_db), ALWAYS_ON},
  {"eq-low-mid-freq", "EQ low-mid frequency", "Low-mid peak centre, in Hz "
        "(40 to 8000)", 40, 8000, 400, FIELD (eq_low_mid.freq_hz), ALWAYS_ON},
  {"eq-low-mid-gain", "EQ low-mid gain", "Low-mid peak gain, in dB (-24 to "
        "+24)", -24, 24, 0, FIELD (eq_low_mid.gain_db), ALWAYS_ON},
  {"eq-low-mid-q", "EQ low-mid Q", "Low-mid peak Q (0.1 to 10)", 0.1, 10, 1,
      FIELD (eq_low_mid.q), ALWAYS_ON},
  {"eq-high-mid-freq", "EQ high-mid frequency", "High-mid peak centre, in Hz "
        "(200 to 16000)", 200, 16000, 2500, FIELD (eq_high_mid.freq_hz),
      ALWAYS_ON},
  {"eq-high-mid-gain", "EQ high-mid gain",
        "High-mid peak gain, in dB (-24 to +24)", -24, 24, 0,
      FIELD (eq_high_mid.gain_db), ALWAYS_ON},
  {"eq-high-mid-q", "EQ high-mid Q", "High-mid peak Q (0.1 to 10)", 0.1, 10,
      1, FIELD (eq_high_mid.q), ALWAYS_ON},
  {"eq-high-freq", "EQ high frequency", "High shelf corner, in Hz (1000 to "
        "20000)", 1000, 20000, 8000, FIELD (eq_high.freq_hz), ALWAYS_ON},
  {"eq-high-gain", "EQ high gain", "High shelf gain, in dB (-24 to +24)",
      -24, 24, 0, FIELD (eq_high.gain_db), ALWAYS_ON},
  {"gate-threshold", "Gate threshold", "Level under which the gate closes, "
        "in dBFS (-100 = off, to 0)", -100, 0, -100,
      FIELD (gate.threshold_db), ALWAYS_ON},
  {"gate-range", "Gate range", "Attenuation of the closed gate, in dB (0 to "
        "100)", 0, 100, 80, FIELD (gate.range_db), ALWAYS_ON},
  {"gate-ratio", "Gate ratio", "1 = hard gate; above 1, a downward expander "
        "1:ratio (1 to 10)", 1, 10, 1, FIELD (gate.ratio), ALWAYS_ON},
  {"gate-attack", "Gate attack", "Time constant of opening, in ms (0.01 to "
        "100)", 0.01, 100, 1, FIELD (gate.attack_ms), ALWAYS_ON},
  {"gate-hold", "Gate hold", "Time the gate stays open after the level "
        "falls, in ms (0 to 2000)", 0, 2000, 50, FIELD (gate.hold_ms),
      ALWAYS_ON},
  {"gate-release", "Gate release",
        "Time constant of closing, in ms (1 to 5000)", 1, 5000, 100,
      FIELD (gate.release_ms), ALWAYS_ON},
  {"comp-threshold", "Compressor threshold",
        "Level above which the compressor works, in dBFS (-60 to 0)", -60, 0,
        -20,
      FIELD (compressor.threshold_db), ALWAYS_ON},
  {"comp-ratio", "Compressor ratio", "Input dB over the threshold per "
        "output dB (1 = off, to 1000, a limiter)", 1, 1000, 1,
      FIELD (compressor.ratio), ALWAYS_ON},
  {"comp-knee", "Compressor knee", "Width of the soft knee, in dB (0 = "
        "hard, to 24)", 0, 24, 6, FIELD (compressor.knee_db), ALWAYS_ON},
  {"comp-attack", "Compressor attack", "Time constant of the attack, in ms "
        "(0.01 to 500)", 0.01, 500, 10, FIELD (compressor.attack_ms),
      ALWAYS_ON},
  {"comp-release", "Compressor release",
        "Time constant of the release, in ms (1 to 5000)", 1, 5000, 100,
      FIELD (compressor.release_ms), ALWAYS_ON},
  {"comp-makeup", "Compressor makeup",
        "Gain after the compressor, in dB (-12 to +24)", -12, 24, 0,
      FIELD (compressor.makeup_db), ALWAYS_ON},
  {"comp-mix", "Compressor mix",
        "Compressed share of the output, for "
        "parallel compression (0 dry to 1 wet)", 0, 1, 1,
      FIELD (compressor.mix), ALWAYS_ON},
  {"comp-sidechain-highpass", "Compressor side-chain high-pass",
        "High-pass of what the detector hears, in Hz (0 = off, to 1000)", 0,
      1000, 0, FIELD (compressor.sidechain_highpass_hz), ALWAYS_ON},
  {"reverb-mix", "Reverb mix", "Reverb's share of the output (0 = off, to "
        "1)", 0, 1, 0, FIELD (reverb.mix), ALWAYS_ON},
  {"reverb-decay", "Reverb decay", "RT60 of the reverb, in seconds (0.1 to "
        "20)", 0.1, 20, 1.5, FIELD (reverb.decay_s), ALWAYS_ON},
  {"reverb-predelay", "Reverb predelay", "Delay before the reverb, in ms (0 "
        "to 250)", 0, 250, 10, FIELD (reverb.predelay_ms), ALWAYS_ON},
  {"reverb-damping", "Reverb damping", "How much sooner high frequencies die "
        "away (0 to 1)", 0, 1, 0.3, FIELD (reverb.damping), ALWAYS_ON},
  {"reverb-size", "Reverb size", "Room size, scales the reverb's delays "
        "(0.25 to 2)", 0.25, 2, 1, FIELD (reverb.size), ALWAYS_ON},
  {"pan", "Pan", "Position (-1 = left, to +1 = right)", -1, 1, 0, FIELD (pan),
      ALWAYS_ON},
  {"pan-law", "Pan law",
      "Level of a mono track at the centre, in dB (-6 to "
        "0; -3 keeps the power)", -6, 0, -3, FIELD (pan_law_db), ALWAYS_ON},
  {"width", "Width",
      "Stereo width of a stereo track: 0 mono, 1 unchanged, "
        "2 wide (0 to 2)", 0, 2, 1, FIELD (width), ALWAYS_ON},
  {"fader", "Fader", "Output level, in dB (-inf to +12)", -INFINITY, 12, 0,
      FIELD (fader_db), ALWAYS_ON},
};

const guint gst_mix_strip_n_double_props =
G_N_ELEMENTS (gst_mix_strip_double_props);
