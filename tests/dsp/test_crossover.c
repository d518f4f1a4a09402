/* The three-band Linkwitz-Riley crossover: its bands are the LR4
 * formulas, and they sum flat (an all-pass), at 44.1, 48 and 96 kHz;
 * channels are independent; any output may be the input.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <complex.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "crossover.h"
#include "eq_design.h"
#include "testing.h"

#define LENGTH 65536

typedef struct
{
  double *low, *mid, *high;
} bands;

/* The bands' impulse responses (mono) at `rate`, splits 200 / 3000 Hz. */
static bands
impulse_responses (double rate, double low_hz, double high_hz)
{
  crossover *x = crossover_new (1, rate);
  bands b = { calloc (LENGTH, sizeof (double)),
    calloc (LENGTH, sizeof (double)), calloc (LENGTH, sizeof (double))
  };
  double *impulse = calloc (LENGTH, sizeof (double));

  impulse[0] = 1.0;
  crossover_set_frequencies (x, low_hz, high_hz);
  /* in blocks, as an element would */
  for (size_t done = 0; done < LENGTH; done += 1000) {
    size_t n = LENGTH - done < 1000 ? LENGTH - done : 1000;
    crossover_split (x, impulse + done, b.low + done, b.mid + done,
        b.high + done, n);
  }
  free (impulse);
  crossover_free (x);
  return b;
}

static void
free_bands (bands b)
{
  free (b.low);
  free (b.mid);
  free (b.high);
}

/* |H(f)| in dB of an impulse response, by its DFT at f. */
static double
response_db (const double *h, double f, double rate)
{
  double complex sum = 0.0;
  for (size_t i = 0; i < LENGTH; i++)
    sum += h[i] * cexp (-2.0 * I * M_PI * f * (double) i / rate);
  return 20.0 * log10 (cabs (sum));
}

/* 31 frequencies, a third of an octave apart, from 20 Hz to 20 kHz */
static double
probe_hz (int k)
{
  return 20.0 * pow (2.0, k / 3.0);
}

static void
sum_is_flat (void)
{
  static const double rates[] = { 44100.0, 48000.0, 96000.0 };

  testing_set_verbose (false);
  for (int r = 0; r < 3; r++) {
    bands b = impulse_responses (rates[r], 200.0, 3000.0);
    double *sum = malloc (LENGTH * sizeof (double)), worst = 0.0;
    for (size_t i = 0; i < LENGTH; i++)
      sum[i] = b.low[i] + b.mid[i] + b.high[i];
    for (int k = 0; k <= 30; k++)
      worst = fmax (worst, fabs (response_db (sum, probe_hz (k), rates[r])));
    CHECK_RANGE (worst, 0.0, 0.001);
    free (sum);
    free_bands (b);
  }
  testing_set_verbose (true);
}

/* dB of the second-order Butterworth, low- or high-pass, squared (LR4) */
static double
lr4_db (int highpass, double split_hz, double f, double rate)
{
  return 2.0 * eq_butterworth_magnitude_db (1, highpass, split_hz, f, rate);
}

static void
bands_are_lr4 (void)
{
  static const double rates[] = { 44100.0, 48000.0, 96000.0 };

  testing_set_verbose (false);
  for (int r = 0; r < 3; r++) {
    const double rate = rates[r], lo = 250.0, hi = 2500.0;
    bands b = impulse_responses (rate, lo, hi);
    for (int k = 0; k <= 30; k++) {
      double f = probe_hz (k);
      if (lr4_db (0, lo, f, rate) > -60.0)
        CHECK_NEAR (response_db (b.low, f, rate), lr4_db (0, lo, f, rate),
            0.01);
      if (lr4_db (1, lo, f, rate) + lr4_db (0, hi, f, rate) > -60.0)
        CHECK_NEAR (response_db (b.mid, f, rate), lr4_db (1, lo, f, rate) +
            lr4_db (0, hi, f, rate), 0.01);
      if (lr4_db (1, lo, f, rate) + lr4_db (1, hi, f, rate) > -60.0)
        CHECK_NEAR (response_db (b.high, f, rate), lr4_db (1, lo, f, rate) +
            lr4_db (1, hi, f, rate), 0.01);
    }
    /* at a split the two bands it parts meet at -6.02 dB, less what the
     * other split takes */
    CHECK_NEAR (response_db (b.low, lo, rate), -6.02, 0.01);
    CHECK_NEAR (response_db (b.high, hi, rate), -6.02 + lr4_db (1, lo, hi,
            rate), 0.01);
    free_bands (b);
  }
  testing_set_verbose (true);
}

/* Stereo: each channel is split as it would be alone; the input buffer
 * may be any of the outputs; splits are ordered and clamped. */
static void
channels_and_aliasing (void)
{
  enum
  { N = 4800 };
  crossover *stereo = crossover_new (2, 48000.0);
  crossover *mono = crossover_new (1, 48000.0);
  double x[2 * N], left[N], l_low[N], l_mid[N], l_high[N];
  double low[2 * N], mid[2 * N], worst = 0.0;

  for (int i = 0; i < N; i++) {
    x[2 * i] = left[i] = sin (i * 0.05) + 0.3 * sin (i * 0.7);
    x[2 * i + 1] = cos (i * 0.011);
  }
  crossover_set_frequencies (stereo, 3000.0, 200.0);    /* swapped: ordered */
  crossover_split (mono, left, l_low, l_mid, l_high, N);
  crossover_split (stereo, x, low, mid, x, N);  /* high into the input */
  for (int i = 0; i < N; i++)
    worst = fmax (worst, fabs (low[2 * i] - l_low[i]) +
        fabs (mid[2 * i] - l_mid[i]) + fabs (x[2 * i] - l_high[i]));
  CHECK_RANGE (worst, 0.0, 1e-12);
  CHECK (crossover_new (3, 48000.0) == NULL);
  CHECK (crossover_new (1, 10.0) == NULL);
  crossover_free (stereo);
  crossover_free (mono);
}

static const test_case cases[] = {
  {"sum_is_flat", sum_is_flat},
  {"bands_are_lr4", bands_are_lr4},
  {"channels_and_aliasing", channels_and_aliasing},
};

TEST_MAIN (cases)
