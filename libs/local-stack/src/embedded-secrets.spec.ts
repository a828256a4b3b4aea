import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedSecrets } from './embedded-secrets';

describe('the embedded default’s secrets', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'ccndr-secrets-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('are generated on the data folder’s first start into a file only its owner may read, and reused afterwards', () => {
    const first = embeddedSecrets(dataDir, ['AUTH_JWT_SECRET', 'NATS_COMMUNITY_PASSWORD']);
    expect(first.created).toBe(true);
    expect(first.file).toBe(join(dataDir, 'secrets.json'));
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    expect(first.values.AUTH_JWT_SECRET).toMatch(/^[a-z][0-9a-f]{64}$/);
    expect(first.values.NATS_COMMUNITY_PASSWORD).not.toBe(first.values.AUTH_JWT_SECRET);
    expect(JSON.parse(readFileSync(first.file, 'utf8'))).toEqual(first.values);

    const again = embeddedSecrets(dataDir, ['AUTH_JWT_SECRET', 'NATS_COMMUNITY_PASSWORD']);
    expect(again).toEqual({ ...first, created: false });
  });

  it('adds a secret a later version asks for, keeping the others', () => {
    const first = embeddedSecrets(dataDir, ['AUTH_JWT_SECRET']);
    const later = embeddedSecrets(dataDir, ['AUTH_JWT_SECRET', 'SESSION_SECRET']);
    expect(later.values.AUTH_JWT_SECRET).toBe(first.values.AUTH_JWT_SECRET);
    expect(later.values.SESSION_SECRET).toMatch(/^[a-z][0-9a-f]{64}$/);
    expect(JSON.parse(readFileSync(later.file, 'utf8'))).toEqual(later.values);
  });

  it('narrows the file back to its owner when someone widened it', () => {
    const { file } = embeddedSecrets(dataDir, ['AUTH_JWT_SECRET']);
    chmodSync(file, 0o644);
    embeddedSecrets(dataDir, ['AUTH_JWT_SECRET']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('are different in every data folder', () => {
    const other = mkdtempSync(join(tmpdir(), 'ccndr-secrets-'));
    try {
      expect(embeddedSecrets(other, ['AUTH_JWT_SECRET']).values).not.toEqual(embeddedSecrets(dataDir, ['AUTH_JWT_SECRET']).values);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
