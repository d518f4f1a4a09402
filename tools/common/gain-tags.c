/* mixmaster tools: gain tags.
 *
 * ReplayGain 2.0 (specification, hydrogenaud.io wiki, 2011): the track gain
 * brings the track to -18 LUFS (BS.1770), written "-3.50 dB"; the track
 * peak is its highest amplitude, linear, here the true peak (BS.1770 annex
 * 2), the one a player needs to keep the gain it applies from clipping.
 * FLAC and Ogg Vorbis carry them as Vorbis comments, MP3 as ID3v2 TXXX
 * frames named as the comments are.
 *
 * Opus (RFC 7845, 5.2.1): R128_TRACK_GAIN, a Q7.8 number of dB that brings
 * the track to -23 LUFS (EBU R 128) on top of the header's output gain, and
 * no REPLAYGAIN_* tags. The header's output gain (5.1) stays 0 dB: the
 * samples already carry the normalization, and every decoder applies that
 * gain whether or not it reads tags.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gain-tags.h"

#include "decibel.h"

#include <math.h>
#include <string.h>

#define REPLAYGAIN_REFERENCE_LUFS -18.0
#define R128_REFERENCE_LUFS -23.0
/* Q7.8: 256 steps a dB */
#define R128_STEPS_PER_DB 256.0
/* the precision the tags are written with */
#define TAG_PRECISION_DB 0.01

/* id3v2mux writes a frame given as a GstSample of this tag whole
 * (gst-plugins-good, ext/taglib/gstid3v2mux.cc); id3demux registers it
 * for frames it does not parse. */
#define ID3V2_FRAME_TAG "private-id3v2-frame"

static gboolean
is_opus (const OutputFormat * format)
{
  return format->tags == OUTPUT_TAGS_OPUS;
}

static gboolean
is_mp3 (const OutputFormat * format)
{
  return format->tags == OUTPUT_TAGS_ID3V2;
}

gboolean
gain_tags_check (const gchar * path, GError ** error)
{
  const OutputFormat *format = output_format_for_path (path);

  if (format && format->tags != OUTPUT_TAGS_OTHER)
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
      "%s: --gain-tags: this format has no ReplayGain or R128 tags; write "
      ".flac, .ogg, .opus, .mp3 or .wav", path);
  return FALSE;
}

gboolean
gain_tags_in_stream (const OutputFormat * format)
{
  return format->tags != OUTPUT_TAGS_OTHER && format->tags != OUTPUT_TAGS_BEXT;
}

GainTags
gain_tags_for (const OutputFormat * format, gdouble integrated_lufs,
    gdouble true_peak_dbtp)
{
  GainTags tags = { (is_opus (format) ? R128_REFERENCE_LUFS :
        REPLAYGAIN_REFERENCE_LUFS) - integrated_lufs,
    db_to_amplitude (true_peak_dbtp)
  };

  if (is_opus (format))
    tags.peak = NAN;            /* Opus has no peak tag */
  return tags;
}

gboolean
gain_tags_agree (const GainTags * written, const GainTags * read)
{
  gboolean peak_agrees = isnan (written->peak) ||
      fabs (amplitude_to_db (written->peak) - amplitude_to_db (read->peak)) <=
      TAG_PRECISION_DB;

  return fabs (written->gain_db - read->gain_db) <= TAG_PRECISION_DB &&
      peak_agrees;
}

/* The tags as "KEY=value" comments, as the specifications write them. */
static gchar **
comments_new (const OutputFormat * format, const GainTags * tags)
{
  gchar **comments = g_new0 (gchar *, 3);

  if (is_opus (format)) {
    gdouble steps = round (tags->gain_db * R128_STEPS_PER_DB);
    comments[0] = g_strdup_printf ("R128_TRACK_GAIN=%d",
        (gint) CLAMP (steps, G_MININT16, G_MAXINT16));
    return comments;
  }
  comments[0] = g_strdup_printf ("REPLAYGAIN_TRACK_GAIN=%.2f dB",
      tags->gain_db);
  comments[1] = g_strdup_printf ("REPLAYGAIN_TRACK_PEAK=%.6f", tags->peak);
  return comments;
}

gchar *
gain_tags_describe (const OutputFormat * format, const GainTags * tags)
{
  gchar **comments = comments_new (format, tags);
  gchar *described = g_strjoinv (", ", comments);

  g_strfreev (comments);
  return described;
}

/* An ID3v2.4 TXXX frame (ID3v2.4.0 frames, 4.2.6; its size is a syncsafe
 * integer, 4.1), UTF-8, for a "KEY=value" comment. */
static GstSample *
txxx_frame_new (const gchar * comment)
{
  const gchar *equals = strchr (comment, '=');
  gsize key = equals - comment, value = strlen (equals + 1);
  gsize size = 1 + key + 1 + value;
  guint8 *frame = g_malloc0 (10 + size);
  GstCaps *caps = gst_caps_new_simple ("application/x-gst-id3v2-frame",
      "version", G_TYPE_INT, 4, NULL);
  GstSample *sample;
  GstBuffer *buffer;

  memcpy (frame, "TXXX", 4);
  for (gint i = 0; i < 4; i++)
    frame[4 + i] = (size >> (7 * (3 - i))) & 0x7f;
  frame[10] = 3;                /* UTF-8 */
  memcpy (frame + 11, comment, key);
  memcpy (frame + 12 + key, equals + 1, value);
  buffer = gst_buffer_new_wrapped (frame, 10 + size);
  sample = gst_sample_new (buffer, caps, NULL, NULL);
  gst_buffer_unref (buffer);
  gst_caps_unref (caps);
  return sample;
}

static GstTagList *
tag_list_new (const OutputFormat * format, const GainTags * tags)
{
  gchar **comments = comments_new (format, tags);
  GstTagList *list = gst_tag_list_new_empty ();

  if (is_mp3 (format) && !gst_tag_exists (ID3V2_FRAME_TAG))
    gst_tag_register_static (ID3V2_FRAME_TAG, GST_TAG_FLAG_META,
        GST_TYPE_SAMPLE, "ID3v2 frame", "an ID3v2 frame written as it is",
        NULL);
  for (guint i = 0; comments[i]; i++) {
    if (is_mp3 (format)) {
      GstSample *frame = txxx_frame_new (comments[i]);
      gst_tag_list_add (list, GST_TAG_MERGE_APPEND, ID3V2_FRAME_TAG, frame,
          NULL);
      gst_sample_unref (frame);
    } else {
      gst_tag_list_add (list, GST_TAG_MERGE_APPEND, GST_TAG_EXTENDED_COMMENT,
          comments[i], NULL);
    }
  }
  g_strfreev (comments);
  return list;
}

/* The element feeding element's first sink pad (muxers have request
 * pads), or NULL. */
static GstElement *
upstream_element (GstElement * element)
{
  GstIterator *pads = gst_element_iterate_sink_pads (element);
  GValue first = G_VALUE_INIT;
  GstElement *upstream = NULL;

  if (gst_iterator_next (pads, &first) == GST_ITERATOR_OK) {
    GstPad *peer = gst_pad_get_peer (g_value_get_object (&first));
    if (peer) {
      upstream = gst_pad_get_parent_element (peer);
      gst_object_unref (peer);
    }
    g_value_unset (&first);
  }
  gst_iterator_free (pads);
  return upstream;
}

/* The first tag setter met going upstream from element, or NULL. */
static GstElement *
upstream_tag_setter (GstElement * element)
{
  GstElement *current = gst_object_ref (element);

  while (current && !GST_IS_TAG_SETTER (current)) {
    GstElement *upstream = upstream_element (current);
    gst_object_unref (current);
    current = upstream;
  }
  return current;
}

void
gain_tags_set (GstElement * sink, const OutputFormat * format,
    const GainTags * tags)
{
  GstElement *setter = upstream_tag_setter (sink);
  GstTagList *list;

  g_return_if_fail (setter != NULL);
  list = tag_list_new (format, tags);
  /* added to the file's other tags (the input's, without its stale gains:
   * output_drop_stale_tags()) */
  gst_tag_setter_set_tag_merge_mode (GST_TAG_SETTER (setter),
      GST_TAG_MERGE_APPEND);
  gst_tag_setter_merge_tags (GST_TAG_SETTER (setter), list,
      GST_TAG_MERGE_REPLACE);
  gst_tag_list_unref (list);
  gst_object_unref (setter);
}
