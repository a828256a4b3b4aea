import { MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';

/** A catalogue: texts (ICU messages) grouped by key, as in fr.json and en.json. */
export type Catalogue = { [key: string]: string | Catalogue };

/** What an ICU argument takes: `{n, number}` and plurals a number, `{name}` and selects a text. */
export type ParameterType = 'number' | 'string';

/** The arguments of one ICU message and what each takes (parsed, so a malformed message throws). */
export function parametersOf(message: string): Record<string, ParameterType> {
  const found: Record<string, ParameterType> = {};
  const visit = (elements: MessageFormatElement[]): void => {
    for (const element of elements) {
      if (element.type === TYPE.number || element.type === TYPE.plural) found[element.value] = 'number';
      else if (element.type === TYPE.argument || element.type === TYPE.select) found[element.value] ??= 'string';
      else if (element.type === TYPE.date || element.type === TYPE.time) throw new Error(`dates are written by ctx.format, not inside messages: ${message}`);
      if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) visit(option.value);
      if (element.type === TYPE.tag) visit(element.children);
    }
  };
  visit(parse(message, { ignoreTag: true }));
  return found;
}

/** Every text of a catalogue by its dotted key (`parts.community`). */
export function flatten(catalogue: Catalogue, prefix = ''): [string, string][] {
  return Object.entries(catalogue).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [[path, value] as [string, string]] : flatten(value, path);
  });
}

const property = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key));

function typeOf(node: string | Catalogue, indent: string): string {
  if (typeof node === 'string') {
    const parameters = Object.entries(parametersOf(node));
    return parameters.length ? `(values: { ${parameters.map(([name, type]) => `${property(name)}: ${type}`).join('; ')} }) => string` : 'string';
  }
  const inner = `${indent}  `;
  const members = `{\n${Object.entries(node).map(([key, value]) => `${inner}readonly ${property(key)}: ${typeOf(value, inner)};\n`).join('')}${indent}}`;
  // A group of plain texts is a lookup table by a domain value (a kind, a status): pages index it
  // with a string and fall back when the value is new (`t.kinds[k] ?? k`).
  const lookupTable = Object.values(node).every((value) => typeof value === 'string' && !Object.keys(parametersOf(value)).length);
  return lookupTable ? `${members} & { readonly [key: string]: string | undefined }` : members;
}

/** The TypeScript source of `Messages`, from the French catalogue: a plain text is a string, a text with arguments a function of them. */
export function messageTypesSource(catalogue: Catalogue): string {
  return [
    '// Generated from services/portal/src/i18n/fr.json by `npm run portal-messages`: do not edit.',
    '// A unit test (messages.spec.ts) fails while this file and the catalogue disagree.',
    `export type Messages = ${typeOf(catalogue, '')};`,
    '',
  ].join('\n');
}
