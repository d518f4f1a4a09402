/* mixmaster DSP core: dynamics, a feed-forward compressor and a gate /
 * downward expander, channels linked.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The topology recommended by Giannoulis, Massberg and Reiss, "Digital
 * Dynamic Range Compressor Design - A Tutorial and Analysis" (JAES 2012):
 *
 *   x_G = 20 log10(level)        the detector's level, dB
 *   y_G = gain computer (x_G)    static curve, soft knee (eq. 4)
 *   x_L = x_G - y_G              gain reduction wanted, dB >= 0
 *   y_L = smooth branching peak detector (x_L)    (eq. 17), attack and
 *                                release that do not depend on threshold
 *                                or ratio
 *   c   = 10^((makeup - y_L) / 20),  y = x * c
 *
 * with alpha = exp(-1 / (tau fs)): after tau, 63.2 % of a step is done.
 * The gate runs the same chain with its own curve, and holds its gain for
 * `hold` before it starts to close.
 */
#ifndef MIXMASTER_DSP_DYNAMICS_H
#define MIXMASTER_DSP_DYNAMICS_H

#include <stdbool.h>
#include <stddef.h>

#include "biquad.h"

#define DYNAMICS_MAX_CHANNELS 8

/* GMR 2012 eq. (4): the compressor's static curve, dB in, dB out. ratio
 * >= 1 (INFINITY: limiter), knee_db >= 0 (0: hard knee). */
double dynamics_compressor_curve_db (double x_db, double threshold_db,
    double ratio, double knee_db);

/* The gate's static gain, dB <= 0: none at or above the threshold; below
 * it a hard gate (ratio 1) takes range_db off, a downward expander 1:ratio
 * (ratio > 1) takes (threshold - x) (ratio - 1) dB off, at most range_db. */
double dynamics_gate_gain_db (double x_db, double threshold_db, double ratio,
    double range_db);

typedef enum
{
  DYNAMICS_DETECT_PEAK,         /* largest |x| of the channels, per sample */
  DYNAMICS_DETECT_RMS,          /* mean square of the channels over 10 ms */
} dynamics_detector;

typedef struct
{
  double threshold_db;
  double ratio;                 /* 1 = off */
  double knee_db;
  double attack_ms, release_ms;
  double makeup_db;
  double mix;                   /* 0 dry (bit-transparent) ... 1 wet */
  double sidechain_highpass_hz; /* 0 = off */
  dynamics_detector detector;
} compressor_params;

typedef struct
{
  double threshold_db;          /* -inf .. 0; at or under -100: off */
  double range_db;              /* attenuation below threshold, >= 0 */
  double ratio;                 /* 1 = hard gate, > 1 = expander 1:ratio */
  double attack_ms, hold_ms, release_ms;
} gate_params;

/* Off: a 1:1 compressor (peak detector, 6 dB knee, 10 ms attack, 100 ms
 * release, no makeup, all wet, no side-chain filter). */
compressor_params compressor_params_default (void);
/* Off: the threshold at -100 dBFS (80 dB range, hard, 1 ms attack, 50 ms
 * hold, 100 ms release). */
gate_params gate_params_default (void);

typedef struct dynamics dynamics;

/* A compressor or a gate for `channels` channels at `rate_hz`; NULL on bad
 * arguments or short memory. */
dynamics *dynamics_new_compressor (unsigned channels, unsigned rate_hz);
dynamics *dynamics_new_gate (unsigned channels, unsigned rate_hz);
void dynamics_free (dynamics * d);
void dynamics_reset (dynamics * d);

void dynamics_set_compressor (dynamics * d, const compressor_params * p);
void dynamics_set_gate (dynamics * d, const gate_params * p);

/* In place, interleaved. Non-finite samples are measured as silence. */
void dynamics_process_f32 (dynamics * d, float *interleaved, size_t frames);
void dynamics_process_f64 (dynamics * d, double *interleaved, size_t frames);

/* The detector's gain reduction now (y_L), and its largest since the last
 * call of dynamics_take_max_reduction_db(), dB >= 0. */
double dynamics_reduction_db (const dynamics * d);
double dynamics_take_max_reduction_db (dynamics * d);

#endif
