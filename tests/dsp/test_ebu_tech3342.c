/* EBU Tech 3342 loudness-range cases 1-4, synthesized (1 kHz stereo sine,
 * 20 s per level). Tolerance +-1 LU per the Tech; the reference meter reads
 * exactly 10, 5, 20 and 15 LU, which is checked to 0.05 LU as well.
 * Their steps put nearly every short-term value on a level, so the
 * percentiles hardly matter: a ramp spreads them evenly, and there the
 * range follows from the gate and the two percentiles in closed form.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <ebur128.h>
#include <math.h>
#include <stdlib.h>

#include "loudness_meter.h"
#include "signals.h"
#include "testing.h"

static void
check_range_of (const double *levels, size_t n, double expected_lu)
{
  const unsigned rates[] = { 44100, 48000 };
  tone_segment s[8];
  for (size_t i = 0; i < n; i++)
    s[i] = (tone_segment) {
    20.0, levels[i]};

  for (size_t r = 0; r < 2; r++) {
    size_t frames;
    float *mono = tone_sequence (rates[r], 1000.0, s, n, &frames);
    float *stereo = interleave_copies (mono, frames, 2, NULL);
    loudness_meter *m = loudness_meter_new (2, rates[r]);
    loudness_meter_add_f32 (m, stereo, frames);
    CHECK_NEAR (loudness_meter_loudness_range (m), expected_lu, 1.0);
    CHECK_NEAR (loudness_meter_loudness_range (m), expected_lu, 0.05);
    loudness_meter_free (m);
    free (mono);
    free (stereo);
  }
}

static void
case_1 (void)
{
  const double levels[] = { -20.0, -30.0 };
  check_range_of (levels, 2, 10.0);
}

static void
case_2 (void)
{
  const double levels[] = { -20.0, -15.0 };
  check_range_of (levels, 2, 5.0);
}

static void
case_3 (void)
{
  const double levels[] = { -40.0, -20.0 };
  check_range_of (levels, 2, 20.0);
}

static void
case_4 (void)
{
  const double levels[] = { -50.0, -35.0, -20.0, -35.0, -50.0 };
  check_range_of (levels, 5, 15.0);
}

/* A 1 kHz stereo sine whose level rises 0.25 dB/s from -60 to -10 dBFS
 * over 200 s. Its power grows as exp(k t), so every 3 s short-term mean is
 * the level at its end plus one constant: the short-term values, from
 * t = 3 s on, spread evenly over a span W = 0.25 (200 - 3) dB ending at
 * the top B. Their power mean is B + 10 log10((1 - 10^(-W/10)) /
 * (W ln(10)/10)) (the mean of exp over a uniform span); Tech 3342 gates
 * 20 LU under it (all lie over the -70 LUFS gate) and takes the 10th to
 * 95th percentile of what remains, uniform over [gate, B]:
 *   LRA = 0.85 (B - gate) = 0.85 (20 - 10 log10((1 - 10^(-W/10)) /
 *         (W ln(10)/10))) = 25.96 LU.
 * Our meter reads it within 0.1 LU (90th for 95th would read 24.44, a
 * -9 LU gate 16.61); libebur128 within 0.25 LU, as it takes a short-term
 * value each second, not each 0.1 s, and so its percentiles fall on a
 * 0.25 dB grid. */
static void
ramp_spreads_the_percentiles (void)
{
  const unsigned rate = 48000;
  const double seconds = 200.0, start_db = -60.0, slope_db = 0.25;
  const double span = slope_db * (seconds - 3.0);
  const double mean_under_top = 10.0 * log10 ((1.0 - pow (10.0,
              -span / 10.0)) / (span * log (10.0) / 10.0));
  const double expected = 0.85 * (20.0 - mean_under_top);
  loudness_meter *m = loudness_meter_new (2, rate);
  ebur128_state *e = ebur128_init (2, rate, EBUR128_MODE_LRA);
  size_t frames = (size_t) (seconds * rate);
  double block[2 * 4800], theirs = NAN;

  for (size_t at = 0; at < frames; at += 4800) {
    for (size_t i = 0; i < 4800; i++) {
      double t = (double) (at + i) / rate;
      double amplitude = pow (10.0, (start_db + slope_db * t) / 20.0);
      block[2 * i] = block[2 * i + 1] = amplitude *
          sin (2.0 * M_PI * 1000.0 * t);
    }
    loudness_meter_add_f64 (m, block, 4800);
    ebur128_add_frames_double (e, block, 4800);
  }
  ebur128_loudness_range (e, &theirs);
  CHECK_NEAR (expected, 25.96, 0.01);
  CHECK_NEAR (loudness_meter_loudness_range (m), expected, 0.1);
  CHECK_NEAR (theirs, expected, 0.25);
  loudness_meter_free (m);
  ebur128_destroy (&e);
}

static const test_case cases[] = {
  {"case_1", case_1}, {"case_2", case_2}, {"case_3", case_3},
  {"case_4", case_4}, {"ramp_spreads_the_percentiles",
      ramp_spreads_the_percentiles},
};

TEST_MAIN (cases)
