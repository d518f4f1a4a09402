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

/* What both tools' options say of the files they write and what they
 * print: --force, --no-rerender, --gain-tags, -q, -v. */
typedef struct
{
  gboolean force;               /* overwrite existing outputs */
  gboolean no_rerender;         /* one render, whatever the written file */
  gboolean gain_tags;           /* ReplayGain / R128 tags (gain-tags.h) */
  gboolean quiet, verbose;
} CommandLineWriting;

/* Parses argv against entries, the writing options into writing, and
 * --version and --gst-*, initializing GStreamer; usage and summary are
 * what --help shows. -q with -v, and --gain-tags with --no-rerender, are
 * errors. */
gboolean command_line_parse (const GOptionEntry * entries,
    CommandLineWriting * writing, const gchar * usage, const gchar * summary,
    int *argc, char ***argv, GError ** error);

G_END_DECLS
#endif
