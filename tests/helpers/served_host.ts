/**
 * The local HTTP host run as a real process (scripts/serve.mjs or scripts/start.mjs): the URL it
 * prints, and calls of its API with the token of that URL.
 */
import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';

/** The `Siting Planner: http://127.0.0.1:…/?token=…` URL the host prints, and what it printed until then. */
export function servedUrl(child: ChildProcessByStdio<null, Readable, Readable>, timeoutMs: number): Promise<{ url: URL; output: string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/Siting Planner: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/);
      if (match) {
        clearTimeout(timer);
        resolve({ url: new URL(match[1]), output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`the host exited with ${code}:\n${output}`)));
  });
}

/** POSTs `input` to the host's `/api/<channel>` with the URL's session token; the HTTP response. */
export function postApi(url: URL, channel: string, input: unknown): Promise<Response> {
  return fetch(`${url.origin}/api/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${url.searchParams.get('token')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
}
