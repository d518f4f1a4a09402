/* GStreamer mixmaster plug-in: what the elements' meter messages share.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gstmetermessage.h"

GstStructure *
gst_meter_message_structure_new (GstBaseTransform * trans, const gchar * name,
    GstClockTime timestamp, GstClockTime duration)
{
  GstSegment *segment = &trans->segment;

  return gst_structure_new (name,
      "timestamp", G_TYPE_UINT64, timestamp,
      "stream-time", G_TYPE_UINT64, gst_segment_to_stream_time (segment,
          GST_FORMAT_TIME, timestamp),
      "running-time", G_TYPE_UINT64, gst_segment_to_running_time (segment,
          GST_FORMAT_TIME, timestamp),
      "duration", G_TYPE_UINT64, duration, NULL);
}

GValue
gst_meter_message_doubles (const double *values, guint n)
{
  GValue array = G_VALUE_INIT, v = G_VALUE_INIT;

  g_value_init (&array, GST_TYPE_ARRAY);
  g_value_init (&v, G_TYPE_DOUBLE);
  for (guint i = 0; i < n; i++) {
    g_value_set_double (&v, values[i]);
    gst_value_array_append_value (&array, &v);
  }
  g_value_unset (&v);
  return array;
}

guint64
gst_meter_interval_span (GstMeterInterval * iv, guint64 interval_ns,
    gint rate, GstClockTime time, guint64 frames)
{
  if (iv->frames_left == 0) {
    iv->length = MAX (1, gst_util_uint64_scale_int_round (interval_ns, rate,
            GST_SECOND));
    iv->frames_left = iv->length;
    iv->start = time;
  }
  return MIN (frames, iv->frames_left);
}

gboolean
gst_meter_interval_advance (GstMeterInterval * iv, guint64 n)
{
  iv->frames_left -= n;
  return iv->frames_left == 0;
}

GstClockTime
gst_meter_interval_duration (const GstMeterInterval * iv, gint rate)
{
  return gst_util_uint64_scale_int_round (iv->length, GST_SECOND, rate);
}
