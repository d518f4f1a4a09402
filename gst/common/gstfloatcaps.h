/* GStreamer mixmaster plug-in: the sample format the float elements ask
 * for.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_FLOAT_CAPS_H__
#define __GST_FLOAT_CAPS_H__

#include <gst/base/gstbasetransform.h>

G_BEGIN_DECLS

/* After the base class answered a caps query on the sink pad of an
 * element that takes F32 and F64: only F32 when upstream can give it.
 * audioconvert otherwise picks F64 for integer input (the widest of equal
 * loss), and "audioconvert ! loudnorm ! wavenc" wrote 64-bit float WAV
 * from 16-bit input. F64 stays for upstream that gives only F64, and where
 * downstream takes only F64. */
void gst_float_caps_prefer_f32 (GstBaseTransform * trans, GstQuery * query);

G_END_DECLS
#endif
