/* mixmaster DSP core: the gain that brings a limited output to a loudness.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Two-pass normalization through a limiter (loudnorm mode=file, and
 * audiomaster mode=file pushing its chain into the limiter): the limiter
 * takes loudness off the peaks it holds, and takes more the harder it is
 * driven, so the output's loudness L(g) rises by less than the gain g.
 * The gain that gives L(g) = target is found by the secant method over
 * trial renders, the slope dL/dg kept within [0.2, 1] (a limiter never
 * makes a gain step louder than itself, and at 0.2 the search would have
 * to drive the limiter by 5 dB per LU: past any sensible mastering).
 */
#ifndef MIXMASTER_DSP_GAIN_SEARCH_H
#define MIXMASTER_DSP_GAIN_SEARCH_H

#include <stdbool.h>

/* One trial: the integrated loudness (LUFS) of the output rendered at
 * gain_db; false stops the search (an error, or a non-finite loudness). */
typedef bool (*gain_search_render) (double gain_db, double *loudness_lufs,
    void *user_data);

typedef struct
{
  double gain_db;               /* the best gain tried */
  double loudness_lufs;         /* what it gave; -inf if nothing did */
  int trials;                   /* renders made */
} gain_search_result;

/* Starts at first_gain_db; never tries more than max_gain_db; stops when a
 * trial lands within tolerance_lu of target_lufs, after max_trials, when
 * the trial at max_gain_db is still short of the target, or when render
 * returns false. */
gain_search_result gain_search (double target_lufs, double first_gain_db,
    double max_gain_db, double tolerance_lu, int max_trials,
    gain_search_render render, void *user_data);

#endif
