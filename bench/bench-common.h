/* mixmaster benchmarks: what every benchmark shares, the programme, its
 * WAV file and timing.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_BENCH_COMMON_H
#define MIXMASTER_BENCH_COMMON_H

#include <stddef.h>

#define RATE 48000
#define CHANNELS 2

/* Monotonic clock, seconds. */
double now_seconds (void);

/* The benchmarks' programme (PROGRAMME_STEPPED_CHORD of
 * material/programmes.h), stereo at RATE, malloc'ed. */
float *programme (size_t frames);

/* A 32-bit float WAV file; exits on failure. */
void write_float_wav (const char *path, const float *x, size_t frames);

/* Writes x as programme.wav in a new folder made from dir_template
 * ("/tmp/NAME-XXXXXX", rewritten in place) and puts its path in wav;
 * exits on failure. */
void write_programme_wav (char *dir_template, char *wav, size_t wav_size,
    const float *x, size_t frames);

/* Wall time of a shell command, and the best of `runs`; exits if it
 * fails. */
double run_command (const char *command);
double best_command (int runs, const char *command);

/* The options every benchmark takes: --seconds N (of programme), --runs N
 * (best of), --plugin-dir DIR (this build's plug-in), --only WHAT (one
 * in-process run, for callgrind). */
typedef struct
{
  double seconds;
  int runs;
  const char *plugin_dir;
  const char *only;
} bench_options;

/* The options given, the defaults (600 s, 3 runs, build/gst, none) for
 * the others. */
bench_options bench_parse_options (int argc, char **argv);

/* A chain to time, and how the tables name it. */
typedef struct
{
  const char *name;
  const char *chain;            /* between wavparse and fakesink */
} contender;

/* Best wall time of `gst-launch-1.0 filesrc location=wav ! wavparse !
 * chain ! fakesink` with plugin_dir on the plug-in path (chain "" for
 * decoding only). */
double time_chain (int runs, const char *plugin_dir, const char *wav,
    const char *chain);
/* Whether gst-inspect-1.0 finds the element. */
int have_element (const char *name);

#endif
