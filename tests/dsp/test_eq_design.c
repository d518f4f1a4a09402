/* Filter design against the RBJ Audio EQ Cookbook (its reference
 * vectors, its exact properties at f0, DC and Nyquist) and against the
 * Butterworth magnitude formula, computed and measured with sine probes,
 * at 44.1, 48 and 96 kHz.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <math.h>
#include <stddef.h>

#include "eq_design.h"
#include "testing.h"

static const double rates[] = { 44100.0, 48000.0, 96000.0 };

static void
check_coeffs (const biquad_coeffs * c, const double b[3], const double a[3])
{
  CHECK_NEAR (c->b0, b[0], 1e-12);
  CHECK_NEAR (c->b1, b[1], 1e-12);
  CHECK_NEAR (c->b2, b[2], 1e-12);
  CHECK_NEAR (a[0], 1.0, 0.0);
  CHECK_NEAR (c->a1, a[1], 1e-12);
  CHECK_NEAR (c->a2, a[2], 1e-12);
}

/* The RBJ cookbook's formulas (Bristow-Johnson, "Cookbook formulae for
 * audio EQ biquad filter coefficients") evaluated independently at 48 kHz;
 * "Q = .7071" is 1 / sqrt(2) to all digits */
static void
reference_vectors_48k (void)
{
  biquad_coeffs c;

  eq_design_lowpass (&c, 1000.0, EQ_BUTTERWORTH_Q, 48000.0);
  check_coeffs (&c, (double[]) {
        0.003916126660547, 0.007832253321095, 0.003916126660547
      },
      (double[]) {
        1, -1.815341082704568, 0.831005589346758
      });
  eq_design_highpass (&c, 1000.0, EQ_BUTTERWORTH_Q, 48000.0);
  check_coeffs (&c, (double[]) {
        0.911586668012832, -1.823173336025663, 0.911586668012832
      },
      (double[]) {
        1, -1.815341082704568, 0.831005589346758
      });
  eq_design_peaking (&c, 1000.0, 1.0, 6.0, 48000.0);
  check_coeffs (&c, (double[]) {
        1.043953086990335, -1.895320723936596, 0.867722284759857
      },
      (double[]) {
        1, -1.895320723936596, 0.911675371750192
      });
  eq_design_peaking (&c, 1000.0, 2.0, -12.0, 48000.0);
  check_coeffs (&c, (double[]) {
        0.954226275632052, -1.861678623595735, 0.923516699419604
      },
      (double[]) {
        1, -1.861678623595735, 0.877742975051656
      });
  eq_design_low_shelf (&c, 200.0, EQ_BUTTERWORTH_Q, 6.0, 48000.0);
  check_coeffs (&c, (double[]) {
        1.006445577851142, -1.968612352320032, 0.963120058272841
      },
      (double[]) {
        1, -1.968850107385725, 0.969327881058289
      });
  eq_design_high_shelf (&c, 5000.0, EQ_BUTTERWORTH_Q, -6.0, 48000.0);
  check_coeffs (&c, (double[]) {
        0.584799156177896, -0.564943922324753, 0.199804663597502
      },
      (double[]) {
        1, -1.236520927306563, 0.456180824757208
      });
}

/* The cookbook's exact properties, at every rate. */
static void
exact_properties (void)
{
  for (size_t r = 0; r < sizeof (rates) / sizeof (rates[0]); r++) {
    double fs = rates[r], nyquist = fs / 2.0 - 1e-6;
    biquad_coeffs c, boost, cut;

    eq_design_lowpass (&c, 1000.0, EQ_BUTTERWORTH_Q, fs);
    CHECK_NEAR (biquad_magnitude_db (&c, 1000.0, fs), -3.0103, 1e-4);
    eq_design_highpass (&c, 80.0, 2.0, fs);
    CHECK_NEAR (biquad_magnitude_db (&c, 80.0, fs), 20 * log10 (2.0), 1e-9);

    eq_design_peaking (&c, 2500.0, 1.4, 7.5, fs);
    CHECK_NEAR (biquad_magnitude_db (&c, 2500.0, fs), 7.5, 1e-9);
    CHECK_NEAR (biquad_magnitude_db (&c, 1e-6, fs), 0.0, 1e-9);
    CHECK_NEAR (biquad_magnitude_db (&c, nyquist, fs), 0.0, 1e-6);
    /* a boost then the same cut is unity */
    eq_design_peaking (&boost, 400.0, 0.8, 9.0, fs);
    eq_design_peaking (&cut, 400.0, 0.8, -9.0, fs);
    for (double f = 20.0; f < fs / 2.0; f *= 1.7)
      CHECK_NEAR (biquad_magnitude_db (&boost, f, fs) +
          biquad_magnitude_db (&cut, f, fs), 0.0, 1e-9);

    eq_design_low_shelf (&c, 150.0, EQ_BUTTERWORTH_Q, -8.0, fs);
    CHECK_NEAR (biquad_magnitude_db (&c, 1e-6, fs), -8.0, 1e-9);
    CHECK_NEAR (biquad_magnitude_db (&c, 150.0, fs), -4.0, 1e-9);
    CHECK_NEAR (biquad_magnitude_db (&c, nyquist, fs), 0.0, 1e-6);
    eq_design_high_shelf (&c, 8000.0, EQ_BUTTERWORTH_Q, 5.0, fs);
    CHECK_NEAR (biquad_magnitude_db (&c, 1e-6, fs), 0.0, 1e-9);
    CHECK_NEAR (biquad_magnitude_db (&c, 8000.0, fs), 2.5, 1e-9);
    CHECK_NEAR (biquad_magnitude_db (&c, nyquist, fs), 5.0, 1e-6);
  }
}

static double
cascade_db (const biquad_coeffs * s, unsigned n, double f, double fs)
{
  double db = 0.0;
  for (unsigned k = 0; k < n; k++)
    db += biquad_magnitude_db (&s[k], f, fs);
  return db;
}

/* 12, 24, 36 and 48 dB/oct cascades equal the Butterworth formula. */
static void
butterworth_cascades (void)
{
  testing_set_verbose (false);
  for (size_t r = 0; r < sizeof (rates) / sizeof (rates[0]); r++) {
    double fs = rates[r];
    for (unsigned n = 1; n <= EQ_MAX_BUTTERWORTH_SECTIONS; n++) {
      biquad_coeffs hp[EQ_MAX_BUTTERWORTH_SECTIONS];
      biquad_coeffs lp[EQ_MAX_BUTTERWORTH_SECTIONS];
      eq_design_butterworth_highpass (hp, n, 120.0, fs);
      eq_design_butterworth_lowpass (lp, n, 9000.0, fs);
      for (double f = 15.0; f < 0.45 * fs; f *= 1.3) {
        CHECK_NEAR (cascade_db (hp, n, f, fs),
            eq_butterworth_magnitude_db (n, 1, 120.0, f, fs), 1e-6);
        CHECK_NEAR (cascade_db (lp, n, f, fs),
            eq_butterworth_magnitude_db (n, 0, 9000.0, f, fs), 1e-6);
      }
      /* -3.01 dB at the corner, whatever the order */
      CHECK_NEAR (cascade_db (hp, n, 120.0, fs), -3.0103, 1e-4);
    }
  }
  testing_set_verbose (true);
}

/* Steady-state gain of a cascade for a sine, measured: the peak of the
 * output after the filters have settled. */
static double
measured_db (const biquad_coeffs * s, unsigned n, double f, double fs)
{
  biquad_state st[EQ_MAX_BUTTERWORTH_SECTIONS] = { {0} };
  size_t settle = (size_t) (fs * 1.0), length = settle + (size_t) (fs / 4);
  double peak = 0.0;

  for (size_t i = 0; i < length; i++) {
    double y = sin (2.0 * M_PI * f * i / fs);
    for (unsigned k = 0; k < n; k++)
      y = biquad_tick (&s[k], &st[k], y);
    if (i >= settle && fabs (y) > peak)
      peak = fabs (y);
  }
  return 20.0 * log10 (peak);
}

/* RBJ's peaking and high-shelf biquads are the bilinear transforms,
 * prewarped at f0, of the analog prototypes (Bristow-Johnson, "Cookbook
 * formulae for audio EQ biquad filter coefficients"), A = 10^(g/40):
 *   peaking  H(s) = (s^2 + s A/Q + 1) / (s^2 + s/(A Q) + 1)
 *   shelf    H(s) = A (A s^2 + s sqrt(A)/Q + 1) / (s^2 + s sqrt(A)/Q + A)
 * so at f their gain is the prototype's at W = tan(pi f/fs) / tan(pi f0/fs).
 * Written here from the analog side, sharing nothing with eq_design.c. */
static double
analog_peaking_db (double f0, double q, double gain_db, double f, double fs)
{
  double a = pow (10.0, gain_db / 40.0);
  double w = tan (M_PI * f / fs) / tan (M_PI * f0 / fs), re = 1.0 - w * w;
  return 10.0 * log10 ((re * re + pow (w * a / q, 2.0)) /
      (re * re + pow (w / (a * q), 2.0)));
}

static double
analog_high_shelf_db (double f0, double q, double gain_db, double f, double fs)
{
  double a = pow (10.0, gain_db / 40.0);
  double w = tan (M_PI * f / fs) / tan (M_PI * f0 / fs);
  double mid = pow (sqrt (a) * w / q, 2.0);
  return 20.0 * log10 (a) + 10.0 * log10 ((pow (1.0 - a * w * w, 2.0) + mid)
      / (pow (a - w * w, 2.0) + mid));
}

/* Sine probes at 14 frequencies through a 24 dB/oct high-pass, a peaking
 * band and a high shelf: the measured gain is the analog prototype's
 * within 0.1 dB (the peak of a sampled sine can fall between samples:
 * probes are chosen off the rate's sub-multiples, and 0.1 dB allows for
 * the rest). */
static void
sine_probes (void)
{
  static const double probes[] = { 40, 63, 100, 160, 250, 400, 630, 1000,
    1600, 2500, 4000, 6300, 10000, 16000
  };
  testing_set_verbose (false);
  for (size_t r = 0; r < sizeof (rates) / sizeof (rates[0]); r++) {
    double fs = rates[r];
    biquad_coeffs hp[2], peak, shelf;
    eq_design_butterworth_highpass (hp, 2, 80.0, fs);
    eq_design_peaking (&peak, 1200.0, 1.0, -6.0, fs);
    eq_design_high_shelf (&shelf, 6000.0, EQ_BUTTERWORTH_Q, 4.0, fs);
    for (size_t p = 0; p < sizeof (probes) / sizeof (probes[0]); p++) {
      double f = probes[p] * 1.013;
      CHECK_NEAR (measured_db (hp, 2, f, fs),
          eq_butterworth_magnitude_db (2, 1, 80.0, f, fs), 0.1);
      CHECK_NEAR (measured_db (&peak, 1, f, fs),
          analog_peaking_db (1200.0, 1.0, -6.0, f, fs), 0.1);
      CHECK_NEAR (measured_db (&shelf, 1, f, fs),
          analog_high_shelf_db (6000.0, EQ_BUTTERWORTH_Q, 4.0, f, fs), 0.1);
      /* and the design's exact response is the prototype's */
      CHECK_NEAR (biquad_magnitude_db (&peak, f, fs),
          analog_peaking_db (1200.0, 1.0, -6.0, f, fs), 1e-9);
      CHECK_NEAR (biquad_magnitude_db (&shelf, f, fs),
          analog_high_shelf_db (6000.0, EQ_BUTTERWORTH_Q, 4.0, f, fs), 1e-9);
    }
  }
  testing_set_verbose (true);
}

/* The tilt follows slope * log2(f / pivot) within 0.5 dB from 30 Hz to
 * 0.15 rate, is 0 dB at the pivot, and the all-pass is flat with its phase
 * at -180 degrees at f0. */
static void
tilt_and_allpass (void)
{
  static const double slopes[] = { -3.0, -1.5, 0.7, 1.5, 3.0 };
  biquad_coeffs c[EQ_MAX_TILT_SECTIONS], ap;

  testing_set_verbose (false);
  for (int r = 0; r < 3; r++)
    for (int k = 0; k < 5; k++) {
      unsigned n = eq_design_tilt (c, slopes[k], 1000.0, rates[r]);
      double at_pivot = 0.0;
      CHECK_RANGE (n, 1, EQ_MAX_TILT_SECTIONS);
      for (unsigned s = 0; s < n; s++)
        at_pivot += biquad_magnitude_db (&c[s], 1000.0, rates[r]);
      CHECK_NEAR (at_pivot, 0.0, 1e-9);
      for (double f = 30.0; f <= 0.15 * rates[r]; f *= 1.1) {
        double db = 0.0;
        for (unsigned s = 0; s < n; s++)
          db += biquad_magnitude_db (&c[s], f, rates[r]);
        CHECK_NEAR (db, slopes[k] * log2 (f / 1000.0), 0.5);
      }
      eq_design_allpass (&ap, 700.0, 0.9, rates[r]);
      for (double f = 20.0; f < 20000.0; f *= 1.5)
        CHECK_NEAR (biquad_magnitude_db (&ap, f, rates[r]), 0.0, 1e-9);
    }
  CHECK (eq_design_tilt (c, 0.0, 1000.0, 48000.0) == 0);
  testing_set_verbose (true);
}

static const test_case cases[] = {
  {"reference_vectors_48k", reference_vectors_48k},
  {"exact_properties", exact_properties},
  {"butterworth_cascades", butterworth_cascades},
  {"sine_probes", sine_probes},
  {"tilt_and_allpass", tilt_and_allpass},
};

TEST_MAIN (cases)
