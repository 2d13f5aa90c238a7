/**
 * A tiny element builder. Text always goes in through textContent, never
 * innerHTML, so nothing an update carries can become markup.
 */
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, v);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`dashboard markup is missing #${id}`);
  return el as T;
}

/** Replace an element's children in one go. */
export function replaceChildren(el: Element, children: Node[]): void {
  el.replaceChildren(...children);
}

/** A localStorage value, or null where storage is off (private windows, file:, a blocked origin). */
export function safeStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Keeps a localStorage value where storage works; false where it is off or full. */
export function safeStore(key: string, value: string): boolean {
  try {
    localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}
