/* mixmaster DSP core: sample-peak detection.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_DSP_SAMPLE_PEAK_H
#define MIXMASTER_DSP_SAMPLE_PEAK_H

#include <math.h>
#include <stddef.h>

#define SAMPLE_PEAK_LANES 8

/* Largest |x[i]|, 0 for n == 0. NaN samples are skipped (NaN never wins a
 * '>'). Eight independent lanes let the compiler keep the reduction in
 * SIMD registers without -ffast-math. Inline, so that vector-unit clones
 * of the callers (simd.h) get their own copy. */
static inline float
sample_peak_max_abs (const float *x, size_t n)
{
  float lane[SAMPLE_PEAK_LANES] = { 0 };
  size_t i = 0;

  for (; i + SAMPLE_PEAK_LANES <= n; i += SAMPLE_PEAK_LANES)
    for (unsigned l = 0; l < SAMPLE_PEAK_LANES; l++) {
      float a = fabsf (x[i + l]);
      lane[l] = a > lane[l] ? a : lane[l];
    }
  for (; i < n; i++) {
    float a = fabsf (x[i]);
    lane[0] = a > lane[0] ? a : lane[0];
  }

  float peak = lane[0];
  for (unsigned l = 1; l < SAMPLE_PEAK_LANES; l++)
    peak = lane[l] > peak ? lane[l] : peak;
  return peak;
}

#endif
