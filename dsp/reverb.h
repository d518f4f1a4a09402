/* mixmaster DSP core: a feedback delay network reverb.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Eight delay lines of mutually prime lengths (about 30 to 75 ms times
 * `size`) feed back through a normalised Hadamard matrix, which is
 * orthogonal, so the network is lossless before the per-line gains
 *   g_i = 10^(-3 d_i / (RT60 fs)),
 * that make every line, and so the tail, fall 60 dB in RT60 seconds
 * (Jot and Chaigne 1991). A one-pole low-pass in each loop (`damping`)
 * makes high frequencies die sooner, as in a real room. The input (the
 * mean of the channels) goes in after `predelay`; the left and right
 * outputs take the lines with different signs, so they are decorrelated.
 * out = dry + mix (wet - dry); mix 0 leaves the samples untouched.
 */
#ifndef MIXMASTER_DSP_REVERB_H
#define MIXMASTER_DSP_REVERB_H

#include <stddef.h>

#define REVERB_LINES 8
#define REVERB_MAX_SIZE 2.0
#define REVERB_MIN_SIZE 0.25
#define REVERB_MAX_PREDELAY_MS 250.0

typedef struct
{
  double mix;                   /* 0 .. 1 */
  double decay_s;               /* RT60, > 0 */
  double predelay_ms;           /* 0 .. REVERB_MAX_PREDELAY_MS */
  double damping;               /* 0 (none) .. 1 (dark) */
  double size;                  /* REVERB_MIN_SIZE .. REVERB_MAX_SIZE */
} reverb_params;

/* Off (mix 0): 1.5 s RT60, 10 ms predelay, damping 0.3, size 1. */
reverb_params reverb_params_default (void);

typedef struct reverb reverb;

/* For 1 or 2 channels; NULL on bad arguments or short memory. */
reverb *reverb_new (unsigned channels, unsigned rate_hz);
void reverb_free (reverb * r);
/* Silence in every line; the mix at its target. */
void reverb_reset (reverb * r);
/* The mix moves to its new value along a 20 ms ramp (per frame); a new
 * size moves the lines' lengths at once: set it before playing. */
void reverb_set_params (reverb * r, const reverb_params * p);

void reverb_process_f32 (reverb * r, float *interleaved, size_t frames);
void reverb_process_f64 (reverb * r, double *interleaved, size_t frames);

#endif
