import { withoutAddresses } from './mail-sender';

describe('a mail server’s refusal as kept in traces, logs and the queue', () => {
  it('replaces every e-mail address, however the server quotes it, and keeps the rest', () => {
    expect(withoutAddresses('550 5.1.1 <renee.tremblay@example.org>: Recipient address rejected')).toBe('550 5.1.1 <<address>>: Recipient address rejected');
    expect(withoutAddresses('Error: Can\'t send mail - all recipients were rejected: 550 "a.b@exemple.qc.ca" unknown; c@d.org')).toBe('Error: Can\'t send mail - all recipients were rejected: 550 "<address>" unknown; <address>');
    expect(withoutAddresses('421 Service not available, closing transmission channel')).toBe('421 Service not available, closing transmission channel');
  });
});
