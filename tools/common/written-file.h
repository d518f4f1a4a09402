/* mixmaster tools: a file they wrote, decoded again and measured, so that
 * a verdict describes what was written (after dither, the encoder and its
 * resampling), not the signal before it.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_WRITTEN_FILE_H
#define MIXMASTER_WRITTEN_FILE_H

#include <gst/gst.h>

#include "gain-tags.h"

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
 * peak is over the ceiling (dither, the encoder); once more for gain tags. */
#define WRITTEN_FILE_MAX_RENDERS 3

/* What the renders of one file did so far. */
typedef struct
{
  gint allowed;                 /* renders, in all */
  gint count;                   /* renders so far */
  gdouble limiter_ceiling;      /* the last render's */
  gdouble over;                 /* how far its file was over the ceiling */
  const OutputFormat *tags_format;      /* gain tags to write; NULL: none */
  gboolean with_tags;           /* the next render writes tags */
  GainTags tags;
} WrittenFileRenders;

/* Before the first render: one only with no_rerender (then no gain tags),
 * and gain tags in the format of tags_format when not NULL and its encoder
 * writes them (gain_tags_in_stream()). */
void written_file_renders_init (WrittenFileRenders * renders,
    gboolean no_rerender, const OutputFormat * tags_format);

/* Copies those readings from the file's report into the report of the
 * render just done, with what the verdict is of (the written file's preset
 * and ceiling: the ones asked for) and what the render did ("renders",
 * "limiter-ceiling": the ceiling its limiter held; "gain-tags": the tags
 * written, when they say what the file reads), and sets
 * "measured-from-file". Returns the limiter ceiling for another render,
 * NAN when none is needed. When the file is over the ceiling, that is
 * this one's lowered by the overshoot the first time; then by the
 * overshoot over how much it moved with the last change of ceiling (an
 * encoder such as Opus adds more overshoot the more the limiter works:
 * 0.7 dB more ceiling for each dB less on real music), and 0.02 dB more.
 * When gain tags are asked for and the file does not carry tags that say
 * what it reads (the first render has none), the same ceiling again, with
 * renders->tags what this file reads: a render differs from the one
 * before only by its dither and tags. */
gdouble written_file_take_readings (WrittenFileRenders * renders,
    GstStructure * report, const GstStructure * written);

G_END_DECLS
#endif
