/* GStreamer mixmaster plug-in: loudnorm, EBU R128 loudness measurement.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_LOUD_NORM_H__
#define __GST_LOUD_NORM_H__

#include <gst/audio/gstaudiofilter.h>

#include "loudness_meter.h"

G_BEGIN_DECLS typedef enum
{
  GST_LOUD_NORM_MODE_MEASURE,
} GstLoudNormMode;

#define GST_TYPE_LOUD_NORM_MODE (gst_loud_norm_mode_get_type ())
GType gst_loud_norm_mode_get_type (void);

#define GST_TYPE_LOUD_NORM (gst_loud_norm_get_type ())
G_DECLARE_FINAL_TYPE (GstLoudNorm, gst_loud_norm, GST, LOUD_NORM,
    GstAudioFilter)
     struct _GstLoudNorm
     {
       GstAudioFilter parent;

       /* properties, protected by the object lock */
       GstLoudNormMode mode;
       guint64 interval;        /* ns between messages */
       gboolean post_messages;

       /* The meter, and so everything measured, is guarded by meter_lock: the
        * streaming thread holds it while feeding audio, the read-only result
        * properties and the message builder while reading. Never held while
        * posting a message. */
       GMutex meter_lock;
       loudness_meter *meter;

       /* streaming thread only */
       guint64 frames_to_message;       /* left in the current message interval */
       guint64 interval_frames; /* length of the current interval */
       GstClockTime interval_start;     /* buffer time of its first frame */
       GstClockTime measure_start;      /* buffer time of the first measured frame */
     };

GST_ELEMENT_REGISTER_DECLARE (loudnorm);

G_END_DECLS
#endif
