import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { configSchema, loadConfig } from '../../src/config';
import { CONTAINER_NAMES, PARTITION_KEY_PATH } from '../../src/storage/containers';
import { ArmDeployment, ArmTemplate, DeployedResource, Json, RuntimeProperties } from './armTemplate';

const ROOT = resolve(__dirname, '../..');
const TEMPLATES = join(ROOT, 'deploymentTemplates');
const WITH_RG = join(TEMPLATES, 'deployUseExistResourceGroup');
const NEW_RG = join(TEMPLATES, 'deployWithNewResourceGroup');

/** Resource types the templates may deploy and the API versions allowed for each (GA versions only). */
const ALLOWED_API_VERSIONS: Record<string, string[]> = {
  'Microsoft.Resources/resourceGroups': ['2022-09-01'],
  'Microsoft.Resources/deployments': ['2022-09-01'],
  'Microsoft.ManagedIdentity/userAssignedIdentities': ['2023-01-31'],
  'Microsoft.OperationalInsights/workspaces': ['2023-09-01'],
  'Microsoft.Insights/components': ['2020-02-02'],
  'Microsoft.DocumentDB/databaseAccounts': ['2024-05-15'],
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases': ['2024-05-15'],
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers': ['2024-05-15'],
  'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments': ['2024-05-15'],
  'Microsoft.Web/serverfarms': ['2023-12-01'],
  'Microsoft.Web/sites': ['2023-12-01'],
  'Microsoft.BotService/botServices': ['2022-09-15'],
  'Microsoft.BotService/botServices/channels': ['2022-09-15'],
};

/**
 * App settings that are not keys of the service's configuration schema, and why the Web App has them.
 * Everything else the template sets must be a configuration key.
 */
const PLATFORM_APP_SETTINGS: Record<string, string> = {
  ApplicationInsightsAgent_EXTENSION_VERSION: 'turns the App Service Application Insights agent on (Linux, Node.js)',
  AZURE_CLIENT_ID: "@azure/identity's DefaultAzureCredential signs in to Cosmos DB as this user-assigned identity",
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'App Service installs dependencies (native ones for its own Node.js) on zip deploy',
  CUSTOM_BUILD_COMMAND: 'what App Service runs on zip deploy: install from the lock file, compile, drop development dependencies',
  WEBSITE_NODE_DEFAULT_VERSION: 'Node.js version on Windows plans (unused on Linux, allowed for completeness)',
};

const COSMOS_DATA_CONTRIBUTOR = '00000000-0000-0000-0000-000000000002';

/** What Azure assigns at deployment time, as reference() would return it. */
const IDENTITY = { clientId: '6f1c2b7e-1d44-4c55-9a0e-3b8f2a1c0d01', principalId: '0b7e5a2c-8c1d-4f3e-a5b6-7c8d9e0f1a02', tenantId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c03' };
const runtime: RuntimeProperties = ({ type, name }): Record<string, Json> => {
  switch (type) {
    case 'Microsoft.ManagedIdentity/userAssignedIdentities':
      return { ...IDENTITY };
    case 'Microsoft.DocumentDB/databaseAccounts':
      return { documentEndpoint: `https://${name}.documents.azure.com:443/` };
    case 'Microsoft.Insights/components':
      return { ConnectionString: `InstrumentationKey=00000000-0000-0000-0000-00000000aaaa;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/` };
    case 'Microsoft.Web/sites':
      return { defaultHostName: `${name}.azurewebsites.net` };
    default:
      return {};
  }
};

const SECRET = 'a-long-random-webhook-signing-secret';
const ADMIN_KEY = 'an-admin-api-key-of-at-least-32-characters';

function readJson<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

function parameterValues(file: string): Record<string, Json> {
  const { parameters } = readJson<{ parameters: Record<string, { value: Json }> }>(file);
  return Object.fromEntries(Object.entries(parameters).map(([name, p]) => [name, p.value]));
}

const scope = { subscriptionId: '11111111-2222-4333-8444-555555555555', tenantId: IDENTITY.tenantId, resourceGroup: { name: 'ipt-companion-rg', location: 'westeurope' } };

function deployWithRg(overrides: Record<string, Json> = {}): ArmDeployment {
  const template = readJson<ArmTemplate>(join(WITH_RG, 'template-with-rg.json'));
  const values = { ...parameterValues(join(WITH_RG, 'parameters-for-template-with-rg.json')), safetyWebhookSecret: SECRET, adminApiKey: ADMIN_KEY, ...overrides };
  return new ArmDeployment(template, values, scope, runtime);
}

function one(deployment: ArmDeployment, type: string): DeployedResource {
  const found = deployment.resources().filter((r) => r.type === type);
  assert.equal(found.length, 1, `expected one ${type}, found ${found.length}`);
  return found[0];
}

function appSettings(deployment: ArmDeployment): Record<string, string> {
  const site = one(deployment, 'Microsoft.Web/sites');
  const settings = ((site.body.properties as { siteConfig: { appSettings: { name: string; value: Json }[] } }).siteConfig.appSettings ?? []) as { name: string; value: Json }[];
  const env: Record<string, string> = {};
  for (const { name, value } of settings) {
    assert.ok(!(name in env), `app setting ${name} is set twice`);
    assert.equal(typeof value, 'string', `app setting ${name} must be a string, got ${JSON.stringify(value)}`);
    env[name] = value as string;
  }
  return env;
}

/** The configuration schema's keys, read from src/config.ts (a ZodObject, possibly wrapped in refinements). */
function configShape(): Record<string, z.ZodTypeAny> {
  let schema: z.ZodTypeAny = configSchema;
  for (let depth = 0; depth < 10; depth++) {
    if (schema instanceof z.ZodObject) return schema.shape as Record<string, z.ZodTypeAny>;
    const def = schema._def as { schema?: z.ZodTypeAny; innerType?: z.ZodTypeAny; in?: z.ZodTypeAny };
    const inner = def.schema ?? def.innerType ?? def.in;
    if (!inner) break;
    schema = inner;
  }
  throw new Error('configSchema is not a ZodObject under its refinements: update configShape()');
}

/** Keys whose own schema rejects "not set": every environment must set them. */
function alwaysRequiredKeys(): string[] {
  return Object.entries(configShape())
    .filter(([, schema]) => !schema.safeParse(undefined).success)
    .map(([key]) => key);
}

describe('deployment templates', () => {
  describe('files', () => {
    it('every template and parameters file parses, and each parameters file names only its template parameters', () => {
      const files = jsonFiles(TEMPLATES);
      assert.ok(files.length >= 4, `expected two templates and two parameters files, found ${files.map((f) => relative(ROOT, f)).join(', ')}`);
      for (const file of files) {
        const content = readJson(file);
        assert.match(String(content.$schema), /^https:\/\/schema\.management\.azure\.com\/schemas\/.+\.json#$/, `${relative(ROOT, file)} has no ARM $schema`);
      }
      for (const [dir, template, parameters] of [
        [WITH_RG, 'template-with-rg.json', 'parameters-for-template-with-rg.json'],
        [NEW_RG, 'template-with-new-rg.json', 'parameters-for-template-with-new-rg.json'],
      ]) {
        const declared = Object.keys(readJson<ArmTemplate>(join(dir, template)).parameters ?? {});
        for (const name of Object.keys(parameterValues(join(dir, parameters)))) {
          assert.ok(declared.includes(name), `${parameters} sets "${name}", which ${template} does not declare`);
        }
      }
    });

    it('uses only allow-listed resource types and API versions, in resources and in reference() calls', () => {
      const allowedVersions = new Set(Object.values(ALLOWED_API_VERSIONS).flat());
      const visit = (template: ArmTemplate, file: string) => {
        for (const resource of template.resources) {
          const allowed = ALLOWED_API_VERSIONS[resource.type];
          assert.ok(allowed, `${file}: resource type ${resource.type} is not on the allow-list`);
          assert.ok(allowed.includes(resource.apiVersion), `${file}: ${resource.type}@${resource.apiVersion} is not an allowed API version (${allowed.join(', ')})`);
          const nested = (resource.properties as { template?: ArmTemplate } | undefined)?.template;
          if (nested) visit(nested, `${file} (nested)`);
        }
      };
      for (const file of [join(WITH_RG, 'template-with-rg.json'), join(NEW_RG, 'template-with-new-rg.json')]) {
        visit(readJson<ArmTemplate>(file), relative(ROOT, file));
        for (const [, version] of readFileSync(file, 'utf8').matchAll(/reference\([^\]]*?'(\d{4}-\d{2}-\d{2}[^']*)'\)/g)) {
          assert.ok(allowedVersions.has(version), `${relative(ROOT, file)}: reference() with API version ${version} that no allowed resource uses`);
        }
      }
    });

    it('gives no secret a default value and keeps secrets out of the parameters files', () => {
      const secretTypes = ['securestring', 'secureobject'];
      for (const [dir, template, parameters] of [
        [WITH_RG, 'template-with-rg.json', 'parameters-for-template-with-rg.json'],
        [NEW_RG, 'template-with-new-rg.json', 'parameters-for-template-with-new-rg.json'],
      ]) {
        const definitions = readJson<ArmTemplate>(join(dir, template)).parameters ?? {};
        const secrets = Object.entries(definitions).filter(([, p]) => secretTypes.includes(p.type.toLowerCase()));
        assert.ok(secrets.length > 0, `${template} declares no secret parameter; this test would prove nothing`);
        for (const [name, definition] of secrets) {
          assert.equal(definition.defaultValue, undefined, `${template}: secret parameter ${name} has a default value`);
          assert.ok(!(name in parameterValues(join(dir, parameters))), `${parameters} holds a value for the secret ${name}`);
        }
        // A secret-looking name must be declared secure.
        for (const [name, definition] of Object.entries(definitions)) {
          if (/secret|password|key$/i.test(name)) assert.ok(secretTypes.includes(definition.type.toLowerCase()), `${template}: ${name} looks like a secret but is a ${definition.type}`);
        }
      }
    });

    it('the new-resource-group template creates the group and deploys exactly the existing-group template into it', () => {
      const inner = readJson<ArmTemplate>(join(WITH_RG, 'template-with-rg.json'));
      const outerTemplate = readJson<ArmTemplate>(join(NEW_RG, 'template-with-new-rg.json'));
      const outer: ArmDeployment = new ArmDeployment(
        outerTemplate,
        { ...parameterValues(join(NEW_RG, 'parameters-for-template-with-new-rg.json')), safetyWebhookSecret: SECRET, adminApiKey: ADMIN_KEY },
        { subscriptionId: scope.subscriptionId, tenantId: scope.tenantId },
        (resource): Record<string, Json> => {
          if (resource.type !== 'Microsoft.Resources/deployments') return runtime(resource);
          // The nested deployment's outputs, evaluated as Azure would in the new group.
          const nested: DeployedResource = outer.resources().find((r) => r.id === resource.id)!;
          const props = nested.body.properties as unknown as { template: ArmTemplate; parameters: Record<string, { value: Json }> };
          const values = Object.fromEntries(Object.entries(props.parameters).map(([k, v]) => [k, v.value]));
          const group = { name: String(nested.body.resourceGroup), location: String(outer.parameters.location) };
          const deployment: ArmDeployment = new ArmDeployment(props.template, values, { ...scope, resourceGroup: group }, runtime);
          return { outputs: Object.fromEntries(Object.entries(deployment.outputs()).map(([k, v]) => [k, { value: v }])) };
        },
      );
      const group = one(outer, 'Microsoft.Resources/resourceGroups');
      assert.equal(group.name, 'ipt-companion-rg');
      assert.equal(group.body.location, 'westeurope');
      const nested = one(outer, 'Microsoft.Resources/deployments');
      assert.equal(nested.body.resourceGroup, group.name);
      assert.ok((nested.body.dependsOn as string[]).includes(group.id), 'the nested deployment must wait for its resource group');
      const props = nested.body.properties as unknown as { template: ArmTemplate; parameters: Record<string, { value: Json }>; expressionEvaluationOptions: { scope: string } };
      assert.deepEqual(props.template, inner, 'the inlined template differs from deployUseExistResourceGroup/template-with-rg.json: run node deploymentTemplates/syncNewResourceGroupTemplate.mjs');
      assert.equal(props.expressionEvaluationOptions.scope, 'inner');
      for (const name of Object.keys(inner.parameters ?? {})) {
        assert.ok(outerTemplate.parameters?.[name], `${name} is not a parameter of the new-group template`);
        assert.deepEqual(props.parameters[name], { value: outer.parameters[name] }, `${name} is not passed through to the nested deployment`);
        if (name !== 'location') assert.deepEqual(outerTemplate.parameters?.[name], inner.parameters?.[name], `parameter ${name} differs between the two templates`);
      }
      const expected = new ArmDeployment(inner, { ...parameterValues(join(WITH_RG, 'parameters-for-template-with-rg.json')), safetyWebhookSecret: SECRET, adminApiKey: ADMIN_KEY, location: 'westeurope' }, scope, runtime);
      assert.deepEqual(outer.outputs(), expected.outputs());
    });

    it('the README names only files that exist and runs every template with its parameters file', () => {
      const readme = readFileSync(join(TEMPLATES, 'README.md'), 'utf8');
      const paths = [...readme.matchAll(/deploymentTemplates\/[\w./-]+\.json/g)].map((m) => m[0]);
      for (const path of paths) assert.ok(statSync(join(ROOT, path)).isFile(), `README names ${path}, which does not exist`);
      for (const file of jsonFiles(TEMPLATES)) assert.ok(paths.includes(relative(ROOT, file)), `README never uses ${relative(ROOT, file)}`);
      assert.match(readme, /az deployment group create/);
      assert.match(readme, /az deployment sub create/);
      assert.match(readme, /az webapp deploy/);
      assert.match(readme, /npm run package:teams/);
    });
  });

  describe('the Web App and the configuration schema (no drift)', () => {
    it('sets every key the configuration needs in production: the service loads it and runs on Cosmos DB as the bot', () => {
      const env = appSettings(deployWithRg());
      for (const key of alwaysRequiredKeys()) assert.ok(key in env, `configuration key ${key} is required but the Web App does not set it`);
      const config = loadConfig(env);
      assert.equal(config.env, 'production');
      assert.equal(config.localMode, false, 'the bot would run with authentication off');
      assert.deepEqual(config.botAuth, { MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: IDENTITY.clientId, MicrosoftAppPassword: '', MicrosoftAppTenantId: IDENTITY.tenantId });
      assert.deepEqual(config.store, { kind: 'cosmos', endpoint: 'https://ipt-companion-contoso-cosmos.documents.azure.com:443/', key: undefined, databaseId: 'ipt-companion' });
      assert.equal(config.programmes.adminApiKey, ADMIN_KEY, 'the programme API would be off');
      assert.equal(config.programmes.schedulerEnabled, true, 'reminders run in the Web App (Always On)');
      assert.equal(env.AZURE_CLIENT_ID, IDENTITY.clientId, 'DefaultAzureCredential would not find the user-assigned identity');
      assert.equal(env.APPLICATIONINSIGHTS_CONNECTION_STRING, runtime({ type: 'Microsoft.Insights/components', name: '', id: '' }).ConnectionString);
      // The same check fails when a production requirement is missing (so it can catch drift).
      const { MicrosoftAppId: _dropped, ...withoutAppId } = env;
      assert.throws(() => loadConfig(withoutAppId), /MicrosoftAppId is required in production/);
    });

    it('sets only keys the configuration schema knows, or allow-listed platform settings', () => {
      const known = Object.keys(configShape());
      for (const key of Object.keys(PLATFORM_APP_SETTINGS)) assert.ok(!known.includes(key), `${key} is a configuration key now: drop it from PLATFORM_APP_SETTINGS`);
      for (const key of Object.keys(appSettings(deployWithRg()))) {
        assert.ok(known.includes(key) || key in PLATFORM_APP_SETTINGS, `the Web App sets ${key}, which is neither a configuration key (src/config.ts) nor an allow-listed platform setting`);
      }
    });

    it('passes the safety escalation parameters through as the JSON the service reads', () => {
      const clinicians: Json = [
        { id: 'c1', name: 'Dr Ana Ruiz', aadObjectId: '3f2a1b0c-0000-4000-8000-000000000011', backupId: 'c2', language: 'es', timeZone: 'Europe/Madrid' },
        { id: 'c2', name: 'Dr Sam Lee', webhookUrl: 'https://paging.example.org/sam' },
      ];
      const env = appSettings(
        deployWithRg({
          safetyProgrammeId: 'clinic-north',
          safetyWebhookUrl: 'https://paging.example.org/ipt',
          safetyWebhookIncludeExcerpt: true,
          safetyAckTimeoutMinutes: 30,
          safetyClinicians: clinicians,
          safetyOnCall: { name: 'Clinic on-call', webhookUrl: 'https://paging.example.org/oncall' },
          safetyClientClinician: { '29:client-1': 'c1' },
        }),
      );
      const { programme, ackTimeoutMinutes } = loadConfig(env).safety;
      assert.equal(ackTimeoutMinutes, 30);
      assert.ok(programme, 'no safety programme configured');
      assert.equal(programme.id, 'clinic-north');
      assert.equal(programme.webhookUrl, 'https://paging.example.org/ipt');
      assert.equal(programme.webhookSecret, SECRET);
      assert.equal(programme.webhookIncludeExcerpt, true);
      assert.deepEqual(programme.clinicians.map((c) => c.id), ['c1', 'c2']);
      assert.equal(programme.onCall?.name, 'Clinic on-call');
      assert.deepEqual(programme.clientClinician, { '29:client-1': 'c1' });
      // Defaults: nothing to notify configured, excerpts off.
      const defaults = loadConfig(appSettings(deployWithRg())).safety;
      assert.equal(defaults.programme, undefined);
      assert.equal(defaults.ackTimeoutMinutes, 15);
    });

    it('runs Node.js 24 LTS on Linux, Always On, HTTPS only, TLS 1.2 at least, as the user-assigned identity', () => {
      const deployment = deployWithRg();
      const site = one(deployment, 'Microsoft.Web/sites');
      const identity = one(deployment, 'Microsoft.ManagedIdentity/userAssignedIdentities');
      const plan = one(deployment, 'Microsoft.Web/serverfarms');
      const props = site.body.properties as { serverFarmId: string; httpsOnly: boolean; siteConfig: Record<string, Json> };
      assert.equal(props.siteConfig.linuxFxVersion, 'NODE|24-lts');
      assert.equal(props.siteConfig.alwaysOn, true);
      assert.equal(props.httpsOnly, true);
      assert.equal(props.siteConfig.minTlsVersion, '1.2');
      assert.equal(props.siteConfig.ftpsState, 'Disabled');
      assert.equal(props.serverFarmId, plan.id);
      assert.equal((plan.body.properties as { reserved: boolean }).reserved, true, 'the plan must be Linux');
      const planSkus = (readJson<ArmTemplate>(join(WITH_RG, 'template-with-rg.json')).parameters?.appServicePlanSku.allowedValues ?? []) as string[];
      assert.ok(planSkus.every((sku) => !/^(F|D)/.test(sku)), 'Free and Shared plans have no Always On');
      assert.deepEqual(site.body.identity, { type: 'UserAssigned', userAssignedIdentities: { [identity.id]: {} } });
    });

    it('builds the compiled service on deploy, ships only production dependencies, and starts the compiled JavaScript', () => {
      const site = one(deployWithRg(), 'Microsoft.Web/sites');
      const siteConfig = (site.body.properties as { siteConfig: { appCommandLine: string; appSettings: { name: string; value: string }[] } }).siteConfig;
      const build = siteConfig.appSettings.find((s) => s.name === 'CUSTOM_BUILD_COMMAND')?.value ?? '';
      assert.deepEqual(build.split(' && ').map((step) => step.split(' ').slice(0, 3).join(' ')), ['npm ci --no-audit', 'npm run build', 'npm prune --omit=dev']);
      assert.equal(siteConfig.appCommandLine, 'npm run start:prod');
      const scripts = readJson<{ scripts: Record<string, string> }>(join(__dirname, '..', '..', 'package.json')).scripts;
      assert.equal(scripts['start:prod'], 'node dist/src/index.js', 'production runs the compiled service, not tsx');
    });
  });

  describe('Cosmos DB', () => {
    it('creates the database and every container the service uses (src/storage/containers.ts), partitioned on /pk', () => {
      const deployment = deployWithRg();
      const account = one(deployment, 'Microsoft.DocumentDB/databaseAccounts');
      const database = one(deployment, 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases');
      assert.equal(database.name, `${account.name}/${appSettings(deployment).COSMOS_DATABASE}`);
      const containers = deployment.resources().filter((r) => r.type === 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers');
      assert.deepEqual(containers.map((c) => c.name.split('/')[2]).sort(), [...CONTAINER_NAMES].sort());
      for (const container of containers) {
        assert.ok(container.name.startsWith(`${database.name}/`), `${container.name} is not in the service's database`);
        const resource = (container.body.properties as { resource: { id: string; partitionKey: { paths: string[] } } }).resource;
        assert.equal(resource.id, container.name.split('/')[2]);
        assert.deepEqual(resource.partitionKey.paths, [PARTITION_KEY_PATH]);
        assert.ok((container.body.dependsOn as string[]).includes(database.id), `${container.name} must wait for its database`);
      }
    });

    it('gives the Web App identity the Data Contributor role, keeps continuous backup, and turns keys off unless told not to', () => {
      const deployment = deployWithRg();
      const account = one(deployment, 'Microsoft.DocumentDB/databaseAccounts');
      const props = account.body.properties as Record<string, Json> & { backupPolicy: { type: string; continuousModeProperties: { tier: string } } };
      assert.equal(props.backupPolicy.type, 'Continuous');
      assert.equal(props.disableLocalAuth, true);
      assert.equal(props.minimalTlsVersion, 'Tls12');
      const assignment = one(deployment, 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments');
      const role = assignment.body.properties as { roleDefinitionId: string; principalId: string; scope: string };
      assert.equal(role.roleDefinitionId, `${account.id}/sqlRoleDefinitions/${COSMOS_DATA_CONTRIBUTOR}`);
      assert.equal(role.principalId, IDENTITY.principalId, 'the role must go to the identity the Web App runs as');
      assert.equal(role.scope, account.id);
      const withKeys = one(deployWithRg({ cosmosDisableLocalAuth: false }), 'Microsoft.DocumentDB/databaseAccounts');
      assert.equal((withKeys.body.properties as { disableLocalAuth: boolean }).disableLocalAuth, false);
      const definition = readJson<ArmTemplate>(join(WITH_RG, 'template-with-rg.json')).parameters?.cosmosDisableLocalAuth;
      assert.deepEqual([definition?.type, definition?.defaultValue], ['bool', true]);
    });
  });

  describe('Azure Bot', () => {
    it('is a single-tenant kind of bot whose identity and endpoint are the Web App, with Teams, Direct Line and Web Chat', () => {
      const deployment = deployWithRg();
      const bot = one(deployment, 'Microsoft.BotService/botServices');
      const props = bot.body.properties as Record<string, string>;
      const env = appSettings(deployment);
      assert.ok(['SingleTenant', 'UserAssignedMSI'].includes(props.msaAppType), `msaAppType ${props.msaAppType}: MultiTenant is deprecated for new bots`);
      assert.equal(props.msaAppType, env.MicrosoftAppType);
      assert.equal(props.msaAppId, env.MicrosoftAppId);
      assert.equal(props.msaAppTenantId, env.MicrosoftAppTenantId);
      assert.equal(props.msaAppMSIResourceId, one(deployment, 'Microsoft.ManagedIdentity/userAssignedIdentities').id);
      assert.equal(props.endpoint, 'https://ipt-companion-contoso.azurewebsites.net/api/messages');
      const channels = deployment.resources().filter((r) => r.type === 'Microsoft.BotService/botServices/channels');
      assert.deepEqual(channels.map((c) => c.name).sort(), ['DirectLineChannel', 'MsTeamsChannel', 'WebChatChannel'].map((c) => `${bot.name}/${c}`));
      for (const channel of channels) {
        assert.equal((channel.body.properties as { channelName: string }).channelName, channel.name.split('/')[1]);
        assert.ok((channel.body.dependsOn as string[]).includes(bot.id));
      }
    });

    it('outputs the service URL and the bot id the Teams package needs', () => {
      const outputs = deployWithRg().outputs();
      assert.equal(outputs.serviceUrl, 'https://ipt-companion-contoso.azurewebsites.net');
      assert.equal(outputs.botId, IDENTITY.clientId);
      assert.equal(outputs.messagingEndpoint, 'https://ipt-companion-contoso.azurewebsites.net/api/messages');
    });

    it('every dependsOn names a resource of the template, and everything referenced is deployed first', () => {
      const deployment = deployWithRg();
      const resources = deployment.resources();
      const ids = new Set(resources.map((r) => r.id));
      for (const resource of resources) {
        for (const dependency of (resource.body.dependsOn as string[] | undefined) ?? []) {
          assert.ok(ids.has(dependency), `${resource.name} depends on ${dependency}, which the template does not deploy`);
        }
      }
      for (const resource of resources) {
        const dependsOn = new Set((resource.body.dependsOn as string[] | undefined) ?? []);
        for (const id of deployment.referencedBy(resource.id)) assert.ok(dependsOn.has(id), `${resource.name} uses reference(${id}) without depending on it`);
      }
      // The check sees references: the Web App reads the identity, Cosmos DB and Application Insights.
      assert.equal(deployment.referencedBy(one(deployment, 'Microsoft.Web/sites').id).length, 3);
    });
  });
});
