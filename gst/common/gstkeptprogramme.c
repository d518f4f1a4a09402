/* GStreamer mixmaster plug-in: a whole programme kept for a second pass.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gstkeptprogramme.h"

#include "gstdelayedoutput.h"

#include <string.h>

void
gst_kept_programme_init (GstKeptProgramme * p, guint64 max_memory_bytes,
    gint rate, gint bpf)
{
  gst_audio_spool_free (p->spool);
  p->spool = gst_audio_spool_new (max_memory_bytes);
  p->rate = rate;
  p->bpf = bpf;
  p->source_checked = FALSE;
  gst_kept_programme_restart (p);
}

void
gst_kept_programme_clear (GstKeptProgramme * p)
{
  g_clear_pointer (&p->spool, gst_audio_spool_free);
  p->frames = 0;
}

void
gst_kept_programme_restart (GstKeptProgramme * p)
{
  if (p->spool)
    gst_audio_spool_clear (p->spool);
  p->frames = 0;
  p->start = GST_CLOCK_TIME_NONE;
}

static gboolean
upstream_is_live (GstBaseTransform * element)
{
  GstQuery *query = gst_query_new_latency ();
  gboolean live = FALSE;

  if (gst_pad_peer_query (GST_BASE_TRANSFORM_SINK_PAD (element), query))
    gst_query_parse_latency (query, &live, NULL, NULL);
  gst_query_unref (query);
  return live;
}

static gboolean
append (GstKeptProgramme * p, const guint8 * data, guint64 frames,
    GstKeptFramesFunc kept, gpointer user_data, GError ** error)
{
  guint64 bytes = frames * p->bpf;
  gboolean ok = data ? gst_audio_spool_append (p->spool, data, bytes, error)
      : gst_audio_spool_append_zeros (p->spool, bytes, error);

  if (ok && kept)
    kept (data, frames, user_data);
  p->frames += frames;
  return ok;
}

/* How much later than start + frames in's timestamp is (0: not later, or
 * unknown). */
static GstClockTime
lateness (GstKeptProgramme * p, GstBuffer * in)
{
  GstClockTime expected;
  GstClockTimeDiff late;

  if (!GST_CLOCK_TIME_IS_VALID (p->start) || !GST_BUFFER_PTS_IS_VALID (in))
    return 0;
  expected = p->start + gst_util_uint64_scale_int_round (p->frames,
      GST_SECOND, p->rate);
  late = GST_CLOCK_DIFF (expected, GST_BUFFER_PTS (in));
  return late > 0 ? (GstClockTime) late : 0;
}

gboolean
gst_kept_programme_ends_at (GstKeptProgramme * p, GstBuffer * in)
{
  return p->frames > 0 && lateness (p, in) > GST_KEPT_PROGRAMME_MAX_HOLE;
}

/* How many frames of silence fill the hole before in: none for jitter. */
static guint64
frames_missing (GstKeptProgramme * p, GstBuffer * in)
{
  GstClockTime late;

  if (!GST_CLOCK_TIME_IS_VALID (p->start))
    p->start = gst_delayed_output_time_before (in, p->frames, p->rate);
  late = lateness (p, in);
  /* later than jitter: a gap, filled with silence */
  return late > GST_DELAYED_OUTPUT_JITTER ?
      gst_util_uint64_scale_int_round (late, p->rate, GST_SECOND) : 0;
}

gboolean
gst_kept_programme_keep (GstKeptProgramme * p, GstBaseTransform * element,
    const gchar * what, GstBuffer * in, GstKeptFramesFunc kept,
    gpointer user_data)
{
  gboolean gap = GST_BUFFER_FLAG_IS_SET (in, GST_BUFFER_FLAG_GAP);
  guint64 missing = frames_missing (p, in);
  GError *error = NULL;
  GstMapInfo map;
  gboolean ok = TRUE;

  if (!p->source_checked && upstream_is_live (element)) {
    GST_ELEMENT_ERROR (element, CORE, NOT_IMPLEMENTED,
        ("%s cannot run on a live source: it keeps the whole input and "
            "outputs it at the end. Use mode=live.", what),
        ("upstream answered the latency query with live=TRUE"));
    return FALSE;
  }
  p->source_checked = TRUE;
  /* Nothing goes out before the end, so a sink downstream would wait to
   * preroll for ever, and with it a tee's other branches (which hold their
   * sinks' preroll buffers): a GAP at the programme's start prerolls it. */
  if (p->frames == 0 && GST_BUFFER_PTS_IS_VALID (in))
    gst_pad_push_event (GST_BASE_TRANSFORM_SRC_PAD (element),
        gst_event_new_gap (GST_BUFFER_PTS (in), 0));
  if (!gst_buffer_map (in, &map, GST_MAP_READ)) {
    GST_ELEMENT_ERROR (element, STREAM, FAILED, ("Could not map a buffer"),
        (NULL));
    return FALSE;
  }
  if (missing > 0)
    ok = append (p, NULL, missing, kept, user_data, &error);
  if (ok)
    ok = append (p, gap ? NULL : map.data, map.size / p->bpf, kept,
        user_data, &error);
  gst_buffer_unmap (in, &map);
  if (!ok) {
    GST_ELEMENT_ERROR (element, RESOURCE, WRITE,
        ("Could not keep the input for the second pass: %s (TMPDIR names "
            "where it goes past max-memory)", error->message), (NULL));
    g_clear_error (&error);
  }
  return ok;
}

gboolean
gst_kept_programme_read (GstKeptProgramme * p, GstBaseTransform * element,
    guint64 first, guint64 frames, guint8 * dest)
{
  guint64 kept = p->frames > first ? MIN (frames, p->frames - first) : 0;
  GError *error = NULL;

  memset (dest + kept * p->bpf, 0, (frames - kept) * p->bpf);
  if (kept > 0 && !gst_audio_spool_read (p->spool, first * p->bpf, dest,
          kept * p->bpf, &error)) {
    GST_ELEMENT_ERROR (element, RESOURCE, READ,
        ("Could not read back the input for the second pass"),
        ("%s", error->message));
    g_clear_error (&error);
    return FALSE;
  }
  return TRUE;
}

GstBuffer *
gst_kept_programme_read_buffer (GstKeptProgramme * p,
    GstBaseTransform * element, guint64 first, guint64 frames, GstMapInfo * map)
{
  GstBuffer *buf = gst_buffer_new_allocate (NULL, frames * p->bpf, NULL);

  gst_buffer_map (buf, map, GST_MAP_READWRITE);
  if (gst_kept_programme_read (p, element, first, frames, map->data))
    return buf;
  gst_buffer_unmap (buf, map);
  gst_buffer_unref (buf);
  return NULL;
}
