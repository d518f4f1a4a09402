/* gst-mixmaster: the pipeline of a session.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "mixmaster-pipeline.h"

#include <string.h>

#include "input-file.h"
#include "output-file.h"

/* Stems and meters need only their final report: one message an hour. */
#define QUIET_INTERVAL "interval=3600000000000"
/* audioresample's best quality: this is offline work */
#define RESAMPLE "audioresample quality=10"

/* gst_parse_launchv() takes one word per token (it escapes spaces, so that
 * a path may hold them) */
static void
add (GPtrArray * tokens, const gchar * text)
{
  gchar **words = g_strsplit (text, " ", -1);

  for (guint i = 0; words[i]; i++)
    g_ptr_array_add (tokens, words[i]);
  g_free (words);
}

static void
add_printf (GPtrArray * tokens, const gchar * format, ...)
G_GNUC_PRINTF (2, 3);

     static void add_printf (GPtrArray * tokens, const gchar * format, ...)
{
  va_list args;
  gchar *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  add (tokens, text);
  g_free (text);
}

/* The audiomaster preset for a loudnorm delivery preset. */
static const gchar *
master_preset_for (const gchar * delivery)
{
  if (g_str_has_prefix (delivery, "ebu-r128") || !strcmp (delivery, "atsc-a85"))
    return "broadcast";
  if (!strcmp (delivery, "podcast"))
    return "podcast-voice";
  if (!strcmp (delivery, "custom"))
    return "gentle";
  return "streaming";           /* streaming, apple */
}

/* The delivery's loudnorm, configured as the session says. */
static GstElement *
configured_delivery (MixmasterSession * session)
{
  GstElement *norm = session->delivery_specs;

  mixmaster_settings_apply (session->delivery, G_OBJECT (norm));
  return norm;
}

static void
add_double (GArray * settings, const gchar * property, gdouble d)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, d);
  mixmaster_settings_add (settings, property, &value);
  g_value_unset (&value);
}

/* An enum property's nick. */
static const gchar *
enum_nick (GstElement * element, const gchar * property)
{
  GParamSpec *spec = g_object_class_find_property (G_OBJECT_GET_CLASS
      (element), property);
  gint value;

  g_object_get (element, property, &value, NULL);
  return g_enum_get_value (G_PARAM_SPEC_ENUM (spec)->enum_class,
      value)->value_nick;
}

GArray *
mixmaster_master_settings (MixmasterSession * session)
{
  GstElement *norm = configured_delivery (session);
  GArray *settings = mixmaster_settings_new ();
  GArray *own = session->master;
  gdouble target, ceiling;

  g_object_get (norm, "target", &target, "ceiling", &ceiling, NULL);
  if (!mixmaster_settings_find (own, "preset")) {
    GParamSpec *spec = g_object_class_find_property (G_OBJECT_GET_CLASS
        (session->master_specs), "preset");
    GValue value = G_VALUE_INIT;
    g_value_init (&value, spec->value_type);
    gst_value_deserialize (&value, master_preset_for (enum_nick (norm,
                "preset")));
    mixmaster_settings_add (settings, "preset", &value);
    g_value_unset (&value);
  }
  if (!mixmaster_settings_find (own, "target"))
    add_double (settings, "target", target);
  if (!mixmaster_settings_find (own, "ceiling"))
    add_double (settings, "ceiling", ceiling);
  for (guint i = 0; i < own->len; i++) {
    MixmasterSetting *s = &g_array_index (own, MixmasterSetting, i);
    mixmaster_settings_add (settings, s->property, &s->value);
  }
  return settings;
}

/* What the description says of the elements that carry the user's data
 * (file names, settings). To build, it says nothing: they are set on the
 * built elements (mixmaster_pipeline_new()), so that no file name or value
 * is ever parsed as pipeline syntax. To print, it holds them, quoted. */
typedef struct
{
  gboolean with_values;
  GPtrArray *tokens;
} Description;

/* location="path", with gst-launch's own escapes for \ and " */
static void
add_location (Description * d, const gchar * path)
{
  GString *word = g_string_new ("location=\"");

  if (!d->with_values) {
    g_string_free (word, TRUE);
    return;
  }
  for (const gchar * c = path; *c; c++) {
    if (*c == '"' || *c == '\\')
      g_string_append_c (word, '\\');
    g_string_append_c (word, *c);
  }
  g_string_append_c (word, '"');
  g_ptr_array_add (d->tokens, g_string_free (word, FALSE));
}

static void
add_settings (Description * d, GArray * settings)
{
  if (d->with_values)
    mixmaster_settings_append_tokens (settings, d->tokens);
}

/* filesrc ! decodebin ! ... ! mixstrip ! ... ! mix. */
static void
describe_track (Description * d, MixmasterSession * session, guint i)
{
  MixmasterTrack *track = g_ptr_array_index (session->tracks, i);
  GPtrArray *tokens = d->tokens;

  add_printf (tokens, "filesrc name=source%u", i);
  add_location (d, track->path);
  add_printf (tokens, "! %s name=decoder%u ! audioconvert !", track->demuxer,
      i);
  /* the stem as recorded: its own rate and channels (a 5.1 stem with
   * BS.1770's surround weights), before the session's rate and downmix */
  add (tokens, "audio/x-raw,format=F32LE");
  add_printf (tokens, "! loudnorm name=stem%u mode=measure " QUIET_INTERVAL, i);
  add (tokens, "! audioconvert !");
  add (tokens, RESAMPLE);
  add_printf (tokens, "! audio/x-raw,format=F32LE,rate=%u,channels=[1,2]",
      session->rate);
  add_printf (tokens, "! mixstrip name=strip%u", i);
  add_settings (d, track->settings);
  add (tokens, "! audio/x-raw,channels=2");
  add_printf (tokens, "! loudnorm name=track%u mode=measure " QUIET_INTERVAL
      " ! mix.", i);
}

/* audioconvert (dither) ! raw format ! encoder ! filesink */
static void
describe_writer (Description * d, const gchar * name, const gchar * path,
    const gchar * raw_format, guint bitrate, gboolean beside_mixdown)
{
  GPtrArray *tokens = d->tokens;
  gchar *encoder = output_encoder_description (output_format_for_path (path),
      bitrate);

  add (tokens, "! audioconvert dithering=tpdf");
  if (raw_format)
    add_printf (tokens, "! audio/x-raw,format=%s", raw_format);
  add_printf (tokens, "! %s ! filesink name=%s", encoder, name);
  g_free (encoder);
  /* The master's sink prerolls only once the file modes have seen the whole
   * mix; a mixdown sink waiting in PAUSED for that would block the tee, so
   * with a mixdown no sink waits to preroll. */
  if (beside_mixdown)
    add (tokens, "async=false");
  add_location (d, path);
}

/* The mixdown keeps what the mix holds: float where the format can, else
 * 24 bits. */
static const gchar *
mixdown_format (const gchar * path)
{
  const OutputFormat *format = output_format_for_path (path);

  if (!format->lossless)
    return NULL;
  return output_sample_format (format, 32, TRUE) ?
      output_sample_format (format, 32, TRUE) :
      output_sample_format (format, 24, FALSE);
}

static gchar **
describe (MixmasterSession * session, const MixmasterOutputs * outputs,
    gboolean with_values)
{
  Description d = { with_values, g_ptr_array_new () };
  GPtrArray *tokens = d.tokens;
  GArray *master = mixmaster_master_settings (session);

  add (tokens, "audiomixer name=mix");
  add_printf (tokens, "! audio/x-raw,format=F32LE,rate=%u,channels=2",
      session->rate);
  add (tokens, "! loudnorm name=mixmeter mode=measure " QUIET_INTERVAL);
  if (outputs->mixdown)
    add (tokens, "! tee name=split ! queue");
  add (tokens, "! audiomaster name=master mode=file");
  add_settings (&d, master);
  add (tokens, "! loudnorm name=delivery mode=file " QUIET_INTERVAL);
  add_settings (&d, session->delivery);
  describe_writer (&d, "mastersink", outputs->master, outputs->master_format,
      outputs->bitrate, outputs->mixdown != NULL);
  if (outputs->mixdown) {
    add (tokens, "split. ! queue");
    describe_writer (&d, "mixdownsink", outputs->mixdown, mixdown_format
        (outputs->mixdown), 0, TRUE);
  }
  for (guint i = 0; i < session->tracks->len; i++)
    describe_track (&d, session, i);
  g_array_unref (master);
  g_ptr_array_add (tokens, NULL);
  return (gchar **) g_ptr_array_free (tokens, FALSE);
}

/* Sets settings (or a location) on the element called name in bin. */
static void
configure (GstElement * bin, const gchar * name, GArray * settings,
    const gchar * location)
{
  GstElement *element = gst_bin_get_by_name (GST_BIN (bin), name);

  if (settings)
    mixmaster_settings_apply (settings, G_OBJECT (element));
  if (location)
    g_object_set (element, "location", location, NULL);
  gst_object_unref (element);
}

GstElement *
mixmaster_pipeline_new (MixmasterSession * session,
    const MixmasterOutputs * outputs, GError ** error)
{
  gchar **description = describe (session, outputs, FALSE);
  GstElement *pipeline = gst_parse_launchv ((const gchar **) description,
      error);
  GArray *master;

  g_strfreev (description);
  if (!pipeline)
    return NULL;
  master = mixmaster_master_settings (session);
  configure (pipeline, "master", master, NULL);
  configure (pipeline, "delivery", session->delivery, NULL);
  configure (pipeline, "mastersink", NULL, outputs->master);
  if (outputs->master_tags) {
    GstElement *sink = gst_bin_get_by_name (GST_BIN (pipeline), "mastersink");
    gain_tags_set (sink, output_format_for_path (outputs->master),
        outputs->master_tags);
    gst_object_unref (sink);
  }
  if (outputs->mixdown)
    configure (pipeline, "mixdownsink", NULL, outputs->mixdown);
  for (guint i = 0; i < session->tracks->len; i++) {
    MixmasterTrack *track = g_ptr_array_index (session->tracks, i);
    gchar *source = g_strdup_printf ("source%u", i);
    gchar *strip = g_strdup_printf ("strip%u", i);
    gchar *decoder = g_strdup_printf ("decoder%u", i);
    GstElement *element = gst_bin_get_by_name (GST_BIN (pipeline), decoder);
    configure (pipeline, source, NULL, track->path);
    configure (pipeline, strip, track->settings, NULL);
    /* decodebin (not aiffparse): a track's video is no part of a mix; a
     * second audio stream is refused */
    if (GST_IS_BIN (element))
      input_file_watch_streams (element, FALSE);
    gst_object_unref (element);
    g_free (decoder);
    g_free (source);
    g_free (strip);
  }
  g_array_unref (master);
  return pipeline;
}

gchar *
mixmaster_pipeline_command_line (MixmasterSession * session,
    const MixmasterOutputs * outputs)
{
  gchar **description = describe (session, outputs, TRUE);
  GString *line = g_string_new ("gst-launch-1.0");

  for (guint i = 0; description[i]; i++) {
    const gchar *word = description[i];
    gboolean plain = strpbrk (word, " []()*?'\\\"$&;|<>~#") == NULL;
    gchar *quoted = plain ? g_strdup (word) : g_shell_quote (word);

    g_string_append_printf (line, " %s", quoted);
    g_free (quoted);
  }
  g_strfreev (description);
  return g_string_free (line, FALSE);
}
