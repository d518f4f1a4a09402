/* GStreamer mixmaster plug-in: the output side of an element whose DSP
 * lags its input (a lookahead): the frames still to drop while the delay
 * fills, and the clock of what was pushed. loudnorm and audiomaster.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_DELAYED_OUTPUT_H__
#define __GST_DELAYED_OUTPUT_H__

#include <gst/base/gstbasetransform.h>

G_BEGIN_DECLS

typedef struct
{
  gint rate, bpf;
  guint64 skip;                 /* delay frames still to drop */
  guint64 frames;               /* pushed since the restart */
  GstClockTime start;           /* time of the first output frame */
  gboolean discont;             /* flag the next output buffer */
} GstDelayedOutput;

/* Time of frame `offset` counted from start; NONE stays NONE. */
GstClockTime gst_delayed_output_frame_time (GstClockTime start,
    guint64 offset, gint rate);

/* A new output clock: the next `delay` frames out of the DSP are dropped,
 * the first buffer after them is flagged DISCONT and its time is the next
 * input buffer's (gst_delayed_output_start()). */
void gst_delayed_output_restart (GstDelayedOutput * out, gint rate, gint bpf,
    guint64 delay);

/* Sets the output's start from the first timestamped input buffer after a
 * restart, in, which follows `before` input frames without timestamps
 * (the start is then that much earlier than in's). */
void gst_delayed_output_start (GstDelayedOutput * out, GstBuffer * in,
    guint64 before);

/* The time of the frame `before` frames ahead of in (NONE: unknown), never
 * below 0. */
GstClockTime gst_delayed_output_time_before (GstBuffer * in, guint64 before,
    gint rate);

/* Timestamps that wander less than this from where the sample count puts
 * them are jitter (network and sound-card sources stamp from a clock), not
 * a discontinuity: the output keeps its own sample-exact clock, and the
 * DSP's state. As audiobasesink's default alignment-threshold. */
#define GST_DELAYED_OUTPUT_JITTER (40 * GST_MSECOND)

/* How far in's timestamp is from start + frames (0 if either is unknown). */
GstClockTimeDiff gst_delayed_output_offset (const GstDelayedOutput * out,
    GstBuffer * in, guint64 frames);

/* Whether in, after `frames` frames since the start, is flagged DISCONT or
 * is further than GST_DELAYED_OUTPUT_JITTER from where they end. */
gboolean gst_delayed_output_jumps (const GstDelayedOutput * out,
    GstBuffer * in, guint64 frames);

/* Of `frames` frames out of the DSP, how many lead ones are delay to drop. */
guint64 gst_delayed_output_drop (GstDelayedOutput * out, guint64 frames);

/* Cuts the `dropped` lead frames off buf (unmapped, holding dropped + kept
 * frames) and stamps the rest: PTS, duration and offsets on the output
 * clock, DISCONT after a restart, GAP cleared. Consumes buf; NULL when
 * nothing is kept. */
GstBuffer *gst_delayed_output_stamp (GstDelayedOutput * out, GstBuffer * buf,
    guint64 dropped, guint64 kept);

/* A new buffer of `frames` frames, mapped for writing. */
GstBuffer *gst_delayed_output_buffer_new (const GstDelayedOutput * out,
    guint64 frames, GstMapInfo * map);

/* Whether a CAPS event on element's sink pad changes the current caps
 * (a programme in the old format must end first). */
gboolean gst_delayed_output_caps_change (GstBaseTransform * element,
    GstEvent * event);

/* A source-pad latency query: upstream's latency, and `latency` added to
 * it. FALSE when upstream does not answer. */
gboolean gst_delayed_output_answer_latency (GstBaseTransform * element,
    GstQuery * query, GstClockTime latency);

G_END_DECLS
#endif
