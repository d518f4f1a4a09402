/* mixmaster DSP core: loudness normalization, gain then true-peak limiter.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "normalizer.h"

#include "range.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decibel.h"
#include "limiter.h"

struct normalizer
{
  unsigned channels;
  unsigned sample_rate;
  limiter *limiter;

  bool leveling;
  loudness_leveler leveler;
  double goal_db;               /* constant gain, or the leveled one */

  /* the gain lookahead: the input delayed by delay_frames (a ring, sized
   * for doubles), and the leveler's last lookahead_steps + 1 gains */
  char *delay;
  size_t delay_frames, delay_next;
  unsigned lookahead_steps;
  double chosen_db[NORMALIZER_MAX_GAIN_LOOKAHEAD_STEPS + 1];
  unsigned chosen, chosen_next;

  /* the gain ramp, in amplitude */
  double gain;
  double gain_step;             /* per frame while ramping */
  size_t ramp_frames;           /* left in the current ramp */

  /* 100 ms steps: step k ends at frame round(k * rate / 10); the
   * current one is `step` */
  uint64_t step;
  uint64_t frames;              /* since the reset */
};

static uint64_t step_end (const normalizer * n, uint64_t step);

normalizer *
normalizer_new (unsigned channels, unsigned rate_hz, double lookahead_ms,
    double gain_lookahead_s)
{
  normalizer *n;

  if (!(gain_lookahead_s >= 0.0 &&
          gain_lookahead_s <= NORMALIZER_MAX_GAIN_LOOKAHEAD_S))
    return NULL;
  n = calloc (1, sizeof (*n));
  if (!n)
    return NULL;
  n->channels = channels;
  n->sample_rate = rate_hz;
  n->lookahead_steps = (unsigned) round (gain_lookahead_s /
      LOUDNESS_LEVELER_BLOCK_S);
  /* the first lookahead_steps steps' frames: the grids stay aligned */
  n->delay_frames = (size_t) step_end (n, n->lookahead_steps);
  n->limiter = limiter_new (channels, rate_hz, lookahead_ms);
  if (n->delay_frames > 0)
    n->delay = malloc (n->delay_frames * channels * sizeof (double));
  if (!n->limiter || (n->delay_frames > 0 && !n->delay)) {
    normalizer_free (n);
    return NULL;
  }
  normalizer_reset (n);
  return n;
}

void
normalizer_free (normalizer * n)
{
  if (!n)
    return;
  limiter_free (n->limiter);
  free (n->delay);
  free (n);
}

void
normalizer_reset (normalizer * n)
{
  limiter_reset (n->limiter);
  if (n->leveling) {
    loudness_leveler_reset (&n->leveler);
    n->goal_db = loudness_leveler_gain_db (&n->leveler);
  }
  n->gain = db_to_amplitude (n->goal_db);
  n->gain_step = 0.0;
  n->ramp_frames = 0;
  n->step = 1;
  n->frames = 0;
  if (n->delay)
    memset (n->delay, 0, n->delay_frames * n->channels * sizeof (double));
  n->delay_next = 0;
  n->chosen = n->chosen_next = 0;
}

void
normalizer_set_ceiling_db (normalizer * n, double ceiling_dbtp)
{
  limiter_set_ceiling_db (n->limiter, ceiling_dbtp);
}

void
normalizer_set_release_ms (normalizer * n, double release_ms)
{
  limiter_set_release_ms (n->limiter, release_ms);
}

void
normalizer_set_gain_db (normalizer * n, double gain_db)
{
  n->leveling = false;
  /* a constant gain, -120 (silence) to +60 dB; NaN is 0 dB */
  n->goal_db = range_held (gain_db, -120.0, 60.0, 0.0);
}

void
normalizer_set_leveling (normalizer * n, const loudness_leveler_params * params)
{
  if (n->leveling) {
    loudness_leveler_set_params (&n->leveler, params);
    return;
  }
  loudness_leveler_init (&n->leveler, params);
  n->leveling = true;
}

size_t
normalizer_latency (const normalizer * n)
{
  return n->delay_frames + limiter_latency (n->limiter);
}

static uint64_t
step_end (const normalizer * n, uint64_t step)
{
  /* round (step * rate / 10) in integers */
  return (step * n->sample_rate + 5) / 10;
}

/* The gain for the step the gain stage starts now: the lowest the leveler
 * chose over the lookahead, `chosen` its choice for the step the meter has
 * just heard. */
static double
lookahead_goal (normalizer * n, double chosen)
{
  double lowest = chosen;

  n->chosen_db[n->chosen_next] = chosen;
  n->chosen_next = (n->chosen_next + 1) % (n->lookahead_steps + 1);
  if (n->chosen < n->lookahead_steps + 1)
    n->chosen++;
  for (unsigned i = 0; i < n->chosen; i++)
    lowest = fmin (lowest, n->chosen_db[i]);
  return lowest;
}

/* At a step boundary: the next goal, and a ramp to it across the step. */
static void
start_step (normalizer * n, const loudness_meter * input)
{
  double goal;
  size_t length;

  /* the first momentary block is complete after 400 ms (step 4); before
   * that the meter would read the missing time as silence */
  if (n->leveling && input && n->step >= 4)
    n->goal_db = lookahead_goal (n, loudness_leveler_update (&n->leveler,
            loudness_meter_momentary (input)));
  n->step++;
  goal = db_to_amplitude (n->goal_db);
  length = (size_t) (step_end (n, n->step) - step_end (n, n->step - 1));
  if (goal == n->gain || length == 0) {
    n->ramp_frames = 0;
    return;
  }
  n->gain_step = (goal - n->gain) / (double) length;
  n->ramp_frames = length;
}

/* The gain loop for one sample type over `count` frames: the ramp's
 * frames first (gain computed per frame from the ramp's start, so the loop
 * has no carried dependency, in the sample type: float's 1e-7 error on a
 * gain is far below float samples' own), then a constant gain. */
#define APPLY_GAIN(type, nm, data, count, channel_count)                \
  do {                                                                  \
    type *p = (data);                                                   \
    const unsigned channels = (channel_count);                          \
    size_t ramp = (count) < (nm)->ramp_frames ? (count) : (nm)->ramp_frames; \
    size_t left = (count) - ramp;                                       \
    const type start = (type) (nm)->gain;                               \
    const type step = (type) (nm)->gain_step;                           \
    for (size_t i = 0; i < ramp; i++) {                                 \
      const type g = start + step * (type) (i + 1);                     \
      for (unsigned ch = 0; ch < channels; ch++)                        \
        p[i * channels + ch] = (type) (p[i * channels + ch] * g);       \
    }                                                                   \
    p += ramp * channels;                                               \
    (nm)->gain += (nm)->gain_step * (double) ramp;                      \
    (nm)->ramp_frames -= ramp;                                          \
    if (ramp > 0 && (nm)->ramp_frames == 0)                             \
      (nm)->gain = db_to_amplitude ((nm)->goal_db);                     \
    if (left > 0 && (nm)->gain != 1.0) {                                \
      const type g = (type) (nm)->gain;                                 \
      for (size_t i = 0; i < left * channels; i++)                      \
        p[i] *= g;                                                      \
    }                                                                   \
  } while (0)

/* samples the gain lookahead swaps at a time, through the stack */
#define DELAY_CHUNK 512

typedef struct
{
  size_t sample_bytes;
  void (*add) (loudness_meter *, void *, size_t);
  void (*delay) (normalizer *, void *, size_t);
  void (*gain) (normalizer *, void *, size_t);
  void (*limit) (limiter *, void *, size_t);
} sample_ops;

/* One sample type's operations; constant channel counts let the compiler
 * vectorise the gain ramp. */
#define SAMPLE_OPS(type, suffix)                                        \
  static void                                                           \
  add_##suffix (loudness_meter * m, void *data, size_t frames)          \
  {                                                                     \
    loudness_meter_add_##suffix (m, data, frames);                      \
  }                                                                     \
  /* the frames swapped with the gain lookahead's oldest, in runs up to  \
   * the ring's end */                                                  \
  static void                                                           \
  delay_##suffix (normalizer * n, void *data, size_t frames)            \
  {                                                                     \
    type *p = data, *ring = (type *) (void *) n->delay;                 \
    while (frames > 0) {                                                \
      size_t run = n->delay_frames - n->delay_next;                     \
      type *slot = ring + n->delay_next * n->channels;                  \
      if (run > frames)                                                 \
        run = frames;                                                   \
      for (size_t i = 0; i < run * n->channels; i += DELAY_CHUNK) {     \
        type kept[DELAY_CHUNK];                                         \
        size_t count = run * n->channels - i;                           \
        if (count > DELAY_CHUNK)                                        \
          count = DELAY_CHUNK;                                          \
        memcpy (kept, slot + i, count * sizeof (type));                 \
        memcpy (slot + i, p + i, count * sizeof (type));                \
        memcpy (p + i, kept, count * sizeof (type));                    \
      }                                                                 \
      p += run * n->channels;                                           \
      frames -= run;                                                    \
      n->delay_next = (n->delay_next + run) % n->delay_frames;          \
    }                                                                   \
  }                                                                     \
  static void                                                           \
  gain_##suffix (normalizer * n, void *data, size_t frames)             \
  {                                                                     \
    if (n->channels == 2)                                               \
      APPLY_GAIN (type, n, data, frames, 2);                            \
    else                                                                \
      APPLY_GAIN (type, n, data, frames, n->channels);                  \
  }                                                                     \
  static void                                                           \
  limit_##suffix (limiter * l, void *data, size_t frames)               \
  {                                                                     \
    limiter_process_##suffix (l, data, frames);                         \
  }                                                                     \
  static const sample_ops ops_##suffix = { sizeof (type), add_##suffix, \
    delay_##suffix, gain_##suffix, limit_##suffix                       \
  }

SAMPLE_OPS (float, f32);
SAMPLE_OPS (double, f64);

/* Splits the buffer at the 100 ms steps, where the gain's goal changes. */
static void
process (normalizer * n, loudness_meter * input, void *interleaved,
    size_t frames, const sample_ops * ops)
{
  char *data = interleaved;

  while (frames > 0) {
    size_t seg;
    if (n->frames == step_end (n, n->step))
      start_step (n, input);
    seg = (size_t) (step_end (n, n->step) - n->frames);
    if (seg > frames)
      seg = frames;
    if (input)
      ops->add (input, data, seg);
    if (n->delay_frames > 0)
      ops->delay (n, data, seg);
    ops->gain (n, data, seg);
    ops->limit (n->limiter, data, seg);
    data += seg * n->channels * ops->sample_bytes;
    frames -= seg;
    n->frames += seg;
  }
}

void
normalizer_process_f32 (normalizer * n, loudness_meter * input,
    float *interleaved, size_t frames)
{
  process (n, input, interleaved, frames, &ops_f32);
}

void
normalizer_process_f64 (normalizer * n, loudness_meter * input,
    double *interleaved, size_t frames)
{
  process (n, input, interleaved, frames, &ops_f64);
}

double
normalizer_gain_db (const normalizer * n)
{
  return amplitude_to_db (n->gain);
}

const char *
normalizer_leveler_state (const normalizer * n)
{
  return n->leveling ? loudness_leveler_state_name
      (loudness_leveler_get_state (&n->leveler)) : NULL;
}

double
normalizer_limiter_reduction_db (const normalizer * n)
{
  return limiter_gain_reduction_db (n->limiter);
}

double
normalizer_max_limiter_reduction_db (const normalizer * n)
{
  return limiter_max_gain_reduction_db (n->limiter);
}
