import { simpleParser, ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server in the test's process: what it accepted, parsed; addresses it refuses for good (550). */
export class MailServer {
  readonly received: ParsedMail[] = [];
  private server?: SMTPServer;
  constructor(
    readonly port: number,
    private readonly refused: string[] = [],
    /** Runs once a message's data is in and kept, before the server answers the sender (a crash test kills the sender here). */
    private readonly beforeAnswer?: (mail: ParsedMail) => Promise<void>,
  ) {}

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, callback) =>
        this.refused.includes(address.address) ? callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 })) : callback(),
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then(async (mail) => {
            this.received.push(mail);
            await this.beforeAnswer?.(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
    this.server = undefined;
  }

  /** The messages received by one address. */
  to(address: string): ParsedMail[] {
    return this.received.filter((mail) => recipientOf(mail) === address);
  }
}

export const recipientOf = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)!.value[0].address!;
