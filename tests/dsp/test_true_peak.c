/* True-peak accuracy against an exact oracle: the true peak of a sine of
 * amplitude A is A. Sines from 20 Hz to 0.45 fs (EBU Tech 3343 assumes
 * programme band-limited to 20 kHz; 0.45 fs is 19.8 kHz at 44.1 kHz), many
 * phases, at 44.1, 48, 96 and 192 kHz.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * An L-times oversampling meter may under-read by the sampling of the
 * oversampled waveform, at most 20 log10 cos(pi f / (L fs)) (BS.1770-4
 * Annex 2, reference section 3.4); on top of that this test allows 0.05 dB
 * of interpolation error either way. The BS.1770 example filter misses
 * this by up to 0.24 dB at low frequencies (reference section 3.4).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "true_peak.h"
#include "testing.h"

#define AMPLITUDE 0.5
#define INTERPOLATION_ERROR_DB 0.05
#define WARM_UP 256

static void
sine_accuracy_at (unsigned rate)
{
  const size_t frames = rate / 5;
  float *x = malloc (frames * sizeof (float));
  true_peak_meter *tp = true_peak_meter_new (1, rate, frames);
  unsigned factor = true_peak_meter_oversampling (tp);
  double worst_over = -INFINITY, worst_under = INFINITY;

  testing_set_verbose (false);
  for (double f = 20.0; f <= 0.45 * rate; f *= 1.07) {
    for (int phase_step = 0; phase_step < 8; phase_step++) {
      double phase = phase_step * M_PI / 8.0 + 0.1;
      for (size_t i = 0; i < frames; i++)
        x[i] = (float) (AMPLITUDE * sin (2.0 * M_PI * f * i / rate + phase));
      /* the first WARM_UP samples fill the interpolator's history: the
       * abrupt onset of the sine is not part of the steady waveform */
      true_peak_meter_reset (tp);
      true_peak_meter_process (tp, 0, x, WARM_UP);
      double peak = true_peak_meter_process (tp, 0, x + WARM_UP,
          frames - WARM_UP);
      for (size_t i = WARM_UP; i < frames; i++)
        peak = fmax (peak, fabs (x[i]));
      double error_db = 20.0 * log10 (peak / AMPLITUDE);
      double sampling_db = 20.0 * log10 (cos (M_PI * f / (factor * rate)));
      worst_over = fmax (worst_over, error_db);
      worst_under = fmin (worst_under, error_db - sampling_db);
      CHECK_RANGE (error_db, sampling_db - INTERPOLATION_ERROR_DB,
          INTERPOLATION_ERROR_DB);
    }
  }
  testing_set_verbose (true);
  printf ("  %u Hz, %ux: worst over-read %+.4f dB, worst under-read beyond "
      "sampling %+.4f dB\n", rate, factor, worst_over, worst_under);
  true_peak_meter_free (tp);
  free (x);
}

static void
sines_44100 (void)
{
  sine_accuracy_at (44100);
}

static void
sines_48000 (void)
{
  sine_accuracy_at (48000);
}

static void
sines_96000 (void)
{
  sine_accuracy_at (96000);
}

static void
sines_192000 (void)
{
  sine_accuracy_at (192000);
}

/* BS.1770-4 Annex 2: >= 4x below 96 kHz, >= 2x below 192 kHz. */
static void
oversampling_factors (void)
{
  const unsigned rates[] = { 8000, 44100, 95999, 96000, 191999, 192000,
    384000
  };
  const unsigned factors[] = { 4, 4, 4, 2, 2, 1, 1 };
  for (size_t i = 0; i < sizeof (rates) / sizeof (rates[0]); i++) {
    true_peak_meter *tp = true_peak_meter_new (1, rates[i], 64);
    CHECK (true_peak_meter_oversampling (tp) == factors[i]);
    true_peak_meter_free (tp);
  }
}

static const test_case cases[] = {
  {"sines_44100", sines_44100}, {"sines_48000", sines_48000},
  {"sines_96000", sines_96000}, {"sines_192000", sines_192000},
  {"oversampling_factors", oversampling_factors},
};

TEST_MAIN (cases)
