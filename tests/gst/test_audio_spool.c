/* The file-mode spool: what goes in comes out, across the memory bound,
 * in any chunking, and again after a clear; past the bound it is in the
 * temporary file, and that file is not left in the temporary directory.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <glib.h>
#include <string.h>

#include "gstaudiospool.h"
#include "testing.h"

#define MIB (1 << 20)

static guint8
byte_at (guint64 i)
{
  return (guint8) (i * 2654435761u >> 13);
}

/* Appends `total` bytes in chunks of awkward sizes. */
static gboolean
fill (GstAudioSpool * spool, guint64 total)
{
  guint8 *chunk = g_malloc (100003);
  guint64 done = 0;
  gboolean ok = TRUE;

  while (ok && done < total) {
    gsize n = MIN (total - done, 1 + done % 100003);
    for (gsize i = 0; i < n; i++)
      chunk[i] = byte_at (done + i);
    ok = gst_audio_spool_append (spool, chunk, n, NULL);
    done += n;
  }
  g_free (chunk);
  return ok;
}

/* Reads ranges across the memory/file boundary and compares. */
static gboolean
read_back (GstAudioSpool * spool, guint64 total)
{
  static const guint64 starts[] = { 0, MIB - 5, MIB, 2 * MIB + 7 };
  guint8 *buf = g_malloc (MIB);
  gboolean same = TRUE;

  for (guint s = 0; s < G_N_ELEMENTS (starts); s++) {
    gsize n = (gsize) MIN (MIB, total - starts[s]);
    if (!gst_audio_spool_read (spool, starts[s], buf, n, NULL))
      same = FALSE;
    for (gsize i = 0; same && i < n; i++)
      same = buf[i] == byte_at (starts[s] + i);
  }
  g_free (buf);
  return same;
}

static guint
files_named_loudnorm (void)
{
  GDir *dir = g_dir_open (g_get_tmp_dir (), 0, NULL);
  const gchar *name;
  guint n = 0;

  while (dir && (name = g_dir_read_name (dir)))
    n += g_str_has_prefix (name, "loudnorm-");
  if (dir)
    g_dir_close (dir);
  return n;
}

static void
round_trip_across_the_bound (void)
{
  const guint64 total = 3 * MIB + MIB / 2;
  guint before = files_named_loudnorm ();
  GstAudioSpool *spool = gst_audio_spool_new (MIB);

  CHECK (fill (spool, total));
  CHECK (gst_audio_spool_size (spool) == total);
  CHECK (gst_audio_spool_spilled (spool) == total - MIB);
  CHECK (read_back (spool, total));
  CHECK (files_named_loudnorm () == before);

  gst_audio_spool_clear (spool);
  CHECK (gst_audio_spool_size (spool) == 0);
  CHECK (fill (spool, total));
  CHECK (read_back (spool, total));
  gst_audio_spool_free (spool);
  CHECK (files_named_loudnorm () == before);
}

static void
all_in_memory (void)
{
  GstAudioSpool *spool = gst_audio_spool_new (16 * MIB);

  CHECK (fill (spool, 3 * MIB));
  CHECK (gst_audio_spool_spilled (spool) == 0);
  CHECK (read_back (spool, 3 * MIB));
  gst_audio_spool_free (spool);
}

static const test_case cases[] = {
  {"round_trip_across_the_bound", round_trip_across_the_bound},
  {"all_in_memory", all_in_memory},
};

TEST_MAIN (cases)
