/* GStreamer mixmaster plug-in: delivery presets and policies of loudnorm.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Sources of the numbers (docs/loudnorm.md has the table):
 *  - EBU R 128 (2020) and EBU Tech 3343: -23 LUFS, -1 dBTP; +-0.5 LU as
 *    R 128 (2014) states for programmes that can be normalized exactly.
 *  - EBU R 128 s1 (2016): short-form content, also max short-term loudness
 *    -18 LUFS (target + 5 LU).
 *  - ATSC A/85:2013: -24 LKFS +-2 dB, -2 dBTP.
 *  - Streaming (Spotify, YouTube, Tidal, Amazon): -14 LUFS, -1 dBTP;
 *    the platforms publish no tolerance, +-1 LU is ours.
 *  - Apple Music and Apple Podcasts: -16 LUFS +-1 LU, -1 dBTP.
 *  - Podcast (AES TD1004, ffmpeg-normalize "podcast"): -16 LUFS, -1.5 dBTP
 *    (between AES's -1 and ffmpeg-normalize's -2), +-1 LU.
 */
#include "gstloudnormpreset.h"
#include "gstenumtype.h"

#include <math.h>

#include "normalization_policy.h"

G_STATIC_ASSERT ((int) GST_LOUD_NORM_POLICY_LIMIT ==
    (int) NORMALIZATION_POLICY_LIMIT);
G_STATIC_ASSERT ((int) GST_LOUD_NORM_POLICY_LOWER ==
    (int) NORMALIZATION_POLICY_LOWER);
G_STATIC_ASSERT ((int) GST_LOUD_NORM_POLICY_NEVER_BOOST ==
    (int) NORMALIZATION_POLICY_NEVER_BOOST);

static const struct
{
  GstLoudNormPreset preset;
  GstLoudNormSpec spec;
} presets[] = {
  {GST_LOUD_NORM_PRESET_EBU_R128, {-23.0, 0.5, -1.0, INFINITY}},
  {GST_LOUD_NORM_PRESET_EBU_R128_S1, {-23.0, 0.5, -1.0, -18.0}},
  {GST_LOUD_NORM_PRESET_ATSC_A85, {-24.0, 2.0, -2.0, INFINITY}},
  {GST_LOUD_NORM_PRESET_STREAMING, {-14.0, 1.0, -1.0, INFINITY}},
  {GST_LOUD_NORM_PRESET_APPLE, {-16.0, 1.0, -1.0, INFINITY}},
  {GST_LOUD_NORM_PRESET_PODCAST, {-16.0, 1.0, -1.5, INFINITY}},
};

gboolean
gst_loud_norm_preset_spec (GstLoudNormPreset preset, GstLoudNormSpec * spec)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++) {
    if (presets[i].preset == preset) {
      *spec = presets[i].spec;
      return TRUE;
    }
  }
  return FALSE;
}

gboolean
gst_loud_norm_spec_met (const GstLoudNormSpec * spec, gdouble integrated_lufs,
    gdouble true_peak_dbtp, gdouble max_short_term_lufs)
{
  /* -inf loudness (silence) is never within a tolerance */
  return fabs (integrated_lufs - spec->target_lufs) <= spec->tolerance_lu &&
      true_peak_dbtp <= spec->ceiling_dbtp &&
      max_short_term_lufs <= spec->max_short_term_lufs;
}

GType
gst_loud_norm_preset_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {GST_LOUD_NORM_PRESET_CUSTOM, "Custom: target, ceiling and tolerance as "
          "set", "custom"},
    {GST_LOUD_NORM_PRESET_EBU_R128, "EBU R 128 broadcast: -23 LUFS +-0.5 LU, "
          "-1 dBTP", "ebu-r128"},
    {GST_LOUD_NORM_PRESET_EBU_R128_S1, "EBU R 128 s1 short-form (ads, "
          "promos): -23 LUFS +-0.5 LU, -1 dBTP, max short-term -18 LUFS",
        "ebu-r128-s1"},
    {GST_LOUD_NORM_PRESET_ATSC_A85, "ATSC A/85 (US broadcast): -24 LKFS +-2 "
          "LU, -2 dBTP", "atsc-a85"},
    {GST_LOUD_NORM_PRESET_STREAMING, "Music streaming (Spotify, YouTube, "
          "Tidal, Amazon): -14 LUFS +-1 LU, -1 dBTP", "streaming"},
    {GST_LOUD_NORM_PRESET_APPLE, "Apple Music and Podcasts: -16 LUFS +-1 LU, "
          "-1 dBTP", "apple"},
    {GST_LOUD_NORM_PRESET_PODCAST, "Podcast (AES TD1004): -16 LUFS +-1 LU, "
          "-1.5 dBTP", "podcast"},
    {0, NULL, NULL},
  };

  return gst_enum_type_once (&type, "GstLoudNormPreset", values);
}

GType
gst_loud_norm_policy_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {GST_LOUD_NORM_POLICY_LIMIT, "Constant gain to the target; the true-peak "
          "limiter holds the ceiling on the peaks that need it", "limit"},
    {GST_LOUD_NORM_POLICY_LOWER, "Constant gain, lowered until no limiting "
          "is needed (the output may miss the target)", "lower"},
    {GST_LOUD_NORM_POLICY_NEVER_BOOST, "Constant gain, attenuation only "
          "(quiet input stays as it is)", "never-boost"},
    {0, NULL, NULL},
  };

  return gst_enum_type_once (&type, "GstLoudNormPolicy", values);
}
