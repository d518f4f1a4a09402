/* mixmaster DSP core: stereo width and mono bass.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "stereo_image.h"

#include "range.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "biquad_cascade.h"
#include "crossfade.h"
#include "eq_design.h"
#include "smoother.h"

#define RAMP_MS 20.0
#define BLOCK 256
#define MIN_HZ 10.0
#define MAX_FRACTION 0.45

/* One bass-mono setting: the all-pass on both channels and the side's
 * LR4 low-pass, with their junction histories. */
typedef struct
{
  double hz;                    /* 0 = off */
  biquad_coeffs allpass, lowpass[2];
  biquad_history allpass_history[2][2], lowpass_history[3][1];
} bass_mono;

struct stereo_image
{
  double rate;
  smoother width;
  bass_mono current, next;      /* next: the one faded to */
  size_t fade_frames, fade_left;
  double side[BLOCK], faded[2 * BLOCK];
};

static void
bass_mono_design (bass_mono * b, double hz, double rate)
{
  memset (b, 0, sizeof (*b));
  b->hz = hz;
  if (hz <= 0.0)
    return;
  eq_design_allpass (&b->allpass, hz, EQ_BUTTERWORTH_Q, rate);
  eq_design_butterworth_lowpass (b->lowpass, 1, hz, rate);
  b->lowpass[1] = b->lowpass[0];
}

/* L' = AP(L) - LP4(S), R' = AP(R) + LP4(S), in place (stereo_image.h). */
static void
bass_mono_run (bass_mono * b, double *frames, double *side, size_t n)
{
  biquad_cascade allpass = {.sections = 1,.coeffs = {&b->allpass},
  .history = {b->allpass_history[0], b->allpass_history[1]}
  };
  biquad_cascade lowpass = {.sections = 2,
    .coeffs = {&b->lowpass[0], &b->lowpass[1]},
    .history = {b->lowpass_history[0], b->lowpass_history[1],
        b->lowpass_history[2]}
  };

  if (b->hz <= 0.0)
    return;
  for (size_t i = 0; i < n; i++)
    side[i] = 0.5 * (frames[2 * i] - frames[2 * i + 1]);
  biquad_cascade_process (&lowpass, side, 1, n);
  biquad_cascade_process (&allpass, frames, 2, n);
  for (size_t i = 0; i < n; i++) {
    frames[2 * i] -= side[i];
    frames[2 * i + 1] += side[i];
  }
}

stereo_image *
stereo_image_new (unsigned rate_hz)
{
  stereo_image *s;

  if (rate_hz < 1000.0)
    return NULL;
  s = calloc (1, sizeof (*s));
  if (!s)
    return NULL;
  s->rate = rate_hz;
  s->fade_frames = (size_t) llround (RAMP_MS * rate_hz / 1000.0);
  smoother_init (&s->width, 1.0, RAMP_MS, rate_hz);
  return s;
}

void
stereo_image_free (stereo_image * s)
{
  free (s);
}

void
stereo_image_reset (stereo_image * s)
{
  if (s->fade_left > 0)
    s->current = s->next;
  bass_mono_design (&s->current, s->current.hz, s->rate);
  s->fade_left = 0;
  smoother_snap (&s->width, s->width.target);
}

void
stereo_image_set_targets (stereo_image * s, double width, double bass_mono_hz)
{
  double hz = bass_mono_hz <= 0.0 ? 0.0 :
      range_clamp (bass_mono_hz, MIN_HZ, MAX_FRACTION * s->rate);
  double heading_to = s->fade_left > 0 ? s->next.hz : s->current.hz;

  smoother_set_target (&s->width, range_clamp (width, 0.0, 2.0));
  if (hz == heading_to)
    return;
  /* a fade under way is cut short: its target becomes the start */
  if (s->fade_left > 0)
    s->current = s->next;
  bass_mono_design (&s->next, hz, s->rate);
  s->fade_left = s->fade_frames;
}

/* Width over n frames, ramping from w0 to w1. */
static void
apply_width (double *frames, size_t n, double w0, double w1)
{
  if (w0 == 1.0 && w1 == 1.0)
    return;
  for (size_t i = 0; i < n; i++) {
    double w = w0 + (w1 - w0) * (double) (i + 1) / (double) n;
    double mid = 0.5 * (frames[2 * i] + frames[2 * i + 1]);
    double side = 0.5 * (frames[2 * i] - frames[2 * i + 1]) * w;
    frames[2 * i] = mid + side;
    frames[2 * i + 1] = mid - side;
  }
}

static void
process_block (stereo_image * s, double *frames, size_t n)
{
  double w0 = s->width.value, w1 = smoother_advance (&s->width, n);

  apply_width (frames, n, w0, w1);
  if (s->fade_left == 0) {
    bass_mono_run (&s->current, frames, s->side, n);
    return;
  }
  /* both settings, then a linear crossfade from the current one */
  memcpy (s->faded, frames, 2 * n * sizeof (double));
  bass_mono_run (&s->current, frames, s->side, n);
  bass_mono_run (&s->next, s->faded, s->side, n);
  s->fade_left = crossfade (frames, s->faded, 2, n, s->fade_left,
      s->fade_frames);
  if (s->fade_left == 0)
    s->current = s->next;
}

void
stereo_image_process (stereo_image * s, double *frames, size_t n)
{
  for (size_t done = 0; done < n; done += BLOCK)
    process_block (s, frames + 2 * done, n - done < BLOCK ? n - done : BLOCK);
}

void
correlation_add (correlation_sums * c, const double *frames, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    double l = frames[2 * i], r = frames[2 * i + 1];
    c->lr += l * r;
    c->ll += l * l;
    c->rr += r * r;
  }
}

double
correlation_of (const correlation_sums * c)
{
  double energy = c->ll * c->rr;
  return energy > 0.0 ? c->lr / sqrt (energy) : 0.0;
}
