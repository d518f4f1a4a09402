/* mixmaster tools: what reads an input file.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_INPUT_FILE_H
#define MIXMASTER_INPUT_FILE_H

#include <gst/gst.h>

G_BEGIN_DECLS

/* The element that turns the file into raw audio, for
 * "filesrc ! DEMUXER ! audioconvert": "aiffparse" for AIFF, else
 * "decodebin". decodebin with aiffparse stalls now and then (3 runs in 120
 * here, under load: aiffparse pauses its task without an error when it
 * pushes before decodebin has linked it), so AIFF is linked by hand. */
const gchar *input_file_demuxer (const gchar * path);

/* Whether the file's header gives its exact length (FLAC, WAV, AIFF, W64),
 * so a file that decodes shorter is truncated. */
gboolean input_file_states_exact_length (const gchar * path);

/* When a file of such a format decoded more than 10 ms shorter than its
 * header states (stated, decoded: ns; stated < 0 when unknown), the
 * warning to print, "the file ends early: ..."; else NULL. */
gchar *input_file_ends_early (const gchar * path, gint64 stated,
    guint64 decoded);

/* Watches a decodebin or uridecodebin reading a file: a second audio
 * stream is an error (which one to use is not clear), and so is a video,
 * subtitle or other stream when refuse_other (a tool that writes the file
 * again would lose it); else that stream is not used. */
void input_file_watch_streams (GstElement * decoder, gboolean refuse_other);

/* Replaces each folder among paths (NULL-terminated, freed and replaced)
 * by the audio files in it, by name, not recursing; FALSE with error set
 * for a folder without any. */
gboolean input_file_expand_folders (gchar *** paths, GError ** error);

/* An input that can be read: a regular file, readable; else FALSE with
 * an error naming what it is (missing, a folder, a device). */
gboolean input_file_check_readable (const gchar * path, GError ** error);

/* The text of an error message for a user: its own, or, where GStreamer
 * gives only its generic "general stream error", the element's words from
 * the debug text ("the file cannot be decoded: Stream with sample_rate ==
 * 0 - invalid data"). */
gchar *input_file_error_text (GstMessage * msg);

G_END_DECLS
#endif
