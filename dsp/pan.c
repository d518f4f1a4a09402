/* mixmaster DSP core: pan laws, balance and stereo width.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "pan.h"

#include <math.h>

#include "range.h"

/* -1 (left) .. +1 (right); NaN is the centre */
static double
clamp_pan (double pan)
{
  return range_held (pan, -1.0, 1.0, 0.0);
}

pan_gains
pan_balance_gains (double pan)
{
  pan = clamp_pan (pan);
  return (pan_gains) {
  pan > 0.0 ? cos (pan * M_PI / 2.0) : 1.0,
        pan < 0.0 ? cos (-pan * M_PI / 2.0) : 1.0};
}

pan_gains
pan_law_gains (double pan, double law_db)
{
  double theta, k;

  if (law_db >= 0.0)
    return pan_balance_gains (pan);
  theta = (clamp_pan (pan) + 1.0) * M_PI / 4.0;
  /* cos(pi/4)^k = 10^(law_db / 20) */
  k = law_db / (20.0 * log10 (cos (M_PI / 4.0)));
  return (pan_gains) {
  pow (cos (theta), k), pow (sin (theta), k)};
}
