/* mixmaster tools: parsing a command line.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "command-line.h"
#include "interruption.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

gboolean
command_line_parse (const GOptionEntry * entries, const gchar * usage,
    const gchar * summary, int *argc, char ***argv, GError ** error)
{
  GOptionContext *context;
  GOptionGroup *common;
  gboolean ok, version = FALSE;
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
  interruption_watch ();
  return ok;
}
