/* mixmaster DSP core: finding and silencing NaN and infinite samples.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_DSP_NON_FINITE_H
#define MIXMASTER_DSP_NON_FINITE_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* True if any of the samples is infinite or NaN, whose exponent field is
 * all ones: one more carries into the sign bit. Whole words OR'ed
 * together, so the loop vectorises. (Converted from float, a sample stays
 * finite or not.) */
static inline bool
any_non_finite (const double *x, size_t count)
{
  uint64_t carries = 0;
  for (size_t i = 0; i < count; i++) {
    uint64_t bits;
    memcpy (&bits, &x[i], sizeof (bits));
    carries |= (bits & 0x7ff0000000000000u) + 0x0010000000000000u;
  }
  return (carries & 0x8000000000000000u) != 0;
}

/* Non-finite samples become silence. */
static inline void
silence_non_finite (double *x, size_t count)
{
  for (size_t i = 0; i < count; i++)
    x[i] = isfinite (x[i]) ? x[i] : 0.0;
}

#endif
