/* Helpers of the loudnorm normalization tests: a harness around a
 * loudnorm, programmes in and out, the final report, and the output
 * measured by our meter and by libebur128.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_LOUDNORM_HARNESS_H
#define MIXMASTER_LOUDNORM_HARNESS_H

#include <gst/check/gstharness.h>

#define TARGET_TOLERANCE_LU 0.1
#define CEILING_TOLERANCE_DB 0.1
#define BUFFER_FRAMES 4800

typedef struct
{
  guint rate;
  guint channels;
  gboolean f64;
} Format;

extern const Format stereo_48k;

typedef struct
{
  gdouble integrated;
  gdouble true_peak;
} Loudness;

gchar *caps_string (const Format * f);
/* A harness around a loudnorm with these properties (gst-launch syntax). */
GstHarness *harness_new (const gchar * properties, const Format * f,
    gboolean live, GstBus ** bus);
/* The same around any element (gst-launch syntax, "audiomaster ..."). */
GstHarness *harness_new_element (const gchar * description, const Format * f,
    gboolean live, GstBus ** bus);
void harness_free (GstHarness * h, GstBus * bus);
/* Buffer of frames [first, first + n) of x, stamped at its time. */
GstBuffer *buffer_of (const float *x, guint64 first, guint64 n,
    const Format * f);
/* Appends every buffer waiting at the harness's sink to out (as doubles),
 * checking that timestamps run on exactly from frame *count. */
void pull_all (GstHarness * h, GArray * out, const Format * f);
/* Pushes all of x in 100 ms buffers, then EOS; returns every output
 * sample (interleaved doubles). */
GArray *run (GstHarness * h, const float *x, guint64 frames, const Format * f);
/* The final `loudness` message (the others are dropped). */
GstStructure *final_report (GstBus * bus);
gdouble field (const GstStructure * s, const gchar * name);
/* Integrated loudness and the largest true peak of out, by our meter and
 * by libebur128 (both oversample 4x below 96 kHz, 2x at 96 kHz); the
 * checks below hold for both. */
void measure_output (GArray * out, const Format * f, Loudness * ours,
    Loudness * theirs);
/* No point of the 8x-oversampled output over the ceiling + 0.1 dB
 * (tests/common/oversampled_peak.h). */
void check_oversampled_ceiling (GArray * out, const Format * f,
    gdouble ceiling, const gchar * what);
/* Output of in (interleaved F32) at target within 0.1 LU and under the
 * ceiling + 0.1 dB, by both meters and by the 8x oracle, and its peak no
 * more than 0.5 dB short of min(ceiling, input peak + gain); as many
 * frames out as in. */
void check_normalized (GArray * out, const float *in, guint64 frames,
    const Format * f, gdouble target, gdouble ceiling, const gchar * what);

/* 20 s of a real, mastered song from Debian (fretsonfire-songs-muldjord,
 * installed by scripts/install-deps test) from 0:30, as F32 stereo at rate,
 * decoded and resampled by GStreamer (its elements must be loadable). */
float *real_music (guint rate, guint64 * frames);

typedef enum
{ JITTER, GAP, PAUSE } TimelineEvent;

/* 10 ms buffers of x (48 kHz stereo) to a live element (a gst-launch
 * description); from 10 s on, the event: every PTS moved by up to +-2 ms
 * (no flag), or 5 s later (a hole, no flag), or 2 s later and DISCONT (as
 * after PAUSED -> PLAYING). Appends the output to out, checks that output
 * timestamps rise strictly and that as many frames come out as went in;
 * sets gain_field of the element's messages just before and 0.2 s after
 * the event. */
void push_with_event (const gchar * description, const gchar * gain_field,
    const float *x, guint64 frames, TimelineEvent event, GArray * out,
    gdouble * before, gdouble * after);

#endif
