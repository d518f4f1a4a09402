/* mixmaster benchmarks: what every benchmark shares, the programme, its
 * WAV file and timing.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "bench-common.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>

#include "signals.h"

double
now_seconds (void)
{
  struct timespec t;
  clock_gettime (CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

/* Music-like programme: a chord with slow tremolo over low-passed noise,
 * its level stepping every few seconds between -35 and -8 dBFS. */
float *
programme (size_t frames)
{
  float *x = malloc (frames * CHANNELS * sizeof (float));
  unsigned long long seed = 2024;
  double lowpassed[CHANNELS] = { 0 }, gain = 0.1;

  for (size_t i = 0; i < frames; i++) {
    double t = (double) i / RATE;
    if (i % (RATE * 4) == 0)
      gain = pow (10.0, (-35.0 + 27.0 * 0.5 * (noise_uniform (&seed) + 1)) /
          20.0);
    double chord = sin (2 * M_PI * 110 * t) + 0.5 * sin (2 * M_PI * 277 * t) +
        0.3 * sin (2 * M_PI * 659 * t) + 0.1 * sin (2 * M_PI * 3520 * t);
    double tremolo = 0.75 + 0.25 * sin (2 * M_PI * 0.3 * t);
    for (unsigned c = 0; c < CHANNELS; c++) {
      lowpassed[c] += 0.3 * (noise_uniform (&seed) - lowpassed[c]);
      x[i * CHANNELS + c] = (float) (gain * (0.4 * chord * tremolo +
              0.6 * lowpassed[c]));
    }
  }
  return x;
}

void
write_float_wav (const char *path, const float *x, size_t frames)
{
  FILE *f = fopen (path, "wb");
  unsigned data_bytes = (unsigned) (frames * CHANNELS * sizeof (float));
  unsigned riff_bytes = 4 + 26 + 12 + 8 + data_bytes;
  unsigned byte_rate = RATE * CHANNELS * 4;
  unsigned short format = 3, channels = CHANNELS, block = CHANNELS * 4,
      bits = 32, extension = 0;
  unsigned rate = RATE, fmt_bytes = 18, fact_bytes = 4,
      fact_frames = (unsigned) frames;

  if (!f) {
    perror (path);
    exit (1);
  }
  /* RIFF/WAVE with WAVE_FORMAT_IEEE_FLOAT (3); little-endian host. */
  fwrite ("RIFF", 1, 4, f);
  fwrite (&riff_bytes, 4, 1, f);
  fwrite ("WAVEfmt ", 1, 8, f);
  fwrite (&fmt_bytes, 4, 1, f);
  fwrite (&format, 2, 1, f);
  fwrite (&channels, 2, 1, f);
  fwrite (&rate, 4, 1, f);
  fwrite (&byte_rate, 4, 1, f);
  fwrite (&block, 2, 1, f);
  fwrite (&bits, 2, 1, f);
  fwrite (&extension, 2, 1, f);
  fwrite ("fact", 1, 4, f);
  fwrite (&fact_bytes, 4, 1, f);
  fwrite (&fact_frames, 4, 1, f);
  fwrite ("data", 1, 4, f);
  fwrite (&data_bytes, 4, 1, f);
  fwrite (x, sizeof (float), frames * CHANNELS, f);
  fclose (f);
}

/* Wall time of a shell command; exits if it fails. */
double
run_command (const char *command)
{
  double start = now_seconds ();
  int status = system (command);
  if (status == -1 || !WIFEXITED (status) || WEXITSTATUS (status) != 0) {
    fprintf (stderr, "bench: failed: %s\n", command);
    exit (1);
  }
  return now_seconds () - start;
}

double
best_command (int runs, const char *command)
{
  double best = INFINITY;
  for (int r = 0; r < runs; r++)
    best = fmin (best, run_command (command));
  return best;
}
