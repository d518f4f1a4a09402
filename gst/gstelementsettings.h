/* GStreamer mixmaster plug-in: what the elements' settings have in common:
 * the properties every element has (one definition, one range each), what
 * a GstPreset holds, and a change refused while streaming.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_ELEMENT_SETTINGS_H__
#define __GST_ELEMENT_SETTINGS_H__

#include <gst/gst.h>

G_BEGIN_DECLS

#define GST_ELEMENT_SETTINGS_DEFAULT_INTERVAL (100 * GST_MSECOND)
#define GST_ELEMENT_SETTINGS_MIN_INTERVAL (10 * GST_MSECOND)
#define GST_ELEMENT_SETTINGS_MAX_INTERVAL (24 * 3600 * GST_SECOND)
#define GST_ELEMENT_SETTINGS_DEFAULT_POST_MESSAGES TRUE
#define GST_ELEMENT_SETTINGS_DEFAULT_MAX_MEMORY_MIB 512

/* "interval" (guint64, ns) and "post-messages" (gboolean), for an element
 * posting element messages named message_name; `final_report`: it posts
 * one more at the end of the stream. */
void gst_element_settings_install_messages (GObjectClass * klass,
    guint interval_id, guint post_messages_id, const gchar * message_name,
    gboolean final_report);

/* "max-memory" (guint, MiB) of an element with a file mode. */
void gst_element_settings_install_max_memory (GObjectClass * klass,
    guint prop_id);

/* The properties a user preset saves and loads: those that shape the
 * sound, "preset" first, so loading one gives back what was saved. Not the
 * element's name and parent (loading would rename it), nor its place in a
 * pipeline (mode, messages, memory, report file, mute) or one file's
 * measurements (measured-*). */
gchar **gst_element_settings_preset_properties (GstPreset * preset);

/* Loads a user preset from GstPreset's files (its default load_preset),
 * then calls settle with the object lock held, so that the element counts
 * as set explicitly only the values that differ from its chosen preset. */
gboolean gst_element_settings_load_user_preset (GstPreset * preset,
    const gchar * name, void (*settle) (GstPreset * preset));

/* Posts a warning that property cannot change past READY (the element
 * was built for its value at the start of the stream) and keeps its
 * value. Call without the object lock held. */
void gst_element_settings_refuse_change (GstElement * element,
    const gchar * property);

G_END_DECLS
#endif
