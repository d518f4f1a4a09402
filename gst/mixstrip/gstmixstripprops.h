/* GStreamer mixmaster plug-in: mixstrip's continuous properties, a table
 * over the DSP's strip_params.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_MIX_STRIP_PROPS_H__
#define __GST_MIX_STRIP_PROPS_H__

#include "gstdoubleprops.h"

G_BEGIN_DECLS

extern const GstDoubleProp gst_mix_strip_double_props[];
extern const guint gst_mix_strip_n_double_props;

G_END_DECLS
#endif
