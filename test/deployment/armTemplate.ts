/**
 * Evaluates an ARM template the way Azure Resource Manager would, for the subset of the template language
 * the deployment templates use, so tests can check what a deployment would create (names, app settings,
 * containers, role assignments, outputs) rather than the text of expressions. Runtime properties Azure
 * assigns (an identity's client id, an account's endpoint) come from `runtime`. An expression that uses a
 * function outside the subset fails loudly: extend the subset when the templates need more.
 */
import { createHash } from 'node:crypto';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface ArmTemplate {
  $schema: string;
  contentVersion: string;
  parameters?: Record<string, ParameterDefinition>;
  variables?: JsonObject;
  resources: ResourceDefinition[];
  outputs?: Record<string, { type: string; value: Json }>;
}

export interface ParameterDefinition {
  type: string;
  defaultValue?: Json;
  allowedValues?: Json[];
  minLength?: number;
  maxLength?: number;
  minValue?: number;
  maxValue?: number;
  metadata?: JsonObject;
}

export interface ResourceDefinition {
  type: string;
  apiVersion: string;
  name: string;
  copy?: { name: string; count: Json };
  [key: string]: Json | undefined;
}

/** A resource as it would be deployed: every expression evaluated, copy loops expanded. */
export interface DeployedResource {
  type: string;
  apiVersion: string;
  name: string;
  id: string;
  body: JsonObject;
}

export interface Scope {
  subscriptionId: string;
  tenantId: string;
  /** Absent for a subscription-level deployment. */
  resourceGroup?: { name: string; location: string };
}

/** Properties Azure assigns when it creates a resource, returned by reference() next to the declared ones. */
export type RuntimeProperties = (resource: { type: string; name: string; id: string }) => JsonObject;

export class ArmDeployment {
  readonly parameters: Record<string, Json>;
  private readonly variableCache = new Map<string, Json>();
  private deployed?: DeployedResource[];
  private declaredCache?: Declared[];
  private readonly referencing = new Set<string>();
  private collected?: Set<string>;

  constructor(
    readonly template: ArmTemplate,
    parameterValues: Record<string, Json>,
    readonly scope: Scope,
    private readonly runtime: RuntimeProperties,
  ) {
    this.parameters = {};
    const definitions = template.parameters ?? {};
    for (const name of Object.keys(parameterValues)) {
      if (!(name in definitions)) throw new Error(`Parameter "${name}" is not declared by the template`);
    }
    for (const [name, definition] of Object.entries(definitions)) {
      const value = name in parameterValues ? parameterValues[name] : definition.defaultValue !== undefined ? this.evaluate(definition.defaultValue, {}) : undefined;
      if (value === undefined) throw new Error(`Parameter "${name}" has no value and no default`);
      checkParameter(name, definition, value);
      this.parameters[name] = value;
    }
  }

  /** Every resource, evaluated, in template order (copy loops expanded in place). */
  resources(): DeployedResource[] {
    this.deployed ??= this.declared().map(({ raw, locals, ...identity }) => ({ ...identity, body: this.evaluateResource(raw, locals) }));
    return this.deployed;
  }

  /** Type, name and id of every resource (names never use reference(), so this needs no resource body). */
  private declared(): Declared[] {
    if (this.declaredCache) return this.declaredCache;
    const out: Declared[] = [];
    for (const raw of this.template.resources) {
      const count = raw.copy ? Number(this.evaluate(raw.copy.count, {})) : 1;
      for (let index = 0; index < count; index++) {
        const locals: Locals = raw.copy ? { copyIndex: index } : {};
        const name = String(this.evaluate(raw.name, locals));
        const group = raw.type === 'Microsoft.Resources/deployments' && raw.resourceGroup !== undefined ? String(this.evaluate(raw.resourceGroup, locals)) : this.scope.resourceGroup?.name;
        out.push({ type: raw.type, apiVersion: raw.apiVersion, name, id: composeId(this.scope.subscriptionId, group, raw.type, name.split('/')), raw, locals });
      }
    }
    this.declaredCache = out;
    return out;
  }

  /** A nested deployment with inner evaluation scope keeps its template as written: the inner deployment evaluates it. */
  private evaluateResource(resource: ResourceDefinition, locals: Locals): JsonObject {
    const raw = omit(resource, 'copy') as JsonObject;
    const properties = raw.properties as JsonObject | undefined;
    const inner = resource.type === 'Microsoft.Resources/deployments' && (properties?.expressionEvaluationOptions as JsonObject | undefined)?.scope === 'inner';
    if (!inner || !properties) return this.evaluate(raw, locals) as JsonObject;
    const { template, ...rest } = properties;
    const body = this.evaluate({ ...raw, properties: rest }, locals) as JsonObject;
    (body.properties as JsonObject).template = template;
    return body;
  }

  outputs(): Record<string, Json> {
    return Object.fromEntries(Object.entries(this.template.outputs ?? {}).map(([name, output]) => [name, this.evaluate(output.value, {})]));
  }

  variable(name: string): Json {
    const cached = this.variableCache.get(name);
    if (cached !== undefined) return cached;
    const variables = this.template.variables ?? {};
    if (!(name in variables)) throw new Error(`variables('${name}') is not declared`);
    const value = this.evaluate(variables[name], {});
    this.variableCache.set(name, value);
    return value;
  }

  /** Evaluates a template value: strings in [brackets] are expressions, objects and arrays recursively. */
  evaluate(value: Json | undefined, locals: Locals): Json {
    if (value === undefined) throw new Error('undefined template value');
    if (typeof value === 'string') {
      if (value.startsWith('[[')) return value.slice(1);
      if (value.startsWith('[') && value.endsWith(']')) return this.evaluateExpression(value.slice(1, -1), locals);
      return value;
    }
    if (Array.isArray(value)) return value.map((item) => this.evaluate(item, locals));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [String(this.evaluate(key, locals)), this.evaluate(item, locals)]));
    }
    return value;
  }

  evaluateExpression(source: string, locals: Locals = {}): Json {
    const parser = new Parser(tokenize(source), source);
    const node = parser.parseExpression();
    parser.expectEnd();
    return this.run(node, locals);
  }

  private run(node: Node, locals: Locals): Json {
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'member': {
        const target = this.run(node.target, locals);
        const key = node.property.kind === 'name' ? node.property.name : this.run(node.property.expression, locals);
        if (Array.isArray(target) && typeof key === 'number') {
          if (key < 0 || key >= target.length) throw new Error(`index ${key} is outside an array of ${target.length}`);
          return target[key];
        }
        if (target && typeof target === 'object' && !Array.isArray(target)) {
          const found = Object.keys(target).find((k) => k.toLowerCase() === String(key).toLowerCase());
          if (found === undefined) throw new Error(`property "${String(key)}" does not exist on ${JSON.stringify(target).slice(0, 200)}`);
          return target[found];
        }
        throw new Error(`cannot read "${String(key)}" of ${JSON.stringify(target)}`);
      }
      case 'call':
        return this.call(node.name, node.args, locals);
    }
  }

  private call(name: string, argNodes: Node[], locals: Locals): Json {
    const fn = name.toLowerCase();
    // if() evaluates only the branch it takes, as ARM does.
    if (fn === 'if') {
      if (argNodes.length !== 3) throw new Error('if() takes 3 arguments');
      return this.run(argNodes[0], locals) ? this.run(argNodes[1], locals) : this.run(argNodes[2], locals);
    }
    const args = argNodes.map((arg) => this.run(arg, locals));
    switch (fn) {
      case 'parameters': {
        const key = String(args[0]);
        if (!(key in this.parameters)) throw new Error(`parameters('${key}') is not declared`);
        return this.parameters[key];
      }
      case 'variables':
        return this.variable(String(args[0]));
      case 'copyindex':
        if (locals.copyIndex === undefined) throw new Error('copyIndex() outside a copy loop');
        return locals.copyIndex + (typeof args[0] === 'number' ? args[0] : 0);
      case 'concat':
        return args.every(Array.isArray) ? (args as Json[][]).flat() : args.map((a) => toArmString(a)).join('');
      case 'format':
        return String(args[0]).replace(/\{(\d+)\}/g, (_m, i: string) => toArmString(args[Number(i) + 1]));
      case 'string':
        return toArmString(args[0]);
      case 'empty':
        return isEmpty(args[0]);
      case 'equals':
        return JSON.stringify(args[0]) === JSON.stringify(args[1]);
      case 'not':
        return !args[0];
      case 'and':
        return args.every(Boolean);
      case 'or':
        return args.some(Boolean);
      case 'tolower':
        return String(args[0]).toLowerCase();
      case 'toupper':
        return String(args[0]).toUpperCase();
      case 'length':
        return Array.isArray(args[0]) ? args[0].length : typeof args[0] === 'string' ? args[0].length : Object.keys(args[0] as JsonObject).length;
      case 'guid':
        return guidOf(args.map((a) => toArmString(a)).join('-'));
      case 'uniquestring':
        return createHash('sha256').update(args.map((a) => toArmString(a)).join('-')).digest('hex').slice(0, 13);
      case 'resourcegroup':
        if (!this.scope.resourceGroup) throw new Error('resourceGroup() in a subscription-level deployment');
        return { name: this.scope.resourceGroup.name, location: this.scope.resourceGroup.location, id: this.groupId(this.scope.resourceGroup.name) };
      case 'subscription':
        return { subscriptionId: this.scope.subscriptionId, tenantId: this.scope.tenantId, id: `/subscriptions/${this.scope.subscriptionId}` };
      case 'tenant':
        return { tenantId: this.scope.tenantId };
      case 'resourceid':
        return this.resourceIdFunction(args.map(String));
      case 'subscriptionresourceid': {
        const strings = args.map(String);
        const typeIndex = strings.findIndex((a) => a.includes('/'));
        return composeId(typeIndex === 1 ? strings[0] : this.scope.subscriptionId, undefined, strings[typeIndex], strings.slice(typeIndex + 1));
      }
      case 'reference':
        return this.reference(String(args[0]));
      default:
        throw new Error(`${name}() is not supported by this evaluator (extend test/deployment/armTemplate.ts)`);
    }
  }

  /** Ids of the resources a resource reads with reference() (ARM needs each in its dependsOn). */
  referencedBy(id: string): string[] {
    const target = this.declared().find((r) => r.id === id);
    if (!target) throw new Error(`no resource ${id}`);
    this.collected = new Set();
    try {
      const { dependsOn: _ignored, ...rest } = target.raw;
      this.evaluateResource(rest as ResourceDefinition, target.locals);
      return [...this.collected];
    } finally {
      this.collected = undefined;
    }
  }

  /** reference(): the declared properties of a resource of this deployment, with what Azure adds at runtime. */
  reference(idOrName: string): Json {
    const match = this.declared().find((r) => r.id.toLowerCase() === idOrName.toLowerCase() || r.name.toLowerCase() === idOrName.toLowerCase());
    if (!match) throw new Error(`reference('${idOrName}') names no resource of this template`);
    if (this.referencing.size === 0) this.collected?.add(match.id);
    if (this.referencing.has(match.id)) throw new Error(`reference('${idOrName}') is circular`);
    this.referencing.add(match.id);
    try {
      const declared = (this.evaluateResource(match.raw, match.locals).properties ?? {}) as JsonObject;
      return { ...declared, ...this.runtime(match) };
    } finally {
      this.referencing.delete(match.id);
    }
  }

  private groupId(group: string): string {
    return `/subscriptions/${this.scope.subscriptionId}/resourceGroups/${group}`;
  }

  /** resourceId([subscriptionId], [resourceGroupName], type, name1, name2, …) */
  private resourceIdFunction(args: string[]): string {
    const typeIndex = args.findIndex((a) => a.includes('/'));
    if (typeIndex < 0) throw new Error(`resourceId(${args.join(', ')}) has no resource type`);
    const prefix = args.slice(0, typeIndex);
    const subscriptionId = prefix.length === 2 ? prefix[0] : this.scope.subscriptionId;
    const group = prefix.length >= 1 ? prefix[prefix.length - 1] : this.scope.resourceGroup?.name;
    return composeId(subscriptionId, group, args[typeIndex], args.slice(typeIndex + 1));
  }

}

export interface Locals {
  copyIndex?: number;
}

interface Declared {
  type: string;
  apiVersion: string;
  name: string;
  id: string;
  raw: ResourceDefinition;
  locals: Locals;
}

function composeId(subscriptionId: string, group: string | undefined, type: string, names: string[]): string {
  const [namespace, ...types] = type.split('/');
  if (types.length !== names.length) throw new Error(`resource type ${type} needs ${types.length} name segments, got ${names.length} (${names.join('/')})`);
  const path = types.map((t, i) => `${t}/${names[i]}`).join('/');
  return `/subscriptions/${subscriptionId}${group ? `/resourceGroups/${group}` : ''}/providers/${namespace}/${path}`;
}

/** ARM's string(): strings as they are, booleans as True/False, objects and arrays as compact JSON. */
function toArmString(value: Json): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

function isEmpty(value: Json): boolean {
  if (value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function guidOf(text: string): string {
  const hex = createHash('sha1').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function omit<T extends object>(object: T, key: string): Json {
  return Object.fromEntries(Object.entries(object).filter(([k]) => k !== key)) as Json;
}

function checkParameter(name: string, definition: ParameterDefinition, value: Json): void {
  const type = definition.type.toLowerCase();
  const fail = (why: string) => {
    throw new Error(`Parameter "${name}" ${why}`);
  };
  if ((type === 'string' || type === 'securestring') && typeof value !== 'string') fail('must be a string');
  if (type === 'int' && !Number.isInteger(value)) fail('must be an integer');
  if (type === 'bool' && typeof value !== 'boolean') fail('must be true or false');
  if (type === 'array' && !Array.isArray(value)) fail('must be an array');
  if ((type === 'object' || type === 'secureobject') && (typeof value !== 'object' || value === null || Array.isArray(value))) fail('must be an object');
  if (definition.allowedValues && !definition.allowedValues.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))) {
    fail(`must be one of ${JSON.stringify(definition.allowedValues)}, got ${JSON.stringify(value)}`);
  }
  const length = typeof value === 'string' || Array.isArray(value) ? value.length : undefined;
  if (length !== undefined && definition.minLength !== undefined && length < definition.minLength) fail(`must be at least ${definition.minLength} long`);
  if (length !== undefined && definition.maxLength !== undefined && length > definition.maxLength) fail(`must be at most ${definition.maxLength} long`);
  if (typeof value === 'number' && definition.minValue !== undefined && value < definition.minValue) fail(`must be at least ${definition.minValue}`);
  if (typeof value === 'number' && definition.maxValue !== undefined && value > definition.maxValue) fail(`must be at most ${definition.maxValue}`);
}

// --- A small parser for ARM template expressions: calls, 'strings', numbers, true/false, .property and [index]. ---

type Node =
  | { kind: 'literal'; value: Json }
  | { kind: 'call'; name: string; args: Node[] }
  | { kind: 'member'; target: Node; property: { kind: 'name'; name: string } | { kind: 'index'; expression: Node } };

type Token = { type: 'ident' | 'string' | 'number' | 'punct'; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let text = '';
      i++;
      for (;;) {
        if (i >= source.length) throw new Error(`unterminated string in [${source}]`);
        if (source[i] === "'") {
          if (source[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += source[i++];
      }
      tokens.push({ type: 'string', text });
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?\d+/.exec(source.slice(i));
      if (!m) throw new Error(`unexpected "${c}" in [${source}]`);
      tokens.push({ type: 'number', text: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))!;
      tokens.push({ type: 'ident', text: m[0] });
      i += m[0].length;
    } else if ('(),.[]'.includes(c)) {
      tokens.push({ type: 'punct', text: c });
      i++;
    } else {
      throw new Error(`unexpected "${c}" in [${source}]`);
    }
  }
  return tokens;
}

class Parser {
  private position = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  parseExpression(): Node {
    let node = this.parsePrimary();
    for (;;) {
      if (this.accept('.')) {
        const name = this.next();
        if (name.type !== 'ident') throw new Error(`expected a property name in [${this.source}]`);
        node = { kind: 'member', target: node, property: { kind: 'name', name: name.text } };
      } else if (this.accept('[')) {
        const expression = this.parseExpression();
        this.expect(']');
        node = { kind: 'member', target: node, property: { kind: 'index', expression } };
      } else {
        return node;
      }
    }
  }

  expectEnd(): void {
    if (this.position !== this.tokens.length) throw new Error(`unexpected "${this.tokens[this.position].text}" in [${this.source}]`);
  }

  private parsePrimary(): Node {
    const token = this.next();
    if (token.type === 'string') return { kind: 'literal', value: token.text };
    if (token.type === 'number') return { kind: 'literal', value: Number(token.text) };
    if (token.type === 'ident') {
      if (token.text === 'true' || token.text === 'false') return { kind: 'literal', value: token.text === 'true' };
      if (token.text === 'null') return { kind: 'literal', value: null };
      this.expect('(');
      const args: Node[] = [];
      if (!this.accept(')')) {
        do args.push(this.parseExpression());
        while (this.accept(','));
        this.expect(')');
      }
      return { kind: 'call', name: token.text, args };
    }
    throw new Error(`unexpected "${token.text}" in [${this.source}]`);
  }

  private next(): Token {
    const token = this.tokens[this.position++];
    if (!token) throw new Error(`unexpected end of [${this.source}]`);
    return token;
  }

  private accept(punct: string): boolean {
    const token = this.tokens[this.position];
    if (token?.type === 'punct' && token.text === punct) {
      this.position++;
      return true;
    }
    return false;
  }

  private expect(punct: string): void {
    if (!this.accept(punct)) throw new Error(`expected "${punct}" in [${this.source}]`);
  }
}
