/* GStreamer mixmaster plug-in: what the elements' settings have in common:
 * the properties every element has (one definition, one range each), what
 * a GstPreset holds, and a change refused while streaming.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_ELEMENT_SETTINGS_H__
#define __GST_ELEMENT_SETTINGS_H__

#include <gst/gst.h>

G_BEGIN_DECLS

/* The properties every element has, one definition and one range each,
 * with ids of their own past any element's. Guarded by the element's
 * object lock; the streaming thread copies them once per buffer with the
 * rest of its settings. */
typedef struct
{
  guint64 interval;             /* ns between messages */
  gboolean post_messages;
  guint max_memory_mib;         /* file mode: kept in memory, the rest spilled */
} GstCommonSettings;

enum
{
  GST_COMMON_PROP_INTERVAL = 2000,
  GST_COMMON_PROP_POST_MESSAGES,
  GST_COMMON_PROP_MAX_MEMORY,
};

/* 100 ms between messages, posted; 512 MiB in memory. */
void gst_common_settings_init (GstCommonSettings * c);

/* "interval" (guint64, ns) and "post-messages" (gboolean), for an element
 * posting element messages named message_name (`final_report`: and one
 * more at the end of the stream); with `file_mode` also "max-memory"
 * (guint, MiB). */
void gst_common_settings_install (GObjectClass * klass,
    const gchar * message_name, gboolean final_report, gboolean file_mode);

/* Object lock held. Set or get a common property; FALSE (nothing done)
 * for another id. */
gboolean gst_common_settings_set (GstCommonSettings * c, guint prop_id,
    const GValue * value);
gboolean gst_common_settings_get (const GstCommonSettings * c, guint prop_id,
    GValue * value);

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
