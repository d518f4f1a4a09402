/* mixmaster DSP core: soft-clip saturation, oversampled by 2.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "saturation.h"

#include "range.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "crossfade.h"
#include "kaiser.h"
#include "simd.h"
#include "smoother.h"

/* The half-band prototype h[j], j = 0 .. 2M, at twice the rate, cut-off at
 * the original Nyquist frequency; M odd, so its nonzero taps away from the
 * centre are the even j. */
#define M SATURATION_LATENCY
#define SIDE_TAPS (M + 1)       /* the even j */
#define BETA 10.06              /* 0.1102 (A - 8.7), A = 100 dB */
/* frames per block; a fade in starts on the first block after the
 * warm-up */
#define BLOCK 256
#define RAMP_MS 20.0

typedef struct
{
  /* the last M inputs, shaped even samples and the last (M + 1) / 2 shaped
   * odd samples, each followed by room for a block */
  double x[M + BLOCK], even[M + BLOCK], odd[(M + 1) / 2 + BLOCK];
} channel_state;

struct saturation
{
  unsigned channels;
  double side[SIDE_TAPS];       /* h[2i], i = 0 .. M */
  smoother amount;
  bool on;                      /* the shaped path is heard (or fading) */
  size_t fade_frames, fade_left;
  /* frames the shaped path runs unheard before a fade in, so that its
   * filters hold the signal's past */
  size_t warm_left;
  channel_state ch[SATURATION_MAX_CHANNELS];
  double up_even[BLOCK], up_odd[BLOCK], shaped[BLOCK], dry[BLOCK];
};

/* The curve's constants at an amount: c, and the input where it flattens
 * (infinite for 0: no knee). */
typedef struct
{
  double c, knee;
} curve;

static curve
curve_at (double amount)
{
  curve k = { amount * 4.0 / 27.0, INFINITY };
  if (k.c > 0.0)
    k.knee = 1.0 / sqrt (3.0 * k.c);
  return k;
}

/* x clamped to the knee, then x - c x^3: past the knee the cubic's flat
 * top, (2/3) knee, since c knee^2 = 1/3. No branch, so loops of it
 * vectorise. */
static inline double
shape (double x, curve k)
{
  double clamped = fmin (fmax (x, -k.knee), k.knee);
  return clamped - k.c * clamped * clamped * clamped;
}

double
saturation_curve (double x, double amount)
{
  return shape (x, curve_at (amount));
}

saturation *
saturation_new (unsigned channels, unsigned rate_hz)
{
  saturation *s;

  if (channels < 1 || channels > SATURATION_MAX_CHANNELS || rate_hz < 1000.0)
    return NULL;
  s = calloc (1, sizeof (*s));
  if (!s)
    return NULL;
  s->channels = channels;
  for (int i = 0; i < SIDE_TAPS; i++) {
    double offset = 2.0 * i - M;        /* j - M, odd */
    s->side[i] = 0.5 * sinc (offset / 2.0) * kaiser (offset / (M + 1.0), BETA);
  }
  s->fade_frames = (size_t) llround (RAMP_MS * rate_hz / 1000.0);
  smoother_init (&s->amount, 0.0, RAMP_MS, rate_hz);
  return s;
}

void
saturation_free (saturation * s)
{
  free (s);
}

void
saturation_reset (saturation * s)
{
  memset (s->ch, 0, sizeof (s->ch));
  smoother_snap (&s->amount, s->amount.target);
  s->on = s->amount.target > 0.0;
  s->fade_left = s->warm_left = 0;
}

void
saturation_set_amount (saturation * s, double amount)
{
  amount = range_held (amount, 0.0, 1.0, 0.0);
  smoother_set_target (&s->amount, amount);
  if ((amount > 0.0) != s->on && s->fade_left == 0) {
    s->on = amount > 0.0;
    s->fade_left = s->fade_frames;
    s->warm_left = s->on ? M : 0;
  }
}

/* y[k] = sum_i taps[i] src[k - i], src[k] at base[k]: taps outside,
 * samples inside, so it vectorises. */
DSP_MULTIVERSION static void
fir (const double *restrict base, const double *restrict taps, int n_taps,
    double *restrict y, size_t n)
{
  memset (y, 0, n * sizeof (double));
  for (int i = 0; i < n_taps; i++) {
    const double t = taps[i];
    const double *restrict src = base - i;
    for (size_t k = 0; k < n; k++)
      y[k] += t * src[k];
  }
}

/* One channel's n frames (deinterleaved in st->x[M ..]) through the
 * oversampled curve into out; the curve's amount ramps a0 .. a1. */
static void
shape_channel (saturation * s, channel_state * st, double *out, size_t n,
    double a0, double a1)
{
  double *x = st->x + M, *even = st->even + M;
  double *odd = st->odd + (M + 1) / 2;
  double doubled[SIDE_TAPS];

  /* upsampling: the even samples by the side taps (times 2, the
   * zero-stuffing's loss), the odd ones are the input M / 2 frames back */
  for (int i = 0; i < SIDE_TAPS; i++)
    doubled[i] = 2.0 * s->side[i];
  fir (x, doubled, SIDE_TAPS, s->up_even, n);
  if (a0 == a1) {
    const curve settled = curve_at (a1);
    for (size_t k = 0; k < n; k++) {
      even[k] = shape (s->up_even[k], settled);
      odd[k] = shape (x[(ptrdiff_t) k - (M - 1) / 2], settled);
    }
  } else {
    const double step = (a1 - a0) / (double) n;
    for (size_t k = 0; k < n; k++) {
      const curve moving = curve_at (a0 + step * (double) (k + 1));
      even[k] = shape (s->up_even[k], moving);
      odd[k] = shape (x[(ptrdiff_t) k - (M - 1) / 2], moving);
    }
  }
  /* downsampling: the even samples by the side taps, the odd one at the
   * centre (h = 1/2), (M + 1) / 2 frames back */
  fir (even, s->side, SIDE_TAPS, out, n);
  for (size_t k = 0; k < n; k++)
    out[k] += 0.5 * odd[(ptrdiff_t) k - (M + 1) / 2];
}

/* Keeps the last `keep` of history + n values at the front. */
static void
slide (double *buffer, size_t keep, size_t n)
{
  memmove (buffer, buffer + n, keep * sizeof (double));
}

static void
process_block (saturation * s, double *frames, size_t n)
{
  const unsigned channels = s->channels;
  double a0 = s->amount.value, a1 = smoother_advance (&s->amount, n);
  size_t left = s->fade_left;

  for (unsigned c = 0; c < channels; c++) {
    channel_state *st = &s->ch[c];
    const double *out = s->dry;
    for (size_t k = 0; k < n; k++)
      st->x[M + k] = frames[k * channels + c];
    /* the dry path: the input, M frames back */
    memcpy (s->dry, st->x, n * sizeof (double));
    if (s->on || s->fade_left > 0)
      shape_channel (s, st, s->shaped, n, a0, a1);
    if (s->on && s->fade_left == 0) {
      out = s->shaped;
    } else if (s->on && s->warm_left == 0) {
      /* fading in: from the dry path to the shaped one */
      left = crossfade (s->dry, s->shaped, 1, n, s->fade_left, s->fade_frames);
    } else if (!s->on && s->fade_left > 0) {
      /* fading out */
      left = crossfade (s->shaped, s->dry, 1, n, s->fade_left, s->fade_frames);
      out = s->shaped;
    }
    for (size_t k = 0; k < n; k++)
      frames[k * channels + c] = out[k];
    slide (st->x, M, n);
    slide (st->even, M, n);
    slide (st->odd, (M + 1) / 2, n);
  }
  s->fade_left = left;
  s->warm_left = s->warm_left > n ? s->warm_left - n : 0;
}

void
saturation_process (saturation * s, double *frames, size_t n)
{
  for (size_t done = 0; done < n; done += BLOCK)
    process_block (s, frames + done * s->channels,
        n - done < BLOCK ? n - done : BLOCK);
}
