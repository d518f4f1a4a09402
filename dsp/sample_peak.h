/* mixmaster DSP core: sample-peak detection.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_DSP_SAMPLE_PEAK_H
#define MIXMASTER_DSP_SAMPLE_PEAK_H

#include <stddef.h>

/* Largest |x[i]|, 0 for n == 0. NaN samples are skipped. */
float sample_peak_max_abs (const float *x, size_t n);

#endif
