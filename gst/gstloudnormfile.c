/* GStreamer mixmaster plug-in: loudnorm, file mode: two passes in one pipeline.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstloudnormprivate.h"

#include "gain_search.h"

#include <math.h>
#include <string.h>

/* What was kept is measured. */
static void
measure_kept (const guint8 * data, guint64 frames, gpointer user_data)
{
  GstLoudNorm *self = user_data;

  gst_loud_norm_feed_meter (self, self->input_meter, data, frames);
  self->programme_frames += frames;
}

/* File mode: keeps and measures an input buffer; nothing goes out yet. */
GstFlowReturn
gst_loud_norm_keep_programme (GstLoudNorm * self, GstBuffer * in)
{
  gboolean ok;

  gst_delayed_output_start (&self->output, in, self->programme_frames);
  ok = gst_kept_programme_keep (&self->kept, GST_BASE_TRANSFORM (self),
      "loudnorm mode=file", in, measure_kept, self);
  gst_buffer_unref (in);
  return ok ? GST_FLOW_OK : GST_FLOW_ERROR;
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
    GstBuffer *buf = gst_kept_programme_read_buffer (&self->kept,
        GST_BASE_TRANSFORM (self), done, frames, &map);

    if (!buf)
      return GST_FLOW_ERROR;
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

typedef struct
{
  GstLoudNorm *self;
  const GstLoudNormSettings *settings;
  loudness_meter *meter;
} GainTrial;

static bool
render_trial (double gain_db, double *loudness, void *user_data)
{
  GainTrial *t = user_data;

  loudness_meter_reset (t->meter);
  if (render_programme (t->self, gain_db, t->meter, t->settings) != GST_FLOW_OK)
    return false;
  *loudness = loudness_meter_integrated (t->meter);
  GST_DEBUG_OBJECT (t->self, "trial: gain %+.4f dB -> %.4f LUFS", gain_db,
      *loudness);
  return true;
}

/* File mode, policies that limit: the limiter takes a little loudness off
 * the peaks it holds, so the gain that reaches the target through it is
 * searched over trial renders (gain_search.h), up to the most a plan
 * applies (no more than 12 dB of limiting on the highest peak). A search that ends short of the target makes the plan MISSED,
 * and its reason says by how much. */
static void
search_limited_gain (GstLoudNorm * self, const GstLoudNormSettings * s)
{
  GainTrial trial = { self, s,
    gst_loud_norm_meter_new (&GST_AUDIO_FILTER (self)->info)
  };
  gdouble most = normalization_plan_max_gain_db (&self->plan);
  gain_search_result found = { MIN (self->plan.gain_db, most), -INFINITY, 0 };

  if (trial.meter)
    found = gain_search (s->spec.target_lufs, found.gain_db, most,
        GAIN_SEARCH_TOLERANCE, GAIN_SEARCH_MAX_TRIALS, render_trial, &trial);
  loudness_meter_free (trial.meter);
  normalization_plan_searched (&self->plan, found.gain_db,
      found.loudness_lufs, TARGET_MISS_LU);
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
    search_limited_gain (self, s);
  GST_INFO_OBJECT (self, "input %.2f LUFS, %.2f dBTP: gain %+.3f dB",
      integrated, true_peak, self->plan.gain_db);
  return render_programme (self, self->plan.gain_db, NULL, s);
}
