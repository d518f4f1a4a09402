/* GStreamer mixmaster plug-in: loudnorm, file mode: two passes in one pipeline.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstloudnormprivate.h"

#include <math.h>
#include <string.h>

static gboolean
upstream_is_live (GstLoudNorm * self)
{
  GstQuery *query = gst_query_new_latency ();
  gboolean live = FALSE;

  if (gst_pad_peer_query (GST_BASE_TRANSFORM_SINK_PAD (self), query))
    gst_query_parse_latency (query, &live, NULL, NULL);
  gst_query_unref (query);
  return live;
}

/* Keeps and measures `frames` frames of data, or of silence for NULL. */
static gboolean
keep_frames (GstLoudNorm * self, const guint8 * data, guint64 frames,
    GError ** error)
{
  guint64 bytes = frames * GST_AUDIO_INFO_BPF (&GST_AUDIO_FILTER (self)->info);
  gboolean ok = data ? gst_audio_spool_append (self->spool, data, bytes, error)
      : gst_audio_spool_append_zeros (self->spool, bytes, error);

  gst_loud_norm_feed_meter (self, self->input_meter, data, frames);
  self->programme_frames += frames;
  return ok;
}

/* File mode: keeps and measures an input buffer; nothing goes out yet. A
 * timestamp later than where the input was is filled with silence, so the
 * output keeps the input's timeline. */
GstFlowReturn
gst_loud_norm_keep_programme (GstLoudNorm * self, GstBuffer * in)
{
  gboolean gap = GST_BUFFER_FLAG_IS_SET (in, GST_BUFFER_FLAG_GAP);
  gint rate = GST_AUDIO_INFO_RATE (&GST_AUDIO_FILTER (self)->info);
  gint bpf = GST_AUDIO_INFO_BPF (&GST_AUDIO_FILTER (self)->info);
  GstClockTimeDiff late;
  GError *error = NULL;
  GstMapInfo map;
  gboolean ok = TRUE;

  if (!self->source_checked && upstream_is_live (self)) {
    gst_buffer_unref (in);
    GST_ELEMENT_ERROR (self, CORE, NOT_IMPLEMENTED,
        ("loudnorm mode=file cannot run on a live source: it keeps the "
            "whole input and outputs it at the end. Use mode=live."),
        ("upstream answered the latency query with live=TRUE"));
    return GST_FLOW_ERROR;
  }
  self->source_checked = TRUE;
  if (!gst_buffer_map (in, &map, GST_MAP_READ)) {
    gst_buffer_unref (in);
    GST_ELEMENT_ERROR (self, STREAM, FAILED, ("Could not map a buffer"),
        (NULL));
    return GST_FLOW_ERROR;
  }
  if (!GST_CLOCK_TIME_IS_VALID (self->output.start))
    self->output.start = GST_BUFFER_PTS (in);
  late = gst_loud_norm_timestamp_offset (self, in, self->programme_frames);
  if (late > TIMESTAMP_TOLERANCE)
    ok = keep_frames (self, NULL, gst_util_uint64_scale_int_round (late, rate,
            GST_SECOND), &error);
  if (ok)
    ok = keep_frames (self, gap ? NULL : map.data, map.size / bpf, &error);
  gst_buffer_unmap (in, &map);
  gst_buffer_unref (in);
  if (!ok) {
    GST_ELEMENT_ERROR (self, RESOURCE, WRITE,
        ("Could not keep the input for the second pass"),
        ("%s", error->message));
    g_clear_error (&error);
    return GST_FLOW_ERROR;
  }
  return GST_FLOW_OK;
}

/* Fills a mapped buffer with kept frames from `first`; past the end of the
 * programme, silence (that pushes the lookahead out). */
static gboolean
read_programme (GstLoudNorm * self, guint64 first, guint64 frames,
    GstMapInfo * map)
{
  gint bpf = GST_AUDIO_INFO_BPF (&GST_AUDIO_FILTER (self)->info);
  guint64 kept = self->programme_frames > first ?
      MIN (frames, self->programme_frames - first) : 0;
  GError *error = NULL;

  memset (map->data + kept * bpf, 0, (frames - kept) * bpf);
  if (kept > 0 && !gst_audio_spool_read (self->spool, first * bpf, map->data,
          kept * bpf, &error)) {
    GST_ELEMENT_ERROR (self, RESOURCE, READ,
        ("Could not read back the input for the second pass"),
        ("%s", error->message));
    g_clear_error (&error);
    return FALSE;
  }
  return TRUE;
}

/* File mode: one pass over the kept programme (and the lookahead) at a
 * constant gain. With `trial` set, only measures the output into it;
 * else pushes the output downstream. */
static GstFlowReturn
render_programme (GstLoudNorm * self, gdouble gain_db, loudness_meter * trial,
    const GstLoudNormSettings * s)
{
  gint bpf = GST_AUDIO_INFO_BPF (&GST_AUDIO_FILTER (self)->info);
  guint64 latency = normalizer_latency (self->normalizer);
  guint64 total = self->programme_frames + latency, trial_skip = latency;
  GstFlowReturn ret = GST_FLOW_OK;

  normalizer_set_ceiling_db (self->normalizer, s->spec.ceiling_dbtp);
  normalizer_set_gain_db (self->normalizer, gain_db);
  normalizer_reset (self->normalizer);
  for (guint64 done = 0; done < total && ret == GST_FLOW_OK;) {
    guint64 frames = MIN (RENDER_FRAMES, total - done);
    GstMapInfo map;
    GstBuffer *buf = gst_loud_norm_buffer_new (self, frames, &map);

    if (!read_programme (self, done, frames, &map)) {
      gst_buffer_unmap (buf, &map);
      gst_buffer_unref (buf);
      return GST_FLOW_ERROR;
    }
    gst_loud_norm_normalize_frames (self, map.data, frames, FALSE);
    done += frames;
    if (!trial) {
      ret =
          gst_loud_norm_push_output (self, gst_loud_norm_take_output (self, buf,
              &map, frames, s));
      continue;
    }
    {
      guint64 skip = MIN (trial_skip, frames);
      trial_skip -= skip;
      gst_loud_norm_feed_meter (self, trial, map.data + skip * bpf,
          frames - skip);
      gst_buffer_unmap (buf, &map);
      gst_buffer_unref (buf);
    }
  }
  return ret;
}

/* File mode, policies that limit: the limiter takes a little loudness off
 * the peaks it holds, so the gain that reaches the target through it is
 * found by the secant method over trial renders. */
static gdouble
search_limited_gain (GstLoudNorm * self, const GstLoudNormSettings * s,
    gdouble gain_db)
{
  loudness_meter *trial =
      gst_loud_norm_meter_new (&GST_AUDIO_FILTER (self)->info);
  gdouble target = s->spec.target_lufs, best = gain_db, best_error = INFINITY;
  gdouble previous_gain = NAN, previous_loudness = NAN;

  for (gint i = 0; trial && i < GAIN_SEARCH_MAX_TRIALS; i++) {
    gdouble loudness, slope = 1.0;
    loudness_meter_reset (trial);
    if (render_programme (self, gain_db, trial, s) != GST_FLOW_OK)
      break;
    loudness = loudness_meter_integrated (trial);
    if (!isfinite (loudness))
      break;
    if (fabs (target - loudness) < best_error) {
      best_error = fabs (target - loudness);
      best = gain_db;
    }
    GST_DEBUG_OBJECT (self, "trial %d: gain %+.4f dB -> %.4f LUFS", i,
        gain_db, loudness);
    if (best_error < GAIN_SEARCH_TOLERANCE)
      break;
    if (isfinite (previous_gain) && gain_db != previous_gain)
      slope = CLAMP ((loudness - previous_loudness) /
          (gain_db - previous_gain), 0.2, 1.0);
    previous_gain = gain_db;
    previous_loudness = loudness;
    gain_db += (target - loudness) / slope;
  }
  loudness_meter_free (trial);
  return best;
}

/* File mode at the end of a programme: chooses the gain and pushes the
 * programme out. */
GstFlowReturn
gst_loud_norm_finish_file_programme (GstLoudNorm * self,
    const GstLoudNormSettings * s)
{
  gdouble integrated, true_peak;

  g_mutex_lock (&self->meter_lock);
  integrated = loudness_meter_integrated (self->input_meter);
  true_peak = gst_loud_norm_report_max_true_peak (self->input_meter);
  g_mutex_unlock (&self->meter_lock);
  self->plan = normalization_plan_make ((normalization_policy) s->policy,
      s->spec.target_lufs, s->spec.ceiling_dbtp, integrated, true_peak);
  if (self->plan.outcome == NORMALIZATION_LIMITED)
    self->plan.gain_db = search_limited_gain (self, s, self->plan.gain_db);
  GST_INFO_OBJECT (self, "input %.2f LUFS, %.2f dBTP: gain %+.3f dB",
      integrated, true_peak, self->plan.gain_db);
  return render_programme (self, self->plan.gain_db, NULL, s);
}
