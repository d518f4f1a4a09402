/* mixmaster DSP core: filter design, the RBJ Audio EQ Cookbook and
 * Butterworth cascades.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Formulas: Robert Bristow-Johnson, "Cookbook formulae for audio EQ biquad
 * filter coefficients" (shared/reference/loudness-and-filters.md 6.1).
 */
#include "eq_design.h"

#include <math.h>

typedef struct
{
  double cos_w0, alpha;
} prewarp;

static prewarp
prewarp_at (double f0_hz, double q, double rate_hz)
{
  double w0 = 2.0 * M_PI * f0_hz / rate_hz;
  return (prewarp) {
  cos (w0), sin (w0) / (2.0 * q)};
}

/* Divides everything by a0 into c. */
static void
normalise (biquad_coeffs * c, double b0, double b1, double b2, double a0,
    double a1, double a2)
{
  c->b0 = b0 / a0;
  c->b1 = b1 / a0;
  c->b2 = b2 / a0;
  c->a1 = a1 / a0;
  c->a2 = a2 / a0;
}

void
eq_design_lowpass (biquad_coeffs * c, double f0_hz, double q, double rate_hz)
{
  prewarp p = prewarp_at (f0_hz, q, rate_hz);
  double b1 = 1.0 - p.cos_w0;

  normalise (c, b1 / 2.0, b1, b1 / 2.0, 1.0 + p.alpha, -2.0 * p.cos_w0,
      1.0 - p.alpha);
}

void
eq_design_highpass (biquad_coeffs * c, double f0_hz, double q, double rate_hz)
{
  prewarp p = prewarp_at (f0_hz, q, rate_hz);
  double b0 = (1.0 + p.cos_w0) / 2.0;

  normalise (c, b0, -2.0 * b0, b0, 1.0 + p.alpha, -2.0 * p.cos_w0,
      1.0 - p.alpha);
}

void
eq_design_peaking (biquad_coeffs * c, double f0_hz, double q,
    double gain_db, double rate_hz)
{
  prewarp p = prewarp_at (f0_hz, q, rate_hz);
  double a = pow (10.0, gain_db / 40.0);

  normalise (c, 1.0 + p.alpha * a, -2.0 * p.cos_w0, 1.0 - p.alpha * a,
      1.0 + p.alpha / a, -2.0 * p.cos_w0, 1.0 - p.alpha / a);
}

void
eq_design_allpass (biquad_coeffs * c, double f0_hz, double q, double rate_hz)
{
  prewarp p = prewarp_at (f0_hz, q, rate_hz);

  normalise (c, 1.0 - p.alpha, -2.0 * p.cos_w0, 1.0 + p.alpha,
      1.0 + p.alpha, -2.0 * p.cos_w0, 1.0 - p.alpha);
}

/* The shelves share everything but the sign of the cos(w0) terms. */
static void
shelf (biquad_coeffs * c, double f0_hz, double q, double gain_db,
    double rate_hz, double sign)
{
  prewarp p = prewarp_at (f0_hz, q, rate_hz);
  double a = pow (10.0, gain_db / 40.0);
  double k = sign * p.cos_w0, s = 2.0 * sqrt (a) * p.alpha;

  normalise (c,
      a * ((a + 1.0) - (a - 1.0) * k + s),
      sign * 2.0 * a * ((a - 1.0) - (a + 1.0) * k),
      a * ((a + 1.0) - (a - 1.0) * k - s),
      (a + 1.0) + (a - 1.0) * k + s,
      -sign * 2.0 * ((a - 1.0) + (a + 1.0) * k), (a + 1.0) + (a - 1.0) * k - s);
}

void
eq_design_low_shelf (biquad_coeffs * c, double f0_hz, double q,
    double gain_db, double rate_hz)
{
  shelf (c, f0_hz, q, gain_db, rate_hz, 1.0);
}

void
eq_design_high_shelf (biquad_coeffs * c, double f0_hz, double q,
    double gain_db, double rate_hz)
{
  shelf (c, f0_hz, q, gain_db, rate_hz, -1.0);
}

static double
butterworth_section_q (unsigned k, unsigned n_sections)
{
  return 1.0 / (2.0 * cos ((2.0 * k - 1.0) * M_PI / (4.0 * n_sections)));
}

void
eq_design_butterworth_highpass (biquad_coeffs * sections,
    unsigned n_sections, double f0_hz, double rate_hz)
{
  for (unsigned k = 1; k <= n_sections; k++)
    eq_design_highpass (&sections[k - 1], f0_hz, butterworth_section_q (k,
            n_sections), rate_hz);
}

void
eq_design_butterworth_lowpass (biquad_coeffs * sections,
    unsigned n_sections, double f0_hz, double rate_hz)
{
  for (unsigned k = 1; k <= n_sections; k++)
    eq_design_lowpass (&sections[k - 1], f0_hz, butterworth_section_q (k,
            n_sections), rate_hz);
}

double
eq_butterworth_magnitude_db (unsigned n_sections, int highpass, double f0_hz,
    double f_hz, double rate_hz)
{
  double t0 = tan (M_PI * f0_hz / rate_hz), t = tan (M_PI * f_hz / rate_hz);
  double ratio = highpass ? t0 / t : t / t0;
  return -10.0 * log10 (1.0 + pow (ratio, 2.0 * 2 * n_sections));
}
