/* mixmaster DSP core: filter design, the RBJ Audio EQ Cookbook and
 * Butterworth cascades.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Formulas: Robert Bristow-Johnson, "Cookbook formulae for audio EQ biquad
 * filter coefficients".
 */
#include "eq_design.h"

#include <math.h>

#include "decibel.h"

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

/* octaves between a tilt's zero/pole pairs */
#define TILT_OCTAVES 2

/* The bilinear transform of (s + wz) / (s + wp), both corners prewarped:
 * coefficients of gain (1 + c1 z^-1) / (1 + d1 z^-1). */
typedef struct
{
  double gain, c1, d1;
} first_order;

static first_order
zero_pole (double zero_hz, double pole_hz, double rate_hz)
{
  double wz = tan (M_PI * zero_hz / rate_hz);
  double wp = tan (M_PI * pole_hz / rate_hz);
  first_order f = { (1.0 + wz) / (1.0 + wp), (wz - 1.0) / (1.0 + wz),
    (wp - 1.0) / (1.0 + wp)
  };
  return f;
}

unsigned
eq_design_tilt (biquad_coeffs * sections, double slope_db_per_oct,
    double pivot_hz, double rate_hz)
{
  /* a pair every TILT_OCTAVES octaves; its zero sits this many octaves
   * above its pole (below, for a cut) */
  const double spread = -TILT_OCTAVES * slope_db_per_oct /
      DECIBEL_DB_PER_OCTAVE;
  first_order pairs[2 * EQ_MAX_TILT_SECTIONS];
  unsigned n_pairs = 0, n_sections;
  double gain = 1.0;

  if (slope_db_per_oct == 0.0)
    return 0;
  for (int k = -7; k <= 5; k += TILT_OCTAVES) {
    double pole = pivot_hz * pow (2.0, k + 0.5 * TILT_OCTAVES);
    double zero = pole * pow (2.0, spread);
    if (pole >= 0.45 * rate_hz || zero >= 0.45 * rate_hz)
      break;
    pairs[n_pairs++] = zero_pole (zero, pole, rate_hz);
  }
  n_sections = (n_pairs + 1) / 2;
  for (unsigned s = 0; s < n_sections; s++) {
    first_order a = pairs[2 * s], b = 2 * s + 1 < n_pairs ?
        pairs[2 * s + 1] : (first_order) {
      1.0, 0.0, 0.0
    };
    sections[s] = (biquad_coeffs) {
    a.gain * b.gain, a.gain * b.gain * (a.c1 + b.c1),
          a.gain * b.gain * a.c1 * b.c1, a.d1 + b.d1, a.d1 * b.d1};
  }
  /* 0 dB at the pivot */
  for (unsigned s = 0; s < n_sections; s++)
    gain *= pow (10.0, biquad_magnitude_db (&sections[s], pivot_hz,
            rate_hz) / 20.0);
  sections[0].b0 /= gain;
  sections[0].b1 /= gain;
  sections[0].b2 /= gain;
  return n_sections;
}
