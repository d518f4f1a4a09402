/* gst-loudnorm: the before/after table and the JSON report.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "report-output.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gstloudnessreport.h"

/* "-23.0" or "-inf" in a column of `width`. */
static void
print_value (FILE * out, gdouble v, const gchar * unit, gint width)
{
  gchar text[32];
  g_snprintf (text, sizeof (text), "%.1f %s", v, unit);
  fprintf (out, "%*s", width, text);
}

static void
print_row (FILE * out, const gchar * what, gdouble in, gdouble result,
    const gchar * unit, gboolean measure_only)
{
  fprintf (out, "  %-16s", what);
  print_value (out, in, unit, 14);
  if (!measure_only)
    print_value (out, result, unit, 14);
  fprintf (out, "\n");
}

/* The before/after table and the verdict. */
void
gst_loudnorm_print_report (FILE * out, const GstStructure * r,
    const gchar * input, const gchar * output, gboolean measure_only)
{
  gboolean compliant = FALSE;
  const gchar *reason = gst_structure_get_string (r, "reason");
  const gchar *tags = gst_structure_get_string (r, "gain-tags");
  const gchar *in = measure_only ? "" : "input-";
  gchar *key;

  gst_structure_get_boolean (r, "compliant", &compliant);
  fprintf (out, "%s%s%s\n", input, output ? " -> " : "", output ? output : "");
  fprintf (out, "  %-16s%14s%s\n", "", measure_only ? "measured" : "input",
      measure_only ? "" : "        output");
  key = g_strconcat (in, "integrated", NULL);
  print_row (out, "integrated", gst_loudness_report_double (r, key),
      gst_loudness_report_double (r, "integrated"), "LUFS", measure_only);
  g_free (key);
  key = g_strconcat (in, "loudness-range", NULL);
  print_row (out, "loudness range", gst_loudness_report_double (r, key),
      gst_loudness_report_double (r, "loudness-range"), "LU", measure_only);
  g_free (key);
  print_row (out, "true peak", measure_only ? gst_loudness_report_array_max (r,
          "true-peak") : gst_loudness_report_double (r, "input-true-peak"),
      gst_loudness_report_array_max (r, "true-peak"), "dBTP", measure_only);
  if (!measure_only)
    fprintf (out, "  gain %+.2f dB, limiter at most %.2f dB\n  %s\n",
        gst_loudness_report_double (r, "gain"), gst_loudness_report_double (r,
            "max-limiter-reduction"), reason ? reason : "");
  if (tags)
    fprintf (out, "  tagged %s\n", tags);
  fprintf (out,
      "  %s: %s (%s: %.1f LUFS +-%.1f LU, true peak <= %.1f dBTP)\n\n",
      measure_only ? "input" : "output", compliant ? "PASS" : "FAIL",
      gst_structure_get_string (r, "preset"), gst_loudness_report_double (r,
          "target"), gst_loudness_report_double (r, "tolerance"),
      gst_loudness_report_double (r, "ceiling"));
}

gboolean
gst_loudnorm_write_json (const gchar * path, GPtrArray * reports,
    GError ** error)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_alloc ();
  gchar *text;
  gboolean ok;

  for (guint i = 0; i < reports->len; i++)
    json_array_add_element (array,
        gst_loudness_report_to_json_node (g_ptr_array_index (reports, i)));
  json_node_init_array (node, array);
  json_array_unref (array);
  text = gst_loudness_report_json_text (node);
  json_node_unref (node);
  if (!strcmp (path, "-")) {
    ok = fputs (text, stdout) >= 0 && fputc ('\n', stdout) != EOF;
    if (!ok)
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, "the JSON could "
          "not be written to the standard output");
  } else {
    ok = g_file_set_contents (path, text, -1, error);
  }
  g_free (text);
  return ok;
}
