/* GStreamer mixmaster plug-in: GstLookaheadFilter, the base class of the
 * elements whose DSP lags its input and that have a file mode.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * What loudnorm and audiomaster do alike lives here, as
 * gst-plugins-good's audiofxbasefirfilter holds what every FIR filter
 * does: the delayed output on a sample-exact clock of its own
 * (gstdelayedoutput.h), the latency answered, the delay drained at EOS,
 * new caps, a new stream and a discontinuity, the kept programme
 * (gstkeptprogramme.h) and its trial renders, and the dispatch between
 * the passes. A buffer travels: generate_output -> begin_buffer (the
 * controller values) -> stream pass: a discontinuity drains first, then
 * apply_settings, process, the delay dropped, output, stamped, pushed;
 * keep pass: kept, and at the programme's end finish_kept chooses the
 * gain and renders it.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstlookaheadfilter.h"

#include <string.h>

#include "gstdelayedoutput.h"
#include "gstfloatcaps.h"
#include "gstkeptprogramme.h"

GST_DEBUG_CATEGORY_STATIC (gst_lookahead_filter_debug);
#define GST_CAT_DEFAULT gst_lookahead_filter_debug

/* frames per buffer rendered from a kept programme */
#define RENDER_FRAMES 8192

/* streaming thread */
typedef struct
{
  GstLookaheadPass pass;
  GstDelayedOutput output;
  GstKeptProgramme kept;        /* keep pass */
  guint64 programme_frames;     /* input frames since the programme began */
  guint64 clock_frames;         /* input frames since output.start */
} GstLookaheadFilterPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (GstLookaheadFilter, gst_lookahead_filter,
    GST_TYPE_AUDIO_FILTER, G_ADD_PRIVATE (GstLookaheadFilter);
    GST_DEBUG_CATEGORY_INIT (gst_lookahead_filter_debug, "lookaheadfilter", 0,
        "base class of the elements with a lookahead and a file mode"));

#define PRIV(f) ((GstLookaheadFilterPrivate *) \
    gst_lookahead_filter_get_instance_private (f))
#define CLASS(f) GST_LOOKAHEAD_FILTER_GET_CLASS (f)

static const GstAudioInfo *
info_of (GstLookaheadFilter * filter)
{
  return &GST_AUDIO_FILTER (filter)->info;
}

/* A new output clock from the next input buffer; the DSP goes on. */
static void
restart_clock (GstLookaheadFilter * filter)
{
  GstLookaheadFilterPrivate *priv = PRIV (filter);

  gst_delayed_output_restart (&priv->output,
      GST_AUDIO_INFO_RATE (info_of (filter)),
      GST_AUDIO_INFO_BPF (info_of (filter)), CLASS (filter)->delay (filter));
  priv->clock_frames = 0;
}

void
gst_lookahead_filter_restart (GstLookaheadFilter * filter)
{
  GstLookaheadFilterPrivate *priv = PRIV (filter);

  CLASS (filter)->reset (filter);
  gst_kept_programme_restart (&priv->kept);
  restart_clock (filter);
  priv->programme_frames = 0;
}

void
gst_lookahead_filter_prepare (GstLookaheadFilter * filter,
    const GstAudioInfo * info, GstLookaheadPass pass, guint max_memory_mib)
{
  GstLookaheadFilterPrivate *priv = PRIV (filter);

  /* GstAudioFilter stores the info once setup() returns; the restart
   * below needs it now */
  GST_AUDIO_FILTER (filter)->info = *info;
  priv->pass = pass;
  if (pass == GST_LOOKAHEAD_PASS_KEEP)
    gst_kept_programme_init (&priv->kept, (guint64) max_memory_mib << 20,
        GST_AUDIO_INFO_RATE (info), GST_AUDIO_INFO_BPF (info));
  else
    gst_kept_programme_clear (&priv->kept);
  gst_lookahead_filter_restart (filter);
  if (pass != GST_LOOKAHEAD_PASS_THROUGH)
    gst_element_post_message (GST_ELEMENT (filter),
        gst_message_new_latency (GST_OBJECT (filter)));
}

GstLookaheadPass
gst_lookahead_filter_pass (GstLookaheadFilter * filter)
{
  return PRIV (filter)->pass;
}

GstClockTime
gst_lookahead_filter_programme_start (GstLookaheadFilter * filter)
{
  return PRIV (filter)->kept.start;
}

void
gst_lookahead_filter_begin_buffer (GstLookaheadFilter * filter, GstBuffer * buf)
{
  GstClockTime stream_time =
      gst_segment_to_stream_time (&GST_BASE_TRANSFORM (filter)->segment,
      GST_FORMAT_TIME, GST_BUFFER_PTS (buf));

  if (GST_CLOCK_TIME_IS_VALID (stream_time))
    gst_object_sync_values (GST_OBJECT (filter), stream_time);
  if (CLASS (filter)->begin_buffer)
    CLASS (filter)->begin_buffer (filter, buf);
}

/* `frames` processed frames of buf (mapped as map) leave: the delay still
 * filling is dropped, the rest given to the output method and stamped.
 * Consumes buf and its mapping; NULL when nothing is left. */
static GstBuffer *
take_output (GstLookaheadFilter * filter, GstBuffer * buf, GstMapInfo * map,
    guint64 frames)
{
  GstDelayedOutput *out = &PRIV (filter)->output;
  guint64 dropped = gst_delayed_output_drop (out, frames);
  guint64 kept = frames - dropped;

  if (kept > 0 && CLASS (filter)->output)
    CLASS (filter)->output (filter, map->data + dropped * out->bpf, kept,
        gst_delayed_output_frame_time (out->start, out->frames, out->rate));
  gst_buffer_unmap (buf, map);
  return gst_delayed_output_stamp (out, buf, dropped, kept);
}

static GstFlowReturn
push (GstLookaheadFilter * filter, GstBuffer * buf)
{
  return buf ? gst_pad_push (GST_BASE_TRANSFORM_SRC_PAD (filter), buf) :
      GST_FLOW_OK;
}

/* Stream pass: what the delay holds goes out, pushed by silence, on the
 * input's timeline where the input ended. */
static GstFlowReturn
drain (GstLookaheadFilter * filter)
{
  GstLookaheadFilterPrivate *priv = PRIV (filter);
  guint64 frames = CLASS (filter)->delay (filter);
  GstClockTime time;
  GstMapInfo map;
  GstBuffer *buf;

  if (priv->clock_frames == 0 || frames == 0)
    return GST_FLOW_OK;
  buf = gst_delayed_output_buffer_new (&priv->output, frames, &map);
  memset (map.data, 0, map.size);
  time = gst_delayed_output_frame_time (priv->output.start,
      priv->clock_frames, priv->output.rate);
  priv->clock_frames = 0;
  CLASS (filter)->process (filter, map.data, frames, time,
      GST_LOOKAHEAD_RUN_DRAIN);
  return push (filter, take_output (filter, buf, &map, frames));
}

/* Stream pass after a discontinuity (a pause, a hole, a source's clock
 * jumping, a GAP event): what the delay holds goes out on the old
 * timeline, and the output clock starts afresh at the new one. The DSP
 * goes on: a live normalizer follows the audio, not the clock, and only a
 * new programme (FLUSH, STREAM_START, new caps, the subclass's own reset)
 * starts it again. */
static GstFlowReturn
discontinuity (GstLookaheadFilter * filter)
{
  GstFlowReturn ret = drain (filter);

  GST_DEBUG_OBJECT (filter, "discontinuity at %" GST_TIME_FORMAT ": the "
      "output clock restarts, the DSP goes on",
      GST_TIME_ARGS (PRIV (filter)->output.start));
  restart_clock (filter);
  return ret;
}

/* Stream pass: one input buffer through the DSP; its frames, less the
 * delay still filling, out. */
static GstFlowReturn
stream_buffer (GstLookaheadFilter * filter, GstBuffer * in, GstBuffer ** outbuf)
{
  GstLookaheadFilterPrivate *priv = PRIV (filter);
  GstFlowReturn ret = GST_FLOW_OK;
  GstMapInfo map;
  guint64 frames;

  if (priv->clock_frames > 0 &&
      gst_delayed_output_jumps (&priv->output, in, priv->clock_frames))
    ret = discontinuity (filter);
  if (ret == GST_FLOW_OK && !CLASS (filter)->apply_settings (filter))
    ret = GST_FLOW_ERROR;
  if (ret != GST_FLOW_OK) {
    gst_buffer_unref (in);
    return ret;
  }
  in = gst_buffer_make_writable (in);
  if (!gst_buffer_map (in, &map, GST_MAP_READWRITE)) {
    gst_buffer_unref (in);
    GST_ELEMENT_ERROR (filter, STREAM, FAILED, ("Could not map a buffer"),
        (NULL));
    return GST_FLOW_ERROR;
  }
  if (GST_BUFFER_FLAG_IS_SET (in, GST_BUFFER_FLAG_GAP))
    memset (map.data, 0, map.size);
  frames = map.size / GST_AUDIO_INFO_BPF (info_of (filter));
  gst_delayed_output_start (&priv->output, in, priv->clock_frames);
  CLASS (filter)->process (filter, map.data, frames, GST_BUFFER_PTS (in),
      GST_LOOKAHEAD_RUN_INPUT);
  priv->programme_frames += frames;
  priv->clock_frames += frames;
  *outbuf = take_output (filter, in, &map, frames);
  return GST_FLOW_OK;
}

static void
count_kept (const guint8 * data, guint64 frames, gpointer user_data)
{
  GstLookaheadFilter *filter = user_data;

  PRIV (filter)->programme_frames += frames;
  if (CLASS (filter)->kept)
    CLASS (filter)->kept (filter, data, frames);
}

/* Keep pass: an input buffer kept; nothing goes out yet. */
static GstFlowReturn
keep_buffer (GstLookaheadFilter * filter, GstBuffer * in)
{
  gboolean ok = gst_kept_programme_keep (&PRIV (filter)->kept,
      GST_BASE_TRANSFORM (filter), CLASS (filter)->keep_pass_name, in,
      count_kept, filter);

  gst_buffer_unref (in);
  return ok ? GST_FLOW_OK : GST_FLOW_ERROR;
}

GstFlowReturn
gst_lookahead_filter_render (GstLookaheadFilter * filter, gdouble gain_db,
    GstLookaheadRun run)
{
  GstKeptProgramme *kept = &PRIV (filter)->kept;
  guint64 total = kept->frames + CLASS (filter)->delay (filter);
  GstFlowReturn ret = GST_FLOW_OK;

  CLASS (filter)->begin_render (filter, gain_db, run);
  for (guint64 done = 0; done < total && ret == GST_FLOW_OK;) {
    guint64 frames = MIN (RENDER_FRAMES, total - done);
    GstClockTime time = gst_delayed_output_frame_time (kept->start, done,
        kept->rate);
    GstMapInfo map;
    GstBuffer *buf = gst_kept_programme_read_buffer (kept,
        GST_BASE_TRANSFORM (filter), done, frames, &map);

    if (!buf)
      return GST_FLOW_ERROR;
    CLASS (filter)->process (filter, map.data, frames, time, run);
    done += frames;
    if (run == GST_LOOKAHEAD_RUN_RENDER) {
      ret = push (filter, take_output (filter, buf, &map, frames));
    } else {
      gst_buffer_unmap (buf, &map);
      gst_buffer_unref (buf);
    }
  }
  return ret;
}

static bool
render_trial (double gain_db, double *loudness_lufs, void *user_data)
{
  GstLookaheadFilter *filter = user_data;

  if (gst_lookahead_filter_render (filter, gain_db,
          GST_LOOKAHEAD_RUN_TRIAL) != GST_FLOW_OK)
    return false;
  *loudness_lufs = CLASS (filter)->trial_loudness (filter);
  GST_DEBUG_OBJECT (filter, "trial: gain %+.4f dB -> %.4f LUFS", gain_db,
      *loudness_lufs);
  return true;
}

gboolean
gst_lookahead_filter_trial (GstLookaheadFilter * filter, gdouble gain_db,
    gdouble * loudness_lufs)
{
  return render_trial (gain_db, loudness_lufs, filter);
}

gain_search_result
gst_lookahead_filter_search_gain (GstLookaheadFilter * filter,
    gdouble target_lufs, gdouble first_db, gdouble most_db,
    gdouble tolerance_lu, gint max_trials)
{
  return gain_search (target_lufs, first_db, most_db, tolerance_lu,
      max_trials, render_trial, filter);
}

/* The end of a programme (EOS, a new stream, new caps, a long hole):
 * everything held back goes out. */
static GstFlowReturn
finish_programme (GstLookaheadFilter * filter)
{
  GstLookaheadFilterPrivate *priv = PRIV (filter);
  GstFlowReturn ret = GST_FLOW_OK;

  if (priv->pass == GST_LOOKAHEAD_PASS_KEEP && priv->kept.frames > 0) {
    /* the output's timeline is the input's */
    priv->output.start = priv->kept.start;
    ret = CLASS (filter)->finish_kept (filter);
  } else if (priv->pass == GST_LOOKAHEAD_PASS_STREAM) {
    ret = drain (filter);
  }
  if (CLASS (filter)->programme_ended)
    CLASS (filter)->programme_ended (filter);
  priv->programme_frames = 0;
  priv->clock_frames = 0;
  gst_kept_programme_restart (&priv->kept);
  return ret;
}

static gboolean
gst_lookahead_filter_sink_event (GstBaseTransform * trans, GstEvent * event)
{
  GstLookaheadFilter *filter = GST_LOOKAHEAD_FILTER (trans);
  GstLookaheadFilterPrivate *priv = PRIV (filter);
  gboolean delaying = priv->pass != GST_LOOKAHEAD_PASS_THROUGH;

  switch (GST_EVENT_TYPE (event)) {
    case GST_EVENT_EOS:
      finish_programme (filter);
      break;
    case GST_EVENT_FLUSH_STOP:
      gst_lookahead_filter_restart (filter);
      break;
    case GST_EVENT_STREAM_START:
      /* a new stream is a new programme */
      if (delaying && priv->programme_frames > 0)
        finish_programme (filter);
      if (delaying)
        gst_lookahead_filter_restart (filter);
      break;
    case GST_EVENT_CAPS:
      /* the old format's frames go out before the new caps */
      if (delaying && priv->programme_frames > 0 &&
          gst_delayed_output_caps_change (trans, event))
        finish_programme (filter);
      break;
    case GST_EVENT_GAP:
      if (!delaying || priv->programme_frames == 0)
        break;
      /* keep pass: the next buffer's timestamp says where the hole ends,
       * and it is kept as silence; a GAP now would overtake the programme */
      if (priv->pass == GST_LOOKAHEAD_PASS_KEEP) {
        gst_event_unref (event);
        return TRUE;
      }
      /* stream pass: the audio still in the delay goes out before the GAP */
      discontinuity (filter);
      break;
    default:
      break;
  }
  return
      GST_BASE_TRANSFORM_CLASS (gst_lookahead_filter_parent_class)->sink_event
      (trans, event);
}

/* The stream pass adds the DSP's delay to upstream's latency; the sink
 * asks for F32 where upstream can give it. */
static gboolean
gst_lookahead_filter_query (GstBaseTransform * trans,
    GstPadDirection direction, GstQuery * query)
{
  GstLookaheadFilter *filter = GST_LOOKAHEAD_FILTER (trans);
  gint rate = GST_AUDIO_INFO_RATE (info_of (filter));
  gboolean answered;

  if (direction == GST_PAD_SRC && GST_QUERY_TYPE (query) == GST_QUERY_LATENCY
      && PRIV (filter)->pass == GST_LOOKAHEAD_PASS_STREAM && rate > 0)
    return gst_delayed_output_answer_latency (trans, query,
        gst_util_uint64_scale_int_round (CLASS (filter)->delay (filter),
            GST_SECOND, rate));
  answered =
      GST_BASE_TRANSFORM_CLASS (gst_lookahead_filter_parent_class)->query
      (trans, direction, query);
  if (answered && direction == GST_PAD_SINK &&
      GST_QUERY_TYPE (query) == GST_QUERY_CAPS)
    gst_float_caps_prefer_f32 (trans, query);
  return answered;
}

static GstFlowReturn
gst_lookahead_filter_generate_output (GstBaseTransform * trans,
    GstBuffer ** outbuf)
{
  GstLookaheadFilter *filter = GST_LOOKAHEAD_FILTER (trans);
  GstLookaheadFilterPrivate *priv = PRIV (filter);
  GstBuffer *in = trans->queued_buf;

  if (gst_base_transform_is_passthrough (trans))
    return
        GST_BASE_TRANSFORM_CLASS
        (gst_lookahead_filter_parent_class)->generate_output (trans, outbuf);
  *outbuf = NULL;
  if (!in)
    return GST_FLOW_OK;
  trans->queued_buf = NULL;
  if (G_UNLIKELY (priv->pass == GST_LOOKAHEAD_PASS_THROUGH)) {
    gst_buffer_unref (in);
    return GST_FLOW_NOT_NEGOTIATED;
  }
  gst_lookahead_filter_begin_buffer (filter, in);
  if (priv->pass == GST_LOOKAHEAD_PASS_STREAM)
    return stream_buffer (filter, in, outbuf);
  if (gst_kept_programme_ends_at (&priv->kept, in)) {
    GstFlowReturn ret;

    GST_INFO_OBJECT (filter, "a hole of more than %" GST_TIME_FORMAT
        " before %" GST_TIME_FORMAT ": a new programme",
        GST_TIME_ARGS (GST_KEPT_PROGRAMME_MAX_HOLE),
        GST_TIME_ARGS (GST_BUFFER_PTS (in)));
    ret = finish_programme (filter);
    gst_lookahead_filter_restart (filter);
    if (ret != GST_FLOW_OK) {
      gst_buffer_unref (in);
      return ret;
    }
  }
  return keep_buffer (filter, in);
}

static gboolean
gst_lookahead_filter_start (GstBaseTransform * trans)
{
  PRIV (GST_LOOKAHEAD_FILTER (trans))->kept.source_checked = FALSE;
  return TRUE;
}

/* READY: the stream is over; what was kept is dropped, so the next
 * stream-start finds no programme to finish. */
static gboolean
gst_lookahead_filter_stop (GstBaseTransform * trans)
{
  GstLookaheadFilterPrivate *priv = PRIV (GST_LOOKAHEAD_FILTER (trans));

  gst_kept_programme_clear (&priv->kept);
  priv->pass = GST_LOOKAHEAD_PASS_THROUGH;
  priv->programme_frames = 0;
  priv->clock_frames = 0;
  return TRUE;
}

static void
gst_lookahead_filter_finalize (GObject * object)
{
  gst_kept_programme_clear (&PRIV (GST_LOOKAHEAD_FILTER (object))->kept);
  G_OBJECT_CLASS (gst_lookahead_filter_parent_class)->finalize (object);
}

static void
gst_lookahead_filter_class_init (GstLookaheadFilterClass * klass)
{
  GstBaseTransformClass *trans_class = GST_BASE_TRANSFORM_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = gst_lookahead_filter_finalize;
  trans_class->generate_output =
      GST_DEBUG_FUNCPTR (gst_lookahead_filter_generate_output);
  trans_class->sink_event = GST_DEBUG_FUNCPTR (gst_lookahead_filter_sink_event);
  trans_class->query = GST_DEBUG_FUNCPTR (gst_lookahead_filter_query);
  trans_class->start = GST_DEBUG_FUNCPTR (gst_lookahead_filter_start);
  trans_class->stop = GST_DEBUG_FUNCPTR (gst_lookahead_filter_stop);
  gst_type_mark_as_plugin_api (GST_TYPE_LOOKAHEAD_FILTER, 0);
}

static void
gst_lookahead_filter_init (GstLookaheadFilter * filter)
{
  gst_base_transform_set_gap_aware (GST_BASE_TRANSFORM (filter), TRUE);
  /* without transform functions GstBaseTransform starts in passthrough;
   * generate_output does the work (a subclass may set passthrough, and
   * meter in transform_ip) */
  gst_base_transform_set_passthrough (GST_BASE_TRANSFORM (filter), FALSE);
}
