/* GStreamer mixmaster plug-in: registering an enum property's GType.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gstenumtype.h"

GType
gst_enum_type_once (GType * type, const gchar * name, const GEnumValue * values)
{
  if (g_once_init_enter (type)) {
    GType registered = g_enum_register_static (name, values);
    g_once_init_leave (type, registered);
  }
  return *type;
}
