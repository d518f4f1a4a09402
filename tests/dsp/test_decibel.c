/* The fast level conversions agree with libm's within 1e-6 dB over the
 * whole range the dynamics use, and are exact where it matters (0 dB).
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <math.h>

#include "decibel.h"
#include "testing.h"

static void
fast_conversions (void)
{
  double worst_db = 0.0, worst_ratio = 0.0;

  for (double db = -400.0; db <= 400.0; db += 0.0137) {
    double a = pow (10.0, db / 20.0);
    worst_db = fmax (worst_db, fabs (fast_amplitude_to_db (a) - db));
    worst_ratio = fmax (worst_ratio, fabs (fast_db_to_amplitude (db) / a -
            1.0));
  }
  CHECK_RANGE (worst_db, 0.0, 1e-6);
  /* 1e-7 relative is 1e-6 dB */
  CHECK_RANGE (worst_ratio, 0.0, 1e-7);
  CHECK_NEAR (fast_db_to_amplitude (0.0), 1.0, 0.0);
  CHECK_NEAR (fast_amplitude_to_db (1.0), 0.0, 0.0);
}

static const test_case cases[] = {
  {"fast_conversions", fast_conversions},
};

TEST_MAIN (cases)
