/* mixmaster DSP: a setting held to its range, the one way every setter
 * checks its preconditions (a value outside is the nearer end; NaN is
 * the setting's default).
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_DSP_RANGE_H
#define MIXMASTER_DSP_RANGE_H

#include <math.h>

/* v within [lo, hi] (NaN stays NaN) */
static inline double
range_clamp (double v, double lo, double hi)
{
  return v < lo ? lo : v > hi ? hi : v;
}

/* v within [lo, hi]; NaN is `otherwise` */
static inline double
range_held (double v, double lo, double hi, double otherwise)
{
  return isnan (v) ? otherwise : range_clamp (v, lo, hi);
}

#endif
