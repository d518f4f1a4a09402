/* gst-mixmaster: the session's report, on the terminal and as JSON: each
 * track's loudness and peaks, the mix's, the master's and the delivery
 * preset's verdict.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_REPORT_H
#define MIXMASTER_REPORT_H

#include "mixmaster-job.h"
#include "mixmaster-session.h"

G_BEGIN_DECLS

/* A structure named "mixmaster" with fields rate, duration, master-file,
 * mixdown-file, tracks (array of "track"), mix, master, delivery (nested
 * structures) and verdict ("PASS" or "FAIL"). */
GstStructure *mixmaster_report_new (MixmasterSession * session,
    MixmasterJob * job, const gchar * master_path,
    const gchar * mixdown_path);

/* The summary a person reads. */
void mixmaster_report_print (const GstStructure * report);

/* Whether the master meets the delivery preset. */
gboolean mixmaster_report_passes (const GstStructure * report);

G_END_DECLS
#endif
