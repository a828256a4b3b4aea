import { codesignOrganizationsKey, prototypes, smallCellThreshold, suppressSmallCount } from '@ccndr/indicators';
import { asOf, beforeEnd, Indicator, inPeriod, live, liveOr, measured, oneDecimal, Section, tookPlace } from './indicator';

/**
 * Latest join or leave per circle and member: who is active in the working groups at the period's end (shown beside those
 * ever active). Live, as the rollup keeps it (circle_memberships, migration 1764000018010).
 */
const activeCircleMembers = liveOr(
  `SELECT circle_id, member_id, organization_id FROM circle_memberships WHERE consortium_id = $1 AND active`,
  `SELECT circle_id, member_id, organization_id FROM (
    SELECT DISTINCT ON (circle_id, member_id) circle_id, member_id, organization_id, joined FROM circle_membership_changes
    WHERE consortium_id = $1 AND ${beforeEnd('at')} ORDER BY circle_id, member_id, at DESC, joined) latest
  WHERE joined`,
);

/** A working group's counts as they may be shown: a handful of people would be pointed at, so 1 to 4 are null ("<5"). */
const workingGroupCounts = (c: { circleId: string; prototype: number; members: number; organizations: number; membersNow: number; organizationsNow: number }) => ({
  ...c,
  members: suppressSmallCount(c.members),
  organizations: suppressSmallCount(c.organizations),
  membersNow: suppressSmallCount(c.membersNow),
  organizationsNow: suppressSmallCount(c.organizationsNow),
});

/** Who was ever a member of a working group in the period: a member when it began, or joined during it. Live: every member the rollup keeps. */
const everActiveCircleMembers = liveOr(
  `SELECT circle_id, member_id, organization_id FROM circle_memberships WHERE consortium_id = $1`,
  `SELECT circle_id, member_id, organization_id FROM circle_membership_changes WHERE consortium_id = $1 AND joined AND ${inPeriod('at')}
  UNION
  SELECT circle_id, member_id, organization_id FROM (
    SELECT DISTINCT ON (circle_id, member_id) circle_id, member_id, organization_id, joined FROM circle_membership_changes
    WHERE consortium_id = $1 AND $2::timestamptz IS NOT NULL AND at < $2::timestamptz ORDER BY circle_id, member_id, at DESC, joined) at_start
  WHERE joined`,
);

/**
 * Attendance of those registered who were reminded, beside those who were not. Both rates are
 * withheld while either group has 1 to 4 registrations: beside the overall rate, the rate shown
 * would give the other away.
 */
function reminderEffect(groups: { reminded: number; remindedAttended: number; notReminded: number; notRemindedAttended: number }): Indicator[] {
  const sizes = [groups.reminded, groups.notReminded].filter((n) => n > 0);
  const drawnFrom = sizes.length ? Math.min(...sizes) : 0;
  const group = (key: string, registered: number, attended: number) => {
    const indicator = measured(key, registered ? oneDecimal((100 * attended) / registered) : null, { registered, attendedOfRegistered: attended }, { drawnFrom });
    return indicator.suppressed ? { ...indicator, breakdown: { registered: null, attendedOfRegistered: null } } : indicator;
  };
  return [
    group('o2.attendance-rate.reminded', groups.reminded, groups.remindedAttended),
    group('o2.attendance-rate.not-reminded', groups.notReminded, groups.notRemindedAttended),
  ];
}

/*
 * Outcome 2 — participation through consortium meetings and working groups — in five sections,
 * each recomputed only when an event changes its facts (sections.ts): an attendance recomputes the
 * attendance rate and who took part, not the working groups, the self-identification snapshots or
 * knowledge sharing. Together they list the outcome's indicators in the programme's order.
 */

/** A held gathering's entry in the attendance rate's breakdown, from a row of its counts (`gathering_id`, `kind`, `starts_at`, `registered`, `attended`, `registered_attended`). */
const gatheringEntry = `jsonb_build_object('gatheringId', gathering_id, 'kind', kind, 'startsAt', starts_at, 'registered', registered, 'attended', attended,
  'attendedOfRegistered', registered_attended, 'rate', CASE WHEN registered > 0 THEN round(100.0 * registered_attended / registered, 1) END)`;

/**
 * The live attendance rate's entry for each gathering held, of the consortium `consortium` (an SQL
 * expression), read from the rollups when the indicator is read: the list grows with the
 * consortium's history, so the refresher keeps it out of the stored row (which holds the totals),
 * and a change rewrites one gathering's rollup, not the list.
 */
export const liveGatheringEntries = (consortium: string) => `
  SELECT coalesce(jsonb_agg(${gatheringEntry} ORDER BY starts_at), '[]') FROM (
    SELECT g.gathering_id, g.kind, g.starts_at, coalesce(x.registered, 0) AS registered, coalesce(x.attended, 0) AS attended, coalesce(x.registered_attended, 0) AS registered_attended
    FROM gatherings g LEFT JOIN gathering_rollups x ON x.consortium_id = g.consortium_id AND x.gathering_id = g.gathering_id
    WHERE g.consortium_id = ${consortium} AND NOT g.cancelled AND g.starts_at < now()) held`;

/** Meeting attendance: each held gathering's registrations, reminders and attendance, and what is to come. */
export const outcome2Attendance: Section = {
  keys: ['o2.attendance-rate'],
  facts: `WITH held AS (
         -- Only gatherings that have taken place: those registered for one still to come are not no-shows.
         SELECT gathering_id, kind, starts_at FROM gatherings g WHERE g.consortium_id = $1 AND NOT g.cancelled AND ${tookPlace('g.starts_at')}),
       -- Each gathering's registrations, attendance and reminders (gathering_counts, migration 1764000017100). Live (no
       -- period), as its rollup keeps them (gathering_rollups), rather than every registration and attendance of the history.
       per_gathering AS (
         SELECT h.gathering_id, h.kind, h.starts_at, n.registered, n.attended, n.registered_attended, n.reminded, n.reminded_attended
         FROM held h CROSS JOIN LATERAL gathering_counts($1, h.gathering_id, $3::timestamptz) n
         WHERE NOT ${live}
         UNION ALL
         SELECT h.gathering_id, h.kind, h.starts_at, coalesce(x.registered, 0), coalesce(x.attended, 0), coalesce(x.registered_attended, 0), coalesce(x.reminded, 0), coalesce(x.reminded_attended, 0)
         FROM held h LEFT JOIN gathering_rollups x ON x.consortium_id = $1 AND x.gathering_id = h.gathering_id
         WHERE ${live}),
       upcoming AS (SELECT count(*)::int AS gatherings, min(starts_at) AS next_starts_at FROM gatherings WHERE consortium_id = $1 AND NOT cancelled AND starts_at >= ${asOf})
       SELECT
         -- Each gathering's entry for a period; live, added when the indicator is read (liveGatheringEntries).
         CASE WHEN NOT ${live} THEN (SELECT coalesce(jsonb_agg(${gatheringEntry} ORDER BY starts_at), '[]') FROM per_gathering) END AS gatherings,
         (SELECT sum(registered)::int FROM per_gathering) AS registered,
         (SELECT sum(attended)::int FROM per_gathering) AS attended,
         (SELECT sum(registered_attended)::int FROM per_gathering) AS registered_attended,
         -- Registrations as going to a gathering held, reminded (at least one reminder sent by the period's end) or not, and attended or not.
         (SELECT json_build_object('reminded', coalesce(sum(reminded), 0), 'remindedAttended', coalesce(sum(reminded_attended), 0),
                  'notReminded', coalesce(sum(registered - reminded), 0), 'notRemindedAttended', coalesce(sum(registered_attended - reminded_attended), 0)) FROM per_gathering) AS reminder_groups,
         (SELECT gatherings FROM upcoming) AS upcoming_gatherings,
         (SELECT next_starts_at FROM upcoming) AS next_gathering_starts_at`,
  indicators(facts): Indicator[] {
    return [
      measured('o2.attendance-rate', facts.registered ? oneDecimal((100 * facts.registered_attended) / facts.registered) : null, {
        registered: facts.registered ?? 0,
        attendedOfRegistered: facts.registered_attended ?? 0,
        // Everyone present at the gatherings held, registered or not: a change of any gathering's attendance changes the row.
        attended: facts.attended ?? 0,
        ...(facts.gatherings === null ? {} : { gatherings: facts.gatherings }),
        upcomingGatherings: facts.upcoming_gatherings,
      }),
      ...reminderEffect(facts.reminder_groups),
    ];
  },
  // The attendance rate changes when the next gathering starts, though no event says so.
  recomputeAt: (facts) => facts.next_gathering_starts_at,
};

/** Co-design: the organisations active in each prototype's working groups, and each group's members. */
export const outcome2WorkingGroups: Section = {
  keys: ['o2.codesign-organizations.'],
  facts: `WITH active AS (${activeCircleMembers}),
       ever_active AS (${everActiveCircleMembers})
       SELECT
         -- Organisations ever active in a working group of each prototype: every join counts, a later leave does not undo it.
         (SELECT coalesce(json_object_agg(prototype, n), '{}') FROM (
            SELECT c.prototype, count(DISTINCT m.organization_id)::int AS n FROM circles c
            JOIN ever_active m ON m.circle_id = c.circle_id
            WHERE c.consortium_id = $1 AND c.prototype IS NOT NULL GROUP BY c.prototype) p) AS codesign_by_prototype,
         (SELECT coalesce(json_agg(json_build_object('circleId', c.circle_id, 'prototype', c.prototype, 'members', coalesce(e.members, 0), 'organizations', coalesce(e.organizations, 0),
                  'membersNow', coalesce(n.members, 0), 'organizationsNow', coalesce(n.organizations, 0)) ORDER BY c.prototype NULLS LAST, c.circle_id), '[]')
            FROM circles c
            LEFT JOIN (SELECT circle_id, count(DISTINCT member_id)::int AS members, count(DISTINCT organization_id)::int AS organizations FROM ever_active
                       GROUP BY circle_id) e USING (circle_id)
            LEFT JOIN (SELECT circle_id, count(*)::int AS members, count(DISTINCT organization_id)::int AS organizations FROM active GROUP BY circle_id) n USING (circle_id)
            WHERE c.consortium_id = $1) AS circles`,
  indicators(facts): Indicator[] {
    return prototypes.map((prototype) =>
      measured(codesignOrganizationsKey(prototype), facts.codesign_by_prototype[prototype] ?? 0, {
        circles: facts.circles.filter((c: { prototype: number | null }) => c.prototype === prototype).map(workingGroupCounts),
      }),
    );
  },
};

/** Who took part: the places of the organisations that attended, and the attendees' roles. */
export const outcome2Participants: Section = {
  keys: ['o2.representation.provinces-and-territories', 'o2.representation.countries', 'o2.representation.expertise'],
  // Live, who attended and from which organisations as the rollups keep them (each member's attendance by organisation).
  facts: `WITH attendees AS (${liveOr(`SELECT member_id, organization_id FROM attendance_pairs WHERE consortium_id = $1`, `SELECT member_id, organization_id FROM attended`)}),
       attending_organizations AS (
         SELECT DISTINCT o.organization_id, o.province_or_territory, o.country FROM attendees a
         JOIN organizations o ON o.consortium_id = $1 AND o.organization_id = a.organization_id)
       SELECT
         (SELECT coalesce(json_object_agg(province_or_territory, n), '{}') FROM (
            SELECT province_or_territory, count(*)::int AS n FROM attending_organizations WHERE province_or_territory IS NOT NULL GROUP BY 1) p) AS provinces,
         (SELECT coalesce(json_object_agg(country, n), '{}') FROM (SELECT country, count(*)::int AS n FROM attending_organizations WHERE country IS NOT NULL GROUP BY 1) c) AS countries,
         (SELECT coalesce(json_object_agg(role, n), '{}') FROM (
            -- Each attendee once, then their role (by member, not a scan of attendance per member).
            SELECT m.role, count(*)::int AS n FROM (SELECT DISTINCT member_id FROM attendees) a
            JOIN members m ON m.consortium_id = $1 AND m.member_id = a.member_id GROUP BY m.role) r) AS roles`,
  indicators(facts): Indicator[] {
    return [
      measured('o2.representation.provinces-and-territories', Object.keys(facts.provinces).length, { organizations: facts.provinces }),
      measured('o2.representation.countries', Object.keys(facts.countries).length, { organizations: facts.countries }),
      measured('o2.representation.expertise', Object.keys(facts.roles).length, { people: facts.roles }),
    ];
  },
};

/** A gathering's self-identification snapshot as the breakdowns list it, from a row of `representation_snapshots`. */
const snapshotEntry = `jsonb_build_object('gatheringId', gathering_id, 'attendees', attendees, 'selfIdentified', self_identified, 'ageBands', age_bands, 'identityGroups', identity_groups)`;

/** The snapshots of the consortium `consortium` (an SQL expression), each with its gathering's start (null: not known). */
const snapshotsOf = (consortium: string) => `
  SELECT s.gathering_id, s.attendees, s.self_identified, s.age_bands, s.identity_groups, s.taken_at, g.starts_at
  FROM representation_snapshots s LEFT JOIN gatherings g ON g.consortium_id = s.consortium_id AND g.gathering_id = s.gathering_id
  WHERE s.consortium_id = ${consortium}`;

/**
 * The live self-identification snapshots of the consortium `consortium` (an SQL expression), in
 * their gatherings' order, read when the indicators are read (with `snapshotGroups`): like the
 * attendance rate's gatherings, a list that grows with the history, kept out of the stored rows.
 */
export const liveSnapshotEntries = (consortium: string) => `
  SELECT coalesce(jsonb_agg(${snapshotEntry} ORDER BY starts_at NULLS LAST, gathering_id), '[]') FROM (${snapshotsOf(consortium)}) shown`;

/** The snapshot field each self-identification indicator lists. */
export const snapshotFields = { 'o2.representation.age-bands': 'ageBands', 'o2.representation.identity-groups': 'identityGroups' } as const;

/**
 * Each gathering's self-identification counts of one field as community published them, small
 * counts suppressed (null) whatever the publisher did: the catalogue's rule holds wherever they are shown.
 */
export function snapshotGroups(snapshots: any[], field: 'ageBands' | 'identityGroups') {
  return snapshots.map((s) => ({
    gatheringId: s.gatheringId,
    attendees: s.attendees,
    selfIdentified: suppressSmallCount(s.selfIdentified),
    groups: Object.fromEntries(Object.entries<number | null>(s[field]).map(([group, count]) => [group, suppressSmallCount(count)])),
  }));
}

/** Groups of a snapshot field shown at least once (a count not withheld by the small-count rule), of the snapshots `shown`. */
const representedGroups = (field: string, excluded: string[]) => `
  SELECT count(DISTINCT e.key)::int FROM shown, jsonb_each(shown.${field}) e
  WHERE CASE WHEN jsonb_typeof(e.value) = 'number' THEN e.value::numeric END >= ${smallCellThreshold}${excluded.map((group) => ` AND e.key <> '${group}'`).join('')}`;

/** Self-identification: each gathering's snapshot of its attendees' age bands and identity groups, as community published it. */
export const outcome2SelfIdentification: Section = {
  keys: ['o2.representation.age-bands', 'o2.representation.identity-groups'],
  facts: `WITH shown AS (SELECT * FROM (${snapshotsOf('$1')}) s WHERE ${inPeriod('coalesce(s.starts_at, s.taken_at)')})
       SELECT
         -- The snapshots for a period; live, added when the indicators are read (liveSnapshotEntries).
         CASE WHEN NOT ${live} THEN (SELECT coalesce(jsonb_agg(${snapshotEntry} ORDER BY starts_at NULLS LAST, gathering_id), '[]') FROM shown) END AS snapshots,
         (${representedGroups('age_bands', ['prefer-not-to-say'])}) AS age_bands,
         (${representedGroups('identity_groups', [])}) AS identity_groups`,
  indicators(facts): Indicator[] {
    const gatherings = (field: 'ageBands' | 'identityGroups') => (facts.snapshots === null ? {} : { gatherings: snapshotGroups(facts.snapshots, field) });
    return [
      measured('o2.representation.age-bands', facts.age_bands, gatherings('ageBands')),
      measured('o2.representation.identity-groups', facts.identity_groups, gatherings('identityGroups')),
    ];
  },
};

/** Knowledge sharing: interactions, across organisations, and resources, by month. */
export const outcome2Knowledge: Section = {
  keys: ['o2.knowledge-sharing.'],
  // Live, from each month's counts (knowledge_months) rather than every interaction of the history.
  facts: `SELECT
         (SELECT knowledge FROM (${liveOr(
           `SELECT json_build_object('interactions', coalesce(sum(interactions), 0), 'crossOrganization', coalesce(sum(cross_organization), 0), 'resources', coalesce(sum(resources), 0),
              'threads', coalesce(sum(threads), 0), 'replies', coalesce(sum(replies), 0), 'reactions', coalesce(sum(reactions), 0)) AS knowledge
            FROM knowledge_months WHERE consortium_id = $1`,
           `SELECT json_build_object(
              'interactions', count(*), 'crossOrganization', count(*) FILTER (WHERE cross_organization), 'resources', count(*) FILTER (WHERE kind = 'resource'),
              'threads', count(*) FILTER (WHERE kind = 'thread'), 'replies', count(*) FILTER (WHERE kind = 'reply'), 'reactions', count(*) FILTER (WHERE kind = 'reaction')) AS knowledge
            FROM knowledge_interactions WHERE consortium_id = $1 AND ${inPeriod('at')}`,
         )}) k) AS knowledge,
         (SELECT coalesce(json_agg(json_build_object('month', month, 'interactions', n, 'crossOrganization', cross_n, 'resources', resources) ORDER BY month), '[]') FROM (${liveOr(
           `SELECT to_char(month, 'YYYY-MM') AS month, interactions AS n, cross_organization AS cross_n, resources FROM knowledge_months WHERE consortium_id = $1 AND interactions > 0`,
           `SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, count(*)::int AS n, count(*) FILTER (WHERE cross_organization)::int AS cross_n,
                   count(*) FILTER (WHERE kind = 'resource')::int AS resources
            FROM knowledge_interactions WHERE consortium_id = $1 AND ${inPeriod('at')} GROUP BY 1`,
         )}) m) AS knowledge_by_month`,
  indicators(facts): Indicator[] {
    return [
      measured('o2.knowledge-sharing.interactions', facts.knowledge.interactions, { ...facts.knowledge, months: facts.knowledge_by_month }),
      measured('o2.knowledge-sharing.cross-organization', facts.knowledge.crossOrganization, null),
      measured('o2.knowledge-sharing.resources', facts.knowledge.resources, null),
    ];
  },
};
