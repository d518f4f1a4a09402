/* GStreamer mixmaster plug-in: the output side of an element whose DSP
 * lags its input.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gstdelayedoutput.h"

GstClockTime
gst_delayed_output_frame_time (GstClockTime start, guint64 offset, gint rate)
{
  if (!GST_CLOCK_TIME_IS_VALID (start))
    return GST_CLOCK_TIME_NONE;
  return start + gst_util_uint64_scale_int_round (offset, GST_SECOND, rate);
}

void
gst_delayed_output_restart (GstDelayedOutput * out, gint rate, gint bpf,
    guint64 delay)
{
  out->rate = rate;
  out->bpf = bpf;
  out->skip = delay;
  out->frames = 0;
  out->start = GST_CLOCK_TIME_NONE;
  out->discont = TRUE;
}

GstClockTime
gst_delayed_output_time_before (GstBuffer * in, guint64 before, gint rate)
{
  GstClockTime back;

  if (!GST_BUFFER_PTS_IS_VALID (in))
    return GST_CLOCK_TIME_NONE;
  back = gst_util_uint64_scale_int_round (before, GST_SECOND, rate);
  return GST_BUFFER_PTS (in) > back ? GST_BUFFER_PTS (in) - back : 0;
}

void
gst_delayed_output_start (GstDelayedOutput * out, GstBuffer * in,
    guint64 before)
{
  if (!GST_CLOCK_TIME_IS_VALID (out->start))
    out->start = gst_delayed_output_time_before (in, before, out->rate);
}

GstClockTimeDiff
gst_delayed_output_offset (const GstDelayedOutput * out, GstBuffer * in,
    guint64 frames)
{
  GstClockTime expected = gst_delayed_output_frame_time (out->start, frames,
      out->rate);

  if (!GST_CLOCK_TIME_IS_VALID (expected) || !GST_BUFFER_PTS_IS_VALID (in))
    return 0;
  return GST_CLOCK_DIFF (expected, GST_BUFFER_PTS (in));
}

gboolean
gst_delayed_output_jumps (const GstDelayedOutput * out, GstBuffer * in,
    guint64 frames)
{
  return GST_BUFFER_IS_DISCONT (in) ||
      ABS (gst_delayed_output_offset (out, in, frames)) >
      GST_DELAYED_OUTPUT_JITTER;
}

guint64
gst_delayed_output_drop (GstDelayedOutput * out, guint64 frames)
{
  guint64 dropped = MIN (out->skip, frames);

  out->skip -= dropped;
  return dropped;
}

GstBuffer *
gst_delayed_output_stamp (GstDelayedOutput * out, GstBuffer * buf,
    guint64 dropped, guint64 kept)
{
  GstClockTime pts = gst_delayed_output_frame_time (out->start, out->frames,
      out->rate);

  if (kept == 0) {
    gst_buffer_unref (buf);
    return NULL;
  }
  if (dropped > 0)
    gst_buffer_resize (buf, dropped * out->bpf, kept * out->bpf);
  GST_BUFFER_PTS (buf) = pts;
  GST_BUFFER_DTS (buf) = GST_CLOCK_TIME_NONE;
  GST_BUFFER_DURATION (buf) = GST_CLOCK_TIME_IS_VALID (pts) ?
      gst_delayed_output_frame_time (out->start, out->frames + kept,
      out->rate) - pts : GST_CLOCK_TIME_NONE;
  GST_BUFFER_OFFSET (buf) = out->frames;
  GST_BUFFER_OFFSET_END (buf) = out->frames + kept;
  GST_BUFFER_FLAG_UNSET (buf, GST_BUFFER_FLAG_GAP);
  if (out->discont)
    GST_BUFFER_FLAG_SET (buf, GST_BUFFER_FLAG_DISCONT);
  else
    GST_BUFFER_FLAG_UNSET (buf, GST_BUFFER_FLAG_DISCONT);
  out->discont = FALSE;
  out->frames += kept;
  return buf;
}

gboolean
gst_delayed_output_answer_latency (GstBaseTransform * element,
    GstQuery * query, GstClockTime latency)
{
  GstClockTime min, max;
  gboolean live;

  if (!gst_pad_peer_query (GST_BASE_TRANSFORM_SINK_PAD (element), query))
    return FALSE;
  gst_query_parse_latency (query, &live, &min, &max);
  GST_DEBUG_OBJECT (element, "upstream %" GST_TIME_FORMAT ", ours %"
      GST_TIME_FORMAT, GST_TIME_ARGS (min), GST_TIME_ARGS (latency));
  min += latency;
  if (GST_CLOCK_TIME_IS_VALID (max))
    max += latency;
  gst_query_set_latency (query, live, min, max);
  return TRUE;
}

GstBuffer *
gst_delayed_output_buffer_new (const GstDelayedOutput * out, guint64 frames,
    GstMapInfo * map)
{
  GstBuffer *buf = gst_buffer_new_allocate (NULL, frames * out->bpf, NULL);

  gst_buffer_map (buf, map, GST_MAP_READWRITE);
  return buf;
}

gboolean
gst_delayed_output_caps_change (GstBaseTransform * element, GstEvent * event)
{
  GstCaps *caps, *current = gst_pad_get_current_caps
      (GST_BASE_TRANSFORM_SINK_PAD (element));
  gboolean change;

  gst_event_parse_caps (event, &caps);
  change = current && !gst_caps_is_equal (caps, current);
  if (current)
    gst_caps_unref (current);
  return change;
}
