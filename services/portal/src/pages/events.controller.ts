import { Controller, Get, Req, Res } from '@nestjs/common';
import { asyncApiDocument, catalogueDescription, eventCatalog, eventSummaries } from '@ccndr/contracts';
import { buttonLink, emptyState } from '../views/components';
import { html, SafeHtml } from '../views/html';
import { layout } from '../views/layout';
import { PortalContext, PortalRequest, PortalResponse } from './context';
import { Page } from './page.decorators';

type Schema = Record<string, any>;

/** One row per field, nested fields as `parent.child` and list items as `list[].child`. */
function fieldsOf(schema: Schema, prefix = ''): { name: string; type: string; required: boolean }[] {
  const required = new Set<string>(schema.required ?? []);
  return Object.entries<Schema>(schema.properties ?? {}).flatMap(([name, field]) => {
    const path = `${prefix}${name}`;
    const alternatives: Schema[] = field.anyOf ?? [field];
    const shape = alternatives.find((a) => a.type !== 'null') ?? field;
    const nullable = alternatives.some((a) => a.type === 'null');
    const type = `${describeType(shape)}${nullable ? ' | null' : ''}`;
    const nested = shape.type === 'object' ? fieldsOf(shape, `${path}.`) : shape.type === 'array' && shape.items?.type === 'object' ? fieldsOf(shape.items, `${path}[].`) : [];
    return [{ name: path, type, required: required.has(name) }, ...nested];
  });
}

/** `quoted` spans of the catalogue's description as code. */
function withCode(text: string): SafeHtml[] {
  return text.split('`').map((part, i) => (i % 2 ? html`<code>${part}</code>` : html`${part}`));
}

function describeType(schema: Schema): string {
  if (schema.enum) return schema.enum.map((v: unknown) => JSON.stringify(v)).join(' | ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.type === 'array') return `${schema.items ? describeType(schema.items) : 'any'}[]`;
  if (schema.type === 'string' && schema.format) return `string (${schema.format})`;
  return [schema.type ?? 'any'].flat().join(' | ');
}

/** The event catalogue for subscribing programmes: public, in both languages, from the AsyncAPI document. */
@Controller('events')
export class EventsController {
  private readonly document = asyncApiDocument();

  @Get('asyncapi.json')
  asyncApi(@Res() response: PortalResponse) {
    response.type('application/json').send(JSON.stringify(this.document, null, 2));
  }

  /** The catalogue, filtered by `?q=` (a GET form: the search works without script). */
  @Get()
  page(@Page() ctx: PortalContext, @Req() request: PortalRequest, @Res() response: PortalResponse) {
    const t = ctx.t;
    const query = typeof request.query.q === 'string' ? request.query.q.trim().slice(0, 100) : '';
    const words = query.toLocaleLowerCase(ctx.lang).split(/\s+/).filter(Boolean);
    // Every word is found somewhere in what a developer reads of the event, in either language.
    const searchable = (type: string) => {
      const definition = eventCatalog.find((d) => d.type === type)!;
      const message = this.document.components.messages[type];
      return [type, definition.context, t.contexts[definition.context] ?? '', eventSummaries[type]?.fr ?? '', eventSummaries[type]?.en ?? '', this.document.channels[type].address, ...fieldsOf(message.payload.properties.data).map((f) => f.name)]
        .join(' ')
        .toLocaleLowerCase(ctx.lang);
    };
    const shown = eventCatalog.filter((d) => words.every((word) => searchable(d.type).includes(word)));
    const contexts = [...new Set(shown.map((d) => d.context))];
    const body = html`
      <p>${t.eventCatalogueFor}</p>
      ${catalogueDescription[ctx.lang].split('\n\n').map((paragraph) => html`<p>${withCode(paragraph)}</p>`)}
      <p>${buttonLink('/events/asyncapi.json', t.asyncApiDocument)}</p>
      <form class="search" method="get" action="/events" role="search">
        <div><label for="q">${t.searchEvents}</label><p class="hint" id="q-hint">${t.searchEventsHint}</p><input type="search" id="q" name="q" value="${query}" aria-describedby="q-hint"></div>
        <button class="button secondary" type="submit">${t.search}</button>
      </form>
      ${query ? html`<p role="status"><strong>${t.eventsFound({ count: shown.length, query })}</strong> · <a href="/events">${t.showAll}</a></p>` : ''}
      ${shown.length
        ? html`<nav aria-label="${t.eventCatalogue}"><ul class="chips">${contexts.map((c) => html`<li><a href="#${c}">${t.contexts[c] ?? c}</a></li>`)}</ul></nav>`
        : emptyState(t.noEventsMatch({ query }), t.noEventsMatchNext, { href: '/events', label: t.showAll })}
      ${contexts.map(
        (c) => html`<section aria-labelledby="${c}"><h2 id="${c}">${t.contexts[c] ?? c}</h2>${shown
          .filter((d) => d.context === c)
          .map((definition) => {
            const message = this.document.components.messages[definition.type];
            const example = message.examples[0]?.payload;
            return html`<article class="card" aria-labelledby="${definition.type}">
              <h3 id="${definition.type}"><code>${definition.type}</code></h3>
              <p>${eventSummaries[definition.type]?.[ctx.lang] ?? ''}</p>
              <dl class="facts"><dt>${t.subjectPattern}</dt><dd><code>${this.document.channels[definition.type].address}</code></dd><dt>${t.eventVersion}</dt><dd>${definition.version}</dd></dl>
              <div class="table-scroll" role="region" aria-label="${definition.type}" tabindex="0"><table><caption class="sr-only">${definition.type}</caption>
                <thead><tr><th scope="col">${t.field}</th><th scope="col">${t.fieldType}</th><th scope="col">${t.requiredField}</th></tr></thead>
                <tbody>${fieldsOf(message.payload.properties.data).map((f) => html`<tr><td><code>${f.name}</code></td><td>${f.type}</td><td>${f.required ? t.yes : t.no}</td></tr>`)}</tbody>
              </table></div>
              ${example ? html`<details><summary>${t.example}</summary><pre>${JSON.stringify(example, null, 2)}</pre></details>` : new SafeHtml('')}
            </article>`;
          })}</section>`,
      )}`;
    response.type('html').send(layout(ctx, t.eventCatalogue, body, undefined, { lead: t.eventCatalogueLead }));
  }
}
