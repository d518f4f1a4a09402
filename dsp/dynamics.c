/* mixmaster DSP core: dynamics, a feed-forward compressor and a gate /
 * downward expander, channels linked.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "dynamics.h"

#include "range.h"

#include <math.h>
#include <stdlib.h>

#include "decibel.h"
#include "eq_design.h"
#include "simd.h"

/* levels under this are silence to the gain computers (and log10 of 0
 * never reaches them) */
#define FLOOR_DB (-200.0)
/* the RMS detector's averaging time */
#define RMS_MS 10.0
/* frames the detector takes at a time */
#define GAIN_STEP 8
/* gate thresholds at or under this switch the gate off */
#define GATE_OFF_DB (-100.0)

struct dynamics
{
  bool is_gate;
  unsigned channels;
  double rate;
  compressor_params compressor;
  gate_params gate;

  double attack_coeff, release_coeff, rms_coeff;
  /* their powers 0 .. GAIN_STEP: the ballistics over that many frames */
  double attack_pow[GAIN_STEP + 1], release_pow[GAIN_STEP + 1];
  size_t hold_frames;
  double makeup;                /* linear */
  /* peaks at or under this (compressor) / at or over it (gate) want no
   * reduction: with none going on, the frame needs no logarithm */
  double quiet_peak;
  bool sidechain;
  biquad_coeffs sidechain_filter;

  /* state */
  biquad_state sidechain_state[DYNAMICS_MAX_CHANNELS];
  double mean_square;
  double reduction_db;          /* y_L */
  double max_reduction_db;
  size_t hold_left;
  double factor;                /* the gain applied at the last frame */
};

double
dynamics_compressor_curve_db (double x_db, double threshold_db, double ratio,
    double knee_db)
{
  double over = x_db - threshold_db, slope = 1.0 / ratio - 1.0;

  if (2.0 * over < -knee_db)
    return x_db;
  if (2.0 * fabs (over) <= knee_db && knee_db > 0.0) {
    double d = over + knee_db / 2.0;
    return x_db + slope * d * d / (2.0 * knee_db);
  }
  return threshold_db + over / ratio;
}

double
dynamics_gate_gain_db (double x_db, double threshold_db, double ratio,
    double range_db)
{
  double gain;

  if (x_db >= threshold_db)
    return 0.0;
  gain = ratio <= 1.0 ? -range_db : (x_db - threshold_db) * (ratio - 1.0);
  return gain < -range_db ? -range_db : gain;
}

static void set_ballistics (dynamics * d, double attack_ms, double release_ms);

/* alpha = exp(-1 / (tau fs)), GMR 2012 section 3 */
static double
time_coeff (double ms, double rate)
{
  return ms > 0.0 ? exp (-1000.0 / (ms * rate)) : 0.0;
}

compressor_params
compressor_params_default (void)
{
  compressor_params p = {
    .threshold_db = -20.0,
    .ratio = 1.0,
    .knee_db = 6.0,
    .attack_ms = 10.0,
    .release_ms = 100.0,
    .makeup_db = 0.0,
    .mix = 1.0,
    .sidechain_highpass_hz = 0.0,
    .detector = DYNAMICS_DETECT_PEAK,
  };
  return p;
}

gate_params
gate_params_default (void)
{
  gate_params p = {
    .threshold_db = GATE_OFF_DB,
    .range_db = 80.0,
    .ratio = 1.0,
    .attack_ms = 1.0,
    .hold_ms = 50.0,
    .release_ms = 100.0,
  };
  return p;
}

static dynamics *
dynamics_new (unsigned channels, unsigned rate_hz, bool is_gate)
{
  dynamics *d;

  if (channels == 0 || channels > DYNAMICS_MAX_CHANNELS || rate_hz < 1000.0)
    return NULL;
  d = calloc (1, sizeof (*d));
  if (!d)
    return NULL;
  d->is_gate = is_gate;
  d->channels = channels;
  d->rate = rate_hz;
  d->rms_coeff = time_coeff (RMS_MS, rate_hz);
  if (is_gate) {
    gate_params off = gate_params_default ();
    dynamics_set_gate (d, &off);
  } else {
    compressor_params off = compressor_params_default ();
    dynamics_set_compressor (d, &off);
  }
  dynamics_reset (d);
  return d;
}

dynamics *
dynamics_new_compressor (unsigned channels, unsigned rate_hz)
{
  return dynamics_new (channels, rate_hz, false);
}

dynamics *
dynamics_new_gate (unsigned channels, unsigned rate_hz)
{
  return dynamics_new (channels, rate_hz, true);
}

void
dynamics_free (dynamics * d)
{
  free (d);
}

/* The factor for a frame's samples at a gain reduction: gain, makeup and
 * (compressor) the parallel mix. At 0 dB of reduction it is exactly the
 * makeup, and with mix = 1 exactly the gain (fast_db_to_amplitude (0) is
 * 1). */
static double
factor_at (const dynamics * d, double reduction_db)
{
  double c = d->makeup * fast_db_to_amplitude (-reduction_db);
  double mix = d->is_gate ? 1.0 : d->compressor.mix;
  return (1.0 - mix) + mix * c;
}

void
dynamics_reset (dynamics * d)
{
  for (unsigned ch = 0; ch < d->channels; ch++)
    biquad_reset (&d->sidechain_state[ch]);
  d->mean_square = 0.0;
  d->reduction_db = 0.0;
  d->max_reduction_db = 0.0;
  d->hold_left = 0;
  d->factor = factor_at (d, 0.0);
}

static void
set_ballistics (dynamics * d, double attack_ms, double release_ms)
{
  d->attack_coeff = time_coeff (attack_ms, d->rate);
  d->release_coeff = time_coeff (release_ms, d->rate);
  d->attack_pow[0] = d->release_pow[0] = 1.0;
  for (int m = 1; m <= GAIN_STEP; m++) {
    d->attack_pow[m] = d->attack_pow[m - 1] * d->attack_coeff;
    d->release_pow[m] = d->release_pow[m - 1] * d->release_coeff;
  }
}

/* A compressor's parameters held to what the gain computer can use
 * (range.h). */
static compressor_params
held_compressor (const compressor_params * in)
{
  compressor_params d = compressor_params_default (), p = *in;

  p.threshold_db = range_held (p.threshold_db, -200.0, 20.0, d.threshold_db);
  p.ratio = range_held (p.ratio, 1.0, 1000.0, d.ratio);
  p.knee_db = range_held (p.knee_db, 0.0, 48.0, d.knee_db);
  p.attack_ms = range_held (p.attack_ms, 0.01, 5000.0, d.attack_ms);
  p.release_ms = range_held (p.release_ms, 1.0, 10000.0, d.release_ms);
  p.makeup_db = range_held (p.makeup_db, -60.0, 60.0, d.makeup_db);
  p.mix = range_held (p.mix, 0.0, 1.0, d.mix);
  p.sidechain_highpass_hz = range_held (p.sidechain_highpass_hz, 0.0,
      1e6, d.sidechain_highpass_hz);
  return p;
}

/* A gate's, likewise. */
static gate_params
held_gate (const gate_params * in)
{
  gate_params d = gate_params_default (), p = *in;

  p.threshold_db = range_held (p.threshold_db, -200.0, 0.0, d.threshold_db);
  p.range_db = range_held (p.range_db, 0.0, 200.0, d.range_db);
  p.ratio = range_held (p.ratio, 1.0, 100.0, d.ratio);
  p.attack_ms = range_held (p.attack_ms, 0.01, 5000.0, d.attack_ms);
  p.hold_ms = range_held (p.hold_ms, 0.0, 60000.0, d.hold_ms);
  p.release_ms = range_held (p.release_ms, 1.0, 60000.0, d.release_ms);
  return p;
}

void
dynamics_set_compressor (dynamics * d, const compressor_params * params)
{
  compressor_params held = held_compressor (params);
  const compressor_params *p = &held;

  d->compressor = held;
  set_ballistics (d, p->attack_ms, p->release_ms);
  d->makeup = db_to_amplitude (p->makeup_db);
  /* under the knee, x_L = 0 */
  d->quiet_peak = db_to_amplitude (p->threshold_db - p->knee_db / 2.0) * 0.999;
  d->sidechain = p->sidechain_highpass_hz > 0.0 &&
      p->sidechain_highpass_hz < 0.45 * d->rate;
  if (d->sidechain)
    eq_design_highpass (&d->sidechain_filter, p->sidechain_highpass_hz,
        EQ_BUTTERWORTH_Q, d->rate);
}

void
dynamics_set_gate (dynamics * d, const gate_params * params)
{
  gate_params held = held_gate (params);
  const gate_params *p = &held;

  d->gate = held;
  set_ballistics (d, p->attack_ms, p->release_ms);
  d->hold_frames = (size_t) llround (p->hold_ms * d->rate / 1000.0);
  d->quiet_peak = db_to_amplitude (p->threshold_db) * 1.001;
  d->makeup = 1.0;
  d->sidechain = false;
}

/* True when the processor leaves every sample as it is. */
static bool
is_bypassed (const dynamics * d)
{
  if (d->is_gate)
    return d->gate.threshold_db <= GATE_OFF_DB && d->reduction_db == 0.0;
  return d->compressor.mix == 0.0 ||
      (d->compressor.ratio <= 1.0 && d->reduction_db == 0.0 &&
      d->compressor.makeup_db == 0.0);
}

/* The detector's level over the m frames (as doubles) of a group: the
 * largest |x| of them all (peak), or the mean square after them (RMS);
 * linear, 0 for non-finite input. */
static double
group_level (dynamics * d, const double *frames, size_t m)
{
  const bool rms = !d->is_gate && d->compressor.detector == DYNAMICS_DETECT_RMS;
  double peak = 0.0, check = 0.0;

  if (!rms && !d->sidechain && d->channels == 2 && m == GAIN_STEP) {
    /* the common case: both channels in one SIMD register, two running
     * maxima (even and odd frames), a loop of constant length */
    double2 even = { 0.0, 0.0 }, odd = { 0.0, 0.0 };
    for (size_t j = 0; j < GAIN_STEP; j += 2) {
      even = double2_max (double2_abs (double2_load (&frames[2 * j])), even);
      odd = double2_max (double2_abs (double2_load (&frames[2 * j + 2])), odd);
    }
    even = double2_max (even, odd);
    peak = check = even[0] > even[1] ? even[0] : even[1];
    m = 0;
  } else if (!rms && !d->sidechain) {
    /* four independent maxima, so no comparison waits for the one before;
     * NaN never wins a '>', and an infinite peak is measured as silence
     * below */
    double lane[4] = { 0.0, 0.0, 0.0, 0.0 };
    size_t k = 0, count = m * d->channels;
    for (; k + 4 <= count; k += 4)
      for (int l = 0; l < 4; l++) {
        double a = fabs (frames[k + l]);
        lane[l] = a > lane[l] ? a : lane[l];
      }
    for (; k < count; k++) {
      double a = fabs (frames[k]);
      lane[0] = a > lane[0] ? a : lane[0];
    }
    for (int l = 0; l < 4; l++)
      peak = lane[l] > peak ? lane[l] : peak;
    m = 0;
    check = peak;
  }
  for (size_t j = 0; j < m; j++) {
    double sum = 0.0;
    for (unsigned ch = 0; ch < d->channels; ch++) {
      double v = frames[j * d->channels + ch];
      if (d->sidechain)
        v = biquad_tick (&d->sidechain_filter, &d->sidechain_state[ch], v);
      peak = fabs (v) > peak ? fabs (v) : peak;
      sum += v * v;
    }
    check += sum;
    if (rms)
      d->mean_square = d->rms_coeff * d->mean_square +
          (1.0 - d->rms_coeff) * sum / d->channels;
  }
  if (!isfinite (check)) {
    for (unsigned ch = 0; ch < d->channels; ch++)
      biquad_reset (&d->sidechain_state[ch]);
    d->mean_square = 0.0;
    return 0.0;
  }
  return rms ? d->mean_square : peak;
}

/* x_L: the gain reduction the static curve wants, dB >= 0. */
static double
wanted_reduction_db (const dynamics * d, double x_db)
{
  if (d->is_gate)
    return -dynamics_gate_gain_db (x_db, d->gate.threshold_db,
        d->gate.ratio, d->gate.range_db);
  if (d->compressor.ratio <= 1.0)
    return 0.0;
  return x_db - dynamics_compressor_curve_db (x_db,
      d->compressor.threshold_db, d->compressor.ratio, d->compressor.knee_db);
}

/* The reduction wanted for a group at detector level `level` (linear).
 * A peak on the quiet side of quiet_peak wants none, which needs no
 * logarithm. */
static double
group_wanted_db (const dynamics * d, double level)
{
  const bool rms = !d->is_gate && d->compressor.detector == DYNAMICS_DETECT_RMS;
  double level_db;

  if (rms)
    level_db = level > 1e-20 ? 0.5 * fast_amplitude_to_db (level) : FLOOR_DB;
  else if (d->is_gate ? level >= d->quiet_peak : level <= d->quiet_peak)
    return 0.0;
  else
    level_db = level > 1e-10 ? fast_amplitude_to_db (level) : FLOOR_DB;
  return wanted_reduction_db (d, level_db);
}

/* GMR 2012 eq. (17), smooth branching, for m frames of the same wanted
 * reduction: y_m = x + (y_0 - x) alpha^m, as m single steps would give.
 * For the compressor a rising reduction is the attack; for the gate a
 * falling one (opening) is, and a rising one (closing) waits for the hold
 * first. */
static void
follow (dynamics * d, double wanted, size_t m)
{
  double y = d->reduction_db;
  bool attack = d->is_gate ? wanted < y : wanted > y;

  if (d->is_gate && wanted <= y) {
    d->hold_left = d->hold_frames;
  } else if (d->is_gate) {
    size_t held = d->hold_left < m ? d->hold_left : m;
    d->hold_left -= held;
    m -= held;
    if (m == 0)
      return;
  }
  y = wanted + (y - wanted) * (attack ? d->attack_pow[m] : d->release_pow[m]);
  d->reduction_db = y;
  if (y > d->max_reduction_db)
    d->max_reduction_db = y;
}

/* True when every level is a peak on the quiet side of quiet_peak, where
 * the static curve wants no reduction (group_wanted_db()). */
static bool
all_quiet (const dynamics * d, const double *level, size_t groups)
{
  bool quiet = true;

  if (!d->is_gate && d->compressor.detector == DYNAMICS_DETECT_RMS)
    return false;
  for (size_t g = 0; g < groups; g++)
    quiet &= d->is_gate ? level[g] >= d->quiet_peak : level[g] <= d->quiet_peak;
  return quiet;
}

/* frames per chunk: the groups of one chunk go through each step of the
 * detector together */
#define CHUNK_GROUPS 32
#define CHUNK (CHUNK_GROUPS * GAIN_STEP)

/* The detector takes the level of GAIN_STEP frames at a time (their
 * largest peak: a hold of 8 frames, 0.17 ms at 48 kHz) and steps the
 * ballistics over them exactly; the gain is worked out at the end of each
 * group and ramps linearly across it. The groups of a chunk go through
 * each step in turn (levels, logarithms and the static curve, the
 * ballistics, exponentials), so only the ballistics wait for the group
 * before: the rest of the work of different groups overlaps in the CPU. */
static void
process_chunk (dynamics * d, double *x, size_t n)
{
  const unsigned channels = d->channels;
  const size_t groups = (n + GAIN_STEP - 1) / GAIN_STEP;
  double level[CHUNK_GROUPS], factor[CHUNK_GROUPS];
  double from = d->factor;

  for (size_t g = 0; g < groups; g++) {
    size_t start = g * GAIN_STEP;
    size_t m = n - start < GAIN_STEP ? n - start : GAIN_STEP;
    level[g] = group_level (d, x + start * channels, m);
  }
  if (d->reduction_db == 0.0 && from == 1.0 && all_quiet (d, level, groups)) {
    /* nothing going on, nothing wanted: the samples stay as they are */
    d->hold_left = d->hold_frames;
    return;
  }
  for (size_t g = 0; g < groups; g++)
    level[g] = group_wanted_db (d, level[g]);
  for (size_t g = 0; g < groups; g++) {
    size_t start = g * GAIN_STEP;
    follow (d, level[g], n - start < GAIN_STEP ? n - start : GAIN_STEP);
    factor[g] = d->reduction_db;
  }
  for (size_t g = 0; g < groups; g++)
    factor[g] = factor_at (d, factor[g]);
  for (size_t g = 0; g < groups; g++) {
    size_t start = g * GAIN_STEP;
    size_t m = n - start < GAIN_STEP ? n - start : GAIN_STEP;
    double to = factor[g], step;
    double *f = x + start * channels;
    if (from == 1.0 && to == 1.0)
      continue;
    /* m is a power of two but in the last group, so the product is exact */
    step = (to - from) * (m == GAIN_STEP ? 1.0 / GAIN_STEP : 1.0 / m);
    if (channels == 2)
      for (size_t j = 0; j < m; j++)
        double2_store (&f[2 * j], double2_load (&f[2 * j]) *
            (from + step * (double) (j + 1)));
    else
      for (size_t j = 0; j < m; j++) {
        double gain = from + step * (double) (j + 1);
        for (unsigned ch = 0; ch < channels; ch++)
          f[j * channels + ch] *= gain;
      }
    from = to;
  }
  d->factor = from;
}

void
dynamics_process_f32 (dynamics * d, float *interleaved, size_t frames)
{
  double chunk[CHUNK * DYNAMICS_MAX_CHANNELS];

  if (is_bypassed (d))
    return;
  for (size_t done = 0, n; done < frames; done += n) {
    float *x = interleaved + done * d->channels;
    n = frames - done < CHUNK ? frames - done : CHUNK;
    for (size_t i = 0; i < n * d->channels; i++)
      chunk[i] = x[i];
    process_chunk (d, chunk, n);
    for (size_t i = 0; i < n * d->channels; i++)
      x[i] = (float) chunk[i];
  }
}

void
dynamics_process_f64 (dynamics * d, double *interleaved, size_t frames)
{
  if (is_bypassed (d))
    return;
  for (size_t done = 0, n; done < frames; done += n) {
    n = frames - done < CHUNK ? frames - done : CHUNK;
    process_chunk (d, interleaved + done * d->channels, n);
  }
}

double
dynamics_reduction_db (const dynamics * d)
{
  return d->reduction_db;
}

double
dynamics_take_max_reduction_db (dynamics * d)
{
  double m = d->max_reduction_db;
  d->max_reduction_db = d->reduction_db;
  return m;
}
