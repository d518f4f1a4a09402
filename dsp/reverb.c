/* mixmaster DSP core: a feedback delay network reverb.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "reverb.h"

#include "range.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "simd.h"
#include "smoother.h"
#include "sample_io.h"

/* Line lengths at size 1, ms: mutually prime in samples at 48 kHz, so the
 * echoes do not pile up on common multiples. */
static const double line_ms[REVERB_LINES] = {
  29.7, 37.1, 41.1, 43.7, 53.9, 59.3, 67.1, 73.3
};


/* the input goes into the lines with these gains */
static const double input_gain[REVERB_LINES] = {
  -0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5
};

#define DENORMAL_FLOOR 1e-25
#define MIX_RAMP_MS 20.0

struct reverb
{
  unsigned channels;
  double rate;
  reverb_params params;

  float *line[REVERB_LINES];
  size_t capacity[REVERB_LINES];
  size_t length[REVERB_LINES];
  size_t pos[REVERB_LINES];
  double gain[REVERB_LINES];
  double lowpass[REVERB_LINES];
  double damping_coeff;

  float *predelay;
  size_t predelay_capacity, predelay_length, predelay_pos;

  smoother mix;                 /* params.mix, on a ramp */
};

reverb_params
reverb_params_default (void)
{
  reverb_params p = {
    .mix = 0.0,
    .decay_s = 1.5,
    .predelay_ms = 10.0,
    .damping = 0.3,
    .size = 1.0,
  };
  return p;
}

reverb *
reverb_new (unsigned channels, unsigned rate_hz)
{
  const reverb_params defaults = reverb_params_default ();
  reverb *r;
  bool ok = true;

  if (channels < 1 || channels > 2 || rate_hz < 1000.0)
    return NULL;
  r = calloc (1, sizeof (*r));
  if (!r)
    return NULL;
  r->channels = channels;
  r->rate = rate_hz;
  smoother_init (&r->mix, 0.0, MIX_RAMP_MS, rate_hz);
  for (int i = 0; i < REVERB_LINES; i++) {
    r->capacity[i] = (size_t) ceil (line_ms[i] * REVERB_MAX_SIZE * rate_hz /
        1000.0) + 1;
    r->line[i] = calloc (r->capacity[i], sizeof (float));
    ok = ok && r->line[i];
  }
  r->predelay_capacity = (size_t) ceil (REVERB_MAX_PREDELAY_MS * rate_hz /
      1000.0) + 1;
  r->predelay = calloc (r->predelay_capacity, sizeof (float));
  if (!ok || !r->predelay) {
    reverb_free (r);
    return NULL;
  }
  reverb_set_params (r, &defaults);
  return r;
}

void
reverb_free (reverb * r)
{
  if (!r)
    return;
  for (int i = 0; i < REVERB_LINES; i++)
    free (r->line[i]);
  free (r->predelay);
  free (r);
}

void
reverb_reset (reverb * r)
{
  for (int i = 0; i < REVERB_LINES; i++) {
    memset (r->line[i], 0, r->capacity[i] * sizeof (float));
    r->pos[i] = 0;
    r->lowpass[i] = 0.0;
  }
  memset (r->predelay, 0, r->predelay_capacity * sizeof (float));
  r->predelay_pos = 0;
  smoother_snap (&r->mix, r->mix.target);
}

void
reverb_set_params (reverb * r, const reverb_params * p)
{
  reverb_params d = reverb_params_default ();
  double size = range_held (p->size, REVERB_MIN_SIZE, REVERB_MAX_SIZE, d.size);
  /* RT60 held, so that no feedback gain reaches 1 */
  double decay_s = range_held (p->decay_s, 0.05, 60.0, d.decay_s);

  r->params = *p;
  smoother_set_target (&r->mix, range_held (p->mix, 0.0, 1.0, d.mix));
  for (int i = 0; i < REVERB_LINES; i++) {
    size_t length = (size_t) llround (line_ms[i] * size * r->rate / 1000.0);
    r->length[i] = length < 1 ? 1 : length;
    if (r->pos[i] >= r->length[i])
      r->pos[i] = 0;
    /* 60 dB in decay_s: each pass through the line loses 60 d / T dB */
    r->gain[i] = pow (10.0, -3.0 * (double) r->length[i] / (decay_s * r->rate));
  }
  r->damping_coeff = 0.85 * range_held (p->damping, 0.0, 1.0, d.damping);
  r->predelay_length = (size_t) llround (range_held (p->predelay_ms, 0.0,
          REVERB_MAX_PREDELAY_MS, d.predelay_ms) * r->rate / 1000.0);
}

/* Where the predelay is read: predelay_length frames behind the write. */
static size_t
predelay_read_pos (const reverb * r)
{
  return (r->predelay_pos + r->predelay_capacity - r->predelay_length) %
      r->predelay_capacity;
}

/* How many frames from now every delay line, and the predelay's reads and
 * writes, run on without wrapping around (at least 1, at most n). Over
 * such a run the lines are plain arrays. A line's output is the sample
 * written one line length earlier, so nothing written in a run is read in
 * it. */
static size_t
unwrapped_run (const reverb * r, size_t n)
{
  for (int i = 0; i < REVERB_LINES; i++)
    if (r->length[i] - r->pos[i] < n)
      n = r->length[i] - r->pos[i];
  if (r->predelay_length > 0) {
    size_t read = predelay_read_pos (r);
    if (r->predelay_capacity - r->predelay_pos < n)
      n = r->predelay_capacity - r->predelay_pos;
    if (r->predelay_capacity - read < n)
      n = r->predelay_capacity - read;
  }
  return n;
}

/* The 8 lines as 4 SIMD pairs: lines 2p and 2p + 1 in pair p. */
#define PAIRS (REVERB_LINES / 2)

/* In place, the fast Walsh-Hadamard transform of the 8 values (unscaled:
 * the 1 / sqrt(8) that makes it orthogonal is in the line gains). Span 1
 * is within each pair, spans 2 and 4 between pairs. */
static inline void
hadamard8 (double2 v[PAIRS])
{
  double2 t[PAIRS];

  for (int p = 0; p < PAIRS; p++)
    v[p] = (double2) {
    v[p][0] + v[p][1], v[p][0] - v[p][1]};
  t[0] = v[0] + v[1];
  t[1] = v[0] - v[1];
  t[2] = v[2] + v[3];
  t[3] = v[2] - v[3];
  v[0] = t[0] + t[2];
  v[2] = t[0] - t[2];
  v[1] = t[1] + t[3];
  v[3] = t[1] - t[3];
}

/* One run of m frames (unwrapped_run()): the dry mono input in dry[], the
 * wet left and right out. A non-finite input goes in as silence, so it
 * cannot poison the loops. */
static void
run (reverb * r, const double *dry, double *wet_left, double *wet_right,
    size_t m)
{
  float *line[REVERB_LINES];
  double2 lowpass[PAIRS], gain[PAIRS], inject[PAIRS];
  const double2 damping = double2_splat (r->damping_coeff);
  const double2 floor = double2_splat (DENORMAL_FLOOR);
  const float *predelay_out = r->predelay + predelay_read_pos (r);
  float *predelay_in = r->predelay + r->predelay_pos;
  const bool predelayed = r->predelay_length > 0;

  for (int i = 0; i < REVERB_LINES; i++)
    line[i] = r->line[i] + r->pos[i];
  for (int p = 0; p < PAIRS; p++) {
    lowpass[p] = (double2) {
    r->lowpass[2 * p], r->lowpass[2 * p + 1]};
    /* 1 / sqrt(8): the Hadamard transform's scale */
    gain[p] = (double2) {
    r->gain[2 * p], r->gain[2 * p + 1]} *0.35355339059327376220;
    inject[p] = (double2) {
    input_gain[2 * p], input_gain[2 * p + 1]};
  }
  for (size_t j = 0; j < m; j++) {
    double2 out[PAIRS], v[PAIRS], sum_l, sum_r;
    double in = isfinite (dry[j]) ? dry[j] : 0.0, delayed = in;

    if (predelayed) {
      delayed = predelay_out[j];
      predelay_in[j] = (float) in;
    }
    for (int p = 0; p < PAIRS; p++) {
      out[p] = (double2) {
      line[2 * p][j], line[2 * p + 1][j]};
      /* damping: a one-pole low-pass in each loop */
      lowpass[p] = out[p] + damping * (lowpass[p] - out[p]);
      v[p] = lowpass[p] * gain[p];
    }
    /* left takes the lines with signs + - + - + - + -, right with
     * + + - - + + - - */
    sum_l = (out[0] + out[2]) + (out[1] + out[3]);
    sum_r = (out[0] + out[2]) - (out[1] + out[3]);
    wet_left[j] = (sum_l[0] - sum_l[1]) * 0.25;
    wet_right[j] = (sum_r[0] + sum_r[1]) * 0.25;
    hadamard8 (v);
    for (int p = 0; p < PAIRS; p++) {
      double2 next = v[p] + inject[p] * delayed;
      long2 audible = double2_abs (next) >= floor;
      next = (double2) ((long2) next & audible);
      line[2 * p][j] = (float) next[0];
      line[2 * p + 1][j] = (float) next[1];
    }
  }
  for (int i = 0; i < REVERB_LINES; i++) {
    r->lowpass[i] = lowpass[i / 2][i % 2];
    r->pos[i] = (r->pos[i] + m) % r->length[i];
  }
  if (predelayed)
    r->predelay_pos = (r->predelay_pos + m) % r->predelay_capacity;
}

/* frames per run at most (the buffers of one) */
#define RUN 256


/* out = dry + mix (wet - dry), mix ramping from its value at the run's
 * start to its value at its end. */
static void
process (reverb * r, void *interleaved, size_t frames, size_t sample_bytes,
    sample_load load, sample_store store)
{
  const unsigned channels = r->channels;
  double x[2 * RUN], dry[RUN], wl[RUN], wr[RUN];
  char *data = interleaved;

  for (size_t done = 0, m; done < frames; done += m) {
    char *at = data + done * channels * sample_bytes;
    double mix = r->mix.value, step;
    m = unwrapped_run (r, frames - done < RUN ? frames - done : RUN);
    step = (smoother_advance (&r->mix, m) - mix) / (double) m;
    load (x, at, m * channels);
    for (size_t j = 0; j < m; j++)
      dry[j] = channels == 2 ? 0.5 * (x[2 * j] + x[2 * j + 1]) : x[j];
    run (r, dry, wl, wr, m);
    for (size_t j = 0; j < m; j++) {
      mix += step;
      if (channels == 2) {
        x[2 * j] = x[2 * j] + mix * (wl[j] - x[2 * j]);
        x[2 * j + 1] = x[2 * j + 1] + mix * (wr[j] - x[2 * j + 1]);
      } else {
        x[j] = x[j] + mix * (0.5 * (wl[j] + wr[j]) - x[j]);
      }
    }
    store (x, at, m * channels);
  }
}

/* Off: the mix at 0 and staying there. */
static bool
is_off (const reverb * r)
{
  return r->mix.value == 0.0 && smoother_is_settled (&r->mix);
}

void
reverb_process_f32 (reverb * r, float *interleaved, size_t frames)
{
  if (!is_off (r))
    process (r, interleaved, frames, sizeof (float), sample_load_f32,
        sample_store_f32);
}

void
reverb_process_f64 (reverb * r, double *interleaved, size_t frames)
{
  if (!is_off (r))
    process (r, interleaved, frames, sizeof (double), sample_load_f64,
        sample_store_f64);
}
