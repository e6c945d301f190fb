import { TurnContext } from 'botbuilder';
import { Language, t } from '../i18n';

/**
 * Crisis lines as data: numbers here, words in `locales/<lang>/safety.json` (`safety.resources.<id>`).
 *
 * The region is chosen, in this order, from: the person's IANA time zone (their profile, else the one
 * Teams sends in the `clientInfo` entity), then the region part of the activity's locale (`es-MX`). A zone
 * names a country far more reliably than a language does (`es` is spoken in Spain and Mexico alike). When
 * neither says, the person gets the lines of every region their language covers, each labelled, and the
 * emergency numbers of all of them: a wrong number alone would be worse than a short list.
 */
export type Region = 'US' | 'GB' | 'IE' | 'ES' | 'MX';

export interface CrisisLine {
  /** Locale key suffix: `safety.resources.<id>` holds the sentence, with `{number}` where the number goes. */
  id: string;
  number: string;
}

export interface RegionResources {
  emergencyNumber: string;
  lines: CrisisLine[];
}

export const DEFAULT_CRISIS_RESOURCES: Readonly<Record<Region, RegionResources>> = {
  US: {
    emergencyNumber: '911',
    lines: [
      { id: 'us988', number: '988' },
      { id: 'usCrisisTextLine', number: '741741' },
    ],
  },
  GB: { emergencyNumber: '999', lines: [{ id: 'samaritans', number: '116 123' }] },
  IE: { emergencyNumber: '112', lines: [{ id: 'samaritans', number: '116 123' }] },
  ES: {
    emergencyNumber: '112',
    lines: [
      { id: 'es024', number: '024' },
      { id: 'esTelefonoEsperanza', number: '717 003 717' },
    ],
  },
  MX: { emergencyNumber: '911', lines: [{ id: 'mxLineaVida', number: '800 911 2000' }] },
};

/** Regions whose lines are shown, labelled, when the region is unknown. */
const REGIONS_BY_LANGUAGE: Record<Language, Region[]> = { en: ['US', 'GB', 'IE'], es: ['ES', 'MX'] };

const ZONE_REGIONS: Array<[RegExp, Region]> = [
  [/^(Europe\/(Madrid)|Africa\/Ceuta|Atlantic\/Canary)$/, 'ES'],
  [/^Europe\/(London|Belfast|Guernsey|Jersey|Isle_of_Man)$|^GB$/, 'GB'],
  [/^Europe\/Dublin$|^Eire$/, 'IE'],
  [
    /^America\/(Mexico_City|Cancun|Merida|Monterrey|Matamoros|Chihuahua|Ciudad_Juarez|Ojinaga|Mazatlan|Bahia_Banderas|Hermosillo|Tijuana|Ensenada)$|^Mexico\//,
    'MX',
  ],
  [
    /^America\/(New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage|Juneau|Sitka|Yakutat|Nome|Metlakatla|Adak|Boise|Detroit|Menominee|Indiana\/.+|Kentucky\/.+|North_Dakota\/.+|Puerto_Rico)$|^Pacific\/Honolulu$|^US\//,
    'US',
  ],
];

export function regionFromTimeZone(timeZone: string | undefined): Region | undefined {
  if (!timeZone) return undefined;
  return ZONE_REGIONS.find(([pattern]) => pattern.test(timeZone))?.[1];
}

export function regionFromLocale(locale: string | undefined): Region | undefined {
  const region = (locale ?? '').split(/[-_]/)[1]?.toUpperCase();
  if (region === 'UK') return 'GB';
  return region && region in DEFAULT_CRISIS_RESOURCES ? (region as Region) : undefined;
}

/** The IANA zone Teams sends in the `clientInfo` entity, if any. */
export function clientInfoTimeZone(context: TurnContext): string | undefined {
  const entity = (context.activity.entities ?? []).find((e) => e.type === 'clientInfo') as { timezone?: unknown } | undefined;
  return typeof entity?.timezone === 'string' ? entity.timezone : undefined;
}

export function regionFor(context: TurnContext, profileTimeZone?: string): Region | undefined {
  return regionFromTimeZone(profileTimeZone) ?? regionFromTimeZone(clientInfoTimeZone(context)) ?? regionFromLocale(context.activity.locale ?? undefined);
}

/**
 * The crisis lines a programme shows. A programme overrides a region's lines by passing its own
 * (`overrides`), e.g. a clinic's own out-of-hours line first; the words still come from the locales, so
 * an override names a line id that has a text in `safety.resources` (or reuses `custom` with its own number).
 */
export class CrisisResourceCatalog {
  constructor(private readonly overrides: Partial<Record<Region, RegionResources>> = {}) {}

  resources(region: Region): RegionResources {
    return this.overrides[region] ?? DEFAULT_CRISIS_RESOURCES[region];
  }

  /** The message listing the crisis lines and the emergency number, in the person's language. */
  describe(language: Language, region: Region | undefined): string {
    const regions = region ? [region] : REGIONS_BY_LANGUAGE[language];
    const labelled = regions.length > 1;
    const lines: string[] = [];
    for (const r of regions) {
      const { lines: crisisLines } = this.resources(r);
      for (const line of crisisLines) {
        const sentence = t(language, `safety.resources.${line.id}`, { number: line.number });
        lines.push(`- ${labelled ? `${t(language, `safety.regions.${r}`)}: ` : ''}${sentence}`);
      }
    }
    const emergency = [...new Set(regions.map((r) => this.resources(r).emergencyNumber))].join(' / ');
    return [t(language, 'safety.resourcesIntro'), ...lines, t(language, 'safety.emergency', { number: emergency })].join('\n');
  }

  emergencyNumber(language: Language, region: Region | undefined): string {
    const regions = region ? [region] : REGIONS_BY_LANGUAGE[language];
    return [...new Set(regions.map((r) => this.resources(r).emergencyNumber))].join(' / ');
  }
}
