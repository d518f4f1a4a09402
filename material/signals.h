/* mixmaster tools: synthesis of the EBU Tech 3341/3342 test signals.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The official EBU WAV files are not available here; these generators
 * follow the test signals of EBU Tech 3341 (cases 1 to 23) and Tech 3342,
 * with the details of the official v05 files: a 1 kHz sine from phase 0,
 * their durations and fades, and the true-peak cases' tones synthesized at
 * 4 fs.
 */
#ifndef MIXMASTER_TEST_SIGNALS_H
#define MIXMASTER_TEST_SIGNALS_H

#include <stddef.h>

/* One level of a tone sequence; -INFINITY dBFS is digital silence. */
typedef struct
{
  double seconds;
  double peak_dbfs;
} tone_segment;

/* Mono sine at frequency_hz whose level steps through the segments, one
 * oscillator running through (phase 0 at the first sample), as in the
 * official files. Segment edges fall on round(cumulative time * rate).
 * Returns a malloc'ed buffer of *frames samples. */
float *tone_sequence (unsigned rate, double frequency_hz,
    const tone_segment * segments, size_t n_segments, size_t *frames);

/* Interleaves `channels` copies of mono, channel c scaled by
 * channel_gain_db[c] (NULL: all 0 dB). Returns a malloc'ed buffer. */
float *interleave_copies (const float *mono, size_t frames,
    unsigned channels, const double *channel_gain_db);

/* Tech 3341 cases 15-23 (true peak), stereo at `rate`. */
float *true_peak_case (int case_number, unsigned rate, size_t *frames);

/* Zero-phase 255-tap Blackman-windowed sinc low-pass of every channel. */
void lowpass_in_place (float *x, size_t frames, unsigned channels,
    double cutoff_hz, unsigned rate);

/* Deterministic pseudo-random generator for noise signals: uniform in
 * [-1, 1). */
double noise_uniform (unsigned long long *state);

#endif
