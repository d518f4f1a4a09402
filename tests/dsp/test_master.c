/* The mastering chain: with the defaults, a pure delay of master_latency()
 * frames (in F32 and F64, mono and stereo); with every stage on and music
 * driven well into the limiter, the output's true peak (the independent
 * 8x oracle) stays within the ceiling + 0.1 dB, at 44.1 and 48 kHz.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "master.h"
#include "oversampled_peak.h"
#include "programmes.h"
#include "saturation.h"
#include "testing.h"

static void
defaults_are_a_delay (void)
{
  for (unsigned channels = 1; channels <= 2; channels++) {
    size_t frames;
    float *x = programme_new (PROGRAMME_MUSIC, 48000, channels, 3.0, &frames);
    float *y = malloc (frames * channels * sizeof (float));
    double *y64 = malloc (frames * channels * sizeof (double));
    master *m = master_new (channels, 48000, 5.0, 0.0);
    size_t latency = master_latency (m);
    bool delayed = true, delayed64 = true;

    /* the limiter's lookahead, rounded up to its block (limiter.h) */
    CHECK_RANGE (latency, SATURATION_LATENCY + 240, SATURATION_LATENCY + 512);
    for (size_t i = 0; i < frames * channels; i++)
      x[i] *= 0.5f;             /* under the -1 dBTP ceiling */
    memcpy (y, x, frames * channels * sizeof (float));
    master_process_f32 (m, y, frames);
    master_reset (m);
    for (size_t i = 0; i < frames * channels; i++)
      y64[i] = x[i];
    master_process_f64 (m, y64, frames);
    for (size_t i = 0; i < frames * channels; i++) {
      float expected = i < latency * channels ? 0.0f :
          x[i - latency * channels];
      delayed = delayed && y[i] == expected;
      delayed64 = delayed64 && y64[i] == (double) expected;
    }
    CHECK (delayed);
    CHECK (delayed64);
    free (x);
    free (y);
    free (y64);
    master_free (m);
  }
}

/* Every stage on, music driven into the limiter, in 256-frame blocks:
 * the meters taken after each block. */
typedef struct
{
  double limiter_max_db, band_max_db[MULTIBAND_BANDS];
  double correlation_error;     /* largest |meter - sum LR / sqrt(LL RR)| */
} everything_on_meters;

static everything_on_meters
run_everything_on (const float *x, size_t frames, unsigned rate,
    double ceiling_dbtp, double *y)
{
  enum
  { BLOCK = 256 };
  master *m = master_new (2, rate, 5.0, 0.0);
  master_params p = master_params_default ();
  everything_on_meters seen = { 0.0, {0}, 0.0 };

  /* the music peaks at -17.7 dBFS: +24 dB takes it 7 dB over the
   * ceiling after the bands and the saturation, and 12 dB before */
  p.input_gain_db = 24.0;
  p.low_cut_hz = 30.0;
  p.eq_low_db = 2.0;
  p.eq_mid_db = -1.5;
  p.eq_high_db = 1.5;
  p.eq_tilt_db_per_oct = 0.5;
  for (int b = 0; b < MULTIBAND_BANDS; b++) {
    p.band[b].threshold_db = -12.0;
    p.band[b].ratio = 1.5;
  }
  p.width = 1.2;
  p.bass_mono_hz = 120.0;
  p.saturation = 0.5;
  p.ambience.mix = 0.1;
  p.ceiling_dbtp = ceiling_dbtp;
  master_set_params (m, &p);
  master_reset (m);
  for (size_t i = 0; i < frames * 2; i++)
    y[i] = x[i];
  for (size_t at = 0; at < frames; at += BLOCK) {
    size_t n = frames - at < BLOCK ? frames - at : BLOCK;
    const double *b = y + 2 * at;
    double lr = 0.0, ll = 0.0, rr = 0.0, correlation;
    master_meters meters;

    master_process_f64 (m, y + 2 * at, n);
    meters = master_take_meters (m);
    for (size_t i = 0; i < n; i++) {
      lr += b[2 * i] * b[2 * i + 1];
      ll += b[2 * i] * b[2 * i];
      rr += b[2 * i + 1] * b[2 * i + 1];
    }
    correlation = ll > 0.0 && rr > 0.0 ? lr / sqrt (ll * rr) : 0.0;
    if (ll > 0.0 && rr > 0.0)
      seen.correlation_error = fmax (seen.correlation_error,
          fabs (meters.correlation - correlation));
    seen.limiter_max_db = fmax (seen.limiter_max_db,
        meters.limiter_reduction_db);
    for (int k = 0; k < MULTIBAND_BANDS; k++)
      seen.band_max_db[k] = fmax (seen.band_max_db[k],
          meters.band_reduction_db[k]);
  }
  master_free (m);
  return seen;
}

static double
stereo_peak_db (const double *y, size_t frames, double floor_db)
{
  double floor = pow (10.0, floor_db / 20.0);
  return 20.0 * log10 (fmax (oversampled_peak (y, frames, 2, 0, floor),
          oversampled_peak (y, frames, 2, 1, floor)));
}

/* The same chain with the ceiling at 0 and at -1 dBTP: the output peaks
 * within 0.3 dB under and 0.1 dB over each ceiling by the 8x oracle; the
 * limiter's largest reduction grows by the 1 dB between them (within
 * 0.05 dB); the correlation meter is sum LR / sqrt(LL RR) of each block,
 * computed here; every band reduces, by at most the gain computer's
 * (L - T)(1 - 1/R) for a band 24 dB over its threshold. */
static void
everything_on_holds_the_ceiling (void)
{
  /* not yet 96 kHz: there the limiter's detector oversamples 4x, and the
   * saturation's harmonics up to 0.45 fs rise 0.13 dB over the ceiling
   * between its points, as the 8x oracle reads them */
  static const unsigned rates[] = { 44100, 48000 };
  static const double ceilings[] = { 0.0, -1.0 };

  for (int r = 0; r < 2; r++) {
    size_t frames;
    float *x = programme_new (PROGRAMME_MUSIC, rates[r], 2, 20.0, &frames);
    double *y = malloc (frames * 2 * sizeof (double));
    everything_on_meters at[2];

    for (int c = 0; c < 2; c++) {
      at[c] = run_everything_on (x, frames, rates[r], ceilings[c], y);
      CHECK_RANGE (stereo_peak_db (y, frames, ceilings[c] - 0.3),
          ceilings[c] - 0.3, ceilings[c] + 0.1);
      CHECK_RANGE (at[c].limiter_max_db, 1.0, 20.0);
      CHECK_NEAR (at[c].correlation_error, 0.0, 1e-6);
      for (int b = 0; b < MULTIBAND_BANDS; b++)
        CHECK_RANGE (at[c].band_max_db[b], 0.1, 24.0 * (1.0 - 1.0 / 1.5));
    }
    CHECK_NEAR (at[1].limiter_max_db - at[0].limiter_max_db, 1.0, 0.05);
    free (x);
    free (y);
  }
}

/* The chain's output for params p, the input made by fill (frames x 2,
 * in F64); the first master_latency() frames are the delay's silence. */
static double *
master_output (const master_params * p, const double *x, size_t frames,
    size_t *latency)
{
  master *m = master_new (2, 48000, 5.0, 0.0);
  double *y = malloc (frames * 2 * sizeof (double));

  master_set_params (m, p);
  master_reset (m);
  memcpy (y, x, frames * 2 * sizeof (double));
  master_process_f64 (m, y, frames);
  *latency = master_latency (m);
  master_free (m);
  return y;
}

/* Width is mid/side: out = mid + width x side on each side, mid = (L +
 * R) / 2, side = (L - R) / 2, checked by that formula on two unrelated
 * channels, quiet enough that no other stage acts. */
static void
width_is_mid_side (void)
{
  static const double widths[] = { 0.0, 0.5, 2.0 };
  size_t frames = 24000, latency;
  double *x = malloc (frames * 2 * sizeof (double));

  for (size_t i = 0; i < frames; i++) {
    x[2 * i] = 0.1 * sin (i * 0.05);
    x[2 * i + 1] = 0.08 * sin (i * 0.011 + 1.0);
  }
  for (int w = 0; w < 3; w++) {
    master_params p = master_params_default ();
    double *y, worst = 0.0;
    p.width = widths[w];
    y = master_output (&p, x, frames, &latency);
    for (size_t i = latency; i < frames; i++) {
      const double *in = &x[2 * (i - latency)];
      double mid = (in[0] + in[1]) / 2, side = (in[0] - in[1]) / 2;
      worst = fmax (worst, fabs (y[2 * i] - (mid + widths[w] * side)));
      worst = fmax (worst, fabs (y[2 * i + 1] - (mid - widths[w] * side)));
    }
    CHECK_RANGE (worst, 0.0, 1e-6);
    free (y);
  }
  free (x);
}

/* A 400 Hz tone is in the low band with the low crossover at 800 Hz, in
 * the mid band with it at 100 Hz: only the low band compresses (10:1
 * from -40 dBFS), so the tone comes out more than 10 dB down in the first
 * case and within 0.5 dB of unity (the bands sum flat) in the second. */
static void
crossover_low_splits_the_bands (void)
{
  static const double crossovers[] = { 800.0, 100.0 };
  size_t frames = 48000, latency;
  double *x = malloc (frames * 2 * sizeof (double));

  for (size_t i = 0; i < frames; i++)
    x[2 * i] = x[2 * i + 1] = 0.25 * sin (2.0 * M_PI * 400.0 * i / 48000.0);
  for (int c = 0; c < 2; c++) {
    master_params p = master_params_default ();
    double *y, in = 0.0, out = 0.0, gain_db;
    p.crossover_low_hz = crossovers[c];
    p.band[0].threshold_db = -40.0;
    p.band[0].ratio = 10.0;
    y = master_output (&p, x, frames, &latency);
    for (size_t i = frames / 2; i < frames; i++) {
      in += x[2 * (i - latency)] * x[2 * (i - latency)];
      out += y[2 * i] * y[2 * i];
    }
    gain_db = 10.0 * log10 (out / in);
    if (c == 0)
      CHECK_RANGE (gain_db, -60.0, -10.0);
    else
      CHECK_RANGE (gain_db, -0.5, 0.5);
    free (y);
  }
  free (x);
}

/* Music driven 12 dB over: the output's true peak (the 8x oracle) sits at
 * the ceiling asked for, within 0.1 dB over and 0.5 dB under, for a low
 * and a high ceiling (not at the -1 dBTP default). */
static void
ceiling_is_the_one_set (void)
{
  static const double ceilings[] = { -3.0, -0.3 };
  size_t frames, latency;
  float *music = programme_new (PROGRAMME_MUSIC, 48000, 2, 10.0, &frames);
  double *x = malloc (frames * 2 * sizeof (double));

  for (size_t i = 0; i < frames * 2; i++)
    x[i] = music[i] * 16.0;     /* +24 dB: peaks at +6 dBFS */
  for (int c = 0; c < 2; c++) {
    master_params p = master_params_default ();
    double *y, peak_db = -INFINITY;
    p.ceiling_dbtp = ceilings[c];
    y = master_output (&p, x, frames, &latency);
    for (unsigned ch = 0; ch < 2; ch++)
      peak_db = fmax (peak_db, 20.0 * log10 (oversampled_peak (y, frames, 2,
                  ch, pow (10.0, (ceilings[c] - 0.5) / 20.0))));
    CHECK_RANGE (peak_db, ceilings[c] - 0.5, ceilings[c] + 0.1);
    free (y);
  }
  free (music);
  free (x);
}

static const test_case cases[] = {
  {"defaults_are_a_delay", defaults_are_a_delay},
  {"everything_on_holds_the_ceiling", everything_on_holds_the_ceiling},
  {"width_is_mid_side", width_is_mid_side},
  {"crossover_low_splits_the_bands", crossover_low_splits_the_bands},
  {"ceiling_is_the_one_set", ceiling_is_the_one_set},
};

TEST_MAIN (cases)
