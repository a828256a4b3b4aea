import { PortalContext } from '../pages/context';
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

/**
 * A file to choose, in the page's language: the browser's own control says "Choose File / No file
 * chosen" in the browser's language, so the input is only visually hidden (still focused and
 * operated from the keyboard), its label is a secondary button and the line under it names the
 * file chosen (kept current by /assets/file-field.js; without script it keeps saying none).
 */
export function fileField(ctx: PortalContext, name: string, label: string, options: { accept?: string } = {}): SafeHtml {
  return html`<div><label for="${name}">${label}</label>
    <div class="file-field">
      <input type="file" id="${name}" name="${name}" ${options.accept ? html`accept="${options.accept}"` : ''} data-chosen="${name}-chosen" aria-describedby="${name}-chosen">
      <label for="${name}" class="button secondary">${ctx.t.chooseFile}</label>
      <span class="file-chosen" id="${name}-chosen" data-none="${ctx.t.noFileChosen}" aria-live="polite">${ctx.t.noFileChosen}</span>
    </div><script src="/assets/file-field.js" defer></script></div>`;
}
