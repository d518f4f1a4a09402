/* Loudness normalization benchmark: loudnorm's live and file modes against
 * FFmpeg's loudnorm filter (dynamic, and linear after a measuring pass),
 * on the same 10-minute 48 kHz stereo programme in the same run. Prints
 * Markdown tables of throughput and ratios, then of accuracy: each output
 * measured by FFmpeg's own ebur128 filter (an independent meter).
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A user of FFmpeg's loudnorm must add -ar to get the input's rate back
 * (the filter outputs 192 kHz), so the FFmpeg commands do; ours keep the
 * rate. Timed runs write to fakesink / -f null; the accuracy runs write
 * float WAV files.
 *
 *   bench-normalize --seconds N --runs R --plugin-dir DIR
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench-common.h"

#define TARGET "-16"
#define CEILING "-1"

typedef struct
{
  double integrated, true_peak, loudness_range, threshold, offset;
} ffmpeg_measurement;

/* Runs a command and returns everything it printed (stdout and stderr). */
static char *
command_output (const char *command)
{
  char *full = malloc (strlen (command) + 8), *text = calloc (1, 1);
  size_t length = 0;
  char chunk[4096];
  FILE *p;

  sprintf (full, "%s 2>&1", command);
  p = popen (full, "r");
  free (full);
  if (!p)
    return text;
  while (fgets (chunk, sizeof (chunk), p)) {
    text = realloc (text, length + strlen (chunk) + 1);
    strcpy (text + length, chunk);
    length += strlen (chunk);
  }
  pclose (p);
  return text;
}

/* The number after `"key" : "` in FFmpeg loudnorm's JSON, or after
 * `key` in its ebur128 summary. */
static double
number_after (const char *text, const char *key)
{
  const char *p = strstr (text, key);
  if (!p)
    return NAN;
  p += strlen (key);
  while (*p && !strchr ("-0123456789", *p))
    p++;
  return atof (p);
}

static ffmpeg_measurement
ffmpeg_first_pass (const char *wav)
{
  char command[1024], *out;
  ffmpeg_measurement m;

  snprintf (command, sizeof (command), "ffmpeg -nostdin -hide_banner -i %s "
      "-af loudnorm=I=" TARGET ":TP=" CEILING ":LRA=20:print_format=json "
      "-f null -", wav);
  out = command_output (command);
  m.integrated = number_after (out, "\"input_i\"");
  m.true_peak = number_after (out, "\"input_tp\"");
  m.loudness_range = number_after (out, "\"input_lra\"");
  m.threshold = number_after (out, "\"input_thresh\"");
  m.offset = number_after (out, "\"target_offset\"");
  free (out);
  return m;
}

static void
ffmpeg_linear_filter (char *filter, size_t size, const ffmpeg_measurement * m)
{
  snprintf (filter, size, "loudnorm=I=" TARGET ":TP=" CEILING ":LRA=20:"
      "measured_I=%.2f:measured_TP=%.2f:measured_LRA=%.2f:"
      "measured_thresh=%.2f:offset=%.2f:linear=true", m->integrated,
      m->true_peak, m->loudness_range, m->threshold, m->offset);
}

/* Integrated loudness and true peak of a file by FFmpeg's ebur128. */
static void
measure_file (const char *path, double *integrated, double *true_peak)
{
  char command[1024], *out, *summary;

  snprintf (command, sizeof (command), "ffmpeg -nostdin -hide_banner -i %s "
      "-af ebur128=peak=true -f null -", path);
  out = command_output (command);
  summary = strstr (out, "Summary:");
  *integrated = summary ? number_after (summary, "I:") : NAN;
  *true_peak = summary ? number_after (summary, "Peak:") : NAN;
  free (out);
}

static double
time_ours (int runs, const char *plugin_dir, const char *wav,
    const char *mode, const char *output)
{
  char command[2048];
  snprintf (command, sizeof (command), "GST_PLUGIN_PATH=%s gst-launch-1.0 -q "
      "filesrc location=%s ! wavparse ! loudnorm mode=%s target=" TARGET
      " ceiling=" CEILING " ! %s", plugin_dir, wav, mode, output);
  return best_command (runs, command);
}

static double
time_ffmpeg (int runs, const char *wav, const char *filter, const char *output)
{
  char command[2048];
  snprintf (command, sizeof (command), "ffmpeg -nostdin -v error -y -i %s "
      "%s%s -ar 48000 %s", wav, filter ? "-af " : "", filter ? filter : "",
      output);
  return best_command (runs, command);
}

int
main (int argc, char **argv)
{
  const bench_options options = bench_parse_options (argc, argv);
  const double seconds = options.seconds;
  const int runs = options.runs;
  const char *plugin_dir = options.plugin_dir;
  char dir[] = "/tmp/bench-normalize-XXXXXX", wav[64], out[64];
  char filter[512], sink[128];

  size_t frames = (size_t) (seconds * RATE);
  float *x = programme (frames);
  write_programme_wav (dir, wav, sizeof (wav), x, frames);
  snprintf (out, sizeof (out), "%s/out.wav", dir);
  free (x);

  /* throughput */
  double live = time_ours (runs, plugin_dir, wav, "live", "fakesink");
  double file = time_ours (runs, plugin_dir, wav, "file", "fakesink");
  double gst_decode = time_ours (runs, plugin_dir, wav, "measure", "fakesink");
  double dynamic = time_ffmpeg (runs, wav, "loudnorm=I=" TARGET ":TP="
      CEILING ":LRA=20", "-f null -");
  double start = now_seconds ();
  ffmpeg_measurement m = ffmpeg_first_pass (wav);
  double first_pass = now_seconds () - start;
  ffmpeg_linear_filter (filter, sizeof (filter), &m);
  double second_pass = time_ffmpeg (runs, wav, filter, "-f null -");
  double ffmpeg_decode = time_ffmpeg (runs, wav, NULL, "-f null -");

  printf ("Input: %.0f s of 48 kHz stereo float, target " TARGET " LUFS, "
      "ceiling " CEILING " dBTP; best of %d runs (FFmpeg's first pass: one "
      "run)\n\n", seconds, runs);
  printf ("| normalizer | seconds | x real time | ours is faster by |\n");
  printf ("|---|---:|---:|---:|\n");
  printf ("| loudnorm mode=live (gst-launch-1.0) | %.2f | %.0f | |\n", live,
      seconds / live);
  printf ("| FFmpeg loudnorm, dynamic | %.2f | %.0f | **%.1fx** |\n", dynamic,
      seconds / dynamic, dynamic / live);
  printf ("| loudnorm mode=file, both passes in one pipeline | %.2f | %.0f | "
      "|\n", file, seconds / file);
  printf ("| FFmpeg loudnorm, measure run + linear run | %.2f + %.2f | %.0f | "
      "**%.1fx** |\n", first_pass, second_pass,
      seconds / (first_pass + second_pass), (first_pass + second_pass) / file);
  printf ("| loudnorm mode=measure, the meter alone (gst-launch-1.0) | %.2f | "
      "%.0f | |\n", gst_decode, seconds / gst_decode);
  printf ("| FFmpeg decode, -ar 48000 (baseline) | %.2f | %.0f | |\n\n",
      ffmpeg_decode, seconds / ffmpeg_decode);

  /* accuracy, by FFmpeg's ebur128 */
  printf ("| output, measured by FFmpeg ebur128=peak=true | integrated "
      "(LUFS) | true peak (dBFS) |\n|---|---:|---:|\n");
  snprintf (sink, sizeof (sink), "wavenc ! filesink location=%s", out);
  const char *modes[] = { "live", "file" };
  for (int i = 0; i < 2; i++) {
    double integrated, true_peak;
    time_ours (1, plugin_dir, wav, modes[i], sink);
    measure_file (out, &integrated, &true_peak);
    printf ("| loudnorm mode=%s | %.1f | %.1f |\n", modes[i], integrated,
        true_peak);
  }
  const char *filters[] = { "loudnorm=I=" TARGET ":TP=" CEILING ":LRA=20",
    filter
  };
  const char *names[] = { "dynamic", "linear (after its measuring run)" };
  for (int i = 0; i < 2; i++) {
    double integrated, true_peak;
    char output[128];
    snprintf (output, sizeof (output), "-c:a pcm_f32le %s", out);
    time_ffmpeg (1, wav, filters[i], output);
    measure_file (out, &integrated, &true_peak);
    printf ("| FFmpeg loudnorm, %s | %.1f | %.1f |\n", names[i], integrated,
        true_peak);
  }
  unlink (out);
  unlink (wav);
  rmdir (dir);
  return 0;
}
