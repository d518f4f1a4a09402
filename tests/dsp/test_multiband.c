/* The three-band compressor: off, it is bit-transparent; engaged with
 * idle bands, flat within 0.1 dB from 20 Hz to 20 kHz; each band's static
 * curve is the gain computer's (GMR 2012) within 0.25 dB, the other bands
 * untouched; engaging it makes no step.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "multiband.h"
#include "signals.h"
#include "testing.h"

#define RATE 48000.0
#define N 48000

static compressor_params
compressor (double threshold_db, double ratio)
{
  /* a slow release: on a sine the reduction holds at the peak's, so the
   * static curve can be read off */
  compressor_params p = { threshold_db, ratio, 0.0, 1.0, 3000.0, 0.0, 1.0,
    0.0, DYNAMICS_DETECT_PEAK
  };
  return p;
}

static void
off_is_exact (void)
{
  multiband *m = multiband_new (2, RATE);
  double *x = malloc (2 * N * sizeof (double)), *y;
  unsigned long long seed = 2;

  for (size_t i = 0; i < 2 * N; i++)
    x[i] = 0.5 * noise_uniform (&seed);
  y = malloc (2 * N * sizeof (double));
  memcpy (y, x, 2 * N * sizeof (double));
  multiband_process (m, y, N);
  CHECK (memcmp (x, y, 2 * N * sizeof (double)) == 0);
  free (x);
  free (y);
  multiband_free (m);
}

/* The amplitude (dB, from the RMS of the second half) of a sine of
 * amplitude `amplitude` at f after a second through m, from a fresh
 * state. */
static double
sine_out_db (multiband * m, double f, double amplitude)
{
  double *x = malloc (N * sizeof (double)), sum = 0.0;

  multiband_reset (m);
  for (size_t i = 0; i < N; i++)
    x[i] = amplitude * sin (2.0 * M_PI * f * (double) i / RATE);
  multiband_process (m, x, N);
  for (size_t i = N / 2; i < N; i++)
    sum += x[i] * x[i];
  free (x);
  return 10.0 * log10 (2.0 * sum / (N / 2));
}

static void
idle_bands_sum_flat (void)
{
  multiband *m = multiband_new (1, RATE);
  compressor_params never = compressor (0.0, 2.0);      /* above the probes */

  multiband_set_band (m, MULTIBAND_MID, &never);
  testing_set_verbose (false);
  for (double f = 20.0; f <= 20000.0; f *= pow (2.0, 1.0 / 3.0))
    CHECK_NEAR (sine_out_db (m, f, 0.1), -20.0, 0.1);
  testing_set_verbose (true);
  multiband_free (m);
}

/* Each band compressing a sine deep inside it, with the splits far
 * enough away that the other bands' leakage (uncompressed, so up to 11 dB
 * louder relative to it) stays under -50 dB; a sine deep inside the next
 * band passes at its level. */
static void
static_curves (void)
{
  static const struct
  {
    double low_hz, high_hz, in_band, other;
  } setup[MULTIBAND_BANDS] = {
    {200.0, 3000.0, 30.0, 900.0},
    {100.0, 8000.0, 900.0, 20000.0},
    {200.0, 1000.0, 12000.0, 25.0},
  };
  const double threshold = -20.0, ratio = 4.0;

  testing_set_verbose (false);
  for (unsigned b = 0; b < MULTIBAND_BANDS; b++) {
    multiband *m = multiband_new (1, RATE);
    compressor_params p = compressor (threshold, ratio);
    multiband_set_crossovers (m, setup[b].low_hz, setup[b].high_hz);
    multiband_set_band (m, b, &p);
    for (double level = -40.0; level <= 0.0; level += 5.0) {
      double expected = dynamics_compressor_curve_db (level, threshold,
          ratio, 0.0);
      double amplitude = pow (10.0, level / 20.0);
      CHECK_NEAR (sine_out_db (m, setup[b].in_band, amplitude), expected, 0.25);
      CHECK_NEAR (sine_out_db (m, setup[b].other, amplitude), level, 0.25);
    }
    multiband_free (m);
  }
  testing_set_verbose (true);
}

/* Engaging and disengaging the bands while a loud low sine plays (so the
 * low band compresses hard): no step larger than the sine's own. */
static void
engaging_is_smooth (void)
{
  multiband *m = multiband_new (1, RATE);
  compressor_params hard = compressor (-30.0, 8.0), off = compressor (-30.0,
      1.0);
  double *x = malloc (N * sizeof (double)), largest_in = 0.0;
  double largest_out = 0.0;

  for (size_t i = 0; i < N; i++)
    x[i] = 0.8 * sin (2.0 * M_PI * 80.0 * (double) i / RATE);
  for (size_t i = 1; i < N; i++)
    largest_in = fmax (largest_in, fabs (x[i] - x[i - 1]));
  multiband_process (m, x, N / 3);
  multiband_set_band (m, MULTIBAND_LOW, &hard);
  multiband_process (m, x + N / 3, N / 3);
  multiband_set_band (m, MULTIBAND_LOW, &off);
  multiband_process (m, x + 2 * (N / 3), N - 2 * (N / 3));
  for (size_t i = 1; i < N; i++)
    largest_out = fmax (largest_out, fabs (x[i] - x[i - 1]));
  CHECK_RANGE (largest_out, 0.0, 1.1 * largest_in);
  CHECK_RANGE (multiband_take_max_reduction_db (m, MULTIBAND_LOW), 10.0, 30.0);
  free (x);
  multiband_free (m);
}

static const test_case cases[] = {
  {"off_is_exact", off_is_exact},
  {"idle_bands_sum_flat", idle_bands_sum_flat},
  {"static_curves", static_curves},
  {"engaging_is_smooth", engaging_is_smooth},
};

TEST_MAIN (cases)
