/* GStreamer mixmaster plug-in: an element's double properties as a table
 * over its settings struct (mixstrip's strip_params, audiomaster's
 * master_params, loudnorm's settings), their defaults read from that
 * struct as the DSP's *_params_default() fills it, so a default is written
 * once.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_DOUBLE_PROPS_H__
#define __GST_DOUBLE_PROPS_H__

#include <gst/gst.h>
#include <stddef.h>

G_BEGIN_DECLS

typedef struct
{
  const gchar *name;
  const gchar *nick;
  const gchar *blurb;           /* with the unit and the range */
  gdouble min, max;
  size_t offset;                /* of the double in the settings struct */
  /* When on_min < on_max: 0 is "off" and the other values must lie in
   * [on_min, on_max] (min and max take in 0); others are refused. */
  gdouble on_min, on_max;
  GParamFlags flags;            /* besides readable and writable */
} GstDoubleProp;

/* The last three fields of a row: how the value may change. */
/* controllable (GstController), any value in range */
#define CONTINUOUS 0, 0, GST_PARAM_CONTROLLABLE
/* controllable, 0 (off) or a value in [on_min, on_max] */
#define CONTINUOUS_OR_OFF(on_min, on_max) on_min, on_max, GST_PARAM_CONTROLLABLE
/* set, not automated (a tolerance, a measurement) */
#define SET_ONLY 0, 0, 0
/* applies from the next stream (what the DSP is built for) */
#define FROM_NEXT_STREAM 0, 0, GST_PARAM_MUTABLE_READY

/* Installs the table's properties as ids 1 .. n, each with the default
 * that `defaults` (a settings struct freshly set up) holds. */
void gst_double_props_install (GObjectClass * klass,
    const GstDoubleProp * props, guint n, gconstpointer defaults);

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
