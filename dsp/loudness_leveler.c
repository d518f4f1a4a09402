/* mixmaster DSP core: the adaptive gain of live loudness normalization.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "loudness_leveler.h"

#include "range.h"

#include "decibel.h"

#include <math.h>
#include <string.h>

/* EBU Tech 3342 section 3.1: relative gate of the loudness range; blocks
 * this far under the programme are pauses, not programme */
#define PROGRAMME_GATE_LU (-20.0)
/* the recent programme's level: this fraction of the last 60 s of blocks
 * above the gate is quieter */
#define RECENT_PERCENTILE 0.8
/* The fast path (broadcast AGCs pair a slow leveler with a fast
 * protection path): while the programme with the gain is this far over
 * the target, the gain comes down this fast. One gain for the whole
 * programme takes the momentary loudness of mastered music about this far
 * over (+3.6 to +7.5 LU on the six soundtrack pieces of
 * docs/performance.md); at 4.5 LU the gain moved up to twice as much on
 * them. */
#define PROTECT_LU 6.0
#define PROTECT_FALL_DB_PER_S 60.0
/* BS.1770-4 section 2.8: relative gate of the integrated loudness */
#define BS1770_RELATIVE_GATE_LU (-10.0)
/* An overload burst: blocks more than BURST_LU over the window's
 * BURST_PERCENTILE count as that loud, so a burst shorter than a tenth of
 * the window moves the centre by BURST_LU at most (a power mean alone
 * follows a burst 40 LU over the programme for the whole window). */
#define BURST_PERCENTILE 0.9
#define BURST_LU 6.0
#define HISTOGRAM_FLOOR_LUFS (-70.0)
#define HISTOGRAM_BIN_LU 0.1
/* The part of the loudness range above the integrated loudness: a power
 * mean sits near the top of a programme's short-term loudness (on 19
 * mastered soundtrack pieces, the 95th percentile of Tech 3342 was 1.4 to
 * 3.6 LU above it, the 10th percentile 2.2 to 10.4 LU below). */
#define RANGE_ABOVE 0.25
/* no cut deeper (and no boost larger) than this, so the gain stays
 * finite */
#define MIN_GAIN_DB (-60.0)
/* slew limits that are limits at all, and not so fast that a step is
 * more than the gain's whole span */
#define MIN_SLEW_DB_PER_S 0.01
#define MAX_SLEW_DB_PER_S 1000.0

void
loudness_leveler_init (loudness_leveler * l,
    const loudness_leveler_params * params)
{
  loudness_leveler_set_params (l, params);
  loudness_leveler_reset (l);
}

loudness_leveler_params
loudness_leveler_params_default (void)
{
  loudness_leveler_params p = {
    .target_lufs = -23.0,
    .loudness_range_lu = 18.0,
    .window_s = 120.0,
    .max_gain_db = 12.0,
    .rise_db_per_s = 2.0,
    .fall_db_per_s = 8.0,
    .gate_lufs = -50.0,
  };
  return p;
}

void
loudness_leveler_set_params (loudness_leveler * l,
    const loudness_leveler_params * params)
{
  loudness_leveler_params d = loudness_leveler_params_default ();

  l->params.target_lufs = range_held (params->target_lufs, HISTOGRAM_FLOOR_LUFS,
      0.0, d.target_lufs);
  l->params.loudness_range_lu = range_held (params->loudness_range_lu,
      LOUDNESS_LEVELER_MIN_RANGE_LU, LOUDNESS_LEVELER_MAX_RANGE_LU,
      d.loudness_range_lu);
  l->params.window_s =
      range_held (params->window_s, LOUDNESS_LEVELER_MIN_WINDOW_S,
      LOUDNESS_LEVELER_MAX_WINDOW_S, d.window_s);
  l->params.max_gain_db =
      range_held (params->max_gain_db, 0.0, -MIN_GAIN_DB, d.max_gain_db);
  l->params.rise_db_per_s =
      range_held (params->rise_db_per_s, MIN_SLEW_DB_PER_S, MAX_SLEW_DB_PER_S,
      d.rise_db_per_s);
  l->params.fall_db_per_s =
      range_held (params->fall_db_per_s, MIN_SLEW_DB_PER_S, MAX_SLEW_DB_PER_S,
      d.fall_db_per_s);
  l->params.gate_lufs =
      range_held (params->gate_lufs, HISTOGRAM_FLOOR_LUFS, 0.0, d.gate_lufs);
}

void
loudness_leveler_reset (loudness_leveler * l)
{
  l->next_block = 0;
  l->blocks = 0;
  l->next_recent = 0;
  l->recent = 0;
  l->gain_db = 0.0;
  l->started = false;
  l->state = LOUDNESS_LEVELER_WAITING;
}

/* 400 ms blocks every 100 ms that fit in the window */
static size_t
window_blocks (const loudness_leveler_params * p)
{
  double n = round ((p->window_s - LOUDNESS_LEVELER_MIN_WINDOW_S) /
      LOUDNESS_LEVELER_BLOCK_S) + 1.0;
  if (n < 1.0)
    return 1;
  return n > LOUDNESS_LEVELER_MAX_BLOCKS ? LOUDNESS_LEVELER_MAX_BLOCKS :
      (size_t) n;
}

/* The `fraction` percentile of the finite ones of the n loudness values
 * (LUFS) of a ring of `size` from index `first` on, to the 0.1 LU bin (as
 * libebur128 reads its histogram), counted in `histogram`; -inf if none. */
static double
percentile (unsigned *histogram, const double *ring, size_t size,
    size_t first, size_t n, double fraction)
{
  size_t finite = 0, rank, seen = 0;
  size_t bin;

  memset (histogram, 0, LOUDNESS_LEVELER_HISTOGRAM_BINS * sizeof (unsigned));
  for (size_t i = 0; i < n; i++) {
    double above = (ring[(first + i) % size] - HISTOGRAM_FLOOR_LUFS) /
        HISTOGRAM_BIN_LU;
    if (!isfinite (above))
      continue;
    bin = above <= 0.0 ? 0 : (size_t) above;
    histogram[bin < LOUDNESS_LEVELER_HISTOGRAM_BINS ? bin :
        LOUDNESS_LEVELER_HISTOGRAM_BINS - 1]++;
    finite++;
  }
  if (finite == 0)
    return -INFINITY;
  rank = (size_t) (fraction * (double) (finite - 1));
  for (bin = 0; bin < LOUDNESS_LEVELER_HISTOGRAM_BINS - 1; bin++) {
    seen += histogram[bin];
    if (seen > rank)
      break;
  }
  return HISTOGRAM_FLOOR_LUFS + HISTOGRAM_BIN_LU * (double) bin;
}

/* The recent programme's level: the 80th percentile of the blocks above
 * the gate in the last 60 s; -inf before the first. */
static double
recent_level (loudness_leveler * l)
{
  if (l->recent == 0)
    return -INFINITY;
  return percentile (l->histogram, l->recent_lufs,
      LOUDNESS_LEVELER_RECENT_BLOCKS, 0, l->recent, RECENT_PERCENTILE);
}

static void
remember_recent (loudness_leveler * l, double momentary)
{
  l->recent_lufs[l->next_recent] = momentary;
  l->next_recent = (l->next_recent + 1) % LOUDNESS_LEVELER_RECENT_BLOCKS;
  if (l->recent < LOUDNESS_LEVELER_RECENT_BLOCKS)
    l->recent++;
}

/* Whether the block is programme (above the gate, and no more than 20 LU
 * under the recent programme); every block above the gate is remembered
 * as recent. If not, the state says why the gain is frozen. */
static bool
is_programme (loudness_leveler * l, double momentary)
{
  double recent;

  if (!isfinite (momentary) || momentary < l->params.gate_lufs) {
    l->state = l->started ? LOUDNESS_LEVELER_FROZEN_QUIET :
        LOUDNESS_LEVELER_WAITING;
    return false;
  }
  recent = recent_level (l);
  remember_recent (l, momentary);
  if (isfinite (recent) && momentary < recent + PROGRAMME_GATE_LU) {
    l->state = LOUDNESS_LEVELER_FROZEN_UNDER;
    return false;
  }
  l->state = LOUDNESS_LEVELER_LEVELING;
  return true;
}

/* The ring index of the programme block `age` steps old (0: the newest). */
static size_t
block_index (const loudness_leveler * l, size_t age)
{
  return (l->next_block + LOUDNESS_LEVELER_MAX_BLOCKS - 1 - age) %
      LOUDNESS_LEVELER_MAX_BLOCKS;
}

static double
block_power (const loudness_leveler * l, size_t age)
{
  return l->block_power[block_index (l, age)];
}

/* A block's power, at most `highest`, and with `with_gain` times the
 * power gain it was given. */
static double
capped_power (const loudness_leveler * l, size_t age, double highest,
    bool with_gain)
{
  double p = fmin (block_power (l, age), highest);
  return with_gain ? p * l->block_gain_power[block_index (l, age)] : p;
}

/* Loudness of the window's programme blocks, the newest n from
 * `first_age` on, gated as BS.1770-4 section 2.8 gates the integrated
 * loudness: the power mean of the blocks no more than 10 LU under the mean
 * of them all, each block's power at most `highest` (BURST_LU over the
 * window's BURST_PERCENTILE). Of the input, or with `with_gain`, of the
 * output: each block with the gain it was given. -inf if no block. */
static double
window_loudness (const loudness_leveler * l, size_t n, double highest,
    size_t first_age, bool with_gain)
{
  double all = 0.0, gated = 0.0, threshold;
  size_t programme = 0, passed = 0;

  if (first_age >= n)
    return -INFINITY;
  for (size_t age = first_age; age < n; age++) {
    double p = capped_power (l, age, highest, with_gain);
    all += p;
    programme += p > 0.0;
  }
  if (programme == 0)
    return -INFINITY;
  threshold = all / programme * db_to_power (BS1770_RELATIVE_GATE_LU);
  for (size_t age = first_age; age < n; age++) {
    double p = capped_power (l, age, highest, with_gain);
    if (p > 0.0 && p >= threshold) {
      gated += p;
      passed++;
    }
  }
  return power_to_db (gated / passed);
}

/* Short-term loudness of the programme: the power mean of the programme
 * blocks among the newest covering 3 s (EBU Tech 3341 section 2.2), fewer
 * at the start and after a pause under the recent programme. */
static double
short_term_loudness (const loudness_leveler * l)
{
  size_t n = l->blocks < LOUDNESS_LEVELER_SHORT_TERM_BLOCKS ? l->blocks :
      LOUDNESS_LEVELER_SHORT_TERM_BLOCKS, programme = 0;
  double sum = 0.0;

  for (size_t age = 0; age < n; age++) {
    sum += block_power (l, age);
    programme += block_power (l, age) > 0.0;
  }
  return power_to_db (sum / programme);
}

/* The gain the programme wants now: the centre, target - L_window, less
 * what the window's output was over the target, unless
 * the short-term loudness with it leaves [target - 3/4 range, target + 1/4
 * range]; then the gain that puts it on the nearer edge (the state says
 * so). */
static double
wanted_gain (loudness_leveler * l)
{
  const loudness_leveler_params *p = &l->params;
  size_t n = window_blocks (p) < l->blocks ? window_blocks (p) : l->blocks;
  /* a burst's blocks count at most this loud, in the input and output */
  double burst_cap = db_to_power (percentile (l->histogram, l->block_lufs,
          LOUDNESS_LEVELER_MAX_BLOCKS, block_index (l, n - 1), n,
          BURST_PERCENTILE) + BURST_LU);
  double centre = p->target_lufs - window_loudness (l, n, burst_cap, 0,
      false) + fmin (0.0, p->target_lufs - window_loudness (l, n, burst_cap,
          1, true));
  double short_term = short_term_loudness (l);
  double lowest = p->target_lufs - (1.0 - RANGE_ABOVE) * p->loudness_range_lu;
  double highest = p->target_lufs + RANGE_ABOVE * p->loudness_range_lu;
  double wanted = centre;

  if (short_term + centre < lowest || short_term + centre > highest) {
    wanted = range_clamp (short_term + centre, lowest, highest) - short_term;
    l->state = LOUDNESS_LEVELER_HOLDING_RANGE;
  }
  return range_clamp (wanted, MIN_GAIN_DB, p->max_gain_db);
}

/* Puts a block in the window, programme or (-inf) a pause under the recent
 * programme, with no gain yet; returns its index. */
static size_t
push_block (loudness_leveler * l, double lufs)
{
  size_t index = l->next_block;

  l->block_lufs[index] = lufs;
  l->block_power[index] = db_to_power (lufs);
  l->block_gain_power[index] = 0.0;
  l->next_block = (index + 1) % LOUDNESS_LEVELER_MAX_BLOCKS;
  if (l->blocks < LOUDNESS_LEVELER_MAX_BLOCKS)
    l->blocks++;
  return index;
}

double
loudness_leveler_update (loudness_leveler * l, double momentary_lufs)
{
  const loudness_leveler_params *p = &l->params;
  double wanted, next_gain;
  size_t newest;

  if (!is_programme (l, momentary_lufs)) {
    /* under the recent programme, the window goes on in time: a loud
     * stretch before such a pause leaves it one window after it ended */
    if (l->state == LOUDNESS_LEVELER_FROZEN_UNDER)
      push_block (l, -INFINITY);
    return l->gain_db;          /* frozen below the gates */
  }
  newest = push_block (l, momentary_lufs);

  wanted = wanted_gain (l);
  /* over the first 3 s of programme a cut comes at once, so a loud start
   * (or one that fades in) is never loud for long; a boost rises from
   * 0 dB, so a short quiet start does not set it */
  if (!l->started || (l->blocks <= LOUDNESS_LEVELER_SHORT_TERM_BLOCKS &&
          wanted < l->gain_db))
    l->gain_db = fmin (wanted, l->started ? l->gain_db : 0.0);
  l->started = true;
  next_gain = l->gain_db + range_clamp (wanted - l->gain_db,
      -p->fall_db_per_s * LOUDNESS_LEVELER_BLOCK_S,
      p->rise_db_per_s * LOUDNESS_LEVELER_BLOCK_S);
  /* the fast path: a gain that takes the programme now more than
   * PROTECT_LU over the target (a quiet intro's or a quiet item's, when
   * the loud part comes) comes down at PROTECT_FALL_DB_PER_S until the
   * programme is PROTECT_LU over; from there, `fall` and `rise` */
  if (momentary_lufs + l->gain_db > p->target_lufs + PROTECT_LU)
    next_gain = fmin (next_gain, fmax (p->target_lufs + PROTECT_LU -
            momentary_lufs,
            l->gain_db - PROTECT_FALL_DB_PER_S * LOUDNESS_LEVELER_BLOCK_S));
  l->gain_db = next_gain;
  /* the gain the newest block's audio gets, through the lookahead */
  l->block_gain_power[newest] = db_to_power (next_gain);
  return l->gain_db;
}

double
loudness_leveler_gain_db (const loudness_leveler * l)
{
  return l->gain_db;
}

loudness_leveler_state
loudness_leveler_get_state (const loudness_leveler * l)
{
  return l->state;
}

const char *
loudness_leveler_state_name (loudness_leveler_state state)
{
  switch (state) {
    case LOUDNESS_LEVELER_LEVELING:
      return "leveling";
    case LOUDNESS_LEVELER_HOLDING_RANGE:
      return "holding-range";
    case LOUDNESS_LEVELER_FROZEN_QUIET:
      return "frozen-quiet";
    case LOUDNESS_LEVELER_FROZEN_UNDER:
      return "frozen-under-programme";
    case LOUDNESS_LEVELER_WAITING:
    default:
      return "waiting";
  }
}
