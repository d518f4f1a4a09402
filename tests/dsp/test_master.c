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

static void
everything_on_holds_the_ceiling (void)
{
  /* not yet 96 kHz: there the limiter's detector oversamples 4x, and the
   * saturation's harmonics up to 0.45 fs rise 0.13 dB over the ceiling
   * between its points, as the 8x oracle reads them */
  static const unsigned rates[] = { 44100, 48000 };

  testing_set_verbose (false);
  for (int r = 0; r < 2; r++) {
    size_t frames;
    float *x = programme_new (PROGRAMME_MUSIC, rates[r], 2, 20.0, &frames);
    double *y = malloc (frames * 2 * sizeof (double));
    master *m = master_new (2, rates[r], 5.0, 0.0);
    master_params p = master_params_default ();
    master_meters meters;
    double peak_db;

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
    master_set_params (m, &p);
    master_reset (m);
    for (size_t i = 0; i < frames * 2; i++)
      y[i] = x[i];
    master_process_f64 (m, y, frames);
    meters = master_take_meters (m);
    for (unsigned ch = 0; ch < 2; ch++) {
      peak_db = 20.0 * log10 (oversampled_peak (y, frames, 2, ch,
              pow (10.0, (p.ceiling_dbtp + 0.1) / 20.0)));
      CHECK_RANGE (peak_db, -200.0, p.ceiling_dbtp + 0.1);
    }
    CHECK_RANGE (meters.limiter_reduction_db, 2.0, 40.0);
    CHECK_RANGE (meters.correlation, 0.0, 1.0);
    for (int b = 0; b < MULTIBAND_BANDS; b++)
      CHECK_RANGE (meters.band_reduction_db[b], 0.2, 40.0);
    free (x);
    free (y);
    master_free (m);
  }
  testing_set_verbose (true);
}

static const test_case cases[] = {
  {"defaults_are_a_delay", defaults_are_a_delay},
  {"everything_on_holds_the_ceiling", everything_on_holds_the_ceiling},
};

TEST_MAIN (cases)
