/**
 * FHIR R4 rules a JSON schema cannot see, for the resources the measures export emits: the invariants of
 * Bundle, Questionnaire and QuestionnaireResponse that apply to them (their keys as in the R4
 * specification), and a response checked against the Questionnaire its canonical names — the check a FHIR
 * server makes when it validates a QuestionnaireResponse.
 */
interface Coding {
  system?: string;
  code?: string;
}
interface QuestionnaireItem {
  linkId: string;
  type: string;
  required?: boolean;
  readOnly?: boolean;
  answerOption?: Array<{ valueCoding?: Coding }>;
  item?: QuestionnaireItem[];
}
interface Questionnaire {
  resourceType: 'Questionnaire';
  url?: string;
  version?: string;
  name?: string;
  status: string;
  item?: QuestionnaireItem[];
}
interface ResponseItem {
  linkId: string;
  answer?: Array<Record<string, unknown>>;
  item?: ResponseItem[];
}
interface QuestionnaireResponse {
  resourceType: 'QuestionnaireResponse';
  questionnaire?: string;
  status: string;
  item?: ResponseItem[];
}
interface Bundle {
  resourceType: 'Bundle';
  type: string;
  total?: number;
  entry?: Array<{ fullUrl?: string; resource?: { resourceType: string; meta?: { versionId?: string } } }>;
}

/** The value[x] element an answer to an item of this type carries. */
const ANSWER_ELEMENT: Record<string, string> = { choice: 'valueCoding', integer: 'valueInteger', decimal: 'valueDecimal', string: 'valueString', boolean: 'valueBoolean', date: 'valueDate' };

function flatten<T extends { item?: T[] }>(items: readonly T[] = []): T[] {
  return items.flatMap((i) => [i, ...flatten(i.item)]);
}

export function bundleInvariantErrors(bundle: Bundle): string[] {
  const errors: string[] = [];
  const entries = bundle.entry ?? [];
  if (bundle.total !== undefined && bundle.type !== 'searchset' && bundle.type !== 'history') errors.push('bdl-1: total only when a search or history set');
  const keys = entries.filter((e) => e.fullUrl !== undefined).map((e) => `${e.fullUrl}|${e.resource?.meta?.versionId ?? ''}`);
  if (new Set(keys).size !== keys.length) errors.push('bdl-7: fullUrl must be unique in a bundle');
  entries.forEach((e, i) => {
    if (e.fullUrl?.includes('/_history/')) errors.push(`bdl-8: entry[${i}].fullUrl cannot be a version-specific reference`);
    if (!e.resource) errors.push(`bdl-5: entry[${i}] must have a resource`);
  });
  return errors;
}

export function questionnaireInvariantErrors(questionnaire: Questionnaire): string[] {
  const errors: string[] = [];
  if (questionnaire.name !== undefined && !/^[A-Z]([A-Za-z0-9_]){0,254}$/.test(questionnaire.name)) errors.push('que-0: name should be usable as an identifier');
  const items = flatten(questionnaire.item);
  const linkIds = items.map((i) => i.linkId);
  if (new Set(linkIds).size !== linkIds.length) errors.push('que-2: linkIds must be unique');
  for (const item of items) {
    if (item.type === 'group' && !item.item?.length) errors.push(`que-1: group ${item.linkId} must have items`);
    if (item.type === 'display' && (item.required !== undefined || item.readOnly !== undefined)) errors.push(`que-6/que-9: display item ${item.linkId} cannot be required or read-only`);
    if (item.answerOption && !['choice', 'open-choice', 'integer', 'date', 'time', 'string', 'coding'].includes(item.type)) errors.push(`que-5: ${item.type} item ${item.linkId} cannot have answer options`);
  }
  return errors;
}

/**
 * A response against the Questionnaire its `questionnaire` canonical names (`url|version`): the canonical
 * resolves, every item is one of the Questionnaire's, each answer has the value type of its item and,
 * for a choice, is one of the item's answer options; a `completed` response answers every required item.
 */
export function responseAgainstQuestionnaireErrors(response: QuestionnaireResponse, questionnaires: readonly Questionnaire[]): string[] {
  const qrs1 = flatten(response.item).filter((i) => i.answer?.length && i.item?.length).map((i) => `qrs-1: ${i.linkId} has both answers and items`);
  const [url, version] = (response.questionnaire ?? '').split('|');
  const questionnaire = questionnaires.find((q) => q.url === url && (version === undefined || q.version === version));
  if (!questionnaire) return [...qrs1, `questionnaire: ${response.questionnaire ?? '(none)'} does not resolve to a Questionnaire in the export`];
  const errors = [...qrs1];
  if (questionnaire.status === 'retired' || questionnaire.status === 'draft') errors.push(`questionnaire: ${response.questionnaire} is ${questionnaire.status}`);
  const defined = new Map(flatten(questionnaire.item).map((i) => [i.linkId, i]));
  const answered = new Set<string>();
  for (const item of flatten(response.item)) {
    const definition = defined.get(item.linkId);
    if (!definition) {
      errors.push(`item ${item.linkId}: not an item of ${response.questionnaire}`);
      continue;
    }
    if (item.answer?.length) answered.add(item.linkId);
    for (const answer of item.answer ?? []) {
      const expected = ANSWER_ELEMENT[definition.type];
      const valueKeys = Object.keys(answer).filter((k) => k.startsWith('value'));
      if (valueKeys.length !== 1 || valueKeys[0] !== expected) errors.push(`item ${item.linkId}: a ${definition.type} item is answered with ${expected ?? '?'}, not ${valueKeys.join(', ') || 'nothing'}`);
      const coding = answer.valueCoding as Coding | undefined;
      if (definition.type === 'choice' && coding) {
        const allowed = (definition.answerOption ?? []).some((o) => o.valueCoding?.system === coding.system && o.valueCoding?.code === coding.code);
        if (!allowed) errors.push(`item ${item.linkId}: ${coding.system}|${coding.code} is not one of the item's answer options`);
      }
    }
  }
  if (response.status === 'completed') {
    for (const [linkId, definition] of defined) if (definition.required && !answered.has(linkId)) errors.push(`item ${linkId}: required but unanswered in a completed response`);
  }
  return errors;
}
