/* Loudness normalization in dsp/: the live leveler's gain law (first
 * block, window, gate, slew limits, maximum), the normalizer's gain path
 * (exact constant gain, bit-exact at 0 dB, click-free ramps, latency,
 * leveling to a target under the ceiling) and the two-pass policies.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loudness_leveler.h"
#include "loudness_meter.h"
#include "normalization_policy.h"
#include "normalizer.h"
#include "signals.h"
#include "testing.h"

#define RATE 48000

static const loudness_leveler_params default_params = {
  .target_lufs = -23.0,
  .loudness_range_lu = 18.0,
  .window_s = 3.0,
  .max_gain_db = 20.0,
  .rise_db_per_s = 2.0,
  .fall_db_per_s = 4.0,
  .gate_lufs = -50.0,
};

static void
leveler_first_block_sets_gain (void)
{
  loudness_leveler l;

  loudness_leveler_init (&l, &default_params);
  CHECK_NEAR (loudness_leveler_gain_db (&l), 0.0, 0.0);
  CHECK (loudness_leveler_get_state (&l) == LOUDNESS_LEVELER_WAITING);
  /* leading silence changes nothing */
  for (int i = 0; i < 50; i++)
    loudness_leveler_update (&l, -INFINITY);
  CHECK_NEAR (loudness_leveler_gain_db (&l), 0.0, 0.0);
  /* a quiet first block does not set a boost: it rises from 0 dB at
   * 2 dB/s (0.2 dB a step) */
  CHECK_NEAR (loudness_leveler_update (&l, -33.0), 0.2, 1e-9);
  /* a loud first block sets its cut at once */
  loudness_leveler_init (&l, &default_params);
  CHECK_NEAR (loudness_leveler_update (&l, -13.0), -10.0, 1e-9);
}

/* A quiet intro, then the loud part: the boost the intro earned comes off
 * at 60 dB/s (6 dB a step) while the loud part with it is more than 6 LU
 * over the target; then the usual fall. */
static void
leveler_fast_path_takes_a_boost_off (void)
{
  loudness_leveler l;

  loudness_leveler_init (&l, &default_params);
  for (int i = 0; i < 100; i++)
    loudness_leveler_update (&l, -38.0);
  CHECK_NEAR (loudness_leveler_gain_db (&l), 15.0, 1e-9);
  /* -15 LUFS with +15 dB: 23 LU over the target; the fast path stops
   * where it is 6 LU over, at -2 dB */
  CHECK_NEAR (loudness_leveler_update (&l, -15.0), 9.0, 1e-9);
  CHECK_NEAR (loudness_leveler_update (&l, -15.0), 3.0, 1e-9);
  CHECK_NEAR (loudness_leveler_update (&l, -15.0), -2.0, 1e-9);
  CHECK_NEAR (loudness_leveler_update (&l, -15.0), -2.4, 1e-9);
}

static void
leveler_slew_limits (void)
{
  loudness_leveler_params p = default_params;
  loudness_leveler l;
  double previous;

  /* a one-block window: the gain wants each block's own */
  p.window_s = 0.4;
  loudness_leveler_init (&l, &p);
  /* past the first 3 s, where a cut comes at once */
  for (int i = 0; i < 30; i++)
    previous = loudness_leveler_update (&l, -23.0);
  CHECK_NEAR (previous, 0.0, 1e-9);
  /* louder programme: the gain falls at 4 dB/s, 0.4 dB per 100 ms */
  for (int i = 0; i < 8; i++) {
    double g = loudness_leveler_update (&l, -19.0);
    CHECK_NEAR (previous - g, 0.4, 1e-9);
    previous = g;
  }
  /* quieter again (18 LU under, within the relative gate): once the
   * window has followed, the gain rises at 2 dB/s (0.2 dB per step) and
   * never faster, up to target - (-31) */
  testing_set_verbose (false);
  for (int i = 0; i < 200; i++) {
    double g = loudness_leveler_update (&l, -31.0);
    CHECK_RANGE (g - previous, -0.4 - 1e-9, 0.2 + 1e-9);
    if (i == 30)
      CHECK_NEAR (g - previous, 0.2, 1e-9);
    previous = g;
  }
  testing_set_verbose (true);
  CHECK_NEAR (previous, 8.0, 1e-9);
}

static void
leveler_freezes_below_gate (void)
{
  loudness_leveler l;
  double gain;

  loudness_leveler_init (&l, &default_params);
  for (int i = 0; i < 50; i++)
    loudness_leveler_update (&l, -30.0);
  gain = loudness_leveler_gain_db (&l);
  CHECK_NEAR (gain, 7.0, 1e-9);
  /* room noise under the absolute gate, for a minute: frozen */
  for (int i = 0; i < 600; i++)
    loudness_leveler_update (&l, -55.0);
  CHECK_NEAR (loudness_leveler_gain_db (&l), gain, 0.0);
  CHECK (loudness_leveler_get_state (&l) == LOUDNESS_LEVELER_FROZEN_QUIET);
  /* above the absolute gate but 21 LU under the recent programme (the
   * 80th percentile of the last 60 s above the gate): frozen while the
   * programme is more than a fifth of those 60 s */
  for (int i = 0; i < 300; i++)
    loudness_leveler_update (&l, -25.0);
  gain = loudness_leveler_gain_db (&l);
  CHECK_NEAR (gain, 2.0, 1e-9);
  for (int i = 0; i < 470; i++)
    loudness_leveler_update (&l, -46.0);
  CHECK_NEAR (loudness_leveler_gain_db (&l), gain, 0.0);
  CHECK (loudness_leveler_get_state (&l) == LOUDNESS_LEVELER_FROZEN_UNDER);
  /* 48 s on, the quiet is the recent programme: a quiet item, leveled */
  for (int i = 0; i < 100; i++)
    loudness_leveler_update (&l, -46.0);
  CHECK (loudness_leveler_gain_db (&l) > gain + 6.0);
  CHECK (loudness_leveler_get_state (&l) == LOUDNESS_LEVELER_LEVELING);
  CHECK (strcmp (loudness_leveler_state_name (loudness_leveler_get_state
              (&l)), "leveling") == 0);
}

/* A loud stretch does not freeze the gain for long. 1 s of a burst 40 LU over
 * the programme leaves the recent programme where it was; the fast path
 * holds the burst 6 LU over the target (-27 dB), and the gain rises back
 * at 2 dB/s once it has left: within 1 dB of the programme's +7 dB after
 * 21.9 s with the burst in the 3 s window, at most 25. After 30 s
 * of loud noise (-15 dB) before a programme that needs +7 dB, the gain is
 * frozen for the 48 s the noise is more than a fifth of the recent 60 s
 * (the window goes on in time meanwhile), then rises: there by 65 s. A
 * reference of the whole stream (its integrated loudness) kept the gain
 * down for good in both. */
/* Steps of -30 LUFS programme until the gain is within 1 dB of the +7 dB
 * it needs, at most `limit`. */
static int
steps_back_to_the_programme (loudness_leveler * l, int limit)
{
  int steps;

  for (steps = 0; steps < limit &&
      fabs (loudness_leveler_gain_db (l) - 7.0) > 1.0; steps++)
    loudness_leveler_update (l, -30.0);
  return steps;
}

/* After `before` blocks of programme, a 1 s burst 40 LU over it. */
static int
steps_after_a_burst (const loudness_leveler_params * p, int before)
{
  loudness_leveler l;

  loudness_leveler_init (&l, p);
  for (int i = 0; i < before; i++)
    loudness_leveler_update (&l, -30.0);
  for (int i = 0; i < 10; i++)
    loudness_leveler_update (&l, +10.0);
  return steps_back_to_the_programme (&l, 600);
}

/* After 30 s of loud noise, 22 LU over the programme. */
static int
steps_after_loud_noise (const loudness_leveler_params * p)
{
  loudness_leveler l;

  loudness_leveler_init (&l, p);
  for (int i = 0; i < 300; i++)
    loudness_leveler_update (&l, -8.0);
  return steps_back_to_the_programme (&l, 6000);
}

static void
leveler_recovers_after_loud_stretches (void)
{
  loudness_leveler_params p = default_params;
  int steps;

  steps = steps_after_a_burst (&p, 100);
  printf ("  after a 1 s burst: back within 1 dB in %.1f s\n", steps / 10.0);
  CHECK (steps <= 250);
  steps = steps_after_loud_noise (&p);
  printf ("  after 30 s of loud noise: within 1 dB in %.1f s\n", steps / 10.0);
  CHECK (steps <= 650);

  /* a two-minute window: a 1 s burst is under a tenth of it, and after
   * the loud stretch the gain is back within one window (measured: 16.8 s
   * and 118.7 s; 161.9 s when the window stood still while the gain was
   * frozen under the recent programme) */
  p.window_s = 120.0;
  steps = steps_after_a_burst (&p, 1200);
  printf ("  120 s window, after a 1 s burst: within 1 dB in %.1f s\n",
      steps / 10.0);
  CHECK (steps <= 200);
  steps = steps_after_loud_noise (&p);
  printf ("  120 s window, after 30 s of loud noise: within 1 dB in %.1f s\n",
      steps / 10.0);
  CHECK (steps <= 1200);
}

/* The default parameters with a `window_s` window and a gain that goes
 * where it is wanted in one step. */
static loudness_leveler_params
without_slew_limits (double window_s)
{
  loudness_leveler_params p = default_params;

  p.window_s = window_s;
  p.rise_db_per_s = p.fall_db_per_s = 1000.0;
  return p;
}

/* The blocks a leveler heard and the gains it returned for them. */
typedef struct
{
  double lufs[2000], gain_db[2000];
  size_t n;
} leveler_record;

static double
update_recorded (loudness_leveler * l, leveler_record * r, double lufs)
{
  r->lufs[r->n] = lufs;
  r->gain_db[r->n] = loudness_leveler_update (l, lufs);
  return r->gain_db[r->n++];
}

/* What the output of the `n` blocks before the newest missed the target by,
 * if it was over: the power mean of each block, at most `cap_lufs`, with
 * its gain, gated 10 LU under the mean of them all (BS.1770-4 section 2.8),
 * computed here from the record; 0 if it was not over. */
static double
output_over_target (const leveler_record * r, size_t n, double cap_lufs)
{
  double all = 0.0, gated = 0.0;
  size_t passed = 0, last = r->n - 1;

  for (size_t i = last - n; i < last; i++)
    all += pow (10.0, (fmin (r->lufs[i], cap_lufs) + r->gain_db[i]) / 10.0);
  for (size_t i = last - n; i < last; i++) {
    double power = pow (10.0, (fmin (r->lufs[i], cap_lufs) +
            r->gain_db[i]) / 10.0);
    if (power >= all / n * 0.1) {
      gated += power;
      passed++;
    }
  }
  return fmin (0.0, -23.0 - 10.0 * log10 (gated / passed));
}

/* A quiet passage more than 10 LU under the window's programme (BS.1770's
 * relative gate): the gain stays, as one gain for the whole programme
 * would (it keeps its range), while the short-term loudness with it stays
 * in the range around the target, 3/4 of it below; past that the gain
 * holds it on the edge. */
static void
leveler_keeps_the_loudness_range (void)
{
  loudness_leveler_params p = without_slew_limits (120.0);
  loudness_leveler l;
  static leveler_record record;

  loudness_leveler_init (&l, &p);
  for (int i = 0; i < 600; i++)
    update_recorded (&l, &record, -20.0);
  CHECK_NEAR (loudness_leveler_gain_db (&l), -3.0, 1e-9);
  /* 30 s 12 LU quieter: -35 LUFS out, within -23 - 13.5 */
  for (int i = 0; i < 300; i++)
    update_recorded (&l, &record, -32.0);
  CHECK_NEAR (loudness_leveler_gain_db (&l), -3.0, 1e-9);
  CHECK (loudness_leveler_get_state (&l) == LOUDNESS_LEVELER_LEVELING);
  /* with an 8 LU range the passage is held at -23 - 6 */
  p.loudness_range_lu = 8.0;
  loudness_leveler_set_params (&l, &p);
  update_recorded (&l, &record, -32.0);
  CHECK_NEAR (loudness_leveler_gain_db (&l), 3.0, 1e-9);
  CHECK (loudness_leveler_get_state (&l) == LOUDNESS_LEVELER_HOLDING_RANGE);
  CHECK (strcmp (loudness_leveler_state_name (loudness_leveler_get_state
              (&l)), "holding-range") == 0);
  /* back at -20, the centre again, less what the output of the window was
   * over the target: held at the edge, the passage's return was louder
   * than -23 for a few blocks (0.017 dB); 10 LU louder, held at -23 + 2 */
  for (int i = 0; i < 27; i++)
    update_recorded (&l, &record, -20.0);
  CHECK_NEAR (loudness_leveler_gain_db (&l), -3.0 + output_over_target
      (&record, record.n - 1, INFINITY), 1e-9);
  CHECK (loudness_leveler_gain_db (&l) < -3.01);
  CHECK (loudness_leveler_get_state (&l) == LOUDNESS_LEVELER_LEVELING);
  for (int i = 0; i < 27; i++)
    update_recorded (&l, &record, -10.0);
  CHECK_NEAR (loudness_leveler_gain_db (&l), -11.0, 1e-9);
  CHECK (loudness_leveler_get_state (&l) == LOUDNESS_LEVELER_HOLDING_RANGE);
}

static void
leveler_window_and_maximum (void)
{
  loudness_leveler_params p = without_slew_limits (0.4);
  loudness_leveler l;
  static leveler_record record;

  /* 0.4 s: one block, the gain follows the latest block */
  loudness_leveler_init (&l, &p);
  loudness_leveler_update (&l, -30.0);
  CHECK_NEAR (loudness_leveler_update (&l, -20.0), -3.0, 1e-9);
  /* 10 s: the last 97 blocks, gated as BS.1770 gates: their 90th
   * percentile is -20.05 LUFS, read to its 0.1 LU bin, -20.1, so a -9 burst
   * counts as -14.1; -30 is within 10 LU of their mean, -45 is not, and the
   * -40 blocks before the window are forgotten; less what the output of
   * the 96 blocks before the newest was over the target (the burst's) */
  p.window_s = 10.0;
  loudness_leveler_init (&l, &p);
  for (int i = 0; i < 50; i++)
    update_recorded (&l, &record, -40.0);
  update_recorded (&l, &record, -9.0);
  update_recorded (&l, &record, -30.0);
  update_recorded (&l, &record, -45.0);
  for (int i = 0; i < 94; i++)
    update_recorded (&l, &record, i % 2 ? -20.05 : -24.05);
  CHECK_NEAR (loudness_leveler_gain_db (&l), -23.0 - 10.0 * log10 ((47.0 *
              pow (10.0, -2.005) + 47.0 * pow (10.0, -2.405) +
              pow (10.0, -1.41) + pow (10.0, -3.0)) / 96.0) +
      output_over_target (&record, 96, -14.1), 1e-9);
  CHECK (output_over_target (&record, 96, -14.1) < -0.1);
  CHECK (loudness_leveler_get_state (&l) == LOUDNESS_LEVELER_LEVELING);
  /* the boost stops at max-gain */
  p.max_gain_db = 12.0;
  p.gate_lufs = -70.0;
  p.rise_db_per_s = 2.0;
  loudness_leveler_init (&l, &p);
  for (int i = 0; i < 100; i++)
    loudness_leveler_update (&l, -60.0);
  CHECK_NEAR (loudness_leveler_gain_db (&l), 12.0, 1e-9);
}

/* Whatever parameters a caller hands it, the leveler's gain stays a number
 * within its +-60 dB (a NaN target once made the gain NaN, a negative
 * rise -inf, a max-gain of -1e9 a gain of -1e9); a NaN is the default. */
static void
leveler_holds_its_parameters (void)
{
  const size_t fields[] = {
    offsetof (loudness_leveler_params, target_lufs),
    offsetof (loudness_leveler_params, loudness_range_lu),
    offsetof (loudness_leveler_params, window_s),
    offsetof (loudness_leveler_params, max_gain_db),
    offsetof (loudness_leveler_params, rise_db_per_s),
    offsetof (loudness_leveler_params, fall_db_per_s),
    offsetof (loudness_leveler_params, gate_lufs),
  };
  const double bad[] = { NAN, INFINITY, -INFINITY, 0.0, -1e9, 1e9, -1.0 };
  static loudness_leveler l, with_defaults;

  testing_set_verbose (false);
  for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
    for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++) {
      loudness_leveler_params p = loudness_leveler_params_default ();
      unsigned long long seed = 11;
      double gain = 0.0, default_gain = 0.0;

      *(double *) ((char *) &p + fields[f]) = bad[b];
      loudness_leveler_init (&l, &p);
      p = loudness_leveler_params_default ();
      loudness_leveler_init (&with_defaults, &p);
      for (int i = 0; i < 3000; i++) {
        double lufs = -35.0 + 25.0 * noise_uniform (&seed);
        gain = loudness_leveler_update (&l, lufs);
        default_gain = loudness_leveler_update (&with_defaults, lufs);
        CHECK_RANGE (gain, -60.0, 60.0);
      }
      if (isnan (bad[b]))
        CHECK_NEAR (gain, default_gain, 0.0);
    }
  }
  testing_set_verbose (true);
  CHECK_RANGE (loudness_leveler_gain_db (&l), -60.0, 60.0);
}

/* A sine at peak_dbfs, mono, in a f64 buffer with room for the latency. */
static double *
sine_f64 (size_t frames, size_t extra, double peak_dbfs, double hz)
{
  double *x = calloc (frames + extra, sizeof (double));
  for (size_t i = 0; i < frames; i++)
    x[i] = pow (10.0, peak_dbfs / 20.0) * sin (2.0 * M_PI * hz * i / RATE);
  return x;
}

static void
normalizer_constant_gain_is_exact (void)
{
  /* without and with a gain lookahead (0.5 s: 24000 frames more) */
  for (int with_lookahead = 0; with_lookahead <= 1; with_lookahead++) {
    normalizer *n = normalizer_new (1, RATE, 5.0, 0.5 * with_lookahead);
    size_t latency = normalizer_latency (n), frames = RATE;
    double *x = sine_f64 (frames, latency, -20.0, 997.0);
    double *y = malloc ((frames + latency) * sizeof (double));
    double worst_0db = 0.0, worst_gain = 0.0;

    /* 0 dB: bit-exact, delayed */
    memcpy (y, x, (frames + latency) * sizeof (double));
    normalizer_process_f64 (n, NULL, y, frames + latency);
    for (size_t i = 0; i < frames; i++)
      worst_0db = fmax (worst_0db, fabs (y[i + latency] - x[i]));
    CHECK_NEAR (worst_0db, 0.0, 0.0);

    /* +6 dB from the first sample after a reset */
    normalizer_set_gain_db (n, 6.0);
    normalizer_reset (n);
    memcpy (y, x, (frames + latency) * sizeof (double));
    normalizer_process_f64 (n, NULL, y, frames + latency);
    for (size_t i = 0; i < frames; i++)
      worst_gain = fmax (worst_gain,
          fabs (y[i + latency] - x[i] * pow (10.0, 6.0 / 20.0)));
    CHECK_NEAR (worst_gain, 0.0, 1e-12);
    CHECK_NEAR (normalizer_max_limiter_reduction_db (n), 0.0, 0.0);
    /* 5 ms lookahead at 48 kHz, as the limiter, and the gain's */
    CHECK (latency == 304 + 24000 * (size_t) with_lookahead);
    free (x);
    free (y);
    normalizer_free (n);
  }
  CHECK (normalizer_new (1, RATE, 5.0, -0.1) == NULL);
  CHECK (normalizer_new (1, RATE, 5.0, 3.1) == NULL);
}

/* With a gain lookahead the leveler hears a loud part before the gain
 * stage gets it: when its first sample reaches the gain, the boost that
 * the quiet part before it earned is already gone; without one, it is
 * still there. */
static void
normalizer_gain_lookahead_cuts_before_the_loud_part (void)
{
  const size_t quiet = 8 * RATE;
  double gain_at_onset[2];

  for (int with_lookahead = 0; with_lookahead <= 1; with_lookahead++) {
    normalizer *n = normalizer_new (1, RATE, 5.0, 0.5 * with_lookahead);
    loudness_meter *meter = loudness_meter_new (1, RATE);
    /* the loud part reaches the gain stage after the gain lookahead */
    size_t ahead = normalizer_latency (n) - 304;
    size_t frames = quiet + ahead + 1;
    double *x = malloc (frames * sizeof (double));

    for (size_t i = 0; i < frames; i++)
      x[i] = (i < quiet ? 0.01 : 0.5) * sin (2.0 * M_PI * 997.0 * i / RATE);
    normalizer_set_leveling (n, &default_params);
    normalizer_process_f64 (n, meter, x, frames);
    gain_at_onset[with_lookahead] = normalizer_gain_db (n);
    free (x);
    loudness_meter_free (meter);
    normalizer_free (n);
  }
  printf ("  gain on the loud part's first sample: %+.2f dB without "
      "lookahead, %+.2f dB with 0.5 s\n", gain_at_onset[0], gain_at_onset[1]);
  CHECK (gain_at_onset[0] > 10.0);
  CHECK (gain_at_onset[1] < 0.0);
}

/* A gain change ramps linearly across one 100 ms step, starting at the
 * next step boundary: no step in the output. */
static void
normalizer_gain_change_ramps (void)
{
  normalizer *n = normalizer_new (1, RATE, 5.0, 0.0);
  size_t latency = normalizer_latency (n), step = RATE / 10;
  size_t frames = 5 * step;
  double *y = calloc (frames, sizeof (double));
  size_t ramp_start = 0, ramp_end = 0;
  double largest_jump = 0.0;

  for (size_t i = 0; i < frames; i++)
    y[i] = 0.1;
  normalizer_set_ceiling_db (n, 0.0);
  normalizer_process_f64 (n, NULL, y, step + step / 2);
  normalizer_set_gain_db (n, 20.0 * log10 (2.0));
  normalizer_process_f64 (n, NULL, y + step + step / 2, frames - step - step
      / 2);
  for (size_t i = latency + 1; i < frames; i++) {
    largest_jump = fmax (largest_jump, fabs (y[i] - y[i - 1]));
    if (!ramp_start && y[i] > 0.1 + 1e-12)
      ramp_start = i - latency;
    if (!ramp_end && y[i] >= 0.2 - 1e-12)
      ramp_end = i - latency;
  }
  /* the change, made mid-step, starts at the next step (frame 2 * step) */
  CHECK (ramp_start == 2 * step);
  CHECK (ramp_end == 3 * step - 1);
  CHECK_NEAR (largest_jump, 0.1 / step, 1e-9);
  free (y);
  normalizer_free (n);
}

/* Live leveling of noise 12 LU under the target: after the first block it
 * is at the target, and the limiter holds the ceiling. */

static void
normalizer_levels_to_target (void)
{
  const unsigned channels = 2;
  normalizer *n = normalizer_new (channels, RATE, 5.0, 0.0);
  loudness_meter *in = loudness_meter_new (channels, RATE);
  loudness_meter *out = loudness_meter_new (channels, RATE);
  size_t frames = 40 * RATE, latency = normalizer_latency (n);
  float *x = calloc ((frames + latency) * channels, sizeof (float));
  unsigned long long seed = 7;
  loudness_leveler_params p = default_params;
  double ceiling_dbtp;

  for (size_t i = 0; i < frames * channels; i++)
    x[i] = (float) (0.05 * noise_uniform (&seed));
  loudness_meter_add_f32 (in, x, frames);
  p.target_lufs = loudness_meter_integrated (in) + 12.0;
  /* 1 dB under the boosted peaks: the limiter has a little work */
  ceiling_dbtp = loudness_meter_true_peak_db (in, 0) + 12.0 - 1.0;
  loudness_meter_reset (in);
  normalizer_set_leveling (n, &p);
  /* low enough that the limiter works on the loudest peaks */
  normalizer_set_ceiling_db (n, ceiling_dbtp);
  for (size_t pos = 0; pos < frames + latency; pos += 1000)
    normalizer_process_f32 (n, pos < frames ? in : NULL, x + pos * channels,
        pos + 1000 < frames + latency ? 1000 : frames + latency - pos);
  loudness_meter_add_f32 (out, x + latency * channels, frames);
  CHECK_NEAR (loudness_meter_integrated (out), p.target_lufs, 0.5);
  CHECK_RANGE (normalizer_max_limiter_reduction_db (n), 0.1, 2.0);
  CHECK_NEAR (normalizer_gain_db (n), 12.0, 0.1);
  for (unsigned c = 0; c < channels; c++)
    CHECK_RANGE (loudness_meter_true_peak_db (out, c), -INFINITY,
        ceiling_dbtp + 0.1);
  free (x);
  loudness_meter_free (in);
  loudness_meter_free (out);
  normalizer_free (n);
}

static void
policies (void)
{
  char reason[512];
  /* input -30 LUFS, true peak -8 dBTP; target -16, ceiling -1 */
  normalization_plan limit = normalization_plan_make
      (NORMALIZATION_POLICY_LIMIT, -16.0, -1.0, -30.0, -8.0);
  normalization_plan lower = normalization_plan_make
      (NORMALIZATION_POLICY_LOWER, -16.0, -1.0, -30.0, -8.0);
  normalization_plan never = normalization_plan_make
      (NORMALIZATION_POLICY_NEVER_BOOST, -16.0, -1.0, -30.0, -8.0);
  normalization_plan cut = normalization_plan_make
      (NORMALIZATION_POLICY_NEVER_BOOST, -23.0, -1.0, -14.0, -0.5);
  normalization_plan silent = normalization_plan_make
      (NORMALIZATION_POLICY_LIMIT, -23.0, -1.0, -INFINITY, -INFINITY);

  CHECK_NEAR (limit.gain_db, 14.0, 1e-12);
  CHECK (limit.outcome == NORMALIZATION_LIMITED);
  CHECK (normalization_plan_limits (&limit));
  CHECK_NEAR (lower.gain_db, 7.0 - NORMALIZATION_LOWER_MARGIN_DB, 1e-12);
  CHECK (lower.outcome == NORMALIZATION_LOWERED);
  CHECK (!normalization_plan_limits (&lower));
  CHECK_NEAR (never.gain_db, 0.0, 0.0);
  CHECK (never.outcome == NORMALIZATION_NOT_BOOSTED);
  CHECK_NEAR (cut.gain_db, -9.0, 1e-12);
  CHECK (cut.outcome == NORMALIZATION_REACHES_TARGET);
  CHECK_NEAR (silent.gain_db, 0.0, 0.0);
  CHECK (silent.outcome == NORMALIZATION_SILENT);
  /* clicks in silence: +56.9 dB is wanted, +500 dB is refused; the limiter
   * may take at most 12 dB off the highest peak: at most +11.9 dB */
  normalization_plan quiet = normalization_plan_make
      (NORMALIZATION_POLICY_LIMIT, -14.0, -1.0, -70.9, -0.9);
  normalization_plan tame = normalization_plan_make
      (NORMALIZATION_POLICY_LOWER, -14.0, -1.0, -70.9, -0.9);
  normalization_plan clicks = normalization_plan_make
      (NORMALIZATION_POLICY_LIMIT, -14.0, -1.0, -514.0, -0.9);
  CHECK_NEAR (quiet.gain_db, 56.9, 1e-9);
  CHECK_NEAR (normalization_plan_max_gain_db (&quiet), 11.9, 1e-9);
  CHECK_NEAR (normalization_plan_max_gain_db (&tame), NORMALIZATION_MAX_GAIN_DB,
      0.0);
  CHECK (clicks.outcome == NORMALIZATION_REFUSED && clicks.gain_db == 0.0);
  normalization_plan_reason (&clicks, reason, sizeof (reason));
  CHECK (strstr (reason, "would need +500.00 dB, more than the +60 dB") !=
      NULL);
  /* a search that ends 1 LU short is said to miss, and why */
  normalization_plan_searched (&quiet, 11.9, -15.0, 0.1);
  CHECK (quiet.outcome == NORMALIZATION_MISSED && quiet.gain_db == 11.9);
  normalization_plan_reason (&quiet, reason, sizeof (reason));
  CHECK (strstr (reason, "takes 12.0 dB off the highest peak, the most it "
          "may") != NULL);
  CHECK (strstr (reason, "misses the target by 1.00 LU") != NULL);

  normalization_plan_reason (&lower, reason, sizeof (reason));
  CHECK (strstr (reason, "lower: the gain is lowered from +14.00 to +6.94 dB")
      != NULL);
  CHECK (strstr (reason, "misses the target by 7.06 LU") != NULL);
  normalization_plan_reason (&limit, reason, sizeof (reason));
  CHECK (strstr (reason, "+6.00 dBTP, so the limiter holds") != NULL);
  normalization_plan_reason (&never, reason, sizeof (reason));
  CHECK (strstr (reason, "14.00 LU below the target") != NULL);
}

static const test_case cases[] = {
  {"leveler_first_block_sets_gain", leveler_first_block_sets_gain},
  {"leveler_slew_limits", leveler_slew_limits},
  {"leveler_fast_path_takes_a_boost_off", leveler_fast_path_takes_a_boost_off},
  {"leveler_freezes_below_gate", leveler_freezes_below_gate},
  {"leveler_recovers_after_loud_stretches",
      leveler_recovers_after_loud_stretches},
  {"leveler_keeps_the_loudness_range", leveler_keeps_the_loudness_range},
  {"leveler_window_and_maximum", leveler_window_and_maximum},
  {"leveler_holds_its_parameters", leveler_holds_its_parameters},
  {"constant_gain_is_exact", normalizer_constant_gain_is_exact},
  {"gain_lookahead_cuts_before_the_loud_part",
      normalizer_gain_lookahead_cuts_before_the_loud_part},
  {"gain_change_ramps", normalizer_gain_change_ramps},
  {"levels_to_target", normalizer_levels_to_target},
  {"policies", policies},
};

TEST_MAIN (cases)
