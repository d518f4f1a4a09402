/* GStreamer mixmaster plug-in: registration of its elements.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <gst/gst.h>

#include "gstaudiomaster.h"
#include "gstloudnorm.h"
#include "gstmixstrip.h"

static gboolean
plugin_init (GstPlugin * plugin)
{
  gboolean ret = FALSE;

  ret |= GST_ELEMENT_REGISTER (audiomaster, plugin);
  ret |= GST_ELEMENT_REGISTER (loudnorm, plugin);
  ret |= GST_ELEMENT_REGISTER (mixstrip, plugin);

  return ret;
}

GST_PLUGIN_DEFINE (GST_VERSION_MAJOR, GST_VERSION_MINOR, mixmaster,
    "Mixing, mastering and loudness normalization",
    plugin_init, VERSION, GST_LICENSE, GST_PACKAGE_NAME, GST_PACKAGE_ORIGIN)
