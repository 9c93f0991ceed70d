/**
 * The check's messages in the studio's language. The schema, the core's cross-field rules and the
 * pipeline's checks word their problems in English (the command line's language); the studio's
 * interface is in English and French, so each message form they produce is given here in French
 * (federal typography: a no-break space before the colon and inside « »), and zod's own generic
 * sentences get plain English too. A message with no form here is shown as it is, in English
 * (a unit test holds the forms a content team meets to a French text).
 */

export type StudioLang = 'en' | 'fr'

const NB = '\u00a0'
const q = (s: string) => `«${NB}${s}${NB}»`
const FR_LANG: Record<string, string> = { en: 'anglais', fr: 'français', iu: 'inuktitut' }
/** "en français", "en anglais", or the code in quotes. */
const inLang = (code: string) => (FR_LANG[code] ? `en ${FR_LANG[code]}` : `en ${q(code)}`)
const quoted = (s: string) => s.replace(/"([^"]*)"/g, (_, inner: string) => q(inner))

type Form = readonly [RegExp, (...m: string[]) => string]

/** zod's generic sentences, in plain English. */
const EN: readonly Form[] = [
  [
    /^Too small: expected array to have >=?(\d+) items?$/,
    (n) => `needs at least ${n} item${n === '1' ? '' : 's'}`,
  ],
  [/^Too small: expected string to have >=?1 characters?$/, () => 'must not be empty'],
  [/^Too big: expected string to have <=?(\d+) characters?$/, (n) => `is too long: at most ${n} characters`],
  [/^Too big: expected array to have <=?(\d+) items?$/, (n) => `has too many items: at most ${n}`],
  [/^Invalid URL$/, () => 'is not a valid address (https://…)'],
  // The command's advice, as the studio's buttons say it.
  [
    /^(audio|captions) file assets\/(.+) does not exist \(run npm run narration\)$/,
    (kind, p) => `${kind} file assets/${p} does not exist: generate or record the narration`,
  ],
]

const FILE_KINDS: Record<string, string> = {
  'a binary glTF model': 'un modèle glTF binaire',
  'an MP3 audio file': 'un fichier audio MP3',
  'a WebVTT captions file': 'un fichier de sous-titres WebVTT',
  'an image': 'une image',
}

const FR: readonly Form[] = [
  // The schema (src/core/content/schema.ts, validate.ts)
  [/^is required \((.+)\)$/, () => 'est obligatoire'],
  [/^must not be empty$/, () => 'ne doit pas être vide'],
  [/^Too small: expected string to have >=?1 characters?$/, () => 'ne doit pas être vide'],
  [/^Too small: expected array to have >=?(\d+) items?$/, (n) => `il en faut au moins ${n}`],
  [
    /^Too big: expected string to have <=?(\d+) characters?$/,
    (n) => `est trop long${NB}: ${n} caractères au plus`,
  ],
  [/^Too big: expected array to have <=?(\d+) items?$/, (n) => `en compte trop${NB}: ${n} au plus`],
  [/^Invalid URL$/, () => 'n’est pas une adresse valide (https://…)'],
  // The same, once put in plain English (localizeMessage in English, then asked again in French).
  [/^needs at least (\d+) items?$/, (n) => `il en faut au moins ${n}`],
  [/^is too long: at most (\d+) characters$/, (n) => `est trop long${NB}: ${n} caractères au plus`],
  [/^has too many items: at most (\d+)$/, (n) => `en compte trop${NB}: ${n} au plus`],
  [/^is not a valid address \(https:\/\/…\)$/, () => 'n’est pas une adresse valide (https://…)'],
  [
    /^(audio|captions) file assets\/(.+) does not exist: generate or record the narration$/,
    (kind, p) =>
      `le fichier ${kind === 'audio' ? 'audio' : 'de sous-titres'} assets/${p} n’existe pas (générez ou enregistrez la narration)`,
  ],
  [/^must be an https:\/\/ URL$/, () => 'doit être une adresse https://'],
  [
    /^every hotspot needs at least one source$/,
    () => 'chaque point d’intérêt a besoin d’au moins une source',
  ],
  [/^must hold exactly two questions$/, () => 'doit contenir exactement deux questions'],
  [
    /^has the wrong type: expected (\w+), received (\w+)$/,
    (a, b) => `n’est pas du bon type (attendu${NB}: ${a}, reçu${NB}: ${b})`,
  ],
  [/^has the wrong type: (.+)$/, (d) => `n’est pas du bon type (${d})`],
  [/^has unknown field\(s\): (.+)$/, (k) => `contient un ou des champs inconnus${NB}: ${k}`],
  [/^must be "(.+)"$/, (v) => `doit valoir ${q(v)}`],
  [/^must be one of: (.+)$/, (v) => `doit être l’une de ces valeurs${NB}: ${v}`],
  [
    /^must be lower-case words joined by hyphens, e\.g\. "(.+)"$/,
    (e) => `doit être formé de mots en minuscules reliés par des traits d’union, p.${NB}ex. ${q(e)}`,
  ],
  [
    /^must be a language code such as "en", "fr" or "iu"$/,
    () => `doit être un code de langue comme ${q('en')}, ${q('fr')} ou ${q('iu')}`,
  ],
  [
    /^must be a relative path under assets\/ in lower case \((.+)\)$/,
    (c) => `doit être un chemin relatif dans assets/, en minuscules (${c})`,
  ],
  [
    /^must not contain empty, "\." or "\.\." segments$/,
    () => `ne doit contenir aucun segment vide, ${q('.')} ou ${q('..')}`,
  ],
  [
    /^must be (a binary glTF model|an MP3 audio file|a WebVTT captions file|an image) \((.+)\)$/,
    (k, e) => `doit être ${FILE_KINDS[k ?? ''] ?? k} (${e})`,
  ],
  // Cross-field rules (src/core/content/issues.ts)
  [/^language "(.+)" is listed twice$/, (l) => `la langue ${q(l)} figure deux fois`],
  [/^is missing the "(.+)" text$/, (l) => `le texte ${inLang(l)} manque`],
  [/^is missing the "(.+)" narration$/, (l) => `la narration ${inLang(l)} manque`],
  [
    /^is in "(.+)", which the tour does not list in "languages"$/,
    (l) => `est ${inLang(l)}, langue que la visite ne déclare pas dans ${q('languages')}`,
  ],
  [
    /^stop id "(.+)" is used twice in this tour$/,
    (id) => `l’identifiant d’étape ${q(id)} est employé deux fois dans cette visite`,
  ],
  [
    /^viewpoint id "(.+)" is used twice$/,
    (id) => `l’identifiant de point de vue ${q(id)} est employé deux fois`,
  ],
  [
    /^names viewpoint "(.+)", which this stop does not have$/,
    (id) => `désigne le point de vue ${q(id)}, que cette étape n’a pas`,
  ],
  [
    /^hotspot id "(.+)" is already used in stop "(.+)" \(ids are unique per tour\)$/,
    (id, s) =>
      `l’identifiant de point d’intérêt ${q(id)} est déjà employé dans l’étape ${q(s)} (un identifiant est unique dans une visite)`,
  ],
  // content:check (tools/pipeline/content-check.ts, narration/mp3-info.ts, models/check-models.ts)
  [/^names assets\/(.+), which does not exist$/, (p) => `désigne assets/${p}, qui n’existe pas`],
  [
    /^is missing: the stop "(.+)" is in a tour the catalog lists, so it needs its two discussion questions for the lesson handout$/,
    (s) =>
      `manque${NB}: l’étape ${q(s)} fait partie d’une visite du catalogue${NB}; il lui faut ses deux questions de discussion pour la fiche pédagogique`,
  ],
  [
    /^audio file assets\/(.+) does not exist \(run npm run narration\)$/,
    (p) => `le fichier audio assets/${p} n’existe pas (générez ou enregistrez la narration)`,
  ],
  [
    /^captions file assets\/(.+) does not exist \(run npm run narration\)$/,
    (p) => `le fichier de sous-titres assets/${p} n’existe pas (générez ou enregistrez la narration)`,
  ],
  [
    /^audio file assets\/(.+) is not a readable MP3: (.+)$/,
    (p, d) => `le fichier audio assets/${p} n’est pas un MP3 lisible${NB}: ${d}`,
  ],
  [
    /^audio file assets\/(.+) has no audio frames$/,
    (p) => `le fichier audio assets/${p} ne contient pas de son`,
  ],
  [/^assets\/(.+) has no cues$/, (p) => `assets/${p} ne contient aucun sous-titre`],
  [
    /^captions run past the end of their audio: the last cue ends at (.+) s, assets\/(.+) lasts (.+) s$/,
    (e, p, d) =>
      `les sous-titres dépassent la fin de leur audio${NB}: le dernier finit à ${e.replace('.', ',')}${NB}s, assets/${p} dure ${d.replace('.', ',')}${NB}s`,
  ],
  [
    /^captions do not say the script's words: (.+)$/,
    (d) => `les sous-titres ne disent pas les mots du texte${NB}: ${quoted(d)}`,
  ],
  [
    /^(\d+) bytes, over the (\d+)-byte budget$/,
    (b, max) => `${b} octets, au-delà du budget de ${max} octets`,
  ],
  [
    /^(\d+) draw calls, over the budget of (\d+)$/,
    (n, max) => `${n} appels de dessin, au-delà du budget de ${max}`,
  ],
  [/^(\d+) triangles, over the budget of (\d+)$/, (n, max) => `${n} triangles, au-delà du budget de ${max}`],
  [/^validator: (.+)$/, (d) => `validateur glTF${NB}: ${d}`],
  [/^not compressed: (.+) is not used$/, (e) => `pas compressé${NB}: ${e} n’est pas employé`],
  [/^cannot be read as a glTF model: (.+)$/, (d) => `ne peut être lu comme modèle glTF${NB}: ${d}`],
  // The studio's own (check.ts, tours.ts)
  [
    /^the stop "(.+)" is also in (.+), which differs: saving writes this version there too$/,
    (s, f) =>
      `l’étape ${q(s)} figure aussi dans ${f}, où elle diffère${NB}: l’enregistrement y écrira cette version`,
  ],
  [
    /^is "(.+)" but the tour is saved as (.+)$/,
    (id, f) => `vaut ${q(id)}, mais la visite est enregistrée sous ${f}`,
  ],
]

function apply(forms: readonly Form[], message: string): string | undefined {
  for (const [re, make] of forms) {
    const m = re.exec(message)
    if (m) return make(...m.slice(1).map((g) => g ?? ''))
  }
  return undefined
}

/** The French form of a check message, or undefined when it has none. */
export const frenchMessage = (message: string) => apply(FR, message)

/** A check message in `lang` (English when no French form exists). */
export function localizeMessage(message: string, lang: StudioLang): string {
  return (lang === 'fr' ? frenchMessage(message) : apply(EN, message)) ?? message
}
