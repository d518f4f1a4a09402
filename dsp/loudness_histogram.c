/* mixmaster DSP core: bounded-memory store of block loudness values.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "loudness_histogram.h"

#include <math.h>
#include <string.h>

#include "bs1770.h"

void
loudness_histogram_reset (loudness_histogram * h)
{
  memset (h, 0, sizeof (*h));
}

static int
bin_of_loudness (double loudness_lufs)
{
  double position = (loudness_lufs - LOUDNESS_HISTOGRAM_FLOOR_LUFS) /
      LOUDNESS_HISTOGRAM_BIN_LU;
  if (!(position > 0.0))
    return 0;
  if (position >= LOUDNESS_HISTOGRAM_BINS - 1)
    return LOUDNESS_HISTOGRAM_BINS - 1;
  return (int) position;
}

void
loudness_histogram_add (loudness_histogram * h, double block_power)
{
  int bin = bin_of_loudness (bs1770_loudness (block_power));
  h->bin_power[bin] += block_power;
  h->bin_count[bin]++;
  h->total_power += block_power;
  h->total_count++;
}

double
loudness_histogram_relative_gate (const loudness_histogram * h,
    double relative_gate_lu)
{
  if (h->total_count == 0)
    return -INFINITY;
  return bs1770_loudness (h->total_power / h->total_count) + relative_gate_lu;
}

/* The first bin whose blocks pass the gate. All blocks of a bin lie within
 * 0.01 LU of each other; the bin straddling the gate is judged by the
 * loudness of its mean power. */
static int
first_gated_bin (const loudness_histogram * h, double gate_lufs)
{
  int bin = bin_of_loudness (gate_lufs);
  if (h->bin_count[bin] > 0 &&
      bs1770_loudness (h->bin_power[bin] / h->bin_count[bin]) < gate_lufs)
    bin++;
  return bin;
}

double
loudness_histogram_gated_power (const loudness_histogram * h,
    double relative_gate_lu)
{
  double power = 0.0;
  uint64_t count = 0;

  if (h->total_count == 0)
    return 0.0;
  for (int bin = first_gated_bin (h, loudness_histogram_relative_gate (h,
              relative_gate_lu)); bin < LOUDNESS_HISTOGRAM_BINS; bin++) {
    power += h->bin_power[bin];
    count += h->bin_count[bin];
  }
  return count > 0 ? power / count : 0.0;
}

double
loudness_histogram_gated_percentile (const loudness_histogram * h,
    double relative_gate_lu, double percentile)
{
  int first;
  uint64_t count = 0, rank, seen = 0;

  if (h->total_count == 0)
    return -INFINITY;
  first = first_gated_bin (h, loudness_histogram_relative_gate (h,
          relative_gate_lu));
  for (int bin = first; bin < LOUDNESS_HISTOGRAM_BINS; bin++)
    count += h->bin_count[bin];
  if (count == 0)
    return -INFINITY;

  /* Tech 3342 section 5: sorted[round((n - 1) p + 1)], 1-based. */
  rank = (uint64_t) floor ((double) (count - 1) * percentile + 0.5);
  for (int bin = first; bin < LOUDNESS_HISTOGRAM_BINS; bin++) {
    seen += h->bin_count[bin];
    if (seen > rank)
      return bs1770_loudness (h->bin_power[bin] / h->bin_count[bin]);
  }
  return -INFINITY;             /* not reached: rank < count */
}
