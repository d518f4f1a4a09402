/* mixmaster tools: a programme's loudness over time.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The DSP core's meter and true-peak detector (dsp/loudness_meter,
 * dsp/true_peak) read the programme; every 100 ms (Tech 3341's refresh
 * rate of at least 10 Hz) a point takes their readings.
 */
#include "loudness-curve.h"

#include <math.h>
#include <stdlib.h>

#include "decibel.h"
#include "loudness_meter.h"
#include "true_peak.h"

#define SLICES_PER_SECOND 10
#define CHUNK_FRAMES 1024

struct loudness_curve
{
  loudness_meter *meter;
  true_peak_meter *peaks;
  unsigned channels, rate;
  size_t slice_frames, frames_in_slice, frames_total;
  float slice_peak;             /* linear, this slice so far */
  float *channel;               /* one channel of a chunk */
  loudness_point *points;
  size_t n_points, capacity;
};

loudness_curve *
loudness_curve_new (unsigned channels, unsigned rate, double expected_seconds)
{
  loudness_curve *c = calloc (1, sizeof (*c));

  if (!c)
    return NULL;
  /* one point per slice, and the partial last one */
  c->capacity = (size_t) (fmax (expected_seconds, 0.0) * SLICES_PER_SECOND)
      + 2;
  c->points = malloc (c->capacity * sizeof (*c->points));
  c->channels = channels;
  c->rate = rate;
  c->slice_frames = rate / SLICES_PER_SECOND;
  c->meter = loudness_meter_new (channels, rate);
  c->peaks = true_peak_meter_new (channels, rate, CHUNK_FRAMES);
  c->channel = malloc (CHUNK_FRAMES * sizeof (float));
  if (!c->meter || !c->peaks || !c->channel || !c->points ||
      c->slice_frames == 0) {
    loudness_curve_free (c);
    return NULL;
  }
  return c;
}

void
loudness_curve_free (loudness_curve * c)
{
  if (!c)
    return;
  loudness_meter_free (c->meter);
  true_peak_meter_free (c->peaks);
  free (c->channel);
  free (c->points);
  free (c);
}

static void
add_point (loudness_curve * c)
{
  loudness_point *p;

  if (c->n_points == c->capacity) {
    size_t capacity = 2 * c->capacity;
    loudness_point *grown = realloc (c->points, capacity * sizeof (*grown));
    if (!grown)
      return;                   /* the plot loses a point, nothing worse */
    c->points = grown;
    c->capacity = capacity;
  }
  p = &c->points[c->n_points++];
  p->seconds = (double) c->frames_total / c->rate;
  p->momentary_lufs = loudness_meter_momentary (c->meter);
  p->short_term_lufs = loudness_meter_short_term (c->meter);
  p->true_peak_dbtp = c->slice_peak > 0.0f ?
      amplitude_to_db (c->slice_peak) : -INFINITY;
  c->slice_peak = 0.0f;
  c->frames_in_slice = 0;
}

/* The true peak of n <= CHUNK_FRAMES frames: the samples and the
 * interpolated points between them. */
static float
chunk_peak (loudness_curve * c, const float *x, size_t n)
{
  float peak = 0.0f;

  for (unsigned ch = 0; ch < c->channels; ch++) {
    for (size_t i = 0; i < n; i++) {
      c->channel[i] = x[i * c->channels + ch];
      if (isfinite (c->channel[i]))
        peak = fmaxf (peak, fabsf (c->channel[i]));
    }
    peak = fmaxf (peak, true_peak_meter_process (c->peaks, ch, c->channel, n));
  }
  return isfinite (peak) ? peak : 0.0f;
}

void
loudness_curve_add_f32 (loudness_curve * c, const float *x, size_t frames)
{
  while (frames > 0) {
    size_t n = c->slice_frames - c->frames_in_slice;
    if (n > frames)
      n = frames;
    if (n > CHUNK_FRAMES)
      n = CHUNK_FRAMES;
    loudness_meter_add_f32 (c->meter, x, n);
    c->slice_peak = fmaxf (c->slice_peak, chunk_peak (c, x, n));
    c->frames_in_slice += n;
    c->frames_total += n;
    if (c->frames_in_slice == c->slice_frames)
      add_point (c);
    x += n * c->channels;
    frames -= n;
  }
}

void
loudness_curve_finish (loudness_curve * c)
{
  if (c->frames_in_slice > 0)
    add_point (c);
}

const loudness_point *
loudness_curve_points (const loudness_curve * c, size_t *n_points)
{
  *n_points = c->n_points;
  return c->points;
}

double
loudness_curve_integrated (const loudness_curve * c)
{
  return loudness_meter_integrated (c->meter);
}
