/* The secant search for the gain that brings a limited output to a target
 * loudness, over model "renders" whose loudness curves are known exactly:
 * a clean gain (slope 1), a limiter that holds the loudness down past a
 * knee (slope 0.3 above it), and renders that fail.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <math.h>

#include "gain_search.h"
#include "testing.h"

typedef struct
{
  double input_lufs;            /* loudness at 0 dB */
  double knee_db;               /* gain where limiting starts */
  double slope;                 /* dL/dg past the knee */
  int fail_at;                  /* trial that fails; 0 never */
  int renders;
} model;

static bool
render_model (double gain_db, double *loudness, void *data)
{
  model *m = data;
  double over = fmax (0.0, gain_db - m->knee_db);

  if (++m->renders == m->fail_at)
    return false;
  *loudness = m->input_lufs + gain_db - over * (1.0 - m->slope);
  return true;
}

static bool
render_silence (double gain_db, double *loudness, void *data)
{
  (void) gain_db;
  (*(int *) data)++;
  *loudness = -INFINITY;
  return true;
}

static void
clean_gain_in_two_trials (void)
{
  model m = { -30.0, 100.0, 1.0, 0, 0 };
  gain_search_result r =
      gain_search (-14.0, 0.0, 60.0, 0.005, 8, render_model, &m);

  CHECK (r.trials == 2);
  CHECK_NEAR (r.gain_db, 16.0, 1e-9);
  CHECK_NEAR (r.loudness_lufs, -14.0, 1e-9);
}

static void
limited_gain_converges (void)
{
  /* -20 LUFS, limiting from +6 dB at 0.3 LU per dB: -9 LUFS needs
   * 6 + (11 - 6) / 0.3 = 22.667 dB */
  model m = { -20.0, 6.0, 0.3, 0, 0 };
  gain_search_result r =
      gain_search (-9.0, 0.0, 60.0, 0.005, 8, render_model, &m);

  CHECK (r.trials <= 6);
  CHECK_NEAR (r.loudness_lufs, -9.0, 0.005);
  CHECK_NEAR (r.gain_db, 6.0 + 5.0 / 0.3, 0.005 / 0.3);
}

static void
failures_stop_with_the_best (void)
{
  model m = { -20.0, 6.0, 0.3, 3, 0 };
  gain_search_result r =
      gain_search (-9.0, 0.0, 60.0, 0.005, 8, render_model, &m);
  model steep = { -20.0, 6.0, 0.05, 0, 0 };
  int silent = 0;

  /* trials 1 and 2 made, the third failed: the better of the two */
  CHECK (r.trials == 2);
  CHECK (m.renders == 3);
  CHECK_NEAR (r.gain_db, 11.0, 1e-9);
  r = gain_search (-14.0, 2.0, 60.0, 0.005, 8, render_silence, &silent);
  CHECK (r.trials == 0 && silent == 1);
  CHECK (r.gain_db == 2.0 && isinf (r.loudness_lufs));
  r = gain_search (-9.0, 0.0, 60.0, 0.005, 3, render_model, &steep);
  CHECK (r.trials == 3 && steep.renders == 3);
}

/* A programme the limiter holds down hard (clicks in silence: slope 0.02
 * past the knee) would be driven without end; the search never tries
 * more than its maximum, stops once that is short, and says what it got. */
static void
never_past_the_most_gain (void)
{
  model clicks = { -70.0, 1.0, 0.02, 0, 0 };
  gain_search_result r = gain_search (-14.0, 56.0, 60.0, 0.005, 8,
      render_model, &clicks);

  CHECK (r.gain_db <= 60.0);
  CHECK (clicks.renders <= 2);
  CHECK (r.loudness_lufs < -14.0 - 1.0);
}

static const test_case cases[] = {
  {"clean_gain_in_two_trials", clean_gain_in_two_trials},
  {"limited_gain_converges", limited_gain_converges},
  {"failures_stop_with_the_best", failures_stop_with_the_best},
  {"never_past_the_most_gain", never_past_the_most_gain},
};

TEST_MAIN (cases)
