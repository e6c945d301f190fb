import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { recognizeCommand, TEAMS_MENU_COMMANDS } from '../../src/bot/commands';
import { buildTeamsPackage, MANIFEST_VERSION, PackageOptions } from '../../scripts/packageTeams';

const ROOT = resolve(__dirname, '../..');
const SCHEMAS = join(ROOT, 'teams', 'schema', `v${MANIFEST_VERSION}`);

const OPTIONS: PackageOptions = {
  botId: '6f1c2b7e-1d44-4c55-9a0e-3b8f2a1c0d01',
  serviceUrl: 'https://ipt-companion-contoso.azurewebsites.net',
  developerName: 'Contoso Clinic',
  websiteUrl: 'https://www.contoso.example/ipt',
  privacyUrl: 'https://www.contoso.example/privacy',
  termsUrl: 'https://www.contoso.example/terms',
};

function validator(file: string) {
  // The localization schema's patterns use a lone "]", valid in ECMAScript regular expressions only without the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')));
}

async function unpack(zip: Buffer): Promise<Record<string, Buffer>> {
  const archive = await JSZip.loadAsync(zip);
  const files: Record<string, Buffer> = {};
  for (const entry of Object.values(archive.files)) if (!entry.dir) files[entry.name] = await entry.async('nodebuffer');
  return files;
}

interface Manifest {
  manifestVersion: string;
  id: string;
  icons: { color: string; outline: string };
  validDomains: string[];
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[] }[];
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: { languageTag: string; file: string }[] };
}

describe('Teams app package', () => {
  let files: Record<string, Buffer>;
  let manifest: Manifest;

  before(async () => {
    files = await unpack(await buildTeamsPackage(OPTIONS));
    manifest = JSON.parse(files['manifest.json'].toString('utf8')) as Manifest;
  });

  it('holds exactly the manifest, the two icons and the Spanish localization', () => {
    assert.deepEqual(Object.keys(files).sort(), ['color.png', 'es.json', 'manifest.json', 'outline.png']);
    assert.deepEqual(manifest.icons, { color: 'color.png', outline: 'outline.png' });
    assert.deepEqual(manifest.localizationInfo.additionalLanguages, [{ languageTag: 'es', file: 'es.json' }]);
  });

  it('has a manifest valid against the vendored Teams schema of its version', () => {
    const validate = validator('MicrosoftTeams.schema.json');
    assert.ok(validate(manifest), JSON.stringify(validate.errors, null, 2));
    assert.equal(manifest.manifestVersion, MANIFEST_VERSION);
    // The schema is strict: a manifest with an unknown field or a bad bot id fails it.
    assert.equal(validate({ ...manifest, unknownField: true }), false);
    assert.equal(validate({ ...manifest, bots: [{ ...manifest.bots[0], botId: 'not-a-guid' }] }), false);
  });

  it('has a Spanish localization file valid against the vendored localization schema', () => {
    const validate = validator('MicrosoftTeams.Localization.schema.json');
    const es = JSON.parse(files['es.json'].toString('utf8')) as Record<string, string>;
    assert.ok(validate(es), JSON.stringify(validate.errors, null, 2));
    assert.equal(validate({ ...es, 'bots[0].commandLists[0].commands[12].title': 'trece' }), false, 'Teams localizes at most 12 commands');
    assert.equal(es['name.short'], 'IPT Companion');
    assert.match(es['description.full'], /Psicoterapia Interpersonal/);
  });

  it('is the deployed bot, in personal scope, reachable on the service domain', () => {
    assert.equal(manifest.id, OPTIONS.botId, 'the Teams app id defaults to the bot id');
    assert.equal(manifest.bots.length, 1);
    assert.equal(manifest.bots[0].botId, OPTIONS.botId);
    assert.deepEqual(manifest.bots[0].scopes, ['personal']);
    assert.deepEqual(manifest.validDomains, ['ipt-companion-contoso.azurewebsites.net']);
  });

  it('lists every bot command in English and Spanish, each a title the bot recognises as that command', () => {
    const [list] = manifest.bots[0].commandLists;
    assert.deepEqual(list.scopes, ['personal']);
    assert.equal(list.commands.length, TEAMS_MENU_COMMANDS.length);
    assert.ok(list.commands.length <= 12, 'Teams lists at most 12 commands');
    const es = JSON.parse(files['es.json'].toString('utf8')) as Record<string, string>;
    TEAMS_MENU_COMMANDS.forEach((command, index) => {
      const english = list.commands[index];
      const spanish = { title: es[`bots[0].commandLists[0].commands[${index}].title`], description: es[`bots[0].commandLists[0].commands[${index}].description`] };
      assert.equal(recognizeCommand(english.title), command, `"${english.title}" is not recognised as ${command}`);
      assert.equal(recognizeCommand(spanish.title), command, `"${spanish.title}" is not recognised as ${command}`);
      assert.ok(english.description && spanish.description && english.description !== spanish.description, `${command} needs a description in both languages`);
    });
  });

  it('has a 192×192 opaque colour icon and a 32×32 outline icon that is white on transparent', () => {
    const color = PNG.sync.read(files['color.png']);
    assert.deepEqual([color.width, color.height], [192, 192]);
    for (let i = 3; i < color.data.length; i += 4) assert.equal(color.data[i], 255, 'the colour icon must be opaque');
    const outline = PNG.sync.read(files['outline.png']);
    assert.deepEqual([outline.width, outline.height], [32, 32]);
    let drawn = 0;
    let clear = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = outline.data.subarray(i, i + 4);
      if (a === 0) clear++;
      else {
        drawn++;
        assert.deepEqual([r, g, b], [255, 255, 255], 'outline pixels must be white');
      }
    }
    assert.ok(drawn > 50 && clear > 500, `outline icon should show a shape on transparency (drawn ${drawn}, clear ${clear})`);
  });

  it('refuses options a Teams upload would reject, saying which', async () => {
    await assert.rejects(buildTeamsPackage({ ...OPTIONS, botId: 'abc', serviceUrl: 'http://insecure.example' }), (err: Error) => {
      assert.match(err.message, /bot id must be a GUID/);
      assert.match(err.message, /must start with https:\/\//);
      return true;
    });
  });

  describe('npm run package:teams', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'ipt-teams-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const run = (args: string[], env: Record<string, string>) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/packageTeams.ts', ...args], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', ...env },
        encoding: 'utf8',
      });

    it('writes the zip from TEAMS_* variables and options', async () => {
      const output = join(dir, 'app.zip');
      const result = run(['--output', output, '--developer-name', 'North Clinic'], {
        TEAMS_BOT_ID: OPTIONS.botId,
        TEAMS_SERVICE_URL: OPTIONS.serviceUrl,
        TEAMS_WEBSITE_URL: OPTIONS.websiteUrl,
        TEAMS_PRIVACY_URL: OPTIONS.privacyUrl,
        TEAMS_TERMS_URL: OPTIONS.termsUrl,
      });
      assert.equal(result.status, 0, result.stderr);
      const written = await unpack(readFileSync(output));
      assert.equal((JSON.parse(written['manifest.json'].toString('utf8')) as { developer: { name: string } }).developer.name, 'North Clinic');
    });

    it('exits 1 and names what is missing', () => {
      const result = run(['--output', join(dir, 'app.zip')], { TEAMS_SERVICE_URL: OPTIONS.serviceUrl });
      assert.equal(result.status, 1);
      assert.match(result.stderr, /bot id is required/);
      assert.match(result.stderr, /privacy statement URL is required/);
    });
  });
});
