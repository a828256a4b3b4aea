import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file, under the embedded default's data folder, that holds its generated secrets. */
export const embeddedSecretsFile = 'secrets.json';

export interface EmbeddedSecrets {
  /** Where they are kept (mode 0600). */
  file: string;
  /** True when this call made the file (the data folder's first start). */
  created: boolean;
  /** The secret of each name asked for. */
  values: Record<string, string>;
}

/**
 * A fresh secret: 256 random bits in hex, after a letter, because nats-server reads a substituted
 * variable that starts with digits or a sign ("12e4…", "-3…") as a number. Every generated password
 * and key comes from here.
 */
export function freshSecret(): string {
  return `s${randomBytes(32).toString('hex')}`;
}

/**
 * The embedded default's secrets (token signing, session sealing, database and NATS passwords):
 * generated on the data folder's first start, kept in `<dataDir>/secrets.json` readable by its
 * owner alone, and read back on every later start, so that the database roles, the NATS users and
 * signed-in sessions keep working. None is written in the source. A name asked for that the file
 * does not hold yet (a newer version needs one more) is generated and added.
 */
export function embeddedSecrets(dataDir: string, names: readonly string[]): EmbeddedSecrets {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, embeddedSecretsFile);
  const created = !existsSync(file);
  const kept: Record<string, string> = created ? {} : JSON.parse(readFileSync(file, 'utf8'));
  const missing = names.filter((name) => typeof kept[name] !== 'string' || !kept[name]);
  for (const name of missing) kept[name] = freshSecret();
  if (missing.length) {
    // Written whole under another name, then renamed: a stop half-way never leaves half a file.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, `${JSON.stringify(kept, null, 2)}\n`, { mode: 0o600 });
    renameSync(partial, file);
  }
  // Only its owner reads it, even if someone widened it since.
  chmodSync(file, 0o600);
  return { file, created, values: Object.fromEntries(names.map((name) => [name, kept[name]])) };
}
