/* mixmaster DSP core: filters whose design parameters are smoothed, and
 * run together as one biquad cascade.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A filter's frequency, gain and Q move along 20 ms ramps (smoother.h);
 * while they move it is redesigned at every smoothed_filter_advance()
 * (every block). A filter is "out" (costs nothing) while it would do
 * nothing: a high-pass under 1 Hz, a low-pass at or above 0.45 rate, a
 * band or tilt at 0 dB. Filters run as one cascade (biquad_cascade.h);
 * the junctions after a filter that is out take the history of the one
 * before it, so it comes back in (at a gain near 0 dB, a design near the
 * identity) continuing the signal without a step.
 */
#ifndef MIXMASTER_DSP_SMOOTHED_FILTER_H
#define MIXMASTER_DSP_SMOOTHED_FILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "biquad_cascade.h"
#include "eq_design.h"
#include "smoother.h"

typedef enum
{
  FILTER_HIGHPASS,              /* Butterworth, `order` sections */
  FILTER_LOWPASS,               /* Butterworth, one section */
  FILTER_LOW_SHELF,             /* RBJ, Butterworth Q */
  FILTER_PEAKING,               /* RBJ */
  FILTER_HIGH_SHELF,            /* RBJ, Butterworth Q */
  FILTER_TILT,                  /* eq_design_tilt(): gain is dB/oct, freq the pivot */
} filter_kind;

#define SMOOTHED_FILTER_MAX_SECTIONS \
  (EQ_MAX_TILT_SECTIONS > EQ_MAX_BUTTERWORTH_SECTIONS ? \
      EQ_MAX_TILT_SECTIONS : EQ_MAX_BUTTERWORTH_SECTIONS)
#define SMOOTHED_FILTER_MAX_CHANNELS BIQUAD_CASCADE_MAX_CHANNELS

typedef struct
{
  filter_kind kind;
  double rate;
  smoother freq, gain, q;
  unsigned order;               /* high-pass sections, 1 .. 4 */
  biquad_coeffs c[SMOOTHED_FILTER_MAX_SECTIONS];
  /* the signal after each section (after the filter, while it is out) */
  biquad_history history[SMOOTHED_FILTER_MAX_SECTIONS]
      [SMOOTHED_FILTER_MAX_CHANNELS];
  unsigned sections;
  bool active;
} smoothed_filter;

/* Settled at the values, out, silent. */
void smoothed_filter_init (smoothed_filter * f, filter_kind kind,
    double freq_hz, double gain_db, double q, double rate_hz);
/* New targets (ramped); order only for FILTER_HIGHPASS (switched). */
void smoothed_filter_set_targets (smoothed_filter * f, double freq_hz,
    double gain_db, double q);
void smoothed_filter_set_order (smoothed_filter * f, unsigned order);
bool smoothed_filter_is_settled (const smoothed_filter * f);
/* Silence in the histories. */
void smoothed_filter_clear (smoothed_filter * f);

/* Moves the parameters over n frames; redesigns and switches in or out. */
void smoothed_filter_advance (smoothed_filter * f, size_t n);

/* The active sections of `count` filters, in order, over n frames of
 * `channels` interleaved doubles in place, from the history `input` (the
 * cascade's own, one per channel). At most BIQUAD_CASCADE_MAX_SECTIONS
 * sections in all. */
void smoothed_filters_run (smoothed_filter * const *filters, int count,
    biquad_history * input, double *frames, unsigned channels, size_t n);

#endif
