/* The loudness meter's contract beyond the EBU cases: channel layouts and
 * weights, every rate and channel count, bad input, and that feeding and
 * querying patterns never change the result.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kweighting.h"
#include "loudness_meter.h"
#include "signals.h"
#include "testing.h"

#define RATE 48000

static float *
noise (size_t frames, unsigned channels, double peak, unsigned long long seed)
{
  float *x = malloc (frames * channels * sizeof (float));
  for (size_t i = 0; i < frames * channels; i++)
    x[i] = (float) (peak * noise_uniform (&seed));
  return x;
}

/* BS.1770-4 Annex 3 weights by loudspeaker angle. */
static void
channel_weight_rule (void)
{
  CHECK_NEAR (loudness_channel_weight (30, 0, false), 1.0, 0);
  CHECK_NEAR (loudness_channel_weight (0, 0, false), 1.0, 0);
  CHECK_NEAR (loudness_channel_weight (110, 0, false), 1.41, 0);
  CHECK_NEAR (loudness_channel_weight (-110, 0, false), 1.41, 0);
  CHECK_NEAR (loudness_channel_weight (90, 0, false), 1.41, 0);
  CHECK_NEAR (loudness_channel_weight (60, 0, false), 1.41, 0);
  CHECK_NEAR (loudness_channel_weight (120, 0, false), 1.41, 0);
  CHECK_NEAR (loudness_channel_weight (135, 0, false), 1.0, 0);
  CHECK_NEAR (loudness_channel_weight (180, 0, false), 1.0, 0);
  CHECK_NEAR (loudness_channel_weight (110, 45, false), 1.0, 0);
  CHECK_NEAR (loudness_channel_weight (0, 0, true), 0.0, 0);
}

/* 5.1 (L R C LFE Ls Rs): a full-scale 50 Hz LFE must not change anything,
 * and the rest reads as Tech 3341 case 6 (-23.016 LUFS). */
static void
lfe_is_excluded (void)
{
  const double weights[6] = { 1, 1, 1, 0, 1.41, 1.41 };
  const double levels[6] = { -28, -28, -24, -INFINITY, -30, -30 };
  const tone_segment tone[] = { {20.0, 0.0} };
  size_t frames;
  float *mono = tone_sequence (RATE, 1000.0, tone, 1, &frames);
  float *six = interleave_copies (mono, frames, 6, levels);
  loudness_meter *quiet = loudness_meter_new (6, RATE);
  loudness_meter *loud = loudness_meter_new (6, RATE);

  for (unsigned ch = 0; ch < 6; ch++) {
    loudness_meter_set_channel_weight (quiet, ch, weights[ch]);
    loudness_meter_set_channel_weight (loud, ch, weights[ch]);
  }
  loudness_meter_add_f32 (quiet, six, frames);
  for (size_t i = 0; i < frames; i++)
    six[i * 6 + 3] = (float) sin (2.0 * M_PI * 50.0 * i / RATE);
  loudness_meter_add_f32 (loud, six, frames);

  CHECK_NEAR (loudness_meter_integrated (quiet), -23.016, 0.01);
  CHECK (loudness_meter_integrated (loud) == loudness_meter_integrated (quiet));
  CHECK (loudness_meter_max_momentary (loud) ==
      loudness_meter_max_momentary (quiet));
  CHECK (loudness_meter_loudness_range (loud) ==
      loudness_meter_loudness_range (quiet));
  /* the LFE's peaks are still reported */
  CHECK_NEAR (loudness_meter_sample_peak_db (loud, 3), 0.0, 0.01);
  loudness_meter_free (quiet);
  loudness_meter_free (loud);
  free (mono);
  free (six);
}

/* Tech 3341 calibration at every rate 8-384 kHz and 1-8 channels: a 997 Hz
 * sine at -18 dBFS peak in every channel reads -18 + 10 log10(N / 2) LUFS
 * and -18 dBTP. Reference section 3.2 allows 0.05 LU across rates. */
static void
every_rate_and_channel_count (void)
{
  static const unsigned rates[] = { 8000, 11025, 16000, 22050, 32000, 44100,
    48000, 88200, 96000, 176400, 192000, 352800, 384000
  };
  const tone_segment tone[] = { {5.0, -18.0} };
  testing_set_verbose (false);
  for (size_t r = 0; r < sizeof (rates) / sizeof (rates[0]); r++) {
    size_t frames;
    float *mono = tone_sequence (rates[r], 997.0, tone, 1, &frames);
    /* faded in over 10 ms: the waveform of an abrupt onset rings, and at
     * 8 kHz its true peak is +0.06 dB over the sine's (the independent
     * oracle reads the same) */
    for (size_t i = 0; i < rates[r] / 100; i++)
      mono[i] *= (float) (0.5 - 0.5 * cos (M_PI * i / (rates[r] / 100)));
    for (unsigned channels = 1; channels <= 8; channels++) {
      float *x = interleave_copies (mono, frames, channels, NULL);
      loudness_meter *m = loudness_meter_new (channels, rates[r]);
      loudness_meter_add_f32 (m, x, frames);
      double expected = -18.0 + 10.0 * log10 (channels / 2.0);
      if (!CHECK_NEAR (loudness_meter_integrated (m), expected, 0.05))
        printf ("    at %u Hz, %u channels\n", rates[r], channels);
      CHECK_NEAR (loudness_meter_momentary (m), expected, 0.05);
      if (!CHECK_NEAR (loudness_meter_true_peak_db (m, channels - 1), -18.0,
              0.05))
        printf ("    true peak at %u Hz, %u channels\n", rates[r], channels);
      loudness_meter_free (m);
      free (x);
    }
    free (mono);
  }
}

/* NaN and Inf samples are measured as silence; neither the filters nor the
 * gated results are poisoned, and the meter counts what it dropped. */
static void
nan_and_inf_input (void)
{
  const tone_segment tone[] = { {10.0, -20.0} };
  size_t frames;
  float *mono = tone_sequence (RATE, 1000.0, tone, 1, &frames);
  float *x = interleave_copies (mono, frames, 2, NULL);
  float bad[2 * 480];
  loudness_meter *m = loudness_meter_new (2, RATE);

  for (size_t i = 0; i < 2 * 480; i++)
    bad[i] = i % 3 == 0 ? NAN : (i % 3 == 1 ? INFINITY : -INFINITY);
  loudness_meter_add_f32 (m, x, frames);
  loudness_meter_add_f32 (m, bad, 480);
  loudness_meter_add_f32 (m, x, frames);

  CHECK (loudness_meter_invalid_subblocks (m) >= 1);
  CHECK_NEAR (loudness_meter_integrated (m), -19.99, 0.05);
  CHECK_NEAR (loudness_meter_momentary (m), -19.99, 0.05);
  CHECK_NEAR (loudness_meter_loudness_range (m), 0.0, 0.5);
  CHECK (isfinite (loudness_meter_max_momentary (m)));
  CHECK_NEAR (loudness_meter_true_peak_db (m, 0), -20.0, 0.05);
  CHECK_NEAR (loudness_meter_sample_peak_db (m, 1), -20.0, 0.05);
  loudness_meter_free (m);
  free (mono);
  free (x);
}

/* After a tone, long silence must leave the K-filter state exactly zero,
 * not subnormal (x86 computes subnormals ~100x slower). */
static void
no_subnormal_filter_state (void)
{
  kweighting_coeffs c;
  kweighting_state s;
  static float x[48000];
  kweighting_design (&c, RATE);
  kweighting_reset (&s);
  for (size_t i = 0; i < 48000; i++)
    x[i] = (float) sin (2.0 * M_PI * 40.0 * i / RATE);
  kweighting_energy (&c, &s, x, 48000);
  memset (x, 0, sizeof (x));
  for (int second = 0; second < 60; second++)
    kweighting_energy (&c, &s, x, 48000);
  CHECK (fpclassify (s.shelf.s1) != FP_SUBNORMAL);
  CHECK (fpclassify (s.shelf.s2) != FP_SUBNORMAL);
  CHECK (fpclassify (s.highpass.s1) != FP_SUBNORMAL);
  CHECK (fpclassify (s.highpass.s2) != FP_SUBNORMAL);
  CHECK (s.highpass.s1 == 0.0 && s.highpass.s2 == 0.0);

  /* subnormal input samples: results stay finite or -inf, never NaN */
  loudness_meter *m = loudness_meter_new (1, RATE);
  for (size_t i = 0; i < 48000; i++)
    x[i] = (i & 1) ? 1e-40f : -1e-40f;
  loudness_meter_add_f32 (m, x, 48000);
  CHECK (!isnan (loudness_meter_momentary (m)));
  CHECK (isinf (loudness_meter_integrated (m)));
  loudness_meter_free (m);
}

static void
silence_reads_minus_inf (void)
{
  loudness_meter *m = loudness_meter_new (2, RATE);
  loudness_meter_add_silence (m, 5 * RATE);
  CHECK (isinf (loudness_meter_momentary (m)) &&
      loudness_meter_momentary (m) < 0);
  CHECK (isinf (loudness_meter_short_term (m)));
  CHECK (isinf (loudness_meter_integrated (m)));
  CHECK (isinf (loudness_meter_max_momentary (m)));
  CHECK (isinf (loudness_meter_max_short_term (m)));
  CHECK (isinf (loudness_meter_relative_threshold (m)));
  CHECK (loudness_meter_loudness_range (m) == 0.0);
  CHECK (isinf (loudness_meter_true_peak_db (m, 0)));
  CHECK (isinf (loudness_meter_sample_peak_db (m, 1)));
  CHECK (loudness_meter_frames (m) == 5 * RATE);
  loudness_meter_free (m);
}

typedef struct
{
  double integrated, range, max_m, max_s, momentary, short_term, tp, sp;
} results;

static results
results_of (const loudness_meter * m)
{
  results r = { loudness_meter_integrated (m),
    loudness_meter_loudness_range (m), loudness_meter_max_momentary (m),
    loudness_meter_max_short_term (m), loudness_meter_momentary (m),
    loudness_meter_short_term (m), loudness_meter_true_peak_db (m, 1),
    loudness_meter_sample_peak_db (m, 0)
  };
  return r;
}

static void
check_same_results (results a, results b, double tolerance)
{
  CHECK_NEAR (a.integrated, b.integrated, tolerance);
  CHECK_NEAR (a.range, b.range, tolerance);
  CHECK_NEAR (a.max_m, b.max_m, tolerance);
  CHECK_NEAR (a.max_s, b.max_s, tolerance);
  CHECK_NEAR (a.momentary, b.momentary, tolerance);
  CHECK_NEAR (a.short_term, b.short_term, tolerance);
  CHECK_NEAR (a.tp, b.tp, tolerance);
  CHECK_NEAR (a.sp, b.sp, tolerance);
}

/* Block size, queries between blocks, sample format and reset leave the
 * measurement unchanged. */
static void
feeding_does_not_matter (void)
{
  const size_t frames = 12 * RATE;
  float *x = noise (frames, 2, 0.3, 42);
  double *x64 = malloc (frames * 2 * sizeof (double));
  loudness_meter *whole = loudness_meter_new (2, RATE);
  loudness_meter *pieces = loudness_meter_new (2, RATE);
  loudness_meter *queried = loudness_meter_new (2, RATE);
  loudness_meter *f64 = loudness_meter_new (2, RATE);

  /* a level change, so the range and the gates have work to do */
  for (size_t i = 6 * RATE * 2; i < frames * 2; i++)
    x[i] *= 0.1f;
  for (size_t i = 0; i < frames * 2; i++)
    x64[i] = x[i];

  loudness_meter_add_f32 (whole, x, frames);
  for (size_t pos = 0, k = 1; pos < frames; pos += k, k = k * 3 % 5000 + 1)
    loudness_meter_add_f32 (pieces, x + 2 * pos,
        k < frames - pos ? k : frames - pos);
  for (size_t pos = 0; pos < frames; pos += 480) {
    loudness_meter_add_f32 (queried, x + 2 * pos, 480);
    (void) results_of (queried);
  }
  loudness_meter_add_f64 (f64, x64, frames);

  results expected = results_of (whole);
  CHECK (isfinite (expected.integrated) && expected.range > 5.0);
  check_same_results (results_of (pieces), expected, 1e-9);
  check_same_results (results_of (queried), expected, 1e-9);
  check_same_results (results_of (f64), expected, 0.0);

  loudness_meter_reset (whole);
  CHECK (isinf (loudness_meter_integrated (whole)));
  loudness_meter_add_f32 (whole, x, frames);
  check_same_results (results_of (whole), expected, 0.0);

  loudness_meter_free (whole);
  loudness_meter_free (pieces);
  loudness_meter_free (queried);
  loudness_meter_free (f64);
  free (x);
  free (x64);
}

/* Less than one gating block: no integrated loudness and no maxima yet,
 * but a momentary value (the window before the start counts as silence). */
static void
shorter_than_a_block (void)
{
  const tone_segment tone[] = { {0.3, -23.0} };
  size_t frames;
  float *mono = tone_sequence (RATE, 1000.0, tone, 1, &frames);
  loudness_meter *m = loudness_meter_new (1, RATE);
  loudness_meter_add_f32 (m, mono, frames);
  CHECK (isinf (loudness_meter_integrated (m)));
  CHECK (isinf (loudness_meter_max_momentary (m)));
  /* mono at -23 dBFS: -26.01 LUFS over 0.3 s of a 0.4 s window */
  CHECK_NEAR (loudness_meter_momentary (m),
      -26.01 + 10.0 * log10 (0.3 / 0.4), 0.05);
  loudness_meter_free (m);
  free (mono);
}

static void
invalid_construction (void)
{
  CHECK (loudness_meter_new (0, RATE) == NULL);
  CHECK (loudness_meter_new (LOUDNESS_METER_MAX_CHANNELS + 1, RATE) == NULL);
  CHECK (loudness_meter_new (2, 50) == NULL);
}

static const test_case cases[] = {
  {"channel_weight_rule", channel_weight_rule},
  {"lfe_is_excluded", lfe_is_excluded},
  {"every_rate_and_channel_count", every_rate_and_channel_count},
  {"nan_and_inf_input", nan_and_inf_input},
  {"no_subnormal_filter_state", no_subnormal_filter_state},
  {"silence_reads_minus_inf", silence_reads_minus_inf},
  {"feeding_does_not_matter", feeding_does_not_matter},
  {"shorter_than_a_block", shorter_than_a_block},
  {"invalid_construction", invalid_construction},
};

TEST_MAIN (cases)
