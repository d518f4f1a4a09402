/* mixmaster DSP core: parameter smoothing.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "smoother.h"

#include <math.h>

void
smoother_init (smoother * s, double value, double ramp_ms, double rate_hz)
{
  double frames = round (ramp_ms * rate_hz / 1000.0);
  s->ramp_frames = frames < 1.0 ? 1 : (size_t) frames;
  smoother_snap (s, value);
}

void
smoother_set_target (smoother * s, double target)
{
  /* NaN is no target: the ramp goes on */
  if (target == s->target || isnan (target))
    return;
  s->target = target;
  s->left = s->ramp_frames;
  s->step = (target - s->value) / (double) s->ramp_frames;
}

void
smoother_snap (smoother * s, double target)
{
  s->value = s->target = target;
  s->step = 0.0;
  s->left = 0;
}

double
smoother_advance (smoother * s, size_t n)
{
  if (n >= s->left) {
    s->value = s->target;
    s->left = 0;
  } else {
    s->value += s->step * (double) n;
    s->left -= n;
  }
  return s->value;
}

void
smoother_apply_ramp (double *frames, unsigned channels, size_t n, double g0,
    double g1)
{
  double step = (g1 - g0) / (double) n;

  if (g0 == 1.0 && g1 == 1.0)
    return;
  for (size_t i = 0; i < n; i++) {
    double g = g0 + step * (double) (i + 1);
    for (unsigned ch = 0; ch < channels; ch++)
      frames[i * channels + ch] *= g;
  }
}
