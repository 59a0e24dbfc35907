/** Reads a Server-Sent Events response until an event of `type` arrives, and gives its data. */
export async function firstEvent(response: Response, type: string): Promise<unknown> {
  const reader = response.body!.getReader();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the stream ended before an event of type ${type}`);
    text += new TextDecoder().decode(value);
    const match = new RegExp(`event: ${type}\\ndata: (.*)\\n\\n`).exec(text);
    if (match) return JSON.parse(match[1]!);
  }
}
