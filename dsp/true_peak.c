/* mixmaster DSP core: true-peak detection, ITU-R BS.1770-4 Annex 2.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Design goals: exact on the EBU Tech 3341 true-peak cases (15-23) within
 * the +0.2/-0.4 dB tolerance with margin, flat pass band to 0.45 fs (EBU
 * Tech 3343 assumes programme band-limited to 20 kHz), and fast: the inner
 * loops run over samples (not taps) so the compiler vectorises them.
 */
#include "true_peak.h"

#include "kaiser.h"
#include "sample_peak.h"
#include "simd.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Taps per polyphase branch. 12 is what BS.1770 Annex 2's example uses;
 * with 16 and a Kaiser window of beta 7 (this meter until 0.2) a branch's
 * response is off by up to 3.6 dB (vector error) at 0.45 fs, and mastered
 * music with strong 16-21 kHz content was read 0.3 dB low. 64 taps with
 * beta 5 keep the vector error of every branch under 0.025 dB from DC to
 * 0.46 fs and 0.04 dB at 0.47 fs (20.7 kHz at 44.1 kHz; EBU Tech 3343
 * assumes programme band-limited to 20 kHz). tests/dsp/test_true_peak.c
 * measures it. */
#define TP_TAPS_PER_PHASE 64
#define TP_KAISER_BETA 5.0

struct true_peak_meter
{
  unsigned channels;
  unsigned factor;              /* oversampling ratio L */
  unsigned taps;                /* per branch */
  size_t max_block;
  float *phase_coeffs;          /* (L - 1) x taps: c_p[k] = h[p + L k] */
  float *history;               /* channels x taps last input samples */
  float *work;                  /* taps + max_block: history + block */
  /* (L - 1) x (max_block + 1): branch p's outputs for frames -1 .. n - 1
   * of the block, so every point has its predecessor at hand */
  float *points;
  float *sum;                   /* max_block: an envelope */
  float refine_cap;             /* largest relative parabolic correction */
  /* max over branches of sum_k |c_p[k]| (and 1, for phase 0), times
   * 1 + refine_cap: no envelope value exceeds it times the largest |input|
   * it is made of */
  float gain_bound;
};

/* Twice what BS.1770-4 Annex 2 asks below 96 kHz (4x), and 4x from
 * there on. Between the points of an L-times oversampled waveform a sine
 * of frequency f rises by up to -20 log10 cos(pi f / (L fs)): 0.14 dB at
 * 8x, 0.55 dB at 4x for f = 0.45 fs. The parabolic refinement below takes
 * that to 0.003 dB at 8x and 0.05 dB at 4x; 2x would leave 0.7 dB. */
static unsigned
oversampling_for_rate (unsigned rate_hz)
{
  return rate_hz < 96000 ? 8 : 4;
}

/* Prototype h[j], j = 0 .. L*T, centred on j = L*T/2: an ideal low-pass at
 * the original Nyquist frequency, Kaiser-windowed. Its zeros fall on every
 * L-th tap, which makes phase 0 the identity. Each in-between branch is
 * normalised to unit DC gain, so low-frequency peaks are not under-read. */
static void
design_interpolator (float *phase_coeffs, unsigned factor, unsigned taps)
{
  const double centre = factor * taps / 2.0;

  for (unsigned p = 1; p < factor; p++) {
    float *c = phase_coeffs + (size_t) (p - 1) * taps;
    double dc = 0.0, h[TP_TAPS_PER_PHASE];
    for (unsigned k = 0; k < taps; k++) {
      double j = p + (double) factor * k;
      double r = (j - centre) / centre;
      h[k] = sinc ((j - centre) / factor) * kaiser (r, TP_KAISER_BETA);
      dc += h[k];
    }
    for (unsigned k = 0; k < taps; k++)
      c[k] = (float) (h[k] / dc);
  }
}

static float
absolute_gain_bound (const true_peak_meter * tp)
{
  double bound = 1.0;
  for (unsigned p = 1; p < tp->factor; p++) {
    const float *c = tp->phase_coeffs + (size_t) (p - 1) * tp->taps;
    double sum = 0.0;
    for (unsigned k = 0; k < tp->taps; k++)
      sum += fabs (c[k]);
    bound = sum > bound ? sum : bound;
  }
  /* a little over, for the rounding of float sums of products */
  return (float) (bound * (1.0 + tp->refine_cap) * 1.001);
}

true_peak_meter *
true_peak_meter_new (unsigned channels, unsigned rate_hz,
    size_t max_block_frames)
{
  true_peak_meter *tp;
  const unsigned taps = TP_TAPS_PER_PHASE;

  if (channels == 0 || max_block_frames == 0)
    return NULL;
  tp = calloc (1, sizeof (*tp));
  if (!tp)
    return NULL;
  tp->channels = channels;
  tp->factor = oversampling_for_rate (rate_hz);
  tp->taps = taps;
  tp->max_block = max_block_frames;
  tp->phase_coeffs = calloc ((size_t) (tp->factor - 1) * taps, sizeof (float));
  tp->history = calloc ((size_t) channels * taps, sizeof (float));
  tp->work = calloc (taps + max_block_frames, sizeof (float));
  tp->points = calloc ((size_t) (tp->factor - 1) * (max_block_frames + 1),
      sizeof (float));
  tp->sum = calloc (max_block_frames, sizeof (float));
  if (!tp->phase_coeffs || !tp->history || !tp->work || !tp->points || !tp->sum) {
    true_peak_meter_free (tp);
    return NULL;
  }
  design_interpolator (tp->phase_coeffs, tp->factor, taps);
  /* between points pi / L apart (half a period at Nyquist over L points)
   * a band-limited waveform rises by at most 1 / cos (pi / (2 L)) */
  tp->refine_cap = (float) (1.0 / cos (M_PI / (2.0 * tp->factor)) - 1.0);
  tp->gain_bound = absolute_gain_bound (tp);
  return tp;
}

void
true_peak_meter_free (true_peak_meter * tp)
{
  if (!tp)
    return;
  free (tp->phase_coeffs);
  free (tp->history);
  free (tp->work);
  free (tp->points);
  free (tp->sum);
  free (tp);
}

void
true_peak_meter_reset (true_peak_meter * tp)
{
  memset (tp->history, 0, (size_t) tp->channels * tp->taps * sizeof (float));
}

unsigned
true_peak_meter_oversampling (const true_peak_meter * tp)
{
  return tp->factor;
}

/* The refinement's error on a sine at 0.45 fs (0.003 dB at 8x, 0.049 dB
 * at 4x), rounded up for dense content: tests/dsp/test_limiter.c measures
 * the limited waveform with an independent oracle. */
double
true_peak_meter_tolerance (const true_peak_meter * tp)
{
  return pow (10.0, (tp->factor >= 8 ? 0.005 : 0.05) / 20.0);
}

/* Branch p of the interpolator over n outputs: y_p[i] = sum_k c[k] x[i-k],
 * x[i - k] at work[taps - 1 + i - k]. Taps outside and samples inside, so
 * the inner loop is a vectorisable y[i] += c[k] * src[i]. */
DSP_MULTIVERSION static void
interpolate_branch (const float *restrict work, const float *restrict c,
    unsigned taps, float *restrict y, size_t n)
{
  memset (y, 0, n * sizeof (float));
  for (unsigned k = 0; k < taps; k++) {
    const float ck = c[k];
    const float *restrict src = work + taps - 1 - k;
    for (size_t i = 0; i < n; i++)
      y[i] += ck * src[i];
  }
}

/* Puts history + x in tp->work: x[i] at work[taps + i]. */
static void
load_work (true_peak_meter * tp, unsigned channel, const float *x, size_t n)
{
  const unsigned taps = tp->taps;
  float *history = tp->history + (size_t) channel * taps;

  memcpy (tp->work, history, taps * sizeof (float));
  memcpy (tp->work + taps, x, n * sizeof (float));
  memcpy (history, tp->work + n, taps * sizeof (float));
}

static const float *
branch_coeffs (const true_peak_meter * tp, unsigned p)
{
  return tp->phase_coeffs + (size_t) (p - 1) * tp->taps;
}

/* Branch p's outputs: slot j holds frame j - 1 of the range. */
static float *
branch_points (const true_peak_meter * tp, unsigned p)
{
  return tp->points + (size_t) (p - 1) * (tp->max_block + 1);
}

unsigned
true_peak_meter_delay (const true_peak_meter * tp)
{
  return tp->taps / 2;
}

/* The peak of the parabola through three consecutive oversampled points
 * (a, b, c), where |b| is the largest of them: |b| + (a - c)^2 / (8 |a - 2b
 * + c|); |b| elsewhere. Quadratic interpolation of a peak (J. O. Smith,
 * Spectral Audio Signal Processing, "Quadratic Interpolation of Spectral
 * Peaks"): on a sine at 0.45 fs it leaves 0.003 dB of the 0.14 dB an 8x
 * grid misses. The vertex lies within half a point of b, so the rise is
 * at most |a - c| / 8 (which bounds it where the curvature is lost in
 * rounding, near the top of a low tone), and never more than cap |b|. */
static inline float
refined_peak (float a, float b, float c, float cap)
{
  float magnitude = fabsf (b), slope = fabsf (a - c);
  float curvature = fabsf (a - 2.0f * b + c);
  float rise = slope * slope / (8.0f * curvature + 1e-30f);
  /* & rather than &&, and a product rather than a branch: the loop
   * vectorises */
  float top = (float) ((magnitude >= fabsf (a)) & (magnitude >= fabsf (c)));

  rise = rise < 0.125f * slope ? rise : 0.125f * slope;
  rise = rise < cap * magnitude ? rise : cap * magnitude;
  return magnitude + top * rise;
}

/* envelope[i] = max over k of refined_peak (s[k - 1], s[k], s[k + 1]),
 * s[k] the oversampled waveform at x[first + i - d] + k / L. */
DSP_MULTIVERSION static void
refine_points (const float *restrict before, const float *restrict at,
    const float *restrict after, float cap, float *restrict envelope, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    float r = refined_peak (before[i], at[i], after[i], cap);
    envelope[i] = r > envelope[i] ? r : envelope[i];
  }
}

/* The envelope of frames first .. first + n - 1 of the block in tp->work
 * (true_peak_meter_envelope()): every branch from frame first - 1 on,
 * then the refined peak of each point with its two neighbours. */
static void
envelope_range (true_peak_meter * tp, size_t first, size_t n, float *envelope)
{
  const unsigned factor = tp->factor, delay = true_peak_meter_delay (tp);
  /* the samples x[i - d] and x[i - d + 1] of frame first + i */
  const float *sample = tp->work + tp->taps + first - delay;
  const float *next_sample = sample + 1;

  for (unsigned p = 1; p < factor; p++)
    interpolate_branch (tp->work + first, branch_coeffs (tp, p), tp->taps,
        branch_points (tp, p), n + 1);
  memset (envelope, 0, n * sizeof (float));
  /* the sample, between the previous frame's last point and the first */
  refine_points (branch_points (tp, factor - 1), sample,
      branch_points (tp, 1) + 1, tp->refine_cap, envelope, n);
  for (unsigned p = 1; p < factor; p++) {
    const float *before = p == 1 ? sample : branch_points (tp, p - 1) + 1;
    const float *after = p == factor - 1 ? next_sample :
        branch_points (tp, p + 1) + 1;
    refine_points (before, branch_points (tp, p) + 1, after, tp->refine_cap,
        envelope, n);
  }
}

float
true_peak_meter_process (true_peak_meter * tp, unsigned channel,
    const float *x, size_t n)
{
  if (n == 0)
    return 0.0f;
  load_work (tp, channel, x, n);
  envelope_range (tp, 0, n, tp->sum);
  return sample_peak_max_abs (tp->sum, n);
}

/* The largest |x| the block's output points can be made of: the block's
 * and the channel's history (the samples before it). */
static float
input_bound (const true_peak_meter * tp, unsigned channel, float x_peak)
{
  const float *history = tp->history + (size_t) channel * tp->taps;
  float h = sample_peak_max_abs (history, tp->taps);

  return h > x_peak ? h : x_peak;
}

/* Keeps the last samples for the next block, as load_work() does. */
static void
keep_history (true_peak_meter * tp, unsigned channel, const float *x, size_t n)
{
  const unsigned keep = tp->taps;
  float *history = tp->history + (size_t) channel * keep;

  if (n >= keep) {
    memcpy (history, x + n - keep, keep * sizeof (float));
  } else {
    memmove (history, history + n, (keep - n) * sizeof (float));
    memcpy (history + keep - n, x, n * sizeof (float));
  }
}

/* Outputs per segment of process_above(): small enough that a loud
 * transient leaves most of a block skipped, large enough to vectorise. */
#define SEGMENT 64

float
true_peak_meter_process_above (true_peak_meter * tp, unsigned channel,
    const float *x, size_t n, float x_peak, float floor)
{
  const unsigned taps = tp->taps;
  const float limit = floor / tp->gain_bound;
  float peak = 0.0f;

  if (input_bound (tp, channel, x_peak) <= limit) {
    keep_history (tp, channel, x, n);
    return 0.0f;
  }
  load_work (tp, channel, x, n);
  /* Frames start - 1 .. start + len - 1 are made of work[start .. start +
   * len + taps - 1]: a segment whose inputs cannot take it over the floor
   * is skipped. */
  for (size_t start = 0; start < n; start += SEGMENT) {
    size_t len = n - start < SEGMENT ? n - start : SEGMENT;
    if (sample_peak_max_abs (tp->work + start, len + taps) <= limit)
      continue;
    envelope_range (tp, start, len, tp->sum);
    float segment = sample_peak_max_abs (tp->sum, len);
    peak = segment > peak ? segment : peak;
  }
  return peak;
}

void
true_peak_meter_envelope (true_peak_meter * tp, unsigned channel,
    const float *x, size_t n, float *envelope)
{
  load_work (tp, channel, x, n);
  envelope_range (tp, 0, n, envelope);
}

bool
true_peak_meter_envelope_above (true_peak_meter * tp, unsigned channel,
    const float *x, size_t n, float *envelope, float floor)
{
  const unsigned taps = tp->taps;
  const float limit = floor / tp->gain_bound;
  float x_peak = input_bound (tp, channel, sample_peak_max_abs (x, n));

  if (x_peak <= limit) {
    keep_history (tp, channel, x, n);
    return false;
  }
  load_work (tp, channel, x, n);
  /* as in process_above(): a segment whose inputs cannot take it over the
   * floor is not interpolated, and reads 0 */
  for (size_t start = 0; start < n; start += SEGMENT) {
    size_t len = n - start < SEGMENT ? n - start : SEGMENT;
    if (sample_peak_max_abs (tp->work + start, len + taps) <= limit)
      memset (envelope + start, 0, len * sizeof (float));
    else
      envelope_range (tp, start, len, envelope + start);
  }
  return true;
}
