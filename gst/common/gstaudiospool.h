/* GStreamer mixmaster plug-in: a whole programme kept for a second pass.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_AUDIO_SPOOL_H__
#define __GST_AUDIO_SPOOL_H__

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GstAudioSpool GstAudioSpool;

/* Keeps appended bytes in memory up to max_memory_bytes, the rest in a
 * temporary file in g_get_tmp_dir(), which is unlinked as soon as it is
 * created: it disappears when the spool is freed, or if the process dies. */
GstAudioSpool *gst_audio_spool_new (guint64 max_memory_bytes);
void gst_audio_spool_free (GstAudioSpool * spool);

gboolean gst_audio_spool_append (GstAudioSpool * spool, const guint8 * data,
    gsize size, GError ** error);

/* Appends size zero bytes (silence in any float format). */
gboolean gst_audio_spool_append_zeros (GstAudioSpool * spool, guint64 size,
    GError ** error);

/* Reads size bytes at offset; FALSE with error on an I/O error. */
gboolean gst_audio_spool_read (GstAudioSpool * spool, guint64 offset,
    guint8 * dest, gsize size, GError ** error);

guint64 gst_audio_spool_size (const GstAudioSpool * spool);
/* Bytes held in the temporary file (0 while all fits in memory). */
guint64 gst_audio_spool_spilled (const GstAudioSpool * spool);

/* Forgets everything (the temporary file is truncated). */
void gst_audio_spool_clear (GstAudioSpool * spool);

G_END_DECLS

#endif
