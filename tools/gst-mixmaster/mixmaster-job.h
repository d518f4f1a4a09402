/* gst-mixmaster: running a session's pipeline and keeping what its meters
 * said.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_JOB_H
#define MIXMASTER_JOB_H

#include <gst/gst.h>

#include "loudness-curve.h"
#include "mixmaster-pipeline.h"
#include "progress.h"

G_BEGIN_DECLS

typedef struct
{
  GstElement *pipeline;
  Progress progress;
  GstClockTime duration;        /* the session's, for the progress bar */
  loudness_curve *curve;        /* the master's loudness over time */
  GHashTable *reports;          /* element name -> final "loudness" report */
  GstStructure *master_levels;  /* audiomaster's last message */
  gchar *error;                 /* one line, when the run failed */
} MixmasterJob;

/* Builds the session's pipeline (mixmaster-pipeline.h); the master leaves
 * the "delivery" element at the session's rate, stereo, and lasts about
 * the session's duration. */
MixmasterJob *mixmaster_job_new (MixmasterSession * session,
    const MixmasterOutputs * outputs, GError ** error);

/* Runs to the end; a progress bar on stderr when asked. */
gboolean mixmaster_job_run (MixmasterJob * job, GstClockTime duration,
    gboolean show_progress);

/* The final loudness report of the named loudnorm element, or NULL. */
const GstStructure *mixmaster_job_report (MixmasterJob * job,
    const gchar * element_name);

void mixmaster_job_free (MixmasterJob * job);

G_END_DECLS
#endif
