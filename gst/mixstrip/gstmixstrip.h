/* GStreamer mixmaster plug-in: mixstrip, a mixing-console channel strip.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_MIX_STRIP_H__
#define __GST_MIX_STRIP_H__

#include <gst/base/gstbasetransform.h>

G_BEGIN_DECLS

#define GST_TYPE_MIX_STRIP_SLOPE (gst_mix_strip_slope_get_type ())
#define GST_TYPE_MIX_STRIP_DETECTOR (gst_mix_strip_detector_get_type ())

typedef enum
{
  GST_MIX_STRIP_SLOPE_12 = 1,
  GST_MIX_STRIP_SLOPE_24 = 2,
  GST_MIX_STRIP_SLOPE_36 = 3,
  GST_MIX_STRIP_SLOPE_48 = 4,
} GstMixStripSlope;

typedef enum
{
  GST_MIX_STRIP_DETECTOR_PEAK,
  GST_MIX_STRIP_DETECTOR_RMS,
} GstMixStripDetector;

GType gst_mix_strip_slope_get_type (void);
GType gst_mix_strip_detector_get_type (void);

#define GST_TYPE_MIX_STRIP (gst_mix_strip_get_type ())
G_DECLARE_FINAL_TYPE (GstMixStrip, gst_mix_strip, GST, MIX_STRIP,
    GstBaseTransform)
    GST_ELEMENT_REGISTER_DECLARE (mixstrip);

G_END_DECLS
#endif
