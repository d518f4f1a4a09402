/* mixmaster tools: writing 32-bit float WAV files.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_WAV_H
#define MIXMASTER_WAV_H

#include <stddef.h>

/* RIFF/WAVE, format 3 (IEEE float), 32 bits, samples written
 * little-endian on any host. Returns 0 on failure (errno says why). */
int wav_write_float (const char *path, const float *interleaved,
    size_t frames, unsigned channels, unsigned rate);

#endif
