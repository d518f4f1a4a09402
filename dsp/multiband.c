/* mixmaster DSP core: a three-band compressor for mastering.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "multiband.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "crossfade.h"
#include "crossover.h"

#define BLOCK 256
#define FADE_MS 20.0
#define MAX_CH CROSSOVER_MAX_CHANNELS

struct multiband
{
  unsigned channels;
  crossover *split;
  dynamics *band[MULTIBAND_BANDS];
  bool working[MULTIBAND_BANDS];        /* the band's settings do something */
  bool engaged;                 /* the crossover runs (or fades in or out) */
  size_t fade_frames, fade_left;
  double low[BLOCK * MAX_CH], mid[BLOCK * MAX_CH], high[BLOCK * MAX_CH];
};

multiband *
multiband_new (unsigned channels, unsigned rate_hz)
{
  multiband *m;

  if (channels < 1 || channels > MAX_CH || rate_hz < 1000.0)
    return NULL;
  m = calloc (1, sizeof (*m));
  if (!m)
    return NULL;
  m->channels = channels;
  m->fade_frames = (size_t) llround (FADE_MS * rate_hz / 1000.0);
  m->split = crossover_new (channels, rate_hz);
  for (int b = 0; b < MULTIBAND_BANDS; b++)
    m->band[b] = dynamics_new_compressor (channels, rate_hz);
  if (!m->split || !m->band[0] || !m->band[1] || !m->band[2]) {
    multiband_free (m);
    return NULL;
  }
  return m;
}

void
multiband_free (multiband * m)
{
  if (!m)
    return;
  crossover_free (m->split);
  for (int b = 0; b < MULTIBAND_BANDS; b++)
    dynamics_free (m->band[b]);
  free (m);
}

static bool
any_working (const multiband * m)
{
  return m->working[0] || m->working[1] || m->working[2];
}

void
multiband_reset (multiband * m)
{
  crossover_reset (m->split);
  for (int b = 0; b < MULTIBAND_BANDS; b++)
    dynamics_reset (m->band[b]);
  m->engaged = any_working (m);
  m->fade_left = 0;
}

void
multiband_set_crossovers (multiband * m, double low_hz, double high_hz)
{
  crossover_set_frequencies (m->split, low_hz, high_hz);
}

void
multiband_set_band (multiband * m, unsigned band, const compressor_params * p)
{
  bool was = any_working (m);

  if (band >= MULTIBAND_BANDS)
    return;
  dynamics_set_compressor (m->band[band], p);
  m->working[band] = p->mix > 0.0 && (p->ratio > 1.0 || p->makeup_db != 0.0);
  if (any_working (m) != was) {
    /* a fade under way turns back from where it is */
    m->fade_left = m->fade_left > 0 ? m->fade_frames - m->fade_left :
        m->fade_frames;
    if (!was && !m->engaged) {
      crossover_reset (m->split);
      for (int b = 0; b < MULTIBAND_BANDS; b++)
        dynamics_reset (m->band[b]);
    }
    m->engaged = true;
  }
}

/* The bands of n frames, compressed and summed, into out. */
static void
split_and_compress (multiband * m, const double *in, double *out, size_t n)
{
  const size_t count = n * m->channels;

  crossover_split (m->split, in, m->low, m->mid, m->high, n);
  dynamics_process_f64 (m->band[MULTIBAND_LOW], m->low, n);
  dynamics_process_f64 (m->band[MULTIBAND_MID], m->mid, n);
  dynamics_process_f64 (m->band[MULTIBAND_HIGH], m->high, n);
  for (size_t i = 0; i < count; i++)
    out[i] = m->low[i] + m->mid[i] + m->high[i];
}

static void
process_block (multiband * m, double *frames, size_t n)
{
  double processed[BLOCK * MAX_CH];

  if (!m->engaged)
    return;
  if (m->fade_left == 0) {
    split_and_compress (m, frames, frames, n);
    return;
  }
  split_and_compress (m, frames, processed, n);
  if (any_working (m)) {
    /* fading in: from the input to the bands */
    m->fade_left = crossfade (frames, processed, m->channels, n,
        m->fade_left, m->fade_frames);
  } else {
    /* fading out: from the bands to the input */
    m->fade_left = crossfade (processed, frames, m->channels, n,
        m->fade_left, m->fade_frames);
    memcpy (frames, processed, n * m->channels * sizeof (double));
    m->engaged = m->fade_left > 0;
  }
}

void
multiband_process (multiband * m, double *frames, size_t n)
{
  for (size_t done = 0; done < n; done += BLOCK)
    process_block (m, frames + done * m->channels,
        n - done < BLOCK ? n - done : BLOCK);
}

double
multiband_take_max_reduction_db (multiband * m, unsigned band)
{
  return band < MULTIBAND_BANDS ?
      dynamics_take_max_reduction_db (m->band[band]) : 0.0;
}
