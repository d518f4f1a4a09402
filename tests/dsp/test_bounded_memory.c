/* Bounded memory and no allocation while streaming. Integrated loudness
 * and loudness range of a long programme with bounded memory: the meter's histogram results must stay within 0.05 LU of the
 * exact computation over every block, and feeding and querying must never
 * allocate. The exact reference here keeps every block, sorts, and gates
 * per BS.1770-4 section 2.8 and the Tech 3342 reference code.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc so the test
 * counts every allocation the DSP code makes.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "bs1770.h"
#include "kweighting.h"
#include "limiter.h"
#include "loudness_meter.h"
#include "signals.h"
#include "testing.h"

void *__real_malloc (size_t size);
void *__real_calloc (size_t n, size_t size);
void *__real_realloc (void *p, size_t size);
void *__wrap_malloc (size_t size);
void *__wrap_calloc (size_t n, size_t size);
void *__wrap_realloc (void *p, size_t size);

static unsigned long allocations;

void *
__wrap_malloc (size_t size)
{
  allocations++;
  return __real_malloc (size);
}

void *
__wrap_calloc (size_t n, size_t size)
{
  allocations++;
  return __real_calloc (n, size);
}

void *
__wrap_realloc (void *p, size_t size)
{
  allocations++;
  return __real_realloc (p, size);
}

#define RATE 8000
#define CHANNELS 2
#define MINUTES 40
#define STEP (RATE / 10)        /* 100 ms */

/* Noise whose level jumps every 0.2-8 s between -60 and -5 dBFS, with
 * stretches of silence: gates and percentiles all have work to do. */
static void
programme_chunk (float *x, size_t frames, unsigned long long *seed,
    size_t *left_in_segment, double *gain)
{
  for (size_t i = 0; i < frames; i++) {
    if (*left_in_segment == 0) {
      double u = 0.5 * (noise_uniform (seed) + 1.0);
      *left_in_segment = (size_t) ((0.2 + 7.8 * u) * RATE);
      u = 0.5 * (noise_uniform (seed) + 1.0);
      *gain = u < 0.1 ? 0.0 : pow (10.0, (-60.0 + 55.0 * u) / 20.0);
    }
    (*left_in_segment)--;
    for (unsigned c = 0; c < CHANNELS; c++)
      x[i * CHANNELS + c] = (float) (*gain * noise_uniform (seed));
  }
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Mean power of the blocks above gate_lufs (strictly, or inclusively). */
static double
gated_mean (const double *power, size_t n, double gate_lufs, int inclusive)
{
  double sum = 0.0;
  size_t count = 0;
  for (size_t i = 0; i < n; i++) {
    double l = bs1770_loudness (power[i]);
    if (l > gate_lufs || (inclusive && l == gate_lufs)) {
      sum += power[i];
      count++;
    }
  }
  return count ? sum / count : 0.0;
}

static void
long_programme_matches_exact (void)
{
  const size_t steps = (size_t) MINUTES * 600;
  double *step_energy = __real_malloc (steps * sizeof (double));
  double *blocks = __real_malloc (steps * sizeof (double));
  double *short_terms = __real_malloc (steps * sizeof (double));
  float x[STEP * CHANNELS], channel[STEP];
  kweighting_coeffs kc;
  kweighting_state ks[CHANNELS] = { 0 };
  unsigned long long seed = 7;
  size_t left = 0, n_blocks = 0, n_short = 0;
  double gain = 0.0;
  loudness_meter *m = loudness_meter_new (CHANNELS, RATE);

  kweighting_design (&kc, RATE);
  unsigned long before = allocations;
  for (size_t s = 0; s < steps; s++) {
    programme_chunk (x, STEP, &seed, &left, &gain);
    loudness_meter_add_f32 (m, x, STEP);
    if (s % 600 == 0)
      (void) loudness_meter_loudness_range (m);
    step_energy[s] = 0.0;
    for (unsigned c = 0; c < CHANNELS; c++) {
      for (size_t i = 0; i < STEP; i++)
        channel[i] = x[i * CHANNELS + c];
      step_energy[s] += kweighting_energy (&kc, &ks[c], channel, STEP);
    }
    /* a 400 ms block and a 3 s window end at every 100 ms step */
    if (s >= 3) {
      double e = 0.0;
      for (size_t j = s - 3; j <= s; j++)
        e += step_energy[j];
      if (bs1770_loudness (e / (4 * STEP)) > -70.0)
        blocks[n_blocks++] = e / (4 * STEP);
    }
    if (s >= 29) {
      double e = 0.0;
      for (size_t j = s - 29; j <= s; j++)
        e += step_energy[j];
      if (bs1770_loudness (e / (30 * STEP)) >= -70.0)
        short_terms[n_short++] = e / (30 * STEP);
    }
  }
  (void) loudness_meter_integrated (m);
  CHECK (allocations == before);

  /* BS.1770-4 eq. 6/7 */
  double ungated = gated_mean (blocks, n_blocks, -INFINITY, 0);
  double exact_i = bs1770_loudness (gated_mean (blocks, n_blocks,
          bs1770_loudness (ungated) - 10.0, 0));
  /* Tech 3342: relative gate -20 LU (>=), 10th and 95th percentiles */
  double st_mean = gated_mean (short_terms, n_short, -INFINITY, 0);
  double gate = bs1770_loudness (st_mean) - 20.0;
  size_t n = 0;
  for (size_t i = 0; i < n_short; i++)
    if (bs1770_loudness (short_terms[i]) >= gate)
      short_terms[n++] = bs1770_loudness (short_terms[i]);
  qsort (short_terms, n, sizeof (double), compare_doubles);
  double exact_lra = short_terms[(size_t) floor ((n - 1) * 0.95 + 0.5)] -
      short_terms[(size_t) floor ((n - 1) * 0.10 + 0.5)];

  printf ("  %zu gating blocks, %zu short-term values\n", n_blocks, n_short);
  CHECK (n_blocks > 10000);
  CHECK_NEAR (loudness_meter_integrated (m), exact_i, 0.05);
  CHECK_NEAR (loudness_meter_loudness_range (m), exact_lra, 0.05);
  CHECK_NEAR (loudness_meter_relative_threshold (m),
      bs1770_loudness (ungated) - 10.0, 0.05);
  CHECK (exact_lra > 10.0);

  loudness_meter_free (m);
  free (step_energy);
  free (blocks);
  free (short_terms);
}

/* The limiter allocates in limiter_new() only. */
static void
limiter_never_allocates (void)
{
  float x[4096 * CHANNELS];
  unsigned long long seed = 3;
  limiter *l = limiter_new (CHANNELS, RATE, 5.0);
  unsigned long before = allocations;
  for (int block = 0; block < 200; block++) {
    for (size_t i = 0; i < 4096 * CHANNELS; i++)
      x[i] = (float) (2.0 * noise_uniform (&seed));
    limiter_set_ceiling_db (l, -1.0 - block % 3);
    limiter_process_f32 (l, x, 4096);
  }
  (void) limiter_max_gain_reduction_db (l);
  CHECK (allocations == before);
  CHECK (limiter_max_gain_reduction_db (l) > 5.0);
  limiter_free (l);
}

static const test_case cases[] = {
  {"long_programme_matches_exact", long_programme_matches_exact},
  {"limiter_never_allocates", limiter_never_allocates},
};

TEST_MAIN (cases)
