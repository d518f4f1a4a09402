/* mixmaster DSP core: the mastering chain for a stereo mixdown.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "master.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "decibel.h"
#include "non_finite.h"
#include "normalizer.h"
#include "saturation.h"
#include "smoothed_filter.h"
#include "smoother.h"
#include "sample_io.h"

/* frames between filter redesigns while a parameter moves, and at a time
 * when none does */
#define BLOCK 32
#define SETTLED_BLOCK 256
#define RAMP_MS 20.0
#define MAX_CH 2
#define TILT_PIVOT_HZ 1000.0
#define LOW_CUT_SECTIONS 2      /* 24 dB/oct */

enum
{ FILTER_CUT, FILTER_EQ_LOW, FILTER_EQ_MID, FILTER_EQ_HIGH, FILTER_EQ_TILT,
  FILTERS
};

struct master
{
  unsigned channels;
  double rate;
  master_params params;

  smoother input_gain;
  smoothed_filter filter[FILTERS];
  biquad_history filters_input[MAX_CH];
  multiband *bands;
  stereo_image *image;          /* NULL for mono */
  saturation *saturation;
  reverb *ambience;
  normalizer *stage;
  loudness_meter *meter[3];     /* master_point */

  double work[SETTLED_BLOCK * MAX_CH];
  double limiter_max;
  correlation_sums correlation;
};

master_params
master_params_default (void)
{
  master_params p = {
    .input_gain_db = 0.0,
    .low_cut_hz = 0.0,
    .eq_low_hz = 100.0,
    .eq_mid_hz = 1000.0,
    .eq_mid_q = 0.7,
    .eq_high_hz = 10000.0,
    .crossover_low_hz = 200.0,
    .crossover_high_hz = 3000.0,
    .width = 1.0,
    /* a small room: shorter, later, darker and smaller than the strip's */
    .ambience = {.mix = 0.0,.decay_s = 1.2,.predelay_ms = 15.0,
        .damping = 0.4,.size = 0.6},
    .ceiling_dbtp = -1.0,
    .release_ms = 100.0,
  };
  /* the bands off, slower than a track's compressor (a mix's glue) */
  for (int b = 0; b < MULTIBAND_BANDS; b++) {
    p.band[b] = compressor_params_default ();
    p.band[b].attack_ms = 20.0;
    p.band[b].release_ms = 200.0;
  }
  return p;
}

master *
master_new (unsigned channels, unsigned rate_hz, double lookahead_ms,
    double gain_lookahead_s)
{
  master *m;
  bool ok;

  if (channels < 1 || channels > MAX_CH || rate_hz < 8000 || rate_hz > 384000)
    return NULL;
  m = calloc (1, sizeof (*m));
  if (!m)
    return NULL;
  m->channels = channels;
  m->rate = rate_hz;
  m->bands = multiband_new (channels, rate_hz);
  m->image = channels == 2 ? stereo_image_new (rate_hz) : NULL;
  m->saturation = saturation_new (channels, rate_hz);
  m->ambience = reverb_new (channels, rate_hz);
  m->stage = normalizer_new (channels, rate_hz, lookahead_ms, gain_lookahead_s);
  ok = m->bands && (channels == 1 || m->image) && m->saturation &&
      m->ambience && m->stage;
  for (int i = 0; i < 3; i++) {
    m->meter[i] = loudness_meter_new (channels, rate_hz);
    ok = ok && m->meter[i];
  }
  if (!ok) {
    master_free (m);
    return NULL;
  }
  m->params = master_params_default ();
  master_reset (m);
  return m;
}

void
master_free (master * m)
{
  if (!m)
    return;
  multiband_free (m->bands);
  stereo_image_free (m->image);
  saturation_free (m->saturation);
  reverb_free (m->ambience);
  normalizer_free (m->stage);
  for (int i = 0; i < 3; i++)
    loudness_meter_free (m->meter[i]);
  free (m);
}

/* The filters' kinds and targets for p. */
static void
filter_targets (smoothed_filter * f, const master_params * p, bool init,
    double rate)
{
  const struct
  {
    filter_kind kind;
    double freq, gain, q;
  } t[FILTERS] = {
    {FILTER_HIGHPASS, p->low_cut_hz, 0.0, 0.0},
    {FILTER_LOW_SHELF, p->eq_low_hz, p->eq_low_db, 0.0},
    {FILTER_PEAKING, p->eq_mid_hz, p->eq_mid_db, p->eq_mid_q},
    {FILTER_HIGH_SHELF, p->eq_high_hz, p->eq_high_db, 0.0},
    {FILTER_TILT, TILT_PIVOT_HZ, p->eq_tilt_db_per_oct, 0.0},
  };
  for (int i = 0; i < FILTERS; i++) {
    if (init)
      smoothed_filter_init (&f[i], t[i].kind, t[i].freq, t[i].gain, t[i].q,
          rate);
    else
      smoothed_filter_set_targets (&f[i], t[i].freq, t[i].gain, t[i].q);
  }
  smoothed_filter_set_order (&f[FILTER_CUT], LOW_CUT_SECTIONS);
}

/* Hands p to the stages that take it at once (the rest is smoothed). */
static void
apply_params (master * m, const master_params * p)
{
  multiband_set_crossovers (m->bands, p->crossover_low_hz,
      p->crossover_high_hz);
  for (unsigned b = 0; b < MULTIBAND_BANDS; b++)
    multiband_set_band (m->bands, b, &p->band[b]);
  if (m->image)
    stereo_image_set_targets (m->image, p->width, p->bass_mono_hz);
  saturation_set_amount (m->saturation, p->saturation);
  normalizer_set_ceiling_db (m->stage, p->ceiling_dbtp);
  normalizer_set_release_ms (m->stage, p->release_ms);
}

void
master_reset (master * m)
{
  const master_params *p = &m->params;

  smoother_init (&m->input_gain, db_to_amplitude (p->input_gain_db),
      RAMP_MS, m->rate);
  filter_targets (m->filter, p, true, m->rate);
  memset (m->filters_input, 0, sizeof (m->filters_input));
  apply_params (m, p);
  multiband_reset (m->bands);
  if (m->image)
    stereo_image_reset (m->image);
  saturation_reset (m->saturation);
  reverb_set_params (m->ambience, &p->ambience);
  reverb_reset (m->ambience);
  normalizer_reset (m->stage);
  for (int i = 0; i < 3; i++)
    loudness_meter_reset (m->meter[i]);
  m->limiter_max = 0.0;
  memset (&m->correlation, 0, sizeof (m->correlation));
}

void
master_set_params (master * m, const master_params * p)
{
  if (memcmp (&p->ambience, &m->params.ambience, sizeof (p->ambience)) != 0)
    reverb_set_params (m->ambience, &p->ambience);
  m->params = *p;
  smoother_set_target (&m->input_gain, db_to_amplitude (p->input_gain_db));
  filter_targets (m->filter, p, false, m->rate);
  apply_params (m, p);
}

void
master_set_drive_db (master * m, double gain_db)
{
  normalizer_set_gain_db (m->stage, gain_db);
}

void
master_set_leveling (master * m, const loudness_leveler_params * p)
{
  normalizer_set_leveling (m->stage, p);
}

size_t
master_latency (const master * m)
{
  return SATURATION_LATENCY + normalizer_latency (m->stage);
}

static bool
is_settled (const master * m)
{
  bool settled = smoother_is_settled (&m->input_gain);
  for (int i = 0; i < FILTERS; i++)
    settled = settled && smoothed_filter_is_settled (&m->filter[i]);
  return settled;
}

/* One block of n frames in m->work, through the whole chain; a drain's
 * silence is not metered as input. */
static void
process_block (master * m, size_t n, bool draining)
{
  const unsigned channels = m->channels;
  double *x = m->work, g0 = m->input_gain.value;
  smoothed_filter *filters[FILTERS];

  if (any_non_finite (x, n * channels))
    silence_non_finite (x, n * channels);
  if (!draining)
    loudness_meter_add_f64 (m->meter[MASTER_INPUT], x, n);
  smoother_apply_ramp (x, channels, n, g0, smoother_advance (&m->input_gain,
          n));
  for (int i = 0; i < FILTERS; i++) {
    smoothed_filter_advance (&m->filter[i], n);
    filters[i] = &m->filter[i];
  }
  smoothed_filters_run (filters, FILTERS, m->filters_input, x, channels, n);
  multiband_process (m->bands, x, n);
  if (m->image)
    stereo_image_process (m->image, x, n);
  saturation_process (m->saturation, x, n);
  reverb_process_f64 (m->ambience, x, n);
  normalizer_process_f64 (m->stage, draining ? NULL : m->meter[MASTER_STAGE],
      x, n);
  m->limiter_max = fmax (m->limiter_max,
      normalizer_limiter_reduction_db (m->stage));
  loudness_meter_add_f64 (m->meter[MASTER_OUTPUT], x, n);
  if (channels == 2)
    correlation_add (&m->correlation, x, n);
}


/* Blocks of the buffer through the chain, each converted to double once
 * on the way in and once on the way out. */
static void
process (master * m, void *interleaved, size_t frames, size_t sample_bytes,
    sample_load load, sample_store store, bool draining)
{
  char *data = interleaved;

  for (size_t done = 0, n; done < frames; done += n) {
    size_t most = is_settled (m) ? SETTLED_BLOCK : BLOCK;
    char *at = data + done * m->channels * sample_bytes;
    n = frames - done < most ? frames - done : most;
    load (m->work, at, n * m->channels);
    process_block (m, n, draining);
    store (m->work, at, n * m->channels);
  }
}

void
master_process_f32 (master * m, float *interleaved, size_t frames)
{
  process (m, interleaved, frames, sizeof (float), sample_load_f32,
      sample_store_f32, false);
}

void
master_process_f64 (master * m, double *interleaved, size_t frames)
{
  process (m, interleaved, frames, sizeof (double), sample_load_f64,
      sample_store_f64, false);
}

void
master_drain_f32 (master * m, float *interleaved, size_t frames)
{
  process (m, interleaved, frames, sizeof (float), sample_load_f32,
      sample_store_f32, true);
}

void
master_drain_f64 (master * m, double *interleaved, size_t frames)
{
  process (m, interleaved, frames, sizeof (double), sample_load_f64,
      sample_store_f64, true);
}

const loudness_meter *
master_meter (const master * m, master_point point)
{
  return m->meter[point];
}

master_meters
master_take_meters (master * m)
{
  master_meters t;

  for (unsigned b = 0; b < MULTIBAND_BANDS; b++)
    t.band_reduction_db[b] = multiband_take_max_reduction_db (m->bands, b);
  t.limiter_reduction_db = m->limiter_max;
  t.drive_db = normalizer_gain_db (m->stage);
  t.leveler = normalizer_leveler_state (m->stage);
  t.correlation = m->channels == 2 ? correlation_of (&m->correlation) : 1.0;
  m->limiter_max = normalizer_limiter_reduction_db (m->stage);
  memset (&m->correlation, 0, sizeof (m->correlation));
  return t;
}
