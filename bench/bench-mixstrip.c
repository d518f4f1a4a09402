/* Channel strip benchmark: mixstrip against what a GStreamer user would
 * chain instead, on the same 10-minute 48 kHz stereo programme in the same
 * run: the stock elements (equalizer-nbands with 4 non-flat bands !
 * audiodynamic ! audiopanorama ! volume) and LSP's compressor-stereo LV2
 * plug-in through GStreamer's lv2 element (when installed). mixstrip runs
 * with its high-pass, all 4 EQ bands non-flat, gate, compressor and pan
 * on, reverb off; its reverb is then timed on its own. Whole programs,
 * each next to the decode-only baseline; best of --runs.
 *
 * `bench-mixstrip --only strip|reverb|none --seconds N` runs the channel
 * strip's DSP (dsp/strip.h, set as STRIP below; reverb: with reverb-mix
 * 0.3 too) once in-process over the programme (none: only synthesizes
 * it), for instruction counts under callgrind (bench/run).
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench-common.h"
#include "strip.h"

#define STRIP "mixstrip highpass=80 eq-low-gain=3 eq-low-mid-gain=-4 " \
  "eq-high-mid-gain=2 eq-high-gain=-2 gate-threshold=-60 " \
  "comp-threshold=-24 comp-ratio=4 pan=-0.2"

/* STRIP's settings, on the DSP; in 1024-frame buffers. */
static void
run_strip (const float *x, size_t frames, double reverb_mix)
{
  strip *s = strip_new (2, 2, RATE);
  strip_params p = strip_params_default ();
  float *y = malloc (1024 * 2 * sizeof (float));

  p.highpass_hz = 80.0;
  p.eq_low.gain_db = 3.0;
  p.eq_low_mid.gain_db = -4.0;
  p.eq_high_mid.gain_db = 2.0;
  p.eq_high.gain_db = -2.0;
  p.gate.threshold_db = -60.0;
  p.compressor.threshold_db = -24.0;
  p.compressor.ratio = 4.0;
  p.pan = -0.2;
  p.reverb.mix = reverb_mix;
  strip_set_params (s, &p);
  for (size_t done = 0; done < frames; done += 1024) {
    size_t n = frames - done < 1024 ? frames - done : 1024;
    strip_process_f32 (s, x + 2 * done, y, n);
  }
  free (y);
  strip_free (s);
}

int
main (int argc, char **argv)
{
  const bench_options options = bench_parse_options (argc, argv);
  const double seconds = options.seconds;
  const int runs = options.runs;
  const char *plugin_dir = options.plugin_dir, *only = options.only;
  char dir[] = "/tmp/bench-mixstrip-XXXXXX", wav[64];
  const contender contenders[] = {
    {"mixstrip (HPF, 4 EQ bands, gate, compressor, pan; reverb off)", STRIP},
    {"stock: equalizer-nbands (4 bands) ! audiodynamic ! audiopanorama ! "
          "volume", "equalizer-nbands num-bands=4 band0::gain=3 "
          "band1::gain=-4 band2::gain=2 band3::gain=-2 ! audiodynamic "
          "ratio=0.25 threshold=0.06 ! audiopanorama panorama=-0.2 ! volume "
          "volume=1.0"},
    {"LSP compressor-stereo (LV2, through lv2 and audioconvert)",
        "audioconvert ! lsp-plug-in-plugins-lv2-compressor-stereo cr=4 ! "
          "audioconvert"},
    {"mixstrip as above with reverb-mix=0.3", STRIP " reverb-mix=0.3"},
    {"decode only (baseline)", ""},
  };
  const int n = sizeof (contenders) / sizeof (contenders[0]);
  double t[8];

  size_t frames = (size_t) (seconds * RATE);
  float *x = programme (frames);
  if (only) {
    if (strcmp (only, "none") != 0)
      run_strip (x, frames, strcmp (only, "reverb") == 0 ? 0.3 : 0.0);
    free (x);
    return 0;
  }
  write_programme_wav (dir, wav, sizeof (wav), x, frames);
  free (x);

  for (int i = 0; i < n; i++)
    t[i] = i == 2 && !have_element ("lsp-plug-in-plugins-lv2-compressor-stereo")
        ? -1.0 : time_chain (runs, plugin_dir, wav, contenders[i].chain);
  unlink (wav);
  rmdir (dir);

  printf ("Input: %.0f s of 48 kHz stereo float, best of %d runs\n\n",
      seconds, runs);
  printf ("| chain (whole gst-launch-1.0 program) | seconds | x real time | "
      "filter cost, s | mixstrip is faster by |\n|---|---:|---:|---:|---:|\n");
  for (int i = 0; i < n; i++) {
    double cost = t[i] - t[n - 1];
    if (t[i] < 0) {
      printf ("| %s | not installed | | | |\n", contenders[i].name);
      continue;
    }
    printf ("| %s | %.3f | %.0f | %.3f |", contenders[i].name, t[i],
        seconds / t[i], cost);
    if (i == 1 || i == 2)
      printf (" **%.1fx** (whole), %.1fx (filter cost) |\n", t[i] / t[0],
          cost / (t[0] - t[n - 1]));
    else
      printf (" |\n");
  }
  printf ("\nThe reverb's own cost: %.2f s per %.0f s of audio.\n",
      t[3] - t[0], seconds);
  return 0;
}
