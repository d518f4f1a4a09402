/* The lookahead true-peak limiter: ceiling held on the hardest signals as
 * measured by two independent 4x true-peak meters (ours and libebur128),
 * transparent below it, exact latency, release time constant, linked
 * channels, every rate and channel count, bad input.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <ebur128.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limiter.h"
#include "loudness_meter.h"
#include "oversampled_peak.h"
#include "signals.h"
#include "testing.h"

#define RATE 48000
#define LOOKAHEAD_MS 5.0
/* our meter reads as the limiter's detector does */
#define CEILING_TOLERANCE_DB 0.01
/* libebur128's interpolator (BS.1770's example filter) over-reads: +0.11 dB
 * on a lone sine at 0.33 fs, and up to 0.23 dB on the dense content below,
 * where the oracle reads the ceiling */
#define LIBEBUR128_TOLERANCE_DB 0.25
/* the waveform itself, as the oracle reconstructs it, for content up to
 * 0.45 fs, and for a full-band signal (noise up to Nyquist, aliased
 * squares), whose content above 0.47 fs no interpolator of this length
 * reads in full */
#define BAND_LIMITED_TOLERANCE_DB 0.01
#define FULL_BAND_TOLERANCE_DB 0.25

/* Limits x (frames x channels) and returns the output aligned with the
 * input: latency frames of silence are fed at the end to drain it, and
 * the first latency output frames (the delay line's initial silence) are
 * dropped. Block sizes vary to exercise the chunking. */
static float *
limit (limiter * l, const float *x, size_t frames, unsigned channels)
{
  size_t latency = limiter_latency (l), total = frames + latency;
  float *buffer = calloc (total * channels, sizeof (float));
  float *out = malloc (frames * channels * sizeof (float) + 1);

  memcpy (buffer, x, frames * channels * sizeof (float));
  for (size_t pos = 0, k = 1; pos < total; pos += k, k = k * 7 % 1500 + 1)
    limiter_process_f32 (l, buffer + pos * channels,
        k < total - pos ? k : total - pos);
  memcpy (out, buffer + latency * channels, frames * channels * sizeof (float));
  free (buffer);
  return out;
}

static double
true_peak_ours (const float *x, size_t frames, unsigned channels, unsigned rate)
{
  loudness_meter *m = loudness_meter_new (channels, rate);
  double peak = -INFINITY;
  loudness_meter_add_f32 (m, x, frames);
  for (unsigned c = 0; c < channels; c++)
    peak = fmax (peak, loudness_meter_true_peak_db (m, c));
  loudness_meter_free (m);
  return peak;
}

static double
true_peak_libebur128 (const float *x, size_t frames, unsigned channels,
    unsigned rate)
{
  ebur128_state *e = ebur128_init (channels, rate, EBUR128_MODE_TRUE_PEAK);
  double peak = 0.0, v;
  ebur128_add_frames_float (e, x, frames);
  for (unsigned c = 0; c < channels; c++) {
    ebur128_true_peak (e, c, &v);
    peak = fmax (peak, v);
  }
  ebur128_destroy (&e);
  return 20.0 * log10 (peak);
}

/* The waveform's peak by the independent oracle (oversampled_peak.h), in
 * dBTP over every channel. */
static double
true_peak_oracle (const float *x, size_t frames, unsigned channels,
    double floor_db)
{
  double *d = malloc (frames * channels * sizeof (double)), peak = 0.0;
  for (size_t i = 0; i < frames * channels; i++)
    d[i] = x[i];
  for (unsigned c = 0; c < channels; c++)
    peak = fmax (peak, oversampled_peak (d, frames, channels, c,
            pow (10.0, floor_db / 20.0)));
  free (d);
  return 20.0 * log10 (peak);
}

/* Limits at `ceiling` and checks the output's true peak with both meters
 * (within 0.1 dB, the meters' own tolerance) and with the oracle (within
 * oracle_tolerance_db: the detector is exact to 0.47 fs, and signals with
 * strong content above that are allowed more); also that it is not
 * over-limited: the oracle's peak comes within 0.1 dB of the ceiling
 * (a limiter that holds 1 dB too low is as wrong as one that lets 1 dB
 * through). */
static void
check_ceiling (const char *what, const float *x, size_t frames,
    unsigned channels, unsigned rate, double ceiling,
    double oracle_tolerance_db)
{
  limiter *l = limiter_new (channels, rate, LOOKAHEAD_MS);
  limiter_set_ceiling_db (l, ceiling);
  float *y = limit (l, x, frames, channels);
  double ours = true_peak_ours (y, frames, channels, rate);
  double theirs = true_peak_libebur128 (y, frames, channels, rate);
  double oracle = true_peak_oracle (y, frames, channels, ceiling - 0.5);

  printf ("  %s at %u Hz: input %+.2f dBTP, output %+.3f (ours) %+.3f "
      "(libebur128) %+.3f (oracle), ceiling %+.1f\n", what, rate,
      true_peak_ours (x, frames, channels, rate), ours, theirs, oracle,
      ceiling);
  CHECK (oracle <= ceiling + oracle_tolerance_db);
  CHECK (ours <= ceiling + CEILING_TOLERANCE_DB);
  CHECK (theirs <= ceiling + LIBEBUR128_TOLERANCE_DB);
  CHECK (oracle >= ceiling - 0.1);
  limiter_free (l);
  free (y);
}

/* Music-like: a chord with tremolo over low-passed noise, level steps;
 * then driven `drive_db` hot. */
static float *
hot_programme (unsigned rate, unsigned channels, double seconds,
    double drive_db, size_t *frames)
{
  unsigned long long seed = 5;
  double lowpassed[8] = { 0 }, gain = 1.0;
  *frames = (size_t) (seconds * rate);
  float *x = malloc (*frames * channels * sizeof (float));
  for (size_t i = 0; i < *frames; i++) {
    double t = (double) i / rate;
    if (i % (rate / 2) == 0)
      gain = pow (10.0, (drive_db - 12.0 * 0.5 * (noise_uniform (&seed) +
                  1.0)) / 20.0);
    double chord = sin (2 * M_PI * 82.4 * t) + 0.7 * sin (2 * M_PI * 196 * t)
        + 0.4 * sin (2 * M_PI * 1318 * t) + 0.2 * sin (2 * M_PI * 7040 * t);
    for (unsigned c = 0; c < channels; c++) {
      lowpassed[c] += 0.5 * (noise_uniform (&seed) - lowpassed[c]);
      x[i * channels + c] = (float) (gain * 0.5 * (0.6 * chord +
              0.8 * lowpassed[c]));
    }
  }
  return x;
}

static void
ceiling_on_hot_music (void)
{
  const unsigned rates[] = { 44100, 48000, 96000 };
  for (int r = 0; r < 3; r++) {
    size_t frames;
    float *x = hot_programme (rates[r], 2, 20.0, 12.0, &frames);
    check_ceiling ("music +12 dB", x, frames, 2, rates[r], -1.0,
        FULL_BAND_TOLERANCE_DB);
    check_ceiling ("music +12 dB", x, frames, 2, rates[r], -0.3,
        FULL_BAND_TOLERANCE_DB);
    free (x);
  }
}

/* Music-like and band-limited to 0.45 fs, as mastered music is: 32
 * partials per channel from 40 Hz to 0.45 fs (a third of them above
 * 0.3 fs, where a short interpolator under-reads), each with its own slow
 * swell (0.3-3 Hz), driven hot. */
static float *
band_limited_programme (unsigned rate, unsigned channels, double seconds,
    double drive_db, size_t *frames)
{
  enum
  { PARTIALS = 32 };
  unsigned long long seed = 11;
  double f[PARTIALS], swell[PARTIALS], phase[PARTIALS], amp[PARTIALS];
  double gain = pow (10.0, drive_db / 20.0) / 6.0;
  *frames = (size_t) (seconds * rate);
  float *x = malloc (*frames * channels * sizeof (float));
  for (unsigned c = 0; c < channels; c++) {
    for (int k = 0; k < PARTIALS; k++) {
      double u = 0.5 * (noise_uniform (&seed) + 1.0);
      f[k] = k % 3 == 0 ? (0.3 + 0.15 * u) * rate : 40.0 * pow (0.3 * rate /
          40.0, u);
      swell[k] = 0.3 + 2.7 * 0.5 * (noise_uniform (&seed) + 1.0);
      phase[k] = M_PI * noise_uniform (&seed);
      amp[k] = 0.5 + 0.5 * (noise_uniform (&seed) + 1.0);
    }
    for (size_t i = 0; i < *frames; i++) {
      double t = (double) i / rate, v = 0.0;
      for (int k = 0; k < PARTIALS; k++)
        v += amp[k] * (0.6 + 0.4 * sin (2 * M_PI * swell[k] * t + k)) *
            sin (2 * M_PI * f[k] * t + phase[k]);
      x[i * channels + c] = (float) (gain * v);
    }
  }
  return x;
}

/* The ceiling holds on the waveform itself, as the oracle reconstructs
 * it, not only on what the detector reads: content up to 0.45 fs at every
 * rate class. */
static void
ceiling_on_band_limited_music (void)
{
  const unsigned rates[] = { 44100, 48000, 96000, 192000 };
  for (int r = 0; r < 4; r++) {
    size_t frames;
    float *x = band_limited_programme (rates[r], 2, 8.0, 12.0, &frames);
    check_ceiling ("band-limited music +12 dB", x, frames, 2, rates[r], -1.0,
        BAND_LIMITED_TOLERANCE_DB);
    free (x);
  }
}

/* Gains a limiter meets on broken input: clicks of 1e3 to 1e30 (up to
 * +600 dBFS) in silence need gains down to 1e-30, which a running sum of
 * gains near 1 cannot hold (it came out at +15 dBFS, or with its polarity
 * inverted). The ceiling holds on every one, polarity is kept, and what is
 * past +720 dBFS becomes silence. */
static void
extreme_clicks (void)
{
  const double sizes[] = { 0.9, 1e3, 1e6, 1e12, 1e18, 1e24, 1e30, 3.4e38 };
  const size_t n_sizes = sizeof (sizes) / sizeof (sizes[0]);
  const size_t spacing = RATE / 2, frames = spacing * (n_sizes + 1);
  float *x = calloc (frames, sizeof (float));
  limiter *l = limiter_new (1, RATE, LOOKAHEAD_MS);

  for (size_t k = 0; k < n_sizes; k++)
    x[(k + 1) * spacing] = (float) (k % 2 ? -sizes[k] : sizes[k]);
  float *y = limit (l, x, frames, 1);
  for (size_t k = 0; k < n_sizes; k++) {
    size_t at = (k + 1) * spacing;
    float *around = y + at - spacing / 2;
    double peak = true_peak_oracle (around, spacing, 1, -1.5);
    printf ("  click of %.3g: output %+.3f dBTP (oracle), sample %.4g\n",
        sizes[k], peak, y[at]);
    CHECK (peak <= -1.0 + BAND_LIMITED_TOLERANCE_DB);
    if (sizes[k] < 1e36)
      CHECK ((y[at] > 0) == (x[at] > 0) && fabsf (y[at]) > 0.5f);
    else
      CHECK (y[at] == 0.0f);
  }
  CHECK (limiter_invalid_samples (l) == 1);
  limiter_free (l);
  free (x);
  free (y);
}

static void
ceiling_on_square_waves (void)
{
  const unsigned rates[] = { 44100, 48000, 96000 };
  const double frequencies[] = { 100.0, 1000.0, 5000.0 };
  for (int r = 0; r < 3; r++)
    for (int f = 0; f < 3; f++) {
      size_t frames = rates[r] * 2;
      float *x = malloc (frames * 2 * sizeof (float));
      for (size_t i = 0; i < frames; i++) {
        float v = sin (2 * M_PI * frequencies[f] * i / rates[r]) >= 0 ?
            1.0f : -1.0f;
        x[2 * i] = x[2 * i + 1] = v;
      }
      check_ceiling ("full-scale square", x, frames, 2, rates[r], -1.0,
          FULL_BAND_TOLERANCE_DB);
      free (x);
    }
}

/* Tech 3341 cases 19-23: over-full-scale peaks between the samples. */
static void
ceiling_on_intersample_overs (void)
{
  for (int c = 19; c <= 23; c++) {
    size_t frames;
    float *x = true_peak_case (c, RATE, &frames);
    check_ceiling (c == 19 ? "fs/4 at 45 deg, +3 dBTP" :
        "fs/4 burst in fs/6", x, frames, 2, RATE, -1.0,
        BAND_LIMITED_TOLERANCE_DB);
    free (x);
  }
}

/* Below the ceiling the output is the input, delayed, bit for bit. */
static void
transparent_below_ceiling (void)
{
  size_t frames = RATE * 3;
  float *x = hot_programme (RATE, 2, 3.0, -12.0, &frames);
  limiter *l = limiter_new (2, RATE, LOOKAHEAD_MS);
  double *x64 = malloc ((frames + limiter_latency (l)) * 2 * sizeof (double));

  CHECK (true_peak_ours (x, frames, 2, RATE) < -1.5);
  float *y = limit (l, x, frames, 2);
  CHECK (memcmp (x, y, frames * 2 * sizeof (float)) == 0);
  CHECK (limiter_max_gain_reduction_db (l) == 0.0);

  limiter_reset (l);
  for (size_t i = 0; i < (frames + limiter_latency (l)) * 2; i++)
    x64[i] = i < frames * 2 ? x[i] : 0.0;
  limiter_process_f64 (l, x64, frames + limiter_latency (l));
  size_t mismatches = 0;
  for (size_t i = 0; i < frames * 2; i++)
    mismatches += x64[i + limiter_latency (l) * 2] != (double) x[i];
  CHECK (mismatches == 0);
  limiter_free (l);
  free (x);
  free (y);
  free (x64);
}

/* Latency: lookahead + the interpolator's delay and half length (16
 * frames of 16 taps at 4x); an impulse comes out exactly that late. */
static void
latency_is_exact (void)
{
  limiter *l = limiter_new (1, RATE, LOOKAHEAD_MS);
  size_t latency = limiter_latency (l);
  float x[2048] = { 0 };

  CHECK (latency == 240 + 64);  /* lookahead, and the detector's 2 x 32 */
  x[100] = 0.5f;
  limiter_process_f32 (l, x, 2048);
  for (size_t i = 0; i < 2048; i++)
    if (x[i] != 0.0f)
      CHECK (i == 100 + latency && x[i] == 0.5f);
  CHECK (x[100 + latency] == 0.5f);
  limiter_free (l);
}

/* A 0 dBFS sine limited to -6 dBTP settles at -6 dBTP: the limiter takes
 * away what it must and no more. */
static void
steady_sine_settles_at_ceiling (void)
{
  const tone_segment tone[] = { {2.0, 0.0} };
  size_t frames;
  float *x = tone_sequence (RATE, 997.0, tone, 1, &frames);
  limiter *l = limiter_new (1, RATE, LOOKAHEAD_MS);
  limiter_set_ceiling_db (l, -6.0);
  float *y = limit (l, x, frames, 1);
  size_t settled = RATE;
  double peak = true_peak_ours (y + settled, frames - settled, 1, RATE);
  CHECK_NEAR (peak, -6.0, 0.05);
  CHECK_NEAR (limiter_max_gain_reduction_db (l), 6.0, 0.05);
  limiter_free (l);
  free (x);
  free (y);
}

/* After the peak has passed, the gain recovers as 1 - (1 - g0) e^(-t/tau):
 * 63 % of the way back after one release time (within 10 %). */
static void
release_time_constant (void)
{
  const double release_ms = 50.0;
  const size_t burst = RATE / 2, tail = RATE / 2;
  float *x = calloc (burst + tail, sizeof (float));
  limiter *l = limiter_new (1, RATE, LOOKAHEAD_MS);
  limiter_set_ceiling_db (l, -12.0);
  limiter_set_release_ms (l, release_ms);
  for (size_t i = 0; i < burst; i++)
    x[i] = (float) sin (2 * M_PI * 997.0 * i / RATE);
  limiter_process_f32 (l, x, burst);
  double start_db = limiter_gain_reduction_db (l);

  /* silence: the hold and the attack ramp pass first (L + 2W + the hold
   * and L frames), then the release alone moves the gain */
  size_t pass = limiter_latency (l) * 2 + 64 + (size_t) (LIMITER_HOLD_MS *
      RATE / 1000.0);
  limiter_process_f32 (l, x + burst, pass);
  double g0 = pow (10.0, -limiter_gain_reduction_db (l) / 20.0);
  limiter_process_f32 (l, x + burst + pass, (size_t) (release_ms * RATE /
          1000.0));
  double g = pow (10.0, -limiter_gain_reduction_db (l) / 20.0);
  CHECK_NEAR (start_db, 12.0, 0.1);
  CHECK_NEAR ((g - g0) / (1.0 - g0), 1.0 - exp (-1.0), 0.1 * (1 - exp (-1)));
  limiter_free (l);
  free (x);
}

/* THD+N of a sine at f Hz driven over_db over a -1 dBTP ceiling, once the
 * limiter has settled: the residual after the least-squares fit of the
 * fundamental, against the fundamental, over 1 s from 2 s in. */
static double
limited_sine_thd_db (double f, double over_db)
{
  const size_t frames = 4 * RATE;
  float *x = malloc (frames * sizeof (float));
  limiter *l = limiter_new (1, RATE, LOOKAHEAD_MS);
  double amplitude = pow (10.0, (-1.0 + over_db) / 20.0);
  double ss = 0, sc = 0, cc = 0, xs = 0, xc = 0, residual = 0, fundamental = 0;
  size_t latency, from;

  for (size_t i = 0; i < frames; i++)
    x[i] = (float) (amplitude * sin (2 * M_PI * f * i / RATE));
  limiter_process_f32 (l, x, frames);
  latency = limiter_latency (l);
  from = 2 * RATE + latency;
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = from; i < from + RATE; i++) {
      double t = 2 * M_PI * f * (double) (i - latency) / RATE;
      if (pass == 0) {
        ss += sin (t) * sin (t);
        cc += cos (t) * cos (t);
        sc += sin (t) * cos (t);
        xs += x[i] * sin (t);
        xc += x[i] * cos (t);
      } else {
        double det = ss * cc - sc * sc;
        double fit = (xs * cc - xc * sc) / det * sin (t) +
            (xc * ss - xs * sc) / det * cos (t);
        residual += (x[i] - fit) * (x[i] - fit);
        fundamental += fit * fit;
      }
    }
  limiter_free (l);
  free (x);
  return 10.0 * log10 (residual / fundamental);
}

/* Sustained low tones are limited without distortion: the gain holds
 * through their half-periods (LIMITER_HOLD_MS), where without the hold it
 * recovered between peaks: THD+N -36 dB at 20 Hz, -44 at 30, -63 at 50.
 * x42's dpl reaches -67 dB at 30 Hz and -82 at 50. Higher tones stay as
 * clean as they were. */
static void
low_tones_stay_clean (void)
{
  const double tones[] = { 20.0, 30.0, 50.0, 70.0, 1000.0 };

  for (size_t i = 0; i < sizeof tones / sizeof tones[0]; i++) {
    double thd = limited_sine_thd_db (tones[i], 6.0);
    printf ("  %.0f Hz, 6 dB over the ceiling: THD+N %.1f dB\n", tones[i], thd);
    CHECK (thd < -120.0);
  }
}

/* A peak in one channel lowers all channels by the same gain. */
static void
channels_are_linked (void)
{
  size_t frames = RATE;
  float *x = malloc (frames * 2 * sizeof (float));
  for (size_t i = 0; i < frames; i++) {
    x[2 * i] = (float) sin (2 * M_PI * 440.0 * i / RATE);
    x[2 * i + 1] = (float) (0.1 * sin (2 * M_PI * 660.0 * i / RATE));
  }
  limiter *l = limiter_new (2, RATE, LOOKAHEAD_MS);
  limiter_set_ceiling_db (l, -10.0);
  float *y = limit (l, x, frames, 2);
  double worst = 0.0;
  for (size_t i = RATE / 2; i < frames; i++)
    if (fabsf (x[2 * i]) > 0.05f && fabsf (x[2 * i + 1]) > 0.01f)
      worst = fmax (worst, fabs (y[2 * i] / x[2 * i] -
              y[2 * i + 1] / x[2 * i + 1]));
  CHECK (worst < 1e-5);
  limiter_free (l);
  free (x);
  free (y);
}

/* 8 kHz to 384 kHz, 1 to 8 channels, with over-full-scale peaks between
 * samples in the last channel. */
static void
every_rate_and_channel_count (void)
{
  const unsigned rates[] = { 8000, 22050, 44100, 48000, 96000, 192000,
    384000
  };
  testing_set_verbose (false);
  for (size_t r = 0; r < sizeof (rates) / sizeof (rates[0]); r++)
    for (unsigned ch = 1; ch <= 8; ch++) {
      size_t frames = rates[r] / 2;
      float *x = calloc (frames * ch, sizeof (float));
      for (size_t i = 0; i < frames; i++) {
        x[i * ch + ch - 1] = (float) (1.41 * sin (2 * M_PI * i / 4 + M_PI / 4));
        x[i * ch] += (float) (0.5 * sin (2 * M_PI * 1000.0 * i / rates[r]));
      }
      limiter *l = limiter_new (ch, rates[r], LOOKAHEAD_MS);
      float *y = limit (l, x, frames, ch);
      double peak = true_peak_ours (y, frames, ch, rates[r]);
      if (!CHECK (peak <= -1.0 + CEILING_TOLERANCE_DB))
        printf ("    %u Hz, %u channels: %.3f dBTP\n", rates[r], ch, peak);
      limiter_free (l);
      free (x);
      free (y);
    }
}

/* NaN and Inf are replaced by silence and counted; nothing downstream of
 * them is poisoned. */
static void
bad_input (void)
{
  size_t frames = RATE;
  float *x = hot_programme (RATE, 2, 1.0, 6.0, &frames);
  x[1000] = NAN;
  x[5001] = INFINITY;
  x[9000] = -INFINITY;
  limiter *l = limiter_new (2, RATE, LOOKAHEAD_MS);
  float *y = limit (l, x, frames, 2);
  size_t nonfinite = 0;
  for (size_t i = 0; i < frames * 2; i++)
    nonfinite += !isfinite (y[i]);
  CHECK (nonfinite == 0);
  CHECK (limiter_invalid_samples (l) == 3);
  CHECK (true_peak_ours (y, frames, 2, RATE) <= -1.0 + CEILING_TOLERANCE_DB);
  limiter_free (l);
  free (x);
  free (y);
}

/* Whatever a caller sets, the limiter holds a ceiling and its output stays
 * finite: a release of NaN or under 0 once made NaN or a gain of 1e239, a
 * ceiling of NaN or +inf no limiting at all. A release out of range is the
 * nearer end of 0.1 to 60000 ms, NaN the default; a ceiling over 0 is
 * 0 dBTP, NaN the default -1. */
static void
setters_keep_their_preconditions (void)
{
  enum
  { N_RELEASES = 6, N_CEILINGS = 4 };
  const double releases[N_RELEASES] = { NAN, -1.0, 0.0, -INFINITY, INFINITY,
    1e9
  };
  const double ceilings[N_CEILINGS] = { NAN, INFINITY, 1e9, 6.0 };
  size_t frames = RATE;
  float *x = hot_programme (RATE, 2, 1.0, 12.0, &frames);

  for (size_t i = 0; i < N_RELEASES + N_CEILINGS; i++) {
    bool release = i < N_RELEASES;
    double held = release || isnan (ceilings[i - N_RELEASES]) ? -1.0 : 0.0;
    limiter *l = limiter_new (2, RATE, LOOKAHEAD_MS);
    float *y;
    size_t nonfinite = 0;

    if (release)
      limiter_set_release_ms (l, releases[i]);
    else
      limiter_set_ceiling_db (l, ceilings[i - N_RELEASES]);
    y = limit (l, x, frames, 2);
    for (size_t k = 0; k < frames * 2; k++)
      nonfinite += !isfinite (y[k]);
    CHECK (nonfinite == 0);
    CHECK (true_peak_ours (y, frames, 2, RATE) <= held + CEILING_TOLERANCE_DB);
    CHECK (true_peak_oracle (y, frames, 2, held - 0.5) <= held + 0.1);
    limiter_free (l);
    free (y);
  }
  free (x);
}

/* A new ceiling is reached over the lookahead, never in one step: on a
 * steady sine, the gain moves by at most (change / lookahead frames) per
 * frame. */
static void
ceiling_change_is_smooth (void)
{
  const size_t frames = RATE;
  limiter *l = limiter_new (1, RATE, LOOKAHEAD_MS);
  float x[1];
  double previous = 0.0, largest_step = 0.0;
  limiter_set_ceiling_db (l, -1.0);
  for (size_t i = 0; i < frames; i++) {
    if (i == frames / 2)
      limiter_set_ceiling_db (l, -13.0);
    x[0] = (float) (0.7 * sin (2 * M_PI * 997.0 * i / RATE));
    limiter_process_f32 (l, x, 1);
    double g = pow (10.0, -limiter_gain_reduction_db (l) / 20.0);
    if (i > 0)
      largest_step = fmax (largest_step, fabs (g - previous));
    previous = g;
  }
  /* 0.7 -> 10^(-13/20): a gain change of about 0.68, over 241 frames */
  CHECK (largest_step <= 0.68 / 241 * 1.05);
  CHECK_NEAR (limiter_gain_reduction_db (l), 13.0 + 20 * log10 (0.7), 0.1);
  limiter_free (l);
}

static void
invalid_construction (void)
{
  CHECK (limiter_new (0, RATE, 5.0) == NULL);
  CHECK (limiter_new (2, RATE, 0.5) == NULL);
  CHECK (limiter_new (2, RATE, 25.0) == NULL);
  CHECK (limiter_new (2, RATE, NAN) == NULL);
}

static const test_case cases[] = {
  {"ceiling_on_hot_music", ceiling_on_hot_music},
  {"ceiling_on_band_limited_music", ceiling_on_band_limited_music},
  {"extreme_clicks", extreme_clicks},
  {"ceiling_on_square_waves", ceiling_on_square_waves},
  {"ceiling_on_intersample_overs", ceiling_on_intersample_overs},
  {"transparent_below_ceiling", transparent_below_ceiling},
  {"latency_is_exact", latency_is_exact},
  {"steady_sine_settles_at_ceiling", steady_sine_settles_at_ceiling},
  {"release_time_constant", release_time_constant},
  {"low_tones_stay_clean", low_tones_stay_clean},
  {"channels_are_linked", channels_are_linked},
  {"every_rate_and_channel_count", every_rate_and_channel_count},
  {"bad_input", bad_input},
  {"setters_keep_their_preconditions", setters_keep_their_preconditions},
  {"ceiling_change_is_smooth", ceiling_change_is_smooth},
  {"invalid_construction", invalid_construction},
};

TEST_MAIN (cases)
