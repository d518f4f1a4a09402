/* mixmaster tests: an independent true-peak oracle (8x scan, then a fine
 * reconstruction wherever the scan comes near the floor).
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * libebur128 oversamples 4x, and 2x from 96 kHz on (as BS.1770-4 Annex 2
 * allows): between its points a waveform near Nyquist rises by up to
 * 0.5 dB. The acceptance tests want the ceiling checked on the waveform
 * itself, by code that shares nothing with dsp/true_peak.c: this oracle
 * scans at 8x and reconstructs every stretch that comes near the floor
 * on a grid of 1/64 sample with a long sinc (oversampled_peak.c).
 */
#ifndef MIXMASTER_OVERSAMPLED_PEAK_H
#define MIXMASTER_OVERSAMPLED_PEAK_H

#include <stddef.h>

/* The largest |x(t)| of channel `channel` of interleaved x, if it exceeds
 * floor; otherwise a value <= floor. */
double oversampled_peak (const double *x, size_t frames, unsigned channels,
    unsigned channel, double floor);

#endif
