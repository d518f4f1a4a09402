/* gst-mixmaster: mixes the tracks of a recording and masters the mix to a
 * delivery standard, in one GStreamer pipeline.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   gst-mixmaster [SESSION.ini] [--track FILE[:property=value,...]]...
 *       -o MASTER [--preset P] [--master property=value,...]
 *       [--delivery property=value,...] [--rate HZ] [--bit-depth B]
 *       [--mixdown FILE] [--report FILE.json] [--plot FILE.png|svg]
 *       [--force] [--print-pipeline]
 *
 * Each track goes through its own mixstrip into audiomixer; the mix goes
 * through audiomaster and loudnorm, both in file mode (exact), to the
 * master file. The report gives each track's loudness and peaks, the
 * mix's, the master's and the delivery preset's verdict. Exit status: 0
 * when the master meets the preset, 2 when it does not, 1 on errors (and
 * then no output file is left behind).
 */
#include <gst/gst.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bext.h"
#include "command-line.h"
#include "input-file.h"
#include "interruption.h"
#include "written-file.h"
#include "gstloudnessreport.h"
#ifdef MIXMASTER_HAVE_PLOT
#include "loudness-plot.h"
#endif
#include "mixmaster-job.h"
#include "mixmaster-pipeline.h"
#include "mixmaster-report.h"
#include "mixmaster-session.h"
#include "output-file.h"

typedef struct
{
  gchar **tracks, **master, **delivery, **session_files;
  gchar *preset, *output, *mixdown, *report, *plot, *bit_depth;
  gint rate, bitrate;
  gboolean print_pipeline;
  CommandLineWriting writing;
} Options;

/* What the run writes first, renamed to the outputs when all went well. */
typedef struct
{
  gchar *master, *mixdown, *report, *plot;
} Partials;

static gboolean
parse_options (Options * o, int *argc, char ***argv, GError ** error)
{
  const GOptionEntry entries[] = {
    {"track", 't', 0, G_OPTION_ARG_FILENAME_ARRAY, &o->tracks,
          "A track and its mixstrip settings (repeat for each track)",
        "FILE[:fader=-2,pan=0.3,...]"},
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &o->output,
        "The master (.wav .aif .flac, or .ogg .opus .mp3 .m4a)", "MASTER"},
    {"preset", 'p', 0, G_OPTION_ARG_STRING, &o->preset,
        "Delivery preset (loudnorm's): streaming (default), ebu-r128, "
          "ebu-r128-s1, atsc-a85, apple, podcast", "P"},
    {"master", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &o->master,
        "audiomaster settings", "preset=gentle,eq-high-gain=1,..."},
    {"delivery", 'd', 0, G_OPTION_ARG_STRING_ARRAY, &o->delivery,
        "loudnorm settings", "target=-16,ceiling=-1.5,..."},
    {"rate", 'r', 0, G_OPTION_ARG_INT, &o->rate,
        "Session rate (default: the highest of the tracks)", "HZ"},
    {"bit-depth", 'b', 0, G_OPTION_ARG_STRING, &o->bit_depth,
        "The master's samples: 16, 24 (default) or 32 bits, with TPDF "
          "dither; float (WAV)", "B"},
    {"bitrate", 0, 0, G_OPTION_ARG_INT, &o->bitrate,
          "Bitrate of a lossy master, kbit/s (default: high-quality VBR)",
        "KBPS"},
    {"mixdown", 0, 0, G_OPTION_ARG_FILENAME, &o->mixdown,
        "Also write the unmastered mix (float WAV, else 24 bits)", "FILE"},
    {"report", 'j', 0, G_OPTION_ARG_FILENAME, &o->report,
        "Write the report as JSON", "FILE.json"},
    {"plot", 0, 0, G_OPTION_ARG_FILENAME, &o->plot,
        "Draw the master's loudness over time", "FILE.png|svg"},
    {"print-pipeline", 0, 0, G_OPTION_ARG_NONE, &o->print_pipeline,
          "Print the gst-launch-1.0 command that does the same, and stop",
        NULL},
    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->session_files,
        NULL, "[SESSION.ini]"},
    {NULL}
  };

  return command_line_parse (entries, &o->writing,
      "[--track FILE[:settings]]... -o MASTER",
      "Mixes the tracks of a recording "
      "(mixstrip for each, audiomixer) and masters the mix (audiomaster, "
      "loudnorm) to a delivery preset, with a loudness report.", argc, argv,
      error);
}

static void
options_clear (Options * o)
{
  g_strfreev (o->tracks);
  g_strfreev (o->master);
  g_strfreev (o->delivery);
  g_strfreev (o->session_files);
  g_free (o->preset);
  g_free (o->output);
  g_free (o->mixdown);
  g_free (o->report);
  g_free (o->plot);
  g_free (o->bit_depth);
}

static gboolean
set_each (MixmasterSession * session, gchar ** lists,
    gboolean (*set) (MixmasterSession *, const gchar *, GError **),
    GError ** error)
{
  for (guint i = 0; lists && lists[i]; i++)
    if (!set (session, lists[i], error))
      return FALSE;
  return TRUE;
}

/* The session from the file and the options; the delivery is
 * MIXMASTER_DEFAULT_DELIVERY unless they say otherwise. */
static MixmasterSession *
session_from_options (const Options * o, GError ** error)
{
  MixmasterSession *session = mixmaster_session_new ();
  gboolean ok;

  if (o->session_files && g_strv_length (o->session_files) > 1) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "give one session file (tracks go with --track)");
    ok = FALSE;
  } else {
    /* an empty list makes sure the master's and delivery's elements exist */
    ok = mixmaster_session_set_master (session, "", error) &&
        mixmaster_session_set_delivery (session, "", error) &&
        (!o->session_files || mixmaster_session_load (session,
            o->session_files[0], error)) &&
        set_each (session, o->tracks, mixmaster_session_add_track, error) &&
        set_each (session, o->master, mixmaster_session_set_master, error) &&
        set_each (session, o->delivery, mixmaster_session_set_delivery, error)
        && (o->rate == 0 || mixmaster_session_set_rate (session, o->rate,
            error));
  }
  if (ok && o->preset) {
    gchar *list = g_strconcat ("preset=", o->preset, NULL);
    ok = mixmaster_session_set_delivery (session, list, error);
    g_free (list);
  }
  if (ok && !mixmaster_settings_find (session->delivery, "preset") &&
      !mixmaster_settings_find (session->delivery, "target"))
    ok = mixmaster_session_set_delivery (session,
        "preset=" MIXMASTER_DEFAULT_DELIVERY, error);
  if (!ok) {
    mixmaster_session_free (session);
    return NULL;
  }
  return session;
}

/* The raw format the master is written in, from --bit-depth. */
static gboolean
master_sample_format (const Options * o, const gchar ** format, GError ** error)
{
  const OutputFormat *f = output_format_for_path (o->output);
  const gchar *depth = o->bit_depth ? o->bit_depth : "24";
  gboolean is_float = !strcmp (depth, "float");
  guint bits = is_float ? 32 : (guint) g_ascii_strtoull (depth, NULL, 10);

  *format = NULL;
  if (!is_float && bits != 16 && bits != 24 && bits != 32) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "--bit-depth %s: use 16, 24, 32 or float", depth);
    return FALSE;
  }
  if (!f->lossless)
    return TRUE;
  *format = output_sample_format (f, bits, is_float);
  if (!*format)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "%s cannot hold %s samples (WAV holds float; FLAC 16 or 24 bits)",
        o->output, is_float ? "float" : depth);
  return *format != NULL;
}

static gboolean
check_outputs (const Options * o, MixmasterSession * session, GError ** error)
{
  if (!o->output) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "no master file: give -o MASTER.wav");
    return FALSE;
  }
  if (o->print_pipeline)
    return TRUE;
  if (o->bitrate < 0) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "--bitrate %d: give kbit/s, e.g. --bitrate 192", o->bitrate);
    return FALSE;
  }
  if (!output_check (o->output, o->bitrate, o->writing.force, error)
      || (o->writing.gain_tags && !gain_tags_check (o->output, error))
      || (o->mixdown && !output_check (o->mixdown, 0, o->writing.force, error)))
    return FALSE;
  {
    const gchar *outputs[] = { o->output, o->mixdown, o->report, o->plot };
    GPtrArray *inputs = g_ptr_array_new ();
    gboolean distinct;
    for (guint i = 0; i < session->tracks->len; i++)
      g_ptr_array_add (inputs, ((MixmasterTrack *)
              g_ptr_array_index (session->tracks, i))->path);
    for (guint i = 0; o->session_files && o->session_files[i]; i++)
      g_ptr_array_add (inputs, o->session_files[i]);
    distinct = output_check_distinct (outputs, G_N_ELEMENTS (outputs),
        (const gchar * const *) inputs->pdata, inputs->len, o->writing.force,
        error);
    g_ptr_array_free (inputs, TRUE);
    if (!distinct)
      return FALSE;
  }
#ifdef MIXMASTER_HAVE_PLOT
  if (o->plot && !loudness_plot_path_ok (o->plot)) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "%s: the plot is a .png or .svg", o->plot);
    return FALSE;
  }
#else
  if (o->plot) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "--plot: this gst-mixmaster was built without cairo (meson "
        "-Dplot=enabled)");
    return FALSE;
  }
#endif
  return TRUE;
}

static void
partials_remove (Partials * p)
{
  gchar *paths[] = { p->master, p->mixdown, p->report, p->plot };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    if (paths[i]) {
      g_unlink (paths[i]);
      g_free (paths[i]);
    }
}

/* Renames every partial output to its name. */
static gboolean
partials_publish (Partials * p, const Options * o, GError ** error)
{
  gchar *from[] = { p->master, p->mixdown, p->report, p->plot };
  const gchar *to[] = { o->output, o->mixdown, o->report, o->plot };

  for (guint i = 0; i < G_N_ELEMENTS (from); i++)
    if (from[i] && g_rename (from[i], to[i]) != 0) {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
          "%s: %s", to[i], g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

#ifdef MIXMASTER_HAVE_PLOT
/* The plot, into its partial file. */
static gboolean
write_plot (const Options * o, MixmasterJob * job, Partials * p,
    const GstStructure * report, GError ** error)
{
  const GstStructure *delivery = gst_value_get_structure
      (gst_structure_get_value (report, "delivery"));
  const GstStructure *master = gst_value_get_structure
      (gst_structure_get_value (report, "master"));
  gchar *title = g_path_get_basename (o->output);
  LoudnessPlotLabels labels = { title,
    gst_loudness_report_double (delivery, "target"),
    gst_loudness_report_double (delivery, "ceiling"),
    gst_loudness_report_double (master, "integrated")
  };
  gboolean ok;

  p->plot = output_partial_new (o->plot, error);
  ok = p->plot && loudness_plot_write (job->curve, &labels, p->plot, error);
  g_free (title);
  return ok;
}
#endif

/* The report and the plot, into their partial files. */
static gboolean
write_extras (const Options * o, G_GNUC_UNUSED MixmasterJob * job,
    Partials * p, const GstStructure * report, GError ** error)
{
  gboolean ok = TRUE;

  if (o->report) {
    p->report = output_partial_new (o->report, error);
    ok = p->report && gst_loudness_report_write_json (report, p->report, error);
  }
#ifdef MIXMASTER_HAVE_PLOT
  if (ok && o->plot)
    ok = write_plot (o, job, p, report, error);
#endif
  return ok;
}

static void
configure_asked_delivery (GstElement * norm, gpointer settings)
{
  mixmaster_settings_apply (settings, G_OBJECT (norm));
}

/* The written master, decoded and measured against the delivery as the
 * session asked for it: those readings replace the render's own in the
 * delivery's report. The limiter ceiling for another render (NAN: none
 * needed), or NAN with error set. */
static gdouble
measure_written_master (MixmasterJob * job, const gchar * path,
    GArray * asked, WrittenFileRenders * renders, GError ** error)
{
  GstStructure *written = written_file_measure (path,
      configure_asked_delivery, asked, error);
  gdouble next_ceiling;

  if (!written)
    return NAN;
  next_ceiling = written_file_take_readings (renders, (GstStructure *)
      mixmaster_job_report (job, "delivery"), written);
  gst_structure_free (written);
  return next_ceiling;
}

static void
print_render (MixmasterJob * job, gint render)
{
  const GstStructure *d = mixmaster_job_report (job, "delivery");

  fprintf (stderr, "render %d, limiter ceiling %.2f dBTP: the written "
      "master reads %.2f LUFS, true peak %.2f dBTP\n", render,
      gst_loudness_report_double (d, "limiter-ceiling"),
      gst_loudness_report_double (d, "integrated"),
      gst_loudness_report_array_max (d, "true-peak"));
}

/* Runs the session into the outputs, and again with the delivery's
 * ceiling lowered while the written master is over it; the last job, or
 * NULL with error set. */
static MixmasterJob *
render_session (const Options * o, MixmasterSession * session,
    const MixmasterOutputs * outputs, GError ** error)
{
  GArray *asked = mixmaster_settings_copy (session->delivery);
  MixmasterJob *job = NULL;
  WrittenFileRenders renders;
  MixmasterOutputs rendering = *outputs;

  written_file_renders_init (&renders, o->writing.no_rerender,
      o->writing.gain_tags ? output_format_for_path (o->output) : NULL);
  for (gint render = 1; render <= renders.allowed; render++) {
    gdouble next_ceiling;
    GValue lowered = G_VALUE_INIT;
    if (job)
      mixmaster_job_free (job);
    rendering.master_tags = renders.with_tags ? &renders.tags : NULL;
    job = mixmaster_job_new (session, &rendering, error);
    if (job && !mixmaster_job_run (job, session->duration,
            isatty (STDERR_FILENO) && !o->writing.quiet))
      g_set_error (error, GST_STREAM_ERROR, GST_STREAM_ERROR_FAILED, "%s",
          job->error);
    if (!job || (error && *error))
      break;
    next_ceiling = measure_written_master (job, outputs->master, asked,
        &renders, error);
    if (o->writing.verbose && !(error && *error))
      print_render (job, render);
    if (isnan (next_ceiling))
      break;
    g_value_init (&lowered, G_TYPE_DOUBLE);
    g_value_set_double (&lowered, next_ceiling);
    mixmaster_settings_add (session->delivery, "ceiling", &lowered);
  }
  if (job && error && *error)
    g_clear_pointer (&job, mixmaster_job_free);
  g_array_unref (asked);
  return job;
}

/* What the tracks' own meters counted: a track that decoded nothing is an
 * error; one shorter than its header says, a warning, and its length in
 * the report is what was decoded (the rest of the mix had silence). */
static gboolean
check_track_lengths (MixmasterSession * session, MixmasterJob * job,
    GError ** error)
{
  for (guint i = 0; i < session->tracks->len; i++) {
    MixmasterTrack *t = g_ptr_array_index (session->tracks, i);
    gchar *name = g_strdup_printf ("stem%u", i);
    const GstStructure *stem = mixmaster_job_report (job, name);
    guint64 decoded = 0;
    gchar *early;

    g_free (name);
    if (stem)
      gst_structure_get_uint64 (stem, "duration", &decoded);
    if (decoded == 0) {
      g_set_error (error, GST_STREAM_ERROR, GST_STREAM_ERROR_FAILED,
          "track '%s': %s holds no audio (nothing could be decoded); leave "
          "it out of the session", t->name, t->path);
      return FALSE;
    }
    early = input_file_ends_early (t->path, t->duration, decoded);
    if (early)
      fprintf (stderr, "gst-mixmaster: track '%s': %s: warning: %s\n",
          t->name, t->path, early);
    g_free (early);
    if (decoded < t->duration)
      t->duration = decoded;
  }
  return TRUE;
}

/* Mixes and masters; the report, or NULL with error set. */
static GstStructure *
mix_and_master (const Options * o, MixmasterSession * session, GError ** error)
{
  Partials p = { output_partial_new (o->output, error), NULL, NULL, NULL };
  MixmasterOutputs outputs = { p.master, NULL, NULL, o->bitrate, NULL };
  GstStructure *report = NULL;
  MixmasterJob *job = NULL;

  if (p.master && o->mixdown)
    outputs.mixdown = p.mixdown = output_partial_new (o->mixdown, error);
  if (p.master && (!o->mixdown || p.mixdown) &&
      master_sample_format (o, &outputs.master_format, error))
    job = render_session (o, session, &outputs, error);
  if (job && !check_track_lengths (session, job, error))
    g_clear_pointer (&job, mixmaster_job_free);
  if (job && !bext_keep (NULL, p.master, o->writing.gain_tags,
          (GstStructure *) mixmaster_job_report (job, "delivery"),
          "mixed and mastered", error))
    g_clear_pointer (&job, mixmaster_job_free);
  if (job)
    report = mixmaster_report_new (session, job, o->output, o->mixdown);
  if (report && !(write_extras (o, job, &p, report, error) &&
          partials_publish (&p, o, error)))
    g_clear_pointer (&report, gst_structure_free);
  partials_remove (&p);
  if (job)
    mixmaster_job_free (job);
  return report;
}

static gboolean
print_pipeline (const Options * o, MixmasterSession * session, GError ** error)
{
  MixmasterOutputs outputs = { o->output, NULL, o->mixdown, o->bitrate, NULL };
  gchar *line;

  /* The mixdown's tee before the file modes needs sinks that do not wait to
   * preroll, and gst-launch-1.0, going through PAUSED, can then miss the
   * end of the stream (one run in three here). */
  if (o->mixdown) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
        "--print-pipeline prints the master's pipeline only; leave out "
        "--mixdown (gst-launch-1.0 can stall on its tee)");
    return FALSE;
  }
  if (!master_sample_format (o, &outputs.master_format, error))
    return FALSE;
  line = mixmaster_pipeline_command_line (session, &outputs);
  printf ("%s\n", line);
  g_free (line);
  return TRUE;
}

int
main (int argc, char **argv)
{
  Options o = { 0 };
  GError *error = NULL;
  MixmasterSession *session = NULL;
  GstStructure *report = NULL;
  int status = 1;

  if (parse_options (&o, &argc, &argv, &error) &&
      (session = session_from_options (&o, &error)) &&
      check_outputs (&o, session, &error) &&
      mixmaster_session_probe (session, &error)) {
    if (o.print_pipeline) {
      status = print_pipeline (&o, session, &error) ? 0 : 1;
    } else if ((report = mix_and_master (&o, session, &error))) {
      if (!o.writing.quiet)
        mixmaster_report_print (report);
      status = mixmaster_report_passes (report) ? 0 : 2;
      gst_structure_free (report);
    }
  }
  if (error) {
    fprintf (stderr, "gst-mixmaster: %s\n", error->message);
    g_error_free (error);
  }
  if (session)
    mixmaster_session_free (session);
  options_clear (&o);
  return interruption_requested ()? INTERRUPTION_EXIT_STATUS : status;
}
