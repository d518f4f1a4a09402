/* gst-mixmaster: the pipeline of a session, as a gst-launch description.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   N x (filesrc ! decodebin ! audioconvert !
 *        loudnorm mode=measure (the stem, as recorded) ! audioconvert !
 *        audioresample ! mixstrip !
 *        loudnorm mode=measure (the track in the mix)) !
 *   audiomixer ! loudnorm mode=measure (the mix) ! [tee: the mixdown] !
 *   audiomaster mode=file ! loudnorm mode=file (the delivery) !
 *   audioconvert (TPDF dither) ! encoder ! filesink
 *
 * Every element gst-mixmaster reads from is named: stemN, stripN, trackN,
 * mix, mixmeter, master, delivery. The user's data (file names and
 * settings) is never part of the description that is parsed: it is set on
 * the elements sourceN, stripN, master, delivery, mastersink and
 * mixdownsink once they are built, so that a file name holding quotes or
 * "!" is a file name.
 */
#ifndef MIXMASTER_PIPELINE_H
#define MIXMASTER_PIPELINE_H

#include "command-line.h"
#include "gain-tags.h"
#include "mixmaster-session.h"

G_BEGIN_DECLS

typedef struct
{
  const gchar *master;          /* the file written */
  const gchar *master_format;   /* raw sample format for it; NULL for lossy */
  const gchar *mixdown;         /* or NULL */
  guint bitrate;                /* kbit/s of lossy outputs; 0: default */
  const GainTags *master_tags;  /* the master's gain tags, or NULL */
} MixmasterOutputs;

/* The delivery preset when the session names none. */
#define MIXMASTER_DEFAULT_DELIVERY COMMAND_LINE_DEFAULT_PRESET

/* The master's settings: the audiomaster preset that suits the delivery
 * (streaming, broadcast, podcast-voice) unless the session names one, and
 * the delivery's target and ceiling unless it sets them; then the
 * session's own. */
GArray *mixmaster_master_settings (MixmasterSession * session);

/* The pipeline, built and configured; NULL with error set. */
GstElement *mixmaster_pipeline_new (MixmasterSession * session,
    const MixmasterOutputs * outputs, GError ** error);

/* The same pipeline as one gst-launch-1.0 command line for a shell, file
 * names and settings quoted. */
gchar *mixmaster_pipeline_command_line (MixmasterSession * session,
    const MixmasterOutputs * outputs);

G_END_DECLS
#endif
