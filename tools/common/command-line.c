/* mixmaster tools: parsing a command line.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "command-line.h"
#include "interruption.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

gboolean
command_line_parse (const GOptionEntry * entries,
    CommandLineWriting * writing, const gchar * usage, const gchar * summary,
    int *argc, char ***argv, GError ** error)
{
  GOptionContext *context;
  GOptionGroup *common;
  gboolean ok, version = FALSE;
  const GOptionEntry writing_entries[] = {
    {"force", 'f', 0, G_OPTION_ARG_NONE, &writing->force,
        "Overwrite existing outputs", NULL},
    {"no-rerender", 0, 0, G_OPTION_ARG_NONE, &writing->no_rerender,
        "Render once: a written file over the ceiling (dither, the "
          "encoder) fails, with its reading", NULL},
    {"gain-tags", 0, 0, G_OPTION_ARG_NONE, &writing->gain_tags,
        "Tag the output with its loudness as measured on the written file: "
          "ReplayGain 2.0 (FLAC, Ogg, MP3), R128_TRACK_GAIN (Opus) or bext "
          "(WAV); tags in the stream take one more render", NULL},
    {"quiet", 'q', 0, G_OPTION_ARG_NONE, &writing->quiet,
        "Print errors only", NULL},
    {"verbose", 'v', 0, G_OPTION_ARG_NONE, &writing->verbose,
        "Also print each render's reading of the written file", NULL},
    {NULL}
  };
  const GOptionEntry common_entries[] = {
    {"version", 0, 0, G_OPTION_ARG_NONE, &version,
        "Print the version and stop", NULL},
    {NULL}
  };

  /* the user's character set, so that string options in it reach the
   * program as UTF-8 (in the C locale "Ä" is an invalid byte sequence);
   * numbers keep the C locale's decimal point, for JSON and for
   * gst_value_deserialize() */
  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");
  context = g_option_context_new (usage);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_main_entries (context, writing_entries, NULL);
  common = g_option_group_new ("common", "", "", NULL, NULL);
  g_option_group_add_entries (common, common_entries);
  g_option_context_add_group (context, common);
  g_option_context_add_group (context, gst_init_get_option_group ());
  ok = g_option_context_parse (context, argc, argv, error);
  g_option_context_free (context);
  if (ok && version) {
    gchar *gstreamer = gst_version_string ();
    printf ("%s %s (%s)\n", g_get_prgname (), MIXMASTER_VERSION, gstreamer);
    g_free (gstreamer);
    exit (0);
  }
  if (ok && writing->quiet && writing->verbose) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "give -q or -v, not both");
    ok = FALSE;
  }
  if (ok && writing->gain_tags && writing->no_rerender) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "--gain-tags measures the written file and writes it once more with "
        "its tags; leave out --no-rerender");
    ok = FALSE;
  }
  interruption_watch ();
  return ok;
}
