/**
 * Crisis, domestic-abuse and eating-disorder lines by country, as data. The words for each line live in
 * `locales/<lang>/safety.json` under `safety.lines.<id>`, with a `{placeholder}` for each of its numbers.
 *
 * Every entry says where it comes from and when it was last checked. The entries were written on a machine
 * without internet, from the product brief, the project's issue text and the author's knowledge: a person
 * with internet must check each one against its source before a release, and update `checked`.
 * `verify: true` marks the entries the author was least sure of.
 */

/** A number as shown, and whether it can be called (a `tel:` link) or only texted. */
export interface Contact {
  shown: string;
  kind: 'call' | 'text';
}

export type LineKind = 'crisis' | 'abuse' | 'eating';

export interface CatalogueLine {
  /** Locale key suffix: `safety.lines.<id>`. */
  id: string;
  kind: LineKind;
  /** The line's numbers, by the placeholder name its sentence uses. */
  numbers: Record<string, Contact>;
  source: string;
  checked: string;
  verify?: boolean;
}

export interface CountryLines {
  /** The numbers to call in immediate danger, most useful first. */
  emergency: string[];
  lines: CatalogueLine[];
}

const CHECKED = 'checked from the issue text and product brief 2026-12-07 (no internet; to be verified)';
const RECALLED = 'from the author’s knowledge 2026-12-07 (no internet; to be verified)';

const call = (shown: string): Contact => ({ shown, kind: 'call' });
const text = (shown: string): Contact => ({ shown, kind: 'text' });

/** Countries with lines of their own. ISO 3166-1 alpha-2 codes. */
export const CATALOGUE: Readonly<Record<string, CountryLines>> = {
  US: {
    emergency: ['911'],
    lines: [
      { id: 'us988', kind: 'crisis', numbers: { number: call('988') }, source: 'https://988lifeline.org', checked: CHECKED },
      { id: 'usCrisisTextLine', kind: 'crisis', numbers: { number: text('741741') }, source: 'https://www.crisistextline.org', checked: CHECKED },
      { id: 'usDomesticViolence', kind: 'abuse', numbers: { number: call('1-800-799-7233'), text: text('88788') }, source: 'https://www.thehotline.org', checked: CHECKED },
      { id: 'usAnad', kind: 'eating', numbers: { number: call('1-888-375-7767') }, source: 'https://anad.org', checked: RECALLED, verify: true },
    ],
  },
  CA: {
    emergency: ['911'],
    lines: [
      { id: 'ca988', kind: 'crisis', numbers: { number: call('988') }, source: 'https://988.ca', checked: CHECKED },
      { id: 'caNedic', kind: 'eating', numbers: { number: call('1-866-633-4220') }, source: 'https://nedic.ca', checked: RECALLED, verify: true },
    ],
  },
  GB: {
    emergency: ['999'],
    lines: [
      { id: 'samaritans', kind: 'crisis', numbers: { number: call('116 123') }, source: 'https://www.samaritans.org', checked: CHECKED },
      { id: 'gbShout', kind: 'crisis', numbers: { number: text('85258') }, source: 'https://giveusashout.org', checked: CHECKED },
      { id: 'gbDomesticAbuse', kind: 'abuse', numbers: { number: call('0808 2000 247') }, source: 'https://www.nationaldahelpline.org.uk', checked: CHECKED },
      { id: 'gbBeat', kind: 'eating', numbers: { number: call('0808 801 0677') }, source: 'https://www.beateatingdisorders.org.uk', checked: RECALLED, verify: true },
    ],
  },
  IE: {
    emergency: ['112', '999'],
    lines: [
      { id: 'samaritans', kind: 'crisis', numbers: { number: call('116 123') }, source: 'https://www.samaritans.org/ireland', checked: CHECKED },
      { id: 'ieText50808', kind: 'crisis', numbers: { number: text('50808') }, source: 'https://text50808.ie', checked: CHECKED },
      { id: 'ieWomensAid', kind: 'abuse', numbers: { number: call('1800 341 900') }, source: 'https://www.womensaid.ie', checked: RECALLED, verify: true },
      { id: 'ieBodywhys', kind: 'eating', numbers: { number: call('01 210 7906') }, source: 'https://www.bodywhys.ie', checked: RECALLED, verify: true },
    ],
  },
  AU: {
    emergency: ['000'],
    lines: [
      { id: 'auLifeline', kind: 'crisis', numbers: { number: call('13 11 14') }, source: 'https://www.lifeline.org.au', checked: CHECKED },
      { id: 'au1800Respect', kind: 'abuse', numbers: { number: call('1800 737 732') }, source: 'https://www.1800respect.org.au', checked: RECALLED, verify: true },
      { id: 'auButterfly', kind: 'eating', numbers: { number: call('1800 33 4673') }, source: 'https://butterfly.org.au', checked: RECALLED, verify: true },
    ],
  },
  ES: {
    emergency: ['112'],
    lines: [
      { id: 'es024', kind: 'crisis', numbers: { number: call('024') }, source: 'https://www.sanidad.gob.es (Línea 024)', checked: CHECKED },
      { id: 'esTelefonoEsperanza', kind: 'crisis', numbers: { number: call('717 003 717') }, source: 'https://telefonodelaesperanza.org', checked: CHECKED },
      { id: 'es016', kind: 'abuse', numbers: { number: call('016') }, source: 'https://violenciagenero.igualdad.gob.es', checked: CHECKED },
    ],
  },
  MX: {
    emergency: ['911'],
    lines: [
      { id: 'mxLineaVida', kind: 'crisis', numbers: { number: call('800 911 2000') }, source: 'https://www.gob.mx/salud/conadic (Línea de la Vida)', checked: CHECKED },
      { id: 'mxRedRefugios', kind: 'abuse', numbers: { number: call('800 822 4460') }, source: 'https://rednacionalderefugios.org.mx', checked: RECALLED, verify: true },
    ],
  },
  AR: {
    emergency: ['911'],
    lines: [
      { id: 'arAsistenciaSuicida', kind: 'crisis', numbers: { number: call('135'), other: call('011 5275-1135') }, source: 'https://www.asistenciaalsuicida.org.ar', checked: CHECKED },
      { id: 'ar144', kind: 'abuse', numbers: { number: call('144') }, source: 'https://www.argentina.gob.ar/generos/linea-144', checked: RECALLED, verify: true },
    ],
  },
  CL: {
    emergency: ['131', '133'],
    lines: [
      { id: 'cl4141', kind: 'crisis', numbers: { number: call('*4141') }, source: 'https://www.minsal.cl (Línea *4141)', checked: CHECKED },
      { id: 'cl1455', kind: 'abuse', numbers: { number: call('1455') }, source: 'https://www.minmujeryeg.gob.cl', checked: RECALLED, verify: true },
    ],
  },
  CO: {
    emergency: ['123'],
    lines: [
      { id: 'co192', kind: 'crisis', numbers: { number: call('192') }, source: 'https://www.minsalud.gov.co (Línea 192, opción 4)', checked: CHECKED },
      { id: 'coBogota106', kind: 'crisis', numbers: { number: call('106') }, source: 'https://www.saludcapital.gov.co (Línea 106)', checked: CHECKED },
      { id: 'co155', kind: 'abuse', numbers: { number: call('155') }, source: 'https://www.equidadmujer.gov.co (Línea 155)', checked: RECALLED, verify: true },
    ],
  },
  PE: {
    emergency: ['106', '105'],
    lines: [
      { id: 'pe113', kind: 'crisis', numbers: { number: call('113') }, source: 'https://www.gob.pe/minsa (Línea 113, opción 5)', checked: CHECKED },
      { id: 'pe100', kind: 'abuse', numbers: { number: call('100') }, source: 'https://www.gob.pe/mimp (Línea 100)', checked: RECALLED, verify: true },
    ],
  },
  IN: {
    emergency: ['112'],
    lines: [
      { id: 'inTeleManas', kind: 'crisis', numbers: { number: call('14416'), other: call('1-800-891-4416') }, source: 'https://telemanas.mohfw.gov.in', checked: RECALLED, verify: true },
      { id: 'in181', kind: 'abuse', numbers: { number: call('181') }, source: 'https://wcd.nic.in (Women Helpline 181)', checked: RECALLED, verify: true },
    ],
  },
};

/**
 * Territories whose people are served by another catalogue entry's lines: 988 answers in the US
 * territories, and Samaritans in the Channel Islands and the Isle of Man.
 */
export const SERVED_BY: Readonly<Record<string, string>> = { PR: 'US', VI: 'US', GU: 'US', AS: 'US', MP: 'US', GG: 'GB', JE: 'GB', IM: 'GB' };

/**
 * Countries without lines here whose emergency number is certain enough to show. Anywhere else the person
 * is told to call their local emergency number.
 */
export const EMERGENCY_ONLY: Readonly<Record<string, string[]>> = {
  ...Object.fromEntries(
    ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'FI', 'FR', 'GR', 'HR', 'HU', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'].map((code) => [code, ['112']]),
  ),
  NO: ['113', '112'],
  CH: ['144', '112'],
  JP: ['119', '110'],
  NZ: ['111'],
  EC: ['911'],
  UY: ['911'],
  PY: ['911'],
  CR: ['911'],
  PA: ['911'],
  SV: ['911'],
  DO: ['911'],
};
