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

/* Copies those readings from the file's report into a render's report, and
 * sets "measured-from-file" there. */
void written_file_take_readings (GstStructure * report,
    const GstStructure * written);

G_END_DECLS
#endif
