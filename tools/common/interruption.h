/* mixmaster tools: Ctrl-C and SIGTERM as a request to stop.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The first SIGINT or SIGTERM only sets a flag, which a run checks at its
 * next look at the bus (every 200 ms): it stops its pipeline and cleans up
 * like any failed run, so no partial file is left. A second signal ends
 * the program at once, as the default action would.
 */
#ifndef MIXMASTER_INTERRUPTION_H
#define MIXMASTER_INTERRUPTION_H

#include <glib.h>

G_BEGIN_DECLS

/* The exit status of a program stopped by a signal, as a shell reports it */
#define INTERRUPTION_EXIT_STATUS 130

void interruption_watch (void);

/* True once SIGINT or SIGTERM has come. */
gboolean interruption_requested (void);

G_END_DECLS
#endif
