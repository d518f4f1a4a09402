/* GStreamer mixmaster plug-in: continuous properties as a table over a
 * DSP parameter struct (mixstrip's strip_params, audiomaster's
 * master_params).
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_DOUBLE_PROPS_H__
#define __GST_DOUBLE_PROPS_H__

#include <glib-object.h>
#include <stddef.h>

G_BEGIN_DECLS

typedef struct
{
  const gchar *name;
  const gchar *nick;
  const gchar *blurb;           /* with the unit and the range */
  gdouble min, max, def;
  size_t offset;                /* of the double in the parameter struct */
  /* When on_min < on_max: 0 is "off" and the other values must lie in
   * [on_min, on_max] (min and max take in 0); others are refused. */
  gdouble on_min, on_max;
} GstDoubleProp;

/* on_min, on_max of a property without an off */
#define ALWAYS_ON 0, 0

/* Installs the table's properties as ids 1 .. n: doubles, readable,
 * writable and controllable. */
void gst_double_props_install (GObjectClass * klass,
    const GstDoubleProp * props, guint n);

/* The double in params that property prop_id (1 .. n) stands for, or
 * NULL for another id. */
gdouble *gst_double_props_field (gpointer params, const GstDoubleProp * props,
    guint n, guint prop_id);

/* Sets or gets the double property prop_id stands for; FALSE (nothing
 * done) for an id outside the table. A value in an "off" property's gap
 * (between 0 and its on_min or on_max) is refused as GLib refuses one out
 * of range: a warning, and the value stays. */
gboolean gst_double_props_set_value (gpointer params,
    const GstDoubleProp * props, guint n, guint prop_id, const GValue * value);
gboolean gst_double_props_get_value (gpointer params,
    const GstDoubleProp * props, guint n, guint prop_id, GValue * value);

/* A set of a table's properties (at most 64): bit i for property id i + 1.
 * The properties whose doubles differ between two parameter structs. */
guint64 gst_double_props_differing (gconstpointer a, gconstpointer b,
    const GstDoubleProp * props, guint n);

/* Copies base's doubles into params, except those of the properties in
 * kept (set explicitly: a preset fills in the rest). */
void gst_double_props_fill (gpointer params, gconstpointer base,
    const GstDoubleProp * props, guint n, guint64 kept);

G_END_DECLS
#endif
