// The one way demo code creates DOM: attributes and text content, never HTML strings.

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  if (text !== undefined) el.textContent = text;
  return el;
}

let idCounter = 0;

/** A document-unique id for pairing a label with its control. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${++idCounter}`;
}
