/* The saturation: off, a pure delay of SATURATION_LATENCY frames; on, a
 * small signal passes at unity gain and in time; a loud coherent sine
 * gets exactly the cubic's third harmonic, and nothing else above
 * -90 dBFS (no aliasing) at 44.1, 48 and 96 kHz; switching on and off
 * does not step.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <complex.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "saturation.h"
#include "signals.h"
#include "testing.h"

static void
off_is_a_delay (void)
{
  enum
  { N = 5000 };
  saturation *s = saturation_new (2, 48000.0);
  double *x = malloc (2 * N * sizeof (double));
  double *y = malloc (2 * N * sizeof (double));
  unsigned long long seed = 9;
  bool delayed = true;

  for (size_t i = 0; i < 2 * N; i++)
    y[i] = x[i] = noise_uniform (&seed);
  saturation_process (s, y, N);
  for (size_t i = 0; i < N; i++)
    for (int ch = 0; ch < 2; ch++)
      delayed = delayed && y[2 * i + ch] == (i < SATURATION_LATENCY ? 0.0 :
          x[2 * (i - SATURATION_LATENCY) + ch]);
  CHECK (delayed);
  free (x);
  free (y);
  saturation_free (s);
}

static void
small_signal_in_time (void)
{
  enum
  { N = 48000 };
  saturation *s = saturation_new (1, 48000.0);
  double *x = malloc (N * sizeof (double)), worst = 0.0;

  saturation_set_amount (s, 1.0);
  saturation_reset (s);
  for (size_t i = 0; i < N; i++)
    x[i] = 1e-3 * sin (2.0 * M_PI * 1000.0 * (double) i / 48000.0);
  saturation_process (s, x, N);
  for (size_t i = 1000; i < N; i++)
    worst = fmax (worst, fabs (x[i] - 1e-3 * sin (2.0 * M_PI * 1000.0 *
                (double) (i - SATURATION_LATENCY) / 48000.0)));
  /* the cubic's part is c A^3 = 1.5e-10; the filters' ripple about 1e-5 */
  CHECK_RANGE (worst / 1e-3, 0.0, 1e-4);
  free (x);
  saturation_free (s);
}

/* |X[bin]| / (N / 2): a sine's amplitude at an exact bin. */
static double
bin_amplitude (const double *x, size_t n, size_t bin)
{
  double complex sum = 0.0;
  for (size_t i = 0; i < n; i++)
    sum += x[i] * cexp (-2.0 * I * M_PI * (double) bin * (double) i /
        (double) n);
  return cabs (sum) / (double) (n / 2);
}

static void
no_aliasing (void)
{
  static const double rates[] = { 44100.0, 48000.0, 96000.0 };

  testing_set_verbose (false);
  for (int r = 0; r < 3; r++) {
    /* 1 Hz bins; a tone near 0.2 fs (third harmonic folds to 0.4 fs if
     * aliased) and one near 0.1 fs (third harmonic in band) */
    const size_t n = (size_t) rates[r], settle = 4096;
    const size_t tones[2] = { (size_t) (0.21 * rates[r]),
      (size_t) (0.09 * rates[r])
    };
    for (int t = 0; t < 2; t++) {
      saturation *s = saturation_new (1, rates[r]);
      double *x = malloc ((settle + n) * sizeof (double)), worst = 0.0;
      const double a = 0.9, c = 4.0 / 27.0;
      saturation_set_amount (s, 1.0);
      saturation_reset (s);
      for (size_t i = 0; i < settle + n; i++)
        x[i] = a * sin (2.0 * M_PI * (double) tones[t] * (double) i / rates[r]);
      saturation_process (s, x, settle + n);
      for (size_t bin = 20; bin < n / 2 - 20; bin += 7) {
        if (labs ((long) bin - (long) tones[t]) < 3 ||
            labs ((long) bin - 3 * (long) tones[t]) < 3)
          continue;
        worst = fmax (worst, bin_amplitude (x + settle, n, bin));
      }
      /* and exactly the bin a fold would hit */
      if (3 * tones[t] > n / 2)
        worst = fmax (worst, bin_amplitude (x + settle, n, n - 3 * tones[t]));
      CHECK_RANGE (20.0 * log10 (worst), -400.0, -90.0);
      CHECK_NEAR (bin_amplitude (x + settle, n, tones[t]), a - 0.75 * c * a *
          a * a, 1e-3);
      if (3 * tones[t] < n / 2)
        CHECK_NEAR (bin_amplitude (x + settle, n, 3 * tones[t]), 0.25 * c *
            a * a * a, 1e-3);
      free (x);
      saturation_free (s);
    }
  }
  testing_set_verbose (true);
}

/* On and off while a sine plays: no step larger than the sine's own. */
static void
switching_is_smooth (void)
{
  enum
  { N = 48000 };
  saturation *s = saturation_new (1, 48000.0);
  double *x = malloc (N * sizeof (double)), largest = 0.0;

  for (size_t i = 0; i < N; i++)
    x[i] = 1.2 * sin (2.0 * M_PI * 100.0 * (double) i / 48000.0);
  saturation_process (s, x, N / 3);
  saturation_set_amount (s, 1.0);
  saturation_process (s, x + N / 3, N / 3);
  saturation_set_amount (s, 0.0);
  saturation_process (s, x + 2 * (N / 3), N - 2 * (N / 3));
  for (size_t i = SATURATION_LATENCY + 1; i < N; i++)
    largest = fmax (largest, fabs (x[i] - x[i - 1]));
  CHECK_RANGE (largest, 0.0, 1.2 * 2.0 * M_PI * 100.0 / 48000.0 * 1.05);
  free (x);
  saturation_free (s);
}

static const test_case cases[] = {
  {"off_is_a_delay", off_is_a_delay},
  {"small_signal_in_time", small_signal_in_time},
  {"no_aliasing", no_aliasing},
  {"switching_is_smooth", switching_is_smooth},
};

TEST_MAIN (cases)
