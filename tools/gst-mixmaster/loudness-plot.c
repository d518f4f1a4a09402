/* mixmaster tools: a picture of a programme's loudness over time, drawn
 * with cairo.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The scale is the EBU Mode "EBU +9" idea stretched for mastering: 0 LUFS
 * at the top, 48 dB down, a grid line every 6 dB.
 */
#include "loudness-plot.h"

#include <cairo-svg.h>
#include <cairo.h>
#include <math.h>
#include <stdio.h>

#define WIDTH 1200
#define HEIGHT 480
#define LEFT 70
#define RIGHT 20
#define TOP 50
#define BOTTOM 50
#define TOP_LUFS 0.0
#define RANGE_DB 48.0

typedef struct
{
  cairo_t *cr;
  double seconds;               /* the programme's length */
} Plot;

static double
x_of (const Plot * p, double seconds)
{
  return LEFT + (WIDTH - LEFT - RIGHT) * seconds / fmax (p->seconds, 1e-3);
}

static double
y_of (double lufs)
{
  double level = fmin (fmax (lufs, TOP_LUFS - RANGE_DB), TOP_LUFS);
  return TOP + (HEIGHT - TOP - BOTTOM) * (TOP_LUFS - level) / RANGE_DB;
}

static void
text_at (cairo_t * cr, double x, double y, const char *text)
{
  cairo_move_to (cr, x, y);
  cairo_show_text (cr, text);
}

/* Grid every 6 dB, time ticks at a round step, labels. */
static void
draw_axes (const Plot * p)
{
  cairo_t *cr = p->cr;
  static const double steps[] = { 1, 2, 5, 10, 15, 30, 60, 120, 300, 600 };
  double step = steps[G_N_ELEMENTS (steps) - 1];
  char label[32];

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (p->seconds / steps[i] <= 12) {
      step = steps[i];
      break;
    }
  cairo_set_font_size (cr, 12);
  cairo_set_line_width (cr, 1);
  for (double db = 0; db <= RANGE_DB; db += 6) {
    cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
    cairo_move_to (cr, LEFT, y_of (TOP_LUFS - db));
    cairo_line_to (cr, WIDTH - RIGHT, y_of (TOP_LUFS - db));
    cairo_stroke (cr);
    cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
    snprintf (label, sizeof (label), "%.0f", TOP_LUFS - db);
    text_at (cr, LEFT - 32, y_of (TOP_LUFS - db) + 4, label);
  }
  for (double t = 0; t <= p->seconds + 1e-9; t += step) {
    snprintf (label, sizeof (label), "%d:%02d", (int) t / 60, (int) t % 60);
    text_at (cr, x_of (p, t) - 12, HEIGHT - BOTTOM + 18, label);
  }
  text_at (cr, LEFT - 60, TOP - 12, "LUFS");
  text_at (cr, WIDTH - RIGHT - 60, HEIGHT - 12, "time (m:s)");
}

static void
draw_level_line (const Plot * p, double lufs, double r, double g, double b,
    gboolean dashed)
{
  static const double dash[] = { 6, 4 };

  if (!isfinite (lufs))
    return;
  cairo_set_source_rgb (p->cr, r, g, b);
  cairo_set_line_width (p->cr, 1.5);
  cairo_set_dash (p->cr, dash, dashed ? 2 : 0, 0);
  cairo_move_to (p->cr, LEFT, y_of (lufs));
  cairo_line_to (p->cr, WIDTH - RIGHT, y_of (lufs));
  cairo_stroke (p->cr);
  cairo_set_dash (p->cr, dash, 0, 0);
}

/* One reading as a line through every point; silence breaks it. */
static void
draw_curve (const Plot * p, const loudness_point * points, size_t n,
    gboolean short_term, double width)
{
  gboolean drawing = FALSE;

  cairo_set_line_width (p->cr, width);
  for (size_t i = 0; i < n; i++) {
    double lufs = short_term ? points[i].short_term_lufs :
        points[i].momentary_lufs;
    if (!isfinite (lufs)) {
      drawing = FALSE;
      continue;
    }
    if (drawing)
      cairo_line_to (p->cr, x_of (p, points[i].seconds), y_of (lufs));
    else
      cairo_move_to (p->cr, x_of (p, points[i].seconds), y_of (lufs));
    drawing = TRUE;
  }
  cairo_stroke (p->cr);
}

/* A red tick at the top for every slice over the ceiling; their count. */
static guint
draw_overs (const Plot * p, const loudness_point * points, size_t n,
    double ceiling)
{
  guint overs = 0;

  cairo_set_source_rgb (p->cr, 0.85, 0.1, 0.1);
  cairo_set_line_width (p->cr, 2);
  for (size_t i = 0; isfinite (ceiling) && i < n; i++)
    if (points[i].true_peak_dbtp > ceiling) {
      cairo_move_to (p->cr, x_of (p, points[i].seconds), TOP - 8);
      cairo_line_to (p->cr, x_of (p, points[i].seconds), TOP);
      overs++;
    }
  cairo_stroke (p->cr);
  return overs;
}

static void
draw_legend (const Plot * p, const LoudnessPlotLabels * labels, guint overs)
{
  char text[160];

  cairo_set_font_size (p->cr, 14);
  cairo_set_source_rgb (p->cr, 0, 0, 0);
  text_at (p->cr, LEFT, 20, labels->title ? labels->title : "");
  cairo_set_font_size (p->cr, 12);
  snprintf (text, sizeof (text), "short-term (dark), momentary (light); "
      "integrated %.1f LUFS (blue), target %.1f LUFS (dashed); true-peak "
      "overs %.1f dBTP: %u (red ticks)", labels->integrated_lufs,
      labels->target_lufs, labels->ceiling_dbtp, overs);
  text_at (p->cr, LEFT, 38, text);
}

static void
draw (cairo_t * cr, const loudness_curve * curve,
    const LoudnessPlotLabels * labels)
{
  size_t n;
  const loudness_point *points = loudness_curve_points (curve, &n);
  Plot p = { cr, n ? points[n - 1].seconds : 1.0 };
  guint overs;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  draw_axes (&p);
  cairo_set_source_rgb (cr, 0.6, 0.75, 0.9);
  draw_curve (&p, points, n, FALSE, 1.0);
  cairo_set_source_rgb (cr, 0.05, 0.2, 0.45);
  draw_curve (&p, points, n, TRUE, 2.0);
  draw_level_line (&p, labels->integrated_lufs, 0.1, 0.4, 0.9, FALSE);
  draw_level_line (&p, labels->target_lufs, 0.1, 0.6, 0.2, TRUE);
  overs = draw_overs (&p, points, n, labels->ceiling_dbtp);
  draw_legend (&p, labels, overs);
}

gboolean
loudness_plot_path_ok (const gchar * path)
{
  gchar *lower = g_ascii_strdown (path, -1);
  gboolean ok = g_str_has_suffix (lower, ".png") ||
      g_str_has_suffix (lower, ".svg");

  g_free (lower);
  return ok;
}

gboolean
loudness_plot_write (const loudness_curve * curve,
    const LoudnessPlotLabels * labels, const gchar * path, GError ** error)
{
  gchar *lower = g_ascii_strdown (path, -1);
  gboolean svg = g_str_has_suffix (lower, ".svg");
  cairo_surface_t *surface = svg ?
      cairo_svg_surface_create (path, WIDTH, HEIGHT) :
      cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  draw (cr, curve, labels);
  cairo_destroy (cr);
  if (svg) {
    cairo_surface_finish (surface);
    status = cairo_surface_status (surface);
  } else {
    status = cairo_surface_write_to_png (surface, path);
  }
  cairo_surface_destroy (surface);
  g_free (lower);
  if (status != CAIRO_STATUS_SUCCESS) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "%s: %s", path,
        cairo_status_to_string (status));
    return FALSE;
  }
  return TRUE;
}
