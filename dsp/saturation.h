/* mixmaster DSP core: soft-clip saturation, oversampled so it does not
 * alias.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The curve is a cubic, y = x - c x^3, c = amount * 4 / 27, flat (and held
 * there) from |x| = 1 / sqrt(3 c): at amount 1 it reaches 1.0 at an input
 * of 1.5 (+3.5 dBFS) with zero slope. Unity gain for small signals; odd,
 * so it adds odd harmonics, the third at c A^3 / 4 for a sine of
 * amplitude A.
 *
 * A cubic makes nothing above three times the input's frequencies, so at
 * twice the rate nothing it makes from content under 0.45 fs folds back
 * under 0.55 fs. The signal is upsampled by 2, shaped, and downsampled
 * by 2 through a Kaiser-windowed half-band FIR of 135 taps (beta 10.06:
 * about 100 dB from 0.55 fs, flat to 0.45 fs), so what aliases stays
 * under -90 dB, as long as the input stays under the flat part of the
 * curve. The two filters delay the signal by SATURATION_LATENCY frames;
 * with amount 0 the signal is only delayed as much, so the latency never
 * changes, and turning the saturation on or off crossfades over 20 ms.
 */
#ifndef MIXMASTER_DSP_SATURATION_H
#define MIXMASTER_DSP_SATURATION_H

#include <stddef.h>

/* frames of delay through the saturation, at any setting */
#define SATURATION_LATENCY 67
#define SATURATION_MAX_CHANNELS 2

typedef struct saturation saturation;

/* channels 1 or 2; NULL on bad arguments or short memory; amount 0. */
saturation *saturation_new (unsigned channels, unsigned rate_hz);
void saturation_free (saturation * s);
void saturation_reset (saturation * s);

/* amount in [0, 1]; changes ramp over 20 ms */
void saturation_set_amount (saturation * s, double amount);

/* n frames, interleaved, in place (delayed by SATURATION_LATENCY) */
void saturation_process (saturation * s, double *frames, size_t n);

/* The static curve at amount (for plots and tests). */
double saturation_curve (double x, double amount);

#endif
