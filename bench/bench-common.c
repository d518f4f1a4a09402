/* mixmaster benchmarks: what every benchmark shares, the programme, its
 * WAV file and timing.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "bench-common.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "programmes.h"
#include "wav.h"

double
now_seconds (void)
{
  struct timespec t;
  clock_gettime (CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

float *
programme (size_t frames)
{
  size_t n;
  return programme_new (PROGRAMME_STEPPED_CHORD, RATE, CHANNELS,
      (double) frames / RATE, &n);
}

void
write_float_wav (const char *path, const float *x, size_t frames)
{
  if (!wav_write_float (path, x, frames, CHANNELS, RATE)) {
    perror (path);
    exit (1);
  }
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

bench_options
bench_parse_options (int argc, char **argv)
{
  bench_options o = { 600.0, 3, "build/gst", NULL };

  for (int i = 1; i + 1 < argc; i += 2) {
    if (!strcmp (argv[i], "--seconds"))
      o.seconds = atof (argv[i + 1]);
    else if (!strcmp (argv[i], "--runs"))
      o.runs = atoi (argv[i + 1]);
    else if (!strcmp (argv[i], "--plugin-dir"))
      o.plugin_dir = argv[i + 1];
    else if (!strcmp (argv[i], "--only"))
      o.only = argv[i + 1];
  }
  return o;
}

double
time_chain (int runs, const char *plugin_dir, const char *wav,
    const char *chain)
{
  char command[2048];

  snprintf (command, sizeof (command), "GST_PLUGIN_PATH=%s gst-launch-1.0 -q "
      "filesrc location=%s ! wavparse ! %s%sfakesink", plugin_dir, wav,
      chain, *chain ? " ! " : "");
  return best_command (runs, command);
}

int
have_element (const char *name)
{
  char command[256];

  snprintf (command, sizeof (command), "gst-inspect-1.0 %s >/dev/null 2>&1",
      name);
  return system (command) == 0;
}

void
write_programme_wav (char *dir_template, char *wav, size_t wav_size,
    const float *x, size_t frames)
{
  if (!mkdtemp (dir_template)) {
    perror ("mkdtemp");
    exit (1);
  }
  snprintf (wav, wav_size, "%s/programme.wav", dir_template);
  write_float_wav (wav, x, frames);
}
