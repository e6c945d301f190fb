/**
 * Names and short texts that the API stores and shows to people (in Teams cards, in chat, in exports) are
 * plain text. Three kinds of character are refused rather than stored: control characters (NUL among them),
 * which break storage and display; lone UTF-16 surrogates, which are not text at all; and the bidi
 * embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069), which make a name display as
 * something other than what it is ("Trojan Source").
 */
import { z } from 'zod';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units: no `u` flag). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a text cannot be stored as given, or undefined. */
export function plainTextProblem(value: string): string | undefined {
  if (CONTROL.test(value)) return 'must not contain control characters (such as NUL or a line break)';
  if (LONE_SURROGATE.test(value)) return 'must be well-formed text (it contains a lone UTF-16 surrogate)';
  if (BIDI_CONTROL.test(value)) return 'must not contain bidirectional override or isolate characters (U+202A–U+202E, U+2066–U+2069)';
  return undefined;
}

/** The zod refinement every name and short text field of the API uses: `.superRefine(plainText)`. */
export function plainText(value: string, ctx: z.RefinementCtx): void {
  const problem = plainTextProblem(value);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
}
