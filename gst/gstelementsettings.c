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
gst_element_settings_install_messages (GObjectClass * klass,
    guint interval_id, guint post_messages_id, const gchar * message_name,
    gboolean final_report)
{
  /* the blurbs name the message: copied, not static */
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_NAME |
      G_PARAM_STATIC_NICK;
  gchar *interval = g_strdup_printf ("Time between %s messages, in "
      "nanoseconds (10 ms to 24 h)", message_name);
  gchar *post = g_strdup_printf ("Post an element message named '%s' "
      "every interval%s", message_name, final_report ? " and at EOS" : "");

  g_object_class_install_property (klass, interval_id,
      g_param_spec_uint64 ("interval", "Interval", interval,
          GST_ELEMENT_SETTINGS_MIN_INTERVAL,
          GST_ELEMENT_SETTINGS_MAX_INTERVAL,
          GST_ELEMENT_SETTINGS_DEFAULT_INTERVAL, flags));
  g_object_class_install_property (klass, post_messages_id,
      g_param_spec_boolean ("post-messages", "Post messages", post,
          GST_ELEMENT_SETTINGS_DEFAULT_POST_MESSAGES, flags));
  g_free (interval);
  g_free (post);
}

void
gst_element_settings_install_max_memory (GObjectClass * klass, guint prop_id)
{
  g_object_class_install_property (klass, prop_id,
      g_param_spec_uint ("max-memory", "Maximum memory", "mode=file: MiB of "
          "input kept in memory; the rest goes to a temporary file in "
          "$TMPDIR (1 to 1048576)", 1, 1 << 20,
          GST_ELEMENT_SETTINGS_DEFAULT_MAX_MEMORY_MIB,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
}
