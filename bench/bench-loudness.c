/* Loudness meter benchmark: our meter against what a user would pick
 * instead, on the same 10-minute 48 kHz stereo programme, all with true
 * peak on. Prints a Markdown table of throughput (x real time) and ratios.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *  - in-process: our dsp/ meter and libebur128 (I, LRA, M, S, true peak)
 *    on the same float buffer;
 *  - whole programs on the same float WAV file: FFmpeg's ebur128 filter
 *    with peak=true, and our loudnorm element in gst-launch-1.0, each next
 *    to its decode-only baseline so the filter's own cost can be read off.
 * Each measurement is the best of --runs (machines are noisy).
 *
 * `bench-loudness --only ours|libebur128|none --seconds N` runs one meter
 * once (none: only synthesizes the programme), for instruction counts under
 * valgrind --tool=callgrind; bench/run subtracts the `none` count.
 */
#include <ebur128.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench-common.h"
#include "loudness_meter.h"

#define CHUNK_FRAMES 4800       /* 100 ms, a typical GStreamer buffer */




static double
run_ours (const float *x, size_t frames, double *integrated)
{
  double start = now_seconds ();
  loudness_meter *m = loudness_meter_new (CHANNELS, RATE);
  for (size_t pos = 0; pos < frames; pos += CHUNK_FRAMES)
    loudness_meter_add_f32 (m, x + pos * CHANNELS,
        frames - pos < CHUNK_FRAMES ? frames - pos : CHUNK_FRAMES);
  *integrated = loudness_meter_integrated (m);
  (void) loudness_meter_loudness_range (m);
  (void) loudness_meter_true_peak_db (m, 0);
  loudness_meter_free (m);
  return now_seconds () - start;
}

static double
run_libebur128 (const float *x, size_t frames, double *integrated)
{
  double start = now_seconds (), range, peak;
  ebur128_state *e = ebur128_init (CHANNELS, RATE, EBUR128_MODE_I |
      EBUR128_MODE_LRA | EBUR128_MODE_M | EBUR128_MODE_S |
      EBUR128_MODE_TRUE_PEAK | EBUR128_MODE_HISTOGRAM);
  for (size_t pos = 0; pos < frames; pos += CHUNK_FRAMES)
    ebur128_add_frames_float (e, x + pos * CHANNELS,
        frames - pos < CHUNK_FRAMES ? frames - pos : CHUNK_FRAMES);
  ebur128_loudness_global (e, integrated);
  ebur128_loudness_range (e, &range);
  ebur128_true_peak (e, 0, &peak);
  ebur128_destroy (&e);
  return now_seconds () - start;
}


typedef struct
{
  const char *name;
  double seconds;
} timing;

static double
best_of (int runs, double (*once) (const float *, size_t, double *),
    const float *x, size_t frames, double *integrated)
{
  double best = INFINITY;
  for (int r = 0; r < runs; r++)
    best = fmin (best, once (x, frames, integrated));
  return best;
}


int
main (int argc, char **argv)
{
  const bench_options options = bench_parse_options (argc, argv);
  const double seconds = options.seconds;
  const int runs = options.runs;
  const char *only = options.only, *plugin_dir = options.plugin_dir;
  double integrated;

  size_t frames = (size_t) (seconds * RATE);
  float *x = programme (frames);

  if (only) {
    if (!strcmp (only, "ours"))
      run_ours (x, frames, &integrated);
    else if (!strcmp (only, "libebur128"))
      run_libebur128 (x, frames, &integrated);
    free (x);
    return 0;
  }

  char dir[] = "/tmp/bench-loudness-XXXXXX", wav[64], command[512];
  write_programme_wav (dir, wav, sizeof (wav), x, frames);

  double ours_i, theirs_i;
  timing t[6];
  t[0] = (timing) {
    "mixmaster dsp meter (in-process)",
        best_of (runs, run_ours, x, frames, &ours_i)
  };
  t[1] = (timing) {
    "libebur128 1.2.6 (in-process, histogram mode)",
        best_of (runs, run_libebur128, x, frames, &theirs_i)
  };
  snprintf (command, sizeof (command), "ffmpeg -nostdin -v error -i %s "
      "-af ebur128=peak=true -f null -", wav);
  t[2] = (timing) {
    "FFmpeg ebur128=peak=true (whole program)", best_command (runs, command)
  };
  snprintf (command, sizeof (command), "ffmpeg -nostdin -v error -i %s "
      "-f null -", wav);
  t[3] = (timing) {
    "  FFmpeg decode only (baseline)", best_command (runs, command)
  };
  snprintf (command, sizeof (command), "GST_PLUGIN_PATH=%s gst-launch-1.0 -q "
      "filesrc location=%s ! wavparse ! loudnorm mode=measure ! fakesink",
      plugin_dir, wav);
  t[4] = (timing) {
    "mixmaster loudnorm in gst-launch-1.0 (whole program)",
        best_command (runs, command)
  };
  snprintf (command, sizeof (command), "gst-launch-1.0 -q filesrc "
      "location=%s ! wavparse ! fakesink", wav);
  t[5] = (timing) {
    "  gst-launch-1.0 decode only (baseline)", best_command (runs, command)
  };
  unlink (wav);
  rmdir (dir);

  printf ("Input: %.0f s of 48 kHz stereo float, best of %d runs; "
      "integrated: ours %.2f, libebur128 %.2f LUFS\n\n", seconds, runs,
      ours_i, theirs_i);
  printf
      ("| meter (true peak on) | seconds | x real time | ours is faster by |\n");
  printf ("|---|---:|---:|---:|\n");
  for (int i = 0; i < 6; i++) {
    double ratio = i == 2 ? t[2].seconds / t[4].seconds :
        i == 1 ? t[1].seconds / t[0].seconds : NAN;
    printf ("| %s | %.2f | %.0f |", t[i].name, t[i].seconds,
        seconds / t[i].seconds);
    if (isnan (ratio))
      printf (" |\n");
    else
      printf (" %.2fx |\n", ratio);
  }
  double ffmpeg_filter = t[2].seconds - t[3].seconds;
  double ours_filter = t[4].seconds - t[5].seconds;
  printf ("\nFilter cost alone (program minus its decode-only baseline): "
      "FFmpeg ebur128 %.2f s, loudnorm %.2f s: ours is faster by %.2fx.\n",
      ffmpeg_filter, ours_filter, ffmpeg_filter / ours_filter);
  printf ("In-process meter against FFmpeg's filter cost: %.2fx.\n",
      ffmpeg_filter / t[0].seconds);
  free (x);
  return 0;
}
