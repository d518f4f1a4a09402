/* mixmaster DSP core: the adaptive gain of live loudness normalization.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Fed the input's momentary loudness (ITU-R BS.1770-4 400 ms blocks) every
 * 100 ms, returns the gain that steers the programme to a target while
 * keeping its dynamics:
 *
 *   centre = target - L_window + min (0, target - L_window,out)
 *   gain   = centre, unless the programme's short-term loudness with it,
 *            S + centre, leaves [target - 3/4 range, target + 1/4 range]:
 *            then the gain that puts S on the nearer edge;
 *            at most max_gain, changing by no more than rise (up) or
 *            fall (down) dB per second,
 *
 * where L_window is the loudness of the programme blocks of the last
 * `window` seconds of programme, gated as BS.1770 gates the integrated
 * loudness (-10 LU relative; a block more than 6 LU over the window's 90th
 * percentile counts as that loud, so an overload burst shorter than a
 * tenth of the window moves it by 6 LU at most), L_window,out the same
 * loudness of the output (those blocks but the newest, each with the gain
 * returned for it, which the normalizer's gain lookahead applies to its
 * audio), S the power mean of the newest 27 programme blocks (3 s, the
 * EBU Tech 3341 short-term window) and range the `loudness_range`, the widest the delivery accepts. With a
 * window of minutes the centre is the programme's integrated loudness
 * and the gain one gain, as EBU R 128 normalizes programme loudness, not
 * short-term loudness: the programme keeps its own loudness range as far
 * as it changes within the window; a wider one is brought in only where
 * it leaves the band. Where the window's output was louder than the
 * target (a crescendo the window lags behind, a loud part that came before
 * the gain could fall, a short-term loudness held on the band's edge), the
 * gain is lower by as much, so the output's integrated loudness comes back
 * to the target; an output under it is never made up, so a quiet start or
 * passage earns no boost (on six mastered soundtrack pieces this took
 * |I - target| from 0.16-1.96 to 0.02-1.02 LU and kept their range).
 * The band sits 3/4 below the target and 1/4 above because a programme's short-term loudness lies so around its integrated
 * loudness (a power mean sits near the top), so its top edge also stops a
 * loud part overshooting after a long quiet stretch. A programme whose
 * loudness changes over longer than the window (a crescendo over minutes)
 * is leveled, as any normalizer that cannot hear the end must. After a
 * loud stretch the gain is back where the programme needs it within one
 * window: while the gain is frozen under the recent programme (the gate
 * below), the window goes on in time, counting nothing.
 * A block is programme when its loudness is at or above the gate (absolute,
 * LUFS) and no more than 20 LU below the recent programme (the relative gate
 * of EBU Tech 3342), whose level is the 80th percentile of the blocks above
 * the gate in the last 60 s: a loud stretch or an overload burst shorter than
 * 12 s does not move it, nor does a quiet passage shorter than 48 s (a
 * programme's own dynamics are kept), and after a longer loud stretch it
 * follows the programme within 48 s (a reference of the whole stream, as the
 * integrated loudness, kept the gain frozen for good after 30 s of loud
 * noise). Otherwise the gain is frozen: silence, room noise and pauses are
 * never pumped up, and the window keeps the programme from before a pause
 * under the gate (a pause above it but under the recent programme ages it).
 * Until the first programme block the gain is 0 dB; the first block sets a
 * cut at once, while a boost rises from 0 dB at `rise` (a short, quiet
 * start does not set it); over the first 3 s of programme a cut comes at
 * once. A fast path brings the gain down at 60 dB/s while the programme
 * with it is more than 6 LU over the target (a quiet intro's boost, then
 * the loud part; an item louder than the one before; an overload burst).
 * No allocation: the struct is the whole state.
 */
#ifndef MIXMASTER_DSP_LOUDNESS_LEVELER_H
#define MIXMASTER_DSP_LOUDNESS_LEVELER_H

#include <stdbool.h>
#include <stddef.h>

#define LOUDNESS_LEVELER_BLOCK_S 0.1
#define LOUDNESS_LEVELER_MIN_WINDOW_S 0.4
#define LOUDNESS_LEVELER_MAX_WINDOW_S 600.0
/* 400 ms blocks every 100 ms covering the longest window */
#define LOUDNESS_LEVELER_MAX_BLOCKS 5997
/* the short-term loudness: 400 ms blocks every 100 ms covering 3 s */
#define LOUDNESS_LEVELER_SHORT_TERM_BLOCKS 27
#define LOUDNESS_LEVELER_MIN_RANGE_LU 1.0
#define LOUDNESS_LEVELER_MAX_RANGE_LU 40.0
/* the recent programme the relative gate is below: 60 s of blocks */
#define LOUDNESS_LEVELER_RECENT_BLOCKS 600
/* blocks counted in 0.1 LU bins from the gate's lowest, -70 LUFS, to
 * +10 LUFS, for the window's and the recent programme's percentiles */
#define LOUDNESS_LEVELER_HISTOGRAM_BINS 800

typedef struct
{
  double target_lufs;
  double loudness_range_lu;     /* 1 ... 40 */
  double window_s;              /* 0.4 ... 600 */
  double max_gain_db;
  double rise_db_per_s;         /* > 0 */
  double fall_db_per_s;         /* > 0 */
  double gate_lufs;
} loudness_leveler_params;

/* live normalization's defaults: -23 LUFS (EBU R 128), an 18 LU range, a
 * 120 s window, at most +12 dB, rising 2 dB/s and falling 8 dB/s, frozen
 * under -50 LUFS */
loudness_leveler_params loudness_leveler_params_default (void);

/* What the last update did with the gain. */
typedef enum
{
  LOUDNESS_LEVELER_WAITING,     /* no programme yet: 0 dB */
  LOUDNESS_LEVELER_LEVELING,    /* following the programme */
  LOUDNESS_LEVELER_HOLDING_RANGE,       /* keeping the short-term loudness
                                         * in the loudness range */
  LOUDNESS_LEVELER_FROZEN_QUIET,        /* frozen: below the gate */
  LOUDNESS_LEVELER_FROZEN_UNDER,        /* frozen: 20 LU under the recent
                                         * programme */
} loudness_leveler_state;

typedef struct
{
  loudness_leveler_params params;
  loudness_leveler_state state;
  double block_lufs[LOUDNESS_LEVELER_MAX_BLOCKS];
  double block_power[LOUDNESS_LEVELER_MAX_BLOCKS];      /* 10^(L/10) */
  double block_gain_power[LOUDNESS_LEVELER_MAX_BLOCKS]; /* 10^(gain/10) */
  unsigned histogram[LOUDNESS_LEVELER_HISTOGRAM_BINS];  /* scratch */
  size_t next_block, blocks;
  double recent_lufs[LOUDNESS_LEVELER_RECENT_BLOCKS];   /* above the gate */
  size_t next_recent, recent;
  double gain_db;
  bool started;
} loudness_leveler;

void loudness_leveler_init (loudness_leveler * l,
    const loudness_leveler_params * params);

/* New parameters apply from the next update; what was measured is kept.
 * Each is held to its range: target and gate -70 to 0 LUFS, range 1 to
 * 40 LU, window 0.4 to 600 s, max_gain 0 to 60 dB, rise and fall 0.01 to
 * 1000 dB/s; a NaN is the default. */
void loudness_leveler_set_params (loudness_leveler * l,
    const loudness_leveler_params * params);

/* Back to 0 dB, nothing measured. */
void loudness_leveler_reset (loudness_leveler * l);

/* One 100 ms step: the latest momentary loudness of the input (LUFS, -inf
 * if none). Returns the gain for the next step, dB. */
double loudness_leveler_update (loudness_leveler * l, double momentary_lufs);

double loudness_leveler_gain_db (const loudness_leveler * l);

/* What the last update did; its name for messages ("waiting", "leveling",
 * "holding-range", "frozen-quiet", "frozen-under-programme"). */
loudness_leveler_state loudness_leveler_get_state (const loudness_leveler * l);
const char *loudness_leveler_state_name (loudness_leveler_state state);

#endif
