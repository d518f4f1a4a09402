/* mixmaster DSP core: biquad sections in series over a block of mono or
 * stereo frames.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A channel strip runs up to eight biquads on every sample (high-pass
 * slope, low-pass, four EQ bands). Run one after another, each filter
 * waits on its own feedback at every sample. Here all sections step
 * within one loop over the frames, so the CPU overlaps the sections'
 * recursions, and the two channels of a stereo frame share each SIMD
 * instruction.
 *
 * The sections run in direct form I:
 *   y[n] = b0 x[n] + b1 x[n-1] + b2 x[n-2] - a2 y[n-2] - a1 y[n-1].
 * Everything but the last term is ready before y[n-1] is, so a sample
 * waits on its predecessor for one multiply-add; in transposed direct
 * form II (biquad.h) it waits for three operations (y feeds s1, s1 feeds
 * the next y). A section's output history is the next section's input
 * history, so a cascade keeps one history per junction. In double
 * precision the forms agree to rounding (tests/dsp/test_biquad_cascade.c).
 *
 * Sections can be left out of a cascade and put back without a click:
 * while out, give the junction after a section the history of the one
 * before it (the signal there is the same); a section whose design is the
 * identity (b = a, as a 0 dB peaking or shelving band is) then continues
 * the signal exactly when it comes back.
 */
#ifndef MIXMASTER_DSP_BIQUAD_CASCADE_H
#define MIXMASTER_DSP_BIQUAD_CASCADE_H

#include <stddef.h>

#include "biquad.h"

#define BIQUAD_CASCADE_MAX_SECTIONS 16
#define BIQUAD_CASCADE_MAX_CHANNELS 2
/* A section's b0 is at least this in magnitude (every design of
 * eq_design.h has b0 > 0); a smaller one counts as this. */
#define BIQUAD_CASCADE_MIN_B0 1e-12

/* The signal at a junction, one channel. */
typedef struct
{
  double z1, z2;                /* one and two samples ago */
} biquad_history;

typedef struct
{
  unsigned sections;            /* 0 .. BIQUAD_CASCADE_MAX_SECTIONS */
  const biquad_coeffs *coeffs[BIQUAD_CASCADE_MAX_SECTIONS];
  /* history[0]: the cascade's input; history[k + 1]: section k's output.
   * Each points to one history per channel. */
  biquad_history *history[BIQUAD_CASCADE_MAX_SECTIONS + 1];
} biquad_cascade;

/* Filters n frames of `channels` (1 or 2) interleaved doubles in place
 * through the sections in order, and updates every junction's history
 * (with no sections, the input's). Histories that went non-finite or
 * subnormal are zeroed at the end (biquad_sanitized()). */
void biquad_cascade_process (const biquad_cascade * cascade, double *frames,
    unsigned channels, size_t n);

#endif
