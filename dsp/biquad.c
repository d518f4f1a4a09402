/* mixmaster DSP core: second-order IIR sections.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "biquad.h"

#include <complex.h>
#include <float.h>
#include <math.h>

/* Below this magnitude a state word carries nothing audible (-600 dBFS) but
 * is about to turn subnormal, where x86 arithmetic slows down ~100x. */
#define BIQUAD_STATE_FLOOR 1e-30

void
biquad_reset (biquad_state * state)
{
  state->s1 = 0.0;
  state->s2 = 0.0;
}

double
biquad_sanitized (double w)
{
  if (!isfinite (w) || fabs (w) < BIQUAD_STATE_FLOOR)
    return 0.0;
  return w;
}

void
biquad_sanitize (biquad_state * state)
{
  state->s1 = biquad_sanitized (state->s1);
  state->s2 = biquad_sanitized (state->s2);
}

double
biquad_magnitude_db (const biquad_coeffs * c, double frequency_hz,
    double rate_hz)
{
  double w = 2.0 * M_PI * frequency_hz / rate_hz;
  double complex z1 = cexp (-I * w);
  double complex z2 = z1 * z1;
  double complex num = c->b0 + c->b1 * z1 + c->b2 * z2;
  double complex den = 1.0 + c->a1 * z1 + c->a2 * z2;
  return 20.0 * log10 (cabs (num / den));
}
