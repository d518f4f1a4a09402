/* GStreamer mixmaster plug-in: delivery presets and policies of loudnorm.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_LOUD_NORM_PRESET_H__
#define __GST_LOUD_NORM_PRESET_H__

#include <glib-object.h>

G_BEGIN_DECLS

#define GST_TYPE_LOUD_NORM_PRESET (gst_loud_norm_preset_get_type ())
#define GST_TYPE_LOUD_NORM_POLICY (gst_loud_norm_policy_get_type ())

typedef enum
{
  GST_LOUD_NORM_PRESET_CUSTOM,
  GST_LOUD_NORM_PRESET_EBU_R128,
  GST_LOUD_NORM_PRESET_EBU_R128_S1,
  GST_LOUD_NORM_PRESET_ATSC_A85,
  GST_LOUD_NORM_PRESET_STREAMING,
  GST_LOUD_NORM_PRESET_APPLE,
  GST_LOUD_NORM_PRESET_PODCAST,
} GstLoudNormPreset;

/* The same values as normalization_policy in dsp/normalization_policy.h */
typedef enum
{
  GST_LOUD_NORM_POLICY_LIMIT,
  GST_LOUD_NORM_POLICY_LOWER,
  GST_LOUD_NORM_POLICY_NEVER_BOOST,
} GstLoudNormPolicy;

/* What a delivery specification asks of the output. */
typedef struct
{
  gdouble target_lufs;
  gdouble tolerance_lu;         /* |integrated - target| <= tolerance */
  gdouble ceiling_dbtp;         /* maximum true peak */
  gdouble max_short_term_lufs;  /* +inf where the spec has no such limit */
} GstLoudNormSpec;

GType gst_loud_norm_preset_get_type (void);
GType gst_loud_norm_policy_get_type (void);

/* The numbers of a preset; FALSE for CUSTOM. */
gboolean gst_loud_norm_preset_spec (GstLoudNormPreset preset,
    GstLoudNormSpec * spec);

/* Whether measured output meets a spec. */
gboolean gst_loud_norm_spec_met (const GstLoudNormSpec * spec,
    gdouble integrated_lufs, gdouble true_peak_dbtp,
    gdouble max_short_term_lufs);

G_END_DECLS
#endif
