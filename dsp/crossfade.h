/* mixmaster DSP core: a linear crossfade between two renderings.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_DSP_CROSSFADE_H
#define MIXMASTER_DSP_CROSSFADE_H

#include <stddef.h>

/* Moves n frames of `from` (in place) towards `to`, along a fade of
 * `length` frames of which `left` remain at the first frame: frame i gets
 * the weight (length - left + i + 1) / length of `to`, 1 once the fade
 * is over. Returns the frames still left after these. */
static inline size_t
crossfade (double *from, const double *to, unsigned channels, size_t n,
    size_t left, size_t length)
{
  for (size_t i = 0; i < n; i++) {
    double weight = left > i ? (double) (length - left + i + 1) /
        (double) length : 1.0;
    for (unsigned ch = 0; ch < channels; ch++)
      from[i * channels + ch] += weight * (to[i * channels + ch] -
          from[i * channels + ch]);
  }
  return left > n ? left - n : 0;
}

#endif
