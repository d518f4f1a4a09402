/* GStreamer mixmaster plug-in: BS.1770 channel weights from caps positions.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_CHANNEL_WEIGHTS_H__
#define __GST_CHANNEL_WEIGHTS_H__

#include <gst/audio/audio.h>

G_BEGIN_DECLS

/* BS.1770-4 weight G_i of channel ch of the negotiated layout: 1.0 for
 * front and centre, 1.41 for surround, 0 for LFE. */
gdouble gst_channel_weights_get (const GstAudioInfo * info, guint ch);

G_END_DECLS

#endif
