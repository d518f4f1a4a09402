/* GStreamer mixmaster plug-in: loudnorm's messages and JSON report.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gstloudnessreport.h"
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
gst_loudness_report_set_measurements (GstStructure * s,
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
gst_loudness_report_max_true_peak (const loudness_meter * meter)
{
  double peak = -INFINITY;
  for (unsigned ch = 0; ch < loudness_meter_channels (meter); ch++)
    peak = fmax (peak, loudness_meter_true_peak_db (meter, ch));
  return peak;
}

void
gst_loudness_report_set_file (GstStructure * s, const gchar * field,
    const gchar * path)
{
  gchar *name = g_filename_display_name (path);

  gst_structure_set (s, field, G_TYPE_STRING, name, NULL);
  g_free (name);
}

gdouble
gst_loudness_report_double (const GstStructure * s, const gchar * field)
{
  gdouble v = NAN;
  gst_structure_get_double (s, field, &v);
  return v;
}

gdouble
gst_loudness_report_array_max (const GstStructure * s, const gchar * field)
{
  const GValue *array = gst_structure_get_value (s, field);
  gdouble m = -INFINITY;

  for (guint i = 0; array && GST_VALUE_HOLDS_ARRAY (array) &&
      i < gst_value_array_get_size (array); i++)
    m = fmax (m, g_value_get_double (gst_value_array_get_value (array, i)));
  return m;
}

/* A value as JSON (json-glib writes the strings, UTF-8 as it is); nested
 * structures (a report's parts) become nested objects. */
static JsonNode *
json_value (const GValue * value)
{
  GType type = G_VALUE_TYPE (value);
  JsonNode *node = json_node_alloc ();

  if (type == G_TYPE_DOUBLE) {
    gdouble d = g_value_get_double (value);
    /* JSON has no infinities: -inf loudness (silence) becomes null */
    if (isfinite (d))
      json_node_init_double (node, d);
    else
      json_node_init_null (node);
  } else if (type == G_TYPE_BOOLEAN) {
    json_node_init_boolean (node, g_value_get_boolean (value));
  } else if (type == G_TYPE_UINT64) {
    json_node_init_int (node, (gint64) g_value_get_uint64 (value));
  } else if (type == G_TYPE_INT) {
    json_node_init_int (node, g_value_get_int (value));
  } else if (type == G_TYPE_UINT) {
    json_node_init_int (node, g_value_get_uint (value));
  } else if (type == G_TYPE_STRING) {
    json_node_init_string (node, g_value_get_string (value));
  } else if (type == GST_TYPE_STRUCTURE) {
    json_node_free (node);
    node = gst_loudness_report_to_json_node (gst_value_get_structure (value));
  } else if (type == GST_TYPE_ARRAY) {
    JsonArray *array = json_array_new ();
    for (guint i = 0; i < gst_value_array_get_size (value); i++)
      json_array_add_element (array,
          json_value (gst_value_array_get_value (value, i)));
    json_node_init_array (node, array);
    json_array_unref (array);
  } else {
    gchar *text = gst_value_serialize (value);
    json_node_init_string (node, text ? text : "");
    g_free (text);
  }
  return node;
}

JsonNode *
gst_loudness_report_to_json_node (const GstStructure * s)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_alloc ();

  for (gint i = 0; i < gst_structure_n_fields (s); i++) {
    const gchar *name = gst_structure_nth_field_name (s, i);
    json_object_set_member (object, name,
        json_value (gst_structure_get_value (s, name)));
  }
  json_node_init_object (node, object);
  json_object_unref (object);
  return node;
}

gchar *
gst_loudness_report_json_text (JsonNode * node)
{
  JsonGenerator *generator = json_generator_new ();
  gchar *text, *line;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  line = g_strconcat (text, "\n", NULL);
  g_free (text);
  g_object_unref (generator);
  return line;
}

gchar *
gst_loudness_report_to_json (const GstStructure * s)
{
  JsonNode *node = gst_loudness_report_to_json_node (s);
  gchar *text = gst_loudness_report_json_text (node);

  json_node_unref (node);
  return text;
}

gboolean
gst_loudness_report_write_json (const GstStructure * s, const gchar * path,
    GError ** error)
{
  gchar *json = gst_loudness_report_to_json (s);
  gboolean ok = g_file_set_contents (path, json, -1, error);

  g_free (json);
  return ok;
}
