/* GStreamer mixmaster plug-in: mixstrip's continuous properties, a table
 * over the DSP's strip_params.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_MIX_STRIP_PROPS_H__
#define __GST_MIX_STRIP_PROPS_H__

#include <glib-object.h>
#include <stddef.h>

G_BEGIN_DECLS

typedef struct
{
  const gchar *name;
  const gchar *nick;
  const gchar *blurb;           /* with the unit and the range */
  gdouble min, max, def;
  size_t offset;                /* of the double in strip_params */
} GstMixStripDoubleProp;

extern const GstMixStripDoubleProp gst_mix_strip_double_props[];
extern const guint gst_mix_strip_n_double_props;

G_END_DECLS
#endif
