// Regenerates deployWithNewResourceGroup/ from deployUseExistResourceGroup/: the subscription-level template
// creates the resource group and deploys the existing-group template, inlined unchanged, into it; its
// parameters file is the existing-group one plus the group's name and region.
// Edit only the existing-group files, then run: node deploymentTemplates/syncNewResourceGroupTemplate.mjs
// (test/deployment/templates.test.ts fails while the two differ).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const read = (path) => JSON.parse(readFileSync(join(here, path), 'utf8'));
const write = (path, value) => writeFileSync(join(here, path), `${JSON.stringify(value, null, 2)}\n`);

const inner = read('deployUseExistResourceGroup/template-with-rg.json');
const innerParameters = read('deployUseExistResourceGroup/parameters-for-template-with-rg.json');

const parameters = {
  resourceGroupName: {
    type: 'string',
    minLength: 1,
    maxLength: 90,
    metadata: { description: 'Name of the resource group to create (it may exist already: the deployment is incremental).' },
  },
};
for (const [name, definition] of Object.entries(inner.parameters)) {
  parameters[name] =
    name === 'location' ? { type: 'string', metadata: { description: 'Region of the new resource group and of every regional resource.' } } : definition;
}

const deploymentId = "resourceId(parameters('resourceGroupName'), 'Microsoft.Resources/deployments', variables('deploymentName'))";
const outer = {
  $schema: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  metadata: {
    description:
      'IPT Companion in a new resource group: creates the group, then deploys into it exactly the template of ../deployUseExistResourceGroup/template-with-rg.json (inlined below by ../syncNewResourceGroupTemplate.mjs; a test keeps the two identical). See ../README.md.',
  },
  parameters,
  variables: { deploymentName: "[format('{0}-resources', parameters('appName'))]" },
  resources: [
    {
      type: 'Microsoft.Resources/resourceGroups',
      apiVersion: '2022-09-01',
      name: "[parameters('resourceGroupName')]",
      location: "[parameters('location')]",
    },
    {
      type: 'Microsoft.Resources/deployments',
      apiVersion: '2022-09-01',
      name: "[variables('deploymentName')]",
      resourceGroup: "[parameters('resourceGroupName')]",
      dependsOn: ["[subscriptionResourceId('Microsoft.Resources/resourceGroups', parameters('resourceGroupName'))]"],
      properties: {
        mode: 'Incremental',
        expressionEvaluationOptions: { scope: 'inner' },
        parameters: Object.fromEntries(Object.keys(inner.parameters).map((name) => [name, { value: `[parameters('${name}')]` }])),
        template: inner,
      },
    },
  ],
  outputs: Object.fromEntries(
    Object.entries(inner.outputs).map(([name, output]) => [name, { type: output.type, value: `[reference(${deploymentId}, '2022-09-01').outputs.${name}.value]` }]),
  ),
};

write('deployWithNewResourceGroup/template-with-new-rg.json', outer);
write('deployWithNewResourceGroup/parameters-for-template-with-new-rg.json', {
  ...innerParameters,
  parameters: { resourceGroupName: { value: 'ipt-companion-rg' }, location: { value: 'westeurope' }, ...innerParameters.parameters },
});
