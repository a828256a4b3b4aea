/**
 * Writes the indicator catalogue's table into docs/evaluation.md (between its markers):
 *   npm run indicator-docs
 * A test fails while the document and the catalogue disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { evaluationDocFile, withCatalogueTable } from '@ccndr/indicators';

writeFileSync(evaluationDocFile, withCatalogueTable(readFileSync(evaluationDocFile, 'utf8')));
process.stdout.write(`indicator catalogue written to ${evaluationDocFile}\n`);
