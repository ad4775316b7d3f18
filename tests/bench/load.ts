/**
 * The HTTP load generator of the server benchmark, run as its own process so that the client's
 * work (building and parsing requests) does not share the server's event loop and compress the
 * ratios. Usage: `tsx tests/bench/load.ts <url> <seconds> [get|events <type>]`; prints one JSON
 * line: `{ "average": req/s, "non2xx": n, "errors": n }`.
 */
import autocannon from 'autocannon';

const [url, seconds, kind = 'get', type = 'go'] = process.argv.slice(2);
let i = 0;
const res = await autocannon({
  url,
  connections: 50,
  duration: Number(seconds),
  requests:
    kind === 'get'
      ? undefined
      : [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: 'Bearer bench-key' },
            setupRequest: (req) => ({ ...req, body: JSON.stringify({ id: `${type}-${process.pid}-${i}`, type, contactId: `h${i++ % 200_000}` }) }),
          },
        ],
});
console.log(JSON.stringify({ average: res.requests.average, non2xx: res.non2xx, errors: res.errors }));
