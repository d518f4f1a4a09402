/* mixmaster DSP core: level conversions shared by every module.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_DSP_DECIBEL_H
#define MIXMASTER_DSP_DECIBEL_H

#include <math.h>

/* Amplitude ratio to decibels; 0 gives -inf, never NaN. */
static inline double
amplitude_to_db (double amplitude)
{
  return amplitude > 0.0 ? 20.0 * log10 (amplitude) : -INFINITY;
}

static inline double
db_to_amplitude (double db)
{
  return pow (10.0, db / 20.0);
}

/* Power (mean square) ratio to decibels; 0 gives -inf, never NaN. */
static inline double
power_to_db (double power)
{
  return power > 0.0 ? 10.0 * log10 (power) : -INFINITY;
}

static inline double
db_to_power (double db)
{
  return pow (10.0, db / 10.0);
}

#endif
