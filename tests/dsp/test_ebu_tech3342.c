/* EBU Tech 3342 loudness-range cases 1-4, synthesized (1 kHz stereo sine,
 * 20 s per level). Tolerance +-1 LU per the Tech; the reference meter reads
 * exactly 10, 5, 20 and 15 LU, which is checked to 0.05 LU as well.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
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

static const test_case cases[] = {
  {"case_1", case_1}, {"case_2", case_2}, {"case_3", case_3},
  {"case_4", case_4},
};

TEST_MAIN (cases)
