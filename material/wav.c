/* mixmaster tools: writing 32-bit float WAV files.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "wav.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

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

int
wav_write_float (const char *path, const float *x, size_t frames,
    unsigned channels, unsigned rate)
{
  unsigned char header[44];
  uint32_t data_bytes = (uint32_t) (frames * channels * 4);
  FILE *f = fopen (path, "wb");
  int ok;

  if (!f)
    return 0;
  /* a 16-byte fmt chunk: format 3, channels, rate, bytes per second and
   * per frame, 32 bits */
  memcpy (header, "RIFF", 4);
  put_u32 (header + 4, 36 + data_bytes);
  memcpy (header + 8, "WAVEfmt ", 8);
  put_u32 (header + 16, 16);
  put_u16 (header + 20, 3);
  put_u16 (header + 22, (uint16_t) channels);
  put_u32 (header + 24, rate);
  put_u32 (header + 28, rate * channels * 4);
  put_u16 (header + 32, (uint16_t) (channels * 4));
  put_u16 (header + 34, 32);
  memcpy (header + 36, "data", 4);
  put_u32 (header + 40, data_bytes);
  ok = fwrite (header, 1, sizeof (header), f) == sizeof (header);
  for (size_t i = 0; ok && i < frames * channels; i++) {
    unsigned char sample[4];
    uint32_t bits;
    memcpy (&bits, &x[i], 4);
    put_u32 (sample, bits);
    ok = fwrite (sample, 1, 4, f) == 4;
  }
  return fclose (f) == 0 && ok;
}
