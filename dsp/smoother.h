/* mixmaster DSP core: parameter smoothing.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A parameter that jumps (a property set from a user interface, an
 * automation step) moves to its new value along a straight line of fixed
 * duration instead, so the signal it controls has no step: the largest
 * change per sample is |new - old| / ramp_frames. A new target during a
 * ramp starts a new ramp from where the value is. Values snap to the
 * target at the end (x42's fil4 does the same), so a settled smoother
 * holds the exact target and costs nothing.
 */
#ifndef MIXMASTER_DSP_SMOOTHER_H
#define MIXMASTER_DSP_SMOOTHER_H

#include <stdbool.h>
#include <stddef.h>

typedef struct
{
  double value, target, step;
  size_t ramp_frames, left;
} smoother;

/* Starts settled at `value`; ramps last ramp_ms at rate_hz (>= 1 frame). */
void smoother_init (smoother * s, double value, double ramp_ms,
    double rate_hz);

/* Ramps to target; no-op if it is the target already. */
void smoother_set_target (smoother * s, double target);

/* Jumps to target (for the first value of a stream). */
void smoother_snap (smoother * s, double target);

/* Advances n frames; returns the value after them. */
double smoother_advance (smoother * s, size_t n);

/* Multiplies n frames of `channels` interleaved doubles by a gain moving
 * linearly from g0 (before the first frame) to g1 (at the last): a
 * smoother's value over a block, applied per sample. Nothing to do when
 * both are 1. */
void smoother_apply_ramp (double *frames, unsigned channels, size_t n,
    double g0, double g1);

static inline bool
smoother_is_settled (const smoother * s)
{
  return s->left == 0;
}

#endif
