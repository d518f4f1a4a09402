/* GStreamer mixmaster plug-in: audiomaster's settings, its continuous
 * properties (a table over them) and its built-in presets.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_AUDIO_MASTER_PROPS_H__
#define __GST_AUDIO_MASTER_PROPS_H__

#include "gstdoubleprops.h"
#include "master.h"

G_BEGIN_DECLS

/* What the continuous properties set. */
typedef struct
{
  master_params chain;
  gdouble target_lufs;          /* 0 = no loudness target */
} GstAudioMasterParams;

GstAudioMasterParams gst_audio_master_params_default (void);

extern const GstDoubleProp gst_audio_master_double_props[];
extern const guint gst_audio_master_n_double_props;

typedef enum
{
  GST_AUDIO_MASTER_PRESET_CUSTOM,
  GST_AUDIO_MASTER_PRESET_GENTLE,
  GST_AUDIO_MASTER_PRESET_STREAMING,
  GST_AUDIO_MASTER_PRESET_BROADCAST,
  GST_AUDIO_MASTER_PRESET_CD_LOUD,
  GST_AUDIO_MASTER_PRESET_PODCAST_VOICE,
} GstAudioMasterPreset;

#define GST_TYPE_AUDIO_MASTER_PRESET (gst_audio_master_preset_get_type ())
GType gst_audio_master_preset_get_type (void);

/* The preset named `name` (its enum nick), or -1. */
gint gst_audio_master_preset_from_name (const gchar * name);

/* The preset's parameters: the defaults with the preset's changes. */
GstAudioMasterParams gst_audio_master_preset_params (GstAudioMasterPreset
    preset);

G_END_DECLS
#endif
