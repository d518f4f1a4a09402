/* The FDN reverb: its RT60 (Schroeder backward integration, the T20
 * method of ISO 3382) is the set decay within 10 % at 48 and 96 kHz;
 * damping shortens the high band's decay; predelay delays the onset; mix 0
 * is bit-transparent; a NaN does not poison the tail, and long loud noise
 * with a long decay stays bounded.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "biquad.h"
#include "eq_design.h"
#include "reverb.h"
#include "signals.h"
#include "testing.h"

/* The wet impulse response, mono, `seconds` long. */
static double *
impulse_response (double rate, reverb_params p, double seconds, size_t *n)
{
  reverb *r = reverb_new (1, rate);
  double *h;

  *n = (size_t) (seconds * rate);
  h = calloc (*n, sizeof (double));
  p.mix = 1.0;
  reverb_set_params (r, &p);
  reverb_reset (r);             /* the mix at 1 from the first frame */
  h[0] = 1.0;
  reverb_process_f64 (r, h, *n);
  reverb_free (r);
  return h;
}

/* RT60 by ISO 3382's T20: the energy decay curve's fall from -5 to
 * -25 dB, times 3. */
static double
rt60_s (const double *h, size_t n, double rate)
{
  double *edc = malloc (n * sizeof (double)), total, t5 = NAN, t25 = NAN;

  edc[n - 1] = h[n - 1] * h[n - 1];
  for (size_t i = n - 1; i-- > 0;)
    edc[i] = edc[i + 1] + h[i] * h[i];
  total = edc[0];
  for (size_t i = 0; i < n; i++) {
    double db = 10.0 * log10 (edc[i] / total);
    if (isnan (t5) && db <= -5.0)
      t5 = i / rate;
    if (isnan (t25) && db <= -25.0)
      t25 = i / rate;
  }
  free (edc);
  return 3.0 * (t25 - t5);
}

static void
rt60_matches (void)
{
  static const double rates[] = { 48000.0, 96000.0 };
  static const double decays[] = { 0.5, 1.0, 2.0, 4.0 };

  for (int r = 0; r < 2; r++)
    for (int d = 0; d < 4; d++) {
      reverb_params p = { 1.0, decays[d], 0.0, 0.0, 1.0 };
      size_t n;
      double *h = impulse_response (rates[r], p, 2.5 * decays[d], &n);
      CHECK_NEAR (rt60_s (h, n, rates[r]), decays[d], 0.1 * decays[d]);
      free (h);
    }
}

static double *
filtered (const double *h, size_t n, const biquad_coeffs * c)
{
  double *y = malloc (n * sizeof (double));
  biquad_state s = { 0 };
  for (size_t i = 0; i < n; i++)
    y[i] = biquad_tick (c, &s, h[i]);
  return y;
}

/* Damping: above 4 kHz the tail dies at least 1.5 times sooner than below
 * 500 Hz, which keeps the set decay. */
static void
damping_darkens (void)
{
  const double rate = 48000.0;
  reverb_params p = { 1.0, 2.0, 0.0, 0.7, 1.0 };
  biquad_coeffs low, high;
  size_t n;
  double *h = impulse_response (rate, p, 5.0, &n), *lo, *hi;

  eq_design_lowpass (&low, 500.0, EQ_BUTTERWORTH_Q, rate);
  eq_design_highpass (&high, 4000.0, EQ_BUTTERWORTH_Q, rate);
  lo = filtered (h, n, &low);
  hi = filtered (h, n, &high);
  CHECK_NEAR (rt60_s (lo, n, rate), 2.0, 0.2);
  CHECK_RANGE (rt60_s (lo, n, rate) / rt60_s (hi, n, rate), 1.5, 100.0);
  free (h);
  free (lo);
  free (hi);
}

static void
predelay_and_size (void)
{
  const double rate = 48000.0;
  reverb_params p = { 1.0, 1.0, 50.0, 0.0, 0.5 };
  size_t n, first = 0;
  double *h = impulse_response (rate, p, 0.5, &n);

  /* the impulse itself is the dry part, mixed out; the wet onset is the
   * predelay plus the shortest line (29.7 ms x size 0.5) */
  for (size_t i = 1; i < n && first == 0; i++)
    if (fabs (h[i]) > 1e-9)
      first = i;
  CHECK_NEAR (first * 1000.0 / rate, 50.0 + 29.7 * 0.5, 0.1);
  free (h);
}

static void
mix_zero_and_bad_input (void)
{
  reverb *r = reverb_new (2, 48000.0);
  reverb_params p = { 0.0, 3.0, 20.0, 0.5, 1.5 };
  float x[2 * 4800], y[2 * 4800];
  unsigned long long seed = 5;
  double largest = 0.0;

  for (size_t i = 0; i < 2 * 4800; i++)
    x[i] = y[i] = (float) noise_uniform (&seed);
  reverb_set_params (r, &p);
  reverb_process_f32 (r, y, 4800);
  CHECK (memcmp (x, y, sizeof (x)) == 0);

  /* 20 s of full-scale noise with a 30 s decay, a NaN, then silence */
  p.mix = 1.0;
  p.decay_s = 30.0;
  reverb_set_params (r, &p);
  for (int block = 0; block < 300; block++) {
    for (size_t i = 0; i < 2 * 4800; i++)
      y[i] = block < 200 ? (float) noise_uniform (&seed) : 0.0f;
    if (block == 100)
      y[7] = NAN;
    reverb_process_f32 (r, y, 4800);
    /* the NaN sample's own dry part stays NaN; nothing else may */
    for (size_t i = 0; i < 2 * 4800; i++)
      if (block != 100 || i != 7)
        largest = isfinite (y[i]) ? fmax (largest, fabs (y[i])) : INFINITY;
  }
  CHECK_RANGE (largest, 0.01, 20.0);
  reverb_free (r);
}

/* A decay of 0 (or NaN, or any value outside 0.05 to 60 s) is held to its
 * range: no feedback gain reaches 1, the tail dies away. */
static void
decay_is_held (void)
{
  reverb *r = reverb_new (1, 48000);
  reverb_params p = reverb_params_default ();
  const double decays[] = { 0.0, -1.0, NAN, 1e9 };
  float y[4800];

  p.mix = 1.0;
  for (size_t d = 0; d < 4; d++) {
    double tail = 0.0;
    p.decay_s = decays[d];
    reverb_reset (r);
    reverb_set_params (r, &p);
    for (int block = 0; block < 1300; block++) {
      for (size_t i = 0; i < 4800; i++)
        y[i] = block == 0 && i == 0 ? 1.0f : 0.0f;
      reverb_process_f32 (r, y, 4800);
      /* 130 s on: past the longest held decay, 60 s, twice over */
      for (size_t i = 0; block == 1299 && i < 4800; i++)
        tail = isfinite (y[i]) ? fmax (tail, fabs (y[i])) : INFINITY;
    }
    CHECK (tail < 1e-3);
  }
  reverb_free (r);
}

static const test_case cases[] = {
  {"rt60_matches", rt60_matches},
  {"damping_darkens", damping_darkens},
  {"predelay_and_size", predelay_and_size},
  {"mix_zero_and_bad_input", mix_zero_and_bad_input},
  {"decay_is_held", decay_is_held},
};

TEST_MAIN (cases)
