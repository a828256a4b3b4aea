import { PortalContext } from '../pages/context';
import { html } from './html';
import { layout } from './layout';

/**
 * The second step of an irreversible action, without script: the first post shows this page, whose
 * form posts the same fields again with `confirmed`; going back changes nothing.
 */
export function confirmationPage(ctx: PortalContext, consortiumId: string, step: { question: string; action: string; back: string; fields: Record<string, unknown> }): string {
  const kept = Object.entries(step.fields).filter(([name, value]) => name !== 'csrf' && name !== 'confirmed' && typeof value === 'string');
  const body = html`<form class="stack" method="post" action="${step.action}">
      <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
      ${kept.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value as string}">`)}
      <input type="hidden" name="confirmed" value="yes">
      <p><strong>${step.question}</strong></p>
      <p>${ctx.t.finalStep}</p>
      <div><button type="submit">${ctx.t.confirmYes}</button></div>
      <p><a href="${step.back}">${ctx.t.confirmBack}</a></p>
    </form>`;
  return layout(ctx, ctx.t.confirmStepTitle, body, consortiumId);
}

/** Whether a posted form is the confirmed second step. */
export const confirmed = (form: Record<string, unknown>) => form.confirmed === 'yes';
