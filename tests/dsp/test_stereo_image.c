/* Stereo width and mono bass: width 1 is exact, 0 is mono, 2 doubles the
 * side; bass mono takes the side out under its frequency and leaves the
 * mid's magnitude and the side above it; switching it makes no step; the
 * correlation meter reads +1, -1 and about 0 where it should.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "signals.h"
#include "stereo_image.h"
#include "testing.h"

#define RATE 48000.0
#define N 48000

static double *
noise_frames (unsigned long long seed)
{
  double *x = malloc (2 * N * sizeof (double));
  for (size_t i = 0; i < 2 * N; i++)
    x[i] = 0.5 * noise_uniform (&seed);
  return x;
}

static void
width_exact_mono_double (void)
{
  stereo_image *s = stereo_image_new (RATE);
  double *x = noise_frames (1), *y = malloc (2 * N * sizeof (double));
  bool exact = true, mono = true;
  double worst = 0.0;

  memcpy (y, x, 2 * N * sizeof (double));
  stereo_image_process (s, y, N);
  CHECK (memcmp (x, y, 2 * N * sizeof (double)) == 0);

  stereo_image_set_targets (s, 0.0, 0.0);
  stereo_image_process (s, y, N);
  for (size_t i = N / 2; i < N; i++)
    mono = mono && y[2 * i] == y[2 * i + 1];
  CHECK (mono);

  memcpy (y, x, 2 * N * sizeof (double));
  stereo_image_set_targets (s, 2.0, 0.0);
  stereo_image_reset (s);
  stereo_image_process (s, y, N);
  for (size_t i = 0; i < N; i++) {
    double side_in = x[2 * i] - x[2 * i + 1], side = y[2 * i] - y[2 * i + 1];
    double mid_in = x[2 * i] + x[2 * i + 1], mid = y[2 * i] + y[2 * i + 1];
    worst = fmax (worst, fabs (side - 2.0 * side_in) + fabs (mid - mid_in));
    exact = exact && isfinite (y[2 * i]);
  }
  CHECK_RANGE (worst, 0.0, 1e-12);
  CHECK (exact);
  free (x);
  free (y);
  stereo_image_free (s);
}

/* The amplitude after a second of a sine that is all mid or all side. */
static double
through_db (double f, int side, double bass_hz)
{
  stereo_image *s = stereo_image_new (RATE);
  double *x = malloc (2 * N * sizeof (double)), peak = 0.0;

  stereo_image_set_targets (s, 1.0, bass_hz);
  stereo_image_reset (s);
  for (size_t i = 0; i < N; i++) {
    double v = 0.5 * sin (2.0 * M_PI * f * (double) i / RATE);
    x[2 * i] = v;
    x[2 * i + 1] = side ? -v : v;
  }
  stereo_image_process (s, x, N);
  for (size_t i = N / 2; i < N; i++)
    peak = fmax (peak, fabs (side ? 0.5 * (x[2 * i] - x[2 * i + 1]) :
            0.5 * (x[2 * i] + x[2 * i + 1])));
  free (x);
  stereo_image_free (s);
  return 20.0 * log10 (peak / 0.5);
}

static void
bass_mono_response (void)
{
  const double f = 150.0;

  /* the side: LR4 high-pass, -48 dB two octaves under, flat above */
  CHECK_RANGE (through_db (f / 4.0, 1, f), -200.0, -45.0);
  CHECK_NEAR (through_db (f, 1, f), -6.02, 0.05);
  CHECK_NEAR (through_db (f * 8.0, 1, f), 0.0, 0.05);
  /* the mid: an all-pass, flat everywhere */
  for (double probe = 20.0; probe < 20000.0; probe *= 2.0)
    CHECK_NEAR (through_db (probe, 0, f), 0.0, 0.01);
}

/* Bass mono switched on, moved and off while noise plays: no step in the
 * output larger than the input's own. */
static void
switching_is_smooth (void)
{
  stereo_image *s = stereo_image_new (RATE);
  double *x = malloc (2 * N * sizeof (double)), largest_in = 0.0;
  double largest_out = 0.0;

  for (size_t i = 0; i < N; i++) {
    x[2 * i] = 0.4 * sin (2.0 * M_PI * 60.0 * (double) i / RATE);
    x[2 * i + 1] = 0.4 * sin (2.0 * M_PI * 45.0 * (double) i / RATE + 1.0);
  }
  for (size_t i = 1; i < N; i++)
    largest_in = fmax (largest_in, fabs (x[2 * i] - x[2 * (i - 1)]));
  stereo_image_process (s, x, N / 4);
  stereo_image_set_targets (s, 1.0, 120.0);
  stereo_image_process (s, x + N / 2, N / 4);
  stereo_image_set_targets (s, 0.5, 300.0);
  stereo_image_process (s, x + N, N / 4);
  stereo_image_set_targets (s, 1.0, 0.0);
  stereo_image_process (s, x + 3 * N / 2, N / 4);
  for (size_t i = 1; i < N; i++)
    for (int ch = 0; ch < 2; ch++)
      largest_out = fmax (largest_out, fabs (x[2 * i + ch] -
              x[2 * (i - 1) + ch]));
  CHECK_RANGE (largest_out, 0.0, 1.5 * largest_in);
  free (x);
  stereo_image_free (s);
}

static void
correlation_readings (void)
{
  double *x = noise_frames (7);
  correlation_sums independent = { 0 }, mono = { 0 }, inverted = { 0 };
  correlation_sums silence = { 0 };
  double zeros[8] = { 0 };

  correlation_add (&independent, x, N);
  for (size_t i = 0; i < N; i++)
    x[2 * i + 1] = x[2 * i];
  correlation_add (&mono, x, N);
  for (size_t i = 0; i < N; i++)
    x[2 * i + 1] = -x[2 * i];
  correlation_add (&inverted, x, N);
  correlation_add (&silence, zeros, 4);
  CHECK_RANGE (correlation_of (&independent), -0.02, 0.02);
  CHECK_NEAR (correlation_of (&mono), 1.0, 1e-12);
  CHECK_NEAR (correlation_of (&inverted), -1.0, 1e-12);
  CHECK_NEAR (correlation_of (&silence), 0.0, 0.0);
  free (x);
}

static const test_case cases[] = {
  {"width_exact_mono_double", width_exact_mono_double},
  {"bass_mono_response", bass_mono_response},
  {"switching_is_smooth", switching_is_smooth},
  {"correlation_readings", correlation_readings},
};

TEST_MAIN (cases)
