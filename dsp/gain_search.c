/* mixmaster DSP core: the gain that brings a limited output to a loudness.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gain_search.h"

#include <math.h>

#define MIN_SLOPE 0.2
#define MAX_SLOPE 1.0

gain_search_result
gain_search (double target_lufs, double first_gain_db, double max_gain_db,
    double tolerance_lu, int max_trials, gain_search_render render,
    void *user_data)
{
  double gain = fmin (first_gain_db, max_gain_db);
  gain_search_result best = { gain, -INFINITY, 0 };
  double best_error = INFINITY;
  double previous_gain = NAN, previous_loudness = NAN;

  while (best.trials < max_trials) {
    double loudness, slope = MAX_SLOPE;

    if (!render (gain, &loudness, user_data) || !isfinite (loudness))
      break;
    best.trials++;
    if (fabs (target_lufs - loudness) < best_error) {
      best_error = fabs (target_lufs - loudness);
      best.gain_db = gain;
      best.loudness_lufs = loudness;
    }
    if (best_error < tolerance_lu ||
        (gain >= max_gain_db && loudness < target_lufs))
      break;
    /* secant: the slope between the last two trials */
    if (isfinite (previous_gain) && gain != previous_gain)
      slope = fmin (MAX_SLOPE, fmax (MIN_SLOPE, (loudness - previous_loudness)
              / (gain - previous_gain)));
    previous_gain = gain;
    previous_loudness = loudness;
    gain = fmin (gain + (target_lufs - loudness) / slope, max_gain_db);
  }
  return best;
}
