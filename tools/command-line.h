/* mixmaster tools: parsing a command line with GOption, GStreamer's own
 * options included.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_COMMAND_LINE_H
#define MIXMASTER_COMMAND_LINE_H

#include <gst/gst.h>

G_BEGIN_DECLS

/* The delivery preset both tools use when none is given (a loudnorm
 * preset): music for streaming platforms. */
#define COMMAND_LINE_DEFAULT_PRESET "streaming"

/* Parses argv against entries (and --gst-*), initializing GStreamer;
 * usage and summary are what --help shows. */
gboolean command_line_parse (const GOptionEntry * entries,
    const gchar * usage, const gchar * summary, int *argc, char ***argv,
    GError ** error);

G_END_DECLS
#endif
