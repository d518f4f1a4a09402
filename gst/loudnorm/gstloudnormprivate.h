/* GStreamer mixmaster plug-in: loudnorm's internals, shared by its two
 * files: gstloudnorm.c (the element) and gstloudnormsettings.c (its
 * properties).
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_LOUD_NORM_PRIVATE_H__
#define __GST_LOUD_NORM_PRIVATE_H__

#include "gstloudnorm.h"

#include "gstelementsettings.h"
#include "gstmetermessage.h"
#include "gstloudnormpreset.h"
#include "gstloudnessreport.h"
#include "loudness_meter.h"
#include "normalization_policy.h"
#include "normalizer.h"

G_BEGIN_DECLS

GST_DEBUG_CATEGORY_EXTERN (gst_loud_norm_debug);
#define GST_CAT_DEFAULT gst_loud_norm_debug

/* Everything set through properties; guarded by the object lock. The
 * streaming thread works on a copy taken once per buffer. */
typedef struct
{
  GstLoudNormMode mode;
  GstCommonSettings common;     /* interval, post-messages, max-memory */
  /* The preset in effect: the one chosen while target, ceiling and
   * tolerance are its own, else custom. A value set explicitly stays
   * whatever the order (as x264enc's options over its speed-preset): the
   * chosen preset fills in the others. */
  GstLoudNormPreset preset;
  GstLoudNormPreset chosen_preset;
  guint explicit_spec;          /* bits: 1 << PROP_TARGET, ... */
  GstLoudNormSpec spec;         /* target, tolerance, ceiling, max S */
  GstLoudNormPolicy policy;
  loudness_leveler_params leveler;      /* its target is spec's */
  gdouble gain_lookahead_s;     /* live mode, from the next caps */
  gdouble measured_integrated;  /* -inf: not measured */
  gdouble measured_loudness_range;
  gdouble measured_true_peak;
  gdouble measured_threshold;
  gchar *report_location;
} GstLoudNormSettings;

struct _GstLoudNorm
{
  GstLookaheadFilter parent;

  GstLoudNormSettings settings; /* object lock */

  /* The meters, and so everything measured, are guarded by meter_lock: the
   * streaming thread holds it while feeding audio, the read-only result
   * properties and the message builder while reading. Never held while
   * posting a message. */
  GMutex meter_lock;
  loudness_meter *input_meter;
  loudness_meter *output_meter;

  /* set by the "reset" action signal from any thread; the streaming thread
   * restarts the measurement at the next buffer */
  gint reset_pending;

  /* streaming thread only */
  GstLoudNormSettings applied;  /* the settings' copy for this buffer */
  normalizer *normalizer;       /* live, file and linear modes */
  gboolean gain_chosen;         /* linear mode: gain set from measured-* */
  normalization_plan plan;      /* file and linear modes */
  loudness_meter *trial_meter;  /* file mode: a trial render's output */
  guint64 trial_skip;           /* its lookahead frames still to skip */
  GstMeterInterval interval;    /* of the messages */
  GstClockTime measure_start;   /* buffer time of the first measured frame */
};

#define DEFAULT_MODE GST_LOUD_NORM_MODE_LIVE
#define DEFAULT_PRESET GST_LOUD_NORM_PRESET_EBU_R128
#define DEFAULT_POLICY GST_LOUD_NORM_POLICY_LIMIT
#define DEFAULT_GAIN_LOOKAHEAD 0.5
/* limiter lookahead; 5 ms keeps the attack free of audible distortion */
#define LOOKAHEAD_MS 5.0
/* file mode: searches for the gain until the limited output is this close
 * to the target, LU, in at most this many trial renders */
#define GAIN_SEARCH_TOLERANCE 0.005
#define GAIN_SEARCH_MAX_TRIALS 8
/* a limited output further than this from the target missed it */
#define TARGET_MISS_LU 0.1
enum
{
  PROP_0,
  /* the double properties' table (gstloudnormsettings.c), in its order */
  PROP_TARGET,
  PROP_CEILING,
  PROP_TOLERANCE,
  PROP_WINDOW,
  PROP_MAX_LOUDNESS_RANGE,
  PROP_GAIN_LOOKAHEAD,
  PROP_MAX_GAIN,
  PROP_GAIN_RISE,
  PROP_GAIN_FALL,
  PROP_FREEZE_BELOW,
  PROP_MEASURED_INTEGRATED,
  PROP_MEASURED_LOUDNESS_RANGE,
  PROP_MEASURED_TRUE_PEAK,
  PROP_MEASURED_THRESHOLD,
  /* the others */
  PROP_MODE,
  PROP_PRESET,
  PROP_POLICY,
  PROP_REPORT_LOCATION,
  PROP_INTEGRATED,
  PROP_LOUDNESS_RANGE,
  PROP_TRUE_PEAK,
};


/* gstloudnormsettings.c */
G_GNUC_INTERNAL void gst_loud_norm_settings_init (GstLoudNormSettings * s);
G_GNUC_INTERNAL void gst_loud_norm_install_properties (GObjectClass * klass);
/* Object lock held. After a user preset was loaded (every property set):
 * only the spec properties that differ from the chosen preset count as
 * set explicitly. */
G_GNUC_INTERNAL void gst_loud_norm_settings_forget_explicit
    (GstLoudNormSettings * s);
G_GNUC_INTERNAL void gst_loud_norm_set_property (GObject * object,
    guint prop_id, const GValue * value, GParamSpec * pspec);
G_GNUC_INTERNAL void gst_loud_norm_get_property (GObject * object,
    guint prop_id, GValue * value, GParamSpec * pspec);
/* A copy for the streaming thread, without report_location. */
G_GNUC_INTERNAL GstLoudNormSettings gst_loud_norm_settings_snapshot
    (GstLoudNorm * self);
G_GNUC_INTERNAL gchar *gst_loud_norm_report_location (GstLoudNorm * self);
G_GNUC_INTERNAL gboolean gst_loud_norm_is_normalizing (GstLoudNormMode mode);
G_GNUC_INTERNAL GstLoudNormMode gst_loud_norm_current_mode (GstLoudNorm *
    self);

G_END_DECLS
#endif
