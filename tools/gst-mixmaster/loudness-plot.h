/* mixmaster tools: a picture of a programme's loudness over time, for QC.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_LOUDNESS_PLOT_H
#define MIXMASTER_LOUDNESS_PLOT_H

#include <glib.h>

#include "loudness-curve.h"

typedef struct
{
  const gchar *title;
  gdouble target_lufs, ceiling_dbtp;    /* NAN: not drawn */
  gdouble integrated_lufs;
} LoudnessPlotLabels;

/* Draws momentary and short-term loudness, the target and integrated
 * loudness as lines, and marks every 100 ms slice whose true peak is over
 * the ceiling. PNG or SVG by the path's extension. */
gboolean loudness_plot_write (const loudness_curve * curve,
    const LoudnessPlotLabels * labels, const gchar * path, GError ** error);

/* Whether the path names a kind of picture loudness_plot_write() makes. */
gboolean loudness_plot_path_ok (const gchar * path);

#endif
