/* Parameter smoothing: a jump becomes a straight ramp of the set length,
 * whose per-frame change is |jump| / length; the target is held exactly
 * at the end; a new target mid-ramp starts from where the value is.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <math.h>

#include "smoother.h"
#include "testing.h"

static void
ramp_shape (void)
{
  smoother s;
  double previous, largest = 0.0;

  smoother_init (&s, 0.0, 20.0, 48000.0);
  CHECK (s.ramp_frames == 960);
  smoother_set_target (&s, 1.0);
  previous = 0.0;
  for (int i = 0; i < 959; i++) {
    double v = smoother_advance (&s, 1);
    largest = fmax (largest, fabs (v - previous));
    previous = v;
  }
  CHECK_NEAR (largest, 1.0 / 960, 1e-12);
  CHECK (!smoother_is_settled (&s));
  CHECK_NEAR (smoother_advance (&s, 1), 1.0, 0.0);
  CHECK (smoother_is_settled (&s));
}

static void
retarget_and_blocks (void)
{
  smoother s;

  smoother_init (&s, 2.0, 10.0, 1000.0);        /* 10 frames */
  smoother_set_target (&s, 12.0);
  CHECK_NEAR (smoother_advance (&s, 5), 7.0, 1e-12);
  smoother_set_target (&s, 7.0);        /* where it is: a 0-step ramp */
  CHECK_NEAR (smoother_advance (&s, 3), 7.0, 1e-12);
  smoother_set_target (&s, -3.0);
  CHECK_NEAR (smoother_advance (&s, 4), 3.0, 1e-12);
  CHECK_NEAR (smoother_advance (&s, 100), -3.0, 0.0);
  smoother_snap (&s, 5.0);
  CHECK (smoother_is_settled (&s));
  CHECK_NEAR (smoother_advance (&s, 1), 5.0, 0.0);
}

static const test_case cases[] = {
  {"ramp_shape", ramp_shape},
  {"retarget_and_blocks", retarget_and_blocks},
};

TEST_MAIN (cases)
