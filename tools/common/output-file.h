/* mixmaster tools: the files they write (format by extension, encoders,
 * sample formats) and writing them without leaving partial files.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_OUTPUT_FILE_H
#define MIXMASTER_OUTPUT_FILE_H

#include <gst/gst.h>

G_BEGIN_DECLS

/* How a format carries tags such as gain tags. */
typedef enum
{
  OUTPUT_TAGS_OTHER,            /* none of these: AIFF, MP4 */
  OUTPUT_TAGS_BEXT,             /* WAV: a Broadcast Wave bext chunk */
  OUTPUT_TAGS_VORBIS_COMMENT,   /* FLAC, Ogg Vorbis */
  OUTPUT_TAGS_OPUS,             /* Vorbis comments with Opus's own gains */
  OUTPUT_TAGS_ID3V2,            /* MP3 */
} OutputTags;

typedef struct
{
  const gchar *extension;
  /* a gst-launch fragment; its %s takes the encoder's settings */
  const gchar *encoder;
  const gchar *default_settings;        /* NULL for lossless formats */
  const gchar *bitrate_settings;        /* printf, for a bitrate */
  guint bitrate_unit;           /* what the encoder counts in, bit/s */
  guint min_kbps, max_kbps;     /* the bitrates it takes */
  const gchar *package;         /* the Debian package of the encoder */
  gboolean big_endian;          /* AIFF */
  gboolean lossless;            /* WAV, AIFF, FLAC: a bit depth applies */
  guint max_channels;           /* the most the format holds */
  OutputTags tags;
} OutputFormat;

/* The format for a path's extension (case-insensitive); NULL when none. */
const OutputFormat *output_format_for_path (const gchar * path);

/* The raw sample format a lossless encoder is fed for `bits` (16, 24 or
 * 32) and float or integer samples, e.g. "S24LE"; NULL when the format
 * cannot hold it (float AIFF or FLAC, 32-bit FLAC). */
const gchar *output_sample_format (const OutputFormat * format, guint bits,
    gboolean is_float);

/* The format's encoder as a gst-launch fragment, at kbps kbit/s (lossy
 * formats; 0: the format's default quality). */
gchar *output_encoder_description (const OutputFormat * format, guint kbps);

/* Checks that path can be written: a known extension, every element of its
 * encoder installed, a bitrate the format takes (kbps 0: the default), and
 * no file there unless force. */
gboolean output_check (const gchar * path, guint kbps, gboolean force,
    GError ** error);

/* Whether a and b are the same existing file. */
gboolean output_same_file (const gchar * a, const gchar * b);

/* Every file a run reads and writes, checked together before it starts:
 * no two outputs are one file, no output is an input (both by name and,
 * for existing files, by inode), and no output exists unless force.
 * outputs and inputs are NULL-terminated; NULL entries are skipped when
 * counts are given instead (n_outputs, n_inputs >= 0). */
gboolean output_check_distinct (const gchar * const *outputs, gint n_outputs,
    const gchar * const *inputs, gint n_inputs, gboolean force,
    GError ** error);

/* Creates a new hidden file next to the output (".NAME.XXXXXX.partial.EXT",
 * with O_EXCL, so no existing file or link is written through), to be
 * written first and renamed to the output on success only, so no partial
 * output is ever left under the output's name. NULL with error set when
 * the output's folder cannot be written. */
gchar *output_partial_new (const gchar * path, GError ** error);

/* Drops, from the tags that flow through pad, those a normalized file
 * would carry wrongly: ReplayGain and R128 gains, the input's encoder,
 * bitrates, codec and container. Title, artist and the rest are kept. */
void output_drop_stale_tags (GstPad * pad);

G_END_DECLS
#endif
