/* mixmaster DSP core: the Kaiser window and the sinc, for windowed-sinc
 * FIR design (true_peak.c, saturation.c).
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_DSP_KAISER_H
#define MIXMASTER_DSP_KAISER_H

#include <math.h>

/* Zeroth-order modified Bessel function of the first kind, by its power
 * series; converges fast for the arguments a Kaiser window needs. */
static inline double
bessel_i0 (double x)
{
  double term = 1.0, sum = 1.0, q = x * x / 4.0;
  for (int k = 1; k < 50 && term > 1e-17 * sum; k++) {
    term *= q / ((double) k * k);
    sum += term;
  }
  return sum;
}

/* The window at r in [-1, 1] (its centre at 0). */
static inline double
kaiser (double r, double beta)
{
  return bessel_i0 (beta * sqrt (1.0 - r * r)) / bessel_i0 (beta);
}

static inline double
sinc (double x)
{
  return x == 0.0 ? 1.0 : sin (M_PI * x) / (M_PI * x);
}

#endif
