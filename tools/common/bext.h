/* mixmaster tools: the Broadcast Wave Format's bext chunk (EBU Tech 3285
 * version 2), kept from a WAV input into the WAV written, with loudness
 * fields that say what the written file reads.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_BEXT_H
#define MIXMASTER_BEXT_H

#include <gst/gst.h>

G_BEGIN_DECLS

/* The bext chunk's contents in the RIFF WAVE file at path, or NULL when it
 * has none or is no WAV file. */
GBytes *bext_read (const gchar * path);

/* Rewrites the WAV file at path with a bext chunk after its fmt chunk:
 * from_input's description, originator, dates, time reference, UMID and
 * coding history (or empty ones when NULL), as version 2 with the
 * loudness of report (a loudnorm report of that file: integrated,
 * loudness-range, true-peak, max-momentary, max-short-term), and one line
 * of coding history (EBU R 98) for this file: its format, the program and
 * what it did. FALSE with error set when the file cannot be read or
 * written. */
gboolean bext_write (const gchar * path, GBytes * from_input,
    const GstStructure * report, const gchar * what, GError ** error);

/* What the tools do with it: when written is a WAV file, and input (or
 * NULL) has a bext chunk or asked is set, bext_write() with it, and
 * "gain-tags" set in report to say so. FALSE with error set when it fails. */
gboolean bext_keep (const gchar * input, const gchar * written,
    gboolean asked, GstStructure * report, const gchar * what,
    GError ** error);

G_END_DECLS
#endif
