import { html, SafeHtml } from './html';

/** A labelled field with its error next to it (announced and linked for screen readers). */
export function field(name: string, label: string, control: SafeHtml, errors: Record<string, string>): SafeHtml {
  return html`<div><label for="${name}">${label}</label>${control}${errorOf(errors, name)}</div>`;
}

export function errorOf(errors: Record<string, string>, name: string): SafeHtml {
  return errors[name] ? html`<p class="field-error" id="${name}-error">${errors[name]}</p>` : html``;
}

export function invalid(errors: Record<string, string>, name: string): SafeHtml {
  return errors[name] ? new SafeHtml(`aria-invalid="true" aria-describedby="${name}-error"`) : new SafeHtml('');
}
