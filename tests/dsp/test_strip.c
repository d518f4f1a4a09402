/* The channel strip: transparent by default; the pan laws at the centre;
 * its EQ and filters measured with sine probes equal the designs within
 * 0.1 dB at 44.1, 48 and 96 kHz, and at every rate from 8 to 384 kHz; steps of the fader, pan and mute ramp
 * with no jump larger than the smoother allows; NaN and infinite input
 * is silence.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "biquad.h"
#include "eq_design.h"
#include "signals.h"
#include "strip.h"
#include "testing.h"

static void
defaults_are_transparent (void)
{
  strip *s = strip_new (2, 2, 48000.0);
  float x[2 * 9600], y[2 * 9600];
  unsigned long long seed = 3;

  for (size_t i = 0; i < 2 * 9600; i++)
    x[i] = (float) noise_uniform (&seed);
  strip_process_f32 (s, x, y, 9600);
  CHECK (memcmp (x, y, sizeof (x)) == 0);
  strip_free (s);
}

static void
pan_laws_at_centre (void)
{
  static const double laws[] = { 0.0, -3.0, -4.5, -6.0 };

  for (int l = 0; l < 4; l++) {
    strip *s = strip_new (1, 2, 48000.0);
    strip_params p = strip_params_default ();
    double x[4800], y[2 * 4800];
    p.pan_law_db = laws[l];
    strip_set_params (s, &p);
    for (int i = 0; i < 4800; i++)
      x[i] = 0.5;
    strip_process_f64 (s, x, y, 4800);
    CHECK_NEAR (20 * log10 (y[2 * 4799] / 0.5), laws[l], 0.01);
    CHECK_NEAR (20 * log10 (y[2 * 4799 + 1] / 0.5), laws[l], 0.01);
    strip_free (s);
  }
}

static double
probe_db (strip * s, double f, double rate)
{
  size_t n = (size_t) (rate * 1.25), settle = (size_t) rate;
  double *x = malloc (n * 2 * sizeof (double)), peak = 0.0;

  strip_reset (s);
  for (size_t i = 0; i < n; i++)
    x[2 * i] = x[2 * i + 1] = 0.25 * sin (2 * M_PI * f * i / rate);
  strip_process_f64 (s, x, x, n);
  for (size_t i = settle; i < n; i++)
    peak = fmax (peak, fabs (x[2 * i]));
  free (x);
  return 20 * log10 (peak / 0.25);
}

/* The response of the designs of p's filters and bands (all on), dB at f. */
static double
design_db (const strip_params * p, double f, double rate)
{
  biquad_coeffs c;
  double db = eq_butterworth_magnitude_db (p->highpass_sections, 1,
      p->highpass_hz, f, rate) +
      eq_butterworth_magnitude_db (1, 0, p->lowpass_hz, f, rate);
  eq_design_low_shelf (&c, p->eq_low.freq_hz, EQ_BUTTERWORTH_Q,
      p->eq_low.gain_db, rate);
  db += biquad_magnitude_db (&c, f, rate);
  eq_design_peaking (&c, p->eq_low_mid.freq_hz, p->eq_low_mid.q,
      p->eq_low_mid.gain_db, rate);
  db += biquad_magnitude_db (&c, f, rate);
  eq_design_peaking (&c, p->eq_high_mid.freq_hz, p->eq_high_mid.q,
      p->eq_high_mid.gain_db, rate);
  db += biquad_magnitude_db (&c, f, rate);
  eq_design_high_shelf (&c, p->eq_high.freq_hz, EQ_BUTTERWORTH_Q,
      p->eq_high.gain_db, rate);
  return db + biquad_magnitude_db (&c, f, rate);
}

/* Sine probes through a strip with p at `rate`: the response equals the
 * designs' within 0.1 dB. */
static void
check_probes (const strip_params * p, double rate, const double *probes, int n)
{
  strip *s = strip_new (2, 2, rate);

  strip_set_params (s, p);
  strip_reset (s);
  for (int i = 0; i < n; i++) {
    double f = probes[i] * 1.013;
    CHECK_NEAR (probe_db (s, f, rate), design_db (p, f, rate), 0.1);
  }
  strip_free (s);
}

/* A 24 dB/oct high-pass at 60 Hz, low shelf 120 Hz +4 dB, peaks 500 Hz
 * -6 dB Q 2 and 3 kHz +5 dB Q 0.7, high shelf 9 kHz -3 dB, low-pass
 * 16 kHz, probed at 15 frequencies at 44.1, 48 and 96 kHz. */
static void
eq_measured (void)
{
  static const double rates[] = { 44100.0, 48000.0, 96000.0 };
  static const double probes[] = { 31, 50, 80, 125, 200, 315, 500, 800,
    1250, 2000, 3150, 5000, 8000, 12500, 18000
  };
  strip_params p = strip_params_default ();

  p.highpass_hz = 60.0;
  p.highpass_sections = 2;
  p.lowpass_hz = 16000.0;
  p.eq_low = (strip_band) {
  120.0, 4.0, EQ_BUTTERWORTH_Q};
  p.eq_low_mid = (strip_band) {
  500.0, -6.0, 2.0};
  p.eq_high_mid = (strip_band) {
  3000.0, 5.0, 0.7};
  p.eq_high = (strip_band) {
  9000.0, -3.0, EQ_BUTTERWORTH_Q};
  testing_set_verbose (false);
  for (int r = 0; r < 3; r++)
    check_probes (&p, rates[r], probes, 15);
  testing_set_verbose (true);
}

/* From 8 to 384 kHz, filters and bands all under 0.45 times the lowest
 * rate, a 48 dB/oct high-pass: probed, the response is the designs'; with
 * the gate, compressor and reverb on too, the output of programme-like
 * noise stays finite and bounded, mono and stereo. */
static void
every_rate (void)
{
  static const double rates[] = { 8000, 11025, 16000, 22050, 32000, 44100,
    48000, 88200, 96000, 176400, 192000, 352800, 384000
  };
  static const double probes[] = { 40, 100, 300, 700, 1500, 2500, 3400 };
  strip_params p = strip_params_default ();

  p.highpass_hz = 40.0;
  p.highpass_sections = 4;
  p.lowpass_hz = 3500.0;
  p.eq_low = (strip_band) {
  100.0, 6.0, EQ_BUTTERWORTH_Q};
  p.eq_low_mid = (strip_band) {
  400.0, -6.0, 1.5};
  p.eq_high_mid = (strip_band) {
  1500.0, 4.0, 0.8};
  p.eq_high = (strip_band) {
  3000.0, -5.0, EQ_BUTTERWORTH_Q};
  testing_set_verbose (false);
  for (int r = 0; r < 13; r++) {
    check_probes (&p, rates[r], probes, 7);
    for (unsigned in = 1; in <= 2; in++) {
      strip_params all = p;
      size_t n = (size_t) rates[r];
      double *x = malloc (n * in * sizeof (double));
      double *y = malloc (n * 2 * sizeof (double)), peak = 0.0;
      unsigned long long seed = 5;
      bool finite = true;
      strip *s = strip_new (in, 2, rates[r]);
      all.gate.threshold_db = -40.0;
      all.compressor.threshold_db = -20.0;
      all.compressor.ratio = 4.0;
      all.reverb.mix = 0.3;
      strip_set_params (s, &all);
      for (size_t i = 0; i < n * in; i++)
        x[i] = 0.5 * noise_uniform (&seed) * (i / in % 4800 < 2400);
      strip_process_f64 (s, x, y, n);
      for (size_t i = 0; i < 2 * n; i++) {
        finite = finite && isfinite (y[i]);
        peak = fmax (peak, fabs (y[i]));
      }
      CHECK (finite);
      CHECK_RANGE (peak, 0.01, 2.0);
      strip_free (s);
      free (x);
      free (y);
    }
  }
  testing_set_verbose (true);
}

/* Largest sample-to-sample change of channel 0 after a parameter step. */
static double
largest_jump_after (strip_params before, strip_params after, double level)
{
  strip *s = strip_new (1, 2, 48000.0);
  double x[9600], y[2 * 9600], largest = 0.0;

  for (int i = 0; i < 9600; i++)
    x[i] = level;
  strip_set_params (s, &before);
  strip_reset (s);
  strip_process_f64 (s, x, y, 4800);
  strip_set_params (s, &after);
  strip_process_f64 (s, x + 4800, y + 2 * 4800, 4800);
  for (int i = 4800; i < 9600; i++)
    largest = fmax (largest, fabs (y[2 * i] - y[2 * (i - 1)]));
  strip_free (s);
  return largest;
}

/* A step of the fader, the pan or mute moves the output along a 20 ms
 * ramp: no jump larger than the whole change over 960 frames (+1 %). */
static void
steps_are_smooth (void)
{
  strip_params a = strip_params_default (), b = a;
  double change;

  b.fader_db = -20.0;
  change = 0.5 * 0.70795 * (1.0 - 0.1);
  CHECK_RANGE (largest_jump_after (a, b, 0.5), 0.0, change / 960 * 1.01);
  b = a;
  b.mute = true;
  change = 0.5 * 0.70795;
  CHECK_RANGE (largest_jump_after (a, b, 0.5), 0.0, change / 960 * 1.01);
  b = a;
  b.pan = 1.0;                  /* left side goes from -3 dB to silence */
  CHECK_RANGE (largest_jump_after (a, b, 0.5), 0.0, 0.5 / 960 * 1.6);
  /* reverb fully wet: the dry part fades over the ramp, before the first
   * echo (after the longest predelay) can arrive in the window */
  a.reverb.predelay_ms = 250.0;
  b = a;
  b.reverb.mix = 1.0;
  change = 0.5 * 0.70795;
  CHECK_RANGE (largest_jump_after (a, b, 0.5), 0.0, change / 960 * 1.01);
}

/* A strip with everything on, fed NaN and infinities in the middle of
 * noise, gives exactly what it gives where those samples are silence: in
 * F32 and in F64, and no state is poisoned. */
static void
bad_input_is_silence (void)
{
  enum
  { FRAMES = 4800 };
  strip_params p = strip_params_default ();
  float *x = malloc (2 * FRAMES * sizeof (float));
  float *clean = malloc (2 * FRAMES * sizeof (float));
  float *y = malloc (2 * FRAMES * sizeof (float));
  float *expected = malloc (2 * FRAMES * sizeof (float));
  double *x64 = malloc (2 * FRAMES * sizeof (double));
  double *y64 = malloc (2 * FRAMES * sizeof (double));
  unsigned long long seed = 11;
  bool finite = true, same = true, same64 = true;

  p.highpass_hz = 80.0;
  p.lowpass_hz = 12000.0;
  p.eq_low_mid.gain_db = 6.0;
  p.gate.threshold_db = -50.0;
  p.compressor.threshold_db = -30.0;
  p.compressor.ratio = 4.0;
  p.reverb.mix = 0.2;
  for (size_t i = 0; i < 2 * FRAMES; i++)
    clean[i] = x[i] = (float) (0.3 * noise_uniform (&seed));
  for (size_t i = 1000; i < 1010; i++) {
    x[i] = i % 3 == 0 ? NAN : i % 3 == 1 ? INFINITY : -INFINITY;
    clean[i] = 0.0f;
  }
  for (int run = 0; run < 2; run++) {
    strip *s = strip_new (2, 2, 48000.0);
    strip_set_params (s, &p);
    strip_process_f32 (s, run == 0 ? clean : x, run == 0 ? expected : y,
        FRAMES);
    strip_free (s);
  }
  {
    strip *s = strip_new (2, 2, 48000.0);
    strip_set_params (s, &p);
    for (size_t i = 0; i < 2 * FRAMES; i++)
      x64[i] = x[i];
    strip_process_f64 (s, x64, y64, FRAMES);
    strip_free (s);
  }
  for (size_t i = 0; i < 2 * FRAMES; i++) {
    finite = finite && isfinite (y[i]) && isfinite (y64[i]);
    same = same && y[i] == expected[i];
    same64 = same64 && (float) y64[i] == expected[i];
  }
  CHECK (finite);
  CHECK (same);
  CHECK (same64);
  free (x);
  free (clean);
  free (y);
  free (expected);
  free (x64);
  free (y64);
}

static const test_case cases[] = {
  {"defaults_are_transparent", defaults_are_transparent},
  {"pan_laws_at_centre", pan_laws_at_centre},
  {"eq_measured", eq_measured},
  {"every_rate", every_rate},
  {"steps_are_smooth", steps_are_smooth},
  {"bad_input_is_silence", bad_input_is_silence},
};

TEST_MAIN (cases)
