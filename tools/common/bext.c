/* mixmaster tools: the bext chunk.
 *
 * EBU Tech 3285 v2 (2011), 2.3: after 256 + 32 + 32 + 10 + 8 bytes of text
 * and an 8-byte time reference come Version (WORD), UMID (64 bytes), then
 * LoudnessValue, LoudnessRange, MaxTruePeakLevel, MaxMomentaryLoudness and
 * MaxShortTermLoudness (each a little-endian int16 in hundredths of LUFS,
 * LU or dBTP), 180 reserved bytes, and CodingHistory: ASCII lines ending in
 * CR LF, in the form of EBU R 98 ("A=PCM,F=48000,W=24,M=stereo,T=...").
 * A RIFF chunk is its 4-byte id, its size (uint32 LE) and its data, padded
 * to an even length.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "bext.h"

#include "gstloudnessreport.h"
#include "output-file.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#define VERSION_OFFSET 346
#define LOUDNESS_OFFSET 412
#define HISTORY_OFFSET 602
/* a field without a value (the loudness of silence) */
#define NO_VALUE 0x7fff
#define COPY_BLOCK (1 << 20)

static guint32
read_le32 (const guint8 * p)
{
  return p[0] | p[1] << 8 | p[2] << 16 | (guint32) p[3] << 24;
}

static void
write_le32 (guint8 * p, guint32 v)
{
  for (gint i = 0; i < 4; i++)
    p[i] = v >> (8 * i);
}

/* Reads a chunk header at the file's position: FALSE at the end. */
static gboolean
next_chunk (FILE * file, gchar id[4], guint32 * size)
{
  guint8 header[8];

  if (fread (header, 1, 8, file) != 8)
    return FALSE;
  memcpy (id, header, 4);
  *size = read_le32 (header + 4);
  return TRUE;
}

/* Opens path for reading past a RIFF WAVE header; NULL when it is none. */
static FILE *
open_wave (const gchar * path, guint32 * riff_size)
{
  FILE *file = g_fopen (path, "rb");
  guint8 header[12];

  if (!file)
    return NULL;
  if (fread (header, 1, 12, file) != 12 || memcmp (header, "RIFF", 4) ||
      memcmp (header + 8, "WAVE", 4)) {
    fclose (file);
    return NULL;
  }
  *riff_size = read_le32 (header + 4);
  return file;
}

GBytes *
bext_read (const gchar * path)
{
  guint32 riff_size, size;
  FILE *file = open_wave (path, &riff_size);
  GBytes *bext = NULL;
  gchar id[4];

  while (file && !bext && next_chunk (file, id, &size)) {
    if (!memcmp (id, "bext", 4) && size >= HISTORY_OFFSET) {
      guint8 *data = g_malloc (size);
      if (fread (data, 1, size, file) == size)
        bext = g_bytes_new_take (data, size);
      else
        g_free (data);
    } else if (fseek (file, size + (size & 1), SEEK_CUR) != 0) {
      break;
    }
  }
  if (file)
    fclose (file);
  return bext;
}

static gint16
hundredths (gdouble value)
{
  return isfinite (value) ? (gint16) CLAMP (round (value * 100.0), -32767,
      32766) : NO_VALUE;
}

/* "mono", "stereo" or "2-channel" style, as R 98's M= */
static gchar *
channel_mode (guint channels)
{
  return channels == 1 ? g_strdup ("mono") : channels == 2 ?
      g_strdup ("stereo") : g_strdup_printf ("%u-channel", channels);
}

/* The new chunk's contents: from_input's text fields and history (or
 * none), version 2, the report's loudness, and a line of history for a
 * file in the format of fmt (a WAVE fmt chunk's contents). */
static GByteArray *
chunk_contents (GBytes * from_input, const GstStructure * report,
    const guint8 * fmt, const gchar * what)
{
  GByteArray *bext = g_byte_array_new ();
  gint16 loudness[5] = {
    hundredths (gst_loudness_report_double (report, "integrated")),
    hundredths (gst_loudness_report_double (report, "loudness-range")),
    hundredths (gst_loudness_report_array_max (report, "true-peak")),
    hundredths (gst_loudness_report_double (report, "max-momentary")),
    hundredths (gst_loudness_report_double (report, "max-short-term")),
  };
  guint channels = fmt[2] | fmt[3] << 8;
  gchar *mode = channel_mode (channels);
  gchar *line = g_strdup_printf ("A=PCM,F=%u,W=%u,M=%s,T=%s %s: %s\r\n",
      read_le32 (fmt + 4), fmt[14] | fmt[15] << 8, mode, g_get_prgname (),
      MIXMASTER_VERSION, what);

  g_byte_array_set_size (bext, HISTORY_OFFSET);
  memset (bext->data, 0, HISTORY_OFFSET);
  if (from_input) {
    gsize size;
    const guint8 *data = g_bytes_get_data (from_input, &size);
    gsize history = size - HISTORY_OFFSET;
    memcpy (bext->data, data, LOUDNESS_OFFSET);
    /* the history, without the NULs that pad it */
    while (history > 0 && data[HISTORY_OFFSET + history - 1] == 0)
      history--;
    g_byte_array_append (bext, data + HISTORY_OFFSET, history);
  }
  bext->data[VERSION_OFFSET] = 2;
  bext->data[VERSION_OFFSET + 1] = 0;
  for (gint i = 0; i < 5; i++) {
    bext->data[LOUDNESS_OFFSET + 2 * i] = (guint16) loudness[i] & 0xff;
    bext->data[LOUDNESS_OFFSET + 2 * i + 1] = (guint16) loudness[i] >> 8;
  }
  g_byte_array_append (bext, (const guint8 *) line, strlen (line));
  g_free (line);
  g_free (mode);
  return bext;
}

static gboolean
copy_bytes (FILE * from, FILE * to, guint64 n)
{
  guint8 *block = g_malloc (COPY_BLOCK);
  gboolean ok = TRUE;

  while (ok && n > 0) {
    size_t want = MIN (n, COPY_BLOCK);
    ok = fread (block, 1, want, from) == want &&
        fwrite (block, 1, want, to) == want;
    n -= want;
  }
  g_free (block);
  return ok;
}

static gboolean
write_chunk (FILE * to, const gchar * id, const guint8 * data, guint32 size)
{
  guint8 header[8];
  static const guint8 pad = 0;

  memcpy (header, id, 4);
  write_le32 (header + 4, size);
  return fwrite (header, 1, 8, to) == 8 && fwrite (data, 1, size, to) == size
      && (!(size & 1) || fwrite (&pad, 1, 1, to) == 1);
}

/* Copies the chunks of from (past its RIFF header) into to, with the new
 * bext (built once fmt is seen) after fmt and the old bext left out. The
 * RIFF size written, or 0 on failure. */
static guint32
copy_with_bext (FILE * from, FILE * to, GBytes * from_input,
    const GstStructure * report, const gchar * what)
{
  guint32 size, riff = 4;
  gchar id[4];
  gboolean ok = TRUE;

  while (ok && next_chunk (from, id, &size)) {
    guint32 padded = size + (size & 1);
    if (!memcmp (id, "bext", 4)) {
      ok = fseek (from, padded, SEEK_CUR) == 0;
    } else if (!memcmp (id, "fmt ", 4)) {
      guint8 *fmt = g_malloc (padded);
      GByteArray *bext = NULL;
      ok = size >= 16 && fread (fmt, 1, padded, from) == padded &&
          write_chunk (to, "fmt ", fmt, size);
      if (ok) {
        bext = chunk_contents (from_input, report, fmt, what);
        ok = write_chunk (to, "bext", bext->data, bext->len);
        riff += 8 + padded + 8 + bext->len + (bext->len & 1);
        g_byte_array_unref (bext);
      }
      g_free (fmt);
    } else {
      guint8 header[8];
      memcpy (header, id, 4);
      write_le32 (header + 4, size);
      ok = fwrite (header, 1, 8, to) == 8 && copy_bytes (from, to, padded);
      riff += 8 + padded;
    }
  }
  return ok ? riff : 0;
}

gboolean
bext_write (const gchar * path, GBytes * from_input,
    const GstStructure * report, const gchar * what, GError ** error)
{
  guint32 riff_size, written = 0;
  FILE *from = open_wave (path, &riff_size), *to = NULL;
  gchar *copy = from ? output_partial_new (path, error) : NULL;
  guint8 header[12] = { 'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E' };

  if (!from && !(error && *error))
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
        "%s, as written, is no WAV file", path);
  if (copy && (to = g_fopen (copy, "wb")) && fwrite (header, 1, 12, to) == 12)
    written = copy_with_bext (from, to, from_input, report, what);
  if (written) {
    write_le32 (header + 4, written);
    written = fseek (to, 0, SEEK_SET) == 0 && fwrite (header, 1, 8, to) == 8;
  }
  if (to && fclose (to) != 0)
    written = 0;
  if (from)
    fclose (from);
  if (copy && (!written || g_rename (copy, path) != 0)) {
    int saved = errno;
    if (!(error && *error))
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
          "%s: cannot add the bext chunk: %s", path, g_strerror (saved));
    g_unlink (copy);
    written = 0;
  }
  g_free (copy);
  return written != 0;
}

gboolean
bext_keep (const gchar * input, const gchar * written, gboolean asked,
    GstStructure * report, const gchar * what, GError ** error)
{
  GBytes *from_input;
  gboolean ok;

  if (output_format_for_path (written)->tags != OUTPUT_TAGS_BEXT)
    return TRUE;
  from_input = input ? bext_read (input) : NULL;
  if (!from_input && !asked)
    return TRUE;
  ok = bext_write (written, from_input, report, what, error);
  if (ok)
    gst_structure_set (report, "gain-tags", G_TYPE_STRING,
        "bext chunk (EBU Tech 3285 v2 loudness)", NULL);
  if (from_input)
    g_bytes_unref (from_input);
  return ok;
}
