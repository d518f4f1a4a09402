/* GStreamer mixmaster plug-in: loudnorm, its properties.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstloudnormprivate.h"

#include "gstdoubleprops.h"
#include "gstelementsettings.h"

#include <math.h>
#include <string.h>

void
gst_loud_norm_settings_init (GstLoudNormSettings * s)
{
  s->mode = DEFAULT_MODE;
  gst_common_settings_init (&s->common);
  s->preset = s->chosen_preset = DEFAULT_PRESET;
  s->explicit_spec = 0;
  gst_loud_norm_preset_spec (s->preset, &s->spec);
  s->policy = DEFAULT_POLICY;
  /* the leveler's defaults are the DSP's; its target is the spec's */
  s->leveler = loudness_leveler_params_default ();
  s->gain_lookahead_s = DEFAULT_GAIN_LOOKAHEAD;
  s->measured_integrated = -INFINITY;
  s->measured_loudness_range = -INFINITY;
  s->measured_true_peak = -INFINITY;
  s->measured_threshold = -INFINITY;
}

#define FIELD(f) offsetof (GstLoudNormSettings, f)

/* In the order of the PROP_ ids 1 .. PROP_MEASURED_THRESHOLD. */
static const GstDoubleProp double_props[] = {
  {"target", "Target", "Integrated loudness of the output, in LUFS (-70 to "
        "0)", -70.0, 0.0, FIELD (spec.target_lufs), CONTINUOUS},
  {"ceiling", "Ceiling", "Maximum true peak of the output, in dBTP (-12 to "
        "0)", -12.0, 0.0, FIELD (spec.ceiling_dbtp), CONTINUOUS},
  {"tolerance", "Tolerance", "How far from the target the output may be and "
        "still be compliant, in LU (0 to 10)", 0.0, 10.0,
      FIELD (spec.tolerance_lu), SET_ONLY},
  {"window", "Window", "Live mode: seconds of programme whose integrated "
        "loudness the gain follows (0.4 to 600)",
        LOUDNESS_LEVELER_MIN_WINDOW_S, LOUDNESS_LEVELER_MAX_WINDOW_S,
      FIELD (leveler.window_s), CONTINUOUS},
  {"max-loudness-range", "Maximum loudness range", "Live mode: widest "
        "short-term loudness range kept around the target, in LU (1 to 40); "
        "a programme within it keeps its dynamics",
        LOUDNESS_LEVELER_MIN_RANGE_LU, LOUDNESS_LEVELER_MAX_RANGE_LU,
      FIELD (leveler.loudness_range_lu), CONTINUOUS},
  {"gain-lookahead", "Gain lookahead", "Live mode: seconds the gain hears "
        "the input ahead, in 0.1 s steps, added to the latency; from the "
        "next stream (0 to 3)", 0.0, NORMALIZER_MAX_GAIN_LOOKAHEAD_S,
      FIELD (gain_lookahead_s), FROM_NEXT_STREAM},
  {"max-gain", "Maximum gain", "Live mode: largest boost, in dB (0 to 40)",
      0.0, 40.0, FIELD (leveler.max_gain_db), CONTINUOUS},
  {"gain-rise", "Gain rise", "Live mode: fastest rise of the gain, in dB per "
        "second (0.1 to 60)", 0.1, 60.0, FIELD (leveler.rise_db_per_s),
      CONTINUOUS},
  {"gain-fall", "Gain fall", "Live mode: fastest fall of the gain, in dB per "
        "second (0.1 to 60)", 0.1, 60.0, FIELD (leveler.fall_db_per_s),
      CONTINUOUS},
  {"freeze-below", "Freeze below", "Live mode: momentary input loudness "
        "below which the gain holds still, in LUFS (-70 to -10)", -70.0,
      -10.0, FIELD (leveler.gate_lufs), CONTINUOUS},
  {"measured-integrated", "Measured integrated loudness", "Linear mode: "
        "integrated loudness of the input from a first pass, in LUFS (-inf "
        "= not measured, to 0)", -INFINITY, 0.0,
      FIELD (measured_integrated), SET_ONLY},
  {"measured-loudness-range", "Measured loudness range", "Linear mode: "
        "loudness range of the input from a first pass, in LU, for the "
        "report (-inf = not measured, to 100)", -INFINITY, 100.0,
      FIELD (measured_loudness_range), SET_ONLY},
  {"measured-true-peak", "Measured true peak", "Linear mode: true peak of "
        "the input from a first pass, in dBTP (-inf = not measured, to "
        "+100)", -INFINITY, 100.0, FIELD (measured_true_peak), SET_ONLY},
  {"measured-threshold", "Measured threshold", "Linear mode: relative gate "
        "of the input from a first pass, in LUFS, for the report (-inf = "
        "not measured, to 0)", -INFINITY, 0.0, FIELD (measured_threshold),
      SET_ONLY},
};

G_STATIC_ASSERT (G_N_ELEMENTS (double_props) == PROP_MEASURED_THRESHOLD);

static void
install_normalizing_properties (GObjectClass * gobject_class)
{
  GstLoudNormSettings defaults;

  gst_loud_norm_settings_init (&defaults);
  gst_double_props_install (gobject_class, double_props,
      G_N_ELEMENTS (double_props), &defaults);
  g_object_class_install_property (gobject_class, PROP_PRESET,
      g_param_spec_enum ("preset", "Preset",
          "Delivery specification: sets target, ceiling and tolerance, "
          "except those set explicitly, in any order; reads custom once "
          "one differs from it", GST_TYPE_LOUD_NORM_PRESET,
          DEFAULT_PRESET, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (gobject_class, PROP_POLICY,
      g_param_spec_enum ("policy", "Policy",
          "How file and linear modes choose their constant gain",
          GST_TYPE_LOUD_NORM_POLICY, DEFAULT_POLICY,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (gobject_class, PROP_REPORT_LOCATION,
      g_param_spec_string ("report-location", "Report location",
          "Path of a JSON file to write the final report to (NULL: none)",
          NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
}

static void
install_measure_properties (GObjectClass * gobject_class)
{
  gst_common_settings_install (gobject_class, "loudness", TRUE, TRUE);
  g_object_class_install_property (gobject_class, PROP_INTEGRATED,
      g_param_spec_double ("integrated", "Integrated loudness",
          "Gated integrated loudness of the input so far, in LUFS "
          "(-inf before any audible block)", -INFINITY, G_MAXDOUBLE,
          -INFINITY, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (gobject_class, PROP_LOUDNESS_RANGE,
      g_param_spec_double ("loudness-range", "Loudness range",
          "EBU Tech 3342 loudness range of the input so far, in LU", 0.0,
          G_MAXDOUBLE, 0.0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (gobject_class, PROP_TRUE_PEAK,
      g_param_spec_double ("true-peak", "True peak",
          "Maximum true peak of the input so far over all channels, in dBTP "
          "(-inf for silence)", -INFINITY, G_MAXDOUBLE, -INFINITY,
          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

/* The field of a spec behind target, ceiling or tolerance; NULL for the
 * other properties. */
static gdouble *
spec_field (GstLoudNormSpec * spec, guint prop_id)
{
  switch (prop_id) {
    case PROP_TARGET:
      return &spec->target_lufs;
    case PROP_CEILING:
      return &spec->ceiling_dbtp;
    case PROP_TOLERANCE:
      return &spec->tolerance_lu;
    default:
      return NULL;
  }
}

/* The settings field behind a double property; NULL for the others. */
static gdouble *
double_setting (GstLoudNormSettings * s, guint prop_id)
{
  return gst_double_props_field (s, double_props, G_N_ELEMENTS (double_props),
      prop_id);
}

static const guint spec_properties[] = { PROP_TARGET, PROP_CEILING,
  PROP_TOLERANCE
};

/* Object lock held. The chosen preset's values for the spec properties
 * not set explicitly, and the preset in effect: the chosen one while the
 * spec is its own (with its max short-term), else custom. Returns TRUE
 * when the preset in effect changed. */
static gboolean
settle_preset (GstLoudNormSettings * s)
{
  GstLoudNormPreset before = s->preset;
  GstLoudNormSpec base;
  gboolean known = gst_loud_norm_preset_spec (s->chosen_preset, &base);
  gboolean own = known;

  for (guint i = 0; known && i < G_N_ELEMENTS (spec_properties); i++) {
    guint id = spec_properties[i];
    if (!(s->explicit_spec & (1u << id)))
      *spec_field (&s->spec, id) = *spec_field (&base, id);
    own = own && *spec_field (&s->spec, id) == *spec_field (&base, id);
  }
  s->preset = own ? s->chosen_preset : GST_LOUD_NORM_PRESET_CUSTOM;
  s->spec.max_short_term_lufs = own ? base.max_short_term_lufs : INFINITY;
  return before != s->preset;
}

/* Object lock held. Returns TRUE when the preset in effect changed. */
static gboolean
set_double_setting (GstLoudNormSettings * s, guint prop_id, gdouble value)
{
  *double_setting (s, prop_id) = value;
  if (!spec_field (&s->spec, prop_id))
    return FALSE;
  s->explicit_spec |= 1u << prop_id;
  return settle_preset (s);
}

void
gst_loud_norm_settings_forget_explicit (GstLoudNormSettings * s)
{
  GstLoudNormSpec base;

  s->explicit_spec = 0;
  if (!gst_loud_norm_preset_spec (s->chosen_preset, &base))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (spec_properties); i++) {
    guint id = spec_properties[i];
    if (*spec_field (&s->spec, id) != *spec_field (&base, id))
      s->explicit_spec |= 1u << id;
  }
}

void
gst_loud_norm_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  GstLoudNorm *self = GST_LOUD_NORM (object);
  GstLoudNormSettings *s = &self->settings;
  gboolean preset_changed = FALSE, spec_changed = FALSE, refused = FALSE;

  GST_OBJECT_LOCK (self);
  if (double_setting (s, prop_id)) {
    preset_changed =
        set_double_setting (s, prop_id, g_value_get_double (value));
    GST_OBJECT_UNLOCK (self);
    if (preset_changed)
      g_object_notify (object, "preset");
    return;
  }
  if (gst_common_settings_set (&s->common, prop_id, value)) {
    GST_OBJECT_UNLOCK (self);
    return;
  }
  switch (prop_id) {
    case PROP_MODE:
      refused = GST_STATE (self) > GST_STATE_READY;
      if (!refused)
        s->mode = g_value_get_enum (value);
      break;
    case PROP_PRESET:
      s->chosen_preset = g_value_get_enum (value);
      settle_preset (s);
      spec_changed = TRUE;
      break;
    case PROP_POLICY:
      s->policy = g_value_get_enum (value);
      break;
    case PROP_REPORT_LOCATION:
      g_free (s->report_location);
      s->report_location = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
  if (refused)
    gst_element_settings_refuse_change (GST_ELEMENT (self), pspec->name);
  if (spec_changed) {
    g_object_notify (object, "target");
    g_object_notify (object, "ceiling");
    g_object_notify (object, "tolerance");
  }
}

/* Reads one result from the input meter; fallback when there is none. */
static gdouble
read_result (GstLoudNorm * self, double (*result) (const loudness_meter *),
    gdouble fallback)
{
  gdouble value = fallback;

  g_mutex_lock (&self->meter_lock);
  if (self->input_meter)
    value = result (self->input_meter);
  g_mutex_unlock (&self->meter_lock);
  return value;
}

static void
get_setting (GstLoudNorm * self, guint prop_id, GValue * value,
    GParamSpec * pspec)
{
  GstLoudNormSettings *s = &self->settings;
  gdouble *field = double_setting (s, prop_id);

  if (field) {
    g_value_set_double (value, *field);
    return;
  }
  if (gst_common_settings_get (&s->common, prop_id, value))
    return;
  switch (prop_id) {
    case PROP_MODE:
      g_value_set_enum (value, s->mode);
      break;
    case PROP_PRESET:
      g_value_set_enum (value, s->preset);
      break;
    case PROP_POLICY:
      g_value_set_enum (value, s->policy);
      break;
    case PROP_REPORT_LOCATION:
      g_value_set_string (value, s->report_location);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (G_OBJECT (self), prop_id, pspec);
      break;
  }
}

void
gst_loud_norm_get_property (GObject * object, guint prop_id, GValue * value,
    GParamSpec * pspec)
{
  GstLoudNorm *self = GST_LOUD_NORM (object);

  switch (prop_id) {
    case PROP_INTEGRATED:
      g_value_set_double (value, read_result (self,
              loudness_meter_integrated, -INFINITY));
      break;
    case PROP_LOUDNESS_RANGE:
      g_value_set_double (value, read_result (self,
              loudness_meter_loudness_range, 0.0));
      break;
    case PROP_TRUE_PEAK:
      g_value_set_double (value, read_result (self,
              gst_loudness_report_max_true_peak, -INFINITY));
      break;
    default:
      GST_OBJECT_LOCK (self);
      get_setting (self, prop_id, value, pspec);
      GST_OBJECT_UNLOCK (self);
      break;
  }
}

/* A copy of the settings for the streaming thread (report_location is not
 * copied: see report_location()). */
GstLoudNormSettings
gst_loud_norm_settings_snapshot (GstLoudNorm * self)
{
  GstLoudNormSettings copy;

  GST_OBJECT_LOCK (self);
  copy = self->settings;
  GST_OBJECT_UNLOCK (self);
  copy.report_location = NULL;
  copy.leveler.target_lufs = copy.spec.target_lufs;
  return copy;
}

gchar *
gst_loud_norm_report_location (GstLoudNorm * self)
{
  gchar *path;

  GST_OBJECT_LOCK (self);
  path = g_strdup (self->settings.report_location);
  GST_OBJECT_UNLOCK (self);
  return path;
}

gboolean
gst_loud_norm_is_normalizing (GstLoudNormMode mode)
{
  return mode != GST_LOUD_NORM_MODE_MEASURE;
}

GstLoudNormMode
gst_loud_norm_current_mode (GstLoudNorm * self)
{
  GstLoudNormMode mode;

  GST_OBJECT_LOCK (self);
  mode = self->settings.mode;
  GST_OBJECT_UNLOCK (self);
  return mode;
}

void
gst_loud_norm_install_properties (GObjectClass * gobject_class)
{
  g_object_class_install_property (gobject_class, PROP_MODE,
      g_param_spec_enum ("mode", "Mode",
          "What the element does with the audio", GST_TYPE_LOUD_NORM_MODE,
          DEFAULT_MODE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));
  install_normalizing_properties (gobject_class);
  install_measure_properties (gobject_class);
}
