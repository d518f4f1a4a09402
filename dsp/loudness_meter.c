/* mixmaster DSP core: loudness meter (ITU-R BS.1770-4, EBU Tech 3341/3342).
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "loudness_meter.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bs1770.h"
#include "kweighting.h"
#include "loudness_histogram.h"
#include "sample_peak.h"
#include "true_peak.h"

#define SUBBLOCKS_PER_SECOND 100        /* the 10 ms evaluation grid */
#define MOMENTARY_SUBBLOCKS 40  /* Tech 3341 section 2: 0.4 s window */
#define SHORT_TERM_SUBBLOCKS 300        /* Tech 3341 section 2: 3 s window */
/* BS.1770-4 section 2.8: 400 ms gating blocks overlapping by 75 %, so one
 * starts every 100 ms. Tech 3342 samples short-term loudness at >= 10 Hz. */
#define GATING_STEP_SUBBLOCKS 10
#define ABSOLUTE_GATE_LUFS (-70.0)
#define INTEGRATED_RELATIVE_GATE_LU (-10.0)
#define RANGE_RELATIVE_GATE_LU (-20.0)
#define RANGE_LOW_PERCENTILE 0.10
#define RANGE_HIGH_PERCENTILE 0.95
/* Frames deinterleaved per pass: a few KiB, so one channel stays in L1. */
#define CHUNK_FRAMES 1024

struct loudness_meter
{
  unsigned channels;
  unsigned sample_rate;
  kweighting_coeffs kweighting;
  kweighting_state *filter;     /* per channel */
  double *weight;               /* per channel G_i */
  double *subblock_energy;      /* per channel, sum of y^2 so far */
  float *scratch;               /* CHUNK_FRAMES of two channels */
  true_peak_meter *true_peak;
  float *sample_peak;           /* per channel, linear */
  float *interpolated_peak;     /* per channel, linear, between samples */

  /* Weighted energy sum_i G_i sum y_i^2 of the last SHORT_TERM_SUBBLOCKS
   * sub-blocks, a ring indexed by sub-block number. */
  double ring[SHORT_TERM_SUBBLOCKS];
  uint64_t subblocks;           /* completed sub-blocks */
  size_t frames_to_boundary;    /* left in the current sub-block */
  uint64_t frames;
  uint64_t invalid_subblocks;

  double momentary_power;       /* channel-weighted mean squares */
  double short_term_power;
  double max_momentary_power;
  double max_short_term_power;
  loudness_histogram *gating_blocks;    /* 400 ms blocks, for I */
  loudness_histogram *short_term_blocks;        /* 3 s windows, for LRA */
};

/* First frame of sub-block k: round(k * rate / 100), exact in integers. */
static uint64_t
subblock_start (const loudness_meter * m, uint64_t k)
{
  return (k * m->sample_rate + SUBBLOCKS_PER_SECOND / 2) / SUBBLOCKS_PER_SECOND;
}

loudness_meter *
loudness_meter_new (unsigned channels, unsigned rate_hz)
{
  loudness_meter *m;

  if (channels == 0 || channels > LOUDNESS_METER_MAX_CHANNELS ||
      rate_hz < SUBBLOCKS_PER_SECOND)
    return NULL;
  m = calloc (1, sizeof (*m));
  if (!m)
    return NULL;
  m->channels = channels;
  m->sample_rate = rate_hz;
  m->filter = calloc (channels, sizeof (*m->filter));
  m->weight = calloc (channels, sizeof (*m->weight));
  m->subblock_energy = calloc (channels, sizeof (*m->subblock_energy));
  m->scratch = calloc (2 * CHUNK_FRAMES, sizeof (*m->scratch));
  m->sample_peak = calloc (channels, sizeof (*m->sample_peak));
  m->interpolated_peak = calloc (channels, sizeof (*m->interpolated_peak));
  m->gating_blocks = calloc (1, sizeof (*m->gating_blocks));
  m->short_term_blocks = calloc (1, sizeof (*m->short_term_blocks));
  m->true_peak = true_peak_meter_new (channels, rate_hz, CHUNK_FRAMES);
  if (!m->filter || !m->weight || !m->subblock_energy || !m->scratch ||
      !m->sample_peak || !m->interpolated_peak || !m->gating_blocks ||
      !m->short_term_blocks || !m->true_peak) {
    loudness_meter_free (m);
    return NULL;
  }
  kweighting_design (&m->kweighting, rate_hz);
  for (unsigned ch = 0; ch < channels; ch++)
    m->weight[ch] = LOUDNESS_WEIGHT_FRONT;
  loudness_meter_reset (m);
  return m;
}

void
loudness_meter_free (loudness_meter * m)
{
  if (!m)
    return;
  free (m->filter);
  free (m->weight);
  free (m->subblock_energy);
  free (m->scratch);
  free (m->sample_peak);
  free (m->interpolated_peak);
  free (m->gating_blocks);
  free (m->short_term_blocks);
  true_peak_meter_free (m->true_peak);
  free (m);
}

static void
reset_filters (loudness_meter * m)
{
  for (unsigned ch = 0; ch < m->channels; ch++)
    kweighting_reset (&m->filter[ch]);
}

void
loudness_meter_reset (loudness_meter * m)
{
  reset_filters (m);
  true_peak_meter_reset (m->true_peak);
  memset (m->subblock_energy, 0, m->channels * sizeof (*m->subblock_energy));
  memset (m->sample_peak, 0, m->channels * sizeof (*m->sample_peak));
  memset (m->interpolated_peak, 0,
      m->channels * sizeof (*m->interpolated_peak));
  memset (m->ring, 0, sizeof (m->ring));
  m->subblocks = 0;
  m->frames_to_boundary = subblock_start (m, 1);
  m->frames = 0;
  m->invalid_subblocks = 0;
  m->momentary_power = 0.0;
  m->short_term_power = 0.0;
  m->max_momentary_power = 0.0;
  m->max_short_term_power = 0.0;
  loudness_histogram_reset (m->gating_blocks);
  loudness_histogram_reset (m->short_term_blocks);
}

double
loudness_channel_weight (double azimuth_deg, double elevation_deg, bool is_lfe)
{
  double azimuth = fabs (fmod (azimuth_deg, 360.0));
  if (azimuth > 180.0)
    azimuth = 360.0 - azimuth;
  if (is_lfe)
    return LOUDNESS_WEIGHT_EXCLUDED;
  if (fabs (elevation_deg) < 30.0 && azimuth >= 60.0 && azimuth <= 120.0)
    return LOUDNESS_WEIGHT_SURROUND;
  return LOUDNESS_WEIGHT_FRONT;
}

void
loudness_meter_set_channel_weight (loudness_meter * m, unsigned channel,
    double weight)
{
  if (channel < m->channels && weight >= 0.0 && isfinite (weight))
    m->weight[channel] = weight;
}

/* Mean power of the window of the last n sub-blocks. Before n sub-blocks
 * have passed, the time before the first sample counts as silence. */
static double
window_power (const loudness_meter * m, unsigned n)
{
  uint64_t k = m->subblocks, first = k > n ? k - n : 0;
  uint64_t frames = k >= n ? subblock_start (m, k) - subblock_start (m,
      k - n) : subblock_start (m, n);
  size_t slot = (size_t) (first % SHORT_TERM_SUBBLOCKS);
  double energy = 0.0;

  /* oldest first, as the ring holds them; one division, not one a term */
  for (uint64_t j = first; j < k; j++) {
    energy += m->ring[slot];
    if (++slot == SHORT_TERM_SUBBLOCKS)
      slot = 0;
  }
  return energy / (double) frames;
}

static void
update_windows (loudness_meter * m)
{
  uint64_t k = m->subblocks;
  bool gating_step = k % GATING_STEP_SUBBLOCKS == 0;

  m->momentary_power = window_power (m, MOMENTARY_SUBBLOCKS);
  m->short_term_power = window_power (m, SHORT_TERM_SUBBLOCKS);

  if (k >= MOMENTARY_SUBBLOCKS) {
    if (m->momentary_power > m->max_momentary_power)
      m->max_momentary_power = m->momentary_power;
    /* BS.1770-4 eq. 5: absolute gate, strictly above -70 LUFS. */
    if (gating_step &&
        bs1770_loudness (m->momentary_power) > ABSOLUTE_GATE_LUFS)
      loudness_histogram_add (m->gating_blocks, m->momentary_power);
  }
  if (k >= SHORT_TERM_SUBBLOCKS) {
    if (m->short_term_power > m->max_short_term_power)
      m->max_short_term_power = m->short_term_power;
    /* Tech 3342 section 5 keeps short-term values >= -70 LUFS. */
    if (gating_step &&
        bs1770_loudness (m->short_term_power) >= ABSOLUTE_GATE_LUFS)
      loudness_histogram_add (m->short_term_blocks, m->short_term_power);
  }
}

static void
close_subblock (loudness_meter * m)
{
  double energy = 0.0;
  for (unsigned ch = 0; ch < m->channels; ch++) {
    energy += m->weight[ch] * m->subblock_energy[ch];
    m->subblock_energy[ch] = 0.0;
  }
  if (!isfinite (energy)) {
    /* NaN or Inf samples: measure the sub-block as silence; the filter
     * states were already zeroed by kweighting_energy(). */
    energy = 0.0;
    m->invalid_subblocks++;
    reset_filters (m);
  }
  m->ring[m->subblocks % SHORT_TERM_SUBBLOCKS] = energy;
  m->subblocks++;
  m->frames_to_boundary = subblock_start (m, m->subblocks + 1) -
      subblock_start (m, m->subblocks);
  update_windows (m);
}

static void
raise_peak (float *peak, float candidate)
{
  if (candidate > *peak && isfinite (candidate))
    *peak = candidate;
}

/* The peaks of one channel of one chunk, in x. */
static void
measure_peaks (loudness_meter * m, unsigned ch, const float *x, size_t n)
{
  float x_peak = sample_peak_max_abs (x, n);
  raise_peak (&m->sample_peak[ch], x_peak);
  /* only points above the peak so far can change the result */
  raise_peak (&m->interpolated_peak[ch],
      true_peak_meter_process_above (m->true_peak, ch, x, n, x_peak,
          m->interpolated_peak[ch]));
}

/* Channels ch and ch + 1 (if there is one) of one chunk, in m->scratch and
 * m->scratch + CHUNK_FRAMES. Weighted pairs are K-weighted together. */
static void
measure_channel_pair (loudness_meter * m, unsigned ch, size_t n)
{
  const float *xa = m->scratch, *xb = m->scratch + CHUNK_FRAMES;
  bool pair = ch + 1 < m->channels;

  if (pair && m->weight[ch] > 0.0 && m->weight[ch + 1] > 0.0) {
    double energy[2];
    kweighting_energy_pair (&m->kweighting, &m->filter[ch],
        &m->filter[ch + 1], xa, xb, n, energy);
    m->subblock_energy[ch] += energy[0];
    m->subblock_energy[ch + 1] += energy[1];
  } else {
    for (unsigned c = ch; c < ch + (pair ? 2 : 1); c++)
      if (m->weight[c] > 0.0)
        m->subblock_energy[c] += kweighting_energy (&m->kweighting,
            &m->filter[c], c == ch ? xa : xb, n);
  }
  measure_peaks (m, ch, xa, n);
  if (pair)
    measure_peaks (m, ch + 1, xb, n);
}

/* Chunks the input at sub-block boundaries and CHUNK_FRAMES, so a single
 * sample format switch sits outside all sample loops. */
enum sample_format
{ FORMAT_F32, FORMAT_F64, FORMAT_SILENCE };

static void
deinterleave (float *dst, const void *src, enum sample_format format,
    unsigned ch, unsigned channels, size_t n)
{
  switch (format) {
    case FORMAT_F32:{
      const float *s = (const float *) src + ch;
      for (size_t i = 0; i < n; i++)
        dst[i] = s[i * channels];
      break;
    }
    case FORMAT_F64:{
      const double *s = (const double *) src + ch;
      for (size_t i = 0; i < n; i++)
        dst[i] = (float) s[i * channels];
      break;
    }
    case FORMAT_SILENCE:
      memset (dst, 0, n * sizeof (*dst));
      break;
  }
}

/* The common case in one pass: a constant stride the compiler vectorises
 * with shuffles. */
static void
split_stereo (float *left, float *right, const void *src, size_t n)
{
  const float *s = src;
  for (size_t i = 0; i < n; i++) {
    left[i] = s[2 * i];
    right[i] = s[2 * i + 1];
  }
}

static void
add_frames (loudness_meter * m, const void *src, enum sample_format format,
    size_t frames)
{
  size_t sample_bytes = format == FORMAT_F64 ? sizeof (double) : sizeof (float);

  while (frames > 0) {
    size_t n = frames < m->frames_to_boundary ? frames : m->frames_to_boundary;
    if (n > CHUNK_FRAMES)
      n = CHUNK_FRAMES;
    for (unsigned ch = 0; ch < m->channels; ch += 2) {
      if (format == FORMAT_F32 && m->channels == 2)
        split_stereo (m->scratch, m->scratch + CHUNK_FRAMES, src, n);
      else {
        deinterleave (m->scratch, src, format, ch, m->channels, n);
        if (ch + 1 < m->channels)
          deinterleave (m->scratch + CHUNK_FRAMES, src, format, ch + 1,
              m->channels, n);
      }
      measure_channel_pair (m, ch, n);
    }
    if (format != FORMAT_SILENCE)
      src = (const char *) src + n * m->channels * sample_bytes;
    frames -= n;
    m->frames += n;
    m->frames_to_boundary -= n;
    if (m->frames_to_boundary == 0)
      close_subblock (m);
  }
}

void
loudness_meter_add_f32 (loudness_meter * m, const float *interleaved,
    size_t frames)
{
  add_frames (m, interleaved, FORMAT_F32, frames);
}

void
loudness_meter_add_f64 (loudness_meter * m, const double *interleaved,
    size_t frames)
{
  add_frames (m, interleaved, FORMAT_F64, frames);
}

void
loudness_meter_add_silence (loudness_meter * m, size_t frames)
{
  add_frames (m, NULL, FORMAT_SILENCE, frames);
}

double
loudness_meter_momentary (const loudness_meter * m)
{
  return bs1770_loudness (m->momentary_power);
}

double
loudness_meter_short_term (const loudness_meter * m)
{
  return bs1770_loudness (m->short_term_power);
}

double
loudness_meter_max_momentary (const loudness_meter * m)
{
  return bs1770_loudness (m->max_momentary_power);
}

double
loudness_meter_max_short_term (const loudness_meter * m)
{
  return bs1770_loudness (m->max_short_term_power);
}

double
loudness_meter_integrated (const loudness_meter * m)
{
  return bs1770_loudness (loudness_histogram_gated_power (m->gating_blocks,
          INTEGRATED_RELATIVE_GATE_LU));
}

double
loudness_meter_relative_threshold (const loudness_meter * m)
{
  return loudness_histogram_relative_gate (m->gating_blocks,
      INTEGRATED_RELATIVE_GATE_LU);
}

double
loudness_meter_loudness_range (const loudness_meter * m)
{
  double low = loudness_histogram_gated_percentile (m->short_term_blocks,
      RANGE_RELATIVE_GATE_LU, RANGE_LOW_PERCENTILE);
  double high = loudness_histogram_gated_percentile (m->short_term_blocks,
      RANGE_RELATIVE_GATE_LU, RANGE_HIGH_PERCENTILE);
  return isfinite (low) && isfinite (high) ? high - low : 0.0;
}

double
loudness_meter_sample_peak_db (const loudness_meter * m, unsigned channel)
{
  if (channel >= m->channels)
    return -INFINITY;
  return amplitude_to_db (m->sample_peak[channel]);
}

double
loudness_meter_true_peak_db (const loudness_meter * m, unsigned channel)
{
  if (channel >= m->channels)
    return -INFINITY;
  float peak = m->sample_peak[channel] > m->interpolated_peak[channel] ?
      m->sample_peak[channel] : m->interpolated_peak[channel];
  return amplitude_to_db (peak);
}

uint64_t
loudness_meter_frames (const loudness_meter * m)
{
  return m->frames;
}

uint64_t
loudness_meter_invalid_subblocks (const loudness_meter * m)
{
  return m->invalid_subblocks;
}

unsigned
loudness_meter_channels (const loudness_meter * m)
{
  return m->channels;
}
