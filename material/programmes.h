/* mixmaster tools: synthetic programme material for normalization tests,
 * the benchmarks and the demo.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Deterministic (a fixed pseudo-random seed), any rate and channel count.
 * With 6 channels the layout is 5.1 (L R C LFE Ls Rs) and the LFE channel
 * carries loud bass only, which a BS.1770 meter must ignore.
 */
#ifndef MIXMASTER_PROGRAMMES_H
#define MIXMASTER_PROGRAMMES_H

#include <stddef.h>

typedef enum
{
  /* band, chords, bass and hi-hat noise in sections 6 to 24 dB apart: a
   * wide loudness range */
  PROGRAMME_MUSIC,
  /* syllable-rate bursts of band-limited noise, words and pauses */
  PROGRAMME_SPEECH,
  /* steady sines of several frequencies and levels */
  PROGRAMME_TONES,
  /* music between 3 s of digital silence at each end */
  PROGRAMME_PADDED_MUSIC,
  /* a chord with slow tremolo over low-passed noise, its level stepping
   * every 4 s between -35 and -8 dBFS: the benchmarks' programme */
  PROGRAMME_STEPPED_CHORD,
  PROGRAMME_KINDS
} programme_kind;

/* Interleaved float samples; *frames = round(seconds * rate). */
float *programme_new (programme_kind kind, unsigned rate, unsigned channels,
    double seconds, size_t *frames);

const char *programme_name (programme_kind kind);

#endif
