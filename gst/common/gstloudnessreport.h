/* GStreamer mixmaster plug-in: the loudness report: loudnorm's messages and
 * JSON report, also read and written by gst-loudnorm and gst-mixmaster.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_LOUDNESS_REPORT_H__
#define __GST_LOUDNESS_REPORT_H__

#include <gst/gst.h>
#include <json-glib/json-glib.h>

#include "loudness_meter.h"

G_BEGIN_DECLS

/* Sets the measure-mode fields from a meter: momentary, short-term,
 * integrated, loudness-range, max-momentary, max-short-term, true-peak and
 * sample-peak (per channel arrays). */
void gst_loudness_report_set_measurements (GstStructure * s,
    const loudness_meter * meter);

/* The largest true peak of all channels, dBTP (-inf for silence). */
gdouble gst_loudness_report_max_true_peak (const loudness_meter * meter);

/* Sets a file name field: as GLib displays it (UTF-8, as structures and
 * JSON hold strings; a Latin-1 name's other bytes become U+FFFD). */
void gst_loudness_report_set_file (GstStructure * s, const gchar * field,
    const gchar * path);

/* A double field; NAN when there is none. */
gdouble gst_loudness_report_double (const GstStructure * s,
    const gchar * field);

/* The largest value of a field holding an array of doubles (the per
 * channel true-peak, say); -inf when there is none. */
gdouble gst_loudness_report_array_max (const GstStructure * s,
    const gchar * field);

/* Writes the structure's fields as one JSON object (non-finite numbers as
 * null) to path, replacing it atomically. */
gboolean gst_loudness_report_write_json (const GstStructure * s,
    const gchar * path, GError ** error);

/* The same JSON as a string. */
gchar *gst_loudness_report_to_json (const GstStructure * s);

/* The structure as a JSON object node, and any node as the text written
 * (pretty, ending in a newline), for a caller that gathers reports. */
JsonNode *gst_loudness_report_to_json_node (const GstStructure * s);
gchar *gst_loudness_report_json_text (JsonNode * node);

G_END_DECLS
#endif
