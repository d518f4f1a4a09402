/* mixmaster DSP core: filter design, the RBJ Audio EQ Cookbook and
 * Butterworth cascades.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each function fills biquad_coeffs (normalised by a0) for a sample rate.
 * The bilinear transform is prewarped at f0, so the cookbook's exact
 * properties hold at every rate: |H(f0)| = Q for the low- and high-pass,
 * the set gain at f0 for the peaking filter, half of it for the shelves.
 * Frequencies must lie in (0, rate / 2).
 */
#ifndef MIXMASTER_DSP_EQ_DESIGN_H
#define MIXMASTER_DSP_EQ_DESIGN_H

#include "biquad.h"

/* Q of a second-order Butterworth section */
#define EQ_BUTTERWORTH_Q 0.70710678118654752440

/* The largest Butterworth order butterworth_*() design: 8 (48 dB/oct) */
#define EQ_MAX_BUTTERWORTH_SECTIONS 4

/* RBJ cookbook, with alpha = sin(w0) / (2 Q). */
void eq_design_lowpass (biquad_coeffs * c, double f0_hz, double q,
    double rate_hz);
void eq_design_highpass (biquad_coeffs * c, double f0_hz, double q,
    double rate_hz);
void eq_design_peaking (biquad_coeffs * c, double f0_hz, double q,
    double gain_db, double rate_hz);
void eq_design_low_shelf (biquad_coeffs * c, double f0_hz, double q,
    double gain_db, double rate_hz);
void eq_design_high_shelf (biquad_coeffs * c, double f0_hz, double q,
    double gain_db, double rate_hz);
/* |H| = 1 at every frequency; the phase turns through -180 degrees at
 * f0. */
void eq_design_allpass (biquad_coeffs * c, double f0_hz, double q,
    double rate_hz);

/* A Butterworth high- or low-pass of even order 2 * sections (12 dB/oct
 * per section) as a cascade of RBJ sections with
 * Q_k = 1 / (2 cos((2k - 1) pi / (4 sections))), k = 1 .. sections,
 * the pole pairs of the analog prototype. */
void eq_design_butterworth_highpass (biquad_coeffs * sections,
    unsigned n_sections, double f0_hz, double rate_hz);
void eq_design_butterworth_lowpass (biquad_coeffs * sections,
    unsigned n_sections, double f0_hz, double rate_hz);

/* A tilt of slope_db_per_oct (dB per octave, + brightens) through
 * pivot_hz, where the gain is 0 dB. Every second octave has a first-order
 * zero/pole pair whose zero lies 2 slope / 6.02 octaves from its pole
 * (6.02 dB per octave between them), so each pair is a step of twice the
 * slope and the steps make the slope; two pairs per biquad. The poles run
 * from 6 octaves under the pivot to 6 above (16 Hz to 64 kHz around
 * 1 kHz) while they and their zeros stay under 0.45 rate; outside them
 * the tilt levels off. From 30 Hz to 0.15 rate the response is within
 * 0.13 dB of the slope at +-1 dB/oct, 0.4 dB at +-3 (the steps' ripple,
 * and the bilinear transform squeezing them towards Nyquist). Fills up
 * to EQ_MAX_TILT_SECTIONS sections and returns how many (0 for a slope
 * of 0); |slope_db_per_oct| <= 6. */
#define EQ_MAX_TILT_SECTIONS 4
unsigned eq_design_tilt (biquad_coeffs * sections, double slope_db_per_oct,
    double pivot_hz, double rate_hz);

/* |H| of the digital Butterworth of that order, prewarped at f0:
 * 1 / sqrt(1 + (tan(w0/2) / tan(w/2))^(2n)) for the high-pass, the
 * ratio inverted for the low-pass. In dB. */
double eq_butterworth_magnitude_db (unsigned n_sections, int highpass,
    double f0_hz, double f_hz, double rate_hz);

#endif
