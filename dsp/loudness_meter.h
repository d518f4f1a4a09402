/* mixmaster DSP core: loudness meter after ITU-R BS.1770-4, EBU Tech 3341
 * ("EBU Mode") and EBU Tech 3342 (loudness range).
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Feed interleaved audio in blocks of any size; query any result at any
 * time without disturbing the measurement. Every window is built from 10 ms
 * sub-blocks aligned to the first sample, whose boundaries fall on
 * round(k * rate / 100), so at every rate from 8 kHz to 384 kHz:
 *  - momentary (400 ms) and short-term (3 s) loudness, and their maxima,
 *    are evaluated every 10 ms (Tech 3341 cases 13/14 need <= 20 ms);
 *  - integrated loudness gates 400 ms blocks with 75 % overlap (BS.1770-4
 *    section 2.8: -70 LUFS absolute, -10 LU relative gate);
 *  - loudness range samples the 3 s short-term loudness at 10 Hz (Tech 3342
 *    section 3.1: -70 LUFS absolute, -20 LU relative gate, 10th to 95th
 *    percentile).
 * Memory is allocated once, in loudness_meter_new(), and does not grow with
 * the programme length (see loudness_histogram.h).
 */
#ifndef MIXMASTER_DSP_LOUDNESS_METER_H
#define MIXMASTER_DSP_LOUDNESS_METER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LOUDNESS_METER_MAX_CHANNELS 64

/* BS.1770-4 Table 3 / Annex 3 channel weights. */
#define LOUDNESS_WEIGHT_FRONT 1.0
#define LOUDNESS_WEIGHT_SURROUND 1.41
#define LOUDNESS_WEIGHT_EXCLUDED 0.0

typedef struct loudness_meter loudness_meter;

/* NULL if channels is 0 or above LOUDNESS_METER_MAX_CHANNELS, the rate is
 * below 100 Hz, or memory is short. All channels start with weight 1.0. */
loudness_meter *loudness_meter_new (unsigned channels, unsigned rate_hz);

void loudness_meter_free (loudness_meter * m);

/* Forgets everything measured (results, maxima, filter memory). */
void loudness_meter_reset (loudness_meter * m);

/* BS.1770-4 Annex 3: G = 1.41 for a loudspeaker at |elevation| < 30 deg and
 * 60 <= |azimuth| <= 120 deg, else 1.0; LFE channels are not measured. */
double loudness_channel_weight (double azimuth_deg, double elevation_deg,
    bool is_lfe);

/* Weight G_i of channel i; 0 excludes it (LFE). Takes effect from the next
 * sub-block; set weights before feeding audio. */
void loudness_meter_set_channel_weight (loudness_meter * m, unsigned channel,
    double weight);

void loudness_meter_add_f32 (loudness_meter * m, const float *interleaved,
    size_t frames);
void loudness_meter_add_f64 (loudness_meter * m, const double *interleaved,
    size_t frames);
/* Digital silence, as for a GAP buffer: time passes, filters ring out. */
void loudness_meter_add_silence (loudness_meter * m, size_t frames);

/* Results. Loudness in LUFS and loudness range in LU; -inf (never NaN) where
 * nothing measurable has been seen, e.g. for silence. */
double loudness_meter_momentary (const loudness_meter * m);
double loudness_meter_short_term (const loudness_meter * m);
double loudness_meter_max_momentary (const loudness_meter * m);
double loudness_meter_max_short_term (const loudness_meter * m);
double loudness_meter_integrated (const loudness_meter * m);
/* The relative gate used by loudness_meter_integrated() (LUFS). */
double loudness_meter_relative_threshold (const loudness_meter * m);
/* 0 when fewer than two short-term values pass the gates. */
double loudness_meter_loudness_range (const loudness_meter * m);

/* Per channel, in dBFS / dBTP since the last reset; -inf for silence. The
 * true peak is never below the sample peak. */
double loudness_meter_sample_peak_db (const loudness_meter * m,
    unsigned channel);
double loudness_meter_true_peak_db (const loudness_meter * m, unsigned channel);

/* Frames fed since the last reset, and how many 10 ms sub-blocks held NaN
 * or Inf samples (each is measured as silence, and the filters restart). */
uint64_t loudness_meter_frames (const loudness_meter * m);
uint64_t loudness_meter_invalid_subblocks (const loudness_meter * m);

unsigned loudness_meter_channels (const loudness_meter * m);

#endif
