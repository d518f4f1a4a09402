/* mixmaster tools: a pipeline played to its end, its bus read in one
 * place for every program.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_PIPELINE_RUN_H
#define MIXMASTER_PIPELINE_RUN_H

#include <gst/gst.h>

/* What a program does with the bus; each member may be NULL. */
typedef struct
{
  /* an element message (a `loudness` report, an element's levels) */
  void (*element) (GstMessage * msg, gpointer data);
  /* every 200 ms while it plays: a progress bar */
  void (*tick) (GstElement * pipeline, gpointer data);
  /* the one-line error for an ERROR message, g_free()d by the caller
   * (NULL member: the message's own text) */
  gchar *(*error_line) (GstMessage * msg, gpointer data);
  gpointer data;
} PipelineRunHooks;

/* Sets pipeline PLAYING and reads its bus until EOS, an error, or Ctrl-C
 * (interruption.h). NULL at EOS, else the error's line (g_free()). The
 * pipeline is left as it is, so its duration can still be asked at EOS;
 * the caller sets it to NULL. */
gchar *pipeline_run (GstElement * pipeline, const PipelineRunHooks * hooks);

/* The report of a final `loudness` element message (loudnorm's, before
 * EOS); NULL for any other message. */
const GstStructure *pipeline_run_final_report (GstMessage * msg);

/* An element hook: keeps a copy of the last final report in
 * *(GstStructure **) report. */
void pipeline_run_keep_final_report (GstMessage * msg, gpointer report);

#endif
