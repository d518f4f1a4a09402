/* gst-loudnorm: the before/after table and the JSON report.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef GST_LOUDNORM_REPORT_OUTPUT_H
#define GST_LOUDNORM_REPORT_OUTPUT_H

#include <gst/gst.h>
#include <stdio.h>

/* Prints a final `loudness` report to out: input and output (or,
 * measuring, the input alone), gain, reason, and the preset's verdict. */
void gst_loudnorm_print_report (FILE * out, const GstStructure * report,
    const gchar * input, const gchar * output, gboolean measure_only);

/* Writes the reports (GstStructure *) as one JSON array, to the standard
 * output when path is "-". */
gboolean gst_loudnorm_write_json (const gchar * path, GPtrArray * reports,
    GError ** error);

#endif
