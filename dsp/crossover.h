/* mixmaster DSP core: a three-band Linkwitz-Riley crossover.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each split is 4th order Linkwitz-Riley (LR4): the low-pass is a
 * second-order Butterworth section twice, the high-pass likewise, so both
 * are -6 dB at the split and their sum is the second-order all-pass of
 * Butterworth Q, flat in magnitude:
 *   LP2^2 + HP2^2 = (s^2 - sqrt2 w s + w^2) / (s^2 + sqrt2 w s + w^2),
 * an identity the bilinear transform keeps. The input splits at `low`
 * into the low band and the rest; the rest splits at `high` into mid and
 * high. The low band then goes through the all-pass of the high split,
 * the phase the mid and high bands got from it, so that
 *   low + mid + high = AP_high AP_low x:
 * with the bands untouched, the sum is flat (Linkwitz 1976; D'Appolito's
 * all-pass compensation of a three-way network).
 */
#ifndef MIXMASTER_DSP_CROSSOVER_H
#define MIXMASTER_DSP_CROSSOVER_H

#include <stddef.h>

#define CROSSOVER_MAX_CHANNELS 2

typedef struct crossover crossover;

/* channels 1 or 2; NULL on bad arguments. Splits at 200 and 3000 Hz
 * (clamped under 0.45 rate) until crossover_set_frequencies(). */
crossover *crossover_new (unsigned channels, unsigned rate_hz);
void crossover_free (crossover * x);
void crossover_reset (crossover * x);

/* The split frequencies, low < high, each in [10 Hz, 0.45 rate]; they
 * are ordered and clamped if not. Histories are kept, so a change does
 * not restart the filters. */
void crossover_set_frequencies (crossover * x, double low_hz, double high_hz);

/* Splits n frames of interleaved doubles into the three bands (each n
 * frames, interleaved the same way). in may be any of the outputs. */
void crossover_split (crossover * x, const double *in, double *low,
    double *mid, double *high, size_t n);

#endif
