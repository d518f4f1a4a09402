/* GStreamer mixmaster plug-in: GstLookaheadFilter, the abstract base class
 * of the elements whose DSP lags its input by a lookahead and that also
 * have a file mode (loudnorm, audiomaster).
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_LOOKAHEAD_FILTER_H__
#define __GST_LOOKAHEAD_FILTER_H__

#include <gst/audio/gstaudiofilter.h>

#include "gain_search.h"

G_BEGIN_DECLS

/* What a stream does, chosen by the subclass when the caps are set
 * (gst_lookahead_filter_prepare()). */
typedef enum
{
  /* the audio passes untouched (the subclass's transform_ip meters it) */
  GST_LOOKAHEAD_PASS_THROUGH,
  /* one pass: every buffer through the DSP, its delay dropped from the
   * front of the output and drained from the back */
  GST_LOOKAHEAD_PASS_STREAM,
  /* two passes: the whole programme kept, then at its end a constant gain
   * chosen (trial renders), and the programme rendered and pushed */
  GST_LOOKAHEAD_PASS_KEEP,
} GstLookaheadPass;

/* What the DSP is run over (GstLookaheadFilterClass.process). */
typedef enum
{
  GST_LOOKAHEAD_RUN_INPUT,      /* an input buffer, stream pass */
  GST_LOOKAHEAD_RUN_DRAIN,      /* silence pushing out what the delay holds */
  GST_LOOKAHEAD_RUN_TRIAL,      /* the kept programme, measured only */
  GST_LOOKAHEAD_RUN_RENDER,     /* the kept programme, pushed */
} GstLookaheadRun;

#define GST_TYPE_LOOKAHEAD_FILTER (gst_lookahead_filter_get_type ())
G_DECLARE_DERIVABLE_TYPE (GstLookaheadFilter, gst_lookahead_filter, GST,
    LOOKAHEAD_FILTER, GstAudioFilter)

/* The virtual methods run in the streaming thread. */
struct _GstLookaheadFilterClass
{
  GstAudioFilterClass parent_class;

  /* How the keep pass is named in errors, e.g. "loudnorm mode=file". */
  const gchar *keep_pass_name;

  /* Frames the DSP lags its input: the drain's length and the latency
   * reported. 0 while there is no DSP. */
  guint64 (*delay) (GstLookaheadFilter * filter);
  /* Optional. At every buffer, after the controller values were synced to
   * its stream time. */
  void (*begin_buffer) (GstLookaheadFilter * filter, GstBuffer * in);
  /* Stream pass, before a buffer goes through the DSP (and after what the
   * delay held was drained at a discontinuity): the settings to the DSP.
   * FALSE after posting an error. */
  gboolean (*apply_settings) (GstLookaheadFilter * filter);
  /* The DSP over `frames` mapped frames, in place; `time` is the input
   * time of the first. */
  void (*process) (GstLookaheadFilter * filter, guint8 * data,
      guint64 frames, GstClockTime time, GstLookaheadRun run);
  /* Optional. Processed frames leaving the element, the delay dropped;
   * `time` is the output time of the first. */
  void (*output) (GstLookaheadFilter * filter, const guint8 * data,
      guint64 frames, GstClockTime time);
  /* Optional. Keep pass: frames kept (data NULL: silence). */
  void (*kept) (GstLookaheadFilter * filter, const guint8 * data,
      guint64 frames);
  /* A new programme: the DSP's state and the measurements start again. */
  void (*reset) (GstLookaheadFilter * filter);
  /* Keep pass: a render of the kept programme begins at a constant gain,
   * dB: the DSP set to it and reset. */
  void (*begin_render) (GstLookaheadFilter * filter, gdouble gain_db,
      GstLookaheadRun run);
  /* Keep pass, after a trial render: its output's integrated loudness,
   * LUFS. */
  gdouble (*trial_loudness) (GstLookaheadFilter * filter);
  /* Keep pass at the end of a programme: chooses the gain (with
   * gst_lookahead_filter_trial() and gst_lookahead_filter_search_gain())
   * and returns gst_lookahead_filter_render() at it. */
  GstFlowReturn (*finish_kept) (GstLookaheadFilter * filter);
  /* Optional. After a programme ended (EOS, a new stream, new caps, a long
   * hole in a kept programme), everything held back pushed. */
  void (*programme_ended) (GstLookaheadFilter * filter);
};

/* From the subclass's setup(), once its DSP is made for the new caps
 * (info): the pass this stream runs (a keep pass holds up to max_memory_mib MiB in
 * memory, gstkeptprogramme.h). A new programme starts, and a latency
 * message is posted. */
void gst_lookahead_filter_prepare (GstLookaheadFilter * filter,
    const GstAudioInfo * info, GstLookaheadPass pass, guint max_memory_mib);

/* The pass of the current stream (THROUGH before the caps are set). */
GstLookaheadPass gst_lookahead_filter_pass (GstLookaheadFilter * filter);

/* Keep pass: the input time of the kept programme's first frame. */
GstClockTime gst_lookahead_filter_programme_start (GstLookaheadFilter *
    filter);

/* A new programme starts with the next buffer: the subclass's reset,
 * nothing held back kept, a new output clock. */
void gst_lookahead_filter_restart (GstLookaheadFilter * filter);

/* Syncs the controller values to buf's stream time and calls
 * begin_buffer (generate_output does it; a pass-through transform_ip calls
 * it itself). */
void gst_lookahead_filter_begin_buffer (GstLookaheadFilter * filter,
    GstBuffer * buf);

/* Keep pass: one run of the DSP over the kept programme and its delay at
 * a constant gain; RUN_RENDER pushes the output, RUN_TRIAL measures it
 * only. */
GstFlowReturn gst_lookahead_filter_render (GstLookaheadFilter * filter,
    gdouble gain_db, GstLookaheadRun run);

/* Keep pass: a trial render at gain_db; its output's loudness in
 * *loudness_lufs. FALSE after an error was posted. */
gboolean gst_lookahead_filter_trial (GstLookaheadFilter * filter,
    gdouble gain_db, gdouble * loudness_lufs);

/* Keep pass: the constant gain, at most most_db, that puts the output on
 * target_lufs through the DSP's limiter, over trial renders
 * (gain_search.h), starting at first_db. */
gain_search_result gst_lookahead_filter_search_gain (GstLookaheadFilter *
    filter, gdouble target_lufs, gdouble first_db, gdouble most_db,
    gdouble tolerance_lu, gint max_trials);

G_END_DECLS
#endif
