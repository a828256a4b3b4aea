/**
 * Event catalogue tools.
 *   npm run contracts -- asyncapi [file]   the AsyncAPI 3.0 document of the catalogue (stdout or file)
 *   npm run contracts -- release           record the current event schemas as released: from then on the
 *                                          compatibility gate (libs/contracts) holds every version to them
 */
import { writeFileSync } from 'node:fs';
import { asyncApiDocument, releasedSchemasFile, releaseSchemas } from '@ccndr/contracts';

const [command, file] = process.argv.slice(2);
if (command === 'asyncapi') {
  const document = `${JSON.stringify(asyncApiDocument(), null, 2)}\n`;
  if (file) writeFileSync(file, document);
  else process.stdout.write(document);
} else if (command === 'release') {
  releaseSchemas();
  process.stdout.write(`released schemas written to ${releasedSchemasFile}\n`);
} else {
  process.stderr.write('usage: npm run contracts -- asyncapi [file] | release\n');
  process.exit(1);
}
