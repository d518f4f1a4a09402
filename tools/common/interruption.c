/* mixmaster tools: Ctrl-C and SIGTERM as a request to stop.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "interruption.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t requested;

/* async-signal-safe: a flag, then the default action for the next one */
static void
on_signal (int number)
{
  requested = 1;
  signal (number, SIG_DFL);
}

void
interruption_watch (void)
{
  struct sigaction action;

  memset (&action, 0, sizeof (action));
  action.sa_handler = on_signal;
  sigemptyset (&action.sa_mask);
  sigaction (SIGINT, &action, NULL);
  sigaction (SIGTERM, &action, NULL);
}

gboolean
interruption_requested (void)
{
  return requested != 0;
}
