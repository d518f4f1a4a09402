/* mixmaster-demo-song: writes the demo's multitrack song, four stems of a
 * short piece in A minor at 100 BPM, and the session that mixes them.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   mixmaster-demo-song DIR     (made if missing)
 *
 * The stems are recorded the way a home studio's often are: unequal in
 * level and in spectrum, so that the mix has work to do.
 *  - drums.wav   48 kHz stereo: kick, snare, hi-hat; hot (peaks at -1 dBFS)
 *  - bass.wav    44.1 kHz mono: a saw through a low-pass; boomy
 *  - chords.wav  48 kHz stereo: a triangle-wave pad; 30 dB too quiet
 *  - lead.wav    48 kHz mono: a voice-like line (pulses through vowel
 *                formants, vibrato); harsh around 3 kHz, and 5 s shorter
 *                than the others (its last phrase ends early)
 * All are deterministic (fixed seeds). The session that mixes them is
 * material/demo-song.ini, which ./scripts/demo copies next to them.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "signals.h"
#include "wav.h"

#define BPM 100.0
#define BEAT_S (60.0 / BPM)
#define BARS 12
#define SONG_S (BARS * 4 * BEAT_S)      /* 28.8 s */
#define LEAD_S (SONG_S - 5.0)
#define ELEMENTS(a) (sizeof (a) / sizeof ((a)[0]))

/* Am F C G: each bar's chord, root first (Hz). */
static const double chords_hz[4][3] = {
  {110.00, 130.81, 164.81},
  {87.31, 110.00, 130.81},
  {130.81, 164.81, 196.00},
  {98.00, 123.47, 146.83},
};

typedef struct
{
  unsigned rate, channels;
  size_t frames;
  float *x;
} Stem;

static Stem
stem_new (unsigned rate, unsigned channels, double seconds)
{
  Stem s = { rate, channels, (size_t) lround (seconds * rate), NULL };
  s.x = calloc (s.frames * channels, sizeof (float));
  return s;
}

/* Scales the stem so that its largest sample is at peak_dbfs. */
static void
stem_normalize_peak (Stem * s, double peak_dbfs)
{
  float peak = 0.0f;

  for (size_t i = 0; i < s->frames * s->channels; i++)
    peak = fmaxf (peak, fabsf (s->x[i]));
  for (size_t i = 0; peak > 0.0f && i < s->frames * s->channels; i++)
    s->x[i] *= (float) (pow (10.0, peak_dbfs / 20.0) / peak);
}

static int
stem_write (Stem * s, const char *dir, const char *name)
{
  char path[4096];
  int ok;

  snprintf (path, sizeof (path), "%s/%s", dir, name);
  ok = s->x && wav_write_float (path, s->x, s->frames, s->channels, s->rate);
  if (!ok)
    fprintf (stderr, "mixmaster-demo-song: %s: %s\n", path, strerror (errno));
  free (s->x);
  return ok;
}

static const double *
chord_at (double t)
{
  return chords_hz[(size_t) (t / (4 * BEAT_S)) % 4];
}

/* Kick on beats 1 and 3, snare on 2 and 4 (a little right), hi-hat on
 * every eighth (left). */
static void
render_drums (Stem * s)
{
  unsigned long long seed = 1;
  double hat_previous = 0.0;

  for (size_t i = 0; i < s->frames; i++) {
    double t = (double) i / s->rate, beat = fmod (t, BEAT_S);
    double eighth = fmod (t, BEAT_S / 2), noise = noise_uniform (&seed);
    int on_backbeat = (int) (t / BEAT_S) % 2;
    /* the kick's pitch falls from 150 to 50 Hz: its phase is the integral */
    double kick = on_backbeat ? 0.0 : sin (2 * M_PI * (50.0 * beat +
            100.0 / 30.0 * (1.0 - exp (-30.0 * beat)))) * exp (-8.0 * beat);
    double snare = on_backbeat ? (0.5 * noise + 0.4 * sin (2 * M_PI * 180.0 *
            beat)) * exp (-18.0 * beat) : 0.0;
    double hat = 0.25 * (noise - hat_previous) * exp (-60.0 * eighth);

    hat_previous = noise;
    s->x[2 * i] = (float) (kick + 0.8 * snare + 1.2 * hat);
    s->x[2 * i + 1] = (float) (kick + 1.2 * snare + 0.5 * hat);
  }
  stem_normalize_peak (s, -1.0);
}

/* Eighth notes on each bar's root, an octave down, through a one-pole
 * low-pass at 400 Hz, with a sine an octave under that: too much low end. */
static void
render_bass (Stem * s)
{
  double phase = 0.0, lowpassed = 0.0;
  double a = exp (-2 * M_PI * 400.0 / s->rate);

  for (size_t i = 0; i < s->frames; i++) {
    double t = (double) i / s->rate, eighth = fmod (t, BEAT_S / 2);
    double f = chord_at (t)[0] / 2.0;
    double envelope = exp (-2.5 * eighth) * fmin (1.0, eighth * 200.0);
    phase = fmod (phase + f / s->rate, 1.0);
    lowpassed = (1 - a) * (2 * phase - 1) + a * lowpassed;
    s->x[i] = (float) (envelope * (lowpassed + 0.8 * sin (2 * M_PI * phase /
                2)));
  }
  stem_normalize_peak (s, -3.0);
}

static double
triangle (double phase)
{
  return 4.0 * fabs (phase - floor (phase + 0.5)) - 1.0;
}

/* The triad in triangle waves, detuned by 3 cents between the channels,
 * swelling in over each bar: recorded far too quietly. */
static void
render_chords (Stem * s)
{
  for (size_t i = 0; i < s->frames; i++) {
    double t = (double) i / s->rate, bar = fmod (t, 4 * BEAT_S);
    const double *chord = chord_at (t);
    double swell = fmin (1.0, bar / 0.3) * (0.7 + 0.3 * exp (-bar));
    for (unsigned c = 0; c < 2; c++) {
      double detune = c ? 1.0017 : 0.9983, sum = 0.0;
      for (int k = 0; k < 3; k++)
        sum += triangle (chord[k] * 2.0 * detune * t);
      s->x[2 * i + c] = (float) (swell * sum / 3.0);
    }
  }
  stem_normalize_peak (s, -30.0);
}

/* Two-pole resonator at f Hz, bandwidth bw Hz, unity gain at f. */
typedef struct
{
  double b0, a1, a2, y1, y2;
} Resonator;

static Resonator
resonator (double f, double bw, unsigned rate)
{
  double r = exp (-M_PI * bw / rate), w = 2 * M_PI * f / rate;
  Resonator res = { (1 - r) * sqrt (1 - 2 * r * cos (2 * w) + r * r),
    2 * r * cos (w), -r * r, 0, 0
  };
  return res;
}

static double
resonate (Resonator * r, double x)
{
  double y = r->b0 * x + r->a1 * r->y1 + r->a2 * r->y2;
  r->y2 = r->y1;
  r->y1 = y;
  return y;
}

/* A sung line: a glottal-like pulse train at the melody's pitch with
 * 5.5 Hz vibrato, through the formants of "ah" (700, 1200, 2600 Hz) and a
 * strong one at 3.2 kHz that makes it harsh; a syllable per beat. */
static void
render_lead (Stem * s)
{
  static const int melody[] = { 0, 3, 5, 7, 5, 3, 0, -2, 0, 3, 7, 10, 7, 5,
    3, 0
  };
  Resonator formants[] = { resonator (700, 110, s->rate),
    resonator (1200, 120, s->rate), resonator (2600, 160, s->rate),
    resonator (3200, 200, s->rate)
  };
  static const double formant_gain[] = { 1.0, 0.6, 0.35, 0.9 };
  double phase = 0.0;

  for (size_t i = 0; i < s->frames; i++) {
    double t = (double) i / s->rate, beat = fmod (t, BEAT_S);
    int note = melody[(size_t) (t / BEAT_S) % ELEMENTS (melody)];
    double f = 220.0 * pow (2.0, note / 12.0) * (1.0 + 0.006 * sin (2 * M_PI *
            5.5 * t));
    double syllable = fmin (1.0, beat / 0.04) * (beat < 0.8 * BEAT_S ? 1.0 :
        fmax (0.0, 1.0 - (beat - 0.8 * BEAT_S) / (0.1 * BEAT_S)));
    double pulse, y = 0.0;
    phase = fmod (phase + f / s->rate, 1.0);
    pulse = phase < 0.4 ? sin (M_PI * phase / 0.4) : 0.0;
    pulse = pulse * pulse - 0.2;
    for (size_t k = 0; k < ELEMENTS (formants); k++)
      y += formant_gain[k] * resonate (&formants[k], pulse);
    s->x[i] = (float) (syllable * y);
  }
  stem_normalize_peak (s, -8.0);
}

int
main (int argc, char **argv)
{
  Stem drums, bass, chords, lead;

  if (argc != 2) {
    fprintf (stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  if (mkdir (argv[1], 0777) != 0 && errno != EEXIST) {
    fprintf (stderr, "mixmaster-demo-song: %s: %s\n", argv[1],
        strerror (errno));
    return 1;
  }
  drums = stem_new (48000, 2, SONG_S);
  bass = stem_new (44100, 1, SONG_S);
  chords = stem_new (48000, 2, SONG_S);
  lead = stem_new (48000, 1, LEAD_S);
  if (!drums.x || !bass.x || !chords.x || !lead.x) {
    fprintf (stderr, "mixmaster-demo-song: out of memory\n");
    return 1;
  }
  render_drums (&drums);
  render_bass (&bass);
  render_chords (&chords);
  render_lead (&lead);
  return stem_write (&drums, argv[1], "drums.wav") &
      stem_write (&bass, argv[1], "bass.wav") &
      stem_write (&chords, argv[1], "chords.wav") &
      stem_write (&lead, argv[1], "lead.wav") ? 0 : 1;
}
