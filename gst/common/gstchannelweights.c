/* GStreamer mixmaster plug-in: BS.1770 channel weights from caps positions.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * GStreamer names loudspeaker positions; BS.1770-4 Annex 3 weights them by
 * angle. This file only supplies the angles (those of ITU-R BS.2051 for the
 * named positions); the weighting rule itself is loudness_channel_weight()
 * in dsp/.
 */
#include "gstchannelweights.h"

#include "loudness_meter.h"

typedef struct
{
  GstAudioChannelPosition position;
  gdouble azimuth_deg;          /* positive to the left, 0 = front */
  gdouble elevation_deg;
} ChannelAngle;

static const ChannelAngle channel_angles[] = {
  {GST_AUDIO_CHANNEL_POSITION_MONO, 0, 0},
  {GST_AUDIO_CHANNEL_POSITION_FRONT_LEFT, 30, 0},
  {GST_AUDIO_CHANNEL_POSITION_FRONT_RIGHT, -30, 0},
  {GST_AUDIO_CHANNEL_POSITION_FRONT_CENTER, 0, 0},
  {GST_AUDIO_CHANNEL_POSITION_FRONT_LEFT_OF_CENTER, 15, 0},
  {GST_AUDIO_CHANNEL_POSITION_FRONT_RIGHT_OF_CENTER, -15, 0},
  {GST_AUDIO_CHANNEL_POSITION_WIDE_LEFT, 60, 0},
  {GST_AUDIO_CHANNEL_POSITION_WIDE_RIGHT, -60, 0},
  {GST_AUDIO_CHANNEL_POSITION_SIDE_LEFT, 90, 0},
  {GST_AUDIO_CHANNEL_POSITION_SIDE_RIGHT, -90, 0},
  {GST_AUDIO_CHANNEL_POSITION_SURROUND_LEFT, 110, 0},
  {GST_AUDIO_CHANNEL_POSITION_SURROUND_RIGHT, -110, 0},
  {GST_AUDIO_CHANNEL_POSITION_REAR_CENTER, 180, 0},
  {GST_AUDIO_CHANNEL_POSITION_TOP_CENTER, 0, 90},
  {GST_AUDIO_CHANNEL_POSITION_TOP_FRONT_LEFT, 30, 45},
  {GST_AUDIO_CHANNEL_POSITION_TOP_FRONT_RIGHT, -30, 45},
  {GST_AUDIO_CHANNEL_POSITION_TOP_FRONT_CENTER, 0, 45},
  {GST_AUDIO_CHANNEL_POSITION_TOP_REAR_LEFT, 135, 45},
  {GST_AUDIO_CHANNEL_POSITION_TOP_REAR_RIGHT, -135, 45},
  {GST_AUDIO_CHANNEL_POSITION_TOP_REAR_CENTER, 180, 45},
  {GST_AUDIO_CHANNEL_POSITION_TOP_SIDE_LEFT, 90, 45},
  {GST_AUDIO_CHANNEL_POSITION_TOP_SIDE_RIGHT, -90, 45},
  {GST_AUDIO_CHANNEL_POSITION_BOTTOM_FRONT_CENTER, 0, -30},
  {GST_AUDIO_CHANNEL_POSITION_BOTTOM_FRONT_LEFT, 45, -30},
  {GST_AUDIO_CHANNEL_POSITION_BOTTOM_FRONT_RIGHT, -45, -30},
};

static gboolean
layout_has_side_pair (const GstAudioInfo * info)
{
  for (gint i = 0; i < GST_AUDIO_INFO_CHANNELS (info); i++)
    if (info->position[i] == GST_AUDIO_CHANNEL_POSITION_SIDE_LEFT ||
        info->position[i] == GST_AUDIO_CHANNEL_POSITION_SIDE_RIGHT)
      return TRUE;
  return FALSE;
}

gdouble
gst_channel_weights_get (const GstAudioInfo * info, guint ch)
{
  GstAudioChannelPosition position = info->position[ch];

  switch (position) {
    case GST_AUDIO_CHANNEL_POSITION_LFE1:
    case GST_AUDIO_CHANNEL_POSITION_LFE2:
      return loudness_channel_weight (0, 0, TRUE);
    case GST_AUDIO_CHANNEL_POSITION_REAR_LEFT:
    case GST_AUDIO_CHANNEL_POSITION_REAR_RIGHT:{
      /* In 5.1 GStreamer calls the surround pair (BS.2051 M+-110) "rear";
       * next to a side pair (7.1) they are the back pair at M+-135. */
      gdouble azimuth = layout_has_side_pair (info) ? 135 : 110;
      return loudness_channel_weight (azimuth, 0, FALSE);
    }
    default:
      break;
  }
  for (guint i = 0; i < G_N_ELEMENTS (channel_angles); i++)
    if (channel_angles[i].position == position)
      return loudness_channel_weight (channel_angles[i].azimuth_deg,
          channel_angles[i].elevation_deg, FALSE);
  /* Unpositioned or unknown: measured at full weight, like a front. */
  return LOUDNESS_WEIGHT_FRONT;
}
