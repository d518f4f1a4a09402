/* mixmaster DSP core: true-peak detection, ITU-R BS.1770-4 Annex 2.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The signal is oversampled by a polyphase windowed-sinc interpolator and
 * the largest absolute interpolated value is reported. Oversampling is 8x
 * below 96 kHz, 4x below 192 kHz and 2x above: twice what Annex 2 asks.
 * Between a 4x meter's points the waveform can rise by up to 0.5 dB more
 * for content near Nyquist; the limiter that uses this detector holds its
 * ceiling on what any 4x meter, and finer ones, read.
 *
 * The interpolator is a Nyquist (L-th band) filter, so its phase 0 is a pure
 * delay: only the L - 1 in-between phases are computed, and the caller takes
 * the maximum with its own sample peak.
 */
#ifndef MIXMASTER_DSP_TRUE_PEAK_H
#define MIXMASTER_DSP_TRUE_PEAK_H

#include <stdbool.h>
#include <stddef.h>

typedef struct true_peak_meter true_peak_meter;

/* Allocates everything the meter will ever need: process() then works on
 * blocks of up to max_block_frames without allocating. NULL on failure. */
true_peak_meter *true_peak_meter_new (unsigned channels,
    unsigned sample_rate_hz, size_t max_block_frames);

void true_peak_meter_free (true_peak_meter * tp);

void true_peak_meter_reset (true_peak_meter * tp);

/* 8, 4 or 2 for this sample rate. */
unsigned true_peak_meter_oversampling (const true_peak_meter * tp);

/* Feeds n <= max_block_frames contiguous samples of one channel and returns
 * the largest absolute value of the interpolated (between-sample) points
 * they complete. NaN input is skipped; infinite input can return +Inf for
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
 * the bound of process_above() none of it can exceed floor. */
bool true_peak_meter_envelope_above (true_peak_meter * tp, unsigned channel,
    const float *x, size_t n, float *envelope, float floor);

#endif
