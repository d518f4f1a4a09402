/* mixmaster DSP core: stereo width and mono bass, for a mastering chain.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Mid M = (L + R) / 2 and side S = (L - R) / 2; width w scales the side:
 * L = M + w S, R = M - w S (w = 1 leaves the frames exactly as they are,
 * 0 is mono, 2 doubles the side).
 *
 * Bass mono below f removes the side's content under f with the LR4
 * crossover's low-pass, and turns the mid through the matching all-pass:
 *   M' = AP(M),  S' = AP(S) - LP4(S) = HP4(S),
 * (LP4 + HP4 = AP, crossover.h), so L' = AP(L) - LP4(S) and
 * R' = AP(R) + LP4(S): the input through the all-pass, flat in magnitude,
 * with the low side taken out, and mid and side above f still in phase.
 *
 * Width moves along 20 ms ramps; switching bass mono on or off, or
 * moving its frequency, crossfades between the two settings over 20 ms,
 * so nothing clicks.
 */
#ifndef MIXMASTER_DSP_STEREO_IMAGE_H
#define MIXMASTER_DSP_STEREO_IMAGE_H

#include <stddef.h>

typedef struct stereo_image stereo_image;

/* NULL on a rate under 1 kHz or when memory is short. */
stereo_image *stereo_image_new (unsigned rate_hz);
void stereo_image_free (stereo_image * s);
/* Silence in the filters; the settings settled. */
void stereo_image_reset (stereo_image * s);

/* width in [0, 2]; bass_mono_hz 0 = off, else [10 Hz, 0.45 rate] */
void stereo_image_set_targets (stereo_image * s, double width, double bass_mono_hz);

/* n stereo frames, interleaved, in place */
void stereo_image_process (stereo_image * s, double *frames, size_t n);

/* The phase correlation of n stereo frames: sum LR / sqrt(sum L^2 sum R^2),
 * -1 (out of phase) .. +1 (mono); 0 for silence. For a running meter,
 * accumulate the three sums with correlation_add() and read them with
 * correlation_of(). */
typedef struct
{
  double lr, ll, rr;
} correlation_sums;

void correlation_add (correlation_sums * c, const double *frames, size_t n);
double correlation_of (const correlation_sums * c);

#endif
