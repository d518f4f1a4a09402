/* GStreamer mixmaster plug-in: continuous properties as a table.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gstdoubleprops.h"

#include <gst/gst.h>

static gdouble
field_of (gconstpointer params, const GstDoubleProp * p)
{
  return *(const gdouble *) ((const gchar *) params + p->offset);
}

void
gst_double_props_install (GObjectClass * klass, const GstDoubleProp * props,
    guint n, gconstpointer defaults)
{
  for (guint i = 0; i < n; i++) {
    const GstDoubleProp *p = &props[i];
    g_object_class_install_property (klass, i + 1,
        g_param_spec_double (p->name, p->nick, p->blurb, p->min, p->max,
            field_of (defaults, p), G_PARAM_READWRITE |
            G_PARAM_STATIC_STRINGS | p->flags));
  }
}

gdouble *
gst_double_props_field (gpointer params, const GstDoubleProp * props,
    guint n, guint prop_id)
{
  if (prop_id < 1 || prop_id > n)
    return NULL;
  return (gdouble *) ((gchar *) params + props[prop_id - 1].offset);
}

/* 0 (off), or a value in [on_min, on_max], for the properties that have
 * an off; any value in range for the others. */
static gboolean
allowed (const GstDoubleProp * p, gdouble v)
{
  return p->on_min >= p->on_max || v == 0.0 || (v >= p->on_min &&
      v <= p->on_max);
}

gboolean
gst_double_props_set_value (gpointer params, const GstDoubleProp * props,
    guint n, guint prop_id, const GValue * value)
{
  gdouble *field = gst_double_props_field (params, props, n, prop_id);
  gdouble v;

  if (!field)
    return FALSE;
  v = g_value_get_double (value);
  if (allowed (&props[prop_id - 1], v))
    *field = v;
  else
    g_warning ("value %g is out of range for property '%s': 0 (off), or %g "
        "to %g", v, props[prop_id - 1].name, props[prop_id - 1].on_min,
        props[prop_id - 1].on_max);
  return TRUE;
}

gboolean
gst_double_props_get_value (gpointer params, const GstDoubleProp * props,
    guint n, guint prop_id, GValue * value)
{
  gdouble *field = gst_double_props_field (params, props, n, prop_id);

  if (field)
    g_value_set_double (value, *field);
  return field != NULL;
}

guint64
gst_double_props_differing (gconstpointer a, gconstpointer b,
    const GstDoubleProp * props, guint n)
{
  guint64 differing = 0;

  g_return_val_if_fail (n <= 64, 0);
  for (guint i = 0; i < n; i++)
    if (field_of (a, &props[i]) != field_of (b, &props[i]))
      differing |= G_GUINT64_CONSTANT (1) << i;
  return differing;
}

void
gst_double_props_fill (gpointer params, gconstpointer base,
    const GstDoubleProp * props, guint n, guint64 kept)
{
  g_return_if_fail (n <= 64);
  for (guint i = 0; i < n; i++)
    if (!(kept & (G_GUINT64_CONSTANT (1) << i)))
      *(gdouble *) ((gchar *) params + props[i].offset) =
          field_of (base, &props[i]);
}
