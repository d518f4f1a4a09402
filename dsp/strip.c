/* mixmaster DSP core: a mixing-console channel strip for one track.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "strip.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decibel.h"
#include "non_finite.h"
#include "pan.h"
#include "simd.h"
#include "smoothed_filter.h"
#include "smoother.h"

/* Frames between coefficient updates while a parameter moves, and the
 * frames taken at a time when none does (fewer redesigns and setups). */
#define BLOCK 32
#define SETTLED_BLOCK 256
#define RAMP_MS 20.0
#define MAX_CH 2

enum
{ BAND_LOW, BAND_LOW_MID, BAND_HIGH_MID, BAND_HIGH, BANDS };

struct strip
{
  unsigned in_ch, out_ch;
  double rate;
  strip_params params;

  smoother trim, fader, mute, pan, width;
  smoothed_filter highpass, lowpass, band[BANDS];
  /* the signal into the high-pass / low-pass cascade and into the EQ */
  biquad_history filters_input[MAX_CH], bands_input[MAX_CH];
  dynamics *gate, *compressor;
  reverb *reverb;

  double work[SETTLED_BLOCK * MAX_CH], out[SETTLED_BLOCK * MAX_CH];

  /* meters since the last take */
  double peak_square[MAX_CH], sum_squares[MAX_CH], gate_max, compressor_max;
  size_t metered_frames;
};

strip_params
strip_params_default (void)
{
  strip_params p = {
    .trim_db = 0.0,
    .highpass_sections = 2,
    .eq_low = {.freq_hz = 100.0,.gain_db = 0.0,.q = EQ_BUTTERWORTH_Q},
    .eq_low_mid = {.freq_hz = 400.0,.gain_db = 0.0,.q = 1.0},
    .eq_high_mid = {.freq_hz = 2500.0,.gain_db = 0.0,.q = 1.0},
    .eq_high = {.freq_hz = 8000.0,.gain_db = 0.0,.q = EQ_BUTTERWORTH_Q},
    .gate = gate_params_default (),
    .compressor = compressor_params_default (),
    .reverb = reverb_params_default (),
    .pan = 0.0,
    .pan_law_db = -3.0,
    .width = 1.0,
    .fader_db = 0.0,
  };
  return p;
}

static void
filter_init (smoothed_filter * f, filter_kind kind, const strip_band * b,
    double rate)
{
  smoothed_filter_init (f, kind, b->freq_hz, b->gain_db, b->q, rate);
}

strip *
strip_new (unsigned in_channels, unsigned out_channels, unsigned rate_hz)
{
  strip_params d = strip_params_default ();
  strip *s;

  if (in_channels < 1 || in_channels > 2 || out_channels < 1 ||
      out_channels > 2 || rate_hz < 8000.0)
    return NULL;
  s = calloc (1, sizeof (*s));
  if (!s)
    return NULL;
  s->in_ch = in_channels;
  s->out_ch = out_channels;
  s->rate = rate_hz;
  s->gate = dynamics_new_gate (in_channels, rate_hz);
  s->compressor = dynamics_new_compressor (in_channels, rate_hz);
  s->reverb = reverb_new (in_channels, rate_hz);
  if (!s->gate || !s->compressor || !s->reverb) {
    strip_free (s);
    return NULL;
  }
  s->params = d;
  strip_reset (s);
  return s;
}

void
strip_free (strip * s)
{
  if (!s)
    return;
  dynamics_free (s->gate);
  dynamics_free (s->compressor);
  reverb_free (s->reverb);
  free (s);
}

static double
gain_of_db (double db)
{
  return isinf (db) && db < 0 ? 0.0 : db_to_amplitude (db);
}

static double
trim_gain (const strip_params * p)
{
  return (p->invert_polarity ? -1.0 : 1.0) * db_to_amplitude (p->trim_db);
}

/* "Off" is the Nyquist frequency, so switching the low-pass on sweeps it
 * down from the top instead of up from silence. */
static double
lowpass_target (const strip * s, const strip_params * p)
{
  return p->lowpass_hz > 0.0 ? p->lowpass_hz : s->rate / 2.0;
}

void
strip_reset (strip * s)
{
  const strip_params *p = &s->params;
  strip_band hp = { p->highpass_hz, 0.0, 0.0 };
  strip_band lp = { lowpass_target (s, p), 0.0, 0.0 };

  smoother_init (&s->trim, trim_gain (p), RAMP_MS, s->rate);
  smoother_init (&s->fader, gain_of_db (p->fader_db), RAMP_MS, s->rate);
  smoother_init (&s->mute, p->mute ? 0.0 : 1.0, RAMP_MS, s->rate);
  smoother_init (&s->pan, p->pan, RAMP_MS, s->rate);
  smoother_init (&s->width, p->width, RAMP_MS, s->rate);
  filter_init (&s->highpass, FILTER_HIGHPASS, &hp, s->rate);
  smoothed_filter_set_order (&s->highpass, p->highpass_sections);
  filter_init (&s->lowpass, FILTER_LOWPASS, &lp, s->rate);
  filter_init (&s->band[BAND_LOW], FILTER_LOW_SHELF, &p->eq_low, s->rate);
  filter_init (&s->band[BAND_LOW_MID], FILTER_PEAKING, &p->eq_low_mid, s->rate);
  filter_init (&s->band[BAND_HIGH_MID], FILTER_PEAKING, &p->eq_high_mid,
      s->rate);
  filter_init (&s->band[BAND_HIGH], FILTER_HIGH_SHELF, &p->eq_high, s->rate);
  memset (s->filters_input, 0, sizeof (s->filters_input));
  memset (s->bands_input, 0, sizeof (s->bands_input));
  dynamics_reset (s->gate);
  dynamics_reset (s->compressor);
  reverb_set_params (s->reverb, &p->reverb);
  reverb_reset (s->reverb);
  strip_take_meters (s);
}

static void
filter_set (smoothed_filter * f, const strip_band * b)
{
  smoothed_filter_set_targets (f, b->freq_hz, b->gain_db, b->q);
}

void
strip_set_params (strip * s, const strip_params * p)
{
  strip_band hp = { p->highpass_hz, 0.0, 0.0 };
  strip_band lp = { lowpass_target (s, p), 0.0, 0.0 };

  if (memcmp (&p->reverb, &s->params.reverb, sizeof (p->reverb)) != 0)
    reverb_set_params (s->reverb, &p->reverb);
  s->params = *p;
  smoother_set_target (&s->trim, trim_gain (p));
  smoother_set_target (&s->fader, gain_of_db (p->fader_db));
  smoother_set_target (&s->mute, p->mute ? 0.0 : 1.0);
  smoother_set_target (&s->pan, p->pan);
  smoother_set_target (&s->width, p->width);
  filter_set (&s->highpass, &hp);
  smoothed_filter_set_order (&s->highpass, p->highpass_sections);
  filter_set (&s->lowpass, &lp);
  filter_set (&s->band[BAND_LOW], &p->eq_low);
  filter_set (&s->band[BAND_LOW_MID], &p->eq_low_mid);
  filter_set (&s->band[BAND_HIGH_MID], &p->eq_high_mid);
  filter_set (&s->band[BAND_HIGH], &p->eq_high);
  dynamics_set_gate (s->gate, &p->gate);
  dynamics_set_compressor (s->compressor, &p->compressor);
}

/* The gains of the pan stage for pan position p. */
static pan_gains
stage_gains (const strip * s, double p)
{
  if (s->in_ch == 1)
    return pan_law_gains (p, s->params.pan_law_db);
  return pan_balance_gains (p);
}

/* The meters' sums over stereo frames: two of each (even and odd
 * frames), so no operation waits for the one of the frame before. */
typedef struct
{
  double2 peak_even, peak_odd, sum_even, sum_odd;
} stereo_sums;

static stereo_sums
stereo_sums_begin (const strip * s)
{
  stereo_sums m = {.peak_even = {s->peak_square[0], s->peak_square[1]} };
  return m;
}

static inline void
stereo_sums_add (stereo_sums * m, double2 even, double2 odd)
{
  m->sum_even += even * even;
  m->sum_odd += odd * odd;
  m->peak_even = double2_max (even * even, m->peak_even);
  m->peak_odd = double2_max (odd * odd, m->peak_odd);
}

static void
stereo_sums_end (strip * s, const stereo_sums * m, size_t n)
{
  double2 peak = double2_max (m->peak_even, m->peak_odd);
  double2 sum = m->sum_even + m->sum_odd;
  for (int ch = 0; ch < 2; ch++) {
    s->peak_square[ch] = peak[ch];
    s->sum_squares[ch] += sum[ch];
  }
  s->metered_frames += n;
}

/* The largest square and the sum of squares of each output channel. */
static void
meter (strip * s, size_t n)
{
  if (s->out_ch == 2) {
    stereo_sums m = stereo_sums_begin (s);
    size_t i = 0;
    for (; i + 2 <= n; i += 2)
      stereo_sums_add (&m, double2_load (&s->out[2 * i]),
          double2_load (&s->out[2 * i + 2]));
    if (i < n)
      stereo_sums_add (&m, double2_load (&s->out[2 * i]), double2_splat (0));
    stereo_sums_end (s, &m, n);
    return;
  }
  for (size_t i = 0; i < n; i++) {
    double square = s->out[i] * s->out[i];
    s->peak_square[0] = fmax (square, s->peak_square[0]);
    s->sum_squares[0] += square;
  }
  s->metered_frames += n;
}

/* The frame i of the work buffer as a stereo pair (mono doubled). */
static inline double2
work_frame (const strip * s, size_t i)
{
  return s->in_ch == 2 ? double2_load (&s->work[2 * i]) :
      double2_splat (s->work[i]);
}

/* Pan and gains settled, stereo out, no width to apply: one multiply per
 * frame, metered on the way. */
static void
steady_output (strip * s, size_t n, double2 gains)
{
  stereo_sums m = stereo_sums_begin (s);
  size_t i = 0;

  for (; i + 2 <= n; i += 2) {
    double2 even = gains * work_frame (s, i), odd = gains * work_frame (s,
        i + 1);
    double2_store (&s->out[2 * i], even);
    double2_store (&s->out[2 * i + 2], odd);
    stereo_sums_add (&m, even, odd);
  }
  if (i < n) {
    double2 last = gains * work_frame (s, i);
    double2_store (&s->out[2 * i], last);
    stereo_sums_add (&m, last, double2_splat (0));
  }
  stereo_sums_end (s, &m, n);
}

/* The output stage: pan / width, then fader and mute, work (in_ch) to out
 * (out_ch), metered. Gains and width ramp linearly across the block from their
 * values at its start to those at its end; settled, they are worked out
 * once. */
static void
output_stage (strip * s, size_t n)
{
  double p0 = s->pan.value, p1 = smoother_advance (&s->pan, n);
  double w0 = s->width.value, w1 = smoother_advance (&s->width, n);
  double f0 = s->fader.value * s->mute.value;
  double f1 = smoother_advance (&s->fader, n) * smoother_advance (&s->mute, n);
  bool settled = p0 == p1 && w0 == w1 && f0 == f1;
  pan_gains g = stage_gains (s, p1), from = stage_gains (s, p0);

  if (settled && s->out_ch == 2 && (s->in_ch == 1 || w1 == 1.0)) {
    steady_output (s, n, (double2) {
        g.left * f1, g.right * f1}
    );
    return;
  }
  for (size_t i = 0; i < n; i++) {
    double t = (double) (i + 1) * (1.0 / (double) n);
    double f = f0 + (f1 - f0) * t;
    const double *in = &s->work[i * s->in_ch];
    double *out = &s->out[i * s->out_ch];
    pan_gains now = {
      from.left + (g.left - from.left) * t,
      from.right + (g.right - from.right) * t
    };
    if (s->out_ch == 1) {
      out[0] = f * (s->in_ch == 2 ? 0.5 * (in[0] + in[1]) : in[0]);
    } else if (s->in_ch == 1) {
      out[0] = in[0] * (now.left * f);
      out[1] = in[0] * (now.right * f);
    } else {
      double l = in[0], r = in[1], w = w0 + (w1 - w0) * t;
      if (w != 1.0)
        pan_width (w, &l, &r);
      out[0] = l * (now.left * f);
      out[1] = r * (now.right * f);
    }
  }
  meter (s, n);
}

/* True when no parameter is on a ramp, so a block may be long. */
static bool
is_settled (const strip * s)
{
  bool settled = smoother_is_settled (&s->trim) &&
      smoother_is_settled (&s->fader) && smoother_is_settled (&s->mute) &&
      smoother_is_settled (&s->pan) && smoother_is_settled (&s->width) &&
      smoothed_filter_is_settled (&s->highpass)
      && smoothed_filter_is_settled (&s->lowpass);
  for (int b = 0; b < BANDS; b++)
    settled = settled && smoothed_filter_is_settled (&s->band[b]);
  return settled;
}

/* One block of n frames, already in s->work: n <= BLOCK while a
 * parameter moves, n <= SETTLED_BLOCK otherwise. */
static void
process_block (strip * s, size_t n)
{
  double g0 = s->trim.value;

  smoother_apply_ramp (s->work, s->in_ch, n, g0,
      smoother_advance (&s->trim, n));
  smoothed_filter_advance (&s->highpass, n);
  smoothed_filter_advance (&s->lowpass, n);
  smoothed_filters_run ((smoothed_filter *[]) {
      &s->highpass, &s->lowpass}, 2, s->filters_input, s->work, s->in_ch, n);
  dynamics_process_f64 (s->gate, s->work, n);
  for (int b = 0; b < BANDS; b++)
    smoothed_filter_advance (&s->band[b], n);
  smoothed_filters_run ((smoothed_filter *[]) {
      &s->band[0], &s->band[1], &s->band[2], &s->band[3]}, BANDS,
      s->bands_input, s->work, s->in_ch, n);
  dynamics_process_f64 (s->compressor, s->work, n);
  reverb_process_f64 (s->reverb, s->work, n);
  output_stage (s, n);
  s->gate_max = fmax (s->gate_max, dynamics_reduction_db (s->gate));
  s->compressor_max = fmax (s->compressor_max,
      dynamics_reduction_db (s->compressor));
}

/* load_<type>: a block of the stream into s->work as doubles, non-finite
 * samples silenced; store_<type>: s->out back in the stream's type. The
 * one way every dsp/ module with a double work buffer takes F32 and F64
 * (limiter.c, master.c). */
#define SAMPLE_IO(type, suffix)                                         \
  static void                                                           \
  load_##suffix (strip * s, const void *src, size_t count)              \
  {                                                                     \
    const type *x = src;                                                \
    double *restrict work = s->work;                                    \
    for (size_t i = 0; i < count; i++)                                  \
      work[i] = x[i];                                                   \
    if (any_non_finite (work, count))                                   \
      silence_non_finite (work, count);                                 \
  }                                                                     \
  static void                                                           \
  store_##suffix (const strip * s, void *dst, size_t count)             \
  {                                                                     \
    type *y = dst;                                                      \
    const double *restrict result = s->out;                             \
    for (size_t i = 0; i < count; i++)                                  \
      y[i] = (type) result[i];                                          \
  }

SAMPLE_IO (float, f32);
SAMPLE_IO (double, f64);

/* Blocks of the buffer through the strip, each converted to double once
 * on the way in and once on the way out. */
static void
process (strip * s, const void *in, void *out, size_t frames,
    size_t sample_bytes, void (*load) (strip *, const void *, size_t),
    void (*store) (const strip *, void *, size_t))
{
  const char *src = in;
  char *dst = out;

  for (size_t done = 0, n; done < frames; done += n) {
    size_t most = is_settled (s) ? SETTLED_BLOCK : BLOCK;
    n = frames - done < most ? frames - done : most;
    load (s, src + done * s->in_ch * sample_bytes, n * s->in_ch);
    process_block (s, n);
    store (s, dst + done * s->out_ch * sample_bytes, n * s->out_ch);
  }
}

void
strip_process_f32 (strip * s, const float *in, float *out, size_t frames)
{
  process (s, in, out, frames, sizeof (float), load_f32, store_f32);
}

void
strip_process_f64 (strip * s, const double *in, double *out, size_t frames)
{
  process (s, in, out, frames, sizeof (double), load_f64, store_f64);
}

strip_meters
strip_take_meters (strip * s)
{
  strip_meters m = { {-INFINITY, -INFINITY}, {-INFINITY, -INFINITY},
  s->gate_max, s->compressor_max, s->out_ch
  };

  for (unsigned ch = 0; ch < s->out_ch && s->metered_frames > 0; ch++) {
    m.peak_dbfs[ch] = power_to_db (s->peak_square[ch]);
    m.rms_dbfs[ch] = 10.0 * log10 (s->sum_squares[ch] /
        (double) s->metered_frames);
  }
  memset (s->peak_square, 0, sizeof (s->peak_square));
  memset (s->sum_squares, 0, sizeof (s->sum_squares));
  s->metered_frames = 0;
  s->gate_max = dynamics_reduction_db (s->gate);
  s->compressor_max = dynamics_reduction_db (s->compressor);
  return m;
}
