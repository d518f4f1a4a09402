/* mixmaster tests: an independent true-peak oracle at 8x oversampling.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The project's meter and libebur128 oversample 2x from 96 kHz on (as
 * BS.1770-4 Annex 2 allows); the acceptance tests want the ceiling checked
 * at 4x or more at every rate. This oracle interpolates 8x with its own
 * filter (a Blackman-windowed sinc, 32 taps per phase, designed here), and
 * only where a point could exceed the floor the caller cares about: by the
 * bound |y| <= (sum |c|) max |x| over the taps, a skipped stretch cannot.
 */
#ifndef MIXMASTER_OVERSAMPLED_PEAK_H
#define MIXMASTER_OVERSAMPLED_PEAK_H

#include <stddef.h>

/* The largest |x| of channel `channel` of interleaved x, samples and 8x
 * interpolated points, if it exceeds floor; otherwise a value <= floor. */
double oversampled_peak (const double *x, size_t frames, unsigned channels,
    unsigned channel, double floor);

#endif
