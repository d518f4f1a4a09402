/* mixmaster DSP core: the K-weighting filter of ITU-R BS.1770-4, section 2.1.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Two cascaded biquads: the "pre-filter" high shelf (+4 dB above ~1.7 kHz,
 * modelling the acoustic effect of the head) and the "RLB" high-pass.
 * BS.1770 tabulates both only for 48 kHz; here they are re-derived for any
 * sample rate from their analog prototypes, so 44.1 kHz or 384 kHz input is
 * measured without resampling.
 */
#ifndef MIXMASTER_DSP_KWEIGHTING_H
#define MIXMASTER_DSP_KWEIGHTING_H

#include <stddef.h>

#include "biquad.h"

typedef struct
{
  biquad_coeffs shelf;          /* BS.1770-4 Table 1, "stage 1" */
  biquad_coeffs highpass;       /* BS.1770-4 Table 2, "stage 2" (RLB) */
} kweighting_coeffs;

typedef struct
{
  biquad_state shelf;
  biquad_state highpass;
} kweighting_state;

void kweighting_design (kweighting_coeffs * c, double rate_hz);

void kweighting_reset (kweighting_state * s);

/* Filters n samples and returns the sum of the squared K-weighted output
 * (the numerator of z_i in BS.1770-4 eq. 1). Leaves the state sanitized. */
double kweighting_energy (const kweighting_coeffs * c, kweighting_state * s,
    const float *x, size_t n);

/* kweighting_energy() of two channels at once, with the same result for
 * each; about twice as fast as two calls. */
void kweighting_energy_pair (const kweighting_coeffs * c,
    kweighting_state * a, kweighting_state * b, const float *xa,
    const float *xb, size_t n, double energy[2]);

#endif
