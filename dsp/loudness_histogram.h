/* mixmaster DSP core: bounded-memory store of block loudness values.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Integrated loudness (BS.1770-4 section 2.8) and loudness range (EBU Tech
 * 3342) need every gating block of the programme, because the relative gate
 * depends on all of them. Keeping a list would grow without bound on a
 * playout chain that runs for weeks, so blocks are binned by loudness in
 * 0.01 LU bins. Unlike a plain count histogram, each bin also sums the exact
 * mean-square power of its blocks: gated means are then exact except for the
 * one bin straddling the gate, and percentiles are off by at most one bin
 * width. The memory is fixed (about 160 KiB) whatever the programme length.
 */
#ifndef MIXMASTER_DSP_LOUDNESS_HISTOGRAM_H
#define MIXMASTER_DSP_LOUDNESS_HISTOGRAM_H

#include <stdint.h>

#define LOUDNESS_HISTOGRAM_FLOOR_LUFS (-70.0)
#define LOUDNESS_HISTOGRAM_BIN_LU 0.01
/* Bins cover -70 ... +30 LUFS; louder blocks (float input far over full
 * scale) share the top bin, whose power sum stays exact. */
#define LOUDNESS_HISTOGRAM_BINS 10000
/* bins are also summed in pages, so a query reads about 200 sums, not
 * 10000 */
#define LOUDNESS_HISTOGRAM_PAGE_BINS 100
#define LOUDNESS_HISTOGRAM_PAGES \
    (LOUDNESS_HISTOGRAM_BINS / LOUDNESS_HISTOGRAM_PAGE_BINS)

typedef struct
{
  double bin_power[LOUDNESS_HISTOGRAM_BINS];    /* sum of block powers */
  uint64_t bin_count[LOUDNESS_HISTOGRAM_BINS];
  double page_power[LOUDNESS_HISTOGRAM_PAGES];
  uint64_t page_count[LOUDNESS_HISTOGRAM_PAGES];
  double total_power;
  uint64_t total_count;
} loudness_histogram;

void loudness_histogram_reset (loudness_histogram * h);

/* Adds one block given its channel-weighted mean square. The caller applies
 * the absolute gate; blocks below the floor land in the bottom bin. */
void loudness_histogram_add (loudness_histogram * h, double block_power);

/* Relative gate: the loudness of the power mean of all blocks, plus
 * relative_gate_lu (-10 for BS.1770, -20 for Tech 3342). -inf if empty. */
double loudness_histogram_relative_gate (const loudness_histogram * h,
    double relative_gate_lu);

/* Mean power of the blocks at or above the relative gate: the power whose
 * loudness is the integrated loudness. 0 if there is none. */
double loudness_histogram_gated_power (const loudness_histogram * h,
    double relative_gate_lu);

/* Loudness (LUFS) of the block at percentile (0..1) of the gated blocks,
 * with the rank rounding of Tech 3342's reference code. -inf if empty. */
double loudness_histogram_gated_percentile (const loudness_histogram * h,
    double relative_gate_lu, double percentile);

#endif
