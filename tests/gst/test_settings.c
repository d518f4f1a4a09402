/* The settings of the three elements: with a preset the result does not
 * depend on the order the properties are set in (as on a gst-launch-1.0
 * line), the preset property reads what is in effect, a user preset saved
 * through GstPreset loads back every value (and not the element's name),
 * what cannot change while streaming is refused with a warning, every
 * number property's blurb states the range it takes, and F32 is asked for
 * where upstream can give it.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/audio/audio.h>
#include <gst/check/gstcheck.h>
#include <math.h>
#include <string.h>

#include "check_main.h"
#include "loudnorm_harness.h"

static GstElement *
parsed (const gchar * description)
{
  GError *error = NULL;
  GstElement *e = gst_parse_launch (description, &error);

  fail_unless (e != NULL, "%s: %s", description, error ? error->message : "");
  return e;
}

static gdouble
get_double (GstElement * e, const gchar * name)
{
  gdouble v;

  g_object_get (e, name, &v, NULL);
  return v;
}

/* The nick of an enum property's value. */
static const gchar *
get_nick (GstElement * e, const gchar * name)
{
  GParamSpec *spec = g_object_class_find_property (G_OBJECT_GET_CLASS (e),
      name);
  gint v;

  g_object_get (e, name, &v, NULL);
  return g_enum_get_value (G_PARAM_SPEC_ENUM (spec)->enum_class, v)->value_nick;
}

/* Every property a preset holds has the same value in a and b. */
static void
check_same_settings (GstElement * a, GstElement * b)
{
  gchar **names = gst_preset_get_property_names (GST_PRESET (a));

  for (guint i = 0; names[i]; i++) {
    GParamSpec *spec = g_object_class_find_property (G_OBJECT_GET_CLASS (a),
        names[i]);
    GValue va = G_VALUE_INIT, vb = G_VALUE_INIT;
    g_value_init (&va, spec->value_type);
    g_value_init (&vb, spec->value_type);
    g_object_get_property (G_OBJECT (a), names[i], &va);
    g_object_get_property (G_OBJECT (b), names[i], &vb);
    fail_unless (gst_value_compare (&va, &vb) == GST_VALUE_EQUAL,
        "%s: %s differs", GST_OBJECT_NAME (a), names[i]);
    g_value_unset (&va);
    g_value_unset (&vb);
  }
  g_strfreev (names);
}

/* loudnorm target=-16 preset=streaming gave -14 and audiomaster
 * eq-high-gain=2 preset=streaming 0: a value set explicitly stays, in
 * either order, and the preset reads custom once one differs. */
GST_START_TEST (test_order_does_not_matter)
{
  const gchar *pairs[][2] = {
    {"loudnorm target=-16 ceiling=-2 preset=streaming",
        "loudnorm preset=streaming target=-16 ceiling=-2"},
    {"audiomaster eq-high-gain=2 ceiling=-0.5 preset=cd-loud",
        "audiomaster preset=cd-loud eq-high-gain=2 ceiling=-0.5"},
  };
  GstElement *a, *b, *e;

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++) {
    a = parsed (pairs[i][0]);
    b = parsed (pairs[i][1]);
    check_same_settings (a, b);
    gst_object_unref (a);
    gst_object_unref (b);
  }
  e = parsed ("loudnorm target=-16 preset=streaming");
  fail_unless_equals_float (get_double (e, "target"), -16.0);
  fail_unless_equals_float (get_double (e, "ceiling"), -1.0);
  fail_unless_equals_string (get_nick (e, "preset"), "custom");
  /* the preset's own value, given explicitly, leaves it in effect */
  g_object_set (e, "target", -14.0, NULL);
  fail_unless_equals_string (get_nick (e, "preset"), "streaming");
  gst_object_unref (e);

  e = parsed ("audiomaster eq-high-gain=2 preset=cd-loud");
  fail_unless_equals_float (get_double (e, "eq-high-gain"), 2.0);
  fail_unless_equals_float (get_double (e, "target"), -9.0);
  fail_unless_equals_float (get_double (e, "saturation"), 0.2);
  fail_unless_equals_string (get_nick (e, "preset"), "custom");
  g_object_set (e, "eq-high-gain", 0.0, NULL);
  fail_unless_equals_string (get_nick (e, "preset"), "cd-loud");
  /* another preset fills in what was not set explicitly */
  g_object_set (e, "preset", 2, NULL);  /* streaming */
  fail_unless_equals_float (get_double (e, "target"), -14.0);
  fail_unless_equals_float (get_double (e, "saturation"), 0.0);
  fail_unless_equals_string (get_nick (e, "preset"), "streaming");
  gst_object_unref (e);
}

GST_END_TEST;

/* A user preset saved through GstPreset loads back as it was saved (it
 * came back as the factory settings: the saved preset property reset the
 * others), and it never renames the element it is loaded into. */
GST_START_TEST (test_user_presets_round_trip)
{
  const gchar *configured[] = {
    "audiomaster name=saved preset=cd-loud eq-high-gain=2 width=1.3 "
        "lookahead=3",
    "loudnorm name=saved preset=podcast target=-18 policy=lower " "gain-rise=2",
    "mixstrip name=saved fader=-6 pan=0.3 comp-ratio=4 highpass=80 "
        "highpass-slope=24",
  };

  for (guint i = 0; i < G_N_ELEMENTS (configured); i++) {
    GstElement *saved = parsed (configured[i]);
    GstElement *loaded = gst_element_factory_make (gst_plugin_feature_get_name
        (gst_element_get_factory (saved)), "loaded");
    gchar **names = gst_preset_get_property_names (GST_PRESET (saved));

    fail_unless (!g_strv_contains ((const gchar * const *) names, "name") &&
        !g_strv_contains ((const gchar * const *) names, "parent"),
        "%s: a preset holds the element's name", configured[i]);
    g_strfreev (names);
    fail_unless (gst_preset_save_preset (GST_PRESET (saved), "round trip"),
        "%s: not saved", configured[i]);
    fail_unless (gst_preset_load_preset (GST_PRESET (loaded), "round trip"),
        "%s: not loaded", configured[i]);
    fail_unless_equals_string (GST_OBJECT_NAME (loaded), "loaded");
    check_same_settings (saved, loaded);
    fail_unless (gst_preset_delete_preset (GST_PRESET (loaded), "round trip"));
    gst_object_unref (saved);
    gst_object_unref (loaded);
  }
}

GST_END_TEST;

/* The chain is built for its mode and lookahead when the stream starts:
 * set while streaming they read back the new value and did nothing. Now
 * they keep their value, and a warning says why. */
GST_START_TEST (test_refuses_change_while_streaming)
{
  const struct
  {
    const gchar *description, *property;
    const gchar *value;
  } cases[] = {
    {"audiomaster mode=file", "mode", "live"},
    {"audiomaster", "lookahead", "2"},
    {"loudnorm mode=live", "mode", "measure"},
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    GstBus *bus;
    GstHarness *h = harness_new_element (cases[i].description, &stereo_48k,
        FALSE, &bus);
    GValue before = G_VALUE_INIT, after = G_VALUE_INIT;
    GParamSpec *spec = g_object_class_find_property (G_OBJECT_GET_CLASS
        (h->element), cases[i].property);
    GstMessage *msg;

    gst_harness_play (h);
    g_value_init (&before, spec->value_type);
    g_value_init (&after, spec->value_type);
    g_object_get_property (G_OBJECT (h->element), cases[i].property, &before);
    gst_util_set_object_arg (G_OBJECT (h->element), cases[i].property,
        cases[i].value);
    g_object_get_property (G_OBJECT (h->element), cases[i].property, &after);
    fail_unless (gst_value_compare (&before, &after) == GST_VALUE_EQUAL,
        "%s: %s changed while streaming", cases[i].description,
        cases[i].property);
    msg = gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING);
    fail_unless (msg != NULL, "%s: no warning", cases[i].description);
    gst_message_unref (msg);
    g_value_unset (&before);
    g_value_unset (&after);
    harness_free (h, bus);
  }
}

GST_END_TEST;

/* The range a blurb states: its last "(... LOW to HIGH)", where LOW may be
 * missing after "OFF = off," (then OFF). FALSE when it states none. */
static gboolean
blurb_range (const gchar * blurb, gdouble * low, gdouble * high)
{
  const gchar *open = strrchr (blurb, '(');
  const gchar *to = open ? strstr (open, " to ") : NULL;
  const gchar *start = to;
  gchar *end;

  if (!to)
    return FALSE;
  while (start > open && (g_ascii_isdigit (start[-1]) || strchr ("+-.",
              start[-1])))
    start--;
  *low = g_ascii_strtod (start == to ? open + 1 : start, NULL);
  *high = g_ascii_strtod (to + 4, &end);
  return end != to + 4;
}

typedef void (*PropertyCheck) (GstElement * e, const gchar * element,
    GParamSpec * spec);

/* Runs `check` on each property of a fresh element of each kind. */
static void
check_every_property (PropertyCheck check)
{
  const gchar *elements[] = { "audiomaster", "loudnorm", "mixstrip" };

  for (guint i = 0; i < G_N_ELEMENTS (elements); i++) {
    GstElement *e = gst_element_factory_make (elements[i], NULL);
    guint n;
    GParamSpec **specs =
        g_object_class_list_properties (G_OBJECT_GET_CLASS (e), &n);

    for (guint j = 0; j < n; j++)
      check (e, elements[i], specs[j]);
    g_free (specs);
    gst_object_unref (e);
  }
}

/* A writable double property's blurb states its range, and that is what
 * it takes. */
static void
check_blurb_range (GstElement * e, const gchar * element, GParamSpec * spec)
{
  GParamSpecDouble *d;
  gdouble low, high, in_gap;

  if (!G_IS_PARAM_SPEC_DOUBLE (spec) || !(spec->flags & G_PARAM_WRITABLE))
    return;
  d = G_PARAM_SPEC_DOUBLE (spec);
  fail_unless (blurb_range (g_param_spec_get_blurb (spec), &low, &high),
      "%s %s: no range in \"%s\"", element, spec->name,
      g_param_spec_get_blurb (spec));
  if (low == d->minimum && high == d->maximum)
    return;
  /* else a gap between off (0) and the range: a value in it is refused,
   * the value kept */
  fail_unless ((d->minimum == 0.0 && low > 0.0 && high == d->maximum) ||
      (d->maximum == 0.0 && high < 0.0 && low == d->minimum),
      "%s %s: the blurb says %g to %g, the spec %g to %g", element,
      spec->name, low, high, d->minimum, d->maximum);
  in_gap = d->minimum == 0.0 ? low / 2.0 : high / 2.0;
  g_object_set (e, spec->name, d->minimum == 0.0 ? low : high, NULL);
  ASSERT_WARNING (g_object_set (e, spec->name, in_gap, NULL));
  fail_unless_equals_float (get_double (e, spec->name),
      d->minimum == 0.0 ? low : high);
  g_object_set (e, spec->name, 0.0, NULL);
  fail_unless_equals_float (get_double (e, spec->name), 0.0);
}

/* Each double property's blurb states its range, and that is what it
 * takes: mixstrip highpass=5 and lowpass=500 were taken against "0 = off,
 * 10 to 1000" and "1000 to 22000"; audiomaster target=-3 against "-40 to
 * -5". A value in such a gap is refused as GLib refuses one out of range. */
GST_START_TEST (test_blurbs_state_the_ranges)
{
  check_every_property (check_blurb_range);
}

GST_END_TEST;

/* A readable property of the element's own reads its declared default. */
static void
check_default (GstElement * e, const gchar * element, GParamSpec * spec)
{
  GValue value = G_VALUE_INIT;
  const GValue *declared = g_param_spec_get_default_value (spec);
  gchar *read_text, *declared_text;

  if (!(spec->flags & G_PARAM_READABLE) ||
      spec->owner_type != G_OBJECT_TYPE (e))
    return;
  g_value_init (&value, spec->value_type);
  g_object_get_property (G_OBJECT (e), spec->name, &value);
  read_text = g_strdup_value_contents (&value);
  declared_text = g_strdup_value_contents (declared);
  fail_unless (g_param_values_cmp (spec, &value, declared) == 0,
      "%s %s: reads %s, its default is %s", element, spec->name, read_text,
      declared_text);
  g_free (read_text);
  g_free (declared_text);
  g_value_unset (&value);
}

/* Every readable property of a fresh element reads what its spec declares
 * as the default, which gst-inspect-1.0 shows (the measurements read -inf
 * before any input, and say so). */
GST_START_TEST (test_fresh_elements_read_their_defaults)
{
  check_every_property (check_default);
}

GST_END_TEST;

/* The format a pipeline negotiates into the element's sink pad. */
static gchar *
negotiated_format (const gchar * description)
{
  GstElement *pipeline = parsed (description);
  GstElement *e = gst_bin_get_by_name (GST_BIN (pipeline), "e");
  GstPad *pad = gst_element_get_static_pad (e, "sink");
  GstCaps *caps;
  gchar *format;

  fail_unless (gst_element_set_state (pipeline, GST_STATE_PAUSED) !=
      GST_STATE_CHANGE_FAILURE);
  fail_unless (gst_element_get_state (pipeline, NULL, NULL,
          GST_CLOCK_TIME_NONE) == GST_STATE_CHANGE_SUCCESS, "%s", description);
  caps = gst_pad_get_current_caps (pad);
  format = g_strdup (gst_structure_get_string (gst_caps_get_structure (caps,
              0), "format"));
  gst_caps_unref (caps);
  gst_object_unref (pad);
  gst_object_unref (e);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (pipeline);
  return format;
}

/* loudnorm's delivery presets hold the numbers of the standards they name:
 * EBU R 128 (2020) and its s1 supplement, ATSC A/85:2013, the streaming
 * services' published targets, AES TD1004 for podcasts. */
GST_START_TEST (test_delivery_presets_hold_their_standards)
{
  static const struct
  {
    const gchar *preset;
    gdouble target, tolerance, ceiling;
  } presets[] = {
    {"ebu-r128", -23.0, 0.5, -1.0},
    {"ebu-r128-s1", -23.0, 0.5, -1.0},
    {"atsc-a85", -24.0, 2.0, -2.0},
    {"streaming", -14.0, 1.0, -1.0},
    {"apple", -16.0, 1.0, -1.0},
    {"podcast", -16.0, 1.0, -1.5},
  };

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++) {
    gchar *description = g_strdup_printf ("loudnorm preset=%s",
        presets[i].preset);
    GstElement *e = parsed (description);
    fail_unless_equals_float (get_double (e, "target"), presets[i].target);
    fail_unless_equals_float (get_double (e, "tolerance"),
        presets[i].tolerance);
    fail_unless_equals_float (get_double (e, "ceiling"), presets[i].ceiling);
    gst_object_unref (e);
    g_free (description);
  }
}

GST_END_TEST;

/* "audioconvert ! loudnorm ! wavenc" wrote 64-bit float WAV from 16-bit
 * input: audioconvert picks F64 of F32 and F64. The elements ask for F32
 * where upstream can give it, and take F64 where only that is possible. */
GST_START_TEST (test_prefers_f32)
{
  const gchar *elements[] = { "loudnorm", "audiomaster" };

  for (guint i = 0; i < G_N_ELEMENTS (elements); i++) {
    const struct
    {
      const gchar *format;
      const gchar *pipeline;
    } cases[] = {
      {GST_AUDIO_NE (F32), "audiotestsrc num-buffers=2 ! "
            "audio/x-raw,format=S16LE ! audioconvert ! %s name=e ! wavenc ! "
            "fakesink"},
      {GST_AUDIO_NE (F64), "audiotestsrc num-buffers=2 ! "
            "audio/x-raw,format=F64LE ! %s name=e ! fakesink"},
      {GST_AUDIO_NE (F64), "audiotestsrc num-buffers=2 ! audioconvert ! "
            "%s name=e ! audio/x-raw,format=F64LE ! fakesink"},
    };
    for (guint j = 0; j < G_N_ELEMENTS (cases); j++) {
      gchar *description = g_strdup_printf (cases[j].pipeline, elements[i]);
      gchar *format = negotiated_format (description);
      fail_unless_equals_string (format, cases[j].format);
      g_free (format);
      g_free (description);
    }
  }
}

GST_END_TEST;

static Suite *
settings_suite (void)
{
  Suite *s = suite_create ("settings");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_order_does_not_matter);
  tcase_add_test (tc, test_user_presets_round_trip);
  tcase_add_test (tc, test_refuses_change_while_streaming);
  tcase_add_test (tc, test_blurbs_state_the_ranges);
  tcase_add_test (tc, test_fresh_elements_read_their_defaults);
  tcase_add_test (tc, test_prefers_f32);
  tcase_add_test (tc, test_delivery_presets_hold_their_standards);
  return s;
}

CHECK_MAIN (settings);
