/* GStreamer mixmaster plug-in: a whole programme kept for a second pass.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Memory is a list of fixed-size blocks, so appending never moves what is
 * already kept; past the memory bound, bytes go to an anonymous temporary
 * file.
 */
#include "gstaudiospool.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#define BLOCK_BYTES (1 << 20)

struct _GstAudioSpool
{
  guint64 max_memory;
  GPtrArray *blocks;            /* of BLOCK_BYTES each, the last partial */
  guint64 in_memory;
  gint fd;                      /* -1 until the memory bound is reached */
  guint64 in_file;
};

GstAudioSpool *
gst_audio_spool_new (guint64 max_memory_bytes)
{
  GstAudioSpool *spool = g_new0 (GstAudioSpool, 1);

  spool->max_memory = max_memory_bytes;
  spool->blocks = g_ptr_array_new_with_free_func (g_free);
  spool->fd = -1;
  return spool;
}

void
gst_audio_spool_free (GstAudioSpool * spool)
{
  if (!spool)
    return;
  g_ptr_array_unref (spool->blocks);
  if (spool->fd >= 0)
    close (spool->fd);
  g_free (spool);
}

void
gst_audio_spool_clear (GstAudioSpool * spool)
{
  g_ptr_array_set_size (spool->blocks, 0);
  spool->in_memory = 0;
  if (spool->fd >= 0 && ftruncate (spool->fd, 0) != 0)
    g_warning ("could not truncate the spool file: %s", g_strerror (errno));
  spool->in_file = 0;
}

guint64
gst_audio_spool_size (const GstAudioSpool * spool)
{
  return spool->in_memory + spool->in_file;
}

guint64
gst_audio_spool_spilled (const GstAudioSpool * spool)
{
  return spool->in_file;
}

static gboolean
open_file (GstAudioSpool * spool, GError ** error)
{
  gchar *path = NULL;

  spool->fd = g_file_open_tmp ("loudnorm-XXXXXX.raw", &path, error);
  if (spool->fd < 0)
    return FALSE;
  /* anonymous from now on: removed when closed, even after a crash */
  g_unlink (path);
  g_free (path);
  return TRUE;
}

static gboolean
io_error (GError ** error, const gchar * what)
{
  int saved = errno;
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
      "Could not %s the temporary file in %s: %s", what, g_get_tmp_dir (),
      saved ? g_strerror (saved) : "unexpected end of file");
  return FALSE;
}

static gboolean
append_to_file (GstAudioSpool * spool, const guint8 * data, gsize size,
    GError ** error)
{
  if (spool->fd < 0 && !open_file (spool, error))
    return FALSE;
  while (size > 0) {
    ssize_t n = pwrite (spool->fd, data, size, (off_t) spool->in_file);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return io_error (error, "write");
    data += n;
    size -= (gsize) n;
    spool->in_file += (guint64) n;
  }
  return TRUE;
}

gboolean
gst_audio_spool_append (GstAudioSpool * spool, const guint8 * data,
    gsize size, GError ** error)
{
  /* once spilling, everything goes to the file, so reads stay in order */
  while (size > 0 && spool->in_file == 0 &&
      spool->in_memory < spool->max_memory) {
    gsize used = spool->in_memory % BLOCK_BYTES;
    gsize n;
    if (used == 0)
      g_ptr_array_add (spool->blocks, g_malloc (BLOCK_BYTES));
    n = MIN (size, BLOCK_BYTES - used);
    n = MIN (n, spool->max_memory - spool->in_memory);
    memcpy ((guint8 *) g_ptr_array_index (spool->blocks,
            spool->blocks->len - 1) + used, data, n);
    spool->in_memory += n;
    data += n;
    size -= n;
  }
  return size == 0 || append_to_file (spool, data, size, error);
}

gboolean
gst_audio_spool_append_zeros (GstAudioSpool * spool, guint64 size,
    GError ** error)
{
  static const guint8 zeros[1 << 16];

  while (size > 0) {
    gsize n = MIN (size, sizeof (zeros));
    if (!gst_audio_spool_append (spool, zeros, n, error))
      return FALSE;
    size -= n;
  }
  return TRUE;
}

static gboolean
read_file (GstAudioSpool * spool, guint64 offset, guint8 * dest, gsize size,
    GError ** error)
{
  while (size > 0) {
    ssize_t n = pread (spool->fd, dest, size, (off_t) offset);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      if (n == 0)
        errno = 0;
      return io_error (error, "read");
    }
    dest += n;
    offset += (guint64) n;
    size -= (gsize) n;
  }
  return TRUE;
}

gboolean
gst_audio_spool_read (GstAudioSpool * spool, guint64 offset, guint8 * dest,
    gsize size, GError ** error)
{
  g_return_val_if_fail (offset + size <= gst_audio_spool_size (spool), FALSE);

  while (size > 0 && offset < spool->in_memory) {
    gsize used = offset % BLOCK_BYTES;
    gsize n = MIN (size, BLOCK_BYTES - used);
    n = MIN (n, spool->in_memory - offset);
    memcpy (dest, (guint8 *) g_ptr_array_index (spool->blocks,
            offset / BLOCK_BYTES) + used, n);
    dest += n;
    offset += n;
    size -= n;
  }
  return size == 0 || read_file (spool, offset - spool->in_memory, dest, size,
      error);
}
