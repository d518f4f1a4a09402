/* GStreamer mixmaster plug-in: the sample format the float elements ask
 * for.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gstfloatcaps.h"

#include <gst/audio/audio.h>

void
gst_float_caps_prefer_f32 (GstBaseTransform * trans, GstQuery * query)
{
  GstCaps *answer, *f32_only, *f32, *upstream;

  gst_query_parse_caps_result (query, &answer);
  /* unlinked (as while gst-launch links), upstream can give anything */
  if (!answer || gst_caps_is_any (answer) ||
      !gst_pad_is_linked (GST_BASE_TRANSFORM_SINK_PAD (trans)))
    return;
  f32_only = gst_caps_new_simple ("audio/x-raw", "format", G_TYPE_STRING,
      GST_AUDIO_NE (F32), NULL);
  f32 = gst_caps_intersect (answer, f32_only);
  gst_caps_unref (f32_only);
  if (!gst_caps_is_empty (f32) && !gst_caps_is_equal (f32, answer)) {
    upstream = gst_pad_peer_query_caps (GST_BASE_TRANSFORM_SINK_PAD (trans),
        f32);
    if (!gst_caps_is_empty (upstream))
      gst_query_set_caps_result (query, f32);
    gst_caps_unref (upstream);
  }
  gst_caps_unref (f32);
}
