import { fieldErrors, refusalText, refusedStatus, rowRefusals } from './api';

describe('a refused answer on a page', () => {
  const refused = {
    status: 400,
    body: {
      code: 'request.invalid-fields',
      detail: 'startsAt: Invalid ISO datetime; capacity: Too small: expected number to be >=1',
      errors: [
        { code: 'field.not-a-date', field: 'startsAt', detail: 'Invalid ISO datetime' },
        { code: 'field.out-of-range', field: 'capacity', detail: 'Too small: expected number to be >=1' },
      ],
    },
  };

  it('shows each field the text of its code in the person’s language, never the validator’s words', () => {
    expect(fieldErrors(refused, 'title', 'fr')).toEqual({ startsAt: 'Saisissez une date valide.', capacity: 'Cette valeur est hors de la plage permise.' });
    expect(fieldErrors(refused, 'title', 'en')).toEqual({ startsAt: 'Enter a valid date.', capacity: 'This value is outside the allowed range.' });
  });

  it('shows a refusal without fields next to the fallback field, from its code, not its detail', () => {
    const full = { status: 409, body: { code: 'gathering.full', detail: 'response: the gathering is full (2 going)', errors: [{ code: 'gathering.full', field: 'response', detail: 'the gathering is full (2 going)' }] } };
    expect(fieldErrors(full, 'title', 'fr')).toEqual({ response: 'La rencontre est complète.' });
    const answered = { status: 409, body: { code: 'survey.already-answered', detail: 'you already answered this survey' } };
    expect(fieldErrors(answered, 'title', 'en')).toEqual({ title: 'You already answered this survey.' });
  });

  it('puts each error on the page’s field of its path, and one about a field the page does not have on the fallback field', () => {
    const answer = {
      status: 400,
      body: {
        code: 'request.invalid-fields',
        errors: [
          { code: 'request.invalid-fields', field: 'organizationIds.1', detail: 'Invalid uuid' },
          { code: 'request.invalid-fields', field: 'kickOff.amount', detail: 'Expected number, received null' },
          { code: 'request.invalid-fields', field: 'remote', detail: 'Expected boolean' },
        ],
      },
    };
    const onPage = { organizationIds: 'partners', 'kickOff.amount': 'kickOffAmount', kickOff: 'kickOffDue' };
    expect(Object.keys(fieldErrors(answer, 'title', 'fr', onPage))).toEqual(['partners', 'kickOffAmount', 'title']);
    expect(Object.keys(fieldErrors(answer, 'title', 'fr'))).toEqual(['organizationIds.1', 'kickOff.amount', 'remote']);
  });

  it('shows a refused form again as 400 (values not accepted as given) or 422 (refused by the rules), a person’s refusal as 403', () => {
    expect(refusedStatus(undefined)).toBe(400);
    expect([400, 404, 409, 422, 403].map((status) => refusedStatus({ status, body: {} }))).toEqual([400, 422, 422, 422, 403]);
  });

  it('says what the status means when the answer has no code of the catalogue', () => {
    expect(refusalText({ status: 404, body: 'Cannot GET /x' }, 'fr')).toBe('Cette page ou cet élément n’existe pas.');
    expect(refusalText({ status: 409, body: { code: 'no.such-code', detail: 'd2b1c3e0-0000-4000-8000-000000000000' } }, 'en')).toBe('This cannot be done in the current state.');
  });

  it('lists a join log’s refused lines with the text of each line’s code', () => {
    const answer = {
      status: 422,
      body: {
        code: 'join-log.unusable-rows',
        rowErrors: [
          { line: 6, code: 'join-log.no-match', who: 'Someone Else', reason: 'no member matches Someone Else' },
          { line: 19, code: 'join-log.malformed-row', reason: 'malformed line: Quote Not Closed' },
        ],
      },
    };
    expect(rowRefusals(answer, 'fr')).toEqual([
      { line: 6, reason: 'Someone Else — Aucun membre ne correspond à cette ligne.' },
      { line: 19, reason: 'Cette ligne est illisible.' },
    ]);
  });
});
