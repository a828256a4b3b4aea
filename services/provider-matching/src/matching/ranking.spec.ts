import { Candidate, NeedToMatch, PastDecline, rankProviders } from './ranking';

const now = new Date('2026-11-01T12:00:00Z');
const profileDate = new Date('2026-01-01T00:00:00Z');

function provider(providerId: string, overrides: Partial<Candidate>): Candidate {
  return {
    providerId,
    offerings: [],
    languages: ['fr'],
    provincesServed: [],
    remote: false,
    costModel: { kind: 'free', feeRange: null },
    capacity: 3,
    activeEngagements: 0,
    profileUpdatedAt: profileDate,
    responses: { due: 0, onTime: 0 },
    ratings: { count: 0, average: null },
    declines: [],
    recentLeads: 0,
    ...overrides,
  };
}

const remoteCyber = provider('a0000000-0000-4000-8000-00000000000a', {
  offerings: [{ dimensions: ['cybersecurity'], stages: [1, 2] }],
  languages: ['fr', 'en'],
  remote: true,
});
const ontarioCyber = provider('b0000000-0000-4000-8000-00000000000b', {
  offerings: [{ dimensions: ['cybersecurity', 'digital-tools'], stages: [2, 3] }],
  languages: ['en'],
  provincesServed: ['ON'],
  costModel: { kind: 'fee', feeRange: { min: 500, max: 2000 } },
  capacity: 2,
});
const quebecData = provider('c0000000-0000-4000-8000-00000000000c', {
  offerings: [{ dimensions: ['data-governance'], stages: [1, 2, 3] }],
  provincesServed: ['QC'],
  costModel: { kind: 'subsidised', feeRange: { min: 0, max: 1000 } },
  capacity: 1,
});
const advancedCyber = provider('d0000000-0000-4000-8000-00000000000d', {
  offerings: [{ dimensions: ['cybersecurity'], stages: [4, 5] }],
  provincesServed: ['QC'],
  costModel: { kind: 'fee', feeRange: { min: 3000, max: 8000 } },
  capacity: 5,
});
const catalogue = [remoteCyber, ontarioCyber, quebecData, advancedCyber];

const need = (id: string, overrides: Partial<NeedToMatch>): NeedToMatch => ({
  id,
  dimension: 'cybersecurity',
  currentStage: 1,
  targetStage: 2,
  language: 'fr',
  province: 'QC',
  budgetMax: 1000,
  stageNames: { 1: { fr: 'Émergent', en: 'Emerging' }, 2: { fr: 'En développement', en: 'Developing' } },
  ...overrides,
});
const quebecCyber = need('10000000-0000-4000-8000-000000000001', {});
const ontarioCyberNeed = need('10000000-0000-4000-8000-000000000002', { language: 'en', province: 'ON', budgetMax: 2500 });
const dataNeed = need('10000000-0000-4000-8000-000000000003', { dimension: 'data-governance', currentStage: null, targetStage: null, budgetMax: null });

const order = (suggestions: { providerId: string }[]) => suggestions.map((s) => s.providerId);
const points = (suggestion: { factors: { key: string; points: number }[] }) => Object.fromEntries(suggestion.factors.map((f) => [f.key, f.points]));

describe('matching: ranked, explained provider suggestions for a need', () => {
  it.each([
    {
      name: 'French cybersecurity need in Quebec, budget 1,000 $',
      need: quebecCyber,
      expected: [
        [remoteCyber, 90.5, { fit: 40, language: 15, region: 8, cost: 10, capacity: 10, 'response-record': 5, ratings: 2.5 }],
        [ontarioCyber, 59.5, { fit: 40, language: 0, region: 0, cost: 5, capacity: 7, 'response-record': 5, ratings: 2.5 }],
        [advancedCyber, 58.5, { fit: 16, language: 15, region: 10, cost: 0, capacity: 10, 'response-record': 5, ratings: 2.5 }],
      ],
    },
    {
      name: 'English cybersecurity need in Ontario, budget 2,500 $',
      need: ontarioCyberNeed,
      expected: [
        [remoteCyber, 90.5, { fit: 40, language: 15, region: 8, cost: 10 }],
        [ontarioCyber, 87.5, { fit: 40, language: 15, region: 10, cost: 8 }],
        [advancedCyber, 33.5, { fit: 16, language: 0, region: 0, cost: 0 }],
      ],
    },
    {
      name: 'data governance need with no stage and no budget',
      need: dataNeed,
      expected: [[quebecData, 82.5, { fit: 40, language: 15, region: 10, cost: 6, capacity: 4 }]],
    },
  ] as const)('ranks and explains: $name', ({ need: n, expected }) => {
    const suggestions = rankProviders(n, catalogue, now);
    expect(order(suggestions)).toEqual(expected.map(([p]) => p.providerId));
    suggestions.forEach((s, i) => {
      expect(s).toMatchObject({ rank: i + 1, score: expected[i][1], full: false });
      expect(points(s)).toMatchObject(expected[i][2]);
      expect(s.score).toBe(s.factors.reduce((sum, f) => sum + f.points, 0));
    });
  });

  it('explains every factor in French and English', () => {
    const [, second] = rankProviders(quebecCyber, catalogue, now);
    const byKey = Object.fromEntries(second.factors.map((f) => [f.key, f.explanation]));
    // Stages by name, provinces by name, amounts and plurals as each language writes them.
    expect(byKey.fit).toEqual({ fr: 'Offre un accompagnement à l’étape visée (2 – En développement)', en: 'Offers support at the target stage (2 – Developing)' });
    expect(byKey.language).toEqual({ fr: 'Ne travaille pas en français', en: 'Does not work in French' });
    expect(byKey.region).toEqual({ fr: 'Ne sert pas Québec et ne travaille pas à distance', en: 'Does not serve Quebec nor work remotely' });
    expect(byKey.cost).toEqual({ fr: 'Tarif (500\u00a0$ à 2\u00a0000\u00a0$) en partie dans le budget', en: 'Fee ($500 to $2,000) partly within the budget' });
    expect(byKey.capacity).toEqual({ fr: '2 places libres', en: '2 open engagement slots' });
    expect(second.factors.every((f) => f.explanation.fr && f.explanation.en && f.explanation.fr !== f.explanation.en)).toBe(true);
  });

  it('uses the response record and the ratings from past engagements', () => {
    const reliable = { ...ontarioCyber, responses: { due: 4, onTime: 4 }, ratings: { count: 2, average: 5 } };
    const slow = { ...ontarioCyber, providerId: 'e0000000-0000-4000-8000-00000000000e', responses: { due: 4, onTime: 1 }, ratings: { count: 3, average: 2 } };
    const [first, second] = rankProviders(ontarioCyberNeed, [slow, reliable], now);
    expect(first).toMatchObject({ providerId: reliable.providerId });
    expect(points(first)).toMatchObject({ 'response-record': 10, ratings: 5 });
    expect(points(second)).toMatchObject({ 'response-record': 2.5, ratings: 1.3 });
    expect(second.factors.find((f) => f.key === 'response-record')!.explanation).toEqual({ fr: 'A répondu dans le délai promis à 1 demande sur 4', en: 'Answered 1 of 4 requests within the promised time' });
    expect(second.factors.find((f) => f.key === 'ratings')!.explanation).toEqual({ fr: 'Noté 2 / 5 par 3 organismes', en: 'Rated 2 / 5 by 3 organizations' });
  });

  it('does not suggest a full provider first, whatever its score', () => {
    const busy = { ...remoteCyber, activeEngagements: 3 };
    const suggestions = rankProviders(quebecCyber, [busy, ontarioCyber, advancedCyber], now);
    expect(order(suggestions)).toEqual([ontarioCyber.providerId, advancedCyber.providerId, busy.providerId]);
    expect(suggestions[2]).toMatchObject({ full: true, score: 80.5 });
    expect(suggestions[2].factors.find((f) => f.key === 'capacity')).toMatchObject({ points: 0, explanation: { en: 'No open engagement slot' } });
  });

  it('rotates the lead among providers that fit equally, but never above a better fit', () => {
    const twins = ['f1', 'f2', 'f3'].map((suffix) => provider(`f0000000-0000-4000-8000-0000000000${suffix}`, { offerings: [{ dimensions: ['culture'], stages: [1, 2, 3] }], remote: true }));
    const leads = new Map<string, number>();
    const leaders: string[] = [];
    for (let i = 1; i <= 6; i++) {
      const candidates = twins.map((t) => ({ ...t, recentLeads: leads.get(t.providerId) ?? 0 }));
      const [leader] = rankProviders(need(`20000000-0000-4000-8000-00000000000${i}`, { dimension: 'culture' }), candidates, now);
      leaders.push(leader.providerId);
      leads.set(leader.providerId, (leads.get(leader.providerId) ?? 0) + 1);
    }
    expect(new Set(leaders.slice(0, 3)).size).toBe(3);
    expect(new Set(leaders.slice(3)).size).toBe(3);

    const better = { ...twins[0], providerId: 'f0000000-0000-4000-8000-0000000000f9', languages: ['fr', 'en'], recentLeads: 10, ratings: { count: 1, average: 5 } };
    const [leader] = rankProviders(need('20000000-0000-4000-8000-000000000009', { dimension: 'culture' }), [...twins, better], now);
    expect(leader.providerId).toBe(better.providerId);
  });

  describe('learns from decline reasons', () => {
    const decline = (overrides: Partial<PastDecline>): PastDecline => ({
      reason: 'outside-expertise',
      dimension: 'cybersecurity',
      language: 'en',
      province: 'ON',
      budgetMax: 2500,
      declinedAt: new Date('2026-10-01T00:00:00Z'),
      ...overrides,
    });

    it('lowers a provider that declined similar needs as outside its expertise', () => {
      const declined = { ...remoteCyber, declines: [decline({})] };
      const suggestions = rankProviders(ontarioCyberNeed, [declined, ontarioCyber], now);
      expect(order(suggestions)).toEqual([ontarioCyber.providerId, remoteCyber.providerId]);
      expect(suggestions[1].factors.find((f) => f.key === 'declines')).toMatchObject({ points: -10, explanation: { en: 'Declined 1 similar request (outside its expertise)', fr: 'A décliné 1 demande semblable (hors de son expertise)' } });
    });

    it('ignores declines that do not resemble the need, and old ones', () => {
      const unrelated = [
        decline({ dimension: 'culture' }),
        decline({ reason: 'language', language: 'fr' }),
        decline({ reason: 'region', province: 'BC' }),
        decline({ reason: 'budget', budgetMax: 1000 }),
        decline({ reason: 'timing' }),
        decline({ declinedAt: new Date('2025-06-01T00:00:00Z') }),
      ];
      const [suggestion] = rankProviders(ontarioCyberNeed, [{ ...remoteCyber, declines: unrelated }], now);
      expect(suggestion.factors.map((f) => f.key)).not.toContain('declines');
      expect(suggestion.score).toBe(90.5);
    });

    it('treats a provider that declined for lack of capacity as full until it updates its profile', () => {
      const saidFull = { ...remoteCyber, declines: [decline({ reason: 'no-capacity' })] };
      expect(order(rankProviders(ontarioCyberNeed, [saidFull, ontarioCyber], now))).toEqual([ontarioCyber.providerId, remoteCyber.providerId]);
      const updated = { ...saidFull, profileUpdatedAt: new Date('2026-10-15T00:00:00Z') };
      expect(order(rankProviders(ontarioCyberNeed, [updated, ontarioCyber], now))).toEqual([remoteCyber.providerId, ontarioCyber.providerId]);
    });

    it('caps the penalty of repeated declines', () => {
      const many = { ...remoteCyber, declines: [decline({}), decline({}), decline({ reason: 'language' }), decline({ reason: 'region' }), decline({ reason: 'budget' })] };
      const [suggestion] = rankProviders(ontarioCyberNeed, [many], now);
      expect(points(suggestion).declines).toBe(-30);
    });
  });

  it('is deterministic: the same inputs in any order give the same list', () => {
    const first = rankProviders(quebecCyber, catalogue, now);
    expect(rankProviders(quebecCyber, [...catalogue].reverse(), now)).toEqual(first);
    expect(rankProviders(quebecCyber, catalogue, now)).toEqual(first);
  });

  it('suggests at most the limit asked for', () => {
    const many = Array.from({ length: 25 }, (_, i) => provider(`30000000-0000-4000-8000-${String(i).padStart(12, '0')}`, { offerings: [{ dimensions: ['cybersecurity'], stages: [2] }], remote: true }));
    expect(rankProviders(quebecCyber, many, now)).toHaveLength(10);
    expect(rankProviders(quebecCyber, many, now, 3).map((s) => s.rank)).toEqual([1, 2, 3]);
  });
});
