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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "programmes.h"

#define RATE 48000
#define CHANNELS 2

static void
put_u32 (unsigned char *p, uint32_t v)
{
  for (int i = 0; i < 4; i++)
    p[i] = (unsigned char) (v >> (8 * i));
}

static void
put_u16 (unsigned char *p, uint16_t v)
{
  p[0] = (unsigned char) v;
  p[1] = (unsigned char) (v >> 8);
}

/* RIFF/WAVE with a 16-byte fmt chunk, format 3 (IEEE float), 32 bits;
 * samples written little-endian. */
static int
write_wav (const char *path, const float *x, size_t frames)
{
  unsigned char header[44];
  uint32_t data_bytes = (uint32_t) (frames * CHANNELS * 4);
  FILE *f = fopen (path, "wb");
  int ok;

  if (!f)
    return 0;
  memcpy (header, "RIFF", 4);
  put_u32 (header + 4, 36 + data_bytes);
  memcpy (header + 8, "WAVEfmt ", 8);
  put_u32 (header + 16, 16);
  put_u16 (header + 20, 3);
  put_u16 (header + 22, CHANNELS);
  put_u32 (header + 24, RATE);
  put_u32 (header + 28, RATE * CHANNELS * 4);
  put_u16 (header + 32, CHANNELS * 4);
  put_u16 (header + 34, 32);
  memcpy (header + 36, "data", 4);
  put_u32 (header + 40, data_bytes);
  ok = fwrite (header, 1, sizeof (header), f) == sizeof (header);
  for (size_t i = 0; ok && i < frames * CHANNELS; i++) {
    unsigned char sample[4];
    uint32_t bits;
    memcpy (&bits, &x[i], 4);
    put_u32 (sample, bits);
    ok = fwrite (sample, 1, 4, f) == 4;
  }
  return fclose (f) == 0 && ok;
}

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
  ok = write_wav (path, x, frames);
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
