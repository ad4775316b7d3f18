import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import type { OutgoingMessage } from '../../../server/channels/types.ts';
import type { ContactRow, OutboxRow } from '../../../server/store/types.ts';

export function outboxRow(over: Partial<OutboxRow> = {}): OutboxRow {
  return {
    id: 'run-1:welcome:1', runId: 'run-1', funnelId: 'f-1', contactId: 'c-1', node: 'welcome', channel: 'email',
    marketing: true, payload: { subject: 'Hello', body: 'Hi' }, dueAt: 0, status: 'pending', attempts: 0,
    nextAttemptAt: 0, lastError: null, reply: null, sentAt: null, createdAt: 0, ...over,
  };
}

export function contactRow(attributes: Record<string, unknown>): ContactRow {
  return { id: 'c-1', attributes, consents: { email: true, sms: true, telegram: true }, tags: [], segments: [], createdAt: 0, updatedAt: 0 };
}

export const message = (row: OutboxRow, contact: ContactRow, unsubscribeUrl = 'https://voronka.test/u/c-1/email?sig=abc'): OutgoingMessage => ({ row, contact, unsubscribeUrl });

/** A local port nothing listens on (a connection to it is refused: a network failure worth a retry). Port 1 will not do: fetch refuses it outright. */
export const closedPort = (): Promise<number> =>
  new Promise((res) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => res(port));
    });
  });

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP server on 127.0.0.1; `respond` decides each answer (default 200 "ok"). */
export async function httpReceiver(respond: (req: SeenRequest, res: ServerResponse) => void = (_, res) => res.end('ok')) {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(r);
      respond(r, res);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

export const reply = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

/** A real SMTP server on 127.0.0.1; addresses in `reject` get the given SMTP reply code. */
/** A local SMTP server keeping each message's raw source; `delayMs` holds each answer back that long (a slow provider). */
export async function smtpReceiver(reject: Record<string, number> = {}, login?: { user: string; pass: string }, delayMs = 0) {
  const raw: string[] = [];
  const server = new SMTPServer({
    // with `login`, only that user and password get in (no TLS on loopback)
    ...(login
      ? {
          authMethods: ['PLAIN', 'LOGIN'],
          allowInsecureAuth: true,
          onAuth(auth, _session, cb) {
            if (auth.username === login.user && auth.password === login.pass) return cb(null, { user: login.user });
            cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
          },
        }
      : { authOptional: true }),
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, cb) {
      const code = reject[address.address];
      if (!code) return cb();
      const err = Object.assign(new Error(`${code} mailbox refused`), { responseCode: code });
      cb(err);
    },
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => { raw.push(Buffer.concat(chunks).toString('utf8')); setTimeout(cb, delayMs); });
    },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, port, raw, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

// --- a small RFC 822 / MIME reader (mailparser is not installed) ---

const splitHead = (s: string) => {
  const i = s.indexOf('\r\n\r\n');
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 4)];
};

/** Header fields, unfolded, keyed by lower-case name (the first occurrence). */
export function headersOf(rawHead: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of rawHead.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] ??= line.slice(i + 1).trim();
  }
  return out;
}

const utf8 = (bytes: number[]) => Buffer.from(bytes).toString('utf8');
export function decodeQp(s: string): string {
  const bytes: number[] = [];
  const t = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '=' && /^[0-9A-F]{2}$/i.test(t.slice(i + 1, i + 3))) { bytes.push(parseInt(t.slice(i + 1, i + 3), 16)); i += 2; }
    else bytes.push(...Buffer.from(t[i], 'utf8'));
  }
  return utf8(bytes);
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`). */
export function decodeWords(s: string): string {
  return s
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_, _cs, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQp(text.replace(/_/g, ' ')));
}

export interface ParsedMail {
  headers: Record<string, string>;
  parts: { type: string; body: string }[];
}

/** Headers of the message and the decoded leaf parts of a (possibly multipart) message. */
export function parseMail(raw: string): ParsedMail {
  const [head, body] = splitHead(raw);
  const headers = headersOf(head);
  const parts: ParsedMail['parts'] = [];
  const walk = (h: Record<string, string>, b: string) => {
    const type = (h['content-type'] ?? 'text/plain').split(';')[0].trim().toLowerCase();
    const boundary = /boundary="?([^";]+)"?/i.exec(h['content-type'] ?? '')?.[1];
    if (type.startsWith('multipart/') && boundary) {
      for (const chunk of b.split(`--${boundary}`).slice(1)) {
        if (chunk.startsWith('--')) break;
        const [ph, pb] = splitHead(chunk.replace(/^\r\n/, ''));
        walk(headersOf(ph), pb.replace(/\r\n$/, ''));
      }
      return;
    }
    const enc = (h['content-transfer-encoding'] ?? '7bit').toLowerCase();
    const text = enc === 'base64' ? Buffer.from(b.replace(/\s+/g, ''), 'base64').toString('utf8') : enc === 'quoted-printable' ? decodeQp(b) : b;
    parts.push({ type, body: text.replace(/\r\n/g, '\n') });
  };
  walk(headers, body);
  return { headers, parts };
}
