/* mixmaster tools: what reads an input file.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "input-file.h"

#include <gst/base/gsttypefindhelper.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* GStreamer's own typefinders, on the file's first bytes; NULL when none
 * knows it. */
static GstCaps *
file_caps (const gchar * path)
{
  guint8 head[4096];
  FILE *file = fopen (path, "rb");
  size_t n = file ? fread (head, 1, sizeof (head), file) : 0;

  if (file)
    fclose (file);
  return n ? gst_type_find_helper_for_data (NULL, head, n, NULL) : NULL;
}

/* Whether the file's type is one of names. */
static gboolean
file_is (const gchar * path, const gchar * const *names)
{
  GstCaps *caps = file_caps (path);
  gboolean is = FALSE;

  for (guint i = 0; caps && names[i] && !is; i++)
    is = gst_structure_has_name (gst_caps_get_structure (caps, 0), names[i]);
  if (caps)
    gst_caps_unref (caps);
  return is;
}

const gchar *
input_file_demuxer (const gchar * path)
{
  const gchar *const aiff[] = { "audio/x-aiff", NULL };

  return file_is (path, aiff) ? "aiffparse" : "decodebin";
}

gboolean
input_file_states_exact_length (const gchar * path)
{
  const gchar *const exact[] = { "audio/x-flac", "audio/x-wav",
    "audio/x-aiff", "audio/x-w64", NULL
  };

  return file_is (path, exact);
}

/* how much shorter than its header says a lossless file may decode */
#define LENGTH_TOLERANCE (GST_SECOND / 100)

gchar *
input_file_ends_early (const gchar * path, gint64 stated, guint64 decoded)
{
  if (stated <= 0 || decoded + LENGTH_TOLERANCE >= (guint64) stated ||
      !input_file_states_exact_length (path))
    return NULL;
  return g_strdup_printf ("the file ends early: its header says %.2f s, "
      "%.2f s could be decoded (is it truncated?)",
      stated / (gdouble) GST_SECOND, decoded / (gdouble) GST_SECOND);
}

/* What input_file_watch_streams() has seen of one decoder. */
typedef struct
{
  gboolean refuse_other;
  guint audio;
} Streams;

static void
streams_free (gpointer streams, GClosure * closure)
{
  (void) closure;
  g_free (streams);
}

static gchar *
stream_kind (GstCaps * caps)
{
  const gchar *name = caps && !gst_caps_is_empty (caps) ?
      gst_structure_get_name (gst_caps_get_structure (caps, 0)) : "data";

  if (g_str_has_prefix (name, "video/") || g_str_has_prefix (name, "image/"))
    return g_strdup ("video");
  if (g_str_has_prefix (name, "text/") || g_str_has_prefix (name,
          "subpicture/") || g_str_has_prefix (name, "application/x-subtitle"))
    return g_strdup ("subtitle");
  return g_strdup (name);
}

static void
on_other_stream (GstElement * decoder, GstCaps * caps, Streams * streams)
{
  gchar *kind;

  if (!streams->refuse_other)
    return;
  kind = stream_kind (caps);
  GST_ELEMENT_ERROR (decoder, STREAM, FORMAT, ("the file holds a %s stream "
          "as well as audio; only the audio would be written and the %s "
          "lost: extract the audio first (or measure only)", kind, kind),
      (NULL));
  g_free (kind);
}

static void
on_pad_added (GstElement * decoder, GstPad * pad, Streams * streams)
{
  GstCaps *caps = gst_pad_get_current_caps (pad);

  if (!caps)
    caps = gst_pad_query_caps (pad, NULL);
  if (!g_str_has_prefix (gst_structure_get_name (gst_caps_get_structure (caps,
                  0)), "audio/"))
    on_other_stream (decoder, caps, streams);
  else if (++streams->audio == 2)
    GST_ELEMENT_ERROR (decoder, STREAM, FORMAT, ("the file holds more than "
            "one audio stream; which to use is not clear: extract the one "
            "wanted first (e.g. ffmpeg -i IN -map 0:a:0 -c copy OUT.mka)"),
        (NULL));
  gst_caps_unref (caps);
}

static void
on_unknown_type (GstElement * decoder, GstPad * pad, GstCaps * caps,
    Streams * streams)
{
  (void) pad;
  on_other_stream (decoder, caps, streams);
}

void
input_file_watch_streams (GstElement * decoder, gboolean refuse_other)
{
  Streams *streams = g_new0 (Streams, 1);

  streams->refuse_other = refuse_other;
  g_signal_connect_data (decoder, "pad-added", G_CALLBACK (on_pad_added),
      streams, streams_free, 0);
  g_signal_connect (decoder, "unknown-type", G_CALLBACK (on_unknown_type),
      streams);
}

/* What a folder's audio files are called: the containers GStreamer reads
 * that hold audio (a folder also holds covers, cue sheets, playlists). */
static const gchar *const audio_extensions[] = {
  ".wav", ".w64", ".aif", ".aiff", ".aifc", ".flac", ".ogg", ".oga", ".opus",
  ".mp3", ".mp2", ".m4a", ".aac", ".mka", ".wv", ".ape", ".caf", ".au",
  ".ac3", ".wma",
};

static gboolean
is_audio_name (const gchar * name)
{
  gchar *lower = g_ascii_strdown (name, -1);
  gboolean audio = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (audio_extensions) && !audio; i++)
    audio = g_str_has_suffix (lower, audio_extensions[i]);
  g_free (lower);
  return audio && name[0] != '.';
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate (*(const gchar * const *) a,
      *(const gchar * const *) b);
}

/* Appends the audio files in folder, sorted; FALSE when it has none. */
static gboolean
add_folder (GPtrArray * files, const gchar * folder, GError ** error)
{
  GDir *dir = g_dir_open (folder, 0, error);
  GPtrArray *found = g_ptr_array_new ();
  const gchar *name;
  gboolean ok;

  if (!dir) {
    g_ptr_array_unref (found);
    return FALSE;
  }
  while ((name = g_dir_read_name (dir)))
    if (is_audio_name (name))
      g_ptr_array_add (found, g_build_filename (folder, name, NULL));
  g_dir_close (dir);
  g_ptr_array_sort (found, compare_names);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (files, g_ptr_array_index (found, i));
  ok = found->len > 0;
  if (!ok)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "%s: the folder "
        "holds no audio files", folder);
  g_ptr_array_free (found, TRUE);
  return ok;
}

gboolean
input_file_expand_folders (gchar *** paths, GError ** error)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = TRUE;

  for (guint i = 0; (*paths)[i] && ok; i++) {
    if (g_file_test ((*paths)[i], G_FILE_TEST_IS_DIR))
      ok = add_folder (files, (*paths)[i], error);
    else
      g_ptr_array_add (files, g_strdup ((*paths)[i]));
  }
  if (!ok) {
    g_ptr_array_unref (files);
    return FALSE;
  }
  g_ptr_array_add (files, NULL);
  g_strfreev (*paths);
  *paths = (gchar **) g_ptr_array_free (files, FALSE);
  return TRUE;
}

gboolean
input_file_check_readable (const gchar * path, GError ** error)
{
  if (!g_file_test (path, G_FILE_TEST_EXISTS)) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
        "%s: no such readable file", path);
    return FALSE;
  }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR)) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: not a file "
        "but a %s", path, g_file_test (path, G_FILE_TEST_IS_DIR) ? "folder" :
        "device, pipe or socket");
    return FALSE;
  }
  if (access (path, R_OK) != 0) {
    int saved = errno;
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
        "%s: %s", path, g_strerror (saved));
    return FALSE;
  }
  return TRUE;
}

gchar *
input_file_error_text (GstMessage * msg)
{
  GError *error = NULL;
  gchar *debug = NULL, *text, **lines;
  const gchar *detail = NULL;
  gchar *generic;

  gst_message_parse_error (msg, &error, &debug);
  generic = gst_error_get_message (error->domain, error->code);
  lines = g_strsplit (debug ? debug : "", "\n", -1);
  /* the debug's last line is the element's own words, after the source
   * position ("gstwavparse.c(1800): ...:") */
  for (guint i = 0; lines[i]; i++)
    if (*g_strstrip (lines[i]) && !strstr (lines[i], "):"))
      detail = lines[i];
  if (!strcmp (error->message, generic) && detail &&
      error->domain == GST_STREAM_ERROR)
    text = g_strdup_printf ("the file cannot be decoded: %s", detail);
  else
    text = g_strdup (error->message);
  g_strfreev (lines);
  g_free (generic);
  g_free (debug);
  g_error_free (error);
  return text;
}
