/* mixmaster tools: gain tags (ReplayGain 2.0, Opus R128) that tell a
 * player the loudness of a file they wrote, as measured on that file.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_GAIN_TAGS_H
#define MIXMASTER_GAIN_TAGS_H

#include <gst/gst.h>

#include "output-file.h"

G_BEGIN_DECLS

/* What the tags say, in the units they are written in. */
typedef struct
{
  gdouble gain_db;              /* to the format's reference loudness */
  gdouble peak;                 /* true peak, linear (1.0: full scale) */
} GainTags;

/* Whether path's format has gain tags: FLAC, Ogg Vorbis, Opus, MP3, and
 * WAV (its bext chunk: bext.h); an error naming those when not. */
gboolean gain_tags_check (const gchar * path, GError ** error);

/* Whether the encoder writes format's gain tags (gain_tags_set()), so
 * that a render is needed to write them; not WAV's bext. */
gboolean gain_tags_in_stream (const OutputFormat * format);

/* The tags for a file of format that reads integrated_lufs and
 * true_peak_dbtp (dBTP, highest channel). */
GainTags gain_tags_for (const OutputFormat * format, gdouble integrated_lufs,
    gdouble true_peak_dbtp);

/* Whether a file with tags written reads as they say, to the precision
 * they are written with (0.01 dB). */
gboolean gain_tags_agree (const GainTags * written, const GainTags * read);

/* Puts tags in the file that sink writes, through the tag setter (the
 * encoder or tag muxer) that feeds it. */
void gain_tags_set (GstElement * sink, const OutputFormat * format,
    const GainTags * tags);

/* The tags as written, "KEY=value, ...", for reports. */
gchar *gain_tags_describe (const OutputFormat * format, const GainTags * tags);

G_END_DECLS
#endif
