/* mixmaster DSP core: lookahead true-peak limiter.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Gain computation, per frame m of the input (legend):
 *   e[m]  largest |oversampled waveform| of all channels over [m, m + 1)
 *         (true_peak_meter_envelope(), 8x below 96 kHz);
 *   r[m]  = min (1, ceiling / e[m]): the gain frame m needs;
 *   h[m]  = min of r over the last H = L + 2W + 1 + K frames (a sliding
 *         minimum: the "hold");
 *   a[m]  = mean of h over the last L + 1 frames (the attack ramp);
 *   g[m]  = a[m] when falling, else rising towards it with the release
 *         time constant, so g <= a always;
 * and the output frame m - L - W is multiplied by g[m]. Every h averaged
 * into a[m] covers frames m - L - 2W ... m - L, so a[m] and g[m] are at
 * most the r of every frame within W of the one they multiply: the gain is
 * already down wherever the interpolation filter (2W = its length) sees
 * the peak. L is the lookahead, W the interpolator's half length, K the
 * hold after a peak (LIMITER_HOLD_MS): with it, h stays at the r of the
 * last peak through every half-period of a tone down to 20 Hz, so a
 * sustained low tone sees a constant gain instead of one that recovers and
 * falls again each half-period (harmonic distortion: -44 dB THD+N at
 * 30 Hz without it, -150 dB with it).
 * This is the construction of the brick-wall limiters by Fons Adriaensen
 * and x42's dpl (minimum hold, then a moving average), written anew.
 */
#include "limiter.h"

#include "range.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "decibel.h"
#include "true_peak.h"

#define CHUNK_FRAMES 256
#define DEFAULT_CEILING_DB (-1.0)
#define DEFAULT_RELEASE_MS 100.0
/* a release this short or long is a release at all, and its coefficient
 * a number in (0, 1) */
#define MIN_RELEASE_MS 0.1
#define MAX_RELEASE_MS 60000.0
#define CEILING_MARGIN 1e-4
#define RELEASE_SNAP 1e-9
/* +720 dBFS: far past any signal, and small enough that neither the float
 * detector's sums nor the gains it asks for (ceiling / 1e36) leave the
 * normal range of float and double */
#define LARGEST_INPUT 1e36

struct limiter
{
  unsigned channels;
  unsigned sample_rate;
  size_t lookahead;             /* L, frames */
  size_t half_span;             /* W, frames */
  size_t delay;                 /* envelope delay d + L + W, frames */
  double ceiling;               /* linear */
  double release_coeff;         /* one-pole coefficient per frame */

  true_peak_meter *detector;
  double *frames;               /* CHUNK_FRAMES x channels, interleaved */
  float *scratch;               /* CHUNK_FRAMES of one channel */
  float *envelope;              /* CHUNK_FRAMES of one channel */
  float *peak;                  /* CHUNK_FRAMES: e over all channels */
  double *gain;                 /* CHUNK_FRAMES: g per frame */

  /* sliding minimum over H frames: a monotonic deque in a ring */
  size_t hold_length;           /* H */
  double *hold_value;
  uint64_t *hold_frame;
  size_t hold_head, hold_count;
  uint64_t frame;               /* frames of r seen */

  /* moving average over L + 1 frames, as a sum of positive terms only
   * (no running subtraction, which loses a gain below about 1e-12 to
   * cancellation): the ring's older part through suffix sums made once a
   * turn, the newer part through a running sum */
  double *average_ring;
  double *average_suffix;       /* L + 2: sums of ring[i .. L] at the turn */
  size_t average_pos;
  double average_newer;         /* sum of ring[0 .. average_pos - 1] */

  double current_gain;          /* g */
  double max_reduction_gain;    /* smallest g since clear */

  double *delay_line;           /* channels x delay, a ring */
  size_t delay_pos;
  uint64_t invalid_samples;
};

static size_t
frames_of_ms (double ms, unsigned rate)
{
  return (size_t) llround (ms * rate / 1000.0);
}

/* A turn of the moving average's ring: every value in it is now from the
 * last turn; their suffix sums are made afresh. */
static void
turn_average (limiter * l)
{
  size_t n = l->lookahead + 1;

  l->average_suffix[n] = 0.0;
  for (size_t i = n; i-- > 0;)
    l->average_suffix[i] = l->average_suffix[i + 1] + l->average_ring[i];
  l->average_pos = 0;
  l->average_newer = 0.0;
}

limiter *
limiter_new (unsigned channels, unsigned rate_hz, double lookahead_ms)
{
  limiter *l;

  if (channels == 0 || rate_hz < 1000 ||
      !(lookahead_ms >= LIMITER_MIN_LOOKAHEAD_MS &&
          lookahead_ms <= LIMITER_MAX_LOOKAHEAD_MS))
    return NULL;
  l = calloc (1, sizeof (*l));
  if (!l)
    return NULL;
  l->channels = channels;
  l->sample_rate = rate_hz;
  l->detector = true_peak_meter_new (channels, rate_hz, CHUNK_FRAMES);
  if (!l->detector) {
    free (l);
    return NULL;
  }
  l->lookahead = frames_of_ms (lookahead_ms, rate_hz);
  l->half_span = true_peak_meter_delay (l->detector) > 0 ?
      true_peak_meter_delay (l->detector) : 1;
  l->delay = true_peak_meter_delay (l->detector) + l->lookahead + l->half_span;
  l->hold_length = l->lookahead + 2 * l->half_span + 1 +
      frames_of_ms (LIMITER_HOLD_MS, rate_hz);

  l->frames = calloc ((size_t) CHUNK_FRAMES * channels, sizeof (double));
  l->scratch = calloc (CHUNK_FRAMES, sizeof (float));
  l->envelope = calloc (CHUNK_FRAMES, sizeof (float));
  l->peak = calloc (CHUNK_FRAMES, sizeof (float));
  l->gain = calloc (CHUNK_FRAMES, sizeof (double));
  l->hold_value = calloc (l->hold_length, sizeof (double));
  l->hold_frame = calloc (l->hold_length, sizeof (uint64_t));
  l->average_ring = calloc (l->lookahead + 1, sizeof (double));
  l->average_suffix = calloc (l->lookahead + 2, sizeof (double));
  l->delay_line = calloc ((size_t) channels * l->delay, sizeof (double));
  if (!l->frames || !l->scratch || !l->envelope || !l->peak || !l->gain ||
      !l->hold_value || !l->hold_frame || !l->average_ring ||
      !l->average_suffix || !l->delay_line) {
    limiter_free (l);
    return NULL;
  }
  limiter_set_ceiling_db (l, DEFAULT_CEILING_DB);
  limiter_set_release_ms (l, DEFAULT_RELEASE_MS);
  limiter_reset (l);
  return l;
}

void
limiter_free (limiter * l)
{
  if (!l)
    return;
  true_peak_meter_free (l->detector);
  free (l->frames);
  free (l->scratch);
  free (l->envelope);
  free (l->peak);
  free (l->gain);
  free (l->hold_value);
  free (l->hold_frame);
  free (l->average_ring);
  free (l->average_suffix);
  free (l->delay_line);
  free (l);
}

void
limiter_reset (limiter * l)
{
  true_peak_meter_reset (l->detector);
  l->hold_head = 0;
  l->hold_count = 0;
  l->frame = 0;
  for (size_t i = 0; i <= l->lookahead; i++)
    l->average_ring[i] = 1.0;
  turn_average (l);
  l->current_gain = 1.0;
  l->max_reduction_gain = 1.0;
  memset (l->delay_line, 0, (size_t) l->channels * l->delay * sizeof (double));
  l->delay_pos = 0;
  l->invalid_samples = 0;
}

void
limiter_set_ceiling_db (limiter * l, double ceiling_dbtp)
{
  ceiling_dbtp = range_held (ceiling_dbtp, -INFINITY, 0.0, DEFAULT_CEILING_DB);
  /* 0.001 dB inside, so that neither rounding to float on the way out nor
   * a gain that changes within the interpolator's span takes a held peak
   * over the ceiling, and inside by what the detector may miss */
  l->ceiling = db_to_amplitude (ceiling_dbtp) * (1.0 - CEILING_MARGIN) /
      true_peak_meter_tolerance (l->detector);
}

void
limiter_set_release_ms (limiter * l, double release_ms)
{
  release_ms = range_held (release_ms, MIN_RELEASE_MS, MAX_RELEASE_MS,
      DEFAULT_RELEASE_MS);
  /* alpha = exp(-1 / (tau fs)): after tau, 1 - 1/e of a step is done */
  l->release_coeff = exp (-1000.0 / (release_ms * l->sample_rate));
}

size_t
limiter_latency (const limiter * l)
{
  return l->delay;
}

/* Sliding minimum: pushes r for the next frame, returns the minimum of
 * the last hold_length values. Amortised O(1): each value enters and
 * leaves the deque once. */
static double
hold_minimum (limiter * l, double r)
{
  size_t n = l->hold_length;

  /* drop the value that leaves the window first, so the deque never holds
   * more than n - 1 values before the push */
  if (l->hold_count > 0 && l->hold_frame[l->hold_head] + n <= l->frame) {
    l->hold_head = (l->hold_head + 1) % n;
    l->hold_count--;
  }
  while (l->hold_count > 0 &&
      l->hold_value[(l->hold_head + l->hold_count - 1) % n] >= r)
    l->hold_count--;
  size_t tail = (l->hold_head + l->hold_count) % n;
  l->hold_value[tail] = r;
  l->hold_frame[tail] = l->frame;
  l->hold_count++;
  l->frame++;
  return l->hold_value[l->hold_head];
}

/* Moving average over lookahead + 1 values. The window is the ring's
 * values after the write position (from the last turn) and those before
 * it (this turn's): the first sum is read from suffix sums made at the
 * turn, the second is kept running. Both add positive numbers only, so the
 * mean is good to a few ulps of itself at any scale, however far the gain
 * falls. */
static double
moving_average (limiter * l, double h)
{
  size_t n = l->lookahead + 1;

  l->average_ring[l->average_pos] = h;
  l->average_newer += h;
  double sum = l->average_newer + l->average_suffix[++l->average_pos];
  if (l->average_pos == n)
    turn_average (l);
  return sum / n;
}

static void
compute_gains (limiter * l, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    double required = l->peak[i] > l->ceiling ? l->ceiling / l->peak[i] : 1.0;
    double a = moving_average (l, hold_minimum (l, required));
    double g = l->current_gain;
    g = a < g ? a : a - (a - g) * l->release_coeff;
    /* the last 1e-9 of a release (-9e-9 dB) is done at once, so the
     * limiter is bit-transparent, and idle, again within about 2 s */
    if (a == 1.0 && g > 1.0 - RELEASE_SNAP)
      g = 1.0;
    l->current_gain = g;
    l->gain[i] = g;
    if (g < l->max_reduction_gain)
      l->max_reduction_gain = g;
  }
}

/* True when every r, h and a in the windows is 1 and g is 1: the gain
 * stays 1 for as long as no peak crosses the ceiling. */
static bool
is_idle (const limiter * l)
{
  /* the average's window is all ones: this turn's values sum to their
   * count, and the last turn's that remain to theirs (sums of ones are
   * exact) */
  return l->current_gain == 1.0 &&
      l->average_newer == (double) l->average_pos &&
      l->average_suffix[l->average_pos] ==
      (double) (l->lookahead + 1 - l->average_pos) &&
      (l->hold_count == 0 || l->hold_value[l->hold_head] == 1.0);
}

/* compute_gains() for n frames of r = 1 from the idle state, in O(1): the
 * windows stay all ones, only the frame count moves (the average's ring,
 * all ones, is put at a turn once and stays there). */
static void
pass_idle (limiter * l, size_t n)
{
  /* a ring of ones is a ring of ones from any position: start a turn */
  if (l->average_pos != 0)
    turn_average (l);
  l->frame += n;
  l->hold_count = 1;
  l->hold_value[l->hold_head] = 1.0;
  l->hold_frame[l->hold_head] = l->frame - 1;
  for (size_t i = 0; i < n; i++)
    l->gain[i] = 1.0;
}

/* Swaps n frames of l->frames with the delay line, which is a ring: in at
 * most two contiguous runs, multiplying each output frame by its gain
 * unless all are 1. */
static void
delay (limiter * l, size_t n, bool unity_gain)
{
  const unsigned channels = l->channels;
  size_t done = 0;

  while (done < n) {
    size_t run = l->delay - l->delay_pos;
    double *slot = l->delay_line + l->delay_pos * channels;
    double *frame = l->frames + done * channels;
    if (run > n - done)
      run = n - done;
    for (size_t k = 0; k < run * channels; k++) {
      double in = frame[k];
      frame[k] = slot[k];
      slot[k] = in;
    }
    if (!unity_gain)
      for (size_t i = 0; i < run; i++)
        for (unsigned ch = 0; ch < channels; ch++)
          frame[i * channels + ch] *= l->gain[done + i];
    done += run;
    l->delay_pos = (l->delay_pos + run) % l->delay;
  }
}

/* Limits l->frames (n frames, already sanitized) in place. */
static void
process_chunk (limiter * l, size_t n)
{
  const unsigned channels = l->channels;
  float loudest = 0.0f;
  bool idle;

  memset (l->peak, 0, n * sizeof (float));
  for (unsigned ch = 0; ch < channels; ch++) {
    for (size_t i = 0; i < n; i++)
      l->scratch[i] = (float) l->frames[i * channels + ch];
    /* a channel that cannot reach the ceiling needs gain 1 everywhere and
     * leaves e[m] to the others */
    if (!true_peak_meter_envelope_above (l->detector, ch, l->scratch, n,
            l->envelope, nextafterf ((float) l->ceiling, 0.0f)))
      continue;
    for (size_t i = 0; i < n; i++)
      l->peak[i] = l->envelope[i] > l->peak[i] ? l->envelope[i] : l->peak[i];
  }
  for (size_t i = 0; i < n; i++)
    loudest = l->peak[i] > loudest ? l->peak[i] : loudest;
  idle = loudest <= l->ceiling && is_idle (l);
  if (idle)
    pass_idle (l, n);
  else
    compute_gains (l, n);

  delay (l, n, idle);
}

/* Non-finite samples, and finite ones beyond LARGEST_INPUT, become
 * silence, and are counted. The conversion
 * loops only note whether there was one (a loop without branches, which
 * vectorises); this pass, which is rare, fixes them. */
static void
sanitize (limiter * l, size_t samples)
{
  for (size_t i = 0; i < samples; i++) {
    if (!(fabs (l->frames[i]) <= LARGEST_INPUT)) {
      l->frames[i] = 0.0;
      l->invalid_samples++;
    }
  }
}

/* load_<type> and store_<type>: a chunk into l->frames as doubles, and
 * back. */
#define SAMPLE_IO(type, suffix, largest)                                \
  static void                                                           \
  load_##suffix (limiter * l, const void *src, size_t samples)          \
  {                                                                     \
    const type *x = src;                                                \
    int bad = 0;                                                        \
    for (size_t i = 0; i < samples; i++) {                              \
      l->frames[i] = x[i];                                              \
      bad |= !(fabs ((double) x[i]) <= largest);                        \
    }                                                                   \
    if (bad)                                                            \
      sanitize (l, samples);                                            \
  }                                                                     \
  static void                                                           \
  store_##suffix (const limiter * l, void *dst, size_t samples)         \
  {                                                                     \
    for (size_t i = 0; i < samples; i++)                                \
      ((type *) dst)[i] = (type) l->frames[i];                          \
  }

SAMPLE_IO (float, f32, LARGEST_INPUT);
SAMPLE_IO (double, f64, LARGEST_INPUT);

/* Chunks the buffer; each chunk is converted to double once on the way in
 * and once on the way out, so no sample loop switches on the format. */
static void
process (limiter * l, void *interleaved, size_t frames, size_t sample_bytes,
    void (*load) (limiter *, const void *, size_t),
    void (*store) (const limiter *, void *, size_t))
{
  char *data = interleaved;

  while (frames > 0) {
    size_t n = frames < CHUNK_FRAMES ? frames : CHUNK_FRAMES;
    size_t samples = n * l->channels;
    load (l, data, samples);
    process_chunk (l, n);
    store (l, data, samples);
    data += samples * sample_bytes;
    frames -= n;
  }
}

void
limiter_process_f32 (limiter * l, float *interleaved, size_t frames)
{
  process (l, interleaved, frames, sizeof (float), load_f32, store_f32);
}

void
limiter_process_f64 (limiter * l, double *interleaved, size_t frames)
{
  process (l, interleaved, frames, sizeof (double), load_f64, store_f64);
}

double
limiter_gain_reduction_db (const limiter * l)
{
  return 0.0 - amplitude_to_db (l->current_gain);       /* never -0 */
}

double
limiter_max_gain_reduction_db (const limiter * l)
{
  return 0.0 - amplitude_to_db (l->max_reduction_gain);
}

uint64_t
limiter_invalid_samples (const limiter * l)
{
  return l->invalid_samples;
}
