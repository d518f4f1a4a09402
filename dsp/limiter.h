/* mixmaster DSP core: lookahead true-peak limiter.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Holds the oversampled (true) peak of its output at or below a ceiling,
 * measured as ITU-R BS.1770-4 Annex 2 measures it, by lowering the gain of
 * all channels together (stereo image and surround balance are kept). The
 * gain ramps down over the lookahead before a peak, so limiting adds no
 * clicks or distortion of its own, holds for LIMITER_HOLD_MS after it, and
 * then recovers with the release time. The hold keeps the gain still
 * through the half-periods of a sustained tone down to 20 Hz (25 ms),
 * where a gain that recovered between its peaks would distort it.
 * Below the ceiling the output is the input delayed, bit for bit.
 *
 * The output is delayed by limiter_latency() frames: to get every input
 * frame out, feed that many frames of silence at the end of the stream.
 */
#ifndef MIXMASTER_DSP_LIMITER_H
#define MIXMASTER_DSP_LIMITER_H

#include <stddef.h>
#include <stdint.h>

#define LIMITER_MIN_LOOKAHEAD_MS 1.0
#define LIMITER_MAX_LOOKAHEAD_MS 20.0
/* with the lookahead's own hold, more than the 25 ms half-period of
 * 20 Hz */
#define LIMITER_HOLD_MS 20.0

typedef struct limiter limiter;

/* Allocates everything (lookahead in ms is fixed for the object's life).
 * NULL if an argument is out of range or memory is short. Starts with a
 * ceiling of -1 dBTP and a release of 100 ms. */
limiter *limiter_new (unsigned channels, unsigned rate_hz,
    double lookahead_ms);

void limiter_free (limiter * l);

/* Forgets the signal: silence in the delay line, unity gain. */
void limiter_reset (limiter * l);

/* Ceiling in dBTP, at most 0 (a higher one is 0; NaN, the default -1;
 * -inf, silence). A change is followed smoothly, over the lookahead. */
void limiter_set_ceiling_db (limiter * l, double ceiling_dbtp);

/* Time constant of the gain's recovery after a peak, in ms: 0.1 to 60000
 * (a value outside is the nearer end; NaN, the default 100). */
void limiter_set_release_ms (limiter * l, double release_ms);

/* Delay of the output behind the input, in frames. */
size_t limiter_latency (const limiter * l);

/* In place, interleaved. The ceiling holds for any finite input up to
 * 1e36 (+720 dBFS), however much gain reduction that takes; samples beyond
 * that and non-finite ones (NaN, Inf) are replaced by silence and counted.
 * No allocation, locking or I/O. */
void limiter_process_f32 (limiter * l, float *interleaved, size_t frames);
void limiter_process_f64 (limiter * l, double *interleaved, size_t frames);

/* Gain reduction applied to the last output frame, and the largest since
 * the last reset, in dB >= 0. */
double limiter_gain_reduction_db (const limiter * l);
double limiter_max_gain_reduction_db (const limiter * l);

uint64_t limiter_invalid_samples (const limiter * l);

#endif
