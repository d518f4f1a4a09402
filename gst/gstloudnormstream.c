/* GStreamer mixmaster plug-in: loudnorm, live and linear modes.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstloudnormprivate.h"

#include <math.h>
#include <string.h>

/* Gain and limiter over mapped frames; `measure_input` feeds them to the
 * input meter first (and so to the live leveler). */
void
gst_loud_norm_normalize_frames (GstLoudNorm * self, guint8 * data,
    guint64 frames, gboolean measure_input)
{
  loudness_meter *input = measure_input ? self->input_meter : NULL;

  g_mutex_lock (&self->meter_lock);
  if (GST_AUDIO_INFO_FORMAT (&GST_AUDIO_FILTER (self)->info) ==
      GST_AUDIO_FORMAT_F64)
    normalizer_process_f64 (self->normalizer, input, (double *) data, frames);
  else
    normalizer_process_f32 (self->normalizer, input, (float *) data, frames);
  g_mutex_unlock (&self->meter_lock);
}

/* Turns `frames` normalized frames of buf (mapped as map) into output:
 * drops what is still lookahead, meters and stamps the rest. Consumes buf
 * and its mapping; NULL when nothing is left. */
GstBuffer *
gst_loud_norm_take_output (GstLoudNorm * self, GstBuffer * buf,
    GstMapInfo * map, guint64 frames, const GstLoudNormSettings * s)
{
  GstDelayedOutput *out = &self->output;
  guint64 dropped = gst_delayed_output_drop (out, frames);
  guint64 kept = frames - dropped;

  if (kept > 0)
    gst_loud_norm_meter_and_post (self, self->output_meter,
        map->data + dropped * out->bpf, kept,
        gst_delayed_output_frame_time (out->start, out->frames, out->rate), s);
  gst_buffer_unmap (buf, map);
  return gst_delayed_output_stamp (out, buf, dropped, kept);
}

GstFlowReturn
gst_loud_norm_push_output (GstLoudNorm * self, GstBuffer * buf)
{
  if (!buf)
    return GST_FLOW_OK;
  return gst_pad_push (GST_BASE_TRANSFORM_SRC_PAD (self), buf);
}

/* Live and linear modes: pushes the frames still in the lookahead. */
GstFlowReturn
gst_loud_norm_drain (GstLoudNorm * self, const GstLoudNormSettings * s)
{
  guint64 frames;
  GstMapInfo map;
  GstBuffer *buf;

  if (!self->normalizer || self->programme_frames == 0)
    return GST_FLOW_OK;
  frames = normalizer_latency (self->normalizer);
  buf = gst_delayed_output_buffer_new (&self->output, frames, &map);
  memset (map.data, 0, map.size);
  gst_loud_norm_normalize_frames (self, map.data, frames, FALSE);
  return gst_loud_norm_push_output (self, gst_loud_norm_take_output (self, buf,
          &map, frames, s));
}

/* After a discontinuity (a pause, a hole, a source's clock jumping): what
 * the lookahead holds goes out on the old timeline, and the output clock
 * starts afresh at the new one. The gain goes on: a live normalizer follows
 * the audio, not the clock, and only a new programme (FLUSH, STREAM_START,
 * the reset action, new caps) starts it again. */
GstFlowReturn
gst_loud_norm_discontinuity (GstLoudNorm * self)
{
  GstLoudNormSettings s = gst_loud_norm_settings_snapshot (self);
  GstFlowReturn ret = gst_loud_norm_drain (self, &s);

  GST_DEBUG_OBJECT (self, "discontinuity at %" GST_TIME_FORMAT ": the output "
      "clock restarts, the gain goes on", GST_TIME_ARGS (self->output.start));
  gst_loud_norm_restart_clock (self, &GST_AUDIO_FILTER (self)->info);
  return ret;
}

/* Linear mode: the constant gain from the measured-* properties. FALSE
 * (after an error) when they are missing. */
static gboolean
choose_linear_gain (GstLoudNorm * self, const GstLoudNormSettings * s)
{
  if (!isfinite (s->measured_integrated) || !isfinite (s->measured_true_peak)) {
    GST_ELEMENT_ERROR (self, LIBRARY, SETTINGS,
        ("mode=linear needs measured-integrated and measured-true-peak "
            "from a first pass (for example loudnorm mode=measure, or "
            "gst-loudnorm --measure-only)"),
        ("measured-integrated %f, measured-true-peak %f",
            s->measured_integrated, s->measured_true_peak));
    return FALSE;
  }
  self->plan = normalization_plan_make ((normalization_policy) s->policy,
      s->spec.target_lufs, s->spec.ceiling_dbtp, s->measured_integrated,
      s->measured_true_peak);
  normalizer_set_gain_db (self->normalizer, self->plan.gain_db);
  return TRUE;
}

/* Live and linear modes: one input buffer in, its normalized frames (less
 * the lookahead) out. */
GstFlowReturn
gst_loud_norm_normalize_stream (GstLoudNorm * self, GstBuffer * in,
    GstBuffer ** outbuf, const GstLoudNormSettings * s)
{
  gint bpf = GST_AUDIO_INFO_BPF (&GST_AUDIO_FILTER (self)->info);
  GstFlowReturn ret = GST_FLOW_OK;
  GstMapInfo map;
  guint64 frames;

  if (self->programme_frames > 0 &&
      gst_delayed_output_jumps (&self->output, in, self->clock_frames))
    ret = gst_loud_norm_discontinuity (self);
  if (ret != GST_FLOW_OK) {
    gst_buffer_unref (in);
    return ret;
  }

  normalizer_set_ceiling_db (self->normalizer, s->spec.ceiling_dbtp);
  if (s->mode == GST_LOUD_NORM_MODE_LIVE) {
    normalizer_set_leveling (self->normalizer, &s->leveler);
  } else if (!choose_linear_gain (self, s)) {
    gst_buffer_unref (in);
    return GST_FLOW_ERROR;
  } else if (!self->gain_chosen) {
    /* the first gain applies at once, later changes ramp */
    normalizer_reset (self->normalizer);
    self->gain_chosen = TRUE;
  }

  in = gst_buffer_make_writable (in);
  if (!gst_buffer_map (in, &map, GST_MAP_READWRITE)) {
    gst_buffer_unref (in);
    GST_ELEMENT_ERROR (self, STREAM, FAILED, ("Could not map a buffer"),
        (NULL));
    return GST_FLOW_ERROR;
  }
  if (GST_BUFFER_FLAG_IS_SET (in, GST_BUFFER_FLAG_GAP))
    memset (map.data, 0, map.size);
  frames = map.size / bpf;
  gst_delayed_output_start (&self->output, in, self->clock_frames);
  gst_loud_norm_normalize_frames (self, map.data, frames, TRUE);
  self->programme_frames += frames;
  self->clock_frames += frames;
  *outbuf = gst_loud_norm_take_output (self, in, &map, frames, s);
  return GST_FLOW_OK;
}
