/* Dynamics against Giannoulis, Massberg & Reiss (JAES 2012): the gain
 * computer's test vectors, the static curve measured with steady sines,
 * attack and release time constants, the gate's range, ratio and hold,
 * parallel compression at mix 0, the RMS detector and the side-chain
 * high-pass.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dynamics.h"
#include "testing.h"

#define RATE 48000

/* The soft-knee gain computer of Giannoulis, Massberg and Reiss, "Digital
 * Dynamic Range Compressor Design - A Tutorial and Analysis", JAES 60(6),
 * 2012, evaluated at these points (T = -20 dB, R = 4, W = 10 dB) */
static void
compressor_curve_vectors (void)
{
  static const double x[] = { -30, -25, -20, -15, -10, 0 };
  static const double y[] = { -30, -25, -20.9375, -18.75, -17.5, -15 };

  for (size_t i = 0; i < 6; i++)
    CHECK_NEAR (dynamics_compressor_curve_db (x[i], -20, 4, 10), y[i], 1e-12);
  CHECK_NEAR (dynamics_compressor_curve_db (-10, -20, 4, 0), -17.5, 1e-12);
  CHECK_NEAR (dynamics_compressor_curve_db (0, -20, 4, 0), -15, 1e-12);
  /* at the threshold the gain is (1/R - 1) W / 8 */
  CHECK_NEAR (dynamics_compressor_curve_db (-20, -20, 4, 10) + 20,
      (0.25 - 1) * 10 / 8, 1e-12);
  /* continuous at both knee edges */
  CHECK_NEAR (dynamics_compressor_curve_db (-25 - 1e-9, -20, 4, 10),
      dynamics_compressor_curve_db (-25 + 1e-9, -20, 4, 10), 1e-8);
  CHECK_NEAR (dynamics_compressor_curve_db (-15 - 1e-9, -20, 4, 10),
      dynamics_compressor_curve_db (-15 + 1e-9, -20, 4, 10), 1e-8);
  /* a limiter: R = infinity */
  CHECK_NEAR (dynamics_compressor_curve_db (-3, -6, INFINITY, 0), -6, 1e-12);
}

static void
gate_curve (void)
{
  CHECK_NEAR (dynamics_gate_gain_db (-30, -40, 1, 30), 0.0, 0.0);
  CHECK_NEAR (dynamics_gate_gain_db (-41, -40, 1, 30), -30.0, 0.0);
  CHECK_NEAR (dynamics_gate_gain_db (-50, -40, 2, 30), -10.0, 1e-12);
  CHECK_NEAR (dynamics_gate_gain_db (-90, -40, 2, 30), -30.0, 1e-12);
}

/* Output peak over input peak, dB, of a steady sine after settling. */
static double
steady_gain_db (dynamics * d, double peak_dbfs, double hz)
{
  const size_t frames = RATE, settle = RATE / 2;
  float *x = malloc (frames * 2 * sizeof (float));
  double amplitude = pow (10.0, peak_dbfs / 20.0), out = 0.0;

  dynamics_reset (d);
  for (size_t i = 0; i < frames; i++)
    x[2 * i] = x[2 * i + 1] = (float) (amplitude * sin (2 * M_PI * hz * i /
            RATE));
  dynamics_process_f32 (d, x, frames);
  for (size_t i = settle; i < frames; i++)
    out = fmax (out, fabs (x[2 * i]));
  free (x);
  return 20.0 * log10 (out / amplitude);
}

/* The static curve of Giannoulis, Massberg and Reiss (2012), eq. (4),
 * written here again so that the measured curve does not check itself:
 * under T - W/2 unchanged, over T + W/2 the ratio, in between
 * x + (1/R - 1) (x - T + W/2)^2 / (2 W). */
static double
gmr_soft_knee_db (double x, double t, double r, double w)
{
  if (x - t < -w / 2.0)
    return x;
  if (x - t > w / 2.0)
    return t + (x - t) / r;
  return x + (1.0 / r - 1.0) * pow (x - t + w / 2.0, 2.0) / (2.0 * w);
}

/* Steady sines from -60 to 0 dBFS (in 1 dB steps, so five fall in the
 * knee), peak detector: the gain is the static curve's at the sine's
 * peak, soft knee included, within 0.1 dB. */
static void
static_curve_measured (void)
{
  dynamics *d = dynamics_new_compressor (2, RATE);
  compressor_params p = { -24, 3, 8, 1, 300, 0, 1, 0, DYNAMICS_DETECT_PEAK };

  dynamics_set_compressor (d, &p);
  for (double level = -60; level <= 0; level += 1)
    CHECK_NEAR (steady_gain_db (d, level, 997.0),
        gmr_soft_knee_db (level, -24, 3, 8) - level, 0.1);
  dynamics_free (d);
}

/* Frames until the reduction, following a step of its target from `from`
 * to `to`, has gone 1 - 1/e of the way. */
static double
time_constant_ms (dynamics * d, double before_dbfs, double after_dbfs)
{
  const size_t frames = RATE;
  float *x = malloc (frames * 2 * sizeof (float));
  double from, to, crossed = NAN;

  for (size_t i = 0; i < frames * 2; i++)
    x[i] = (float) pow (10.0, before_dbfs / 20.0);
  dynamics_process_f32 (d, x, frames);
  from = dynamics_reduction_db (d);
  for (size_t i = 0; i < frames * 2; i++)
    x[i] = (float) pow (10.0, after_dbfs / 20.0);
  for (size_t i = 0; i < frames && isnan (crossed); i++) {
    dynamics_process_f32 (d, x + 2 * i, 1);
    to = dynamics_reduction_db (d);
    if (fabs (to - from) >= (1.0 - exp (-1.0)) * 7.5)
      crossed = (i + 1) * 1000.0 / RATE;
  }
  free (x);
  return crossed;
}

/* Hard knee, T = -20, R = 4: a step from -40 to -10 dBFS asks for 7.5 dB
 * of reduction; 63.2 % of it takes tau_A, and back tau_R (10 %). */
static void
attack_and_release (void)
{
  dynamics *d = dynamics_new_compressor (2, RATE);
  compressor_params p = { -20, 4, 0, 10, 200, 0, 1, 0, DYNAMICS_DETECT_PEAK };
  double attack, release;

  dynamics_set_compressor (d, &p);
  attack = time_constant_ms (d, -40, -10);
  release = time_constant_ms (d, -10, -40);
  CHECK_NEAR (attack, 10.0, 1.0);
  CHECK_NEAR (release, 200.0, 20.0);
  /* GMR's vector: after exactly tau_A fs samples, 4.741 dB */
  dynamics_reset (d);
  for (int i = 0; i < RATE / 100; i++) {
    float y[2] = { (float) pow (10.0, -10.0 / 20.0), 0.0f };
    dynamics_process_f32 (d, y, 1);
  }
  CHECK_NEAR (dynamics_reduction_db (d), 4.741, 0.001);
  dynamics_free (d);
}

static void
mix_zero_is_transparent (void)
{
  dynamics *d = dynamics_new_compressor (2, RATE);
  compressor_params p = { -40, 8, 0, 1, 50, 6, 0.0, 0, DYNAMICS_DETECT_PEAK };
  float x[2 * 4800], y[2 * 4800];

  for (size_t i = 0; i < 2 * 4800; i++)
    x[i] = y[i] = (float) (0.9 * sin (i * 0.01));
  dynamics_set_compressor (d, &p);
  dynamics_process_f32 (d, y, 4800);
  CHECK (memcmp (x, y, sizeof (x)) == 0);
  /* and mix 0.5 is half of each */
  p.mix = 0.5;
  p.makeup_db = 0.0;
  dynamics_set_compressor (d, &p);
  dynamics_process_f32 (d, y, 4800);
  CHECK_RANGE (y[2 * 4799] / x[2 * 4799], 0.5, 1.0);
  dynamics_free (d);
}

/* Level sequence: loud, then quiet: the gate holds, then closes to the
 * range; loud again, it opens with the attack. */
static void
gate_range_and_hold (void)
{
  dynamics *d = dynamics_new_gate (1, RATE);
  gate_params p = { -40, 30, 1, 1, 50, 20 };
  size_t step = RATE / 2;
  float *x = malloc (3 * step * sizeof (float));

  dynamics_set_gate (d, &p);
  for (size_t i = 0; i < 3 * step; i++)
    x[i] = (float) (i < step || i >= 2 * step ? 0.1 : 0.001);
  dynamics_process_f32 (d, x, 3 * step);
  /* open while loud */
  CHECK_NEAR (20 * log10 (x[step - 1] / 0.1), 0.0, 0.01);
  /* held for 50 ms after the drop */
  CHECK_NEAR (20 * log10 (x[step + RATE * 45 / 1000] / 0.001), 0.0, 0.01);
  /* then closed to the range */
  CHECK_NEAR (20 * log10 (x[2 * step - 1] / 0.001), -30.0, 0.05);
  /* open again after a few attack constants */
  CHECK_NEAR (20 * log10 (x[2 * step + RATE / 100] / 0.1), 0.0, 0.05);
  /* an expander 1:2 instead: -50 dBFS is 10 dB under -40, taken 10 more */
  p.ratio = 2;
  dynamics_set_gate (d, &p);
  dynamics_reset (d);
  for (size_t i = 0; i < step; i++)
    x[i] = (float) pow (10.0, -50.0 / 20.0);
  dynamics_process_f32 (d, x, step);
  CHECK_NEAR (20 * log10 (x[step - 1]) + 50.0, -10.0, 0.05);
  free (x);
  dynamics_free (d);
}

/* RMS detector: a sine peaking at -10 dBFS is -13.01 dB RMS; the side-chain
 * high-pass makes a 50 Hz tone nearly invisible to the detector. */
static void
rms_and_sidechain (void)
{
  dynamics *d = dynamics_new_compressor (2, RATE);
  compressor_params p = { -20, 4, 0, 5, 100, 0, 1, 0, DYNAMICS_DETECT_RMS };
  double rms = 20 * log10 (pow (10.0, -10.0 / 20.0) / sqrt (2.0));

  dynamics_set_compressor (d, &p);
  CHECK_NEAR (steady_gain_db (d, -10, 997.0), (rms + 20) * (0.25 - 1), 0.25);
  /* a slow release, so that the peak detector holds across a 50 Hz cycle */
  p.detector = DYNAMICS_DETECT_PEAK;
  p.release_ms = 2000;
  dynamics_set_compressor (d, &p);
  CHECK_NEAR (steady_gain_db (d, -10, 50.0), -7.5, 0.25);
  p.sidechain_highpass_hz = 1000.0;
  dynamics_set_compressor (d, &p);
  CHECK_RANGE (steady_gain_db (d, -10, 50.0), -0.5, 0.0);
  dynamics_free (d);
}

/* The setters hold every parameter to its range (dsp/range.h): NaN is the
 * default, a value outside is the nearer end. A ratio of 0 is 1 (off), a
 * NaN threshold the gate's -100 dBFS (off), a negative hold none: both
 * then pass a sine untouched. */
static void
setters_hold_their_preconditions (void)
{
  compressor_params c = compressor_params_default ();
  gate_params g = gate_params_default ();
  dynamics *comp = dynamics_new_compressor (1, RATE);
  dynamics *gate = dynamics_new_gate (1, RATE);
  double x[4800], y[4800], z[4800];

  c.threshold_db = NAN;
  c.ratio = 0.0;
  c.knee_db = -6.0;
  c.attack_ms = 0.0;
  c.release_ms = -1.0;
  c.makeup_db = NAN;
  c.mix = NAN;
  g.threshold_db = NAN;
  g.range_db = -10.0;
  g.ratio = 0.0;
  g.attack_ms = 0.0;
  g.hold_ms = -50.0;
  g.release_ms = 0.0;
  dynamics_set_compressor (comp, &c);
  dynamics_set_gate (gate, &g);
  for (size_t i = 0; i < 4800; i++)
    x[i] = y[i] = z[i] = 0.5 * sin (2.0 * M_PI * 1000.0 * i / RATE);
  dynamics_process_f64 (comp, y, 4800);
  dynamics_process_f64 (gate, z, 4800);
  for (size_t i = 0; i < 4800; i++) {
    CHECK_NEAR (y[i], x[i], 1e-12);
    CHECK_NEAR (z[i], x[i], 1e-12);
  }
  dynamics_free (comp);
  dynamics_free (gate);
}

static const test_case cases[] = {
  {"compressor_curve_vectors", compressor_curve_vectors},
  {"gate_curve", gate_curve},
  {"static_curve_measured", static_curve_measured},
  {"attack_and_release", attack_and_release},
  {"mix_zero_is_transparent", mix_zero_is_transparent},
  {"gate_range_and_hold", gate_range_and_hold},
  {"rms_and_sidechain", rms_and_sidechain},
  {"setters_hold_their_preconditions", setters_hold_their_preconditions},
};

TEST_MAIN (cases)
