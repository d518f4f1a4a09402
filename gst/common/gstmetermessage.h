/* GStreamer mixmaster plug-in: what the elements' meter messages share,
 * the timing fields that `level` also gives, and per-channel arrays.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_METER_MESSAGE_H__
#define __GST_METER_MESSAGE_H__

#include <gst/base/gstbasetransform.h>

G_BEGIN_DECLS

/* A structure `name` with "timestamp", "stream-time", "running-time" (of
 * timestamp in the element's segment) and "duration", all nanoseconds. */
GstStructure *gst_meter_message_structure_new (GstBaseTransform * trans,
    const gchar * name, GstClockTime timestamp, GstClockTime duration);

/* A GstValueArray of n doubles, for gst_structure_take_value(). */
GValue gst_meter_message_doubles (const double *values, guint n);

/* The message interval a run of frames is in, split as `level` splits
 * buffers: a message at every interval's end, wherever it falls. */
typedef struct
{
  guint64 frames_left;          /* in the current interval; 0: none yet */
  guint64 length;               /* its length, frames */
  GstClockTime start;           /* buffer time of its first frame */
} GstMeterInterval;

/* How many of `frames` frames, the first at time `time`, fall in the
 * current interval; one of interval_ns starts there when none is open. */
guint64 gst_meter_interval_span (GstMeterInterval * iv, guint64 interval_ns,
    gint rate, GstClockTime time, guint64 frames);

/* Counts n frames of the span done; TRUE when that ended the interval
 * (its message is due; start and length still describe it). */
gboolean gst_meter_interval_advance (GstMeterInterval * iv, guint64 n);

GstClockTime gst_meter_interval_duration (const GstMeterInterval * iv,
    gint rate);

G_END_DECLS
#endif
