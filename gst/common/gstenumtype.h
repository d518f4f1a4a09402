/* GStreamer mixmaster plug-in: registering an enum property's GType.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_ENUM_TYPE_H__
#define __GST_ENUM_TYPE_H__

#include <glib-object.h>

G_BEGIN_DECLS

/* The enum type called name, registered from values (ending in a zeroed
 * row) the first time any thread asks, and kept in *type. */
GType gst_enum_type_once (GType * type, const gchar * name,
    const GEnumValue * values);

G_END_DECLS
#endif
