import { indicatorDefinition, outcomes } from '@ccndr/indicators';
import { IndicatorUnit } from '@ccndr/indicators';
import { ExportRow, exportRows, exportWords, IndicatorExport, isoDate, periodDescription } from './export-table';

/**
 * The consortium's outcomes, indicators and indicator reports in the Common Impact Data Standard
 * (Common Approach to Impact Measurement), version 3.2.1 (ontology https://ontology.commonapproach.org/cids,
 * owl:versionInfo "3.2.1", dated 2025-10-31), as JSON-LD.
 *
 * The context below declares each term exactly as the standard's published context
 * (https://ontology.commonapproach.org/contexts/cidsContext.jsonld) does, for the terms this export
 * uses, so that the document is read the same with either and needs nothing from the network.
 * Every node carries the properties the ontology requires (a qualified cardinality of 1 in its
 * Basic tier) for its class: see `cidsRequiredProperties`.
 */
export const cidsVersion = '3.2.1';
export const cidsOntology = 'https://ontology.commonapproach.org/cids';
export const cidsPublishedContext = 'https://ontology.commonapproach.org/contexts/cidsContext.jsonld';

export const cidsContext = {
  cids: 'https://ontology.commonapproach.org/cids#',
  i72: 'http://ontology.eil.utoronto.ca/ISO21972/iso21972#',
  org: 'http://ontology.eil.utoronto.ca/tove/organization#',
  prov: 'http://www.w3.org/ns/prov#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  hasName: { '@id': 'org:hasName', '@type': 'xsd:string' },
  hasLegalName: { '@id': 'org:hasLegalName', '@type': 'xsd:string' },
  hasDescription: { '@id': 'cids:hasDescription', '@type': 'xsd:string' },
  hasComment: { '@id': 'cids:hasComment', '@type': 'xsd:string' },
  hasIdentifier: { '@id': 'org:hasIdentifier', '@type': 'xsd:string' },
  hasOutcome: { '@id': 'cids:hasOutcome', '@type': '@id' },
  hasIndicator: { '@id': 'cids:hasIndicator', '@type': '@id' },
  hasIndicatorReport: { '@id': 'cids:hasIndicatorReport', '@type': '@id' },
  forOrganization: { '@id': 'cids:forOrganization', '@type': '@id' },
  forOutcome: { '@id': 'cids:forOutcome', '@type': '@id' },
  forIndicator: { '@id': 'cids:forIndicator', '@type': '@id' },
  unitDescription: { '@id': 'cids:unitDescription', '@type': 'xsd:string' },
  unit_of_measure: { '@id': 'i72:unit_of_measure', '@type': '@id' },
  value: { '@id': 'i72:value', '@type': '@id' },
  hasNumericalValue: { '@id': 'i72:hasNumericalValue', '@type': 'xsd:string' },
  symbol: { '@id': 'i72:symbol', '@type': 'xsd:string' },
  startedAtTime: { '@id': 'prov:startedAtTime', '@type': 'xsd:dateTime' },
  endedAtTime: { '@id': 'prov:endedAtTime', '@type': 'xsd:dateTime' },
  /** Not in the published context: the units' names, as RDF Schema labels. */
  label: { '@id': 'rdfs:label', '@type': 'xsd:string' },
} as const;

/**
 * The properties CIDS 3.2.1 requires, exactly once, of the classes this export writes (cids.ttl:
 * restrictions with owl:qualifiedCardinality 1, Basic tier or untiered), as full IRIs.
 */
export const cidsRequiredProperties: Record<string, string[]> = {
  'https://ontology.commonapproach.org/cids#Organization': ['https://ontology.commonapproach.org/cids#hasDescription'],
  'https://ontology.commonapproach.org/cids#Outcome': [
    'https://ontology.commonapproach.org/cids#forOrganization',
    'http://ontology.eil.utoronto.ca/tove/organization#hasName',
    'https://ontology.commonapproach.org/cids#hasDescription',
  ],
  'https://ontology.commonapproach.org/cids#Indicator': [
    'http://ontology.eil.utoronto.ca/ISO21972/iso21972#unit_of_measure',
    'https://ontology.commonapproach.org/cids#forOrganization',
    'http://ontology.eil.utoronto.ca/tove/organization#hasName',
    'https://ontology.commonapproach.org/cids#hasDescription',
    'https://ontology.commonapproach.org/cids#unitDescription',
  ],
  'https://ontology.commonapproach.org/cids#IndicatorReport': [
    'http://ontology.eil.utoronto.ca/ISO21972/iso21972#unit_of_measure',
    'http://ontology.eil.utoronto.ca/ISO21972/iso21972#value',
    'https://ontology.commonapproach.org/cids#forIndicator',
    'https://ontology.commonapproach.org/cids#forOrganization',
    'http://ontology.eil.utoronto.ca/tove/organization#hasName',
    'http://www.w3.org/ns/prov#startedAtTime',
    'http://www.w3.org/ns/prov#endedAtTime',
  ],
  'http://ontology.eil.utoronto.ca/ISO21972/iso21972#Measure': ['http://ontology.eil.utoronto.ca/ISO21972/iso21972#hasNumericalValue'],
};

const unitNames: Record<IndicatorUnit, { fr: string; en: string; symbol?: string }> = {
  count: { fr: 'nombre', en: 'count' },
  percent: { fr: 'pour cent', en: 'percent', symbol: '%' },
  average: { fr: 'note moyenne', en: 'average score' },
  'per-month': { fr: 'par mois', en: 'per month' },
};

type Node = Record<string, unknown> & { '@id': string; '@type': string };

/**
 * The export as a JSON-LD document (`@context` and `@graph`). Nodes are named under the
 * consortium's URN (`urn:uuid:<consortium>`), so they are the same from one export to the next.
 * An indicator whose figure is withheld by the small-count rule, or has none yet, has no
 * IndicatorReport for the period (a report requires a value); it says why in a comment instead.
 */
export function cidsDocument(data: IndicatorExport): { '@context': typeof cidsContext; '@graph': Node[] } {
  const lang = data.language;
  const organization = `urn:uuid:${data.consortiumId}`;
  const id = {
    outcome: (outcome: number) => `${organization}#outcome-${outcome}`,
    indicator: (key: string) => `${organization}#indicator/${key}`,
    report: (key: string) => `${organization}#indicator-report/${key}/${isoDate(data.period.from)}/${isoDate(data.period.to)}`,
    unit: (unit: IndicatorUnit) => `${organization}#unit/${unit}`,
  };
  const rows = exportRows(data);
  const startedAtTime = data.period.from.toISOString();
  const endedAtTime = data.period.to.toISOString();
  const period = periodDescription(data);

  const outcomeNodes: Node[] = outcomes
    .filter((o) => o.outcome !== null && rows.some((r) => r.outcome === o.outcome))
    .map((o) => ({
      '@id': id.outcome(o.outcome!),
      '@type': 'cids:Outcome',
      hasName: `${o.heading[lang]}${lang === 'fr' ? '\u00a0: ' : ': '}${o.title[lang]}`,
      hasDescription: o.statement[lang],
      forOrganization: organization,
      hasIndicator: rows.filter((r) => r.outcome === o.outcome).map((r) => id.indicator(r.key)),
    }));

  const reported = (row: ExportRow) => row.value !== null;
  const comment = (row: ExportRow) =>
    [
      row.target ? `${exportWords.columns.target[lang]}${lang === 'fr' ? '\u00a0: ' : ': '}${row.targetText}${row.target.dueOn ? ` (${row.target.dueOn})` : ''}` : '',
      row.statusText,
      row.nOf ? `n = ${row.nText} ${exportWords.samples[row.nOf][lang]}` : '',
    ]
      .filter(Boolean)
      .join(' · ');

  const indicatorNodes: Node[] = rows.map((row) => ({
    '@id': id.indicator(row.key),
    '@type': 'cids:Indicator',
    hasIdentifier: row.key,
    hasName: row.label,
    hasDescription: indicatorDefinition(row.key).definition[lang],
    unitDescription: row.unitText,
    unit_of_measure: id.unit(row.unit),
    forOrganization: organization,
    ...(row.outcome === null ? {} : { forOutcome: id.outcome(row.outcome) }),
    ...(reported(row) ? { hasIndicatorReport: [id.report(row.key)] } : { hasComment: (row.suppressed ? exportWords.suppressedFigure : exportWords.noData)[lang] }),
  }));

  const reportNodes: Node[] = rows.filter(reported).map((row) => ({
    '@id': id.report(row.key),
    '@type': 'cids:IndicatorReport',
    hasName: `${row.label} — ${period}`,
    forIndicator: id.indicator(row.key),
    forOrganization: organization,
    startedAtTime,
    endedAtTime,
    value: { '@id': `${id.report(row.key)}/value`, '@type': 'i72:Measure', hasNumericalValue: String(row.value) },
    unit_of_measure: id.unit(row.unit),
    hasComment: comment(row),
  }));

  const units = [...new Set(rows.map((r) => r.unit))];
  const unitNodes: Node[] = units.map((unit) => ({
    '@id': id.unit(unit),
    '@type': 'i72:Unit_of_measure',
    label: unitNames[unit][lang],
    ...(unitNames[unit].symbol ? { symbol: unitNames[unit].symbol } : {}),
  }));

  const organizationNode: Node = {
    '@id': organization,
    '@type': 'cids:Organization',
    ...(data.consortiumName ? { hasLegalName: data.consortiumName } : {}),
    hasDescription: exportWords.consortiumDescription[lang],
    hasOutcome: outcomeNodes.map((o) => o['@id']),
    hasIndicator: indicatorNodes.map((i) => i['@id']),
  };

  return { '@context': cidsContext, '@graph': [organizationNode, ...outcomeNodes, ...indicatorNodes, ...reportNodes, ...unitNodes] };
}
