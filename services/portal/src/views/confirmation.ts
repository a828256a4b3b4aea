import { PortalContext } from '../pages/context';
import { button, buttonLink, facts } from './components';
import { html } from './html';
import { layout } from './layout';

/** What a confirmation page shows: the step named as a question, what it will do, and how to take it or go back. */
export interface ConfirmationStep {
  /** The page's title: the step and whom it concerns (« Refuser la demande de Woodgreen ? »). */
  title: string;
  /** What will happen, in a sentence or two. */
  outcome: string;
  /** The facts being confirmed (a reason, an amount, a date), as label and value. */
  facts?: [string, string][];
  /** The button's words: the step itself (« Refuser la demande »), never a bare "Yes". */
  button: string;
  /** danger for a step that refuses, cancels or ends something; primary for a step forward. */
  kind: 'primary' | 'danger';
  action: string;
  back: string;
  fields: Record<string, unknown>;
}

/**
 * The second step of an irreversible action, without script: the first post shows this page, whose
 * form posts the same fields again with `confirmed`; going back changes nothing.
 */
export function confirmationPage(ctx: PortalContext, consortiumId: string, step: ConfirmationStep): string {
  const kept = Object.entries(step.fields).filter(([name, value]) => name !== 'csrf' && name !== 'confirmed' && typeof value === 'string');
  const body = html`<section class="card confirmation ${step.kind}" aria-labelledby="confirmation-what">
      <h2 id="confirmation-what">${ctx.t.confirmWhatHappens}</h2>
      ${step.facts?.length ? facts(step.facts) : ''}
      <p>${step.outcome}</p>
      <p class="warning-text"><span class="warning-icon" aria-hidden="true">!</span><strong>${ctx.t.finalStep}</strong></p>
    </section>
    <form class="actions" method="post" action="${step.action}" data-confirmation="${step.kind}">
      <input type="hidden" name="csrf" value="${ctx.session?.csrf}">
      ${kept.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value as string}">`)}
      <input type="hidden" name="confirmed" value="yes">
      ${button(step.button, { kind: step.kind })}
      ${buttonLink(step.back, ctx.t.confirmBack, 'secondary')}
    </form>`;
  return layout(ctx, step.title, body, consortiumId);
}

/** Whether a posted form is the confirmed second step. */
export const confirmed = (form: Record<string, unknown>) => form.confirmed === 'yes';
