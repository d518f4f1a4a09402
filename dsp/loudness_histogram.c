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
  h->page_power[bin / LOUDNESS_HISTOGRAM_PAGE_BINS] += block_power;
  h->page_count[bin / LOUDNESS_HISTOGRAM_PAGE_BINS]++;
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

/* Power and count of the blocks in bins first ... end: the bins up to
 * the first page boundary one by one, then whole pages. */
static void
sum_from (const loudness_histogram * h, int first, double *power,
    uint64_t * count)
{
  int page_end = (first / LOUDNESS_HISTOGRAM_PAGE_BINS + 1) *
      LOUDNESS_HISTOGRAM_PAGE_BINS;

  *power = 0.0;
  *count = 0;
  for (int bin = first; bin < page_end && bin < LOUDNESS_HISTOGRAM_BINS; bin++) {
    *power += h->bin_power[bin];
    *count += h->bin_count[bin];
  }
  for (int page = page_end / LOUDNESS_HISTOGRAM_PAGE_BINS;
      page < LOUDNESS_HISTOGRAM_PAGES; page++) {
    *power += h->page_power[page];
    *count += h->page_count[page];
  }
}

double
loudness_histogram_gated_power (const loudness_histogram * h,
    double relative_gate_lu)
{
  double power;
  uint64_t count;

  if (h->total_count == 0)
    return 0.0;
  sum_from (h, first_gated_bin (h, loudness_histogram_relative_gate (h,
              relative_gate_lu)), &power, &count);
  return count > 0 ? power / count : 0.0;
}

/* The bin holding the block of 0-based rank `rank` among the blocks from
 * bin `first` on: whole pages are skipped while they end before it. */
static int
bin_of_rank (const loudness_histogram * h, int first, uint64_t rank)
{
  int bin = first, page;
  uint64_t seen = 0;

  /* the first, partial page bin by bin */
  for (; bin < LOUDNESS_HISTOGRAM_BINS &&
      (bin == first || bin % LOUDNESS_HISTOGRAM_PAGE_BINS != 0); bin++) {
    seen += h->bin_count[bin];
    if (seen > rank)
      return bin;
  }
  for (page = bin / LOUDNESS_HISTOGRAM_PAGE_BINS;
      page < LOUDNESS_HISTOGRAM_PAGES &&
      seen + h->page_count[page] <= rank; page++)
    seen += h->page_count[page];
  for (bin = page * LOUDNESS_HISTOGRAM_PAGE_BINS;
      bin < LOUDNESS_HISTOGRAM_BINS; bin++) {
    seen += h->bin_count[bin];
    if (seen > rank)
      return bin;
  }
  return LOUDNESS_HISTOGRAM_BINS - 1;   /* not reached: rank < count */
}

double
loudness_histogram_gated_percentile (const loudness_histogram * h,
    double relative_gate_lu, double percentile)
{
  int first, bin;
  uint64_t count, rank;
  double power;

  if (h->total_count == 0)
    return -INFINITY;
  first = first_gated_bin (h, loudness_histogram_relative_gate (h,
          relative_gate_lu));
  sum_from (h, first, &power, &count);
  if (count == 0)
    return -INFINITY;

  /* Tech 3342 section 5: sorted[round((n - 1) p + 1)], 1-based. */
  rank = (uint64_t) floor ((double) (count - 1) * percentile + 0.5);
  bin = bin_of_rank (h, first, rank);
  return bs1770_loudness (h->bin_power[bin] / h->bin_count[bin]);
}
