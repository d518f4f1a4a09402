/* mixmaster tools: what reads an input file.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "input-file.h"

#include <gst/base/gsttypefindhelper.h>
#include <stdio.h>

const gchar *
input_file_demuxer (const gchar * path)
{
  guint8 head[4096];
  FILE *file = fopen (path, "rb");
  size_t n = file ? fread (head, 1, sizeof (head), file) : 0;
  /* GStreamer's own typefinders, on the file's first bytes */
  GstCaps *caps = n ? gst_type_find_helper_for_data (NULL, head, n, NULL) :
      NULL;
  gboolean aiff = caps && gst_structure_has_name (gst_caps_get_structure
      (caps, 0), "audio/x-aiff");

  if (file)
    fclose (file);
  if (caps)
    gst_caps_unref (caps);
  return aiff ? "aiffparse" : "decodebin";
}
