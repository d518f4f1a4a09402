/* GStreamer mixmaster plug-in: loudnorm, EBU R128 loudness measurement and
 * normalization.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_LOUD_NORM_H__
#define __GST_LOUD_NORM_H__

#include "gstlookaheadfilter.h"

G_BEGIN_DECLS

#define GST_TYPE_LOUD_NORM_MODE (gst_loud_norm_mode_get_type ())

typedef enum
{
  GST_LOUD_NORM_MODE_MEASURE,
  GST_LOUD_NORM_MODE_LIVE,
  GST_LOUD_NORM_MODE_FILE,
  GST_LOUD_NORM_MODE_LINEAR,
} GstLoudNormMode;

GType gst_loud_norm_mode_get_type (void);

#define GST_TYPE_LOUD_NORM (gst_loud_norm_get_type ())
G_DECLARE_FINAL_TYPE (GstLoudNorm, gst_loud_norm, GST, LOUD_NORM,
    GstLookaheadFilter)
    GST_ELEMENT_REGISTER_DECLARE (loudnorm);

G_END_DECLS
#endif
