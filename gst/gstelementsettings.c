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
