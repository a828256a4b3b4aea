/**
 * Writes the type of the portal's texts (messages.generated.ts) from the French catalogue:
 *   npm run portal-messages
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fr from './fr.json';
import { messageTypesSource } from './message-types';

const file = join(__dirname, 'messages.generated.ts');
writeFileSync(file, messageTypesSource(fr));
process.stdout.write(`portal message types written to ${file}\n`);
