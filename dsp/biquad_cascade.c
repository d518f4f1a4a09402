/* mixmaster DSP core: biquad sections in series over a block of frames.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "biquad_cascade.h"

#include <math.h>

#include "simd.h"

#define MAX_SECTIONS BIQUAD_CASCADE_MAX_SECTIONS

/* A cascade's coefficients and histories with the channels as SIMD lanes
 * (lane 1 idle for mono). */
typedef struct
{
  /* b1 / b0, b2 / b0 */
  double2 c1[MAX_SECTIONS], c2[MAX_SECTIONS];
  double2 a1[MAX_SECTIONS], a2[MAX_SECTIONS];
  /* the product of the b0, applied at the output */
  double2 gain;
  /* junction j: z1[j], z2[j], in its scale (see biquad_cascade_process) */
  double2 z1[MAX_SECTIONS + 1], z2[MAX_SECTIONS + 1];
} lanes;

/* The loop over the frames; inlined with a constant `sections` (see the
 * switch in run()), so the compiler unrolls the sections and keeps the
 * histories in registers. Section k reads junction k (its input) and k + 1
 * (its output). */
static inline __attribute__((always_inline))
     void run_sections (lanes * l, double *frames, unsigned channels,
    size_t n, const int sections)
{
  double2 z1[MAX_SECTIONS + 1], z2[MAX_SECTIONS + 1];

  for (int j = 0; j <= sections; j++) {
    z1[j] = l->z1[j];
    z2[j] = l->z2[j];
  }
  for (size_t i = 0; i < n; i++) {
    double2 x = channels == 2 ? double2_load (&frames[2 * i]) : (double2) {
      frames[i], 0.0
    };
    for (int k = 0; k < sections; k++) {
      /* all but the feedback of y[n-1] first: see biquad_cascade.h */
      double2 ready = l->c1[k] * z1[k] + l->c2[k] * z2[k] -
          l->a2[k] * z2[k + 1];
      double2 y = (x + ready) - l->a1[k] * z1[k + 1];
      z2[k] = z1[k];
      z1[k] = x;
      x = y;
    }
    z2[sections] = z1[sections];
    z1[sections] = x;
    x *= l->gain;
    if (channels == 2)
      double2_store (&frames[2 * i], x);
    else
      frames[i] = x[0];
  }
  for (int j = 0; j <= sections; j++) {
    l->z1[j] = z1[j];
    l->z2[j] = z2[j];
  }
}

/* One instance per channel count, each unrolled per section count. */
#define RUN_SECTIONS(l, frames, channels, n, sections)                  \
  do {                                                                  \
    switch (sections) {                                                 \
      case 1:                                                           \
        run_sections (l, frames, channels, n, 1);                       \
        break;                                                          \
      case 2:                                                           \
        run_sections (l, frames, channels, n, 2);                       \
        break;                                                          \
      case 3:                                                           \
        run_sections (l, frames, channels, n, 3);                       \
        break;                                                          \
      case 4:                                                           \
        run_sections (l, frames, channels, n, 4);                       \
        break;                                                          \
      case 5:                                                           \
        run_sections (l, frames, channels, n, 5);                       \
        break;                                                          \
      case 6:                                                           \
        run_sections (l, frames, channels, n, 6);                       \
        break;                                                          \
      default:                                                          \
        run_sections (l, frames, channels, n, (int) sections);          \
        break;                                                          \
    }                                                                   \
  } while (0)

DSP_MULTIVERSION static void
run (lanes * l, double *frames, unsigned channels, size_t n, unsigned sections)
{
  if (channels == 2)
    RUN_SECTIONS (l, frames, 2, n, sections);
  else
    RUN_SECTIONS (l, frames, 1, n, sections);
}

/* With no section, the input's history is its last two frames. */
static void
remember_input (biquad_history * h, const double *frames, unsigned channels,
    size_t n)
{
  for (unsigned ch = 0; ch < channels; ch++) {
    if (n >= 2)
      h[ch].z2 = frames[(n - 2) * channels + ch];
    else if (n == 1)
      h[ch].z2 = h[ch].z1;
    if (n >= 1)
      h[ch].z1 = frames[(n - 1) * channels + ch];
  }
}

void
biquad_cascade_process (const biquad_cascade * cascade, double *frames,
    unsigned channels, size_t n)
{
  const unsigned sections = cascade->sections;
  double scale[MAX_SECTIONS + 1];
  lanes l;

  if (sections > MAX_SECTIONS || channels == 0 ||
      channels > BIQUAD_CASCADE_MAX_CHANNELS)
    return;
  if (sections == 0) {
    remember_input (cascade->history[0], frames, channels, n);
    return;
  }
  /* Each section runs with b0 = 1 and the b0 of them all multiply the
   * output at once, a multiply per section and sample less: the signal
   * at junction j is then the true one times scale[j] = 1 / (the product
   * of the b0 before it). The histories are kept true, and scaled on the
   * way in and out. */
  scale[0] = 1.0;
  for (unsigned k = 0; k < sections; k++) {
    const biquad_coeffs *c = cascade->coeffs[k];
    double b0 = fabs (c->b0) > BIQUAD_CASCADE_MIN_B0 ? c->b0 :
        BIQUAD_CASCADE_MIN_B0;
    l.c1[k] = double2_splat (c->b1 / b0);
    l.c2[k] = double2_splat (c->b2 / b0);
    l.a1[k] = double2_splat (c->a1);
    l.a2[k] = double2_splat (c->a2);
    scale[k + 1] = scale[k] / b0;
  }
  l.gain = double2_splat (1.0 / scale[sections]);
  for (unsigned j = 0; j <= sections; j++) {
    const biquad_history *h = cascade->history[j];
    l.z1[j] = scale[j] * (double2) {
    h[0].z1, channels == 2 ? h[1].z1 : 0.0};
    l.z2[j] = scale[j] * (double2) {
    h[0].z2, channels == 2 ? h[1].z2 : 0.0};
  }
  run (&l, frames, channels, n, sections);
  for (unsigned j = 0; j <= sections; j++)
    for (unsigned ch = 0; ch < channels; ch++) {
      cascade->history[j][ch].z1 = biquad_sanitized (l.z1[j][ch] / scale[j]);
      cascade->history[j][ch].z2 = biquad_sanitized (l.z2[j][ch] / scale[j]);
    }
}
