/* Mastering chain benchmark: audiomaster against what a GStreamer user
 * would assemble instead, LSP's mb-compressor-stereo and limiter-stereo
 * LV2 plug-ins through GStreamer's lv2 element, on the same 48 kHz stereo
 * programme in the same run. Both split three bands at 200 Hz and 3 kHz
 * and compress them 2:1; LSP's limiter runs 4x oversampled (ovs=5, Half
 * x4), the setting nearest to our detector's 8x true-peak reading, with a
 * -1 dB threshold and 5 ms lookahead like ours. Then audiomaster's stages
 * are added one at a time, so each one's cost is the difference. Whole
 * programs, each next to the decode-only baseline; best of --runs.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bench-common.h"

#define LIMITER "audiomaster ceiling=-1 lookahead=5"
#define EQ LIMITER " highpass=30 eq-low-gain=2 eq-mid-gain=-1 " \
  "eq-high-gain=2 eq-tilt=0.5"
#define BANDS EQ " low-ratio=2 mid-ratio=2 high-ratio=2"
#define IMAGE BANDS " width=1.2 bass-mono=100"
#define SATURATION IMAGE " saturation=0.3"
#define EVERYTHING SATURATION " reverb-mix=0.1"
#define LSP "audioconvert ! lsp-plug-in-plugins-lv2-mb-compressor-stereo " \
  "cbe-1=true sf-1=200 cbe-2=true sf-2=3000 cbe-3=false cbe-4=false " \
  "cbe-5=false cbe-6=false cbe-7=false ! " \
  "lsp-plug-in-plugins-lv2-limiter-stereo ovs=5 th=0.891 lk=5 ! audioconvert"

int
main (int argc, char **argv)
{
  const bench_options options = bench_parse_options (argc, argv);
  char dir[] = "/tmp/bench-audiomaster-XXXXXX", wav[64];
  const contender contenders[] = {
    {"audiomaster, every stage (EQ, 3 bands, width, saturation, "
          "ambience, limiter)", EVERYTHING},
    {"audiomaster, every stage but the ambience reverb", SATURATION},
    {"LSP mb-compressor-stereo (3 bands) ! limiter-stereo (4x), LV2", LSP},
    {"audiomaster: limiter only", LIMITER},
    {"  + high-pass and EQ with tilt", EQ},
    {"  + 3-band compressor", BANDS},
    {"  + width and bass mono", IMAGE},
    {"  + saturation", SATURATION},
    {"  + ambience reverb", EVERYTHING},
    {"decode only (baseline)", ""},
  };
  const int n = sizeof (contenders) / sizeof (contenders[0]);
  const int lsp = 2, first_stage = 3;
  double t[16];
  size_t frames = (size_t) (options.seconds * RATE);
  float *x = programme (frames);

  write_programme_wav (dir, wav, sizeof (wav), x, frames);
  free (x);
  for (int i = 0; i < n; i++)
    t[i] = i == lsp && !have_element
        ("lsp-plug-in-plugins-lv2-mb-compressor-stereo") ? -1.0 :
        time_chain (options.runs, options.plugin_dir, wav, contenders[i].chain);
  unlink (wav);
  rmdir (dir);
  printf ("Input: %.0f s of 48 kHz stereo float, best of %d runs\n\n",
      options.seconds, options.runs);
  printf ("| chain (whole gst-launch-1.0 program) | seconds | filter cost, s "
      "| ns per frame | vs LSP (filter cost) |\n|---|---:|---:|---:|---:|\n");
  for (int i = 0; i < n; i++) {
    double cost = t[i] - t[n - 1], previous = t[i - 1] - t[n - 1];

    if (t[i] < 0) {
      printf ("| %s | not installed | | | |\n", contenders[i].name);
      continue;
    }
    printf ("| %s | %.3f | %.3f | %.0f |", contenders[i].name, t[i], cost,
        cost / frames * 1e9);
    if (i < lsp && t[lsp] > 0)
      printf (" **%.2fx** |\n", (t[lsp] - t[n - 1]) / cost);
    else if (i > first_stage && i < n - 1)
      printf (" stage: %+.0f ns per frame |\n", (cost - previous) / frames
          * 1e9);
    else
      printf (" |\n");
  }
  return 0;
}
