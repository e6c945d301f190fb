/**
 * Crisis, domestic-abuse and eating-disorder lines by country, as data. The words for each line live in
 * `locales/<lang>/safety.json` under `safety.lines.<id>`, with a `{placeholder}` for each of its numbers.
 *
 * Every entry says where it comes from (`source`, the line's own site) and how it was last checked
 * (`checked`: the page that confirmed the number, and the date). On 2026-12-07 each number was looked up in
 * a store of public web pages (no live internet): `verify: true` is left only on the entries no page
 * confirmed. Before a release a person with internet should still open each `source`, and update `checked`.
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

/** Where the number (and what the line's sentence says of it) was found, on the date of the check. */
const confirmed = (where: string) => `confirmed 2026-12-07 in ${where}`;
const NOT_CONFIRMED = 'from the author’s knowledge; searched 2026-12-07 in stored public pages and not confirmed (to be verified)';

const call = (shown: string): Contact => ({ shown, kind: 'call' });
const text = (shown: string): Contact => ({ shown, kind: 'text' });

/*
 * The tables below are built by functions, on each call, rather than held in constants: a crisis response reads
 * them a few times (microseconds), and mutation testing can then try each number against the tests in one test
 * process, where a constant's mutants would each need a process of their own (minutes for the whole table).
 */

/** Countries with lines of their own. ISO 3166-1 alpha-2 codes. */
export function catalogue(): Readonly<Record<string, CountryLines>> {
  return {
    US: {
      emergency: ['911'],
      lines: [
        { id: 'us988', kind: 'crisis', numbers: { number: call('988') }, source: 'https://988lifeline.org', checked: confirmed('https://988lifeline.org/get-help/what-to-expect (call or text 988; Spanish: press 2, text AYUDA)') },
        { id: 'usCrisisTextLine', kind: 'crisis', numbers: { number: text('741741') }, source: 'https://www.crisistextline.org', checked: confirmed('http://www.sfisd.net/apps/pages/index.jsp?uREC_ID=1473130&type=d&pREC_ID=1625729 and https://www.alexproject.org/crisis-text-line-text-home-to-741741 (text HOME to 741741)') },
        { id: 'usDomesticViolence', kind: 'abuse', numbers: { number: call('1-800-799-7233'), text: text('88788') }, source: 'https://www.thehotline.org', checked: confirmed('https://ovc.ojp.gov/news/grantee-news/national-domestic-violence-hotline-answers-6-million-contacts (800-799-7233; text START to 88788)') },
        { id: 'usAnad', kind: 'eating', numbers: { number: call('1-888-375-7767') }, source: 'https://anad.org', checked: NOT_CONFIRMED, verify: true },
      ],
    },
    CA: {
      emergency: ['911'],
      lines: [
        { id: 'ca988', kind: 'crisis', numbers: { number: call('988') }, source: 'https://988.ca', checked: confirmed('https://mentalhealthcommission.ca/catalyst/988-launches-in-canada/ (call or text 988, launched 2023-11-30)') },
        { id: 'caNedic', kind: 'eating', numbers: { number: call('1-866-633-4220') }, source: 'https://nedic.ca', checked: confirmed('https://www.vancouverislandmentalhealthsociety.org/its-eating-disorders-awareness-week-in-canada-from-february-1-to-7/ (toll free 1-866-633-4220)') },
      ],
    },
    GB: {
      emergency: ['999'],
      lines: [
        { id: 'samaritans', kind: 'crisis', numbers: { number: call('116 123') }, source: 'https://www.samaritans.org', checked: confirmed('https://www.samaritans.org/how-we-can-help/contact-samaritan/ (116 123, free from landlines and mobiles; UK and Ireland)') },
        { id: 'gbShout', kind: 'crisis', numbers: { number: text('85258') }, source: 'https://giveusashout.org', checked: confirmed('https://giveusashout.org/about-us/safeguarding-children-and-young-people/ (text SHOUT to 85258)') },
        { id: 'gbDomesticAbuse', kind: 'abuse', numbers: { number: call('0808 2000 247') }, source: 'https://www.nationaldahelpline.org.uk', checked: confirmed('https://refuge.org.uk/news/refuge-response-to-home-secretary-announcement-of-support-for-domestic-abuse-victims (0808 2000 247, free, any time)') },
        { id: 'gbBeat', kind: 'eating', numbers: { number: call('0808 801 0677') }, source: 'https://www.beateatingdisorders.org.uk', checked: NOT_CONFIRMED, verify: true },
      ],
    },
    IE: {
      emergency: ['112', '999'],
      lines: [
        { id: 'samaritans', kind: 'crisis', numbers: { number: call('116 123') }, source: 'https://www.samaritans.org/ireland', checked: confirmed('https://www.samaritans.org/how-we-can-help/contact-samaritan/ (116 123, free from landlines and mobiles; UK and Ireland)') },
        { id: 'ieText50808', kind: 'crisis', numbers: { number: text('50808') }, source: 'https://text50808.ie', checked: confirmed('https://www.irishtimes.com/life-and-style/health-family/crisis-text-line-launches-24-hour-mental-health-service-1.4277617 (50808, free, 24/7; the opening word is not confirmed: a 2020 launch article says TALK)') },
        { id: 'ieWomensAid', kind: 'abuse', numbers: { number: call('1800 341 900') }, source: 'https://www.womensaid.ie', checked: confirmed('https://irishcentral.com/news/womens-aid-domestic-violence-helpline and https://www.thejournal.ie/womens-aid-helpline-2-2964358-Sep2016/ (1800 341 900, 24/7)') },
        { id: 'ieBodywhys', kind: 'eating', numbers: { number: call('01 210 7906') }, source: 'https://www.bodywhys.ie', checked: NOT_CONFIRMED, verify: true },
      ],
    },
    AU: {
      emergency: ['000'],
      lines: [
        { id: 'auLifeline', kind: 'crisis', numbers: { number: call('13 11 14') }, source: 'https://www.lifeline.org.au', checked: confirmed('https://en.wikipedia.org/wiki/Lifeline_(crisis_support_service) and https://lifelineh2h.org.au/get-help/telephone-crisis-support/faqs/ (13 11 14, 24 hours)') },
        { id: 'au1800Respect', kind: 'abuse', numbers: { number: call('1800 737 732') }, source: 'https://www.1800respect.org.au', checked: confirmed('https://thedailyaus.com.au/stories/1800-respect-text-messaging/ (call 1800 737 732)') },
        { id: 'auButterfly', kind: 'eating', numbers: { number: call('1800 33 4673') }, source: 'https://butterfly.org.au', checked: confirmed('https://butterfly.org.au/news/butterfly-foundation-national-helpline-1800-ed-hope-expands-hours-of-operation-for-eating-disorders/ (1800 ED HOPE, 1800 33 4673)') },
      ],
    },
    ES: {
      emergency: ['112'],
      lines: [
        { id: 'es024', kind: 'crisis', numbers: { number: call('024') }, source: 'https://www.sanidad.gob.es (Línea 024)', checked: confirmed('https://www.rtve.es/noticias/20220509/sanidad-presenta-telefono-prevencion-suicidio/2347183.shtml (024, free, 24 hours)') },
        { id: 'esTelefonoEsperanza', kind: 'crisis', numbers: { number: call('717 003 717') }, source: 'https://telefonodelaesperanza.org', checked: confirmed('https://maldita.es/index.php/malditaciencia/20220510/024-numero-telefono-atencion-suicidio-espana-gratuito (717 003 717)') },
        { id: 'es016', kind: 'abuse', numbers: { number: call('016') }, source: 'https://violenciagenero.igualdad.gob.es', checked: confirmed('https://www.elperiodicoextremadura.com/noticias/extremadura/extremadura-realizan-tres-llamadas-dia-telefono-016_1194873.html (016, free, 24 hours, not on the bill but kept in the phone’s call log)') },
      ],
    },
    MX: {
      emergency: ['911'],
      lines: [
        { id: 'mxLineaVida', kind: 'crisis', numbers: { number: call('800 911 2000') }, source: 'https://www.gob.mx/salud/conadic (Línea de la Vida)', checked: confirmed('https://www.eluniversal.com.mx/nacion/promueven-la-linea-de-la-vida-tras-presentar-encuesta-sobre-consumo-de-drogas-asi-puedes-pedir-ayuda/ (800 911 2000, free, 24 hours; now run by CONASAMA)') },
        { id: 'mxRedRefugios', kind: 'abuse', numbers: { number: call('800 822 4460') }, source: 'https://rednacionalderefugios.org.mx', checked: NOT_CONFIRMED, verify: true },
      ],
    },
    AR: {
      emergency: ['911'],
      lines: [
        { id: 'arAsistenciaSuicida', kind: 'crisis', numbers: { number: call('135'), other: call('011 5275-1135') }, source: 'https://www.asistenciaalsuicida.org.ar', checked: confirmed('https://lapostacomodorense.com.ar/2025/09/03/septiembre-mes-de-la-prevencion-del-suicidio-la-importancia-de-escuchar-acompanar-y-abrazar/ (135 in CABA and Greater Buenos Aires, (011) 5275-1135 nationwide)') },
        { id: 'ar144', kind: 'abuse', numbers: { number: call('144') }, source: 'https://www.argentina.gob.ar/generos/linea-144', checked: confirmed('https://www.telam.com.ar/notas/202309/640470-linea-144-violencia-de-genero.html (144, free, 24 hours)') },
      ],
    },
    CL: {
      emergency: ['131', '133'],
      lines: [
        { id: 'cl4141', kind: 'crisis', numbers: { number: call('*4141') }, source: 'https://www.minsal.cl (Línea *4141)', checked: confirmed('https://www.latercera.com/nacional/noticia/fono-4141-de-prevencion-del-suicidio-mas-de-227000-llamadas-atendidas-en-tres-anos/ (*4141, free, 24/7)') },
        { id: 'cl1455', kind: 'abuse', numbers: { number: call('1455') }, source: 'https://www.minmujeryeg.gob.cl', checked: confirmed('https://minmujeryeg.gob.cl/?page_id=4023 (1455, free; Monday to Friday 08:00 to midnight, not 24 hours)') },
      ],
    },
    CO: {
      emergency: ['123'],
      lines: [
        { id: 'co192', kind: 'crisis', numbers: { number: call('192') }, source: 'https://www.minsalud.gov.co (Línea 192, opción 4)', checked: confirmed('https://infobae.com/america/colombia/2021/04/15/la-linea-192-de-minsalud-atendio-mas-de-18-mil-colombianos-en-servicios-de-salud-mental-el-ultimo-ano (192, option 4)') },
        { id: 'coBogota106', kind: 'crisis', numbers: { number: call('106') }, source: 'https://www.saludcapital.gov.co (Línea 106)', checked: confirmed('http://www.bogota.gov.co/servicios/guia-de-tramites-y-servicios/linea-106 (106, free from Bogotá, 24 hours)') },
        { id: 'co155', kind: 'abuse', numbers: { number: call('155') }, source: 'https://www.equidadmujer.gov.co (Línea 155)', checked: confirmed('https://www.seguimiento.co/node/51966 (155, free, 24/7)') },
      ],
    },
    PE: {
      emergency: ['106', '105'],
      lines: [
        { id: 'pe113', kind: 'crisis', numbers: { number: call('113') }, source: 'https://www.gob.pe/minsa (Línea 113, opción 5)', checked: confirmed('https://panamericana.pe/locales/463414-dia-depresion-linea-113-brinda-orientacion-apoyo-psicologico-gratuito-24-horas-dia (113, option 5, 24 hours)') },
        { id: 'pe100', kind: 'abuse', numbers: { number: call('100') }, source: 'https://www.gob.pe/mimp (Línea 100)', checked: confirmed('https://www.infobae.com/peru/2025/11/05/linea-100-del-mimp-mas-de-67-mil-llamadas-malintencionadas-saturaron-el-servicio-los-primeros-9-meses-del-2025/ (100, free, 24 hours)') },
      ],
    },
    IN: {
      emergency: ['112'],
      lines: [
        { id: 'inTeleManas', kind: 'crisis', numbers: { number: call('14416'), other: call('1-800-891-4416') }, source: 'https://telemanas.mohfw.gov.in', checked: confirmed('https://www.livemint.com/news/india/govts-mental-health-helpline-tele-manas-receives-over-2-lakh-calls-since-launch-11690014660473.html (14416 or 1-800-891-4416, toll-free)') },
        { id: 'in181', kind: 'abuse', numbers: { number: call('181') }, source: 'https://wcd.nic.in (Women Helpline 181)', checked: confirmed('https://www.freepressjournal.in/mumbai/maharashtra-now-distressed-women-can-call-at-toll-free-181-helpline-launched-by-govt-under-mission-shakti (181, toll-free, 24 hours)') },
      ],
    },
  };
}

/**
 * Territories whose people are served by another catalogue entry's lines: 988 answers in the US
 * territories, and Samaritans in the Channel Islands and the Isle of Man.
 */
export function servedBy(): Readonly<Record<string, string>> {
  return { PR: 'US', VI: 'US', GU: 'US', AS: 'US', MP: 'US', GG: 'GB', JE: 'GB', IM: 'GB' };
}

/**
 * Countries without lines here whose emergency number is certain enough to show. Anywhere else the person
 * is told to call their local emergency number.
 */
export function emergencyOnly(): Readonly<Record<string, string[]>> {
  return {
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
}
