/* GStreamer mixmaster plug-in: loudnorm's messages and JSON report.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gstloudnormreport.h"
#include "gstmetermessage.h"

#include <math.h>

static GValue
per_channel_array (const loudness_meter * meter,
    double (*per_channel) (const loudness_meter *, unsigned))
{
  double values[LOUDNESS_METER_MAX_CHANNELS];
  unsigned channels = loudness_meter_channels (meter);

  for (unsigned ch = 0; ch < channels; ch++)
    values[ch] = per_channel (meter, ch);
  return gst_meter_message_doubles (values, channels);
}

void
gst_loud_norm_report_set_measurements (GstStructure * s,
    const loudness_meter * meter)
{
  GValue true_peak = per_channel_array (meter, loudness_meter_true_peak_db);
  GValue sample_peak = per_channel_array (meter,
      loudness_meter_sample_peak_db);

  gst_structure_set (s,
      "momentary", G_TYPE_DOUBLE, loudness_meter_momentary (meter),
      "short-term", G_TYPE_DOUBLE, loudness_meter_short_term (meter),
      "integrated", G_TYPE_DOUBLE, loudness_meter_integrated (meter),
      "loudness-range", G_TYPE_DOUBLE, loudness_meter_loudness_range (meter),
      "max-momentary", G_TYPE_DOUBLE, loudness_meter_max_momentary (meter),
      "max-short-term", G_TYPE_DOUBLE, loudness_meter_max_short_term (meter),
      NULL);
  gst_structure_take_value (s, "true-peak", &true_peak);
  gst_structure_take_value (s, "sample-peak", &sample_peak);
}

gdouble
gst_loud_norm_report_max_true_peak (const loudness_meter * meter)
{
  double peak = -INFINITY;
  for (unsigned ch = 0; ch < loudness_meter_channels (meter); ch++)
    peak = fmax (peak, loudness_meter_true_peak_db (meter, ch));
  return peak;
}

gdouble
gst_loud_norm_report_double (const GstStructure * s, const gchar * field)
{
  gdouble v = NAN;
  gst_structure_get_double (s, field, &v);
  return v;
}

gdouble
gst_loud_norm_report_array_max (const GstStructure * s, const gchar * field)
{
  const GValue *array = gst_structure_get_value (s, field);
  gdouble m = -INFINITY;

  for (guint i = 0; array && GST_VALUE_HOLDS_ARRAY (array) &&
      i < gst_value_array_get_size (array); i++)
    m = fmax (m, g_value_get_double (gst_value_array_get_value (array, i)));
  return m;
}

static void append_json_object (GString * json, const GstStructure * s,
    guint indent);

/* A value; nested structures (a report's parts) become nested objects. */
static void
append_json_value (GString * json, const GValue * value, guint indent)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_DOUBLE) {
    gdouble d = g_value_get_double (value);
    gchar buf[G_ASCII_DTOSTR_BUF_SIZE];
    /* JSON has no infinities: -inf loudness (silence) becomes null */
    if (isfinite (d))
      g_string_append (json, g_ascii_formatd (buf, sizeof (buf), "%.6g", d));
    else
      g_string_append (json, "null");
  } else if (type == G_TYPE_BOOLEAN) {
    g_string_append (json, g_value_get_boolean (value) ? "true" : "false");
  } else if (type == G_TYPE_UINT64) {
    g_string_append_printf (json, "%" G_GUINT64_FORMAT,
        g_value_get_uint64 (value));
  } else if (type == G_TYPE_STRING) {
    gchar *escaped = g_strescape (g_value_get_string (value), NULL);
    g_string_append_printf (json, "\"%s\"", escaped);
    g_free (escaped);
  } else if (type == G_TYPE_INT || type == G_TYPE_UINT) {
    g_string_append_printf (json, "%" G_GINT64_FORMAT, type == G_TYPE_INT ?
        (gint64) g_value_get_int (value) : (gint64) g_value_get_uint (value));
  } else if (type == GST_TYPE_STRUCTURE) {
    append_json_object (json, gst_value_get_structure (value), indent + 2);
  } else if (type == GST_TYPE_ARRAY) {
    g_string_append_c (json, '[');
    for (guint i = 0; i < gst_value_array_get_size (value); i++) {
      if (i > 0)
        g_string_append (json, ", ");
      append_json_value (json, gst_value_array_get_value (value, i), indent);
    }
    g_string_append_c (json, ']');
  } else {
    gchar *text = gst_value_serialize (value);
    gchar *escaped = g_strescape (text ? text : "", NULL);
    g_string_append_printf (json, "\"%s\"", escaped);
    g_free (escaped);
    g_free (text);
  }
}

static void
append_json_object (GString * json, const GstStructure * s, guint indent)
{
  gint n = gst_structure_n_fields (s);

  g_string_append (json, "{\n");
  for (gint i = 0; i < n; i++) {
    const gchar *name = gst_structure_nth_field_name (s, i);
    g_string_append_printf (json, "%*s\"%s\": ", indent + 2, "", name);
    append_json_value (json, gst_structure_get_value (s, name), indent);
    g_string_append (json, i + 1 < n ? ",\n" : "\n");
  }
  g_string_append_printf (json, "%*s}", indent, "");
}

gchar *
gst_loud_norm_report_to_json (const GstStructure * s)
{
  GString *json = g_string_new (NULL);

  append_json_object (json, s, 0);
  g_string_append_c (json, '\n');
  return g_string_free (json, FALSE);
}

gboolean
gst_loud_norm_report_write_json (const GstStructure * s, const gchar * path,
    GError ** error)
{
  gchar *json = gst_loud_norm_report_to_json (s);
  gboolean ok = g_file_set_contents (path, json, -1, error);

  g_free (json);
  return ok;
}
