/* Pan laws: the centre lands on the chosen law within 0.01 dB, hard left
 * and right silence the other side, the -3 dB law keeps the power; the
 * balance of a stereo source leaves the centre untouched; width 1 is exact
 * in value, 0 is mono.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <math.h>

#include "pan.h"
#include "testing.h"

static double
db (double g)
{
  return 20.0 * log10 (g);
}

static void
centre_and_extremes (void)
{
  static const double laws[] = { 0.0, -3.0, -4.5, -6.0 };

  for (int i = 0; i < 4; i++) {
    pan_gains c = pan_law_gains (0.0, laws[i]);
    pan_gains l = pan_law_gains (-1.0, laws[i]);
    pan_gains r = pan_law_gains (1.0, laws[i]);
    CHECK_NEAR (db (c.left), laws[i], 0.01);
    CHECK_NEAR (db (c.right), laws[i], 0.01);
    CHECK_NEAR (l.left, 1.0, 1e-12);
    CHECK_NEAR (l.right, 0.0, 1e-12);
    CHECK_NEAR (r.left, 0.0, 1e-12);
    CHECK_NEAR (r.right, 1.0, 1e-12);
  }
}

/* The -3 dB law is constant power across the field within 0.03 dB (exact
 * constant power is the -3.0103 dB sine-cosine law; -3.000 at the centre
 * costs 0.02 dB of power near it), and the gains move monotonically. */
static void
power_and_monotony (void)
{
  double previous_left = 2.0;

  testing_set_verbose (false);
  for (double p = -1.0; p <= 1.0 + 1e-9; p += 0.05) {
    pan_gains g = pan_law_gains (p, -3.0);
    CHECK_RANGE (db (g.left * g.left + g.right * g.right), -0.03, 0.03);
    CHECK (g.left <= previous_left);
    previous_left = g.left;
  }
  testing_set_verbose (true);
}

static void
balance_and_width (void)
{
  pan_gains b = pan_balance_gains (0.0);
  double l = 0.3, r = -0.7;

  CHECK_NEAR (b.left, 1.0, 0.0);
  CHECK_NEAR (b.right, 1.0, 0.0);
  b = pan_balance_gains (0.5);
  CHECK_NEAR (b.right, 1.0, 0.0);
  CHECK_NEAR (b.left, cos (M_PI / 4.0), 1e-12);
  pan_width (1.0, &l, &r);
  CHECK_NEAR (l, 0.3, 1e-15);
  CHECK_NEAR (r, -0.7, 1e-15);
  pan_width (0.0, &l, &r);
  CHECK_NEAR (l, -0.2, 1e-15);
  CHECK_NEAR (r, -0.2, 1e-15);
}

static const test_case cases[] = {
  {"centre_and_extremes", centre_and_extremes},
  {"power_and_monotony", power_and_monotony},
  {"balance_and_width", balance_and_width},
};

TEST_MAIN (cases)
