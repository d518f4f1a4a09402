/* K-weighting (ITU-R BS.1770-4 Annex 1) at any sample rate.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <math.h>
#include <stdio.h>

#include "kweighting.h"
#include "testing.h"

/* BS.1770-4 Tables 1 and 2 (48 kHz). */
static void
table_coefficients_at_48k (void)
{
  kweighting_coeffs c;
  kweighting_design (&c, 48000);
  CHECK_NEAR (c.shelf.b0, 1.53512485958697, 1e-12);
  CHECK_NEAR (c.shelf.b1, -2.69169618940638, 1e-12);
  CHECK_NEAR (c.shelf.b2, 1.19839281085285, 1e-12);
  CHECK_NEAR (c.shelf.a1, -1.69065929318241, 1e-12);
  CHECK_NEAR (c.shelf.a2, 0.73248077421585, 1e-12);
  CHECK_NEAR (c.highpass.b0, 1.0, 0);
  CHECK_NEAR (c.highpass.b1, -2.0, 0);
  CHECK_NEAR (c.highpass.b2, 1.0, 0);
  CHECK_NEAR (c.highpass.a1, -1.99004745483398, 1e-12);
  CHECK_NEAR (c.highpass.a2, 0.99007225036621, 1e-12);
}

/* Derived tables at other rates (reference section 3.2). */
static void
derived_coefficients (void)
{
  kweighting_coeffs c;
  kweighting_design (&c, 44100);
  CHECK_NEAR (c.shelf.b0, 1.5308412300503478, 1e-12);
  CHECK_NEAR (c.shelf.a2, 0.7125954280732254, 1e-12);
  CHECK_NEAR (c.highpass.a1, -1.9891696736297959, 1e-12);
  kweighting_design (&c, 96000);
  CHECK_NEAR (c.shelf.b1, -2.9267415782510824, 1e-12);
  CHECK_NEAR (c.highpass.a2, 0.99502375904092333, 1e-12);
  kweighting_design (&c, 192000);
  CHECK_NEAR (c.shelf.b2, 1.4779713409796094, 1e-12);
  CHECK_NEAR (c.highpass.a1, -1.9975072228407, 1e-12);
}

static double
kweighting_db (const kweighting_coeffs * c, double f, double rate)
{
  return biquad_magnitude_db (&c->shelf, f, rate) +
      biquad_magnitude_db (&c->highpass, f, rate);
}

/* Magnitude response table (reference section 3.2), and the same response
 * measured by filtering sines through kweighting_energy(). */
static void
magnitude_response (void)
{
  static const double f[] = { 20, 38.135, 100, 500, 997, 1000, 2000, 4000,
    10000, 20000
  };
  static const double db[3][10] = {
    {-13.2715, -5.9679, -1.1297, 0.0462, 0.6938, 0.7005, 3.0760, 3.9729,
        4.0458, 4.0469},
    {-13.2754, -5.9718, -1.1335, 0.0425, 0.6910, 0.6977, 3.0713, 3.9680,
        4.0419, 4.0431},
    {-13.2970, -5.9934, -1.1551, 0.0214, 0.6737, 0.6804, 3.0459, 3.9420,
        4.0195, 4.0214},
  };
  static const double rates[] = { 44100, 48000, 96000 };
  static float x[96000];

  for (int r = 0; r < 3; r++) {
    kweighting_coeffs c;
    kweighting_design (&c, rates[r]);
    printf (" at %.0f Hz\n", rates[r]);
    for (int i = 0; i < 10; i++) {
      CHECK_NEAR (kweighting_db (&c, f[i], rates[r]), db[r][i], 0.0001);
      /* steady-state gain of a unit sine over a whole number of periods,
       * after a settling time of the same length */
      size_t n = (size_t) llround (floor (f[i]) * rates[r] / f[i]);
      kweighting_state s;
      kweighting_reset (&s);
      for (size_t k = 0; k < n; k++)
        x[k] = (float) sin (2.0 * M_PI * f[i] * k / rates[r]);
      kweighting_energy (&c, &s, x, n);
      for (size_t k = 0; k < n; k++)
        x[k] = (float) sin (2.0 * M_PI * f[i] * (k + n) / rates[r]);
      double power = kweighting_energy (&c, &s, x, n) / n;
      CHECK_NEAR (10.0 * log10 (power / 0.5), db[r][i], 0.01);
    }
  }
}

/* Every rate the elements accept gives a finite, stable filter with the
 * same shape: +4 dB high shelf, -inf at DC, within 0.1 dB of 48 kHz at
 * 997 Hz. */
static void
every_rate (void)
{
  static const double rates[] = { 8000, 11025, 16000, 22050, 32000, 44100,
    48000, 88200, 96000, 176400, 192000, 352800, 384000
  };
  testing_set_verbose (false);
  for (size_t r = 0; r < sizeof (rates) / sizeof (rates[0]); r++) {
    kweighting_coeffs c;
    kweighting_design (&c, rates[r]);
    /* poles inside the unit circle: |a2| < 1, |a1| < 1 + a2 */
    CHECK (fabs (c.shelf.a2) < 1 && fabs (c.shelf.a1) < 1 + c.shelf.a2);
    CHECK (fabs (c.highpass.a2) < 1 &&
        fabs (c.highpass.a1) < 1 + c.highpass.a2);
    CHECK_NEAR (kweighting_db (&c, 997, rates[r]), 0.691, 0.1);
    CHECK_NEAR (kweighting_db (&c, 0.4 * rates[r] < 3500 ? 0.4 * rates[r] :
            3500, rates[r]), 3.9, 0.8);
    CHECK (kweighting_db (&c, 5, rates[r]) < -30);
  }
}

static const test_case cases[] = {
  {"table_coefficients_at_48k", table_coefficients_at_48k},
  {"derived_coefficients", derived_coefficients},
  {"magnitude_response", magnitude_response},
  {"every_rate", every_rate},
};

TEST_MAIN (cases)
