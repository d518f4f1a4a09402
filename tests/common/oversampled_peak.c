/* mixmaster tests: an independent true-peak oracle at 8x oversampling.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "oversampled_peak.h"

#include <math.h>
#include <stdlib.h>

#define FACTOR 8
#define TAPS 32                 /* per phase */
#define BLOCK 32                /* frames per block maximum */

static double phase[FACTOR][TAPS];
static double bound;

/* y(i + p / FACTOR) = sum_k phase[p][k] x[i + TAPS / 2 - k]: the sinc
 * centred on that instant, Blackman-windowed over FACTOR * TAPS, each
 * phase normalised to unit DC gain. */
static void
design (void)
{
  const double n = FACTOR * TAPS, centre = n / 2.0;

  if (bound > 0.0)
    return;
  for (int p = 1; p < FACTOR; p++) {
    double dc = 0.0, sum = 0.0;
    for (int k = 0; k < TAPS; k++) {
      double j = p + FACTOR * k, t = (j - centre) / FACTOR;
      double w = 0.42 - 0.5 * cos (2 * M_PI * j / n) +
          0.08 * cos (4 * M_PI * j / n);
      phase[p][k] = (t == 0.0 ? 1.0 : sin (M_PI * t) / (M_PI * t)) * w;
      dc += phase[p][k];
    }
    for (int k = 0; k < TAPS; k++) {
      phase[p][k] /= dc;
      sum += fabs (phase[p][k]);
    }
    bound = sum > bound ? sum : bound;
  }
}

double
oversampled_peak (const double *x, size_t frames, unsigned channels,
    unsigned channel, double floor)
{
  size_t blocks = frames / BLOCK + 1;
  double *block_max = calloc (blocks, sizeof (double)), peak = 0.0;

  design ();
  for (size_t i = 0; i < frames; i++) {
    double a = fabs (x[i * channels + channel]);
    block_max[i / BLOCK] = a > block_max[i / BLOCK] ? a : block_max[i / BLOCK];
    peak = a > peak ? a : peak;
  }
  for (size_t i = 0; i < frames; i++) {
    /* the points after sample i use samples i + 1 - TAPS / 2 .. i + TAPS / 2 */
    size_t first = i + 1 > TAPS / 2 ? (i + 1 - TAPS / 2) / BLOCK : 0;
    size_t last = (i + TAPS / 2) / BLOCK;
    double local = 0.0;
    for (size_t b = first; b <= last && b < blocks; b++)
      local = block_max[b] > local ? block_max[b] : local;
    if (local * bound <= floor)
      continue;
    for (int p = 1; p < FACTOR; p++) {
      double y = 0.0;
      for (int k = 0; k < TAPS; k++) {
        size_t m = i + TAPS / 2 - k;
        if (m < frames)
          y += phase[p][k] * x[m * channels + channel];
      }
      peak = fabs (y) > peak ? fabs (y) : peak;
    }
  }
  free (block_max);
  return peak;
}
