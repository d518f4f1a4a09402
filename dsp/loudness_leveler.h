/* mixmaster DSP core: the adaptive gain of live loudness normalization.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Fed the input's momentary loudness (ITU-R BS.1770-4 400 ms blocks) every
 * 100 ms, returns the gain that steers the programme to a target:
 *
 *   gain = target - L_window, at most max_gain, changing by no more than
 *          rise (up) or fall (down) dB per second (a boost: 60 dB/s down
 *          while the programme with it is more than 6 LU over the target),
 *
 * where L_window is the loudness of the programme blocks of the last
 * `window` seconds of programme, gated as BS.1770 gates the integrated
 * loudness (-10 LU relative). A block is programme when its loudness
 * is at or above the gate (absolute, LUFS) and no more than 20 LU below the
 * recent programme (the relative gate of EBU Tech 3342), whose level is the
 * 80th percentile of the blocks above the gate in the last 60 s: a loud
 * stretch or an overload burst shorter than 12 s does not move it, nor
 * does a quiet passage shorter than 48 s (a programme's own dynamics are
 * kept), and after a longer loud stretch it follows the programme within
 * 48 s (a reference of the whole stream, as the integrated loudness, kept
 * the gain frozen for good after 30 s of loud noise). Otherwise the gain
 * is frozen: silence, room noise and pauses are never pumped up, and the
 * window keeps the programme from before a pause.
 * Until the first programme block the gain is 0 dB; the first block sets a
 * cut at once, while a boost rises from 0 dB at `rise` (a short, quiet
 * start does not set it). A fast path takes a boost off at 60 dB/s (to
 * 0 dB at most) once the programme with it is more than 6 LU over the
 * target (a quiet intro, then the loud part).
 * No allocation: the struct is the whole state.
 */
#ifndef MIXMASTER_DSP_LOUDNESS_LEVELER_H
#define MIXMASTER_DSP_LOUDNESS_LEVELER_H

#include <stdbool.h>
#include <stddef.h>

#define LOUDNESS_LEVELER_BLOCK_S 0.1
#define LOUDNESS_LEVELER_MIN_WINDOW_S 0.4
#define LOUDNESS_LEVELER_MAX_WINDOW_S 10.0
/* 400 ms blocks every 100 ms covering the longest window */
#define LOUDNESS_LEVELER_MAX_BLOCKS 97
/* the recent programme the relative gate is below: 60 s of blocks */
#define LOUDNESS_LEVELER_RECENT_BLOCKS 600

typedef struct
{
  double target_lufs;
  double window_s;              /* 0.4 ... 10 */
  double max_gain_db;
  double rise_db_per_s;         /* > 0 */
  double fall_db_per_s;         /* > 0 */
  double gate_lufs;
} loudness_leveler_params;

/* What the last update did with the gain. */
typedef enum
{
  LOUDNESS_LEVELER_WAITING,     /* no programme yet: 0 dB */
  LOUDNESS_LEVELER_LEVELING,    /* following the programme */
  LOUDNESS_LEVELER_FROZEN_QUIET,        /* frozen: below the gate */
  LOUDNESS_LEVELER_FROZEN_UNDER,        /* frozen: 20 LU under the recent
                                         * programme */
} loudness_leveler_state;

typedef struct
{
  loudness_leveler_params params;
  loudness_leveler_state state;
  double block_power[LOUDNESS_LEVELER_MAX_BLOCKS];      /* 10^(L/10) */
  size_t next_block, blocks;
  double recent_lufs[LOUDNESS_LEVELER_RECENT_BLOCKS];   /* above the gate */
  double recent_sorted[LOUDNESS_LEVELER_RECENT_BLOCKS]; /* scratch */
  size_t next_recent, recent;
  double gain_db;
  bool started;
} loudness_leveler;

void loudness_leveler_init (loudness_leveler * l,
    const loudness_leveler_params * params);

/* New parameters apply from the next update; what was measured is kept. */
void loudness_leveler_set_params (loudness_leveler * l,
    const loudness_leveler_params * params);

/* Back to 0 dB, nothing measured. */
void loudness_leveler_reset (loudness_leveler * l);

/* One 100 ms step: the latest momentary loudness of the input (LUFS, -inf
 * if none). Returns the gain for the next step, dB. */
double loudness_leveler_update (loudness_leveler * l, double momentary_lufs);

double loudness_leveler_gain_db (const loudness_leveler * l);

/* What the last update did; its name for messages ("waiting", "leveling",
 * "frozen-quiet", "frozen-under-programme"). */
loudness_leveler_state loudness_leveler_get_state (const loudness_leveler * l);
const char *loudness_leveler_state_name (loudness_leveler_state state);

#endif
