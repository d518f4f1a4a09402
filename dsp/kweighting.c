/* mixmaster DSP core: K-weighting (ITU-R BS.1770-4, section 2.1).
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "kweighting.h"

#include <math.h>

/* Analog prototype parameters of the two stages. They are the values that
 * the bilinear transform maps exactly onto the 48 kHz coefficients of
 * BS.1770-4 Tables 1 and 2 (the same derivation libebur128 and Tech 3341
 * implementations use); tests/dsp check the 48 kHz result against the table.
 * In that fit the shelf's band-edge gain term Vb is Vh^0.4997, very nearly
 * the geometric mean sqrt(Vh) of the textbook shelf. */
#define KW_SHELF_F0_HZ 1681.974450955533
#define KW_SHELF_GAIN_DB 3.999843853973347
#define KW_SHELF_Q 0.7071752369554196
#define KW_SHELF_BAND_EXPONENT 0.4996667741545416
#define KW_HIGHPASS_F0_HZ 38.13547087602444
#define KW_HIGHPASS_Q 0.5003270373238773

static void
design_shelf (biquad_coeffs * c, double rate_hz)
{
  double k = tan (M_PI * KW_SHELF_F0_HZ / rate_hz);
  double vh = pow (10.0, KW_SHELF_GAIN_DB / 20.0);
  double vb = pow (vh, KW_SHELF_BAND_EXPONENT);
  double a0 = 1.0 + k / KW_SHELF_Q + k * k;

  c->b0 = (vh + vb * k / KW_SHELF_Q + k * k) / a0;
  c->b1 = 2.0 * (k * k - vh) / a0;
  c->b2 = (vh - vb * k / KW_SHELF_Q + k * k) / a0;
  c->a1 = 2.0 * (k * k - 1.0) / a0;
  c->a2 = (1.0 - k / KW_SHELF_Q + k * k) / a0;
}

/* BS.1770-4 Table 2 gives the high-pass numerator as exactly 1, -2, 1 at
 * 48 kHz (no gain normalisation), so it is kept so at every rate. */
static void
design_highpass (biquad_coeffs * c, double rate_hz)
{
  double k = tan (M_PI * KW_HIGHPASS_F0_HZ / rate_hz);
  double a0 = 1.0 + k / KW_HIGHPASS_Q + k * k;

  c->b0 = 1.0;
  c->b1 = -2.0;
  c->b2 = 1.0;
  c->a1 = 2.0 * (k * k - 1.0) / a0;
  c->a2 = (1.0 - k / KW_HIGHPASS_Q + k * k) / a0;
}

void
kweighting_design (kweighting_coeffs * c, double rate_hz)
{
  design_shelf (&c->shelf, rate_hz);
  design_highpass (&c->highpass, rate_hz);
}

void
kweighting_reset (kweighting_state * s)
{
  biquad_reset (&s->shelf);
  biquad_reset (&s->highpass);
}

double
kweighting_energy (const kweighting_coeffs * c, kweighting_state * s,
    const float *x, size_t n)
{
  /* Local copies let the compiler keep the recursion in registers. */
  biquad_coeffs shelf = c->shelf, highpass = c->highpass;
  biquad_state shelf_state = s->shelf, highpass_state = s->highpass;
  double energy = 0.0;

  for (size_t i = 0; i < n; i++) {
    double y = biquad_tick (&shelf, &shelf_state, x[i]);
    y = biquad_tick (&highpass, &highpass_state, y);
    energy += y * y;
  }

  s->shelf = shelf_state;
  s->highpass = highpass_state;
  biquad_sanitize (&s->shelf);
  biquad_sanitize (&s->highpass);
  return energy;
}

void
kweighting_energy_pair (const kweighting_coeffs * c, kweighting_state * a,
    kweighting_state * b, const float *xa, const float *xb, size_t n,
    double energy[2])
{
  /* The two channels' recursions side by side, written lane-wise so the
   * compiler packs each step of both into one SIMD instruction; each is
   * bound by the latency of its own feedback, so the pair costs about what
   * one channel does. The RLB high-pass has the numerator 1, -2, 1
   * (BS.1770-4 Table 2), which saves its multiplications. */
  const double sb0 = c->shelf.b0, sb1 = c->shelf.b1, sb2 = c->shelf.b2;
  const double sa1 = c->shelf.a1, sa2 = c->shelf.a2;
  const double ha1 = c->highpass.a1, ha2 = c->highpass.a2;
  double s1[2] = { a->shelf.s1, b->shelf.s1 };
  double s2[2] = { a->shelf.s2, b->shelf.s2 };
  double h1[2] = { a->highpass.s1, b->highpass.s1 };
  double h2[2] = { a->highpass.s2, b->highpass.s2 };
  double e[2] = { 0.0, 0.0 };

  for (size_t i = 0; i < n; i++) {
    const double x[2] = { xa[i], xb[i] };
    double y[2], z[2];
    for (int k = 0; k < 2; k++) {
      y[k] = sb0 * x[k] + s1[k];
      s1[k] = sb1 * x[k] - sa1 * y[k] + s2[k];
      s2[k] = sb2 * x[k] - sa2 * y[k];
      z[k] = y[k] + h1[k];
      h1[k] = -2.0 * y[k] - ha1 * z[k] + h2[k];
      h2[k] = y[k] - ha2 * z[k];
      e[k] += z[k] * z[k];
    }
  }

  a->shelf = (biquad_state) {
  s1[0], s2[0]};
  b->shelf = (biquad_state) {
  s1[1], s2[1]};
  a->highpass = (biquad_state) {
  h1[0], h2[0]};
  b->highpass = (biquad_state) {
  h1[1], h2[1]};
  biquad_sanitize (&a->shelf);
  biquad_sanitize (&a->highpass);
  biquad_sanitize (&b->shelf);
  biquad_sanitize (&b->highpass);
  energy[0] = e[0];
  energy[1] = e[1];
}
