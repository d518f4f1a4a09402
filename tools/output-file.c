/* mixmaster tools: the files they write.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "output-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

static const OutputFormat formats[] = {
  {".wav", "wavenc", "wavenc", "gstreamer1.0-plugins-good", FALSE, TRUE, 8},
  {".aif", "aiffmux", "aiffmux", "gstreamer1.0-plugins-bad", TRUE, TRUE, 8},
  {".aiff", "aiffmux", "aiffmux", "gstreamer1.0-plugins-bad", TRUE, TRUE, 8},
  {".flac", "flacenc", "flacenc", "gstreamer1.0-plugins-good", FALSE, TRUE,
      8},
  {".ogg", "vorbisenc ! oggmux", "vorbisenc", "gstreamer1.0-plugins-base",
      FALSE, FALSE, 8},
  {".oga", "vorbisenc ! oggmux", "vorbisenc", "gstreamer1.0-plugins-base",
      FALSE, FALSE, 8},
  /* MPEG-1 Layer III holds mono or stereo; lamemp3enc's caps would fold
   * more channels down without a word */
  {".mp3", "lamemp3enc", "lamemp3enc", "gstreamer1.0-plugins-good", FALSE,
      FALSE, 2},
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
