/* GStreamer mixmaster plug-in: a whole programme kept for a second pass
 * (file mode of loudnorm and audiomaster), on the input's own timeline.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_KEPT_PROGRAMME_H__
#define __GST_KEPT_PROGRAMME_H__

#include <gst/base/gstbasetransform.h>

#include "gstaudiospool.h"

G_BEGIN_DECLS

typedef struct
{
  GstAudioSpool *spool;
  gint rate, bpf;
  guint64 frames;               /* kept since the programme began */
  GstClockTime start;           /* time of the first kept frame */
  gboolean source_checked;      /* upstream was found not live */
} GstKeptProgramme;

/* In memory up to max_memory_bytes, the rest in an anonymous temporary
 * file (gstaudiospool.h). */
void gst_kept_programme_init (GstKeptProgramme * p, guint64 max_memory_bytes,
    gint rate, gint bpf);
void gst_kept_programme_clear (GstKeptProgramme * p);
/* Forgets what was kept; the next buffer starts a new programme. */
void gst_kept_programme_restart (GstKeptProgramme * p);

/* A hole in the timestamps longer than this ends the programme: what was
 * kept is rendered and pushed, and a new programme starts at the new
 * timestamp (so a clock that jumps by hours never turns into hours of
 * silence kept in memory or on disk). */
#define GST_KEPT_PROGRAMME_MAX_HOLE (10 * GST_SECOND)

/* Whether in's timestamp is more than GST_KEPT_PROGRAMME_MAX_HOLE later
 * than where the programme kept so far ends. */
gboolean gst_kept_programme_ends_at (GstKeptProgramme * p, GstBuffer * in);

/* Keeps an input buffer (a GAP as silence, a timestamp later than where
 * the programme was filled with silence, so the output keeps the input's
 * timeline); `kept` (may be NULL) is called on what was kept, data NULL
 * for silence. Posts an error on element and returns FALSE when upstream
 * is live (said as `what`, e.g. "loudnorm mode=file") or on an I/O error. */
typedef void (*GstKeptFramesFunc) (const guint8 * data, guint64 frames,
    gpointer user_data);
gboolean gst_kept_programme_keep (GstKeptProgramme * p,
    GstBaseTransform * element, const gchar * what, GstBuffer * in,
    GstKeptFramesFunc kept, gpointer user_data);

/* Fills dest with `frames` frames from `first`, silence past the end.
 * Posts an error on element and returns FALSE on an I/O error. */
gboolean gst_kept_programme_read (GstKeptProgramme * p,
    GstBaseTransform * element, guint64 first, guint64 frames, guint8 * dest);

/* A new buffer, mapped for writing, holding `frames` frames from `first`
 * (gst_kept_programme_read()); NULL after posting an error. */
GstBuffer *gst_kept_programme_read_buffer (GstKeptProgramme * p,
    GstBaseTransform * element, guint64 first, guint64 frames,
    GstMapInfo * map);

G_END_DECLS
#endif
