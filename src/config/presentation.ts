/**
 * The presentation options, `messages` and `theme`: checked like every other option (a value that is
 * present and wrong is an `invalid-config` issue naming it), and read defensively for rendering, so that no
 * value a page can assign makes rendering throw.
 */
import type { InvalidField } from '../events.js';
import type { Catalogue, MessageOverrides } from '../i18n/messages.js';
import { configMessages as M } from './messages.js';

export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** An object literal (or `Object.create(null)`), from any realm: not an array, a class instance, a Symbol… */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** `null`, `undefined` and blank text mean "not set" (the default), as for every option. */
function isUnset(value: unknown): boolean {
  return value == null || (typeof value === 'string' && value.trim() === '');
}

/** The theme to use: `light`, `dark`, or undefined (follow `prefers-color-scheme`) for anything else. */
export function themeOf(value: unknown): Theme | undefined {
  return value === 'light' || value === 'dark' ? value : undefined;
}

/**
 * What is wrong with `messages` (a plain object of language → {key: string}) and `theme` (`light` or
 * `dark`). Unknown languages and keys are not issues (a page may prepare strings for a later version).
 */
export function presentationIssues(messages: unknown, theme: unknown): InvalidField[] {
  const issues: InvalidField[] = [];
  if (!isUnset(theme) && themeOf(theme) === undefined) issues.push({ field: 'theme', message: M.oneOf(THEMES) });
  if (messages == null) return issues;
  if (!isPlainObject(messages)) {
    issues.push({ field: 'messages', message: M.messagesShape });
    return issues;
  }
  for (const language of Object.keys(messages)) {
    const catalogue = messages[language];
    if (!isPlainObject(catalogue)) {
      issues.push({ field: `messages.${language}`, message: M.mustBeObject });
      continue;
    }
    for (const key of Object.keys(catalogue)) {
      if (typeof catalogue[key] !== 'string') issues.push({ field: `messages.${language}.${key}`, message: M.mustBeString });
    }
  }
  return issues;
}

/**
 * The usable part of `messages` for rendering: string values of plain objects only (whatever else the page
 * gave is reported by {@link presentationIssues} and left out here). Never throws.
 */
export function usableMessages(messages: unknown): MessageOverrides {
  const out: MessageOverrides = Object.create(null) as MessageOverrides;
  try {
    if (!isPlainObject(messages)) return out;
    for (const language of Object.keys(messages)) {
      const catalogue = messages[language];
      if (!isPlainObject(catalogue)) continue;
      const strings: Record<string, string> = Object.create(null) as Record<string, string>;
      for (const key of Object.keys(catalogue)) {
        const value = catalogue[key];
        if (typeof value === 'string') strings[key] = value;
      }
      out[language] = strings as Catalogue;
    }
  } catch {
    // A getter that throws: keep what was read so far.
  }
  return out;
}
