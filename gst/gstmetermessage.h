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

G_END_DECLS
#endif
