/* mixmaster-demo-material: writes the demo's built-in programmes as WAV
 * files (32-bit float), for ./tools/demo to normalize.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   mixmaster-demo-material DIR
 *
 * writes DIR/demo-music.wav (45 s of music with an 18 LU loudness range,
 * 12 dB too quiet for streaming) and DIR/demo-speech.wav (30 s of speech-
 * like bursts, too loud, with 2 s of silence at each end).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "programmes.h"
#include "wav.h"

#define RATE 48000
#define CHANNELS 2

/* The programme, gain_db louder, with silence_s of digital silence at
 * each end. */
static int
write_programme (const char *dir, const char *name, programme_kind kind,
    double seconds, double gain_db, double silence_s)
{
  size_t frames;
  float *x = programme_new (kind, RATE, CHANNELS, seconds, &frames);
  char path[4096];
  int ok;

  size_t silent = (size_t) (silence_s * RATE) * CHANNELS;
  for (size_t i = 0; i < frames * CHANNELS; i++)
    x[i] *= (float) pow (10.0, gain_db / 20.0);
  memset (x, 0, silent * sizeof (float));
  memset (x + frames * CHANNELS - silent, 0, silent * sizeof (float));
  snprintf (path, sizeof (path), "%s/%s", dir, name);
  ok = wav_write_float (path, x, frames, CHANNELS, RATE);
  if (!ok)
    fprintf (stderr, "mixmaster-demo-material: %s: %s\n", path,
        strerror (errno));
  free (x);
  return ok;
}

int
main (int argc, char **argv)
{
  if (argc != 2) {
    fprintf (stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  return write_programme (argv[1], "demo-music.wav", PROGRAMME_MUSIC, 45.0,
      0.0, 0.0) && write_programme (argv[1], "demo-speech.wav",
      PROGRAMME_SPEECH, 30.0, 8.0, 2.0) ? 0 : 1;
}
