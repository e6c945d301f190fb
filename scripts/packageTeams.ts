/**
 * Builds the Microsoft Teams app package: manifest.json (bot in personal scope, with its commands), es.json
 * (the Spanish localization), and the two icons drawn here. Texts come from locales/<lang>/teams.json and the
 * command words from locales/<lang>/commands.json, so the package says what the bot understands.
 *
 *   npm run package:teams -- --bot-id <guid> --service-url https://<app>.azurewebsites.net \
 *     --developer-name "Contoso Clinic" --website-url … --privacy-url … --terms-url …
 *
 * Every option can also come from the environment (TEAMS_BOT_ID, TEAMS_SERVICE_URL, …); see
 * deploymentTemplates/README.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { z } from 'zod';
import { TEAMS_MENU_COMMANDS } from '../src/bot/commands';
import { Language, t, variants } from '../src/i18n';

export const MANIFEST_VERSION = '1.30';
const SCHEMA_BASE = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}`;
export const COLOR_ICON = { file: 'color.png', size: 192 };
export const OUTLINE_ICON = { file: 'outline.png', size: 32 };
const DEFAULT_LANGUAGE: Language = 'en';
const ADDITIONAL_LANGUAGES: Language[] = ['es'];
/** Accent and icon background: a calm teal. */
const ACCENT = '#2E6F73';

const ROOT = resolve(__dirname, '..');
const packageVersion = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const httpsUrl = (what: string) =>
  z
    .string({ required_error: `${what} is required` })
    .url(`${what} must be a URL`)
    .refine((value) => value.startsWith('https://'), `${what} must start with https://`);

export const packageOptionsSchema = z
  .object({
    botId: z.string({ required_error: 'the bot id is required (the botId output of the deployment)' }).uuid('the bot id must be a GUID (the botId output of the deployment)'),
    appId: z.string().uuid('the Teams app id must be a GUID').optional(),
    serviceUrl: httpsUrl('the service URL (the serviceUrl output of the deployment)'),
    developerName: z.string({ required_error: 'the developer name is required (your clinic or organisation)' }).trim().min(1).max(32, 'the developer name must be at most 32 characters'),
    websiteUrl: httpsUrl('the website URL'),
    privacyUrl: httpsUrl('the privacy statement URL'),
    termsUrl: httpsUrl('the terms of use URL'),
    version: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/, 'the app version must look like 1.2.3')
      .default(packageVersion),
  })
  .transform((options) => ({ ...options, appId: options.appId ?? options.botId }));

export type PackageOptions = z.input<typeof packageOptionsSchema>;

/** The manifest and the localization files, as objects. */
export function buildManifest(input: PackageOptions): { manifest: Record<string, unknown>; localizations: Record<string, Record<string, string>> } {
  const options = packageOptionsSchema.parse(input);
  const texts = (language: Language) => ({
    name: { short: t(language, 'teams.nameShort'), full: t(language, 'teams.nameFull') },
    description: { short: t(language, 'teams.descriptionShort'), full: t(language, 'teams.descriptionFull') },
    // The first phrase of each command is what Teams sends when the command is chosen: the bot recognises it.
    commands: TEAMS_MENU_COMMANDS.map((command) => ({ title: variants(language, `commands.${command}`)[0], description: t(language, `teams.command.${command}`) })),
  });
  const main = texts(DEFAULT_LANGUAGE);
  const manifest = {
    $schema: `${SCHEMA_BASE}/MicrosoftTeams.schema.json`,
    manifestVersion: MANIFEST_VERSION,
    version: options.version,
    id: options.appId,
    developer: { name: options.developerName, websiteUrl: options.websiteUrl, privacyUrl: options.privacyUrl, termsOfUseUrl: options.termsUrl },
    name: main.name,
    description: main.description,
    icons: { color: COLOR_ICON.file, outline: OUTLINE_ICON.file },
    accentColor: ACCENT,
    bots: [
      {
        botId: options.botId,
        scopes: ['personal'],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [{ scopes: ['personal'], commands: main.commands }],
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [new URL(options.serviceUrl).host],
    localizationInfo: {
      defaultLanguageTag: DEFAULT_LANGUAGE,
      additionalLanguages: ADDITIONAL_LANGUAGES.map((language) => ({ languageTag: language, file: `${language}.json` })),
    },
  };
  const localizations: Record<string, Record<string, string>> = {};
  for (const language of ADDITIONAL_LANGUAGES) {
    const local = texts(language);
    const file: Record<string, string> = {
      $schema: `${SCHEMA_BASE}/MicrosoftTeams.Localization.schema.json`,
      'name.short': local.name.short,
      'name.full': local.name.full,
      'description.short': local.description.short,
      'description.full': local.description.full,
    };
    local.commands.forEach((command, index) => {
      file[`bots[0].commandLists[0].commands[${index}].title`] = command.title;
      file[`bots[0].commandLists[0].commands[${index}].description`] = command.description;
    });
    localizations[`${language}.json`] = file;
  }
  return { manifest, localizations };
}

/** The zip Teams takes: manifest.json, the icons and the localization files at its root. */
export async function buildTeamsPackage(input: PackageOptions): Promise<Buffer> {
  const { manifest, localizations } = buildManifest(input);
  const zip = new JSZip();
  // A fixed date keeps the zip identical for identical input.
  const date = new Date('2026-01-01T00:00:00Z');
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date });
  zip.file(COLOR_ICON.file, drawColorIcon(), { date });
  zip.file(OUTLINE_ICON.file, drawOutlineIcon(), { date });
  for (const [file, content] of Object.entries(localizations)) zip.file(file, `${JSON.stringify(content, null, 2)}\n`, { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

// --- Icons: two overlapping rings (two people, the relationships IPT works on), drawn with 4×4 supersampling. ---

type Shape = (x: number, y: number) => boolean;

/** Two rings side by side, in a unit square (0..1). */
function twoRings(thickness: number): Shape {
  const radius = 0.24;
  const centres = [
    [0.38, 0.5],
    [0.62, 0.5],
  ];
  return (x, y) =>
    centres.some(([cx, cy]) => {
      const distance = Math.hypot(x - cx, y - cy);
      return distance <= radius && distance >= radius - thickness;
    });
}

function render(size: number, shape: Shape, paint: (coverage: number) => [number, number, number, number]): Buffer {
  const png = new PNG({ width: size, height: size });
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) if (shape((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)) hits++;
      }
      const [r, g, b, a] = paint(hits / (samples * samples));
      const offset = (py * size + px) * 4;
      png.data[offset] = r;
      png.data[offset + 1] = g;
      png.data[offset + 2] = b;
      png.data[offset + 3] = a;
    }
  }
  return PNG.sync.write(png);
}

/** 192×192, full colour: white rings on the accent colour, edge to edge (Teams rounds the corners). */
export function drawColorIcon(): Buffer {
  const [br, bg, bb] = [1, 3, 5].map((i) => parseInt(ACCENT.slice(i, i + 2), 16));
  return render(COLOR_ICON.size, twoRings(0.06), (c) => [Math.round(br + (255 - br) * c), Math.round(bg + (255 - bg) * c), Math.round(bb + (255 - bb) * c), 255]);
}

/** 32×32 outline: white on transparent, as Teams requires. */
export function drawOutlineIcon(): Buffer {
  return render(OUTLINE_ICON.size, twoRings(0.07), (c) => [255, 255, 255, Math.round(255 * c)]);
}

// --- Command line ---

export function optionsFrom(argv: string[], env: NodeJS.ProcessEnv): PackageOptions & { output: string } {
  const { values } = parseArgs({
    args: argv,
    options: {
      'bot-id': { type: 'string' },
      'app-id': { type: 'string' },
      'service-url': { type: 'string' },
      'developer-name': { type: 'string' },
      'website-url': { type: 'string' },
      'privacy-url': { type: 'string' },
      'terms-url': { type: 'string' },
      version: { type: 'string' },
      output: { type: 'string' },
    },
    strict: true,
  });
  const pick = (flag: string, variable: string) => (values as Record<string, string | undefined>)[flag] ?? (env[variable] || undefined);
  return {
    botId: pick('bot-id', 'TEAMS_BOT_ID') as string,
    appId: pick('app-id', 'TEAMS_APP_ID'),
    serviceUrl: pick('service-url', 'TEAMS_SERVICE_URL') as string,
    developerName: pick('developer-name', 'TEAMS_DEVELOPER_NAME') as string,
    websiteUrl: pick('website-url', 'TEAMS_WEBSITE_URL') as string,
    privacyUrl: pick('privacy-url', 'TEAMS_PRIVACY_URL') as string,
    termsUrl: pick('terms-url', 'TEAMS_TERMS_URL') as string,
    version: pick('version', 'TEAMS_APP_VERSION'),
    output: resolve(pick('output', 'TEAMS_OUTPUT') ?? join(ROOT, 'dist', 'teams', 'ipt-companion.zip')),
  };
}

async function main(): Promise<void> {
  const { output, ...options } = optionsFrom(process.argv.slice(2), process.env);
  const checked = packageOptionsSchema.safeParse(options);
  if (!checked.success) {
    console.error(`Cannot build the Teams package:\n${checked.error.issues.map((issue) => `  - ${issue.message}`).join('\n')}`);
    console.error('Pass them as options (--bot-id, --service-url, --developer-name, --website-url, --privacy-url, --terms-url) or TEAMS_* variables; see deploymentTemplates/README.md.');
    process.exitCode = 1;
    return;
  }
  const zip = await buildTeamsPackage(options);
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, zip);
  console.log(`Teams app package written to ${relative(process.cwd(), output) || output} (${zip.length} bytes). Upload it as deploymentTemplates/README.md says.`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
