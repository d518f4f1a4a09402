/* GStreamer mixmaster plug-in: what the elements' settings have in common.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gstelementsettings.h"

#include <string.h>

static const gchar *const not_in_presets[] = {
  "name", "parent", "qos", "mode", "interval", "post-messages",
  "max-memory", "report-location", "mute",
};

static gboolean
in_presets (const GParamSpec * spec)
{
  if ((spec->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE ||
      (spec->flags & G_PARAM_CONSTRUCT_ONLY) ||
      g_str_has_prefix (spec->name, "measured-"))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (not_in_presets); i++)
    if (!strcmp (spec->name, not_in_presets[i]))
      return FALSE;
  return TRUE;
}

gchar **
gst_element_settings_preset_properties (GstPreset * preset)
{
  guint n;
  GParamSpec **specs =
      g_object_class_list_properties (G_OBJECT_GET_CLASS (preset), &n);
  GStrvBuilder *names = g_strv_builder_new ();
  gchar **result;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (preset), "preset"))
    g_strv_builder_add (names, "preset");
  for (guint i = 0; i < n; i++)
    if (in_presets (specs[i]) && strcmp (specs[i]->name, "preset"))
      g_strv_builder_add (names, specs[i]->name);
  g_free (specs);
  result = g_strv_builder_end (names);
  g_strv_builder_unref (names);
  return result;
}

gboolean
gst_element_settings_load_user_preset (GstPreset * preset,
    const gchar * name, void (*settle) (GstPreset * preset))
{
  GstPresetInterface *files = g_type_default_interface_peek (GST_TYPE_PRESET);

  if (!files->load_preset (preset, name))
    return FALSE;
  GST_OBJECT_LOCK (preset);
  settle (preset);
  GST_OBJECT_UNLOCK (preset);
  return TRUE;
}

void
gst_element_settings_refuse_change (GstElement * element,
    const gchar * property)
{
  GST_ELEMENT_WARNING (element, CORE, STATE_CHANGE, ("%s can only change in "
          "the NULL or READY state; it keeps its value", property), (NULL));
}

void
gst_common_settings_init (GstCommonSettings * c)
{
  c->interval = 100 * GST_MSECOND;
  c->post_messages = TRUE;
  c->max_memory_mib = 512;
}

void
gst_common_settings_install (GObjectClass * klass, const gchar * message_name,
    gboolean final_report, gboolean file_mode)
{
  /* the blurbs name the message: copied, not static */
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_NAME |
      G_PARAM_STATIC_NICK;
  gchar *interval = g_strdup_printf ("Time between %s messages, in "
      "nanoseconds (10 ms to 24 h)", message_name);
  gchar *post = g_strdup_printf ("Post an element message named '%s' "
      "every interval%s", message_name, final_report ? " and at EOS" : "");
  GstCommonSettings defaults;

  gst_common_settings_init (&defaults);
  g_object_class_install_property (klass, GST_COMMON_PROP_INTERVAL,
      g_param_spec_uint64 ("interval", "Interval", interval,
          10 * GST_MSECOND, 24 * 3600 * GST_SECOND, defaults.interval, flags));
  g_object_class_install_property (klass, GST_COMMON_PROP_POST_MESSAGES,
      g_param_spec_boolean ("post-messages", "Post messages", post,
          defaults.post_messages, flags));
  if (file_mode)
    g_object_class_install_property (klass, GST_COMMON_PROP_MAX_MEMORY,
        g_param_spec_uint ("max-memory", "Maximum memory", "mode=file: MiB "
            "of input kept in memory; the rest goes to a temporary file in "
            "$TMPDIR (1 to 1048576)", 1, 1 << 20, defaults.max_memory_mib,
            G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_free (interval);
  g_free (post);
}

gboolean
gst_common_settings_set (GstCommonSettings * c, guint prop_id,
    const GValue * value)
{
  switch (prop_id) {
    case GST_COMMON_PROP_INTERVAL:
      c->interval = g_value_get_uint64 (value);
      return TRUE;
    case GST_COMMON_PROP_POST_MESSAGES:
      c->post_messages = g_value_get_boolean (value);
      return TRUE;
    case GST_COMMON_PROP_MAX_MEMORY:
      c->max_memory_mib = g_value_get_uint (value);
      return TRUE;
    default:
      return FALSE;
  }
}

gboolean
gst_common_settings_get (const GstCommonSettings * c, guint prop_id,
    GValue * value)
{
  switch (prop_id) {
    case GST_COMMON_PROP_INTERVAL:
      g_value_set_uint64 (value, c->interval);
      return TRUE;
    case GST_COMMON_PROP_POST_MESSAGES:
      g_value_set_boolean (value, c->post_messages);
      return TRUE;
    case GST_COMMON_PROP_MAX_MEMORY:
      g_value_set_uint (value, c->max_memory_mib);
      return TRUE;
    default:
      return FALSE;
  }
}
