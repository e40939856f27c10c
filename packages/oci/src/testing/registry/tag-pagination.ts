import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';

/** Which page of a tag list to serve: `n` tags after `last` (distribution spec pagination). */
export interface TagPage {
  readonly name: string;
  readonly n: number;
  readonly last: string | null;
}

/**
 * Serves one page of `GET /v2/NAME/tags/list?n=&last=` from the full list the upstream registry
 * gives (distribution 2.8 ignores `n`): tags sorted, a `Link: <…>; rel="next"` while more remain.
 */
export function serveTagPage(upstream: URL, req: IncomingMessage, res: ServerResponse, page: TagPage): void {
  const up = httpRequest(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: 'GET',
      path: `/v2/${page.name}/tags/list`,
      headers: req.headers,
      agent: false,
    },
    async (upRes) => {
      const chunks: Buffer[] = [];
      for await (const chunk of upRes) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString('utf8');
      if (upRes.statusCode !== 200) {
        res.writeHead(upRes.statusCode ?? 502, upRes.rawHeaders);
        res.end(body);
        return;
      }
      const all = ((JSON.parse(body) as { tags?: string[] | null }).tags ?? []).sort();
      const last = page.last;
      const after = last === null ? all : all.filter((tag) => tag > last);
      const tags = after.slice(0, page.n);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const lastOfPage = tags[tags.length - 1];
      if (after.length > page.n && lastOfPage !== undefined) {
        headers.link = `</v2/${page.name}/tags/list?n=${page.n}&last=${encodeURIComponent(lastOfPage)}>; rel="next"`;
      }
      res.writeHead(200, headers);
      res.end(JSON.stringify({ name: page.name, tags }));
    },
  );
  up.on('error', () => res.destroy());
  up.end();
}
