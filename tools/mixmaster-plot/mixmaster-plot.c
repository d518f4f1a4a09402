/* mixmaster-plot: the documentation's plots, drawn from the DSP code
 * itself (dsp/eq_design.c, dsp/dynamics.c), as SVG.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   mixmaster-plot DIR    writes DIR/mixstrip-eq.svg,
 *                         DIR/mixstrip-compressor.svg,
 *                         DIR/audiomaster-crossover.svg (dsp/crossover.c,
 *                         measured with sines) and
 *                         DIR/audiomaster-limiter.svg (dsp/master.c on
 *                         music driven 12 dB into the limiter)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "biquad.h"
#include "crossover.h"
#include "dynamics.h"
#include "eq_design.h"
#include "master.h"
#include "programmes.h"

#define W 720
#define H 400
#define LEFT 60
#define RIGHT 20
#define TOP 20
#define BOTTOM 40
#define RATE 48000.0

typedef struct
{
  double x0, x1, y0, y1;
  int log_x;
  int legend_x, legend_y;       /* where the legend's first line goes */
} axes;

static double
px (const axes * a, double x)
{
  double t = a->log_x ? log10 (x / a->x0) / log10 (a->x1 / a->x0) :
      (x - a->x0) / (a->x1 - a->x0);
  return LEFT + t * (W - LEFT - RIGHT);
}

static double
py (const axes * a, double y)
{
  double t = (y - a->y0) / (a->y1 - a->y0);
  return H - BOTTOM - t * (H - TOP - BOTTOM);
}

static void
begin (FILE * f, const axes * a, const char *x_label, const char *y_label,
    const double *x_ticks, int n_x, double y_step)
{
  fprintf (f, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' "
      "height='%d' font-family='sans-serif' font-size='11'>\n"
      "<rect width='100%%' height='100%%' fill='white'/>\n", W, H);
  for (int i = 0; i < n_x; i++)
    fprintf (f, "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='#ddd'/>"
        "<text x='%.1f' y='%d' text-anchor='middle'>%g</text>\n",
        px (a, x_ticks[i]), TOP, px (a, x_ticks[i]), H - BOTTOM,
        px (a, x_ticks[i]), H - BOTTOM + 14, x_ticks[i]);
  for (double y = a->y0; y <= a->y1 + 1e-9; y += y_step)
    fprintf (f, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/>"
        "<text x='%d' y='%.1f' text-anchor='end'>%g</text>\n", LEFT,
        py (a, y), W - RIGHT, py (a, y), LEFT - 4, py (a, y) + 4, y);
  fprintf (f, "<text x='%d' y='%d' text-anchor='middle'>%s</text>\n"
      "<text x='14' y='%d' transform='rotate(-90 14 %d)' "
      "text-anchor='middle'>%s</text>\n", (LEFT + W - RIGHT) / 2, H - 6,
      x_label, (TOP + H - BOTTOM) / 2, (TOP + H - BOTTOM) / 2, y_label);
}

static void
curve (FILE * f, const axes * a, const double *x, const double *y, int n,
    const char *colour, const char *label, int row)
{
  fprintf (f, "<polyline fill='none' stroke='%s' stroke-width='1.5' "
      "points='", colour);
  for (int i = 0; i < n; i++) {
    double v = fmax (a->y0, fmin (a->y1, y[i]));
    fprintf (f, "%.1f,%.1f ", px (a, x[i]), py (a, v));
  }
  fprintf (f, "'/>\n<text x='%d' y='%d' fill='%s'>%s</text>\n",
      a->legend_x, a->legend_y + 14 * row, colour, label);
}

#define POINTS 300

static void
eq_plot (FILE * f)
{
  static const double ticks[] = { 20, 50, 100, 200, 500, 1000, 2000, 5000,
    10000, 20000
  };
  static const char *colours[] = { "#1f77b4", "#ff7f0e", "#2ca02c",
    "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"
  };
  axes a = { 20, 20000, -30, 30, 1, W - RIGHT - 220, TOP + 14 };
  double freq[POINTS], db[POINTS];
  biquad_coeffs c[EQ_MAX_BUTTERWORTH_SECTIONS];
  int row = 0;

  for (int i = 0; i < POINTS; i++)
    freq[i] = 20.0 * pow (1000.0, i / (POINTS - 1.0));
  begin (f, &a, "Hz", "dB", ticks, 10, 5);
  for (unsigned n = 1; n <= 4; n++) {
    char label[64];
    eq_design_butterworth_highpass (c, n, 80.0, RATE);
    for (int i = 0; i < POINTS; i++) {
      db[i] = 0.0;
      for (unsigned k = 0; k < n; k++)
        db[i] += biquad_magnitude_db (&c[k], freq[i], RATE);
    }
    snprintf (label, sizeof (label), "highpass=80 slope %u dB/oct", 12 * n);
    curve (f, &a, freq, db, POINTS, colours[row], label, row);
    row++;
  }
  eq_design_low_shelf (c, 150.0, EQ_BUTTERWORTH_Q, 6.0, RATE);
  for (int i = 0; i < POINTS; i++)
    db[i] = biquad_magnitude_db (c, freq[i], RATE);
  curve (f, &a, freq, db, POINTS, colours[row], "eq-low 150 Hz +6 dB", row);
  row++;
  eq_design_peaking (c, 700.0, 2.0, -8.0, RATE);
  for (int i = 0; i < POINTS; i++)
    db[i] = biquad_magnitude_db (c, freq[i], RATE);
  curve (f, &a, freq, db, POINTS, colours[row], "eq-low-mid 700 Hz -8 dB "
      "Q 2", row);
  row++;
  eq_design_peaking (c, 3000.0, 0.7, 5.0, RATE);
  for (int i = 0; i < POINTS; i++)
    db[i] = biquad_magnitude_db (c, freq[i], RATE);
  curve (f, &a, freq, db, POINTS, colours[row], "eq-high-mid 3 kHz +5 dB "
      "Q 0.7", row);
  row++;
  eq_design_high_shelf (c, 10000.0, EQ_BUTTERWORTH_Q, -6.0, RATE);
  for (int i = 0; i < POINTS; i++)
    db[i] = biquad_magnitude_db (c, freq[i], RATE);
  curve (f, &a, freq, db, POINTS, colours[row], "eq-high 10 kHz -6 dB", row);
  fprintf (f, "</svg>\n");
}

static void
compressor_plot (FILE * f)
{
  static const double ticks[] = { -60, -50, -40, -30, -20, -10, 0 };
  static const struct
  {
    double ratio, knee;
    const char *colour, *label;
  } settings[] = {
    {1.0, 0.0, "#7f7f7f", "comp-ratio=1 (off)"},
    {2.0, 0.0, "#1f77b4", "ratio 2, hard knee"},
    {4.0, 0.0, "#ff7f0e", "ratio 4, hard knee"},
    {4.0, 12.0, "#2ca02c", "ratio 4, knee 12 dB"},
    {1000.0, 6.0, "#d62728", "ratio 1000 (limiter), knee 6 dB"},
  };
  axes a = { -60, 0, -60, 0, 0, W - RIGHT - 220, H - BOTTOM - 80 };
  double x[POINTS], y[POINTS];

  for (int i = 0; i < POINTS; i++)
    x[i] = -60.0 + 60.0 * i / (POINTS - 1.0);
  begin (f, &a, "input level, dBFS (comp-threshold=-20)", "output level, "
      "dBFS", ticks, 7, 10);
  for (int s = 0; s < 5; s++) {
    for (int i = 0; i < POINTS; i++)
      y[i] = dynamics_compressor_curve_db (x[i], -20.0, settings[s].ratio,
          settings[s].knee);
    curve (f, &a, x, y, POINTS, settings[s].colour, settings[s].label, s);
  }
  fprintf (f, "</svg>\n");
}

/* RMS level in dB of channel 0 of n interleaved stereo frames against a
 * sine of amplitude 1. */
static double
sine_level_db (const double *y, size_t n)
{
  double sum = 0.0;

  for (size_t i = 0; i < n; i++)
    sum += y[2 * i] * y[2 * i];
  return 10.0 * log10 (2.0 * sum / n);
}

static void
crossover_plot (FILE * f)
{
  static const double ticks[] = { 20, 50, 100, 200, 500, 1000, 2000, 5000,
    10000, 20000
  };
  static const char *labels[] = { "low band", "mid band", "high band",
    "sum of the bands"
  };
  static const char *colours[] = { "#1f77b4", "#2ca02c", "#d62728",
    "#000000"
  };
  enum
  { PROBES = 120, SETTLE = 24000, SPAN = 4800 };
  axes a = { 20, 20000, -36, 6, 1, W - RIGHT - 220, H - BOTTOM - 80 };
  double freq[PROBES], db[4][PROBES];
  double *x = malloc (2 * (SETTLE + SPAN) * sizeof (double));
  double *band[3], *sum = malloc (2 * SPAN * sizeof (double));

  for (int b = 0; b < 3; b++)
    band[b] = malloc (2 * (SETTLE + SPAN) * sizeof (double));
  for (int i = 0; i < PROBES; i++) {
    crossover *c = crossover_new (2, RATE);

    freq[i] = 20.0 * pow (1000.0, i / (PROBES - 1.0));
    for (int n = 0; n < SETTLE + SPAN; n++)
      x[2 * n] = x[2 * n + 1] = sin (2.0 * M_PI * freq[i] * n / RATE);
    crossover_set_frequencies (c, 200.0, 3000.0);
    crossover_split (c, x, band[0], band[1], band[2], SETTLE + SPAN);
    for (int n = 0; n < 2 * SPAN; n++)
      sum[n] = band[0][2 * SETTLE + n] + band[1][2 * SETTLE + n] +
          band[2][2 * SETTLE + n];
    for (int b = 0; b < 3; b++)
      db[b][i] = sine_level_db (band[b] + 2 * SETTLE, SPAN);
    db[3][i] = sine_level_db (sum, SPAN);
    crossover_free (c);
  }
  begin (f, &a, "Hz (crossover-low=200, crossover-high=3000)", "dB", ticks,
      10, 6);
  for (int b = 0; b < 4; b++)
    curve (f, &a, freq, db[b], PROBES, colours[b], labels[b], b);
  fprintf (f, "</svg>\n");
  for (int b = 0; b < 3; b++)
    free (band[b]);
  free (sum);
  free (x);
}

static void
limiter_plot (FILE * f)
{
  static const double ticks[] = { 0, 1, 2, 3, 4, 5, 6 };
  enum
  { STEP = 480, STEPS = 600 };  /* 10 ms, 6 s */
  axes a = { 0, 6, -24, 12, 0, W - RIGHT - 220, H - BOTTOM - 80 };
  size_t frames;
  float *music = programme_new (PROGRAMME_MUSIC, RATE, 2, 6.0, &frames);
  master *m = master_new (2, RATE, 5.0, 0.0);
  master_params p = master_params_default ();
  double t[STEPS], in[STEPS], out[STEPS], reduction[STEPS], peak = 0.0;
  double block[2 * STEP];

  for (size_t i = 0; i < 2 * frames; i++)
    peak = fmax (peak, fabs (music[i]));
  p.input_gain_db = 12.0;
  master_set_params (m, &p);
  master_reset (m);
  for (int s = 0; s < STEPS; s++) {
    double in_peak = 0.0, out_peak = 0.0;

    for (int i = 0; i < 2 * STEP; i++) {
      block[i] = music[(size_t) s * 2 * STEP + i] / peak;
      in_peak = fmax (in_peak, fabs (block[i]));
    }
    master_process_f64 (m, block, STEP);
    for (int i = 0; i < 2 * STEP; i++)
      out_peak = fmax (out_peak, fabs (block[i]));
    t[s] = (s + 1) * STEP / RATE;
    in[s] = 20.0 * log10 (in_peak) + 12.0;
    out[s] = 20.0 * log10 (out_peak);
    reduction[s] = -master_take_meters (m).limiter_reduction_db;
  }
  begin (f, &a, "seconds (music, trim=12, ceiling=-1)", "dB", ticks, 7, 7);
  curve (f, &a, t, in, STEPS, "#7f7f7f", "peak into the limiter, dBFS", 0);
  curve (f, &a, t, out, STEPS, "#1f77b4", "peak out, dBFS", 1);
  curve (f, &a, t, reduction, STEPS, "#d62728", "limiter gain, dB", 2);
  fprintf (f, "</svg>\n");
  master_free (m);
  free (music);
}

static int
write_plot (const char *dir, const char *name, void (*draw) (FILE *))
{
  char path[4096];
  FILE *f;

  snprintf (path, sizeof (path), "%s/%s", dir, name);
  f = fopen (path, "w");
  if (!f) {
    perror (path);
    return 0;
  }
  draw (f);
  return fclose (f) == 0;
}

int
main (int argc, char **argv)
{
  if (argc != 2) {
    fprintf (stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  return write_plot (argv[1], "mixstrip-eq.svg", eq_plot) &&
      write_plot (argv[1], "mixstrip-compressor.svg", compressor_plot) &&
      write_plot (argv[1], "audiomaster-crossover.svg", crossover_plot) &&
      write_plot (argv[1], "audiomaster-limiter.svg", limiter_plot) ? 0 : 1;
}
