/* mixmaster tools: parsing a command line.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "command-line.h"
#include "interruption.h"

#include <locale.h>

gboolean
command_line_parse (const GOptionEntry * entries, const gchar * usage,
    const gchar * summary, int *argc, char ***argv, GError ** error)
{
  GOptionContext *context;
  gboolean ok;

  /* the user's character set, so that string options in it reach the
   * program as UTF-8 (in the C locale "Ä" is an invalid byte sequence);
   * numbers keep the C locale's decimal point, for JSON and for
   * gst_value_deserialize() */
  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");
  context = g_option_context_new (usage);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_group (context, gst_init_get_option_group ());
  ok = g_option_context_parse (context, argc, argv, error);
  g_option_context_free (context);
  interruption_watch ();
  return ok;
}
