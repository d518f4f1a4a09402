/* mixmaster tools: a programme's loudness over time, for plots: momentary
 * and short-term loudness (ITU-R BS.1770-4, EBU Tech 3341) and the true
 * peak of every 100 ms slice.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_LOUDNESS_CURVE_H
#define MIXMASTER_LOUDNESS_CURVE_H

#include <stddef.h>

typedef struct
{
  double seconds;               /* the slice's end */
  double momentary_lufs, short_term_lufs;       /* -inf: silence */
  double true_peak_dbtp;        /* the slice's largest, all channels */
} loudness_point;

typedef struct loudness_curve loudness_curve;

/* Room for expected_seconds of points is made here, so that adding the
 * programme allocates nothing (a longer one grows the room). NULL on a bad
 * rate or channel count, or without memory. */
loudness_curve *loudness_curve_new (unsigned channels, unsigned rate,
    double expected_seconds);
void loudness_curve_free (loudness_curve * c);

/* Interleaved samples. */
void loudness_curve_add_f32 (loudness_curve * c, const float *x,
    size_t frames);

/* The points so far (the last, partial slice included once the programme
 * has ended: call loudness_curve_finish()). */
const loudness_point *loudness_curve_points (const loudness_curve * c,
    size_t *n_points);
void loudness_curve_finish (loudness_curve * c);

/* The meter's integrated loudness (LUFS) of everything added. */
double loudness_curve_integrated (const loudness_curve * c);

#endif
