/* mixmaster DSP core: loudness normalization, gain then true-peak limiter.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The signal path of every loudnorm mode that changes the audio:
 *
 *   input -> gain -> lookahead true-peak limiter (limiter.h) -> output
 *
 * The gain is either constant (two-pass "file" and "linear" modes: set
 * with normalizer_set_gain_db) or adaptive (live mode: the
 * loudness_leveler, fed the input's momentary loudness every 100 ms).
 * Either way it changes only at 100 ms steps counted from the last reset,
 * ramping linearly in amplitude across the following step, so parameter
 * changes and automation never click. A gain of exactly 0 dB leaves the
 * samples untouched, and so does the limiter below the ceiling.
 *
 * Leveling can look ahead (gain_lookahead_s, in whole 100 ms steps): the
 * meter hears the input that long before the gain stage does, and each
 * step's gain is the lowest the leveler chose over that span, so a cut
 * starts before the loud part it is for arrives and a rise waits until
 * the loud part is over (as a lookahead limiter holds its gain).
 *
 * The output lags the input by normalizer_latency() frames (the gain
 * lookahead and the limiter's); feed that many frames of silence to get
 * the tail out.
 */
#ifndef MIXMASTER_DSP_NORMALIZER_H
#define MIXMASTER_DSP_NORMALIZER_H

#include <stdbool.h>
#include <stddef.h>

#include "loudness_leveler.h"
#include "loudness_meter.h"

typedef struct normalizer normalizer;

/* 3 s, the EBU Tech 3341 short-term window */
#define NORMALIZER_MAX_GAIN_LOOKAHEAD_STEPS 30
#define NORMALIZER_MAX_GAIN_LOOKAHEAD_S \
  (NORMALIZER_MAX_GAIN_LOOKAHEAD_STEPS * LOUDNESS_LEVELER_BLOCK_S)

/* NULL if an argument is out of range (see limiter_new; gain_lookahead_s
 * 0 ... NORMALIZER_MAX_GAIN_LOOKAHEAD_S) or memory is short. Starts with a
 * constant 0 dB gain and a -1 dBTP ceiling. */
normalizer *normalizer_new (unsigned channels, unsigned rate_hz,
    double lookahead_ms, double gain_lookahead_s);
void normalizer_free (normalizer * n);

/* Silence in the lookahead, the leveler forgotten, the gain at its goal. */
void normalizer_reset (normalizer * n);

void normalizer_set_ceiling_db (normalizer * n, double ceiling_dbtp);
void normalizer_set_release_ms (normalizer * n, double release_ms);

/* Constant gain from now on (stops leveling). */
void normalizer_set_gain_db (normalizer * n, double gain_db);
/* Adaptive gain from now on; the parameters may change at any time. */
void normalizer_set_leveling (normalizer * n,
    const loudness_leveler_params * params);

size_t normalizer_latency (const normalizer * n);

/* In place, interleaved. `input` (may be NULL) is fed the frames before
 * the gain; when leveling it must be the meter the leveler follows, reset
 * together with the normalizer. */
void normalizer_process_f32 (normalizer * n, loudness_meter * input,
    float *interleaved, size_t frames);
void normalizer_process_f64 (normalizer * n, loudness_meter * input,
    double *interleaved, size_t frames);

/* Gain applied to the last frame before the limiter, dB. */
double normalizer_gain_db (const normalizer * n);
/* Leveling: what the leveler did at the last step; NULL for a constant
 * gain (loudness_leveler_state_name()). */
const char *normalizer_leveler_state (const normalizer * n);
/* The limiter's reduction now and its largest since the reset, dB >= 0. */
double normalizer_limiter_reduction_db (const normalizer * n);
double normalizer_max_limiter_reduction_db (const normalizer * n);

#endif
