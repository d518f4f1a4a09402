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

/* Taps per polyphase branch (16 at 4x and 8x). 12 is what BS.1770 Annex
 * 2's example uses; 16
 * with the Kaiser window below keeps the in-band interpolation error under
 * 0.05 dB up to 0.45 fs (tests/dsp/test_true_peak.c measures it). 2x has a
 * single branch, so it affords 32 taps for the cost of 4x's three branches
 * of 16, and with them reads full-band content near Nyquist (96 kHz
 * material up to 48 kHz) as closely as 4x does. */
#define TP_TAPS_PER_PHASE_4X 16
#define TP_TAPS_PER_PHASE_2X 32
#define TP_MAX_TAPS_PER_PHASE 32
#ifndef TP_KAISER_BETA
#define TP_KAISER_BETA 7.0
#endif

struct true_peak_meter
{
  unsigned channels;
  unsigned factor;              /* oversampling ratio L */
  unsigned taps;                /* per branch */
  size_t max_block;
  float *phase_coeffs;          /* (L - 1) x taps: c_p[k] = h[p + L k] */
  float *history;               /* channels x (taps - 1) last input samples */
  float *work;                  /* (taps - 1) + max_block: history + block */
  float *sum;                   /* max_block: one branch's output */
  /* max over branches of sum_k |c_p[k]| (and 1, for phase 0): no output
   * point exceeds it times the largest |input| it is made of */
  float gain_bound;
};

/* Twice what BS.1770-4 Annex 2 asks (4x below 96 kHz, 2x below 192 kHz):
 * between 4x points a waveform with content near Nyquist rises by up to
 * 0.5 dB more, and a limiter that holds its ceiling on this detector holds
 * it on what any 4x meter, and finer ones, read. */
static unsigned
oversampling_for_rate (unsigned sample_rate_hz)
{
  return sample_rate_hz < 96000 ? 8 : sample_rate_hz < 192000 ? 4 : 2;
}

/* 96 kHz material reaches closer to the interpolator's cut-off, in
 * relative terms, than 44.1/48 kHz material does: more taps from 96 kHz. */
static unsigned
taps_for_rate (unsigned sample_rate_hz)
{
  return sample_rate_hz < 96000 ? TP_TAPS_PER_PHASE_4X : TP_TAPS_PER_PHASE_2X;
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
    double dc = 0.0, h[TP_MAX_TAPS_PER_PHASE];
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
  return (float) (bound * 1.001);
}

true_peak_meter *
true_peak_meter_new (unsigned channels, unsigned sample_rate_hz,
    size_t max_block_frames)
{
  true_peak_meter *tp;
  unsigned taps;

  if (channels == 0 || max_block_frames == 0)
    return NULL;
  tp = calloc (1, sizeof (*tp));
  if (!tp)
    return NULL;
  tp->channels = channels;
  tp->factor = oversampling_for_rate (sample_rate_hz);
  tp->taps = taps = taps_for_rate (sample_rate_hz);
  tp->max_block = max_block_frames;
  tp->phase_coeffs = calloc ((size_t) (tp->factor - 1) * taps, sizeof (float));
  tp->history = calloc ((size_t) channels * (taps - 1), sizeof (float));
  tp->work = calloc (taps - 1 + max_block_frames, sizeof (float));
  tp->sum = calloc (max_block_frames, sizeof (float));
  if (!tp->phase_coeffs || !tp->history || !tp->work || !tp->sum) {
    true_peak_meter_free (tp);
    return NULL;
  }
  design_interpolator (tp->phase_coeffs, tp->factor, taps);
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
  free (tp->sum);
  free (tp);
}

void
true_peak_meter_reset (true_peak_meter * tp)
{
  memset (tp->history, 0,
      (size_t) tp->channels * (tp->taps - 1) * sizeof (float));
}

unsigned
true_peak_meter_oversampling (const true_peak_meter * tp)
{
  return tp->factor;
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

/* Puts history + x in tp->work, ready for interpolate_branch(). */
static void
load_work (true_peak_meter * tp, unsigned channel, const float *x, size_t n)
{
  const unsigned taps = tp->taps;
  float *history = tp->history + (size_t) channel * (taps - 1);

  memcpy (tp->work, history, (taps - 1) * sizeof (float));
  memcpy (tp->work + taps - 1, x, n * sizeof (float));
  memcpy (history, tp->work + n, (taps - 1) * sizeof (float));
}

static const float *
branch_coeffs (const true_peak_meter * tp, unsigned p)
{
  return tp->phase_coeffs + (size_t) (p - 1) * tp->taps;
}

float
true_peak_meter_process (true_peak_meter * tp, unsigned channel,
    const float *x, size_t n)
{
  float peak = 0.0f;

  if (n == 0)
    return 0.0f;
  load_work (tp, channel, x, n);
  for (unsigned p = 1; p < tp->factor; p++) {
    interpolate_branch (tp->work, branch_coeffs (tp, p), tp->taps, tp->sum, n);
    float branch = sample_peak_max_abs (tp->sum, n);
    if (branch > peak)
      peak = branch;
  }
  return peak;
}

unsigned
true_peak_meter_delay (const true_peak_meter * tp)
{
  return tp->taps / 2;
}

/* The largest |x| the block's output points can be made of: the block's
 * and the channel's history (the samples before it). */
static float
input_bound (const true_peak_meter * tp, unsigned channel, float x_peak)
{
  const float *history = tp->history + (size_t) channel * (tp->taps - 1);
  float h = sample_peak_max_abs (history, tp->taps - 1);

  return h > x_peak ? h : x_peak;
}

/* Keeps the last samples for the next block, as load_work() does. */
static void
keep_history (true_peak_meter * tp, unsigned channel, const float *x, size_t n)
{
  const unsigned keep = tp->taps - 1;
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
  /* Output i is made of work[i .. i + taps - 1]: a segment whose inputs
   * cannot take it over the floor is skipped. */
  for (size_t start = 0; start < n; start += SEGMENT) {
    size_t len = n - start < SEGMENT ? n - start : SEGMENT;
    if (sample_peak_max_abs (tp->work + start, len + taps - 1) <= limit)
      continue;
    for (unsigned p = 1; p < tp->factor; p++) {
      interpolate_branch (tp->work + start, branch_coeffs (tp, p), taps,
          tp->sum, len);
      float branch = sample_peak_max_abs (tp->sum, len);
      peak = branch > peak ? branch : peak;
    }
  }
  return peak;
}

void
true_peak_meter_envelope (true_peak_meter * tp, unsigned channel,
    const float *x, size_t n, float *envelope)
{
  const unsigned delay = true_peak_meter_delay (tp);

  load_work (tp, channel, x, n);
  /* x[i - delay] is work[taps - 1 + i - delay] */
  for (size_t i = 0; i < n; i++)
    envelope[i] = fabsf (tp->work[tp->taps - 1 + i - delay]);
  for (unsigned p = 1; p < tp->factor; p++) {
    interpolate_branch (tp->work, branch_coeffs (tp, p), tp->taps, tp->sum, n);
    for (size_t i = 0; i < n; i++) {
      float a = fabsf (tp->sum[i]);
      envelope[i] = a > envelope[i] ? a : envelope[i];
    }
  }
}

bool
true_peak_meter_envelope_above (true_peak_meter * tp, unsigned channel,
    const float *x, size_t n, float *envelope, float floor)
{
  float x_peak = input_bound (tp, channel, sample_peak_max_abs (x, n));

  if (x_peak * tp->gain_bound > floor) {
    true_peak_meter_envelope (tp, channel, x, n, envelope);
    return true;
  }
  keep_history (tp, channel, x, n);
  return false;
}
