/* mixmaster tools: a file they wrote, decoded again and measured, so that
 * a verdict describes what was written (after dither, the encoder and its
 * resampling), not the signal before it.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_WRITTEN_FILE_H
#define MIXMASTER_WRITTEN_FILE_H

#include <gst/gst.h>

G_BEGIN_DECLS

/* Sets the delivery's preset, target and ceiling on the measuring loudnorm. */
typedef void (*WrittenFileConfigure) (GstElement * loudnorm, gpointer data);

/* Decodes path (filesrc ! decodebin ! audioconvert ! loudnorm
 * mode=measure) and
 * returns loudnorm's final report: integrated, loudness-range, true-peak
 * (per channel), max-momentary, max-short-term and compliant against what
 * configure set. NULL with error set when it cannot be read, or when the
 * run is interrupted (interruption.h). */
GstStructure *written_file_measure (const gchar * path,
    WrittenFileConfigure configure, gpointer data, GError ** error);

/* A tool renders at most this many times while the written file's true
 * peak is over the ceiling (dither, the encoder). */
#define WRITTEN_FILE_MAX_RENDERS 3

/* What the renders of one file did so far; zero before the first. */
typedef struct
{
  gint count;
  gdouble limiter_ceiling;      /* the last render's */
  gdouble over;                 /* how far its file was over the ceiling */
} WrittenFileRenders;

/* Copies those readings from the file's report into the report of the
 * render just done, with what the verdict is of (the written file's preset
 * and ceiling: the ones asked for) and what the render did ("renders",
 * "limiter-ceiling": the ceiling its limiter held), and sets
 * "measured-from-file". Returns the limiter ceiling for another render,
 * NAN when the file is not over the ceiling: the first time, this one's
 * lowered by the overshoot; then by the overshoot over how much it moved
 * with the last change of ceiling (an encoder such as Opus adds more
 * overshoot the more the limiter works: 0.7 dB more ceiling for each dB
 * less on real music), and 0.02 dB more. */
gdouble written_file_take_readings (WrittenFileRenders * renders,
    GstStructure * report, const GstStructure * written);

G_END_DECLS
#endif
