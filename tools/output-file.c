/* mixmaster tools: the files they write.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "output-file.h"

#include <glib/gstdio.h>
#include <string.h>

static const OutputFormat formats[] = {
  {".wav", "wavenc", "wavenc", "gstreamer1.0-plugins-good", FALSE, TRUE},
  {".aif", "aiffmux", "aiffmux", "gstreamer1.0-plugins-bad", TRUE, TRUE},
  {".aiff", "aiffmux", "aiffmux", "gstreamer1.0-plugins-bad", TRUE, TRUE},
  {".flac", "flacenc", "flacenc", "gstreamer1.0-plugins-good", FALSE, TRUE},
  {".ogg", "vorbisenc ! oggmux", "vorbisenc", "gstreamer1.0-plugins-base",
      FALSE, FALSE},
  {".oga", "vorbisenc ! oggmux", "vorbisenc", "gstreamer1.0-plugins-base",
      FALSE, FALSE},
  {".mp3", "lamemp3enc", "lamemp3enc", "gstreamer1.0-plugins-good", FALSE,
      FALSE},
};

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

gboolean
output_check (const gchar * path, gboolean force, GError ** error)
{
  const OutputFormat *format = output_format_for_path (path);
  GstElementFactory *factory;

  if (!format) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: unknown output "
        "type; use .wav, .aif, .aiff, .flac, .ogg, .oga or .mp3", path);
    return FALSE;
  }
  factory = gst_element_factory_find (format->factory);
  if (!factory) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: the %s encoder "
        "(%s) is not installed; install %s or write .wav", path,
        format->extension + 1, format->factory, format->package);
    return FALSE;
  }
  gst_object_unref (factory);
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

gchar *
output_partial_path (const gchar * path)
{
  gchar *dir = g_path_get_dirname (path);
  gchar *base = g_path_get_basename (path);
  const gchar *extension = strrchr (base, '.');
  gchar *name = g_strdup_printf (".%s.partial%s", base,
      extension ? extension : "");
  gchar *partial = g_build_filename (dir, name, NULL);

  g_free (dir);
  g_free (base);
  g_free (name);
  return partial;
}
