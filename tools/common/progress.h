/* mixmaster tools: a progress bar on the terminal, fed by pad probes.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_PROGRESS_H
#define MIXMASTER_PROGRESS_H

#include <gst/gst.h>

G_BEGIN_DECLS

/* Where reading and writing are, set from streaming threads. */
typedef struct
{
  GMutex lock;                  /* guards the two positions */
  GstClockTime read_position, written_position;
} Progress;

void progress_init (Progress * p);
void progress_clear (Progress * p);

/* Follows the buffers through element's pad: reading when it is a sink
 * pad, writing when it is a source pad. */
void progress_watch (Progress * p, GstElement * element,
    const gchar * pad_name);

/* Redraws the bar on stderr: how far reading (then writing) is of
 * duration, with "between" as the phase's name while the first is done and
 * the second has not started (file modes keep the whole input first). */
void progress_show (Progress * p, GstClockTime duration,
    const gchar * between, const gchar * name);

/* Erases the bar. */
void progress_end (void);

G_END_DECLS
#endif
