/* mixmaster DSP core: second-order IIR sections in double precision.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * H(z) = (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2), coefficients
 * already normalised by a0. Runs in transposed direct form II, which keeps
 * two state words per section and behaves well in double precision for the
 * low cut-off/high rate corners (38 Hz at 384 kHz) that the meters need.
 */
#ifndef MIXMASTER_DSP_BIQUAD_H
#define MIXMASTER_DSP_BIQUAD_H

typedef struct
{
  double b0, b1, b2;
  double a1, a2;
} biquad_coeffs;

typedef struct
{
  double s1, s2;                /* transposed direct form II state */
} biquad_state;

void biquad_reset (biquad_state * state);

/* Zeroes a state that went non-finite (NaN or Inf input) or subnormal (long
 * silence), so neither poisons nor slows down the samples that follow.
 * Call once per block, not per sample. */
void biquad_sanitize (biquad_state * state);

/* The rule for one word: itself, or 0 if non-finite or subnormal. */
double biquad_sanitized (double word);

/* |H(e^jw)| in dB at frequency_hz for rate_hz. */
double biquad_magnitude_db (const biquad_coeffs * c, double frequency_hz,
    double rate_hz);

static inline double
biquad_tick (const biquad_coeffs * c, biquad_state * s, double x)
{
  double y = c->b0 * x + s->s1;
  s->s1 = c->b1 * x - c->a1 * y + s->s2;
  s->s2 = c->b2 * x - c->a2 * y;
  return y;
}

#endif
