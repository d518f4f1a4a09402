/* The biquad cascade (direct form I, b0 factored out, junction histories)
 * against the plain transposed-direct-form-II biquad of biquad.h run
 * section after section, and its junction rule for sections that leave
 * and rejoin a cascade.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "biquad_cascade.h"
#include "eq_design.h"
#include "testing.h"

#define RATE 48000.0
#define FRAMES 9600

/* A band-limited test signal with a DC offset and a loud start, per
 * channel different. */
static double
test_sample (size_t i, unsigned ch)
{
  double t = (double) i / RATE;
  return 0.3 * sin (2.0 * M_PI * (55.0 + 40.0 * ch) * t) +
      0.2 * sin (2.0 * M_PI * 3100.0 * t + ch) + 0.05 + (i < 100 ? 0.4 : 0.0);
}

/* Six sections as a channel strip has them: a 24 dB/oct high-pass, both
 * shelves, two peaks. */
static void
design_six (biquad_coeffs c[6])
{
  eq_design_butterworth_highpass (c, 2, 80.0, RATE);
  eq_design_low_shelf (&c[2], 120.0, EQ_BUTTERWORTH_Q, 4.0, RATE);
  eq_design_peaking (&c[3], 450.0, 1.4, -6.0, RATE);
  eq_design_peaking (&c[4], 2500.0, 0.7, 9.0, RATE);
  eq_design_high_shelf (&c[5], 9000.0, EQ_BUTTERWORTH_Q, -12.0, RATE);
}

/* The cascade over x (in place), in blocks of `block` frames. */
static void
run_cascade (const biquad_coeffs * c, unsigned sections, double *x,
    unsigned channels, size_t frames, size_t block)
{
  biquad_history history[BIQUAD_CASCADE_MAX_SECTIONS + 1][2];
  biquad_cascade cascade = {.sections = sections };

  memset (history, 0, sizeof (history));
  for (unsigned k = 0; k < sections; k++)
    cascade.coeffs[k] = &c[k];
  for (unsigned j = 0; j <= sections; j++)
    cascade.history[j] = history[j];
  for (size_t done = 0; done < frames; done += block) {
    size_t n = frames - done < block ? frames - done : block;
    biquad_cascade_process (&cascade, x + done * channels, channels, n);
  }
}

static double
worst_difference (unsigned channels, unsigned sections, size_t block)
{
  biquad_coeffs c[6];
  biquad_state state[6][2];
  double *x = malloc (FRAMES * channels * sizeof (double));
  double worst = 0.0;

  design_six (c);
  memset (state, 0, sizeof (state));
  for (size_t i = 0; i < FRAMES; i++)
    for (unsigned ch = 0; ch < channels; ch++)
      x[i * channels + ch] = test_sample (i, ch);
  run_cascade (c, sections, x, channels, FRAMES, block);
  for (size_t i = 0; i < FRAMES; i++)
    for (unsigned ch = 0; ch < channels; ch++) {
      double y = test_sample (i, ch);
      for (unsigned k = 0; k < sections; k++)
        y = biquad_tick (&c[k], &state[k][ch], y);
      worst = fmax (worst, fabs (x[i * channels + ch] - y));
    }
  free (x);
  return worst;
}

/* Every section count, mono and stereo, in blocks of 1, 7 and 256 frames:
 * the same output as the biquads one after another, to rounding. */
static void
matches_transposed_form (void)
{
  const size_t blocks[] = { 1, 7, 256 };

  for (unsigned channels = 1; channels <= 2; channels++)
    for (unsigned sections = 1; sections <= 6; sections++)
      for (size_t b = 0; b < 3; b++)
        CHECK_RANGE (worst_difference (channels, sections, blocks[b]), 0.0,
            1e-12);
}

/* An identity section (a 0 dB peak) joins the cascade mid-stream with the
 * junction rule (its output junction holds the history of its input):
 * the output goes on as if it had always been there. Leaving, likewise. */
static void
identity_joins_without_a_step (void)
{
  biquad_coeffs c[2];
  biquad_history input[2], after_shelf[2], after_peak[2];
  double reference[512 * 2], x[512 * 2], worst = 0.0;
  biquad_cascade one = {.sections = 1,.coeffs = {&c[0]},
  .history = {input, after_shelf}
  };
  biquad_cascade two = {.sections = 2,.coeffs = {&c[0], &c[1]},
  .history = {input, after_shelf, after_peak}
  };
  biquad_history ref_history[2][2];
  biquad_cascade ref = {.sections = 1,.coeffs = {&c[0]},
  .history = {ref_history[0], ref_history[1]}
  };

  eq_design_low_shelf (&c[0], 200.0, EQ_BUTTERWORTH_Q, 6.0, RATE);
  eq_design_peaking (&c[1], 1000.0, 1.0, 0.0, RATE);
  memset (input, 0, sizeof (input));
  memset (after_shelf, 0, sizeof (after_shelf));
  memset (ref_history, 0, sizeof (ref_history));
  for (size_t i = 0; i < 512; i++)
    for (unsigned ch = 0; ch < 2; ch++)
      reference[2 * i + ch] = x[2 * i + ch] = test_sample (i, ch);
  biquad_cascade_process (&ref, reference, 2, 512);
  biquad_cascade_process (&one, x, 2, 100);
  memcpy (after_peak, after_shelf, sizeof (after_peak));
  biquad_cascade_process (&two, x + 200, 2, 300);
  biquad_cascade_process (&one, x + 800, 2, 112);
  for (size_t i = 0; i < 1024; i++)
    worst = fmax (worst, fabs (x[i] - reference[i]));
  CHECK_RANGE (worst, 0.0, 1e-12);
}

/* With no section, the cascade only remembers its input; a non-finite
 * history is zeroed, so it poisons one block at most. */
static void
no_sections_and_bad_history (void)
{
  biquad_coeffs c;
  biquad_history h[2][2];
  double x[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
  biquad_cascade none = {.sections = 0,.history = {h[0]} };
  biquad_cascade one = {.sections = 1,.coeffs = {&c},.history = {h[0], h[1]}
  };

  memset (h, 0, sizeof (h));
  biquad_cascade_process (&none, x, 2, 4);
  CHECK_NEAR (h[0][0].z1, 7.0, 0.0);
  CHECK_NEAR (h[0][0].z2, 5.0, 0.0);
  CHECK_NEAR (h[0][1].z1, 8.0, 0.0);
  CHECK_NEAR (h[0][1].z2, 6.0, 0.0);
  CHECK_NEAR (x[7], 8.0, 0.0);

  eq_design_peaking (&c, 1000.0, 1.0, 6.0, RATE);
  h[1][0].z1 = NAN;
  h[1][1].z2 = INFINITY;
  biquad_cascade_process (&one, x, 2, 4);
  for (unsigned j = 0; j < 2; j++)
    for (unsigned ch = 0; ch < 2; ch++)
      CHECK (isfinite (h[j][ch].z1) && isfinite (h[j][ch].z2));
  for (int i = 0; i < 8; i++)
    x[i] = 0.5;
  biquad_cascade_process (&one, x, 2, 4);
  for (int i = 0; i < 8; i++)
    CHECK (isfinite (x[i]));
}

static const test_case cases[] = {
  {"matches_transposed_form", matches_transposed_form},
  {"identity_joins_without_a_step", identity_joins_without_a_step},
  {"no_sections_and_bad_history", no_sections_and_bad_history},
};

TEST_MAIN (cases)
