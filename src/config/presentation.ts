/**
 * The presentation options, `messages` and `theme`: checked like every other option (a value that is
 * present and wrong is an `invalid-config` issue naming it), and read defensively for rendering, so that no
 * value a page can assign makes rendering throw.
 */
import type { InvalidField } from '../events.js';
import type { MessageOverrides } from '../i18n/messages.js';
import { configMessages as M } from './messages.js';

export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** An object literal (or `Object.create(null)`), from any realm: not an array, a class instance, a Symbol… */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || !value || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return !proto || !Object.getPrototypeOf(proto);
}

/** The theme to use: `light`, `dark`, or undefined (follow `prefers-color-scheme`) for anything else. */
export function themeOf(value: unknown): Theme | undefined {
  return value === 'light' || value === 'dark' ? value : undefined;
}

/**
 * The usable part of `messages` (a plain object of language → {key: string}): the string values of plain
 * objects. Whatever else is there is pushed onto `issues` when given. Never throws.
 */
export function usableMessages(messages: unknown, issues: InvalidField[] = []): MessageOverrides {
  const out: MessageOverrides = Object.create(null) as MessageOverrides;
  try {
    if (messages == null) return out;
    if (!isPlainObject(messages)) {
      issues.push({ field: 'messages', message: M.messagesShape });
      return out;
    }
    for (const language of Object.keys(messages)) {
      const catalogue = messages[language];
      const field = `messages.${language}`;
      if (!isPlainObject(catalogue)) {
        issues.push({ field, message: M.mustBeObject });
        continue;
      }
      const strings: Record<string, string> = (out[language] = Object.create(null) as Record<string, string>);
      for (const key of Object.keys(catalogue)) {
        const value = catalogue[key];
        if (typeof value === 'string') strings[key] = value;
        else issues.push({ field: `${field}.${key}`, message: M.mustBeString });
      }
    }
  } catch {
    // A getter that throws: what was read so far is used; the config is wrong.
    issues.push({ field: 'messages', message: M.invalid });
  }
  return out;
}

/**
 * What is wrong with `messages` and `theme` (`light` or `dark`; `null`, `undefined` and blank text are
 * "not set"). Unknown languages and keys are not issues (a page may prepare strings for a later version).
 */
export function presentationIssues(messages: unknown, theme: unknown): InvalidField[] {
  const issues: InvalidField[] = [];
  const unset = theme == null || (typeof theme === 'string' && !theme.trim());
  if (!unset && !themeOf(theme)) issues.push({ field: 'theme', message: M.oneOf(THEMES) });
  usableMessages(messages, issues);
  return issues;
}
