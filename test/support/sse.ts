/** A minimal server-sent-events reader over fetch, for tests. */
export interface SseFrame {
  id?: string;
  event?: string;
  data: string;
}

export interface SseReader {
  /** Resolves with the next `n` frames (waits for them). */
  next(n?: number): Promise<SseFrame[]>;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { Accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  if (!res.ok || !res.body) throw new Error(`SSE ${url} answered ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const frames: SseFrame[] = [];
  const pull = async (): Promise<boolean> => {
    const { value, done } = await reader.read();
    if (done) return false;
    buffer += value;
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const frame: SseFrame = { data: '' };
      let hasData = false;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const [field, ...rest] = line.split(':');
        const value = rest.join(':').replace(/^ /, '');
        if (field === 'id') frame.id = value;
        else if (field === 'event') frame.event = value;
        else if (field === 'data') {
          frame.data += (hasData ? '\n' : '') + value;
          hasData = true;
        }
      }
      if (hasData) frames.push(frame);
    }
    return true;
  };
  return {
    async next(n = 1) {
      while (frames.length < n) {
        if (!(await pull())) throw new Error(`stream ended after ${frames.length} frames, wanted ${n}`);
      }
      return frames.splice(0, n);
    },
    close() {
      controller.abort();
    },
  };
}
