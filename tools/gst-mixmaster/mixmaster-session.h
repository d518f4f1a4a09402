/* gst-mixmaster: a session, the tracks to mix and how to master them,
 * from a session file (GKeyFile) or the command line.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every setting names a property of the element it is for (mixstrip for a
 * track, audiomaster for the master, loudnorm for the delivery) and is
 * checked against that element's own GParamSpec when it is read, so a typo
 * or an out-of-range value is an error that names the track and the
 * property.
 */
#ifndef MIXMASTER_SESSION_H
#define MIXMASTER_SESSION_H

#include <gst/gst.h>

G_BEGIN_DECLS

typedef struct
{
  gchar *property;
  GValue value;                 /* of the property's type, validated */
} MixmasterSetting;

typedef struct
{
  gchar *name;                  /* [track NAME], or the file's base name */
  gchar *path;
  GArray *settings;             /* of MixmasterSetting, for its mixstrip;
                                 * in every list a preset comes first */
  /* from the file, by mixmaster_session_probe() */
  guint rate, channels;
  GstClockTime duration;
  const gchar *demuxer;         /* "aiffparse" or "decodebin" */
} MixmasterTrack;

typedef struct
{
  GPtrArray *tracks;            /* of MixmasterTrack */
  GArray *master;               /* audiomaster settings */
  GArray *delivery;             /* loudnorm settings */
  guint rate;                   /* Hz; 0 until probed: the highest track rate */
  GstClockTime duration;        /* the longest track's, once probed */
  /* one element of each kind, whose specs check the settings */
  GstElement *strip_specs, *master_specs, *delivery_specs;
} MixmasterSession;

MixmasterSession *mixmaster_session_new (void);
void mixmaster_session_free (MixmasterSession * session);

/* Reads a session file; track paths are relative to its folder. */
gboolean mixmaster_session_load (MixmasterSession * session,
    const gchar * path, GError ** error);

/* Adds a track from "PATH[:property=value,...]". */
gboolean mixmaster_session_add_track (MixmasterSession * session,
    const gchar * spec, GError ** error);

/* Adds "property=value,..." to the master (audiomaster) or the delivery
 * (loudnorm). */
gboolean mixmaster_session_set_master (MixmasterSession * session,
    const gchar * list, GError ** error);
gboolean mixmaster_session_set_delivery (MixmasterSession * session,
    const gchar * list, GError ** error);

/* Sets the session rate (0: the highest of the tracks). */
gboolean mixmaster_session_set_rate (MixmasterSession * session, gint rate,
    GError ** error);

/* Reads every track's rate, channels and duration, and chooses what
 * decodes it, refusing a session with no tracks, a missing file or one
 * that holds no audio. */
gboolean mixmaster_session_probe (MixmasterSession * session,
    GError ** error);

/* An empty list of settings (a GArray of MixmasterSetting). */
GArray *mixmaster_settings_new (void);

/* The value of a setting given for `property`, or NULL. */
const GValue *mixmaster_settings_find (GArray * settings,
    const gchar * property);

/* Appends the settings to a gst-launch description as "property=value"
 * tokens, in their order (a preset first). */
void mixmaster_settings_append_tokens (GArray * settings, GPtrArray * tokens);

/* A copy of the settings. */
GArray *mixmaster_settings_copy (GArray * settings);

/* Sets the settings on object, in their order. */
void mixmaster_settings_apply (GArray * settings, GObject * object);

/* Adds property=value to settings (a preset first); the caller knows it is
 * valid. */
void mixmaster_settings_add (GArray * settings, const gchar * property,
    const GValue * value);

G_END_DECLS
#endif
