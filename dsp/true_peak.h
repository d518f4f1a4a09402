/* mixmaster DSP core: true-peak detection, ITU-R BS.1770-4 Annex 2.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The signal is oversampled by a polyphase windowed-sinc interpolator (8x
 * below 96 kHz, 4x above: twice what Annex 2 asks below 96 kHz), and each
 * oversampled point that is a local maximum is refined by the parabola
 * through it and its neighbours, so the reading does not depend on where
 * the peak falls between points: within 0.05 dB of the waveform's true
 * maximum for content up to 0.45 fs at every rate (tests/dsp/
 * test_true_peak.c). A limiter that holds its ceiling on this detector
 * holds it on what any oversampling meter reads.
 *
 * The interpolator is a Nyquist (L-th band) filter, so its phase 0 is a pure
 * delay: only the L - 1 in-between phases are computed.
 */
#ifndef MIXMASTER_DSP_TRUE_PEAK_H
#define MIXMASTER_DSP_TRUE_PEAK_H

#include <stdbool.h>
#include <stddef.h>

typedef struct true_peak_meter true_peak_meter;

/* Allocates everything the meter will ever need: process() then works on
 * blocks of up to max_block_frames without allocating. NULL on failure. */
true_peak_meter *true_peak_meter_new (unsigned channels,
    unsigned rate_hz, size_t max_block_frames);

void true_peak_meter_free (true_peak_meter * tp);

void true_peak_meter_reset (true_peak_meter * tp);

/* 8 or 4 for this sample rate. */
unsigned true_peak_meter_oversampling (const true_peak_meter * tp);

/* The most by which the waveform may exceed the reading, as a factor >= 1,
 * for content up to 0.45 fs: what the refinement leaves of the grid's
 * error (0.005 dB at 8x, 0.05 dB at 4x). A limiter divides its ceiling by
 * it. */
double true_peak_meter_tolerance (const true_peak_meter * tp);

/* Feeds n <= max_block_frames contiguous samples of one channel and returns
 * the largest absolute value of the oversampled waveform over the frames
 * they complete (the envelope below, delayed by its d frames). NaN input is skipped; infinite input can return +Inf for
 * as long as it is in the filter's memory, which the caller discards. */
float true_peak_meter_process (true_peak_meter * tp, unsigned channel,
    const float *x, size_t n);

/* As process(), for a caller that keeps a running maximum and needs only
 * values above `floor`. When no interpolated point of the block can exceed
 * floor, by the bound |y| <= (sum_k |c_k|) * (largest |x| the point is made
 * of), it returns 0 without interpolating, so blocks quieter than the peak
 * so far cost little. x_peak is the block's largest |x[i]|. */
float true_peak_meter_process_above (true_peak_meter * tp, unsigned channel,
    const float *x, size_t n, float x_peak, float floor);

/* The envelope's delay d in frames: half the interpolator's length. */
unsigned true_peak_meter_delay (const true_peak_meter * tp);

/* Feeds n <= max_block_frames samples of one channel, like process(), and
 * writes for each i the largest absolute value of the oversampled
 * waveform over [i - d, i - d + 1): the sample x[i - d] and the
 * interpolated points after it. A limiter uses this to see peaks between
 * samples. NaN samples are skipped as in process(). */
void true_peak_meter_envelope (true_peak_meter * tp, unsigned channel,
    const float *x, size_t n, float *envelope);

/* As envelope(), for a caller that needs only values above `floor` (a
 * limiter's ceiling): returns false, without writing the envelope, when by
 * the bound of process_above() none of it can exceed floor; else writes
 * every value that can exceed floor exactly, and 0 for the stretches that
 * by that bound cannot. */
bool true_peak_meter_envelope_above (true_peak_meter * tp, unsigned channel,
    const float *x, size_t n, float *envelope, float floor);

#endif
