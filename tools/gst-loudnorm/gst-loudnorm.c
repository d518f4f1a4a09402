/* gst-loudnorm: loudness-normalizes audio files with the loudnorm element
 * in file mode (two passes in one pipeline), or measures them.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   gst-loudnorm [--preset P] [--target LUFS] [--ceiling dBTP]
 *       [--tolerance LU] [--policy P] IN|DIR... (-o OUT | --output-dir DIR)
 *       [--json FILE|-] [--bitrate KBPS] [--measure-only [--check]]
 *       [--gain-tags] [--force] [-q | -v]
 *
 * Decodes anything GStreamer can, keeps the input's rate and channels,
 * writes WAV, AIFF, FLAC, Ogg Vorbis, Opus, MP3 or AAC (.m4a) by the
 * output's extension (tags and a WAV's bext chunk kept, stale gain tags
 * dropped; --gain-tags: the written file's own), and
 * prints a before/after table and the verdict of the preset. Exit status:
 * 0 when every output meets the target, 2 when one does not (measuring:
 * only with --check), 1 on errors.
 */
#include <gst/audio/audio.h>
#include <gst/gst.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bext.h"
#include "report-output.h"
#include "command-line.h"
#include "gain-tags.h"
#include "input-file.h"
#include "interruption.h"
#include "gstloudnessreport.h"
#include "output-file.h"
#include "pipeline-run.h"
#include "progress.h"
#include "written-file.h"

typedef struct
{
  gchar *preset;
  gdouble target, ceiling, tolerance;   /* NAN: from the preset */
  gchar *policy;
  gchar **inputs;
  gchar *output, *output_dir, *json;
  gint bitrate;                 /* kbit/s, lossy outputs; 0: the default */
  gboolean measure_only, check;
  CommandLineWriting writing;
} Options;

/* What one file went through: the progress bar, the report. */
typedef struct
{
  GstElement *pipeline;
  GstElement *out_caps;         /* NULL when measuring */
  const OutputFormat *format;   /* WAV/AIFF: keep the input's sample format */
  Progress progress;
  const gchar *name;            /* on the progress bar */
  GstStructure *report;
  gint64 stated_duration;       /* by the container at the end, or -1 */
  gchar *error;
} Job;

/* WAV and AIFF keep the input's sample format (integer depth, with TPDF
 * dither from audioconvert, or float). */
static GstPadProbeReturn
on_input_caps (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  GstEvent *event = GST_PAD_PROBE_INFO_EVENT (info);
  Job *job = user_data;
  GstAudioInfo audio;
  GstCaps *caps;
  const gchar *format;

  if (GST_EVENT_TYPE (event) != GST_EVENT_CAPS || !job->out_caps)
    return GST_PAD_PROBE_OK;
  gst_event_parse_caps (event, &caps);
  if (!gst_audio_info_from_caps (&audio, caps))
    return GST_PAD_PROBE_OK;
  /* refused, never folded down by the encoder's caps */
  if ((guint) GST_AUDIO_INFO_CHANNELS (&audio) > job->format->max_channels) {
    GST_ELEMENT_ERROR (GST_PAD_PARENT (pad), STREAM, FORMAT,
        ("the input has %d channels and %s holds at most %u; write .flac, "
            ".wav or .ogg", GST_AUDIO_INFO_CHANNELS (&audio),
            job->format->extension + 1, job->format->max_channels), (NULL));
    return GST_PAD_PROBE_DROP;
  }
  if (!job->format->lossless || !strcmp (job->format->extension, ".flac"))
    return GST_PAD_PROBE_OK;
  /* float into AIFF, which holds integers only: 24 bits */
  format = output_sample_format (job->format, GST_AUDIO_INFO_DEPTH (&audio),
      GST_AUDIO_INFO_IS_FLOAT (&audio));
  if (!format)
    format = output_sample_format (job->format, 24, FALSE);
  caps = gst_caps_new_simple ("audio/x-raw", "format", G_TYPE_STRING, format,
      NULL);
  g_object_set (job->out_caps, "caps", caps, NULL);
  gst_caps_unref (caps);
  return GST_PAD_PROBE_REMOVE;
}

static gchar *
pipeline_description (const Options * o, const gchar * output)
{
  gchar *norm = g_strdup_printf ("loudnorm name=norm mode=%s "
      "interval=1000000000", o->measure_only ? "measure" : "file");
  gchar *description;

  if (o->measure_only) {
    description = g_strdup_printf ("uridecodebin name=source caps=audio/x-raw "
        "! audioconvert name=convert ! %s ! fakesink", norm);
  } else {
    gchar *encoder = output_encoder_description (output_format_for_path
        (output), o->bitrate);
    description = g_strdup_printf ("uridecodebin name=source caps=audio/x-raw "
        "! audioconvert name=convert ! audio/x-raw,format={%s,%s} ! %s ! "
        "audioconvert name=writer ! capsfilter name=outcaps ! %s ! "
        "filesink name=sink", GST_AUDIO_NE (F32), GST_AUDIO_NE (F64), norm,
        encoder);
    g_free (encoder);
  }
  g_free (norm);
  return description;
}

/* Sets the target properties on loudnorm (check_options validated them
 * against its own specs). */
static void
configure_loudnorm (GstElement * norm, const Options * o)
{
  if (o->preset)
    gst_util_set_object_arg (G_OBJECT (norm), "preset", o->preset);
  if (o->policy)
    gst_util_set_object_arg (G_OBJECT (norm), "policy", o->policy);
  if (!isnan (o->target))
    g_object_set (norm, "target", o->target, NULL);
  if (!isnan (o->ceiling))
    g_object_set (norm, "ceiling", o->ceiling, NULL);
  if (!isnan (o->tolerance))
    g_object_set (norm, "tolerance", o->tolerance, NULL);
}

/* A job; tags: the gain tags to write, or NULL. */
static Job *
job_new (const Options * o, const gchar * input, const gchar * partial,
    const GainTags * tags, GError ** error)
{
  gchar *description = pipeline_description (o, partial);
  gchar *uri = gst_filename_to_uri (input, error);
  Job *job;
  GstElement *source, *convert, *norm;
  GstPad *pad;

  if (!uri) {
    g_free (description);
    return NULL;
  }
  job = g_new0 (Job, 1);
  job->stated_duration = -1;
  progress_init (&job->progress);
  job->pipeline = gst_parse_launch (description, error);
  g_free (description);
  if (!job->pipeline) {
    g_free (uri);
    progress_clear (&job->progress);
    g_free (job);
    return NULL;
  }
  source = gst_bin_get_by_name (GST_BIN (job->pipeline), "source");
  convert = gst_bin_get_by_name (GST_BIN (job->pipeline), "convert");
  norm = gst_bin_get_by_name (GST_BIN (job->pipeline), "norm");
  g_object_set (source, "uri", uri, NULL);
  input_file_watch_streams (source, !o->measure_only);
  configure_loudnorm (norm, o);
  progress_watch (&job->progress, norm, "sink");
  pad = gst_element_get_static_pad (convert, "sink");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, on_input_caps,
      job, NULL);
  gst_object_unref (pad);
  if (!o->measure_only) {
    GstElement *sink = gst_bin_get_by_name (GST_BIN (job->pipeline), "sink");
    GstElement *writer = gst_bin_get_by_name (GST_BIN (job->pipeline),
        "writer");
    job->out_caps = gst_bin_get_by_name (GST_BIN (job->pipeline), "outcaps");
    job->format = output_format_for_path (partial);
    g_object_set (sink, "location", partial, NULL);
    if (tags)
      gain_tags_set (sink, job->format, tags);
    progress_watch (&job->progress, norm, "src");
    pad = gst_element_get_static_pad (writer, "sink");
    output_drop_stale_tags (pad);
    gst_object_unref (pad);
    gst_object_unref (writer);
    gst_object_unref (sink);
  }
  gst_object_unref (source);
  gst_object_unref (convert);
  gst_object_unref (norm);
  g_free (uri);
  return job;
}

static void
job_free (Job * job)
{
  gst_element_set_state (job->pipeline, GST_STATE_NULL);
  gst_object_unref (job->pipeline);
  if (job->out_caps)
    gst_object_unref (job->out_caps);
  if (job->report)
    gst_structure_free (job->report);
  g_free (job->error);
  progress_clear (&job->progress);
  g_free (job);
}

static void
keep_final_report (GstMessage * msg, gpointer data)
{
  pipeline_run_keep_final_report (msg, &((Job *) data)->report);
}

static void
show_progress (GstElement * pipeline, gpointer data)
{
  Job *job = data;
  gint64 duration = -1;

  gst_element_query_duration (pipeline, GST_FORMAT_TIME, &duration);
  progress_show (&job->progress, duration, "measured", job->name);
}

static gchar *
error_line (GstMessage * msg, G_GNUC_UNUSED gpointer data)
{
  return input_file_error_text (msg);
}

/* Runs the pipeline to EOS, keeping the final loudness report. */
static gboolean
job_run (Job * job, const gchar * name, gboolean progress)
{
  PipelineRunHooks hooks = { keep_final_report,
    progress ? show_progress : NULL, error_line, job
  };

  job->name = name;
  job->error = pipeline_run (job->pipeline, &hooks);
  if (!job->error)
    gst_element_query_duration (job->pipeline, GST_FORMAT_TIME,
        &job->stated_duration);
  if (progress)
    progress_end ();
  gst_element_set_state (job->pipeline, GST_STATE_NULL);
  if (!job->error && !job->report)
    job->error = g_strdup ("no audio stream was found");
  return job->error == NULL;
}

/* The output path of an input: -o, or the input's name in the output
 * directory (as WAV when its extension is not one we can write). */
static gchar *
output_path (const Options * o, const gchar * input)
{
  gchar *base, *dot, *path;

  if (o->output)
    return g_strdup (o->output);
  base = g_path_get_basename (input);
  if (!output_format_for_path (base)) {
    dot = strrchr (base, '.');
    if (dot)
      *dot = '\0';
    path = g_strconcat (base, ".wav", NULL);
    g_free (base);
    base = path;
  }
  path = g_build_filename (o->output_dir, base, NULL);
  g_free (base);
  return path;
}

static gboolean
check_output (const Options * o, const gchar * input, const gchar * output,
    GError ** error)
{
  const gchar *outputs[] = { output, o->json && strcmp (o->json, "-") ?
        o->json : NULL, NULL
  };
  const gchar *inputs[] = { input, NULL };

  return output_check (output, o->bitrate, o->writing.force, error) &&
      (!o->writing.gain_tags || gain_tags_check (output, error)) &&
      output_check_distinct (outputs, -1, inputs, -1, TRUE, error);
}

/* Runs one job: the normalizing render into partial, with tags when not
 * NULL, or (partial NULL, o measuring) a measurement. The final report, or
 * NULL with error set. */
static GstStructure *
run_job (const Options * o, const gchar * input, const gchar * partial,
    const GainTags * tags, gboolean progress, GError ** error)
{
  Job *job = job_new (o, input, partial, tags, error);
  GstStructure *report = NULL;

  if (job && job_run (job, input, progress)) {
    report = gst_structure_copy (job->report);
    gst_structure_set (report, "stated-duration", G_TYPE_INT64,
        job->stated_duration, NULL);
  } else if (job)
    g_set_error (error, GST_STREAM_ERROR, GST_STREAM_ERROR_FAILED,
        "%s: %s", input, job->error);
  if (job)
    job_free (job);
  return report;
}

static void
configure_measuring (GstElement * norm, gpointer options)
{
  configure_loudnorm (norm, options);
}

/* Normalizes into partial, measures what was written (decoded again,
 * against the same preset: the verdict describes the file), and renders
 * again with the limiter's ceiling lowered while the file's true peak is
 * over the ceiling (written-file.h). The report of the last render, or
 * NULL with error set. */
static GstStructure *
normalize (const Options * o, const gchar * input, const gchar * partial,
    gboolean progress, GError ** error)
{
  Options rendering = *o;
  GstStructure *report = NULL;
  WrittenFileRenders renders;

  written_file_renders_init (&renders, o->writing.no_rerender,
      o->writing.gain_tags ? output_format_for_path (partial) : NULL);
  for (gint render = 1; render <= renders.allowed; render++) {
    GstStructure *written;
    gdouble next_ceiling;
    g_clear_pointer (&report, gst_structure_free);
    report = run_job (&rendering, input, partial,
        renders.with_tags ? &renders.tags : NULL, progress, error);
    written = report ? written_file_measure (partial, configure_measuring,
        (gpointer) o, error) : NULL;
    if (!written) {
      g_clear_pointer (&report, gst_structure_free);
      return NULL;
    }
    next_ceiling = written_file_take_readings (&renders, report, written);
    gst_structure_free (written);
    if (o->writing.verbose)
      fprintf (stderr, "%s: render %d, limiter ceiling %.2f dBTP: the "
          "written file reads %.2f LUFS, true peak %.2f dBTP\n", input,
          render, gst_loudness_report_double (report, "limiter-ceiling"),
          gst_loudness_report_double (report, "integrated"),
          gst_loudness_report_array_max (report, "true-peak"));
    if (isnan (next_ceiling))
      break;
    rendering.ceiling = next_ceiling;
  }
  return report;
}

/* BS.1770's gating block: shorter input has no integrated loudness */
#define BLOCK (400 * GST_MSECOND)

/* What the report says of the input's length: nothing at all is an
 * error; less than one gating block, the reason why nothing is measured;
 * a lossless file shorter than its header says, a warning. */
static gboolean
check_length (GstStructure * report, const gchar * input, GError ** error)
{
  guint64 duration = 0;
  gint64 stated = -1;
  gchar *early;

  gst_structure_get_uint64 (report, "duration", &duration);
  gst_structure_get_int64 (report, "stated-duration", &stated);
  gst_structure_remove_field (report, "stated-duration");
  if (duration == 0) {
    g_set_error (error, GST_STREAM_ERROR, GST_STREAM_ERROR_FAILED,
        "%s: the file holds no audio (no samples to measure or write)", input);
    return FALSE;
  }
  if (duration < BLOCK) {
    gchar *reason = g_strdup_printf ("the input is %.2f s long, shorter "
        "than the 400 ms block BS.1770 measures in, so it has no integrated "
        "loudness and the gain is 0 dB", duration / (gdouble) GST_SECOND);
    gst_structure_set (report, "reason", G_TYPE_STRING, reason, NULL);
    g_free (reason);
  }
  early = input_file_ends_early (input, stated, duration);
  if (early)
    fprintf (stderr, "gst-loudnorm: %s: warning: %s\n", input, early);
  g_free (early);
  return TRUE;
}

/* Normalizes (or measures) one file; the report, or NULL after printing
 * the error. */
static GstStructure *
process (const Options * o, const gchar * input, gboolean progress)
{
  gchar *output = o->measure_only ? NULL : output_path (o, input);
  gchar *partial = NULL;
  GstStructure *report = NULL;
  GError *error = NULL;

  if (!input_file_check_readable (input, &error));
  else if (output && !check_output (o, input, output, &error));
  else if (output && !(partial = output_partial_new (output, &error)));
  else if (!output)
    report = run_job (o, input, NULL, NULL, progress, &error);
  else
    report = normalize (o, input, partial, progress, &error);

  if (report && !check_length (report, input, &error))
    g_clear_pointer (&report, gst_structure_free);
  if (report && output && !bext_keep (input, partial, o->writing.gain_tags,
          report, "loudness-normalized", &error))
    g_clear_pointer (&report, gst_structure_free);
  if (report && output && g_rename (partial, output) != 0) {
    g_set_error (&error, G_FILE_ERROR, g_file_error_from_errno (errno),
        "%s: %s", output, g_strerror (errno));
    g_clear_pointer (&report, gst_structure_free);
  }
  if (report) {
    gst_loudness_report_set_file (report, "input-file", input);
    if (output)
      gst_loudness_report_set_file (report, "output-file", output);
    if (!o->writing.quiet)
      gst_loudnorm_print_report (o->json && !strcmp (o->json, "-") ? stderr :
          stdout, report, input, output, o->measure_only);
  }
  if (error) {
    fprintf (stderr, "gst-loudnorm: %s\n", error->message);
    g_error_free (error);
  }
  if (partial)
    g_unlink (partial);
  g_free (partial);
  g_free (output);
  return report;
}

/* An enum property's nick is valid for loudnorm; else an error listing the
 * valid ones. */
static gboolean
check_nick (GstElement * norm, const gchar * property, const gchar * nick,
    GError ** error)
{
  GParamSpec *spec = g_object_class_find_property (G_OBJECT_GET_CLASS (norm),
      property);
  GEnumClass *klass = G_PARAM_SPEC_ENUM (spec)->enum_class;
  GString *valid = g_string_new (NULL);
  gboolean ok = g_enum_get_value_by_nick (klass, nick) != NULL;

  for (guint i = 0; i < klass->n_values; i++)
    g_string_append_printf (valid, "%s%s", i ? ", " : "",
        klass->values[i].value_nick);
  if (!ok)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "unknown %s '%s' (one of: %s)", property, nick, valid->str);
  g_string_free (valid, TRUE);
  return ok;
}

static gboolean
check_range (GstElement * norm, const gchar * property, gdouble value,
    GError ** error)
{
  GParamSpecDouble *spec = G_PARAM_SPEC_DOUBLE (g_object_class_find_property
      (G_OBJECT_GET_CLASS (norm), property));

  if (isnan (value) || (value >= spec->minimum && value <= spec->maximum))
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
      "--%s %g is out of range (%g to %g)", property, value, spec->minimum,
      spec->maximum);
  return FALSE;
}

/* Every output of the run apart, before anything is written: two inputs
 * of one name into one --output-dir, or a --json over an input, would
 * overwrite each other (each output is checked against its own input and
 * for --force again before it is written). */
static gboolean
check_files (const Options * o, GError ** error)
{
  guint n = g_strv_length (o->inputs);
  const gchar **outputs = g_new0 (const gchar *, n + 2);
  gchar **paths = g_new0 (gchar *, n + 1);
  gboolean ok;

  for (guint i = 0; i < n && !o->measure_only; i++)
    outputs[i] = paths[i] = output_path (o, o->inputs[i]);
  /* "-": the standard output */
  outputs[n] = o->json && strcmp (o->json, "-") ? o->json : NULL;
  ok = output_check_distinct (outputs, n + 1,
      (const gchar * const *) o->inputs, -1, TRUE, error) &&
      (!outputs[n] || output_check_distinct (outputs + n, 1, NULL, 0,
          o->writing.force, error));
  g_strfreev (paths);
  g_free (outputs);
  return ok;
}

static gboolean
check_options (Options * o, GError ** error)
{
  GstElement *norm = gst_element_factory_make ("loudnorm", NULL);
  gboolean ok;

  if (!norm) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "the loudnorm "
        "element is not installed (set GST_PLUGIN_PATH to the build's gst/)");
    return FALSE;
  }
  ok = (!o->preset || check_nick (norm, "preset", o->preset, error)) &&
      (!o->policy || check_nick (norm, "policy", o->policy, error)) &&
      check_range (norm, "target", o->target, error) &&
      check_range (norm, "ceiling", o->ceiling, error) &&
      check_range (norm, "tolerance", o->tolerance, error);
  gst_object_unref (norm);
  if (!ok)
    return FALSE;
  if (o->writing.gain_tags && o->measure_only) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "--gain-tags tags the files written; --measure-only writes none");
    return FALSE;
  }
  if (o->check && !o->measure_only) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "--check goes with --measure-only (a normalized file that misses "
        "the preset always exits 2)");
    return FALSE;
  }
  if (!o->inputs || !o->inputs[0]) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "no input file");
    return FALSE;
  }
  if (!input_file_expand_folders (&o->inputs, error))
    return FALSE;
  if (o->bitrate < 0) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "--bitrate %d: give kbit/s, e.g. --bitrate 192", o->bitrate);
    return FALSE;
  }
  if (o->measure_only)
    return check_files (o, error);
  if (!o->output == !o->output_dir) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "give one of -o OUT or --output-dir DIR (or --measure-only)");
    return FALSE;
  }
  if (o->output && g_strv_length (o->inputs) > 1) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "-o takes one input; use --output-dir DIR for several");
    return FALSE;
  }
  if (o->output_dir && g_file_test (o->output_dir, G_FILE_TEST_EXISTS) &&
      !g_file_test (o->output_dir, G_FILE_TEST_IS_DIR)) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "%s is not a directory", o->output_dir);
    return FALSE;
  }
  if (!check_files (o, error))
    return FALSE;
  if (o->output_dir && g_mkdir_with_parents (o->output_dir, 0777) != 0) {
    int saved = errno;
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
        "cannot create %s: %s", o->output_dir, g_strerror (saved));
    return FALSE;
  }
  return TRUE;
}

static gboolean
parse_options (Options * o, int *argc, char ***argv, GError ** error)
{
  const GOptionEntry entries[] = {
    {"preset", 'p', 0, G_OPTION_ARG_STRING, &o->preset,
        "Delivery preset: streaming (default), ebu-r128, ebu-r128-s1, "
          "atsc-a85, apple, podcast", "P"},
    {"target", 0, 0, G_OPTION_ARG_DOUBLE, &o->target,
        "Integrated loudness target, LUFS (overrides the preset's)", "LUFS"},
    {"ceiling", 'c', 0, G_OPTION_ARG_DOUBLE, &o->ceiling,
        "True-peak ceiling, dBTP (overrides the preset's)", "dBTP"},
    {"tolerance", 0, 0, G_OPTION_ARG_DOUBLE, &o->tolerance,
        "How far from the target still passes, LU (overrides the "
          "preset's)", "LU"},
    {"policy", 0, 0, G_OPTION_ARG_STRING, &o->policy,
        "limit (default), lower or never-boost", "P"},
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &o->output,
        "Output file (.wav .aif .flac .ogg .opus .mp3 .m4a)", "OUT"},
    {"output-dir", 0, 0, G_OPTION_ARG_FILENAME, &o->output_dir,
        "Directory for the outputs of several inputs (created)", "DIR"},
    {"bitrate", 0, 0, G_OPTION_ARG_INT, &o->bitrate,
          "Bitrate of lossy outputs, kbit/s (default: high-quality VBR)",
        "KBPS"},
    {"json", 'j', 0, G_OPTION_ARG_FILENAME, &o->json,
        "Write the reports as a JSON array (-: to the standard output, the "
          "tables to the standard error)", "FILE"},
    {"measure-only", 0, 0, G_OPTION_ARG_NONE, &o->measure_only,
        "Measure the inputs, write nothing", NULL},
    {"check", 0, 0, G_OPTION_ARG_NONE, &o->check,
        "With --measure-only: exit 2 when an input misses the preset", NULL},
    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->inputs,
        NULL, "IN|FOLDER..."},
    {NULL}
  };

  return command_line_parse (entries, &o->writing,
      "(-o OUT | --output-dir DIR)",
      "Normalizes the loudness of audio "
      "files to a delivery target (EBU R 128, ATSC A/85, streaming, ...) in "
      "two exact passes, holding a true-peak ceiling, with loudnorm.", argc,
      argv, error);
}

static void
options_clear (Options * o)
{
  g_free (o->preset);
  g_free (o->policy);
  g_free (o->output);
  g_free (o->output_dir);
  g_free (o->json);
  g_strfreev (o->inputs);
}

int
main (int argc, char **argv)
{
  Options o = {.target = NAN,.ceiling = NAN,.tolerance = NAN };
  GError *error = NULL;
  GPtrArray *reports;
  gboolean progress;
  int status = 0;

  if (!parse_options (&o, &argc, &argv, &error) || !check_options (&o, &error)) {
    fprintf (stderr, "gst-loudnorm: %s\n(gst-loudnorm --help for usage)\n",
        error->message);
    g_error_free (error);
    options_clear (&o);
    return 1;
  }
  progress = isatty (STDERR_FILENO) && !o.writing.quiet;
  if (!o.preset)
    o.preset = g_strdup (COMMAND_LINE_DEFAULT_PRESET);
  reports = g_ptr_array_new_with_free_func ((GDestroyNotify)
      gst_structure_free);
  for (guint i = 0; o.inputs[i] && !interruption_requested (); i++) {
    GstStructure *report = process (&o, o.inputs[i], progress);
    gboolean compliant = FALSE;
    if (!report) {
      status = 1;
      continue;
    }
    gst_structure_get_boolean (report, "compliant", &compliant);
    if (!compliant && status == 0 && (!o.measure_only || o.check))
      status = 2;
    g_ptr_array_add (reports, report);
  }
  if (o.json && !gst_loudnorm_write_json (o.json, reports, &error)) {
    fprintf (stderr, "gst-loudnorm: %s\n", error->message);
    g_clear_error (&error);
    status = 1;
  }
  g_ptr_array_unref (reports);
  options_clear (&o);
  return interruption_requested ()? INTERRUPTION_EXIT_STATUS : status;
}
