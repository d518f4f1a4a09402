/* mixmaster tools: the files they write.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "output-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* Lossy encoders are fed at a rate they take (audioresample passes through
 * when the rate is one): Opus codes at 48 kHz, MP3 at most 48 kHz, AAC at
 * most 96 kHz. */
#define RESAMPLE "audioresample quality=10 ! "

/* The encoders' own defaults are for speech or streaming at a low rate;
 * these are for music: LAME V2 (about 190 kbit/s), Vorbis q5 (about 160),
 * Opus and AAC at 160 and 256 kbit/s (stereo). */
static const OutputFormat formats[] = {
  {".wav", "wavenc", NULL, NULL, 0, 0, 0, "gstreamer1.0-plugins-good", FALSE,
      TRUE, 8, OUTPUT_TAGS_BEXT},
  {".aif", "aiffmux", NULL, NULL, 0, 0, 0, "gstreamer1.0-plugins-bad", TRUE,
      TRUE, 8, OUTPUT_TAGS_OTHER},
  {".aiff", "aiffmux", NULL, NULL, 0, 0, 0, "gstreamer1.0-plugins-bad", TRUE,
      TRUE, 8, OUTPUT_TAGS_OTHER},
  {".flac", "flacenc", NULL, NULL, 0, 0, 0, "gstreamer1.0-plugins-good",
      FALSE, TRUE, 8, OUTPUT_TAGS_VORBIS_COMMENT},
  {".ogg", "vorbisenc %s ! oggmux", "quality=0.5", "bitrate=%u", 1000, 32,
        500, "gstreamer1.0-plugins-base", FALSE, FALSE, 8,
      OUTPUT_TAGS_VORBIS_COMMENT},
  {".oga", "vorbisenc %s ! oggmux", "quality=0.5", "bitrate=%u", 1000, 32,
        500, "gstreamer1.0-plugins-base", FALSE, FALSE, 8,
      OUTPUT_TAGS_VORBIS_COMMENT},
  {".opus", RESAMPLE "opusenc %s ! oggmux", "bitrate=160000", "bitrate=%u",
        1000, 6, 510, "gstreamer1.0-plugins-base", FALSE, FALSE, 8,
      OUTPUT_TAGS_OPUS},
  /* ID3v2 tags; the Xing/LAME header gives players the length of a VBR
   * file and the encoder delay */
  {".mp3", RESAMPLE "lamemp3enc %s ! xingmux ! id3v2mux", "quality=2",
        "target=bitrate cbr=false bitrate=%u", 1, 8, 320,
      "gstreamer1.0-plugins-good", FALSE, FALSE, 2, OUTPUT_TAGS_ID3V2},
  {".m4a", RESAMPLE "avenc_aac %s ! mp4mux", "bitrate=256000", "bitrate=%u",
      1000, 32, 512, "gstreamer1.0-libav", FALSE, FALSE, 6, OUTPUT_TAGS_OTHER},
};

static const gchar extensions[] =
    ".wav, .aif, .aiff, .flac, .ogg, .oga, .opus, .mp3 or .m4a";

const OutputFormat *
output_format_for_path (const gchar * path)
{
  gchar *lower = g_ascii_strdown (path, -1);
  const OutputFormat *found = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (formats) && !found; i++)
    if (g_str_has_suffix (lower, formats[i].extension))
      found = &formats[i];
  g_free (lower);
  return found;
}

const gchar *
output_sample_format (const OutputFormat * format, guint bits,
    gboolean is_float)
{
  gboolean wav = !strcmp (format->extension, ".wav");
  gboolean be = format->big_endian;

  if (is_float)
    return wav ? "F32LE" : NULL;
  if (bits <= 16)
    return be ? "S16BE" : "S16LE";
  if (bits <= 24)
    return be ? "S24BE" : "S24LE";
  if (!strcmp (format->extension, ".flac"))
    return NULL;
  return be ? "S32BE" : "S32LE";
}

gchar *
output_encoder_description (const OutputFormat * format, guint kbps)
{
  gchar *settings = !format->bitrate_settings ? g_strdup ("") : kbps ?
      g_strdup_printf (format->bitrate_settings, kbps * format->bitrate_unit) :
      g_strdup (format->default_settings);
  gchar *description = g_strdup_printf (format->encoder, settings);

  g_free (settings);
  return description;
}

/* The first element of the fragment that is not installed, or NULL. */
static gchar *
missing_element (const OutputFormat * format)
{
  gchar **links = g_strsplit (format->encoder, "!", -1);
  gchar *missing = NULL;

  for (guint i = 0; links[i] && !missing; i++) {
    gchar **words = g_strsplit (g_strstrip (links[i]), " ", 2);
    GstElementFactory *factory = gst_element_factory_find (words[0]);
    if (factory)
      gst_object_unref (factory);
    else
      missing = g_strdup (words[0]);
    g_strfreev (words);
  }
  g_strfreev (links);
  return missing;
}

gboolean
output_check (const gchar * path, guint kbps, gboolean force, GError ** error)
{
  const OutputFormat *format = output_format_for_path (path);
  gchar *missing;

  if (!format) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: unknown output "
        "type; use %s", path, extensions);
    return FALSE;
  }
  if (kbps && !format->bitrate_settings) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: --bitrate is "
        "for lossy formats (.mp3, .ogg, .opus, .m4a); %s is lossless", path,
        format->extension + 1);
    return FALSE;
  }
  if (kbps && (kbps < format->min_kbps || kbps > format->max_kbps)) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: --bitrate %u: "
        "%s takes %u to %u kbit/s", path, kbps, format->extension + 1,
        format->min_kbps, format->max_kbps);
    return FALSE;
  }
  missing = missing_element (format);
  if (missing) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: %s, needed to "
        "write %s, is not installed; install %s or write .wav", path, missing,
        format->extension + 1, format->package);
    g_free (missing);
    return FALSE;
  }
  if (g_file_test (path, G_FILE_TEST_EXISTS) && !force) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
        "%s exists; use --force to overwrite it", path);
    return FALSE;
  }
  return TRUE;
}

gboolean
output_same_file (const gchar * a, const gchar * b)
{
  GStatBuf sa, sb;
  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
      sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* The path as it would be opened: absolute, without . and .. */
static gchar *
canonical (const gchar * path)
{
  return g_canonicalize_filename (path, NULL);
}

static gboolean
same_path (const gchar * a, const gchar * b)
{
  gchar *ca = canonical (a), *cb = canonical (b);
  gboolean same = strcmp (ca, cb) == 0 || output_same_file (a, b);

  g_free (ca);
  g_free (cb);
  return same;
}

gboolean
output_check_distinct (const gchar * const *outputs, gint n_outputs,
    const gchar * const *inputs, gint n_inputs, gboolean force, GError ** error)
{
  for (gint i = 0; n_outputs < 0 ? outputs[i] != NULL : i < n_outputs; i++) {
    const gchar *out = outputs[i];
    if (!out)
      continue;
    for (gint j = 0; j < i; j++)
      if (outputs[j] && same_path (outputs[j], out)) {
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
            "%s is named for two outputs; give each its own file", out);
        return FALSE;
      }
    for (gint j = 0; n_inputs < 0 ? inputs[j] != NULL : j < n_inputs; j++)
      if (inputs[j] && same_path (inputs[j], out)) {
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
            "%s is an input; an output there would overwrite it", out);
        return FALSE;
      }
    if (g_file_test (out, G_FILE_TEST_EXISTS) && !force) {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
          "%s exists; use --force to overwrite it", out);
      return FALSE;
    }
  }
  return TRUE;
}

gchar *
output_partial_new (const gchar * path, GError ** error)
{
  gchar *dir = g_path_get_dirname (path);
  gchar *base = g_path_get_basename (path);
  const gchar *extension = strrchr (base, '.');
  gchar *name = g_strdup_printf (".%s.XXXXXX.partial%s", base,
      extension ? extension : "");
  gchar *partial = g_build_filename (dir, name, NULL);
  /* O_CREAT | O_EXCL on a fresh random name */
  gint fd = g_mkstemp_full (partial, O_RDWR, 0666);

  if (fd < 0) {
    int saved = errno;
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
        "%s: cannot write in %s: %s", path, dir, g_strerror (saved));
    g_clear_pointer (&partial, g_free);
  } else {
    close (fd);
  }
  g_free (dir);
  g_free (base);
  g_free (name);
  return partial;
}

/* Tags that describe the input's coding or its level, both changed by
 * writing a normalized file: ReplayGain (GStreamer's own tags), the
 * encoder and its bitrates, the codec and container. */
static const gchar *const stale_tags[] = {
  GST_TAG_TRACK_GAIN, GST_TAG_TRACK_PEAK, GST_TAG_ALBUM_GAIN,
  GST_TAG_ALBUM_PEAK, GST_TAG_REFERENCE_LEVEL, GST_TAG_ENCODER,
  GST_TAG_ENCODER_VERSION, GST_TAG_BITRATE, GST_TAG_NOMINAL_BITRATE,
  GST_TAG_MINIMUM_BITRATE, GST_TAG_MAXIMUM_BITRATE, GST_TAG_CODEC,
  GST_TAG_AUDIO_CODEC, GST_TAG_CONTAINER_FORMAT, GST_TAG_APPLICATION_NAME,
};

/* Vorbis comments GStreamer has no tag for arrive as "KEY=value" extended
 * comments: the R128 gains of Opus (RFC 7845, 5.2.1) and ReplayGain keys
 * it does not map. */
static gboolean
stale_comment (const gchar * comment)
{
  return !g_ascii_strncasecmp (comment, "R128_", 5) ||
      !g_ascii_strncasecmp (comment, "REPLAYGAIN_", 11);
}

static void
drop_stale_comments (GstTagList * tags)
{
  guint n = gst_tag_list_get_tag_size (tags, GST_TAG_EXTENDED_COMMENT);
  GPtrArray *kept = g_ptr_array_new_with_free_func (g_free);
  const gchar *comment;

  for (guint i = 0; i < n; i++)
    if (gst_tag_list_peek_string_index (tags, GST_TAG_EXTENDED_COMMENT, i,
            &comment) && !stale_comment (comment))
      g_ptr_array_add (kept, g_strdup (comment));
  gst_tag_list_remove_tag (tags, GST_TAG_EXTENDED_COMMENT);
  for (guint i = 0; i < kept->len; i++)
    gst_tag_list_add (tags, GST_TAG_MERGE_APPEND, GST_TAG_EXTENDED_COMMENT,
        g_ptr_array_index (kept, i), NULL);
  g_ptr_array_unref (kept);
}

static GstPadProbeReturn
on_tags (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  GstEvent *event = GST_PAD_PROBE_INFO_EVENT (info);
  GstTagList *tags;

  (void) pad;
  (void) user_data;
  if (GST_EVENT_TYPE (event) != GST_EVENT_TAG)
    return GST_PAD_PROBE_OK;
  gst_event_parse_tag (event, &tags);
  tags = gst_tag_list_copy (tags);
  for (guint i = 0; i < G_N_ELEMENTS (stale_tags); i++)
    gst_tag_list_remove_tag (tags, stale_tags[i]);
  drop_stale_comments (tags);
  if (gst_tag_list_is_empty (tags)) {
    gst_tag_list_unref (tags);
    return GST_PAD_PROBE_DROP;
  }
  event = gst_event_new_tag (tags);
  gst_event_unref (GST_PAD_PROBE_INFO_DATA (info));
  GST_PAD_PROBE_INFO_DATA (info) = event;
  return GST_PAD_PROBE_OK;
}

void
output_drop_stale_tags (GstPad * pad)
{
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, on_tags, NULL,
      NULL);
}
