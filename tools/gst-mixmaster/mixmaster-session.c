/* gst-mixmaster: a session, from a session file or the command line.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "mixmaster-session.h"

#include <string.h>
#include <unistd.h>

#include "input-file.h"

#define MIN_RATE 8000
#define MAX_RATE 384000
#define PROBE_TIMEOUT (20 * GST_SECOND)

/* Set by gst-mixmaster itself: the element's mode and messages, its name. */
static const gchar *const reserved_properties[] = {
  "name", "parent", "mode", "post-messages", "interval", "report-location",
  NULL
};

/* A preset goes first, so that the settings after it refine it whatever
 * order they were written in: every user of the list applies it in order. */
static void
settings_insert (GArray * settings, MixmasterSetting * setting)
{
  if (!strcmp (setting->property, "preset"))
    g_array_prepend_val (settings, *setting);
  else
    g_array_append_val (settings, *setting);
}

static void
setting_clear (gpointer data)
{
  MixmasterSetting *s = data;
  g_free (s->property);
  g_value_unset (&s->value);
}

GArray *
mixmaster_settings_new (void)
{
  GArray *settings = g_array_new (FALSE, TRUE, sizeof (MixmasterSetting));
  g_array_set_clear_func (settings, setting_clear);
  return settings;
}

static void
track_free (gpointer data)
{
  MixmasterTrack *t = data;
  g_free (t->name);
  g_free (t->path);
  g_array_unref (t->settings);
  g_free (t);
}

MixmasterSession *
mixmaster_session_new (void)
{
  MixmasterSession *session = g_new0 (MixmasterSession, 1);

  session->tracks = g_ptr_array_new_with_free_func (track_free);
  session->master = mixmaster_settings_new ();
  session->delivery = mixmaster_settings_new ();
  return session;
}

void
mixmaster_session_free (MixmasterSession * session)
{
  g_ptr_array_unref (session->tracks);
  g_array_unref (session->master);
  g_array_unref (session->delivery);
  g_clear_object (&session->strip_specs);
  g_clear_object (&session->master_specs);
  g_clear_object (&session->delivery_specs);
  g_free (session);
}

/* The element whose specs check settings for it, made once. */
static GstElement *
specs_element (GstElement ** cache, const gchar * factory, GError ** error)
{
  if (!*cache) {
    *cache = gst_element_factory_make (factory, NULL);
    if (*cache)
      gst_object_ref_sink (*cache);
  }
  if (!*cache)
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN,
        "the %s element is not installed (set GST_PLUGIN_PATH to the "
        "build's gst/ folder, or install the plug-in)", factory);
  return *cache;
}

/* Levenshtein distance, for "did you mean". */
static guint
edit_distance (const gchar * a, const gchar * b)
{
  guint n = strlen (b), previous[64], current[64];

  if (n >= G_N_ELEMENTS (previous))
    return G_MAXUINT;
  for (guint j = 0; j <= n; j++)
    previous[j] = j;
  for (guint i = 1; a[i - 1]; i++) {
    current[0] = i;
    for (guint j = 1; j <= n; j++)
      current[j] = MIN (MIN (previous[j], current[j - 1]) + 1,
          previous[j - 1] + (a[i - 1] != b[j - 1]));
    memcpy (previous, current, (n + 1) * sizeof (guint));
  }
  return previous[n];
}

/* " (did you mean 'fader'?)" for the closest property, or "". */
static gchar *
suggestion (GstElement * element, const gchar * property)
{
  guint n, best = 3;
  GParamSpec **specs =
      g_object_class_list_properties (G_OBJECT_GET_CLASS (element), &n);
  const gchar *closest = NULL;
  gchar *text;

  for (guint i = 0; i < n; i++) {
    guint d = edit_distance (property, specs[i]->name);
    if (d < best) {
      best = d;
      closest = specs[i]->name;
    }
  }
  text = closest ? g_strdup_printf (" (did you mean '%s'?)", closest) :
      g_strdup ("");
  g_free (specs);
  return text;
}

/* The enum's nicks, "a, b, c". */
static gchar *
enum_nicks (GParamSpec * spec)
{
  GEnumClass *klass = G_PARAM_SPEC_ENUM (spec)->enum_class;
  GString *nicks = g_string_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    g_string_append_printf (nicks, "%s%s", i ? ", " : "",
        klass->values[i].value_nick);
  return g_string_free (nicks, FALSE);
}

static gboolean
bad_value (const gchar * owner, GParamSpec * spec, const gchar * text,
    const gchar * problem, GError ** error)
{
  gchar *detail = G_IS_PARAM_SPEC_ENUM (spec) ? enum_nicks (spec) :
      g_strdup (g_param_spec_get_blurb (spec));

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
      "%s: %s=%s %s (%s%s)", owner, spec->name, text, problem,
      G_IS_PARAM_SPEC_ENUM (spec) ? "one of: " : "", detail);
  g_free (detail);
  return FALSE;
}

/* Checks property=text against element's spec and appends it to
 * settings; owner ("track 'vox'", "master") leads any error. */
static gboolean
add_setting (GArray * settings, GstElement * element, const gchar * owner,
    const gchar * property, const gchar * text, GError ** error)
{
  GParamSpec *spec = g_object_class_find_property (G_OBJECT_GET_CLASS
      (element), property);
  MixmasterSetting setting = { NULL, G_VALUE_INIT };

  if (!spec) {
    gchar *hint = suggestion (element, property);
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "%s: %s has no property '%s'%s", owner,
        GST_OBJECT_NAME (gst_element_get_factory (element)), property, hint);
    g_free (hint);
    return FALSE;
  }
  if (g_strv_contains (reserved_properties, spec->name) ||
      !(spec->flags & G_PARAM_WRITABLE)) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "%s: '%s' cannot be set in a session", owner, spec->name);
    return FALSE;
  }
  g_value_init (&setting.value, spec->value_type);
  if (!gst_value_deserialize (&setting.value, text)) {
    g_value_unset (&setting.value);
    return bad_value (owner, spec, text, "is not a valid value", error);
  }
  if (g_param_value_validate (spec, &setting.value)) {
    g_value_unset (&setting.value);
    return bad_value (owner, spec, text, "is out of range", error);
  }
  setting.property = g_strdup (spec->name);
  settings_insert (settings, &setting);
  return TRUE;
}

/* "property=value,property=value" */
static gboolean
add_setting_list (GArray * settings, GstElement * element,
    const gchar * owner, const gchar * list, GError ** error)
{
  gchar **items = g_strsplit (list, ",", -1);
  gboolean ok = TRUE;

  for (guint i = 0; ok && items[i]; i++) {
    gchar *item = g_strstrip (items[i]), *equals = strchr (item, '=');
    if (!*item)
      continue;
    if (!equals) {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
          "%s: '%s' is not property=value", owner, item);
      ok = FALSE;
      break;
    }
    *equals = '\0';
    ok = add_setting (settings, element, owner, g_strstrip (item),
        g_strstrip (equals + 1), error);
  }
  g_strfreev (items);
  return ok;
}

static MixmasterTrack *
track_new (MixmasterSession * session, const gchar * name, const gchar * path)
{
  MixmasterTrack *track = g_new0 (MixmasterTrack, 1);

  track->name = g_strdup (name);
  track->path = g_strdup (path);
  track->settings = mixmaster_settings_new ();
  g_ptr_array_add (session->tracks, track);
  return track;
}

gboolean
mixmaster_session_add_track (MixmasterSession * session, const gchar * spec,
    GError ** error)
{
  GstElement *strip = specs_element (&session->strip_specs, "mixstrip", error);
  const gchar *colon = strrchr (spec, ':');
  gchar *path, *base, *owner;
  MixmasterTrack *track;
  gboolean ok = TRUE;

  if (!strip)
    return FALSE;
  /* PATH:settings when what follows the last colon holds settings */
  if (colon && !strchr (colon, '='))
    colon = NULL;
  path = colon ? g_strndup (spec, colon - spec) : g_strdup (spec);
  base = g_path_get_basename (path);
  if (strrchr (base, '.') && strrchr (base, '.') != base)
    *strrchr (base, '.') = '\0';
  track = track_new (session, base, path);
  owner = g_strdup_printf ("track '%s'", track->name);
  if (colon)
    ok = add_setting_list (track->settings, strip, owner, colon + 1, error);
  g_free (owner);
  g_free (base);
  g_free (path);
  return ok;
}

gboolean
mixmaster_session_set_master (MixmasterSession * session, const gchar * list,
    GError ** error)
{
  GstElement *master = specs_element (&session->master_specs, "audiomaster",
      error);
  return master && add_setting_list (session->master, master, "master", list,
      error);
}

gboolean
mixmaster_session_set_delivery (MixmasterSession * session,
    const gchar * list, GError ** error)
{
  GstElement *norm = specs_element (&session->delivery_specs, "loudnorm",
      error);
  return norm && add_setting_list (session->delivery, norm, "delivery", list,
      error);
}

gboolean
mixmaster_session_set_rate (MixmasterSession * session, gint rate,
    GError ** error)
{
  if (rate != 0 && (rate < MIN_RATE || rate > MAX_RATE)) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "rate %d Hz is out of range (%d to %d, or 0 for the tracks' highest)",
        rate, MIN_RATE, MAX_RATE);
    return FALSE;
  }
  session->rate = rate;
  return TRUE;
}

/* Every key of a group as element properties. */
static gboolean
load_group (GKeyFile * file, const gchar * group, GArray * settings,
    GstElement * element, const gchar * owner, const gchar * skip,
    GError ** error)
{
  gchar **keys = g_key_file_get_keys (file, group, NULL, error);
  gboolean ok = keys != NULL;

  for (guint i = 0; ok && keys[i]; i++) {
    gchar *text;
    if (skip && !strcmp (keys[i], skip))
      continue;
    text = g_key_file_get_string (file, group, keys[i], error);
    ok = text && add_setting (settings, element, owner, keys[i], text, error);
    g_free (text);
  }
  g_strfreev (keys);
  return ok;
}

/* A track's file=: a file name is bytes, so one that is not UTF-8 (a
 * Latin-1 name) is taken as it is written, which GKeyFile's strings
 * refuse. */
static gchar *
track_file (GKeyFile * file, const gchar * group)
{
  GError *error = NULL;
  gchar *path = g_key_file_get_string (file, group, "file", &error);

  if (g_error_matches (error, G_KEY_FILE_ERROR,
          G_KEY_FILE_ERROR_UNKNOWN_ENCODING))
    path = g_key_file_get_value (file, group, "file", NULL);
  g_clear_error (&error);
  return path;
}

static gboolean
load_track (MixmasterSession * session, GKeyFile * file, const gchar * group,
    const gchar * folder, GError ** error)
{
  const gchar *name = group + strlen ("track");
  GstElement *strip = specs_element (&session->strip_specs, "mixstrip", error);
  gchar *owner, *relative, *path;
  MixmasterTrack *track;
  gboolean ok;

  while (*name == ' ')
    name++;
  if (!strip)
    return FALSE;
  owner = g_strdup_printf ("track '%s'", name);
  relative = track_file (file, group);
  if (!*name || !relative || !*relative) {
    g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
        "[%s]: a track needs a name ([track NAME]) and file=PATH", group);
    g_free (owner);
    g_free (relative);
    return FALSE;
  }
  path = g_path_is_absolute (relative) ? g_strdup (relative) :
      g_build_filename (folder, relative, NULL);
  track = track_new (session, name, path);
  ok = load_group (file, group, track->settings, strip, owner, "file", error);
  g_free (owner);
  g_free (relative);
  g_free (path);
  return ok;
}

static gboolean
load_session_group (MixmasterSession * session, GKeyFile * file,
    GError ** error)
{
  gchar **keys = g_key_file_get_keys (file, "session", NULL, NULL);
  gboolean ok = TRUE;

  for (guint i = 0; ok && keys && keys[i]; i++) {
    if (!strcmp (keys[i], "rate")) {
      GError *local = NULL;
      gint rate = g_key_file_get_integer (file, "session", "rate", &local);
      if (local)
        g_propagate_error (error, local);
      ok = !local && mixmaster_session_set_rate (session, rate, error);
    } else {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
          "[session]: unknown key '%s' (the only one is rate)", keys[i]);
      ok = FALSE;
    }
  }
  g_strfreev (keys);
  return ok;
}

static gboolean
load_groups (MixmasterSession * session, GKeyFile * file,
    const gchar * folder, GError ** error)
{
  gchar **groups = g_key_file_get_groups (file, NULL);
  gboolean ok = TRUE;

  for (guint i = 0; ok && groups[i]; i++) {
    const gchar *g = groups[i];
    if (!strcmp (g, "session"))
      ok = load_session_group (session, file, error);
    else if (!strcmp (g, "master"))
      ok = specs_element (&session->master_specs, "audiomaster", error) &&
          load_group (file, g, session->master, session->master_specs,
          "master", NULL, error);
    else if (!strcmp (g, "delivery"))
      ok = specs_element (&session->delivery_specs, "loudnorm", error) &&
          load_group (file, g, session->delivery, session->delivery_specs,
          "delivery", NULL, error);
    else if (g_str_has_prefix (g, "track ") || !strcmp (g, "track"))
      ok = load_track (session, file, g, folder, error);
    else {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND,
          "unknown section [%s] (the sections are [session], [track NAME], "
          "[master] and [delivery])", g);
      ok = FALSE;
    }
  }
  g_strfreev (groups);
  return ok;
}

/* GKeyFile merges two sections of one name into one, so two [track a]
 * with different files would lose a track without a word: the text is
 * read for its section lines first, and a second one of a name refused. */
static gboolean
check_sections_unique (const gchar * text, GError ** error)
{
  gchar **lines = g_strsplit (text, "\n", -1);
  GHashTable *seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean ok = TRUE;

  for (guint i = 0; ok && lines[i]; i++) {
    gchar *line = g_strstrip (lines[i]);
    gsize n = strlen (line);
    if (n < 2 || line[0] != '[' || line[n - 1] != ']')
      continue;
    line[n - 1] = '\0';
    if (!g_hash_table_add (seen, line + 1)) {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE,
          "[%s] is given twice (line %u); give each section once, each "
          "track its own name", line + 1, i + 1);
      ok = FALSE;
    }
  }
  g_hash_table_unref (seen);
  g_strfreev (lines);
  return ok;
}

gboolean
mixmaster_session_load (MixmasterSession * session, const gchar * path,
    GError ** error)
{
  GKeyFile *file = g_key_file_new ();
  gchar *folder = g_path_get_dirname (path);
  GError *local = NULL;
  gchar *text = NULL;
  gsize length = 0;
  gboolean ok = g_file_get_contents (path, &text, &length, &local) &&
      check_sections_unique (text, &local) &&
      g_key_file_load_from_data (file, text, length, G_KEY_FILE_NONE,
      &local) && load_groups (session, file, folder, &local);

  g_free (text);
  if (!ok) {
    g_set_error (error, local->domain, local->code, "%s: %s", path,
        local->message);
    g_error_free (local);
  }
  g_key_file_free (file);
  g_free (folder);
  return ok;
}

/* Prerolls "filesrc ! demuxer ! audioconvert ! fakesink"; the message that
 * ended it (ASYNC_DONE or ERROR), or NULL on a timeout. */
static GstMessage *
preroll (GstElement * pipeline)
{
  GstBus *bus = gst_element_get_bus (pipeline);
  GstMessage *msg;

  gst_element_set_state (pipeline, GST_STATE_PAUSED);
  msg = gst_bus_timed_pop_filtered (bus, PROBE_TIMEOUT,
      GST_MESSAGE_ASYNC_DONE | GST_MESSAGE_ERROR);
  gst_object_unref (bus);
  return msg;
}

/* Rate, channels and duration from the prerolled pipeline's sink. */
static gboolean
read_stream (GstElement * pipeline, MixmasterTrack * track)
{
  GstElement *sink = gst_bin_get_by_name (GST_BIN (pipeline), "probe");
  GstPad *pad = gst_element_get_static_pad (sink, "sink");
  GstCaps *caps = gst_pad_get_current_caps (pad);
  GstStructure *s = caps ? gst_caps_get_structure (caps, 0) : NULL;
  gint rate = 0, channels = 0;
  gint64 duration = -1;

  if (s && gst_structure_has_name (s, "audio/x-raw") &&
      gst_structure_get_int (s, "rate", &rate) &&
      gst_structure_get_int (s, "channels", &channels) &&
      gst_element_query_duration (pipeline, GST_FORMAT_TIME, &duration)) {
    track->rate = rate;
    track->channels = channels;
    track->duration = duration;
  }
  if (caps)
    gst_caps_unref (caps);
  gst_object_unref (pad);
  gst_object_unref (sink);
  return track->rate > 0;
}

/* Rate, channels and duration of a track's audio stream. */
static gboolean
probe_track (MixmasterTrack * track, GError ** error)
{
  const gchar *words[] = { "filesrc", "name=source", "!", NULL, "!",
    "audioconvert", "!", "fakesink", "name=probe", NULL
  };
  GstElement *pipeline, *source;
  GstMessage *msg = NULL;
  GError *local = NULL;
  gboolean ok;

  if (!input_file_check_readable (track->path, &local)) {
    g_set_error (error, local->domain, local->code, "track '%s': %s",
        track->name, local->message);
    g_clear_error (&local);
    return FALSE;
  }
  track->demuxer = input_file_demuxer (track->path);
  words[3] = track->demuxer;
  pipeline = gst_parse_launchv (words, error);
  if (!pipeline)
    return FALSE;
  /* the file name is set, never parsed */
  source = gst_bin_get_by_name (GST_BIN (pipeline), "source");
  g_object_set (source, "location", track->path, NULL);
  gst_object_unref (source);
  msg = preroll (pipeline);
  if (msg && GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR)
    gst_message_parse_error (msg, &local, NULL);
  ok = msg && !local && read_stream (pipeline, track);
  if (!ok)
    g_set_error (error, GST_STREAM_ERROR, GST_STREAM_ERROR_WRONG_TYPE,
        "track '%s': %s: %s%s%s%s", track->name, track->path,
        msg ? "not an audio file GStreamer can read" : "reading it timed out",
        local ? " (" : "", local ? local->message : "", local ? ")" : "");
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (pipeline);
  if (msg)
    gst_message_unref (msg);
  g_clear_error (&local);
  return ok;
}

gboolean
mixmaster_session_probe (MixmasterSession * session, GError ** error)
{
  guint highest = 0;
  gboolean ok = TRUE;

  if (session->tracks->len == 0) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "the session has no tracks (give --track FILE, or a session file "
        "with [track NAME] sections holding file=PATH)");
    return FALSE;
  }
  session->duration = 0;
  for (guint i = 0; ok && i < session->tracks->len; i++) {
    MixmasterTrack *t = g_ptr_array_index (session->tracks, i);
    ok = probe_track (t, error);
    if (ok && t->duration == 0) {
      g_set_error (error, GST_STREAM_ERROR, GST_STREAM_ERROR_FAILED,
          "track '%s': %s holds no audio (its header says 0 samples); leave "
          "it out of the session", t->name, t->path);
      ok = FALSE;
    }
    if (ok) {
      highest = MAX (highest, t->rate);
      session->duration = MAX (session->duration, t->duration);
    }
  }
  if (ok && session->rate == 0)
    session->rate = CLAMP (highest, MIN_RATE, MAX_RATE);
  return ok;
}

const GValue *
mixmaster_settings_find (GArray * settings, const gchar * property)
{
  for (guint i = 0; i < settings->len; i++) {
    MixmasterSetting *s = &g_array_index (settings, MixmasterSetting, i);
    if (!strcmp (s->property, property))
      return &s->value;
  }
  return NULL;
}

void
mixmaster_settings_append_tokens (GArray * settings, GPtrArray * tokens)
{
  for (guint i = 0; i < settings->len; i++) {
    MixmasterSetting *s = &g_array_index (settings, MixmasterSetting, i);
    gchar *value = gst_value_serialize (&s->value);
    g_ptr_array_add (tokens, g_strdup_printf ("%s=%s", s->property, value));
    g_free (value);
  }
}

GArray *
mixmaster_settings_copy (GArray * settings)
{
  GArray *copy = mixmaster_settings_new ();

  for (guint i = 0; i < settings->len; i++) {
    MixmasterSetting *s = &g_array_index (settings, MixmasterSetting, i);
    mixmaster_settings_add (copy, s->property, &s->value);
  }
  return copy;
}

void
mixmaster_settings_apply (GArray * settings, GObject * object)
{
  for (guint i = 0; i < settings->len; i++) {
    MixmasterSetting *s = &g_array_index (settings, MixmasterSetting, i);
    g_object_set_property (object, s->property, &s->value);
  }
}

void
mixmaster_settings_add (GArray * settings, const gchar * property,
    const GValue * value)
{
  MixmasterSetting setting = { g_strdup (property), G_VALUE_INIT };

  g_value_init (&setting.value, G_VALUE_TYPE (value));
  g_value_copy (value, &setting.value);
  settings_insert (settings, &setting);
}
