/* mixmaster tools: a progress bar on the terminal.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "progress.h"

#include <stdio.h>
#include <string.h>

#define BAR_WIDTH 30

void
progress_init (Progress * p)
{
  g_mutex_init (&p->lock);
  p->read_position = p->written_position = GST_CLOCK_TIME_NONE;
}

void
progress_clear (Progress * p)
{
  g_mutex_clear (&p->lock);
}

static GstPadProbeReturn
on_buffer (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  GstBuffer *buf = GST_PAD_PROBE_INFO_BUFFER (info);
  Progress *p = user_data;
  GstClockTime end = GST_BUFFER_PTS (buf);

  if (GST_CLOCK_TIME_IS_VALID (end) && GST_BUFFER_DURATION_IS_VALID (buf))
    end += GST_BUFFER_DURATION (buf);
  g_mutex_lock (&p->lock);
  if (GST_PAD_DIRECTION (pad) == GST_PAD_SINK)
    p->read_position = end;
  else
    p->written_position = end;
  g_mutex_unlock (&p->lock);
  return GST_PAD_PROBE_OK;
}

void
progress_watch (Progress * p, GstElement * element, const gchar * pad_name)
{
  GstPad *pad = gst_element_get_static_pad (element, pad_name);
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, on_buffer, p, NULL);
  gst_object_unref (pad);
}

void
progress_show (Progress * p, GstClockTime duration, const gchar * between,
    const gchar * name)
{
  GstClockTime read, written;
  gboolean writing;
  const gchar *phase;
  gdouble fraction = 0.0;
  gchar bar[BAR_WIDTH + 1];

  g_mutex_lock (&p->lock);
  read = p->read_position;
  written = p->written_position;
  g_mutex_unlock (&p->lock);
  writing = GST_CLOCK_TIME_IS_VALID (written);
  if (GST_CLOCK_TIME_IS_VALID (duration) && duration > 0 &&
      (writing || GST_CLOCK_TIME_IS_VALID (read)))
    fraction = CLAMP ((gdouble) (writing ? written : read) / duration, 0.0,
        1.0);
  phase = writing ? "writing" : "reading";
  if (!writing && fraction >= 1.0) {
    phase = between;
    fraction = 1.0;
  }
  memset (bar, ' ', BAR_WIDTH);
  memset (bar, '#', (size_t) (fraction * BAR_WIDTH));
  bar[BAR_WIDTH] = '\0';
  fprintf (stderr, "\r%-9s [%s] %3.0f%%  %.40s", phase, bar, fraction * 100.0,
      name);
  fflush (stderr);
}

void
progress_end (void)
{
  fprintf (stderr, "\r%80s\r", "");
}
