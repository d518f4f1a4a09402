/* GStreamer mixmaster plug-in: audiomaster, the mastering chain for a
 * stereo mixdown.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_AUDIO_MASTER_H__
#define __GST_AUDIO_MASTER_H__

#include "gstlookaheadfilter.h"

G_BEGIN_DECLS

#define GST_TYPE_AUDIO_MASTER_MODE (gst_audio_master_mode_get_type ())

typedef enum
{
  GST_AUDIO_MASTER_MODE_LIVE,
  GST_AUDIO_MASTER_MODE_FILE,
} GstAudioMasterMode;

GType gst_audio_master_mode_get_type (void);

#define GST_TYPE_AUDIO_MASTER (gst_audio_master_get_type ())
G_DECLARE_FINAL_TYPE (GstAudioMaster, gst_audio_master, GST, AUDIO_MASTER,
    GstLookaheadFilter)
    GST_ELEMENT_REGISTER_DECLARE (audiomaster);

G_END_DECLS
#endif
